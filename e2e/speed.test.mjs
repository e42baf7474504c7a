// Issue 21: the bundled feed is preloaded while the wasm is fetched, and the app's request takes
// the preloaded answer; pages that load another feed (?feed=, ?compare=, a pinned ?v=) preload
// nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage } from './helpers.mjs';

let env;
before(async () => {
  env = await launch();
});
after(async () => {
  await env?.close();
});

// The feeds preloaded (the wasm has its own preload, from Trunk).
const preloads = (page) => page.evaluate(() => [...document.querySelectorAll('link[rel=preload][as=fetch]')].map((l) => l.getAttribute('href')).filter((h) => h.endsWith('.json')));

test('the report preloads its feed once, and its own request reuses the answer', async () => {
  const { page, context, problems } = await openPage(env.browser, 'about:blank');
  const warnings = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  const requests = [];
  page.on('request', (r) => r.url().endsWith('/feeds/aktobe-2025.json') && requests.push(r.url()));
  await page.goto(`${env.url}/?lang=en&sw=off`);
  await page.getByTestId('title').waitFor({ timeout: 20000 });
  assert.deepEqual(await preloads(page), ['feeds/aktobe-2025.json']);
  // One fetch of the feed from the network: the preload's.
  const entries = await page.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => e.name.endsWith('/feeds/aktobe-2025.json'))
    .map((e) => e.initiatorType));
  assert.deepEqual(entries, ['link'], `resource entries for the feed: ${entries}`);
  await page.waitForTimeout(3500);
  assert.deepEqual(warnings.filter((w) => /preloaded.*not used/i.test(w)), [], 'Chromium does not say the preload went unused');
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

for (const [what, query] of [['another feed', '?feed=feeds/aktobe-2025.json'], ['a pinned version', '?v=000000000000'], ['a comparison', '?compare=feeds/aktobe-2022.json']]) {
  test(`a page that loads ${what} preloads nothing`, async () => {
    const { page, context } = await openPage(env.browser, `${env.url}/${query}`);
    await page.waitForLoadState('load');
    await page.waitForTimeout(300);
    assert.deepEqual(await preloads(page), []);
    await context.close();
  });
}
