// An illustrative feed says so wherever its figures can travel: charts, cards, the embed, the
// comparison, and the CSV, SVG and PNG downloads.
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

const FEED = 'tests/feeds/good/illustrative-districts.json';
const RU = 'Иллюстрация: не реальные данные';
const CHART = 'crime-districts-1';

test('an illustrative feed is labelled on its charts, cards and downloads (ru)', async () => {
  const { page, context } = await openPage(env.browser, `${env.url}/?feed=${FEED}&lang=ru`);
  await page.locator(`[data-testid=chart-${CHART}]`).waitFor({ state: 'visible', timeout: 20000 });
  await chartDrawn(page);
  assert.equal(await page.getByTestId('report-illustrative').innerText(), RU);
  // Every chart and every headline card carries the label.
  const figures = page.locator('figure.chart');
  const nFigures = await figures.count();
  assert.ok(nFigures > 0);
  assert.equal(await page.locator('figure.chart [data-testid=chart-illustrative]').count(), nFigures);
  const fig = page.getByTestId(`figure-${CHART}`);
  assert.equal(await fig.getByTestId('chart-illustrative').innerText(), RU);
  assert.ok(await fig.getByTestId('chart-illustrative').isVisible());
  const cards = page.getByTestId('headline');
  assert.ok((await cards.count()) > 0);
  assert.equal(await page.locator('[data-testid=headline] [data-testid=card-illustrative]').count(), await cards.count());
  assert.equal(await cards.first().getByTestId('card-illustrative').innerText(), RU);

  const get = async (kind) => {
    const [dl] = await Promise.all([page.waitForEvent('download'), fig.getByTestId(`download-${kind}`).click()]);
    return fs.readFileSync(await dl.path());
  };
  const csv = (await get('csv')).toString('utf8').replace(/^\uFEFF/, '');
  const lines = csv.trimEnd().split('\r\n');
  assert.equal(lines[0], `# ${RU}`);
  const header = lines[1].split(',');
  assert.equal(header.at(-1), 'illustrative');
  assert.ok(lines.length > 2);
  for (const line of lines.slice(2)) assert.match(line, /,true$/, line);
  const svg = (await get('svg')).toString('utf8');
  assert.match(svg, new RegExp(`<title>[^<]*\\(${RU}\\)</title>`));
  assert.match(svg, new RegExp(`<desc>${RU}\\. `));
  assert.match(svg, new RegExp(`<text[^>]*>${RU}</text></svg>`));
  const png = await get('png');
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  await context.close();
});

test('the embed of an illustrative chart says so in its figure, heading and credit line', async () => {
  const { page, context } = await openPage(env.browser, `${env.url}/embed.html?embed=${CHART}&feed=${FEED}&lang=en`, { width: 400 });
  await chartDrawn(page);
  assert.equal(await page.getByTestId('chart-illustrative').innerText(), 'Illustrative: not real data');
  assert.match(await page.getByTestId('embed-credit').innerText(), /^Illustrative: not real data\. /);
  assert.match(await page.locator('h1').textContent(), /^Illustrative: not real data\. /);
  await context.close();
});

test('a comparison with an illustrative feed says so', async () => {
  const url = `${env.url}/compare.html?lang=en&feed=tests/feeds/good/illustrative-rates.json&compare=tests/feeds/good/illustrative-rates-b.json`;
  const { page, context } = await openPage(env.browser, url);
  const compare = page.getByTestId('compare');
  await compare.getByTestId('compare-illustrative').waitFor({ timeout: 20000 });
  assert.equal(await compare.getByTestId('compare-illustrative').innerText(), 'Illustrative: not real data');
  await compare.locator('figure.chart').first().waitFor({ timeout: 20000 });
  assert.ok((await compare.locator('figure.chart [data-testid=chart-illustrative]').count()) > 0);
  await context.close();
});

test('a real feed carries no label, and its CSV says false', async () => {
  const { page, context } = await openPage(env.browser, `${env.url}/?lang=en`);
  await page.locator('[data-testid=chart-crime-by-gravity-changes]').waitFor({ state: 'visible', timeout: 20000 });
  assert.equal(await page.locator('.badge-illustrative').count(), 0);
  const fig = page.getByTestId('figure-crime-by-gravity-changes');
  const [dl] = await Promise.all([page.waitForEvent('download'), fig.getByTestId('download-csv').click()]);
  const lines = fs.readFileSync(await dl.path()).toString('utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
  assert.match(lines[0], /^indicator,.*,illustrative$/);
  for (const line of lines.slice(1)) assert.match(line, /,false$/, line);
  await context.close();
});
