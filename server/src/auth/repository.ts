/** Sessions and password accounts in the database: the only place auth touches Prisma. */
import type { Db } from '../db/client';

/** An account with the person a worker's account belongs to. */
const withStaff = { staff: { select: { id: true, name: true, role: true } } } as const;

export function createSessionRow(db: Db, data: { id: string; kind: 'resident' | 'user'; residentId?: number; userId?: number; expiresAt: Date }) {
  return db.session.create({ data });
}

/** A session with its account (and the account's person and region name, for a worker or bureau). */
export function findSession(db: Db, id: string) {
  return db.session.findUnique({
    where: { id },
    include: { user: { include: withStaff } },
  });
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

export function updatePasswordHash(db: Db, userId: number, passwordHash: string) {
  return db.user.update({ where: { id: userId }, data: { passwordHash } });
}

export async function regionName(db: Db, code: string): Promise<string | null> {
  return (await db.region.findUnique({ where: { code }, select: { name: true } }))?.name ?? null;
}

export function upsertResident(db: Db, idHash: string, kind: 'wechat' | 'device') {
  return db.resident.upsert({ where: { idHash }, create: { idHash, kind }, update: {} });
}
