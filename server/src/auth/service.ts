/**
 * Logins and what a signed-in account may do to itself. A resident is found (or made) by the keyed
 * hash of their WeChat openid or H5 device id; a bureau or worker account proves a password. Each
 * login starts a session (sessions.ts); logging out ends it, changing the password ends them all.
 */
import type { Account, AccountSession, ResidentSession } from '@plsr/shared/schemas';
import { parseVocabulary, STAFF_ROLES, USER_ROLES } from '@plsr/shared/vocabulary';
import { AppError } from '../http/errors';
import type { AppDeps } from '../http/context';
import { passwordAttemptAllowed, passwordFailed, passwordSucceeded, residentLoginAllowed } from '../limits/limits';
import { hashPassword, passwordProblem, verifyPassword } from './passwords';
import { findUserById, findUserByUsername, regionName, revokeSession, revokeSessionsOfUser, updatePasswordHash, upsertResident } from './repository';
import { residentIdHash } from './secrets';
import { STAFF_ACCOUNT_ROLE, startSession, type Actor, type BureauActor, type StaffActor } from './sessions';

/** Compared against when the username is unknown, so both failures take as long. */
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

type UserRow = NonNullable<Awaited<ReturnType<typeof findUserById>>>;

async function residentSession(deps: AppDeps, kind: 'wechat' | 'device', id: string): Promise<ResidentSession> {
  const resident = await upsertResident(deps.db, residentIdHash(deps.config.residentHashKey, kind, id), kind, deps.now());
  const { token, expiresAt } = await startSession(deps, { residentId: resident.id });
  return { kind: 'resident', token, expiresAt: expiresAt.toISOString() };
}

export async function loginWithWechat(deps: AppDeps, code: string, ip: string): Promise<ResidentSession> {
  if (!deps.wechat) throw new AppError('not_configured', '未配置微信登录,请联系管理员');
  await residentLoginAllowed(deps, 'wechat', ip);
  const { openid } = await deps.wechat.code2Session(code);
  return residentSession(deps, 'wechat', openid);
}

export async function loginWithDevice(deps: AppDeps, deviceId: string, ip: string): Promise<ResidentSession> {
  if (!deps.config.deviceLoginEnabled) throw new AppError('forbidden', '本服务未开放网页登录,请在微信小程序中使用');
  await residentLoginAllowed(deps, 'device', ip);
  return residentSession(deps, 'device', deviceId);
}

/** The account as the API shows it: a bureau's role and region, or a worker's person. */
async function accountOf(deps: AppDeps, user: UserRow): Promise<Account> {
  if (user.role === STAFF_ACCOUNT_ROLE) {
    if (!user.staff) throw new AppError('forbidden', '该账号没有关联的服务人员');
    const staff = { id: user.staff.id, name: user.staff.name, role: parseVocabulary(STAFF_ROLES, user.staff.role, 'Staff.role') };
    return { kind: 'staff', username: user.username, mustChangePassword: user.mustChangePassword, staff };
  }
  const role = USER_ROLES.find((r) => r === user.role);
  if (!role) throw new AppError('forbidden', '该账号没有可用的角色');
  const name = await regionName(deps.db, user.regionCode);
  if (!name) throw new Error(`User ${user.id}: region ${user.regionCode} is not in the registry`);
  return { kind: 'user', username: user.username, mustChangePassword: user.mustChangePassword, role, region: { code: user.regionCode, name } };
}

export async function accountSession(deps: AppDeps, user: UserRow): Promise<AccountSession> {
  const account = await accountOf(deps, user);
  const { token, expiresAt } = await startSession(deps, { userId: user.id });
  const session = { token, expiresAt: expiresAt.toISOString(), mustChangePassword: account.mustChangePassword };
  return account.kind === 'staff'
    ? { kind: 'staff', ...session, staff: account.staff }
    : { kind: 'user', ...session, user: { username: account.username, role: account.role, region: account.region } };
}

export async function loginWithPassword(deps: AppDeps, username: string, password: string, ip: string): Promise<AccountSession> {
  await passwordAttemptAllowed(deps, username, ip);
  // PostgreSQL text cannot hold NUL: such a name is nobody's, and fails like any unknown one.
  const user = username.includes('\u0000') ? null : await findUserByUsername(deps.db, username);
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) {
    await passwordFailed(deps, username, ip);
    throw new AppError('unauthorized', '用户名或密码不正确');
  }
  await passwordSucceeded(deps, username);
  if (user.disabledAt) throw new AppError('forbidden', '该账号已停用,请联系管理员');
  if (user.role === STAFF_ACCOUNT_ROLE && user.staff?.status !== 'active') throw new AppError('forbidden', '该人员已离岗,账号不能再登录');
  return accountSession(deps, user);
}

export async function logout(deps: AppDeps, actor: Actor): Promise<void> {
  await revokeSession(deps.db, actor.sessionId, deps.now());
}

/** Checks the current password, stores the new one, ends every session of the account, starts a new one. */
export async function changePassword(deps: AppDeps, actor: BureauActor | StaffActor, currentPassword: string, newPassword: string): Promise<AccountSession> {
  const user = await findUserById(deps.db, actor.userId);
  if (!user) throw new AppError('unauthorized', '请先登录,或登录已失效');
  if (!(await verifyPassword(currentPassword, user.passwordHash))) {
    throw new AppError('validation_failed', '原密码不正确', [{ path: 'currentPassword', message: '原密码不正确' }]);
  }
  const problem = passwordProblem(newPassword) ?? (newPassword === currentPassword ? '新密码不能与原密码相同' : null);
  if (problem) throw new AppError('validation_failed', problem, [{ path: 'newPassword', message: problem }]);
  await updatePasswordHash(deps.db, user.id, await hashPassword(newPassword));
  await revokeSessionsOfUser(deps.db, user.id, deps.now());
  return accountSession(deps, { ...user, mustChangePassword: false });
}

export async function myAccount(deps: AppDeps, actor: BureauActor | StaffActor): Promise<Account> {
  const user = await findUserById(deps.db, actor.userId);
  if (!user) throw new AppError('unauthorized', '请先登录,或登录已失效');
  return accountOf(deps, user);
}
