#!/bin/sh
# Compressed inputs, told by content (issue 13): a capture, a router log, a
# table dump and a host output packed with gzip, bzip2, xz and zstd (under
# names that say nothing) give the same report as the plain file, also on
# standard input; a cut-off or damaged stream is one error naming the file
# and the compressed byte offset, with what was read before still reported
# (exit 65); a decompression bomb stops at the ratio cap with a clear error.
set -u
WW=$1 GEN=$2 SRC=$3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/lib.sh"
need_compressors
"$GEN" exploits -o "$T/cap.pcap" --seed 3 >/dev/null || { bad "wwgen"; exit 1; }
cp "$SRC/tests/router/nftables.log" "$T/fw.log"
cp "$SRC/tests/router/ct_mixed.txt" "$T/ct.txt"
mkdir "$T/plain" "$T/packed"
cp "$SRC/tests/host/s1/run.reg" "$T/plain/run.reg"

"$WW" analyze --json "$T/cap.pcap" >"$T/want.analyze"; wa=$?
"$WW" logs --json "$T/fw.log" >"$T/want.logs"; wl=$?
"$WW" nat --json --max 65536 "$T/ct.txt" >"$T/want.nat"; wn=$?
"$WW" host --json "$T/plain/run.reg" | sed "s#$T/plain/##g" >"$T/want.host"
[ "$wa" = 3 ] && grep -q '"verdict":"infected"' "$T/want.analyze" && ok "plain capture: infected (3)" || bad "plain capture: exit $wa"
grep -q '"attempts":[1-9]' "$T/want.logs" && ok "plain log read" || bad "plain log"

for z in gzip bzip2 xz zstd; do
	$z -c "$T/cap.pcap" >"$T/cap.$z.data"
	"$WW" analyze --json "$T/cap.$z.data" >"$T/got" 2>"$T/err"; rc=$?
	[ $rc = $wa ] && cmp -s "$T/got" "$T/want.analyze" && ok "analyze $z: same report" || { bad "analyze $z: exit $rc"; head -3 "$T/err"; }
	$z -c "$T/cap.pcap" | "$WW" analyze --json - >"$T/got" 2>"$T/err"; rc=$?
	# a stream is not read twice: compare the hosts, not the notes
	grep -o '"addr":"[^"]*","verdict":"[a-z]*"' "$T/got" >"$T/g1"
	grep -o '"addr":"[^"]*","verdict":"[a-z]*"' "$T/want.analyze" >"$T/g2"
	[ $rc = $wa ] && [ -s "$T/g1" ] && cmp -s "$T/g1" "$T/g2" && ok "analyze - ($z on a pipe): same hosts" || { bad "analyze - $z: exit $rc"; head -3 "$T/err"; }

	$z -c "$T/fw.log" >"$T/fw.$z.log"
	"$WW" logs --json "$T/fw.$z.log" >"$T/got"; rc=$?
	[ $rc = $wl ] && cmp -s "$T/got" "$T/want.logs" && ok "logs $z: same report" || bad "logs $z: exit $rc"
	$z -c "$T/fw.log" | "$WW" logs --json - >"$T/got"; rc=$?
	[ $rc = $wl ] && cmp -s "$T/got" "$T/want.logs" && ok "logs - ($z on a pipe): same report" || bad "logs - $z: exit $rc"

	$z -c "$T/ct.txt" >"$T/ct.$z"
	"$WW" nat --json --max 65536 "$T/ct.$z" | sed "s#$T/ct.$z#$T/ct.txt#" >"$T/got"; rc=$?
	cmp -s "$T/got" "$T/want.nat" && ok "nat $z: same report" || bad "nat $z: exit $rc"

	rm -f "$T/packed/"*
	$z -c "$T/plain/run.reg" >"$T/packed/run.reg"
	"$WW" host --json "$T/packed/run.reg" | sed "s#$T/packed/##g" >"$T/got"
	cmp -s "$T/got" "$T/want.host" && grep -q '"findings":\[{' "$T/got" && ok "host $z: same findings" || bad "host $z"
done

# host - : an output on standard input, compressed or not
"$WW" host --json - <"$T/plain/run.reg" | grep -o '"title":"[^"]*"' >"$T/g1"
gzip -c "$T/plain/run.reg" | "$WW" host --json - | grep -o '"title":"[^"]*"' >"$T/g2"
grep -o '"title":"[^"]*"' "$T/want.host" >"$T/g3"
[ -s "$T/g1" ] && cmp -s "$T/g1" "$T/g3" && cmp -s "$T/g2" "$T/g3" && ok "host - (plain and gzip): same findings" || bad "host -"

# cut off: a longer log so that the cut falls after some complete lines
i=0; : >"$T/long.log"
while [ $i -lt 40 ]; do cat "$T/fw.log" >>"$T/long.log"; i=$((i + 1)); done
gzip -c "$T/long.log" >"$T/long.gz"
size=$(wc -c <"$T/long.gz")
head -c $((size * 2 / 3)) "$T/long.gz" >"$T/cut.gz"
"$WW" logs "$T/cut.gz" >"$T/out" 2>"$T/err"; rc=$?
[ $rc = 65 ] && [ "$(grep -c 'error:' "$T/err")" = 1 ] &&
	grep -q "'$T/cut.gz': gzip data cut off at compressed byte offset $((size * 2 / 3))" "$T/err" &&
	grep -q "^wormwatch logs:" "$T/out" && ok "cut-off gzip: 65, one error with the offset, the report of what was read" ||
	{ bad "cut-off gzip: exit $rc"; cat "$T/err"; }
# damaged in the middle of a compressed capture
"$GEN" office -o "$T/office.pcap" --seed 2 >/dev/null
gzip -c "$T/office.pcap" >"$T/office.gz"
size=$(wc -c <"$T/office.gz")
cp "$T/office.gz" "$T/dam.gz"
printf '\377\377\377\377\377\377\377\377\377\377\377\377\377\377\377\377' |
	dd of="$T/dam.gz" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
"$WW" analyze --json "$T/dam.gz" >"$T/out" 2>"$T/err"; rc=$?
# (deflate may hand out some garbage before it sees the damage: then the
# capture's reader stops on it, at an offset in the decompressed data)
[ $rc = 65 ] && [ "$(grep -c 'error:' "$T/err")" = 1 ] &&
	grep -Eq "cannot read '$T/dam.gz' (after [0-9]* packets: damaged gzip data at compressed byte offset [0-9]*|at byte offset [0-9]* of the decompressed data \(gzip, near compressed byte offset [0-9]*\))" "$T/err" &&
	grep -q '"packets":[1-9]' "$T/out" && ok "damaged gzip capture: 65, offset named, packets before it judged" ||
	{ bad "damaged gzip capture: exit $rc"; cat "$T/err"; head -c 300 "$T/out"; }

# a capture cut off, then compressed whole: the capture's own cut, at the
# same offset as in the plain file, "of the decompressed data"
"$GEN" office -o "$T/office.pcapng" --pcapng --seed 2 >/dev/null
head -c 3000000 "$T/office.pcapng" >"$T/cutcap.pcapng"
zstd -q -c "$T/cutcap.pcapng" >"$T/cutcap.zst"
"$WW" analyze "$T/cutcap.pcapng" >/dev/null 2>"$T/err1"
"$WW" analyze "$T/cutcap.zst" >/dev/null 2>"$T/err2"
o1=$(grep -o 'cut off at byte offset [0-9]*' "$T/err1") o2=$(grep -o 'cut off at byte offset [0-9]* of the decompressed data' "$T/err2")
[ -n "$o1" ] && [ "$o2" = "$o1 of the decompressed data" ] && ok "a cut pcapng inside zstd: '$o2', as in the plain file" ||
	{ bad "cut pcapng in zstd: '$o1' / '$o2'"; cat "$T/err2"; }

# bombs: 64 MiB of one long line packed tight; zeros for a host output
awk 'BEGIN { s = "y"; for (i = 0; i < 14; i++) s = s s; for (i = 0; i < 4096; i++) print s }' |
	zstd -q -19 -c >"$T/bomb.log"
"$WW" logs "$T/bomb.log" >"$T/out" 2>"$T/err"; rc=$?
[ $rc = 65 ] && grep -q "'$T/bomb.log': zstd data stopped at compressed byte offset [0-9]*: it decompresses to more than 1000 times its size (a decompression bomb?)" "$T/err" &&
	ok "logs: zstd bomb stopped (65)" || { bad "logs bomb: exit $rc"; cat "$T/err"; }
head -c 64000000 /dev/zero | gzip -c >"$T/bomb.txt"
"$WW" host "$T/bomb.txt" >"$T/out" 2>"$T/err"; rc=$?
[ $rc = 65 ] && grep -q "skipped '$T/bomb.txt': gzip data stopped at compressed byte offset [0-9]*: it decompresses to more than 1000 times" "$T/err" &&
	ok "host: gzip bomb stopped (65)" || { bad "host bomb: exit $rc"; cat "$T/err"; }
exit $fail
