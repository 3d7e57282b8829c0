/**
 * Debian's Chromium driven by playwright-core (`npx playwright install` cannot download here).
 * Without the browser, a person's `npm test` skips these suites and says so loudly; under CI=true
 * a missing browser is a failure, never a skip.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS_DIR = path.resolve(__dirname, '../../../test-artifacts/e2e');

/** Flags that work as root on a closed network (see ../shared/TOOLCHAIN.md). */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function describeInBrowser(name: string, body: () => void): void {
  if (existsSync(CHROMIUM_PATH)) {
    describe(name, body);
    return;
  }
  const why = `Chromium not found at ${CHROMIUM_PATH} (install it: apt-get install -y chromium, or set CHROMIUM_PATH)`;
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('runs in Chromium', () => {
        throw new Error(`${why}. CI must run the browser journeys.`);
      });
    });
    return;
  }
  // Straight to stderr: jest swallows console output of a file whose tests are all skipped.
  process.stderr.write(`\n\u26a0\ufe0f  SKIPPED "${name}": ${why}.\n\n`);
  describe.skip(name, body);
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: FLAGS });
}

/** What Chromium reported as blocked by the server's Content-Security-Policy, on any page opened so far. */
export const cspViolations: string[] = [];

/** A phone: 390×844, touch, Chinese. Each context starts with empty storage (a new resident). */
export async function newPhone(browser: Browser, options: { acceptDownloads?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...options,
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('Content Security Policy')) cspViolations.push(message.text());
  });
  page.on('pageerror', (error) => {
    throw new Error(`page error in the H5 app: ${error.message}`);
  });
  return { context, page };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`) });
}

/** Waits until `read()` gives `expected` (the app retries in the background), or fails with the last value. */
export async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (last !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  expect(last).toBe(expected);
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page as it is now, one line each (rule, impact, where). */
export async function axeProblems(page: Page): Promise<string[]> {
  // Through the DevTools protocol, which the page's Content-Security-Policy does not govern.
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    type Result = { violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown[] }> }> };
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<Result> } }).axe;
    const { violations } = await axe.run(document, { resultTypes: ['violations'] });
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join(', ')}`,
      );
  });
}

/**
 * The browser's text-size setting, as a person sets it (Chrome's 字体大小): the default font size,
 * 16 px at 100 %. The app reads it and turns elder mode on from 125 %.
 */
export async function setTextSize(page: Page, percent: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: Math.round((16 * percent) / 100), fixed: Math.round((13 * percent) / 100) } });
}

/** The slow 3G of a township: 400 ms round trips, 50 KB/s each way. */
export async function slow3G(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 400, downloadThroughput: 50 * 1024, uploadThroughput: 50 * 1024 });
}

/** Pixels the page runs off the right edge (0 when it fits). */
export async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/**
 * Visible text that runs past the side of a box it sits in (cut off, or drawn over the edge of a
 * button or card), as the text itself, one entry each.
 */
export async function clippedText(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('#app *'))
      .filter((e) => e.offsetParent !== null && e.childElementCount === 0 && (e.textContent ?? '').trim() !== '')
      .filter((e) => {
        const range = document.createRange();
        range.selectNodeContents(e);
        const text = range.getBoundingClientRect();
        // Every box around it up to the page, or up to a scrolling box (whose content may lie beyond its edge).
        for (let box = e.parentElement; box && box.id !== 'app'; box = box.parentElement) {
          const style = getComputedStyle(box);
          if (/(auto|scroll)/.test(style.overflowX + style.overflowY)) return false;
          if (style.display === 'inline') continue;
          const edge = box.getBoundingClientRect();
          if (text.left < edge.left - 1 || text.right > edge.right + 1) return true;
        }
        return false;
      })
      .map((e) => (e.textContent ?? '').trim()),
  );
}
