// The core journeys again in two more engines: WebKit (Safari's engine: WebKitGTK's MiniBrowser
// through WebKitWebDriver, under Xvfb) and Firefox (Debian's ESR through puppeteer-core over
// WebDriver BiDi). The Chromium suite covers everything else; this covers what a reader on an
// iPhone or in Firefox must get: every chart painted at phone and desktop width, tooltips by
// pointer and by keyboard, a self-sizing embed, the feed checker, downloads, and the localized
// error panels. ESEP_ENGINES=webkit (or firefox) runs one engine.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { root, artifacts, startFixtures, CHROMIUM } from './helpers.mjs';
import { startServer } from './serve.mjs';
import { ENGINES } from './engines.mjs';

const wanted = (process.env.ESEP_ENGINES || 'webkit,firefox').split(',').map((s) => s.trim()).filter(Boolean);
const dist = process.env.ESEP_DIST || path.join(root, 'dist');
const WIDTHS = [[390, 844], [1280, 900]];
const LANGS = ['kk', 'ru', 'en'];
const CHANGES = 'crime-by-gravity-changes';

let app;
let news;
/** How many charts the report has in each language, as the reference engine (Chromium) draws it. */
const expected = {};

before(async () => {
  if (!fs.existsSync(path.join(dist, 'index.html'))) throw new Error(`${dist}/index.html is missing: run "trunk build --release" first`);
  fs.mkdirSync(artifacts, { recursive: true });
  app = await startServer({ dir: dist, testRoutes: true });
  news = await startFixtures(app.url);
  // The number of charts is the bundled feed's business, not this file's: count them in Chromium.
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    for (const lang of LANGS) {
      await page.goto(`${app.url}/?lang=${lang}&sw=off`);
      await page.waitForFunction(() => performance.getEntriesByName('esep:chart-drawn').length > 0, null, { timeout: 20000 });
      // (the count once it holds still: every chart is built by then)
      let count = -1;
      for (let n = await page.locator('canvas[data-testid^=chart-]').count(); n !== count; n = await page.locator('canvas[data-testid^=chart-]').count()) {
        count = n;
        await page.waitForTimeout(300);
      }
      expected[lang] = count;
      assert.ok(expected[lang] > 0, `${lang}: Chromium draws the report's charts`);
    }
  } finally {
    await browser.close();
  }
});

after(async () => {
  await news?.close();
  if (app) await new Promise((r) => app.server.close(r));
});

/** Every chart canvas on the page: its test id and backing size. */
const chartsOnPage = () => [...document.querySelectorAll('canvas[data-testid^=chart-]')].map((c) => ({ id: c.dataset.testid, width: c.width, height: c.height }));

/** Scrolls one chart into view and reads it back: its sizes and distinct colours (up to 51). */
const paintOf = (id) => {
  const c = document.querySelector(`canvas[data-testid="${id}"]`);
  if (!c) return { missing: true };
  c.scrollIntoView({ block: 'center' });
  const r = c.getBoundingClientRect();
  const out = { width: c.width, height: c.height, css: [Math.round(r.width), Math.round(r.height)], dpr: devicePixelRatio, colours: 0 };
  if (!c.width || !c.height) return out;
  try {
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    const seen = new Set();
    for (let i = 0; i < data.length; i += 16) {
      seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      if (seen.size > 50) break;
    }
    out.colours = seen.size;
  } catch (e) {
    out.error = String(e);
  }
  return out;
};

/** Reads a chart back after it came into view (it may be drawn then): give it a moment there. */
async function paintedChart(b, id, tries = 30) {
  let paint;
  for (let i = 0; i < tries; i++) {
    paint = await b.evaluate(paintOf, id);
    if (paint.colours >= 4) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return paint;
}

/** The text of the chart's tooltip when it is shown, else null. */
const tipText = (id) => {
  const tip = document.querySelector(`canvas[data-testid="chart-${id}"] ~ [data-testid=tooltip]`);
  if (!tip) return null;
  const s = getComputedStyle(tip);
  const r = tip.getBoundingClientRect();
  const shown = !tip.hidden && s.display !== 'none' && s.visibility !== 'hidden' && Number(s.opacity) > 0 && r.width > 0 && r.height > 0;
  const text = tip.innerText.trim();
  return shown && text ? text : null;
};

/** The panels that say the page or its charts stopped (scripts/panic-guard.js). */
const stopPanels = () => [...document.querySelectorAll('[data-testid=panic],[data-testid=unsupported]')].map((p) => p.innerText);

/** Waits for the report's charts (as many as Chromium drew) or a panel that says why not. */
async function reportReady(b, lang) {
  try {
    await b.waitFor((n) => document.querySelectorAll('canvas[data-testid^=chart-]').length >= n
      || document.querySelector('[data-testid=panic],[data-testid=unsupported],[data-testid=feed-error]'), [expected[lang]], { message: 'the charts' });
  } catch (e) {
    const have = await b.evaluate(() => document.querySelectorAll('canvas[data-testid^=chart-]').length);
    assert.fail(`${lang}: ${have} of the ${expected[lang]} charts Chromium draws (${e.message})`);
  }
}

for (const name of wanted) {
  const open = ENGINES[name];
  if (!open) throw new Error(`unknown engine ${name}: ${Object.keys(ENGINES)}`);

  describe(name, () => {
    let b;
    before(async () => {
      const t = Date.now();
      b = await open();
      console.log(`${name}: ${b.version}, started in ${Date.now() - t} ms`);
    });
    after(async () => {
      await b?.close();
    });

    for (const [width, height] of WIDTHS) {
      test(`${name} ${width} px: the report in kk, ru and en paints every chart, with no error and no sideways scroll`, async () => {
        const size = await b.setSize(width, height);
        assert.equal(size.width, width, `innerWidth ${JSON.stringify(size)}`);
        for (const lang of LANGS) {
          await b.goto(`${app.url}/?lang=${lang}&sw=off`);
          await reportReady(b, lang);
          assert.deepEqual(await b.evaluate(stopPanels), [], `${lang}: no panic or "cannot show" panel`);
          assert.equal(await b.evaluate(() => document.documentElement.lang), lang);
          // Charts of earlier years are in closed parts: open them, as a reader would.
          await b.evaluate(() => document.querySelectorAll('details.earlier').forEach((d) => { d.open = true; }));
          const charts = await b.evaluate(chartsOnPage);
          assert.equal(charts.length, expected[lang], `${lang}: as many charts as in Chromium`);
          for (const { id } of charts) {
            const paint = await paintedChart(b, id);
            assert.ok(paint.colours >= 4, `${lang} ${width}px: ${id} is painted (${JSON.stringify(paint)})`);
            const fits = Math.abs(paint.width - Math.round(paint.css[0] * paint.dpr)) <= 1;
            assert.ok(fits, `${lang} ${width}px: ${id}'s backing store follows its CSS width × devicePixelRatio (${JSON.stringify(paint)})`);
          }
          // (clientWidth: the viewport less a classic scrollbar, which Firefox has here)
          const overflow = await b.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth, inner: innerWidth }));
          assert.ok(overflow.scroll <= overflow.client, `${lang} ${width}px: no sideways scroll (${JSON.stringify(overflow)})`);
          assert.deepEqual(await b.errors(), [], `${lang} ${width}px: no uncaught error`);
          if (b.problems) {
            assert.deepEqual(b.problems.pageErrors, [], `${lang}: no page error`);
            assert.deepEqual(b.problems.console, [], `${lang}: no console error`);
            assert.deepEqual(b.problems.requests, [], `${lang}: nothing leaves the machine`);
          }
          if (lang === 'en') {
            await b.fullPageScreenshot(path.join(artifacts, `${name}-report-${width}.png`), async () => {
              // Every chart is in view now: wait for all of them to be drawn for the picture.
              const blank = await b.waitFor(() => {
                const left = [...document.querySelectorAll('canvas[data-testid^=chart-]')].filter((c) => {
                  if (!c.width || !c.height) return true;
                  const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
                  const seen = new Set();
                  for (let i = 0; i < data.length && seen.size < 4; i += 16) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
                  return seen.size < 4;
                });
                return left.length === 0 || null;
              }, [], { timeout: 10000 }).catch((e) => e.message);
              assert.equal(blank, true, `${width}px: every chart drawn for the full-page screenshot`);
            });
          }
        }
      });

      test(`${name} ${width} px: a tooltip by keyboard focus + ArrowRight and by pointer hover`, async () => {
        await b.setSize(width, height);
        await b.goto(`${app.url}/?lang=en&sw=off`);
        await reportReady(b, 'en');
        const canvas = `canvas[data-testid="chart-${CHANGES}"]`;
        await b.focus(canvas);
        await b.press('ArrowRight');
        const keyed = await b.waitFor(tipText, [CHANGES], { timeout: 5000, message: 'the tooltip after ArrowRight' });
        assert.match(keyed, /Particularly serious crimes/);
        assert.match(keyed, /−61\s?%/);
        await b.press('ArrowRight');
        await b.waitFor((id) => /−8\.6\s?%/.test(document.querySelector(`canvas[data-testid="chart-${id}"] ~ [data-testid=tooltip]`)?.innerText), [CHANGES], { timeout: 5000, message: 'the second point after another ArrowRight' });
        await b.press('Escape');
        for (let i = 0; i < 50 && await b.evaluate(tipText, CHANGES); i++) await new Promise((r) => setTimeout(r, 100));
        assert.equal(await b.evaluate(tipText, CHANGES), null, 'Escape hides the tooltip');
        // The pointer: down the middle of the bars (they are horizontal) until one answers.
        let hovered = null;
        const box = await b.hover(canvas, 1, 1);
        for (let y = 10; y < box.height && !hovered; y += 12) {
          await b.hover(canvas, box.width / 2, y);
          hovered = await b.evaluate(tipText, CHANGES);
        }
        assert.ok(hovered, 'the tooltip shows on hover');
        assert.match(hovered, /(Particularly serious|Crimes of medium gravity|Minor) crimes/);
        assert.match(hovered, /Source: Prosecutor's Office of Aktobe Region \(enbekshiqazaq\.kz/);
        assert.deepEqual(await b.errors(), []);
      });
    }

    test(`${name}: embeds in a news article take their content's height`, async () => {
      await b.setSize(1000, 900);
      await b.goto(`${news.url}/news-article.html`);
      for (const id of ['first', 'second']) {
        // The iframes load lazily: bring each into view, as a reader scrolling would.
        await b.evaluate((i) => document.getElementById(i).scrollIntoView({ block: 'center' }), id);
        let fit;
        const until = Date.now() + 20000;
        for (;;) {
          const iframe = await b.evaluate((i) => document.getElementById(i).getBoundingClientRect().height, id);
          const inner = await b.frameEvaluate(`#${id}`, () => {
            const c = document.querySelector('canvas');
            // The first embeds an id from before its chart became cards: its successor is a card.
            const shown = (!!c && c.width > 0) || !!document.querySelector('[data-testid=figure-card]');
            return { content: document.documentElement.scrollHeight, inner: document.documentElement.clientHeight, canvas: shown };
          }).catch((e) => ({ error: String(e) }));
          fit = { iframe, ...inner };
          if (fit.canvas && Math.abs(fit.iframe - fit.content) <= 2 && Math.abs(fit.iframe - 200) > 2 && fit.content <= fit.inner + 1) break;
          if (Date.now() > until) assert.fail(`${id} never fitted its content (the fixture's height is 200): ${JSON.stringify(fit)}`);
          await new Promise((r) => setTimeout(r, 200));
        }
        if (id === 'first') {
          assert.match(await b.frameEvaluate('#first', () => document.querySelector('[data-testid=figure-card]').innerText), /−7\s?%/);
          continue;
        }
        const painted = await b.frameEvaluate(`#${id}`, () => {
          const c = document.querySelector('canvas');
          const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
          const seen = new Set();
          for (let i = 0; i < data.length; i += 16) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2] | (data[i + 3] << 24));
          return seen.size;
        });
        assert.ok(painted >= 4, `${id}: the embedded chart is painted (${painted} colours)`);
      }
      assert.equal(await b.evaluate(() => window.__esepEmbed), true, 'embed.js ran on the host page');
      assert.deepEqual(await b.errors(), []);
    });

    test(`${name}: the checker lists every problem of a bad feed`, async () => {
      await b.setSize(1280, 900);
      await b.goto(`${app.url}/check/?lang=en`);
      await b.waitFor(() => !!document.querySelector('[data-testid=url]'), [], { message: 'the checker page' });
      // The feed by address (the form is what a publisher types into; tests/ is served).
      await b.evaluate(() => {
        const input = document.querySelector('[data-testid=url]');
        input.value = '../tests/feeds/partly-broken.json';
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
      await b.click('form.url-form button[type=submit]');
      const summary = await b.waitFor(() => document.querySelector('[data-testid=check-summary]')?.innerText, [], { message: 'the check summary' });
      assert.match(summary, /^4 errors, 0 warnings\. Errors block publishing/);
      const rows = await b.evaluate(() => [...document.querySelectorAll('[data-testid=problem]')].map((r) => r.innerText));
      assert.equal(rows.length, 4, rows.join('\n'));
      assert.ok(rows.some((r) => /observations\[2\]\.metric\s+unknown metric 'frod'/.test(r)), rows.join('\n'));
      assert.ok(rows.some((r) => /sources\[1\]\.url/.test(r)), rows.join('\n'));
      // What is valid is previewed: two changes of different themes, a card each. The preview is
      // the report, built a section per frame: counted once it is whole.
      const cards = await b.waitFor(() => (performance.getEntriesByName('esep:report-built').length
        ? document.querySelectorAll('[data-testid=preview] [data-testid=figure-card]').length : null), [], { message: 'the preview cards' });
      assert.equal(cards, 2);
      assert.equal(await b.evaluate(() => typeof window.__pwned), 'undefined', 'no markup of the feed ran');
      assert.deepEqual(await b.errors(), []);
    });

    test(`${name}: PNG and CSV downloads produce a file`, async () => {
      await b.setSize(1280, 900);
      await b.goto(`${app.url}/?lang=en&sw=off`);
      await reportReady(b, 'en');
      // Keeps what a download would save, instead of saving it.
      await b.evaluate(() => {
        window.__downloads = [];
        const blobs = new Map();
        const create = URL.createObjectURL;
        URL.createObjectURL = function (blob) {
          const url = create.call(URL, blob);
          blobs.set(url, blob);
          return url;
        };
        HTMLAnchorElement.prototype.click = function () {
          const record = { href: this.href, download: this.download };
          const blob = blobs.get(this.href);
          if (blob) {
            record.type = blob.type;
            record.size = blob.size;
            blob.text().then((t) => { record.text = t; });
          }
          window.__downloads.push(record);
        };
      });
      const sel = (kind) => `[data-testid=figure-${CHANGES}] [data-testid=download-${kind}]`;
      // The first download fetches its code (a split wasm module): that can take a moment.
      await b.click(sel('png'));
      const png = await b.waitFor(() => window.__downloads.find((d) => /\.png$/.test(d.download)), [], { message: 'the PNG download' });
      assert.equal(png.download, `aktobe-2025-${CHANGES}-en.png`);
      assert.match(png.href, /^data:image\/png;base64,/);
      const bytes = Buffer.from(png.href.split(',')[1], 'base64');
      assert.equal(bytes.subarray(1, 4).toString(), 'PNG');
      assert.ok(bytes.readUInt32BE(16) > 100 && bytes.readUInt32BE(20) > 100, `a real picture: ${bytes.readUInt32BE(16)}×${bytes.readUInt32BE(20)}`);
      await b.click(sel('csv'));
      const csv = await b.waitFor(() => window.__downloads.find((d) => /\.csv$/.test(d.download) && d.text !== undefined), [], { message: 'the CSV download' });
      assert.equal(csv.download, `aktobe-2025-${CHANGES}-en.csv`);
      assert.match(csv.href, /^blob:/);
      assert.match(csv.type, /^text\/csv/);
      assert.match(csv.text.split('\r\n')[0], /indicator,metric_id,area/);
      assert.match(csv.text, /particularly-serious-crimes,Aktobe Region,aktobe-region,2025-01\.\.2025-09,change-pct,2024-01\.\.2024-09,-61,count/);
      assert.equal(await b.evaluate((id) => document.querySelector(`[data-testid=figure-${id}] [data-testid=share-status]`)?.textContent ?? '', CHANGES), '', 'no "could not load" message');
      assert.deepEqual(await b.errors(), []);
    });

    test(`${name}: a feed that answers 404 and a panic show their panels in the reader's language`, async () => {
      await b.setSize(390, 844);
      for (const [lang, message] of [['ru', /Файл данных не загрузился/], ['kk', /Деректер файлы жүктелмеді/], ['en', /The data file did not load\.[\s\S]*HTTP 404/]]) {
        await b.goto(`${app.url}/t/404/?lang=${lang}&sw=off`);
        const text = await b.waitFor(() => document.querySelector('[data-testid=feed-error]')?.innerText, [], { message: `${lang}: the feed error panel` });
        assert.match(text, message);
        assert.equal(await b.evaluate(() => document.querySelectorAll('[data-testid=feed-error] button.retry').length), 1, 'a retry button');
        assert.deepEqual(await b.evaluate(stopPanels), [], 'no panic');
        assert.deepEqual(await b.errors(), []);
      }
      for (const [lang, title, button] of [['ru', /На странице произошла ошибка/, 'Перезагрузить'], ['kk', /Бетте қате шықты/, 'Қайта жүктеу']]) {
        await b.goto(`${app.url}/?lang=${lang}&sw=off&esep-panic=1`);
        const panel = await b.waitFor(() => {
          const p = document.querySelector('[data-testid=panic]');
          return p && { text: p.innerText, buttons: [...p.querySelectorAll('button')].map((x) => x.textContent.trim()) };
        }, [], { message: `${lang}: the panic panel` });
        assert.match(panel.text, title);
        assert.deepEqual(panel.buttons, [button]);
        assert.equal(await b.evaluate(() => document.querySelectorAll('[data-testid=panic]').length), 1, 'one panel');
      }
    });
  });
}
