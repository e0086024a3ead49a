#!/bin/sh
# A live sensor (-i lo) and a judge: a port scan of 127.0.0.9 from this
# machine (400 connection attempts to closed ports, loopback only) is
# alerted on WW_VERDICTS while the sensor is still capturing (its clock
# ticks move the partitions on), and the final verdicts name the scanner.
# Needs the right to capture (root or CAP_NET_RAW): skips with 77 without.
# usage: live.sh WORMWATCH
WW=$1
command -v nats-server >/dev/null 2>&1 || { echo "skip: nats-server is not installed"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "skip: python3 is not installed"; exit 77; }
T=$(mktemp -d "${TMPDIR:-/tmp}/wwcllive.XXXXXX")
PIDS=""
cleanup() {
	for p in $PIDS; do kill "$p" 2>/dev/null; done
	for p in $PIDS; do
		i=0
		while kill -0 "$p" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
		kill -9 "$p" 2>/dev/null
	done
	rm -rf "$T"
}
trap cleanup EXIT INT TERM
fail() { echo "FAIL: $*"; for f in "$T"/*.err; do [ -f "$f" ] && { echo "--- $f"; tail -5 "$f"; }; done; exit 1; }

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
nats-server -js -sd "$T/store" -a 127.0.0.1 -p "$PORT" > "$T/nats.err" 2>&1 &
PIDS="$PIDS $!"
i=0
while [ $i -lt 100 ] && ! grep -q "Server is ready" "$T/nats.err"; do sleep 0.1; i=$((i + 1)); done
B="--nats nats://127.0.0.1:$PORT"

"$WW" judge $B --name live-j --partitions 2 --sensors 1 --home-net 127.0.0.0/8 2> "$T/j.err" &
PIDS="$PIDS $!"
i=0
while [ $i -lt 100 ] && ! grep -q "taken" "$T/j.err"; do sleep 0.1; i=$((i + 1)); done

"$WW" sensor $B --name live-s --home-net 127.0.0.0/8 -i lo --bpf "host 127.0.0.9" \
	--duration 8 2> "$T/s.err" &
SP=$!
sleep 1.5
if ! kill -0 $SP 2>/dev/null; then
	grep -qi "permission\|privilege\|not permitted" "$T/s.err" && { echo "skip: cannot capture on lo"; exit 77; }
	fail "the sensor stopped"
fi
python3 - <<'EOP'
import socket
for port in range(2000, 2400):
    s = socket.socket()
    s.settimeout(0.05)
    try:
        s.connect(("127.0.0.9", port))
    except OSError:
        pass
    s.close()
EOP
# the alert, while the sensor still captures (bounded: 5 s)
i=0
while [ $i -lt 50 ]; do
	"$WW" results $B --latency > "$T/lat" 2>/dev/null
	grep -q "^alerts [1-9]" "$T/lat" && break
	sleep 0.1
	i=$((i + 1))
done
grep -q "^alerts [1-9]" "$T/lat" || fail "no alert while the sensor was capturing"
kill -0 $SP 2>/dev/null || fail "the sensor had ended before the alert: the test proves nothing"
echo "during the capture: $(cat "$T/lat")"
wait $SP || fail "sensor exited $?"
"$WW" results $B --json --wait 30 > "$T/r.json"
st=$?
python3 - "$T/r.json" <<'EOP' || fail "the final verdicts do not name the scanner"
import json, sys
r = json.load(open(sys.argv[1]))
hosts = {h["addr"]: h["verdict"] for h in r["hosts"]}
print("final: %s" % hosts)
sys.exit(0 if hosts.get("127.0.0.1") in ("scanner", "infected") else 1)
EOP
[ $st = 1 ] || [ $st = 3 ] || fail "results exited $st"
echo PASS
