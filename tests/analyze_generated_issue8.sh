#!/bin/sh
# Issue 8, generator side: wwgen's dense Windows LAN worms (fast and slow),
# the Mirai-style telnet sprayer, the FIN/Xmas/NULL/UDP/SCTP scanners and
# the Gnutella client with a stale host cache, each with two seeds and
# several link types (pcap and pcapng). For every case: every truth row
# holds, and every infected worm is alerted within 5 first contacts of the
# first packet of its scanning, by the JSON's attempts_to_alert and by a
# count made here from the capture (tests/real/gen_issue8_check.py).
#
#   analyze_generated_issue8.sh WORMWATCH WWGEN [SCENARIO...]
#
# Exit 0 all hold, 1 some check failed (each FAIL line says which).
set -u
ww=$1 gen=$2
shift 2
here=$(dirname "$0")
check=$here/real/gen_issue8_check.py
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ww-issue8.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# scenario seed link format
cases="denselan-fast 1 en10mb pcap
denselan-fast 2 sll2 pcapng
denselan-slow 1 vlan pcap
denselan-slow 2 raw pcapng
mirai 1 en10mb pcap
mirai 2 qinq pcapng
stealthscan 1 sll pcap
stealthscan 2 null pcapng
p2pstale 1 en10mb pcapng
p2pstale 2 sll pcap"

failed=0 passed=0
echo "$cases" | {
	while read -r sc seed link fmt; do
		if [ $# -gt 0 ]; then
			want=no
			for s in "$@"; do [ "$s" = "$sc" ] && want=yes; done
			[ $want = yes ] || continue
		fi
		name="$sc seed $seed $link $fmt"
		cap=$tmp/$sc-$seed.$fmt truth=$tmp/$sc-$seed.tsv js=$tmp/$sc-$seed.json
		ng=
		[ "$fmt" = pcapng ] && ng=--pcapng
		if ! "$gen" "$sc" --seed "$seed" --link "$link" $ng -o "$cap" --truth "$truth"; then
			echo "FAIL $name: wwgen failed"
			failed=$((failed + 1))
			continue
		fi
		"$ww" analyze --json "$cap" >"$js" 2>"$tmp/err"
		rc=$?
		[ -s "$tmp/err" ] && sed "s|^|     $name: stderr: |" "$tmp/err"
		if python3 "$check" "$name" "$cap" "$truth" "$js" "$rc"; then
			passed=$((passed + 1))
		else
			failed=$((failed + 1))
		fi
	done
	echo "issue8: $passed cases passed, $failed failed"
	[ "$failed" -eq 0 ]
}
