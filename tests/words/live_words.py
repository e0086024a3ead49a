#!/usr/bin/env python3
"""words.live_page: the live page's words (src/live/words.c) and the page
(src/live/assets/) agree: every text of index.html marked data-t and every
t('...') literal of app.js is in the table (so it is in the catalogue and
translated), no table entry is unused, and no text of index.html that a
person reads is left unmarked. With the ja catalogue built, every entry
has a Japanese translation (msgunfmt of the .mo).
Usage: live_words.py SRCDIR [BUILDDIR]"""
import html.parser, os, re, subprocess, sys

src = sys.argv[1]
build = sys.argv[2] if len(sys.argv) > 2 else None
words_c = open(os.path.join(src, "src/live/words.c"), encoding="utf-8").read()
start = words_c.index("page_words[] = {")
table_part = words_c[start:words_c.index("\n};", start)]
table = re.findall(r'N_\("((?:[^"\\]|\\.)*)"\)', table_part)
page = open(os.path.join(src, "src/live/assets/index.html"), encoding="utf-8").read()
js = open(os.path.join(src, "src/live/assets/app.js"), encoding="utf-8").read()


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.marked, self.unmarked = [], [], []

    def handle_starttag(self, tag, attrs):
        self.stack.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, d):
        d = d.strip()
        if not d or not self.stack:
            return
        tag, attrs = self.stack[-1]
        if "data-t" in attrs:
            self.marked.append(d)
        elif tag not in ("title", "script", "style") and re.search(r"[A-Za-z]{2}", d) \
                and not (tag == "h1" or (tag == "span" and attrs.get("id") == "cmd")):
            self.unmarked.append(d)


p = Page()
p.feed(page)
used = p.marked + re.findall(r"\bt\('((?:[^'\\]|\\.)*)'", js)
fail = 0
for w in sorted(set(used)):
    if w not in table:
        print("FAIL the page uses %r, not in src/live/words.c" % w)
        fail = 1
for w in table:
    if w not in used:
        print("FAIL src/live/words.c has %r, which the page never uses" % w)
        fail = 1
for w in p.unmarked:
    print("FAIL index.html shows %r without data-t (it would stay English)" % w)
    fail = 1
print("%d words in the table, %d uses in the page" % (len(table), len(used)))
mo = os.path.join(build, "locale", "ja", "LC_MESSAGES", "wormwatch.mo") if build else ""
if mo and os.path.exists(mo):
    po = subprocess.run(["msgunfmt", mo], capture_output=True, text=True).stdout
    have = set()
    for m in re.finditer(r'msgid ((?:"(?:[^"\\]|\\.)*"\s*)+)msgstr ((?:"(?:[^"\\]|\\.)*"\s*)+)', po):
        k = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1)))
        v = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(2)))
        if v:
            have.add(k)
    missing = [w for w in table if w not in have]
    for w in missing:
        print("FAIL no Japanese for the page's %r" % w)
    fail |= bool(missing)
    print("the ja catalogue translates all %d" % (len(table) - len(missing)))
else:
    print("(no built ja catalogue: translations not checked here; words.catalogue does)")
sys.exit(fail)
