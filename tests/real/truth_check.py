#!/usr/bin/env python3
"""Run every capture row of ../shared/data/TRUTH.tsv through `wormwatch analyze --json`
and check the expected verdict. Usage: truth_check.py WORMWATCH SHARED_DATA_DIR [prefix]
Exit 77 (skip) when the shared data is absent."""
import json, os, subprocess, sys

FLAGGED = {"infected", "scanner"}

def main():
    ww, data = sys.argv[1], sys.argv[2]
    prefix = sys.argv[3] if len(sys.argv) > 3 else "captures/"
    cmd = sys.argv[4] if len(sys.argv) > 4 else "analyze"
    truth = os.path.join(data, "TRUTH.tsv")
    if not os.path.exists(truth):
        print(f"SKIP: {truth} not found (needs ../shared/data)")
        return 77
    passed = failed = 0
    cache = {}
    for line in open(truth, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        f, home, host, expect, why = line.rstrip("\n").split("\t")[:5]
        if not f.startswith(prefix):
            continue
        args = [ww, cmd, "--json"]
        if home != "-":
            args += ["--home-net", home]
        args.append(os.path.join(data, f))
        key = tuple(args)
        if key not in cache:
            p = subprocess.run(args, capture_output=True, text=True)
            if p.returncode >= 64:
                cache[key] = (p.returncode, None, p.stderr.strip())
            else:
                cache[key] = (p.returncode, json.loads(p.stdout), "")
        rc, doc, err = cache[key]
        if doc is None:
            ok, got = False, f"exit {rc}: {err}"
        else:
            verdicts = {h["addr"]: h["verdict"] for h in doc["hosts"]}
            if host == "*":
                bad = {a: v for a, v in verdicts.items() if v in FLAGGED}
                ok, got = not bad, f"flagged {bad}" if bad else "none flagged"
            else:
                v = verdicts.get(host, "normal")
                got = v
                if expect == "flagged":
                    ok = v in FLAGGED
                elif expect == "not-flagged":
                    ok = v not in FLAGGED
                else:
                    ok = v == expect
        status = "ok  " if ok else "FAIL"
        print(f"{status} {f} {host} expect={expect} got={got}")
        passed += ok
        failed += not ok
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0

sys.exit(main())
