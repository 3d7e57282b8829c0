/**
 * Personal data kept only in protected form (个人信息保护法): the resident's WeChat openid or device id as
 * a keyed hash, a call-back phone number encrypted with AES-256-GCM and shown masked.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

export function residentIdHash(key: string, kind: 'wechat' | 'device', id: string): string {
  return createHmac('sha256', key).update(`${kind}:${id}`).digest('hex');
}

/**
 * The address a rating came from, as the one-address rule needs it: a keyed hash, 16 hex characters,
 * that tells two ratings from the same address apart from others without keeping the address.
 */
export function addressHash(key: string, ip: string): string {
  return createHmac('sha256', key).update(`address:${ip}`).digest('hex').slice(0, 16);
}

export function encryptPhone(key: Buffer, phone: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(phone, 'utf8'), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64')}`;
}

export function decryptPhone(key: Buffer, stored: string): string {
  const raw = Buffer.from(stored.replace(/^v1:/, ''), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

/** 13812345678 → 138****5678 */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****';
}
