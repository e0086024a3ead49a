#!/usr/bin/env python3
"""Write a small capture whose payload carries hostile text: 10.0.0.5 opens a
bind shell on 10.0.0.9 port 4444 and types a download-and-run command line
holding HTML, a closing script tag, quotes and an ampersand; then it sweeps
its /24 on 445. analyze quotes the command line in its evidence ("drove a
remote shell on ... to download and run a program: \"...\""), so the report
must show that text escaped. Usage: hostile_pcap.py OUT.pcap"""
import struct, sys

CMD = b'echo get "</script><img src=x onerror=alert(2)>.exe" & <script>alert(1)</script> \'q\'\r\n'

def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff

def ip4(a):
    return bytes(int(x) for x in a.split("."))

def tcp(src, dst, sport, dport, seq, ack, flags, payload=b""):
    hdr = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 65535, 0, 0)
    ph = ip4(src) + ip4(dst) + struct.pack("!BBH", 0, 6, len(hdr) + len(payload))
    c = csum(ph + hdr + payload)
    hdr = hdr[:16] + struct.pack("!H", c) + hdr[18:]
    tot = 20 + len(hdr) + len(payload)
    iph = struct.pack("!BBHHHBBH4s4s", 0x45, 0, tot, 1, 0x4000, 64, 6, 0, ip4(src), ip4(dst))
    iph = iph[:10] + struct.pack("!H", csum(iph)) + iph[12:]
    eth = b"\x02\0\0\0\0\x02" + b"\x02\0\0\0\0\x01" + b"\x08\x00"
    return eth + iph + hdr + payload

def main():
    out = sys.argv[1]
    pkts = []
    t = 1772442000.0
    a, v = "10.0.0.5", "10.0.0.9"
    pkts.append((t, tcp(a, v, 1030, 4444, 1000, 0, 0x02)))
    pkts.append((t + 0.001, tcp(v, a, 4444, 1030, 5000, 1001, 0x12)))
    pkts.append((t + 0.002, tcp(a, v, 1030, 4444, 1001, 5001, 0x10)))
    banner = b"Microsoft Windows 2000 [Version 5.00.2195]\r\nC:\\WINNT\\system32>"
    pkts.append((t + 0.010, tcp(v, a, 4444, 1030, 5001, 1001, 0x18, banner)))
    pkts.append((t + 0.500, tcp(a, v, 1030, 4444, 1001, 5001 + len(banner), 0x18, CMD)))
    # then its own sweep of the /24 on 445, unanswered
    for i in range(1, 120):
        pkts.append((t + 2 + i * 0.8, tcp(a, "10.0.0.%d" % (20 + i), 2000 + i, 445, 7, 0, 0x02)))
    with open(out, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        for ts, p in pkts:
            f.write(struct.pack("<IIII", int(ts), int((ts % 1) * 1e6), len(p), len(p)) + p)

main()
