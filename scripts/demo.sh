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
echo "\$ mini run examples/fib.mini"
"$mini" run examples/fib.mini
echo
echo "\$ mini run examples/workers.mini     # goroutines, channels, a WaitGroup"
"$mini" run examples/workers.mini
echo
echo "\$ mini escape examples/escape.mini   # stack or heap, as go build -gcflags='-m -l'"
"$mini" escape examples/escape.mini | head -n 8
echo "..."
echo
echo "Try: mini escape -m=2 examples/escape.mini (why), mini disasm examples/fib.mini (bytecode, slot kinds, stack maps),"
echo "     mini run --gctrace examples/workers.mini, and README.md's command line."
