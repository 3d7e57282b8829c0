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
import { Prisma } from '../generated/sqlite/client';
import type { Db } from '../db/client';
import { queryRows } from '../db/raw';

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

export type NewRating = Omit<RatingWrite, 'stationId' | 'cityCode' | 'countyCode' | 'townshipCode'>;

/** insertNewRating's statement (also for the benchmark's EXPLAIN, which plans it without running it). */
export function newRatingInsert(stationCode: string, d: NewRating, at: Date): Prisma.Sql {
  const station = (column: 'cityCode' | 'countyCode' | 'townshipCode') =>
    Prisma.sql`(SELECT ${Prisma.raw(`"${column}"`)} FROM "Station" WHERE "code" = ${stationCode})`;
  return Prisma.sql`
    INSERT INTO "Rating" ("residentId", "stationId", "staffId", "serviceType", "level", "attitude", "competence", "efficiency", "reasonCode", "reasonText",
      "callbackPhoneEnc", "comment", "raterType", "serviceDate", "serviceYear", "clientRequestId", "bodyHash", "cityCode", "countyCode", "townshipCode",
      "createdAt", "updatedAt")
    VALUES (${d.residentId},
      (SELECT s."id" FROM "Station" s WHERE s."code" = ${stationCode} AND s."status" = 'active' AND EXISTS (
        SELECT 1 FROM "Assignment" a WHERE a."stationId" = s."id" AND a."staffId" = ${d.staffId}
          AND a."fromDate" <= ${d.serviceDate} AND (a."toDate" IS NULL OR a."toDate" >= ${d.serviceDate}))),
      ${d.staffId}, ${d.serviceType}, ${d.level}, ${d.attitude ?? null}, ${d.competence ?? null}, ${d.efficiency ?? null}, ${d.reasonCode ?? null},
      ${d.reasonText ?? null}, ${d.callbackPhoneEnc ?? null}, ${d.comment ?? null}, ${d.raterType}, ${d.serviceDate}, ${d.serviceYear},
      ${d.clientRequestId}, ${d.bodyHash ?? null}, ${station('cityCode')}, ${station('countyCode')}, ${station('townshipCode')}, ${at}, ${at})
    ON CONFLICT ("residentId", "staffId", "serviceDate") DO NOTHING
    RETURNING "id", (SELECT "name" FROM "Station" WHERE "id" = "stationId") AS "stationName",
      (SELECT "name" FROM "Staff" WHERE "id" = "staffId") AS "staffName", (SELECT "role" FROM "Staff" WHERE "id" = "staffId") AS "role"`;
}

/**
 * The common case in one statement: a new rating, its station and codes found by the station's code,
 * written only if the station is open and the person serves there on the day. The database's triggers
 * count it and record its submission in the same statement. Returns the new rating's id and the names
 * its answer shows, or null when
 * the resident already rated this person that day (an edit: see writeRating). Throws when the station
 * is unknown, closed or the person does not serve there (the station id comes out null), or when the
 * submission id was used before: the caller then takes the careful path, which says which.
 */
export async function insertNewRating(db: Db, stationCode: string, data: NewRating, at: Date): Promise<(RatingNames & { id: number }) | null> {
  const d = data;
  const rows = await queryRows<{ id: number; stationName: string; staffName: string; role: string }>(db, newRatingInsert(stationCode, data, at));
  const r = rows[0];
  if (!r) return null;
  const role = parseVocabulary(STAFF_ROLES, r.role, `Staff ${d.staffId} role`);
  return { id: Number(r.id), station: { code: stationCode, name: r.stationName }, staff: { id: d.staffId, name: r.staffName, role } };
}

/** The names a rating shows: its station's and its staff member's. */
export interface RatingNames {
  station: { code: string; name: string };
  staff: { id: number; name: string; role: StaffRole };
}

/**
 * Writes the resident's rating of this staff member for this service day: creates it, or edits the
 * one already there. The counts move and the submission is recorded by the database's triggers, in
 * the same transaction (migration kept_by_the_database).
 */
export async function writeRating(db: Db, data: RatingWrite): Promise<{ rating: RatingWithNames; created: boolean }> {
  return db.$transaction(async (tx) => {
    const key = { residentId: data.residentId, staffId: data.staffId, serviceDate: data.serviceDate };
    const existing = await tx.rating.findUnique({ where: { residentId_staffId_serviceDate: key }, select: { id: true } });
    const rating = existing
      ? await tx.rating.update({ where: { id: existing.id }, data: { ...data, revision: { increment: 1 } }, include: withNames })
      : await tx.rating.create({ data, include: withNames });
    return { rating: parseRating(rating), created: !existing };
  });
}

/** Records a rating as it stands, counted or not (for imports and test builders: no submission, no same-day rule). */
export async function insertRating(db: Db, data: RatingWrite & { status?: RatingStatus }): Promise<number> {
  return (await db.rating.create({ data, select: { id: true } })).id;
}

/** A rating's status changes (flagged, cleared, excluded, withdrawn); the database moves its count. */
export async function setRatingStatus(db: Db, ratingId: number, status: RatingStatus): Promise<void> {
  await db.rating.update({ where: { id: ratingId }, data: { status }, select: { id: true } });
}

export async function listResidentRatings(db: Db, residentId: number, take: number): Promise<RatingWithNames[]> {
  const rows = await db.rating.findMany({ where: { residentId }, orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }], take, include: withNames });
  return rows.map(parseRating);
}
