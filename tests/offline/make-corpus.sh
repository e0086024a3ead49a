#!/bin/sh
# Write the seed corpus of fuzz/fuzz_offline_hive.c: small hives made from
# nothing by tests/offline_mkhive (an empty hive laid out by the tool, keys
# and values added with libhivex), one for each reader, and damaged copies.
# Usage: make-corpus.sh OFFLINE_MKHIVE [OUTPUT-DIR]
set -eu
MK=$1
OUT=${2:-$(dirname "$0")/../../fuzz/corpus/offline_hive}
mkdir -p "$OUT"
"$MK" "$OUT/seed-system" \
	dword Select Current 1 \
	dword 'ControlSet001\Services\jwgkvsq' Start 2 \
	dword 'ControlSet001\Services\jwgkvsq' Type 0x20 \
	sz 'ControlSet001\Services\jwgkvsq' DisplayName jwgkvsq \
	expand 'ControlSet001\Services\jwgkvsq' ImagePath '%SystemRoot%\system32\svchost.exe -k netsvcs' \
	expand 'ControlSet001\Services\jwgkvsq\Parameters' ServiceDll 'C:\WINDOWS\system32\jwgkvsq.dll' \
	dword 'ControlSet001\Services\wscsvc' Start 4 \
	sz 'ControlSet001\Control\Session Manager\KnownDLLs' kernel32 kernel32.dll \
	multi 'ControlSet001\Control\Session Manager' BootExecute 'autocheck autochk *' \
	multi 'ControlSet001\Services\LanmanServer\Shares' data 'CSCFlags=0|MaxUses=4294967295|Path=C:\data|Type=0' \
	sz 'ControlSet001\Control\ComputerName\ComputerName' ComputerName PC-01
"$MK" "$OUT/seed-software" \
	multi 'Microsoft\Windows NT\CurrentVersion\Svchost' netsvcs 'Browser|jwgkvsq' \
	sz 'Microsoft\Windows\CurrentVersion\Run' jwgkvsq 'rundll32.exe C:\WINDOWS\system32\jwgkvsq.dll,ahaezedrn' \
	sz 'Wow6432Node\Microsoft\Windows\CurrentVersion\RunServices' 'Video Process' sysconf.exe \
	sz 'Microsoft\Windows NT\CurrentVersion\Winlogon' Shell 'explorer.exe' \
	sz 'Microsoft\Windows NT\CurrentVersion\Winlogon\Notify\x' DLLName 'qsgnfbvt.dll' \
	sz 'Microsoft\Windows NT\CurrentVersion\Image File Execution Options\avp.exe' Debugger 'svchost.exe' \
	sz 'Microsoft\Windows NT\CurrentVersion\Windows' AppInit_DLLs 'C:\x\lhlxnuob.dll' \
	dword 'Microsoft\Windows\CurrentVersion\Explorer\Advanced\Folder\Hidden\SHOWALL' CheckedValue 0 \
	sz 'Classes\CLSID\{E6FB5E20-DE35-11CF-9C87-00AA005127ED}\InProcServer32' @ 'shimgapi.dll' \
	sz 'Microsoft\Windows NT\CurrentVersion' ProductName 'Windows XP' \
	key 'Microsoft\Windows\CurrentVersion\Uninstall\x'
"$MK" "$OUT/seed-ntuser" \
	sz 'Software\Microsoft\Windows\CurrentVersion\Run' 'Video Process' sysconf.exe \
	sz 'Software\Microsoft\Windows\CurrentVersion\RunOnce' '' '' \
	dword 'Software\Microsoft\Windows\CurrentVersion\Explorer\Advanced' Hidden 2 \
	dword 'Software\Microsoft\Windows\CurrentVersion\Policies\Explorer' NoFolderOptions 1 \
	sz 'Software\Microsoft\Windows NT\CurrentVersion\Windows' load 'C:\RECYCLER\x.exe'
# SAM: account names (the RID is the default value's type), the machine SID
# at the end of Account\V, the Administrators alias C with two member SIDs
"$MK" "$OUT/seed-sam" \
	raw 'SAM\Domains\Account\Users\Names\Administrator' @ 0x1f4 '' \
	raw 'SAM\Domains\Account\Users\Names\qsgnfbvtk' @ 0x3e9 '' \
	raw 'SAM\Domains\Account' V 3 '00000000010000000200000003000000' \
	raw 'SAM\Domains\Builtin\Aliases\00000220' C 3 \
	'20020000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000003000000010500000000000515000000010000000200000003000000f4010000010500000000000515000000010000000200000003000000e903000001050000000000051500000009000000090000000900000000020000'
"$MK" "$OUT/seed-badname" \
	dword select current 1 \
	key 'controlset001\services\Ωbad' \
	dword 'controlset001\services\WSCSVC' start 4 \
	raw 'controlset001\services\WSCSVC' DisplayName 1 '00d8410000000000' \
	patch 'a9036200' '00d86200'
head -c 10000 "$OUT/seed-system" >"$OUT/seed-system-truncated"

# the file parsers: a job, XML tasks, a shortcut, autorun.inf
F=$(dirname "$OUT")/offline_files
mkdir -p "$F"
python3 - "$F" <<'EOF'
import struct, sys
d = sys.argv[1]
def s(t):
    u = (t + "\0").encode("utf-16-le")
    return struct.pack("<H", len(u) // 2) + u
head = bytearray(0x44)
struct.pack_into("<HH", head, 0, 0x0601, 1)
struct.pack_into("<H", head, 0x14, 0x46)
open(d + "/at1.job", "wb").write(bytes(head) + struct.pack("<H", 0) + s("rundll32.exe") +
                                 s("C:\\WINDOWS\\system32\\jwgkvsq.dll,ahaezedrn") + s("") + s("SYSTEM") + s(""))
t = ('<?xml version="1.0" encoding="UTF-16"?>\r\n<Task version="1.2"><Actions Context="Author">'
     '<Exec><Command>C:\\Users\\ken\\AppData\\sysconf.exe</Command><Arguments>-q &amp; -r</Arguments></Exec>'
     '<Exec><Command>%windir%\\system32\\defrag.exe</Command></Exec></Actions></Task>')
open(d + "/task.xml", "wb").write(b"\xff\xfe" + t.encode("utf-16-le"))
target = b"C:\\RECYCLER\\svchost.exe\0"
args = "-k netsvcs".encode("utf-16-le")
hd = struct.pack("<I16sI", 0x4C, bytes(16), 0x2 | 0x20 | 0x80) + bytes(0x4C - 24)
vol = struct.pack("<IIII", 0x10, 3, 0, 0x10)
base = 0x1C + len(vol)
info = struct.pack("<IIIIIII", base + len(target) + 1, 0x1C, 1, 0x1C, base, 0, base + len(target)) + vol + target + b"\0"
open(d + "/startup.lnk", "wb").write(hd + info + struct.pack("<H", len(args) // 2) + args + bytes(4))
open(d + "/autorun.inf", "wb").write(b"[autorun]\r\n;\x01\x02junk\r\nOpEn=rundll32.exe .\\RECYCLER\\S-5-3-42-2819952290-8240758988-879315005-3665\\jwgkvsq.vmx,ahaezedrn\r\nshell\\open\\command=x.exe\r\n")
EOF
