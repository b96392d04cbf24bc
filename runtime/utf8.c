/* utf8.c — the natives of package unicode/utf8.
 *
 * Go: unicode/utf8/utf8.go. The decoding and encoding are unicode.c's
 * (utf8_DecodeRune ...); this file binds them for strings and []byte,
 * which read the same: a string is {ptr, len}, a slice {ptr, len, cap}.
 * Only AppendRune allocates (Go's append growth).
 */
#include <string.h>

#include "natives.h"
#include "sizeclasses.h"
#include "unicode.h"

#pragma GCC diagnostic ignored "-Wunused-parameter"

static const uint8_t *bp(const Slot *a) { return a[0].p; }
static size_t bn(const Slot *a) { return (size_t)a[1].i; }

static void utf8_nRuneLen(G *gp, Slot *a, int n) { a[0].i = utf8_RuneLen((int32_t)a[1].i); }
static void utf8_nRuneCount(G *gp, Slot *a, int n) { a[0].i = (int64_t)utf8_RuneCount(bp(a + 1), bn(a + 1)); }
static void utf8_nValid(G *gp, Slot *a, int n) { a[0].u = utf8_Valid(bp(a + 1), bn(a + 1)); }
static void utf8_nValidRune(G *gp, Slot *a, int n) { a[0].u = utf8_ValidRune((int32_t)a[1].i); }
static void utf8_nFullRune(G *gp, Slot *a, int n) { a[0].u = utf8_FullRune(bp(a + 1), bn(a + 1)); }
static void utf8_nRuneStart(G *gp, Slot *a, int n) { a[0].u = utf8_RuneStart((uint8_t)a[1].u); }

/* (r rune, size int) */
static void utf8_nDecodeRune(G *gp, Slot *a, int n)
{
    int size;
    a[0].i = utf8_DecodeRune(bp(a + 2), bn(a + 2), &size);
    a[1].i = size;
}

static void utf8_nDecodeLastRune(G *gp, Slot *a, int n)
{
    int size;
    a[0].i = utf8_DecodeLastRune(bp(a + 2), bn(a + 2), &size);
    a[1].i = size;
}

/* Go: EncodeRune(p []byte, r rune) int: indexes p as Go does, so a p
   too short for the encoding panics with Go's index error. */
static void utf8_nEncodeRune(G *gp, Slot *a, int n)
{
    uint8_t buf[utf8_UTFMax];
    int w = utf8_EncodeRune(buf, (int32_t)a[4].i);
    int64_t len = a[2].i;
    if (len < w)
        panicIndex(gp, w - 1, len, false);
    memcpy(a[1].p, buf, (size_t)w);
    a[0].i = w;
}

/* Go: AppendRune(p []byte, r rune) []byte: append's growth. */
static void utf8_nAppendRune(G *gp, Slot *a, int n)
{
    uint8_t buf[utf8_UTFMax];
    int w = utf8_EncodeRune(buf, (int32_t)a[6].i);
    int64_t len = a[4].i, cap = a[5].i;
    uint8_t *p = a[3].p;
    if (len + w > cap) {
        int64_t newcap = growslice_newcap(cap, len + w, 1);
        gc_push_root(&a[3].p);
        uint8_t *np = mallocgc((uintptr_t)newcap, NULL, false);
        gc_pop_roots(1);
        if (len)
            memcpy(np, a[3].p, (size_t)len);
        p = np;
        cap = newcap;
    }
    memcpy(p + len, buf, (size_t)w);
    a[0].p = p;
    a[1].i = len + w;
    a[2].i = cap;
}

#define ENTRY(name, fn) { "unicode/utf8", name, fn }
const Native utf8_natives[] = {
    ENTRY("RuneLen", utf8_nRuneLen),
    ENTRY("RuneCount", utf8_nRuneCount),
    ENTRY("RuneCountInString", utf8_nRuneCount),
    ENTRY("DecodeRune", utf8_nDecodeRune),
    ENTRY("DecodeRuneInString", utf8_nDecodeRune),
    ENTRY("DecodeLastRune", utf8_nDecodeLastRune),
    ENTRY("DecodeLastRuneInString", utf8_nDecodeLastRune),
    ENTRY("EncodeRune", utf8_nEncodeRune),
    ENTRY("AppendRune", utf8_nAppendRune),
    ENTRY("Valid", utf8_nValid),
    ENTRY("ValidString", utf8_nValid),
    ENTRY("ValidRune", utf8_nValidRune),
    ENTRY("FullRune", utf8_nFullRune),
    ENTRY("FullRuneInString", utf8_nFullRune),
    ENTRY("RuneStart", utf8_nRuneStart),
};
const int nutf8_natives = sizeof utf8_natives / sizeof utf8_natives[0];
