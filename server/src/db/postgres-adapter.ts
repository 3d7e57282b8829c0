/**
 * Prisma 7's pg adapter, with a way past Prisma's client for the statements every request runs (used
 * through db/raw.ts), as sqlite-adapter.ts has for SQLite: the adapter's own pool, each statement
 * named, so that each connection parses and plans it once (Prisma sends every statement unnamed: the
 * new rating's INSERT, with its subqueries, was parsed and planned at every rating). A transaction
 * holds a connection of its own on PostgreSQL, so nothing here waits for one.
 * Times go in and come out as Prisma writes them: UTC, in columns without a time zone.
 */
import { createHash } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import pg, { type QueryConfig } from 'pg';
import type { DirectQuery } from './sqlite-adapter';

/** timestamp (without time zone): pg would read it as local time; it holds UTC. */
const TIMESTAMP_OID = 1114;
const asUtcText = (value: string) => `${value.replace(' ', 'T')}Z`;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMP_OID ? asUtcText : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** An argument as Prisma writes it: a time as UTC text without a zone. */
const postgresArg = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 23) : value === undefined ? null : value);

export class PrismaPostgres extends PrismaPg {
  /** Set once Prisma has connected (at its first statement). */
  direct: DirectQuery | null = null;
  /** The same for a write: each statement commits by itself (the new ratings are grouped by their statement). */
  directWrite: DirectQuery | null = null;
  readonly dialect = 'postgresql' as const;

  override async connect() {
    const adapter = await super.connect();
    const pool = adapter.underlyingDriver();
    const names = new Map<string, string>();
    const nameOf = (text: string) => {
      let name = names.get(text);
      if (!name) names.set(text, (name = `plsr_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`));
      return name;
    };
    this.direct = async <T>(text: string, args: readonly unknown[]) => {
      const query: QueryConfig = { name: nameOf(text), text, values: args.map(postgresArg), types };
      return (await pool.query(query)).rows as T[];
    };
    this.directWrite = this.direct;
    return adapter;
  }
}
