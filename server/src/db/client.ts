/**
 * Opens the database: embedded SQLite through better-sqlite3 (a file, WAL) or PostgreSQL through pg.
 * Each generated client keeps its own type (SqliteDb, PostgresDb). The rest of the server programs
 * against `Db`, the SQLite client's type: the narrower of the two, which the PostgreSQL client is proved
 * to fit at compile time (./shape.ts), model by model and operation by operation.
 */
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as SqliteClient } from '../generated/sqlite/client';
import { PrismaClient as PostgresClient } from '../generated/postgresql/client';
import { migrate, sqliteFilePath } from './migrate';
import { postgresAsDb } from './shape';

export type SqliteDb = SqliteClient;
export type PostgresDb = PostgresClient;
export type Db = SqliteDb;
export type { Prisma } from '../generated/sqlite/client';

export function openSqliteDatabase(url: string): SqliteDb {
  return new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: sqliteFilePath(url), timeout: 5000 }) });
}

export function openPostgresDatabase(url: string): PostgresDb {
  return new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) });
}

export function openDatabase(url: string): Db {
  return url.startsWith('file:') ? openSqliteDatabase(url) : postgresAsDb(openPostgresDatabase(url), true);
}

/** Applies pending migrations, then opens the client. */
export async function openMigratedDatabase(url: string): Promise<Db> {
  await migrate(url);
  return openDatabase(url);
}
