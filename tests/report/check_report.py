#!/usr/bin/env python3
"""wormwatch report, end to end in a real browser. Builds the results with
the real subcommands, writes the report, and loads it in headless Chromium
with the network cut off (a network namespace of its own when `unshare -rn`
works, and always a dead proxy and resolver):
  --dump-dom      the DOM holds the five steps, every culprit, the charts'
                  drawn <canvas> (or <svg>) elements and the propagation graph;
  --screenshot    the PNG is not blank (decoded here: many colours, ink);
  --print-to-pdf  pdftotext of the PDF names the culprits and the five steps.
Modes:
  demo     the generated office capture and propagation capture, the S1
           NAT table and its watch samples, the S1 host outputs attached to
           192.168.1.23, and hand-written verify/contain results (their
           commands are built in parallel; see docs/html-report.md)
  shared   real captures and host outputs from ../shared/data (77 if absent)
  svg      the demo inputs with Chart.js missing: a warning, SVG charts
  hostile  a crafted capture, HOSTS file and JSON full of markup: all of it
           shown as text, no element injected, the title untouched
  ja       the office capture and the S1 host outputs judged and reported
           under LANG=ja_JP.UTF-8: <html lang="ja">, the five steps and the
           verdicts' reasons in Japanese in the DOM and in the PDF's text
           (77 without the ja_JP.UTF-8 locale or a Japanese font)
Usage: check_report.py MODE WORMWATCH WWGEN DEMO_PCAP ROUTER_FX SRCDIR SHARED"""
import html.parser, os, shutil, struct, subprocess, sys, tempfile, zlib

MODE, WW, GEN, DEMO, RFX, SRC, SHARED = sys.argv[1:8]
HERE = os.path.join(SRC, "tests", "report")
FAIL = []


def fail(msg):
    FAIL.append(msg)
    print("FAIL: " + msg)


def run(args, ok=(0, 1, 2, 3), env=None, stdout=None):
    if stdout is None:
        p = subprocess.run(args, capture_output=True, text=True, env=env, timeout=300)
    else:
        p = subprocess.run(args, stdout=stdout, stderr=subprocess.PIPE, text=True, env=env,
                           timeout=300)
    if p.returncode not in ok:
        sys.exit("command failed (%d): %s\n%s" % (p.returncode, " ".join(args), p.stderr))
    return p


def result(tmp, name, args, env=None):
    """Run a subcommand with --json, keep its JSON in tmp/name."""
    path = os.path.join(tmp, name)
    with open(path, "w") as f:
        run([WW] + args, stdout=f, env=env or dict(os.environ, TZ="UTC"))
    return path


# ---- the browser ----

def chromium_bin():
    for b in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(b):
            return shutil.which(b)
    return None


def netns_prefix():
    try:
        if subprocess.run(["unshare", "-rn", "true"], capture_output=True, timeout=10).returncode == 0:
            return ["unshare", "-rn"]
    except (OSError, subprocess.TimeoutExpired):
        pass
    return []


def browse(page, what, out=None):
    prof = tempfile.mkdtemp(prefix="wwreport-chrome-")
    try:
        args = netns_prefix() + [chromium_bin(), "--headless", "--no-sandbox", "--disable-gpu",
                                 "--disable-quic", "--no-first-run", "--disable-background-networking",
                                 "--disable-component-update", "--disable-sync",
                                 "--user-data-dir=" + prof, "--proxy-server=http://127.0.0.1:9",
                                 "--host-resolver-rules=MAP * ~NOTFOUND", "--window-size=1000,2400"]
        if what == "dom":
            args += ["--dump-dom"]
        elif what == "png":
            args += ["--screenshot=" + out, "--hide-scrollbars"]
        else:
            args += ["--print-to-pdf=" + out, "--no-pdf-header-footer"]
        p = subprocess.run(args + ["file://" + page], capture_output=True, text=True, timeout=180)
        if p.returncode != 0:
            sys.exit("chromium %s failed (%d): %s" % (what, p.returncode, p.stderr[-2000:]))
        return p.stdout
    finally:
        shutil.rmtree(prof, ignore_errors=True)


class Dom(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elems = []       # (tag, attrs dict, stack of ids/classes above)
        self.stack = []
        self.text = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.elems.append((tag, a, list(self.stack)))
        if tag not in ("br", "img", "meta", "link", "input", "hr", "rect", "line", "path",
                       "polygon", "ellipse", "text", "title", "g"):
            self.stack.append((tag, a.get("id", ""), a.get("class", "")))
        if tag == "title" and not any(t == "svg" for t, _, _ in self.stack):
            self._in_title = True

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break
        if tag == "title":
            self._in_title = False

    def handle_data(self, d):
        self.text.append(d)
        if self._in_title:
            self.title += d

    def inside(self, tag, id_):
        return [e for e in self.elems if e[0] == tag and any(s[1] == id_ for s in e[2])]


def dom_of(page):
    d = Dom()
    d.feed(browse(page, "dom"))
    d.alltext = "".join(d.text)
    return d


def png_pixels(path):
    """Decode an 8-bit RGB/RGBA PNG (what Chromium writes) into rows of pixels."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit("screenshot is not a PNG")
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, typ = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if typ == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
            if depth != 8 or ctype not in (2, 6):
                sys.exit("unexpected PNG type %d/%d" % (depth, ctype))
            bpp = 3 if ctype == 2 else 4
        elif typ == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    prev = bytearray(stride)
    rows = []
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return rows, w, h, bpp


def check_screenshot(page, tmp):
    png = os.path.join(tmp, "page.png")
    browse(page, "png", png)
    rows, w, h, bpp = png_pixels(png)
    colours, ink = set(), 0
    for y in range(0, h, 2):
        r = rows[y]
        for x in range(0, w, 2):
            px = r[x * bpp:x * bpp + 3]
            colours.add(px)
            if px != b"\xff\xff\xff":
                ink += 1
    total = ((h + 1) // 2) * ((w + 1) // 2)
    print("screenshot: %dx%d, %d colours, %.1f%% ink" % (w, h, len(colours), 100.0 * ink / total))
    if len(colours) < 20:
        fail("screenshot nearly blank: %d colours" % len(colours))
    if ink < total // 50:
        fail("screenshot nearly blank: %.2f%% non-white" % (100.0 * ink / total))


def check_pdf(page, tmp, words):
    pdf = os.path.join(tmp, "page.pdf")
    browse(page, "pdf", pdf)
    txt = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True,
                         check=True).stdout
    flat = " ".join(txt.split())  # -layout may widen the space after "1."
    for w in words:
        if w not in txt and " ".join(w.split()) not in flat:
            fail("PDF text lacks %r" % w)
    print("pdf: %d bytes of text, %d words checked" % (len(txt), len(words)))
    return txt


STEPS = ["step-confirm", "step-contain", "step-analyse", "step-recover", "step-verify"]
STEP_WORDS = ["1. Confirm", "2. Contain", "3. Analyse", "4. Recover", "5. Verify"]


def check_common(dom, culprits, min_charts, svg_charts=False):
    ids = {a.get("id") for _, a, _ in dom.elems}
    for s in ["summary"] + STEPS + ["inputs"]:
        if s not in ids:
            fail("no section #%s" % s)
    order = [a.get("id") for t, a, _ in dom.elems if t == "section"]
    if order[:6] != ["summary"] + STEPS:
        fail("sections out of order: %s" % order)
    culprit_text = dom.alltext
    for c in culprits:
        if not any(t == "tr" and a.get("data-addr") == c for t, a, _ in dom.elems):
            fail("host %s not in the hosts table" % c)
        if c not in culprit_text:
            fail("culprit %s not in the page" % c)
    if svg_charts:
        charts = [a for t, a, _ in dom.elems if t == "svg" and a.get("class") == "chart"]
    else:
        charts = [a for t, a, _ in dom.elems if t == "canvas" and a.get("data-drawn") == "1"]
        undrawn = [a for t, a, _ in dom.elems if t == "canvas" and a.get("data-drawn") != "1"]
        if undrawn:
            fail("%d canvases were not drawn by Chart.js" % len(undrawn))
    if len(charts) < min_charts:
        fail("%d charts, want at least %d" % (len(charts), min_charts))
    for t, a, _ in dom.elems:
        for k in ("src", "href", "action", "data"):
            v = a.get(k) or ""
            if "://" in v and not v.startswith("http://www.w3.org/"):
                fail("a reference leaves the page: <%s %s=%r>" % (t, k, v))
    print("dom: %d elements, %d charts" % (len(dom.elems), len(charts)))


def demo_inputs(tmp):
    office = result(tmp, "office.json", ["analyze", "--json", DEMO])
    prop_pcap = os.path.join(tmp, "propagation.pcap")
    run([GEN, "propagation", "--seed", "1", "-o", prop_pcap], ok=(0,))
    prop = result(tmp, "propagation.json", ["analyze", "--json", prop_pcap])
    nat = result(tmp, "nat-s1.json", ["nat", "--json", "--max", "1024",
                                      os.path.join(RFX, "s1_proc.txt")])
    after = result(tmp, "nat-s1-after.json", ["nat", "--json", "--max", "1024",
                                              os.path.join(RFX, "s1_after_proc.txt")])
    watch = result(tmp, "nat-watch.json", ["nat", "--json", "--max", "1024", "--watch", "60"] +
                   [os.path.join(RFX, "watch_%02d.txt" % i) for i in range(10)])
    host = result(tmp, "host-s1.json", ["host", "--json", os.path.join(SRC, "tests", "host", "s1")])
    return [office, prop, nat, after, watch, "192.168.1.23=" + host,
            os.path.join(HERE, "contain_s1.json"), os.path.join(HERE, "verify_s1.json")]


def report(tmp, inputs, extra=(), env=None, name="report.html"):
    page = os.path.join(tmp, name)
    p = run([WW, "report", "-o", page] + list(extra) + inputs, ok=(0,), env=env)
    if p.stdout.strip() != page:
        fail("report printed %r, not the page's path" % p.stdout.strip())
    return page, p


def mode_demo(tmp, svg=False):
    env = dict(os.environ, TZ="UTC")
    if svg:
        env["WORMWATCH_CHARTJS"] = os.path.join(tmp, "no-such-chart.min.js")
    page, p = report(tmp, demo_inputs(tmp), ["--done", "192.168.1.23:patched,passwords"], env=env)
    if svg and "charts are drawn as plain SVG" not in p.stderr:
        fail("no warning without Chart.js: %r" % p.stderr)
    if not svg and p.stderr.strip():
        fail("unexpected messages: %r" % p.stderr)
    culprits = ["192.168.0.23", "192.168.0.47", "192.168.5.23", "192.168.5.50",
                "192.168.1.23", "192.168.1.37"]
    dom = dom_of(page)
    # office .23/.47, propagation .23/.50: 4 timelines; the table over time,
    # three host-share charts and the dumps side by side; verify: hosts, table
    check_common(dom, culprits, 11, svg_charts=svg)
    graph = dom.inside("svg", "propagation-graph")
    if not graph:
        fail("no propagation graph <svg>")
    gtext = "".join(dom.text)
    if "192.168.5.23 probably infected 192.168.5.50 on port 445" not in gtext:
        fail("propagation edge 192.168.5.23 -> 192.168.5.50 on 445 not listed")
    # the host triage under 192.168.1.23, the checklist, verify's answers
    for want in ["sysconf.exe", "Video Process", "clean, reconnect", "still spreading",
                 "1024 entries before, 40 after", "the table is full"]:
        if want not in gtext:
            fail("page lacks %r" % want)
    cl = [a for t, a, _ in dom.elems if t == "table" and a.get("data-addr") == "192.168.1.23"]
    if not cl:
        fail("no recovery checklist for 192.168.1.23")
    if not svg:
        check_screenshot(page, tmp)
        check_pdf(page, tmp, culprits + STEP_WORDS + ["sysconf.exe"])
    else:
        check_screenshot(page, tmp)


def mode_shared(tmp):
    data = os.path.join(SHARED, "data")
    blaster = os.path.join(data, "captures/chappell-ppa/blaster.pcap")
    trace = os.path.join(data, "captures/honeynet-fc2010/attack-trace.pcap")
    netstat = os.path.join(data, "artifacts/windows/windows__windows-10__netstat-aon.out")
    conntrack = os.path.join(data, "artifacts/linux/linux_nf_conntrack.txt")
    if not all(os.path.isfile(f) for f in (blaster, trace, netstat, conntrack)):
        print("skip: ../shared/data is absent")
        sys.exit(77)
    inputs = [
        result(tmp, "blaster.json", ["analyze", "--json", "--home-net", "10.234.0.0/16", blaster]),
        result(tmp, "trace.json", ["analyze", "--json", "--home-net",
                                   "98.114.205.102/32,192.150.11.111/32", trace]),
        result(tmp, "host-netstat.json", ["host", "--json", netstat]),
        result(tmp, "nat-conntrack.json", ["nat", "--json", conntrack]),
    ]
    page, _ = report(tmp, inputs)
    dom = dom_of(page)
    check_common(dom, ["10.234.0.239", "98.114.205.102"], 1)  # the conntrack shares
    text = dom.alltext
    if "ssms.exe" not in text:
        fail("the attack-trace command line (ssms.exe) is not shown")
    if "5 entries" not in text or "5 entries of" in text:
        fail("the real conntrack dump's 5 entries (size unknown) are not shown as such")
    if not dom.inside("svg", "propagation-graph"):
        fail("no propagation graph (98.114.205.102 attacked 192.150.11.111)")
    check_screenshot(page, tmp)
    check_pdf(page, tmp, ["10.234.0.239", "98.114.205.102"] + STEP_WORDS)


def mode_hostile(tmp):
    cap = os.path.join(tmp, "hostile.pcap")
    run([sys.executable, os.path.join(HERE, "hostile_pcap.py"), cap], ok=(0,))
    capjson = result(tmp, "hostile-capture.json", ["analyze", "--json", cap])
    d = os.path.join(tmp, "<svg onload=alert(3)>")
    os.makedirs(d)
    with open(os.path.join(d, "hosts"), "wb") as f:
        f.write(b"127.0.0.1 localhost\r\n127.0.0.1 <script>alert(4)</script>.symantec.com\r\n"
                b"127.0.0.1 \x1b[2J\xe2\x80\xa8.trendmicro.com\r\n")
    hostjson = result(tmp, "hostile-host.json", ["host", "--json", d])
    # two table dumps under hostile names: their names label a chart's data
    # inside a <script> element ("<!--<script>" there would bend the parser)
    nat = result(tmp, "<!--<script>a.json", ["nat", "--json", "--max", "1024",
                                             os.path.join(RFX, "s1_proc.txt")])
    nat2 = result(tmp, "x'\"><img src=y onerror=alert(6)>.json",
                  ["nat", "--json", "--max", "1024", os.path.join(RFX, "s1_after_proc.txt")])
    page, _ = report(tmp, [capjson, "10.0.0.5=" + hostjson, os.path.join(HERE, "hostile.json"),
                           nat, nat2], ["--title", "<i id=\"inj-t\">T</i>"])
    dom = dom_of(page)
    # timelines of 10.0.0.5 and 10.9.9.9, two host shares, the dumps side by side
    check_common(dom, ["10.0.0.5", "10.9.9.9", "10.9.9.8"], 5)
    if dom.title != '<i id="inj-t">T</i>':
        fail("document title changed: %r" % dom.title)
    for t, a, _ in dom.elems:
        if t in ("img", "iframe", "object", "embed", "b", "u", "i") or \
           (a.get("id") or "").startswith("inj-"):
            fail("injected element <%s %s>" % (t, a))
        for k in a:
            if k.startswith("on"):
                fail("event handler attribute on <%s>: %s" % (t, k))
        if t == "svg" and a.get("onload"):
            fail("injected svg")
    scripts = [a for t, a, _ in dom.elems if t == "script"]
    data = [a for a in scripts if a.get("type") == "application/json"]
    if len(scripts) != len(data) + 2:
        fail("%d <script> elements, want Chart.js + the drawing script + %d data" %
             (len(scripts), len(data)))
    text = dom.alltext
    for want in ["<script>alert(1)</script>", "</script><img src=x onerror=alert(2)>",
                 "<script>alert(4)</script>.symantec.com", "<svg onload=alert(3)>",
                 "</title></script><script>document.title='pwned'</script>",
                 "\\x1b[2J", "<!-- comment --> & &amp; &lt; ' \"", "\\N \\G \\l graphviz",
                 "<!--<script>a.json", "x'\"><img src=y onerror=alert(6)>.json"]:
        if want not in text:
            fail("hostile text not shown as text: %r" % want)
    raw = open(page, encoding="utf-8").read()
    if "\x1b" in raw:
        fail("a raw escape byte reached the page")
    # the edges: 10.0.0.5 attacked 10.0.0.9; 10.9.9.8 infected 10.9.9.9
    if "10.0.0.5 attacked 10.0.0.9 on port 4444" not in text or \
       "10.9.9.8 probably infected 10.9.9.9 on port 445" not in text:
        fail("propagation edges from the hostile inputs not listed")
    check_screenshot(page, tmp)


def mode_ja(tmp):
    locales = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.lower()
    if "ja_jp.utf8" not in locales and "ja_jp.utf-8" not in locales:
        print("skip: the ja_JP.UTF-8 locale is not generated here (scripts/install-deps.sh)")
        sys.exit(77)
    fonts = subprocess.run(["fc-list", ":lang=ja"], capture_output=True, text=True).stdout \
        if shutil.which("fc-list") else ""
    if not fonts.strip():
        print("skip: no Japanese font for Chromium (fonts-ipafont-gothic, scripts/install-deps.sh)")
        sys.exit(77)
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    env.update(LANG="ja_JP.UTF-8", TZ="UTC")
    office = result(tmp, "office-ja.json", ["analyze", "--json", DEMO], env)
    host = result(tmp, "host-s1-ja.json", ["host", "--json", os.path.join(SRC, "tests", "host", "s1")],
                  env)
    page, p = report(tmp, [office, "192.168.1.23=" + host], env=env, name="report-ja.html")
    if p.stderr.strip():
        fail("unexpected messages: %r" % p.stderr)
    dom = dom_of(page)
    if not any(t == "html" and a.get("lang") == "ja" for t, a, _ in dom.elems):
        fail('no <html lang="ja">')
    steps = ["1. 感染の確認", "2. 封じ込め", "3. 解析", "4. 復旧", "5. 検証と振り返り"]
    words = steps + ["感染拡大中", "192.168.0.23", "192.168.0.47"]
    for w in words:
        if w not in dom.alltext:
            fail("the page lacks %r" % w)
    for w in ("1. Confirm", "2. Contain", "spreading:"):
        if w in dom.alltext:
            fail("English left in the Japanese page: %r" % w)
    check_common(dom, ["192.168.0.23", "192.168.0.47"], 2)
    check_screenshot(page, tmp)
    # the PDF's text comes from the glyphs drawn: Japanese only when a font
    # had them
    check_pdf(page, tmp, words)


def main():
    if not chromium_bin() or not shutil.which("pdftotext"):
        print("skip: chromium or pdftotext not installed")
        sys.exit(77)
    tmp = tempfile.mkdtemp(prefix="wwreport-")
    try:
        {"demo": lambda: mode_demo(tmp), "svg": lambda: mode_demo(tmp, svg=True),
         "shared": lambda: mode_shared(tmp), "hostile": lambda: mode_hostile(tmp),
         "ja": lambda: mode_ja(tmp)}[MODE]()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if FAIL:
        sys.exit("%d checks failed" % len(FAIL))
    print("ok")


main()
