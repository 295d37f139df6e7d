#!/usr/bin/env bash
# Quantile regression at scale: povrisk vs R (data.table::fread + quantreg rq(method = "pfn")
# + summary(se = "nid")), 4 quantiles, y on 8 regressors, whole process from a CSV file.
# Prints a markdown table of wall time and peak RSS (GNU time -v) for each side.
# Usage: bash bench/qreg.sh [ROWS]   (default 1000000; needs `npm run build` and R)
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-1000000}"
DIR="${TMPDIR:-/tmp}/povrisk-bench-qreg"
mkdir -p "$DIR"
DATA="$DIR/qreg-$ROWS.csv"
if [ ! -x /usr/bin/time ]; then apt-get install -y time >/dev/null; fi
[ -f dist/cli/main.js ] || npm run build >/dev/null
[ -f "$DATA" ] || Rscript bench/qreg-data.R "$ROWS" "$DATA"
TAUS=0.3,0.5,0.7,0.9
X=x1,x2,x3,x4,x5,x6,x7,x8

measure() { # label, command...: runs once, prints "label|wall s|peak MB"
  local label="$1"; shift
  /usr/bin/time -v "$@" >"$DIR/$label.out" 2>"$DIR/$label.time"
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$DIR/$label.time" |
    awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$DIR/$label.time")
  echo "$label|$wall|$rss"
}

ours=$(measure povrisk node dist/cli/main.js qreg "$DATA" --y y --x "$X" --tau "$TAUS" --se nid --json)
theirs=$(measure R Rscript bench/qreg.R "$DATA")
IFS='|' read -r _ ow orss <<<"$ours"
IFS='|' read -r _ rw rrss <<<"$theirs"
cores=$(nproc)
echo
echo "Quantile regression, $ROWS rows x 8 regressors, taus $TAUS, nid standard errors ($cores cores, $(date -u +%Y-%m-%d))"
echo
echo "| | wall time (s) | peak memory (MB) |"
echo "| --- | ---: | ---: |"
echo "| povrisk qreg | $ow | $orss |"
echo "| R: fread + rq(method = \"pfn\") + summary(se = \"nid\") | $rw | $rrss |"
awk -v a="$ow" -v b="$rw" -v c="$orss" -v d="$rrss" \
  'BEGIN { printf "| povrisk / R | %.2f | %.2f |\n", a / b, c / d }'
