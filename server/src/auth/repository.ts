/** Sessions and password accounts in the database: the only place auth touches Prisma. */
import { directStatements, type Db } from '../db/client';
import { queryRows } from '../db/raw';
import { perTurn } from '../db/turn';
import { Prisma } from '../generated/sqlite/client';

/** An account with the person a worker's account belongs to. */
const withStaff = { staff: { select: { id: true, name: true, role: true, status: true } } } as const;

export function createSessionRow(db: Db, data: { id: string; kind: 'resident' | 'user'; residentId?: number; userId?: number; expiresAt: Date }) {
  return db.session.create({ data });
}

/** A session as a request needs it: its owner, and whether it still holds (checked by the caller). */
export interface SessionRow {
  id: string;
  kind: string;
  residentId: number | null;
  expiresAt: Date;
  revoked: boolean;
  user: { id: number; role: string; regionCode: string; disabled: boolean; mustChangePassword: boolean; staffId: number | null } | null;
}

interface SessionDbRow {
  id: string;
  kind: string;
  residentId: number | null;
  expiresAt: Date | string;
  revoked: number | boolean;
  userId: number | null;
  role: string | null;
  regionCode: string | null;
  disabled: number | boolean | null;
  mustChangePassword: number | boolean | null;
  staffId: number | null;
}

const sessionColumns = Prisma.sql`SELECT s."id", s."kind", s."residentId", s."expiresAt", s."revokedAt" IS NOT NULL AS "revoked",
      u."id" AS "userId", u."role", u."regionCode", u."disabledAt" IS NOT NULL AS "disabled", u."mustChangePassword", f."id" AS "staffId"
    FROM "Session" s LEFT JOIN "User" u ON u."id" = s."userId" LEFT JOIN "Staff" f ON f."id" = u."staffId" AND f."status" = 'active'`;

/** findSession's statement (also for the benchmark's EXPLAIN). */
export function sessionLookup(id: string): Prisma.Sql {
  return Prisma.sql`${sessionColumns} WHERE s."id" = ${id}`;
}

/** PostgreSQL: the sessions of the requests arriving together, in one statement (one round trip). */
export function sessionsLookupPostgres(ids: readonly string[]): Prisma.Sql {
  return Prisma.sql`${sessionColumns} WHERE s."id" = ANY(${ids}::text[])`;
}

/** Per PostgreSQL client: this turn's session checks, gathered into one sessionsLookupPostgres. */
const postgresLookups = new WeakMap<Db, (id: string) => Promise<SessionDbRow | null>>();

function postgresLookup(db: Db): (id: string) => Promise<SessionDbRow | null> {
  let lookup = postgresLookups.get(db);
  if (!lookup) {
    lookup = perTurn(async (ids: string[]) => {
      const found = new Map((await queryRows<SessionDbRow>(db, sessionsLookupPostgres([...new Set(ids)]))).map((r) => [r.id, r]));
      return ids.map((id) => found.get(id) ?? null);
    }, 64);
    postgresLookups.set(db, lookup);
  }
  return lookup;
}

/**
 * The session with its account and the account's person, in one statement: every signed-in request
 * runs this, and Prisma's nested include costs three times as much (docs/performance.md); it goes
 * past Prisma's client (db/raw.ts), and on PostgreSQL the checks arriving together share a statement.
 */
export async function findSession(db: Db, id: string): Promise<SessionRow | null> {
  const r = directStatements(db)?.dialect === 'postgresql' ? await postgresLookup(db)(id) : (await queryRows<SessionDbRow>(db, sessionLookup(id)))[0];
  if (!r) return null;
  return {
    id: r.id,
    kind: r.kind,
    residentId: r.residentId === null ? null : Number(r.residentId),
    // SQLite hands back the stored text, PostgreSQL a Date: both parse.
    expiresAt: new Date(r.expiresAt),
    revoked: Boolean(r.revoked),
    user:
      r.userId === null
        ? null
        : {
            id: Number(r.userId),
            role: r.role!,
            regionCode: r.regionCode!,
            disabled: Boolean(r.disabled),
            mustChangePassword: Boolean(r.mustChangePassword),
            staffId: r.staffId === null ? null : Number(r.staffId),
          },
  };
}

export function revokeSession(db: Db, id: string, at: Date) {
  return db.session.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } });
}

export function revokeSessionsOfUser(db: Db, userId: number, at: Date) {
  return db.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: at } });
}

export function findUserByUsername(db: Db, username: string) {
  return db.user.findUnique({ where: { username }, include: withStaff });
}

export function findUserById(db: Db, id: number) {
  return db.user.findUnique({ where: { id }, include: withStaff });
}

/** The account's own new password: the initial one no longer needs changing. */
export function updatePasswordHash(db: Db, userId: number, passwordHash: string) {
  return db.user.update({ where: { id: userId }, data: { passwordHash, mustChangePassword: false } });
}

export async function regionName(db: Db, code: string): Promise<string | null> {
  return (await db.region.findUnique({ where: { code }, select: { name: true } }))?.name ?? null;
}

/** The resident with this hash, made now (the app's clock: the fresh-resident rule compares it with rating times) if new. */
export function upsertResident(db: Db, idHash: string, kind: 'wechat' | 'device', now: Date) {
  return db.resident.upsert({ where: { idHash }, create: { idHash, kind, createdAt: now }, update: {} });
}
