#!/usr/bin/env bash
# The main job: set up, build, compile the shipped example model for Cortex-M4,
# run it in qemu's MPS2 AN386 against the reference computed on the host, print
# the per-layer report and the check's result, and count the instructions of
# one call exactly, against the same model compiled dense.
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

# Exact Cortex-M4 instruction counts of one call, against the same model
# compiled dense (--no-extract: on the Cortex-M4 its int8 matmuls use the
# DSP extension's SMLAD; bench/qemu/icount-plugin.c counts the instructions
# between two marker calls around each kernel).
"$BUILD_DIR/bin/cse-sparse" compile "$MODEL" --target cortex-m4 --no-extract \
  -o "$OUT/dense" >/dev/null
arm-none-eabi-objcopy --redefine-sym mlp=mlp_dense "$OUT/dense/mlp_int8.o" "$OUT/mlp_dense.o"
cat > "$OUT/bench.h" <<EOT
#include "reference.h"
#define BENCH_ROWS (TEST_BATCH * TEST_OUTPUTS)
#define BENCH_VARIANTS 2
void mlp_dense(const int8_t *x, int32_t *y);
__attribute__((noinline)) static void empty_kernel(const int8_t *x, int32_t *y) { (void)x; (void)y; __asm volatile(""); }
typedef void (*kernel_t)(const int8_t *, int32_t *);
static kernel_t volatile bench_empty = empty_kernel;
static kernel_t const bench_kernels[] = {mlp, mlp_dense};
static const char *const bench_names[] = {"cse-sparse", "dense"};
#define bench_x test_x
#define bench_expected test_expected
EOT
cc -shared -fPIC -O2 -o "$OUT/icount-plugin.so" bench/qemu/icount-plugin.c
arm-none-eabi-gcc -mthumb -mcpu=cortex-m4 -mfpu=fpv4-sp-d16 -mfloat-abi=hard -O2 \
  -nostartfiles -Wl,--gc-sections -Wl,--no-warn-execstack -L "$RUNTIME" -T "$RUNTIME/an386.ld" \
  -I "$RUNTIME" -I "$OUT" -include "$OUT/mlp_int8.h" -DBENCH_HEADER='"bench.h"' \
  "$RUNTIME/startup.c" bench/qemu/bench_main.c "$OUT/mlp_int8.o" "$OUT/mlp_dense.o" \
  -o "$OUT/mlp_bench.elf"
NM=/usr/lib/llvm-22/bin/llvm-nm
begin=$($NM "$OUT/mlp_bench.elf" | awk '$3 == "bench_begin" {print $1}')
end=$($NM "$OUT/mlp_bench.elf" | awk '$3 == "bench_end" {print $1}')
timeout 120 qemu-system-arm -M mps2-an386 -display none -monitor none -serial none \
  -semihosting -plugin "$OUT/icount-plugin.so,begin=$begin,end=$end" -d plugin \
  -D "$OUT/icount.log" -kernel "$OUT/mlp_bench.elf" > "$OUT/bench.out" 2>&1 ||
  { echo "run-example: the instruction-count run failed:" >&2; cat "$OUT/bench.out" >&2; exit 1; }
python3 - "$OUT/icount.log" <<'PY'
import re, sys
counts = [int(c) for c in re.findall(r"icount region \d+: (\d+)", open(sys.argv[1]).read())]
ours, dense, empty = counts[0] - counts[2], counts[1] - counts[2], counts[2]
print(f"count    Cortex-M4 instructions per call (batch 4, exact): cse-sparse {ours:,}, "
      f"dense (--no-extract: SMLAD) {dense:,} ({100.0 * (ours / dense - 1):+.1f}%)")
PY
