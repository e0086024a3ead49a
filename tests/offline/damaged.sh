#!/bin/sh
# Hives from damaged disks: each problem is a warning naming the hive (and
# the key, when there is one), and the rest is still read.
# Usage: damaged.sh WORMWATCH OFFLINE_MKHIVE SHARED-HIVES-DIR
. "$(dirname "$0")/lib.sh"

make_infected_hives "$T/h" || { echo "FAIL: cannot build the hives"; exit 1; }

# -- a truncated SYSTEM hive (the shared Windows 7 one, cut in the middle
# of a page at 3 of its 11 MB), a SAM that is not a hive at all, the
# infected SOFTWARE beside them
V=$T/trunc
mkdir -p "$V/Windows/System32/config"
head -c 3000000 "$H/regipy/SYSTEM" >"$V/Windows/System32/config/SYSTEM"
cp "$T/h/SOFTWARE" "$V/Windows/System32/config/SOFTWARE"
head -c 9000 /dev/zero | tr '\0' 'x' >"$V/Windows/System32/config/SAM"
"$WW" host --offline "$V" --json >"$T/out.json" 2>"$T/err"
rc=$?
[ $rc = 2 ] && ok "truncated SYSTEM, garbage SAM: exit 2 (the rest still read)" || bad "truncated: exit $rc"
check "$T/out.json" \
	'any(w.startswith("hive \x27Windows/System32/config/SYSTEM\x27 is damaged") and "read from its first 2998272 of 3000000 bytes" in w for w in d["warnings"])' \
	'any(w.startswith("hive \x27Windows/System32/config/SAM\x27 cannot be opened") for w in d["warnings"])' \
	'any("467 services read" in n for n in d["notes"])' \
	'any("computer WKS-WIN732BITA" in n for n in d["notes"])' \
	'len(find("medium", "autostart value \"jwgkvsq\"")) == 1' \
	'len(find("high", "Explorer cannot show hidden files")) == 1' \
	'd["input"]["hives"] == 2 and d["input"]["hives_damaged"] == 2' \
	|| bad "truncated SYSTEM"

# -- a bad checksum in the base block: read all the same
V=$T/sum
mkdir -p "$V/Windows/System32/config"
cp "$T/h/SOFTWARE" "$V/Windows/System32/config/SOFTWARE"
printf '\377' | dd of="$V/Windows/System32/config/SOFTWARE" bs=1 seek=48 conv=notrunc 2>/dev/null
"$WW" host --offline "$V" --json >"$T/out.json" 2>"$T/err"
rc=$?
[ $rc = 2 ] && check "$T/out.json" \
	'any(w.startswith("hive \x27Windows/System32/config/SOFTWARE\x27 is damaged") for w in d["warnings"])' \
	'len(find("medium", "autostart value \"jwgkvsq\"")) == 1' &&
	ok "bad header checksum: warned, Run value still found" || bad "bad checksum: exit $rc"

# -- inside a hive: keys in unexpected case (select, controlset001,
# services), a subkey name that is not valid UTF-16, a value whose data
# points outside the hive, a string that is not valid UTF-16; the disabled
# Security Center next to them is still found
V=$T/inside
mkdir -p "$V/windows/system32/CONFIG"
"$MK" "$V/windows/system32/CONFIG/system" \
	dword 'select' 'current' 1 \
	key 'controlset001\services\Ωbad' \
	dword 'controlset001\services\WSCSVC' start 4 \
	sz 'controlset001\services\WSCSVC' ImagePath 'svchost.exe -k netsvcs' \
	raw 'controlset001\services\WSCSVC' DisplayName 1 '00d8410000000000' \
	sz 'controlset001\services\zzlast' ImagePath 'C:\WINDOWS\system32\zz.exe' \
	multi 'controlset001\control\session manager' BootExecute 'autocheck autochk *|bootdrop' \
	patch 'a9036200' '00d86200' \
	breakvalue 'controlset001\services\WSCSVC' ImagePath || { bad "cannot build the damaged hive"; exit 1; }
"$WW" host --offline "$V" --json >"$T/out.json" 2>"$T/err"
rc=$?
[ $rc = 2 ] && ok "damaged keys and values: exit 2" || bad "inside: exit $rc"
check "$T/out.json" \
	'"hive \x27windows/system32/CONFIG/system\x27 key \x27\\controlset001\\services\x27: a subkey name cannot be read (not valid UTF-16): skipped" in d["warnings"]' \
	'"hive \x27windows/system32/CONFIG/system\x27 key \x27\\controlset001\\services\\WSCSVC\x27: value \x27ImagePath\x27 cannot be read (Bad address): skipped" in d["warnings"]' \
	'"hive \x27windows/system32/CONFIG/system\x27 key \x27\\controlset001\\services\\WSCSVC\x27: value \x27DisplayName\x27 is not valid UTF-16 (read with U+FFFD)" in d["warnings"]' \
	'len(find("high", "security service \x27WSCSVC\x27")) == 1' \
	'find("medium", "a program runs before Windows starts")[0]["title"].endswith("(BootExecute): autocheck autochk *, bootdrop")' \
	'any("2 services read from controlset001\\services" in n for n in d["notes"])' \
	|| bad "warnings inside a hive"
[ $fail = 0 ] && ok "warnings name the hive and the key; the other keys are read"

# -- the corpus of the fuzz harness is made by this tool: it must still
# open (a seed that hivex refuses would fuzz nothing)
n=0
for f in "$(dirname "$0")"/../../fuzz/corpus/offline_hive/seed-*; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	mkdir -p "$T/seed/Windows/System32/config"
	cp "$f" "$T/seed/Windows/System32/config/SYSTEM"
	"$WW" host --offline "$T/seed" --json >"$T/out.json" 2>/dev/null
	check "$T/out.json" 'd["input"]["hives"] == 1' || bad "seed $(basename "$f") does not open"
done
[ $n -ge 4 ] && ok "$n fuzz seeds open as hives" || bad "only $n fuzz seeds"
exit $fail
