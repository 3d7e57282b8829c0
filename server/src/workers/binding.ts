/**
 * A worker's door (issue 12, part 1). The bureau that keeps a person issues a binding code (8
 * characters, shown once, 72 hours, one use; a newer code voids the older). The worker enters it in
 * the mini-program, which binds their WeChat (later opens log them in silently), or in a browser,
 * where they choose a username and a password. Only the code's hash is stored; wrong codes count
 * against the address like wrong passwords. A person marked 已离岗 is refused, and their sessions end
 * at once (auth/repository.ts reads the person's status with the session).
 */
import { createHash, randomInt } from 'node:crypto';
import { BINDING_CODE_ALPHABET, type AccountSession, type BindingCode, type BindInput } from '@plsr/shared/schemas';
import { assertWithinJurisdiction, type BureauUser } from '../auth/guards';
import { hashPassword } from '../auth/passwords';
import { findUserById } from '../auth/repository';
import { encryptPhone, residentIdHash } from '../auth/secrets';
import { accountSession } from '../auth/service';
import { STAFF_ACCOUNT_ROLE } from '../auth/sessions';
import { writeAudit } from '../audit/write';
import type { AppDeps } from '../http/context';
import { AppError } from '../http/errors';
import { bindAttemptAllowed, bindFailed, residentLoginAllowed } from '../limits/limits';

export const BINDING_CODE_HOURS = 72;
const CODE_LENGTH = 8;

const hashOf = (code: string) => createHash('sha256').update(code).digest('hex');
/** What the worker typed, as issued: upper case, without spaces or the dash. */
const normalised = (typed: string) => typed.replace(/[\s-]/g, '').toUpperCase();

export async function issueBindingCode(deps: AppDeps, user: BureauUser, staffId: number): Promise<BindingCode> {
  const staff = await deps.db.staff.findUnique({ where: { id: staffId }, select: { id: true, name: true, countyCode: true, status: true } });
  if (!staff) throw new AppError('not_found', `人员编号 ${staffId} 不存在`);
  assertWithinJurisdiction(user, staff.countyCode);
  if (staff.status !== 'active') throw new AppError('conflict', `${staff.name}已离岗,不能发放绑定码`);
  const code = Array.from({ length: CODE_LENGTH }, () => BINDING_CODE_ALPHABET[randomInt(BINDING_CODE_ALPHABET.length)]!).join('');
  const at = deps.now();
  const expiresAt = new Date(at.getTime() + BINDING_CODE_HOURS * 3600_000);
  await deps.db.$transaction(async (tx) => {
    const { username } = await tx.user.findUniqueOrThrow({ where: { id: user.userId }, select: { username: true } });
    await tx.staffBindingCode.updateMany({ where: { staffId, usedAt: null }, data: { usedAt: at } });
    await tx.staffBindingCode.create({ data: { codeHash: hashOf(code), staffId, issuedBy: username, issuedAt: at, expiresAt } });
    await writeAudit(tx, at, user, {
      action: 'staff.binding_code',
      subject: `staff:${staffId}`,
      regionCode: staff.countyCode,
      after: { expiresAt: expiresAt.toISOString() },
    });
  });
  return { code: `${code.slice(0, 4)}-${code.slice(4)}`, expiresAt: expiresAt.toISOString(), staff: { id: staff.id, name: staff.name } };
}

/** Binds the worker the code was issued for: their WeChat, or a username and password of their choosing. */
export async function bindWorker(deps: AppDeps, input: BindInput, ip: string): Promise<AccountSession> {
  await bindAttemptAllowed(deps, ip);
  if (input.wechatCode !== undefined && !deps.wechat) throw new AppError('not_configured', '未配置微信登录,请在网页中设置用户名和密码');
  const code = normalised(input.code);
  const now = deps.now();
  const found =
    code.length === CODE_LENGTH
      ? await deps.db.staffBindingCode.findUnique({
          where: { codeHash: hashOf(code) },
          include: { staff: { select: { id: true, status: true, countyCode: true, account: { select: { id: true, role: true, disabledAt: true } } } } },
        })
      : null;
  if (!found || found.usedAt || found.expiresAt.getTime() <= now.getTime()) {
    await bindFailed(deps, ip);
    throw new AppError(
      'unauthorized',
      found?.usedAt ? '该绑定码已使用或已作废,请向司法局重新领取' : found ? '该绑定码已过期,请向司法局重新领取' : '绑定码不正确',
    );
  }
  const { staff } = found;
  if (staff.status !== 'active') throw new AppError('forbidden', '该人员已离岗,不能绑定');
  if (staff.account && (staff.account.role !== STAFF_ACCOUNT_ROLE || staff.account.disabledAt))
    throw new AppError('forbidden', '该人员的账号已停用,请联系司法局');
  const openid = input.wechatCode !== undefined ? (await deps.wechat!.code2Session(input.wechatCode)).openid : undefined;
  const wechatIdHash = openid !== undefined ? residentIdHash(deps.config.residentHashKey, 'wechat', openid) : undefined;
  if (input.username !== undefined) {
    const taken = await deps.db.user.findUnique({ where: { username: input.username }, select: { staffId: true } });
    if (taken && taken.staffId !== staff.id) throw new AppError('conflict', `用户名 ${input.username} 已被使用,请换一个`);
  }
  const passwordHash = input.password !== undefined ? await hashPassword(input.password) : undefined;
  const userId = await deps.db.$transaction(async (tx) => {
    // One use, even when two phones send the same code at once: only one of them moves usedAt.
    const used = await tx.staffBindingCode.updateMany({ where: { id: found.id, usedAt: null }, data: { usedAt: now } });
    if (used.count !== 1) throw new AppError('unauthorized', '该绑定码已使用或已作废,请向司法局重新领取');
    if (wechatIdHash) await tx.user.updateMany({ where: { wechatIdHash, NOT: { staffId: staff.id } }, data: { wechatIdHash: null, wechatOpenIdEnc: null } });
    const fields = {
      // The openid itself, encrypted, for the subscribe messages (workers/notifications.ts).
      ...(wechatIdHash && openid ? { wechatIdHash, wechatOpenIdEnc: encryptPhone(deps.config.phoneEncryptionKey, openid) } : {}),
      ...(input.username !== undefined ? { username: input.username } : {}),
      ...(passwordHash ? { passwordHash, mustChangePassword: false } : {}),
    };
    if (staff.account) {
      // A new code is a credential reset: the account's other sessions end, as after a password change.
      await tx.user.update({ where: { id: staff.account.id }, data: fields });
      await tx.session.updateMany({ where: { userId: staff.account.id, revokedAt: null }, data: { revokedAt: now } });
      return staff.account.id;
    }
    // A WeChat-only worker gets a username of their id and a password nobody knows (they may set one later).
    const created = await tx.user.create({
      data: {
        username: `staff-${staff.id}`,
        passwordHash: await hashPassword(randomPassword()),
        role: STAFF_ACCOUNT_ROLE,
        regionCode: staff.countyCode,
        staffId: staff.id,
        createdAt: now,
        ...fields,
      },
      select: { id: true },
    });
    return created.id;
  });
  return accountSession(deps, (await findUserById(deps.db, userId))!);
}

const randomPassword = () => Array.from({ length: 32 }, () => BINDING_CODE_ALPHABET[randomInt(BINDING_CODE_ALPHABET.length)]).join('');

/** The mini-program's silent login of a bound worker. */
export async function workerWechatLogin(deps: AppDeps, code: string, ip: string): Promise<AccountSession> {
  if (!deps.wechat) throw new AppError('not_configured', '未配置微信登录,请使用用户名和密码登录');
  await residentLoginAllowed(deps, 'wechat', ip);
  const { openid } = await deps.wechat.code2Session(code);
  const user = await deps.db.user.findUnique({
    where: { wechatIdHash: residentIdHash(deps.config.residentHashKey, 'wechat', openid) },
    select: { id: true },
  });
  if (!user) throw new AppError('unauthorized', '此微信尚未绑定服务人员,请输入司法局发放的绑定码');
  // Kept again at each WeChat login, for the subscribe messages: bound before it was kept, or kept
  // under a PHONE_ENCRYPTION_KEY since replaced, it is readable again from now on.
  await deps.db.user.update({ where: { id: user.id }, data: { wechatOpenIdEnc: encryptPhone(deps.config.phoneEncryptionKey, openid) } });
  const account = (await findUserById(deps.db, user.id))!;
  if (account.disabledAt) throw new AppError('forbidden', '该账号已停用,请联系司法局');
  if (account.staff?.status !== 'active') throw new AppError('forbidden', '该人员已离岗');
  return accountSession(deps, account);
}
