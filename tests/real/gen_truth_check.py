#!/usr/bin/env python3
"""Analyze captures made by wwgen and hold every truth row: the expected verdict
for each host named in the truth file, nobody else flagged, and every infected
host alerted after at most 5 first contacts (issue 8: counted from the start of its scanning).
Usage: gen_truth_check.py WORMWATCH WWGEN"""
import json, os, subprocess, sys, tempfile

FLAGGED = {"infected", "scanner"}
CASES = [
    ("office", ["--seed", "1"], []),
    ("office", ["--seed", "2"], []),
    ("office", ["--seed", "3", "--link", "vlan"], []),
    ("office", ["--seed", "4", "--link", "qinq", "--pcapng"], []),
    ("office", ["--seed", "5", "--link", "sll"], []),
    ("office", ["--seed", "6", "--link", "sll2"], []),
    ("office", ["--seed", "7", "--link", "raw"], []),
    ("office", ["--seed", "8", "--link", "null"], []),
    ("portscan", ["--seed", "1"], []),
    ("hscan", ["--seed", "1"], []),
    ("hscan", ["--seed", "2", "--link", "sll", "--pcapng"], []),
    ("sweep6", ["--seed", "1"], ["--home-net", "2001:db8:1::/64"]),
    ("bench", ["--seed", "1", "--packets", "300000", "--dests", "150000"], []),
    ("propagation", ["--seed", "1"], []),
    ("propagation", ["--seed", "2", "--link", "vlan"], []),
    ("propagation", ["--seed", "3", "--link", "sll2", "--pcapng"], []),
    ("propagation", ["--seed", "4", "--link", "raw"], []),
    ("exploits", ["--seed", "1"], []),
    ("exploits", ["--seed", "2", "--link", "null", "--pcapng"], []),
    ("exploits", ["--seed", "3", "--link", "qinq"], []),
]

def main():
    ww, gen = sys.argv[1], sys.argv[2]
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for scen, gargs, aargs in CASES:
            cap, truth = os.path.join(tmp, "c.pcap"), os.path.join(tmp, "t.tsv")
            subprocess.run([gen, scen, *gargs, "-o", cap, "--truth", truth], check=True)
            p = subprocess.run([ww, "analyze", "--json", *aargs, cap], capture_output=True, text=True)
            name = f"{scen} {' '.join(gargs)}"
            if p.returncode >= 64:
                print(f"FAIL {name}: exit {p.returncode}: {p.stderr.strip()}")
                failed += 1
                continue
            hosts = {h["addr"]: h for h in json.loads(p.stdout)["hosts"]}
            expected = {}
            for line in open(truth):
                if line.startswith("#") or not line.strip():
                    continue
                addr, expect = line.split("\t")[:2]
                expected[addr] = expect
            problems = []
            for addr, expect in expected.items():
                got = hosts.get(addr, {}).get("verdict", "normal")
                if got != expect:
                    problems.append(f"{addr} expected {expect}, got {got}")
                elif expect == "infected" and hosts[addr]["attempts_to_alert"] > 5:
                    problems.append(f"{addr} alerted after {hosts[addr]['attempts_to_alert']} attempts (> 5)")
            for addr, h in hosts.items():
                if addr not in expected and h["verdict"] in FLAGGED:
                    problems.append(f"{addr} flagged {h['verdict']} but not in the truth file")
            want_exit = 3 if "infected" in expected.values() else 1 if FLAGGED & set(expected.values()) else 0
            if p.returncode != want_exit:
                problems.append(f"exit {p.returncode}, expected {want_exit}")
            if problems:
                print(f"FAIL {name}: " + "; ".join(problems))
                failed += 1
            else:
                print(f"ok   {name}: " + ", ".join(f"{a}={hosts.get(a, {}).get('verdict', 'normal')}" for a in expected))
                passed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0

sys.exit(main())
