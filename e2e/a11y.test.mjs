// Accessibility: axe-core finds no WCAG 2.2 A/AA (and best-practice) violation in any page state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, axeViolations, chartDrawn } from './helpers.mjs';

let env;
before(async () => {
  env = await launch();
});
after(async () => {
  await env?.close();
});

const ready = chartDrawn;

const states = [
  ['report, English, light, 1280 px', '/?lang=en', {}],
  ['report, Russian, dark, 360 px', '/?lang=ru&theme=dark', { width: 360, height: 780, isMobile: true, hasTouch: true, colorScheme: 'dark' }],
  ['report, Kazakh, 320 px', '/?lang=kk', { width: 320, height: 700, isMobile: true, hasTouch: true }],
  ['district feed (illustrative)', '/t/districts/?lang=en', {}],
];

for (const [name, url, opts] of states) {
  test(`axe: no violations — ${name}`, async () => {
    const { page, context } = await openPage(env.browser, `${env.url}${url}`, opts);
    await ready(page);
    const violations = await axeViolations(page);
    assert.deepEqual(violations, []);
    await context.close();
  });
}

test('axe: no violations with a tooltip open and the data table shown', async () => {
  const { page, context } = await openPage(env.browser, `${env.url}/?lang=en`);
  await ready(page);
  await page.locator('[data-testid=chart-crime-by-gravity-changes]').focus();
  await page.keyboard.press('ArrowRight');
  await page.getByTestId('figure-crime-by-gravity-changes').locator('details summary').click();
  // The table is filled from its split module when it opens.
  await page.getByTestId('figure-crime-by-gravity-changes').locator('details table').waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});

test('axe: no violations on the error states', async () => {
  for (const url of ['/t/404/?lang=kk', '/t/broken/?lang=en']) {
    const { page, context } = await openPage(env.browser, `${env.url}${url}`);
    await page.locator('[data-testid=feed-error], [data-testid=problems]').first().waitFor({ timeout: 20000 });
    assert.deepEqual(await axeViolations(page), [], url);
    await context.close();
  }
});

test('axe: no violations on the feed checker with a report of problems and its preview', async () => {
  const { page, context } = await openPage(env.browser, `${env.url}/check/?lang=kk`);
  await page.getByTestId('file').waitFor({ timeout: 20000 });
  assert.deepEqual(await axeViolations(page), [], 'empty checker');
  await page.getByTestId('file').setInputFiles(new URL('../tests/feeds/partly-broken.json', import.meta.url).pathname);
  await page.getByTestId('check-summary').waitFor();
  // The preview's figures: cards, or a drawn chart.
  await page.locator('[data-testid=figure-card], canvas').first().waitFor({ timeout: 20000 });
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});
