// The report as an editor lays it out: comparable figures only on one axis, figures alone as
// cards, this year first and earlier years apart, a reading path, and old links that still work.
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

const FIRST = '[data-testid=chart-crime-by-gravity-changes]';

async function ready(page) {
  await page.locator(FIRST).waitFor({ state: 'visible', timeout: 20000 });
  await chartDrawn(page);
}

test('what changed: a sentence per key figure, each a link to where it is shown; a section bar', async () => {
  const { page, context } = await openPage(env.browser, `${env.url}/?lang=en`, { width: 360, height: 740, isMobile: true, hasTouch: true });
  await ready(page);
  const said = page.getByTestId('what-changed').locator('a');
  assert.equal(await said.count(), 3);
  assert.equal(await said.first().innerText(), 'Registered crimes, Aktobe Region: fell by 7% in 2025 compared with 2024.');
  assert.equal(await said.first().getAttribute('href'), '#registered-crimes-2025');
  // Every link leads to a chart or card of the page.
  for (const href of await said.evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
    assert.equal(await page.locator(href).count(), 1, href);
  }
  // The first screen: the title, what changed and the start of the key figures.
  const inView = await page.evaluate(() => {
    const top = (sel) => document.querySelector(sel).getBoundingClientRect().top;
    return [top('[data-testid=title]'), top('[data-testid=what-changed]'), top('[data-testid=headline]')].map((t) => t < innerHeight);
  });
  assert.deepEqual(inView, [true, true, true]);
  // The section bar lists every section, in the page's order, once each, once the whole report
  // is built.
  await page.waitForFunction(() => performance.getEntriesByName('esep:report-built').length > 0, null, { timeout: 20000 });
  const nav = page.getByTestId('toc');
  const listed = await nav.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  const sections = await page.$$eval('section[data-testid^=section-] > h2', (hs) => hs.map((h) => `#${h.id}`));
  assert.ok(sections.length >= 8, `sections: ${sections}`);
  assert.deepEqual(listed, sections);
  assert.equal(await nav.locator('a').first().innerText(), 'Crime overall');
  // The section bar stays at the top and its links change the address.
  await nav.locator('a', { hasText: 'Drugs' }).click();
  await page.waitForFunction(() => location.hash === '#h-drugs');
  const navTop = await nav.evaluate((n) => n.getBoundingClientRect().top);
  assert.ok(navTop <= 1, `the section bar sticks at the top (${navTop})`);
  await context.close();
});

test('figures comparable with no other are cards; earlier years sit in a closed part', async () => {
  const { page, context } = await openPage(env.browser, `${env.url}/?lang=en`);
  await ready(page);
  const drugs = page.getByTestId('section-drugs');
  // Seizures counted by the police and by the prosecutor's office, labs and stores: no axis.
  assert.equal(await drugs.locator('canvas').count(), 0);
  assert.ok(await drugs.getByTestId('figure-card').count() >= 6);
  const card = page.locator('#synthetic-drugs-seized-2025');
  assert.match(await card.innerText(), /76 kg/);
  assert.match(await card.innerText(), /Source: Prosecutor's Office of Aktobe Region \(gov\.kz/);
  // 2022 is behind "Earlier years", closed.
  const earlier = page.getByTestId('earlier-drugs');
  assert.equal(await earlier.getAttribute('open'), null);
  assert.equal(await page.locator('#drugs-seized-police-2022').isVisible(), false);
  await earlier.locator('summary').click();
  assert.ok(await page.locator('#drugs-seized-police-2022').isVisible());
  // A chart has a headline, a subtitle saying where, when and who counted, and one takeaway:
  // here the publisher's own (the feed's `views`), where no more is said than the source says.
  const fig = page.getByTestId('figure-crime-by-gravity-changes');
  assert.equal(await fig.locator('.chart-title').innerText(), 'Particularly serious crimes fell by 61% in January–September');
  assert.equal(await fig.locator('.chart-subtitle').innerText(), "Aktobe Region · Jan–Sep 2025 vs Jan–Sep 2024 · Prosecutor's Office of Aktobe Region");
  assert.equal(await fig.locator('.chart-summary').innerText(), 'Of the three categories published for the period, particularly serious crimes fell the most.');
  await context.close();
});

test('links newsrooms published before charts became cards still lead to the figures', async () => {
  // #crime-changes was a chart of four changes; its first, the 2025 change, is now a card.
  const { page, context } = await openPage(env.browser, `${env.url}/?lang=en#crime-changes`, { width: 390, height: 800 });
  await ready(page);
  await page.waitForFunction(() => {
    const r = document.getElementById('registered-crimes-2025')?.getBoundingClientRect();
    return r && r.top >= 0 && r.top < innerHeight;
  });
  // A chart of earlier years opens its part when linked.
  await page.goto(`${env.url}/?lang=en#crime-trend-1`);
  await page.locator('[data-testid=chart-crime-trend-1]').waitFor({ state: 'visible', timeout: 20000 });
  assert.equal(await page.getByTestId('earlier-crime').getAttribute('open'), '');
  await context.close();
  // The embed of an old id shows its successor, here a card, with its credit.
  const e = await openPage(env.browser, `${env.url}/embed.html?embed=drugs-figures-2&lang=ru`, { width: 400 });
  await e.page.getByTestId('figure-card').waitFor({ state: 'visible', timeout: 20000 });
  assert.match(await e.page.getByTestId('figure-card').innerText(), /76 кг/);
  assert.match(await e.page.getByTestId('embed-credit').innerText(), /^Данные: Прокуратура Актюбинской области \(gov\.kz/);
  await e.context.close();
});

test('at 360 px the report, tables and details closed, is measured in every language', async () => {
  for (const lang of ['kk', 'ru', 'en']) {
    const { page, context } = await openPage(env.browser, `${env.url}/?lang=${lang}`, { width: 360, height: 740, isMobile: true, hasTouch: true });
    await ready(page);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    console.log(`# ${lang}: ${height} CSS px at 360 px`);
    // At most 10 000 CSS px (about 13 phone screens) in every language.
    assert.ok(height <= 10000, `${lang}: ${height} px`);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 360, 'no sideways scroll');
    // The key figures sit side by side and are swiped; the first one is whole on the first screen,
    // and the next one peeks in.
    const strip = await page.locator('.key-figures').evaluate((ul) => {
      const [a, b] = [...ul.children].map((li) => li.getBoundingClientRect());
      return { scrolls: ul.scrollWidth > ul.clientWidth, first: [a.left, a.right, a.top], next: b.left };
    });
    assert.ok(strip.scrolls, `${lang}: the key figures scroll sideways`);
    assert.ok(strip.first[0] >= 0 && strip.first[1] <= 360, `${lang}: the first key figure is whole`);
    assert.ok(strip.next < 360, `${lang}: the next key figure peeks in`);
    await context.close();
  }
});

test("the report links to the 2022 comparison per 100 000 residents, in the reader's language", async () => {
  const { page, context } = await openPage(env.browser, `${env.url}/?lang=ru`, { width: 390, height: 800 });
  await page.getByTestId('related').waitFor({ timeout: 20000 });
  const link = page.getByTestId('related').locator('a');
  assert.equal(await page.locator('#h-related').innerText(), 'См. также');
  assert.equal(await link.innerText(), 'Актюбинская область и Казахстан в 2022 году: правонарушения на 100 000 жителей');
  assert.equal(await link.getAttribute('href'), 'compare.html?feed=feeds/aktobe-2022.json&lang=ru');
  assert.equal(await link.getAttribute('target'), null, 'a page beside the report opens in the same tab');
  await link.click();
  // The comparison page, still in Russian: Aktobe Region beside Kazakhstan per 100 000 residents.
  const rates = page.getByTestId('figure-kazakhstan-per-100k');
  await rates.waitFor({ timeout: 20000 });
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'ru');
  assert.match(await rates.innerText(), /100\s000/);
  await context.close();
});
