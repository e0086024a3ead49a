#!/bin/sh
# words.host_sockets: one socket, one row, and no live sockets in a folder's
# report.
# - tests/words/dedupe: netstat -an (6 rows, no owners) and netstat -anob of
#   the same moment (6 rows with owners): 7 sockets, owners merged into the
#   -an rows; two programs on UDP 5353 stay two sockets.
# - host --live DIR: refused (64) with a message that says which is which;
#   host DIR alone reads no socket of this machine.
# usage: host_sockets.sh WORMWATCH SOURCE_DIR
set -u
WW=$1 SRC=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
export LANG=C LC_ALL=C TZ=UTC
"$WW" host --json "$SRC/tests/words/dedupe" >"$T/d.json" 2>"$T/d.err"
st=$?
[ "$st" = 0 ] && echo "ok   dedupe: exit 0 (two connections are no sweep)" || { echo "FAIL dedupe: exit $st"; cat "$T/d.err"; fail=1; }
python3 - "$T/d.json" <<'PY' || fail=1
import json, sys
d = json.load(open(sys.argv[1]))
s = d['sockets']
bad = 0
def check(cond, msg):
    global bad
    print(('ok   ' if cond else 'FAIL ') + msg)
    bad |= not cond
check(len(s) == 7 and d['input']['sockets'] == 7, 'dedupe: 12 rows, 7 sockets (got %d)' % len(s))
keys = [(x['proto'].upper(), x['local'], x['foreign'], x.get('state')) for x in s]
check(len(set(k for k in keys if k[0] == 'TCP')) == len([k for k in keys if k[0] == 'TCP']),
      'dedupe: no TCP socket listed twice')
by = {(x['proto'].upper(), x['local'], x['foreign']): x for x in s}
x = by.get(('TCP', '192.168.0.105:1782', '192.168.0.2:445'), {})
check(x.get('pid') == 1540 and x.get('image') == 'spollsv.exe' and x.get('source', '').endswith('netstat-an.txt'),
      'dedupe: the -an row of 1782 keeps its place and gets PID 1540 spollsv.exe from -anob')
x = by.get(('TCP', '0.0.0.0:135', '0.0.0.0:0'), {})
check(x.get('pid') == 884 and x.get('service') == 'RpcSs', 'dedupe: 135 gets PID 884 and its service RpcSs')
u = [x for x in s if x['proto'].upper() == 'UDP']
check(sorted(x.get('pid') for x in u) == [2200, 3100], 'dedupe: two programs on UDP 5353 stay two sockets')
sys.exit(bad)
PY
# S2: netstat -an (121 rows) and -abv (37 rows, names instead of numbers)
"$WW" host --json "$SRC/tests/host/s2" >"$T/s2.json" 2>/dev/null
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); n=len(d["sockets"]); print(("ok   s2: 158 rows, %d sockets" if n == 122 else "FAIL s2: %d sockets, expected 122") % n); sys.exit(n != 122)' "$T/s2.json" || fail=1

# --live with a Windows folder: refused, nothing mixed
"$WW" host --live "$SRC/tests/host/s1" >"$T/l.out" 2>"$T/l.err"
st=$?
[ "$st" = 64 ] && echo "ok   live+dir: exit 64" || { echo "FAIL live+dir: exit $st"; fail=1; }
[ ! -s "$T/l.out" ] && echo "ok   live+dir: no report" || { echo "FAIL live+dir: a report was written"; fail=1; }
grep -q "reads this machine's own sockets" "$T/l.err" && grep -q "give --live or the files, not both" "$T/l.err" \
	&& echo "ok   live+dir: says which is which" || { echo "FAIL live+dir: $(cat "$T/l.err")"; fail=1; }
"$WW" host --live --json "$SRC/tests/host/s1" >/dev/null 2>&1
[ $? = 64 ] && echo "ok   live+dir --json: exit 64" || { echo "FAIL live+dir --json"; fail=1; }
# the folder alone: its own outputs only (no socket of this machine)
"$WW" host --json "$SRC/tests/host/s1" >"$T/s1.json" 2>/dev/null
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); n=d["input"]["sockets"]; print(("ok   s1 folder: %d sockets (none of this machine)" if n == 0 else "FAIL s1 folder: %d sockets") % n); sys.exit(n != 0)' "$T/s1.json" || fail=1
[ $fail = 0 ] && echo "host_sockets: passed" || echo "host_sockets: FAILED"
exit $fail
