#!/usr/bin/env python3
"""Helpers for the flows tests (loopback only):

  flowtool.py port                         a free UDP port on 127.0.0.1
  flowtool.py record PORT OUT.pcap IDLE [PORTFILE]
                                           receive export datagrams on
                                           127.0.0.1:PORT into a pcap (raw IPv4,
                                           UDP from the exporter's port to PORT)
                                           until IDLE seconds pass without one
                                           (PORT 0: any free port, written to
                                           PORTFILE)
  flowtool.py hostile IN.pcap OUT.pcap     the same datagrams, damaged (see below)
  flowtool.py culprits ANALYZE.json FLOWS.json TRUTH.tsv
                                           same culprits (hosts and verdict class)
                                           in both, and the truth's infected hosts
                                           infected, its normal ones not flagged
  flowtool.py expect FLOWS.json KEY=VALUE|KEY>N|ADDR!=VERDICT ...
"""
import json
import socket
import struct
import sys

LINKTYPE_RAW = 101


def pcap_write(path, pkts):
    with open(path, 'wb') as f:
        f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, LINKTYPE_RAW))
        for ts, sport, dport, payload in pkts:
            udp = struct.pack('>HHHH', sport, dport, 8 + len(payload), 0) + payload
            tot = 20 + len(udp)
            ip = struct.pack('>BBHHHBBH4s4s', 0x45, 0, tot, 0, 0, 64, 17, 0,
                             bytes([127, 0, 0, 2]), bytes([127, 0, 0, 1]))
            frame = ip + udp
            f.write(struct.pack('<IIII', int(ts), int((ts % 1) * 1e6), len(frame), len(frame)))
            f.write(frame)


def pcap_read(path):
    out = []
    with open(path, 'rb') as f:
        hdr = f.read(24)
        assert struct.unpack('<I', hdr[:4])[0] == 0xa1b2c3d4
        while True:
            rec = f.read(16)
            if len(rec) < 16:
                break
            s, us, cap, _ = struct.unpack('<IIII', rec)
            frame = f.read(cap)
            sport, dport = struct.unpack('>HH', frame[20:24])
            out.append([s + us / 1e6, sport, dport, frame[28:]])
    return out


def record(port, path, idle, portfile=None):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
    s.bind(('127.0.0.1', port))
    port = s.getsockname()[1]
    if portfile:
        # the port it holds, for the exporter (no window for another
        # process to take it)
        with open(portfile + '.tmp', 'w') as pf:
            pf.write('%d\n' % port)
        import os
        os.rename(portfile + '.tmp', portfile)
    pkts = []
    import time
    while True:
        # up to a minute for the first datagram (the exporter reads its whole
        # capture first), then IDLE seconds of quiet end it
        s.settimeout(idle if pkts else 60)
        try:
            d, a = s.recvfrom(65535)
        except socket.timeout:
            break
        pkts.append((time.time(), a[1], port, d))
    pcap_write(path, pkts)
    print('recorded %d datagrams' % len(pkts), file=sys.stderr)


def hostile(src, dst):
    """From a capture of v9 or IPFIX exports: the first data datagram sent
    before the one with the templates (data before template), a datagram cut
    in the middle of a set, one with version 7, one with a set longer than
    the message, a sequence jump (10 datagrams dropped), for IPFIX a template
    withdrawal followed by data for it, and one empty 2-byte datagram."""
    pk = pcap_read(src)
    assert len(pk) > 30, 'too few datagrams'
    ver = struct.unpack('>H', pk[0][3][:2])[0]
    out = []
    first_data = pk[1]
    out.append(list(first_data))              # data before its template
    out.extend(pk[0:1])                       # the templates
    out.append([pk[2][0], pk[2][1], pk[2][2], pk[2][3][:len(pk[2][3]) // 2]])   # cut short
    out.append([pk[3][0], pk[3][1], pk[3][2], b'\x00\x07' + pk[3][3][2:]])      # version 7
    bad = bytearray(pk[4][3])
    hdr = 20 if ver == 9 else 16
    struct.pack_into('>H', bad, hdr + 2, 0xfff0)                                 # set overruns
    out.append([pk[4][0], pk[4][1], pk[4][2], bytes(bad)])
    out.append([pk[5][0], pk[5][1], pk[5][2], b'\x00'])                          # 1 byte
    out.extend(pk[6:10])
    out.extend(pk[20:])                       # 10 datagrams lost
    if ver == 10:
        # withdraw template 1024, then send data for it (it must be counted,
        # not read with the old template)
        tid = 1024
        w = struct.pack('>HHIII', 10, 16 + 8, 0, 0, 0) + struct.pack('>HHHH', 2, 8, tid, 0)
        out.append([pk[-1][0], pk[-1][1], pk[-1][2], w])
        out.append(list(pk[10]))
    pcap_write(dst, out)


def load(path):
    with open(path) as f:
        return json.load(f)


CLASS = {'infected': 'worm', 'scanner': 'scan'}


def culprits(doc):
    return {h['addr']: CLASS[h['verdict']] for h in doc['hosts'] if h['verdict'] in CLASS}


def check_culprits(a_path, f_path, truth):
    a, f = load(a_path), load(f_path)
    ca, cf = culprits(a), culprits(f)
    ok = True
    if ca != cf:
        print('culprits differ: analyze %s, flows %s' % (sorted(ca.items()), sorted(cf.items())))
        ok = False
    verdicts = {h['addr']: h['verdict'] for h in f['hosts']}
    with open(truth) as t:
        for line in t:
            if line.startswith('#') or not line.strip():
                continue
            addr, expect = line.split('\t')[:2]
            got = verdicts.get(addr, 'normal')
            if expect == 'infected' and got != 'infected':
                print('%s: truth infected, flows %s' % (addr, got))
                ok = False
            if expect == 'normal' and got in ('infected', 'scanner', 'suspicious'):
                print('%s: truth normal, flows %s' % (addr, got))
                ok = False
    if not cf:
        print('flows found no culprit at all')
        ok = False
    print('culprits: %s' % sorted(cf.items()))
    return ok


def expect(path, conds):
    d = load(path)
    verdicts = {h['addr']: h['verdict'] for h in d['hosts']}
    ok = True
    for c in conds:
        if '!=' in c:
            addr, v = c.split('!=')
            if verdicts.get(addr, 'normal') == v:
                print('%s is %s' % (addr, v))
                ok = False
        elif '>' in c:
            k, v = c.split('>')
            if not d['input'].get(k, 0) > int(v):
                print('input.%s = %s, want > %s' % (k, d['input'].get(k), v))
                ok = False
        elif '=' in c:
            k, v = c.split('=', 1)
            got = verdicts.get(k) if k[0].isdigit() else d['input'].get(k)
            if str(got).lower() != v:
                print('%s = %s, want %s' % (k, got, v))
                ok = False
        elif c.startswith('warning~'):
            want = c[len('warning~'):]
            if not any(want in w for w in d.get('warnings', [])):
                print('no warning contains %r: %s' % (want, d.get('warnings')))
                ok = False
    return ok


def main():
    cmd = sys.argv[1]
    if cmd == 'port':
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.bind(('127.0.0.1', 0))
        print(s.getsockname()[1])
        return 0
    if cmd == 'record':
        record(int(sys.argv[2]), sys.argv[3], float(sys.argv[4]),
               sys.argv[5] if len(sys.argv) > 5 else None)
        return 0
    if cmd == 'hostile':
        hostile(sys.argv[2], sys.argv[3])
        return 0
    if cmd == 'culprits':
        return 0 if check_culprits(sys.argv[2], sys.argv[3], sys.argv[4]) else 1
    if cmd == 'expect':
        return 0 if expect(sys.argv[2], sys.argv[3:]) else 1
    print(__doc__)
    return 64


if __name__ == '__main__':
    sys.exit(main())
