#!/bin/sh
# The live page's HTTP side, in a namespace of its own:
#  - bound to a non-loopback address: a 128-bit token is printed in the URL
#    and every data request needs it (403 without, 403 with a wrong one);
#    the page's code needs none; only GET; security headers on every reply;
#  - on loopback: a Host header naming another site is refused (421);
#  - --chart-js none: /chart.js is 404 and Chromium shows the note instead
#    of a chart;
#  - a client that opens /events and stops reading is dropped (socket
#    buffers made small in this namespace so that they fill in seconds),
#    while a reading client keeps getting events and the capture goes on.
# Skips (77) without root, namespaces, python3, node or chromium.
# usage: http.sh WORMWATCH TESTDIR
ww=$1 dir=$2
skip() { echo "SKIP: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root to capture in a network namespace"
for c in ip python3 node chromium; do command -v $c >/dev/null || skip "no '$c' command"; done
N=wwlive-$$-w
tmp=$(mktemp -d) || exit 1
pids=
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	sleep 0.2
	for p in $pids; do kill -9 "$p" 2>/dev/null; done
	ip netns del "$N" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
ip netns add "$N" 2>/dev/null || skip "cannot create network namespaces here"
ip -n "$N" link set lo up
ip -n "$N" link add d0 type veth peer name d1 || skip "no veth interfaces"
ip -n "$N" addr add 10.99.0.1/24 dev d0
ip -n "$N" link set d0 up
ip -n "$N" link set d1 up
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }
start() { # name, then watch options
	n=$1; shift
	ip netns exec "$N" "$ww" watch -i lo --status 0 --duration 60 "$@" >/dev/null 2>"$tmp/$n.err" &
	pids="$pids $!"
	k=0
	while [ $k -lt 50 ] && ! grep -q 'live page at' "$tmp/$n.err"; do sleep 0.1; k=$((k + 1)); done
	sed -n 's/.*live page at \(http[^ ]*\).*/\1/p' "$tmp/$n.err"
}

url=$(start tok --http 10.99.0.1:0 --chart-js none)
echo "page: $url"
echo "$url" | grep -Eq '^http://10\.99\.0\.1:[0-9]+/\?token=[0-9a-f]{32}$' &&
	ok "non-loopback: the URL carries a 128-bit token" || bad "no token in '$url'"
ip netns exec "$N" python3 - "$url" <<'PY' || fail=1
import json, sys, urllib.request, urllib.error
url = sys.argv[1]
base, tok = url.split("?token=")
fail = 0
def status(path, method="GET"):
    req = urllib.request.Request(base + path, method=method)
    try:
        with urllib.request.urlopen(req, timeout=5) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()
def check(ok, what):
    global fail
    print(("ok   " if ok else "FAIL ") + what)
    fail |= not ok
for p in ["", "api/hosts", "api/alerts", "api/state", "events"]:
    check(status(p)[0] == 403, "/%s without the token: 403" % p)
    check(status(p + "?token=" + "0" * 32)[0] == 403, "/%s with a wrong token: 403" % p)
s, h, b = status("?token=" + tok)
check(s == 200 and b"<title>wormwatch live</title>" in b, "/ with the token: the page")
csp = h.get("Content-Security-Policy", "")
check("script-src 'self'" in csp and "default-src 'none'" in csp and
      h.get("X-Content-Type-Options") == "nosniff" and h.get("X-Frame-Options") == "DENY" and
      h.get("Referrer-Policy") == "no-referrer", "security headers: " + csp)
s, h, b = status("api/hosts?token=" + tok)
check(s == 200 and "hosts" in json.loads(b), "/api/hosts with the token: JSON")
check(status("app.js")[0] == 200, "/app.js needs no token (code, no data)")
check(status("chart.js")[0] == 404, "/chart.js with --chart-js none: 404")
st = json.loads(status("api/state?token=" + tok)[2])
check("charts are off" in st["stats"]["chart_note"], "the state says why: " + st["stats"]["chart_note"])
check(status("api/hosts?token=" + tok, "POST")[0] == 405, "POST: 405")
check(status("nothing?token=" + tok)[0] == 404, "an unknown path: 404")
sys.exit(fail)
PY
# Chromium with no Chart.js: the note instead of the chart
mkdir "$tmp/chrome"
ip netns exec "$N" timeout 30 chromium --headless --no-sandbox --disable-gpu --disable-quic \
	--no-first-run --disable-background-networking --disable-component-update --disable-sync \
	--remote-debugging-port=0 --user-data-dir="$tmp/chrome" "$url" >/dev/null 2>&1 &
pids="$pids $!"
ip netns exec "$N" timeout 25 node --experimental-websocket "$dir/cdp.js" "$tmp/chrome" - \
	"(function(){var n=document.getElementById('chartnote');return !n.hidden&&document.getElementById('rates').hidden?n.textContent:''})()" \
	20 >"$tmp/cdp.out" 2>&1 && ok "Chromium shows the note: $(cat "$tmp/cdp.out")" ||
	{ bad "no chart note in the page"; cat "$tmp/cdp.out"; }

lurl=$(start lo --http 127.0.0.1:0)
port=$(echo "$lurl" | sed 's/.*:\([0-9]*\)\/.*/\1/')
ip netns exec "$N" python3 - "$port" <<'PY' || fail=1
import http.client, sys
port = int(sys.argv[1])
def get(host):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    c.putrequest("GET", "/api/hosts", skip_host=True)
    c.putheader("Host", host)
    c.endheaders()
    return c.getresponse().status
ok1 = get("evil.example:%d" % port) == 421
ok2 = get("localhost:%d" % port) == 200 and get("127.0.0.1:%d" % port) == 200
print(("ok   " if ok1 else "FAIL ") + "loopback: a foreign Host header is refused (DNS rebinding)")
print(("ok   " if ok2 else "FAIL ") + "loopback: localhost and 127.0.0.1 are served")
sys.exit(0 if ok1 and ok2 else 1)
PY

# a client that stops reading: small socket buffers in this namespace only
ip netns exec "$N" sysctl -qw net.ipv4.tcp_rmem="4096 4096 4096" net.ipv4.tcp_wmem="4096 4096 4096"
ip netns exec "$N" timeout 60 python3 - "$port" <<'PY' || fail=1
import json, socket, sys, time, urllib.request
port = int(sys.argv[1])
req = ("GET /events HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n" % port).encode()
def state():
    return json.load(urllib.request.urlopen("http://127.0.0.1:%d/api/state" % port, timeout=5))
stall = socket.socket()
stall.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)
stall.connect(("127.0.0.1", port)); stall.sendall(req)        # and never reads again
reader = socket.create_connection(("127.0.0.1", port)); reader.sendall(req)
reader.settimeout(0.2)
start = time.time(); n0 = None; got = 0; dropped_at = None; last_event = 0
while time.time() - start < 45:
    try:
        d = reader.recv(65536)
        if d:
            got += d.count(b"event: state"); last_event = time.time()
    except socket.timeout:
        pass
    s = state()["stats"]
    if n0 is None and s["clients"] >= 2:  # the count is published once a second
        n0 = s["clients"]; p0 = s["packets"]
    if n0 is None:
        time.sleep(0.3)
        continue
    if n0 >= 2 and s["clients"] == n0 - 1 and dropped_at is None:
        dropped_at = time.time() - start; p1 = s["packets"]
        break
    time.sleep(0.3)
ok = dropped_at is not None and time.time() - last_event < 3 and got >= 2
print(("ok   " if ok else "FAIL ") + "the stalled client was dropped after %s s (streams %s -> %s); "
      "the reader got %d states, the last %.1f s ago"
      % ("%.1f" % dropped_at if dropped_at else "-", n0, n0 - 1 if dropped_at else "?", got,
         time.time() - last_event))
if dropped_at:
    print(("ok   " if p1 > p0 else "FAIL ") + "the capture went on meanwhile (%d -> %d packets)" % (p0, p1))
    ok = ok and p1 > p0
sys.exit(0 if ok else 1)
PY
exit $fail
