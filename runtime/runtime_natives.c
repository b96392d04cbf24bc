/* runtime_natives.c — the natives of package runtime that concern
 * goroutines: Gosched, Goexit, NumGoroutine, GOMAXPROCS, NumCPU, GC.
 *
 * Go: runtime/proc.go (Gosched, Goexit, NumGoroutine via gcount),
 * runtime/debug.go (GOMAXPROCS, NumCPU), runtime/mgc.go (GC).
 *
 * Gosched and Goexit change the g's status; the VM sees it after the
 * CALLN and returns to the scheduler (proc.c).
 */
#include <unistd.h>

#include "natives.h"
#include "proc.h"

#pragma GCC diagnostic ignored "-Wunused-parameter"

static void runtime_Gosched(G *gp, Slot *a, int n) { gosched(gp); }
static void runtime_Goexit(G *gp, Slot *a, int n) { goexit(gp); }
static void runtime_NumGoroutine(G *gp, Slot *a, int n) { a[0].i = gcount(); }
static void runtime_GOMAXPROCS(G *gp, Slot *a, int n) { a[0].i = procresize_gomaxprocs((int32_t)(a[1].i > 0x7fffffff ? 0x7fffffff : a[1].i)); }
static void runtime_GC_native(G *gp, Slot *a, int n) { runtime_GC(); }

static void runtime_NumCPU(G *gp, Slot *a, int n)
{
    long c = sysconf(_SC_NPROCESSORS_ONLN);
    a[0].i = c < 1 ? 1 : c;
}

const Native runtime_natives[] = {
    { "runtime", "Gosched", runtime_Gosched },
    { "runtime", "Goexit", runtime_Goexit },
    { "runtime", "NumGoroutine", runtime_NumGoroutine },
    { "runtime", "GOMAXPROCS", runtime_GOMAXPROCS },
    { "runtime", "NumCPU", runtime_NumCPU },
    { "runtime", "GC", runtime_GC_native },
};
const int nruntime_natives = sizeof runtime_natives / sizeof runtime_natives[0];
