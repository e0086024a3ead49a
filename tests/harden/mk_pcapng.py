#!/usr/bin/env python3
"""Write a pcapng file with one interface (if_tsresol given) and enhanced
packet blocks whose 64-bit timestamps are given: the edge timestamps of
issue 14 point 4. Each packet is a TCP SYN 192.168.1.10 -> 192.168.1.20:445.

usage: mk_pcapng.py OUT TSRESOL TS [TS...]   (TS decimal or 0x hex)"""
import struct
import sys


def block(btype, body):
    pad = (-len(body)) % 4
    body += b"\0" * pad
    n = 12 + len(body)
    return struct.pack("<II", btype, n) + body + struct.pack("<I", n)


def syn(i):
    eth = b"\x00\x11\x22\x33\x44\x55" + b"\x00\x66\x77\x88\x99\xaa" + b"\x08\x00"
    tcp = struct.pack(">HHIIBBHHH", 40000 + i, 445, 1000 + i, 0, 0x50, 0x02, 8192, 0, 0)
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), i, 0, 64, 6, 0,
                     bytes([192, 168, 1, 10]), bytes([192, 168, 1, 20]))
    return eth + ip + tcp


def main():
    out, tsresol = sys.argv[1], int(sys.argv[2], 0)
    stamps = [int(a, 0) for a in sys.argv[3:]]
    data = block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))
    opts = struct.pack("<HHB", 9, 1, tsresol) + b"\0\0\0" + struct.pack("<HH", 0, 0)
    data += block(1, struct.pack("<HHI", 1, 0, 65535) + opts)
    for i, ts in enumerate(stamps):
        pkt = syn(i)
        body = struct.pack("<IIIII", 0, (ts >> 32) & 0xFFFFFFFF, ts & 0xFFFFFFFF, len(pkt), len(pkt))
        data += block(6, body + pkt)
    with open(out, "wb") as f:
        f.write(data)


main()
