#!/usr/bin/env python3
"""Check a wormwatch --json report (read from a file, or stdin with "-").

usage: check.py REPORT ASSERTION...
  ADDR=VERDICT        the host's verdict is exactly VERDICT ("normal": no finding)
  ADDR~flagged        infected or scanner
  ADDR~not-flagged    anything but infected or scanner
  none-flagged        no host is infected or scanner
  p2p=ADDR:PORT       ADDR is reported p2p with that port
  SECTION.KEY=VALUE   a field of a single section ("table.full=true")
  input.KEY=VALUE     a field of "input"
Exit 0 when all hold, 1 with a message per failure otherwise.
"""
import json
import sys


def main():
    src = sys.argv[1]
    text = sys.stdin.read() if src == "-" else open(src).read()
    try:
        rep = json.loads(text)
    except ValueError as e:
        print("not JSON: %s\n%s" % (e, text[:2000]))
        return 1
    hosts = {h.get("addr"): h for h in rep.get("hosts", [])}
    flagged = {"infected", "scanner"}
    bad = 0
    for a in sys.argv[2:]:
        ok = True
        if a == "none-flagged":
            got = [k for k, h in hosts.items() if h["verdict"] in flagged]
            ok = not got
            why = "flagged: %s" % got
        elif a.startswith("p2p="):
            addr, port = a[4:].rsplit(":", 1)
            h = hosts.get(addr)
            ok = bool(h) and h["verdict"] == "p2p" and str(h.get("port")) == port
            why = "host %s is %s" % (addr, h and (h["verdict"], h.get("port")))
        elif "~" in a:
            addr, what = a.split("~", 1)
            v = hosts.get(addr, {}).get("verdict", "normal")
            ok = (v in flagged) == (what == "flagged")
            why = "host %s is %s" % (addr, v)
        elif "=" in a and a.split("=", 1)[0].count(".") == 1 and not a[0].isdigit():
            k, want = a.split("=", 1)
            sec, key = k.split(".")
            got = rep.get(sec, {}).get(key)
            got_s = json.dumps(got) if not isinstance(got, str) else got
            ok = got_s == want
            why = "%s is %s" % (k, got_s)
        else:
            addr, want = a.split("=", 1)
            v = hosts.get(addr, {}).get("verdict", "normal")
            ok = v == want
            why = "host %s is %s" % (addr, v)
        if not ok:
            bad += 1
            print("FAIL %s (%s)" % (a, why))
        else:
            print("ok   %s" % a)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
