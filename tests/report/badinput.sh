#!/bin/sh
# wormwatch report on bad input: every case exits 64 or more with exactly one
# line on stderr that names the file (and where in it), and writes no page.
# Usage: badinput.sh WORMWATCH GOOD_RESULT.json
set -u
ww=$1 good=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0

# case NAME WANT_STATUS EXPECTED_SUBSTRING -- ARGS...
case_() {
  name=$1 want=$2 expect=$3
  shift 4
  "$ww" report -o "$tmp/out.html" "$@" >"$tmp/stdout" 2>"$tmp/stderr"
  st=$?
  # one line of error; a usage error adds the usage line (the one --help shows)
  lines=$(grep -vc '^usage: wormwatch report ' "$tmp/stderr")
  if [ "$st" -ne "$want" ]; then
    echo "FAIL $name: exit $st, want $want: $(cat "$tmp/stderr")"; fails=$((fails+1))
  elif [ "$lines" -ne 1 ]; then
    echo "FAIL $name: $lines lines on stderr, want 1:"; sed 's/^/    /' "$tmp/stderr"; fails=$((fails+1))
  elif ! grep -qF -- "$expect" "$tmp/stderr"; then
    echo "FAIL $name: stderr lacks '$expect': $(cat "$tmp/stderr")"; fails=$((fails+1))
  elif [ -e "$tmp/out.html" ]; then
    echo "FAIL $name: a page was written"; fails=$((fails+1))
  else
    echo "ok   $name: $(cat "$tmp/stderr")"
  fi
  rm -f "$tmp/out.html" "$tmp"/out.html.tmp.*
}

printf '{"hosts":[]}\n' >"$tmp/notours.json"
case_ not-wormwatch 65 "'$tmp/notours.json': byte 0: not a wormwatch result" -- "$tmp/notours.json"
printf '{"command":"rm -rf","hosts":[]}' >"$tmp/unknown.json"
case_ unknown-command 65 "unknown command" -- "$tmp/unknown.json"
printf '[1,2,3]' >"$tmp/array.json"
case_ not-an-object 65 "byte 0: not a wormwatch result" -- "$tmp/array.json"
size=$(wc -c <"$good")
head -c $((size / 2)) "$good" >"$tmp/truncated.json"
case_ truncated 65 "'$tmp/truncated.json': truncated JSON: the input ends at byte $((size / 2))" -- "$tmp/truncated.json"
printf '{"command":"analyze","hosts":[{"addr":"10.0.0.1","verdict":"infected"},]}' >"$tmp/syntax.json"
case_ syntax 65 "'$tmp/syntax.json': invalid JSON at byte" -- "$tmp/syntax.json"
printf '{"command":"nat","hosts":[],"history":[{"time":"2026-03-02T09:00:00Z","entries":5},{"time":"2026-03-02T09:01:00Z"}]}' >"$tmp/history.json"
case_ truncated-history 65 "result 1, history[1]: a sample without \"time\" and \"entries\" (a truncated history?)" -- "$tmp/history.json"
printf '{"command":"nat","hosts":[],"history":[{"time":"yesterday","entries":5}]}' >"$tmp/htime.json"
case_ history-time 65 "history[0].time: not an ISO 8601 UTC time" -- "$tmp/htime.json"
printf '{"command":"analyze","hosts":[{"addr":"10.0.0.300","verdict":"infected"}]}' >"$tmp/addr.json"
case_ bad-address 65 "result 1, hosts[0].addr: not an address" -- "$tmp/addr.json"
printf '{"command":"analyze","hosts":[{"addr":"10.0.0.3","verdict":"evil"}]}' >"$tmp/verdict.json"
case_ bad-verdict 65 "hosts[0].verdict: not a verdict" -- "$tmp/verdict.json"
printf '{"command":"analyze","hosts":{}}' >"$tmp/type.json"
case_ wrong-type 65 "result 1, hosts: not an array" -- "$tmp/type.json"
printf '{"command":"analyze","hosts":[{"addr":"10.0.0.3","verdict":"infected","timeline_step_s":60,"timeline":[["2026-03-02T09:00:00Z",-4]]}]}' >"$tmp/tl.json"
case_ bad-timeline 65 "hosts[0].timeline[0]: not a count" -- "$tmp/tl.json"
printf '{"command":"verify","hosts":[{"addr":"10.0.0.3"}]}' >"$tmp/verify.json"
case_ verify-no-status 65 "hosts[0].status: missing" -- "$tmp/verify.json"
printf '{"command":"analyze","hosts":[]}\n{"command":"nat","hosts":[]}\n{"x":' >"$tmp/second.json"
case_ second-truncated 65 "truncated JSON: the input ends at byte" -- "$tmp/second.json"
printf '{"command":"analyze",\0"hosts":[]}' >"$tmp/nul.json"
case_ nul-byte 65 "byte 21: a NUL byte" -- "$tmp/nul.json"
: >"$tmp/empty.json"
case_ empty 65 "'$tmp/empty.json': empty" -- "$tmp/empty.json"
case_ missing 66 "cannot open '$tmp/nope.json'" -- "$tmp/nope.json"
case_ bad-done 64 "unknown step 'scrubbed'" -- --done 10.0.0.1:scrubbed "$good"
case_ bad-done-addr 64 "'10.0.0.x' is not an address" -- --done 10.0.0.x:clean "$good"
case_ bad-option 64 "unknown option '--colour'" -- --colour pdf "$good"
case_ bad-format 64 "report writes html, not 'pdf'" -- --format pdf "$good"
case_ no-value 64 "option '-o' needs a value" -- "$good" -o
case_ no-input 64 "no input" --

[ "$fails" -eq 0 ] || { echo "$fails failed"; exit 1; }
echo "all passed"
