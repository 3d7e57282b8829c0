/**
 * What a WeChat server API error means to us: each errcode becomes an AppError whose Chinese message a
 * resident, a clerk or the operator can act on. Codes from the API docs (code2Session,
 * getStableAccessToken, getUnlimitedQRCode) and WeChat's global return-code table.
 */
import type { ErrorCode } from '@plsr/shared/schemas';
import { AppError } from '../http/errors';

/** Which call failed: the same errcode can mean different things (45011 while logging in vs. elsewhere). */
export type WechatOperation = 'login' | 'token' | 'qrcode' | 'message';

/** An AppError that also carries what WeChat said, for the logs (errmsg holds the `rid` WeChat support asks for). */
export class WechatError extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly upstream: { errcode?: number; errmsg?: string; status?: number } = {},
  ) {
    super(code, message);
    this.name = 'WechatError';
  }
}

/** errcode -1: "system error, try again later". */
export const SYSTEM_BUSY = -1;
/** 40001 invalid credential / not latest, 40014 invalid access_token, 42001 access_token expired. */
export const TOKEN_REJECTED: ReadonlySet<number> = new Set([40001, 40014, 42001]);

const UNREACHABLE = '微信服务暂时无法访问,请稍后再试';
const ASK_ADMIN = '小程序服务配置有误,请联系管理员';
const BAD_CREDENTIALS = 'AppID 或 AppSecret 不正确,请核对 WECHAT_APP_ID / WECHAT_APP_SECRET';

/** Codes that mean the operator has to fix something on the WeChat side or in our configuration. */
const OPERATOR_FIXES: Record<number, string> = {
  40013: BAD_CREDENTIALS, // invalid appid
  40125: BAD_CREDENTIALS, // invalid appsecret
  41002: BAD_CREDENTIALS, // appid missing
  41004: BAD_CREDENTIALS, // appsecret missing
  40243: '微信 AppSecret 已被冻结,请在微信公众平台解冻', // AppSecret frozen
  40164: '本服务器的出口 IP 不在微信公众平台的 IP 白名单中', // invalid ip, not in whitelist
  48001: '小程序没有该微信接口的权限', // api unauthorized
};

const LOGIN: Record<number, [ErrorCode, string]> = {
  40029: ['bad_request', '登录凭证无效或已使用,请重新打开小程序'], // invalid code
  40163: ['bad_request', '登录凭证无效或已使用,请重新打开小程序'], // code been used
  45011: ['rate_limited', '登录过于频繁,请稍后再试'], // minute quota per user
  40226: ['forbidden', '微信安全策略拦截了本次登录,请稍后再试或换一个微信账号'], // high-risk user
};

const QRCODE: Record<number, [ErrorCode, string]> = {
  40169: ['bad_request', "小程序码的 scene 无效:最多 32 个字符,只能用字母、数字和 !#$&'()*+,/:;=?@-._~"], // invalid length for scene
  40129: ['bad_request', "小程序码的 scene 含有不允许的字符,只能用字母、数字和 !#$&'()*+,/:;=?@-._~"], // invalid scene
  41030: ['bad_request', '小程序码的页面无效:页面须已在所选版本中发布,路径不以 / 开头且不带参数'], // invalid page
  85096: ['bad_request', '小程序码的页面参数不能包含系统保留的 scancode_time'],
  40097: ['bad_request', '小程序码的参数有误,请检查页面、版本与尺寸'], // invalid args
  45009: ['rate_limited', '生成小程序码过于频繁,已达到微信的调用上限,请稍后再试'], // api quota
};

/** subscribeMessage.send: what the worker did not allow, or what we sent wrong. */
export const NOT_SUBSCRIBED = 43101;
const MESSAGE: Record<number, [ErrorCode, string]> = {
  [NOT_SUBSCRIBED]: ['conflict', '对方没有订阅这条消息,或订阅次数已用完'], // user refuse to accept the msg
  47003: ['bad_request', '订阅消息的内容不符合模板要求(字段长度或格式)'], // argument invalid! data.thing1.value ...
  40003: ['bad_request', '订阅消息的接收人 openid 无效'], // invalid openid
  40037: ['not_configured', '订阅消息模板 ID 不正确,请核对 WECHAT_TEMPLATE_* 配置'], // invalid template_id
};

const ANYWHERE: Record<number, [ErrorCode, string]> = {
  45009: ['rate_limited', '微信接口调用已达上限,请稍后再试'],
  45011: ['rate_limited', '微信接口调用过于频繁,请稍后再试'],
  [SYSTEM_BUSY]: ['upstream_unavailable', '微信服务繁忙,请稍后再试'],
};

/** The AppError for a JSON reply carrying a non-zero errcode (or none of the fields we expected). */
export function wechatError(operation: WechatOperation, body: Record<string, unknown>): WechatError {
  const errcode = typeof body.errcode === 'number' ? body.errcode : Number(body.errcode);
  const errmsg = typeof body.errmsg === 'string' ? body.errmsg : undefined;
  if (!Number.isFinite(errcode) || errcode === 0) return unreachable({ errmsg });
  const upstream = { errcode, errmsg };
  const fix = OPERATOR_FIXES[errcode] ?? (operation !== 'qrcode' && operation !== 'message' && errcode === 40001 ? BAD_CREDENTIALS : undefined);
  if (fix) return new WechatError('not_configured', `${ASK_ADMIN}:${fix}(微信错误码 ${errcode})`, upstream);
  const known = (operation === 'login' ? LOGIN : operation === 'qrcode' ? QRCODE : operation === 'message' ? MESSAGE : {})[errcode] ?? ANYWHERE[errcode];
  if (known) return new WechatError(known[0], known[1], upstream);
  return new WechatError('upstream_unavailable', `微信服务返回错误(错误码 ${errcode}),请稍后再试`, upstream);
}

/** Timeouts, refused connections, HTTP errors and bodies that are neither JSON nor what we expected. */
export function unreachable(upstream: WechatError['upstream'] = {}): WechatError {
  return new WechatError('upstream_unavailable', UNREACHABLE, upstream);
}
