#!/bin/sh
# Flow records through the cluster (issue 11: a sensor takes any input):
# wwgen's IPFIX export of the office scenario,
#  1. from a file: one sensor (--flows FILE) on a three-node JetStream
#     cluster on loopback, one judge; `results --json` must name the same
#     culprits, with the same verdicts for every host and the same exit
#     status, as `wormwatch flows` on the same file, and every record
#     published must be applied once (the counts);
#  2. over the network: the same export's messages sent as UDP datagrams
#     to `sensor --listen 127.0.0.1:0` (loopback only), a single-node
#     server: the same culprits again.
# The results' JSON is validated against the schema when SCHEMA is given.
# usage: flows.sh WORMWATCH WWGEN [SCHEMA]
WW=$1
GEN=$2
SCHEMA=${3:-}
HERE=$(cd "$(dirname "$0")" && pwd)
command -v nats-server >/dev/null 2>&1 || { echo "skip: nats-server is not installed"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "skip: python3 is not installed"; exit 77; }
T=$(mktemp -d "${TMPDIR:-/tmp}/wwclflows.XXXXXX")
PIDS=""
. "$HERE/nats3.sh"
. "$HERE/procs.sh"
cleanup() {
	for p in $PIDS; do kill -9 "$p" 2>/dev/null; done
	nats3_stop
	rm -rf "$T"
}
trap cleanup EXIT INT TERM
fail() {
	echo "FAIL: $*"
	for f in "$T"/*.err; do [ -f "$f" ] && { echo "--- $f"; tail -8 "$f"; }; done
	exit 1
}
# wait_pid PID SECONDS: its exit status, or fail when it runs longer
wait_pid() {
	i=0
	while kill -0 "$1" 2>/dev/null && [ $i -lt $(($2 * 10)) ]; do sleep 0.1; i=$((i + 1)); done
	kill -0 "$1" 2>/dev/null && fail "process $1 still runs after $2 s"
	wait "$1"
}
# same_culprits FLOWS.json RESULTS.json WHAT
same_culprits() {
	python3 - "$1" "$2" "$3" <<'EOP'
import json, sys
f = json.load(open(sys.argv[1]))
r = json.load(open(sys.argv[2]))
what = sys.argv[3]
cul = lambda d: sorted((h["addr"], h["verdict"]) for h in d["hosts"]
                       if h["verdict"] in ("infected", "scanner"))
allv = lambda d: sorted((h["addr"], h["verdict"]) for h in d["hosts"])
cf, cr = cul(f), cul(r)
print("%s: flows culprits %s" % (what, cf))
print("%s: results culprits %s" % (what, cr))
ok = bool(cf) and cf == cr
if allv(f) != allv(r):
    print("%s: verdicts differ: flows %s, results %s" % (what, allv(f), allv(r)))
    ok = False
else:
    print("%s: the same verdict for each of the %d hosts" % (what, len(allv(f))))
sys.exit(0 if ok else 1)
EOP
}
validate() {
	[ -n "$SCHEMA" ] || return 0
	/usr/bin/python3 "$HERE/../outputs/validate.py" "$SCHEMA" "$@"
	case $? in
	0) ;;
	77) echo "skip (part): python3-jsonschema is not installed: the JSON is not validated" ;;
	*) fail "results' JSON does not follow the schema" ;;
	esac
}

"$GEN" office --seed 1 -o "$T/office.pcap" --truth "$T/truth.tsv" \
	--flows "$T/office.ipfix" --flows-format ipfix > /dev/null || fail "wwgen"
rm -f "$T/office.pcap"
"$WW" flows --json "$T/office.ipfix" > "$T/flows.json" 2> "$T/flows.err"
want_status=$?
[ "$want_status" -le 3 ] || fail "flows exited $want_status"

# 1. --flows FILE on the three-node cluster
nats3_start "$T" || fail "nats-server cluster"
echo "cluster: $NATS_URL"
B="--nats $NATS_URL --replicas 3"
"$WW" judge $B --name fj --partitions 4 --sensors 1 --once 2> "$T/j.err" &
J=$!
PIDS="$J"
"$WW" sensor $B --partitions 4 --name flows-a --flows "$T/office.ipfix" 2> "$T/s.err" ||
	fail "sensor --flows exited $?"
cat "$T/s.err"
grep -q "flow records (780 datagrams) became [1-9][0-9]* attempts" "$T/s.err" ||
	fail "the sensor did not read the export"
wait_pid $J 120 || fail "judge exited $?"
"$WW" results $B --json --wait 60 > "$T/results.json"
got_status=$?
"$WW" results $B --counts -o "$T/counts.txt" || fail "the counts show lost or doubled records"
grep '^partitions' "$T/counts.txt"
[ "$got_status" = "$want_status" ] || fail "results exited $got_status, flows $want_status"
same_culprits "$T/flows.json" "$T/results.json" "--flows" || fail "results differ from flows"
validate "$T/results.json"
nats3_stop

# 2. --listen: the export's messages as datagrams over loopback
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
nats-server -js -sd "$T/store1" -a 127.0.0.1 -p "$PORT" > "$T/nats1.log" 2>&1 &
PIDS="$PIDS $!"
wait_line "$T/nats1.log" "Server is ready" || fail "nats-server did not start"
B="--nats nats://127.0.0.1:$PORT"
"$WW" judge $B --name lj --partitions 4 --sensors 1 --once 2> "$T/lj.err" &
J=$!
PIDS="$PIDS $J"
"$WW" sensor $B --partitions 4 --name flows-l --listen 127.0.0.1:0 --idle 3 2> "$T/ls.err" &
S=$!
PIDS="$PIDS $S"
wait_line "$T/ls.err" "collecting flows on UDP"
uport=$(sed -n 's/.*collecting flows on UDP 127.0.0.1:\([0-9]*\).*/\1/p' "$T/ls.err")
[ -n "$uport" ] || fail "sensor --listen did not say its port"
# wwgen writes the export as a capture of its UDP datagrams (pcap, raw
# IPv4): each datagram's payload is sent again, to the sensor, paced so
# that the socket's buffer never overflows
python3 - "$T/office.ipfix" "$uport" <<'EOP' || fail "sending the export"
import socket, struct, sys, time
data = open(sys.argv[1], "rb").read()
magic, = struct.unpack("<I", data[:4])
if magic != 0xa1b2c3d4:
    sys.exit("not a little-endian pcap file")
if struct.unpack("<I", data[20:24])[0] != 101:
    sys.exit("not a raw-IP capture")
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
off, n = 24, 0
while off + 16 <= len(data):
    incl, = struct.unpack("<I", data[off + 8:off + 12])
    pkt = data[off + 16:off + 16 + incl]
    off += 16 + incl
    if len(pkt) < 28 or pkt[0] >> 4 != 4 or pkt[9] != 17:
        continue
    payload = pkt[(pkt[0] & 15) * 4 + 8:]
    if len(payload) < 16 or struct.unpack("!H", payload[:2])[0] != 10:
        continue
    s.sendto(payload, ("127.0.0.1", int(sys.argv[2])))
    n += 1
    if n % 50 == 0:
        time.sleep(0.01)
print("sent %d IPFIX messages to 127.0.0.1:%s" % (n, sys.argv[2]))
EOP
wait_pid $S 60 || fail "sensor --listen exited $?"
cat "$T/ls.err"
grep -q "flow records (780 datagrams) became [1-9][0-9]* attempts" "$T/ls.err" ||
	fail "the sensor did not receive every datagram"
wait_pid $J 120 || fail "judge exited $?"
"$WW" results $B --json --wait 60 > "$T/lresults.json"
got_status=$?
[ "$got_status" = "$want_status" ] || fail "results (--listen) exited $got_status, flows $want_status"
same_culprits "$T/flows.json" "$T/lresults.json" "--listen" || fail "results (--listen) differ from flows"
validate "$T/lresults.json"
echo PASS
