# bpv: the two commands a new user runs are `make demo` and `make test`.
SWIFT ?= $(shell command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)
DEMO_DIR := .build/demo

.PHONY: demo test deps build release bench peers clean

## Install what is missing (system packages), then nothing else.
deps:
	@scripts/ensure-deps.sh

## Build, then run bpv's main job on a generated sample region and print the certified result.
demo: deps
	$(SWIFT) build -c release --product bpv
	@mkdir -p $(DEMO_DIR)
	.build/release/bpv generate --students 1000 --internships 300 --seed 42 --area-km 40 --out $(DEMO_DIR)/region.dimacs
	.build/release/bpv solve --dimacs $(DEMO_DIR)/region.dimacs

## The whole test suite: solver property tests, DIMACS, end-to-end tests on the bpv binary.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

## package-benchmark suite (solve time, allocations, peak memory at 1k, 10k, 30k students).
bench: deps
	cd Benchmarks && $(SWIFT) package --disable-sandbox benchmark

## Side by side with LEMON and OR-Tools on identical DIMACS files (installs them when missing).
peers: deps
	python3 Benchmarks/peers/compare.py

clean:
	rm -rf .build Benchmarks/.build .peers
