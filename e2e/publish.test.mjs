// Publishing (docs/publishing.md): the share pages and preview images scripts/build.sh wrote into
// dist/ for the bundled feed, the data bundles, the feed's version on the page and in citations,
// pinned versions after the feed changes, and the checker page's Publish step.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { launch, openPage, root } from './helpers.mjs';

let env;
before(async () => {
  env = await launch();
});
after(async () => {
  await env?.close();
});

const dist = path.join(root, 'dist');
const feedBytes = fs.readFileSync(path.join(dist, 'feeds/aktobe-2025.json'));
const version = crypto.createHash('sha256').update(feedBytes).digest('hex');
const short = version.slice(0, 12);
const published = JSON.parse(fs.readFileSync(path.join(dist, 'share/published.json'), 'utf8'));
const BASE = published.base;
const LANGS = ['kk', 'ru', 'en'];
const LOCALES = { kk: 'kk_KZ', ru: 'ru_RU', en: 'en_US' };

/** Every `<meta property|name=… content=…>`, the canonical link and the refresh, by name. */
function tags(html) {
  const out = {};
  const unescape = (s) => s.replaceAll('&quot;', '"').replaceAll('&apos;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
  for (const m of html.matchAll(/<(meta|link) ([^>]*)>/g)) {
    const attrs = Object.fromEntries([...m[2].matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1], unescape(a[2])]));
    const key = attrs.property || attrs.name || attrs['http-equiv'] || attrs.rel;
    const value = attrs.content ?? attrs.href;
    if (key && value !== undefined) (out[key] ||= []).push(value);
  }
  return out;
}

/** The entries of a ZIP, unpacked by Python's zipfile (not by our writer's code). */
function unzip(bytes) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'esep-zip-'));
  const zip = path.join(dir, 'x.zip');
  fs.writeFileSync(zip, bytes);
  const r = spawnSync('python3', ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; z.extractall(sys.argv[2])', zip, path.join(dir, 'out')]);
  assert.equal(r.status, 0, `python3 zipfile refused it: ${r.stderr}`);
  const files = {};
  const walk = (d, prefix = '') => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name), `${prefix}${e.name}/`);
      else files[`${prefix}${e.name}`] = fs.readFileSync(path.join(d, e.name));
    }
  };
  walk(path.join(dir, 'out'));
  return files;
}

/** A PNG's width and height from its IHDR. */
const pngSize = (b) => [b.readUInt32BE(16), b.readUInt32BE(20)];

test('the served share pages carry absolute preview tags for every chart and language, and send readers to the chart', async () => {
  assert.equal(published.version, version, 'published.json names the version of the served feed');
  assert.match(BASE, /^https?:\/\/[^/]+\/.*\/$|^https?:\/\/[^/]+\/$/);
  assert.ok(published.charts.length >= 8, `charts: ${published.charts}`);
  for (const lang of LANGS) {
    for (const id of [...published.charts, 'report']) {
      const rel = `share/${id}-${lang}.html`;
      const res = await fetch(`${env.url}/${rel}`);
      assert.equal(res.status, 200, rel);
      const html = await res.text();
      const t = tags(html);
      const one = (k) => {
        assert.equal(t[k]?.length, 1, `${rel}: ${k} ${JSON.stringify(t[k])}`);
        return t[k][0];
      };
      assert.equal(one('og:url'), `${BASE}${rel}`);
      assert.equal(one('canonical'), `${BASE}${rel}`);
      assert.equal(one('og:image'), `${BASE}share/${id}-${lang}.png`);
      assert.equal(one('og:image:width'), '1200');
      assert.equal(one('og:image:height'), '630');
      assert.equal(one('og:locale'), LOCALES[lang]);
      assert.equal(one('twitter:card'), 'summary_large_image');
      for (const k of ['og:title', 'og:description', 'og:image:alt', 'og:site_name']) assert.ok(one(k).length > 5, `${rel}: ${k}`);
      const target = id === 'report' ? `${BASE}?lang=${lang}` : `${BASE}?lang=${lang}#${id}`;
      assert.equal(one('refresh'), `0; url=${target}`);
      assert.match(html, new RegExp(`<html lang="${lang}">`));
    }
  }
});

test('a share page opens the report at its chart, in its language', async () => {
  const id = published.charts[1];
  const { page, context } = await openPage(env.browser, 'about:blank');
  // The site the pages were published for (the configured base address), served by the test server.
  await context.route((url) => url.href.startsWith(BASE), async (route) => {
    const response = await route.fetch({ url: route.request().url().replace(BASE, `${env.url}/`) });
    await route.fulfill({ response });
  });
  await page.goto(`${BASE}share/${id}-ru.html`);
  await page.waitForURL(`${BASE}?lang=ru#${id}`, { timeout: 20000 });
  await page.getByTestId(`chart-${id}`).waitFor({ timeout: 20000 });
  assert.equal(await page.locator('html').getAttribute('lang'), 'ru');
  await context.unrouteAll({ behavior: 'ignoreErrors' });
  await context.close();
});

test('preview images are 1200 × 630 PNGs under 300 KB, and not blank', async () => {
  const { page, context } = await openPage(env.browser, `${env.url}/share/version.txt`);
  for (const lang of LANGS) {
    for (const id of [...published.charts, 'report']) {
      const rel = `share/${id}-${lang}.png`;
      const bytes = fs.readFileSync(path.join(dist, rel));
      assert.ok(bytes.length <= 300 * 1024, `${rel}: ${bytes.length} bytes`);
      assert.deepEqual(pngSize(bytes), [1200, 630], rel);
    }
  }
  // Drawn in the browser: a real spread of colours, ink on much of the picture.
  for (const rel of ['share/report-kk.png', `share/${published.charts[0]}-ru.png`]) {
    const stats = await page.evaluate(async (src) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = 1200;
      c.height = 630;
      const ctx = c.getContext('2d');
      ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(0, 0, 1200, 630).data;
      let ink = 0;
      const colours = new Set();
      for (let i = 0; i < d.length; i += 4 * 7) {
        if (d[i] + d[i + 1] + d[i + 2] < 600) ink++;
        colours.add((d[i] >> 4) * 256 + (d[i + 1] >> 4) * 16 + (d[i + 2] >> 4));
      }
      return { ink: ink / (d.length / 28), colours: colours.size };
    }, `${env.url}/${rel}`);
    assert.ok(stats.ink > 0.02, `${rel}: ink on ${stats.ink}`);
    assert.ok(stats.colours > 8, `${rel}: ${stats.colours} colours`);
  }
  await context.close();
});

test('the data bundles unpack to the feed\'s figures, their metadata and a citation with the version', async () => {
  const feed = JSON.parse(feedBytes);
  const all = unzip(fs.readFileSync(path.join(dist, 'data/aktobe-2025-all-en.zip')));
  assert.deepEqual(all['aktobe-2025.json'], feedBytes);
  const csv = all['aktobe-2025-all-en.csv'].toString('utf8');
  assert.equal(csv.split('\r\n').filter((l) => l.includes(',published,')).length, feed.observations.length);
  const meta = JSON.parse(all['metadata.json']);
  assert.equal(meta.feed.version, version);
  assert.equal(meta.feed.this_version, `${BASE}feeds/archive/${short}.json`);
  assert.equal(meta.licence.name, 'Licence not stated by the publisher');
  assert.match(all['README.txt'].toString('utf8'), new RegExp(`\\[Data set, version ${short}\\]`));
  const chart = unzip(fs.readFileSync(path.join(dist, `data/aktobe-2025-${published.charts[0]}-ru.zip`)));
  assert.match(chart['README.txt'].toString('utf8'), new RegExp(`Версия ${short}`));
  assert.deepEqual(fs.readFileSync(path.join(dist, `feeds/archive/${short}.json`)), feedBytes, 'the feed is kept under its version');
});

test('the report shows its version with a permanent link, a citation with it, and shares the chart\'s share page', async () => {
  const { page, context } = await openPage(env.browser, `${env.url}/?lang=en`);
  const line = page.getByTestId('version');
  await line.waitFor({ timeout: 20000 });
  assert.equal(await line.innerText(), `Data version: ${short} · permanent link`);
  assert.equal(await line.locator('a').getAttribute('href'), `?v=${short}&lang=en`);
  const cite = page.getByTestId('cite').last();
  await cite.locator('summary').click();
  assert.match(await cite.getByTestId('cite-reference').innerText(), new RegExp(`\\[Data set, version ${short}\\]\\. Compiled by: Prosecutor's Office of Aktobe Region\\. Retrieved \\d{4}-\\d\\d-\\d\\d, from http`));
  // A chart's citation is under its data table.
  const id = 'crime-by-gravity-changes';
  const figure = page.locator('figure.chart', { has: page.getByTestId(`chart-${id}`) });
  await figure.locator('details summary').first().click();
  await figure.getByTestId('cite').waitFor();
  assert.match(await figure.getByTestId('cite-plain').innerText(), new RegExp(`Version ${short}, retrieved`));
  // The embed panel gives the chart's share page.
  await figure.getByTestId('embed').click();
  const link = figure.getByTestId('share-page');
  await link.waitFor();
  assert.equal(await link.getAttribute('href'), `${env.url}/share/${id}-en.html`);
  await context.close();
});

test('a chart\'s ZIP from the page unpacks to its figures with the version', async () => {
  const { page, context } = await openPage(env.browser, `${env.url}/?lang=kk`);
  await page.getByTestId('version').waitFor({ timeout: 20000 });
  const figure = page.locator('figure.chart', { has: page.getByTestId('chart-crime-by-gravity-changes') });
  // Offered with the chart's data, under its table.
  await figure.locator('details summary').first().click();
  const [dl] = await Promise.all([page.waitForEvent('download'), figure.getByTestId('download-zip').click()]);
  const files = unzip(fs.readFileSync(await dl.path()));
  const names = Object.keys(files).sort();
  assert.equal(names.length, 3, names.join());
  assert.ok(names.some((n) => n.endsWith('-kk.csv')));
  assert.equal(JSON.parse(files['metadata.json']).feed.version, version);
  assert.match(files['README.txt'].toString('utf8'), new RegExp(`${short} нұсқасы`));
  await context.close();
});

test('a pinned address keeps showing the cited version after the feed changes, and says what was corrected', async () => {
  const changed = JSON.parse(feedBytes);
  changed.changes = { kk: 'Алаяқтық көрсеткіші түзетілді.', ru: 'Исправлен показатель мошенничества.', en: 'The fraud figure was corrected.' };
  changed.title = { kk: 'Түзетілген есеп', ru: 'Исправленный отчёт', en: 'Corrected report' };
  // No service worker: its own requests for the feed would not meet the route.
  const context = await env.browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.route(/\/feeds\/aktobe-2025\.json$/, (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(changed) }));
  await page.goto(`${env.url}/?v=${short}&lang=en`);
  const banner = page.getByTestId('pinned');
  await banner.waitFor({ timeout: 20000 });
  await page.getByText('Corrected since: The fraud figure was corrected.').waitFor();
  assert.match(await banner.innerText(), new RegExp(`^Cited version of the data: ${short}\\. Corrected since: The fraud figure was corrected\\. Current version$`));
  // The cited figures, not the corrected feed's.
  assert.equal(await page.getByTestId('title').innerText(), 'Results for 2025');
  await banner.getByTestId('current-version').click();
  await page.getByTestId('title').filter({ hasText: 'Corrected report' }).waitFor({ timeout: 20000 });
  // The current (changed) feed is not the published version: the page says its previews are older.
  await page.getByText('Link previews and bundles are of an earlier version.').waitFor({ timeout: 20000 });
  await context.close();
});

test('a pinned address that is still the current version says so; one whose file is gone says that plainly', async () => {
  const { page, context } = await openPage(env.browser, `${env.url}/?v=${short}&lang=ru`);
  await page.getByTestId('pinned').getByText('Это текущая версия.').waitFor({ timeout: 20000 });
  await page.goto(`${env.url}/?v=000000000000&lang=en`);
  const gone = page.getByTestId('pinned-gone');
  await gone.waitFor({ timeout: 20000 });
  assert.equal(await gone.innerText(), 'This version is not on this site: 000000000000. Current version');
  await context.close();
});

test('the checker\'s Publish step shows the link previews and downloads a ZIP of everything to upload', async () => {
  const { page, context } = await openPage(env.browser, `${env.url}/check/?lang=en`);
  await page.getByTestId('file').waitFor({ timeout: 20000 });
  await page.getByTestId('file').setInputFiles(path.join(root, 'public/feeds/aktobe-2025.json'));
  await page.getByTestId('publish').waitFor({ timeout: 20000 });
  await page.getByTestId('publish-url').fill('https://prokuror.example.kz/aktobe/report');
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), page.getByTestId('publish-go').click()]);
  assert.match(dl.suggestedFilename(), /^esep-publish-[0-9a-f]{12}\.zip$/);
  const files = unzip(fs.readFileSync(await dl.path()));
  const v = files['share/version.txt'].toString().trim();
  assert.equal(v.slice(0, 12), dl.suggestedFilename().slice(13, 25));
  assert.ok(files[`feeds/archive/${v.slice(0, 12)}.json`], 'the feed under its version');
  assert.ok(files['feeds/aktobe-2025.json'], 'the feed itself, to replace the served one');
  const t = tags(files['share/report-kk.html'].toString('utf8'));
  assert.equal(t['og:url'][0], 'https://prokuror.example.kz/aktobe/report/share/report-kk.html');
  assert.equal(t['og:image'][0], 'https://prokuror.example.kz/aktobe/report/share/report-kk.png');
  for (const lang of LANGS) {
    const png = files[`share/report-${lang}.png`];
    assert.ok(png, `share/report-${lang}.png`);
    assert.deepEqual(pngSize(png), [1200, 630]);
  }
  assert.ok(Object.keys(files).some((n) => /^data\/aktobe-2025-.*-ru\.zip$/.test(n)));
  // As Telegram would show the links: the report in three languages, then the charts.
  await page.getByText('Done: the ZIP was downloaded.').waitFor();
  const cards = page.getByTestId('share-card');
  assert.ok((await cards.count()) >= 3 + 8);
  assert.match(await cards.first().innerText(), /Ақтөбе облысының прокуратурасы/);
  assert.ok(await cards.first().locator('img').evaluate((img) => img.complete && img.naturalWidth === 1200));
  await context.close();
});
