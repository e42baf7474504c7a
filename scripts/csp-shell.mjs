// Trunk post-build hook: shortens the names that join the wasm to its glue
// (scripts/wasm-names.mjs); moves the inline module script Trunk writes into index.html to a file
// of its own (with an SRI hash), so the page runs under a Content-Security-Policy without
// 'unsafe-inline', with the loader's guard (scripts/panic-guard.js: the browser check, the
// "cannot start" and reload panels) in front of it, the loader's start routed through the guard
// (scripts/loader-start.mjs), and the glue and the split modules' loader (see
// scripts/wasm-ld.mjs) bundled in, minified; then writes the bundled feeds without indentation.
// Works on $TRUNK_STAGING_DIR (or a folder given as argument).
//
// Each step matches a shape of Trunk's, wasm-bindgen's or wasm-split-cli's output
// (docs/upgrading.md); a step that no longer finds its shape fails the build with a message
// naming it. The steps are exported for the tests in scripts/test/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import { shorten } from './wasm-names.mjs';
import { routeStart } from './loader-start.mjs';

/** Trunk's loader, inline in the page. */
export const INLINE = /<script type="?module"?>([\s\S]*?)<\/script>/g;
// Trunk's live-reload script (`trunk serve`, debug builds only: `make dev`), inline too.
const AUTORELOAD = /<script>(?:(?!<\/script>)[\s\S])*\.well-known\/trunk\/ws[\s\S]*?<\/script>/;

const sri = (bytes) => `sha384-${crypto.createHash('sha384').update(bytes).digest('base64')}`;
// The 16 hex digits a file written here is named by.
const contentHash = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 16);
const literal = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The feed the app loads, from src/feed/mod.rs's text. */
export function bundledFeedOf(rust) {
  const feed = /\bBUNDLED_FEED:\s*&str\s*=\s*"([^"]+)"/.exec(rust)?.[1];
  if (!feed) throw new Error('no `BUNDLED_FEED: &str = "…"` in src/feed/mod.rs');
  return feed;
}

/**
 * The feed the guard links when the charts cannot start: the one the app loads, on a page
 * whose <noscript> links it (the report, comparison and embed pages; not the feed checker);
 * none on a page whose <noscript> links no feed. A page that links another one is an error.
 */
export function pageFeedOf(html, bundledFeed) {
  const linked = [...(/<noscript>([\s\S]*?)<\/noscript>/.exec(html)?.[1] ?? '').matchAll(/href=["']?([^"'\s>]+\.json)/g)].map((m) => m[1]);
  if (linked.some((feed) => feed !== bundledFeed)) {
    throw new Error(`the page's <noscript> links ${linked.join(', ')}, but the app loads ${bundledFeed}`);
  }
  return linked.length ? bundledFeed : '';
}

/**
 * wasm-opt's settings, which Trunk reads from the page, for the split modules Trunk never sees:
 * the level first (`data-wasm-opt`, z when absent), then the page's parameters, as Trunk runs it.
 */
export function optParamsOf(html) {
  const params = /data-wasm-opt-params="([^"]*)"/.exec(html)?.[1];
  if (params === undefined) throw new Error('index.html has no data-wasm-opt-params="…" on its <link data-trunk rel="rust">');
  const level = /data-wasm-opt="([^"]*)"/.exec(html)?.[1] ?? 'z';
  return [`-O${level}`, ...params.split(/\s+/)];
}

/** The glue the loader imports and the wasm it starts (Trunk names both, hashed). */
export function loaderFiles(source) {
  const js = /from\s*["'`]\.\/([\w.-]+\.js)["'`]/.exec(source)?.[1];
  const wasm = /module_or_path:\s*["'`]\.\/([\w.-]+\.wasm)["'`]/.exec(source)?.[1];
  if (!js || !wasm) {
    const missing = [!js && 'no glue (`from "./<name>.js"`)', !wasm && 'no wasm (`module_or_path: "./<name>.wasm"`)'].filter(Boolean);
    throw new Error(`the loader names ${missing.join(' and ')}`);
  }
  return { js, wasm };
}

/** The wasm `named` after its content: Trunk's `<name>-<hash>_bg.wasm` with the new hash. */
export function wasmName(wasm, bytes) {
  if (!/-[0-9a-f]+_bg\.wasm$/.test(wasm)) throw new Error(`the wasm ${wasm} is not named \`<name>-<hash>_bg.wasm\` (Trunk's filehash)`);
  return wasm.replace(/-[0-9a-f]+_bg\.wasm$/, `-${contentHash(bytes)}_bg.wasm`);
}

/**
 * The page with its preload link of `wasm` pointing at `named`, with `integrity`. Trunk writes
 * `href="./<wasm>" crossorigin="anonymous" integrity="sha384-…"`; a release build's minifier
 * sorts the attributes and drops the quotes (`href=./<wasm> integrity=sha384-…`).
 */
export function renameWasmLink(html, wasm, named, integrity) {
  const link = new RegExp(`(href=["']?)\\./${literal(wasm)}(["']?(?:\\s+[\\w-]+(?:=(?:"[^"]*"|'[^']*'|[^\\s"'>]+))?)*?\\s+integrity=["']?)sha384-[\\w+/=]+`);
  if (!link.test(html)) throw new Error(`index.html has no \`href="./${wasm}" … integrity="sha384-…"\` (Trunk's preload link of the wasm)`);
  return html.replace(link, `$1./${named}$2${integrity}`);
}

/** The page without its preload link of the glue (`<link rel="modulepreload" href="./<js>" …>`), which is bundled. */
export function dropGlueLink(html, js) {
  const link = new RegExp(`<link[^>]*href=["']?\\./${literal(js)}["']?[^>]*>`);
  if (!link.test(html)) throw new Error(`index.html has no \`<link … href="./${js}">\` (Trunk's modulepreload link of the glue)`);
  return html.replace(link, '');
}

// wasm-bindgen's alias of `free` for JavaScript's `using`, on each exported class: as written,
// and as a release build's minifier writes it.
const DISPOSE = /(?:if\s*\(\s*Symbol\.dispose\s*\)\s*([\w$]+)\.prototype\[Symbol\.dispose\]\s*=\s*\1\.prototype\.free|Symbol\.dispose\s*&&\s*\(([\w$]+)\.prototype\[Symbol\.dispose\]\s*=\s*\2\.prototype\.free\))\s*;?/g;

/**
 * The glue, less what keeps its unused classes in the bundle. The glue's classes for
 * wasm-streams (IntoUnderlying*: their exports are gone, see scripts/wasm-ld.mjs) would stay in
 * the bundle for two side effects esbuild cannot see are harmless: a `Symbol.dispose` alias set
 * on each class (only for JavaScript's `using`, which nothing here does) and a
 * FinalizationRegistry made for each. Without the alias, and with the registries marked pure,
 * whatever nothing uses is left out.
 */
export function trimGlue(js) {
  const trimmed = js.replace(DISPOSE, '').replaceAll('new FinalizationRegistry(', '/* @__PURE__ */ new FinalizationRegistry(');
  if (trimmed.includes('Symbol.dispose')) {
    throw new Error('the glue sets Symbol.dispose otherwise than `if (Symbol.dispose) X.prototype[Symbol.dispose] = X.prototype.free` (or its minified `Symbol.dispose&&(…)`)');
  }
  return trimmed;
}

/**
 * Trunk's loader, ready to be bundled: without its `* as bindings` import and the
 * `window.wasmBindings = bindings` that uses it, starting the wasm `named`, its start routed
 * through the guard (scripts/loader-start.mjs).
 */
export function loaderForBundle(source, wasm, named) {
  const bindings = /,\s*\*\s*as\s+([\w$]+)/.exec(source)?.[1];
  let loader = source.replace(/,\s*\*\s*as\s+\w+/, '').replace(/window\.wasmBindings\s*=\s*\w+\s*[;,]?/, '').replaceAll(`./${wasm}`, `./${named}`);
  if (bindings && new RegExp(`(?<![\\w$.])${literal(bindings)}(?![\\w$])`).test(loader)) {
    throw new Error(`the loader uses \`${bindings}\` otherwise than in \`window.wasmBindings = ${bindings}\``);
  }
  // The guard checks the browser, then starts the wasm: `await init(…)` becomes
  // `__esepStart(init, …).then(…)`. A loader of another shape fails the build.
  try {
    loader = routeStart(loader);
  } catch (e) {
    throw new Error(`${e.message}; the guard (scripts/panic-guard.js) cannot start it:\n${source}`);
  }
  return loader;
}

/** wasm-split-cli's loader of the split modules, importing the glue `js` (wasm-split-cli names it `./<crate>.js`). */
export function splitLoaderFor(link, js) {
  const glueImport = /from\s*"\.\/[\w.-]+\.js"/;
  if (!glueImport.test(link)) throw new Error('the split loader does not import the glue as `from "./<name>.js"`');
  return link.replace(glueImport, `from "./${js}"`);
}

/** An inline script left in the page, if any: on a debug build, Trunk's live-reload script may stay. */
export function inlineScriptLeft(html, profile = 'release') {
  const page = profile === 'debug' ? html.replace(AUTORELOAD, '') : html;
  return /<script(?![^>]*\bsrc=)[^>]*>[\s\S]*?<\/script>/.exec(page)?.[0];
}

/**
 * The whole hook on the staged page in `dir`. `root`: the repository (src/feed/mod.rs);
 * `optParams`: wasm-opt's settings; `targetDir`: cargo's target folder, where
 * scripts/wasm-ld.mjs wrote the split modules; `profile`: Trunk's. Throws on a shape it does
 * not know.
 */
export function run(dir, { root, optParams, targetDir, profile, log = console.log }) {
  const index = path.join(dir, 'index.html');
  let html = fs.readFileSync(index, 'utf8');
  // The guard is the bundle's first import, so it runs before the glue's code does.
  const guard = `import { __esepStart } from ${JSON.stringify(fileURLToPath(new URL('./panic-guard.js', import.meta.url)))};`;
  const pageFeed = pageFeedOf(html, bundledFeedOf(fs.readFileSync(path.join(root, 'src/feed/mod.rs'), 'utf8')));
  let count = 0;
  const scripts = new Map(); // the loader's text -> the script element that replaces it
  for (const [, source] of html.matchAll(INLINE)) {
    // The loader names the glue it imports and the wasm it starts.
    const { js, wasm } = loaderFiles(source);
    const out = shorten(fs.readFileSync(path.join(dir, wasm)), fs.readFileSync(path.join(dir, js), 'utf8'));
    log(`csp-shell: ${out.renamed} wasm import and export names shortened in ${wasm} and ${js}`);
    // Trunk named the wasm after what it built; name it after what it is now, so that a cached
    // copy under an old name can never meet a new page.
    const named = wasmName(wasm, out.wasm);
    html = renameWasmLink(html, wasm, named, sri(out.wasm));
    fs.rmSync(path.join(dir, wasm));
    fs.writeFileSync(path.join(dir, named), out.wasm);
    // The glue is bundled into the loader below: its preload link goes.
    html = dropGlueLink(html, js);
    const glue = trimGlue(out.js);
    fs.writeFileSync(path.join(dir, js), glue);
    const bundled = [js];
    if (glue.includes('./__wasm_split.js')) bundled.push(splitModules(wasm, js));
    // The panic guard, the loader, the glue and the split loader as one minified module: one
    // request fewer, and the glue's exports that nothing imports are left out.
    const loader = loaderForBundle(source, wasm, named);
    const { outputFiles } = buildSync({
      stdin: { contents: `${guard}\n${loader}`, resolveDir: dir, sourcefile: 'init.js' },
      define: { __ESEP_FEED__: JSON.stringify(pageFeed) },
      bundle: true, minify: true, format: 'esm', target: 'es2022', charset: 'utf8', write: false,
    });
    for (const file of bundled) fs.rmSync(path.join(dir, file));
    const code = outputFiles[0].text;
    const name = `init-${contentHash(code)}.js`;
    fs.writeFileSync(path.join(dir, name), code);
    count += 1;
    scripts.set(source, `<script type="module" src="./${name}" integrity="${sri(code)}"></script>`);
  }
  if (count === 0) throw new Error('index.html has no inline `<script type="module">` (Trunk\'s loader) to move');
  html = html.replace(INLINE, (_, source) => scripts.get(source));

  // The modules split off the wasm Trunk built as `wasm` (scripts/wasm-ld.mjs wrote them, with
  // their loader __wasm_split.js): optimised like the main one (on a release build: Trunk runs
  // wasm-opt on the main one only then) and named by content, in `dir`, with the loader written
  // there for the bundle to take in. Returns the loader's file name.
  function splitModules(wasm, js) {
    const stem = wasm.replace(/-[0-9a-f]+_bg\.wasm$/, '').replaceAll('-', '_');
    const from = path.join(targetDir, 'wasm-split', stem);
    if (!fs.existsSync(path.join(from, '__wasm_split.js'))) {
      throw new Error(`the glue imports ./__wasm_split.js, but there is no ${path.join(from, '__wasm_split.js')} (scripts/wasm-ld.mjs writes <target>/wasm-split/<crate>/)`);
    }
    let link = splitLoaderFor(fs.readFileSync(path.join(from, '__wasm_split.js'), 'utf8'), js);
    for (const file of fs.readdirSync(from).filter((f) => f.endsWith('.wasm'))) {
      let bytes = fs.readFileSync(path.join(from, file));
      if (profile !== 'debug') {
        const tmp = path.join(dir, `opt-${file}`);
        const opt = spawnSync('wasm-opt', [...optParams, path.join(from, file), '-o', tmp], { stdio: 'inherit' });
        if (opt.status !== 0) throw new Error(`wasm-opt failed on ${file}`);
        bytes = fs.readFileSync(tmp);
        fs.rmSync(tmp);
      }
      const named = file.replace(/\.wasm$/, `-${contentHash(bytes)}.wasm`);
      fs.writeFileSync(path.join(dir, named), bytes);
      if (!link.includes(`"./${file}"`)) throw new Error(`the split loader does not load ${file} as "./${file}"`);
      link = link.replaceAll(`"./${file}"`, `"./${named}"`);
      log(`csp-shell: split module ${named}`);
    }
    fs.writeFileSync(path.join(dir, '__wasm_split.js'), link);
    return '__wasm_split.js';
  }

  const left = inlineScriptLeft(html, profile);
  if (left) throw new Error(`an inline script is left in index.html: ${left.slice(0, 80)}…`);
  fs.writeFileSync(index, html);
  log(`csp-shell: ${count} inline script(s) moved to files in ${dir}`);

  // The bundled feeds are served without the indentation they are written with (public/feeds/
  // keeps it for people reading them): the same JSON, 4 % less to transfer gzipped.
  const feeds = path.join(dir, 'feeds');
  for (const name of fs.existsSync(feeds) ? fs.readdirSync(feeds) : []) {
    if (!name.endsWith('.json')) continue;
    const file = path.join(feeds, name);
    fs.writeFileSync(file, JSON.stringify(JSON.parse(fs.readFileSync(file, 'utf8'))));
  }
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
  if (!dir) {
    console.error('csp-shell: no folder (TRUNK_STAGING_DIR or an argument)');
    process.exit(1);
  }
  try {
    run(dir, {
      root: fileURLToPath(new URL('..', import.meta.url)),
      // Every page is optimised with the report's settings (e2e/build.test.mjs checks they agree).
      optParams: optParamsOf(fs.readFileSync('index.html', 'utf8')),
      targetDir: process.env.CARGO_TARGET_DIR || 'target',
      profile: process.env.TRUNK_PROFILE || 'release',
    });
  } catch (e) {
    console.error(`csp-shell: ${e.message}`);
    process.exit(1);
  }
}
