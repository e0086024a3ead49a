#!/usr/bin/env python3
"""Send Ethernet frames as fast as one core can on an interface (AF_PACKET)
for a bounded time, for bench/live_sse.sh: TCP SYNs from 64 inside hosts
(10.0.0.2-65) to ever new outside addresses on 445 and 80, so that the
engine keeps judging and the live page keeps changing.
usage: live_blast.py IFACE SECONDS  -> prints the number of frames sent"""
import socket, struct, sys, time

iface, secs = sys.argv[1], float(sys.argv[2])
secs = min(secs, 60.0)


def csum(b):
    if len(b) % 2:
        b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
    s = (s >> 16) + (s & 0xffff)
    s += s >> 16
    return ~s & 0xffff


def frame(src, dst, sport, dport):
    tcp = struct.pack('!HHIIBBHHH', sport, dport, 1, 0, 5 << 4, 0x02, 64240, 0, 0)
    ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 40, 1, 0, 64, 6, 0, src, dst)
    ip = ip[:10] + struct.pack('!H', csum(ip)) + ip[12:]
    pseudo = src + dst + struct.pack('!BBH', 0, 6, 20)
    tcp = tcp[:16] + struct.pack('!H', csum(pseudo + tcp)) + tcp[18:]
    return b'\x02\0\0\0\0\x01' + b'\x02\0\0\0\0\x02' + b'\x08\x00' + ip + tcp


frames = []
for i in range(20000):
    src = bytes([10, 0, 0, 2 + i % 64])
    dst = bytes([198, 18 + (i >> 16) % 2, (i >> 8) & 0xff, i & 0xff])
    frames.append(frame(src, dst, 40000 + i % 20000, 445 if i % 3 else 80))
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((iface, 0))
n = 0
end = time.time() + secs
send = s.send
while time.time() < end:
    for f in frames[:2000]:
        send(f)
    n += 2000
    frames = frames[2000:] + frames[:2000]
print(n)
