// A small W3C WebDriver client (Node's own fetch, no dependency) for WebKitGTK's WebKitWebDriver
// and its MiniBrowser: the e2e tests' WebKit, Safari's engine.
//
//   const wk = await startWebKit();          // Xvfb (unless DISPLAY is set), the driver, a session
//   await wk.navigate(url);
//   await wk.executeScript((a, b) => a + b, 1, 2);
//   await wk.close();                        // ends the session, kills what it started
//
// Every process it starts is killed by close(), and also when Node exits, so a failed test leaves
// nothing running. The browser's state lives in a temporary directory that close() removes.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER || '/usr/bin/WebKitWebDriver';
export const MINIBROWSER = process.env.WEBKIT_BROWSER || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
export const XVFB = process.env.XVFB || '/usr/bin/Xvfb';

/** The key values of the W3C WebDriver spec for the keys the tests press. */
export const KEYS = {
  ArrowLeft: '\uE012', ArrowUp: '\uE013', ArrowRight: '\uE014', ArrowDown: '\uE015',
  Escape: '\uE00C', Enter: '\uE007', Tab: '\uE004', Space: '\uE00D', Home: '\uE011', End: '\uE010',
};

/** The W3C name under which an element reference travels. */
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

// MiniBrowser's toolbar holds the window at 447 px or wider. Its GTK style shrinks to nothing
// here, so that the window (and innerWidth) can be a phone's 390 px; the page is not affected.
const GTK_CSS = '* { font-size: 1px; min-width: 0; min-height: 0; padding: 0; margin: 0; border-width: 0; }\n';

const children = new Set();
const tmpDirs = new Set();
process.on('exit', () => {
  for (const child of children) {
    try { child.kill('SIGKILL'); } catch { /* already gone */ }
  }
  for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function start(cmd, args, env) {
  const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.log = '';
  const keep = (d) => { child.log = (child.log + d).slice(-4000); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.exited = new Promise((r) => child.once('exit', (code, signal) => { children.delete(child); r({ code, signal }); }));
  return child;
}

async function stop(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const gone = await Promise.race([child.exited, new Promise((r) => setTimeout(() => r(null), 3000))]);
  if (!gone) {
    child.kill('SIGKILL');
    await child.exited;
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Starts Xvfb on a free display (it picks one and reports it: -displayfd). */
async function startXvfb() {
  const xvfb = start(XVFB, ['-displayfd', '1', '-screen', '0', '1400x1000x24', '-nolisten', 'tcp'], process.env);
  let number = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Xvfb did not start: ${xvfb.log}`)), 10000);
    xvfb.stdout.on('data', (d) => {
      number += d;
      if (number.includes('\n')) { clearTimeout(timer); resolve(); }
    });
    xvfb.exited.then(() => { clearTimeout(timer); reject(new Error(`Xvfb exited: ${xvfb.log}`)); });
  });
  return { xvfb, display: `:${number.trim()}` };
}

/** An error from the driver, with its W3C error code and message. */
export class WebDriverError extends Error {
  constructor(method, route, status, value) {
    super(`WebDriver ${method} ${route}: ${status} ${value?.error ?? ''}: ${value?.message ?? JSON.stringify(value)}`);
    this.code = value?.error;
  }
}

/**
 * Starts Xvfb (unless DISPLAY is set), WebKitWebDriver on a free port and a MiniBrowser session.
 * Resolves to the session's commands. `capabilities` are merged into alwaysMatch.
 */
export async function startWebKit({ capabilities = {}, log = false } = {}) {
  const started = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'esep-webkit-'));
  tmpDirs.add(tmp);
  let sessionUrl = null;
  let base = null;
  const close = async () => {
    if (sessionUrl) {
      const url = sessionUrl;
      sessionUrl = null;
      await fetch(url, { method: 'DELETE', signal: AbortSignal.timeout(10000) }).catch(() => {});
    }
    for (const child of started.reverse()) await stop(child);
    started.length = 0;
    fs.rmSync(tmp, { recursive: true, force: true });
    tmpDirs.delete(tmp);
  };
  try {
    let display = process.env.DISPLAY;
    if (!display) {
      const x = await startXvfb();
      started.push(x.xvfb);
      display = x.display;
    }
    fs.mkdirSync(path.join(tmp, 'config/gtk-3.0'), { recursive: true });
    fs.writeFileSync(path.join(tmp, 'config/gtk-3.0/gtk.css'), GTK_CSS);
    const env = {
      ...process.env,
      DISPLAY: display,
      XDG_CONFIG_HOME: path.join(tmp, 'config'),
      XDG_CACHE_HOME: path.join(tmp, 'cache'),
      XDG_DATA_HOME: path.join(tmp, 'data'),
      // No accessibility bus, no GPU: quieter, and nothing to wait for under Xvfb.
      NO_AT_BRIDGE: '1',
      WEBKIT_DISABLE_COMPOSITING_MODE: '1',
      LIBGL_ALWAYS_SOFTWARE: '1',
    };
    const port = await freePort();
    const driver = start(WEBKIT_DRIVER, [`--port=${port}`], env);
    started.push(driver);
    base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      const ready = await fetch(`${base}/status`).then((r) => r.json()).then((j) => j.value?.ready).catch(() => false);
      if (ready) break;
      if (i > 100 || driver.exitCode !== null) throw new Error(`WebKitWebDriver did not start: ${driver.log}`);
      await sleep(100);
    }
    const created = await request('POST', `${base}/session`, {
      capabilities: {
        alwaysMatch: {
          'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
          ...capabilities,
        },
      },
    });
    sessionUrl = `${base}/session/${created.sessionId}`;
    const session = commands(() => sessionUrl, log);
    session.capabilities = created.capabilities;
    session.driverLog = () => driver.log;
    session.close = close;
    session.deleteSession = async () => {
      const url = sessionUrl;
      sessionUrl = null;
      if (url) await request('DELETE', url, undefined, log);
    };
    return session;
  } catch (e) {
    await close();
    throw e;
  }
}

async function request(method, url, body, log, timeout = 120000) {
  const started = Date.now();
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeout),
  });
  const json = await res.json().catch(() => ({}));
  if (log) console.log(`# webdriver ${method} ${new URL(url).pathname.replace(/^\/session\/[^/]+/, '')} ${res.status} ${Date.now() - started} ms`);
  if (!res.ok || json.value?.error) throw new WebDriverError(method, new URL(url).pathname, res.status, json.value);
  return json.value;
}

/** A function and its arguments as a WebDriver script: `fn` is called with `args`. */
function scriptOf(fn) {
  return typeof fn === 'function' ? `return (${fn}).apply(null, arguments);` : fn;
}

/** Element references in results become { [ELEMENT]: id } objects, usable as arguments again. */
function commands(url, log) {
  const call = (method, route, body, timeout) => {
    if (!url()) throw new Error('the WebDriver session is closed');
    return request(method, `${url()}${route}`, body, log, timeout);
  };
  // How much of the window's outer size its own chrome takes (learnt by setViewportSize).
  let chrome = { width: 0, height: 0 };
  const self = {
    call,
    element: (id) => ({ [ELEMENT]: id }),
    elementId: (ref) => ref?.[ELEMENT],
    navigate: (to) => call('POST', '/url', { url: to }),
    currentUrl: () => call('GET', '/url'),
    title: () => call('GET', '/title'),
    back: () => call('POST', '/back', {}),
    refresh: () => call('POST', '/refresh', {}),
    setTimeouts: (t) => call('POST', '/timeouts', t),
    /** Runs `fn(...args)` in the page; a returned promise is awaited (the spec's "execute script"). */
    executeScript: (fn, ...args) => call('POST', '/execute/sync', { script: scriptOf(fn), args }),
    /**
     * Runs `fn(...args)` in the page and waits for the promise it returns. (WebDriver's
     * asynchronous form: the page calls the last argument; a rejection becomes an error here.)
     */
    async executeAsyncScript(fn, ...args) {
      const script = `const done = arguments[arguments.length - 1];
        Promise.resolve().then(() => (${fn}).apply(null, Array.prototype.slice.call(arguments, 0, -1)))
          .then((value) => done({ value }), (e) => done({ error: String(e && e.stack || e) }));`;
      const r = await call('POST', '/execute/async', { script, args });
      if (r && 'error' in r) throw new Error(`script failed in the page: ${r.error}`);
      return r?.value;
    },
    getWindowRect: () => call('GET', '/window/rect'),
    setWindowRect: (rect) => call('POST', '/window/rect', rect),
    /**
     * Sizes the window so that the page's innerWidth × innerHeight is `width` × `height` (the
     * window's own chrome takes some of the outer size); returns what the page then reports.
     */
    async setViewportSize(width, height) {
      let outer = { width: width + chrome.width, height: height + chrome.height };
      let inner;
      for (let i = 0; i < 4; i++) {
        await self.setWindowRect({ ...outer, x: 0, y: 0 });
        // The page sees the new size after a frame or two.
        for (let j = 0; j < 20; j++) {
          inner = await self.executeScript(() => ({ width: innerWidth, height: innerHeight }));
          if (inner.width === width && inner.height === height) {
            chrome = { width: outer.width - width, height: outer.height - height };
            return inner;
          }
          await sleep(50);
        }
        outer = { width: outer.width + width - inner.width, height: outer.height + height - inner.height };
      }
      return inner;
    },
    findElement: (css, from) => call('POST', from ? `/element/${from[ELEMENT]}/element` : '/element', { using: 'css selector', value: css }),
    findElements: (css) => call('POST', '/elements', { using: 'css selector', value: css }),
    click: (ref) => call('POST', `/element/${ref[ELEMENT]}/click`, {}),
    sendKeys: (ref, text) => call('POST', `/element/${ref[ELEMENT]}/value`, { text }),
    elementRect: (ref) => call('GET', `/element/${ref[ELEMENT]}/rect`),
    /** Switches to the frame of an <iframe> element reference, or back to the top with null. */
    switchToFrame: (ref) => call('POST', '/frame', { id: ref }),
    switchToParentFrame: () => call('POST', '/frame/parent', {}),
    /** W3C actions, e.g. [{ type: 'pointer', id: 'mouse', actions: [...] }]. */
    performActions: (actions) => call('POST', '/actions', { actions }),
    releaseActions: () => call('DELETE', '/actions'),
    /** Moves the mouse to (x, y) in CSS pixels of the viewport. */
    pointerMove: (x, y, duration = 0) => self.performActions([{
      type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' },
      actions: [{ type: 'pointerMove', origin: 'viewport', x: Math.round(x), y: Math.round(y), duration }],
    }]),
    /** Presses and releases one key; `key` is a KEYS name or a character. */
    pressKey: (key) => {
      const value = KEYS[key] ?? key;
      return self.performActions([{ type: 'key', id: 'keyboard', actions: [{ type: 'keyDown', value }, { type: 'keyUp', value }] }]);
    },
    /**
     * The viewport as PNG bytes (a Buffer); written to `file` too when given. WebKit takes the
     * shot at the page's next rendering update, and an idle page (above all in a window taller
     * than the screen) may have none for a long time: a style that changes every 50 ms, and
     * looks the same either way, makes one.
     */
    async screenshot(file) {
      await self.executeScript(() => {
        let odd = false;
        window.__webdriverNudge = setInterval(() => {
          odd = !odd;
          document.documentElement.style.outline = odd ? '1px solid transparent' : '';
        }, 50);
      });
      let png;
      try {
        png = Buffer.from(await call('GET', '/screenshot', undefined, 30000), 'base64');
      } finally {
        await self.executeScript(() => {
          clearInterval(window.__webdriverNudge);
          document.documentElement.style.outline = '';
        });
      }
      if (file) fs.writeFileSync(file, png);
      return png;
    },
    /** An element as PNG bytes; written to `file` too when given. */
    async elementScreenshot(ref, file) {
      const png = Buffer.from(await call('GET', `/element/${ref[ELEMENT]}/screenshot`), 'base64');
      if (file) fs.writeFileSync(file, png);
      return png;
    },
  };
  return self;
}
