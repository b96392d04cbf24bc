#!/usr/bin/env bash
# gen-expected.sh - regenerate (or verify) the expected outputs of the
# program-test corpus in tests/programs/, using the real Go toolchain as the
# oracle. Expected outputs are NEVER written by hand: edit the .mini program and
# rerun this script.
#
# Usage:
#   tests/gen-expected.sh [--verify] [-j N] [FILE.mini | NAME ...]
#
#   (no files)   process every tests/programs/*.mini
#   FILE / NAME  process only these programs (a path to a .mini file, or a bare
#                name looked up in tests/programs/, with or without ".mini")
#   --verify     write nothing; compare fresh results with the stored files,
#                report every mismatch and exit 1 if there is any
#   -j N         run N programs in parallel (default: number of CPUs)
#
# For each tests/programs/NAME.mini the program is copied to a temporary
# directory as main.go (with a go.mod saying "go 1.19"), checked with `go vet`,
# built with `go build`, and the binary is run directly (not with `go run`,
# whose own exit status is 1 whatever the program did), with stdin from
# /dev/null. Files written next to the program:
#   NAME.out   everything the program wrote to stdout (always written)
#   NAME.code  the exit status and a newline   (only when the status is non-zero)
#   NAME.err   the first line of stderr        (only when the status is non-zero;
#              empty if the program wrote nothing to stderr)
# When the status is zero, stale NAME.code / NAME.err files are deleted.
#
# A program that `go vet` complains about, or that fails to build, is reported
# and makes the script fail (its expected files are left untouched). So does a
# program running longer than 10 seconds.
#
# Requires `go` on PATH; the oracle is Go 1.19 (another version gives a warning,
# since its output may differ). Exit status: 0 all good, 1 a program failed
# vet/build or (with --verify) a mismatch, 2 usage or environment error.
#
# Paths are relative to this script's own directory; it can be run from anywhere.

set -u
set -o pipefail

die() { echo "gen-expected.sh: $*" >&2; exit 2; }

if ! command -v go >/dev/null 2>&1; then
    die "the 'go' command was not found on PATH. Go 1.19 is the oracle for the expected outputs: install it (on Debian bookworm: apt-get install golang-go) and rerun."
fi

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
prog_dir="$script_dir/programs"

verify=0
jobs=""
files=()
while [ $# -gt 0 ]; do
    case "$1" in
        --verify) verify=1 ;;
        -j) shift; [ $# -gt 0 ] || die "-j needs a number"; jobs="$1" ;;
        -j*) jobs="${1#-j}" ;;
        -h|--help) sed -n '2,/^$/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
        --) shift; files+=("$@"); break ;;
        -*) die "unknown option $1 (try --help)" ;;
        *) files+=("$1") ;;
    esac
    shift
done

go_version=$(go env GOVERSION 2>/dev/null || true)
case "$go_version" in
    go1.19|go1.19.*) ;;
    *) echo "gen-expected.sh: warning: go version is '$go_version', the oracle is go1.19; outputs may differ" >&2 ;;
esac
command -v timeout >/dev/null 2>&1 || die "the 'timeout' command (coreutils) is missing"

if [ -z "$jobs" ]; then
    jobs=$(nproc 2>/dev/null || echo 2)
fi
case "$jobs" in ''|*[!0-9]*|0) die "bad -j value '$jobs'" ;; esac

# Resolve the list of programs.
progs=()
if [ ${#files[@]} -eq 0 ]; then
    shopt -s nullglob
    progs=("$prog_dir"/*.mini)
    shopt -u nullglob
    [ ${#progs[@]} -gt 0 ] || die "no programs found in $prog_dir"
else
    for f in "${files[@]}"; do
        if [ -f "$f" ]; then
            progs+=("$(cd "$(dirname "$f")" && pwd)/$(basename "$f")")
        elif [ -f "$prog_dir/$f" ]; then
            progs+=("$prog_dir/$f")
        elif [ -f "$prog_dir/$f.mini" ]; then
            progs+=("$prog_dir/$f.mini")
        else
            die "no such program: $f"
        fi
    done
fi
for p in "${progs[@]}"; do
    case "$p" in *.mini) ;; *) die "not a .mini file: $p" ;; esac
done

work=$(mktemp -d "${TMPDIR:-/tmp}/gen-expected.XXXXXX") || die "mktemp failed"
trap 'rm -rf "$work"' EXIT

# Phase 1 (parallel): vet, build and run one program; results go to $work/N/.
run_one() {
    local src="$1" d="$2"
    mkdir -p "$d/mod"
    cp "$src" "$d/mod/main.go"
    printf 'module mini\n\ngo 1.19\n' > "$d/mod/go.mod"
    if ! (cd "$d/mod" && go vet . ) > "$d/vet.log" 2>&1; then
        echo vet > "$d/status"; return
    fi
    if ! (cd "$d/mod" && go build -o ../prog . ) > "$d/build.log" 2>&1; then
        echo build > "$d/status"; return
    fi
    local code=0
    (cd "$d/mod" && exec timeout 10 ../prog ) < /dev/null > "$d/out" 2> "$d/stderr" || code=$?
    if [ "$code" -eq 124 ]; then
        echo timeout > "$d/status"; return
    fi
    echo "$code" > "$d/code"
    head -n 1 "$d/stderr" > "$d/err"
    echo ok > "$d/status"
}

i=0
running=0
for p in "${progs[@]}"; do
    run_one "$p" "$work/$i" &
    i=$((i + 1))
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        wait -n
        running=$((running - 1))
    fi
done
wait

# Phase 2 (sequential): report, then write or verify.
failed=0
mismatched=0
written=0
i=0
for p in "${progs[@]}"; do
    d="$work/$i"
    i=$((i + 1))
    name=$(basename "$p" .mini)
    base="${p%.mini}"
    status=$(cat "$d/status" 2>/dev/null || echo missing)
    case "$status" in
        ok) ;;
        vet)
            echo "VET FAIL  $name:"; sed 's/^/    /' "$d/vet.log"; failed=$((failed + 1)); continue ;;
        build)
            echo "BUILD FAIL $name:"; sed 's/^/    /' "$d/build.log"; failed=$((failed + 1)); continue ;;
        timeout)
            echo "TIMEOUT   $name (ran longer than 10 s)"; failed=$((failed + 1)); continue ;;
        *)
            echo "ERROR     $name: internal failure"; failed=$((failed + 1)); continue ;;
    esac
    code=$(cat "$d/code")
    if [ "$verify" -eq 1 ]; then
        bad=""
        if [ ! -f "$base.out" ]; then bad="$bad missing-.out"
        elif ! cmp -s "$d/out" "$base.out"; then bad="$bad stdout"; fi
        if [ "$code" -eq 0 ]; then
            [ -e "$base.code" ] && bad="$bad stale-.code(exit-0)"
            [ -e "$base.err" ] && bad="$bad stale-.err(exit-0)"
        else
            if [ ! -f "$base.code" ]; then bad="$bad missing-.code(exit-$code)"
            elif [ "$(cat "$base.code")" != "$code" ]; then bad="$bad exit-code($(cat "$base.code")->$code)"; fi
            if [ ! -f "$base.err" ]; then bad="$bad missing-.err"
            elif ! cmp -s "$d/err" "$base.err"; then bad="$bad stderr"; fi
        fi
        if [ -n "$bad" ]; then
            echo "MISMATCH  $name:$bad"
            if [ -f "$base.out" ] && ! cmp -s "$d/out" "$base.out"; then
                diff "$base.out" "$d/out" | head -n 10 | sed 's/^/    /'
            fi
            mismatched=$((mismatched + 1))
        fi
    else
        cp "$d/out" "$base.out"
        if [ "$code" -eq 0 ]; then
            rm -f "$base.code" "$base.err"
        else
            echo "$code" > "$base.code"
            cp "$d/err" "$base.err"
        fi
        written=$((written + 1))
    fi
done

total=${#progs[@]}
if [ "$verify" -eq 1 ]; then
    echo "gen-expected.sh: verified $total programs: $mismatched mismatched, $failed failed"
    [ "$mismatched" -eq 0 ] && [ "$failed" -eq 0 ] || exit 1
else
    echo "gen-expected.sh: wrote expected files for $written of $total programs, $failed failed"
    [ "$failed" -eq 0 ] || exit 1
fi
exit 0
