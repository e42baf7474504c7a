// Small inputs shaped like what the build scripts get from the tools: a wasm written byte by
// byte (imports and exports named as wasm-bindgen and wasm-split name them), wasm-bindgen's glue,
// wasm-split-cli's loader and Trunk's page with its loader inline. For the tests in this folder;
// each shape is taken from the tools' output at the versions docs/upgrading.md lists.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { u32 } from '../wasm-names.mjs';

const utf8 = new TextEncoder();

const str = (s) => [...u32(utf8.encode(s).length), ...utf8.encode(s)];
const vec = (items) => [...u32(items.length), ...items.flat()];
const section = (id, body) => [id, ...u32(body.length), ...body];

const KIND = { func: 0, table: 1, memory: 2, global: 3 };

/**
 * A valid wasm module. `imports`: [module, field, kind] (kind 'func', 'table', 'memory' or
 * 'global'; functions are `() -> ()`); `functions`: how many functions it defines; `exports`:
 * [name, kind, index]; `table`, `memory`, `global`: whether it defines one; `custom`: a custom
 * section's [name, text].
 */
export function wasmModule({ imports = [], functions = 0, exports = [], table = false, memory = false, global = false, custom } = {}) {
  const bytes = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  bytes.push(...section(1, vec([[0x60, 0x00, 0x00]])));
  if (imports.length) {
    bytes.push(...section(2, vec(imports.map(([module, field, kind = 'func']) => {
      const desc = {
        func: [0x00, 0x00],
        table: [0x01, 0x70, 0x00, 0x01],
        memory: [0x02, 0x00, 0x01],
        global: [0x03, 0x7f, 0x01],
      }[kind];
      return [...str(module), ...str(field), ...desc];
    }))));
  }
  if (functions) bytes.push(...section(3, vec(Array.from({ length: functions }, () => [0x00]))));
  if (table) bytes.push(...section(4, vec([[0x70, 0x00, 0x01]])));
  if (memory) bytes.push(...section(5, vec([[0x00, 0x01]])));
  if (global) bytes.push(...section(6, vec([[0x7f, 0x01, 0x41, 0x00, 0x0b]])));
  if (exports.length) {
    bytes.push(...section(7, vec(exports.map(([name, kind, index]) => [...str(name), KIND[kind], ...u32(index)]))));
  }
  if (functions) bytes.push(...section(10, vec(Array.from({ length: functions }, () => [0x02, 0x00, 0x0b]))));
  if (custom) bytes.push(...section(0, [...str(custom[0]), ...utf8.encode(custom[1])]));
  return Uint8Array.from(bytes);
}

// The names wasm-bindgen 0.2 gives: imports `__wbg_<js name>_<16 hex>` of "./<crate>_bg.js",
// exported closure shims after their whole Rust type.
export const CREATE = '__wbg_createElement_8c9931a732ee2fea';
export const LOG = '__wbg_log_0123456789abcdef';
export const SHIM = 'wasm_bindgen_ba4a09f83e782404___convert__closures_____invoke_______true_';
export const LOAD = '__wasm_split_load_extras';

/** The main wasm as wasm-bindgen leaves it: its imports, the split loader's, and its exports. */
export function mainWasm() {
  return wasmModule({
    imports: [['./esep_bg.js', CREATE], ['./esep_bg.js', LOG], ['./__wasm_split.js', LOAD]],
    functions: 4,
    table: true,
    memory: true,
    global: true,
    exports: [
      ['memory', 'memory', 0],
      ['main', 'func', 3],
      ['__wasm_split_table', 'table', 0],
      ['__wasm_split_shared0', 'global', 0],
      [SHIM, 'func', 4],
      ['__wbindgen_malloc', 'func', 5],
      ['__wbindgen_start', 'func', 6],
    ],
  });
}

/** A module split off the main one: it imports what it shares from `__wasm_split`. */
export function splitWasm() {
  return wasmModule({
    imports: [['__wasm_split', 'memory', 'memory'], ['__wasm_split', '__indirect_function_table', 'table'], ['__wasm_split', '__wasm_split_shared0', 'global']],
    functions: 1,
    exports: [['__wasm_split_00extras00_export_0123456789abcdef0123456789abcdef_save_png', 'func', 0]],
  });
}

/** wasm-bindgen 0.2.130's glue (--target web), cut down to the parts the scripts touch. */
export function glue({ crate = 'esep' } = {}) {
  return `import * as import1 from "./__wasm_split.js"

export class IntoUnderlyingSink {
    __destroy_into_raw() {
        const ptr = this.__wbg_ptr;
        this.__wbg_ptr = 0;
        IntoUnderlyingSinkFinalization.unregister(this);
        return ptr;
    }
    free() {
        const ptr = this.__destroy_into_raw();
        wasm.__wbg_intounderlyingsink_free(ptr, 0);
    }
}
if (Symbol.dispose) IntoUnderlyingSink.prototype[Symbol.dispose] = IntoUnderlyingSink.prototype.free;
function __wbg_get_imports() {
    const import0 = {
        __proto__: null,
        ${CREATE}: function() { return handleError(function (arg0, arg1, arg2) {
            const ret = arg0.createElement(getStringFromWasm0(arg1, arg2));
            return ret;
        }, arguments); },
        ${LOG}: function(arg0) {
            console.log(arg0);
        },
    };
    return {
        __proto__: null,
        "./${crate}_bg.js": import0,
        "./__wasm_split.js": import1,
    };
}

function ${SHIM}(arg0, arg1) {
    wasm.${SHIM}(arg0, arg1);
}

const IntoUnderlyingSinkFinalization = (typeof FinalizationRegistry === 'undefined')
    ? { register: () => {}, unregister: () => {} }
    : new FinalizationRegistry(ptr => wasm.__wbg_intounderlyingsink_free(ptr, 1));

function getStringFromWasm0(ptr, len) { return String(ptr + len); }
function handleError(f, args) { try { return f.apply(this, args); } catch (e) { wasm.__wbindgen_exn_store(e); } }
const malloc = (n) => wasm.__wbindgen_malloc(n);

let wasm;
function __wbg_finalize_init(instance, module) {
    wasm = instance.exports;
    wasm.__wbindgen_start();
    return wasm;
}

function initSync(module) {
    if (wasm !== undefined) return wasm;
    const instance = new WebAssembly.Instance(module, __wbg_get_imports());
    return __wbg_finalize_init(instance, module);
}

async function __wbg_init(module_or_path) {
    if (wasm !== undefined) return wasm;
    const { instance, module } = await WebAssembly.instantiateStreaming(fetch(module_or_path.module_or_path), __wbg_get_imports());
    return __wbg_finalize_init(instance, module);
}

export { initSync, __wbg_init as default };
`;
}

/** wasm-split-cli 0.2.4's loader of the split modules, as it writes it (before wasm-ld.mjs). */
export function splitLoader({ crate = 'esep' } = {}) {
  return `import { initSync } from "./${crate}.js";

let sharedImports = undefined;
function getSharedImports() {
    if (sharedImports === undefined) {
        sharedImports = { __wasm_split: {  } };
        const { __indirect_function_table, __wasm_split_shared0, memory,  } = initSync(undefined, undefined);
        Object.assign(sharedImports.__wasm_split, { __indirect_function_table, __wasm_split_shared0, memory,  });
    }
    return sharedImports;
}
function makeLoad(fetcher, deps) {
    let loadingModule = undefined;
    return () => {
        if (loadingModule === undefined) loadingModule = fetcher()(getSharedImports());
        return loadingModule;
    };
}
export const ${LOAD} = makeLoad(() => {
    const src = fetch(new URL("./split_extras.wasm", import.meta.url));
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}, []);
`;
}

/** Trunk 0.22.1's loader (default_initializer), as it writes it into the page. */
export function trunkLoader({ js = 'esep-0123456789abcdef.js', wasm = 'esep-0123456789abcdef_bg.wasm', minified = false } = {}) {
  if (minified) {
    return `import init,*as bindings from"./${js}";const wasm=await init({module_or_path:"./${wasm}"});window.wasmBindings=bindings;dispatchEvent(new CustomEvent("TrunkApplicationStarted",{detail:{wasm}}))`;
  }
  return `
import init, * as bindings from './${js}';
const wasm = await init({ module_or_path: './${wasm}' });

window.wasmBindings = bindings;

dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));
`;
}

/**
 * Trunk 0.22.1's index.html for the report: the preload links (attributes sorted and unquoted
 * when minified, as minify-html writes them) and the loader inline.
 */
export function trunkPage({ js = 'esep-0123456789abcdef.js', wasm = 'esep-0123456789abcdef_bg.wasm', jsSri, wasmSri, minified = false, loader, extra = '' } = {}) {
  const script = loader ?? trunkLoader({ js, wasm, minified });
  const noscript = '<noscript><main class="noscript"><p>The figures: <a href="feeds/aktobe-2025.json">feeds/aktobe-2025.json</a>.</p></main></noscript>';
  if (minified) {
    return `<!doctype html><html lang=kk><meta charset=utf-8><title>esep</title><link as=fetch crossorigin href=./${wasm} integrity=${wasmSri} rel=preload type=application/wasm><link crossorigin href=./${js} integrity=${jsSri} rel=modulepreload></head><body>${noscript}<script type=module>${script}</script>${extra}</body></html>`;
  }
  return `<!DOCTYPE html><html lang="kk"><head>
<meta charset="utf-8">
<title>esep</title>
<link rel="modulepreload" href="./${js}" crossorigin="anonymous" integrity="${jsSri}"><link rel="preload" href="./${wasm}" crossorigin="anonymous" integrity="${wasmSri}" as="fetch" type="application/wasm"></head>
<body>
  ${noscript}
<script type="module">${script}</script>${extra}</body></html>`;
}

/** A fresh folder under the system's temporary one, removed when the process exits. */
export function tmpdir(prefix = 'esep-scripts-') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}
