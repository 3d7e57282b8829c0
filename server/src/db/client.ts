/**
 * Opens the database: embedded SQLite through better-sqlite3 (a file, WAL) or PostgreSQL through pg.
 * Both generated clients have the same shape; the rest of the server sees one `Db` type.
 */
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as SqliteClient } from '../generated/sqlite/client';
import { PrismaClient as PostgresClient } from '../generated/postgresql/client';
import { migrate, sqliteFilePath } from './migrate';

export type Db = SqliteClient;
export type { Prisma } from '../generated/sqlite/client';

export function openDatabase(url: string): Db {
  if (url.startsWith('file:')) {
    return new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: sqliteFilePath(url), timeout: 5000 }) });
  }
  return new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db;
}

/** Applies pending migrations, then opens the client. */
export async function openMigratedDatabase(url: string): Promise<Db> {
  await migrate(url);
  return openDatabase(url);
}
