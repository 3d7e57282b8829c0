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
import { CODES, ratingBody, seedFixtures, STATIONS } from './support/fixtures';
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
