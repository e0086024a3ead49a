#!/bin/sh
# Issue 14 point 9: without privileges, `nat --live` and `watch` say what
# they need (root, or CAP_NET_ADMIN/CAP_NET_RAW) and the setcap line that
# grants them to this program; `host --live` says whose sockets it could
# not see instead of giving Windows advice. Privileges are dropped with
# setpriv (user nobody, no capabilities): needs root to start (else 77).
set -u
WW=$1
[ "$(id -u)" = 0 ] || { echo "skipped: needs root to drop to nobody"; exit 77; }
command -v setpriv >/dev/null || { echo "skipped: no setpriv"; exit 77; }
T=$(mktemp -d)
chmod 755 "$T"
trap 'rm -rf "$T"' EXIT
fail=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }
np() { setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all --bounding-set=-all "$@"; }
exe=$(readlink -f "$WW")
np "$WW" nat --live >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" = 66 ] && ok "nat --live as nobody: exit 66" || bad "nat --live: exit $rc"
grep -q "nat --live (the kernel's connection table) needs root or the capabilities CAP_NET_ADMIN (netlink) and CAP_NET_RAW" "$T/err" \
	&& ok "nat --live names what it needs" || { bad "nat --live: no hint"; cat "$T/err"; }
grep -qF "sudo setcap cap_net_raw,cap_net_admin+eip '$exe'" "$T/err" && ok "nat --live: setcap line" || bad "nat --live: no setcap line"
np timeout 10 "$WW" watch -i lo --duration 0.2 >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" = 66 ] && ok "watch as nobody: exit 66" || bad "watch: exit $rc"
grep -q "watch (a live capture) needs root or the capabilities CAP_NET_RAW and CAP_NET_ADMIN" "$T/err" \
	&& ok "watch names what it needs" || { bad "watch: no hint"; cat "$T/err"; }
grep -qF "sudo setcap cap_net_raw,cap_net_admin+eip '$exe'" "$T/err" && ok "watch: setcap line" || bad "watch: no setcap line"
# a root process with a listening socket that nobody cannot see
timeout 20 python3 -c 'import socket,time; s=socket.socket(); s.bind(("127.0.0.1",0)); s.listen(1); time.sleep(15)' &
lp=$!
sleep 0.5
np "$WW" host --live >"$T/out" 2>"$T/err"
rc=$?
[ "$rc" -lt 64 ] && ok "host --live as nobody: a report (exit $rc)" || bad "host --live: exit $rc"
grep -q "not run as root: the open sockets of [0-9]* process.* could not be seen (/proc/<pid>/fd is readable by root only)" "$T/out" \
	&& ok "host --live says whose sockets it could not see" || { bad "host --live: no warning"; cat "$T/out"; }
grep -q "run \`sudo wormwatch host --live\` to see them" "$T/out" && ok "host --live: how to see them" || bad "host --live: no advice"
if grep -q 'netstat -ano\|collect-windows\|taskkill\|MS08-067' "$T/out"; then bad "host --live gives Windows advice"; else ok "no Windows advice"; fi
"$WW" host --live >"$T/out" 2>"$T/err"
grep -q "not run as root" "$T/out" && bad "root run warned" || ok "as root: no such warning"
kill "$lp" 2>/dev/null

# a sweep whose owner nobody cannot see: in a namespace of its own
# (wwhard-p<pid>), a root process holds 40 SYN_SENT sockets to 10.66.0.x on
# 445 through a veth pair that answers nothing
NS=wwhard-p$$
if command -v ip >/dev/null && ip netns add "$NS" 2>/dev/null; then
	trap 'ip netns del "$NS" 2>/dev/null; rm -rf "$T"' EXIT
	ip -n "$NS" link set lo up
	# a veth pair inside the namespace; 10.66.0.0/24 routed to a gateway
	# whose MAC is made up, so the SYNs leave and nothing ever answers
	ip -n "$NS" link add v0 type veth peer name v1
	ip -n "$NS" addr add 10.65.0.1/30 dev v0
	ip -n "$NS" link set v0 up
	ip -n "$NS" link set v1 up
	ip -n "$NS" neigh add 10.65.0.2 lladdr 02:00:00:00:00:01 dev v0 nud permanent
	ip -n "$NS" route add 10.66.0.0/24 via 10.65.0.2
	ip netns exec "$NS" timeout 30 python3 -c '
import socket, time
ss = []
for i in range(2, 42):
    s = socket.socket(); s.setblocking(False)
    try: s.connect(("10.66.0.%d" % i, 445))
    except BlockingIOError: pass
    ss.append(s)
time.sleep(20)' &
	sp=$!
	sleep 1
	ip netns exec "$NS" setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all 		--bounding-set=-all "$WW" host --live >"$T/out" 2>"$T/err"
	rc=$?
	[ "$rc" = 3 ] && ok "sweep seen as nobody: exit 3" || { bad "sweep: exit $rc"; head -20 "$T/out"; }
	grep -q "owner unknown: run as root to see which process holds the sockets" "$T/out" 		&& ok "sweep: owner unknown, run as root" || { bad "sweep: title"; head -5 "$T/out"; }
	grep -q "the owning process could not be seen: run \`sudo wormwatch host --live\`" "$T/out" 		&& ok "sweep: step says how to see it" || bad "sweep: step"
	if grep -q 'netstat -ano\|collect-windows\|taskkill\|MS08-067\|Run keys' "$T/out"; then
		bad "sweep: Windows advice"; grep -n 'netstat -ano\|collect-windows\|taskkill\|MS08-067\|Run keys' "$T/out"
	else ok "sweep: no Windows advice"; fi
	ip netns exec "$NS" "$WW" host --live >"$T/out" 2>"$T/err"
	grep -q "python3 PID $sp\|PID [0-9]* is sweeping" "$T/out" && ok "as root the owner is named" || { bad "as root: owner"; head -5 "$T/out"; }
	kill "$sp" 2>/dev/null
else
	echo "skipped the sweep part: cannot make a network namespace"
fi
exit $fail
