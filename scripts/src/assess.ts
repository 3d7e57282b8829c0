/**
 * `npm run assess -- --year 2026 --region 6404 --out 固原市2026.xlsx`: the same year-end file the API
 * gives a bureau, written by an operator on the server (no login: whoever can run this can read the
 * database anyway). The extension picks the format: .xlsx, .csv (workstations table) or .json.
 */
import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { YearSchema, RegionCodeSchema } from '@plsr/shared/schemas';
import { assess, assessmentCsv, assessmentXlsx, createLogger, loadConfig, openMigratedDatabase } from '@plsr/server';
import { runCli } from './cli';

const USAGE = 'usage: npm run assess -- --year 2026 --region 6404 --out 固原市2026.xlsx   (.xlsx, .csv or .json)';

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { year: { type: 'string' }, region: { type: 'string' }, out: { type: 'string' } } });
  const year = YearSchema.safeParse(values.year);
  const region = RegionCodeSchema.safeParse(values.region);
  const format = values.out ? extname(values.out).toLowerCase() : '';
  if (!year.success || !region.success || !values.out || !['.xlsx', '.csv', '.json'].includes(format)) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig(process.env, { devSecrets: 'not-needed' });
  const db = await openMigratedDatabase(config.databaseUrl);
  try {
    const deps = { config, db, logger: createLogger({ ...config, logLevel: 'silent' }), wechat: null, now: () => new Date() };
    const operator = { userId: 0, role: 'region' as const, regionCode: region.data };
    const a = await assess(deps, operator, year.data, region.data);
    const body = format === '.xlsx' ? await assessmentXlsx(a) : format === '.csv' ? assessmentCsv(a, 'workstations') : JSON.stringify(a, null, 2);
    writeFileSync(values.out, body);
    console.log(`${a.region.name} ${a.year} 年度: ${a.totals.workstations} 个工作站, ${a.totals.staff} 名人员, ${a.totals.ratings} 条评价 → ${values.out}`);
    console.log(a.bulletin);
    return 0;
  } finally {
    await db.$disconnect();
  }
}

runCli(main);
