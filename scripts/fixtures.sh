#!/usr/bin/env bash
# Regenerates every R reference fixture (test/fixtures/r/*.R → test/fixtures/ref, test/fixtures/data)
# and fails if any committed file changed or a new one appeared: the committed references are exactly
# what the committed scripts write. Needs R with the packages the README lists; CI does not run it.
# Usage: npm run fixtures            (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v Rscript >/dev/null || { echo "fixtures: Rscript not found (apt-get install r-base-core r-cran-quantreg r-cran-sandwich r-cran-aer r-cran-laeken r-cran-haven r-cran-foreign r-cran-jsonlite r-cran-data.table)" >&2; exit 1; }
failed=0
for script in test/fixtures/r/*.R; do
  # files sourced by the others write nothing of their own
  if grep -q "^# Shared" "$script"; then continue; fi
  echo "fixtures: $script"
  if ! Rscript "$script" >/dev/null; then echo "fixtures: $script failed" >&2; failed=1; fi
done
for script in test/fixtures/r/*.sh; do
  [ -e "$script" ] || continue
  echo "fixtures: $script"
  bash "$script" >/dev/null || { echo "fixtures: $script failed" >&2; failed=1; }
done
changes=$(git status --porcelain -- test/fixtures)
if [ -n "$changes" ]; then
  echo "fixtures: the regenerated references differ from the committed ones:" >&2
  echo "$changes" >&2
  git --no-pager diff --stat -- test/fixtures >&2
  exit 1
fi
[ "$failed" -eq 0 ] || exit 1
echo "fixtures: every reference is exactly what its script writes"
