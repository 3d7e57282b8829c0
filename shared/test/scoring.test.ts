/**
 * Scoring, table by table. Every expected number is worked out by hand in the comment beside it,
 * from the formulas in BRIEF.md "Scores" and the default policy (points 100/80/60/30/0, m = 10,
 * minimum 5 ratings, 0.6 inspection + 0.4 ratings, bands 86/60).
 */
import {
  DEFAULT_POLICY as P,
  bandOf,
  bayesianAverage,
  bulletinSentence,
  rollUp,
  roundScore,
  scopeWord,
  scoreStaff,
  scoreWorkstation,
  summarizeLevels,
  type LevelCounts,
} from '@plsr/shared/scoring';

const counts = (c5: number, c4 = 0, c3 = 0, c2 = 0, c1 = 0): LevelCounts => ({ 5: c5, 4: c4, 3: c3, 2: c2, 1: c1 });

describe('summarizeLevels', () => {
  it.each([
    // counts               n  points sum                  mean      满意率 (3–5)  top-2 (4–5)  差评
    [counts(0), 0, 0, null, null, null, 0],
    [counts(1, 1), 2, 180, 90, 1, 1, 0], // 100 + 80
    [counts(2, 1, 1, 1, 1), 6, 370, 370 / 6, 4 / 6, 3 / 6, 2], // 2×100 + 80 + 60 + 30 + 0
    [counts(0, 0, 0, 3, 1), 4, 90, 22.5, 0, 0, 4], // 3×30 + 0
  ])('summarizes %j', (c, n, sum, mean, sat, top2, bad) => {
    expect(summarizeLevels(c, P)).toEqual({
      count: n,
      pointsSum: sum,
      meanPoints: mean,
      satisfactionRate: sat,
      topTwoShare: top2,
      badReviews: bad,
    });
  });
});

describe('bayesianAverage and bands', () => {
  it.each([
    // n   R    m   C    expected
    [0, 0, 10, 80, 80], // no ratings: the prior
    [10, 100, 10, 80, 90], // (1000 + 800) / 20
    [3, 100, 10, 80, 1100 / 13], // (300 + 800) / 13 = 84.615…
    [40, 95, 10, 80, 92], // (3800 + 800) / 50
    [5, 60, 0, 99, 60], // m = 0: the raw mean
  ])('n=%d R=%d m=%d C=%d → %d', (n, r, m, c, expected) => {
    expect(bayesianAverage(n, r, m, c)).toBeCloseTo(expected, 10);
  });

  it.each([
    [86, 'good'],
    [85.96, 'good'], // shown as 86.0, banded as shown
    [85.94, 'fair'], // shown as 85.9
    [60, 'fair'],
    [59.95, 'fair'], // shown as 60.0
    [59.9, 'poor'],
    [0, 'poor'],
  ] as const)('%d is banded %s', (score, band) => {
    expect(bandOf(score, P)).toBe(band);
  });

  it('rounds half up to one decimal without binary noise', () => {
    expect(roundScore(85.95)).toBe(86);
    expect(roundScore(84.615384)).toBe(84.6);
    expect(roundScore(1100 / 13)).toBe(84.6);
  });
});

describe('scoreStaff', () => {
  it('ranks a lawyer with 3 ratings of 100 below one with 40 ratings averaging 95', () => {
    // City lawyers: A 3×100; B 20×100 + 20×(level 4 → 80) wait: 40 ratings averaging 95 =
    // 30×100 + 10×80 = 3800 / 40 = 95. Pool of the role in the city: 3×100 + 3800 = 4100 over 43
    // ratings, C = 95.3488…. A: (300 + 953.488)/13 = 96.42 but only 3 ratings → 样本不足, unbanded.
    // B: (3800 + 953.488)/50 = 95.07 → 好. Scored staff rank above 样本不足.
    const [b, a] = scoreStaff(
      [
        { staffId: 1, role: 'lawyer', cityCode: '6404', counts: counts(3) },
        { staffId: 2, role: 'lawyer', cityCode: '6404', counts: counts(30, 10) },
      ],
      P,
    );
    expect(b).toMatchObject({ staffId: 2, rank: 1, status: 'scored', band: 'good', score: 95.1, count: 40 });
    expect(b!.prior).toBeCloseTo(4100 / 43, 10);
    expect(a).toMatchObject({ staffId: 1, rank: 2, status: 'insufficient', band: null, score: 96.4, count: 3 });
  });

  it('takes the prior from the same role in the same city only', () => {
    // Mediator M in 6404: 5×80 (mean 80), the only mediator there → C = 80 → score 80.
    // A lawyer with 0 and 100s in the same city does not move M's prior; nor does a mediator of 6401.
    const rows = scoreStaff(
      [
        { staffId: 1, role: 'mediator', cityCode: '6404', counts: counts(0, 5) },
        { staffId: 2, role: 'lawyer', cityCode: '6404', counts: counts(10, 0, 0, 0, 10) },
        { staffId: 3, role: 'mediator', cityCode: '6401', counts: counts(0, 0, 0, 0, 9) },
      ],
      P,
    );
    const m = rows.find((r) => r.staffId === 1)!;
    expect(m.prior).toBe(80);
    expect(m.score).toBe(80);
    expect(m.band).toBe('fair');
    // Lawyer: 20 ratings, mean 50, prior 50 → 50 → 差. Mediator of 6401: mean 0 → 0 → 差.
    expect(rows.find((r) => r.staffId === 2)).toMatchObject({ score: 50, band: 'poor' });
    expect(rows.find((r) => r.staffId === 3)).toMatchObject({ score: 0, band: 'poor' });
  });

  it('pools the prior over priorPool but ranks only the inputs', () => {
    // Pool: X (in scope) 5×60 and Y (other county) 5×100 → C = 80. X: (300 + 800)/15 = 73.33 → 73.3.
    const x = { staffId: 7, role: 'notary' as const, cityCode: '6404', counts: counts(0, 0, 5) };
    const y = { staffId: 8, role: 'notary' as const, cityCode: '6404', counts: counts(5) };
    const rows = scoreStaff([x], P, [x, y]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ staffId: 7, rank: 1, prior: 80, score: 73.3, band: 'fair' });
  });

  it('lists staff without ratings last, unscored', () => {
    const rows = scoreStaff(
      [
        { staffId: 1, role: 'lawyer', cityCode: '6404', counts: counts(0) },
        { staffId: 2, role: 'lawyer', cityCode: '6404', counts: counts(5) },
      ],
      P,
    );
    expect(rows.map((r) => [r.staffId, r.status, r.rank])).toEqual([
      [2, 'scored', 1],
      [1, 'no_ratings', 2],
    ]);
    expect(rows[1]).toMatchObject({ score: null, band: null, prior: 100 });
  });
});

describe('scoreWorkstation', () => {
  const base = { stationId: 1, countyMean: 80, inspectionTotal: 90, exempt: false };
  // prettier-ignore
  it.each([
    // 10×100 at the township, county mean 80: rating (1000+800)/20 = 90; total 0.6×90 + 0.4×90 = 90 → 好
    [{ ...base, counts: counts(10) }, { ratingScore: 90, total: 90, band: 'good', status: 'scored' }],
    // inspection 70, no ratings: rating = prior 80; total 0.6×70 + 0.4×80 = 42 + 32 = 74 → 中
    [{ ...base, inspectionTotal: 70, counts: counts(0) }, { ratingScore: 80, total: 74, band: 'fair', status: 'scored' }],
    // not inspected: rating alone. 10×30 (level 2): (300 + 800)/20 = 55 → 差, 未验收
    [{ ...base, inspectionTotal: null, counts: counts(0, 0, 0, 10) }, { ratingScore: 55, total: 55, band: 'poor', status: 'uninspected' }],
    // exempt: listed, rating score still shown, not banded
    [{ ...base, exempt: true, counts: counts(10) }, { ratingScore: 90, total: null, band: null, status: 'exempt' }],
    // county has no ratings at all, inspected 88: inspection alone
    [{ ...base, countyMean: null, inspectionTotal: 88, counts: counts(0) }, { ratingScore: null, total: 88, band: 'good', status: 'no_ratings' }],
    // nothing at all
    [{ ...base, countyMean: null, inspectionTotal: null, counts: counts(0) }, { ratingScore: null, total: null, band: null, status: 'no_data' }],
  ] as const)('%#: scores %j', (input, expected) => {
    expect(scoreWorkstation(input, P)).toMatchObject(expected);
  });
});

describe('rollUp and the bulletin sentence', () => {
  const ws = (band: 'good' | 'fair' | 'poor' | null, total: number | null, status: 'scored' | 'uninspected' | 'exempt' | 'no_data' = 'scored') => ({
    band,
    total,
    status,
  });

  it('writes Guyuan 2018 exactly as the bulletin did', () => {
    // 65 workstations: 32 好, 31 中, 2 暂不参评.
    const rows = [...Array(32).fill(ws('good', 90)), ...Array(31).fill(ws('fair', 70)), ws(null, null, 'exempt'), ws(null, null, 'exempt')];
    const r = rollUp(rows);
    expect(r).toMatchObject({ workstations: 65, good: 32, fair: 31, poor: 0, exempt: 2, unscored: 0 });
    // mean of banded: (32×90 + 31×70)/63 = (2880 + 2170)/63 = 80.158… → 80.2
    expect(r.meanTotal).toBe(80.2);
    expect(bulletinSentence({ name: '固原市', level: 'city' }, r, P)).toBe(
      '经验收,全市65个乡镇(街道)公共法律服务工作站综合评分在86分(好)以上的32个,综合评分在60-85分(中)的31个,暂不参评2个。',
    );
  });

  it('names 差 and 未验收 when there are any, in a county', () => {
    const r = rollUp([ws('good', 88), ws('poor', 50, 'uninspected'), ws(null, null, 'no_data')]);
    expect(bulletinSentence({ name: '西吉县', level: 'county' }, r, P)).toBe(
      '经验收,全县3个乡镇(街道)公共法律服务工作站综合评分在86分(好)以上的1个,综合评分在60分(差)以下的1个,尚无验收和评价数据1个。其中1个尚未验收,仅按群众评价计分。',
    );
  });

  it('follows the policy thresholds', () => {
    const r = rollUp([ws('good', 95), ws('fair', 80)]);
    expect(bulletinSentence({ name: '原州区', level: 'county' }, r, { bandGood: 90, bandFair: 70 })).toBe(
      '经验收,全区2个乡镇(街道)公共法律服务工作站综合评分在90分(好)以上的1个,综合评分在70-89分(中)的1个。',
    );
  });

  it.each([
    ['宁夏回族自治区', 'province', '全区'],
    ['甘肃省', 'province', '全省'],
    ['北京市', 'province', '全市'],
    ['固原市', 'city', '全市'],
    ['临夏回族自治州', 'city', '全州'],
    ['阿拉善盟', 'city', '全盟'],
    ['灵武市', 'county', '全市'],
    ['西吉县', 'county', '全县'],
    ['原州区', 'county', '全区'],
    ['阿拉善左旗', 'county', '全旗'],
  ] as const)('%s (%s) is %s', (name, level, word) => {
    expect(scopeWord(name, level)).toBe(word);
  });
});
