/* context.c — the natives of package context.
 *
 * Go: context/context.go (Background, TODO, WithCancel, WithDeadline,
 * WithTimeout, WithValue, propagateCancel, parentCancelCtx, removeChild,
 * cancelCtx.cancel, timerCtx.cancel, value, contextName, stringify).
 *
 * Go's algorithms on Go's types (src/packages/context.mini), with C
 * structs of their layout: a context is a pointer to a *cancelCtx,
 * *timerCtx (a cancelCtx first), *valueCtx or *emptyCtx in a Context
 * interface. Go keeps a cancelCtx's children in a map; here they are a
 * list (children, next) in mini's heap, so the collector sees them
 * through the cancelCtx's TypeDesc. Go's map iterates in random order,
 * so no program can depend on the order in which children are canceled.
 *
 * A CancelFunc is a closure {Func "context.cancelCtx.cancel-fm", ctx}
 * whose code (built by the compiler: compile_iface.c, context_cancel_func)
 * calls the native cancelFunc with the closure. A timerCtx's timer is a
 * *time.Timer whose function is timerCtxCancel (time.c), which calls
 * context_timerfired on the scheduler.
 *
 * Not built: a parent Context implemented by the program (Go watches it
 * with a goroutine); it is a clear fatal error. Done's channel is made
 * when the context is (Go makes it lazily: no program can tell).
 *
 * Invariants: c->err is nil until c is canceled, then never changes;
 * c->done is closed iff c->err is set; a canceled cancelCtx has no
 * children and is in no parent's list.
 */
#include <string.h>

#include "chan.h"
#include "iface.h"
#include "malloc.h"
#include "natives.h"
#include "proc.h"
#include "strconv.h"
#include "throw.h"
#include "time.h"

#pragma GCC diagnostic ignored "-Wunused-parameter"

typedef struct cancelCtx {
    Slot parent[2];             /* Context: {itab, data} */
    hchan *done;
    Slot err[2];                /* error */
    struct cancelCtx *children, *next, *pcancel;
    uint64_t istimer;
} cancelCtx;

typedef struct timerCtx {
    cancelCtx c;
    void *timer;                /* *time.Timer */
    Slot deadline[3];           /* time.Time */
} timerCtx;

typedef struct valueCtx {
    Slot parent[2];
    Slot key[2], val[2];        /* any: {RType, data} */
} valueCtx;

/* Go: background, todo = new(emptyCtx): static words (outside the heap). */
static int64_t background, todo;

/* The program's types, found once per run. */
static const RType *tContext, *tEmpty, *tCancel, *tTimer, *tValue;

static const RType *need(const char *name)
{
    const RType *t = rtype_named(name);
    if (!t)
        throw("runtime type missing for a context native");
    return t;
}

static void types(void)
{
    if (tContext)
        return;
    tContext = need("context.Context");
    tEmpty = need("*context.emptyCtx");
    tCancel = need("*context.cancelCtx");
    tTimer = need("*context.timerCtx");
    tValue = need("*context.valueCtx");
}

static void *ctxitab(const RType *t)
{
    const Itab *tab = getitab(tContext, t, NULL);
    if (!tab)
        throw("context: itab");
    return (void *)tab;
}

enum { kEmpty, kCancel, kTimer, kValue };

/* The kind of the Context {itab, data} at w. */
static int ctxkind(const Slot *w)
{
    types();
    const RType *t = w[0].p ? ((const Itab *)w[0].p)->type : NULL;
    if (t == tEmpty)
        return kEmpty;
    if (t == tCancel)
        return kCancel;
    if (t == tTimer)
        return kTimer;
    if (t == tValue)
        return kValue;
    fflush(stdout);
    throwf("mini: a Context of type %s as a parent context is not implemented yet",
           t ? t->td.name : "nil");
}

/* ---- errors ---- */

/* Go: Canceled = errors.New("context canceled"): an errorString in static
   memory, as strconv.ErrSyntax (errors.c). */
static const char canceledText[] = "context canceled";
static const Slot canceledObj[2] = { { .s = canceledText }, { .u = sizeof canceledText - 1 } };

static void canceledErr(Slot *e)
{
    e[0].p = (void *)getitab(need("error"), need("*errors.errorString"), NULL);
    e[1].p = (void *)canceledObj;
}

/* Go: DeadlineExceeded = deadlineExceededError{} (a zero-size value: its
   data word is &zerobase). */
static void deadlineErr(Slot *e)
{
    e[0].p = (void *)getitab(need("error"), need("context.deadlineExceededError"), NULL);
    e[1].p = &zerobase;
}

static void var_Canceled(G *gp, Slot *a, int n) { canceledErr(a); }
static void var_DeadlineExceeded(G *gp, Slot *a, int n) { deadlineErr(a); }

static void dee_Error(G *gp, Slot *a, int n) { native_newstring(a, "context deadline exceeded", 25); }
static void dee_Timeout(G *gp, Slot *a, int n) { a[0].u = 1; }
static void dee_Temporary(G *gp, Slot *a, int n) { a[0].u = 1; }

/* ---- cancellation ---- */

/* The nearest cancelCtx at or above the context at w (Go:
   parentCancelCtx), NULL when the chain ends at Background or TODO. */
static cancelCtx *parentCancelCtx(const Slot *w)
{
    for (;;) {
        switch (ctxkind(w)) {
        case kEmpty:
            return NULL;
        case kCancel:
        case kTimer:
            return w[1].p;
        default:
            w = ((valueCtx *)w[1].p)->parent;
        }
    }
}

/* Go: removeChild. */
static void removeChild(cancelCtx *c)
{
    cancelCtx *p = c->pcancel;
    if (!p)
        return;
    for (cancelCtx **pp = &p->children; *pp; pp = &(*pp)->next) {
        if (*pp == c) {
            *pp = c->next;
            break;
        }
    }
    c->next = NULL;
    c->pcancel = NULL;
}

/* Go: cancelCtx.cancel and timerCtx.cancel: closes c.done, cancels each
   child, stops a timerCtx's timer. No allocation: the caller's pointers
   stay valid. */
static void ctxcancel(G *gp, cancelCtx *c, bool removeFromParent, const Slot *err)
{
    if (c->err[0].p)
        return;
    c->err[0] = err[0];
    c->err[1] = err[1];
    closechan(gp, c->done);
    for (cancelCtx *child = c->children; child;) {
        cancelCtx *next = child->next;
        child->next = NULL;
        child->pcancel = NULL;
        ctxcancel(gp, child, false, err);
        child = next;
    }
    c->children = NULL;
    if (removeFromParent)
        removeChild(c);
    if (c->istimer) {
        timerCtx *tc = (timerCtx *)c;
        if (tc->timer) {
            deltimer((timer *)((Slot *)tc->timer + 1));
            tc->timer = NULL;
        }
    }
}

/* Go: propagateCancel: c is canceled with its parent. */
static void propagateCancel(G *gp, cancelCtx *c)
{
    cancelCtx *p = parentCancelCtx(c->parent);
    if (!p)
        return;     /* the parent is never canceled */
    if (p->err[0].p) {
        ctxcancel(gp, c, false, p->err);
        return;
    }
    c->pcancel = p;
    c->next = p->children;
    p->children = c;
}

/* The timer of a timerCtx fired (time.c, on the scheduler). */
void context_timerfired(void *ctx)
{
    Slot e[2];
    deadlineErr(e);
    ctxcancel(vm_curg, ctx, true, e);
}

/* The code of a CancelFunc: args[0] is the closure {Func, ctx}. */
static void cancelFunc(G *gp, Slot *a, int n)
{
    Slot *clo = a[0].p;
    Slot e[2];
    canceledErr(e);
    ctxcancel(gp, clo[1].p, true, e);
}

static const uint8_t closure_gcdata[1] = { 2 };
static const TypeDesc closure_td = { 16, 16, closure_gcdata, kindStruct, 8, "context.CancelFunc" };

/* The element type of a chan struct{} (nothing to scan, nothing to copy). */
static const RType structEmpty = { { 0, 0, NULL, kindStruct, 1, "struct {}" }, NULL, 0, 0, NULL, 0, NULL, false };

/* A new cancelCtx (or timerCtx: t) with parent at a[2..4), its done
   channel made. Returns the object; a[2..4) stays rooted by the caller. */
static cancelCtx *newCancelCtx(G *gp, const RType *t, const Slot *parent)
{
    types();
    if (!parent[0].p)
        native_panic(gp, "cannot create context from nil parent");
    ctxkind(parent);    /* a program's own Context type: not implemented */
    cancelCtx *c = mallocgc(t->elem->td.size, &t->elem->td, true);
    gc_push_root((void *const *)&c);
    hchan *done = makechan(gp, &structEmpty, 0);
    gc_pop_roots(1);
    c->done = done;
    c->parent[0] = parent[0];
    c->parent[1] = parent[1];
    c->istimer = t == tTimer;
    return c;
}

/* (ctx Context, cancel CancelFunc) into res[0..3) for c of type t. */
static void ctxresult(G *gp, Slot *res, cancelCtx *c, const RType *t)
{
    gc_push_root((void *const *)&c);
    Slot *clo = mallocgc(16, &closure_td, true);
    gc_pop_roots(1);
    clo[0].p = NULL;
    for (int i = 0; i < vm_prog->nfuncs; i++)
        if (strcmp(vm_prog->funcs[i]->name, "context.cancelCtx.cancel-fm") == 0)
            clo[0].p = vm_prog->funcs[i];
    if (!clo[0].p)
        throw("context: the CancelFunc's code is missing");
    clo[1].p = c;
    res[0].p = ctxitab(t);
    res[1].p = c;
    res[2].p = clo;
}

static void context_Background(G *gp, Slot *a, int n)
{
    types();
    a[0].p = ctxitab(tEmpty);
    a[1].p = &background;
}

static void context_TODO(G *gp, Slot *a, int n)
{
    types();
    a[0].p = ctxitab(tEmpty);
    a[1].p = &todo;
}

/* Go: WithCancel(parent) (ctx Context, cancel CancelFunc):
   a[0..3) results, a[3..5) parent. */
static void context_WithCancel(G *gp, Slot *a, int n)
{
    types();
    cancelCtx *c = newCancelCtx(gp, tCancel, a + 3);
    propagateCancel(gp, c);
    ctxresult(gp, a, c, tCancel);
}

/* Go: Deadline of the context at w into res[0..4): (Time, ok). */
static void ctxdeadline(const Slot *w, Slot *res)
{
    for (;;) {
        switch (ctxkind(w)) {
        case kEmpty:
            memset(res, 0, 4 * sizeof(Slot));
            return;
        case kTimer: {
            timerCtx *tc = w[1].p;
            memcpy(res, tc->deadline, 3 * sizeof(Slot));
            res[3].u = 1;
            return;
        }
        case kCancel:
            w = ((cancelCtx *)w[1].p)->parent;
            break;
        default:
            w = ((valueCtx *)w[1].p)->parent;
            break;
        }
    }
}

/* Go: WithDeadline(parent, d): a[0..3) results, a[3..5) parent, a[5..8) d. */
static void withDeadline(G *gp, Slot *a)
{
    types();
    Slot cur[4];
    ctxdeadline(a + 3, cur);
    if (cur[3].u && time_before(cur, a + 5)) {
        /* the current deadline is already sooner than the new one */
        context_WithCancel(gp, a, 0);
        return;
    }
    timerCtx *tc = (timerCtx *)newCancelCtx(gp, tTimer, a + 3);
    memcpy(tc->deadline, a + 5, 3 * sizeof(Slot));
    propagateCancel(gp, &tc->c);
    int64_t dur = time_until(tc->deadline);
    if (dur <= 0) {
        Slot e[2];
        deadlineErr(e);
        ctxcancel(gp, &tc->c, true, e);     /* the deadline has already passed */
    } else if (!tc->c.err[0].p) {
        gc_push_root((void *const *)&tc);
        Slot t[1];
        newTimer(gp, t, "*time.Timer", whenAfter(dur), 0, timerCtxCancel, tc);
        gc_pop_roots(1);
        tc->timer = t[0].p;
    }
    ctxresult(gp, a, &tc->c, tTimer);
}

static void context_WithDeadline(G *gp, Slot *a, int n) { withDeadline(gp, a); }

/* Go: WithTimeout(parent, timeout) = WithDeadline(parent, Now().Add(timeout)). */
static void context_WithTimeout(G *gp, Slot *a, int n)
{
    Slot b[8];
    memcpy(b, a, 5 * sizeof(Slot));
    int64_t d = a[5].i;
    time_now(b + 5);
    time_add(b + 5, d);
    withDeadline(gp, b);
    memcpy(a, b, 3 * sizeof(Slot));
}

/* Go: WithValue(parent, key, val): a[0..2) result, a[2..4) parent,
   a[4..6) key, a[6..8) val. */
static void context_WithValue(G *gp, Slot *a, int n)
{
    types();
    if (!a[2].p)
        native_panic(gp, "cannot create context from nil parent");
    if (!a[4].p)
        native_panic(gp, "nil key");
    ctxkind(a + 2);
    valueCtx *v = mallocgc(sizeof(valueCtx), &tValue->elem->td, true);
    memcpy(v->parent, a + 2, 2 * sizeof(Slot));
    memcpy(v->key, a + 4, 2 * sizeof(Slot));
    memcpy(v->val, a + 6, 2 * sizeof(Slot));
    a[0].p = ctxitab(tValue);
    a[1].p = v;
}

/* ---- the methods: Deadline, Done, Err, Value ---- */

/* The receiver as a Context {itab, data} for the walks above. */
static void self(Slot *w, const RType *t, void *recv)
{
    types();
    w[0].p = ctxitab(t);
    w[1].p = recv;
}

static void *recvptr(G *gp, const Slot *a)
{
    if (!a->p)
        panicmem(gp);
    return a->p;
}

/* Go: value(c, key): up the chain to the first valueCtx with key. */
static void ctxvalue(G *gp, const Slot *w, const Slot *key, Slot *res)
{
    for (;;) {
        switch (ctxkind(w)) {
        case kValue: {
            valueCtx *v = w[1].p;
            if (v->key[0].p == key[0].p && efaceeq(gp, key[0].p, v->key[1].p, key[1].p)) {
                res[0] = v->val[0];
                res[1] = v->val[1];
                return;
            }
            w = v->parent;
            break;
        }
        case kEmpty:
            res[0].p = res[1].p = NULL;
            return;
        default:
            w = ((cancelCtx *)w[1].p)->parent;
            break;
        }
    }
}

/* Done and Err: a valueCtx asks its parent; Background has neither. */
static cancelCtx *ctxcancelof(const Slot *w)
{
    for (;;) {
        switch (ctxkind(w)) {
        case kEmpty:
            return NULL;
        case kValue:
            w = ((valueCtx *)w[1].p)->parent;
            break;
        default:
            return w[1].p;
        }
    }
}

#define METHODS(T, tp)                                                              \
    static void T##_Deadline(G *gp, Slot *a, int n)                                 \
    {                                                                               \
        Slot w[2];                                                                  \
        self(w, tp, recvptr(gp, &a[4]));                                            \
        ctxdeadline(w, a);                                                          \
    }                                                                               \
    static void T##_Done(G *gp, Slot *a, int n)                                     \
    {                                                                               \
        Slot w[2];                                                                  \
        self(w, tp, recvptr(gp, &a[1]));                                            \
        cancelCtx *c = ctxcancelof(w);                                              \
        a[0].p = c ? c->done : NULL;                                                \
    }                                                                               \
    static void T##_Err(G *gp, Slot *a, int n)                                      \
    {                                                                               \
        Slot w[2];                                                                  \
        self(w, tp, recvptr(gp, &a[2]));                                            \
        cancelCtx *c = ctxcancelof(w);                                              \
        a[0].p = c ? c->err[0].p : NULL;                                            \
        a[1].p = c ? c->err[1].p : NULL;                                            \
    }                                                                               \
    static void T##_Value(G *gp, Slot *a, int n)                                    \
    {                                                                               \
        Slot w[2], key[2] = { a[3], a[4] };                                         \
        self(w, tp, recvptr(gp, &a[2]));                                            \
        ctxvalue(gp, w, key, a);                                                    \
    }

METHODS(emptyCtx, tEmpty)
METHODS(cancelCtx, tCancel)
METHODS(timerCtx, tTimer)
METHODS(valueCtx, tValue)

/* ---- String ---- */

/* Go: stringify: a Stringer's String, a string, else "<not Stringer>". */
static void stringify(G *gp, StrBuf *b, const Slot *v)
{
    const RType *t = v[0].p;
    if (!t) {
        strbuf_puts(b, "<not Stringer>");
        return;
    }
    struct Func *m = find_string_method(t, "String");
    if (m) {
        Slot args[3] = { { 0 }, { 0 }, { .p = v[1].p } };
        Slot res[2];
        vm_callback(gp, m, args, 3, res, 2);
        strbuf_write(b, res[0].s, (size_t)res[1].u);
        return;
    }
    if (t->td.kind == kindString && strcmp(t->td.name, "string") == 0) {
        const Slot *s = v[1].p;
        strbuf_write(b, s[0].s, (size_t)s[1].u);
        return;
    }
    strbuf_puts(b, "<not Stringer>");
}

/* Go: contextName(c) followed by each context's String. */
static void ctxname(G *gp, StrBuf *b, const Slot *w)
{
    switch (ctxkind(w)) {
    case kEmpty:
        strbuf_puts(b, w[1].p == &background ? "context.Background"
                       : w[1].p == &todo ? "context.TODO" : "unknown empty Context");
        return;
    case kCancel:
        ctxname(gp, b, ((cancelCtx *)w[1].p)->parent);
        strbuf_puts(b, ".WithCancel");
        return;
    case kTimer: {
        timerCtx *tc = w[1].p;
        ctxname(gp, b, tc->c.parent);
        char buf[128];
        strbuf_puts(b, ".WithDeadline(");
        strbuf_write(b, buf, (size_t)time_string(buf, sizeof buf, tc->deadline));
        strbuf_puts(b, " [");
        int len = durationString(buf, time_until(tc->deadline));
        strbuf_write(b, buf + 32 - len, (size_t)len);
        strbuf_puts(b, "])");
        return;
    }
    default: {
        valueCtx *v = w[1].p;
        ctxname(gp, b, v->parent);
        strbuf_puts(b, ".WithValue(type ");
        const RType *kt = v->key[0].p;
        strbuf_puts(b, kt ? kt->td.name : "<nil>");
        strbuf_puts(b, ", val ");
        stringify(gp, b, v->val);
        strbuf_putc(b, ')');
        return;
    }
    }
}

static void ctxString(G *gp, Slot *a, const RType *t)
{
    Slot w[2];
    self(w, t, recvptr(gp, &a[2]));
    StrBuf b = { 0 };
    ptrdiff_t off = a - gp->fp;
    ctxname(gp, &b, w);     /* a value's String may move the stack (vm_callback) */
    a = gp->fp + off;
    native_newstring(a, b.p, b.len);
    strbuf_free(&b);
}

static void emptyCtx_String(G *gp, Slot *a, int n) { types(); ctxString(gp, a, tEmpty); }
static void cancelCtx_String(G *gp, Slot *a, int n) { types(); ctxString(gp, a, tCancel); }
static void timerCtx_String(G *gp, Slot *a, int n) { types(); ctxString(gp, a, tTimer); }
static void valueCtx_String(G *gp, Slot *a, int n) { types(); ctxString(gp, a, tValue); }

const Native context_natives[] = {
    { "context", "var.Canceled", var_Canceled },
    { "context", "var.DeadlineExceeded", var_DeadlineExceeded },
    { "context", "Background", context_Background },
    { "context", "TODO", context_TODO },
    { "context", "WithCancel", context_WithCancel },
    { "context", "WithDeadline", context_WithDeadline },
    { "context", "WithTimeout", context_WithTimeout },
    { "context", "WithValue", context_WithValue },
    { "context", "cancelFunc", cancelFunc },
    { "context", "deadlineExceededError.Error", dee_Error },
    { "context", "deadlineExceededError.Timeout", dee_Timeout },
    { "context", "deadlineExceededError.Temporary", dee_Temporary },
    { "context", "(*deadlineExceededError).Error", dee_Error },
    { "context", "(*deadlineExceededError).Timeout", dee_Timeout },
    { "context", "(*deadlineExceededError).Temporary", dee_Temporary },
#define M(T) \
    { "context", #T ".Deadline", T##_Deadline }, { "context", #T ".Done", T##_Done }, \
    { "context", #T ".Err", T##_Err }, { "context", #T ".Value", T##_Value },        \
    { "context", #T ".String", T##_String },
    M(emptyCtx) M(cancelCtx) M(timerCtx) M(valueCtx)
#undef M
};
const int ncontext_natives = sizeof context_natives / sizeof context_natives[0];
