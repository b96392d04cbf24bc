/* sema.c — semaphores for package sync.
 *
 * Go: runtime/sema.go (semacquire1, semrelease1, semaRoot, semtable).
 *
 * A semaphore is a uint32 word (WaitGroup.state2, Mutex.sema ...) counting
 * the units available. semacquire takes one or parks the g on the
 * semaphore's queue; semrelease hands a unit to the first parked g (Go's
 * semrelease1 with handoff: the waiter owns the unit when it wakes, so
 * nobody can take it in between) or adds it to the word.
 *
 * The queues hang off a fixed table hashed by address, as Go's semtable
 * (Go keeps a treap of addresses per root; a list per root is enough for
 * one thread). A parked g's sudog has elem = the word's address and is
 * g.waiting, so the collector keeps the object holding the word alive
 * (vm_scanroots shades each waiting sudog's elem).
 *
 * Invariant: a word with waiters is 0 (a unit is never left in the word
 * while somebody waits for one).
 */
#include <stdint.h>

#include "chan.h"
#include "proc.h"
#include "throw.h"

enum { semTabSize = 251 };     /* Go: semTabSize */

static waitq semtable[semTabSize];

static waitq *semroot(uint32_t *addr)
{
    return &semtable[((uintptr_t)addr >> 3) % semTabSize];
}

bool semacquire(G *gp, uint32_t *addr)
{
    if (*addr > 0) {
        (*addr)--;
        return true;
    }
    sudog *sg = acquireSudog();
    sg->g = gp;
    sg->elem = addr;
    gp->waiting = sg;
    waitq_enqueue(semroot(addr), sg);
    gopark(gp, waitReasonSemacquire);
    return false;
}

void semrelease(uint32_t *addr)
{
    waitq *root = semroot(addr);
    for (sudog *sg = root->first; sg; sg = sg->next) {
        if (sg->elem != addr)
            continue;
        RT_ASSERT(*addr == 0, "semrelease: a unit left beside a waiter");
        waitq_dequeueSudoG(root, sg);
        sg->success = true;
        sg->g->param = sg;
        goready(sg->g);
        return;
    }
    (*addr)++;
}

bool semresumed(G *gp)
{
    sudog *sg = gp->waiting;
    if (!sg)
        return false;
    RT_ASSERT(sg->c == NULL && gp->param == sg, "semacquire: woken up by something else");
    gp->waiting = NULL;
    gp->param = NULL;
    releaseSudog(sg);
    return true;
}
