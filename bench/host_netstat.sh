#!/bin/sh
# Speed of `wormwatch host` on a big `netstat -ano`: generates a 100,000-row
# file (Windows layout, CRLF; listeners, established, TIME_WAIT, a 445 sweep
# and UDP rows), times one run and prints rows per second.
#   bench/host_netstat.sh [path/to/wormwatch] [rows]
set -eu
WW=${1:-build/release/wormwatch}
ROWS=${2:-100000}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
awk -v rows="$ROWS" 'BEGIN {
	printf "\r\nActive Connections\r\n\r\n  Proto  Local Address          Foreign Address        State           PID\r\n"
	for (i = 0; i < rows; i++) {
		k = i % 10
		if (k == 0)
			printf "  TCP    0.0.0.0:%-16d 0.0.0.0:0              LISTENING       %d\r\n", 1024 + i % 60000, 4 + i % 5000
		else if (k < 5)
			printf "  TCP    192.168.%d.%d:%-10d 10.%d.%d.%d:443        ESTABLISHED     %d\r\n", i % 200, i % 250 + 1, 1024 + i % 60000, i % 250, (i / 250) % 250, i % 249 + 1, 100 + i % 5000
		else if (k < 7)
			printf "  TCP    192.168.1.23:%-10d 192.168.%d.%d:445     SYN_SENT        1540\r\n", 1024 + i % 60000, (i / 250) % 250, i % 250 + 1
		else if (k < 9)
			printf "  TCP    [::1]:%-16d [::1]:%-16d TIME_WAIT       0\r\n", 1024 + i % 60000, 2048 + i % 60000
		else
			printf "  UDP    0.0.0.0:%-16d *:*                                    %d\r\n", 1024 + i % 60000, 200 + i % 5000
	}
}' >"$T/netstat.txt"
SIZE=$(wc -c <"$T/netstat.txt")
run() { # label, extra options: time one run, print rows/s
	label=$1
	shift
	START=$(date +%s.%N)
	set +e
	"$WW" host "$@" "$T/netstat.txt" >"$T/out"
	rc=$?
	set -e
	END=$(date +%s.%N)
	awk -v s="$START" -v e="$END" -v rows="$ROWS" -v rc="$rc" -v size="$SIZE" -v l="$label" 'BEGIN {
		t = e - s
		printf "host netstat %s: %d rows (%.1f MB), exit %d, %.3f s, %.0f rows/s\n",
		       l, rows, size / 1e6, rc, t, rows / t
	}'
}
# parse + rules + the text summary
run text
grep -q "sockets=$ROWS" "$T/out" || { echo "not every row was parsed"; exit 1; }
# the same, plus every socket serialised by the JSON writer
run json --json
