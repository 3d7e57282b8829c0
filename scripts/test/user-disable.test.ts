import { hashPassword } from '@plsr/server';
import { runScript } from './support/run-script';
import { tempDb, type TempDb } from './support/temp-db';

const userDisable = (url: string, args: string[]) => runScript('user-disable.ts', url, args);

describe('npm run user:disable', () => {
  let t: TempDb;
  let userId: number;

  beforeAll(async () => {
    t = await tempDb('user-disable');
    await t.db.region.create({ data: { code: '64', name: '宁夏回族自治区', level: 'province', parentCode: null, provinceCode: '64' } });
    const user = await t.db.user.create({
      data: { username: 'leaving-clerk', passwordHash: await hashPassword('long enough 1'), role: 'region', regionCode: '64' },
    });
    userId = user.id;
    const expiresAt = new Date(Date.now() + 3600_000);
    await t.db.session.createMany({
      data: [
        { id: 'sessionAAAAAAAAAAAAAAA', kind: 'user', userId, expiresAt },
        { id: 'sessionBBBBBBBBBBBBBBB', kind: 'user', userId, expiresAt },
      ],
    });
  });
  afterAll(() => t.remove());

  it('when an account is disabled, then it is marked and every open session of it ends', async () => {
    const r = await userDisable(t.url, ['--username', 'leaving-clerk']);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(r.stdout).toContain('ended 2 session(s)');
    expect((await t.db.user.findUniqueOrThrow({ where: { id: userId } })).disabledAt).not.toBeNull();
    expect(await t.db.session.count({ where: { userId, revokedAt: null } })).toBe(0);
  });

  it('when it is enabled again, then it may log in (old sessions stay ended)', async () => {
    const r = await userDisable(t.url, ['--username', 'leaving-clerk', '--enable']);
    expect(r.code).toBe(0);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: userId } })).disabledAt).toBeNull();
    expect(await t.db.session.count({ where: { userId, revokedAt: null } })).toBe(0);
  });

  it('when the user does not exist or no name is given, then it exits non-zero and writes nothing', async () => {
    const [unknown, missing] = await Promise.all([userDisable(t.url, ['--username', 'nobody']), userDisable(t.url, [])]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/no such user/);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/missing arguments/);
    expect(await t.db.user.count()).toBe(1);
  });
});
