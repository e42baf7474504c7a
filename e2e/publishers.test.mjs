// For publishers and other regions: the feed checker, ?feed=, ?compare=, JSON-stat, CSV, xlsx.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, openPage, root, canvasColours, chartDrawn, figuresShown } from './helpers.mjs';

let env;
before(async () => {
  env = await launch();
});
after(async () => {
  await env?.close();
});

const file = (p) => path.join(root, p);
const drawn = chartDrawn;

async function checker(lang = 'en') {
  const opened = await openPage(env.browser, `${env.url}/check/?lang=${lang}`);
  await opened.page.getByTestId('file').waitFor({ timeout: 20000 });
  return opened;
}

test('the checker passes a good feed and previews it, all in the browser', async () => {
  const { page, context, problems } = await checker();
  await page.getByTestId('file').setInputFiles(file('tests/feeds/good/minimal.json'));
  const summary = page.getByTestId('check-summary');
  await summary.waitFor();
  assert.match(await summary.innerText(), /^0 errors, 0 warnings\. No errors: the file can be published\./);
  // Its three figures are each comparable with no other: three cards.
  await figuresShown(page);
  assert.equal(await page.getByTestId('preview').getByTestId('figure-card').count(), 3);
  assert.deepEqual(problems.requests, [], 'nothing leaves the machine');
  await context.close();
});

test('a bad feed dropped on the checker lists every problem with its path, and previews what is valid', async () => {
  const { page, context } = await checker();
  const text = fs.readFileSync(file('tests/feeds/partly-broken.json'), 'utf8');
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'partly-broken.json', { type: 'application/json' }));
    document.querySelector('[data-testid=drop]').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, text);
  const summary = page.getByTestId('check-summary');
  await summary.waitFor();
  assert.match(await summary.innerText(), /^4 errors, 0 warnings\. Errors block publishing/);
  const rows = await page.getByTestId('problem').allInnerTexts();
  assert.equal(rows.length, 4);
  assert.ok(rows.some((r) => /error\s+observations\[2\]\.metric\s+unknown metric 'frod'/.test(r)), rows.join('\n'));
  assert.ok(rows.some((r) => /sources\[1\]\.url/.test(r)));
  await figuresShown(page);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await context.close();
});

test('the checker imports a JSON-stat dataset through the same validation', async () => {
  const { page, context } = await checker();
  await page.getByTestId('file').setInputFiles(file('tests/fixtures/crime.jsonstat.json'));
  await page.getByTestId('check-summary').waitFor();
  assert.match(await page.getByTestId('check-summary').innerText(), /^0 errors/);
  await drawn(page);
  assert.match(await page.getByTestId('preview').innerText(), /Registered crimes \(illustrative\)/);
  // Without href: one message, in JSON-stat's terms, and nothing that follows from it.
  const text = fs.readFileSync(file('tests/fixtures/crime.jsonstat.json'), 'utf8').replace(/\n\s*"href": "[^"]*",/, '');
  await page.getByTestId('file').setInputFiles({ name: 'no-href.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  const refused = page.getByTestId('check-refused');
  await refused.waitFor();
  assert.deepEqual(await refused.locator('p').allInnerTexts(),
    ['the dataset has no "href": add the address of the published table, or name a source in "extension.esep" ("source_url")']);
  await context.close();
});

test('the checker reads a tidy CSV and a feed by address, and refuses an HTML page', async () => {
  const { page, context } = await checker('ru');
  await page.getByTestId('file').setInputFiles(file('tests/fixtures/figures.csv'));
  await page.getByTestId('check-summary').waitFor();
  assert.match(await page.getByTestId('check-summary').innerText(), /^0 ошибок/);
  await page.getByTestId('url').fill('../tests/feeds/bad/19-unknown-metric.json');
  await page.getByRole('button', { name: 'Проверить' }).click();
  await page.getByTestId('problem').filter({ hasText: "unknown metric 'frod'" }).waitFor();
  await page.getByTestId('file').setInputFiles(file('tests/feeds/bad/03-html-page.json'));
  await page.getByTestId('check-refused').waitFor();
  assert.match(await page.getByTestId('check-refused').innerText(), /HTML page, not a JSON feed/);
  await context.close();
});

test('the checker reads an Excel workbook like its CSV: chosen or dropped, checked and previewed', async () => {
  const { page, context, problems } = await checker();
  // The workbook reader is a split module of its own, fetched when a workbook comes.
  const reader = [];
  page.on('request', (r) => /split_xlsx-[\w-]+\.wasm$/.test(r.url()) && reader.push(r.url()));
  const input = page.getByTestId('file');
  assert.match(await input.getAttribute('accept'), /\.xlsx/);
  await input.setInputFiles(file('tests/fixtures/figures.csv'));
  await page.getByTestId('check-summary').waitFor();
  assert.deepEqual(reader, [], 'a CSV needs no workbook reader');
  await input.setInputFiles(file('tests/fixtures/figures.xlsx'));
  await page.getByRole('heading', { name: 'figures.xlsx' }).waitFor();
  const summary = page.getByTestId('check-summary');
  // The one warning is the converted feed's missing data_as_of, as for the CSV.
  assert.match(await summary.innerText(), /^0 errors, 1 warning\. No errors: the file can be published\./);
  assert.equal(await page.locator('[data-testid=problem].sev-error').count(), 0);
  // What the same rows as CSV show: six figure cards (Kazakhstan's two years are a chart under
  // "Earlier years", closed).
  await figuresShown(page);
  const preview = page.getByTestId('preview');
  assert.equal(await preview.getByTestId('figure-card').count(), 6);
  const text = await preview.innerText();
  // Percentage cells (-7 %, stored as -0.07) read as they show; numbers and units kept.
  assert.match(text, /−7%\s+registered crimes\s+Aktobe region · 2025 vs 2024/);
  assert.match(text, /−3\.8%\s+registered crimes/);
  assert.match(text, /76 kg\s+synthetic drugs seized/);
  assert.match(text, /Kazakhstan — for comparison/);
  // Dropped, a workbook without the source columns is refused with one message naming them.
  const bytes = fs.readFileSync(file('tests/fixtures/figures-no-source-columns.xlsx')).toString('base64');
  await page.evaluate((b64) => {
    const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([data], 'figures.xlsx'));
    document.querySelector('[data-testid=drop]').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, bytes);
  const refused = page.getByTestId('check-refused');
  await refused.waitFor();
  assert.match(await refused.innerText(), /columns 'source_url' and 'source_date' are missing/);
  assert.equal(reader.length, 1, 'the workbook reader is fetched once');
  assert.deepEqual(problems.requests, [], 'nothing leaves the machine');
  await context.close();
});

test('?feed= loads another conforming feed and says which file is in use', async () => {
  const { page, context } = await openPage(env.browser, `${env.url}/?lang=en&feed=tests/feeds/good/illustrative-rates.json`);
  await figuresShown(page);
  assert.match(await page.getByTestId('title').innerText(), /Illustrative feed for per-100 000 rates/);
  assert.match(await page.getByTestId('feed-address').innerText(), /Data file: tests\/feeds\/good\/illustrative-rates\.json/);
  assert.match(await page.locator('body').innerText(), /Illustrative: not real data/);
  await context.close();
});

test('?feed= on a host that refuses says so, with the address and a retry; javascript: is ignored', async () => {
  const { page, context } = await openPage(env.browser, `${env.url}/?lang=en&feed=http://127.0.0.1:9/feed.json`);
  const panel = page.getByTestId('feed-error');
  await panel.waitFor({ timeout: 20000 });
  assert.match(await panel.innerText(), /The data file did not load/);
  assert.match(await panel.getByTestId('cors-hint').innerText(), /may not allow other pages to read it \(CORS\)/);
  assert.match(await panel.innerText(), /http:\/\/127\.0\.0\.1:9\/feed\.json/);
  await context.close();
  const second = await openPage(env.browser, `${env.url}/?lang=en&feed=javascript:alert(1)`);
  await drawn(second.page);
  assert.match(await second.page.getByTestId('title').innerText(), /Results for 2025/);
  await second.context.close();
});

test('?compare= puts two regions on shared axes, per 100 000 people where populations exist', async () => {
  const { page, context } = await openPage(env.browser, `${env.url}/compare.html?lang=en&feed=tests/feeds/good/illustrative-rates.json&compare=tests/feeds/good/illustrative-rates-b.json`);
  const section = page.getByTestId('compare');
  await section.locator('canvas').first().waitFor({ timeout: 20000 });
  const text = await section.innerText();
  assert.match(text, /Registered crimes \(per 100,000 people\) · Jan–Sep 2025/);
  // 2012 of 900 000 → 223.6; 1500 of 450 000 → 333.3.
  assert.match(text, /223\.6/);
  assert.match(text, /333\.3/);
  await context.close();
});

test('the whole feed downloads as tidy CSV with source columns', async () => {
  const { page, context } = await openPage(env.browser, `${env.url}/?lang=en`);
  await drawn(page);
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-all').click()]);
  assert.equal(dl.suggestedFilename(), 'aktobe-2025-all-en.csv');
  const lines = fs.readFileSync(await dl.path(), 'utf8').trim().split('\r\n');
  assert.equal(lines.length, 1 + 58);
  assert.match(lines[0], /source_url,source_date,source_grade,quote,origin,note,illustrative$/);
  assert.ok(lines.slice(1).every((l) => l.endsWith(',false')), 'a real feed: illustrative false on every row');
  await context.close();
});
