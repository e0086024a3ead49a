#!/bin/sh
# Benchmark the cluster (docs/cluster.md): records per second through
# NATS JetStream for 1, 2 and 4 judges, and the end-to-end alert latency.
#  - the load: the generated SYN-heavy bench capture (wwgen bench, PACKETS
#    packets, default 300,000), published by one sensor into a three-node
#    JetStream cluster on loopback (streams with 3 replicas, 8 partitions);
#    the sensor's own rate (records stored per second) is printed too;
#  - throughput: K judges (--once) started on the full stream, timed until
#    every partition's final verdicts are published: records / seconds
#    (includes the judges' start: connecting, leases, consumers, half a
#    lease of waiting for each other);
#  - latency: two judges running, a sensor replaying the office capture at
#    RATE records/s (default 5,000) as a live sensor would: for every alert,
#    the time from the record that raised it being stored in WW_RECORDS to
#    the alert being stored in WW_VERDICTS (the server's clock), median,
#    95th percentile and maximum.
# A fresh cluster for each run. The machine's cores are shared by the
# servers, the sensor and the judges: on two cores, four judges share them.
# Usage: bench/cluster.sh [PACKETS] [RATE]   (release build if present, else dev)
set -eu
cd "$(dirname "$0")/.."
packets=${1:-300000}
rate=${2:-5000}
bin=build/release
[ -x $bin/wormwatch ] || bin=build/dev
[ -x $bin/wormwatch ] && [ -x $bin/wwgen ] || { echo "build first: cmake --preset dev && cmake --build --preset dev" >&2; exit 1; }
command -v nats-server >/dev/null || { echo "nats-server is needed (scripts/install-deps.sh)" >&2; exit 1; }
WW=$PWD/$bin/wormwatch
tmp=${TMPDIR:-/tmp}/wormwatch-bench
mkdir -p "$tmp"
cap=$tmp/bench-$packets.pcap
[ -f "$cap" ] || $bin/wwgen bench --seed 1 --packets "$packets" --dests $((packets / 2)) -o "$cap" --truth "$tmp/bench-$packets.truth"
office=$bin/demo/office.pcap
[ -f "$office" ] || { echo "build the demo target first ($office)" >&2; exit 1; }

. tests/cluster/nats3.sh
T=""
JP=""
cleanup() {
	for p in $JP; do kill -9 "$p" 2>/dev/null || true; done
	nats3_stop
	[ -n "$T" ] && rm -rf "$T"
}
trap cleanup EXIT INT TERM
now() { date +%s.%N; }
fresh() {
	for p in $JP; do kill -9 "$p" 2>/dev/null || true; done
	JP=""
	nats3_stop
	[ -n "$T" ] && rm -rf "$T"
	T=$(mktemp -d "$tmp/cluster.XXXXXX")
	nats3_start "$T" >/dev/null
	B="--nats $NATS_URL --replicas 3"
}

printf '%-34s %12s %12s\n' "run" "records" "records/s"
for k in 1 2 4; do
	fresh
	t0=$(now)
	$WW sensor $B --partitions 8 --name bench "$cap" 2> "$T/sensor.err"
	t1=$(now)
	recs=$(sed -n 's/.* \([0-9]*\) records published.*/\1/p' "$T/sensor.err")
	if [ "$k" = 1 ]; then
		printf '%-34s %12s %12.0f\n' "sensor -> WW_RECORDS (R3)" "$recs" "$(echo "$recs / ($t1 - $t0)" | bc -l)"
	fi
	t0=$(now)
	i=1
	while [ $i -le $k ]; do
		$WW judge $B --name b$i --sensors 1 --once 2> "$T/j$i.err" &
		JP="$JP $!"
		i=$((i + 1))
	done
	for p in $JP; do wait "$p" || true; done
	JP=""
	t1=$(now)
	$WW results $B --counts > "$T/counts" 2>/dev/null || { echo "the counts of the $k-judge run are wrong:"; cat "$T/counts"; exit 1; }
	printf '%-34s %12s %12.0f\n' "$k judge(s), stream -> verdicts" "$recs" "$(echo "$recs / ($t1 - $t0)" | bc -l)"
done

fresh
for i in 1 2; do
	$WW judge $B --name l$i --partitions 8 --sensors 1 2> "$T/l$i.err" &
	JP="$JP $!"
done
i=0
while [ $i -lt 600 ] && ! { grep -q taken "$T/l1.err" && grep -q taken "$T/l2.err"; }; do sleep 0.1; i=$((i + 1)); done
$WW sensor $B --partitions 8 --name live --rate "$rate" "$office" 2> "$T/sensor.err"
$WW results $B --wait 120 > /dev/null 2>&1 || true
printf '\nalert latency, office capture replayed at %s records/s, 2 judges:\n' "$rate"
$WW results $B --latency
