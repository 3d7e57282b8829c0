/**
 * 验收: a bureau's inspection of a township workstation, five aspects of 0–20 points each
 * (建设标准化、服务专业化、公开常态化、管理规范化、工作信息化), or 暂不参评 with a reason. It is 60 % of the
 * township's year-end score (see shared/src/scoring).
 */
import { z } from 'zod';
import { INSPECTION_ASPECTS, INSPECTION_ASPECT_LABELS, INSPECTION_ASPECT_MAX, STATION_TIERS } from '../vocabulary';
import { CalendarDateSchema, noNul, NUL_MESSAGE, RegionCodeSchema, RegionRefSchema } from './common';

export const INSPECTION_NOTES_MAX = 500;
export const EXEMPT_REASON_MAX = 200;

const aspect = (label: string) =>
  z
    .number({ error: `请填写${label}得分` })
    .min(0, { error: `${label}得分应在 0–${INSPECTION_ASPECT_MAX} 分之间` })
    .max(INSPECTION_ASPECT_MAX, { error: `${label}得分应在 0–${INSPECTION_ASPECT_MAX} 分之间` })
    .multipleOf(0.5, { error: `${label}得分最小单位为 0.5 分` });

export const InspectionScoresSchema = z.strictObject(
  Object.fromEntries(INSPECTION_ASPECTS.map((a) => [a, aspect(INSPECTION_ASPECT_LABELS[a])])) as Record<
    (typeof INSPECTION_ASPECTS)[number],
    ReturnType<typeof aspect>
  >,
  { error: '请填写五个方面的得分' },
);

const notes = z
  .string()
  .trim()
  .max(INSPECTION_NOTES_MAX, { error: `备注最多 ${INSPECTION_NOTES_MAX} 字` })
  .refine(noNul, { error: `备注${NUL_MESSAGE}` })
  .optional();

/**
 * What a bureau records: scores, or 暂不参评 and why; the day it inspected; notes. One object (not a
 * union) so the API document shows its fields; the check says which of scores and reason goes with
 * `exempt`.
 */
export const InspectionInputSchema = z
  .strictObject({
    exempt: z.boolean({ error: '请选择“评分”或“暂不参评”' }),
    scores: InspectionScoresSchema.optional(),
    exemptReason: z
      .string({ error: '原因应为文字' })
      .trim()
      .min(1, { error: '暂不参评请填写原因' })
      .max(EXEMPT_REASON_MAX, { error: `原因最多 ${EXEMPT_REASON_MAX} 字` })
      .refine(noNul, { error: `原因${NUL_MESSAGE}` })
      .optional(),
    inspectedOn: CalendarDateSchema,
    notes,
  })
  .superRefine((r, ctx) => {
    if (r.exempt && r.exemptReason === undefined) ctx.addIssue({ code: 'custom', path: ['exemptReason'], message: '暂不参评请填写原因' });
    if (r.exempt && r.scores !== undefined) ctx.addIssue({ code: 'custom', path: ['scores'], message: '暂不参评的站点不填得分' });
    if (!r.exempt && r.scores === undefined) ctx.addIssue({ code: 'custom', path: ['scores'], message: '请填写五个方面的得分' });
    if (!r.exempt && r.exemptReason !== undefined) ctx.addIssue({ code: 'custom', path: ['exemptReason'], message: '参评的站点不填暂不参评原因' });
  });
export type InspectionInput = z.infer<typeof InspectionInputSchema>;

export const InspectionSchema = z.object({
  /** Each of the five (null when exempt). An object of the five, not a record: the same check, and no zod record in the app. */
  scores: z.object(
    Object.fromEntries(INSPECTION_ASPECTS.map((a) => [a, z.number().nullable()])) as Record<(typeof INSPECTION_ASPECTS)[number], z.ZodNullable<z.ZodNumber>>,
  ),
  /** The sum of the five, null while any is missing (or exempt). */
  total: z.number().nullable(),
  exempt: z.boolean(),
  exemptReason: z.string().nullable(),
  inspectedOn: z.string(),
  notes: z.string().nullable(),
});
export type Inspection = z.infer<typeof InspectionSchema>;

/** A station the bureau inspects, with the year's inspection (null: 未验收). */
export const InspectedStationSchema = z.object({
  code: z.string(),
  name: z.string(),
  tier: z.enum(STATION_TIERS),
  township: RegionRefSchema.nullable(),
  county: RegionRefSchema,
  inspection: InspectionSchema.nullable(),
});
export type InspectedStation = z.infer<typeof InspectedStationSchema>;

export const InspectionListSchema = z.object({ year: z.number().int(), stations: z.array(InspectedStationSchema) });
export const InspectionQuerySchema = z.strictObject({ region: RegionCodeSchema });

/** The bulletin's sample: "抽取的12个村(社区)工作室". */
export const SAMPLE_SIZE_DEFAULT = 12;
export const SAMPLE_SIZE_MAX = 100;

export const SampleInputSchema = z.strictObject({
  /** The county whose village rooms are drawn. */
  county: RegionCodeSchema,
  size: z
    .number({ error: '请填写抽取数量' })
    .int({ error: '抽取数量应为整数' })
    .min(1, { error: '至少抽取 1 个' })
    .max(SAMPLE_SIZE_MAX, { error: `最多抽取 ${SAMPLE_SIZE_MAX} 个` }),
  /** Announced before the draw (e.g. a number read out at the meeting); the server makes one when absent. */
  seed: z
    .string({ error: '随机种子应为文字' })
    .trim()
    .min(1, { error: '随机种子不能为空' })
    .max(64, { error: '随机种子最多 64 个字符' })
    .refine(noNul, { error: `随机种子${NUL_MESSAGE}` })
    .optional(),
});
export type SampleInput = z.infer<typeof SampleInputSchema>;

export const SampleSchema = z.object({
  year: z.number().int(),
  county: z.object({ code: z.string(), name: z.string() }),
  seed: z.string(),
  size: z.number().int(),
  /** Open village rooms the draw was made from. */
  population: z.number().int(),
  drawnAt: z.string(),
  drawnBy: z.string(),
  /** In draw order, each with the year's inspection (null: not yet). */
  stations: z.array(InspectedStationSchema),
});
export type Sample = z.infer<typeof SampleSchema>;

export const SampleListSchema = z.object({ year: z.number().int(), samples: z.array(SampleSchema) });
export type SampleList = z.infer<typeof SampleListSchema>;
