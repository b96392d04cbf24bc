/* test_vm.c — Check unit tests for the bytecode compiler and the VM:
 * small programs compiled and run (each in a child process, as Go's
 * crash_test.go runs its testprog, so panics, os.Exit and fatal errors can
 * be observed), stack growth by deep recursion, stack overflow under
 * --max-stack, and copystack's pointer adjustment on a hand-made frame.
 *
 * Expected outputs of the snippets are what go 1.19 prints for the same
 * programs (checked by hand against /usr/bin/go when written).
 */
#include <check.h>
#include <gc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "checker.h"
#include "compile.h"
#include "diag.h"
#include "parse.h"
#include "types.h"
#include "vm.h"

typedef struct Result {
    int status;         /* exit status of the child */
    char out[8192];
    char err[8192];
} Result;

static void slurp(int fd, char *buf, size_t cap)
{
    size_t n = 0;
    ssize_t r;
    while ((r = read(fd, buf + n, cap - 1 - n)) > 0) {
        n += (size_t)r;
        if (n == cap - 1)
            break;
    }
    buf[n] = 0;
}

static bool stackstress;     /* run with --stack-stress */

/* Compiles and runs src in a child process; collects stdout, stderr and
   the exit status. maxstack 0 keeps the default. */
static void run(const char *src, uint64_t maxstack, Result *res)
{
    char outpath[] = "/tmp/test_vm_outXXXXXX", errpath[] = "/tmp/test_vm_errXXXXXX";
    int ofd = mkstemp(outpath), efd = mkstemp(errpath);
    ck_assert(ofd >= 0 && efd >= 0);
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    ck_assert(pid >= 0);
    if (pid == 0) {
        dup2(ofd, 1);
        dup2(efd, 2);
        Diags *d = diag_new("prog.mini");
        Node *file = parse_file("prog.mini", src, strlen(src), d);
        Package *pkg = d->nsyntax == 0 ? check_program(file, d) : NULL;
        if (diag_count(d) > 0) {
            diag_print(d, stderr);
            fflush(NULL);
            _exit(100);
        }
        Program *prog = compile_program(pkg, "prog.mini", "run");
        if (!prog) {
            fflush(NULL);
            _exit(101);
        }
        if (maxstack)
            vmconfig.maxstacksize = maxstack;
        vmconfig.stackstress = stackstress;
        int rc = vm_run(prog);
        fflush(NULL);
        _exit(rc);
    }
    int st;
    waitpid(pid, &st, 0);
    res->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    lseek(ofd, 0, SEEK_SET);
    lseek(efd, 0, SEEK_SET);
    slurp(ofd, res->out, sizeof res->out);
    slurp(efd, res->err, sizeof res->err);
    close(ofd);
    close(efd);
    unlink(outpath);
    unlink(errpath);
}

static void expect_out(const char *src, const char *want)
{
    Result r;
    run(src, 0, &r);
    ck_assert_msg(r.status == 0, "status %d, stderr: %s", r.status, r.err);
    ck_assert_str_eq(r.out, want);
}

#define MAIN(body) "package main\n\nimport \"fmt\"\n\nfunc main() {\n" body "\n}\n"

START_TEST(test_arith)
{
    expect_out(MAIN("x := 7\ny := 2\nfmt.Println(x+y, x-y, x*y, x/y, x%y, -x/y, x<<3, x>>1, x&^y)"),
               "9 5 14 3 1 -3 56 3 5\n");
    expect_out(MAIN("var a int8 = 127\na++\nvar b uint8 = 0\nb--\nvar c uint32 = 1 << 31\nc *= 2\n"
                    "fmt.Println(a, b, c)"),
               "-128 255 0\n");
    expect_out(MAIN("var m int64 = -9223372036854775808\nn := int64(-1)\nfmt.Println(m/n, m%n)"),
               "-9223372036854775808 0\n");
}
END_TEST

START_TEST(test_floats_strings)
{
    expect_out(MAIN("a, b := 0.1, 0.2\nfmt.Println(a+b, a < b, 1e21, float32(a))"),
               "0.30000000000000004 true 1e+21 0.1\n");
    expect_out(MAIN("s := \"go\"\ns += \"pher\"\nfmt.Println(s, len(s), s[2], s < \"goq\", s == \"gopher\")"),
               "gopher 6 112 true true\n");
    expect_out(MAIN("fmt.Print(\"a\", 1, 2, \"b\", true, \"\\n\")"), "a1 2btrue\n");
}
END_TEST

START_TEST(test_control_flow)
{
    expect_out(MAIN("n := 0\nfor i := 0; i < 10; i++ {\nif i%3 == 0 {\ncontinue\n}\nn += i\n}\n"
                    "switch {\ncase n > 20:\nfmt.Println(\"big\", n)\nfallthrough\ncase n > 100:\n"
                    "fmt.Println(\"through\")\ndefault:\nfmt.Println(\"no\")\n}"),
               "big 27\nthrough\n");
    expect_out(MAIN("c := 0\nouter:\nfor i := 0; i < 3; i++ {\nfor j := 0; j < 3; j++ {\n"
                    "if j == 2 {\ncontinue outer\n}\nif i == 2 {\nbreak outer\n}\nc++\n}\n}\nfmt.Println(c)"),
               "4\n");
}
END_TEST

START_TEST(test_calls)
{
    expect_out("package main\n\nimport \"fmt\"\n\n"
               "func divmod(a, b int) (q, r int) {\nq = a / b\nr = a % b\nreturn\n}\n\n"
               "func fwd() (int, int) {\nreturn divmod(17, 5)\n}\n\n"
               "func main() {\nfmt.Println(fwd())\nq, r := divmod(9, 4)\nfmt.Println(q, r)\n}\n",
               "3 2\n2 1\n");
    expect_out("package main\n\nimport \"fmt\"\n\nvar g = f()\n\nfunc f() int { return 41 }\n\n"
               "func init() { g++ }\n\nfunc main() { fmt.Println(g) }\n",
               "42\n");
}
END_TEST

/* 100000 nested calls: the 2 KB stack doubles many times (copystack) and
   every frame must still compute the right sum. */
START_TEST(test_deep_recursion)
{
    expect_out("package main\n\nimport \"fmt\"\n\n"
               "func sum(n int, s string) (int, string) {\nif n == 0 {\nreturn 0, s\n}\n"
               "t, u := sum(n-1, s)\nreturn t + n, u\n}\n\n"
               "func main() {\nt, u := sum(100000, \"ok\")\nfmt.Println(t, u)\n}\n",
               "5000050000 ok\n");
}
END_TEST

/* --stack-stress moves the stack at every call: results must not change. */
START_TEST(test_stack_stress)
{
    stackstress = true;
    expect_out("package main\n\nimport \"fmt\"\n\n"
               "func cat(n int, s string) string {\nif n == 0 {\nreturn s\n}\n"
               "return cat(n-1, s+string(rune('a'+n%26))) + \".\"\n}\n\n"
               "func fib(n int) int {\nif n < 2 {\nreturn n\n}\nreturn fib(n-1) + fib(n-2)\n}\n\n"
               "func main() {\nfmt.Println(len(cat(300, \"\")), fib(15))\n}\n",
               "600 610\n");
    stackstress = false;
}
END_TEST

START_TEST(test_stack_overflow)
{
    Result r;
    run("package main\n\nfunc f(n int) int {\nreturn f(n+1) + 1\n}\n\nfunc main() {\nf(0)\n}\n",
        1 << 20, &r);
    ck_assert_int_eq(r.status, 2);
    ck_assert_msg(strncmp(r.err, "runtime: goroutine stack exceeds 1048576-byte limit\n", 52) == 0,
                  "stderr: %.200s", r.err);
    ck_assert_msg(strstr(r.err, "fatal error: stack overflow") != NULL, "stderr: %.200s", r.err);
    ck_assert_msg(strstr(r.err, "goroutine 1 [running]:\nmain.f(...)\n\tprog.mini:4\n") != NULL,
                  "stderr: %.300s", r.err);
}
END_TEST

START_TEST(test_panics)
{
    Result r;
    run(MAIN("s := \"abc\"\ni := 5\nfmt.Println(\"x\")\nfmt.Println(s[i])"), 0, &r);
    ck_assert_int_eq(r.status, 2);
    ck_assert_str_eq(r.out, "x\n");
    ck_assert_msg(strncmp(r.err, "panic: runtime error: index out of range [5] with length 3\n\n"
                                 "goroutine 1 [running]:\nmain.main()\n\tprog.mini:9\n", 200) == 0,
                  "stderr: %s", r.err);
    run(MAIN("a, b := 1, 0\nfmt.Println(a / b)"), 0, &r);
    ck_assert_int_eq(r.status, 2);
    ck_assert_msg(strncmp(r.err, "panic: runtime error: integer divide by zero\n", 45) == 0,
                  "stderr: %s", r.err);
    run("package main\n\nimport \"os\"\n\nfunc main() {\nprintln(\"bye\", 2.5)\nos.Exit(7)\n}\n", 0, &r);
    ck_assert_int_eq(r.status, 7);
    ck_assert_str_eq(r.err, "bye +2.500000e+000\n");
}
END_TEST

/* Structs, arrays, pointers and slices: Go's layout in frame and heap,
   value semantics, the heap under a collection at every allocation. */
START_TEST(test_heap_values)
{
    Result r;
    vmconfig.gcstress = vmconfig.gcverify = true;   /* inherited by the child */
    run("package main\n\nimport \"fmt\"\n\ntype P struct{ X int; S string }\n\n"
        "func main() {\n"
        "a := [3]P{{1, \"a\"}}\nb := a\nb[0].X = 9\n"
        "p := &P{2, \"b\"}\nq := p\nq.S += \"!\"\n"
        "var s []*P\nfor i := 0; i < 100; i++ { s = append(s, &P{X: i}) }\n"
        "fmt.Println(a[0], b[0], *p, len(s), cap(s), s[99].X, a == b)\n"
        "}\n", 0, &r);
    ck_assert_int_eq(r.status, 0);
    ck_assert_str_eq(r.out, "{1 a} {9 a} {2 b!} 100 128 99 false\n");
    vmconfig.gcstress = vmconfig.gcverify = false;
    run(MAIN("var p *struct{ X int }\nfmt.Println(p.X)"), 0, &r);
    ck_assert_int_eq(r.status, 2);
    ck_assert_msg(strncmp(r.err, "panic: runtime error: invalid memory address or nil pointer dereference\n"
                                 "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x", 130) == 0,
                  "stderr: %s", r.err);
    run(MAIN("s := make([]int, 2, 5)\ni := 2\nfmt.Println(s[i])"), 0, &r);
    ck_assert_int_eq(r.status, 2);
    ck_assert_msg(strncmp(r.err, "panic: runtime error: index out of range [2] with length 2\n", 58) == 0,
                  "stderr: %s", r.err);
}
END_TEST

/* Closures: captured variables by value and by reference survive a
   collection at every allocation and a stack move at every call; a
   panicking literal is named as Go names it; a nil func value panics as a
   nil dereference. */
START_TEST(test_closures)
{
    Result r;
    const char *src =
        "package main\n\nimport \"fmt\"\n\n"
        "func gen(s string) func() string {\nn := 0\nreturn func() string { n++; s += \"x\"; return fmt.Sprint(s, n) }\n}\n\n"
        "func deep(n int, f func() string) string {\nif n == 0 {\nreturn f()\n}\nreturn deep(n-1, f)\n}\n\n"
        "func main() {\nk := 3\ng := gen(\"a\")\nvar fs []func() int\n"
        "for i := 0; i < k; i++ { fs = append(fs, func() int { return i * k }) }\n"
        "g()\nfmt.Println(deep(200, g), fs[0](), fs[2]())\n}\n";
    vmconfig.gcstress = vmconfig.gcverify = true;
    stackstress = true;
    run(src, 0, &r);
    vmconfig.gcstress = vmconfig.gcverify = false;
    stackstress = false;
    ck_assert_msg(r.status == 0, "status %d, stderr: %s", r.status, r.err);
    ck_assert_str_eq(r.out, "axx2 9 9\n");
    run(MAIN("xs := []int{1}\nf := func() int {\ng := func(i int) int { return xs[i] }\nreturn g(3)\n}\nfmt.Println(f())"),
        0, &r);
    ck_assert_int_eq(r.status, 2);
    ck_assert_msg(strstr(r.err, "goroutine 1 [running]:\nmain.main.func1.1(...)\n\tprog.mini:8\n"
                                "main.main.func1()\n\tprog.mini:9\nmain.main()\n") != NULL,
                  "stderr: %s", r.err);
    run(MAIN("var f func(int)\nfmt.Println(f == nil)\nf(1)"), 0, &r);
    ck_assert_int_eq(r.status, 2);
    ck_assert_msg(strncmp(r.err, "panic: runtime error: invalid memory address or nil pointer dereference\n"
                                 "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x", 130) == 0,
                  "stderr: %s", r.err);
}
END_TEST

START_TEST(test_not_implemented)
{
    /* a construct mini does not compile yet: a method expression of a
       promoted method, at line 12 column 7 */
    Result r;
    run("package main\n\nimport \"fmt\"\n\ntype B struct{}\n\nfunc (B) M() {}\n\ntype S struct{ B }\n\n"
        "func main() {\n\tf := S.M\n\tfmt.Println(f != nil)\n}\n", 0, &r);
    ck_assert_int_eq(r.status, 101);
    ck_assert_msg(strstr(r.err, "prog.mini:12:7: mini run: ") != NULL, "stderr: %s", r.err);
    ck_assert_msg(strstr(r.err, "is not implemented yet") != NULL, "stderr: %s", r.err);
}
END_TEST

/* copystack moves the frames and adjusts a pointer slot that points into
   the old stack, by the stack map; a scalar slot with the same bits is
   left alone. */
START_TEST(test_copystack_adjusts_pointers)
{
    static uint8_t map[1] = { 1 << 3 };
    static uint8_t kinds[6];
    Func fn = { .name = "main.t", .hdr = 0, .nlocals = 6, .framesize = 6, .stackmap = map,
                .slotkind = kinds };
    G *gp = malg(StackMin);
    Slot *fp = (Slot *)gp->stack.lo;
    fp[0].p = NULL;            /* record: ip */
    fp[1].u = 0;               /* record: caller distance */
    fp[2].p = NULL;            /* record: no caller */
    fp[3].p = &fp[5];          /* pointer slot into the stack */
    fp[4].p = &fp[5];          /* scalar slot with the same bits */
    fp[5].u = 12345;
    gp->fp = fp;
    gp->fn = &fn;
    uintptr_t oldlo = gp->stack.lo;
    newstack(gp, 4 * StackMin);
    ck_assert_uint_ge(gp->stack.hi - gp->stack.lo, 4 * StackMin);
    Slot *nfp = gp->fp;
    ck_assert_ptr_eq(nfp, (Slot *)gp->stack.lo);
    ck_assert_ptr_eq(nfp[3].p, &nfp[5]);
    ck_assert_uint_eq((uintptr_t)nfp[4].p, oldlo + 5 * sizeof(Slot));
    ck_assert_uint_eq(((Slot *)nfp[3].p)->u, 12345);
    stackfree(gp);
    free(gp);
}
END_TEST

int main(void)
{
    GC_INIT();
    types_init();
    universe_init();
    Suite *s = suite_create("vm");
    TCase *tc = tcase_create("vm");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_arith);
    tcase_add_test(tc, test_heap_values);
    tcase_add_test(tc, test_floats_strings);
    tcase_add_test(tc, test_control_flow);
    tcase_add_test(tc, test_calls);
    tcase_add_test(tc, test_deep_recursion);
    tcase_add_test(tc, test_stack_stress);
    tcase_add_test(tc, test_stack_overflow);
    tcase_add_test(tc, test_panics);
    tcase_add_test(tc, test_not_implemented);
    tcase_add_test(tc, test_closures);
    tcase_add_test(tc, test_copystack_adjusts_pointers);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
