#!/usr/bin/env bash
# doorway — set up a Debian 12 machine, build, and run the main job or the tests.
#
#   bash cmake/setup.sh demo    install what is missing, build, run `doorway demo`
#   bash cmake/setup.sh test    install what is missing, build, run every test
#
# Idempotent: apt runs only when a package is missing. Build directory: ./build
# (override with DOORWAY_BUILD_DIR).
set -euo pipefail

mode=${1:-}
case "$mode" in
  demo|test) ;;
  *) echo "usage: bash cmake/setup.sh demo|test" >&2; exit 2 ;;
esac

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${DOORWAY_BUILD_DIR:-$root/build}
jobs=$(nproc 2>/dev/null || echo 2)

packages=(g++ cmake make pkg-config libboost-dev libabsl-dev nlohmann-json3-dev libeigen3-dev zlib1g-dev libsimdjson-dev)
if [ "$mode" = test ]; then
  packages+=(libgtest-dev libgmock-dev libbenchmark-dev abigail-tools python3-pytest python3-numpy chromium)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "doorway setup: installing ${missing[*]}" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 "${missing[@]}" >/dev/null
fi

if [ "$mode" = demo ]; then
  cmake -S "$root" -B "$build" -DDOORWAY_BUILD_TESTS=OFF -DDOORWAY_BUILD_BENCH=OFF -DDOORWAY_BUILD_CLI=ON >/dev/null
  cmake --build "$build" -j "$jobs" --target doorway_cli
  exec "$build/bindings/cli/doorway" demo
fi

cmake -S "$root" -B "$build" -DDOORWAY_BUILD_TESTS=ON -DDOORWAY_BUILD_BENCH=ON -DDOORWAY_BUILD_CLI=ON \
  -DDOORWAY_WERROR=ON >/dev/null
cmake --build "$build" -j "$jobs"
ctest --test-dir "$build" --output-on-failure -j "$jobs"
