/** Logins: WeChat (residents in the mini-program), device (residents in H5), password (bureaus). */
import { z } from 'zod';
import { STAFF_ROLES, USER_ROLES } from '../vocabulary';

export const WechatLoginInputSchema = z.object({
  code: z.string({ error: '缺少微信登录凭证 code' }).min(1, { error: '缺少微信登录凭证 code' }).max(128, { error: '微信登录凭证过长' }),
});
export type WechatLoginInput = z.infer<typeof WechatLoginInputSchema>;

export const DeviceLoginInputSchema = z.object({
  deviceId: z.string({ error: '缺少设备标识 deviceId' }).regex(/^[A-Za-z0-9_-]{16,128}$/, { error: '设备标识应为 16–128 位字母、数字、下划线或连字符' }),
});
export type DeviceLoginInput = z.infer<typeof DeviceLoginInputSchema>;

export const PasswordLoginInputSchema = z.object({
  username: z.string({ error: '请填写用户名' }).min(1, { error: '请填写用户名' }).max(64, { error: '用户名过长' }),
  password: z.string({ error: '请填写密码' }).min(1, { error: '请填写密码' }).max(256, { error: '密码过长' }),
});
export type PasswordLoginInput = z.infer<typeof PasswordLoginInputSchema>;

export const ResidentSessionSchema = z.object({
  token: z.string(),
  expiresAt: z.string(),
  kind: z.literal('resident'),
});
export type ResidentSession = z.infer<typeof ResidentSessionSchema>;

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

/** What a password login answers: a bureau session or a worker's. */
export const AccountSessionSchema = z.discriminatedUnion('kind', [UserSessionSchema, StaffSessionSchema]);
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
export const AccountSchema = z.discriminatedUnion('kind', [
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
