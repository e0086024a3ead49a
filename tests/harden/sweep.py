#!/usr/bin/env python3
"""Loopback sweeps for the harden namespace tests: from each of N source
addresses 127.0.0.S (S = 2..N+1) connect to COUNT addresses 127.1.0.1.. on
PORT, non-blocking, INTERVAL_MS apart; on loopback each is refused with a
RST at once. Bounded: N <= 20, COUNT <= 200; only 127/8 is ever a target.
usage: sweep.py N COUNT PORT INTERVAL_MS"""
import errno
import socket
import sys
import time

n, count, port, interval = (int(a) for a in sys.argv[1:5])
assert 1 <= n <= 20 and 1 <= count <= 200 and 0 <= interval <= 1000
for s in range(n):
    src = "127.0.0.%d" % (s + 2)
    for d in range(count):
        dst = "127.1.%d.%d" % (d // 250, d % 250 + 1)
        c = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        c.setblocking(False)
        c.bind((src, 0))
        try:
            c.connect((dst, port))
        except OSError as e:
            if e.errno not in (errno.EINPROGRESS, errno.ECONNREFUSED):
                raise
        c.close()
        time.sleep(interval / 1000.0)
