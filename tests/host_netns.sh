#!/bin/sh
# host --live on Linux, end to end, inside network namespaces of our own:
#   target ns: owns 10.199.<n>.1-41/24 and drops every TCP packet to port 445
#   client ns: a small python3 program opens 40 non-blocking connections to
#              those addresses on 445; they stay in SYN_SENT
# `wormwatch host --live --json` run inside the client ns must name that
# program's PID and executable and exit 3. Skips (77) when not root or when
# namespaces, veth or nftables are not available. Bounded: 40 sockets, the
# client lives at most 60 s, everything is removed on exit.
set -u
WW=$1
skip() { echo "skip: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "not root"
command -v ip >/dev/null 2>&1 || skip "no iproute2"
command -v python3 >/dev/null 2>&1 || skip "no python3"
S=$$
N=$((S % 200 + 20))
C=wwcli$S T=wwtgt$S A=wwa$S B=wwb$S
OUT=$(mktemp -d)
PID=
cleanup() {
	[ -n "$PID" ] && kill "$PID" 2>/dev/null
	ip netns del "$C" 2>/dev/null
	ip netns del "$T" 2>/dev/null
	rm -rf "$OUT"
}
trap cleanup EXIT INT TERM
ip netns add "$T" 2>/dev/null || skip "cannot create a network namespace"
ip netns add "$C" || skip "cannot create a network namespace"
ip link add "$A" type veth peer name "$B" 2>/dev/null || skip "no veth"
ip link set "$A" netns "$C" && ip link set "$B" netns "$T" || exit 1
ip -n "$C" link set lo up && ip -n "$T" link set lo up || exit 1
ip -n "$C" addr add "10.199.$N.200/24" dev "$A" || exit 1
i=1
while [ $i -le 41 ]; do
	ip -n "$T" addr add "10.199.$N.$i/24" dev "$B" || exit 1
	i=$((i + 1))
done
ip -n "$C" link set "$A" up && ip -n "$T" link set "$B" up || exit 1
if ! printf 'table inet wwtest {\n chain input {\n  type filter hook input priority 0; policy accept;\n  tcp dport 445 drop\n }\n}\n' |
	ip netns exec "$T" nft -f - 2>/dev/null; then
	command -v iptables >/dev/null 2>&1 &&
		ip netns exec "$T" iptables -A INPUT -p tcp --dport 445 -j DROP 2>/dev/null ||
		skip "neither nftables nor iptables usable here"
fi

# the "worm": 40 unanswered connections to 445 across the /24
ip netns exec "$C" python3 -c '
import socket, sys, time
net = sys.argv[1]
socks = []
for i in range(1, 41):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setblocking(False)
    s.connect_ex(("%s.%d" % (net, i), 445))
    socks.append(s)
open(sys.argv[2], "w").write("ready\n")
time.sleep(60)
' "10.199.$N" "$OUT/ready" &
PID=$!
i=0
while [ ! -s "$OUT/ready" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ -s "$OUT/ready" ] || { echo "FAIL: the client did not start"; exit 1; }
sleep 1
EXE=$(readlink "/proc/$PID/exe")
ip netns exec "$C" "$WW" host --live --json >"$OUT/json" 2>"$OUT/err"
rc=$?
fail=0
[ $rc = 3 ] && echo "ok   exit 3" || { echo "FAIL: exit $rc, expected 3"; cat "$OUT/err"; fail=1; }
grep -q "\"pid\":$PID" "$OUT/json" && echo "ok   names PID $PID" || { echo "FAIL: PID $PID not named"; fail=1; }
grep -q "\"path\":\"$EXE\"" "$OUT/json" && echo "ok   names $EXE" || { echo "FAIL: executable $EXE not named"; fail=1; }
grep -q 'sweeping 40 addresses' "$OUT/json" && echo "ok   40 peers" || { echo "FAIL: peer count"; fail=1; }
[ $fail = 0 ] || head -c 3000 "$OUT/json"
exit $fail
