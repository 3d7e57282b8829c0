/**
 * 我的评价 for a worker (issue 12, part 2): the year's score as the year-end computes it (the same
 * scoreStaff over the same counts, against the same city's mean for the role), its month-by-month
 * trend, the levels and dimensions, and the ratings themselves as shared/schemas/worker.ts allows:
 * nothing that tells who rated, nor in which order.
 */
import { createHmac } from 'node:crypto';
import type { WorkerRating, WorkerRatings } from '@plsr/shared/schemas';
import { emptyLevelCounts, roundScore, roundShare, scoreStaff, summarizeLevels, type LevelCounts } from '@plsr/shared/scoring';
import { APPEAL_STATUSES, BAD_REVIEW_REASONS, parseVocabulary, RATING_LEVELS, SERVICE_TYPES, STAFF_ROLES, type RatingLevel } from '@plsr/shared/vocabulary';
import { findStaffInCities, policyFor, staffLevelCounts } from '../assessments/repository';
import type { StaffActor } from '../auth/sessions';
import type { AppDeps } from '../http/context';
import { AppError } from '../http/errors';

/** A rating's name for its worker: a keyed hash of its id, which says nothing of when it came. */
export const ratingRef = (key: string, ratingId: number): string => createHmac('sha256', key).update(`worker-rating:${ratingId}`).digest('hex').slice(0, 20);

/** A reply may be edited for a day after it is first written. */
export const REPLY_EDIT_HOURS = 24;
export const replyEditableUntil = (createdAt: Date) => new Date(createdAt.getTime() + REPLY_EDIT_HOURS * 3600_000);
/** An appeal may be made within the policy's window after the rating was made. */
export const appealDeadline = (ratedAt: Date, windowDays: number) => new Date(ratedAt.getTime() + windowDays * 86_400_000);

/** The worker's own rating a ref names (the ref is computed, never stored: their ratings are few). */
export async function ratingOfRef(deps: Pick<AppDeps, 'db' | 'config'>, staffId: number, ref: string): Promise<number> {
  const ids = await deps.db.rating.findMany({ where: { staffId }, select: { id: true } });
  const found = ids.find((r) => ratingRef(deps.config.residentHashKey, r.id) === ref);
  if (!found) throw new AppError('not_found', '找不到这条评价');
  return found.id;
}

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
        createdAt: true,
        station: { select: { code: true, name: true } },
        reply: { select: { text: true, createdAt: true } },
        appeal: { select: { status: true, reason: true, evidence: true, createdAt: true, decidedAt: true, decisionReason: true } },
      },
    }),
  ]);
  const now = deps.now().getTime();

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
      reply: r.reply && { text: r.reply.text, createdAt: r.reply.createdAt.toISOString(), editableUntil: replyEditableUntil(r.reply.createdAt).toISOString() },
      appeal: r.appeal && {
        status: parseVocabulary(APPEAL_STATUSES, r.appeal.status, 'Appeal status'),
        reason: r.appeal.reason,
        evidence: r.appeal.evidence,
        createdAt: r.appeal.createdAt.toISOString(),
        decidedAt: r.appeal.decidedAt?.toISOString() ?? null,
        decisionReason: r.appeal.decisionReason,
      },
      appealableUntil: (() => {
        const until = appealDeadline(r.createdAt, policy.appealWindowDays);
        return r.status === 'valid' && !r.appeal && until.getTime() > now ? until.toISOString() : null;
      })(),
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
