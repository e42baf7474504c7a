// esep against a reference charting stack (Apache ECharts) in one headless Chromium run.
// Not part of `make test`: run `make bench`. Writes BENCHMARKS.md (keeping its Lighthouse section).
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import zopfli from '@gfx/zopfli';

const zopfliGzip = promisify(zopfli.gzip);

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REPS = Number(process.env.BENCH_REPS || 7);
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json' };
const mounts = [
  ['/bench/esep/', path.join(root, 'target/bench/esep')],
  ['/bench/ref/echarts.min.js', path.join(root, 'node_modules/echarts/dist/echarts.min.js')],
  ['/bench/ref/echarts-lite.js', path.join(root, 'target/bench/ref/echarts-lite.js')],
  ['/bench/ref/', path.join(root, 'bench')],
  ['/', path.join(root, 'dist')],
];

function fileFor(url) {
  const p = decodeURIComponent(new URL(url, 'http://x').pathname);
  for (const [prefix, target] of mounts) {
    if (!p.startsWith(prefix)) continue;
    if (!prefix.endsWith('/')) return target;
    let rel = p.slice(prefix.length) || 'index.html';
    if (prefix === '/bench/ref/' && rel === 'index.html') rel = 'echarts.html';
    const file = path.join(target, rel);
    return file.startsWith(target) ? file : null;
  }
  return null;
}

const server = http.createServer((req, res) => {
  const file = fileFor(req.url);
  if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    res.writeHead(404);
    res.end();
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
  fs.createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * p))]; };
const spread = (xs) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
const kb = (b) => (b / 1024).toFixed(1);

// Long tasks (over 50 ms on the main thread), as the browser reports them to the page, kept from
// the start of the navigation: `window.__longTasks` as [start, duration] pairs.
const LONG_TASKS = `{
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch { /* no long-task timing */ }
}`;

// Evaluates `expression` in the page through the DevTools protocol alone, awaiting a promise it
// returns. Playwright's own `waitForFunction` and `evaluate` first load its injected script into
// the page: under CPU × 4 that script's evaluation was a 40–70 ms long task of its own, which
// the page's long-task observer counted as the page's, after the feed had arrived.
async function inPage(cdp, expression) {
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
  if (exceptionDetails) throw new Error(`in the page: ${exceptionDetails.exception?.description || exceptionDetails.text}`);
  return result.value;
}

/** Waits, polling every 50 ms from the page's own timers, for the performance mark `name`; its start. */
function markTime(cdp, name, timeout = 60000) {
  return inPage(cdp, `new Promise((ok, fail) => {
    const until = performance.now() + ${timeout};
    const look = () => {
      const m = performance.getEntriesByName(${JSON.stringify(name)})[0];
      if (m) ok(m.startTime); else if (performance.now() > until) fail(new Error('no mark ${name}')); else setTimeout(look, 50);
    };
    look();
  })`);
}

async function open(url, { throttle = 1 } = {}) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  await context.addInitScript(LONG_TASKS);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (throttle > 1) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  }
  const bodies = [];
  // Requests for the bundled feed, by resource type.
  const asked = [];
  page.on('request', (r) => { if (r.url().includes('aktobe-2025.json')) asked.push(r.resourceType()); });
  page.on('response', async (r) => {
    try {
      if (r.status() === 200) bodies.push({ url: r.url(), body: await r.body() });
    } catch { /* a body that went away */ }
  });
  await page.goto(url);
  return { context, page, cdp, bodies, asked };
}

function kind(url) {
  const p = new URL(url).pathname;
  if (p.endsWith('.wasm')) return 'wasm';
  if (p.endsWith('.js')) return 'js';
  if (p.endsWith('.css')) return 'css';
  if (p.endsWith('.json')) return 'feed';
  return 'html';
}

// Each body as a server would send it: gzip -9 compressed on the fly; gzip by zopfli, as a host
// sends the precompressed copies of scripts/precompress.mjs (both pages get the same
// treatment; the feed, which has no copy, on the fly); brotli 11.
async function weigh(bodies) {
  const out = { html: [0, 0, 0], js: [0, 0, 0], wasm: [0, 0, 0], css: [0, 0, 0], feed: [0, 0, 0] };
  for (const { url, body } of bodies) {
    const k = kind(url);
    out[k][0] += zlib.gzipSync(body, { level: 9 }).length;
    // Feeds have no precompressed copy (see scripts/precompress.mjs): compressed on the fly.
    out[k][1] += k === 'feed' ? zlib.gzipSync(body, { level: 9 }).length : (await zopfliGzip(body, { numiterations: 15 })).length;
    out[k][2] += zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  const total = Object.values(out).reduce((a, v) => a.map((x, i) => x + v[i]), [0, 0, 0]);
  return { ...out, total };
}

const pages = {
  esep: `${base}/?lang=en&sw=off`,
  ref: `${base}/bench/ref/echarts.html?mode=first&lib=full`,
  refLite: `${base}/bench/ref/echarts.html?mode=first&lib=lite`,
};
const marks = { esep: 'esep:chart-drawn', ref: 'ref:chart-drawn', refLite: 'ref:chart-drawn' };

// What the main thread did on a first visit, once the page has settled (no new long task for a
// second): total blocking time (each long task's time over 50 ms, summed), the longest task, and
// the longest that started after the feed's answer arrived (its resource timing's responseEnd).
async function blocking(page, cdp) {
  await page.waitForLoadState('networkidle');
  let count = -1;
  for (let k = 0; k < 20; k++) {
    const now = await inPage(cdp, 'window.__longTasks.length');
    if (now === count) break;
    count = now;
    await page.waitForTimeout(1000);
  }
  return inPage(cdp, `(${() => {
    const feed = performance.getEntriesByType('resource').find((e) => e.name.includes('aktobe-2025.json'));
    const arrived = feed ? feed.responseEnd : 0;
    const tasks = window.__longTasks;
    const after = tasks.filter(([start]) => start >= arrived);
    return {
      tbt: tasks.reduce((sum, [, d]) => sum + Math.max(0, d - 50), 0),
      longest: Math.max(0, ...tasks.map(([, d]) => d)),
      afterFeed: Math.max(0, ...after.map(([, d]) => d)),
      tasksAfterFeed: after.length,
      feedStart: feed ? feed.startTime : null,
      feedInitiator: feed ? feed.initiatorType : null,
    };
  }})()`);
}

// 1. First visit: bytes, time to first chart and long tasks, alternating runs. The feed's
// requests are counted too: the loader preloads it, and the app's own request must reuse that
// answer (one request per visit).
const firstChart = { 1: { esep: [], ref: [], refLite: [] }, 4: { esep: [], ref: [], refLite: [] } };
const blocked = { 1: { esep: [], ref: [], refLite: [] }, 4: { esep: [], ref: [], refLite: [] } };
const feedRequests = [];
const bytes = {};
for (const throttle of [1, 4]) {
  for (let i = 0; i < REPS; i++) {
    for (const name of ['esep', 'ref', 'refLite']) {
      const { context, page, cdp, bodies, asked } = await open(pages[name], { throttle });
      firstChart[throttle][name].push(await markTime(cdp, marks[name]));
      const b = await blocking(page, cdp);
      blocked[throttle][name].push(b);
      if (name === 'esep') feedRequests.push({ requests: asked.length, initiator: b.feedInitiator, start: b.feedStart });
      if (throttle === 1 && i === 0) bytes[name] = await weigh(bodies);
      await context.close();
    }
  }
}

// 2. Tooltip latency on a 10 000-point series: a pointer move to the tooltip's DOM change.
async function latencies(url, throttle) {
  const { context, page } = await open(url, { throttle });
  await page.waitForFunction(() => window.esepBench && window.esepBench.ready, null, { timeout: 60000 });
  const out = await page.evaluate(async () => {
    const canvas = document.querySelector('canvas');
    const box = canvas.getBoundingClientRect();
    const results = [];
    for (let k = 0; k < 40; k++) {
      const x = box.left + 60 + ((box.width - 120) * ((k * 37) % 40)) / 40;
      const y = box.top + box.height / 2;
      const t = await new Promise((resolve) => {
        const t0 = performance.now();
        const done = (v) => { mo.disconnect(); clearTimeout(timer); resolve(v); };
        const mo = new MutationObserver(() => done(performance.now() - t0));
        mo.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
        const timer = setTimeout(() => done(1000), 1000);
        const init = { clientX: x, clientY: y, bubbles: true, pointerType: 'mouse' };
        canvas.dispatchEvent(new PointerEvent('pointermove', init));
        canvas.dispatchEvent(new MouseEvent('mousemove', init));
      });
      results.push(t);
      await new Promise((r) => setTimeout(r, 30));
    }
    return results;
  });
  await context.close();
  // The first moves warm up; a move whose tooltip did not change within a second is counted apart.
  const rest = out.slice(5);
  return { times: rest.filter((t) => t < 1000), missed: rest.filter((t) => t >= 1000).length, moves: rest.length };
}
const hover = {};
for (const throttle of [1, 4]) {
  hover[throttle] = {
    esep: await latencies(`${base}/bench/esep/?mode=hover&n=10000`, throttle),
    ref: await latencies(`${base}/bench/ref/echarts.html?mode=hover&n=10000&lib=full`, throttle),
  };
}

// 3. Drawing a 100 000-point series (both thin it with LTTB).
async function drawTime(url) {
  const { context, page } = await open(url);
  await page.waitForFunction(() => window.esepBench && typeof window.esepBench.ms === 'number', null, { timeout: 120000 });
  const ms = await page.evaluate(() => window.esepBench.ms);
  await context.close();
  return ms;
}
const draw = { esep: [], ref: [] };
for (let i = 0; i < Math.min(REPS, 5); i++) {
  draw.esep.push(await drawTime(`${base}/bench/esep/?mode=draw&n=100000`));
  draw.ref.push(await drawTime(`${base}/bench/ref/echarts.html?mode=draw&n=100000&lib=full`));
}

// 4. Parse and validate a generated 10 MB feed in wasm; JSON.parse of the same size for scale.
// A page of its own each time, without what `open` adds for the other measures (the long-task
// observer, and every response body fetched over the DevTools protocol while the page runs):
// both ran during the check and not during JSON.parse (about 15 ms more for the check, median of
// 8 alternating runs on this machine).
const parse = [];
let parseBytes = 0;
const jsonParse = [];
for (let i = 0; i < REPS; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/bench/esep/?mode=parse&mb=10`);
  await page.waitForFunction(() => window.esepBench && typeof window.esepBench.ms === 'number', null, { timeout: 120000 });
  const r = await page.evaluate(() => ({ ms: window.esepBench.ms, bytes: window.esepBench.bytes }));
  parse.push(r.ms);
  parseBytes = r.bytes;
  // The browser's own JSON.parse of the very same text.
  jsonParse.push(await page.evaluate(() => {
    const t0 = performance.now();
    JSON.parse(window.esepBench.text);
    return performance.now() - t0;
  }));
  await context.close();
}

await browser.close();
server.close();

// Report.
const cpu = os.cpus()[0]?.model || 'unknown CPU';
const chromiumVersion = (() => { try { return execFileSync('/usr/bin/chromium', ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim(); } catch { return 'chromium'; } })();
const ratio = (a, b) => (a / b).toFixed(2);
const row = (label, e, r, unit = 'ms', better = 'lower') => `| ${label} | ${e} | ${r} | ${ratio(parseFloat(e), parseFloat(r))} | ${unit} (${better} is better) |`;
const b = bytes;
const lines = [
  '# Benchmarks',
  '',
  `Run by \`make bench\` (scripts/bench.mjs) on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${chromiumVersion}, headless.`,
  `Reference: the same feed drawn with Apache ECharts 5 (full minified build as a newsroom would include it; "lite": tree-shaken to bars, lines, grid, tooltip and canvas with esbuild). ${REPS} alternating runs each; medians with the range. Service worker off. 1 KB = 1024 B.`,
  '',
  '## First visit: bytes transferred (gzip -9 on the fly / gzip by zopfli, precompressed / brotli 11)',
  '',
  '| part | esep | ECharts full | ECharts lite |',
  '|---|---|---|---|',
  ...['html', 'js', 'wasm', 'css', 'feed', 'total'].map((k) => `| ${k} | ${b.esep[k].map(kb).join(' / ')} KB | ${b.ref[k].map(kb).join(' / ')} KB | ${b.refLite[k].map(kb).join(' / ')} KB |`),
  '',
  `gzip -9 on the fly: esep / ECharts full **${ratio(b.esep.total[0], b.ref.total[0])}** (target ≤ 0.4); esep total **${kb(b.esep.total[0])} KB** (target ≤ 120 KB). esep / ECharts lite: ${ratio(b.esep.total[0], b.refLite.total[0])}.`,
  '',
  `gzip by zopfli (the \`.gz\` copies \`scripts/build.sh\` writes, as a host with \`gzip_static\` sends them; ECharts compressed the same way): esep / ECharts full **${ratio(b.esep.total[1], b.ref.total[1])}**; esep total **${kb(b.esep.total[1])} KB**. Brotli 11: esep / ECharts full ${ratio(b.esep.total[2], b.ref.total[2])}, esep total ${kb(b.esep.total[2])} KB.`,
  '',
  '## Speed',
  '',
  '| measure | esep | ECharts | esep / ECharts | unit |',
  '|---|---|---|---|---|',
  row('first chart, median (range), unthrottled', `${median(firstChart[1].esep).toFixed(0)} (${spread(firstChart[1].esep)})`, `${median(firstChart[1].ref).toFixed(0)} (${spread(firstChart[1].ref)})`),
  row('first chart, ECharts lite, unthrottled', `${median(firstChart[1].esep).toFixed(0)}`, `${median(firstChart[1].refLite).toFixed(0)} (${spread(firstChart[1].refLite)})`),
  row('first chart, CPU × 4', `${median(firstChart[4].esep).toFixed(0)} (${spread(firstChart[4].esep)})`, `${median(firstChart[4].ref).toFixed(0)} (${spread(firstChart[4].ref)})`),
  row('first chart, ECharts lite, CPU × 4', `${median(firstChart[4].esep).toFixed(0)}`, `${median(firstChart[4].refLite).toFixed(0)} (${spread(firstChart[4].refLite)})`),
  ...[1, 4].flatMap((t) => {
    const at = t === 1 ? 'unthrottled' : 'CPU × 4';
    const m = (name, k) => median(blocked[t][name].map((x) => x[k]));
    return [
      `| total blocking time, ${at} | ${m('esep', 'tbt').toFixed(0)} | full ${m('ref', 'tbt').toFixed(0)}; lite ${m('refLite', 'tbt').toFixed(0)} | ${ratio(m('esep', 'tbt'), m('refLite', 'tbt'))} (lite) | ms (lower is better) |`,
      `| longest task, ${at} | ${m('esep', 'longest').toFixed(0)} | full ${m('ref', 'longest').toFixed(0)}; lite ${m('refLite', 'longest').toFixed(0)} | ${ratio(m('esep', 'longest'), m('refLite', 'longest'))} (lite) | ms (lower is better) |`,
      `| longest task after the feed arrives, ${at} (target ≤ 50) | ${m('esep', 'afterFeed').toFixed(0)} (${spread(blocked[t].esep.map((x) => x.afterFeed))}) | full ${m('ref', 'afterFeed').toFixed(0)}; lite ${m('refLite', 'afterFeed').toFixed(0)} | — | ms (lower is better) |`,
    ];
  }),
  row('tooltip latency p50, 10 000 points', median(hover[1].esep.times).toFixed(1), median(hover[1].ref.times).toFixed(1)),
  row('tooltip latency p95, 10 000 points (target ≤ 16)', pct(hover[1].esep.times, 0.95).toFixed(1), pct(hover[1].ref.times, 0.95).toFixed(1)),
  row('tooltip latency p95, CPU × 4', pct(hover[4].esep.times, 0.95).toFixed(1), pct(hover[4].ref.times, 0.95).toFixed(1)),
  `| pointer moves with no tooltip change within 1 s (unthrottled; CPU × 4) | ${hover[1].esep.missed} of ${hover[1].esep.moves}; ${hover[4].esep.missed} of ${hover[4].esep.moves} | ${hover[1].ref.missed} of ${hover[1].ref.moves}; ${hover[4].ref.missed} of ${hover[4].ref.moves} | — | moves |`,
  row('draw 100 000 points (LTTB in both)', `${median(draw.esep).toFixed(0)} (${spread(draw.esep)})`, `${median(draw.ref).toFixed(0)} (${spread(draw.ref)})`),
  `| parse + validate a ${(parseBytes / 1e6).toFixed(1)} MB feed in wasm, against the browser's JSON.parse of the same text (target ≤ 3×) | ${median(parse).toFixed(0)} (${spread(parse)}) | JSON.parse ${median(jsonParse).toFixed(0)} (${spread(jsonParse)}) | ${ratio(median(parse), median(jsonParse))} | ms (lower is better) |`,
  '',
  `The feed on esep's first visit: ${feedRequests.filter((f) => f.requests === 1).length} of ${feedRequests.length} visits asked the server for it once (the loader's preload, whose answer the app's request reused); requests per visit ${[...new Set(feedRequests.map((f) => f.requests))].join(', ')}; initiator ${[...new Set(feedRequests.map((f) => f.initiator))].join(', ')}; requested at ${median(feedRequests.map((f) => f.start)).toFixed(0)} ms after navigation (median).`,
  '',
  'Long tasks: main-thread tasks over 50 ms, from the browser\'s long-task timing (PerformanceObserver `longtask`, set up before the page\'s own scripts), until no new one comes for a second; total blocking time sums each one\'s time over 50 ms, from the start of the navigation. The bench reads the page through the DevTools protocol\'s `Runtime.evaluate` only: Playwright\'s `waitForFunction` loads its injected script into the page, whose evaluation under CPU × 4 was itself a 40–70 ms long task, counted after the feed (runs before 2026-12-04 (second) include it).',
  '',
  'Tooltip latency: time from a dispatched pointer move to the tooltip\'s DOM change (MutationObserver), in the page; both pages show a generated 10 000-point line. Draw time: esep, layout and drawing in wasm; ECharts, `setOption` to its `finished` event. Decimation: both draw long lines with Largest-Triangle-Three-Buckets thinning to about twice the plot\'s width in pixels; hover and tooltips still use every point.',
  '',
];
let previous = fs.existsSync(path.join(root, 'BENCHMARKS.md')) ? fs.readFileSync(path.join(root, 'BENCHMARKS.md'), 'utf8') : '';
const lighthouse = previous.includes('## Lighthouse') ? previous.slice(previous.indexOf('## Lighthouse')) : '';
fs.writeFileSync(path.join(root, 'BENCHMARKS.md'), lines.join('\n') + (lighthouse ? `\n${lighthouse}` : ''));
console.log(lines.join('\n'));
