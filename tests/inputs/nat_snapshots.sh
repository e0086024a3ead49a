#!/bin/sh
# nat on several dumps (issue 13): snapshots of one table in time, not one
# bigger table. Two dumps of one table five minutes apart share 100 of their
# 300 entries each: the table is 300 entries (the biggest snapshot), not
# 600; the scanning host made 500 distinct connections (the union, the
# shared ones once) and held at most 300; each snapshot's time comes from
# its content when its lines carry one (conntrack -E -o timestamp), else
# from the file's mtime, and the report says which; --count without
# --watch is a usage error.
set -u
WW=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/lib.sh"

# entries i..j: 192.168.1.50 sweeping public addresses on 445, unanswered
gen() {
	awk -v a="$1" -v b="$2" -v pre="$3" 'BEGIN {
		for (i = a; i <= b; i++)
			printf "%stcp      6 110 SYN_SENT src=192.168.1.50 dst=198.51.%d.%d sport=%d dport=445 [UNREPLIED] src=198.51.%d.%d dst=203.0.113.1 sport=445 dport=%d mark=0 use=1\n", pre, int(i / 200), i % 200 + 1, 40000 + i, int(i / 200), i % 200 + 1, 40000 + i
	}'
}
gen 1 300 "ipv4     2 " >"$T/t1.txt"
gen 201 500 "ipv4     2 " >"$T/t2.txt"
# a normal host in the second snapshot only
printf 'ipv4     2 tcp      6 431999 ESTABLISHED src=192.168.1.10 dst=93.184.216.34 sport=51000 dport=443 src=93.184.216.34 dst=203.0.113.1 sport=443 dport=51000 [ASSURED] mark=0 use=1\n' >>"$T/t2.txt"
touch -d '2026-11-30 10:00:00 UTC' "$T/t1.txt"
touch -d '2026-11-30 10:05:00 UTC' "$T/t2.txt"

# the JSON on one line (the writer breaks lines between rows)
flat() { tr -d '\n' <"$T/out" | sed 's/}, {/},{/g' >"$T/flat" && mv "$T/flat" "$T/out"; }

# given newest first: read (and listed) in time order
"$WW" nat --json --max 1024 "$T/t2.txt" "$T/t1.txt" >"$T/out" 2>"$T/err"; rc=$?; flat
[ $rc = 3 ] || [ $rc = 1 ] && ok "two snapshots judged (exit $rc)" || { bad "two snapshots: exit $rc"; cat "$T/err"; }
grep -q '"snapshots":2' "$T/out" && grep -q '"repeated_entries":100' "$T/out" &&
	ok "2 snapshots, 100 entries seen again counted once" || bad "snapshot counts: $(grep -o '"input":{[^}]*}' "$T/out")"
grep -q '"table":{"entries":301,' "$T/out" && ok "the table: 301 entries (the biggest snapshot), not 601" ||
	bad "table size: $(grep -o '"table":{[^}]*}' "$T/out")"
grep -F -q "\"snapshots\":[{\"file\":\"$T/t1.txt\",\"time\":\"2026-11-30T10:00:00.000000Z\",\"time_from\":\"mtime\",\"entries\":300},{\"file\":\"$T/t2.txt\",\"time\":\"2026-11-30T10:05:00.000000Z\",\"time_from\":\"mtime\",\"entries\":301}]" "$T/out" &&
	ok "each snapshot: its time (from mtime, said) and its size, in time order" || { bad "snapshot rows"; grep -o '"snapshots":.\{0,400\}' "$T/out"; }
grep -q '"addr":"192.168.1.50","entries":500,"held":300,' "$T/out" &&
	ok "the scanner: 500 distinct connections over both, at most 300 held (29% of 1,024)" ||
	bad "scanner row: $(grep -o '"addr":"192.168.1.50"[^}]*' "$T/out" | head -1)"
grep -q '"table_entries":300' "$T/out" && grep -q '"table_share_pct":29' "$T/out" &&
	ok "the scanner's share of the table from one snapshot" || bad "share"

# the time from the content: conntrack -E -o timestamp lines
gen 1 300 "[1764496800.250000]	[NEW] " >"$T/e1.txt"
touch -d '2026-12-01 00:00:00 UTC' "$T/e1.txt"
"$WW" nat --json --max 1024 "$T/t2.txt" "$T/e1.txt" >"$T/out" 2>"$T/err"; flat
grep -F -q "{\"file\":\"$T/e1.txt\",\"time\":\"2025-11-30T10:00:00.250000Z\",\"time_from\":\"content\",\"entries\":300},{\"file\":\"$T/t2.txt\"" "$T/out" &&
	ok "a dump whose lines carry their time: that time, said, first in order" ||
	{ bad "content time"; grep -o '"snapshots":.\{0,400\}' "$T/out"; cat "$T/err"; }
"$WW" nat --max 1024 "$T/t2.txt" "$T/t1.txt" >"$T/out"
grep -q "2 dumps read as snapshots of one table in time" "$T/out" && ok "the text report says how they were read" || bad "text note"

# the same dump twice: nothing doubled
"$WW" nat --json --max 1024 "$T/t1.txt" "$T/t1.txt" >"$T/out"; flat
grep -q '"table":{"entries":300,' "$T/out" && grep -q '"addr":"192.168.1.50","entries":300,"held":300,' "$T/out" &&
	ok "one dump given twice: 300 entries, not 600" || bad "dump twice"

# a README among the dumps: skipped, said, status 65
"$WW" nat --json --max 1024 "$T/t1.txt" "$T/t2.txt" "$0" >"$T/out" 2>"$T/err"; rc=$?
[ $rc = 65 ] && grep -q '"skipped_inputs":1' "$T/out" && grep -q "is not a connection-table dump" "$T/err" &&
	ok "a script among the dumps: skipped, 65" || { bad "script among dumps: exit $rc"; cat "$T/err"; }

"$WW" nat --count 3 "$T/t1.txt" >"$T/out" 2>"$T/err"; rc=$?
[ $rc = 64 ] && grep -q "\-\-count N needs \-\-watch" "$T/err" && ok "--count without --watch: 64" || bad "--count: exit $rc"
exit $fail
