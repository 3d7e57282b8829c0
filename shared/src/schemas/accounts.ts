/**
 * Password accounts: the login of a bureau or worker account, its session, its own password; and
 * bureau accounts as the region's bureau manages them (issue 11): it creates city and county accounts
 * inside its region, resets their passwords and disables them. No one registers themselves. A new or
 * reset account gets an initial password, shown once, that must be changed at the first login.
 */
import { z } from 'zod';
import { STAFF_ROLES, USER_ROLES } from '../vocabulary';
import { noNul, NUL_MESSAGE, RegionCodeSchema, RegionRefSchema } from './common';

/** Password login of a bureau or worker account. */
export const PasswordLoginInputSchema = z.object({
  username: z.string({ error: '请填写用户名' }).min(1, { error: '请填写用户名' }).max(64, { error: '用户名过长' }),
  password: z.string({ error: '请填写密码' }).min(1, { error: '请填写密码' }).max(256, { error: '密码过长' }),
});
export type PasswordLoginInput = z.infer<typeof PasswordLoginInputSchema>;

export const UserSessionSchema = z.object({
  token: z.string(),
  expiresAt: z.string(),
  kind: z.literal('user'),
  /** An initial or reset password: change it first (every other bureau route answers 403 until then). */
  mustChangePassword: z.boolean(),
  user: z.object({
    username: z.string(),
    role: z.enum(USER_ROLES),
    region: z.object({ code: z.string(), name: z.string() }),
  }),
});
export type UserSession = z.infer<typeof UserSessionSchema>;

/** A worker's session (lawyer, mediator…): their own ratings only, never who rated. */
export const StaffSessionSchema = z.object({
  token: z.string(),
  expiresAt: z.string(),
  kind: z.literal('staff'),
  mustChangePassword: z.boolean(),
  staff: z.object({ id: z.number().int(), name: z.string(), role: z.enum(STAFF_ROLES) }),
});
export type StaffSession = z.infer<typeof StaffSessionSchema>;

/**
 * What a password login answers: a bureau session or a worker's, told apart by `kind`. A plain union
 * (not z.discriminatedUnion, which nothing in the resident's app uses and would add to its first load).
 */
export const AccountSessionSchema = z.union([UserSessionSchema, StaffSessionSchema]);
export type AccountSession = z.infer<typeof AccountSessionSchema>;

export const NEW_PASSWORD_MIN = 8;
export const NEW_PASSWORD_MAX = 128;

export const ChangePasswordInputSchema = z.object({
  currentPassword: z.string({ error: '请填写原密码' }).min(1, { error: '请填写原密码' }).max(256, { error: '密码过长' }),
  newPassword: z
    .string({ error: '请填写新密码' })
    .min(NEW_PASSWORD_MIN, { error: `新密码至少 ${NEW_PASSWORD_MIN} 位` })
    .max(NEW_PASSWORD_MAX, { error: `新密码不能超过 ${NEW_PASSWORD_MAX} 位` }),
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordInputSchema>;

/** The signed-in password account: a bureau's, or a worker's with the person it belongs to. */
export const AccountSchema = z.union([
  z.object({
    kind: z.literal('user'),
    username: z.string(),
    mustChangePassword: z.boolean(),
    role: z.enum(USER_ROLES),
    region: z.object({ code: z.string(), name: z.string() }),
  }),
  z.object({
    kind: z.literal('staff'),
    username: z.string(),
    mustChangePassword: z.boolean(),
    staff: z.object({ id: z.number().int(), name: z.string(), role: z.enum(STAFF_ROLES) }),
  }),
]);
export type Account = z.infer<typeof AccountSchema>;

export const UsernameSchema = z
  .string({ error: '请填写用户名' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{2,31}$/, { error: '用户名应为 3–32 位字母、数字、下划线、点或连字符,以字母或数字开头' });

export const AccountQuerySchema = z.object({ region: RegionCodeSchema });
export type AccountQuery = z.infer<typeof AccountQuerySchema>;

export const AccountParamsSchema = z.object({
  username: z
    .string()
    .min(1, { error: '请填写用户名' })
    .max(64, { error: '用户名过长' })
    .refine(noNul, { error: `用户名${NUL_MESSAGE}` }),
});

/** A bureau account as the accounts page lists it. */
export const BureauAccountSchema = z.object({
  username: z.string(),
  role: z.enum(USER_ROLES),
  region: RegionRefSchema,
  disabled: z.boolean(),
  /** Still on its initial or reset password. */
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
});
export type BureauAccount = z.infer<typeof BureauAccountSchema>;

export const BureauAccountListSchema = z.object({ accounts: z.array(BureauAccountSchema) });
export type BureauAccountList = z.infer<typeof BureauAccountListSchema>;

/** Accounts the region's bureau may create: a city's (市) or a county's (县、区). */
export const CREATABLE_ROLES = ['city', 'county'] as const;

export const NewAccountInputSchema = z.strictObject({
  username: UsernameSchema,
  role: z.enum(CREATABLE_ROLES, { error: '账号级别只能是 city(市)或 county(县、区)' }),
  /** The city's or county's GB/T 2260 code: its jurisdiction. */
  region: RegionCodeSchema,
});
export type NewAccountInput = z.infer<typeof NewAccountInputSchema>;

/** The account with its initial password: shown once, never stored in clear, to be changed at first login. */
export const IssuedAccountSchema = z.object({ account: BureauAccountSchema, initialPassword: z.string() });
export type IssuedAccount = z.infer<typeof IssuedAccountSchema>;

export const AccountStatusInputSchema = z.strictObject({
  disabled: z.boolean({ error: 'disabled 应为 true(停用)或 false(启用)' }),
  reason: z
    .string({ error: '请填写原因' })
    .trim()
    .min(1, { error: '请填写原因' })
    .max(200, { error: '原因不能超过 200 字' })
    .refine(noNul, { error: `原因${NUL_MESSAGE}` }),
});
export type AccountStatusInput = z.infer<typeof AccountStatusInputSchema>;
