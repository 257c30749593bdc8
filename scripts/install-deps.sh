#!/usr/bin/env bash
# Installs every Debian package cse-sparse needs to build, test and run on a fresh Debian 12
# machine. Idempotent: packages already present are left alone and apt-get update runs once.
set -euo pipefail

packages=(
  # Build
  cmake ninja-build g++ git python3
  # LLVM/MLIR 22 (Debian bookworm-security ships 22.1.x)
  libmlir-22-dev mlir-22-tools llvm-22-dev llvm-22-tools clang-22 lld-22
  # Sanitizer and libFuzzer runtimes (scripts/test-sanitizers.sh)
  libclang-rt-22-dev
  # Tests
  googletest libgtest-dev libbenchmark-dev
  # Embedded: Cortex-M toolchain and emulator
  qemu-system-arm gcc-arm-none-eabi libnewlib-arm-none-eabi
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
