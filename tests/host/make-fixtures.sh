#!/bin/sh
# Make the encoded fixtures from their hand-written UTF-8 sources in src/:
# reg exports as Windows writes them (FF FE + UTF-16LE, CRLF), Japanese
# console output as cmd.exe redirects it (CP932, CRLF). The results are
# committed; run this again after editing a source. The plain ASCII fixtures
# (s2/, extra/, network/, s5/) are typed directly in their folders.
set -eu
cd "$(dirname "$0")"
crlf() { sed 's/$/\r/' "$1"; }
utf16() { printf '\377\376'; crlf "$1" | iconv -f UTF-8 -t UTF-16LE; }
cp932() { crlf "$1" | iconv -f UTF-8 -t CP932; }
crlf src/s1-hosts.txt > s1/hosts
utf16 src/s1-run.reg > s1/run.reg
cp932 src/s3-netstat-ano.txt > s3/netstat-ano.txt
cp932 src/s3-tasklist-svc.csv > s3/tasklist-svc.csv
utf16 src/s3-services.reg > s3/services.reg
cp850() { crlf "$1" | iconv -f UTF-8 -t CP850; }
cp850 src/de-netstat-ano.txt > de/netstat-ano.txt
cp932 src/ja-net-admins.txt > ja/net-admins.txt
cp932 src/ja-net-share.txt > ja/net-share.txt
cp932 src/ja-dir.txt > ja/dir-system32.txt
cp932 src/s2-cut-netstat-abv.txt > s2-cut/netstat-abv.txt
cp932 src/s3-netstat-anob.txt > s3-anob/netstat-anob.txt
cp s3/services.reg s3-anob/services.reg
