/**
 * 考核政策 (issue 13, part 3): every number of the year's scoring for the region (the region's
 * account) or a city (its own account): points per level, the prior weight and minimum sample, the
 * inspection and rating weights, the bands, the 差评 deadline in working days, the appeal window, the
 * service code's life, one voice per resident and the fraud rules' thresholds. 预览变化 scores the
 * year under the draft beside the current policy and lists what moves; 保存 keeps it (audited). Once
 * the year is published the policy is shown, fixed.
 */
import { Button, Input, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { CONSOLE_ROUTES } from '@plsr/shared/contract';
import type { PolicyPreview, PolicyView } from '@plsr/shared/schemas';
import { AssessmentPolicySchema, type AssessmentPolicy } from '@plsr/shared/scoring';
import { beijingDateTime } from '@plsr/shared/time';
import { REVIEW_RULE_LABELS } from '@plsr/shared/vocabulary';
import { fieldLabel, flag, roleOf } from '../../../lib/a11y';
import { fieldErrorsOf, messageOf } from '../../../lib/errors';
import { FieldError } from '../../../components/FieldError';
import { ChangeTable } from '../../components/ChangeTable';
import { ChoiceRow } from '../../components/Choice';
import { DataTable, type Column } from '../../components/DataTable';
import { ReasonActions } from '../../components/ReasonActions';
import { Section } from '../../components/Section';
import { BureauShell } from '../../components/Shell';
import { currentYear } from '../../lib/format';
import { bureauCall, bureauSession } from '../../lib/session';
import { DoneNotice } from '../../components/DoneNotice';

const thisYear = currentYear();
const YEARS = [thisYear + 1, thisYear, thisYear - 1].map((y) => ({ value: y, text: `${y} 年` }));

interface NumberField {
  path: string;
  label: string;
}
interface Group {
  title: string;
  numbers: NumberField[];
  switches?: NumberField[];
}

const rule = (key: keyof typeof REVIEW_RULE_LABELS, path: string, fields: [string, string][]): Group => ({
  title: `防刷规则:${REVIEW_RULE_LABELS[key]}`,
  switches: [{ path: `review.${path}.enabled`, label: `启用:${REVIEW_RULE_LABELS[key]}` }],
  numbers: fields.map(([field, label]) => ({ path: `review.${path}.${field}`, label: `${REVIEW_RULE_LABELS[key]}:${label}` })),
});

/** The form, group by group, in the BRIEF's order. */
const GROUPS: Group[] = [
  {
    title: '每级评价的分值',
    numbers: [
      { path: 'points.5', label: '非常满意的分值' },
      { path: 'points.4', label: '满意的分值' },
      { path: 'points.3', label: '一般的分值' },
      { path: 'points.2', label: '不满意的分值' },
      { path: 'points.1', label: '非常不满意的分值' },
    ],
  },
  {
    title: '服务人员得分',
    numbers: [
      { path: 'priorWeight', label: '先验权重 m' },
      { path: 'minRatings', label: '最少评价数(不足为样本不足)' },
    ],
    switches: [{ path: 'oneVoicePerResident', label: '一人一票(同一居民一年内对同一人员只计最近一次)' }],
  },
  {
    title: '工作站综合评分',
    numbers: [
      { path: 'inspectionWeight', label: '验收得分权重' },
      { path: 'ratingWeight', label: '评价得分权重' },
    ],
  },
  {
    title: '等次',
    numbers: [
      { path: 'bandGood', label: '“好”的分数线' },
      { path: 'bandFair', label: '“中”的分数线' },
    ],
  },
  {
    title: '期限',
    numbers: [
      { path: 'caseDeadlineWorkingDays', label: '差评工单办理期限(工作日)' },
      { path: 'appealWindowDays', label: '申诉期限(天)' },
      { path: 'serviceCodeHours', label: '服务码有效时长(小时)' },
    ],
  },
  rule('staff_burst', 'staffBurst', [
    ['windowMinutes', '时间窗(分钟)'],
    ['minCount', '至少条数'],
    ['normalDays', '超过日常量的天数'],
  ]),
  rule('fresh_residents', 'freshResidents', [
    ['windowMinutes', '时间窗(分钟)'],
    ['residentAgeMinutes', '注册不足(分钟)'],
    ['minCount', '至少条数'],
    ['normalDays', '超过日常量的天数'],
  ]),
  rule('address_volume', 'addressVolume', [
    ['windowMinutes', '时间窗(分钟)'],
    ['minCount', '至少条数'],
  ]),
  rule('resident_volume', 'residentVolume', [
    ['windowMinutes', '时间窗(分钟)'],
    ['minCount', '至少条数'],
  ]),
  {
    title: `防刷规则:${REVIEW_RULE_LABELS.outside_hours}`,
    numbers: [],
    switches: [{ path: 'review.outsideHours.enabled', label: `启用:${REVIEW_RULE_LABELS.outside_hours}` }],
  },
];

type Draft = Record<string, string | boolean>;

const get = (o: unknown, path: string): unknown => path.split('.').reduce<unknown>((x, k) => (x as Record<string, unknown> | undefined)?.[k], o);
function put(o: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let at = o;
  for (const k of keys.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
  at[keys[keys.length - 1]!] = value;
}

const FIELDS = GROUPS.flatMap((g) => [...g.numbers, ...(g.switches ?? [])]);
const isSwitch = new Set(GROUPS.flatMap((g) => (g.switches ?? []).map((s) => s.path)));

function draftOf(policy: AssessmentPolicy): Draft {
  return Object.fromEntries(FIELDS.map((f) => [f.path, isSwitch.has(f.path) ? Boolean(get(policy, f.path)) : String(get(policy, f.path))]));
}

/** The draft as a policy, or the message of each field that is not a valid number. */
function policyOf(draft: Draft): { policy: AssessmentPolicy } | { errors: Record<string, string> } {
  const raw: Record<string, unknown> = {};
  for (const f of FIELDS) {
    const v = draft[f.path];
    put(raw, f.path, typeof v === 'boolean' ? v : v === '' ? undefined : Number(v));
  }
  const parsed = AssessmentPolicySchema.safeParse(raw);
  if (parsed.success) return { policy: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.join('.');
    const field = FIELDS.find((f) => f.path === path);
    errors[path] ??=
      `${field?.label ?? path}:${issue.code === 'invalid_type' ? '请填写数字' : issue.message.startsWith('Too') ? '超出允许的范围' : issue.message}`;
  }
  return { errors };
}

type SideRow = { label: string; current: number; draft: number };

function PreviewResult({ preview }: { preview: PolicyPreview }) {
  const { current: c, draft: d } = preview;
  const rows: SideRow[] = [
    { label: '工作站:好', current: c.workstations.good, draft: d.workstations.good },
    { label: '工作站:中', current: c.workstations.fair, draft: d.workstations.fair },
    { label: '工作站:差', current: c.workstations.poor, draft: d.workstations.poor },
    { label: '工作站:暂不参评', current: c.workstations.exempt, draft: d.workstations.exempt },
    { label: '工作站:无数据', current: c.workstations.unscored, draft: d.workstations.unscored },
    { label: '服务人员:好', current: c.staff.good, draft: d.staff.good },
    { label: '服务人员:中', current: c.staff.fair, draft: d.staff.fair },
    { label: '服务人员:差', current: c.staff.poor, draft: d.staff.poor },
    { label: '服务人员:未评等次', current: c.staff.unbanded, draft: d.staff.unbanded },
  ];
  const columns: Column<SideRow>[] = [
    { key: 'label', label: '等次', value: (r) => r.label },
    { key: 'current', label: '现行政策', value: (r) => r.current, numeric: true },
    { key: 'draft', label: '草案', value: (r) => r.draft, numeric: true },
    {
      key: 'delta',
      label: '变化',
      value: (r) => r.draft - r.current,
      render: (r) => <Text>{r.draft === r.current ? '—' : `${r.draft > r.current ? '+' : ''}${r.draft - r.current}`}</Text>,
      numeric: true,
    },
  ];
  return (
    <View {...roleOf('region')} aria-label="预览结果">
      <Section title="草案与现行政策的对比">
        <DataTable caption="等次对比" columns={columns} rows={rows} rowKey={(r) => r.label} />
        <Text className="field-label">现行政策的通报用语</Text>
        <Text className="bulletin">{c.bulletin}</Text>
        <Text className="field-label">草案的通报用语</Text>
        <Text className="bulletin">{d.bulletin}</Text>
      </Section>
      <Section title={preview.changeCount ? `会变化的得分、等次和排名(${preview.changeCount} 项)` : '得分、等次和排名都不会变化'}>
        {preview.changeCount > preview.changes.length ? <Text className="muted">下表列出前 {preview.changes.length} 项。</Text> : null}
        {preview.changes.length ? <ChangeTable caption="草案带来的变化" changes={preview.changes} before="现行政策" after="草案" /> : null}
      </Section>
    </View>
  );
}

export default function PolicyPage() {
  const session = bureauSession();
  const home = session?.user.region ?? { code: '', name: '' };
  const [year, setYear] = useState(thisYear);
  const [view, setView] = useState<PolicyView>();
  const [draft, setDraft] = useState<Draft>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string>();
  const [preview, setPreview] = useState<PolicyPreview>();
  const [previewing, setPreviewing] = useState(false);
  const [reason, setReason] = useState('');
  const [saved, setSaved] = useState<string>();

  useEffect(() => {
    if (!session) return;
    bureauCall(CONSOLE_ROUTES.policy, { params: { year }, query: { region: home.code } }).then(
      (v) => {
        setView(v);
        setDraft(draftOf(v.policy));
      },
      (e: unknown) => setProblem(messageOf(e, '加载失败,请稍后重试')),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on the year chosen; the session does not change on this page
  }, [year]);

  const chooseYear = (y: number) => {
    setView(undefined);
    setPreview(undefined);
    setErrors({});
    setSaved(undefined);
    setProblem(undefined);
    setYear(y);
  };
  const change = (path: string, value: string | boolean) => {
    setDraft((d) => ({ ...d, [path]: value }));
    setPreview(undefined);
  };

  const runPreview = async () => {
    const made = policyOf(draft);
    if ('errors' in made) return setErrors(made.errors);
    setErrors({});
    setPreviewing(true);
    try {
      setPreview(await bureauCall(CONSOLE_ROUTES.previewPolicy, { params: { year }, query: { region: home.code }, body: { policy: made.policy } }));
    } catch (e) {
      setErrors({ form: messageOf(e, '预览失败,请稍后重试') });
    } finally {
      setPreviewing(false);
    }
  };

  const save = async () => {
    const made = policyOf(draft);
    if ('errors' in made) return setErrors(made.errors);
    try {
      const v = await bureauCall(CONSOLE_ROUTES.setPolicy, { params: { year }, query: { region: home.code }, body: { policy: made.policy, reason } });
      setView(v);
      setDraft(draftOf(v.policy));
      setErrors({});
      setReason('');
      setSaved(`${home.name} ${year} 年度考核政策已保存`);
    } catch (e) {
      setErrors(fieldErrorsOf(e, '保存失败,请稍后重试'));
    }
  };

  const locked = !view?.editable;
  return (
    <BureauShell title="考核政策" current="policy">
      <View className="card filters">
        <ChoiceRow label="年度" options={YEARS} value={year} onChange={chooseYear} />
      </View>
      <FieldError message={problem} />
      <DoneNotice message={saved} />
      {view ? (
        <>
          <Section title={`${view.region.name} ${view.year} 年度考核政策`}>
            <Text className="muted">
              {view.source ? (view.source.code === view.region.code ? '本级设定的政策。' : `沿用${view.source.name}的政策。`) : '未设定,使用默认政策。'}
              {view.region.level === 'city' ? '市辖各县(区)执行本市政策。' : '未单独设定政策的市沿用全区政策。'}
            </Text>
            {view.fixed ? (
              <Text className="notice" {...roleOf('status')}>
                {view.fixed.scope.name} {view.year} 年度考核结果已于 {beijingDateTime(new Date(view.fixed.publishedAt))} 发布(第 {view.fixed.revision}{' '}
                版),当年政策已固定,不能修改。
              </Text>
            ) : !view.editable ? (
              <Text className="notice">只有{view.region.level === 'city' ? '本市' : '自治区'}司法局的账号可以修改。</Text>
            ) : null}
          </Section>
          {GROUPS.map((g) => (
            <View key={g.title} {...roleOf('group')} aria-label={g.title}>
              <Section title={g.title} form>
                {g.switches?.map((s) => (
                  <View key={s.path} className="policy-switch">
                    <Text
                      className={`chip${draft[s.path] ? ' chip--chosen' : ''}`}
                      {...roleOf('switch')}
                      aria-checked={flag(Boolean(draft[s.path]))}
                      aria-label={s.label}
                      aria-disabled={locked ? 'true' : undefined}
                      onClick={() => !locked && change(s.path, !draft[s.path])}
                    >
                      {draft[s.path] ? '已启用' : '未启用'}
                    </Text>
                    <Text className="policy-switch__label" aria-hidden>
                      {s.label}
                    </Text>
                  </View>
                ))}
                <View className="policy-numbers">
                  {g.numbers.map((f) => (
                    <View key={f.path} className="policy-number">
                      <Text className="field-label" aria-hidden>
                        {f.label.includes(':') ? f.label.slice(f.label.indexOf(':') + 1) : f.label}
                      </Text>
                      <Input
                        className="input"
                        type="digit"
                        {...fieldLabel(f.label)}
                        disabled={locked}
                        value={String(draft[f.path] ?? '')}
                        onInput={(e) => change(f.path, e.detail.value)}
                      />
                      <FieldError message={errors[f.path]} />
                    </View>
                  ))}
                </View>
              </Section>
            </View>
          ))}
          <Section title={locked ? '查看' : '预览与保存'} form>
            <FieldError message={errors.form && !view.editable ? errors.form : undefined} />
            <View className="actions">
              <Button
                className={`btn btn--plain btn--inline${previewing ? ' btn--busy' : ''}`}
                {...roleOf('button')}
                aria-busy={previewing}
                onClick={() => void runPreview()}
              >
                {previewing ? '正在计算…' : '预览变化'}
              </Button>
            </View>
            {view.editable ? (
              <ReasonActions
                name="修改原因"
                reason={reason}
                onReason={setReason}
                error={errors.reason ?? errors.form ?? errors.policy}
                confirm="保存政策"
                onConfirm={() => void save()}
              />
            ) : null}
          </Section>
          {preview ? <PreviewResult preview={preview} /> : null}
        </>
      ) : problem ? null : (
        <Text className="muted" {...roleOf('status')}>
          正在加载…
        </Text>
      )}
    </BureauShell>
  );
}
