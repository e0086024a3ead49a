#!/usr/bin/env python3
"""Seeds for fuzz_cluster_record (written by hand from src/cluster/record.h;
run in fuzz/corpus/cluster_record/): a sensor's hello, a TCP SYN frame, an attempt, a
tick, its end marker; a record cut short; and one partition's final message."""
import struct

def rec(typ, seq, ts, name, body):
    return b"WWR1" + bytes([typ, 0]) + b"\0\0" + struct.pack(">QQ", seq, ts) + \
        bytes([len(name)]) + name + body

def addr4(a):
    return b"\x01" + b"\0" * 10 + b"\xff\xff" + bytes(a)

name = b"site-a"
ts = 1700000000 * 1000000
eth = b"\x02\0\0\0\0\x01" + b"\x02\0\0\0\0\x02" + b"\x08\x00"
ip = bytes.fromhex("45000028000100004006") + b"\0\0" + bytes([192, 168, 1, 5]) + bytes([8, 8, 8, 8])
tcp = struct.pack(">HHIIBBHHH", 40000, 445, 1, 0, 0x50, 0x02, 8192, 0, 0)
frame = eth + ip + tcp
msgs = [
    rec(3, 1, 0, name, struct.pack(">I", 1)),
    rec(1, 2, ts, name, struct.pack(">III", 1, len(frame), len(frame)) + frame),
    rec(2, 3, ts + 1000, name, addr4([192, 168, 1, 5]) + addr4([10, 0, 0, 9]) +
        bytes([6]) + struct.pack(">HH", 40001, 139) + bytes([4, 1])),
    rec(5, 4, ts + 500, name, b""),
    rec(4, 5, ts + 1000, name, struct.pack(">IQQQQQQ", 1, 2, 2, 108, 0, 0, ts + 1000)),
]
def seq(ms):
    return b"".join(struct.pack(">H", len(m)) + m for m in ms)
open("records", "wb").write(b"\0" + seq(msgs))
open("records_cut", "wb").write(b"\0" + seq(msgs[:1]) + struct.pack(">H", 60) + msgs[1][:40])
final = ('{"partition":0,"partitions":1,"judge":"j1","steps_rank":1,"applied":2,'
         '"duplicates":0,"late":0,"rejected":0,"after_final":0,"replayed":0,"hosts_judged":1,'
         '"hosts_uncounted":0,"sensors":[{"name":"site-a","ended":true,"published":2,'
         '"applied":2,"frames":2,"bytes":108,"undecodable":0,"cut":0}],'
         '"hosts":[["192.168.1.5",2]],"report":{"command":"analyze","hosts":[{"addr":'
         '"192.168.1.5","verdict":"scanner","score":0.8,"first_alert":'
         '"2023-11-14T22:13:20.000000Z","attempts_to_alert":2,"severity":"high","title":'
         '"scanning","evidence":["a \\u001b line"],"next_steps":["look"],"first_contacts":2,'
         '"timeline_step_s":60,"timeline":[["2023-11-14T22:13:20.000000Z",2]]}],'
         '"findings":[],"input":{},"notes":["192.168.1.5 x","3 broadcast y"],'
         '"warnings":[],"next_steps":["no worm was seen"]}}')
open("final", "wb").write(b"\1" + final.encode())
