#!/usr/bin/env bash
# Cortex-M4 instruction counts (qemu mps2-an386 + the icount TCG plugin) of two
# trained convolution layers, a pointwise and a 3x3 one, lowered dense by
# upstream MLIR and by cse-sparse (default cost model, and the sparse kernel
# forced), and of three trained depthwise layers with upstream's loops and
# with the DSP kernel; every output is checked against a Python reference.
# Writes build/bench-conv/results.{json,md} and depthwise.{json,md}.
# SKIP_BUILD=1 uses the tools as built.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  bash scripts/build.sh >/dev/null
fi
BUILD_DIR=${BUILD_DIR:-build}
OUT=${OUT:-$BUILD_DIR/bench-conv}
mkdir -p "$OUT"
MODEL_DIR=$(bash bench/trained/fetch-faceapi.sh "$BUILD_DIR/bench-cache")
python3 bench/conv_layers.py --build "$BUILD_DIR" --model-dir "$MODEL_DIR" \
  --work "$OUT/work" --json "$OUT/results.json" --markdown "$OUT/results.md"
python3 bench/depthwise_layers.py --build "$BUILD_DIR" --model-dir "$MODEL_DIR" \
  --work "$OUT/depthwise-work" --json "$OUT/depthwise.json" --markdown "$OUT/depthwise.md"
echo "wrote $OUT/results.{json,md} and $OUT/depthwise.{json,md}"
