import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '../src/http/errors';
import { WechatClient } from '../src/wechat/client';
import { startFakeWechat, type FakeWechat } from './support/fake-wechat';

const APP_ID = 'wx-test-app';
const SECRET = 'S3cret-do-not-leak-0042';
const TIMEOUT_MS = 400;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const STATION = { scene: 'A3301020001', page: 'pages/station/index', envVersion: 'release' } as const;

let fake: FakeWechat;

beforeEach(async () => {
  fake = await startFakeWechat({ appId: APP_ID, appSecret: SECRET });
});

afterEach(async () => {
  await fake.close();
});

function client(overrides: Partial<ConstructorParameters<typeof WechatClient>[0]> = {}): WechatClient {
  return new WechatClient({ apiBase: fake.url, appId: APP_ID, appSecret: SECRET, timeoutMs: TIMEOUT_MS, ...overrides });
}

/** The rejection of `promise`, which must reject with an AppError. */
async function failure(promise: Promise<unknown>): Promise<AppError> {
  const outcome = await promise.then(
    () => new Error('expected a rejection, got a result'),
    (error: unknown) => error,
  );
  if (!(outcome instanceof AppError)) throw outcome;
  return outcome;
}

/** What a log line or an error response could show of an error. */
const everythingIn = (error: AppError) => `${error.message} ${error.stack ?? ''} ${JSON.stringify(error)}`;

const requestsTo = (path: string) => fake.requests.filter((r) => r.path === path);

describe('WechatClient.code2Session', () => {
  it('when the code is valid, then it returns the openid and never the session key', async () => {
    const result = await client().code2Session('valid:o-alice');

    expect(result).toEqual({ openid: 'o-alice' });
    expect(Object.keys(result)).toEqual(['openid']);
    expect(JSON.stringify(result)).not.toContain('fake-session-key');
  });

  it('when the app is bound to an Open Platform, then the unionid comes back too', async () => {
    await expect(client().code2Session('valid:o-bob:u-bob')).resolves.toEqual({ openid: 'o-bob', unionid: 'u-bob' });
  });

  it('sends appid, secret, js_code and grant_type=authorization_code as a GET', async () => {
    await client().code2Session('valid:o-carol');

    expect(fake.requests).toEqual([
      {
        method: 'GET',
        path: '/sns/jscode2session',
        query: { appid: APP_ID, secret: SECRET, js_code: 'valid:o-carol', grant_type: 'authorization_code' },
        body: undefined,
      },
    ]);
  });

  it.each([
    ['is invalid (40029)', ['invalid']],
    ['was already used (40163)', ['valid:o-dave', 'valid:o-dave']],
  ])('when the code %s, then bad_request asks the resident to reopen the mini-program', async (_, codes) => {
    const wechat = client();
    for (const code of codes.slice(0, -1)) await wechat.code2Session(code);

    const error = await failure(wechat.code2Session(codes.at(-1)!));

    expect(error).toMatchObject({ code: 'bad_request', message: '登录凭证无效或已使用,请重新打开小程序', status: 400 });
  });

  it('when WeChat rate-limits the login (45011), then rate_limited', async () => {
    const error = await failure(client().code2Session('limit'));
    expect(error).toMatchObject({ code: 'rate_limited', message: '登录过于频繁,请稍后再试' });
  });

  it('when WeChat blocks a high-risk user (40226), then forbidden', async () => {
    const error = await failure(client().code2Session('risky'));
    expect(error.code).toBe('forbidden');
    expect(error.message).toContain('微信');
  });

  it('when WeChat is busy once (-1), then the retry after a short pause succeeds', async () => {
    const started = Date.now();

    await expect(client().code2Session('busy-once')).resolves.toEqual({ openid: 'o-busy-once' });

    expect(requestsTo('/sns/jscode2session')).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('when WeChat stays busy (-1), then it tries exactly twice and reports upstream_unavailable', async () => {
    const error = await failure(client().code2Session('busy'));

    expect(error).toMatchObject({ code: 'upstream_unavailable', message: '微信服务繁忙,请稍后再试', status: 503 });
    expect(requestsTo('/sns/jscode2session')).toHaveLength(2);
  });

  it.each([
    ['the AppSecret is wrong (40125)', { appSecret: 'wrong-secret' }, 'AppSecret'],
    ['the AppID is wrong (40013)', { appId: 'wx-other-app' }, 'AppID'],
  ])('when %s, then not_configured tells the operator to check the credentials', async (_, overrides, word) => {
    const error = await failure(client(overrides).code2Session('valid:o-erin'));

    expect(error.code).toBe('not_configured');
    expect(error.message).toContain(word);
    expect(error.message).toContain('WECHAT_APP_SECRET');
  });

  it('when the IP is not whitelisted (40164), then not_configured names the whitelist', async () => {
    const error = await failure(client().code2Session('errcode:40164'));
    expect(error).toMatchObject({ code: 'not_configured' });
    expect(error.message).toContain('IP 白名单');
  });

  it('when WeChat answers an errcode we do not know, then upstream_unavailable quotes it', async () => {
    const error = await failure(client().code2Session('errcode:61234'));
    expect(error).toMatchObject({ code: 'upstream_unavailable' });
    expect(error.message).toContain('61234');
  });

  it.each([
    ['the body is not JSON', 'garbage'],
    ['WeChat answers HTTP 500', 'http-500'],
  ])('when %s, then upstream_unavailable says WeChat cannot be reached', async (_, code) => {
    const error = await failure(client().code2Session(code));
    expect(error).toMatchObject({ code: 'upstream_unavailable', message: '微信服务暂时无法访问,请稍后再试' });
  });

  it('when WeChat never answers, then upstream_unavailable comes within the configured timeout', async () => {
    const started = Date.now();

    const error = await failure(client().code2Session('hang'));

    const elapsed = Date.now() - started;
    expect(error).toMatchObject({ code: 'upstream_unavailable', message: '微信服务暂时无法访问,请稍后再试' });
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 400);
  });

  it('when nothing listens at the API base, then upstream_unavailable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));

    const error = await failure(client({ apiBase: `http://127.0.0.1:${port}` }).code2Session('valid:o-frank'));

    expect(error.code).toBe('upstream_unavailable');
  });

  it.each(['invalid', 'risky', 'busy', 'hang', 'garbage', 'http-500', 'errcode:40013', 'errcode:99999'])(
    'when the login fails on %s, then neither the AppSecret nor the session key is anywhere in the error',
    async (code) => {
      const error = await failure(client().code2Session(code));

      expect(everythingIn(error)).not.toContain(SECRET);
      expect(everythingIn(error)).not.toContain('fake-session-key');
    },
  );

  it('when the AppSecret is wrong, then the wrong value is not echoed in the error', async () => {
    const error = await failure(client({ appSecret: `wrong-${SECRET}` }).code2Session('valid:o-gina'));

    expect(error.code).toBe('not_configured');
    expect(everythingIn(error)).not.toContain(SECRET);
  });
});

describe('WechatClient.getUnlimitedQRCode', () => {
  it('when the scene and page are valid, then it returns the PNG of that code', async () => {
    const image = await client().getUnlimitedQRCode(STATION);

    expect(image.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(image.toString('latin1')).toContain(`${STATION.page}?scene=${STATION.scene}`);
  });

  it('asks for a stable token with the credentials, then posts the documented fields with it', async () => {
    await client().getUnlimitedQRCode({ ...STATION, envVersion: 'trial', width: 300, checkPath: false });

    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /cgi-bin/stable_token', 'POST /wxa/getwxacodeunlimit']);
    const [tokenRequest, qrRequest] = fake.requests;
    expect(tokenRequest?.body).toEqual({ grant_type: 'client_credential', appid: APP_ID, secret: SECRET });
    expect(qrRequest?.query).toEqual({ access_token: 'fake-token-1' });
    expect(qrRequest?.body).toEqual({
      scene: STATION.scene,
      page: STATION.page,
      check_path: false,
      env_version: 'trial',
      width: 300,
    });
  });

  it('when two codes are made one after the other, then one token request serves both', async () => {
    const wechat = client();

    await wechat.getUnlimitedQRCode(STATION);
    await wechat.getUnlimitedQRCode({ ...STATION, scene: 'A3301020002' });

    expect(requestsTo('/cgi-bin/stable_token')).toHaveLength(1);
    expect(requestsTo('/wxa/getwxacodeunlimit')).toHaveLength(2);
  });

  it('when three codes are made at once, then they share one in-flight token request', async () => {
    const wechat = client();

    const images = await Promise.all(['A1', 'A2', 'A3'].map((scene) => wechat.getUnlimitedQRCode({ ...STATION, scene })));

    expect(images).toHaveLength(3);
    expect(requestsTo('/cgi-bin/stable_token')).toHaveLength(1);
  });

  it('when the cached token nears its expires_in, then a new one is requested', async () => {
    let now = Date.parse('2026-03-01T08:00:00Z');
    const wechat = client({ now: () => now });
    await wechat.getUnlimitedQRCode(STATION);

    now += (7200 - 300 - 1) * 1000;
    await wechat.getUnlimitedQRCode(STATION);
    expect(requestsTo('/cgi-bin/stable_token')).toHaveLength(1);

    now += 2 * 1000;
    await wechat.getUnlimitedQRCode(STATION);
    expect(requestsTo('/cgi-bin/stable_token')).toHaveLength(2);
  });

  it('when WeChat rejects the cached token (40001), then the token is refreshed and the code made once more', async () => {
    const wechat = client();
    await wechat.getUnlimitedQRCode(STATION);
    fake.expireTokens();

    const image = await wechat.getUnlimitedQRCode(STATION);

    expect(image.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(requestsTo('/cgi-bin/stable_token')).toHaveLength(2);
    expect(requestsTo('/wxa/getwxacodeunlimit').map((r) => r.query.access_token)).toEqual(['fake-token-1', 'fake-token-1', 'fake-token-2']);
  });

  it.each([40001, 42001, 40014])('when WeChat keeps rejecting the token (%i), then it retries exactly once', async (errcode) => {
    const error = await failure(client().getUnlimitedQRCode({ ...STATION, scene: `errcode:${errcode}` }));

    expect(error.code).toBe('upstream_unavailable');
    expect(requestsTo('/cgi-bin/stable_token')).toHaveLength(2);
    expect(requestsTo('/wxa/getwxacodeunlimit')).toHaveLength(2);
  });

  it.each([
    ['the scene is longer than 32 characters (40169)', { scene: 'A'.repeat(33) }, 'scene'],
    ['the scene has a character WeChat does not allow (40129)', { scene: 'A330%20' }, 'scene'],
    ['the page starts with a slash (41030)', { page: '/pages/station/index' }, '页面'],
    ['the page is not released and check_path is on (41030)', { page: 'pages/new/index' }, '页面'],
    ['the env_version is not one WeChat knows (40097)', { envVersion: 'beta' as 'trial' }, '参数'],
  ])('when %s, then bad_request', async (_, change, word) => {
    const error = await failure(client().getUnlimitedQRCode({ ...STATION, ...change }));

    expect(error).toMatchObject({ code: 'bad_request', status: 400 });
    expect(error.message).toContain(word);
  });

  it('when the page is not released but check_path is off, then the code is made', async () => {
    const image = await client().getUnlimitedQRCode({ ...STATION, page: 'pages/new/index', checkPath: false });
    expect(image.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  });

  it('when the QR quota is used up (45009), then rate_limited', async () => {
    const error = await failure(client().getUnlimitedQRCode({ ...STATION, scene: 'limit' }));
    expect(error).toMatchObject({ code: 'rate_limited', status: 429 });
  });

  it('when WeChat is busy once while making the code (-1), then the retry succeeds', async () => {
    const image = await client().getUnlimitedQRCode({ ...STATION, scene: 'busy-once' });

    expect(image.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(requestsTo('/wxa/getwxacodeunlimit')).toHaveLength(2);
    expect(requestsTo('/cgi-bin/stable_token')).toHaveLength(1);
  });

  it('when the secret is wrong, then not_configured comes from the token request and no code is asked for', async () => {
    const error = await failure(client({ appSecret: `wrong-${SECRET}` }).getUnlimitedQRCode(STATION));

    expect(error.code).toBe('not_configured');
    expect(error.message).toContain('AppSecret');
    expect(everythingIn(error)).not.toContain(SECRET);
    expect(requestsTo('/wxa/getwxacodeunlimit')).toHaveLength(0);
  });

  it('when a failed token request is shared, then every waiting caller gets the error and the next call tries again', async () => {
    const wechat = client({ appSecret: 'wrong-secret' });

    const errors = await Promise.all([1, 2].map(() => failure(wechat.getUnlimitedQRCode(STATION))));
    expect(errors.map((e) => e.code)).toEqual(['not_configured', 'not_configured']);
    expect(requestsTo('/cgi-bin/stable_token')).toHaveLength(1);

    await failure(wechat.getUnlimitedQRCode(STATION));
    expect(requestsTo('/cgi-bin/stable_token')).toHaveLength(2);
  });

  it.each([
    ['never answers', 'hang'],
    ['answers neither an image nor JSON', 'garbage'],
  ])('when WeChat %s, then upstream_unavailable', async (_, scene) => {
    const started = Date.now();

    const error = await failure(client().getUnlimitedQRCode({ ...STATION, scene }));

    expect(error).toMatchObject({ code: 'upstream_unavailable', message: '微信服务暂时无法访问,请稍后再试' });
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 400);
  });
});
