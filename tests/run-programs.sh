#!/usr/bin/env bash
# run-programs.sh MINI [FILE...] — the program tests in tests/programs/.
# Each NAME.mini is a valid Go program whose NAME.out (stdout), NAME.err (first
# stderr line) and NAME.code (exit status) come from real go (gen-expected.sh).
# Programs listed in tests/programs/RUNNABLE (one NAME per line, # comments)
# are run: stdout must equal NAME.out, the exit status NAME.code (0 when
# absent) and, when NAME.err exists, the first stderr line must equal it.
# Every other program must pass `mini check` cleanly (until the VM runs it).
# MINI_RUN_FLAGS adds run flags (CTest's programs-gcstress: --gc-stress).
set -u
read -r -a runflags <<< "${MINI_RUN_FLAGS:-}"
mini=$1; shift
case "$mini" in /*) ;; *) mini="$PWD/$mini" ;; esac
dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/programs
if [ $# -gt 0 ]; then files=("$@"); else files=("$dir"/*.mini); fi
declare -A runnable=()
if [ -f "$dir/RUNNABLE" ]; then
    while read -r name _; do
        case "$name" in ''|'#'*) continue ;; esac
        runnable[$name]=1
    done < "$dir/RUNNABLE"
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/run-programs.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0 nrun=0
for f in "${files[@]}"; do
    name=$(basename "$f" .mini)
    base="${f%.mini}"
    if [ -n "${runnable[$name]:-}" ]; then
        nrun=$((nrun + 1))
        timeout 120 "$mini" run "${runflags[@]}" "$f" < /dev/null > "$tmp/out" 2> "$tmp/err"
        rc=$?
        want=0
        [ -f "$base.code" ] && want=$(cat "$base.code")
        bad=""
        cmp -s "$tmp/out" "$base.out" || bad="$bad stdout"
        [ "$rc" = "$want" ] || bad="$bad exit-status($rc, want $want)"
        if [ -f "$base.err" ] && [ "$(head -n 1 "$tmp/err")" != "$(cat "$base.err")" ]; then
            bad="$bad stderr"
        fi
        if [ -n "$bad" ]; then
            echo "FAIL $name (run):$bad"
            diff "$base.out" "$tmp/out" | head -5 | sed 's/^/    /'
            head -3 "$tmp/err" | sed 's/^/    stderr: /'
            fail=$((fail + 1))
        fi
        continue
    fi
    out=$("$mini" check "$f" 2>&1)
    rc=$?
    if [ $rc -ne 0 ] || [ -n "$out" ]; then
        echo "FAIL $name (exit $rc)"
        printf '%s\n' "$out" | head -5 | sed 's/^/    /'
        fail=$((fail + 1))
    fi
done
echo "${#files[@]} programs ($nrun run, the rest checked), $fail failed"
[ $fail -eq 0 ]
