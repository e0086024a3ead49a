#!/bin/sh
# Hostile host outputs written into the current folder (sourced by the
# tests of tests/harden.cmake): a Run value named like a cmd.exe injection,
# a share whose name sets the terminal's title, in a file whose name clears
# the screen, and a service whose name holds & and a %VAR%.
mk_hostile() {
	printf '\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\n    X" & calc.exe & "x    REG_SZ    sysconf.exe\n\n' >run.txt
	printf '\nShare name   Resource                        Remark\n\n-------------------------------------------------------------------------------\nADMIN$       C:\\WINDOWS                      Remote Admin\nx\033]0;pwned\007&calc       C:\\Temp\\x                       \nShared       C:\\Temp\\y                       \nThe command completed successfully.\n\n' >"share$(printf '\033[2J').txt"
	printf '\nHKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\qsg&calc\\Parameters\n    ServiceDll    REG_EXPAND_SZ    C:\\WINDOWS\\system32\\jwgkvsq.dll\n\n' >svc.txt
}
# A sweeping process whose image name sets the terminal's title: its name
# reaches the "fix:" lines and "What to do next".
mk_hostile_culprit() {
	printf '"Image Name","PID","Services"\r\n"System","4","N/A"\r\n"ev\033]0;own\007il.exe","1540","N/A"\r\n' >tasklist.csv
	{
		printf '\r\nActive Connections\r\n\r\n  Proto  Local Address          Foreign Address        State           PID\r\n'
		i=2
		while [ $i -le 40 ]; do
			printf '  TCP    192.168.0.5:%d       192.168.0.%d:445        SYN_SENT        1540\r\n' $((1200 + i)) $i
			i=$((i + 1))
		done
	} >netstat-ano.txt
}
