#!/usr/bin/env bash
# Reading a 1,000,000 × 20 Stata .dta: povrisk's reader against haven::read_dta, same file,
# same machine, interleaved, REPS runs each (the minimum is the figure to quote).
# Usage: bench/dta.sh [ROWS] [REPS]   (run `npm run build` first; needs R with haven)
set -euo pipefail
N=${1:-1000000}
REPS=${2:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/povrisk-bench-dta.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
echo "dta read benchmark: $N rows × 20 columns, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
Rscript "$ROOT/bench/dta-data.R" "$WORK/b.dta" "$N"
echo "file: $(du -h "$WORK/b.dta" | cut -f1)"
cat "$WORK/b.dta" > /dev/null # both readers start from the page cache
for r in $(seq "$REPS"); do
  Rscript "$ROOT/bench/dta-read.R" "$WORK/b.dta" 1
  node "$ROOT/bench/dta-read.mjs" "$WORK/b.dta" 1
done
