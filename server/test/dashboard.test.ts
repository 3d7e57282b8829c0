/**
 * Issue 13, part 5: the dashboard's figures, worked out by hand from what the test writes — ratings
 * per month and 满意率 from the kept counts, cases open, overdue and closed on time, ratings held and
 * appeals waiting, the bulletin and the lowest scores being the year-end's own.
 */
import { CODES, PASSWORD, seedFixtures } from './support/fixtures';
import { casesFor, closedFollowUps } from './support/cases';
import { holdRatings } from './support/review';
import { call, startTestApp, type TestApp } from './support/harness';

let app: TestApp;
let fx: Awaited<ReturnType<typeof seedFixtures>>;

beforeAll(async () => {
  app = await startTestApp();
  app.setNow('2026-06-20T02:00:00Z');
  fx = await seedFixtures(app.db);
});
afterAll(() => app.close());

it('counts the months, the cases, the held ratings and the appeals of the region asked for', async () => {
  const counted = async (count: number, level: number, serviceDate: string) => {
    const h = await holdRatings(app.db, { station: fx.stations.sanying, staffId: fx.staff.lawyerMa.id, count, level, serviceDate });
    await app.db.rating.updateMany({ where: { id: { in: h.ratingIds } }, data: { status: 'valid' } });
    return h.ratingIds;
  };
  // March: four 非常满意 and one 不满意 (4 of 5 satisfied); June: two 非常不满意.
  await counted(4, 5, '2026-03-10');
  const [marchBad] = await counted(1, 2, '2026-03-11');
  const juneBad = await counted(2, 1, '2026-06-02');
  // Cases: the March one still open and past its deadline, one June one open in time, two closed on time (their own 差评, in March).
  await casesFor(app.db, [marchBad!, juneBad[0]!], { phoneKey: app.config.phoneEncryptionKey });
  await app.db.badReviewCase.update({ where: { ratingId: marchBad! }, data: { openedOn: '2026-03-11', dueOn: '2026-04-01' } });
  await app.db.badReviewCase.update({ where: { ratingId: juneBad[0]! }, data: { openedOn: '2026-06-02' } });
  const resident = await app.db.resident.create({ data: { idHash: 'dashboard-resident', kind: 'device' } });
  await closedFollowUps(app.db, { residentId: resident.id, station: fx.stations.sanying, staffId: fx.staff.lawyerMa.id, count: 2 });
  // Three ratings held by a rule, one appeal waiting; and elsewhere (西吉县) one held rating that 原州区 does not count.
  await holdRatings(app.db, { station: fx.stations.sanying, staffId: fx.staff.mediatorWang.id, count: 3 });
  await holdRatings(app.db, { station: fx.stations.jiqiang, staffId: fx.staff.mediatorZhang.id, count: 1 });
  await app.db.appeal.create({
    data: { ratingId: juneBad[1]!, staffId: fx.staff.lawyerMa.id, countyCode: CODES.yuanzhou, reason: '仪表盘测试', createdAt: new Date() },
  });

  const token = (await call(app, 'POST', '/api/auth/password', { json: { username: 'yuanzhou', password: PASSWORD } })).body.token;
  const r = await call(app, 'GET', `/api/dashboard/2026?region=${CODES.yuanzhou}`, { token });
  expect(r.status).toBe(200);
  const year = await call(app, 'GET', `/api/assessments/2026?region=${CODES.yuanzhou}`, { token });
  // closedFollowUps' two 不满意 are in March too (1 and 2 March), by one resident of one lawyer: one
  // voice, the later. March: 6 ratings, 4 satisfied.
  expect(r.body.months[2]).toEqual({ month: 3, ratings: 6, satisfactionRate: 0.6667 });
  expect(r.body.months[5]).toEqual({ month: 6, ratings: 2, satisfactionRate: 0 });
  expect(r.body.months.filter((m: { ratings: number }) => m.ratings > 0)).toHaveLength(2);
  expect(r.body).toMatchObject({
    region: { code: CODES.yuanzhou, name: '原州区' },
    ratings: 8,
    satisfactionRate: 0.5,
    cases: { open: 2, overdue: 1, closedOnTime: 2, closedLate: 0 },
    flaggedWaiting: 3,
    appealsWaiting: 1,
    bulletin: year.body.bulletin,
  });
  expect(year.body.totals.ratings).toBe(8);
  // The lowest scores are the year-end's banded rows, lowest first.
  const banded = year.body.staff
    .filter((p: { band: string | null }) => p.band !== null)
    .sort((a: { score: number }, b: { score: number }) => a.score - b.score);
  expect(r.body.lowestStaff.map((p: { staffId: number; score: number }) => [p.staffId, p.score])).toEqual(
    banded.slice(0, 5).map((p: { staffId: number; score: number }) => [p.staffId, p.score]),
  );
  expect(r.body.lowestStaff.length).toBeGreaterThan(0);
  // 西吉县 sees its own held rating only; 原州区 may not look at it.
  const xiji = (await call(app, 'POST', '/api/auth/password', { json: { username: 'xiji', password: PASSWORD } })).body.token;
  expect((await call(app, 'GET', `/api/dashboard/2026?region=${CODES.xiji}`, { token: xiji })).body).toMatchObject({ flaggedWaiting: 1, ratings: 0 });
  expect((await call(app, 'GET', `/api/dashboard/2026?region=${CODES.xiji}`, { token })).status).toBe(403);
});
