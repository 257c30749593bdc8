#!/usr/bin/env bash
# Runs every benchmark and rewrites the generated regions of docs/benchmarks.md:
# the machine, the extraction sweep, extraction time against size (table and
# docs/img/extraction-time.svg), the Cortex-M4 instruction counts of matrices
# and of two trained convolution layers.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh >/dev/null
BUILD_DIR=${BUILD_DIR:-build}
OUT=${OUT:-$BUILD_DIR/bench-all}
mkdir -p "$OUT"

cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1)
mem=$(free -g | awk '/^Mem:/ {print $2}')
llvm=$(/usr/lib/llvm-22/bin/llvm-config --version)
qemu=$(qemu-system-arm --version | sed -n 's/^QEMU emulator version \([^ ]*\).*/\1/p')
cat > "$OUT/machine.md" <<EOT
Machine: ${cpu}, $(nproc) cores, ${mem} GiB, $(. /etc/os-release && echo "$PRETTY_NAME" | sed 's/ GNU\/Linux//'); release build (\`-O3\`), LLVM ${llvm} from
Debian, QEMU ${qemu}.
EOT

echo "run-all: extraction sweep (about 10 minutes)"
"$BUILD_DIR/bin/cse-sparse-bench-extract" | sed -n '/^| size/,/^$/p' | sed '/^$/d' > "$OUT/sweep.md"
echo "run-all: extraction time against size"
python3 bench/extraction_scaling.py --build "$BUILD_DIR" --work "$OUT/scaling" \
  --markdown "$OUT/scaling.md" --svg docs/img/extraction-time.svg >/dev/null
echo "run-all: Cortex-M4 instruction counts"
OUT="$OUT/cortex-m" bash bench/run-cortex-m.sh >/dev/null
python3 - "$OUT/cortex-m/results.md" "$OUT" <<'PY'
import sys
text = open(sys.argv[1]).read().split("\n\n")
open(sys.argv[2] + "/cortex-instructions.md", "w").write(text[0].strip() + "\n")
open(sys.argv[2] + "/cortex-sizes.md", "w").write(text[1].strip() + "\n")
PY
echo "run-all: Cortex-M4 convolutions"
OUT="$OUT/conv" SKIP_BUILD=1 bash bench/run-conv.sh >/dev/null
python3 bench/update_docs.py docs/benchmarks.md machine="$OUT/machine.md" \
  extraction-sweep="$OUT/sweep.md" extraction-scaling="$OUT/scaling.md" \
  cortex-m-instructions="$OUT/cortex-instructions.md" cortex-m-sizes="$OUT/cortex-sizes.md" \
  conv-cortex-m4="$OUT/conv/results.md"
echo "run-all: docs/benchmarks.md updated (review the prose against the new figures)"
