// scripts/csp-shell.mjs on a staged page shaped like Trunk's (the loader inline, the glue and
// wasm next to it, the split modules in the target folder): each step on its own, the whole
// hook as Trunk runs it, and a message naming the shape a step no longer finds.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import {
  bundledFeedOf, pageFeedOf, optParamsOf, loaderFiles, wasmName, renameWasmLink, dropGlueLink,
  trimGlue, loaderForBundle, splitLoaderFor, inlineScriptLeft, run,
} from '../csp-shell.mjs';
import { renameSplitLoader } from '../wasm-ld.mjs';
import { mainWasm, splitWasm, glue, splitLoader, trunkLoader, trunkPage, tmpdir, LOG, SHIM } from './fixtures.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const script = path.join(root, 'scripts/csp-shell.mjs');
// wasm-opt (npm binaryen) for the split modules, as in scripts/trunk.sh.
process.env.PATH = `${path.join(root, 'node_modules/.bin')}${path.delimiter}${process.env.PATH}`;

const sri = (bytes) => `sha384-${crypto.createHash('sha384').update(bytes).digest('base64')}`;
const JS = 'esep-0123456789abcdef.js';
const WASM = 'esep-0123456789abcdef_bg.wasm';
const AUTORELOAD = '<script>(function () { const url = protocol + "://" + address + base + ".well-known/trunk/ws"; })()</script>';
const FEED = { title: 'a feed', charts: [{ id: 'c', values: [1, 2] }] };

/**
 * A staged page as Trunk leaves it for its post-build hook, and the target folder where
 * scripts/wasm-ld.mjs left the split modules. `minified`: a release build (Trunk minifies the
 * page and the glue); `page`, `glueText`, `split`: changes to the shapes.
 */
function stage({ minified = true, page = (html) => html, glueText = (js) => js, split = (js) => js, extra = '' } = {}) {
  const base = tmpdir();
  const dir = path.join(base, 'dist', '.stage');
  const target = path.join(base, 'target');
  fs.mkdirSync(path.join(dir, 'feeds'), { recursive: true });
  fs.mkdirSync(path.join(target, 'wasm-split', 'esep'), { recursive: true });
  let js = glue();
  if (minified) js = transformSync(js, { minifyWhitespace: true, minifySyntax: true, format: 'esm' }).code;
  js = glueText(js);
  const wasm = mainWasm();
  fs.writeFileSync(path.join(dir, JS), js);
  fs.writeFileSync(path.join(dir, WASM), wasm);
  fs.writeFileSync(path.join(dir, 'index.html'), page(trunkPage({ js: JS, wasm: WASM, jsSri: sri(js), wasmSri: sri(wasm), minified, extra })));
  fs.writeFileSync(path.join(dir, 'feeds', 'aktobe-2025.json'), JSON.stringify(FEED, null, 2));
  fs.writeFileSync(path.join(target, 'wasm-split', 'esep', '__wasm_split.js'), split(renameSplitLoader(splitLoader())));
  fs.writeFileSync(path.join(target, 'wasm-split', 'esep', 'split_extras.wasm'), splitWasm());
  return { dir, target };
}

const OPT = optParamsOf(fs.readFileSync(path.join(root, 'index.html'), 'utf8'));
const hook = (s, profile = 'release') => {
  const lines = [];
  run(s.dir, { root, optParams: OPT, targetDir: s.target, profile, log: (l) => lines.push(l) });
  return lines;
};

/** What the hook left: the page, its loader's text, and the files. */
function result(dir) {
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const loader = /<script type="module" src="\.\/(init-[0-9a-f]{16}\.js)" integrity="(sha384-[\w+/=]+)"><\/script>/.exec(html);
  assert.ok(loader, `no loader script in ${html}`);
  const code = fs.readFileSync(path.join(dir, loader[1]));
  assert.equal(sri(code), loader[2], 'the loader\'s integrity');
  return { html, code: code.toString(), files: fs.readdirSync(dir).sort() };
}

function checkBuilt(dir) {
  const { html, code, files } = result(dir);
  // The wasm: named after its content, its preload link and integrity to match, names short.
  const wasm = files.find((f) => f.endsWith('_bg.wasm'));
  assert.match(wasm, /^esep-[0-9a-f]{16}_bg\.wasm$/);
  assert.notEqual(wasm, WASM);
  const bytes = fs.readFileSync(path.join(dir, wasm));
  assert.equal(wasm, `esep-${crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 16)}_bg.wasm`);
  assert.match(html, new RegExp(`href="?\\./${wasm}"?[^>]*integrity="?${sri(bytes).replace(/[+/]/g, '\\$&')}`));
  assert.deepEqual(WebAssembly.Module.imports(new WebAssembly.Module(bytes)).map((i) => i.name), ['a', 'b', '__wasm_split_load_extras']);
  // The glue and the split loader are in the bundle, not beside it; their preload link is gone.
  assert.deepEqual(files.filter((f) => f.endsWith('.js')), [files.find((f) => f.startsWith('init-'))]);
  assert.doesNotMatch(html, /modulepreload/);
  assert.ok(!html.includes(JS));
  // The split module: optimised, named after its content, and what the bundled loader fetches.
  const splitFile = files.find((f) => f.startsWith('split_extras-'));
  assert.match(splitFile, /^split_extras-[0-9a-f]{16}\.wasm$/);
  assert.equal(splitFile, `split_extras-${crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, splitFile))).digest('hex').slice(0, 16)}.wasm`);
  new WebAssembly.Module(fs.readFileSync(path.join(dir, splitFile)));
  assert.ok(code.includes(`"./${splitFile}"`), 'the loader fetches the split module by its new name');
  // The bundle: the guard's start, the wasm's new name, the feed, short names, no unused classes.
  assert.match(code, /__esepStart|\.then\(/);
  assert.ok(code.includes(`./${wasm}`));
  assert.ok(code.includes('"feeds/aktobe-2025.json"'), 'the guard links the bundled feed');
  for (const gone of [LOG, SHIM, 'wasmBindings', 'IntoUnderlying', 'Symbol.dispose']) {
    assert.ok(!code.includes(gone), `${gone} is in the bundle`);
  }
  assert.match(code, /\{__wasm_split_table:\w+,/, 'the split loader reads the table by its exported name');
  // The feed without its indentation, the same JSON.
  assert.equal(fs.readFileSync(path.join(dir, 'feeds', 'aktobe-2025.json'), 'utf8'), JSON.stringify(FEED));
  return { html, code, files };
}

test('the hook as Trunk runs it on a release build: loader, glue and split loader in one script, names short', () => {
  const s = stage();
  const run_ = spawnSync(process.execPath, [script], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, TRUNK_STAGING_DIR: s.dir, CARGO_TARGET_DIR: s.target, TRUNK_PROFILE: 'release' },
  });
  assert.equal(run_.status, 0, run_.stderr);
  assert.match(run_.stdout, /csp-shell: 6 wasm import and export names shortened in esep-0123456789abcdef_bg\.wasm and esep-0123456789abcdef\.js/);
  assert.match(run_.stdout, /csp-shell: split module split_extras-[0-9a-f]{16}\.wasm/);
  assert.match(run_.stdout, /csp-shell: 1 inline script\(s\) moved to files in /);
  const { files } = checkBuilt(s.dir);
  // wasm-opt ran on the split module (it drops the unused imports).
  assert.notDeepEqual([...fs.readFileSync(path.join(s.dir, files.find((f) => f.startsWith('split_extras-'))))], [...splitWasm()]);
});

test('the hook on a debug build (make dev): the page and glue unminified, Trunk\'s live-reload script stays', () => {
  const s = stage({ minified: false, extra: AUTORELOAD });
  hook(s, 'debug');
  const { html, files } = checkBuilt(s.dir);
  assert.ok(html.includes(AUTORELOAD));
  // No wasm-opt on a debug build (Trunk runs none either): the split module as it was split.
  assert.deepEqual([...fs.readFileSync(path.join(s.dir, files.find((f) => f.startsWith('split_extras-'))))], [...splitWasm()]);
  // A release page must have no inline script at all.
  assert.throws(() => hook(stage({ minified: false, extra: AUTORELOAD }), 'release'), /an inline script is left in index\.html: <script>\(function/);
});

test('the hook fails on a page, glue or split loader of another shape, naming what it looked for', () => {
  const cases = [
    [{ page: (h) => h.replace(/<script type=module>[\s\S]*?<\/script>/, '<script type=module src=./boot.js></script>') }, /index\.html has no inline `<script type="module">` \(Trunk's loader\) to move/],
    [{ page: (h) => h.replace(/integrity=sha384-[\w+/=]+ rel=preload/, 'rel=preload') }, /index\.html has no `href="\.\/esep-0123456789abcdef_bg\.wasm" … integrity="sha384-…"` \(Trunk's preload link of the wasm\)/],
    [{ page: (h) => h.replace(/<link[^>]*rel=modulepreload>/, '') }, /index\.html has no `<link … href="\.\/esep-0123456789abcdef\.js">` \(Trunk's modulepreload link of the glue\)/],
    [{ page: (h) => h.replace('feeds/aktobe-2025.json', 'feeds/other.json') }, /the page's <noscript> links feeds\/other\.json, but the app loads feeds\/aktobe-2025\.json/],
    [{ glueText: (js) => js.replace('"./esep_bg.js"', '"./esep.js"') }, /the glue does not name the wasm's import module "\.\/esep_bg\.js"/],
    [{ glueText: (js) => js.replace(/Symbol\.dispose&&\(/, 'Symbol.dispose!==void 0&&(') }, /the glue sets Symbol\.dispose otherwise than `if \(Symbol\.dispose\) X\.prototype\[Symbol\.dispose\] = X\.prototype\.free`/],
    [{ split: (js) => js.replace('import { initSync } from "./esep.js";', "import { initSync } from './esep.js';") }, /the split loader does not import the glue as `from "\.\/<name>\.js"`/],
    [{ split: (js) => js.replace('"./split_extras.wasm"', '"./split-extras.wasm"') }, /the split loader does not load split_extras\.wasm as "\.\/split_extras\.wasm"/],
  ];
  for (const [change, message] of cases) assert.throws(() => hook(stage(change)), message);
  const noSplit = stage();
  fs.rmSync(path.join(noSplit.target, 'wasm-split'), { recursive: true });
  assert.throws(() => hook(noSplit), /the glue imports \.\/__wasm_split\.js, but there is no .*wasm-split\/esep\/__wasm_split\.js \(scripts\/wasm-ld\.mjs writes <target>\/wasm-split\/<crate>\/\)/);
});

test('the hook as a program prints the message and exits with 1', () => {
  const s = stage({ page: (h) => h.replace(/<link[^>]*rel=modulepreload>/, '') });
  const run_ = spawnSync(process.execPath, [script, s.dir], { cwd: root, encoding: 'utf8', env: { ...process.env, CARGO_TARGET_DIR: s.target } });
  assert.equal(run_.status, 1);
  assert.match(run_.stderr, /^csp-shell: index\.html has no `<link … href="\.\/esep-0123456789abcdef\.js">`/m);
  const none = spawnSync(process.execPath, [script], { cwd: root, encoding: 'utf8', env: { ...process.env, TRUNK_STAGING_DIR: '' } });
  assert.equal(none.status, 1);
  assert.match(none.stderr, /csp-shell: no folder \(TRUNK_STAGING_DIR or an argument\)/);
});

test('the feed: the app\'s, linked by a page whose <noscript> links it, none on another page', () => {
  assert.equal(bundledFeedOf('pub const BUNDLED_FEED: &str = "feeds/aktobe-2025.json";'), 'feeds/aktobe-2025.json');
  assert.throws(() => bundledFeedOf('pub const FEED: &str = "feeds/a.json";'), /no `BUNDLED_FEED: &str = "…"` in src\/feed\/mod\.rs/);
  assert.equal(pageFeedOf('<noscript><a href=feeds/a.json>…</a> <a href="feeds/a.json">…</a></noscript>', 'feeds/a.json'), 'feeds/a.json');
  assert.equal(pageFeedOf('<noscript><p>Checker</p></noscript>', 'feeds/a.json'), '');
  assert.throws(() => pageFeedOf('<noscript><a href=feeds/b.json></a></noscript>', 'feeds/a.json'), /links feeds\/b\.json, but the app loads feeds\/a\.json/);
});

test('wasm-opt\'s settings come from the page\'s rust link', () => {
  assert.deepEqual(optParamsOf('<link data-trunk rel="rust" data-wasm-opt="z" data-wasm-opt-params="--enable-sign-ext --low-memory-unused">'), ['-Oz', '--enable-sign-ext', '--low-memory-unused']);
  // The level Trunk passes first, then the page's own passes in their order.
  assert.deepEqual(optParamsOf('<link data-trunk rel="rust" data-wasm-opt="1" data-wasm-opt-params="--no-inline=*f -Oz">'), ['-O1', '--no-inline=*f', '-Oz']);
  assert.ok(OPT.includes('--enable-reference-types'), 'index.html\'s settings');
  assert.throws(() => optParamsOf('<link data-trunk rel="rust" data-wasm-opt="z">'), /index\.html has no data-wasm-opt-params="…"/);
});

test('the loader names its glue and wasm, as written and minified; otherwise it fails naming both', () => {
  for (const minified of [false, true]) assert.deepEqual(loaderFiles(trunkLoader({ minified })), { js: JS, wasm: WASM });
  assert.throws(() => loaderFiles("import init from './esep.js'; await init('./esep_bg.wasm');"), /the loader names no wasm \(`module_or_path: "\.\/<name>\.wasm"`\)$/);
  assert.throws(() => loaderFiles('await boot();'), /the loader names no glue \(`from "\.\/<name>\.js"`\) and no wasm/);
});

test('the wasm is named after its content, and its preload link follows, quoted or not', () => {
  const named = wasmName(WASM, new Uint8Array([1, 2, 3]));
  assert.match(named, /^esep-[0-9a-f]{16}_bg\.wasm$/);
  assert.throws(() => wasmName('esep_bg.wasm', new Uint8Array()), /the wasm esep_bg\.wasm is not named `<name>-<hash>_bg\.wasm` \(Trunk's filehash\)/);
  const written = '<link rel="preload" href="./esep-0123456789abcdef_bg.wasm" crossorigin="anonymous" integrity="sha384-old" as="fetch">';
  assert.equal(renameWasmLink(written, WASM, named, 'sha384-new'), `<link rel="preload" href="./${named}" crossorigin="anonymous" integrity="sha384-new" as="fetch">`);
  const minified = '<link as=fetch crossorigin href=./esep-0123456789abcdef_bg.wasm integrity=sha384-old rel=preload>';
  assert.equal(renameWasmLink(minified, WASM, named, 'sha384-new'), `<link as=fetch crossorigin href=./${named} integrity=sha384-new rel=preload>`);
  assert.equal(dropGlueLink(`<link crossorigin href=./${JS} integrity=sha384-x rel=modulepreload><p>`, JS), '<p>');
});

test('trimGlue: the Symbol.dispose aliases go, as written and minified; the registries are marked pure', () => {
  const written = glue();
  const trimmed = trimGlue(written);
  assert.ok(!trimmed.includes('Symbol.dispose'));
  assert.match(trimmed, /: \/\* @__PURE__ \*\/ new FinalizationRegistry\(ptr => wasm\.__wbg_intounderlyingsink_free\(ptr, 1\)\)/);
  assert.equal(trimmed.replace('/* @__PURE__ */ ', ''), written.replace(/if \(Symbol\.dispose\)[^\n]*;/, ''));
  const minified = transformSync(written, { minifyWhitespace: true, minifySyntax: true, format: 'esm' }).code;
  assert.match(minified, /Symbol\.dispose&&\(/);
  assert.ok(!trimGlue(minified).includes('Symbol.dispose'));
  // Bundled, nothing of the unused class is left.
  assert.equal(trimGlue('const a = 1;'), 'const a = 1;');
});

test('loaderForBundle: no bindings, the new wasm name, the start through the guard', () => {
  for (const minified of [false, true]) {
    const loader = loaderForBundle(trunkLoader({ minified }), WASM, 'esep-fedcba9876543210_bg.wasm');
    assert.ok(!/bindings|\bawait\b/.test(loader), loader);
    assert.match(loader, /^\s*import init from\s*["']\.\/esep-0123456789abcdef\.js["'];\s*__esepStart\(init, \{\s*module_or_path:\s*["']\.\/esep-fedcba9876543210_bg\.wasm["']\s*\}\)\.then\(\(wasm\) => \{/);
  }
  const used = trunkLoader().replace('window.wasmBindings = bindings;', 'window.wasmBindings = bindings; console.log(bindings);');
  assert.throws(() => loaderForBundle(used, WASM, WASM), /the loader uses `bindings` otherwise than in `window\.wasmBindings = bindings`/);
  const twice = `${trunkLoader()}\nawait init({ module_or_path: './${WASM}' });`;
  assert.throws(() => loaderForBundle(twice, WASM, WASM), /the loader does not start the wasm with one `const wasm = await init\(\{ module_or_path \}\)`; the guard \(scripts\/panic-guard\.js\) cannot start it/);
});

test('splitLoaderFor: the split loader imports the glue by Trunk\'s name', () => {
  assert.match(splitLoaderFor(splitLoader(), JS), /^import \{ initSync \} from "\.\/esep-0123456789abcdef\.js";/);
});

test('inlineScriptLeft: none once the loader has moved; Trunk\'s live reload only on a debug build', () => {
  const page = '<head><script type="module" src="./init-0123456789abcdef.js" integrity="sha384-x"></script></head><body></body>';
  assert.equal(inlineScriptLeft(page), undefined);
  assert.equal(inlineScriptLeft(page.replace('</body>', `${AUTORELOAD}</body>`), 'debug'), undefined);
  assert.equal(inlineScriptLeft(page.replace('</body>', `${AUTORELOAD}</body>`), 'release'), AUTORELOAD);
  assert.equal(inlineScriptLeft(page.replace('</body>', '<script>alert(1)</script></body>'), 'debug'), '<script>alert(1)</script>');
});
