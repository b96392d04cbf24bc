/* natives.c — native_lookup over every package's table, the helpers the
 * native packages share (natives.h), and the builtins print/println/panic.
 * Each package has its own file and table: fmt.c, math.c, strings.c,
 * unicode_natives.c, utf8.c, strconv_natives.c, sort.c, os.c.
 *
 * Go: fmt/print.go (Fprint, Fprintln: doPrint, doPrintln), runtime/print.go
 * (printint, printuint, printfloat, printbool, printstring, printsp,
 * printnl).
 *
 * Calling convention (docs/design/vm.md, "Natives"): a native reads its
 * arguments from args[0 .. nargs) and writes its results there, results
 * first (the layout of a mini call). The print natives take each operand as
 * four words {kind, word0, word1, type name} (fmt.c explains why).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "malloc.h"
#include "natives.h"
#include "strconv.h"
#include "typedesc.h"
#include "chan.h"
#include "vm.h"

static bool kind_signed(int k)
{
    return k == kindInt || k == kindInt8 || k == kindInt16 || k == kindInt32 || k == kindInt64;
}

/* fmt's %v of a basic value (pp.printArg / fmtInteger / fmtFloat). */
static void fmt_value(StrBuf *b, int kind, Slot w0, Slot w1)
{
    char buf[STRCONV_INTBUF];
    switch (kind) {
    case kindBool:
        strbuf_puts(b, w0.u ? "true" : "false");
        break;
    case kindFloat64:
        fmt_float(b, w0.f, 64, 'v', NULL);
        break;
    case kindFloat32:
        fmt_float(b, (double)w0.f32, 32, 'v', NULL);
        break;
    case kindString:
        strbuf_write(b, w0.s, (size_t)w1.u);
        break;
    case kindPtr: case kindMap:     /* Go: printpointer, printhex */
        snprintf(buf, sizeof buf, "0x%llx", (unsigned long long)w0.u);
        strbuf_puts(b, buf);
        break;
    default:
        if (kind_signed(kind))
            strbuf_puts(b, formatBits(buf, w0.u, 10, w0.i < 0));
        else
            strbuf_puts(b, formatBits(buf, w0.u, 10, false));
        break;
    }
}

static void flush_to(FILE *out, StrBuf *b)
{
    if (b->len)
        fwrite(b->p, 1, b->len, out);
    strbuf_free(b);
}

/* Go: runtime/print.go, what builtin print/println write to stderr. */
static void print_value(StrBuf *b, int kind, Slot w0, Slot w1)
{
    char buf[PRINTFLOAT_BUF];
    switch (kind) {
    case kindFloat64:
        runtime_printfloat(buf, w0.f);
        strbuf_puts(b, buf);
        break;
    case kindFloat32:
        runtime_printfloat(buf, (double)w0.f32);
        strbuf_puts(b, buf);
        break;
    default:
        fmt_value(b, kind, w0, w1);
        break;
    }
}

/* close(ch) as a native: what `defer close(ch)` calls (CLOSECHAN
   otherwise). */
static void builtin_close(G *gp, Slot *args, int nargs)
{
    (void)nargs;
    closechan(gp, args[0].p);
}

static void builtin_print(G *gp, Slot *args, int nargs)
{
    StrBuf b = {0};
    for (int i = 0; i < nargs; i += 4)
        print_value(&b, (int)args[i].u, args[i + 1], args[i + 2]);
    fflush(stdout);
    flush_to(stderr, &b);
}

static void builtin_println(G *gp, Slot *args, int nargs)
{
    StrBuf b = {0};
    for (int i = 0; i < nargs; i += 4) {
        if (i)
            strbuf_putc(&b, ' ');
        print_value(&b, (int)args[i].u, args[i + 1], args[i + 2]);
    }
    strbuf_putc(&b, '\n');
    fflush(stdout);
    flush_to(stderr, &b);
}

void builtin_panic(G *gp, Slot *args, int nargs);   /* panic.c */

static const Native natives[] = {
    { "builtin", "panic", builtin_panic },
    { "builtin", "print", builtin_print },
    { "builtin", "close", builtin_close },
    { "builtin", "println", builtin_println },
};

const Native *native_lookup(const char *pkg, const char *name)
{
    static const struct { const Native *t; const int *n; } tables[] = {
        { natives, NULL },
        { math_natives, &nmath_natives },
        { fmt_natives, &nfmt_natives },
        { strings_natives, &nstrings_natives },
        { unicode_natives, &nunicode_natives },
        { utf8_natives, &nutf8_natives },
        { strconv_natives, &nstrconv_natives },
        { sort_natives, &nsort_natives },
        { sort_callback_natives, &nsort_callback_natives },
        { os_natives, &nos_natives },
        { errors_natives, &nerrors_natives },
        { mstats_natives, &nmstats_natives },
        { sync_natives, &nsync_natives },
        { atomic_natives, &natomic_natives },
        { runtime_natives, &nruntime_natives },
        { time_natives, &ntime_natives },
        { context_natives, &ncontext_natives },
    };
    for (size_t k = 0; k < sizeof tables / sizeof tables[0]; k++) {
        int n = tables[k].n ? *tables[k].n : (int)(sizeof natives / sizeof natives[0]);
        for (int i = 0; i < n; i++)
            if (strcmp(tables[k].t[i].pkg, pkg) == 0 && strcmp(tables[k].t[i].name, name) == 0)
                return &tables[k].t[i];
    }
    return NULL;
}

/* ---- helpers for the native packages (natives.h) ---- */

static const uint8_t string_gcdata[1] = { 1 };
const TypeDesc native_string_td = { 16, 8, string_gcdata, kindString, 8, "string" };

uint8_t *native_allocstring(Slot *a, size_t n)
{
    uint8_t *p = n ? mallocgc(n, NULL, false) : NULL;
    a[0].p = p;
    a[1].u = n;
    return p;
}

void native_newstring(Slot *a, const void *p, size_t n)
{
    uint8_t *d = native_allocstring(a, n);
    if (n)
        memcpy(d, p, n);
}

void native_newslice(Slot *a, const TypeDesc *t, int64_t len, int64_t cap)
{
    a[0].p = vm_newarray(t, (uintptr_t)cap);
    a[1].i = len;
    a[2].i = cap;
}

_Noreturn void native_panic(G *gp, const char *msg)
{
    panicmsg(gp, msg);
}
