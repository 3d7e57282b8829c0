/**
 * The resident's logins: WeChat (in the mini-program), device (in H5). Password accounts (bureaus,
 * workers) are in accounts.ts, which the resident's app never loads.
 */
import { z } from 'zod';

export const WechatLoginInputSchema = z.object({
  code: z.string({ error: '缺少微信登录凭证 code' }).min(1, { error: '缺少微信登录凭证 code' }).max(128, { error: '微信登录凭证过长' }),
});
export type WechatLoginInput = z.infer<typeof WechatLoginInputSchema>;

export const DeviceLoginInputSchema = z.object({
  deviceId: z.string({ error: '缺少设备标识 deviceId' }).regex(/^[A-Za-z0-9_-]{16,128}$/, { error: '设备标识应为 16–128 位字母、数字、下划线或连字符' }),
});
export type DeviceLoginInput = z.infer<typeof DeviceLoginInputSchema>;

export const ResidentSessionSchema = z.object({
  token: z.string(),
  expiresAt: z.string(),
  kind: z.literal('resident'),
});
export type ResidentSession = z.infer<typeof ResidentSessionSchema>;
