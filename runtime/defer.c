/* defer.c — deferred calls, panics and recover.
 *
 * Go: runtime/panic.go (deferproc, deferreturn, gopanic, gorecover,
 * recovery, printpanics, preprintpanics), runtime/runtime2.go (_defer,
 * _panic), runtime/error.go (the runtime error types).
 *
 * A defer statement (DEFER) evaluates the function and its arguments and
 * pushes a _defer record on the goroutine's list; the record remembers the
 * deferring frame by its offset in the stack (stacks move). A function
 * that contains defer statements runs DEFERRETURN before each return: it
 * pops and calls, one by one, the records of its own frame (each call
 * returns to the DEFERRETURN, which runs again).
 *
 * gopanic (every panic: builtin panic and the runtime's errors) pushes a
 * _panic and runs the deferred calls of every frame, newest first, each in
 * a nested interpreter loop above the panicking frame. A deferred call
 * that calls recover() directly marks the panic recovered; gopanic then
 * resumes the frame that deferred it at its deferreturn sequence
 * (Func.deferpc): it longjmps to the interpreter loop that runs that frame
 * (vm.c keeps one jmp_buf per nested loop: VMLevel). With no recovery,
 * printpanics prints the chain ("panic: x [recovered]" then "\tpanic: y")
 * and the traceback of the panicking goroutine, and the program exits 2.
 *
 * Records and panics are malloc'd; their argument words are scanned
 * conservatively by the collector (vm_scanroots), since a record holds the
 * words of any call.
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iface.h"
#include "malloc.h"
#include "mgc.h"
#include "strconv.h"
#include "throw.h"
#include "vm.h"

/* ---- runtime error values (Go: runtime.Error implementations) ---- */

/* The runtime's error types all hold their message: {msg string}. */
static void runtimeError_Error(G *gp, Slot *a, int n)
{
    (void)gp; (void)n;
    const Slot *obj = a[2].p;
    a[0] = obj[0];
    a[1] = obj[1];
}

static const Native runtimeErrorNative = { "runtime", "Error.Error", runtimeError_Error };
static const uint8_t strbits[1] = { 1 };

static Func *errorFunc(void)
{
    static Func f;
    static Instr code[2];
    static int32_t lines[2];
    static uint8_t stackmap[1] = { 0x5 };    /* s0 (the string's pointer), s2 (receiver) */
    static int natidx = -1;
    if (natidx < 0) {
        /* one more entry in the program's native table */
        Program *p = vm_prog;
        const Native **n = malloc((size_t)(p->nnatives + 1) * sizeof *n);
        if (!n)
            throw("out of memory");
        if (p->nnatives)
            memcpy(n, p->natives, (size_t)p->nnatives * sizeof *n);
        n[p->nnatives] = &runtimeErrorNative;
        p->natives = n;
        natidx = p->nnatives++;
        code[0] = (Instr){ OP_CALLN, 0, 0, (uint16_t)natidx, 3 };
        code[1] = (Instr){ OP_RET, 0, 3, 0, 0 };
        f.name = "runtime.Error.Error";
        f.file = "<runtime>";
        f.code = code;
        f.ncode = 2;
        f.lines = lines;
        f.nres = 2;
        f.npar = 1;
        f.hdr = 3;
        f.nlocals = 6;
        f.framesize = 6;
        f.stackmap = stackmap;
        f.hidden = true;
    }
    return &f;
}

/* Go's runtime error types, by the message's kind (plain: a
   runtime.plainError, which panicplain's callers say). */
static const RType *runtimeErrorType(const char *msg, bool plain)
{
    static RType types[4];
    static RMethod methods[4];
    static const char *const names[4] = {
        "runtime.boundsError", "runtime.errorString", "*runtime.TypeAssertionError", "runtime.plainError",
    };
    int k;
    if (plain)
        k = 3;
    else if (strncmp(msg, "runtime error: index out of range", 33) == 0 ||
        strncmp(msg, "runtime error: slice bounds out of range", 40) == 0)
        k = 0;
    else if (strncmp(msg, "interface conversion", 20) == 0)
        k = 2;
    else
        k = 1;
    RType *t = &types[k];
    if (!t->td.name) {
        t->td.size = 16;
        t->td.ptrdata = 8;
        t->td.gcdata = strbits;
        t->td.kind = kindStruct;
        t->td.align = 8;
        t->td.name = names[k];
        methods[k] = (RMethod){ "Error", "func() string", errorFunc() };
        t->methods = &methods[k];
        t->nmethods = 1;
    }
    return t;
}

/* The value a runtime panic carries: an `any` holding a runtime error
   whose Error() is msg (Go: boundsError, errorString ... are runtime.Error
   values; recover returns them). */
static void runtimeErrorValue(const char *msg, bool plain, Slot out[2])
{
    const RType *t = runtimeErrorType(msg, plain);
    size_t n = strlen(msg);
    char *s = mallocgc(n, NULL, false);
    memcpy(s, msg, n);
    gc_push_root((void *const *)&s);
    Slot *obj = mallocgc(16, &t->td, true);
    gc_pop_roots(1);
    obj[0].p = s;
    obj[1].u = n;
    out[0].p = (void *)t;
    out[1].p = obj;
}

/* ---- defer ---- */

static uintptr_t fpoff(G *gp, const Slot *fp)
{
    return (uintptr_t)((const char *)fp - (const char *)gp->stack.lo);
}

void deferproc(G *gp, const DeferSite *site, Slot *fp, Func *frame, const Slot *args, const Slot *fnw)
{
    _defer *d = malloc(sizeof *d + (size_t)site->nwords * sizeof(Slot));
    if (!d)
        throw("out of memory allocating a defer record");
    d->fpoff = fpoff(gp, fp);
    d->frame = frame;
    d->op = site->op;
    d->fn = NULL;
    d->nat = NULL;
    d->closure = NULL;
    d->nwords = site->nwords;
    memcpy(d->args, args, (size_t)site->nwords * sizeof(Slot));
    switch (site->op) {
    case OP_CALL:
        d->fn = vm_prog->funcs[site->b];
        break;
    case OP_CALLN:
        d->nat = vm_prog->natives[site->b];
        break;
    case OP_CALLF:
        d->closure = fnw->p;
        if (!d->closure) {
            free(d);
            panicmem(gp);       /* Go: deferring a nil func value panics at the call */
        }
        d->fn = ((Slot *)d->closure)[0].p;
        break;
    case OP_CALLI: {
        const Itab *tab = fnw->p;
        if (!tab) {
            free(d);
            panicmem(gp);
        }
        d->fn = tab->fun[site->c];
        d->op = OP_CALL;
        break;
    }
    default:
        throw("deferproc: bad call");
    }
    d->link = gp->_defer;
    gp->_defer = d;
}

/* The record DEFERRETURN runs next for the frame at fp, unlinked, or NULL. */
_defer *deferpop(G *gp, const Slot *fp)
{
    _defer *d = gp->_defer;
    if (!d || d->fpoff != fpoff(gp, fp))
        return NULL;
    gp->_defer = d->link;
    return d;
}

/* ---- panic ---- */

static void printvalue(G *gp, StrBuf *b, const Slot *v);

/* Go: printpanics: the oldest panic first, each later one on a line
   starting with a tab. */
static void printpanics(G *gp, StrBuf *b, _panic *p)
{
    if (p->link) {
        printpanics(gp, b, p->link);
        strbuf_putc(b, '\t');
    }
    strbuf_puts(b, "panic: ");
    printvalue(gp, b, p->arg);
    if (p->recovered)
        strbuf_puts(b, " [recovered]");
    strbuf_putc(b, '\n');
}

/* Go: printpanicval, after preprintpanics turned errors and Stringers
   into their text. */
static void printvalue(G *gp, StrBuf *b, const Slot *v)
{
    const RType *t = v[0].p;
    void *data = v[1].p;
    struct Func *m = find_string_method(t, "Error");
    if (!m)
        m = find_string_method(t, "String");
    if (!t) {
        strbuf_puts(b, "nil");
    } else if (m) {
        Slot a[3] = { { 0 }, { 0 }, { .p = data } }, res[2];
        vm_callback(gp, m, a, 3, res, 2);
        strbuf_write(b, res[0].s, (size_t)res[1].u);
    } else if (t->td.kind <= kindFloat64 || t->td.kind == kindString) {
        Slot w[2] = { { 0 }, { 0 } };
        unboxT(t, data, w);
        const char *name = t->td.name;
        printpanicval(b, t->td.kind, w[0], w[1], name, strchr(name, '.') ? strlen(name) : 0);
    } else {
        char buf[64];
        snprintf(buf, sizeof buf, ") %p", data);
        strbuf_putc(b, '(');
        strbuf_puts(b, t->td.name);
        strbuf_puts(b, buf);
    }
}

/* Runs d above the running frame, in a nested loop. */
static void rundefer(G *gp, _panic *p, _defer *d)
{
    size_t dist = gp->fn->framesize;
    if (p)
        p->deferfpoff = fpoff(gp, gp->fp + dist);
    if (d->op == OP_CALLN) {
        /* a native: its arguments on the stack, above the running frame */
        if ((uintptr_t)(gp->fp + dist + d->nwords) > gp->stack.hi)
            newstack(gp, (dist + (size_t)d->nwords) * sizeof(Slot));
        Slot *a = gp->fp + dist;
        memcpy(a, d->args, (size_t)d->nwords * sizeof(Slot));
        d->nat->fn(gp, a, d->nwords);
        return;
    }
    Slot res[1];
    vm_callfunc(gp, d->fn, d->closure, d->args, d->nwords, res, 0);
}

_Noreturn void gopanic(G *gp, const Slot arg[2], bool sigmem)
{
    _panic *p = calloc(1, sizeof *p);
    if (!p)
        throw("out of memory allocating a panic");
    p->arg[0] = arg[0];
    p->arg[1] = arg[1];
    p->sigmem = sigmem;
    p->link = gp->_panic;
    p->depth = gp->level ? gp->level->depth : 0;
    gp->_panic = p;
    const Instr *sip = gp->ip;
    Slot *sfp = gp->fp;
    Func *sfn = gp->fn;
    uintptr_t soff = fpoff(gp, sfp);
    for (;;) {
        _defer *d = gp->_defer;
        CatchPoint *cp = gp->catchp;
        if (cp && (!d || d->fpoff < cp->boundary)) {
            /* the panic leaves a catching callback: the native gets it */
            gp->_panic = p->link;
            cp->val[0] = p->arg[0];
            cp->val[1] = p->arg[1];
            free(p);
            longjmp(cp->jb, 1);
        }
        if (!d)
            break;
        gp->_defer = d->link;
        p->running = d;
        rundefer(gp, p, d);
        p->running = NULL;
        /* the stack may have moved under the deferred call */
        sfp = (Slot *)((char *)gp->stack.lo + soff);
        if (p->recovered) {
            /* Go: recovery: the frame that deferred d returns normally,
               through its deferreturn sequence, in the interpreter loop
               that runs it; the C frames above that loop (this gopanic,
               and any panic begun inside it) are abandoned. */
            uintptr_t off = d->fpoff;
            Func *frame = d->frame;
            free(d);
            VMLevel *lv = gp->level;
            while (lv && lv->entryoff > off)
                lv = lv->prev;
            if (!lv)
                throw("recovery: no interpreter loop runs the recovering frame");
            while (gp->_panic && gp->_panic->depth >= lv->depth) {
                _panic *q = gp->_panic;
                gp->_panic = q->link;
                free(q);
            }
            gp->level = lv;
            gp->fp = (Slot *)((char *)gp->stack.lo + off);
            gp->fn = frame;
            gp->ip = frame->code + frame->deferpc;
            longjmp(lv->jb, 1);
        }
        free(d);
        gp->ip = sip;
        gp->fp = sfp;
        gp->fn = sfn;
    }
    /* Go: preprintpanics + printpanics + the traceback: fatalpanic */
    StrBuf b = { 0 };
    printpanics(gp, &b, p);
    fflush(stdout);
    fwrite(b.p, 1, b.len, stderr);
    strbuf_free(&b);
    if (p->sigmem)
        fprintf(stderr, "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x%lx]\n",
                gp->fn && gp->ip ? (unsigned long)(gp->ip - gp->fn->code) : 0UL);
    fputc('\n', stderr);
    traceback(gp, stderr);
    vm_exit(2);
}

static _Noreturn void panicvalue(G *gp, const char *msg, bool sigmem, bool plain)
{
    Slot v[2];
    if (plain || strncmp(msg, "runtime error: ", 15) == 0 || strncmp(msg, "interface conversion", 20) == 0) {
        runtimeErrorValue(msg, plain, v);
    } else {
        /* the runtime's and natives' other panics carry a string */
        const RType *t = rtype_named("string");
        static RType strtype;
        if (!t) {
            strtype.td = (TypeDesc){ 16, 8, strbits, kindString, 8, "string" };
            t = &strtype;
        }
        size_t n = strlen(msg);
        char *s = mallocgc(n, NULL, false);
        memcpy(s, msg, n);
        gc_push_root((void *const *)&s);
        Slot *box = mallocgc(16, &t->td, true);
        gc_pop_roots(1);
        box[0].p = s;
        box[1].u = n;
        v[0].p = (void *)t;
        v[1].p = box;
    }
    gopanic(gp, v, sigmem);
}

_Noreturn void gopanicmsg(G *gp, const char *msg, bool sigmem)
{
    panicvalue(gp, msg, sigmem, false);
}

_Noreturn void panicplain(G *gp, const char *msg)
{
    panicvalue(gp, msg, false, true);
}

/* Go: Goexit runs every deferred call of the goroutine, newest first (a
   recover in them returns nil), before the goroutine ends. They run in
   nested loops, so one that blocks is a fatal error here (proc.c). */
void deferGoexit(G *gp)
{
    const Instr *sip = gp->ip;
    uintptr_t soff = fpoff(gp, gp->fp);
    Func *sfn = gp->fn;
    while (gp->_defer) {
        _defer *d = gp->_defer;
        gp->_defer = d->link;
        rundefer(gp, NULL, d);
        free(d);
        gp->ip = sip;
        gp->fp = (Slot *)((char *)gp->stack.lo + soff);
        gp->fn = sfn;
    }
}

bool vm_callback_catch(G *gp, Func *fn, const Slot *args, int nargs, Slot *res, int nres, Slot caught[2])
{
    CatchPoint cp;
    cp.prev = gp->catchp;
    cp.level = gp->level;
    cp.fpoff = fpoff(gp, gp->fp);
    cp.boundary = fpoff(gp, gp->fp + gp->fn->framesize);
    cp.fn = gp->fn;
    cp.ip = gp->ip;
    gp->catchp = &cp;
    if (setjmp(cp.jb)) {
        gp->catchp = cp.prev;
        gp->level = cp.level;
        gp->fp = (Slot *)((char *)gp->stack.lo + cp.fpoff);
        gp->fn = cp.fn;
        gp->ip = cp.ip;
        caught[0] = cp.val[0];
        caught[1] = cp.val[1];
        return true;
    }
    vm_callback(gp, fn, args, nargs, res, nres);
    gp->catchp = cp.prev;
    return false;
}

/* Go: gorecover: only a deferred call run by a panic, called directly
   (its frame is the one gopanic made), stops it. */
void gorecover(G *gp, const Slot *fp, Slot out[2])
{
    _panic *p = gp->_panic;
    if (p && !p->recovered && fpoff(gp, fp) == p->deferfpoff) {
        p->recovered = true;
        out[0] = p->arg[0];
        out[1] = p->arg[1];
        return;
    }
    out[0].p = out[1].p = NULL;
}

/* The collector's view of gp's defers and panics (conservative: a
   record's words have no kinds). */
void scandefers(G *gp)
{
    for (_defer *d = gp->_defer; d; d = d->link) {
        gc_scan_conservative(&d->closure, 1);
        gc_scan_conservative(d->args, (uintptr_t)d->nwords);
    }
    for (_panic *p = gp->_panic; p; p = p->link) {
        gc_scan_conservative(p->arg, 2);
        if (p->running) {
            gc_scan_conservative(&p->running->closure, 1);
            gc_scan_conservative(p->running->args, (uintptr_t)p->running->nwords);
        }
    }
}
