#!/bin/sh
# SIGINT and SIGTERM during a long analyze, logs or nat (issue 13): what was
# judged so far is reported, marked partial ("partial": true and a
# warning), exit 130 (INT) or 143 (TERM). The input comes through a FIFO
# whose writer sends a large generated capture (wwgen bench) or log and then
# holds the pipe open without writing, so the signal (timeout -s, bounded)
# always lands while the command is still reading.
set -u
WW=$1 GEN=$2 SRC=$3
T=$(mktemp -d)
wp=
cleanup() { [ -n "$wp" ] && kill "$wp" 2>/dev/null; rm -rf "$T"; }
trap cleanup EXIT
. "$(dirname "$0")/lib.sh"

"$GEN" bench -o "$T/bench.pcap" --packets 200000 --dests 20000 >/dev/null || { bad "wwgen bench"; exit 1; }
i=0; : >"$T/long.log"
while [ $i -lt 200 ]; do cat "$SRC/tests/router/nftables.log" >>"$T/long.log"; i=$((i + 1)); done
i=0; : >"$T/ct.txt"
while [ $i -lt 50 ]; do cat "$SRC/tests/router/ct_mixed.txt" >>"$T/ct.txt"; i=$((i + 1)); done
mkfifo "$T/fifo"

# run SIG CMD ARGS...: the command reads the FIFO (as "-"); its writer
# sends the file named by $feed, then waits
run() {
	sig=$1; shift
	( cat "$feed"; exec sleep 60 ) >"$T/fifo" &
	wp=$!
	timeout --preserve-status -k 20 -s "$sig" 3 "$WW" "$@" <"$T/fifo" >"$T/out" 2>"$T/err"
	rc=$?
	kill "$wp" 2>/dev/null
	wait "$wp" 2>/dev/null
	wp=
}

feed="$T/bench.pcap"
run INT analyze --json -
[ $rc = 130 ] && grep -q '"partial":true' "$T/out" && grep -q 'interrupted by SIGINT' "$T/out" &&
	grep -q '"verdict":"infected"' "$T/out" && grep -q '"packets":200000' "$T/out" &&
	ok "analyze, SIGINT: the hosts judged so far, partial, 130" || { bad "analyze INT: exit $rc"; head -c 400 "$T/out"; cat "$T/err"; }
run TERM analyze -
[ $rc = 143 ] && grep -q "^wormwatch analyze: .*partial" "$T/out" && grep -q "INFECTED" "$T/out" &&
	grep -q 'interrupted by SIGTERM' "$T/out" &&
	ok "analyze, SIGTERM: text report, partial, 143" || { bad "analyze TERM: exit $rc"; head -5 "$T/out"; cat "$T/err"; }
run INT analyze --threads 1 --json -
[ $rc = 130 ] && grep -q '"partial":true' "$T/out" && ok "analyze --threads 1, SIGINT: 130" || bad "analyze --threads 1 INT: exit $rc"

feed="$T/long.log"
run INT logs --json -
[ $rc = 130 ] && grep -q '"partial":true' "$T/out" && grep -q '"attempts":[1-9]' "$T/out" &&
	ok "logs, SIGINT: partial, 130" || { bad "logs INT: exit $rc"; head -c 400 "$T/out"; cat "$T/err"; }
run TERM logs -
[ $rc = 143 ] && grep -q 'interrupted by SIGTERM' "$T/out" && ok "logs, SIGTERM: 143" || bad "logs TERM: exit $rc"

feed="$T/ct.txt"
run INT nat --json -
[ $rc = 130 ] && grep -q '"partial":true' "$T/out" && grep -q '"entries":[1-9]' "$T/out" &&
	ok "nat on a dump, SIGINT: partial, 130" || { bad "nat INT: exit $rc"; head -c 400 "$T/out"; cat "$T/err"; }

# without a signal the same inputs give no partial mark
"$WW" analyze --json "$T/bench.pcap" >"$T/out" 2>/dev/null
grep -q '"partial"' "$T/out" && bad "analyze without a signal says partial" || ok "no signal, no partial mark"
exit $fail
