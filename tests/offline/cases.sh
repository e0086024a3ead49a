#!/bin/sh
# host --offline on a folder laid out like an infected Windows 7 C: drive:
# the shared Windows 7 SYSTEM hive with a Conficker-style service added
# through libhivex, a SOFTWARE hive whose netsvcs group lists it and whose
# Run key starts its DLL through rundll32, a user's Gaobot Run value,
# autorun.inf and a .vmx in RECYCLER, a hijacked HOSTS file, an at job.
# Usage: cases.sh WORMWATCH OFFLINE_MKHIVE SHARED-HIVES-DIR
. "$(dirname "$0")/lib.sh"

V=$T/vol
make_volume "$V" || { echo "FAIL: cannot build the test volume"; exit 1; }

# -- the report, JSON
"$WW" host --offline "$V" --json >"$T/out.json" 2>"$T/err"
rc=$?
[ $rc = 2 ] && ok "infected volume: exit 2 (traces, no live process)" || bad "infected volume: exit $rc, want 2"
check "$T/out.json" \
	'len(find("critical")) == 1' \
	'find("critical")[0]["service"] == "jwgkvsq"' \
	'find("critical")[0]["service_dll"] == "C:\\WINDOWS\\system32\\jwgkvsq.dll"' \
	'find("critical")[0]["hive"] == "WINDOWS/system32/config/SYSTEM"' \
	'find("critical")[0]["key"] == "HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\services\\jwgkvsq\\Parameters"' \
	'find("critical")[0]["key_written"] == "2009-01-15T10:00:00.000000Z"' \
	'any("netsvcs svchost group" in e for e in find("critical")[0]["evidence"])' \
	'any("jwgkvsq\"=\"rundll32.exe C:\\WINDOWS\\system32\\jwgkvsq.dll,ahaezedrn" in e for e in find("critical")[0]["evidence"])' \
	'any("sc stop jwgkvsq & sc config jwgkvsq start= disabled" in s for s in find("critical")[0]["next_steps"])' \
	'any("reg delete \"HKLM\\SYSTEM\\CurrentControlSet\\Services\\jwgkvsq\" /f" in s for s in find("critical")[0]["next_steps"])' \
	'any("delete C:\\WINDOWS\\system32\\jwgkvsq.dll" in s for s in find("critical")[0]["next_steps"])' \
	'not any("taskkill" in s for f in F for s in f["next_steps"])' \
	'd["next_steps"][0].startswith("do not end svchost.exe")' \
	|| bad "the Conficker service finding"
check "$T/out.json" \
	'[f["value"] for f in find("medium", "autostart value \"jwgkvsq\" starts jwgkvsq.dll")] == ["jwgkvsq"]' \
	'find("medium", "autostart value \"jwgkvsq\"")[0]["key_written"] == "2009-01-15T10:02:00.000000Z"' \
	'find("medium", "autostart value \"jwgkvsq\"")[0]["hive"] == "WINDOWS/system32/config/software"' \
	'"loaded by rundll32" in " ".join(find("medium", "autostart value \"jwgkvsq\"")[0]["evidence"])' \
	'not any("delete rundll32" in s for f in F for s in f["next_steps"])' \
	'any("then delete c:\\windows\\system32\\jwgkvsq.dll and reboot" in s for s in find("medium", "autostart value \"jwgkvsq\"")[0]["next_steps"])' \
	|| bad "the Run value that starts the DLL through rundll32"
check "$T/out.json" \
	'len(find("high", "autorun.inf at the root of the volume starts rundll32.exe .\\RECYCLER")) == 1' \
	'find("high", "autorun.inf")[0]["line"] == 3' \
	'len(find("high", "suspicious file C:\\RECYCLER\\S-5-3-42-2819952290-8240758988-879315005-3665\\jwgkvsq.vmx")) == 1' \
	'len(find("high", "security service \x27wscsvc\x27")) == 1' \
	'find("high", "security service")[0]["key_written"] == "2009-01-15T10:01:00.000000Z"' \
	'len(find("high", "Explorer cannot show hidden files")) == 1' \
	'len(find("high", "HOSTS file hijacks 1")) == 1' \
	'find("high", "autostart value \"Video Process\" starts sysconf.exe")[0]["hive"] == "Documents and Settings/ken/NTUSER.DAT"' \
	'[t["command"] for t in d["tasks"] if t["name"] == "At1.job"] == ["rundll32.exe C:\\WINDOWS\\system32\\jwgkvsq.dll,ahaezedrn"]' \
	'len(find("medium", "at job At1.job")) == 1' \
	'len(F) == 9' \
	'd["warnings"] == []' \
	'any("Windows 7 Professional Service Pack 1 build 7601, computer WKS-WIN732BITA" in n for n in d["notes"])' \
	'any("administrator \x27Preston\x27" in n for n in d["notes"])' \
	|| bad "the volume's other traces"
[ $fail = 0 ] && ok "findings: service, DLL, Run value, hive, key times, fixes"

# -- the timeline: one ordered list of key and file times
check "$T/out.json" \
	'[e["time"] for e in d["timeline"]] == sorted(e["time"] for e in d["timeline"])' \
	'len(d["timeline"]) == 100' \
	'all(set(e) == {"time", "source", "what"} for e in d["timeline"])' \
	|| bad "timeline without --since"
"$WW" host --offline "$V" --since 2009-01-15 --json >"$T/since.json"
rc=$?
[ $rc = 2 ] || bad "--since: exit $rc"
check "$T/since.json" \
	'all(e["time"] >= "2009-01-15" for e in d["timeline"])' \
	'[e["time"] for e in d["timeline"]] == sorted(e["time"] for e in d["timeline"])' \
	'{"time": "2009-01-15T10:00:00.000000Z", "source": "WINDOWS/system32/config/SYSTEM", "what": "service key jwgkvsq written"} in d["timeline"]' \
	'{"time": "2009-01-15T10:02:00.000000Z", "source": "WINDOWS/system32/config/software", "what": "key \\Microsoft\\Windows\\CurrentVersion\\Run written (1 value read)"} in d["timeline"]' \
	'{"time": "2009-01-15T10:00:00.000000Z", "source": "WINDOWS/system32/jwgkvsq.dll", "what": "program modified in the time window"} in d["timeline"]' \
	'{"time": "2009-01-15T10:00:00.000000Z", "source": "autorun.inf", "what": "autorun.inf modified"} in d["timeline"]' \
	'len(find("low", "program file")) == 1 and "C:\\WINDOWS\\system32\\jwgkvsq.dll modified 2009-01-15T10:00:00.000000Z" in find("low")[0]["evidence"][0]' \
	|| bad "timeline with --since"
"$WW" host --offline "$V" --since 2009-01-15 --until 2009-01-16 --json >"$T/window.json"
check "$T/window.json" \
	'len(d["timeline"]) == 10' \
	'all("2009-01-15" <= e["time"] <= "2009-01-16" for e in d["timeline"])' \
	'sorted(set(e["source"] for e in d["timeline"])) == ["RECYCLER/S-5-3-42-2819952290-8240758988-879315005-3665/jwgkvsq.vmx", "WINDOWS/Tasks/At1.job", "WINDOWS/system32/config/SYSTEM", "WINDOWS/system32/config/software", "WINDOWS/system32/drivers/etc/hosts", "WINDOWS/system32/jwgkvsq.dll", "autorun.inf"]' \
	'find("low", "program file")[0]["title"] == "1 program file in System32 and the user profiles changed since 2009-01-15T00:00:00.000000Z and before 2009-01-16T00:00:00.000000Z"' \
	|| bad "timeline with --since and --until"
[ $fail = 0 ] && ok "timeline: ordered, with key and file times, --since/--until window"

# -- the text report leads with the culprit and its fix
"$WW" host --offline "$V" --since @1232013000 >"$T/out.txt"
rc=$?
[ $rc = 2 ] || bad "text: exit $rc"
head -3 "$T/out.txt" | grep -q "^CRITICAL  service 'jwgkvsq' runs jwgkvsq.dll inside svchost the way Conficker/Kido does (a machine-made DLL name)" &&
	grep -q "^  - key last written 2009-01-15T10:00:00.000000Z" "$T/out.txt" &&
	grep -q "^  fix: do not end svchost.exe" "$T/out.txt" &&
	grep -q "time=2009-01-15T10:00:00.000000Z source=WINDOWS/system32/config/SYSTEM what=service key jwgkvsq written" "$T/out.txt" &&
	ok "text: critical finding first, key time, fix, timeline" || { bad "text report"; head -20 "$T/out.txt"; }

# -- the same SYSTEM hive without the infection: nothing of medium or more
mkdir -p "$T/clean/Windows/System32/config"
cp "$H/regipy/SYSTEM" "$T/clean/Windows/System32/config/SYSTEM"
"$WW" host --offline "$T/clean" --json >"$T/clean.json"
rc=$?
[ $rc = 0 ] && check "$T/clean.json" 'F == []' && ok "the shared SYSTEM hive alone: exit 0, no finding" ||
	bad "clean SYSTEM: exit $rc"

# -- a Windows 7 layout made from nothing: Winlogon Notify, IFEO debugger,
# AppInit_DLLs, an XML task (UTF-16LE), a startup-folder program, a system
# name in a profile, programs in $Recycle.Bin (one named by the recycle bin
# itself, one not)
W=$T/w7
mkdir -p "$W/Windows/System32/config" "$W/Windows/System32/Tasks/Microsoft/Windows/Defrag" \
	"$W/Users/ken/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Startup" \
	"$W/Users/ken/AppData/Local/Temp" "$W/\$Recycle.Bin/S-1-5-21-1-2-3-1000"
"$MK" "$W/Windows/System32/config/SOFTWARE" \
	sz 'Microsoft\Windows NT\CurrentVersion\Winlogon\Notify\kbdmon' DLLName 'C:\WINDOWS\system32\qsgnfbvt.dll' \
	sz 'Microsoft\Windows NT\CurrentVersion\Image File Execution Options\avp.exe' Debugger 'C:\RECYCLER\svchost.exe' \
	sz 'Microsoft\Windows NT\CurrentVersion\Image File Execution Options\Your Image File Name Here without a path' Debugger 'ntsd -d' \
	sz 'Microsoft\Windows NT\CurrentVersion\Windows' AppInit_DLLs '' \
	|| bad "cannot build the Windows 7 SOFTWARE hive"
python3 - "$W/Windows/System32/Tasks/Microsoft/Windows/Defrag/ScheduledDefrag" "$W/Windows/System32/Tasks/Updater" <<'EOF2'
import sys
t = '<?xml version="1.0" encoding="UTF-16"?>\r\n<Task version="1.2"><Actions Context="Author"><Exec><Command>%windir%\\system32\\defrag.exe</Command><Arguments>-c</Arguments></Exec></Actions></Task>'
open(sys.argv[1], "wb").write(b"\xff\xfe" + t.encode("utf-16-le"))
t = '<?xml version="1.0" encoding="UTF-16"?>\r\n<Task version="1.2"><Actions Context="Author"><Exec><Command>C:\\Users\\ken\\AppData\\sysconf.exe</Command><Arguments>-q &amp; -r</Arguments></Exec></Actions></Task>'
open(sys.argv[2], "wb").write(b"\xff\xfe" + t.encode("utf-16-le"))
EOF2
printf 'MZ' >"$W/Users/ken/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Startup/msblast.exe"
make_lnk "$W/Users/ken/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Startup/Updater.lnk" 'C:\RECYCLER\svchost.exe' '-k netsvcs'
make_lnk "$W/Users/ken/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Startup/Notes.lnk" 'C:\Program Files\Notes\notes.exe' ''

printf 'MZ' >"$W/Users/ken/AppData/Local/Temp/svchost.exe"
printf 'MZ' >"$W/\$Recycle.Bin/S-1-5-21-1-2-3-1000/\$R4F2A1.exe"
printf 'MZ' >"$W/\$Recycle.Bin/S-1-5-21-1-2-3-1000/dropper.exe"
"$WW" host --offline "$W" --json >"$T/w7.json" 2>"$T/err"
rc=$?
[ $rc = 2 ] || bad "Windows 7 layout: exit $rc"
check "$T/w7.json" \
	'len(find("medium", "autostart value \"DLLName\" starts qsgnfbvt.dll")) == 1' \
	'len(find("high", "autostart value \"Debugger\" starts svchost.exe")) == 1' \
	'not find(None, "ntsd")' \
	'[t["command"] for t in d["tasks"] if t["name"] == "\\Updater"] == ["C:\\Users\\ken\\AppData\\sysconf.exe -q & -r"]' \
	'[t["command"] for t in d["tasks"] if t["name"] == "\\Microsoft\\Windows\\Defrag\\ScheduledDefrag"] == ["%windir%\\system32\\defrag.exe -c"]' \
	'len(find("high", "task \\Updater runs")) == 1' \
	'len(find("high", "suspicious file C:\\Users\\ken\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\msblast.exe")) == 1' \
	'any(n.startswith("startup folder entry \x27Users/ken/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Startup/msblast.exe\x27") for n in d["notes"])' \
	'len(find("high", "suspicious file C:\\RECYCLER\\svchost.exe")) == 1' \
	'find("high", "suspicious file C:\\RECYCLER\\svchost.exe")[0]["source"].endswith("Startup/Updater.lnk")' \
	'any(n == "startup folder entry \x27Users/ken/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Startup/Updater.lnk\x27 starts C:\\RECYCLER\\svchost.exe -k netsvcs at every logon" for n in d["notes"])' \
	'any(n.endswith("Notes.lnk\x27 starts C:\\Program Files\\Notes\\notes.exe at every logon") for n in d["notes"])' \
	'len(F) == 7' \
	'len(find("medium", "suspicious file C:\\Users\\ken\\AppData\\Local\\Temp\\svchost.exe")) == 1' \
	'len(find("high", "suspicious file C:\\$Recycle.Bin\\S-1-5-21-1-2-3-1000\\dropper.exe")) == 1' \
	'not find(None, "$R4F2A1")' \
	'not find(None, "defrag")' \
	'd["warnings"] == []' \
	|| bad "Windows 7 layout"
[ $fail = 0 ] && ok "Winlogon Notify, IFEO, XML tasks, startup folder and its shortcuts, profiles, \$Recycle.Bin"

# -- usage and input errors
"$WW" host --offline "$T/none" >/dev/null 2>"$T/err"
rc=$?
[ $rc = 66 ] && grep -q "cannot open the volume" "$T/err" && ok "missing volume: exit 66" || bad "missing volume: exit $rc"
"$WW" host --offline "$V" --since yesterday >/dev/null 2>&1
rc=$?
[ $rc = 64 ] && ok "bad --since: exit 64" || bad "bad --since: exit $rc"
"$WW" host --offline "$V" "$T/out.json" >/dev/null 2>&1
rc=$?
[ $rc = 64 ] && ok "--offline with a PATH: exit 64" || bad "--offline with a PATH: exit $rc"
"$WW" host --since 2009-01-01 "$T/out.json" >/dev/null 2>&1
rc=$?
[ $rc = 64 ] && ok "--since without --offline: exit 64" || bad "--since without --offline: exit $rc"
exit $fail
