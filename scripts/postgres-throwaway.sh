#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the tests and prints the shell lines that point
# the tests at it. Meant to be sourced by .ci/run:
#   source scripts/postgres-throwaway.sh   # sets POVRISK_TEST_PG, stops the server at exit
# The cluster lives in a fresh temp dir (initdb as the `postgres` user when run as root,
# since PostgreSQL refuses to run as root), listens on a free loopback port only, trusts
# local connections, and runs without fsync: it holds test data and is deleted at exit.
# PG_THROWAWAY_OPTIONS adds server settings after these (later -c wins), e.g. the benchmarks'
#   PG_THROWAWAY_OPTIONS="-c fsync=on -c synchronous_commit=on -c full_page_writes=on".
pg_throwaway_bin() {
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
    pg_config --bindir
    return
  fi
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && { echo "$d"; return; }
  done
  return 1
}

pg_throwaway_start() {
  local bin dir port as
  bin="$(pg_throwaway_bin)" || { echo "postgres-throwaway: no initdb found (install postgresql)" >&2; return 1; }
  dir="$(mktemp -d /tmp/povrisk-pg.XXXXXX)"
  port="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
  as=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$dir"
    as=(runuser -u postgres --)
  fi
  "${as[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; return 1; }
  "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 ${PG_THROWAWAY_OPTIONS:-}" \
    start >/dev/null || { cat "$dir/server.log" >&2; return 1; }
  PG_THROWAWAY_DIR="$dir"
  PG_THROWAWAY_BIN="$bin"
  export POVRISK_TEST_PG="postgres://postgres@127.0.0.1:$port/postgres"
  echo "postgres-throwaway: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($dir)" >&2
}

pg_throwaway_stop() {
  [ -n "${PG_THROWAWAY_DIR:-}" ] || return 0
  local as=()
  [ "$(id -u)" -eq 0 ] && as=(runuser -u postgres --)
  "${as[@]}" "$PG_THROWAWAY_BIN/pg_ctl" -D "$PG_THROWAWAY_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_THROWAWAY_DIR"
  PG_THROWAWAY_DIR=""
}

pg_throwaway_start
trap pg_throwaway_stop EXIT
