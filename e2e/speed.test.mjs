// Issue 21: the bundled feed is preloaded while the wasm is fetched, and the app's request takes
// the preloaded answer; pages that load another feed (?feed=, ?compare=, a pinned ?v=) preload
// nothing. The report is built in short tasks after the first screen, and a rebuild (another
// language) stops the one under way. The first chart on show is drawn without waiting for the
// browser's nearness report.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, chartDrawn, canvasColours } from './helpers.mjs';

let env;
before(async () => {
  env = await launch();
});
after(async () => {
  await env?.close();
});

// The feeds preloaded (the wasm has its own preload, from Trunk).
const preloads = (page) => page.evaluate(() => [...document.querySelectorAll('link[rel=preload][as=fetch]')].map((l) => l.getAttribute('href')).filter((h) => h.endsWith('.json')));

test('the report preloads its feed once, and its own request reuses the answer', async () => {
  const { page, context, problems } = await openPage(env.browser, 'about:blank');
  const warnings = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  const requests = [];
  page.on('request', (r) => r.url().endsWith('/feeds/aktobe-2025.json') && requests.push(r.url()));
  await page.goto(`${env.url}/?lang=en&sw=off`);
  await page.getByTestId('title').waitFor({ timeout: 20000 });
  assert.deepEqual(await preloads(page), ['feeds/aktobe-2025.json']);
  // One fetch of the feed from the network: the preload's.
  const entries = await page.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => e.name.endsWith('/feeds/aktobe-2025.json'))
    .map((e) => e.initiatorType));
  assert.deepEqual(entries, ['link'], `resource entries for the feed: ${entries}`);
  await page.waitForTimeout(3500);
  assert.deepEqual(warnings.filter((w) => /preloaded.*not used/i.test(w)), [], 'Chromium does not say the preload went unused');
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

for (const [what, query] of [['another feed', '?feed=feeds/aktobe-2025.json'], ['a pinned version', '?v=000000000000'], ['a comparison', '?compare=feeds/aktobe-2022.json']]) {
  test(`a page that loads ${what} preloads nothing`, async () => {
    const { page, context } = await openPage(env.browser, `${env.url}/${query}`);
    await page.waitForLoadState('load');
    await page.waitForTimeout(300);
    assert.deepEqual(await preloads(page), []);
    await context.close();
  });
}

// Sections as the page adds them: one entry per batch of added sections, each batch made in one
// go (a MutationObserver delivers what one task did together).
const SECTION_BATCHES = `{
  window.__sectionBatches = [];
  new MutationObserver((records) => {
    const added = records.flatMap((r) => [...r.addedNodes]).filter((n) => n.nodeType === 1)
      .flatMap((n) => (n.matches('section.theme') ? [n] : [...n.querySelectorAll('section.theme')]));
    if (added.length) window.__sectionBatches.push([...new Set(added.map((s) => s.dataset.testid))]);
  }).observe(document, { childList: true, subtree: true });
}`;

test('the report is built a section at a time after the first screen, and a language switch midway leaves each section once', async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.url}/?lang=en&sw=off`, { init: SECTION_BATCHES });
  await chartDrawn(page);
  const batches = await page.evaluate(() => window.__sectionBatches);
  const sections = batches.flat();
  assert.ok(sections.length >= 5, `sections: ${sections}`);
  // The first screen first: the first section, with those after it up to the first one with a
  // chart on show (not in a closed "earlier years" part) while the task is short (8 ms: on a
  // fast screen they share it, on a busy one each has its own), and nothing after that one;
  // the others after it, not all in the same task.
  const firstChartSection = await page.$$eval('section.theme', (s) => s.find((x) => [...x.querySelectorAll('canvas')]
    .some((c) => !c.closest('details.earlier')))?.dataset.testid);
  assert.ok(firstChartSection, 'a section with a chart on show');
  assert.ok(batches[0].length <= sections.indexOf(firstChartSection) + 1, `first batch: ${batches[0]}, first chart in ${firstChartSection}`);
  assert.deepEqual(batches[0], sections.slice(0, batches[0].length), 'in reading order');
  assert.ok(batches.length >= 3, `batches: ${JSON.stringify(batches)}`);
  const ids = await page.$$eval('section.theme', (s) => s.map((x) => x.dataset.testid));
  // A switch to Russian while the report is still being built (slowed down 6 times).
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
  await page.goto(`${env.url}/?lang=en&sw=off`);
  await page.getByTestId('title').waitFor({ timeout: 20000 });
  await page.getByTestId('lang-ru').click();
  await page.waitForFunction(() => document.querySelector('#h-sources')?.textContent.includes('Источники'), null, { timeout: 30000 });
  await page.waitForTimeout(1500);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  const after = await page.$$eval('section.theme', (s) => s.map((x) => x.dataset.testid));
  assert.deepEqual(after, ids, 'each section once, in order');
  assert.equal(await page.locator('#h-sources').count(), 1);
  // Every section in Russian: no English one left from the first build.
  const titles = await page.$$eval('section.theme > h2', (h) => h.map((x) => x.textContent));
  assert.ok(titles.every((t) => /[а-яё]/i.test(t)), `titles: ${titles}`);
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

// Layout shifts of what the reader sees, summed (the browser's layout-shift timing). Those
// marked as after input are counted too: Chromium marks the report's own under touch emulation
// (`hadRecentInput`), and Lighthouse counted them.
const LAYOUT_SHIFTS = `window.__shifts = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__shifts.push([e.value, e.sources.map((s) => s.node && s.node.nodeType === 1 ? s.node.tagName + '.' + s.node.className : String(s.node && s.node.nodeName)).join(' ')]); }).observe({ type: 'layout-shift', buffered: true });`;

test('on a slow phone the report is built part by part without moving what is on screen, and its top is all shown', async () => {
  const context = await env.browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
  await context.addInitScript(LAYOUT_SHIFTS);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(`${env.url}/?lang=kk&sw=off`);
  await page.waitForFunction(() => performance.getEntriesByName('esep:report-built').length > 0, null, { timeout: 60000 });
  await page.waitForTimeout(500);
  const shifts = await page.evaluate(() => window.__shifts);
  const total = shifts.reduce((sum, [v]) => sum + v, 0);
  // Lighthouse's "good" is under 0.1; the footer pushed down in view was 0.19.
  assert.ok(total < 0.05, `layout shift ${total.toFixed(3)}: ${JSON.stringify(shifts)}`);
  // The key figures and the sections' bar, built hidden with the top, are shown.
  await assert.doesNotReject(page.locator('.key-figures').waitFor({ state: 'visible', timeout: 1000 }));
  await assert.doesNotReject(page.getByTestId('toc').waitFor({ state: 'visible', timeout: 1000 }));
  await context.close();
});

test('the first chart on show is drawn with its section, without waiting for the browser to report it near; later charts wait', async () => {
  // An IntersectionObserver that never reports: only what is drawn without it shows.
  const init = `window.IntersectionObserver = class { observe() {} unobserve() {} disconnect() {} takeRecords() { return []; } };`;
  const { page, context, problems } = await openPage(env.browser, `${env.url}/?lang=en&sw=off`, { init });
  await page.waitForFunction(() => performance.getEntriesByName('esep:report-built').length > 0, null, { timeout: 20000 });
  const open = await page.$$eval('canvas[data-testid^=chart-]', (cs) => cs
    .filter((c) => !c.closest('details:not([open])') && !c.closest('[hidden]'))
    .map((c) => c.dataset.testid));
  assert.ok(open.length >= 3, `charts on show: ${open}`);
  const sel = (id) => `[data-testid="${id}"]`;
  assert.ok(await canvasColours(page, sel(open[0])) >= 4, `${open[0]}, the first chart on show, is drawn`);
  // A chart further down is reserved (its height set) but not drawn until it comes near.
  const last = open.at(-1);
  assert.ok(await canvasColours(page, sel(last)) < 4, `${last} is not drawn before it comes near`);
  assert.ok(await page.$eval(sel(last), (c) => c.clientHeight) > 40, `${last} has its height reserved`);
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});
