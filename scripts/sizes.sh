#!/usr/bin/env bash
# Prints what the report's first visit downloads from dist/ (index.html, the files it names and
# the bundled feed): raw, gzip -9 (compressed on the fly), the precompressed .gz copy (zopfli,
# scripts/precompress.mjs) and brotli 11. 1 KB = 1024 B.
# Fails when the first visit (gzip -9, feed included) is over the budget: 130 KB, or
# ESEP_BUDGET bytes (test.sh sets a tiny one once, to see the gate bite). The target is 120 KB.
set -euo pipefail
cd "$(dirname "$0")/.."
total_gz=0
total_zop=0
printf '%-32s %8s %8s %8s %8s\n' file raw gzip-9 .gz brotli
budget=${ESEP_BUDGET:-$((130 * 1024))}
named=$(grep -oE '(href|src)="?\./[^" >]+\.(js|wasm|css)' dist/index.html | sed -E 's/.*\.\///' | sort -u)
for f in dist/index.html $(printf 'dist/%s ' $named) dist/feeds/aktobe-2025.json; do
  [ -f "$f" ] || continue
  raw=$(wc -c <"$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  zop=$([ -f "$f.gz" ] && wc -c <"$f.gz" || echo "$gz")
  # The build's .br copy where there is one (the same brotli 11), else compressed here.
  br=$([ -f "$f.br" ] && wc -c <"$f.br" || node -e 'const z=require("zlib");process.stdout.write(String(z.brotliCompressSync(require("fs").readFileSync(process.argv[1]),{params:{[z.constants.BROTLI_PARAM_QUALITY]:11}}).length))' "$f")
  total_gz=$((total_gz + gz))
  total_zop=$((total_zop + zop))
  printf '%-32s %8d %8d %8d %8d\n' "$(basename "$f")" "$raw" "$gz" "$zop" "$br"
done
awk -v g="$total_gz" -v z="$total_zop" -v b="$budget" \
  'BEGIN { printf "first visit: gzip -9 %d B = %.1f KB; precompressed .gz %d B = %.1f KB (budget %.1f KB, target 120 KB)\n", g, g / 1024, z, z / 1024, b / 1024 }'
# A page that names no wasm or no script would pass any budget: that is a broken build.
for kind in wasm js; do
  if ! grep -qE "\.$kind\$" <<<"$named"; then
    echo "sizes: dist/index.html names no .$kind file" >&2
    exit 1
  fi
done
if [ "$total_gz" -gt "$budget" ]; then
  echo "sizes: the first visit is $total_gz B gzip -9, over the budget of $budget B: put code the first screen does not need behind a split point or on its own page" >&2
  exit 1
fi
