/**
 * Logins. A resident is found (or made) by the keyed hash of their WeChat openid or H5 device id and
 * gets a resident token; a bureau user proves a password and gets a user token scoped to a region.
 */
import type { ResidentSession, UserSession } from '@plsr/shared/schemas';
import { USER_ROLES, type UserRole } from '@plsr/shared/vocabulary';
import { AppError } from '../http/errors';
import type { AppDeps } from '../http/context';
import { verifyPassword } from './passwords';
import { residentIdHash } from './secrets';
import { signToken } from './tokens';

/** Compared against when the username is unknown, so both failures take as long. */
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

function expiry(deps: AppDeps): Date {
  return new Date(deps.now().getTime() + deps.config.sessionTtlHours * 3600 * 1000);
}

async function residentSession(deps: AppDeps, kind: 'wechat' | 'device', id: string): Promise<ResidentSession> {
  const idHash = residentIdHash(deps.config.residentHashKey, kind, id);
  const resident = await deps.db.resident.upsert({ where: { idHash }, create: { idHash, kind }, update: {} });
  const expiresAt = expiry(deps);
  return { kind: 'resident', token: signToken(deps.config.sessionSecret, { kind: 'resident', sub: resident.id }, expiresAt), expiresAt: expiresAt.toISOString() };
}

export async function loginWithWechat(deps: AppDeps, code: string): Promise<ResidentSession> {
  if (!deps.wechat) throw new AppError('not_configured', '未配置微信登录,请联系管理员');
  const { openid } = await deps.wechat.code2Session(code);
  return residentSession(deps, 'wechat', openid);
}

export async function loginWithDevice(deps: AppDeps, deviceId: string): Promise<ResidentSession> {
  if (!deps.config.deviceLoginEnabled) throw new AppError('forbidden', '本服务未开放网页登录,请在微信小程序中使用');
  return residentSession(deps, 'device', deviceId);
}

export async function loginWithPassword(deps: AppDeps, username: string, password: string): Promise<UserSession> {
  const user = await deps.db.user.findUnique({ where: { username } });
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) throw new AppError('unauthorized', '用户名或密码不正确');
  if (!(USER_ROLES as readonly string[]).includes(user.role)) throw new AppError('forbidden', '该账号没有可用的角色');
  const region = await deps.db.region.findUnique({ where: { code: user.regionCode } });
  const role = user.role as UserRole;
  const expiresAt = expiry(deps);
  return {
    kind: 'user',
    token: signToken(deps.config.sessionSecret, { kind: 'user', sub: user.id, role, region: user.regionCode }, expiresAt),
    expiresAt: expiresAt.toISOString(),
    user: { username: user.username, role, region: { code: user.regionCode, name: region?.name ?? user.regionCode } },
  };
}
