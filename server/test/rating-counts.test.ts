/**
 * The rating counts the year-end reads are the ratings, counted: after any sequence of new ratings,
 * same-day edits (level, station, across months and years), retries and status changes — through the
 * API (its one-statement path and its careful path) and through the repository — both count tables
 * equal a recount from the Rating table; and `rebuildRatingCounts` recounts them to the same rows. The
 * database keeps the counts (triggers), so every way of writing a rating is covered by the same rule.
 * Runs on SQLite, and on PostgreSQL in the PostgreSQL pass.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { RATING_STATUSES } from '@plsr/shared/vocabulary';
import { rebuildRatingCounts } from '../src/ratings/counts';
import { setRatingStatus, writeRating } from '../src/ratings/repository';
import { seedFixtures } from './support/fixtures';
import { call, startTestApp, type TestApp } from './support/harness';

const RUNS = Number(process.env.COUNTS_RUNS ?? 60);

let app: TestApp;
let residents: { id: number; token: string }[];
/** Who may be rated where (from the fixture's assignments). */
let posts: { staffId: number; station: { id: number; code: string; cityCode: string; countyCode: string; townshipCode: string | null } }[];
/** The last body each resident sent through the API, to send again as a retry. */
const sent: { token: string; body: Record<string, unknown> }[] = [];

beforeAll(async () => {
  app = await startTestApp({ RATING_LATE_DAYS: '366' });
  app.setNow('2026-03-25T04:00:00Z');
  const fx = await seedFixtures(app.db);
  residents = [];
  for (let i = 0; i < 4; i++) {
    const login = await call(app, 'POST', '/api/auth/device', { json: { deviceId: `counts-device-${String(i).padStart(8, '0')}` } });
    const newest = await app.db.resident.findFirstOrThrow({ orderBy: { id: 'desc' }, select: { id: true } });
    residents.push({ id: newest.id, token: login.body.token });
  }
  const { staff: s, stations: st } = fx;
  posts = [
    { staffId: s.lawyerMa.id, station: st.sanying },
    { staffId: s.lawyerMa.id, station: st.dongyuan },
    { staffId: s.lawyerLi.id, station: st.nanguan },
    { staffId: s.lawyerLi.id, station: st.yuanzhouCentre },
    { staffId: s.mediatorWang.id, station: st.sanying },
    { staffId: s.mediatorZhang.id, station: st.jiqiang },
  ];
});
afterAll(() => app.close());

/** Days from 2025-12-20 to 2026-02-17: two years, three months. */
/** Days from 2025-12-20 to 2026-02-17: two years, three months. */
const dateOf = (offset: number) => new Date(Date.UTC(2025, 11, 20 + offset)).toISOString().slice(0, 10);
/** Days the fixture's people serve (from 2026-01-01), within the API's window: 2026-01-20 to 2026-03-20. */
const apiDateOf = (offset: number) => new Date(Date.UTC(2026, 0, 20 + offset)).toISOString().slice(0, 10);

type Command =
  | { kind: 'submit'; resident: number; post: number; day: number; level: number }
  | { kind: 'write'; resident: number; post: number; day: number; level: number }
  | { kind: 'retry'; resident: number }
  | { kind: 'status'; pick: number; status: (typeof RATING_STATUSES)[number] };

const rating = { resident: fc.nat(3), post: fc.nat(5), day: fc.nat(59), level: fc.integer({ min: 1, max: 5 }) };
const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('submit' as const), ...rating }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('write' as const), ...rating }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('retry' as const), resident: fc.nat(3) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('status' as const), pick: fc.nat(), status: fc.constantFrom(...RATING_STATUSES) }) },
);

async function run(c: Command): Promise<void> {
  if (c.kind === 'submit') {
    const post = posts[c.post]!;
    const resident = residents[c.resident]!;
    const body = {
      clientRequestId: randomUUID(),
      stationCode: post.station.code,
      staffId: post.staffId,
      serviceType: 'consultation',
      level: c.level,
      raterType: 'individual',
      serviceDate: apiDateOf(c.day),
      ...(c.level <= 2 ? { reasonCode: 'slow' } : {}),
    };
    const reply = await call(app, 'POST', '/api/ratings', { token: resident.token, json: body });
    expect([200, 201]).toContain(reply.status);
    sent[c.resident] = { token: resident.token, body };
    return;
  }
  if (c.kind === 'retry') {
    const last = sent[c.resident];
    if (!last) return;
    const reply = await call(app, 'POST', '/api/ratings', { token: last.token, json: last.body });
    expect(reply.status).toBe(200);
    return;
  }
  if (c.kind === 'write') {
    const post = posts[c.post]!;
    const serviceDate = dateOf(c.day);
    await writeRating(app.db, {
      residentId: residents[c.resident]!.id,
      stationId: post.station.id,
      staffId: post.staffId,
      serviceType: 'consultation',
      level: c.level,
      raterType: 'individual',
      serviceDate,
      serviceYear: Number(serviceDate.slice(0, 4)),
      clientRequestId: randomUUID(),
      bodyHash: randomUUID(),
      cityCode: post.station.cityCode,
      countyCode: post.station.countyCode,
      townshipCode: post.station.townshipCode,
      reasonCode: c.level <= 2 ? 'slow' : null,
    });
    return;
  }
  const ids = (await app.db.rating.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((r) => r.id);
  if (ids.length > 0) await setRatingStatus(app.db, ids[c.pick % ids.length]!, c.status);
}

/** Both tables as sorted keys (rows of count 0 are left by changes and mean nothing). */
async function countTables() {
  const staff = await app.db.ratingCountByStaff.findMany({ where: { count: { not: 0 } } });
  const stations = await app.db.ratingCountByStation.findMany({ where: { count: { not: 0 } } });
  return {
    staff: staff.map((r) => `${r.year}-${r.month} staff ${r.staffId} level ${r.level}: ${r.count}`).sort(),
    stations: stations
      .map((r) => `${r.year}-${r.month} station ${r.stationId} (${r.cityCode} ${r.countyCode} ${r.townshipCode}) level ${r.level}: ${r.count}`)
      .sort(),
  };
}

/** The same keys counted by hand from the valid ratings. */
async function recount() {
  const ratings = await app.db.rating.findMany({ where: { status: 'valid' } });
  const tally = (keys: string[]) => {
    const m = new Map<string, number>();
    for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
    return [...m].map(([k, n]) => `${k}: ${n}`).sort();
  };
  const month = (d: string) => `${Number(d.slice(0, 4))}-${Number(d.slice(5, 7))}`;
  return {
    staff: tally(ratings.map((r) => `${month(r.serviceDate)} staff ${r.staffId} level ${r.level}`)),
    stations: tally(ratings.map((r) => `${month(r.serviceDate)} station ${r.stationId} (${r.cityCode} ${r.countyCode} ${r.townshipCode}) level ${r.level}`)),
  };
}

it(`after any sequence of ratings, same-day edits and status changes, the counts equal a recount (${RUNS} sequences)`, async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 30 }), async (commands) => {
      for (const c of commands) await run(c);
      expect(await countTables()).toEqual(await recount());
    }),
    { numRuns: RUNS },
  );
  // The sequences did reach every kind of change.
  expect(await app.db.rating.count({ where: { revision: { gt: 1 } } })).toBeGreaterThan(0);
  expect(await app.db.rating.count({ where: { status: { not: 'valid' } } })).toBeGreaterThan(0);
  expect(await app.db.ratingSubmission.count()).toBeGreaterThan(await app.db.rating.count());
});

it('deleting ratings (a resident erased with everything they wrote) takes them out of the counts', async () => {
  const resident = residents[0]!;
  await app.db.ratingSubmission.deleteMany({ where: { residentId: resident.id } });
  const { count } = await app.db.rating.deleteMany({ where: { residentId: resident.id } });
  expect(count).toBeGreaterThan(0);
  expect(await countTables()).toEqual(await recount());
});

it('rebuildRatingCounts recounts the same rows from the ratings', async () => {
  const before = await countTables();
  await app.db.$transaction((tx) => rebuildRatingCounts(tx));
  expect(await countTables()).toEqual(before);
  expect(await app.db.ratingCountByStaff.count({ where: { count: 0 } })).toBe(0);
});

it('when a count is wrong, the comparison fails (the check can fail), and a rebuild puts it right', async () => {
  const row = await app.db.ratingCountByStaff.findFirstOrThrow({ where: { count: { gt: 0 } } });
  await app.db.ratingCountByStaff.update({
    where: { year_staffId_month_level: { year: row.year, staffId: row.staffId, month: row.month, level: row.level } },
    data: { count: row.count + 1 },
  });
  expect(await countTables()).not.toEqual(await recount());
  await app.db.$transaction((tx) => rebuildRatingCounts(tx));
  expect(await countTables()).toEqual(await recount());
});
