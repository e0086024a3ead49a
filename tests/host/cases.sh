#!/bin/sh
# The judged cases of `wormwatch host` on hand-written fixtures:
#   s2/  seeds/001 (netstat -s, -an, -abv laid out as Windows XP prints them)
#        -> exit 3, spollsv.exe PID 1540
#   s1/  seeds/000 (HOSTS + Run/RunServices export, UTF-16LE)
#        -> exit 2, sysconf.exe and the vendor domains
#   s3/  a Japanese XP with Conficker (netstat -ano and tasklist /svc in CP932,
#        services export in UTF-16LE) -> exit 3, PID 1060, qsgnfbvt, jwgkvsq.dll
# plus: the same S2 text with its columns collapsed to single spaces, each
# file on its own, JSON output, and usage/input errors.
set -u
WW=$1
DIR=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
check() { # name expected-exit command...
	name=$1 want=$2
	shift 2
	"$@" >"$T/out" 2>"$T/err"
	got=$?
	if [ "$got" != "$want" ]; then
		echo "FAIL $name: exit $got, expected $want"; cat "$T/out" "$T/err" | head -20; fail=1
	else
		echo "ok   $name: exit $got"
	fi
}
has() { # name pattern (in the last output)
	if grep -q -- "$2" "$T/out"; then echo "ok   $1: '$2'"; else echo "FAIL $1: no '$2'"; fail=1; fi
}
hasnt() {
	if grep -q -- "$2" "$T/out"; then echo "FAIL $1: unexpected '$2'"; fail=1; else echo "ok   $1: no '$2'"; fi
}

check s2 3 "$WW" host "$DIR/s2"
has s2 'spollsv.exe PID 1540'
has s2 '192.168.0.2-192.168.0.34'
head -3 "$T/out" | grep -q 'CRITICAL  active infection: spollsv.exe' || { echo "FAIL s2: culprit not first"; fail=1; }
has s2 'taskkill /PID 1540'
has s2 'ICMP Destination Unreachable'

check s2-json 3 "$WW" host --json "$DIR/s2"
has s2-json '"pid":1540'
has s2-json '"image":"spollsv.exe"'
has s2-json '"sockets":\['
# 121 rows of netstat -an and 37 of netstat -abv: 36 of the -abv rows are
# sockets -an listed too (one socket each), one (chief:1787) is not in -an
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["findings"][0]["pid"]==1540; assert len(d["sockets"])==122' "$T/out" 2>/dev/null \
	&& echo "ok   s2-json: parses, 122 sockets" || { command -v python3 >/dev/null && { echo "FAIL s2-json: structure"; fail=1; }; }

# the web-page paste: runs of spaces collapsed, no indentation
mkdir "$T/flat"
for f in "$DIR"/s2/*; do sed 's/^ *//; s/  */ /g' "$f" >"$T/flat/$(basename "$f")"; done
check s2-flat 3 "$WW" host "$T/flat"
has s2-flat 'spollsv.exe PID 1540'

# the seed as printed: netstat -abv cut with (略) after three rows (CP932)
check s2-cut 3 "$WW" host "$DIR/s2-cut"
has s2-cut 'spollsv.exe PID 1540 is sweeping 31 addresses'
has s2-cut 'names the owner of 3 of these connections'

# Conficker's names come from a generator: a DLL name the vowel test passes
# (zorizr.dll) and a pronounceable key (netman2) must still be found by the
# service's shape (netsvcs, automatic start, display name = key name), tied
# to the sweeping PID, and the fix must never end the shared svchost
mkdir "$T/s3z"
cp "$DIR/s3/netstat-ano.txt" "$T/s3z/"
iconv -f CP932 -t UTF-8 "$DIR/s3/tasklist-svc.csv" | sed 's/qsgnfbvt/lomidar/' | iconv -f UTF-8 -t CP932 >"$T/s3z/tasklist-svc.csv"
python3 - "$DIR/s3/services.reg" "$T/s3z/services.reg" <<'PY'
import re, sys
t = open(sys.argv[1], encoding='utf-16-le').read().replace('qsgnfbvt', 'lomidar')
dll = 'C:\\WINDOWS\\system32\\zorizr.dll'.encode('utf-16-le') + b'\0\0'
t = re.sub(r'"ServiceDll"=hex\(2\):[0-9a-f,\\\r\n ]*?00,00,00(?=\r?\n)',
           '"ServiceDll"=hex(2):' + ','.join('%02x' % b for b in dll), t)
open(sys.argv[2], 'w', encoding='utf-16-le', newline='').write(t)
PY
check s3-shape 3 "$WW" host "$T/s3z"
has s3-shape "service 'lomidar' (ServiceDll C:.WINDOWS.system32.zorizr.dll) inside svchost.exe PID 1060"
has s3-shape 'sc config "lomidar" start= disabled'
has s3-shape 'display name = key name'
hasnt s3-shape 'taskkill /PID 1060'

# one transcript holding the three commands after their prompts
{ printf 'C:\\>netstat -s\r\n'; cat "$DIR/s2/netstat-s.txt"; printf 'C:\\>netstat -an\r\n'; cat "$DIR/s2/netstat-an.txt"
  printf 'C:\\>netstat -abv\r\n'; cat "$DIR/s2/netstat-abv.txt"; } >"$T/transcript.txt"
check s2-transcript 3 "$WW" host "$T/transcript.txt"
has s2-transcript 'spollsv.exe PID 1540'
has s2-transcript 'ICMP Destination Unreachable'
has s2-transcript 'transcript.txt line 1[0-9][0-9]: TCP 192.168.0.105:1782'

# name-resolved netstat -a (no -n): peers are host names, ports service names
{ printf '\r\nActive Connections\r\n\r\n  Proto  Local Address          Foreign Address        State\r\n'
  i=2; while [ $i -le 30 ]; do
    printf '  TCP    chief:%d             pc%02d:microsoft-ds       SYN_SENT\r\n' $((1700 + i)) $i; i=$((i + 1)); done; } >"$T/named.txt"
check named 3 "$WW" host "$T/named.txt"
has named 'sweeping 29 addresses pc02-pc30 on port 445'

# netstat -an alone: the sweep is seen, the owner is not
check s2-an-only 3 "$WW" host "$DIR/s2/netstat-an.txt"
has s2-an-only 'owner unknown'
# netstat -s alone: traces only
check s2-stats-only 2 "$WW" host "$DIR/s2/netstat-s.txt"

check s1 2 "$WW" host "$DIR/s1"
has s1 'Video Process'
has s1 'sysconf.exe'
has s1 'www.symantec.com'
has s1 'housecall.trendmicro.com'
hasnt s1 'SoundMAX'
hasnt s1 'ctfmon'
check s1-user-indicators 2 "$WW" host --indicators "$DIR/user-indicators" "$DIR/s1"
has s1-user-indicators 'SoundMAX'
has s1-user-indicators 'local incident'
check s1-hosts-only 2 "$WW" host "$DIR/s1/hosts"
check s1-reg-only 2 "$WW" host "$DIR/s1/run.reg"

check s3 3 "$WW" host "$DIR/s3"
has s3 "service 'qsgnfbvt'"
has s3 'jwgkvsq.dll'
has s3 'PID 1060'
has s3 'encoding=CP932'
has s3 'encoding=UTF-16LE'
has s3 "security service 'wuauserv'"
hasnt s3 'qmgr.dll'
hasnt s3 'srvsvc'
hasnt s3 'trkwks'
check s3-json 3 "$WW" host --json "$DIR/s3"
has s3-json '"service":"qsgnfbvt"'
has s3-json '"pid":1060'

# the same machine seen through netstat -anob (the service as a component line)
check s3-anob 3 "$WW" host "$DIR/s3-anob"
has s3-anob "service 'qsgnfbvt' (ServiceDll C:.WINDOWS.system32.jwgkvsq.dll) inside svchost.exe PID 1060"
check s3-anob-alone 3 "$WW" host "$DIR/s3-anob/netstat-anob.txt"
has s3-anob-alone "service 'qsgnfbvt' inside svchost.exe PID 1060"

# without tasklist /svc: the one suspect service in the export is named as likely
check s3-no-tasklist 3 "$WW" host "$DIR/s3/netstat-ano.txt" "$DIR/s3/services.reg"
has s3-no-tasklist "most likely service 'qsgnfbvt' (ServiceDll C:.WINDOWS.system32.jwgkvsq.dll)"
has s3-no-tasklist "PID 1060"

# more fixtures: other dialects
check extra 2 "$WW" host "$DIR/extra"
has extra 'msblast.exe'
has extra 'at job'
has extra 'Lcp_netbios.dll'
has extra 'RECYCLER'
has extra 'share Shared'
has extra 'format=reg-query'
check reg-query 2 "$WW" host "$DIR/extra/reg-query-run.txt"
has reg-query 'autostart value "Video Process" starts sysconf.exe'
has reg-query "security service 'wuauserv'"
hasnt reg-query 'SoundMAX'
hasnt extra 'share ADMIN'
check network 3 "$WW" host --network "$DIR/network/analyze.json" "$DIR/network/netstat-ano.txt"
has network 'network verdict names this host'
has network 'nsvc32x.exe'

# German CP850: translated states, busy browser on port 80: not a scan
check de-benign 0 "$WW" host --json "$DIR/de"
has de-benign '"encoding":"CP850"'
has de-benign '"state":"ESTABLISHED"'
has de-benign '"sockets":37'
has de-benign '"findings":\[\]'

# Japanese net localgroup / net share / dir in CP932
check ja 2 "$WW" host "$DIR/ja"
has ja "administrator account 'xkqzvbnt'"
hasnt ja 'share '
hasnt ja 'Domain Admins'

# a clean host probed by another: half-open inbound connections to 445 -> exit 1
{ printf '\r\nActive Connections\r\n\r\n  Proto  Local Address          Foreign Address        State           PID\r\n'
  printf '  TCP    0.0.0.0:445            0.0.0.0:0              LISTENING       4\r\n'
  for p in 3101 3102 3103 3104 3105; do
    printf '  TCP    192.168.1.23:445       192.168.1.50:%s      SYN_RECEIVED    4\r\n' $p
  done; } >"$T/attacked.txt"
check attacked 1 "$WW" host "$T/attacked.txt"
has attacked 'another host is probing this one'
has attacked '192.168.1.50'

# S5: the network calls it peer-to-peer; the port it names belongs to NetSession
check s5 0 "$WW" host --network "$DIR/s5/analyze.json" "$DIR/s5/netstat-anob.txt"
has s5 'port 49153 that the network verdict (p2p) names belongs to netsession_win.exe PID 3344'
hasnt s5 'CRITICAL'

# look-alike: an ad-blocking HOSTS list (Microsoft telemetry and ad names) is not a hijack
printf '# ad-blocking list\r\n127.0.0.1 localhost\r\n0.0.0.0 vortex.data.microsoft.com\r\n0.0.0.0 ads.msn.com\r\n0.0.0.0 telemetry.microsoft.com\r\n0.0.0.0 doubleclick.net\r\n' >"$T/adblock-hosts"
check adblock-hosts 0 "$WW" host "$T/adblock-hosts"

check clean-empty 0 "$WW" host /dev/null
check usage 64 "$WW" host
check no-indicators 66 "$WW" host --indicators "$T/none" "$DIR/s1"
check usage-opt 64 "$WW" host --bogus x
check noinput 66 "$WW" host "$T/does-not-exist"
printf 'not json' >"$T/bad.json"
check badnet 65 "$WW" host --network "$T/bad.json" "$DIR/s1"
exit $fail
