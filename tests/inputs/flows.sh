#!/bin/sh
# Flow files as they come (issues 11 and 13): wwgen's NetFlow v5 and IPFIX
# exports of the office (a capture of export datagrams), the same IPFIX as
# a raw file (RFC 5655), and, with ../shared, the nfdump sample (nfcapd) and
# the CTU Argus file, each packed with gzip, bzip2, xz and zstd under a name
# that says nothing, give the plain file's report; on standard input too
# (nfcapd through a temporary copy, the others as they stream). A cut-off
# gzip stream is one error naming the file and the compressed offset, the
# flows before it still reported (65). Exports piped in and never ended
# (tcpdump -w - | wormwatch flows -) are judged as they come: SIGINT gives
# the hosts so far, partial, 130.
set -u
WW=$1 GEN=$2 SRC=$3 DATA=${4:-}
T=$(mktemp -d)
wp=
trap '[ -n "$wp" ] && kill "$wp" 2>/dev/null; rm -rf "$T"' EXIT
. "$(dirname "$0")/lib.sh"
need_compressors
"$GEN" office --seed 1 -o "$T/office.pcap" --flows "$T/v5" --flows-format v5 >/dev/null &&
	"$GEN" office --seed 1 -o "$T/office.pcap" --flows "$T/ipfix" --flows-format ipfix >/dev/null ||
	{ bad "wwgen --flows"; exit 1; }
# the IPFIX datagrams' payloads one after another: a raw IPFIX file
python3 - "$T/ipfix" "$T/raw" <<'PY' || { bad "raw IPFIX"; exit 1; }
import struct, sys
d = open(sys.argv[1], "rb").read()
assert struct.unpack("<I", d[:4])[0] == 0xa1b2c3d4 and struct.unpack("<I", d[20:24])[0] == 101
out, off = open(sys.argv[2], "wb"), 24
while off + 16 <= len(d):
    incl = struct.unpack("<I", d[off + 8:off + 12])[0]
    pkt = d[off + 16:off + 16 + incl]
    ihl = (pkt[0] & 15) * 4
    out.write(pkt[ihl + 8:])
    off += 16 + incl
PY
inputs="v5 ipfix raw"
if [ -n "$DATA" ] && [ -r "$DATA/flows/test1.nfdump" ] && command -v nfdump >/dev/null; then
	cp "$DATA/flows/test1.nfdump" "$T/nfcapd"
	cp "$DATA/flows/CTU-Normal-7-2013-13-07.binetflow" "$T/argus"
	inputs="$inputs nfcapd argus"
else
	echo "skip (part): ../shared/data/flows or nfdump is missing: no nfcapd or Argus file here"
fi

hosts() { grep -o '"addr":"[^"]*","verdict":"[a-z0-9]*"' "$1"; }
for i in $inputs; do
	"$WW" flows --json "$T/$i" >"$T/want.$i"; w=$?
	hosts "$T/want.$i" >"$T/wh" || true
	[ "$(grep -c '"flows":[1-9]' "$T/want.$i")" = 1 ] && ok "$i: read (exit $w, $(wc -l <"$T/wh") hosts)" ||
		{ bad "$i: no flows read"; continue; }
	for z in gzip bzip2 xz zstd; do
		$z -c "$T/$i" >"$T/$i.$z.data"
		"$WW" flows --json "$T/$i.$z.data" | sed "s#$T/$i.$z.data#$T/$i#g" >"$T/got" 2>"$T/err"
		cmp -s "$T/got" "$T/want.$i" && ok "$i packed with $z: the same report" ||
			{ bad "$i packed with $z: the report differs"; head -3 "$T/err"; }
	done
	zstd -q -c "$T/$i" | "$WW" flows --json - >"$T/got" 2>"$T/err"; rc=$?
	hosts "$T/got" >"$T/gh" || true
	[ $rc = $w ] && cmp -s "$T/gh" "$T/wh" && grep -q '"flows":[1-9]' "$T/got" &&
		ok "$i, zstd on standard input: the same hosts (exit $rc)" ||
		{ bad "$i on standard input: exit $rc"; head -3 "$T/err"; }
done

# a gzip stream cut in the middle: one error naming it and where, the flows
# before it reported, 65
s=$(wc -c <"$T/v5.gzip.data")
head -c $((s / 2)) "$T/v5.gzip.data" >"$T/cut.data"
"$WW" flows --json "$T/cut.data" >"$T/got" 2>"$T/err"; rc=$?
[ $rc = 65 ] && [ "$(wc -l <"$T/err")" = 1 ] && grep -q "cut.data.*compressed byte offset [0-9]" "$T/err" &&
	grep -q '"verdict":"infected"' "$T/got" &&
	ok "cut gzip: 65, one line ($(cut -c1-90 "$T/err")...), the infected hosts before the cut" ||
	{ bad "cut gzip: exit $rc"; cat "$T/err"; }

# exports piped in and never ended, then SIGINT: the hosts so far, partial
mkfifo "$T/fifo"
( cat "$T/v5"; exec sleep 60 ) >"$T/fifo" &
wp=$!
timeout --preserve-status -k 20 -s INT 3 "$WW" flows --json - <"$T/fifo" >"$T/got" 2>"$T/err"; rc=$?
kill "$wp" 2>/dev/null; wait "$wp" 2>/dev/null; wp=
[ $rc = 130 ] && grep -q '"partial":true' "$T/got" && grep -q 'interrupted by SIGINT' "$T/got" &&
	grep -q '"verdict":"infected"' "$T/got" &&
	ok "flows - on a pipe that stays open, SIGINT: the infected hosts so far, partial, 130" ||
	{ bad "flows - SIGINT: exit $rc"; head -c 300 "$T/got"; cat "$T/err"; }
exit $fail
