/* errors.c — error values made by natives: package errors (New, Is, As,
 * Unwrap), fmt.Errorf and its *fmt.wrapError, and strconv's parse
 * functions with their *strconv.NumError.
 *
 * Go: errors/errors.go, errors/wrap.go, fmt/errors.go, strconv/atoi.go
 * (NumError, syntaxError, rangeError, baseError, bitSizeError).
 *
 * An error is an iface {itab(error, T), data} (iface.h). The types the
 * natives make (*errors.errorString, *fmt.wrapError, *strconv.NumError)
 * are built by the compiler whenever a program uses these packages
 * (need_runtime_types) and found here by name. strconv.ErrSyntax and
 * ErrRange are errorStrings in static memory, outside mini's heap, which
 * the collector ignores.
 */
#include <stdlib.h>
#include <string.h>

#include "iface.h"
#include "malloc.h"
#include "mgc.h"
#include "natives.h"
#include "strconv.h"
#include "throw.h"
#include "vm.h"

static const RType *need(const char *name)
{
    const RType *t = rtype_named(name);
    if (!t)
        throw("runtime type missing for an error native");
    return t;
}

static const Itab *erroritab(const char *type)
{
    const Itab *tab = getitab(need("error"), need(type), NULL);
    if (!tab)
        throw("error itab");
    return tab;
}

/* *errors.errorString{s} as an error into res[0..2). s must stay
   reachable across the allocation (a native's argument is). */
static void newErrorString(Slot *res, const char *s, size_t n)
{
    const RType *pt = need("*errors.errorString");
    Slot *obj = mallocgc(16, &pt->elem->td, true);
    obj[0].s = s;
    obj[1].u = n;
    res[0].p = (void *)erroritab("*errors.errorString");
    res[1].p = obj;
}

/* A Go string made from C bytes, in mini's heap. */
static void heapstring(Slot *dst, const char *s, size_t n)
{
    char *p = n ? mallocgc(n, NULL, false) : NULL;
    if (n)
        memcpy(p, s, n);
    dst[0].p = p;
    dst[1].u = n;
}

/* errors.New(text) for natives: text (C bytes) copied into mini's heap. */
void errors_new(Slot *res, const char *text, size_t n)
{
    Slot str[2];
    heapstring(str, text, n);
    gc_push_root((void *const *)&str[0].p);
    newErrorString(res, str[0].s, (size_t)str[1].u);
    gc_pop_roots(1);
}

static void errors_New(G *gp, Slot *a, int n)
{
    (void)gp; (void)n;
    Slot text[2] = { a[2], a[3] };
    newErrorString(a, text[0].s, (size_t)text[1].u);
}

static void errorString_Error(G *gp, Slot *a, int n)
{
    (void)gp; (void)n;
    const Slot *obj = a[2].p;
    a[0] = obj[0];
    a[1] = obj[1];
}

/* The method name with signature sig of err's dynamic type, or NULL. */
static struct Func *method(const Slot *err, const char *name, const char *sig)
{
    const RType *t = iface_type(err[0].p, true);
    for (int i = 0; t && i < t->nmethods; i++)
        if (strcmp(t->methods[i].name, name) == 0)
            return strcmp(t->methods[i].sig, sig) == 0 ? t->methods[i].ifn : NULL;
    return NULL;
}

/* Go: errors.Unwrap: err's Unwrap() error, or nil. */
static void unwrap(G *gp, const Slot *err, Slot *out)
{
    struct Func *m = err[0].p ? method(err, "Unwrap", "func() error") : NULL;
    out[0].p = out[1].p = NULL;
    if (m) {
        Slot args[3] = { { 0 }, { 0 }, err[1] };
        vm_callback(gp, m, args, 3, out, 2);
    }
}

static void errors_Unwrap(G *gp, Slot *a, int n)
{
    (void)n;
    ptrdiff_t off = a - gp->fp;
    Slot err[2] = { a[2], a[3] }, out[2];
    unwrap(gp, err, out);
    a = gp->fp + off;
    a[0] = out[0];
    a[1] = out[1];
}

static bool erreq(G *gp, const Slot *x, const Slot *y)
{
    const RType *tx = iface_type(x[0].p, true), *ty = iface_type(y[0].p, true);
    if (tx != ty)
        return false;
    return tx == NULL || efaceeq(gp, tx, x[1].p, y[1].p);
}

/* Go: errors.Is. The chain is walked through Unwrap; each link may
   answer with its own Is(error) bool. The operands are copied off the
   stack first: the callbacks may move it. */
static void errors_Is(G *gp, Slot *a, int n)
{
    (void)n;
    ptrdiff_t off = a - gp->fp;
    Slot err[2] = { a[1], a[2] }, target[2] = { a[3], a[4] };
    bool r = false;
    if (!target[0].p) {
        r = err[0].p == NULL;
    } else {
        bool cmp = type_comparable(iface_type(target[0].p, true));
        for (;;) {
            if (cmp && erreq(gp, err, target)) {
                r = true;
                break;
            }
            struct Func *is = method(err, "Is", "func(error) bool");
            if (is) {
                Slot args[4] = { { 0 }, err[1], target[0], target[1] }, res[1];
                vm_callback(gp, is, args, 4, res, 1);
                if (res[0].u & 1) {
                    r = true;
                    break;
                }
            }
            Slot next[2];
            unwrap(gp, err, next);
            if (!next[0].p)
                break;
            err[0] = next[0];
            err[1] = next[1];
        }
    }
    a = gp->fp + off;
    a[0].u = r;
}

/* Go: errors.As: the first error in err's chain that target's element
   type can hold is stored through target. */
static void errors_As(G *gp, Slot *a, int n)
{
    (void)n;
    ptrdiff_t off = a - gp->fp;
    Slot err[2] = { a[1], a[2] };
    const RType *tt = a[3].p;
    void *target = a[4].p;
    if (!tt || tt->td.kind != kindPtr || !target)
        panicmsg(gp, "errors: target must be a non-nil pointer");
    const RType *et = tt->elem;
    const RType *errt = need("error");
    if (et->td.kind != kindInterface && !getitab(errt, et, NULL))
        panicmsg(gp, "errors: *target must be interface or implement error");
    bool r = false;
    while (err[0].p) {
        const RType *dt = iface_type(err[0].p, true);
        if (et->td.kind == kindInterface) {
            const void *w0 = et->nmethods ? (const void *)getitab(et, dt, NULL) : (const void *)dt;
            if (w0) {
                void **p = target;
                p[0] = (void *)w0;
                p[1] = err[1].p;
                r = true;
                break;
            }
        } else if (dt == et) {
            Slot v[64];
            if (et->td.size > sizeof v)
                throw("errors.As: target type too large");
            unboxT(et, err[1].p, v);
            memcpy(target, v, et->td.size);
            r = true;
            break;
        }
        struct Func *as = method(err, "As", "func(any) bool");
        if (as) {
            Slot args[4] = { { 0 }, err[1], { .p = (void *)tt }, { .p = target } }, res[1];
            vm_callback(gp, as, args, 4, res, 1);
            if (res[0].u & 1) {
                r = true;
                break;
            }
        }
        Slot next[2];
        unwrap(gp, err, next);
        err[0] = next[0];
        err[1] = next[1];
    }
    a = gp->fp + off;
    a[0].u = r;
}

/* ---- fmt.Errorf ---- */

/* fmt.c: Sprintf's text with %w allowed; *wrapped gets the %w operand. */
char *fmt_errorf_text(const Slot *format, const Slot *ops, int nops, size_t *len, Slot *wrapped);

/* [error 2][format 2][operands]: one any each, or a []any when spread. */
static void errorf(G *gp, Slot *a, int n, bool spread)
{
    ptrdiff_t off = a - gp->fp;
    size_t len;
    Slot wrapped[2] = { { 0 }, { 0 } };
    const Slot *ops = a + 4;
    int nops = (n - 4) / 2;
    if (spread) {
        ops = a[4].p;
        nops = (int)a[5].i;
    }
    char *s = fmt_errorf_text(a + 2, ops, nops, &len, wrapped);
    a = gp->fp + off;
    Slot str[2];
    heapstring(str, s, len);
    free(s);
    gc_push_root((void *const *)&str[0].p);
    if (wrapped[0].p) {
        gc_push_root((void *const *)&wrapped[1].p);
        const RType *pt = need("*fmt.wrapError");
        Slot *obj = mallocgc(32, &pt->elem->td, true);
        obj[0] = str[0];
        obj[1] = str[1];
        obj[2] = wrapped[0];
        obj[3] = wrapped[1];
        a[0].p = (void *)erroritab("*fmt.wrapError");
        a[1].p = obj;
        gc_pop_roots(2);
    } else {
        newErrorString(a, str[0].s, (size_t)str[1].u);
        gc_pop_roots(1);
    }
}

static void fmt_Errorf(G *gp, Slot *a, int n) { errorf(gp, a, n, false); }
static void fmt_ErrorfS(G *gp, Slot *a, int n) { errorf(gp, a, n, true); }

static void wrapError_Error(G *gp, Slot *a, int n)
{
    (void)gp; (void)n;
    const Slot *obj = a[2].p;
    a[0] = obj[0];
    a[1] = obj[1];
}

static void wrapError_Unwrap(G *gp, Slot *a, int n)
{
    (void)gp; (void)n;
    const Slot *obj = a[2].p;
    a[0] = obj[2];
    a[1] = obj[3];
}

/* ---- strconv ---- */

static const char errsyntax[] = "invalid syntax", errrange[] = "value out of range";
static const Slot ErrSyntax[2] = { { .s = errsyntax }, { .u = sizeof errsyntax - 1 } };
static const Slot ErrRange[2] = { { .s = errrange }, { .u = sizeof errrange - 1 } };

/* Go: strconv.ErrSyntax and ErrRange, the values numError wraps, so that
   errors.Is(err, strconv.ErrSyntax) holds. */
static void strconv_var_ErrSyntax(G *gp, Slot *a, int n)
{
    (void)gp; (void)n;
    a[0].p = (void *)erroritab("*errors.errorString");
    a[1].p = (void *)ErrSyntax;
}

static void strconv_var_ErrRange(G *gp, Slot *a, int n)
{
    (void)gp; (void)n;
    a[0].p = (void *)erroritab("*errors.errorString");
    a[1].p = (void *)ErrRange;
}

/* Go: os.ErrInvalid (natives.h). */
static const char errinvalid[] = "invalid argument";
static const Slot ErrInvalid[2] = { { .s = errinvalid }, { .u = sizeof errinvalid - 1 } };

void os_errInvalid(Slot *res)
{
    res[0].p = (void *)erroritab("*errors.errorString");
    res[1].p = (void *)ErrInvalid;
}

/* *strconv.NumError{Func: fn, Num: s, Err: e} as an error into res. */
static void numError(Slot *res, const char *fn, const Slot *num, NumErr e, int arg)
{
    Slot err[2];
    if (e == NUMERR_SYNTAX || e == NUMERR_RANGE) {
        err[0].p = (void *)erroritab("*errors.errorString");
        err[1].p = (void *)(e == NUMERR_SYNTAX ? ErrSyntax : ErrRange);
    } else {
        StrBuf b = { 0 };
        NumErr_text(&b, e, arg);
        Slot str[2];
        heapstring(str, b.p, b.len);
        strbuf_free(&b);
        gc_push_root((void *const *)&str[0].p);
        newErrorString(err, str[0].s, (size_t)str[1].u);
        gc_pop_roots(1);
    }
    gc_push_root((void *const *)&err[1].p);
    Slot s[2] = { num[0], num[1] };
    gc_push_root((void *const *)&s[0].p);
    Slot fname[2];
    heapstring(fname, fn, strlen(fn));
    gc_push_root((void *const *)&fname[0].p);
    const RType *pt = need("*strconv.NumError");
    Slot *obj = mallocgc(48, &pt->elem->td, true);
    obj[0] = fname[0];
    obj[1] = fname[1];
    obj[2] = s[0];
    obj[3] = s[1];
    obj[4] = err[0];
    obj[5] = err[1];
    gc_pop_roots(3);
    res[0].p = (void *)erroritab("*strconv.NumError");
    res[1].p = obj;
}

/* Go's Atoi and ParseInt, ParseUint, ParseFloat, ParseBool: [value][err 2][s 2]... */
static void strconv_Atoi(G *gp, Slot *a, int n)
{
    (void)gp; (void)n;
    NumErr e = NUMERR_NONE;
    int64_t v = Atoi(a[3].s, (size_t)a[4].u, &e);
    a[0].i = v;
    a[1].p = a[2].p = NULL;
    if (e)
        numError(a + 1, "Atoi", a + 3, e, 0);
}

static void strconv_ParseInt(G *gp, Slot *a, int n)
{
    (void)gp; (void)n;
    NumErr e = NUMERR_NONE;
    int base = (int)a[5].i, bits = (int)a[6].i;
    int64_t v = ParseInt(a[3].s, (size_t)a[4].u, base, bits, &e);
    a[0].i = v;
    a[1].p = a[2].p = NULL;
    if (e)
        numError(a + 1, "ParseInt", a + 3, e, e == NUMERR_BASE ? base : bits);
}

static void strconv_ParseUint(G *gp, Slot *a, int n)
{
    (void)gp; (void)n;
    NumErr e = NUMERR_NONE;
    int base = (int)a[5].i, bits = (int)a[6].i;
    uint64_t v = ParseUint(a[3].s, (size_t)a[4].u, base, bits, &e);
    a[0].u = v;
    a[1].p = a[2].p = NULL;
    if (e)
        numError(a + 1, "ParseUint", a + 3, e, e == NUMERR_BASE ? base : bits);
}

static void strconv_ParseFloat(G *gp, Slot *a, int n)
{
    (void)gp; (void)n;
    NumErr e = NUMERR_NONE;
    int bits = (int)a[5].i;
    double v = ParseFloat(a[3].s, (size_t)a[4].u, bits, &e);
    a[0].f = v;
    a[1].p = a[2].p = NULL;
    if (e)
        numError(a + 1, "ParseFloat", a + 3, e, bits);
}

static void strconv_ParseBool(G *gp, Slot *a, int n)
{
    (void)gp; (void)n;
    NumErr e = NUMERR_NONE;
    bool v = ParseBool(a[3].s, (size_t)a[4].u, &e);
    a[0].u = v;
    a[1].p = a[2].p = NULL;
    if (e)
        numError(a + 1, "ParseBool", a + 3, e, 0);
}

/* Go: (*NumError).Error: "strconv." + Func + ": parsing " + Quote(Num) + ": " + Err.Error(). */
static void NumError_Error_native(G *gp, Slot *a, int n)
{
    (void)n;
    ptrdiff_t off = a - gp->fp;
    const Slot *obj = a[2].p;
    Slot fn[2] = { obj[0], obj[1] }, num[2] = { obj[2], obj[3] }, err[2] = { obj[4], obj[5] };
    Slot msg[2] = { { .s = "<nil>" }, { .u = 5 } };
    if (err[0].p) {
        const Itab *tab = err[0].p;
        Slot args[3] = { { 0 }, { 0 }, err[1] };
        vm_callback(gp, tab->fun[0], args, 3, msg, 2);
    }
    StrBuf b = { 0 };
    strbuf_puts(&b, "strconv.");
    strbuf_write(&b, fn[0].s, (size_t)fn[1].u);
    strbuf_puts(&b, ": parsing ");
    char *q = Quote(num[0].s, (size_t)num[1].u);
    strbuf_puts(&b, q);
    free(q);
    strbuf_puts(&b, ": ");
    strbuf_write(&b, msg[0].s, (size_t)msg[1].u);
    a = gp->fp + off;
    heapstring(a, b.p, b.len);
    strbuf_free(&b);
}

static void NumError_Unwrap(G *gp, Slot *a, int n)
{
    (void)gp; (void)n;
    const Slot *obj = a[2].p;
    a[0] = obj[4];
    a[1] = obj[5];
}

const Native errors_natives[] = {
    { "errors", "New", errors_New },
    { "errors", "Is", errors_Is },
    { "errors", "As", errors_As },
    { "errors", "Unwrap", errors_Unwrap },
    { "errors", "(*errorString).Error", errorString_Error },
    { "fmt", "Errorf", fmt_Errorf },
    { "fmt", "Errorf...", fmt_ErrorfS },
    { "fmt", "(*wrapError).Error", wrapError_Error },
    { "fmt", "(*wrapError).Unwrap", wrapError_Unwrap },
    { "strconv", "Atoi", strconv_Atoi },
    { "strconv", "ParseInt", strconv_ParseInt },
    { "strconv", "ParseUint", strconv_ParseUint },
    { "strconv", "ParseFloat", strconv_ParseFloat },
    { "strconv", "ParseBool", strconv_ParseBool },
    { "strconv", "(*NumError).Error", NumError_Error_native },
    { "strconv", "(*NumError).Unwrap", NumError_Unwrap },
    { "strconv", "var.ErrSyntax", strconv_var_ErrSyntax },
    { "strconv", "var.ErrRange", strconv_var_ErrRange },
    /* the same methods called directly (compile_expr.c binds "T.M") */
    { "strconv", "NumError.Error", NumError_Error_native },
    { "strconv", "NumError.Unwrap", NumError_Unwrap },
    { "fmt", "wrapError.Error", wrapError_Error },
    { "fmt", "wrapError.Unwrap", wrapError_Unwrap },
};
const int nerrors_natives = sizeof errors_natives / sizeof errors_natives[0];
