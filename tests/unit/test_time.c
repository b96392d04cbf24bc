/* test_time.c — unit tests for runtime/time.c: the timer heap (Go's 4-ary
 * heap: siftupTimer, siftdownTimer, deltimer from anywhere, modtimer) and
 * Duration.String.
 *
 * The heap is checked after every operation: each timer's pp is its index
 * + 1 and no timer fires before its parent. Timers are popped by deleting
 * heap[0], as runtimer does, and must come out in order of when.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>

#include "time.h"

static void check_heap(void)
{
    int32_t n = ntimers();
    for (int32_t i = 0; i < n; i++) {
        timer *t = timerheap_at(i);
        ck_assert_uint_eq(t->pp, (uintptr_t)i + 1);
        if (i > 0)
            ck_assert_int_ge(t->when, timerheap_at((i - 1) / 4)->when);
    }
}

static void drain(void)
{
    while (ntimers() > 0)
        deltimer(timerheap_at(0));
}

START_TEST(test_heap_order)
{
    enum { N = 500 };
    static timer ts[N];
    memset(ts, 0, sizeof ts);
    srand(7);
    for (int i = 0; i < N; i++) {
        ts[i].when = rand() % 1000;
        addtimer(&ts[i]);
        check_heap();
    }
    ck_assert_int_eq(ntimers(), N);
    int64_t last = -1;
    while (ntimers() > 0) {
        timer *t = timerheap_at(0);
        ck_assert_int_ge(t->when, last);
        last = t->when;
        ck_assert(deltimer(t));
        ck_assert_uint_eq(t->pp, 0);
        check_heap();
    }
}
END_TEST

START_TEST(test_delete_anywhere)
{
    enum { N = 200 };
    static timer ts[N];
    memset(ts, 0, sizeof ts);
    for (int i = 0; i < N; i++) {
        ts[i].when = (i * 37) % N;
        addtimer(&ts[i]);
    }
    /* every third timer goes, from the middle of the heap */
    for (int i = 0; i < N; i += 3) {
        ck_assert(deltimer(&ts[i]));
        ck_assert(!deltimer(&ts[i]));       /* not pending any more */
        check_heap();
    }
    ck_assert_int_eq(ntimers(), N - (N + 2) / 3);
    /* modtimer moves a timer to the front and to the back */
    ck_assert(modtimer(&ts[1], 0, 0));     /* ts[0], the other when 0, is gone */
    check_heap();
    ck_assert_ptr_eq(timerheap_at(0), &ts[1]);
    ck_assert(!modtimer(&ts[0], 10000, 0));    /* was deleted: not pending */
    check_heap();
    int64_t last = -1;
    timer *lastt = NULL;
    while (ntimers() > 0) {
        lastt = timerheap_at(0);
        ck_assert_int_ge(lastt->when, last);
        last = lastt->when;
        deltimer(lastt);
    }
    ck_assert_ptr_eq(lastt, &ts[0]);
}
END_TEST

START_TEST(test_negative_when)
{
    timer t = { 0 };
    t.when = -1;            /* an overflowed when: Go's maxWhen */
    addtimer(&t);
    ck_assert_int_eq(t.when, INT64_MAX);
    drain();
}
END_TEST

static void ckdur(int64_t d, const char *want)
{
    char buf[32];
    int n = durationString(buf, d);
    ck_assert_int_eq(n, (int)strlen(want));
    ck_assert(memcmp(buf + 32 - n, want, (size_t)n) == 0);
}

START_TEST(test_duration_string)
{
    ckdur(0, "0s");
    ckdur(1, "1ns");
    ckdur(1100, "1.1\xc2\xb5s");
    ckdur(2200000, "2.2ms");
    ckdur(3300000000LL, "3.3s");
    ckdur(-4LL * 60 * 1000000000 - 5000000000LL, "-4m5s");
    ckdur(4LL * 60 * 1000000000 + 5001000000LL, "4m5.001s");
    ckdur(5LL * 3600 * 1000000000 + 6LL * 60 * 1000000000 + 7001000000LL, "5h6m7.001s");
    ckdur(8LL * 60 * 1000000000 + 1, "8m0.000000001s");
    ckdur(INT64_MAX, "2562047h47m16.854775807s");
    ckdur(INT64_MIN, "-2562047h47m16.854775808s");
}
END_TEST

static Suite *time_suite(void)
{
    Suite *s = suite_create("time");
    TCase *tc = tcase_create("timers");
    tcase_add_test(tc, test_heap_order);
    tcase_add_test(tc, test_delete_anywhere);
    tcase_add_test(tc, test_negative_when);
    tcase_add_test(tc, test_duration_string);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(time_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
