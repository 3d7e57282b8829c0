/**
 * The year-end is the same document whichever database holds the ratings: the same fixture and the
 * same ratings, made through the API under the same clock, on SQLite and on PostgreSQL, give byte-identical
 * JSON and CSV and the same spreadsheet cells. Needs a PostgreSQL server: it runs in the PostgreSQL
 * pass (`node scripts/test-postgres.mjs`, part of `npm test`), which sets PLSR_TEST_PG_URL.
 */
import { ASSESSMENT_CSV_TABLES } from '@plsr/shared/schemas';
import { call, startTestApp, type TestApp } from './support/harness';
import { PASSWORD, seedFixtures, STATIONS } from './support/fixtures';
import { freshPostgresDatabaseUrl, freshSqliteDatabaseUrl, testPostgresUrl } from './support/test-db';
import { xlsxCells } from './support/xlsx';

const pgUrl = testPostgresUrl();
const YEAR_END = '/api/assessments/2026?region=64';

if (!pgUrl) {
  console.log('cross-db.test.ts: skipped on SQLite alone; the PostgreSQL pass (node scripts/test-postgres.mjs) runs it.');
}

type Fixture = Awaited<ReturnType<typeof seedFixtures>>;

/** The same deterministic ratings on any app: who, where, how, and on which Beijing day. */
function plannedRatings(fx: Fixture) {
  const s = fx.staff;
  const pairs = [
    [STATIONS.sanying, s.lawyerMa.id, 'consultation'],
    [STATIONS.dongyuan, s.lawyerMa.id, 'consultation'],
    [STATIONS.nanguan, s.lawyerLi.id, 'consultation'],
    [STATIONS.yuanzhouCentre, s.lawyerLi.id, 'consultation'],
    [STATIONS.sanying, s.mediatorWang.id, 'mediation'],
    [STATIONS.jiqiang, s.mediatorZhang.id, 'mediation'],
    [STATIONS.xingqingCentre, s.yinchuanLawyer.id, 'consultation'],
    [STATIONS.sanying, s.leftLawyer.id, 'consultation'],
  ] as const;
  return Array.from({ length: 48 }, (_, i) => {
    const [stationCode, staffId, serviceType] = pairs[i % pairs.length]!;
    const level = ((i * 7) % 5) + 1;
    const day = `2026-03-${String((i % 28) + 1).padStart(2, '0')}`;
    return {
      deviceId: `cross-db-device-${String(i).padStart(4, '0')}`,
      day,
      body: {
        clientRequestId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        stationCode,
        staffId,
        serviceType,
        level,
        raterType: i % 5 === 0 ? 'organisation' : 'individual',
        ...(level <= 2 ? { reasonCode: 'slow' } : {}),
        ...(i % 3 === 0 ? { comment: `第${i}条:服务很好` } : {}),
      },
    };
  });
}

async function seed(app: TestApp): Promise<void> {
  app.setNow('2026-03-01T04:00:00Z');
  const fx = await seedFixtures(app.db);
  for (const planned of plannedRatings(fx)) {
    app.setNow(`${planned.day}T04:00:00Z`); // 12:00 in Beijing
    const login = await call(app, 'POST', '/api/auth/device', { json: { deviceId: planned.deviceId } });
    expect(login.status).toBe(200);
    const r = await call(app, 'POST', '/api/ratings', { token: login.body.token, json: planned.body });
    expect(r.status).toBe(201);
  }
  const inspect = async (code: string, data: Record<string, unknown>) => {
    const station = await app.db.station.findUniqueOrThrow({ where: { code } });
    await app.db.inspection.create({ data: { stationId: station.id, year: 2026, inspectedOn: '2026-10-20', ...data } });
  };
  await inspect(STATIONS.sanying, { standardisation: 18, professionalism: 17, openness: 19, management: 16, informatisation: 18 });
  await inspect(STATIONS.nanguan, { standardisation: 20, professionalism: 20, openness: 20, management: 20, informatisation: 20 });
  await inspect(STATIONS.jiqiang, { exempt: true, exemptReason: '城镇建设拆迁新建,暂不参评' });
  app.setNow('2026-11-20T04:00:00Z');
}

interface YearEnd {
  json: Buffer;
  csv: Record<string, Buffer>;
  xlsx: Buffer;
}

async function yearEnd(app: TestApp): Promise<YearEnd> {
  const login = await call(app, 'POST', '/api/auth/password', { json: { username: 'ningxia', password: PASSWORD } });
  expect(login.status).toBe(200);
  const get = async (query: string) => {
    const res = await fetch(`${app.url}${YEAR_END}${query}`, { headers: { authorization: `Bearer ${login.body.token}` } });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  };
  const csv: Record<string, Buffer> = {};
  for (const table of ASSESSMENT_CSV_TABLES) csv[table] = await get(`&format=csv&table=${table}`);
  return { json: await get('&format=json'), csv, xlsx: await get('&format=xlsx') };
}

(pgUrl ? describe : describe.skip)('the 2026 year-end for 宁夏 on SQLite and on PostgreSQL', () => {
  let sqlite: TestApp;
  let postgres: TestApp;
  let onSqlite: YearEnd;
  let onPostgres: YearEnd;

  beforeAll(async () => {
    sqlite = await startTestApp({}, freshSqliteDatabaseUrl('cross-db'));
    postgres = await startTestApp({}, await freshPostgresDatabaseUrl(pgUrl!));
    expect([sqlite.config.provider, postgres.config.provider]).toEqual(['sqlite', 'postgresql']);
    await seed(sqlite);
    await seed(postgres);
    onSqlite = await yearEnd(sqlite);
    onPostgres = await yearEnd(postgres);
  });
  afterAll(async () => {
    await sqlite?.close();
    await postgres?.close();
  });

  it('when the same ratings are made on both, then the JSON is byte-identical', () => {
    const body = JSON.parse(onSqlite.json.toString('utf8'));
    expect(body.totals.ratings).toBeGreaterThan(30);
    expect(onPostgres.json.toString('utf8')).toBe(onSqlite.json.toString('utf8'));
  });

  it.each(ASSESSMENT_CSV_TABLES)('then the %s CSV is byte-identical', (table) => {
    expect(onSqlite.csv[table]!.length).toBeGreaterThan(0);
    expect(onPostgres.csv[table]!.equals(onSqlite.csv[table]!)).toBe(true);
  });

  it('then the spreadsheet has the same cells', async () => {
    const fromSqlite = await xlsxCells(onSqlite.xlsx);
    expect(Object.keys(fromSqlite).length).toBeGreaterThan(0);
    expect(await xlsxCells(onPostgres.xlsx)).toEqual(fromSqlite);
  });
});
