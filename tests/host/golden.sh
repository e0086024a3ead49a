#!/bin/sh
# Run the golden list tests/host/GOLDEN: each input's text report must equal
# its expected file byte for byte, with the listed exit status.
set -u
WW=$1
SRC=$2
cd "$SRC" || exit 1
fail=0
T=$(mktemp)
trap 'rm -f "$T"' EXIT
while read -r name input expected status opts; do
	case "$name" in ''|'#'*) continue ;; esac
	exp="tests/host/golden/$expected"
	if [ ! -f "$exp" ]; then echo "FAIL $name: $exp missing"; fail=1; continue; fi
	# shellcheck disable=SC2086
	TZ=UTC "$WW" host $opts "$input" >"$T" 2>&1
	rc=$?
	if [ "$rc" != "$status" ]; then echo "FAIL $name: exit $rc, expected $status"; fail=1; fi
	if diff -u "$exp" "$T" >/dev/null; then echo "ok   $name"; else echo "FAIL $name: output differs"; diff -u "$exp" "$T" | head -20; fail=1; fi
done <tests/host/GOLDEN
exit $fail
