#!/usr/bin/env python3
"""Read the live page's event stream and JSON API and check them against
the alert file (JSON lines) that the same run writes.

usage: sse_check.py BASE_URL ALERTS_JSONL ADDR [TIMEOUT_S]
BASE_URL ends with '/' and may carry ?token=...; ADDR is the host that must
be alerted on. Checks, each printed as ok/FAIL:
 - the stream sends an alert event for ADDR, equal field for field to the
   alert file's line for ADDR;
 - a later state event lists ADDR in report.hosts with the alert's verdict;
 - /api/alerts holds exactly the alert file's lines, in order;
 - /api/hosts lists ADDR with the same verdict and the same fields as the
   state's report.
Bounded: every read has a timeout, the whole run TIMEOUT_S (default 15)."""
import json
import socket
import sys
import time
import urllib.parse
import urllib.request

base, alerts_path, addr = sys.argv[1], sys.argv[2], sys.argv[3]
limit = float(sys.argv[4]) if len(sys.argv) > 4 else 15.0
u = urllib.parse.urlsplit(base)
query = ('?' + u.query) if u.query else ''
fail = 0


def check(ok, what):
    global fail
    print(('ok   ' if ok else 'FAIL ') + what)
    if not ok:
        fail = 1


def get(path):
    with urllib.request.urlopen('%s://%s/%s%s' % (u.scheme, u.netloc, path, query), timeout=5) as r:
        return json.loads(r.read().decode())


def events(deadline):
    """Yield (event, data) from /events until the deadline."""
    s = socket.create_connection((u.hostname, u.port), timeout=2)
    s.sendall(('GET /events%s HTTP/1.1\r\nHost: %s\r\nAccept: text/event-stream\r\n\r\n'
               % (query, u.netloc)).encode())
    buf = b''
    head_done = False
    chunked = False
    while time.time() < deadline:
        try:
            d = s.recv(65536)
        except socket.timeout:
            continue
        if not d:
            break
        buf += d
        if not head_done:
            if b'\r\n\r\n' not in buf:
                continue
            head, buf = buf.split(b'\r\n\r\n', 1)
            head_done = True
            chunked = b'chunked' in head.lower()
            raw = b''
        if chunked:
            # de-chunk what is complete
            while True:
                if b'\r\n' not in buf:
                    break
                size_line, rest = buf.split(b'\r\n', 1)
                size = int(size_line.split(b';')[0], 16)
                if len(rest) < size + 2:
                    break
                raw += rest[:size]
                buf = rest[size + 2:]
        else:
            raw, buf = raw + buf, b''
        while b'\n\n' in raw:
            msg, raw = raw.split(b'\n\n', 1)
            ev, data = 'message', []
            for line in msg.decode().split('\n'):
                if line.startswith('event: '):
                    ev = line[7:]
                elif line.startswith('data: '):
                    data.append(line[6:])
            if data:
                yield ev, '\n'.join(data)
    s.close()


deadline = time.time() + limit
alert_ev = None
state_after = None
for ev, data in events(deadline):
    obj = json.loads(data)
    if ev == 'alert' and obj.get('addr') == addr and alert_ev is None:
        alert_ev = obj
    elif ev == 'state' and alert_ev is not None:
        hosts = obj['report']['hosts']
        if any(h['addr'] == addr for h in hosts):
            state_after = obj
            break

check(alert_ev is not None, 'the stream sent an alert event for %s' % addr)
file_alerts = [json.loads(l) for l in open(alerts_path) if l.strip()]
file_for = [a for a in file_alerts if a['addr'] == addr]
check(bool(file_for), 'the alert file has a line for %s' % addr)
if alert_ev and file_for:
    check(alert_ev == file_for[0], 'stream alert == file line, field for field (%s)'
          % ', '.join(sorted(alert_ev)))
check(state_after is not None, 'a state event after the alert lists %s' % addr)
if state_after and alert_ev:
    h = [h for h in state_after['report']['hosts'] if h['addr'] == addr][0]
    check(h['verdict'] == alert_ev['verdict'], 'state verdict %s == alert verdict %s'
          % (h['verdict'], alert_ev['verdict']))
api_alerts = get('api/alerts')['alerts']
file_alerts = [json.loads(l) for l in open(alerts_path) if l.strip()]
check(api_alerts == file_alerts, '/api/alerts == the alert file (%d alerts)' % len(file_alerts))
api_hosts = get('api/hosts')
mine = [h for h in api_hosts['hosts'] if h['addr'] == addr]
check(bool(mine) and alert_ev is not None and mine[0]['verdict'] == alert_ev['verdict'],
      '/api/hosts lists %s as %s' % (addr, mine[0]['verdict'] if mine else '-'))
if mine and state_after:
    sh = [h for h in state_after['report']['hosts'] if h['addr'] == addr][0]
    check(sorted(mine[0]) == sorted(sh), '/api/hosts and the stream use the same fields')
print(json.dumps({'api_hosts_fields': sorted(mine[0]) if mine else []}))
sys.exit(fail)
