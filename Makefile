# The two commands: `make run` and `make test`. Both install what is missing first.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
PORT ?= 8080

.PHONY: run test dev setup build check-feeds bench

## Installs what is missing, builds the release app and serves it on http://127.0.0.1:$(PORT)
run:
	scripts/setup.sh
	scripts/build.sh
	node e2e/serve.mjs --dir dist --port $(PORT)

## Installs what is missing and runs every test (what CI runs)
test:
	scripts/setup.sh test
	scripts/test.sh

## Serves a debug build of the report on http://127.0.0.1:$(PORT) and rebuilds it on every change
dev:
	scripts/setup.sh
	PORT=$(PORT) scripts/dev.sh

setup:
	scripts/setup.sh test

build:
	scripts/build.sh

## Checks every bundled feed with esep-check
check-feeds:
	cargo run -q --bin esep-check -- public/feeds/*.json

## Benchmark against Apache ECharts (not part of `make test`); writes BENCHMARKS.md
bench:
	scripts/setup.sh test
	scripts/build.sh
	scripts/trunk.sh build bench/esep.html --release --dist target/bench/esep
	node_modules/.bin/esbuild bench/echarts-lite-entry.js --bundle --minify --outfile=target/bench/ref/echarts-lite.js
	node scripts/bench.mjs
