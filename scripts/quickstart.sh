#!/usr/bin/env bash
# Quick start, command 1: install what is missing, build (release), and run
# `wormwatch analyze` on the demo capture the build generates.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)"
echo
echo "\$ wormwatch analyze build/release/demo/office.pcap"
status=0
./build/release/wormwatch analyze build/release/demo/office.pcap || status=$?
echo
echo "(exit status $status: 3 = an active infection was seen)"
[ "$status" -lt 64 ]
