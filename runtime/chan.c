/* chan.c — channels.
 *
 * Go: runtime/chan.go (makechan, chansend, send, sendDirect, chanrecv,
 * recv, recvDirect, closechan, full, empty, chanbuf, waitq),
 * runtime/proc.go (acquireSudog, releaseSudog).
 *
 * A channel value is one pointer word, an *hchan in mini's heap
 * (runtime2.h). A send or receive that finds a partner parked on the
 * other queue hands the value over directly, from one goroutine's frame
 * slots into the other's (Go's sendDirect / recvDirect: the one place a
 * goroutine writes another's stack), then readies it; else it uses the
 * buffer; else it parks on sendq/recvq with a sudog whose elem is the
 * address of its own value slots.
 *
 * Invariants (runtime2.h; checked by CHECK_INVARIANTS after each change):
 *  - qcount > 0 implies recvq is empty;
 *  - qcount < dataqsiz implies sendq is empty;
 *  - a parked g's sudog elem points into its own stack, which does not
 *    move while it is parked (only a running g's stack grows).
 */
#include "chan.h"

#include <stdlib.h>
#include <string.h>

#include "malloc.h"
#include "mgc.h"
#include "proc.h"
#include "throw.h"
#include "trace.h"

/* hchan's one heap pointer is buf (word 2). elemtype is static, the queues
   hold C memory. */
static const uint8_t hchan_gcdata[] = { 0x04 };
const TypeDesc hchan_td = {
    .size = sizeof(hchan), .ptrdata = 24, .gcdata = hchan_gcdata,
    .kind = kindStruct, .align = 8, .name = "runtime.hchan",
};

_Static_assert(offsetof(hchan, buf) == 16, "hchan.buf is word 2 (hchan_gcdata)");

#define CHECK_INVARIANTS(c) \
    RT_ASSERT(((c)->qcount == 0 || (c)->recvq.first == NULL) && \
              ((c)->qcount == (c)->dataqsiz || (c)->sendq.first == NULL), \
              "hchan: a waiter queued beside a usable buffer")

/* --chantrace: the public operations go through trace.c's wrappers, which
   call them again (chantrace_enter lets that call through). */
#define CHANTRACE(call) \
    do { if (__builtin_expect(vmconfig.chantrace, 0) && chantrace_enter()) return call; } while (0)

/* ---- sudogs and wait queues ---- */

static sudog *sudogcache;

sudog *acquireSudog(void)
{
    sudog *sg = sudogcache;
    if (sg) {
        sudogcache = sg->next;
        memset(sg, 0, sizeof *sg);
        return sg;
    }
    sg = calloc(1, sizeof *sg);
    if (!sg)
        throw("out of memory allocating sudog");
    return sg;
}

void releaseSudog(sudog *sg)
{
    RT_ASSERT(sg->prev == NULL && sg->waitlink == NULL, "releaseSudog: sudog still queued");
    sg->g = NULL;
    sg->c = NULL;
    sg->elem = NULL;
    sg->next = sudogcache;
    sudogcache = sg;
}

void waitq_enqueue(waitq *q, sudog *sg)
{
    sg->next = NULL;
    sg->prev = q->last;
    if (q->last)
        q->last->next = sg;
    else
        q->first = sg;
    q->last = sg;
}

static void unlink_sudog(waitq *q, sudog *sg)
{
    if (sg->prev)
        sg->prev->next = sg->next;
    else
        q->first = sg->next;
    if (sg->next)
        sg->next->prev = sg->prev;
    else
        q->last = sg->prev;
    sg->next = sg->prev = NULL;
}

sudog *waitq_dequeue(waitq *q)
{
    for (;;) {
        sudog *sg = q->first;
        if (!sg)
            return NULL;
        unlink_sudog(q, sg);
        /* A select's other cases stay queued until its g runs again and
           takes them off (selectgo_resume); one that lost is skipped. */
        if (sg->isSelect) {
            if (sg->g->selectDone)
                continue;
            sg->g->selectDone = 1;
        }
        return sg;
    }
}

/* Go: dequeueSudoG. A sudog with no predecessor that is not the first is
   on no queue: a dequeue already took it off. */
void waitq_dequeueSudoG(waitq *q, sudog *sg)
{
    if (sg->prev == NULL && q->first != sg)
        return;
    unlink_sudog(q, sg);
}

/* ---- values: frame slots and the ring ---- */

/* The slots a value takes in a frame. */
static inline size_t elemwords(const hchan *c)
{
    return ((size_t)c->elemsize + 7) / 8;
}

static inline void *chanbuf(const hchan *c, uint64_t i)
{
    return (char *)c->buf + i * c->elemsize;
}

/* A value from a frame into the ring: its Go-layout bytes (a narrow
   scalar's low bytes, as the slot is little-endian). */
static void slot2buf(const hchan *c, void *dst, const void *src)
{
    if (c->elemsize)
        memcpy(dst, src, c->elemsize);
}

/* A value from the ring into frame slots, normalized (vm.h): the slots
   zeroed first, a narrow signed integer sign-extended. */
static void buf2slot(const hchan *c, Slot *dst, const void *src)
{
    size_t w = elemwords(c);
    if (w == 0)
        return;
    memset(dst, 0, w * sizeof(Slot));
    memcpy(dst, src, c->elemsize);
    switch (c->elemtype->td.kind) {
    case kindInt8: dst->i = (int8_t)dst->u; break;
    case kindInt16: dst->i = (int16_t)dst->u; break;
    case kindInt32: dst->i = (int32_t)dst->u; break;
    default: break;
    }
}

/* Go: sendDirect / recvDirect: slots to slots, across goroutines. */
static void slot2slot(const hchan *c, void *dst, const void *src)
{
    size_t w = elemwords(c);
    if (w)
        memmove(dst, src, w * sizeof(Slot));
}

static void clearslots(const hchan *c, void *dst)
{
    size_t w = elemwords(c);
    if (w)
        memset(dst, 0, w * sizeof(Slot));
}

/* ---- make, len, cap ---- */

hchan *makechan(G *gp, const RType *elemtype, int64_t size)
{
    uintptr_t es = elemtype->td.size;
    if (size < 0 || (es && (uint64_t)size > ((uint64_t)1 << 40) / es))
        panicmsg(gp, "makechan: size out of range");
    hchan *c = mallocgc(sizeof(hchan), &hchan_td, true);
    gc_push_root((void *const *)&c);
    c->buf = size > 0 ? vm_newarray(&elemtype->td, (uintptr_t)size) : NULL;
    gc_pop_roots(1);
    c->elemsize = (uint16_t)es;
    c->elemtype = elemtype;
    c->dataqsiz = (uint64_t)size;
    if (vmconfig.chantrace)
        chantrace_make(gp, c);
    return c;
}

int64_t chanlen(const hchan *c)
{
    return c ? (int64_t)c->qcount : 0;
}

int64_t chancap(const hchan *c)
{
    return c ? (int64_t)c->dataqsiz : 0;
}

/* ---- send ---- */

/* Go: send: the receiver sg is parked; the value goes straight into its
   slots and it is readied. */
static void chan_send(hchan *c, sudog *sg, const Slot *ep)
{
    if (sg->elem) {
        slot2slot(c, sg->elem, ep);
        sg->elem = NULL;
    }
    G *gp = sg->g;
    gp->param = sg;
    sg->success = true;
    goready(gp);
}

bool chansend(G *gp, hchan *c, const Slot *ep, bool block)
{
    CHANTRACE(chantrace_send(gp, c, ep, block));
    if (c == NULL) {
        if (!block)
            return false;
        gopark(gp, waitReasonChanSendNilChan);   /* forever */
        return true;
    }
    if (!block && !c->closed &&
        ((c->dataqsiz == 0 && c->recvq.first == NULL) || (c->dataqsiz > 0 && c->qcount == c->dataqsiz)))
        return false;
    if (c->closed)
        panicplain(gp, "send on closed channel");
    sudog *sg = waitq_dequeue(&c->recvq);
    if (sg) {
        chan_send(c, sg, ep);
        return true;
    }
    if (c->qcount < c->dataqsiz) {
        slot2buf(c, chanbuf(c, c->sendx), ep);
        if (++c->sendx == c->dataqsiz)
            c->sendx = 0;
        c->qcount++;
        CHECK_INVARIANTS(c);
        return true;
    }
    if (!block)
        return false;
    sudog *mysg = acquireSudog();
    mysg->elem = (void *)ep;
    mysg->g = gp;
    mysg->c = c;
    gp->waiting = mysg;
    gp->param = NULL;
    waitq_enqueue(&c->sendq, mysg);
    CHECK_INVARIANTS(c);
    gopark(gp, waitReasonChanSend);
    return true;
}

/* After gopark returns in chansend: woken by a receiver (the value is
   gone) or by close (panic). */
void chansend_resume(G *gp)
{
    if (__builtin_expect(vmconfig.chantrace, 0) && chantrace_enter()) {
        chantrace_send_resume(gp);
        return;
    }
    sudog *mysg = gp->waiting;
    RT_ASSERT(mysg != NULL && gp->param == mysg, "chansend: woken up by something else");
    gp->waiting = NULL;
    gp->param = NULL;
    bool closed = !mysg->success;
    releaseSudog(mysg);
    if (closed)
        panicplain(gp, "send on closed channel");
}

/* ---- receive ---- */

/* Go: recv: the sender sg is parked. Unbuffered: its value comes straight
   from its slots. Buffered (so full): the receiver takes the head of the
   ring and the sender's value goes to the tail, which is the same slot. */
static void chan_recv(hchan *c, sudog *sg, Slot *ep)
{
    if (c->dataqsiz == 0) {
        if (ep)
            slot2slot(c, ep, sg->elem);
    } else {
        void *qp = chanbuf(c, c->recvx);
        if (ep)
            buf2slot(c, ep, qp);
        slot2buf(c, qp, sg->elem);
        if (++c->recvx == c->dataqsiz)
            c->recvx = 0;
        c->sendx = c->recvx;
    }
    sg->elem = NULL;
    G *gp = sg->g;
    gp->param = sg;
    sg->success = true;
    goready(gp);
}

bool chanrecv(G *gp, hchan *c, Slot *ep, bool block, bool *received)
{
    CHANTRACE(chantrace_recv(gp, c, ep, block, received));
    *received = false;
    if (c == NULL) {
        if (!block)
            return false;
        gopark(gp, waitReasonChanReceiveNilChan);    /* forever */
        return true;
    }
    if (!block && ((c->dataqsiz == 0 && c->sendq.first == NULL) || (c->dataqsiz > 0 && c->qcount == 0))) {
        if (!c->closed)
            return false;
        clearslots(c, ep);
        return true;
    }
    if (c->closed && c->qcount == 0) {
        clearslots(c, ep);
        return true;
    }
    sudog *sg = waitq_dequeue(&c->sendq);
    if (sg) {
        chan_recv(c, sg, ep);
        *received = true;
        return true;
    }
    if (c->qcount > 0) {
        void *qp = chanbuf(c, c->recvx);
        buf2slot(c, ep, qp);
        if (c->elemsize)
            memset(qp, 0, c->elemsize);     /* Go: typedmemclr: the ring keeps nothing alive */
        if (++c->recvx == c->dataqsiz)
            c->recvx = 0;
        c->qcount--;
        *received = true;
        return true;
    }
    if (!block)
        return false;
    sudog *mysg = acquireSudog();
    mysg->elem = ep;
    mysg->g = gp;
    mysg->c = c;
    gp->waiting = mysg;
    gp->param = NULL;
    waitq_enqueue(&c->recvq, mysg);
    CHECK_INVARIANTS(c);
    gopark(gp, waitReasonChanReceive);
    return true;
}

/* After gopark returns in chanrecv: the sender or close filled the slots. */
bool chanrecv_resume(G *gp)
{
    CHANTRACE(chantrace_recv_resume(gp));
    sudog *mysg = gp->waiting;
    RT_ASSERT(mysg != NULL && gp->param == mysg, "chanrecv: woken up by something else");
    gp->waiting = NULL;
    gp->param = NULL;
    bool success = mysg->success;
    releaseSudog(mysg);
    return success;
}

/* ---- close ---- */

void closechan(G *gp, hchan *c)
{
    if (__builtin_expect(vmconfig.chantrace, 0) && chantrace_enter()) {
        chantrace_close(gp, c);
        return;
    }
    if (c == NULL)
        panicplain(gp, "close of nil channel");
    if (c->closed)
        panicplain(gp, "close of closed channel");
    c->closed = 1;
    /* Every waiter leaves with success = false (receivers get the zero
       value); they are readied only after both queues are empty, as Go
       readies them after unlocking. */
    sudog *glist = NULL;
    sudog *sg;
    while ((sg = waitq_dequeue(&c->recvq)) != NULL) {
        if (sg->elem) {
            clearslots(c, sg->elem);
            sg->elem = NULL;
        }
        sg->g->param = sg;
        sg->success = false;
        sg->next = glist;
        glist = sg;
    }
    while ((sg = waitq_dequeue(&c->sendq)) != NULL) {
        sg->elem = NULL;
        sg->g->param = sg;
        sg->success = false;
        sg->next = glist;
        glist = sg;
    }
    /* Go readies them from a gList, which is LIFO */
    while (glist) {
        sg = glist;
        glist = sg->next;
        sg->next = NULL;
        goready(sg->g);
    }
}
