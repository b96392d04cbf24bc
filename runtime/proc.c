/* proc.c — goroutines and the G/P/M scheduler, on one OS thread.
 *
 * Go: runtime/proc.go (newproc, newproc1, gfget, gfput, schedule,
 * findRunnable, execute, gopark, park_m, goready, ready, goschedImpl,
 * goexit0, runqput, runqputslow, runqget, runqgrab, runqsteal,
 * globrunqput, globrunqget, checkdead, procresize, gcount).
 *
 * The design, in Go's words with one difference: there is one m (the OS
 * thread running the interpreter) and GOMAXPROCS ps. Go's ms run their ps
 * in parallel; mini's one m runs them in turn: after each goroutine's turn
 * (it parked, yielded, was preempted or ended) the m moves to the next p,
 * which finds its next goroutine exactly as a Go p would (findRunnable:
 * every 61st tick the global queue first, then runnext and its local ring,
 * then the global queue, then stealing half of another p's ring). So with
 * GOMAXPROCS=1 the order in which goroutines run is the order Go's
 * scheduler gives them on one p, and with more ps goroutines migrate
 * between ps as in Go.
 *
 * A goroutine runs until it parks (gopark: a channel operation, a select,
 * a semaphore), yields (Gosched), ends, or uses up its time slice
 * (SchedSlice ticks, counted by the VM at calls and backward branches):
 * then it is preempted to the global queue, as Go's sysmon preempts a g
 * that ran for 10 ms. Switching goroutines is vm_execute returning to
 * schedule and being called with another g: the interpreter is stackless.
 *
 * A g readied by goready (a channel handoff) goes to the readier's p's
 * runnext and inherits the time slice, as in Go; schedtick counts only
 * executions that start a new slice, so two goroutines handing values to
 * each other share one slice and are preempted together.
 *
 * Invariants:
 *  - a g is in at most one run queue, and is there iff it is Grunnable;
 *  - a Gwaiting g is reachable from the sudog it waits on (or waits
 *    forever: a nil channel, select {}), and g.waiting lists its sudogs;
 *  - allgs holds every g ever made; a Gdead one is on sched.gfree.
 */
#include "proc.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rand.h"
#include "throw.h"
#include "time.h"
#include "trace.h"

p *allp[MaxGomaxprocs];
int32_t gomaxprocs;
schedt sched;
p *curp;
int32_t sched_slice = SchedSlice;
G **allgs;
int32_t allglen;
static int32_t allgcap;
static int32_t ngoroutines;         /* gs not Gdead */
static bool mainexited;             /* goroutine 1 called Goexit */

/* ---- run queues ---- */

uint32_t runqlen(const p *pp)
{
    return pp->runqtail - pp->runqhead;
}

/* Go: globrunqput: to the tail of the global queue. */
void globrunqput(G *gp)
{
    gp->schedlink = NULL;
    if (sched.runqtail)
        sched.runqtail->schedlink = gp;
    else
        sched.runqhead = gp;
    sched.runqtail = gp;
    sched.runqsize++;
}

static G *globrunqpop(void)
{
    G *gp = sched.runqhead;
    if (!gp)
        return NULL;
    sched.runqhead = gp->schedlink;
    if (!sched.runqhead)
        sched.runqtail = NULL;
    gp->schedlink = NULL;
    sched.runqsize--;
    return gp;
}

/* Go: runqputslow: the local ring is full: half of it, and gp, go to the
   global queue. */
static void runqputslow(p *pp, G *gp)
{
    uint32_t n = runqlen(pp) / 2;
    for (uint32_t i = 0; i < n; i++)
        globrunqput(pp->runq[(pp->runqhead + i) % RunqSize]);
    pp->runqhead += n;
    globrunqput(gp);
}

/* Go: runqput: next puts gp in runnext (the g there moves to the ring). */
void runqput(p *pp, G *gp, bool next)
{
    if (next) {
        G *old = pp->runnext;
        pp->runnext = gp;
        if (!old)
            return;
        gp = old;
    }
    if (runqlen(pp) < RunqSize) {
        pp->runq[pp->runqtail % RunqSize] = gp;
        pp->runqtail++;
        return;
    }
    runqputslow(pp, gp);
}

/* Go: runqget: runnext first (it inherits the time slice), then the ring. */
G *runqget(p *pp, bool *inheritTime)
{
    G *gp = pp->runnext;
    if (gp) {
        pp->runnext = NULL;
        *inheritTime = true;
        return gp;
    }
    *inheritTime = false;
    if (pp->runqhead == pp->runqtail)
        return NULL;
    gp = pp->runq[pp->runqhead % RunqSize];
    pp->runqhead++;
    return gp;
}

/* Go: globrunqget: takes min(runqsize/gomaxprocs+1, max, RunqSize/2) gs
   from the global queue (max 0: no limit), runs the first, queues the rest
   on pp. */
G *globrunqget(p *pp, int32_t max)
{
    if (sched.runqsize == 0)
        return NULL;
    int32_t n = sched.runqsize / gomaxprocs + 1;
    if (n > sched.runqsize)
        n = sched.runqsize;
    if (max > 0 && n > max)
        n = max;
    if (n > RunqSize / 2)
        n = RunqSize / 2;
    G *gp = globrunqpop();
    for (n--; n > 0; n--)
        runqput(pp, globrunqpop(), false);
    return gp;
}

/* Go: runqsteal (runqgrab): half of p2's ring moves to pp's; the last of
   them is returned to run. stealRunNextG: p2's runnext may be taken when
   the ring is empty. */
G *runqsteal(p *pp, p *p2, bool stealRunNextG)
{
    uint32_t n = runqlen(p2);
    n -= n / 2;
    if (n == 0) {
        if (stealRunNextG && p2->runnext) {
            G *gp = p2->runnext;
            p2->runnext = NULL;
            return gp;
        }
        return NULL;
    }
    RT_ASSERT(runqlen(pp) + n - 1 <= RunqSize, "runqsteal: the stealing p's ring is full");
    for (uint32_t i = 0; i + 1 < n; i++) {
        pp->runq[pp->runqtail % RunqSize] = p2->runq[(p2->runqhead + i) % RunqSize];
        pp->runqtail++;
    }
    G *gp = p2->runq[(p2->runqhead + n - 1) % RunqSize];
    p2->runqhead += n;
    return gp;
}

/* Go: findRunnable, the parts that exist on one thread without timers:
   the 61st-tick fairness check of the global queue, the local queue, the
   global queue, then stealing (four rounds over the other ps in a random
   order, the last one also taking runnext). NULL: nothing is runnable
   anywhere. */
G *findrunnable(p *pp, bool *inheritTime)
{
    *inheritTime = false;
    if (pp->schedtick % 61 == 0 && sched.runqsize > 0) {
        G *gp = globrunqget(pp, 1);
        if (gp)
            return gp;
    }
    G *gp = runqget(pp, inheritTime);
    if (gp)
        return gp;
    gp = globrunqget(pp, 0);
    if (gp)
        return gp;
    for (int i = 0; i < 4 && gomaxprocs > 1; i++) {
        uint32_t off = fastrandn((uint32_t)gomaxprocs);
        for (int32_t k = 0; k < gomaxprocs; k++) {
            p *p2 = allp[(off + (uint32_t)k) % (uint32_t)gomaxprocs];
            if (p2 == pp)
                continue;
            gp = runqsteal(pp, p2, i == 3);
            if (gp)
                return gp;
        }
    }
    return NULL;
}

/* ---- goroutines ---- */

static void allgadd(G *gp)
{
    if (allglen == allgcap) {
        allgcap = allgcap ? allgcap * 2 : 64;
        allgs = realloc(allgs, (size_t)allgcap * sizeof *allgs);
        if (!allgs)
            throw("out of memory allocating allgs");
    }
    allgs[allglen++] = gp;
}

/* Go: gfget: a dead g to reuse, with a StackMin stack. */
static G *gfget(void)
{
    G *gp = sched.gfree;
    if (!gp)
        return NULL;
    sched.gfree = gp->schedlink;
    sched.ngfree--;
    gp->schedlink = NULL;
    if (gp->stack.hi - gp->stack.lo != StackMin) {
        stackfree(gp);
        void *s = malloc(StackMin);
        if (!s)
            throw("out of memory allocating stack");
        gp->stack.lo = (uintptr_t)s;
        gp->stack.hi = (uintptr_t)s + StackMin;
    }
    gp->stackguard0 = vmconfig.stackstress ? 0 : gp->stack.hi;
    return gp;
}

/* Go: goexit0 + gfput. */
static void gfput(G *gp)
{
    gp->atomicstatus = Gdead;
    gp->fn = NULL;
    gp->fp = NULL;
    gp->ip = NULL;
    gp->waiting = NULL;
    gp->param = NULL;
    gp->parkstage = 0;
    gp->schedlink = sched.gfree;
    sched.gfree = gp;
    sched.ngfree++;
    ngoroutines--;
}

G *newproc(G *callergp, Func *fn, const Slot *args, void *clo)
{
    G *newg = gfget();
    if (!newg) {
        newg = malg(StackMin);
        allgadd(newg);
    }
    size_t need = (size_t)fn->framesize * sizeof(Slot);
    newg->fp = (Slot *)newg->stack.lo;
    newg->fn = NULL;
    if (newg->stack.lo + need > newg->stack.hi)
        newstack(newg, need);
    Slot *fp = (Slot *)newg->stack.lo;
    /* The whole first frame is zeroed: its stack map and (conservatively)
       its call area are scanned before it runs. */
    memset(fp, 0, need);
    memcpy(fp, args, (size_t)fn->hdr * sizeof(Slot));
    fp[fn->hdr].u = 1;              /* an entry frame: its RET ends the goroutine */
    fp[fn->hdr + 1].u = 0;
    fp[fn->hdr + 2].p = NULL;       /* no caller */
    if (fn->closure)
        fp[fn->hdr + 3].p = clo;
    newg->fp = fp;
    newg->fn = fn;
    newg->ip = fn->code;
    newg->goid = ++sched.goidgen;
    newg->gopcfn = callergp ? callergp->fn : NULL;
    newg->gopc = callergp ? callergp->ip : NULL;
    newg->atomicstatus = Grunnable;
    ngoroutines++;
    runqput(curp, newg, true);
    if (tracing)
        traceGoCreate(newg);
    return newg;
}

int32_t gcount(void)
{
    return ngoroutines;
}

/* ---- parking ---- */

void gopark(G *gp, const char *reason)
{
    if (gp->level && gp->level->depth > 0) {
        fflush(stdout);
        throwf("mini: goroutine %" PRId64 " would block (%s) inside a function called by a native "
               "(a String or Error method, sync.Once.Do, sort's less): not supported", gp->goid, reason);
    }
    RT_ASSERT(gp->atomicstatus == Grunning, "gopark: bad g status");
    gp->atomicstatus = Gwaiting;
    gp->waitreason = reason;
}

void goready(G *gp)
{
    RT_ASSERT(gp->atomicstatus == Gwaiting, "goready: bad g status");
    gp->atomicstatus = Grunnable;
    gp->waitreason = NULL;
    runqput(curp, gp, true);
    if (__builtin_expect(vmconfig.chantrace, 0))
        chantrace_readied(gp);
    if (tracing)
        traceGoUnpark(gp);
}

void gosched(G *gp)
{
    if (gp->level && gp->level->depth > 0)
        return;     /* a nested loop cannot yield: Gosched is only a hint */
    gp->atomicstatus = Grunnable;
}

void goexit(G *gp)
{
    if (gp->level && gp->level->depth > 0)
        throw("mini: runtime.Goexit inside a function called by a native: not supported");
    deferGoexit(gp);
    gp->atomicstatus = Gdead;
}

/* ---- ps ---- */

static int32_t ncpu(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > MaxGomaxprocs ? MaxGomaxprocs : (int32_t)n;
}

/* Go: procresize: ps beyond n give their queued gs to the global queue. */
static void procresize(int32_t n)
{
    for (int32_t i = 0; i < n; i++) {
        if (!allp[i]) {
            allp[i] = calloc(1, sizeof(p));
            if (!allp[i])
                throw("out of memory allocating p");
            allp[i]->id = i;
        }
    }
    for (int32_t i = n; i < gomaxprocs; i++) {
        p *pp = allp[i];
        bool inherit;
        G *gp;
        while ((gp = runqget(pp, &inherit)) != NULL)
            globrunqput(gp);
    }
    gomaxprocs = n;
    if (!curp || curp->id >= n)
        curp = allp[0];
}

int32_t procresize_gomaxprocs(int32_t n)
{
    int32_t old = gomaxprocs;
    if (n > 0 && n != gomaxprocs)
        procresize(n > MaxGomaxprocs ? MaxGomaxprocs : n);
    return old;
}

void schedinit(void)
{
    int32_t n = ncpu();
    const char *env = getenv("GOMAXPROCS");
    if (vmconfig.gomaxprocs > 0) {
        n = vmconfig.gomaxprocs;
    } else if (env && *env) {
        char *end;
        long v = strtol(env, &end, 10);
        if (*end == 0 && v > 0)
            n = (int32_t)v;
    }
    if (n > MaxGomaxprocs)
        n = MaxGomaxprocs;
    procresize(n);
    traceinit();
}

/* ---- the deadlock dump ---- */

/* Go: checkdead: nothing can run and no timer is pending to wake anyone
   up: every goroutine is asleep. */
static _Noreturn void checkdead(void)
{
    fflush(stdout);
    if (mainexited && ngoroutines == 0) {
        fprintf(stderr, "fatal error: no goroutines (main called runtime.Goexit) - deadlock!\n");
        vm_exit(2);
    }
    fprintf(stderr, "fatal error: all goroutines are asleep - deadlock!\n");
    for (int32_t i = 0; i < allglen; i++) {
        G *gp = allgs[i];
        if (gp->atomicstatus != Gwaiting)
            continue;
        fputc('\n', stderr);
        gtraceback(gp, gp->waitreason ? gp->waitreason : "waiting", stderr);
    }
    vm_exit(2);
}

/* ---- schedule ---- */

/* Go: execute + the part of schedule after it: runs gp on pp until it
   stops, then does what its new status asks. Returns true when goroutine
   1 returned from main. */
static bool execute(p *pp, G *gp, bool inheritTime)
{
    gp->atomicstatus = Grunning;
    if (!inheritTime) {
        pp->schedtick++;
        sched_slice = SchedSlice;
    }
    vm_curg = gp;
    if (tracing)
        traceGoStart(gp, pp->id);
    vm_execute(gp);
    if (tracing)
        traceGoStop(gp, pp->id);
    switch (gp->atomicstatus) {
    case Grunning:      /* its entry function returned */
        if (gp->goid == 1)
            return true;
        gfput(gp);
        break;
    case Gdead:         /* runtime.Goexit */
        if (gp->goid == 1)
            mainexited = true;
        gfput(gp);
        break;
    case Grunnable:     /* Gosched or preempted */
        globrunqput(gp);
        break;
    case Gwaiting:      /* parked: a goready will queue it */
        break;
    default:
        throw("execute: bad g status");
    }
    return false;
}

int schedmain(G *main)
{
    main->goid = ++sched.goidgen;
    main->atomicstatus = Grunnable;
    allgadd(main);
    ngoroutines++;
    runqput(curp, main, true);
    /* Go's runtime.main runs two goroutines of its own on this P before
       main.main (forcegchelper, then bgsweep while gcenable waits for it;
       bgscavenge runs from runnext, which does not tick): the 61st-tick
       rule then counts from 2, and a program that yields early sees Go's
       order. */
    curp->schedtick = 2;
    if (tracing)
        traceGoCreate(main);
    for (;;) {
        p *pp = curp;
        if (schedtrace_ms)
            schedtrace_tick();
        bool inheritTime;
        checkTimers();
        G *gp = findrunnable(pp, &inheritTime);
        if (!gp) {
            /* Go: findRunnable sleeps until the next timer (checkdead
               knows a pending timer will wake somebody up) */
            if (timeSleepUntil())
                continue;
            checkdead();
        }
        if (execute(pp, gp, inheritTime))
            return 0;
        if (gomaxprocs > 1)
            curp = allp[(pp->id + 1) % gomaxprocs];
    }
}
