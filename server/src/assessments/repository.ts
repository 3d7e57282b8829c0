/**
 * The year-end's reads. Ratings are never read here: their counts, kept as they are written
 * (ratings/counts.ts: per year, month, staff member or station, and level), are summed per person and
 * per county and township; the rest of the computation works on those few rows.
 * Enum columns (levels, roles, statuses) are parsed into the shared vocabulary here, so a bad value in
 * the database fails the year-end instead of being counted or printed.
 */
import { AssessmentPolicySchema, DEFAULT_POLICY, emptyLevelCounts, type AssessmentPolicy, type LevelCounts } from '@plsr/shared/scoring';
import { parseVocabulary, RATING_LEVELS, REGION_LEVELS, STAFF_ROLES, STAFF_STATUSES } from '@plsr/shared/vocabulary';
import type { Db } from '../db/client';
import { ancestorCodes } from '../regions/codes';

function addCount(map: Map<string, LevelCounts>, key: string, level: number, n: number): void {
  const counts = map.get(key) ?? emptyLevelCounts();
  counts[parseVocabulary(RATING_LEVELS, level, 'rating.level')] += n;
  map.set(key, counts);
}

/** Counted ratings per staff member and level, for staff registered in the given cities. */
export async function staffLevelCounts(db: Db, year: number, cityCodes: string[]): Promise<Map<number, LevelCounts>> {
  const rows = await db.ratingCountByStaff.groupBy({
    by: ['staffId', 'level'],
    where: { year, staff: { cityCode: { in: cityCodes } } },
    _sum: { count: true },
  });
  const byKey = new Map<string, LevelCounts>();
  for (const r of rows) addCount(byKey, String(r.staffId), r.level, r._sum.count ?? 0);
  return new Map([...byKey].map(([k, v]) => [Number(k), v]));
}

/** The scope as an equality on the codes the counts carry: a county's, a city's, or (a province) its cities'. */
export const placeScope = (scopeCode: string) =>
  scopeCode.length >= 6 ? { countyCode: scopeCode } : scopeCode.length === 4 ? { cityCode: scopeCode } : { cityCode: { startsWith: scopeCode } };

/** Counted ratings per county, township (null: the county centre) and level, in the scope. */
export async function placeLevelCounts(db: Db, year: number, scopeCode: string) {
  const rows = await db.ratingCountByStation.groupBy({
    by: ['countyCode', 'townshipCode', 'level'],
    where: { year, ...placeScope(scopeCode) },
    _sum: { count: true },
  });
  const byCounty = new Map<string, LevelCounts>();
  const byTownship = new Map<string, LevelCounts>();
  for (const r of rows) {
    const n = r._sum.count ?? 0;
    addCount(byCounty, r.countyCode, r.level, n);
    if (r.townshipCode) addCount(byTownship, r.townshipCode, r.level, n);
  }
  return { byCounty, byTownship };
}

export async function findRegion(db: Db, code: string) {
  const region = await db.region.findUnique({ where: { code } });
  return region && { ...region, level: parseVocabulary(REGION_LEVELS, region.level, `region ${region.code} level`) };
}

/**
 * Names for the rows: the scope's ancestors (a county's staff rows name its city and province) and
 * the cities, counties and townships under it.
 */
export async function findScopeRegions(db: Db, scopeCode: string) {
  const rows = await db.region.findMany({
    where: {
      OR: [{ code: { in: ancestorCodes(scopeCode) } }, { code: { startsWith: scopeCode } }],
      level: { in: ['province', 'city', 'county', 'township'] },
    },
    select: { code: true, name: true, level: true },
  });
  return rows.map((r) => ({ ...r, level: parseVocabulary(REGION_LEVELS, r.level, `region ${r.code} level`) }));
}

export function findWorkstations(db: Db, year: number, scopeCode: string) {
  return db.station.findMany({
    where: { tier: 'township_workstation', countyCode: { startsWith: scopeCode }, status: { not: 'closed' } },
    include: { inspections: { where: { year } } },
    orderBy: { code: 'asc' },
  });
}

export async function findStaffInCities(db: Db, cityCodes: string[]) {
  const rows = await db.staff.findMany({ where: { cityCode: { in: cityCodes } }, orderBy: { id: 'asc' } });
  return rows.map((p) => ({
    ...p,
    role: parseVocabulary(STAFF_ROLES, p.role, `staff ${p.id} role`),
    status: parseVocabulary(STAFF_STATUSES, p.status, `staff ${p.id} status`),
  }));
}

/** The cities a scope's staff are compared within: the scope's own, or every city under a province. */
export async function citiesOf(db: Db, scope: { code: string; level: string }): Promise<string[]> {
  if (scope.level !== 'province') return [scope.code.slice(0, 4)];
  const cities = await db.region.findMany({ where: { level: 'city', provinceCode: scope.code }, select: { code: true } });
  return cities.map((c) => c.code);
}

/** The policy set for the year on the scope or its nearest ancestor; the defaults where none is. */
export async function policyFor(db: Pick<Db, 'assessmentPolicy'>, year: number, scopeCode: string): Promise<AssessmentPolicy> {
  const ancestors = ancestorCodes(scopeCode, true);
  const rows = await db.assessmentPolicy.findMany({ where: { year, regionCode: { in: ancestors } } });
  const nearest = rows.sort((a, b) => b.regionCode.length - a.regionCode.length)[0];
  return nearest ? AssessmentPolicySchema.parse(JSON.parse(nearest.policyJson)) : DEFAULT_POLICY;
}

/** A place's or a person's 差评 cases of the year: those due (closed, or open past their deadline) and those closed on time. */
export interface CaseTally {
  due: number;
  onTime: number;
}

/**
 * The year's cases (opened in it; void ones left out) in the scope, per township and per staff
 * member: the year-end's "share of 差评 cases closed on time". A case still open before its deadline
 * is not due yet and counts for neither.
 */
export async function caseTallies(db: Db, year: number, scopeCode: string, today: string) {
  const inYear = { openedOn: { gte: `${year}-01-01`, lte: `${year}-12-31` } };
  // A person's cases wherever they served, as their ratings are counted (staffLevelCounts).
  const place = { ...inYear, countyCode: { startsWith: scopeCode } };
  const open = { status: { notIn: ['closed', 'void'] }, dueOn: { lt: today } };
  const [closedByPlace, overdueByPlace, closedByStaff, overdueByStaff] = await Promise.all([
    db.badReviewCase.groupBy({ by: ['townshipCode', 'onTime'], where: { ...place, status: 'closed' }, _count: { _all: true } }),
    db.badReviewCase.groupBy({ by: ['townshipCode'], where: { ...place, ...open }, _count: { _all: true } }),
    db.badReviewCase.groupBy({ by: ['staffId', 'onTime'], where: { ...inYear, status: 'closed' }, _count: { _all: true } }),
    db.badReviewCase.groupBy({ by: ['staffId'], where: { ...inYear, ...open }, _count: { _all: true } }),
  ]);
  const tally = <K>(closed: { key: K; onTime: boolean | null; n: number }[], overdue: { key: K; n: number }[]) => {
    const out = new Map<K, CaseTally>();
    const at = (key: K) => out.get(key) ?? out.set(key, { due: 0, onTime: 0 }).get(key)!;
    for (const c of closed) {
      at(c.key).due += c.n;
      if (c.onTime) at(c.key).onTime += c.n;
    }
    for (const c of overdue) at(c.key).due += c.n;
    return out;
  };
  return {
    byTownship: tally(
      closedByPlace.map((c) => ({ key: c.townshipCode, onTime: c.onTime, n: c._count._all })),
      overdueByPlace.map((c) => ({ key: c.townshipCode, n: c._count._all })),
    ),
    byStaff: tally(
      closedByStaff.map((c) => ({ key: c.staffId, onTime: c.onTime, n: c._count._all })),
      overdueByStaff.map((c) => ({ key: c.staffId, n: c._count._all })),
    ),
  };
}
