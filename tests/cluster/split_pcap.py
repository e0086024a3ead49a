#!/usr/bin/env python3
"""Split a classic pcap file between sensors: split_pcap.py IN OUT1 OUT2 ...
--mode alternate (packet i to file i mod k, the default) or --mode halves
(contiguous runs). Reads only the classic pcap format (what wwgen writes);
anything else is refused."""
import struct
import sys


def main():
    args = sys.argv[1:]
    mode = "alternate"
    if len(args) >= 2 and args[0] == "--mode":
        mode = args[1]
        args = args[2:]
    if len(args) < 3 or mode not in ("alternate", "halves"):
        sys.exit("usage: split_pcap.py [--mode alternate|halves] IN OUT1 OUT2 ...")
    data = open(args[0], "rb").read()
    if len(data) < 24:
        sys.exit("%s: too short for a pcap header" % args[0])
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        end = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        end = ">"
    else:
        sys.exit("%s: not a classic pcap file" % args[0])
    hdr = data[:24]
    recs = []
    off = 24
    while off + 16 <= len(data):
        incl = struct.unpack(end + "I", data[off + 8:off + 12])[0]
        if off + 16 + incl > len(data):
            sys.exit("%s: record at byte %d runs past the end" % (args[0], off))
        recs.append(data[off:off + 16 + incl])
        off += 16 + incl
    outs = args[1:]
    k = len(outs)
    parts = [[] for _ in outs]
    for i, r in enumerate(recs):
        j = i % k if mode == "alternate" else min(k - 1, i * k // max(1, len(recs)))
        parts[j].append(r)
    for path, rs in zip(outs, parts):
        with open(path, "wb") as f:
            f.write(hdr)
            f.write(b"".join(rs))
    print("%d packets split into %s" % (len(recs), ", ".join(str(len(p)) for p in parts)))


main()
