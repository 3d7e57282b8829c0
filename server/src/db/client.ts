/**
 * Opens the database: embedded SQLite through better-sqlite3 (a file, WAL) or PostgreSQL through pg.
 * Each generated client keeps its own type (SqliteDb, PostgresDb). The rest of the server programs
 * against `Db`, the SQLite client's type: the narrower of the two, which the PostgreSQL client is proved
 * to fit at compile time (./shape.ts), model by model and operation by operation.
 */
import { PrismaClient as SqliteClient } from '../generated/sqlite/client';
import { PrismaClient as PostgresClient } from '../generated/postgresql/client';
import { migrate, sqliteFilePath } from './migrate';
import { postgresAsDb } from './shape';
import { PrismaPostgres } from './postgres-adapter';
import { PrismaSqlite, type DirectQuery } from './sqlite-adapter';

export type SqliteDb = SqliteClient;
export type PostgresDb = PostgresClient;
export type Db = SqliteDb;
export type { Prisma } from '../generated/sqlite/client';

export interface DatabaseOptions {
  /** SQLite's `synchronous` in WAL mode (SQLITE_SYNCHRONOUS; docs/operations.md); `normal` by default. */
  sqliteSynchronous?: 'normal' | 'full';
  /** Every statement sent, with its arguments as JSON (the benchmark's query plans). */
  onQuery?: (statement: { query: string; params: string }) => void;
}

/** Prisma's query log, when asked for, in the shape both generated clients share. */
function withQueryLog<C>(client: C, options: DatabaseOptions): C {
  if (options.onQuery) (client as unknown as { $on(event: 'query', f: DatabaseOptions['onQuery']): void }).$on('query', options.onQuery);
  return client;
}
const queryLog = (options: DatabaseOptions) => (options.onQuery ? { log: [{ emit: 'event' as const, level: 'query' as const }] } : {});

export function openSqliteDatabase(url: string, options: DatabaseOptions = {}): SqliteDb {
  const adapter = new PrismaSqlite({ url: sqliteFilePath(url), timeout: 5000 }, { synchronous: options.sqliteSynchronous ?? 'normal' });
  const client = withQueryLog(new SqliteClient({ adapter, ...queryLog(options) }), options);
  // The hot statements go past Prisma's client (raw.ts), unless every statement is to be logged.
  if (!options.onQuery) adapters.set(client, adapter);
  return client;
}

const adapters = new WeakMap<object, PrismaSqlite | PrismaPostgres>();

/**
 * The direct statements of the client's connection (sqlite-adapter.ts, postgres-adapter.ts), once
 * Prisma has connected, and its SQL dialect (arguments as `?` or `$1`); null before, or when logging.
 */
export function directStatements(db: Db): { query: DirectQuery; write: DirectQuery; dialect: 'sqlite' | 'postgresql' } | null {
  const adapter = adapters.get(db);
  return adapter?.direct && adapter.directWrite ? { query: adapter.direct, write: adapter.directWrite, dialect: adapter.dialect } : null;
}

/** SQLite: statements that depend on each other's rows, as one write of this turn's group commit; null elsewhere. */
export function sqliteTogether(db: Db): PrismaSqlite['together'] {
  const adapter = adapters.get(db);
  return adapter instanceof PrismaSqlite ? adapter.together : null;
}

export function openPostgresDatabase(url: string, options: DatabaseOptions = {}): PostgresDb {
  const adapter = new PrismaPostgres({ connectionString: url });
  const client = withQueryLog(new PostgresClient({ adapter, ...queryLog(options) }), options);
  if (!options.onQuery) adapters.set(client, adapter);
  return client;
}

export function openDatabase(url: string, options: DatabaseOptions = {}): Db {
  return url.startsWith('file:') ? openSqliteDatabase(url, options) : postgresAsDb(openPostgresDatabase(url, options), true);
}

/** Applies pending migrations, then opens the client. */
export async function openMigratedDatabase(url: string, options: DatabaseOptions = {}): Promise<Db> {
  await migrate(url);
  return openDatabase(url, options);
}
