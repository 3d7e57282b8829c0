/**
 * Prisma 7's better-sqlite3 adapter, with two things it lacks. Both act on its one connection (its
 * `client`); a new adapter version that moves it fails at the first connect, loudly.
 *
 * 1. Statements wait for an open transaction. The adapter runs every query on one connection and
 *    guards only transactions against each other: a query from another request, arriving while an
 *    interactive transaction awaits, ran inside that transaction — it saw the transaction's uncommitted
 *    rows and, when the transaction rolled back, was rolled back with it after its caller had been told
 *    it was written. Here a statement outside a transaction waits until none is open (sqlite-adapter
 *    test). Statements are synchronous in better-sqlite3, so they never overlap otherwise.
 * 2. Prepared statements are kept. The adapter prepares every statement anew; preparing costs more
 *    than running most of this server's statements, and a statement on a table with triggers compiles
 *    the triggers too (the new rating's INSERT spent more time being prepared than run). The most
 *    recent statements are kept and each run's arguments bound at the run; SQLite re-prepares a kept
 *    statement by itself when the schema changes.
 *
 * It also sets the connection's `synchronous` (SQLITE_SYNCHRONOUS).
 */
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { Database, Statement } from 'better-sqlite3';

/** Distinct statements kept: this server sends a few hundred shapes; IN lists of every length make more. */
const KEPT = 500;

export class PrismaSqlite extends PrismaBetterSqlite3 {
  constructor(
    config: ConstructorParameters<typeof PrismaBetterSqlite3>[0],
    private readonly settings: { synchronous: 'normal' | 'full' },
  ) {
    super(config);
  }

  override async connect() {
    const adapter = await super.connect();
    const client = clientOf(adapter);
    client.pragma(`synchronous = ${this.settings.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    keepStatements(client);
    waitForTransactions(adapter);
    return adapter;
  }
}

type Adapter = Awaited<ReturnType<PrismaBetterSqlite3['connect']>>;

function waitForTransactions(adapter: Adapter): void {
  // The transaction now open, settled when it ends. Each wait re-checks and claims without an await
  // in between, so nothing slips in between the check and the statement.
  let open: Promise<void> | null = null;
  for (const method of ['queryRaw', 'executeRaw', 'executeScript'] as const) {
    const run = adapter[method].bind(adapter) as (arg: never) => Promise<unknown>;
    (adapter as unknown as Record<string, unknown>)[method] = async (arg: never) => {
      while (open) await open;
      return run(arg);
    };
  }
  const start = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => {
    while (open) await open;
    let end!: () => void;
    open = new Promise<void>((resolve) => (end = resolve));
    const done = () => {
      open = null;
      end();
    };
    try {
      const tx = await start(isolationLevel);
      const commit = tx.commit.bind(tx);
      const rollback = tx.rollback.bind(tx);
      tx.commit = () => commit().finally(done);
      tx.rollback = () => rollback().finally(done);
      return tx;
    } catch (error) {
      done();
      throw error;
    }
  };
}

function clientOf(adapter: object): Database {
  const client = (adapter as { client?: Database }).client;
  if (!client || typeof client.prepare !== 'function' || typeof client.pragma !== 'function') {
    throw new Error('@prisma/adapter-better-sqlite3 no longer keeps its connection in `client`: check sqlite-adapter.ts against the new version');
  }
  return client;
}

/** What the adapter calls on a prepared statement, answered by one kept statement with this run's arguments. */
function bound(stmt: Statement, args: unknown[]) {
  return {
    reader: stmt.reader,
    run: () => stmt.run(args),
    columns: () => stmt.columns(),
    raw: () => ({ all: () => stmt.raw(true).all(args) }),
  };
}

function keepStatements(client: Database): void {
  const prepare = client.prepare.bind(client);
  const kept = new Map<string, Statement>();
  const keptFor = (sql: string): Statement => {
    let stmt = kept.get(sql);
    if (stmt) {
      kept.delete(sql); // most recently used last
    } else {
      stmt = prepare(sql);
      if (kept.size >= KEPT) kept.delete(kept.keys().next().value!);
    }
    kept.set(sql, stmt);
    return stmt;
  };
  client.prepare = ((sql: string) => {
    const stmt = keptFor(sql);
    return { reader: stmt.reader, run: (...args: unknown[]) => stmt.run(...args), bind: (args: unknown[]) => bound(stmt, args) };
  }) as unknown as Database['prepare'];
}
