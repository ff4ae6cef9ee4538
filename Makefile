# The Makefile only wraps CMake; `make run` and `make test` also install
# what the build needs from Debian's archive (through sudo when not root).
BUILD      ?= build
BUILD_TYPE ?= Release
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
SAMPLE     ?= samples/chuxiong-2022-12.txt
PREFIX     ?= /usr/local

# Debian packages the build and the tests need.
PACKAGES = cmake g++ make pkg-config libcli11-dev libicu-dev libre2-dev libfmt-dev \
           libyaml-cpp-dev doctest-dev nlohmann-json3-dev libssl-dev libsqlite3-dev sqlite3 parallel python3 python3-yaml python3-jsonschema json-schema-test-suite jq

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps deps-bench configure build run test bench clean

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

# Benchmark: corpora of ~100 MB and ~1 GB under build/bench, ratios printed
# and written to bench/RESULTS.md. BENCH_ARGS="--big-mb 0" skips the 1 GB run.
BENCH_ARGS ?=
deps-bench: deps
	@command -v rg >/dev/null || { $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q ripgrep; }

bench: deps-bench build
	python3 bench/run.py $(BUILD)/bin $(BUILD)/bench --write $(BENCH_ARGS)

clean:
	rm -rf $(BUILD)
