/* fmt.c — the natives of package fmt: Print, Println, Printf, Sprint,
 * Sprintln, Sprintf, Fprint, Fprintln, Fprintf (to any io.Writer), each
 * also as "NAME..." for a call f(s...) whose operands are a []any.
 *
 * Go: fmt/print.go (doPrint, doPrintln, doPrintf, printArg, fmtInteger,
 * fmtString, badVerb, missingArg), fmt/format.go (fmt.fmtInteger, fmtS,
 * fmtQ, fmtSbx, fmtC, fmtQc, fmtUnicode, truncate); floats go through
 * runtime/strconv's fmt_float (fmt.fmtFloat).
 *
 * Operands. Each ...any operand is an empty interface {RType *, data}
 * (runtime/iface.h); the natives' slot layout is the mini convention:
 * [results][format string][operands]. Values with Error or String methods
 * are printed by calling them (Go: handleMethods) through vm_callback,
 * which may move the goroutine's stack: the natives copy their operands
 * out of the stack first and find their results' slots again afterwards.
 * The operands' heap objects stay alive because the collector scans the
 * caller's call area conservatively while a native runs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmtsort.h"
#include "strconv.h"
#include "iface.h"
#include "natives.h"
#include "typedesc.h"
#include "vm.h"

typedef struct Operand {
    int kind;          /* 0: a nil interface */
    Slot w0, w1;       /* struct, array: w0 the value's address; w1 (also pointers) its RType */
    const char *name;
    int depth;         /* Go's printValue depth: 0 for an operand itself */
    const RType *rt;   /* its dynamic type (handleMethods) */
    void *recv;        /* the interface data word a method call gets as its receiver */
} Operand;

static Operand valueOperand(const void *p, const RType *t);

/* An operand: the eface at a. */
static Operand operand(const Slot *a)
{
    const RType *t = a[0].p;
    if (!t)
        return (Operand){ 0, { 0 }, { 0 }, "<nil>", 0, NULL, NULL };
    Operand o = valueOperand(t->direct ? (const void *)&a[1] : a[1].p, t);
    o.depth = 0;
    return o;
}

static bool isSigned(int k)
{
    return k >= kindInt && k <= kindInt64;
}

static bool isInteger(int k)
{
    return k >= kindInt && k <= kindUintptr;
}

static const char ldigits[] = "0123456789abcdefx", udigits[] = "0123456789ABCDEFX";

/* Go: format.go fmt.fmtInteger. */
static void fmtInteger(StrBuf *b, FmtFlags *f, uint64_t u, int base, bool isSigned_, char verb,
                       const char *digits)
{
    bool negative = isSigned_ && (int64_t)u < 0;
    if (negative)
        u = 0 - u;
    int width = 68 + (f->widPresent ? f->wid : 0) + (f->precPresent ? f->prec : 0);
    char *buf = malloc((size_t)width);
    int prec = 0;
    if (f->precPresent) {
        prec = f->prec;
        if (prec == 0 && u == 0) {
            bool oldZero = f->zero;
            f->zero = false;
            fmt_writePadding(b, f->wid, f);
            f->zero = oldZero;
            free(buf);
            return;
        }
    } else if (f->zero && f->widPresent) {
        prec = f->wid;
        if (negative || f->plus || f->space)
            prec--;
    }
    int i = width;
    switch (base) {
    case 10:
        while (u >= 10) { buf[--i] = (char)('0' + u % 10); u /= 10; }
        break;
    case 16:
        while (u >= 16) { buf[--i] = digits[u & 0xF]; u >>= 4; }
        break;
    case 8:
        while (u >= 8) { buf[--i] = (char)('0' + (u & 7)); u >>= 3; }
        break;
    case 2:
        while (u >= 2) { buf[--i] = (char)('0' + (u & 1)); u >>= 1; }
        break;
    }
    buf[--i] = digits[u];
    while (i > 0 && prec > width - i)
        buf[--i] = '0';
    if (f->sharp) {
        switch (base) {
        case 2: buf[--i] = 'b'; buf[--i] = '0'; break;
        case 8: if (buf[i] != '0') buf[--i] = '0'; break;
        case 16: buf[--i] = digits[16]; buf[--i] = '0'; break;
        }
    }
    if (verb == 'O') {
        buf[--i] = 'o';
        buf[--i] = '0';
    }
    if (negative)
        buf[--i] = '-';
    else if (f->plus)
        buf[--i] = '+';
    else if (f->space)
        buf[--i] = ' ';
    bool oldZero = f->zero;
    f->zero = false;
    fmt_pad(b, buf + i, (size_t)(width - i), f);
    f->zero = oldZero;
    free(buf);
}

/* Go: fmt.truncateString: at most prec runes. */
static size_t truncate(const FmtFlags *f, const char *s, size_t n)
{
    if (!f->precPresent)
        return n;
    size_t i = 0;
    for (int r = 0; i < n; r++) {
        if (r >= f->prec)
            return i;
        int w;
        strconv_decoderune(s + i, n - i, &w);
        i += (size_t)(w > 0 ? w : 1);
    }
    return n;
}

static void fmtS(StrBuf *b, FmtFlags *f, const char *s, size_t n)
{
    fmt_pad(b, s, truncate(f, s, n), f);
}

static void fmtQ(StrBuf *b, FmtFlags *f, const char *s, size_t n)
{
    n = truncate(f, s, n);
    if (f->sharp && CanBackquote(s, n)) {
        StrBuf q = { 0 };
        strbuf_putc(&q, '`');
        strbuf_write(&q, s, n);
        strbuf_putc(&q, '`');
        fmt_pad(b, q.p, q.len, f);
        strbuf_free(&q);
        return;
    }
    char *q = f->plus ? QuoteToASCII(s, n) : Quote(s, n);
    fmt_pad(b, q, strlen(q), f);
    free(q);
}

/* Go: fmt.fmtSbx for strings. */
static void fmtSx(StrBuf *b, FmtFlags *f, const char *s, size_t n, const char *digits)
{
    int length = (int)n;
    if (f->precPresent && f->prec < length)
        length = f->prec;
    int width = 2 * length;
    if (width > 0) {
        if (f->space) {
            if (f->sharp)
                width *= 2;
            width += length - 1;
        } else if (f->sharp) {
            width += 2;
        }
    } else {
        if (f->widPresent)
            fmt_writePadding(b, f->wid, f);
        return;
    }
    if (f->widPresent && f->wid > width && !f->minus)
        fmt_writePadding(b, f->wid - width, f);
    if (f->sharp) {
        strbuf_putc(b, '0');
        strbuf_putc(b, digits[16]);
    }
    for (int i = 0; i < length; i++) {
        if (f->space && i > 0) {
            strbuf_putc(b, ' ');
            if (f->sharp) {
                strbuf_putc(b, '0');
                strbuf_putc(b, digits[16]);
            }
        }
        uint8_t c = (uint8_t)s[i];
        strbuf_putc(b, digits[c >> 4]);
        strbuf_putc(b, digits[c & 0xF]);
    }
    if (f->widPresent && f->wid > width && f->minus)
        fmt_writePadding(b, f->wid - width, f);
}

static int32_t runeOf(uint64_t c)
{
    return c > 0x10FFFF ? 0xFFFD : (int32_t)c;
}

/* Go: fmt.fmtUnicode: U+0078, with # also ' 'x''. */
static void fmtUnicode(StrBuf *b, FmtFlags *f, uint64_t u)
{
    char buf[64];
    int prec = 4;
    if (f->precPresent && f->prec > 4)
        prec = f->prec > 40 ? 40 : f->prec;
    int n = snprintf(buf, sizeof buf, "U+%0*llX", prec, (unsigned long long)u);
    if (f->sharp && u <= 0x10FFFF && IsPrint((int32_t)u)) {
        char r[4];
        int w = strconv_encoderune(r, (int32_t)u);
        buf[n++] = ' ';
        buf[n++] = '\'';
        memcpy(buf + n, r, (size_t)w);
        n += w;
        buf[n++] = '\'';
    }
    bool oldZero = f->zero;
    f->zero = false;
    fmt_pad(b, buf, (size_t)n, f);
    f->zero = oldZero;
}

static void printArg(StrBuf *b, FmtFlags *f, const Operand *a, char verb);
static void printValue(StrBuf *b, FmtFlags *f, const void *p, const RType *t, char verb);
static void fmtPointer(StrBuf *b, FmtFlags *f, const Operand *a, char verb);
static void printMap(StrBuf *b, FmtFlags *f, hmap *h, const maptype *t, char verb);

/* Go: pp.badVerb: %!verb(type=value). */
static void badVerb(StrBuf *b, FmtFlags *f, const Operand *a, char verb)
{
    strbuf_puts(b, "%!");
    strbuf_putc(b, verb);
    strbuf_putc(b, '(');
    if (a->kind == 0) {
        strbuf_puts(b, "<nil>)");
        return;
    }
    strbuf_puts(b, a->name);
    strbuf_putc(b, '=');
    printArg(b, f, a, 'v');
    strbuf_putc(b, ')');
}

/* Go: pp.fmtString; false for a verb strings do not take (the caller's
   badVerb). */
static bool fmtString(StrBuf *b, FmtFlags *f, const char *s, size_t n, char verb)
{
    switch (verb) {
    case 'v': if (f->sharpV) fmtQ(b, f, s, n); else fmtS(b, f, s, n); return true;
    case 's': fmtS(b, f, s, n); return true;
    case 'x': fmtSx(b, f, s, n, ldigits); return true;
    case 'X': fmtSx(b, f, s, n, udigits); return true;
    case 'q': fmtQ(b, f, s, n); return true;
    default: return false;
    }
}

/* Go: pp.handleMethods: an error's Error or a Stringer's String, called
   through vm_callback, for the verbs that print strings. */
static bool handleMethods(StrBuf *b, FmtFlags *f, const Operand *a, char verb)
{
    if (!a->rt || a->rt->nmethods == 0 || f->sharpV)
        return false;
    if (verb != 'v' && verb != 's' && verb != 'x' && verb != 'X' && verb != 'q')
        return false;
    struct Func *m = find_string_method(a->rt, "Error");
    if (!m)
        m = find_string_method(a->rt, "String");
    if (!m)
        return false;
    Slot args[3] = { { 0 }, { 0 }, { .p = a->recv } };
    Slot res[2], caught[2];
    if (vm_callback_catch(vm_curg, m, args, 3, res, 2, caught)) {
        /* Go: catchPanic: a nil pointer receiver prints <nil>; any other
           panic prints %!v(PANIC=String method: value) */
        if (a->rt->td.kind == kindPtr && a->recv == NULL) {
            fmt_pad(b, "<nil>", 5, f);
            return true;
        }
        bool iserr = find_string_method(a->rt, "Error") == m;
        strbuf_puts(b, "%!");
        strbuf_putc(b, verb);
        strbuf_puts(b, iserr ? "(PANIC=Error method: " : "(PANIC=String method: ");
        FmtFlags clear = { 0 };
        Operand pv = operand(caught);
        printArg(b, &clear, &pv, 'v');
        strbuf_putc(b, ')');
        return true;
    }
    fmtString(b, f, res[0].s, (size_t)res[1].u, verb);
    return true;
}

/* Go: pp.printArg. */
static void printArg(StrBuf *b, FmtFlags *f, const Operand *a, char verb)
{
    if (a->kind == 0) {
        /* a nil interface */
        if (verb == 'T' || verb == 'v')
            fmt_pad(b, "<nil>", 5, f);
        else
            badVerb(b, f, a, verb);
        return;
    }
    if (verb == 'T') {
        fmtS(b, f, a->name, strlen(a->name));
        return;
    }
    if (handleMethods(b, f, a, verb))
        return;
    int k = a->kind;
    if (k == kindBool) {
        if (verb == 't' || verb == 'v') {
            const char *s = a->w0.u ? "true" : "false";
            fmt_pad(b, s, strlen(s), f);
        } else {
            badVerb(b, f, a, verb);
        }
    } else if (isInteger(k)) {
        bool sgn = isSigned(k);
        uint64_t v = a->w0.u;
        switch (verb) {
        case 'v':
            if (f->sharpV && !sgn) {
                bool sharp = f->sharp;
                f->sharp = true;
                fmtInteger(b, f, v, 16, false, 'v', ldigits);
                f->sharp = sharp;
            } else {
                fmtInteger(b, f, v, 10, sgn, verb, ldigits);
            }
            break;
        case 'd': fmtInteger(b, f, v, 10, sgn, verb, ldigits); break;
        case 'b': fmtInteger(b, f, v, 2, sgn, verb, ldigits); break;
        case 'o': case 'O': fmtInteger(b, f, v, 8, sgn, verb, ldigits); break;
        case 'x': fmtInteger(b, f, v, 16, sgn, verb, ldigits); break;
        case 'X': fmtInteger(b, f, v, 16, sgn, verb, udigits); break;
        case 'c': {
            char r[4];
            int w = strconv_encoderune(r, runeOf(v));
            fmt_pad(b, r, (size_t)w, f);
            break;
        }
        case 'q': {
            char *q = f->plus ? QuoteRuneToASCII(runeOf(v)) : QuoteRune(runeOf(v));
            fmt_pad(b, q, strlen(q), f);
            free(q);
            break;
        }
        case 'U': fmtUnicode(b, f, v); break;
        default: badVerb(b, f, a, verb); break;
        }
    } else if (k == kindFloat64 || k == kindFloat32) {
        double v = k == kindFloat32 ? (double)a->w0.f32 : a->w0.f;
        if (!fmt_float(b, v, k == kindFloat32 ? 32 : 64, verb, f))
            badVerb(b, f, a, verb);
    } else if (k == kindString) {
        if (!fmtString(b, f, a->w0.s, (size_t)a->w1.u, verb))
            badVerb(b, f, a, verb);
    } else if (k == kindStruct || k == kindArray || k == kindSlice) {
        printValue(b, f, a->w0.p, (const RType *)a->w1.p, verb);
    } else if (k == kindPtr) {
        const RType *t = a->w1.p;
        int ek = t->elem ? t->elem->td.kind : 0;
        /* Go: printValue's Pointer case: at depth 0 a pointer to an
           array, slice, struct or map prints as & and the value */
        if (a->depth == 0 && a->w0.p && verb != 'p' &&
            (ek == kindStruct || ek == kindArray || ek == kindSlice || ek == kindMap)) {
            strbuf_putc(b, '&');
            if (ek == kindMap)
                printMap(b, f, *(hmap *const *)a->w0.p, (const maptype *)t->elem, verb);
            else
                printValue(b, f, a->w0.p, t->elem, verb);
            return;
        }
        fmtPointer(b, f, a, verb);
    } else if (k == kindFunc || k == kindChan) {
        fmtPointer(b, f, a, verb);      /* Go: printValue's reflect.Func and Chan cases */
    } else if (k == kindMap) {
        if (verb == 'p')
            fmtPointer(b, f, a, verb);
        else
            printMap(b, f, a->w0.p, a->w1.p, verb);
    } else {
        strbuf_puts(b, "%!(BADKIND)");
    }
}

/* Go: pp.fmtPointer. */
static void fmtPointer(StrBuf *b, FmtFlags *f, const Operand *a, char verb)
{
    uint64_t u = (uint64_t)(uintptr_t)a->w0.p;
    switch (verb) {
    case 'v':
        if (f->sharpV) {
            strbuf_putc(b, '(');
            strbuf_puts(b, a->name);
            strbuf_puts(b, ")(");
            if (u == 0) {
                strbuf_puts(b, "nil");
            } else {
                bool sharp = f->sharp;
                f->sharp = true;
                fmtInteger(b, f, u, 16, false, 'v', ldigits);
                f->sharp = sharp;
            }
            strbuf_putc(b, ')');
        } else if (u == 0) {
            fmt_pad(b, "<nil>", 5, f);
        } else {
            bool sharp = f->sharp;
            f->sharp = !sharp;
            fmtInteger(b, f, u, 16, false, 'v', ldigits);
            f->sharp = sharp;
        }
        break;
    case 'p': {
        bool sharp = f->sharp;
        f->sharp = !sharp;
        fmtInteger(b, f, u, 16, false, 'v', ldigits);
        f->sharp = sharp;
        break;
    }
    case 'b': case 'o': case 'd': case 'x': case 'X': {
        Operand n = *a;
        n.kind = kindUintptr;
        n.w0.u = u;
        printArg(b, f, &n, verb);
        break;
    }
    default:
        badVerb(b, f, a, verb);
    }
}

/* The operand for the value of type t at p (Go layout). */
static Operand valueOperand(const void *p, const RType *t)
{
    if (t->td.kind == kindInterface) {
        /* Go: printValue's Interface case: the value inside, or <nil> */
        void *const *w = p;
        const RType *dt = iface_type(w[0], t->nmethods > 0);
        if (!dt)
            return (Operand){ 0, { 0 }, { 0 }, "<nil>", 1, NULL, NULL };
        return valueOperand(dt->direct ? (const void *)&w[1] : w[1], dt);
    }
    Operand a = { t->td.kind, { 0 }, { 0 }, t->td.name, 1, t,
                  t->direct ? *(void *const *)p : (void *)p };
    const unsigned char *q = p;
    switch (t->td.kind) {
    case kindBool: case kindUint8: a.w0.u = *(const uint8_t *)q; break;
    case kindInt8: a.w0.i = *(const int8_t *)q; break;
    case kindInt16: a.w0.i = *(const int16_t *)q; break;
    case kindUint16: a.w0.u = *(const uint16_t *)q; break;
    case kindInt32: a.w0.i = *(const int32_t *)q; break;
    case kindUint32: a.w0.u = *(const uint32_t *)q; break;
    case kindFloat32: memcpy(&a.w0.f32, q, 4); break;
    case kindStruct: case kindArray: case kindSlice: a.w0.p = (void *)q; a.w1.p = (void *)t; break;
    case kindPtr: case kindMap: memcpy(&a.w0, q, 8); a.w1.p = (void *)t; break;
    case kindString: memcpy(&a.w0, q, 8); memcpy(&a.w1, q + 8, 8); break;
    default: memcpy(&a.w0, q, 8); break;
    }
    return a;
}

/* Go: pp.printValue for structs and arrays. */
static void printValue(StrBuf *b, FmtFlags *f, const void *p, const RType *t, char verb)
{
    const unsigned char *q = p;
    if (t->td.kind == kindStruct) {
        if (f->sharpV)
            strbuf_puts(b, t->td.name);
        strbuf_putc(b, '{');
        for (int i = 0; i < t->nfields; i++) {
            if (i > 0)
                strbuf_puts(b, f->sharpV ? ", " : " ");
            if (f->plusV || f->sharpV) {
                strbuf_puts(b, t->fields[i].name);
                strbuf_putc(b, ':');
            }
            Operand a = valueOperand(q + t->fields[i].offset, t->fields[i].typ);
            printArg(b, f, &a, verb);
        }
        strbuf_putc(b, '}');
        return;
    }
    int64_t len = t->len;
    if (t->td.kind == kindSlice) {
        const Slot *h = p;
        q = h[0].p;
        len = h[1].i;
        if (f->sharpV && q == NULL) {
            strbuf_puts(b, t->td.name);
            strbuf_puts(b, "(nil)");
            return;
        }
    }
    if (t->elem->td.kind == kindUint8 && (verb == 's' || verb == 'q' || verb == 'x' || verb == 'X')) {
        /* Go: fmtBytes: a byte slice or array as a string */
        const char *str = (const char *)q;
        size_t n = (size_t)len;
        switch (verb) {
        case 's': fmtS(b, f, str, n); break;
        case 'q': fmtQ(b, f, str, n); break;
        case 'x': fmtSx(b, f, str, n, ldigits); break;
        default: fmtSx(b, f, str, n, udigits); break;
        }
        return;
    }
    if (t->elem->td.kind == kindUint8 && f->sharpV) {
        strbuf_puts(b, t->td.name);
        strbuf_putc(b, '{');
        for (int64_t i = 0; i < len; i++) {
            if (i > 0)
                strbuf_puts(b, ", ");
            char buf[8];
            snprintf(buf, sizeof buf, "0x%x", q[i]);
            strbuf_puts(b, buf);
        }
        strbuf_putc(b, '}');
        return;
    }
    if (f->sharpV) {
        strbuf_puts(b, t->td.name);
        strbuf_putc(b, '{');
    } else {
        strbuf_putc(b, '[');
    }
    for (int64_t i = 0; i < len; i++) {
        if (i > 0)
            strbuf_puts(b, f->sharpV ? ", " : " ");
        Operand a = valueOperand(q + (size_t)i * t->elem->td.size, t->elem);
        printArg(b, f, &a, verb);
    }
    strbuf_putc(b, f->sharpV ? '}' : ']');
}

/* Go: pp.printValue's Map case: the entries sorted by key (fmtsort). */
static void printMap(StrBuf *b, FmtFlags *f, hmap *h, const maptype *t, char verb)
{
    if (f->sharpV) {
        strbuf_puts(b, t->typ.td.name);
        if (h == NULL) {
            strbuf_puts(b, "(nil)");
            return;
        }
        strbuf_putc(b, '{');
    } else {
        strbuf_puts(b, "map[");
    }
    SortedMap sorted = fmtsort_Sort(t, h);
    for (size_t i = 0; i < sorted.n; i++) {
        if (i > 0)
            strbuf_puts(b, f->sharpV ? ", " : " ");
        Operand k = valueOperand(sorted.key[i], t->key);
        printArg(b, f, &k, verb);
        strbuf_putc(b, ':');
        Operand v = valueOperand(sorted.value[i], t->typ.elem);
        printArg(b, f, &v, verb);
    }
    fmtsort_free(&sorted);
    strbuf_putc(b, f->sharpV ? '}' : ']');
}

/* Go: pp.doPrint: a space between operands when neither is a string. */
static void doPrint(StrBuf *b, const Slot *ops, int n)
{
    FmtFlags f = { 0 };
    for (int i = 0; i < n; i++) {
        Operand a = operand(ops + 2 * i);
        bool isString = a.kind == kindString;
        if (i > 0 && !isString && operand(ops + 2 * (i - 1)).kind != kindString)
            strbuf_putc(b, ' ');
        printArg(b, &f, &a, 'v');
    }
}

/* Go: pp.doPrintln: always a space between operands, then a newline. */
static void doPrintln(StrBuf *b, const Slot *ops, int n)
{
    FmtFlags f = { 0 };
    for (int i = 0; i < n; i++) {
        Operand a = operand(ops + 2 * i);
        if (i > 0)
            strbuf_putc(b, ' ');
        printArg(b, &f, &a, 'v');
    }
    strbuf_putc(b, '\n');
}

/* Go: parsenum; returns false when there is no number. Large widths are
   clamped as Go's tooLarge check does (1e6). */
static bool parsenum(const char *s, size_t *i, size_t end, int *num)
{
    bool isnum = false;
    *num = 0;
    while (*i < end && s[*i] >= '0' && s[*i] <= '9') {
        if (*num > 1000000)
            return false;
        *num = *num * 10 + (s[*i] - '0');
        isnum = true;
        (*i)++;
    }
    return isnum;
}

/* Go: intFromArg: the operand is the value of a * width or precision. */
static bool intFromArg(const Slot *ops, int n, int *argNum, int *num)
{
    bool ok = false;
    *num = 0;
    if (*argNum < n) {
        Operand a = operand(ops + 2 * *argNum);
        if (isInteger(a.kind)) {
            int64_t v = a.w0.i;
            if (!isSigned(a.kind) && (int64_t)a.w0.u < 0)
                v = INT64_MAX;
            ok = v >= -1000000 && v <= 1000000;
            *num = ok ? (int)v : 0;
        }
        (*argNum)++;
    }
    return ok;
}

/* Errorf's %w operand goes here while Errorf formats (NULL otherwise). */
static Slot *errorfWrapped;

/* Go: parseArgNumber: "[n]" at format[i..end) is argument n-1; *wid
   gets the bytes consumed. */
static bool parseArgNumber(const char *format, size_t i, size_t end, int *index, size_t *wid)
{
    if (end - i < 3) {
        *wid = 1;
        return false;
    }
    for (size_t k = i + 1; k < end; k++) {
        if (format[k] == ']') {
            size_t p = i + 1;
            int num;
            bool ok = parsenum(format, &p, k, &num);
            *wid = k + 1 - i;
            if (!ok || p != k)
                return false;
            *index = num - 1;
            return true;
        }
    }
    *wid = 1;
    return false;
}

/* Go: pp.argNumber: an explicit "[n]" index at format[*i] chooses the
   next argument. */
static bool argNumber(int *argNum, const char *format, size_t *i, size_t end, int n, bool *good,
                      bool *reordered)
{
    if (*i >= end || format[*i] != '[')
        return false;
    *reordered = true;
    int index;
    size_t wid;
    bool ok = parseArgNumber(format, *i, end, &index, &wid);
    *i += wid;
    if (ok && index >= 0 && index < n) {
        *argNum = index;
        return true;
    }
    *good = false;
    return ok;
}

/* Go: pp.doPrintf, explicit argument indexes (%[2]d) included. */
static void doPrintf(StrBuf *b, const char *format, size_t end, const Slot *ops, int n)
{
    int argNum = 0;
    size_t i = 0;
    bool reordered = false;
    while (i < end) {
        bool good = true, afterIndex;
        size_t lasti = i;
        while (i < end && format[i] != '%')
            i++;
        if (i > lasti)
            strbuf_write(b, format + lasti, i - lasti);
        if (i >= end)
            break;
        i++;
        FmtFlags f = { 0 };
        for (; i < end; i++) {
            char c = format[i];
            if (c == '#') f.sharp = true;
            else if (c == '0') f.zero = !f.minus;
            else if (c == '+') f.plus = true;
            else if (c == '-') { f.minus = true; f.zero = false; }
            else if (c == ' ') f.space = true;
            else break;
        }
        afterIndex = argNumber(&argNum, format, &i, end, n, &good, &reordered);
        if (i < end && format[i] == '*') {
            i++;
            f.widPresent = intFromArg(ops, n, &argNum, &f.wid);
            if (!f.widPresent)
                strbuf_puts(b, "%!(BADWIDTH)");
            if (f.wid < 0) {
                f.wid = -f.wid;
                f.minus = true;
                f.zero = false;
            }
            afterIndex = false;
        } else {
            f.widPresent = parsenum(format, &i, end, &f.wid);
            if (afterIndex && f.widPresent)     /* "%[3]2d" */
                good = false;
        }
        if (i + 1 < end && format[i] == '.') {
            i++;
            if (afterIndex)                     /* "%[3].2d" */
                good = false;
            afterIndex = argNumber(&argNum, format, &i, end, n, &good, &reordered);
            if (i < end && format[i] == '*') {
                i++;
                afterIndex = false;
                f.precPresent = intFromArg(ops, n, &argNum, &f.prec);
                if (f.prec < 0) {
                    f.prec = 0;
                    f.precPresent = false;
                }
                if (!f.precPresent)
                    strbuf_puts(b, "%!(BADPREC)");
            } else {
                f.precPresent = parsenum(format, &i, end, &f.prec);
                if (!f.precPresent) {
                    f.prec = 0;
                    f.precPresent = true;
                }
            }
        }
        if (!afterIndex)
            afterIndex = argNumber(&argNum, format, &i, end, n, &good, &reordered);
        if (i >= end) {
            strbuf_puts(b, "%!(NOVERB)");
            break;
        }
        int32_t verb = (uint8_t)format[i];
        int size = 1;
        if (verb >= 0x80)
            verb = strconv_decoderune(format + i, end - i, &size);
        i += (size_t)size;
        if (verb == '%') {
            strbuf_putc(b, '%');
        } else if (!good) {
            /* Go: badArgNum */
            strbuf_puts(b, "%!");
            char r[4];
            strbuf_write(b, r, (size_t)strconv_encoderune(r, verb));
            strbuf_puts(b, "(BADINDEX)");
        } else if (argNum >= n) {
            strbuf_puts(b, "%!");
            char r[4];
            strbuf_write(b, r, (size_t)strconv_encoderune(r, verb));
            strbuf_puts(b, "(MISSING)");
        } else {
            if (verb == 'v') {
                f.sharpV = f.sharp;
                f.sharp = false;
                f.plusV = f.plus;
                f.plus = false;
            }
            Operand a = operand(ops + 2 * argNum);
            if (verb == 'w') {
                /* Go: only Errorf wraps, one error operand at most */
                if (errorfWrapped && !errorfWrapped[0].p && a.rt && find_string_method(a.rt, "Error")) {
                    const RType *errt = rtype_named("error");
                    errorfWrapped[0].p = errt ? (void *)getitab(errt, a.rt, NULL) : NULL;
                    errorfWrapped[1] = ops[2 * argNum + 1];
                    verb = 'v';
                }
            }
            if (verb >= 0x80) {
                /* no verb above ASCII exists: Go's badVerb writes the rune */
                strbuf_puts(b, "%!");
                char r[4];
                strbuf_write(b, r, (size_t)strconv_encoderune(r, verb));
                strbuf_putc(b, '(');
                strbuf_puts(b, a.name);
                strbuf_putc(b, '=');
                printArg(b, &f, &a, 'v');
                strbuf_putc(b, ')');
            } else {
                printArg(b, &f, &a, (char)verb);
            }
            argNum++;
        }
    }
    if (!reordered && argNum < n) {
        FmtFlags f = { 0 };
        strbuf_puts(b, "%!(EXTRA ");
        for (int k = argNum; k < n; k++) {
            Operand a = operand(ops + 2 * k);
            if (k > argNum)
                strbuf_puts(b, ", ");
            strbuf_puts(b, a.name);
            strbuf_putc(b, '=');
            printArg(b, &f, &a, 'v');
        }
        strbuf_putc(b, ')');
    }
}

/* Sprint*: the result string is allocated last (see the file comment). */
static void retstring(Slot *res, StrBuf *b)
{
    char *p = vm_alloc(b->len, false);
    if (b->len)
        memcpy(p, b->p, b->len);
    res[0].p = p;
    res[1].u = b->len;
}

/* The operands, copied off the stack (a String method may move it). */
static Slot *copyops(const Slot *a, int n)
{
    Slot *c = malloc((size_t)(n > 0 ? n : 1) * sizeof(Slot));
    if (n > 0)
        memcpy(c, a, (size_t)n * sizeof(Slot));
    return c;
}

/* Go: Fprint*'s w.Write(p.buf): the (n int, err error) into res. An
 * *os.File is written directly (os_file_write); any other Writer gets a
 * new []byte through its itab (io.Writer's one method, Write), called
 * back into mini. The writer's data word stays alive in the caller's call
 * area, which the collector scans while the native runs; the []byte is
 * allocated just before the callback, whose frame then holds it. */
static void fmt_write(G *gp, const Slot *w, StrBuf *b, ptrdiff_t resoff)
{
    const Itab *tab = w[0].p;
    if (!tab)
        panicmem(gp);
    static const RType *osFile;
    static const Program *osFileProg;
    if (osFileProg != vm_prog) {
        osFile = rtype_named("*os.File");
        osFileProg = vm_prog;
    }
    Slot res[3];
    if (osFile && tab->type == osFile) {
        os_file_write(gp, w[1].p, b->p, (int64_t)b->len, res);
    } else {
        size_t len = b->len;
        void *p = vm_alloc(len, false);
        if (len)
            memcpy(p, b->p, len);
        strbuf_free(b);     /* nothing malloc'd is held if Write panics and is recovered */
        Slot args[7] = { { 0 }, { 0 }, { 0 }, w[1], { .p = p }, { .u = len }, { .u = len } };
        vm_callback(gp, tab->fun[0], args, 7, res, 3);
    }
    Slot *r = gp->fp + resoff;
    r[0] = res[0];
    r[1] = res[1];
    r[2] = res[2];
}

enum { PRINT, PRINTLN, PRINTF };
enum { TOSTDOUT, TOSTRING, TOWRITER };

/* Every Print, Fprint and Sprint form: a holds [results][writer]
 * [format][operands], the operands either one `any` each or, when spread
 * (f(s...)), a []any whose elements are read in place, as Go reads s. */
static void fmt_print(G *gp, Slot *a, int n, int mode, int to, bool spread)
{
    ptrdiff_t off = a - gp->fp;
    Slot *args = copyops(a, n);
    int pos = to == TOSTRING ? 2 : 3;
    Slot w[2] = { { 0 }, { 0 } };
    if (to == TOWRITER) {
        w[0] = args[pos];
        w[1] = args[pos + 1];
        pos += 2;
    }
    const Slot *format = args + pos;
    if (mode == PRINTF)
        pos += 2;
    const Slot *ops = args + pos;
    int nops = (n - pos) / 2;
    if (spread) {
        ops = args[pos].p;
        nops = (int)args[pos + 1].i;
    }
    StrBuf b = { 0 };
    switch (mode) {
    case PRINT: doPrint(&b, ops, nops); break;
    case PRINTLN: doPrintln(&b, ops, nops); break;
    default: doPrintf(&b, format[0].s, (size_t)format[1].u, ops, nops); break;
    }
    free(args);
    Slot *res = gp->fp + off;
    switch (to) {
    case TOSTDOUT:
        if (b.len)
            fwrite(b.p, 1, b.len, stdout);
        res[0].u = b.len;
        res[1].p = res[2].p = NULL;
        break;
    case TOSTRING:
        retstring(res, &b);
        break;
    default:
        fmt_write(gp, w, &b, off);
        break;
    }
    strbuf_free(&b);
}

#define FMT_NATIVE(name, mode, to, spread) \
    static void fmt_##name(G *gp, Slot *a, int n) { fmt_print(gp, a, n, mode, to, spread); }
FMT_NATIVE(Print, PRINT, TOSTDOUT, false)
FMT_NATIVE(Println, PRINTLN, TOSTDOUT, false)
FMT_NATIVE(Printf, PRINTF, TOSTDOUT, false)
FMT_NATIVE(Sprint, PRINT, TOSTRING, false)
FMT_NATIVE(Sprintln, PRINTLN, TOSTRING, false)
FMT_NATIVE(Sprintf, PRINTF, TOSTRING, false)
FMT_NATIVE(Fprint, PRINT, TOWRITER, false)
FMT_NATIVE(Fprintln, PRINTLN, TOWRITER, false)
FMT_NATIVE(Fprintf, PRINTF, TOWRITER, false)
FMT_NATIVE(PrintS, PRINT, TOSTDOUT, true)
FMT_NATIVE(PrintlnS, PRINTLN, TOSTDOUT, true)
FMT_NATIVE(PrintfS, PRINTF, TOSTDOUT, true)
FMT_NATIVE(SprintS, PRINT, TOSTRING, true)
FMT_NATIVE(SprintlnS, PRINTLN, TOSTRING, true)
FMT_NATIVE(SprintfS, PRINTF, TOSTRING, true)
FMT_NATIVE(FprintS, PRINT, TOWRITER, true)
FMT_NATIVE(FprintlnS, PRINTLN, TOWRITER, true)
FMT_NATIVE(FprintfS, PRINTF, TOWRITER, true)
#undef FMT_NATIVE

/* fmt.Errorf's text (errors.c): Sprintf with %w allowed. */
char *fmt_errorf_text(const Slot *format, const Slot *ops, int nops, size_t *len, Slot *wrapped)
{
    StrBuf b = { 0 };
    Slot fmtw[2] = { format[0], format[1] };
    Slot *copy = copyops(ops, 2 * nops);
    errorfWrapped = wrapped;
    doPrintf(&b, fmtw[0].s, (size_t)fmtw[1].u, copy, nops);
    errorfWrapped = NULL;
    free(copy);
    *len = b.len;
    char *p = malloc(b.len + 1);
    if (b.len)
        memcpy(p, b.p, b.len);
    strbuf_free(&b);
    return p;
}

const Native fmt_natives[] = {
    { "fmt", "Print", fmt_Print },
    { "fmt", "Println", fmt_Println },
    { "fmt", "Printf", fmt_Printf },
    { "fmt", "Sprint", fmt_Sprint },
    { "fmt", "Sprintln", fmt_Sprintln },
    { "fmt", "Sprintf", fmt_Sprintf },
    { "fmt", "Fprint", fmt_Fprint },
    { "fmt", "Fprintln", fmt_Fprintln },
    { "fmt", "Fprintf", fmt_Fprintf },
    /* f(s...): the operands are the []any s (compile_expr.c cfmtcall) */
    { "fmt", "Print...", fmt_PrintS },
    { "fmt", "Println...", fmt_PrintlnS },
    { "fmt", "Printf...", fmt_PrintfS },
    { "fmt", "Sprint...", fmt_SprintS },
    { "fmt", "Sprintln...", fmt_SprintlnS },
    { "fmt", "Sprintf...", fmt_SprintfS },
    { "fmt", "Fprint...", fmt_FprintS },
    { "fmt", "Fprintln...", fmt_FprintlnS },
    { "fmt", "Fprintf...", fmt_FprintfS },
};
const int nfmt_natives = sizeof fmt_natives / sizeof fmt_natives[0];
