/**
 * The one-statement write of a new rating (insertNewRating), on each database: it writes what the
 * careful path would (the same row, read back through Prisma the same way, counted and with its
 * submission), and it declines, without writing anything, every case the careful path must explain.
 * The API answers the same whichever path served it (api-ratings.test.ts); this file makes sure the
 * fast one is really taken, since a failure there falls back silently.
 */
import { randomUUID } from 'node:crypto';
import { directStatements } from '../src/db/client';
import { queryRows } from '../src/db/raw';
import { Prisma } from '../src/generated/sqlite/client';
import { insertNewRating } from '../src/ratings/repository';
import { seedFixtures, STATIONS } from './support/fixtures';
import { startTestApp, type TestApp } from './support/harness';

let app: TestApp;
let fx: Awaited<ReturnType<typeof seedFixtures>>;
let residentId: number;

beforeAll(async () => {
  app = await startTestApp();
  fx = await seedFixtures(app.db);
  residentId = (await app.db.resident.create({ data: { idHash: 'fast-path', kind: 'device' } })).id;
});
afterAll(() => app.close());

const row = (over: Partial<Parameters<typeof insertNewRating>[2]> = {}) => ({
  residentId,
  staffId: fx.staff.lawyerMa.id,
  serviceType: 'consultation',
  level: 2,
  attitude: 3,
  competence: null,
  efficiency: 1,
  reasonCode: 'slow',
  reasonText: '等了很久',
  callbackPhoneEnc: null,
  comment: null,
  raterType: 'individual',
  serviceDate: '2026-06-10',
  serviceYear: 2026,
  clientRequestId: randomUUID(),
  bodyHash: 'a'.repeat(64),
  ...over,
});

async function everything() {
  return {
    ratings: await app.db.rating.count(),
    submissions: await app.db.ratingSubmission.count(),
    counts: await app.db.ratingCountByStaff.aggregate({ _sum: { count: true } }),
  };
}

it('writes a new rating with the station found by its code, its count and its submission, in one statement, and returns the names', async () => {
  const at = new Date('2026-06-15T04:05:06.789Z');
  const data = row();
  const written = await insertNewRating(app.db, STATIONS.sanying, data, at);
  expect(written).toEqual({
    id: expect.any(Number),
    station: { code: STATIONS.sanying, name: '三营镇公共法律服务工作站' },
    staff: { id: data.staffId, name: '马文清', role: 'lawyer' },
  });
  const id = written!.id;
  // Written straight on the adapter's connection, past Prisma's client (db/raw.ts), on either database.
  expect(directStatements(app.db)).toMatchObject({ dialect: app.config.provider });
  // And a time read back that way is the instant written, whatever the process's time zone.
  const [back] = await queryRows<{ createdAt: string }>(app.db, Prisma.sql`SELECT "createdAt" FROM "Rating" WHERE "id" = ${id}`);
  expect(new Date(back!.createdAt)).toEqual(at);
  const stored = await app.db.rating.findUniqueOrThrow({ where: { id } });
  expect(stored).toMatchObject({
    ...data,
    stationId: fx.stations.sanying.id,
    cityCode: fx.stations.sanying.cityCode,
    countyCode: fx.stations.sanying.countyCode,
    townshipCode: fx.stations.sanying.townshipCode,
    status: 'valid',
    revision: 1,
    isDemo: false,
    createdAt: at,
    updatedAt: at,
  });
  expect(
    await app.db.ratingSubmission.findUnique({ where: { residentId_clientRequestId: { residentId, clientRequestId: data.clientRequestId } } }),
  ).toMatchObject({
    ratingId: id,
    bodyHash: data.bodyHash,
  });
  expect(
    await app.db.ratingCountByStaff.findUnique({ where: { year_staffId_month_level: { year: 2026, staffId: data.staffId, month: 6, level: 2 } } }),
  ).toMatchObject({
    count: 1,
  });
  // Read back in order with ratings Prisma wrote: the stored time sorts like Prisma's own.
  const later = await app.db.rating.create({
    data: {
      ...row({ serviceDate: '2026-06-11', staffId: fx.staff.mediatorWang.id }),
      stationId: fx.stations.sanying.id,
      cityCode: '6404',
      countyCode: '640402',
    },
  });
  const order = await app.db.rating.findMany({ where: { residentId }, orderBy: { updatedAt: 'desc' }, select: { id: true } });
  expect(order.map((r) => r.id)).toEqual([later.id, id]);
});

it('declines a second rating of the same person the same day (an edit is the careful path’s), writing nothing', async () => {
  const before = await everything();
  expect(await insertNewRating(app.db, STATIONS.sanying, row(), new Date())).toBeNull();
  expect(await everything()).toEqual(before);
});

it.each([
  ['an unknown station', () => ['T640402999', row({ serviceDate: '2026-06-12' })] as const],
  ['a person who does not serve there', () => [STATIONS.sanying, row({ serviceDate: '2026-06-12', staffId: fx.staff.lawyerLi.id })] as const],
  ['a day before their post began', () => [STATIONS.sanying, row({ serviceDate: '2025-12-31', serviceYear: 2025 })] as const],
])('declines %s, writing nothing', async (_, args) => {
  const before = await everything();
  const [code, data] = args();
  expect(await insertNewRating(app.db, code, data, new Date())).toBeNull();
  expect(await everything()).toEqual(before);
});

it('declines a closed station, writing nothing', async () => {
  await app.db.station.update({ where: { id: fx.stations.dongyuan.id }, data: { status: 'paused' } });
  const before = await everything();
  expect(await insertNewRating(app.db, fx.stations.dongyuan.code, row({ serviceDate: '2026-06-13' }), new Date())).toBeNull();
  expect(await everything()).toEqual(before);
  await app.db.station.update({ where: { id: fx.stations.dongyuan.id }, data: { status: 'active' } });
});

it('refuses a submission id used before (a retry), undoing the rating it would have made', async () => {
  const first = row({ serviceDate: '2026-06-14' });
  expect(await insertNewRating(app.db, STATIONS.sanying, first, new Date())).toMatchObject({ id: expect.any(Number) });
  const before = await everything();
  await expect(
    insertNewRating(app.db, STATIONS.sanying, { ...first, serviceDate: '2026-06-15', staffId: fx.staff.mediatorWang.id }, new Date()),
  ).rejects.toThrow();
  expect(await everything()).toEqual(before);
});

describe('ratings arriving together (written together: SQLite in one commit, PostgreSQL in one statement)', () => {
  it('answers each with its own row, and declines the one that cannot be written', async () => {
    const residents = await Promise.all(
      ['together a', 'together b', 'together c'].map(async (idHash) => (await app.db.resident.create({ data: { idHash, kind: 'device' } })).id),
    );
    const asked = [
      { code: STATIONS.sanying, data: row({ residentId: residents[0], staffId: fx.staff.lawyerMa.id, level: 5 }) },
      { code: STATIONS.sanying, data: row({ residentId: residents[1], staffId: fx.staff.mediatorWang.id, level: 4 }) },
      { code: STATIONS.sanying, data: row({ residentId: residents[2], staffId: fx.staff.lawyerLi.id }) }, // does not serve there
      { code: STATIONS.sanying, data: row({ residentId: residents[2], staffId: fx.staff.lawyerMa.id, level: 3 }) },
    ];
    const before = await everything();
    const answers = await Promise.all(asked.map((a) => insertNewRating(app.db, a.code, a.data, new Date())));
    expect(answers.map((a) => a?.staff.id ?? null)).toEqual([fx.staff.lawyerMa.id, fx.staff.mediatorWang.id, null, fx.staff.lawyerMa.id]);
    for (const [i, a] of answers.entries()) {
      if (!a) continue;
      const stored = await app.db.rating.findUniqueOrThrow({ where: { id: a.id } });
      expect(stored).toMatchObject({ residentId: asked[i]!.data.residentId, staffId: asked[i]!.data.staffId, level: asked[i]!.data.level });
    }
    expect(await everything()).toEqual({
      ratings: before.ratings + 3,
      submissions: before.submissions + 3,
      counts: { _sum: { count: before.counts._sum.count! + 3 } },
    });
  });

  it('when one breaks a constraint, exactly the ones answered as written are written', async () => {
    const reused = row({ serviceDate: '2026-06-20' });
    expect(await insertNewRating(app.db, STATIONS.sanying, reused, new Date())).not.toBeNull();
    const before = await everything();
    const asked = [
      row({ serviceDate: '2026-06-21' }),
      { ...reused, serviceDate: '2026-06-21', staffId: fx.staff.mediatorWang.id }, // its submission id was used before
      row({ serviceDate: '2026-06-22' }),
    ];
    const outcomes = await Promise.allSettled(asked.map((d) => insertNewRating(app.db, STATIONS.sanying, d, new Date())));
    expect(outcomes[1]!.status).toBe('rejected');
    const written = outcomes.filter((o) => o.status === 'fulfilled' && o.value !== null).length;
    expect(await everything()).toEqual({
      ratings: before.ratings + written,
      submissions: before.submissions + written,
      counts: { _sum: { count: before.counts._sum.count! + written } },
    });
  });
});
