/*
 * Go: runtime/malloc.go, runtime/mheap.go, runtime/mcentral.go,
 *     runtime/mcache.go, runtime/mbitmap.go (span bits).
 *
 * mini's heap, the memory every heap object of a mini program lives in.
 * It is mini's own -- mmap'd pages, never libc malloc, never Boehm -- so
 * that the collector in mgc.c can be precise and can be watched.
 *
 * Structures, from the OS up (Go's names):
 *
 *   heap arena   64 MB of address space reserved with mmap, aligned to 64 MB.
 *                Its heapArena record maps each of its 8192 pages to the
 *                mspan that owns the page.
 *   arena index  mheap_.arenas[l1][l2]: a two-level radix table over the
 *                48-bit address space, indexed by address / 64 MB. Together
 *                with heapArena.spans it answers spanOf(p) for ANY address p
 *                in O(1): three loads, no search.
 *   mspan        a run of whole pages. In use, it holds either nelems
 *                objects of one size class, or one large object (> 32 KB,
 *                size class 0). Free spans sit in mheap_.free lists and are
 *                coalesced with free neighbours.
 *   mcentral     per span class, the in-use spans with a free slot
 *                (partial) and those without (full).
 *   mcache       the span each span class currently allocates from. Go has
 *                one per P; mini runs on one OS thread and has one, mcache0.
 *
 * A span class is sizeclass<<1 | noscan: objects without pointers live in
 * separate spans, which the collector never scans (Go: spanClass).
 *
 * Per object, a span keeps: its alloc bit, its mark bit (gcmarkBits), and
 * its TypeDesc (types[i]; Go keeps a pointer bitmap instead -- mini keeps
 * the type so the heap dump can name every object).
 *
 * Invariants (asserted where they are relied on):
 *   - an in-use span's spans[] entries cover all of its pages; a free span's
 *     cover at least its first and last page (for coalescing);
 *   - spanOfHeap(p) != NULL  iff  base <= p < limit of an in-use span, where
 *     limit = base + nelems*elemsize (the tail waste is "not heap");
 *   - allocBits bit i set  iff  object i is allocated; allocCount == popcount;
 *   - a small span is in exactly one place: mcache0.alloc[spc], or its
 *     mcentral's partial list (allocCount < nelems), or full list
 *     (allocCount == nelems). Large spans are in no list;
 *   - every in-use span is in mheap_.allspans (index allspansIndex);
 *   - objects with pointers are always zeroed before mallocgc returns them,
 *     so the collector never reads a stale pointer.
 *
 * Not thread-safe: one OS thread runs the whole VM (see DESIGN.md).
 */
#ifndef MINI_MALLOC_H
#define MINI_MALLOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sizeclasses.h"
#include "typedesc.h"

enum {
    HeapAddrBits      = 48,
    LogHeapArenaBytes = 26,                        /* 64 MB, as Go on linux/amd64 */
    PagesPerArena     = (1 << LogHeapArenaBytes) / PageSize,
    ArenaL1Bits       = 10,
    ArenaL2Bits       = HeapAddrBits - LogHeapArenaBytes - ArenaL1Bits,
    NumSpanClasses    = NumSizeClasses << 1,
    MaxMHeapList      = 128,   /* free spans under this many pages: exact lists */
};
#define HeapArenaBytes ((uintptr_t)1 << LogHeapArenaBytes)

typedef uint8_t spanClass;

static inline spanClass makeSpanClass(uint8_t sizeclass, bool noscan)
{
    return (spanClass)(sizeclass << 1 | noscan);
}
static inline uint8_t spanClassSizeclass(spanClass sc) { return sc >> 1; }
static inline bool spanClassNoscan(spanClass sc) { return sc & 1; }

typedef enum mSpanState { mSpanDead, mSpanInUse, mSpanFree } mSpanState;

typedef struct mspan mspan;
typedef struct mSpanList { mspan *first, *last; } mSpanList;

struct mspan {
    mspan *next, *prev;          /* in *list */
    mSpanList *list;             /* the list s is on, or NULL */
    uintptr_t startAddr;         /* first byte; page aligned */
    uintptr_t npages;
    uintptr_t limit;             /* end of the last object */
    uintptr_t elemsize;          /* class size, or npages*PageSize if large */
    uint32_t divMul;             /* classToDivMagic; 0 for a large span */
    uint16_t nelems;             /* objects in the span */
    uint16_t allocCount;         /* allocated objects */
    uint16_t freeindex;          /* no free slot below this index */
    spanClass spanclass;
    uint8_t state;               /* mSpanState */
    bool needzero;               /* slots may hold old data */
    uint32_t sweepgen;           /* == mheap_.sweepgen: swept; -2: needs sweeping */
    uint32_t allspansIndex;
    uint64_t *allocBits;         /* -> bits[0] or bits[1] */
    uint64_t *gcmarkBits;        /* the other one; sweep swaps them */
    const TypeDesc **types;      /* types[i]: object i's type, NULL = noscan */
    const TypeDesc *largeType;   /* types points here for a large span */
    uint64_t bits[2][MaxObjsPerSpan / 64];
};

static inline uintptr_t spanBase(const mspan *s) { return s->startAddr; }

/* Go: heapArena. spans[i] is the span owning page i of the arena. */
typedef struct heapArena {
    mspan *spans[PagesPerArena];
    uintptr_t zeroedBase;        /* offset of the first never-used byte */
} heapArena;

typedef struct mcentral {
    spanClass spanclass;
    mSpanList partial;           /* in-use spans with a free slot */
    mSpanList full;              /* in-use spans without one */
} mcentral;

typedef struct mcache {
    mspan *alloc[NumSpanClasses];   /* span to allocate from, or NULL */
} mcache;

typedef struct mheap {
    heapArena **arenas[1 << ArenaL1Bits];   /* [l1] -> [1<<ArenaL2Bits] */
    mSpanList free[MaxMHeapList];  /* free[n]: free spans of n pages */
    mSpanList freelarge;           /* free spans of >= MaxMHeapList pages */
    mcentral central[NumSpanClasses];
    mspan **allspans;              /* every in-use span */
    uint32_t nallspans, capallspans;
    uint32_t sweepgen;             /* += 2 per GC cycle */
    uintptr_t pagesInUse;          /* pages in in-use spans */
    uintptr_t sys;                 /* bytes of arenas mapped */
    uintptr_t maxHeap;             /* --max-heap: cap on sys, 0 = none */
    uintptr_t arenaHint;           /* where to ask the OS for the next arena */
} mheap;

extern mheap mheap_;
extern mcache mcache0;

/* Counters kept by the allocator and the sweeper (Go: mstats.go). */
typedef struct mstats {
    uint64_t nmalloc;        /* objects allocated, ever */
    uint64_t nfree;          /* objects freed, ever */
    uint64_t totalAlloc;     /* bytes allocated, ever (slot sizes) */
    uint64_t heapAlloc;      /* bytes in allocated objects now */
} mstats;
extern mstats memstats;

/* ---- the interface the VM uses ---------------------------------------- */

/* mallocinit sets up an empty heap and the collector (it calls gcinit,
 * which reads GOGC and GODEBUG). Call once before any allocation. */
void mallocinit(void);
/* mallocfini unmaps the heap and frees its metadata; the heap may then be
 * initialised again (the unit tests do). Not needed at program exit. */
void mallocfini(void);

/* mallocgc allocates size bytes for a value of type typ (NULL: pointer-free
 * memory). size must be a multiple of typ->size: n values of typ make an
 * array. The result is zeroed unless needzero is false AND the type has no
 * pointers (then the caller overwrites every byte, as growslice does).
 * size 0 returns &zerobase, an address outside the heap.
 * May run a garbage collection BEFORE it allocates: every live pointer the
 * VM holds must be reachable from its root scanner at each call. */
void *mallocgc(uintptr_t size, const TypeDesc *typ, bool needzero);
/* newobject: new(T). newarray: make([]T, n)'s backing array, n >= 0;
 * the VM checks n against "makeslice: len out of range" first. */
void *newobject(const TypeDesc *typ);
void *newarray(const TypeDesc *typ, uintptr_t n);

extern uint64_t zerobase;

/* spanOf: the span owning p's page, possibly stale or free; NULL if p is
 * in no arena. spanOfHeap: the in-use span p points into, else NULL. */
static inline mspan *spanOf(uintptr_t p)
{
    uintptr_t ai = p >> LogHeapArenaBytes;
    if (ai >> (ArenaL1Bits + ArenaL2Bits))
        return NULL;
    heapArena **l2 = mheap_.arenas[ai >> ArenaL2Bits];
    if (l2 == NULL)
        return NULL;
    heapArena *ha = l2[ai & ((1 << ArenaL2Bits) - 1)];
    if (ha == NULL)
        return NULL;
    return ha->spans[(p >> PageShift) % PagesPerArena];
}

/* inHeapArena: is p inside address space the heap has mapped? Nothing but
 * heap objects lives there, so a pointer into an arena that is not inside
 * an allocated object is a bad pointer (a VM bug). */
static inline bool inHeapArena(uintptr_t p)
{
    uintptr_t ai = p >> LogHeapArenaBytes;
    if (ai >> (ArenaL1Bits + ArenaL2Bits))
        return false;
    heapArena **l2 = mheap_.arenas[ai >> ArenaL2Bits];
    return l2 != NULL && l2[ai & ((1 << ArenaL2Bits) - 1)] != NULL;
}

static inline mspan *spanOfHeap(uintptr_t p)
{
    mspan *s = spanOf(p);
    if (s == NULL || s->state != mSpanInUse || p < s->startAddr || p >= s->limit)
        return NULL;
    return s;
}

/* objIndex: which object of s holds p (Go: mspan.objIndex via divMul). */
static inline uintptr_t objIndex(const mspan *s, uintptr_t p)
{
    return (uintptr_t)(((uint64_t)(p - s->startAddr) * s->divMul) >> 32);
}

static inline bool isAllocated(const mspan *s, uintptr_t i)
{
    return (s->allocBits[i >> 6] >> (i & 63)) & 1;
}
static inline bool isMarked(const mspan *s, uintptr_t i)
{
    return (s->gcmarkBits[i >> 6] >> (i & 63)) & 1;
}

/* findObject maps any address p -- base or interior -- to the base of the
 * heap object holding it, and that object's span and index. Returns 0 if p
 * is not in an allocated heap object (outside the heap, in a span's tail
 * waste, or in a free slot). */
uintptr_t findObject(uintptr_t p, mspan **sp, uintptr_t *idxp);

/* Runtime internals, for mgc*.c and heapdump.c. */
void mcache_releaseAll(void);            /* flush mcache0 to the mcentrals */
void mheap_freeSpan(mspan *s);           /* return an empty in-use span */
void mSpanList_insert(mSpanList *l, mspan *s);
void mSpanList_remove(mSpanList *l, mspan *s);
void mheap_setMaxHeap(uintptr_t bytes);

/* ASan: slots not allocated are poisoned, so a VM bug that touches a freed
 * object is reported at once. No-ops in normal builds. */
#if defined(__SANITIZE_ADDRESS__)
#define MINI_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MINI_ASAN 1
#endif
#endif
#ifdef MINI_ASAN
#include <sanitizer/asan_interface.h>
#define HEAP_POISON(p, n)   ASAN_POISON_MEMORY_REGION((void *)(p), (n))
#define HEAP_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((void *)(p), (n))
#else
#define HEAP_POISON(p, n)   ((void)(p), (void)(n))
#define HEAP_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

#endif
