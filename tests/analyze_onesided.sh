#!/usr/bin/env bash
# A capture of one direction only (what leaves the LAN, as a mirror port
# set to one side would show): wwgen's office capture cut down with
# tcpdump to the packets from the LAN to outside. wormwatch must warn that
# the capture looks one-sided, keep the worms infected and the BitTorrent
# user p2p by the shape of their traffic, and flag nobody else (without the
# rule every web-browsing PC became a "scanner": nothing it sent was
# answered). The full capture must not carry the warning.
# Usage: analyze_onesided.sh WORMWATCH WWGEN
set -euo pipefail
ww=$1 gen=$2
command -v tcpdump >/dev/null || { echo "SKIP: tcpdump is needed (scripts/install-deps.sh)"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export WORMWATCH_HASH_SEED=7 TZ=UTC
"$gen" office --seed 3 -o "$tmp/full.pcap" --truth "$tmp/truth.tsv"
tcpdump -r "$tmp/full.pcap" -w "$tmp/out.pcap" 'src net 192.168.0.0/16 and not dst net 192.168.0.0/16' 2>/dev/null
"$ww" analyze --json "$tmp/out.pcap" >"$tmp/out.json" || true
"$ww" analyze --json "$tmp/full.pcap" >"$tmp/full.json" || true
python3 - "$tmp/truth.tsv" "$tmp/out.json" "$tmp/full.json" <<'PY'
import json, sys
truth = {}
for line in open(sys.argv[1]):
    if line.startswith('#') or not line.strip():
        continue
    addr, expect = line.split('\t')[:2]
    truth[addr] = expect
out = json.load(open(sys.argv[2]))
full = json.load(open(sys.argv[3]))
fail = 0
def one_sided(rep):
    return any('one direction only' in w for w in rep['warnings'])
if not one_sided(out):
    print('FAIL one-sided capture: no warning'); fail = 1
if one_sided(full):
    print('FAIL full capture: warned as one-sided'); fail = 1
got = {h['addr']: h['verdict'] for h in out['hosts']}
for addr, expect in sorted(truth.items()):
    verdict = got.get(addr, 'normal')
    want = expect if expect in ('infected', 'p2p') else 'normal'
    ok = verdict == want
    print(('ok  ' if ok else 'FAIL') + ' %s expect=%s got=%s' % (addr, want, verdict))
    fail |= not ok
if len([a for a in truth if truth[a] in ('infected', 'p2p')]) < 3:
    print('FAIL the truth file lost its worms'); fail = 1
sys.exit(fail)
PY
