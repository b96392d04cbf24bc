/* atomic.c — the natives of package sync/atomic.
 *
 * Go: sync/atomic/doc.go (AddInt32 ... CompareAndSwapInt64),
 * sync/atomic/type.go (Bool, Int32, Int64, go 1.19).
 *
 * One thread runs every goroutine and a native runs to completion, so
 * each operation is atomic by construction: a plain load, store or add.
 * Results are normalized as frame slots are (an int32 sign-extended, a
 * bool 0 or 1). A nil address panics as Go's nil dereference does.
 */
#include <stdint.h>

#include "natives.h"

#pragma GCC diagnostic ignored "-Wunused-parameter"

static void *addr(G *gp, Slot *a)
{
    if (a->p == NULL)
        panicmem(gp);
    return a->p;
}

/* (new) = Add(addr, delta); (val) = Load(addr); Store(addr, val);
   (swapped) = CompareAndSwap(addr, old, new): results first. */
static void AddInt32(G *gp, Slot *a, int n) { int32_t *p = addr(gp, &a[1]); *p = (int32_t)((uint32_t)*p + (uint32_t)a[2].i); a[0].i = *p; }
static void AddInt64(G *gp, Slot *a, int n) { int64_t *p = addr(gp, &a[1]); *p = (int64_t)((uint64_t)*p + a[2].u); a[0].i = *p; }
static void LoadInt32(G *gp, Slot *a, int n) { a[0].i = *(int32_t *)addr(gp, &a[1]); }
static void LoadInt64(G *gp, Slot *a, int n) { a[0].i = *(int64_t *)addr(gp, &a[1]); }
static void StoreInt32(G *gp, Slot *a, int n) { *(int32_t *)addr(gp, &a[0]) = (int32_t)a[1].i; }
static void StoreInt64(G *gp, Slot *a, int n) { *(int64_t *)addr(gp, &a[0]) = a[1].i; }

static void CompareAndSwapInt32(G *gp, Slot *a, int n)
{
    int32_t *p = addr(gp, &a[1]);
    a[0].u = *p == (int32_t)a[2].i;
    if (a[0].u)
        *p = (int32_t)a[3].i;
}

static void CompareAndSwapInt64(G *gp, Slot *a, int n)
{
    int64_t *p = addr(gp, &a[1]);
    a[0].u = *p == a[2].i;
    if (a[0].u)
        *p = a[3].i;
}

/* The types' methods: the receiver points at the struct, whose only
   non-empty field v is at offset 0. */
static void Bool_Load(G *gp, Slot *a, int n) { a[0].u = *(uint32_t *)addr(gp, &a[1]) != 0; }
static void Bool_Store(G *gp, Slot *a, int n) { *(uint32_t *)addr(gp, &a[0]) = a[1].u != 0; }

static void Bool_Swap(G *gp, Slot *a, int n)
{
    uint32_t *p = addr(gp, &a[1]);
    uint32_t old = *p;
    *p = a[2].u != 0;
    a[0].u = old != 0;
}

static void Bool_CompareAndSwap(G *gp, Slot *a, int n)
{
    uint32_t *p = addr(gp, &a[1]);
    a[0].u = *p == (a[2].u != 0);
    if (a[0].u)
        *p = a[3].u != 0;
}

static void Int32_Swap(G *gp, Slot *a, int n)
{
    int32_t *p = addr(gp, &a[1]);
    int32_t old = *p;
    *p = (int32_t)a[2].i;
    a[0].i = old;
}

static void Int64_Swap(G *gp, Slot *a, int n)
{
    int64_t *p = addr(gp, &a[1]);
    int64_t old = *p;
    *p = a[2].i;
    a[0].i = old;
}

/* Int32.Store(val) has the receiver at a[0] like StoreInt32's addr, and
   Load/Add/CompareAndSwap the layout of the functions. */
const Native atomic_natives[] = {
    { "sync/atomic", "AddInt32", AddInt32 },
    { "sync/atomic", "AddInt64", AddInt64 },
    { "sync/atomic", "LoadInt32", LoadInt32 },
    { "sync/atomic", "LoadInt64", LoadInt64 },
    { "sync/atomic", "StoreInt32", StoreInt32 },
    { "sync/atomic", "StoreInt64", StoreInt64 },
    { "sync/atomic", "CompareAndSwapInt32", CompareAndSwapInt32 },
    { "sync/atomic", "CompareAndSwapInt64", CompareAndSwapInt64 },
    { "sync/atomic", "Bool.Load", Bool_Load },
    { "sync/atomic", "Bool.Store", Bool_Store },
    { "sync/atomic", "Bool.Swap", Bool_Swap },
    { "sync/atomic", "Bool.CompareAndSwap", Bool_CompareAndSwap },
    { "sync/atomic", "Int32.Load", LoadInt32 },
    { "sync/atomic", "Int32.Store", StoreInt32 },
    { "sync/atomic", "Int32.Swap", Int32_Swap },
    { "sync/atomic", "Int32.CompareAndSwap", CompareAndSwapInt32 },
    { "sync/atomic", "Int32.Add", AddInt32 },
    { "sync/atomic", "Int64.Load", LoadInt64 },
    { "sync/atomic", "Int64.Store", StoreInt64 },
    { "sync/atomic", "Int64.Swap", Int64_Swap },
    { "sync/atomic", "Int64.CompareAndSwap", CompareAndSwapInt64 },
    { "sync/atomic", "Int64.Add", AddInt64 },
};
const int natomic_natives = sizeof atomic_natives / sizeof atomic_natives[0];
