# The Makefile only wraps CMake; `make run` and `make test` also install
# what the build needs from Debian's archive (through sudo when not root).
BUILD      ?= build
BUILD_TYPE ?= Release
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
SAMPLE     ?= samples/chuxiong-2022-12.txt
PREFIX     ?= /usr/local

# Debian packages the build and the tests need.
PACKAGES = cmake g++ make pkg-config libcli11-dev libicu-dev libre2-dev libfmt-dev \
           libyaml-cpp-dev doctest-dev nlohmann-json3-dev libssl-dev libsqlite3-dev libpoppler-cpp-dev sqlite3 parallel help2man man-db python3 python3-yaml python3-jsonschema json-schema-test-suite jq \
           poppler-utils qpdf python3-reportlab fonts-wqy-microhei

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps deps-bench deps-fuzz configure build run test test-sanitize fuzz bench install man clean

all: build

deps:
	@missing=""; for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $$missing; \
	fi

configure:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_ARGS)

build: configure
	cmake --build $(BUILD) -j $(JOBS)

run: deps build
	$(BUILD)/bin/gazette-extract $(SAMPLE)

test: deps build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The man pages kept in man/, remade from the tools' --help and man/*.h2m
# (the test man.pages fails until this is run after an option changes).
man: deps build
	man/make.sh $(BUILD)/bin man

# make install PREFIX=/some/prefix (DESTDIR honoured): tools, library,
# headers, CMake package, pkg-config file, schemas, man pages, completions.
install: deps build
	cmake --install $(BUILD) --prefix $(PREFIX)

# The whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer,
# in its own build folder; any report fails the run.
SANITIZE_BUILD ?= build-asan
test-sanitize: deps
	cmake -S . -B $(SANITIZE_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGAZETTE_SANITIZE=ON $(CMAKE_ARGS)
	cmake --build $(SANITIZE_BUILD) -j $(JOBS)
	cd $(SANITIZE_BUILD) && ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:abort_on_error=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/fuzz/lsan.supp \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j $(JOBS)

# libFuzzer targets (clang 14), each run FUZZ_SECONDS from seed corpora.
FUZZ_BUILD   ?= build-fuzz
FUZZ_SECONDS ?= 60
deps-fuzz: deps
	@missing=""; for p in clang-14 libfuzzer-14-dev libclang-rt-14-dev; do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $$missing; fi

fuzz: deps-fuzz build
	CC=clang-14 CXX=clang++-14 cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGAZETTE_FUZZ=ON -DGAZETTE_BUILD_TESTS=OFF
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target $(shell cat fuzz/targets.txt)
	fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

# Benchmark: corpora of ~100 MB and ~1 GB under build/bench, ratios printed
# and written to bench/RESULTS.md. BENCH_ARGS="--big-mb 0" skips the 1 GB run.
BENCH_ARGS ?=
deps-bench: deps
	@command -v rg >/dev/null || { $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q ripgrep; }

bench: deps-bench build
	python3 bench/run.py $(BUILD)/bin $(BUILD)/bench --write $(BENCH_ARGS)
	python3 bench/hostile.py $(BUILD)/bin $(BUILD)/bench --write
	/usr/bin/python3 bench/pdf.py $(BUILD)/bin $(BUILD)/bench --write

clean:
	rm -rf $(BUILD) $(SANITIZE_BUILD) $(FUZZ_BUILD)
