/**
 * The WeChat server APIs the app needs: code2Session for resident and worker login, getUnlimitedQRCode
 * for station codes and subscribeMessage.send for workers' notifications, with the stable access token
 * cached and shared. Every failure comes out as an
 * AppError (see ./errors); the AppSecret and the session_key never appear in a result or an error.
 */
import { SYSTEM_BUSY, TOKEN_REJECTED, unreachable, WechatError, wechatError, type WechatOperation } from './errors';

export interface WechatClientOptions {
  /** https://api.weixin.qq.com, or a fake in tests. */
  apiBase: string;
  appId: string;
  appSecret: string;
  /** Per HTTP request, body included. */
  timeoutMs: number;
  /** Milliseconds since the epoch; the token cache's clock. */
  now?: () => number;
}

export interface UnlimitedQRCodeInput {
  /** ≤ 32 chars of [0-9A-Za-z!#$&'()*+,/:;=?@-._~]; WeChat checks it and we map its answer. */
  scene: string;
  /** e.g. pages/station/index: no leading slash, no query. */
  page: string;
  envVersion: 'release' | 'trial' | 'develop';
  /** Pixels, 280–1280; WeChat's default is 430. */
  width?: number;
  /** false allows a page not yet released (needed for trial/develop); WeChat's default is true. */
  checkPath?: boolean;
}

/** One subscribe message (订阅消息) to a user who allowed it with wx.requestSubscribeMessage. */
export interface SubscribeMessageInput {
  touser: string;
  templateId: string;
  /** The page a tap opens, e.g. staff/pages/ratings/index. */
  page: string;
  /** The template's keys (thing1, phrase2, …) and their values, already within WeChat's limits. */
  data: Record<string, string>;
  miniprogramState: 'formal' | 'trial' | 'developer';
}

type Reply = { kind: 'json'; body: Record<string, unknown> } | { kind: 'image'; bytes: Buffer };

/** WeChat says -1 "system busy, try again later": one retry after this pause. */
const BUSY_RETRY_DELAY_MS = 200;
/** Refresh the token this long before it expires (WeChat itself renews stable tokens 5 minutes early). */
const TOKEN_REFRESH_MARGIN_S = 300;

export class WechatClient {
  private readonly now: () => number;
  private token: { value: string; refreshAt: number } | null = null;
  private tokenInFlight: Promise<string> | null = null;

  constructor(private readonly options: WechatClientOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Exchanges a wx.login code for the resident's openid (and unionid when the app has an Open Platform). */
  async code2Session(code: string): Promise<{ openid: string; unionid?: string }> {
    const query = new URLSearchParams({
      appid: this.options.appId,
      secret: this.options.appSecret,
      js_code: code,
      grant_type: 'authorization_code',
    });
    const reply = await this.retryIfBusy(() => this.send(`/sns/jscode2session?${query}`, { method: 'GET' }));
    const body = this.expectJson('login', reply);
    if (typeof body.openid !== 'string' || body.openid === '') throw wechatError('login', body);
    return typeof body.unionid === 'string' && body.unionid !== '' ? { openid: body.openid, unionid: body.unionid } : { openid: body.openid };
  }

  /** The image bytes of a mini-program code that opens `page` with `scene`. */
  async getUnlimitedQRCode(input: UnlimitedQRCodeInput): Promise<Buffer> {
    const payload = {
      scene: input.scene,
      page: input.page,
      check_path: input.checkPath ?? true,
      env_version: input.envVersion,
      width: input.width ?? 430,
    };
    const reply = await this.retryIfBusy(() =>
      this.withToken((token) => this.postJson(`/wxa/getwxacodeunlimit?access_token=${encodeURIComponent(token)}`, payload)),
    );
    if (reply.kind === 'image' && reply.bytes.length > 0) return reply.bytes;
    throw reply.kind === 'json' ? wechatError('qrcode', reply.body) : unreachable();
  }

  /**
   * Sends a subscribe message. 43101 (not subscribed, or the one-time allowance used up) and 47003 (a
   * value over the template's limits) come out as errors with WeChat's errcode in `upstream`; a token
   * WeChat rejects (40001 and kin) is dropped and the send tried once more with a fresh one.
   */
  async sendSubscribeMessage(input: SubscribeMessageInput): Promise<void> {
    const payload = {
      touser: input.touser,
      template_id: input.templateId,
      page: input.page,
      miniprogram_state: input.miniprogramState,
      lang: 'zh_CN',
      data: Object.fromEntries(Object.entries(input.data).map(([key, value]) => [key, { value }])),
    };
    const reply = await this.retryIfBusy(() =>
      this.withToken((token) => this.postJson(`/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, payload)),
    );
    this.expectJson('message', reply);
  }

  /** A call with the access token; when WeChat rejects the token, once more with a fresh one. */
  private async withToken(call: (token: string) => Promise<Reply>): Promise<Reply> {
    const token = await this.accessToken();
    const first = await call(token);
    if (!TOKEN_REJECTED.has(errcodeOf(first))) return first;
    this.forgetToken(token);
    return call(await this.accessToken());
  }

  /** The cached stable access token, or one fresh request shared by everyone who asks meanwhile. */
  private accessToken(): Promise<string> {
    if (this.token && this.now() < this.token.refreshAt) return Promise.resolve(this.token.value);
    this.tokenInFlight ??= this.fetchToken().finally(() => {
      this.tokenInFlight = null;
    });
    return this.tokenInFlight;
  }

  private async fetchToken(): Promise<string> {
    const credentials = {
      grant_type: 'client_credential',
      appid: this.options.appId,
      secret: this.options.appSecret,
    };
    const reply = await this.retryIfBusy(() => this.postJson('/cgi-bin/stable_token', credentials));
    const body = this.expectJson('token', reply);
    const { access_token: value, expires_in: expiresIn } = body;
    if (typeof value !== 'string' || value === '' || typeof expiresIn !== 'number' || !(expiresIn > 0)) {
      throw wechatError('token', body);
    }
    const lifetimeS = expiresIn - Math.min(TOKEN_REFRESH_MARGIN_S, expiresIn / 2);
    this.token = { value, refreshAt: this.now() + lifetimeS * 1000 };
    return value;
  }

  /** Drops the cached token after WeChat rejected it, unless another caller already replaced it. */
  private forgetToken(token: string): void {
    if (this.token?.value === token) this.token = null;
  }

  private async retryIfBusy(attempt: () => Promise<Reply>): Promise<Reply> {
    const first = await attempt();
    if (errcodeOf(first) !== SYSTEM_BUSY) return first;
    await new Promise((resolve) => setTimeout(resolve, BUSY_RETRY_DELAY_MS));
    return attempt();
  }

  private expectJson(operation: WechatOperation, reply: Reply): Record<string, unknown> {
    if (reply.kind !== 'json') throw unreachable();
    if (errcodeOf(reply) !== 0) throw wechatError(operation, reply.body);
    return reply.body;
  }

  private postJson(path: string, payload: unknown): Promise<Reply> {
    return this.send(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });
  }

  /**
   * One HTTP exchange under the timeout. WeChat answers errors with HTTP 200 and a JSON body; anything
   * else that is not an image is "unreachable". Errors are built here, never from the URL (it holds the secret).
   */
  private async send(path: string, init: RequestInit): Promise<Reply> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
    try {
      const response = await fetch(`${this.options.apiBase}${path}`, { ...init, signal: controller.signal });
      const type = response.headers.get('content-type') ?? '';
      const bytes = Buffer.from(await response.arrayBuffer());
      if (!response.ok) throw unreachable({ status: response.status });
      if (type.startsWith('image/')) return { kind: 'image', bytes };
      const body: unknown = JSON.parse(bytes.toString('utf8'));
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw unreachable();
      return { kind: 'json', body: body as Record<string, unknown> };
    } catch (error) {
      if (error instanceof WechatError) throw error;
      throw unreachable();
    } finally {
      clearTimeout(timer);
    }
  }
}

/** 0 for success (WeChat omits errcode or sends 0), otherwise WeChat's number. */
function errcodeOf(reply: Reply): number {
  if (reply.kind !== 'json' || reply.body.errcode === undefined) return 0;
  const errcode = Number(reply.body.errcode);
  return Number.isFinite(errcode) ? errcode : 0;
}
