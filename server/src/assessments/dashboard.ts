/**
 * The dashboard of a year and region (issue 13, part 5). The bulletin, the bands and the lowest
 * scores are the year-end's own (computed from the kept counts, never the ratings); the months are
 * the kept monthly counts; cases, held ratings and appeals are counted in their own small tables.
 */
import type { Dashboard } from '@plsr/shared/schemas';
import { isSatisfied, RATING_LEVELS, parseVocabulary } from '@plsr/shared/vocabulary';
import { roundShare } from '@plsr/shared/scoring';
import { beijingDate } from '@plsr/shared/time';
import type { BureauUser } from '../auth/guards';
import type { AppDeps } from '../http/context';
import { placeScope } from './repository';
import { assess, workstationBands } from './service';

const LOWEST = 5;
const share = (part: number, whole: number) => (whole === 0 ? null : roundShare(part / whole));

export async function dashboard(deps: Pick<AppDeps, 'db' | 'now'>, user: BureauUser, year: number, regionCode: string): Promise<Dashboard> {
  const a = await assess(deps, user, year, regionCode);
  const today = beijingDate(deps.now());
  const inYear = { openedOn: { gte: `${year}-01-01`, lte: `${year}-12-31` }, countyCode: { startsWith: regionCode } };
  const [monthly, cases, overdue, held, appealsWaiting] = await Promise.all([
    deps.db.ratingCountByStation.groupBy({ by: ['month', 'level'], where: { year, ...placeScope(regionCode) }, _sum: { count: true } }),
    deps.db.badReviewCase.groupBy({ by: ['status', 'onTime'], where: inYear, _count: { _all: true } }),
    deps.db.badReviewCase.count({ where: { ...inYear, status: { notIn: ['closed', 'void'] }, dueOn: { lt: today } } }),
    deps.db.ratingFlag.groupBy({ by: ['ratingId'], where: { rating: { status: 'flagged' }, incident: { countyCode: { startsWith: regionCode } } } }),
    deps.db.appeal.count({ where: { status: 'pending', countyCode: { startsWith: regionCode } } }),
  ]);

  const months = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, ratings: 0, satisfied: 0 }));
  for (const m of monthly) {
    const n = m._sum.count ?? 0;
    const row = months[m.month - 1]!;
    row.ratings += n;
    if (isSatisfied(parseVocabulary(RATING_LEVELS, m.level, 'count level'))) row.satisfied += n;
  }
  const total = months.reduce((s, m) => s + m.ratings, 0);
  const satisfied = months.reduce((s, m) => s + m.satisfied, 0);
  const count = (status: string, onTime?: boolean) =>
    cases.filter((c) => c.status === status && (onTime === undefined || c.onTime === onTime)).reduce((s, c) => s + c._count._all, 0);

  return {
    year,
    region: a.region,
    bulletin: a.bulletin,
    workstations: workstationBands(a.workstations),
    months: months.map((m) => ({ month: m.month, ratings: m.ratings, satisfactionRate: share(m.satisfied, m.ratings) })),
    ratings: total,
    satisfactionRate: share(satisfied, total),
    lowestWorkstations: a.workstations
      .flatMap((w) =>
        w.band !== null && w.total !== null
          ? [{ stationCode: w.stationCode, stationName: w.stationName, county: w.county.name, total: w.total, band: w.band }]
          : [],
      )
      .sort((x, y) => x.total - y.total || x.stationCode.localeCompare(y.stationCode))
      .slice(0, LOWEST),
    lowestStaff: a.staff
      .flatMap((s) =>
        s.band !== null && s.score !== null
          ? [{ staffId: s.staffId, name: s.name, role: s.role, organisation: s.organisation, score: s.score, band: s.band }]
          : [],
      )
      .sort((x, y) => x.score - y.score || x.staffId - y.staffId)
      .slice(0, LOWEST),
    cases: {
      open: ['verify', 'act', 'callback'].reduce((s, st) => s + count(st), 0),
      overdue,
      closedOnTime: count('closed', true),
      closedLate: count('closed', false),
    },
    flaggedWaiting: held.length,
    appealsWaiting,
  };
}
