// The release build's post-processing (scripts/csp-shell.mjs): the wasm and its glue joined by
// short names, and every integrity hash in the pages matching the file it names.
import test from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { root } from './helpers.mjs';

const pages = [path.join(root, 'dist'), path.join(root, 'dist', 'check')];

function importNames(wasm) {
  const leb = (at) => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const byte = wasm[at++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if (byte < 0x80) return [value, at];
    }
  };
  let at = 8;
  while (at < wasm.length) {
    const [size, start] = leb(at + 1);
    if (wasm[at] === 2) {
      const names = [];
      let [count, p] = leb(start);
      while (count--) {
        const [ml, m] = leb(p);
        const [fl, f] = leb(m + ml);
        names.push(wasm.subarray(f, f + fl).toString());
        p = f + fl;
        const kind = wasm[p++];
        assert.equal(kind, 0, 'only function imports are expected');
        [, p] = leb(p);
      }
      return names;
    }
    at = start + size;
  }
  return [];
}

for (const dir of pages) {
  const page = path.relative(root, dir);
  test(`${page}: every integrity hash matches its file`, () => {
    const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
    const links = [...html.matchAll(/(?:href|src)="?\.\/([\w.-]+)"?[^>]*?integrity="?(sha384-[\w+/=]+)/g)];
    assert.ok(links.length >= 3, `expected the css, loader, glue and wasm with integrity in ${page}`);
    for (const [, file, sri] of links) {
      const actual = `sha384-${crypto.createHash('sha384').update(fs.readFileSync(path.join(dir, file))).digest('base64')}`;
      assert.equal(actual, sri, `${file} does not match its integrity hash`);
    }
  });

  test(`${page}: the wasm's imports have short names, and the glue no long ones`, () => {
    const wasm = fs.readdirSync(dir).find((f) => f.endsWith('_bg.wasm'));
    const names = importNames(fs.readFileSync(path.join(dir, wasm)));
    assert.ok(names.length > 50, `only ${names.length} imports`);
    assert.ok(names.every((n) => n.length <= 2), `long import names: ${names.filter((n) => n.length > 2).slice(0, 3)}`);
    const glue = fs.readdirSync(dir).filter((f) => /^esep.*\.js$/.test(f) && !f.endsWith('_bg.js'));
    assert.equal(glue.length, 1);
    const js = fs.readFileSync(path.join(dir, glue[0]), 'utf8');
    assert.doesNotMatch(js, /__wbg_\w+_[0-9a-f]{16}\b/);
  });
}
