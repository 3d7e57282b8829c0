/**
 * `npm run bench` (not part of `npm test`): measures on this machine and writes docs/performance.md.
 * Sections so far: the year-end at province scale (synthetic ratings on Ningxia's real divisions, the
 * product's year-end beside the raw GROUP BY scan in the same run). Each figure is the median of
 * several runs, with min and max; the machine is shared, so read ratios rather than absolutes.
 *
 *   npm run bench                       # 1 M and 10 M ratings, 10,000 staff
 *   npm run bench -- --sizes 100000     # a quick look
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pino from 'pino';
import { assess, assessmentXlsx, loadConfig, openDatabase } from '@plsr/server';
import { makeSyntheticDatabase } from './synthetic';

const OUT = resolve(__dirname, '..', '..', '..', 'docs', 'performance.md');
const YEAR = 2026;

interface Stat {
  min: number;
  median: number;
  max: number;
}

async function measure(runs: number, work: () => unknown): Promise<Stat> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await work();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { min: ms[0]!, median: ms[Math.floor(ms.length / 2)]!, max: ms[ms.length - 1]! };
}

const fmt = (s: Stat) => `${(s.median / 1000).toFixed(3)} s (${(s.min / 1000).toFixed(3)}–${(s.max / 1000).toFixed(3)})`;

interface YearEndRow {
  ratings: number;
  generate: string;
  json: Stat;
  xlsx: Stat;
  floor: Stat;
}

async function yearEnd(size: number, staff: number): Promise<YearEndRow> {
  const dir = mkdtempSync(join(tmpdir(), 'plsr-bench-'));
  const file = join(dir, 'bench.db');
  try {
    console.log(`[bench] year-end: generating ${size.toLocaleString('en')} ratings, ${staff.toLocaleString('en')} staff…`);
    const made = await makeSyntheticDatabase(file, { ratings: size, staff, year: YEAR, log: (m) => console.log(`[bench]   ${m}`) });
    const raw = new Database(file, { readonly: true });
    // A plain scan (NOT INDEXED): through the (serviceYear, status, staffId) index every row costs a
    // table lookup for its level, which is slower than reading the table once.
    const floorQuery = raw.prepare(
      'SELECT "staffId", level, COUNT(*) AS n FROM "Rating" NOT INDEXED WHERE "serviceYear" = ? AND status = \'valid\' GROUP BY "staffId", level',
    );
    const floor = await measure(3, () => floorQuery.all(YEAR));
    raw.close();

    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: `file:${file}`, LOG_LEVEL: 'silent' });
    const db = openDatabase(config.databaseUrl);
    const deps = { config, db, logger: pino({ level: 'silent' }), wechat: null, now: () => new Date(`${YEAR}-12-31T08:00:00Z`) };
    const region = { userId: 0, role: 'region' as const, regionCode: '64' };
    const year = () => assess(deps, region, YEAR, '64');
    const first = await year();
    const staffRatings = first.staff.reduce((n, s) => n + s.ratings, 0);
    if (first.totals.ratings !== size || staffRatings !== size) {
      throw new Error(`year-end counted ${first.totals.ratings} ratings by place and ${staffRatings} by staff, not ${size}`);
    }
    const json = await measure(5, async () => JSON.stringify(await year()));
    const xlsx = await measure(3, async () => assessmentXlsx(await year()));
    await db.$disconnect();
    const generate = `${(made.seconds.divisions + made.seconds.rows + made.seconds.counts).toFixed(0)} s (rows ${made.seconds.rows} s, counts ${made.seconds.counts} s)`;
    console.log(`[bench]   JSON ${fmt(json)}, xlsx ${fmt(xlsx)}, raw GROUP BY ${fmt(floor)}`);
    return { ratings: size, generate, json, xlsx, floor };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(rows: YearEndRow[], staff: number, command: string): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `# Performance

Written by \`npm run bench\` (\`${command}\`); do not edit by hand. Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on
${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, SQLite (better-sqlite3 through Prisma 7).
Figures are the median of several runs with (min–max); the machine is shared, so compare ratios within one run.

## The year-end at province scale

Ningxia's real divisions (5 cities, 22 counties, 259 townships, 2,912 villages and their stations),
${staff.toLocaleString('en')} synthetic staff in real counties, ratings of ${YEAR} written straight into the SQLite file.
"Year-end JSON" is the whole \`assess()\` for the region (every workstation, staff row and rollup) and
its JSON text; "xlsx" adds the workbook; "raw GROUP BY" is \`SELECT staffId, level, COUNT(*) … GROUP BY
staffId, level\` over the ratings in one plain table scan, the floor any recount of the ratings would pay.

| ratings | generated in | year-end JSON | year-end xlsx | raw GROUP BY (floor) | JSON / floor |
|---:|---|---|---|---|---:|
${rows.map((r) => `| ${r.ratings.toLocaleString('en')} | ${r.generate} | ${fmt(r.json)} | ${fmt(r.xlsx)} | ${fmt(r.floor)} | ${(r.json.median / r.floor.median).toFixed(2)} |`).join('\n')}

The year-end no longer reads the ratings: it sums the counts kept as ratings are written
(\`RatingCountByStaff\`, \`RatingCountByStation\`: per year, month, staff member or station, and level), so
its cost follows the number of staff and stations (at most 12 × 5 rows each per year), not the number
of ratings, while the raw scan grows with every rating.

## Not measured yet

The rating path and station read under autocannon beside \`/api/health\`, \`/api/health\` while exports
run, the same figures on PostgreSQL, and the mini-program's package sizes come with the rest of issue 8.
`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { sizes: { type: 'string' }, staff: { type: 'string' } } });
  const sizes = (values.sizes ?? '1000000,10000000').split(',').map(Number);
  const staff = Number(values.staff ?? 10_000);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1000) || !Number.isInteger(staff) || staff < 100) {
    throw new Error('usage: npm run bench -- [--sizes 1000000,10000000] [--staff 10000]');
  }
  const rows: YearEndRow[] = [];
  for (const size of sizes) rows.push(await yearEnd(size, staff));
  const command = ['npm run bench', ...(values.sizes ? [`-- --sizes ${values.sizes}`] : []), ...(values.staff ? [`--staff ${values.staff}`] : [])].join(' ');
  writeFileSync(OUT, report(rows, staff, command));
  console.log(`[bench] wrote ${OUT}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
