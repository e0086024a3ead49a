// Drive a headless Chromium through the DevTools protocol: wait until a
// JavaScript expression evaluated in the page returns a non-empty string,
// then print {"t_ms": <wall clock when seen>, "value": <the string>} and
// exit 0; exit 1 after the time limit. Bounded: polls every 25 ms.
// usage: node --experimental-websocket cdp.js USER_DATA_DIR URL EXPR TIMEOUT_S
'use strict';
const fs = require('fs');
const [dir, url, expr, timeoutS] = process.argv.slice(2);
const deadline = Date.now() + Number(timeoutS) * 1000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function devtoolsPort() {
  while (Date.now() < deadline) {
    try {
      const lines = fs.readFileSync(dir + '/DevToolsActivePort', 'utf8').split('\n');
      if (lines[0]) return Number(lines[0]);
    } catch (e) { /* not yet */ }
    await sleep(50);
  }
  throw new Error('no DevToolsActivePort');
}

async function main() {
  const port = await devtoolsPort();
  let target = null;
  while (!target && Date.now() < deadline) {
    try {
      const list = await (await fetch('http://127.0.0.1:' + port + '/json/list')).json();
      target = list.find((t) => t.type === 'page');
    } catch (e) { /* starting */ }
    if (!target) await sleep(50);
  }
  if (!target) throw new Error('no page target');
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((res, rej) => { ws.onopen = res; ws.onerror = rej; });
  let id = 0;
  const pending = new Map();
  ws.onmessage = (m) => {
    const msg = JSON.parse(m.data);
    if (msg.id && pending.has(msg.id)) { pending.get(msg.id)(msg); pending.delete(msg.id); }
  };
  const call = (method, params) => new Promise((res) => {
    const i = ++id;
    pending.set(i, res);
    ws.send(JSON.stringify({ id: i, method: method, params: params || {} }));
  });
  if (url && url !== '-') await call('Page.navigate', { url: url });
  while (Date.now() < deadline) {
    const r = await call('Runtime.evaluate', { expression: expr, returnByValue: true });
    const v = r.result && r.result.result && r.result.result.value;
    if (typeof v === 'string' && v.length) {
      process.stdout.write(JSON.stringify({ t_ms: Date.now(), value: v }) + '\n');
      ws.close();
      process.exit(0);
    }
    await sleep(25);
  }
  process.stderr.write('cdp.js: timed out waiting for: ' + expr + '\n');
  process.exit(1);
}
main().catch((e) => { process.stderr.write('cdp.js: ' + e.message + '\n'); process.exit(2); });
