// The report built without the rebuilt standard library (ESEP_BUILD_STD=0 scripts/trunk.sh:
// the stock std, panic messages in the console, the same linker, split and post-build hook),
// which scripts/test.sh builds into target/dist-std0: a smoke test in headless Chromium, so that
// the build people use to read a panic's message keeps working.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launch, openPage, canvasColours, chartDrawn, root } from './helpers.mjs';

let env;
before(async () => {
  env = await launch({
    dir: path.join(root, 'target/dist-std0'),
    testRoutes: false,
    missing: 'run "ESEP_BUILD_STD=0 scripts/trunk.sh build --release --dist target/dist-std0" first (scripts/test.sh does)',
  });
});
after(async () => {
  await env?.close();
});

test('ESEP_BUILD_STD=0: the report draws its first chart, with no errors, and loads its split module', async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.url}/?lang=en&sw=off`);
  await chartDrawn(page);
  assert.ok((await canvasColours(page, '[data-testid=chart-crime-by-gravity-changes]')) >= 4, 'the canvas has drawn content');
  // The whole feed as CSV is code split off the main wasm, fetched at this first click.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-all').click()]);
  assert.equal(dl.suggestedFilename(), 'aktobe-2025-all-en.csv');
  assert.deepEqual(problems.pageErrors, []);
  // Built by Trunk alone, without scripts/build.sh's publish step: the report asks the site for
  // the version it published (share/version.txt, once the end of the report is built), is told
  // there is none and does without; the browser logs the 404. Nothing else may be logged.
  const logged = problems.console.filter((_, i) => !problems.consoleFrom[i].endsWith('/share/version.txt'));
  assert.deepEqual(logged, []);
  assert.deepEqual(problems.requests, [], 'no third-party requests');
  await context.close();
});
