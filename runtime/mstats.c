/* mstats.c — package runtime's memory natives: runtime.GC and
 * runtime.ReadMemStats.
 *
 * Go: runtime/mgc.go (GC), runtime/mstats.go (MemStats, ReadMemStats).
 * The MemStats value is written at Go's field offsets (the struct has Go's
 * layout in mini too); the fields mini's heap does not measure stay zero.
 */
#include <string.h>

#include "malloc.h"
#include "mgc.h"
#include "natives.h"
#include "vm.h"

/* Go 1.19's MemStats field offsets (amd64). */
enum {
    offAlloc = 0, offTotalAlloc = 8, offSys = 16, offMallocs = 32, offFrees = 40,
    offHeapAlloc = 48, offHeapSys = 56, offHeapIdle = 64, offHeapInuse = 72, offHeapObjects = 88,
    offNextGC = 168, offLastGC = 176, offPauseTotalNs = 184, offNumGC = 4288, offNumForcedGC = 4292,
    offGCCPUFraction = 4296, offEnableGC = 4304,
};

static void put64(char *m, int off, uint64_t v)
{
    memcpy(m + off, &v, 8);
}

static void runtime_ReadMemStats(G *gp, Slot *a, int n)
{
    (void)n;
    char *m = a[0].p;
    if (!m)
        panicmem(gp);
    MemStats s;
    ReadMemStats(&s);
    put64(m, offAlloc, s.Alloc);
    put64(m, offTotalAlloc, s.TotalAlloc);
    put64(m, offSys, s.Sys);
    put64(m, offMallocs, s.Mallocs);
    put64(m, offFrees, s.Frees);
    put64(m, offHeapAlloc, s.HeapAlloc);
    put64(m, offHeapSys, s.HeapSys);
    put64(m, offHeapIdle, s.HeapIdle);
    put64(m, offHeapInuse, s.HeapInuse);
    put64(m, offHeapObjects, s.HeapObjects);
    put64(m, offNextGC, s.NextGC);
    put64(m, offLastGC, s.LastGC);
    put64(m, offPauseTotalNs, s.PauseTotalNs);
    memcpy(m + offNumGC, &s.NumGC, 4);
    memcpy(m + offNumForcedGC, &s.NumForcedGC, 4);
    memcpy(m + offGCCPUFraction, &s.GCCPUFraction, 8);
    m[offEnableGC] = 1;
}

static void runtime_GC_native(G *gp, Slot *a, int n)
{
    (void)gp; (void)a; (void)n;
    runtime_GC();
}

const Native mstats_natives[] = {
    { "runtime", "GC", runtime_GC_native },
    { "runtime", "ReadMemStats", runtime_ReadMemStats },
};
const int nmstats_natives = sizeof mstats_natives / sizeof mstats_natives[0];
