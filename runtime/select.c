/* select.c — the select statement.
 *
 * Go: runtime/select.go (selectgo, sellock/selunlock, selparkcommit).
 *
 * selectgo in Go's three passes:
 *  1. in a random poll order (fastrandn: the same --seed, the same
 *     choices), the first case that can proceed now does, as chansend or
 *     chanrecv would: a parked partner, room or a value in the buffer, a
 *     closed channel. Nil channels are never ready. None, and a default:
 *     return -1.
 *  2. a sudog for every case, each on its channel's queue, chained from
 *     g.waiting; park ("select", or "select (no cases)" for select {}).
 *  3. (selectgo_resume, when the g runs the SELECT again) the winner is
 *     g.param, set by the operation that woke it; every other sudog comes
 *     off its queue.
 * Go's lock order (cases sorted by channel address) exists so that two
 * selects cannot deadlock on channel locks; one thread takes no locks.
 */
#include <stdlib.h>
#include <string.h>

#include "chan.h"
#include "proc.h"
#include "rand.h"
#include "throw.h"
#include "trace.h"

enum { MaxSelectCases = 65536 };

int selectgo(G *gp, Slot *fp, const SelectDesc *d, bool block, bool *recvOK)
{
    if (__builtin_expect(vmconfig.chantrace, 0) && chantrace_enter())
        return chantrace_select(gp, fp, d, block, recvOK);     /* trace.c */
    int32_t ncases = d->ncases;
    *recvOK = false;
    /* Go: pollorder, an inside-out Fisher-Yates shuffle of the cases
       whose channel is not nil. */
    uint16_t orderbuf[64];
    uint16_t *pollorder = ncases <= 64 ? orderbuf : malloc((size_t)ncases * sizeof(uint16_t));
    if (!pollorder)
        throw("out of memory in select");
    int32_t norder = 0;
    for (int32_t i = 0; i < ncases; i++) {
        if (fp[d->cases[i].chanslot].p == NULL)
            continue;
        uint32_t j = fastrandn((uint32_t)norder + 1);
        pollorder[norder] = pollorder[j];
        pollorder[j] = (uint16_t)i;
        norder++;
    }
    int casi = -1;
    /* pass 1: look for something already waiting */
    for (int32_t k = 0; k < norder && casi < 0; k++) {
        int32_t i = pollorder[k];
        const scase *cas = &d->cases[i];
        hchan *c = fp[cas->chanslot].p;
        Slot *ep = &fp[cas->elemslot];
        if (cas->send) {
            if (c->closed)
                panicplain(gp, "send on closed channel");
            if (chansend(gp, c, ep, false))
                casi = i;
        } else {
            bool received;
            if (chanrecv(gp, c, ep, false, &received)) {
                casi = i;
                *recvOK = received;
            }
        }
    }
    if (pollorder != orderbuf)
        free(pollorder);
    if (casi >= 0 || !block)
        return casi;
    /* pass 2: enqueue on every channel, in case order (Go: lockorder) */
    RT_ASSERT(gp->waiting == NULL, "selectgo: g already waiting");
    sudog **nextp = &gp->waiting;
    for (int32_t i = 0; i < ncases; i++) {
        const scase *cas = &d->cases[i];
        hchan *c = fp[cas->chanslot].p;
        if (c == NULL)
            continue;
        sudog *sg = acquireSudog();
        sg->g = gp;
        sg->isSelect = true;
        sg->elem = &fp[cas->elemslot];
        sg->c = c;
        sg->casi = i;
        *nextp = sg;
        nextp = &sg->waitlink;
        waitq_enqueue(cas->send ? &c->sendq : &c->recvq, sg);
    }
    gp->param = NULL;
    gp->selectDone = 0;
    gopark(gp, ncases == 0 ? waitReasonSelectNoCases : waitReasonSelect);
    return -1;
}

int selectgo_resume(G *gp, const SelectDesc *d, bool *recvOK)
{
    if (__builtin_expect(vmconfig.chantrace, 0) && chantrace_enter())
        return chantrace_select_resume(gp, d, recvOK);
    sudog *winner = gp->param;
    RT_ASSERT(winner != NULL, "selectgo: woken up without a case");
    gp->selectDone = 0;
    gp->param = NULL;
    /* pass 3: dequeue from the unsuccessful channels */
    sudog *sg = gp->waiting;
    gp->waiting = NULL;
    while (sg) {
        sudog *next = sg->waitlink;
        sg->waitlink = NULL;
        if (sg != winner) {
            const scase *cas = &d->cases[sg->casi];
            waitq_dequeueSudoG(cas->send ? &sg->c->sendq : &sg->c->recvq, sg);
        }
        if (sg != winner)
            releaseSudog(sg);
        sg = next;
    }
    int casi = winner->casi;
    bool success = winner->success;
    releaseSudog(winner);
    if (d->cases[casi].send) {
        if (!success)
            panicplain(gp, "send on closed channel");
        *recvOK = false;
    } else {
        *recvOK = success;
    }
    return casi;
}
