#!/bin/sh
# Checks for the capture generator (tools/wwgen), run by tests/gen.cmake.
#
#   gen_check.sh MODE WWGEN OUTDIR [ARGS...]
#
# same SCENARIO [OPTS]   two runs with the same seed give identical bytes
#                        (compared with `cmake -E compare_files`; $CMAKE)
# differ SCENARIO        seeds 1 and 2 give different, non-empty files
# read SCENARIO LINK FMT tcpdump reads the --link LINK (FMT pcap|pcapng)
#                        variant with the packet count of the en10mb pcap
#                        (IPv4/IPv6 packets only for raw and null)
# count SCENARIO N [OPTS] tcpdump counts exactly N packets
# valid SCENARIO [OPTS]  no bad checksums (tcpdump -v), time never goes
#                        back, first packet at 2026-03-02T09:00:00Z or later
# truth [SCENARIO]       --truth holds the expected rows (office, propagation,
#                        exploits; default office)
# story [SCENARIO]       the capture shows what docs/generator.md says each
#                        host does (office, propagation, exploits)
# dests P D              bench --packets P --dests D: D distinct worm SYN
#                        destinations, P packets
# usage                  --help lists every scenario; bad options exit 64
# ioerr                  a full disk is one "wwgen: error:" line, exit 1
#
# Exit 0 pass, 1 fail, 77 skip (no tcpdump).
set -eu

mode=$1 wwgen=$2 out=$3
shift 3
mkdir -p "$out"
CMAKE=${CMAKE:-cmake}

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

need_tcpdump() {
	command -v tcpdump >/dev/null 2>&1 || { echo "tcpdump not found: skipped"; exit 77; }
}

# files made by this run, removed when it passes (kept for a look if not)
made=
keep() {
	made="$made $*"
}

# a file name part for the options, so parallel tests never share a file
tag() {
	echo "$*" | tr -c 'A-Za-z0-9\n' '_'
}

# packet count as tcpdump sees it; fails if tcpdump does
count() {
	n=$(tcpdump -r "$1" -nn ${2:+"$2"} 2>"$1.err" | wc -l) || fail "tcpdump failed on $1"
	grep -qi "error\|truncated\|bad dump" "$1.err" && fail "tcpdump: $(cat "$1.err")"
	echo "$n"
}

case $mode in
same)
	sc=$1
	shift
	f="$out/$sc-same$(tag "$@")"
	keep "$f-a" "$f-b"
	"$wwgen" "$sc" --seed 7 -o "$f-a" "$@" || fail "wwgen $sc (a)"
	"$wwgen" "$sc" --seed 7 -o "$f-b" "$@" || fail "wwgen $sc (b)"
	[ -s "$f-a" ] || fail "empty output"
	"$CMAKE" -E compare_files "$f-a" "$f-b" ||
		fail "$sc: same seed, different bytes"
	;;
differ)
	sc=$1
	keep "$out/$sc-seed1" "$out/$sc-seed2"
	"$wwgen" "$sc" --seed 1 -o "$out/$sc-seed1" || fail "wwgen seed 1"
	"$wwgen" "$sc" --seed 2 -o "$out/$sc-seed2" || fail "wwgen seed 2"
	[ -s "$out/$sc-seed1" ] && [ -s "$out/$sc-seed2" ] || fail "empty output"
	if "$CMAKE" -E compare_files "$out/$sc-seed1" "$out/$sc-seed2"; then
		fail "$sc: seeds 1 and 2 gave the same bytes"
	fi
	;;
read)
	need_tcpdump
	sc=$1 link=$2 fmt=$3
	ng=
	[ "$fmt" = pcapng ] && ng=--pcapng
	ref="$out/$sc-ref-$link-$fmt.pcap"
	f="$out/$sc-$link-$fmt"
	keep "$ref" "$ref.err" "$f" "$f.err" "$f.want.txt" "$f.got.txt" "$f.diff"
	"$wwgen" "$sc" -o "$ref" || fail "wwgen $sc reference"
	"$wwgen" "$sc" -o "$f" --link "$link" $ng || fail "wwgen $sc --link $link $ng"
	case $link in
	raw | null) want=$(count "$ref" "ip or ip6") ;;
	*) want=$(count "$ref") ;;
	esac
	[ "$want" -gt 0 ] || fail "reference capture is empty"
	got=$(count "$f")
	[ "$got" -eq "$want" ] || fail "$sc --link $link $fmt: $got packets, want $want"
	case $link in
	en10mb | vlan | qinq) lt=EN10MB ;;
	sll) lt=LINUX_SLL ;;
	sll2) lt=LINUX_SLL2 ;;
	raw) lt=RAW ;;
	null) lt=NULL ;;
	*) fail "unknown link $link" ;;
	esac
	grep -q "link-type $lt " "$f.err" || fail "link type: $(head -1 "$f.err"), want $lt"
	if [ "$fmt" = pcapng ]; then
		# pcapng starts with a Section Header Block (0a 0d 0d 0a)
		[ "$(od -An -tx1 -N4 "$f" | tr -d ' \n')" = 0a0d0d0a ] || fail "not pcapng"
	fi
	# the link header itself, on every frame
	case $link in
	vlan) tag="ethertype 802.1Q (0x8100), length [0-9]*: vlan 10, p 0, ethertype" ;;
	qinq) tag="ethertype 802.1Q-QinQ (0x88a8), length [0-9]*: vlan 100, p 0, ethertype 802.1Q (0x8100), vlan 10, p 0, ethertype" ;;
	null) tag="AF IPv[46] ([0-9]*), length" ;;
	en10mb) tag="ethertype [A-Za-z0-9]* (0x[0-9a-f]*), length" ;;
	*) tag= ;;
	esac
	if [ -n "$tag" ]; then
		untagged=$(tcpdump -r "$f" -nn -e 2>/dev/null | grep -vc "$tag" || true)
		[ "$untagged" -eq 0 ] || fail "$link: $untagged frames without '$tag'"
	fi
	# every frame decodes to the same text as the Ethernet reference
	filter=
	case $link in raw | null) filter="ip or ip6" ;; esac
	tcpdump -r "$ref" -t -nn -q ${filter:+"$filter"} 2>/dev/null >"$f.want.txt"
	# SLL2 lines start with the interface and packet type: drop them
	tcpdump -r "$f" -t -nn -q 2>/dev/null | sed 's/^[^ ]*  *[A-Za-z]   //' >"$f.got.txt"
	diff "$f.want.txt" "$f.got.txt" >"$f.diff" ||
		fail "$link $fmt decodes differently: $(head -5 "$f.diff")"
	;;
count)
	need_tcpdump
	sc=$1 want=$2
	shift 2
	f="$out/$sc-count$(tag "$@").pcap"
	keep "$f" "$f.err"
	"$wwgen" "$sc" -o "$f" "$@" || fail "wwgen $sc"
	got=$(count "$f")
	[ "$got" -eq "$want" ] || fail "$sc: $got packets, want $want"
	;;
valid)
	need_tcpdump
	sc=$1
	shift
	f="$out/$sc-valid$(tag "$@").pcap"
	keep "$f"
	"$wwgen" "$sc" -o "$f" "$@" || fail "wwgen $sc"
	bad=$(tcpdump -r "$f" -nn -v 2>/dev/null | grep -c "incorrect\|bad cksum\|wrong" || true)
	[ "$bad" -eq 0 ] || fail "$sc: $bad bad checksums"
	tcpdump -r "$f" -nn -tt 2>/dev/null | awk '
		NR == 1 && $1 < 1772442000 { print "starts before the epoch: " $1; bad = 1 }
		$1 < prev { print "time goes back at packet " NR; bad = 1; exit }
		{ prev = $1 }
		END { exit bad }' || fail "$sc: timestamps"
	;;
truth)
	sc=${1:-office}
	f="$out/$sc-truth"
	"$wwgen" "$sc" --seed 1 -o "$f.pcap" --truth "$f.tsv" || fail "wwgen $sc"
	[ "$(head -1 "$f.tsv")" = "$(printf '# addr\texpect\twhat')" ] || fail "truth header"
	case $sc in
	office)
		printf '%s\t%s\n' \
			192.168.0.1 normal 192.168.0.10 normal 192.168.0.23 infected \
			192.168.0.47 infected 192.168.0.60 p2p 192.168.0.101 normal \
			192.168.0.102 normal 192.168.0.103 normal 192.168.0.104 normal >"$f.want" ;;
	propagation)
		printf '%s\t%s\n' \
			192.168.5.23 infected 192.168.5.50 infected 192.168.5.60 normal \
			192.168.5.101 normal 192.168.5.102 normal 192.168.5.103 normal >"$f.want" ;;
	exploits)
		printf '%s\t%s\n' \
			10.20.0.11 infected 10.20.0.12 infected 10.20.0.13 infected \
			10.20.0.31 suspicious 10.20.0.32 suspicious 10.20.0.33 suspicious >"$f.want" ;;
	*) fail "no truth rows known for $sc" ;;
	esac
	grep -v '^#' "$f.tsv" | cut -f1,2 >"$f.got"
	diff -u "$f.want" "$f.got" >&2 || fail "$sc truth rows differ"
	awk -F'\t' '!/^#/ && ($3 == "" || NF != 3) { exit 1 }' "$f.tsv" || fail "truth: 3 columns"
	keep "$f.pcap" "$f.tsv" "$f.want" "$f.got"
	;;
story)
	need_tcpdump
	sc=${1:-office}
	n() { tcpdump -r "$f" -nn "$@" 2>/dev/null | wc -l; }
	atleast() { [ "$1" -ge "$2" ] || fail "$3: $1, want at least $2"; }
	exactly() { [ "$1" -eq "$2" ] || fail "$3: $1, want $2"; }
	# the TCP payload's bytes at OFF (tcpdump filter expression)
	pl() { echo "tcp[((tcp[12] & 0xf0) >> 2) + $1:$2]"; }
	# "last-octet/port" of each matching packet's destination, in order
	dsts() {
		tcpdump -r "$f" -nn "$1" 2>/dev/null |
			awk '{ split($5, a, "."); print a[4] "/" a[5] }' | tr -d ':' | tr '\n' ' '
	}
	case $sc in
	propagation)
		f="$out/propagation-story.pcap"
		keep "$f" "$f.dns" "$f.web"
		"$wwgen" propagation --seed 1 -o "$f" || fail "wwgen propagation"
		# .23: three ascending passes over the live hosts on 445/139/135,
		# the exploit's own connection to .50:445 right after the first trio
		trio() { for h in "$@"; do printf '%s/445 %s/139 %s/135 ' "$h" "$h" "$h"; done; }
		one=$(trio 1 50 60 101 102 103)
		want="$(trio 1 50)50/445 $(trio 60 101 102 103)$one$one"
		got=$(dsts 'src host 192.168.5.23 and dst net 192.168.5.0/24 and tcp[13] == 2')
		[ "$got" = "$want" ] || fail ".23 LAN SYNs: $got"
		asked=$(tcpdump -r "$f" -nn 'arp and src host 192.168.5.23' 2>/dev/null |
			awk '/who-has/ { print $5 }' | sort -u | wc -l)
		exactly "$asked" 253 ".23 ARP targets"
		exactly "$(n 'arp and arp[14:4] = 0xc0a80502')" 0 "answers for 192.168.5.2"
		# the MS08-067 request: NetBIOS + SMB1 WRITE_ANDX, DCE/RPC request at
		# payload offset 68 with opnum 31, once, from .23 to .50:445
		ms="src host 192.168.5.23 and dst host 192.168.5.50 and tcp dst port 445 and $(pl 4 4) = 0xff534d42 and $(pl 8 1) = 0x2f"
		exactly "$(n "$ms and $(pl 68 4) = 0x05000003 and $(pl 72 4) = 0x10000000 and $(pl 90 2) = 0x1f00")" 1 "MS08-067 requests to .50"
		# .50 sends no SYN before it is exploited, then ~20 s later sweeps
		# downwards on 445 and SYNs public addresses
		tx=$(tcpdump -r "$f" -nn -tt "$ms and $(pl 68 4) = 0x05000003" 2>/dev/null | awk '{ print $1 }')
		t50=$(tcpdump -r "$f" -nn -tt 'src host 192.168.5.50 and tcp[13] == 2' 2>/dev/null | awk 'NR == 1 { print $1 }')
		awk -v a="$tx" -v b="$t50" 'BEGIN { d = b - a; exit !(d >= 19 && d <= 23) }' ||
			fail ".50's first SYN $t50, exploit at $tx: want 19-23 s later"
		got=$(dsts 'src host 192.168.5.50 and dst net 192.168.5.0/24 and tcp[13] == 2')
		[ "$got" = "103/445 102/445 101/445 60/445 23/445 1/445 " ] || fail ".50 LAN SYNs: $got"
		d50=$(tcpdump -r "$f" -nn 'src host 192.168.5.50 and tcp[13] == 2 and tcp dst port 445 and not dst net 192.168.5.0/24' 2>/dev/null |
			awk '{ split($5, a, "."); print a[1] "." a[2] "." a[3] "." a[4] }' | sort -u | wc -l)
		atleast "$d50" 300 ".50 distinct public destinations"
		# .60 never accepts: refuses .23's nine SYNs and .50's one
		exactly "$(n 'src host 192.168.5.60 and tcp[13] == 18')" 0 ".60 SYN-ACKs"
		exactly "$(n 'src host 192.168.5.60 and tcp[13] == 20')" 10 ".60 RST/ACKs"
		# users: DNS then web, only to addresses DNS gave
		atleast "$(tcpdump -r "$f" -nn 'udp src port 53' 2>/dev/null | grep -c NXDomain)" 3 "NXDOMAIN answers"
		tcpdump -r "$f" -nn 'udp src port 53 and src host 192.168.5.1' 2>/dev/null |
			grep -o ' A [0-9.]*' | awk '{ print $2 }' | sort -u >"$f.dns"
		tcpdump -r "$f" -nn 'src net 192.168.5.100/30' 2>/dev/null |
			awk '/Flags \[S\]/ && ($5 ~ /\.443:$/ || $5 ~ /\.80:$/) { split($5, a, "."); print a[1] "." a[2] "." a[3] "." a[4] }' |
			sort -u >"$f.web"
		atleast "$(wc -l <"$f.web")" 5 "web servers"
		extra=$(comm -13 "$f.dns" "$f.web" | head -3)
		[ -z "$extra" ] || fail "users connect to addresses DNS never gave: $extra"
		;;
	exploits)
		f="$out/exploits-story.pcap"
		keep "$f"
		"$wwgen" exploits --seed 1 -o "$f" || fail "wwgen exploits"
		# three sessions, each with its SYN and SYN-ACK
		exactly "$(n 'tcp[13] == 2')" 3 "SYNs"
		exactly "$(n 'tcp[13] == 18')" 3 "SYN-ACKs"
		syn1() {
			exactly "$(n "tcp[13] == 2 and src host 10.20.0.$1 and dst host 10.20.0.$2 and tcp dst port $3")" 1 ".$1 -> .$2:$3 SYN"
		}
		syn1 11 31 4444
		syn1 12 32 445
		syn1 13 33 445
		# Blaster: banner from the shell, the typed tftp and start (each echoed),
		# the TFTP download of msblast.exe from .11 (6176 bytes: 13 blocks)
		exactly "$(n "src host 10.20.0.31 and tcp src port 4444 and $(pl 0 4) = 0x4d696372")" 1 "shell banners"
		exactly "$(n "tcp port 4444 and $(pl 0 4) = 0x74667470")" 2 "tftp command and echo"
		exactly "$(n "tcp port 4444 and $(pl 0 4) = 0x73746172")" 2 "start command and echo"
		exactly "$(tcpdump -r "$f" -nn 'udp dst port 69' 2>/dev/null | grep -c 'RRQ "msblast.exe"')" 1 "TFTP RRQ"
		exactly "$(n 'udp and src host 10.20.0.11 and dst host 10.20.0.31')" 13 "TFTP DATA blocks"
		# DoublePulsar: SMB1 Trans2, SESSION_SETUP at SMB offset 61; the
		# implant's answer has multiplex ID 81
		exactly "$(n "src host 10.20.0.12 and tcp dst port 445 and $(pl 4 4) = 0xff534d42 and $(pl 8 1) = 0x32 and $(pl 36 1) = 15 and $(pl 65 2) = 0x0e00")" 1 "DoublePulsar pings"
		exactly "$(n "src host 10.20.0.32 and tcp src port 445 and $(pl 8 1) = 0x32 and $(pl 34 2) = 0x5100")" 1 "DoublePulsar answers"
		# MS08-067 from .13 to .33
		exactly "$(n "src host 10.20.0.13 and tcp dst port 445 and $(pl 68 4) = 0x05000003 and $(pl 90 2) = 0x1f00")" 1 "MS08-067 requests"
		;;
	office)
	f="$out/office-story.pcap"
	keep "$f" "$f.err" "$f.dns" "$f.web"
	"$wwgen" office --seed 1 -o "$f" || fail "wwgen office"
	# .23: SYNs only to the live LAN hosts, ascending, 445 then 139 then 135
	seq23=$(tcpdump -r "$f" -nn 'src host 192.168.0.23 and dst net 192.168.0.0/24 and tcp[13] == 2' 2>/dev/null |
		awk '{ split($5, a, "."); print a[4] "/" a[5] }' | tr -d ':' | tr '\n' ' ')
	one="1/445 1/139 1/135 10/445 10/139 10/135 47/445 47/139 47/135 60/445 60/139 60/135 "
	one="${one}101/445 101/139 101/135 102/445 102/139 102/135 103/445 103/139 103/135 104/445 104/139 104/135 "
	[ "$seq23" = "$one$one$one" ] || fail ".23 LAN SYNs: $seq23"
	asked=$(tcpdump -r "$f" -nn 'arp and src host 192.168.0.23' 2>/dev/null |
		awk '/who-has/ { print $5 }' | sort -u | wc -l)
	[ "$asked" -eq 253 ] || fail ".23 asked ARP for $asked addresses, want 253 (all but itself)"
	# nobody at .2: three passes of a request and two retries, no answer
	[ "$(n 'arp and src host 192.168.0.23 and arp[24:4] = 0xc0a80002')" -eq 9 ] ||
		fail ".23 ARP for 192.168.0.2: want 9 requests"
	[ "$(n 'arp and arp[14:4] = 0xc0a80002')" -eq 0 ] || fail "someone answers for 192.168.0.2"
	atleast "$(n 'src host 192.168.0.23 and not dst net 192.168.0.0/24 and tcp dst port 445')" 10 ".23 public SYNs"
	# .47: tens of thousands of SYNs to distinct public addresses, few answers
	d47=$(tcpdump -r "$f" -nn 'src host 192.168.0.47 and tcp[13] == 2 and not dst net 192.168.0.0/24' 2>/dev/null |
		awk '{ split($5, a, "."); print a[1] "." a[2] "." a[3] "." a[4] }' | sort -u | wc -l)
	atleast "$d47" 13000 ".47 distinct destinations"
	atleast "$(n 'dst host 192.168.0.47 and tcp[13] & 4 != 0 and not src net 192.168.0.0/24')" 200 ".47 RSTs"
	u47=$(n 'icmp[0] == 3 and dst host 192.168.0.47')
	atleast "$u47" 150 ".47 ICMP unreachables"
	[ "$(n 'icmp[0] == 3 and dst host 192.168.0.47 and src host 192.168.0.1')" -eq "$u47" ] ||
		fail "ICMP unreachables to .47 not all from the router"
	# .60: BitTorrent handshakes (payload starts "\x13Bit") and DHT
	atleast "$(n 'host 192.168.0.60 and tcp[((tcp[12] & 0xf0) >> 2):4] = 0x13426974')" 240 "BitTorrent handshakes"
	atleast "$(n 'src host 192.168.0.60 and udp src port 6881')" 300 "DHT queries"
	atleast "$(n 'dst host 192.168.0.60 and udp dst port 6881')" 150 "DHT replies"
	# users: NXDOMAIN, SMB2, chatter, web only to answered addresses
	atleast "$(tcpdump -r "$f" -nn 'udp src port 53' 2>/dev/null | grep -c NXDomain)" 4 "NXDOMAIN answers"
	atleast "$(n 'tcp port 445 and host 192.168.0.101 and host 192.168.0.10 and tcp[((tcp[12] & 0xf0) >> 2) + 4:4] = 0xfe534d42')" 12 "SMB2 messages"
	for p in 137 1900 5353 5355; do
		atleast "$(n "udp dst port $p")" 5 "udp $p chatter"
	done
	tcpdump -r "$f" -nn 'udp src port 53 and src host 192.168.0.1' 2>/dev/null |
		grep -o ' A [0-9.]*' | awk '{ print $2 }' | sort -u >"$f.dns"
	tcpdump -r "$f" -nn 'src net 192.168.0.100/30 or src host 192.168.0.104' 2>/dev/null |
		awk '/Flags \[S\]/ && ($5 ~ /\.443:$/ || $5 ~ /\.80:$/) { split($5, a, "."); print a[1] "." a[2] "." a[3] "." a[4] }' |
		sort -u >"$f.web"
	atleast "$(wc -l <"$f.web")" 5 "web servers"
	extra=$(comm -13 "$f.dns" "$f.web" | head -3)
	[ -z "$extra" ] || fail "users connect to addresses DNS never gave: $extra"
		;;
	*) fail "no story known for $sc" ;;
	esac
	;;
dests)
	need_tcpdump
	p=$1 d=$2
	f="$out/bench-dests.pcap"
	keep "$f" "$f.err"
	"$wwgen" bench --packets "$p" --dests "$d" -o "$f" --truth "$f.tsv" || fail "wwgen bench"
	got=$(count "$f")
	[ "$got" -eq "$p" ] || fail "bench: $got packets, want $p"
	# first SYNs from the worm hosts (retransmits repeat a destination)
	n=$(tcpdump -r "$f" -nn 'tcp[13] == 2 and src net 10.0.1.0/24' 2>/dev/null |
		awk '{ split($5, a, "."); print a[1] "." a[2] "." a[3] "." a[4] }' | sort -u | wc -l)
	[ "$n" -eq "$d" ] || fail "bench: $n distinct worm destinations, want $d"
	grep -q "^10.0.1.11	infected	" "$f.tsv" || fail "bench truth lacks the worms"
	;;
usage)
	h=$("$wwgen" --help) || fail "--help exit status"
	for sc in office portscan sweep6 propagation exploits bench denselan-fast \
		denselan-slow mirai stealthscan p2pstale officemix; do
		echo "$h" | grep -q "^  $sc " || fail "--help does not list $sc"
	done
	for bad in "office -o $out/u --nope" "office --seed x -o $out/u" "nosuch -o $out/u" \
		"office" "office -o $out/u --link token-ring" "portscan -o $out/u --packets 5" \
		"bench -o $out/u --packets 10 --dests 11" "officemix -o $out/u --dests 5" \
		"mirai -o $out/u --packets 5" "office -o $out/u --snaplen 10" \
		"office -o $out/u --snaplen 70000" "office -o $out/u --snaplen"; do
		# shellcheck disable=SC2086
		if "$wwgen" $bad 2>/dev/null; then rc=0; else rc=$?; fi
		[ "$rc" -eq 64 ] || fail "'wwgen $bad' exited $rc, want 64"
	done
	;;
ioerr)
	[ -w /dev/full ] || { echo "no /dev/full: skipped"; exit 77; }
	for fmt in "" --pcapng; do
		if "$wwgen" portscan -o /dev/full $fmt 2>"$out/ioerr.txt"; then
			fail "writing to /dev/full succeeded"
		else
			rc=$?
		fi
		[ "$rc" -eq 1 ] || fail "exit $rc on a full disk, want 1"
		[ "$(wc -l <"$out/ioerr.txt")" -eq 1 ] || fail "want one error line: $(cat "$out/ioerr.txt")"
		grep -q '^wwgen: error: ' "$out/ioerr.txt" || fail "message: $(cat "$out/ioerr.txt")"
	done
	;;
*)
	fail "unknown mode $mode"
	;;
esac
# shellcheck disable=SC2086
[ -z "$made" ] || rm -f $made
echo "ok: $mode $*"
