/**
 * The resident's journey in a real browser: the built H5 app, served by the real server on a fresh
 * SQLite file, in Debian's Chromium at phone size. Screenshots of each page go to
 * test-artifacts/e2e/.
 */
import { randomUUID } from 'node:crypto';
import { buildMiniapp, OUTPUT_DIRS } from '@plsr/miniapp/build';
import { scanRatings } from '@plsr/server';
import { seedFixtures, PASSWORD, STATIONS } from '@plsr/server/test-support/fixtures';
import { startTestApp, type TestApp } from '@plsr/server/test-support/harness';
import { beijingDate } from '@plsr/shared/time';
import type { Browser, Page, Request } from 'playwright-core';
import { cspViolations, describeInBrowser, eventually, launchBrowser, newPhone, screenshot } from './browser';

const BUILD_AND_START_MS = 300_000;

let app: TestApp;
let browser: Browser;
let fixtures: Awaited<ReturnType<typeof seedFixtures>>;

async function openStationAndChoose(page: Page, person: RegExp, service: string): Promise<void> {
  await page.goto(`${app.url}/s/${STATIONS.sanying}`);
  await page.getByText('三营镇公共法律服务工作站', { exact: true }).waitFor();
  await page.getByText('个人信息保护提示').waitFor();
  await page.getByRole('button', { name: '同意并继续' }).click();
  await page.getByRole('radio', { name: person }).click();
  await page.getByRole('radio', { name: service, exact: true }).click();
  await page.getByRole('button', { name: '下一步:评价' }).click();
  await page.getByText('您对这次服务满意吗?').waitFor();
}

/** WCAG contrast ratio of a CSS rgb()/rgba() text colour over an opaque background colour (a translucent text colour blended over it first). */
function contrast(text: string, background: string): number {
  const parts = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
  const [br, bg, bb] = parts(background) as [number, number, number];
  const [tr, tg, tb, alpha = 1] = parts(text) as [number, number, number, number?];
  const blend = (t: number, b: number) => alpha * t + (1 - alpha) * b;
  const luminance = (rgb: number[]) => {
    const [r, g, b] = rgb.map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [x, y] = [luminance([blend(tr, br), blend(tg, bg), blend(tb, bb)]), luminance([br, bg, bb])].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

async function countyToken(): Promise<string> {
  const r = await fetch(`${app.url}/api/auth/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'yuanzhou', password: PASSWORD }),
  });
  return ((await r.json()) as { token: string }).token;
}

describeInBrowser('the resident’s journey in Chromium (H5 build, real server)', () => {
  beforeAll(async () => {
    await buildMiniapp('h5');
    app = await startTestApp({ H5_DIST_DIR: OUTPUT_DIRS.h5 });
    app.setNow(new Date().toISOString());
    fixtures = await seedFixtures(app.db);
    browser = await launchBrowser();
  }, BUILD_AND_START_MS);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('opens a station link, rates a lawyer 满意 with a comment, sees it in 我的评价 and in the county’s year-end', async () => {
    const { context, page } = await newPhone(browser);
    await page.goto(`${app.url}/s/${STATIONS.sanying}`);
    await page.getByText('个人信息保护提示').waitFor();
    await screenshot(page, '01-privacy-notice');
    await page.getByRole('button', { name: '同意并继续' }).click();
    await page.getByText('原州区', { exact: false }).first().waitFor();
    await expectText(page, '固原市 › 原州区 › 三营镇');
    await screenshot(page, '02-station');

    await page.getByRole('radio', { name: /马文清/ }).click();
    await page.getByRole('radio', { name: '法律咨询' }).click();
    await page.getByRole('button', { name: '下一步:评价' }).click();
    await page.getByText('您对这次服务满意吗?').waitFor();
    await screenshot(page, '03-rate-empty');

    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByText('请选择满意程度').waitFor();
    await screenshot(page, '04-rate-messages');

    await page.getByRole('radio', { name: '满意(4星)' }).click();
    await page.locator('[aria-label="评价内容"] textarea').fill('马律师讲得很耐心,帮我理清了合同纠纷');
    await page.getByRole('radio', { name: '个人' }).click();
    await screenshot(page, '05-rate-filled');
    await page.getByRole('button', { name: '提交评价' }).click();

    await page.getByText('感谢您的评价').waitFor();
    await expectText(page, '您对马文清的评价:满意');
    await screenshot(page, '06-thanks');

    await page.getByRole('button', { name: '查看我的评价' }).click();
    const card = page.getByTestId('rating');
    await card.getByText('马律师讲得很耐心,帮我理清了合同纠纷').waitFor();
    await card.getByText('有效').waitFor();
    await screenshot(page, '07-my-ratings');
    await context.close();

    const year = beijingDate(new Date()).slice(0, 4);
    const r = await fetch(`${app.url}/api/assessments/${year}?region=640402`, {
      headers: { authorization: `Bearer ${await countyToken()}` },
    });
    expect(r.status).toBe(200);
    const assessment = (await r.json()) as {
      totals: { ratings: number };
      staff: Array<{ name: string; ratings: number; meanPoints: number | null }>;
    };
    expect(assessment.totals.ratings).toBe(1);
    expect(assessment.staff.find((s) => s.name === '马文清')).toMatchObject({ ratings: 1, meanPoints: 80 });
  });

  it('when a resident rated the same lawyer on an earlier day too, then 我的评价 shows that one as 以后续评价为准, with why', async () => {
    const { context, page } = await newPhone(browser);
    await openStationAndChoose(page, /马文清/, '法律咨询');
    await page.getByRole('radio', { name: '非常满意(5星)' }).click();
    await page.getByRole('radio', { name: '个人' }).click();
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByText('查看我的评价').waitFor();
    // The same resident's rating of him from the day before (as the late-rating form of an earlier visit would make it).
    const today = await app.db.rating.findFirstOrThrow({ orderBy: { id: 'desc' } });
    const yesterday = new Date(Date.parse(`${today.serviceDate}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const { id: _id, createdAt: _c, updatedAt: _u, ...fields } = today;
    await app.db.rating.create({ data: { ...fields, serviceDate: yesterday, level: 3, clientRequestId: randomUUID(), bodyHash: randomUUID() } });
    await scanRatings({ db: app.db, now: () => new Date() });
    await page.getByRole('button', { name: '查看我的评价' }).click();
    const earlier = page.getByTestId('rating').filter({ hasText: '以后续评价为准' });
    await earlier.getByText('以最近一次服务的评价计入考核', { exact: false }).waitFor();
    expect(await page.getByTestId('rating').filter({ hasText: '有效' }).count()).toBe(1);
    await screenshot(page, '14-my-ratings-superseded');
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshot(page, '15-my-ratings-superseded-1280');
    // A heading and a way back, which a browser (unlike WeChat's bar) would not otherwise show.
    await page.getByRole('heading', { name: '我的评价', level: 1 }).waitFor();
    await page.getByRole('link', { name: '返回' }).click();
    await eventually(() => page.getByRole('heading', { name: '我的评价' }).count(), 0);
    await context.close();
  });

  it('shows 下一步:评价 grey until a person and a service are chosen, then green with white text at 4.5:1 or more', async () => {
    const { context, page } = await newPhone(browser);
    await page.goto(`${app.url}/s/${STATIONS.sanying}`);
    await page.getByText('三营镇公共法律服务工作站', { exact: true }).waitFor();
    await page.getByRole('button', { name: '同意并继续' }).click();
    const button = page.getByRole('button', { name: '下一步:评价' });
    const look = () => button.evaluate((e) => ({ background: getComputedStyle(e).backgroundColor, colour: getComputedStyle(e).color }));
    const off = await look();
    expect(off.background).toBe('rgb(227, 229, 232)');
    expect(await button.getAttribute('aria-disabled')).toBe('true');
    await page.getByRole('radio', { name: /马文清/ }).click();
    await page.getByRole('radio', { name: '法律咨询', exact: true }).click();
    const on = await look();
    expect(on.background).toBe('rgb(6, 128, 63)');
    expect(await button.getAttribute('aria-disabled')).toBe('false');
    await page.getByRole('link', { name: '我的评价' }).waitFor();
    // Not Taro's translucent white of a disabled button: white, at 5:1.
    expect(on.colour).toBe('rgb(255, 255, 255)');
    expect(contrast(on.colour, on.background)).toBeGreaterThanOrEqual(4.5);
    expect(contrast('rgba(255, 255, 255, 0.6)', on.background)).toBeLessThan(4.5);
    await screenshot(page, '16-station-ready');
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshot(page, '17-station-ready-1280');
    await context.close();
  });

  it('when a poster’s code is damaged or unknown, then the page says what to do', async () => {
    const { context, page } = await newPhone(browser);
    await page.goto(`${app.url}/s/${encodeURIComponent('T64-0402<1>')}`);
    await page.getByText('二维码无法识别').waitFor();
    await screenshot(page, '12-bad-code');
    await page.goto(`${app.url}/s/T999999999`);
    await page.getByText('没有找到这个站点').waitFor();
    await expectText(page, '站点编码 T999999999 不存在或已撤销');
    await screenshot(page, '13-unknown-station');
    await context.close();
  });

  it('fits a 320-pixel-wide phone: nothing runs off the side', async () => {
    const { context, page } = await newPhone(browser);
    await page.setViewportSize({ width: 320, height: 640 });
    await openStationAndChoose(page, /王建国/, '人民调解');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectText(page, '非常不满意');
    await screenshot(page, '08-rate-320px');
    await context.close();
  });

  it('when the network drops during submit, the rating waits as 待发送 and arrives exactly once', async () => {
    const { context, page } = await newPhone(browser);
    const sent: string[] = [];
    page.on('request', (request: Request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/ratings')) {
        sent.push((JSON.parse(request.postData() ?? '{}') as { clientRequestId: string }).clientRequestId);
      }
    });
    await openStationAndChoose(page, /王建国/, '人民调解');
    await page.getByRole('radio', { name: '非常满意(5星)' }).click();
    await page.locator('[aria-label="评价内容"] textarea').fill('调解员很公道');
    await page.getByRole('radio', { name: '个人' }).click();

    // 1. No network: the request never reaches the server.
    await page.route('**/api/ratings', (route) => route.abort('internetdisconnected'));
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByText('评价已保存,待发送').waitFor();
    await screenshot(page, '09-thanks-queued');
    expect(await ratingsOf(fixtures.staff.mediatorWang.id)).toBe(0);

    // 2. A weak network: the server stores the rating, but no answer reaches the phone.
    await page.unroute('**/api/ratings');
    await page.route('**/api/**', async (route) => {
      if (route.request().url().endsWith('/api/ratings')) await route.fetch();
      await route.abort('connectionreset');
    });
    await page.getByRole('button', { name: '查看我的评价' }).click();
    await page.getByTestId('waiting').getByText('待发送').waitFor();
    await eventually(() => ratingsOf(fixtures.staff.mediatorWang.id), 1);
    await screenshot(page, '10-my-ratings-waiting');

    // 3. The network is back: the retry is recognised, nothing is doubled, the phone lets go.
    await page.unroute('**/api/**');
    await page.reload();
    await page.getByTestId('rating').getByText('调解员很公道').waitFor();
    await eventually(() => page.getByTestId('waiting').count(), 0);
    expect(await page.getByText('调解员很公道').count()).toBe(1);
    await screenshot(page, '11-my-ratings-sent');
    expect(await ratingsOf(fixtures.staff.mediatorWang.id)).toBe(1);
    expect(sent.length).toBeGreaterThanOrEqual(3);
    expect(new Set(sent).size).toBe(1);
    await context.close();
  });

  it('runs under the server’s Content-Security-Policy with nothing blocked on any page opened above', async () => {
    const res = await fetch(`${app.url}/`);
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    expect(cspViolations).toEqual([]);
  });
});

async function ratingsOf(staffId: number): Promise<number> {
  return app.db.rating.count({ where: { staffId } });
}

async function expectText(page: Page, text: string): Promise<void> {
  await page.getByText(text, { exact: false }).first().waitFor();
}
