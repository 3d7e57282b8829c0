/**
 * Counted ratings, kept by the database: triggers on Rating (migration kept_by_the_database) move
 * RatingCountByStaff and RatingCountByStation in the statement that inserts, edits, changes the status
 * of or deletes a rating, so the year-end reads a few rows per person and station instead of every
 * rating, and no write path can forget them. `rebuildRatingCounts` recounts both tables from the
 * ratings (`npm run rollups:rebuild`).
 */
import type { Prisma } from '../db/client';

type Tx = Pick<Prisma.TransactionClient, '$executeRaw'>;

/** Only valid ratings count (not flagged pending review, excluded, withdrawn or superseded). */
export const COUNTED_STATUS = 'valid';

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
