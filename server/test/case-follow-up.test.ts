/**
 * Issue 13, part 1 and 2, the ends of a 差评 case: the rater sees it followed up under 我的评价 and
 * rates the fix once it is closed (满意 / 基本满意 / 不满意, with what was done); an upheld appeal or a
 * review's exclusion voids the case in the decision itself; and the year-end gives each workstation
 * and each worker the share of their cases closed on time, worked out by hand below.
 */
import { randomUUID } from 'node:crypto';
import { openCases } from '../src/cases/open';
import { CODES, PASSWORD, ratingBody, seedFixtures, STATIONS } from './support/fixtures';
import { holdRatings } from './support/review';
import { call, startTestApp, type TestApp } from './support/harness';

let app: TestApp;
let fx: Awaited<ReturnType<typeof seedFixtures>>;

beforeAll(async () => {
  app = await startTestApp();
  fx = await seedFixtures(app.db);
});
afterAll(() => app.close());

/** A 差评 by a new resident, now; the resident's token and the rating's id. */
async function badRating(over: Record<string, unknown> = {}) {
  const token = (await call(app, 'POST', '/api/auth/device', { json: { deviceId: `follow-up-${randomUUID()}` } })).body.token as string;
  const r = await call(app, 'POST', '/api/ratings', { token, json: ratingBody(fx, { level: 2, reasonCode: 'slow', ...over }) });
  expect(r.status).toBe(201);
  return { token, ratingId: r.body.id as number };
}
/** A bureau's token at the test's present time (the clock jumps between days; sessions expire). */
const login = async (username: string) => (await call(app, 'POST', '/api/auth/password', { json: { username, password: PASSWORD } })).body.token as string;
const caseOf = (ratingId: number) => app.db.badReviewCase.findUniqueOrThrow({ where: { ratingId } });
const step = async (id: number, step: string, note: string) =>
  call(app, 'POST', `/api/cases/${id}/steps`, { token: await login('yuanzhou'), json: { step, note } });
const mine = async (token: string, ratingId: number) =>
  ((await call(app, 'GET', '/api/me/ratings', { token })).body.ratings as { id: number; followUp: unknown }[]).find((r) => r.id === ratingId)!;

describe('the rater and the follow-up of their 差评', () => {
  it('sees it open with its deadline, then closed with what was done, and rates the fix once', async () => {
    app.setNow('2026-09-18T02:00:00Z');
    const { token, ratingId } = await badRating();
    expect((await mine(token, ratingId)).followUp).toBeNull(); // no case yet: the job opens it
    await openCases(app.deps);
    const { id } = await caseOf(ratingId);
    expect((await mine(token, ratingId)).followUp).toEqual({ status: 'open', dueOn: '2026-10-15', closedOn: null, resolution: null, verdict: null });

    const rate = (verdict: string, as = token) => call(app, 'POST', `/api/me/ratings/${ratingId}/follow-up`, { token: as, json: { verdict } });
    const early = await rate('satisfied');
    expect([early.status, early.body.message]).toEqual([409, '司法局还在处理这条差评,回访办结后才能评价处理结果']);

    await step(id, 'verify', '调取排号记录,情况属实');
    await step(id, 'rectify', '已增派一名律师周五值班,排号超过半小时的另行预约');
    app.setNow('2026-09-22T02:00:00Z');
    await step(id, 'callback', '电话回访,群众认可');
    expect((await mine(token, ratingId)).followUp).toEqual({
      status: 'closed',
      dueOn: '2026-10-15',
      closedOn: '2026-09-22',
      resolution: '已增派一名律师周五值班,排号超过半小时的另行预约',
      verdict: null,
    });

    // Another resident is told there is nothing of theirs; nothing changes.
    const stranger = await badRating({ comment: '另一位' });
    expect((await rate('unsatisfied', stranger.token)).status).toBe(404);
    expect((await caseOf(ratingId)).fixVerdict).toBeNull();

    const given = await rate('basic');
    expect([given.status, given.body.verdict]).toEqual([200, 'basic']);
    expect((await mine(token, ratingId)).followUp).toMatchObject({ verdict: 'basic' });
    const again = await rate('satisfied');
    expect([again.status, again.body.message]).toEqual([409, '您已经评价过处理结果']);
    expect(await caseOf(ratingId)).toMatchObject({ fixVerdict: 'basic', fixRatedAt: new Date('2026-09-22T02:00:00Z') });

    // The bureau sees the verdict on the closed case.
    const closed = await call(app, 'GET', `/api/cases?region=${CODES.yuanzhou}&state=closed`, { token: await login('yuanzhou') });
    expect(closed.body.cases.find((c: { id: number }) => c.id === id)).toMatchObject({ fixVerdict: 'basic', onTime: true });
    // A rating with no case: not found.
    expect((await call(app, 'POST', `/api/me/ratings/${stranger.ratingId}/follow-up`, { token: stranger.token, json: { verdict: 'basic' } })).status).toBe(404);
  });
});

describe('a decision that excludes the rating', () => {
  it('voids its case in the same write: an upheld appeal', async () => {
    app.setNow('2026-09-18T02:00:00Z');
    const { token, ratingId } = await badRating({ comment: '申诉将成立' });
    await openCases(app.deps);
    const appeal = await app.db.appeal.create({
      data: { ratingId, staffId: fx.staff.lawyerMa.id, countyCode: CODES.yuanzhou, reason: '当天不在岗', createdAt: new Date() },
    });
    const decided = await call(app, 'POST', `/api/appeals/${appeal.id}/decision`, {
      token: await login('yuanzhou'),
      json: { decision: 'uphold', reason: '排班表证实当天不在岗' },
    });
    expect(decided.status).toBe(200);
    const voided = await app.db.badReviewCase.findUniqueOrThrow({ where: { ratingId }, include: { steps: true } });
    expect(voided).toMatchObject({ status: 'void', closedOn: '2026-09-18', onTime: null });
    expect(voided.steps).toEqual([expect.objectContaining({ step: 'void', note: '申诉成立,评价已剔除,工单作废', by: 'system' })]);
    // The rater sees the rating excluded, and no follow-up to rate.
    expect(await mine(token, ratingId)).toMatchObject({ status: 'excluded', followUp: null });
    expect((await call(app, 'POST', `/api/me/ratings/${ratingId}/follow-up`, { token, json: { verdict: 'basic' } })).status).toBe(404);
  });

  it('voids its case in the same write: a review that excludes the ratings on hold', async () => {
    const held = await holdRatings(app.db, { station: fx.stations.sanying, staffId: fx.staff.mediatorWang.id, count: 3, level: 1, serviceDate: '2026-09-17' });
    await openCases(app.deps);
    expect(await app.db.badReviewCase.count({ where: { ratingId: { in: held.ratingIds }, status: 'verify' } })).toBe(3);
    const r = await call(app, 'POST', '/api/review/decisions', {
      token: await login('yuanzhou'),
      json: { decision: 'exclude', incidentId: held.incidentId, reason: '同一时段集中差评,核实为恶意' },
    });
    expect(r.status).toBe(200);
    const cases = await app.db.badReviewCase.findMany({ where: { ratingId: { in: held.ratingIds } }, include: { steps: true } });
    expect(cases.map((c) => [c.status, c.steps.map((s) => s.note)])).toEqual(Array(3).fill(['void', ['经核查评价已剔除,工单作废']]));
  });
});

describe('the year-end', () => {
  it('gives each workstation and worker the share of their cases closed on time', async () => {
    // A fresh county for clean figures: 西吉县's 吉强镇, where 张 (a mediator) serves.
    const at = { stationCode: STATIONS.jiqiang, staffId: fx.staff.mediatorZhang.id };
    const stepAs = async (id: number, s: string, note: string) =>
      call(app, 'POST', `/api/cases/${id}/steps`, { token: await login('xiji'), json: { step: s, note } });
    const closeOn = async (id: number, day: string) => {
      app.setNow(`${day}T02:00:00Z`);
      await stepAs(id, 'verify', '已核实');
      await stepAs(id, 'explain', '已向群众解释');
      expect((await stepAs(id, 'callback', '已回访')).body.status).toBe('closed');
    };
    // Four 差评 on Friday 18 September, due Thursday 15 October (15 working days across 中秋 and 国庆).
    app.setNow('2026-09-18T02:00:00Z');
    const made: number[] = [];
    for (let i = 0; i < 4; i++) made.push((await badRating({ ...at, comment: `第${i + 1}条` })).ratingId);
    await openCases(app.deps);
    const ids = await Promise.all(made.map(async (r) => (await caseOf(r)).id));
    expect(new Set((await app.db.badReviewCase.findMany({ where: { id: { in: ids } } })).map((c) => c.dueOn))).toEqual(new Set(['2026-10-15']));
    await closeOn(ids[0]!, '2026-10-15'); // on its last day: on time
    await closeOn(ids[1]!, '2026-10-16'); // a day late
    // ids[2] stays open: overdue from 16 October.
    const appeal = await app.db.appeal.create({
      data: { ratingId: made[3]!, staffId: at.staffId, countyCode: CODES.xiji, reason: '不是我办的', createdAt: new Date() },
    });
    expect(
      (await call(app, 'POST', `/api/appeals/${appeal.id}/decision`, { token: await login('xiji'), json: { decision: 'uphold', reason: '查实' } })).status,
    ).toBe(200);
    // A fifth on 19 October, due in November: not due yet, counted nowhere.
    app.setNow('2026-10-19T02:00:00Z');
    await badRating({ ...at, comment: '第5条' });
    await openCases(app.deps);

    app.setNow('2026-10-20T02:00:00Z');
    const year = await call(app, 'GET', `/api/assessments/2026?region=${CODES.xiji}`, { token: await login('xiji') });
    expect(year.status).toBe(200);
    // Due: the on-time one, the late one and the overdue one (3); on time: 1; 1/3 = 0.3333. The void one counts for nothing.
    const figures = { casesDue: 3, casesOnTime: 1, casesOnTimeShare: 0.3333 };
    expect(year.body.workstations.find((w: { stationCode: string }) => w.stationCode === STATIONS.jiqiang)).toMatchObject(figures);
    expect(year.body.staff.find((s: { staffId: number }) => s.staffId === at.staffId)).toMatchObject(figures);
    // The same figures in the xlsx's columns are the export's (assessment-export.test.ts reads them back).
    const none = year.body.staff.find((s: { casesDue: number }) => s.casesDue === 0);
    if (none) expect(none.casesOnTimeShare).toBeNull();
  });
});
