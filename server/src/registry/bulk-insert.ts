/**
 * Multi-row INSERT for the registry's bulk jobs (divisions import, demo data). Prisma 7's
 * createMany costs about a millisecond per row on SQLite — 30 s for a year of demo ratings — while
 * one parameterised INSERT … VALUES (…), (…) through $executeRaw is ten times faster. Prisma.sql
 * renders the placeholders for either provider; table and column names come from this code only.
 * Every column is given explicitly (defaults such as createdAt are not applied here).
 */
import { Prisma } from '../generated/sqlite/client';
import type { Db } from '../db/client';

type Tx = Pick<Db, '$executeRaw'>;
type Value = string | number | boolean | Date | null;

/** SQLite allows 32,766 parameters per statement and PostgreSQL 65,535; stay well below both. */
const MAX_PARAMS = 20_000;

export async function insertRows<Row extends Record<string, Value>>(tx: Tx, table: string, rows: readonly Row[]): Promise<number> {
  const first = rows[0];
  if (!first) return 0;
  const columns = Object.keys(first);
  const head = Prisma.raw(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES `);
  const perStatement = Math.max(1, Math.min(1000, Math.floor(MAX_PARAMS / columns.length)));
  for (let i = 0; i < rows.length; i += perStatement) {
    const values = rows.slice(i, i + perStatement).map((row) => Prisma.sql`(${Prisma.join(columns.map((c) => row[c] ?? null))})`);
    await tx.$executeRaw`${head}${Prisma.join(values)}`;
  }
  return rows.length;
}
