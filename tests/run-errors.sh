#!/usr/bin/env bash
# run-errors.sh MINI [FILE...] — mini must reject each tests/errors file with
# exactly the diagnostics its // ERROR comments expect (see tests/errorcheck.py).
exec python3 "$(dirname "${BASH_SOURCE[0]}")/errorcheck.py" --mini "$@"
