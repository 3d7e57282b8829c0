/**
 * The first-use privacy notice (个人信息保护法). Accepting it is remembered per notice version: a
 * changed notice (say, a new kind of data collected) is shown again.
 */
import { z } from 'zod';
import { STORAGE_KEYS, readStored, writeStored } from './storage';

export const PRIVACY_VERSION = '2026-11-25';

export function privacyAccepted(): boolean {
  return readStored(STORAGE_KEYS.privacy, z.string()) === PRIVACY_VERSION;
}

export function acceptPrivacy(): void {
  writeStored(STORAGE_KEYS.privacy, PRIVACY_VERSION);
}

/** What is collected and why: the notice, the full page and the WeChat privacy guide say the same. */
export const PRIVACY_SUMMARY = [
  '评价内容:满意程度、评价项目、不满意原因和您填写的文字,用于公共法律服务的考核和改进。',
  '回访电话(仅在不满意时自愿填写):加密保存,只用于司法行政机关回访核实,页面只显示部分号码。',
  '账号标识:微信登录凭证(浏览器中为随机设备编号),服务器只保存加密处理后的标识,用于防止重复评价和查看您自己的评价。',
  '不会获取您的位置、通讯录、相册或微信头像昵称;被评价的工作人员看不到是谁评价的。',
] as const;
