/**
 * The rating counts the year-end reads are the ratings, counted: after any sequence of new ratings,
 * same-day edits (level, station, across months and years) and status changes, both count tables
 * equal a recount from the Rating table; and `rebuildRatingCounts` recounts them to the same rows.
 * Runs on SQLite, and on PostgreSQL in the PostgreSQL pass.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { RATING_STATUSES } from '@plsr/shared/vocabulary';
import { rebuildRatingCounts } from '../src/ratings/counts';
import { setRatingStatus, writeRating } from '../src/ratings/repository';
import { seedFixtures } from './support/fixtures';
import { startTestApp, type TestApp } from './support/harness';

const RUNS = Number(process.env.COUNTS_RUNS ?? 60);

let app: TestApp;
let residents: number[];
/** Who may be rated where (from the fixture's assignments). */
let posts: { staffId: number; station: { id: number; cityCode: string; countyCode: string; townshipCode: string | null } }[];

beforeAll(async () => {
  app = await startTestApp();
  const fx = await seedFixtures(app.db);
  residents = [];
  for (let i = 0; i < 4; i++) residents.push((await app.db.resident.create({ data: { idHash: `counts-${i}`, kind: 'device' } })).id);
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
const dateOf = (offset: number) => new Date(Date.UTC(2025, 11, 20 + offset)).toISOString().slice(0, 10);

type Command =
  { kind: 'write'; resident: number; post: number; day: number; level: number } | { kind: 'status'; pick: number; status: (typeof RATING_STATUSES)[number] };

const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('write' as const), resident: fc.nat(3), post: fc.nat(5), day: fc.nat(59), level: fc.integer({ min: 1, max: 5 }) }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('status' as const), pick: fc.nat(), status: fc.constantFrom(...RATING_STATUSES) }) },
);

async function run(c: Command): Promise<void> {
  if (c.kind === 'write') {
    const post = posts[c.post]!;
    const serviceDate = dateOf(c.day);
    await writeRating(
      app.db,
      {
        residentId: residents[c.resident]!,
        stationId: post.station.id,
        staffId: post.staffId,
        serviceType: 'consultation',
        level: c.level,
        raterType: 'individual',
        serviceDate,
        serviceYear: Number(serviceDate.slice(0, 4)),
        clientRequestId: randomUUID(),
        cityCode: post.station.cityCode,
        countyCode: post.station.countyCode,
        townshipCode: post.station.townshipCode,
        reasonCode: c.level <= 2 ? 'slow' : null,
      },
      randomUUID(),
    );
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
});

it('rebuildRatingCounts recounts the same rows from the ratings', async () => {
  const before = await countTables();
  await app.db.$transaction((tx) => rebuildRatingCounts(tx));
  expect(await countTables()).toEqual(before);
  expect(await app.db.ratingCountByStaff.count({ where: { count: 0 } })).toBe(0);
});

it('when a status change is not applied to the counts, the comparison fails (the check can fail)', async () => {
  const rating = await app.db.rating.findFirstOrThrow({ where: { status: 'valid' } });
  await app.db.rating.update({ where: { id: rating.id }, data: { status: 'flagged' } });
  expect(await countTables()).not.toEqual(await recount());
  await app.db.$transaction((tx) => rebuildRatingCounts(tx));
  expect(await countTables()).toEqual(await recount());
});
