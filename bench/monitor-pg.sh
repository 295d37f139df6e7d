#!/usr/bin/env bash
# Monitoring at scale on both stores: simulate N households × 2 waves (as bench/monitor.sh),
# then time `povrisk monitor import` and `povrisk monitor run` for each wave on a fresh DuckDB
# file and on a fresh PostgreSQL database, and print wall time, CPU and peak RSS of each step
# and the PostgreSQL / DuckDB ratios.
# Usage: bench/monitor-pg.sh [HOUSEHOLDS]   (default 1000000; run `npm run build` first)
#   BACKENDS="duckdb postgres" (default) picks the stores to time.
# PostgreSQL is a throwaway server started here (scripts/postgres-throwaway.sh) with durable
# settings (fsync, synchronous_commit and full_page_writes on, as DuckDB syncs its commits too),
# shared_buffers=1GB and max_wal_size=4GB; it is stopped and deleted at exit. Its CPU is
# counted from /proc (the postmaster, its live children, and the children it has reaped), next
# to the povrisk process's. Peak RSS is the povrisk process's only.
set -euo pipefail
N=${1:-1000000}
BACKENDS=${BACKENDS:-duckdb postgres}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
POVRISK=(node "$ROOT/dist/cli/main.js")
WORK=$(mktemp -d "${TMPDIR:-/tmp}/povrisk-bench-monitor-pg.XXXXXX")
TICK=$(getconf CLK_TCK)
declare -A WALL CPU SRV

cleanup() { rm -rf "$WORK"; }
trap cleanup EXIT

# CPU seconds used so far by the PostgreSQL server: the postmaster and its live children
# (utime + stime), and its reaped children (cutime + cstime).
pg_cpu() {
  [ -n "${PG_PID:-}" ] || { echo 0; return; }
  local pids ticks=0 p f
  pids="$PG_PID $(pgrep -P "$PG_PID" | tr '\n' ' ')"
  for p in $pids; do
    [ -r "/proc/$p/stat" ] || continue
    # fields after the ")" of the command name: utime is 12th, stime 13th, cutime 14th, cstime 15th
    f=($(sed 's/^.*) //' "/proc/$p/stat"))
    ticks=$((ticks + f[11] + f[12]))
    [ "$p" = "$PG_PID" ] && ticks=$((ticks + f[13] + f[14]))
  done
  echo "scale=2; $ticks / $TICK" | bc
}

# step BACKEND LABEL ARGS...: runs povrisk ARGS, prints wall, CPU, peak RSS (and server CPU)
step() {
  local backend=$1 label=$2
  shift 2
  local s0 s1 wall user sys rss
  s0=$(pg_cpu)
  /usr/bin/time -f '%e %U %S %M' -o "$WORK/time.txt" "${POVRISK[@]}" "$@" >"$WORK/out.txt"
  s1=$(pg_cpu)
  read -r wall user sys rss <"$WORK/time.txt"
  local cpu server
  cpu=$(echo "$user + $sys" | bc)
  server=$(echo "$s1 - $s0" | bc)
  WALL[$backend]=$(echo "${WALL[$backend]:-0} + $wall" | bc)
  CPU[$backend]=$(echo "${CPU[$backend]:-0} + $cpu" | bc)
  SRV[$backend]=$(echo "${SRV[$backend]:-0} + $server" | bc)
  printf '%-9s %-16s %8.1f s wall %8.1f s CPU %6d MB peak RSS' \
    "$backend" "$label" "$wall" "$cpu" "$((rss / 1024))"
  [ "$backend" = postgres ] && printf ' %8.1f s server CPU' "$server"
  printf '   %s\n' "$(head -c 100 "$WORK/out.txt" | tr '\n' ' ')"
}

waves() { # waves BACKEND DB
  step "$1" "import wave 1" monitor import "$WORK/panel.csv" --db "$2" --wave 1 --date 2021-06-30
  step "$1" "run wave 1" monitor run --db "$2" --wave 1
  step "$1" "import wave 2" monitor import "$WORK/panel.csv" --db "$2" --wave 2 --date 2022-06-30
  step "$1" "run wave 2" monitor run --db "$2" --wave 2
  "${POVRISK[@]}" monitor summary --db "$2" --json >"$WORK/summary-$1.json"
}

echo "povrisk monitor benchmark, DuckDB and PostgreSQL: $N households × 2 waves, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
"${POVRISK[@]}" simulate --households "$N" --seed 1 --waves 2 --out "$WORK/panel.csv" >/dev/null 2>&1

for backend in $BACKENDS; do
  case $backend in
    duckdb)
      waves duckdb "$WORK/bench.duckdb"
      echo "duckdb    database size: $(du -h "$WORK/bench.duckdb" | cut -f1)"
      ;;
    postgres)
      export PG_THROWAWAY_OPTIONS="-c fsync=on -c synchronous_commit=on -c full_page_writes=on -c shared_buffers=1GB -c max_wal_size=4GB"
      # shellcheck source=../scripts/postgres-throwaway.sh
      source "$ROOT/scripts/postgres-throwaway.sh"
      trap 'pg_throwaway_stop; cleanup' EXIT
      PG_PID=$(head -1 "$PG_THROWAWAY_DIR/data/postmaster.pid")
      "$PG_THROWAWAY_BIN/psql" -q "$POVRISK_TEST_PG" -c 'CREATE DATABASE povrisk_bench'
      URL="${POVRISK_TEST_PG%/*}/povrisk_bench"
      waves postgres "$URL"
      echo "postgres  database size: $("$PG_THROWAWAY_BIN/psql" -At "$URL" -c "SELECT pg_size_pretty(pg_database_size(current_database()))")"
      ;;
    *)
      echo "unknown backend: $backend (BACKENDS takes duckdb and postgres)" >&2
      exit 2
      ;;
  esac
done

for backend in $BACKENDS; do
  printf '%-9s %-16s %8.1f s wall %8.1f s CPU' "$backend" "total" "${WALL[$backend]}" "${CPU[$backend]}"
  [ "$backend" = postgres ] && printf ' %8.1f s server CPU' "${SRV[$backend]}"
  printf '\n'
done
if [ -n "${WALL[duckdb]:-}" ] && [ -n "${WALL[postgres]:-}" ]; then
  printf 'PostgreSQL / DuckDB: wall %.2f×, CPU (povrisk + server) %.2f×\n' \
    "$(echo "scale=4; ${WALL[postgres]} / ${WALL[duckdb]}" | bc)" \
    "$(echo "scale=4; (${CPU[postgres]} + ${SRV[postgres]}) / ${CPU[duckdb]}" | bc)"
  if cmp -s "$WORK/summary-duckdb.json" "$WORK/summary-postgres.json"; then
    echo "monitor summary: the same on both stores"
  else
    echo "monitor summary differs between the stores:"
    diff "$WORK/summary-duckdb.json" "$WORK/summary-postgres.json" | head -20 || true
  fi
fi
