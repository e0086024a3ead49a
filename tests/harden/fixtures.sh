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
