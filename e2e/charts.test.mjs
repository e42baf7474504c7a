// Charts a reader can touch: hover, tap, keys, legend, sharp canvases, downloads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { launch, openPage, chartDrawn } from './helpers.mjs';

let env;
before(async () => {
  env = await launch();
});
after(async () => {
  await env?.close();
});

const CHANGES = '[data-testid=chart-crime-by-gravity-changes]';

async function ready(page, selector = CHANGES) {
  await page.locator(selector).waitFor({ state: 'visible', timeout: 20000 });
  await chartDrawn(page);
}

function tipOf(page, selector) {
  return page.locator(`${selector} ~ [data-testid=tooltip]`);
}

/** Moves the mouse down the canvas and records the tooltip's value at each step. */
async function sweep(page, selector) {
  const canvas = page.locator(selector);
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  const seen = [];
  for (let y = 2; y < box.height; y += 6) {
    await page.mouse.move(box.x + box.width * 0.5, box.y + y);
    const tip = tipOf(page, selector);
    if (await tip.isVisible()) {
      const value = await tip.locator('.tip-value').innerText();
      if (seen.at(-1)?.value !== value) seen.push({ y, value, text: await tip.innerText() });
    }
  }
  return seen;
}

test('hovering each bar shows its own value, period and source, in order', async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.url}/?lang=en`);
  await ready(page);
  const seen = await sweep(page, CHANGES);
  const values = seen.map((s) => s.value);
  assert.deepEqual(values, ['−61%', '−8.6%', '−1.6%']);
  assert.match(seen[0].text, /Particularly serious crimes/);
  assert.match(seen[0].text, /Jan–Sep 2025 vs Jan–Sep 2024/);
  // The agency the figure comes from, then the site that published it.
  assert.match(seen[0].text, /Source: Prosecutor's Office of Aktobe Region \(enbekshiqazaq\.kz/);
  assert.match(seen[2].text, /Minor crimes/);
  // Leaving the canvas hides the tooltip.
  await page.mouse.move(1, 1);
  assert.equal(await tipOf(page, CHANGES).isVisible(), false);
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

test('arrow keys move through the points, the value is announced, Escape hides it', async () => {
  const { page, context } = await openPage(env.browser, `${env.url}/?lang=en`);
  await ready(page);
  await page.locator(CHANGES).focus();
  await page.keyboard.press('ArrowRight');
  const tip = tipOf(page, CHANGES);
  assert.match(await tip.locator('.tip-value').innerText(), /−61%/);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.match(await tip.locator('.tip-value').innerText(), /−1\.6%/);
  const live = page.locator('[data-testid=figure-crime-by-gravity-changes] [data-testid=announce]');
  assert.match(await live.textContent(), /Minor crimes: −1\.6%\. Aktobe Region · Jan–Sep 2025 vs Jan–Sep 2024/);
  // At the last point, a further arrow stays there.
  await page.keyboard.press('ArrowRight');
  assert.match(await tip.locator('.tip-value').innerText(), /−1\.6%/);
  assert.equal(await live.getAttribute('aria-live'), 'polite');
  await page.keyboard.press('ArrowLeft');
  assert.match(await tip.locator('.tip-value').innerText(), /−8\.6%/);
  await page.keyboard.press('Escape');
  assert.equal(await tip.isVisible(), false);
  await context.close();
});

test('a tap on a 360 px touch screen shows the tooltip of the bar under the finger', async () => {
  const { page, context } = await openPage(env.browser, `${env.url}/?lang=ru`, {
    width: 360, height: 780, isMobile: true, hasTouch: true, deviceScaleFactor: 2,
  });
  await ready(page);
  const canvas = page.locator(CHANGES);
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  await page.touchscreen.tap(box.x + box.width / 2, box.y + 30);
  const tip = tipOf(page, CHANGES);
  await tip.waitFor({ state: 'visible' });
  assert.match(await tip.innerText(), /Особо тяжкие преступления/);
  assert.match(await tip.locator('.tip-value').innerText(), /−61\s?%/);
  // The tooltip stays inside the screen.
  const t = await tip.boundingBox();
  assert.ok(t.x >= 0 && t.x + t.width <= 360, `tooltip at ${t.x}..${t.x + t.width}`);
  await context.close();
});

test('legend entries toggle series off and on, and the chart redraws', async () => {
  const { page, context } = await openPage(env.browser, `${env.url}/?lang=en`);
  await ready(page);
  // The several series of Kazakhstan's gravity categories are from earlier years: open them.
  await page.getByTestId('earlier-kazakhstan').locator(':scope > summary').click();
  const figure = page.locator('figure.chart', { has: page.getByTestId('legend-item') }).first();
  await figure.scrollIntoViewIfNeeded();
  const items = figure.getByTestId('legend-item');
  assert.ok((await items.count()) >= 2);
  const canvas = figure.locator('canvas');
  const before = await canvas.evaluate((c) => c.toDataURL());
  await items.first().click();
  assert.equal(await items.first().getAttribute('aria-pressed'), 'false');
  await page.waitForFunction((c) => c.toDataURL() !== c.dataset.before, await canvas.elementHandle().then(async (h) => { await h.evaluate((c, b) => { c.dataset.before = b; }, before); return h; }));
  // The last visible series cannot be switched off.
  const n = await items.count();
  for (let i = 1; i < n; i++) await items.nth(i).click();
  assert.equal(await items.nth(n - 1).getAttribute('aria-pressed'), 'true');
  await items.first().click();
  assert.equal(await items.first().getAttribute('aria-pressed'), 'true');
  await context.close();
});

test('canvases are sized to CSS width × devicePixelRatio at DPR 2 and redraw on resize', async () => {
  const { page, context } = await openPage(env.browser, `${env.url}/?lang=en`, { width: 800, height: 900, deviceScaleFactor: 2 });
  await ready(page);
  const size = () => page.$eval(CHANGES, (c) => ({ w: c.width, h: c.height, cw: c.getBoundingClientRect().width, ch: c.getBoundingClientRect().height }));
  let s = await size();
  assert.equal(s.w, Math.round(s.cw * 2));
  assert.ok(Math.abs(s.h - s.ch * 2) <= 1, JSON.stringify(s));
  await page.setViewportSize({ width: 500, height: 900 });
  await page.waitForFunction((sel) => { const c = document.querySelector(sel); return c.width === Math.round(c.getBoundingClientRect().width * 2); }, CHANGES);
  s = await size();
  assert.ok(s.cw < 500);
  await context.close();
});

test('downloads: CSV with sources, SVG with title and description, PNG at twice the size', async () => {
  const { page, context } = await openPage(env.browser, `${env.url}/?lang=en`);
  await ready(page);
  const fig = page.getByTestId('figure-crime-by-gravity-changes');
  const get = async (kind) => {
    const [dl] = await Promise.all([page.waitForEvent('download'), fig.getByTestId(`download-${kind}`).click()]);
    return { name: dl.suggestedFilename(), body: fs.readFileSync(await dl.path()) };
  };
  const csv = await get('csv');
  assert.equal(csv.name, 'aktobe-2025-crime-by-gravity-changes-en.csv');
  const text = csv.body.toString('utf8');
  assert.match(text.split('\r\n')[0], /indicator,metric_id,area/);
  assert.match(text, /particularly-serious-crimes,Aktobe Region,aktobe-region,2025-01\.\.2025-09,change-pct,2024-01\.\.2024-09,-61,count/);
  assert.match(text, /https:\/\/www\.enbekshiqazaq\.kz\//);
  const svg = await get('svg');
  assert.equal(svg.name, 'aktobe-2025-crime-by-gravity-changes-en.svg');
  const s = svg.body.toString('utf8');
  assert.match(s, /^<svg/);
  assert.match(s, /<title>Particularly serious crimes fell by 61% in January–September<\/title>/);
  assert.match(s, /<desc>[^<]*Data: Prosecutor&apos;s Office of Aktobe Region \(enbekshiqazaq\.kz\)\. Compiled by: Prosecutor&apos;s Office of Aktobe Region\./);
  assert.match(s, /<desc>[^<]*Source: [^<]*enbekshiqazaq\.kz/);
  assert.equal((s.match(/<rect/g) || []).length, 4, 'a rect per bar plus the background');
  // Labels go through the page's SVG writer too (ui/backend.rs: Lettering), with their size.
  assert.match(s, /<text[^>]*font-size="\d[^"]*"[^>]*>[^<]*61[^<]*<\/text>/);
  const png = await get('png');
  assert.equal(png.name, 'aktobe-2025-crime-by-gravity-changes-en.png');
  assert.equal(png.body.subarray(1, 4).toString(), 'PNG');
  const width = png.body.readUInt32BE(16);
  const cssWidth = await page.$eval(CHANGES, (c) => c.getBoundingClientRect().width);
  assert.equal(width, Math.round(cssWidth * 2));
  await context.close();
});

test('a download whose code cannot be fetched says so, and works once it can', async () => {
  const { page, context } = await openPage(env.browser, `${env.url}/?lang=ru&sw=off`);
  await ready(page);
  // The download code is a split module fetched at the first download (scripts/wasm-ld.mjs).
  await page.route(/split_[\w-]+\.wasm$/, (route) => route.abort('internetdisconnected'));
  const fig = page.getByTestId('figure-crime-by-gravity-changes');
  await fig.getByTestId('download-csv').click();
  await page.waitForFunction(() => /Не удалось загрузить/.test(document.querySelector('[data-testid=figure-crime-by-gravity-changes] [data-testid=share-status]')?.textContent));
  await page.unroute(/split_[\w-]+\.wasm$/);
  const [dl] = await Promise.all([page.waitForEvent('download'), fig.getByTestId('download-csv').click()]);
  assert.equal(dl.suggestedFilename(), 'aktobe-2025-crime-by-gravity-changes-ru.csv');
  // The message goes once a download works.
  assert.equal(await fig.getByTestId('share-status').textContent(), '');
  await context.close();
});

test('district figures (illustrative feed) are ranked bars, labelled illustrative, with hover', async () => {
  const { page, context } = await openPage(env.browser, `${env.url}/t/districts/?lang=en`);
  const sel = '[data-testid=chart-crime-districts-1]';
  await ready(page, sel);
  assert.match(await page.locator('body').innerText(), /Illustrative: not real data/);
  assert.match(await page.getByTestId('figure-crime-districts-1').locator('h3').innerText(), /by district · Jan–Sep 2025/);
  // The headline has earlier published levels, so its card draws a sparkline.
  const spark = page.getByTestId('headline').first().getByTestId('sparkline');
  assert.ok(await spark.isVisible());
  assert.ok(await spark.evaluate((img) => img.complete && img.naturalWidth === 96));
  const seen = await sweep(page, sel);
  assert.equal(seen.length, 12, 'Yrgyz has no figure');
  assert.equal(seen[0].value, '1,840');
  assert.match(seen[0].text, /Aktobe · Jan–Sep 2025/);
  const values = seen.map((s) => Number(s.value.replace(/,/g, '')));
  assert.deepEqual(values, [...values].sort((a, b) => b - a), 'largest first');
  await context.close();
});

test('the district tile map: hover, keys and taps show a district, "no data" is marked', async () => {
  for (const touch of [false, true]) {
    const { page, context } = await openPage(env.browser, `${env.url}/t/districts/?lang=en`, touch
      ? { width: 360, height: 780, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {});
    const sel = '[data-testid=chart-crime-map-1]';
    await ready(page, sel);
    const canvas = page.locator(sel);
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    // Tiles are at most 150 px with 4 px gaps; Aktobe city sits in column 3, row 2.
    const side = Math.min(150, Math.max(40, (box.width - 12) / 4));
    const [x, y] = [box.x + 2 * (side + 4) + side / 2, box.y + (side + 4) + side / 2];
    if (touch) await page.touchscreen.tap(x, y); else await page.mouse.move(x, y);
    const tip = tipOf(page, sel);
    await tip.waitFor({ state: 'visible' });
    assert.match(await tip.innerText(), /Aktobe/);
    assert.equal(await tip.locator('.tip-value').innerText(), '1,840');
    await context.close();
  }
  const { page, context } = await openPage(env.browser, `${env.url}/t/districts/?lang=en`);
  const sel = '[data-testid=chart-crime-map-1]';
  await ready(page, sel);
  await page.locator(sel).focus();
  const values = [];
  for (let i = 0; i < 13; i++) {
    await page.keyboard.press('ArrowRight');
    values.push(await tipOf(page, sel).locator('.tip-value').innerText());
  }
  assert.ok(values.includes('not available'), 'Yrgyz says no data');
  assert.equal(new Set(values).size >= 12, true);
  await context.close();
});

test('the selected district is kept in the address and restored from it', async () => {
  const { page, context } = await openPage(env.browser, `${env.url}/t/districts/?lang=en`);
  const sel = '[data-testid=chart-crime-map-1]';
  await ready(page, sel);
  await page.locator(sel).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('district') === 'alga');
  const second = await context.newPage();
  await second.goto(`${env.url}/t/districts/?lang=en&district=shalkar`);
  await ready(second, sel);
  const tip = tipOf(second, sel);
  await tip.waitFor({ state: 'visible' });
  assert.match(await tip.innerText(), /Shalkar District/);
  await context.close();
});

test('after a language switch and back, each chart is built once and still answers the keys', async () => {
  const { page, context } = await openPage(env.browser, `${env.url}/?lang=en`);
  await ready(page);
  const figures = await page.locator('figure.chart').count();
  assert.ok(figures > 5);
  await page.getByTestId('lang-ru').click();
  await page.getByTestId('lang-en').click();
  // The skip link changes the hash, which fires popstate: nothing may be built twice.
  await page.locator('a.skip').focus();
  await page.keyboard.press('Enter');
  await page.waitForTimeout(200);
  assert.equal(await page.locator('figure.chart').count(), figures);
  assert.equal(await page.locator('figure.chart canvas').count(), figures, 'one canvas per chart');
  assert.equal(await page.locator('figure.chart figcaption').count(), figures);
  await page.locator(CHANGES).focus();
  await page.keyboard.press('ArrowRight');
  assert.match(await tipOf(page, CHANGES).locator('.tip-value').innerText(), /−61%/);
  await context.close();
});
