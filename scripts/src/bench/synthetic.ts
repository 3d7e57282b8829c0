/**
 * A province-scale database for the benchmarks: Ningxia's real divisions and stations (imported as
 * `npm start` does), then synthetic staff, residents and ratings written straight into the SQLite file
 * with prepared statements, as a bulk load (Prisma's per-statement cost would make 10 M ratings take
 * many minutes).
 * Staff are registered in real counties and serve at that county's stations; every rating is a valid
 * one of this year, spread over the year's days, one per resident, staff member and day as the API
 * allows. The counts the year-end reads are tallied as the ratings are made and written beside them
 * (the rating-counts property test proves the server's own counting equals a recount). Deterministic
 * for a seed.
 */
import Database from 'better-sqlite3';
import { importDivisions, mulberry32, openMigratedDatabase } from '@plsr/server';

export interface SyntheticOptions {
  ratings: number;
  staff: number;
  year: number;
  seed?: number;
  log?: (msg: string) => void;
}

export interface SyntheticResult {
  ratings: number;
  staff: number;
  residents: number;
  seconds: { divisions: number; rows: number; counts: number };
}

/** The review scan's cursor at the last rating (the generated ratings are not for the fraud rules to read). SQLite needs the WHERE to read ON CONFLICT as the upsert's. */
export const SCANNED_ALL = `INSERT INTO "ScanCursor" ("name", "lastRatingId") SELECT 'review', COALESCE(MAX("id"), 0) FROM "Rating" WHERE true
  ON CONFLICT ("name") DO UPDATE SET "lastRatingId" = excluded."lastRatingId"`;

const ROLES = ['lawyer', 'lawyer', 'mediator', 'mediator', 'mediator', 'grassroots_legal_worker', 'legal_aid_worker', 'notary'] as const;
const SERVICE = ['consultation', 'mediation', 'legal_aid', 'lawyer_service', 'document_drafting'] as const;
/** A rating level drawn like real ones: mostly satisfied, a few bad reviews. */
const LEVELS = [5, 5, 5, 5, 5, 4, 4, 4, 3, 2, 1] as const;

const seconds = (from: number) => Math.round((performance.now() - from) / 100) / 10;

export async function makeSyntheticDatabase(file: string, options: SyntheticOptions): Promise<SyntheticResult> {
  const log = options.log ?? (() => undefined);
  const random = mulberry32(options.seed ?? 20261126);
  const pick = random.pick;

  let t = performance.now();
  const prisma = await openMigratedDatabase(`file:${file}`);
  await importDivisions(prisma, '64');
  await prisma.$disconnect();
  const divisionsSeconds = seconds(t);
  log(`divisions imported in ${divisionsSeconds} s`);

  t = performance.now();
  // A bulk load: no journal, no fsync, the rating indexes built once at the end rather than row by row,
  // and the rating triggers (counts, submissions) off while the counts are tallied here instead.
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = OFF');
  sqlite.pragma('synchronous = OFF');
  const ratingIndexes = sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'Rating' AND sql IS NOT NULL").all() as {
    name: string;
    sql: string;
  }[];
  for (const index of ratingIndexes) sqlite.exec(`DROP INDEX "${index.name}"`);
  const ratingTriggers = sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'Rating'").all() as {
    name: string;
    sql: string;
  }[];
  for (const trigger of ratingTriggers) sqlite.exec(`DROP TRIGGER "${trigger.name}"`);
  type StationRow = { id: number; cityCode: string; countyCode: string; townshipCode: string | null };
  const stations = sqlite.prepare('SELECT id, "cityCode", "countyCode", "townshipCode" FROM "Station" ORDER BY id').all() as StationRow[];
  const byCounty = new Map<string, StationRow[]>();
  for (const s of stations) byCounty.set(s.countyCode, [...(byCounty.get(s.countyCode) ?? []), s]);
  const counties = [...byCounty.keys()].sort();

  // Staff, each with one to three posts in their county.
  const insertStaff = sqlite.prepare(
    'INSERT INTO "Staff" (name, role, organisation, "countyCode", "cityCode", status, "isDemo", "createdAt") VALUES (?, ?, ?, ?, ?, \'active\', 1, ?)',
  );
  const insertPost = sqlite.prepare('INSERT INTO "Assignment" ("staffId", "stationId", "fromDate", "toDate") VALUES (?, ?, ?, NULL)');
  const staff: { id: number; posts: StationRow[] }[] = [];
  // Prisma's SQLite adapter stores DateTime as ISO text.
  const now = new Date().toISOString().replace('Z', '+00:00');
  sqlite.transaction(() => {
    for (let i = 0; i < options.staff; i++) {
      const county = counties[i % counties.length]!;
      const here = byCounty.get(county)!;
      const role = pick(ROLES);
      const id = Number(insertStaff.run(`合成${String(i + 1).padStart(5, '0')}`, role, '合成数据(基准测试)', county, county.slice(0, 4), now).lastInsertRowid);
      const posts = [...new Set(Array.from({ length: random.int(1, 3) }, () => pick(here)))];
      for (const p of posts) insertPost.run(id, p.id, `${options.year}-01-01`);
      staff.push({ id, posts });
    }
  })();

  // Residents: ten ratings each, on ten different days, so (resident, staff, day) never repeats.
  const perResident = 10;
  const residents = Math.ceil(options.ratings / perResident);
  const insertResident = sqlite.prepare('INSERT INTO "Resident" ("idHash", kind, "createdAt") VALUES (?, \'demo\', ?)');
  const firstResident = Number(
    sqlite.transaction(() => {
      let first = 0;
      for (let i = 0; i < residents; i++) {
        const id = Number(insertResident.run(`bench-${i}`, now).lastInsertRowid);
        if (i === 0) first = id;
      }
      return first;
    })(),
  );

  const days = Array.from({ length: 365 }, (_, d) => new Date(Date.UTC(options.year, 0, 1 + d)).toISOString().slice(0, 10));
  const insertRating = sqlite.prepare(
    `INSERT INTO "Rating" ("residentId", "stationId", "staffId", "serviceType", level, "reasonCode", "raterType", "serviceDate", "serviceYear", status,
      "clientRequestId", revision, "cityCode", "countyCode", "townshipCode", "isDemo", "createdAt", "updatedAt")
     VALUES (?, ?, ?, ?, ?, ?, 'individual', ?, ?, 'valid', ?, 1, ?, ?, ?, 1, ?, ?)`,
  );
  // The counts the server keeps as ratings are written, tallied here as the ratings are made.
  const staffCounts = new Map<string, number>();
  const stationCounts = new Map<string, number>();
  const tally = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  const batch = 200_000;
  for (let start = 0; start < options.ratings; start += batch) {
    sqlite.transaction(() => {
      for (let i = start; i < Math.min(options.ratings, start + batch); i++) {
        const resident = firstResident + (i % residents);
        const nth = Math.floor(i / residents);
        const day = days[(nth * 36 + (i % 36)) % 365]!;
        const person = pick(staff);
        const station = pick(person.posts);
        const level = pick(LEVELS);
        insertRating.run(
          resident,
          station.id,
          person.id,
          pick(SERVICE),
          level,
          level <= 2 ? 'slow' : null,
          day,
          options.year,
          `bench-${i}`,
          station.cityCode,
          station.countyCode,
          station.townshipCode,
          now,
          now,
        );
        const month = Number(day.slice(5, 7));
        tally(staffCounts, `${month}|${person.id}|${level}`);
        tally(stationCounts, `${month}|${station.id}|${level}`);
      }
    })();
    log(`  ${Math.min(options.ratings, start + batch).toLocaleString('en')} ratings`);
  }
  for (const index of ratingIndexes) sqlite.exec(index.sql);
  const rowsSeconds = seconds(t);

  t = performance.now();
  const stationById = new Map(stations.map((s) => [s.id, s]));
  const insertStaffCount = sqlite.prepare('INSERT INTO "RatingCountByStaff" (year, month, "staffId", level, count) VALUES (?, ?, ?, ?, ?)');
  const insertStationCount = sqlite.prepare(
    'INSERT INTO "RatingCountByStation" (year, month, "stationId", level, count, "cityCode", "countyCode", "townshipCode") VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  sqlite.transaction(() => {
    for (const [key, n] of staffCounts) {
      const [month, staffId, level] = key.split('|').map(Number);
      insertStaffCount.run(options.year, month, staffId, level, n);
    }
    for (const [key, n] of stationCounts) {
      const [month, stationId, level] = key.split('|').map(Number);
      const st = stationById.get(stationId!)!;
      insertStationCount.run(options.year, month, stationId, level, n, st.cityCode, st.countyCode, st.townshipCode);
    }
  })();
  for (const trigger of ratingTriggers) sqlite.exec(trigger.sql);
  // Made as if scanned already: the review scan starts after them, as it does after the demo.
  sqlite.exec(SCANNED_ALL);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.close();
  const countsSeconds = seconds(t);
  log(`rows written in ${rowsSeconds} s, counts written in ${countsSeconds} s`);
  return { ratings: options.ratings, staff: options.staff, residents, seconds: { divisions: divisionsSeconds, rows: rowsSeconds, counts: countsSeconds } };
}
