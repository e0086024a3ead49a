#!/bin/sh
# A live sensor (-i lo) and a judge: a port scan of 127.0.0.9 from this
# machine (400 connection attempts to closed ports, loopback only) is
# alerted on WW_VERDICTS while the sensor is still capturing (its clock
# ticks move the partitions on), and the final verdicts name the scanner.
# While the sensor captures, `results --live` names the scanner, and
# `results --http` (the live page fed by the judges) lists it in
# /api/hosts, sends its alert to --exec and shows its row in headless
# Chromium, the page's words in Japanese under LANG=ja_JP.UTF-8 (skipped
# without chromium and node; English without the locale); on SIGTERM it
# writes the report as the judges last gave it. `results --follow --format
# jsonl` writes the alert's line while the sensor still captures (and to
# --json-out and stderr), the report's lines after SIGTERM.
# Needs the right to capture (root or CAP_NET_RAW): skips with 77 without.
# usage: live.sh WORMWATCH [CDP.JS]
WW=$1
CDP=${2:-}
command -v nats-server >/dev/null 2>&1 || { echo "skip: nats-server is not installed"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "skip: python3 is not installed"; exit 77; }
T=$(mktemp -d "${TMPDIR:-/tmp}/wwcllive.XXXXXX")
PIDS=""
. "$(dirname "$0")/procs.sh"
cleanup() {
	procs_stop $PIDS
	rm -rf "$T"
}
trap cleanup EXIT INT TERM
# names_scanner JSON WHAT: the report names 127.0.0.1 scanner or infected
names_scanner() {
	python3 - "$1" "$2" <<'EOP'
import json, sys
r = json.load(open(sys.argv[1]))
hosts = {h["addr"]: h["verdict"] for h in r["hosts"]}
print("%s: %s" % (sys.argv[2], hosts))
sys.exit(0 if hosts.get("127.0.0.1") in ("scanner", "infected") else 1)
EOP
}
fail() { echo "FAIL: $*"; for f in "$T"/*.err; do [ -f "$f" ] && { echo "--- $f"; tail -5 "$f"; }; done; exit 1; }

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
nats-server -js -sd "$T/store" -a 127.0.0.1 -p "$PORT" > "$T/nats.err" 2>&1 &
PIDS="$PIDS $!"
wait_line "$T/nats.err" "Server is ready"
B="--nats nats://127.0.0.1:$PORT"

"$WW" judge $B --name live-j --partitions 2 --sensors 1 --home-net 127.0.0.0/8 2> "$T/j.err" &
PIDS="$PIDS $!"
wait_line "$T/j.err" "taken"

# the live page, fed by the judges; alerts to a program
cat > "$T/exec.sh" <<EOX
#!/bin/sh
cat >> "$T/exec.out"
EOX
chmod +x "$T/exec.sh"
# (in Japanese where the locale is there: the page's own words follow it)
JA=""
PAGE_LANG=en
if locale -a 2>/dev/null | grep -qi '^ja_JP\.utf-\?8$'; then
	JA="env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=ja_JP.UTF-8"
	PAGE_LANG=ja
fi
$JA "$WW" results $B --http 127.0.0.1:0 --interval 0.5 --exec "$T/exec.sh" --json \
	-o "$T/page.json" 2> "$T/page.err" &
PAGE=$!
PIDS="$PIDS $PAGE"
wait_line "$T/page.err" "live page at"
URL=$(sed -n 's/.*live page at \(http[^ ]*\).*/\1/p' "$T/page.err")
[ -n "$URL" ] || fail "results --http printed no page address"
# and a follower writing JSON lines: each alert as it comes
"$WW" results $B --follow --interval 0.5 --format jsonl -o "$T/follow.jsonl" \
	--json-out "$T/alerts.jsonl" 2> "$T/follow.err" &
FOLLOW=$!
PIDS="$PIDS $FOLLOW"

"$WW" sensor $B --name live-s --home-net 127.0.0.0/8 -i lo --bpf "host 127.0.0.9" \
	--duration 15 2> "$T/s.err" &
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

# results --live and the page, while the sensor still captures
"$WW" results $B --live --json > "$T/live.json"
python3 - "$T/live.json" "$URL" <<'EOP' || fail "the verdicts so far do not name the scanner"
import json, sys, time, urllib.request
r = json.load(open(sys.argv[1]))
hosts = {h["addr"]: h["verdict"] for h in r["hosts"]}
print("results --live: %s" % hosts)
ok = hosts.get("127.0.0.1") in ("scanner", "infected")
# the page's API (bounded: 10 s; the page asks the judges every 0.5 s)
page = {}
for _ in range(100):
    page = {h["addr"]: h["verdict"]
            for h in json.load(urllib.request.urlopen(sys.argv[2].rstrip("/") + "/api/hosts",
                                                      timeout=5))["hosts"]}
    if page.get("127.0.0.1") in ("scanner", "infected"):
        break
    time.sleep(0.1)
st = json.load(urllib.request.urlopen(sys.argv[2].rstrip("/") + "/api/state", timeout=5))["stats"]
print("results --http /api/hosts: %s; stats: command %s, alerts %s" % (page, st["command"], st["alerts"]))
ok = ok and page.get("127.0.0.1") in ("scanner", "infected") and st["command"] == "results" \
    and st["alerts"] >= 1
sys.exit(0 if ok else 1)
EOP
kill -0 $SP 2>/dev/null || fail "the sensor had ended before the page was read: the test proves nothing"
wait_line "$T/follow.jsonl" '"type":"alert".*"addr":"127.0.0.1"' 5 && grep -q '"addr":"127.0.0.1"' "$T/alerts.jsonl" &&
	grep -q "ALERT .* 127.0.0.1 scanner" "$T/follow.err" ||
	fail "results --follow: no alert line for 127.0.0.1 (output, --json-out, stderr) while the sensor captures"
echo "results --follow: $(grep -c '"type":"alert"' "$T/follow.jsonl") alert line(s) as they came"
wait_line "$T/exec.out" '"127.0.0.1"' 5 || fail "the page's alert never reached --exec"
echo "--exec got: $(head -c 200 "$T/exec.out")"
if [ -n "$CDP" ] && command -v chromium >/dev/null 2>&1 && command -v node >/dev/null 2>&1; then
	mkdir "$T/chrome"
	timeout 30 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--remote-debugging-port=0 --user-data-dir="$T/chrome" "$URL" >/dev/null 2>&1 &
	CH=$!
	PIDS="$PIDS $CH"
	timeout 25 node --experimental-websocket "$CDP" "$T/chrome" - \
		"(function(){var r=document.querySelector('tr[data-addr=\"127.0.0.1\"]');return r&&document.documentElement.lang==='$PAGE_LANG'?r.dataset.verdict+'|'+document.documentElement.lang+'|'+document.querySelector('h2').textContent:''})()" \
		20 > "$T/cdp.out" 2>&1 || { cat "$T/cdp.out"; fail "Chromium never showed the scanner's row (in '$PAGE_LANG')"; }
	echo "Chromium shows 127.0.0.1: $(cat "$T/cdp.out")"
	want='"scanner|en|Hosts"'
	[ $PAGE_LANG = ja ] && want='"scanner|ja|ホスト"'
	grep -q "$want" "$T/cdp.out" || fail "the page's words are not in its language ($want)"
	kill $CH 2>/dev/null
else
	echo "skip (part): no chromium or node: the page is not looked at in a browser"
fi
wait $SP || fail "sensor exited $?"
"$WW" results $B --json --wait 30 > "$T/r.json"
st=$?
names_scanner "$T/r.json" "final" || fail "the final verdicts do not name the scanner"
[ $st = 1 ] || [ $st = 3 ] || fail "results exited $st"

# the page stops on SIGTERM with the report as the judges last gave it
kill -TERM $PAGE
wait $PAGE
pst=$?
names_scanner "$T/page.json" "results --http on SIGTERM" ||
	fail "results --http wrote no report naming the scanner on SIGTERM (exit $pst)"
[ $pst = 1 ] || [ $pst = 3 ] || fail "results --http exited $pst"
kill -TERM $FOLLOW
wait $FOLLOW
python3 - "$T/follow.jsonl" <<'EOP' || fail "results --follow --format jsonl: not alert lines then the report"
import json, sys
L = [json.loads(l) for l in open(sys.argv[1])]
t = [x["type"] for x in L]
print("results --follow --format jsonl: %s" % " ".join(dict.fromkeys(t)))
sys.exit(0 if t[0] == "alert" and t[-1] == "summary" and "host" in t else 1)
EOP
echo PASS
