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
 * It also sets the connection's `synchronous` (SQLITE_SYNCHRONOUS), and offers the statements that run
 * at every request a way past Prisma's client (`direct`, used through db/raw.ts): the same connection,
 * the same kept statements, the same wait for transactions, without the client's per-statement work,
 * which costs more than the statement itself. Writes sent that way (`directWrite`) that arrive in the
 * same turn of the event loop commit in one transaction (group commit): a commit writes every page the
 * statement touched to the log, and writes arriving together share pages (the table's last page, the
 * indexes' and counts' busiest ones), so ten new ratings committed together cost about two thirds of
 * ten committed one by one. Each write still succeeds or fails on its own, and none is answered before
 * its commit.
 */
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { Database, Statement } from 'better-sqlite3';
import { perTurn } from './turn';

/** Distinct statements kept: this server sends a few hundred shapes; IN lists of every length make more. */
const KEPT = 500;
/** At most this many writes in one group commit; the rest go in the next. */
const GROUP = 64;

type Adapter = Awaited<ReturnType<PrismaBetterSqlite3['connect']>>;

/** One statement run straight on the connection: rows as objects, integers as numbers. */
export type DirectQuery = <T>(sql: string, args: readonly unknown[]) => Promise<T[]>;

export class PrismaSqlite extends PrismaBetterSqlite3 {
  /** Set once Prisma has connected (at its first statement). */
  direct: DirectQuery | null = null;
  /** The same for a write, committed together with the writes that arrive with it. */
  directWrite: DirectQuery | null = null;
  /** Statements that depend on each other's rows, as one write of the group (Connection.together). */
  together: (<T>(step: (run: Run) => T) => Promise<T>) | null = null;
  readonly dialect = 'sqlite' as const;

  constructor(
    config: ConstructorParameters<typeof PrismaBetterSqlite3>[0],
    private readonly settings: { synchronous: 'normal' | 'full' },
  ) {
    super(config);
  }

  override async connect() {
    const adapter = await super.connect();
    const connection = new Connection(clientOf(adapter));
    connection.client.pragma(`synchronous = ${this.settings.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    connection.keepStatements();
    connection.waitForTransactions(adapter);
    this.direct = (sql, args) => connection.query(sql, args);
    this.directWrite = (sql, args) => connection.write(sql, args);
    this.together = (step) => connection.together(step);
    return adapter;
  }
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

/** An argument as the adapter writes it: a time as ISO text in UTC, a boolean as 0 or 1. */
function sqliteArg(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace('Z', '+00:00');
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value === undefined ? null : value;
}

/** The connection's integers come back as BigInt (the adapter asks for safe integers): numbers here. */
function plainRow(row: Record<string, unknown>): Record<string, unknown> {
  for (const key in row) {
    const v = row[key];
    if (typeof v === 'bigint') row[key] = Number.isSafeInteger(Number(v)) ? Number(v) : v;
  }
  return row;
}

/** One statement on the connection: its rows as objects. */
export type Run = (sql: string, args: readonly unknown[]) => Record<string, unknown>[];
/** One write of a group: one statement, or several that depend on each other. */
type Step = (run: Run) => unknown;
/** What became of one write of a group. */
type Written = { value: unknown } | { error: SqliteStatementError };

class Connection {
  private readonly kept = new Map<string, Statement>();
  /** A write joins this turn's group; the group commits at the end of the turn. */
  private readonly grouped = perTurn((group: Step[]) => this.commitGroup(group), GROUP);
  private readonly prepare: (sql: string) => Statement;
  /** The transaction now open, settled when it ends. */
  private open: Promise<void> | null = null;

  constructor(readonly client: Database) {
    this.prepare = client.prepare.bind(client);
  }

  private keptFor(sql: string): Statement {
    let stmt = this.kept.get(sql);
    if (stmt) {
      this.kept.delete(sql); // most recently used last
    } else {
      stmt = this.prepare(sql);
      if (this.kept.size >= KEPT) this.kept.delete(this.kept.keys().next().value!);
    }
    this.kept.set(sql, stmt);
    return stmt;
  }

  keepStatements(): void {
    this.client.prepare = ((sql: string) => {
      const stmt = this.keptFor(sql);
      return { reader: stmt.reader, run: (...args: unknown[]) => stmt.run(...args), bind: (args: unknown[]) => bound(stmt, args) };
    }) as unknown as Database['prepare'];
  }

  /**
   * Statements outside a transaction wait until none is open. Each wait re-checks and goes on without
   * an await in between, so nothing slips in between the check and the statement.
   */
  waitForTransactions(adapter: Adapter): void {
    for (const method of ['queryRaw', 'executeRaw', 'executeScript'] as const) {
      const run = adapter[method].bind(adapter) as (arg: never) => Promise<unknown>;
      (adapter as unknown as Record<string, unknown>)[method] = async (arg: never) => {
        while (this.open) await this.open;
        return run(arg);
      };
    }
    const start = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      while (this.open) await this.open;
      let end!: () => void;
      this.open = new Promise<void>((resolve) => (end = resolve));
      const done = () => {
        this.open = null;
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

  async query<T>(sql: string, args: readonly unknown[]): Promise<T[]> {
    while (this.open) await this.open;
    try {
      return this.run(sql, args) as T[];
    } catch (error) {
      throw new SqliteStatementError(error);
    }
  }

  private run(sql: string, args: readonly unknown[]): Record<string, unknown>[] {
    const stmt = this.keptFor(sql);
    const values = args.map(sqliteArg);
    if (!stmt.reader) {
      stmt.run(values);
      return [];
    }
    return (stmt.raw(false).all(values) as Record<string, unknown>[]).map(plainRow);
  }

  /** A write, run at the end of this turn of the event loop with the others that arrived in it. */
  async write<T>(sql: string, args: readonly unknown[]): Promise<T[]> {
    return (await this.together((run) => run(sql, args))) as T[];
  }

  /**
   * Several statements that depend on each other's rows, run one after another in this turn's group
   * (e.g. count a use of a limit, then write only if it was allowed). Each statement is atomic; a step
   * that throws part-way keeps what its earlier statements did.
   */
  async together<T>(step: (run: Run) => T): Promise<T> {
    const done = await this.grouped(step);
    if ('error' in done) throw done.error;
    return done.value as T;
  }

  /**
   * One transaction for a group of writes. A write that fails (a constraint) is undone on its own by
   * SQLite and the others go on; if a failure ends the whole transaction (SQLite does so for a full
   * disk, an I/O error, running out of memory) or the commit fails, every write of the group gets that
   * error: none of them was kept.
   */
  private async commitGroup(group: Step[]): Promise<Written[]> {
    while (this.open) await this.open;
    const run: Run = (sql, args) => this.run(sql, args);
    const attempt = (step: Step): Written => {
      try {
        return { value: step(run) };
      } catch (error) {
        return { error: new SqliteStatementError(error) };
      }
    };
    if (group.length === 1) return group.map(attempt);
    const all = (error: unknown): Written[] => group.map(() => ({ error: new SqliteStatementError(error) }));
    try {
      this.client.exec('BEGIN IMMEDIATE');
    } catch (error) {
      return all(error);
    }
    const outcomes: Written[] = [];
    for (const w of group) {
      const outcome = attempt(w);
      if ('error' in outcome && !this.client.inTransaction) return all(outcome.error.cause);
      outcomes.push(outcome);
    }
    try {
      this.client.exec('COMMIT');
    } catch (error) {
      if (this.client.inTransaction) this.client.exec('ROLLBACK');
      return all(error);
    }
    return outcomes;
  }
}

/** What the driver threw, as a plain Error with SQLite's code (SQLITE_CONSTRAINT_NOTNULL…). */
export class SqliteStatementError extends Error {
  readonly code: string | undefined;

  constructor(cause: unknown) {
    // Not `instanceof`: the driver is native, and under jest its errors come from another realm.
    const fields = typeof cause === 'object' && cause !== null ? (cause as { message?: unknown; code?: unknown }) : {};
    super(fields.message === undefined ? String(cause) : String(fields.message), { cause });
    this.name = 'SqliteStatementError';
    this.code = fields.code === undefined ? undefined : String(fields.code);
  }
}
