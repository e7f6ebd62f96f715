# The README's two commands: `make run` (the main job) and `make test` (the test suite).
# Both install what they need first (scripts/setup.sh is idempotent).

.PHONY: run test test-all setup build-dev build-release bench fuzz asan clean

run: setup
	@cmake --preset release >/dev/null
	cmake --build --preset release --target modchaind
	./build/release/app/modchaind/modchaind --dev

test: setup build-dev
	ctest --preset dev

# Every suite, including the ones labelled 'slow'.
test-all: setup build-dev
	ctest --preset dev-all

setup:
	@bash scripts/setup.sh

build-dev:
	@cmake --preset dev >/dev/null
	cmake --build --preset dev

build-release:
	@cmake --preset release >/dev/null
	cmake --build --preset release

# Benchmarks are release builds; results go to build/release/bench/*.json.
bench: setup build-release
	bash scripts/bench.sh

asan: setup
	@cmake --preset asan >/dev/null
	cmake --build --preset asan
	ctest --preset asan

# Builds the libFuzzer targets; run one with scripts/fuzz.sh <target> <seconds>.
fuzz: setup
	@cmake --preset fuzz >/dev/null
	cmake --build --preset fuzz

clean:
	rm -rf build
