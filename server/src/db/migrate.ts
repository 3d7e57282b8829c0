/**
 * Applies the committed Prisma migrations (server/prisma/<provider>/migrations) at start, recording
 * each in `_prisma_migrations` exactly as `prisma migrate deploy` does, so that the real Prisma CLI
 * on another machine sees them as applied. Each migration runs in one transaction: it is applied
 * whole or not at all. A migration that was changed after it was applied stops the start.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';

export const MIGRATIONS_ROOT = resolve(__dirname, '..', '..', 'prisma');

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function loadMigrations(provider: 'sqlite' | 'postgresql'): Migration[] {
  const dir = join(MIGRATIONS_ROOT, provider, 'migrations');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

/** Which of `all` still need applying, after checking the applied ones were not edited since. */
function pending(all: Migration[], applied: AppliedRow[]): Migration[] {
  const done = new Map(applied.filter((r) => r.finished_at !== null && r.rolled_back_at === null).map((r) => [r.migration_name, r]));
  const failed = applied.find((r) => r.finished_at === null && r.rolled_back_at === null);
  if (failed) {
    throw new Error(`migration ${failed.migration_name} failed earlier and was not rolled back: repair the database first`);
  }
  for (const m of all) {
    const row = done.get(m.name);
    if (row && row.checksum !== m.checksum) {
      throw new Error(`migration ${m.name} was edited after it was applied (checksum differs): add a new migration instead`);
    }
  }
  return all.filter((m) => !done.has(m.name));
}

const SQLITE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

const PG_TABLE = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

export function sqliteFilePath(url: string): string {
  return resolve(url.replace(/^file:/, '').replace(/\?.*$/, ''));
}

export function migrateSqlite(url: string): string[] {
  const file = sqliteFilePath(url);
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.exec(SQLITE_TABLE);
    const applied = db.prepare('SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"').all() as AppliedRow[];
    const todo = pending(loadMigrations('sqlite'), applied);
    for (const m of todo) {
      const id = randomUUID();
      db.transaction(() => {
        db.prepare('INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES (?, ?, ?, ?)').run(id, m.checksum, m.name, Date.now());
        db.exec(m.sql);
        db.prepare('UPDATE "_prisma_migrations" SET finished_at = ?, applied_steps_count = 1 WHERE id = ?').run(Date.now(), id);
      })();
    }
    return todo.map((m) => m.name);
  } finally {
    db.close();
  }
}

export async function migratePostgres(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    // One migrator at a time, even with several servers starting together.
    await client.query('SELECT pg_advisory_lock(72707369)');
    await client.query(PG_TABLE);
    const { rows } = await client.query<AppliedRow>('SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations');
    const todo = pending(loadMigrations('postgresql'), rows);
    for (const m of todo) {
      const id = randomUUID();
      await client.query('BEGIN');
      try {
        await client.query('INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())', [id, m.checksum, m.name]);
        await client.query(m.sql);
        await client.query('UPDATE _prisma_migrations SET finished_at = now(), applied_steps_count = 1 WHERE id = $1', [id]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
    return todo.map((m) => m.name);
  } finally {
    await client.query('SELECT pg_advisory_unlock(72707369)').catch(() => undefined);
    await client.end();
  }
}

export async function migrate(url: string): Promise<string[]> {
  return url.startsWith('file:') ? migrateSqlite(url) : migratePostgres(url);
}
