/*
 * Go: runtime/mgcmark.go (markroot, scanblock, scanobject, greyobject, shade,
 *     gcDrain), runtime/mgcwork.go (gcWork), runtime/mbitmap.go (findObject).
 *
 * The tri-color abstraction (Dijkstra et al., 1978), as Go states it in
 * mgcwork.go:
 *
 *   white  not marked. At the end of marking, white objects are garbage.
 *   grey   marked and on the work list (work.wbuf): reached, not yet scanned.
 *   black  marked and not on the work list: reached, and every pointer in
 *          it has been shaded.
 *
 * Marking moves objects white -> grey -> black and never back:
 * greyobject sets the mark bit and queues the object; scanobject pops it
 * and shades everything it points to. An object without pointers (in a
 * noscan span) has nothing to scan and goes straight from white to black.
 *
 * THE TRI-COLOR INVARIANT (strong form): no black object points to a white
 * object. It holds after every step: an object turns black only inside
 * scanobject, which shades all of its referents before returning. Hence
 * when the work list is empty (no grey left), every object reachable from
 * the roots is black, and the white ones can be freed. gcVerifyTricolor
 * checks it over the whole heap (--gc-verify, and the unit tests); when
 * marking becomes incremental, the write barrier is what will keep it.
 *
 * Precision: only words that a bitmap marks as pointer slots are followed
 * (TypeDesc.gcdata for objects, the VM's stack and global bitmaps for roots),
 * so an integer that happens to equal an address keeps nothing alive.
 */
#include "mgc.h"

#include <stdlib.h>
#include <string.h>

#include "throw.h"

/* ======================================================================
 * The grey work list (Go: gcWork put/tryGet; one list, one thread)
 * ====================================================================== */

static void gcw_put(uintptr_t obj)
{
    if (work.nwbuf == work.capwbuf) {
        size_t cap = work.capwbuf ? 2 * work.capwbuf : 1024;
        uintptr_t *b = realloc(work.wbuf, cap * sizeof *b);
        if (b == NULL)
            throw("out of memory (gc work list)");
        work.wbuf = b;
        work.capwbuf = cap;
    }
    work.wbuf[work.nwbuf++] = obj;
}

static bool gcw_tryGet(uintptr_t *obj)
{
    if (work.nwbuf == 0)
        return false;
    *obj = work.wbuf[--work.nwbuf];
    return true;
}

bool gcw_empty(void) { return work.nwbuf == 0; }

/* ======================================================================
 * Marking
 * ====================================================================== */

static noreturn void badPointer(mspan *s, uintptr_t p, const char *what)
{
    fprintf(stderr, "runtime: pointer %#jx to %s", (uintmax_t)p, what);
    if (s != NULL)
        fprintf(stderr, " span.base()=%#jx span.limit=%#jx span.state=%d",
                (uintmax_t)s->startAddr, (uintmax_t)s->limit, s->state);
    fputc('\n', stderr);
    throw("found bad pointer in Go heap (incorrect use of unsafe or cgo?)");
}

/* greyobject shades object objIndex of s, whose base is obj: white -> grey,
 * or straight to black if it holds no pointers. Grey or black: nothing. */
void greyobject(uintptr_t obj, mspan *s, uintptr_t objIndex)
{
    RT_ASSERT(gcphase == GCmark, "greyobject: not in the mark phase");
    RT_ASSERT(isAllocated(s, objIndex), "greyobject: free object");
    uint64_t *w = &s->gcmarkBits[objIndex >> 6], bit = (uint64_t)1 << (objIndex & 63);
    if (*w & bit)
        return;
    *w |= bit;
    work.bytesMarked += s->elemsize;
    work.nmarked++;
    if (spanClassNoscan(s->spanclass))
        return;                  /* black at once: nothing to scan */
    gcw_put(obj);
}

/* shade greys the object p points into, if p is a heap address.
 * Addresses outside the heap arenas (nil, stacks, static data) are not heap
 * pointers and are ignored; an address inside an arena but not inside an
 * allocated object is a runtime bug. */
void shade(uintptr_t p)
{
    mspan *s = spanOf(p);
    if (s == NULL)
        return;
    if (s->state != mSpanInUse || p < s->startAddr || p >= s->limit)
        badPointer(s, p, "unallocated span");
    uintptr_t i = objIndex(s, p);
    if (!isAllocated(s, i))
        badPointer(s, p, "free object");
    greyobject(s->startAddr + i * s->elemsize, s, i);
}

void gcmarknewobject(mspan *s, uintptr_t objIndex)
{
    s->gcmarkBits[objIndex >> 6] |= (uint64_t)1 << (objIndex & 63);
    work.bytesMarked += s->elemsize;
}

/* scanobject blackens grey object b: shade every word its type marks as a
 * pointer slot, in every value of it (an object may be an array of its
 * type). */
void scanobject(uintptr_t b)
{
    mspan *s = spanOfHeap(b);
    RT_ASSERT(s != NULL, "scanobject: not a heap object");
    uintptr_t i = objIndex(s, b);
    RT_ASSERT(s->startAddr + i * s->elemsize == b && isMarked(s, i),
              "scanobject: object not grey");
    const TypeDesc *t = s->types[i];
    RT_ASSERT(typeHasPointers(t), "scanobject: object has no pointer type");
    uintptr_t nwords = t->ptrdata / 8;
    for (uintptr_t off = 0; off + t->size <= s->elemsize; off += t->size) {
        const uintptr_t *v = (const uintptr_t *)(b + off);
        for (uintptr_t w = 0; w < nwords; w++)
            if (typeWordIsPointer(t->gcdata, w) && v[w] != 0)
                shade(v[w]);
    }
    work.nscanned++;
}

/* gcDrain scans grey objects until the list is empty or budget objects
 * were scanned (budget < 0: no limit). True if no grey object is left. */
bool gcDrain(intptr_t budget)
{
    RT_ASSERT(gcphase == GCmark, "gcDrain: not in the mark phase");
    uintptr_t b;
    while (budget != 0 && gcw_tryGet(&b)) {
        scanobject(b);
        if (budget > 0)
            budget--;
    }
    return gcw_empty();
}

/* ======================================================================
 * Roots
 * ====================================================================== */

static gcRootScanner rootScanner;
static void *rootCtx;
static void (*rootVisit)(uintptr_t p);

void gc_set_root_scanner(gcRootScanner fn, void *ctx)
{
    rootScanner = fn;
    rootCtx = ctx;
    gcController.enabled = fn != NULL;
}

void gc_push_root(void *const *slot)
{
    if (work.npushedRoots == MaxPushedRoots)
        throw("gc_push_root: too many temporary roots");
    work.pushedRoots[work.npushedRoots++] = slot;
}

void gc_pop_roots(int n)
{
    RT_ASSERT(n >= 0 && n <= work.npushedRoots, "gc_pop_roots: more pops than pushes");
    work.npushedRoots -= n;
}

/* scanblock: Go's scanblock(b0, n0, ptrmask): n bytes at b, one mask bit
 * per word (NULL: all pointer slots). */
void scanblock(uintptr_t b, uintptr_t n, const uint8_t *ptrmask)
{
    RT_ASSERT(work.scanningRoots, "root reported outside the root scanner");
    const uintptr_t *v = (const uintptr_t *)b;
    for (uintptr_t w = 0; w < n / 8; w++)
        if ((ptrmask == NULL || typeWordIsPointer(ptrmask, w)) && v[w] != 0)
            rootVisit(v[w]);
}

void gc_scan_words(const void *base, uintptr_t nwords, const uint8_t *bitmap)
{
    scanblock((uintptr_t)base, nwords * 8, bitmap);
}

/* The byte counts feed the pacer: only a marking scan counts, not a dump. */
void gc_scan_stack(const void *base, uintptr_t nwords, const uint8_t *bitmap)
{
    if (rootVisit == shade)
        work.stackScan += nwords * 8;
    scanblock((uintptr_t)base, nwords * 8, bitmap);
}

/* Words whose kinds nobody recorded (a native's arguments in its caller's
   call area) are scanned conservatively: a word that points into an
   allocated heap object keeps it alive, anything else is skipped. Safe
   because mini's heap never moves objects; the price is at most a
   falsely retained object. */
void gc_scan_conservative(const void *base, uintptr_t nwords)
{
    const uintptr_t *v = base;
    for (uintptr_t w = 0; w < nwords; w++) {
        uintptr_t p = v[w];
        mspan *s = p ? spanOf(p) : NULL;
        if (s == NULL || s->state != mSpanInUse || p < s->startAddr || p >= s->limit)
            continue;
        if (!isAllocated(s, objIndex(s, p)))
            continue;
        rootVisit(p);
    }
}

void gc_scan_globals(const void *base, uintptr_t nwords, const uint8_t *bitmap)
{
    if (rootVisit == shade)
        work.globalsScan += nwords * 8;
    scanblock((uintptr_t)base, nwords * 8, bitmap);
}

void gc_shade(const void *p)
{
    RT_ASSERT(work.scanningRoots, "gc_shade outside the root scanner");
    if (p != NULL)
        rootVisit((uintptr_t)p);
}

void gcScanRoots(void (*visit)(uintptr_t p))
{
    RT_ASSERT(!work.scanningRoots, "gcScanRoots: nested root scan");
    rootVisit = visit;
    work.scanningRoots = true;
    if (rootScanner != NULL)
        rootScanner(rootCtx);
    for (int k = 0; k < work.npushedRoots; k++)
        if (*work.pushedRoots[k] != NULL)
            visit((uintptr_t)*work.pushedRoots[k]);
    work.scanningRoots = false;
}

/* markroot shades every root (Go splits this into jobs: data, bss, each
 * goroutine's stack...; the VM's scanner walks them all). */
void markroot(void)
{
    gcScanRoots(shade);
}

/* ======================================================================
 * Colours and verification
 * ====================================================================== */

static int cmpuintptr(const void *a, const void *b)
{
    uintptr_t x = *(const uintptr_t *)a, y = *(const uintptr_t *)b;
    return x < y ? -1 : x > y;
}

/* A sorted copy of the work list, to ask "is it grey?" in O(log n). */
static uintptr_t *greySet(void)
{
    uintptr_t *g = malloc((work.nwbuf + 1) * sizeof *g);
    if (g == NULL)
        throw("out of memory (grey set)");
    if (work.nwbuf > 0) {
        memcpy(g, work.wbuf, work.nwbuf * sizeof *g);
        qsort(g, work.nwbuf, sizeof *g, cmpuintptr);
    }
    return g;
}

static bool isGrey(const uintptr_t *grey, uintptr_t obj)
{
    return bsearch(&obj, grey, work.nwbuf, sizeof obj, cmpuintptr) != NULL;
}

gcColor gc_color(const void *p)
{
    mspan *s;
    uintptr_t i, base = findObject((uintptr_t)p, &s, &i);
    if (base == 0)
        return gcNotHeap;
    if (!isMarked(s, i))
        return gcWhite;
    for (size_t k = 0; k < work.nwbuf; k++)
        if (work.wbuf[k] == base)
            return gcGrey;
    return gcBlack;
}

/* forEachPointer calls f(obj, s, i, target) for every non-nil pointer slot
 * of every allocated object with pointers. */
static void forEachPointer(void (*f)(uintptr_t obj, mspan *s, uintptr_t i, uintptr_t p, void *arg),
                           void *arg)
{
    for (uint32_t k = 0; k < mheap_.nallspans; k++) {
        mspan *s = mheap_.allspans[k];
        if (spanClassNoscan(s->spanclass))
            continue;
        for (uintptr_t i = 0; i < s->nelems; i++) {
            const TypeDesc *t = s->types[i];
            if (!isAllocated(s, i) || !typeHasPointers(t))
                continue;
            uintptr_t obj = s->startAddr + i * s->elemsize;
            for (uintptr_t off = 0; off + t->size <= s->elemsize; off += t->size)
                for (uintptr_t w = 0; w < t->ptrdata / 8; w++) {
                    uintptr_t p = ((const uintptr_t *)(obj + off))[w];
                    if (typeWordIsPointer(t->gcdata, w) && p != 0)
                        f(obj, s, i, p, arg);
                }
        }
    }
}

static void checkBlackToWhite(uintptr_t obj, mspan *s, uintptr_t i, uintptr_t p, void *grey)
{
    if (!isMarked(s, i) || isGrey(grey, obj))
        return;                               /* white or grey: not black */
    mspan *ts;
    uintptr_t ti;
    if (findObject(p, &ts, &ti) != 0 && !isMarked(ts, ti)) {
        fprintf(stderr, "runtime: black object %#jx points to white object %#jx\n",
                (uintmax_t)obj, (uintmax_t)p);
        throw("gc verify: tri-color invariant broken");
    }
}

void gcVerifyTricolor(void)
{
    uintptr_t *grey = greySet();
    forEachPointer(checkBlackToWhite, grey);
    free(grey);
}

static void checkNotDangling(uintptr_t obj, mspan *s, uintptr_t i, uintptr_t p, void *arg)
{
    (void)s, (void)i, (void)arg;
    if (inHeapArena(p) && findObject(p, NULL, NULL) == 0) {
        fprintf(stderr, "runtime: object %#jx points to freed memory %#jx\n",
                (uintmax_t)obj, (uintmax_t)p);
        throw("gc verify: dangling pointer after sweep");
    }
}

void gcVerifyHeap(void)
{
    forEachPointer(checkNotDangling, NULL);
}
