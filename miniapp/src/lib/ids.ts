/**
 * Random identifiers made on the phone: a rating's client request id (UUID v4, so a retry is
 * recognised by the server) and the H5 device id. The mini-program has no `crypto.randomUUID`;
 * `crypto.getRandomValues` is used where it exists, Math.random otherwise (these ids need to be
 * unique per resident, not secret).
 */
function randomBytes(n: number): Uint8Array {
  const bytes = new Uint8Array(n);
  const cryptoApi = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto;
  if (cryptoApi?.getRandomValues) return cryptoApi.getRandomValues(bytes);
  for (let i = 0; i < n; i++) bytes[i] = Math.floor(Math.random() * 256);
  return bytes;
}

const hex = (b: number): string => b.toString(16).padStart(2, '0');

export function newUuid(): string {
  const b = randomBytes(16);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = Array.from(b, hex).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** 32 characters of [A-Za-z0-9_-], as DeviceLoginInputSchema wants. */
export function newDeviceId(): string {
  return Array.from(randomBytes(32), (b) => ALPHABET[b & 63]).join('');
}
