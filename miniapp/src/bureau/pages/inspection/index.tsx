/**
 * 录入验收 for one township workstation and year: the five aspects (0–20 in half points, the total
 * shown as they are typed), or 暂不参评 with the reason; the date; notes. Checked with the same
 * schema as the server's. What is typed is kept on the phone until the server has it, so an
 * inspector on a weak signal loses nothing when a save fails or the app is closed.
 */
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { CONSOLE_ROUTES } from '@plsr/shared/contract';
import { EXEMPT_REASON_MAX, INSPECTION_NOTES_MAX, InspectionInputSchema, type InspectedStation, type InspectionInput } from '@plsr/shared/schemas';
import { INSPECTION_ASPECTS, INSPECTION_ASPECT_LABELS, INSPECTION_ASPECT_MAX, type InspectionAspect } from '@plsr/shared/vocabulary';
import { beijingDate } from '@plsr/shared/time';
import { ApiError } from '../../../api/http';
import { FieldError } from '../../../components/FieldError';
import { fieldLabel, flag, roleOf } from '../../../lib/a11y';
import { removeStored, writeStored } from '../../../lib/storage';
import { Section } from '../../components/Section';
import { BureauShell } from '../../components/Shell';
import { fieldErrorsOf } from '../../../lib/errors';
import { bureauCall, bureauSession } from '../../lib/session';

interface Draft {
  exempt: boolean;
  scores: Record<string, string>;
  exemptReason: string;
  inspectedOn: string;
  notes: string;
}

const draftKey = (code: string, year: number) => `plsr.inspectionDraft.${code}.${year}`;

/**
 * A draft kept on the phone, if it has the shape this version writes (else it is ignored). Checked by
 * hand, not with a zod schema: a zod feature the main package does not use would grow it (the
 * bureau's modules share zod with the resident's pages).
 */
function keptDraft(code: string, year: number): Draft | undefined {
  let d: Partial<Draft> | null;
  try {
    d = JSON.parse(String(Taro.getStorageSync(draftKey(code, year)) || 'null')) as Partial<Draft> | null;
  } catch {
    return undefined;
  }
  const text = (v: unknown) => typeof v === 'string';
  const ok =
    !!d &&
    typeof d.exempt === 'boolean' &&
    text(d.exemptReason) &&
    text(d.inspectedOn) &&
    text(d.notes) &&
    !!d.scores &&
    typeof d.scores === 'object' &&
    Object.values(d.scores).every(text);
  return ok ? (d as Draft) : undefined;
}

function draftOf(station: InspectedStation, year: number): Draft {
  const today = beijingDate(new Date());
  const i = station.inspection;
  return {
    exempt: i?.exempt ?? false,
    scores: Object.fromEntries(INSPECTION_ASPECTS.map((a) => [a, i?.scores[a] === null || i?.scores[a] === undefined ? '' : String(i.scores[a])])),
    exemptReason: i?.exemptReason ?? '',
    inspectedOn: i?.inspectedOn ?? (today.startsWith(String(year)) ? today : `${year}-12-31`),
    notes: i?.notes ?? '',
  };
}

/** The draft as the API takes it; numbers typed as text become numbers (an empty box stays missing). */
function inputOf(d: Draft): unknown {
  const number = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : Number(s.trim()));
  return d.exempt
    ? { exempt: true, exemptReason: d.exemptReason, inspectedOn: d.inspectedOn.trim(), notes: d.notes || undefined }
    : {
        exempt: false,
        scores: Object.fromEntries(INSPECTION_ASPECTS.map((a) => [a, number(d.scores[a])])),
        inspectedOn: d.inspectedOn.trim(),
        notes: d.notes || undefined,
      };
}

export default function InspectionPage() {
  const { params } = useRouter();
  const code = params.code ?? '';
  const year = Number(params.year);
  const session = bureauSession();
  const [station, setStation] = useState<InspectedStation>();
  const [draft, setDraft] = useState<Draft>();
  const [restored, setRestored] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [loadError, setLoadError] = useState<string>();

  useEffect(() => {
    if (!session || !code || !year) return;
    const region = session.user.region.code;
    // A township workstation, or a village room its county's sample drew this year.
    const lookup = code.startsWith('V')
      ? bureauCall(CONSOLE_ROUTES.inspectionSamples, { params: { year }, query: { region } }).then((r) => r.samples.flatMap((x) => x.stations))
      : bureauCall(CONSOLE_ROUTES.inspections, { params: { year }, query: { region } }).then((r) => r.stations);
    lookup.then(
      (stations) => {
        const found = stations.find((s) => s.code === code);
        if (!found) {
          setLoadError('找不到这个站点:它不在本辖区内,或(村(社区)工作室)不在当年的抽取名单中');
          return;
        }
        setStation(found);
        const kept = keptDraft(code, year);
        setRestored(Boolean(kept));
        setDraft(kept ?? draftOf(found, year));
      },
      (e: unknown) => setLoadError(e instanceof ApiError ? e.message : '加载失败,请稍后重试'),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per station and year; the session is read once
  }, [code, year]);

  const change = (patch: Partial<Draft>) => {
    setDraft((d) => {
      const next = { ...d!, ...patch };
      writeStored(draftKey(code, year), next);
      return next;
    });
    setState('idle');
  };

  const save = async () => {
    if (!draft || state === 'saving') return;
    const parsed = InspectionInputSchema.safeParse(inputOf(draft));
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message])));
      return;
    }
    setErrors({});
    setState('saving');
    try {
      const saved = await bureauCall(CONSOLE_ROUTES.recordInspection, { params: { code, year }, body: parsed.data satisfies InspectionInput });
      removeStored(draftKey(code, year));
      setStation(saved);
      setRestored(false);
      setState('saved');
    } catch (e) {
      setState('idle');
      // What the server refused as a whole: the draft stays on this phone for a later try.
      setErrors(fieldErrorsOf(e, '保存失败,请稍后重试', '。已填写的内容保存在本机,可稍后再提交。'));
    }
  };

  const total = draft && !draft.exempt ? INSPECTION_ASPECTS.reduce((sum, a) => sum + (Number(draft.scores[a]) || 0), 0) : null;

  return (
    <BureauShell title="录入验收" current="inspections">
      {loadError ? (
        <Text className="field-error" {...roleOf('alert')}>
          {loadError}
        </Text>
      ) : null}
      {!station && !loadError ? (
        <Text className="muted loading" {...roleOf('status')}>
          正在加载…
        </Text>
      ) : null}
      {station && draft ? (
        <Section title={station.name} form>
          <Text className="muted">
            {station.county.name} {station.township?.name ?? ''} · {year} 年度验收
          </Text>
          {restored ? (
            <Text className="notice" {...roleOf('status')}>
              已恢复上次未提交的填写内容。
            </Text>
          ) : null}
          <View className="choice-row" {...roleOf('radiogroup')} aria-label="是否参评">
            {[false, true].map((exempt) => (
              <Text
                key={String(exempt)}
                className={`chip${draft.exempt === exempt ? ' chip--chosen' : ''}`}
                {...roleOf('radio')}
                aria-checked={flag(draft.exempt === exempt)}
                onClick={() => change({ exempt })}
              >
                {exempt ? '暂不参评' : '评分'}
              </Text>
            ))}
          </View>
          {draft.exempt ? (
            <View className="form-row">
              <Text className="field-label">暂不参评原因</Text>
              <Textarea
                className="textarea textarea--short"
                {...fieldLabel('暂不参评原因')}
                placeholder="如:新建站点,尚未满一年"
                value={draft.exemptReason}
                maxlength={EXEMPT_REASON_MAX}
                onInput={(e) => change({ exemptReason: e.detail.value })}
              />
              <FieldError message={errors.exemptReason} />
            </View>
          ) : (
            <View className="aspects">
              {INSPECTION_ASPECTS.map((a: InspectionAspect) => (
                <View className="aspect" key={a}>
                  <Text className="field-label">
                    {INSPECTION_ASPECT_LABELS[a]}(0–{INSPECTION_ASPECT_MAX} 分)
                  </Text>
                  <Input
                    className="input"
                    type="digit"
                    {...fieldLabel(INSPECTION_ASPECT_LABELS[a])}
                    value={draft.scores[a] ?? ''}
                    maxlength={4}
                    onInput={(e) => change({ scores: { ...draft.scores, [a]: e.detail.value } })}
                  />
                  <FieldError message={errors[`scores.${a}`]} />
                </View>
              ))}
              <FieldError message={errors.scores} />
              <Text className="aspect-total" {...roleOf('status')}>
                验收总分:{total === null ? '—' : total.toFixed(1)} / 100
              </Text>
            </View>
          )}
          <View className="form-row">
            <Text className="field-label">验收日期</Text>
            <Input
              className="input"
              {...fieldLabel('验收日期')}
              placeholder="YYYY-MM-DD"
              value={draft.inspectedOn}
              maxlength={10}
              onInput={(e) => change({ inspectedOn: e.detail.value })}
            />
            <FieldError message={errors.inspectedOn} />
          </View>
          <View className="form-row">
            <Text className="field-label">备注(选填)</Text>
            <Textarea
              className="textarea textarea--short"
              {...fieldLabel('备注')}
              placeholder="如:台账齐全,公示栏缺少监督电话"
              value={draft.notes}
              maxlength={INSPECTION_NOTES_MAX}
              onInput={(e) => change({ notes: e.detail.value })}
            />
            <FieldError message={errors.notes} />
          </View>
          <FieldError message={errors.form} />
          {state === 'saved' ? (
            <Text className="notice notice--ok" {...roleOf('status')}>
              {station.tier === 'village_room' ? '已保存。村(社区)工作室的抽查验收单独记录,不计入乡镇工作站的总分。' : '已保存。年终考核中的总分已随之更新。'}
            </Text>
          ) : null}
          <View className="actions">
            <Button className={`btn btn--primary btn--inline${state === 'saving' ? ' btn--busy' : ''}`} {...roleOf('button')} onClick={() => void save()}>
              {state === 'saving' ? '正在保存…' : '保存验收结果'}
            </Button>
            <Button
              className="btn btn--plain btn--inline"
              {...roleOf('button')}
              onClick={() => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: '/bureau/pages/inspections/index' }))}
            >
              返回列表
            </Button>
          </View>
        </Section>
      ) : null}
    </BureauShell>
  );
}
