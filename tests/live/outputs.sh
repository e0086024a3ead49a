#!/bin/sh
# Alerts to where people read them, in a namespace of its own (loopback):
# ww_wormsim sweeps 127.0.1.0/24 on 445 (refused at once), so 127.0.0.1 is
# alerted on. Checks:
#  - --syslog: the alerts reach /dev/log (a socket this test listens on,
#    bound over /dev in a private mount namespace) as facility daemon,
#    severity crit (infected) or warning (scanner), tagged wormwatch;
#  - --json-out: the alert line is in the file while watch still runs;
#  - --exec: the command got each alert's JSON line on stdin, no argument,
#    no signal blocked;
#    one that outlives --exec-timeout is killed and reaped, and said so;
#  - --contain=all with --never: the host is named, not contained;
#  - --contain without CAP_NET_ADMIN: one line says what it needs and the
#    alerts still come.
# Skips (77) without root, namespaces, unshare or python3.
# usage: outputs.sh WORMWATCH WORMSIM
ww=$1 sim=$2
skip() { echo "SKIP: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root to capture in a network namespace"
for c in ip python3 unshare setpriv; do command -v $c >/dev/null || skip "no '$c' command"; done
N=wwlive-$$-o
tmp=$(mktemp -d) || exit 1
pids=
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	ip netns del "$N" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
ip netns add "$N" 2>/dev/null || skip "cannot create network namespaces here"
ip -n "$N" link set lo up
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }
worm() { ip netns exec "$N" "$sim" 127.0.1.1 60 445 10 2 >/dev/null 2>&1; }

# the system log: a datagram socket where /dev/log will be
mkdir "$tmp/dev" "$tmp/hook"
timeout 30 python3 -c '
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1]); s.settimeout(0.5)
open(sys.argv[2], "w").close()
import time
end = time.time() + 28
with open(sys.argv[2], "a") as f:
    while time.time() < end:
        try: d = s.recv(65536)
        except socket.timeout: continue
        f.write(d.decode("utf-8", "replace") + "\n"); f.flush()
' "$tmp/dev/log" "$tmp/syslog.txt" &
pids="$pids $!"
k=0
while [ $k -lt 30 ] && [ ! -S "$tmp/dev/log" ]; do sleep 0.1; k=$((k + 1)); done
cat >"$tmp/hook.sh" <<HOOK
#!/bin/sh
cat >"$tmp/hook/\$\$.json"
echo \$# >"$tmp/hook/\$\$.argc"
# read by the shell itself: a child would see the mask the shell holds around fork
while read -r k v; do [ "\$k" = SigBlk: ] && echo "\$v" >"$tmp/hook/\$\$.sigblk"; done </proc/\$\$/status
HOOK
chmod +x "$tmp/hook.sh"

ip netns exec "$N" unshare -m --propagation private sh -c '
	d=$1; shift
	for n in null zero random urandom; do touch "$d/$n"; mount --bind "/dev/$n" "$d/$n"; done
	mount --bind "$d" /dev
	exec "$@"' sh "$tmp/dev" "$ww" watch -i lo --home-net 127.0.0.0/8 --syslog \
	--exec "$tmp/hook.sh" --json-out "$tmp/alerts.jsonl" --contain=all --never 127.0.0.0/8 \
	--status 0 --duration 6 --json >"$tmp/w1.json" 2>"$tmp/w1.err" &
w1=$!
pids="$pids $w1"
sleep 1
worm
k=0
while [ $k -lt 30 ] && ! grep -q '"addr":"127.0.0.1"' "$tmp/alerts.jsonl" 2>/dev/null; do
	sleep 0.1; k=$((k + 1)); done
if kill -0 $w1 2>/dev/null && grep -q '"addr":"127.0.0.1"' "$tmp/alerts.jsonl"; then
	ok "--json-out: the alert is in the file while watch runs (flushed per alert)"
else
	bad "--json-out: no flushed alert line while running"
fi
wait $w1
grep -q 'CONTAIN 127.0.0.1 ([a-z]*) not contained: on the --never list' "$tmp/w1.err" &&
	ok "--never: named, not contained" || { bad "--never"; cat "$tmp/w1.err"; }
sleep 0.5
python3 - "$tmp/alerts.jsonl" "$tmp/syslog.txt" "$tmp/hook" <<'PY' || fail=1
import glob, json, os, re, sys
alerts = [l.strip() for l in open(sys.argv[1]) if l.strip()]
logs = open(sys.argv[2]).read().splitlines()
fail = 0
def check(ok, what):
    global fail
    print(("ok   " if ok else "FAIL ") + what)
    fail |= not ok
check(len(alerts) >= 1, "%d alert(s) in the file" % len(alerts))
for a in map(json.loads, alerts):
    pri = 3 * 8 + (2 if a["verdict"] == "infected" else 4)   # daemon.crit / daemon.warning
    want = re.compile(r"^<%d>.*wormwatch\[\d+\]: ALERT %s %s " % (pri, re.escape(a["addr"]), a["verdict"]))
    check(any(want.search(l) for l in logs), "--syslog: <%d> ALERT %s %s" % (pri, a["addr"], a["verdict"]))
check(any(re.search(r"^<29>.*wormwatch\[\d+\]: 127\.0\.0\.1 .*not contained", l) for l in logs),
      "--syslog: the containment decision as daemon.notice")
got = sorted(open(f).read().strip() for f in glob.glob(sys.argv[3] + "/*.json"))
check(got == sorted(alerts), "--exec: one run per alert, its JSON line on stdin (%d runs)" % len(got))
argcs = {open(f).read().strip() for f in glob.glob(sys.argv[3] + "/*.argc")}
check(argcs == {"0"}, "--exec: no argument on the command line (%s)" % argcs)
blk = {open(f).read().strip() for f in glob.glob(sys.argv[3] + "/*.sigblk")}
check(blk == {"0000000000000000"}, "--exec: the command starts with no signal blocked (%s)" % blk)
sys.exit(fail)
PY

# a command that does not end: killed after --exec-timeout and reaped
cat >"$tmp/hang.sh" <<HANG
#!/bin/sh
echo \$\$ >"$tmp/hang.pid"
exec sleep 30
HANG
chmod +x "$tmp/hang.sh"
ip netns exec "$N" "$ww" watch -i lo --home-net 127.0.0.0/8 --exec "$tmp/hang.sh" \
	--exec-timeout 0.5 --status 0 --duration 4 >/dev/null 2>"$tmp/w2.err" &
w2=$!
pids="$pids $w2"
sleep 1
worm
wait $w2
hp=$(cat "$tmp/hang.pid" 2>/dev/null)
grep -q "ran longer than 0.5 s and was killed" "$tmp/w2.err" && [ -n "$hp" ] && ! kill -0 "$hp" 2>/dev/null &&
	ok "--exec-timeout: the hanging command was killed and reaped" || { bad "--exec-timeout"; cat "$tmp/w2.err"; }

# no CAP_NET_ADMIN: one line, and watching goes on
ip netns exec "$N" setpriv --inh-caps=-net_admin --bounding-set=-net_admin "$ww" watch -i lo \
	--home-net 127.0.0.0/8 --contain --json-out "$tmp/a3.jsonl" --status 0 --duration 4 \
	>/dev/null 2>"$tmp/w3.err" &
w3=$!
pids="$pids $w3"
sleep 1
worm
wait $w3
n=$(grep -c 'CAP_NET_ADMIN' "$tmp/w3.err")
[ "$n" = 1 ] && grep -q "needs root (CAP_NET_ADMIN)" "$tmp/w3.err" &&
	ok "--contain without CAP_NET_ADMIN: one line: $(grep CAP_NET_ADMIN "$tmp/w3.err")" ||
	{ bad "no-capability message ($n lines)"; cat "$tmp/w3.err"; }
grep -q '"addr":"127.0.0.1"' "$tmp/a3.jsonl" && ok "... and the alerts still came" || bad "no alert without containment"
[ "$(grep -c . "$tmp/w3.err" | head -1)" -gt 0 ] && grep -iq "operation not permitted" "$tmp/w3.err" &&
	bad "libnftables' own message leaked"
exit $fail
