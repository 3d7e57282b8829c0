/**
 * `npm run demo`: adds demo data (staff, a year of ratings so far, inspections, three bureau logins)
 * for Ningxia (64), importing its divisions first if they are missing. Does nothing when demo
 * staff already exist. Options: --province CODE, --seed N, --today YYYY-MM-DD (Beijing).
 */
import { parseArgs } from 'node:util';
import { beijingDate } from '@plsr/shared/time';
import { hasDemoData, importDivisions, loadConfig, openMigratedDatabase, seedDemo } from '@plsr/server';
import { runCli } from './cli';

const USAGE = '用法 usage: npm run demo [-- --province 64] [--seed N] [--today YYYY-MM-DD]';

async function main(argv: string[]): Promise<number> {
  let values: { province?: string; seed?: string; today?: string };
  try {
    ({ values } = parseArgs({ args: argv, options: { province: { type: 'string' }, seed: { type: 'string' }, today: { type: 'string' } } }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 1;
  }
  const province = values.province ?? '64';
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (!/^\d{2}$/.test(province) || (seed !== undefined && !Number.isInteger(seed))) {
    console.error(`参数无效 (invalid arguments)\n${USAGE}`);
    return 1;
  }
  const config = loadConfig(process.env, { devSecrets: 'demo' });
  const db = await openMigratedDatabase(config.databaseUrl);
  try {
    if (await hasDemoData(db)) {
      console.log('演示数据已存在,未做改动 (demo data already exists; nothing changed)');
      return 0;
    }
    if (!(await db.region.findUnique({ where: { code: province } }))) {
      const r = await importDivisions(db, province);
      console.log(`已导入行政区划 imported divisions: ${r.regions} regions, ${r.stations} stations`);
    }
    const started = Date.now();
    const r = await seedDemo(db, { provinceCode: province, today: values.today ?? beijingDate(new Date()), seed });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `演示数据已生成:${r.staff} 名服务人员,${r.ratings} 条评价,${r.inspections} 条验收记录 — ` +
        `demo data: ${r.staff} staff, ${r.ratings} ratings, ${r.inspections} inspections in ${seconds} s (all marked 演示 / isDemo)`,
    );
    for (const u of r.users) console.log(`  演示账号 demo login: ${u.username} / ${u.password}  (${u.role} ${u.regionCode})`);
    return 0;
  } finally {
    await db.$disconnect();
  }
}

runCli(main);
