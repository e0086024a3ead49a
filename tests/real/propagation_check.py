#!/usr/bin/env python3
"""Who infected whom: analyze wwgen's propagation capture (192.168.5.23 sends
the MS08-067 request to 192.168.5.50, which starts its own sweep about 20 s
later) and hold the evidence of both hosts:
  - 192.168.5.50: "probably infected by 192.168.5.23: contacted by it on port
    445 at T, began its own scanning D later" with T before its alert and D
    between 15 and 40 s, and the exploit it received from .23;
  - 192.168.5.23: the MS08-067 exploit sent to .50, and no "probably infected
    by" line (it was infected before the capture began).
Usage: propagation_check.py WORMWATCH WWGEN"""
import json, os, re, subprocess, sys, tempfile

LINE = re.compile(r"^probably infected by 192\.168\.5\.23: contacted by it on port 445 at "
                  r"(\S+), began its own scanning ([0-9.]+) s later$")

def check(ww, gen, tmp, seed):
    cap = os.path.join(tmp, f"prop{seed}.pcap")
    subprocess.run([gen, "propagation", "--seed", str(seed), "-o", cap], check=True)
    p = subprocess.run([ww, "analyze", "--json", cap], capture_output=True, text=True)
    if p.returncode != 3:
        return [f"exit {p.returncode}, expected 3: {p.stderr.strip()}"]
    hosts = {h["addr"]: h for h in json.loads(p.stdout)["hosts"]}
    problems = []
    h50, h23 = hosts.get("192.168.5.50"), hosts.get("192.168.5.23")
    if not h50 or not h23:
        return ["192.168.5.50 or 192.168.5.23 not reported"]
    lines = [e for e in h50["evidence"] if e.startswith("probably infected by")]
    m = LINE.match(lines[0]) if len(lines) == 1 else None
    if not m:
        problems.append(f".50: want one 'probably infected by 192.168.5.23' line, got {lines}")
    else:
        if not m.group(1) < h50["first_alert"]:
            problems.append(f".50: contacted at {m.group(1)}, not before its alert {h50['first_alert']}")
        if not 15 <= float(m.group(2)) <= 40:
            problems.append(f".50: began scanning {m.group(2)} s after the contact, want 15-40 s")
    if not any("MS08-067" in e and "by 192.168.5.23 on port 445" in e for e in h50["evidence"]):
        problems.append(".50: no evidence of the exploit received from .23")
    if not any("MS08-067" in e and e.endswith("to 192.168.5.50") for e in h23["evidence"]):
        problems.append(".23: no evidence of the MS08-067 exploit sent to .50")
    if any(e.startswith("probably infected by") for e in h23["evidence"]):
        problems.append(".23: says who infected it, but it was infected before the capture")
    return problems

def main():
    ww, gen = sys.argv[1], sys.argv[2]
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for seed in (1, 2, 3):
            problems = check(ww, gen, tmp, seed)
            if problems:
                print(f"FAIL propagation --seed {seed}: " + "; ".join(problems))
                failed += 1
            else:
                print(f"ok   propagation --seed {seed}")
    return 1 if failed else 0

sys.exit(main())
