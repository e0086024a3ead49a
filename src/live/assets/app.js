// wormwatch live page. Every string that came from the network or from a
// capture (addresses, names, evidence, reasons) is put into the page with
// textContent, never as markup: this file uses no innerHTML at all.
'use strict';
(function () {
  const params = new URLSearchParams(location.search);
  const token = params.get('token');
  const q = token ? '?token=' + encodeURIComponent(token) : '';
  const $ = (id) => document.getElementById(id);
  const alertHosts = new Map();   // addr -> alert, until the next state names the host
  let lastState = null;
  let chart = null;
  const MAX_ITEMS = 200;
  let words = {};                 // English -> this run's language (/words.json)

  // the page's own words: t('{0} of {1} entries', a, b)
  function t(s) {
    const w = Object.prototype.hasOwnProperty.call(words, s) && typeof words[s] === 'string'
      ? words[s] : s;
    const args = Array.prototype.slice.call(arguments, 1);
    return w.replace(/\{(\d)\}/g, (m, i) => (i < args.length ? String(args[i]) : m));
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function num(n) { return typeof n === 'number' ? n.toLocaleString('en') : '-'; }
  function dur(s) {
    if (typeof s !== 'number') return '-';
    s = Math.floor(s);
    const h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60, x = s % 60;
    return (h ? h + 'h ' : '') + (h || m ? m + 'm ' : '') + x + 's';
  }
  function hhmmss(ms) { return new Date(ms).toTimeString().slice(0, 8); }
  function setConn(cls, text) { const c = $('conn'); c.className = 'conn ' + cls; c.textContent = text; }

  function verdictRank(v) {
    return { infected: 4, scanner: 3, suspicious: 2, p2p: 1 }[v] || 0;
  }

  function renderHosts() {
    const body = $('hosts').tBodies[0];
    const rows = [];
    const seen = new Set();
    const hosts = (lastState && lastState.report && lastState.report.hosts) || [];
    for (const h of hosts) {
      seen.add(h.addr);
      const ev = h.evidence || [];
      rows.push({ addr: h.addr, verdict: h.verdict, score: h.score, title: h.title || '',
                  last: ev.length ? ev[ev.length - 1] : '' });
    }
    for (const [addr, a] of alertHosts) {
      if (seen.has(addr)) { alertHosts.delete(addr); continue; }
      rows.push({ addr: addr, verdict: a.verdict, score: a.score, title: a.title || a.why || '', last: a.title || a.why || '' });
    }
    rows.sort((x, y) => verdictRank(y.verdict) - verdictRank(x.verdict) || (y.score || 0) - (x.score || 0));
    const old = new Map();
    for (const tr of Array.from(body.rows)) old.set(tr.dataset.addr + '|' + tr.dataset.verdict, true);
    body.replaceChildren();
    for (const r of rows) {
      const tr = el('tr', r.verdict);
      tr.dataset.addr = r.addr;
      tr.dataset.verdict = r.verdict;
      if (!old.has(r.addr + '|' + r.verdict)) tr.classList.add('fresh');
      tr.append(el('td', 'addr', r.addr), el('td', 'v', r.verdict),
                el('td', 'score', typeof r.score === 'number' ? r.score.toFixed(2) : ''),
                el('td', 'ev', r.title), el('td', 'ev', r.last));
      body.append(tr);
    }
    $('nohosts').hidden = rows.length > 0;
  }

  function renderCounters(st) {
    $('cmd').textContent = st.command || t('live');
    $('source').textContent = st.source ? t('on {0}', st.source) : '';
    $('c-packets').textContent = num(st.packets);
    $('c-drops').textContent = st.kernel_dropped === undefined ? t('n/a')
      : num(st.kernel_dropped + (st.interface_dropped || 0));
    $('c-uptime').textContent = dur(st.uptime_s);
    $('c-hosts').textContent = num(st.hosts_judged);
    $('c-alerts').textContent = num(st.alerts);
    $('c-clients').textContent = num(st.clients);
    $('updated').textContent = st.time || '';
  }

  const palette = ['#b3261e', '#1f6fb2', '#e08a00', '#2a8a4a', '#7b3fa0', '#b05a7a',
                   '#4a6a8a', '#8a7a2a', '#2a8a8a', '#6a4a2a', '#a02a5a', '#3a3a3a'];
  function renderRates(r, note) {
    if (!r) return;
    const labels = (r.t || []).map(hhmmss);
    const haveChart = typeof window.Chart === 'function';
    if (!haveChart) {
      $('chartnote').hidden = false;
      $('chartnote').textContent = note || t('Chart.js could not be loaded: numbers only.');
      $('rates').hidden = true;
      const tb = $('ratetable');
      tb.hidden = false;
      const body = tb.tBodies[0];
      body.replaceChildren();
      for (const h of r.hosts || []) {
        const vals = (h.v || []).filter((x) => x !== null);
        const tr = el('tr');
        tr.dataset.addr = h.addr;
        tr.append(el('td', '', h.addr), el('td', '', vals.length ? vals[vals.length - 1] : '-'),
                  el('td', '', vals.length ? Math.max.apply(null, vals) : '-'));
        body.append(tr);
      }
      return;
    }
    const datasets = (r.hosts || []).map((h, i) => ({
      label: h.addr, data: h.v, borderColor: palette[i % palette.length],
      backgroundColor: palette[i % palette.length], spanGaps: false, pointRadius: 0, tension: 0.2,
    }));
    if (!chart) {
      chart = new window.Chart($('rates'), {
        type: 'line', data: { labels: labels, datasets: datasets },
        options: { animation: false, responsive: true, maintainAspectRatio: false,
                   scales: { y: { beginAtZero: true, title: { display: true, text: t('new destinations / s') } } },
                   plugins: { legend: { position: 'right' } } },
      });
    } else {
      chart.data.labels = labels;
      chart.data.datasets = datasets;
      chart.update('none');
    }
  }

  function renderNat(n, report) {
    if (!n) return;
    $('natsec').hidden = false;
    const pct = typeof n.used_pct === 'number' ? n.used_pct : 0;
    const bar = $('natbar');
    bar.style.width = Math.min(100, pct).toFixed(1) + '%';
    bar.className = n.level === 'full' ? 'full' : n.level === 'high' ? 'high' : '';
    $('natline').textContent = t('{0} of {1} entries', num(n.entries), n.max ? num(n.max) : t('unknown')) +
      (n.max ? ' (' + pct.toFixed(1) + '%)' : '') + ', ' +
      t('{0} a second', typeof n.rate === 'number' ? (n.rate >= 0 ? '+' : '') + n.rate.toFixed(1) : '0');
    $('natforecast').textContent = typeof n.eta_s === 'number' && n.eta_s !== null
      ? t('full in {0} at this rate', dur(n.eta_s)) : t('not filling');
    const body = $('nathosts').tBodies[0];
    body.replaceChildren();
    for (const h of ((report && report.nat_hosts) || []).slice(0, 15)) {
      const tr = el('tr');
      tr.dataset.addr = h.addr;
      tr.append(el('td', '', h.addr), el('td', '', num(h.entries)),
                el('td', '', typeof h.share_pct === 'number' ? h.share_pct.toFixed(1) + '%' : '-'),
                el('td', '', num(h.destinations)));
      body.append(tr);
    }
  }

  function renderContain(c) {
    if (!c) return;
    $('containsec').hidden = false;
    $('containline').textContent = t('Containment: {0}; {1} host(s) quarantined', c.mode, num(c.contained)) +
      (c.note ? '. ' + c.note : '');
  }

  function onState(s) {
    lastState = s;
    renderCounters(s.stats || {});
    renderHosts();
    renderRates(s.rates, s.stats && s.stats.chart_note);
    renderNat(s.nat, s.report);
    renderContain(s.contain);
  }

  function prepend(list, li) {
    list.prepend(li);
    while (list.children.length > MAX_ITEMS) list.lastChild.remove();
  }

  function onAlert(a) {
    const li = el('li', a.verdict);
    li.dataset.addr = a.addr;
    li.append(el('span', 't', a.time), el('b', '', a.addr), document.createTextNode(' '),
              el('span', 'v', a.verdict), document.createTextNode(' ' + (a.attempts_to_alert === 1
              ? t('after {0} first contact:', 1) : t('after {0} first contacts:', a.attempts_to_alert)) +
              ' '), el('span', 'why', a.title));
    prepend($('alerts'), li);
    $('noalerts').hidden = true;
    alertHosts.set(a.addr, a);
    renderHosts();
  }

  function onAction(x) {
    $('containsec').hidden = false;
    const li = el('li', x.action.replace(/[^a-z]/g, ''));
    li.dataset.addr = x.addr;
    li.append(el('span', 't', x.time), el('span', '', x.reason));
    prepend($('actions'), li);
  }

  function parse(e, fn) {
    try { fn(JSON.parse(e.data)); } catch (err) { console.error('bad event', err); }
  }

  function connect() {
    const es = new EventSource('events' + q);
    es.addEventListener('open', () => setConn('ok', t('live')));
    es.addEventListener('error', () => setConn(es.readyState === 2 ? 'bad' : 'wait',
      es.readyState === 2 ? t('disconnected') : t('reconnecting')));
    es.addEventListener('state', (e) => parse(e, onState));
    es.addEventListener('alert', (e) => parse(e, onAlert));
    es.addEventListener('action', (e) => parse(e, onAction));
  }
  // the words first (a page that cannot get them stays English), then the data
  fetch('words.json').then((r) => (r.ok ? r.json() : null)).then((w) => {
    if (w && w.t && typeof w.t === 'object') {
      words = w.t;
      if (typeof w.lang === 'string' && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(w.lang))
        document.documentElement.lang = w.lang;
      for (const e of document.querySelectorAll('[data-t]')) e.textContent = t(e.textContent);
    }
  }).catch(() => {}).finally(connect);
})();
