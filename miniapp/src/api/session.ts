/**
 * Silent login. The resident never sees a login screen: in the mini-program `wx.login` gives a
 * one-time code the server exchanges for the openid; in H5 a random device id kept on the phone
 * stands in. The session token is kept until it expires or the server refuses it.
 */
import Taro from '@tarojs/taro';
import { DeviceLoginInputSchema, ResidentSessionSchema, type ResidentSession } from '@plsr/shared/schemas';
import { newDeviceId } from '../lib/ids';
import { STORAGE_KEYS, readStored, removeStored, writeStored } from '../lib/storage';
import { RESIDENT_ROUTES } from '@plsr/shared/contract';
import { ApiError, callRoute } from './http';

/** Renew a little before the server would refuse the token. */
const EXPIRY_MARGIN_MS = 60_000;

function deviceId(): string {
  const stored = readStored(STORAGE_KEYS.deviceId, DeviceLoginInputSchema.shape.deviceId);
  if (stored) return stored;
  const id = newDeviceId();
  writeStored(STORAGE_KEYS.deviceId, id);
  return id;
}

async function login(): Promise<ResidentSession> {
  if (process.env.TARO_ENV === 'weapp') {
    let code: string;
    try {
      ({ code } = await Taro.login());
    } catch {
      throw new ApiError('network', '微信登录失败,请检查网络后重试');
    }
    return (await callRoute(RESIDENT_ROUTES.wechatLogin, { body: { code } })).data;
  }
  return (await callRoute(RESIDENT_ROUTES.deviceLogin, { body: { deviceId: deviceId() } })).data;
}

/**
 * The login itself failed (not the call it was for). A waiting rating is kept and tried again
 * later rather than marked refused: a login problem says nothing about the rating.
 */
export class LoginFailed extends ApiError {
  constructor(cause: ApiError) {
    super(cause.kind, cause.message, cause.status, cause.code, cause.details);
    this.name = 'LoginFailed';
  }
}

let pending: Promise<ResidentSession> | undefined;

export async function ensureSession(): Promise<ResidentSession> {
  const stored = readStored(STORAGE_KEYS.session, ResidentSessionSchema);
  if (stored && Date.parse(stored.expiresAt) - EXPIRY_MARGIN_MS > Date.now()) return stored;
  // Pages and the retry loop may ask at once: one login serves them all.
  pending ??= login()
    .catch((error: unknown) => {
      throw error instanceof ApiError ? new LoginFailed(error) : error;
    })
    .then((session) => {
      writeStored(STORAGE_KEYS.session, session);
      return session;
    })
    .finally(() => {
      pending = undefined;
    });
  return pending;
}

export function forgetSession(): void {
  removeStored(STORAGE_KEYS.session);
}

/** Runs an API call with the session; if the server no longer accepts the token, logs in once more. */
export async function withSession<T>(call: (token: string) => Promise<T>): Promise<T> {
  const session = await ensureSession();
  try {
    return await call(session.token);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    forgetSession();
    return call((await ensureSession()).token);
  }
}
