// scripts/wasm-ld.mjs without rust-lld: its arguments, where the split modules go, the split
// loader's rename, and the whole link run against stand-ins for rust-lld and wasm-split-cli
// that write fixture modules.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { linkerArgs, outputOf, splitPaths, renameSplitLoader } from '../wasm-ld.mjs';
import { wasmModule, splitLoader, tmpdir } from './fixtures.mjs';

const script = fileURLToPath(new URL('../wasm-ld.mjs', import.meta.url));

// What rustc passes to the linker of the report, shortened.
const RUSTC = [
  '--export', '__wbindgen_malloc',
  '--export', '__wbg_intounderlyingbytesource_free',
  '--export', 'intounderlyingsink_write',
  '--export', '__wbg_IntoUnderlyingSource_free',
  '--export', 'main',
  '-z', 'stack-size=1048576', '--stack-first', '--no-entry',
  '-o', '/t/wasm32-unknown-unknown/release/deps/esep-0123456789abcdef.wasm',
  '/tmp/rustc/symbols.o', '-O3', '--gc-sections',
];

test('linkerArgs: the flavour first, wasm-streams\' exports left out, everything else as given', () => {
  const args = linkerArgs(RUSTC);
  assert.deepEqual(args, [
    '-flavor', 'wasm',
    '--export', '__wbindgen_malloc',
    '--export', 'main',
    '-z', 'stack-size=1048576', '--stack-first', '--no-entry',
    '-o', '/t/wasm32-unknown-unknown/release/deps/esep-0123456789abcdef.wasm',
    '/tmp/rustc/symbols.o', '-O3', '--gc-sections',
  ]);
  // rustc passes the flavour itself when it took the linker for wasm-ld: not twice.
  assert.deepEqual(linkerArgs(['-flavor', 'wasm', ...RUSTC]).slice(0, 4), ['-flavor', 'wasm', '--export', '__wbindgen_malloc']);
  assert.equal(outputOf(args), '/t/wasm32-unknown-unknown/release/deps/esep-0123456789abcdef.wasm');
  assert.equal(outputOf(['-flavor', 'wasm', 'a.o']), undefined);
});

test('linkerArgs fails, naming the pattern, when no export of wasm-streams\' classes is there to leave out', () => {
  const message = /rustc passed no `--export <symbol>` matching \/intounderlying\/i \(wasm-streams' IntoUnderlying\* classes\) to leave out/;
  assert.throws(() => linkerArgs(['--export', 'main', '-o', 'x.wasm']), message);
  // An export in one argument is another form: it is not left out, so the link fails.
  assert.throws(() => linkerArgs(['--export=__wbg_intounderlyingsink_free', '-o', 'x.wasm']), message);
});

test('splitPaths: <target>/wasm-split/<crate>/ for rustc\'s <target>/wasm32-unknown-unknown/<profile>/deps/<crate>-<hash>.wasm', () => {
  const at = (...p) => path.join(path.sep, ...p);
  assert.deepEqual(splitPaths(at('w', 'target', 'wasm32-unknown-unknown', 'release', 'deps', 'esep-0123456789abcdef.wasm')), { stem: 'esep', dir: at('w', 'target', 'wasm-split', 'esep') });
  assert.deepEqual(splitPaths(at('w', 'target', 'wasm-std', 'wasm32-unknown-unknown', 'debug', 'deps', 'esep_compare-fedcba9876543210.wasm')), { stem: 'esep_compare', dir: at('w', 'target', 'wasm-std', 'wasm-split', 'esep_compare') });
  assert.throws(() => splitPaths(at('w', 'out', 'esep.wasm')), /is not under a \/wasm32-unknown-unknown\/ folder of a cargo target folder/);
});

test('renameSplitLoader: wasm-split-cli\'s loader reads the table the main module exports as __wasm_split_table', () => {
  const js = splitLoader();
  const renamed = renameSplitLoader(js);
  assert.match(renamed, /const \{ __wasm_split_table: __indirect_function_table, __wasm_split_shared0, memory,\s+\} = initSync\(undefined, undefined\);/);
  // Only that line changes: the shared imports still hand the table over by its own name.
  assert.equal(renamed.replace('__wasm_split_table: ', ''), js);
  assert.match(renamed, /Object\.assign\(sharedImports\.__wasm_split, \{ __indirect_function_table,/);
});

test('renameSplitLoader fails, naming the shape it looks for, on a loader that reads the table otherwise', () => {
  const other = splitLoader().replace(
    'const { __indirect_function_table, __wasm_split_shared0, memory,  } = initSync(undefined, undefined);',
    'const exports = initSync(undefined, undefined); const __indirect_function_table = exports.__indirect_function_table;',
  );
  assert.throws(() => renameSplitLoader(other), /the split loader does not read the table as `const \{ __indirect_function_table, … \} = initSync\(…\)` \(\/\\b__indirect_function_table/);
});

/**
 * Runs wasm-ld.mjs as rustc does, with stand-ins: rust-lld writes a module (with a split
 * point's placeholder import when `split`) and logs its arguments; wasm-split-cli writes the
 * main module, a split module and `loader` as the split loader.
 */
function runLinker({ split = true, loader = splitLoader(), args = RUSTC, lld = true } = {}) {
  const dir = tmpdir();
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  const out = path.join(dir, 'target', 'wasm32-unknown-unknown', 'release', 'deps', 'esep-0123456789abcdef.wasm');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const log = path.join(dir, 'lld.log');
  const linked = wasmModule({
    imports: split ? [['__wasm_split_placeholder__', '__wasm_split_load_extras']] : [],
    functions: 1, table: true, memory: true, exports: [['memory', 'memory', 0], ['main', 'func', split ? 1 : 0]],
  });
  const mainModule = wasmModule({ functions: 1, table: true, memory: true, exports: [['memory', 'memory', 0], ['main', 'func', 0]] });
  fs.writeFileSync(path.join(dir, 'linked.wasm'), linked);
  fs.writeFileSync(path.join(dir, 'main.wasm'), mainModule);
  fs.writeFileSync(path.join(dir, 'loader.js'), loader);
  const stand = (name, body) => {
    fs.writeFileSync(path.join(bin, name), `#!/usr/bin/env node\nconst fs = require('fs');\nconst path = require('path');\nconst args = process.argv.slice(2);\n${body}\n`, { mode: 0o755 });
  };
  stand('rust-lld', `fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify(args) + '\\n');
fs.copyFileSync(${JSON.stringify(path.join(dir, 'linked.wasm'))}, args[args.indexOf('-o') + 1]);`);
  stand('wasm-split-cli', `const [, stem, input, out] = args;
fs.copyFileSync(${JSON.stringify(path.join(dir, 'main.wasm'))}, path.join(out, stem + '.wasm'));
fs.copyFileSync(${JSON.stringify(path.join(dir, 'loader.js'))}, path.join(out, '__wasm_split.js'));
fs.writeFileSync(path.join(out, 'split_extras.wasm'), fs.readFileSync(input));`);
  const run = spawnSync(process.execPath, [script, ...args.map((a) => (a.endsWith('esep-0123456789abcdef.wasm') ? out : a))], {
    encoding: 'utf8',
    env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, ESEP_RUST_LLD: lld ? path.join(bin, 'rust-lld') : '' },
  });
  const calls = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l)) : [];
  return { ...run, out, calls, splitDir: path.join(dir, 'target', 'wasm-split', 'esep') };
}

test('the link without split points: rust-lld once, with the flavour and without wasm-streams\' exports', () => {
  const run = runLinker({ split: false });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.calls.length, 1);
  assert.deepEqual(run.calls[0].slice(0, 2), ['-flavor', 'wasm']);
  assert.ok(!run.calls[0].some((a) => /intounderlying/i.test(a)));
  assert.ok(!fs.existsSync(run.splitDir));
});

test('the link with split points: linked again with relocations, split, the table exported, the loader renamed', () => {
  const run = runLinker();
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.calls.length, 2);
  assert.deepEqual(run.calls[1], [...run.calls[0], '--emit-relocs']);
  // The main module is back at rustc's output, with the table exported under our name.
  const exported = WebAssembly.Module.exports(new WebAssembly.Module(fs.readFileSync(run.out)));
  assert.deepEqual(exported.at(-1), { name: '__wasm_split_table', kind: 'table' });
  assert.deepEqual(fs.readdirSync(run.splitDir).sort(), ['__wasm_split.js', 'split_extras.wasm']);
  assert.match(fs.readFileSync(path.join(run.splitDir, '__wasm_split.js'), 'utf8'), /\{ __wasm_split_table: __indirect_function_table, __wasm_split_shared0/);
});

test('the link fails with a message naming what is missing', () => {
  const noLld = runLinker({ lld: false });
  assert.equal(noLld.status, 1);
  assert.match(noLld.stderr, /ESEP_RUST_LLD \(the path of rust-lld\) is not set/);

  const noExports = runLinker({ args: RUSTC.filter((a, i) => !/intounderlying/i.test(a) && !/intounderlying/i.test(RUSTC[i + 1] ?? '')) });
  assert.equal(noExports.status, 1);
  assert.match(noExports.stderr, /rustc passed no `--export <symbol>` matching \/intounderlying\/i/);
  assert.equal(noExports.calls.length, 0, 'rust-lld is not run');

  const otherLoader = runLinker({ loader: 'export const load = () => initSync().__indirect_function_table;' });
  assert.equal(otherLoader.status, 1);
  assert.match(otherLoader.stderr, /the split loader does not read the table as `const \{ __indirect_function_table, … \} = initSync\(…\)`/);
});
