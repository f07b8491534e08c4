# Peercoach: build, serve and test. Every target that needs tools installs
# whatever is missing first (scripts/setup.sh), so `make serve` and
# `make test` work on a fresh machine.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
export PATH := $(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver

# `make test` runs setup once and tells the sub-makes to skip it.
PREPARE := $(if $(SKIP_SETUP),,setup fetch)
SUBMAKE := $(MAKE) --no-print-directory SKIP_SETUP=1

.PHONY: setup fetch build serve test test-native test-browser test-e2e \
	screenshots bench fmt-check

setup:
	scripts/setup.sh

# Trunk builds with --offline (so it never reaches for the network), which
# needs every crate in the local cache first.
fetch:
	cargo fetch --quiet

build: $(PREPARE)
	trunk build --release --offline
	@echo "size of the page's WebAssembly (uncompressed):"; du -h dist/*.wasm

serve: $(PREPARE)
	@echo "Peercoach will be at http://127.0.0.1:8080/ (Ctrl-C stops it)"
	trunk serve --offline

# Every suite runs even when an earlier one fails; the target fails at the
# end, naming the suites that did. On success the last line is the
# end-to-end runner's `N passed, 0 failed`.
test: $(PREPARE)
	@failed=""; \
	$(SUBMAKE) test-native || failed="$$failed test-native"; \
	$(SUBMAKE) test-browser || failed="$$failed test-browser"; \
	$(SUBMAKE) test-e2e || failed="$$failed test-e2e"; \
	if [ -n "$$failed" ]; then echo "make test: FAILED:$$failed"; exit 1; fi

test-native: $(PREPARE)
	cargo test

# Only the integration tests (tests/*.rs): that is where the browser tests
# live. The library's own unit tests are native-only (they use proptest,
# which is not built for wasm) and test-native runs them.
test-browser: $(PREPARE)
	cargo test --target wasm32-unknown-unknown --test '*'

test-e2e: build
	node tests/e2e/run.mjs

screenshots: build
	node tests/e2e/screenshots.mjs

# Timings of the domain's whole-program computations, printed, not asserted.
bench:
	cargo run --release --example bench

fmt-check:
	cargo fmt --check
