#!/bin/sh
# Every real output in ../shared/data/artifacts: each must parse completely
# (every socket row, every process, no warning) and give no finding, exit 0:
# these are benign machines. Files of formats `host` does not read (systeminfo,
# conntrack) must be reported as not recognised (exit 65), never as findings.
set -u
WW=$1
A=$2
if [ ! -d "$A" ]; then
	echo "skip: $A not found (the shared real-data folder is not on this machine)"
	exit 77
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0 n=0
for f in "$A"/windows/* "$A"/linux/*; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	b=$(basename "$f")
	"$WW" host --json "$f" >"$T/out" 2>"$T/err"
	rc=$?
	# a file of a format host does not read is an input error naming what
	# it looks like (issue 13: no "nothing found" for what was not read)
	if [ $rc = 65 ] && grep -q "skipped '.*': not an output wormwatch host reads (no part of it was recognised): it is " "$T/err"; then
		echo "ok   $b: not recognised, exit 65: $(grep -o 'it is .*' "$T/err" | head -1)"
		continue
	fi
	if [ $rc != 0 ]; then echo "FAIL $b: exit $rc"; head -5 "$T/err"; fail=1; continue; fi
	grep -q '"findings":\[\]' "$T/out" || { echo "FAIL $b: findings"; fail=1; }
	grep -q '"warnings":\[\]' "$T/out" || { echo "FAIL $b: warnings"; grep -o '"warnings":.*' "$T/out" | head -c 400; echo; fail=1; }
	# socket rows: Windows "TCP|UDP addr:port", Linux "tcp 0 0 addr", /proc "N: hex:hex", ss "tcp|udp STATE"
	want=$(grep -c -E '^ *(TCP|UDP|tcp|udp|tcp6|udp6) +([0-9]+ +[0-9]+ +)?[^ ]*:|^ *[0-9]+: [0-9A-F]+:[0-9A-F]+ |^(tcp|udp) +[A-Z-]+ +[0-9]+ +[0-9]+ ' "$f")
	got=$(grep -o '"sockets":[0-9]*' "$T/out" | head -1 | cut -d: -f2)
	if [ "${got:-0}" != "$want" ]; then echo "FAIL $b: $got sockets parsed, $want rows"; fail=1; fi
	echo "ok   $b: sockets ${got:-0}/$want, $(grep -o '"processes":[0-9]*' "$T/out" | head -1)"
done
# processes: the Japanese tasklist transcript has 4 table + 5 csv + 1 list + 2 /svc rows
f="$A/windows/win_tasklist_ja.txt"
if [ -f "$f" ]; then
	"$WW" host --json "$f" | grep -q '"processes":12' && echo "ok   tasklist_ja: 12 processes" || { echo "FAIL tasklist_ja: process count"; fail=1; }
fi
f="$A/windows/win_netstat_en_abno__docs_excerpt.txt"
if [ -f "$f" ]; then
	"$WW" host --json "$f" | grep -q '"image":"sshd.exe"' && echo "ok   abno: image names" || { echo "FAIL abno: image names"; fail=1; }
fi
echo "$n files"
exit $fail
