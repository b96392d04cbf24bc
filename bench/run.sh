#!/usr/bin/env bash
# bench/run.sh — run mini's benchmarks side by side with go, lua5.4 and python3.
#
#   bench/run.sh [-n RUNS] [-o FILE] [NAME...]
#
# Every folder bench/NAME/ holding a main.mini is a benchmark. It must also hold
# main.go (the same Go source, byte for byte), main.lua and main.py. For each
# benchmark the script runs all four implementations, checks that they print the
# same stdout and exit 0 (and stops loudly if not), takes the median of RUNS wall
# times for each (the mean of the two middle ones when RUNS is even), and prints a
# table of medians in seconds and of ratios mini/peer (below 1 means mini is
# faster). Rounds are interleaved (mini, lua, python, go, then again) so that a
# slow spell on the shared machine hits every column alike; the median then drops
# a run that such a spell still spoiled.
#
# Without NAMEs it runs every benchmark and writes the table, with the date, the
# machine and the tool versions, to bench/RESULTS.md; with NAMEs it writes
# build-bench/RESULTS.md instead, so that a partial run does not replace the full
# one. -o FILE chooses the file. The figures are ratios from one run on a shared,
# noisy machine: compare them with each other, not with another run.
#
# mini is built in Release mode into build-bench/ (git ignores build-*/); each Go
# twin is compiled once with `go build`, outside the timing. Missing peers are
# installed with apt-get when running as root; otherwise their column is skipped
# with a note. Environment: BENCH_RUNS (default 3), PYTHON (default Debian's
# /usr/bin/python3: a pyenv-style shim earlier on PATH would add start-up time),
# LUA (default lua5.4), GO (default go).
#
# A benchmark folder may hold a file OPS: "COUNT [rss] UNIT" (e.g. "1000000
# round trip"). RESULTS.md then gets a section with each implementation's cost
# per operation (median time / COUNT) and its peak resident memory (measured
# with /usr/bin/time when it is installed); with "rss", also the memory per
# operation: (peak RSS - peak RSS of pingpong) / COUNT, e.g. bytes per goroutine.

set -u
export LC_ALL=C

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
BUILD="$ROOT/build-bench"
RUNS=${BENCH_RUNS:-3}
OUT=
PYTHON=${PYTHON:-/usr/bin/python3}
LUA=${LUA:-lua5.4}
GO=${GO:-go}

die() { echo "bench: $*" >&2; exit 1; }
note() { echo "bench: $*" >&2; }

usage() {
    echo "usage: bench/run.sh [-n RUNS] [-o FILE] [NAME...]" >&2
    exit 2
}

while getopts "n:o:h" opt; do
    case $opt in
    n) RUNS=$OPTARG ;;
    o) OUT=$OPTARG ;;
    *) usage ;;
    esac
done
shift $((OPTIND - 1))
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer, not '$RUNS'"

# ---------------------------------------------------------------- benchmarks

ALL=()
for d in "$BENCH_DIR"/*/; do
    [[ -f $d/main.mini ]] && ALL+=("$(basename "$d")")
done
if (($# > 0)); then
    NAMES=("$@")
    [[ -n $OUT ]] || OUT="$BUILD/RESULTS.md"
else
    NAMES=("${ALL[@]}")
    [[ -n $OUT ]] || OUT="$BENCH_DIR/RESULTS.md"
fi
((${#NAMES[@]} > 0)) || die "no benchmarks found in bench/"
for name in "${NAMES[@]}"; do
    dir="$BENCH_DIR/$name"
    [[ -f $dir/main.mini ]] || die "no benchmark '$name' (expected bench/$name/main.mini)"
    for f in main.go main.lua main.py; do
        [[ -f $dir/$f ]] || die "bench/$name/$f is missing"
    done
    cmp -s "$dir/main.mini" "$dir/main.go" ||
        die "bench/$name/main.mini and main.go differ; they must be the same Go source"
done

# ---------------------------------------------------------------- peers

APT_UPDATED=
apt_install() { # apt_install PACKAGE: install a Debian package when root
    [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null || return 1
    note "installing $1 with apt-get"
    if [[ -z $APT_UPDATED ]]; then
        apt-get update -qq >/dev/null 2>&1
        APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null 2>&1
}

NOTES=()
have_peer() { # have_peer COMMAND PACKAGE LABEL
    command -v "$1" >/dev/null 2>&1 && return 0
    apt_install "$2" && command -v "$1" >/dev/null 2>&1 && return 0
    NOTES+=("$3 is not installed (Debian package $2) and could not be installed; its column is skipped.")
    note "${NOTES[-1]}"
    return 1
}

IMPLS=(mini)
have_peer "$LUA" lua5.4 lua && IMPLS+=(lua)
have_peer "$PYTHON" python3 python && IMPLS+=(python)
have_peer "$GO" golang-go go && IMPLS+=(go)

# ---------------------------------------------------------------- build

mkdir -p "$BUILD" || die "cannot create build-bench/"
note "building mini (Release) in build-bench/"
{
    cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF &&
        cmake --build "$BUILD" -j "$(nproc 2>/dev/null || echo 2)" --target mini
} >"$BUILD/bench-build.log" 2>&1 || {
    tail -n 30 "$BUILD/bench-build.log" >&2
    die "building mini failed (log: build-bench/bench-build.log)"
}
MINI="$BUILD/mini"
# Which mini is measured: the commit built just now (taken here, not when the
# table is written: the sources may change while the benchmarks run), and
# whether its sources had uncommitted changes.
MINI_REV=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)
if [[ -n $MINI_REV ]]; then
    MINI_REV="commit $MINI_REV"
    [[ -n $(git -C "$ROOT" status --porcelain -- src runtime grammar cmake CMakeLists.txt 2>/dev/null) ]] &&
        MINI_REV+=" plus uncommitted changes"
fi

if [[ " ${IMPLS[*]} " == *" go "* ]]; then
    mkdir -p "$BUILD/go"
    for name in "${NAMES[@]}"; do
        note "go build bench/$name"
        (cd "$BENCH_DIR/$name" && GO111MODULE=off "$GO" build -o "$BUILD/go/$name" main.go) ||
            die "go build of bench/$name/main.go failed"
    done
fi

# cmd_for IMPL NAME: the command line that runs one implementation.
cmd_for() {
    local dir="$BENCH_DIR/$2"
    case $1 in
    mini) CMD=("$MINI" run "$dir/main.mini") ;;
    lua) CMD=("$LUA" "$dir/main.lua") ;;
    python) CMD=("$PYTHON" "$dir/main.py") ;;
    go) CMD=("$BUILD/go/$2") ;;
    esac
}

# ---------------------------------------------------------------- run

TMP=$(mktemp -d) || die "mktemp failed"
trap 'rm -rf "$TMP"' EXIT

declare -A TIMES # TIMES[name,impl] = the seconds of every run, space-separated
declare -A MEDIAN # MEDIAN[name,impl] = median seconds (filled after all runs)
declare -A RSS    # RSS[name,impl] = peak resident KB of the last run (with /usr/bin/time)
TIMECMD=
[[ -x /usr/bin/time ]] && TIMECMD=/usr/bin/time

# run_once IMPL NAME: runs it, checks status and output, records its time.
run_once() {
    local impl=$1 name=$2 t0 t1 rc secs
    cmd_for "$impl" "$name"
    t0=$EPOCHREALTIME
    if [[ -n $TIMECMD && -f $BENCH_DIR/$name/OPS ]]; then
        "$TIMECMD" -f %M -o "$TMP/rss" "${CMD[@]}" >"$TMP/out" 2>"$TMP/err"
        rc=$?
        RSS[$name,$impl]=$(tail -n 1 "$TMP/rss")
    else
        "${CMD[@]}" >"$TMP/out" 2>"$TMP/err"
        rc=$?
    fi
    t1=$EPOCHREALTIME
    if ((rc != 0)); then
        echo "bench: $name: $impl exited with status $rc: ${CMD[*]}" >&2
        head -n 20 "$TMP/err" >&2
        exit 1
    fi
    if [[ ! -f $TMP/$name.expected ]]; then
        cp "$TMP/out" "$TMP/$name.expected"
        EXPECTED_BY=$impl
    elif ! cmp -s "$TMP/out" "$TMP/$name.expected"; then
        echo "bench: $name: $impl prints something else than $EXPECTED_BY:" >&2
        diff "$TMP/$name.expected" "$TMP/out" | head -n 20 >&2
        echo "bench: OUTPUTS DIFFER — the implementations do not do the same work" >&2
        exit 1
    fi
    secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
    TIMES[$name,$impl]+="$secs "
}

# median SECS...: the middle value (the mean of the two middle ones for an even count).
median() {
    printf '%s\n' "$@" | sort -g |
        awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

for name in "${NAMES[@]}"; do
    EXPECTED_BY=
    for ((r = 1; r <= RUNS; r++)); do
        for impl in "${IMPLS[@]}"; do
            [[ -t 2 ]] && printf '\rbench: %-14s run %d/%d %-7s' "$name" "$r" "$RUNS" "$impl" >&2
            run_once "$impl" "$name"
        done
    done
    [[ -t 2 ]] && printf '\r' >&2
    for impl in "${IMPLS[@]}"; do
        # shellcheck disable=SC2086 # the times are space-separated on purpose
        MEDIAN[$name,$impl]=$(median ${TIMES[$name,$impl]})
    done
    printf 'bench: %-14s same output from all: %-40s\n' "$name" "$(tr '\n' ' ' <"$TMP/$name.expected" | cut -c1-40)" >&2
done

# ---------------------------------------------------------------- report

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b <= 0) print "n/a"; else printf "%.2f", a / b }'; }

HEADER=(benchmark "mini s")
for impl in "${IMPLS[@]:1}"; do HEADER+=("$impl s"); done
for impl in "${IMPLS[@]:1}"; do HEADER+=("mini/$impl"); done

ROWS=()
declare -A LOGSUM # sum of log(ratio) per peer, for the geometric mean
for name in "${NAMES[@]}"; do
    row="$name"$'\t'"${MEDIAN[$name,mini]}"
    for impl in "${IMPLS[@]:1}"; do row+=$'\t'"${MEDIAN[$name,$impl]}"; done
    for impl in "${IMPLS[@]:1}"; do
        row+=$'\t'"$(ratio "${MEDIAN[$name,mini]}" "${MEDIAN[$name,$impl]}")"
    done
    ROWS+=("$row")
done
if ((${#NAMES[@]} > 1)); then
    row="geometric mean"$'\t'
    for impl in "${IMPLS[@]}"; do row+=$'\t'; done
    for impl in "${IMPLS[@]:1}"; do
        g=$(for name in "${NAMES[@]}"; do echo "${MEDIAN[$name,mini]} ${MEDIAN[$name,$impl]}"; done |
            awk '$2 > 0 && $1 > 0 { s += log($1 / $2); n++ } END { if (n) printf "%.2f", exp(s / n); else print "n/a" }')
        row+="$g"$'\t'
    done
    ROWS+=("${row%$'\t'}")
fi

# Plain table on stdout.
{
    (IFS=$'\t'; echo "${HEADER[*]}")
    printf '%s\n' "${ROWS[@]}"
} | column -t -s $'\t' -o '  ' 2>/dev/null || {
    (IFS=$'\t'; echo "${HEADER[*]}")
    printf '%s\n' "${ROWS[@]}"
}

# per_op_section: the "Per operation" table for the benchmarks with an OPS file.
per_op_section() {
    local any= name count unit rss impl cell base
    for name in "${NAMES[@]}"; do [[ -f $BENCH_DIR/$name/OPS ]] && any=1; done
    [[ -n $any ]] || return 0
    echo
    echo "## Per operation"
    echo
    echo "Median time divided by the operation count (process start-up included,"
    echo "so an upper bound), and the peak resident memory of one run."
    echo
    line="| benchmark | operation |"
    sep="| --- | --- |"
    for impl in "${IMPLS[@]}"; do line+=" $impl |"; sep+=" ---: |"; done
    echo "$line"
    echo "$sep"
    for name in "${NAMES[@]}"; do
        [[ -f $BENCH_DIR/$name/OPS ]] || continue
        read -r count unit <"$BENCH_DIR/$name/OPS"
        rss=
        [[ $unit == "rss "* ]] && rss=rss && unit=${unit#rss }
        line="| $name | $unit |"
        for impl in "${IMPLS[@]}"; do
            cell=$(awk -v t="${MEDIAN[$name,$impl]}" -v n="$count" 'BEGIN {
                ns = t * 1e9 / n
                if (ns >= 10000) printf "%.1f µs", ns / 1000; else printf "%.0f ns", ns }')
            if [[ -n ${RSS[$name,$impl]:-} ]]; then
                cell+=", $(awk -v k="${RSS[$name,$impl]}" 'BEGIN { printf "%.1f MB", k / 1024 }')"
                if [[ $rss == rss ]]; then
                    base=${RSS[pingpong,$impl]:-0}
                    cell+=", $(awk -v k="${RSS[$name,$impl]}" -v b="$base" -v n="$count" \
                        'BEGIN { printf "%.0f B", (k - b) * 1024 / n }')/$unit"
                fi
            fi
            line+=" $cell |"
        done
        echo "$line"
    done
    echo
    echo "Memory per operation: (peak RSS - peak RSS of pingpong) / count, when pingpong ran too."
}

# Markdown file.
version_of() { "$@" 2>&1 | head -n 1; }
CPU=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)
CC_VERSION=$(awk -F= '/^CMAKE_C_COMPILER:/ { print $2 }' "$BUILD/CMakeCache.txt" 2>/dev/null)
[[ -n $CC_VERSION ]] && CC_VERSION=$(version_of "$CC_VERSION" --version)
{
    echo "# Benchmark results"
    echo
    echo "Written by \`bench/run.sh\`; do not edit by hand. **These figures are ratios"
    echo "from one run on a shared, noisy machine**: each time is the median wall time"
    echo "of $RUNS interleaved run(s), process start-up included, and only the ratios"
    echo "within this one run mean anything. A ratio mini/peer below 1 means mini was faster."
    echo
    echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- Machine: $(nproc) CPUs, ${CPU:-unknown CPU}, $(uname -sm)"
    echo "- mini: $(version_of "$MINI" version)${MINI_REV:+, $MINI_REV}, Release build${CC_VERSION:+ with $CC_VERSION}"
    for impl in "${IMPLS[@]:1}"; do
        case $impl in
        lua) echo "- lua: $(version_of "$LUA" -v)" ;;
        python) echo "- python: $(version_of "$PYTHON" --version)" ;;
        go) echo "- go: $(version_of "$GO" version) (compiled with \`go build\`, outside the timing)" ;;
        esac
    done
    for n in "${NOTES[@]}"; do echo "- Note: $n"; done
    echo
    line="|"
    for h in "${HEADER[@]}"; do line+=" $h |"; done
    echo "$line"
    sep="|"
    for h in "${HEADER[@]}"; do
        if [[ $h == benchmark ]]; then sep+=" --- |"; else sep+=" ---: |"; fi
    done
    echo "$sep"
    for row in "${ROWS[@]}"; do
        echo "| ${row//$'\t'/ | } |"
    done
    per_op_section
    echo
    echo "See [README.md](README.md) for what each benchmark measures."
} >"$OUT.tmp" && mv "$OUT.tmp" "$OUT" || die "cannot write $OUT"
note "wrote ${OUT#"$ROOT"/}"
