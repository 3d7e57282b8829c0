/**
 * Builds the mini-program (`weapp` into dist/, `h5` into dist-h5/) by running Taro's CLI, for
 * `npm start` (H5 when missing) and the tests that check the real builds. Output is kept and
 * shown only when the build fails.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import path from 'node:path';

export const MINIAPP_DIR = __dirname;
export const OUTPUT_DIRS = { weapp: path.join(__dirname, 'dist'), h5: path.join(__dirname, 'dist-h5') } as const;
export type MiniappTarget = keyof typeof OUTPUT_DIRS;

export function isBuilt(target: MiniappTarget): boolean {
  return existsSync(path.join(OUTPUT_DIRS[target], target === 'h5' ? 'index.html' : 'app.json'));
}

/** Newest modification time of the files a build reads (the app, its config, the shared package). */
function newestSourceMs(): number {
  const roots = ['src', 'config', 'package.json', 'babel.config.js', '../shared/src'].map((p) => path.join(__dirname, p));
  const newest = (p: string): number => {
    const stat = statSync(p);
    if (!stat.isDirectory()) return stat.mtimeMs;
    return Math.max(stat.mtimeMs, ...readdirSync(p).map((name) => newest(path.join(p, name))));
  };
  return Math.max(...roots.filter(existsSync).map(newest));
}

/** Built, and built after the last change to its source. */
export function h5BuildIsCurrent(): boolean {
  if (!isBuilt('h5')) return false;
  return statSync(path.join(OUTPUT_DIRS.h5, 'index.html')).mtimeMs >= newestSourceMs();
}

/** Runs node with `args` in miniapp/ (Taro's CLI, or a script that wraps it) and gathers what it prints. */
export function runTaroChild(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: MINIAPP_DIR,
      env: { ...process.env, NODE_ENV: 'production', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** Taro prints errors but may still exit 0: an error line or a missing output is a failure too. */
export function taroBuildFailed(run: { code: number | null; output: string }, built: boolean): boolean {
  return run.code !== 0 || /✖ Errors:|Module not found|ModuleParseError/.test(run.output) || !built;
}

export async function buildMiniapp(target: MiniappTarget, env: NodeJS.ProcessEnv = {}): Promise<void> {
  const run = await runTaroChild([require.resolve('@tarojs/cli/bin/taro'), 'build', '--type', target], env);
  if (taroBuildFailed(run, isBuilt(target))) throw new Error(`taro build --type ${target} failed (exit ${run.code}):\n${run.output.slice(-4000)}`);
  if (target === 'h5') precompress(OUTPUT_DIRS.h5);
}

/**
 * Writes .br and .gz next to each script, style sheet and page of the H5 build: about a third of
 * the bytes over a rural mobile connection, without compressing on every request.
 */
function precompress(dir: string): void {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) {
      precompress(file);
    } else if (/\.(js|css|html)$/.test(name)) {
      const content = readFileSync(file);
      writeFileSync(`${file}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
    }
  }
}

const H5_LOCK = path.join(__dirname, '.h5-build-lock');

/**
 * The H5 build, made only when the sources changed since the last one. Test files that run at the
 * same time (the resident's and the bureau's journeys) take turns through a lock directory, so one
 * builds and the other finds the build current instead of writing into the same folder.
 */
export async function ensureH5Build(): Promise<void> {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(H5_LOCK);
      break;
    } catch {
      // A lock older than the longest build is left from a killed run.
      if (existsSync(H5_LOCK) && Date.now() - statSync(H5_LOCK).mtimeMs > 5 * 60_000) rmSync(H5_LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`waited 10 minutes for ${H5_LOCK}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    if (!h5BuildIsCurrent()) await buildMiniapp('h5');
  } finally {
    rmSync(H5_LOCK, { recursive: true, force: true });
  }
}

/** `npm run build:h5` / `npm run build:weapp` at the root: the same build `npm start` makes, compressed copies included. */
if (require.main === module) {
  const target = process.argv[2];
  if (target !== 'h5' && target !== 'weapp') {
    console.error('usage: tsx miniapp/build.ts h5|weapp');
    process.exit(2);
  }
  const started = performance.now();
  buildMiniapp(target).then(
    () => console.log(`built ${target} into ${OUTPUT_DIRS[target]} in ${((performance.now() - started) / 1000).toFixed(0)} s`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
