/**
 * The Bayesian average (n·R + m·C)/(n + m): a few ratings pull a score only a little away from the
 * prior C, many ratings pull it all the way to their own mean R. Bands and rounding live here too,
 * so that what a bureau sees is exactly what was banded.
 */
import type { Band } from '../vocabulary';
import type { AssessmentPolicy } from './policy';

export function bayesianAverage(n: number, meanR: number, priorWeight: number, priorC: number): number {
  if (n + priorWeight === 0) return priorC;
  return (n * meanR + priorWeight * priorC) / (n + priorWeight);
}

/** Scores are shown with one decimal; bands apply to the shown value. */
export function roundScore(score: number): number {
  // toFixed first drops binary noise (85.95 is 85.9499… as a double) before rounding half up.
  return Math.round(Number((score * 10).toFixed(6))) / 10;
}

/** Shares (满意率, top-2) are kept to four decimals: 0.9231 is 92.31 %. */
export function roundShare(share: number): number {
  return Math.round(share * 10000) / 10000;
}

export function bandOf(score: number, policy: AssessmentPolicy): Band {
  const shown = roundScore(score);
  if (shown >= policy.bandGood) return 'good';
  if (shown >= policy.bandFair) return 'fair';
  return 'poor';
}
