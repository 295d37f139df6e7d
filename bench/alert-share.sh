#!/usr/bin/env bash
# The alert share of the simulated panel under the default monitoring rules, measured through the
# CLI as an office would see it: for each seed, `povrisk simulate --waves W`, then per round
# `povrisk monitor import` / `monitor run` (default rules) on a fresh DuckDB store, then
# `monitor alerts --wave K --json` and `monitor summary --json`. Prints, per seed and round, the
# share of households with an alert raised for the round (any rule), the share each rule flags,
# the share with an open case (flagged, verified or monitored) after the run — nobody works the
# cases here, so every case opened so far is still open — and the open alerts (alerts of open
# cases, `alerts_open` of `monitor summary`) per household.
# Usage: bench/alert-share.sh [HOUSEHOLDS] [WAVES] [SEEDS]
#        (defaults 20000, 3, "1 2 3 4 5 6 7 8 9 10 2020"; run `npm run build` first)
set -euo pipefail
N=${1:-20000}
W=${2:-3}
SEEDS=${3:-"1 2 3 4 5 6 7 8 9 10 2020"}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
POVRISK="node $ROOT/dist/cli/main.js"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/povrisk-alert-share.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
RULES="high_vulnerability low_income income_drop new_shock high_expenditure"

echo "alert share, default rules: $N households × $W rounds, $(date -u +%Y-%m-%dT%H:%MZ)"
printf '%-5s %-5s %7s' seed round alert
for r in $RULES; do printf ' %18s' "$r"; done
printf ' %10s %12s\n' open_case open_alerts
for seed in $SEEDS; do
  DB="$WORK/s$seed.duckdb"
  PANEL="$WORK/panel.csv"
  $POVRISK simulate --households "$N" --seed "$seed" --waves "$W" --out "$PANEL" > /dev/null 2> "$WORK/simulate.err" ||
    { cat "$WORK/simulate.err" >&2; exit 1; }
  for ((k = 1; k <= W; k++)); do
    $POVRISK monitor import "$PANEL" --db "$DB" --wave "$k" --date "$((2020 + k))-06-30" --user bench > /dev/null
    $POVRISK monitor run --db "$DB" --wave "$k" --user bench > /dev/null
    $POVRISK monitor alerts --db "$DB" --wave "$k" --json --user bench > "$WORK/alerts.json"
    $POVRISK monitor summary --db "$DB" --json --user bench > "$WORK/summary.json"
    node -e '
      const fs = require("fs");
      const [alertsFile, summaryFile, seed, round, n, rules] = process.argv.slice(1);
      const alerts = JSON.parse(fs.readFileSync(alertsFile, "utf8"));
      const summary = JSON.parse(fs.readFileSync(summaryFile, "utf8"));
      const pct = (x) => (100 * x / Number(n)).toFixed(2) + "%";
      const households = (list) => new Set(list.map((a) => a.household_id)).size;
      let line = `${seed.padEnd(5)} ${round.padEnd(5)} ${pct(households(alerts)).padStart(7)}`;
      for (const rule of rules.split(" "))
        line += " " + pct(households(alerts.filter((a) => a.rule === rule))).padStart(18);
      const c = summary.cases_by_status;
      if (summary.households !== Number(n)) throw new Error(`${summary.households} households, not ${n}`);
      line += " " + pct(c.flagged + c.verified + c.monitored).padStart(10);
      line += " " + (summary.alerts_open / Number(n)).toFixed(3).padStart(12);
      console.log(line);
    ' "$WORK/alerts.json" "$WORK/summary.json" "$seed" "$k" "$N" "$RULES"
  done
  rm -f "$DB" "$DB.wal"
done
