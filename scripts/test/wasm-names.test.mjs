// scripts/wasm-names.mjs on a hand-written wasm and glue shaped like wasm-bindgen's: the short
// names it gives on both sides, what it keeps, and that a glue of another shape fails naming
// what it looked for.
import test from 'node:test';
import assert from 'node:assert/strict';
import { transformSync } from 'esbuild';
import { shorten, importNames, addExport } from '../wasm-names.mjs';
import { wasmModule, mainWasm, glue, CREATE, LOG, SHIM, LOAD } from './fixtures.mjs';

const exportsOf = (wasm) => WebAssembly.Module.exports(new WebAssembly.Module(wasm));
const importsOf = (wasm) => WebAssembly.Module.imports(new WebAssembly.Module(wasm));

test('the fixture is a valid module with wasm-bindgen\'s names', () => {
  assert.deepEqual(importsOf(mainWasm()).map((i) => i.name), [CREATE, LOG, LOAD]);
  assert.ok(exportsOf(mainWasm()).some((e) => e.name === SHIM));
});

test('shorten: imports and exports get short names in the wasm and the glue alike', () => {
  const { wasm, js, renamed } = shorten(mainWasm(), glue());
  assert.equal(renamed, 6, 'two imports and four exports');
  // Imports of the glue's module: a, b in order; the split loader's keep their names.
  assert.deepEqual(importsOf(wasm).map((i) => `${i.module} ${i.name}`), ['./esep_bg.js a', './esep_bg.js b', `./__wasm_split.js ${LOAD}`]);
  assert.deepEqual(importNames(wasm), ['a', 'b', LOAD]);
  // Exports: the memory, the shared table and symbols keep theirs.
  assert.deepEqual(exportsOf(wasm).map((e) => e.name), ['memory', 'c', '__wasm_split_table', '__wasm_split_shared0', 'd', 'e', 'f']);
  // The glue: the same names, as keys of the import object and after `wasm.`.
  for (const old of [CREATE, LOG, SHIM, '__wbindgen_malloc', '__wbindgen_start']) assert.ok(!js.includes(old), `${old} is left in the glue`);
  assert.match(js, /\n\s+a: function\(\) \{ return handleError/);
  assert.match(js, /\n\s+b: function\(arg0\)/);
  assert.match(js, /wasm\.d\(arg0, arg1\)/);
  assert.match(js, /wasm\.e\(n\)/);
  assert.match(js, /wasm\.f\(\);/);
  // Nothing else changes: the glue still parses, and only the names differ.
  transformSync(js, { format: 'esm', loader: 'js' });
  const expected = { [CREATE]: 'a', [LOG]: 'b', main: 'c', [SHIM]: 'd', __wbindgen_malloc: 'e', __wbindgen_start: 'f' };
  assert.equal(js, glue().replace(new RegExp(`\\b(?:${Object.keys(expected).join('|')})\\b`, 'g'), (old) => expected[old]));
});

test('shorten: names are JS identifiers, and many of them stay short and distinct', () => {
  const count = 52 + 63 * 3;
  const many = wasmModule({
    imports: Array.from({ length: count }, (_, i) => ['./esep_bg.js', `__wbg_f${i}_0123456789abcdef`]),
  });
  const js = `const import0 = {\n${Array.from({ length: count }, (_, i) => `  __wbg_f${i}_0123456789abcdef: () => ${i},`).join('\n')}\n};\nreturn { "./esep_bg.js": import0 };`;
  const out = shorten(many, js);
  const names = importNames(out.wasm);
  assert.equal(new Set(names).size, count);
  assert.ok(names.every((n) => /^[A-Za-z][\w]?$/.test(n)), names.filter((n) => !/^[A-Za-z][\w]?$/.test(n)).join(' '));
  assert.deepEqual([names[0], names[25], names[26], names[51], names[52], names[53]], ['a', 'z', 'A', 'Z', 'aa', 'ab']);
  new WebAssembly.Module(out.wasm);
});

test('shorten: with no names to rename, the glue comes back as it was (it used to gain "undefined")', () => {
  const js = glue();
  for (const wasm of [wasmModule(), wasmModule({ memory: true, exports: [['memory', 'memory', 0]] })]) {
    const out = shorten(wasm, js);
    assert.equal(out.renamed, 0);
    assert.equal(out.js, js);
    assert.ok(!out.js.includes('undefined'.repeat(2)));
    assert.deepEqual([...out.wasm], [...wasm]);
  }
});

test('shorten: an export the glue never calls is renamed in the wasm alone', () => {
  const wasm = wasmModule({ functions: 1, memory: true, exports: [['memory', 'memory', 0], ['__externref_table_alloc', 'func', 0]] });
  const out = shorten(wasm, glue());
  assert.deepEqual(exportsOf(out.wasm).map((e) => e.name), ['memory', 'a']);
  assert.equal(out.js, glue());
});

test('shorten fails, naming what it looked for, on input of another shape', () => {
  assert.throws(() => shorten(new TextEncoder().encode('<!doctype html>'), glue()), /not a wasm module \(it does not start with the magic bytes \\0asm\)/);
  // An import the glue does not define: wasm-bindgen writes each as a key of the import object.
  assert.throws(
    () => shorten(mainWasm(), glue().replace(`${LOG}: function(arg0)`, 'log: function(arg0)')),
    new RegExp(`the glue does not use the import ${LOG} as a whole identifier \\(a key of its import object, \`${LOG}: function\`\\)`),
  );
  // The import object keyed by module name in another way: nothing would be renamed.
  assert.throws(
    () => shorten(mainWasm(), glue().replace('"./esep_bg.js": import0', "'./esep_bg.js': import0")),
    /the glue does not name the wasm's import module "\.\/esep_bg\.js" \(as a quoted key of its import object\)/,
  );
  // A name that is not an identifier cannot be matched in the glue.
  const odd = wasmModule({ imports: [['./esep_bg.js', '__wbg_a-b_0123456789abcdef']] });
  assert.throws(() => shorten(odd, '"./esep_bg.js"'), /__wbg_a-b_0123456789abcdef is not an identifier/);
});

test('importNames: the field names of the imports, in order', () => {
  assert.deepEqual(importNames(mainWasm()), [CREATE, LOG, LOAD]);
  assert.deepEqual(importNames(wasmModule()), []);
});

test('addExport: one more export, everything else as it was; no export section fails', () => {
  const wasm = mainWasm();
  const out = addExport(wasm, '__wasm_split_table2', 1, 0);
  const after = exportsOf(out);
  assert.deepEqual(after.slice(0, -1), exportsOf(wasm));
  assert.deepEqual(after.at(-1), { name: '__wasm_split_table2', kind: 'table' });
  assert.deepEqual(importsOf(out), importsOf(wasm));
  assert.equal(out.length, wasm.length + 1 + '__wasm_split_table2'.length + 2);
  assert.throws(() => addExport(wasmModule({ table: true }), '__wasm_split_table', 1, 0), /no export section \(id 7\) to add __wasm_split_table to/);
});
