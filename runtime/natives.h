/* natives.h — what the native packages (strings.c, sort.c, utf8.c, ...)
 * share: reading Go values out of argument slots, making strings and
 * slices in mini's heap, and the rules that keep them safe with the
 * collector.
 *
 * Calling convention (docs/design/vm.md, "Natives"): args[0 ..) holds the
 * results, then the receiver (a method), then the parameters, in Go's
 * layout: a string is {ptr, len}, a slice {ptr, len, cap}, an interface
 * {tab, data}, a scalar one word (normalized as in a frame slot).
 *
 * The collector (rules every native here keeps):
 *  - The call area holding args is not scanned. A native that allocates
 *    (native_newstring, native_newslice, mallocgc) must first either be
 *    done with every heap pointer it read, or push the argument slots
 *    still needed with gc_push_root(&args[k].p) — the stack does not move
 *    while a native runs, so the slot's address stays valid — and pop them
 *    before returning.
 *  - A result slot that already holds a new heap pointer is pushed too
 *    before the next allocation.
 *  - Substrings point into their string (an interior pointer keeps the
 *    whole object alive), so s[i:j] needs no allocation.
 */
#ifndef MINI_NATIVES_H
#define MINI_NATIVES_H

#include <stddef.h>
#include <stdint.h>

#include "mgc.h"
#include "typedesc.h"
#include "vm.h"

/* A Go string or []byte view: bytes p[0 .. n). */
typedef struct GoStr {
    const uint8_t *p;
    int64_t n;
} GoStr;

static inline GoStr arg_str(const Slot *a) { return (GoStr){ (const uint8_t *)a[0].p, a[1].i }; }

static inline void set_str(Slot *a, const void *p, int64_t n)
{
    a[0].p = n ? (void *)p : NULL;
    a[1].i = n;
}

/* The element type of []string: {ptr, len}, the first word a pointer. */
extern const TypeDesc native_string_td;

/* A new heap string holding p[0 .. n) in a[0 .. 2). p must stay valid
   across the allocation: a literal, or bytes of a rooted object. */
void native_newstring(Slot *a, const void *p, size_t n);
/* A new heap string of n bytes, uninitialized, in a[0 .. 2); returns its
   bytes. */
uint8_t *native_allocstring(Slot *a, size_t n);

/* A new zeroed slice of n elements of t (len n, cap cap) in a[0 .. 3).
   cap 0 gives &zerobase (a non-nil empty slice), as Go's make. */
void native_newslice(Slot *a, const TypeDesc *t, int64_t len, int64_t cap);

/* Go's panic(string): "panic: MSG", the traceback, exit 2 (recover
   comes with panics of values). */
_Noreturn void native_panic(G *gp, const char *msg);

/* Go: (*os.File).Write of p[0 .. len) to file (an *os.File, os.c): its
   (n int, err error) in res[0 .. 3). */
void os_file_write(G *gp, void *file, const void *p, int64_t len, Slot *res);
/* Go: os.ErrInvalid as an error into res[0 .. 2) (errors.c). */
void os_errInvalid(Slot *res);

/* The packages' tables, which native_lookup (natives.c) searches. */
extern const Native math_natives[], fmt_natives[], strings_natives[], unicode_natives[],
    utf8_natives[], strconv_natives[], sort_natives[], os_natives[];
extern const int nmath_natives, nfmt_natives, nstrings_natives, nunicode_natives,
    nutf8_natives, nstrconv_natives, nsort_natives, nos_natives, nerrors_natives;
extern const Native errors_natives[], mstats_natives[];
/* errors.New(text) for natives (errors.c): the error into res[0..2). */
void errors_new(Slot *res, const char *text, size_t n);
extern const int nmstats_natives;
extern const Native sort_callback_natives[];
extern const int nsort_callback_natives;
extern const Native sync_natives[], atomic_natives[], runtime_natives[];
extern const int nsync_natives, natomic_natives, nruntime_natives;
extern const Native time_natives[], context_natives[];
extern const int ntime_natives, ncontext_natives;

#endif
