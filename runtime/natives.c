/* natives.c — the table binding native functions by package path and name,
 * and the small natives: builtin print/println/panic, os.Exit,
 * strconv.Itoa/FormatInt. fmt is in fmt.c, math in math.c.
 *
 * Go: fmt/print.go (Fprint, Fprintln: doPrint, doPrintln), runtime/print.go
 * (printint, printuint, printfloat, printbool, printstring, printsp,
 * printnl), os/proc.go (Exit), strconv/itoa.go.
 *
 * Calling convention (docs/design/vm.md, "Natives"): a native reads its
 * arguments from args[0 .. nargs) and writes its results there, results
 * first (the layout of a mini call). The print natives take each operand as
 * four words {kind, word0, word1, type name} (fmt.c explains why).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "strconv.h"
#include "typedesc.h"
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

/* Go: os.Exit: deferred functions do not run. */
static void os_Exit(G *gp, Slot *args, int nargs)
{
    vm_exit((int)(args[0].i & 0xff));
}

/* Go: strconv.Itoa / FormatInt. The result is a new heap string; the
   arguments hold no pointers, so nothing needs protecting. */
static void strconv_FormatInt(G *gp, Slot *args, int nargs)
{
    char buf[STRCONV_INTBUF];
    int64_t base = nargs > 3 ? args[3].i : 10;
    if (base < 2 || base > 36)
        panicmsg(gp, "strconv: illegal AppendInt/FormatInt base");
    char *p = formatBits(buf, args[2].u, (int)base, args[2].i < 0);
    size_t n = strlen(p);
    char *s = vm_alloc(n, false);
    memcpy(s, p, n);
    args[0].p = s;
    args[1].u = n;
}

void builtin_panic(G *gp, Slot *args, int nargs);   /* panic.c */

static const Native natives[] = {
    { "builtin", "panic", builtin_panic },
    { "builtin", "print", builtin_print },
    { "builtin", "println", builtin_println },
    { "os", "Exit", os_Exit },
    { "strconv", "Itoa", strconv_FormatInt },
    { "strconv", "FormatInt", strconv_FormatInt },
};

extern const Native math_natives[], fmt_natives[], errors_natives[];
extern const int nmath_natives, nfmt_natives, nerrors_natives;

const Native *native_lookup(const char *pkg, const char *name)
{
    struct { const Native *t; int n; } tables[] = {
        { natives, (int)(sizeof natives / sizeof natives[0]) },
        { math_natives, nmath_natives },
        { fmt_natives, nfmt_natives },
        { errors_natives, nerrors_natives },
    };
    for (size_t k = 0; k < sizeof tables / sizeof tables[0]; k++)
        for (int i = 0; i < tables[k].n; i++)
            if (strcmp(tables[k].t[i].pkg, pkg) == 0 && strcmp(tables[k].t[i].name, name) == 0)
                return &tables[k].t[i];
    return NULL;
}
