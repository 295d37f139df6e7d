#!/usr/bin/env bash
# OLS benchmark: the whole process of `povrisk regress FILE --y y --x x1..x10 --vce hc1`
# against R (data.table::fread + lm + sandwich::vcovHC(type = "HC1") + printing) on the same
# seeded CSV, N rows × 10 regressors (default 1,000,000). Reports wall time and peak RSS
# from GNU time (`apt-get install -y time` if /usr/bin/time is missing) as a markdown table.
# Usage: bash bench/ols.sh [N] [REPEATS]    (run `npm run build` first)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
REPEATS=${2:-1}
DIR=${BENCH_DIR:-/tmp/povrisk-bench}
mkdir -p "$DIR"
FILE="$DIR/ols-$N.csv"
[ -x /usr/bin/time ] || { echo "GNU time is missing: apt-get install -y time" >&2; exit 1; }
[ -f dist/cli/main.js ] || { echo "dist/cli/main.js is missing: npm run build" >&2; exit 1; }
if [ ! -f "$FILE" ]; then
  Rscript bench/ols-data.R "$FILE" "$N"
fi
X=x1,x2,x3,x4,x5,x6,x7,x8,x9,x10

# measure NAME CMD... -> appends "wall_seconds max_rss_kb cpu_seconds" runs to $DIR/NAME.times
measure() {
  local name=$1
  shift
  : >"$DIR/$name.times"
  for _ in $(seq "$REPEATS"); do
    /usr/bin/time -v -o "$DIR/$name.time" "$@" >"$DIR/$name.out"
    awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; w = s }
                /Maximum resident set size/ { r = $2 }
                /User time \(seconds\)|System time \(seconds\)/ { c += $2 }
                END { print w, r, c }' "$DIR/$name.time" >>"$DIR/$name.times"
  done
}

measure povrisk node dist/cli/main.js regress "$FILE" --y y --x "$X" --vce hc1
measure R Rscript bench/ols.R "$FILE"

# best wall time of the repeats, with the peak RSS and CPU time (user + system) of that run
best() { sort -n "$DIR/$1.times" | head -1; }
read -r PW PR PC <<<"$(best povrisk)"
read -r RW RR RC <<<"$(best R)"
SIZE=$(du -m "$FILE" | cut -f1)
echo "OLS, $N rows × 10 regressors + intercept, HC1 standard errors; CSV of $SIZE MB; best of $REPEATS run(s)"
echo "($(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg) at the end; node $(node --version); $(Rscript -e 'cat(R.version.string)'))"
echo
echo "| | wall time (s) | CPU time (s) | peak RSS (MB) |"
echo "|---|---:|---:|---:|"
awk -v w="$PW" -v c="$PC" -v r="$PR" 'BEGIN { printf "| povrisk regress | %.2f | %.2f | %.0f |\n", w, c, r / 1024 }'
awk -v w="$RW" -v c="$RC" -v r="$RR" 'BEGIN { printf "| R: fread + lm + vcovHC | %.2f | %.2f | %.0f |\n", w, c, r / 1024 }'
awk -v pw="$PW" -v rw="$RW" -v pc="$PC" -v rc="$RC" -v pr="$PR" -v rr="$RR" \
  'BEGIN { printf "| ratio povrisk / R | %.2f | %.2f | %.2f |\n", pw / rw, pc / rc, pr / rr }'
