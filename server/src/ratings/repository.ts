/** Rating reads and writes: the only place the ratings domain touches Prisma. */
import type { Db, Prisma } from '../db/client';

const withNames = { station: { select: { code: true, name: true } }, staff: { select: { id: true, name: true, role: true } } } as const;
export type RatingWithNames = Prisma.RatingGetPayload<{ include: typeof withNames }>;

export function findSubmission(db: Db, residentId: number, clientRequestId: string) {
  return db.ratingSubmission.findUnique({
    where: { residentId_clientRequestId: { residentId, clientRequestId } },
    include: { rating: { include: withNames } },
  });
}

export type RatingWrite = Omit<Prisma.RatingUncheckedCreateInput, 'id' | 'createdAt' | 'updatedAt' | 'revision' | 'status' | 'isDemo'>;

/**
 * Writes the resident's rating of this staff member for this service day: creates it, or edits the
 * one already there; records the submission in the same transaction.
 */
export async function writeRating(db: Db, data: RatingWrite, bodyHash: string): Promise<{ rating: RatingWithNames; created: boolean }> {
  return db.$transaction(async (tx) => {
    const key = { residentId: data.residentId, staffId: data.staffId, serviceDate: data.serviceDate };
    const existing = await tx.rating.findUnique({ where: { residentId_staffId_serviceDate: key }, select: { id: true } });
    const rating = existing
      ? await tx.rating.update({ where: { id: existing.id }, data: { ...data, revision: { increment: 1 } }, include: withNames })
      : await tx.rating.create({ data, include: withNames });
    await tx.ratingSubmission.create({
      data: { residentId: data.residentId, clientRequestId: data.clientRequestId, ratingId: rating.id, bodyHash },
    });
    return { rating, created: !existing };
  });
}

export function listResidentRatings(db: Db, residentId: number, take: number) {
  return db.rating.findMany({ where: { residentId }, orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }], take, include: withNames });
}
