import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
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
