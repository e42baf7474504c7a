// Trunk post-build hook: shortens the names that join the wasm to its glue
// (scripts/wasm-names.mjs); moves the inline module script Trunk writes into index.html to a file
// of its own (with an SRI hash), so the page runs under a Content-Security-Policy without
// 'unsafe-inline', with the loader's guard (scripts/panic-guard.js: the browser check, the
// "cannot start" and reload panels) in front of it, the loader's start routed through the guard
// (scripts/loader-start.mjs), and the glue and the split modules' loader (see
// scripts/wasm-ld.mjs) bundled in, minified; then writes the bundled feeds without indentation.
// Works on $TRUNK_STAGING_DIR (or a folder given as argument).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import { shorten } from './wasm-names.mjs';
import { routeStart } from './loader-start.mjs';

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('csp-shell: no folder (TRUNK_STAGING_DIR or an argument)');
  process.exit(1);
}
const index = path.join(dir, 'index.html');
let html = fs.readFileSync(index, 'utf8');
const inline = /<script type="?module"?>([\s\S]*?)<\/script>/g;
// The guard is the bundle's first import, so it runs before the glue's code does.
const guard = `import { __esepStart } from ${JSON.stringify(fileURLToPath(new URL('./panic-guard.js', import.meta.url)))};`;
// The feed the guard links when the charts cannot start: the one the app loads
// (src/feed/mod.rs), on a page whose <noscript> links it (the report, comparison and embed
// pages; not the feed checker). A page that links another one fails the build.
const bundledFeed = /\bBUNDLED_FEED:\s*&str\s*=\s*"([^"]+)"/.exec(
  fs.readFileSync(new URL('../src/feed/mod.rs', import.meta.url), 'utf8'),
)?.[1];
if (!bundledFeed) {
  console.error('csp-shell: no BUNDLED_FEED in src/feed/mod.rs');
  process.exit(1);
}
const linked = [...(/<noscript>([\s\S]*?)<\/noscript>/.exec(html)?.[1] ?? '').matchAll(/href=["']?([^"'\s>]+\.json)/g)].map((m) => m[1]);
if (linked.some((feed) => feed !== bundledFeed)) {
  console.error(`csp-shell: the page's <noscript> links ${linked.join(', ')}, but the app loads ${bundledFeed}`);
  process.exit(1);
}
const pageFeed = linked.length ? bundledFeed : '';
const sri = (bytes) => `sha384-${crypto.createHash('sha384').update(bytes).digest('base64')}`;
// The 16 hex digits a file written here is named by.
const contentHash = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 16);
// wasm-opt's settings, which Trunk reads from the page, for the split modules Trunk never sees.
const optParams = /data-wasm-opt-params="([^"]*)"/.exec(fs.readFileSync('index.html', 'utf8'))[1].split(/\s+/);
let count = 0;
const scripts = new Map(); // the loader's text -> the script element that replaces it
for (const [, source] of html.matchAll(inline)) {
  // The loader names the glue it imports and the wasm it starts.
  const js = /from\s*["'`]\.\/([\w.-]+\.js)["'`]/.exec(source)?.[1];
  const wasm = /module_or_path:\s*["'`]\.\/([\w.-]+\.wasm)["'`]/.exec(source)?.[1];
  if (!js || !wasm) {
    console.error('csp-shell: the loader names no glue or no wasm');
    process.exit(1);
  }
  const out = shorten(fs.readFileSync(path.join(dir, wasm)), fs.readFileSync(path.join(dir, js), 'utf8'));
  console.log(`csp-shell: ${out.renamed} wasm import and export names shortened in ${wasm} and ${js}`);
  // Trunk named the wasm after what it built; name it after what it is now, so that a cached
  // copy under an old name can never meet a new page.
  const named = wasm.replace(/-[0-9a-f]+_bg\.wasm$/, `-${contentHash(out.wasm)}_bg.wasm`);
  fs.rmSync(path.join(dir, wasm));
  fs.writeFileSync(path.join(dir, named), out.wasm);
  html = html.replace(
    new RegExp(`(href=["']?)\\./${wasm.replace(/[.]/g, '\\.')}(["']?\\s+integrity=["']?)sha384-[\\w+/=]+`),
    `$1./${named}$2${sri(out.wasm)}`,
  );
  // The glue is bundled into the loader below: its preload link goes.
  html = html.replace(new RegExp(`<link[^>]*href=["']?\\./${js.replace(/[.]/g, '\\.')}["']?[^>]*>`), '');
  // The glue's classes for wasm-streams (IntoUnderlying*: their exports are gone, see
  // scripts/wasm-ld.mjs) would stay in the bundle for two side effects esbuild cannot see are
  // harmless: a `Symbol.dispose` alias set on each class (only for JavaScript's `using`, which
  // nothing here does) and a FinalizationRegistry made for each. Without the alias, and with
  // the registries marked pure, whatever nothing uses is left out.
  const glue = out.js
    .replace(/Symbol\.dispose\s*&&\s*\((\w+)\.prototype\[Symbol\.dispose\]\s*=\s*\1\.prototype\.free\)\s*;?/g, '')
    .replaceAll('new FinalizationRegistry(', '/* @__PURE__ */ new FinalizationRegistry(');
  fs.writeFileSync(path.join(dir, js), glue);
  const bundled = [js];
  if (glue.includes('./__wasm_split.js')) bundled.push(splitModules(wasm, js));
  // The panic guard, the loader, the glue and the split loader as one minified module: one
  // request fewer, and the glue's exports that nothing imports are left out.
  let loader = source.replace(/,\s*\*\s*as\s+\w+/, '').replace(/window\.wasmBindings\s*=\s*\w+\s*[;,]?/, '').replaceAll(`./${wasm}`, `./${named}`);
  // The guard checks the browser, then starts the wasm: `await init(…)` becomes
  // `__esepStart(init, …).then(…)`. A loader of another shape fails the build.
  try {
    loader = routeStart(loader);
  } catch (e) {
    console.error(`csp-shell: ${e.message}; the guard (scripts/panic-guard.js) cannot start it:\n${source}`);
    process.exit(1);
  }
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
html = html.replace(inline, (_, source) => scripts.get(source));

// The modules split off the wasm Trunk built as `wasm` (scripts/wasm-ld.mjs wrote them, with
// their loader __wasm_split.js): optimised like the main one and named by content, in `dir`,
// with the loader written there for the bundle to take in. Returns the loader's file name.
function splitModules(wasm, js) {
  const stem = wasm.replace(/-[0-9a-f]+_bg\.wasm$/, '').replaceAll('-', '_');
  const from = path.join(process.env.CARGO_TARGET_DIR || 'target', 'wasm-split', stem);
  let link = fs.readFileSync(path.join(from, '__wasm_split.js'), 'utf8');
  link = link.replace(/from\s*"\.\/[\w.-]+\.js"/, `from "./${js}"`);
  for (const file of fs.readdirSync(from).filter((f) => f.endsWith('.wasm'))) {
    const tmp = path.join(dir, `opt-${file}`);
    const opt = spawnSync('wasm-opt', ['-Oz', ...optParams, path.join(from, file), '-o', tmp], { stdio: 'inherit' });
    if (opt.status !== 0) {
      console.error(`csp-shell: wasm-opt failed on ${file}`);
      process.exit(1);
    }
    const bytes = fs.readFileSync(tmp);
    fs.rmSync(tmp);
    const named = file.replace(/\.wasm$/, `-${contentHash(bytes)}.wasm`);
    fs.writeFileSync(path.join(dir, named), bytes);
    if (!link.includes(`"./${file}"`)) {
      console.error(`csp-shell: the split loader does not load ${file}`);
      process.exit(1);
    }
    link = link.replaceAll(`"./${file}"`, `"./${named}"`);
    console.log(`csp-shell: split module ${named}`);
  }
  fs.writeFileSync(path.join(dir, '__wasm_split.js'), link);
  return '__wasm_split.js';
}
if (/<script(?![^>]*\bsrc=)[^>]*>[\s\S]*?<\/script>/.test(html)) {
  console.error('csp-shell: an inline script is left in index.html');
  process.exit(1);
}
fs.writeFileSync(index, html);
console.log(`csp-shell: ${count} inline script(s) moved to files in ${dir}`);

// The bundled feeds are served without the indentation they are written with (public/feeds/
// keeps it for people reading them): the same JSON, 4 % less to transfer gzipped.
const feeds = path.join(dir, 'feeds');
for (const name of fs.existsSync(feeds) ? fs.readdirSync(feeds) : []) {
  if (!name.endsWith('.json')) continue;
  const file = path.join(feeds, name);
  fs.writeFileSync(file, JSON.stringify(JSON.parse(fs.readFileSync(file, 'utf8'))));
}
