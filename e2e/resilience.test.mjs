// A browser API that is missing or throws costs one part of the page, never the page: Safari's
// ResizeObserver without the device-pixel box, a chart whose set-up fails, canvases capped and
// given back far from the viewport (iPhone memory). Headless Chromium with APIs broken on purpose.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launch, openPage, canvasColours, chartDrawn, artifacts } from './helpers.mjs';

let env;
before(async () => {
  env = await launch();
});
after(async () => {
  await env?.close();
});

/** WebKit (Safari, every iPhone browser) throws this for the device-pixel box. The page's
 *  resolution queries are kept, so that a test can tell them the pixel ratio changed (Chromium's
 *  emulated ratio changes fire neither media query events nor the device-pixel box). */
const WEBKIT_RESIZE_OBSERVER = `{
  const observe = ResizeObserver.prototype.observe;
  ResizeObserver.prototype.observe = function (target, options) {
    if (options && options.box === 'device-pixel-content-box') throw new TypeError('Type error');
    return observe.call(this, target, options);
  };
  const matchMedia = window.matchMedia.bind(window);
  window.__resolutionQueries = [];
  window.matchMedia = (query) => {
    const list = matchMedia(query);
    if (query.includes('resolution')) window.__resolutionQueries.push(list);
    return list;
  };
}`;

/** Every chart's canvas: its backing size, its size on the page, and whether it is hidden. */
const canvases = (page) => page.$$eval('canvas[data-testid^=chart-]', (cs) => cs.map((c) => ({
  id: c.dataset.testid, w: c.width, h: c.height, cssW: c.clientWidth, cssH: c.clientHeight, hidden: !!c.closest('[hidden]'),
})));

/** Scrolls each chart into view and counts those with something drawn on them. */
async function paintedCharts(page) {
  const ids = await page.$$eval('canvas[data-testid^=chart-]', (cs) => cs.map((c) => c.dataset.testid));
  let painted = 0;
  for (const id of ids) {
    const sel = `[data-testid="${id}"]`;
    await page.$eval(sel, (c) => c.scrollIntoView({ block: 'center' }));
    // A canvas not drawn yet still has the default 300 × 150 backing, blank: so wait for
    // something on it (at least four colours), not for a width. A released canvas (0 × 0)
    // has nothing to read yet.
    let drawn = false;
    for (const end = Date.now() + 5000; !drawn && Date.now() < end; await page.waitForTimeout(100)) {
      drawn = (await canvasColours(page, sel).catch(() => 0)) >= 4;
    }
    if (drawn) painted += 1;
  }
  return { painted, total: ids.length };
}

/** Waits until the first chart, back at the top of the page, is drawn again. */
const firstDrawn = (page) => page.waitForFunction(() => document.querySelector('canvas[data-testid^=chart-]').width > 0, null, { timeout: 5000 });

test('without the device-pixel box (WebKit), every chart is drawn, crisp, and follows size and pixel ratio', async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.url}/?lang=kk&sw=off`, { width: 390, height: 844, deviceScaleFactor: 3, isMobile: true, hasTouch: true, init: WEBKIT_RESIZE_OBSERVER });
  await chartDrawn(page);
  // Charts of earlier years are in closed parts: open them all.
  await page.evaluate(() => document.querySelectorAll('details.earlier').forEach((d) => { d.open = true; }));
  const { painted, total } = await paintedCharts(page);
  assert.ok(total >= 8, `charts on the page: ${total}`);
  assert.equal(painted, total, 'every chart painted');
  await page.evaluate(() => window.scrollTo(0, 0));
  await firstDrawn(page);
  // Crisp: three device pixels for each CSS pixel.
  const first = (await canvases(page))[0];
  assert.equal(first.w, first.cssW * 3, `backing ${first.w} for ${first.cssW} CSS px at DPR 3`);
  // A new pixel ratio (zoom, another screen) redraws through the resolution query, which then
  // follows the new ratio.
  await page.evaluate(() => {
    Object.defineProperty(window, 'devicePixelRatio', { get: () => 2, configurable: true });
    for (const q of window.__resolutionQueries.filter((l) => l.media.includes('3dppx'))) q.dispatchEvent(new Event('change'));
  });
  await page.waitForFunction(() => {
    const c = document.querySelector('canvas[data-testid^=chart-]');
    return c.width === c.clientWidth * 2;
  }, null, { timeout: 5000 });
  assert.ok(await page.evaluate(() => window.__resolutionQueries.some((l) => l.media.includes('2dppx'))), 'the new ratio is watched');
  // A wider window redraws at the new width.
  await page.setViewportSize({ width: 800, height: 844 });
  await page.waitForFunction(() => {
    const c = document.querySelector('canvas[data-testid^=chart-]');
    return c.clientWidth > 390 && c.width === c.clientWidth * 2;
  }, null, { timeout: 5000 });
  assert.deepEqual(problems.pageErrors, []);
  assert.equal(await page.getByTestId('panic').count(), 0);
  await context.close();
});

test('a chart whose set-up fails gives way to its table and a note; the rest of the report is there', async () => {
  // The change chart's canvas cannot be observed at all.
  const init = `{
    const observe = ResizeObserver.prototype.observe;
    ResizeObserver.prototype.observe = function (target, options) {
      if (target.dataset && target.dataset.testid === 'chart-crime-by-gravity-changes') throw new TypeError('refused');
      return observe.call(this, target, options);
    };
  }`;
  const { page, context, problems } = await openPage(env.browser, `${env.url}/?lang=ru&sw=off`, { init });
  await chartDrawn(page);
  const figure = page.getByTestId('figure-crime-by-gravity-changes');
  await figure.locator('.chart-failed').waitFor({ state: 'visible', timeout: 10000 });
  assert.match(await figure.locator('.chart-failed').innerText(), /Не удалось нарисовать диаграмму; данные — в таблице ниже/);
  assert.equal(await figure.locator('.chart-box').isVisible(), false, 'the broken canvas is not shown');
  assert.equal(await figure.locator('details.data-table').getAttribute('open'), '', 'its table is open');
  assert.ok(await figure.locator('details.data-table tbody tr').first().isVisible(), 'its figures are readable');
  // Everything else is there and drawn.
  // Charts of earlier years are in closed parts: open them all.
  await page.evaluate(() => document.querySelectorAll('details.earlier').forEach((d) => { d.open = true; }));
  const { painted, total } = await paintedCharts(page);
  assert.equal(painted, total - 1, 'every other chart painted');
  assert.ok((await page.getByTestId('headline').count()) >= 3, 'the key figures are there');
  assert.ok(await page.locator('section.sources').isVisible(), 'the sources section is there');
  assert.equal(await page.locator('footer.site-footer').count(), 1, 'the page is built to its footer');
  assert.equal(await page.getByTestId('panic').count(), 0);
  assert.deepEqual(problems.pageErrors, []);
  await page.screenshot({ path: path.join(artifacts, 'chart-setup-failed.png'), fullPage: false });
  await context.close();
});

test('no canvas holds more than iOS allows; canvases far from the viewport give their pixels back', async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.url}/?lang=en&sw=off`, { width: 1280, height: 800, deviceScaleFactor: 4 });
  await chartDrawn(page);
  // Charts of earlier years are in closed parts: open them all.
  await page.evaluate(() => document.querySelectorAll('details.earlier').forEach((d) => { d.open = true; }));
  const { painted, total } = await paintedCharts(page);
  assert.equal(painted, total, 'every chart painted at DPR 4');
  for (const c of await canvases(page)) {
    assert.ok(c.w * c.h <= 4194304 && c.w <= 4096, `${c.id}: ${c.w}×${c.h} within the cap`);
  }
  // Back at the top, the charts at the bottom (more than three screens away) hold no pixels.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForFunction(() => [...document.querySelectorAll('canvas[data-testid^=chart-]')].at(-1).width === 0, null, { timeout: 5000 });
  const all = await canvases(page);
  const last = all.at(-1);
  assert.ok(last.cssH > 40, `a released canvas keeps its place on the page (${last.cssH} px)`);
  // Printing draws every chart.
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  assert.ok((await canvases(page)).every((c) => c.w > 0), 'every chart drawn for printing');
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

test('a JavaScript exception that escapes into the wasm ends in the reload panel, not a half-built page', async () => {
  // Every element's replaceChildren throws once the report starts building its parts.
  const init = `{
    const replace = Element.prototype.replaceChildren;
    Element.prototype.replaceChildren = function (...nodes) {
      if (this.closest && this.closest('main')) throw new TypeError('Type error');
      return replace.apply(this, nodes);
    };
  }`;
  const { page, context } = await openPage(env.browser, `${env.url}/?lang=kk&sw=off`, { init });
  const panel = page.getByTestId('panic');
  await panel.waitFor({ timeout: 20000 });
  assert.match(await panel.innerText(), /Бетте қате шықты/);
  await context.close();
});
