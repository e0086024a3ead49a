#!/bin/sh
# outputs.formats: -o FILE and --format text|json|jsonl|csv.
#  - -o FILE writes what standard output would get, for every subcommand
#    that writes a report, rules or a page (byte for byte, the verdict's
#    exit status kept); a symbolic link as -o is refused (74), nothing
#    written through it;
#  - --json is --format json;
#  - jsonl: one object per line, each with type, schema, time (command);
#    a line per host, the summary last; nat --watch writes each alert's
#    line as it comes (checked with a sample that is a FIFO);
#  - contain, verify and report read JSON lines as they read the document
#    (the same rules, comparison and page), and refuse lines cut short;
#  - csv: RFC 4180 (CRLF, quoted cells read back by Python's csv module to
#    the same texts as the JSON), a header row, a row per host or finding;
#    hostile cells (a process named "+cmd|' /C calc'!A0.exe", "=1+1")
#    start with an apostrophe, never with = + - @.
# usage: formats.sh WORMWATCH DEMO-DIR SRC-TESTS
set -u
ww=$1 demo=$2 src=$3
. "$(dirname "$0")/lib.sh"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }
cap=$demo/office.pcap
[ -f "$cap" ] || { echo "SKIP: $cap not built"; exit 77; }

# -o FILE = standard output, per command (status kept)
same() { # name command... (the -o FILE goes after the command's own word)
	name=$1; shift
	"$@" >"$t/stdout" 2>/dev/null; s1=$?
	"$@" -o "$t/file" >"$t/stdout2" 2>/dev/null; s2=$?
	if [ "$s1" = "$s2" ] && [ "$s1" -lt 64 ] && cmp -s "$t/stdout" "$t/file" && [ ! -s "$t/stdout2" ]; then
		ok "$name: -o FILE holds what stdout got ($(wc -c <"$t/file") bytes, exit $s1)"
	else
		bad "$name: -o FILE differs from stdout (exit $s1 vs $s2)"
	fi
}
same "analyze" "$ww" analyze "$cap"
same "analyze --format csv" "$ww" analyze --format csv "$cap"
same "logs --json" "$ww" logs --json "$src/router/nftables.log"
same "nat" "$ww" nat "$src/router/ct_mixed.txt"
same "host" "$ww" host "$src/host/s1"
"$ww" analyze --json "$cap" >"$t/a.json"
"$ww" analyze --json "$demo/office-after.pcap" >"$t/b.json"
same "verify" "$ww" verify --before "$t/a.json" --after "$t/b.json"
same "contain --format iptables" "$ww" contain --format iptables "$t/a.json"
"$ww" report "$t/a.json" -o "$t/page.html" >"$t/report.out" 2>&1 && grep -q '<html' "$t/page.html" \
	&& ok "report -o FILE.html writes the page" || bad "report -o"
# --json is --format json
"$ww" analyze --format json "$cap" >"$t/f.json"
cmp -s "$t/a.json" "$t/f.json" && ok "--json = --format json" || bad "--json differs from --format json"
# a symbolic link is refused and nothing is written through it
: >"$t/victim"
ln -s "$t/victim" "$t/link"
"$ww" analyze -o "$t/link" "$cap" >/dev/null 2>"$t/err"; st=$?
[ "$st" = 74 ] && [ ! -s "$t/victim" ] && grep -q "symbolic link" "$t/err" \
	&& ok "-o refuses a symbolic link (74): $(cat "$t/err")" || bad "-o through a link: exit $st, $(cat "$t/err")"
"$ww" analyze --format xml "$cap" >/dev/null 2>"$t/err"; st=$?
[ "$st" = 64 ] && grep -q "unknown --format 'xml'" "$t/err" && ok "--format xml: exit 64" || bad "--format xml: exit $st"

# the readers take JSON lines as well as the document: the same rules, the
# same page, the same comparison; lines cut before the summary are refused
mkdir "$t/jl"
"$ww" analyze --format jsonl "$cap" >"$t/jl/a.json"
"$ww" contain "$t/a.json" 2>/dev/null | sed "s#$t/##" >"$t/rules1"
"$ww" contain "$t/jl/a.json" 2>/dev/null | sed "s#$t/jl/##" >"$t/rules2"
[ -s "$t/rules1" ] && cmp -s "$t/rules1" "$t/rules2" && ok "contain: the same rules from JSON lines" || bad "contain: rules differ from JSON lines"
"$ww" verify --before "$t/a.json" --after "$t/b.json" >"$t/v1" 2>&1
"$ww" analyze --format jsonl "$demo/office-after.pcap" >"$t/jl/b.json"
"$ww" verify --before "$t/jl/a.json" --after "$t/jl/b.json" >"$t/v2" 2>&1
cmp -s "$t/v1" "$t/v2" && ok "verify: the same from JSON lines" || bad "verify differs from JSON lines"
TZ=UTC "$ww" report "$t/a.json" -o "$t/p1.html" >/dev/null 2>&1
TZ=UTC "$ww" report "$t/jl/a.json" -o "$t/p2.html" >/dev/null 2>&1
sed "s#$t/jl/#$t/#g" "$t/p2.html" >"$t/p2s.html"
[ -s "$t/p1.html" ] && cmp -s "$t/p1.html" "$t/p2s.html" && ok "report: the same page from JSON lines" || bad "report: the page differs from JSON lines"
head -n 2 "$t/jl/a.json" >"$t/jl/cut.json"
for c in contain report; do
	"$ww" $c "$t/jl/cut.json" -o "$t/cut.out" >/dev/null 2>"$t/err"; st=$?
	[ "$st" = 65 ] && grep -q "without their summary line" "$t/err" && ok "$c: JSON lines cut before the summary refused (65)" \
		|| bad "$c: cut JSON lines: exit $st $(cat "$t/err")"
done

# the hostile fixture: a worm process whose name is a spreadsheet formula
mkdir "$t/evil"
printf '"Image Name","PID","Services"\r\n"System","4","N/A"\r\n"+cmd|'"'"' /C calc'"'"'!A0.exe","1540","N/A"\r\n' >"$t/evil/tasklist.csv"
{
	printf '\r\nActive Connections\r\n\r\n  Proto  Local Address          Foreign Address        State           PID\r\n'
	i=2
	while [ $i -le 40 ]; do
		printf '  TCP    192.168.0.5:%d       192.168.0.%d:445        SYN_SENT        1540\r\n' $((1200 + i)) $i
		i=$((i + 1))
	done
} >"$t/evil/netstat-ano.txt"
for f in csv jsonl json; do "$ww" host --format $f "$t/evil" >"$t/evil.$f" 2>/dev/null; done
"$ww" analyze --format csv "$cap" >"$t/a.csv"
"$ww" analyze --format jsonl "$cap" >"$t/a.jsonl"
python3 - "$t" <<'PY' || fail=1
import csv, io, json, sys
t = sys.argv[1]
bad = 0
def ok(m): print("ok   " + m)
def fail(m):
    global bad; bad = 1; print("FAIL " + m)
# analyze: CSV rows = JSON hosts, same texts, CRLF line ends
raw = open(t + "/a.csv", "rb").read()
lines = raw.split(b"\r\n")
(ok if raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"") else fail)("csv lines end in CRLF only")
rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
head, body = rows[0], rows[1:]
(ok if head[:3] == ["type", "addr", "verdict"] and "evidence" in head else fail)("csv header: %s" % ",".join(head))
hosts = [json.loads(l) for l in open(t + "/a.jsonl") if json.loads(l)["type"] == "host"]
(ok if len(body) == len(hosts) and len(hosts) > 0 else fail)("csv: a row per host (%d rows, %d hosts)" % (len(body), len(hosts)))
for r, h in zip(body, hosts):
    d = dict(zip(head, r))
    if d["addr"] != h["addr"] or d["verdict"] != h["verdict"] or d["title"] != h["title"] or d["evidence"].split(" | ") != h["evidence"]:
        fail("csv row %s differs from the JSON line" % d["addr"])
    else:
        ok("csv row %s = JSON (title with commas quoted, evidence joined)" % d["addr"])
# jsonl: every line self-describing, summary last
L = [json.loads(l) for l in open(t + "/a.jsonl")]
(ok if all({"type", "schema", "time", "command"} <= set(x) for x in L) else fail)("jsonl: type, schema, time, command on every line")
(ok if L[-1]["type"] == "summary" and L[-1]["hosts"] == len(hosts) else fail)("jsonl: the summary last, counting the hosts")
# hostile: no cell starts with a formula character; the image is kept, made inert
ev = list(csv.reader(io.StringIO(open(t + "/evil.csv", newline="").read(), newline="")))
cells = [c for r in ev for c in r]
danger = [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
(ok if not danger else fail)("csv: no cell begins with = + - @ (%d cells)" % len(cells))
img = [dict(zip(ev[0], r)).get("image") for r in ev[1:]]
(ok if "'+cmd|' /C calc'!A0.exe" in img else fail)("csv: the formula-named image kept as text: %r" % img)
j = json.load(open(t + "/evil.json"))
(ok if any(f.get("image") == "+cmd|' /C calc'!A0.exe" for f in j["findings"]) else fail)("json keeps the image as it is")
sys.exit(bad)
PY
# nat --watch --format jsonl: each alert a line as it comes, as watch does:
# the first sample's alert is in the output while the second sample (a
# FIFO nobody has written yet) is still awaited; the report's lines follow
ct_sweep 300 >"$t/ct1.txt"
mkfifo "$t/ct2"
exec 3<>"$t/ct2" # a writer, so that reading the FIFO waits for its data
"$ww" nat --watch 60 --format jsonl -o "$t/nat.jsonl" "$t/ct1.txt" "$t/ct2" 2>/dev/null 3>&- &
np=$!
k=0
while [ $k -lt 100 ] && ! grep -q '"type":"alert"' "$t/nat.jsonl" 2>/dev/null; do sleep 0.1; k=$((k + 1)); done
grep -q '"type":"alert".*"addr":"192.168.1.66"' "$t/nat.jsonl" && kill -0 $np 2>/dev/null &&
	ok "nat --watch --format jsonl: the alert line is out while the next sample is awaited" ||
	bad "nat --watch --format jsonl: no alert line before the run ended"
cat "$t/ct1.txt" >&3
# the FIFO's data lives only while someone has it open: fd 3 is closed once
# nat has opened the FIFO itself (bounded: 10 s)
k=0
while [ $k -lt 100 ] && ! ls -l "/proc/$np/fd" 2>/dev/null | grep -q "$t/ct2"; do sleep 0.1; k=$((k + 1)); done
exec 3>&-
wait $np
python3 - "$t/nat.jsonl" <<'PY' || fail=1
import json, sys
L = [json.loads(l) for l in open(sys.argv[1])]
types = [x["type"] for x in L]
good = types[0] == "alert" and types[-1] == "summary" and "host" in types and types.count("alert") == 1
print(("ok   " if good else "FAIL ") + "nat --watch --format jsonl: %s" % " ".join(dict.fromkeys(types)))
sys.exit(0 if good else 1)
PY
[ $fail = 0 ] && echo "outputs.formats: passed" || echo "outputs.formats: FAILED"
exit $fail
