#!/bin/sh
# Issue 14 point 1, live: in a network namespace of its own (wwhard-f<pid>,
# a veth pair inside it), `watch --max-hosts 1000` sees 3,000 spoofed
# one-SYN sources and then a worm sweeping 445 (tests/harden/flood_send.py):
# the table-pressure alert comes at once (before the worm's), the worm is
# still alerted on and reported infected, and the evictions are counted.
# Root only (77 otherwise).
set -u
WW=$1
SEND=$2
[ "$(id -u)" = 0 ] || { echo "skipped: needs root"; exit 77; }
command -v ip >/dev/null && command -v python3 >/dev/null || { echo "skipped: needs ip and python3"; exit 77; }
NS=wwhard-f$$
T=$(mktemp -d)
wpid=
cleanup() {
	[ -n "$wpid" ] && kill "$wpid" 2>/dev/null
	ip netns del "$NS" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT INT TERM
ip netns add "$NS" 2>/dev/null || { echo "skipped: cannot make a namespace"; exit 77; }
fail=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }
ip -n "$NS" link add v0 type veth peer name v1
ip -n "$NS" link set v0 up
ip -n "$NS" link set v1 up
ip netns exec "$NS" timeout 60 "$WW" watch -i v1 --max-hosts 1000 --json-out "$T/alerts.jsonl" \
	--status 0 --duration 30 >"$T/out" 2>"$T/err" &
wpid=$!
sleep 1.5
timeout 60 ip netns exec "$NS" python3 "$SEND" v0 3000 || bad "sender failed"
# the worm's probes time out after 3 s: its alert follows
k=0
while [ $k -lt 100 ] && ! grep -q 'ALERT .* 10.9.0.23 ' "$T/err"; do sleep 0.1; k=$((k + 1)); done
kill -INT "$wpid"
wait "$wpid"
rc=$?
wpid=
grep -n 'ALERT' "$T/err" | head -3
tp=$(grep -n 'ALERT .*table pressure: the host table is full (1000 hosts)' "$T/err" | head -1 | cut -d: -f1)
wl=$(grep -n 'ALERT .* 10.9.0.23 ' "$T/err" | head -1 | cut -d: -f1)
[ -n "$tp" ] && ok "live table-pressure alert" || { bad "no table-pressure alert"; tail -5 "$T/err"; }
[ -n "$wl" ] && ok "worm alerted on" || bad "no alert for the worm"
[ -n "$tp" ] && [ -n "$wl" ] && [ "$tp" -lt "$wl" ] && ok "pressure alert came first" || bad "alert order"
grep -q '"kind":"table_pressure"' "$T/alerts.jsonl" && ok "json-out has the table_pressure line" || bad "json-out: no table_pressure"
[ "$rc" = 3 ] && ok "watch exit 3" || bad "watch exit $rc"
grep -q 'INFECTED  10.9.0.23' "$T/out" && ok "report: 10.9.0.23 infected" || { bad "report: worm"; head -5 "$T/out"; }
grep -q 'hosts_evicted=[1-9]' "$T/out" && ok "report counts the evictions" || bad "report: no eviction count"
exit $fail
