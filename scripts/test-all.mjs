#!/usr/bin/env node
// The test run `npm test` makes after the type check: every jest project on SQLite, then the API and
// script suites again on PostgreSQL (scripts/test-postgres.mjs), each timed. Both passes run even when
// the first fails, so one run shows both; the exit code is non-zero when either failed.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

let child = null;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    // The child has the same signal from the terminal; wait for it to clean up (test-postgres stops its cluster).
    if (!child) process.exit(130);
  });
}

function run(command, args, env = process.env) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    child = spawn(command, args, { cwd: root, env, stdio: 'inherit' });
    child.on('close', (code, signal) => {
      child = null;
      resolve({ code: code ?? (signal ? 1 : 0), seconds: ((Date.now() - t0) / 1000).toFixed(1) });
    });
  });
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
// The SQLite pass must not pick up a PostgreSQL URL from the caller's shell.
const { PLSR_TEST_PG_URL: _ignored, ...sqliteEnv } = process.env;
const sqlite = await run(npx, ['jest'], sqliteEnv);
const sqliteLine = `SQLite suites (all projects): ${sqlite.code === 0 ? 'passed' : `FAILED (jest exit ${sqlite.code})`} in ${sqlite.seconds} s`;
console.log(sqliteLine);

const postgres = await run(process.execPath, [join(root, 'scripts', 'test-postgres.mjs')]);
console.log(`\n${sqliteLine}`);
console.log(
  `PostgreSQL pass (API and script suites): ${postgres.code === 0 ? 'done' : `FAILED (exit ${postgres.code})`} in ${postgres.seconds} s (see "PostgreSQL suites:" above)`,
);
process.exitCode = sqlite.code || postgres.code;
