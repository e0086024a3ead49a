#!/bin/sh
# analyze.dnsworm: a lookup of a name only a worm looks up (WannaCry's kill
# switch) makes the host infected; the same query shape for an ordinary
# name, and a query whose first label has the same length, leave a host
# alone. The capture is written here, packet by packet.
set -u
ww=$1
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
python3 - "$t/dns.pcap" <<'PY'
import struct, sys
def csum(b):
    if len(b) % 2: b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff
def ip(a): return bytes(int(x) for x in a.split('.'))
def qname(n): return b''.join(bytes([len(l)]) + l.encode() for l in n.split('.')) + b'\0'
def dns(qid, name, resp):
    flags = 0x8183 if resp else 0x0100
    return struct.pack('!HHHHHH', qid, flags, 1, 0, 0, 0) + qname(name) + struct.pack('!HH', 1, 1)
def frame(src, dst, sport, dport, payload):
    udp = struct.pack('!HHHH', sport, dport, 8 + len(payload), 0) + payload
    hdr = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0, ip(src), ip(dst))
    hdr = hdr[:10] + struct.pack('!H', csum(hdr)) + hdr[12:]
    eth = b'\x02\0\0\0\0\x02' + b'\x02\0\0\0\0\x01' + b'\x08\x00'
    return eth + hdr + udp
pk = []
t = 1700000000
for i, (host, name) in enumerate([('10.1.1.5', 'iuqerfsodp9ifjaposdfjhgosurijfaewrwergwea.com'),
                                  ('10.1.1.6', 'www.example.com'),
                                  ('10.1.1.7', 'abcdefghijabcdefghijabcdefghijabcdefghija.com')]):
    pk.append((t + i, frame(host, '10.1.1.1', 40000 + i, 53, dns(i, name, False))))
    pk.append((t + i, frame('10.1.1.1', host, 53, 40000 + i, dns(i, name, True))))
with open(sys.argv[1], 'wb') as f:
    f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for ts, b in pk:
        f.write(struct.pack('<IIII', ts, 1000, len(b), len(b)) + b)
PY
"$ww" analyze "$t/dns.pcap" >"$t/out"
st=$?
fail=0
[ "$st" = 3 ] && echo "ok   exit 3" || { echo "FAIL exit $st, expected 3"; fail=1; }
grep -q "^INFECTED  10.1.1.5 .*" "$t/out" && echo "ok   10.1.1.5 infected" || { echo "FAIL 10.1.1.5 not infected"; fail=1; }
grep -q "WannaCry (its kill-switch check)" "$t/out" && echo "ok   the evidence names WannaCry" || { echo "FAIL no WannaCry evidence"; fail=1; }
if grep -qE "10\.1\.1\.(6|7)" "$t/out"; then echo "FAIL an ordinary lookup was flagged"; fail=1; else echo "ok   ordinary lookups not flagged"; fi
[ $fail = 0 ] && echo "dnsworm: passed" || { cat "$t/out"; echo "dnsworm: FAILED"; }
exit $fail
