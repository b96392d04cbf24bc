/* test_pdqsort.c — Check unit tests for runtime/pdqsort.c (Go's sort.Sort).
 *
 * Go's order of equal elements is checked by the program test
 * sort_float_zeros against go itself; here the properties: every input
 * shape pdqsort treats specially (short, sorted, reversed, all equal,
 * sawtooth, organ pipe, adversarial-ish random runs that reach heapSort's
 * fallback) comes out sorted and a permutation of the input, and the
 * comparison count stays O(n log n).
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "pdqsort.h"

typedef struct Arr {
    int64_t *x;
    long nless;
} Arr;

static bool less(void *c, int64_t i, int64_t j)
{
    Arr *a = c;
    a->nless++;
    return a->x[i] < a->x[j];
}

static void swap(void *c, int64_t i, int64_t j)
{
    Arr *a = c;
    int64_t t = a->x[i];
    a->x[i] = a->x[j];
    a->x[j] = t;
}

static int cmp(const void *p, const void *q)
{
    int64_t a = *(const int64_t *)p, b = *(const int64_t *)q;
    return (a > b) - (a < b);
}

static uint64_t rng = 88172645463325252ULL;
static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static void check_shape(int shape, int64_t n)
{
    int64_t *x = malloc((size_t)(n + 1) * sizeof *x), *want = malloc((size_t)(n + 1) * sizeof *x);
    for (int64_t i = 0; i < n; i++) {
        switch (shape) {
        case 0: x[i] = i; break;                                /* sorted */
        case 1: x[i] = n - i; break;                            /* reversed */
        case 2: x[i] = 7; break;                                /* all equal */
        case 3: x[i] = i % 17; break;                           /* sawtooth */
        case 4: x[i] = i < n / 2 ? i : n - i; break;            /* organ pipe */
        case 5: x[i] = (int64_t)(next() % 4); break;            /* few distinct */
        default: x[i] = (int64_t)(next() % 1000000); break;     /* random */
        }
    }
    memcpy(want, x, (size_t)n * sizeof *x);
    qsort(want, (size_t)n, sizeof *want, cmp);
    Arr a = { x, 0 };
    sort_Sort(&(SortData){ less, swap, &a }, n);
    ck_assert_msg(memcmp(x, want, (size_t)n * sizeof *x) == 0, "shape %d n %ld not sorted", shape, (long)n);
    long bound = 64;
    for (int64_t m = n; m > 1; m >>= 1)
        bound += 8 * n;
    ck_assert_msg(a.nless <= bound, "shape %d n %ld: %ld comparisons", shape, (long)n, a.nless);
    free(x);
    free(want);
}

START_TEST(test_shapes)
{
    static const int64_t sizes[] = { 0, 1, 2, 3, 7, 8, 12, 13, 49, 50, 51, 100, 1000, 4096, 20000 };
    for (int shape = 0; shape < 7; shape++)
        for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++)
            check_shape(shape, sizes[k]);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("pdqsort");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_shapes);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
