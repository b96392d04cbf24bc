/* strconv_natives.c — the natives of package strconv that return no error.
 *
 * Go: strconv/itoa.go, ftoa.go, atob.go, quote.go. The algorithms are
 * strconv.c, ftoa.c and quote.c (Go's, ported); this file binds them and
 * copies their malloc'd C strings into mini's heap. The functions that
 * return an error (Atoi, Parse*, Unquote) wait for interfaces.
 * Slot convention (natives.h): results first, then the parameters.
 */
#include <stdlib.h>
#include <string.h>

#include "natives.h"
#include "sizeclasses.h"
#include "strconv.h"

#pragma GCC diagnostic ignored "-Wunused-parameter"

/* The C string s (malloc'd) as a new heap string in a[0..2); frees s. */
static void ret_cstr(Slot *a, char *s)
{
    native_newstring(a, s, strlen(s));
    free(s);
}

static void checkbase(G *gp, int64_t base)
{
    if (base < 2 || base > 36)
        native_panic(gp, "strconv: illegal AppendInt/FormatInt base");
}

/* Go: strconv.Itoa / FormatInt. */
static void strconv_FormatInt(G *gp, Slot *a, int nargs)
{
    char buf[STRCONV_INTBUF];
    int64_t base = nargs > 3 ? a[3].i : 10;
    checkbase(gp, base);
    char *p = formatBits(buf, a[2].u, (int)base, a[2].i < 0);
    native_newstring(a, p, strlen(p));
}

static void strconv_FormatUint(G *gp, Slot *a, int nargs)
{
    char buf[STRCONV_INTBUF];
    checkbase(gp, a[3].i);
    char *p = formatBits(buf, a[2].u, (int)a[3].i, false);
    native_newstring(a, p, strlen(p));
}

static void strconv_FormatBool(G *gp, Slot *a, int nargs)
{
    const char *s = FormatBool(a[2].u != 0);
    set_str(a, s, (int64_t)strlen(s));     /* a static string, as Go's literal */
}

/* Go: FormatFloat(f, fmt, prec, bitSize); bitSize must be 32 or 64. */
static void strconv_FormatFloat(G *gp, Slot *a, int nargs)
{
    int64_t bitSize = a[5].i;
    if (bitSize != 32 && bitSize != 64)
        native_panic(gp, "strconv: illegal AppendFloat/FormatFloat bitSize");
    ret_cstr(a, FormatFloat(a[2].f, (char)a[3].u, (int)a[4].i, (int)bitSize));
}

static void strconv_Quote(G *gp, Slot *a, int nargs)
{
    ret_cstr(a, Quote(a[2].s, (size_t)a[3].i));
}

static void strconv_QuoteRune(G *gp, Slot *a, int nargs)
{
    ret_cstr(a, QuoteRune((int32_t)a[2].i));
}

/* Go: AppendInt(dst []byte, i int64, base int) []byte: one append of the
   digits (append's growth). */
static void strconv_AppendInt(G *gp, Slot *a, int nargs)
{
    char buf[STRCONV_INTBUF];
    checkbase(gp, a[7].i);
    const char *p = formatBits(buf, a[6].u, (int)a[7].i, a[6].i < 0);
    int64_t n = (int64_t)strlen(p), len = a[4].i, cap = a[5].i;
    uint8_t *d = a[3].p;
    if (len + n > cap) {
        cap = growslice_newcap(cap, len + n, 1);
        gc_push_root(&a[3].p);
        d = mallocgc((uintptr_t)cap, NULL, false);
        gc_pop_roots(1);
        if (len)
            memcpy(d, a[3].p, (size_t)len);
    }
    memcpy(d + len, p, (size_t)n);
    a[0].p = d;
    a[1].i = len + n;
    a[2].i = cap;
}

const Native strconv_natives[] = {
    { "strconv", "Itoa", strconv_FormatInt },
    { "strconv", "FormatInt", strconv_FormatInt },
    { "strconv", "FormatUint", strconv_FormatUint },
    { "strconv", "FormatBool", strconv_FormatBool },
    { "strconv", "FormatFloat", strconv_FormatFloat },
    { "strconv", "Quote", strconv_Quote },
    { "strconv", "QuoteRune", strconv_QuoteRune },
    { "strconv", "AppendInt", strconv_AppendInt },
};
const int nstrconv_natives = sizeof strconv_natives / sizeof strconv_natives[0];
