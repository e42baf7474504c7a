#!/usr/bin/env bash
# Prints what the report's first visit downloads from dist/ (index.html, the files it names and
# the bundled feed), raw, gzip -9 and brotli (1 KB = 1024 B).
set -euo pipefail
cd "$(dirname "$0")/.."
total_gz=0
printf '%-28s %10s %10s %10s\n' file raw gzip brotli
named=$(grep -oE '(href|src)="?\./[^" >]+\.(js|wasm|css)' dist/index.html | sed -E 's/.*\.\///' | sort -u)
for f in dist/index.html $(printf 'dist/%s ' $named) dist/feeds/aktobe-2025.json; do
  [ -f "$f" ] || continue
  raw=$(wc -c <"$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  br=$(node -e 'const z=require("zlib");process.stdout.write(String(z.brotliCompressSync(require("fs").readFileSync(process.argv[1]),{params:{[z.constants.BROTLI_PARAM_QUALITY]:11}}).length))' "$f")
  total_gz=$((total_gz + gz))
  printf '%-28s %10d %10d %10d\n' "$(basename "$f")" "$raw" "$gz" "$br"
done
printf 'first visit, gzip -9: %d B = %d KB (goal: 120 KB)\n' "$total_gz" "$((total_gz / 1024))"
