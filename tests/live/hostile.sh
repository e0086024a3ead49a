#!/bin/sh
# Hostile names on the live page: in a namespace of its own (loopback only),
# DNS answers name security sites as '<script>document.title="pwned"</script>
# .microsoft.com' and '<svg/onload=document.title="pwned2">.update.microsoft.com'
# (NXDOMAIN), so the host that asked becomes suspicious with those names in
# its evidence. Headless Chromium must show them as text: the literal
# '<script>' in the row, no script or svg element made from them, the title
# untouched; /api/hosts must carry them JSON-escaped (parsed back intact).
# Skips (77) without root, namespaces, python3, node or chromium.
# usage: hostile.sh WORMWATCH TESTDIR
ww=$1 dir=$2
skip() { echo "SKIP: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root to capture in a network namespace"
for c in ip python3 node chromium; do command -v $c >/dev/null || skip "no '$c' command"; done
N=wwlive-$$-h
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
fail=0

ip netns exec "$N" "$ww" watch -i lo --home-net 127.0.0.0/8 --http 127.0.0.1:0 --status 0 \
	--duration 40 --json >"$tmp/watch.json" 2>"$tmp/watch.err" &
pids="$pids $!"
k=0
while [ $k -lt 50 ] && ! grep -q 'live page at' "$tmp/watch.err"; do sleep 0.1; k=$((k + 1)); done
url=$(sed -n 's/.*live page at \(http[^ ]*\).*/\1/p' "$tmp/watch.err")
[ -n "$url" ] || { cat "$tmp/watch.err"; echo "FAIL no page"; exit 1; }
mkdir "$tmp/chrome"
ip netns exec "$N" timeout 40 chromium --headless --no-sandbox --disable-gpu --disable-quic \
	--no-first-run --disable-background-networking --disable-component-update --disable-sync \
	--remote-debugging-port=0 --user-data-dir="$tmp/chrome" "$url" >/dev/null 2>&1 &
pids="$pids $!"
sleep 1

# the hostile answers, then a refused connection so that the host is judged
ip netns exec "$N" python3 - <<'PY'
import socket, struct
def answer(name, rcode=3):
    q = b''.join(bytes([len(l)]) + l.encode() for l in name.split('.')) + b'\0'
    return struct.pack('>HHHHHH', 0x1234, 0x8180 | rcode, 1, 0, 0, 0) + q + struct.pack('>HH', 1, 1)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(('127.0.0.53', 53))
for n in ['<script>document.title="pwned"</script>.microsoft.com',
          '<svg/onload=document.title="pwned2">.update.microsoft.com']:
    s.sendto(answer(n), ('127.0.0.2', 40000))
for port in (1, 2, 3):
    c = socket.socket()
    c.bind(('127.0.0.2', 0))
    c.settimeout(1)
    try:
        c.connect(('127.0.0.9', port))
    except OSError:
        pass
    c.close()
PY

ip netns exec "$N" timeout 30 node --experimental-websocket "$dir/cdp.js" "$tmp/chrome" - \
	"(function(){var r=document.querySelector('#hosts tr[data-addr=\"127.0.0.2\"]');if(!r)return '';return JSON.stringify({text:r.textContent,html:r.outerHTML,scripts:document.scripts.length,svgs:document.querySelectorAll('svg').length,title:document.title})})()" \
	20 >"$tmp/cdp.out" 2>&1
python3 - "$tmp/cdp.out" <<'PY' || fail=1
import json, sys
try:
    v = json.loads(json.loads(open(sys.argv[1]).readline())["value"])
except Exception as e:
    print("FAIL the page never listed 127.0.0.2:", open(sys.argv[1]).read()); sys.exit(1)
fail = 0
def check(ok, what):
    global fail
    print(("ok   " if ok else "FAIL ") + what)
    fail |= not ok
check('<script>document.title="pwned"</script>.microsoft.com' in v["text"] or
      '<svg/onload=document.title="pwned2">.update.microsoft.com' in v["text"],
      "the hostile name is shown as text: " + v["text"][:160])
check("&lt;" in v["html"] and "<script>" not in v["html"] and "<svg" not in v["html"],
      "the row's markup holds it escaped (&lt;...), no element made from it")
check(v["scripts"] == 2, "only the page's own two scripts (%d)" % v["scripts"])
check(v["svgs"] == 0, "no svg element (%d)" % v["svgs"])
check(v["title"] == "wormwatch live", "title untouched (%r)" % v["title"])
sys.exit(fail)
PY
ip netns exec "$N" python3 - "$url" <<'PY' || fail=1
import json, sys, urllib.request
raw = urllib.request.urlopen(sys.argv[1] + "api/hosts", timeout=5).read().decode()
h = [x for x in json.loads(raw)["hosts"] if x["addr"] == "127.0.0.2"]
ev = " ".join(h[0]["evidence"]) if h else ""
ok = '<script>document.title="pwned"</script>.microsoft.com' in ev and '\\"pwned\\"' in raw
print(("ok   " if ok else "FAIL ") + "/api/hosts carries the name JSON-escaped and intact")
sys.exit(0 if ok else 1)
PY
exit $fail
