# bpv: the two commands a new user runs are `make demo` and `make test`.
SWIFT ?= $(shell command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)
DEMO_DIR := .build/demo

.PHONY: bench-server demo demo-server test deps build release bench bench-waits peers fuzz clean

## Install what is missing (system packages), then nothing else.
deps:
	@scripts/ensure-deps.sh

## Build, show the engine on a generated region of 10,000 students (about 7 million candidate
## pairs, certified optimal), then import the Gooi en Vechtstreek sample (students, employers,
## internships, and last school year's placements) into a fresh workspace and open the bpv shell on it (README: the walkthrough; quit or Ctrl-D to leave). The workspace
## stays in .build/demo/bpv.sqlite: `.build/release/bpv --db .build/demo/bpv.sqlite` reopens it.
demo: deps
	$(SWIFT) build -c release --product bpv
	@rm -rf $(DEMO_DIR) && mkdir -p $(DEMO_DIR)
	.build/release/bpv generate --students 10000 --internships 5000 --seed 1 --area-km 22 --out $(DEMO_DIR)/region-10k.dimacs
	.build/release/bpv solve --dimacs $(DEMO_DIR)/region-10k.dimacs
	.build/release/bpv set region "Hilversum|Huizen|Gooise Meren|Wijdemeren|Blaricum|Laren|Eemnes" --db $(DEMO_DIR)/bpv.sqlite
	.build/release/bpv import students Samples/gooi-students.csv --db $(DEMO_DIR)/bpv.sqlite
	.build/release/bpv import employers Samples/gooi-employers.csv --db $(DEMO_DIR)/bpv.sqlite
	.build/release/bpv import internships Samples/gooi-internships.csv --db $(DEMO_DIR)/bpv.sqlite
	.build/release/bpv --db $(DEMO_DIR)/bpv.sqlite < Samples/gooi-history.bpv > /dev/null
	@echo "last school year's placements recorded (Samples/gooi-history.bpv): try history GV-002"
	.build/release/bpv report $(DEMO_DIR)/report.html --db $(DEMO_DIR)/bpv.sqlite
	@echo "the sample's report: $(DEMO_DIR)/report.html (open it in a browser; bpv report FILE, or report FILE in the shell)"
	.build/release/bpv shell --db $(DEMO_DIR)/bpv.sqlite

## A region on one server: a local PostgreSQL in .build/demo-server (no root, a Unix socket),
## both samples as schools of one region, a user of each role and what each one sees.
demo-server: deps
	@scripts/ensure-deps.sh --server
	$(SWIFT) build -c release --product bpv
	scripts/demo-server.sh

## The whole test suite: solver property tests, DIMACS, end-to-end tests on the bpv binary.
## The register's suites run twice: on workspace files, then with every register on the test
## run's own PostgreSQL server (BPV_TEST_STORE=postgresql, see Tests/BPVTestServer/TestStore.swift).
REGISTER_SUITES = BPVShellTests|RoundTests|DatesTests|EmployerTests|PrivacyTests|TravelTimeTests
test:
	@scripts/ensure-deps.sh --test
	$(SWIFT) build --build-tests
	$(SWIFT) test
	BPV_TEST_STORE=postgresql $(SWIFT) test --skip-build --filter '$(REGISTER_SUITES)'

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

## package-benchmark suite (solve time, allocations, peak memory at 1k, 10k, 30k students), then
## what users wait on (bench-waits).
bench: deps bench-waits bench-server
	cd Benchmarks && $(SWIFT) package --disable-sandbox benchmark

## match, gaps, report and a shell tweak on generated 20k and 30k workspaces, beside bpv solve.
bench-waits: release
	python3 Benchmarks/waits/waits.py --gaps

## The register on a PostgreSQL server of its own against the same register in a file: open,
## cold match and shell tweaks at 30,000 pupils.
bench-server: release
	@scripts/ensure-deps.sh --server
	python3 Benchmarks/waits/server.py

## Side by side with LEMON and OR-Tools on identical DIMACS files (installs them when missing).
peers: deps
	python3 Benchmarks/peers/compare.py
	bash Benchmarks/peers/check_sample_rounds.sh

## libFuzzer on the parsers of untrusted input (CSV files, workbook parts, DIMACS files, shell lines), each for
## FUZZ_SECONDS (default 120); a crash fails it and leaves its input in .fuzz/.
fuzz: deps
	scripts/fuzz.sh

clean:
	rm -rf .build Benchmarks/.build .peers Fuzz/.build .fuzz
