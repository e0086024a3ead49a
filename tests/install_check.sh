#!/bin/sh
# install.tree: cmake --install into a temporary prefix, then check the tree
# and run the installed program on the Conficker fixture, whose "security
# service disabled" findings need the installed indicator lists.
set -u
build=$1 fixture=$2
p=$(mktemp -d)
trap 'rm -rf "$p"' EXIT
fail=0
cmake --install "$build" --prefix "$p" >/dev/null || { echo "FAIL cmake --install"; exit 1; }
for f in bin/wormwatch share/man/man1/wormwatch.1 share/man/man1/wormwatch-analyze.1 \
         share/man/man1/wormwatch-host.1 share/man/man1/wormwatch-nat.1 \
         share/man/man1/wormwatch-logs.1 share/man/man1/wormwatch-watch.1 \
         share/man/man1/wormwatch-flows.1 share/man/man1/wormwatch-contain.1 \
         share/man/man1/wormwatch-verify.1 share/man/man1/wormwatch-report.1 \
         share/man/man1/wormwatch-sensor.1 share/man/man1/wormwatch-judge.1 \
         share/man/man1/wormwatch-results.1 \
         share/bash-completion/completions/wormwatch share/zsh/vendor-completions/_wormwatch \
         share/wormwatch/indicators/windows.tsv share/wormwatch/collect-windows.cmd \
         lib/systemd/system/wormwatch-watch@.service; do
	if [ -f "$p/$f" ]; then echo "ok   $f"; else echo "FAIL missing $f"; fail=1; fi
done
grep -q "ExecStart=$p/bin/wormwatch watch" "$p/lib/systemd/system/wormwatch-watch@.service" \
	&& echo "ok   unit runs the installed program" || { echo "FAIL unit ExecStart"; fail=1; }
# the installed program, away from the build and source trees
cp -r "$fixture" "$p/case"
out=$(cd / && env -u WW_DATADIR "$p/bin/wormwatch" host "$p/case" 2>&1)
st=$?
[ "$st" = 3 ] && echo "ok   installed host: exit 3" || { echo "FAIL installed host: exit $st"; fail=1; }
# this finding exists only when the indicator list was found
echo "$out" | grep -q "security service 'wuauserv'" && echo "ok   installed data found" \
	|| { echo "FAIL installed program did not find its indicators"; echo "$out" | head; fail=1; }
if command -v man >/dev/null; then
	man -l "$p/share/man/man1/wormwatch-analyze.1" 2>/dev/null | grep -q "first contacts" \
		&& echo "ok   man page renders" || { echo "FAIL man page"; fail=1; }
fi
# the Japanese catalogue, and the installed program finds it beside itself
if [ -f "$p/share/locale/ja/LC_MESSAGES/wormwatch.mo" ]; then echo "ok   share/locale/ja/LC_MESSAGES/wormwatch.mo"
else echo "FAIL missing share/locale/ja/LC_MESSAGES/wormwatch.mo"; fail=1; fi
if locale -a 2>/dev/null | grep -qi '^ja_JP\.utf-\?8$'; then
	out=$(cd / && env -u WW_DATADIR -u WW_LOCALEDIR -u LC_ALL -u LC_MESSAGES -u LANGUAGE \
		LANG=ja_JP.UTF-8 "$p/bin/wormwatch" host "$p/case" 2>&1)
	echo "$out" | grep -q "次にすること:" && echo "$out" | grep -q "感染して活動中" \
		&& echo "ok   installed program speaks Japanese with LANG=ja_JP.UTF-8" \
		|| { echo "FAIL installed program, LANG=ja_JP.UTF-8: no Japanese"; echo "$out" | head -3; fail=1; }
else
	echo "skip installed Japanese output: no ja_JP.UTF-8 locale here"
fi
bash -n "$p/share/bash-completion/completions/wormwatch" && echo "ok   bash completion parses" \
	|| { echo "FAIL bash completion"; fail=1; }
[ $fail = 0 ] && echo "install: passed" || echo "install: FAILED"
exit $fail
