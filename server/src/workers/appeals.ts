/**
 * A worker answers a rating (issue 12, parts 3 and 4): one reply, editable for a day, which the
 * resident reads under 我的评价; or an appeal (申诉), one per rating, within the policy's window, which
 * the county bureau of the rating's station upholds (the rating is excluded from every score from
 * then on and kept; the count triggers move the year-end, and the resident's earlier voice for the
 * worker counts again where one-voice had set it aside) or rejects, with a reason; audited.
 */
import type { Appeal, AppealDecisionInput, AppealInput, AppealQuery, Reply, ReplyInput, WorkerAppeal } from '@plsr/shared/schemas';
import { APPEAL_STATUSES, parseVocabulary, RATING_STATUSES, REGION_LEVELS } from '@plsr/shared/vocabulary';
import { policyFor } from '../assessments/repository';
import { assertWithinJurisdiction, type BureauUser } from '../auth/guards';
import type { StaffActor } from '../auth/sessions';
import { writeAudit } from '../audit/write';
import type { AppDeps } from '../http/context';
import { AppError } from '../http/errors';
import { RATING_FOR_BUREAU, ratingForBureau } from '../ratings/bureau-view';
import { notifyAppealDecided } from './notifications';
import { deriveVoices } from '../review/one-voice';
import { appealDeadline, ratingOfRef, replyEditableUntil } from './ratings';
import { voidCases, VOID_NOTE } from '../cases/open';

export async function replyToRating(deps: AppDeps, actor: StaffActor, ref: string, input: ReplyInput): Promise<Reply> {
  const ratingId = await ratingOfRef(deps, actor.staffId, ref);
  const now = deps.now();
  const existing = await deps.db.ratingReply.findUnique({ where: { ratingId } });
  if (existing && replyEditableUntil(existing.createdAt).getTime() <= now.getTime()) throw new AppError('conflict', '回复发出一天后不能再修改');
  const saved = existing
    ? await deps.db.ratingReply.update({ where: { ratingId }, data: { text: input.text, updatedAt: now } })
    : await deps.db.ratingReply.create({ data: { ratingId, staffId: actor.staffId, text: input.text, createdAt: now, updatedAt: now } });
  return { text: saved.text, createdAt: saved.createdAt.toISOString(), editableUntil: replyEditableUntil(saved.createdAt).toISOString() };
}

export async function appealRating(deps: AppDeps, actor: StaffActor, ref: string, input: AppealInput): Promise<WorkerAppeal> {
  const ratingId = await ratingOfRef(deps, actor.staffId, ref);
  const rating = await deps.db.rating.findUniqueOrThrow({
    where: { id: ratingId },
    select: { status: true, createdAt: true, serviceYear: true, countyCode: true, appeal: { select: { id: true } } },
  });
  if (rating.appeal) throw new AppError('conflict', '这条评价已经申诉过,每条评价只能申诉一次');
  if (rating.status !== 'valid') throw new AppError('conflict', '这条评价未计入得分,无需申诉');
  const { appealWindowDays } = await policyFor(deps.db, rating.serviceYear, rating.countyCode);
  const now = deps.now();
  if (appealDeadline(rating.createdAt, appealWindowDays).getTime() <= now.getTime())
    throw new AppError('conflict', `已超过申诉期限(评价后 ${appealWindowDays} 天内)`);
  const appeal = await deps.db.appeal.create({
    data: { ratingId, staffId: actor.staffId, countyCode: rating.countyCode, reason: input.reason, evidence: input.evidence || null, createdAt: now },
  });
  return {
    status: 'pending',
    reason: appeal.reason,
    evidence: appeal.evidence,
    createdAt: appeal.createdAt.toISOString(),
    decidedAt: null,
    decisionReason: null,
  };
}

const APPEAL_SELECT = {
  id: true,
  status: true,
  reason: true,
  evidence: true,
  createdAt: true,
  decidedAt: true,
  decidedBy: true,
  decisionReason: true,
  countyCode: true,
  rating: { select: { ...RATING_FOR_BUREAU, id: true, status: true } },
} as const;

type AppealRow = Awaited<ReturnType<typeof findAppeals>>[number];
const findAppeals = (deps: Pick<AppDeps, 'db'>, where: object, order: 'asc' | 'desc', take: number) =>
  deps.db.appeal.findMany({ where, select: APPEAL_SELECT, orderBy: [{ createdAt: order }, { id: order }], take });

async function appealViews(deps: Pick<AppDeps, 'db'>, rows: AppealRow[]): Promise<Appeal[]> {
  const counties = new Map(
    (
      await deps.db.region.findMany({ where: { code: { in: [...new Set(rows.map((r) => r.countyCode))] } }, select: { code: true, name: true, level: true } })
    ).map((r) => [r.code, { ...r, level: parseVocabulary(REGION_LEVELS, r.level, `Region ${r.code} level`) }]),
  );
  return rows.map((a) => {
    const r = a.rating;
    const seen = ratingForBureau(r);
    const county = counties.get(a.countyCode);
    if (!county) throw new Error(`Appeal ${a.id}: county ${a.countyCode} is not in the registry`);
    return {
      id: a.id,
      status: parseVocabulary(APPEAL_STATUSES, a.status, `Appeal ${a.id} status`),
      reason: a.reason,
      evidence: a.evidence,
      createdAt: a.createdAt.toISOString(),
      decidedAt: a.decidedAt?.toISOString() ?? null,
      decidedBy: a.decidedBy,
      decisionReason: a.decisionReason,
      county,
      staff: seen.staff,
      rating: { ...seen.rating, id: r.id, station: seen.station, status: parseVocabulary(RATING_STATUSES, r.status, `Rating ${r.id} status`) },
    };
  });
}

/** The region's appeals: those waiting (oldest first, all of them), or the latest 100 decided. */
export async function listAppeals(deps: AppDeps, query: AppealQuery): Promise<Appeal[]> {
  const where = { countyCode: { startsWith: query.region }, ...(query.state === 'pending' ? { status: 'pending' } : { status: { not: 'pending' } }) };
  const rows = query.state === 'pending' ? await findAppeals(deps, where, 'asc', 1000) : await findAppeals(deps, where, 'desc', 100);
  return appealViews(deps, rows);
}

export async function decideAppeal(deps: AppDeps, user: BureauUser, id: number, input: AppealDecisionInput): Promise<Appeal> {
  const at = deps.now();
  await deps.db.$transaction(async (tx) => {
    const appeal = await tx.appeal.findUnique({
      where: { id },
      select: {
        id: true,
        status: true,
        countyCode: true,
        ratingId: true,
        rating: { select: { status: true, residentId: true, staffId: true, serviceYear: true, serviceDate: true, verified: true } },
      },
    });
    if (!appeal) throw new AppError('not_found', `申诉 ${id} 不存在`);
    assertWithinJurisdiction(user, appeal.countyCode);
    if (appeal.status !== 'pending') throw new AppError('conflict', '这条申诉已经处理过');
    const { username } = await tx.user.findUniqueOrThrow({ where: { id: user.userId }, select: { username: true } });
    const upheld = input.decision === 'uphold';
    // Only a pending appeal moves: two clerks deciding at once cannot both.
    const moved = await tx.appeal.updateMany({
      where: { id, status: 'pending' },
      data: { status: upheld ? 'upheld' : 'rejected', decidedAt: at, decidedBy: username, decisionReason: input.reason },
    });
    if (moved.count !== 1) throw new AppError('conflict', '这条申诉已经处理过');
    const { rating } = appeal;
    if (upheld && rating.status !== 'excluded') {
      await tx.rating.update({ where: { id: appeal.ratingId }, data: { status: 'excluded' } });
      await voidCases(tx, [appeal.ratingId], at, VOID_NOTE.appeal);
      if (!rating.verified) {
        const { oneVoicePerResident } = await policyFor(tx, rating.serviceYear, appeal.countyCode);
        await deriveVoices(tx, [{ residentId: rating.residentId, staffId: rating.staffId, year: rating.serviceYear, oneVoice: oneVoicePerResident }]);
      }
    }
    await writeAudit(tx, at, user, {
      action: upheld ? 'appeal.uphold' : 'appeal.reject',
      subject: `rating:${appeal.ratingId}`,
      regionCode: appeal.countyCode,
      reason: input.reason,
      before: { status: rating.status },
      after: { status: upheld ? 'excluded' : rating.status, appeal: id },
    });
    await notifyAppealDecided(tx, at, { staffId: rating.staffId, upheld, reason: input.reason, serviceDate: rating.serviceDate });
  });
  return (await appealViews(deps, await findAppeals(deps, { id }, 'asc', 1)))[0]!;
}
