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
