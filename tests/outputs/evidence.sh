#!/bin/sh
# outputs.evidence: analyze -w FILE.pcap (--write-evidence) writes the
# packets behind each scanner's and infected host's verdict:
#  - tcpdump -r reads the file, with the input's link type;
#  - every culprit of the JSON report has packets in it, its first contacts
#    (SYNs to 445/139/135 from the worms) among them;
#  - no packet without a culprit at one end (tcpdump's own filter says so);
#  - at most 1000 packets a culprit;
#  - the packets are the input's, byte for byte (the first 50 compared
#    with tcpdump -x against the same filter on the input);
#  - standard input cannot be read twice: refused before the analysis (64).
# The same on the shared Blaster capture when ../shared is there.
# usage: evidence.sh WORMWATCH DEMO-DIR SHARED-DATA
set -u
ww=$1 demo=$2 shared=$3
command -v tcpdump >/dev/null || { echo "SKIP: no tcpdump"; exit 77; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }
check() { # name capture analyze-options...
	name=$1 cap=$2; shift 2
	"$ww" analyze --json -w "$t/$name.pcap" "$@" "$cap" >"$t/$name.json" 2>"$t/$name.err"; st=$?
	[ "$st" -le 3 ] || { bad "$name: exit $st: $(cat "$t/$name.err")"; return; }
	culprits=$(python3 -c 'import json,sys; print(" ".join(h["addr"] for h in json.load(open(sys.argv[1]))["hosts"] if h["verdict"] in ("scanner","infected")))' "$t/$name.json")
	[ -n "$culprits" ] || { bad "$name: no culprit in the report"; return; }
	tcpdump -nr "$t/$name.pcap" >"$t/$name.txt" 2>"$t/$name.tcpdump" || { bad "$name: tcpdump -r fails: $(cat "$t/$name.tcpdump")"; return; }
	total=$(wc -l <"$t/$name.txt")
	ok "$name: tcpdump -r reads $total packets ($(grep -o 'link-type [^ ]*' "$t/$name.tcpdump")); $(cat "$t/$name.err")"
	filter=""
	for a in $culprits; do filter="$filter${filter:+ or }host $a"; done
	others=$(tcpdump -nr "$t/$name.pcap" "not ($filter)" 2>/dev/null | wc -l)
	[ "$others" = 0 ] && ok "$name: no packet of unrelated hosts (not ($filter): 0)" \
		|| bad "$name: $others packets with no culprit at either end"
	for a in $culprits; do
		n=$(tcpdump -nr "$t/$name.pcap" "host $a" 2>/dev/null | wc -l)
		[ "$n" -ge 1 ] && [ "$n" -le 2000 ] && ok "$name: $a: $n packets" || bad "$name: $a: $n packets"
	done
	tcpdump -nxr "$t/$name.pcap" -c 50 2>/dev/null >"$t/w.hex"
	tcpdump -nxr "$cap" -c 50 "$filter" 2>/dev/null >"$t/r.hex"
	cmp -s "$t/w.hex" "$t/r.hex" && ok "$name: the first 50 packets are the input's, byte for byte" \
		|| bad "$name: the packets differ from the input's"
}
check office "$demo/office.pcap"
# the worms' first contacts: SYNs to the worm ports
for a in 192.168.0.23 192.168.0.47; do
	syn=$(tcpdump -nr "$t/office.pcap" "src host $a and tcp[tcpflags] & tcp-syn != 0 and (dst port 445 or dst port 139 or dst port 135)" 2>/dev/null | wc -l)
	[ "$syn" -ge 30 ] && ok "office: $a: $syn of its SYNs to 445/139/135" || bad "office: $a: $syn worm-port SYNs"
done
if [ -f "$shared/captures/chappell-ppa/blaster.pcap" ]; then
	check blaster "$shared/captures/chappell-ppa/blaster.pcap" --home-net 10.234.0.0/16
	# the verdict's evidence: the shell session that runs msblast.exe
	tcpdump -nAr "$t/blaster.pcap" 2>/dev/null | grep -q 'start msblast.exe' \
		&& ok "blaster: the remote shell's 'start msblast.exe' is in the file" || bad "blaster: no msblast session"
else
	echo "skip (part): $shared not found: the Blaster capture is not checked"
fi
"$ww" analyze -w "$t/x.pcap" - <"$demo/office.pcap" >/dev/null 2>"$t/err"; st=$?
[ "$st" = 64 ] && [ ! -e "$t/x.pcap" ] && ok "standard input refused: $(cat "$t/err")" || bad "stdin: exit $st"
cp "$demo/office.pcap" "$t/in.pcap"
"$ww" analyze -w "$t/in.pcap" "$t/in.pcap" >"$t/out" 2>"$t/err"; st=$?
[ "$st" = 64 ] && [ ! -s "$t/out" ] && cmp -s "$t/in.pcap" "$demo/office.pcap" && ok "-w naming an input refused before the analysis, the input kept: $(cat "$t/err")" \
	|| bad "-w onto its own input: exit $st"
[ $fail = 0 ] && echo "outputs.evidence: passed" || echo "outputs.evidence: FAILED"
exit $fail
