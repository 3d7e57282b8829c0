/**
 * rate-limiter-flexible's counters kept in the project's own database (table RateLimit), so that every
 * server process — SQLite's one or PostgreSQL's several — counts against the same numbers, with no
 * Redis. Each change is one atomic statement (an upsert that starts a new window when the old one has
 * run out), sent past Prisma's client like the rating path's own (db/raw.ts: on SQLite it commits with
 * the writes arriving together). On PostgreSQL the points used in one turn of the event loop go in one
 * statement, each key's added up first: every request from one address moves that address's row, and
 * one statement a turn keeps that row from queueing the requests one commit at a time. The clock is
 * the app's, so tests can move time instead of waiting.
 */
// The declaration of the base class's file must come with store.ts into every program that compiles it.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./store-abstract.d.ts" />
import { RateLimiterRes } from 'rate-limiter-flexible';
import RateLimiterStoreAbstract from 'rate-limiter-flexible/lib/RateLimiterStoreAbstract';
import { directStatements, type Db } from '../db/client';
import { queryRows, writeRows } from '../db/raw';
import { perTurn } from '../db/turn';
import { Prisma } from '../generated/sqlite/client';

interface Row {
  points: number | string;
  expire: number | string | null;
}

export class DatabaseRateLimiter extends RateLimiterStoreAbstract {
  constructor(
    options: { keyPrefix: string; points: number; duration: number; blockDuration?: number },
    private readonly db: Db,
    private readonly now: () => Date,
  ) {
    super({ ...options, storeClient: db });
  }

  /** The window's points and end, as the store answered: the result every caller of consume() sees. */
  _getRateLimiterRes(_key: string, changedPoints: number, row: Row): RateLimiterRes {
    const points = Number(row.points);
    const expire = row.expire === null ? null : Number(row.expire);
    return new RateLimiterRes(
      Math.max(this.points - points, 0),
      expire === null ? -1 : Math.max(expire - this.now().getTime(), 0),
      points,
      points === changedPoints,
    );
  }

  async _upsert(key: string, points: number, msDuration: number, forceExpire = false): Promise<Row> {
    const now = this.now().getTime();
    const use = { key, points, expire: msDuration > 0 ? now + msDuration : null, now };
    if (!forceExpire && directStatements(this.db)?.dialect === 'postgresql') return postgresUses(this.db)(use);
    return (await writeRows<Row>(this.db, useStatement(use, forceExpire)))[0]!;
  }

  async _get(key: string): Promise<Row | null> {
    const now = this.now().getTime();
    const rows = await queryRows<Row>(
      this.db,
      Prisma.sql`SELECT "points", "expire" FROM "RateLimit" WHERE "key" = ${key} AND ("expire" IS NULL OR "expire" > ${now})`,
    );
    return rows[0] ?? null;
  }

  async _delete(key: string): Promise<boolean> {
    const rows = await writeRows<{ key: string }>(this.db, Prisma.sql`DELETE FROM "RateLimit" WHERE "key" = ${key} RETURNING "key"`);
    return rows.length > 0;
  }
}

export interface Use {
  key: string;
  points: number;
  expire: number | null;
  now: number;
}

/** One use of points: a window that has run out (or a forced one: block, set) starts afresh; else they add up. */
export function useStatement(u: Use, force: boolean): Prisma.Sql {
  const fresh = Prisma.sql`(${force ? 1 : 0} = 1 OR ("RateLimit"."expire" IS NOT NULL AND "RateLimit"."expire" <= ${u.now}))`;
  return Prisma.sql`INSERT INTO "RateLimit" ("key", "points", "expire") VALUES (${u.key}, ${u.points}, ${u.expire})
    ON CONFLICT ("key") DO UPDATE SET
      "points" = CASE WHEN ${fresh} THEN excluded."points" ELSE "RateLimit"."points" + excluded."points" END,
      "expire" = CASE WHEN ${fresh} THEN excluded."expire" ELSE "RateLimit"."expire" END
    RETURNING "points", "expire"`;
}

/** Per PostgreSQL client: this turn's uses of points, one statement for them all. */
const postgresUsesOf = new WeakMap<Db, (use: Use) => Promise<Row>>();

function postgresUses(db: Db): (use: Use) => Promise<Row> {
  let use = postgresUsesOf.get(db);
  if (!use) {
    use = perTurn(async (uses: Use[]) => {
      // Alone, the one-row statement: cheaper than the JSON one for a single row.
      if (uses.length === 1) return [(await queryRows<Row>(db, useStatement(uses[0]!, false)))[0]!];
      const byKey = new Map<string, Use>();
      for (const u of uses) {
        const seen = byKey.get(u.key);
        byKey.set(u.key, seen ? { ...seen, points: seen.points + u.points } : u);
      }
      const input = JSON.stringify([...byKey.values()].map(({ key, points, expire }) => ({ key, points, expire })));
      const now = uses[0]!.now;
      const rows = await queryRows<Row & { key: string }>(
        db,
        Prisma.sql`INSERT INTO "RateLimit" ("key", "points", "expire")
          SELECT "key", "points", "expire" FROM jsonb_to_recordset(${input}::jsonb) AS t("key" text, "points" integer, "expire" bigint) ORDER BY "key"
          ON CONFLICT ("key") DO UPDATE SET
            "points" = CASE WHEN "RateLimit"."expire" IS NOT NULL AND "RateLimit"."expire" <= ${now} THEN excluded."points" ELSE "RateLimit"."points" + excluded."points" END,
            "expire" = CASE WHEN "RateLimit"."expire" IS NOT NULL AND "RateLimit"."expire" <= ${now} THEN excluded."expire" ELSE "RateLimit"."expire" END
          RETURNING "key", "points", "expire"`,
      );
      // Each use sees the count as it stood after its own points: the total less those that came after it.
      const total = new Map(rows.map((r) => [r.key, Number(r.points)]));
      const expireOf = new Map(rows.map((r) => [r.key, r.expire]));
      const after = new Map<string, number>();
      const answers: Row[] = [];
      for (let i = uses.length - 1; i >= 0; i--) {
        const u = uses[i]!;
        const later = after.get(u.key) ?? 0;
        answers[i] = { points: total.get(u.key)! - later, expire: expireOf.get(u.key) ?? null };
        after.set(u.key, later + u.points);
      }
      return answers;
    }, 256);
    postgresUsesOf.set(db, use);
  }
  return use;
}

/** Counters whose window ended more than an hour ago (a periodic sweep; none of them counts any more). */
export async function sweepRateLimits(db: Db, now: Date): Promise<void> {
  await writeRows(db, Prisma.sql`DELETE FROM "RateLimit" WHERE "expire" IS NOT NULL AND "expire" < ${now.getTime() - 3_600_000}`);
}
