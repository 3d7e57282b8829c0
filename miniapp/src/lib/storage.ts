/**
 * Typed local storage on both platforms (wx storage in weapp, localStorage in H5). Every value is
 * parsed with its schema when read, so a value written by an older version of the app, or
 * damaged, reads as missing instead of crashing a page.
 */
import Taro from '@tarojs/taro';
import type { z } from 'zod';

export const STORAGE_KEYS = {
  session: 'plsr.session',
  deviceId: 'plsr.deviceId',
  privacy: 'plsr.privacyAccepted',
  outbox: 'plsr.outbox',
  myRatings: 'plsr.myRatings',
  elder: 'plsr.elderMode',
} as const;

export function readStored<S extends z.ZodType>(key: string, schema: S): z.infer<S> | undefined {
  try {
    const raw: unknown = Taro.getStorageSync(key);
    if (raw === '' || raw === undefined || raw === null) return undefined;
    const parsed = schema.safeParse(typeof raw === 'string' ? JSON.parse(raw) : raw);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function writeStored(key: string, value: unknown): void {
  Taro.setStorageSync(key, JSON.stringify(value));
}

export function removeStored(key: string): void {
  Taro.removeStorageSync(key);
}

/**
 * A worker's session (staff/); the console's login page writes it when a worker signs in there. Apart
 * from STORAGE_KEYS, which the resident's first page carries.
 */
export const STAFF_SESSION_KEY = 'plsr.staffSession';
