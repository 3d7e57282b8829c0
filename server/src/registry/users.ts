/**
 * Bureau accounts (司法局账号) made by an operator: a county, city or region (province) bureau,
 * tied to a division of the matching level. There is no sign-up; `npm run user:create` calls this.
 */
import { parseVocabulary, REGION_LEVEL_LABELS, REGION_LEVELS, USER_ROLES, USER_ROLE_REGION_LEVEL, type UserRole } from '@plsr/shared/vocabulary';
import { hashPassword, passwordProblem } from '../auth/passwords';
import type { Db } from '../db/client';

export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{3,64}$/;

export interface NewBureauUser {
  username: string;
  password: string;
  role: string;
  regionCode: string;
}

/** A problem the operator can fix (bad input, unknown region, taken username); the message says which. */
export class UserInputError extends Error {}

export async function createBureauUser(
  db: Db,
  input: NewBureauUser,
): Promise<{ id: number; username: string; role: UserRole; regionCode: string; regionName: string }> {
  const { username, password, regionCode } = input;
  if (!USERNAME_PATTERN.test(username)) {
    throw new UserInputError(`用户名应为 3–64 位字母、数字或 _ . - (invalid username "${username}")`);
  }
  const role = USER_ROLES.find((r) => r === input.role);
  if (!role) throw new UserInputError(`角色应为 ${USER_ROLES.join(' | ')} (invalid role "${input.role}")`);
  const problem = passwordProblem(password);
  if (problem) throw new UserInputError(`${problem} (password rejected)`);
  const region = await db.region.findUnique({ where: { code: regionCode } });
  if (!region) throw new UserInputError(`行政区划 ${regionCode} 不存在,请先导入 (unknown region ${regionCode}: import divisions first)`);
  const level = USER_ROLE_REGION_LEVEL[role];
  const actual = parseVocabulary(REGION_LEVELS, region.level, `region ${region.code} level`);
  if (actual !== level) {
    throw new UserInputError(
      `${role} 账号须对应${REGION_LEVEL_LABELS[level]}级区划,${region.name}(${regionCode})是${REGION_LEVEL_LABELS[actual]}级 (role ${role} needs a ${level} region; ${regionCode} is a ${actual})`,
    );
  }
  if (await db.user.findUnique({ where: { username } })) {
    throw new UserInputError(`用户名 ${username} 已存在 (username already taken)`);
  }
  const passwordHash = await hashPassword(password);
  const user = await db.user.create({ data: { username, passwordHash, role, regionCode } }).catch((error: unknown) => {
    // Taken between the check and the insert.
    if ((error as { code?: unknown }).code === 'P2002') throw new UserInputError(`用户名 ${username} 已存在 (username already taken)`);
    throw error;
  });
  return { id: user.id, username, role, regionCode, regionName: region.name };
}

/**
 * Disables an account (a clerk who left, a worker no longer registered): every session of it is
 * refused from the next request on, and it cannot log in; `enable` lets it log in again. The row
 * stays, so what the account did keeps its author.
 */
export async function setUserDisabled(db: Db, username: string, disabled: boolean, now: Date): Promise<{ username: string; sessionsEnded: number }> {
  const user = await db.user.findUnique({ where: { username } });
  if (!user) throw new UserInputError(`用户名 ${username} 不存在 (no such user)`);
  return db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { disabledAt: disabled ? (user.disabledAt ?? now) : null } });
    const ended = disabled ? await tx.session.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: now } }) : { count: 0 };
    return { username, sessionsEnded: ended.count };
  });
}
