#!/bin/sh
# Every shared hive (real, clean machines) read by host --offline: no
# finding of medium or higher, no warning, exit 0. Each SYSTEM hive goes in
# a volume with the partial SOFTWARE hive, one of the SAM hives and every
# NTUSER.DAT; then every SAM and NTUSER.DAT is read alone as well.
# Usage: clean.sh WORMWATCH OFFLINE_MKHIVE SHARED-HIVES-DIR
. "$(dirname "$0")/lib.sh"

judge() {
	name=$1
	vol=$2
	"$WW" host --offline "$vol" --json >"$T/out.json" 2>"$T/err"
	rc=$?
	if [ $rc != 0 ]; then
		bad "$name: exit $rc"
		head -5 "$T/err"
		python3 -c 'import json,sys; [print("  ", f["severity"], f["title"]) for f in json.load(open(sys.argv[1]))["findings"]]' "$T/out.json" 2>/dev/null
		return
	fi
	if check "$T/out.json" \
		'not [f for f in F if f["severity"] in ("medium", "high", "critical")]' \
		'd["warnings"] == []' \
		"d[\"input\"][\"hives\"] == $3"; then
		ok "$name: $(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["input"]["registry_values"], "values,", len(d["findings"]), "findings,", len(d.get("timeline", [])), "timeline entries")' "$T/out.json")"
	else
		bad "$name"
	fi
}

n=0
for sys in regipy/SYSTEM regipy/SYSTEM_2 dissect.regf/SYSTEM; do
	n=$((n + 1))
	set -- regipy/SAM plaso/SAM velociraptor/SAM
	eval sam=\${$n}
	v=$T/v$n
	mkdir -p "$v/Windows/System32/config"
	cp "$H/$sys" "$v/Windows/System32/config/SYSTEM"
	cp "$H/scancode-toolkit/Software_Delta" "$v/Windows/System32/config/SOFTWARE"
	cp "$H/$sam" "$v/Windows/System32/config/SAM"
	u=0
	for nt in plaso/NTUSER.DAT plaso/NTUSER-WIN7.DAT plaso/NTUSER-RunTests.DAT regipy/NTUSER_with_winscp.DAT; do
		u=$((u + 1))
		mkdir -p "$v/Users/user$u"
		cp "$H/$nt" "$v/Users/user$u/NTUSER.DAT"
	done
	judge "$sys + Software_Delta + $sam + 4 NTUSER.DAT" "$v" 7
done
for one in plaso/SAM velociraptor/SAM regipy/SAM; do
	v=$T/sam-$(dirname "$one")
	mkdir -p "$v/WINDOWS/system32/config"
	cp "$H/$one" "$v/WINDOWS/system32/config/SAM"
	judge "$one alone" "$v" 1
done
for one in plaso/NTUSER.DAT plaso/NTUSER-WIN7.DAT plaso/NTUSER-RunTests.DAT regipy/NTUSER_with_winscp.DAT; do
	v=$T/nt-$(basename "$one")
	mkdir -p "$v/Documents and Settings/someone"
	cp "$H/$one" "$v/Documents and Settings/someone/ntuser.dat"
	judge "$one alone" "$v" 1
done
# the accounts and administrators the SAM hives hold (SOURCES.md)
v=$T/sam-plaso
"$WW" host --offline "$v" --json >"$T/out.json"
check "$T/out.json" \
	'any("3 local accounts: " in n and "Administrator (500)" in n and "Guest (501)" in n and "gold_administrator (1001)" in n for n in d["notes"])' \
	'any("administrator \x27gold_administrator\x27 is not a built-in account" in n for n in d["notes"])' \
	'not any("Domain Admins" in n for n in d["notes"])' \
	&& ok "plaso/SAM: accounts, the local and the domain administrators" || bad "plaso/SAM accounts"
v=$T/sam-velociraptor
"$WW" host --offline "$v" --json >"$T/out.json"
check "$T/out.json" \
	'any("5 local accounts" in n and "WDAGUtilityAccount (504)" in n and "test (1001)" in n for n in d["notes"])' \
	'any("administrator \x27test\x27 is not a built-in account" in n for n in d["notes"])' \
	&& ok "velociraptor/SAM: accounts and administrators" || bad "velociraptor/SAM accounts"
# the user Run keys are read (and are benign)
v=$T/nt-NTUSER-RunTests.DAT
"$WW" host --offline "$v" --json >"$T/out.json"
check "$T/out.json" \
	'{"key": "HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run", "name": "Sidebar", "data": "%ProgramFiles%\\Windows Sidebar\\Sidebar.exe /autoRun", "source": "Documents and Settings/someone/ntuser.dat", "line": 0} in d["autostarts"]' \
	'any(a["name"] == "mctadmin" and a["key"].endswith("RunOnce") for a in d["autostarts"])' \
	&& ok "NTUSER-RunTests.DAT: Run and RunOnce values read" || bad "NTUSER-RunTests.DAT Run values"
v=$T/nt-NTUSER_with_winscp.DAT
"$WW" host --offline "$v" --json >"$T/out.json"
check "$T/out.json" \
	'any(a["name"] == "OneDrive" for a in d["autostarts"])' \
	&& ok "NTUSER_with_winscp.DAT: the root key spelled SOFTWARE is read" || bad "NTUSER_with_winscp.DAT"
exit $fail
