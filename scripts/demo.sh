#!/usr/bin/env bash
# demo.sh MINI — what `make` shows after building: mini checking a program
# and reporting errors in go build's own words.
set -u
mini=${1:-build/mini}
cd "$(dirname "$0")/.."
echo "\$ mini check examples/hello.mini"
"$mini" check examples/hello.mini && echo "(no errors: the program type-checks)"
echo
echo "\$ mini check examples/broken.mini"
"$mini" check examples/broken.mini
echo "(exit status $?, as go build gives)"
echo
echo "mini run/disasm/escape/debug arrive with the next issues; see README.md."
