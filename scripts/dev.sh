#!/usr/bin/env bash
# The development loop (`make dev`): serves a debug build of the report on
# http://127.0.0.1:8080 (PORT=… for another port; other arguments go to `trunk serve`, e.g. a
# page: `scripts/dev.sh embed.html`) and rebuilds it when src/, a page, the styles, public/ or
# Cargo.toml change; the open page reloads itself once the build is done (Trunk's live reload).
#
# A debug build through the same scripts/trunk.sh as the release, with ESEP_BUILD_STD=0: the
# stock standard library (panic messages and locations in the console), no wasm-opt (on the main
# module or the split ones) and no minifying (Trunk does both only for --release). The split
# points stay split: a `#[wasm_split]` function compiles to an import of a module that only
# wasm-split-cli fills in, in debug builds too (wasm_split_macros has no unsplit form on wasm),
# so the linker (scripts/wasm-ld.mjs) and the hook (scripts/csp-shell.mjs, which leaves Trunk's
# live-reload script in a debug page) run as for the release. Its own cargo target folder,
# target/dev, so that it never waits for the release builds' lock nor rebuilds their files; the
# pages land in target/dev/dist, not dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
export ESEP_BUILD_STD=0
export CARGO_TARGET_DIR="$PWD/target/dev"
# A compile error is reported by rustc; Trunk's backtrace of it (with RUST_BACKTRACE set) is noise.
export RUST_LIB_BACKTRACE=0
exec scripts/trunk.sh serve --dist target/dev/dist --port "${PORT:-8080}" \
  --watch src --watch index.html --watch compare.html --watch embed.html --watch check.html \
  --watch style --watch public --watch Cargo.toml "$@"
