#!/bin/sh
# Times `povrisk vep` against R on a seeded synthetic file of N households and K regressors.
#   sh bench/vep.sh [N] [K] [csv|parquet]   (defaults: 10000000 10 csv; run `npm run build` first)
# csv (the issue's benchmark): reads a CSV and writes the per-household CSV; R does the same
# with data.table::fread, lm.wfit and fwrite (bench/vep.R). parquet: povrisk alone, Parquet in
# and out. Prints /usr/bin/time -v's wall-clock time, CPU time and peak resident memory of
# each, their ratios, and the machine's load average (on a busy machine the CPU-time ratio is
# the steadier one). The data file is made once per (N, K) in
# ${TMPDIR:-/tmp} and reused.
set -eu
N=${1:-10000000}
K=${2:-10}
FORMAT=${3:-csv}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=${TMPDIR:-/tmp}
BASE="$DIR/povrisk-vep-bench-$N-$K"
if [ ! -f "$BASE.parquet" ]; then
  node "$ROOT/bench/vep-data.mjs" "$BASE.parquet" "$N" "$K"
fi
if [ "$FORMAT" = csv ] && [ ! -f "$BASE.csv" ]; then
  node -e "const {DuckDBInstance}=require('@duckdb/node-api');(async()=>{const d=await DuckDBInstance.create(':memory:');const c=await d.connect();await c.run(\"COPY (SELECT * FROM '$BASE.parquet') TO '$BASE.csv' (FORMAT csv, HEADER true)\");})()"
fi
DATA="$BASE.$FORMAT"
OUT="$BASE-out.$FORMAT"
X=$(seq -s, 1 "$K" | sed 's/\([0-9][0-9]*\)/x\1/g')
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "povrisk vep $DATA --income income --x $X --line 2563.176 --weights weight --by county --out $OUT --json"
/usr/bin/time -v node "$ROOT/dist/cli/main.js" vep "$DATA" --income income --x "$X" --line 2563.176 \
  --weights weight --by county --out "$OUT" --json 2>"$DIR/povrisk-vep-bench.time" >"$DIR/povrisk-vep-bench.json"
grep -E 'Elapsed|Maximum resident|Exit status' "$DIR/povrisk-vep-bench.time"
node -e "const s=require('$DIR/povrisk-vep-bench.json'); console.log('n_used', s.n_used, 'mean v', s.mean_vulnerability, 'vulnerable', s.vulnerability_rate)"
if [ "$FORMAT" = csv ]; then
  echo "Rscript bench/vep.R $DATA $BASE-out-r.csv $K 2563.176"
  /usr/bin/time -v Rscript "$ROOT/bench/vep.R" "$DATA" "$BASE-out-r.csv" "$K" 2563.176 2>"$DIR/povrisk-vep-bench-r.time"
  grep -E 'Elapsed|Maximum resident|Exit status' "$DIR/povrisk-vep-bench-r.time"
  secs() { grep Elapsed "$1" | sed 's/.*: //' | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }'; }
  P=$(secs "$DIR/povrisk-vep-bench.time")
  R=$(secs "$DIR/povrisk-vep-bench-r.time")
  echo "povrisk $P s, R $R s: ratio $(echo "$P $R" | awk '{ printf "%.2f", $1 / $2 }')"
  cpu() { awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.1f", s }' "$1"; }
  mem() { awk -F': ' '/Maximum resident/ { printf "%.2f", $2 / 1048576 }' "$1"; }
  PC=$(cpu "$DIR/povrisk-vep-bench.time")
  RC=$(cpu "$DIR/povrisk-vep-bench-r.time")
  PM=$(mem "$DIR/povrisk-vep-bench.time")
  RM=$(mem "$DIR/povrisk-vep-bench-r.time")
  echo "CPU (user + system): povrisk $PC s, R $RC s: ratio $(echo "$PC $RC" | awk '{ printf "%.2f", $1 / $2 }')"
  echo "peak memory: povrisk $PM GiB, R $RM GiB: ratio $(echo "$PM $RM" | awk '{ printf "%.2f", $1 / $2 }')"
fi
if [ "$FORMAT" = csv ]; then
  echo "where povrisk's time goes (bench/vep-phases.mjs, the same steps as the CLI, one phase at a time):"
  node "$ROOT/bench/vep-phases.mjs" "$DATA" "$BASE-out-phases.csv" "$K"
  cmp -s "$BASE-out-phases.csv" "$OUT" && echo "(its output is the CLI's, byte for byte)"
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
