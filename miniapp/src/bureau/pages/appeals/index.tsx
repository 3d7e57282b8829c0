/**
 * 申诉处理: the workers' appeals of ratings at the jurisdiction's stations. Each pending appeal shows
 * the rating as the resident gave it (never who), the worker's reason and evidence; the bureau upholds
 * it (the rating no longer counts in any score, and stays stored) or rejects it, with a reason that
 * the worker reads. The latest decisions are listed below. Every decision is in the audit log.
 */
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { CONSOLE_ROUTES } from '@plsr/shared/contract';
import type { Appeal } from '@plsr/shared/schemas';
import { beijingDateTime } from '@plsr/shared/time';
import {
  APPEAL_STATUS_LABELS,
  BAD_REVIEW_REASON_LABELS,
  RATING_LEVEL_LABELS,
  SERVICE_TYPE_LABELS,
  STAFF_ROLE_LABELS,
  type AppealDecision,
  type RatingLevel,
} from '@plsr/shared/vocabulary';
import { roleOf } from '../../../lib/a11y';
import { ChoiceRow } from '../../components/Choice';
import { DataTable, type Column } from '../../components/DataTable';
import { ReasonActions } from '../../components/ReasonActions';
import { Section } from '../../components/Section';
import { BureauShell } from '../../components/Shell';
import { fieldErrorsOf, messageOf } from '../../../lib/errors';
import { bureauCall, bureauSession } from '../../lib/session';
import { FieldError } from '../../../components/FieldError';
import { DoneNotice } from '../../components/DoneNotice';

const level = (n: number) => RATING_LEVEL_LABELS[n as RatingLevel] ?? String(n);
const DECISIONS: { value: AppealDecision; text: string }[] = [
  { value: 'uphold', text: '申诉成立(该评价不计入得分)' },
  { value: 'reject', text: '申诉不成立' },
];

const DECIDED_COLUMNS: Column<Appeal>[] = [
  { key: 'decidedAt', label: '处理时间', value: (a) => (a.decidedAt ? beijingDateTime(new Date(a.decidedAt)) : null) },
  { key: 'staff', label: '服务人员', value: (a) => a.staff.name },
  { key: 'rating', label: '评价', value: (a) => `${level(a.rating.level)} · ${a.rating.station.name} · ${a.rating.serviceDate}` },
  { key: 'status', label: '结果', value: (a) => APPEAL_STATUS_LABELS[a.status] },
  { key: 'reason', label: '处理理由', value: (a) => a.decisionReason },
  { key: 'by', label: '处理人', value: (a) => a.decidedBy },
];

function PendingAppeal({ appeal, onDecided }: { appeal: Appeal; onDecided: (message: string) => void }) {
  const [decision, setDecision] = useState<AppealDecision | ''>('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const r = appeal.rating;

  const decide = async () => {
    if (!decision) return setErrors({ decision: '请选择申诉是否成立' });
    setErrors({});
    try {
      const done = await bureauCall(CONSOLE_ROUTES.decideAppeal, { params: { id: appeal.id }, body: { decision, reason } });
      onDecided(`已处理${appeal.staff.name}的申诉:${APPEAL_STATUS_LABELS[done.status]}`);
    } catch (e) {
      setErrors(fieldErrorsOf(e, '处理失败,请稍后重试'));
    }
  };

  return (
    <View {...roleOf('group')} aria-label={`${appeal.staff.name}的申诉`}>
      <Section title={`${appeal.staff.name}(${STAFF_ROLE_LABELS[appeal.staff.role]},${appeal.staff.organisation})的申诉`} form>
        <Text className="muted">
          {beijingDateTime(new Date(appeal.createdAt))} 提出 · {appeal.county.name}
        </Text>
        <Text className="appeal__rating">
          被申诉的评价:{level(r.level)} · {r.station.name} · {r.serviceDate} · {SERVICE_TYPE_LABELS[r.serviceType]}
          {r.reasonCode ? `\n原因:${BAD_REVIEW_REASON_LABELS[r.reasonCode]}${r.reasonText ? `(${r.reasonText})` : ''}` : ''}
          {r.comment ? `\n留言:“${r.comment}”` : ''}
        </Text>
        <Text className="appeal__reason">申诉理由:{appeal.reason}</Text>
        {appeal.evidence ? <Text className="appeal__reason">证据说明:{appeal.evidence}</Text> : null}
        <ChoiceRow label="处理结果" options={DECISIONS} value={decision} onChange={setDecision} />
        <FieldError message={errors.decision} />
        <ReasonActions
          name={`${appeal.staff.name}的申诉处理理由`}
          reason={reason}
          onReason={setReason}
          error={errors.reason ?? errors.form}
          confirm="确认处理"
          onConfirm={() => void decide()}
        />
      </Section>
    </View>
  );
}

export default function AppealsPage() {
  const session = bureauSession();
  const home = session?.user.region ?? { code: '', name: '' };
  const [pending, setPending] = useState<Appeal[]>();
  const [decided, setDecided] = useState<Appeal[]>([]);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();

  const load = () =>
    Promise.all([
      bureauCall(CONSOLE_ROUTES.appeals, { query: { region: home.code, state: 'pending' } }),
      bureauCall(CONSOLE_ROUTES.appeals, { query: { region: home.code, state: 'decided' } }),
    ]).then(
      ([p, d]) => {
        setPending(p.appeals);
        setDecided(d.appeals);
      },
      (e: unknown) => setError(messageOf(e, '加载失败,请稍后重试')),
    );
  useEffect(() => {
    if (session) void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once: the session does not change on this page
  }, []);

  return (
    <BureauShell title="申诉处理" current="appeals">
      <DoneNotice message={done} />
      <FieldError message={error} />
      {pending ? (
        pending.length ? (
          pending.map((a) => (
            <PendingAppeal
              key={a.id}
              appeal={a}
              onDecided={(message) => {
                setDone(message);
                void load();
              }}
            />
          ))
        ) : (
          <Section title="待处理的申诉">
            <Text className="muted">{home.name}目前没有待处理的申诉。</Text>
          </Section>
        )
      ) : (
        <Text className="muted">正在加载…</Text>
      )}
      {decided.length ? (
        <Section title="最近处理的申诉">
          <DataTable caption="最近处理的申诉" columns={DECIDED_COLUMNS} rows={decided} rowKey={(a) => a.id} />
        </Section>
      ) : null}
    </BureauShell>
  );
}
