/**
 * Response headers: the H5 pages carry a Content-Security-Policy that allows their one inline script
 * by its hash and no framing; every route the contract marks private (personal or bureau data)
 * answers Cache-Control: no-store, errors included, so no proxy or shared computer keeps a copy.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROUTES, pathOf } from '@plsr/shared/contract';
import { PASSWORD, seedFixtures, STATIONS } from './support/fixtures';
import { call, startTestApp, type TestApp } from './support/harness';

const INLINE = '!function(){document.documentElement.style.fontSize="20px"}();';
let app: TestApp;
let dist: string;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'plsr-dist-'));
  mkdirSync(join(dist, 'js'));
  writeFileSync(join(dist, 'index.html'), `<!DOCTYPE html><html><head><script>${INLINE}</script><script src="/js/app.js"></script></head><body></body></html>`);
  writeFileSync(join(dist, 'js', 'app.js'), 'console.log(1)');
  app = await startTestApp({ H5_DIST_DIR: dist });
  await seedFixtures(app.db);
});
afterAll(async () => {
  await app.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('the H5 pages', () => {
  it('carry a CSP naming the inline script by its sha256, no other inline script, and no framing', async () => {
    const r = await call(app, 'GET', '/');
    expect(r.status).toBe(200);
    const csp = r.headers.get('content-security-policy') ?? '';
    const hash = createHash('sha256').update(INLINE).digest('base64');
    expect(csp).toContain(`script-src 'self' 'sha256-${hash}'`);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('Cache-Control: no-store', () => {
  const privateRoutes = ROUTES.filter(({ route }) => route.private);
  const example = { code: STATIONS.sanying, year: 2026, username: 'guyuan', id: 1, ref: 'f'.repeat(20) };

  it('is declared on the routes with personal or bureau data', () => {
    expect(privateRoutes.map(({ name }) => name).sort()).toEqual([
      'accounts',
      'addCaseStep',
      'addVillageRoom',
      'appealRating',
      'appeals',
      'assessment',
      'assessmentRun',
      'assessmentRuns',
      'auditLog',
      'bindWorker',
      'caseCallbackPhone',
      'cases',
      'changePassword',
      'createAccount',
      'createAssignment',
      'createStaff',
      'dashboard',
      'decideAppeal',
      'drawInspectionSample',
      'inspectionSamples',
      'inspections',
      'issueBindingCode',
      'issueServiceCode',
      'myAccount',
      'myRatings',
      'passwordLogin',
      'policy',
      'posters',
      'previewPolicy',
      'publishAssessment',
      'rateFollowUp',
      'readNotifications',
      'recordInspection',
      'regions',
      'registry',
      'registryExport',
      'registryImport',
      'registryTemplate',
      'replyToRating',
      'resetAccountPassword',
      'reviewDecision',
      'reviewIncidents',
      'serviceCode',
      'setAccountStatus',
      'setPolicy',
      'submitRating',
      'updateAssignment',
      'updateStaff',
      'updateStation',
      'workerNotifications',
      'workerPoster',
      'workerRatings',
      'workerStations',
      'workerWechatLogin',
    ]);
  });

  it.each(privateRoutes.map(({ name, route }) => [name, route] as const))('%s answers no-store even when it refuses', async (_name, route) => {
    const r = await call(app, route.method, pathOf(route.path, example), route.method === 'GET' ? {} : { json: {} });
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.headers.get('cache-control')).toBe('no-store');
  });

  it('is on the data itself: my ratings and the year-end in every format', async () => {
    const resident = await call(app, 'POST', '/api/auth/device', { json: { deviceId: 'headers-test-device-0001' } });
    expect((await call(app, 'GET', '/api/me/ratings', { token: resident.body.token })).headers.get('cache-control')).toBe('no-store');
    const clerk = await call(app, 'POST', '/api/auth/password', { json: { username: 'guyuan', password: PASSWORD } });
    for (const format of ['json', 'csv', 'xlsx']) {
      const r = await call(app, 'GET', `/api/assessments/2026?region=6404&format=${format}`, { token: clerk.body.token });
      expect({ format, status: r.status, cache: r.headers.get('cache-control') }).toEqual({ format, status: 200, cache: 'no-store' });
    }
  });

  it('is not on public station data, which phones may cache', async () => {
    const r = await call(app, 'GET', `/api/stations/${STATIONS.sanying}`);
    expect(r.headers.get('cache-control')).not.toBe('no-store');
  });
});
