/**
 * Issue 11, part 5: the printable posters. The PDF of 原州区 is rendered page by page with poppler
 * (pdftoppm to PNG, as a print shop would rasterise it) and read back (pdftotext): one station per
 * page, its name in Chinese. With WeChat configured, each page carries the mini-program code the fake
 * WeChat server drew for that station. Without poppler the suite is skipped loudly on a person's
 * machine; under CI=true that is a failure.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startFakeWechat, type FakeWechat } from './support/fake-wechat';
import { CODES, PASSWORD, seedFixtures, STATIONS } from './support/fixtures';
import { call, startTestApp, type TestApp } from './support/harness';

const POPPLER = ['/usr/bin/pdftoppm', '/usr/bin/pdftotext', '/usr/bin/pdfinfo'];
const hasPoppler = POPPLER.every(existsSync);
const why = 'poppler-utils not found (pdftoppm, pdftotext, pdfinfo): apt-get install -y poppler-utils';
if (!hasPoppler && process.env.CI !== 'true') process.stderr.write(`\n\u26a0\ufe0f  SKIPPED "posters": ${why}.\n\n`);
const describePdf = hasPoppler ? describe : process.env.CI === 'true' ? describe : describe.skip;

let app: TestApp;
let fake: FakeWechat;
let token: string;
const dir = mkdtempSync(path.join(tmpdir(), 'plsr-posters-'));

async function poster(query: string, as = token): Promise<{ status: number; type: string | null; disposition: string | null; file: string; body: Buffer }> {
  const res = await fetch(`${app.url}/api/posters?${query}`, { headers: { authorization: `Bearer ${as}` } });
  const body = Buffer.from(await res.arrayBuffer());
  const file = path.join(dir, `${query.replace(/\W/g, '_')}.pdf`);
  writeFileSync(file, body);
  return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), file, body };
}

const pageText = (file: string, page: number) =>
  execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-layout', file, '-'], { encoding: 'utf8' });
const info = (file: string) => execFileSync('pdfinfo', [file], { encoding: 'utf8' });

describePdf('posters (评价二维码海报)', () => {
  if (!hasPoppler) {
    it('renders with poppler', () => {
      throw new Error(`${why}. CI must render the posters.`);
    });
    return;
  }

  beforeAll(async () => {
    app = await startTestApp({ PUBLIC_BASE_URL: 'https://pingjia.sft.nx.gov.cn' });
    await seedFixtures(app.db);
    token = (await call(app, 'POST', '/api/auth/password', { json: { username: 'yuanzhou', password: PASSWORD } })).body.token;
  });
  afterAll(() => app.close());

  it('prints 原州区: one station per A4 page, its name in Chinese, rendered to PNG by pdftoppm', async () => {
    const r = await poster(`region=${CODES.yuanzhou}`);
    expect(r.status).toBe(200);
    expect(r.type).toBe('application/pdf');
    expect(decodeURIComponent(r.disposition!)).toContain('原州区评价二维码海报-A4.pdf');
    expect(info(r.file)).toMatch(/Pages:\s+4/);
    expect(info(r.file)).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    const names = ['原州区公共法律服务中心', '南关街道公共法律服务工作站', '三营镇公共法律服务工作站', '东塬村公共法律服务工作室'];
    const codes = [STATIONS.yuanzhouCentre, STATIONS.nanguan, STATIONS.sanying, STATIONS.dongyuan];
    names.forEach((name, i) => {
      const text = pageText(r.file, i + 1);
      expect(text).toContain(name);
      expect(text).toContain(`站点编码 ${codes[i]}`);
      expect(text).toContain('12348');
      expect(text).toContain('用微信扫描上方二维码');
      // One station a page: no other station's name on it.
      for (const other of names.filter((n) => n !== name)) expect(text).not.toContain(other);
    });
    expect(pageText(r.file, 3)).toContain('原州区 三营镇');
    // The Chinese font is embedded (a subset), not expected of the printer.
    expect(execFileSync('pdffonts', [r.file], { encoding: 'utf8' })).toMatch(/WenQuanYi|Noto|CID/);

    const out = path.join(dir, 'yuanzhou');
    execFileSync('pdftoppm', ['-r', '40', '-png', r.file, out]);
    const pngs = readdirSync(dir).filter((f) => f.startsWith('yuanzhou') && f.endsWith('.png'));
    expect(pngs).toHaveLength(4);
    for (const png of pngs) expect(statSync(path.join(dir, png)).size).toBeGreaterThan(3000);
  });

  it('prints a township’s stations on A5, and refuses a region outside the jurisdiction, a village, or a region with no station', async () => {
    const r = await poster(`region=${CODES.sanying}&size=A5`);
    expect(r.status).toBe(200);
    expect(info(r.file)).toMatch(/Pages:\s+2/);
    expect(info(r.file)).toMatch(/Page size:\s+419\.\d+ x 595\.\d+ pts/); // A5
    expect(pageText(r.file, 1)).toContain('三营镇公共法律服务工作站');
    expect((await poster(`region=${CODES.xiji}`)).status).toBe(403);
    expect((await poster(`region=${CODES.dongyuan}`)).status).toBe(400);
    expect((await poster(`region=${CODES.yuanzhou}&size=A3`)).status).toBe(400);
    const other = await call(app, 'POST', '/api/auth/password', { json: { username: 'xiji', password: PASSWORD } });
    await app.db.station.updateMany({ where: { countyCode: CODES.xiji }, data: { status: 'suspended' } });
    expect((await poster(`region=${CODES.xiji}`, other.body.token)).status).toBe(404);
    await app.db.station.updateMany({ where: { countyCode: CODES.xiji }, data: { status: 'active' } });
  });
});

describePdf('posters with WeChat configured', () => {
  if (!hasPoppler) return;

  beforeAll(async () => {
    fake = await startFakeWechat();
    app = await startTestApp({ WECHAT_APP_ID: 'wx-test-app', WECHAT_APP_SECRET: 'test-secret', WECHAT_API_BASE: fake.url });
    await seedFixtures(app.db);
    token = (await call(app, 'POST', '/api/auth/password', { json: { username: 'yuanzhou', password: PASSWORD } })).body.token;
  });
  afterAll(async () => {
    await app.close();
    await fake.close();
  });

  it('puts each station’s mini-program code on its page', async () => {
    const r = await poster(`region=${CODES.sanying}`);
    expect(r.status).toBe(200);
    const scenes = fake.requests.filter((q) => q.path === '/wxa/getwxacodeunlimit').map((q) => (q.body as { scene: string }).scene);
    expect(scenes).toEqual([STATIONS.sanying, STATIONS.dongyuan]);
    expect(execFileSync('pdfimages', ['-list', r.file], { encoding: 'utf8' }).trim().split('\n').length).toBeGreaterThanOrEqual(2 + 2);
  });

  it('when a fresh server cannot reach WeChat, answers 503 and says so in Chinese', async () => {
    const broken = await startTestApp({
      WECHAT_APP_ID: 'wx-test-app',
      WECHAT_APP_SECRET: 'test-secret',
      WECHAT_API_BASE: 'http://127.0.0.1:9',
      WECHAT_TIMEOUT_MS: '500',
    });
    try {
      await seedFixtures(broken.db);
      const t = (await call(broken, 'POST', '/api/auth/password', { json: { username: 'yuanzhou', password: PASSWORD } })).body.token;
      const r = await call(broken, 'GET', `/api/posters?region=${CODES.sanying}`, { token: t });
      expect(r.status).toBe(503);
      expect(r.body.code).toBe('upstream_unavailable');
    } finally {
      await broken.close();
    }
  });
});

describe('posters without a Chinese font', () => {
  it('answers 503 not_configured, naming the fix', async () => {
    const plain = await startTestApp({ POSTER_FONT: '/nonexistent/font.ttc' });
    try {
      await seedFixtures(plain.db);
      const t = (await call(plain, 'POST', '/api/auth/password', { json: { username: 'yuanzhou', password: PASSWORD } })).body.token;
      const r = await call(plain, 'GET', `/api/posters?region=${CODES.yuanzhou}`, { token: t });
      expect(r.status).toBe(503);
      expect(r.body).toEqual({ code: 'not_configured', message: '服务器未安装中文字体,无法生成海报(安装 fonts-wqy-microhei 或设置 POSTER_FONT)' });
    } finally {
      await plain.close();
    }
  });
});
