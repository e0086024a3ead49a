#!/bin/sh
# analyze's inputs (issue 13): a folder (recursively, captures only, told by
# content, in a stable order, a symbolic-link loop walked once); a BPF
# filter with -f/--filter or after "--" as tcpdump takes one (the packet
# count checked against tcpdump's own), a bad one a usage error naming it;
# --since/--until; an unreadable file among several skipped with a warning
# and the status host uses (66 not opened, 65 not a capture).
set -u
WW=$1 GEN=$2 SRC=$3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/lib.sh"
j() { # the value of a numeric input field in a JSON report
	grep -o "\"$1\":[0-9]*" "$2" | head -1 | cut -d: -f2
}

"$GEN" exploits -o "$T/exploits.pcap" --seed 4 >/dev/null
"$GEN" portscan -o "$T/portscan.pcap" --seed 4 >/dev/null
"$GEN" mirai -o "$T/mirai.pcap" --seed 4 >/dev/null

# --- a folder
mkdir -p "$T/case/b/deeper" "$T/case/a"
cp "$T/portscan.pcap" "$T/case/b/deeper/scan.dat"     # no telling name
gzip -c "$T/mirai.pcap" >"$T/case/a/camera.bin"      # compressed
cp "$T/exploits.pcap" "$T/case/exploits.pcap"
cp "$SRC/README.md" "$T/case/notes.md"               # not a capture: left out
ln -s .. "$T/case/b/up"                              # a loop
ln -s "$T/case/a" "$T/case/b/again"                  # the same folder twice
: >"$T/case/empty.pcap"
timeout 60 "$WW" analyze --json "$T/case" >"$T/dir.json" 2>"$T/dir.err"; rc=$?
"$WW" analyze --json "$T/case/a/camera.bin" "$T/case/b/deeper/scan.dat" "$T/case/exploits.pcap" \
	>"$T/files.json" 2>/dev/null; rcf=$?
[ $rc = $rcf ] && [ "$(j files "$T/dir.json")" = 3 ] && cmp -s "$T/dir.json" "$T/files.json" &&
	ok "folder: the 3 captures under it (one compressed, none by name), same report as naming them (exit $rc)" ||
	{ bad "folder: exit $rc, files=$(j files "$T/dir.json")"; cat "$T/dir.err"; }
timeout 60 "$WW" analyze --json "$T/case" >"$T/dir2.json" 2>/dev/null
cmp -s "$T/dir.json" "$T/dir2.json" && ok "folder: the same report twice" || bad "folder: not stable"
mkdir "$T/nocap" && cp "$SRC/README.md" "$T/nocap/"
"$WW" analyze "$T/nocap" >"$T/out" 2>"$T/err"; rc=$?
[ $rc = 66 ] && grep -q "'$T/nocap': a directory with no capture under it" "$T/err" &&
	ok "a folder without captures: 66, named" || { bad "folder without captures: exit $rc"; cat "$T/err"; }

# --- BPF filter
for expr in "tcp port 23" "not arp" "udp"; do
	want=$(tcpdump -nn -r "$T/mirai.pcap" "$expr" 2>/dev/null | wc -l)
	"$WW" analyze --json -f "$expr" "$T/mirai.pcap" >"$T/f1.json" 2>/dev/null
	"$WW" analyze --json "$T/mirai.pcap" -- $expr >"$T/f2.json" 2>/dev/null
	"$WW" analyze --json --filter "$expr" "$T/mirai.pcap" >"$T/f3.json" 2>/dev/null
	total=$(tcpdump -nn -r "$T/mirai.pcap" 2>/dev/null | wc -l)
	got=$(j packets "$T/f1.json") out=$(j filtered_out "$T/f1.json")
	[ "$got" = "$want" ] && [ $((got + out)) = "$total" ] && [ "$want" -gt 0 ] && [ "$want" -lt "$total" ] &&
		cmp -s "$T/f1.json" "$T/f2.json" && cmp -s "$T/f1.json" "$T/f3.json" &&
		ok "filter '$expr': $got of $total packets, as tcpdump; -f, --filter and -- agree" ||
		bad "filter '$expr': $got packets, tcpdump $want of $total"
done
gzip -c "$T/mirai.pcap" >"$T/mirai.gz"
"$WW" analyze --json -f "tcp port 23" "$T/mirai.gz" >"$T/f4.json" 2>/dev/null
[ "$(j packets "$T/f4.json")" = "$(tcpdump -nn -r "$T/mirai.pcap" 'tcp port 23' 2>/dev/null | wc -l)" ] &&
	ok "filter on a compressed capture" || bad "filter on a compressed capture"
"$WW" analyze -f "tcp port" "$T/mirai.pcap" >"$T/out" 2>"$T/err"; rc=$?
[ $rc = 64 ] && grep -q "bad filter expression 'tcp port'" "$T/err" && [ ! -s "$T/out" ] &&
	ok "bad filter: 64, the expression named" || { bad "bad filter: exit $rc"; cat "$T/err"; }
"$WW" analyze -f udp "$T/mirai.pcap" -- tcp >"$T/out" 2>"$T/err"; rc=$?
[ $rc = 64 ] && grep -q "give the filter once" "$T/err" && ok "two filters: 64" || bad "two filters: exit $rc"
# "--" before any file keeps its meaning: what follows are files
cp "$T/portscan.pcap" "$T/-odd.pcap"
(cd "$T" && "$WW" analyze --json -- -odd.pcap >"$T/out" 2>"$T/err"); rc=$?
[ "$(j packets "$T/out")" -gt 0 ] 2>/dev/null && ok "-- then a file named -odd.pcap (exit $rc)" || { bad "-- FILE: exit $rc"; cat "$T/err"; }

# --- time window: the first and last stamps from tcpdump
first=$(tcpdump -tt -nn -r "$T/mirai.pcap" 2>/dev/null | head -1 | cut -d' ' -f1 | cut -d. -f1)
last=$(tcpdump -tt -nn -r "$T/mirai.pcap" 2>/dev/null | tail -1 | cut -d' ' -f1 | cut -d. -f1)
mid=$(( (first + last) / 2 ))
total=$(tcpdump -nn -r "$T/mirai.pcap" 2>/dev/null | wc -l)
"$WW" analyze --json --since "@$mid" "$T/mirai.pcap" >"$T/w1.json" 2>/dev/null
"$WW" analyze --json --until "@$mid" "$T/mirai.pcap" >"$T/w2.json" 2>/dev/null
a=$(j packets "$T/w1.json") b=$(j packets "$T/w2.json")
wa=$(tcpdump -tt -nn -r "$T/mirai.pcap" 2>/dev/null | awk -v m=$mid '$1 >= m' | wc -l)
[ "$a" = "$wa" ] && [ "$a" -gt 0 ] && [ "$b" -gt 0 ] && [ $((a + $(j outside_window "$T/w1.json"))) = "$total" ] &&
	ok "--since @$mid: $a packets (as counted from tcpdump -tt), --until: $b of $total" ||
	bad "--since/--until: $a (want $wa) and $b of $total"
"$WW" analyze --json --since "@$((last + 10))" "$T/mirai.pcap" >"$T/w3.json" 2>/dev/null; rc=$?
[ $rc = 0 ] && [ "$(j packets "$T/w3.json")" = 0 ] && [ "$(j outside_window "$T/w3.json")" = "$total" ] &&
	ok "--since after the end: nothing judged, every packet outside" || bad "--since after the end: exit $rc"
"$WW" analyze --since yesterday "$T/mirai.pcap" >/dev/null 2>"$T/err"; rc=$?
[ $rc = 64 ] && grep -q "\-\-since 'yesterday'" "$T/err" && ok "bad time: 64" || bad "bad time: exit $rc"
"$WW" analyze --since 2026-03-02 --until 2026-03-01 "$T/mirai.pcap" >/dev/null 2>"$T/err"; rc=$?
[ $rc = 64 ] && ok "--until before --since: 64" || bad "--until before --since: exit $rc"

# --- one bad file among several
"$WW" analyze --json "$T/exploits.pcap" "$T/missing.pcap" "$SRC/README.md" >"$T/out" 2>"$T/err"; rc=$?
[ $rc = 66 ] && [ "$(j skipped_inputs "$T/out")" = 2 ] && [ "$(j files "$T/out")" = 1 ] &&
	grep -q '"verdict":"infected"' "$T/out" &&
	grep -q "warning: skipped '$T/missing.pcap': No such file or directory" "$T/err" &&
	grep -q "warning: skipped '$SRC/README.md' at byte offset 0: not a pcap or pcapng capture (starts with bytes 23 20 77 6f; it is a Markdown document)" "$T/err" &&
	! grep -q "error:" "$T/err" &&
	ok "a missing file and a README beside a capture: warned, skipped, reported, 66" ||
	{ bad "bad among many: exit $rc"; cat "$T/err"; }
"$WW" analyze --json "$T/exploits.pcap" "$SRC/README.md" >"$T/out" 2>/dev/null; rc=$?
[ $rc = 65 ] && ok "a README beside a capture: 65" || bad "README beside: exit $rc"
"$WW" analyze "$T/missing.pcap" "$SRC/README.md" >"$T/out" 2>"$T/err"; rc=$?
[ $rc = 66 ] && grep -q "no capture could be read" "$T/err" && [ ! -s "$T/out" ] &&
	ok "nothing readable: 66, no report" || { bad "nothing readable: exit $rc"; cat "$T/err"; }
# --- a pipe given by name, as process substitution gives one
# (`wormwatch analyze <(zcat day.pcap.gz)`): /dev/fd/N, read once
if command -v bash >/dev/null; then
	"$WW" analyze --json "$T/mirai.pcap" >"$T/direct.json" 2>/dev/null
	bash -c '"$1" analyze --json <(gzip -c "$2")' _ "$WW" "$T/mirai.pcap" >"$T/ps.json" 2>"$T/err"; rc=$?
	[ $rc -lt 64 ] && [ "$(j packets "$T/ps.json")" = "$(j packets "$T/direct.json")" ] &&
		grep -q '"verdict":"infected"' "$T/ps.json" &&
		ok "process substitution (/dev/fd, compressed): the same packets and verdict" ||
		{ bad "process substitution: exit $rc"; cat "$T/err"; }
fi
exit $fail
