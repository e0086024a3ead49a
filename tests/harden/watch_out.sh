#!/bin/sh
# Issue 14 point 6: `watch --json-out`.
#  - a symbolic link planted where the file should be is refused (74), the
#    file it points at untouched; a FIFO is refused too (no hang);
#  - in a network namespace of its own (wwhard-<pid>, loopback only), five
#    loopback sources sweep 40 addresses each on 445 (refused at once), so
#    watch raises five alerts; the alert file is capped at 1,000 bytes
#    (RLIMIT_FSIZE, SIGXFSZ ignored: a full disk): it must hold whole JSON
#    lines only, the alerts that did not fit are counted as lost, the report
#    says so and the exit status is 74; SIGHUP reopens the file.
# The namespace part skips (77) when not root or namespaces cannot be made.
set -u
WW=$1
SWEEP=$2
T=$(mktemp -d)
NS=wwhard-$$
wpid=
cleanup() {
	[ -n "$wpid" ] && kill "$wpid" 2>/dev/null
	ip netns del "$NS" 2>/dev/null
	[ -n "${WW_KEEP:-}" ] || rm -rf "$T"
}
trap cleanup EXIT INT TERM
fail=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }

echo keep >"$T/target"
ln -s target "$T/link"
timeout 10 "$WW" watch -i lo --json-out "$T/link" --duration 0.2 >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" = 74 ] && grep -q "cannot open '$T/link': it is a symbolic link" "$T/err" \
	&& ok "symlink refused (74)" || { bad "symlink: exit $rc"; cat "$T/err"; }
[ "$(cat "$T/target")" = keep ] && ok "link target untouched" || bad "link target written"
mkfifo "$T/fifo"
timeout 10 "$WW" watch -i lo --json-out "$T/fifo" --duration 0.2 >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" = 74 ] && grep -q "it is not a regular file" "$T/err" && ok "FIFO refused (74)" || { bad "FIFO: exit $rc"; cat "$T/err"; }

if [ "$(id -u)" != 0 ] || ! command -v ip >/dev/null || ! command -v python3 >/dev/null ||
   ! ip netns add "$NS" 2>/dev/null; then
	echo "skipped the namespace part: needs root, ip and python3"
	[ $fail = 0 ] && exit 77
	exit $fail
fi
ip -n "$NS" link set lo up
# stdout and stderr through pipes: the file size cap is for the alert file
mkfifo "$T/p1" "$T/p2"
cat "$T/p1" >"$T/watch.out" &
cat "$T/p2" >"$T/watch.err" &
# the alert file is capped at 1000 bytes: about three lines fit
ip netns exec "$NS" python3 -c '
import os, resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))
os.execv(sys.argv[1], sys.argv[1:])' "$WW" watch -i lo --home-net 127.0.0.0/8 \
	--json-out "$T/alerts.jsonl" --status 0 --duration 30 >"$T/p1" 2>"$T/p2" &
wpid=$!
sleep 1.5
timeout 60 ip netns exec "$NS" python3 "$SWEEP" 5 40 445 2 || bad "sweep failed"
k=0
while [ $k -lt 50 ] && [ "$(grep -c 'ALERT' "$T/watch.err")" -lt 5 ]; do sleep 0.1; k=$((k + 1)); done
kill -HUP "$wpid"
sleep 0.3
kill -INT "$wpid"
wait "$wpid"
rc=$?
wpid=
wait
alerts=$(grep -c 'ALERT' "$T/watch.err")
[ "$alerts" -ge 5 ] && ok "$alerts alerts raised" || { bad "only $alerts alerts"; tail -5 "$T/watch.err"; }
[ "$rc" = 74 ] && ok "exit 74 with alerts lost" || { bad "exit $rc, expected 74"; tail -5 "$T/watch.err"; }
python3 - "$T/alerts.jsonl" "$alerts" <<'PY' && ok "the file holds whole JSON lines only" || bad "partial line in the alert file"
import json, sys
data = open(sys.argv[1], "rb").read()
assert data == b"" or data.endswith(b"\n"), data[-80:]
lines = data.decode().splitlines()
for l in lines:
    json.loads(l)
assert 1 <= len(lines) < int(sys.argv[2]), (len(lines), sys.argv[2])
print("  %d whole lines, %d bytes" % (len(lines), len(data)))
PY
written=$(wc -l <"$T/alerts.jsonl")
lost=$((alerts - written))
grep -q "alerts_lost=$lost" "$T/watch.out" && ok "report: alerts_lost=$lost" || { bad "report alerts_lost (want $lost)"; head -3 "$T/watch.out"; }
grep -q "could not be written to '$T/alerts.jsonl'" "$T/watch.out" && ok "report warns" || bad "no report warning"
grep -q "reopened '$T/alerts.jsonl'" "$T/watch.err" && ok "SIGHUP reopened the file" || bad "no reopen on SIGHUP"
exit $fail
