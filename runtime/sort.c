/* sort.c — the natives of package sort that take no func or interface.
 *
 * Go: sort/sort.go (Ints, Strings, Float64s, the IsSorted forms),
 * sort/search.go (SearchInts, SearchStrings, SearchFloat64s).
 *
 * Sorting is in place and allocates nothing. It is Go's pdqsort
 * (pdqsort.c) over IntSlice, StringSlice and Float64Slice's Less and Swap,
 * so elements that are equal but distinguishable (+0 and -0, NaNs) end in
 * Go's order. Float64s orders NaNs first, as Go's Float64Slice.Less.
 * Slot convention (natives.h): a slice argument is {ptr, len, cap}.
 */
#include <math.h>
#include <string.h>

#include "natives.h"
#include "pdqsort.h"

#pragma GCC diagnostic ignored "-Wunused-parameter"

/* Go's string comparison: bytewise, then by length. */
static int cmpstr(GoStr a, GoStr b)
{
    int64_t n = a.n < b.n ? a.n : b.n;
    int c = n ? memcmp(a.p, b.p, (size_t)n) : 0;
    if (c)
        return c;
    return (a.n > b.n) - (a.n < b.n);
}

/* Go: Float64Slice.Less: x < y, or x is NaN and y is not. */
static bool lessf(double x, double y) { return x < y || (isnan(x) && !isnan(y)); }

/* Less and Swap of IntSlice, Float64Slice, StringSlice; ctx is the
   slice's backing array. */
static bool int_less(void *c, int64_t i, int64_t j) { return ((int64_t *)c)[i] < ((int64_t *)c)[j]; }
static bool float_less(void *c, int64_t i, int64_t j) { return lessf(((double *)c)[i], ((double *)c)[j]); }
static bool string_less(void *c, int64_t i, int64_t j)
{
    return cmpstr(arg_str((Slot *)c + 2 * i), arg_str((Slot *)c + 2 * j)) < 0;
}
static void word_swap(void *c, int64_t i, int64_t j)
{
    Slot *x = c, t = x[i];
    x[i] = x[j];
    x[j] = t;
}
static void string_swap(void *c, int64_t i, int64_t j)
{
    word_swap(c, 2 * i, 2 * j);
    word_swap(c, 2 * i + 1, 2 * j + 1);
}

static void sort_Ints(G *gp, Slot *a, int n)
{
    sort_Sort(&(SortData){ int_less, word_swap, a[0].p }, a[1].i);
}

static void sort_Strings(G *gp, Slot *a, int n)
{
    sort_Sort(&(SortData){ string_less, string_swap, a[0].p }, a[1].i);
}

static void sort_Float64s(G *gp, Slot *a, int n)
{
    sort_Sort(&(SortData){ float_less, word_swap, a[0].p }, a[1].i);
}

/* Go: the IsSorted forms check Less(i, i-1) from the end. */
static void sort_IntsAreSorted(G *gp, Slot *a, int n)
{
    const int64_t *x = a[1].p;
    a[0].u = 1;
    for (int64_t i = a[2].i - 1; i > 0; i--)
        if (x[i] < x[i - 1]) { a[0].u = 0; return; }
}

static void sort_Float64sAreSorted(G *gp, Slot *a, int n)
{
    const double *x = a[1].p;
    a[0].u = 1;
    for (int64_t i = a[2].i - 1; i > 0; i--)
        if (lessf(x[i], x[i - 1])) { a[0].u = 0; return; }
}

static void sort_StringsAreSorted(G *gp, Slot *a, int n)
{
    const Slot *x = a[1].p;
    a[0].u = 1;
    for (int64_t i = a[2].i - 1; i > 0; i--)
        if (cmpstr(arg_str(x + 2 * i), arg_str(x + 2 * (i - 1))) < 0) { a[0].u = 0; return; }
}

/* Go: search.go Search: the smallest i in [0, n) with a[i] >= x, or n. */
#define SEARCH(ge) do { \
        int64_t i = 0, j = a[2].i; \
        while (i < j) { \
            int64_t h = (int64_t)((uint64_t)(i + j) >> 1); \
            if (!(ge)) i = h + 1; else j = h; \
        } \
        a[0].i = i; \
    } while (0)

static void sort_SearchInts(G *gp, Slot *a, int n)
{
    const int64_t *x = a[1].p;
    SEARCH(x[h] >= a[4].i);
}

static void sort_SearchFloat64s(G *gp, Slot *a, int n)
{
    const double *x = a[1].p;
    SEARCH(x[h] >= a[4].f);
}

static void sort_SearchStrings(G *gp, Slot *a, int n)
{
    const Slot *x = a[1].p;
    SEARCH(cmpstr(arg_str(x + 2 * h), arg_str(a + 4)) >= 0);
}

const Native sort_natives[] = {
    { "sort", "Ints", sort_Ints },
    { "sort", "Strings", sort_Strings },
    { "sort", "Float64s", sort_Float64s },
    { "sort", "IntsAreSorted", sort_IntsAreSorted },
    { "sort", "Float64sAreSorted", sort_Float64sAreSorted },
    { "sort", "StringsAreSorted", sort_StringsAreSorted },
    { "sort", "SearchInts", sort_SearchInts },
    { "sort", "SearchFloat64s", sort_SearchFloat64s },
    { "sort", "SearchStrings", sort_SearchStrings },
};
const int nsort_natives = sizeof sort_natives / sizeof sort_natives[0];
