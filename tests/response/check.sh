#!/bin/sh
# Tests of `wormwatch contain` and `wormwatch verify` (tests/response.cmake).
#   check.sh golden   WORMWATCH DIR          every --format against DIR/golden
#   check.sh hostile  WORMWATCH DIR          hostile strings come out neutralised
#   check.sh badinput WORMWATCH DIR          one-line errors, status >= 64
#   check.sh s1       WORMWATCH FIXTURES     S1 tables: 1,024 -> after; third PC
#   check.sh gen      WORMWATCH WWGEN        generated before/after pair
#   check.sh logs     WORMWATCH SHARED-DATA  router logs before/after
# 77 = skipped (said why).
set -u
MODE=$1 WW=$2 ARG=$3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }

# contain with the options the golden files were made with
contain() {
	"$WW" contain --allow 192.168.0.1 --allow 2001:db8:1::1 --allow 192.168.0.250/31 \
		--timeout 3600 --home-net 192.168.0.0/24,2001:db8:1::/64 "$@"
}

case $MODE in
golden)
	cd "$ARG" || exit 1
	for f in nft iptables openwrt pf cisco windows; do
		[ -f "golden/contain.$f" ] || { bad "golden/contain.$f missing"; continue; }
		contain --format "$f" result.json >"$T/out" 2>"$T/err"
		rc=$?
		[ $rc = 0 ] || bad "$f: exit $rc: $(cat "$T/err")"
		if cmp -s "$T/out" "golden/contain.$f"; then ok "$f matches golden/contain.$f"
		else bad "$f differs from golden/contain.$f"; diff "golden/contain.$f" "$T/out" | head -20; fi
	done
	# the gateway flagged by mistake stays out, the scanner and p2p host too
	contain --format nft result.json 2>"$T/err" | grep -q '192.168.0.1: infected, but on the allowlist: not isolated' &&
		ok "allowlisted host named, not isolated" || bad "allowlisted host"
	grep -q 'no infected host' "$T/err" && bad "warned of no infected host" || true
	contain --format nft result.json | grep -E '^\s+elements = \{ 192\.168\.0\.(1|9|60) ' &&
		bad "a host that is not infected (or is allowlisted) was quarantined" || ok "only infected hosts quarantined"
	# --json: the same rules, and the plan, in one document
	for f in nft windows; do
		contain --format "$f" --json result.json >"$T/c.json"
		python3 - "$T/c.json" "golden/contain.$f" "$f" <<'EOF' && ok "--json --format $f: the plan and the golden rules" || bad "--json --format $f"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["command"] == "contain" and d["schema"] == 1 and d["format"] == sys.argv[3], d
assert open(sys.argv[2], newline="").read() == d["rules"], "rules differ"
assert [h["addr"] for h in d["hosts"]] == ["192.168.0.47", "2001:db8:1::23"], d["hosts"]
assert d["left_out"] == ["192.168.0.1"] and d["tcp_ports"] == [135, 139, 445], d
assert d["timeout_s"] == 3600
EOF
	done
	# the worm ports a nat result shows for an infected host are blocked too
	"$WW" contain --format nft --timeout 0 --home-net 192.168.1.0/24 nat.json >"$T/nat.nft"
	cmp -s "$T/nat.nft" golden/contain_nat.nft && ok "nat result (4444 added) matches golden/contain_nat.nft" ||
		{ bad "nat result differs"; diff golden/contain_nat.nft "$T/nat.nft" | head; }
	# nft itself reads the golden rulesets (check only, in a namespace of our own)
	if [ "$(id -u)" = 0 ] && command -v nft >/dev/null 2>&1 && ip netns add "wwresp-g$$" 2>/dev/null; then
		for g in golden/contain.nft golden/contain_nat.nft; do
			ip netns exec "wwresp-g$$" nft -c -f "$g" 2>"$T/nerr" && ok "nft -c accepts $g" ||
				bad "nft -c refused $g: $(head -2 "$T/nerr")"
		done
		ip netns del "wwresp-g$$"
	fi
	# a machine's own outputs (S2's netstat folder): its address from its sockets
	"$WW" contain --format pf ../host/s2 | grep -q '^table <wormwatch_quarantine> persist { 192.168.0.105 }$' &&
		ok "contain from a host folder quarantines 192.168.0.105" || bad "contain from a host folder"
	"$WW" host --json ../host/s2 >"$T/host.json"
	"$WW" contain --format pf "$T/host.json" | grep -q '^table <wormwatch_quarantine> persist { 192.168.0.105 }$' &&
		ok "contain from a host result quarantines 192.168.0.105" || bad "contain from a host result"
	;;
hostile)
	cd "$ARG" || exit 1
	for f in nft iptables openwrt pf cisco windows; do
		"$WW" contain --format "$f" hostile.json >"$T/h.$f" 2>"$T/err" || bad "$f: exit $?: $(cat "$T/err")"
		"$WW" contain --format "$f" benign.json >"$T/b.$f" 2>/dev/null
		# no line forged by a newline in the input: same line count as a benign twin
		[ "$(wc -l <"$T/h.$f")" = "$(wc -l <"$T/b.$f")" ] && ok "$f: no forged lines" ||
			bad "$f: line count differs from the benign twin"
		# nothing outside printable ASCII (and CR LF for the .cmd)
		if LC_ALL=C grep -q '[^ -~	]' "$T/h.$f" && [ "$f" != windows ]; then
			bad "$f: control or non-ASCII bytes in the output"
		elif LC_ALL=C tr -d '\r' <"$T/h.$f" | LC_ALL=C grep -q '[^ -~	]'; then
			bad "$f: control or non-ASCII bytes in the output"
		else
			ok "$f: printable ASCII only"
		fi
		# the input's text holds no quote, shell, cmd, nft or IOS syntax: in
		# comment lines (after the marker) and in nft's comment "..." strings
		# (exactly two quotes on the line, the text between them checked)
		grep 'HOSTILE' "$T/h.$f" | awk -v f="$f" '
			/comment "/ { if (gsub(/"/, "\"") != 2) { print "QUOTES " $0; next }
			              split($0, q, "\""); print q[2]; next }
			{ sub(/^(#|!|REM)/, ""); print }' >"$T/txt"
		if grep -q "QUOTES\|[\"'\`\$%&|<>;^!{}\\\\]" "$T/txt"; then
			bad "$f: syntax characters from the input survived:"
			grep "QUOTES\|[\"'\`\$%&|<>;^!{}\\\\]" "$T/txt" | head -3
		elif [ "$(wc -l <"$T/txt")" -lt 2 ]; then
			bad "$f: the input's text is missing from the output"
		else
			ok "$f: input text neutralised ($(wc -l <"$T/txt") lines checked)"
		fi
	done
	sh -n "$T/h.iptables" && ok "iptables script parses (sh -n)" || bad "iptables script does not parse"
	# nft itself reads the hostile ruleset (check only, in a namespace of our own)
	if [ "$(id -u)" = 0 ] && command -v nft >/dev/null 2>&1 && ip netns add "wwresp-h$$" 2>/dev/null; then
		if ip netns exec "wwresp-h$$" nft -c -f "$T/h.nft" 2>"$T/nerr"; then ok "nft -c accepts the hostile ruleset"
		else bad "nft -c refused: $(head -2 "$T/nerr")"; fi
		ip netns del "wwresp-h$$"
	else
		echo "skip nft -c (not root or no namespaces)"
	fi
	;;
badinput)
	cd "$ARG" || exit 1
	printf '{"command":"analyze","hosts":[' >"$T/cut.json"
	printf '{"name":"x","hosts":[]}' >"$T/notours.json"
	printf '{"command":"nat","hosts":[{"addr":"10.0.0.1; rm -rf /","verdict":"infected"}]}' >"$T/badaddr.json"
	printf '{"command":"analyze","hosts":[{"addr":"10.0.0.1","verdict":"pwned"}]}' >"$T/badverdict.json"
	printf '{"command":"analyze","hosts":[]} {"command":"analyze","hosts":[]}' >"$T/two.json"
	python3 -c 'print("{\"command\":\"analyze\",\"hosts\":" + "[" * 100 + "]" * 100 + "}")' >"$T/deep.json"
	printf 'hello\nthis is no input\n' >"$T/text.txt"
	: >"$T/empty"
	one_line() { # name expected-status... ; command in "$@" after --
		name=$1; shift
		"$@" >"$T/o" 2>"$T/e"
		rc=$?
		n=$(wc -l <"$T/e")
		if [ $rc -ge 64 ] && [ "$n" -le 2 ] && grep -q '^wormwatch [a-z]*: error: ' "$T/e"; then
			ok "$name: exit $rc, $(head -1 "$T/e")"
		else
			bad "$name: exit $rc, $n stderr lines:"; cat "$T/e"
		fi
	}
	for j in cut notours badaddr badverdict two deep; do
		one_line "contain $j.json" "$WW" contain "$T/$j.json"
		one_line "verify $j.json" "$WW" verify --before result.json --after "$T/$j.json"
	done
	one_line "contain text file" "$WW" contain "$T/text.txt"
	one_line "contain empty file" "$WW" contain "$T/empty"
	one_line "contain missing file" "$WW" contain "$T/nope.json"
	one_line "unknown --format" "$WW" contain --format juniper result.json
	one_line "hostile --format" "$WW" contain --format "$(printf 'x\033[2J\nfake')" result.json
	grep -q "$(printf '\033')" "$T/e" && bad "the escape byte of --format reached the terminal" || ok "--format name escaped"
	one_line "bad --timeout" "$WW" contain --timeout -5 result.json
	one_line "bad --allow" "$WW" contain --allow 10.0.0.0/99 result.json
	one_line "--apply with --format pf" "$WW" contain --apply --format pf result.json
	one_line "no inputs" "$WW" contain
	one_line "verify without --after" "$WW" verify --before result.json
	one_line "verify input before a list" "$WW" verify result.json
	;;
s1)
	FX=$ARG
	[ -f "$FX/s1_proc.txt" ] || { echo "skip: no S1 fixtures in $FX"; exit 77; }
	# after the clean-up: the culprits' entries filtered out; the two PCs,
	# reconnected, hold a few ordinary entries (a normal user's, re-addressed)
	grep -v -e 'src=192\.168\.1\.23 ' -e 'src=192\.168\.1\.37 ' "$FX/s1_proc.txt" >"$T/after.txt"
	grep 'src=192\.168\.1\.10 .*dport=443 ' "$FX/s1_proc.txt" | head -2 | sed 's/src=192\.168\.1\.10 /src=192.168.1.23 /; s/dst=192\.168\.1\.10 /dst=192.168.1.23 /' >>"$T/after.txt"
	grep 'src=192\.168\.1\.11 .*dport=443 ' "$FX/s1_proc.txt" | head -2 | sed 's/src=192\.168\.1\.11 /src=192.168.1.37 /; s/dst=192\.168\.1\.11 /dst=192.168.1.37 /' >>"$T/after.txt"
	n=$(wc -l <"$T/after.txt")
	"$WW" verify --before "$FX/s1_proc.txt" --after "$T/after.txt" >"$T/text"
	rc=$?
	[ $rc = 0 ] && ok "S1 cleaned: exit 0" || { bad "S1 cleaned: exit $rc, expected 0"; cat "$T/text"; }
	grep -q "^connection table: 1,024 of 1,024 (100%) entries before, $n of 1,024 " "$T/text" &&
		ok "table 1,024 -> $n" || { bad "table line"; grep table "$T/text"; }
	for h in 192.168.1.23 192.168.1.37; do
		grep -q "^$h  *infected   -> normal     clean, reconnect" "$T/text" && ok "$h clean, reconnect" ||
			bad "$h not clean"
	done
	"$WW" verify --json --before "$FX/s1_tool.txt" --after "$T/after.txt" >"$T/json"
	python3 - "$T/json" "$n" <<'EOF' || fail=1
import json, sys
d = json.load(open(sys.argv[1])); n = int(sys.argv[2])
assert d["command"] == "verify" and d["schema"] == 1
hosts = {h["addr"]: h for h in d["hosts"]}
assert set(hosts) == {"192.168.1.23", "192.168.1.37"}, hosts.keys()
for a, e in (("192.168.1.23", 520), ("192.168.1.37", 430)):
    h = hosts[a]
    assert h["status"] == "clean" and h["answer"] == "clean, reconnect", h
    assert h["before"]["verdict"] == "infected" and h["after"]["verdict"] == "normal", h
    assert "connection table entries %d -> 2" % e in h["changed"], h["changed"]
t = d["table"]
assert t["before"] == {"entries": 1024, "max": 1024}, t["before"]
assert t["after"]["entries"] == n, t["after"]
share = {r["addr"]: (r["before"], r["after"]) for r in t["per_host"]}
assert share["192.168.1.23"] == (520, 2) and share["192.168.1.37"] == (430, 2), share
assert d["worm_port_packets"]["before"] == 950 and d["worm_port_packets"]["after"] == 0, d["worm_port_packets"]
print("ok   JSON: both clean, table 1024 ->", n, ", shares 520 -> 2 and 430 -> 2, worm ports 950 -> 0")
EOF
	# only .37 cleaned: .23 still spreading, exit 3
	grep -v -e 'src=192\.168\.1\.37 ' "$FX/s1_proc.txt" >"$T/half.txt"
	"$WW" verify --before "$FX/s1_proc.txt" --after "$T/half.txt" >"$T/half"
	rc=$?
	[ $rc = 3 ] && ok "one PC still spreading: exit 3" || bad "one PC: exit $rc, expected 3"
	grep -q '^192.168.1.23  *infected   -> infected   still spreading' "$T/half" &&
		ok ".23 still spreading" || { bad ".23"; cat "$T/half"; }
	grep -q '^192.168.1.37  *infected   -> not seen   no longer seen (was it disconnected?)' "$T/half" &&
		ok ".37 no longer seen" || { bad ".37"; cat "$T/half"; }
	# the generator's own after-table: a third PC (.45) sweeping: exit 3
	"$WW" verify --json --before "$FX/s1_proc.txt" --after "$FX/s1_after_proc.txt" >"$T/json3"
	rc=$?
	[ $rc = 3 ] && ok "third PC spreading: exit 3" || bad "third PC: exit $rc, expected 3"
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
h = {x["addr"]: x for x in d["hosts"]}
assert h["192.168.1.45"]["status"] == "new-spreading", h
assert h["192.168.1.23"]["status"] == "not-seen" and h["192.168.1.23"]["answer"] == "no longer seen (was it disconnected?)"
print("ok   .45 new-spreading, .23/.37 not seen")' "$T/json3" || fail=1
	# the nat JSON result as the before input gives the same answers
	"$WW" nat --json "$FX/s1_proc.txt" >"$T/s1.json"
	"$WW" verify --before "$T/s1.json" --after "$T/after.txt" >/dev/null
	rc=$?
	[ $rc = 0 ] && ok "nat JSON before: exit 0" || bad "nat JSON before: exit $rc"
	;;
gen)
	GEN=$ARG
	"$GEN" office --seed 1 -o "$T/before.pcap" || exit 1
	"$GEN" office-after --seed 1 -o "$T/after.pcap" --truth "$T/after.tsv" || exit 1
	"$GEN" office-after-one --seed 1 -o "$T/one.pcap" || exit 1
	"$WW" verify --json --before "$T/before.pcap" --after "$T/after.pcap" >"$T/j"
	rc=$?
	[ $rc = 0 ] && ok "generated pair: exit 0" || bad "generated pair: exit $rc"
	python3 - "$T/j" <<'EOF' || fail=1
import json, sys
d = json.load(open(sys.argv[1]))
h = {x["addr"]: x for x in d["hosts"]}
assert set(h) == {"192.168.0.23", "192.168.0.47"}, h.keys()
for a in h.values():
    assert a["status"] == "clean" and a["after"]["verdict"] == "normal", a
w = d["worm_port_packets"]
assert w["before"] > 20000 and w["after"] < 5, w
assert d["table"] == {"before": None, "after": None, "per_host": []}, d["table"]
print("ok   both PCs clean, worm-port openings", w["before"], "->", w["after"])
EOF
	"$WW" analyze --json "$T/before.pcap" >"$T/before.json"
	"$WW" verify --before "$T/before.json" --after "$T/one.pcap" >"$T/t"
	rc=$?
	[ $rc = 3 ] && ok "one PC still spreading: exit 3" || bad "one PC: exit $rc, expected 3"
	grep -q '^192.168.0.23  *infected   -> infected   still spreading' "$T/t" && ok ".23 still spreading" ||
		bad ".23 not still spreading"
	grep -q '^192.168.0.47  *infected   -> normal     clean, reconnect' "$T/t" && ok ".47 clean" ||
		bad ".47 not clean"
	# contain from the capture itself names both PCs
	"$WW" contain "$T/before.pcap" | grep -q 'elements = { 192.168.0.23 timeout 86400s' &&
		ok "contain from a capture" || bad "contain from a capture"
	;;
logs)
	# router logs of ../shared/data: the same scanner before and after
	L=$ARG/logs
	[ -f "$L/syn_sweep.log" ] || { echo "skip: no $L (../shared/data absent)"; exit 77; }
	"$WW" verify --json --before "$L/syn_sweep.log" --after "$L/udp_scan_1000_1150.log" >"$T/j"
	rc=$?
	[ $rc = 1 ] && ok "a host still flagged: exit 1" || bad "exit $rc, expected 1"
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
h = d["hosts"][0]
assert h["addr"] == "192.168.10.55" and h["status"] == "still-flagged", h
assert h["before"]["verdict"] == "scanner" and h["after"]["verdict"] == "scanner", h
print("ok   192.168.10.55 still-flagged (scanner before and after)")' "$T/j" || fail=1
	"$WW" verify --max 0 --before "$L/syn_sweep.log" --after "$L/syn_sweep.log" 2>"$T/e"
	rc=$?
	[ $rc = 64 ] && ok "--max 0: $(cat "$T/e")" || bad "--max 0: exit $rc"
	;;
*)
	echo "unknown mode $MODE"; exit 2;;
esac
exit $fail
