/**
 * 评价核查 (issue 13, part 6): the ratings the fraud rules put on hold (docs/review.md), grouped by
 * the incident that held them, each with its evidence (the rule, its window and threshold, what was
 * counted, the ratings with a pseudonym per rater and how new each rater's account was). The bureau
 * counts them (计入) or excludes them (剔除) per incident, with a reason kept in the audit log.
 */
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { CONSOLE_ROUTES } from '@plsr/shared/contract';
import type { HeldRating, ReviewIncident } from '@plsr/shared/schemas';
import { beijingDateTime } from '@plsr/shared/time';
import { RATING_LEVEL_LABELS, RATING_STATUS_LABELS, STAFF_ROLE_LABELS, type RatingLevel, type ReviewDecision } from '@plsr/shared/vocabulary';
import { roleOf } from '../../../lib/a11y';
import { fieldErrorsOf, messageOf } from '../../../lib/errors';
import { FieldError } from '../../../components/FieldError';
import { ChoiceRow } from '../../components/Choice';
import { DataTable, type Column } from '../../components/DataTable';
import { ReasonActions } from '../../components/ReasonActions';
import { Section } from '../../components/Section';
import { BureauShell } from '../../components/Shell';
import { bureauCall, bureauSession } from '../../lib/session';
import { DoneNotice } from '../../components/DoneNotice';

type State = 'pending' | 'all';
const STATES: { value: State; text: string }[] = [
  { value: 'pending', text: '待处理' },
  { value: 'all', text: '全部(含已处理)' },
];
const DECISIONS: { value: ReviewDecision; text: string }[] = [
  { value: 'clear', text: '计入(评价有效)' },
  { value: 'exclude', text: '剔除(不计入得分)' },
];

const time = (iso: string) => beijingDateTime(new Date(iso));

const RATING_COLUMNS: Column<HeldRating>[] = [
  { key: 'rater', label: '评价人', value: (r) => r.rater },
  { key: 'age', label: '注册后(分钟)', value: (r) => r.raterAgeMinutes, numeric: true },
  { key: 'at', label: '评价时间', value: (r) => time(r.createdAt) },
  { key: 'staff', label: '服务人员', value: (r) => `${r.staff.name}(${STAFF_ROLE_LABELS[r.staff.role]})` },
  { key: 'station', label: '站点', value: (r) => r.station.name, wrap: true },
  { key: 'level', label: '等级', value: (r) => RATING_LEVEL_LABELS[r.level as RatingLevel] ?? String(r.level) },
  { key: 'date', label: '服务日期', value: (r) => r.serviceDate },
  { key: 'status', label: '状态', value: (r) => RATING_STATUS_LABELS[r.status] },
];

function Incident({ incident, onDecided }: { incident: ReviewIncident; onDecided: (message: string) => void }) {
  const [decision, setDecision] = useState<ReviewDecision | ''>('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const e = incident.evidence;
  const name = `核查事件 ${incident.id}`;

  const decide = async () => {
    if (!decision) return setErrors({ decision: '请选择计入还是剔除' });
    setErrors({});
    try {
      const done = await bureauCall(CONSOLE_ROUTES.reviewDecision, { body: { decision, reason, incidentId: incident.id } });
      onDecided(`${name}:${done.ratings.length} 条评价已${decision === 'clear' ? '计入' : '剔除'}`);
    } catch (error) {
      setErrors(fieldErrorsOf(error, '处理失败,请稍后重试'));
    }
  };

  return (
    <View {...roleOf('group')} aria-label={name}>
      <Section title={`${incident.ruleLabel}${incident.staff ? ` · ${incident.staff.name}(${STAFF_ROLE_LABELS[incident.staff.role]})` : ''}`}>
        <Text className="muted">
          {name} · {time(incident.firstAt)} 至 {time(incident.lastAt)}
        </Text>
        <Text className="appeal__rating">
          {e.summary}
          {`\n规则:${e.windowMinutes} 分钟内达到 ${e.threshold} 条即暂缓计入,实际 ${e.observed} 条`}
          {e.normalPerDay !== undefined ? `;此人平时每天约 ${e.normalPerDay} 条` : ''}
          {e.residentAgeMinutes !== undefined ? `;评价人注册不足 ${e.residentAgeMinutes} 分钟` : ''}
          {e.openingHours ? `;站点服务时间 ${e.openingHours}` : ''}
        </Text>
        <Text className="muted">
          待处理 {incident.counts.pending} 条 · 已计入 {incident.counts.cleared} 条 · 已剔除 {incident.counts.excluded} 条
        </Text>
        <DataTable caption={`${name}的评价`} columns={RATING_COLUMNS} rows={incident.ratings} rowKey={(r) => r.id} pageSize={20} />
        {incident.counts.pending ? (
          <>
            <ChoiceRow label="处理结果" options={DECISIONS} value={decision} onChange={setDecision} />
            <FieldError message={errors.decision} />
            <ReasonActions
              name={`${name}的处理理由`}
              reason={reason}
              onReason={setReason}
              error={errors.reason ?? errors.form}
              confirm={`处理待核查的 ${incident.counts.pending} 条`}
              onConfirm={() => void decide()}
            />
          </>
        ) : null}
      </Section>
    </View>
  );
}

export default function ReviewPage() {
  const session = bureauSession();
  const home = session?.user.region ?? { code: '', name: '' };
  const [state, setState] = useState<State>('pending');
  const [incidents, setIncidents] = useState<ReviewIncident[]>();
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();

  const load = (which: State) =>
    bureauCall(CONSOLE_ROUTES.reviewIncidents, { query: { region: home.code, state: which } }).then(
      (r) => setIncidents(r.incidents),
      (e: unknown) => setError(messageOf(e, '加载失败,请稍后重试')),
    );
  useEffect(() => {
    if (session) void load(state);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on the state chosen; the session does not change on this page
  }, [state]);

  return (
    <BureauShell title="评价核查" current="review">
      <DoneNotice message={done} />
      <FieldError message={error} />
      <Section title={`${home.name}暂缓计入的评价`}>
        <Text className="muted">防刷规则发现异常时,相关评价暂缓计入得分,按事件分组列在这里。核实后逐个事件选择计入或剔除,并写明理由。</Text>
        <ChoiceRow
          label="事件"
          options={STATES}
          value={state}
          onChange={(s) => {
            setIncidents(undefined);
            setError(undefined);
            setState(s);
          }}
        />
        {incidents === undefined ? (
          error ? null : (
            <Text className="muted" {...roleOf('status')}>
              正在加载…
            </Text>
          )
        ) : incidents.length === 0 ? (
          <Text className="muted">{state === 'pending' ? '没有待核查的评价。' : '还没有核查事件。'}</Text>
        ) : (
          <Text className="muted" {...roleOf('status')}>
            共 {incidents.length} 个事件
          </Text>
        )}
      </Section>
      {incidents?.map((i) => (
        <Incident
          key={i.id}
          incident={i}
          onDecided={(message) => {
            setDone(message);
            void load(state);
          }}
        />
      ))}
    </BureauShell>
  );
}
