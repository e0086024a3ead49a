#!/usr/bin/env python3
"""words.next_steps: every host finding has its step in "What to do next".

1. Static: every rule that makes a host finding (ww_host_finding() in
   src/host and src/offline) gives it a step in the same function
   (ww_finding_step, or a helper that writes steps: culprit_steps,
   ww_host_cmd_word). A new finding kind without a step fails here.
2. Dynamic: `wormwatch host --json` on every fixture folder in tests/host:
   each finding has at least one step, and each of its steps is in the
   report's next_steps; S1's RunServices value and HOSTS restore are
   there by name.
usage: next_steps.py WORMWATCH SOURCE_DIR
"""
import glob, json, os, re, subprocess, sys

ww, src = sys.argv[1], sys.argv[2]
fail = 0

def bad(msg):
    global fail
    fail = 1
    print("FAIL " + msg)

STEP = re.compile(r'\b(ww_finding_step|culprit_steps|ww_host_cmd_word)\s*\(')
for path in sorted(glob.glob(os.path.join(src, 'src/host/*.c')) +
                   glob.glob(os.path.join(src, 'src/offline/*.c'))):
    text = open(path, encoding='utf-8').read()
    for m in re.finditer(r'\bww_host_finding\s*\(', text):
        # skip the definition and declarations
        line_start = text.rfind('\n', 0, m.start()) + 1
        if re.match(r'\s*struct ww_finding \*ww_host_finding', text[line_start:]):
            continue
        end = text.find('\n}\n', m.end())
        body = text[m.end():end if end >= 0 else len(text)]
        lineno = text.count('\n', 0, m.start()) + 1
        rel = os.path.relpath(path, src)
        # a finding begun in a visitor (r->f = ...) and finished by its caller
        lhs = re.search(r'(\w+)\s*=\s*$', text[line_start:m.start()])
        later = lhs and re.search(r'ww_finding_step\([^,]+,\s*\w+(\.|->)%s\b' % lhs.group(1), text)
        if STEP.search(body) or later:
            print("ok   %s:%d: the finding made here gets a step" % (rel, lineno))
        else:
            bad("%s:%d: a finding made here gets no step" % (rel, lineno))

cases = sorted(d for d in glob.glob(os.path.join(src, 'tests/host/*')) if os.path.isdir(d)
               and os.path.basename(d) not in ('golden', 'src', 'network', 'user-indicators'))
seen = 0
for d in cases:
    name = os.path.basename(d)
    p = subprocess.run([ww, 'host', '--json', d], capture_output=True, env=dict(os.environ, LANG='C', LC_ALL='C'))
    if p.returncode not in (0, 1, 2, 3):
        bad("%s: exit %d: %s" % (name, p.returncode, p.stderr.decode(errors='replace')[:200]))
        continue
    r = json.loads(p.stdout)
    overall = r.get('next_steps', [])
    for i, f in enumerate(r.get('findings', [])):
        seen += 1
        steps = f.get('next_steps', [])
        if not steps:
            bad("%s: finding %d (%s) has no step" % (name, i, f.get('title', '')[:60]))
            continue
        missing = [s for s in steps if s not in overall]
        if missing:
            bad("%s: finding %d (%s): step not in What to do next: %s" %
                (name, i, f.get('title', '')[:60], missing[0][:80]))
        else:
            print("ok   %s: finding %d has its %d step(s) in What to do next" % (name, i, len(steps)))
    if len(set(overall)) != len(overall):
        bad("%s: a step is listed twice in What to do next" % name)

# S1 by name: the two Run keys and the HOSTS restore
p = subprocess.run([ww, 'host', os.path.join(src, 'tests/host/s1')], capture_output=True,
                   env=dict(os.environ, LANG='C', LC_ALL='C'))
text = p.stdout.decode()
todo = text[text.find('What to do next:'):]
for want in ['CurrentVersion\\Run" /v "Video Process"', 'CurrentVersion\\RunServices" /v "Video Process"',
             'restore the HOSTS file']:
    if want in todo:
        print("ok   s1: What to do next has: %s" % want)
    else:
        bad("s1: What to do next lacks: %s" % want)
if seen < 10:
    bad("only %d findings seen across the fixtures" % seen)
print("next_steps: %s" % ("FAILED" if fail else "passed"))
sys.exit(fail)
