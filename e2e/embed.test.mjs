// Embeds and sharing: a news article with two charts, permalinks, back/forward, downloads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, openPage, startFixtures, artifacts, axeViolations, chartDrawn } from './helpers.mjs';

let env;
let news;
before(async () => {
  env = await launch();
  news = await startFixtures(env.url);
});
after(async () => {
  await news?.close();
  await env?.close();
});

const drawn = chartDrawn;

/** The iframe's height on the host page and its document's heights (another origin). */
async function frameFits(page, id) {
  const handle = await page.$(`#${id}`);
  const frame = await handle.contentFrame();
  const inner = await frame.evaluate(() => ({ content: document.documentElement.scrollHeight, inner: document.documentElement.clientHeight }));
  const iframe = await handle.evaluate((f) => f.getBoundingClientRect().height);
  return { iframe, ...inner };
}

async function waitFits(page, id, differentFrom) {
  // Chromium pauses rendering in off-screen cross-origin frames: look at the frame, as a reader would.
  await page.locator(`#${id}`).scrollIntoViewIfNeeded();
  for (let i = 0; i < 100; i++) {
    const fit = await frameFits(page, id);
    // The frame's own viewport follows the new height a frame later (under load, later still).
    const settled = fit.content <= fit.inner + 1;
    if (Math.abs(fit.iframe - fit.content) <= 2 && Math.abs(fit.iframe - differentFrom) > 2 && settled) return fit;
    await page.waitForTimeout(200);
  }
  throw new Error(`${id} never fitted its content: ${JSON.stringify(await frameFits(page, id))}`);
}

test('a news article embeds two charts; each iframe takes its content height and follows width changes', async () => {
  const { page, context, problems } = await openPage(env.browser, `${news.url}/news-article.html`, { width: 1000, height: 900 });
  // The article embedded #crime-changes before that chart became cards: it shows its successor,
  // the 2025 change, as a card.
  await page.frameLocator('#first').getByTestId('figure-card').waitFor({ timeout: 20000 });
  assert.match(await page.frameLocator('#first').getByTestId('figure-card').innerText(), /−7%/);
  await page.frameLocator('#second').locator('canvas').first().waitFor({ timeout: 20000 });
  for (const id of ['first', 'second']) {
    // Different from the fixture's height (200): resized to the content.
    const fit = await waitFits(page, id, 200);
    assert.ok(fit.content <= fit.inner + 1, `${id}: no inner scrollbar (${JSON.stringify(fit)})`);
  }
  const wide = (await frameFits(page, 'second')).iframe;
  await page.setViewportSize({ width: 300, height: 900 });
  const narrow = await waitFits(page, 'second', wide);
  assert.ok(narrow.iframe > wide + 20, `taller when narrow: ${wide} → ${narrow.iframe}`);
  assert.ok(narrow.content <= narrow.inner + 1, 'still no inner scrollbar at 300 px');
  await page.screenshot({ path: path.join(artifacts, 'news-article-300.png'), fullPage: true });
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

test('the embed shows title, summary, source, credit and a full-report link; no page chrome', async () => {
  const { page, context } = await openPage(env.browser, `${env.url}/embed.html?embed=crime-by-gravity-changes&lang=kk`, { width: 400 });
  await drawn(page);
  assert.equal(await page.locator('.topbar').isVisible(), false);
  assert.match(await page.locator('.chart-title').innerText(), /Тоғыз айда аса ауыр қылмыстар 61\s?%-ға азайды/);
  assert.ok(await page.getByTestId('chart-sources').locator('a').first().isVisible());
  const credit = page.getByTestId('embed-credit');
  // The chart's figures are the office's own, from its 9-month release; it also compiled the feed.
  assert.match(await credit.innerText(), /^Деректер: Ақтөбе облысының прокуратурасы \(enbekshiqazaq\.kz\)\. Құрастырушы: Ақтөбе облысының прокуратурасы\./);
  assert.match(await credit.innerText(), /esep/);
  const full = credit.getByTestId('full-report');
  assert.equal(await full.getAttribute('target'), '_blank');
  assert.match(await full.getAttribute('href'), /\?lang=kk#crime-by-gravity-changes$/);
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgba(0, 0, 0, 0)');
  // The canvas leaves its background to the host page too.
  assert.equal(await page.$eval('canvas', (c) => c.getContext('2d').getImageData(1, 1, 1, 1).data[3]), 0);
  assert.equal(await page.getByTestId('embed').count(), 0, 'no embed button inside an embed');
  assert.deepEqual(await axeViolations(page), []);
  // Downloads work from the embed too.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-csv').click()]);
  assert.equal(dl.suggestedFilename(), 'aktobe-2025-crime-by-gravity-changes-kk.csv');
  await context.close();
});

test('embed.js ignores height messages that do not come from an esep iframe', async () => {
  const { page, context } = await openPage(env.browser, `${news.url}/news-article.html`);
  await page.frameLocator('#second').locator('canvas').first().waitFor({ timeout: 20000 });
  await page.waitForFunction(() => window.__esepEmbed === true);
  const before = await page.evaluate(() => document.getElementById('first').style.height);
  await page.evaluate(() => window.postMessage({ type: 'esep:height', height: 3 }, '*'));
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => document.getElementById('first').style.height), before);
  await context.close();
});

test('an unknown chart id in an embed says so instead of a blank frame', async () => {
  const { page, context } = await openPage(env.browser, `${env.url}/embed.html?embed=no-such-chart&lang=en`);
  await page.getByRole('alert').waitFor({ timeout: 20000 });
  assert.match(await page.getByRole('alert').innerText(), /This report has no such chart/);
  await context.close();
});

test('the Embed button offers the sandboxed snippet and a live preview', async () => {
  const { page, context } = await openPage(env.browser, `${env.url}/?lang=en`);
  await drawn(page);
  const fig = page.getByTestId('figure-crime-by-gravity-changes');
  await fig.getByTestId('embed').click();
  const code = await fig.getByTestId('embed-code').inputValue();
  assert.match(code, /<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\.html\?embed=crime-by-gravity-changes&amp;lang=en"/);
  assert.match(code, /sandbox="allow-scripts allow-same-origin allow-popups allow-downloads"/);
  assert.match(code, /allow="clipboard-write; web-share"/);
  assert.match(code, /embed\.js" async><\/script>/);
  const preview = fig.frameLocator('iframe.embed-preview');
  await preview.locator('canvas').waitFor({ timeout: 20000 });
  // The button closes the panel and opens it again; aria-expanded follows.
  const button = fig.getByTestId('embed');
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  await button.click();
  assert.equal(await fig.getByTestId('embed-panel').isVisible(), false);
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  await button.click();
  assert.equal(await fig.getByTestId('embed-panel').isVisible(), true);
  assert.equal(await fig.getByTestId('embed-panel').count(), 1, 'one panel, not one per click');
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  await context.close();
});

test('the address holds the view: language, theme, hidden series and the chart in view; back and forward work', async () => {
  const { page, context } = await openPage(env.browser, `${env.url}/?lang=en`);
  await drawn(page);
  // The chart with several series is among Kazakhstan's earlier years: open them.
  await page.getByTestId('earlier-kazakhstan').locator(':scope > summary').click();
  const legendFig = page.locator('figure.chart', { has: page.getByTestId('legend-item') }).first();
  const chartId = await legendFig.getAttribute('id');
  await legendFig.getByTestId('legend-item').first().click();
  assert.match(decodeURIComponent(page.url()), new RegExp(`hide=${chartId}:0`));
  await page.getByTestId('lang-ru').click();
  await page.waitForFunction(() => document.documentElement.lang === 'ru');
  await page.goBack();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.goForward();
  await page.waitForFunction(() => document.documentElement.lang === 'ru');
  // A shared link restores the view.
  const shared = `${page.url().split('#')[0]}&theme=dark#${chartId}`;
  const second = await context.newPage();
  await second.goto(shared);
  await drawn(second);
  const fig = second.locator(`#${chartId}`);
  await fig.locator('canvas').waitFor();
  assert.equal(await fig.getByTestId('legend-item').first().getAttribute('aria-pressed'), 'false');
  assert.equal(await second.evaluate(() => document.documentElement.dataset.theme), 'dark');
  assert.equal(await second.evaluate(() => document.documentElement.lang), 'ru');
  await second.waitForFunction((id) => {
    const r = document.getElementById(id).getBoundingClientRect();
    return r.top < innerHeight && r.bottom > 0;
  }, chartId);
  await context.close();
});

test('Share copies the chart\'s share page (with its link preview) where there is no share sheet', async () => {
  const { page, context } = await openPage(env.browser, `${env.url}/?lang=en`);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.url });
  await drawn(page);
  // The site published this version (scripts/build.sh): the line under the sources says so.
  await page.getByTestId('version').locator('a').waitFor({ timeout: 20000 });
  await page.evaluate(() => { delete Navigator.prototype.share; });
  const fig = page.getByTestId('figure-crime-by-gravity-changes');
  await fig.getByTestId('share').click();
  await fig.getByTestId('share-status').filter({ hasText: 'Link copied' }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, `${env.url}/share/crime-by-gravity-changes-en.html`);
  await context.close();
});

test('on a site that published nothing, Share copies the report\'s link to the chart', async () => {
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  await context.route(/\/share\/version\.txt$/, (route) => route.fulfill({ status: 404, body: '' }));
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.url });
  const page = await context.newPage();
  await page.goto(`${env.url}/?lang=en`);
  await drawn(page);
  // The version is shown, without a permanent link: there is no archived copy to link to.
  const version = page.getByTestId('version');
  await version.waitFor({ timeout: 20000 });
  assert.match(await version.innerText(), /^Data version: [0-9a-f]{12}$/);
  await page.evaluate(() => { delete Navigator.prototype.share; });
  const fig = page.getByTestId('figure-crime-by-gravity-changes');
  await fig.getByTestId('share').click();
  await fig.getByTestId('share-status').filter({ hasText: 'Link copied' }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /\?lang=en#crime-by-gravity-changes$/);
  await context.close();
});

test('addresses that ask the report for an embed or a comparison open those pages', async () => {
  for (const [asked, page] of [['?embed=crime-by-gravity-changes&lang=en', 'embed.html'], ['?lang=en&compare=feeds/aktobe-2025.json', 'compare.html']]) {
    const { page: p, context } = await openPage(env.browser, `${env.url}/${asked}`);
    await p.waitForURL((u) => u.pathname.endsWith(`/${page}`), { timeout: 20000 });
    assert.equal(new URL(p.url()).search, asked);
    await p.locator('canvas').first().waitFor({ timeout: 20000 });
    await context.close();
  }
});
