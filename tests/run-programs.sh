#!/usr/bin/env bash
# run-programs.sh MINI [FILE...] — the program tests in tests/programs/.
# Each NAME.mini is a valid Go program whose NAME.out (stdout), NAME.err (first
# stderr line) and NAME.code (exit status) come from real go (gen-expected.sh).
# Every program is run: stdout must equal NAME.out, the exit status NAME.code
# (0 when absent) and, when NAME.err exists, the first stderr line must equal
# it. Programs listed in tests/programs/PENDING (NAME reason, # comments) are
# not run yet: they must pass `mini check`, and must still fail to run — one
# that starts to pass is reported so that its PENDING line goes.
# MINI_RUN_FLAGS adds run flags (CTest's programs-gcstress: --gc-stress).
set -u
read -r -a runflags <<< "${MINI_RUN_FLAGS:-}"
mini=$1; shift
case "$mini" in /*) ;; *) mini="$PWD/$mini" ;; esac
dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/programs
if [ $# -gt 0 ]; then files=("$@"); else files=("$dir"/*.mini); fi
declare -A pending=()
if [ -f "$dir/PENDING" ]; then
    while read -r name _; do
        case "$name" in ''|'#'*) continue ;; esac
        pending[$name]=1
    done < "$dir/PENDING"
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/run-programs.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0 nrun=0 npending=0
# run NAME FILE BASE: 0 when mini's run matches go's, else 1 with $bad set
run() {
    timeout 120 "$mini" run "${runflags[@]}" "$2" < /dev/null > "$tmp/out" 2> "$tmp/err"
    local rc=$? want=0
    [ -f "$3.code" ] && want=$(cat "$3.code")
    bad=""
    cmp -s "$tmp/out" "$3.out" || bad="$bad stdout"
    [ "$rc" = "$want" ] || bad="$bad exit-status($rc, want $want)"
    if [ -f "$3.err" ] && [ "$(head -n 1 "$tmp/err")" != "$(cat "$3.err")" ]; then
        bad="$bad stderr"
    fi
    [ -z "$bad" ]
}
for f in "${files[@]}"; do
    name=$(basename "$f" .mini)
    base="${f%.mini}"
    if [ -n "${pending[$name]:-}" ]; then
        npending=$((npending + 1))
        out=$("$mini" check "$f" 2>&1)
        rc=$?
        if [ $rc -ne 0 ] || [ -n "$out" ]; then
            echo "FAIL $name (check, exit $rc)"
            printf '%s\n' "$out" | head -5 | sed 's/^/    /'
            fail=$((fail + 1))
        elif run "$name" "$f" "$base"; then
            echo "FAIL $name: runs and matches go now; remove it from tests/programs/PENDING"
            fail=$((fail + 1))
        fi
        continue
    fi
    nrun=$((nrun + 1))
    if ! run "$name" "$f" "$base"; then
        echo "FAIL $name (run):$bad"
        diff "$base.out" "$tmp/out" | head -5 | sed 's/^/    /'
        head -3 "$tmp/err" | sed 's/^/    stderr: /'
        fail=$((fail + 1))
    fi
done
echo "${#files[@]} programs ($nrun run, $npending pending: only checked), $fail failed"
[ $fail -eq 0 ]
