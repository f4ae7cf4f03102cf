#!/usr/bin/env bash
# A local multi-silo cluster on loopback, started the way ops start silos: a throwaway PostgreSQL
# (initdb + pg_ctl) for membership, state and reminders, and N server processes.
#   cluster.sh up N     start PostgreSQL and silos 1..N (silo i: HTTP 5080+i-1, silo TCP 11111+i-1)
#   cluster.sh status   show each silo's pid, ports and health
#   cluster.sh kill I   SIGKILL silo I (a crash: the others must detect it)
#   cluster.sh stop I   SIGTERM silo I (graceful: it drains and leaves)
#   cluster.sh start I  start silo I again
#   cluster.sh down     stop everything and remove all data
# Environment (all optional):
#   CLUSTER_DIR        state, logs (one per silo) and the database (default deploy/local/.cluster)
#   CLUSTER_HTTP_PORT  HTTP port of silo 1, silo i gets +i-1 (default 5080)
#   CLUSTER_SILO_PORT  silo-to-silo port of silo 1, silo i gets +i-1 (default 11111)
#                      both ports are read at 'up' and kept in $CLUSTER_DIR for the later commands
#   CLUSTER_ID         cluster id (default local)
#   CLUSTER_BUILD      0 skips the Release build of the server that 'up' runs first (default 1)
#   CLUSTER_SERVER_DLL the server to run (default the Release build in src/Conversations.Server/bin)
# Other variables reach the silos unchanged, e.g. Conversations__Cluster__JoinTimeout=00:00:05.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dir=${CLUSTER_DIR:-$here/.cluster}
server_dll=${CLUSTER_SERVER_DLL:-$root/src/Conversations.Server/bin/Release/net10.0/Conversations.Server.dll}
cluster_id=${CLUSTER_ID:-local}

as_pg=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  as_pg=(runuser -u postgres --)
fi

die() { echo "cluster.sh: $*" >&2; exit 1; }
base_port() { if [ -f "$dir/$1" ]; then cat "$dir/$1"; else echo "$2"; fi; }
http_port() { echo $(($(base_port http.port "${CLUSTER_HTTP_PORT:-5080}") + $1 - 1)); }
silo_port() { echo $(($(base_port silo.port "${CLUSTER_SILO_PORT:-11111}") + $1 - 1)); }
pg_port() { cat "$dir/pg.port"; }
# Each silo's pool stays small enough that up to 8 silos fit under the server's max_connections (400).
connection() { echo "Host=127.0.0.1;Port=$(pg_port);Database=conversations;Username=postgres;Maximum Pool Size=40"; }
pid_of() { [ -f "$dir/silo$1.pid" ] && cat "$dir/silo$1.pid" || true; }
alive() { local pid; pid=$(pid_of "$1"); [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; }

start_postgres() {
  for tool in initdb pg_ctl psql; do command -v "$tool" >/dev/null || die "'$tool' is not on PATH (PostgreSQL server binaries are needed)"; done
  mkdir -p "$dir"
  [ "${#as_pg[@]}" -gt 0 ] && chown postgres "$dir"
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' > "$dir/pg.port"
  "${as_pg[@]}" initdb -D "$dir/pg" -U postgres --auth=trust >"$dir/initdb.log" 2>&1
  "${as_pg[@]}" pg_ctl -D "$dir/pg" -o "-p $(pg_port) -k $dir -c listen_addresses=127.0.0.1 -c max_connections=400" -l "$dir/postgres.log" -w start >/dev/null
  psql "host=127.0.0.1 port=$(pg_port) user=postgres dbname=postgres" -qc "CREATE DATABASE conversations" >/dev/null
  # One dev-token key for all silos, so a token from any silo is valid on every other (a throwaway, like the database).
  python3 -c 'import secrets; print(secrets.token_urlsafe(48))' > "$dir/dev-signing-key"
  chmod 600 "$dir/dev-signing-key"
}

start_silo() {
  local i=$1
  alive "$i" && die "silo $i is already running (pid $(pid_of "$i"))"
  [ -f "$server_dll" ] || die "no server at $server_dll: build it first (dotnet build -c Release src/Conversations.Server)"
  Conversations__Auth__SigningKey="$(cat "$dir/dev-signing-key")" nohup dotnet "$server_dll" \
    --urls "http://127.0.0.1:$(http_port "$i")" \
    --Conversations:Storage postgres \
    --ConnectionStrings:Postgres "$(connection)" \
    --Conversations:Cluster:Membership postgres \
    --Conversations:Cluster:Id "$cluster_id" \
    --Conversations:Cluster:SiloPort "$(silo_port "$i")" \
    >>"$dir/silo$i.log" 2>&1 &
  echo $! > "$dir/silo$i.pid"
  echo "silo $i: pid $!, http://127.0.0.1:$(http_port "$i"), silo port $(silo_port "$i"), log $dir/silo$i.log"
}

case "${1:-}" in
  up)
    n=${2:-3}
    [ -d "$dir/pg" ] && die "a cluster already exists in $dir (run 'down' first)"
    [ "${CLUSTER_BUILD:-1}" = 0 ] || dotnet build -c Release "$root/src/Conversations.Server" -v quiet -nologo >/dev/null
    start_postgres
    echo "$n" > "$dir/size"
    echo "${CLUSTER_HTTP_PORT:-5080}" > "$dir/http.port"
    echo "${CLUSTER_SILO_PORT:-11111}" > "$dir/silo.port"
    for i in $(seq 1 "$n"); do start_silo "$i"; done
    ;;
  status)
    [ -f "$dir/size" ] || die "no cluster (run 'up N')"
    for i in $(seq 1 "$(cat "$dir/size")"); do
      if alive "$i"; then
        health=$(curl -fsS -m 2 "http://127.0.0.1:$(http_port "$i")/health/ready" 2>/dev/null || echo "not ready")
        echo "silo $i: running pid $(pid_of "$i") http $(http_port "$i") silo $(silo_port "$i") — $health"
      else
        echo "silo $i: stopped"
      fi
    done
    ;;
  kill)
    [ -n "${2:-}" ] || die "usage: cluster.sh kill I"
    alive "$2" || die "silo $2 is not running"
    kill -KILL "$(pid_of "$2")" && echo "silo $2 killed"
    ;;
  stop)
    [ -n "${2:-}" ] || die "usage: cluster.sh stop I"
    alive "$2" || die "silo $2 is not running"
    pid=$(pid_of "$2"); kill -TERM "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
    echo "silo $2 stopped gracefully"
    ;;
  start)
    [ -n "${2:-}" ] || die "usage: cluster.sh start I"
    [ -f "$dir/pg.port" ] || die "no cluster (run 'up N')"
    start_silo "$2"
    if [ "$2" -gt "$(cat "$dir/size")" ]; then echo "$2" > "$dir/size"; fi
    ;;
  down)
    if [ -f "$dir/size" ]; then
      for i in $(seq 1 "$(cat "$dir/size")"); do alive "$i" && kill -KILL "$(pid_of "$i")" || true; done
    fi
    [ -d "$dir/pg" ] && "${as_pg[@]}" pg_ctl -D "$dir/pg" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    echo "cluster removed"
    ;;
  *)
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
    exit 2
    ;;
esac
