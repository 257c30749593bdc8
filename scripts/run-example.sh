#!/usr/bin/env bash
# The main job: set up, build, compile the shipped example model for Cortex-M4,
# run it in qemu's MPS2 AN386 against the reference computed on the host, and
# print the per-layer report and the check's result.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
BUILD_DIR=${BUILD_DIR:-build}
OUT=${OUT:-$BUILD_DIR/example}
MODEL=examples/models/mlp_int8.mlir
GEN=(--sizes 256,128,64,10 --bits 4 --density 0.25 --seed 1 --batch 4 --name mlp)
RUNTIME=runtime/mps2
mkdir -p "$OUT"

# The reference: the generator recomputes the shipped model (it must be the
# same file) and its outputs on fixed inputs, in Python integers.
python3 scripts/gen-mlp.py "${GEN[@]}" --test-c "$OUT/reference.h" -o "$OUT/regenerated.mlir"
cmp -s "$OUT/regenerated.mlir" "$MODEL" ||
  { echo "run-example: $MODEL differs from its generator's output" >&2; exit 1; }

"$BUILD_DIR/bin/cse-sparse" compile "$MODEL" --target cortex-m4 -o "$OUT" "$@"

arm-none-eabi-gcc -mthumb -mcpu=cortex-m4 -mfpu=fpv4-sp-d16 -mfloat-abi=hard -O2 \
  -nostartfiles -Wl,--gc-sections -Wl,--no-warn-execstack -L "$RUNTIME" -T "$RUNTIME/an386.ld" \
  -I "$RUNTIME" -I "$OUT" -include "$OUT/reference.h" -include "$OUT/mlp_int8.h" \
  "$RUNTIME/startup.c" "$RUNTIME/check_main.c" "$OUT/mlp_int8.o" -o "$OUT/mlp_int8.elf"
echo "run      qemu-system-arm -M mps2-an386 (Cortex-M4), $OUT/mlp_int8.elf"
RESULT=$(timeout 120 qemu-system-arm -M mps2-an386 -display none -monitor none \
  -serial none -semihosting -kernel "$OUT/mlp_int8.elf" 2>&1) || STATUS=$?
echo "check    $RESULT"
if [ "${STATUS:-0}" -ne 0 ]; then
  echo "run-example: the Cortex-M4 outputs differ from the host reference" >&2
  exit 1
fi
echo "check    passed: every output equals the host reference"
