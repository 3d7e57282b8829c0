/**
 * A fake api.weixin.qq.com on 127.0.0.1 for tests: it speaks the documented protocol of the four
 * endpoints the server uses (errors as HTTP 200 + JSON {errcode, errmsg}, codes as image bytes) and
 * lets a test steer failures through the login code or the scene it sends:
 *
 *   valid:<openid>[:<unionid>]  success (each code works once; a reused code gets 40163)
 *   invalid → 40029   limit → 45011   busy → -1   busy-once → -1 then success   risky → 40226
 *   hang → never answers   garbage → non-JSON 200   http-500 → HTTP 500   errcode:<n> → that errcode
 *
 * The same words work as a QR `scene`, except that `limit` there means 45009 (the QR quota).
 * A code is a tiny PNG whose tEXt chunk says what it opens (`<page>?scene=<scene>`), so tests can check it.
 *
 * subscribeMessage.send keeps WeChat's one-time subscriptions: a test grants them with `subscribe()` (as
 * wx.requestSubscribeMessage would), each send uses one up, and a send without one gets 43101. Values are
 * checked as WeChat checks them: thing ≤ 20 characters, phrase ≤ 5 Chinese characters, otherwise 47003.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32, deflateSync } from 'node:zlib';

export interface FakeWechatOptions {
  appId?: string;
  appSecret?: string;
  /** Seconds, as sent in expires_in; tokens really stop working after it. Default 7200. */
  tokenExpiresIn?: number;
  /** Pages of the "released" mini-program, checked when check_path is true. */
  pages?: string[];
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Parsed JSON, the raw text when it is not JSON, undefined when empty. */
  body: unknown;
}

export interface FakeWechat {
  url: string;
  close(): Promise<void>;
  requests: RecordedRequest[];
  /** Invalidates every token issued so far: using one now gets 40001 ("invalid or not latest"). */
  expireTokens(): void;
  /** The user allowed `times` more messages of this template. */
  subscribe(openid: string, templateId: string, times?: number): void;
  /** The subscribe messages WeChat accepted, in order. */
  messages: Array<{ touser: string; templateId: string; page: string; data: Record<string, string> }>;
}

type Json = Record<string, unknown>;
type Answer = { json: Json } | { status: number; type: string; body: string | Buffer } | 'hang';

const SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;
const error = (errcode: number, errmsg: string): Answer => ({ json: { errcode, errmsg: `${errmsg} rid: fake-${errcode}` } });

export async function startFakeWechat(options: FakeWechatOptions = {}): Promise<FakeWechat> {
  const appId = options.appId ?? 'wx-test-app';
  const appSecret = options.appSecret ?? 'test-secret';
  const expiresIn = options.tokenExpiresIn ?? 7200;
  const pages = new Set(options.pages ?? ['pages/index/index', 'pages/station/index']);
  const requests: RecordedRequest[] = [];
  /** access_token → expiry (ms since epoch); 0 marks a token invalidated by expireTokens(). */
  const tokens = new Map<string, number>();
  let stableToken: string | null = null;
  let issued = 0;
  const usedCodes = new Set<string>();
  /** Endpoints that already answered their one `busy-once` with -1. */
  const busyOnceSeen = new Set<string>();

  /** The checks every endpoint that takes appid + secret makes, in WeChat's order. */
  const checkCredentials = (p: Record<string, unknown>, grantType: string): Answer | null => {
    if (!p.appid) return error(41002, 'appid missing');
    if (!p.secret) return error(41004, 'appsecret missing');
    if (p.appid !== appId) return error(40013, 'invalid appid');
    if (p.secret !== appSecret) return error(40125, 'invalid appsecret');
    if (p.grant_type !== grantType) return error(40002, 'invalid grant_type');
    return null;
  };

  const issueToken = (): string => {
    const token = `fake-token-${++issued}`;
    tokens.set(token, Date.now() + expiresIn * 1000);
    return token;
  };

  /** The words shared by login codes and scenes; null when the word is not one of them. */
  const scripted = (endpoint: string, word: string, limitCode: number): Answer | null => {
    if (word === 'hang') return 'hang';
    if (word === 'garbage') return { status: 200, type: 'text/html', body: '<html>502 Bad Gateway</html>' };
    if (word === 'http-500') return { status: 500, type: 'text/plain', body: 'Internal Server Error' };
    if (word === 'busy') return error(-1, 'system error');
    if (word === 'limit') return error(limitCode, 'api minute-quota reach limit mustslower retry next minute');
    if (word === 'busy-once' && !busyOnceSeen.has(endpoint)) {
      busyOnceSeen.add(endpoint);
      return error(-1, 'system error');
    }
    const forced = /^errcode:(-?\d+)$/.exec(word);
    return forced ? error(Number(forced[1]), 'forced by test') : null;
  };

  const jscode2session = (q: Record<string, string>): Answer => {
    const credentials = checkCredentials(q, 'authorization_code');
    if (credentials) return credentials;
    const code = q.js_code ?? '';
    if (!code) return error(41008, 'missing code');
    const steered = scripted('login', code, 45011);
    if (steered) return steered;
    if (code === 'invalid') return error(40029, 'invalid code');
    if (code === 'risky') return error(40226, 'code blocked');
    if (usedCodes.has(code)) return error(40163, 'code been used');
    if (code === 'busy-once') return consume(code, 'o-busy-once');
    const [kind, openid, unionid] = code.split(':');
    if (kind !== 'valid' || !openid) return error(40029, 'invalid code');
    return consume(code, openid, unionid);
  };

  const consume = (code: string, openid: string, unionid?: string): Answer => {
    usedCodes.add(code);
    return { json: { openid, session_key: 'fake-session-key', ...(unionid ? { unionid } : {}) } };
  };

  const stableTokenAnswer = (body: unknown): Answer => {
    if (typeof body !== 'object' || body === null) return error(47001, 'data format error');
    const p = body as Json;
    const credentials = checkCredentials(p, 'client_credential');
    if (credentials) return credentials;
    const current = stableToken ? (tokens.get(stableToken) ?? 0) : 0;
    if (p.force_refresh === true || !stableToken || current <= Date.now()) stableToken = issueToken();
    const left = Math.max(1, Math.round(((tokens.get(stableToken) ?? 0) - Date.now()) / 1000));
    return { json: { access_token: stableToken, expires_in: left } };
  };

  const qrcode = (q: Record<string, string>, body: unknown): Answer => {
    const token = q.access_token;
    if (!token) return error(41001, 'access_token missing');
    const expiry = tokens.get(token);
    if (expiry === undefined || expiry === 0) return error(40001, 'invalid credential, access_token is invalid or not latest');
    if (expiry <= Date.now()) return error(42001, 'access_token expired');
    if (typeof body !== 'object' || body === null) return error(47001, 'data format error');
    const p = body as Json;
    const scene = typeof p.scene === 'string' ? p.scene : '';
    const steered = scripted('qrcode', scene, 45009);
    if (steered) return steered;
    if (scene.length === 0 || scene.length > 32) return error(40169, 'invalid length for scene, or the data is not json string');
    if (!SCENE.test(scene)) return error(40129, 'invalid scene');
    if (p.env_version !== undefined && !['release', 'trial', 'develop'].includes(String(p.env_version))) {
      return error(40097, 'invalid args');
    }
    const page = typeof p.page === 'string' ? p.page : 'pages/index/index';
    if (page.startsWith('/') || page.includes('?')) return error(41030, 'invalid page');
    if (p.check_path !== false && !pages.has(page)) return error(41030, 'invalid page');
    return { status: 200, type: 'image/png', body: tinyPng(`${page}?scene=${scene}`) };
  };

  const allowances = new Map<string, number>();
  const messages: FakeWechat['messages'] = [];
  const tokenProblem = (token: string | undefined): Answer | null => {
    if (!token) return error(41001, 'access_token missing');
    const expiry = tokens.get(token);
    if (expiry === undefined || expiry === 0) return error(40001, 'invalid credential, access_token is invalid or not latest');
    if (expiry <= Date.now()) return error(42001, 'access_token expired');
    return null;
  };
  const subscribeSend = (q: Record<string, string>, body: unknown): Answer => {
    const problem = tokenProblem(q.access_token);
    if (problem) return problem;
    if (typeof body !== 'object' || body === null) return error(47001, 'data format error');
    const p = body as Json;
    const touser = typeof p.touser === 'string' ? p.touser : '';
    const templateId = typeof p.template_id === 'string' ? p.template_id : '';
    if (!touser) return error(40003, 'invalid openid');
    if (!templateId || templateId === 'bad-template') return error(40037, 'invalid template_id');
    const data: Record<string, string> = {};
    for (const [key, entry] of Object.entries((p.data ?? {}) as Record<string, unknown>)) {
      const value = typeof entry === 'object' && entry !== null ? (entry as Json).value : undefined;
      if (typeof value !== 'string' || value === '') return error(47003, `argument invalid! data.${key}.value is empty`);
      if (/^thing\d+$/.test(key) && [...value].length > 20) return error(47003, `argument invalid! data.${key}.value exceeds limit`);
      if (/^phrase\d+$/.test(key) && !/^[\u4e00-\u9fa5]{1,5}$/.test(value)) return error(47003, `argument invalid! data.${key}.value invalid`);
      if (/^(date|time)\d+$/.test(key) && !/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$/.test(value)) return error(47003, `argument invalid! data.${key}.value invalid`);
      data[key] = value;
    }
    const key = `${touser} ${templateId}`;
    const left = allowances.get(key) ?? 0;
    if (left <= 0) return error(43101, 'user refuse to accept the msg');
    allowances.set(key, left - 1);
    messages.push({ touser, templateId, page: typeof p.page === 'string' ? p.page : '', data });
    return { json: { errcode: 0, errmsg: 'ok' } };
  };

  const answer = (method: string, path: string, q: Record<string, string>, body: unknown): Answer => {
    if (path === '/cgi-bin/message/subscribe/send') return method === 'POST' ? subscribeSend(q, body) : error(43002, 'require POST method');
    if (path === '/sns/jscode2session') return method === 'GET' ? jscode2session(q) : error(43001, 'require GET method');
    if (path === '/cgi-bin/token') {
      if (method !== 'GET') return error(43001, 'require GET method');
      return checkCredentials(q, 'client_credential') ?? { json: { access_token: issueToken(), expires_in: expiresIn } };
    }
    if (path === '/cgi-bin/stable_token') return method === 'POST' ? stableTokenAnswer(body) : error(43002, 'require POST method');
    if (path === '/wxa/getwxacodeunlimit') return method === 'POST' ? qrcode(q, body) : error(43002, 'require POST method');
    return error(40066, 'invalid url');
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = text === '' ? undefined : parseJson(text);
    const query = Object.fromEntries(url.searchParams);
    requests.push({ method: req.method ?? 'GET', path: url.pathname, query, body });
    const reply = answer(req.method ?? 'GET', url.pathname, query, body);
    if (reply === 'hang') return;
    if ('json' in reply) {
      res.writeHead(200, { 'content-type': 'application/json; encoding=utf-8' }).end(JSON.stringify(reply.json));
    } else {
      res.writeHead(reply.status, { 'content-type': reply.type }).end(reply.body);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    expireTokens() {
      for (const token of tokens.keys()) tokens.set(token, 0);
    },
    subscribe(openid, templateId, times = 1) {
      allowances.set(`${openid} ${templateId}`, (allowances.get(`${openid} ${templateId}`) ?? 0) + times);
    },
    messages,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** An 8×8 grey checkerboard PNG with `text` in a tEXt chunk: real enough for anything that sniffs images. */
function tinyPng(text: string): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])));
    return Buffer.concat([length, Buffer.from(type, 'latin1'), data, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(8, 0); // width
  header.writeUInt32BE(8, 4); // height
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, deflate, no filter, no interlace
  const rows = Array.from({ length: 8 }, (_, y) => [0, ...Array.from({ length: 8 }, (_, x) => ((x + y) % 2) * 255)]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('tEXt', Buffer.from(`Comment\0${text}`, 'latin1')),
    chunk('IDAT', deflateSync(Buffer.from(rows.flat()))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
