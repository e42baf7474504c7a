#!/usr/bin/env node
// The linker of the release wasm (scripts/trunk.sh sets it): rust-lld, less the exports of
// wasm-streams' three JavaScript classes. Leptos always builds its server-function client,
// which streams through wasm-streams; esep calls no server, but every exported function is a
// root the optimiser must keep, with the async code behind it: 5 KB of wasm and 1 KB of JS
// (gzip). Without these exports wasm-bindgen still writes the classes, which would fail only
// if they were used. Every other argument goes to rust-lld unchanged. A module with split
// points is then split (below).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { addExport } from './wasm-names.mjs';

const lld = process.env.ESEP_RUST_LLD;
if (!lld) {
  console.error('wasm-ld.mjs: ESEP_RUST_LLD (the path of rust-lld) is not set');
  process.exit(1);
}
const given = process.argv.slice(2);
// rust-lld needs its flavour first; rustc passes it unless it took this file for wasm-ld itself.
const args = given[0] === '-flavor' ? [] : ['-flavor', 'wasm'];
for (let i = 0; i < given.length; i += 1) {
  if (given[i] === '--export' && /intounderlying/i.test(given[i + 1] ?? '')) {
    i += 1;
    continue;
  }
  args.push(given[i]);
}
const link = (extra) => spawnSync(lld, [...args, ...extra], { stdio: 'inherit' }).status ?? 1;
let status = link([]);
const out = args[args.indexOf('-o') + 1];
// Code marked `#[wasm_split]` (the downloads and the embed panel in src/ui/chart_view.rs and
// src/ui/report.rs) is loaded at its first use: when the linked module has such split points,
// it is linked again with its relocations, which wasm-split-cli needs to cut it into the main
// module (left at `out`, for wasm-bindgen) and the split modules, written with their JavaScript
// loader to <target>/wasm-split/<name>/ for scripts/csp-shell.mjs.
if (status === 0 && out && fs.readFileSync(out).includes('__wasm_split_placeholder__')) {
  status = link(['--emit-relocs']);
  const target = out.slice(0, out.lastIndexOf(`${path.sep}wasm32-unknown-unknown${path.sep}`));
  const stem = path.basename(out, '.wasm').replace(/-[0-9a-f]{16}$/, '');
  const dir = path.join(target, 'wasm-split', stem);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const split = spawnSync('wasm-split-cli', ['--out-name', stem, out, dir], { stdio: 'inherit' });
  if (status === 0 && split.status === 0) {
    // The split modules share the main module's function table (rust-lld's only table, index
    // 0), which the loader reads from the main module's exports as `__indirect_function_table`.
    // wasm-bindgen drops that export (it is the linker's), so the table is exported once more
    // under a name of ours, and the loader reads that name. It must be exported before
    // wasm-opt: with the table private, wasm-opt turns entries the main module never calls
    // indirectly into traps, and the split modules call them.
    const main = fs.readFileSync(path.join(dir, `${stem}.wasm`));
    fs.writeFileSync(out, addExport(main, '__wasm_split_table', 1, 0));
    fs.rmSync(path.join(dir, `${stem}.wasm`));
    const loader = path.join(dir, '__wasm_split.js');
    const js = fs.readFileSync(loader, 'utf8');
    const renamed = js.replace(
      /\b__indirect_function_table(?=\s*,[^}]*\}\s*=\s*initSync)/,
      '__wasm_split_table: __indirect_function_table',
    );
    if (renamed === js) {
      console.error('wasm-ld.mjs: the split loader does not read __indirect_function_table as expected');
      status = 1;
    }
    fs.writeFileSync(loader, renamed);
  } else {
    status = split.status || status || 1;
  }
}
process.exit(status);
