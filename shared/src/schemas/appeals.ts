/**
 * Appeals (申诉) as the county bureau handles them (issue 12, part 4): a worker's appeal of a rating
 * with its reason and evidence, upheld (the rating excluded from every score, kept) or rejected, with
 * a reason; audited. The bureau sees the rating as any bureau does, never the resident.
 */
import { z } from 'zod';
import { APPEAL_DECISIONS, APPEAL_STATUSES, BAD_REVIEW_REASONS, RATING_STATUSES, SERVICE_TYPES, STAFF_ROLES } from '../vocabulary';
import { RegionCodeSchema, RegionRefSchema } from './common';
import { ReasonSchema } from './station-admin';

export const AppealQuerySchema = z.object({
  region: RegionCodeSchema,
  /** pending: waiting for a decision (oldest first); decided: the latest 100 decisions. */
  state: z.enum(['pending', 'decided'], { error: 'state 只能是 pending(待处理)或 decided(已处理)' }).default('pending'),
});
export type AppealQuery = z.infer<typeof AppealQuerySchema>;

export const AppealSchema = z.object({
  id: z.number().int(),
  status: z.enum(APPEAL_STATUSES),
  reason: z.string(),
  evidence: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decisionReason: z.string().nullable(),
  county: RegionRefSchema,
  staff: z.object({ id: z.number().int(), name: z.string(), role: z.enum(STAFF_ROLES), organisation: z.string() }),
  rating: z.object({
    id: z.number().int(),
    level: z.number().int(),
    reasonCode: z.enum(BAD_REVIEW_REASONS).nullable(),
    reasonText: z.string().nullable(),
    comment: z.string().nullable(),
    serviceType: z.enum(SERVICE_TYPES),
    station: z.object({ code: z.string(), name: z.string() }),
    serviceDate: z.string(),
    status: z.enum(RATING_STATUSES),
  }),
});
export type Appeal = z.infer<typeof AppealSchema>;

export const AppealListSchema = z.object({ appeals: z.array(AppealSchema) });
export type AppealList = z.infer<typeof AppealListSchema>;

export const AppealDecisionInputSchema = z.strictObject({
  decision: z.enum(APPEAL_DECISIONS, { error: 'decision 只能是 uphold(申诉成立)或 reject(申诉不成立)' }),
  reason: ReasonSchema,
});
export type AppealDecisionInput = z.infer<typeof AppealDecisionInputSchema>;
