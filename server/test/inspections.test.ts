/**
 * Issue 11, part 6 (验收): a bureau lists its township workstations with the year's inspections,
 * records one (five aspects, or 暂不参评 with a reason), corrects it; the year-end reads it at once,
 * and the audit log keeps what it was before. Through the API, on the hand-made fixtures.
 */
import { CODES, PASSWORD, seedFixtures, STATIONS } from './support/fixtures';
import { call, startTestApp, type TestApp } from './support/harness';

let app: TestApp;
const token: Record<string, string> = {};
const SCORES = { standardisation: 18, professionalism: 17.5, openness: 19, management: 16, informatisation: 15 };

beforeAll(async () => {
  app = await startTestApp();
  app.setNow('2026-06-15T04:00:00Z');
  await seedFixtures(app.db);
  for (const username of ['yuanzhou', 'xiji', 'guyuan']) {
    const r = await call(app, 'POST', '/api/auth/password', { json: { username, password: PASSWORD } });
    token[username] = r.body.token;
  }
});
afterAll(() => app.close());

const record = (who: string, body: unknown, code: string = STATIONS.sanying) =>
  call(app, 'PUT', `/api/stations/${code}/inspections/2026`, { token: token[who], json: body });
const sanyingRow = async () => {
  const r = await call(app, 'GET', `/api/assessments/2026?region=${CODES.yuanzhou}`, { token: token.yuanzhou });
  expect(r.status).toBe(200);
  return (r.body.workstations as Array<{ stationCode: string; inspectionTotal: number | null; status: string; exemptReason: string | null }>).find(
    (w) => w.stationCode === STATIONS.sanying,
  )!;
};

describe('inspections (验收)', () => {
  it('lists the township workstations of the region with none inspected yet (未验收), nothing of a village room or another county', async () => {
    const r = await call(app, 'GET', `/api/inspections/2026?region=${CODES.yuanzhou}`, { token: token.yuanzhou });
    expect(r.status).toBe(200);
    expect(r.body.stations.map((s: { code: string }) => s.code)).toEqual([STATIONS.nanguan, STATIONS.sanying]);
    expect(r.body.stations[1]).toMatchObject({
      name: '三营镇公共法律服务工作站',
      tier: 'township_workstation',
      township: { name: '三营镇' },
      county: { name: '原州区' },
      inspection: null,
    });
  });

  it('records five aspects: the year-end shows their sum at once, and the audit log says who recorded what', async () => {
    const r = await record('yuanzhou', { exempt: false, scores: SCORES, inspectedOn: '2026-06-10', notes: '  台账齐全,公示栏缺电话  ' });
    expect(r.status).toBe(200);
    expect(r.body.inspection).toEqual({
      scores: SCORES,
      total: 85.5,
      exempt: false,
      exemptReason: null,
      inspectedOn: '2026-06-10',
      notes: '台账齐全,公示栏缺电话',
    });
    expect((await sanyingRow()).inspectionTotal).toBe(85.5);
    const audit = await app.db.auditLog.findMany({ where: { subject: `inspection:${STATIONS.sanying}:2026` } });
    expect(audit).toEqual([expect.objectContaining({ username: 'yuanzhou', action: 'inspection.record', regionCode: CODES.yuanzhou, beforeJson: null })]);
    expect(JSON.parse(audit[0]!.afterJson!)).toMatchObject({ ...SCORES, exempt: false });
  });

  it('corrects it: the new total replaces the old, and the audit log keeps the old one as before', async () => {
    const r = await record('guyuan', { exempt: false, scores: { ...SCORES, openness: 20 }, inspectedOn: '2026-06-12' });
    expect(r.status).toBe(200);
    expect(r.body.inspection).toMatchObject({ total: 86.5, notes: null });
    expect((await sanyingRow()).inspectionTotal).toBe(86.5);
    expect(await app.db.inspection.count({ where: { year: 2026 } })).toBe(1);
    const last = await app.db.auditLog.findFirstOrThrow({ where: { subject: `inspection:${STATIONS.sanying}:2026` }, orderBy: { id: 'desc' } });
    expect(last).toMatchObject({ username: 'guyuan', action: 'inspection.correct' });
    expect(JSON.parse(last.beforeJson!)).toMatchObject({ openness: 19, inspectedOn: '2026-06-10' });
    expect(JSON.parse(last.afterJson!)).toMatchObject({ openness: 20, inspectedOn: '2026-06-12' });
  });

  it('records 暂不参评 with its reason: no scores, and the year-end shows the township as not taking part, with why', async () => {
    const r = await record('yuanzhou', { exempt: true, exemptReason: '站点装修搬迁', inspectedOn: '2026-06-20' });
    expect(r.status).toBe(200);
    expect(r.body.inspection).toMatchObject({ exempt: true, exemptReason: '站点装修搬迁', total: null, scores: { openness: null } });
    expect(await sanyingRow()).toMatchObject({ inspectionTotal: null, exemptReason: '站点装修搬迁' });
  });

  it('when the station is in another county, then 403 and nothing is written; a village room is 409; an unknown station 404', async () => {
    const audit = await app.db.auditLog.count();
    const before = JSON.stringify(await app.db.inspection.findMany());
    expect((await record('xiji', { exempt: false, scores: SCORES, inspectedOn: '2026-06-10' })).status).toBe(403);
    expect((await record('yuanzhou', { exempt: false, scores: SCORES, inspectedOn: '2026-06-10' }, STATIONS.jiqiang)).status).toBe(403);
    expect((await record('yuanzhou', { exempt: false, scores: SCORES, inspectedOn: '2026-06-10' }, STATIONS.dongyuan)).status).toBe(409);
    expect((await record('yuanzhou', { exempt: false, scores: SCORES, inspectedOn: '2026-06-10' }, 'T640402999')).status).toBe(404);
    const wrongYear = await record('yuanzhou', { exempt: false, scores: SCORES, inspectedOn: '2025-12-30' });
    expect(wrongYear.status).toBe(400);
    expect(wrongYear.body.details).toEqual([{ path: 'inspectedOn', message: '验收日期应在 2026 年内' }]);
    expect(await app.db.auditLog.count()).toBe(audit);
    expect(JSON.stringify(await app.db.inspection.findMany())).toBe(before);
  });

  it('when a county asks for another county’s list, then 403', async () => {
    expect((await call(app, 'GET', `/api/inspections/2026?region=${CODES.yuanzhou}`, { token: token.xiji })).status).toBe(403);
  });
});
