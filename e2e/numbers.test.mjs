// The number rules (`present::Locale`: natively `LocaleNumbers`, behind the golden files of every
// sentence; in the page `ui::format::PageNumbers`, over JavaScript's `toFixed`) write what the
// browser's `Intl.NumberFormat` writes for the reader's language. tests/numbers.rs writes the native output for a set of numbers to
// tests/golden/numbers.json (`ESEP_BLESS=1 cargo test --test numbers`); here Chromium formats the
// same numbers and every case must agree, down to the no-break space between thousands, the
// decimal comma and the minus sign. No build of the app is needed: the page is about:blank.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, root } from './helpers.mjs';

const FILE = path.join(root, 'tests/golden/numbers.json');

let browser;
before(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
});
after(async () => {
  await browser?.close();
});

/** What `Intl.NumberFormat` prints for each case (the page's `ui::format::PageNumbers` writes the
 *  same by `present::Locale`'s rules over `toFixed`), formatted in the page. */
async function intl(page, locales, cases) {
  return page.evaluate(({ locales, cases }) => cases.map((c) => {
    const loc = locales[c.lang];
    if (c.kind === 'decimal') {
      return new Intl.NumberFormat(loc, { maximumFractionDigits: c.digits }).format(c.value);
    }
    // Locale::percent: a percent style of v / 100, one decimal at most, a sign on non-zero
    // values when signed, and a true minus sign in place of the hyphen.
    const nf = new Intl.NumberFormat(loc, {
      style: 'percent',
      maximumFractionDigits: 1,
      signDisplay: c.signed ? 'exceptZero' : 'auto',
    });
    return nf.format(c.value / 100).replaceAll('-', '\u2212');
  }), { locales, cases });
}

const show = (s) => JSON.stringify(s).replace(/[\u00a0\u202f\u2212]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);

test('the native number formatter writes what Intl.NumberFormat writes in Chromium', async () => {
  const { locales, cases } = JSON.parse(fs.readFileSync(FILE, 'utf8'));
  assert.ok(cases.length > 100, 'a few hundred cases');
  const page = await browser.newPage();
  await page.goto('about:blank');
  const got = await intl(page, locales, cases);
  const wrong = [];
  cases.forEach((c, i) => {
    if (got[i] !== c.native) {
      const what = c.kind === 'decimal' ? `digits ${c.digits}` : `signed ${c.signed}`;
      wrong.push(`${c.lang} ${c.kind} ${c.value} (${what}): native ${show(c.native)}, Intl ${show(got[i])}`);
    }
  });
  assert.deepEqual(wrong, [], `${wrong.length} of ${cases.length} disagree:\n${wrong.join('\n')}`);
  // The conventions the golden files rely on, seen in the browser itself.
  const kk = cases.find((c) => c.lang === 'kk' && c.kind === 'decimal' && c.value === 1234567.5 && c.digits === 1);
  assert.equal(kk.native, '1\u00a0234\u00a0567,5');
  const en = cases.find((c) => c.lang === 'en' && c.kind === 'percent' && c.value === -7 && c.signed);
  assert.equal(en.native, '\u22127%');
  await page.close();
});
