/* test_gc.c — unit tests for the collector (runtime/mgc.c, mgcmark.c,
 * mgcsweep.c, heapdump.c) over the span heap.
 *
 * A fake VM supplies the roots: a "globals" array and a "stack" array of
 * words, each with a pointer bitmap, plus one runtime reference shaded by
 * gc_shade -- the three kinds of root the real VM reports.
 */
#include <regex.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>

#include "malloc.h"
#include "mgc.h"

typedef struct Node { struct Node *left, *right; int64_t val; } Node;
static const uint8_t bitsNode[] = {0x3};    /* left, right */
static const TypeDesc tNode = {.size = 24, .ptrdata = 16, .gcdata = bitsNode,
                               .kind = kindStruct, .name = "main.Node"};
static const TypeDesc tInt = {.size = 8, .kind = kindInt, .name = "int"};
/* struct { x uintptr; p *Node }: word 0 is an integer, word 1 a pointer */
typedef struct Mixed { uintptr_t x; Node *p; } Mixed;
static const uint8_t bitsMixed[] = {0x2};
static const TypeDesc tMixed = {.size = 16, .ptrdata = 16, .gcdata = bitsMixed,
                                .kind = kindStruct, .name = "main.Mixed"};
static const uint8_t bitsPtr[] = {0x1};
static const TypeDesc tPtr = {.size = 8, .ptrdata = 8, .gcdata = bitsPtr,
                              .kind = kindPtr, .name = "*main.Node"};

/* ---- the fake VM's roots ---- */

enum { NGLOBALS = 64, NSTACK = 16 };
static uintptr_t globals[NGLOBALS];
static uint8_t globalsMask[NGLOBALS / 8];
static uintptr_t stack[NSTACK];
static uint8_t stackMask[NSTACK / 8];
static void *runtimeRef;
static int rootScans;

static void scanRoots(void *ctx)
{
    (void)ctx;
    rootScans++;
    gc_scan_globals(globals, NGLOBALS, globalsMask);
    gc_scan_stack(stack, NSTACK, stackMask);
    gc_shade(runtimeRef);
}

static void setup(void)
{
    mallocinit();
    setGCPercent(100);
    gcdebug.gctrace = 0;
    memset(globals, 0, sizeof globals);
    memset(globalsMask, 0xff, sizeof globalsMask);   /* all globals are pointers */
    memset(stack, 0, sizeof stack);
    memset(stackMask, 0xff, sizeof stackMask);
    runtimeRef = NULL;
    rootScans = 0;
    gc_set_root_scanner(scanRoots, NULL);
}

static void teardown(void) { mallocfini(); }

static Node *newNode(int64_t val)
{
    Node *n = mallocgc(sizeof(Node), &tNode, true);
    n->val = val;
    return n;
}

static bool alive(const void *p) { return findObject((uintptr_t)p, NULL, NULL) == (uintptr_t)p; }

/* ---- reachability ---- */

START_TEST(test_reachable_kept_unreachable_freed)
{
    Node *head = NULL, *garbage[100];
    for (int i = 0; i < 100; i++) {
        Node *n = newNode(i);
        n->left = head;
        head = n;
        garbage[i] = newNode(-i);
    }
    globals[0] = (uintptr_t)head;
    runtime_GC();
    int k = 99;
    for (Node *n = head; n != NULL; n = n->left, k--) {
        ck_assert(alive(n));
        ck_assert_int_eq(n->val, k);
    }
    ck_assert_int_eq(k, -1);
    for (int i = 0; i < 100; i++)
        ck_assert(!alive(garbage[i]));
    MemStats m;
    ReadMemStats(&m);
    ck_assert_uint_eq(m.Mallocs, 200);
    ck_assert_uint_eq(m.Frees, 100);
    ck_assert_uint_eq(m.HeapObjects, 100);
    ck_assert_uint_eq(m.HeapAlloc, 100 * 24);
    ck_assert_uint_eq(m.LiveBytes, 100 * 24);
    ck_assert_uint_eq(m.NumGC, 1);
    ck_assert_uint_eq(m.NumForcedGC, 1);
    ck_assert_int_eq(rootScans, 1);
}
END_TEST

START_TEST(test_all_root_kinds)
{
    Node *a = newNode(1), *b = newNode(2), *c = newNode(3), *d = newNode(4);
    globals[5] = (uintptr_t)a;
    stack[3] = (uintptr_t)b;
    runtimeRef = c;
    runtime_GC();
    ck_assert(alive(a) && alive(b) && alive(c));
    ck_assert(!alive(d));
    ck_assert_uint_eq(gcController.globalsScan, NGLOBALS * 8);
    ck_assert_uint_eq(gcController.stackScan, NSTACK * 8);
    /* dropping the roots frees them */
    globals[5] = stack[3] = 0;
    runtimeRef = NULL;
    runtime_GC();
    ck_assert(!alive(a) && !alive(b) && !alive(c));
    ck_assert_uint_eq(memstats.heapAlloc, 0);
}
END_TEST

START_TEST(test_cycles_freed)
{
    Node *a = newNode(1), *b = newNode(2), *self = newNode(3);
    a->left = b;
    b->left = a;
    self->left = self->right = self;
    /* while rooted, the cycle survives */
    globals[0] = (uintptr_t)a;
    runtime_GC();
    ck_assert(alive(a) && alive(b) && !alive(self));
    globals[0] = 0;
    runtime_GC();
    ck_assert(!alive(a) && !alive(b));
    ck_assert_uint_eq(memstats.nfree, 3);
}
END_TEST

START_TEST(test_interior_pointers)
{
    Node *n = newNode(7), *child = newNode(8);
    n->right = child;
    globals[0] = (uintptr_t)&n->val;   /* &s.f: into the middle of n */
    int64_t *arr = mallocgc(100 * 8, NULL, true);
    stack[0] = (uintptr_t)&arr[57];    /* &a[i] */
    runtime_GC();
    ck_assert(alive(n) && alive(child) && alive(arr));
    /* a pointer into an object kept by an interior pointer is scanned */
    ck_assert_int_eq(n->right->val, 8);
    /* a large object, by a pointer to its last byte */
    uint8_t *big = mallocgc(1 << 20, NULL, true);
    stack[1] = (uintptr_t)(big + (1 << 20) - 1);
    runtime_GC();
    ck_assert(alive(big));
    stack[1] = 0;
    runtime_GC();
    ck_assert(!alive(big));
}
END_TEST

START_TEST(test_noscan_not_scanned)
{
    Node *target = newNode(1);
    /* a pointer-free object whose words happen to hold target's address */
    uintptr_t *raw = mallocgc(8 * 8, NULL, true);
    for (int i = 0; i < 8; i++)
        raw[i] = (uintptr_t)target;
    Node *scanned = newNode(2);
    globals[0] = (uintptr_t)raw;
    globals[1] = (uintptr_t)scanned;
    runtime_GC();
    ck_assert(alive(raw) && alive(scanned));
    ck_assert(!alive(target));
    ck_assert_uint_eq(work.nscanned, 1);     /* only `scanned`; raw was not */
    ck_assert_uint_eq(work.nmarked, 2);
}
END_TEST

START_TEST(test_precision)
{
    /* an object word the bitmap calls an integer keeps nothing alive ... */
    Node *viaInt = newNode(1), *viaPtr = newNode(2);
    Mixed *m = mallocgc(sizeof *m, &tMixed, true);
    m->x = (uintptr_t)viaInt;
    m->p = viaPtr;
    globals[0] = (uintptr_t)m;
    /* ... nor does a root word whose bitmap bit is clear */
    Node *viaRootInt = newNode(3);
    globals[1] = (uintptr_t)viaRootInt;
    globalsMask[0] &= (uint8_t)~0x2;
    runtime_GC();
    ck_assert(alive(m) && alive(viaPtr));
    ck_assert(!alive(viaInt));
    ck_assert(!alive(viaRootInt));
    ck_assert_uint_eq(m->x, (uintptr_t)viaInt);   /* the integer is untouched */
}
END_TEST

START_TEST(test_arrays_and_large_pointer_arrays)
{
    /* newarray: the type's bitmap applies to each element */
    Mixed *a = newarray(&tMixed, 10);
    Node *nodes[10];
    for (int i = 0; i < 10; i++) {
        nodes[i] = newNode(i);
        a[i].p = nodes[i];
        a[i].x = (uintptr_t)newNode(100 + i);   /* not a pointer */
    }
    /* a large []*Node (> 32 KB) */
    Node **big = newarray(&tPtr, 10000);
    for (int i = 0; i < 10000; i++)
        big[i] = newNode(i);
    globals[0] = (uintptr_t)a;
    globals[1] = (uintptr_t)big;
    runtime_GC();
    for (int i = 0; i < 10; i++) {
        ck_assert(alive(nodes[i]));
        ck_assert(!alive((void *)a[i].x));
    }
    for (int i = 0; i < 10000; i++)
        ck_assert(alive(big[i]) && big[i]->val == i);
    ck_assert_uint_eq(memstats.nmalloc - memstats.nfree, 2 + 10 + 10000);
}
END_TEST

START_TEST(test_push_root)
{
    Node *tmp = newNode(5);
    gc_push_root((void *const *)&tmp);
    runtime_GC();
    ck_assert(alive(tmp));
    gc_pop_roots(1);
    runtime_GC();
    ck_assert(!alive(tmp));
}
END_TEST

/* ---- the heap after sweeping ---- */

START_TEST(test_memory_reuse)
{
    Node *a = newNode(1);
    a->left = a;
    uintptr_t addr = (uintptr_t)a;
    runtime_GC();                          /* a is garbage */
    ck_assert(!alive((void *)addr));
    Node *b = newNode(0);
    ck_assert_uint_eq((uintptr_t)b, addr);  /* the freed slot is handed out again ... */
    ck_assert_ptr_null(b->left);            /* ... zeroed */
    ck_assert_int_eq(b->val, 0);

    /* a span left empty goes back to the page heap, and is reused */
    for (int i = 0; i < 5000; i++)
        newNode(i);
    ck_assert_uint_gt(mheap_.pagesInUse, 1);
    runtime_GC();
    ck_assert_uint_eq(mheap_.pagesInUse, 0);
    ck_assert_uint_eq(mheap_.nallspans, 0);
    uintptr_t sys = mheap_.sys;
    for (int round = 0; round < 20; round++) {
        for (int i = 0; i < 5000; i++)
            newNode(i);
        void *big = mallocgc(3 << 20, NULL, true);
        ck_assert_uint_eq(((uint8_t *)big)[12345], 0);
        ((uint8_t *)big)[12345] = 1;
        runtime_GC();
    }
    ck_assert_uint_eq(mheap_.sys, sys);     /* no new arena was needed */
}
END_TEST

START_TEST(test_gc_verify)
{
    gcdebug.gcverify = true;
    Node *head = NULL;
    for (int i = 0; i < 1000; i++) {
        Node *n = newNode(i);
        n->left = head;
        n->right = (i % 3 == 0) ? newNode(-i) : NULL;
        head = n;
        if (i % 7 == 0)
            newNode(0);                    /* garbage */
    }
    globals[0] = (uintptr_t)head;
    runtime_GC();
    runtime_GC();
    ck_assert_uint_eq(work.cycles, 2);
}
END_TEST

/* ---- pacing ---- */

START_TEST(test_pacing_heap_minimum)
{
    /* GOGC=100 with an empty live heap: the first goal is 4 MB */
    ck_assert_uint_eq(gcController.heapGoal, 4 << 20);
    while (work.cycles == 0)
        newNode(0);                        /* garbage */
    ck_assert_uint_ge(work.heap0, 4 << 20);
    ck_assert_uint_lt(work.heap0, (4 << 20) + 24);
    ck_assert(!work.userForced);
    ck_assert_uint_eq(gcController.heapMarked, 0);
    ck_assert_uint_eq(gcController.heapGoal, 4 << 20);
}
END_TEST

START_TEST(test_pacing_goal)
{
    /* 8 MB live: goal = 8 MB + (8 MB + stacks + globals) * GOGC/100 */
    Node **keep = newarray(&tPtr, 1 << 20);
    globals[0] = (uintptr_t)keep;
    for (int i = 0; i < (1 << 20) / 3; i++)
        keep[i] = newNode(i);              /* 8 MB of pointers + 8 MB of nodes: 16 MB */
    runtime_GC();
    uint64_t live = gcController.heapMarked;
    ck_assert_uint_eq(live, memstats.heapAlloc);
    uint64_t roots = NGLOBALS * 8 + NSTACK * 8;
    ck_assert_uint_eq(gcController.heapGoal, live + (live + roots));
    MemStats m;
    ReadMemStats(&m);
    ck_assert_uint_eq(m.NextGC, gcController.heapGoal);

    /* garbage until the next cycle: it starts at the goal */
    uint32_t n = work.cycles;
    while (work.cycles == n)
        newNode(0);
    ck_assert_uint_ge(work.heap0, live + live + roots);
    ck_assert_uint_lt(work.heap0, live + live + roots + 24);

    /* GOGC=50 */
    setGCPercent(50);
    ck_assert_uint_eq(gcController.heapGoal, live + (live + roots) / 2);
    /* GOGC=off: no automatic cycle however much is allocated */
    setGCPercent(-1);
    n = work.cycles;
    for (int i = 0; i < 2000; i++)
        mallocgc(32 << 10, NULL, true);
    ck_assert_uint_eq(work.cycles, n);
    runtime_GC();                          /* runtime.GC still works */
    ck_assert_uint_eq(work.cycles, n + 1);
}
END_TEST

START_TEST(test_gogc_env)
{
    mallocfini();
    setenv("GOGC", "off", 1);
    mallocinit();
    ck_assert_int_eq(gcController.gcPercent, -1);
    mallocfini();
    setenv("GOGC", "200", 1);
    mallocinit();
    ck_assert_int_eq(gcController.gcPercent, 200);
    ck_assert_uint_eq(gcController.heapGoal, 8 << 20);   /* 4 MB * 200/100 */
    mallocfini();
    setenv("GOGC", "junk", 1);
    mallocinit();
    ck_assert_int_eq(gcController.gcPercent, 100);
    unsetenv("GOGC");
    ck_assert_int_eq(setGCPercent(30), 100);
}
END_TEST

START_TEST(test_no_root_scanner_no_gc)
{
    gc_set_root_scanner(NULL, NULL);
    for (int i = 0; i < 300000; i++)
        newNode(i);                        /* 7 MB, past the 4 MB goal */
    ck_assert_uint_eq(work.cycles, 0);
}
END_TEST

START_TEST(test_stress)
{
    gcdebug.gcstress = true;
    gcdebug.gcverify = true;
    Node *head = NULL;
    globals[0] = 0;
    for (int i = 0; i < 200; i++) {
        Node *n = newNode(i);              /* collects first: head must be a root */
        n->left = head;
        head = n;
        globals[0] = (uintptr_t)head;
        newNode(-1);                       /* garbage, freed by the next allocation */
    }
    ck_assert_uint_eq(work.cycles, 400);
    ck_assert_uint_eq(memstats.nmalloc - memstats.nfree, 201);
    int k = 199;
    for (Node *n = head; n != NULL; n = n->left)
        ck_assert_int_eq(n->val, k--);
}
END_TEST

/* ---- phases, colours ---- */

START_TEST(test_tricolor_steps)
{
    /* a chain a -> b -> c, a pointer-free d, garbage e */
    Node *a = newNode(1), *b = newNode(2), *c = newNode(3), *e = newNode(5);
    int64_t *d = mallocgc(8, &tInt, true);
    a->left = b;
    b->left = c;
    globals[0] = (uintptr_t)a;
    globals[1] = (uintptr_t)d;
    ck_assert_int_eq(gc_color(a), gcWhite);
    ck_assert_int_eq(gc_color(&zerobase), gcNotHeap);

    gcStart(gcTriggerHeap);
    ck_assert_int_eq(gcphase, GCmark);
    ck_assert_int_eq(gc_color(a), gcGrey);     /* shaded by its root */
    ck_assert_int_eq(gc_color(d), gcBlack);    /* no pointers: black at once */
    ck_assert_int_eq(gc_color(b), gcWhite);
    gcVerifyTricolor();

    ck_assert(!gcDrain(1));                    /* scan a: b turns grey */
    ck_assert_int_eq(gc_color(a), gcBlack);
    ck_assert_int_eq(gc_color(b), gcGrey);
    ck_assert_int_eq(gc_color(c), gcWhite);
    gcVerifyTricolor();

    /* the program runs while marking: new objects are born black */
    Node *f = newNode(6);
    ck_assert_int_eq(gc_color(f), gcBlack);

    /* the dump shows the wavefront */
    char *buf = NULL;
    size_t len = 0;
    FILE *o = open_memstream(&buf, &len);
    gc_dump_dot(o);
    fclose(o);
    ck_assert_ptr_nonnull(strstr(buf, "digraph heap {"));
    ck_assert_ptr_nonnull(strstr(buf, "fillcolor=grey60"));
    ck_assert_ptr_nonnull(strstr(buf, "fillcolor=black, fontcolor=white"));
    ck_assert_ptr_nonnull(strstr(buf, "fillcolor=white"));
    ck_assert_ptr_nonnull(strstr(buf, "main.Node"));
    char edge[128];
    snprintf(edge, sizeof edge, "roots -> o%#jx;", (uintmax_t)(uintptr_t)a);
    ck_assert_ptr_nonnull(strstr(buf, edge));
    snprintf(edge, sizeof edge, "o%#jx -> o%#jx [label=\"+0\"];", (uintmax_t)(uintptr_t)a,
             (uintmax_t)(uintptr_t)b);
    ck_assert_ptr_nonnull(strstr(buf, edge));
    free(buf);

    ck_assert(gcDrain(-1));
    ck_assert_int_eq(gc_color(c), gcBlack);
    ck_assert_int_eq(gc_color(e), gcWhite);
    gcVerifyTricolor();
    gcMarkDone();
    ck_assert_int_eq(gcphase, GCoff);
    ck_assert(alive(a) && alive(b) && alive(c) && alive(d));
    ck_assert(!alive(e));
    ck_assert(alive(f));                       /* allocated black: survives this cycle */
    ck_assert_int_eq(gc_color(a), gcWhite);    /* after sweep, all white again */
    runtime_GC();
    ck_assert(!alive(f));
}
END_TEST

/* Broken invariants end in Go's "fatal error: ..." and exit status 2. */

START_TEST(test_verify_catches_black_to_white)
{
    Node *a = newNode(1), *white = newNode(2);
    globals[0] = (uintptr_t)a;
    gcStart(gcTriggerHeap);
    gcDrain(-1);                   /* a is black, white is white */
    a->left = white;               /* a store with no write barrier */
    gcVerifyTricolor();            /* must throw */
}
END_TEST

START_TEST(test_bad_pointer)
{
    Node *a = newNode(1), *b = newNode(2);
    globals[1] = (uintptr_t)b;     /* b keeps the span in use */
    runtime_GC();                  /* a is freed */
    ck_assert(!alive(a));
    globals[0] = (uintptr_t)a;     /* a dangling root: a VM bug */
    runtime_GC();                  /* must throw */
}
END_TEST

START_TEST(test_out_of_memory)
{
    mheap_setMaxHeap(HeapArenaBytes);
    /* garbage is collected to make room ... */
    for (int i = 0; i < 200; i++)
        mallocgc(1 << 20, NULL, true);
    ck_assert_uint_eq(mheap_.sys, HeapArenaBytes);
    /* ... live data is not */
    Node **keep = newarray(&tPtr, 100);
    globals[0] = (uintptr_t)keep;
    for (int i = 0; i < 100; i++)
        keep[i] = mallocgc(1 << 20, NULL, true);
}
END_TEST

static void allocatingScanner(void *ctx)
{
    (void)ctx;
    newNode(0);                    /* a root scanner must not allocate */
}

START_TEST(test_malloc_in_root_scanner)
{
    gc_set_root_scanner(allocatingScanner, NULL);
    runtime_GC();
}
END_TEST

#ifdef MINI_ASAN
/* Under ASan, free slots are poisoned: a VM bug that reads a freed object
 * is reported at once (ASan exits with status 1). */
START_TEST(test_asan_catches_use_after_free)
{
    Node *a = newNode(1), *b = newNode(2);
    globals[0] = (uintptr_t)b;
    runtime_GC();
    volatile int64_t v = a->val;   /* a was freed */
    (void)v;
}
END_TEST
#endif

/* ---- gctrace and memstats ---- */

START_TEST(test_gctrace_format)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *o = open_memstream(&buf, &len);
    gcdebug.gctrace = 1;
    gcdebug.out = o;
    globals[0] = (uintptr_t)newNode(1);
    runtime_GC();
    while (work.cycles < 2)
        newNode(0);
    fclose(o);
    regex_t re;
    const char *pat =
        "^gc 1 @[0-9]+\\.[0-9]{3}s [0-9]+%: "
        "[0-9]+(\\.[0-9]+)?\\+[0-9]+(\\.[0-9]+)?\\+[0-9]+(\\.[0-9]+)? ms clock, "
        "[0-9]+(\\.[0-9]+)?\\+0/[0-9]+(\\.[0-9]+)?/0\\+[0-9]+(\\.[0-9]+)? ms cpu, "
        "0->0->0 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 1 P \\(forced\\)\n"
        "gc 2 @[0-9]+\\.[0-9]{3}s [0-9]+%: .* ms clock, .* ms cpu, "
        "4->4->0 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 1 P\n$";
    ck_assert_int_eq(regcomp(&re, pat, REG_EXTENDED), 0);
    ck_assert_msg(regexec(&re, buf, 0, NULL, 0) == 0, "gctrace output:\n%s", buf);
    regfree(&re);
    free(buf);
}
END_TEST

START_TEST(test_memstats_print)
{
    globals[0] = (uintptr_t)newNode(1);
    newNode(2);
    runtime_GC();
    char *buf = NULL;
    size_t len = 0;
    FILE *o = open_memstream(&buf, &len);
    gc_print_memstats(o);
    fclose(o);
    ck_assert_ptr_nonnull(strstr(buf, "mallocs: 2, frees: 1, live objects: 1\n"));
    ck_assert_ptr_nonnull(strstr(buf, "live after last GC: 24 bytes"));
    ck_assert_ptr_nonnull(strstr(buf, "GC cycles: 1 (forced: 1)"));
    free(buf);
}
END_TEST

Suite *gc_suite(void)
{
    Suite *s = suite_create("gc");
    TCase *tc = tcase_create("mark and sweep");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_reachable_kept_unreachable_freed);
    tcase_add_test(tc, test_all_root_kinds);
    tcase_add_test(tc, test_cycles_freed);
    tcase_add_test(tc, test_interior_pointers);
    tcase_add_test(tc, test_noscan_not_scanned);
    tcase_add_test(tc, test_precision);
    tcase_add_test(tc, test_arrays_and_large_pointer_arrays);
    tcase_add_test(tc, test_push_root);
    tcase_add_test(tc, test_memory_reuse);
    tcase_add_test(tc, test_gc_verify);
    tcase_add_test(tc, test_tricolor_steps);
    tcase_add_exit_test(tc, test_verify_catches_black_to_white, 2);
    tcase_add_exit_test(tc, test_bad_pointer, 2);
    tcase_add_exit_test(tc, test_out_of_memory, 2);
    tcase_add_exit_test(tc, test_malloc_in_root_scanner, 2);
#ifdef MINI_ASAN
    tcase_add_exit_test(tc, test_asan_catches_use_after_free, 1);
#endif
    suite_add_tcase(s, tc);

    tc = tcase_create("pacing");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_pacing_heap_minimum);
    tcase_add_test(tc, test_pacing_goal);
    tcase_add_test(tc, test_gogc_env);
    tcase_add_test(tc, test_no_root_scanner_no_gc);
    tcase_add_test(tc, test_stress);
    tcase_add_test(tc, test_gctrace_format);
    tcase_add_test(tc, test_memstats_print);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(gc_suite());
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
