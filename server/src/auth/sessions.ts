/**
 * Who is calling. A login makes a session row and a signed token naming it; every request with a
 * token finds its session again, so a revoked session, an expired one, or one whose account was
 * disabled or deleted is refused at once, on every server process. The account's role and region are
 * read from the database, never trusted from the token.
 */
import { randomBytes } from 'node:crypto';
import { parseVocabulary, USER_ROLES, type UserRole } from '@plsr/shared/vocabulary';
import type { AppDeps } from '../http/context';
import { createSessionRow, findSession } from './repository';
import { signToken, verifyToken } from './tokens';

export interface ResidentActor {
  kind: 'resident';
  sessionId: string;
  residentId: number;
}

/** A 司法局 account: its jurisdiction is every region whose code starts with regionCode. */
export interface BureauUser {
  userId: number;
  role: UserRole;
  regionCode: string;
}
export interface BureauActor extends BureauUser {
  kind: 'bureau';
  sessionId: string;
  /** Signed in with an initial or reset password: may only change it (guards.ts). */
  mustChangePassword: boolean;
}

/** A worker's account (lawyer, mediator…), tied to their Staff row. */
export interface StaffActor {
  kind: 'staff';
  sessionId: string;
  userId: number;
  staffId: number;
  regionCode: string;
  mustChangePassword: boolean;
}

export type Actor = ResidentActor | BureauActor | StaffActor;

export const STAFF_ACCOUNT_ROLE = 'staff';

export async function startSession(deps: AppDeps, owner: { residentId: number } | { userId: number }): Promise<{ token: string; expiresAt: Date }> {
  const id = randomBytes(16).toString('base64url');
  const expiresAt = new Date(deps.now().getTime() + deps.config.sessionTtlHours * 3600 * 1000);
  await createSessionRow(deps.db, { id, kind: 'residentId' in owner ? 'resident' : 'user', ...owner, expiresAt });
  return { token: signToken(deps.config.sessionSecret, id, expiresAt, 'residentId' in owner ? owner.residentId : undefined), expiresAt };
}

/** The resident a genuine, unexpired token names, before its session is read (tokens.ts); null otherwise. */
export function tokenResident(deps: AppDeps, token: string | null): number | null {
  if (!token) return null;
  return verifyToken(deps.config.sessionSecret, token, deps.now())?.rid ?? null;
}

/** The actor a bearer token stands for; null when there is no valid session behind it. */
export async function actorOf(deps: AppDeps, token: string): Promise<Actor | null> {
  const now = deps.now();
  const payload = verifyToken(deps.config.sessionSecret, token, now);
  if (!payload) return null;
  const session = await findSession(deps.db, payload.sid);
  if (!session || session.revoked || session.expiresAt.getTime() <= now.getTime()) return null;
  if (session.kind === 'resident' && session.residentId !== null) {
    if (payload.rid !== undefined && payload.rid !== session.residentId) return null;
    return { kind: 'resident', sessionId: session.id, residentId: session.residentId };
  }
  const user = session.user;
  if (session.kind !== 'user' || !user || user.disabled) return null;
  if (user.role === STAFF_ACCOUNT_ROLE) {
    if (user.staffId === null) return null;
    return {
      kind: 'staff',
      sessionId: session.id,
      userId: user.id,
      staffId: user.staffId,
      regionCode: user.regionCode,
      mustChangePassword: user.mustChangePassword,
    };
  }
  const role = parseVocabulary(USER_ROLES, user.role, 'User.role');
  return { kind: 'bureau', sessionId: session.id, userId: user.id, role, regionCode: user.regionCode, mustChangePassword: user.mustChangePassword };
}
