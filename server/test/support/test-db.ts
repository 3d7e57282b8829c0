/**
 * Where a test file's database lives. SQLite by default: a fresh file in the OS temp folder. When
 * PLSR_TEST_PG_URL names a running PostgreSQL server (an admin URL, as scripts/test-postgres.mjs sets),
 * a fresh database on it instead, dropped afterwards; the same suites then run on both.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

export interface TestDatabase {
  url: string;
  provider: 'sqlite' | 'postgresql';
  /** Removes the database; call after the last client on it has disconnected. */
  drop(): Promise<void>;
}

/** The PostgreSQL admin URL of this run, or undefined when the suites run on SQLite. */
export function testPostgresUrl(): string | undefined {
  return process.env.PLSR_TEST_PG_URL || undefined;
}

export function freshSqliteDatabaseUrl(label = 'test'): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), `plsr-${label}-`));
  return {
    url: `file:${join(dir, 'test.db')}`,
    provider: 'sqlite',
    async drop() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function withAdmin<T>(adminUrl: string, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export async function freshPostgresDatabaseUrl(adminUrl: string): Promise<TestDatabase> {
  const name = `plsr_t_${process.pid}_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8'`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    provider: 'postgresql',
    async drop() {
      await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

/** A fresh, empty database for one test file: PostgreSQL when PLSR_TEST_PG_URL is set, else SQLite. */
export async function freshTestDatabaseUrl(label = 'test'): Promise<TestDatabase> {
  const pg = testPostgresUrl();
  return pg ? freshPostgresDatabaseUrl(pg) : freshSqliteDatabaseUrl(label);
}
