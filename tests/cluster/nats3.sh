# A three-node NATS JetStream cluster on loopback ports for the cluster
# tests (sourced). nats3_start DIR: writes n1..n3.conf into DIR (store
# directories inside it), starts the three servers, waits (bounded) until
# each answers /healthz?js-enabled-only=true, and sets NATS_URL to the
# three client URLs. nats3_stop: stops them (TERM, then KILL after 5 s).
# The caller sets a trap that calls nats3_stop.

NATS3_PIDS=""

nats3_port_free() {
	! (ss -Hltn 2>/dev/null | awk '{print $4}' | grep -q "[:.]$1\$")
}

nats3_start() {
	dir=$1
	tries=0
	while :; do
		# client ports base..base+2, routes +10.., monitoring +20..
		base=$(( 21000 + ($$ * 7 + tries * 97) % 20000 ))
		ok=1
		for off in 0 1 2 10 11 12 20 21 22; do
			nats3_port_free $((base + off)) || ok=0
		done
		[ $ok = 1 ] && break
		tries=$((tries + 1))
		[ $tries -gt 20 ] && { echo "no free loopback ports for nats-server" >&2; return 1; }
	done
	routes="nats-route://127.0.0.1:$((base + 10)),nats-route://127.0.0.1:$((base + 11)),nats-route://127.0.0.1:$((base + 12))"
	NATS_URL=""
	for i in 0 1 2; do
		n=$((i + 1))
		mkdir -p "$dir/n$n"
		cat > "$dir/n$n.conf" <<EOC
server_name: wwtest-n$n
listen: 127.0.0.1:$((base + i))
http: 127.0.0.1:$((base + 20 + i))
jetstream {
  store_dir: "$dir/n$n"
  max_memory_store: 64MB
  max_file_store: 1GB
}
cluster {
  name: wwtest
  listen: 127.0.0.1:$((base + 10 + i))
  routes: [ $routes ]
}
EOC
		nats-server -c "$dir/n$n.conf" > "$dir/n$n.log" 2>&1 &
		NATS3_PIDS="$NATS3_PIDS $!"
		NATS_URL="${NATS_URL:+$NATS_URL,}nats://127.0.0.1:$((base + i))"
	done
	NATS3_MON="$((base + 20)) $((base + 21)) $((base + 22))"
	export NATS_URL
	# ready: every node's JetStream up and a meta leader elected (bounded: 30 s)
	i=0
	while [ $i -lt 150 ]; do
		ready=1
		for p in $NATS3_MON; do
			python3 - "$p" <<'EOP' || ready=0
import sys, urllib.request
try:
    with urllib.request.urlopen("http://127.0.0.1:%s/healthz" % sys.argv[1], timeout=1) as r:
        sys.exit(0 if r.status == 200 else 1)
except Exception:
    sys.exit(1)
EOP
		done
		if [ $ready = 1 ]; then
			python3 - $NATS3_MON <<'EOP' && return 0
import json, sys, urllib.request
for p in sys.argv[1:]:
    try:
        with urllib.request.urlopen("http://127.0.0.1:%s/jsz" % p, timeout=1) as r:
            j = json.load(r)
        if (j.get("meta_cluster") or {}).get("leader"):
            sys.exit(0)
    except Exception:
        pass
sys.exit(1)
EOP
		fi
		sleep 0.2
		i=$((i + 1))
	done
	echo "the nats-server cluster did not become ready in 30 s" >&2
	for n in 1 2 3; do tail -5 "$dir/n$n.log" >&2; done
	return 1
}

nats3_stop() {
	[ -n "$NATS3_PIDS" ] || return 0
	kill $NATS3_PIDS 2>/dev/null || true
	i=0
	while [ $i -lt 50 ]; do
		alive=0
		for p in $NATS3_PIDS; do kill -0 "$p" 2>/dev/null && alive=1; done
		[ $alive = 0 ] && break
		sleep 0.1
		i=$((i + 1))
	done
	kill -9 $NATS3_PIDS 2>/dev/null || true
	NATS3_PIDS=""
}
