#!/usr/bin/env bash
# The whole trained network of examples/faceapi-cnn on the emulated Cortex-M4
# (qemu mps2-an386 + the icount TCG plugin): built dense (--no-extract) and
# with cse-sparse compile's defaults, from the shipped TOSA model; every
# output checked against the host's dense run; prints instructions, flash and
# stack of each build and the share of the model's MACs our kernels execute.
# SKIP_BUILD=1 uses the tools as built. Writes build/bench-faceapi-cnn/.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  bash scripts/build.sh >/dev/null
fi
BUILD_DIR=${BUILD_DIR:-build}
OUT=${OUT:-$BUILD_DIR/bench-faceapi-cnn}
BIN=$BUILD_DIR/bin
LLVM_BIN=/usr/lib/llvm-22/bin
RUNTIME=runtime/mps2
MODEL=examples/faceapi-cnn/faceapi_cnn.mlir
mkdir -p "$OUT"
cc -shared -fPIC -O2 -Wall -o "$OUT/icount-plugin.so" bench/qemu/icount-plugin.c

"$BIN/cse-opt" "$MODEL" --cse-sparse-tosa-to-linalg --cse-sparse-to-llvm=extract=0 |
  "$LLVM_BIN/mlir-runner" -e main -entry-point-result=void \
    -shared-libs="$LLVM_BIN/../lib/libmlir_c_runner_utils.so,$LLVM_BIN/../lib/libmlir_runner_utils.so" \
    >"$OUT/host.txt"
"$BIN/cse-opt" "$MODEL" --symbol-privatize=exclude=faceapi_cnn --symbol-dce -o "$OUT/net.mlir"

# One build: compile, link the checking firmware, count the instructions of
# the one call.
measure() {
  local label=$1
  shift
  "$BIN/cse-sparse" compile "$OUT/net.mlir" -o "$OUT/$label" --name net "$@" >"$OUT/$label.report.txt"
  python3 scripts/entry-check.py "$OUT/$label/net.h" faceapi_cnn "$OUT/host.txt" >"$OUT/$label.c"
  arm-none-eabi-gcc -mthumb -mcpu=cortex-m4 -mfpu=fpv4-sp-d16 -mfloat-abi=hard -O2 -nostartfiles \
    -Wl,--gc-sections -Wl,--no-warn-execstack -L "$RUNTIME" -T "$RUNTIME/an386.ld" -I "$RUNTIME" \
    "$RUNTIME/startup.c" "$OUT/$label.c" "$OUT/$label/net.o" -o "$OUT/$label.elf"
  local begin end
  begin=$("$LLVM_BIN/llvm-nm" "$OUT/$label.elf" | awk '$3 == "bench_begin" {print $1}')
  end=$("$LLVM_BIN/llvm-nm" "$OUT/$label.elf" | awk '$3 == "bench_end" {print $1}')
  timeout 600 qemu-system-arm -M mps2-an386 -display none -monitor none -serial none -semihosting \
    -plugin "$OUT/icount-plugin.so,begin=$begin,end=$end" -d plugin -D "$OUT/$label.icount" \
    -kernel "$OUT/$label.elf" >"$OUT/$label.run.txt" 2>&1
  grep -q "mismatches: 0" "$OUT/$label.run.txt" ||
    { echo "run-faceapi-cnn: the $label build is wrong:" >&2; cat "$OUT/$label.run.txt" >&2; exit 1; }
  local instructions flash stack
  instructions=$(sed -n 's/icount region 0: //p' "$OUT/$label.icount")
  flash=$(sed -n 's/.*: flash \([0-9]*\) bytes.*/\1/p' "$OUT/$label.report.txt")
  stack=$(sed -n 's/.*stack buffers \([0-9]*\) bytes.*/\1/p' "$OUT/$label.report.txt")
  echo "$label instructions $instructions flash $flash stack $stack"
}

{
  measure dense --no-extract
  measure cse-sparse
  echo "MACs per layer kind (examples/faceapi-cnn/make_model.py --stats):"
  python3 examples/faceapi-cnn/make_model.py --from-mlir "$MODEL" --stats
  echo "layers cse-sparse rewrote:"
  grep -c -E '^  (csr|ecsr) ' "$OUT/cse-sparse.report.txt"
} | tee "$OUT/results.txt"
