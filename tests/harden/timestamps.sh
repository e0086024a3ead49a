#!/bin/sh
# Issue 14 point 4: pcapng stamps at the edges (2^64-1 and 2^63 in
# microseconds, 2^64-1 with if_tsresol 10^0 and 2^0, i.e. whole seconds)
# are clamped into 1970..9999 with one warning, the run goes on and the
# verdict's exit status stays a verdict's; in a sanitizer build a sanitizer
# report exits 86 (checked with tests/harden/sanexit.c).
set -u
WW=$1
SRC=$2
SANEXIT=$3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }
command -v python3 >/dev/null || { echo "skipped: no python3"; exit 77; }
MK="python3 $SRC/tests/harden/mk_pcapng.py"
i=0
for args in "6 0xFFFFFFFFFFFFFFFF 0x8000000000000000 1700000000000000" \
            "0 0xFFFFFFFFFFFFFFFF 1700000000" \
            "0x80 0xFFFFFFFFFFFFFFFF 1700000000"; do
	i=$((i + 1))
	# shellcheck disable=SC2086
	$MK "$T/e$i.pcapng" $args || { bad "mk_pcapng $args"; continue; }
	"$WW" analyze "$T/e$i.pcapng" >"$T/out" 2>"$T/err"
	rc=$?
	[ "$rc" = 0 ] && ok "edge $i ($args): exit 0" || { bad "edge $i ($args): exit $rc"; cat "$T/err"; }
	if grep -q "has a time stamp outside 1970..9999" "$T/err" &&
	   grep -q "time stamp outside 1970..9999" "$T/out"; then ok "edge $i: warned (stderr and report)"
	else bad "edge $i: no warning"; cat "$T/err" "$T/out"; fi
	[ "$(grep -c 'time stamp outside' "$T/err")" = 1 ] && ok "edge $i: warned once" || bad "edge $i: warned more than once"
done
# ordinary stamps, and 2^64-1 nanoseconds (2554-07-21), give no such warning
for args in "6 1700000000000000 1700000000100000" "9 0xFFFFFFFFFFFFFFFF 1700000000000000000"; do
	# shellcheck disable=SC2086
	$MK "$T/ok.pcapng" $args
	"$WW" analyze "$T/ok.pcapng" >"$T/out" 2>"$T/err"
	rc=$?
	[ "$rc" = 0 ] || bad "in-range stamps ($args): exit $rc"
	grep -q "time stamp outside" "$T/err" && bad "in-range stamps warned ($args)" || ok "in-range stamps ($args): no warning"
done

"$SANEXIT" ub >/dev/null 2>"$T/err"
rc=$?
if [ "$rc" = 77 ]; then
	echo "skipped sanitizer exit status: not a sanitizer build"
else
	[ "$rc" = 86 ] && ok "UBSan report exits 86" || { bad "UBSan report exits $rc"; head -3 "$T/err"; }
	"$SANEXIT" heap >/dev/null 2>"$T/err"
	rc=$?
	[ "$rc" = 86 ] && ok "ASan report exits 86" || { bad "ASan report exits $rc"; head -3 "$T/err"; }
fi
exit $fail
