#!/usr/bin/env node
// The linker of the release wasm (scripts/trunk.sh sets it): rust-lld, less the exports of
// wasm-streams' three JavaScript classes. Leptos always builds its server-function client,
// which streams through wasm-streams; esep calls no server, but every exported function is a
// root the optimiser must keep, with the async code behind it: 5 KB of wasm and 1 KB of JS
// (gzip). Without these exports wasm-bindgen still writes the classes, which would fail only
// if they were used. Every other argument goes to rust-lld unchanged. A module with split
// points is then split (below).
//
// The parts that need neither rust-lld nor wasm-split-cli are exported for the tests in
// scripts/test/; run as a program, it links.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addExport } from './wasm-names.mjs';

// The exports dropped: rustc passes each as two arguments, `--export <symbol>`.
const DROPPED = /intounderlying/i;

/**
 * rust-lld's arguments for the ones rustc gave: the flavour first (rustc passes it unless it
 * took this file for wasm-ld itself), and every `--export` of wasm-streams' classes left out.
 * Throws when there is none to leave out: rustc passes exports in another form, or Leptos no
 * longer builds wasm-streams' classes (then this step can go).
 */
export function linkerArgs(given) {
  const args = given[0] === '-flavor' ? [] : ['-flavor', 'wasm'];
  let dropped = 0;
  for (let i = 0; i < given.length; i += 1) {
    if (given[i] === '--export' && DROPPED.test(given[i + 1] ?? '')) {
      i += 1;
      dropped += 1;
      continue;
    }
    args.push(given[i]);
  }
  if (dropped === 0) {
    throw new Error(`wasm-ld.mjs: rustc passed no \`--export <symbol>\` matching ${DROPPED} (wasm-streams' IntoUnderlying* classes) to leave out`);
  }
  return args;
}

/** The output file rustc asks for (`-o <file>`), or undefined. */
export function outputOf(args) {
  const at = args.indexOf('-o');
  return at >= 0 ? args[at + 1] : undefined;
}

/**
 * Where the split modules of the wasm `out` go: `<target>/wasm-split/<crate>/`, where `out` is
 * `<target>/wasm32-unknown-unknown/<profile>/deps/<crate>-<16 hex>.wasm`, as rustc names it.
 * scripts/csp-shell.mjs reads them from there.
 */
export function splitPaths(out) {
  const marker = `${path.sep}wasm32-unknown-unknown${path.sep}`;
  const at = out.lastIndexOf(marker);
  if (at < 0) throw new Error(`wasm-ld.mjs: the output ${out} is not under a ${marker} folder of a cargo target folder`);
  const stem = path.basename(out, '.wasm').replace(/-[0-9a-f]{16}$/, '');
  return { stem, dir: path.join(out.slice(0, at), 'wasm-split', stem) };
}

// How wasm-split-cli 0.2.4's loader reads the shared table from the main module:
// `const { __indirect_function_table, __wasm_split_shared0, memory,  } = initSync(…)`.
const TABLE_READ = /\b__indirect_function_table(?=\s*,[^}]*\}\s*=\s*initSync)/;

/**
 * The split loader, reading the table under the name the main module exports it by
 * (`__wasm_split_table`, see below). Throws when the loader does not read it as `TABLE_READ`.
 */
export function renameSplitLoader(js) {
  const renamed = js.replace(TABLE_READ, '__wasm_split_table: __indirect_function_table');
  if (renamed === js) {
    throw new Error(`wasm-ld.mjs: the split loader does not read the table as \`const { __indirect_function_table, … } = initSync(…)\` (${TABLE_READ})`);
  }
  return renamed;
}

/**
 * Links with `lld` (the path of rust-lld) and rustc's arguments `given`; splits the module
 * when it has split points. Returns the exit status.
 */
export function main(given, lld = process.env.ESEP_RUST_LLD) {
  if (!lld) {
    console.error('wasm-ld.mjs: ESEP_RUST_LLD (the path of rust-lld) is not set');
    return 1;
  }
  let args;
  try {
    args = linkerArgs(given);
  } catch (e) {
    console.error(e.message);
    return 1;
  }
  const link = (extra) => spawnSync(lld, [...args, ...extra], { stdio: 'inherit' }).status ?? 1;
  let status = link([]);
  const out = outputOf(args);
  // Code marked `#[wasm_split]` (the downloads and the embed panel in src/ui/chart_view.rs and
  // src/ui/report.rs) is loaded at its first use: when the linked module has such split points,
  // it is linked again with its relocations, which wasm-split-cli needs to cut it into the main
  // module (left at `out`, for wasm-bindgen) and the split modules, written with their JavaScript
  // loader to <target>/wasm-split/<name>/ for scripts/csp-shell.mjs.
  if (status === 0 && out && fs.readFileSync(out).includes('__wasm_split_placeholder__')) {
    status = link(['--emit-relocs']);
    let stem, dir;
    try {
      ({ stem, dir } = splitPaths(out));
    } catch (e) {
      console.error(e.message);
      return 1;
    }
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
      const mainModule = path.join(dir, `${stem}.wasm`);
      const loader = path.join(dir, '__wasm_split.js');
      for (const file of [mainModule, loader]) {
        if (!fs.existsSync(file)) {
          console.error(`wasm-ld.mjs: wasm-split-cli wrote no ${path.basename(file)} in ${dir} (it wrote ${fs.readdirSync(dir).join(', ') || 'nothing'})`);
          return 1;
        }
      }
      fs.writeFileSync(out, addExport(fs.readFileSync(mainModule), '__wasm_split_table', 1, 0));
      fs.rmSync(mainModule);
      const js = fs.readFileSync(loader, 'utf8');
      try {
        fs.writeFileSync(loader, renameSplitLoader(js));
      } catch (e) {
        console.error(e.message);
        status = 1;
      }
    } else {
      status = split.status || status || 1;
    }
  }
  return status;
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit(main(process.argv.slice(2)));
}
