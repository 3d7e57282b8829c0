/**
 * Issue 11, part 1 and 3: the region's bureau creates city and county accounts inside its region with
 * an initial password that must be changed first, resets and disables them (tokens refused at once);
 * every change is in the audit log, which region and city bureaus read and filter. Through the API,
 * on the hand-made fixtures.
 */
import { CODES, PASSWORD, seedFixtures, STATIONS } from './support/fixtures';
import { call, startTestApp, type TestApp } from './support/harness';

let app: TestApp;
const token: Record<string, string> = {};

async function login(username: string, password = PASSWORD) {
  return call(app, 'POST', '/api/auth/password', { json: { username, password } });
}

beforeAll(async () => {
  app = await startTestApp();
  app.setNow('2026-06-15T04:00:00Z');
  await seedFixtures(app.db);
  for (const username of ['ningxia', 'guyuan', 'yuanzhou', 'xiji']) token[username] = (await login(username)).body.token;
});
afterAll(() => app.close());

const create = (body: unknown, who = 'ningxia') => call(app, 'POST', '/api/accounts', { token: token[who], json: body });

describe('accounts (账号管理)', () => {
  it('when the region creates a county account, then it gets a one-time initial password, and that login may only change it', async () => {
    const made = await create({ username: 'yuanzhou-clerk', role: 'county', region: CODES.yuanzhou });
    expect(made.status).toBe(201);
    expect(made.body.account).toMatchObject({
      username: 'yuanzhou-clerk',
      role: 'county',
      region: { code: CODES.yuanzhou, name: '原州区', level: 'county' },
      disabled: false,
      mustChangePassword: true,
    });
    const initial = made.body.initialPassword as string;
    expect(initial).toMatch(/^[A-HJ-NP-Za-km-z2-9]{4}-[A-HJ-NP-Za-km-z2-9]{4}-[A-HJ-NP-Za-km-z2-9]{4}$/);
    const stored = await app.db.user.findUniqueOrThrow({ where: { username: 'yuanzhou-clerk' } });
    expect(stored.passwordHash).not.toContain(initial);

    const first = await login('yuanzhou-clerk', initial);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ kind: 'user', mustChangePassword: true });
    const blocked = await call(app, 'GET', `/api/assessments/2026?region=${CODES.yuanzhou}`, { token: first.body.token });
    expect(blocked.status).toBe(403);
    expect(blocked.body.message).toBe('请先修改初始密码');
    expect((await call(app, 'GET', '/api/me/account', { token: first.body.token })).body.mustChangePassword).toBe(true);

    const changed = await call(app, 'POST', '/api/me/password', {
      token: first.body.token,
      json: { currentPassword: initial, newPassword: '原州区 clerk 2026' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.mustChangePassword).toBe(false);
    expect((await call(app, 'GET', `/api/assessments/2026?region=${CODES.yuanzhou}`, { token: changed.body.token })).status).toBe(200);
    expect((await login('yuanzhou-clerk', '原州区 clerk 2026')).body.mustChangePassword).toBe(false);
  });

  it('refuses a name in use, a region of the wrong level or outside the tree, and anyone but the region (nothing written)', async () => {
    const before = await app.db.user.count();
    const audits = await app.db.auditLog.count();
    expect((await create({ username: 'guyuan', role: 'city', region: CODES.city })).status).toBe(409);
    const wrongLevel = await create({ username: 'sanying-clerk', role: 'county', region: CODES.sanying });
    expect(wrongLevel.status).toBe(400);
    expect(wrongLevel.body.details).toEqual([{ path: 'region', message: '三营镇不是县级行政区划,不能建立县(区)司法局账号' }]);
    expect((await create({ username: 'city-as-county', role: 'county', region: CODES.city })).status).toBe(400);
    expect((await create({ username: 'nowhere', role: 'county', region: '640499' })).status).toBe(404);
    expect((await create({ username: 'region-2', role: 'region', region: CODES.province })).status).toBe(400);
    expect((await create({ username: 'a b', role: 'county', region: CODES.yuanzhou })).status).toBe(400);
    for (const who of ['guyuan', 'yuanzhou']) {
      const r = await create({ username: `by-${who}`, role: 'county', region: CODES.xiji }, who);
      expect(r.status).toBe(403);
      expect(r.body.message).toBe('仅自治区司法厅账号可以管理账号');
    }
    expect(await app.db.user.count()).toBe(before);
    expect(await app.db.auditLog.count()).toBe(audits);
  });

  it('lists the bureau accounts of a region inside the jurisdiction only', async () => {
    const city = await call(app, 'GET', `/api/accounts?region=${CODES.city}`, { token: token.guyuan });
    expect(city.status).toBe(200);
    expect(city.body.accounts.map((a: { username: string }) => a.username)).toEqual(['guyuan', 'yuanzhou', 'yuanzhou-clerk', 'xiji']);
    expect((await call(app, 'GET', `/api/accounts?region=${CODES.yuanzhou}`, { token: token.xiji })).status).toBe(403);
    expect((await call(app, 'GET', `/api/accounts?region=${CODES.province}`, { token: token.guyuan })).status).toBe(403);
  });

  it('when the region resets a password, then the old one and every session of the account stop working', async () => {
    const r = await call(app, 'POST', '/api/accounts/xiji/password-reset', { token: token.ningxia });
    expect(r.status).toBe(200);
    expect(r.body.account.mustChangePassword).toBe(true);
    expect((await call(app, 'GET', '/api/me/account', { token: token.xiji })).status).toBe(401);
    expect((await login('xiji')).status).toBe(401);
    const fresh = await login('xiji', r.body.initialPassword);
    expect(fresh.body.mustChangePassword).toBe(true);
    const changed = await call(app, 'POST', '/api/me/password', {
      token: fresh.body.token,
      json: { currentPassword: r.body.initialPassword, newPassword: PASSWORD },
    });
    expect(changed.status).toBe(200);
    token.xiji = changed.body.token;
  });

  it('when the region disables an account, then its token is refused at once and it cannot log in; enabled again, it can', async () => {
    const off = await call(app, 'PUT', '/api/accounts/yuanzhou/status', { token: token.ningxia, json: { disabled: true, reason: '人员调离' } });
    expect(off.status).toBe(200);
    expect(off.body.disabled).toBe(true);
    expect((await call(app, 'GET', `/api/assessments/2026?region=${CODES.yuanzhou}`, { token: token.yuanzhou })).status).toBe(401);
    const refused = await login('yuanzhou');
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe('该账号已停用,请联系管理员');
    // Asking again for the state it is in changes nothing and writes no second entry.
    const audits = await app.db.auditLog.count();
    expect((await call(app, 'PUT', '/api/accounts/yuanzhou/status', { token: token.ningxia, json: { disabled: true, reason: '再次' } })).status).toBe(200);
    expect(await app.db.auditLog.count()).toBe(audits);
    const on = await call(app, 'PUT', '/api/accounts/yuanzhou/status', { token: token.ningxia, json: { disabled: false, reason: '人员返岗' } });
    expect(on.body.disabled).toBe(false);
    token.yuanzhou = (await login('yuanzhou')).body.token;
    expect((await call(app, 'GET', `/api/assessments/2026?region=${CODES.yuanzhou}`, { token: token.yuanzhou })).status).toBe(200);
  });

  it('refuses to change the caller itself, another region account, a worker’s account, or an unknown one', async () => {
    expect((await call(app, 'POST', '/api/accounts/ningxia/password-reset', { token: token.ningxia })).status).toBe(409);
    expect((await call(app, 'PUT', '/api/accounts/ningxia/status', { token: token.ningxia, json: { disabled: true, reason: 'x' } })).status).toBe(409);
    await app.db.user.create({ data: { username: 'ningxia-2', passwordHash: 'x', role: 'region', regionCode: CODES.province } });
    expect((await call(app, 'POST', '/api/accounts/ningxia-2/password-reset', { token: token.ningxia })).status).toBe(409);
    const staff = await app.db.staff.findFirstOrThrow({ where: { countyCode: CODES.yuanzhou } });
    await app.db.user.create({ data: { username: 'worker-1', passwordHash: 'x', role: 'staff', regionCode: CODES.yuanzhou, staffId: staff.id } });
    expect((await call(app, 'POST', '/api/accounts/worker-1/password-reset', { token: token.ningxia })).status).toBe(409);
    expect((await call(app, 'POST', '/api/accounts/nobody/password-reset', { token: token.ningxia })).status).toBe(404);
    expect((await call(app, 'PUT', '/api/accounts/xiji/status', { token: token.ningxia, json: { disabled: true } })).status).toBe(400);
  });
});

describe('audit log (审计日志)', () => {
  it('records every account change with who, when, what, before and after, and the reason', async () => {
    const r = await call(app, 'GET', `/api/audit?region=${CODES.province}`, { token: token.ningxia });
    expect(r.status).toBe(200);
    const entries = r.body.entries as Array<Record<string, unknown>>;
    expect(entries.map((e) => `${e.action} ${e.subject}`)).toEqual([
      'account.enable account:yuanzhou',
      'account.disable account:yuanzhou',
      'account.reset_password account:xiji',
      'account.create account:yuanzhou-clerk',
    ]);
    expect(entries[1]).toMatchObject({
      username: 'ningxia',
      actionLabel: '停用账号',
      region: { code: CODES.yuanzhou, name: '原州区' },
      reason: '人员调离',
      before: { disabled: false },
      after: { disabled: true },
      at: '2026-06-15T04:00:00.000Z',
    });
    expect(entries[2]).toMatchObject({ before: null, after: null });
    expect(r.body.nextBefore).toBeNull();
  });

  it('a city reads its own region’s entries, filtered; a county reads none', async () => {
    await call(app, 'PUT', `/api/stations/${STATIONS.jiqiang}/inspections/2026`, {
      token: token.xiji,
      json: { exempt: true, exemptReason: '新建站点', inspectedOn: '2026-06-14' },
    });
    const city = await call(app, 'GET', `/api/audit?region=${CODES.xiji}&action=inspection.record`, { token: token.guyuan });
    expect(city.status).toBe(200);
    expect(city.body.entries).toHaveLength(1);
    expect(city.body.entries[0]).toMatchObject({ username: 'xiji', actionLabel: '录入验收', after: { exempt: true, exemptReason: '新建站点' } });
    const byName = await call(app, 'GET', `/api/audit?region=${CODES.city}&username=ningxia`, { token: token.guyuan });
    expect(byName.body.entries).toHaveLength(4);
    const outOfDates = await call(app, 'GET', `/api/audit?region=${CODES.city}&from=2026-06-16`, { token: token.guyuan });
    expect(outOfDates.body.entries).toHaveLength(0);
    const inDates = await call(app, 'GET', `/api/audit?region=${CODES.city}&from=2026-06-15&to=2026-06-15`, { token: token.guyuan });
    expect(inDates.body.entries).toHaveLength(5);
    expect((await call(app, 'GET', `/api/audit?region=${CODES.province}`, { token: token.guyuan })).status).toBe(403);
    const county = await call(app, 'GET', `/api/audit?region=${CODES.yuanzhou}`, { token: token.yuanzhou });
    expect(county.status).toBe(403);
    expect(county.body.message).toBe('审计日志仅供市、自治区司法局查看');
  });

  it('pages 50 at a time, newest first, without gaps or repeats', async () => {
    await app.db.auditLog.createMany({
      data: Array.from({ length: 120 }, (_, i) => ({
        at: new Date(),
        username: 'seed',
        action: 'rating.clear',
        subject: `rating:${i}`,
        regionCode: CODES.yuanzhou,
      })),
    });
    const seen: number[] = [];
    let before: number | null = null;
    let pages = 0;
    do {
      const q: string = before ? `&before=${before}` : '';
      const r = await call(app, 'GET', `/api/audit?region=${CODES.yuanzhou}&action=rating.clear${q}`, { token: token.guyuan });
      seen.push(...r.body.entries.map((e: { id: number }) => e.id));
      before = r.body.nextBefore;
      pages += 1;
    } while (before !== null);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
  });
});
