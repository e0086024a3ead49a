#!/bin/sh
# The flows tests. Usage: run.sh MODE PYTHON FLOWTOOL WORMWATCH PCAP TRUTH [ARG]
#   listen V    softflowd -v V on the capture -> flows --listen 127.0.0.1 (loopback);
#               V 10b: IPFIX biflows (softflowd -b); 5s, 9s, 10s: sampled 1 in 10
#   pcap V      softflowd -v V -> a capture of its datagrams -> flows FILE.pcap
#   hostile V   that capture damaged (flowtool.py hostile) -> warnings, no crash
#   nfpcapd     nfpcapd on the capture -> nfcapd file -> flows (through nfdump)
#   wwgen F     wwgen's own exports of the same scenario (F: v5, v9, ipfix, pcap)
#   sample DIR  the shared nfdump and Argus samples (skipped without ../shared)
#   noexports   the capture itself: no flow records -> input error naming it
#               and what it is, no report
# Compared with analyze on the capture: the same culprits, and the truth file.
set -u
mode=$1 py=$2 tool=$3 ww=$4 pcap=$5 truth=$6 arg=${7:-}
case $pcap in /*) ;; *) pcap=$(pwd)/$pcap ;; esac
tmp=$(mktemp -d /tmp/wwflows.XXXXXX)
pids=""
cleanup() { for p in $pids; do kill "$p" 2>/dev/null; done; rm -rf "$tmp"; }
trap cleanup EXIT INT TERM
need() { command -v "$1" >/dev/null 2>&1 || { echo "skip: $1 is not installed"; exit 77; }; }
# listening ERRFILE: wait (bounded: 10 s) for flows --listen to say it collects
listening() {
	i=0
	until grep -q collecting "$1" 2>/dev/null; do
		i=$((i + 1))
		[ "$i" -gt 100 ] && { echo "flows --listen did not start"; cat "$1"; exit 1; }
		sleep 0.1
	done
}

softflowd_to() { # version port (bounded: a minute at most)
	# its control socket and pid file in the temp dir, named relative to it:
	# softflowd 1.1.0 given an absolute /tmp/... control socket path waits
	# in accept() on it instead of reading the capture
	v=$1 bi=
	case $v in
	10b) v=10 bi=-b ;;    # IPFIX biflows (RFC 5103)
	*s) v=${v%s} bi="-s 10" ;; # 1 packet in 10 sampled
	esac
	(cd "$tmp" && timeout 60 softflowd -r "$pcap" -n "127.0.0.1:$2" -v "$v" $bi -a -m 100000 -d \
		-c sf.ctl -p sf.pid </dev/null >sf.log 2>&1) || { cat "$tmp/sf.log"; exit 1; }
}

culprits() { # flows.json
	"$ww" analyze --json "$pcap" >"$tmp/a.json"
	rc=$?
	[ "$rc" -ge 64 ] && { echo "analyze failed ($rc)"; exit 1; }
	"$py" "$tool" culprits "$tmp/a.json" "$1" "$truth" || exit 1
}

record() { # version -> $tmp/exports.pcap
	"$py" "$tool" record 0 "$tmp/exports.pcap" 3 "$tmp/port" 2>"$tmp/rec.log" &
	rp=$!
	pids="$pids $rp"
	i=0
	until [ -s "$tmp/port" ]; do
		i=$((i + 1))
		[ "$i" -gt 200 ] && { echo "the recorder did not start"; cat "$tmp/rec.log"; exit 1; }
		sleep 0.1
	done
	port=$(cat "$tmp/port")
	softflowd_to "$1" "$port"
	wait "$rp"
}

case $mode in
listen)
	need softflowd
	# port 0: the kernel picks a free one, and flows says which
	"$ww" flows --listen 127.0.0.1:0 --idle 10 --json >"$tmp/f.json" 2>"$tmp/f.err" &
	wp=$!
	pids="$pids $wp"
	listening "$tmp/f.err"
	port=$(sed -n 's/.*collecting flows on UDP 127.0.0.1:\([0-9]*\).*/\1/p' "$tmp/f.err")
	softflowd_to "$arg" "$port"
	wait "$wp"
	rc=$?
	[ "$rc" -ge 64 ] && { echo "flows --listen failed ($rc)"; cat "$tmp/f.err"; exit 1; }
	"$py" "$tool" expect "$tmp/f.json" partial=true stopped_by=idle "datagrams>10" \
		"flows>1000" lost_flows=0 lost_datagrams=0 template_errors=0 || exit 1
	case $arg in
	10b) "$py" "$tool" expect "$tmp/f.json" "biflows>1000" || exit 1 ;;
	*s) "$py" "$tool" expect "$tmp/f.json" "sampled>1000" || exit 1 ;;
	esac
	culprits "$tmp/f.json"
	;;
pcap)
	need softflowd
	record "$arg"
	"$ww" flows --json "$tmp/exports.pcap" >"$tmp/f.json" 2>"$tmp/f.err"
	rc=$?
	[ "$rc" -ge 64 ] && { echo "flows failed ($rc)"; cat "$tmp/f.err"; exit 1; }
	"$py" "$tool" expect "$tmp/f.json" "flows>1000" files=1 bad_datagrams=0 || exit 1
	culprits "$tmp/f.json"
	;;
hostile)
	need softflowd
	record "$arg"
	"$py" "$tool" hostile "$tmp/exports.pcap" "$tmp/hostile.pcap" || exit 1
	"$ww" flows --json "$tmp/hostile.pcap" >"$tmp/f.json" 2>"$tmp/f.err"
	rc=$?
	[ "$rc" -gt 3 ] && { echo "flows on damaged exports: status $rc"; cat "$tmp/f.err"; exit 1; }
	lost=lost_flows
	[ "$arg" = 9 ] && lost=lost_datagrams
	"$py" "$tool" expect "$tmp/f.json" "no_template_sets>0" "bad_datagrams>3" "$lost>0" \
		"flows>1000" "warning~version 7 is not NetFlow v5, v9 or IPFIX" \
		"warning~set longer than the message" "warning~too short" \
		"warning~came before their template" || exit 1
	if [ "$arg" = 10 ]; then
		"$py" "$tool" expect "$tmp/f.json" template_errors=1 withdrawals=1 no_template_sets=2 \
			|| exit 1
	fi
	;;
nfpcapd)
	need nfpcapd
	need nfdump
	mkdir "$tmp/nf"
	nfpcapd -r "$pcap" -w "$tmp/nf" >"$tmp/nf.log" 2>&1 || { cat "$tmp/nf.log"; exit 1; }
	set -- "$tmp"/nf/nfcapd.*
	[ -f "$1" ] || { echo "nfpcapd wrote no file"; cat "$tmp/nf.log"; exit 1; }
	"$ww" flows --json "$@" >"$tmp/f.json" 2>"$tmp/f.err"
	rc=$?
	[ "$rc" -ge 64 ] && { echo "flows failed ($rc)"; cat "$tmp/f.err"; exit 1; }
	"$py" "$tool" expect "$tmp/f.json" "nfdump>1000" || exit 1
	culprits "$tmp/f.json"
	;;
wwgen)
	# arg: the generator, the format, the scenario
	gen=$arg fmt=$8 scn=$9
	"$gen" "$scn" --seed 1 -o "$tmp/scn.pcap" --truth "$tmp/truth.tsv" \
		--flows "$tmp/scn.flows" --flows-format "$fmt" || exit 1
	pcap=$tmp/scn.pcap truth=$tmp/truth.tsv
	"$ww" flows --json "$tmp/scn.flows" >"$tmp/f.json" 2>"$tmp/f.err"
	rc=$?
	[ "$rc" -ge 64 ] && { echo "flows failed ($rc)"; cat "$tmp/f.err"; exit 1; }
	"$py" "$tool" expect "$tmp/f.json" "flows>100" bad_datagrams=0 lost_flows=0 \
		template_errors=0 || exit 1
	culprits "$tmp/f.json"
	;;
sample)
	dir=$arg
	[ -f "$dir/flows/test1.nfdump" ] || { echo "skip: $dir/flows is not here"; exit 77; }
	need nfdump
	"$ww" flows --json "$dir/flows/test1.nfdump" >"$tmp/n.json" 2>"$tmp/n.err"
	rc=$?
	[ "$rc" -ge 64 ] && { echo "flows on test1.nfdump failed ($rc)"; cat "$tmp/n.err"; exit 1; }
	[ -s "$tmp/n.err" ] && { echo "unexpected messages:"; cat "$tmp/n.err"; exit 1; }
	"$py" "$tool" expect "$tmp/n.json" "flows>4000" "nfdump>4000" "147.32.80.119!=infected" \
		"147.32.80.119!=scanner" || exit 1
	"$ww" flows --json "$dir/flows/CTU-Normal-7-2013-13-07.binetflow" >"$tmp/b.json" \
		2>"$tmp/b.err"
	rc=$?
	[ "$rc" -ge 64 ] && { echo "flows on the binetflow failed ($rc)"; cat "$tmp/b.err"; exit 1; }
	"$py" "$tool" expect "$tmp/b.json" "argus>9000" "10.0.0.46!=infected" \
		"10.0.0.46!=scanner" || exit 1
	;;
signal)
	# SIGINT ends the collection with a report marked partial; --count
	# ends it after N datagrams; bad --listen values are usage errors
	"$ww" flows --listen 127.0.0.1:0 --json >"$tmp/f.json" 2>"$tmp/f.err" &
	wp=$!
	pids="$pids $wp"
	listening "$tmp/f.err"
	kill -INT "$wp"
	wait "$wp"
	rc=$?
	[ "$rc" = 0 ] || { echo "status $rc after SIGINT with nothing collected"; exit 1; }
	"$py" "$tool" expect "$tmp/f.json" partial=true stopped_by=signal datagrams=0 || exit 1
	"$ww" flows --listen 127.0.0.1:0 --count 2 --json >"$tmp/c.json" 2>"$tmp/c.err" &
	wp=$!
	pids="$pids $wp"
	listening "$tmp/c.err"
	port=$(sed -n 's/.*collecting flows on UDP 127.0.0.1:\([0-9]*\).*/\1/p' "$tmp/c.err")
	"$py" -c "
import socket,sys
s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)
for d in (b'\x00\x05', b'\x00\x63' + bytes(40)):
    s.sendto(d,('127.0.0.1',int(sys.argv[1])))" "$port"
	i=0
	while kill -0 "$wp" 2>/dev/null; do
		i=$((i + 1))
		[ "$i" -gt 100 ] && { echo "--count 2 did not stop it"; exit 1; }
		sleep 0.1
	done
	wait "$wp"
	"$py" "$tool" expect "$tmp/c.json" partial=true stopped_by=count bad_datagrams=2 \
		"warning~datagram 1 from 127.0.0.1" "warning~version 99 is not" || exit 1
	for bad in 127.0.0.1 127.0.0.1:99999 nohost:2055 "[::1" ; do
		"$ww" flows --listen "$bad" >/dev/null 2>"$tmp/u.err"
		rc=$?
		[ "$rc" = 64 ] || { echo "--listen $bad: status $rc, want 64"; exit 1; }
	done
	"$ww" flows --count 3 x >/dev/null 2>&1
	[ $? = 64 ] || { echo "--count without --listen must be a usage error"; exit 1; }
	;;
noexports)
	"$ww" flows "$pcap" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ "$rc" -ge 64 ] || { echo "status $rc, want an input error"; exit 1; }
	grep -q "office.pcap': no flow records found: no UDP datagram in it is a flow export ([0-9]* packets of other traffic); it is a pcap capture: use .wormwatch analyze." "$tmp/err" &&
		[ ! -s "$tmp/out" ] || { echo "want the hint and no report:"; cat "$tmp/err" "$tmp/out"; exit 1; }
	printf 'not flows at all\n' >"$tmp/junk.txt"
	"$ww" flows "$tmp/junk.txt" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ "$rc" = 65 ] || { echo "status $rc on a text file, want 65"; exit 1; }
	grep -q "junk.txt' is not a flow file (.*): it is text in none of the formats it reads" "$tmp/err" ||
		{ cat "$tmp/err"; exit 1; }
	[ "$(wc -l <"$tmp/err")" = 1 ] || { echo "want one line:"; cat "$tmp/err"; exit 1; }
	;;
*)
	echo "unknown mode $mode"
	exit 64
	;;
esac
exit 0
