#!/usr/bin/env bash
# The main job: set up, build, and extract CSEs from the shipped example matrix.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
BUILD_DIR=${BUILD_DIR:-build}
"$BUILD_DIR/bin/cse-sparse" extract examples/matrices/peaked_int4_256.npy "$@"
