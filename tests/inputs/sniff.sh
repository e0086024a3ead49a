#!/bin/sh
# No false all-clear (issue 13): logs, nat, host and flows given something they
# understood nothing of exit 65 with one error naming the file and what it
# looks like (one content sniffer, src/inputs/sniff.c); with good input
# beside it, the bad file is skipped with the same words and the status says
# so. The real nfdump file of ../shared/data is tried when it is there.
set -u
WW=$1 GEN=$2 SRC=$3 DATA=$4
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/lib.sh"

"$GEN" portscan -o "$T/scan.pcap" >/dev/null
"$GEN" portscan -o "$T/scan.pcapng" --pcapng >/dev/null
printf '<!DOCTYPE html>\n<html><head><title>router</title></head><body>hi</body></html>\n' >"$T/page.html"
printf 'hello,\nthis is a letter, not a log\n' >"$T/letter.txt"
printf '\014\245\001\000\000\000\000\000\002\000\000\000none' >"$T/flows.nfcapd"
head -c 2048 /dev/urandom >"$T/noise.bin"
# gzip's magic, then nothing deflate can read
printf '\037\213\010\000\000\000\000\000\000\003\377\377\377\377garbage' >"$T/broken.gz"
gzip -c "$SRC/README.md" >"$T/readme.gz"
cp "$SRC/tests/router/ct_mixed.txt" "$T/ct.txt"
cp "$SRC/tests/router/nftables.log" "$T/fw.log"

# case  command  file  phrase (grep -F)
check() {
	name=$1 cmd=$2 file=$3 phrase=$4
	"$WW" $cmd "$file" >"$T/out" 2>"$T/err"
	rc=$?
	if [ $rc = 65 ] && [ "$(grep -c 'error:' "$T/err")" -ge 1 ] && grep -F -q "'$file'" "$T/err" &&
		grep -F -q "$phrase" "$T/err" && ! grep -q "nothing found" "$T/out"; then
		ok "$name: 65, $(grep -F "$phrase" "$T/err" | head -1 | cut -c1-150)"
	else
		bad "$name: exit $rc"; cat "$T/err" "$T/out" | head -5
	fi
}
check "logs README"      logs "$SRC/README.md"  "is not a router or firewall log (no line of it was understood): it is a Markdown document"
check "logs pcap"        logs "$T/scan.pcap"    "it is a pcap capture: use \`wormwatch analyze\`"
check "logs pcapng"      logs "$T/scan.pcapng"  "it is a pcapng capture: use \`wormwatch analyze\`"
check "logs nfdump"      logs "$T/flows.nfcapd" "it is an nfdump flow file: use \`wormwatch flows\`"
check "logs HTML"        logs "$T/page.html"    "it is an HTML page"
check "logs letter"      logs "$T/letter.txt"   "it is text in none of the formats it reads"
check "logs noise"       logs "$T/noise.bin"    "it is binary data (starts with bytes"
check "logs broken gzip" logs "$T/broken.gz"    "could not be decompressed: damaged gzip data at compressed byte offset"
check "logs gzip README" logs "$T/readme.gz"    "it is gzip data holding a Markdown document"
check "logs conntrack"   logs "$T/ct.txt"       "it is a connection-table dump: use \`wormwatch nat\`"
check "nat README"       nat  "$SRC/README.md"  "is not a connection-table dump (no line of it was understood): it is a Markdown document"
check "nat pcap"         nat  "$T/scan.pcap"    "it is a pcap capture: use \`wormwatch analyze\`"
check "nat HTML"         nat  "$T/page.html"    "it is an HTML page"
check "nat firewall log" nat  "$T/fw.log"       "it is a firewall log: use \`wormwatch logs\`"
check "nat broken gzip"  nat  "$T/broken.gz"    "could not be decompressed: damaged gzip data"
check "host README"      host "$SRC/README.md"  "not an output wormwatch host reads (no part of it was recognised): it is a Markdown document"
check "host pcap"        host "$T/scan.pcap"    "it is a pcap capture: use \`wormwatch analyze\`"
check "host HTML"        host "$T/page.html"    "it is an HTML page"
check "host nfdump"      host "$T/flows.nfcapd" "it is an nfdump flow file: use \`wormwatch flows\`"
check "host conntrack"   host "$T/ct.txt"       "it is a connection-table dump: use \`wormwatch nat\`"
check "host broken gzip" host "$T/broken.gz"    "damaged gzip data at compressed byte offset"
check "flows README"     flows "$SRC/README.md" "is not a flow file (pcap/pcapng of flow exports, nfcapd, IPFIX or Argus CSV): it is a Markdown document"
check "flows gzip README" flows "$T/readme.gz"  "it is gzip data holding a Markdown document"
check "flows traffic"    flows "$T/scan.pcap"   "no flow records found: no UDP datagram in it is a flow export"
check "flows HTML"       flows "$T/page.html"   "it is an HTML page"
check "flows firewall log" flows "$T/fw.log"    "it is a firewall log: use \`wormwatch logs\`"

# good input beside a bad one: the report, the bad file named, status 65
"$WW" logs "$T/fw.log" "$T/page.html" >"$T/out" 2>"$T/err"; rc=$?
[ $rc = 65 ] && grep -q "^wormwatch logs:" "$T/out" && grep -q "skipped_inputs=1" "$T/out" &&
	grep -F -q "'$T/page.html' is not a router or firewall log" "$T/err" &&
	ok "logs good + HTML: the report, 65" || { bad "logs good + HTML: exit $rc"; cat "$T/err"; }
"$WW" host "$SRC/tests/host/s1/run.reg" "$SRC/README.md" >"$T/out" 2>"$T/err"; rc=$?
[ $rc = 65 ] && grep -q "HIGH" "$T/out" && grep -F -q "skipped '$SRC/README.md': not an output wormwatch host reads (no part of it was recognised): it is a Markdown document" "$T/err" &&
	ok "host good + README: the findings, 65" || { bad "host good + README: exit $rc"; cat "$T/err"; }
"$WW" logs "$T/fw.log" "$T/missing.log" >"$T/out" 2>"$T/err"; rc=$?
[ $rc = 66 ] && grep -q "^wormwatch logs:" "$T/out" && ok "logs good + missing: the report, 66" || bad "logs good + missing: exit $rc"
# an empty log stays an empty input (a warning), not an error
: >"$T/empty.log"
"$WW" logs "$T/empty.log" >"$T/out" 2>"$T/err"; rc=$?
[ $rc = 0 ] && grep -q "the input was empty" "$T/out" && ok "empty log: a warning, 0" || bad "empty log: exit $rc"

if [ -f "$DATA/flows/test1.nfdump" ]; then
	check "logs real nfdump" logs "$DATA/flows/test1.nfdump" "it is an nfdump flow file: use \`wormwatch flows\`"
	check "nat real nfdump"  nat  "$DATA/flows/test1.nfdump" "it is an nfdump flow file: use \`wormwatch flows\`"
	check "logs binetflow" logs "$DATA/flows/CTU-Normal-7-2013-13-07.binetflow" "it is an Argus flow CSV (binetflow)"
else
	echo "note: $DATA/flows not found (the shared real-data folder): the real nfdump file was not tried"
fi
exit $fail
