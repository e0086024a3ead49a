#!/bin/sh
# scripts/collect-windows.cmd cannot run here; check what can be checked:
# CRLF line endings (cmd.exe mis-parses labels in LF files), only built-in
# commands, every output the issue lists, and the manifest magic that
# `wormwatch host` recognises.
set -u
S=$1
fail=0
[ -f "$S" ] || { echo "FAIL: $S missing"; exit 1; }
if grep -q "$(printf '[^\r]$')" "$S"; then echo "FAIL: lines without CRLF"; fail=1; else echo "ok   CRLF"; fi
# first word of every command line (labels, comments, blocks and redirections removed)
tr -d '\r' <"$S" | sed -e 's/^ *//' -e '/^rem /d' -e '/^rem$/d' -e '/^:/d' -e '/^)/d' -e '/^$/d' \
	-e 's/^(//' -e 's/^>>* *"[^"]*" *//' -e 's/^@//' -e 's/^if [^(]*(//' -e 's/^if defined [A-Za-z]* //' -e 's/^(//' -e 's/^>>* *"[^"]*" *//' \
	-e 's/^if not exist "[^"]*" //' -e 's/^if errorlevel [0-9]* //' -e 's/^if "[^"]*"=="[^"]*" //' |
	awk '{print tolower($1)}' | sort -u >"${TMPDIR:-/tmp}/ww-collect-words.$$"
bad=$(grep -v -x -E 'echo|set|setlocal|endlocal|if|call|goto|shift|exit|mkdir|copy|net|netstat|tasklist|reg|schtasks|at|dir|%cmdline%' "${TMPDIR:-/tmp}/ww-collect-words.$$")
rm -f "${TMPDIR:-/tmp}/ww-collect-words.$$"
if [ -n "$bad" ]; then echo "FAIL: commands that are not built in: $bad"; fail=1; else echo "ok   built-in commands only"; fi
for want in 'netstat -ano' 'netstat -anob' 'netstat -s' 'tasklist /v /fo csv' 'tasklist /svc /fo csv' \
	'drivers\\etc\\hosts' 'CurrentVersion\\Run"' 'CurrentVersion\\RunOnce"' 'CurrentVersion\\RunOnceEx"' \
	'CurrentVersion\\RunServices"' 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run"' \
	'Winlogon' 'Windows NT\\CurrentVersion\\Windows"' 'KnownDLLs' \
	'{E6FB5E20-DE35-11CF-9C87-00AA005127ED}\\InProcServer32' 'CurrentControlSet\\Services"' \
	'schtasks /query /fo csv /v' 'at.txt               at' 'net share' 'net localgroup administrators' \
	'net user' 'System32"' '%TEMP%' 'Startup"' 'wormwatch-collect manifest v1'; do
	if grep -q -F -- "$(printf '%b' "$want")" "$S"; then echo "ok   $want"; else echo "FAIL: no $want"; fail=1; fi
done
exit $fail
