#!/usr/bin/env bash
# run-cli.sh MINI — the command line's contract: usage errors exit 2 with a
# usage line, unimplemented verbs say so, unreadable files are reported.
set -u
mini=$1
dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
fail=0
expect() { # expect WANT_STATUS WANT_REGEX_IN_OUTPUT -- ARGS...
    local want=$1 rx=$2; shift 3
    local out rc
    out=$("$mini" "$@" 2>&1); rc=$?
    if [ "$rc" != "$want" ] || ! grep -Eq -- "$rx" <<<"$out"; then
        echo "FAIL mini $*: exit $rc (want $want), output: $out"
        fail=$((fail + 1))
    fi
}
expect 2 '^usage: mini <command>' -- 
expect 2 '^usage: mini <command>' -- frobnicate
expect 0 '^mini version ' -- version
expect 0 'check FILE' -- help
expect 2 'usage: mini check' -- check
expect 2 'unknown flag' -- check --bogus x.mini
expect 1 'cannot read .*nonexistent.mini' -- check "$dir/nonexistent.mini"
expect 0 '^$' -- check "$dir/examples/hello.mini"
expect 2 'broken.mini:12:1: missing return' -- check "$dir/examples/broken.mini"
for verb in run disasm escape debug; do
    expect 2 "mini $verb: not implemented yet" -- $verb "$dir/examples/hello.mini"
done
[ $fail -eq 0 ] && echo "cli: all passed"
[ $fail -eq 0 ]
