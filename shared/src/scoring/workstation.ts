/**
 * Township workstation scores (乡镇(街道)年终考核评定): 0.6 × inspection total + 0.4 × rating score,
 * the rating score being a Bayesian average over ratings at the workstation and its village rooms
 * with the county mean as prior. No inspection: the rating score alone, marked 未验收. 暂不参评:
 * listed, not banded.
 */
import type { Band, WorkstationRowStatus } from '../vocabulary';
import { bandOf, bayesianAverage, roundScore } from './bayes';
import { summarizeLevels, type LevelCounts, type LevelSummary } from './levels';
import type { AssessmentPolicy } from './policy';

export interface WorkstationScoreInput {
  stationId: number;
  /** Ratings at the workstation and its village rooms. */
  counts: LevelCounts;
  /** Mean points of every counted rating in the county (prior C); null when the county has none. */
  countyMean: number | null;
  /** Sum of the five aspects (0–100); null when not inspected this year. */
  inspectionTotal: number | null;
  exempt: boolean;
}

/** What each status means: WORKSTATION_ROW_STATUSES in the vocabulary. */
export type WorkstationScoreStatus = WorkstationRowStatus;

export interface WorkstationScore extends LevelSummary {
  stationId: number;
  ratingScore: number | null;
  inspectionTotal: number | null;
  total: number | null;
  band: Band | null;
  status: WorkstationScoreStatus;
}

export function scoreWorkstation(input: WorkstationScoreInput, policy: AssessmentPolicy): WorkstationScore {
  const summary = summarizeLevels(input.counts, policy);
  const rating = input.countyMean === null ? null : bayesianAverage(summary.count, summary.meanPoints ?? 0, policy.priorWeight, input.countyMean);
  const base = {
    stationId: input.stationId,
    ...summary,
    ratingScore: rating === null ? null : roundScore(rating),
    inspectionTotal: input.inspectionTotal,
  };
  if (input.exempt) return { ...base, total: null, band: null, status: 'exempt' };

  let total: number | null;
  let status: WorkstationScoreStatus;
  if (input.inspectionTotal !== null && rating !== null) {
    total = policy.inspectionWeight * input.inspectionTotal + policy.ratingWeight * rating;
    status = 'scored';
  } else if (rating !== null) {
    total = rating;
    status = 'uninspected';
  } else if (input.inspectionTotal !== null) {
    total = input.inspectionTotal;
    status = 'no_ratings';
  } else {
    return { ...base, total: null, band: null, status: 'no_data' };
  }
  const shown = roundScore(total);
  return { ...base, total: shown, band: bandOf(shown, policy), status };
}
