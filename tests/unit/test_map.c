/* test_map.c — unit tests for runtime/map.c (Go's hmap) and alg.c.
 *
 * Maps of hand-built maptypes: insert, lookup and delete across many
 * growths, iteration visiting every entry exactly once (also while the
 * table is growing), iteration order depending on the seed only, float and
 * string keys, and the collector keeping every bucket alive.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>

#include "malloc.h"
#include "map.h"
#include "mgc.h"
#include "rand.h"

static const uint8_t strbits[] = { 0x1 };
static const RType tInt = { .td = { .size = 8, .kind = kindInt, .align = 8, .name = "int" } };
static const RType tFloat = { .td = { .size = 8, .kind = kindFloat64, .align = 8, .name = "float64" } };
static const RType tString = { .td = { .size = 16, .ptrdata = 8, .gcdata = strbits, .kind = kindString,
                                       .align = 8, .name = "string" } };

static maptype mIntInt, mStrInt, mFloatInt;
static uint8_t bitsIntInt[8], bitsStrInt[8], bitsFloatInt[8];

static void mkmaptype(maptype *t, const RType *k, const RType *e, uint8_t *bits)
{
    memset(t, 0, sizeof *t);
    t->typ.td = (TypeDesc){ .size = 8, .ptrdata = 8, .gcdata = strbits, .kind = kindMap, .align = 8,
                            .name = "map" };
    t->key = k;
    t->typ.elem = e;
    ck_assert_uint_le(maptype_bucketbits(k, e), 8);
    ck_assert(maptype_layout(t, bits));
}

static void setup(void)
{
    fastrand_seed(1);
    alginit();      /* hashkey first, so each seed below sets every random input */
    mallocinit();
    mkmaptype(&mIntInt, &tInt, &tInt, bitsIntInt);
    mkmaptype(&mStrInt, &tString, &tInt, bitsStrInt);
    mkmaptype(&mFloatInt, &tFloat, &tInt, bitsFloatInt);
}

static void teardown(void) { mallocfini(); }

static void put(hmap *h, int64_t k, int64_t v)
{
    *(int64_t *)mapassign(&mIntInt, h, &k) = v;
}

static bool get(hmap *h, int64_t k, int64_t *v)
{
    bool ok;
    *v = *(int64_t *)mapaccess2(&mIntInt, h, &k, &ok);
    return ok;
}

START_TEST(test_layout)
{
    /* tophash, 8 keys, 8 elems, overflow */
    ck_assert_uint_eq(mIntInt.bucketsize, 8 + 64 + 64 + 8);
    ck_assert_uint_eq(mStrInt.bucketsize, 8 + 128 + 64 + 8);
    /* map[string]int: the key pointers (words 1,3,..,15) and the overflow word (24) */
    for (int w = 0; w < 26; w++) {
        bool want = (w >= 1 && w <= 15 && w % 2 == 1) || w == 25;
        ck_assert_msg(typeWordIsPointer(mStrInt.bucket.gcdata, (uintptr_t)w) == want, "word %d", w);
    }
    ck_assert_uint_eq(mStrInt.bucket.ptrdata, mStrInt.bucketsize);
}
END_TEST

START_TEST(test_insert_lookup_delete)
{
    hmap *h = makemap(&mIntInt, 0);
    enum { N = 100000 };
    for (int64_t i = 0; i < N; i++)
        put(h, i * 31, i);
    ck_assert_int_eq(maplen(h), N);
    ck_assert_uint_ge(h->B, 14);    /* 100000 / 6.5 > 2^13 buckets */
    int64_t v;
    for (int64_t i = 0; i < N; i++) {
        ck_assert(get(h, i * 31, &v));
        ck_assert_int_eq(v, i);
    }
    ck_assert(!get(h, 1, &v));
    ck_assert_int_eq(v, 0);
    for (int64_t i = 0; i < N; i += 2) {
        int64_t k = i * 31;
        mapdelete(&mIntInt, h, &k);
    }
    ck_assert_int_eq(maplen(h), N / 2);
    for (int64_t i = 0; i < N; i++)
        ck_assert(get(h, i * 31, &v) == (i % 2 == 1));
    /* overwrite keeps the count */
    put(h, 31, -1);
    ck_assert_int_eq(maplen(h), N / 2);
    ck_assert(get(h, 31, &v));
    ck_assert_int_eq(v, -1);
    /* a nil map reads as empty */
    ck_assert(!get(NULL, 31, &v));
    ck_assert_int_eq(maplen(NULL), 0);
}
END_TEST

/* Visits every entry of h; counts[k] is incremented per visit. */
static int64_t iterate(const maptype *t, hmap *h, int *counts, int64_t ncounts, int64_t *order, int norder)
{
    hiter it;
    memset(&it, 0, sizeof it);
    int64_t n = 0;
    for (mapiterinit(t, h, &it); it.key != NULL; mapiternext(&it)) {
        int64_t k = *(int64_t *)it.key;
        ck_assert_int_eq(*(int64_t *)it.elem, k + 1);
        if (k >= 0 && k < ncounts)
            counts[k]++;
        if (n < norder)
            order[n] = k;
        n++;
    }
    return n;
}

START_TEST(test_iterate_once)
{
    enum { N = 5000 };
    static int counts[N];
    hmap *h = makemap(&mIntInt, 0);
    for (int64_t size = 0; size < N; size = size * 2 + 1) {
        while (maplen(h) < size)
            put(h, maplen(h), maplen(h) + 1);
        memset(counts, 0, sizeof counts);
        ck_assert_int_eq(iterate(&mIntInt, h, counts, N, NULL, 0), size);
        for (int64_t k = 0; k < size; k++)
            ck_assert_int_eq(counts[k], 1);
    }
    /* an iterator started before a growth still sees every old entry once
       (and no entry twice) while the table grows under it */
    hmap *g = makemap(&mIntInt, 0);
    for (int64_t k = 0; k < 52; k++)      /* 52 = 6.5 * 8: the next insert grows */
        put(g, k, k + 1);
    memset(counts, 0, sizeof counts);
    hiter it;
    memset(&it, 0, sizeof it);
    int64_t added = 1000;
    for (mapiterinit(&mIntInt, g, &it); it.key != NULL; mapiternext(&it)) {
        int64_t k = *(int64_t *)it.key;
        counts[k]++;
        if (added < 1400) {
            put(g, added, added + 1);
            added++;
        }
    }
    for (int64_t k = 0; k < 52; k++)
        ck_assert_int_eq(counts[k], 1);
    for (int64_t k = 0; k < N; k++)
        ck_assert_int_le(counts[k], 1);
}
END_TEST

START_TEST(test_seed_order)
{
    enum { N = 200 };
    int64_t o1[N], o2[N], o3[N];
    for (int run = 0; run < 3; run++) {
        fastrand_seed(run == 2 ? 99 : 7);
        hmap *h = makemap(&mIntInt, 0);
        for (int64_t k = 0; k < N; k++)
            put(h, k, k + 1);
        int64_t *o = run == 0 ? o1 : run == 1 ? o2 : o3;
        ck_assert_int_eq(iterate(&mIntInt, h, NULL, 0, o, N), N);
    }
    ck_assert(memcmp(o1, o2, sizeof o1) == 0);      /* same seed, same order */
    ck_assert(memcmp(o1, o3, sizeof o1) != 0);      /* another seed, another order */
    /* two iterations of one map start at different places */
    hmap *h = makemap(&mIntInt, 0);
    for (int64_t k = 0; k < N; k++)
        put(h, k, k + 1);
    int differ = 0;
    for (int i = 0; i < 8; i++) {
        iterate(&mIntInt, h, NULL, 0, o2, N);
        iterate(&mIntInt, h, NULL, 0, o3, N);
        differ += memcmp(o2, o3, sizeof o2) != 0;
    }
    ck_assert_int_gt(differ, 0);
}
END_TEST

START_TEST(test_float_keys)
{
    hmap *h = makemap(&mFloatInt, 0);
    double pz = 0.0, nz = -0.0, nan = __builtin_nan("");
    *(int64_t *)mapassign(&mFloatInt, h, &pz) = 1;
    *(int64_t *)mapassign(&mFloatInt, h, &nz) = 2;
    ck_assert_int_eq(maplen(h), 1);
    /* the key is updated to the last one stored: -0 */
    hiter it;
    memset(&it, 0, sizeof it);
    mapiterinit(&mFloatInt, h, &it);
    ck_assert(__builtin_signbit(*(double *)it.key));
    for (int i = 0; i < 100; i++)
        *(int64_t *)mapassign(&mFloatInt, h, &nan) = i;
    ck_assert_int_eq(maplen(h), 101);
    bool ok;
    mapaccess2(&mFloatInt, h, &nan, &ok);
    ck_assert(!ok);
    mapdelete(&mFloatInt, h, &nan);
    ck_assert_int_eq(maplen(h), 101);
    ck_assert_uint_eq(f64hash(&pz, 5), f64hash(&nz, 5));
}
END_TEST

static void mkstring(uint64_t s[2], const char *text)
{
    size_t n = strlen(text);
    char *p = mallocgc(n, NULL, false);
    memcpy(p, text, n);
    s[0] = (uint64_t)(uintptr_t)p;
    s[1] = n;
}

START_TEST(test_string_keys_gc)
{
    gcdebug.gcverify = true;
    hmap *h = makemap(&mStrInt, 0);
    gc_push_root((void *const *)&h);
    char buf[32];
    for (int i = 0; i < 3000; i++) {
        uint64_t s[2];
        snprintf(buf, sizeof buf, "key%d", i);
        mkstring(s, buf);
        *(int64_t *)mapassign(&mStrInt, h, s) = i;
        if (i % 500 == 0)
            runtime_GC();   /* the buckets and the key strings must survive */
    }
    runtime_GC();
    for (int i = 0; i < 3000; i++) {
        snprintf(buf, sizeof buf, "key%d", i);
        uint64_t s[2] = { (uint64_t)(uintptr_t)buf, strlen(buf) };   /* same bytes, another pointer */
        bool ok;
        int64_t v = *(int64_t *)mapaccess2(&mStrInt, h, s, &ok);
        ck_assert(ok);
        ck_assert_int_eq(v, i);
    }
    gc_pop_roots(1);
}
END_TEST

static Suite *map_suite(void)
{
    Suite *s = suite_create("map");
    TCase *tc = tcase_create("map");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_layout);
    tcase_add_test(tc, test_insert_lookup_delete);
    tcase_add_test(tc, test_iterate_once);
    tcase_add_test(tc, test_seed_order);
    tcase_add_test(tc, test_float_keys);
    tcase_add_test(tc, test_string_keys_gc);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(map_suite());
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
