#!/usr/bin/env bash
# Extraction time and peak memory on adversarial matrices: the figures of
# docs/algorithm.md, "Worst cases and budgets". Prints a Markdown table, one
# row per run (cse-sparse-bench-adversarial, bench/adversarial.cpp). Runs
# without a time limit give up after GIVE_UP seconds (default 1800) and report
# the peak memory so far.
#
# Usage: bench/adversarial.sh [quick]
#   quick: only the 1024 cases (a minute or two).
#   BUILD_DIR (default build), SKIP_BUILD=1 to use what is built, GIVE_UP.
# The full run takes about 25 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
GIVE_UP=${GIVE_UP:-1800}
if [ -z "${SKIP_BUILD:-}" ]; then
  bash scripts/build.sh >/dev/null
fi
BIN="$BUILD_DIR/bin/cse-sparse-bench-adversarial"

runs=(
  "identical --size 1024"
  "pm1 --size 1024"
)
if [ "${1:-}" != quick ]; then
  runs+=(
    "identical --size 2048"
    "pm1 --size 2048"
    "peaked --size 8192 --density 0.25 --bits 4"
    "identical --size 2048 --time-limit 10"
    "pm1 --size 2048 --time-limit 30"
    "peaked --size 8192 --density 0.25 --bits 4 --time-limit 60"
    "peaked --size 8192 --density 0.25 --bits 4 --time-limit 300"
    "identical --size 2048 --max-candidates 1048576"
  )
fi

echo "| matrix | shape | nnz | search | seconds | peak MiB | additions | time limit hit | check |"
echo "|---|---|---|---|---|---|---|---|---|"
status=0
for args in "${runs[@]}"; do
  # shellcheck disable=SC2086
  "$BIN" $args --give-up "$GIVE_UP" || { rc=$?; [ "$rc" -eq 3 ] || status=$rc; }
done
echo
echo "Machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB; identical: every column the same random int8 column; pm1: dense random +-1; peaked: cse-sparse gen --dist peaked (seed 1). Default options (random search, effort 4) unless the search column says otherwise."
exit $status
