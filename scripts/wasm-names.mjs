// Shortens the names that join a wasm-bindgen module to its JavaScript glue.
//
// wasm-bindgen names every import after the JS function and a 16-digit hash
// (`__wbg_createElement_8c9931a732ee2fea`) and every exported closure shim after its full Rust
// type; each name is written twice, once in the wasm and once in the glue, and the hashes do not
// compress. This renames each import and export of the wasm to a short name (`a`, `b`, … `aB`)
// and makes the same replacement in the glue, where the names only ever appear as keys of the
// import object and as `wasm.<name>`. Nothing else changes: same code, same data, same calls.
//
// Used by scripts/csp-shell.mjs on Trunk's output; `shorten(wasmBytes, jsText)` returns both
// rewritten, or throws if a name it renames is missing from the glue (a wasm-bindgen upgrade
// that changed the glue's shape), so a surprise fails the build instead of the page.

const SECTION_IMPORT = 2;
const SECTION_EXPORT = 7;
// Kept as they are: the memory (read by name by tools), wasm-bindgen's split marker, and what
// split modules import from the main one (the table and the shared symbols, by name).
const KEEP = /^(memory|_WASM_SPLIT_MARKER.*|__wasm_split_table|__wasm_split_shared\d+)$/;

function readU32(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}

/** `value` as an unsigned LEB128, the way wasm writes lengths and indices (also used by the tests' fixtures). */
export function u32(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return out;
}

const utf8 = new TextEncoder();
const text = new TextDecoder('utf-8', { fatal: true });

function readName(bytes, at) {
  const [len, start] = readU32(bytes, at);
  return [text.decode(bytes.subarray(start, start + len)), start + len];
}

function name(s) {
  const b = utf8.encode(s);
  return [...u32(b.length), ...b];
}

// a … z, A … Z, then two characters: short names that are valid JS identifiers.
function shortName(i) {
  const first = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const rest = first + '0123456789_';
  if (i < first.length) return first[i];
  i -= first.length;
  return first[Math.floor(i / rest.length)] + rest[i % rest.length];
}

// Rewrites one import section; `rename(module, field)` gives the new [module, field].
function imports(body, rename) {
  let [count, at] = readU32(body, 0);
  const out = [...u32(count)];
  while (count--) {
    let module, field;
    [module, at] = readName(body, at);
    [field, at] = readName(body, at);
    const kind = body[at];
    let end = at + 1;
    if (kind === 0) [, end] = readU32(body, end); // function: type index
    else if (kind === 1) {
      // table: reftype, limits
      end += 1;
      const flags = body[end++];
      [, end] = readU32(body, end);
      if (flags & 1) [, end] = readU32(body, end);
    } else if (kind === 2) {
      const flags = body[end++];
      [, end] = readU32(body, end);
      if (flags & 1) [, end] = readU32(body, end);
    } else if (kind === 3) end += 2; // global: valtype, mutability
    else throw new Error(`wasm-names: import kind ${kind} not known (0 function, 1 table, 2 memory, 3 global)`);
    const [m, f] = rename(module, field);
    out.push(...name(m), ...name(f), ...body.subarray(at, end));
    at = end;
  }
  return out;
}

function exports(body, rename) {
  let [count, at] = readU32(body, 0);
  const out = [...u32(count)];
  while (count--) {
    let field;
    [field, at] = readName(body, at);
    const kind = body[at];
    const [, end] = readU32(body, at + 1);
    out.push(...name(rename(field)), ...body.subarray(at, end));
    at = end;
  }
  return out;
}

export function shorten(wasm, js) {
  if (wasm[0] !== 0 || wasm[1] !== 0x61 || wasm[2] !== 0x73 || wasm[3] !== 0x6d) {
    throw new Error('wasm-names: not a wasm module (it does not start with the magic bytes \\0asm)');
  }
  const names = new Map(); // old name in the glue -> new name
  let next = 0;
  const short = (old) => {
    if (!names.has(old)) names.set(old, shortName(next++));
    return names.get(old);
  };
  const sections = [];
  const modules = new Set(); // the modules the wasm imports from (but the split loader)
  let named = false; // whether the glue names one of them
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, start] = readU32(wasm, at + 1);
    const body = wasm.subarray(start, start + size);
    let content = body;
    if (id === SECTION_IMPORT) {
      content = imports(body, (module, field) => {
        // Module names are keys of the import object too; imports of other modules (none
        // today) would be left alone by a glue that does not name them, so only rename the
        // glue's own module.
        // The split loader's module (__wasm_split.js) keeps its names: they are its exports.
        if (module.includes('__wasm_split')) return [module, field];
        modules.add(module);
        if (!js.includes(JSON.stringify(module))) return [module, field];
        named = true;
        return [module, short(field)];
      });
    } else if (id === SECTION_EXPORT) {
      content = exports(body, (field) => (KEEP.test(field) ? field : short(field)));
    }
    sections.push(Uint8Array.from([id, ...u32(content.length)]), Uint8Array.from(content));
    at = start + size;
  }
  // wasm-bindgen's glue keys its import object by module name, as a quoted string
  // (`"./esep_bg.js": import0`). A glue that quotes none of the wasm's import modules so has
  // another shape: nothing of it would be renamed.
  if (modules.size && !named) {
    const quoted = [...modules].map((m) => JSON.stringify(m)).join(', ');
    throw new Error(`wasm-names: the glue does not name the wasm's import module ${quoted} (as a quoted key of its import object)`);
  }
  // The glue: every old name appears as a whole identifier (an object key or after `wasm.`).
  const olds = [...names.keys()].sort((a, b) => b.length - a.length);
  for (const old of olds) {
    if (!/^[A-Za-z_$][\w$]*$/.test(old)) throw new Error(`wasm-names: ${old} is not an identifier (/^[A-Za-z_$][\\w$]*$/)`);
  }
  const seen = new Set();
  // With no names to rename, the glue stays as it is (an empty alternation would match
  // everywhere).
  const newJs = olds.length === 0 ? js : js.replace(new RegExp(`(?<![\\w$])(?:${olds.join('|')})(?![\\w$])`, 'g'), (old) => {
    seen.add(old);
    return names.get(old);
  });
  for (const old of olds) {
    // Exports the glue never calls are renamed in the wasm alone (nothing refers to them).
    if (!seen.has(old) && !old.startsWith('__wbg_')) continue;
    if (!seen.has(old)) {
      throw new Error(`wasm-names: the glue does not use the import ${old} as a whole identifier (a key of its import object, \`${old}: function\`)`);
    }
  }
  const out = new Uint8Array(8 + sections.reduce((n, part) => n + part.length, 0));
  out.set(wasm.subarray(0, 8));
  let end = 8;
  for (const part of sections) {
    out.set(part, end);
    end += part.length;
  }
  return { wasm: out, js: newJs, renamed: names.size };
}

/** The field names of a module's imports, in order (for tests of what `shorten` wrote). */
export function importNames(wasm) {
  const names = [];
  let at = 8;
  while (at < wasm.length) {
    const [size, start] = readU32(wasm, at + 1);
    if (wasm[at] === SECTION_IMPORT) {
      imports(wasm.subarray(start, start + size), (module, field) => {
        names.push(field);
        return [module, field];
      });
    }
    at = start + size;
  }
  return names;
}

/**
 * `wasm` with one more export: `name` for the item `index` of `kind` (0 function, 1 table,
 * 2 memory, 3 global). For the function table that split modules share: wasm-bindgen drops
 * the linker's own `__indirect_function_table` export, but leaves an export of another name.
 */
export function addExport(wasm, name_, kind, index) {
  const parts = [wasm.subarray(0, 8)];
  let found = false;
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, start] = readU32(wasm, at + 1);
    const body = wasm.subarray(start, start + size);
    if (id === SECTION_EXPORT) {
      found = true;
      const [count, first] = readU32(body, 0);
      const content = Uint8Array.from([...u32(count + 1), ...body.subarray(first), ...name(name_), kind, ...u32(index)]);
      parts.push(Uint8Array.from([id, ...u32(content.length)]), content);
    } else {
      parts.push(wasm.subarray(at, start + size));
    }
    at = start + size;
  }
  if (!found) throw new Error(`wasm-names: no export section (id ${SECTION_EXPORT}) to add ${name_} to`);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let end = 0;
  for (const p of parts) {
    out.set(p, end);
    end += p.length;
  }
  return out;
}
