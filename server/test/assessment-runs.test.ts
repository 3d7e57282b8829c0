/**
 * Issue 13, parts 3 and 4: the year's policy per region and city, its preview, and the published
 * year-end. A published run is immutable (every write to its inputs leaves it as it was, and the
 * database refuses to edit or delete it); a correction is revision 2 with its reason, the first still
 * downloadable (both read back with exceljs: they differ by the excluded rating); a preview under a
 * draft policy is exactly the publish under that policy (the same digest); a published year fixes
 * its policy.
 */
import { DEFAULT_POLICY } from '@plsr/shared/scoring';
import { CODES, PASSWORD, seedFixtures, STATIONS } from './support/fixtures';
import { holdRatings } from './support/review';
import { xlsxRows } from './support/xlsx';
import { call, startTestApp, type TestApp } from './support/harness';

let app: TestApp;
let fx: Awaited<ReturnType<typeof seedFixtures>>;
/** 马文清's counted ratings at 三营镇 (ten: scored), and 张秀英's at 吉强镇 (six). */
let maRatings: number[] = [];

const login = async (username: string) => (await call(app, 'POST', '/api/auth/password', { json: { username, password: PASSWORD } })).body.token as string;
const publish = async (who: string, json: Record<string, unknown>) => call(app, 'POST', '/api/assessment-runs', { token: await login(who), json });
const runJson = async (id: number, region: string = CODES.province) =>
  call(app, 'GET', `/api/assessment-runs/${id}?region=${region}`, { token: await login('ningxia') });

/** The 人员 sheet of a downloaded xlsx, as rows of cell values keyed by header. */
async function staffSheet(id: number): Promise<Record<string, unknown>[]> {
  const r = await call(app, 'GET', `/api/assessment-runs/${id}?region=${CODES.province}&format=xlsx`, { token: await login('ningxia') });
  expect(r.status).toBe(200);
  return xlsxRows(r.body, '人员');
}

beforeAll(async () => {
  app = await startTestApp();
  app.setNow('2026-12-28T02:00:00Z');
  fx = await seedFixtures(app.db);
  const ma = await holdRatings(app.db, { station: fx.stations.sanying, staffId: fx.staff.lawyerMa.id, count: 10, level: 4, serviceDate: '2026-06-15' });
  const zhang = await holdRatings(app.db, { station: fx.stations.jiqiang, staffId: fx.staff.mediatorZhang.id, count: 6, level: 5, serviceDate: '2026-06-16' });
  await app.db.rating.updateMany({ where: { id: { in: [...ma.ratingIds, ...zhang.ratingIds] } }, data: { status: 'valid' } });
  maRatings = ma.ratingIds;
  const inspection = {
    exempt: false,
    scores: { standardisation: 18, professionalism: 17, openness: 19, management: 16, informatisation: 15 },
    inspectedOn: '2026-06-14',
  };
  expect((await call(app, 'PUT', `/api/stations/${STATIONS.sanying}/inspections/2026`, { token: await login('yuanzhou'), json: inspection })).status).toBe(200);
});
afterAll(() => app.close());

describe('publishing the year-end', () => {
  let first = 0;

  it('is the region’s for the region and a city’s for its city; nobody else’s', async () => {
    expect((await publish('yuanzhou', { year: 2026, region: CODES.yuanzhou })).status).toBe(403);
    expect((await publish('guyuan', { year: 2026, region: CODES.province })).status).toBe(403);
    expect((await publish('ningxia', { year: 2026, region: CODES.city })).status).toBe(403);
    expect((await publish('ningxia', { year: 2027, region: CODES.province })).status).toBe(400);
    expect(await app.db.assessmentRun.count()).toBe(0);
  });

  it('freezes the year-end as computed: policy, inputs’ counts, every score; revision 1', async () => {
    const live = await call(app, 'GET', `/api/assessments/2026?region=${CODES.province}`, { token: await login('ningxia') });
    const r = await publish('ningxia', { year: 2026, region: CODES.province });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      year: 2026,
      scope: { code: CODES.province, level: 'province' },
      revision: 1,
      reason: null,
      publishedBy: 'ningxia',
      inputs: { ratings: 16, inspected: 1, appealsUpheld: 0 },
      changes: [],
      changeCount: 0,
    });
    first = r.body.id;
    const frozen = await runJson(first);
    expect(frozen.body.publication).toMatchObject({ runId: first, revision: 1, reason: null, publishedBy: 'ningxia', scope: { code: CODES.province } });
    // The same figures the live year-end gave at that moment.
    const { generatedAt: _a, publication: _p, ...liveRest } = live.body;
    const { generatedAt: _b, publication: _q, ...frozenRest } = frozen.body;
    expect(frozenRest).toEqual(liveRest);
    // Nothing changed: no second revision.
    const again = await publish('ningxia', { year: 2026, region: CODES.province, reason: '再发一次' });
    expect([again.status, again.body.message]).toEqual([409, '与已发布的第 1 版相比没有任何变化,无需发布修订版']);
  });

  it('is immutable: every write to its inputs leaves it as it was, and the database refuses to edit or delete it', async () => {
    const before = (await runJson(first)).body;
    const sheetBefore = await staffSheet(first);
    // A new rating, a changed inspection, a rating excluded, a new staff member, the policy of a city.
    await holdRatings(app.db, { station: fx.stations.sanying, staffId: fx.staff.lawyerMa.id, count: 3, level: 1, serviceDate: '2026-07-01' }).then((h) =>
      app.db.rating.updateMany({ where: { id: { in: h.ratingIds } }, data: { status: 'valid' } }),
    );
    await call(app, 'PUT', `/api/stations/${STATIONS.sanying}/inspections/2026`, {
      token: await login('yuanzhou'),
      json: {
        exempt: false,
        scores: { standardisation: 10, professionalism: 10, openness: 10, management: 10, informatisation: 10 },
        inspectedOn: '2026-06-20',
      },
    });
    await app.db.rating.update({ where: { id: maRatings[0] }, data: { status: 'excluded' } });
    await app.db.staff.update({ where: { id: fx.staff.lawyerMa.id }, data: { name: '马文清(改名)' } });
    expect((await runJson(first)).body).toEqual(before);
    expect(await staffSheet(first)).toEqual(sheetBefore);
    // The triggers' own words on PostgreSQL; the SQLite adapter reports any trigger's abort as a constraint.
    await expect(app.db.assessmentRun.update({ where: { id: first }, data: { reason: '悄悄改' } })).rejects.toThrow(/immutable|constraint/i);
    await expect(app.db.assessmentRun.delete({ where: { id: first } })).rejects.toThrow(/immutable|constraint/i);
    expect(await app.db.assessmentRun.findUniqueOrThrow({ where: { id: first } })).toMatchObject({ reason: null, revision: 1 });
    expect((await runJson(first)).body).toEqual(before);
    // Put back what the next test counts on.
    await app.db.rating.update({ where: { id: maRatings[0] }, data: { status: 'valid' } });
    await app.db.staff.update({ where: { id: fx.staff.lawyerMa.id }, data: { name: '马文清' } });
    await app.db.rating.updateMany({ where: { level: 1 }, data: { status: 'withdrawn' } });
    await call(app, 'PUT', `/api/stations/${STATIONS.sanying}/inspections/2026`, {
      token: await login('yuanzhou'),
      json: {
        exempt: false,
        scores: { standardisation: 18, professionalism: 17, openness: 19, management: 16, informatisation: 15 },
        inspectedOn: '2026-06-14',
      },
    });
  });

  it('is corrected by revision 2 with its reason; both revisions stay downloadable and differ by the excluded rating', async () => {
    const appeal = await app.db.appeal.create({
      data: { ratingId: maRatings[1]!, staffId: fx.staff.lawyerMa.id, countyCode: CODES.yuanzhou, reason: '不是我办的', createdAt: new Date() },
    });
    expect(
      (await call(app, 'POST', `/api/appeals/${appeal.id}/decision`, { token: await login('yuanzhou'), json: { decision: 'uphold', reason: '值班表证实' } }))
        .status,
    ).toBe(200);

    const noReason = await publish('ningxia', { year: 2026, region: CODES.province });
    expect([noReason.status, noReason.body.message]).toEqual([400, '2026 年度已发布第 1 版,发布修订版须写明原因']);
    const second = await publish('ningxia', { year: 2026, region: CODES.province, reason: '马文清的申诉成立,剔除一条评价' });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ revision: 2, reason: '马文清的申诉成立,剔除一条评价', inputs: { ratings: 15, appealsUpheld: 1 } });
    const ma = String(fx.staff.lawyerMa.id);
    expect(second.body.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'staff', key: ma, field: 'ratings', before: 10, after: 9 }),
        expect.objectContaining({ kind: 'workstation', key: STATIONS.sanying, field: 'ratings', before: 10, after: 9 }),
      ]),
    );
    // Level 4 ratings only: his mean and score stay, so the excluded rating is all that moved.
    expect(second.body.changes.filter((c: { kind: string; key: string }) => c.kind === 'staff' && c.key !== ma)).toEqual([]);

    const list = await call(app, 'GET', `/api/assessment-runs?year=2026&region=${CODES.yuanzhou}`, { token: await login('yuanzhou') });
    expect(list.body.runs.map((r: { revision: number; reason: string | null }) => [r.revision, r.reason])).toEqual([
      [2, '马文清的申诉成立,剔除一条评价'],
      [1, null],
    ]);
    const sheet1 = await staffSheet(first);
    const sheet2 = await staffSheet(second.body.id);
    const row = (sheet: Record<string, unknown>[]) => sheet.find((r) => r['姓名'] === '马文清')!;
    expect(row(sheet1)['评价数']).toBe(10);
    expect(row(sheet2)['评价数']).toBe(9);
    const { ['评价数']: _x, ...rest1 } = row(sheet1);
    const { ['评价数']: _y, ...rest2 } = row(sheet2);
    expect(rest2).toEqual(rest1);
    expect(sheet2.filter((r) => r['姓名'] !== '马文清')).toEqual(sheet1.filter((r) => r['姓名'] !== '马文清'));
    // The filename says which revision; the notes sheet says why.
    const file = await call(app, 'GET', `/api/assessment-runs/${second.body.id}?region=${CODES.province}&format=xlsx`, { token: await login('ningxia') });
    expect(decodeURIComponent(file.headers.get('content-disposition') ?? '')).toContain('公共法律服务评价_第2版.xlsx');
  });

  it('is read from a county inside it as that county’s part, with its bulletin', async () => {
    const runs = await app.db.assessmentRun.findMany({ orderBy: { id: 'asc' } });
    const county = await call(app, 'GET', `/api/assessment-runs/${runs[1]!.id}?region=${CODES.yuanzhou}`, { token: await login('yuanzhou') });
    expect(county.status).toBe(200);
    expect(county.body.region).toMatchObject({ code: CODES.yuanzhou, level: 'county' });
    expect(county.body.bulletin).toMatch(/^经验收,全区/);
    expect(county.body.workstations.every((w: { county: { code: string } }) => w.county.code === CODES.yuanzhou)).toBe(true);
    expect(county.body.publication).toMatchObject({ revision: 2, scope: { code: CODES.province } });
    // Another county's run view is not its to read.
    expect((await call(app, 'GET', `/api/assessment-runs/${runs[1]!.id}?region=${CODES.xiji}`, { token: await login('yuanzhou') })).status).toBe(403);
    expect((await call(app, 'GET', `/api/assessment-runs/${runs[1]!.id}?region=${CODES.sanying}`, { token: await login('yuanzhou') })).status).toBe(400);
  });
});

describe('the policy of a year', () => {
  const draft = { ...DEFAULT_POLICY, bandGood: 90, minRatings: 3 };

  it('is set by a city for its city; the region cannot set a city’s, nor a county anything', async () => {
    const put = async (who: string, region: string) =>
      call(app, 'PUT', `/api/policies/2026?region=${region}`, { token: await login(who), json: { policy: draft, reason: '试行新的分数线' } });
    expect((await put('ningxia', CODES.city)).status).toBe(403);
    expect((await put('yuanzhou', CODES.city)).status).toBe(403);
    expect((await put('xiji', CODES.xiji)).status).toBe(403);
    const view = await call(app, 'GET', `/api/policies/2026?region=${CODES.city}`, { token: await login('guyuan') });
    // The region published 2026: every policy under it is fixed.
    expect(view.body).toMatchObject({ source: null, editable: false, fixed: { scope: { code: CODES.province }, revision: 1 } });
    const refused = await put('guyuan', CODES.city);
    expect([refused.status, refused.body.message]).toEqual([409, '2026 年度的考核结果已发布(第 1 版),当年的考核政策不能再修改']);
    expect(await app.db.assessmentPolicy.count()).toBe(0);
  });

  it('previews exactly what a publish under it gives (2025: not published)', async () => {
    // 2025's ratings: 马文清 four 满意 and one 一般 at 三营镇, 张秀英 three 非常满意 at 吉强镇.
    const ma = await holdRatings(app.db, { station: fx.stations.sanying, staffId: fx.staff.lawyerMa.id, count: 4, level: 4, serviceDate: '2025-05-10' });
    const ma3 = await holdRatings(app.db, { station: fx.stations.sanying, staffId: fx.staff.lawyerMa.id, count: 1, level: 3, serviceDate: '2025-05-11' });
    const zhang = await holdRatings(app.db, {
      station: fx.stations.jiqiang,
      staffId: fx.staff.mediatorZhang.id,
      count: 3,
      level: 5,
      serviceDate: '2025-05-12',
    });
    await app.db.rating.updateMany({ where: { id: { in: [...ma.ratingIds, ...ma3.ratingIds, ...zhang.ratingIds] } }, data: { status: 'valid' } });
    const city = await login('guyuan');

    const preview = await call(app, 'POST', `/api/policies/2025/preview?region=${CODES.city}`, { token: city, json: { policy: draft } });
    expect(preview.status).toBe(200);
    // Under the defaults 张秀英 has too few ratings (3 < 5); under the draft (3) she is scored.
    expect(preview.body.current.staff.unbanded).toBeGreaterThan(preview.body.draft.staff.unbanded);
    expect(preview.body.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'staff', key: String(fx.staff.mediatorZhang.id), field: 'status', before: 'insufficient', after: 'scored' }),
      ]),
    );
    // A preview writes nothing.
    expect(await app.db.assessmentPolicy.count()).toBe(0);

    const set = await call(app, 'PUT', `/api/policies/2025?region=${CODES.city}`, { token: city, json: { policy: draft, reason: '试行新的分数线' } });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ source: { code: CODES.city }, editable: true, fixed: null, policy: { bandGood: 90, minRatings: 3 } });
    expect(await app.db.auditLog.count({ where: { action: 'policy.set', regionCode: CODES.city } })).toBe(1);
    // A county of the city follows it.
    expect((await call(app, 'GET', `/api/assessments/2025?region=${CODES.yuanzhou}`, { token: await login('yuanzhou') })).body.policy).toMatchObject({
      bandGood: 90,
    });

    const published = await call(app, 'POST', '/api/assessment-runs', { token: city, json: { year: 2025, region: CODES.city } });
    expect(published.status).toBe(201);
    expect(published.body.digest).toBe(preview.body.draftDigest);
    const frozen = await call(app, 'GET', `/api/assessment-runs/${published.body.id}?region=${CODES.city}`, { token: city });
    const bands = (band: string) => frozen.body.staff.filter((s: { band: string | null }) => s.band === band).length;
    expect({ good: bands('good'), fair: bands('fair'), poor: bands('poor') }).toEqual({
      good: preview.body.draft.staff.good,
      fair: preview.body.draft.staff.fair,
      poor: preview.body.draft.staff.poor,
    });
    expect(frozen.body.bulletin).toBe(preview.body.draft.bulletin);
    // And now it is fixed.
    expect(
      (await call(app, 'PUT', `/api/policies/2025?region=${CODES.city}`, { token: city, json: { policy: DEFAULT_POLICY, reason: '改回默认' } })).status,
    ).toBe(409);
  });
});
