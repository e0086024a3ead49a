#!/bin/sh
# outputs.conventions: the command line as tcpdump, git and nfdump users
# expect it, for every subcommand:
#  - `wormwatch help CMD` = `wormwatch CMD --help`, exit 0, the usage line
#    first, then a line per option with its text;
#  - the usage line an error prints is the one --help prints;
#  - a stray flag is an "unknown option" (64), named with the command's
#    prefix `wormwatch CMD: error:`; an option without its value says so;
#  - -o/--output and --format on every command that writes a report
#    (all but the cluster's sensor and judge, which publish to the bus:
#    there -o is an unknown option, never anything else); --json is
#    --format json;
#  - one letter, one meaning across the commands: each short letter names
#    the same long option everywhere (--home is --home-net), and -i is the
#    interface, -w writes a file, -o is the output, never anything else;
#  - --version and -V.
# usage: conventions.sh WORMWATCH
set -u
ww=$1
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }
# every command the program lists (wormwatch --help), none forgotten
cmds=$("$ww" --help | sed -n '/^commands:/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p' | tr '\n' ' ')
nocmds=$(echo $cmds | wc -w)
[ "$nocmds" -ge 12 ] && ok "$nocmds commands: $cmds" || bad "only $nocmds commands listed: $cmds"
for c in flows sensor judge results; do
	case " $cmds " in *" $c "*) ;; *) bad "$c is not in the list of commands" ;; esac
done
noreport=" sensor judge "
for c in $cmds; do
	"$ww" help "$c" >"$t/$c.help" 2>&1; s1=$?
	"$ww" "$c" --help >"$t/$c.help2" 2>&1; s2=$?
	[ $s1 = 0 ] && [ $s2 = 0 ] && cmp -s "$t/$c.help" "$t/$c.help2" \
		&& ok "$c: help $c = $c --help" || bad "$c: help differs (exit $s1/$s2)"
	head -1 "$t/$c.help" | grep -q "^usage: wormwatch $c " && ok "$c: usage line first" || bad "$c: no usage line first"
	case "$noreport" in
	*" $c "*)
		grep -Eq '^  -o, ' "$t/$c.help" && bad "$c: -o without a report" || ok "$c: no report, no -o"
		;;
	*)
		grep -Eq '^  -o, --output ' "$t/$c.help" && ok "$c: -o, --output" || bad "$c: no -o/--output"
		grep -Eq '^      --format ' "$t/$c.help" && ok "$c: --format" || bad "$c: no --format"
		;;
	esac
	# every option line has its text (on the line, or the next when the
	# option is long)
	python3 - "$t/$c.help" <<'PY' && ok "$c: every option has a line of help" || bad "$c: an option without help"
import re, sys
L = open(sys.argv[1]).read().split("\n")
o = L.index("options:") + 1
bad = 0
for i in range(o, len(L)):
    if not L[i].startswith("  -"):
        continue
    if re.match(r"^  \S.{25} \S", L[i]):
        continue
    if i + 1 < len(L) and re.match(r"^ {29}\S", L[i + 1]):
        continue
    print("  no help: " + L[i]); bad = 1
sys.exit(bad)
PY
	"$ww" "$c" --no-such-flag >"$t/out" 2>"$t/err"; st=$?
	[ $st = 64 ] && grep -q "^wormwatch $c: error: unknown option '--no-such-flag'" "$t/err" \
		&& ok "$c: stray flag: $(head -1 "$t/err")" || { bad "$c: stray flag: exit $st"; cat "$t/err"; }
	grep '^usage:' "$t/err" >"$t/u1"; head -1 "$t/$c.help" >"$t/u2"
	cmp -s "$t/u1" "$t/u2" && ok "$c: the error's usage line is --help's" || { bad "$c: usage lines differ"; cat "$t/u1" "$t/u2"; }
	"$ww" "$c" -o >"$t/out" 2>"$t/err"; st=$?
	case "$noreport" in
	*" $c "*)
		[ $st = 64 ] && grep -q "^wormwatch $c: error: unknown option '-o'" "$t/err" && ok "$c: -o is an unknown option: 64" || bad "$c: -o: exit $st $(cat "$t/err")"
		;;
	*)
		[ $st = 64 ] && grep -q "option '-o' needs a value" "$t/err" && ok "$c: -o without a value: 64" || bad "$c: -o without a value: exit $st $(cat "$t/err")"
		;;
	esac
done
# one letter, one meaning
for c in $cmds; do
	sed -n 's/^  -\(.\), --\([a-z-]*\).*/\1 \2/p' "$t/$c.help" | sed "s/\$/ $c/"
done >"$t/letters"
awk '{l=$2; if (l == "home") l = "home-net"; if (l == "filter") l = "bpf"
      if (($1) in m && m[$1] != l) {print "letter -" $1 ": --" m[$1] " (" w[$1] ") and --" l " (" $3 ")"; e=1}
      m[$1] = l; w[$1] = $3} END {exit e}' "$t/letters" >"$t/clash" \
	&& ok "one letter, one long option across $(sort -u "$t/letters" | awk '{print $1}' | sort -u | wc -l) letters" \
	|| { bad "letters with two meanings:"; cat "$t/clash"; }
want() { # letter long
	if grep -q "^$1 " "$t/letters"; then
		awk -v l="$1" -v w="$2" '$1 == l && $2 != w {e=1} END {exit e}' "$t/letters" \
			&& ok "-$1 is --$2 wherever it is used" || bad "-$1 is not only --$2"
	else bad "-$1 is used nowhere"; fi
}
want i interface
want w write-evidence
want o output
want j json
want h help
want H home-net
want c count
want d duration
"$ww" --version >"$t/v" && grep -q '^wormwatch [0-9]' "$t/v" && ok "--version: $(cat "$t/v")" || bad "--version"
"$ww" -V >"$t/v2" && cmp -s "$t/v" "$t/v2" && ok "-V = --version" || bad "-V"
"$ww" --json >/dev/null 2>"$t/err"; st=$?
[ $st = 64 ] && grep -q "unknown option '--json'" "$t/err" && ok "a flag before the command: unknown option" || bad "flag before the command: exit $st"
[ $fail = 0 ] && echo "outputs.conventions: passed" || echo "outputs.conventions: FAILED"
exit $fail
