// Runs at `npm install` (postinstall): writes the PostgreSQL schema from the SQLite one and generates
// both Prisma clients into server/src/generated/ (gitignored). `prisma generate` needs no engine, but
// the CLI tries to download the native schema engine first unless PRISMA_SCHEMA_ENGINE_BINARY names an
// existing file; these machines cannot download, so we point it at node itself (never executed here).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const prismaDir = join(root, 'server', 'prisma');
const sqliteSchema = join(prismaDir, 'sqlite', 'schema.prisma');
const pgSchema = join(prismaDir, 'postgresql', 'schema.prisma');

const source = readFileSync(sqliteSchema, 'utf8');
const pg = source
  .replace('provider = "sqlite"', 'provider = "postgresql"')
  .replace('output       = "../../src/generated/sqlite"', 'output       = "../../src/generated/postgresql"')
  .replace(
    /^\/\/ The data model\. This SQLite schema is the one to edit;.*$/m,
    '// GENERATED from ../sqlite/schema.prisma by scripts/prisma-generate.mjs: edit that one, then `npm run db:generate`.',
  );
if (pg === source || !pg.includes('"postgresql"') || !pg.includes('generated/postgresql')) {
  throw new Error('prisma-generate: could not derive the PostgreSQL schema; did the SQLite header change?');
}
writeFileSync(pgSchema, pg);

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
  CHECKPOINT_DISABLE: '1',
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
};
const prismaCli = join(root, 'node_modules', 'prisma', 'build', 'index.js');
for (const schema of [sqliteSchema, pgSchema]) {
  const r = spawnSync(process.execPath, [prismaCli, 'generate', '--schema', schema], { env, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`prisma generate failed for ${schema}`);
    process.exit(r.status ?? 1);
  }
}
