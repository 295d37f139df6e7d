#!/usr/bin/env bash
# Simulated survey at scale: time `povrisk simulate` for a cross-section (CSV and Parquet) and a
# 4-round panel, and report file sizes and peak memory.
# Usage: bench/simulate.sh [HOUSEHOLDS]   (default 1000000; run `npm run build` first)
set -euo pipefail
N=${1:-1000000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/povrisk-bench-simulate.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

run() { # run LABEL FILE ARGS...
  local label=$1 file=$2; shift 2
  local t0 t1 peak
  t0=$(date +%s.%N)
  peak=$( { /usr/bin/time -f '%M' node "$ROOT/dist/cli/main.js" simulate "$@" --out "$WORK/$file" 2>&1 >/dev/null; } | tail -1)
  t1=$(date +%s.%N)
  printf '%-34s %8.1f s  %8.1f MB file  %6.0f MB peak RSS\n' "$label" "$(echo "$t1 - $t0" | bc)" \
    "$(echo "$(stat -c %s "$WORK/$file") / 1048576" | bc -l)" "$(echo "$peak / 1024" | bc -l)"
}

echo "povrisk simulate benchmark: $N households, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
run "cross-section, CSV" survey.csv --households "$N" --seed 1
run "cross-section, Parquet" survey.parquet --households "$N" --seed 1
run "panel, 4 rounds, CSV" panel.csv --households "$N" --seed 1 --waves 4
