/*
 * Go: runtime/mgcsweep.go (sweepone, mspan.sweep).
 *
 * After marking, every allocated object is black (marked: live) or white
 * (unmarked: garbage). Sweeping a span frees its white objects in one
 * stroke, as Go does: the mark bits become the alloc bits, and a cleared
 * bitmap becomes the next cycle's mark bits. A span left with no object goes
 * back to the page heap; the others go to their mcentral's partial or full
 * list.
 *
 * Sweep generations (Go: mspan.sweepgen): each cycle adds 2 to
 * mheap_.sweepgen, so at the end of marking every in-use span has
 *   s->sweepgen == mheap_.sweepgen - 2   needs sweeping;
 * sweeping sets
 *   s->sweepgen == mheap_.sweepgen       swept, ready to allocate from.
 * Spans created after the cycle started are born swept. mini sweeps every
 * span right at mark termination (Go sweeps lazily, on allocation and in the
 * background); the generations are kept so that lazy sweeping can come
 * later, and mcentral already refuses to hand out an unswept span.
 */
#include "mgc.h"

#include <stdlib.h>
#include <string.h>

#include "throw.h"

/* The spans this cycle must sweep: a snapshot of allspans at mark
 * termination (freeing a span changes allspans, not the snapshot). */
static struct {
    mspan **spans;
    uint32_t n, cap, next;
} sweep;

static void mspan_sweep(mspan *s)
{
    RT_ASSERT(s->state == mSpanInUse && s->sweepgen == mheap_.sweepgen - 2,
              "mspan.sweep: bad span state or sweepgen");
    bool small = spanClassSizeclass(s->spanclass) != 0;
    if (small) {
        RT_ASSERT(s->list != NULL, "mspan.sweep: small span in no mcentral list");
        mSpanList_remove(s->list, s);
    }

    uintptr_t nwords = ((uintptr_t)s->nelems + 63) / 64;
    uint16_t nalloc = 0;
    for (uintptr_t k = 0; k < nwords; k++) {
        uint64_t alloc = s->allocBits[k], mark = s->gcmarkBits[k];
        RT_ASSERT((mark & ~alloc) == 0, "mspan.sweep: marked object that is not allocated");
        nalloc += (uint16_t)__builtin_popcountll(mark);
        for (uint64_t dead = alloc & ~mark; dead != 0; dead &= dead - 1) {
            uintptr_t i = k * 64 + (uintptr_t)__builtin_ctzll(dead);
            s->types[i] = NULL;
            HEAP_POISON(s->startAddr + i * s->elemsize, s->elemsize);
        }
    }
    uint16_t nfreed = (uint16_t)(s->allocCount - nalloc);

    /* The mark bits become the alloc bits; fresh mark bits for next time. */
    uint64_t *old = s->allocBits;
    s->allocBits = s->gcmarkBits;
    s->gcmarkBits = old;
    memset(s->gcmarkBits, 0, nwords * sizeof(uint64_t));
    s->allocCount = nalloc;
    s->freeindex = 0;
    if (nfreed > 0)
        s->needzero = true;
    s->sweepgen = mheap_.sweepgen;

    memstats.nfree += nfreed;
    memstats.heapAlloc -= (uint64_t)nfreed * s->elemsize;

    if (nalloc == 0)
        mheap_freeSpan(s);
    else if (small)
        mSpanList_insert(nalloc == s->nelems ? &mheap_.central[s->spanclass].full
                                             : &mheap_.central[s->spanclass].partial, s);
}

/* sweepone sweeps one unswept span; returns its pages, 0 if none is left. */
uintptr_t sweepone(void)
{
    while (sweep.next < sweep.n) {
        mspan *s = sweep.spans[sweep.next++];
        /* A span may have been freed and its record reused since the
         * snapshot; then it is not in use, or it is already current. */
        if (s->state != mSpanInUse || s->sweepgen != mheap_.sweepgen - 2)
            continue;
        uintptr_t npages = s->npages;
        mspan_sweep(s);
        return npages;
    }
    return 0;
}

/* gcSweep starts the sweep of the cycle that just marked, and (stop-the-
 * world collector) finishes it. */
void gcSweep(void)
{
    RT_ASSERT(gcphase == GCoff, "gcSweep: still marking");
    RT_ASSERT(sweep.next == sweep.n, "gcSweep: last sweep unfinished");
    mheap_.sweepgen += 2;
    if (sweep.cap < mheap_.nallspans) {
        free(sweep.spans);
        sweep.cap = mheap_.nallspans * 2;
        sweep.spans = malloc(sweep.cap * sizeof *sweep.spans);
        if (sweep.spans == NULL)
            throw("out of memory (sweep list)");
    }
    sweep.n = mheap_.nallspans;
    if (sweep.n > 0)
        memcpy(sweep.spans, mheap_.allspans, sweep.n * sizeof *sweep.spans);
    sweep.next = 0;
    while (sweepone() != 0)
        ;
}

void sweepfini(void)
{
    free(sweep.spans);
    memset(&sweep, 0, sizeof sweep);
}
