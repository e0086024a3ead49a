#!/usr/bin/env python3
"""Make the router test inputs (deterministic, no network, no real data).

s1_proc.txt / s1_tool.txt: the S1 office (seeds/000): a 1,024-entry NAT table,
  two infected PCs (192.168.1.23 and .37) holding most of it with unreplied
  SYN_SENT entries to random outside addresses on 445 and 135, four normal
  users with ordinary web, mail and DNS entries. Written in both textual
  forms: /proc/net/nf_conntrack lines and `conntrack -L` output with its
  summary line.
s1_after_proc.txt: after the clean-up: about 40 entries and a third PC (.45)
  starting the same sweep.
s5.log: the S5 home router (seeds/004): many outside peers' UDP packets
  rejected on their way to one address and port (a peer-to-peer client),
  plus background noise.
watch_N.txt: table samples growing towards full then recovering (--watch).
bench_*: large inputs for bench/router_lines.sh (only with --bench N).
"""
import random
import sys
import os

R = random.Random(20040420)
ROUTER_WAN = "198.51.100.2"


def outside(r):
    while True:
        a = r.randrange(1, 223)
        if a in (10, 127, 100, 169, 172, 192, 198, 203):
            continue
        return "%d.%d.%d.%d" % (a, r.randrange(256), r.randrange(256), r.randrange(1, 255))


def entry(r, src, dst, proto, dport, state, unreplied, extra=True, sport=None):
    sport = sport or r.randrange(1025, 65535)
    nat_port = r.randrange(1025, 65535)
    pname, pnum, timeout = {"tcp": ("tcp", 6, 117), "udp": ("udp", 17, 28)}[proto]
    st = (" " + state) if state else ""
    flag = " [UNREPLIED]" if unreplied else (" [ASSURED]" if state == "ESTABLISHED" else "")
    reply_dst = ROUTER_WAN if not dst.startswith("192.168.") else src
    reply_dport = nat_port if reply_dst == ROUTER_WAN else sport
    body = ("%s      %d %d%s src=%s dst=%s sport=%d dport=%d%s src=%s dst=%s sport=%d dport=%d"
            % (pname, pnum, timeout, st, src, dst, sport, dport,
               " [UNREPLIED]" if unreplied else "", dst, reply_dst, dport, reply_dport))
    if not unreplied and flag:
        body += flag
    if extra:
        body += " mark=0"
        if r.random() < 0.5:
            body += " zone=0"
        if r.random() < 0.2:
            body += " secctx=system_u:object_r:unlabeled_t:s0"
        body += " use=1"
    return body


def s1_entries(r, infected, normals, total):
    rows = []
    for host, n in infected:
        for _ in range(n):
            port = 445 if r.random() < 0.7 else 135
            rows.append(entry(r, host, outside(r), "tcp", port, "SYN_SENT", True))
    for host in normals:
        rows.append(entry(r, host, "192.168.1.1", "udp", 53, None, False))
    i = 0
    while len(rows) < total:
        host = normals[i % len(normals)]
        i += 1
        k = r.random()
        if k < 0.6:
            rows.append(entry(r, host, outside(r), "tcp", 443, "ESTABLISHED", False))
        elif k < 0.8:
            rows.append(entry(r, host, outside(r), "tcp", 80, "TIME_WAIT", False))
        elif k < 0.9:
            rows.append(entry(r, host, outside(r), "tcp", 993, "ESTABLISHED", False))
        else:
            rows.append(entry(r, host, "192.168.1.1", "udp", 53, None, False))
    r.shuffle(rows)
    return rows


def write(path, lines):
    with open(path, "w") as f:
        for l in lines:
            f.write(l + "\n")


def proc_form(rows):
    return ["ipv4     2 " + x for x in rows]


def tool_form(rows):
    return rows + ["conntrack v1.4.7 (conntrack-tools): %d flow entries have been shown." % len(rows)]


def s5_log(r):
    lines = []
    inside = "192.168.0.3"
    peers = [outside(r) for _ in range(60)]
    t = 21 * 3600
    for i in range(400):
        t += r.randrange(1, 20)
        p = peers[r.randrange(len(peers))]
        lines.append("2015/06/12 %02d:%02d:%02d UDP connection rejected from %s:%d to %s:%d"
                     % (t // 3600 % 24, t // 60 % 60, t % 60, p, r.randrange(1024, 65535),
                        inside, 58421))
        if i % 50 == 0:
            lines.append("2015/06/12 %02d:%02d:%02d WAN connection established (PPPoE)"
                         % (t // 3600 % 24, t // 60 % 60, t % 60))
    # a few probes from the Internet to the usual ports: background, not p2p
    for port in (23, 445, 3389):
        lines.append("2015/06/12 23:00:00 TCP connection rejected from %s:%d to %s:%d"
                     % (outside(r), r.randrange(1024, 65535), ROUTER_WAN, port))
    return lines


def watch_samples(r, d):
    sizes = [500, 650, 800, 880, 940, 990, 1024, 1024, 600, 40]
    for i, n in enumerate(sizes):
        infected = [("192.168.1.23", max(0, n - 100))] if n > 100 else []
        rows = s1_entries(r, infected, ["192.168.1.10", "192.168.1.11"], n)
        write(os.path.join(d, "watch_%02d.txt" % i), proc_form(rows))


def p2p_table(r):
    """A BitTorrent-like client (DHT over one local UDP port to hundreds of
    peers on random ports, half of them answering) next to a normal user."""
    rows = []
    for _ in range(300):
        d, p = outside(r), r.randrange(1024, 65535)
        un = r.random() < 0.5
        rows.append("udp      17 29 src=192.168.1.50 dst=%s sport=6881 dport=%d %ssrc=%s dst=%s "
                    "sport=%d dport=6881 mark=0 use=1"
                    % (d, p, "[UNREPLIED] " if un else "", d, ROUTER_WAN, p))
    for _ in range(100):
        d, p = outside(r), r.randrange(1024, 65535)
        un = r.random() < 0.4
        rows.append(entry(r, "192.168.1.50", d, "tcp", p, "SYN_SENT" if un else "ESTABLISHED", un))
    for _ in range(30):
        rows.append(entry(r, "192.168.1.10", outside(r), "tcp", 443, "ESTABLISHED", False))
    r.shuffle(rows)
    return rows


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else "."
    os.makedirs(d, exist_ok=True)
    normals = ["192.168.1.10", "192.168.1.11", "192.168.1.12", "192.168.1.13"]
    rows = s1_entries(R, [("192.168.1.23", 520), ("192.168.1.37", 430)], normals, 1024)
    write(os.path.join(d, "s1_proc.txt"), proc_form(rows))
    write(os.path.join(d, "s1_tool.txt"), tool_form(rows))
    after = s1_entries(R, [("192.168.1.45", 60)], normals, 100)
    write(os.path.join(d, "s1_after_proc.txt"), proc_form(after))
    write(os.path.join(d, "s5.log"), s5_log(R))
    write(os.path.join(d, "p2p_table.txt"), proc_form(p2p_table(R)))
    watch_samples(R, d)
    if len(sys.argv) > 3 and sys.argv[2] == "--bench":
        n = int(sys.argv[3])
        rb = random.Random(7)
        hosts = ["192.168.1.%d" % i for i in range(2, 60)]
        base = [entry(rb, hosts[i % len(hosts)], outside(rb), "tcp", (445, 443, 80)[i % 3],
                      ("SYN_SENT", "ESTABLISHED", "TIME_WAIT")[i % 3], i % 3 == 0)
                for i in range(5000)]
        with open(os.path.join(d, "bench_ct.txt"), "w") as f:
            for i in range(n):
                f.write("ipv4     2 " + base[i % len(base)] + "\n")
        logs = open("/dev/null")
        logs.close()
        tmpl = ("Mar 11 20:35:11 gw kernel: [463490.251762] DROP IN=eth1 OUT=eth0 "
                "MAC=52:54:00:12:34:56:52:54:00:65:43:21:08:00 SRC=%s DST=%s LEN=44 TOS=0x00 "
                "PREC=0x00 TTL=53 ID=15270 PROTO=TCP SPT=%d DPT=%d WINDOW=3072 RES=0x00 SYN URGP=0\n")
        lb = [tmpl % (hosts[i % len(hosts)], outside(rb), 1025 + i, (445, 135, 80)[i % 3])
              for i in range(5000)]
        with open(os.path.join(d, "bench_log.txt"), "w") as f:
            for i in range(n):
                f.write(lb[i % len(lb)])


if __name__ == "__main__":
    main()
