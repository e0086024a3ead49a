#!/bin/sh
# Every logs/ row of ../shared/data/TRUTH.tsv: run `wormwatch logs --json`
# on the file and check the expected verdict. Skips (77) without the data.
# usage: truth_logs.sh WORMWATCH SHARED_DIR CHECK_PY
ww=$1 shared=$2 check=$3
truth=$shared/data/TRUTH.tsv
if [ ! -f "$truth" ]; then
	echo "SKIP: $truth not found (the shared real-data folder is not next to the repository)"
	exit 77
fi
out=$(mktemp) || exit 1
trap 'rm -f "$out"' EXIT
fail=0 n=0
tab=$(printf '\t')
while IFS="$tab" read -r file home host expect why; do
	case $file in logs/*) ;; *) continue ;; esac
	n=$((n + 1))
	set -- logs --json
	[ "$home" != "-" ] && set -- "$@" --home "$home"
	"$ww" "$@" "$shared/data/$file" >"$out"
	rc=$?
	if [ $rc -ge 64 ]; then
		echo "FAIL $file: exit $rc"
		fail=1
		continue
	fi
	case $expect in
	infected | scanner) a="$host=$expect" ;;
	flagged) a="$host~flagged" ;;
	not-flagged) a="$host~not-flagged" ;;
	none-flagged) a="none-flagged" ;;
	*) echo "FAIL $file: unknown expectation '$expect'"; fail=1; continue ;;
	esac
	if ! python3 "$check" "$out" "$a" >/dev/null; then
		echo "FAIL $file: expected $a ($why)"
		python3 "$check" "$out" "$a"
		fail=1
	else
		echo "ok   $file: $a"
	fi
done <"$truth"
[ $n -gt 0 ] || { echo "FAIL: no logs/ rows in $truth"; exit 1; }
exit $fail
