#!/usr/bin/env bash
# Builds everything with clang, AddressSanitizer and UndefinedBehaviorSanitizer
# into ${SAN_BUILD_DIR:-build-san}, runs every test there, then runs each
# libFuzzer target for ${FUZZ_SECONDS:-5} seconds from its seed corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
SAN_BUILD_DIR=${SAN_BUILD_DIR:-build-san}
if [ ! -f "$SAN_BUILD_DIR/build.ninja" ]; then
  cmake -G Ninja -S . -B "$SAN_BUILD_DIR" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DCSE_SPARSE_SANITIZE=address,undefined -DCSE_SPARSE_BUILD_FUZZERS=ON \
    -DCSE_SPARSE_BUILD_BENCH=OFF \
    -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir \
    -DLLVM_EXTERNAL_LIT=/usr/lib/llvm-22/bin/lit
fi
ninja -C "$SAN_BUILD_DIR"
# LLVM's and MLIR's process-lifetime singletons are not leaks worth failing on.
# Debian's libMLIR.so is not instrumented while LLVM's allocator headers
# inlined into our code poison arena memory: manual poisoning would then
# report false use-after-poison errors, so it is off (real overflows and
# use-after-free of heap memory are still caught).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1:allow_user_poisoning=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --test-dir "$SAN_BUILD_DIR" --output-on-failure
status=0
for target in fuzz-matrix-readers fuzz-extraction fuzz-ir fuzz-pipeline \
    fuzz-passes; do
  corpus="fuzz/corpus/$target"
  work="$SAN_BUILD_DIR/fuzz-work/$target"
  mkdir -p "$work"
  # Tokens for the text-mutating targets.
  dict=()
  if [ -f "fuzz/dict/$target.dict" ]; then
    dict=(-dict="fuzz/dict/$target.dict")
  fi
  echo "fuzz: $target for ${FUZZ_SECONDS:-5} s"
  # -detect_leaks=0: leaks are not checked (above), and libFuzzer would
  # otherwise run every input that keeps memory (MLIR's contexts do) twice.
  if ! "$SAN_BUILD_DIR/bin/$target" -max_total_time="${FUZZ_SECONDS:-5}" -max_len=4096 \
      -timeout=10 -detect_leaks=0 -print_final_stats=1 "${dict[@]}" \
      -artifact_prefix="$work/" "$work" "$corpus" \
      > "$work/log.txt" 2>&1; then
    echo "fuzz: $target FAILED; the input is in $work (crash-*), the log:" >&2
    tail -60 "$work/log.txt" >&2
    status=1
  else
    grep -E "stat::number_of_executed_units|stat::new_units_added" "$work/log.txt"
  fi
done
exit $status
