#!/usr/bin/env bash
# Lighthouse (mobile preset) on the release build, served locally. Not part of `make test`:
# prints the four scores, total blocking time, LCP and CLS, and writes them to BENCHMARKS.md's
# "Lighthouse" section.
# Usage: scripts/audit.sh   (after `make test` or `trunk build --release`)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
[ -f dist/index.html ] || trunk build --release
port=8099
node e2e/serve.mjs --dir dist --port "$port" >/dev/null &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
sleep 1
out=$(mktemp -d)
CHROME_PATH=/usr/bin/chromium npm exec --yes --package=lighthouse@12.8.2 -- lighthouse \
  "http://127.0.0.1:$port/?lang=kk" --quiet --output=json --output-path="$out/report.json" \
  --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run" \
  --only-categories=performance,accessibility,best-practices,seo
node -e '
const r = require(process.argv[1]);
const c = r.categories;
const row = ["performance", "accessibility", "best-practices", "seo"].map((k) => Math.round(c[k].score * 100));
console.log(`lighthouse (mobile): performance ${row[0]}, accessibility ${row[1]}, best-practices ${row[2]}, seo ${row[3]}`);
for (const k of ["accessibility", "best-practices", "seo"]) {
  for (const a of Object.values(r.audits)) {
    if (a.score !== null && a.score < 1 && c[k].auditRefs.some((ref) => ref.id === a.id && ref.weight > 0)) console.log(`  ${k}: ${a.id}: ${a.title}`);
  }
}
const fs = require("fs");
const tbt = Math.round(r.audits["total-blocking-time"].numericValue);
const lcp = (r.audits["largest-contentful-paint"].numericValue / 1000).toFixed(1);
const cls = r.audits["cumulative-layout-shift"].numericValue.toFixed(3);
console.log(`  total blocking time ${tbt} ms, largest contentful paint ${lcp} s, layout shift ${cls}`);
const line = `| ${new Date().toISOString().slice(0, 10)} | ${row.join(" | ")} | TBT ${tbt} ms, LCP ${lcp} s, CLS ${cls}; Lighthouse 12.8.2, mobile preset, headless Chromium, this machine |`;
let md = fs.existsSync("BENCHMARKS.md") ? fs.readFileSync("BENCHMARKS.md", "utf8") : "# Benchmarks\n";
const head = "## Lighthouse\n\n| date | performance | accessibility | best practices | SEO | how |\n|---|---|---|---|---|---|\n";
if (!md.includes("## Lighthouse")) md += "\n" + head;
md = md.replace(/(## Lighthouse\n\n\|[^\n]*\n\|[^\n]*\n)/, `$1${line}\n`);
fs.writeFileSync("BENCHMARKS.md", md);
' "$out/report.json"
