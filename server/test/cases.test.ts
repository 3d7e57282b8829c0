/**
 * Issue 13, part 1 (the cases' opening) and part 2 (their deadlines): every rating of level 1–2 opens
 * a 差评 case owned by the county of its station, due 15 working days after the rating's day on the
 * Chinese calendar; a deadline that runs into a year no calendar covers is marked; a year's calendar
 * is snapshotted when first used and kept, so that a package upgrade is reported, never applied; a
 * case whose rating was excluded closes as void.
 */
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { DEFAULT_POLICY } from '@plsr/shared/scoring';
import { calendarDrift, openCases, voidExcludedCases } from '../src/cases/open';
import { startServer } from '../src/server';
import { casesFor } from './support/cases';
import { CODES, PASSWORD, ratingBody, seedFixtures, STATIONS } from './support/fixtures';
import { holdRatings } from './support/review';
import { call, startTestApp, type TestApp } from './support/harness';

let app: TestApp;
let fx: Awaited<ReturnType<typeof seedFixtures>>;

beforeAll(async () => {
  app = await startTestApp();
  app.setNow('2026-09-18T02:00:00Z'); // Friday 18 September, 10:00 in Beijing
  fx = await seedFixtures(app.db);
});
afterAll(() => app.close());

const rate = async (over: Record<string, unknown>) => {
  const resident = (await call(app, 'POST', '/api/auth/device', { json: { deviceId: `cases-${randomUUID()}` } })).body.token;
  const r = await call(app, 'POST', '/api/ratings', { token: resident, json: ratingBody(fx, over) });
  expect(r.status).toBe(201);
  return r.body.id as number;
};
const job = () => openCases(app.deps);
const caseOf = (ratingId: number) => app.db.badReviewCase.findUniqueOrThrow({ where: { ratingId } });

describe('差评 cases', () => {
  it('open for every 不满意 and 非常不满意, owned by the station’s county, due 15 working days later across 中秋 and 国庆', async () => {
    const bad = await rate({ level: 2, reasonCode: 'slow' });
    const worst = await rate({ level: 1, reasonCode: 'poor_attitude' });
    await rate({ level: 5 });
    await rate({ level: 3 });
    expect(await job()).toBe(2);
    for (const id of [bad, worst]) {
      expect(await caseOf(id)).toMatchObject({
        countyCode: CODES.yuanzhou,
        staffId: fx.staff.lawyerMa.id,
        openedOn: '2026-09-18',
        // Worked out by hand from the State Council's 2026 notice in shared/test/calendar.test.ts.
        dueOn: '2026-10-15',
        dueProvisional: false,
        status: 'verify',
      });
    }
    expect(await app.db.badReviewCase.count()).toBe(2);
    // Once: the job again opens nothing.
    expect(await job()).toBe(0);
  });

  it('keep the calendar of the year as first used; a package that would change it is reported, not applied', async () => {
    const stored = await app.db.calendarSnapshot.findUniqueOrThrow({ where: { year: 2026 } });
    expect(stored.source).toMatch(/^chinese-days /);
    expect(await app.db.calendarSnapshot.findUnique({ where: { year: 2027 } })).toBeNull();
    expect(await calendarDrift(app.db)).toEqual([]);

    // As if the stored calendar had been taken from an older package that did not know 10 October was worked.
    const kept = JSON.parse(stored.json) as { workdays: string[] };
    await app.db.calendarSnapshot.update({
      where: { year: 2026 },
      data: { json: JSON.stringify({ ...kept, workdays: kept.workdays.filter((d) => d !== '2026-10-10') }) },
    });
    const later = await rate({ level: 2, reasonCode: 'slow', comment: '第二位' });
    await job();
    // Counted with what is stored: without the make-up Saturday, one working day later.
    expect((await caseOf(later)).dueOn).toBe('2026-10-16');
    expect(await calendarDrift(app.db)).toEqual([
      { year: 2026, stored: stored.source, current: stored.source, changes: [{ date: '2026-10-10', was: 'off', now: 'working' }] },
    ]);
    await app.db.calendarSnapshot.update({ where: { year: 2026 }, data: { json: stored.json } });
  });

  it('follow the year’s policy for the number of working days', async () => {
    await app.db.assessmentPolicy.create({
      data: { year: 2026, regionCode: CODES.yuanzhou, policyJson: JSON.stringify({ ...DEFAULT_POLICY, caseDeadlineWorkingDays: 5 }) },
    });
    const id = await rate({ level: 1, reasonCode: 'absent', comment: '第三位' });
    await job();
    // 9/20 (Sun, make-up) 1, 9/21–9/24 2–5.
    expect((await caseOf(id)).dueOn).toBe('2026-09-24');
    await app.db.assessmentPolicy.deleteMany({ where: { year: 2026, regionCode: CODES.yuanzhou } });
  });

  it('when the deadline runs into a year no calendar covers, then it is counted as weekdays there and marked 待核实', async () => {
    app.setNow('2026-12-20T02:00:00Z'); // Sunday 20 December
    const id = await rate({ level: 2, reasonCode: 'not_solved' });
    await job();
    expect(await caseOf(id)).toMatchObject({ openedOn: '2026-12-20', dueOn: '2027-01-08', dueProvisional: true });
  });

  it('close as void when their rating is excluded, with the step recorded', async () => {
    const id = await rate({ level: 2, reasonCode: 'other', comment: '将被剔除', stationCode: STATIONS.sanying });
    await job();
    await app.db.rating.update({ where: { id }, data: { status: 'excluded' } });
    expect(await voidExcludedCases(app.deps)).toBe(1);
    const voided = await app.db.badReviewCase.findUniqueOrThrow({ where: { ratingId: id }, include: { steps: true } });
    expect(voided).toMatchObject({ status: 'void', closedOn: '2026-12-20' });
    expect(voided.steps).toEqual([expect.objectContaining({ step: 'void', by: 'system' })]);
    expect(await voidExcludedCases(app.deps)).toBe(0);
  });
});

describe('a chinese-days upgrade', () => {
  it('that would change a kept calendar is said at the server’s start, and the kept calendar stays', async () => {
    const stored = await app.db.calendarSnapshot.findUniqueOrThrow({ where: { year: 2026 } });
    const kept = JSON.parse(stored.json) as { holidays: string[] };
    const older = JSON.stringify({ ...kept, holidays: kept.holidays.filter((d) => d !== '2026-10-07') });
    await app.db.calendarSnapshot.update({ where: { year: 2026 }, data: { json: older } });
    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
    const server = await startServer(
      { ...app.config, host: '127.0.0.1', port: 0, exportWorkers: 0, notifySeconds: 0, reviewScanSeconds: 0 },
      { logger, db: app.db },
    );
    try {
      const find = () =>
        lines
          .map((l) => JSON.parse(l) as { msg: string; year: number; changes: unknown })
          .find((l) => l.msg === 'the installed chinese-days differs from a kept calendar');
      // The check runs beside the start, not before it: wait for it (milliseconds; at most 10 s).
      for (let waited = 0; !find() && waited < 10_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      const warned = find();
      expect(warned).toMatchObject({ year: 2026, changes: [{ date: '2026-10-07', was: 'working', now: 'off' }] });
      expect((await app.db.calendarSnapshot.findUniqueOrThrow({ where: { year: 2026 } })).json).toBe(older);
    } finally {
      await new Promise<void>((resolve) =>
        server.close().then(
          () => resolve(),
          () => resolve(),
        ),
      );
    }
  });
});

describe('a county handles a case', () => {
  const tokens: Record<string, string> = {};
  const as = (who: string) => ({ token: tokens[who] });

  beforeAll(async () => {
    for (const username of ['yuanzhou', 'xiji', 'guyuan'])
      tokens[username] = (await call(app, 'POST', '/api/auth/password', { json: { username, password: PASSWORD } })).body.token;
  });

  it('from 核实 to 回访, in order, each step kept with who and when; closed on time; the call-back number for the county alone, audited', async () => {
    app.setNow('2026-12-21T02:00:00Z'); // Monday
    const ratingId = await rate({ level: 2, reasonCode: 'slow', comment: '等了很久', callbackPhone: '13812345678' });
    await job();
    const { id } = await caseOf(ratingId);

    const open = await call(app, 'GET', `/api/cases?region=${CODES.yuanzhou}`, as('yuanzhou'));
    expect(open.status).toBe(200);
    const listed = open.body.cases.find((c: { id: number }) => c.id === id);
    expect(listed).toMatchObject({
      status: 'verify',
      openedOn: '2026-12-21',
      dueOn: '2027-01-11',
      dueProvisional: true,
      overdue: false,
      onTime: null,
      county: { code: CODES.yuanzhou, name: '原州区' },
      station: { code: STATIONS.sanying },
      staff: { name: '马文清', role: 'lawyer' },
      rating: { level: 2, reasonCode: 'slow', comment: '等了很久', hasCallbackPhone: true },
      steps: [],
    });
    expect(JSON.stringify(listed)).not.toContain('13812345678');
    // Soonest due first.
    const dues = open.body.cases.map((c: { dueOn: string }) => c.dueOn);
    expect(dues).toEqual([...dues].sort());
    // Another county does not see it; the city above it does.
    expect((await call(app, 'GET', `/api/cases?region=${CODES.yuanzhou}`, as('xiji'))).status).toBe(403);
    expect((await call(app, 'GET', `/api/cases?region=${CODES.city}`, as('guyuan'))).body.cases.map((c: { id: number }) => c.id)).toContain(id);

    const step = (json: Record<string, unknown>, who = 'yuanzhou') => call(app, 'POST', `/api/cases/${id}/steps`, { ...as(who), json });
    const early = await step({ step: 'callback', note: '已回访' });
    expect([early.status, early.body.message]).toEqual([409, '这张工单现在应先核实']);
    expect(await app.db.caseStep.count({ where: { caseId: id } })).toBe(0);
    expect((await step({ step: 'verify', note: '越权核实' }, 'xiji')).status).toBe(403);

    expect((await step({ step: 'verify', note: '调取排号记录,情况属实' })).body.status).toBe('act');
    app.setNow('2026-12-22T02:00:00Z');
    expect((await step({ step: 'explain', note: '当日仅一名律师值班,已增派人员' })).body.status).toBe('callback');
    app.setNow('2026-12-23T02:00:00Z');
    const closed = await step({ step: 'callback', note: '电话回访,群众表示理解' });
    expect(closed.body).toMatchObject({ status: 'closed', closedOn: '2026-12-23', onTime: true, overdue: false });
    expect(closed.body.steps).toEqual([
      { step: 'verify', note: '调取排号记录,情况属实', by: 'yuanzhou', at: '2026-12-21T02:00:00.000Z' },
      { step: 'explain', note: '当日仅一名律师值班,已增派人员', by: 'yuanzhou', at: '2026-12-22T02:00:00.000Z' },
      { step: 'callback', note: '电话回访,群众表示理解', by: 'yuanzhou', at: '2026-12-23T02:00:00.000Z' },
    ]);
    expect((await step({ step: 'callback', note: '再回访一次' })).status).toBe(409);
    expect(await app.db.auditLog.count({ where: { action: 'case.step', subject: `case:${id}` } })).toBe(3);
    const done = await call(app, 'GET', `/api/cases?region=${CODES.yuanzhou}&state=closed`, as('yuanzhou'));
    expect(done.body.cases[0]).toMatchObject({ id, status: 'closed' });

    const phone = (who: string) => call(app, 'POST', `/api/cases/${id}/callback-phone`, as(who));
    expect((await phone('guyuan')).status).toBe(403);
    expect((await phone('xiji')).status).toBe(403);
    expect(await app.db.auditLog.count({ where: { action: 'case.callback_phone' } })).toBe(0);
    const read = await phone('yuanzhou');
    expect([read.status, read.body]).toEqual([200, { phone: '13812345678' }]);
    expect(await app.db.auditLog.findFirst({ where: { action: 'case.callback_phone', subject: `case:${id}` } })).toMatchObject({ username: 'yuanzhou' });
  });

  it('lists at most 200, the soonest due first, with how many there are in all and how many are overdue', async () => {
    app.setNow('2026-12-24T02:00:00Z');
    const many = await holdRatings(app.db, { station: fx.stations.nanguan, staffId: fx.staff.lawyerLi.id, count: 205, level: 2, serviceDate: '2026-12-24' });
    await casesFor(app.db, many.ratingIds, { phoneKey: app.config.phoneEncryptionKey });
    const all = await app.db.badReviewCase.count({ where: { countyCode: CODES.yuanzhou, status: { notIn: ['closed', 'void'] } } });
    const late = await app.db.badReviewCase.count({
      where: { countyCode: CODES.yuanzhou, status: { notIn: ['closed', 'void'] }, dueOn: { lt: '2026-12-24' } },
    });
    const r = await call(app, 'GET', `/api/cases?region=${CODES.city}`, as('guyuan'));
    expect(r.status).toBe(200);
    expect(r.body.cases).toHaveLength(200);
    expect(all).toBeGreaterThan(205);
    expect({ total: r.body.total, overdue: r.body.overdue }).toEqual({ total: all, overdue: late });
    const dues = r.body.cases.map((c: { dueOn: string }) => c.dueOn);
    expect(dues).toEqual([...dues].sort());
  });

  it('past its deadline and still open, a case is overdue and listed so', async () => {
    app.setNow('2026-12-23T03:00:00Z');
    const ratingId = await rate({ level: 1, reasonCode: 'absent', comment: '超期的工单' });
    await job();
    const { id, dueOn } = await caseOf(ratingId);
    expect(
      (await call(app, 'GET', `/api/cases?region=${CODES.yuanzhou}&state=overdue`, as('yuanzhou'))).body.cases.map((c: { id: number }) => c.id),
    ).not.toContain(id);
    app.setNow(`${dueOn}T17:00:00Z`); // the day after the deadline, in Beijing
    const overdue = await call(app, 'GET', `/api/cases?region=${CODES.yuanzhou}&state=overdue`, as('yuanzhou'));
    expect(overdue.body.cases.find((c: { id: number }) => c.id === id)).toMatchObject({ overdue: true, status: 'verify' });
  });
});
