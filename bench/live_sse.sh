#!/bin/sh
# Benchmark: does the live page slow the capture? In a namespace of its own,
# bench/live_blast.py sends TCP SYNs as fast as one core can over a veth
# pair for SECONDS; `wormwatch watch --http` captures on the other end, with
# no SSE client, then with 50 (bench/live_sse_readers.py reading all the
# streams). For each run: frames sent, packets the capture handled per
# second (its packet count over the run), packets the kernel dropped, and
# the capture thread's CPU time per packet (from /proc: the main thread
# only, not the HTTP threads). Runs alternate (0, 50, 0, 50, ...); the
# summary is the median of each and the ratio 50/0 (goal: a drop under 5%).
# Root only (namespaces, AF_PACKET). Usage: bench/live_sse.sh [runs] [seconds]
# (build the release preset first, or set WW=path/to/wormwatch)
set -eu
cd "$(dirname "$0")/.."
runs=${1:-3} secs=${2:-8}
ww=${WW:-build/release/wormwatch}
[ -x "$ww" ] || { echo "build the release preset first (or set WW=)" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "needs root (network namespace, raw sockets)" >&2; exit 1; }
N=wwlive-bench-$$
tmp=$(mktemp -d)
cleanup() { ip netns del "$N" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT INT TERM
ip netns add "$N"
ip -n "$N" link set lo up
ip -n "$N" link add v0 type veth peer name v1
ip -n "$N" link set v0 up
ip -n "$N" link set v1 up

one() { # clients -> "rate drops cpu_us_per_packet sent"
	c=$1
	rm -f "$tmp/w.err" "$tmp/w.json"
	ip netns exec "$N" "$ww" watch -i v0 --home-net 10.0.0.0/24 --http 127.0.0.1:0 --status 0 \
		--duration $((secs + 4)) --json >"$tmp/w.json" 2>"$tmp/w.err" &
	wp=$!
	k=0
	while [ $k -lt 50 ] && ! grep -q 'live page at' "$tmp/w.err" 2>/dev/null; do sleep 0.1; k=$((k + 1)); done
	port=$(sed -n 's/.*live page at http:\/\/127.0.0.1:\([0-9]*\)\/.*/\1/p' "$tmp/w.err")
	if [ "$c" -gt 0 ]; then
		ip netns exec "$N" python3 bench/live_sse_readers.py "$port" "$c" $((secs + 2)) >"$tmp/r.out" &
		rp=$!
	fi
	sleep 1
	t0=$(awk '{print $14 + $15}' /proc/$wp/task/$wp/stat)
	sent=$(ip netns exec "$N" python3 bench/live_blast.py v1 "$secs")
	t1=$(awk '{print $14 + $15}' /proc/$wp/task/$wp/stat)
	[ "$c" -gt 0 ] && wait $rp
	wait $wp || true
	python3 - "$tmp/w.json" "$sent" "$t0" "$t1" "$secs" <<'PY'
import json, os, sys
r = json.load(open(sys.argv[1]))["input"]
sent, t0, t1, secs = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
hz = os.sysconf("SC_CLK_TCK")
pk = r["packets"]
cpu = (t1 - t0) / hz
print("%.0f %d %.3f %d" % (pk / secs, r.get("kernel_dropped", 0),
                            cpu * 1e6 / max(1, pk), sent))
PY
}
z= f=
for i in $(seq "$runs"); do
	a=$(one 0); b=$(one 50)
	echo "run $i:  0 clients: $a   50 clients: $b   (packets/s dropped cpu-us/packet sent)"
	z="$z $(echo $a | cut -d' ' -f1)"; f="$f $(echo $b | cut -d' ' -f1)"
	zc="${zc:-} $(echo $a | cut -d' ' -f3)"; fc="${fc:-} $(echo $b | cut -d' ' -f3)"
done
python3 - "$z" "$f" "$zc" "$fc" <<'PY'
import statistics, sys
z, f, zc, fc = ([float(x) for x in a.split()] for a in sys.argv[1:5])
mz, mf = statistics.median(z), statistics.median(f)
print("median packets handled a second: 0 clients %.0f, 50 clients %.0f: ratio %.3f (%.1f%% %s)"
      % (mz, mf, mf / mz, abs(1 - mf / mz) * 100, "slower" if mf < mz else "faster"))
print("median capture-thread CPU per packet: 0 clients %.3f us, 50 clients %.3f us"
      % (statistics.median(zc), statistics.median(fc)))
PY
