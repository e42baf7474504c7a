// The loader's guard (scripts/panic-guard.js) and the start it gets from the loader
// (scripts/loader-start.mjs), in Node: no build and no browser needed. The WebAssembly checks
// run on Node's own V8; the page is a small stand-in for the DOM the guard touches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { routeStart } from '../scripts/loader-start.mjs';

const FEED = 'feeds/aktobe-2025.json';
let loaded = 0;

/** The bits of DOM the guard uses: panels prepended to <body>, listeners on the window. */
function page({ search = '', languages = ['en-GB'], lang = 'kk', feed = FEED } = {}) {
  const node = (tag) => ({
    tag, children: [], attributes: {}, dataset: {}, textContent: '', listeners: {},
    appendChild(child) { this.children.push(child); return child; },
    prepend(child) { this.children.unshift(child); },
    setAttribute(name, value) { this.attributes[name] = value; },
    addEventListener(type, f) { this.listeners[type] = f; },
  });
  const body = node('body');
  const windowListeners = {};
  const errors = [];
  Object.assign(globalThis, {
    __ESEP_FEED__: feed,
    document: {
      documentElement: { lang },
      body,
      createElement: node,
      querySelector: (selector) => body.children.find((c) => selector.includes(`[data-testid=${c.dataset.testid}]`)) || null,
    },
    location: { search, reload() {} },
    addEventListener: (type, f) => { (windowListeners[type] ||= []).push(f); },
  });
  Object.defineProperty(globalThis, 'navigator', { value: { languages }, configurable: true, writable: true });
  const console = { error: (...args) => errors.push(args.join(' ')) };
  /** Text of a panel, its link and its button, as a reader sees them. */
  const text = (el) => [el.textContent, ...el.children.map(text)].join(' ').replace(/\s+/g, ' ').trim();
  return {
    body,
    errors,
    console,
    panels: () => body.children.map((p) => ({
      id: p.dataset.testid,
      role: p.attributes.role,
      className: p.className,
      text: text(p),
      link: p.children.flatMap((c) => c.children).find((c) => c.tag === 'a')?.href,
      button: p.children.find((c) => c.tag === 'button')?.textContent,
    })),
    fire: (type, event) => (windowListeners[type] || []).forEach((f) => f(event)),
  };
}

/** A fresh copy of the guard in a fresh page (each import of a new URL runs the module again). */
async function guard(options) {
  const env = page(options);
  const realConsole = globalThis.console;
  globalThis.console = { ...realConsole, error: env.console.error };
  try {
    const module = await import(`../scripts/panic-guard.js?page=${(loaded += 1)}`);
    return { ...env, ...module };
  } finally {
    globalThis.console = realConsole;
  }
}

/** Runs `f` with the guard's console.error collected in `env.errors`. */
async function quietly(env, f) {
  const realConsole = globalThis.console;
  globalThis.console = { ...realConsole, error: env.console.error };
  try {
    return await f();
  } finally {
    globalThis.console = realConsole;
  }
}

const pending = (promise) => Promise.race([promise.then(() => 'settled', () => 'settled'), new Promise((r) => setTimeout(() => r('pending'), 50))]);

test('the feature module is valid WebAssembly for an engine with every feature (Node 20 has all six)', async () => {
  const { esepWasm, esepLacks } = await guard();
  assert.ok(WebAssembly.validate(new Uint8Array(esepWasm)));
  assert.equal(esepLacks(), false);
  assert.ok(esepWasm.length < 80, `${esepWasm.length} bytes`);
});

test('an engine refuses what it does not know: an unknown opcode in place of any feature\'s does not validate', async () => {
  const { esepWasm } = await guard();
  // memory.fill (252 11), ref.null extern (208), i32.extend8_s (192), i32.trunc_sat_f32_s (252 0).
  for (const at of [esepWasm.indexOf(252), esepWasm.indexOf(208), esepWasm.indexOf(192), esepWasm.lastIndexOf(252)]) {
    const bytes = [...esepWasm];
    bytes[at] = 0xff;
    assert.equal(WebAssembly.validate(new Uint8Array(bytes)), false, `byte ${at}`);
  }
});

test('binaryen agrees: the module needs each of the six features', async () => {
  const binaryen = (await import('binaryen')).default;
  if (binaryen.ready) await binaryen.ready;
  const { esepWasm } = await guard();
  const flags = {
    'sign-ext': binaryen.Features.SignExt,
    // memory.fill is binaryen's (and LLVM's) bulk-memory-opt, a part of bulk-memory.
    'bulk-memory': binaryen.Features.BulkMemory | binaryen.Features.BulkMemoryOpt,
    'nontrapping-float-to-int': binaryen.Features.NontrappingFPToInt,
    'mutable-globals': binaryen.Features.MutableGlobals,
    // The longer call_indirect encoding comes with reference types.
    'reference-types': binaryen.Features.ReferenceTypes | binaryen.Features.CallIndirectOverlong,
    multivalue: binaryen.Features.Multivalue,
  };
  const all = Object.values(flags).reduce((a, b) => a | b, binaryen.Features.MVP);
  const validates = (features) => {
    const module = binaryen.readBinary(new Uint8Array(esepWasm));
    module.setFeatures(features);
    const write = process.stderr.write;
    process.stderr.write = () => true; // binaryen prints what it finds invalid
    try {
      return Boolean(module.validate());
    } finally {
      process.stderr.write = write;
      module.dispose();
    }
  };
  assert.ok(validates(all), 'valid with the six features');
  for (const [name, flag] of Object.entries(flags)) {
    assert.equal(validates(all & ~flag), false, `valid without ${name}`);
  }
});

test('the reader\'s language: ?lang=, then the browser\'s languages, then <html lang>, as the app reads codes', async () => {
  const { esepLang } = await guard();
  const title = (codes) => esepLang(codes)[3];
  assert.equal(title(['ru', 'en']), 'В этом браузере не удалось показать диаграммы');
  assert.equal(title([null, 'ru-RU', 'en']), 'В этом браузере не удалось показать диаграммы');
  assert.equal(title([null, 'de-DE', 'kk-KZ']), 'Бұл браузерде диаграммаларды көрсету мүмкін болмады');
  assert.equal(title(['KZ']), 'Бұл браузерде диаграммаларды көрсету мүмкін болмады');
  assert.equal(title(['en_US']), 'The charts could not be shown in this browser');
  assert.equal(title(['rus', 'enx', 'kk']), 'Бұл браузерде диаграммаларды көрсету мүмкін болмады', 'three letters are another language');
  assert.equal(title([null, undefined, 'de']), 'The charts could not be shown in this browser');
});

test('no WebAssembly: the panel in the reader\'s language, with the feed, and init never runs', async () => {
  const env = await guard({ search: '?lang=ru', languages: ['en-US'] });
  const saved = globalThis.WebAssembly;
  delete globalThis.WebAssembly;
  let started = false;
  try {
    const start = quietly(env, () => { const p = env.__esepStart(() => { started = true; }, {}); return pending(p); });
    assert.equal(await start, 'pending', 'the loader waits for ever');
  } finally {
    globalThis.WebAssembly = saved;
  }
  assert.equal(started, false);
  const [panel, ...more] = env.panels();
  assert.equal(more.length, 0);
  assert.equal(panel.id, 'unsupported');
  assert.equal(panel.role, 'alert');
  assert.equal(panel.className, 'error-panel unsupported');
  assert.equal(panel.text, `В этом браузере не удалось показать диаграммы Цифры и источники — в файле данных: ${FEED}`);
  assert.equal(panel.link, FEED);
  assert.equal(panel.button, undefined, 'no reload button: reloading would not help');
  assert.match(env.errors.join('\n'), /WebAssembly lacks features/);
});

test('a missing feature: the same panel, and init never runs', async () => {
  const env = await guard({ languages: ['kk-KZ', 'ru'] });
  const validate = WebAssembly.validate;
  WebAssembly.validate = (bytes) => !bytes.includes(208) && validate(bytes); // no reference types
  try {
    assert.equal(await quietly(env, () => pending(env.__esepStart(() => assert.fail('init ran'), {}))), 'pending');
  } finally {
    WebAssembly.validate = validate;
  }
  const [panel] = env.panels();
  assert.equal(panel.text, `Бұл браузерде диаграммаларды көрсету мүмкін болмады Сандар мен дереккөздер — деректер файлында: ${FEED}`);
  assert.match(env.errors.join('\n'), /WebAssembly lacks features/);
});

test('the wasm does not start (fetch, compile or CSP refusal): the same panel with a reload button', async () => {
  const env = await guard({ languages: ['en-GB'] });
  const refused = new WebAssembly.CompileError("WebAssembly.instantiateStreaming(): Refused to compile or instantiate WebAssembly module because 'wasm-eval' is not an allowed source of script");
  assert.equal(await quietly(env, () => pending(env.__esepStart(() => Promise.reject(refused), {}))), 'pending');
  const [panel] = env.panels();
  assert.equal(panel.id, 'unsupported');
  assert.equal(panel.text, `The charts could not be shown in this browser The figures and their sources are in the data file: ${FEED} Reload`);
  assert.equal(panel.button, 'Reload');
  assert.match(env.errors.join('\n'), /cannot start: CompileError: WebAssembly\.instantiateStreaming\(\): Refused/);
});

test('a started app: init\'s result is passed on and nothing is shown', async () => {
  const env = await guard();
  let options;
  const result = await env.__esepStart((o) => { options = o; return Promise.resolve('exports'); }, { module_or_path: './x_bg.wasm' });
  assert.equal(result, 'exports');
  assert.deepEqual(options, { module_or_path: './x_bg.wasm' });
  assert.deepEqual(env.panels(), []);
  env.fire('load', {});
  assert.deepEqual(env.panels(), [], 'no "did not run" panel after a start');
});

test('a loader that never called __esepStart (the glue failed first): the panel, with reload, at load', async () => {
  const env = await guard({ search: '?lang=kk' });
  await quietly(env, () => env.fire('load', {}));
  const [panel] = env.panels();
  assert.equal(panel.text, `Бұл браузерде диаграммаларды көрсету мүмкін болмады Сандар мен дереккөздер — деректер файлында: ${FEED} Қайта жүктеу`);
});

test('the feed linked: ?feed= when the app would load it, never another scheme; none on a page without a feed', async () => {
  const cases = [
    ['?feed=tests/feeds/good/x.json', 'tests/feeds/good/x.json'],
    ['?feed=https://stat.example.kz/f.json', 'https://stat.example.kz/f.json'],
    ['?feed=HTTP://stat.example.kz/f.json', 'HTTP://stat.example.kz/f.json'],
    ['?feed=javascript:alert(1)', FEED],
    ['?feed=%20javascript:alert(1)', FEED],
    ['?feed=data:text/html,x', FEED],
    ['?feed=//evil.example/f.json', FEED],
    ['?feed=', FEED],
  ];
  for (const [search, link] of cases) {
    const env = await guard({ search });
    await quietly(env, () => env.fire('load', {}));
    assert.equal(env.panels()[0].link, link, search);
  }
  const checker = await guard({ search: '?feed=x.json', feed: '' });
  await quietly(checker, () => checker.fire('load', {}));
  const [panel] = checker.panels();
  assert.equal(panel.link, undefined);
  assert.equal(panel.text, 'The charts could not be shown in this browser Reload');
});

/** A module whose export `run` calls the imported JS function `m.f`; `trap` runs `unreachable`. */
function throughWasm(f) {
  const bytes = new Uint8Array([
    0, 97, 115, 109, 1, 0, 0, 0,
    1, 4, 1, 96, 0, 0, // type 0: () -> ()
    2, 7, 1, 1, 109, 1, 102, 0, 0, // import m.f: type 0
    3, 3, 2, 0, 0, // functions 1 and 2: type 0
    7, 14, 2, 3, 114, 117, 110, 0, 1, 4, 116, 114, 97, 112, 0, 2, // export run = 1, trap = 2
    10, 10, 2, 4, 0, 16, 0, 11, 3, 0, 0, 11, // run: call 0; trap: unreachable
  ]);
  return new WebAssembly.Instance(new WebAssembly.Module(bytes), { m: { f } }).exports;
}

test('what stops the app: a trap, or an exception thrown up through wasm frames (V8, Firefox and WebKit stacks)', async () => {
  const { esepFromWasm } = await guard();
  const { run, trap } = throughWasm(() => { throw new TypeError("Failed to execute 'observe' on 'ResizeObserver'"); });
  const caught = (f) => { try { f(); } catch (e) { return e; } return assert.fail('no exception'); };
  const thrown = caught(run);
  assert.match(thrown.stack, /wasm-function\[/, 'V8 names wasm frames this way');
  assert.ok(esepFromWasm(thrown));
  assert.ok(esepFromWasm(caught(trap)), 'a trap: WebAssembly.RuntimeError');
  const withStack = (stack, message = 'x') => Object.assign(new TypeError(message), { stack });
  // As WebKitGTK 2.50 and Firefox 153 write them for a ResizeObserver that threw inside wasm.
  assert.ok(esepFromWasm(withStack('observe@[native code]\n__wbg_observe_1@http://h/init-1.js:1:2\n1417@<?>:wasm-function[1417]\nmodule code@http://h/init-1.js:5:23', 'Type error')), 'WebKit');
  assert.ok(esepFromWasm(withStack('<?>.wasm-function[1417]@[wasm code]\nwasm-stub@[wasm code]')), 'older WebKit');
  assert.ok(esepFromWasm(withStack('wasm function: 7@[wasm code]')), 'older WebKit still');
  assert.ok(esepFromWasm(withStack('__wbg_observe_1@http://h/init-1.js:1:2\n@http://h/esep-1_bg.wasm:wasm-function[1417]:0x4a2f1\n@http://h/init-1.js:5:20\n')), 'Firefox');
  // Not from the app: plain JavaScript errors, and a message that only names a wasm frame.
  assert.equal(esepFromWasm(new Error('unrelated')), false);
  assert.equal(esepFromWasm(withStack('TypeError: see wasm-function[3] and [wasm code]\n    at http://h/other.js:1:1', 'see wasm-function[3] and [wasm code]')), false);
  assert.equal(esepFromWasm('wasm-function[1]'), false);
  assert.equal(esepFromWasm(null), false);
  assert.equal(esepFromWasm(undefined), false);
});

test('window errors: the reload panel for one through wasm, once; none for unrelated errors', async () => {
  const env = await guard({ lang: 'ru' });
  const { run } = throughWasm(() => { throw new TypeError('boom'); });
  let error;
  try { run(); } catch (e) { error = e; }
  env.fire('error', { error: new Error('an unrelated script') });
  env.fire('unhandledrejection', { reason: 'a string' });
  env.fire('error', { error: null });
  assert.deepEqual(env.panels(), []);
  await quietly(env, () => {
    env.fire('error', { error });
    env.fire('unhandledrejection', { reason: error });
  });
  const panels = env.panels();
  assert.equal(panels.length, 1);
  assert.equal(panels[0].id, 'panic');
  assert.equal(panels[0].className, 'error-panel panic');
  assert.equal(panels[0].text, 'На странице произошла ошибка Попробуйте перезагрузить страницу. Если ошибка повторится, сообщите издателю. Перезагрузить');
  assert.deepEqual(env.errors, ['esep: the page stopped on an internal error (boom)'], 'reported once');
});

test('a panic while the app starts (init rejects with a trap) is the reload panel, not "cannot start"', async () => {
  const env = await guard({ lang: 'en' });
  const { trap } = throughWasm(() => {});
  const start = quietly(env, () => pending(env.__esepStart(() => new Promise(() => trap()), {})));
  assert.equal(await start, 'pending');
  assert.deepEqual(env.panels().map((p) => p.id), ['panic']);
  assert.equal(env.errors.length, 1);
});

test('routeStart: Trunk\'s loader, as written and as minified, starts through __esepStart without top-level await', () => {
  const written = `
import init from './esep-1f.js';
const wasm = await init({ module_or_path: './esep-1f_bg.wasm' });


dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));
`;
  const minified = 'import init from"./esep-1f.js";const wasm=await init({module_or_path:"./esep-1f_bg.wasm"});dispatchEvent(new CustomEvent("TrunkApplicationStarted",{detail:{wasm}}));';
  for (const loader of [written, minified]) {
    const routed = routeStart(loader);
    assert.doesNotMatch(routed, /\bawait\b/);
    assert.match(routed, /^\s*import init from\s*["']\.\/esep-1f\.js["'];\s*__esepStart\(init, \{\s*module_or_path:\s*["']\.\/esep-1f_bg\.wasm["']\s*\}\)\.then\(\(wasm\) => \{\s*dispatchEvent\(new CustomEvent\("TrunkApplicationStarted",\s*\{detail:\s*\{wasm\}\}\)\);\s*\}\);\s*$/);
  }
});

test('routeStart: any other loader fails the build', () => {
  const minified = 'import init from"./e.js";const wasm=await init({module_or_path:"./e_bg.wasm"});dispatchEvent(new CustomEvent("TrunkApplicationStarted",{detail:{wasm}}));';
  const other = [
    minified.replace('await init(', 'await __trunkInitializer(init, "./e_bg.wasm", 1, initializer(), true, '),
    minified.replace('{module_or_path:"./e_bg.wasm"}', '"./e_bg.wasm"'),
    `${minified}await wasm.ready;`,
    `console.log(1);${minified}`,
    minified.replace('const wasm=await init(', 'const wasm=await start('),
    `${minified}import("./x.js");`,
  ];
  for (const loader of other) assert.throws(() => routeStart(loader), Error, loader);
});
