#!/usr/bin/env bash
# Captures of one direction only (what leaves the LAN, as a mirror port
# set to one side would show): wwgen's office and hscan captures cut down
# with tcpdump to the packets from the LAN to outside. wormwatch must warn
# that each looks one-sided and still get every truth row by the shape of
# the traffic: the worms infected, the BitTorrent user p2p, the horizontal
# scanner a scanner, nobody else flagged (without the rule every browsing
# PC became a "scanner", and a scanner on a non-worm port was only found
# through its failures). The full captures must not carry the warning.
# Usage: analyze_onesided.sh WORMWATCH WWGEN
set -euo pipefail
ww=$1 gen=$2
command -v tcpdump >/dev/null || { echo "SKIP: tcpdump is needed (scripts/install-deps.sh)"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export WORMWATCH_HASH_SEED=7 TZ=UTC
fail=0
for case in "office 192.168.0.0/16" "hscan 10.0.0.0/8"; do
  set -- $case
  name=$1 lan=$2
  "$gen" "$name" --seed 3 -o "$tmp/$name.pcap" --truth "$tmp/$name.tsv"
  tcpdump -r "$tmp/$name.pcap" -w "$tmp/$name-out.pcap" "src net $lan and not dst net $lan" 2>/dev/null
  "$ww" analyze --json "$tmp/$name-out.pcap" >"$tmp/$name-out.json" || true
  "$ww" analyze --json "$tmp/$name.pcap" >"$tmp/$name.json" || true
  python3 - "$name" "$tmp/$name.tsv" "$tmp/$name-out.json" "$tmp/$name.json" <<'PY' || fail=1
import json, sys
name, truth_file, out_file, full_file = sys.argv[1:5]
truth = {}
for line in open(truth_file):
    if line.startswith('#') or not line.strip():
        continue
    addr, expect = line.split('\t')[:2]
    truth[addr] = expect
fail = 0
def one_sided(rep):
    return any('one direction only' in w for w in rep['warnings'])
out, full = json.load(open(out_file)), json.load(open(full_file))
if not one_sided(out):
    print('FAIL %s one-sided capture: no warning' % name); fail = 1
if one_sided(full):
    print('FAIL %s full capture: warned as one-sided' % name); fail = 1
for label, rep in (('one-sided', out), ('full', full)):
    got = {h['addr']: h['verdict'] for h in rep['hosts']}
    for addr, expect in sorted(truth.items()):
        verdict = got.get(addr, 'normal')
        want = expect if expect in ('infected', 'p2p', 'scanner') else 'normal'
        ok = verdict == want
        print(('ok  ' if ok else 'FAIL') + ' %s %s %s expect=%s got=%s' % (name, label, addr, want, verdict))
        fail |= not ok
if not any(e in ('infected', 'p2p', 'scanner') for e in truth.values()):
    print('FAIL %s: the truth file names nobody to find' % name); fail = 1
sys.exit(fail)
PY
done
exit $fail
