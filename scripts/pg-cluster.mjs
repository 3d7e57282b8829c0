// A throwaway PostgreSQL cluster for scripts (the PostgreSQL test pass, the bench): initdb in a temp
// folder, postgres started on 127.0.0.1 on a free port (through `su postgres` when run as root, since
// initdb and postgres refuse root), stopped and removed by `stop()`, at process exit, or on Ctrl-C.
// Types for TypeScript callers: pg-cluster.d.mts.
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';

/** The newest /usr/lib/postgresql/<version>/bin that has initdb (PLSR_PG_BIN overrides); null when none. */
export function findPgBin() {
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
const asRoot = () => process.getuid?.() === 0;

/** Runs a PostgreSQL program and returns its output; as root through `su postgres`. */
function pg(bin, program, args) {
  const cmd = [join(bin, program), ...args];
  const r = asRoot()
    ? spawnSync('su', ['postgres', '-s', '/bin/sh', '-c', cmd.map(shellQuote).join(' ')], { encoding: 'utf8' })
    : spawnSync(cmd[0], cmd.slice(1), { encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`${program} failed (${r.status ?? r.signal}):\n${r.stdout ?? ''}${r.stderr ?? ''}${r.error ?? ''}`);
  }
  return r.stdout;
}

/** Clusters still running, stopped at exit and on SIGINT/SIGTERM whoever else listens. */
const running = new Set();

function stopAllOnSignal(signal) {
  for (const cluster of [...running]) cluster.stop();
  // Alone on this signal, do what Node would have done without a listener: end the process.
  if (process.listenerCount(signal) === 1) process.exit(128 + constants.signals[signal]);
}

function watchProcess() {
  if (watchProcess.done) return;
  watchProcess.done = true;
  process.on('exit', () => {
    for (const cluster of [...running]) cluster.stop();
  });
  process.on('SIGINT', stopAllOnSignal);
  process.on('SIGTERM', stopAllOnSignal);
}

/**
 * Starts a fresh cluster. `settings` are server parameters passed as `-c name=value` (e.g.
 * `{ shared_buffers: '1GB' }`); without any it runs PostgreSQL's defaults, durable ones included.
 * `url` names the `postgres` database as the superuser `postgres` (trust authentication, loopback only).
 * `stop()` is synchronous and idempotent: fast shutdown, then the folder is removed.
 * Throws when no PostgreSQL is installed (see findPgBin) or a step fails; nothing is left behind then.
 */
export async function startCluster({ settings = {}, bin = findPgBin() } = {}) {
  if (!bin) throw new Error('no PostgreSQL found (looked for /usr/lib/postgresql/*/bin/initdb; PLSR_PG_BIN overrides)');
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'plsr-pg-'));
  const data = join(dir, 'data');
  let up = false;
  let stopped = false;
  const cluster = {
    url: '',
    port: 0,
    dir,
    version: '',
    seconds: 0,
    stop() {
      if (stopped) return;
      stopped = true;
      running.delete(cluster);
      if (up) {
        try {
          pg(bin, 'pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
        } catch (error) {
          process.stderr.write(`${error.message}\n`);
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  running.add(cluster);
  watchProcess();
  try {
    if (asRoot()) chownSync(dir, Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim()), -1);
    pg(bin, 'initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    const port = await freePort();
    const options = [
      `-c listen_addresses=127.0.0.1 -p ${port} -k ${shellQuote(dir)}`,
      ...Object.entries(settings).map(([name, value]) => `-c ${name}=${shellQuote(value)}`),
    ].join(' ');
    pg(bin, 'pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', options, '-w', 'start']);
    up = true;
    cluster.port = port;
    cluster.url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
    cluster.version = pg(bin, 'postgres', ['--version']).trim();
    cluster.seconds = (Date.now() - started) / 1000;
    return cluster;
  } catch (error) {
    cluster.stop();
    throw error;
  }
}
