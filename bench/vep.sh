#!/bin/sh
# Times `povrisk vep` on a seeded synthetic Parquet file of N households and K regressors.
#   sh bench/vep.sh [N] [K]        (defaults: 10000000 10; run `npm run build` first)
# Prints /usr/bin/time -v's wall-clock time and peak resident memory. The data file is made
# once per (N, K) in ${TMPDIR:-/tmp} and reused.
set -eu
N=${1:-10000000}
K=${2:-10}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=${TMPDIR:-/tmp}
DATA="$DIR/povrisk-vep-bench-$N-$K.parquet"
OUT="$DIR/povrisk-vep-bench-$N-$K-out.parquet"
if [ ! -f "$DATA" ]; then
  node "$ROOT/bench/vep-data.mjs" "$DATA" "$N" "$K"
fi
X=$(seq -s, 1 "$K" | sed 's/\([0-9][0-9]*\)/x\1/g')
echo "povrisk vep $DATA --income income --x $X --line 2563.176 --weights weight --by county --out $OUT --json"
/usr/bin/time -v node "$ROOT/dist/cli/main.js" vep "$DATA" --income income --x "$X" --line 2563.176 \
  --weights weight --by county --out "$OUT" --json 2>"$DIR/povrisk-vep-bench.time" >"$DIR/povrisk-vep-bench.json"
grep -E 'Elapsed|Maximum resident|Exit status' "$DIR/povrisk-vep-bench.time"
grep -v -E '^\s' "$DIR/povrisk-vep-bench.time" | head -5 || true
node -e "const s=require('$DIR/povrisk-vep-bench.json'); console.log('n_used', s.n_used, 'mean v', s.mean_vulnerability, 'vulnerable', s.vulnerability_rate)"
