// Hostile feeds, broken networks, strict CSP: nothing breaks, nothing runs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, chartDrawn, figuresShown } from './helpers.mjs';

let env;
before(async () => {
  env = await launch();
});
after(async () => {
  await env?.close();
});

const faults = [
  ['500', 'en', /The data file did not load\. \(HTTP 500\)/],
  ['loop', 'ru', /Файл данных не загрузился/],
  ['type', 'kk', /Деректер файлы бүлінген немесе басқа форматта/],
  ['empty', 'en', /damaged or in another format/],
  ['truncated', 'ru', /Файл данных повреждён/],
  ['huge', 'en', /damaged or in another format/],
  ['slow', 'en', /took too long to arrive/],
  ['reset', 'kk', /Деректер файлы жүктелмеді/],
];

for (const [fault, lang, message] of faults) {
  test(`feed fault "${fault}": a clear ${lang} message with a working "try again", no panic`, async () => {
    const started = Date.now();
    const { page, context, problems } = await openPage(env.browser, `${env.url}/t/${fault}/?lang=${lang}&timeout=2&sw=off`);
    const panel = page.getByTestId('feed-error');
    await panel.waitFor({ timeout: 15000 });
    assert.match(await panel.innerText(), message);
    assert.ok(Date.now() - started < 15000, 'within the time limit');
    if (fault === 'huge') {
      await panel.locator('summary').click();
      assert.match(await panel.innerText(), /52428800 bytes; the limit is 16777216 bytes/);
    }
    // "Try again" runs the load again and the page stays usable.
    await panel.locator('button.retry').click();
    await panel.waitFor({ timeout: 15000 });
    await page.getByTestId('lang-en').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.deepEqual(problems.pageErrors, [], 'no panic');
    await context.close();
  });
}

test('hostile labels are shown as text; scripts, handlers and javascript: links never run', async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.url}/t/hostile/?lang=en`);
  await figuresShown(page);
  assert.match(await page.getByTestId('title').innerText(), /<script>window\.__pwned='title'<\/script>Hostile labels/);
  assert.match(await page.locator('.publisher').innerText(), /<img src=x onerror=/);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('main script, main img[src="x"], main svg').count(), 0);
  assert.equal(await page.locator('a[href^="javascript:"]').count(), 0);
  // Right-to-left text and emoji come through as text.
  await page.getByTestId('lang-ru').click();
  assert.match(await page.getByTestId('title').innerText(), /עברית RTL تجربة 🚨🔥/);
  // The very long label is whole on its card.
  await page.getByTestId('lang-en').click();
  await page.getByTestId('figure-card').first().waitFor();
  const cards = (await page.getByTestId('figure-card').allTextContents()).join(' ');
  assert.ok(cards.includes('Very long label '.repeat(40).trim()), 'the full label is on the card');
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

test('a Rust panic shows a panel with a reload button instead of a frozen page, reported once', async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.url}/?lang=ru&esep-panic=1`);
  const panel = page.getByTestId('panic');
  await panel.waitFor({ timeout: 20000 });
  assert.match(await panel.innerText(), /На странице произошла ошибка/);
  const reload = panel.getByRole('button', { name: 'Перезагрузить' });
  assert.ok(await reload.isVisible());
  // The release build aborts without a message; the guard names the stop once.
  const panics = problems.console.filter((m) => m.includes('esep: the page stopped'));
  assert.equal(panics.length, 1, `reported once: ${problems.console.join('\n')}`);
  await Promise.all([page.waitForEvent('load'), reload.click()]);
  await context.close();
});

test('the app runs under a strict Content-Security-Policy with no violation', async () => {
  for (const url of ['/csp/?lang=en', '/csp/embed.html?embed=crime-by-gravity-changes&lang=kk', '/csp/compare.html?lang=en&compare=feeds/aktobe-2025.json', '/csp/check/?lang=en']) {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    const response = await page.goto(`${env.url}${url}`);
    assert.match(response.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'/);
    if (url.includes('check')) {
      await page.getByTestId('file').waitFor({ timeout: 20000 });
    } else {
      await chartDrawn(page);
      // Hover, tooltips (CSSOM positioning), a sparkline-free page, a legend and the table.
      const canvas = page.locator('canvas').first();
      const box = await canvas.boundingBox();
      await page.mouse.move(box.x + box.width / 2, box.y + 30);
    }
    await page.waitForTimeout(300);
    assert.deepEqual(await page.evaluate(() => window.__violations), [], url);
    assert.deepEqual(errors, [], url);
    await context.close();
  }
});
