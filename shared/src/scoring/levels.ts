/**
 * From counts of ratings per level to the figures reported beside every score: count, mean points,
 * 满意率 (levels 3–5), top-2 share (levels 4–5) and the number of 差评.
 */
import { RATING_LEVELS, type RatingLevel } from '../vocabulary';
import type { AssessmentPolicy } from './policy';

export type LevelCounts = Record<RatingLevel, number>;

export const emptyLevelCounts = (): LevelCounts => ({ 5: 0, 4: 0, 3: 0, 2: 0, 1: 0 });

export function addLevelCounts(a: LevelCounts, b: LevelCounts): LevelCounts {
  const sum = emptyLevelCounts();
  for (const level of RATING_LEVELS) sum[level] = a[level] + b[level];
  return sum;
}

export interface LevelSummary {
  count: number;
  /** Sum of points; kept so that means can be pooled exactly. */
  pointsSum: number;
  /** Mean points R; null when there is no rating. */
  meanPoints: number | null;
  satisfactionRate: number | null;
  topTwoShare: number | null;
  badReviews: number;
}

export function summarizeLevels(counts: LevelCounts, policy: AssessmentPolicy): LevelSummary {
  let count = 0;
  let pointsSum = 0;
  for (const level of RATING_LEVELS) {
    count += counts[level];
    pointsSum += counts[level] * policy.points[level];
  }
  const share = (n: number) => (count === 0 ? null : n / count);
  return {
    count,
    pointsSum,
    meanPoints: count === 0 ? null : pointsSum / count,
    satisfactionRate: share(counts[5] + counts[4] + counts[3]),
    topTwoShare: share(counts[5] + counts[4]),
    badReviews: counts[2] + counts[1],
  };
}
