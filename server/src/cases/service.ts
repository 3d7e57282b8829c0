/**
 * 差评工单 as the bureaus handle them (issue 13, part 1): the list of a region's cases, the next
 * step of one (核实 → 整改 or 解释说明 → 回访, which closes it; who, when and what kept, audited), and
 * the resident's call-back number, decrypted for the county bureau of the case alone and audited.
 * Any bureau inside whose region the case lies may see it and record its steps (a city may step in
 * for a county); the number is the county's only.
 */
import { CASES_SHOWN, type Case, type CaseList, type CaseQuery, type CaseStepInput, type FixVerdictInput, type FollowUp } from '@plsr/shared/schemas';
import { beijingDate } from '@plsr/shared/time';
import { CASE_STATUSES, CASE_STEPS, CASE_TRANSITIONS, FIX_VERDICTS, parseVocabulary } from '@plsr/shared/vocabulary';
import { assertWithinJurisdiction, type BureauUser } from '../auth/guards';
import { decryptPhone } from '../auth/secrets';
import { writeAudit } from '../audit/write';
import type { AppDeps } from '../http/context';
import { AppError } from '../http/errors';
import { RATING_FOR_BUREAU, ratingForBureau } from '../ratings/bureau-view';
import { FOLLOW_UP_SHOWN } from '../ratings/repository';
import { followUpOf } from '../ratings/service';

const DONE = ['closed', 'void'];

const withRating = {
  steps: { orderBy: { id: 'asc' as const }, select: { step: true, note: true, by: true, at: true } },
  rating: { select: { ...RATING_FOR_BUREAU, callbackPhoneEnc: true } },
};

type Row = NonNullable<Awaited<ReturnType<typeof findCase>>>;
const findCase = (deps: Pick<AppDeps, 'db'>, id: number) => deps.db.badReviewCase.findUnique({ where: { id }, include: withRating });

async function views(deps: Pick<AppDeps, 'db' | 'now'>, rows: Row[]): Promise<Case[]> {
  const today = beijingDate(deps.now());
  const counties = await deps.db.region.findMany({ where: { code: { in: [...new Set(rows.map((r) => r.countyCode))] } }, select: { code: true, name: true } });
  const countyName = new Map(counties.map((c) => [c.code, c.name]));
  return rows.map((c) => {
    const status = parseVocabulary(CASE_STATUSES, c.status, `case ${c.id} status`);
    const r = c.rating;
    const seen = ratingForBureau(r);
    return {
      id: c.id,
      status,
      openedOn: c.openedOn,
      dueOn: c.dueOn,
      dueProvisional: c.dueProvisional,
      overdue: !DONE.includes(status) && today > c.dueOn,
      closedOn: c.closedOn,
      onTime: c.onTime,
      fixVerdict: c.fixVerdict === null ? null : parseVocabulary(FIX_VERDICTS, c.fixVerdict, `case ${c.id} fixVerdict`),
      county: { code: c.countyCode, name: countyName.get(c.countyCode) ?? c.countyCode },
      station: seen.station,
      staff: seen.staff,
      rating: { ...seen.rating, hasCallbackPhone: r.callbackPhoneEnc !== null },
      steps: c.steps.map((s) => ({ step: parseVocabulary(CASE_STEPS, s.step, `case ${c.id} step`), note: s.note, by: s.by, at: s.at.toISOString() })),
    };
  });
}

/**
 * The region's cases: open ones soonest due first, overdue ones, or the latest closed; at most
 * CASES_SHOWN of them (a province has thousands), with the counts of all.
 */
export async function listCases(deps: Pick<AppDeps, 'db' | 'now'>, query: CaseQuery): Promise<CaseList> {
  const county = { countyCode: { startsWith: query.region } };
  const today = beijingDate(deps.now());
  const open = { ...county, status: { notIn: DONE } };
  const where = query.state === 'closed' ? { ...county, status: { in: DONE } } : query.state === 'overdue' ? { ...open, dueOn: { lt: today } } : open;
  const [rows, total, overdue] = await Promise.all([
    deps.db.badReviewCase.findMany({
      where,
      orderBy: query.state === 'closed' ? [{ closedAt: 'desc' }, { id: 'desc' }] : [{ dueOn: 'asc' }, { id: 'asc' }],
      take: CASES_SHOWN,
      include: withRating,
    }),
    deps.db.badReviewCase.count({ where }),
    deps.db.badReviewCase.count({ where: { ...open, dueOn: { lt: today } } }),
  ]);
  return { cases: await views(deps, rows), total, overdue };
}

/** Records the case's next step; 回访 closes it. A step out of order is refused and changes nothing. */
export async function addCaseStep(deps: Pick<AppDeps, 'db' | 'now'>, user: BureauUser, id: number, input: CaseStepInput): Promise<Case> {
  const at = deps.now();
  await deps.db.$transaction(async (tx) => {
    const found = await tx.badReviewCase.findUnique({ where: { id }, select: { status: true, countyCode: true, ratingId: true, dueOn: true } });
    if (!found) throw new AppError('not_found', `工单 ${id} 不存在`);
    assertWithinJurisdiction(user, found.countyCode);
    const move = CASE_TRANSITIONS[input.step];
    if (found.status !== move.from) {
      throw new AppError('conflict', DONE.includes(found.status) ? '这张工单已经办结或作废' : `这张工单现在应先${NEXT[found.status] ?? '办理上一步'}`);
    }
    const closes = move.to === 'closed';
    // Only a case still where it was moves: two clerks recording at once cannot both.
    const moved = await tx.badReviewCase.updateMany({
      where: { id, status: move.from },
      data: { status: move.to, ...(closes ? { closedAt: at, closedOn: beijingDate(at), onTime: beijingDate(at) <= found.dueOn } : {}) },
    });
    if (moved.count !== 1) throw new AppError('conflict', '这张工单刚被别人办理过,请刷新后再看');
    const { username } = await tx.user.findUniqueOrThrow({ where: { id: user.userId }, select: { username: true } });
    await tx.caseStep.create({ data: { caseId: id, step: input.step, note: input.note, by: username, at } });
    await writeAudit(tx, at, user, {
      action: 'case.step',
      subject: `case:${id}`,
      regionCode: found.countyCode,
      reason: input.note,
      before: { status: found.status },
      after: { status: move.to, step: input.step },
    });
  });
  return (await views(deps, [(await findCase(deps, id))!]))[0]!;
}

const NEXT: Record<string, string> = { verify: '核实', act: '整改或解释说明', callback: '回访' };

/** The resident's call-back number, for the county bureau of the case only; every reading audited. */
export async function caseCallbackPhone(deps: Pick<AppDeps, 'db' | 'now' | 'config'>, user: BureauUser, id: number): Promise<{ phone: string }> {
  const found = await deps.db.badReviewCase.findUnique({ where: { id }, select: { countyCode: true, rating: { select: { callbackPhoneEnc: true } } } });
  if (!found) throw new AppError('not_found', `工单 ${id} 不存在`);
  assertWithinJurisdiction(user, found.countyCode);
  if (user.role !== 'county') throw new AppError('forbidden', '回访电话只向工单所在县(区)司法局显示');
  if (!found.rating.callbackPhoneEnc) throw new AppError('not_found', '这条评价没有留回访电话');
  const phone = decryptPhone(deps.config.phoneEncryptionKey, found.rating.callbackPhoneEnc);
  const at = deps.now();
  await deps.db.$transaction((tx) => writeAudit(tx, at, user, { action: 'case.callback_phone', subject: `case:${id}`, regionCode: found.countyCode }));
  return { phone };
}

/**
 * The rater's verdict on the follow-up of their own 差评, once its case is closed, and once. Another
 * resident's rating, a rating with no case and a voided case are all "not found" alike.
 */
export async function rateFollowUp(deps: Pick<AppDeps, 'db' | 'now'>, residentId: number, ratingId: number, input: FixVerdictInput): Promise<FollowUp> {
  const found = await deps.db.badReviewCase.findUnique({
    where: { ratingId },
    select: { id: true, status: true, fixVerdict: true, rating: { select: { residentId: true } } },
  });
  if (!found || found.rating.residentId !== residentId || found.status === 'void') throw new AppError('not_found', '没有找到这条评价的差评处理');
  if (found.status !== 'closed') throw new AppError('conflict', '司法局还在处理这条差评,回访办结后才能评价处理结果');
  if (found.fixVerdict !== null) throw new AppError('conflict', '您已经评价过处理结果');
  // Only a closed case with no verdict yet takes one: two taps at once cannot both.
  const moved = await deps.db.badReviewCase.updateMany({
    where: { id: found.id, status: 'closed', fixVerdict: null },
    data: { fixVerdict: input.verdict, fixRatedAt: deps.now() },
  });
  if (moved.count !== 1) throw new AppError('conflict', '您已经评价过处理结果');
  const shown = await deps.db.badReviewCase.findUniqueOrThrow({ where: { id: found.id }, select: FOLLOW_UP_SHOWN });
  return followUpOf(shown)!;
}
