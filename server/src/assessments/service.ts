/**
 * The year-end assessment of a region: counts ratings in the database, then scores townships and staff
 * with the shared scoring functions, rolls townships up per county and city, and writes the bulletin
 * sentences. Read this top to bottom for the whole computation.
 *
 * Rollup rows never reach above the scope asked for: a county's year-end has `cities: []` and
 * `counties: [that county]` (a city row would hold only the county's figures under the city's name,
 * and its bulletin would count the county's workstations as 全市); a city's has `cities: [that city]`
 * and its counties; a province's has every city and county under it. Every region in the result is
 * named from the database — the scope's ancestors included, for the staff rows' city — and a name
 * missing there fails the request (a logged 500) rather than printing a bare code as a name.
 */
import type { Assessment, RollupRow, StaffRow, WorkstationRow } from '@plsr/shared/schemas';
import {
  addLevelCounts,
  bulletinSentence,
  emptyLevelCounts,
  rollUp,
  roundScore,
  roundShare,
  scoreStaff,
  scoreWorkstation,
  summarizeLevels,
  type AssessmentPolicy,
  type LevelCounts,
} from '@plsr/shared/scoring';
import { beijingDate, yearOfDate } from '@plsr/shared/time';
import { INSPECTION_ASPECTS, type RegionLevel } from '@plsr/shared/vocabulary';
import type { BureauUser } from '../auth/guards';
import { assertWithinJurisdiction } from '../auth/guards';
import { AppError } from '../http/errors';
import type { AppDeps } from '../http/context';
import { cityCodeOf, countyCodeOf } from '../regions/codes';
import {
  caseTallies,
  citiesOf,
  findRegion,
  findScopeRegions,
  findStaffInCities,
  findWorkstations,
  placeLevelCounts,
  policyFor,
  staffLevelCounts,
  type CaseTally,
} from './repository';

type Named = { code: string; name: string };

/** Presentation rounding: points to one decimal like the scores, shares to four (0.1 % in Excel). */
const points1 = (x: number | null) => (x === null ? null : roundScore(x));
const share4 = (x: number | null) => (x === null ? null : roundShare(x));

/** The share of 差评 cases closed on time (the BRIEF's), from a place's or a person's tally. */
function caseFigures(t: CaseTally | undefined): Pick<WorkstationRow, 'casesDue' | 'casesOnTime' | 'casesOnTimeShare'> {
  const due = t?.due ?? 0;
  const onTime = t?.onTime ?? 0;
  return { casesDue: due, casesOnTime: onTime, casesOnTimeShare: due === 0 ? null : share4(onTime / due) };
}

/** What the year-end needs: the database and the clock (a worker thread has no more than these). */
type AssessDeps = Pick<AppDeps, 'db' | 'now'>;

/** `policy`: score under this one instead of the year's (a draft's preview, issue 13 part 3). */
export async function assess(
  deps: AssessDeps,
  user: BureauUser,
  year: number,
  regionCode: string,
  options: { policy?: AssessmentPolicy } = {},
): Promise<Assessment> {
  assertWithinJurisdiction(user, regionCode);
  if (year > yearOfDate(beijingDate(deps.now()))) throw new AppError('bad_request', `${year} 年度尚未开始`);
  const scope = await findRegion(deps.db, regionCode);
  if (!scope) throw new AppError('not_found', `行政区划代码 ${regionCode} 不存在`);
  if (!['province', 'city', 'county'].includes(scope.level)) {
    throw new AppError('bad_request', '考核结果按省(区)、市、县(区)汇总,请填写县级及以上的行政区划代码');
  }
  const policy = options.policy ?? (await policyFor(deps.db, year, scope.code));
  const regions = new Map((await findScopeRegions(deps.db, scope.code)).map((r) => [r.code, r]));
  const named = (code: string | null): Named => {
    const name = code === null ? undefined : regions.get(code)?.name;
    // A plain Error: the error middleware logs it and answers a 500 that hides it.
    if (code === null || !name) throw new Error(`year-end ${year} ${scope.code}: no name for region ${JSON.stringify(code)}`);
    return { code, name };
  };

  const { byCounty, byTownship } = await placeLevelCounts(deps.db, year, scope.code);
  const cases = await caseTallies(deps.db, year, scope.code, beijingDate(deps.now()));
  const workstations = await workstationRows(deps, year, scope.code, policy, byCounty, byTownship, named, cases.byTownship);
  const staff = await staffRows(deps, year, scope, policy, named, cases.byStaff);

  const rollupOf = (code: string, level: RegionLevel, rows: WorkstationRow[], counts: LevelCounts): RollupRow => {
    const region = { code, name: named(code).name, level };
    const r = rollUp(rows);
    return { region, ...r, ratings: summarizeLevels(counts, policy).count, bulletin: bulletinSentence(region, r, policy) };
  };
  const under = (level: RegionLevel) =>
    [...regions.values()]
      .filter((r) => r.level === level && r.code.startsWith(scope.code))
      .map((r) => r.code)
      .sort();
  const countyCodes = under('county');
  const cityCodes = under('city');
  const sumCounts = (prefix: string) => [...byCounty].filter(([c]) => c.startsWith(prefix)).reduce((acc, [, v]) => addLevelCounts(acc, v), emptyLevelCounts());
  const counties = countyCodes.map((c) =>
    rollupOf(
      c,
      'county',
      workstations.filter((w) => w.county.code === c),
      byCounty.get(c) ?? emptyLevelCounts(),
    ),
  );
  const cities = cityCodes.map((c) =>
    rollupOf(
      c,
      'city',
      workstations.filter((w) => w.city.code === c),
      sumCounts(c),
    ),
  );
  const own = rollupOf(scope.code, scope.level, workstations, sumCounts(scope.code));

  return {
    year,
    region: { code: scope.code, name: scope.name, level: scope.level },
    generatedAt: deps.now().toISOString(),
    policy,
    bulletin: own.bulletin,
    totals: { ratings: own.ratings, workstations: workstations.length, staff: staff.length },
    workstations,
    staff,
    counties,
    cities,
    publication: null,
  };
}

async function workstationRows(
  deps: AssessDeps,
  year: number,
  scopeCode: string,
  policy: AssessmentPolicy,
  byCounty: Map<string, LevelCounts>,
  byTownship: Map<string, LevelCounts>,
  named: (code: string | null) => Named,
  cases: Map<string | null, CaseTally>,
): Promise<WorkstationRow[]> {
  const stations = await findWorkstations(deps.db, year, scopeCode);
  return stations.map((st) => {
    const inspection = st.inspections[0];
    const aspects = inspection && !inspection.exempt ? INSPECTION_ASPECTS.map((a) => inspection[a]) : null;
    const inspectionTotal = aspects && aspects.every((x) => x !== null) ? aspects.reduce<number>((s, x) => s + (x ?? 0), 0) : null;
    const countyMean = summarizeLevels(byCounty.get(st.countyCode) ?? emptyLevelCounts(), policy).meanPoints;
    const score = scoreWorkstation(
      {
        stationId: st.id,
        counts: (st.townshipCode && byTownship.get(st.townshipCode)) || emptyLevelCounts(),
        countyMean,
        inspectionTotal,
        exempt: inspection?.exempt ?? false,
      },
      policy,
    );
    return {
      stationCode: st.code,
      stationName: st.name,
      township: named(st.townshipCode),
      county: named(st.countyCode),
      city: named(st.cityCode),
      ratings: score.count,
      meanPoints: points1(score.meanPoints),
      satisfactionRate: share4(score.satisfactionRate),
      topTwoShare: share4(score.topTwoShare),
      badReviews: score.badReviews,
      ...caseFigures(st.townshipCode ? cases.get(st.townshipCode) : undefined),
      ratingScore: score.ratingScore,
      inspectionTotal: score.inspectionTotal,
      total: score.total,
      band: score.band,
      status: score.status,
      exemptReason: inspection?.exempt ? (inspection.exemptReason ?? '') : null,
    };
  });
}

async function staffRows(
  deps: AssessDeps,
  year: number,
  scope: { code: string; level: RegionLevel },
  policy: AssessmentPolicy,
  named: (code: string | null) => Named,
  cases: Map<number, CaseTally>,
): Promise<StaffRow[]> {
  const cities = await citiesOf(deps.db, scope);
  const [people, counts] = await Promise.all([findStaffInCities(deps.db, cities), staffLevelCounts(deps.db, year, cities)]);
  const inputs = people.map((p) => ({
    staffId: p.id,
    role: p.role,
    cityCode: p.cityCode,
    counts: counts.get(p.id) ?? emptyLevelCounts(),
  }));
  const byId = new Map(people.map((p) => [p.id, p]));
  const inScope = inputs.filter((i) => {
    const p = byId.get(i.staffId);
    return p !== undefined && p.countyCode.startsWith(scope.code) && (p.status === 'active' || counts.has(p.id));
  });
  return scoreStaff(inScope, policy, inputs).map((s) => {
    const p = byId.get(s.staffId)!;
    return {
      staffId: p.id,
      name: p.name,
      role: p.role,
      organisation: p.organisation,
      licenceNumber: p.licenceNumber,
      county: named(countyCodeOf(p.countyCode)),
      city: named(cityCodeOf(p.cityCode)),
      ratings: s.count,
      meanPoints: points1(s.meanPoints),
      satisfactionRate: share4(s.satisfactionRate),
      topTwoShare: share4(s.topTwoShare),
      badReviews: s.badReviews,
      ...caseFigures(cases.get(p.id)),
      prior: points1(s.prior),
      score: s.score,
      band: s.band,
      status: s.status,
      rank: s.rank,
    };
  });
}

/** Workstations per band as the bulletin counts them, and those not banded (暂不参评, 无数据): the dashboard's and the policy preview's. */
export function workstationBands(rows: WorkstationRow[]): { good: number; fair: number; poor: number; exempt: number; unscored: number } {
  const count = (test: (w: WorkstationRow) => boolean) => rows.filter(test).length;
  return {
    good: count((w) => w.band === 'good'),
    fair: count((w) => w.band === 'fair'),
    poor: count((w) => w.band === 'poor'),
    exempt: count((w) => w.status === 'exempt'),
    unscored: count((w) => w.band === null && w.status !== 'exempt'),
  };
}
