#!/usr/bin/env python3
"""words.doc_links: the links of README.md and docs/*.md work, and the
README's examples name files that exist.

- every relative link [text](path) and [text](path#anchor) points at a file
  or folder of the checkout, and the anchor at a heading of the target
  (GitHub's rule: lower case, punctuation dropped, spaces to hyphens);
- every path the README's commands read (tests/..., data/..., scripts/...,
  docs/..., build/<preset>/demo/...) exists in the checkout, or is made by
  the build (build/<preset>/demo/*.pcap, checked in the given build tree);
- the exit statuses are stated once: docs/formats.md has the table, and it
  lists every status of src/core/result.h.
usage: doc_links.py SOURCE_DIR BUILD_DIR
"""
import glob, os, re, sys

src, build = sys.argv[1], sys.argv[2]
fail = 0

def bad(msg):
    global fail
    fail = 1
    print('FAIL ' + msg)

def slug(h):
    h = re.sub(r'`', '', h.strip().lower())
    h = re.sub(r'[^\w\- ]', '', h, flags=re.UNICODE)
    return h.replace(' ', '-')

def anchors(path):
    out, seen, fence = set(), {}, False
    for line in open(path, encoding='utf-8'):
        if line.startswith('```'):
            fence = not fence
        if fence:
            continue
        m = re.match(r'#{1,6}\s+(.*?)\s*#*\s*$', line)
        if m:
            s = slug(m.group(1))
            n = seen.get(s, 0)
            seen[s] = n + 1
            out.add(s if n == 0 else '%s-%d' % (s, n))
        for a in re.findall(r'<a (?:name|id)="([^"]+)"', line):
            out.add(a)
    return out

docs = [os.path.join(src, 'README.md')] + sorted(glob.glob(os.path.join(src, 'docs/*.md')))
links = 0
for doc in docs:
    text = open(doc, encoding='utf-8').read()
    # links outside code: drop fenced blocks and inline code
    body = re.sub(r'```.*?```', '', text, flags=re.S)
    body = re.sub(r'`[^`\n]*`', '', body)
    for m in re.finditer(r'\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)', body):
        target = m.group(1)
        if re.match(r'[a-z]+:', target):
            continue
        links += 1
        path, _, anchor = target.partition('#')
        # docs/readme-*.md are sections for the README: their links are the README's
        base = src if os.path.basename(doc).startswith('readme-') else os.path.dirname(doc)
        full = os.path.normpath(os.path.join(base, path)) if path else doc
        rel = os.path.relpath(doc, src)
        if not os.path.exists(full):
            bad('%s: link to %s: no such file' % (rel, target))
            continue
        if anchor and full.endswith('.md') and anchor not in anchors(full):
            bad('%s: link to %s: no heading "%s" there' % (rel, target, anchor))
print('ok   %d relative links checked in %d files' % (links, len(docs)))

# the README's example commands: the files they read
readme = open(os.path.join(src, 'README.md'), encoding='utf-8').read()
blocks = re.findall(r'```[a-z]*\n(.*?)```', readme, flags=re.S)
paths = set()
for b in blocks:
    for line in b.splitlines():
        if not line.startswith('$ ') and not line.startswith('wormwatch') and \
           not line.startswith('cmake') and not line.startswith('sudo ') and not line.startswith('# '):
            continue
        for w in re.findall(r'(?<![\w/.-])((?:tests|data|scripts|docs|dist|tools|build/[a-z]+/demo)/[\w./+-]+)', line):
            paths.add(w.rstrip('.,;:)'))
examples = 0
for p in sorted(paths):
    examples += 1
    m = re.match(r'build/[a-z]+/demo/(.*)', p)
    if m:
        if not os.path.exists(os.path.join(build, 'demo', m.group(1))):
            bad('README example reads %s: the build does not make demo/%s' % (p, m.group(1)))
        continue
    if not os.path.exists(os.path.join(src, p)):
        bad('README example reads %s: not in the checkout' % p)
# every file a `$ ...` line of the README reads: in the checkout, made by the
# build, written by an earlier line (> FILE, -o FILE, make_fixtures.py DIR)
made, fxdirs = set(), set()
FILEISH = re.compile(r'^[\w./*+-]+\.(pcap|pcapng|txt|log|reg|csv|json|tsv|jsonl|nft|gz)$')
for b in blocks:
    for line in b.splitlines():
        if not (line.startswith('$ ') or line.startswith('# wormwatch')):
            continue
        words = line[2:].split('#')[0].replace('&&', ' ').split()
        for i, w in enumerate(words):
            prev = words[i - 1] if i else ''
            if w.startswith('>') or prev in ('>', '-o', '-w', '--json-out', '--flows') or prev.startswith('>') \
                    or ('split_pcap.py' in line and i >= len(words) - 2):
                made.add(w.lstrip('>'))
                continue
            if 'make_fixtures.py' in prev:
                fxdirs.add(w.rstrip('/'))
                continue
            if not FILEISH.match(w) or w.startswith('/'):
                continue
            examples += 1
            if w in made:
                continue
            d = w.split('/')[0]
            if d in fxdirs:
                continue
            m = re.match(r'build/[a-z]+/demo/(.*)', w)
            if m:
                if not os.path.exists(os.path.join(build, 'demo', m.group(1))):
                    bad('README example reads %s: the build does not make it' % w)
                continue
            if not glob.glob(os.path.join(src, w)):
                bad('README example "%s" reads %s: not in the checkout, not made before' % (line[:60], w))
print('ok   %d example paths of the README checked' % examples)

# one statement of the exit statuses
fmt = open(os.path.join(src, 'docs/formats.md'), encoding='utf-8').read()
sec = re.search(r'^## Exit status\n(.*?)(?=^## |\Z)', fmt, flags=re.S | re.M)
if not sec:
    bad('docs/formats.md has no "## Exit status" section')
else:
    res = open(os.path.join(src, 'src/core/result.h'), encoding='utf-8').read()
    codes = re.findall(r'WW_EXIT_\w+\s*=\s*(\d+)', res)
    for c in codes:
        if not re.search(r'^\|\s*%s\s*\|' % c, sec.group(1), flags=re.M):
            bad('docs/formats.md exit-status table lacks %s (src/core/result.h)' % c)
    print('ok   docs/formats.md lists the %d statuses of result.h' % len(codes))
    if 'docs/formats.md#exit-status' not in readme:
        bad('README.md does not point at docs/formats.md#exit-status')
    # the README states no second table: no "Exit status:" sentence of its own
    for m in re.finditer(r'Exit status[,:]([^\n]*\n){0,3}', readme):
        if 'formats.md#exit-status' not in m.group(0):
            bad('README.md states the exit statuses itself: "%s"' % m.group(0).strip()[:80])
print('doc_links: %s' % ('FAILED' if fail else 'passed'))
sys.exit(fail)
