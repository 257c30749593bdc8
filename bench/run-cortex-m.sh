#!/usr/bin/env bash
# Cortex-M4 instruction counts (qemu mps2-an386 + the icount TCG plugin) of
# dense, plain CSR (C) and cse-sparse kernels on synthetic matrices and on the
# trained face-api expression model's layers. Writes build/bench-cortex-m/*.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh >/dev/null
BUILD_DIR=${BUILD_DIR:-build}
OUT=${OUT:-$BUILD_DIR/bench-cortex-m}
GEN="$BUILD_DIR/bin/cse-sparse gen"
mkdir -p "$OUT/matrices"
specs=()
for size in 128 256 512; do
  for density in 0.1 0.25 0.5; do
    f="$OUT/matrices/peaked_i4_${size}_d${density}.npy"
    $GEN "$f" --rows $size --cols $size --density $density --bits 4 --dist peaked --seed 1 >/dev/null
    specs+=("peaked i4 ${size} d=${density}=$f")
  done
done
for dist in uniform peaked; do
  f="$OUT/matrices/${dist}_i8_256_d0.25.npy"
  $GEN "$f" --rows 256 --cols 256 --density 0.25 --bits 8 --dist $dist --seed 1 >/dev/null
  specs+=("${dist} i8 256 d=0.25=$f")
done
f="$OUT/matrices/uniform_i4_256_d0.25.npy"
$GEN "$f" --rows 256 --cols 256 --density 0.25 --bits 4 --dist uniform --seed 1 >/dev/null
specs+=("uniform i4 256 d=0.25=$f")
f="$OUT/matrices/peaked_i4_1024_d0.05.npy"
$GEN "$f" --rows 1024 --cols 1024 --density 0.05 --bits 4 --dist peaked --seed 1 >/dev/null
specs+=("peaked i4 1024 d=0.05=$f")

# The trained model: npm's @vladmandic/face-api (MIT), cached.
MODEL_DIR=$(bash bench/trained/fetch-faceapi.sh "$BUILD_DIR/bench-cache")
for bits in 4 8; do
  python3 bench/trained/faceapi_layers.py "$MODEL_DIR" "$OUT/matrices" --density 0.25 --bits $bits >/dev/null
  for layer in conv1 conv2 conv3; do
    specs+=("face-api ${layer} i${bits} d=0.25=$OUT/matrices/${layer}_d0.25_i${bits}.npy")
  done
done

python3 bench/cortex_m.py --build "$BUILD_DIR" --work "$OUT/work" --json "$OUT/results.json" \
  --markdown "$OUT/results.md" "${specs[@]}"
echo "wrote $OUT/results.json and $OUT/results.md"
