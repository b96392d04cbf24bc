#!/usr/bin/env bash
# compare-with-go.sh [MINI] [FILE|DIR ...] — runs gc (go build -gcflags='-m -l')
# and `mini escape` over tests/escape (or the files given) and prints, per
# file and in total, how many (line, message) pairs the two reports share:
# the agreement is shared / (shared + only in one of them).
# MINI defaults to build/mini; GO picks the go binary (go 1.19).
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mini="${1:-$here/../../build/mini}"
shift || true
exec python3 "$here/escapecheck.py" --compare "$mini" "$@"
