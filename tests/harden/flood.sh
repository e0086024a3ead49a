#!/bin/sh
# Issue 14 point 1: a full host table must not blind the detector. wwgen's
# flood scenario (200,000 spoofed one-SYN sources from the home range, then
# a worm sweeping 445), and the same as a router log and a connection table
# (tests/harden/flood_text.py): analyze, logs and nat must call 10.9.0.23
# infected, raise table pressure, count exactly what was evicted
# (200,303 judged hosts - 131,072 = 69,231, all of one contact; the
# per-host router table: 200,001 inside sources - 65,536 = 134,465) and stay
# under the documented memory bound (256 MB peak RSS); nat --watch prints a
# live table-pressure alert line.
set -u
WW=$1
GEN=$2
SRC=$3
MB=${4:-256} # the bound on peak RSS (sanitizer builds: more)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }
has() { grep -q -- "$2" "$T/out" && ok "$1: '$2'" || { bad "$1: no '$2'"; head -3 "$T/out"; }; }
command -v python3 >/dev/null || { echo "skipped: no python3"; exit 77; }
"$GEN" flood -o "$T/flood.pcap" --truth "$T/flood.tsv" || { bad "wwgen flood"; exit 1; }
python3 "$SRC/tests/harden/flood_text.py" log "$T/flood.log"
python3 "$SRC/tests/harden/flood_text.py" ct "$T/flood.ct"
rss() { /usr/bin/time -f '%M' -o "$T/rss" "$@" >"$T/out" 2>"$T/err"; }

rss "$WW" analyze "$T/flood.pcap"
rc=$?
[ "$rc" = 3 ] && ok "analyze: exit 3" || bad "analyze: exit $rc"
has analyze 'INFECTED  10.9.0.23'
has analyze 'hosts_evicted=69231 hosts_evicted_one_contact=69231'
has analyze 'hosts_judged=131072'
has analyze 'table pressure: the host table was full (131072 hosts) from 2026-03-02T09:00:02.843980Z: 69231 hosts were evicted'
kb=$(tail -1 "$T/rss")
[ "$kb" -lt $((MB * 1024)) ] && ok "analyze: peak RSS $((kb / 1024)) MB < $MB MB" || bad "analyze: peak RSS $((kb / 1024)) MB"
grep -q 'hosts_untracked' "$T/out" && bad "analyze: hosts refused" || ok "analyze: no host refused"

rss "$WW" logs "$T/flood.log"
rc=$?
[ "$rc" = 3 ] && ok "logs: exit 3" || bad "logs: exit $rc"
has logs 'INFECTED  10.9.0.23'
has logs 'hosts_evicted=69230 hosts_evicted_one_contact=69230'
has logs 'table pressure: the per-host table was full (65536 hosts) from 2026-03-02T09:00:01.000000Z: 134465 hosts were evicted to make room, 134465 of them seen once'
has logs 'addr=10.9.0.23 entries=300 dropped=300 destinations=300'
kb=$(tail -1 "$T/rss")
[ "$kb" -lt $((MB * 1024)) ] && ok "logs: peak RSS $((kb / 1024)) MB < $MB MB" || bad "logs: peak RSS $((kb / 1024)) MB"

rss "$WW" nat "$T/flood.ct"
rc=$?
[ "$rc" = 3 ] && ok "nat: exit 3" || bad "nat: exit $rc"
has nat 'INFECTED  10.9.0.23'
has nat 'inside_hosts=65536 inside_hosts_evicted=134465'
has nat 'table pressure: the per-host table was full (65536 hosts): 134465 hosts were evicted'
kb=$(tail -1 "$T/rss")
[ "$kb" -lt $((MB * 1024)) ] && ok "nat: peak RSS $((kb / 1024)) MB < $MB MB" || bad "nat: peak RSS $((kb / 1024)) MB"

"$WW" nat --watch 1 "$T/flood.ct" -- >"$T/out" 2>"$T/err"
grep -q 'wormwatch: ALERT .* table pressure: the host table is full (131072 hosts): 69230 hosts evicted' "$T/err" \
	&& ok "nat --watch: live table-pressure alert" || { bad "nat --watch: no alert line"; head -3 "$T/err"; }
exit $fail
