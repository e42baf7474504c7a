#!/usr/bin/env bash
# Runs Trunk for a release page with the standard library rebuilt for size: `-Zbuild-std`
# with std's `optimize_for_size`, panic locations left out (`-Zlocation-detail=none`), `Debug`
# formatting compiled to nothing (`-Zfmt-debug=none`: no reader ever sees it) and panics that
# abort at once, without formatting a message (`-Cpanic=immediate-abort`); the linker leaves out
# exports that nothing calls (scripts/wasm-ld.mjs). Together that takes 17 % off the report's
# wasm (gzip, against ESEP_BUILD_STD=0; BENCHMARKS.md). A panic still ends in the reload panel:
# the loader's guard (scripts/panic-guard.js) catches the trap. For a panic's message in the
# console, build with ESEP_BUILD_STD=0.
#
# These are unstable cargo and rustc options on the pinned stable toolchain, allowed by
# RUSTC_BOOTSTRAP=1 for this build only (the toolchain is pinned, so they cannot drift).
# They use their own target folder, so native tests and clippy never rebuild because of them.
# ESEP_BUILD_STD=0 builds with the stock standard library instead.
#
# Every page's wasm-opt runs at -O1 (data-wasm-opt="1", which inlines nothing) and then, from its
# own parameters, `--no-inline=*Validator?::observation -Oz`: at -Oz wasm-opt inlined the function that
# validates one observation into the loop over them, and V8 runs a loop to its end in the code
# it started with (Liftoff, the quick unoptimised tier: there is no on-stack replacement for
# wasm), so all of a large feed's observations were validated unoptimised. Called once per
# observation, the function is compiled optimised after a few hundred (BENCHMARKS.md,
# 2026-12-05 second session). wasm-opt runs its passes in the order given and Trunk puts -O
# first, hence -O1 there.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
if [ "${ESEP_BUILD_STD:-1}" != 0 ]; then
  export RUSTC_BOOTSTRAP=1
  export CARGO_TARGET_DIR="$PWD/target/wasm-std"
  export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zlocation-detail=none -Zfmt-debug=none -Zunstable-options -Cpanic=immediate-abort"
fi
# rust-lld, less wasm-streams' unused exports, and the split modules cut off (scripts/wasm-ld.mjs):
# both builds, since a wasm with split points that nobody splits imports a module that is not there.
host="$(rustc -vV | sed -n 's/^host: //p')"
export ESEP_RUST_LLD="$(rustc --print sysroot)/lib/rustlib/$host/bin/rust-lld"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$PWD/scripts/wasm-ld.mjs"
exec trunk "$@"
