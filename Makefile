# The README's two commands:
#   make        installs missing Debian packages, builds mini, runs the demo
#   make test   the same setup, then the whole test suite (also under ASan+UBSan)
# Other targets: build, asan, fuzz (needs clang), clean.

BUILD  ?= build
ASAN   ?= build-asan
FUZZ   ?= build-fuzz
JOBS   ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all demo deps build asan test fuzz clean

all: demo

deps:
	@scripts/install-deps.sh

$(BUILD)/Makefile: | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: deps $(BUILD)/Makefile
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	@scripts/demo.sh $(BUILD)/mini

asan: deps
	cmake -S . -B $(ASAN) -DCMAKE_BUILD_TYPE=Debug -DMINI_SANITIZE=ON
	cmake --build $(ASAN) -j $(JOBS)

test: build asan
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	cd $(ASAN) && ASAN_OPTIONS=detect_stack_use_after_return=0:detect_leaks=0 \
	    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j $(JOBS)

# libFuzzer over the lexer, parser and checker; see docs/FUZZING.md.
fuzz:
	@MINI_WANT_CLANG=1 scripts/install-deps.sh
	CC=clang cmake -S . -B $(FUZZ) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMINI_FUZZ=ON -DBUILD_TESTING=OFF
	cmake --build $(FUZZ) -j $(JOBS) --target mini_fuzz

clean:
	rm -rf $(BUILD) $(ASAN) $(FUZZ)
