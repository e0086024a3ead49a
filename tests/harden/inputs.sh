#!/bin/sh
# Issue 14 points 5 and 8: one bad file does not lose the host report, and
# no input blocks or reads forever.
#  - a collection folder with the S2 outputs, one file over the 256 MiB cap
#    (sparse) and one that fails to read (a link to /proc/self/mem, EIO even
#    for root): the CRITICAL finding is reported, both files are warned
#    about and skipped, exit 66 (one could not be read); with only the
#    oversized one, exit 65; the oversized file alone: 65, nothing read;
#  - a FIFO with no writer (host, logs, nat, analyze), /dev/zero and
#    /dev/urandom by name, and both on standard input: each ends within
#    10 s (never 124 from timeout), devices are refused, streams that cannot
#    be text are stopped with exit 65.
set -u
WW=$1
S2=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }
expect() { # name want got
	[ "$3" = "$2" ] && ok "$1: exit $3" || { bad "$1: exit $3, expected $2"; head -5 "$T/err" "$T/out"; }
}
mkdir "$T/in"
cp "$S2"/* "$T/in/"
truncate -s 300M "$T/in/zz-big.txt"
ln -s /proc/self/mem "$T/in/mem.txt"
"$WW" host "$T/in" >"$T/out" 2>"$T/err"
expect "folder with a big and an unreadable file" 66 $?
grep -q 'CRITICAL  active infection: spollsv.exe PID 1540' "$T/out" && ok "the CRITICAL finding is reported" || bad "no CRITICAL finding"
grep -q "skipped '$T/in/zz-big.txt': it is larger than 268435456 bytes" "$T/err" && ok "big file warned" || bad "big file not warned"
grep -q "skipped '$T/in/mem.txt': Input/output error" "$T/out" && ok "unreadable file in the report" || bad "unreadable file not in the report"
grep -q "skipped_inputs=2" "$T/out" && ok "skipped_inputs=2" || bad "skipped_inputs"
rm "$T/in/mem.txt"
"$WW" host --json "$T/in" >"$T/out" 2>"$T/err"
expect "folder with a big file (json)" 65 $?
grep -q '"skipped_inputs":1' "$T/out" && ok "json skipped_inputs=1" || bad "json skipped_inputs"
start=$(date +%s)
"$WW" host "$T/in/zz-big.txt" >"$T/out" 2>"$T/err"
expect "the big file alone" 65 $?
grep -q "nothing of it was read" "$T/err" && grep -q "no input could be read" "$T/err" && ok "said nothing was read" || bad "big file alone: message"
[ $(( $(date +%s) - start )) -le 2 ] && ok "refused without reading 256 MiB" || bad "slow refusal"

mkfifo "$T/fifo"
for cmd in host logs nat analyze; do
	timeout 10 "$WW" $cmd "$T/fifo" >"$T/out" 2>"$T/err" </dev/null
	rc=$?
	[ "$rc" != 124 ] && ok "$cmd on a FIFO with no writer ends (exit $rc)" || bad "$cmd on a FIFO hangs"
done
for dev in /dev/zero /dev/urandom; do
	for cmd in host logs nat; do
		timeout 10 "$WW" $cmd "$dev" >"$T/out" 2>"$T/err"
		rc=$?
		[ "$rc" = 65 ] && grep -q "it is a character device, not a file" "$T/err" \
			&& ok "$cmd $dev refused (65)" || { bad "$cmd $dev: exit $rc"; head -3 "$T/err"; }
	done
	for cmd in logs nat; do
		timeout 10 "$WW" $cmd - <"$dev" >"$T/out" 2>"$T/err"
		rc=$?
		[ "$rc" = 65 ] && grep -q "it is binary data (starts with bytes" "$T/err" \
			&& ok "$cmd - < $dev stopped (65)" || { bad "$cmd - < $dev: exit $rc"; head -3 "$T/err"; }
	done
done
exit $fail
