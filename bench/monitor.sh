#!/usr/bin/env bash
# Monitoring at scale: simulate N households × 2 waves, then time `povrisk monitor import`
# and `povrisk monitor run` for each wave on a fresh DuckDB file.
# Usage: bench/monitor.sh [HOUSEHOLDS]   (default 1000000; run `npm run build` first)
set -euo pipefail
N=${1:-1000000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
POVRISK="node $ROOT/dist/cli/main.js"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/povrisk-bench-monitor.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
DB="$WORK/bench.duckdb"

seconds() { date +%s.%N; }
step() { # step LABEL COMMAND...
  local label=$1; shift
  local t0; t0=$(seconds)
  "$@" > "$WORK/out.txt"
  local t1; t1=$(seconds)
  printf '%-28s %8.1f s   %s\n' "$label" "$(echo "$t1 - $t0" | bc)" "$(head -c 160 "$WORK/out.txt" | tr '\n' ' ')"
}

echo "povrisk monitor benchmark: $N households × 2 waves, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
step "simulate" $POVRISK simulate --households "$N" --seed 1 --waves 2 --out "$WORK/panel.csv"
T0=$(seconds)
step "import wave 1" $POVRISK monitor import "$WORK/panel.csv" --db "$DB" --wave 1 --date 2021-06-30
step "run wave 1 (fit + alerts)" $POVRISK monitor run --db "$DB" --wave 1
step "import wave 2" $POVRISK monitor import "$WORK/panel.csv" --db "$DB" --wave 2 --date 2022-06-30
step "run wave 2 (fit + alerts)" $POVRISK monitor run --db "$DB" --wave 2
step "re-import wave 2 (no-op)" $POVRISK monitor import "$WORK/panel.csv" --db "$DB" --wave 2 --date 2022-06-30
T1=$(seconds)
step "summary" $POVRISK monitor summary --db "$DB" --json
printf '%-28s %8.1f s\n' "import + run, both waves" "$(echo "$T1 - $T0" | bc)"
printf 'database size: %s\n' "$(du -h "$DB" | cut -f1)"
