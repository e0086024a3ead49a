#!/usr/bin/env python3
"""Check one wwgen capture of issue 8 against its truth file and wormwatch's JSON.

Usage: gen_issue8_check.py NAME CAPTURE TRUTH JSON EXIT
       gen_issue8_check.py --marks CAPTURE TRUTH
       gen_issue8_check.py --snaplen CAPTURE N

--marks: every `# first_scan` line of the truth file names a packet sent by
that address at that time (the generator alone, no wormwatch).
--snaplen: every frame is cut to at most N bytes, some were cut, and the
original lengths are kept.

1. Every truth row holds (as tests/real/gen_truth_check.py: the verdict named,
   nobody outside the truth file flagged infected/scanner, the exit status 3
   with a worm, 1 with a scanner only, else 0).
2. For every `infected` row: the truth file's `# first_scan ADDR TIME FRAME`
   line points at a packet the worm sent at that time (read from the capture
   itself, not trusted), and the alert came within 5 first contacts:
   - `attempts_to_alert` in the JSON is at most 5, and
   - measured here, independently: the distinct destination addresses the
     worm sent an IP packet to from its first scanning packet up to and
     including the JSON's `first_alert` time, leaving out addresses it had
     sent to before (and broadcast/multicast), is at most 5. The count with
     its ARP-only targets added is printed too (checked instead when
     ISSUE8_COUNT_ARP=1).
Prints one line per check: `ok` or `FAIL`, then the measured numbers.
Exit 0 when every check holds, 1 otherwise, 2 on a broken input."""
import datetime, ipaddress, json, os, struct, sys

FLAGGED = {"infected", "scanner"}
LIMIT = 5


def frames(path, orig=None):
    """Yields (index from 1, time in us, linktype, frame bytes) from pcap or
    pcapng; appends each frame's original length to orig when given."""
    with open(path, "rb") as f:
        data = f.read()
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\xa1\xb2\xc3\xd4", b"\x4d\x3c\xb2\xa1", b"\xa1\xb2\x3c\x4d"):
        le = magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1")
        nano = magic in (b"\x4d\x3c\xb2\xa1", b"\xa1\xb2\x3c\x4d")
        e = "<" if le else ">"
        linktype = struct.unpack(e + "I", data[20:24])[0] & 0x0FFFFFFF
        off, idx = 24, 0
        while off + 16 <= len(data):
            sec, frac, caplen, olen = struct.unpack(e + "IIII", data[off:off + 16])
            off += 16
            if orig is not None:
                orig.append(olen)
            idx += 1
            us = sec * 1000000 + (frac // 1000 if nano else frac)
            yield idx, us, linktype, data[off:off + caplen]
            off += caplen
        return
    if magic != b"\x0a\x0d\x0d\x0a":
        raise ValueError(f"{path}: neither pcap nor pcapng")
    e = "<" if data[8:12] == b"\x4d\x3c\x2b\x1a" else ">"
    off, idx, ifaces = 0, 0, []
    while off + 12 <= len(data):
        btype, blen = struct.unpack(e + "II", data[off:off + 8])
        if blen < 12:
            raise ValueError(f"{path}: bad block length at {off}")
        body = data[off + 8:off + blen - 4]
        if btype == 0x0A0D0D0A:
            ifaces = []
        elif btype == 1:
            lt = struct.unpack(e + "H", body[0:2])[0]
            tsres = 6
            o = 8
            while o + 4 <= len(body):
                code, olen = struct.unpack(e + "HH", body[o:o + 4])
                if code == 0:
                    break
                if code == 9 and olen >= 1:
                    tsres = body[o + 4]
                o += 4 + olen + (-olen % 4)
            ifaces.append((lt, tsres))
        elif btype == 6:
            iid, hi, lo, caplen, olen = struct.unpack(e + "IIIII", body[0:20])
            if orig is not None:
                orig.append(olen)
            lt, tsres = ifaces[iid]
            ts = (hi << 32) | lo
            if tsres & 0x80:
                raise ValueError(f"{path}: binary timestamp resolution not handled")
            us = ts * 1000000 // (10 ** tsres)
            idx += 1
            yield idx, us, lt, body[20:20 + caplen]
        off += blen


def decode(lt, b):
    """(kind, src, dst) with kind 'ip' or 'arp' (src/dst: sender/target for
    an ARP request); None for anything else."""
    if lt == 1:
        et, o = struct.unpack(">H", b[12:14])[0], 14
        while et in (0x8100, 0x88A8) and len(b) >= o + 4:
            et, o = struct.unpack(">H", b[o + 2:o + 4])[0], o + 4
    elif lt == 113:
        et, o = struct.unpack(">H", b[14:16])[0], 16
    elif lt == 276:
        et, o = struct.unpack(">H", b[0:2])[0], 20
    elif lt == 101:
        et, o = (0x0800 if b[0] >> 4 == 4 else 0x86DD), 0
    elif lt == 0:
        fam = struct.unpack("<I", b[0:4])[0]
        if fam not in (2, 24, 28, 30):
            fam = struct.unpack(">I", b[0:4])[0]
        et, o = (0x0800 if fam == 2 else 0x86DD), 4
    else:
        raise ValueError(f"link type {lt} not handled")
    p = b[o:]
    if et == 0x0800 and len(p) >= 20:
        return "ip", str(ipaddress.IPv4Address(p[12:16])), str(ipaddress.IPv4Address(p[16:20]))
    if et == 0x86DD and len(p) >= 40:
        return "ip", str(ipaddress.IPv6Address(p[8:24])), str(ipaddress.IPv6Address(p[24:40]))
    if et == 0x0806 and len(p) >= 28 and struct.unpack(">H", p[6:8])[0] == 1:
        return "arp", str(ipaddress.IPv4Address(p[14:18])), str(ipaddress.IPv4Address(p[24:28]))
    return None


def unicast(a):
    ip = ipaddress.ip_address(a)
    return not (ip.is_multicast or ip.is_unspecified or a == "255.255.255.255" or
                (ip.version == 4 and a.endswith(".255")))


def iso_us(s):
    d = datetime.datetime.strptime(s, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=datetime.timezone.utc)
    return int(d.timestamp()) * 1000000 + d.microsecond


def measure(cap, addr, frame_no, mark_us, alert_us):
    """(problem or None, new IP destinations, new IP + ARP-only destinations)."""
    before, ip_new, arp_new = set(), set(), set()
    seen_mark = False
    for idx, us, lt, b in frames(cap):
        d = decode(lt, b)
        if idx == frame_no:
            if not d or d[1] != addr or us != mark_us:
                return f"frame {frame_no} is not a packet of {addr} at the marked time", 0, 0
            seen_mark = True
        if not d or d[1] != addr or not unicast(d[2]):
            continue
        if idx < frame_no:
            before.add(d[2])
        elif us <= alert_us and d[2] not in before:
            (ip_new if d[0] == "ip" else arp_new).add(d[2])
        elif us > alert_us:
            break
    if not seen_mark:
        return f"frame {frame_no} is not in the capture", 0, 0
    return None, len(ip_new), len(ip_new | arp_new)


def read_marks(truth):
    marks = {}
    for line in open(truth):
        f = line.rstrip("\n").split("\t")
        if line.startswith("# first_scan") and len(f) == 4:
            marks[f[1]] = (int(round(float(f[2]) * 1000000)), int(f[3]))
    return marks


def check_marks(cap, truth):
    marks = read_marks(truth)
    if not marks:
        print(f"FAIL {truth}: no '# first_scan' line")
        return 1
    want = {frame: (addr, us) for addr, (us, frame) in marks.items()}
    for idx, us, lt, b in frames(cap):
        if idx in want:
            addr, mus = want.pop(idx)
            d = decode(lt, b)
            if not d or d[0] != "ip" or d[1] != addr or us != mus:
                print(f"FAIL {cap}: frame {idx} is not an IP packet of {addr} at {mus} us: {d}, {us}")
                return 1
            print(f"ok   {cap}: first_scan of {addr} is frame {idx}, {d[1]} -> {d[2]}")
    if want:
        print(f"FAIL {cap}: frames {sorted(want)} not in the capture")
        return 1
    return 0


def check_snaplen(cap, n):
    orig, cut, total = [], 0, 0
    for idx, us, lt, b in frames(cap, orig):
        total += 1
        if len(b) > n or orig[-1] < len(b):
            print(f"FAIL {cap}: frame {idx}: {len(b)} bytes captured of {orig[-1]}, snaplen {n}")
            return 1
        cut += orig[-1] > len(b)
    if total == 0 or cut == 0:
        print(f"FAIL {cap}: {total} frames, {cut} cut to {n} bytes")
        return 1
    print(f"ok   {cap}: {total} frames, {cut} cut to {n} bytes, original lengths kept")
    return 0


def main():
    if sys.argv[1] == "--marks":
        return check_marks(sys.argv[2], sys.argv[3])
    if sys.argv[1] == "--snaplen":
        return check_snaplen(sys.argv[2], int(sys.argv[3]))
    name, cap, truth, jpath, code = sys.argv[1:6]
    code = int(code)
    expected, marks = {}, read_marks(truth)
    for line in open(truth):
        f = line.rstrip("\n").split("\t")
        if not line.startswith("#") and line.strip():
            expected[f[0]] = f[1]
    if code >= 64:
        print(f"FAIL {name}: wormwatch exit {code}")
        return 1
    hosts = {h["addr"]: h for h in json.load(open(jpath))["hosts"]}
    fails = 0

    def report(ok, what):
        nonlocal fails
        fails += 0 if ok else 1
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {what}")

    for addr, want in expected.items():
        got = hosts.get(addr, {}).get("verdict", "normal")
        report(got == want, f"{addr} verdict {got} (truth {want})")
    for addr, h in sorted(hosts.items()):
        if addr not in expected and h["verdict"] in FLAGGED:
            report(False, f"{addr} flagged {h['verdict']} but not in the truth file")
    vals = set(expected.values())
    want_exit = 3 if "infected" in vals else 1 if FLAGGED & vals else 0
    report(code == want_exit, f"exit {code} (want {want_exit})")

    use_arp = os.environ.get("ISSUE8_COUNT_ARP") == "1"
    for addr, want in expected.items():
        if want != "infected":
            continue
        if addr not in marks:
            report(False, f"{addr}: no '# first_scan' line in the truth file")
            continue
        mark_us, frame_no = marks[addr]
        h = hosts.get(addr, {})
        if not h.get("first_alert"):
            report(False, f"{addr}: no alert (first scanning packet: frame {frame_no})")
            continue
        alert_us = iso_us(h["first_alert"])
        problem, n_ip, n_all = measure(cap, addr, frame_no, mark_us, alert_us)
        if problem:
            report(False, f"{addr}: {problem}")
            continue
        att = h.get("attempts_to_alert")
        checked = n_all if use_arp else n_ip
        report(att is not None and att <= LIMIT,
               f"{addr} attempts_to_alert {att} (limit {LIMIT})")
        report(checked <= LIMIT and alert_us >= mark_us,
               f"{addr} measured first contacts to alert {n_ip} (with ARP-only targets "
               f"{n_all}; limit {LIMIT}), alert {(alert_us - mark_us) / 1e6:.3f} s after "
               f"the first scanning packet (frame {frame_no})")
    return 1 if fails else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (OSError, ValueError, KeyError, IndexError, struct.error) as e:
        print(f"FAIL {sys.argv[1] if len(sys.argv) > 1 else '?'}: {e}")
        sys.exit(2)
