/**
 * Bureau accounts, kept by the region's bureau (issue 11): it creates city and county accounts inside
 * its region, gives one a new initial password, disables or enables it. An initial password is shown
 * once and must be changed at the first login (guards.ts refuses everything else until then); a
 * disabled account's tokens are refused on the next request (sessions.ts). Every change is audited.
 */
import { randomInt } from 'node:crypto';
import type { AccountStatusInput, BureauAccount, IssuedAccount, NewAccountInput } from '@plsr/shared/schemas';
import { parseVocabulary, USER_ROLE_REGION_LEVEL, USER_ROLES } from '@plsr/shared/vocabulary';
import { assertWithinJurisdiction, type BureauActor, type BureauUser } from '../auth/guards';
import { hashPassword } from '../auth/passwords';
import { STAFF_ACCOUNT_ROLE } from '../auth/sessions';
import type { Db } from '../db/client';
import type { AppDeps } from '../http/context';
import { AppError } from '../http/errors';
import { findRegions } from '../stations/repository';
import { writeAudit } from '../audit/write';

/** No 0/O, 1/l/I: read aloud over the phone or copied from paper without doubt. */
const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

/** 12 random characters (≈ 70 bits) in three groups of four: 7kPq-Mx3a-Rt9w. */
export function initialPassword(): string {
  const chars = Array.from({ length: 12 }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]!);
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

type AccountRow = { username: string; role: string; regionCode: string; disabledAt: Date | null; mustChangePassword: boolean; createdAt: Date };
const ACCOUNT_SELECT = { id: true, username: true, role: true, regionCode: true, disabledAt: true, mustChangePassword: true, createdAt: true } as const;

async function accountViews(db: Db, rows: AccountRow[]): Promise<BureauAccount[]> {
  const regions = new Map((await findRegions(db, [...new Set(rows.map((r) => r.regionCode))])).map((r) => [r.code, r]));
  return rows.map((r) => {
    const region = regions.get(r.regionCode);
    if (!region) throw new Error(`account ${r.username}: region ${r.regionCode} is not in the registry`);
    return {
      username: r.username,
      role: parseVocabulary(USER_ROLES, r.role, `User ${r.username} role`),
      region: { code: region.code, name: region.name, level: region.level },
      disabled: r.disabledAt !== null,
      mustChangePassword: r.mustChangePassword,
      createdAt: r.createdAt.toISOString(),
    };
  });
}

/** The bureau accounts whose jurisdiction lies inside `region` (workers' accounts are the staff pages'). */
export async function listAccounts(deps: Pick<AppDeps, 'db'>, region: string): Promise<{ accounts: BureauAccount[] }> {
  if ((await deps.db.region.count({ where: { code: region } })) === 0) throw new AppError('not_found', `行政区划 ${region} 不存在`);
  const rows = await deps.db.user.findMany({
    where: { regionCode: { startsWith: region }, role: { in: [...USER_ROLES] } },
    select: ACCOUNT_SELECT,
    orderBy: [{ regionCode: 'asc' }, { username: 'asc' }],
  });
  return { accounts: await accountViews(deps.db, rows) };
}

function requireRegionBureau(user: BureauUser): void {
  if (user.role !== 'region') throw new AppError('forbidden', '仅自治区司法厅账号可以管理账号');
}

export async function createAccount(deps: AppDeps, actor: BureauActor, input: NewAccountInput): Promise<IssuedAccount> {
  requireRegionBureau(actor);
  const [region] = await findRegions(deps.db, [input.region]);
  if (!region) throw new AppError('not_found', `行政区划 ${input.region} 不存在`);
  assertWithinJurisdiction(actor, region.code);
  const level = USER_ROLE_REGION_LEVEL[input.role];
  if (region.level !== level) {
    const message = `${region.name}不是${input.role === 'city' ? '市级' : '县级'}行政区划,不能建立${input.role === 'city' ? '市' : '县(区)'}司法局账号`;
    throw new AppError('validation_failed', message, [{ path: 'region', message }]);
  }
  const password = initialPassword();
  const passwordHash = await hashPassword(password);
  const row = await deps.db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { username: input.username }, select: { id: true } })) {
      throw new AppError('conflict', `用户名 ${input.username} 已被使用`);
    }
    const created = await tx.user.create({
      data: { username: input.username, passwordHash, role: input.role, regionCode: region.code, mustChangePassword: true, createdAt: deps.now() },
      select: ACCOUNT_SELECT,
    });
    await writeAudit(tx, deps.now(), actor, {
      action: 'account.create',
      subject: `account:${created.username}`,
      regionCode: region.code,
      after: { role: input.role, region: region.code },
    });
    return created;
  });
  return { account: (await accountViews(deps.db, [row]))[0]!, initialPassword: password };
}

/** A city or county account inside the caller's jurisdiction, not the caller's own: what the region's bureau may change. */
async function managedAccount(deps: AppDeps, actor: BureauActor, username: string) {
  requireRegionBureau(actor);
  const row = await deps.db.user.findUnique({ where: { username }, select: ACCOUNT_SELECT });
  if (!row) throw new AppError('not_found', `账号 ${username} 不存在`);
  if (row.role === STAFF_ACCOUNT_ROLE) throw new AppError('conflict', '服务人员的账号由其所在县(区)司法局在服务人员名册中管理');
  assertWithinJurisdiction(actor, row.regionCode);
  if (row.id === actor.userId) throw new AppError('conflict', '不能在这里更改自己的账号;修改自己的密码请用“修改密码”');
  if (row.role === 'region') throw new AppError('conflict', '不能更改同级(自治区司法厅)账号');
  return row;
}

export async function resetAccountPassword(deps: AppDeps, actor: BureauActor, username: string): Promise<IssuedAccount> {
  const target = await managedAccount(deps, actor, username);
  const password = initialPassword();
  const passwordHash = await hashPassword(password);
  const row = await deps.db.$transaction(async (tx) => {
    const updated = await tx.user.update({ where: { id: target.id }, data: { passwordHash, mustChangePassword: true }, select: ACCOUNT_SELECT });
    await tx.session.updateMany({ where: { userId: target.id, revokedAt: null }, data: { revokedAt: deps.now() } });
    await writeAudit(tx, deps.now(), actor, { action: 'account.reset_password', subject: `account:${target.username}`, regionCode: target.regionCode });
    return updated;
  });
  return { account: (await accountViews(deps.db, [row]))[0]!, initialPassword: password };
}

/** Disables (every session refused at once) or enables an account; asking for the state it is in changes nothing. */
export async function setAccountStatus(deps: AppDeps, actor: BureauActor, username: string, input: AccountStatusInput): Promise<BureauAccount> {
  const target = await managedAccount(deps, actor, username);
  if ((target.disabledAt !== null) === input.disabled) return (await accountViews(deps.db, [target]))[0]!;
  const row = await deps.db.$transaction(async (tx) => {
    const at = deps.now();
    const updated = await tx.user.update({ where: { id: target.id }, data: { disabledAt: input.disabled ? at : null }, select: ACCOUNT_SELECT });
    if (input.disabled) await tx.session.updateMany({ where: { userId: target.id, revokedAt: null }, data: { revokedAt: at } });
    await writeAudit(tx, at, actor, {
      action: input.disabled ? 'account.disable' : 'account.enable',
      subject: `account:${target.username}`,
      regionCode: target.regionCode,
      reason: input.reason,
      before: { disabled: !input.disabled },
      after: { disabled: input.disabled },
    });
    return updated;
  });
  return (await accountViews(deps.db, [row]))[0]!;
}
