/* test_heap.c — unit tests for the span allocator: sizeclasses.c and
 * malloc.c (runtime/).
 *
 * Every capacity below is what go1.19 prints for cap() after the same
 * appends (go1.19.8 linux/amd64, `go run`): growslice_newcap must agree with
 * Go byte for byte, since `cap` is observable output.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>

#include "malloc.h"
#include "mgc.h"
#include "sizeclasses.h"

static const uint8_t ptrbit0[] = {0x1};
static const TypeDesc tPtr = {.size = 8, .ptrdata = 8, .gcdata = ptrbit0, .kind = kindPtr, .name = "*int"};

static void setup(void) { mallocinit(); }
static void teardown(void) { mallocfini(); }

/* ---- size classes ---- */

START_TEST(test_class_table)
{
    ck_assert_int_eq(class_to_size[1], 8);
    ck_assert_int_eq(class_to_size[NumSizeClasses - 1], 32768);
    for (int c = 1; c < NumSizeClasses; c++) {
        ck_assert_int_eq(class_to_size[c] % 8, 0);
        if (c > 1)
            ck_assert_int_gt(class_to_size[c], class_to_size[c - 1]);
        uintptr_t span = (uintptr_t)class_to_allocnpages[c] * PageSize;
        uintptr_t n = span / class_to_size[c];
        ck_assert_uint_ge(n, 1);
        ck_assert_uint_le(n, MaxObjsPerSpan);
        /* the magic division is exact for every offset in the span */
        uint32_t magic = classToDivMagic((uint8_t)c);
        uintptr_t bad = 0;
        for (uintptr_t off = 0; off < span; off++)
            bad += ((uint64_t)off * magic) >> 32 != off / class_to_size[c];
        ck_assert_uint_eq(bad, 0);
    }
    /* a few rows of Go's table */
    ck_assert_int_eq(class_to_size[35], 1408);
    ck_assert_int_eq(class_to_allocnpages[35], 2);
    ck_assert_int_eq(class_to_size[65], 27264);
    ck_assert_int_eq(class_to_allocnpages[65], 10);
}
END_TEST

START_TEST(test_size_to_class)
{
    /* sizeToClass picks the smallest class that fits, for every small size */
    for (uintptr_t size = 1; size <= MaxSmallSize; size++) {
        uint8_t c = sizeToClass(size);
        ck_assert_uint_ge(class_to_size[c], size);
        ck_assert(c == 1 || class_to_size[c - 1] < size);
    }
}
END_TEST

START_TEST(test_roundupsize)
{
    static const uintptr_t cases[][2] = {
        {0, 0}, {1, 8}, {8, 8}, {9, 16}, {17, 24}, {25, 32}, {33, 48}, {1016, 1024},
        {1017, 1024}, {1024, 1024}, {1025, 1152}, {32767, 32768}, {32768, 32768},
        {32769, 40960}, {100000, 106496},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
        ck_assert_uint_eq(roundupsize(cases[k][0]), cases[k][1]);
}
END_TEST

/* Appending one element at a time from nil, printing cap() whenever it
 * changes (go1.19). */
static void check_growth(uintptr_t elemsize, const intptr_t *want, size_t n)
{
    intptr_t cap = 0;
    size_t k = 0;
    for (intptr_t len = 1; k < n; len++) {
        if (len > cap) {
            cap = growslice_newcap(cap, len, elemsize);
            ck_assert_msg(cap == want[k], "elemsize %ju: cap %jd, Go says %jd",
                          (uintmax_t)elemsize, (intmax_t)cap, (intmax_t)want[k]);
            k++;
        }
    }
}

START_TEST(test_growslice_one_at_a_time)
{
    static const intptr_t ints[] = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 848, 1280,
                                    1792, 2560, 3408, 5120};
    static const intptr_t bytes[] = {8, 16, 32, 64, 128, 256, 512, 896, 1408, 2048,
                                     3072, 4096, 5376};
    static const intptr_t s24[] = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 853, 1365, 2048};
    static const intptr_t b3[] = {2, 5, 10, 21, 42, 85, 170, 341, 682, 1066, 1621, 2261};
    static const intptr_t i32[] = {2, 4, 8, 16, 32, 64, 128, 256, 512, 864, 1344, 2048, 3072};
    check_growth(8, ints, sizeof ints / sizeof ints[0]);     /* []int */
    check_growth(1, bytes, sizeof bytes / sizeof bytes[0]);  /* []byte */
    check_growth(24, s24, sizeof s24 / sizeof s24[0]);       /* []struct{a, b, c int64} */
    check_growth(3, b3, sizeof b3 / sizeof b3[0]);           /* [][3]byte */
    check_growth(4, i32, sizeof i32 / sizeof i32[0]);        /* []int32 */
}
END_TEST

START_TEST(test_growslice_cases)
{
    ck_assert_int_eq(growslice_newcap(3, 4, 8), 6);       /* append([]int{1,2,3}, 4) */
    ck_assert_int_eq(growslice_newcap(3, 10, 8), 10);     /* append([]int{1,2,3}, 4..10) */
    ck_assert_int_eq(growslice_newcap(0, 13, 1), 16);     /* append([]byte{}, "hello, world!"...) */
    ck_assert_int_eq(growslice_newcap(0, 700, 8), 768);   /* append([]int(nil), make([]int, 700)...) */
    ck_assert_int_eq(growslice_newcap(300, 301, 8), 608); /* append(make([]int, 300), 1) */
    ck_assert_int_eq(growslice_newcap(5000, 5001, 8), 7168);
    ck_assert_int_eq(growslice_newcap(40000, 40001, 1), 57344);
    ck_assert_int_eq(growslice_newcap(1, 2, 16), 2);      /* append([]string{"a"}, "b") */
    ck_assert_int_eq(growslice_newcap(3, 4, 16), 6);
    ck_assert_int_eq(growslice_newcap(0, 33000, 1), 40960);
    ck_assert_int_eq(growslice_newcap(1000, 1010, 8), 1536);
    ck_assert_int_eq(growslice_newcap(300, 301, 40), 614); /* []struct{a [5]int64} */
    ck_assert_int_eq(growslice_newcap(5, 6, 0), 6);       /* []struct{} */
    ck_assert_int_eq(growslice_newcap(5, 11, 1), 16);     /* append(make([]byte, 0, 5), 6 bytes) */
    /* 300000 appends of an int, one at a time */
    intptr_t cap = 0;
    for (intptr_t len = 1; len <= 300000; len++)
        if (len > cap)
            cap = growslice_newcap(cap, len, 8);
    ck_assert_int_eq(cap, 344064);
    /* Go panics "growslice: cap out of range" */
    ck_assert_int_eq(growslice_newcap(4, 3, 8), -1);
    ck_assert_int_eq(growslice_newcap(0, INTPTR_MAX / 2, 8), -1);
    ck_assert_int_eq(growslice_newcap(0, (intptr_t)1 << 49, 1), -1);
}
END_TEST

/* ---- allocation ---- */

START_TEST(test_alloc_each_class)
{
    uint64_t total = 0;
    for (int c = 1; c < NumSizeClasses; c++) {
        uintptr_t size = class_to_size[c];
        uintptr_t nelems = (uintptr_t)class_to_allocnpages[c] * PageSize / size;
        uint8_t *prev = NULL;
        /* one more than a span holds: the second span comes from a refill */
        for (uintptr_t k = 0; k <= nelems; k++) {
            uint8_t *p = mallocgc(size, NULL, true);
            ck_assert_ptr_nonnull(p);
            mspan *s = spanOfHeap((uintptr_t)p);
            ck_assert_ptr_nonnull(s);
            ck_assert_uint_eq(s->elemsize, size);
            ck_assert_uint_eq(spanClassSizeclass(s->spanclass), c);
            ck_assert(spanClassNoscan(s->spanclass));
            ck_assert_uint_eq(s->nelems, nelems);
            ck_assert_uint_eq(((uintptr_t)p - s->startAddr) % size, 0);
            uint8_t any = 0;
            for (uintptr_t b = 0; b < size; b++)
                any |= p[b];
            ck_assert_uint_eq(any, 0);
            memset(p, 0xAB, size);
            ck_assert_ptr_ne(p, prev);
            prev = p;
            total++;
        }
    }
    ck_assert_uint_eq(memstats.nmalloc, total);
}
END_TEST

START_TEST(test_alloc_sizes)
{
    /* a request is served by the class roundupsize names */
    for (uintptr_t size = 1; size <= MaxSmallSize; size += 37) {
        void *p = mallocgc(size, NULL, true);
        ck_assert_uint_eq(spanOfHeap((uintptr_t)p)->elemsize, roundupsize(size));
    }
    /* scan and noscan objects of one size class live in different spans */
    void *a = mallocgc(8, NULL, true), *b = mallocgc(8, &tPtr, true);
    ck_assert(spanClassNoscan(spanOfHeap((uintptr_t)a)->spanclass));
    ck_assert(!spanClassNoscan(spanOfHeap((uintptr_t)b)->spanclass));
    ck_assert_ptr_ne(spanOfHeap((uintptr_t)a), spanOfHeap((uintptr_t)b));
    /* the object's type is recorded */
    mspan *s;
    uintptr_t i;
    ck_assert_uint_eq(findObject((uintptr_t)b, &s, &i), (uintptr_t)b);
    ck_assert_ptr_eq(s->types[i], &tPtr);
}
END_TEST

START_TEST(test_zero_size)
{
    uint64_t n = memstats.nmalloc;
    void *p = mallocgc(0, NULL, true), *q = mallocgc(0, &tPtr, true);
    ck_assert_ptr_eq(p, &zerobase);
    ck_assert_ptr_eq(q, &zerobase);
    ck_assert_ptr_null(spanOfHeap((uintptr_t)p));
    ck_assert_uint_eq(memstats.nmalloc, n);   /* Go does not count them either */
}
END_TEST

START_TEST(test_counts)
{
    mallocgc(10, NULL, true);
    mallocgc(100, NULL, true);
    mallocgc(40000, NULL, true);
    ck_assert_uint_eq(memstats.nmalloc, 3);
    ck_assert_uint_eq(memstats.heapAlloc, 16 + 112 + 40960);
    ck_assert_uint_eq(memstats.totalAlloc, 16 + 112 + 40960);
    MemStats m;
    ReadMemStats(&m);
    ck_assert_uint_eq(m.Mallocs, 3);
    ck_assert_uint_eq(m.HeapObjects, 3);
    ck_assert_uint_eq(m.HeapAlloc, 16 + 112 + 40960);
    ck_assert_uint_ge(m.HeapSys, HeapArenaBytes);
}
END_TEST

/* ---- span lookup ---- */

static uint64_t static_word;

START_TEST(test_lookup_interior)
{
    for (uintptr_t size = 8; size <= 4096; size *= 2) {
        for (int k = 0; k < 50; k++) {
            uintptr_t p = (uintptr_t)mallocgc(size, NULL, true);
            for (uintptr_t off = 0; off < size; off += size / 8 ? size / 8 : 1) {
                mspan *s;
                uintptr_t i;
                ck_assert_uint_eq(findObject(p + off, &s, &i), p);
                ck_assert_uint_eq(s->startAddr + i * s->elemsize, p);
                ck_assert_ptr_eq(spanOfHeap(p + off), s);
            }
            ck_assert_uint_eq(findObject(p + size - 1, NULL, NULL), p);
        }
    }
}
END_TEST

START_TEST(test_lookup_not_heap)
{
    uint64_t local = 0;
    void *m = malloc(64);
    void *p = mallocgc(24, NULL, true);
    ck_assert_uint_eq(findObject(0, NULL, NULL), 0);
    ck_assert_uint_eq(findObject((uintptr_t)&local, NULL, NULL), 0);
    ck_assert_uint_eq(findObject((uintptr_t)&static_word, NULL, NULL), 0);
    ck_assert_uint_eq(findObject((uintptr_t)m, NULL, NULL), 0);
    ck_assert_uint_eq(findObject((uintptr_t)"a string literal", NULL, NULL), 0);
    ck_assert_uint_eq(findObject((uintptr_t)&zerobase, NULL, NULL), 0);
    ck_assert_uint_eq(findObject(UINTPTR_MAX, NULL, NULL), 0);
    ck_assert_uint_eq(findObject((uintptr_t)1 << 60, NULL, NULL), 0);
    ck_assert(!inHeapArena((uintptr_t)&local));
    ck_assert(inHeapArena((uintptr_t)p));
    /* class 3 (24 B) leaves 8 bytes of tail waste in its page */
    mspan *s = spanOfHeap((uintptr_t)p);
    ck_assert_uint_eq(s->limit, s->startAddr + 341 * 24);
    ck_assert_ptr_null(spanOfHeap(s->limit));
    ck_assert_ptr_null(spanOfHeap(s->startAddr + PageSize - 1));
    /* a free slot of an in-use span is no object */
    ck_assert_uint_eq(findObject(s->startAddr + 340 * 24, NULL, NULL), 0);
    /* pages of the arena never handed out */
    ck_assert_ptr_null(spanOfHeap(s->startAddr + 100 * PageSize));
    free(m);
}
END_TEST

START_TEST(test_large_objects)
{
    uintptr_t sizes[] = {MaxSmallSize + 1, 100000, 1 << 20, 100 << 20};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        uintptr_t size = sizes[k];
        uint8_t *p = mallocgc(size, NULL, true);
        mspan *s = spanOfHeap((uintptr_t)p);
        ck_assert_ptr_nonnull(s);
        ck_assert_uint_eq(s->startAddr, (uintptr_t)p);
        ck_assert_uint_eq(spanClassSizeclass(s->spanclass), 0);
        ck_assert_uint_eq(s->nelems, 1);
        ck_assert_uint_eq(s->npages, (size + PageSize - 1) / PageSize);
        ck_assert_uint_eq(s->elemsize, roundupsize(size));
        ck_assert_uint_eq(findObject((uintptr_t)p + size / 2, NULL, NULL), (uintptr_t)p);
        ck_assert_uint_eq(findObject((uintptr_t)p + size - 1, NULL, NULL), (uintptr_t)p);
        ck_assert_uint_eq(p[0] | p[size / 2] | p[size - 1], 0);
        p[size - 1] = 1;
    }
    /* 100 MB spans two arenas: the index covers both */
    ck_assert_uint_ge(mheap_.sys, 2 * HeapArenaBytes);
}
END_TEST

START_TEST(test_newarray)
{
    static const uint8_t bits[] = {0x2};   /* struct { n int; p *int } */
    static const TypeDesc t = {.size = 16, .ptrdata = 16, .gcdata = bits, .kind = kindStruct, .name = "T"};
    void *a = newarray(&t, 10);
    ck_assert_uint_eq(spanOfHeap((uintptr_t)a)->elemsize, 160);
    void *o = newobject(&t);
    ck_assert_uint_eq(spanOfHeap((uintptr_t)o)->elemsize, 16);
    ck_assert_ptr_eq(newarray(&t, 0), &zerobase);
}
END_TEST

Suite *heap_suite(void)
{
    Suite *s = suite_create("heap");
    TCase *tc = tcase_create("sizeclasses");
    tcase_add_test(tc, test_class_table);
    tcase_add_test(tc, test_size_to_class);
    tcase_add_test(tc, test_roundupsize);
    tcase_add_test(tc, test_growslice_one_at_a_time);
    tcase_add_test(tc, test_growslice_cases);
    suite_add_tcase(s, tc);

    tc = tcase_create("malloc");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_alloc_each_class);
    tcase_add_test(tc, test_alloc_sizes);
    tcase_add_test(tc, test_zero_size);
    tcase_add_test(tc, test_counts);
    tcase_add_test(tc, test_lookup_interior);
    tcase_add_test(tc, test_lookup_not_heap);
    tcase_add_test(tc, test_large_objects);
    tcase_add_test(tc, test_newarray);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(heap_suite());
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
