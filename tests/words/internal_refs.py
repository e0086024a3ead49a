#!/usr/bin/env python3
"""words.internal_refs: nothing a user reads names the project's own
material ("seeds/000", "S1", "SCENARIOS", "../shared/"): the string literals
of the sources (comments may keep them), every file under data/, the
Windows collection script and the completions, and the reports of the host
fixtures. usage: internal_refs.py WORMWATCH SOURCE_DIR"""
import glob, os, re, subprocess, sys

ww, src = sys.argv[1], sys.argv[2]
INTERNAL = re.compile(r'seeds/|SCENARIOS|shared/|\bS[1-5]\b(?![-_.])')
fail = 0

def literals(text):
    """the string literals of C source, comments and character constants skipped"""
    i, n, out = 0, len(text), []
    while i < n:
        c = text[i]
        if text.startswith('/*', i):
            j = text.find('*/', i + 2); i = n if j < 0 else j + 2
        elif text.startswith('//', i):
            j = text.find('\n', i); i = n if j < 0 else j
        elif c == "'":
            j = i + 1
            while j < n and text[j] != "'":
                j += 2 if text[j] == '\\' else 1
            i = j + 1
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == '\\' else 1
            out.append((text.count('\n', 0, i) + 1, text[i + 1:j]))
            i = j + 1
        else:
            i += 1
    return out

checked = 0
for path in sorted(glob.glob(os.path.join(src, 'src/**/*.[ch]'), recursive=True)):
    text = open(path, encoding='utf-8', errors='replace').read()
    for line, lit in literals(text):
        checked += 1
        if INTERNAL.search(lit):
            print('FAIL %s:%d: "%s"' % (os.path.relpath(path, src), line, lit[:80])); fail = 1
files = [p for p in glob.glob(os.path.join(src, 'data/**/*'), recursive=True) if os.path.isfile(p)]
files += [os.path.join(src, 'scripts/collect-windows.cmd')] + glob.glob(os.path.join(src, 'dist/*'))
files += glob.glob(os.path.join(src, 'po/*.po'))
for path in files:
    for k, l in enumerate(open(path, encoding='utf-8', errors='replace'), 1):
        if l.lstrip().startswith('#:'):  # a .po file's source references
            continue
        if INTERNAL.search(l):
            print('FAIL %s:%d: %s' % (os.path.relpath(path, src), k, l.strip()[:100])); fail = 1
    checked += 1
print('ok   %d string literals and data files scanned' % checked)
for case in ('s1', 's2', 's3', 'extra'):
    p = subprocess.run([ww, 'host', os.path.join(src, 'tests/host', case)], capture_output=True,
                       env=dict(os.environ, LANG='C', LC_ALL='C'))
    out = p.stdout.decode(errors='replace').replace(os.path.join(src, 'tests/host', case), '')
    out = out.replace('tests/host/' + case, '')
    m = INTERNAL.search(out)
    if m:
        print('FAIL host %s report names "%s"' % (case, m.group(0))); fail = 1
    elif 'source: ' not in out and '出典' not in out and case != 's2':
        print('FAIL host %s report cites no source at all' % case); fail = 1
    else:
        print('ok   host %s report: public sources only' % case)
# the report cites what a reader can look up
p = subprocess.run([ww, 'host', os.path.join(src, 'tests/host/s3')], capture_output=True,
                   env=dict(os.environ, LANG='C', LC_ALL='C'))
if b'KB962007' in p.stdout:
    print('ok   s3 cites Microsoft KB962007')
else:
    print('FAIL s3 does not cite KB962007'); fail = 1
print('internal_refs: %s' % ('FAILED' if fail else 'passed'))
sys.exit(fail)
