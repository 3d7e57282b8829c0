/**
 * Counted ratings kept as they are written. Every change that affects what is counted — a new rating,
 * a same-day edit, a status change — moves the counts of RatingCountByStaff and RatingCountByStation
 * in the same transaction, so the year-end reads a few rows per person and station instead of every
 * rating. `rebuildRatingCounts` recounts both tables from the ratings (`npm run rollups:rebuild`).
 */
import type { Prisma } from '../db/client';

type Tx = Pick<Prisma.TransactionClient, '$executeRaw'>;

/** What decides where a rating is counted, and whether. */
export interface CountedRating {
  serviceDate: string;
  staffId: number;
  stationId: number;
  level: number;
  status: string;
  cityCode: string;
  countyCode: string;
  townshipCode: string | null;
}

/** Only valid ratings count (not flagged pending review, excluded, withdrawn or superseded). */
export const COUNTED_STATUS = 'valid';

const sameCount = (a: CountedRating, b: CountedRating) =>
  a.serviceDate.slice(0, 7) === b.serviceDate.slice(0, 7) &&
  a.staffId === b.staffId &&
  a.stationId === b.stationId &&
  a.level === b.level &&
  a.status === b.status;

/** Adds (+1) or removes (-1) one rating from the counts; nothing when it does not count. */
export async function countRating(tx: Tx, r: CountedRating, delta: 1 | -1): Promise<void> {
  if (r.status !== COUNTED_STATUS) return;
  const year = Number(r.serviceDate.slice(0, 4));
  const month = Number(r.serviceDate.slice(5, 7));
  await tx.$executeRaw`INSERT INTO "RatingCountByStaff" ("year", "month", "staffId", "level", "count")
    VALUES (${year}, ${month}, ${r.staffId}, ${r.level}, ${delta})
    ON CONFLICT ("year", "staffId", "month", "level") DO UPDATE SET "count" = "RatingCountByStaff"."count" + excluded."count"`;
  await tx.$executeRaw`INSERT INTO "RatingCountByStation" ("year", "month", "stationId", "level", "count", "cityCode", "countyCode", "townshipCode")
    VALUES (${year}, ${month}, ${r.stationId}, ${r.level}, ${delta}, ${r.cityCode}, ${r.countyCode}, ${r.townshipCode})
    ON CONFLICT ("year", "stationId", "month", "level") DO UPDATE SET "count" = "RatingCountByStation"."count" + excluded."count"`;
}

/** A rating changed from `before` to `after` (an edit, a status change): its count moves with it. */
export async function recountChange(tx: Tx, before: CountedRating, after: CountedRating): Promise<void> {
  if (sameCount(before, after)) return;
  await countRating(tx, before, -1);
  await countRating(tx, after, 1);
}

/** Throws both tables away and counts them again from the ratings, in the caller's transaction. */
export async function rebuildRatingCounts(tx: Tx): Promise<void> {
  await tx.$executeRaw`DELETE FROM "RatingCountByStaff"`;
  await tx.$executeRaw`DELETE FROM "RatingCountByStation"`;
  await tx.$executeRaw`INSERT INTO "RatingCountByStaff" ("year", "month", "staffId", "level", "count")
    SELECT "serviceYear", CAST(substr("serviceDate", 6, 2) AS INTEGER), "staffId", "level", COUNT(*)
    FROM "Rating" WHERE "status" = ${COUNTED_STATUS}
    GROUP BY "serviceYear", CAST(substr("serviceDate", 6, 2) AS INTEGER), "staffId", "level"`;
  await tx.$executeRaw`INSERT INTO "RatingCountByStation" ("year", "month", "stationId", "level", "count", "cityCode", "countyCode", "townshipCode")
    SELECT "serviceYear", CAST(substr("serviceDate", 6, 2) AS INTEGER), "stationId", "level", COUNT(*), "cityCode", "countyCode", "townshipCode"
    FROM "Rating" WHERE "status" = ${COUNTED_STATUS}
    GROUP BY "serviceYear", CAST(substr("serviceDate", 6, 2) AS INTEGER), "stationId", "level", "cityCode", "countyCode", "townshipCode"`;
}
