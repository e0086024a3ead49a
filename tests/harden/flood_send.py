#!/usr/bin/env python3
"""Send the flood scenario as frames on an interface of a test namespace
(AF_PACKET, root): N spoofed sources 10.50.0.1.. each one SYN to
10.9.0.80:80, as fast as they go; then 10.9.0.23 sends SYNs to 100
addresses of 10.9.1.0/24 on 445, 5 ms apart. Nothing answers. Bounded:
N <= 20000; only used inside a namespace made by the test.
usage: flood_send.py IFACE N"""
import socket
import struct
import sys
import time


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def syn(src, dst, sport, dport):
    tcp = struct.pack("!HHIIBBHHH", sport, dport, 1000, 0, 0x50, 0x02, 64240, 0, 0)
    ph = struct.pack("!4s4sBBH", src, dst, 0, 6, len(tcp))
    tcp = tcp[:16] + struct.pack("!H", csum(ph + tcp)) + tcp[18:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 1, 0x4000, 64, 6, 0, src, dst)
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    eth = b"\x02\x00\x00\x00\x00\x80" + b"\x02\x00\x00\x00\x00\x01" + b"\x08\x00"
    return eth + ip + tcp


def a4(x):
    return struct.pack("!I", x)


iface, n = sys.argv[1], int(sys.argv[2])
assert 1 <= n <= 20000
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((iface, 0))
server = a4(0x0A090050)
for i in range(n):
    s.send(syn(a4(0x0A320001 + i), server, 1024 + i % 60000, 80))
    if i % 500 == 499:
        time.sleep(0.01)  # let the capture keep up
time.sleep(0.3)
worm = a4(0x0A090017)
for i in range(100):
    s.send(syn(worm, a4(0x0A090101 + i), 1030 + i, 445))
    time.sleep(0.005)
