/**
 * The SQLite adapter's two repairs (db/sqlite-adapter.ts), on a real database file: a statement from
 * another request never runs inside someone's open transaction (before, a rollback took it along after
 * its caller was told it was written), and kept prepared statements bind each run's own arguments.
 * It also carries the direct path of the statements every request runs (db/raw.ts), and the group
 * commit of the writes sent that way. SQLite only:
 * PostgreSQL gives each transaction its own connection.
 */
import { directStatements, openSqliteDatabase, sqliteTogether, type SqliteDb } from '../src/db/client';
import { queryRows, writeRows } from '../src/db/raw';
import { Prisma } from '../src/generated/sqlite/client';
import { migrate } from '../src/db/migrate';
import { freshSqliteDatabaseUrl, testPostgresUrl, type TestDatabase } from './support/test-db';

const describeSqlite = testPostgresUrl() ? describe.skip : describe;

describeSqlite('the SQLite adapter', () => {
  let target: TestDatabase;
  let db: SqliteDb;

  beforeAll(async () => {
    target = freshSqliteDatabaseUrl('adapter');
    await migrate(target.url);
    db = openSqliteDatabase(target.url);
    await db.$executeRawUnsafe('CREATE TABLE probe (name TEXT NOT NULL UNIQUE)');
  });
  beforeEach(() => db.$executeRawUnsafe('DELETE FROM probe'));
  afterAll(async () => {
    await db?.$disconnect();
    await target?.drop();
  });

  const names = async () => (await db.$queryRawUnsafe<{ name: string }[]>('SELECT name FROM probe ORDER BY name')).map((r) => r.name);
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('a statement arriving during a transaction that rolls back waits for it, and is kept', async () => {
    let seenOutside: string[] | null = null;
    const tx = db
      .$transaction(async (t) => {
        await t.$executeRawUnsafe("INSERT INTO probe VALUES ('inside')");
        await pause(150);
        throw new Error('rolled back');
      })
      .catch((e: Error) => e.message);
    await pause(30);
    const outside = db.$executeRawUnsafe("INSERT INTO probe VALUES ('outside')").then(async () => {
      seenOutside = await names();
    });
    expect(await tx).toBe('rolled back');
    await outside;
    expect(await names()).toEqual(['outside']);
    // It ran after the rollback: it never saw the transaction's row.
    expect(seenOutside).toEqual(['outside']);
  });

  it('transactions and plain statements arriving together all land, each transaction whole', async () => {
    const work = Array.from({ length: 10 }, (_, i) =>
      i % 2
        ? db.$executeRawUnsafe(`INSERT INTO probe VALUES ('plain ${i}')`)
        : db.$transaction(async (t) => {
            await t.$executeRawUnsafe(`INSERT INTO probe VALUES ('tx ${i} a')`);
            await pause(5);
            await t.$executeRawUnsafe(`INSERT INTO probe VALUES ('tx ${i} b')`);
          }),
    );
    await Promise.all(work);
    expect(await names()).toHaveLength(15);
  });

  it('a kept statement binds each run’s arguments, and a failed run does not spoil the next', async () => {
    for (const name of ['a', 'b', 'c']) await db.$executeRaw`INSERT INTO probe VALUES (${name})`;
    await expect(db.$executeRaw`INSERT INTO probe VALUES (${'a'})`).rejects.toThrow();
    await db.$executeRaw`INSERT INTO probe VALUES (${'d'})`;
    const one = (name: string) => db.$queryRaw<{ name: string }[]>`SELECT name FROM probe WHERE name = ${name}`;
    expect(await one('b')).toEqual([{ name: 'b' }]);
    expect(await one('d')).toEqual([{ name: 'd' }]);
    expect(await one('z')).toEqual([]);
  });

  it('more distinct statements than are kept still run right', async () => {
    for (let i = 0; i < 600; i++) {
      const rows = await db.$queryRawUnsafe<{ n: bigint | number }[]>(`SELECT ${i} AS n`);
      expect(Number(rows[0]!.n)).toBe(i);
    }
  });

  it('the direct path (db/raw.ts) is taken, writes times as Prisma does, reads integers as numbers, waits for transactions', async () => {
    expect(directStatements(db)).toMatchObject({ dialect: 'sqlite' });
    const at = new Date('2026-06-15T04:05:06.789Z');
    const [row] = await queryRows<{ id: number }>(
      db,
      Prisma.sql`INSERT INTO "Resident" ("idHash", "kind", "createdAt") VALUES (${'direct'}, ${'device'}, ${at}) RETURNING "id"`,
    );
    expect(row).toEqual({ id: expect.any(Number) });
    expect(await db.resident.findUniqueOrThrow({ where: { id: row!.id } })).toMatchObject({ idHash: 'direct', createdAt: at });
    let seen: unknown = null;
    const tx = db.$transaction(async (t) => {
      await t.$executeRawUnsafe("INSERT INTO probe VALUES ('in a transaction')");
      await pause(100);
      throw new Error('rolled back');
    });
    await pause(20);
    seen = await queryRows<{ name: string }>(db, Prisma.sql`SELECT name FROM probe`);
    await expect(tx).rejects.toThrow('rolled back');
    expect(seen).toEqual([]);
    await expect(
      queryRows(db, Prisma.sql`INSERT INTO "Resident" ("idHash", "kind", "createdAt") VALUES (${'direct'}, ${'device'}, ${at})`),
    ).rejects.toMatchObject({
      name: 'SqliteStatementError',
      code: 'SQLITE_CONSTRAINT_UNIQUE',
    });
  });

  const insert = (name: string) => writeRows(db, Prisma.sql`INSERT INTO probe VALUES (${name})`);

  it('writes arriving together commit together, each succeeding or failing on its own', async () => {
    await insert('earlier');
    const outcomes = await Promise.allSettled(['a', 'earlier', 'b', 'a', 'c'].map(insert));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ name: 'SqliteStatementError', code: 'SQLITE_CONSTRAINT_UNIQUE' });
    expect(await names()).toEqual(['a', 'b', 'c', 'earlier']);
    // No transaction was left open: a new one can begin.
    await db.$transaction((t) => t.$executeRawUnsafe("INSERT INTO probe VALUES ('d')"));
    expect(await names()).toEqual(['a', 'b', 'c', 'd', 'earlier']);
  });

  it('a failure that ends the transaction fails every write of its group and keeps none; the next group is its own', async () => {
    // A write that rolls back the whole transaction, as a full disk would: it shows the group is one
    // transaction, and that its callers are told nothing was kept.
    await db.$executeRawUnsafe(
      "CREATE TEMP TRIGGER probe_rollback BEFORE INSERT ON probe WHEN NEW.name = 'rollback' BEGIN SELECT RAISE(ROLLBACK, 'rolled back'); END",
    );
    try {
      const outcomes = await Promise.allSettled(['x', 'y', 'rollback', 'z'].map(insert));
      expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
      expect((outcomes[0] as PromiseRejectedResult).reason).toMatchObject({ name: 'SqliteStatementError', message: 'rolled back' });
      expect(await names()).toEqual([]);
      await Promise.all(['after 1', 'after 2'].map(insert));
      await expect(insert('rollback')).rejects.toThrow('rolled back');
      expect(await names()).toEqual(['after 1', 'after 2']);
    } finally {
      await db.$executeRawUnsafe('DROP TRIGGER temp.probe_rollback');
    }
  });

  it('runs statements that depend on each other as one write of the group (count, then write only if allowed)', async () => {
    const together = sqliteTogether(db)!;
    const step = (name: string) =>
      together((run) => {
        const [{ n }] = run('SELECT COUNT(*) AS n FROM probe', []) as [{ n: number }];
        if (n >= 2) return 'full';
        run('INSERT INTO probe VALUES (?)', [name]);
        return 'written';
      });
    expect(await Promise.all(['one', 'two', 'three'].map(step))).toEqual(['written', 'written', 'full']);
    expect(await names()).toEqual(['one', 'two']);
  });

  it('writes wait for an open transaction, and are not rolled back with it', async () => {
    const tx = db.$transaction(async (t) => {
      await t.$executeRawUnsafe("INSERT INTO probe VALUES ('in a transaction')");
      await pause(100);
      throw new Error('rolled back');
    });
    await pause(20);
    const written = Promise.all(['w1', 'w2', 'w3'].map(insert));
    await expect(tx).rejects.toThrow('rolled back');
    await written;
    expect(await names()).toEqual(['w1', 'w2', 'w3']);
  });

  it('more writes at once than one group holds all land', async () => {
    await Promise.all(Array.from({ length: 150 }, (_, i) => insert(`many ${String(i).padStart(3, '0')}`)));
    expect(await names()).toHaveLength(150);
  });

  it('sets synchronous as configured: NORMAL by default, FULL when asked', async () => {
    const level = async (d: SqliteDb) => Number((await d.$queryRawUnsafe<{ synchronous: bigint | number }[]>('PRAGMA synchronous'))[0]!.synchronous);
    expect(await level(db)).toBe(1);
    const full = openSqliteDatabase(target.url, { sqliteSynchronous: 'full' });
    try {
      expect(await level(full)).toBe(2);
    } finally {
      await full.$disconnect();
    }
  });
});

if (testPostgresUrl()) {
  it('the SQLite adapter is tested in the SQLite pass', () => undefined);
}
