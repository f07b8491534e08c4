#!/usr/bin/env bash
# Installs what building and testing Peercoach needs, skipping whatever is
# already there: the wasm target, Trunk, the wasm-bindgen CLI (the exact
# version in Cargo.lock), Chromium with its driver, and the end-to-end
# tests' npm packages. Safe to run again; on a fresh machine it takes about
# ten minutes, most of it compiling Trunk.
set -euo pipefail

cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf 'setup: %s\n' "$*"; }

# The CLI must match the wasm-bindgen crate exactly, or the generated glue
# and the wasm module disagree.
WASM_BINDGEN_VERSION=$(awk '
  $0 == "name = \"wasm-bindgen\"" { found = 1; next }
  found && /^version = / { gsub(/"/, "", $3); print $3; exit }
' Cargo.lock)
if [ -z "$WASM_BINDGEN_VERSION" ]; then
  say "could not read the wasm-bindgen version from Cargo.lock" >&2
  exit 1
fi
if ! grep -q "^wasm_bindgen = \"$WASM_BINDGEN_VERSION\"" Trunk.toml; then
  say "Trunk.toml [tools] wasm_bindgen differs from Cargo.lock ($WASM_BINDGEN_VERSION)" >&2
  exit 1
fi

if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "wasm32-unknown-unknown target present"
else
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null || true)" = "trunk $TRUNK_VERSION" ]; then
  say "trunk $TRUNK_VERSION present"
else
  say "installing trunk $TRUNK_VERSION (about 6 minutes)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if [ "$(wasm-bindgen --version 2>/dev/null || true)" = "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "wasm-bindgen $WASM_BINDGEN_VERSION present"
else
  # Not --locked: the CLI's own lock file names a crate release that the
  # registry no longer serves.
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 2 minutes)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  say "chromium and chromedriver present"
else
  say "installing chromium and chromium-driver"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y chromium chromium-driver
fi

if [ -d tests/e2e/node_modules/playwright-core ]; then
  say "end-to-end npm packages present"
else
  say "installing the end-to-end npm packages"
  if [ -f tests/e2e/package-lock.json ]; then
    (cd tests/e2e && npm ci --no-audit --no-fund)
  else
    (cd tests/e2e && npm install --no-audit --no-fund)
  fi
fi

say "done"
