#!/usr/bin/env bash
# Runs the extraction sweep and prints the Markdown table that docs/benchmarks.md quotes.
# Usage: bench/run.sh [extra flags for cse-sparse-bench-extract]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh > /dev/null
BUILD_DIR=${BUILD_DIR:-build}
"$BUILD_DIR/bin/cse-sparse-bench-extract" "$@"
