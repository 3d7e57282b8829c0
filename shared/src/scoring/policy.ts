/**
 * AssessmentPolicy: every number of the brief's "Scores" section. A bureau may change any of them per
 * year and region; these are the defaults.
 */
import { z } from 'zod';

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
};
