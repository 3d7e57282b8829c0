/**
 * 差评工单 (issue 13, part 1): every 不满意 and 非常不满意 at the jurisdiction's stations, followed up
 * within its deadline in working days: 核实 → 整改 or 解释说明 (what the rater will read) → 回访,
 * which closes it. Overdue cases come first and say by how much; a deadline that ran into a year the
 * calendar does not cover yet says 期限待核实. The county alone may read the rater's call-back number
 * (each reading audited). Closed cases show whether they closed on time and the rater's verdict.
 */
import { Button, Text, Textarea, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { CONSOLE_ROUTES } from '@plsr/shared/contract';
import type { Case } from '@plsr/shared/schemas';
import { beijingDate, beijingDateTime, daysBetween } from '@plsr/shared/time';
import {
  BAD_REVIEW_REASON_LABELS,
  CASE_STATUS_LABELS,
  CASE_STEP_LABELS,
  FIX_VERDICT_LABELS,
  RATING_LEVEL_LABELS,
  SERVICE_TYPE_LABELS,
  STAFF_ROLE_LABELS,
  type RatingLevel,
} from '@plsr/shared/vocabulary';
import { fieldLabel, roleOf } from '../../../lib/a11y';
import { fieldErrorsOf, messageOf } from '../../../lib/errors';
import { FieldError } from '../../../components/FieldError';
import { ChoiceRow } from '../../components/Choice';
import { DataTable, type Column } from '../../components/DataTable';
import { Section } from '../../components/Section';
import { BureauShell } from '../../components/Shell';
import { bureauCall, bureauSession } from '../../lib/session';
import { DoneNotice } from '../../components/DoneNotice';

type State = 'open' | 'overdue' | 'closed';
const STATES: { value: State; text: string }[] = [
  { value: 'open', text: '办理中' },
  { value: 'overdue', text: '已超期' },
  { value: 'closed', text: '已办结' },
];
type Act = 'rectify' | 'explain';
const ACTS: { value: Act; text: string }[] = [
  { value: 'rectify', text: '整改' },
  { value: 'explain', text: '解释说明' },
];

const level = (n: number) => RATING_LEVEL_LABELS[n as RatingLevel] ?? String(n);
const today = () => beijingDate(new Date());
const md = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/** The deadline as a clerk should read it: how late, how near, or whether it still needs checking. */
function deadline(c: Case): { text: string; tone: 'late' | 'near' | 'ok' } {
  const provisional = c.dueProvisional ? '(期限待核实)' : '';
  if (c.status === 'closed' || c.status === 'void') return { text: `${md(c.dueOn)}${provisional}`, tone: 'ok' };
  const left = daysBetween(today(), c.dueOn);
  if (c.overdue) return { text: `已超期 ${-left} 天(${md(c.dueOn)}到期)${provisional}`, tone: 'late' };
  return { text: `${md(c.dueOn)}前${left <= 3 ? `(还剩 ${left} 天)` : ''}${provisional}`, tone: left <= 3 ? 'near' : 'ok' };
}

function Deadline({ c }: { c: Case }) {
  const d = deadline(c);
  return <Text className={`case-due case-due--${d.tone}`}>{d.text}</Text>;
}

const what = (c: Case) => `${level(c.rating.level)}${c.rating.reasonCode ? ` · ${BAD_REVIEW_REASON_LABELS[c.rating.reasonCode]}` : ''}`;

/** The next step of a case and the form for it; 回访 closes it. */
function NextStep({ c, onDone }: { c: Case; onDone: (after: Case, message: string) => void }) {
  const [act, setAct] = useState<Act>('rectify');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  if (c.status === 'closed' || c.status === 'void') return null;
  const step = c.status === 'verify' ? 'verify' : c.status === 'act' ? act : 'callback';
  const label = { verify: '核实情况', rectify: '整改情况(评价人将看到)', explain: '解释说明(评价人将看到)', callback: '回访情况' }[step];
  const confirm = { verify: '记录核实', rectify: '记录整改', explain: '记录解释说明', callback: '记录回访并办结' }[step];

  const send = async () => {
    if (busy) return;
    setBusy(true);
    setErrors({});
    try {
      const after = await bureauCall(CONSOLE_ROUTES.addCaseStep, { params: { id: c.id }, body: { step, note } });
      setNote('');
      onDone(after, `工单 ${c.id}:已${CASE_STEP_LABELS[step]}${after.status === 'closed' ? ',工单已办结' : ''}`);
    } catch (e) {
      setErrors(fieldErrorsOf(e, '没有记录成功,请稍后重试'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="case-step">
      <Text className="section-heading case-step__title" {...roleOf('heading')} aria-level="3">
        下一步:{c.status === 'act' ? '整改或解释说明' : CASE_STEP_LABELS[step]}
      </Text>
      {c.status === 'act' ? <ChoiceRow label="处理方式" options={ACTS} value={act} onChange={setAct} /> : null}
      <Text className="field-label">{label}</Text>
      <Textarea className="textarea" {...fieldLabel(label)} value={note} maxlength={1000} autoHeight onInput={(e) => setNote(e.detail.value)} />
      <FieldError message={errors.note ?? errors.step ?? errors.form} />
      <View className="actions">
        <Button className={`btn btn--primary btn--inline${busy ? ' btn--busy' : ''}`} {...roleOf('button')} aria-busy={busy} onClick={() => void send()}>
          {confirm}
        </Button>
      </View>
    </View>
  );
}

/** The county's reading of the call-back number: asked for, shown, audited. */
function CallbackPhone({ c }: { c: Case }) {
  const [phone, setPhone] = useState<string>();
  const [error, setError] = useState<string>();
  if (!c.rating.hasCallbackPhone) return <Text className="muted">评价人没有留回访电话。</Text>;
  if (phone) return <Text className="case-phone">回访电话:{phone}(本次查看已记入审计日志)</Text>;
  const read = async () => {
    try {
      setPhone((await bureauCall(CONSOLE_ROUTES.caseCallbackPhone, { params: { id: c.id } })).phone);
    } catch (e) {
      setError(messageOf(e, '查看失败,请稍后重试'));
    }
  };
  return (
    <View className="actions">
      <Button className="btn btn--plain btn--inline" {...roleOf('button')} onClick={() => void read()}>
        查看回访电话
      </Button>
      <FieldError message={error} />
    </View>
  );
}

function CaseDetail({ c, county, onDone, onClose }: { c: Case; county: boolean; onDone: (after: Case, message: string) => void; onClose: () => void }) {
  const r = c.rating;
  return (
    <View {...roleOf('group')} aria-label={`工单 ${c.id}`}>
      <Section title={`工单 ${c.id} · ${CASE_STATUS_LABELS[c.status]}`} form>
        <Text className="muted">
          {c.county.name} · {c.station.name} · 办理期限 <Deadline c={c} />
        </Text>
        <Text className="appeal__rating">
          {c.staff.name}({STAFF_ROLE_LABELS[c.staff.role]},{c.staff.organisation})收到的评价:{what(c)} · {r.serviceDate} · {SERVICE_TYPE_LABELS[r.serviceType]}
          {r.reasonText ? `\n原因说明:${r.reasonText}` : ''}
          {r.comment ? `\n留言:“${r.comment}”` : ''}
        </Text>
        {c.steps.length ? (
          <View className="case-steps" {...roleOf('list')} aria-label="办理记录">
            {c.steps.map((s, i) => (
              <Text key={i} className="case-steps__item" {...roleOf('listitem')}>
                {CASE_STEP_LABELS[s.step]} · {beijingDateTime(new Date(s.at))} · {s.by}
                {'\n'}
                {s.note}
              </Text>
            ))}
          </View>
        ) : (
          <Text className="muted">还没有办理记录。</Text>
        )}
        {c.status === 'closed' ? (
          <Text className="case-result">
            {md(c.closedOn ?? c.dueOn)}办结,{c.onTime ? '按时办结' : '超期办结'}。评价人对处理结果:
            {c.fixVerdict ? FIX_VERDICT_LABELS[c.fixVerdict] : '尚未评价'}
          </Text>
        ) : null}
        {county && c.status !== 'void' ? <CallbackPhone key={c.id} c={c} /> : null}
        <NextStep key={`${c.id} ${c.status}`} c={c} onDone={onDone} />
        <View className="actions">
          <Button className="btn btn--plain btn--inline" {...roleOf('button')} onClick={onClose}>
            返回列表
          </Button>
        </View>
      </Section>
    </View>
  );
}

export default function CasesPage() {
  const session = bureauSession();
  const home = session?.user.region ?? { code: '', name: '' };
  const [state, setState] = useState<State>('open');
  const [cases, setCases] = useState<Case[]>();
  const [counts, setCounts] = useState({ total: 0, overdue: 0 });
  const [chosen, setChosen] = useState<Case>();
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();

  const load = (which: State) =>
    bureauCall(CONSOLE_ROUTES.cases, { query: { region: home.code, state: which } }).then(
      (r) => {
        setCases(r.cases);
        setCounts({ total: r.total, overdue: r.overdue });
      },
      (e: unknown) => setError(messageOf(e, '加载失败,请稍后重试')),
    );
  const choose = (which: State) => {
    setCases(undefined);
    setError(undefined);
    setState(which);
  };
  useEffect(() => {
    if (session) void load(state);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on the state chosen; the session does not change on this page
  }, [state]);

  const columns: Column<Case>[] = [
    { key: 'due', label: '办理期限', value: (c) => c.dueOn, render: (c) => <Deadline c={c} /> },
    { key: 'status', label: '状态', value: (c) => CASE_STATUS_LABELS[c.status] },
    { key: 'station', label: '站点', value: (c) => c.station.name, wrap: true },
    { key: 'staff', label: '服务人员', value: (c) => c.staff.name },
    { key: 'rating', label: '评价', value: (c) => what(c) },
    ...(state === 'closed'
      ? [
          { key: 'onTime', label: '是否按时', value: (c: Case) => (c.status === 'void' ? '已作废' : c.onTime ? '按时' : '超期') },
          { key: 'verdict', label: '评价人意见', value: (c: Case) => (c.fixVerdict ? FIX_VERDICT_LABELS[c.fixVerdict] : null) },
        ]
      : []),
    {
      key: 'open',
      label: '操作',
      value: (c) => c.id,
      render: (c) => (
        <Button className="btn btn--plain btn--small btn--inline" {...roleOf('button')} aria-label={`办理工单 ${c.id}`} onClick={() => setChosen(c)}>
          {c.status === 'closed' || c.status === 'void' ? '查看' : '办理'}
        </Button>
      ),
    },
  ];
  const { total, overdue } = counts;
  const shown = cases && cases.length < total ? `,下表为${state === 'closed' ? '最近' : '最早到期的'} ${cases.length} 件` : '';

  return (
    <BureauShell title="差评工单" current="cases">
      <DoneNotice message={done} />
      <FieldError message={error} />
      {chosen ? (
        <CaseDetail
          c={chosen}
          county={session?.user.role === 'county'}
          onDone={(after, message) => {
            setChosen(after);
            setDone(message);
          }}
          onClose={() => {
            setChosen(undefined);
            void load(state);
          }}
        />
      ) : (
        <Section title={`${home.name}的差评工单`}>
          <Text className="muted">每条不满意、非常不满意的评价自动生成工单,由站点所在县(区)司法局在规定的工作日内核实、整改或解释说明、回访。</Text>
          <ChoiceRow label="工单" options={STATES} value={state} onChange={choose} />
          {cases === undefined ? (
            error ? null : (
              <Text className="muted" {...roleOf('status')}>
                正在加载…
              </Text>
            )
          ) : cases.length === 0 ? (
            <Text className="muted">{{ open: '目前没有办理中的工单。', overdue: '没有超期的工单。', closed: '还没有办结的工单。' }[state]}</Text>
          ) : (
            <>
              <Text className={overdue && state === 'open' ? 'notice' : 'muted'} {...roleOf('status')}>
                {`共 ${total} 件${state === 'open' && overdue ? `,其中已超期 ${overdue} 件,请优先办理` : ''}${shown}`}
              </Text>
              <DataTable caption="差评工单" columns={columns} rows={cases} rowKey={(c) => c.id} />
            </>
          )}
        </Section>
      )}
    </BureauShell>
  );
}
