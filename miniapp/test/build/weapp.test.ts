/**
 * The WeChat build itself: it must compile, stay well under the platform's 2 MB main-package limit
 * (1 MB here, leaving room for what comes), ask for no permission, and carry the pages the codes open;
 * the bureau's and the workers' pages are subpackages of their own, each under WeChat's 2 MB.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildMiniapp, OUTPUT_DIRS } from '@plsr/miniapp/build';

const MAIN_PACKAGE_LIMIT = 1024 * 1024;
/**
 * The main package (the resident's pages) as it was just before the bureau console came (bytes, this
 * build, measured with the bureau/ subpackage taken out). The console and the pages after it may
 * grow it by 10 KB at most: what they share with the resident's pages (zod features, vocabulary,
 * Taro APIs) lands in the main package, so each must be chosen with that in mind.
 */
const MAIN_PACKAGE_BEFORE_BUREAU = 399_370;
const MAIN_PACKAGE_GROWTH_LIMIT = 10 * 1024;
/** WeChat's limit for one subpackage. */
const SUBPACKAGE_LIMIT = 2 * 1024 * 1024;
const dist = OUTPUT_DIRS.weapp;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe('taro build --type weapp', () => {
  let appJson: { pages: string[]; subPackages?: Array<{ root: string }>; requiredPrivateInfos?: string[]; permission?: unknown };

  beforeAll(async () => {
    await buildMiniapp('weapp');
    appJson = JSON.parse(readFileSync(path.join(dist, 'app.json'), 'utf8'));
  }, 180_000);

  it('keeps the main package under 1 MB, and within 10 KB of what it was before the bureau console', () => {
    const subpackageRoots = (appJson.subPackages ?? []).map((p) => path.join(dist, p.root));
    const main = filesUnder(dist).filter((file) => !subpackageRoots.some((root) => file.startsWith(root)));
    const bytes = main.reduce((sum, file) => sum + statSync(file).size, 0);
    console.log(
      `weapp main package: ${(bytes / 1024).toFixed(0)} KiB in ${main.length} files (${bytes - MAIN_PACKAGE_BEFORE_BUREAU} bytes more than before the bureau console)`,
    );
    expect(bytes).toBeGreaterThan(50 * 1024); // a real build, not an empty folder
    expect(bytes).toBeLessThan(MAIN_PACKAGE_LIMIT);
    expect(bytes - MAIN_PACKAGE_BEFORE_BUREAU).toBeLessThanOrEqual(MAIN_PACKAGE_GROWTH_LIMIT);
  });

  it.each([
    [
      'bureau',
      [
        'pages/login/index',
        'pages/dashboard/index',
        'pages/yearend/index',
        'pages/policy/index',
        'pages/cases/index',
        'pages/review/index',
        'pages/inspections/index',
        'pages/inspection/index',
        'pages/stations/index',
        'pages/staff/index',
      ],
    ],
    ['staff', ['pages/login/index', 'pages/ratings/index', 'pages/stations/index']],
  ])('has the %s/ subpackage with its pages, under 2 MB', (root, pages) => {
    const subpackage = (appJson.subPackages ?? []).find((p) => p.root === root) as { root: string; pages: string[] } | undefined;
    expect(subpackage?.pages).toEqual(expect.arrayContaining(pages));
    const files = filesUnder(path.join(dist, root));
    const bytes = files.reduce((sum, file) => sum + statSync(file).size, 0);
    console.log(`weapp ${root} subpackage: ${(bytes / 1024).toFixed(0)} KiB in ${files.length} files`);
    expect(bytes).toBeGreaterThan(4 * 1024);
    expect(bytes).toBeLessThan(SUBPACKAGE_LIMIT);
    // Each page is there, with its script and template.
    for (const page of subpackage!.pages) {
      expect(files).toEqual(expect.arrayContaining([path.join(dist, root, `${page}.js`), path.join(dist, root, `${page}.wxml`)]));
    }
  });

  it('carries the dashboard’s charts (ECharts, with a canvas 2d) in the bureau/ subpackage only', () => {
    // ECharts' mark on its own objects, in the dashboard's script and in no script outside bureau/.
    const ECHARTS = '__ec_primitive__';
    expect(readFileSync(path.join(dist, 'bureau/pages/dashboard/index.js'), 'utf8')).toContain(ECHARTS);
    const outside = filesUnder(dist).filter((f) => !f.startsWith(path.join(dist, 'bureau')) && f.endsWith('.js'));
    expect(outside.filter((f) => readFileSync(f, 'utf8').includes(ECHARTS))).toEqual([]);
    expect(readFileSync(path.join(dist, 'base.wxml'), 'utf8')).toMatch(/<canvas[^>]*type="\{\{i\.p\d+\}\}"/);
  });

  it('carries the station page that mini-program codes open, and asks for no permission', () => {
    expect(appJson.pages).toEqual(expect.arrayContaining(['pages/station/index', 'pages/rate/index', 'pages/mine/index']));
    expect(appJson.requiredPrivateInfos).toBeUndefined();
    expect(appJson.permission).toBeUndefined();
  });

  it('gives the stars and choices WeChat’s accessibility attributes', () => {
    const templates = readFileSync(path.join(dist, 'base.wxml'), 'utf8');
    expect(templates).toMatch(/aria-label="\{\{i\.p\d+\}\}"/);
    expect(templates).toMatch(/aria-role="\{\{i\.p\d+\}\}"/);
  });
});
