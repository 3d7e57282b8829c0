/**
 * The statements every request runs (the session check, a new rating, the registry version), where
 * Prisma's client costs more than the statement: on SQLite straight on the connection Prisma's
 * adapter holds (sqlite-adapter.ts: its kept statements, its wait for open transactions), elsewhere
 * through $queryRaw. The same SQL either way, written once with Prisma.sql; integers come back as
 * numbers, times as the stored text on SQLite and as Date on PostgreSQL (parse with `new Date`).
 */
import type { Prisma } from '../generated/sqlite/client';
import { directSqlite, type Db } from './client';

export async function queryRows<T>(db: Db, statement: Prisma.Sql): Promise<T[]> {
  const direct = directSqlite(db);
  return direct ? direct<T>(statement.sql, statement.values) : db.$queryRaw<T[]>(statement);
}
