#!/usr/bin/env bash
# Builds every page of the release app into dist/: the report (index.html, with the bundled
# feeds, the service worker and embed.js), and, each with a wasm of its own so that the report's
# first visit carries none of them, the comparison (compare.html), the embed (embed.html) and
# the feed checker (check/); then the precompressed copies (scripts/precompress.mjs). The
# comparison and the embed lie next to index.html, so that relative feed addresses (`?feed=`,
# `?compare=`) mean the same on all three.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/trunk.sh build --release "$@"
for page in compare embed; do
  out="target/pages/$page"
  scripts/trunk.sh build "$page.html" --release --dist "$out" "$@"
  # Trunk names the page index.html; its scripts, wasm and styles have hashed names.
  mv "$out/index.html" "dist/$page.html"
  cp -n "$out"/* dist/
done
scripts/trunk.sh build check.html --release --dist dist/check "$@"
# Each text file also compressed once, for hosts that serve such copies (docs/hosting.md).
node scripts/precompress.mjs dist
