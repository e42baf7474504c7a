// One small driver interface over two more engines than Chromium, for e2e/engines.test.mjs:
//   WebKit  (Safari's engine): WebKitGTK's MiniBrowser through WebKitWebDriver (./webdriver.mjs)
//   Firefox (Gecko): Debian's firefox-esr through puppeteer-core over WebDriver BiDi
// Both give: setSize, goto, evaluate, waitFor, hover, moveTo, press, focus, click,
// frameEvaluate, errors, screenshot (the viewport), fullPageScreenshot, close. Coordinates are CSS pixels of the viewport.
import fs from 'node:fs';
import { startWebKit, MINIBROWSER, WEBKIT_DRIVER } from './webdriver.mjs';

export const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';

/**
 * Records what must never happen on a page: uncaught exceptions and unhandled rejections (a Rust
 * panic ends up there). Puppeteer installs it before the page's scripts; WebDriver has no such
 * hook, so there it is installed right after the load (see goto).
 */
const RECORDER = () => {
  if (window.__errors) return;
  window.__errors = [];
  addEventListener('error', (e) => window.__errors.push(`error: ${e.message} (${e.filename}:${e.lineno})`));
  addEventListener('unhandledrejection', (e) => window.__errors.push(`unhandled rejection: ${e.reason}${e.reason && e.reason.stack ? `\n${e.reason.stack}` : ''}`));
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn(...args)` in the page until it returns something truthy; returns that. */
async function poll(evaluate, fn, args, { timeout = 20000, interval = 100, message } = {}) {
  const until = Date.now() + timeout;
  let last;
  for (;;) {
    last = await evaluate(fn, ...args);
    if (last) return last;
    if (Date.now() > until) {
      const what = message ?? `waiting for ${String(fn).slice(0, 200)}`;
      throw new Error(`${what}: timed out after ${timeout} ms (last: ${JSON.stringify(last)})`);
    }
    await sleep(interval);
  }
}

/** Scrolls the element into the middle of the viewport; returns its box then, or null. */
const boxOf = (selector) => {
  const el = document.querySelector(selector);
  if (!el) return null;
  el.scrollIntoView({ block: 'center', inline: 'center' });
  const r = el.getBoundingClientRect();
  return { x: r.x, y: r.y, width: r.width, height: r.height };
};

function common(d) {
  /** Polls `fn(...args)` in the page until it is truthy: `waitFor(fn, [args], { timeout, message })`. */
  d.waitFor = (fn, args = [], opts = {}) => poll(d.evaluate, fn, args, opts);
  /** Moves the pointer to (dx, dy) from the element's top left corner (after scrolling to it). */
  d.hover = async (selector, dx, dy) => {
    const box = await d.evaluate(boxOf, selector);
    if (!box) throw new Error(`hover: no ${selector}`);
    await d.moveTo(box.x + dx, box.y + dy);
    return box;
  };
  d.focus = async (selector) => {
    const ok = await d.evaluate((s) => {
      const el = document.querySelector(s);
      if (!el) return false;
      el.scrollIntoView({ block: 'center' });
      el.focus();
      return document.activeElement === el;
    }, selector);
    if (!ok) throw new Error(`focus: ${selector} is missing or took no focus`);
  };
  d.errors = () => d.evaluate(() => window.__errors ?? ['the error recorder is missing']);
  /**
   * The whole page in one shot: the viewport is made as tall as the page, so that every part of
   * it is in view (the app lets go of charts far from the view, as the engines' own full-page
   * shots would show), `ready()` is awaited, and the size is put back.
   */
  d.fullPageScreenshot = async (file, ready) => {
    const { width, height } = await d.evaluate(() => ({ width: innerWidth, height: innerHeight }));
    await d.evaluate(() => scrollTo(0, 0));
    const full = await d.evaluate(() => Math.min(document.documentElement.scrollHeight, 30000));
    await d.setSize(width, full);
    try {
      if (ready) await ready();
      await d.screenshot(file);
    } finally {
      await d.setSize(width, height);
    }
  };
  return d;
}

/** WebKitGTK's MiniBrowser, one window, driven over W3C WebDriver. */
export async function openWebKit() {
  for (const f of [WEBKIT_DRIVER, MINIBROWSER]) {
    if (!fs.existsSync(f)) throw new Error(`${f} is missing: run "scripts/setup.sh test"`);
  }
  const wk = await startWebKit();
  const d = {
    name: 'webkit',
    version: `WebKitGTK ${wk.capabilities.browserVersion}`,
    wk,
    setSize: (width, height) => wk.setViewportSize(width, height),
    async goto(url) {
      await wk.navigate(url);
      await wk.executeScript(RECORDER);
    },
    evaluate: (fn, ...args) => wk.executeScript(fn, ...args),
    moveTo: (x, y) => wk.pointerMove(x, y),
    press: (key) => wk.pressKey(key),
    async click(selector) {
      await wk.click(await wk.findElement(selector));
    },
    async frameEvaluate(frameSelector, fn, ...args) {
      await wk.switchToFrame(await wk.findElement(frameSelector));
      try {
        return await wk.executeScript(fn, ...args);
      } finally {
        await wk.switchToFrame(null);
      }
    },
    screenshot: (file) => wk.screenshot(file),
    close: () => wk.close(),
  };
  return common(d);
}

/** Prefs that keep Firefox off the network (on top of puppeteer's own test profile). */
const QUIET_FIREFOX = {
  // Everything that is not 127.0.0.1 goes to a closed port.
  'network.proxy.type': 1,
  'network.proxy.http': '127.0.0.1', 'network.proxy.http_port': 9,
  'network.proxy.ssl': '127.0.0.1', 'network.proxy.ssl_port': 9,
  'network.proxy.no_proxies_on': '127.0.0.1,localhost',
  'network.proxy.allow_hijacking_localhost': false,
  'network.trr.mode': 5,
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'captivedetect.canonicalURL': '',
  'app.update.enabled': false, 'app.update.auto': false, 'app.update.service.enabled': false,
  'app.normandy.enabled': false, 'app.shield.optoutstudies.enabled': false,
  'toolkit.telemetry.enabled': false, 'toolkit.telemetry.unified': false, 'toolkit.telemetry.server': '',
  'toolkit.telemetry.archive.enabled': false, 'toolkit.telemetry.reportingpolicy.firstRun': false,
  'datareporting.policy.dataSubmissionEnabled': false, 'datareporting.healthreport.uploadEnabled': false,
  'browser.ping-centre.telemetry': false,
  'browser.safebrowsing.malware.enabled': false, 'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false, 'browser.safebrowsing.downloads.remote.enabled': false,
  'browser.safebrowsing.blockedURIs.enabled': false, 'browser.safebrowsing.provider.mozilla.updateURL': '',
  'browser.safebrowsing.provider.google4.updateURL': '', 'browser.safebrowsing.provider.google.updateURL': '',
  'services.settings.server': 'data:,#remote-settings-dummy/v1',
  'extensions.update.enabled': false, 'extensions.blocklist.enabled': false, 'extensions.getAddons.cache.enabled': false,
  'extensions.systemAddon.update.enabled': false,
  'browser.search.update': false, 'browser.search.geoip.url': '', 'browser.region.network.url': '', 'browser.region.update.enabled': false,
  'geo.provider.network.url': '',
  'media.gmp-manager.updateEnabled': false, 'media.gmp-gmpopenh264.enabled': false, 'media.gmp-widevinecdm.enabled': false,
  'dom.push.enabled': false, 'dom.push.connection.enabled': false,
  'browser.newtabpage.enabled': false, 'browser.newtabpage.activity-stream.feeds.section.topstories': false,
  'browser.startup.homepage': 'about:blank', 'browser.startup.page': 0,
  'browser.topsites.contile.enabled': false, 'browser.urlbar.quicksuggest.enabled': false,
  'security.OCSP.enabled': 0, 'security.remote_settings.crlite_filters.enabled': false,
  'network.http.speculative-parallel-limit': 0,
  'browser.translations.enable': false,
  'privacy.antitracking.enableWebcompat': false,
};

/** Debian's Firefox ESR, headless, one page, driven by puppeteer-core over WebDriver BiDi. */
export async function openFirefox() {
  if (!fs.existsSync(FIREFOX)) throw new Error(`${FIREFOX} is missing: run "scripts/setup.sh test"`);
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX,
    headless: true,
    extraPrefsFirefox: QUIET_FIREFOX,
    // (puppeteer's default profile lives in a temporary directory that close() removes)
  });
  let page;
  try {
    page = (await browser.pages())[0] ?? await browser.newPage();
    await page.evaluateOnNewDocument(RECORDER);
  } catch (e) {
    await browser.close();
    throw e;
  }
  const problems = { pageErrors: [], console: [], requests: [] };
  page.on('pageerror', (e) => problems.pageErrors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') problems.console.push(m.text()); });
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!['127.0.0.1', 'localhost'].includes(u.hostname) && !['data:', 'blob:', 'about:'].includes(u.protocol)) problems.requests.push(r.url());
  });
  const d = {
    name: 'firefox',
    version: await browser.version(),
    browser,
    page,
    problems,
    setSize: async (width, height) => {
      await page.setViewport({ width, height });
      return page.evaluate(() => ({ width: innerWidth, height: innerHeight }));
    },
    async goto(url) {
      problems.pageErrors.length = 0;
      problems.console.length = 0;
      await page.goto(url, { waitUntil: 'load' });
    },
    evaluate: (fn, ...args) => page.evaluate(fn, ...args),
    moveTo: (x, y) => page.mouse.move(x, y),
    press: (key) => page.keyboard.press(key),
    click: (selector) => page.click(selector),
    async frameEvaluate(frameSelector, fn, ...args) {
      const handle = await page.$(frameSelector);
      const frame = await handle.contentFrame();
      return frame.evaluate(fn, ...args);
    },
    screenshot: (file) => page.screenshot({ path: file }),
    close: () => browser.close(),
  };
  return common(d);
}

export const ENGINES = { webkit: openWebKit, firefox: openFirefox };
