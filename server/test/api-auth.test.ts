/**
 * Logins on a real database: a resident through WeChat (against the fake api.weixin.qq.com) or an H5
 * device id, a bureau clerk with a password; and what a tampered or expired token gets.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../src/db/client';
import { startFakeWechat, type FakeWechat } from './support/fake-wechat';
import { PASSWORD, seedFixtures, STATIONS } from './support/fixtures';
import { call, startTestApp, type TestApp } from './support/harness';

const CHINESE = /[\u4e00-\u9fa5]/;

let fake: FakeWechat;
/** WeChat configured against the fake. */
let wx: TestApp;
let wxFixtures: Awaited<ReturnType<typeof seedFixtures>>;
/** The default test app: no WeChat, device login on, the fixtures' bureau accounts. */
let plain: TestApp;

beforeAll(async () => {
  fake = await startFakeWechat();
  wx = await startTestApp({ WECHAT_APP_ID: 'wx-test-app', WECHAT_APP_SECRET: 'test-secret', WECHAT_API_BASE: fake.url, WECHAT_TIMEOUT_MS: '1000' });
  wxFixtures = await seedFixtures(wx.db);
  plain = await startTestApp();
  await seedFixtures(plain.db);
});
beforeEach(() => {
  wx.setNow('2026-06-15T04:00:00Z');
  plain.setNow('2026-06-15T04:00:00Z');
});
afterAll(async () => {
  await Promise.all([wx.close(), plain.close()]);
  await fake.close();
});

/** Every row of every table, as text: where a stored secret would show up. */
async function everythingStored(db: Db): Promise<string> {
  const tables = await db.$queryRawUnsafe<{ name: string }[]>(
    process.env.PLSR_TEST_PG_URL
      ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
      : "SELECT name FROM sqlite_master WHERE type = 'table'",
  );
  const rows = await Promise.all(tables.map((t) => db.$queryRawUnsafe<unknown[]>(`SELECT * FROM "${t.name}"`)));
  return JSON.stringify(rows, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
}

const loginRequestsFor = (code: string, since: number) =>
  fake.requests.slice(since).filter((r) => r.path === '/sns/jscode2session' && r.query.js_code === code);

describe('POST /api/auth/wechat', () => {
  it('when the wx.login code is valid, then the resident gets a token that opens their own ratings', async () => {
    const r = await call(wx, 'POST', '/api/auth/wechat', { json: { code: 'valid:o-first-login' } });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ kind: 'resident', token: expect.any(String), expiresAt: '2026-07-15T04:00:00.000Z' });
    const mine = await call(wx, 'GET', '/api/me/ratings', { token: r.body.token });
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual({ ratings: [] });
  });

  it('when the same WeChat user logs in twice, then it is one resident, stored only as a keyed hash of the openid', async () => {
    const openid = 'oQ7xA-same-person-7781';
    const before = await wx.db.resident.count();
    const first = await call(wx, 'POST', '/api/auth/wechat', { json: { code: `valid:${openid}` } });
    // Each wx.login code works once: the second login brings a fresh code for the same openid.
    const second = await call(wx, 'POST', '/api/auth/wechat', { json: { code: `valid:${openid}:u-same-person` } });
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(await wx.db.resident.count()).toBe(before + 1);

    const rated = await call(wx, 'POST', '/api/ratings', {
      token: first.body.token,
      json: {
        clientRequestId: randomUUID(),
        stationCode: STATIONS.sanying,
        staffId: wxFixtures.staff.lawyerMa.id,
        serviceType: 'consultation',
        level: 5,
        raterType: 'individual',
      },
    });
    expect(rated.status).toBe(201);
    const seen = await call(wx, 'GET', '/api/me/ratings', { token: second.body.token });
    expect(seen.body.ratings.map((x: { id: number }) => x.id)).toEqual([rated.body.id]);

    const { residentId } = await wx.db.rating.findUniqueOrThrow({ where: { id: rated.body.id } });
    const resident = await wx.db.resident.findUniqueOrThrow({ where: { id: residentId } });
    expect(resident.kind).toBe('wechat');
    expect(resident.idHash).not.toBe(openid);
    expect(resident.idHash).not.toContain(openid);
    expect(resident.idHash).toMatch(/^[0-9a-f]{64}$/);
    const stored = await everythingStored(wx.db);
    expect(stored).toContain(resident.idHash);
    expect(stored).not.toContain(openid);
    expect(stored).not.toContain('u-same-person');
    expect(stored).not.toContain('fake-session-key');
  });

  it('when WeChat is busy once, then the server retries and the resident is logged in', async () => {
    const since = fake.requests.length;
    const r = await call(wx, 'POST', '/api/auth/wechat', { json: { code: 'busy-once' } });
    expect(r.status).toBe(200);
    expect(loginRequestsFor('busy-once', since)).toHaveLength(2);
  });

  it.each([
    ['WeChat rejects the code (40029)', 'invalid', 400, 'bad_request', 1],
    ['WeChat says the user logs in too often (45011)', 'limit', 429, 'rate_limited', 1],
    ['WeChat stays busy (-1) after one retry', 'busy', 503, 'upstream_unavailable', 2],
  ])('when %s (code %s), then %i with a Chinese message and no resident is made', async (_what, code, status, errorCode, attempts) => {
    const before = await wx.db.resident.count();
    const since = fake.requests.length;
    const r = await call(wx, 'POST', '/api/auth/wechat', { json: { code } });
    expect(r.status).toBe(status);
    expect(r.body).toEqual({ code: errorCode, message: expect.stringMatching(CHINESE) });
    expect(loginRequestsFor(code, since)).toHaveLength(attempts);
    expect(await wx.db.resident.count()).toBe(before);
  });

  it('when a code that was already used comes again, then 400 with a Chinese message and no resident is made', async () => {
    const code = 'valid:o-used-code';
    expect((await call(wx, 'POST', '/api/auth/wechat', { json: { code } })).status).toBe(200);
    const before = await wx.db.resident.count();
    const again = await call(wx, 'POST', '/api/auth/wechat', { json: { code } });
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ code: 'bad_request', message: expect.stringMatching(CHINESE) });
    expect(await wx.db.resident.count()).toBe(before);
  });

  it.each([
    ['no code', {}],
    ['an empty code', { code: '' }],
    ['a code over 128 characters', { code: `valid:${'o'.repeat(123)}` }],
    ['a number', { code: 123456 }],
    ['null', { code: null }],
    ['an array', { code: ['valid:o-array'] }],
    ['an object', { code: { value: 'valid:o-object' } }],
  ])('when the body has %s, then 400 and WeChat is not asked', async (_what, json) => {
    const before = await wx.db.resident.count();
    const since = fake.requests.length;
    const r = await call(wx, 'POST', '/api/auth/wechat', { json });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'validation_failed', message: expect.stringMatching(CHINESE) });
    expect(fake.requests.length).toBe(since);
    expect(await wx.db.resident.count()).toBe(before);
  });

  it('when WeChat is not configured, then 503 not_configured and no resident is made', async () => {
    const before = await plain.db.resident.count();
    const r = await call(plain, 'POST', '/api/auth/wechat', { json: { code: 'valid:o-nowhere' } });
    expect(r.status).toBe(503);
    expect(r.body).toEqual({ code: 'not_configured', message: expect.stringMatching(CHINESE) });
    expect(await plain.db.resident.count()).toBe(before);
  });
});

describe('POST /api/auth/device', () => {
  it('when device login is enabled, then a device id gets a resident token, and the same id is the same resident', async () => {
    const deviceId = `h5-${randomUUID()}`;
    const before = await plain.db.resident.count();
    const first = await call(plain, 'POST', '/api/auth/device', { json: { deviceId } });
    const second = await call(plain, 'POST', '/api/auth/device', { json: { deviceId } });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ kind: 'resident', token: expect.any(String), expiresAt: '2026-07-15T04:00:00.000Z' });
    expect(second.status).toBe(200);
    expect((await call(plain, 'GET', '/api/me/ratings', { token: first.body.token })).status).toBe(200);
    expect(await plain.db.resident.count()).toBe(before + 1);
    const stored = await everythingStored(plain.db);
    expect(stored).not.toContain(deviceId);
  });

  it('when device login is disabled, then 403 with a Chinese message and no resident is made', async () => {
    const closed = await startTestApp({ DEVICE_LOGIN_ENABLED: 'false' });
    try {
      const r = await call(closed, 'POST', '/api/auth/device', { json: { deviceId: 'abcdefghijklmnop' } });
      expect(r.status).toBe(403);
      expect(r.body).toEqual({ code: 'forbidden', message: expect.stringMatching(CHINESE) });
      expect(await closed.db.resident.count()).toBe(0);
    } finally {
      await closed.close();
    }
  });

  it.each([
    ['too short', 'abc123'],
    ['too long', 'a'.repeat(129)],
    ['characters outside [A-Za-z0-9_-]', 'abcdefghijklmnop!'],
    ['spaces', 'abcdefgh ijklmnop'],
    ['Chinese characters', '设备标识设备标识设备标识设备标识'],
    ['a number', 1234567890123456],
    ['null', null],
  ])('when the device id is %s, then 400 and no resident is made', async (_what, deviceId) => {
    const before = await plain.db.resident.count();
    const r = await call(plain, 'POST', '/api/auth/device', { json: { deviceId } });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'validation_failed', message: expect.stringMatching(CHINESE) });
    expect(r.body.details.map((d: { path: string }) => d.path)).toEqual(['deviceId']);
    expect(await plain.db.resident.count()).toBe(before);
  });
});

describe('POST /api/auth/password', () => {
  it('when the password is right, then the clerk gets a token, their role and their region', async () => {
    const r = await call(plain, 'POST', '/api/auth/password', { json: { username: 'yuanzhou', password: PASSWORD } });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      kind: 'user',
      token: expect.any(String),
      expiresAt: '2026-07-15T04:00:00.000Z',
      mustChangePassword: false,
      user: { username: 'yuanzhou', role: 'county', region: { code: '640402', name: '原州区' } },
    });
    expect((await call(plain, 'GET', '/api/assessments/2026?region=640402', { token: r.body.token })).status).toBe(200);
  });

  it('when the password is wrong or the user unknown, then both get the same 401 message', async () => {
    const wrong = await call(plain, 'POST', '/api/auth/password', { json: { username: 'yuanzhou', password: 'correct horse 2025' } });
    const unknown = await call(plain, 'POST', '/api/auth/password', { json: { username: 'nobody', password: PASSWORD } });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ code: 'unauthorized', message: expect.stringMatching(CHINESE) });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
  });

  it.each([
    ['no fields', {}],
    ['no password', { username: 'yuanzhou' }],
    ['no username', { password: PASSWORD }],
    ['an empty username', { username: '', password: PASSWORD }],
    ['an empty password', { username: 'yuanzhou', password: '' }],
    ['a numeric username', { username: 640402, password: PASSWORD }],
    ['a numeric password', { username: 'yuanzhou', password: 20262026 }],
    ['a null password', { username: 'yuanzhou', password: null }],
    ['an array username', { username: ['yuanzhou'], password: PASSWORD }],
    ['an object password', { username: 'yuanzhou', password: { $ne: '' } }],
    ['a username over 64 characters', { username: 'y'.repeat(65), password: PASSWORD }],
    ['a password over 256 characters', { username: 'yuanzhou', password: 'p'.repeat(257) }],
  ])('when the body has %s, then 400 with a Chinese message', async (_what, json) => {
    const r = await call(plain, 'POST', '/api/auth/password', { json });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'validation_failed', message: expect.stringMatching(CHINESE) });
  });
});

describe('a bureau token on GET /api/assessments/2026?region=6404', () => {
  const PATH = '/api/assessments/2026?region=6404';

  async function cityToken(): Promise<string> {
    const r = await call(plain, 'POST', '/api/auth/password', { json: { username: 'guyuan', password: PASSWORD } });
    expect(r.status).toBe(200);
    return r.body.token;
  }

  /** `token` with the character at `i` of the part `part` (0 payload, 1 signature) replaced. */
  function changeOneChar(token: string, part: 0 | 1, i: number): string {
    const parts = token.split('.');
    const s = parts[part]!;
    parts[part] = s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    return parts.join('.');
  }

  /** The same signature over claims rewritten to the whole province. */
  function forgeRegion(token: string): string {
    const [payload, signature] = token.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const forged = Buffer.from(JSON.stringify({ ...claims, role: 'region', region: '64' })).toString('base64url');
    return `${forged}.${signature}`;
  }

  it('when the token is genuine, then it opens the assessment', async () => {
    const r = await call(plain, 'GET', PATH, { token: await cityToken() });
    expect(r.status).toBe(200);
    expect(r.body.region).toEqual({ code: '6404', name: '固原市', level: 'city' });
  });

  it.each([
    ['one character of the payload changed', (t: string) => changeOneChar(t, 0, 5)],
    ['the last character of the payload changed', (t: string) => changeOneChar(t, 0, t.indexOf('.') - 1)],
    ['one character of the signature changed', (t: string) => changeOneChar(t, 1, 3)],
    ['its claims rewritten to the whole province', forgeRegion],
    ['no signature', (t: string) => t.split('.')[0]!],
    ['a third part', (t: string) => `${t}.x`],
  ])('when the token has %s, then 401 with a Chinese message', async (_what, tamper) => {
    const token = await cityToken();
    const tampered = tamper(token);
    expect(tampered).not.toBe(token);
    const r = await call(plain, 'GET', PATH, { token: tampered });
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ code: 'unauthorized', message: expect.stringMatching(CHINESE) });
  });

  it('when SESSION_TTL_HOURS have passed since login, then the token no longer opens anything', async () => {
    const loggedIn = Date.parse('2026-06-15T04:00:00Z');
    const token = await cityToken();
    const ttlMs = plain.config.sessionTtlHours * 3600 * 1000;
    plain.setNow(new Date(loggedIn + ttlMs - 60_000).toISOString());
    expect((await call(plain, 'GET', PATH, { token })).status).toBe(200);
    plain.setNow(new Date(loggedIn + ttlMs + 1000).toISOString());
    const expired = await call(plain, 'GET', PATH, { token });
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({ code: 'unauthorized', message: expect.stringMatching(CHINESE) });
  });
});
