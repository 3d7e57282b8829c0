/**
 * AssessmentPolicy: every number of the brief's "Scores" section. A bureau may change any of them per
 * year and region; these are the defaults.
 */
import { z } from 'zod';

const count = z.number().int().min(1).max(100000);
const minutes = z
  .number()
  .int()
  .min(1)
  .max(7 * 24 * 60);
/** How many days of a staff member's normal rate a window must exceed (on top of the fixed minimum). */
const normalDays = z.number().min(0).max(365);

/**
 * The fraud rules' thresholds (server/src/review/rules.ts, docs/review.md). A rule fires when what it
 * counts in its window reaches the threshold; a staff member's threshold is the larger of `minCount`
 * and `normalDays` × their normal daily rate, so a busy county-centre mediator is not flagged for being
 * busy. The defaults were tuned on the demo year: none of its ratings is flagged.
 */
export const ReviewPolicySchema = z.object({
  /** Ratings of one staff member within the window. */
  staffBurst: z.object({ enabled: z.boolean(), windowMinutes: minutes, minCount: count, normalDays }),
  /** Ratings of one staff member, within the window, each by a resident created at most residentAgeMinutes before it. */
  freshResidents: z.object({ enabled: z.boolean(), windowMinutes: minutes, residentAgeMinutes: minutes, minCount: count, normalDays }),
  /** Ratings from one network address within the window (a station's Wi-Fi serves about 50 residents an hour). */
  addressVolume: z.object({ enabled: z.boolean(), windowMinutes: minutes, minCount: count }),
  /** Ratings by one resident (a WeChat account or an H5 device) within the window. */
  residentVolume: z.object({ enabled: z.boolean(), windowMinutes: minutes, minCount: count }),
  /** A rating for a day the station is closed, or made on the service day before it opened (stations with known hours). */
  outsideHours: z.object({ enabled: z.boolean() }),
});
export type ReviewPolicy = z.infer<typeof ReviewPolicySchema>;

export const DEFAULT_REVIEW_POLICY: ReviewPolicy = {
  staffBurst: { enabled: true, windowMinutes: 60, minCount: 10, normalDays: 3 },
  freshResidents: { enabled: true, windowMinutes: 24 * 60, residentAgeMinutes: 10, minCount: 12, normalDays: 5 },
  addressVolume: { enabled: true, windowMinutes: 60, minCount: 100 },
  residentVolume: { enabled: true, windowMinutes: 24 * 60, minCount: 8 },
  outsideHours: { enabled: true },
};

export const AssessmentPolicySchema = z.object({
  /** Points for levels 5, 4, 3, 2, 1 (非常满意 … 非常不满意). */
  points: z.object({
    5: z.number().min(0).max(100),
    4: z.number().min(0).max(100),
    3: z.number().min(0).max(100),
    2: z.number().min(0).max(100),
    1: z.number().min(0).max(100),
  }),
  /** m in (n·R + m·C)/(n + m). */
  priorWeight: z.number().min(0).max(1000),
  /** Fewer counted ratings than this: 样本不足, not banded. */
  minRatings: z.number().int().min(1).max(1000),
  inspectionWeight: z.number().min(0).max(1),
  ratingWeight: z.number().min(0).max(1),
  /** ≥ good: 好; ≥ fair: 中; else 差. */
  bandGood: z.number().min(0).max(100),
  bandFair: z.number().min(0).max(100),
  /**
   * One voice per resident: of a resident's unverified ratings of one staff member in one year, only
   * the latest service day's counts; the earlier ones are kept as superseded. Verified ratings (made
   * with a worker's one-time service code) always count.
   */
  oneVoicePerResident: z.boolean().default(true),
  /** The fraud rules' thresholds. */
  review: ReviewPolicySchema.default(DEFAULT_REVIEW_POLICY),
  /** A worker may appeal a rating within this many days of it being made. */
  appealWindowDays: z.number().int().min(1).max(365).default(30),
  /** A worker's service code works this many hours after it is shown. */
  serviceCodeHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
  /** A 差评 case is due this many working days (Chinese calendar: shared/src/calendar.ts) after it opens. */
  caseDeadlineWorkingDays: z.number().int().min(1).max(60).default(15),
});
export type AssessmentPolicy = z.infer<typeof AssessmentPolicySchema>;

export const DEFAULT_POLICY: AssessmentPolicy = {
  points: { 5: 100, 4: 80, 3: 60, 2: 30, 1: 0 },
  priorWeight: 10,
  minRatings: 5,
  inspectionWeight: 0.6,
  ratingWeight: 0.4,
  bandGood: 86,
  bandFair: 60,
  oneVoicePerResident: true,
  review: DEFAULT_REVIEW_POLICY,
  appealWindowDays: 30,
  serviceCodeHours: 24,
  caseDeadlineWorkingDays: 15,
};
