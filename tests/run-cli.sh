#!/usr/bin/env bash
# run-cli.sh MINI — the command line's contract: usage errors exit 2 with a
# usage line, unimplemented verbs say so, unreadable files are reported,
# run and disasm compile (run's program output is tested by run-programs.sh).
set -u
mini=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
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
expect 0 '^func main.main ' -- disasm "$dir/tests/programs/vm_recursion.mini"
expect 0 'stackmap: s' -- disasm "$dir/tests/programs/vm_strings.mini"
expect 0 '^100000$' -- run --max-stack=100000000 "$dir/tests/programs/vm_recursion.mini"
expect 0 '^\{4 6\}$' -- run "$dir/examples/hello.mini"
expect 0 '^main.Pipe main.RecvOnly' -- run "$dir/tests/programs/type_chan_func_decl.mini"
# what the VM does not run yet is a compile-time "not implemented yet"
tmpd=$(mktemp -d "${TMPDIR:-/tmp}/run-cli.XXXXXX")
printf 'package main\n\nimport "sync"\n\nfunc main() {\n\tvar wg sync.WaitGroup\n\tgo wg.Wait()\n}\n' > "$tmpd/gonative.mini"
expect 2 "gonative.mini:7:2: mini run: go with a method of a native package's type is not implemented yet" -- run "$tmpd/gonative.mini"
expect 2 'bad --gomaxprocs' -- run --gomaxprocs 0 "$dir/examples/hello.mini"
# --seed makes every random choice of the scheduler and of select repeat
cat > "$tmpd/racy.mini" <<'EOF2'
package main

import "fmt"

func main() {
	a, b := make(chan int, 100), make(chan int, 100)
	out := make(chan string, 300)
	done := make(chan bool)
	for w := 0; w < 3; w++ {
		go func(w int) {
			for i := 0; i < 100; i++ {
				out <- fmt.Sprint(w)
			}
			done <- true
		}(w)
	}
	for i := 0; i < 100; i++ {
		a <- 1
		b <- 2
	}
	s := ""
	for i := 0; i < 100; i++ {
		select {
		case <-a:
			s += "a"
		case <-b:
			s += "b"
		}
	}
	for i := 0; i < 3; i++ {
		<-done
	}
	close(out)
	for v := range out {
		s += v
	}
	fmt.Println(s)
}
EOF2
for procs in 1 3; do
    r1=$("$mini" run --seed 7 --gomaxprocs $procs "$tmpd/racy.mini" 2>&1)
    r2=$("$mini" run --seed 7 --gomaxprocs $procs "$tmpd/racy.mini" 2>&1)
    r3=$("$mini" run --seed 8 --gomaxprocs $procs "$tmpd/racy.mini" 2>&1)
    if [ "$r1" != "$r2" ] || [ "${#r1}" != 400 ] || [ "$r1" = "$r3" ]; then
        echo "FAIL --seed does not reproduce a racy run (gomaxprocs $procs): '$r1' '$r2' '$r3'"
        fail=$((fail + 1))
    fi
done
# --gomaxprocs 1: Go's order with one P (runnext first) without the program
# asking for it: sched_one_p_order.out came from go, whose program sets GOMAXPROCS(1)
grep -v 'runtime.GOMAXPROCS(1)' "$dir/tests/programs/sched_one_p_order.mini" > "$tmpd/onep.mini"
if ! "$mini" run --gomaxprocs 1 "$tmpd/onep.mini" 2>&1 | cmp -s - "$dir/tests/programs/sched_one_p_order.out"; then
    echo "FAIL --gomaxprocs 1 does not give go's one-P order"
    fail=$((fail + 1))
fi
# --faketime: sleeping an hour takes no time; the clock starts at Go's playground time
cat > "$tmpd/sleepy.mini" <<'EOF2'
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	fmt.Println(start)
	time.Sleep(time.Hour)
	<-time.After(90 * time.Minute)
	fmt.Println(time.Since(start), time.Now().Unix())
}
EOF2
expect 0 '^2009-11-10 23:00:00 \+0000 UTC m=\+0\.000000001$' -- run --faketime "$tmpd/sleepy.mini"
expect 0 '^2h30m0s 1257903000$' -- run --faketime "$tmpd/sleepy.mini"
# the classroom views: --chantrace, --schedtrace, --trace
expect 0 '^\[chan\] G2 recv on ch1 \(cap 0\): got true straight from parked sender G1 \(readied\)' -- run --gomaxprocs 1 --chantrace "$dir/tests/programs/chan_alternate.mini"
expect 0 '^SCHED 0ms: gomaxprocs=2 idleprocs=1 threads=1 spinningthreads=0 idlethreads=0 runqueue=0 \[1 0\]$' -- run --gomaxprocs 2 --schedtrace 1000 "$dir/tests/programs/chan_alternate.mini"
expect 0 '^  G1: status=1\(\) m=-1 lockedm=-1' -- run --gomaxprocs 1 --schedtrace 1000 --scheddetail "$dir/tests/programs/chan_alternate.mini"
expect 2 'bad --schedtrace' -- run --schedtrace 0 "$dir/examples/hello.mini"
expect 0 '' -- run --trace="$tmpd/trace.json" "$dir/tests/programs/chan_alternate.mini"
if ! grep -q '"name":"G2 main.main.func1"' "$tmpd/trace.json" || [ "$(tail -n 1 "$tmpd/trace.json")" != "]" ]; then
    echo "FAIL --trace wrote no goroutine timeline"
    fail=$((fail + 1))
fi
rm -rf "$tmpd"
expect 2 'usage: mini disasm' -- disasm
expect 2 'unknown flag' -- disasm --bogus "$dir/examples/hello.mini"
expect 2 'usage: mini run' -- run
expect 2 'unknown flag' -- run --bogus "$dir/examples/hello.mini"
expect 2 'bad --max-stack' -- run --max-stack x "$dir/examples/hello.mini"
expect 1 'cannot read .*nonexistent.mini' -- run "$dir/nonexistent.mini"
expect 2 'broken.mini:12:1: missing return' -- run "$dir/examples/broken.mini"
expect 2 "mini debug: not implemented yet" -- debug "$dir/examples/hello.mini"
expect 0 'hello.mini:10:9: &Point\{\.\.\.\} escapes to heap' -- escape "$dir/examples/hello.mini"
expect 0 'why: returned from the function' -- escape -m=2 "$dir/examples/hello.mini"
expect 2 'usage: mini escape' -- escape
expect 2 'unknown flag' -- escape --bogus "$dir/examples/hello.mini"
expect 2 'broken.mini:12:1: missing return' -- escape "$dir/examples/broken.mini"
expect 0 '^\{4 6\}$' -- run -m "$dir/examples/hello.mini"
expect 0 'hello.mini:16:13: \.\.\. argument does not escape' -- run -m "$dir/examples/hello.mini"
# whole outputs recorded from go build (see tests/cli/README.md)
for f in "$dir"/tests/cli/*.mini; do
    want="${f%.mini}.go-stderr"
    got=$(cd "$(dirname "$f")" && "$mini" check "$(basename "$f")" 2>&1 | sed "s|^$(basename "$f")|FILE|")
    if [ "$got" != "$(cat "$want")" ]; then
        echo "FAIL mini check $(basename "$f"): output differs from go build's:"
        diff <(printf '%s\n' "$got") "$want" | head -10
        fail=$((fail + 1))
    fi
done
[ $fail -eq 0 ] && echo "cli: all passed"
[ $fail -eq 0 ]
