#!/usr/bin/env node
// The API and script suites (jest project "server") again, on PostgreSQL: a throwaway cluster in a temp
// folder (initdb, started on 127.0.0.1 on a free port, stopped and removed afterwards, also on failure
// or Ctrl-C), PLSR_TEST_PG_URL pointing the test database helper at it. Where PostgreSQL is not
// installed the pass is skipped loudly; under CI=true that is a failure. Exits with jest's code.
// Extra arguments go to jest: `node scripts/test-postgres.mjs server/test/api-ratings.test.ts`.
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ci = ['true', '1'].includes(String(process.env.CI).toLowerCase());

/** The newest /usr/lib/postgresql/<version>/bin that has initdb (PLSR_PG_BIN overrides). */
function findPgBin() {
  if (process.env.PLSR_PG_BIN) return existsSync(join(process.env.PLSR_PG_BIN, 'initdb')) ? process.env.PLSR_PG_BIN : null;
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
  return versions.length ? join(base, versions[0], 'bin') : null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const shellQuote = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;
const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL program; as root through `su postgres` (initdb and postgres refuse root). */
function pg(bin, program, args) {
  const cmd = [join(bin, program), ...args];
  const r = asRoot
    ? spawnSync('su', ['postgres', '-s', '/bin/sh', '-c', cmd.map(shellQuote).join(' ')], { encoding: 'utf8' })
    : spawnSync(cmd[0], cmd.slice(1), { encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`${program} failed (${r.status ?? r.signal}):\n${r.stdout ?? ''}${r.stderr ?? ''}${r.error ?? ''}`);
  }
  return r.stdout;
}

function skip() {
  const lines = [
    '',
    '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
    '!! PostgreSQL suites SKIPPED: no PostgreSQL found (looked for /usr/lib/postgresql/*/bin/initdb).',
    '!! The API and script suites ran on SQLite only; deployments run on PostgreSQL.',
    '!! Install it to run them here too: apt-get install -y postgresql   (CI installs it and must run them)',
    '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
    '',
  ];
  process.stderr.write(lines.join('\n'));
}

async function main() {
  const bin = findPgBin();
  if (!bin) {
    if (ci) {
      process.stderr.write(
        'PostgreSQL suites: FAILED to start: CI=true but no PostgreSQL found (/usr/lib/postgresql/*/bin/initdb). .ci/run installs the Debian package `postgresql`.\n',
      );
      return 1;
    }
    skip();
    return 0;
  }

  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'plsr-pg-'));
  const data = join(dir, 'data');
  let running = false;
  let jest = null;
  let cleaned = false;
  const cleanup = () => {
    if (cleaned) return;
    cleaned = true;
    if (running) {
      try {
        pg(bin, 'pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } catch (error) {
        process.stderr.write(`${error.message}\n`);
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = (signal) => {
    process.stderr.write(`\nPostgreSQL suites: ${signal}, stopping the cluster\n`);
    if (jest && jest.exitCode === null) jest.kill(signal);
    cleanup();
    process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    if (asRoot) chownSync(dir, Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim()), -1);
    pg(bin, 'initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    const port = await freePort();
    // A throwaway cluster: durability off, it only has to be fast.
    const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    pg(bin, 'pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', options, '-w', 'start']);
    running = true;
    const version = pg(bin, 'postgres', ['--version']).trim();
    console.log(`PostgreSQL suites: ${version} on 127.0.0.1:${port} (cluster ${dir}, ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);

    const env = {
      ...process.env,
      PLSR_TEST_PG_URL: `postgresql://postgres@127.0.0.1:${port}/postgres`,
      PLSR_TEST_DB_LABEL: 'postgresql',
    };
    const t0 = Date.now();
    const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
    jest = spawn(npx, ['jest', ...process.argv.slice(2), '--selectProjects', 'server'], { cwd: root, env, stdio: 'inherit' });
    const code = await new Promise((resolve) => jest.on('close', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
    const seconds = ((Date.now() - t0) / 1000).toFixed(1);
    console.log(`PostgreSQL suites: ${code === 0 ? 'passed' : `FAILED (jest exit ${code})`} in ${seconds} s`);
    return code;
  } catch (error) {
    process.stderr.write(`PostgreSQL suites: could not run: ${error.message}\n`);
    return 1;
  } finally {
    cleanup();
  }
}

process.exitCode = await main();
