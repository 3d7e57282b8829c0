import { randomUUID } from 'node:crypto';
import { call, startTestApp, type TestApp } from './support/harness';
import { seedFixtures, STATIONS } from './support/fixtures';

let app: TestApp;
let fx: Awaited<ReturnType<typeof seedFixtures>>;

beforeAll(async () => {
  app = await startTestApp();
  fx = await seedFixtures(app.db);
});
beforeEach(() => app.setNow('2026-06-15T04:00:00Z')); // 12:00 in Beijing
afterAll(() => app.close());

async function residentToken(deviceId = `device-${randomUUID()}`): Promise<string> {
  const r = await call(app, 'POST', '/api/auth/device', { json: { deviceId } });
  expect(r.status).toBe(200);
  return r.body.token;
}

const rating = (over: Record<string, unknown> = {}) => ({
  clientRequestId: randomUUID(),
  stationCode: STATIONS.sanying,
  staffId: fx.staff.lawyerMa.id,
  serviceType: 'consultation',
  level: 4,
  raterType: 'individual',
  ...over,
});

describe('POST /api/ratings', () => {
  it('when a resident rates a lawyer, then it is stored for the Beijing service day and shown back to them', async () => {
    app.setNow('2026-06-15T04:00:00Z');
    const token = await residentToken();
    const r = await call(app, 'POST', '/api/ratings', { token, json: rating({ comment: '  讲解很耐心  ', dimensions: { attitude: 5 } }) });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      station: { code: STATIONS.sanying, name: '三营镇公共法律服务工作站' },
      staff: { id: fx.staff.lawyerMa.id, name: '马文清', role: 'lawyer' },
      level: 4,
      comment: '讲解很耐心',
      dimensions: { attitude: 5, competence: null, efficiency: null },
      serviceDate: '2026-06-15',
      status: 'valid',
      revision: 1,
    });
    const stored = await app.db.rating.findUniqueOrThrow({ where: { id: r.body.id } });
    expect(stored).toMatchObject({ serviceYear: 2026, countyCode: '640402', cityCode: '6404', townshipCode: '640402100' });
  });

  it('when a rating is made at 2026-12-31 23:30 Beijing time, then it counts in 2026; at 2027-01-01 00:10, in 2027', async () => {
    app.setNow('2026-12-31T15:30:00Z'); // 23:30 in Beijing
    const token = await residentToken();
    const late = await call(app, 'POST', '/api/ratings', { token, json: rating() });
    app.setNow('2026-12-31T16:10:00Z'); // 00:10 on 1 January in Beijing
    const early = await call(app, 'POST', '/api/ratings', { token, json: rating() });
    expect([late.status, early.status]).toEqual([201, 201]);
    expect(late.body.serviceDate).toBe('2026-12-31');
    expect(early.body.serviceDate).toBe('2027-01-01');
    const rows = await app.db.rating.findMany({ where: { id: { in: [late.body.id, early.body.id] } }, orderBy: { id: 'asc' } });
    expect(rows.map((x) => x.serviceYear)).toEqual([2026, 2027]);
  });

  it('when the client retries with the same client request id, then one rating is stored and the same one returned', async () => {
    const token = await residentToken();
    const body = rating({ staffId: fx.staff.mediatorWang.id, serviceType: 'mediation', level: 5 });
    const before = await app.db.rating.count();
    const first = await call(app, 'POST', '/api/ratings', { token, json: body });
    const again = await call(app, 'POST', '/api/ratings', { token, json: body });
    const parallel = await Promise.all([1, 2, 3].map(() => call(app, 'POST', '/api/ratings', { token, json: body })));
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    for (const r of [again, ...parallel]) expect(r.body.id).toBe(first.body.id);
    expect(await app.db.rating.count()).toBe(before + 1);
    expect(await app.db.ratingSubmission.count({ where: { clientRequestId: body.clientRequestId } })).toBe(1);
  });

  it('when the same client request id comes with a different body, then it is a conflict and nothing changes', async () => {
    const token = await residentToken();
    const body = rating({ level: 5 });
    const first = await call(app, 'POST', '/api/ratings', { token, json: body });
    const other = await call(app, 'POST', '/api/ratings', { token, json: { ...body, level: 1, reasonCode: 'slow' } });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('conflict');
    expect((await app.db.rating.findUniqueOrThrow({ where: { id: first.body.id } })).level).toBe(5);
  });

  it('when the resident rates the same lawyer twice in a day, then the first rating is edited', async () => {
    const token = await residentToken();
    const first = await call(app, 'POST', '/api/ratings', { token, json: rating({ level: 5 }) });
    const second = await call(app, 'POST', '/api/ratings', {
      token,
      json: rating({ stationCode: STATIONS.dongyuan, level: 2, reasonCode: 'not_solved', callbackPhone: '13812345678' }),
    });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ id: first.body.id, level: 2, revision: 2, reasonCode: 'not_solved', callbackPhone: '138****5678' });
    expect(second.body.station.code).toBe(STATIONS.dongyuan);
    const stored = await app.db.rating.findUniqueOrThrow({ where: { id: first.body.id } });
    expect(stored.callbackPhoneEnc).toMatch(/^v1:/);
    expect(stored.callbackPhoneEnc).not.toContain('13812345678');
    expect(await app.db.rating.count({ where: { residentId: stored.residentId } })).toBe(1);
  });

  it('when the resident rates the same lawyer on another day, then it is a second rating', async () => {
    const token = await residentToken();
    const a = await call(app, 'POST', '/api/ratings', { token, json: rating({ serviceDate: '2026-06-14' }) });
    const b = await call(app, 'POST', '/api/ratings', { token, json: rating() });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).not.toBe(b.body.id);
  });

  it.each([
    ['a bad review without a reason', { level: 2 }, 400, 'reasonCode'],
    ['a phone number on a good review', { level: 5, callbackPhone: '13812345678' }, 400, 'reasonCode'],
    ['no level at all', { level: undefined }, 400, 'level'],
    ['a level of 6', { level: 6 }, 400, 'level'],
    ['an over-long comment', { comment: '好'.repeat(301) }, 400, 'comment'],
    ['a malformed phone', { level: 1, reasonCode: 'slow', callbackPhone: '12345' }, 400, 'callbackPhone'],
    ['a service date in the future', { serviceDate: '2026-06-16' }, 400, 'serviceDate'],
    ['a service date past the late window', { serviceDate: '2026-05-01' }, 400, 'serviceDate'],
    ['an impossible date', { serviceDate: '2026-02-30' }, 400, 'serviceDate'],
    ['someone who does not serve at the station', { staffId: 0 }, 400, 'staffId'],
    ['someone who serves elsewhere', { staffId: -1 }, 400, 'staffId'],
    ['someone whose assignment ended', { staffId: -2 }, 400, 'staffId'],
    ['a staff id beyond any the database can hold', { staffId: 2_147_483_648 }, 400, 'staffId'],
    ['an unknown station', { stationCode: 'T999999999' }, 404, null],
    ['a malformed station code', { stationCode: '../../etc' }, 400, 'stationCode'],
    ['an unknown service type', { serviceType: 'bribery' }, 400, 'serviceType'],
    ['a bad client request id', { clientRequestId: 'x' }, 400, 'clientRequestId'],
    ['an unknown dimension', { dimensions: { beauty: 5 } }, 400, 'dimensions'],
  ])('when it carries %s, then it is refused with a clear message and nothing is written', async (_what, over, status, path) => {
    const token = await residentToken();
    const staffId = { 0: 999999, [-1]: fx.staff.mediatorZhang.id, [-2]: fx.staff.leftLawyer.id }[(over as { staffId?: number }).staffId ?? 1];
    const body = rating({ ...over, ...(staffId ? { staffId } : {}) });
    const before = await app.db.rating.count();
    const r = await call(app, 'POST', '/api/ratings', { token, json: body });
    expect(r.status).toBe(status);
    expect(r.body.message).toMatch(/[\u4e00-\u9fa5]/);
    if (path) expect(r.body.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(await app.db.rating.count()).toBe(before);
  });

  it('when no one is logged in, then it is 401; a bureau token is 403', async () => {
    expect((await call(app, 'POST', '/api/ratings', { json: rating() })).status).toBe(401);
    expect((await call(app, 'POST', '/api/ratings', { token: 'forged.token', json: rating() })).status).toBe(401);
    const login = await call(app, 'POST', '/api/auth/password', { json: { username: 'yuanzhou', password: 'correct horse 2026' } });
    expect((await call(app, 'POST', '/api/ratings', { token: login.body.token, json: rating() })).status).toBe(403);
  });

  it('when the station is suspended, then no rating is taken', async () => {
    await app.db.station.update({ where: { code: STATIONS.jiqiang }, data: { status: 'suspended' } });
    const token = await residentToken();
    const r = await call(app, 'POST', '/api/ratings', { token, json: rating({ stationCode: STATIONS.jiqiang, staffId: fx.staff.mediatorZhang.id }) });
    await app.db.station.update({ where: { code: STATIONS.jiqiang }, data: { status: 'active' } });
    expect(r.status).toBe(409);
    expect(r.body.message).toContain('暂停');
  });
});

describe('GET /api/me/ratings', () => {
  it('lists only the resident’s own ratings, newest first', async () => {
    const token = await residentToken();
    const other = await residentToken();
    app.setNow('2026-06-15T02:00:00Z');
    const a = await call(app, 'POST', '/api/ratings', { token, json: rating({ level: 3 }) });
    app.setNow('2026-06-15T03:00:00Z');
    const b = await call(app, 'POST', '/api/ratings', { token, json: rating({ staffId: fx.staff.mediatorWang.id, serviceType: 'mediation' }) });
    await call(app, 'POST', '/api/ratings', { token: other, json: rating() });
    const r = await call(app, 'GET', '/api/me/ratings', { token });
    expect(r.status).toBe(200);
    expect(r.body.ratings.map((x: { id: number }) => x.id)).toEqual([b.body.id, a.body.id]);
  });
});
