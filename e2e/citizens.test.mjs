// For citizens on any device: themes, narrow phones, keyboard-only use, each language.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, chartDrawn } from './helpers.mjs';

let env;
before(async () => {
  env = await launch();
});
after(async () => {
  await env?.close();
});

const ready = chartDrawn;

const bodyBg = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const canvasCorner = (page) => page.$eval('[data-testid=chart-crime-by-gravity-changes]', (c) => Array.from(c.getContext('2d').getImageData(1, 1, 1, 1).data.slice(0, 3)));

test('dark mode follows the system, and ?theme= forces either theme, canvases included', async () => {
  const dark = [22, 27, 34];
  const cases = [
    ['/?lang=en', 'dark', 'rgb(22, 27, 34)', dark],
    ['/?lang=en&theme=light', 'dark', 'rgb(255, 255, 255)', [255, 255, 255]],
    ['/?lang=en&theme=dark', 'light', 'rgb(22, 27, 34)', dark],
    ['/?lang=en', 'light', 'rgb(255, 255, 255)', [255, 255, 255]],
  ];
  for (const [url, colorScheme, bg, pixel] of cases) {
    const { page, context } = await openPage(env.browser, `${env.url}${url}`, { colorScheme });
    await ready(page);
    assert.equal(await bodyBg(page), bg, `${url} with system ${colorScheme}`);
    assert.deepEqual(await canvasCorner(page), pixel, `${url} canvas with system ${colorScheme}`);
    await context.close();
  }
});

test('a change of the system theme redraws the charts in the new colours', async () => {
  const { page, context } = await openPage(env.browser, `${env.url}/?lang=en`, { colorScheme: 'light' });
  await ready(page);
  assert.deepEqual(await canvasCorner(page), [255, 255, 255]);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForFunction(() => {
    const c = document.querySelector('[data-testid=chart-crime-by-gravity-changes]');
    return c.getContext('2d').getImageData(1, 1, 1, 1).data[0] < 100;
  });
  await context.close();
});

for (const lang of ['kk', 'ru', 'en']) {
  test(`320 px phone in ${lang}: no sideways scrolling, touch targets at least 44 px`, async () => {
    const { page, context } = await openPage(env.browser, `${env.url}/?lang=${lang}`, { width: 320, height: 640, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    await ready(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `scrolls sideways by ${overflow}px`);
    const small = await page.$$eval('button, summary, .lang-switch button', (els) => els
      .filter((e) => e.getBoundingClientRect().height > 0)
      .filter((e) => e.getBoundingClientRect().height < 44)
      .map((e) => e.outerHTML.slice(0, 80)));
    assert.deepEqual(small, []);
    assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
    await context.close();
  });
}

test('keyboard only: the skip link leads to the report, Tab reaches a chart, arrows read it', async () => {
  const { page, context } = await openPage(env.browser, `${env.url}/?lang=en`);
  await ready(page);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  let reached = false;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement.tagName === 'CANVAS');
  }
  assert.ok(reached, 'a chart is reachable with Tab');
  await page.keyboard.press('ArrowRight');
  const live = await page.evaluate(() => document.activeElement.closest('figure').querySelector('[data-testid=announce]').textContent);
  assert.match(live, /\d/);
  await context.close();
});

test('glossary, method, credit line, licence note and a contact to report an error', async () => {
  const { page, context } = await openPage(env.browser, `${env.url}/?lang=ru`);
  await ready(page);
  // The end of the report is filled from its split module; its lists are closed.
  await page.waitForFunction(() => document.querySelector('[data-testid=credit]')?.textContent);
  await page.getByTestId('glossary').locator('summary').click();
  await page.getByTestId('all-sources').locator('summary').click();
  const glossary = await page.getByTestId('glossary').innerText();
  assert.match(glossary, /Особо тяжкие преступления/);
  assert.match(await page.locator('.sources').innerText(), /не суммируются/);
  // Each agency with the sites that carried its figures; the office that compiled the feed as compiler.
  const credit = await page.getByTestId('credit').innerText();
  assert.match(credit, /^Данные: Прокуратура Актюбинской области \(gov\.kz/);
  assert.match(credit, /Департамент полиции Актюбинской области \(kazpravda\.kz, polisia\.kz, liter\.kz, zakon\.kz\)/);
  assert.match(credit, /Комитет по правовой статистике и специальным учетам Генеральной прокуратуры \(sputnik\.kz/);
  assert.match(credit, /\. Составитель: Прокуратура Актюбинской области\.$/);
  assert.equal(await page.getByTestId('compiled-by').innerText(), 'Составитель: Прокуратура Актюбинской области · 14 источников');
  assert.match(await page.locator('.sources').innerText(), /Издатель не указал лицензию данных/);
  assert.equal(await page.getByTestId('contact').locator('a').getAttribute('href'), 'https://www.gov.kz/memleket/entities/prokuratura-aktobe');
  await context.close();
});

test('print: no page chrome, the charts stay, every data table opens', async () => {
  const { page, context } = await openPage(env.browser, `${env.url}/?lang=en`);
  await ready(page);
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.topbar').isVisible(), false);
  assert.equal(await page.getByTestId('download-png').first().isVisible(), false);
  assert.ok(await page.locator('[data-testid=chart-crime-by-gravity-changes]').isVisible());
  const closed = await page.$$eval('details', (ds) => ds.filter((d) => !d.open).length);
  assert.equal(closed, 0);
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 10000, 'a PDF with content');
  await context.close();
});

test('static page title, description and link preview image, and a page that speaks without scripts', async () => {
  const { page, context } = await openPage(env.browser, `${env.url}/?lang=en`);
  await ready(page);
  assert.match(await page.title(), /Ақтөбе облысының прокуратурасы/);
  const meta = (sel) => page.$eval(sel, (m) => m.getAttribute('content'));
  assert.match(await meta('meta[name=description]'), /every figure with its public source/);
  const img = await meta('meta[property="og:image"]');
  const res = await page.request.get(new URL(img, page.url()).href);
  assert.equal(res.status(), 200);
  assert.equal(res.headers()['content-type'], 'image/png');
  await context.close();
  const noJs = await env.browser.newContext({ javaScriptEnabled: false });
  const p = await noJs.newPage();
  await p.goto(`${env.url}/`);
  assert.match(await p.locator('h1').innerText(), /Prosecutor's Office of Aktobe Region — results for 2025/);
  assert.equal(await p.locator('main.noscript a').first().getAttribute('href'), 'feeds/aktobe-2025.json');
  assert.ok(await p.locator('main.noscript a').first().isVisible());
  await noJs.close();
});
