#!/bin/sh
# End-to-end on a network of namespaces made for this test only:
#
#   [inf 10.77.1.2]--+
#                    br0 10.77.1.1 [router: nftables masquerade, conntrack] wan 192.0.2.1
#   [cli 10.77.1.3]--+                                                         |
#                                                       [out 192.0.2.2, owns 198.18.0.0/24]
#
# The outside namespace owns every address the test sends to (a local route
# for 198.18.0.0/24) and drops TCP 445, so the sweep's entries stay
# unreplied. ww_wormsim on `inf` sweeps 198.18.0.1..N on 445; `cli` makes a
# few ordinary connections. Then `wormwatch nat --live` in the router
# namespace must name 10.77.1.2 and not 10.77.1.3, and `wormwatch watch` on
# br0 must alert on 10.77.1.2 within a second of the deciding packet.
# Every loop is bounded; no traffic leaves the namespaces; the conntrack
# limit is never touched. Skips (77) when not root or namespaces fail.
# usage: router_netns.sh WORMWATCH WORMSIM CHECK_PY
ww=$1 sim=$2 check=$3
skip() { echo "SKIP: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root to make network namespaces"
command -v ip >/dev/null || skip "no 'ip' command"
command -v nft >/dev/null || skip "no 'nft' command"
command -v python3 >/dev/null || skip "no python3 for the report checks"

tag=wwr$$
R=$tag-rtr A=$tag-inf B=$tag-cli O=$tag-out
tmp=$(mktemp -d) || exit 1
cleanup() {
	[ -n "$watch_pid" ] && kill "$watch_pid" 2>/dev/null
	for n in $A $B $O $R; do ip netns del "$n" 2>/dev/null; done
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
ip netns add "$R" 2>/dev/null || skip "cannot create network namespaces here"
for n in $A $B $O; do ip netns add "$n" || exit 1; done
inr() { ip netns exec "$R" "$@"; }

set -e
# inside: a bridge in the router with both hosts on it
inr ip link add br0 type bridge
inr ip addr add 10.77.1.1/24 dev br0
inr ip link set br0 up
inr ip link set lo up
i=0
for n in $A $B; do
	i=$((i + 1))
	ip link add "$tag-h$i" netns "$n" type veth peer name "p$i" netns "$R"
	ip -n "$n" link set "$tag-h$i" name eth0
	ip -n "$n" addr add "10.77.1.$((i + 1))/24" dev eth0
	ip -n "$n" link set eth0 up
	ip -n "$n" link set lo up
	ip -n "$n" route add default via 10.77.1.1
	inr ip link set "p$i" master br0
	inr ip link set "p$i" up
done
# outside
ip link add "$tag-w" netns "$R" type veth peer name "$tag-o" netns "$O"
inr ip link set "$tag-w" name wan
ip -n "$O" link set "$tag-o" name eth0
inr ip addr add 192.0.2.1/30 dev wan
inr ip link set wan up
ip -n "$O" addr add 192.0.2.2/30 dev eth0
ip -n "$O" link set eth0 up
ip -n "$O" link set lo up
ip -n "$O" route add local 198.18.0.0/24 dev lo
ip -n "$O" route add 10.77.1.0/24 via 192.0.2.1 2>/dev/null || true
inr ip route add 198.18.0.0/24 via 192.0.2.2
inr sysctl -qw net.ipv4.ip_forward=1
inr nft -f - <<'NFT'
table ip wwnat {
	chain wwpost { type nat hook postrouting priority srcnat; oifname "wan" masquerade; }
}
NFT
ip netns exec "$O" nft -f - <<'NFT'
table inet wwout {
	chain wwin { type filter hook input priority filter; tcp dport 445 drop; }
}
NFT
set +e

# watch on the router's inside interface (if this build has it)
watch_ok=0
if "$ww" watch --help >/dev/null 2>&1; then
	# started directly (not through a shell function) so that $! is its pid
	ip netns exec "$R" "$ww" watch -i br0 --json-out "$tmp/alerts.jsonl" --status 1 \
		--duration 60 >"$tmp/watch.out" 2>"$tmp/watch.err" &
	watch_pid=$!
	watch_ok=1
	sleep 1
else
	echo "note: this build has no 'watch' (no engine): only nat --live is checked"
fi

# ordinary servers for the client: accept on 80 and 443 (bounded: 40 s)
ip netns exec "$O" timeout 40 python3 -c '
import socket, select
ls = []
for p in (80, 443):
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("0.0.0.0", p)); s.listen(16); ls.append(s)
for _ in range(200):
    r, _w, _x = select.select(ls, [], [], 0.5)
    for s in r:
        c, _a = s.accept(); c.close()
' >/dev/null 2>&1 &
srv_pid=$!
sleep 0.5
[ -n "$WW_NETNS_PCAP" ] && command -v tcpdump >/dev/null &&
	{ ip netns exec "$R" timeout 15 tcpdump -q -i br0 -w "$WW_NETNS_PCAP" 2>/dev/null & }
# the worm: 200 addresses on 445, 5 ms apart, held 20 s; the client: 5 ordinary attempts
ip netns exec "$A" "$sim" 198.18.0.1 200 445 5 20 >"$tmp/sim.out" 2>&1 &
sim_pid=$!
ip netns exec "$B" "$sim" 198.18.0.250 3 80 50 1 >/dev/null 2>&1
ip netns exec "$B" "$sim" 198.18.0.251 2 443 50 1 >/dev/null 2>&1
sleep 3

fail=0
inr "$ww" nat --live --json >"$tmp/nat.json" 2>"$tmp/nat.err"
rc=$?
echo "nat --live: exit $rc"
if [ $rc = 66 ]; then
	cat "$tmp/nat.err"
	skip "the connection table cannot be read here (no netlink access, no /proc/net/nf_conntrack)"
fi
python3 "$check" "$tmp/nat.json" 10.77.1.2=infected 10.77.1.3~not-flagged || fail=1
[ $rc = 3 ] || { echo "FAIL nat --live exit $rc, expected 3"; cat "$tmp/nat.err"; fail=1; }
# --watch on the live table: three samples half a second apart
inr "$ww" nat --live --watch 0.5 --count 3 --json >"$tmp/natw.json" 2>"$tmp/natw.err"
echo "nat --live --watch: exit $?"
python3 "$check" "$tmp/natw.json" 10.77.1.2=infected input.samples=3 || fail=1
# the fallback reader of /proc/net/nf_conntrack, where the kernel has it
if inr test -r /proc/net/nf_conntrack; then
	inr "$ww" nat --live --proc --json >"$tmp/natp.json" 2>"$tmp/nat.err"
	echo "nat --live --proc: exit $?"
	python3 "$check" "$tmp/natp.json" 10.77.1.2=infected 10.77.1.3~not-flagged \
		input.source=/proc/net/nf_conntrack || fail=1
fi

if [ $watch_ok = 1 ]; then
	# give it up to 5 s to write the alert, then stop it with SIGINT
	k=0
	while [ $k -lt 50 ] && ! grep -q '"10.77.1.2"' "$tmp/alerts.jsonl" 2>/dev/null; do
		sleep 0.1
		k=$((k + 1))
	done
	# log rotation: move the file away, SIGHUP, the file must come back
	mv "$tmp/alerts.jsonl" "$tmp/alerts.1" 2>/dev/null
	kill -HUP "$watch_pid"
	k=0
	while [ $k -lt 20 ] && [ ! -f "$tmp/alerts.jsonl" ]; do sleep 0.1; k=$((k + 1)); done
	if [ -f "$tmp/alerts.jsonl" ]; then echo "ok   SIGHUP reopened the alert file"
	else echo "FAIL SIGHUP did not reopen the alert file"; fail=1; fi
	cat "$tmp/alerts.1" "$tmp/alerts.jsonl" >"$tmp/alerts.all" 2>/dev/null
	kill -INT "$watch_pid"
	k=0
	while [ $k -lt 50 ] && kill -0 "$watch_pid" 2>/dev/null; do sleep 0.1; k=$((k + 1)); done
	kill -0 "$watch_pid" 2>/dev/null && { echo "FAIL watch did not stop on SIGINT"; fail=1; }
	watch_pid=
	tail -5 "$tmp/watch.err"
	[ -n "$WW_NETNS_DEBUG" ] && head -30 "$tmp/watch.out"
	python3 - "$tmp/alerts.all" <<'PY' || fail=1
import json, sys
alerts = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
inf = [a for a in alerts if a.get("addr") == "10.77.1.2"]
cli = [a for a in alerts if a.get("addr") == "10.77.1.3"]
if not inf:
    print("FAIL watch: no alert for 10.77.1.2 (%d alerts)" % len(alerts)); sys.exit(1)
a = inf[0]
lag = a["emitted_us"] - a["ts_us"]
print("watch: %s %s after %d first contacts, emitted %.3f s after the deciding packet"
      % (a["addr"], a["verdict"], a["attempts_to_alert"], lag / 1e6))
if lag > 1000000:
    print("FAIL watch: alert later than one second"); sys.exit(1)
if cli:
    print("FAIL watch: the ordinary client was flagged: %s" % cli[0]); sys.exit(1)
PY
fi
kill "$sim_pid" "$srv_pid" 2>/dev/null
wait "$sim_pid" 2>/dev/null
exit $fail
