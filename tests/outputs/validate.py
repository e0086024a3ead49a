#!/usr/bin/python3
"""Validate JSON documents (a .json file: one document; a .jsonl file: a
document per line) against docs/schema/wormwatch.schema.json (draft
2020-12, Debian's python3-jsonschema). Used by the tests that produce a
JSON output outside tests/outputs (the cluster's `results --json`).
Exit 0 all valid, 1 some invalid (each named), 77 without jsonschema.
usage: validate.py SCHEMA FILE..."""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("skip: python3-jsonschema is not installed")
    sys.exit(77)


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 64
    schema = json.load(open(sys.argv[1]))
    jsonschema.Draft202012Validator.check_schema(schema)
    v = jsonschema.Draft202012Validator(schema)
    bad = 0
    for f in sys.argv[2:]:
        if f.endswith(".jsonl"):
            items = [json.loads(l) for l in open(f) if l.strip()]
        else:
            items = [json.load(open(f))]
        if not items:
            print("FAIL %s: no document" % f)
            bad += 1
        for i, d in enumerate(items):
            errs = list(v.iter_errors(d))
            if d.get("schema") != 1:
                print("FAIL %s item %d: no \"schema\": 1" % (f, i + 1))
                bad += 1
            elif errs:
                e = jsonschema.exceptions.best_match(errs)
                print("FAIL %s item %d: %s at /%s" % (f, i + 1, e.message[:200],
                                                     "/".join(map(str, e.absolute_path))))
                bad += 1
        if not bad:
            print("ok   %s: %d item(s) valid against the schema" % (f, len(items)))
    return 1 if bad else 0


sys.exit(main())
