/**
 * 我的评价 for a worker (issue 12, part 2): the year's score as the year-end computes it (the same
 * scoreStaff over the same counts, against the same city's mean for the role), its month-by-month
 * trend, the levels and dimensions, and the ratings themselves as shared/schemas/worker.ts allows:
 * nothing that tells who rated, nor in which order.
 */
import { createHmac } from 'node:crypto';
import type { WorkerRating, WorkerRatings } from '@plsr/shared/schemas';
import { emptyLevelCounts, roundScore, roundShare, scoreStaff, summarizeLevels, type LevelCounts } from '@plsr/shared/scoring';
import { BAD_REVIEW_REASONS, parseVocabulary, RATING_LEVELS, SERVICE_TYPES, STAFF_ROLES, type RatingLevel } from '@plsr/shared/vocabulary';
import { findStaffInCities, policyFor, staffLevelCounts } from '../assessments/repository';
import type { StaffActor } from '../auth/sessions';
import type { AppDeps } from '../http/context';
import { AppError } from '../http/errors';

/** A rating's name for its worker: a keyed hash of its id, which says nothing of when it came. */
export const ratingRef = (key: string, ratingId: number): string => createHmac('sha256', key).update(`worker-rating:${ratingId}`).digest('hex').slice(0, 20);

const orNull = <T, R>(v: T | null, f: (v: T) => R): R | null => (v === null ? null : f(v));

export async function workerRatings(deps: AppDeps, actor: StaffActor, year: number): Promise<WorkerRatings> {
  const me = await deps.db.staff.findUnique({ where: { id: actor.staffId }, select: { id: true, name: true, role: true, cityCode: true, countyCode: true } });
  if (!me) throw new AppError('not_found', '找不到您的服务人员信息');
  const role = parseVocabulary(STAFF_ROLES, me.role, `Staff ${me.id} role`);
  const [policy, people, counts, byMonth, dims, rows] = await Promise.all([
    policyFor(deps.db, year, me.countyCode),
    findStaffInCities(deps.db, [me.cityCode]),
    staffLevelCounts(deps.db, year, [me.cityCode]),
    deps.db.ratingCountByStaff.groupBy({ by: ['month', 'level'], where: { year, staffId: me.id }, _sum: { count: true } }),
    deps.db.rating.aggregate({
      where: { staffId: me.id, serviceYear: year, status: 'valid' },
      _avg: { attitude: true, competence: true, efficiency: true },
      _count: { attitude: true, competence: true, efficiency: true },
    }),
    deps.db.rating.findMany({
      where: { staffId: me.id, serviceYear: year, status: { in: ['valid', 'excluded'] } },
      select: {
        id: true,
        level: true,
        attitude: true,
        competence: true,
        efficiency: true,
        reasonCode: true,
        reasonText: true,
        comment: true,
        serviceType: true,
        serviceDate: true,
        status: true,
        station: { select: { code: true, name: true } },
      },
    }),
  ]);

  // The same inputs and function as the year-end's staff table: this person among their city's.
  const pool = people.map((p) => ({ staffId: p.id, role: p.role, cityCode: p.cityCode, counts: counts.get(p.id) ?? emptyLevelCounts() }));
  const mine = pool.find((p) => p.staffId === me.id) ?? { staffId: me.id, role, cityCode: me.cityCode, counts: emptyLevelCounts() };
  const [score] = scoreStaff([mine], policy, pool);

  const months = Array.from({ length: 12 }, () => emptyLevelCounts());
  for (const m of byMonth) {
    if (m.month >= 1 && m.month <= 12 && RATING_LEVELS.includes(m.level as RatingLevel)) months[m.month - 1]![m.level as RatingLevel] += m._sum.count ?? 0;
  }
  const dimension = (key: 'attitude' | 'competence' | 'efficiency') => ({
    mean: orNull(dims._avg[key], (v) => Math.round(v * 100) / 100),
    ratings: dims._count[key],
  });

  const key = deps.config.residentHashKey;
  const ratings: WorkerRating[] = rows
    .map((r) => ({
      ref: ratingRef(key, r.id),
      level: r.level,
      dimensions: { attitude: r.attitude, competence: r.competence, efficiency: r.efficiency },
      reasonCode: r.reasonCode === null ? null : parseVocabulary(BAD_REVIEW_REASONS, r.reasonCode, `Rating reason`),
      reasonText: r.reasonText,
      comment: r.comment,
      serviceType: parseVocabulary(SERVICE_TYPES, r.serviceType, 'Rating service type'),
      station: r.station,
      serviceDate: r.serviceDate,
      counted: r.status === 'valid',
    }))
    // Newest service day first; within a day by ref, which carries no order of arrival.
    .sort((a, b) => b.serviceDate.localeCompare(a.serviceDate) || a.ref.localeCompare(b.ref));

  const levels: LevelCounts = mine.counts;
  return {
    year,
    staff: { id: me.id, name: me.name, role },
    summary: {
      ratings: score!.count,
      score: score!.score,
      band: score!.band,
      status: score!.status,
      meanPoints: orNull(score!.meanPoints, roundScore),
      satisfactionRate: orNull(score!.satisfactionRate, roundShare),
      badReviews: score!.badReviews,
      prior: orNull(score!.prior, roundScore),
      minRatings: policy.minRatings,
    },
    months: months.map((c, i) => ({
      month: i + 1,
      ratings: summarizeLevels(c, policy).count,
      meanPoints: orNull(summarizeLevels(c, policy).meanPoints, roundScore),
    })),
    levels: RATING_LEVELS.map((level) => ({ level, ratings: levels[level] })),
    dimensions: { attitude: dimension('attitude'), competence: dimension('competence'), efficiency: dimension('efficiency') },
    ratings,
  };
}
