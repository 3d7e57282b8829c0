/**
 * A fresh, migrated database for one test file, removed afterwards: a SQLite file in the OS temp
 * folder, or a PostgreSQL database under PLSR_TEST_PG_URL (see server/test/support/test-db.ts).
 */
import { openMigratedDatabase, type Db } from '@plsr/server';
import { freshTestDatabaseUrl } from '@plsr/server/test-support/test-db';

export interface TempDb {
  url: string;
  db: Db;
  remove(): Promise<void>;
}

export async function tempDb(label: string): Promise<TempDb> {
  const target = await freshTestDatabaseUrl(label);
  const db = await openMigratedDatabase(target.url);
  return {
    url: target.url,
    db,
    async remove() {
      await db.$disconnect();
      await target.drop();
    },
  };
}
