#!/usr/bin/env python3
"""Read the live page's event stream and JSON API and check them against
the alert file (JSON lines) that the same run writes.

usage: sse_check.py BASE_URL ALERTS_JSONL ADDR [TIMEOUT_S]
BASE_URL ends with '/' and may carry ?token=...; ADDR is the host that must
be alerted on. Checks, each printed as ok/FAIL:
 - the stream's alert events for ADDR equal, field for field, the alert
   file's lines for ADDR (a scanner alert, then maybe an infected one);
 - a later state event lists ADDR in report.hosts with the last verdict;
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
alert_evs = []       # every alert event for addr, in order
state_after = None   # the last state that agrees with the last alert
first_at = None
for ev, data in events(deadline):
    obj = json.loads(data)
    if ev == 'alert' and obj.get('addr') == addr:
        alert_evs.append(obj)
        first_at = first_at or time.time()
        state_after = None
    elif ev == 'state' and alert_evs:
        hosts = [h for h in obj['report']['hosts'] if h['addr'] == addr]
        if hosts and hosts[0]['verdict'] == alert_evs[-1]['verdict']:
            state_after = obj
    # settle: the verdict may rise from scanner to infected within ms
    if state_after is not None and time.time() - first_at > 1.5:
        break

check(bool(alert_evs), 'the stream sent an alert event for %s' % addr)
file_alerts = [json.loads(l) for l in open(alerts_path) if l.strip()]
file_for = [a for a in file_alerts if a['addr'] == addr]
check(bool(file_for), 'the alert file has a line for %s' % addr)
check(alert_evs == file_for, 'stream alerts == file lines for %s, field for field (%d: %s)'
      % (addr, len(file_for), ', '.join(a['verdict'] for a in file_for)))
alert_ev = alert_evs[-1] if alert_evs else None
check(state_after is not None, 'a state event after the last alert lists %s as %s'
      % (addr, alert_ev['verdict'] if alert_ev else '-'))
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
