/* fmtsort.c — Go: internal/fmtsort/sort.go. */
#include "fmtsort.h"

#include <stdlib.h>
#include <string.h>

#include "iface.h"
#include "throw.h"

static int floatCompare(double a, double b)
{
    if (a != a)
        return -1;  /* Go: no good answer if b is a NaN so don't bother checking */
    if (b != b)
        return 1;
    return a < b ? -1 : a > b ? 1 : 0;
}

int fmtsort_compare(const RType *t, const void *pa, const void *pb)
{
    const unsigned char *a = pa, *b = pb;
    switch (t->td.kind) {
    case kindInt: case kindInt8: case kindInt16: case kindInt32: case kindInt64: {
        int64_t x, y;     /* normalized words (map.h) */
        memcpy(&x, a, 8);
        memcpy(&y, b, 8);
        return x < y ? -1 : x > y;
    }
    case kindUint: case kindUint8: case kindUint16: case kindUint32: case kindUint64: case kindUintptr:
    case kindPtr: case kindChan: case kindUnsafePointer: case kindBool: {
        uint64_t x, y;   /* bools: false < true; pointers: by address */
        memcpy(&x, a, 8);
        memcpy(&y, b, 8);
        return x < y ? -1 : x > y;
    }
    case kindFloat32: {
        float x, y;
        memcpy(&x, a, 4);
        memcpy(&y, b, 4);
        return floatCompare(x, y);
    }
    case kindFloat64: {
        double x, y;
        memcpy(&x, a, 8);
        memcpy(&y, b, 8);
        return floatCompare(x, y);
    }
    case kindString: {
        const char *x, *y;
        uint64_t nx, ny;
        memcpy(&x, a, 8); memcpy(&nx, a + 8, 8);
        memcpy(&y, b, 8); memcpy(&ny, b + 8, 8);
        size_t n = nx < ny ? nx : ny;
        int c = n ? memcmp(x, y, n) : 0;
        if (c)
            return c < 0 ? -1 : 1;
        return nx < ny ? -1 : nx > ny;
    }
    case kindStruct:
        for (int i = 0; i < t->nfields; i++) {
            size_t o = t->fields[i].offset;
            int c = fmtsort_compare(t->fields[i].typ, a + o, b + o);
            if (c)
                return c;
        }
        return 0;
    case kindArray:
        for (int64_t i = 0; i < t->len; i++) {
            size_t o = (size_t)i * t->elem->td.size;
            int c = fmtsort_compare(t->elem, a + o, b + o);
            if (c)
                return c;
        }
        return 0;
    case kindInterface: {
        /* Go: nil first, then by the dynamic type (by its address, as
           Go compares *rtype values: only same-typed keys have a portable
           order), then by value */
        void *const *x = pa, *const *y = pb;
        const RType *tx = iface_type(x[0], t->nmethods > 0), *ty = iface_type(y[0], t->nmethods > 0);
        if (!tx || !ty)
            return tx ? 1 : ty ? -1 : 0;
        if (tx != ty)
            return (uintptr_t)tx < (uintptr_t)ty ? -1 : 1;
        uint64_t bx[32], by[32];
        if (tx->td.size > sizeof bx)
            return 0;
        unboxT(tx, x[1], bx);
        unboxT(ty, y[1], by);
        return fmtsort_compare(tx, bx, by);
    }
    default:
        throw("fmtsort: bad type in compare");
    }
}

/* Stable merge sort of [lo, hi) by key (Go: sort.Stable). */
static void msort(const RType *kt, void **key, void **val, void **tk, void **tv, size_t lo, size_t hi)
{
    if (hi - lo < 2)
        return;
    size_t mid = lo + (hi - lo) / 2;
    msort(kt, key, val, tk, tv, lo, mid);
    msort(kt, key, val, tk, tv, mid, hi);
    size_t i = lo, j = mid, k = lo;
    while (i < mid && j < hi) {
        if (fmtsort_compare(kt, key[j], key[i]) < 0) {
            tk[k] = key[j]; tv[k++] = val[j++];
        } else {
            tk[k] = key[i]; tv[k++] = val[i++];
        }
    }
    while (i < mid) { tk[k] = key[i]; tv[k++] = val[i++]; }
    while (j < hi) { tk[k] = key[j]; tv[k++] = val[j++]; }
    memcpy(key + lo, tk + lo, (hi - lo) * sizeof *key);
    memcpy(val + lo, tv + lo, (hi - lo) * sizeof *val);
}

SortedMap fmtsort_Sort(const maptype *t, hmap *h)
{
    SortedMap s = { 0, NULL, NULL };
    size_t n = (size_t)maplen(h);
    if (n == 0)
        return s;
    s.key = malloc(n * sizeof *s.key);
    s.value = malloc(n * sizeof *s.value);
    void **tk = malloc(n * sizeof *tk), **tv = malloc(n * sizeof *tv);
    if (!s.key || !s.value || !tk || !tv)
        throw("out of memory sorting a map");
    hiter it;
    memset(&it, 0, sizeof it);
    for (mapiterinit(t, h, &it); it.key != NULL && s.n < n; mapiternext(&it)) {
        s.key[s.n] = it.key;
        s.value[s.n++] = it.elem;
    }
    msort(t->key, s.key, s.value, tk, tv, 0, s.n);
    free(tk);
    free(tv);
    return s;
}

void fmtsort_free(SortedMap *s)
{
    free(s->key);
    free(s->value);
    s->key = s->value = NULL;
    s->n = 0;
}
