#!/bin/sh
# Memory per judged host in a judge (docs/cluster.md, sizing): one
# partition, a generated firewall log in which H distinct inside hosts
# (10.0.0.0/8) each make two connection attempts, judged by one judge with
# room for every host; the judge's peak RSS (VmHWM) for H = 1,000 and for
# H = HOSTS (default 200,000): the difference over the hosts added is the
# memory a host costs (engine state, the per-host record counts, the
# merge's share), the first figure the fixed cost of a judge and its
# partition's engine.
# Usage: bench/cluster_hostmem.sh [HOSTS]
set -eu
cd "$(dirname "$0")/.."
hosts=${1:-200000}
bin=build/release
[ -x $bin/wormwatch ] || bin=build/dev
WW=$PWD/$bin/wormwatch
. tests/cluster/nats3.sh
T=$(mktemp -d "${TMPDIR:-/tmp}/wwhostmem.XXXXXX")
JP=""
cleanup() { for p in $JP; do kill -9 "$p" 2>/dev/null || true; done; nats3_stop; rm -rf "$T"; }
trap cleanup EXIT INT TERM

gen() {
	python3 - "$1" "$2" <<'EOP'
import sys
n = int(sys.argv[1])
with open(sys.argv[2], "w") as f:
    for i in range(n):
        a, b, c = (i >> 16) & 255, (i >> 8) & 255, i & 255
        for k in range(2):
            s = (i * 2 + k) // 1000
            f.write("Mar  2 09:%02d:%02d gw kernel: [1.0] DROP IN=eth1 OUT=eth0 SRC=10.%d.%d.%d "
                    "DST=198.51.%d.%d LEN=44 PROTO=TCP SPT=%d DPT=445 WINDOW=2048 RES=0x00 SYN URGP=0\n"
                    % ((s // 60) % 60, s % 60, a, b, c, k, (i % 250) + 1, 40000 + k))
EOP
}

run() {
	h=$1
	nats3_stop
	rm -rf "$T/n1" "$T/n2" "$T/n3"
	nats3_start "$T" > /dev/null
	gen "$h" "$T/fw.log"
	$WW sensor --nats "$NATS_URL" --partitions 1 --name mem --home-net 10.0.0.0/8 \
		--logs "$T/fw.log" 2> "$T/s.err" || { cat "$T/s.err"; exit 1; }
	$WW judge --nats "$NATS_URL" --name m --sensors 1 --home-net 10.0.0.0/8 \
		--max-hosts $((h * 2 > 1024 ? h * 2 : 1024)) 2> "$T/j.err" &
	JP=$!
	i=0
	while [ $i -lt 3000 ] && ! grep -q "final verdicts" "$T/j.err"; do sleep 0.1; i=$((i + 1)); done
	[ -d /proc/$JP ] || { cat "$T/j.err" "$T/s.err" >&2; exit 1; }
	hwm=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' /proc/$JP/status)
	kill $JP; wait $JP 2>/dev/null || true
	JP=""
	echo "$hwm"
}
small=$(run 1000)
big=$(run "$hosts")
echo "judge peak RSS: 1,000 hosts $small kB, $hosts hosts $big kB"
echo "per host: $(( (big - small) * 1024 / (hosts - 1000) )) bytes"
