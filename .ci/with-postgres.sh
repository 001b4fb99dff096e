#!/usr/bin/env bash
# with-postgres.sh CMD...  → runs CMD with TEST_DATABASE_URL (and DATABASE_URL) pointing at a
# throw-away PostgreSQL server on 127.0.0.1; always stops and deletes the server afterwards.
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
as_pg() { runuser -u postgres -- "$@"; }              # initdb/postgres refuse to run as root
D=$(mktemp -d -t pgci.XXXXXX); chown postgres: "$D"
PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
trap 'rc=$?; as_pg "$PGBIN/pg_ctl" -D "$D/data" -m fast -w stop >/dev/null 2>&1 || true; rm -rf "$D"; exit $rc' EXIT
HERE=$PWD
cd /                                                  # postgres can't read root's cwd
as_pg "$PGBIN/initdb" -D "$D/data" -U postgres -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 >"$D/initdb.log"
# fsync and friends off: throw-away test data only, never in production.
as_pg "$PGBIN/pg_ctl" -D "$D/data" -l "$D/server.log" -w -t 30 start -o \
  "-c listen_addresses=127.0.0.1 -p $PORT -k $D -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null
as_pg psql -q -v ON_ERROR_STOP=1 -h "$D" -p "$PORT" -U postgres -d postgres \
  -c "CREATE ROLE app LOGIN PASSWORD 'app-secret'" -c "CREATE DATABASE app_test OWNER app"
export TEST_DATABASE_URL="postgresql+psycopg://app:app-secret@127.0.0.1:$PORT/app_test"
export DATABASE_URL="$TEST_DATABASE_URL"
cd "$HERE"
"$@" & child=$!                                       # background + wait: TERM/INT handled at once
trap 'kill -TERM $child 2>/dev/null; exit 143' TERM
trap 'kill -INT $child 2>/dev/null; exit 130' INT
wait "$child"
