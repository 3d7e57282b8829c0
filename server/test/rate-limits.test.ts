/**
 * Rate limits (limits/limits.ts), with the defaults a fresh deployment has: a password guesser is
 * locked out within the first ten wrong attempts, for longer each time; a station's Wi-Fi, where fifty
 * residents log in and rate within the hour, is never limited; a flood of web logins or ratings from
 * one address or one resident is. Over a limit: 429, Retry-After, a Chinese message, nothing written.
 * The counts are in the database: a second server process on the same database sees them.
 */
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { createApp } from '../src/app';
import { sweepRateLimits } from '../src/limits/store';
import { PASSWORD, ratingBody, seedFixtures } from './support/fixtures';
import { call, NO_LIMITS, startTestApp, type TestApp } from './support/harness';

/** The defaults, as a deployment that sets none has them. */
const DEFAULTS = Object.fromEntries(Object.keys(NO_LIMITS).map((k) => [k, ''])) as Record<string, string>;

let app: TestApp;
let fx: Awaited<ReturnType<typeof seedFixtures>>;
let clock = new Date('2026-06-15T04:00:00Z');
const at = (iso: string) => {
  clock = new Date(iso);
  app.setNow(iso);
};
const later = (seconds: number) => at(new Date(clock.getTime() + seconds * 1000).toISOString());

beforeAll(async () => {
  app = await startTestApp(DEFAULTS);
  fx = await seedFixtures(app.db);
});
afterAll(() => app.close());
beforeEach(async () => {
  await app.db.rateLimit.deleteMany();
  at('2026-06-15T04:00:00Z');
});

const login = (username: string, password: string) => call(app, 'POST', '/api/auth/password', { json: { username, password } });
const device = () => call(app, 'POST', '/api/auth/device', { json: { deviceId: `phone-${randomUUID()}` } });
const rate = (token: string, over: Record<string, unknown> = {}) => call(app, 'POST', '/api/ratings', { token, json: ratingBody(fx, over) });

describe('password guessing', () => {
  it('locks the account name out within the first ten wrong attempts, with Retry-After; the right password waits too', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await login('guyuan', `guess ${i}`)).status);
    expect(statuses.indexOf(429)).toBeGreaterThan(0);
    expect(statuses.indexOf(429)).toBeLessThan(10);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    const locked = await login('guyuan', PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ code: 'rate_limited', message: '密码错误次数过多,该账号已暂时锁定,请 5 分钟后再试' });
    expect(Number(locked.headers.get('retry-after'))).toBe(300);
    // Another name from the same address is not locked.
    expect((await login('xiji', PASSWORD)).status).toBe(200);
  });

  it('lets the right password in once the lock-out has passed, and the next lock-out lasts twice as long', async () => {
    for (let i = 0; i < 5; i++) await login('yuanzhou', 'wrong');
    later(299);
    expect((await login('yuanzhou', PASSWORD)).status).toBe(429);
    later(2);
    expect((await login('yuanzhou', PASSWORD)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await login('yuanzhou', 'wrong')).status).toBe(401);
    const again = await login('yuanzhou', PASSWORD);
    expect(again.status).toBe(429);
    expect(Number(again.headers.get('retry-after'))).toBe(600);
  });

  it('counts a name however it is capitalised or padded, and forgets the failures after a success', async () => {
    for (const name of ['Ningxia', ' NINGXIA', 'ningxia ', 'NingXia']) expect((await login(name, 'wrong')).status).toBe(401);
    expect((await login('ningxia', PASSWORD)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login('ningxia', 'wrong')).status).toBe(401);
    expect((await login('ningxia', PASSWORD)).status).toBe(200);
  });

  it('limits wrong passwords from one address across names, unknown names included', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await login(`nobody-${i}`, 'wrong')).status);
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
    const blocked = await login('guyuan', PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.body.message).toMatch(/^登录失败次数过多/);
    later(3600);
    expect((await login('guyuan', PASSWORD)).status).toBe(200);
  });
});

describe('residents', () => {
  it('never limits a station’s Wi-Fi at normal traffic: fifty residents within the hour, each logging in and rating two people', async () => {
    const answers: number[] = [];
    for (let i = 0; i < 50; i++) {
      later(60);
      const session = await device();
      answers.push(session.status);
      answers.push((await rate(session.body.token)).status);
      answers.push((await rate(session.body.token, { staffId: fx.staff.mediatorWang.id, serviceType: 'mediation' })).status);
    }
    expect(answers.filter((s) => s === 429)).toEqual([]);
    expect(new Set(answers)).toEqual(new Set([200, 201]));
  });

  it('limits a flood of web logins from one address: 429 with Retry-After, no resident made', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await device()).status);
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    const residents = await app.db.resident.count();
    const refused = await device();
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'rate_limited', message: '登录过于频繁,请 10 分钟后再试' });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await app.db.resident.count()).toBe(residents);
    later(600);
    expect((await device()).status).toBe(200);
  });

  it('limits one resident’s ratings, writing nothing over the limit', async () => {
    const token = (await device()).body.token as string;
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await rate(token, { level: 1 + (i % 5), ...(i % 5 < 2 ? { reasonCode: 'slow' } : {}) })).status);
    expect(statuses.every((s) => s === 200 || s === 201)).toBe(true);
    const before = await app.db.rating.findMany({ orderBy: { id: 'asc' } });
    const refused = await rate(token, { staffId: fx.staff.mediatorWang.id, serviceType: 'mediation' });
    expect(refused.status).toBe(429);
    expect(refused.body.message).toMatch(/^提交评价过于频繁/);
    expect(await app.db.rating.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
    later(3600);
    expect((await rate(token, { staffId: fx.staff.mediatorWang.id, serviceType: 'mediation' })).status).toBe(201);
  });
});

it('sweeps counters whose window ended more than an hour ago, and only those', async () => {
  await device();
  for (let i = 0; i < 5; i++) await login('guyuan', 'wrong'); // a lock-out (5 min) and a day's lock-out count
  later(7201);
  await sweepRateLimits(app.db, clock);
  expect((await app.db.rateLimit.findMany({ select: { key: true }, orderBy: { key: 'asc' } })).map((r) => r.key)).toEqual(['password-lockouts:guyuan']);
});

it('keeps its counts in the database: a second server process on the same database sees the lock-out', async () => {
  for (let i = 0; i < 5; i++) await login('xiji', 'wrong');
  const other = createApp({ config: app.config, db: app.db, logger: pino({ level: 'silent' }), wechat: null, now: () => clock });
  const server = other.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const address = server.address() as { port: number };
    const reply = await call({ url: `http://127.0.0.1:${address.port}` }, 'POST', '/api/auth/password', { json: { username: 'xiji', password: PASSWORD } });
    expect(reply.status).toBe(429);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
