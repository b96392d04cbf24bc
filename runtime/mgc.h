/*
 * Go: runtime/mgc.go, runtime/mgcmark.go, runtime/mgcwork.go,
 *     runtime/mgcsweep.go, runtime/mgcpacer.go, runtime/mstats.go.
 *
 * mini's garbage collector: precise, tri-color, mark-sweep, over the span
 * heap of malloc.h. For now every cycle runs with the world stopped, but it
 * is cut into Go's phases so that marking can later be spread over the
 * program's run (allocation assists, write barriers):
 *
 *   GCoff              the program runs; allocation is white.
 *   gcStart            STW "sweep termination": finish the last sweep,
 *                      flush mcache0; phase GCmark; shade the roots.
 *   GCmark             gcDrain blackens grey objects; allocation is black.
 *   gcMarkDone         drain to the end, then
 *   GCmarktermination  STW: check no grey object is left, record the live
 *                      heap, sweep every span, set the next goal; GCoff.
 *
 * gcCycle runs all of it at once; mallocgc calls it when the heap reaches
 * the goal and runtime_GC for runtime.GC(). Between gcStart and gcMarkDone
 * the program may run and allocate (tests and the classroom debugger step
 * marking with gcDrain(n) and watch the colours with gc_dump_dot).
 *
 * Roots come from the VM: it registers one root scanner, which the collector
 * calls back during gcStart; the scanner reports each root word with
 * gc_scan_words / gc_scan_stack / gc_scan_globals (word ranges plus a
 * pointer bitmap) or gc_shade (one pointer). Root words holding an address
 * outside the heap (a stack, a string literal) are ignored.
 */
#ifndef MINI_MGC_H
#define MINI_MGC_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "malloc.h"

typedef enum gcPhase { GCoff, GCmark, GCmarktermination } gcPhase;
extern gcPhase gcphase;

typedef enum gcTriggerKind {
    gcTriggerHeap,    /* the heap reached the goal (or --gc-stress, or the heap limit) */
    gcTriggerCycle,   /* runtime.GC(): "forced" in gctrace */
} gcTriggerKind;

/* Go: gcControllerState, the pacer. */
typedef struct gcControllerState {
    int32_t gcPercent;     /* GOGC; -1 = off */
    bool enabled;          /* a root scanner is registered: automatic GC on */
    uint64_t heapMinimum;  /* 4 MB * GOGC/100 */
    uint64_t heapMarked;   /* bytes marked by the last cycle: the live heap */
    uint64_t heapGoal;     /* start a cycle when heapAlloc reaches this */
    uint64_t lastHeapGoal; /* the goal of the last cycle, as gctrace prints it */
    uint64_t stackScan;    /* bytes of stacks scanned by the last cycle */
    uint64_t globalsScan;  /* bytes of globals scanned by the last cycle */
} gcControllerState;
extern gcControllerState gcController;

/* Go: debug.gctrace and friends; set from GODEBUG and the CLI flags. */
typedef struct gcDebugState {
    int gctrace;          /* GODEBUG=gctrace=1 / --gctrace: one line per cycle */
    bool gcstress;        /* --gc-stress: a full cycle before every allocation */
    bool gcverify;        /* --gc-verify: check the invariants after each phase */
    int procs;            /* GOMAXPROCS, for gctrace's "N P" and CPU shares */
    FILE *out;            /* where gctrace writes (stderr) */
} gcDebugState;
extern gcDebugState gcdebug;

enum { MaxPushedRoots = 1024 };

/* Go: workType, the state of one cycle. */
typedef struct workType {
    uintptr_t *wbuf;          /* the grey objects (Go: gcWork's buffers) */
    size_t nwbuf, capwbuf;
    bool worldStopped;        /* inside an STW section: no allocation */
    bool scanningRoots;       /* inside the root scanner callback */
    bool userForced;
    uint32_t cycles;          /* completed cycles: Go's NumGC */
    uint32_t numForced;
    int64_t tSweepTerm, tMark, tMarkTerm, tEnd;   /* nanotime() of phase starts */
    int64_t pauseStart, pauseNS;                  /* STW of this cycle */
    int64_t totaltime;        /* GC CPU time, all cycles (ns) */
    uint64_t pauseTotalNs, lastGC;
    uint64_t heap0, heap1, heap2;                 /* gctrace's a->b->c MB */
    uint64_t bytesMarked, nmarked, nscanned;      /* this cycle */
    uint64_t stackScan, globalsScan;              /* this cycle */
    void *const *pushedRoots[MaxPushedRoots];     /* gc_push_root's slots */
    int npushedRoots;
} workType;
extern workType work;

/* ---- set-up and settings ---------------------------------------------- */

void gcinit(void);               /* called by mallocinit: reads GOGC, GODEBUG */
void gcfini(void);               /* called by mallocfini */
int32_t setGCPercent(int32_t in);   /* debug.SetGCPercent; returns the old value */

/* The VM's root scanner. It runs during gcStart (and gc_dump_dot), must not
 * allocate, and reports every root with the calls below. Registering one
 * enables automatic collection; NULL disables it (runtime_GC still runs). */
typedef void (*gcRootScanner)(void *ctx);
void gc_set_root_scanner(gcRootScanner fn, void *ctx);

/* Root reports, valid only inside the root scanner. base points to nwords
 * 8-byte words; bitmap has one bit per word (typedesc.h's format), a set bit
 * marking a pointer slot; bitmap NULL means every word is a pointer slot.
 * gc_scan_stack and gc_scan_globals also count the bytes for the pacer and
 * gctrace ("MB stacks", "MB globals"). */
void gc_scan_words(const void *base, uintptr_t nwords, const uint8_t *bitmap);
void gc_scan_stack(const void *base, uintptr_t nwords, const uint8_t *bitmap);
void gc_scan_globals(const void *base, uintptr_t nwords, const uint8_t *bitmap);
void gc_shade(const void *p);
/* Conservatively: words that point into allocated heap objects (mgcmark.c). */
void gc_scan_conservative(const void *base, uintptr_t nwords);

/* Temporary roots for C code in the runtime (natives) that holds heap
 * pointers across an allocation: push the address of the C variable, pop
 * when done (LIFO). The slot is re-read at every collection. */
void gc_push_root(void *const *slot);
void gc_pop_roots(int n);

/* ---- running the collector ---------------------------------------------- */

static inline bool gcTriggerTest(void)
{
    return gcController.enabled &&
           (gcdebug.gcstress || memstats.heapAlloc >= gcController.heapGoal);
}

void gcStart(gcTriggerKind trigger);
bool gcDrain(intptr_t budget);    /* scan up to budget grey objects (-1: all); true if none left */
void gcMarkDone(void);
void gcCycle(gcTriggerKind trigger);   /* gcStart + gcMarkDone */
void runtime_GC(void);                 /* runtime.GC(): a full, forced cycle */

/* ---- inside the collector (mgcmark.c, mgcsweep.c) ------------------------ */

void greyobject(uintptr_t obj, mspan *s, uintptr_t objIndex);
void shade(uintptr_t p);
void scanobject(uintptr_t b);
void scanblock(uintptr_t b, uintptr_t n, const uint8_t *ptrmask);
void gcmarknewobject(mspan *s, uintptr_t objIndex);
void markroot(void);
void gcScanRoots(void (*visit)(uintptr_t p));   /* run the root scanner, calling visit */
bool gcw_empty(void);
void gcSweep(void);
uintptr_t sweepone(void);             /* pages swept, 0 when no span is left */
void sweepfini(void);
void gcVerifyTricolor(void);          /* throws on a black->white edge */
void gcVerifyHeap(void);              /* throws on a pointer to a freed object */
int64_t nanotime(void);

/* ---- colours, statistics, dumps ---------------------------------------- */

typedef enum gcColor { gcNotHeap, gcWhite, gcGrey, gcBlack } gcColor;
gcColor gc_color(const void *p);   /* of the object p points into */

/* Go: runtime.MemStats, the fields mini keeps. */
typedef struct MemStats {
    uint64_t Alloc, TotalAlloc, Sys, Mallocs, Frees;
    uint64_t HeapAlloc, HeapSys, HeapIdle, HeapInuse, HeapObjects;
    uint64_t NextGC, LastGC, PauseTotalNs;
    uint32_t NumGC, NumForcedGC;
    double GCCPUFraction;
    uint64_t LiveBytes;     /* mini: heap marked by the last cycle */
} MemStats;
void ReadMemStats(MemStats *m);
void gc_print_memstats(FILE *out);     /* --memstats */

/* gc_dump_dot writes the heap as a Graphviz digraph: one node per object,
 * filled with its mark colour, an edge per pointer, and the roots. */
void gc_dump_dot(FILE *out);

#endif
