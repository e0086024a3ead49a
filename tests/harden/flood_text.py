#!/usr/bin/env python3
"""The flood scenario of tools/wwgen (scenarios_flood.c) as a router log and
as a connection table, for `logs` and `nat`: 200,000 spoofed sources from the
home range (10.50.0.1 and up), one SYN each to 10.9.0.80:80, then 10.9.0.23
opening connections to 300 addresses of 10.9.1.0/23 on 445.

usage: flood_text.py log OUT      iptables LOG lines (blocked by the router)
       flood_text.py ct OUT       /proc/net/nf_conntrack lines, unreplied"""
import sys

N, WORM = 200000, 300


def spoof(i):
    a = 0x0A320001 + i
    return "%d.%d.%d.%d" % (a >> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255)


def main():
    kind, out = sys.argv[1], sys.argv[2]
    with open(out, "w") as f:
        if kind == "log":
            line = ("Mar  2 09:%02d:%02d gw kernel: [FLOOD] IN=br0 OUT=eth0 SRC=%s DST=%s LEN=60 "
                    "TOS=0x00 PREC=0x00 TTL=64 ID=1 DF PROTO=TCP SPT=%d DPT=%d WINDOW=64240 "
                    "RES=0x00 SYN URGP=0\n")
            for i in range(N):
                s = i * 4 // N  # the flood takes 4 s
                f.write(line % (0, s, spoof(i), "10.9.0.80", 1024 + i % 60000, 80))
            for i in range(WORM):
                s = 5 + i // 100  # 100 a second
                f.write(line % (0, s, "10.9.0.23", "10.9.%d.%d" % (1 + i // 250, 1 + i % 250),
                                1030 + i, 445))
        else:
            line = ("ipv4     2 tcp      6 118 SYN_SENT src=%s dst=%s sport=%d dport=%d "
                    "[UNREPLIED] src=%s dst=%s sport=%d dport=%d mark=0 zone=0 use=2\n")
            for i in range(N):
                s, d, sp = spoof(i), "10.9.0.80", 1024 + i % 60000
                f.write(line % (s, d, sp, 80, d, s, 80, sp))
            for i in range(WORM):
                d = "10.9.%d.%d" % (1 + i // 250, 1 + i % 250)
                f.write(line % ("10.9.0.23", d, 1030 + i, 445, d, "10.9.0.23", 445, 1030 + i))


main()
