/*
 * Go: runtime/malloc.go (mallocgc), runtime/mheap.go (mheap, mspan, arenas),
 *     runtime/mcentral.go, runtime/mcache.go, runtime/mbitmap.go (alloc bits).
 *
 * How an allocation flows, as in Go:
 *
 *   mallocgc(size, typ)
 *     size <= 32 KB: size class -> span class -> mcache0.alloc[spc];
 *                    the first zero alloc bit at or after freeindex is the
 *                    slot. A full span goes to its mcentral's full list and
 *                    mcache_refill takes a partial span from the mcentral, or
 *                    a fresh span from the mheap.
 *     size >  32 KB: a span of its own, straight from the mheap.
 *   mheap_allocSpan(npages): the smallest free span that fits (exact free
 *                    lists below 128 pages, best fit above), split; if none,
 *                    mheap_grow maps another 64 MB arena from the OS.
 *
 * The mheap is a simplified Go 1.11 mheap (free lists of spans, coalescing
 * with free neighbours) rather than Go 1.14's radix page allocator: same
 * idea, a tenth of the code. Freed pages are not returned to the OS (there is
 * no scavenger); they are reused.
 *
 * Invariants: see malloc.h. Allocation happens only with gcphase == GCoff or
 * GCmark (an object allocated while marking is born black, so the collector
 * need not find it); never while the world is stopped.
 */
#include "malloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "mgc.h"
#include "throw.h"

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif
#ifndef MAP_NORESERVE
#define MAP_NORESERVE 0
#endif

mheap mheap_;
mcache mcache0;
mstats memstats;
uint64_t zerobase;

/* Go puts the heap at 0xc000000000 so that its pointers are recognisable;
 * mini asks for the same place (and takes whatever the OS gives otherwise). */
#define ArenaHintStart ((uintptr_t)0xc0 << 32)

/* Mapped regions, for mallocfini. */
static struct region { uintptr_t base, size; } *regions;
static size_t nregions, capregions;

/* ======================================================================
 * mSpanList: intrusive doubly linked lists of spans
 * ====================================================================== */

void mSpanList_insert(mSpanList *l, mspan *s)
{
    RT_ASSERT(s->list == NULL && s->next == NULL && s->prev == NULL,
              "mSpanList.insert: span already on a list");
    s->next = l->first;
    if (l->first != NULL)
        l->first->prev = s;
    else
        l->last = s;
    l->first = s;
    s->list = l;
}

void mSpanList_remove(mSpanList *l, mspan *s)
{
    RT_ASSERT(s->list == l, "mSpanList.remove: span not on this list");
    if (s->prev != NULL)
        s->prev->next = s->next;
    else
        l->first = s->next;
    if (s->next != NULL)
        s->next->prev = s->prev;
    else
        l->last = s->prev;
    s->next = s->prev = NULL;
    s->list = NULL;
}

/* ======================================================================
 * spanalloc: mspan records (Go: fixalloc). Never given back to libc while
 * the heap lives, because stale heapArena.spans entries may still point at
 * a dead record; spanOfHeap rejects those by state and bounds.
 * ====================================================================== */

enum { SpanChunk = 64 };
typedef struct spanChunk { struct spanChunk *next; mspan spans[SpanChunk]; } spanChunk;
static spanChunk *spanChunks;
static mspan *spanFree;

static mspan *spanalloc(void)
{
    if (spanFree == NULL) {
        spanChunk *c = calloc(1, sizeof *c);
        if (c == NULL)
            throw("out of memory (span records)");
        c->next = spanChunks;
        spanChunks = c;
        for (int i = 0; i < SpanChunk; i++) {
            c->spans[i].next = spanFree;
            spanFree = &c->spans[i];
        }
    }
    mspan *s = spanFree;
    spanFree = s->next;
    memset(s, 0, sizeof *s);
    return s;
}

static void spanfree(mspan *s)
{
    RT_ASSERT(s->list == NULL, "spanfree: span still on a list");
    s->state = mSpanDead;
    s->next = spanFree;
    spanFree = s;
}

/* ======================================================================
 * Arenas: address space from the OS, and the index over it
 * ====================================================================== */

static heapArena *heapArenaOf(uintptr_t p)
{
    uintptr_t ai = p >> LogHeapArenaBytes;
    heapArena **l2 = mheap_.arenas[ai >> ArenaL2Bits];
    RT_ASSERT(l2 != NULL, "heapArenaOf: address not in an arena");
    heapArena *ha = l2[ai & ((1 << ArenaL2Bits) - 1)];
    RT_ASSERT(ha != NULL, "heapArenaOf: address not in an arena");
    return ha;
}

/* sysAlloc reserves size bytes (a multiple of HeapArenaBytes) aligned to
 * HeapArenaBytes, readable and writable, zero-filled. NULL if the OS says no. */
static void *sysAlloc(uintptr_t size)
{
    if (mheap_.arenaHint != 0) {
        void *p = mmap((void *)mheap_.arenaHint, size, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
        if (p == (void *)mheap_.arenaHint) {
            mheap_.arenaHint += size;
            return p;
        }
        if (p != MAP_FAILED)       /* a kernel that took the address as a mere hint */
            munmap(p, size);
        mheap_.arenaHint = 0;      /* the hinted range is taken: stop trying */
    }
    uintptr_t n = size + HeapArenaBytes;
    void *p = mmap(NULL, n, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    uintptr_t lo = (uintptr_t)p, base = (lo + HeapArenaBytes - 1) & ~(HeapArenaBytes - 1);
    if (base > lo)
        munmap(p, base - lo);
    if (lo + n > base + size)
        munmap((void *)(base + size), lo + n - (base + size));
    return (void *)base;
}

static void registerArena(uintptr_t base)
{
    uintptr_t ai = base >> LogHeapArenaBytes;
    RT_ASSERT(ai >> (ArenaL1Bits + ArenaL2Bits) == 0, "arena above the 48-bit address space");
    heapArena ***l2p = &mheap_.arenas[ai >> ArenaL2Bits];
    if (*l2p == NULL && (*l2p = calloc((size_t)1 << ArenaL2Bits, sizeof(heapArena *))) == NULL)
        throw("out of memory (arena index)");
    heapArena **hap = &(*l2p)[ai & ((1 << ArenaL2Bits) - 1)];
    RT_ASSERT(*hap == NULL, "arena registered twice");
    if ((*hap = calloc(1, sizeof(heapArena))) == NULL)
        throw("out of memory (arena metadata)");
}

/* ======================================================================
 * The page heap
 * ====================================================================== */

static void setSpan(uintptr_t p, mspan *s)
{
    heapArenaOf(p)->spans[(p >> PageShift) % PagesPerArena] = s;
}

static void setSpans(mspan *s)   /* every page: s is in use */
{
    for (uintptr_t i = 0; i < s->npages; i++)
        setSpan(s->startAddr + i * PageSize, s);
}

static void setSpanBoundaries(mspan *s)   /* first and last page: s is free */
{
    setSpan(s->startAddr, s);
    setSpan(s->startAddr + (s->npages - 1) * PageSize, s);
}

static mSpanList *freeListFor(uintptr_t npages)
{
    return npages < MaxMHeapList ? &mheap_.free[npages] : &mheap_.freelarge;
}

static void allspansAdd(mspan *s)
{
    if (mheap_.nallspans == mheap_.capallspans) {
        uint32_t cap = mheap_.capallspans ? 2 * mheap_.capallspans : 256;
        mspan **a = realloc(mheap_.allspans, cap * sizeof *a);
        if (a == NULL)
            throw("out of memory (allspans)");
        mheap_.allspans = a;
        mheap_.capallspans = cap;
    }
    s->allspansIndex = mheap_.nallspans;
    mheap_.allspans[mheap_.nallspans++] = s;
}

static void allspansRemove(mspan *s)
{
    uint32_t i = s->allspansIndex;
    RT_ASSERT(i < mheap_.nallspans && mheap_.allspans[i] == s, "allspans: span not found");
    mspan *last = mheap_.allspans[--mheap_.nallspans];
    mheap_.allspans[i] = last;
    last->allspansIndex = i;
}

/* insertFree puts free span s on its free list, first merging it with free
 * neighbours (Go 1.11: mheap.coalesce). */
static void insertFree(mspan *s)
{
    s->state = mSpanFree;
    uintptr_t end = s->startAddr + s->npages * PageSize;
    mspan *before = spanOf(s->startAddr - 1);
    if (before != NULL && before->state == mSpanFree &&
        before->startAddr + before->npages * PageSize == s->startAddr) {
        mSpanList_remove(before->list, before);
        s->startAddr = before->startAddr;
        s->npages += before->npages;
        spanfree(before);
    }
    mspan *after = spanOf(end);
    if (after != NULL && after->state == mSpanFree && after->startAddr == end) {
        mSpanList_remove(after->list, after);
        s->npages += after->npages;
        spanfree(after);
    }
    setSpanBoundaries(s);
    mSpanList_insert(freeListFor(s->npages), s);
}

void mheap_setMaxHeap(uintptr_t bytes) { mheap_.maxHeap = bytes; }

/* mheap_grow maps enough new arenas for npages and frees them into the
 * heap. False if --max-heap or the OS refuses. */
static bool mheap_grow(uintptr_t npages)
{
    uintptr_t size = (npages * PageSize + HeapArenaBytes - 1) & ~(HeapArenaBytes - 1);
    if (mheap_.maxHeap != 0 && mheap_.sys + size > mheap_.maxHeap)
        return false;
    void *v = sysAlloc(size);
    if (v == NULL)
        return false;
    if (nregions == capregions) {
        capregions = capregions ? 2 * capregions : 16;
        regions = realloc(regions, capregions * sizeof *regions);
        if (regions == NULL)
            throw("out of memory (regions)");
    }
    regions[nregions++] = (struct region){(uintptr_t)v, size};
    for (uintptr_t a = 0; a < size; a += HeapArenaBytes)
        registerArena((uintptr_t)v + a);
    HEAP_POISON(v, size);
    mheap_.sys += size;

    mspan *s = spanalloc();
    s->startAddr = (uintptr_t)v;
    s->npages = size / PageSize;
    insertFree(s);
    return true;
}

/* allocNeedsZero: may pages [base, base+npages) hold old data? Pages past
 * an arena's zeroedBase have never been handed out, and mmap zeroed them. */
static bool allocNeedsZero(uintptr_t base, uintptr_t npages)
{
    bool need = false;
    uintptr_t end = base + npages * PageSize;
    while (base < end) {
        heapArena *ha = heapArenaOf(base);
        uintptr_t arenaStart = base & ~(HeapArenaBytes - 1);
        uintptr_t off = base - arenaStart;
        uintptr_t lim = end - arenaStart < HeapArenaBytes ? end - arenaStart : HeapArenaBytes;
        if (off < ha->zeroedBase)
            need = true;
        if (lim > ha->zeroedBase)
            ha->zeroedBase = lim;
        base = arenaStart + HeapArenaBytes;
    }
    return need;
}

/* mheap_allocSpan returns an in-use span of exactly npages pages, entered
 * in the arena index and allspans, or NULL if the heap cannot grow. */
static mspan *mheap_allocSpan(uintptr_t npages)
{
    mspan *s = NULL;
    for (uintptr_t n = npages; n < MaxMHeapList && s == NULL; n++)
        s = mheap_.free[n].first;
    if (s == NULL) {
        for (mspan *t = mheap_.freelarge.first; t != NULL; t = t->next)
            if (t->npages >= npages &&
                (s == NULL || t->npages < s->npages ||
                 (t->npages == s->npages && t->startAddr < s->startAddr)))
                s = t;
    }
    if (s == NULL) {
        if (!mheap_grow(npages))
            return NULL;
        return mheap_allocSpan(npages);
    }
    RT_ASSERT(s->state == mSpanFree && s->npages >= npages, "mheap: bad free span");
    mSpanList_remove(s->list, s);
    if (s->npages > npages) {
        mspan *t = spanalloc();
        t->startAddr = s->startAddr + npages * PageSize;
        t->npages = s->npages - npages;
        t->state = mSpanFree;
        setSpanBoundaries(t);
        mSpanList_insert(freeListFor(t->npages), t);
        s->npages = npages;
    }
    s->state = mSpanInUse;
    s->needzero = allocNeedsZero(s->startAddr, npages);
    s->sweepgen = mheap_.sweepgen;
    setSpans(s);
    allspansAdd(s);
    mheap_.pagesInUse += npages;
    return s;
}

/* mheap_alloc returns a span of npages set up for span class spc (size
 * class 0: one large object), with no object allocated yet. */
static mspan *mheap_alloc(uintptr_t npages, spanClass spc)
{
    mspan *s = mheap_allocSpan(npages);
    if (s == NULL)
        return NULL;
    uint8_t sizeclass = spanClassSizeclass(spc);
    s->spanclass = spc;
    s->freeindex = 0;
    s->allocCount = 0;
    memset(s->bits, 0, sizeof s->bits);
    s->allocBits = s->bits[0];
    s->gcmarkBits = s->bits[1];
    if (sizeclass == 0) {
        s->elemsize = npages * PageSize;
        s->nelems = 1;
        s->divMul = 0;
        s->largeType = NULL;
        s->types = &s->largeType;
    } else {
        s->elemsize = class_to_size[sizeclass];
        s->nelems = (uint16_t)(npages * PageSize / s->elemsize);
        s->divMul = classToDivMagic(sizeclass);
        s->types = calloc(s->nelems, sizeof *s->types);
        if (s->types == NULL)
            throw("out of memory (span types)");
    }
    s->limit = s->startAddr + s->nelems * s->elemsize;
    return s;
}

void mheap_freeSpan(mspan *s)
{
    RT_ASSERT(s->state == mSpanInUse && s->list == NULL && s->allocCount == 0,
              "mheap.freeSpan: span in use");
    allspansRemove(s);
    mheap_.pagesInUse -= s->npages;
    if (s->types != &s->largeType)
        free(s->types);
    s->types = NULL;
    HEAP_POISON(s->startAddr, s->npages * PageSize);
    insertFree(s);
}

/* ======================================================================
 * mcentral and mcache
 * ====================================================================== */

/* mcentral_cacheSpan: a span of c's class with a free slot, for mcache0. */
static mspan *mcentral_cacheSpan(mcentral *c)
{
    mspan *s = c->partial.first;
    if (s != NULL) {
        mSpanList_remove(&c->partial, s);
        RT_ASSERT(s->sweepgen == mheap_.sweepgen, "mcentral: caching an unswept span");
        RT_ASSERT(s->allocCount < s->nelems, "mcentral: full span on the partial list");
        return s;
    }
    uint8_t sizeclass = spanClassSizeclass(c->spanclass);
    return mheap_alloc(class_to_allocnpages[sizeclass], c->spanclass);
}

static void mcentral_uncacheSpan(mcentral *c, mspan *s)
{
    mSpanList_insert(s->allocCount == s->nelems ? &c->full : &c->partial, s);
}

/* mcache_refill replaces mcache0's full span of class spc. NULL: no memory. */
static mspan *mcache_refill(spanClass spc)
{
    mspan *s = mcache0.alloc[spc];
    if (s != NULL) {
        RT_ASSERT(s->allocCount == s->nelems, "refill of a span with free space");
        mcentral_uncacheSpan(&mheap_.central[spc], s);
        mcache0.alloc[spc] = NULL;
    }
    s = mcentral_cacheSpan(&mheap_.central[spc]);
    mcache0.alloc[spc] = s;
    return s;
}

void mcache_releaseAll(void)
{
    for (int spc = 0; spc < NumSpanClasses; spc++) {
        mspan *s = mcache0.alloc[spc];
        if (s != NULL) {
            mcentral_uncacheSpan(&mheap_.central[spc], s);
            mcache0.alloc[spc] = NULL;
        }
    }
}

/* nextFreeIndex: the first free slot at or after s->freeindex, or nelems.
 * Bits past nelems are always clear, hence the bound check. */
static inline uintptr_t nextFreeIndex(const mspan *s)
{
    uintptr_t i = s->freeindex, n = s->nelems;
    while (i < n) {
        uint64_t free = ~s->allocBits[i >> 6] >> (i & 63);
        if (free != 0) {
            i += (uintptr_t)__builtin_ctzll(free);
            return i < n ? i : n;
        }
        i = (i | 63) + 1;
    }
    return n;
}

/* ======================================================================
 * mallocgc
 * ====================================================================== */

static noreturn void outOfMemory(uintptr_t size)
{
    fprintf(stderr, "runtime: out of memory: cannot allocate %ju-byte block (%ju in use)\n",
            (uintmax_t)size, (uintmax_t)mheap_.sys);
    throw("out of memory");
}

void *mallocgc(uintptr_t size, const TypeDesc *typ, bool needzero)
{
    if (size == 0)
        return &zerobase;
    RT_ASSERT(!work.worldStopped, "mallocgc called with the world stopped");
    bool noscan = !typeHasPointers(typ);
    if (!noscan) {
        RT_ASSERT(typ->size % 8 == 0 && (size == typ->size || size % typ->size == 0),
                  "mallocgc: size not a multiple of the type's size");
        needzero = true;        /* the collector must never see old pointers */
    }
    if (size > MaxAlloc)
        outOfMemory(size);

    /* Collect before allocating: the new object cannot be lost, and every
     * pointer the VM holds is in a root (Go checks after; its allocator's
     * own frame is a root, mini's C frame is not). */
    if (gcphase == GCoff && gcTriggerTest())
        gcCycle(gcTriggerHeap);

    bool triedGC = false;
    mspan *s;
    uintptr_t i;
    for (;;) {
        if (size <= MaxSmallSize) {
            spanClass spc = makeSpanClass(sizeToClass(size), noscan);
            s = mcache0.alloc[spc];
            if (s == NULL || (i = nextFreeIndex(s)) == s->nelems) {
                s = mcache_refill(spc);
                if (s != NULL)
                    i = nextFreeIndex(s);
            }
        } else {
            uintptr_t npages = (size + PageSize - 1) >> PageShift;
            s = mheap_alloc(npages, makeSpanClass(0, noscan));
            i = 0;
        }
        if (s != NULL)
            break;
        if (triedGC || gcphase != GCoff || !gcController.enabled)
            outOfMemory(size);
        gcCycle(gcTriggerHeap);   /* the heap limit: free what we can, retry once */
        triedGC = true;
    }
    RT_ASSERT(i < s->nelems && !isAllocated(s, i), "mallocgc: slot not free");

    uintptr_t x = s->startAddr + i * s->elemsize;
    s->allocBits[i >> 6] |= (uint64_t)1 << (i & 63);
    s->freeindex = (uint16_t)(i + 1);
    s->allocCount++;
    s->types[i] = typ;
    if (gcphase != GCoff)
        gcmarknewobject(s, i);      /* allocate black */

    memstats.nmalloc++;
    memstats.totalAlloc += s->elemsize;
    memstats.heapAlloc += s->elemsize;

    HEAP_UNPOISON(x, s->elemsize);
    if (needzero && s->needzero) {
        if (s->elemsize <= 64) {          /* small: cheaper than a call */
            for (uintptr_t *w = (uintptr_t *)x, *e = (uintptr_t *)(x + s->elemsize); w < e; w++)
                *w = 0;
        } else {
            memset((void *)x, 0, s->elemsize);
        }
    }
    return (void *)x;
}

void *newobject(const TypeDesc *typ)
{
    return mallocgc(typ->size, typ, true);
}

void *newarray(const TypeDesc *typ, uintptr_t n)
{
    if (typ->size != 0 && n > MaxAlloc / typ->size)
        throw("runtime: allocation size out of range");
    return mallocgc(typ->size * n, typ, true);
}

uintptr_t findObject(uintptr_t p, mspan **sp, uintptr_t *idxp)
{
    mspan *s = spanOfHeap(p);
    if (s == NULL)
        return 0;
    uintptr_t i = objIndex(s, p);
    if (!isAllocated(s, i))
        return 0;
    if (sp != NULL)
        *sp = s;
    if (idxp != NULL)
        *idxp = i;
    return s->startAddr + i * s->elemsize;
}

/* ======================================================================
 * Init and teardown
 * ====================================================================== */

void mallocinit(void)
{
    RT_ASSERT(nregions == 0, "mallocinit: heap already initialised");
    memset(&mheap_, 0, sizeof mheap_);
    memset(&mcache0, 0, sizeof mcache0);
    memset(&memstats, 0, sizeof memstats);
    for (int spc = 0; spc < NumSpanClasses; spc++)
        mheap_.central[spc].spanclass = (spanClass)spc;
    mheap_.arenaHint = ArenaHintStart;
    gcinit();
}

void mallocfini(void)
{
    gcfini();
    for (uint32_t k = 0; k < mheap_.nallspans; k++) {
        mspan *s = mheap_.allspans[k];
        if (s->types != &s->largeType)
            free(s->types);
    }
    free(mheap_.allspans);
    for (size_t k = 0; k < nregions; k++) {
        HEAP_UNPOISON(regions[k].base, regions[k].size);
        munmap((void *)regions[k].base, regions[k].size);
    }
    free(regions);
    regions = NULL;
    nregions = capregions = 0;
    for (int l1 = 0; l1 < (1 << ArenaL1Bits); l1++) {
        if (mheap_.arenas[l1] == NULL)
            continue;
        for (int l2 = 0; l2 < (1 << ArenaL2Bits); l2++)
            free(mheap_.arenas[l1][l2]);
        free(mheap_.arenas[l1]);
    }
    while (spanChunks != NULL) {
        spanChunk *c = spanChunks;
        spanChunks = c->next;
        free(c);
    }
    spanFree = NULL;
    memset(&mheap_, 0, sizeof mheap_);
    memset(&mcache0, 0, sizeof mcache0);
    memset(&memstats, 0, sizeof memstats);
}
