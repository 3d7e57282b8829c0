#!/usr/bin/env bash
# Authoring a migration (developers only; the product never runs this). Prisma's CLI needs its native
# schema engine for `migrate diff`, which these machines cannot download, so this uses the wasm
# stand-in from ../shared/tools/prisma-schema-engine (see its README). It diffs the committed
# migrations against the edited schema, for SQLite and for the generated PostgreSQL twin, and writes
# server/prisma/<provider>/migrations/<timestamp>_<name>/migration.sql for both.
#   usage: scripts/new-migration.sh add_follow_up_cases
set -euo pipefail
name=${1:?usage: scripts/new-migration.sh <snake_case_name>}
[[ $name =~ ^[a-z0-9_]+$ ]] || { echo "name must be snake_case" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
pse=${PSE:-/tmp/prisma-schema-engine}
if [ ! -x "$pse/schema-engine-shim.mjs" ] || [ ! -d "$pse/node_modules" ]; then
  rm -rf "$pse" && cp -r "$root/../shared/tools/prisma-schema-engine/." "$pse" && chmod -R u+w "$pse"
  # npm 11 takes build-script approvals from package.json only (better-sqlite3 must compile).
  (cd "$pse" && node -e 'const f="package.json",p=require("./"+f);p.allowScripts={"better-sqlite3":true};require("fs").writeFileSync(f,JSON.stringify(p,null,2))' \
    && npm install --no-audit --no-fund >/dev/null)
fi
export PRISMA_SCHEMA_ENGINE_BINARY="$pse/schema-engine-shim.mjs" CHECKPOINT_DISABLE=1
node "$root/scripts/prisma-generate.mjs" >/dev/null
stamp=$(date -u +%Y%m%d%H%M%S)
tmp=$(mktemp -d)
# The PostgreSQL diff needs a live server (and a shadow database): a throwaway one in $tmp.
pgbin=/usr/lib/postgresql/15/bin
[ -x $pgbin/initdb ] || { echo "needs PostgreSQL 15 (apt-get install -y postgresql)" >&2; exit 1; }
chown postgres "$tmp" 2>/dev/null || true
su postgres -c "$pgbin/initdb -D $tmp/pg -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
su postgres -c "$pgbin/pg_ctl -D $tmp/pg -l $tmp/pg.log -o '-c listen_addresses=127.0.0.1 -p 54329 -k $tmp' -w start" >/dev/null
trap 'su postgres -c "$pgbin/pg_ctl -D $tmp/pg -m immediate stop" >/dev/null; rm -rf "$tmp"' EXIT
su postgres -c "$pgbin/createdb -h 127.0.0.1 -p 54329 -U postgres author"
for provider in sqlite postgresql; do
  dir="$root/server/prisma/$provider"
  url=$([ $provider = sqlite ] && echo "file:$tmp/author.db" || echo "postgresql://postgres@127.0.0.1:54329/author")
  printf "export default { schema: '%s', datasource: { url: '%s' } };\n" "$dir/schema.prisma" "$url" > "$tmp/$provider.config.ts"
  from=(--from-migrations "$dir/migrations")
  [ -n "$(ls -d "$dir"/migrations/*/ 2>/dev/null)" ] || from=(--from-empty)
  if [ $provider = postgresql ] && [ "${from[0]}" = --from-migrations ]; then
    # The stand-in engine splits a migration at every ';', which breaks the trigger functions'
    # dollar-quoted bodies; psql applies them whole, and the diff starts from that database instead.
    for m in "$dir"/migrations/*/migration.sql; do
      su postgres -c "psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p 54329 -U postgres -d author -f '$m'" >/dev/null
    done
    from=(--from-config-datasource)
  fi
  npx prisma migrate diff --config "$tmp/$provider.config.ts" "${from[@]}" --to-schema "$dir/schema.prisma" --script --output "$tmp/$provider.sql"
  if ! grep -qv '^-- This is an empty migration.' "$tmp/$provider.sql" || [ ! -s "$tmp/$provider.sql" ]; then
    echo "$provider: no change"; continue
  fi
  mkdir -p "$dir/migrations/${stamp}_$name"
  mv "$tmp/$provider.sql" "$dir/migrations/${stamp}_$name/migration.sql"
  echo "wrote $dir/migrations/${stamp}_$name/migration.sql"
done
