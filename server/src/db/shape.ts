/**
 * Why the PostgreSQL client may stand in for the SQLite one. The two generated clients come from one
 * schema, but TypeScript cannot relate their generic model methods (each client's conditional result
 * types live in its own module), and calls through a union of the two do not type-check. So this
 * proves, per model and per operation, from Prisma's own TypeMap: PostgreSQL takes every argument
 * SQLite takes (it takes more: `mode`, `skipDuplicates`…) and returns the same rows; and the raw-SQL
 * and connection methods are assignable as they are. `postgresAsDb` only compiles while that holds.
 */
import type { PrismaClient as SqliteClient, Prisma as SqlitePrisma } from '../generated/sqlite/client';
import type { PrismaClient as PostgresClient, Prisma as PostgresPrisma } from '../generated/postgresql/client';

type SqliteModels = SqlitePrisma.TypeMap['model'];
type PostgresModels = PostgresPrisma.TypeMap['model'];
type SameKeys<A, B> = [Exclude<keyof A, keyof B> | Exclude<keyof B, keyof A>] extends [never] ? true : false;
type Model = keyof SqliteModels & keyof PostgresModels;
type Operation<M extends Model> = keyof SqliteModels[M]['operations'] & keyof PostgresModels[M]['operations'];

/** true, or why operation O of model M does not fit. */
type Fits<M extends Model, O extends Operation<M>> = [SqliteModels[M]['operations'][O]] extends [{ args: infer SA; result: infer SR }]
  ? [PostgresModels[M]['operations'][O]] extends [{ args: infer PA; result: infer PR }]
    ? [SA] extends [PA]
      ? [SR] extends [PR]
        ? [PR] extends [SR]
          ? true
          : 'returns other rows'
        : 'returns other rows'
      : 'takes other arguments'
    : 'missing'
  : 'missing';

/** Each [model, operation, reason] that does not fit; never when all do. */
export type Misfits = {
  [M in Model]: { [O in Operation<M>]: Fits<M, O> extends true ? never : [M, O, Fits<M, O>] }[Operation<M>];
}[Model];

type SameModels = SameKeys<SqliteModels, PostgresModels>;
type SameOperations = { [M in Model]: SameKeys<SqliteModels[M]['operations'], PostgresModels[M]['operations']> }[Model];
type ClientMethods = '$queryRaw' | '$queryRawUnsafe' | '$executeRaw' | '$executeRawUnsafe' | '$connect' | '$disconnect';
type SameClientMethods = [Pick<PostgresClient, ClientMethods>] extends [Pick<SqliteClient, ClientMethods>] ? true : false;

/** `true` exactly when the PostgreSQL client fits everywhere the code uses a Db. */
export type PostgresFitsDb = [Misfits] extends [never] ? (SameModels extends true ? (SameOperations extends true ? SameClientMethods : false) : false) : false;

/**
 * The PostgreSQL client seen through the SQLite client's type. The argument `fits` is the literal
 * `true`, which type-checks only while PostgresFitsDb is true; the conversion rests on that proof.
 */
export function postgresAsDb(client: PostgresClient, fits: PostgresFitsDb): SqliteClient {
  if (fits !== true) throw new Error('unreachable: PostgresFitsDb is checked at compile time');
  return client as unknown as SqliteClient;
}
