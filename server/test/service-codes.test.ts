/**
 * Issue 12, part 5: a worker's one-time service code. It names the worker, the station and the
 * service; a rating made with it is verified and counts even when the same resident rated the worker
 * before (one voice sets aside only unverified ratings); it works once, until it expires, for what it
 * names, and cannot be read back from the database.
 */
import { randomUUID } from 'node:crypto';
import { hashPassword } from '../src/auth/passwords';
import { scanRatings } from '../src/review/scan';
import { CODES, PASSWORD, ratingBody, seedFixtures, STATIONS } from './support/fixtures';
import { call, startTestApp, type TestApp } from './support/harness';

let app: TestApp;
let fx: Awaited<ReturnType<typeof seedFixtures>>;
let ma = '';
let clock = '2026-06-15T04:00:00Z';

beforeAll(async () => {
  app = await startTestApp();
  app.setNow(clock);
  fx = await seedFixtures(app.db);
  await app.db.user.create({
    data: { username: 'staff-ma', passwordHash: await hashPassword(PASSWORD), role: 'staff', regionCode: CODES.yuanzhou, staffId: fx.staff.lawyerMa.id },
  });
  ma = (await call(app, 'POST', '/api/auth/password', { json: { username: 'staff-ma', password: PASSWORD } })).body.token;
});
afterAll(() => app.close());

const at = (iso: string) => {
  clock = iso;
  app.setNow(iso);
};
const issue = (json: Record<string, unknown>) => call(app, 'POST', '/api/worker/service-codes', { token: ma, json });
const resident = async () => (await call(app, 'POST', '/api/auth/device', { json: { deviceId: `service-code-${randomUUID()}` } })).body.token as string;
const rate = (token: string, over: Record<string, unknown>) => call(app, 'POST', '/api/ratings', { token, json: ratingBody(fx, over) });
const counted = async () =>
  (await app.db.rating.findMany({ where: { staffId: fx.staff.lawyerMa.id, status: 'valid' }, select: { residentId: true, verified: true } })).length;

describe('service codes', () => {
  it('are issued for a station the worker serves at today, shown once, kept only as a hash', async () => {
    const r = await issue({ station: STATIONS.sanying, serviceType: 'mediation' });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({
      code: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      link: `${app.config.publicBaseUrl}/s/${STATIONS.sanying}?sc=${r.body.code}`,
      qr: expect.stringMatching(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/),
      expiresAt: '2026-06-16T04:00:00.000Z',
      station: { code: STATIONS.sanying, name: '三营镇公共法律服务工作站' },
      serviceType: 'mediation',
    });
    const png = Buffer.from(r.body.qr.split(',')[1], 'base64');
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const stored = await app.db.serviceCode.findFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(r.body.code);
    expect((await issue({ station: STATIONS.jiqiang })).status).toBe(403);
    expect((await issue({ station: 'T640402999' })).status).toBe(404);
  });

  it('tell the resident’s phone who served them, where and what', async () => {
    const { code } = (await issue({ station: STATIONS.sanying, serviceType: 'consultation' })).body;
    const r = await call(app, 'GET', `/api/service-codes/${code}`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      stationCode: STATIONS.sanying,
      stationName: '三营镇公共法律服务工作站',
      staff: { id: fx.staff.lawyerMa.id, name: '马文清', role: 'lawyer', organisation: fx.staff.lawyerMa.organisation },
      serviceType: 'consultation',
      serviceDate: '2026-06-15',
      expiresAt: '2026-06-16T04:00:00.000Z',
    });
    expect((await call(app, 'GET', `/api/service-codes/${'A'.repeat(22)}`)).status).toBe(404);
  });

  it('make a verified rating that counts beside the same resident’s earlier one, where an unverified one would replace it', async () => {
    const withCode = await resident();
    const without = await resident();
    const before = await counted();
    // Both rated 马文清 yesterday.
    for (const t of [withCode, without]) expect((await rate(t, { serviceDate: '2026-06-14', level: 3 })).status).toBe(201);
    // Today: one through a service code, the other without.
    const { code } = (await issue({ station: STATIONS.sanying })).body;
    const verified = await rate(withCode, { level: 5, serviceCode: code });
    expect(verified.status).toBe(201);
    expect((await rate(without, { level: 5 })).status).toBe(201);
    await scanRatings({ db: app.db, now: () => new Date(clock) });
    const rows = await app.db.rating.findMany({
      where: { staffId: fx.staff.lawyerMa.id, serviceYear: 2026, serviceDate: { in: ['2026-06-14', '2026-06-15'] } },
      select: { serviceDate: true, status: true, verified: true, residentId: true },
      orderBy: [{ residentId: 'asc' }, { serviceDate: 'asc' }],
    });
    expect(rows.map((r) => [r.serviceDate, r.status, r.verified])).toEqual([
      ['2026-06-14', 'valid', false],
      ['2026-06-15', 'valid', true],
      ['2026-06-14', 'superseded', false],
      ['2026-06-15', 'valid', false],
    ]);
    expect(await counted()).toBe(before + 3);
    expect(await app.db.serviceCode.findFirstOrThrow({ where: { ratingId: { not: null } } })).toMatchObject({ usedAt: new Date(clock) });
  });

  it('work once, for what they name, until they expire; a refused rating writes nothing', async () => {
    const { code } = (await issue({ station: STATIONS.sanying, serviceType: 'mediation' })).body;
    const ratings = await app.db.rating.count();
    const wrongService = await rate(await resident(), { serviceCode: code, serviceType: 'consultation' });
    expect([wrongService.status, wrongService.body.message]).toEqual([400, '服务码与所选的站点、人员或服务事项不符']);
    const wrongPerson = await rate(await resident(), { serviceCode: code, serviceType: 'mediation', staffId: fx.staff.mediatorWang.id });
    expect(wrongPerson.status).toBe(400);
    expect(await app.db.rating.count()).toBe(ratings);

    expect((await rate(await resident(), { serviceCode: code, serviceType: 'mediation' })).status).toBe(201);
    const again = await rate(await resident(), { serviceCode: code, serviceType: 'mediation' });
    expect([again.status, again.body.message]).toEqual([409, '这个服务码已经用过了,每个服务码只能评价一次']);
    expect((await call(app, 'GET', `/api/service-codes/${code}`)).status).toBe(409);

    // Shown today, sent tomorrow: the service date is still the day it was shown.
    const nextDay = (await issue({ station: STATIONS.sanying })).body.code;
    const late = (await issue({ station: STATIONS.sanying })).body.code;
    at('2026-06-16T03:00:00Z');
    const wrongDay = await rate(await resident(), { serviceCode: nextDay });
    expect([wrongDay.status, wrongDay.body.message]).toEqual([400, '服务码证明的是 2026-06-15 的服务,服务日期应为这一天']);
    expect((await rate(await resident(), { serviceCode: nextDay, serviceDate: '2026-06-15' })).status).toBe(201);
    at('2026-06-16T04:00:00Z');
    const expired = await rate(await resident(), { serviceCode: late, serviceDate: '2026-06-15' });
    expect([expired.status, expired.body.message]).toEqual([409, '这个服务码已过期,请直接扫站点的二维码评价']);
    expect(await app.db.rating.count()).toBe(ratings + 2);
  });
});
