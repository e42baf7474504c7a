// Shared set-up for the end-to-end tests: one server for dist/, one headless Chromium.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '..');
export const artifacts = path.join(here, 'artifacts');

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Serves e2e/fixtures on a second origin, with {{APP}} replaced by the app's address. */
export async function startFixtures(appUrl) {
  const http = await import('node:http');
  const server = http.createServer((req, res) => {
    const name = path.basename(new URL(req.url, 'http://x').pathname);
    const file = path.join(here, 'fixtures', name);
    if (!fs.existsSync(file)) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(fs.readFileSync(file, 'utf8').replaceAll('{{APP}}', `${appUrl}/`));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

/** Serves `dir` (dist/ by default, with the test routes of serve.mjs) and starts Chromium. */
export async function launch({ dir = path.join(root, 'dist'), testRoutes = true, missing = 'run "trunk build --release" first' } = {}) {
  const dist = dir;
  if (!fs.existsSync(path.join(dist, 'index.html'))) {
    throw new Error(`${path.relative(root, dist)}/index.html is missing: ${missing}`);
  }
  fs.mkdirSync(artifacts, { recursive: true });
  const { server, url } = await startServer({ dir: dist, testRoutes });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  return {
    url,
    browser,
    async close() {
      await browser.close();
      await new Promise((r) => server.close(r));
    },
  };
}

/**
 * Opens a page and records what a person would not see but must never happen:
 * console errors, uncaught exceptions (a Rust panic ends up there), failed requests.
 */
export async function openPage(browser, url, { width = 1280, height = 900, deviceScaleFactor = 1, isMobile = false, hasTouch = false, locale = 'en-GB', colorScheme = 'light', init } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor, isMobile, hasTouch, locale, colorScheme });
  // `init`: a script run in every page before the page's own (to break a browser API on purpose).
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  // `consoleFrom`: the address each console error is about (a failed request's), in step.
  const problems = { console: [], consoleFrom: [], pageErrors: [], requests: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      problems.console.push(msg.text());
      problems.consoleFrom.push(msg.location()?.url ?? '');
    }
  });
  page.on('pageerror', (err) => problems.pageErrors.push(String(err)));
  page.on('request', (req) => {
    const u = new URL(req.url());
    if (!['127.0.0.1', 'localhost'].includes(u.hostname) && !['data:', 'blob:'].includes(u.protocol)) {
      problems.requests.push(req.url());
    }
  });
  await page.goto(url);
  return { page, context, problems };
}

/** Waits until the page (or frame) has drawn its first chart: the app's performance mark. */
/** Resolves once a chart is drawn or a figure card is shown: a feed whose figures are each
 * comparable with no other has cards only. */
export function figuresShown(page, timeout = 20000) {
  return page.waitForFunction(() => performance.getEntriesByName('esep:chart-drawn').length > 0
    || document.querySelector('[data-testid=figure-card]'), null, { timeout });
}

/**
 * Waits until a chart is drawn. Charts are drawn as they come within two screens of the
 * viewport: where none is that near (a small phone), the first one on show is brought into
 * view, as a reader scrolling to it would.
 */
export async function chartDrawn(page, timeout = 20000) {
  const drawn = () => performance.getEntriesByName('esep:chart-drawn').length > 0;
  await page.waitForFunction(() => performance.getEntriesByName('esep:chart-drawn').length > 0
    || document.querySelector('figure.chart canvas'), null, { timeout });
  const near = await page.waitForFunction(drawn, null, { timeout: 3000 }).then(() => true, () => false);
  if (!near) {
    // The first chart on show: not one in a closed "earlier years" part, nor one that could
    // not be drawn (hidden, its table shown instead).
    await page.evaluate(() => [...document.querySelectorAll('figure.chart canvas')]
      .find((c) => !c.closest('details:not([open])') && !c.closest('[hidden]'))?.scrollIntoView({ block: 'center' }));
    await page.waitForFunction(drawn, null, { timeout });
  }
  // The report builds its sections one task each after the first: wait for the last, so that a
  // test sees every chart (an embed, which has no sections, has nothing more to wait for).
  await page.waitForFunction(() => performance.getEntriesByName('esep:report-built').length > 0
    || !document.querySelector('section.theme'), null, { timeout });
}

/** True when the canvas has at least `min` distinct colours: something was drawn on it. */
export async function canvasColours(page, selector) {
  return page.$eval(selector, (c) => {
    const ctx = c.getContext('2d');
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    const seen = new Set();
    for (let i = 0; i < data.length; i += 16) {
      seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      if (seen.size > 50) break;
    }
    return seen.size;
  });
}

/** Runs axe-core (WCAG 2.x A and AA rules) on the page; returns the violations, summarised. */
export async function axeViolations(page) {
  await page.addScriptTag({ path: path.join(root, 'node_modules/axe-core/axe.min.js') });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ') + ' :: ' + n.failureSummary) }));
  });
  return result;
}
