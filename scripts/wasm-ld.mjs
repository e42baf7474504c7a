#!/usr/bin/env node
// The linker of the release wasm (scripts/trunk.sh sets it): rust-lld, less the exports of
// wasm-streams' three JavaScript classes. Leptos always builds its server-function client,
// which streams through wasm-streams; esep calls no server, but every exported function is a
// root the optimiser must keep, with the async code behind it: 5 KB of wasm and 1 KB of JS
// (gzip). Without these exports wasm-bindgen still writes the classes, which would fail only
// if they were used. Every other argument goes to rust-lld unchanged.
import { spawnSync } from 'node:child_process';

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
const run = spawnSync(lld, args, { stdio: 'inherit' });
process.exit(run.status ?? 1);
