/* pdqsort.c — Go 1.19's sort.Sort, ported line by line (pdqsort.h).
 *
 * Go: sort/zsortinterface.go, sort/sort.go. Every call of Less and Swap
 * happens in Go's order, so callbacks that observe them (or elements that
 * compare equal but differ) see what Go's would.
 */
#include "pdqsort.h"

#define Less(i, j) data->Less(data->ctx, (i), (j))
#define Swap(i, j) data->Swap(data->ctx, (i), (j))

typedef enum { unknownHint, increasingHint, decreasingHint } sortedHint;

static int bitsLen(uint64_t x) { return x ? 64 - __builtin_clzll(x) : 0; }

static void insertionSort(const SortData *data, int64_t a, int64_t b)
{
    for (int64_t i = a + 1; i < b; i++)
        for (int64_t j = i; j > a && Less(j, j - 1); j--)
            Swap(j, j - 1);
}

static void siftDown(const SortData *data, int64_t lo, int64_t hi, int64_t first)
{
    int64_t root = lo;
    for (;;) {
        int64_t child = 2 * root + 1;
        if (child >= hi)
            break;
        if (child + 1 < hi && Less(first + child, first + child + 1))
            child++;
        if (!Less(first + root, first + child))
            return;
        Swap(first + root, first + child);
        root = child;
    }
}

static void heapSort(const SortData *data, int64_t a, int64_t b)
{
    int64_t first = a, lo = 0, hi = b - a;
    for (int64_t i = (hi - 1) / 2; i >= 0; i--)
        siftDown(data, i, hi, first);
    for (int64_t i = hi - 1; i >= 0; i--) {
        Swap(first, first + i);
        siftDown(data, lo, i, first);
    }
}

static int64_t partition(const SortData *data, int64_t a, int64_t b, int64_t pivot, bool *alreadyPartitioned)
{
    Swap(a, pivot);
    int64_t i = a + 1, j = b - 1;
    while (i <= j && Less(i, a))
        i++;
    while (i <= j && !Less(j, a))
        j--;
    if (i > j) {
        Swap(j, a);
        *alreadyPartitioned = true;
        return j;
    }
    Swap(i, j);
    i++;
    j--;
    for (;;) {
        while (i <= j && Less(i, a))
            i++;
        while (i <= j && !Less(j, a))
            j--;
        if (i > j)
            break;
        Swap(i, j);
        i++;
        j--;
    }
    Swap(j, a);
    *alreadyPartitioned = false;
    return j;
}

static int64_t partitionEqual(const SortData *data, int64_t a, int64_t b, int64_t pivot)
{
    Swap(a, pivot);
    int64_t i = a + 1, j = b - 1;
    for (;;) {
        while (i <= j && !Less(a, i))
            i++;
        while (i <= j && Less(a, j))
            j--;
        if (i > j)
            break;
        Swap(i, j);
        i++;
        j--;
    }
    return i;
}

static bool partialInsertionSort(const SortData *data, int64_t a, int64_t b)
{
    enum { maxSteps = 5, shortestShifting = 50 };
    int64_t i = a + 1;
    for (int step = 0; step < maxSteps; step++) {
        while (i < b && !Less(i, i - 1))
            i++;
        if (i == b)
            return true;
        if (b - a < shortestShifting)
            return false;
        Swap(i, i - 1);
        if (i - a >= 2)
            for (int64_t j = i - 1; j >= 1; j--) {
                if (!Less(j, j - 1))
                    break;
                Swap(j, j - 1);
            }
        if (b - i >= 2)
            for (int64_t j = i + 1; j < b; j++) {
                if (!Less(j, j - 1))
                    break;
                Swap(j, j - 1);
            }
    }
    return false;
}

static void breakPatterns(const SortData *data, int64_t a, int64_t b)
{
    int64_t length = b - a;
    if (length >= 8) {
        uint64_t random = (uint64_t)length;     /* Go: xorshift(length) */
        uint64_t modulus = (uint64_t)1 << bitsLen((uint64_t)length);
        for (int64_t idx = a + (length / 4) * 2 - 1; idx <= a + (length / 4) * 2 + 1; idx++) {
            random ^= random << 13;
            random ^= random >> 17;
            random ^= random << 5;
            int64_t other = (int64_t)(random & (modulus - 1));
            if (other >= length)
                other -= length;
            Swap(idx, a + other);
        }
    }
}

static int64_t order2(const SortData *data, int64_t a, int64_t b, int *swaps, int64_t *hi)
{
    if (Less(b, a)) {
        (*swaps)++;
        *hi = a;
        return b;
    }
    *hi = b;
    return a;
}

static int64_t median(const SortData *data, int64_t a, int64_t b, int64_t c, int *swaps)
{
    a = order2(data, a, b, swaps, &b);
    b = order2(data, b, c, swaps, &c);
    a = order2(data, a, b, swaps, &b);
    (void)a;
    return b;
}

static int64_t medianAdjacent(const SortData *data, int64_t a, int *swaps)
{
    return median(data, a - 1, a, a + 1, swaps);
}

static int64_t choosePivot(const SortData *data, int64_t a, int64_t b, sortedHint *hint)
{
    enum { shortestNinther = 50, maxSwaps = 4 * 3 };
    int64_t l = b - a;
    int swaps = 0;
    int64_t i = a + l / 4 * 1, j = a + l / 4 * 2, k = a + l / 4 * 3;
    if (l >= 8) {
        if (l >= shortestNinther) {
            i = medianAdjacent(data, i, &swaps);
            j = medianAdjacent(data, j, &swaps);
            k = medianAdjacent(data, k, &swaps);
        }
        j = median(data, i, j, k, &swaps);
    }
    *hint = swaps == 0 ? increasingHint : swaps == maxSwaps ? decreasingHint : unknownHint;
    return j;
}

static void reverseRange(const SortData *data, int64_t a, int64_t b)
{
    for (int64_t i = a, j = b - 1; i < j; i++, j--)
        Swap(i, j);
}

static void pdqsort(const SortData *data, int64_t a, int64_t b, int limit)
{
    enum { maxInsertion = 12 };
    bool wasBalanced = true, wasPartitioned = true;
    for (;;) {
        int64_t length = b - a;
        if (length <= maxInsertion) {
            insertionSort(data, a, b);
            return;
        }
        if (limit == 0) {
            heapSort(data, a, b);
            return;
        }
        if (!wasBalanced) {
            breakPatterns(data, a, b);
            limit--;
        }
        sortedHint hint;
        int64_t pivot = choosePivot(data, a, b, &hint);
        if (hint == decreasingHint) {
            reverseRange(data, a, b);
            pivot = (b - 1) - (pivot - a);
            hint = increasingHint;
        }
        if (wasBalanced && wasPartitioned && hint == increasingHint)
            if (partialInsertionSort(data, a, b))
                return;
        if (a > 0 && !Less(a - 1, pivot)) {
            a = partitionEqual(data, a, b, pivot);
            continue;
        }
        bool alreadyPartitioned;
        int64_t mid = partition(data, a, b, pivot, &alreadyPartitioned);
        wasPartitioned = alreadyPartitioned;
        int64_t leftLen = mid - a, rightLen = b - mid;
        int64_t balanceThreshold = length / 8;
        if (leftLen < rightLen) {
            wasBalanced = leftLen >= balanceThreshold;
            pdqsort(data, a, mid, limit);
            a = mid + 1;
        } else {
            wasBalanced = rightLen >= balanceThreshold;
            pdqsort(data, mid + 1, b, limit);
            b = mid;
        }
    }
}

void sort_Sort(const SortData *data, int64_t n)
{
    if (n <= 1)
        return;
    pdqsort(data, 0, n, bitsLen((uint64_t)n));
}

/* ---- Go's stable sort: insertion sort of 20-element blocks, then
   SymMerge (sort/zsortinterface.go stable, symMerge, rotate, swapRange;
   zsortfunc.go's stable_func is the same code over lessSwap). ---- */

static void swapRange(const SortData *data, int64_t a, int64_t b, int64_t n)
{
    for (int64_t i = 0; i < n; i++)
        Swap(a + i, b + i);
}

/* Data of the form 'x u v y' becomes 'x v u y' (u = [a, m), v = [m, b)). */
static void rotate(const SortData *data, int64_t a, int64_t m, int64_t b)
{
    int64_t i = m - a, j = b - m;
    while (i != j) {
        if (i > j) {
            swapRange(data, m - i, m, j);
            i -= j;
        } else {
            swapRange(data, m - i, m + j - i, i);
            j -= i;
        }
    }
    swapRange(data, m - i, m, i);
}

/* Merges the sorted [a, m) and [m, b); requires a < m && m < b. */
static void symMerge(const SortData *data, int64_t a, int64_t m, int64_t b)
{
    if (m - a == 1) {
        int64_t i = m, j = b;
        while (i < j) {
            int64_t h = (int64_t)((uint64_t)(i + j) >> 1);
            if (Less(h, a))
                i = h + 1;
            else
                j = h;
        }
        for (int64_t k = a; k < i - 1; k++)
            Swap(k, k + 1);
        return;
    }
    if (b - m == 1) {
        int64_t i = a, j = m;
        while (i < j) {
            int64_t h = (int64_t)((uint64_t)(i + j) >> 1);
            if (!Less(m, h))
                i = h + 1;
            else
                j = h;
        }
        for (int64_t k = m; k > i; k--)
            Swap(k, k - 1);
        return;
    }
    int64_t mid = (int64_t)((uint64_t)(a + b) >> 1);
    int64_t n = mid + m, start, r;
    if (m > mid) {
        start = n - b;
        r = mid;
    } else {
        start = a;
        r = m;
    }
    int64_t p = n - 1;
    while (start < r) {
        int64_t c = (int64_t)((uint64_t)(start + r) >> 1);
        if (!Less(p - c, c))
            start = c + 1;
        else
            r = c;
    }
    int64_t end = n - start;
    if (start < m && m < end)
        rotate(data, start, m, end);
    if (a < start && start < mid)
        symMerge(data, a, start, mid);
    if (mid < end && end < b)
        symMerge(data, mid, end, b);
}

void sort_Stable(const SortData *data, int64_t n)
{
    int64_t blockSize = 20;     /* must be > 0 */
    int64_t a = 0, b = blockSize;
    while (b <= n) {
        insertionSort(data, a, b);
        a = b;
        b += blockSize;
    }
    insertionSort(data, a, n);
    while (blockSize < n) {
        a = 0;
        b = 2 * blockSize;
        while (b <= n) {
            symMerge(data, a, a + blockSize, b);
            a = b;
            b += 2 * blockSize;
        }
        int64_t m = a + blockSize;
        if (m < n)
            symMerge(data, a, m, n);
        blockSize *= 2;
    }
}
