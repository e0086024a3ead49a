#!/bin/sh
# outputs.progress: analyze (and logs, nat) show progress on stderr only when stderr is a
# terminal and the run is long (over a second):
#  - under a pseudo-terminal (script(1) from util-linux), a capture that
#    arrives through a pipe with a 1.5 s pause: a line with bytes read,
#    packets, packets/s and hosts, redrawn in place ("\r", erase-line) and
#    erased at the end ("\r\033[K" last), the report unchanged on stdout;
#  - the same through a pipe to a file: not a byte of progress;
#  - a short run (under a second) on the terminal: nothing either;
#  - logs and nat likewise (lines instead of packets).
# usage: progress.sh WORMWATCH CAPTURE
set -u
ww=$1 cap=$2
. "$(dirname "$0")/lib.sh"
command -v script >/dev/null || { echo "SKIP: no script(1) (util-linux)"; exit 77; }
[ -f "$cap" ] || { echo "SKIP: $cap not built"; exit 77; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }
slow() { head -c 200000 "$cap"; sleep 1.5; tail -c +200001 "$cap"; }
"$ww" analyze "$cap" >"$t/want.txt" 2>/dev/null
# stdout to a file, stderr the pseudo-terminal (script's typescript)
export ww cap t
script -qfec 'sh -c "(head -c 200000 \"$cap\"; sleep 1.5; tail -c +200001 \"$cap\") | \"$ww\" analyze - >\"$t/out.txt\""' "$t/tty.log" >/dev/null 2>&1
python3 - "$t/tty.log" <<'PY' || fail=1
import re, sys
# script(1) frames the typescript with "Script started/done" lines
b = b"".join(l for l in open(sys.argv[1], "rb").read().splitlines(True)
             if not l.startswith((b"Script started", b"Script done")))
bad = 0
lines = re.findall(rb"\r\x1b\[Kwormwatch analyze: ([^\r]*)", b)
if lines and all(re.match(rb"[0-9.]+ MB read, [0-9]+ packets, [0-9]+ packets/s, hosts so far: [0-9]+$", l) for l in lines):
    print("ok   progress on the terminal: %r" % lines[-1].decode())
else:
    print("FAIL no progress line on the terminal: %r" % b[:300]); bad = 1
if b.rstrip(b"\n").endswith(b"\r\x1b[K"):
    print("ok   the line is erased at the end")
else:
    print("FAIL the progress line is left on the screen: %r" % b[-80:]); bad = 1
sys.exit(bad)
PY
cmp -s "$t/want.txt" "$t/out.txt" && ok "the report on stdout is the same" ||
	{ bad "the report differs under a terminal:"; diff "$t/want.txt" "$t/out.txt" | head -20; }
slow | "$ww" analyze - >/dev/null 2>"$t/err.txt"
[ ! -s "$t/err.txt" ] && ok "stderr not a terminal: no progress (0 bytes)" || { bad "progress without a terminal:"; od -c "$t/err.txt" | head -3; }
script -qfec "\"$ww\" analyze \"$cap\" >/dev/null" "$t/short.log" >/dev/null 2>&1
! grep -v '^Script ' "$t/short.log" | grep -q 'wormwatch analyze:' && ok "a short run on a terminal: nothing" || { bad "a short run shows progress:"; od -c "$t/short.log" | head -3; }
# logs: 5,000 iptables lines of a sweep on 445, the second half after a pause
i=0
while [ $i -lt 5000 ]; do
	printf '2025-01-06T10:%02d:%02d.123456+01:00 OpenWrt kernel: [ 1234.000000] reject lan out: IN=br-lan OUT=wan SRC=192.168.1.66 DST=198.51.%d.%d LEN=60 TTL=63 ID=4242 DF PROTO=TCP SPT=40000 DPT=445 WINDOW=64240 RES=0x00 SYN URGP=0\n' \
		$((i / 60 % 60)) $((i % 60)) $((i / 250)) $((i % 250 + 1))
	i=$((i + 1))
done >"$t/sweep.log"
# lines_progress CMD FILE HALF [SED]: CMD - on FILE through a pipe with a
# 1.5 s pause after HALF lines, under a pseudo-terminal: a progress line of
# lines, redrawn and erased, and the report (through SED) the same as on
# the file; without a terminal, nothing on stderr
lines_progress() {
	export lp_cmd=$1 lp_file=$2 lp_half=$3 lp_sed="${4:-}"
	"$ww" "$lp_cmd" "$lp_file" 2>/dev/null | sed "$lp_sed" >"$t/$lp_cmd-want.txt"
	script -qfec 'sh -c "(head -n \"$lp_half\" \"$lp_file\"; sleep 1.5; tail -n +\$((lp_half + 1)) \"$lp_file\") | \"$ww\" \"$lp_cmd\" - | sed \"$lp_sed\" >\"$t/$lp_cmd-out.txt\""' "$t/$lp_cmd-tty.log" >/dev/null 2>&1
	python3 - "$t/$lp_cmd-tty.log" "$lp_cmd" <<'PY' || fail=1
import re, sys
cmd = sys.argv[2].encode()
b = b"".join(l for l in open(sys.argv[1], "rb").read().splitlines(True)
             if not l.startswith((b"Script started", b"Script done")))
lines = re.findall(rb"\r\x1b\[Kwormwatch " + cmd + rb": ([^\r]*)", b)
if lines and all(re.match(rb"[0-9.]+ MB read, [0-9]+ lines, [0-9]+ lines/s, hosts so far: [0-9]+$", l) for l in lines) \
        and b.rstrip(b"\n").endswith(b"\r\x1b[K"):
    print("ok   %s: progress on the terminal, erased at the end: %r" % (cmd.decode(), lines[-1].decode()))
else:
    print("FAIL %s: no progress line, or not erased: %r" % (cmd.decode(), b[-200:])); sys.exit(1)
PY
	[ -s "$t/$lp_cmd-want.txt" ] && cmp -s "$t/$lp_cmd-want.txt" "$t/$lp_cmd-out.txt" &&
		ok "$lp_cmd: the report is the same" ||
		{ bad "$lp_cmd: the report differs (or is empty):"; diff "$t/$lp_cmd-want.txt" "$t/$lp_cmd-out.txt" | head -20; }
	(head -n "$lp_half" "$lp_file"; sleep 1.5; tail -n +$((lp_half + 1)) "$lp_file") |
		"$ww" "$lp_cmd" - >/dev/null 2>"$t/err.txt"
	[ ! -s "$t/err.txt" ] && ok "$lp_cmd: stderr not a terminal: nothing" ||
		bad "$lp_cmd: progress without a terminal"
}
lines_progress logs "$t/sweep.log" 2500
# nat: a conntrack dump of the same sweep (the first line names the source;
# a table's entries carry no time: the alert's is the reading's, taken out)
ct_sweep 3000 >"$t/ct.txt"
lines_progress nat "$t/ct.txt" 1500 '1d; s/ at 20[0-9T:.-]*Z//g'
[ $fail = 0 ] && echo "outputs.progress: passed" || echo "outputs.progress: FAILED"
exit $fail
