#!/usr/bin/env bash
# The whole trained network of examples/faceapi-cnn on the emulated Cortex-M4,
# dense and with cse-sparse compile's defaults (bench/faceapi_cnn.py): exact
# instruction counts, flash, stack and the model's MACs per layer kind.
# Arguments are cse-sparse compile options for both builds (e.g.
# --plan-stack). SKIP_BUILD=1 uses the tools as built. Writes
# build/bench-faceapi-cnn/results.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  bash scripts/build.sh >/dev/null
fi
BUILD_DIR=${BUILD_DIR:-build}
OUT=${OUT:-$BUILD_DIR/bench-faceapi-cnn}
mkdir -p "$OUT"
python3 bench/faceapi_cnn.py --build "$BUILD_DIR" --work "$OUT/work" -- "$@" | tee "$OUT/results.txt"
