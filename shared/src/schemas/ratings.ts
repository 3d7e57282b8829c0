/**
 * A resident's rating. The same schema validates the mini-program's form and the API route, so a
 * message the form shows beside a field is the one the server would answer.
 */
import { z } from 'zod';
import { BAD_REVIEW_REASONS, FIX_VERDICTS, OWN_RATING_STATUSES, RATER_TYPES, SERVICE_TYPES, STAFF_ROLES, isBadReview } from '../vocabulary';
import { CalendarDateSchema, noNul, StationCodeSchema } from './common';

export const COMMENT_MAX = 300;
/** PostgreSQL text cannot hold U+0000; no keyboard types it, so a text carrying one is refused. */
export const REASON_TEXT_MAX = 200;

const dimension = z
  .number({ error: '评分项应为 1–5 的整数' })
  .int({ error: '评分项应为 1–5 的整数' })
  .min(1, { error: '评分项应为 1–5 的整数' })
  .max(5, { error: '评分项应为 1–5 的整数' });

/** Mainland mobile number, for a call-back after a 差评. */
export const CallbackPhoneSchema = z.string().regex(/^1[3-9]\d{9}$/, { error: '请填写 11 位手机号码' });

const LevelSchema = z
  .number({ error: '请选择满意程度' })
  .int({ error: '请选择满意程度' })
  .min(1, { error: '请选择满意程度' })
  .max(5, { error: '请选择满意程度' });
const ReasonCodeSchema = z.enum(BAD_REVIEW_REASONS, { error: '请选择不满意的原因' });

/** The fields the bad-review rule reads; when they are well-formed the rule runs, whatever else is wrong. */
const BadReviewFieldsSchema = z.object({
  level: LevelSchema,
  reasonCode: ReasonCodeSchema.optional(),
  callbackPhone: CallbackPhoneSchema.optional(),
});

export const RatingInputSchema = z
  .object({
    /** Made by the client once per submission; a retry sends the same one. */
    clientRequestId: z.uuid({ error: '缺少或无效的请求编号 clientRequestId' }),
    stationCode: StationCodeSchema,
    // Ids are 32-bit in the database (PostgreSQL integer): a larger one names nobody, and is refused here
    // rather than failing the statement.
    staffId: z
      .number({ error: '请选择服务人员' })
      .int({ error: '请选择服务人员' })
      .positive({ error: '请选择服务人员' })
      .max(2_147_483_647, { error: '请选择服务人员' }),
    serviceType: z.enum(SERVICE_TYPES, { error: '请选择服务事项' }),
    level: LevelSchema,
    dimensions: z.object({ attitude: dimension.optional(), competence: dimension.optional(), efficiency: dimension.optional() }).strict().optional(),
    reasonCode: ReasonCodeSchema.optional(),
    reasonText: z
      .string()
      .trim()
      .max(REASON_TEXT_MAX, { error: `原因说明不能超过 ${REASON_TEXT_MAX} 字` })
      .refine(noNul, { error: '原因说明含有无法保存的字符' })
      .optional(),
    callbackPhone: CallbackPhoneSchema.optional(),
    comment: z
      .string()
      .trim()
      .max(COMMENT_MAX, { error: `评价内容不能超过 ${COMMENT_MAX} 字` })
      .refine(noNul, { error: '评价内容含有无法保存的字符' })
      .optional(),
    raterType: z.enum(RATER_TYPES, { error: '请选择评价人类型(个人或单位)' }),
    /** Beijing date of the service; omitted means today. May be late, within the configured window. */
    serviceDate: CalendarDateSchema.optional(),
    /** The worker's one-time service code this rating was opened with: the visit is proven (verified). */
    serviceCode: z
      .string()
      .regex(/^[A-Za-z0-9_-]{22}$/, { error: '服务码无效' })
      .optional(),
  })
  .superRefine(
    (r, ctx) => {
      if (isBadReview(r.level) && r.reasonCode === undefined) {
        ctx.addIssue({ code: 'custom', path: ['reasonCode'], message: '不满意的评价请选择原因' });
      }
      if (!isBadReview(r.level) && (r.reasonCode !== undefined || r.callbackPhone !== undefined)) {
        ctx.addIssue({ code: 'custom', path: ['reasonCode'], message: '只有不满意的评价需要填写原因和回访电话' });
      }
    },
    // A form shows every message at once: the rule must not wait for the rest of the body to be valid.
    { when: (payload) => BadReviewFieldsSchema.safeParse(payload.value).success },
  );
export type RatingInput = z.infer<typeof RatingInputSchema>;

/**
 * A 差评's follow-up as its rater sees it: open until the bureau's call back, then closed with what
 * was done (the 整改 or 解释说明 written for the resident) and the resident's verdict once given.
 */
export const FollowUpSchema = z.object({
  status: z.enum(['open', 'closed']),
  dueOn: z.string(),
  closedOn: z.string().nullable(),
  /** What the bureau did, as it wrote it for the resident (整改 or 解释说明). */
  resolution: z.string().nullable(),
  verdict: z.enum(FIX_VERDICTS).nullable(),
});
export type FollowUp = z.infer<typeof FollowUpSchema>;

/** A rating as its own rater sees it. */
/** A rating's three optional dimensions as stored (null: not given). */
export const RatingDimensionsSchema = z.object({
  attitude: z.number().int().nullable(),
  competence: z.number().int().nullable(),
  efficiency: z.number().int().nullable(),
});

export const OwnRatingSchema = z.object({
  id: z.number().int(),
  clientRequestId: z.string(),
  station: z.object({ code: z.string(), name: z.string() }),
  staff: z.object({ id: z.number().int(), name: z.string(), role: z.enum(STAFF_ROLES) }),
  serviceType: z.enum(SERVICE_TYPES),
  level: z.number().int(),
  dimensions: RatingDimensionsSchema,
  reasonCode: z.enum(BAD_REVIEW_REASONS).nullable(),
  reasonText: z.string().nullable(),
  /** Masked: 138****5678. */
  callbackPhone: z.string().nullable(),
  comment: z.string().nullable(),
  raterType: z.enum(RATER_TYPES),
  serviceDate: z.string(),
  /** A rating on hold for review shows as valid: the resident is not told which rule looked at it. */
  status: z.enum(OWN_RATING_STATUSES),
  /** 1 when first made; each same-day edit adds one. */
  revision: z.number().int(),
  /** The rated worker's reply, if they wrote one. */
  reply: z.object({ text: z.string(), at: z.string() }).nullable(),
  /** How the bureau followed up a 差评 (null for other ratings, and when its case was voided). */
  followUp: FollowUpSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OwnRating = z.infer<typeof OwnRatingSchema>;

export const OwnRatingListSchema = z.object({ ratings: z.array(OwnRatingSchema) });
export type OwnRatingList = z.infer<typeof OwnRatingListSchema>;

export const FixVerdictInputSchema = z.strictObject({
  verdict: z.enum(FIX_VERDICTS, { error: '请选择满意、基本满意或不满意' }),
});
export type FixVerdictInput = z.infer<typeof FixVerdictInputSchema>;
