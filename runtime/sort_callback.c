/* sort_callback.c — the natives of package sort that call back into the
 * program: Slice, SliceStable, SliceIsSorted (a less func), Sort, Stable,
 * IsSorted (a sort.Interface), Search (a func), and Reverse with its
 * (*reverse).Less.
 *
 * Go: sort/slice.go, sort/sort.go (Sort, Stable, IsSorted, Reverse),
 * sort/search.go (Search), sort/zsortfunc.go and zsortinterface.go (the
 * same pdqsort and stable code, pdqsort.c here).
 *
 * Every Less and Swap runs in Go's order, so a less func with side effects
 * and elements that compare equal end as in Go. Each callback runs mini
 * code on the goroutine's stack (vm_callfv, vm_callback), which may move
 * the stack: nothing here keeps a pointer into it across a callback, and a
 * native with a result finds its slot again from gp->fp. The values the
 * callbacks need stay alive without roots: the slice's backing array,
 * the less closure and the Interface's data word are all reachable from
 * the native's arguments in its caller's call area, which the collector
 * scans while a callback runs (vm_scanroots); heap objects never move.
 */
#include <stdio.h>
#include <string.h>

#include "iface.h"
#include "malloc.h"
#include "natives.h"
#include "pdqsort.h"
#include "throw.h"

#pragma GCC diagnostic ignored "-Wunused-parameter"

/* ---- Slice, SliceStable, SliceIsSorted: Go's lessSwap{less, Swapper(x)} ---- */

typedef struct LessSwap {
    G *gp;
    void *less;         /* the func(i, j int) bool value */
    char *base;         /* the slice's elements */
    size_t size;        /* one element's size in bytes (Go's packed layout) */
} LessSwap;

static bool ls_less(void *ctx, int64_t i, int64_t j)
{
    LessSwap *ls = ctx;
    Slot args[3] = { { 0 }, { .i = i }, { .i = j } }, res[1];
    vm_callfv(ls->gp, ls->less, args, 3, res, 1);
    return res[0].u & 1;
}

/* Go: reflectlite.Swapper's generic case: swap size bytes. */
static void ls_swap(void *ctx, int64_t i, int64_t j)
{
    LessSwap *ls = ctx;
    char *x = ls->base + (size_t)i * ls->size, *y = ls->base + (size_t)j * ls->size;
    char tmp[256];
    for (size_t off = 0; off < ls->size; off += sizeof tmp) {
        size_t n = ls->size - off < sizeof tmp ? ls->size - off : sizeof tmp;
        memcpy(tmp, x + off, n);
        memcpy(x + off, y + off, n);
        memcpy(y + off, tmp, n);
    }
}

static const char *kindname(int k)
{
    static const char *const names[] = {
        "invalid", "bool", "int", "int8", "int16", "int32", "int64", "uint", "uint8",
        "uint16", "uint32", "uint64", "uintptr", "float32", "float64", "complex64",
        "complex128", "array", "chan", "func", "interface", "map", "ptr", "slice",
        "string", "struct", "unsafe.Pointer",
    };
    return k >= 0 && k < (int)(sizeof names / sizeof names[0]) ? names[k] : "invalid";
}

/* x (an `any` at a) as a slice for sort: Go's reflectValueOf(x) and
   Swapper(x), which panic with a reflect.ValueError for other kinds. */
static LessSwap slice_of(G *gp, const Slot *a, const char *method, int64_t *n)
{
    const RType *t = a[0].p;
    int k = t ? t->td.kind : 0;
    if (k != kindSlice) {
        char msg[96];
        snprintf(msg, sizeof msg, "reflect: call of %s on %s Value", method,
                 t ? kindname(k) : "zero");
        native_panic(gp, msg);
    }
    const Slot *h = a[1].p;     /* a slice is boxed: data points to {ptr, len, cap} */
    *n = h[1].i;
    return (LessSwap){ gp, NULL, h[0].p, t->elem->td.size };
}

/* [x any 2][less 1] */
static void sort_Slice(G *gp, Slot *a, int n)
{
    int64_t len;
    LessSwap ls = slice_of(gp, a, "Swapper", &len);
    ls.less = a[2].p;
    sort_Sort(&(SortData){ ls_less, ls_swap, &ls }, len);
}

static void sort_SliceStable(G *gp, Slot *a, int n)
{
    int64_t len;
    LessSwap ls = slice_of(gp, a, "Swapper", &len);
    ls.less = a[2].p;
    sort_Stable(&(SortData){ ls_less, ls_swap, &ls }, len);
}

/* [bool][x any 2][less 1] */
static void sort_SliceIsSorted(G *gp, Slot *a, int n)
{
    ptrdiff_t off = a - gp->fp;
    int64_t len;
    LessSwap ls = slice_of(gp, a + 1, "Len", &len);
    ls.less = a[3].p;
    bool sorted = true;
    for (int64_t i = len - 1; i > 0; i--)
        if (ls_less(&ls, i, i - 1)) {
            sorted = false;
            break;
        }
    gp->fp[off].u = sorted;
}

/* ---- Sort, Stable, IsSorted: a sort.Interface {itab, data} ---- */

typedef struct IfaceData {
    G *gp;
    void *data;                     /* the receiver word */
    struct Func *len, *less, *swap;
} IfaceData;

static struct Func *imethod(const Itab *tab, const char *name)
{
    for (int i = 0; i < tab->inter->nmethods; i++)
        if (strcmp(tab->inter->methods[i].name, name) == 0)
            return tab->fun[i];
    return NULL;
}

/* The Interface at a; a nil one panics as Go's data.Len() does. */
static IfaceData iface_of(G *gp, const Slot *a)
{
    const Itab *tab = a[0].p;
    if (!tab)
        panicmem(gp);
    return (IfaceData){ gp, a[1].p, imethod(tab, "Len"), imethod(tab, "Less"), imethod(tab, "Swap") };
}

static int64_t if_len(IfaceData *d)
{
    Slot args[2] = { { 0 }, { .p = d->data } }, res[1];
    vm_callback(d->gp, d->len, args, 2, res, 1);
    return res[0].i;
}

static bool if_less(void *ctx, int64_t i, int64_t j)
{
    IfaceData *d = ctx;
    Slot args[4] = { { 0 }, { .p = d->data }, { .i = i }, { .i = j } }, res[1];
    vm_callback(d->gp, d->less, args, 4, res, 1);
    return res[0].u & 1;
}

static void if_swap(void *ctx, int64_t i, int64_t j)
{
    IfaceData *d = ctx;
    Slot args[3] = { { .p = d->data }, { .i = i }, { .i = j } }, none[1];
    vm_callback(d->gp, d->swap, args, 3, none, 0);
}

/* [data 2] */
static void sort_SortIface(G *gp, Slot *a, int n)
{
    IfaceData d = iface_of(gp, a);
    sort_Sort(&(SortData){ if_less, if_swap, &d }, if_len(&d));
}

static void sort_StableIface(G *gp, Slot *a, int n)
{
    IfaceData d = iface_of(gp, a);
    sort_Stable(&(SortData){ if_less, if_swap, &d }, if_len(&d));
}

/* [bool][data 2] */
static void sort_IsSorted(G *gp, Slot *a, int n)
{
    ptrdiff_t off = a - gp->fp;
    IfaceData d = iface_of(gp, a + 1);
    bool sorted = true;
    for (int64_t i = if_len(&d) - 1; i > 0; i--)
        if (if_less(&d, i, i - 1)) {
            sorted = false;
            break;
        }
    gp->fp[off].u = sorted;
}

/* Go: Reverse(data) = &reverse{data}: [Interface 2][data 2]. Len and Swap
   are promoted from the embedded Interface (itab wrappers the compiler
   makes); Less is (*reverse).Less below. */
static void sort_Reverse(G *gp, Slot *a, int n)
{
    const RType *pt = rtype_named("*sort.reverse");
    const RType *it = rtype_named("sort.Interface");
    if (!pt || !it)
        throw("runtime type missing for sort.Reverse");
    const Itab *tab = getitab(it, pt, NULL);
    if (!tab)
        throw("sort.Reverse: no itab");
    Slot inner[2] = { a[2], a[3] };     /* rooted: the call area is scanned */
    Slot *r = mallocgc(16, &pt->elem->td, true);
    r[0] = inner[0];
    r[1] = inner[1];
    a[0].p = (void *)tab;
    a[1].p = r;
}

/* Go: reverse.Less(i, j) = r.Interface.Less(j, i): [bool][r][i][j] */
static void reverse_Less(G *gp, Slot *a, int n)
{
    ptrdiff_t off = a - gp->fp;
    const Slot *r = a[1].p;
    if (!r)
        panicmem(gp);
    IfaceData d = iface_of(gp, r);
    gp->fp[off].u = if_less(&d, a[3].i, a[2].i);
}

/* ---- Search ---- */

/* Go: search.go Search: the smallest i in [0, n) with f(i), or n.
   [int][n][f] */
static void sort_Search(G *gp, Slot *a, int n)
{
    ptrdiff_t off = a - gp->fp;
    void *f = a[2].p;
    int64_t i = 0, j = a[1].i;
    while (i < j) {
        int64_t h = (int64_t)((uint64_t)(i + j) >> 1);
        Slot args[2] = { { 0 }, { .i = h } }, res[1];
        vm_callfv(gp, f, args, 2, res, 1);
        if (!(res[0].u & 1))
            i = h + 1;
        else
            j = h;
    }
    gp->fp[off].i = i;
}

const Native sort_callback_natives[] = {
    { "sort", "Slice", sort_Slice },
    { "sort", "SliceStable", sort_SliceStable },
    { "sort", "SliceIsSorted", sort_SliceIsSorted },
    { "sort", "Sort", sort_SortIface },
    { "sort", "Stable", sort_StableIface },
    { "sort", "IsSorted", sort_IsSorted },
    { "sort", "Reverse", sort_Reverse },
    { "sort", "(*reverse).Less", reverse_Less },
    { "sort", "Search", sort_Search },
};
const int nsort_callback_natives = sizeof sort_callback_natives / sizeof sort_callback_natives[0];
