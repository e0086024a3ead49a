#!/usr/bin/env bash
# Bad input to `wormwatch analyze`: every case must give a one-line error
# naming the file (and the byte offset where it applies) and the right exit
# status; a cut-off capture must still report what was read.
set -u
ww=$1
corpus=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() { # name expected_status stderr_regex stdout_regex -- args...
  local name=$1 want=$2 errre=$3 outre=$4; shift 5
  "$ww" analyze "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" -ne "$want" ]; then
    echo "FAIL $name: exit $got, expected $want"; cat "$tmp/err"; fail=$((fail+1)); return
  fi
  if ! grep -Eq -e "$errre" "$tmp/err"; then
    echo "FAIL $name: stderr does not match /$errre/:"; cat "$tmp/err"; fail=$((fail+1)); return
  fi
  if [ -n "$outre" ] && ! grep -Eq -e "$outre" "$tmp/out"; then
    echo "FAIL $name: stdout does not match /$outre/:"; cat "$tmp/out"; fail=$((fail+1)); return
  fi
  if [ "$(grep -c 'error:' "$tmp/err")" -gt 1 ]; then
    echo "FAIL $name: more than one error line"; cat "$tmp/err"; fail=$((fail+1)); return
  fi
  echo "ok   $name"; pass=$((pass+1))
}
: >"$tmp/empty.pcap"
printf 'GET / HTTP/1.1\r\nHost: example\r\n\r\n' >"$tmp/text.pcap"
mkdir "$tmp/dir.pcap"
check missing 66 "cannot open '$tmp/missing.pcap': No such file" "" -- "$tmp/missing.pcap"
check empty 65 "'$tmp/empty.pcap'.*empty" "" -- "$tmp/empty.pcap"
check directory 66 "'$tmp/dir.pcap'.*directory" "" -- "$tmp/dir.pcap"
check not-a-capture 65 "'$tmp/text.pcap' at byte offset 0: not a pcap or pcapng capture \(starts with bytes 47 45 54 20; it is" "" -- "$tmp/text.pcap"
check huge-length 65 "'$corpus/huge_caplen.pcap' at byte offset 24 after 0 packets: invalid packet capture length" "^wormwatch analyze:" -- "$corpus/huge_caplen.pcap"
check cut-off 0 "warning: '$corpus/cut.pcap' is cut off at byte offset 82 after 1 packets" "packets=1 " -- "$corpus/cut.pcap"
check second-file-missing 66 "'$tmp/missing2.pcap'" "" -- "$corpus/small.pcap" "$tmp/missing2.pcap"
check no-file 64 "no capture file given" "" --
check bad-option 64 "unknown option '--bogus'" "" -- --bogus "$corpus/small.pcap"
check bad-home-net 64 "--home-net: bad prefix length" "" -- --home-net 10.0.0.0/40 "$corpus/small.pcap"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
