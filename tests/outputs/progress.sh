#!/bin/sh
# outputs.progress: analyze shows progress on stderr only when stderr is a
# terminal and the run is long (over a second):
#  - under a pseudo-terminal (script(1) from util-linux), a capture that
#    arrives through a pipe with a 1.5 s pause: a line with bytes read,
#    packets, packets/s and hosts, redrawn in place ("\r", erase-line) and
#    erased at the end ("\r\033[K" last), the report unchanged on stdout;
#  - the same through a pipe to a file: not a byte of progress;
#  - a short run (under a second) on the terminal: nothing either.
# usage: progress.sh WORMWATCH CAPTURE
set -u
ww=$1 cap=$2
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
if lines and all(re.match(rb"[0-9.]+ MB read, [0-9]+ packets, [0-9]+ packets/s, [0-9]+ hosts$", l) for l in lines):
    print("ok   progress on the terminal: %r" % lines[-1].decode())
else:
    print("FAIL no progress line on the terminal: %r" % b[:300]); bad = 1
if b.rstrip(b"\n").endswith(b"\r\x1b[K"):
    print("ok   the line is erased at the end")
else:
    print("FAIL the progress line is left on the screen: %r" % b[-80:]); bad = 1
sys.exit(bad)
PY
cmp -s "$t/want.txt" "$t/out.txt" && ok "the report on stdout is the same" || bad "the report differs under a terminal"
slow | "$ww" analyze - >/dev/null 2>"$t/err.txt"
[ ! -s "$t/err.txt" ] && ok "stderr not a terminal: no progress (0 bytes)" || { bad "progress without a terminal:"; od -c "$t/err.txt" | head -3; }
script -qfec "\"$ww\" analyze \"$cap\" >/dev/null" "$t/short.log" >/dev/null 2>&1
! grep -v '^Script ' "$t/short.log" | grep -q 'wormwatch analyze:' && ok "a short run on a terminal: nothing" || { bad "a short run shows progress:"; od -c "$t/short.log" | head -3; }
[ $fail = 0 ] && echo "outputs.progress: passed" || echo "outputs.progress: FAILED"
exit $fail
