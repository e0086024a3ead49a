#!/bin/sh
# contain --apply / --undo for real, in network namespaces of our own:
#
#   wwresp-i<pid>  infected host  10.78.1.2/24 --+
#   wwresp-c<pid>  clean host     10.78.2.2/24 --+-- wwresp-r<pid>: router, forwards
#   wwresp-f<pid>  file server    10.78.3.2/24 --+   (10.78.{1,2,3}.1), conntrack on
#
# The file server listens on TCP 445 (python3, bounded life). The infected
# host sweeps 10.78.3.100-139 on 445 (nobody there: the entries stay
# unreplied); `wormwatch nat --live --json` in the router names it, and
# `wormwatch contain --apply` on that result loads table inet wormwatch in the
# router. Then: the infected host's connections to the file server's 445 are
# dropped (nft's counter sees its SYNs), the clean host still reaches the
# listener, the tables of the router are the ones before plus inet wormwatch
# only; `--undo` removes exactly that table and the infected host connects
# again. Without CAP_NET_ADMIN, --apply refuses in one line (setpriv).
# Root only (77 otherwise); every loop is bounded; everything is removed on
# exit; no packet leaves the namespaces.
set -u
WW=$1
API=${2:-}
skip() { echo "skip: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "not root"
command -v ip >/dev/null 2>&1 || skip "no iproute2"
command -v nft >/dev/null 2>&1 || skip "no nft"
command -v python3 >/dev/null 2>&1 || skip "no python3"
command -v bash >/dev/null 2>&1 || skip "no bash (for /dev/tcp)"
S=$$
R=wwresp-r$S I=wwresp-i$S C=wwresp-c$S F=wwresp-f$S
T=$(mktemp -d)
LPID=
cleanup() {
	[ -n "$LPID" ] && kill "$LPID" 2>/dev/null
	for n in "$I" "$C" "$F" "$R"; do ip netns del "$n" 2>/dev/null; done
	rm -rf "$T"
}
trap cleanup EXIT INT TERM
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }
inr() { ip netns exec "$R" "$@"; }

ip netns add "$R" 2>/dev/null || skip "cannot create a network namespace"
k=1
for n in "$I" "$C" "$F"; do
	ip netns add "$n" || exit 1
	ip link add "wwr$k$S" type veth peer name "wwh$k$S" 2>/dev/null || skip "no veth"
	ip link set "wwr$k$S" netns "$R" && ip link set "wwh$k$S" netns "$n" || exit 1
	ip -n "$R" addr add "10.78.$k.1/24" dev "wwr$k$S" && ip -n "$R" link set "wwr$k$S" up || exit 1
	ip -n "$n" addr add "10.78.$k.2/24" dev "wwh$k$S" && ip -n "$n" link set "wwh$k$S" up || exit 1
	ip -n "$n" link set lo up
	ip -n "$n" route add default via "10.78.$k.1" || exit 1
	k=$((k + 1))
done
ip -n "$R" link set lo up
inr sysctl -qw net.ipv4.ip_forward=1 || exit 1
# a table that makes the router track connections (the kernel registers
# conntrack for a namespace only when a rule needs it)
inr nft -f - <<'NFT' || skip "nftables not usable here"
table ip wwresp_track {
	chain forward {
		type filter hook forward priority 0; policy accept;
		ct state new counter
	}
}
NFT

# the file server's listener: accepts and closes, for at most 90 s
ip netns exec "$F" python3 -c '
import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("10.78.3.2", 445)); s.listen(64); s.settimeout(0.5)
open(sys.argv[1], "w").write("ready\n")
end = time.time() + 90
while time.time() < end:
    try:
        c, _ = s.accept(); c.close()
    except socket.timeout:
        pass
' "$T/ready" &
LPID=$!
i=0
while [ ! -s "$T/ready" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
[ -s "$T/ready" ] || { echo "FAIL the listener did not start"; exit 1; }

# one connection attempt to the file server's 445 from namespace $1: 0 connected
reach() { ip netns exec "$1" timeout 2 bash -c '</dev/tcp/10.78.3.2/445' 2>/dev/null; }
# how many of 3 attempts connect
count() {
	n=0
	for _ in 1 2 3; do reach "$1" && n=$((n + 1)); done
	echo $n
}

[ "$(count "$I")" = 3 ] && ok "before: the infected host reaches 10.78.3.2:445" || bad "no path before"
[ "$(count "$C")" = 3 ] && ok "before: the clean host reaches 10.78.3.2:445" || bad "no path before"

# the worm: 40 SYNs to empty addresses on 445, each given 0.3 s
ip netns exec "$I" bash -c 'for h in $(seq 100 139); do timeout 0.3 bash -c "</dev/tcp/10.78.3.$h/445" 2>/dev/null; done'
inr "$WW" nat --live --json >"$T/nat.json" 2>"$T/nat.err"
rc=$?
if ! grep -q '"addr":"10.78.1.2","verdict":"infected"' "$T/nat.json"; then
	grep -q 'cannot read the connection table' "$T/nat.err" &&
		skip "the connection table cannot be read here"
	bad "nat --live did not name 10.78.1.2 infected (exit $rc)"; head -c 600 "$T/nat.json"; cat "$T/nat.err"
fi
grep -q '"addr":"10.78.2.2","verdict":"infected"' "$T/nat.json" && bad "the clean host was flagged"

inr nft list tables >"$T/tables.before"

# without CAP_NET_ADMIN: one line, nothing changed
if command -v setpriv >/dev/null 2>&1; then
	inr setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all --bounding-set=-all \
		"$WW" contain --apply "$T/nat.json" >"$T/o" 2>"$T/e"
	rc=$?
	if [ $rc = 77 ] && [ "$(wc -l <"$T/e")" = 1 ] && grep -q 'needs root' "$T/e"; then
		ok "refused without CAP_NET_ADMIN: $(cat "$T/e")"
	else
		bad "non-root --apply: exit $rc: $(cat "$T/e")"
	fi
	inr nft list tables | cmp -s - "$T/tables.before" && ok "nothing changed" || bad "tables changed"
fi

inr "$WW" contain --apply --timeout 600 "$T/nat.json" >"$T/apply.out" 2>"$T/apply.err"
rc=$?
[ $rc = 0 ] && ok "contain --apply: $(head -1 "$T/apply.out")" || { bad "contain --apply exit $rc"; cat "$T/apply.err"; }
inr nft list tables >"$T/tables.applied"
{ cat "$T/tables.before"; echo "table inet wormwatch"; } | sort >"$T/want"
sort "$T/tables.applied" | cmp -s - "$T/want" && ok "only table inet wormwatch was added" ||
	{ bad "tables after --apply:"; cat "$T/tables.applied"; }
inr nft list set inet wormwatch quarantine4 >"$T/set" 2>&1
grep -q '10.78.1.2 timeout 10m' "$T/set" && ok "10.78.1.2 in the quarantine set with its timeout" ||
	{ bad "quarantine set:"; cat "$T/set"; }
grep -q '10.78.2.2\|10.78.3.2' "$T/set" && bad "the clean host or the server was quarantined"

[ "$(count "$I")" = 0 ] && ok "after --apply: the infected host's 3 connections to 445 fail" ||
	bad "the infected host still reaches 445"
inr nft list chain inet wormwatch forward >"$T/chain"
pk=$(grep 'ip saddr @quarantine4' "$T/chain" | sed -n 's/.*counter packets \([0-9]*\).*/\1/p')
[ "${pk:-0}" -ge 3 ] && ok "nft dropped $pk of its packets (SYNs and retransmits)" ||
	{ bad "counter of the quarantine rule: ${pk:-none}"; cat "$T/chain"; }
[ "$(count "$C")" = 3 ] && ok "after --apply: the clean host still reaches the file server's 445" ||
	bad "the clean host lost the file server"

inr "$WW" contain --undo >"$T/undo.out" 2>"$T/undo.err"
rc=$?
[ $rc = 0 ] && ok "contain --undo: $(cat "$T/undo.out")" || { bad "--undo exit $rc"; cat "$T/undo.err"; }
inr nft list tables | cmp -s - "$T/tables.before" && ok "the router's tables are as before" ||
	{ bad "tables after --undo:"; inr nft list tables; }
[ "$(count "$I")" = 3 ] && ok "after --undo: the infected host reaches 445 again" || bad "not restored"
inr "$WW" contain --undo >/dev/null 2>"$T/undo2.err"
rc=$?
[ $rc = 0 ] && grep -q 'nothing to undo' "$T/undo2.err" && ok "a second --undo: nothing to undo" ||
	bad "second --undo: exit $rc $(cat "$T/undo2.err")"

# the library API (src/response/nft.h) that watch --contain builds on
if [ -n "$API" ]; then
	inr "$API" exists && bad "a table before the API test" || ok "api: no table"
	inr "$API" apply 10.78.2.2 2>"$T/api.err" && ok "api: ww_nft_table_apply (empty quarantine)" ||
		bad "api apply: $(cat "$T/api.err")"
	[ "$(count "$I")" = 3 ] && ok "api: nobody quarantined yet" || bad "api: blocked too early"
	inr "$API" add 10.78.1.2 30 10.78.2.2 2>"$T/api.err" && ok "api: ww_nft_quarantine_add 10.78.1.2 for 30 s" ||
		bad "api add: $(cat "$T/api.err")"
	inr nft list set inet wormwatch quarantine4 | grep -q '10.78.1.2 timeout 30s.*comment "live: _quoted_, odd"' &&
		ok "api: element with its timeout and a sanitised comment" ||
		{ bad "api: set"; inr nft list set inet wormwatch quarantine4; }
	[ "$(count "$I")" = 0 ] && ok "api: the infected host is cut off at once" || bad "api: not blocked"
	[ "$(count "$C")" = 3 ] && ok "api: the clean host is not" || bad "api: clean host blocked"
	inr "$API" add 10.78.2.2 30 10.78.2.2 2>"$T/api.err" && bad "api: an allowlisted address was added" ||
		ok "api: allowlisted address refused: $(cat "$T/api.err")"
	inr "$API" undo && ok "api: ww_nft_undo" || bad "api undo"
	inr nft list tables | cmp -s - "$T/tables.before" && ok "api: tables as before" || bad "api: tables differ"
	inr "$API" undo
	[ $? = 2 ] && ok "api: a second undo finds nothing" || bad "api: second undo"
	inr "$API" add 10.78.1.2 30 10.78.2.2 2>"$T/api.err" && bad "api: add without a table succeeded" ||
		{ grep -q 'no table inet wormwatch' "$T/api.err" && ok "api: add without the table: $(cat "$T/api.err")" ||
			bad "api: add without a table: $(cat "$T/api.err")"; }
fi
exit $fail
