#!/usr/bin/env bash
# fuzz.sh [SECONDS] — builds the libFuzzer target (make fuzz) and runs it on
# every core for SECONDS (default 600), seeded from the test corpora.
# Findings land in build-fuzz/findings/; see docs/FUZZING.md.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-600}
make fuzz
corpus=build-fuzz/corpus
mkdir -p "$corpus" build-fuzz/findings
for f in tests/programs/*.mini tests/errors/*.mini; do cp "$f" "$corpus/$(basename "$(dirname "$f")")_$(basename "$f")"; done
jobs=$(nproc 2>/dev/null || echo 2)
build-fuzz/mini_fuzz -max_total_time="$secs" -max_len=8192 -timeout=10 -rss_limit_mb=4096 \
    -dict=tests/fuzz/go.dict -artifact_prefix=build-fuzz/findings/ \
    -jobs="$jobs" -workers="$jobs" -print_final_stats=1 "$corpus"
