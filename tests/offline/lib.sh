# Shared by the offline tests: arguments, the skip, a temporary folder, and
# the infected volume (Conficker's marks added with libhivex to copies of
# the shared Windows 7 SYSTEM and partial SOFTWARE hives).
set -u
WW=$1
MK=$2
H=$3
if [ ! -f "$H/regipy/SYSTEM" ]; then
	echo "skip: $H not found (the shared real-data folder is not on this machine)"
	exit 77
fi
if ! command -v python3 >/dev/null 2>&1; then
	echo "skip: python3 (used to check the JSON) is not installed"
	exit 77
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }

# check FILE PYTHON-EXPRESSION... : each expression over d (the JSON report)
# must be true.
check() {
	f=$1
	shift
	python3 - "$f" "$@" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
F = d.get("findings", [])
def find(sev=None, text=""):
    return [f for f in F if (sev is None or f["severity"] == sev) and text in f.get("title", "")]
bad = 0
for e in sys.argv[2:]:
    try:
        r = eval(e)
    except Exception as ex:
        r = False
        print("  error in", e, ":", ex)
    if not r:
        print("  not true:", e)
        bad = 1
sys.exit(bad)
EOF
}

# The Conficker service, its svchost group, a Run value that starts the DLL
# through rundll32, Security Center disabled, SHOWALL turned off.
make_infected_hives() {
	dir=$1
	mkdir -p "$dir"
	"$MK" "$dir/SYSTEM" --from "$H/regipy/SYSTEM" \
		sz 'ControlSet001\Services\jwgkvsq' DisplayName jwgkvsq \
		dword 'ControlSet001\Services\jwgkvsq' Type 0x20 \
		dword 'ControlSet001\Services\jwgkvsq' Start 2 \
		expand 'ControlSet001\Services\jwgkvsq' ImagePath '%SystemRoot%\system32\svchost.exe -k netsvcs' \
		sz 'ControlSet001\Services\jwgkvsq' ObjectName LocalSystem \
		expand 'ControlSet001\Services\jwgkvsq\Parameters' ServiceDll 'C:\WINDOWS\system32\jwgkvsq.dll' \
		dword 'ControlSet001\Services\wscsvc' Start 4 \
		stamp 'ControlSet001\Services\jwgkvsq' 1232013600 \
		stamp 'ControlSet001\Services\jwgkvsq\Parameters' 1232013600 \
		stamp 'ControlSet001\Services\wscsvc' 1232013660 || return 1
	"$MK" "$dir/SOFTWARE" --from "$H/scancode-toolkit/Software_Delta" \
		multi 'Microsoft\Windows NT\CurrentVersion\Svchost' netsvcs 'AudioSrv|Browser|LanmanServer|Schedule|wuauserv|jwgkvsq' \
		sz 'Microsoft\Windows\CurrentVersion\Run' jwgkvsq 'rundll32.exe C:\WINDOWS\system32\jwgkvsq.dll,ahaezedrn' \
		dword 'Microsoft\Windows\CurrentVersion\Explorer\Advanced\Folder\Hidden\SHOWALL' CheckedValue 0 \
		sz 'Microsoft\Windows NT\CurrentVersion' ProductName 'Windows 7 Professional' \
		sz 'Microsoft\Windows NT\CurrentVersion' CSDVersion 'Service Pack 1' \
		sz 'Microsoft\Windows NT\CurrentVersion' CurrentBuildNumber 7601 \
		stamp 'Microsoft\Windows NT\CurrentVersion\Svchost' 1232013600 \
		stamp 'Microsoft\Windows\CurrentVersion\Run' 1232013720 \
		stamp 'Microsoft\Windows\CurrentVersion\Explorer\Advanced\Folder\Hidden\SHOWALL' 1232013780 || return 1
}

# A Task Scheduler 1.0 job (MS-TSCH 2.4.1): 0x44 fixed bytes, the
# application name's offset at 0x14, then counted UTF-16LE strings.
make_job() {
	python3 - "$1" "$2" "$3" <<'EOF'
import struct, sys
def s(t):
    u = (t + "\0").encode("utf-16-le")
    return struct.pack("<H", len(u) // 2) + u
head = bytearray(0x44)
struct.pack_into("<HH", head, 0, 0x0601, 1)
struct.pack_into("<H", head, 0x14, 0x46)
body = struct.pack("<H", 0) + s(sys.argv[2]) + s(sys.argv[3]) + s("") + s("SYSTEM") + s("")
open(sys.argv[1], "wb").write(bytes(head) + body)
EOF
}

# A folder laid out like the infected machine's C: drive, in the mixed case
# a copy keeps (WINDOWS\system32, software).
make_volume() {
	v=$1
	mkdir -p "$v/WINDOWS/system32/config" "$v/WINDOWS/system32/drivers/etc" "$v/WINDOWS/Tasks" \
		"$v/RECYCLER/S-5-3-42-2819952290-8240758988-879315005-3665" \
		"$v/Documents and Settings/ken/Start Menu/Programs/Startup" || return 1
	make_infected_hives "$T/h" || return 1
	cp "$T/h/SYSTEM" "$v/WINDOWS/system32/config/SYSTEM"
	cp "$T/h/SOFTWARE" "$v/WINDOWS/system32/config/software"
	cp "$H/regipy/SAM" "$v/WINDOWS/system32/config/SAM"
	"$MK" "$v/Documents and Settings/ken/NTUSER.DAT" --from "$H/plaso/NTUSER.DAT" \
		sz 'Software\Microsoft\Windows\CurrentVersion\Run' 'Video Process' 'sysconf.exe' || return 1
	chmod u+w "$v/WINDOWS/system32/config/"*
	printf 'MZ\220\0conficker stand-in' >"$v/WINDOWS/system32/jwgkvsq.dll"
	printf 'MZ\220\0conficker stand-in' >"$v/RECYCLER/S-5-3-42-2819952290-8240758988-879315005-3665/jwgkvsq.vmx"
	printf '[autorun]\r\n;\x01\x02garbage\r\nOpEn=rundll32.exe .\\RECYCLER\\S-5-3-42-2819952290-8240758988-879315005-3665\\jwgkvsq.vmx,ahaezedrn\r\nuseautoplay=1\r\n' >"$v/autorun.inf"
	printf '# Copyright (c) 1993-2009 Microsoft Corp.\r\n127.0.0.1       localhost\r\n127.0.0.1       www.symantec.com\r\n' >"$v/WINDOWS/system32/drivers/etc/hosts"
	make_job "$v/WINDOWS/Tasks/At1.job" 'rundll32.exe' 'C:\WINDOWS\system32\jwgkvsq.dll,ahaezedrn'
	touch -d '2009-01-15 10:00:00' "$v/WINDOWS/system32/jwgkvsq.dll" "$v/autorun.inf" \
		"$v/RECYCLER/S-5-3-42-2819952290-8240758988-879315005-3665/jwgkvsq.vmx" \
		"$v/WINDOWS/Tasks/At1.job" "$v/WINDOWS/system32/drivers/etc/hosts"
}

# A shortcut (MS-SHLLINK): header, LinkInfo with a LocalBasePath, then the
# arguments as a counted UTF-16LE string.
make_lnk() {
	python3 - "$1" "$2" "$3" <<'EOF'
import struct, sys
target = sys.argv[2].encode("latin-1") + b"\0"
args = sys.argv[3].encode("utf-16-le")
flags = 0x2 | (0x20 if args else 0) | 0x80  # LinkInfo, arguments, Unicode
head = struct.pack("<I16sI", 0x4C, bytes(16), flags) + bytes(0x4C - 24)
vol = struct.pack("<IIII", 0x10, 3, 0, 0x10)  # VolumeID, no label
info_head = 0x1C
base_off = info_head + len(vol)
info = struct.pack("<IIIIIII", base_off + len(target) + 1, info_head, 1,
                   info_head, base_off, 0, base_off + len(target)) + vol + target + b"\0"
data = struct.pack("<H", len(args) // 2) + args if args else b""
open(sys.argv[1], "wb").write(head + info + data + bytes(4))
EOF
}
