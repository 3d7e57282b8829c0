/**
 * The HTTP side of `npm run bench`: the real server (`tsx server/src/main.ts`, production settings, its
 * own process) on a prepared database, loaded with autocannon from this process.
 * - `GET /api/health`, `GET /api/stations/{code}` and `POST /api/ratings` side by side, at each
 *   connection count, several rounds; every rating is a real insert by one of many residents (device
 *   logins) of one of many staff members at a station where they serve today.
 * - `/api/health` while eight province xlsx exports run without pause.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { createBureauUser, type Db } from '@plsr/server';

const ROOT = resolve(__dirname, '..', '..', '..');

export interface Stat {
  min: number;
  median: number;
  max: number;
}

export function stat(values: number[]): Stat {
  const v = [...values].sort((a, b) => a - b);
  return { min: v[0]!, median: v[Math.floor(v.length / 2)]!, max: v[v.length - 1]! };
}

export interface BenchServer {
  url: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * The production entry point in a process of its own, as deployed: fresh secrets, request logging at
 * info (to a pipe that is drained), H5 login by device id on so that the benchmark can make residents,
 * rate limits counting but out of reach.
 */
export async function startBenchServer(databaseUrl: string, env: Record<string, string> = {}): Promise<BenchServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []), '--import', 'tsx', join(ROOT, 'server', 'src', 'main.ts')],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        SESSION_SECRET: randomBytes(32).toString('hex'),
        RESIDENT_HASH_KEY: randomBytes(32).toString('hex'),
        PHONE_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
        DEVICE_LOGIN_ENABLED: 'true',
        LOG_LEVEL: 'info',
        // The rate limits on, as deployed, with counts no run reaches: every login and rating pays for
        // being counted, none is refused.
        LIMIT_DEVICE_LOGIN_IP: '9999999/1h',
        LIMIT_RATING_RESIDENT: '9999999/1h',
        LIMIT_RATING_IP: '9999999/1h',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stdout?.resume();
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${stderr}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 600) throw new Error(`the server did not answer within a minute:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function postJson<T>(url: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${url} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** Residents as the H5 app makes them: a device login each. */
async function residentTokens(server: BenchServer, n: number): Promise<string[]> {
  const tokens: string[] = [];
  const tag = randomBytes(6).toString('hex');
  for (let start = 0; start < n; start += 20) {
    const batch = Array.from({ length: Math.min(20, n - start) }, (_, k) =>
      postJson<{ token: string }>(`${server.url}/api/auth/device`, { deviceId: `bench-${tag}-${String(start + k).padStart(6, '0')}` }),
    );
    tokens.push(...(await Promise.all(batch)).map((s) => s.token));
  }
  return tokens;
}

/** One (station, staff member) per staff member with a post: who a resident can rate today. */
async function postsToRate(db: Db): Promise<{ stationCode: string; staffId: number }[]> {
  const rows = await db.assignment.findMany({
    where: { toDate: null, station: { status: 'active' }, staff: { status: 'active' } },
    select: { staffId: true, station: { select: { code: true } } },
    orderBy: { id: 'asc' },
  });
  const seen = new Set<number>();
  return rows.filter((r) => !seen.has(r.staffId) && seen.add(r.staffId)).map((r) => ({ stationCode: r.station.code, staffId: r.staffId }));
}

export interface Load {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
}

async function load(name: string, options: Parameters<typeof autocannon>[0], expectStatus: number): Promise<Load> {
  const result = await autocannon(options);
  if (result.errors || result.timeouts || result.non2xx) {
    throw new Error(`${name}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} answers other than 2xx (expected ${expectStatus})`);
  }
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, requests: result.requests.total };
}

export interface PathRow {
  path: PathName;
  connections: number;
  rps: Stat;
  p50: Stat;
  p99: Stat;
  /** Per round: this path's requests/s over health's in the same round. */
  ratio: Stat;
}

export type PathName = 'health' | 'station' | 'rating';
export const PATHS: PathName[] = ['health', 'station', 'rating'];

export interface PathOptions {
  /** Health always runs: the others are measured against it. */
  paths?: PathName[];
  connections: number[];
  rounds: number;
  seconds: number;
  log: (msg: string) => void;
}

/**
 * health, station and rating at each connection count, in rounds (one of each per round, back to back),
 * so each ratio compares figures taken seconds apart.
 */
export async function measurePaths(server: BenchServer, db: Db, options: PathOptions): Promise<PathRow[]> {
  const posts = await postsToRate(db);
  const residents = await residentTokens(server, 1000);
  if (posts.length < 100) throw new Error(`only ${posts.length} staff members serve anywhere: not enough to rate`);
  const stationCodes = [...new Set(posts.map((p) => p.stationCode))];
  let nth = 0;
  // Request i: resident ⌊i / P⌋ mod R rates staff member i mod P today: no two requests share a rating,
  // and requests in flight together rate different people (as residents across a province do), so
  // they do not queue on one person's count row.
  const nextRating = () => {
    const i = nth++;
    const post = posts[i % posts.length]!;
    return {
      token: residents[Math.floor(i / posts.length) % residents.length]!,
      body: JSON.stringify({
        clientRequestId: randomUUID(),
        stationCode: post.stationCode,
        staffId: post.staffId,
        serviceType: 'consultation',
        level: 5 - (i % 5 === 4 ? 3 : i % 3),
        ...(i % 5 === 4 ? { reasonCode: 'slow' } : {}),
        raterType: 'individual',
      }),
    };
  };
  if (residents.length * posts.length < 2_000_000) throw new Error('too few residents × staff for distinct ratings');
  let stationNth = 0;
  const paths = PATHS.filter((p) => p === 'health' || !options.paths || options.paths.includes(p));
  const targets: Record<PathName, Pick<Parameters<typeof autocannon>[0], 'requests'>> = {
    health: { requests: [{ method: 'GET', path: '/api/health' }] },
    station: {
      requests: [{ method: 'GET', setupRequest: (req: object) => ({ ...req, path: `/api/stations/${stationCodes[stationNth++ % stationCodes.length]}` }) }],
    },
    rating: {
      requests: [
        {
          method: 'POST',
          path: '/api/ratings',
          setupRequest: (req: object) => {
            const { token, body } = nextRating();
            return { ...req, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body };
          },
        },
      ],
    },
  };
  const samples = new Map<string, Load[]>();
  const key = (path: string, c: number) => `${path}@${c}`;
  // Warm the server up (JIT, SQLite pages) before anything counts; the station read goes once round
  // every station, as a day's first scans do, so the rounds measure the kept views.
  for (const path of paths) {
    await load(`warm-up ${path}`, { url: server.url, connections: 10, duration: 2, ...targets[path] }, 200);
  }
  if (paths.includes('station')) {
    await load(
      'warm-up station views',
      { url: server.url, connections: 10, amount: stationCodes.length - (stationNth % stationCodes.length), ...targets.station },
      200,
    );
  }
  for (let round = 1; round <= options.rounds; round++) {
    for (const c of options.connections) {
      for (const path of paths) {
        const l = await load(
          `${path} at ${c}`,
          { url: server.url, connections: c, duration: options.seconds, ...targets[path] },
          path === 'rating' ? 201 : 200,
        );
        samples.set(key(path, c), [...(samples.get(key(path, c)) ?? []), l]);
        options.log(`round ${round}, ${c} connections, ${path}: ${Math.round(l.rps)}/s, p50 ${l.p50} ms, p99 ${l.p99} ms`);
      }
    }
  }
  const rows: PathRow[] = [];
  for (const c of options.connections) {
    const health = samples.get(key('health', c))!;
    for (const path of paths) {
      const s = samples.get(key(path, c))!;
      rows.push({
        path,
        connections: c,
        rps: stat(s.map((x) => x.rps)),
        p50: stat(s.map((x) => x.p50)),
        p99: stat(s.map((x) => x.p99)),
        ratio: stat(s.map((x, i) => x.rps / health[i]!.rps)),
      });
    }
  }
  return rows;
}

export interface ExportLoad {
  exports: number;
  /** Each export end to end (waiting in the queue included), in ms. */
  exportMs: Stat;
  healthP99: Stat;
  healthP50: Stat;
  healthRps: Stat;
  idleP99: Stat;
}

/**
 * `/api/health` (one connection, as a load balancer's probe would, plus a few more) while eight clients
 * download the province's xlsx again and again; beside it the same probe with nothing else running.
 */
export async function healthDuringExports(server: BenchServer, db: Db, options: { rounds: number; seconds: number; year: number }): Promise<ExportLoad> {
  const username = `bench_region_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('base64url');
  await createBureauUser(db, { username, password, role: 'region', regionCode: '64' });
  const { token } = await postJson<{ token: string }>(`${server.url}/api/auth/password`, { username, password });
  const probe = () => load('health', { url: server.url, connections: 4, duration: options.seconds, requests: [{ method: 'GET', path: '/api/health' }] }, 200);
  const idle: Load[] = [];
  const busy: Load[] = [];
  const exportMs: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    idle.push(await probe());
    let running = true;
    const client = async () => {
      while (running) {
        const t = performance.now();
        const res = await fetch(`${server.url}/api/assessments/${options.year}?region=64&format=xlsx`, { headers: { authorization: `Bearer ${token}` } });
        const bytes = await res.arrayBuffer();
        if (res.status !== 200 || bytes.byteLength < 10_000) throw new Error(`export answered ${res.status} with ${bytes.byteLength} bytes`);
        exportMs.push(performance.now() - t);
      }
    };
    const clients = Array.from({ length: 8 }, client);
    // Let all eight get going before the probe counts.
    await new Promise((r) => setTimeout(r, 500));
    busy.push(await probe());
    running = false;
    await Promise.all(clients);
  }
  return {
    exports: exportMs.length,
    exportMs: stat(exportMs),
    healthP99: stat(busy.map((l) => l.p99)),
    healthP50: stat(busy.map((l) => l.p50)),
    healthRps: stat(busy.map((l) => l.rps)),
    idleP99: stat(idle.map((l) => l.p99)),
  };
}
