#!/usr/bin/env bash
# verify-errors-with-go.sh [FILE...] — check the compile-error corpus in
# tests/errors/ against the real Go toolchain (the oracle, go 1.19): go build
# must report exactly the diagnostics each file's // ERROR comments expect.
# GO=/path/to/go picks another go binary. See tests/errors/README.md.
exec python3 "$(dirname "${BASH_SOURCE[0]}")/errorcheck.py" --go "$@"
