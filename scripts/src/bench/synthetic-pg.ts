/**
 * The benchmark's province-scale database on PostgreSQL: the same content as synthetic.ts (Ningxia's real
 * divisions and stations imported by the server's code, synthetic staff in real counties serving at that
 * county's stations, residents with ten valid ratings of the year on ten different days, the kept
 * counts), written by PostgreSQL itself with INSERT … SELECT over generate_series, so that 10 M ratings
 * take a minute or two instead of the hours one round trip per row would.
 *
 * The pseudo-random choices are PostgreSQL's hashint8extended(row number, seed and purpose): deterministic
 * for a seed on a given server version, but not the same draws as the SQLite generator's mulberry32, so
 * the two databases have the same shape and distributions, not the same rows.
 *
 * A bulk load, as a superuser (the throwaway cluster's url is one), into a fresh database (it refuses one
 * with residents or ratings). Everything is written in one transaction that starts by truncating the
 * (empty) Rating and count tables, so that with wal_level=minimal (BENCH_PG_SETTINGS) their rows skip the
 * WAL and are synced once at commit; the Rating indexes other than its primary key are dropped first and
 * rebuilt from their own definitions (pg_indexes) after the rows (the unique one proves the (resident,
 * staff, day) invariant); foreign keys are not checked row by row (session_replication_role = replica):
 * every key is drawn from the rows just written. Then VACUUM and ANALYZE, as a database in service would
 * have had.
 */
import { Client } from 'pg';
import { importDivisions, openMigratedDatabase } from '@plsr/server';
import { SCANNED_ALL, type SyntheticOptions, type SyntheticResult } from './synthetic';

/**
 * Server settings for a cluster that holds this database (startCluster's `settings`): room for the bulk
 * load and the index builds, no checkpoints in the middle of it, and wal_level=minimal so that the
 * ratings written into the table truncated in the same transaction skip the WAL. Durability stays on
 * (fsync, synchronous_commit, full_page_writes at their defaults): the timed reads run on an ordinary
 * server, only one without replication.
 */
export const BENCH_PG_SETTINGS = {
  shared_buffers: '1GB',
  work_mem: '64MB',
  maintenance_work_mem: '1GB',
  max_wal_size: '8GB',
  checkpoint_timeout: '30min',
  wal_level: 'minimal',
  max_wal_senders: 0,
} as const;

const ROLES = ['lawyer', 'lawyer', 'mediator', 'mediator', 'mediator', 'grassroots_legal_worker', 'legal_aid_worker', 'notary'];
const SERVICE = ['consultation', 'mediation', 'legal_aid', 'lawyer_service', 'document_drafting'];
/** As synthetic.ts: mostly satisfied, a few bad reviews (levels 1–2 carry the reason 'slow'). */
const LEVELS = [5, 5, 5, 5, 5, 4, 4, 4, 3, 2, 1];
const PER_RESIDENT = 10;
const ORGANISATION = '合成数据(基准测试)';

const seconds = (from: number) => Math.round((performance.now() - from) / 100) / 10;
const textArray = (values: readonly string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(', ')}]`;

/** SQL for a 64-bit hash of the row number `row`: the same row, seed and purpose always give the same value. */
const hashSql = (seed: number, row: string, purpose: number) => `hashint8extended(${row}, ${seed * 100 + purpose})`;

export async function makeSyntheticPostgres(url: string, options: SyntheticOptions): Promise<SyntheticResult> {
  const log = options.log ?? (() => undefined);
  const seed = options.seed ?? 20261126;
  for (const [name, n] of Object.entries({ ratings: options.ratings, staff: options.staff, year: options.year, seed })) {
    if (!Number.isSafeInteger(n) || n < 1) throw new Error(`makeSyntheticPostgres: ${name} must be a positive integer, not ${n}`);
  }
  if (options.staff > 2 ** 24) throw new Error('makeSyntheticPostgres: at most 2^24 staff');

  let t = performance.now();
  const prisma = await openMigratedDatabase(url);
  await importDivisions(prisma, '64');
  await prisma.$disconnect();
  const divisionsSeconds = seconds(t);
  log(`divisions imported in ${divisionsSeconds} s`);

  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: used } = await client.query<{ n: string }>(
      `SELECT (SELECT COUNT(*) FROM "Resident") + (SELECT COUNT(*) FROM "Rating") + (SELECT COUNT(*) FROM "RatingSubmission")
            + (SELECT COUNT(*) FROM "RatingCountByStaff") + (SELECT COUNT(*) FROM "RatingCountByStation") AS n`,
    );
    if (Number(used[0]?.n) > 0) throw new Error('makeSyntheticPostgres: the database already has residents or ratings; it writes into a fresh one only');

    t = performance.now();
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    await client.query(
      'TRUNCATE "RatingFlag", "RatingReply", "Appeal", "CaseStep", "BadReviewCase", "Rating", "RatingSubmission", "RatingCountByStaff", "RatingCountByStation"',
    );
    const { rows: ratingIndexes } = await client.query<{ name: string; definition: string }>(
      `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
        WHERE schemaname = current_schema() AND tablename = 'Rating'
          AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = format('%I.%I', schemaname, indexname)::regclass)`,
    );
    for (const index of ratingIndexes) await client.query(`DROP INDEX "${index.name}"`);
    const residents = await writeRows(client, options, seed, log);
    log(`${options.ratings.toLocaleString('en')} ratings written in ${seconds(t)} s`);
    const ti = performance.now();
    for (const index of ratingIndexes) await client.query(index.definition);
    log(`${ratingIndexes.length} Rating indexes rebuilt in ${seconds(ti)} s`);
    const rowsSeconds = seconds(t);

    t = performance.now();
    await writeCounts(client);
    await client.query(SCANNED_ALL);
    await client.query('COMMIT');
    log(`counts written in ${seconds(t)} s`);
    // Sets the visibility map and hint bits now rather than during the first timed reads, and leaves
    // autovacuum nothing to do while they run.
    const tv = performance.now();
    await client.query('VACUUM (ANALYZE) "Rating"');
    await client.query('ANALYZE');
    log(`VACUUM and ANALYZE in ${seconds(tv)} s`);
    const countsSeconds = seconds(t);
    return { ratings: options.ratings, staff: options.staff, residents, seconds: { divisions: divisionsSeconds, rows: rowsSeconds, counts: countsSeconds } };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/** Staff, their posts, residents and ratings, in the caller's transaction; returns the number of residents. */
async function writeRows(client: Client, options: SyntheticOptions, seed: number, log: (msg: string) => void): Promise<number> {
  // Prisma writes a DateTime into PostgreSQL's timestamp(3) as UTC without a zone.
  const now = new Date().toISOString().slice(0, 23);
  await writeStaff(client, options, now, (row, purpose, n) => `((${hashSql(seed, row, purpose)} & 2147483647) % (${n}))`);
  log(`${options.staff.toLocaleString('en')} staff and their posts written`);
  const residents = Math.ceil(options.ratings / PER_RESIDENT);
  await client.query(
    `INSERT INTO "Resident" ("idHash", kind, "createdAt") SELECT 'bench-' || i, 'demo', $1::timestamp(3) FROM generate_series(0, $2 - 1) AS i`,
    [now, residents],
  );
  const { rows } = await client.query<{ first: number; last: number }>(`SELECT MIN(id) AS first, MAX(id) AS last FROM "Resident"`);
  const firstResident = rows[0]!.first;
  if (rows[0]!.last - firstResident + 1 !== residents) throw new Error('makeSyntheticPostgres: resident ids are not consecutive');
  await writeRatings(client, options, { residents, firstResident, now }, hashSql(seed, 'i', 4));
  return residents;
}

/** SQL for a draw in [0, n) from the row number `row` and a purpose. */
type Draw = (row: string, purpose: number, n: string) => string;

/**
 * Staff number i (0-based) in the i-th county that has stations (counties in code order, round robin),
 * with one to three posts at that county's stations from 1 January; then bench_post, every post
 * numbered per staff member, for the ratings to draw from.
 */
async function writeStaff(client: Client, options: SyntheticOptions, now: string, draw: Draw): Promise<void> {
  await client.query(`CREATE TEMP TABLE bench_station ON COMMIT DROP AS
    SELECT id, "countyCode", (ROW_NUMBER() OVER (PARTITION BY "countyCode" ORDER BY id) - 1)::int AS nth,
           (DENSE_RANK() OVER (ORDER BY "countyCode") - 1)::int AS county
      FROM "Station"`);
  await client.query(`CREATE TEMP TABLE bench_county ON COMMIT DROP AS
    SELECT county, "countyCode", COUNT(*)::int AS stations FROM bench_station GROUP BY county, "countyCode"`);
  await client.query(
    `INSERT INTO "Staff" (name, role, organisation, "countyCode", "cityCode", status, "isDemo", "createdAt")
     SELECT '合成' || lpad((i + 1)::text, GREATEST(5, length((i + 1)::text)), '0'), (${textArray(ROLES)})[1 + ${draw('i', 1, String(ROLES.length))}], $1,
            c."countyCode", left(c."countyCode", 4), 'active', true, $2::timestamp(3)
       FROM generate_series(0, $3 - 1) AS i JOIN bench_county c ON c.county = i % (SELECT COUNT(*) FROM bench_county)
      ORDER BY i`,
    [ORGANISATION, now, options.staff],
  );
  await client.query(
    `INSERT INTO "Assignment" ("staffId", "stationId", "fromDate", "toDate")
     SELECT DISTINCT s.id, st.id, $2::text, NULL::text
       FROM (SELECT id, (ROW_NUMBER() OVER (ORDER BY id) - 1)::bigint AS i, "countyCode" FROM "Staff" WHERE organisation = $1) AS s
       JOIN bench_county c ON c."countyCode" = s."countyCode"
       CROSS JOIN generate_series(1, 3) AS k
       JOIN bench_station st ON st."countyCode" = s."countyCode" AND st.nth = ${draw('s.i * 3 + k', 3, 'c.stations')}
      WHERE k <= 1 + ${draw('s.i', 2, '3')}
      ORDER BY 1, 2`,
    [ORGANISATION, `${options.year}-01-01`],
  );
  await client.query(`CREATE TEMP TABLE bench_post ON COMMIT DROP AS
    SELECT DENSE_RANK() OVER (ORDER BY a."staffId")::int - 1 AS person, a."staffId",
           (ROW_NUMBER() OVER (PARTITION BY a."staffId" ORDER BY a."stationId") - 1)::int AS nth,
           COUNT(*) OVER (PARTITION BY a."staffId")::int AS posts,
           st.id AS "stationId", st."cityCode", st."countyCode", st."townshipCode"
      FROM "Assignment" a JOIN "Station" st ON st.id = a."stationId"`);
  await client.query('ANALYZE bench_station, bench_county, bench_post');
}

/**
 * Rating i (0-based) is by resident i mod R, the (i div R)-th of that resident's ten, on day
 * (i div R) × 36 + i mod 36 of the year: ten different days per resident, so (resident, staff, day) never
 * repeats. Its staff member is drawn among all, its station among that person's posts, its level and
 * service too, each from its own bits of one hash of i (computed once per row behind OFFSET 0).
 */
async function writeRatings(client: Client, options: SyntheticOptions, at: { residents: number; firstResident: number; now: string }, hash: string) {
  await client.query("SET LOCAL DateStyle = 'ISO, YMD'");
  const { rows } = await client.query<{ n: number }>('SELECT COUNT(DISTINCT person)::int AS n FROM bench_post');
  const people = rows[0]!.n;
  // Slices of 24 (staff, at most 2^24) and 12 bits: each value within 0.1 % of its fair share.
  const bits = (from: number, width: number, n: number) => `(((h >> ${from}) & ${2 ** width - 1}) % ${n})`;
  await client.query(
    `INSERT INTO "Rating" ("residentId", "stationId", "staffId", "serviceType", level, "reasonCode", "raterType", "serviceDate", "serviceYear", status,
       "clientRequestId", revision, "cityCode", "countyCode", "townshipCode", "isDemo", "createdAt", "updatedAt")
     SELECT $1 + r.i % $2, p."stationId", p."staffId", r.service, r.level, CASE WHEN r.level <= 2 THEN 'slow' END, 'individual',
            (make_date($3, 1, 1) + ((r.i / $2) * 36 + r.i % 36)::int % 365)::text, $3, 'valid',
            'bench-' || r.i, 1, p."cityCode", p."countyCode", p."townshipCode", true, $4::timestamp(3), $4::timestamp(3)
       FROM (SELECT i, ${bits(0, 24, people)} AS person, ${bits(24, 12, 6)} AS post,
                    (ARRAY[${LEVELS.join(', ')}])[1 + ${bits(36, 12, LEVELS.length)}] AS level,
                    (${textArray(SERVICE)})[1 + ${bits(48, 12, SERVICE.length)}] AS service
               FROM (SELECT i, ${hash} AS h FROM generate_series(0::bigint, $5 - 1) AS i OFFSET 0) AS hashed) AS r
       JOIN bench_post p ON p.person = r.person AND p.nth = r.post % p.posts`,
    [at.firstResident, at.residents, options.year, at.now, options.ratings],
  );
}

/**
 * Both count tables recounted from the ratings, as rebuildRatingCounts (npm run rollups:rebuild) counts
 * them, in one scan: per year, month, staff member, station and level first, then summed per staff
 * member and per station (whose codes the ratings copy), in key order.
 */
async function writeCounts(client: Client): Promise<void> {
  await client.query(`CREATE TEMP TABLE bench_count ON COMMIT DROP AS
    SELECT "serviceYear" AS year, CAST(substr("serviceDate", 6, 2) AS INTEGER) AS month, "staffId", "stationId", level, COUNT(*)::int AS count
      FROM "Rating" WHERE status = 'valid' GROUP BY 1, 2, 3, 4, 5`);
  await client.query(
    `INSERT INTO "RatingCountByStaff" (year, month, "staffId", level, count)
     SELECT year, month, "staffId", level, SUM(count) FROM bench_count GROUP BY year, "staffId", month, level ORDER BY year, "staffId", month, level`,
  );
  await client.query(
    `INSERT INTO "RatingCountByStation" (year, month, "stationId", level, count, "cityCode", "countyCode", "townshipCode")
     SELECT c.year, c.month, s.id, c.level, SUM(c.count), s."cityCode", s."countyCode", s."townshipCode"
       FROM bench_count c JOIN "Station" s ON s.id = c."stationId"
      GROUP BY c.year, s.id, c.month, c.level ORDER BY c.year, s.id, c.month, c.level`,
  );
}
