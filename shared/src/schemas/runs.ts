/**
 * A year-end a bureau can sign (issue 13, parts 3 and 4): the policy of a year and region, edited by
 * the region for the region and by a city for its city, with a preview of the year-end under a draft
 * beside the current one; and the published runs, each frozen (policy, inputs' counts, every score),
 * a correction being a new revision with its reason and what changed from the one before.
 */
import { z } from 'zod';
import { AssessmentPolicySchema } from '../scoring/policy';
import { REGION_LEVELS, RUN_CHANGE_FIELDS } from '../vocabulary';
import { noNul, NUL_MESSAGE, RegionCodeSchema, YearSchema } from './common';

const region = z.object({ code: z.string(), name: z.string(), level: z.enum(REGION_LEVELS) });
const reason = (what: string) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(2, { error: `${what}至少 2 个字` })
    .max(500, { error: `${what}不超过 500 字` })
    .refine(noNul, { error: `${what}${NUL_MESSAGE}` });

/** One row's figure that differs between two year-ends (revisions, or the current and a draft policy). */
export const RunChangeSchema = z.object({
  kind: z.enum(['workstation', 'staff', 'region']),
  /** The station's code, the staff member's id, or the region's code. */
  key: z.string(),
  name: z.string(),
  /** The county the row belongs to (a region row: its own code): a narrower view keeps its own changes. */
  county: z.string(),
  field: z.enum(RUN_CHANGE_FIELDS),
  before: z.union([z.string(), z.number()]).nullable(),
  after: z.union([z.string(), z.number()]).nullable(),
});
export type RunChange = z.infer<typeof RunChangeSchema>;

/** What a published year-end counted, frozen with it. */
export const RunInputsSchema = z.object({
  ratings: z.number().int(),
  workstations: z.number().int(),
  inspected: z.number().int(),
  exempt: z.number().int(),
  staff: z.number().int(),
  casesDue: z.number().int(),
  casesOnTime: z.number().int(),
  appealsUpheld: z.number().int(),
  /** The Chinese calendars its deadlines were counted on (the snapshots' sources; the whole calendars are kept with the run). */
  calendars: z.array(z.object({ year: z.number().int(), source: z.string() })),
});
export type RunInputs = z.infer<typeof RunInputsSchema>;

/** A published revision as the list shows it. */
export const AssessmentRunSchema = z.object({
  id: z.number().int(),
  year: z.number().int(),
  scope: region,
  revision: z.number().int(),
  reason: z.string().nullable(),
  publishedBy: z.string(),
  publishedAt: z.string(),
  /** sha256 of the frozen result (its time left out): equal to a preview's under the same policy and inputs. */
  digest: z.string(),
  inputs: RunInputsSchema,
  /** Changes from the previous revision (the first 200; `changeCount` says how many in all). */
  changes: z.array(RunChangeSchema),
  changeCount: z.number().int(),
});
export type AssessmentRun = z.infer<typeof AssessmentRunSchema>;
export const AssessmentRunListSchema = z.object({ runs: z.array(AssessmentRunSchema) });

export const AssessmentRunQuerySchema = z.object({
  year: YearSchema,
  region: RegionCodeSchema,
});
export type AssessmentRunQuery = z.infer<typeof AssessmentRunQuerySchema>;

export const PublishInputSchema = z.strictObject({
  year: z.number({ error: '请填写年度' }).int({ error: '年度应为整数' }).min(2018, { error: '年份不能早于 2018' }).max(2100, { error: '年份不能晚于 2100' }),
  region: RegionCodeSchema,
  /** Required from revision 2 on: why the published result is corrected. */
  reason: reason('发布原因').optional(),
});
export type PublishInput = z.infer<typeof PublishInputSchema>;

/** The policy of a year and region as the editor shows it. */
export const PolicyViewSchema = z.object({
  year: z.number().int(),
  region,
  policy: AssessmentPolicySchema,
  /** Whose row applies: the region's own, an ancestor's, or null for the defaults. */
  source: z.object({ code: z.string(), name: z.string() }).nullable(),
  /** Fixed by a published year-end (the first revision that fixed it), or null. */
  fixed: z.object({ scope: z.object({ code: z.string(), name: z.string() }), revision: z.number().int(), publishedAt: z.string() }).nullable(),
  /** The caller may change it (the region's account for the region, a city's for its city; not fixed). */
  editable: z.boolean(),
});
export type PolicyView = z.infer<typeof PolicyViewSchema>;

export const PolicyQuerySchema = z.object({ region: RegionCodeSchema });

export const PolicyInputSchema = z.strictObject({
  policy: AssessmentPolicySchema,
  reason: reason('修改原因'),
});
export type PolicyInput = z.infer<typeof PolicyInputSchema>;

export const PolicyPreviewInputSchema = z.strictObject({ policy: AssessmentPolicySchema });

const side = z.object({
  bulletin: z.string(),
  /** Workstations per band, and those not banded (暂不参评, 无数据). */
  workstations: z.object({ good: z.number().int(), fair: z.number().int(), poor: z.number().int(), exempt: z.number().int(), unscored: z.number().int() }),
  /** Staff per band, and those with too few ratings (样本不足) or none. */
  staff: z.object({ good: z.number().int(), fair: z.number().int(), poor: z.number().int(), unbanded: z.number().int() }),
});

/** The year-end under the current policy and under the draft, and what moves between them. */
export const PolicyPreviewSchema = z.object({
  current: side,
  draft: side,
  /** Scores, bands and ranks that move (the first 200; `changeCount` says how many in all). */
  changes: z.array(RunChangeSchema),
  changeCount: z.number().int(),
  /** The digest a publish under the draft would have, today's inputs unchanged. */
  draftDigest: z.string(),
});
export type PolicyPreview = z.infer<typeof PolicyPreviewSchema>;
