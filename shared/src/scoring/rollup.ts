/**
 * County and city rollups of township workstation results, and the bulletin sentence a bureau pastes
 * into its 通报, in the words of the 2018 acceptance bulletin:
 * "经验收,全市65个乡镇(街道)公共法律服务工作站综合评分在86分(好)以上的32个,综合评分在60-85分(中)的31个,……暂不参评2个。"
 */
import type { RegionLevel } from '../vocabulary';
import { roundScore } from './bayes';
import type { AssessmentPolicy } from './policy';
import type { WorkstationScore } from './workstation';

export interface Rollup {
  workstations: number;
  good: number;
  fair: number;
  poor: number;
  exempt: number;
  /** Banded on ratings alone (未验收). */
  uninspected: number;
  /** Neither inspected nor rated: listed, not banded. */
  unscored: number;
  /** Mean of the banded totals, one decimal; null when none is banded. */
  meanTotal: number | null;
}

export function rollUp(scores: readonly Pick<WorkstationScore, 'band' | 'status' | 'total'>[]): Rollup {
  const r: Rollup = { workstations: scores.length, good: 0, fair: 0, poor: 0, exempt: 0, uninspected: 0, unscored: 0, meanTotal: null };
  let sum = 0;
  let banded = 0;
  for (const s of scores) {
    if (s.status === 'exempt') r.exempt += 1;
    if (s.status === 'no_data') r.unscored += 1;
    if (s.status === 'uninspected') r.uninspected += 1;
    if (s.band !== null && s.total !== null) {
      r[s.band] += 1;
      sum += s.total;
      banded += 1;
    }
  }
  r.meanTotal = banded === 0 ? null : roundScore(sum / banded);
  return r;
}

/** 全市 / 全县 / 全区 / 全省 / 全州 / 全盟 / 全旗: the scope word a bulletin uses for a region. */
export function scopeWord(regionName: string, level: RegionLevel): string {
  if (level === 'province') {
    if (regionName.endsWith('自治区')) return '全区';
    if (regionName.endsWith('省')) return '全省';
    return '全市';
  }
  for (const suffix of ['地区', '州', '盟', '旗', '县', '区', '市'] as const) {
    if (regionName.endsWith(suffix)) return `全${suffix}`;
  }
  return `全${level === 'city' ? '市' : '县'}`;
}

const formatThreshold = (n: number) => String(n);
/** The top of the 中 range as the bulletin writes it: 86 → "85"; a fractional bound is written as is. */
const fairTop = (good: number) => (Number.isInteger(good) ? String(good - 1) : formatThreshold(good));

export function bulletinSentence(
  region: { name: string; level: RegionLevel },
  rollup: Rollup,
  policy: Pick<AssessmentPolicy, 'bandGood' | 'bandFair'>,
): string {
  const g = formatThreshold(policy.bandGood);
  const f = formatThreshold(policy.bandFair);
  const head = `经验收,${scopeWord(region.name, region.level)}${rollup.workstations}个乡镇(街道)公共法律服务工作站`;
  const clauses: string[] = [];
  if (rollup.good > 0) clauses.push(`综合评分在${g}分(好)以上的${rollup.good}个`);
  if (rollup.fair > 0) clauses.push(`综合评分在${f}-${fairTop(policy.bandGood)}分(中)的${rollup.fair}个`);
  if (rollup.poor > 0) clauses.push(`综合评分在${f}分(差)以下的${rollup.poor}个`);
  if (rollup.exempt > 0) clauses.push(`暂不参评${rollup.exempt}个`);
  if (rollup.unscored > 0) clauses.push(`尚无验收和评价数据${rollup.unscored}个`);
  if (clauses.length === 0) return `${head}尚无评分。`;
  let sentence = `${head}${clauses.join(',')}。`;
  if (rollup.uninspected > 0) {
    sentence += `其中${rollup.uninspected}个尚未验收,仅按群众评价计分。`;
  }
  return sentence;
}
