#!/bin/sh
# Issue 14 point 7: a line over a parser's cap is reported (file and line)
# and skipped whole, never parsed cut. A netstat -ano row padded past 8 KiB
# so that a cut at 8,192 bytes would read port 445 as 44 and lose the PID;
# a log line past 16 KiB.
set -u
WW=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }
command -v python3 >/dev/null || { echo "skipped: no python3"; exit 77; }
mkdir "$T/in"
python3 - "$T/in/netstat-ano.txt" <<'PY'
import sys
head = "\r\nActive Connections\r\n\r\n  Proto  Local Address          Foreign Address        State           PID\r\n"
ok = "  TCP    192.168.1.5:1100       192.168.1.9:139        ESTABLISHED     1540\r\n"
pre = "  TCP    192.168.1.5:1101"
tail = "10.0.0.1:44"
pad = 8192 - len(pre) - len(tail)
longrow = pre + " " * pad + tail + "5        SYN_SENT        1540\r\n"
assert len(pre + " " * pad + tail) == 8192
with open(sys.argv[1], "w", newline="") as f:
    f.write(head + ok + longrow + ok.replace("1100", "1102"))
PY
"$WW" host --json "$T/in" >"$T/out.json" 2>"$T/err"
rc=$?
[ "$rc" -lt 64 ] && ok "host exit $rc (a report)" || { bad "host exit $rc"; cat "$T/err"; }
grep -q "netstat-ano.txt': 1 line longer than 8192 bytes skipped, not parsed (line 6)" "$T/err" \
	&& ok "host: stderr names the file and line" || { bad "host: no stderr warning"; cat "$T/err"; }
grep -q "1 line longer than 8192 bytes skipped, not parsed (line 6)" "$T/out.json" \
	&& ok "host: the report says it" || bad "host: no report warning"
python3 - "$T/out.json" <<'PY' && ok "host: 2 sockets, none to port 44" || bad "host: sockets"
import json, sys
d = json.load(open(sys.argv[1]))
s = d.get("sockets", [])
assert len(s) == 2, s
assert not any(":44" in json.dumps(x) and ":445" not in json.dumps(x) for x in s), s
PY

python3 - "$T/fw.log" <<'PY'
import sys
l = "Jan  6 10:00:%02d gw kernel: [UFW BLOCK] IN=eth1 OUT=eth0 SRC=192.168.1.66 DST=198.51.100.%d LEN=60 TTL=63 ID=1 DF PROTO=TCP SPT=40000 DPT=445 WINDOW=64240 SYN URGP=0\n"
with open(sys.argv[1], "w") as f:
    f.write(l % (0, 1))
    f.write((l % (1, 2)).rstrip("\n") + " " + "X" * 20000 + "\n")
    f.write(l % (2, 3))
PY
"$WW" logs "$T/fw.log" >"$T/out" 2>"$T/err"
grep -q "1 line longer than 16384 bytes skipped, not parsed (the first: '$T/fw.log' line 2)" "$T/out" \
	&& ok "logs: the report names the file and line" || { bad "logs: no warning"; cat "$T/out"; }
grep -q "attempts=2 " "$T/out" && ok "logs: the two short lines counted" || bad "logs: attempts"
exit $fail
