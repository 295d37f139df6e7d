#!/bin/sh
# Times `povrisk validate` on the simulated panel: N households × W rounds (defaults 1000000 × 3),
# cross-section and history models, with the built-in monitoring rules scored alongside.
#   sh bench/validate.sh [N] [W]        (run `npm run build` first)
# The panel is written once per (N, W) to ${TMPDIR:-/tmp} as Parquet (not timed) and reused.
# Prints /usr/bin/time -v's wall-clock and CPU (user, system) time and peak resident memory per
# model, and the load average before and after each run.
set -eu
N=${1:-1000000}
W=${2:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=${TMPDIR:-/tmp}
DATA="$DIR/povrisk-validate-bench-$N-$W.parquet"
if [ ! -f "$DATA" ]; then
  node "$ROOT/dist/cli/main.js" simulate --households "$N" --waves "$W" --out "$DATA"
fi
date -u; uptime; nproc
for MODEL in cross-section history; do
  echo "povrisk validate $DATA --id household_id --wave wave --income per_capita_income --x head_male,family_size,debt,net_income --line 6000 --model $MODEL --json"
  /usr/bin/time -v node "$ROOT/dist/cli/main.js" validate "$DATA" --id household_id --wave wave \
    --income per_capita_income --x head_male,family_size,debt,net_income --line 6000 \
    --model "$MODEL" --json 2>"$DIR/povrisk-validate-bench.time" >"$DIR/povrisk-validate-bench.json"
  grep -E 'Elapsed|User time|System time|Percent of CPU|Maximum resident|Exit status' "$DIR/povrisk-validate-bench.time"
  uptime
  node -e "const s=require('$DIR/povrisk-validate-bench.json'); for (const p of s.pairs) console.log(p.from + '→' + p.to, 'n', p.n, 'auc', p.auc, 'brier', p.brier)"
done
