/**
 * Sessions end when they should, at once: logout ends one, a password change ends every session of
 * the account, a disabled or deleted account has none left, and a token that names no session is
 * nothing. And the production entry refuses to start on the built-in development secrets.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { signToken } from '../src/auth/tokens';
import { PASSWORD, seedFixtures } from './support/fixtures';
import { call, startTestApp, type TestApp } from './support/harness';

let app: TestApp;
let fx: Awaited<ReturnType<typeof seedFixtures>>;

beforeAll(async () => {
  app = await startTestApp();
  fx = await seedFixtures(app.db);
});
afterAll(() => app.close());
beforeEach(() => app.setNow('2026-06-15T04:00:00Z'));

async function login(username: string, password = PASSWORD) {
  return call(app, 'POST', '/api/auth/password', { json: { username, password } });
}
async function token(username: string, password = PASSWORD): Promise<string> {
  const r = await login(username, password);
  expect(r.status).toBe(200);
  return r.body.token as string;
}
const account = (t: string) => call(app, 'GET', '/api/me/account', { token: t });

describe('POST /api/auth/logout', () => {
  it('when a clerk logs out, then that token is refused and their other session still works', async () => {
    const desk = await token('guyuan');
    const phone = await token('guyuan');
    expect((await call(app, 'POST', '/api/auth/logout', { token: desk })).status).toBe(204);
    expect((await account(desk)).status).toBe(401);
    expect((await call(app, 'POST', '/api/auth/logout', { token: desk })).status).toBe(401);
    expect((await account(phone)).body).toMatchObject({ kind: 'user', username: 'guyuan', region: { code: '6404', name: '固原市' } });
  });

  it('when a resident logs out, then their token no longer lists their ratings', async () => {
    const r = await call(app, 'POST', '/api/auth/device', { json: { deviceId: `logout-${randomBytes(8).toString('hex')}` } });
    expect((await call(app, 'GET', '/api/me/ratings', { token: r.body.token })).status).toBe(200);
    expect((await call(app, 'POST', '/api/auth/logout', { token: r.body.token })).status).toBe(204);
    expect((await call(app, 'GET', '/api/me/ratings', { token: r.body.token })).status).toBe(401);
  });
});

describe('POST /api/me/password', () => {
  it('when a clerk changes the password, then every old token is refused, the new session works, only the new password logs in', async () => {
    await app.db.user.create({
      data: {
        username: 'changer',
        passwordHash: (await app.db.user.findUniqueOrThrow({ where: { username: 'xiji' } })).passwordHash,
        role: 'county',
        regionCode: '640422',
      },
    });
    const [a, b] = [await token('changer'), await token('changer')];
    const r = await call(app, 'POST', '/api/me/password', { token: a, json: { currentPassword: PASSWORD, newPassword: 'a brand new one 2026' } });
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect((await account(a)).status).toBe(401);
    expect((await account(b)).status).toBe(401);
    expect((await account(r.body.token)).status).toBe(200);
    expect((await login('changer')).status).toBe(401);
    expect((await login('changer', 'a brand new one 2026')).status).toBe(200);
  });

  it('when the current password is wrong, then 400 on that field and nothing changes', async () => {
    const t = await token('yuanzhou');
    const before = (await app.db.user.findUniqueOrThrow({ where: { username: 'yuanzhou' } })).passwordHash;
    const r = await call(app, 'POST', '/api/me/password', { token: t, json: { currentPassword: 'wrong one', newPassword: 'a brand new one 2026' } });
    expect(r.status).toBe(400);
    expect(r.body.details).toEqual([{ path: 'currentPassword', message: '原密码不正确' }]);
    expect((await app.db.user.findUniqueOrThrow({ where: { username: 'yuanzhou' } })).passwordHash).toBe(before);
    expect((await account(t)).status).toBe(200);
  });
});

describe('a disabled, deleted or expired account', () => {
  it('when an account is disabled, then all its tokens are refused at once and it cannot log in', async () => {
    await app.db.user.create({ data: { username: 'leaving', passwordHash: fx.users.xiji.passwordHash, role: 'county', regionCode: '640422' } });
    const tokens = [await token('leaving'), await token('leaving')];
    await app.db.user.update({ where: { username: 'leaving' }, data: { disabledAt: new Date() } });
    for (const t of tokens) expect((await account(t)).status).toBe(401);
    const again = await login('leaving');
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 403, code: 'forbidden' });
  });

  it('when an account is deleted, then its token is refused (orphaned)', async () => {
    await app.db.user.create({ data: { username: 'gone', passwordHash: fx.users.xiji.passwordHash, role: 'county', regionCode: '640422' } });
    const t = await token('gone');
    await app.db.user.delete({ where: { username: 'gone' } });
    expect((await account(t)).status).toBe(401);
  });

  it('when a resident record is deleted, then the token made for it is refused', async () => {
    const r = await call(app, 'POST', '/api/auth/device', { json: { deviceId: `orphan-${randomBytes(8).toString('hex')}` } });
    const session = await app.db.session.findFirstOrThrow({ where: { kind: 'resident' }, orderBy: { createdAt: 'desc' } });
    await app.db.resident.delete({ where: { id: session.residentId! } });
    expect((await call(app, 'GET', '/api/me/ratings', { token: r.body.token })).status).toBe(401);
  });

  it('when the session has expired, then its token is refused', async () => {
    const t = await token('guyuan');
    app.setNow('2026-09-01T04:00:00Z');
    expect((await account(t)).status).toBe(401);
  });

  it('when requests arrive together (PostgreSQL checks their sessions in one statement), then each gets its own answer', async () => {
    const clerk = await token('guyuan');
    const other = await token('xiji');
    const ended = await token('guyuan');
    expect((await call(app, 'POST', '/api/auth/logout', { token: ended })).status).toBe(204);
    const forged = signToken(app.config.sessionSecret, 'BBBBBBBBBBBBBBBBBBBBBB', new Date('2026-12-01T00:00:00Z'));
    const asked = [clerk, forged, other, ended, clerk, other];
    const answers = await Promise.all(asked.map(account));
    expect(answers.map((a) => a.status)).toEqual([200, 401, 200, 401, 200, 200]);
    expect(answers.map((a) => a.body.username ?? null)).toEqual(['guyuan', null, 'xiji', null, 'guyuan', 'xiji']);
  });

  it('when a genuinely signed token names no session, then it is refused', async () => {
    const forged = signToken(app.config.sessionSecret, 'AAAAAAAAAAAAAAAAAAAAAA', new Date('2026-12-01T00:00:00Z'));
    expect((await account(forged)).status).toBe(401);
  });
});

describe('server/src/main.ts (the production entry)', () => {
  const root = resolve(__dirname, '..', '..');
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'plsr-main-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function runMain(env: Record<string, string>, untilListening = false): Promise<{ code: number | null; output: string }> {
    return new Promise((done) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_URL: `file:${join(dir, 'main.db')}`, PORT: '0', ...env },
      });
      let output = '';
      const collect = (chunk: Buffer) => {
        output += chunk.toString();
        if (untilListening && output.includes('listening')) child.kill('SIGTERM');
      };
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
      child.on('exit', (code) => done({ code, output }));
    });
  }

  it('without secrets, then it refuses to start and names the variables to set', async () => {
    const r = await runMain({});
    expect(r.code).toBe(1);
    for (const name of ['SESSION_SECRET', 'RESIDENT_HASH_KEY', 'PHONE_ENCRYPTION_KEY']) expect(r.output).toContain(name);
    expect(r.output).toContain('npm start');
  });

  it('with the built-in development value as a secret, then it refuses to start', async () => {
    const r = await runMain({
      SESSION_SECRET: 'dev-only-session-secret-change-me-0000000000',
      RESIDENT_HASH_KEY: 'r'.repeat(40),
      PHONE_ENCRYPTION_KEY: 'ab'.repeat(32),
    });
    expect(r.code).toBe(1);
    expect(r.output).toContain('SESSION_SECRET is the built-in development value');
  });

  it('with real secrets, then it starts and listens', async () => {
    const r = await runMain(
      {
        SESSION_SECRET: randomBytes(32).toString('hex'),
        RESIDENT_HASH_KEY: randomBytes(32).toString('hex'),
        PHONE_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      },
      true,
    );
    expect(r.output).toContain('listening');
  });
});
