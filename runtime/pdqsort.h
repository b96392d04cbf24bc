/* pdqsort.h — Go's sort.Sort: pattern-defeating quicksort over Less and
 * Swap callbacks, so that any unstable sort in mini (sort.Ints, Float64s,
 * and later sort.Sort and sort.Slice calling back into mini code) leaves
 * equal elements in the very order Go 1.19 leaves them.
 *
 * Go: sort/zsortinterface.go (pdqsort, insertionSort, heapSort, partition,
 * partitionEqual, partialInsertionSort, breakPatterns, choosePivot),
 * sort/sort.go (Sort, xorshift). Deterministic: breakPatterns seeds its
 * xorshift with the length, as Go does.
 */
#ifndef MINI_PDQSORT_H
#define MINI_PDQSORT_H

#include <stdbool.h>
#include <stdint.h>

typedef struct SortData {
    bool (*Less)(void *ctx, int64_t i, int64_t j);
    void (*Swap)(void *ctx, int64_t i, int64_t j);
    void *ctx;
} SortData;

/* Go: sort.Sort(data) for data.Len() == n. */
void sort_Sort(const SortData *data, int64_t n);
/* Go: sort.Stable(data) for data.Len() == n: insertion-sorted blocks, then
   SymMerge, so equal elements keep their order and Less/Swap run in Go's
   order. */
void sort_Stable(const SortData *data, int64_t n);

#endif
