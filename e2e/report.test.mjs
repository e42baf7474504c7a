// The report page as a reader meets it, in real headless Chromium against the release build.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launch, openPage, canvasColours, artifacts, chartDrawn } from './helpers.mjs';

let env;
before(async () => {
  env = await launch();
});
after(async () => {
  await env?.close();
});

async function reportReady(page) {
  await page.getByTestId('chart-crime-by-gravity-changes').waitFor({ state: 'visible', timeout: 20000 });
  await chartDrawn(page);
}

test('the report draws the change chart on a canvas, with its sources, and no errors', async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.url}/?lang=en`);
  await reportReady(page);
  assert.match(await page.getByTestId('title').innerText(), /Results for 2025/);
  assert.ok((await canvasColours(page, '[data-testid=chart-crime-by-gravity-changes]')) >= 4, 'the canvas has drawn content');
  const aria = await page.getByTestId('chart-crime-by-gravity-changes').getAttribute('aria-label');
  // The title, where, when and who counted, then every figure in words.
  assert.match(aria, /^Particularly serious crimes fell by 61% in January–September\. Aktobe Region · Jan–Sep 2025 vs Jan–Sep 2024 · Prosecutor's Office of Aktobe Region\. /);
  assert.match(aria, /Minor crimes, Aktobe Region: fell by 1\.6\s?% in Jan–Sep 2025 compared with Jan–Sep 2024\./);
  const links = await page.getByTestId('chart-sources').locator('a').evaluateAll((as) => as.map((a) => a.href));
  assert.ok(links.length >= 2, `chart sources listed: ${links}`);
  assert.ok(links.every((h) => h.startsWith('https://')), 'every chart source is an https link');
  assert.ok(links.some((h) => h.includes('enbekshiqazaq')), 'the prosecutor\'s 9-month release is cited');
  const first = await page.evaluate(() => performance.getEntriesByName('esep:chart-drawn')[0].startTime);
  console.log(`# first chart drawn ${first.toFixed(0)} ms after navigation`);
  assert.deepEqual(problems.console, []);
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.requests, [], 'no third-party requests');
  await context.close();
});

test('headline cards show the office\'s lead figures with unit, period and source', async () => {
  const { page, context } = await openPage(env.browser, `${env.url}/?lang=en`);
  await reportReady(page);
  const cards = page.getByTestId('headline');
  assert.equal(await cards.count(), 5);
  const text = (await cards.allInnerTexts()).join('\n');
  assert.match(text, /−7\s?%/);
  assert.match(text, /76 kg/);
  assert.match(text, /Source: Prosecutor's Office of Aktobe Region \(gov\.kz/);
  // The header names the office as the feed's compiler, with how many sources it drew on.
  assert.equal(await page.getByTestId('compiled-by').innerText(), "Compiled by: Prosecutor's Office of Aktobe Region · 14 sources");
  // No headline of the real feed has earlier levels of the same length: no sparkline is drawn.
  assert.equal(await page.getByTestId('headline').getByTestId('sparkline').count(), 0);
  await context.close();
});

test('every source is listed with a working https link', async () => {
  const { page, context } = await openPage(env.browser, `${env.url}/?lang=en`);
  await reportReady(page);
  const hrefs = await page.getByTestId('sources').locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.equal(hrefs.length, 14);
  for (const h of hrefs) assert.match(h, /^https?:\/\//);
  await context.close();
});

test('the language switch changes the page and <html lang>, and the URL keeps it', async () => {
  const { page, context } = await openPage(env.browser, `${env.url}/?lang=en`);
  await reportReady(page);
  await page.getByTestId('lang-ru').click();
  await page.waitForFunction(() => document.documentElement.lang === 'ru');
  assert.match(await page.getByTestId('title').innerText(), /Итоги 2025 года/);
  assert.match(page.url(), /lang=ru/);
  await page.getByTestId('lang-kk').click();
  await page.waitForFunction(() => document.documentElement.lang === 'kk');
  assert.match(await page.locator('h2#h-sources').innerText(), /Дереккөздер/);
  await context.close();
});

test('numbers follow the reader\'s locale', async () => {
  const { page, context } = await openPage(env.browser, `${env.url}/?lang=ru`);
  await reportReady(page);
  const all = await page.locator('main').textContent();
  // 1 638 with a (narrow) no-break space as the Russian group separator, 3,8 with a comma.
  assert.match(all, /1[\u00a0\u202f ]638/);
  assert.match(all, /3,8\s?%/);
  await context.close();
});

test('the app works from a sub-path of the host (relative URLs)', async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.url}/sub/path/?lang=en`);
  await reportReady(page);
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

test('a feed that answers 404 shows a readable error with a retry, not a blank page', async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.url}/t/404/?lang=en`);
  const panel = page.getByTestId('feed-error');
  await panel.waitFor({ timeout: 20000 });
  const text = await panel.innerText();
  assert.match(text, /The data file did not load/);
  assert.match(text, /HTTP 404/);
  assert.ok(await panel.getByRole('button', { name: 'Try again' }).isVisible());
  assert.deepEqual(problems.pageErrors, [], 'no panic');
  await context.close();
});

test('when the words of the error panel cannot be fetched, it still says the data cannot be shown, with a retry', async () => {
  // What went wrong is told by a split module (src/ui/status.rs): here it never arrives.
  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
  await context.route(/split_[\w-]+\.wasm$/, (route) => route.abort('internetdisconnected'));
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  await page.goto(`${env.url}/t/404/?lang=en&sw=off`);
  const panel = page.getByTestId('feed-error');
  await panel.waitFor({ timeout: 20000 });
  const text = await panel.innerText();
  assert.match(text, /The data cannot be shown/);
  assert.doesNotMatch(text, /The data file did not load/, 'the split module was refused');
  assert.ok(await panel.getByRole('button', { name: 'Try again' }).isVisible());
  assert.deepEqual(pageErrors, [], 'no panic');
  await context.close();
});

test('an HTML page instead of the feed is reported as such, in Russian too', async () => {
  const { page, context } = await openPage(env.browser, `${env.url}/t/html/?lang=ru`);
  const panel = page.getByTestId('feed-error');
  await panel.waitFor({ timeout: 20000 });
  assert.match(await panel.innerText(), /Файл данных повреждён или в другом формате/);
  await panel.locator('summary').click();
  assert.match(await panel.innerText(), /HTML page, not a JSON feed/);
  await context.close();
});

test('a partly broken feed renders what is valid, lists the problems, and runs no markup', async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.url}/t/broken/?lang=en`);
  await page.getByTestId('problems').waitFor({ timeout: 20000 });
  await page.getByTestId('problems').locator('summary').click();
  const list = await page.getByTestId('problems').innerText();
  assert.match(list, /observations\[2\]\.metric: unknown metric 'frod'/);
  assert.match(list, /observations\[3\]\.value: expected a number/);
  // Each valid change is comparable with no other (another theme): a card each.
  await page.locator('#grave-change').waitFor({ state: 'visible', timeout: 20000 });
  assert.match(await page.locator('#grave-change').innerText(), /\+4\s?%/);
  assert.match(await page.locator('body').innerText(), /Illustrative: not real data/);
  // The label with an <img onerror> is shown as text, and nothing ran.
  assert.match(await page.locator('main').textContent(), /<img src=x onerror=/);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('a[href^="javascript:"]').count(), 0);
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

test('screenshots at 360 px and 1280 px, without sideways scrolling on the phone', async () => {
  for (const [width, height, name] of [[360, 780, 'report-360.png'], [1280, 900, 'report-1280.png']]) {
    const { page, context } = await openPage(env.browser, `${env.url}/?lang=en`, {
      width, height, isMobile: width < 500, hasTouch: width < 500, deviceScaleFactor: width < 500 ? 2 : 1,
    });
    await reportReady(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${width}px: page scrolls sideways by ${overflow}px`);
    const backing = await page.$eval('[data-testid=chart-crime-by-gravity-changes]', (c) => [c.width, c.getBoundingClientRect().width, devicePixelRatio]);
    assert.ok(Math.abs(backing[0] - Math.round(backing[1] * backing[2])) <= 1, `canvas backing ${backing}`);
    await page.screenshot({ path: path.join(artifacts, name), fullPage: true });
    await context.close();
  }
});

test('a chart\'s data table lists the changes the page computed, said as computed, with the published one first', async () => {
  const { page, context } = await openPage(env.browser, `${env.url}/?lang=en#crime-trend-1`);
  await reportReady(page);
  const figure = page.getByTestId('figure-crime-trend-1');
  await figure.locator('details.data-table summary').click();
  // The table is filled from its split module when it opens.
  await figure.locator('details.data-table tbody tr').first().waitFor();
  const computed = figure.locator('details.data-table tbody tr.computed');
  assert.equal(await computed.count(), 1, 'Q1 2019 → Q1 2020: one computed change');
  const row = await computed.innerText();
  assert.match(row, /Q1 2020/);
  assert.match(row, /−30\.2\s?% vs Q1 2019, as published by the source; −36\.7\s?%, computed from the published figures/);
  // Both levels come from the police's one release: named once.
  assert.match(row, /\tPolice Department of Aktobe Region \(polisia\.kz\)$/);
  const first = await figure.locator('details.data-table tbody tr').first().innerText();
  assert.match(first, /3,180/);
  assert.match(first, /Police Department of Aktobe Region \(polisia\.kz\)/);
  await context.close();
});
