/**
 * Issue 11, part 4 (stations): a bureau renames, suspends, closes and reopens a station of its
 * jurisdiction, and adds a village's 工作室 when a village is added; each change audited, nothing
 * outside the jurisdiction. Through the API, on the hand-made fixtures.
 */
import { CODES, PASSWORD, ratingBody, seedFixtures, STATIONS } from './support/fixtures';
import { call, startTestApp, type TestApp } from './support/harness';

let app: TestApp;
let fx: Awaited<ReturnType<typeof seedFixtures>>;
const token: Record<string, string> = {};

beforeAll(async () => {
  app = await startTestApp();
  app.setNow('2026-06-15T04:00:00Z');
  fx = await seedFixtures(app.db);
  for (const username of ['yuanzhou', 'xiji'])
    token[username] = (await call(app, 'POST', '/api/auth/password', { json: { username, password: PASSWORD } })).body.token;
});
afterAll(() => app.close());

const patch = (code: string, body: unknown, who = 'yuanzhou') => call(app, 'PATCH', `/api/stations/${code}`, { token: token[who], json: body });

describe('station management (站点管理)', () => {
  it('renames a station and suspends it: residents can no longer rate there; reopened, they can; each step audited', async () => {
    const renamed = await patch(STATIONS.sanying, { name: '三营镇公共法律服务工作站(新址)', reason: '搬迁' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toEqual({
      code: STATIONS.sanying,
      name: '三营镇公共法律服务工作站(新址)',
      tier: 'township_workstation',
      status: 'active',
      regionCode: CODES.sanying,
      countyCode: CODES.yuanzhou,
      townshipCode: CODES.sanying,
    });
    expect((await patch(STATIONS.sanying, { status: 'suspended', reason: '装修' })).body.status).toBe('suspended');
    const resident = await call(app, 'POST', '/api/auth/device', { json: { deviceId: 'station-admin-device-01' } });
    expect((await call(app, 'POST', '/api/ratings', { token: resident.body.token, json: ratingBody(fx) })).status).not.toBe(201);
    expect((await patch(STATIONS.sanying, { status: 'active', reason: '装修完成' })).body.status).toBe('active');
    expect((await call(app, 'POST', '/api/ratings', { token: resident.body.token, json: ratingBody(fx) })).status).toBe(201);
    const audit = await app.db.auditLog.findMany({ where: { subject: `station:${STATIONS.sanying}` }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => [a.action, a.reason, JSON.parse(a.afterJson!).status])).toEqual([
      ['station.update', '搬迁', 'active'],
      ['station.update', '装修', 'suspended'],
      ['station.update', '装修完成', 'active'],
    ]);
  });

  it('refuses another county’s station, an unknown one, and an update without a change or a reason (nothing written)', async () => {
    const before = await app.db.auditLog.count();
    expect((await patch(STATIONS.sanying, { status: 'closed', reason: '撤并' }, 'xiji')).status).toBe(403);
    expect((await patch('T640402999', { status: 'closed', reason: '撤并' })).status).toBe(404);
    expect((await patch(STATIONS.sanying, { reason: '无' })).status).toBe(400);
    expect((await patch(STATIONS.sanying, { status: 'closed' })).status).toBe(400);
    expect((await patch(STATIONS.sanying, { status: 'active', reason: '同状态' })).status).toBe(200);
    expect(await app.db.auditLog.count()).toBe(before);
    expect((await app.db.station.findUniqueOrThrow({ where: { code: STATIONS.sanying } })).status).toBe('active');
  });

  it('adds a new village to 三营镇 with its 工作室, named as the division import names rooms', async () => {
    const r = await call(app, 'POST', '/api/stations', {
      token: token.yuanzhou,
      json: { village: '640402100201', villageName: '新庄村委会', reason: '新设行政村' },
    });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({
      code: 'V640402100201',
      name: '新庄村公共法律服务工作室',
      tier: 'village_room',
      status: 'active',
      regionCode: '640402100201',
      countyCode: CODES.yuanzhou,
      townshipCode: CODES.sanying,
    });
    expect(await app.db.region.findUniqueOrThrow({ where: { code: '640402100201' } })).toMatchObject({
      level: 'village',
      parentCode: CODES.sanying,
      townshipCode: CODES.sanying,
    });
    const view = await call(app, 'GET', '/api/stations/V640402100201');
    expect(view.body.path.map((p: { name: string }) => p.name)).toEqual(['固原市', '原州区', '三营镇', '新庄村委会']);
    expect((await app.db.auditLog.findFirstOrThrow({ where: { action: 'station.create' } })).reason).toBe('新设行政村');
  });

  it('gives a listed village its missing room, and refuses a second room, another county’s township, a code outside a township, a new village without a name', async () => {
    await app.db.region.create({
      data: {
        code: '640402100202',
        name: '红崖村委会',
        level: 'village',
        parentCode: CODES.sanying,
        provinceCode: '64',
        cityCode: '6404',
        countyCode: '640402',
        townshipCode: CODES.sanying,
      },
    });
    const made = await call(app, 'POST', '/api/stations', { token: token.yuanzhou, json: { village: '640402100202', reason: '补设工作室' } });
    expect(made.body.name).toBe('红崖村公共法律服务工作室');
    const regions = await app.db.region.count();
    const stations = await app.db.station.count();
    expect((await call(app, 'POST', '/api/stations', { token: token.yuanzhou, json: { village: '640402100202', reason: '再设' } })).status).toBe(409);
    expect(
      (await call(app, 'POST', '/api/stations', { token: token.yuanzhou, json: { village: '640422100201', villageName: '某村委会', reason: 'x' } })).status,
    ).toBe(403);
    expect(
      (await call(app, 'POST', '/api/stations', { token: token.yuanzhou, json: { village: '640402999201', villageName: '某村委会', reason: 'x' } })).status,
    ).toBe(400);
    expect((await call(app, 'POST', '/api/stations', { token: token.yuanzhou, json: { village: '640402100203', reason: 'x' } })).status).toBe(400);
    expect([await app.db.region.count(), await app.db.station.count()]).toEqual([regions, stations]);
  });
});
