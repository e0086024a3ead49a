#!/bin/sh
# cli.conventions: what tcpdump, git and nfdump users expect of the command line.
set -u
ww=$1
fail=0
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
expect() { # name want-status command...
	name=$1 want=$2; shift 2
	"$@" >"$t/out" 2>"$t/err"; got=$?
	[ "$got" = "$want" ] && echo "ok   $name: exit $got" || { echo "FAIL $name: exit $got, expected $want"; fail=1; }
}
has() { grep -q -- "$2" "$t/$3" && echo "ok   $1: '$2'" || { echo "FAIL $1: no '$2' in $3"; cat "$t/$3" | head -5; fail=1; }; }
expect help-analyze 0 "$ww" help analyze
has help-analyze 'usage: wormwatch analyze' out
expect analyze--help 0 "$ww" analyze --help
"$ww" help analyze >"$t/a" 2>&1; "$ww" analyze --help >"$t/b" 2>&1
cmp -s "$t/a" "$t/b" && echo "ok   help CMD = CMD --help" || { echo "FAIL help CMD differs from CMD --help"; fail=1; }
expect version 0 "$ww" --version
has version 'wormwatch [0-9]' out
expect V 0 "$ww" -V
expect stray-option 64 "$ww" --json
has stray-option "unknown option '--json'" err
expect unknown-command 64 "$ww" analyse
has unknown-command "unknown command 'analyse'" err
expect help-unknown 64 "$ww" help nosuch
# a capture on standard input, as tcpdump -w - | wormwatch analyze - gives it
if [ -n "${2:-}" ] && [ -f "$2" ]; then
	"$ww" analyze "$2" >"$t/file.out" 2>&1; fst=$?
	"$ww" analyze - <"$2" >"$t/stdin.out" 2>&1; sst=$?
	[ "$fst" = "$sst" ] && cmp -s "$t/file.out" "$t/stdin.out" \
		&& echo "ok   analyze - reads standard input (same report, exit $sst)" \
		|| { echo "FAIL analyze - differs from the file (exit $sst vs $fst)"; fail=1; }
	cat "$2" | "$ww" analyze /dev/stdin >"$t/pipe.out" 2>&1; pst=$?
	cmp -s "$t/file.out" "$t/pipe.out" && echo "ok   analyze /dev/stdin from a pipe" \
		|| { echo "FAIL analyze /dev/stdin (exit $pst)"; fail=1; }
fi
expect stdin-garbage 65 sh -c "echo hello | '$ww' analyze -"
has stdin-garbage "cannot read '-' at byte offset 0" err
[ $fail = 0 ] && echo "cli: passed" || echo "cli: FAILED"
exit $fail
