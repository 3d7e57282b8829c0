/**
 * The year-end on a hand-made 固原市 (see support/fixtures.ts). Every expected number is worked out in
 * the comments from BRIEF.md "Scores" with the default policy.
 */
import ExcelJS from 'exceljs';
import { parseVocabulary, RATING_STATUSES } from '@plsr/shared/vocabulary';
import type { Db } from '../src/db/client';
import { insertRating } from '../src/ratings/repository';
import { call, startTestApp, type TestApp } from './support/harness';
import { PASSWORD, seedFixtures, STATIONS } from './support/fixtures';

let app: TestApp;
let fx: Awaited<ReturnType<typeof seedFixtures>>;
const tokens: Record<string, string> = {};
let nextResident = 1;

/** n ratings of one level, each by its own resident, on successive days of March, recorded (and counted) by the repository. */
async function addRatings(db: Db, stationCode: string, staffId: number, level: number, n: number, year = 2026, status = 'valid') {
  const station = await db.station.findUniqueOrThrow({ where: { code: stationCode } });
  for (let i = 0; i < n; i++) {
    const resident = await db.resident.create({ data: { idHash: `test-${nextResident++}`, kind: 'device' } });
    const serviceDate = `${year}-03-${String((i % 28) + 1).padStart(2, '0')}`;
    await insertRating(db, {
      residentId: resident.id,
      stationId: station.id,
      staffId,
      serviceType: 'consultation',
      level,
      raterType: 'individual',
      serviceDate,
      serviceYear: year,
      status: parseVocabulary(RATING_STATUSES, status, 'status'),
      clientRequestId: `00000000-0000-4000-8000-${String(nextResident).padStart(12, '0')}`,
      cityCode: station.cityCode,
      countyCode: station.countyCode,
      townshipCode: station.townshipCode,
      reasonCode: level <= 2 ? 'slow' : null,
    });
  }
}

beforeAll(async () => {
  app = await startTestApp();
  app.setNow('2026-11-20T04:00:00Z');
  fx = await seedFixtures(app.db);
  const { staff: s } = fx;
  // 2026, 原州区: 35 counted ratings, 2790 points → county mean C = 79.714…
  await addRatings(app.db, STATIONS.sanying, s.lawyerMa.id, 5, 10); // 1000
  await addRatings(app.db, STATIONS.dongyuan, s.lawyerMa.id, 4, 10); // 800 (village room of 三营)
  await addRatings(app.db, STATIONS.nanguan, s.lawyerLi.id, 3, 4); // 240
  await addRatings(app.db, STATIONS.yuanzhouCentre, s.lawyerLi.id, 5, 6); // 600 (county centre: no township)
  await addRatings(app.db, STATIONS.sanying, s.mediatorWang.id, 2, 5); // 150
  // Not counted: excluded after an appeal, flagged for review, withdrawn.
  await addRatings(app.db, STATIONS.nanguan, s.lawyerLi.id, 1, 1, 2026, 'excluded');
  await addRatings(app.db, STATIONS.nanguan, s.lawyerLi.id, 1, 1, 2026, 'flagged');
  await addRatings(app.db, STATIONS.nanguan, s.lawyerLi.id, 1, 1, 2026, 'withdrawn');
  // 2026, 西吉县: 5 × 80.
  await addRatings(app.db, STATIONS.jiqiang, s.mediatorZhang.id, 4, 5);
  // 2025: lawyer 马 40 ratings averaging 95 (30 × 100 + 10 × 80), lawyer 李 3 × 100.
  await addRatings(app.db, STATIONS.sanying, s.lawyerMa.id, 5, 28, 2025);
  await addRatings(app.db, STATIONS.dongyuan, s.lawyerMa.id, 5, 2, 2025);
  await addRatings(app.db, STATIONS.dongyuan, s.lawyerMa.id, 4, 10, 2025);
  await addRatings(app.db, STATIONS.nanguan, s.lawyerLi.id, 5, 3, 2025);

  const inspect = (code: string, data: Record<string, unknown>) =>
    app.db.station
      .findUniqueOrThrow({ where: { code } })
      .then((st) => app.db.inspection.create({ data: { stationId: st.id, year: 2026, inspectedOn: '2026-10-20', ...data } }));
  await inspect(STATIONS.sanying, { standardisation: 18, professionalism: 17, openness: 19, management: 16, informatisation: 18 }); // 88
  await inspect(STATIONS.nanguan, { standardisation: 20, professionalism: 20, openness: 20, management: 20, informatisation: 20 }); // 100
  await inspect(STATIONS.jiqiang, { exempt: true, exemptReason: '城镇建设拆迁新建,暂不参评' });

  for (const username of ['ningxia', 'guyuan', 'yuanzhou', 'xiji']) {
    const r = await call(app, 'POST', '/api/auth/password', { json: { username, password: PASSWORD } });
    expect(r.status).toBe(200);
    tokens[username] = r.body.token;
  }
});
afterAll(() => app.close());

describe('GET /api/assessments/{year}', () => {
  it('scores 原州区’s township workstations from inspections and ratings', async () => {
    const r = await call(app, 'GET', '/api/assessments/2026?region=640402', { token: tokens.yuanzhou });
    expect(r.status).toBe(200);
    expect(r.body.region).toEqual({ code: '640402', name: '原州区', level: 'county' });
    expect(r.body.totals).toEqual({ ratings: 35, workstations: 2, staff: 4 });
    const [nanguan, sanying] = r.body.workstations;
    // 南关: n = 4, R = 60 → (240 + 10 × 79.714)/14 = 74.08; total 0.6 × 100 + 0.4 × 74.08 = 89.63 → 好
    expect(nanguan).toMatchObject({
      stationCode: STATIONS.nanguan,
      ratings: 4,
      meanPoints: 60,
      ratingScore: 74.1,
      inspectionTotal: 100,
      total: 89.6,
      band: 'good',
      status: 'scored',
    });
    expect(nanguan.township).toEqual({ code: '640402001', name: '南关街道' });
    // 三营 with its village room: n = 25, 1950 points → (1950 + 797.14)/35 = 78.49; 0.6 × 88 + 0.4 × 78.49 = 84.20 → 中
    expect(sanying).toMatchObject({
      stationCode: STATIONS.sanying,
      ratings: 25,
      meanPoints: 78,
      ratingScore: 78.5,
      inspectionTotal: 88,
      total: 84.2,
      band: 'fair',
      badReviews: 5,
    });
    // 满意率: 20 of 25 at levels 3–5; top-2: 20 of 25
    expect(sanying.satisfactionRate).toBeCloseTo(0.8, 10);
    expect(r.body.bulletin).toBe('经验收,全区2个乡镇(街道)公共法律服务工作站综合评分在86分(好)以上的1个,综合评分在60-85分(中)的1个。');
  });

  it('scores staff against the same role in the same city and ranks them', async () => {
    const r = await call(app, 'GET', '/api/assessments/2026?region=640402', { token: tokens.yuanzhou });
    // Lawyers of 固原市 in 2026: 马 20 ratings 1800, 李 10 ratings 840 → C = 2640/30 = 88.
    // 马: (1800 + 880)/30 = 89.33; 李: (840 + 880)/20 = 86.0. Mediators: 王 5 × 30, 张 (西吉) 5 × 80 → C = 55;
    // 王: (150 + 550)/15 = 46.67 → 差. 赵 has none this year.
    expect(r.body.staff.map((s: any) => [s.name, s.rank, s.ratings, s.score, s.band, s.status])).toEqual([
      ['马文清', 1, 20, 89.3, 'good', 'scored'],
      ['李海燕', 2, 10, 86, 'good', 'scored'],
      ['王建国', 3, 5, 46.7, 'poor', 'scored'],
      ['赵志刚', 4, 0, null, null, 'no_ratings'],
    ]);
    expect(r.body.staff[0].prior).toBe(88);
  });

  it('ranks a staff member with 3 ratings of 100 below one with 40 ratings averaging 95', async () => {
    const r = await call(app, 'GET', '/api/assessments/2025?region=6404', { token: tokens.guyuan });
    const lawyers = r.body.staff.filter((s: any) => s.role === 'lawyer');
    // C = (3800 + 300)/43 = 95.35; 马: (3800 + 953.5)/50 = 95.07 → 好; 李: 3 ratings → 样本不足, ranked after.
    expect(lawyers.slice(0, 2).map((s: any) => [s.name, s.ratings, s.meanPoints, s.score, s.band, s.status])).toEqual([
      ['马文清', 40, 95, 95.1, 'good', 'scored'],
      ['李海燕', 3, 100, 96.4, null, 'insufficient'],
    ]);
    expect(lawyers[0].rank).toBeLessThan(lawyers[1].rank);
  });

  it('lists an exempt (暂不参评) workstation without a band, and the city bulletin says so', async () => {
    const r = await call(app, 'GET', '/api/assessments/2026?region=6404', { token: tokens.guyuan });
    const jiqiang = r.body.workstations.find((w: any) => w.stationCode === STATIONS.jiqiang);
    expect(jiqiang).toMatchObject({ status: 'exempt', band: null, total: null, exemptReason: '城镇建设拆迁新建,暂不参评', ratingScore: 80 });
    expect(r.body.bulletin).toBe('经验收,全市3个乡镇(街道)公共法律服务工作站综合评分在86分(好)以上的1个,综合评分在60-85分(中)的1个,暂不参评1个。');
    expect(r.body.counties.map((c: any) => [c.region.name, c.workstations, c.good, c.fair, c.exempt, c.ratings, c.meanTotal])).toEqual([
      ['原州区', 2, 1, 1, 0, 35, 86.9],
      ['西吉县', 1, 0, 0, 1, 5, null],
    ]);
    expect(r.body.cities).toHaveLength(1);
    expect(r.body.cities[0]).toMatchObject({ workstations: 3, good: 1, fair: 1, exempt: 1, ratings: 40, meanTotal: 86.9 });
  });

  it('follows a policy the bureau set for the year and region', async () => {
    await app.db.assessmentPolicy.create({
      data: {
        year: 2026,
        regionCode: '6404',
        policyJson: JSON.stringify({
          points: { 5: 100, 4: 80, 3: 60, 2: 30, 1: 0 },
          priorWeight: 10,
          minRatings: 5,
          inspectionWeight: 0.6,
          ratingWeight: 0.4,
          bandGood: 90,
          bandFair: 85,
        }),
      },
    });
    const r = await call(app, 'GET', '/api/assessments/2026?region=640402', { token: tokens.yuanzhou });
    await app.db.assessmentPolicy.deleteMany({});
    expect(r.body.policy.bandGood).toBe(90);
    // 89.6 and 84.2 are now 中 and 差.
    expect(r.body.workstations.map((w: any) => w.band)).toEqual(['fair', 'poor']);
    expect(r.body.bulletin).toBe('经验收,全区2个乡镇(街道)公共法律服务工作站综合评分在85-89分(中)的1个,综合评分在85分(差)以下的1个。');
  });

  it.each([
    ['a county account asks for another county', 'yuanzhou', '/api/assessments/2026?region=640422', 403],
    ['a county account asks for its city', 'yuanzhou', '/api/assessments/2026?region=6404', 403],
    ['a city account asks for another city', 'guyuan', '/api/assessments/2026?region=6401', 403],
    ['the region account asks for any county', 'ningxia', '/api/assessments/2026?region=640422', 200],
    ['the city account asks for its county', 'guyuan', '/api/assessments/2026?region=640402', 200],
  ])('when %s (%s: %s), then %i', async (_what, user, path, status) => {
    const r = await call(app, 'GET', path, { token: tokens[user] });
    expect(r.status).toBe(status);
    if (status === 403) expect(r.body).toMatchObject({ code: 'forbidden', message: expect.stringContaining('辖区') });
  });

  it.each([
    ['no region', '/api/assessments/2026', 400],
    ['a malformed region', '/api/assessments/2026?region=abc', 400],
    ['an unknown region', '/api/assessments/2026?region=640499', 404],
    ['a township', '/api/assessments/2026?region=640402100', 400],
    ['a malformed year', '/api/assessments/twenty?region=6404', 400],
    ['a year in exponent notation', '/api/assessments/2.026e3?region=6404', 400],
    ['a year in hexadecimal', '/api/assessments/0x7EA?region=6404', 400],
    ['a year before the product', '/api/assessments/2017?region=6404', 400],
    ['a year not begun', '/api/assessments/2027?region=6404', 400],
    ['an unknown format', '/api/assessments/2026?region=6404&format=pdf', 400],
    ['a repeated parameter', '/api/assessments/2026?region=6404&region=6401', 400],
  ])('when it asks with %s (%s), then %i with a message', async (_what, path, status) => {
    const r = await call(app, 'GET', path, { token: tokens.ningxia });
    expect(r.status).toBe(status);
    expect(r.body.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('refuses residents and strangers', async () => {
    expect((await call(app, 'GET', '/api/assessments/2026?region=6404')).status).toBe(401);
    const resident = await call(app, 'POST', '/api/auth/device', { json: { deviceId: 'abcdefghijklmnop' } });
    expect((await call(app, 'GET', '/api/assessments/2026?region=6404', { token: resident.body.token })).status).toBe(403);
  });

  it('gives the same rows as a CSV file and an xlsx workbook', async () => {
    const csv = await call(app, 'GET', '/api/assessments/2026?region=640402&format=csv', { token: tokens.yuanzhou });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    expect(csv.body).toContain('南关街道公共法律服务工作站');
    expect(csv.body).toContain('89.6');

    const staffCsv = await call(app, 'GET', '/api/assessments/2026?region=640402&format=csv&table=staff', { token: tokens.yuanzhou });
    expect(staffCsv.body).toContain('马文清');

    const xlsx = await call(app, 'GET', '/api/assessments/2026?region=640402&format=xlsx', { token: tokens.yuanzhou });
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body);
    expect(wb.worksheets.map((w) => w.name).slice(0, 3)).toEqual(['乡镇(街道)工作站', '人员', '区县汇总']);
    expect(wb.getWorksheet('乡镇(街道)工作站')!.actualRowCount).toBe(3);
    expect(wb.getWorksheet('人员')!.actualRowCount).toBe(5);
  });
});

describe('GET /api/assessments/{year}: rows stay within the scope asked for', () => {
  const get = (user: string, region: string, format = 'json', table = 'workstations') =>
    call(app, 'GET', `/api/assessments/2026?region=${region}&format=${format}&table=${table}`, { token: tokens[user] });

  /** Every { code, name } object anywhere in the body, with where it was found. */
  function namedRegions(value: unknown, at = '$'): { at: string; code: unknown; name: unknown }[] {
    if (Array.isArray(value)) return value.flatMap((v, i) => namedRegions(v, `${at}[${i}]`));
    if (value === null || typeof value !== 'object') return [];
    const o = value as Record<string, unknown>;
    const own = 'code' in o && 'name' in o ? [{ at, code: o.code, name: o.name }] : [];
    return [...own, ...Object.entries(o).flatMap(([k, v]) => namedRegions(v, `${at}.${k}`))];
  }

  it('when a county asks, then it has its own county row and no city row holding its figures', async () => {
    const r = await get('yuanzhou', '640402');
    expect(r.status).toBe(200);
    expect(r.body.cities).toEqual([]);
    expect(r.body.counties.map((c: any) => [c.region, c.workstations, c.ratings])).toEqual([[{ code: '640402', name: '原州区', level: 'county' }, 2, 35]]);
  });

  it('when a city asks, then its one city row counts every workstation of the city', async () => {
    const r = await get('guyuan', '6404');
    // 南关 and 三营 (原州区) and 吉强 (西吉县).
    expect(r.body.cities.map((c: any) => [c.region, c.workstations])).toEqual([[{ code: '6404', name: '固原市', level: 'city' }, 3]]);
    expect(r.body.counties.map((c: any) => c.region.code)).toEqual(['640402', '640422']);
  });

  it('when the region asks, then every city has a row', async () => {
    const r = await get('ningxia', '64');
    expect(r.body.cities.map((c: any) => [c.region.name, c.workstations])).toEqual([
      ['银川市', 0],
      ['固原市', 3],
    ]);
  });

  it.each([
    ['yuanzhou', '640402'],
    ['guyuan', '6404'],
    ['ningxia', '64'],
  ])('when %s asks for %s, then every region in the answer is named, never by a bare code', async (user, region) => {
    const r = await get(user, region);
    expect(r.status).toBe(200);
    const found = namedRegions(r.body);
    expect(found.length).toBeGreaterThan(5);
    const unnamed = found.filter((f) => typeof f.name !== 'string' || f.name === '' || /^\d+$/.test(f.name));
    expect(unnamed).toEqual([]);
  });

  it('when a county asks, then its bulletin says 全区 and counts only its own workstations', async () => {
    const r = await get('yuanzhou', '640402');
    expect(r.body.bulletin).toMatch(/^经验收,全区2个乡镇\(街道\)/);
    expect(r.body.counties[0].bulletin).toBe(r.body.bulletin);
    expect(r.body.staff.every((s: any) => s.city.name === '固原市' && s.county.name === '原州区')).toBe(true);
  });

  it('when a county exports, then neither the CSV rollup table nor the workbook has a city row', async () => {
    const csv = await get('yuanzhou', '640402', 'csv', 'counties');
    expect(csv.status).toBe(200);
    const lines = (csv.body as string)
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean);
    expect(lines[0]!.split(',').slice(0, 3)).toEqual(['层级', '行政区划', '行政区划代码']);
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3))).toEqual([['县(区)', '原州区', '640402']]);

    const xlsx = await get('yuanzhou', '640402', 'xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body);
    const rollups = wb.getWorksheet('区县汇总')!;
    const codes: unknown[] = [];
    rollups.eachRow((row, i) => i > 1 && codes.push(row.getCell(3).value));
    expect(codes).toEqual(['640402']);
    const cells: unknown[] = [];
    for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((cell) => cells.push(cell.value)));
    expect(cells).not.toContain('6404');
  });
});

describe('GET /api/assessments/{year} when a region has no name in the database', () => {
  it('then it fails with a 500 instead of printing the code as a name', async () => {
    await app.db.region.update({ where: { code: '640402001' }, data: { name: '' } });
    try {
      const r = await call(app, 'GET', '/api/assessments/2026?region=640402', { token: tokens.yuanzhou });
      expect(r.status).toBe(500);
      expect(r.body.code).toBe('internal');
    } finally {
      await app.db.region.update({ where: { code: '640402001' }, data: { name: '南关街道' } });
    }
  });
});
