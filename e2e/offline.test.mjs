// Offline: after one visit, the report opens without a network, with a banner saying so.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, canvasColours, chartDrawn } from './helpers.mjs';

let env;
before(async () => {
  env = await launch();
});
after(async () => {
  await env?.close();
});

test('a second visit without network shows the saved report and an offline banner', async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.url}/?lang=en`);
  await chartDrawn(page);
  await page.waitForFunction(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    return reg && reg.active && reg.active.state === 'activated';
  }, null, { timeout: 20000 });
  // The worker's install saved the page, its wasm, styles and the bundled feed: no second
  // online visit is needed (the release build's unquoted attributes once hid them from it).
  assert.equal(await page.getByTestId('offline').count(), 0, 'no banner while online');
  await context.setOffline(true);
  await page.reload();
  await chartDrawn(page);
  const banner = page.getByTestId('offline');
  await banner.waitFor();
  assert.match(await banner.innerText(), /Offline: showing the report saved on this device — Data as of January 2026/);
  assert.ok((await canvasColours(page, '[data-testid=chart-crime-by-gravity-changes]')) >= 4);
  // The download code is fetched only at a first download; the worker saved it at install, so
  // a download works offline although none was made online.
  const fig = page.getByTestId('figure-crime-by-gravity-changes');
  const [dl] = await Promise.all([page.waitForEvent('download'), fig.getByTestId('download-csv').click()]);
  assert.equal(dl.suggestedFilename(), 'aktobe-2025-crime-by-gravity-changes-en.csv');
  // Back online, the banner goes.
  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await banner.waitFor({ state: 'detached' });
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

test('?sw=off registers no service worker (for benchmarks)', async () => {
  const { page, context } = await openPage(env.browser, `${env.url}/?lang=en&sw=off`);
  await chartDrawn(page);
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0);
  await context.close();
});
