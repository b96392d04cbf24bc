#!/usr/bin/env bash
# run-programs.sh MINI [FILE...] — the program tests in tests/programs/.
# Each NAME.mini is a valid Go program whose NAME.out (stdout), NAME.err (first
# stderr line) and NAME.code (exit status) come from real go (gen-expected.sh).
# Until mini can run programs, every program must pass `mini check` cleanly.
set -u
mini=$1; shift
dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/programs
if [ $# -gt 0 ]; then files=("$@"); else files=("$dir"/*.mini); fi
fail=0
for f in "${files[@]}"; do
    out=$("$mini" check "$f" 2>&1)
    rc=$?
    if [ $rc -ne 0 ] || [ -n "$out" ]; then
        echo "FAIL $(basename "$f") (exit $rc)"
        printf '%s\n' "$out" | head -5 | sed 's/^/    /'
        fail=$((fail + 1))
    fi
done
echo "${#files[@]} programs, $fail failed"
[ $fail -eq 0 ]
