/**
 * The year-end through the export pool's worker threads (assessments/export-pool.ts) answers exactly as
 * inline: three apps on one database (inline, a pool of 1, a pool of 2) under the same clock give the
 * same status, headers and bytes (the same cells for xlsx, whose zip carries timestamps), errors
 * included. Then the pool itself: lazy start, a crashed worker, a full queue, close().
 */
import pino from 'pino';
import { ExportPool } from '../src/assessments/export-pool';
import { runExportJob, type ExportJob } from '../src/assessments/export-job';
import { AppError } from '../src/http/errors';
import { call, startTestApp, type TestApp } from './support/harness';
import { PASSWORD, seedFixtures, STATIONS } from './support/fixtures';
import { freshTestDatabaseUrl, type TestDatabase } from './support/test-db';
import { xlsxCells } from './support/xlsx';

const NOW = '2026-11-20T04:00:00.000Z';
const logger = pino({ level: 'silent' });

let database: TestDatabase;
let inline: TestApp;
let pooled: Record<1 | 2, TestApp>;
let fx: Awaited<ReturnType<typeof seedFixtures>>;
const tokens: Record<string, string> = {};

/** A few ratings of 2026 through the API, each by its own device on its own March day, and two inspections. */
async function seed(app: TestApp): Promise<void> {
  app.setNow('2026-03-01T04:00:00Z');
  fx = await seedFixtures(app.db);
  const s = fx.staff;
  const pairs = [
    [STATIONS.sanying, s.lawyerMa.id, 'consultation'],
    [STATIONS.nanguan, s.lawyerLi.id, 'consultation'],
    [STATIONS.sanying, s.mediatorWang.id, 'mediation'],
    [STATIONS.jiqiang, s.mediatorZhang.id, 'mediation'],
    [STATIONS.xingqingCentre, s.yinchuanLawyer.id, 'consultation'],
  ] as const;
  for (let i = 0; i < 20; i++) {
    const [stationCode, staffId, serviceType] = pairs[i % pairs.length]!;
    const level = ((i * 3) % 5) + 1;
    app.setNow(`2026-03-${String(i + 1).padStart(2, '0')}T04:00:00Z`);
    const login = await call(app, 'POST', '/api/auth/device', { json: { deviceId: `export-pool-device-${String(i).padStart(4, '0')}` } });
    const body = {
      clientRequestId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      stationCode,
      staffId,
      serviceType,
      level,
      raterType: 'individual',
      ...(level <= 2 ? { reasonCode: 'slow' } : {}),
    };
    expect((await call(app, 'POST', '/api/ratings', { token: login.body.token, json: body })).status).toBe(201);
  }
  const inspect = async (code: string, data: Record<string, unknown>) => {
    const station = await app.db.station.findUniqueOrThrow({ where: { code } });
    await app.db.inspection.create({ data: { stationId: station.id, year: 2026, inspectedOn: '2026-10-20', ...data } });
  };
  await inspect(STATIONS.sanying, { standardisation: 18, professionalism: 17, openness: 19, management: 16, informatisation: 18 });
  await inspect(STATIONS.jiqiang, { exempt: true, exemptReason: '城镇建设拆迁新建,暂不参评' });
}

beforeAll(async () => {
  database = await freshTestDatabaseUrl('export-pool');
  // The apps share the database; it is dropped once, after all of them have closed.
  const shared = { ...database, drop: async () => {} };
  inline = await startTestApp({}, shared);
  pooled = {
    1: await startTestApp({ EXPORT_WORKERS: '1' }, shared, { exportPool: true }),
    2: await startTestApp({ EXPORT_WORKERS: '2' }, shared, { exportPool: true }),
  };
  await seed(inline);
  for (const app of [inline, pooled[1], pooled[2]]) app.setNow(NOW);
  for (const username of ['ningxia', 'guyuan', 'yuanzhou']) {
    const r = await call(inline, 'POST', '/api/auth/password', { json: { username, password: PASSWORD } });
    expect(r.status).toBe(200);
    tokens[username] = r.body.token;
  }
});
afterAll(async () => {
  for (const app of [pooled?.[1], pooled?.[2], inline]) await app?.close();
  await database?.drop();
});

interface Answer {
  status: number;
  headers: Record<string, string | null>;
  body: string | Record<string, unknown[][]>;
}

/** Status, the headers that matter, and the body: text as it came, or an xlsx's cells. */
async function answer(app: TestApp, path: string, user = 'ningxia'): Promise<Answer> {
  const res = await fetch(app.url + path, { headers: { authorization: `Bearer ${tokens[user]}` } });
  const bytes = Buffer.from(await res.arrayBuffer());
  const headers = Object.fromEntries(['content-type', 'content-disposition', 'content-length', 'cache-control'].map((h) => [h, res.headers.get(h)]));
  const xlsx = res.headers.get('content-type')?.includes('spreadsheetml');
  return { status: res.status, headers, body: xlsx ? await xlsxCells(bytes) : bytes.toString('utf8') };
}

const FILES = [
  '/api/assessments/2026?region=64',
  '/api/assessments/2026?region=6404&format=json',
  '/api/assessments/2026?region=640402',
  '/api/assessments/2026?region=64&format=csv',
  '/api/assessments/2026?region=6404&format=csv&table=staff',
  '/api/assessments/2026?region=64&format=csv&table=counties',
  '/api/assessments/2026?region=64&format=xlsx',
  '/api/assessments/2026?region=640402&format=xlsx',
];

const job = (overrides: Partial<ExportJob> = {}): ExportJob => ({
  user: { userId: fx.users.region.id, role: 'region', regionCode: '64' },
  year: 2026,
  region: '64',
  format: 'json',
  table: 'workstations',
  now: NOW,
  ...overrides,
});

describe('GET /api/assessments/{year} through the export pool', () => {
  it.each([1, 2] as const)('when the pool has %i worker(s) and every format is asked at once, then each answer is the inline one', async (size) => {
    const expected: Answer[] = [];
    for (const path of FILES) expected.push(await answer(inline, path));
    const got = await Promise.all(FILES.map((path) => answer(pooled[size], path)));
    expect(pooled[size].exportPool!.threadCount).toBe(size);
    expect(expected.every((a) => a.status === 200)).toBe(true);
    expect((expected[0]!.body as string).length).toBeGreaterThan(1000);
    got.forEach((a, i) => expect({ path: FILES[i], ...a }).toEqual({ path: FILES[i], ...expected[i] }));
  });

  it.each([
    ['an unknown region', 'ningxia', '/api/assessments/2026?region=640499', 404],
    ['a year not begun', 'ningxia', '/api/assessments/2027?region=6404', 400],
    ['a township', 'ningxia', '/api/assessments/2026?region=640402100', 400],
    ['another city', 'guyuan', '/api/assessments/2026?region=6401&format=xlsx', 403],
    ['an unknown format', 'ningxia', '/api/assessments/2026?region=6404&format=pdf', 400],
  ])('when a bureau asks for %s, then the pool answers the same error as inline', async (_what, user, path, status) => {
    const expected = await answer(inline, path, user);
    expect(expected.status).toBe(status);
    expect(await answer(pooled[1], path, user)).toEqual(expected);
  });

  it('when a region has no name, then the pool answers the same 500 as inline', async () => {
    await inline.db.region.update({ where: { code: '640402001' }, data: { name: '' } });
    try {
      const expected = await answer(inline, '/api/assessments/2026?region=640402&format=csv');
      expect(expected.status).toBe(500);
      expect(await answer(pooled[1], '/api/assessments/2026?region=640402&format=csv')).toEqual(expected);
      // The error that is logged is the worker's own, with its stack.
      const error = await pooled[1].exportPool!.run(job({ region: '640402' })).catch((e: unknown) => e);
      expect(error).not.toBeInstanceOf(AppError);
      expect((error as Error).message).toMatch(/no name for region "640402001"/);
      expect((error as Error).stack).toMatch(/assessments[/\\]service\.ts/);
    } finally {
      await inline.db.region.update({ where: { code: '640402001' }, data: { name: '南关街道' } });
    }
  });

  it('when the year-end refuses a job in the worker, then the same AppError comes back', async () => {
    const outside = job({ user: { userId: fx.users.yuanzhou.id, role: 'county', regionCode: '640402' }, region: '640422' });
    const inlineError = await runExportJob(inline.db, outside).catch((e: unknown) => e);
    const poolError = await pooled[1].exportPool!.run(outside).catch((e: unknown) => e);
    expect(poolError).toBeInstanceOf(AppError);
    expect(inlineError).toBeInstanceOf(AppError);
    const parts = (e: AppError) => ({ code: e.code, message: e.message, details: e.details, status: e.status });
    expect(parts(poolError as AppError)).toEqual(parts(inlineError as AppError));
    expect((poolError as AppError).code).toBe('forbidden');
  });

  it('when a worker crashes during a request, then that request answers 500 and the next one is answered', async () => {
    const path = '/api/assessments/2026?region=6404&format=xlsx';
    const expected = await answer(inline, path);
    pooled[1].exportPool!.crashNextJob();
    const crashed = await answer(pooled[1], path);
    expect(crashed.status).toBe(500);
    expect(JSON.parse(crashed.body as string)).toEqual({ code: 'internal', message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
    expect(await answer(pooled[1], path)).toEqual(expected);
    expect(pooled[1].exportPool!.threadCount).toBe(1);
  });
});

describe('the export pool', () => {
  const pools: ExportPool[] = [];
  const makePool = (size: number, queueLimit?: number) => {
    const pool = new ExportPool({ size, databaseUrl: inline.config.databaseUrl, logger, queueLimit });
    pools.push(pool);
    return pool;
  };
  afterAll(() => Promise.all(pools.map((p) => p.close())));

  it('starts no worker before its first job', async () => {
    const pool = makePool(2);
    expect(pool.threadCount).toBe(0);
    const file = await pool.run(job({ format: 'csv', table: 'staff' }));
    expect(file.type).toBe('text/csv; charset=utf-8');
    expect(file.body.toString('utf8')).toContain('马文清');
    expect(pool.threadCount).toBe(1);
  });

  it('when more jobs wait than the queue holds, then the next one is refused with 503 server_busy', async () => {
    const pool = makePool(1, 1);
    const running = pool.run(job());
    const waiting = pool.run(job({ format: 'csv' }));
    const refused = await pool.run(job()).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'server_busy', status: 503 });
    expect((await running).type).toBe('application/json');
    expect((await waiting).type).toBe('text/csv; charset=utf-8');
  });

  it('when closed, then every worker has ended and later jobs are refused', async () => {
    const pool = makePool(2);
    await Promise.all([pool.run(job()), pool.run(job({ format: 'xlsx' }))]);
    expect(pool.threadCount).toBe(2);
    await pool.close();
    expect(pool.threadCount).toBe(0);
    await expect(pool.run(job())).rejects.toThrow('export pool is closed');
  });
});
