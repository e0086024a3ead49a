# Sourced by the cluster tests.
# procs_stop PID... asks each process to end (TERM), gives it 5 s, then
# kills it.
procs_stop() {
	for p in "$@"; do kill "$p" 2>/dev/null; done
	for p in "$@"; do
		i=0
		while kill -0 "$p" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
		kill -9 "$p" 2>/dev/null
	done
}
# wait_line FILE PATTERN [SECONDS]: wait (10 s unless told) until FILE holds
# a line matching PATTERN (grep's basic expression); false if it never does.
wait_line() {
	i=0
	while [ $i -lt $((${3:-10} * 10)) ]; do
		grep -q "$2" "$1" 2>/dev/null && return 0
		sleep 0.1
		i=$((i + 1))
	done
	grep -q "$2" "$1" 2>/dev/null
}
