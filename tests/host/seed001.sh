#!/bin/sh
# seeds/001 as published (a web page: the three netstat outputs with their
# prompts, columns collapsed, -abv cut with (略)) must give exit 3 and name
# spollsv.exe PID 1540. Skipped when ../shared is not on this machine.
set -u
WW=$1
SEEDS=$2
f=$(ls "$SEEDS"/001_* 2>/dev/null | head -1)
[ -n "$f" ] || { echo "skip: no seeds/001 in $SEEDS"; exit 77; }
out=$("$WW" host "$f")
rc=$?
fail=0
[ $rc = 3 ] && echo "ok   exit 3" || { echo "FAIL: exit $rc"; fail=1; }
echo "$out" | grep -q 'spollsv.exe PID 1540 is sweeping' && echo "ok   spollsv.exe PID 1540" || { echo "FAIL: culprit"; fail=1; }
echo "$out" | grep -q 'ICMP Destination Unreachable' && echo "ok   netstat -s" || { echo "FAIL: counters"; fail=1; }
exit $fail
