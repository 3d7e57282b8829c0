#!/usr/bin/env node
// The API and script suites (jest project "server") again, on PostgreSQL: a throwaway cluster in a temp
// folder (pg-cluster.mjs: initdb, started on 127.0.0.1 on a free port, stopped and removed afterwards,
// also on failure or Ctrl-C), PLSR_TEST_PG_URL pointing the test database helper at it. Where PostgreSQL
// is not installed the pass is skipped loudly; under CI=true that is a failure. Exits with jest's code.
// Extra arguments go to jest: `node scripts/test-postgres.mjs server/test/api-ratings.test.ts`.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPgBin, startCluster } from './pg-cluster.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ci = ['true', '1'].includes(String(process.env.CI).toLowerCase());

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

  let cluster = null;
  let jest = null;
  const onSignal = (signal) => {
    process.stderr.write(`\nPostgreSQL suites: ${signal}, stopping the cluster\n`);
    if (jest && jest.exitCode === null) jest.kill(signal);
    cluster?.stop();
    process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    // A throwaway cluster: durability off, it only has to be fast.
    cluster = await startCluster({ bin, settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } });
    console.log(`PostgreSQL suites: ${cluster.version} on 127.0.0.1:${cluster.port} (cluster ${cluster.dir}, ready in ${cluster.seconds.toFixed(1)} s)`);

    const env = {
      ...process.env,
      PLSR_TEST_PG_URL: cluster.url,
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
    cluster?.stop();
  }
}

process.exitCode = await main();
