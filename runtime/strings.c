/* strings.c — the natives of package strings, and strings.Builder.
 *
 * Go: strings/strings.go, strings/builder.go (go 1.19). Results, including
 * the capacities of the slices Split and Fields return, are Go's; the
 * search algorithms are simpler (Go's Rabin-Karp and IndexByte assembly
 * find the same indices).
 *
 * Substrings (Split's elements, Trim's result, Join of one element) share
 * the argument's bytes, as in Go; every new string is a fresh heap object.
 * Invalid UTF-8 decodes as RuneError of width 1 everywhere (Go's range and
 * DecodeRuneInString), which Map-based functions (ToUpper, ToLower) then
 * write as U+FFFD.
 *
 * Collector (natives.h): a native that allocates pushes the argument
 * slots it still reads afterwards; all the others only read.
 */
#include <string.h>

#include "natives.h"
#include "strconv.h"
#include "sizeclasses.h"
#include "unicode.h"

#pragma GCC diagnostic ignored "-Wunused-parameter"

/* ---- searching (no allocation) ---- */

/* Go: strings.Index: the first index of sep in s, 0 for an empty sep. */
static int64_t str_index(GoStr s, GoStr sep)
{
    if (sep.n == 0)
        return 0;
    if (sep.n > s.n)
        return -1;
    const uint8_t *end = s.p + (s.n - sep.n);
    for (const uint8_t *q = s.p; q <= end; q++) {
        q = memchr(q, sep.p[0], (size_t)(end - q) + 1);
        if (!q)
            return -1;
        if (memcmp(q, sep.p, (size_t)sep.n) == 0)
            return q - s.p;
    }
    return -1;
}

/* Go: strings.LastIndex: len(s) for an empty sep. */
static int64_t str_lastindex(GoStr s, GoStr sep)
{
    if (sep.n == 0)
        return s.n;
    for (int64_t i = s.n - sep.n; i >= 0; i--)
        if (s.p[i] == sep.p[0] && memcmp(s.p + i, sep.p, (size_t)sep.n) == 0)
            return i;
    return -1;
}

static int64_t str_indexbyte(GoStr s, uint8_t c)
{
    const uint8_t *q = s.n ? memchr(s.p, c, (size_t)s.n) : NULL;
    return q ? q - s.p : -1;
}

static int32_t decode(GoStr s, int64_t i, int *size)
{
    return utf8_DecodeRune(s.p + i, (size_t)(s.n - i), size);
}

/* Go: strings.IndexRune. RuneError matches an invalid byte or an encoded
   U+FFFD (range decoding); other invalid runes never match. */
static int64_t str_indexrune(GoStr s, int32_t r)
{
    if (0 <= r && r < utf8_RuneSelf)
        return str_indexbyte(s, (uint8_t)r);
    if (r == utf8_RuneError) {
        int size;
        for (int64_t i = 0; i < s.n; i += size)
            if (decode(s, i, &size) == utf8_RuneError)
                return i;
        return -1;
    }
    if (!utf8_ValidRune(r))
        return -1;
    uint8_t buf[utf8_UTFMax];
    int n = utf8_EncodeRune(buf, r);
    return str_index(s, (GoStr){ buf, n });
}

/* Go: strings.Count: non-overlapping; an empty sep counts runes + 1. */
static int64_t str_count(GoStr s, GoStr sep)
{
    if (sep.n == 0)
        return (int64_t)utf8_RuneCount(s.p, (size_t)s.n) + 1;
    int64_t n = 0;
    for (;;) {
        int64_t i = str_index(s, sep);
        if (i < 0)
            return n;
        n++;
        s.p += i + sep.n;
        s.n -= i + sep.n;
    }
}

static void strings_Count(G *gp, Slot *a, int n) { a[0].i = str_count(arg_str(a + 1), arg_str(a + 3)); }
static void strings_Index(G *gp, Slot *a, int n) { a[0].i = str_index(arg_str(a + 1), arg_str(a + 3)); }
static void strings_LastIndex(G *gp, Slot *a, int n) { a[0].i = str_lastindex(arg_str(a + 1), arg_str(a + 3)); }
static void strings_IndexByte(G *gp, Slot *a, int n) { a[0].i = str_indexbyte(arg_str(a + 1), (uint8_t)a[3].u); }
static void strings_IndexRune(G *gp, Slot *a, int n) { a[0].i = str_indexrune(arg_str(a + 1), (int32_t)a[3].i); }
static void strings_Contains(G *gp, Slot *a, int n) { a[0].u = str_index(arg_str(a + 1), arg_str(a + 3)) >= 0; }
static void strings_ContainsRune(G *gp, Slot *a, int n) { a[0].u = str_indexrune(arg_str(a + 1), (int32_t)a[3].i) >= 0; }

/* Go: strings.IndexAny >= 0. A one-byte chars above ASCII stands for
   RuneError, which is what ranging over it yields anyway. */
static void strings_ContainsAny(G *gp, Slot *a, int n)
{
    GoStr s = arg_str(a + 1), chars = arg_str(a + 3);
    a[0].u = 0;
    int size;
    for (int64_t i = 0; chars.n > 0 && i < s.n; i += size)
        if (str_indexrune(chars, decode(s, i, &size)) >= 0) {
            a[0].u = 1;
            return;
        }
}

/* Go: strings.IndexAny: the first rune of s that chars holds (a chars
   byte above ASCII alone stands for RuneError, as ranging over it gives). */
static int64_t str_indexany(GoStr s, GoStr chars)
{
    int size;
    for (int64_t i = 0; chars.n > 0 && i < s.n; i += size)
        if (str_indexrune(chars, decode(s, i, &size)) >= 0)
            return i;
    return -1;
}

static void strings_IndexAny(G *gp, Slot *a, int n) { a[0].i = str_indexany(arg_str(a + 1), arg_str(a + 3)); }

/* Go: strings.LastIndexAny: the last such rune, decoding backwards. */
static void strings_LastIndexAny(G *gp, Slot *a, int n)
{
    GoStr s = arg_str(a + 1), chars = arg_str(a + 3);
    a[0].i = -1;
    if (chars.n == 0)
        return;
    for (int64_t i = s.n; i > 0;) {
        int size;
        int32_t r = utf8_DecodeLastRune(s.p, (size_t)i, &size);
        i -= size;
        if (str_indexrune(chars, r) >= 0) {
            a[0].i = i;
            return;
        }
    }
}

static void strings_LastIndexByte(G *gp, Slot *a, int n)
{
    GoStr s = arg_str(a + 1);
    a[0].i = -1;
    for (int64_t i = s.n - 1; i >= 0; i--)
        if (s.p[i] == (uint8_t)a[3].u) {
            a[0].i = i;
            return;
        }
}

/* Go: strings.Compare: bytewise, -1, 0 or +1. */
static void strings_Compare(G *gp, Slot *a, int n)
{
    GoStr x = arg_str(a + 1), y = arg_str(a + 3);
    int64_t m = x.n < y.n ? x.n : y.n;
    int c = m > 0 ? memcmp(x.p, y.p, (size_t)m) : 0;
    a[0].i = c < 0 ? -1 : c > 0 ? 1 : x.n < y.n ? -1 : x.n > y.n ? 1 : 0;
}

/* Go: strings.Cut(s, sep) (before, after string, found bool): the halves
   around the first sep, sharing s's bytes. */
static void strings_Cut(G *gp, Slot *a, int n)
{
    GoStr s = arg_str(a + 5), sep = arg_str(a + 7);
    int64_t i = str_index(s, sep);
    if (i < 0) {
        a[0] = a[5];
        a[1] = a[6];
        a[2].p = NULL;
        a[3].u = 0;
        a[4].u = 0;
        return;
    }
    set_str(a, s.p, i);
    set_str(a + 2, s.p + i + sep.n, s.n - i - sep.n);
    a[4].u = 1;
}

/* Empty Go strings may have a nil pointer, which memcmp must not see. */
static bool hasprefix(GoStr s, GoStr p) { return s.n >= p.n && (p.n == 0 || memcmp(s.p, p.p, (size_t)p.n) == 0); }
static bool hassuffix(GoStr s, GoStr p) { return s.n >= p.n && (p.n == 0 || memcmp(s.p + s.n - p.n, p.p, (size_t)p.n) == 0); }

static void strings_HasPrefix(G *gp, Slot *a, int n) { a[0].u = hasprefix(arg_str(a + 1), arg_str(a + 3)); }
static void strings_HasSuffix(G *gp, Slot *a, int n) { a[0].u = hassuffix(arg_str(a + 1), arg_str(a + 3)); }

/* Go: strings.EqualFold: equal under Unicode simple case folding. */
static void strings_EqualFold(G *gp, Slot *a, int n)
{
    GoStr s = arg_str(a + 1), t = arg_str(a + 3);
    a[0].u = 0;
    int64_t i = 0, j = 0;
    while (i < s.n && j < t.n) {
        int32_t sr, tr;
        int w;
        if (s.p[i] < utf8_RuneSelf) { sr = s.p[i]; i++; }
        else { sr = decode(s, i, &w); i += w; }
        if (t.p[j] < utf8_RuneSelf) { tr = t.p[j]; j++; }
        else { tr = decode(t, j, &w); j += w; }
        if (tr == sr)
            continue;
        if (tr < sr) { int32_t x = tr; tr = sr; sr = x; }
        if (tr < utf8_RuneSelf) {
            if ('A' <= sr && sr <= 'Z' && tr == sr + 'a' - 'A')
                continue;
            return;
        }
        /* General case: SimpleFold(x) is the next equivalent rune > x,
           or it wraps around to smaller values. */
        int32_t r = unicode_SimpleFold(sr);
        while (r != sr && r < tr)
            r = unicode_SimpleFold(r);
        if (r == tr)
            continue;
        return;
    }
    a[0].u = i == s.n && j == t.n;
}

/* ---- trimming (substrings: no allocation) ---- */

static GoStr trimleft(GoStr s, GoStr cutset)
{
    while (s.n > 0) {
        int size = 1;
        int32_t r = s.p[0];
        if (r >= utf8_RuneSelf)
            r = utf8_DecodeRune(s.p, (size_t)s.n, &size);
        if (str_indexrune(cutset, r) < 0)
            break;
        s.p += size;
        s.n -= size;
    }
    return s;
}

static GoStr trimright(GoStr s, GoStr cutset)
{
    while (s.n > 0) {
        int size = 1;
        int32_t r = s.p[s.n - 1];
        if (r >= utf8_RuneSelf)
            r = utf8_DecodeLastRune(s.p, (size_t)s.n, &size);
        if (str_indexrune(cutset, r) < 0)
            break;
        s.n -= size;
    }
    return s;
}

static void ret_str(Slot *a, GoStr s) { set_str(a, s.p, s.n); }

static void strings_Trim(G *gp, Slot *a, int n)
{
    GoStr s = arg_str(a + 2), cut = arg_str(a + 4);
    ret_str(a, cut.n == 0 ? s : trimright(trimleft(s, cut), cut));
}
static void strings_TrimLeft(G *gp, Slot *a, int n)
{
    GoStr s = arg_str(a + 2), cut = arg_str(a + 4);
    ret_str(a, cut.n == 0 ? s : trimleft(s, cut));
}
static void strings_TrimRight(G *gp, Slot *a, int n)
{
    GoStr s = arg_str(a + 2), cut = arg_str(a + 4);
    ret_str(a, cut.n == 0 ? s : trimright(s, cut));
}

/* Go: strings.TrimSpace: unicode.IsSpace at both ends. */
static void strings_TrimSpace(G *gp, Slot *a, int n)
{
    GoStr s = arg_str(a + 2);
    int size;
    while (s.n > 0 && unicode_IsSpace(utf8_DecodeRune(s.p, (size_t)s.n, &size))) {
        s.p += size;
        s.n -= size;
    }
    while (s.n > 0 && unicode_IsSpace(utf8_DecodeLastRune(s.p, (size_t)s.n, &size)))
        s.n -= size;
    ret_str(a, s);
}

static void strings_TrimPrefix(G *gp, Slot *a, int n)
{
    GoStr s = arg_str(a + 2), p = arg_str(a + 4);
    if (hasprefix(s, p)) { s.p += p.n; s.n -= p.n; }
    ret_str(a, s);
}

static void strings_TrimSuffix(G *gp, Slot *a, int n)
{
    GoStr s = arg_str(a + 2), p = arg_str(a + 4);
    if (hassuffix(s, p))
        s.n -= p.n;
    ret_str(a, s);
}

/* ---- splitting: []string of substrings ---- */

/* Go: genSplit(s, sep, 0, n) and explode. The result slice is a[0..3);
   s is a[3..5), sep a[5..7). s is rooted across the one allocation. */
static void gensplit(Slot *a, int64_t n)
{
    GoStr s = arg_str(a + 3), sep = arg_str(a + 5);
    if (n == 0) {
        a[0].p = NULL; a[1].i = 0; a[2].i = 0;
        return;
    }
    if (sep.n == 0) {
        int64_t l = (int64_t)utf8_RuneCount(s.p, (size_t)s.n);
        if (n < 0 || n > l)
            n = l;
    } else {
        if (n < 0)
            n = str_count(s, sep) + 1;
        if (n > s.n + 1)
            n = s.n + 1;
    }
    gc_push_root(&a[3].p);
    native_newslice(a, &native_string_td, n, n);
    gc_pop_roots(1);
    s = arg_str(a + 3);
    Slot *elems = a[0].p;
    int64_t i = 0;
    if (sep.n == 0) {
        for (; i < n - 1; i++) {
            int size;
            if (utf8_DecodeRune(s.p, (size_t)s.n, &size) == utf8_RuneError)
                set_str(elems + 2 * i, "\xEF\xBF\xBD", 3);   /* Go: string(utf8.RuneError) */
            else
                set_str(elems + 2 * i, s.p, size);
            s.p += size;
            s.n -= size;
        }
        if (n > 0)
            set_str(elems + 2 * (n - 1), s.p, s.n);
        return;
    }
    for (; i < n - 1; i++) {
        int64_t m = str_index(s, sep);
        if (m < 0)
            break;
        set_str(elems + 2 * i, s.p, m);
        s.p += m + sep.n;
        s.n -= m + sep.n;
    }
    set_str(elems + 2 * i, s.p, s.n);
    a[1].i = i + 1;
}

static void strings_Split(G *gp, Slot *a, int n) { gensplit(a, -1); }
static void strings_SplitN(G *gp, Slot *a, int n) { gensplit(a, a[7].i); }

/* Go: strings.Fields: the runs of non-space runes (unicode.IsSpace);
   len == cap == the number of fields. */
static void strings_Fields(G *gp, Slot *a, int nw)
{
    GoStr s = arg_str(a + 3);
    int64_t n = 0;
    bool inspace = true;
    int size;
    for (int64_t i = 0; i < s.n; i += size) {
        bool sp = unicode_IsSpace(decode(s, i, &size));
        n += inspace && !sp;
        inspace = sp;
    }
    gc_push_root(&a[3].p);
    native_newslice(a, &native_string_td, n, n);
    gc_pop_roots(1);
    s = arg_str(a + 3);
    Slot *elems = a[0].p;
    int64_t k = 0, start = -1;
    for (int64_t i = 0; i < s.n; i += size) {
        bool sp = unicode_IsSpace(decode(s, i, &size));
        if (sp && start >= 0) {
            set_str(elems + 2 * k++, s.p + start, i - start);
            start = -1;
        } else if (!sp && start < 0) {
            start = i;
        }
    }
    if (start >= 0)
        set_str(elems + 2 * k++, s.p + start, s.n - start);
}

/* ---- building new strings ---- */

/* Go: strings.Join. One element is returned as is. */
static void strings_Join(G *gp, Slot *a, int nw)
{
    Slot *elems = a[2].p;
    int64_t n = a[3].i;
    GoStr sep = arg_str(a + 5);
    if (n == 0) { set_str(a, NULL, 0); return; }
    if (n == 1) { a[0] = elems[0]; a[1] = elems[1]; return; }
    int64_t total = sep.n * (n - 1);
    for (int64_t i = 0; i < n; i++)
        total += elems[2 * i + 1].i;
    gc_push_root(&a[2].p);
    gc_push_root(&a[5].p);
    uint8_t *d = native_allocstring(a, (size_t)total);
    gc_pop_roots(2);
    elems = a[2].p;
    sep = arg_str(a + 5);
    for (int64_t i = 0; i < n; i++) {
        if (i && sep.n) { memcpy(d, sep.p, (size_t)sep.n); d += sep.n; }
        size_t l = (size_t)elems[2 * i + 1].i;
        if (l) memcpy(d, elems[2 * i].p, l);
        d += l;
    }
}

/* Go: strings.Repeat, with its panics. */
static void strings_Repeat(G *gp, Slot *a, int nw)
{
    GoStr s = arg_str(a + 2);
    int64_t count = a[4].i;
    if (count == 0) { set_str(a, NULL, 0); return; }
    if (count < 0)
        native_panic(gp, "strings: negative Repeat count");
    int64_t total = (int64_t)((uint64_t)s.n * (uint64_t)count);    /* Go's wrapping product */
    if (total / count != s.n)
        native_panic(gp, "strings: Repeat count causes overflow");
    if (total > ((int64_t)1 << 48))     /* Go: Grow's make past maxAlloc */
        panicmsg(gp, "runtime error: makeslice: cap out of range");
    gc_push_root(&a[2].p);
    uint8_t *d = native_allocstring(a, (size_t)total);
    gc_pop_roots(1);
    s = arg_str(a + 2);
    for (int64_t i = 0; s.n && i < count; i++)
        memcpy(d + i * s.n, s.p, (size_t)s.n);
}

/* Go: strings.Replace. An empty old matches before every rune and at the
   end. s is returned as is when nothing is replaced. */
static void replace(Slot *a, int64_t n)
{
    GoStr s = arg_str(a + 2), old = arg_str(a + 4), nw = arg_str(a + 6);
    if ((old.n == nw.n && (old.n == 0 || memcmp(old.p, nw.p, (size_t)old.n) == 0)) || n == 0) {
        ret_str(a, s);
        return;
    }
    int64_t m = str_count(s, old);
    if (m == 0) {
        ret_str(a, s);
        return;
    }
    if (n < 0 || m < n)
        n = m;
    int64_t total = s.n + n * (nw.n - old.n);
    gc_push_root(&a[2].p);
    gc_push_root(&a[4].p);
    gc_push_root(&a[6].p);
    uint8_t *d = native_allocstring(a, (size_t)total);
    gc_pop_roots(3);
    s = arg_str(a + 2); old = arg_str(a + 4); nw = arg_str(a + 6);
    int64_t start = 0;
    for (int64_t i = 0; i < n; i++) {
        int64_t j = start;
        if (old.n == 0) {
            if (i > 0) {
                int wid;
                decode(s, start, &wid);
                j += wid;
            }
        } else {
            j += str_index((GoStr){ s.p + start, s.n - start }, old);
        }
        if (j > start) memcpy(d, s.p + start, (size_t)(j - start));
        d += j - start;
        if (nw.n) memcpy(d, nw.p, (size_t)nw.n);
        d += nw.n;
        start = j + old.n;
    }
    if (s.n - start) memcpy(d, s.p + start, (size_t)(s.n - start));
}

static void strings_Replace(G *gp, Slot *a, int n) { replace(a, a[8].i); }
static void strings_ReplaceAll(G *gp, Slot *a, int n) { replace(a, -1); }

/* Go: strings.Map(unicode.ToUpper/ToLower, s): s itself when no rune
   changes (invalid bytes always change: they become U+FFFD). */
static void mapcase(Slot *a, int32_t (*f)(int32_t))
{
    GoStr s = arg_str(a + 2);
    int64_t total = 0;
    bool changed = false;
    int size;
    for (int64_t i = 0; i < s.n; i += size) {
        int32_t c = decode(s, i, &size), r = f(c);
        changed |= r != c || (c == utf8_RuneError && size == 1);
        total += utf8_RuneLen(r) < 0 ? 3 : utf8_RuneLen(r);
    }
    if (!changed) {
        ret_str(a, s);
        return;
    }
    gc_push_root(&a[2].p);
    uint8_t *d = native_allocstring(a, (size_t)total);
    gc_pop_roots(1);
    s = arg_str(a + 2);
    for (int64_t i = 0; i < s.n; i += size)
        d += utf8_EncodeRune(d, f(decode(s, i, &size)));
}

static void strings_ToUpper(G *gp, Slot *a, int n) { mapcase(a, unicode_ToUpper); }
static void strings_ToLower(G *gp, Slot *a, int n) { mapcase(a, unicode_ToLower); }

/* ---- Map: calls back into the program ---- */

/* Go: strings.Map: each rune of s (invalid UTF-8 as RuneError) through
 * mapping, once, in order; a negative result drops the rune. An unchanged
 * string is returned as is. [string][mapping][s]. s's bytes stay alive
 * while mapping runs (the caller's call area is scanned during a callback)
 * and never move; the result is built in C memory and allocated last. */
static void strings_Map(G *gp, Slot *a, int n)
{
    ptrdiff_t off = a - gp->fp;
    void *mapping = a[2].p;
    GoStr s = arg_str(a + 3);
    StrBuf b = { 0 };
    bool changed = false;
    for (int64_t i = 0; i < s.n;) {
        int w;
        int32_t c = utf8_DecodeRune(s.p + i, (size_t)(s.n - i), &w);
        Slot args[2] = { { 0 }, { .i = c } }, res[1];
        vm_callfv(gp, mapping, args, 2, res, 1);
        int32_t r = (int32_t)res[0].i;
        if (r != c || (c == utf8_RuneError && w == 1))
            changed = true;
        if (r >= 0) {
            uint8_t enc[utf8_UTFMax];
            strbuf_write(&b, (const char *)enc, (size_t)utf8_EncodeRune(enc, r));
        }
        i += w;
    }
    a = gp->fp + off;
    if (changed)
        native_newstring(a, b.p, b.len);
    else
        set_str(a, s.p, s.n);
    strbuf_free(&b);
}

/* ---- strings.Builder ----
 * Layout (src/packages/strings.mini, Go's): { addr *Builder; buf []byte },
 * words 0 and 1 pointers. String() shares buf, as Go's unsafe conversion;
 * writes only append past len, so a returned string never changes. */

typedef struct Builder {
    struct Builder *addr;
    uint8_t *buf;
    int64_t len, cap;
} Builder;

/* Go: Builder.copyCheck. */
static Builder *copycheck(G *gp, Slot *recv)
{
    Builder *b = recv->p;
    if (!b)
        panicmem(gp);
    if (b->addr == NULL)
        b->addr = b;
    else if (b->addr != b)
        native_panic(gp, "strings: illegal use of non-zero Builder copied by value");
    return b;
}

static Builder *nilcheck(G *gp, Slot *recv)
{
    if (!recv->p)
        panicmem(gp);
    return recv->p;
}

/* Makes room for n more bytes: Go's append growth (growslice) when
   fromappend, else Builder.grow's 2*cap+n. The receiver slot and the
   argument slot `keep` (a string or slice being written, or NULL) are
   rooted across the allocation. */
static Builder *bgrow(G *gp, Slot *recv, Slot *keep, int64_t n, bool fromappend)
{
    Builder *b = recv->p;
    if (b->cap - b->len >= n)
        return b;
    int64_t newcap;
    if (fromappend) {
        newcap = growslice_newcap(b->cap, b->len + n, 1);
        if (newcap < 0)
            panicmsg(gp, "runtime error: growslice: cap out of range");
    } else if (__builtin_add_overflow(2 * b->cap, n, &newcap) || newcap > ((int64_t)1 << 48)) {
        panicmsg(gp, "runtime error: makeslice: cap out of range");     /* Go: maxAlloc */
    }
    gc_push_root(&recv->p);
    if (keep)
        gc_push_root(&keep->p);
    uint8_t *p = mallocgc((uintptr_t)newcap, NULL, false);
    gc_pop_roots(keep ? 2 : 1);
    b = recv->p;
    if (b->len)
        memcpy(p, b->buf, (size_t)b->len);
    b->buf = p;
    b->cap = newcap;
    return b;
}

/* Builder methods: recv is the word after the results. */
static void Builder_String(G *gp, Slot *a, int n)
{
    Builder *b = nilcheck(gp, &a[2]);
    set_str(a, b->buf, b->len);
}

static void Builder_Len(G *gp, Slot *a, int n) { a[0].i = nilcheck(gp, &a[1])->len; }

static void Builder_Reset(G *gp, Slot *a, int n)
{
    Builder *b = nilcheck(gp, &a[0]);
    memset(b, 0, sizeof *b);
}

static void Builder_Grow(G *gp, Slot *a, int n)
{
    copycheck(gp, &a[0]);
    if (a[1].i < 0)
        native_panic(gp, "strings.Builder.Grow: negative count");
    bgrow(gp, &a[0], NULL, a[1].i, false);
}

/* The writes return (int, error): a[0] the count, a[1..3) a nil error. */
static void write_bytes(G *gp, Slot *a, Slot *recv, Slot *src)
{
    copycheck(gp, recv);
    int64_t n = src[1].i;
    Builder *b = bgrow(gp, recv, src, n, true);
    if (n)
        memcpy(b->buf + b->len, src[0].p, (size_t)n);
    b->len += n;
    a[0].i = n;
    a[1].p = a[2].p = NULL;
}

static void Builder_Write(G *gp, Slot *a, int n) { write_bytes(gp, a, &a[3], &a[4]); }
static void Builder_WriteString(G *gp, Slot *a, int n) { write_bytes(gp, a, &a[3], &a[4]); }

static void Builder_WriteByte(G *gp, Slot *a, int n)
{
    copycheck(gp, &a[2]);
    Builder *b = bgrow(gp, &a[2], NULL, 1, true);
    b->buf[b->len++] = (uint8_t)a[3].u;
    a[0].p = a[1].p = NULL;
}

/* Go: an ASCII rune is appended; any other grows by UTFMax first. */
static void Builder_WriteRune(G *gp, Slot *a, int n)
{
    copycheck(gp, &a[3]);
    int32_t r = (int32_t)a[4].i;
    uint8_t buf[utf8_UTFMax];
    int w = utf8_EncodeRune(buf, r);
    Builder *b = (uint32_t)r < utf8_RuneSelf ? bgrow(gp, &a[3], NULL, 1, true)
                                             : bgrow(gp, &a[3], NULL, utf8_UTFMax, false);
    memcpy(b->buf + b->len, buf, (size_t)w);
    b->len += w;
    a[0].i = w;
    a[1].p = a[2].p = NULL;
}

const Native strings_natives[] = {
    { "strings", "Count", strings_Count },
    { "strings", "Index", strings_Index },
    { "strings", "IndexByte", strings_IndexByte },
    { "strings", "IndexRune", strings_IndexRune },
    { "strings", "LastIndex", strings_LastIndex },
    { "strings", "Contains", strings_Contains },
    { "strings", "ContainsRune", strings_ContainsRune },
    { "strings", "ContainsAny", strings_ContainsAny },
    { "strings", "IndexAny", strings_IndexAny },
    { "strings", "LastIndexAny", strings_LastIndexAny },
    { "strings", "LastIndexByte", strings_LastIndexByte },
    { "strings", "Compare", strings_Compare },
    { "strings", "Cut", strings_Cut },
    { "strings", "HasPrefix", strings_HasPrefix },
    { "strings", "HasSuffix", strings_HasSuffix },
    { "strings", "Split", strings_Split },
    { "strings", "SplitN", strings_SplitN },
    { "strings", "Fields", strings_Fields },
    { "strings", "Join", strings_Join },
    { "strings", "Repeat", strings_Repeat },
    { "strings", "Replace", strings_Replace },
    { "strings", "ReplaceAll", strings_ReplaceAll },
    { "strings", "ToUpper", strings_ToUpper },
    { "strings", "ToLower", strings_ToLower },
    { "strings", "TrimSpace", strings_TrimSpace },
    { "strings", "Trim", strings_Trim },
    { "strings", "TrimLeft", strings_TrimLeft },
    { "strings", "TrimRight", strings_TrimRight },
    { "strings", "TrimPrefix", strings_TrimPrefix },
    { "strings", "TrimSuffix", strings_TrimSuffix },
    { "strings", "EqualFold", strings_EqualFold },
    { "strings", "Map", strings_Map },
    { "strings", "Builder.String", Builder_String },
    { "strings", "Builder.Len", Builder_Len },
    { "strings", "Builder.Reset", Builder_Reset },
    { "strings", "Builder.Grow", Builder_Grow },
    { "strings", "Builder.Write", Builder_Write },
    { "strings", "Builder.WriteByte", Builder_WriteByte },
    { "strings", "Builder.WriteRune", Builder_WriteRune },
    { "strings", "Builder.WriteString", Builder_WriteString },
    /* the same through itabs (io.Writer, fmt.Stringer): "(*T).M" */
    { "strings", "(*Builder).String", Builder_String },
    { "strings", "(*Builder).Len", Builder_Len },
    { "strings", "(*Builder).Reset", Builder_Reset },
    { "strings", "(*Builder).Grow", Builder_Grow },
    { "strings", "(*Builder).Write", Builder_Write },
    { "strings", "(*Builder).WriteByte", Builder_WriteByte },
    { "strings", "(*Builder).WriteRune", Builder_WriteRune },
    { "strings", "(*Builder).WriteString", Builder_WriteString },
};
const int nstrings_natives = sizeof strings_natives / sizeof strings_natives[0];
