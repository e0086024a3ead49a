#!/bin/sh
# The bus's security options: a server that is not on this machine is
# refused without TLS and authentication (nothing is sent: the refusal
# comes before any connection); then, against a nats-server this test
# starts on loopback with a token, user/password and TLS (a CA and a
# server certificate made here with openssl), a wrong secret or an
# untrusted certificate fails and the right ones work.
# usage: security.sh WORMWATCH
WW=$1
T=$(mktemp -d "${TMPDIR:-/tmp}/wwclsec.XXXXXX")
PIDS=""
. "$(dirname "$0")/procs.sh"
cleanup() {
	procs_stop $PIDS
	rm -rf "$T"
}
trap cleanup EXIT INT TERM
fail() { echo "FAIL: $*"; for f in "$T"/*.log "$T"/*.err; do [ -f "$f" ] && tail -5 "$f"; done; exit 1; }

# 1. refusals (no connection is attempted)
for cmd in "sensor --name s x.pcap" "judge --name j" "results"; do
	"$WW" $cmd --nats nats://192.0.2.10:4222 > "$T/out" 2> "$T/err"
	st=$?
	[ $st = 64 ] || fail "$cmd to a remote server without TLS and auth: exit $st, want 64"
	grep -q "refusing 'nats://192.0.2.10:4222'.*--insecure" "$T/err" || fail "$cmd: no refusal message"
	# TLS without authentication is refused too, and authentication without TLS
	"$WW" $cmd --nats tls://192.0.2.10:4222 > "$T/out" 2> "$T/err"
	[ $? = 64 ] || fail "$cmd: TLS without authentication accepted"
	"$WW" $cmd --nats nats://192.0.2.10:4222 --token x > "$T/out" 2> "$T/err"
	[ $? = 64 ] || fail "$cmd: a token without TLS accepted"
done
echo "refused: remote servers without TLS and authentication"

command -v nats-server >/dev/null 2>&1 || { echo "skip: nats-server is not installed"; exit 77; }
command -v openssl >/dev/null 2>&1 || { echo "skip: openssl is not installed"; exit 77; }
PCAP=$T/one.pcap
# a capture of two frames (an ARP request and a TCP SYN from 192.168.9.2)
python3 - "$PCAP" <<'EOP' || fail "capture"
import struct, sys
def frame(b):
    return struct.pack("<IIII", 1700000000, 0, len(b), len(b)) + b
eth = b"\xff" * 6 + b"\x02\x00\x00\x00\x00\x02"
arp = eth + b"\x08\x06" + bytes.fromhex("0001080006040001") + b"\x02\x00\x00\x00\x00\x02" + \
      bytes([192, 168, 9, 2]) + b"\x00" * 6 + bytes([192, 168, 9, 3])
with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    f.write(frame(arp))
EOP

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_up() {
	i=0
	while [ $i -lt 100 ]; do
		grep -q "Server is ready" "$1" 2>/dev/null && return 0
		sleep 0.1; i=$((i + 1))
	done
	return 1
}

# 2. a token and user/password
P1=$(port)
cat > "$T/auth.conf" <<EOC
listen: 127.0.0.1:$P1
jetstream { store_dir: "$T/auth" }
authorization { users: [ { user: alice, password: "pw-alice-1" }, { user: bob, password: "pw-bob-2" } ] }
EOC
nats-server -c "$T/auth.conf" > "$T/auth.log" 2>&1 &
PIDS="$PIDS $!"
wait_up "$T/auth.log" || fail "nats-server with users did not start"
"$WW" sensor --nats nats://127.0.0.1:$P1 --name s1 "$PCAP" 2> "$T/e1.err"
st=$?
[ $st = 66 ] || fail "no credentials: exit $st, want 66"
grep -qi "authentication\|authoriz" "$T/e1.err" || fail "no credentials: the message does not say so"
"$WW" sensor --nats nats://127.0.0.1:$P1 --user alice --password wrong --name s1 "$PCAP" 2> "$T/e2.err"
[ $? = 66 ] || fail "a wrong password was accepted"
"$WW" sensor --nats nats://127.0.0.1:$P1 --user alice --password pw-alice-1 --name s1 "$PCAP" 2> "$T/e3.err" ||
	fail "the right user and password were refused"
echo "user/password: wrong refused, right accepted"

P2=$(port)
cat > "$T/token.conf" <<EOC
listen: 127.0.0.1:$P2
jetstream { store_dir: "$T/token" }
authorization { token: "tok-1234-abcd" }
EOC
nats-server -c "$T/token.conf" > "$T/token.log" 2>&1 &
PIDS="$PIDS $!"
wait_up "$T/token.log" || fail "nats-server with a token did not start"
"$WW" sensor --nats nats://127.0.0.1:$P2 --token nope --name s1 "$PCAP" 2> "$T/e4.err"
[ $? = 66 ] || fail "a wrong token was accepted"
"$WW" sensor --nats nats://127.0.0.1:$P2 --token tok-1234-abcd --name s1 "$PCAP" 2> "$T/e5.err" ||
	fail "the right token was refused"
echo "token: wrong refused, right accepted"

# 3. TLS: a CA, a server certificate for 127.0.0.1, a client certificate
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=wwtest CA" \
	-keyout "$T/ca.key" -out "$T/ca.pem" 2> "$T/ssl.err" || fail openssl
printf 'subjectAltName=IP:127.0.0.1\n' > "$T/san.ext"
openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$T/srv.key" \
	-out "$T/srv.csr" 2>> "$T/ssl.err" || fail openssl
openssl x509 -req -in "$T/srv.csr" -CA "$T/ca.pem" -CAkey "$T/ca.key" -CAcreateserial \
	-days 2 -extfile "$T/san.ext" -out "$T/srv.pem" 2>> "$T/ssl.err" || fail openssl
openssl req -newkey rsa:2048 -nodes -subj "/CN=sensor" -keyout "$T/cli.key" \
	-out "$T/cli.csr" 2>> "$T/ssl.err" || fail openssl
openssl x509 -req -in "$T/cli.csr" -CA "$T/ca.pem" -CAkey "$T/ca.key" -CAcreateserial \
	-days 2 -out "$T/cli.pem" 2>> "$T/ssl.err" || fail openssl
# another CA the server's certificate does not come from
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=other CA" \
	-keyout "$T/other.key" -out "$T/other.pem" 2>> "$T/ssl.err" || fail openssl
P3=$(port)
cat > "$T/tls.conf" <<EOC
listen: 127.0.0.1:$P3
jetstream { store_dir: "$T/tls" }
tls { cert_file: "$T/srv.pem", key_file: "$T/srv.key", ca_file: "$T/ca.pem", verify: true }
authorization { token: "tok-tls-5678" }
EOC
nats-server -c "$T/tls.conf" > "$T/tls.log" 2>&1 &
PIDS="$PIDS $!"
wait_up "$T/tls.log" || fail "nats-server with TLS did not start"
TLSOPT="--token tok-tls-5678 --tls-cert $T/cli.pem --tls-key $T/cli.key"
"$WW" sensor --nats tls://127.0.0.1:$P3 $TLSOPT --tls-ca "$T/other.pem" --name s1 "$PCAP" 2> "$T/e6.err"
[ $? = 66 ] || fail "a server certificate from an untrusted CA was accepted"
"$WW" sensor --nats tls://127.0.0.1:$P3 --token tok-tls-5678 --tls-ca "$T/ca.pem" --name s1 "$PCAP" 2> "$T/e7.err"
[ $? = 66 ] || fail "the server asked for a client certificate and got none, yet it worked"
"$WW" sensor --nats tls://127.0.0.1:$P3 $TLSOPT --tls-ca "$T/ca.pem" --name s1 "$PCAP" 2> "$T/e8.err" ||
	fail "TLS with the right CA, client certificate and token was refused"
"$WW" results --nats tls://127.0.0.1:$P3 $TLSOPT --tls-ca "$T/ca.pem" --counts > "$T/counts" 2> "$T/e9.err"
grep -q "^stream_records [1-9]" "$T/counts" || fail "nothing stored over TLS"
echo "TLS: untrusted CA and missing client certificate refused; the right ones accepted"
echo PASS
