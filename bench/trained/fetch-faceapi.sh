#!/usr/bin/env bash
# Fetches the trained model once: npm's @vladmandic/face-api 1.7.15 (MIT; weights
# from face-api.js by Vincent Muehler, MIT) unpacked into CACHE/package, the same
# cache bench/run-cortex-m.sh fills. Prints the model folder.
# Usage: fetch-faceapi.sh CACHE_DIR
set -euo pipefail
CACHE=${1:?usage: fetch-faceapi.sh CACHE_DIR}
if [ ! -d "$CACHE/package/model" ]; then
  command -v npm >/dev/null ||
    { echo "fetch-faceapi: npm is needed to fetch @vladmandic/face-api (the trained model)" >&2; exit 1; }
  mkdir -p "$CACHE"
  (cd "$CACHE" && npm pack --silent @vladmandic/face-api@1.7.15 >/dev/null &&
    tar xzf vladmandic-face-api-1.7.15.tgz)
fi
echo "$CACHE/package/model"
