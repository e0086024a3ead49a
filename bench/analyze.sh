#!/usr/bin/env bash
# Benchmark `wormwatch analyze` against `tcpdump -r FILE -w /dev/null` (libpcap
# reading the same file and writing it nowhere) on two generated mixes of
# 2,000,000 packets each:
#  - the SYN-heavy mix (wwgen bench): worms scan 1,100,000 distinct
#    destinations between web sessions and BitTorrent;
#  - the office mix (wwgen officemix): web, TLS, SMB2, DNS, BitTorrent and
#    LAN chatter, mostly full-size data segments and their ACKs, written
#    twice: cut to a snaplen of 256 bytes and at full size.
# For each file, runs alternate (tcpdump, wormwatch, wormwatch --threads 1,
# tcpdump, ...) so that all see the same machine state; prints each time,
# the median ratio of the default run (a reader thread beside the engine's
# on a machine with two cores) to tcpdump, and packets per second. For the
# SYN-heavy mix also packets per second on one core (--threads 1: reading,
# decoding and the engine on one thread) and wormwatch's peak RSS, then the
# memory run: 4,000,000 packets, 2,000,000 distinct destinations, peak RSS
# against the 256 MB goal. Last, the ratios of all three files together.
# Usage: bench/analyze.sh [runs]   (build with the release preset first)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
bin=build/release
[ -x $bin/wormwatch ] && [ -x $bin/wwgen ] || { echo "build the release preset first: cmake --preset release && cmake --build --preset release" >&2; exit 1; }
command -v tcpdump >/dev/null || { echo "tcpdump is needed (scripts/install-deps.sh)" >&2; exit 1; }
tmp=${TMPDIR:-/tmp}/wormwatch-bench
mkdir -p "$tmp"
packets=2000000
cap=$tmp/bench-2M.pcap
[ -f "$cap" ] || $bin/wwgen bench --seed 1 --packets $packets --dests 1100000 -o "$cap" --truth "$tmp/bench-2M.truth"
office256=$tmp/officemix-2M-snap256.pcap
office=$tmp/officemix-2M-full.pcap
[ -f "$office256" ] || $bin/wwgen officemix --seed 1 --packets $packets --snaplen 256 -o "$office256" --truth "$tmp/officemix-2M.truth"
[ -f "$office" ] || $bin/wwgen officemix --seed 1 --packets $packets -o "$office" --truth "$tmp/officemix-2M.truth"

now() { date +%s.%N; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
threads=$( [ "$(nproc)" -ge 2 ] && echo 2 || echo 1)

# bench_file LABEL FILE: the alternating runs; sets mt, mw, mo (medians)
bench_file() {
  local label=$1 f=$2 i s e
  local t_tcpdump=() t_ww=() t_one=()
  echo "== $label: $f ($(du -m "$f" | cut -f1) MB)"
  cat "$f" >/dev/null # all start from a warm page cache
  for i in $(seq "$runs"); do
    s=$(now); tcpdump -r "$f" -w /dev/null 2>/dev/null; e=$(now)
    t_tcpdump+=("$(echo "$e - $s" | bc -l)")
    s=$(now); $bin/wormwatch analyze "$f" >/dev/null 2>&1 || true; e=$(now)
    t_ww+=("$(echo "$e - $s" | bc -l)")
    s=$(now); $bin/wormwatch analyze --threads 1 "$f" >/dev/null 2>&1 || true; e=$(now)
    t_one+=("$(echo "$e - $s" | bc -l)")
    printf 'run %d: tcpdump %.3f s, wormwatch %.3f s, wormwatch --threads 1 %.3f s\n' "$i" \
      "${t_tcpdump[-1]}" "${t_ww[-1]}" "${t_one[-1]}"
  done
  mt=$(median "${t_tcpdump[@]}") mw=$(median "${t_ww[@]}") mo=$(median "${t_one[@]}")
  printf 'median: tcpdump %.3f s, wormwatch %.3f s (%d threads), ratio wormwatch/tcpdump %.2f (goal: at most 1)\n' \
    "$mt" "$mw" "$threads" "$(echo "$mw / $mt" | bc -l)"
  printf 'wormwatch: %.2f million packets/s; on one core (--threads 1, %.3f s): %.2f million packets/s; tcpdump: %.2f million packets/s\n' \
    "$(echo "$packets / $mw / 1000000" | bc -l)" "$mo" "$(echo "$packets / $mo / 1000000" | bc -l)" \
    "$(echo "$packets / $mt / 1000000" | bc -l)"
}

bench_file "SYN-heavy mix (wwgen bench, 2,000,000 packets, 1,100,000 worm destinations)" "$cap"
r_syn=$(echo "$mw / $mt" | bc -l)
echo "one-core goal on the SYN-heavy mix: 4 million packets/s"
/usr/bin/time -f '%M' -o "$tmp/rss" $bin/wormwatch analyze "$cap" >/dev/null 2>&1 || true
rss=$(tail -1 "$tmp/rss")
echo "wormwatch peak RSS on this capture: $((rss / 1024)) MB"

bench_file "office mix, snaplen 256 (wwgen officemix, 2,000,000 packets)" "$office256"
r_o256=$(echo "$mw / $mt" | bc -l)
bench_file "office mix, full size (wwgen officemix, 2,000,000 packets)" "$office"
r_ofull=$(echo "$mw / $mt" | bc -l)

big=$tmp/bench-4M.pcap
[ -f "$big" ] || $bin/wwgen bench --seed 2 --packets 4000000 --dests 2000000 -o "$big" --truth "$tmp/bench-4M.truth"
/usr/bin/time -f '%M' -o "$tmp/rss" $bin/wormwatch analyze "$big" >/dev/null 2>&1 || true
rss=$(tail -1 "$tmp/rss")
echo "memory: 4,000,000 packets, 2,000,000 distinct destinations: peak RSS $((rss / 1024)) MB (goal: at most 256 MB)"

echo "== ratio wormwatch/tcpdump (median of $runs alternating runs; goal: at most 1.0 on every mix)"
printf '  SYN-heavy mix                %.2f\n' "$r_syn"
printf '  office mix, snaplen 256      %.2f\n' "$r_o256"
printf '  office mix, full size        %.2f\n' "$r_ofull"
