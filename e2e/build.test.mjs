// The release build's post-processing (scripts/csp-shell.mjs): the wasm and its glue joined by
// short names, and every integrity hash in the pages matching the file it names.
import test from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { root } from './helpers.mjs';
import { importNames } from '../scripts/wasm-names.mjs';

// Every page of the build, each with its own wasm (scripts/build.sh).
const dist = path.join(root, 'dist');
const pages = ['index.html', 'compare.html', 'embed.html', 'check/index.html'].map((p) => path.join(dist, p));

for (const file of pages) {
  const page = path.relative(root, file);
  const dir = path.dirname(file);
  test(`${page}: every integrity hash matches its file`, () => {
    const html = fs.readFileSync(file, 'utf8');
    const links = [...html.matchAll(/(?:href|src)="?\.\/([\w.-]+)"?[^>]*?integrity="?(sha384-[\w+/=]+)/g)];
    assert.ok(links.length >= 3, `expected the css, loader, glue and wasm with integrity in ${page}`);
    for (const [, file, sri] of links) {
      const actual = `sha384-${crypto.createHash('sha384').update(fs.readFileSync(path.join(dir, file))).digest('base64')}`;
      assert.equal(actual, sri, `${file} does not match its integrity hash`);
    }
  });

  test(`${page}: the wasm's imports have short names, and the loader no long ones`, () => {
    const html = fs.readFileSync(file, 'utf8');
    const wasm = /href="?\.\/([\w.-]+_bg\.wasm)/.exec(html)?.[1];
    const loader = /src="?\.\/(init-[\w.-]*\.js)/.exec(html)?.[1];
    assert.ok(wasm && loader, `${page} names no wasm or no loader`);
    // The split loader's own functions keep their names (they are __wasm_split.js's exports).
    const names = importNames(fs.readFileSync(path.join(dir, wasm))).filter((n) => !n.startsWith('__wasm_split_'));
    assert.ok(names.length > 50, `only ${names.length} imports`);
    assert.ok(names.every((n) => n.length <= 2), `long import names: ${names.filter((n) => n.length > 2).slice(0, 3)}`);
    const js = fs.readFileSync(path.join(dir, loader), 'utf8');
    assert.doesNotMatch(js, /__wbg_\w+_[0-9a-f]{16}\b/);
    // The glue is bundled into the loader: no second script, and none of its unused classes.
    assert.doesNotMatch(html, /rel="?modulepreload/);
    assert.doesNotMatch(js, /intounderlying/i);
  });

  test(`${page}: every split module the loader fetches exists, and the main wasm exports what it imports`, async () => {
    const html = fs.readFileSync(file, 'utf8');
    const wasm = /href="?\.\/([\w.-]+_bg\.wasm)/.exec(html)[1];
    const js = fs.readFileSync(path.join(dir, /src="?\.\/(init-[\w.-]*\.js)/.exec(html)[1]), 'utf8');
    const splits = [...new Set([...js.matchAll(/"\.\/((?:split|chunk)_[\w-]+\.wasm)"/g)].map((m) => m[1]))];
    assert.ok(splits.length >= 1, `${page}'s loader fetches no split module`);
    const main = await WebAssembly.compile(fs.readFileSync(path.join(dir, wasm)));
    const exported = new Set(WebAssembly.Module.exports(main).map((e) => `${e.kind}:${e.name}`));
    for (const split of splits) {
      const mod = await WebAssembly.compile(fs.readFileSync(path.join(dir, split)));
      for (const imp of WebAssembly.Module.imports(mod)) {
        assert.equal(imp.module, '__wasm_split', `${split} imports from ${imp.module}`);
        // The loader hands the main module's __wasm_split_table over as the table.
        const name = imp.kind === 'table' ? '__wasm_split_table' : imp.name;
        assert.ok(exported.has(`${imp.kind}:${name}`), `${split} needs ${imp.kind} ${name}, which ${wasm} does not export`);
      }
    }
  });
}

test('every precompressed copy in dist/ holds exactly its file; the report has them all, feeds none', async () => {
  const zlib = await import('node:zlib');
  const copies = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(gz|br)$/.test(e.name)) copies.push(p);
    }
  };
  walk(dist);
  for (const copy of copies) {
    const original = fs.readFileSync(copy.slice(0, -3));
    const packed = fs.readFileSync(copy);
    const unpacked = copy.endsWith('.gz') ? zlib.gunzipSync(packed) : zlib.brotliDecompressSync(packed);
    assert.ok(unpacked.equals(original), `${path.relative(dist, copy)} does not unpack to its file`);
    if (copy.endsWith('.gz')) {
      assert.ok(packed.length <= zlib.gzipSync(original, { level: 9 }).length, `${copy} is larger than gzip -9`);
    }
  }
  assert.deepEqual(copies.filter((c) => c.includes(`${path.sep}feeds${path.sep}`)), [], 'a feed has a precompressed copy');
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const named = [...html.matchAll(/(?:href|src)="?\.\/([\w.-]+\.(?:js|wasm|css))/g)].map((m) => m[1]);
  for (const file of ['index.html', ...named]) {
    for (const ext of ['.gz', '.br']) {
      assert.ok(copies.includes(path.join(dist, file + ext)), `no ${file}${ext}`);
    }
  }
});

test('every page is optimized with the same wasm-opt settings', () => {
  const settings = ['index.html', 'compare.html', 'embed.html', 'check.html'].map((page) => {
    const html = fs.readFileSync(path.join(root, page), 'utf8');
    const link = /<link data-trunk rel="rust"[^>]*>/.exec(html)?.[0] ?? '';
    return [/data-wasm-opt="([^"]*)"/.exec(link)?.[1], /data-wasm-opt-params="([^"]*)"/.exec(link)?.[1]];
  });
  assert.ok(settings[0][1]?.includes('--low-memory-unused'), 'index.html has no wasm-opt parameters');
  for (const s of settings) assert.deepEqual(s, settings[0]);
});

test('every wasm of the build needs no WebAssembly feature beyond the six the loader\'s guard checks', async () => {
  // scripts/panic-guard.js checks six features before it starts the wasm (docs/browsers.md). A
  // toolchain that turns on another by default would pass that check in a browser without it.
  const binaryen = (await import('binaryen')).default;
  if (binaryen.ready) await binaryen.ready;
  const F = binaryen.Features;
  const six = F.MVP | F.SignExt | F.BulkMemory | F.BulkMemoryOpt | F.NontrappingFPToInt | F.MutableGlobals | F.ReferenceTypes | F.CallIndirectOverlong | F.Multivalue;
  const wasms = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else if (e.name.endsWith('.wasm')) wasms.push(path.join(d, e.name));
    }
  };
  walk(dist);
  assert.ok(wasms.length >= 8, `${wasms.length} wasm files: the four pages and their split modules`);
  for (const file of wasms) {
    const module = binaryen.readBinary(new Uint8Array(fs.readFileSync(file)));
    const write = process.stderr.write;
    process.stderr.write = () => true; // binaryen prints what it finds invalid
    try {
      module.setFeatures(six);
      assert.ok(module.validate(), `${path.relative(dist, file)} needs a feature beyond the six`);
    } finally {
      process.stderr.write = write;
      module.dispose();
    }
  }
});
