/** A fresh, migrated SQLite file in the OS temp folder for one test file, removed afterwards. */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openMigratedDatabase, type Db } from '@plsr/server';

export interface TempDb {
  url: string;
  db: Db;
  remove(): Promise<void>;
}

let counter = 0;

export async function tempDb(label: string): Promise<TempDb> {
  counter += 1;
  const file = join(tmpdir(), `plsr-${label}-${process.pid}-${Date.now()}-${counter}.db`);
  const url = `file:${file}`;
  const db = await openMigratedDatabase(url);
  return {
    url,
    db,
    async remove() {
      await db.$disconnect();
      for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
    },
  };
}
