#!/bin/sh
# The cluster end to end: a three-node JetStream cluster on loopback, the
# generated office capture split between two sensors, two judges, one
# judge killed (SIGKILL) while the partitions are being judged and a third
# started: the verdicts must equal `wormwatch analyze` on the whole capture
# (hosts, notes, next steps, exit status), and the counts must show every
# published record applied once (none lost, none doubled). A sensor run
# again under the same name must add nothing to the stream (Nats-Msg-Id).
# The results' JSON is validated against the schema (tests/outputs/validate.py)
# when SCHEMA is given and python3-jsonschema is installed.
# usage: failover.sh WORMWATCH OFFICE.pcap [SCHEMA]
WW=$1
PCAP=$2
SCHEMA=${3:-}
HERE=$(cd "$(dirname "$0")" && pwd)
command -v nats-server >/dev/null 2>&1 || { echo "skip: nats-server is not installed"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "skip: python3 is not installed"; exit 77; }
[ -r "$PCAP" ] || { echo "skip: $PCAP is missing (build the demo target)"; exit 77; }
T=$(mktemp -d "${TMPDIR:-/tmp}/wwcluster.XXXXXX")
JPIDS=""
. "$HERE/nats3.sh"
cleanup() {
	for p in $JPIDS; do kill -9 "$p" 2>/dev/null; done
	# WW_CLUSTER_KEEP=DIR keeps the processes' logs for a look afterwards
	[ -n "${WW_CLUSTER_KEEP:-}" ] && mkdir -p "$WW_CLUSTER_KEEP" && cp "$T"/*.err "$T"/*.log "$WW_CLUSTER_KEEP" 2>/dev/null
	nats3_stop
	rm -rf "$T"
}
trap cleanup EXIT INT TERM
fail() {
	echo "FAIL: $*"
	for f in "$T"/*.err; do [ -f "$f" ] && { echo "--- $f"; tail -20 "$f"; }; done
	exit 1
}

nats3_start "$T" || fail "nats-server cluster"
echo "cluster: $NATS_URL"
B="--nats $NATS_URL --replicas 3"

python3 "$HERE/split_pcap.py" --mode alternate "$PCAP" "$T/a.pcap" "$T/b.pcap" || fail split

"$WW" analyze --json "$PCAP" > "$T/analyze.json"
want_status=$?

# two judges first, with the partition count: both must hold partitions
# before any record is published, so that j1 judges records live (and
# acknowledges them) however slowly a loaded machine starts processes
"$WW" judge $B --name j1 --partitions 8 --sensors 2 --lease 2000 2> "$T/j1.err" &
J1=$!
"$WW" judge $B --name j2 --partitions 8 --sensors 2 --lease 2000 2> "$T/j2.err" &
J2=$!
JPIDS="$J1 $J2"

# both judges hold partitions (bounded: 60 s)
i=0
while [ $i -lt 600 ]; do
	grep -q "taken" "$T/j1.err" 2>/dev/null && grep -q "taken" "$T/j2.err" 2>/dev/null && break
	sleep 0.1
	i=$((i + 1))
done
grep -q "taken" "$T/j1.err" && grep -q "taken" "$T/j2.err" || fail "the judges never shared the partitions"

# paced (about 5 s each) so that the judges are mid-way when j1 dies
"$WW" sensor $B --partitions 8 --name site-a --rate 5000 "$T/a.pcap" 2> "$T/sa.err" &
SA=$!
"$WW" sensor $B --partitions 8 --name site-b --rate 5000 "$T/b.pcap" 2> "$T/sb.err" &
SB=$!

# kill j1 once it has applied and acknowledged records, while the sensors
# are still sending (bounded: 60 s)
i=0
while [ $i -lt 600 ]; do
	grep -q ": [1-9][0-9]* records applied, acknowledged" "$T/j1.err" 2>/dev/null && break
	sleep 0.1
	i=$((i + 1))
done
grep -q ": [1-9][0-9]* records applied, acknowledged" "$T/j1.err" || fail "judge j1 never acknowledged a record"
kill -0 $SA 2>/dev/null || kill -0 $SB 2>/dev/null || echo "note: the sensors had finished before j1 was killed"
kill -9 $J1
echo "j1 killed after: $(grep 'acknowledged up to' "$T/j1.err" | tail -1)"
"$WW" judge $B --name j3 --sensors 2 --lease 2000 2> "$T/j3.err" &
J3=$!
JPIDS="$J2 $J3"

wait $SA || fail "sensor site-a exited $?"
wait $SB || fail "sensor site-b exited $?"
cat "$T/sa.err" "$T/sb.err"

"$WW" results $B --json --wait 90 > "$T/results.json"
got_status=$?
"$WW" results $B --counts > "$T/counts.txt"
counts_status=$?
cat "$T/counts.txt"
grep -h "replayed\|taken\|let go" "$T/j2.err" "$T/j3.err" | sed 's/^/  /'

[ "$got_status" = "$want_status" ] || fail "results exited $got_status, analyze $want_status"
[ "$counts_status" = 0 ] || fail "the counts show lost or doubled records (exit $counts_status)"
python3 - "$T/analyze.json" "$T/results.json" "$T/counts.txt" <<'EOP' || fail "verdicts differ"
import json, sys
a = json.load(open(sys.argv[1]))
r = json.load(open(sys.argv[2]))
ok = True
def same(key):
    global ok
    if a[key] != r[key]:
        print("differs: %s\n analyze: %s\n results: %s" % (key, json.dumps(a[key])[:2000], json.dumps(r[key])[:2000]))
        ok = False
for k in ("hosts", "findings", "notes", "next_steps", "warnings"):
    same(k)
for k in ("packets", "bytes", "undecodable", "cut_frames", "hosts_judged"):
    if a["input"][k] != r["input"][k]:
        print("input.%s: analyze %s, results %s" % (k, a["input"][k], r["input"][k]))
        ok = False
culprits = [(h["addr"], h["verdict"]) for h in a["hosts"] if h["verdict"] in ("infected", "scanner")]
print("culprits: %s" % culprits)
if not culprits:
    print("the office capture should have culprits")
    ok = False
c = {}
for line in open(sys.argv[3]):
    w = line.split()
    if w and w[0] == "partitions":
        c = dict(zip(w[0::2], map(int, w[1::2])))
if not c or c["finals"] != c["partitions"] or c["published"] == 0 or \
   c["applied"] != c["published"] or c["lost"] or c["doubled"]:
    print("bad counts: %s" % c)
    ok = False
sys.exit(0 if ok else 1)
EOP
echo "verdicts equal analyze's; $(grep '^partitions' "$T/counts.txt")"

# results --json and --format jsonl against docs/schema/wormwatch.schema.json
if [ -n "$SCHEMA" ]; then
	"$WW" results $B --format jsonl -o "$T/results.jsonl" > "$T/results.out"
	st=$?
	[ "$st" = "$want_status" ] && [ -s "$T/results.jsonl" ] && [ ! -s "$T/results.out" ] ||
		fail "results --format jsonl -o FILE: exit $st"
	/usr/bin/python3 "$HERE/../outputs/validate.py" "$SCHEMA" "$T/results.json" "$T/results.jsonl"
	case $? in
	0) ;;
	77) echo "skip (part): python3-jsonschema is not installed: the JSON is not validated" ;;
	*) fail "results' JSON does not follow the schema" ;;
	esac
fi

# a partition of j1 was taken over after j1 had acknowledged records: the
# new owner replayed them quietly up to the ack floor
grep -q "records applied, [1-9][0-9]* of them replayed quietly" "$T/j3.err" "$T/j2.err" || fail "no partition was taken over with a replay"

# the same input again under the same name: every record is a duplicate
before=$(sed -n 's/^stream_records //p' "$T/counts.txt")
"$WW" sensor $B --partitions 8 --name site-a "$T/a.pcap" 2> "$T/sa2.err" || fail "sensor rerun"
after=$("$WW" results $B --counts | sed -n 's/^stream_records //p')
[ "$before" = "$after" ] || fail "a rerun under the same name stored records again ($before -> $after)"
echo "rerun of site-a: stream still holds $after records"

kill $J2 $J3
for p in $J2 $J3; do
	i=0
	while kill -0 $p 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
done
echo PASS
