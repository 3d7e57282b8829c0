import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { brotliCompressSync } from 'node:zlib';
import pino from 'pino';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { openMigratedDatabase, type Db } from '../src/db/client';
import { startTestApp, type TestApp } from './support/harness';

describe('the H5 app at /', () => {
  let dist: string;
  let app: TestApp;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'plsr-h5-'));
    mkdirSync(join(dist, 'js'));
    writeFileSync(join(dist, 'index.html'), '<!DOCTYPE html><title>公共法律服务评价</title>');
    writeFileSync(join(dist, 'js', 'app.1a2b3c4d.js'), 'console.log(1)');
    writeFileSync(join(dist, 'js', 'app.1a2b3c4d.js.br'), brotliCompressSync('console.log(1)'));
    writeFileSync(join(dist, 'secret.txt.bak'), 'x');
    app = await startTestApp({ H5_DIST_DIR: dist });
  });
  afterAll(async () => {
    await app.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html at / and asks the browser to revalidate it', async () => {
    const r = await fetch(`${app.url}/`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    expect(r.headers.get('cache-control')).toBe('no-cache');
    expect(await r.text()).toContain('公共法律服务评价');
  });

  it('caches content-hashed scripts for a year', async () => {
    const r = await fetch(`${app.url}/js/app.1a2b3c4d.js`);
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('max-age=31536000,immutable');
  });

  it('sends the precompressed file to a browser that accepts it, and the plain one otherwise', async () => {
    const br = await fetch(`${app.url}/js/app.1a2b3c4d.js`, { headers: { 'accept-encoding': 'br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(await br.text()).toBe('console.log(1)'); // fetch decodes it
    const plain = await fetch(`${app.url}/js/app.1a2b3c4d.js`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toBe('Accept-Encoding');
  });

  it('when the path leaves the build folder, then nothing outside it is served', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/js/../../package.json']) {
      const r = await fetch(`${app.url}${path}`);
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(await r.text()).not.toContain('"workspaces"');
    }
  });

  it('leaves /api to the API: an unknown API path is a JSON 404', async () => {
    const r = await fetch(`${app.url}/api/nothing-here`);
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toMatch(/json/);
  });

  it('when a file does not exist, then 404', async () => {
    expect((await fetch(`${app.url}/js/missing.js`)).status).toBe(404);
  });
});

describe('the H5 app before it is built', () => {
  it('says in Chinese how to build it instead of a blank page', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'plsr-h5-empty-'));
    const app = await startTestApp({ H5_DIST_DIR: empty });
    try {
      const r = await fetch(`${app.url}/`);
      expect(r.status).toBe(503);
      expect(await r.text()).toContain('npm run build:h5');
    } finally {
      await app.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

/**
 * Traversal attempts sent as written: node:http's request() puts `path` on the request line
 * unchanged, where fetch would normalise ../ away before the server saw it.
 */
describe('the H5 app when a request path tries to leave the build folder', () => {
  let outer: string;
  let db: Db;
  let server: Server;
  let port: number;
  const logLines: string[] = [];

  beforeAll(async () => {
    // A secret beside the build folder: any traversal that works reads it.
    outer = mkdtempSync(join(tmpdir(), 'plsr-h5-outer-'));
    const dist = join(outer, 'dist');
    mkdirSync(join(dist, 'js'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!DOCTYPE html><title>公共法律服务评价</title>');
    writeFileSync(join(dist, 'js', 'app.1a2b3c4d.js'), 'console.log(1)');
    writeFileSync(join(outer, 'secret.txt'), 'root:x:0:0:root:/root:/bin/bash');
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: `file:${join(outer, 'test.db')}`, H5_DIST_DIR: dist, LOG_LEVEL: 'info' });
    db = await openMigratedDatabase(config.databaseUrl);
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    const app = createApp({ config, db, logger: pino({ level: 'info' }, sink), wechat: null, now: () => new Date() });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await db.$disconnect();
    rmSync(outer, { recursive: true, force: true });
  });

  function raw(method: string, path: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method, path }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  const climbs = '../'.repeat(12);
  const variants: [string, string][] = [
    ['raw ../', '/../secret.txt'],
    ['raw ../ up to /etc', `/${climbs}etc/passwd`],
    ['encoded slashes', '/..%2f..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd'],
    ['encoded dots', '/%2e%2e/secret.txt'],
    ['encoded dots and slash', '/%2e%2e%2fsecret.txt'],
    ['mixed-case escapes', '/%2E%2e%2Fsecret.txt'],
    ['one encoded dot', '/.%2e/secret.txt'],
    ['double-encoded', '/%252e%252e%252fsecret.txt'],
    ['overlong UTF-8 dots', '/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd'],
    ['overlong UTF-8 slash', '/..%c0%af..%c0%afsecret.txt'],
    ['encoded backslash', '/..%5c..%5csecret.txt'],
    ['raw backslash', '/..\\secret.txt'],
    ['NUL before an extension', '/index.html%00.js'],
    ['NUL after a climb', '/..%2fsecret.txt%00'],
    ['absolute path', '/etc/passwd'],
    ['double slash', '//etc/passwd'],
    ['encoded leading slash', '/%2fetc%2fpasswd'],
    ['semicolon segment', '/..;/secret.txt'],
    ['under /js/, raw', '/js/../../secret.txt'],
    ['under /js/, encoded', '/js/..%2f..%2fsecret.txt'],
    ['under /js/, encoded dots', '/js/%2e%2e/%2e%2e/secret.txt'],
    ['a very long path', `/${'a/'.repeat(3000)}index.html`],
    ['a very long climb', `/${'..%2f'.repeat(1500)}etc/passwd`],
    ['a broken escape', '/%E0%A4%A'],
    ['a bare percent', '/%'],
    ['a non-hex escape', '/%zz/index.html'],
    ['a control character', '/index.html%0d%0aX-Injected:%201'],
  ];
  const shown = (path: string) => (path.length > 60 ? `${path.slice(0, 40)}… (${path.length} characters)` : path);
  const cases = variants.flatMap(([what, path]) => ['GET', 'HEAD'].map((method) => [what, method, shown(path), path] as const));

  it.each(cases)('when the path has %s (%s %s), then 4xx and nothing outside is read', async (_what, method, _shown, path) => {
    const logged = logLines.length;
    const r = await raw(method, path);
    expect([400, 404]).toContain(r.status);
    expect(r.body).not.toContain('root:');
    expect(logLines.slice(logged).join('')).not.toContain('unhandled error');
  });

  it('still serves what is inside', async () => {
    expect((await raw('GET', '/js/app.1a2b3c4d.js')).body).toBe('console.log(1)');
    expect((await raw('GET', '/')).status).toBe(200);
  });
});
