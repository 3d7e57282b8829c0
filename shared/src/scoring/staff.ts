/**
 * Staff scores (律师及基层法律服务工作者年度考核): each person's Bayesian average against the mean of the
 * same role in the same city that year; fewer than `minRatings` counted ratings is 样本不足, unbanded.
 */
import type { Band, StaffRole, StaffRowStatus } from '../vocabulary';
import { bandOf, bayesianAverage, roundScore } from './bayes';
import { addLevelCounts, emptyLevelCounts, summarizeLevels, type LevelCounts, type LevelSummary } from './levels';
import type { AssessmentPolicy } from './policy';

export interface StaffScoreInput {
  staffId: number;
  role: StaffRole;
  cityCode: string;
  counts: LevelCounts;
}

/** What each status means: STAFF_ROW_STATUSES in the vocabulary. */
export type StaffScoreStatus = StaffRowStatus;

export interface StaffScore extends LevelSummary {
  staffId: number;
  /** C: mean points of the same role in the same city; null when that group has no rating. */
  prior: number | null;
  /** Rounded to one decimal; null when there is no rating to score. */
  score: number | null;
  band: Band | null;
  status: StaffScoreStatus;
  /** 1-based; scored staff first by score, then 样本不足 by score, then those without ratings. */
  rank: number;
}

const groupKey = (s: { role: string; cityCode: string }) => `${s.role}|${s.cityCode}`;

/**
 * Scores and ranks `inputs`. The prior C of each role and city is pooled over `priorPool`, which must
 * hold everyone of that role and city (by default `inputs` itself): a county's list is ranked among
 * itself, but its lawyers are still compared with every lawyer of the city.
 */
export function scoreStaff(inputs: readonly StaffScoreInput[], policy: AssessmentPolicy, priorPool: readonly StaffScoreInput[] = inputs): StaffScore[] {
  const pooled = new Map<string, LevelCounts>();
  for (const s of priorPool) {
    pooled.set(groupKey(s), addLevelCounts(pooled.get(groupKey(s)) ?? emptyLevelCounts(), s.counts));
  }
  const unranked = inputs.map((s) => {
    const summary = summarizeLevels(s.counts, policy);
    const prior = summarizeLevels(pooled.get(groupKey(s)) ?? emptyLevelCounts(), policy).meanPoints;
    if (summary.meanPoints === null || prior === null) {
      return { staffId: s.staffId, ...summary, prior, score: null, band: null, status: 'no_ratings' as const };
    }
    const score = roundScore(bayesianAverage(summary.count, summary.meanPoints, policy.priorWeight, prior));
    const sufficient = summary.count >= policy.minRatings;
    return {
      staffId: s.staffId,
      ...summary,
      prior,
      score,
      band: sufficient ? bandOf(score, policy) : null,
      status: sufficient ? ('scored' as const) : ('insufficient' as const),
    };
  });
  const statusOrder: Record<StaffScoreStatus, number> = { scored: 0, insufficient: 1, no_ratings: 2 };
  const ordered = [...unranked].sort(
    (a, b) => statusOrder[a.status] - statusOrder[b.status] || (b.score ?? -1) - (a.score ?? -1) || b.count - a.count || a.staffId - b.staffId,
  );
  return ordered.map((s, i) => ({ ...s, rank: i + 1 }));
}
