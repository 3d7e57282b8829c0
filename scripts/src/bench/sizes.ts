/**
 * How big the mini-program is, for `npm run bench` (docs/performance.md): WeChat refuses a package over
 * 2 MB and an app over 20 MB, and a resident who opens the H5 link on a slow mobile connection waits for
 * everything index.html asks for before the page shows. Builds both targets with Taro's own CLI into a
 * temporary folder, so a dev build in miniapp/dist or miniapp/dist-h5 is left alone, and measures them.
 *
 *   npx tsx scripts/src/bench/sizes.ts     # builds both (about 40 s) and prints the markdown
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { buildMiniapp, MINIAPP_DIR, OUTPUT_DIRS, runTaroChild, taroBuildFailed, type MiniappTarget } from '@plsr/miniapp/build';

const MiB = 1024 * 1024;
/** developers.weixin.qq.com/miniprogram/dev/framework/subpackages.html: 单个分包/主包 2M, 所有分包 20M. */
export const WEAPP_LIMITS = { packageBytes: 2 * MiB, totalBytes: 20 * MiB } as const;
/** framework/structure.html: the compiled js/json/wxml/wxss and a whitelist of suffixes are uploaded; the rest stays behind. */
const UPLOADED = new Set('js json wxml wxss wxs png jpg jpeg gif svg cer mp3 aac m4a mp4 wav ogg silk wasm br cert'.split(' '));

export interface BuildRun {
  seconds: number;
  /** False when Taro could not be pointed at a temporary folder and the usual output folder was rebuilt. */
  redirected: boolean;
}
export interface FileSize {
  path: string;
  bytes: number;
}
export interface PackageSize {
  /** '' for the main package. */
  root: string;
  bytes: number;
  files: number;
}
export interface WeappSizes {
  build: BuildRun;
  main: PackageSize & { largest: FileSize[] };
  subpackages: PackageSize[];
  total: PackageSize;
  /** Written by the build but outside WeChat's upload whitelist (the minifier's *.LICENSE.txt). */
  notUploaded: FileSize[];
}
/** Bytes as stored, and as the server's precompressed .gz (level 9) and .br (quality 11) files. */
export interface Transfer {
  raw: number;
  gzip: number;
  brotli: number;
}
export interface FirstLoadAsset extends Transfer {
  url: string;
  how: 'script' | 'modulepreload' | 'preload' | 'stylesheet';
}
export interface H5Sizes {
  build: BuildRun;
  html: Transfer;
  scripts: FirstLoadAsset[];
  styles: FirstLoadAsset[];
  firstLoadJs: Transfer;
  firstLoadCss: Transfer;
  allJs: Transfer & { files: number };
  allCss: Transfer & { files: number };
}
export interface SizesReport {
  weapp: WeappSizes;
  h5: H5Sizes;
}

/** Builds the weapp and then the H5 app (one after the other: each takes both cores) and measures them. */
export async function measureSizes(): Promise<SizesReport> {
  const temp = mkdtempSync(path.join(tmpdir(), 'plsr-sizes-'));
  try {
    const weapp = await build('weapp', path.join(temp, 'weapp'));
    const weappSizes = measureWeapp(weapp.dir, weapp.run);
    const h5 = await build('h5', path.join(temp, 'h5'));
    return { weapp: weappSizes, h5: measureH5(h5.dir, h5.run) };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

const CANNOT_REDIRECT = 'sizes.ts: cannot redirect Taro';
/**
 * Taro has no flag for the output folder and config/index.ts derives it from TARO_ENV, so the child
 * sets `outputRoot` on the loaded config before the build reads it. Relative to miniapp/: the H5
 * runner joins it to the project path. If Taro's Config is not where this expects, nothing is built.
 */
const REDIRECTED_TARO = `
const { Config } = require(process.env.SIZES_TARO_SERVICE);
if (typeof Config?.prototype?.init !== 'function') {
  console.error('${CANNOT_REDIRECT}');
  process.exit(1);
}
const init = Config.prototype.init;
Config.prototype.init = async function (...args) {
  await init.apply(this, args);
  this.initialConfig.outputRoot = process.env.SIZES_OUTPUT_ROOT;
};
process.argv = [process.execPath, process.env.SIZES_TARO_BIN, 'build', '--type', process.env.SIZES_TARGET];
require(process.env.SIZES_TARO_BIN);
`;

async function build(target: MiniappTarget, outDir: string): Promise<{ dir: string; run: BuildRun }> {
  process.stderr.write(`[bench] sizes: taro build --type ${target}…\n`);
  const started = performance.now();
  if (await buildRedirected(target, outDir)) return { dir: outDir, run: { seconds: (performance.now() - started) / 1000, redirected: true } };
  process.stderr.write(`[bench] sizes: Taro could not be redirected; building into ${OUTPUT_DIRS[target]}\n`);
  const fallback = performance.now();
  await buildMiniapp(target);
  return { dir: OUTPUT_DIRS[target], run: { seconds: (performance.now() - fallback) / 1000, redirected: false } };
}

/** The same build as miniapp/build.ts (`buildMiniapp`), into `outDir`; false if Taro cannot be redirected. */
async function buildRedirected(target: MiniappTarget, outDir: string): Promise<boolean> {
  const taroBin = require.resolve('@tarojs/cli/bin/taro', { paths: [MINIAPP_DIR] });
  const service = require.resolve('@tarojs/service', { paths: [path.dirname(path.dirname(taroBin))] });
  const env = { SIZES_TARO_SERVICE: service, SIZES_TARO_BIN: taroBin, SIZES_TARGET: target, SIZES_OUTPUT_ROOT: path.relative(MINIAPP_DIR, outDir) };
  const run = await runTaroChild(['-e', REDIRECTED_TARO], env);
  if (run.output.includes(CANNOT_REDIRECT)) return false;
  if (taroBuildFailed(run, existsSync(path.join(outDir, target === 'h5' ? 'index.html' : 'app.json')))) {
    throw new Error(`taro build --type ${target} into ${outDir} failed (exit ${run.code}):\n${run.output.slice(-4000)}`);
  }
  return true;
}

/** Every file under `dir`, by its path relative to `dir` with forward slashes. */
function filesUnder(dir: string, prefix = ''): FileSize[] {
  return readdirSync(path.join(dir, prefix)).flatMap((name) => {
    const rel = prefix ? `${prefix}/${name}` : name;
    const stat = statSync(path.join(dir, rel));
    return stat.isDirectory() ? filesUnder(dir, rel) : [{ path: rel, bytes: stat.size }];
  });
}

const suffix = (file: string) => path.extname(file).slice(1).toLowerCase();
const bytesOf = (files: FileSize[]) => files.reduce((sum, f) => sum + f.bytes, 0);

/** Splits the build the way WeChat packs it: a subpackage is everything under its root, the main package the rest. */
function measureWeapp(dir: string, run: BuildRun): WeappSizes {
  type AppJson = { subPackages?: Array<{ root: string }>; subpackages?: Array<{ root: string }> };
  const app = JSON.parse(readFileSync(path.join(dir, 'app.json'), 'utf8')) as AppJson;
  const roots = [...(app.subPackages ?? []), ...(app.subpackages ?? [])].map((p) => p.root.replace(/^\/+|\/+$/g, ''));
  const files = filesUnder(dir);
  const uploaded = files.filter((f) => UPLOADED.has(suffix(f.path)));
  const rootOf = (file: string) => roots.find((root) => file.startsWith(`${root}/`));
  const inPackage = (root: string) => uploaded.filter((f) => (rootOf(f.path) ?? '') === root);
  const size = (root: string, list: FileSize[]): PackageSize => ({ root, bytes: bytesOf(list), files: list.length });
  const main = inPackage('');
  return {
    build: run,
    main: { ...size('', main), largest: [...main].sort((a, b) => b.bytes - a.bytes).slice(0, 5) },
    subpackages: roots.map((root) => size(root, inPackage(root))),
    total: size('', uploaded),
    notUploaded: files.filter((f) => !UPLOADED.has(suffix(f.path))),
  };
}

function transfer(content: Buffer): Transfer {
  return {
    raw: content.length,
    gzip: gzipSync(content, { level: 9 }).length,
    brotli: brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

function sum(items: Transfer[]): Transfer {
  return items.reduce((t, i) => ({ raw: t.raw + i.raw, gzip: t.gzip + i.gzip, brotli: t.brotli + i.brotli }), { raw: 0, gzip: 0, brotli: 0 });
}

/** What index.html makes the browser fetch before the app runs: scripts, module/script preloads, style sheets. */
function firstLoadUrls(html: string): Array<{ url: string; how: FirstLoadAsset['how'] }> {
  const found = new Map<string, FirstLoadAsset['how']>();
  for (const tag of html.match(/<(?:script|link)\b[^>]*>/gi) ?? []) {
    const attr = (name: string) => {
      const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
      return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
    };
    const rel = (attr('rel') ?? '').toLowerCase().split(/\s+/);
    const as = attr('as')?.toLowerCase();
    const src = /^<script/i.test(tag) ? attr('src') : undefined;
    const href = attr('href');
    if (src) found.set(src, found.get(src) ?? 'script');
    else if (href && rel.includes('stylesheet')) found.set(href, found.get(href) ?? 'stylesheet');
    else if (href && rel.includes('modulepreload')) found.set(href, found.get(href) ?? 'modulepreload');
    else if (href && rel.includes('preload') && (as === 'script' || as === 'style')) found.set(href, found.get(href) ?? 'preload');
  }
  return [...found].filter(([url]) => !/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(url)).map(([url, how]) => ({ url, how }));
}

function measureH5(dir: string, run: BuildRun): H5Sizes {
  const html = readFileSync(path.join(dir, 'index.html'));
  const assets = firstLoadUrls(html.toString('utf8')).map(({ url, how }): FirstLoadAsset => {
    // publicPath is '/': a URL's path is the file's path inside the build.
    const file = path.join(dir, decodeURIComponent(url.replace(/[?#].*$/, '').replace(/^\/+/, '')));
    if (!existsSync(file)) throw new Error(`index.html loads ${url}, which the build did not write`);
    return { url, how, ...transfer(readFileSync(file)) };
  });
  const files = filesUnder(dir);
  const total = (ext: string) => {
    const all = files.filter((f) => suffix(f.path) === ext);
    return { ...sum(all.map((f) => transfer(readFileSync(path.join(dir, f.path))))), files: all.length };
  };
  const scripts = assets.filter((a) => suffix(a.url.replace(/[?#].*$/, '')) !== 'css');
  const styles = assets.filter((a) => suffix(a.url.replace(/[?#].*$/, '')) === 'css');
  return { build: run, html: transfer(html), scripts, styles, firstLoadJs: sum(scripts), firstLoadCss: sum(styles), allJs: total('js'), allCss: total('css') };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const mib = (bytes: number) => `${bytes / MiB} MiB`;
const share = (bytes: number, limit: number) => `${((100 * bytes) / limit).toFixed(1)} %`;
const built = (run: BuildRun, usual: string) =>
  `Built in ${run.seconds.toFixed(1)} s ${run.redirected ? 'into a temporary folder' : `into ${usual} (Taro could not be redirected: the dev build there was replaced)`}.`;

export function sizesMarkdown(r: SizesReport): string {
  const { weapp: w, h5 } = r;
  const packageRow = (name: string, p: PackageSize) =>
    `| ${name} | ${p.files} | ${kib(p.bytes)} | ${mib(WEAPP_LIMITS.packageBytes)} | ${share(p.bytes, WEAPP_LIMITS.packageBytes)} |`;
  const subpackages = w.subpackages.length
    ? w.subpackages.map((p) => packageRow(`subpackage \`${p.root}/\``, p))
    : ['| no subpackages (app.json declares none) | | | | |'];
  const notUploaded = w.notUploaded.length
    ? `\n${w.notUploaded.length} files (${kib(bytesOf(w.notUploaded))}) are outside WeChat's upload whitelist and not counted: ${[...new Set(w.notUploaded.map((f) => `*.${suffix(f.path)}`))].join(', ')}.\n`
    : '';
  const row = (name: string, t: Transfer) => `| ${name} | ${kib(t.raw)} | ${kib(t.gzip)} | ${kib(t.brotli)} |`;
  const asset = (a: FirstLoadAsset) => row(`\`${a.url}\` (${a.how})`, a);
  const h5Rows = [
    row('`index.html`', h5.html),
    ...h5.scripts.map(asset),
    row('**JavaScript**', h5.firstLoadJs),
    ...h5.styles.map(asset),
    row('**CSS**', h5.firstLoadCss),
    row('**everything before the first page chunk**', sum([h5.html, h5.firstLoadJs, h5.firstLoadCss])),
    row(`all JavaScript in the build (${h5.allJs.files} files)`, h5.allJs),
    row(`all CSS in the build (${h5.allCss.files} ${h5.allCss.files === 1 ? 'file' : 'files'})`, h5.allCss),
  ];
  return `## Mini-program package sizes

### WeChat mini-program (\`taro build --type weapp\`)

${built(w.build, 'miniapp/dist')} The main package is every uploaded file outside the subpackage roots in app.json,
counted as bytes on disk before WeChat's own compilation; limits from WeChat's subpackage documentation (2 M per package, 20 M in all, taken here as MiB).

| package | files | size | limit | of limit |
|---|---:|---:|---:|---:|
${packageRow('main package', w.main)}
${subpackages.join('\n')}
| whole app | ${w.total.files} | ${kib(w.total.bytes)} | ${mib(WEAPP_LIMITS.totalBytes)} | ${share(w.total.bytes, WEAPP_LIMITS.totalBytes)} |
${notUploaded}
Largest files in the main package:

| file | size |
|---|---:|
${w.main.largest.map((f) => `| \`${f.path}\` | ${kib(f.bytes)} |`).join('\n')}

### H5 (\`taro build --type h5\`)

${built(h5.build, 'miniapp/dist-h5')} First load is index.html and what it loads (\`<script src>\`, module/script preloads, style sheets);
the page's own chunk follows once the router runs. The server (server/src/h5/static.ts) does not compress on the fly: it sends the
.br (quality 11) or .gz (level 9) file that \`buildMiniapp\` writes beside each file, brotli when the browser accepts it (over HTTPS),
else gzip (\`npm start\` and \`npm run build:h5\` both build through it).

| first load | raw | gzip | brotli |
|---|---:|---:|---:|
${h5Rows.join('\n')}
`;
}

if (require.main === module) {
  measureSizes().then(
    (report) => console.log(sizesMarkdown(report)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
