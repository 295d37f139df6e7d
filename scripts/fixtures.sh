#!/usr/bin/env bash
# Regenerates every R reference fixture (test/fixtures/r/*.R → test/fixtures/ref, test/fixtures/data)
# and fails if any committed file changed or a new one appeared: the committed references are exactly
# what the committed scripts write. Needs R with the packages the README lists; CI does not run it.
# Usage: npm run fixtures            (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v Rscript >/dev/null || { echo "fixtures: Rscript not found (apt-get install r-base-core r-cran-quantreg r-cran-sandwich r-cran-aer r-cran-laeken r-cran-haven r-cran-foreign r-cran-jsonlite r-cran-data.table)" >&2; exit 1; }
failed=0
run() {
  echo "fixtures: $1"
  case "$1" in
    *.R) Rscript "$1" >/dev/null ;;
    *.sh) bash "$1" >/dev/null ;;
  esac || { echo "fixtures: $1 failed" >&2; failed=1; }
}
# Order: the scripts that write .dta/.sav files first, then the one that reads them all back
# (dta-ref.R, which also needs the built CLI for povrisk-written.dta).
for script in test/fixtures/r/*.R; do
  # files sourced by the others write nothing of their own
  if grep -q "^# Shared" "$script"; then continue; fi
  [ "$(basename "$script")" = dta-ref.R ] && continue
  run "$script"
done
for script in test/fixtures/r/*.sh; do [ -e "$script" ] && run "$script"; done
[ -e test/fixtures/r/dta-ref.R ] && run test/fixtures/r/dta-ref.R
# Binary .dta/.sav/.zsav files written by haven, foreign or readstat carry the time they were
# written (Stata's 17-character "dd Mon yyyy hh:mm" header field; SPSS's 9-byte date and 8-byte
# time, bytes 93-109 of a .sav or .zsav). A rewritten binary that differs from the committed one
# in at most 17 bytes is put back; every value read from it is still compared, exactly, through
# test/fixtures/ref/dta/*.json.
for f in $(git diff --name-only -- 'test/fixtures/dta/*.dta' 'test/fixtures/dta/*.sav' 'test/fixtures/dta/*.zsav'); do
  if [ "$(cmp -l <(git show "HEAD:$f") "$f" | wc -l)" -le 17 ]; then git checkout -q -- "$f"; fi
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
