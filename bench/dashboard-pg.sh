#!/usr/bin/env bash
# Dashboard load on PostgreSQL: 2 `povrisk serve` processes on one PostgreSQL database, 200
# users signing in at once (each on the process it will not load pages from) and then loading
# the dashboard's pages over and over for DURATION seconds (bench/server-load.mjs --scenario
# dashboard, requests spread round-robin over the processes). Prints sign-in latency, p50, p95
# and p99 latency, throughput and errors; with BACKENDS="duckdb postgres" also the same load
# on one server over a DuckDB file, for comparison.
# Usage: bench/dashboard-pg.sh [HOUSEHOLDS] [DURATION]   (defaults 100000 and 30; run
#   `npm run build` first). BACKENDS="postgres" (default) or "duckdb postgres".
# PostgreSQL is a throwaway server started here (scripts/postgres-throwaway.sh) with durable
# settings, stopped and deleted at exit. Figures go to bench/out/dashboard-{postgres,duckdb}.json.
set -euo pipefail
N=${1:-100000}
DURATION=${2:-30}
BACKENDS=${BACKENDS:-postgres}
USERS=200
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/povrisk-bench-dashboard-pg.XXXXXX")
cleanup() { rm -rf "$WORK"; }
trap cleanup EXIT

echo "povrisk dashboard load: $N households × 2 waves, $USERS users, ${DURATION} s, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
for backend in $BACKENDS; do
  case $backend in
    duckdb)
      echo "-- DuckDB file, 1 server process"
      node "$ROOT/bench/server-load.mjs" --households "$N" --connections "$USERS" \
        --duration "$DURATION" --scenario dashboard --db "$WORK/bench.duckdb" --servers 1 \
        --out "$ROOT/bench/out/dashboard-duckdb.json"
      ;;
    postgres)
      export PG_THROWAWAY_OPTIONS="-c fsync=on -c synchronous_commit=on -c full_page_writes=on -c shared_buffers=1GB -c max_wal_size=4GB"
      # shellcheck source=../scripts/postgres-throwaway.sh
      source "$ROOT/scripts/postgres-throwaway.sh"
      trap 'pg_throwaway_stop; cleanup' EXIT
      "$PG_THROWAWAY_BIN/psql" -q "$POVRISK_TEST_PG" -c 'CREATE DATABASE povrisk_bench'
      echo "-- PostgreSQL $("$PG_THROWAWAY_BIN/psql" -At "$POVRISK_TEST_PG" -c 'SHOW server_version'), 2 server processes"
      node "$ROOT/bench/server-load.mjs" --households "$N" --connections "$USERS" \
        --duration "$DURATION" --scenario dashboard --db "${POVRISK_TEST_PG%/*}/povrisk_bench" \
        --servers 2 --out "$ROOT/bench/out/dashboard-postgres.json"
      ;;
    *)
      echo "unknown backend: $backend (BACKENDS takes duckdb and postgres)" >&2
      exit 2
      ;;
  esac
done
