#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL: initdb into a temp folder, pg_ctl on a free loopback
# port, CONVERSATIONS_TEST_POSTGRES pointing at it, everything removed afterwards.
# Usage: scripts/with-postgres.sh <command> [args...]
set -euo pipefail

if [ -n "${CONVERSATIONS_TEST_POSTGRES:-}" ]; then
  exec "$@"
fi

for tool in initdb pg_ctl postgres; do
  command -v "$tool" >/dev/null || { echo "with-postgres: '$tool' not on PATH (PostgreSQL server binaries are needed)" >&2; exit 1; }
done

pgdir=$(mktemp -d /tmp/conversations-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
  || echo $((20000 + RANDOM % 20000)))

# initdb refuses to run as root: run the server as the postgres user when we are root.
as_pg=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$pgdir"
  as_pg=(runuser -u postgres --)
fi

cleanup() {
  "${as_pg[@]}" pg_ctl -D "$pgdir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pgdir"
}
trap cleanup EXIT

"${as_pg[@]}" initdb -D "$pgdir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$pgdir/initdb.log" 2>&1 \
  || { cat "$pgdir/initdb.log" >&2; exit 1; }
"${as_pg[@]}" pg_ctl -D "$pgdir/data" -l "$pgdir/server.log" -w -t 60 \
  -o "-p $port -k $pgdir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null \
  || { cat "$pgdir/server.log" >&2; exit 1; }

export CONVERSATIONS_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
echo "with-postgres: throwaway PostgreSQL on 127.0.0.1:$port"
set +e
"$@"
status=$?
set -e
exit $status
