/* runtime2.h — the scheduler's and the channels' shared structures: p,
 * schedt, sudog, waitq, hchan (the g itself is in vm.h, beside the frame
 * layout it runs).
 *
 * Go: runtime/runtime2.go (p, schedt, sudog, waitReason), runtime/chan.go
 * (hchan, waitq).
 *
 * One OS thread runs everything (one m), so every "lock" of Go's runtime is
 * a no-op here: a field Go guards with hchan.lock or sched.lock is simply
 * only touched by the one running thread. What Go does atomically happens
 * between two instructions of one goroutine.
 */
#ifndef MINI_RUNTIME2_H
#define MINI_RUNTIME2_H

#include <stdbool.h>
#include <stdint.h>

#include "typedesc.h"
#include "vm.h"

/* ---- sudog: a g waiting on a channel or a semaphore ---- */

/* Go: runtime2.go sudog. A g parked on a channel has one sudog on that
 * channel's recvq or sendq (several when it is in a select, chained by
 * waitlink from g.waiting). sudogs live in C memory, never in mini's heap:
 * the collector reaches the channel through c from the g's waiting chain
 * (vm_scanroots), and elem points into the g's own stack (a frame slot),
 * which copystack adjusts (adjustsudogs). */
typedef struct sudog {
    G *g;
    struct sudog *next, *prev;  /* in a waitq */
    void *elem;                 /* the value slot in g's frame (a channel),
                                   the semaphore's address (sema.c) */
    struct sudog *waitlink;     /* g.waiting chain */
    struct hchan *c;            /* the channel (NULL for a semaphore) */
    int32_t casi;               /* select: this sudog's case index */
    bool isSelect;
    bool success;               /* woken by a value passed (true) or by close (false) */
} sudog;

/* Go: chan.go waitq: a FIFO of sudogs. */
typedef struct waitq {
    sudog *first, *last;
} waitq;

/* ---- hchan: a channel ---- */

/* Go: chan.go hchan, field for field (lock is the one thread).
 *
 * Invariants (asserted in chan.c):
 *  - at least one of recvq and sendq is empty, except for an unbuffered
 *    channel with a single g in a select on both its send and its receive;
 *  - qcount > 0 implies recvq is empty;
 *  - qcount < dataqsiz implies sendq is empty.
 *
 * The buffer is a ring of dataqsiz values of elemtype in Go's layout (a
 * chan int8 holds one byte per value), allocated by mallocgc with the
 * element's TypeDesc so the collector scans exactly its pointers. A value
 * in a frame slot is a normalized word (vm.h); chan.c converts on the way
 * in and out of the ring. */
typedef struct hchan {
    uint64_t qcount;            /* values in the buffer */
    uint64_t dataqsiz;          /* the buffer's size: cap(c); 0 = unbuffered */
    void *buf;                  /* the ring (the one heap pointer of an hchan) */
    uint16_t elemsize;
    uint32_t closed;
    const RType *elemtype;
    uint64_t sendx;             /* next slot to write */
    uint64_t recvx;             /* next slot to read */
    waitq recvq;                /* parked receivers */
    waitq sendq;                /* parked senders */
} hchan;

/* ---- p: a processor, and the scheduler's global state ---- */

enum { RunqSize = 256 };    /* Go: len(p.runq) */

/* Go: runtime2.go p. GOMAXPROCS of them; the one thread runs them in turn
 * (proc.c: schedule). runq is Go's ring: runqhead is where runqget takes,
 * runqtail where runqput puts; runnext, when set, runs before the ring
 * and inherits the time slice. */
typedef struct p {
    int32_t id;
    uint32_t schedtick;         /* +1 at each execute that does not inherit a slice */
    uint32_t runqhead, runqtail;
    G *runq[RunqSize];
    G *runnext;
} p;

/* Go: runtime2.go schedt: the global run queue (linked through
 * g.schedlink) and the goroutine counts. */
typedef struct schedt {
    G *runqhead, *runqtail;
    int32_t runqsize;
    int64_t goidgen;
    G *gfree;                   /* dead gs to reuse (Go: sched.gFree) */
    int32_t ngfree;
} schedt;

/* Go's waitReason strings, as the deadlock dump prints them in brackets. */
#define waitReasonChanReceiveNilChan "chan receive (nil chan)"
#define waitReasonChanSendNilChan "chan send (nil chan)"
#define waitReasonSelectNoCases "select (no cases)"
#define waitReasonSelect "select"
#define waitReasonChanReceive "chan receive"
#define waitReasonChanSend "chan send"
#define waitReasonSemacquire "semacquire"     /* go 1.19: WaitGroup, Mutex and RWMutex too */
#define waitReasonSleep "sleep"

#endif
