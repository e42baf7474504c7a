// esep's loader guard: the first module of init-<hash>.js, the script that starts the wasm
// (scripts/csp-shell.mjs bundles it in front of the glue, so that it runs before any of the
// glue's code). Everything it shows is plain DOM, in the reader's language, in the app's
// error-panel style, and never more than one panel:
// - `__esepStart(init, options)` is what the loader calls instead of Trunk's `init(options)`. It
//   starts the wasm only in a browser that has every WebAssembly feature the release build uses,
//   and where one is missing, or the wasm does not start (not fetched, not compiled, refused by
//   the Content-Security-Policy), says so and links the feed: the figures are still readable.
// - A Rust panic stops the app (the release build aborts at once: a WebAssembly trap), and so
//   does a JavaScript exception that went up through the wasm (a browser API that threw inside
//   Rust code). Either leaves a page half-built, so the reload panel says so, once.
// Written for old engines too (no syntax after ES2017): a browser that cannot run esep should
// still be able to say so. `__ESEP_FEED__` is set by csp-shell.mjs: the page's bundled feed
// (src/feed/mod.rs's BUNDLED_FEED), or '' on a page without one (the feed checker).

// Per language: the panic panel's title, text and button; then the title of the panel shown
// where the charts cannot start, and the line before its link to the feed.
const esepWords = {
  kk: [
    'Бетте қате шықты',
    'Бетті қайта жүктеп көріңіз. Қате қайталанса, жариялаушыға хабарлаңыз.',
    'Қайта жүктеу',
    // editor: "The charts could not be shown in this browser" (браузерде, көрсету мүмкін болмады).
    'Бұл браузерде диаграммаларды көрсету мүмкін болмады',
    // editor: "The figures and sources are in the data file:", after the <noscript> line
    // "Деректер мен дереккөздер — … файлында".
    'Сандар мен дереккөздер — деректер файлында:',
  ],
  ru: [
    'На странице произошла ошибка',
    'Попробуйте перезагрузить страницу. Если ошибка повторится, сообщите издателю.',
    'Перезагрузить',
    'В этом браузере не удалось показать диаграммы',
    'Цифры и источники — в файле данных:',
  ],
  en: [
    'Something went wrong on this page',
    'Try reloading the page. If it happens again, please tell the publisher.',
    'Reload',
    'The charts could not be shown in this browser',
    'The figures and their sources are in the data file:',
  ],
};

// The words of the first of `codes` that names a language of the page, read as the app reads
// one (Lang::from_code: kk or kz, ru, en, then the end or '-' or '_'); else English.
export const esepLang = (codes) => {
  for (const code of codes) {
    const m = /^(k[kz]|ru|en)(?![^-_])/i.exec(code);
    if (m) return esepWords[m[1].toLowerCase().replace('kz', 'kk')];
  }
  return esepWords.en;
};

// A panel at the top of the page: a heading, a line (ending in a link) and a reload button, each
// when given.
const esepPanel = (id, title, text, link, reload) => {
  const panel = document.createElement('section');
  panel.className = `error-panel ${id}`;
  panel.setAttribute('role', 'alert');
  panel.dataset.testid = id;
  panel.appendChild(document.createElement('h1')).textContent = title;
  if (text) {
    const p = panel.appendChild(document.createElement('p'));
    p.textContent = `${text} `;
    if (link) {
      const a = p.appendChild(document.createElement('a'));
      a.href = link;
      a.textContent = link;
    }
  }
  if (reload) {
    const button = panel.appendChild(document.createElement('button'));
    button.type = 'button';
    button.className = 'retry';
    button.textContent = reload;
    button.addEventListener('click', () => location.reload());
  }
  document.body.prepend(panel);
};

const esepShown = () => document.querySelector('[data-testid=panic],[data-testid=unsupported]');

// True for what stops the app: a WebAssembly trap, or an exception whose stack runs through wasm
// frames — V8 `at wasm://wasm/…:wasm-function[7]:0x…`, Firefox `@…/x.wasm:wasm-function[7]:0x…`,
// WebKit `7@<?>:wasm-function[7]` (WebKitGTK 2.50; older JavaScriptCore wrote
// `<?>.wasm-function[7]@[wasm code]` or `wasm function: 7@[wasm code]`). The message is taken out
// of the stack first (V8 puts it there), so no text of an error can pass for a frame.
export const esepFromWasm = (e) =>
  e instanceof Error &&
  ((typeof WebAssembly == 'object' && e instanceof WebAssembly.RuntimeError) ||
    /wasm-function\[|\[wasm code\]/.test(String(e.stack).replace(e.message, '')));

const esepStop = (error) => {
  if (esepShown()) return;
  console.error(`esep: the page stopped on an internal error (${error.message})`);
  const words = esepLang([document.documentElement.lang]);
  esepPanel('panic', words[0], words[1], '', words[2]);
};

for (const type of ['error', 'unhandledrejection']) {
  addEventListener(type, (event) => {
    const error = event.error || event.reason;
    if (esepFromWasm(error)) esepStop(error);
  });
}

// "The charts could not be shown", with the feed the page would have shown (`?feed=` when it is
// an address the app would load: a relative path, or http(s), never `javascript:`; else the
// bundled one), and a reload button when the wasm failed to start (`retry`: the network, say).
const esepCannot = (retry, why) => {
  if (esepShown()) return;
  console.error('esep: the app cannot start:', why);
  const params = new URLSearchParams(location.search);
  const words = esepLang([params.get('lang')].concat(navigator.languages || [], document.documentElement.lang));
  const asked = params.get('feed');
  const feed = __ESEP_FEED__ && asked && (/^https?:\/\//i.test(asked) || !/:|^\/\//.test(asked)) ? asked : __ESEP_FEED__;
  esepPanel('unsupported', words[3], feed && words[4], feed, retry && words[2]);
};

// A module that uses every WebAssembly feature the release build turns on (wasm-opt's
// --enable-… in the pages' data-wasm-opt-params, all of which rustc's wasm32 target also turns
// on). A browser that lacks any of them refuses to validate it, as it would refuse the app.
export const esepWasm = [
  0, 97, 115, 109, 1, 0, 0, 0,
  1, 8, 1, 96, 2, 127, 125, 2, 127, 127, // type (i32, f32) -> (i32, i32): multivalue
  3, 2, 1, 0, // one function of that type
  5, 3, 1, 0, 0, // a memory of 0 pages
  6, 6, 1, 127, 1, 65, 0, 11, // a mutable i32 global = 0 …
  7, 5, 1, 1, 103, 3, 0, // … exported as "g": mutable-globals
  10, 23, 1, 21, 0,
  65, 0, 65, 0, 65, 0, 252, 11, 0, // memory.fill 0 0 0: bulk-memory
  208, 111, 26, // ref.null extern, drop: reference-types
  32, 0, 192, // local.get 0, i32.extend8_s: sign-ext
  32, 1, 252, 0, // local.get 1, i32.trunc_sat_f32_s: nontrapping-float-to-int
  11,
];

// True when the browser cannot run the app's wasm.
export const esepLacks = () => typeof WebAssembly != 'object' || !WebAssembly.validate(new Uint8Array(esepWasm));

let esepStarted = false;

// Trunk's loader calls this instead of `init(options)` (scripts/csp-shell.mjs rewrites the call).
// Resolves as init does when the app has started; otherwise never (nothing after it should run).
// The bundled feed, requested while the wasm is fetched and compiled: the app's own request
// (src/ui/load.rs: a plain GET, mode cors, same-origin credentials, as a preload with
// crossorigin="anonymous" is) takes the preloaded answer instead of asking the server again.
// Only where the page will load that feed: not under ?feed= (another feed), ?compare= (the
// comparison starts from its own address) or ?v= (a pinned version from feeds/archive/).
function esepPreload() {
  if (!__ESEP_FEED__ || /[?&](feed|compare|v)=/.test(location.search)) return;
  const link = document.createElement('link');
  link.rel = 'preload';
  link.as = 'fetch';
  link.crossOrigin = 'anonymous';
  link.href = __ESEP_FEED__;
  document.head.appendChild(link);
}

export async function __esepStart(init, options) {
  esepStarted = true;
  try {
    if (!esepLacks()) {
      try {
        esepPreload();
      } catch (error) {
        // A page that cannot preload still loads its feed, later.
      }
      return await init(options);
    }
  } catch (error) {
    // A panic or an exception in Rust while the app starts is a stop like any other.
    if (esepFromWasm(error)) esepStop(error);
    else esepCannot(true, error);
    return new Promise(() => {});
  }
  esepCannot(false, 'WebAssembly lacks features (docs/browsers.md)');
  return new Promise(() => {});
}

// The module's own code failed before it called __esepStart: no blank page either.
addEventListener('load', () => esepStarted || esepCannot(true, 'no start'));
