/* fmtsort.h — the order in which fmt prints a map's entries.
 *
 * Go: internal/fmtsort (Sort, compare). fmt prints a map sorted by key:
 * numbers ascending (NaN first), strings bytewise, false before true,
 * pointers by address, structs and arrays field by field.
 */
#ifndef MINI_FMTSORT_H
#define MINI_FMTSORT_H

#include <stddef.h>

#include "map.h"

typedef struct SortedMap {
    size_t n;
    void **key, **value;    /* malloc'd; the pointers point into the map's buckets */
} SortedMap;

/* Go: fmtsort.Sort: the entries of h (nil: none) in fmt's order. The result
 * points into the buckets: use it before anything can allocate in mini's
 * heap or change the map. */
SortedMap fmtsort_Sort(const maptype *t, hmap *h);
void fmtsort_free(SortedMap *s);
/* Go: fmtsort.compare: -1, 0, 1 for the values of type t at a and b. */
int fmtsort_compare(const RType *t, const void *a, const void *b);

#endif
