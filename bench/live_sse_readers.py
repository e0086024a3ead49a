#!/usr/bin/env python3
"""Hold N Server-Sent Events streams open on the live page and read them
(one process, select), for a bounded time; prints the bytes and events read.
usage: live_sse_readers.py PORT N SECONDS"""
import selectors, socket, sys, time

port, n, secs = int(sys.argv[1]), int(sys.argv[2]), min(float(sys.argv[3]), 120.0)
sel = selectors.DefaultSelector()
for _ in range(n):
    c = socket.create_connection(('127.0.0.1', port))
    c.sendall(('GET /events HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n' % port).encode())
    c.setblocking(False)
    sel.register(c, selectors.EVENT_READ)
total = events = 0
end = time.time() + secs
while time.time() < end:
    for key, _ in sel.select(timeout=0.5):
        d = key.fileobj.recv(262144)
        total += len(d)
        events += d.count(b'\nevent: ') + d.startswith(b'event: ')
print(total, events)
