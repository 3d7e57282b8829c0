/**
 * Debian's Chromium driven by playwright-core (`npx playwright install` cannot download here).
 * Without the browser, a person's `npm test` skips these suites and says so loudly; under CI=true
 * a missing browser is a failure, never a skip.
 */
import { existsSync, mkdirSync } from 'node:fs';
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
export async function newPhone(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
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
