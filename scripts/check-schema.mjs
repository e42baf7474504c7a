// Checks feeds against the JSON Schema public/schema/feed-v1.json (the strict publishing contract).
//
//   node scripts/check-schema.mjs              every public/feeds/*.json and tests/feeds/good/*.json
//                                              must pass; a few known-bad feeds must be rejected
//   node scripts/check-schema.mjs a.json …     only these files, each must pass
//
// Prints one line per file, then `schema: N passed, M failed`; exits 1 when any check fails.
// The schema checks shape only: references, unique ids and unit-dependent ranges are checked by
// `esep-check` (cargo run --bin esep-check -- feed.json), which is what the page itself runs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCHEMA = 'public/schema/feed-v1.json';

// Feeds the schema must refuse, so that this check is known to be able to fail.
const MUST_REJECT = [
  'tests/feeds/bad/13-value-as-text.json', // value is text, not a number
  'tests/feeds/bad/29-change-without-vs.json', // change-pct without vs
  'tests/feeds/bad/30-level-with-vs.json', // vs on a level
  'tests/feeds/bad/32-unknown-unit.json', // enum
  'tests/feeds/bad/35-source-url-javascript.json', // javascript: URL
  'tests/feeds/bad/36-source-date-feb-30.json', // impossible date
  'tests/feeds/bad/38-title-plain-string.json', // text must be {kk, ru, en}
  'tests/feeds/bad/39-id-upper-case.json', // id pattern
  'tests/feeds/bad/48-tile-out-of-range.json', // a tile's row past 15
  'tests/feeds/bad/60-changes-not-localized.json', // changes must be {kk, ru, en}
  'tests/feeds/bad/59-related-script-address.json', // a related page's javascript: address
  'tests/feeds/warn/04-unknown-field-metirc.json', // unknown field: a warning on the page, refused here
];

function jsonFiles(dir) {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  return fs
    .readdirSync(abs)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => path.join(dir, f));
}

function show(value) {
  const s = JSON.stringify(value) ?? String(value);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

/** One readable line per distinct problem, without ajv's "must match then schema" echoes. */
function describe(errors) {
  const lines = [];
  for (const e of errors) {
    if (e.keyword === 'if' || e.keyword === 'anyOf') continue;
    const at = e.instancePath || '/';
    let msg;
    switch (e.keyword) {
      case 'pattern':
        msg = `${show(e.data)} does not match ${e.schemaPath.replace(/\/pattern$/, '')}`;
        break;
      case 'enum':
        msg = `${show(e.data)} is not one of: ${e.params.allowedValues.join(', ')}`;
        break;
      case 'additionalProperties':
        msg = `unknown field '${e.params.additionalProperty}'`;
        break;
      case 'false schema':
        msg = 'not allowed here';
        break;
      default:
        msg = e.message;
    }
    const line = `${at}: ${msg}`;
    if (!lines.includes(line)) lines.push(line);
  }
  return lines;
}

/** Reads a JSON file; `rel` is relative to the repository root (or absolute). */
function load(rel) {
  const text = fs.readFileSync(path.resolve(root, rel), 'utf8').replace(/^\uFEFF/, '');
  return JSON.parse(text);
}

let validate;
try {
  const ajv = new Ajv2020({ allErrors: true, verbose: true });
  validate = ajv.compile(load(SCHEMA));
} catch (e) {
  console.log(`FAIL ${SCHEMA}: the schema cannot be used: ${e.message}`);
  console.log('schema: 0 passed, 1 failed');
  process.exit(1);
}

const args = process.argv.slice(2);
// Files named on the command line are taken relative to the current directory.
const mustPass =
  args.length > 0
    ? args.map((a) => path.resolve(a))
    : [...jsonFiles('public/feeds'), ...jsonFiles('tests/feeds/good')];
const mustReject = args.length > 0 ? [] : MUST_REJECT;

let passed = 0;
let failed = 0;

/** Validates one file; `null` when valid, else the problem lines. */
function problems(rel) {
  let data;
  try {
    data = load(rel);
  } catch (e) {
    return [`cannot read as JSON: ${e.message}`];
  }
  return validate(data) ? null : describe(validate.errors);
}

for (const file of mustPass) {
  const rel = path.isAbsolute(file) ? path.relative(process.cwd(), file) || file : file;
  const found = problems(file);
  if (found === null) {
    passed++;
    console.log(`ok   ${rel}`);
  } else {
    failed++;
    console.log(`FAIL ${rel}: ${found.join('; ')}`);
  }
}

for (const rel of mustReject) {
  if (!fs.existsSync(path.join(root, rel))) {
    failed++;
    console.log(`FAIL ${rel}: missing (expected a feed the schema refuses)`);
    continue;
  }
  const found = problems(rel);
  if (found === null) {
    failed++;
    console.log(`FAIL ${rel}: accepted, but the schema must refuse it`);
  } else {
    passed++;
    console.log(`ok   ${rel} (refused as expected: ${found.join('; ')})`);
  }
}

console.log(`schema: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
