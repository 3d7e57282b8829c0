/**
 * The resident's journey in a real browser: the built H5 app, served by the real server on a fresh
 * SQLite file, in Debian's Chromium at phone size. Screenshots of each page go to
 * test-artifacts/e2e/.
 */
import { randomUUID } from 'node:crypto';
import { ensureH5Build, OUTPUT_DIRS } from '@plsr/miniapp/build';
import { scanRatings } from '@plsr/server';
import { seedFixtures, PASSWORD, STATIONS } from '@plsr/server/test-support/fixtures';
import { startTestApp, type TestApp } from '@plsr/server/test-support/harness';
import { beijingDate } from '@plsr/shared/time';
import { gzipSync } from 'node:zlib';
import type { Browser, Locator, Page, Request, Response } from 'playwright-core';
import {
  axeProblems,
  clippedText,
  cspViolations,
  describeInBrowser,
  eventually,
  launchBrowser,
  newPhone,
  overflow,
  screenshot,
  setTextSize,
  slow3G,
} from './browser';

const BUILD_AND_START_MS = 300_000;

let app: TestApp;
let browser: Browser;
let fixtures: Awaited<ReturnType<typeof seedFixtures>>;

const SANYING = '三营镇公共法律服务工作站';

/** Opens the poster link of 三营镇's station and waits for its name (a heading). */
async function openStation(page: Page, code: string = STATIONS.sanying, name = SANYING): Promise<void> {
  await page.goto(`${app.url}/s/${code}`);
  await page.getByRole('heading', { name, exact: true }).waitFor();
}

/**
 * On a first visit: accepts the notice, chooses the person and a level on the station page, then
 * opens the full form (for a comment, a reason, the dimensions) with them carried over.
 */
async function openFormFor(page: Page, person: RegExp, level: string): Promise<void> {
  await openStation(page);
  await page.getByRole('button', { name: '同意并继续' }).click();
  await page.getByRole('radio', { name: person }).click();
  await page.getByRole('radio', { name: level }).click();
  await page.getByRole('link', { name: '写几句话或分项评价(选填)' }).click();
  await page.getByText('想说的话(选填)').waitFor();
}

/** Counts the taps a person makes: each is a click on a control found by its role and name. */
function tapCounter() {
  let taps = 0;
  return {
    tap: async (control: Locator) => {
      taps++;
      await control.click();
    },
    get count() {
      return taps;
    },
  };
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
    await ensureH5Build();
    app = await startTestApp({ H5_DIST_DIR: OUTPUT_DIRS.h5 });
    app.setNow(new Date().toISOString());
    fixtures = await seedFixtures(app.db);
    browser = await launchBrowser();
  }, BUILD_AND_START_MS);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('a 满意 takes 4 taps on first use (the notice accepted) and 3 on a returning phone, from the opened station to the thanks page', async () => {
    const { context, page } = await newPhone(browser);
    const first = tapCounter();
    await openStation(page);
    await first.tap(page.getByRole('button', { name: '同意并继续' }));
    await first.tap(page.getByRole('radio', { name: /马文清/ }));
    // Proposed from his role, changeable; 个人 proposed too. No level is ever proposed.
    expect(await page.getByRole('radio', { name: '法律咨询', exact: true }).getAttribute('aria-checked')).toBe('true');
    expect(await page.getByRole('radio', { name: '个人' }).getAttribute('aria-checked')).toBe('true');
    expect(await page.getByRole('radiogroup', { name: '满意程度' }).getByRole('radio', { checked: true }).count()).toBe(0);
    await first.tap(page.getByRole('radio', { name: '满意(4星)' }));
    await first.tap(page.getByRole('button', { name: '提交评价' }));
    await page.getByRole('heading', { name: '感谢您的评价' }).waitFor();
    expect(first.count).toBeLessThanOrEqual(4);
    console.log(`taps for a 满意: first use ${first.count}`);

    const returning = tapCounter();
    await openStation(page);
    await returning.tap(page.getByRole('radio', { name: /王建国/ }));
    await returning.tap(page.getByRole('radio', { name: '满意(4星)' }));
    await returning.tap(page.getByRole('button', { name: '提交评价' }));
    await page.getByRole('heading', { name: '感谢您的评价' }).waitFor();
    expect(returning.count).toBeLessThanOrEqual(3);
    console.log(`taps for a 满意: returning phone ${returning.count}`);

    // Where one person is on duty, they are chosen already: two taps.
    const single = tapCounter();
    await openStation(page, STATIONS.jiqiang, '吉强镇公共法律服务工作站');
    await single.tap(page.getByRole('radio', { name: '非常满意(5星)' }));
    await single.tap(page.getByRole('button', { name: '提交评价' }));
    await page.getByRole('heading', { name: '感谢您的评价' }).waitFor();
    expect(single.count).toBe(2);

    // The same person again the same day: said before sending.
    await openStation(page);
    await page.getByRole('radio', { name: /马文清/ }).click();
    await page.getByText('您今天已评价过马文清,再次提交将替换今天的那条评价。').waitFor();
    await screenshot(page, '18-same-day-notice');
    expect(await ratingsOf(fixtures.staff.lawyerMa.id)).toBe(1);
    await context.close();
  });

  it('opens a station link, rates a lawyer 满意 with a comment, sees it in 我的评价 and in the county’s year-end', async () => {
    const { context, page } = await newPhone(browser);
    await page.goto(`${app.url}/s/${STATIONS.sanying}`);
    await page.getByText('个人信息保护提示').waitFor();
    await screenshot(page, '01-privacy-notice');
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshot(page, '01-privacy-notice-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: '同意并继续' }).click();
    await page.getByText('原州区', { exact: false }).first().waitFor();
    await expectText(page, '固原市 › 原州区 › 三营镇');
    await screenshot(page, '02-station');

    await page.getByRole('radio', { name: /马文清/ }).click();
    await page.getByRole('radio', { name: '满意(4星)' }).click();
    await page.getByRole('link', { name: '写几句话或分项评价(选填)' }).click();
    await page.getByText('想说的话(选填)').waitFor();
    // The stars and 个人 came along from the station page.
    expect(await page.getByRole('radio', { name: '满意(4星)' }).getAttribute('aria-checked')).toBe('true');
    await screenshot(page, '03-rate-carried-over');

    await page.locator('[aria-label="评价内容"] textarea').fill('马律师讲得很耐心,帮我理清了合同纠纷');
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
    expect(assessment.totals.ratings).toBeGreaterThanOrEqual(1);
    expect(assessment.staff.find((s) => s.name === '马文清')?.ratings).toBeGreaterThanOrEqual(1);
  });

  it('when the rating is 不满意, then the station page leads on to the reason, which is required', async () => {
    const { context, page } = await newPhone(browser);
    await openStation(page);
    await page.getByRole('button', { name: '同意并继续' }).click();
    await page.getByRole('radio', { name: /王建国/ }).click();
    await page.getByRole('radio', { name: '不满意(2星)' }).click();
    await page.getByRole('button', { name: '下一步:说明原因' }).click();
    await page.getByText('不满意的原因(必选)').waitFor();
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByText('不满意的评价请选择原因').waitFor();
    await screenshot(page, '04-rate-messages');
    await page.getByRole('radio', { name: '服务态度差' }).click();
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByRole('heading', { name: '感谢您的评价' }).waitFor();
    await context.close();
  });

  it('when a resident rated the same lawyer on an earlier day too, then 我的评价 shows that one as 以后续评价为准, with why', async () => {
    const { context, page } = await newPhone(browser);
    await openStation(page);
    await page.getByRole('button', { name: '同意并继续' }).click();
    await page.getByRole('radio', { name: /马文清/ }).click();
    await page.getByRole('radio', { name: '非常满意(5星)' }).click();
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

  it('shows 提交评价 grey until a person and a level are chosen, then green with white text at 4.5:1 or more', async () => {
    const { context, page } = await newPhone(browser);
    await openStation(page);
    await page.getByRole('button', { name: '同意并继续' }).click();
    const button = page.getByRole('button', { name: '提交评价' });
    const look = () => button.evaluate((e) => ({ background: getComputedStyle(e).backgroundColor, colour: getComputedStyle(e).color }));
    const off = await look();
    expect(off.background).toBe('rgb(227, 229, 232)');
    expect(await button.getAttribute('aria-disabled')).toBe('true');
    expect(contrast(off.colour, off.background)).toBeGreaterThanOrEqual(4.5);
    await page.getByRole('radio', { name: /马文清/ }).click();
    expect(await button.getAttribute('aria-disabled')).toBe('true');
    await page.getByRole('radio', { name: '满意(4星)' }).click();
    const on = await look();
    expect(on.background).toBe('rgb(6, 128, 63)');
    expect(await button.getAttribute('aria-disabled')).toBe('false');
    // Not Taro's translucent white of a disabled button: white, at 5:1.
    expect(on.colour).toBe('rgb(255, 255, 255)');
    expect(contrast(on.colour, on.background)).toBeGreaterThanOrEqual(4.5);
    expect(contrast('rgba(255, 255, 255, 0.6)', on.background)).toBeLessThan(4.5);
    await screenshot(page, '16-station-ready');
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshot(page, '17-station-ready-1280');
    await context.close();
  });

  it('works from the keyboard alone: Tab reaches each control, Enter and Space press it, focus goes into the privacy dialog and back', async () => {
    const { context, page } = await newPhone(browser);
    await openStation(page);
    // The dialog takes focus (a screen reader reads its title), and Tab stays among its controls.
    await eventually(() => page.evaluate(() => document.activeElement?.getAttribute('aria-labelledby') ?? ''), 'privacy-title');
    const inDialog: string[] = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      inDialog.push(
        await page.evaluate(() => (document.activeElement?.closest('[role="dialog"]') ? (document.activeElement?.textContent?.trim() ?? '') : 'outside')),
      );
    }
    expect(inDialog).toEqual(['查看完整的《个人信息保护说明》', '同意并继续', '不同意', '查看完整的《个人信息保护说明》']);
    await page.getByRole('button', { name: '同意并继续' }).focus();
    await page.keyboard.press('Enter');
    await eventually(() => page.getByRole('dialog').count(), 0);

    const focusOn = async (name: string | RegExp) => {
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        // Nothing in focus (Tab left the page for the browser's own controls) reads as no label.
        const label = await page.evaluate(() => {
          const focused = document.activeElement;
          if (!focused || focused === document.body) return '';
          return focused.getAttribute('aria-label') ?? focused.textContent?.trim() ?? '';
        });
        if (typeof name === 'string' ? label === name : name.test(label)) return;
      }
      throw new Error(`Tab never reached ${String(name)}`);
    };
    await focusOn(/王建国/);
    await page.keyboard.press('Space');
    await eventually(() => page.getByRole('radio', { name: /王建国/ }).getAttribute('aria-checked'), 'true');
    await focusOn('非常满意(5星)');
    await page.keyboard.press('Enter');
    await focusOn('提交评价');
    await screenshot(page, '19-keyboard-focus');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '感谢您的评价' }).waitFor();
    await context.close();
  });

  it('when the poster’s code is damaged or unknown, then the page says what to do', async () => {
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
    await openFormFor(page, /王建国/, '满意(4星)');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.getByRole('radio', { name: '非常不满意(1星)' }).waitFor();
    await screenshot(page, '08-rate-320px');
    await context.close();
  });

  // Each of the resident's pages, in normal and elder mode, at 390 px and at 320 px with the phone's text at 150 %.
  describe.each([
    { mode: 'normal', width: 390, text: 100 },
    { mode: 'elder', width: 390, text: 100 },
    { mode: 'normal', width: 320, text: 150 },
    { mode: 'elder', width: 320, text: 150 },
  ])('$mode mode at $width px, text $text %', ({ mode, width, text }) => {
    it('axe finds nothing serious or critical on the privacy notice, station, rating form, thanks, 我的评价, the full privacy notice and the home page; no text is cut off', async () => {
      const { context, page } = await newPhone(browser);
      await page.setViewportSize({ width, height: width === 320 ? 640 : 844 });
      await setTextSize(page, text);
      const found: string[] = [];
      const check = async (name: string) => {
        await page.waitForTimeout(100); // the last re-render settles
        found.push(...(await axeProblems(page)).map((p) => `${name}: ${p}`));
        found.push(...(await clippedText(page)).map((text) => `${name}: text cut off: ${text}`));
        expect(await overflow(page)).toBeLessThanOrEqual(0);
        await screenshot(page, `a11y-${mode}-${width}-${name}`);
      };
      await openStation(page);
      await page.getByRole('dialog', { name: '个人信息保护提示' }).waitFor();
      await check('privacy');
      await page.getByRole('button', { name: '同意并继续' }).click();
      // Large text turns elder mode on by itself; the switch turns it on or off either way.
      const elderSwitch = page.getByRole('switch', { name: '大字模式' });
      expect(await elderSwitch.getAttribute('aria-checked')).toBe(String(text >= 125));
      if ((await elderSwitch.getAttribute('aria-checked')) !== String(mode === 'elder')) await elderSwitch.click();
      await check('station');
      await page.getByRole('radio', { name: /王建国/ }).click();
      await page.getByRole('radio', { name: '满意(4星)' }).click();
      if (mode === 'elder') await check('station-level');
      await page.getByRole('link', { name: '写几句话或分项评价(选填)' }).click();
      await page.getByText('想说的话(选填)').waitFor();
      await check('rate');
      await page.getByRole('button', { name: '提交评价' }).click();
      await page.getByRole('heading', { name: '感谢您的评价' }).waitFor();
      await check('thanks');
      await page.getByRole('button', { name: '查看我的评价' }).click();
      await page.getByTestId('rating').first().waitFor();
      await check('mine');
      // The full notice, as the dialog's link opens it.
      await page.goto(`${app.url}/#/pages/privacy/index`);
      await page.getByRole('heading', { name: '个人信息保护说明' }).waitFor();
      await check('privacy-page');
      // Where 完成 leads, and where the app opens without a code.
      await page.goto(`${app.url}/#/pages/index/index`);
      await page.getByRole('heading', { name: '公共法律服务评价' }).waitFor();
      expect(await page.getByRole('switch', { name: '大字模式' }).getAttribute('aria-checked')).toBe(String(mode === 'elder'));
      await check('index');
      expect(found).toEqual([]);
      await context.close();
    });
  });

  it('when the network is lost after the station opened, the rating still reaches the thanks page (已保存), and arrives once when it is back', async () => {
    const { context, page } = await newPhone(browser);
    await openStation(page);
    await page.getByRole('button', { name: '同意并继续' }).click();
    // The rest of the path is fetched once the station shows; a person takes a few seconds to read it.
    await page.waitForLoadState('networkidle');
    await context.setOffline(true);
    await page.getByRole('radio', { name: /王建国/ }).click();
    await page.getByRole('radio', { name: '基本满意(3星)' }).click();
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByRole('heading', { name: '评价已保存,待发送' }).waitFor();
    await expectText(page, '联网后会自动发送');
    await screenshot(page, '20-offline-thanks');
    const before = await app.db.rating.count({ where: { staffId: fixtures.staff.mediatorWang.id, level: 3 } });
    expect(before).toBe(0);
    await context.setOffline(false);
    await eventually(() => app.db.rating.count({ where: { staffId: fixtures.staff.mediatorWang.id, level: 3 } }), 1, 40_000);
    await page.getByRole('button', { name: '查看我的评价' }).click();
    await page.getByTestId('rating').getByText('基本满意', { exact: false }).first().waitFor();
    await eventually(() => page.getByTestId('waiting').count(), 0);
    expect(await app.db.rating.count({ where: { staffId: fixtures.staff.mediatorWang.id, level: 3 } })).toBe(1);
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
    await openFormFor(page, /王建国/, '非常满意(5星)');
    await page.locator('[aria-label="评价内容"] textarea').fill('调解员很公道');

    // 1. No network: the request never reaches the server.
    await page.route('**/api/ratings', (route) => route.abort('internetdisconnected'));
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByText('评价已保存,待发送').waitFor();
    await screenshot(page, '09-thanks-queued');
    expect(await commentsOf('调解员很公道')).toBe(0);

    // 2. A weak network: the server stores the rating, but no answer reaches the phone.
    await page.unroute('**/api/ratings');
    await page.route('**/api/**', async (route) => {
      if (route.request().url().endsWith('/api/ratings')) await route.fetch();
      await route.abort('connectionreset');
    });
    await page.getByRole('button', { name: '查看我的评价' }).click();
    await page.getByTestId('waiting').getByText('待发送').waitFor();
    await eventually(() => commentsOf('调解员很公道'), 1);
    await screenshot(page, '10-my-ratings-waiting');

    // 3. The network is back: the retry is recognised, nothing is doubled, the phone lets go.
    await page.unroute('**/api/**');
    await page.reload();
    await page.getByTestId('rating').getByText('调解员很公道').waitFor();
    await eventually(() => page.getByTestId('waiting').count(), 0);
    expect(await page.getByText('调解员很公道').count()).toBe(1);
    await screenshot(page, '11-my-ratings-sent');
    expect(await commentsOf('调解员很公道')).toBe(1);
    expect(sent.length).toBeGreaterThanOrEqual(3);
    expect(new Set(sent).size).toBe(1);
    await context.close();
  });

  it('on slow 3G (400 ms, 50 KB/s) shows the station’s name at once, and the scripts the station page needs stay within 120 KB compressed', async () => {
    const { context, page } = await newPhone(browser);
    const scripts: Response[] = [];
    page.on('response', (response: Response) => {
      if (response.request().resourceType() === 'script') scripts.push(response);
    });
    await slow3G(page);
    const started = Date.now();
    await page.goto(`${app.url}/s/${STATIONS.sanying}`, { waitUntil: 'commit' });
    await page.getByRole('heading', { name: SANYING }).waitFor({ timeout: 30_000 });
    const toName = Date.now() - started;
    // The app's own page, ready to be tapped: the notice to accept, the people to choose.
    await page.getByRole('button', { name: '同意并继续' }).waitFor({ timeout: 30_000 });
    const toReady = Date.now() - started;
    const firstLoad = [...scripts];
    const sizes = await Promise.all(firstLoad.map(async (r) => ({ url: new URL(r.url()).pathname, gzip: gzipSync(await r.body(), { level: 9 }).length })));
    const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
    console.log(
      `slow 3G: station name after ${toName} ms, station page ready after ${toReady} ms; its JS ${(total / 1000).toFixed(1)} KB gzip in ${sizes.length} files (${sizes
        .map((s) => `${s.url} ${(s.gzip / 1000).toFixed(1)}`)
        .join(', ')})`,
    );
    expect(sizes.length).toBeGreaterThanOrEqual(2);
    expect(total).toBeLessThanOrEqual(120_000);
    await context.close();
  });

  it('runs under the server’s Content-Security-Policy with nothing blocked on any page opened above', async () => {
    const res = await fetch(`${app.url}/`);
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    expect(cspViolations).toEqual([]);
  });
});

async function commentsOf(comment: string): Promise<number> {
  return app.db.rating.count({ where: { comment } });
}

async function ratingsOf(staffId: number): Promise<number> {
  return app.db.rating.count({ where: { staffId } });
}

async function expectText(page: Page, text: string): Promise<void> {
  await page.getByText(text, { exact: false }).first().waitFor();
}
