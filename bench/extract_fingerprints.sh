#!/usr/bin/env bash
# Fingerprints of extraction results, to show that a change leaves them
# byte-identical: for each matrix and set of options, the SHA-256 of the
# `cse-sparse extract --json` output without its timing, with the additions,
# ECSR bytes and node count. Run it with the builds before and after a change
# and diff the outputs (docs/benchmarks.md, "Extraction time and memory (issue
# 13)").
#
# Usage: bench/extract_fingerprints.sh CSE_SPARSE [MATRIX...]
#   Each MATRIX (say the trained layer of bench/trained/mobilenet_layer.py) is
#   run with seeds 1 to 3, one thread and greedy; synthetic matrices from
#   `cse-sparse gen` cover the matching modes, objectives and a small
#   candidate budget. Takes a minute or two.
set -euo pipefail
bin=${1:?usage: extract_fingerprints.sh CSE_SPARSE [MATRIX...]}
shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

gen() { "$bin" gen "$tmp/$1" "${@:2}" >/dev/null; }
gen w1024.npy --rows 1024 --cols 1024 --density 0.25 --bits 4 --dist peaked --seed 1
gen s256.npy --rows 256 --cols 256 --density 0.25 --bits 4 --dist peaked --seed 3
gen u512.npy --rows 512 --cols 512 --density 0.3 --bits 8 --dist uniform --seed 2
gen p700.npy --rows 700 --cols 500 --density 0.2 --bits 4 --dist peaked-per-channel --seed 5

run() {
  local matrix=$1
  shift
  "$bin" extract "$matrix" "$@" --json "$tmp/out.json" >/dev/null
  echo "$(basename "$matrix") $* : $(python3 - "$tmp/out.json" <<'PY'
import hashlib, json, sys
j = json.load(open(sys.argv[1]))
s = j["stats"]
s.pop("extraction_seconds")
digest = hashlib.sha256(json.dumps(j, sort_keys=True).encode()).hexdigest()[:16]
print(digest, s["additions_after"], s["ecsr_bytes"], s["cses"])
PY
)"
}

for m in "$@"; do
  for seed in 1 2 3; do run "$m" --seed "$seed"; done
  run "$m" --threads 1
  run "$m" --algorithm greedy
done
for seed in 1 7; do run "$tmp/w1024.npy" --seed "$seed"; done
run "$tmp/w1024.npy" --threads 1 --seed 7
for seed in 1 2; do
  run "$tmp/s256.npy" --seed "$seed"
  run "$tmp/s256.npy" --seed "$seed" --match scaled
  run "$tmp/s256.npy" --seed "$seed" --objective ecsr-bytes
  run "$tmp/s256.npy" --seed "$seed" --objective instructions --match scaled
done
run "$tmp/u512.npy" --seed 4
run "$tmp/u512.npy" --seed 4 --max-candidates 1024
run "$tmp/p700.npy" --seed 5 --effort 8
run "$tmp/p700.npy" --seed 5 --max-candidates 1024 --threads 1
run "$tmp/p700.npy" --seed 5 --max-candidates 1024 --threads 2
run "$tmp/p700.npy" --algorithm greedy --match scaled
