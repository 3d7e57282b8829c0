/**
 * Session tokens: a JSON payload naming a session, and its HMAC-SHA256, both base64url. The signature
 * spares the database a look-up for forged tokens; the session row (sessions.ts) decides whether a
 * genuine one still holds, so logging out, changing a password or disabling an account ends it at once.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * `rid`: the resident a resident's session belongs to, so that the checks that count per resident (the
 * rating limits) can start before the session is read; the session row must agree (sessions.ts).
 */
const PayloadSchema = z.object({ sid: z.string().regex(/^[A-Za-z0-9_-]{22}$/), exp: z.number(), rid: z.number().int().positive().optional() });
export type TokenPayload = z.infer<typeof PayloadSchema>;

const b64 = (buf: Buffer | string) => Buffer.from(buf).toString('base64url');
const mac = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest();

export function signToken(secret: string, sessionId: string, expiresAt: Date, residentId?: number): string {
  const body = b64(JSON.stringify({ sid: sessionId, exp: Math.floor(expiresAt.getTime() / 1000), ...(residentId === undefined ? {} : { rid: residentId }) }));
  return `${body}.${b64(mac(secret, body))}`;
}

/** The payload of a genuine, unexpired token; null for anything else. */
export function verifyToken(secret: string, token: string, now: Date): TokenPayload | null {
  if (token.length > 2048) return null;
  const [body, sig, extra] = token.split('.');
  if (!body || !sig || extra !== undefined) return null;
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
