/** Logins: WeChat (residents in the mini-program), device (residents in H5), password (bureaus). */
import { z } from 'zod';
import { USER_ROLES } from '../vocabulary';

export const WechatLoginInputSchema = z.object({
  code: z
    .string({ error: '缺少微信登录凭证 code' })
    .min(1, { error: '缺少微信登录凭证 code' })
    .max(128, { error: '微信登录凭证过长' }),
});
export type WechatLoginInput = z.infer<typeof WechatLoginInputSchema>;

export const DeviceLoginInputSchema = z.object({
  deviceId: z
    .string({ error: '缺少设备标识 deviceId' })
    .regex(/^[A-Za-z0-9_-]{16,128}$/, { error: '设备标识应为 16–128 位字母、数字、下划线或连字符' }),
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
  user: z.object({
    username: z.string(),
    role: z.enum(USER_ROLES),
    region: z.object({ code: z.string(), name: z.string() }),
  }),
});
export type UserSession = z.infer<typeof UserSessionSchema>;
