/**
 * Rating reads and writes: the only place the ratings domain touches Prisma. Rows leave here with
 * their enum columns parsed into the shared vocabulary (a value outside it fails loudly).
 */
import {
  BAD_REVIEW_REASONS,
  parseVocabulary,
  RATER_TYPES,
  RATING_STATUSES,
  SERVICE_TYPES,
  STAFF_ROLES,
  type BadReviewReason,
  type RaterType,
  type RatingStatus,
  type ServiceType,
  type StaffRole,
} from '@plsr/shared/vocabulary';
import type { Db, Prisma } from '../db/client';
import { countRating, recountChange } from './counts';

const withNames = { station: { select: { code: true, name: true } }, staff: { select: { id: true, name: true, role: true } } } as const;
type RatingRow = Prisma.RatingGetPayload<{ include: typeof withNames }>;

/** A rating with its station's and staff member's names, enums typed. */
export type RatingWithNames = Omit<RatingRow, 'serviceType' | 'reasonCode' | 'raterType' | 'status' | 'staff'> & {
  serviceType: ServiceType;
  reasonCode: BadReviewReason | null;
  raterType: RaterType;
  status: RatingStatus;
  staff: { id: number; name: string; role: StaffRole };
};

function parseRating(r: RatingRow): RatingWithNames {
  const field = (name: string) => `Rating ${r.id} ${name}`;
  return {
    ...r,
    serviceType: parseVocabulary(SERVICE_TYPES, r.serviceType, field('serviceType')),
    reasonCode: r.reasonCode === null ? null : parseVocabulary(BAD_REVIEW_REASONS, r.reasonCode, field('reasonCode')),
    raterType: parseVocabulary(RATER_TYPES, r.raterType, field('raterType')),
    status: parseVocabulary(RATING_STATUSES, r.status, field('status')),
    staff: { ...r.staff, role: parseVocabulary(STAFF_ROLES, r.staff.role, `Staff ${r.staff.id} role`) },
  };
}

export async function findSubmission(db: Db, residentId: number, clientRequestId: string) {
  const found = await db.ratingSubmission.findUnique({
    where: { residentId_clientRequestId: { residentId, clientRequestId } },
    include: { rating: { include: withNames } },
  });
  return found && { bodyHash: found.bodyHash, rating: parseRating(found.rating) };
}

export type RatingWrite = Omit<Prisma.RatingUncheckedCreateInput, 'id' | 'createdAt' | 'updatedAt' | 'revision' | 'status' | 'isDemo'>;

/** The columns that decide where a rating is counted (ratings/counts.ts). */
const COUNTED = { serviceDate: true, staffId: true, stationId: true, level: true, status: true, cityCode: true, countyCode: true, townshipCode: true } as const;

/**
 * Writes the resident's rating of this staff member for this service day: creates it, or edits the
 * one already there; moves the counts and records the submission in the same transaction.
 */
export async function writeRating(db: Db, data: RatingWrite, bodyHash: string): Promise<{ rating: RatingWithNames; created: boolean }> {
  return db.$transaction(async (tx) => {
    const key = { residentId: data.residentId, staffId: data.staffId, serviceDate: data.serviceDate };
    const existing = await tx.rating.findUnique({ where: { residentId_staffId_serviceDate: key }, select: { id: true, ...COUNTED } });
    const rating = existing
      ? await tx.rating.update({ where: { id: existing.id }, data: { ...data, revision: { increment: 1 } }, include: withNames })
      : await tx.rating.create({ data, include: withNames });
    await (existing ? recountChange(tx, existing, rating) : countRating(tx, rating, 1));
    await tx.ratingSubmission.create({
      data: { residentId: data.residentId, clientRequestId: data.clientRequestId, ratingId: rating.id, bodyHash },
    });
    return { rating: parseRating(rating), created: !existing };
  });
}

/**
 * Records a rating as it stands, counted or not (for imports and test builders: no submission, no
 * same-day rule); its count moves in the same transaction.
 */
export async function insertRating(db: Db, data: RatingWrite & { status?: RatingStatus }): Promise<number> {
  return db.$transaction(async (tx) => {
    const rating = await tx.rating.create({ data, select: { id: true, ...COUNTED } });
    await countRating(tx, rating, 1);
    return rating.id;
  });
}

/** A rating's status changes (flagged, cleared, excluded, withdrawn): its count moves in the same transaction. */
export async function setRatingStatus(db: Db, ratingId: number, status: RatingStatus): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await tx.rating.findUniqueOrThrow({ where: { id: ratingId }, select: COUNTED });
    const after = await tx.rating.update({ where: { id: ratingId }, data: { status }, select: COUNTED });
    await recountChange(tx, before, after);
  });
}

export async function listResidentRatings(db: Db, residentId: number, take: number): Promise<RatingWithNames[]> {
  const rows = await db.rating.findMany({ where: { residentId }, orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }], take, include: withNames });
  return rows.map(parseRating);
}
