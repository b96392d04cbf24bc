/*
 * Go: runtime/mgc.go (gcStart, gcMarkDone, gcMarkTermination, gctrace),
 *     runtime/mgcpacer.go (GOGC and the heap goal), runtime/mstats.go.
 *
 * The cycle (see mgc.h for the phases):
 *
 *   tSweepTerm  gcStart: stop the world. Sweep termination: the previous
 *               cycle's sweep is finished, mcache0 is flushed so every span
 *               sits in its mcentral. setGCPhase(GCmark).
 *   tMark       markroot shades the roots; start the world.
 *               gcDrain scans grey objects until none is left. (With the
 *               world stopped throughout, this is still "the mark phase":
 *               its time is gctrace's middle number.)
 *   tMarkTerm   gcMarkDone: stop the world, GCmarktermination: no grey
 *               object may remain; heapMarked = bytes marked; sweep every
 *               span (eagerly -- Go sweeps lazily, in the background);
 *               commit the next goal; GCoff; start the world.
 *   tEnd
 *
 * Pacing (Go 1.19's gcControllerState.commit):
 *
 *   goal = heapMarked + (heapMarked + stackScan + globalsScan) * GOGC/100,
 *          at least heapMinimum = 4 MB * GOGC/100;
 *
 * mini starts a cycle when the allocated heap reaches the goal (Go starts
 * earlier, at a "trigger", so that concurrent marking ends near the goal;
 * with the world stopped the goal itself is the trigger). GOGC=off: never.
 */
#include "mgc.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "throw.h"

gcPhase gcphase;
gcControllerState gcController;
gcDebugState gcdebug;
workType work;

#define DefaultHeapMinimum ((uint64_t)4 << 20)

static int64_t runtimeInitTime;

int64_t nanotime(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static uint64_t walltime(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (uint64_t)ts.tv_sec * 1000000000 + (uint64_t)ts.tv_nsec;
}

/* ======================================================================
 * Settings: GOGC, GODEBUG
 * ====================================================================== */

/* atoi32 as Go's: optional '-', decimal digits, nothing else, fits int32. */
static bool atoi32(const char *s, int32_t *out)
{
    bool neg = *s == '-';
    if (neg)
        s++;
    if (*s == '\0')
        return false;
    int64_t n = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || (n = n * 10 + (*s - '0')) > INT32_MAX)
            return false;
    }
    *out = (int32_t)(neg ? -n : n);
    return true;
}

static int32_t readGOGC(void)
{
    const char *p = getenv("GOGC");
    int32_t n;
    if (p != NULL && strcmp(p, "off") == 0)
        return -1;
    if (p != NULL && atoi32(p, &n))
        return n;
    return 100;
}

/* GODEBUG is "name=val,name=val"; mini reads gctrace. */
static int readGODEBUGgctrace(void)
{
    const char *p = getenv("GODEBUG");
    int v = 0;
    while (p != NULL && *p) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        if (len > 8 && strncmp(p, "gctrace=", 8) == 0) {
            char buf[16];
            int32_t n;
            size_t k = len - 8 < sizeof buf - 1 ? len - 8 : sizeof buf - 1;
            memcpy(buf, p + 8, k);
            buf[k] = '\0';
            if (atoi32(buf, &n))
                v = n;
        }
        p = comma ? comma + 1 : NULL;
    }
    return v;
}

/* commit recomputes the goal after GOGC or the live heap changed. */
static void gcControllerCommit(void)
{
    gcControllerState *c = &gcController;
    if (c->gcPercent < 0) {
        c->heapMinimum = 0;
        c->heapGoal = INT64_MAX;    /* prints as Go does with GOGC=off */
        return;
    }
    c->heapMinimum = DefaultHeapMinimum * (uint64_t)c->gcPercent / 100;
    uint64_t goal = c->heapMarked +
        (c->heapMarked + c->stackScan + c->globalsScan) * (uint64_t)c->gcPercent / 100;
    c->heapGoal = goal < c->heapMinimum ? c->heapMinimum : goal;
}

int32_t setGCPercent(int32_t in)
{
    int32_t out = gcController.gcPercent;
    gcController.gcPercent = in < 0 ? -1 : in;
    gcControllerCommit();
    return out;
}

void gcinit(void)
{
    free(work.wbuf);
    memset(&work, 0, sizeof work);
    memset(&gcController, 0, sizeof gcController);
    gcphase = GCoff;
    gcdebug = (gcDebugState){ .gctrace = readGODEBUGgctrace(), .procs = 1, .out = stderr };
    gcController.gcPercent = readGOGC();
    gc_set_root_scanner(NULL, NULL);
    gcControllerCommit();
    runtimeInitTime = nanotime();
}

void gcfini(void)
{
    sweepfini();
    free(work.wbuf);
    memset(&work, 0, sizeof work);
    gcphase = GCoff;
    gc_set_root_scanner(NULL, NULL);
}

/* ======================================================================
 * The cycle
 * ====================================================================== */

static void setGCPhase(gcPhase x) { gcphase = x; }

static void stopTheWorld(void)
{
    RT_ASSERT(!work.worldStopped, "stopTheWorld: world already stopped");
    work.worldStopped = true;
    work.pauseStart = nanotime();
}

static void startTheWorld(void)
{
    work.pauseNS += nanotime() - work.pauseStart;
    work.worldStopped = false;
}

void gcStart(gcTriggerKind trigger)
{
    RT_ASSERT(gcphase == GCoff, "gcStart: a cycle is already running");
    work.tSweepTerm = nanotime();
    stopTheWorld();

    /* Sweep termination. */
    while (sweepone() != 0)
        ;
    mcache_releaseAll();
    work.userForced = trigger == gcTriggerCycle;
    work.heap0 = memstats.heapAlloc;
    work.pauseNS = 0;
    work.bytesMarked = work.nmarked = work.nscanned = 0;
    work.stackScan = work.globalsScan = 0;
    gcController.lastHeapGoal = gcController.heapGoal;
    RT_ASSERT(gcw_empty(), "gcStart: work left from the last cycle");

    setGCPhase(GCmark);
    work.tMark = nanotime();
    markroot();
    startTheWorld();
}

static void gcMarkTermination(void);

void gcMarkDone(void)
{
    RT_ASSERT(gcphase == GCmark, "gcMarkDone: not marking");
    stopTheWorld();
    gcDrain(-1);
    work.tMarkTerm = nanotime();
    gcMarkTermination();
    startTheWorld();
    work.pauseTotalNs += (uint64_t)work.pauseNS;
}

static void gctrace(void);

static void gcMarkTermination(void)
{
    work.heap1 = memstats.heapAlloc;
    setGCPhase(GCmarktermination);

    /* Tri-color invariant at the end of marking: no grey object is left, so
     * every marked object is black, and (strong invariant) no black object
     * points to a white one: everything reachable from a root is marked. */
    RT_ASSERT(gcw_empty(), "gcMarkTermination: grey objects remain");
    if (gcdebug.gcverify)
        gcVerifyTricolor();

    work.heap2 = work.bytesMarked;
    gcController.heapMarked = work.bytesMarked;
    gcController.stackScan = work.stackScan;
    gcController.globalsScan = work.globalsScan;

    mcache_releaseAll();      /* the program may have cached spans while marking */
    setGCPhase(GCoff);
    gcSweep();
    if (gcdebug.gcverify)
        gcVerifyHeap();
    gcControllerCommit();

    work.tEnd = nanotime();
    work.cycles++;
    if (work.userForced)
        work.numForced++;
    work.lastGC = walltime();
    int64_t procs = gcdebug.procs > 0 ? gcdebug.procs : 1;
    work.totaltime += procs * (work.tMark - work.tSweepTerm) + (work.tMarkTerm - work.tMark) +
                      procs * (work.tEnd - work.tMarkTerm);
    if (gcdebug.gctrace > 0)
        gctrace();
}

void gcCycle(gcTriggerKind trigger)
{
    gcStart(trigger);
    gcMarkDone();
}

void runtime_GC(void)
{
    if (gcphase == GCmark)       /* finish the cycle in progress first, as Go does */
        gcMarkDone();
    gcCycle(gcTriggerCycle);
}

/* ======================================================================
 * gctrace (Go: the debug.gctrace block of gcMarkTermination)
 * ====================================================================== */

/* itoaDiv formats val/(10^dec) into the end of buf (Go's itoaDiv). */
static char *itoaDiv(char *buf, size_t len, uint64_t val, int dec)
{
    buf[len - 1] = '\0';
    char *i = buf + len - 2;
    char *idec = i - dec;
    while (val >= 10 || i >= idec) {
        *i-- = (char)('0' + val % 10);
        if (i == idec)
            *i-- = '.';
        val /= 10;
    }
    *i = (char)('0' + val);
    return i;
}

/* fmtNSAsMS: ns as milliseconds, two significant digits, at most three
 * decimals; whole milliseconds from 10 ms (Go's fmtNSAsMS). */
static char *fmtNSAsMS(char *buf, size_t len, uint64_t ns)
{
    if (ns >= 10000000)
        return itoaDiv(buf, len, ns / 1000000, 0);
    uint64_t x = ns / 1000;
    if (x == 0) {
        buf[len - 2] = '0';
        buf[len - 1] = '\0';
        return buf + len - 2;
    }
    int dec = 3;
    while (x >= 100) {
        x /= 10;
        dec--;
    }
    return itoaDiv(buf, len, x, dec);
}

static double gcCPUFraction(void)
{
    int64_t procs = gcdebug.procs > 0 ? gcdebug.procs : 1;
    int64_t total = (nanotime() - runtimeInitTime) * procs;
    return total > 0 ? (double)work.totaltime / (double)total : 0;
}

static void gctrace(void)
{
    FILE *o = gcdebug.out ? gcdebug.out : stderr;
    char b[32];
    int procs = gcdebug.procs > 0 ? gcdebug.procs : 1;
    uint64_t sweepTerm = (uint64_t)(work.tMark - work.tSweepTerm);
    uint64_t mark = (uint64_t)(work.tMarkTerm - work.tMark);
    uint64_t markTerm = (uint64_t)(work.tEnd - work.tMarkTerm);

    fprintf(o, "gc %u @%s", work.cycles,
            itoaDiv(b, sizeof b, (uint64_t)(work.tSweepTerm - runtimeInitTime) / 1000000, 3));
    fprintf(o, "s %d%%: ", (int)(gcCPUFraction() * 100));
    fprintf(o, "%s+", fmtNSAsMS(b, sizeof b, sweepTerm));
    fprintf(o, "%s+", fmtNSAsMS(b, sizeof b, mark));
    fprintf(o, "%s ms clock, ", fmtNSAsMS(b, sizeof b, markTerm));
    /* cpu: sweep term + assist/background/idle mark + mark term. mini's
     * marking is done by one thread with the world stopped: "background". */
    fprintf(o, "%s+0/", fmtNSAsMS(b, sizeof b, sweepTerm * (uint64_t)procs));
    fprintf(o, "%s/0+", fmtNSAsMS(b, sizeof b, mark));
    fprintf(o, "%s ms cpu, ", fmtNSAsMS(b, sizeof b, markTerm * (uint64_t)procs));
    fprintf(o, "%ju->%ju->%ju MB, %ju MB goal, %ju MB stacks, %ju MB globals, %d P%s\n",
            (uintmax_t)(work.heap0 >> 20), (uintmax_t)(work.heap1 >> 20),
            (uintmax_t)(work.heap2 >> 20), (uintmax_t)(gcController.lastHeapGoal >> 20),
            (uintmax_t)(gcController.stackScan >> 20), (uintmax_t)(gcController.globalsScan >> 20),
            procs, work.userForced ? " (forced)" : "");
    fflush(o);
}

/* ======================================================================
 * Statistics
 * ====================================================================== */

void ReadMemStats(MemStats *m)
{
    memset(m, 0, sizeof *m);
    m->HeapAlloc = m->Alloc = memstats.heapAlloc;
    m->TotalAlloc = memstats.totalAlloc;
    m->Mallocs = memstats.nmalloc;
    m->Frees = memstats.nfree;
    m->HeapObjects = memstats.nmalloc - memstats.nfree;
    m->HeapSys = m->Sys = mheap_.sys;
    m->HeapInuse = (uint64_t)mheap_.pagesInUse * PageSize;
    m->HeapIdle = m->HeapSys - m->HeapInuse;
    m->NextGC = gcController.heapGoal;
    m->LastGC = work.lastGC;
    m->PauseTotalNs = work.pauseTotalNs;
    m->NumGC = work.cycles;
    m->NumForcedGC = work.numForced;
    m->GCCPUFraction = gcCPUFraction();
    m->LiveBytes = gcController.heapMarked;
}

void gc_print_memstats(FILE *out)
{
    MemStats m;
    ReadMemStats(&m);
    fprintf(out,
            "mallocs: %ju, frees: %ju, live objects: %ju\n"
            "heap alloc: %ju bytes, total alloc: %ju bytes, live after last GC: %ju bytes\n"
            "heap in use: %ju bytes, heap sys: %ju bytes, next GC: %ju bytes\n"
            "GC cycles: %u (forced: %u), total pause: %ju ns\n",
            (uintmax_t)m.Mallocs, (uintmax_t)m.Frees, (uintmax_t)m.HeapObjects,
            (uintmax_t)m.HeapAlloc, (uintmax_t)m.TotalAlloc, (uintmax_t)m.LiveBytes,
            (uintmax_t)m.HeapInuse, (uintmax_t)m.HeapSys, (uintmax_t)m.NextGC,
            m.NumGC, m.NumForcedGC, (uintmax_t)m.PauseTotalNs);
}
