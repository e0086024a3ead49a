#!/usr/bin/env bash
# One thread or two, the same answer: the reader thread hands the engine
# the same packets in the same order, so with the hash key fixed the JSON
# reports must be byte for byte the same. Inputs: wwgen's office capture,
# its bench capture (many batches, probes expiring across them), an
# exploit session, and two files merged. Run under ThreadSanitizer by the
# tsan preset. Usage: analyze_threads.sh WORMWATCH WWGEN
set -euo pipefail
ww=$1 gen=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export WORMWATCH_HASH_SEED=7 TZ=UTC
"$gen" office --seed 3 -o "$tmp/office.pcap"
"$gen" bench --seed 3 --packets 300000 --dests 150000 -o "$tmp/bench.pcap"
"$gen" exploits --seed 3 -o "$tmp/exploits.pcap"
"$gen" office --seed 4 -o "$tmp/office4.pcap"
fail=0
check() {
  local name=$1; shift
  local s1=0 s2=0
  "$ww" analyze --json --threads 1 "$@" >"$tmp/$name.1" 2>"$tmp/$name.e1" || s1=$?
  "$ww" analyze --json --threads 2 "$@" >"$tmp/$name.2" 2>"$tmp/$name.e2" || s2=$?
  if [ "$s1" != "$s2" ] || ! cmp -s "$tmp/$name.1" "$tmp/$name.2"; then
    echo "FAIL $name: --threads 1 (status $s1) and --threads 2 (status $s2) differ"
    diff "$tmp/$name.1" "$tmp/$name.2" | head -20
    fail=1
    return
  fi
  # the check compares real reports, not two empty outputs
  if ! grep -q '"verdict": *"infected"' "$tmp/$name.1"; then
    echo "FAIL $name: no infected host in the report"
    fail=1
    return
  fi
  echo "ok   $name (status $s1, $(wc -c <"$tmp/$name.1") bytes)"
}
check office "$tmp/office.pcap"
check bench "$tmp/bench.pcap"
check exploits "$tmp/exploits.pcap"
check merged "$tmp/office.pcap" "$tmp/office4.pcap"
if "$ww" analyze --threads 3 "$tmp/office.pcap" >/dev/null 2>&1; then
  echo "FAIL --threads 3 was accepted"; fail=1
fi
exit $fail
