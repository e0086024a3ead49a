#!/bin/sh
# usage: run_check.sh CHECK_PY EXPECTED_EXIT WORMWATCH ARGS... -- ASSERTIONS...
# Runs wormwatch with ARGS (which should include --json), checks its exit
# status and then the assertions on its report (see check.py).
check=$1 want=$2
shift 2
cmd=""
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
	cmd="$cmd '$1'"
	shift
done
[ "$1" = "--" ] && shift
out=$(mktemp) || exit 1
err=$(mktemp) || exit 1
trap 'rm -f "$out" "$err"' EXIT
eval "$cmd" >"$out" 2>"$err"
rc=$?
cat "$err" >&2
if [ "$want" != "any" ] && [ "$rc" != "$want" ]; then
	echo "FAIL exit status $rc, expected $want"
	head -c 3000 "$out"
	exit 1
fi
python3 "$check" "$out" "$@"
