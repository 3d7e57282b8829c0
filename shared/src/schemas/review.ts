/**
 * Ratings on hold for review (issue 9, docs/review.md): the incidents a bureau lists and the
 * decisions it takes on them.
 */
import { z } from 'zod';
import { RATING_STATUSES, REVIEW_DECISIONS, REVIEW_RULES, SERVICE_TYPES, STAFF_ROLES } from '../vocabulary';
import { noNul, NUL_MESSAGE, RegionCodeSchema } from './common';

export const ReviewIncidentQuerySchema = z.object({
  region: RegionCodeSchema,
  /** pending: incidents with ratings still on hold in the region (the default); all: decided ones too. */
  state: z.enum(['pending', 'all'], { error: 'state 只能是 pending 或 all' }).default('pending'),
});
export type ReviewIncidentQuery = z.infer<typeof ReviewIncidentQuerySchema>;

const StaffRefSchema = z.object({ id: z.number().int(), name: z.string(), role: z.enum(STAFF_ROLES) });

/** A rating as a reviewing bureau sees it: never who made it, only a pseudonym that tells one rater from another. */
export const HeldRatingSchema = z.object({
  id: z.number().int(),
  staff: StaffRefSchema,
  station: z.object({ code: z.string(), name: z.string() }),
  serviceType: z.enum(SERVICE_TYPES),
  level: z.number().int(),
  serviceDate: z.string(),
  createdAt: z.string(),
  status: z.enum(RATING_STATUSES),
  /** Stable within one incident list, different for each rater: 评价人 A3F2. */
  rater: z.string(),
  /** Minutes between the rater's first login and this rating. */
  raterAgeMinutes: z.number().int(),
});
export type HeldRating = z.infer<typeof HeldRatingSchema>;

export const ReviewIncidentSchema = z.object({
  id: z.number().int(),
  rule: z.enum(REVIEW_RULES),
  ruleLabel: z.string(),
  staff: StaffRefSchema.nullable(),
  firstAt: z.string(),
  lastAt: z.string(),
  evidence: z.object({
    windowMinutes: z.number().int(),
    threshold: z.number().int(),
    observed: z.number().int(),
    normalPerDay: z.number().optional(),
    residentAgeMinutes: z.number().int().optional(),
    openingHours: z.string().optional(),
    summary: z.string(),
  }),
  /** Of its ratings inside the region asked for. */
  counts: z.object({ pending: z.number().int(), cleared: z.number().int(), excluded: z.number().int() }),
  /** Its ratings inside the region, oldest first (at most 1,000). */
  ratings: z.array(HeldRatingSchema),
});
export type ReviewIncident = z.infer<typeof ReviewIncidentSchema>;

export const ReviewIncidentListSchema = z.object({ incidents: z.array(ReviewIncidentSchema) });
export type ReviewIncidentList = z.infer<typeof ReviewIncidentListSchema>;

export const ReviewDecisionInputSchema = z
  .object({
    decision: z.enum(REVIEW_DECISIONS, { error: '处理结果只能是 clear(计入)或 exclude(剔除)' }),
    reason: z
      .string({ error: '请填写处理理由' })
      .trim()
      .min(2, { error: '处理理由至少 2 个字' })
      .max(500, { error: '处理理由不超过 500 字' })
      .refine(noNul, { error: `处理理由${NUL_MESSAGE}` }),
    /** These ratings, one by one… */
    ratingIds: z.array(z.number().int().min(1).max(2147483647)).min(1, { error: '请选择评价' }).max(500, { error: '一次最多处理 500 条评价' }).optional(),
    /** …or every rating of this incident still on hold inside the caller's jurisdiction. */
    incidentId: z.number().int().min(1).max(2147483647).optional(),
  })
  .refine((v) => (v.ratingIds === undefined) !== (v.incidentId === undefined), { error: '请选择评价(ratingIds)或事件(incidentId)之一', path: ['ratingIds'] });
export type ReviewDecisionInput = z.infer<typeof ReviewDecisionInputSchema>;

export const ReviewDecisionResultSchema = z.object({
  decision: z.enum(REVIEW_DECISIONS),
  /** The ratings decided, with the status each has now (valid or superseded when cleared, excluded). */
  ratings: z.array(z.object({ id: z.number().int(), status: z.enum(RATING_STATUSES) })),
});
export type ReviewDecisionResult = z.infer<typeof ReviewDecisionResultSchema>;
