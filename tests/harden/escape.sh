#!/bin/sh
# Issue 14 point 2 and 3: hostile names reach no terminal raw and inject no
# command. The host report of tests/harden/fixtures.sh must equal
# tests/harden/expected/escape-host.txt byte for byte (escapes shown as
# \xNN, the injectable names get no command and a reason, a clean name
# gets a quoted one); no ESC or BEL byte on stdout or stderr of host,
# analyze and logs; the JSON keeps the bytes as JSON escapes.
set -u
WW=$1
SRC=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$SRC/tests/harden/fixtures.sh"
fail=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }
noesc() { # name file: no ESC (0x1b) and no BEL (0x07) byte
	if LC_ALL=C tr -d -c '\033\007' <"$2" | grep -q .; then bad "$1: raw ESC/BEL"; od -c "$2" | head; else ok "$1: no raw ESC/BEL"; fi
}
cd "$T" || exit 1
mkdir in
(cd in && mk_hostile)
TZ=UTC "$WW" host in >out.txt 2>err.txt
rc=$?
[ "$rc" = 2 ] && ok "host exit 2" || bad "host exit $rc, expected 2"
if cmp -s "$SRC/tests/harden/expected/escape-host.txt" out.txt; then ok "host text byte for byte"
else bad "host text differs"; diff -u "$SRC/tests/harden/expected/escape-host.txt" out.txt | head -30; fi
noesc "host stdout" out.txt
noesc "host stderr" err.txt
grep -q 'calc.exe & "x" /f' out.txt && bad "an injectable reg delete was printed" || ok "no injectable reg delete"

TZ=UTC "$WW" host --json in >out.json 2>err.txt
noesc "host json" out.json
grep -q '"title":"share x\\u001b\]0;pwned\\u0007&calc (C:\\\\Temp\\\\x) is not a default share"' out.json \
	&& ok "json escapes the share name" || bad "json share name"
grep -q '"no command printed: the share name cannot be quoted for cmd.exe (it contains a control character); ' out.json \
	&& ok "json says why no command" || bad "json why"

# a culprit process named with a title-setting sequence: fix:, next steps
mkdir in2
(cd in2 && mk_hostile_culprit)
TZ=UTC "$WW" host in2 >out.txt 2>err.txt
rc=$?
[ "$rc" = 3 ] && ok "culprit: exit 3" || bad "culprit: exit $rc"
noesc "culprit stdout" out.txt
for want in \
	'CRITICAL  active infection: ev\x1b]0;own\x07il.exe PID 1540 is sweeping 39 addresses 192.168.0.2-192.168.0.40 on port 445  [ev\x1b]0;own\x07il.exe, PID 1540]' \
	'       find how ev\x1b]0;own\x07il.exe starts (Run keys, services, tasks: collect with scripts/collect-windows.cmd and run wormwatch host on it) and remove that entry' \
	'  3. find how ev\x1b]0;own\x07il.exe starts (Run keys, services, tasks: collect with scripts/collect-windows.cmd and run wormwatch host on it) and remove that entry'; do
	grep -qxF -- "$want" out.txt && ok "culprit line: ${want%% (*}" || bad "culprit: no line '$want'"
done
TZ=UTC "$WW" host --json in2 >out.json 2>err.txt
grep -qF '"image":"ev\u001b]0;own\u0007il.exe"' out.json && ok "culprit json image escaped" || bad "culprit json image"

esc=$(printf '\033[2J')
bel=$(printf '\033]0;t\007')
"$WW" host "in/nope$esc.txt" >out.txt 2>err.txt
rc=$?
[ "$rc" = 66 ] && ok "missing file exit 66" || bad "missing file exit $rc"
printf "wormwatch host: warning: skipped 'in/nope\\\\x1b[2J.txt': No such file or directory\nwormwatch host: error: no input could be read\n" >want.txt
cmp -s want.txt err.txt && ok "host diagnostic escaped byte for byte" || { bad "host diagnostic"; od -c err.txt | head; }
"$WW" analyze "x$bel.pcap" >out.txt 2>err.txt
printf "wormwatch analyze: error: cannot open 'x\\\\x1b]0;t\\\\x07.pcap': No such file or directory\n" >want.txt
cmp -s want.txt err.txt && ok "analyze diagnostic escaped byte for byte" || { bad "analyze diagnostic"; od -c err.txt | head; }
"$WW" logs "x$bel.log" >out.txt 2>err.txt
noesc "logs stderr" err.txt
# one line it reads, then the garbage (a file of nothing but garbage is an
# input error, tests/inputs/sniff.sh)
{ head -1 "$SRC/tests/router/nftables.log"; printf 'garbage \033[2J line\n'; } >"g$esc.log"
"$WW" logs "g$esc.log" >out.txt 2>err.txt
noesc "logs stdout" out.txt
grep -q "not understood: 'g\\\\x1b\\[2J.log' line 2" out.txt && ok "logs warning escaped" || bad "logs warning"
exit $fail
