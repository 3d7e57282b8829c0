/**
 * The statements every request runs (the session check, a new rating, the registry version), where
 * Prisma's client costs more than the statement: straight on the connections Prisma's adapter holds
 * (sqlite-adapter.ts: its kept statements, its wait for open transactions; postgres-adapter.ts: its
 * pool, each statement named and so planned once per connection); through $queryRaw until Prisma
 * has connected. The same SQL either way, written once with Prisma.sql. Integers come back as
 * numbers; times as text in UTC (parse with `new Date`).
 */
import type { Prisma } from '../generated/sqlite/client';
import { directStatements, type Db } from './client';

export async function queryRows<T>(db: Db, statement: Prisma.Sql): Promise<T[]> {
  const direct = directStatements(db);
  if (!direct) return db.$queryRaw<T[]>(statement);
  return direct.query<T>(direct.dialect === 'postgresql' ? statement.text : statement.sql, statement.values);
}

/**
 * A write that stands on its own (succeeds or fails alone, needs no transaction of the caller's): on
 * SQLite it commits together with the writes arriving at the same moment (sqlite-adapter.ts).
 */
export async function writeRows<T>(db: Db, statement: Prisma.Sql): Promise<T[]> {
  const direct = directStatements(db);
  if (!direct) return db.$queryRaw<T[]>(statement);
  return direct.write<T>(direct.dialect === 'postgresql' ? statement.text : statement.sql, statement.values);
}
