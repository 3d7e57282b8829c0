/**
 * `npm run bench` (not part of `npm test`): measures on this machine and writes docs/performance.md.
 * For the embedded SQLite and for PostgreSQL (a throwaway cluster, when PostgreSQL is installed):
 * - the year-end (JSON and xlsx) at 1 M and 10 M synthetic ratings on Ningxia's real divisions with
 *   10,000 staff, beside the raw GROUP BY scan over the ratings in the same run;
 * - on the first size's database, the real server in its own process under autocannon: health, the
 *   station read and real rating inserts side by side at 10 and 50 connections, and health while
 *   eight province xlsx exports run;
 * and the mini-program's package sizes. Each figure is the median of several runs, with min and max;
 * the machine is shared, so read ratios taken in one run rather than absolutes.
 *
 *   npm run bench                                   # everything (about 20 minutes on 2 cores)
 *   npm run bench -- --sizes 100000 --quick         # a quick look: one small size, short rounds
 *   npm run bench -- --only sqlite,sizes            # sqlite, postgresql, sizes
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { assess, assessmentXlsx, openDatabase, scanRatings, type Db } from '@plsr/server';
import { beijingDate } from '@plsr/shared/time';
import { startCluster, type Cluster } from '../../pg-cluster.mjs';
import { healthDuringExports, measurePaths, startBenchServer, stat, type ExportLoad, type PathRow, type Stat } from './http';
import { postgresPlansMarkdown } from './plans';
import { measureSizes, sizesMarkdown } from './sizes';
import { makeSyntheticDatabase, type SyntheticResult } from './synthetic';
import { BENCH_PG_SETTINGS, makeSyntheticPostgres } from './synthetic-pg';

const OUT = resolve(__dirname, '..', '..', '..', 'docs', 'performance.md');
/** This year (Beijing): the ratings the bench posts land in it, and the synthetic posts cover today. */
const YEAR = Number(beijingDate(new Date()).slice(0, 4));

async function timed(runs: number, work: () => unknown): Promise<Stat> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await work();
    ms.push(performance.now() - t);
  }
  return stat(ms);
}

const seconds = (s: Stat) => `${(s.median / 1000).toFixed(3)} s (${(s.min / 1000).toFixed(3)}–${(s.max / 1000).toFixed(3)})`;
const ms = (s: Stat) => `${s.median.toFixed(0)} ms (${s.min.toFixed(0)}–${s.max.toFixed(0)})`;
const perSecond = (s: Stat) =>
  `${Math.round(s.median).toLocaleString('en')} (${Math.round(s.min).toLocaleString('en')}–${Math.round(s.max).toLocaleString('en')})`;
const ratio = (s: Stat) => `${s.median.toFixed(2)} (${s.min.toFixed(2)}–${s.max.toFixed(2)})`;

/** A database full of synthetic ratings, and the raw scan over them. */
interface BenchDatabase {
  url: string;
  made: SyntheticResult;
  floor(): Promise<unknown>;
  drop(): Promise<void>;
}

interface Target {
  label: 'SQLite' | 'PostgreSQL';
  version: string;
  make(size: number, staff: number, log: (msg: string) => void): Promise<BenchDatabase>;
  close(): Promise<void>;
}

const FLOOR_SQL = 'SELECT "staffId", level, COUNT(*) AS n FROM "Rating" WHERE "serviceYear" = $1 AND status = \'valid\' GROUP BY "staffId", level';

function sqliteTarget(): Target {
  return {
    label: 'SQLite',
    version: `SQLite ${(new Database(':memory:').prepare('SELECT sqlite_version() AS v').get() as { v: string }).v} (better-sqlite3 through Prisma 7)`,
    async make(size, staff, log) {
      const dir = mkdtempSync(join(tmpdir(), 'plsr-bench-'));
      const file = join(dir, 'bench.db');
      const made = await makeSyntheticDatabase(file, { ratings: size, staff, year: YEAR, log });
      const raw = new Database(file, { readonly: true });
      // A plain scan (NOT INDEXED): through the (serviceYear, status, staffId) index every row costs a
      // table lookup for its level, which is slower than reading the table once.
      const floor = raw.prepare(FLOOR_SQL.replace('"Rating"', '"Rating" NOT INDEXED').replace('$1', '?'));
      return {
        url: `file:${file}`,
        made,
        floor: async () => floor.all(YEAR),
        async drop() {
          raw.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
    async close() {},
  };
}

async function postgresTarget(): Promise<Target> {
  const cluster: Cluster = await startCluster({ settings: BENCH_PG_SETTINGS });
  const admin = async (sql: string) => {
    const c = new Client({ connectionString: cluster.url });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  return {
    label: 'PostgreSQL',
    version: `${cluster.version.replace(/^postgres \(PostgreSQL\) /, 'PostgreSQL ')} (pg through Prisma 7; shared_buffers ${BENCH_PG_SETTINGS.shared_buffers})`,
    async make(size, staff, log) {
      const name = `bench_${size}`;
      await admin(`DROP DATABASE IF EXISTS ${name}`);
      await admin(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
      const url = new URL(cluster.url);
      url.pathname = `/${name}`;
      const made = await makeSyntheticPostgres(url.toString(), { ratings: size, staff, year: YEAR, log });
      const client = new Client({ connectionString: url.toString() });
      await client.connect();
      return {
        url: url.toString(),
        made,
        floor: () => client.query(FLOOR_SQL, [YEAR]),
        async drop() {
          await client.end();
          await admin(`DROP DATABASE ${name} WITH (FORCE)`);
        },
      };
    },
    async close() {
      cluster.stop();
    },
  };
}

interface YearEndRow {
  ratings: number;
  generate: string;
  json: Stat;
  xlsx: Stat;
  floor: Stat;
}

async function yearEnd(db: Db, bench: BenchDatabase, size: number, runs: number): Promise<YearEndRow> {
  const floor = await timed(runs, bench.floor);
  const deps = { db, now: () => new Date(`${YEAR}-12-31T08:00:00Z`) };
  const region = { userId: 0, role: 'region' as const, regionCode: '64' };
  const year = () => assess(deps, region, YEAR, '64');
  const first = await year();
  const staffRatings = first.staff.reduce((n, s) => n + s.ratings, 0);
  if (first.totals.ratings !== size || staffRatings !== size) {
    throw new Error(`year-end counted ${first.totals.ratings} ratings by place and ${staffRatings} by staff, not ${size}`);
  }
  const json = await timed(runs + 2, async () => JSON.stringify(await year()));
  const xlsx = await timed(runs, async () => assessmentXlsx(await year()));
  const s = bench.made.seconds;
  const generate = `${(s.divisions + s.rows + s.counts).toFixed(0)} s (rows ${s.rows} s, counts ${s.counts} s)`;
  return { ratings: size, generate, json, xlsx, floor };
}

interface TargetReport {
  label: string;
  version: string;
  yearEnd: YearEndRow[];
  paths: PathRow[];
  exports: ExportLoad | null;
  /** The review scan of what the paths wrote: how many, how long, how many held. */
  scan: { ratings: number; held: number; seconds: number } | null;
  plans: string | null;
}

interface Settings {
  sizes: number[];
  staff: number;
  rounds: number;
  seconds: number;
  connections: number[];
}

async function runTarget(target: Target, settings: Settings): Promise<TargetReport> {
  const log = (m: string) => console.log(`[bench] ${target.label}: ${m}`);
  const report: TargetReport = { label: target.label, version: target.version, yearEnd: [], paths: [], exports: null, scan: null, plans: null };
  for (const [i, size] of settings.sizes.entries()) {
    log(`generating ${size.toLocaleString('en')} ratings, ${settings.staff.toLocaleString('en')} staff…`);
    const bench = await target.make(size, settings.staff, (m) => log(`  ${m}`));
    const db = openDatabase(bench.url);
    try {
      const row = await yearEnd(db, bench, size, settings.rounds);
      log(`year-end JSON ${seconds(row.json)}, xlsx ${seconds(row.xlsx)}, raw GROUP BY ${seconds(row.floor)}`);
      report.yearEnd.push(row);
      if (i === 0) {
        const server = await startBenchServer(bench.url);
        try {
          report.paths = await measurePaths(server, db, { connections: settings.connections, rounds: settings.rounds, seconds: settings.seconds, log });
          // The review scan reads every rating the paths wrote (the server's own timer takes 2,000
          // every 5 s); the year-end would read the rest before counting. Read them here, timed.
          const t = performance.now();
          const scan = await scanRatings({ db, now: () => new Date() });
          report.scan = { ratings: scan.scanned, held: scan.flagged, seconds: (performance.now() - t) / 1000 };
          log(`review scan: ${scan.scanned} ratings in ${report.scan.seconds.toFixed(1)} s, ${scan.flagged} held`);
          log('health while 8 province xlsx exports run…');
          report.exports = await healthDuringExports(server, db, { rounds: settings.rounds, seconds: settings.seconds, year: YEAR });
          log(`health p99 ${ms(report.exports.healthP99)} during ${report.exports.exports} exports (idle ${ms(report.exports.idleP99)})`);
          if (target.label === 'PostgreSQL') report.plans = await postgresPlansMarkdown(bench.url, YEAR);
        } finally {
          await server.stop();
        }
      }
    } finally {
      await db.$disconnect();
      await bench.drop();
    }
  }
  return report;
}

const mark = (ok: boolean) => (ok ? '✓' : '✗ missed');

function targetsMarkdown(reports: TargetReport[]): string {
  const lines: string[] = [
    '## Targets (issue 8)',
    '',
    '| target | ' + reports.map((r) => r.label).join(' | ') + ' |',
    '|---|' + reports.map(() => '---|').join(''),
  ];
  const cell = (f: (r: TargetReport) => string) => reports.map((r) => f(r)).join(' | ');
  const last = (r: TargetReport) => r.yearEnd[r.yearEnd.length - 1];
  lines.push(
    `| year-end JSON at the largest size: median under 1 s | ${cell((r) => (last(r) ? `${seconds(last(r)!.json)} ${mark(last(r)!.json.median < 1000)}` : '—'))} |`,
    `| … and under 0.3 × the raw scan | ${cell((r) => (last(r) ? `${(last(r)!.json.median / last(r)!.floor.median).toFixed(2)} × ${mark(last(r)!.json.median < 0.3 * last(r)!.floor.median)}` : '—'))} |`,
  );
  const path = (r: TargetReport, p: string) => r.paths.find((x) => x.path === p && x.connections === 10);
  lines.push(
    `| ratings/health at 10 connections ≥ 0.35 | ${cell((r) => (path(r, 'rating') ? `${path(r, 'rating')!.ratio.median.toFixed(2)} ${mark(path(r, 'rating')!.ratio.median >= 0.35)}` : '—'))} |`,
    `| rating p99 at 10 connections under 25 ms | ${cell((r) => (path(r, 'rating') ? `${path(r, 'rating')!.p99.median.toFixed(0)} ms ${mark(path(r, 'rating')!.p99.median < 25)}` : '—'))} |`,
    `| station/health at 10 connections ≥ 0.6 | ${cell((r) => (path(r, 'station') ? `${path(r, 'station')!.ratio.median.toFixed(2)} ${mark(path(r, 'station')!.ratio.median >= 0.6)}` : '—'))} |`,
    `| health p99 while 8 province xlsx exports run under 50 ms | ${cell((r) => (r.exports ? `${r.exports.healthP99.median.toFixed(0)} ms ${mark(r.exports.healthP99.median < 50)}` : '—'))} |`,
  );
  return lines.join('\n');
}

function yearEndMarkdown(r: TargetReport, staff: number): string {
  return `### ${r.label}

| ratings | generated in | year-end JSON | year-end xlsx | raw GROUP BY (floor) | JSON / floor |
|---:|---|---|---|---|---:|
${r.yearEnd.map((y) => `| ${y.ratings.toLocaleString('en')} | ${y.generate} | ${seconds(y.json)} | ${seconds(y.xlsx)} | ${seconds(y.floor)} | ${(y.json.median / y.floor.median).toFixed(2)} |`).join('\n')}

${staff.toLocaleString('en')} staff. ${r.version}.`;
}

function pathsMarkdown(r: TargetReport): string {
  if (!r.paths.length) return '';
  return `### ${r.label}

| path | connections | requests/s | p50 | p99 | ÷ health (same round) |
|---|---:|---:|---:|---:|---:|
${r.paths
  .map(
    (p) =>
      `| ${{ health: '`GET /api/health`', station: '`GET /api/stations/{code}`', rating: '`POST /api/ratings`' }[p.path]} | ${p.connections} | ${perSecond(p.rps)} | ${ms(p.p50)} | ${ms(p.p99)} | ${p.path === 'health' ? '1' : ratio(p.ratio)} |`,
  )
  .join('\n')}
${
  r.exports
    ? `
\`/api/health\` (4 connections) while 8 clients download the province's xlsx without pause (${r.exports.exports} exports, each ${seconds(r.exports.exportMs)}
end to end, queued for the export worker): p50 ${ms(r.exports.healthP50)}, **p99 ${ms(r.exports.healthP99)}**, ${perSecond(r.exports.healthRps)} requests/s; with nothing
else running its p99 is ${ms(r.exports.idleP99)}.`
    : ''
}${
    r.scan
      ? `

The review scan then read the ${r.scan.ratings.toLocaleString('en')} ratings the rounds wrote (those its timer had not already read, 2,000 every 5 s in the
server) in ${r.scan.seconds.toFixed(1)} s: ${((r.scan.seconds * 1e6) / Math.max(r.scan.ratings, 1)).toFixed(0)} µs a rating, in the bench process. It held ${r.scan.held.toLocaleString('en')} of them: the bench's residents each rate every
staff member in turn, which is what the one-resident rule is for.`
      : ''
  }`;
}

function report(reports: TargetReport[], sizes: string, settings: Settings, command: string, skipped: string[]): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `# Performance

Written by \`npm run bench\` (\`${command}\`); do not edit by hand. Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on
${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}.
Figures are the median of ${settings.rounds} runs or rounds with (min–max); the machine is shared, so compare ratios taken in one run.
${skipped.length ? `\nNot measured in this run: ${skipped.join('; ')}.\n` : ''}
${reports.length ? targetsMarkdown(reports) : ''}

## The year-end at province scale

Ningxia's real divisions (5 cities, 22 counties, 259 townships, 2,912 villages and their stations),
synthetic staff in real counties serving at that county's stations, ratings of ${YEAR} written straight
into the database (SQLite: prepared statements; PostgreSQL: INSERT … SELECT over generate_series).
"Year-end JSON" is the whole \`assess()\` for the region (every workstation, staff row and rollup) and
its JSON text; "xlsx" adds the workbook; "raw GROUP BY" is \`SELECT staffId, level, COUNT(*) … GROUP BY
staffId, level\` over the year's valid ratings, the floor any recount of the ratings would pay.

${reports.map((r) => yearEndMarkdown(r, settings.staff)).join('\n\n')}

## The request paths

The real server in its own process (\`server/src/main.ts\`, \`NODE_ENV=production\`, request logging on,
one export worker, rate limits counting with limits no run reaches) on the ${Number(sizes.split(',')[0]).toLocaleString('en')}-rating database, loaded by autocannon from another process on
the same two cores. Each round runs health, the station read and the rating, ${settings.seconds} s each, back to back, at
${settings.connections.join(' and ')} connections; the ratio divides by health's requests/s of the same round. The station read
goes round all the stations that have staff (every station's view built once before the rounds, as a day's
first scans do); every rating is a real insert: 1,000 residents (device logins), each rating every staff
member with a post in turn, today, at one of their stations, so requests in flight rate different people.

${reports.map(pathsMarkdown).filter(Boolean).join('\n\n')}

## How each cost grows, and what would be next

- **The year-end** reads the counts the database keeps (triggers on \`Rating\`), never the ratings: at most
  12 months × 5 levels rows per staff member and per station per year. Its cost grows with staff and
  stations, linearly, and not with ratings, as the sizes above show; the xlsx adds exceljs's time per
  row of staff and workstations. Next, for a country: a yearly row per person (the months folded) and a
  finished year frozen as a file.
- **A rating** is two statements: the session check (one indexed join) and one INSERT … SELECT that finds and
  checks the station and post itself and, by trigger, bumps two count rows and records the submission.
  Each is a few index lookups, so it grows with the logarithm of the tables; the cost is the work per
  request, not the data. Ratings arriving together are written together: on SQLite the adapter commits the
  writes of one turn of the event loop in one transaction (group commit: each write still succeeds or
  fails alone, and none is answered before the commit), since a commit logs every page the write touched
  and writes arriving together share pages; on PostgreSQL one statement writes them all (their rows as one
  JSON argument) and the session checks arriving together are one statement too, since each round trip
  costs the server more than the row. Both run past Prisma's client (db/raw.ts: it cost 0.05–0.1 ms a
  statement above the statement itself), on SQLite as kept prepared statements, on PostgreSQL as named
  statements on the adapter's pool. Each rating also uses one point of two rate limits (its resident's,
  its address's; counting, set out of reach here): on SQLite in the same write of the group commit as the
  rating, on PostgreSQL in one statement a turn beside the session check. The rest of a rating is Koa,
  body parsing, zod, the submission's hash and writing the answer. Next: the request logging and Koa's middleware, now a large share of both a
  rating and health.
- **The review scan** (one voice per resident, the fraud rules) reads each rating once, a few seconds after
  it was written, in batches of 100 by id (one short transaction each, requests let through between them): the batch, its residents, the staff members' normal rates from
  the kept counts, the stations' hours, the resident groups by the unique index, then one transaction for
  what it decided and its cursor. Its memory is the last day of ratings. It grows with the ratings written,
  never with the table, and costs the rating path nothing: a submission does not wait for it.
- **The station read** is one small query (the registry version, moved by triggers on any registry
  change) and a view kept in memory per station and day; only a station's first scan of the day builds
  it (four indexed lookups). It grows with nothing; views are dropped when the registry changes.
- **Health while exporting**: the year-end runs in a worker thread (\`EXPORT_WORKERS\`, its own database
  connection), so the event loop stays free; on two cores the worker still takes one, so requests slow
  somewhat while it works. More workers queue less and take more cores.
- **PostgreSQL** pays a network round trip per statement (a system call each way, costly on this machine)
  and runs its triggers in PL/pgSQL, on the same two cores as the server and the load; gathering the
  statements of requests arriving together is what brings its ratings near SQLite's. Its aggregates and
  scans are about as fast.

${
  reports.find((r) => r.plans)?.plans ??
  `## Query plans

\`server/test/query-plans.test.ts\` (in \`npm test\`) puts every statement of the session check, the station
page, a rating (new, edited, retried) and the year-end through SQLite's EXPLAIN QUERY PLAN: no request reads a
whole table, and the year-end never reads ratings, submissions, sessions or residents (\`PRINT_PLANS=1\` prints
them all). PostgreSQL's plans come with its part of the bench, not run this time.
`
}
`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { sizes: { type: 'string' }, staff: { type: 'string' }, only: { type: 'string' }, quick: { type: 'boolean' } },
  });
  const sizes = (values.sizes ?? '1000000,10000000').split(',').map(Number);
  const staff = Number(values.staff ?? 10_000);
  const only = (values.only ?? 'sqlite,postgresql,sizes').split(',');
  const usage = 'usage: npm run bench -- [--sizes 1000000,10000000] [--staff 10000] [--only sqlite,postgresql,sizes] [--quick]';
  if (sizes.some((n) => !Number.isInteger(n) || n < 1000) || !Number.isInteger(staff) || staff < 100) throw new Error(usage);
  if (only.some((o) => !['sqlite', 'postgresql', 'sizes'].includes(o))) throw new Error(usage);
  const settings: Settings = values.quick
    ? { sizes, staff, rounds: 1, seconds: 3, connections: [10] }
    : { sizes, staff, rounds: 3, seconds: 8, connections: [10, 50] };

  const reports: TargetReport[] = [];
  const skipped: string[] = [];
  if (only.includes('sqlite')) reports.push(await runTarget(sqliteTarget(), settings));
  if (only.includes('postgresql')) {
    let target: Target | null = null;
    try {
      target = await postgresTarget();
    } catch (error) {
      skipped.push(`PostgreSQL (${(error as Error).message.split('\n')[0]})`);
      console.warn(`[bench] PostgreSQL skipped: ${(error as Error).message}`);
    }
    if (target) {
      try {
        reports.push(await runTarget(target, settings));
      } finally {
        await target.close();
      }
    }
  }
  const sizeSection = only.includes('sizes') ? sizesMarkdown(await measureSizes()) : '';
  if (!only.includes('sizes')) skipped.push('the mini-program package sizes (`--only` left them out)');
  const argv = process.argv.slice(2).join(' ');
  const command = `npm run bench${argv ? ` -- ${argv}` : ''}`;
  writeFileSync(OUT, report(reports, sizes.join(','), settings, command, skipped) + sizeSection + '\n');
  console.log(`[bench] wrote ${OUT}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
