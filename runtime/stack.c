/* stack.c — goroutine stacks: allocation, growth by copying, overflow.
 *
 * Go: runtime/stack.go (stackalloc, stackfree, newstack, copystack,
 * adjustpointers, maxstacksize).
 *
 * A goroutine's stack is a contiguous array of 8-byte slots [lo, hi),
 * malloc'd outside mini's heap (the collector ignores its addresses). It
 * starts at StackMin (2 KB). When a CALL finds that the callee's frame
 * would pass hi (the morestack check in vm.c), newstack doubles the size
 * until the frame fits and copystack moves the used part to the new block.
 *
 * Invariants:
 *  - Nothing in the heap or the globals points into a stack (escape
 *    analysis will guarantee it; today no pointer to a stack slot exists
 *    at all). So only the stack's own pointer slots, found with each
 *    frame's stack map, and gp->fp need adjusting.
 *  - Frame records store distances, never addresses (vm.h), so they move
 *    unchanged.
 *  - The size is a power of two times StackMin; growing past
 *    vmconfig.maxstacksize is Go's fatal "stack overflow".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime2.h"
#include "throw.h"
#include "vm.h"

static void *stackalloc(size_t n)
{
    void *p = malloc(n);
    if (!p)
        throw("out of memory allocating stack");
    return p;
}

G *malg(size_t stacksize)
{
    G *gp = calloc(1, sizeof *gp);
    if (!gp)
        throw("out of memory allocating g");
    void *s = stackalloc(stacksize);
    memset(s, 0, stacksize);
    gp->stack.lo = (uintptr_t)s;
    gp->stack.hi = (uintptr_t)s + stacksize;
    gp->stackguard0 = vmconfig.stackstress ? 0 : gp->stack.hi;
    gp->atomicstatus = Gidle;
    return gp;
}

void stackfree(G *gp)
{
    free((void *)gp->stack.lo);
    gp->stack.lo = gp->stack.hi = 0;
}

/* adjustpointers: every pointer slot of every frame that points into the
   old stack [oldlo, oldhi) moves by delta. */
static void adjustframes(G *gp, uintptr_t oldlo, uintptr_t oldhi, intptr_t delta)
{
    Slot *fp = gp->fp;
    Func *fn = gp->fn;
    bool calledback = true;     /* the running frame's call area has no callee yet */
    while (fn) {
        RT_ASSERT((uintptr_t)fp >= gp->stack.lo, "copystack: frame below the stack");
        for (uint32_t i = 0; i < fn->nlocals; i++) {
            if (!((fn->stackmap[i >> 3] >> (i & 7)) & 1))
                continue;
            uintptr_t p = (uintptr_t)fp[i].p;
            if (p >= oldlo && p < oldhi)
                fp[i].p = (void *)(p + delta);
        }
        if (calledback) {
            /* a call area no callee's map covers: the arguments of the call
               being made (CALL grows the stack before the callee's frame
               exists) or of a native that called back. Its words have no
               kinds; one pointing into the old stack (a frame object
               escape analysis placed there) moves. */
            for (uint32_t i = fn->nlocals; i < fn->framesize; i++) {
                uintptr_t p = fp[i].u;
                if (p >= oldlo && p < oldhi)
                    fp[i].u = p + (uintptr_t)delta;
            }
        }
        Slot *rec = fp + fn->hdr;
        calledback = rec[0].u & 1;
        fn = rec[2].p;
        fp -= rec[1].u;
    }
}

/* Go: adjustsudogs: a sudog's elem may point at a value slot in gp's
   frames. Only a running g's stack grows, and a running g has no sudogs
   today; this keeps copystack right for any g. */
static void adjustsudogs(G *gp, uintptr_t oldlo, uintptr_t oldhi, intptr_t delta)
{
    for (sudog *sg = gp->waiting; sg; sg = sg->waitlink) {
        uintptr_t p = (uintptr_t)sg->elem;
        if (p >= oldlo && p < oldhi)
            sg->elem = (void *)(p + delta);
    }
}

/* Deferred calls' words may hold the addresses of frame objects (`defer
   mu.Unlock()` with mu kept in the frame by escape analysis). A record's
   words have no kinds, so any word that points into the old stack moves:
   stacks are malloc'd blocks, far from any integer a program stores in a
   defer argument by chance. */
static void adjustdefers(G *gp, uintptr_t oldlo, uintptr_t oldhi, intptr_t delta)
{
    for (_defer *d = gp->_defer; d; d = d->link) {
        uintptr_t c = (uintptr_t)d->closure;
        if (c >= oldlo && c < oldhi)
            d->closure = (void *)(c + delta);
        for (int i = 0; i < d->nwords; i++) {
            uintptr_t p = d->args[i].u;
            if (p >= oldlo && p < oldhi)
                d->args[i].u = p + (uintptr_t)delta;
        }
    }
}

/* copystack: moves gp's stack to a new block of newsize bytes. gp->fp and
   gp->fn describe the running frame. */
static void copystack(G *gp, size_t newsize)
{
    uintptr_t oldlo = gp->stack.lo, oldhi = gp->stack.hi;
    size_t oldsize = oldhi - oldlo;
    RT_ASSERT(newsize >= oldsize, "copystack: stacks never shrink here");
    Gstatus status = gp->atomicstatus;
    gp->atomicstatus = Gcopystack;
    char *s = stackalloc(newsize);
    /* Only the used part moves: up to the end of the running frame's call
       area (which holds the arguments of the call being made). The rest is
       not zeroed: each frame zeroes what its stack map could read when it
       is entered. */
    size_t used = (uintptr_t)gp->fp - oldlo;
    if (gp->fn)
        used += (size_t)gp->fn->framesize * sizeof(Slot);
    if (used > oldsize)
        used = oldsize;
    memcpy(s, (void *)oldlo, used);
    intptr_t delta = (intptr_t)((uintptr_t)s - oldlo);
    gp->stack.lo = (uintptr_t)s;
    gp->stack.hi = (uintptr_t)s + newsize;
    gp->stackguard0 = vmconfig.stackstress ? 0 : gp->stack.hi;
    gp->fp = (Slot *)((uintptr_t)gp->fp + delta);
    adjustframes(gp, oldlo, oldhi, delta);
    adjustsudogs(gp, oldlo, oldhi, delta);
    adjustdefers(gp, oldlo, oldhi, delta);
    free((void *)oldlo);
    gp->atomicstatus = status;
}

void newstack(G *gp, size_t need)
{
    size_t oldsize = gp->stack.hi - gp->stack.lo;
    size_t used = (uintptr_t)gp->fp - gp->stack.lo;
    if (vmconfig.stackstress && oldsize - used >= need) {
        copystack(gp, oldsize);     /* Lua's HARDSTACKTESTS: move anyway */
        return;
    }
    size_t newsize = oldsize * 2;
    /* Grow at least as much as the new frame needs (Go: funcMaxSPDelta). */
    while (newsize - used < need)
        newsize *= 2;
    if (newsize > vmconfig.maxstacksize) {
        fflush(stdout);
        fprintf(stderr, "runtime: goroutine stack exceeds %llu-byte limit\n",
                (unsigned long long)vmconfig.maxstacksize);
        fprintf(stderr, "runtime: sp=%#llx stack=[%#llx, %#llx]\n",
                (unsigned long long)(uintptr_t)gp->fp,
                (unsigned long long)gp->stack.lo, (unsigned long long)gp->stack.hi);
        throw("stack overflow");
    }
    copystack(gp, newsize);
}
