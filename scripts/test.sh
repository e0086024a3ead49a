#!/usr/bin/env bash
# Quick start, command 2: every test. Installs what is missing, then builds
# and runs the whole suite twice: the dev preset (-Werror) and the asan
# preset (AddressSanitizer + UndefinedBehaviorSanitizer); then the
# two-thread analyze test under ThreadSanitizer (tsan preset).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
jobs=$(nproc)
for preset in dev asan; do
  echo "== $preset: configure and build"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j"$jobs"
  echo "== $preset: test"
  ctest --preset "$preset" -j"$jobs"
done
echo "== tsan: configure, build and test (the reader/engine hand-over)"
cmake --preset tsan >/dev/null
cmake --build --preset tsan -j"$jobs"
ctest --preset tsan
