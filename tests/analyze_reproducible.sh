#!/usr/bin/env bash
# The same capture, the same report, whatever the hash keys: the tables'
# keys are random per process (WORMWATCH_HASH_SEED fixes them), and no
# verdict, count or line of the report may depend on them. Each capture is
# judged with a random key and a fixed one, wwgen's office captures with
# twenty fixed keys and a second random one (their P2P user's flows fill
# nDPI's flow cache, whose sets once followed the random key and changed
# its count one run in a hundred); all reports must be byte for byte the
# same.
# Inputs: wwgen's office capture (two seeds) and every capture in
# ../shared/data/captures when ../shared is there.
# Usage: analyze_reproducible.sh WORMWATCH WWGEN [SHARED_DATA]
set -uo pipefail
ww=$1 gen=$2 data=${3:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export TZ=UTC
"$gen" office --seed 3 -o "$tmp/office3.pcap" || exit 1
"$gen" office --seed 5 -o "$tmp/office5.pcap" || exit 1
files=("$tmp/office3.pcap" "$tmp/office5.pcap")
if [ -n "$data" ] && [ -d "$data/captures" ]; then
  while IFS= read -r f; do files+=("$f"); done < <(find "$data/captures" -type f \
    \( -name '*.pcap' -o -name '*.pcapng' -o -name '*.cap' -o -name '*.pcap.gz' \) | sort)
else
  echo "note: ../shared/data is absent: only wwgen's captures are judged"
fi
fail=0 n=0
for f in "${files[@]}"; do
  unset WORMWATCH_HASH_SEED
  "$ww" analyze "$f" >"$tmp/want" 2>/dev/null
  want=$?
  seeds="1"
  case $f in "$tmp"/*)
    seeds="$(seq 1 20) random"
    grep -q 'libndpi identified' "$tmp/want" || { echo "FAIL $f: nDPI named no flow"; fail=1; } ;;
  esac
  for seed in $seeds; do
    if [ $seed = random ]; then unset WORMWATCH_HASH_SEED; else export WORMWATCH_HASH_SEED=$seed; fi
    "$ww" analyze "$f" >"$tmp/got" 2>/dev/null
    got=$?
    if [ $got != $want ] || ! cmp -s "$tmp/want" "$tmp/got"; then
      echo "FAIL $f: hash seed $seed gives another report (status $got, first run $want)"
      diff "$tmp/want" "$tmp/got" | head -10
      fail=1
      break
    fi
  done
  [ -s "$tmp/want" ] || { echo "FAIL $f: empty report"; fail=1; }
  n=$((n + 1))
done
[ $fail = 0 ] && echo "analyze.reproducible: $n captures, each judged with several hash keys: the same reports" ||
  echo "analyze.reproducible: FAILED"
exit $fail
