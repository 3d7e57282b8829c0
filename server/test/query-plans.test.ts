/**
 * The plans of the queries that run most: every statement the session check, the station page, a
 * rating (new, edited, retried), the review scan and the year-end (county, city, province) send, caught from Prisma's
 * query log and put through SQLite's EXPLAIN QUERY PLAN. A request never reads a whole table; the
 * year-end never reads a table that grows with use (ratings, their counts, submissions, sessions,
 * residents). Plans on PostgreSQL depend on the data's size, so they are printed by `npm run bench`
 * on a province's worth instead; this file runs in the SQLite pass only. PRINT_PLANS=1 prints every plan.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import pino from 'pino';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { loadConfig } from '../src/config';
import { migrate, sqliteFilePath } from '../src/db/migrate';
import { PrismaClient } from '../src/generated/sqlite/client';
import type { AppDeps } from '../src/http/context';
import { actorOf, startSession } from '../src/auth/sessions';
import { assess } from '../src/assessments/service';
import { submitRating } from '../src/ratings/service';
import { scanRatings } from '../src/review/scan';
import { DEFAULT_POLICY } from '@plsr/shared/scoring';
import { viewStation } from '../src/stations/service';
import { seedFixtures } from './support/fixtures';
import { freshSqliteDatabaseUrl, testPostgresUrl, type TestDatabase } from './support/test-db';

/** Tables that grow with every rating, resident or login. */
const GROWING = ['Rating', 'RatingSubmission', 'RatingCountByStaff', 'RatingCountByStation', 'Session', 'Resident'];

interface Caught {
  phase: string;
  sql: string;
  params: number;
}

/**
 * The plan lines that read a whole table (a plain SCAN, or a SCAN through a non-covering index): any
 * table for a request, the growing ones for the year-end. Scans of a subquery's rows are not tables.
 */
function fullScans(plan: string[], phase: string, tables: Set<string>): string[] {
  return plan.filter((line) => {
    const scan = /^SCAN (?:main\.)?(\w+)(?: AS \w+)?(?:$| USING INDEX)/.exec(line);
    if (!scan || !tables.has(scan[1]!)) return false;
    return (phase !== 'year-end' && phase !== 'review scan') || GROWING.includes(scan[1]!);
  });
}

const describeSqlite = testPostgresUrl() ? describe.skip : describe;

describeSqlite('query plans (SQLite)', () => {
  let target: TestDatabase;
  let db: PrismaClient;
  let raw: Database.Database;
  let phase = 'setup';
  const caught: Caught[] = [];
  const plans = new Map<string, string[]>();
  let tables: Set<string>;

  function planOf(sql: string, params: number): string[] {
    const rows = raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...Array.from({ length: params }, () => null)) as { detail: string }[];
    return rows.map((r) => r.detail);
  }

  beforeAll(async () => {
    target = freshSqliteDatabaseUrl('plans');
    await migrate(target.url);
    const logging = new PrismaClient({
      adapter: new PrismaBetterSqlite3({ url: sqliteFilePath(target.url) }),
      log: [{ emit: 'event', level: 'query' }] as const,
    });
    db = logging as unknown as PrismaClient;
    logging.$on('query', (e) => {
      if (/^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i.test(e.query)) caught.push({ phase, sql: e.query, params: (JSON.parse(e.params) as unknown[]).length });
    });
    const fx = await seedFixtures(db);
    raw = new Database(sqliteFilePath(target.url), { readonly: true });
    tables = new Set((raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name));
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: target.url, LOG_LEVEL: 'silent' });
    const deps: AppDeps = { config, db, logger: pino({ level: 'silent' }), wechat: null, now: () => new Date('2026-06-15T04:00:00Z') };
    const resident = await db.resident.create({ data: { idHash: 'plans-resident', kind: 'device' } });
    const { token } = await startSession(deps, { residentId: resident.id });

    phase = 'session';
    await actorOf(deps, token);
    phase = 'station page';
    await viewStation(deps, fx.stations.sanying.code);
    await viewStation(deps, fx.stations.sanying.code);
    phase = 'rating';
    const input = {
      clientRequestId: randomUUID(),
      stationCode: fx.stations.sanying.code,
      staffId: fx.staff.lawyerMa.id,
      serviceType: 'consultation' as const,
      level: 5,
      raterType: 'individual' as const,
    };
    await submitRating(deps, resident.id, input, '127.0.0.1');
    await submitRating(deps, resident.id, input, '127.0.0.1');
    await submitRating(deps, resident.id, { ...input, clientRequestId: randomUUID(), level: 2, reasonCode: 'slow' }, '127.0.0.1');
    phase = 'review scan';
    // Every rule fires on every rating (a burst of one): the incident, flag and one-voice statements run too.
    const policy = { ...DEFAULT_POLICY, review: { ...DEFAULT_POLICY.review, staffBurst: { enabled: true, windowMinutes: 60, minCount: 1, normalDays: 0 } } };
    await db.assessmentPolicy.create({ data: { year: 2026, regionCode: '64', policyJson: JSON.stringify(policy) } });
    await submitRating(deps, resident.id, { ...input, clientRequestId: randomUUID(), serviceDate: '2026-06-14' }, '127.0.0.1');
    await scanRatings(deps);
    await db.assessmentPolicy.deleteMany({});
    phase = 'year-end';
    for (const region of ['640402', '6404', '64']) await assess(deps, { userId: 1, role: 'region', regionCode: '64' }, 2026, region);
    for (const c of caught) plans.set(`${c.phase}: ${c.sql}`, planOf(c.sql, c.params));
    if (process.env.PRINT_PLANS) console.log([...plans].map(([k, v]) => `${k.slice(0, 300)}\n  ${v.join('\n  ')}`).join('\n'));
  });

  afterAll(async () => {
    raw?.close();
    await db?.$disconnect();
    await target?.drop();
  });

  it('caught the statements of every phase', () => {
    for (const p of ['session', 'station page', 'rating', 'review scan', 'year-end']) expect(caught.filter((c) => c.phase === p).length).toBeGreaterThan(0);
    expect(caught.some((c) => c.phase === 'rating' && c.sql.trim().startsWith('INSERT INTO "Rating"'))).toBe(true);
  });

  it.each(['session', 'station page', 'rating', 'review scan', 'year-end'])('%s: no statement reads a whole table it should not', (p) => {
    const offenders = [...plans].filter(([key, plan]) => key.startsWith(`${p}: `) && fullScans(plan, p, tables).length > 0);
    expect(offenders.map(([key, plan]) => `${key}\n  ${plan.join('\n  ')}`)).toEqual([]);
  });

  it('the check can fail: a search on an unindexed column is a full scan', () => {
    expect(fullScans(planOf('SELECT "id" FROM "Rating" WHERE "comment" = ?', 1), 'rating', tables)).toEqual(['SCAN Rating']);
    expect(fullScans(planOf('SELECT "id" FROM "Staff" WHERE "organisation" = ?', 1), 'station page', tables)).toEqual(['SCAN Staff']);
    expect(fullScans(planOf('SELECT "id" FROM "Staff" WHERE "organisation" = ?', 1), 'year-end', tables)).toEqual([]);
    expect(fullScans(planOf('SELECT "id" FROM "Session" WHERE "kind" = ?', 1), 'year-end', tables)).toEqual(['SCAN Session']);
  });
});

if (testPostgresUrl()) {
  it('query plans are checked in the SQLite pass (PostgreSQL plans depend on the data: see npm run bench)', () => undefined);
}
