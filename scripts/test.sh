#!/usr/bin/env bash
# Set up, build and run every test: GoogleTest unit tests and the lit suite, through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
BUILD_DIR=${BUILD_DIR:-build}
ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$(nproc)"
# The same suite under AddressSanitizer and UndefinedBehaviorSanitizer, then a
# short run of every libFuzzer target (docs/robustness.md). SKIP_SANITIZERS=1
# leaves them out for a quick local loop.
if [ "${SKIP_SANITIZERS:-0}" != 1 ]; then
  bash scripts/test-sanitizers.sh
fi
