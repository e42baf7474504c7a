#!/usr/bin/env bash
# Installs whatever esep needs and is missing; changes nothing that is already right.
# Usage: scripts/setup.sh [test]   ("test" also installs the browsers the end-to-end tests drive)
# Nothing is downloaded from anywhere but rustup's own server, crates.io, npm and Debian.
set -euo pipefail
cd "$(dirname "$0")/.."
want_browser=${1:-}

export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
say() { printf 'setup: %s\n' "$*"; }

toolchain=$(sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)
trunk_version=0.22.1
bindgen_version=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)

# 1. The Rust toolchain pinned in rust-toolchain.toml, with the wasm32 target, clippy, rustfmt
#    and the standard library's source (the release page rebuilds it for size: scripts/trunk.sh).
#    (rustup 1.29 does not install a pinned toolchain on first use; `rustup toolchain install`
#    with no argument reads the file.)
installed=$(rustup target list --installed --toolchain "$toolchain" 2>/dev/null || true)
components=$(rustup component list --installed --toolchain "$toolchain" 2>/dev/null || true)
if ! grep -q wasm32-unknown-unknown <<<"$installed" || ! grep -q '^clippy' <<<"$components" || ! grep -q '^rustfmt' <<<"$components" || ! grep -q '^rust-src' <<<"$components"; then
  say "installing Rust $toolchain with the wasm32 target (rustup)"
  rustup toolchain install
fi

# 2. Trunk and wasm-bindgen-cli from crates.io; wasm-bindgen exactly as in Cargo.lock.
if [ "$(trunk --version 2>/dev/null || true)" != "trunk $trunk_version" ]; then
  say "installing trunk $trunk_version (cargo install; about 15 minutes on 2 cores)"
  cargo install trunk --version "$trunk_version" --locked
fi
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $bindgen_version" ]; then
  say "installing wasm-bindgen-cli $bindgen_version (cargo install; about 8 minutes)"
  # Not --locked: one of its locked dependency versions is no longer served by the registry.
  cargo install wasm-bindgen-cli --version "=$bindgen_version"
fi

# 3. Node tools: wasm-opt (npm binaryen; Debian's binaryen 108 breaks the wasm), playwright-core, ajv, zopfli.
split_version=0.2.4
if ! cargo install --list | grep -q "^wasm_split_cli_support v$split_version:"; then
  say "installing wasm-split-cli $split_version (cargo install; about 2 minutes)"
  cargo install wasm_split_cli_support --version "=$split_version" --features build-binary --locked
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing node dev tools (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

# 4. The end-to-end tests' browsers from Debian, with fonts that cover Kazakh letters: Chromium;
#    WebKitGTK's WebDriver with its MiniBrowser (Safari's engine) and the X server it runs under;
#    Firefox ESR (driven by the npm puppeteer-core, which downloads no browser).
if [ "$want_browser" = test ]; then
  installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }
  if ! command -v chromium >/dev/null || ! installed fonts-dejavu-core \
    || ! command -v WebKitWebDriver >/dev/null \
    || ! command -v firefox-esr >/dev/null || ! command -v Xvfb >/dev/null; then
    say "installing chromium, webkit2gtk-driver, firefox-esr, xvfb and fonts (apt)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium webkit2gtk-driver firefox-esr xvfb fonts-dejavu-core >/dev/null
  fi
fi

# 5. Crates for offline builds (Trunk runs cargo with --offline).
cargo fetch --locked -q
# ... and those of the standard library, which the release page rebuilds (scripts/trunk.sh).
RUSTC_BOOTSTRAP=1 cargo fetch --locked -q --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort
