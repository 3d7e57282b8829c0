/**
 * The jobs that read the ratings in id order (the review scan, the 差评 cases, the workers' notices)
 * each keep how far they have read as a `ScanCursor` row of their own name. Each job moves its cursor
 * in the transaction that writes what it decided, so several processes may run it.
 */
import type { Db } from './client';

/** The job's cursor; made where missing at `start()` (the first rating id not yet read is start() + 1). */
export async function readCursor(db: Db, name: string, start: () => Promise<number> = async () => 0): Promise<number> {
  // A read: the row is made by its migration or on first use, a write only where it is missing.
  const row = await db.scanCursor.findUnique({ where: { name }, select: { lastRatingId: true } });
  if (row) return row.lastRatingId;
  await db.scanCursor.upsert({ where: { name }, create: { name, lastRatingId: await start() }, update: {} });
  return readCursor(db, name, start);
}
