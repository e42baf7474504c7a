// The loader's guard (scripts/panic-guard.js) on the built pages, in headless Chromium with
// WebAssembly taken away or broken on purpose: never a blank page, always the reader's language,
// the feed linked; and the reload panel for an exception that went up through the wasm, not for
// an unrelated one. (The guard's logic itself: e2e/guard.test.mjs.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, chartDrawn } from './helpers.mjs';

let env;
before(async () => {
  env = await launch();
});
after(async () => {
  await env?.close();
});

/** Opens `path` with `init` run before the page's own scripts; records errors and requests. */
async function open(path, { init, locale = 'en-GB', route } = {}) {
  const context = await env.browser.newContext({ viewport: { width: 1000, height: 800 }, locale });
  if (init) await context.addInitScript(init);
  if (route) await context.route(...route);
  const page = await context.newPage();
  const seen = { console: [], pageErrors: [], requests: [] };
  page.on('console', (m) => m.type() === 'error' && seen.console.push(m.text()));
  page.on('pageerror', (e) => seen.pageErrors.push(String(e)));
  page.on('request', (r) => seen.requests.push(new URL(r.url()).pathname));
  await page.goto(`${env.url}${path}`);
  return { page, context, seen };
}

/** The guard's panel, once shown: its text, its link (as written and resolved) and its button. */
async function panel(page, testid = 'unsupported') {
  const el = page.getByTestId(testid);
  await el.waitFor({ timeout: 20000 });
  return el.evaluate((p) => ({
    className: p.className,
    role: p.getAttribute('role'),
    title: p.querySelector('h1')?.textContent,
    text: p.innerText,
    href: p.querySelector('a')?.getAttribute('href'),
    resolved: p.querySelector('a')?.href,
    button: p.querySelector('button')?.textContent,
    panels: document.querySelectorAll('[data-testid=unsupported],[data-testid=panic]').length,
  }));
}

const NO_WASM = 'delete window.WebAssembly;';
/** A browser whose WebAssembly lacks reference types (Safari 15.0, Chrome 95). */
const NO_REFERENCE_TYPES = `{
  const validate = WebAssembly.validate;
  WebAssembly.validate = (bytes) => !new Uint8Array(bytes).includes(0xd0) && validate(bytes);
}`;

test('no WebAssembly: the report says so in the reader\'s language (?lang=ru) and links the feed, which is there', async () => {
  const { page, context, seen } = await open('/?lang=ru&sw=off', { init: NO_WASM });
  const p = await panel(page);
  assert.equal(p.className, 'error-panel unsupported');
  assert.equal(p.role, 'alert');
  assert.equal(p.title, 'В этом браузере не удалось показать диаграммы');
  assert.match(p.text, /Цифры и источники — в файле данных: feeds\/aktobe-2025\.json/);
  assert.equal(p.href, 'feeds/aktobe-2025.json');
  assert.equal(p.button, undefined, 'no reload: it would not help');
  const feed = await page.request.get(p.resolved);
  assert.equal(feed.status(), 200);
  assert.equal((await feed.json()).id, 'aktobe-2025', 'the link is the feed');
  // The app never ran: no feed request of its own, no error thrown at the reader.
  assert.ok(!seen.requests.includes('/feeds/aktobe-2025.json'), 'the app did not load the feed');
  assert.deepEqual(seen.pageErrors, []);
  assert.ok(seen.console.some((m) => m.includes('esep: the app cannot start')), seen.console.join('\n'));
  await context.close();
});

test('a WebAssembly feature missing: the same panel, in the browser\'s language (kk-KZ), init never runs', async () => {
  const { page, context, seen } = await open('/?sw=off', { init: NO_REFERENCE_TYPES, locale: 'kk-KZ' });
  const p = await panel(page);
  assert.equal(p.title, 'Бұл браузерде диаграммаларды көрсету мүмкін болмады');
  assert.match(p.text, /Сандар мен дереккөздер — деректер файлында: feeds\/aktobe-2025\.json/);
  await page.waitForTimeout(500);
  assert.equal(await page.locator('main, canvas').count(), 0, 'no half-built report under the panel');
  assert.deepEqual(seen.pageErrors, []);
  await context.close();
});

test('?feed=: linked when the app would load it, never a javascript: address', async () => {
  for (const [feed, href] of [
    ['tests/feeds/good/illustrative-districts.json', 'tests/feeds/good/illustrative-districts.json'],
    ['javascript:alert(1)', 'feeds/aktobe-2025.json'],
    ['//evil.example/x.json', 'feeds/aktobe-2025.json'],
  ]) {
    const { page, context } = await open(`/?lang=en&sw=off&feed=${encodeURIComponent(feed)}`, { init: NO_WASM });
    assert.equal((await panel(page)).href, href, feed);
    await context.close();
  }
});

test('the embed and comparison pages link the feed too; the feed checker names none', async () => {
  for (const [path, href] of [
    ['/embed.html?embed=crime-by-gravity-changes&lang=en', 'feeds/aktobe-2025.json'],
    ['/compare.html?lang=en&compare=feeds/aktobe-2025.json', 'feeds/aktobe-2025.json'],
    ['/check/?lang=en', undefined],
  ]) {
    const { page, context, seen } = await open(path, { init: NO_WASM });
    const p = await panel(page);
    assert.equal(p.title, 'The charts could not be shown in this browser', path);
    assert.equal(p.href, href, path);
    assert.deepEqual(seen.pageErrors, [], path);
    await context.close();
  }
});

test('the wasm does not arrive: the panel with a reload button that reloads', async () => {
  const { page, context } = await open('/?lang=en&sw=off', { route: ['**/*_bg.wasm', (r) => r.abort('connectionreset')] });
  const p = await panel(page);
  assert.equal(p.title, 'The charts could not be shown in this browser');
  assert.equal(p.button, 'Reload');
  assert.equal(p.href, 'feeds/aktobe-2025.json');
  await Promise.all([page.waitForEvent('load'), page.getByTestId('unsupported').getByRole('button', { name: 'Reload' }).click()]);
  await context.close();
});

test('a Content-Security-Policy without \'wasm-unsafe-eval\' refuses the wasm: the panel, not a blank page', async () => {
  const { page, context } = await open('/?lang=ru&sw=off', {
    route: [(url) => url.pathname === '/', async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers(), 'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'" };
      // The body comes decoded: no content-encoding or length of the precompressed copy.
      delete headers['content-encoding'];
      delete headers['content-length'];
      await route.fulfill({ status: response.status(), headers, body: await response.body() });
    }],
  });
  const p = await panel(page);
  assert.equal(p.title, 'В этом браузере не удалось показать диаграммы');
  assert.equal(p.button, 'Перезагрузить');
  await context.close();
});

test('an exception thrown up through the wasm after the start: the reload panel, once, in the page\'s language', async () => {
  // Every read of an element's width throws: the first chart drawn (a task after the feed
  // arrived) stops inside Rust.
  const init = `Object.defineProperty(Element.prototype, 'clientWidth', { get() { throw new TypeError('esep-test: clientWidth'); } });`;
  const { page, context, seen } = await open('/?lang=ru&sw=off', { init });
  const p = await panel(page, 'panic');
  assert.equal(p.className, 'error-panel panic');
  assert.equal(p.title, 'На странице произошла ошибка');
  assert.equal(p.button, 'Перезагрузить');
  assert.equal(p.panels, 1);
  await page.waitForTimeout(500);
  const stops = seen.console.filter((m) => m.includes('esep: the page stopped'));
  assert.deepEqual(stops, ['esep: the page stopped on an internal error (esep-test: clientWidth)']);
  assert.ok(seen.pageErrors.some((e) => e.includes('esep-test: clientWidth')), 'the exception itself still reaches the console');
  await context.close();
});

test('unrelated errors (another script, a rejected promise) show no panel, and the report is drawn', async () => {
  const init = `
    setTimeout(() => { throw new Error('esep-test: unrelated wasm-function[1] [wasm code]'); }, 0);
    Promise.reject(new TypeError('esep-test: unrelated rejection'));`;
  const { page, context, seen } = await open('/?lang=en&sw=off', { init });
  await chartDrawn(page);
  await page.waitForTimeout(300);
  assert.equal(await page.locator('[data-testid=panic],[data-testid=unsupported]').count(), 0);
  assert.ok(seen.pageErrors.some((e) => e.includes('esep-test: unrelated')), 'the errors did happen');
  await context.close();
});
