// Trunk post-build hook: moves the inline module script Trunk writes into index.html to a file
// of its own (with an SRI hash), so the page runs under a Content-Security-Policy without
// 'unsafe-inline', puts the panic guard (scripts/panic-guard.js) in front of it and minifies
// both; shortens the names that join the wasm to its glue (scripts/wasm-names.mjs); then writes
// the bundled feeds without indentation.
// Works on $TRUNK_STAGING_DIR (or a folder given as argument).
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { transformSync } from 'esbuild';
import { shorten } from './wasm-names.mjs';

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('csp-shell: no folder (TRUNK_STAGING_DIR or an argument)');
  process.exit(1);
}
const index = path.join(dir, 'index.html');
let html = fs.readFileSync(index, 'utf8');
const inline = /<script type="?module"?>([\s\S]*?)<\/script>/g;
const guard = fs.readFileSync(new URL('./panic-guard.js', import.meta.url), 'utf8');
const sri = (bytes) => `sha384-${crypto.createHash('sha384').update(bytes).digest('base64')}`;
// The 16 hex digits a file written here is named by.
const contentHash = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 16);
let count = 0;
for (const [, loader] of html.matchAll(inline)) {
  // The loader names the glue it imports and the wasm it starts: rename in both, and give the
  // page's preload links the new integrity hashes.
  const js = /from\s*["'`]\.\/([\w.-]+\.js)["'`]/.exec(loader)?.[1];
  const wasm = /module_or_path:\s*["'`]\.\/([\w.-]+\.wasm)["'`]/.exec(loader)?.[1];
  if (!js || !wasm) {
    console.error('csp-shell: the loader names no glue or no wasm');
    process.exit(1);
  }
  const out = shorten(fs.readFileSync(path.join(dir, wasm)), fs.readFileSync(path.join(dir, js), 'utf8'));
  // Trunk named both files after what it built; name them after what they are now, so that a
  // cached copy under an old name can never meet a new page. The page's links and the loader
  // (still inline in the page here) follow, and the links get the new integrity hashes.
  for (const [file, bytes] of [[js, out.js], [wasm, out.wasm]]) {
    const renamed = file.replace(/-[0-9a-f]+((?:_bg)?\.(?:js|wasm))$/, `-${contentHash(bytes)}$1`);
    fs.rmSync(path.join(dir, file));
    fs.writeFileSync(path.join(dir, renamed), bytes);
    html = html.replaceAll(`./${file}`, `./${renamed}`);
    const link = new RegExp(`(href=["']?\\./${renamed.replace(/[.]/g, '\\.')}["']?\\s+integrity=["']?)sha384-[\\w+/=]+`);
    html = html.replace(link, `$1${sri(bytes)}`);
  }
  console.log(`csp-shell: ${out.renamed} wasm import and export names shortened in ${wasm} and ${js}`);
}
html = html.replace(inline, (_, loader) => {
  const code = transformSync(guard + loader, { minify: true, format: 'esm', target: 'es2022', charset: 'utf8' }).code;
  const name = `init-${contentHash(code)}.js`;
  fs.writeFileSync(path.join(dir, name), code);
  count += 1;
  return `<script type="module" src="./${name}" integrity="${sri(code)}"></script>`;
});
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
