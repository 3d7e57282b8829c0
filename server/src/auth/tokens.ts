/**
 * Session tokens: a JSON payload and its HMAC-SHA256, both base64url. Stateless, so any server
 * instance can check them; short enough to live in the mini-program's storage.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { USER_ROLES } from '@plsr/shared/vocabulary';

const PayloadSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('resident'), sub: z.number().int().positive(), exp: z.number() }),
  z.object({
    kind: z.literal('user'),
    sub: z.number().int().positive(),
    role: z.enum(USER_ROLES),
    region: z.string(),
    exp: z.number(),
  }),
]);
export type TokenPayload = z.infer<typeof PayloadSchema>;
type Claims = TokenPayload extends infer P ? (P extends TokenPayload ? Omit<P, 'exp'> : never) : never;

const b64 = (buf: Buffer | string) => Buffer.from(buf).toString('base64url');
const mac = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest();

export function signToken(secret: string, claims: Claims, expiresAt: Date): string {
  const body = b64(JSON.stringify({ ...claims, exp: Math.floor(expiresAt.getTime() / 1000) }));
  return `${body}.${b64(mac(secret, body))}`;
}

/** The payload of a genuine, unexpired token; null for anything else. */
export function verifyToken(secret: string, token: string, now: Date): TokenPayload | null {
  const [body, sig, extra] = token.split('.');
  if (!body || !sig || extra !== undefined || token.length > 2048) return null;
  const expected = mac(secret, body);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = PayloadSchema.safeParse(json);
  if (!parsed.success || parsed.data.exp * 1000 <= now.getTime()) return null;
  return parsed.data;
}
