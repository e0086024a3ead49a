#!/usr/bin/env bash
# Golden tests for analyze. TESTLIST rows: name<TAB>input<TAB>expected<TAB>options
# input: gen:<scenario> [wwgen args] (made here with the build's wwgen) or
#        shared:<path under ../shared/data> (skipped when absent).
# The expected file must exist in tests/golden; it is compared byte for byte.
set -u
ww=$1 bindir=$2 shared=$3
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export TZ=UTC
export WORMWATCH_HASH_SEED=1 # one hash layout (the seen-filter's rare false positives)
pass=0 fail=0 skip=0
while IFS=$'\t' read -r name input expected options; do
  case "$name" in ''|'#'*) continue ;; esac
  case "$input" in
    gen:*)
      spec=${input#gen:}
      # shellcheck disable=SC2086
      if ! "$bindir/wwgen" $spec -o "$tmp/$name.pcap" >/dev/null 2>"$tmp/gen.err"; then
        echo "FAIL $name: wwgen $spec failed: $(cat "$tmp/gen.err")"; fail=$((fail+1)); continue
      fi
      file="$tmp/$name.pcap" ;;
    shared:*)
      file="$shared/${input#shared:}"
      if [ ! -f "$file" ]; then echo "skip $name: $file not found (needs ../shared/data)"; skip=$((skip+1)); continue; fi ;;
    *) echo "FAIL $name: bad input spec '$input'"; fail=$((fail+1)); continue ;;
  esac
  if [ ! -f "$here/$expected" ]; then
    echo "FAIL $name: expected file tests/golden/$expected is missing (write it by hand after checking the output)"
    fail=$((fail+1)); continue
  fi
  # shellcheck disable=SC2086
  "$ww" analyze $options "$file" >"$tmp/$name.out" 2>/dev/null
  echo "exit $?" >>"$tmp/$name.out"
  if diff -u "$here/$expected" "$tmp/$name.out" >"$tmp/$name.diff"; then
    echo "ok   $name"; pass=$((pass+1))
  else
    echo "FAIL $name:"; sed 's/^/    /' "$tmp/$name.diff" | sed "s#$tmp/##g" | head -40; fail=$((fail+1))
  fi
done <"$here/TESTLIST"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ] || exit 1
[ "$pass" -gt 0 ] || exit 77
