#!/usr/bin/env bash
# Quick start, command 1: install what is missing, build (release), and run
# `wormwatch analyze` on the demo capture the build generates.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)"
d=build/release/demo
ww=./build/release/wormwatch
echo
echo "\$ wormwatch analyze $d/office.pcap"
status=0
$ww analyze "$d/office.pcap" || status=$?
echo
echo "(exit status $status: 3 = an active infection was seen)"
[ "$status" -lt 64 ] || exit "$status"
$ww analyze --json "$d/office.pcap" >"$d/office.json" || true
echo
echo "\$ wormwatch contain --format nft $d/office.json    # step 2: contain (printed, not applied)"
$ww contain --format nft "$d/office.json"
echo
echo "\$ wormwatch verify --before $d/office.pcap --after $d/office-after.pcap    # step 5: after the clean-up"
vstatus=0
$ww verify --before "$d/office.pcap" --after "$d/office-after.pcap" || vstatus=$?
$ww verify --json --before "$d/office.pcap" --after "$d/office-after.pcap" >"$d/verify.json" || true
$ww contain --json "$d/office.json" >"$d/contain.json" || true
echo "(exit status $vstatus: 0 = every host flagged before is clean after)"
echo
echo "\$ wormwatch report -o $d/incident.html $d/office.json $d/contain.json $d/verify.json"
$ww report -o "$d/incident.html" "$d/office.json" "$d/contain.json" "$d/verify.json"
echo "the incident report: $(pwd)/$d/incident.html (open it in a browser; it prints to PDF)"
