/* chan.h — channels and select (runtime/chan.c, runtime/select.c).
 *
 * Go: runtime/chan.go (makechan, chansend, chanrecv, closechan, send,
 * recv, waitq.enqueue/dequeue), runtime/select.go (selectgo),
 * runtime/runtime2.go (acquireSudog, releaseSudog).
 *
 * The VM calls these with ep pointing at a value's slots in the running
 * frame. An operation that cannot finish parks the g (gopark) and returns;
 * the VM leaves its loop, and when the g is readied it executes the same
 * instruction again, which then calls the *_resume function: the second
 * half of Go's chansend/chanrecv/selectgo, after gopark returns.
 */
#ifndef MINI_CHAN_H
#define MINI_CHAN_H

#include <stdbool.h>
#include <stdint.h>

#include "runtime2.h"

/* A select statement's cases, a constant of the function (the compiler's
   SelectDesc): for case i, the channel is in frame slot chanslot and the
   value to send, or the slots receiving the value, start at elemslot. */
typedef struct scase {
    uint16_t chanslot, elemslot;
    bool send;
} scase;
typedef struct SelectDesc {
    int32_t ncases;
    scase cases[];
} SelectDesc;

extern const TypeDesc hchan_td;

hchan *makechan(G *gp, const RType *elemtype, int64_t size);
/* Returns false when !block and the send could not happen at once. */
bool chansend(G *gp, hchan *c, const Slot *ep, bool block);
void chansend_resume(G *gp);
/* Returns false when !block and nothing could be received at once;
   *received: a value was received (false: the channel is closed, *ep
   holds the zero value). */
bool chanrecv(G *gp, hchan *c, Slot *ep, bool block, bool *received);
bool chanrecv_resume(G *gp);
void closechan(G *gp, hchan *c);
int64_t chanlen(const hchan *c);
int64_t chancap(const hchan *c);

/* Go: selectgo over the cases of d in the frame fp. Returns the chosen
   case, -1 for default (!block); *recvOK as chanrecv's received. */
int selectgo(G *gp, Slot *fp, const SelectDesc *d, bool block, bool *recvOK);
int selectgo_resume(G *gp, const SelectDesc *d, bool *recvOK);

/* sudogs (Go: acquireSudog/releaseSudog, a cache of free ones). */
sudog *acquireSudog(void);
void releaseSudog(sudog *sg);
/* Go: waitq.enqueue, waitq.dequeue (skips select sudogs whose select
   another case already won), dequeueSudoG (removes sg wherever it is). */
void waitq_enqueue(waitq *q, sudog *sg);
sudog *waitq_dequeue(waitq *q);
void waitq_dequeueSudoG(waitq *q, sudog *sg);

/* sema.c: Go's semacquire/semrelease on a uint32 word (sync's
   WaitGroup, Mutex, RWMutex). semacquire returns true when it took a unit
   at once; false when gp parked: semrelease hands the unit to the first
   waiter (Go's handoff), so gp holds it when it resumes (semresumed). */
bool semacquire(G *gp, uint32_t *addr);
void semrelease(uint32_t *addr);
/* gp executes again a native that parked in semacquire: the wait is over. */
bool semresumed(G *gp);

#endif
