/* sync.c — the natives of package sync: WaitGroup, Mutex, RWMutex, Once.
 *
 * Go: sync/waitgroup.go, sync/mutex.go, sync/rwmutex.go, sync/once.go,
 * runtime/sema.go (sync_runtime_Semacquire, sync_runtime_Semrelease).
 *
 * The structs have go 1.19's fields (src/packages/sync.mini) and the
 * algorithms are Go's, on one thread: what Go does with atomic adds and
 * CAS loops is a plain update here, since nothing else runs between two
 * instructions of a goroutine.
 *
 * A native that blocks parks its g in semacquire and returns; the VM runs
 * the same CALLN again when the g resumes. The native then finds
 * semresumed(gp) true and gp->parkstage saying where it parked, and
 * carries on from there (RWMutex.Lock parks at most twice: on w, then on
 * writerSem).
 *
 * Mutex: Go's starvation mode for every waiter: Unlock with waiters hands
 * the lock (mutexLocked stays set) to the longest waiter, which resumes
 * holding it, so a waiter is never overtaken by a newcomer. Go's normal
 * mode lets newcomers barge in; programs cannot tell the difference
 * except in timing.
 */
#include <stdint.h>

#include "chan.h"
#include "natives.h"
#include "proc.h"
#include "throw.h"

#pragma GCC diagnostic ignored "-Wunused-parameter"

typedef struct WaitGroup {
    uint64_t state1;        /* counter << 32 | waiters */
    uint32_t state2;        /* the semaphore */
} WaitGroup;

typedef struct Mutex {
    int32_t state;
    uint32_t sema;
} Mutex;

typedef struct RWMutex {
    Mutex w;
    uint32_t writerSem, readerSem;
    int32_t readerCount, readerWait;
} RWMutex;

typedef struct Once {
    uint32_t done;
    Mutex m;
} Once;

enum { mutexLocked = 1, mutexWoken = 2, mutexStarving = 4, mutexWaiterShift = 3 };
enum { rwmutexMaxReaders = 1 << 30 };

static void *recvptr(G *gp, Slot *a)
{
    if (a->p == NULL)
        panicmem(gp);
    return a->p;
}

/* ---- WaitGroup ---- */

static void WaitGroup_Add(G *gp, Slot *a, int n)
{
    WaitGroup *wg = recvptr(gp, &a[0]);
    int64_t delta = a[1].i;
    uint64_t state = wg->state1 + ((uint64_t)delta << 32);
    wg->state1 = state;
    int32_t v = (int32_t)(state >> 32);
    uint32_t w = (uint32_t)state;
    if (v < 0)
        native_panic(gp, "sync: negative WaitGroup counter");
    if (w != 0 && delta > 0 && v == (int32_t)delta)
        native_panic(gp, "sync: WaitGroup misuse: Add called concurrently with Wait");
    if (v > 0 || w == 0)
        return;
    /* counter 0 with waiters: wake them all */
    wg->state1 = 0;
    for (; w != 0; w--)
        semrelease(&wg->state2);
}

static void WaitGroup_Done(G *gp, Slot *a, int n)
{
    Slot args[2] = { a[0], { .i = -1 } };
    WaitGroup_Add(gp, args, 2);
}

static void WaitGroup_Wait(G *gp, Slot *a, int n)
{
    if (semresumed(gp))
        return;
    WaitGroup *wg = recvptr(gp, &a[0]);
    if ((int32_t)(wg->state1 >> 32) == 0)
        return;
    wg->state1++;
    if (semacquire(gp, &wg->state2))
        throw("sync: WaitGroup semaphore held a unit");
}

/* ---- Mutex ---- */

/* true: m is now held by gp; false: gp parked and holds m when it resumes. */
static bool mutex_lock(G *gp, Mutex *m)
{
    if (!(m->state & mutexLocked)) {
        m->state |= mutexLocked;
        return true;
    }
    m->state += 1 << mutexWaiterShift;
    m->state |= mutexStarving;
    if (semacquire(gp, &m->sema))
        throw("sync: Mutex semaphore held a unit");
    return false;
}

static void mutex_unlock(Mutex *m)
{
    if (!(m->state & mutexLocked))
        throw("sync: unlock of unlocked mutex");
    if (m->state >> mutexWaiterShift) {
        m->state -= 1 << mutexWaiterShift;
        if ((m->state >> mutexWaiterShift) == 0)
            m->state &= ~mutexStarving;
        semrelease(&m->sema);       /* the first waiter now holds m */
        return;
    }
    m->state &= ~mutexLocked;
}

static void Mutex_Lock(G *gp, Slot *a, int n)
{
    if (semresumed(gp))
        return;
    mutex_lock(gp, recvptr(gp, &a[0]));
}

static void Mutex_TryLock(G *gp, Slot *a, int n)
{
    Mutex *m = recvptr(gp, &a[1]);
    a[0].u = !(m->state & mutexLocked);
    m->state |= mutexLocked;
}

static void Mutex_Unlock(G *gp, Slot *a, int n)
{
    mutex_unlock(recvptr(gp, &a[0]));
}

/* ---- RWMutex ---- */

static void RWMutex_RLock(G *gp, Slot *a, int n)
{
    if (semresumed(gp))
        return;
    RWMutex *rw = recvptr(gp, &a[0]);
    if (++rw->readerCount < 0)      /* a writer is pending: wait for it */
        semacquire(gp, &rw->readerSem);
}

static void RWMutex_RUnlock(G *gp, Slot *a, int n)
{
    RWMutex *rw = recvptr(gp, &a[0]);
    int32_t r = --rw->readerCount;
    if (r >= 0)
        return;
    if (r + 1 == 0 || r + 1 == -rwmutexMaxReaders)
        throw("sync: RUnlock of unlocked RWMutex");
    if (--rw->readerWait == 0)      /* the last reader unblocks the writer */
        semrelease(&rw->writerSem);
}

static void RWMutex_Lock(G *gp, Slot *a, int n)
{
    int stage = 0;
    if (semresumed(gp)) {
        stage = gp->parkstage;
        gp->parkstage = 0;
    }
    RWMutex *rw = recvptr(gp, &a[0]);
    if (stage == 2)                 /* the last reader released writerSem */
        return;
    if (stage == 0 && !mutex_lock(gp, &rw->w)) {
        gp->parkstage = 1;
        return;
    }
    /* announce the writer to the readers */
    int32_t r = (rw->readerCount -= rwmutexMaxReaders) + rwmutexMaxReaders;
    if (r != 0 && (rw->readerWait += r) != 0) {
        if (!semacquire(gp, &rw->writerSem))
            gp->parkstage = 2;
    }
}

static void RWMutex_Unlock(G *gp, Slot *a, int n)
{
    RWMutex *rw = recvptr(gp, &a[0]);
    int32_t r = (rw->readerCount += rwmutexMaxReaders);
    if (r >= rwmutexMaxReaders)
        throw("sync: Unlock of unlocked RWMutex");
    for (int32_t i = 0; i < r; i++)
        semrelease(&rw->readerSem);
    mutex_unlock(&rw->w);
}

/* ---- Once ---- */

/* Go: Once.Do / doSlow. f runs through vm_callback, a nested interpreter
   loop in which nothing else runs, so o.m is only held to mark the call in
   progress (Go: a recursive Do deadlocks on it; here it is a fatal error).
   f must not block (vm_callback's rule). */
static void Once_Do(G *gp, Slot *a, int n)
{
    Once *o = recvptr(gp, &a[0]);
    if (o->done)
        return;
    if (o->m.state & mutexLocked)
        throw("all goroutines are asleep - deadlock! (sync.Once.Do called from its own f)");
    void *f = a[1].p;
    if (f == NULL)
        panicmem(gp);
    o->m.state |= mutexLocked;
    vm_callfv(gp, f, NULL, 0, NULL, 0);
    o->done = 1;
    o->m.state &= ~mutexLocked;
}

const Native sync_natives[] = {
    { "sync", "WaitGroup.Add", WaitGroup_Add },
    { "sync", "WaitGroup.Done", WaitGroup_Done },
    { "sync", "WaitGroup.Wait", WaitGroup_Wait },
    { "sync", "Mutex.Lock", Mutex_Lock },
    { "sync", "Mutex.TryLock", Mutex_TryLock },
    { "sync", "Mutex.Unlock", Mutex_Unlock },
    { "sync", "RWMutex.RLock", RWMutex_RLock },
    { "sync", "RWMutex.RUnlock", RWMutex_RUnlock },
    { "sync", "RWMutex.Lock", RWMutex_Lock },
    { "sync", "RWMutex.Unlock", RWMutex_Unlock },
    { "sync", "Once.Do", Once_Do },
};
const int nsync_natives = sizeof sync_natives / sizeof sync_natives[0];
