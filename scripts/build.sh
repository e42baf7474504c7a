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
# What a press service uploads next to the app (docs/publishing.md): share pages with link
# previews, preview images, data bundles and the feed under its version, for the address the
# app will be served at (ESEP_BASE_URL; `make run` serves it on 127.0.0.1). dist/ is made anew
# by every build, so each published version is also kept in public/feeds/archive/, which the
# next build copies back: a pinned address (?v=…) keeps working.
base="${ESEP_BASE_URL:-http://127.0.0.1:${PORT:-8080}/}"
# The feed as served (the build minifies it): its bytes are the version readers see.
cargo run -q --bin esep-check -- publish dist/feeds/aktobe-2025.json --base-url "$base" --into dist
mkdir -p public/feeds/archive
cp -n dist/feeds/archive/*.json public/feeds/archive/
# Each text file also compressed once, for hosts that serve such copies (docs/hosting.md).
node scripts/precompress.mjs dist
