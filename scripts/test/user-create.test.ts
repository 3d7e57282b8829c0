import { verifyPassword } from '@plsr/server';
import { runScript } from './support/run-script';
import { tempDb, type TempDb } from './support/temp-db';

const userCreate = (url: string, args: string[]) => runScript('user-create.ts', url, args);

describe('npm run user:create', () => {
  let t: TempDb;

  beforeAll(async () => {
    t = await tempDb('user-create');
    await t.db.region.createMany({
      data: [
        { code: '64', name: '宁夏回族自治区', level: 'province', parentCode: null, provinceCode: '64' },
        { code: '6404', name: '固原市', level: 'city', parentCode: '64', provinceCode: '64' },
        { code: '640402', name: '原州区', level: 'county', parentCode: '6404', provinceCode: '64', cityCode: '6404' },
      ],
    });
  });
  afterAll(() => t.remove());

  it('when the role matches the region level, then it creates the account with a hashed password', async () => {
    const r = await userCreate(t.url, ['--username', 'guyuan-city', '--password', 'Guyuan-2026!', '--role', 'city', '--region', '6404']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('guyuan-city');
    const user = await t.db.user.findUniqueOrThrow({ where: { username: 'guyuan-city' } });
    expect(user).toMatchObject({ role: 'city', regionCode: '6404', isDemo: false });
    expect(user.passwordHash).not.toContain('Guyuan-2026!');
    expect(await verifyPassword('Guyuan-2026!', user.passwordHash)).toBe(true);
  });

  it('when the region is of another level than the role, then it exits non-zero and says why', async () => {
    const r = await userCreate(t.url, ['--username', 'yuanzhou', '--password', 'Yuanzhou-2026', '--role', 'county', '--region', '6404']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/role county needs a county region; 6404 is a city/);
    expect(await t.db.user.count({ where: { username: 'yuanzhou' } })).toBe(0);
  });

  it('when the username is taken, then it exits non-zero and keeps the first account', async () => {
    const before = await t.db.user.findUniqueOrThrow({ where: { username: 'guyuan-city' } });
    const r = await userCreate(t.url, ['--username', 'guyuan-city', '--password', 'another-pass-1', '--role', 'region', '--region', '64']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/已存在 \(username already taken\)/);
    expect(await t.db.user.findUniqueOrThrow({ where: { username: 'guyuan-city' } })).toEqual(before);
  });

  it('when an argument is missing or the password too short, then it exits non-zero without writing', async () => {
    const [missing, short] = await Promise.all([
      userCreate(t.url, ['--username', 'no-role', '--password', 'long-enough-1']),
      userCreate(t.url, ['--username', 'shorty', '--password', 'short', '--role', 'region', '--region', '64']),
    ]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/missing arguments/);
    expect(short.code).not.toBe(0);
    expect(short.stderr).toMatch(/密码至少 8 位/);
    expect(await t.db.user.count()).toBe(1);
  });
});
