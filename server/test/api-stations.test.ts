/**
 * What a resident's phone gets after scanning a station's code, the code itself (SVG, or a WeChat
 * mini-program code through the fake api.weixin.qq.com), the poster short link, and the system routes:
 * health, and an OpenAPI document that lists exactly the routes the app has.
 */
import type Router from '@koa/router';
import pino from 'pino';
import QRCode from 'qrcode';
import { createApp } from '../src/app';
import type { AppDeps } from '../src/http/context';
import { STATION_PAGE, stationLink } from '../src/stations/service';
import { startFakeWechat, type FakeWechat } from './support/fake-wechat';
import { seedFixtures, STATIONS } from './support/fixtures';
import { call, startTestApp, type TestApp } from './support/harness';

const CHINESE = /[\u4e00-\u9fa5]/;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PUBLIC_BASE_URL = 'https://gyfw.example.gov.cn';

let app: TestApp;
let fx: Awaited<ReturnType<typeof seedFixtures>>;
let fake: FakeWechat;
let wx: TestApp;

beforeAll(async () => {
  app = await startTestApp({ PUBLIC_BASE_URL });
  fx = await seedFixtures(app.db);
  fake = await startFakeWechat();
  wx = await startTestApp({ WECHAT_APP_ID: 'wx-test-app', WECHAT_APP_SECRET: 'test-secret', WECHAT_API_BASE: fake.url, WECHAT_TIMEOUT_MS: '1000' });
  await seedFixtures(wx.db);
});
beforeEach(() => app.setNow('2026-06-15T04:00:00Z')); // 12:00 in Beijing
afterAll(async () => {
  await Promise.all([app.close(), wx.close()]);
  await fake.close();
});

const CITY = { code: '6404', name: '固原市', level: 'city' };
const YUANZHOU = { code: '640402', name: '原州区', level: 'county' };
const SANYING = { code: '640402100', name: '三营镇', level: 'township' };
const staffNames = (body: { staff: { name: string }[] }) => body.staff.map((s) => s.name);

describe('GET /api/stations/{code}', () => {
  it('shows a township workstation, where it is, and who serves there today', async () => {
    const r = await call(app, 'GET', `/api/stations/${STATIONS.sanying}`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      code: STATIONS.sanying,
      name: '三营镇公共法律服务工作站',
      tier: 'township_workstation',
      status: 'active',
      path: [CITY, YUANZHOU, SANYING],
      staff: [
        { id: fx.staff.lawyerMa.id, name: '马文清', role: 'lawyer', organisation: '宁夏固原律师事务所' },
        { id: fx.staff.mediatorWang.id, name: '王建国', role: 'mediator', organisation: '三营镇人民调解委员会' },
      ],
    });
  });

  it('shows a village room under 固原市 › 原州区 › 三营镇 › 东塬村委会 with the staff assigned there today', async () => {
    const r = await call(app, 'GET', `/api/stations/${STATIONS.dongyuan}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ code: STATIONS.dongyuan, name: '东塬村公共法律服务工作室', tier: 'village_room' });
    expect(r.body.path).toEqual([CITY, YUANZHOU, SANYING, { code: '640402100200', name: '东塬村委会', level: 'village' }]);
    expect(r.body.staff).toEqual([{ id: fx.staff.lawyerMa.id, name: '马文清', role: 'lawyer', organisation: '宁夏固原律师事务所' }]);
  });

  it('lists someone assigned from a later date only once that date has come', async () => {
    const station = await app.db.station.findUniqueOrThrow({ where: { code: STATIONS.dongyuan } });
    const later = await app.db.assignment.create({ data: { staffId: fx.staff.lawyerLi.id, stationId: station.id, fromDate: '2026-07-01' } });
    try {
      app.setNow('2026-06-30T15:30:00Z'); // 23:30 on 30 June in Beijing
      expect(staffNames((await call(app, 'GET', `/api/stations/${STATIONS.dongyuan}`)).body)).toEqual(['马文清']);
      app.setNow('2026-06-30T16:30:00Z'); // 00:30 on 1 July in Beijing
      expect(staffNames((await call(app, 'GET', `/api/stations/${STATIONS.dongyuan}`)).body)).toEqual(['李海燕', '马文清']);
    } finally {
      await app.db.assignment.delete({ where: { id: later.id } });
    }
  });

  it('shows a county centre under 固原市 › 原州区', async () => {
    const r = await call(app, 'GET', `/api/stations/${STATIONS.yuanzhouCentre}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ code: STATIONS.yuanzhouCentre, name: '原州区公共法律服务中心', tier: 'county_centre', status: 'active' });
    expect(r.body.path).toEqual([CITY, YUANZHOU]);
    expect(staffNames(r.body)).toEqual(['李海燕']);
  });

  it('lists 赵志刚 on 2026-03-31 (Beijing), the last day of his assignment, and not from the next day', async () => {
    app.setNow('2026-03-31T15:30:00Z'); // 23:30 on 31 March in Beijing
    expect(staffNames((await call(app, 'GET', `/api/stations/${STATIONS.sanying}`)).body)).toContain('赵志刚');
    app.setNow('2026-03-31T16:30:00Z'); // 00:30 on 1 April in Beijing
    expect(staffNames((await call(app, 'GET', `/api/stations/${STATIONS.sanying}`)).body)).not.toContain('赵志刚');
    app.setNow('2026-06-15T04:00:00Z');
    expect(staffNames((await call(app, 'GET', `/api/stations/${STATIONS.sanying}`)).body)).toEqual(['马文清', '王建国']);
  });

  it('when the code is unknown, then 404 with a message naming it', async () => {
    const r = await call(app, 'GET', '/api/stations/T999999999');
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ code: 'not_found', message: expect.stringMatching(CHINESE) });
    expect(r.body.message).toContain('T999999999');
  });

  it.each([
    ['lowercase', 't640402100'],
    ['too long', 'T6404021001234'],
    ['a path escape', '../x'],
    ['a space', 'T640402 100'],
    ['only a letter', 'T'],
  ])('when the code is %s (%s), then 400 with a Chinese message', async (_what, code) => {
    const r = await call(app, 'GET', `/api/stations/${encodeURIComponent(code)}`);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'validation_failed', message: expect.stringMatching(CHINESE) });
  });
});

describe('GET /api/stations/{code}/qrcode', () => {
  it('without WeChat, is an SVG QR code of the station’s short link under PUBLIC_BASE_URL', async () => {
    const link = stationLink({ config: app.config } as AppDeps, STATIONS.sanying);
    expect(link).toBe(`${PUBLIC_BASE_URL}/s/${STATIONS.sanying}`);
    const r = await call(app, 'GET', `/api/stations/${STATIONS.sanying}/qrcode`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('image/svg+xml');
    expect(r.body).toContain('<svg');
    expect(r.body.length).toBeGreaterThan(1000);
    // The same library and settings as the service, fed the expected link, draw exactly this image.
    expect(r.body).toBe(await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }));
    const other = await call(app, 'GET', `/api/stations/${STATIONS.nanguan}/qrcode`);
    expect(other.body).not.toBe(r.body);
  });

  it('the short link it carries opens the station page', async () => {
    const link = new URL(stationLink({ config: app.config } as AppDeps, STATIONS.sanying));
    const r = await fetch(`${app.url}${link.pathname}`, { redirect: 'manual' });
    expect(r.status).toBe(200);
    expect(await r.text()).toContain(`data-link="/#/pages/station/index?code=${STATIONS.sanying}"`);
  });

  it('with WeChat, is the mini-program code WeChat drew for the station page with the code as scene', async () => {
    const since = fake.requests.length;
    const r = await call(wx, 'GET', `/api/stations/${STATIONS.sanying}/qrcode`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('image/png');
    expect(Buffer.isBuffer(r.body)).toBe(true);
    expect(r.body.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(r.body.toString('latin1')).toContain(`${STATION_PAGE}?scene=${STATIONS.sanying}`);
    const drawn = fake.requests.slice(since).filter((q) => q.path === '/wxa/getwxacodeunlimit');
    expect(drawn).toHaveLength(1);
    expect(drawn[0]).toMatchObject({
      method: 'POST',
      body: { scene: STATIONS.sanying, page: 'pages/station/index', env_version: 'release', check_path: true },
    });
  });

  it.each([
    ['without WeChat', () => app],
    ['with WeChat', () => wx],
  ])('%s, an unknown station is 404 and WeChat is not asked', async (_what, which) => {
    const since = fake.requests.length;
    const r = await call(which(), 'GET', '/api/stations/T999999999/qrcode');
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ code: 'not_found', message: expect.stringMatching(CHINESE) });
    expect(fake.requests.length).toBe(since);
  });

  it('when the code is malformed, then 400', async () => {
    const r = await call(app, 'GET', `/api/stations/${encodeURIComponent('../x')}/qrcode`);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'validation_failed', message: expect.stringMatching(CHINESE) });
  });
});

describe('GET /s/{code}', () => {
  /** The station page's address the page moves itself to, and the station drawn in it (null when none). */
  async function posterPage(code: string): Promise<{ status: number; link: string | undefined; name: string | undefined; data: unknown }> {
    const r = await fetch(`${app.url}/s/${code}`, { redirect: 'manual' });
    const html = await r.text();
    const data = /<script type="application\/json" id="station-data">([^<]*)<\/script>/.exec(html)?.[1];
    return {
      status: r.status,
      link: /id="station-preview" class="page" data-link="([^"]*)"/.exec(html)?.[1]?.replace(/&amp;/g, '&'),
      name: /<h1 class="station__name">([^<]*)<\/h1>/.exec(html)?.[1],
      data: data === undefined ? null : JSON.parse(data),
    };
  }

  it('answers a poster’s short link with the H5 page, the station already drawn in it and its data for the app', async () => {
    const page = await posterPage(STATIONS.dongyuan);
    expect(page.status).toBe(200);
    expect(page.link).toBe(`/#/pages/station/index?code=${STATIONS.dongyuan}`);
    expect(page.name).toBe('东塬村公共法律服务工作室');
    const api = await call(app, 'GET', `/api/stations/${STATIONS.dongyuan}`);
    expect(page.data).toEqual(api.body);
  });

  it('when the code is malformed or unknown, then the page without a station (the app explains), nothing of the code unescaped', async () => {
    const bad = await posterPage(encodeURIComponent('x"><script>'));
    expect(bad).toEqual({ status: 200, link: '/#/pages/station/index?code=x%22%3E%3Cscript%3E', name: undefined, data: null });
    const unknown = await posterPage('T999999999');
    expect(unknown).toEqual({ status: 200, link: '/#/pages/station/index?code=T999999999', name: undefined, data: null });
  });

  it('with a worker’s service code (sc), then the rating page, which reads the code itself; a malformed sc is ignored', async () => {
    const sc = 'Abc-_0123456789abcdefgh';
    const withCode = await posterPage(`${STATIONS.dongyuan}?sc=${sc.slice(1)}`);
    expect(withCode).toEqual({ status: 200, link: `/#/pages/rate/index?code=${STATIONS.dongyuan}&sc=${sc.slice(1)}`, name: undefined, data: null });
    for (const bad of [sc, 'short', encodeURIComponent('"><script>1234567890123')]) {
      expect((await posterPage(`${STATIONS.dongyuan}?sc=${bad}`)).link).toBe(`/#/pages/station/index?code=${STATIONS.dongyuan}`);
    }
    expect((await posterPage(`T6404?sc=${sc.slice(1)}`)).link).toBe('/#/pages/station/index?code=T6404');
  });

  it.each([
    ['no code', '/s/', ''],
    ['no slash either', '/s', ''],
    ['a code cut by a slash', '/s/T6404/02100', 'T6404%2F02100'],
  ])('when the link has %s, then the same page, which says the code is damaged', async (_what, path, code) => {
    const r = await fetch(`${app.url}${path}`, { redirect: 'manual' });
    expect(r.status).toBe(302);
    expect(r.headers.get('location')).toBe(`/#/pages/station/index?code=${code}`);
  });
});

describe('GET /api/health', () => {
  it('says the server is up, and on which database (SQLite, or PostgreSQL in the PostgreSQL pass)', async () => {
    const r = await call(app, 'GET', '/api/health');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'ok', database: app.config.provider, version: expect.any(String) });
  });
});

describe('GET /api/openapi.json', () => {
  /** "get /api/stations/{code}" for every route the app's router really registers (API and poster links). */
  function registeredApiRoutes(): string[] {
    const deps: AppDeps = { config: app.config, db: app.db, logger: pino({ level: 'silent' }), wechat: null, now: () => new Date() };
    const routers = createApp(deps).middleware.flatMap((m) => (m as { router?: Router }).router ?? []);
    expect(routers.length).toBeGreaterThanOrEqual(1);
    const routes = routers.flatMap((router) =>
      router.stack.flatMap((layer) =>
        layer.methods.filter((m) => m !== 'HEAD').map((m) => `${m.toLowerCase()} ${String(layer.path).replace(/:(\w+)/g, '{$1}')}`),
      ),
    );
    return [...new Set(routes)].sort();
  }

  it('is an OpenAPI 3.0 document whose paths are exactly the API routes the app registers', async () => {
    const r = await call(app, 'GET', '/api/openapi.json');
    expect(r.status).toBe(200);
    expect(r.body.openapi).toMatch(/^3\.0\.\d+$/);
    const documented = Object.entries(r.body.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`))
      .sort();
    expect(documented).toEqual(registeredApiRoutes());
    expect(documented).toContain('get /api/stations/{code}/qrcode');
  });

  it('describes every request body as an object with its properties', async () => {
    const r = await call(app, 'GET', '/api/openapi.json');
    const bodies = Object.entries(r.body.paths as Record<string, Record<string, any>>).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, op]) => op.requestBody)
        .map(([method, op]) => [`${method} ${path}`, op.requestBody.content['application/json'].schema] as const),
    );
    expect(bodies.map(([route]) => route).sort()).toEqual([
      'patch /api/assignments/{id}',
      'patch /api/staff/{id}',
      'patch /api/stations/{code}',
      'post /api/accounts',
      'post /api/appeals/{id}/decision',
      'post /api/assessment-runs',
      'post /api/assignments',
      'post /api/auth/bind',
      'post /api/auth/device',
      'post /api/auth/password',
      'post /api/auth/wechat',
      'post /api/auth/worker-wechat',
      'post /api/cases/{id}/steps',
      'post /api/inspections/{year}/samples',
      'post /api/me/password',
      'post /api/me/ratings/{id}/follow-up',
      'post /api/policies/{year}/preview',
      'post /api/ratings',
      'post /api/registry/import',
      'post /api/review/decisions',
      'post /api/staff',
      'post /api/stations',
      'post /api/worker/notifications/read',
      'post /api/worker/ratings/{ref}/appeal',
      'post /api/worker/service-codes',
      'put /api/accounts/{username}/status',
      'put /api/policies/{year}',
      'put /api/stations/{code}/inspections/{year}',
      'put /api/worker/ratings/{ref}/reply',
    ]);
    for (const [route, schema] of bodies) {
      expect([route, schema.type]).toEqual([route, 'object']);
      expect([route, Object.keys(schema.properties ?? {}).length > 0]).toEqual([route, true]);
    }
  });
});
