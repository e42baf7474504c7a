// Routes the start of the wasm in Trunk's loader through the guard's `__esepStart`
// (scripts/panic-guard.js), for scripts/csp-shell.mjs.
//
// Trunk 0.22's loader (src/pipelines/rust/output.rs, `default_initializer`) is
//
//   import init, * as bindings from './esep-<hash>.js';
//   const wasm = await init({ module_or_path: './esep-<hash>_bg.wasm' });
//   window.wasmBindings = bindings;
//   dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));
//
// minified on release builds (same statements, without spaces); csp-shell.mjs has taken the
// bindings out already. The start becomes `__esepStart(init, {…}).then((wasm) => {…the rest…})`:
// the guard checks the browser before init fetches anything, and the module has no top-level
// `await`, which browsers older than Safari 15, Chrome 89 and Firefox 89 cannot even parse: they
// would show a blank page instead of the guard's panel. Any other shape is an error, so that a
// Trunk upgrade that changes the loader fails the build instead of skipping the guard.

/** The loader with its `await init(…)` routed through `__esepStart`; throws on another shape. */
export function routeStart(loader) {
  const awaits = loader.match(/\bawait\b/g) || [];
  const call = /\b(?:const|let|var)\s+([\w$]+)\s*=\s*await\s*([\w$]+)\s*\((\s*\{[^(){}]*\bmodule_or_path\b[^(){}]*\}\s*)\)\s*;?/.exec(loader);
  if (!call || awaits.length !== 1) {
    throw new Error('the loader does not start the wasm with one `const wasm = await init({ module_or_path })`');
  }
  const [statement, result, init, options] = call;
  const before = loader.slice(0, call.index);
  const after = loader.slice(call.index + statement.length);
  if (before.replace(/\bimport\b[^;]*;/g, '').trim() !== '' || /\bimport\b/.test(after)) {
    throw new Error('the loader has code before its start that is not an import');
  }
  if (!new RegExp(`\\bimport\\s*${init.replace(/\$/g, '\\$')}\\b`).test(before)) {
    throw new Error(`the loader starts \`${init}\`, which is not the glue's default import`);
  }
  return `${before}__esepStart(${init}, ${options.trim()}).then((${result}) => {${after}\n});\n`;
}
