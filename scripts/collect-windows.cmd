@echo off
rem collect-windows.cmd: gather what `wormwatch host` reads from a suspect
rem Windows machine, using only commands Windows ships (XP and later), so a
rem responder can run it from a USB stick. Run it as administrator if you
rem can (netstat -anob needs it); it works without, with less.
rem
rem   collect-windows.cmd [OUTPUT-FOLDER]
rem
rem Writes one folder (default: wormwatch-<COMPUTERNAME>-<random> next to
rem this script) holding each command's output and manifest.txt, which lists
rem every file, the command that made it and its exit code. Then, on any
rem machine: wormwatch host FOLDER
rem
rem It changes nothing on the machine: it only reads and writes its folder.
setlocal EnableExtensions
set "OUT=%~1"
if "%OUT%"=="" set "OUT=%~dp0wormwatch-%COMPUTERNAME%-%RANDOM%"
if not exist "%OUT%" mkdir "%OUT%"
if not exist "%OUT%" (
  echo collect-windows: cannot create "%OUT%"
  exit /b 74
)
set "M=%OUT%\manifest.txt"
> "%M%" echo wormwatch-collect manifest v1
>>"%M%" echo computer	%COMPUTERNAME%
>>"%M%" echo user	%USERDOMAIN%\%USERNAME%
>>"%M%" echo started	%DATE% %TIME%
set "ELEVATED="
net session >nul 2>&1 && set "ELEVATED=1"
if defined ELEVATED (>>"%M%" echo elevated	yes) else (>>"%M%" echo elevated	no)
>>"%M%" echo file	exit	command

echo collecting into "%OUT%" ...

rem --- sockets and the processes behind them
call :run netstat-ano.txt      netstat -ano
if defined ELEVATED call :run netstat-anob.txt netstat -anob
call :run netstat-s.txt        netstat -s
call :run tasklist-v.csv       tasklist /v /fo csv
call :run tasklist-svc.csv     tasklist /svc /fo csv

rem --- HOSTS
copy /y "%SystemRoot%\System32\drivers\etc\hosts" "%OUT%\hosts.txt" >nul 2>&1
>>"%M%" echo hosts.txt	%ERRORLEVEL%	copy %%SystemRoot%%\System32\drivers\etc\hosts

rem --- autostart keys (the response guide's list) and services
call :reg reg-hklm-run.reg            "HKLM\Software\Microsoft\Windows\CurrentVersion\Run"
call :reg reg-hklm-runonce.reg        "HKLM\Software\Microsoft\Windows\CurrentVersion\RunOnce"
call :reg reg-hklm-runonceex.reg      "HKLM\Software\Microsoft\Windows\CurrentVersion\RunOnceEx"
call :reg reg-hklm-runservices.reg    "HKLM\Software\Microsoft\Windows\CurrentVersion\RunServices"
call :reg reg-hklm-runservicesonce.reg "HKLM\Software\Microsoft\Windows\CurrentVersion\RunServicesOnce"
call :reg reg-hklm-wow-run.reg        "HKLM\Software\Wow6432Node\Microsoft\Windows\CurrentVersion\Run"
call :reg reg-hkcu-run.reg            "HKCU\Software\Microsoft\Windows\CurrentVersion\Run"
call :reg reg-hkcu-runonce.reg        "HKCU\Software\Microsoft\Windows\CurrentVersion\RunOnce"
call :reg reg-hkcu-runonceex.reg      "HKCU\Software\Microsoft\Windows\CurrentVersion\RunOnceEx"
call :reg reg-hkcu-runservices.reg    "HKCU\Software\Microsoft\Windows\CurrentVersion\RunServices"
call :reg reg-winlogon.reg            "HKLM\Software\Microsoft\Windows NT\CurrentVersion\Winlogon"
call :reg reg-hklm-windows.reg        "HKLM\Software\Microsoft\Windows NT\CurrentVersion\Windows"
call :reg reg-hkcu-windows.reg        "HKCU\Software\Microsoft\Windows NT\CurrentVersion\Windows"
call :reg reg-knowndlls.reg           "HKLM\System\CurrentControlSet\Control\Session Manager\KnownDLLs"
call :reg reg-inprocserver32.reg      "HKCR\CLSID\{E6FB5E20-DE35-11CF-9C87-00AA005127ED}\InProcServer32"
call :reg reg-services.reg            "HKLM\System\CurrentControlSet\Services"

rem --- scheduled work
call :run schtasks.csv         schtasks /query /fo csv /v
call :run at.txt               at

rem --- shares and accounts
call :run net-share.txt        net share
call :run net-admins.txt       net localgroup administrators
call :run net-user.txt         net user

rem --- dated listings: newest first, creation time, owner
call :dir dir-system32.txt "%SystemRoot%\System32"
call :dir dir-windows.txt  "%SystemRoot%"
call :dir dir-temp.txt     "%TEMP%"
if defined APPDATA call :dir dir-startup-user.txt "%APPDATA%\Microsoft\Windows\Start Menu\Programs\Startup"
if defined ProgramData call :dir dir-startup-all.txt "%ProgramData%\Microsoft\Windows\Start Menu\Programs\Startup"
call :dir dir-startup-xp-user.txt "%USERPROFILE%\Start Menu\Programs\Startup"
if defined ALLUSERSPROFILE call :dir dir-startup-xp-all.txt "%ALLUSERSPROFILE%\Start Menu\Programs\Startup"

>>"%M%" echo finished	%DATE% %TIME%
echo done: wormwatch host "%OUT%"
endlocal
exit /b 0

rem call :run FILE COMMAND...   (the command is everything after the file name)
:run
set "F=%~1"
set "CMDLINE="
shift
:run_args
if "%~1"=="" goto run_go
set "CMDLINE=%CMDLINE% %1"
shift
goto run_args
:run_go
%CMDLINE% > "%OUT%\%F%" 2>&1
>>"%M%" echo %F%	%ERRORLEVEL%	%CMDLINE%
exit /b 0

rem call :reg FILE KEY   (reg export writes UTF-16LE; /y is refused by XP's reg)
:reg
reg export "%~2" "%OUT%\%~1" /y >nul 2>&1
if errorlevel 1 reg export "%~2" "%OUT%\%~1" >nul 2>&1
>>"%M%" echo %~1	%ERRORLEVEL%	reg export "%~2"
exit /b 0

rem call :dir FILE FOLDER
:dir
if not exist "%~2\" (
  >>"%M%" echo %~1	-	no folder "%~2"
  exit /b 0
)
dir /a /o:-d /t:c /q "%~2" > "%OUT%\%~1" 2>&1
>>"%M%" echo %~1	%ERRORLEVEL%	dir /a /o:-d /t:c /q "%~2"
exit /b 0
