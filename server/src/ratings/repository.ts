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
import { AppError } from '../http/errors';
import { directStatements, sqliteTogether, type Db } from '../db/client';
import { useStatement } from '../limits/store';
import { queryRows, writeRows } from '../db/raw';
import { perTurn } from '../db/turn';

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

export type RatingWrite = Omit<Prisma.RatingUncheckedCreateInput, 'id' | 'createdAt' | 'updatedAt' | 'revision' | 'status' | 'isDemo' | 'verified'>;

export type NewRating = Omit<RatingWrite, 'stationId' | 'cityCode' | 'countyCode' | 'townshipCode'>;

/**
 * insertNewRating's statement (also for the benchmark's EXPLAIN, which plans it without running it):
 * the row is written only when the station with this code is open and the person serves there on the
 * day; the station's id and codes come from the one row it reads. (SQLite needs the WHERE before ON
 * CONFLICT to read the ON as the upsert's.)
 */
export function newRatingInsert(stationCode: string, d: NewRating, at: Date): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "Rating" ("residentId", "stationId", "staffId", "serviceType", "level", "attitude", "competence", "efficiency", "reasonCode", "reasonText",
      "callbackPhoneEnc", "comment", "raterType", "serviceDate", "serviceYear", "clientRequestId", "bodyHash", "ipHash", "cityCode", "countyCode",
      "townshipCode", "createdAt", "updatedAt")
    SELECT ${d.residentId}, s."id", ${d.staffId}, ${d.serviceType}, ${d.level}, ${d.attitude ?? null}, ${d.competence ?? null}, ${d.efficiency ?? null},
      ${d.reasonCode ?? null}, ${d.reasonText ?? null}, ${d.callbackPhoneEnc ?? null}, ${d.comment ?? null}, ${d.raterType}, ${d.serviceDate}, ${d.serviceYear},
      ${d.clientRequestId}, ${d.bodyHash ?? null}, ${d.ipHash ?? null}, s."cityCode", s."countyCode", s."townshipCode", ${at}, ${at}
    FROM "Station" s
    WHERE s."code" = ${stationCode} AND s."status" = 'active' AND EXISTS (
      SELECT 1 FROM "Assignment" a WHERE a."stationId" = s."id" AND a."staffId" = ${d.staffId}
        AND a."fromDate" <= ${d.serviceDate} AND (a."toDate" IS NULL OR a."toDate" >= ${d.serviceDate}))
    ON CONFLICT ("residentId", "staffId", "serviceDate") DO NOTHING
    RETURNING "id", (SELECT "name" FROM "Station" WHERE "id" = "stationId") AS "stationName",
      (SELECT "name" FROM "Staff" WHERE "id" = "staffId") AS "staffName", (SELECT "role" FROM "Staff" WHERE "id" = "staffId") AS "role"`;
}

/** A new rating to write, at its station (by code), at this time. */
export interface NewRatingAt {
  stationCode: string;
  data: NewRating;
  at: Date;
}

/**
 * PostgreSQL: the new ratings arriving together in one statement — one round trip and one commit
 * for all of them, where each round trip costs this server more than the row — each written on the
 * same conditions as newRatingInsert's. One that is not written (the resident already rated this
 * person that day, the station is closed, the person does not serve there) is not returned; if any
 * breaks a constraint (a submission id used before), none is written and the statement fails.
 */
export function newRatingsInsertPostgres(items: readonly NewRatingAt[]): Prisma.Sql {
  const input = JSON.stringify(
    // The rating's own fields: jsonb_to_recordset reads the columns it declares, a field left out as null.
    items.map(({ stationCode, data, at }, n) => ({ ...data, n, stationCode, at: at.toISOString().slice(0, 23) })),
  );
  return Prisma.sql`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${input}::jsonb) AS t("n" integer, "residentId" integer, "stationCode" text, "staffId" integer, "serviceType" text,
        "level" integer, "attitude" integer, "competence" integer, "efficiency" integer, "reasonCode" text, "reasonText" text, "callbackPhoneEnc" text,
        "comment" text, "raterType" text, "serviceDate" text, "serviceYear" integer, "clientRequestId" text, "bodyHash" text, "ipHash" text,
        "at" timestamp(3)))
    INSERT INTO "Rating" ("residentId", "stationId", "staffId", "serviceType", "level", "attitude", "competence", "efficiency", "reasonCode", "reasonText",
      "callbackPhoneEnc", "comment", "raterType", "serviceDate", "serviceYear", "clientRequestId", "bodyHash", "ipHash", "cityCode", "countyCode",
      "townshipCode", "createdAt", "updatedAt")
    SELECT i."residentId", s."id", i."staffId", i."serviceType", i."level", i."attitude", i."competence", i."efficiency", i."reasonCode", i."reasonText",
      i."callbackPhoneEnc", i."comment", i."raterType", i."serviceDate", i."serviceYear", i."clientRequestId", i."bodyHash", i."ipHash", s."cityCode",
      s."countyCode", s."townshipCode", i."at", i."at"
    FROM input i
      -- LIMIT keeps this a lookup by code per rating: as a join, the planner expects a hundred rows of
      -- input and reads every station.
      CROSS JOIN LATERAL (SELECT "id", "cityCode", "countyCode", "townshipCode" FROM "Station" WHERE "code" = i."stationCode" AND "status" = 'active' LIMIT 1) s
    WHERE EXISTS (SELECT 1 FROM "Assignment" a WHERE a."stationId" = s."id" AND a."staffId" = i."staffId"
      AND a."fromDate" <= i."serviceDate" AND (a."toDate" IS NULL OR a."toDate" >= i."serviceDate"))
    ORDER BY i."n"
    ON CONFLICT ("residentId", "staffId", "serviceDate") DO NOTHING
    RETURNING "id", "residentId", "clientRequestId", (SELECT "name" FROM "Station" WHERE "id" = "stationId") AS "stationName",
      (SELECT "name" FROM "Staff" WHERE "id" = "staffId") AS "staffName", (SELECT "role" FROM "Staff" WHERE "id" = "staffId") AS "role"`;
}

interface Inserted {
  id: number;
  stationName: string;
  staffName: string;
  role: string;
}

/** Per PostgreSQL client: this turn's new ratings, gathered into one newRatingsInsertPostgres. */
const postgresInserts = new WeakMap<Db, (item: NewRatingAt) => Promise<Inserted | null>>();

function postgresInsert(db: Db): (item: NewRatingAt) => Promise<Inserted | null> {
  let insert = postgresInserts.get(db);
  if (!insert) {
    const key = (residentId: number, clientRequestId: string) => `${residentId} ${clientRequestId}`;
    insert = perTurn(async (items: NewRatingAt[]) => {
      // Alone, the one-row statement: a third cheaper than the JSON one for a single row.
      const statement = items.length === 1 ? newRatingInsert(items[0]!.stationCode, items[0]!.data, items[0]!.at) : newRatingsInsertPostgres(items);
      if (items.length === 1) return [(await queryRows<Inserted>(db, statement))[0] ?? null];
      const rows = await queryRows<Inserted & { residentId: number; clientRequestId: string }>(db, statement);
      const written = new Map(rows.map((r) => [key(r.residentId, r.clientRequestId), r]));
      return items.map((i) => written.get(key(i.data.residentId, i.data.clientRequestId)) ?? null);
    }, 64);
    postgresInserts.set(db, insert);
  }
  return insert;
}

/** A limit the rating counts against (limits/limits.ts): at most `max` uses in `seconds`. */
export interface CountedUse {
  key: string;
  max: number;
  seconds: number;
}

/** The rating was not written: this limit had no use left. */
export interface Refused {
  refusedBy: string;
  msBeforeNext: number;
}

/**
 * The common case in one statement: a new rating, its station and codes found by the station's code,
 * written only if the station is open and the person serves there on the day. The database's triggers
 * count it and record its submission in the same statement; the ratings arriving together commit
 * together (SQLite: the adapter's group commit; PostgreSQL: one statement for them all). Returns the
 * new rating's id and the names its answer shows, or null when it was not written: the resident
 * already rated this person that day (an edit: see writeRating), the station is unknown or closed, or
 * the person does not serve there on the day. Throws when the submission id was used before. Either
 * way the caller then takes the careful path, which says which.
 */
export async function insertNewRating(db: Db, stationCode: string, data: NewRating, at: Date): Promise<(RatingNames & { id: number }) | null>;
export async function insertNewRating(
  db: Db,
  stationCode: string,
  data: NewRating,
  at: Date,
  uses: readonly CountedUse[] | undefined,
): Promise<(RatingNames & { id: number }) | Refused | null>;
export async function insertNewRating(
  db: Db,
  stationCode: string,
  data: NewRating,
  at: Date,
  uses: readonly CountedUse[] = [],
): Promise<(RatingNames & { id: number }) | Refused | null> {
  const together = uses.length > 0 ? sqliteTogether(db) : null;
  const r = together
    ? await together((run): Inserted | Refused | null => {
        // SQLite: the limits' uses and the rating in one write of the group commit; the rating only if allowed.
        const now = at.getTime();
        for (const u of uses) {
          const use = useStatement({ key: u.key, points: 1, expire: now + u.seconds * 1000, now }, false);
          const row = run(use.sql, use.values)[0]!;
          if (Number(row.points) > u.max) return { refusedBy: u.key, msBeforeNext: Math.max(Number(row.expire) - now, 0) };
        }
        const insert = newRatingInsert(stationCode, data, at);
        return (run(insert.sql, insert.values)[0] as unknown as Inserted | undefined) ?? null;
      })
    : directStatements(db)?.dialect === 'postgresql'
      ? await postgresInsert(db)({ stationCode, data, at })
      : (await writeRows<Inserted>(db, newRatingInsert(stationCode, data, at)))[0];
  if (!r) return null;
  if ('refusedBy' in r) return r;
  const role = parseVocabulary(STAFF_ROLES, r.role, `Staff ${data.staffId} role`);
  return { id: Number(r.id), station: { code: stationCode, name: r.stationName }, staff: { id: data.staffId, name: r.staffName, role } };
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
/**
 * Creates the rating, or edits the same day's one. With `serviceCode` (a worker's one-time code) the
 * rating is verified and the code is used up in the same transaction: two submissions with one code
 * cannot both succeed.
 */
export async function writeRating(db: Db, data: RatingWrite, serviceCode?: { id: number; at: Date }): Promise<{ rating: RatingWithNames; created: boolean }> {
  return db.$transaction(async (tx) => {
    if (serviceCode) {
      const used = await tx.serviceCode.updateMany({ where: { id: serviceCode.id, usedAt: null }, data: { usedAt: serviceCode.at } });
      if (used.count !== 1) throw new AppError('conflict', '这个服务码已经用过了,每个服务码只能评价一次');
    }
    const row = serviceCode ? { ...data, verified: true } : data;
    const key = { residentId: data.residentId, staffId: data.staffId, serviceDate: data.serviceDate };
    const existing = await tx.rating.findUnique({ where: { residentId_staffId_serviceDate: key }, select: { id: true } });
    const rating = existing
      ? await tx.rating.update({ where: { id: existing.id }, data: { ...row, revision: { increment: 1 } }, include: withNames })
      : await tx.rating.create({ data: row, include: withNames });
    if (serviceCode) await tx.serviceCode.update({ where: { id: serviceCode.id }, data: { ratingId: rating.id } });
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

/** A resident's ratings, newest first, each with the rated worker's reply when there is one. */
export async function listResidentRatings(
  db: Db,
  residentId: number,
  take: number,
): Promise<(RatingWithNames & { reply: RatingReplyShown | null; followUp: FollowUpShown | null })[]> {
  const rows = await db.rating.findMany({
    where: { residentId },
    orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
    take,
    include: { ...withNames, reply: { select: { text: true, updatedAt: true } }, badReviewCase: { select: FOLLOW_UP_SHOWN } },
  });
  return rows.map((r) => ({ ...parseRating(r), reply: r.reply, followUp: r.badReviewCase }));
}

export type RatingReplyShown = { text: string; updatedAt: Date };

/** What the rater sees of their 差评's case: its state, and the 整改 or 解释说明 written for them. */
export const FOLLOW_UP_SHOWN = {
  status: true,
  dueOn: true,
  closedOn: true,
  fixVerdict: true,
  steps: { where: { step: { in: ['rectify', 'explain'] } }, orderBy: { id: 'desc' }, take: 1, select: { note: true } },
} satisfies Prisma.BadReviewCaseSelect;
export type FollowUpShown = { status: string; dueOn: string; closedOn: string | null; fixVerdict: string | null; steps: { note: string }[] };
