#!/bin/sh
# Speed of the router readers: generates LINES (default 2,000,000) conntrack
# lines and iptables LOG lines, then times `wormwatch nat` and `wormwatch
# logs` against `grep -c` on the same files in the same run, and prints
# lines per second and the ratio. The goal is one million lines per second
# or more for both.
# usage: bench/router_lines.sh [WORMWATCH] [LINES]
here=$(cd "$(dirname "$0")" && pwd)
ww=${1:-}
if [ -z "$ww" ]; then
	for b in "$here/../build/release/wormwatch" "$here/../build/dev/wormwatch"; do
		[ -x "$b" ] && { ww=$b; break; }
	done
fi
[ -x "$ww" ] || { echo "no wormwatch binary (build the release preset first)"; exit 1; }
n=${2:-2000000}
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
python3 "$here/../tests/router/make_fixtures.py" "$dir" --bench "$n" || exit 1

now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc -l; }

run() { # label file wormwatch-args...
	label=$1 file=$2
	shift 2
	lines=$(wc -l <"$file")
	t0=$(now); g=$(grep -c '' "$file"); t1=$(now)
	"$ww" "$@" "$file" >/dev/null 2>&1; rc=$?
	t2=$(now)
	tg=$(secs "$t0" "$t1") tw=$(secs "$t1" "$t2")
	[ "$g" = "$lines" ] || echo "warning: grep counted $g of $lines lines"
	printf '%-6s %9d lines  grep -c %6.3f s  wormwatch %6.3f s (exit %d)  %5.1f x grep  %6.2f M lines/s\n' \
		"$label" "$lines" "$tg" "$tw" "$rc" "$(echo "$tw / $tg" | bc -l)" \
		"$(echo "$lines / $tw / 1000000" | bc -l)"
}
echo "wormwatch: $ww"
run nat "$dir/bench_ct.txt" nat --max 262144
run logs "$dir/bench_log.txt" logs
