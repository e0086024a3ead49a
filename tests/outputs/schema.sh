#!/bin/sh
# outputs.schema: every subcommand's JSON and JSON lines, on real inputs,
# validated against docs/schema/wormwatch.schema.json (draft 2020-12) with
# Debian's python3-jsonschema; then mutated documents (a table size of 0
# instead of null, ports as a string, no schema field, a CSV-style evidence
# string) must be rejected, so the check can fail.
# usage: schema.sh WORMWATCH SCHEMA DEMO-DIR SRC-TESTS SHARED-DATA OFFLINE_MKHIVE WORMSIM WWGEN
# (the cluster's `results --json` is validated where a cluster runs:
# tests/cluster/failover.sh and flows.sh call tests/outputs/validate.py)
set -u
ww=$1 schema=$2 demo=$3 src=$4 shared=$5 mkhive=$6 sim=$7 gen=${8:-}
py=/usr/bin/python3
$py -c 'import jsonschema' 2>/dev/null || { echo "SKIP: python3-jsonschema is not installed"; exit 77; }
t=$(mktemp -d)
N=wwout-$$
trap 'ip netns del "$N" 2>/dev/null; rm -rf "$t"' EXIT INT TERM
fail=0
n=0
run() { # NAME EXT command... : the output into $t/NAME.EXT (status 0..3 expected)
	name=$1 ext=$2; shift 2
	"$@" >"$t/$name.$ext" 2>"$t/$name.err"; st=$?
	if [ $st -gt 3 ] || [ ! -s "$t/$name.$ext" ]; then
		echo "FAIL $name: exit $st, $(head -c 300 "$t/$name.err")"; fail=1
		rm -f "$t/$name.$ext"
	else
		n=$((n + 1))
	fi
}
both() { # NAME command... : --json and --format jsonl
	name=$1; shift
	run "$name" json "$@" --json
	run "$name" jsonl "$@" --format jsonl
}
# analyze: the generated demo captures
both analyze-office "$ww" analyze "$demo/office.pcap"
both analyze-after "$ww" analyze "$demo/office-after.pcap"
# logs and nat: the repository's fixtures (real lines of each dialect)
for f in mixed asa pfsense nftables s5_wan; do both "logs-$f" "$ww" logs "$src/router/$f.log"; done
both nat-mixed "$ww" nat "$src/router/ct_mixed.txt"
both nat-max "$ww" nat --max 65536 "$src/router/ct_mixed.txt"
# host: the collections of the scenarios
for d in s1 s2 s3 s5; do both "host-$d" "$ww" host "$src/host/$d"; done
# flows: wwgen's IPFIX export of the office scenario (the run that writes
# its capture), as JSON, JSON lines and -o FILE
if [ -n "$gen" ] && "$gen" office --seed 1 -o "$t/office-gen.pcap" --truth "$t/office-gen.tsv" \
	--flows "$t/office.ipfix" --flows-format ipfix >/dev/null 2>"$t/gen.err"; then
	both flows-office "$ww" flows "$t/office.ipfix"
	"$ww" flows --format json -o "$t/flows-o.json" "$t/office.ipfix" >"$t/flows-o.out" 2>"$t/flows-o.err"
	if [ -s "$t/flows-o.json" ] && [ ! -s "$t/flows-o.out" ]; then n=$((n + 1)); else
		echo "FAIL flows -o FILE: $(head -c 300 "$t/flows-o.err")"; fail=1; rm -f "$t/flows-o.json"
	fi
	rm -f "$t/office-gen.pcap"
else
	echo "FAIL wwgen could not write the office IPFIX export: $(head -c 300 "$t/gen.err" 2>/dev/null)"; fail=1
fi
# verify and contain over analyze's results
run verify json "$ww" verify --json --before "$t/analyze-office.json" --after "$t/analyze-after.json"
run contain json "$ww" contain --json "$t/analyze-office.json"
run contain-pf json "$ww" contain --format json "$t/analyze-office.json"
# the shared real data: captures, logs, a hive as an offline volume
if [ -d "$shared/captures" ]; then
	for c in chappell-ppa/blaster.pcap chappell-ppa/portscan.pcap honeynet-fc2010/attack-trace.pcap ndpi/gnutella.pcap; do
		[ -f "$shared/captures/$c" ] && both "shared-$(basename "$c" .pcap)" "$ww" analyze "$shared/captures/$c"
	done
	for l in "$shared"/logs/*.log; do both "shared-log-$(basename "$l" .log)" "$ww" logs "$l"; done
	both shared-netstat "$ww" host "$shared/artifacts/windows/win10_netstat-an.out"
	if [ -f "$shared/artifacts/hives/regipy/SYSTEM" ]; then
		mkdir -p "$t/vol/Windows/System32/config"
		cp "$shared/artifacts/hives/regipy/SYSTEM" "$t/vol/Windows/System32/config/SYSTEM"
		"$mkhive" "$t/vol/Windows/System32/config/SOFTWARE" --from "$shared/artifacts/hives/scancode-toolkit/Software_Delta" \
			sz 'Microsoft\Windows\CurrentVersion\Run' jwgkvsq 'rundll32.exe C:\WINDOWS\system32\jwgkvsq.dll,ahaezedrn' >/dev/null 2>&1
		both offline "$ww" host --offline "$t/vol"
	fi
else
	echo "skip (part): $shared not found: the shared captures, logs and hives are not checked"
fi
# watch: a live capture in a namespace of our own (loopback), a worm sweep
# from ww_wormsim; the summary as JSON and JSON lines, the alert lines
if [ "$(id -u)" = 0 ] && ip netns add "$N" 2>/dev/null; then
	ip -n "$N" link set lo up
	for fmt in json jsonl; do
		ip netns exec "$N" "$ww" watch -i lo -H 127.0.0.0/8 -d 4 -s 100 --format $fmt --json-out "$t/alerts-$fmt.jsonl" \
			-o "$t/watch.$fmt" 2>"$t/watch.err" &
		wp=$!
		sleep 1
		ip netns exec "$N" "$sim" 127.0.1.1 60 445 10 2 >/dev/null 2>&1
		wait $wp
		if [ -s "$t/watch.$fmt" ] && [ -s "$t/alerts-$fmt.jsonl" ]; then n=$((n + 2)); else
			echo "FAIL watch --format $fmt: no summary or no alert line: $(head -c 300 "$t/watch.err")"; fail=1
		fi
	done
else
	echo "skip (part): watch needs root and a network namespace"
fi
echo "validating $n outputs"
$py - "$schema" "$t" <<'PY' || fail=1
import glob, json, os, sys, copy
import jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema)
bad = 0
docs = {}
for f in sorted(glob.glob(os.path.join(sys.argv[2], "*.json")) + glob.glob(os.path.join(sys.argv[2], "*.jsonl"))):
    name = os.path.basename(f)
    if f.endswith(".json"):
        items = [json.load(open(f))]
    else:
        items = [json.loads(l) for l in open(f) if l.strip()]
        if not items:
            print("FAIL %s: no line" % name); bad += 1
    for i, d in enumerate(items):
        docs.setdefault(name, d)
        if d.get("schema") != 1:
            print("FAIL %s line %d: no \"schema\": 1" % (name, i + 1)); bad += 1
        errs = list(v.iter_errors(d))
        if errs:
            e = jsonschema.exceptions.best_match(errs)
            print("FAIL %s item %d: %s at /%s" % (name, i + 1, e.message[:200], "/".join(map(str, e.absolute_path))))
            bad += 1
    print("ok   %s: %d item(s) valid" % (name, len(items)))
# watch --format jsonl: the alerts as they came, the summary last
wl = os.path.join(sys.argv[2], "watch.jsonl")
if os.path.exists(wl):
    types = [json.loads(l)["type"] for l in open(wl) if l.strip()]
    if "alert" in types and types[-1] == "summary" and types.index("alert") < types.index("summary"):
        print("ok   watch --format jsonl: %s" % " ".join(types))
    else:
        print("FAIL watch --format jsonl: %s" % " ".join(types)); bad += 1
# the check can fail: documents changed the ways the old outputs differed
def mutant(name, change, why):
    global bad
    if name not in docs:
        print("FAIL no %s to mutate" % name); bad += 1; return
    d = copy.deepcopy(docs[name]); change(d)
    if v.is_valid(d):
        print("FAIL mutated %s accepted: %s" % (name, why)); bad += 1
    else:
        print("ok   mutated %s rejected: %s" % (name, why))
mutant("nat-mixed.json", lambda d: d["table"].__setitem__("max", 0), "an unknown table size as 0")
mutant("logs-mixed.json", lambda d: d["log_hosts"][0].__setitem__("top_ports", "TCP/445 (1)"), "ports as a string")
mutant("analyze-office.json", lambda d: d.pop("schema"), "no schema field")
mutant("analyze-office.json", lambda d: d["hosts"][0].pop("attempts_to_alert"), "no attempts_to_alert")
mutant("contain.json", lambda d: d["hosts"][0].__setitem__("evidence", "one string"), "evidence as a string")
mutant("analyze-office.jsonl", lambda d: d.__setitem__("type", "hostx"), "an unknown line type")
mutant("flows-office.json", lambda d: d.__setitem__("command", "flow"), "an unknown command")
mutant("flows-office.json", lambda d: d["hosts"][0].__setitem__("verdict", "worm"), "an unknown verdict")
# flows names the culprits of the office scenario, as analyze does
if "flows-office.json" in docs and "analyze-office.json" in docs:
    cul = lambda d: sorted((h["addr"], h["verdict"]) for h in d["hosts"] if h["verdict"] in ("infected", "scanner"))
    fo, an = cul(docs["flows-office.json"]), cul(docs["analyze-office.json"])
    if docs["flows-office.json"].get("command") == "flows" and fo and fo == an:
        print("ok   flows-office.json: command flows, culprits %s as analyze's" % fo)
    else:
        print("FAIL flows-office.json: culprits %s, analyze %s" % (fo, an)); bad += 1
if "alerts-json.jsonl" in docs:
    mutant("alerts-json.jsonl", lambda d: d.__setitem__("attempts", d.pop("attempts_to_alert", 0)), "the old name 'attempts'")
sys.exit(1 if bad else 0)
PY
[ $fail = 0 ] && echo "outputs.schema: passed" || echo "outputs.schema: FAILED"
exit $fail
