/* compile_closure.c — function values, function literals and closures,
 * method values and method expressions.
 *
 * Go: cmd/compile/internal/escape/escape.go (flowClosure: capture by value
 * or by reference), walk/closure.go (closure objects), ssagen/abi.go and
 * reflectdata (the method value wrappers T.M-fm), runtime/runtime2.go
 * (funcval).
 *
 * Representation (Go's): a func value is one word, a pointer to a closure
 * object whose word 0 is the code (here the Func) and whose next words are
 * the captured variables:
 *
 *   func value ──► [ Func* | captured words ... ]
 *
 * A declared function used as a value has no captured words: its func
 * value points at its own entry of the program's function table
 * (FUNCVAL; Go's static funcval main.f·f), outside mini's heap. A function
 * literal with captured variables allocates its closure object (CLOSURE:
 * mallocgc with a TypeDesc whose bitmap marks the captured pointers).
 * CALLF calls through a func value and hands the closure to the callee in
 * its context slot fp[hdr+3] (Go's DX register).
 *
 * Captured variables (Go 1.19): a variable that is never reassigned after
 * its declaration, whose address is never taken and that is at most 128
 * bytes is captured by value: the closure holds a copy, and the literal
 * reads it straight from its closure object (a VarLoc on the heap at the
 * copy's offset). Every other captured variable is captured by reference:
 * it lives on the heap (var_on_heap), the closure holds its address, and
 * the literal loads that address into a pointer slot in its prologue. So
 * a captured variable never lives in a frame, and a closure survives any
 * stack growth. A `for` loop's variables are declared once, before the
 * loop (Go 1.19): every closure created in the loop shares them.
 *
 * Invariants:
 *  - A literal's captures include every variable its nested literals
 *    capture from outside it (the enclosing closure forwards them).
 *  - capture_byval gives the same answer in the declaring function (is the
 *    variable on the heap?) and at every closure creation (copy the value
 *    or the pointer).
 *  - While a literal compiles, obj->aux of each captured variable is the
 *    literal's binding; the epilogue restores the enclosing one.
 */
#define COMPILE_INTERNAL
#include "compile.h"
#include "escape.h"

#include <stdlib.h>

/* ---- a set of pointers ---- */


/* ---- capture by value or by reference ---- */

typedef struct Wrapper {
    Object *method;
    int kind;
    int index;
} Wrapper;
static Wrapper *wrappers; static int nwrappers, capwrappers;

typedef struct IWrapper {
    Type *iface;
    const char *name;
    bool expr;
    int index;
} IWrapper;
static IWrapper *iwrappers; static int niwrappers, capiwrappers;

static PtrSet scanned;      /* function bodies whose assignments are in reassigned */
static PtrSet reassigned;   /* variables assigned after their declaration */

/* The variable an assignment to lhs changes: x in x = v, x.f = v, x[i] = v
   (conservatively also when the element is behind a slice: that only
   captures by reference what could have been copied). */
static void mark_root(Node *lhs)
{
    while (lhs && (lhs->kind == E_PAREN || lhs->kind == E_SELECTOR || lhs->kind == E_INDEX))
        lhs = lhs->kind == E_PAREN ? lhs->u.unary.x : lhs->kind == E_SELECTOR ? lhs->u.selector.x
                                                                              : lhs->u.index.x;
    if (lhs && lhs->kind == E_IDENT && lhs->obj && lhs->obj->kind == OBJ_VAR)
        ps_add(&reassigned, lhs->obj);
}

static void reassign_pre(AstWalk *w, Node *n)
{
    (void)w;
    switch (n->kind) {
    case S_ASSIGN:
        for (int i = 0; i < n->u.assign.lhs->len; i++) {
            Node *l = n->u.assign.lhs->items[i];
            /* x := v declares x; in a, x := f() an x declared earlier is assigned */
            if (n->u.assign.op == DEFINE && l->kind == E_IDENT && l->obj &&
                l->obj->pos.line == l->pos.line && l->obj->pos.col == l->pos.col)
                continue;
            mark_root(l);
        }
        break;
    case S_INCDEC:
        mark_root(n->u.incdec.x);
        break;
    case S_RANGE:
        /* Go: range variables are assigned on every iteration */
        mark_root(n->u.rangestmt.key);
        mark_root(n->u.rangestmt.value);
        break;
    default:
        break;
    }
}

static Node *func_body(Node *fn)
{
    if (!fn)
        return NULL;
    if (fn->kind == D_FUNC)
        return fn->u.funcdecl.body;
    if (fn->kind == E_FUNCLIT)
        return fn->u.funclit.body;
    return NULL;
}

/* Set by compile_program (compile.c) once escape analysis has run. */
bool escape_ran;

bool capture_byval(Object *obj)
{
    /* once escape analysis has run, capture exactly as it assumed: its
       decision where the variable lives depends on it */
    int ev = escape_ran ? escape_capture_byval(obj) : -1;
    if (ev >= 0)
        return ev == 1;
    /* a named result is assigned by every `return v` (and by reference is
       never wrong: the two differ only in cost) */
    if (obj->addr_taken || obj->is_result)
        return false;
    int64_t size = go_sizeof(obj->type);
    if (size < 0 || size > 128)
        return false;
    Node *body = func_body(obj->func);
    if (!body)
        return false;
    if (!ps_has(&scanned, body)) {
        AstWalk w = { reassign_pre, NULL };
        ast_walk(&w, body);
        ps_add(&scanned, body);
    }
    return !ps_has(&reassigned, obj);
}

void closures_init(Compiler *c)
{
    (void)c;
    scanned = (PtrSet){ 0 };
    reassigned = (PtrSet){ 0 };
    nwrappers = 0;
    niwrappers = 0;
}

/* ---- a literal's free variables ---- */

typedef struct FreeWalk {
    AstWalk w;
    Node **lits; int nlits, caplits;   /* the literals being walked, outermost first */
    Capture *caps; int ncaps, capcaps;
} FreeWalk;

static void free_pre(AstWalk *w, Node *n)
{
    FreeWalk *fw = (FreeWalk *)w;
    if (n->kind == E_FUNCLIT) {
        if (fw->nlits == fw->caplits) {
            fw->caplits = fw->caplits ? fw->caplits * 2 : 8;
            fw->lits = GC_REALLOC(fw->lits, fw->caplits * sizeof(Node *));
        }
        fw->lits[fw->nlits++] = n;
        return;
    }
    if (n->kind != E_IDENT || !n->obj || n->obj->kind != OBJ_VAR || n->obj->is_global || !n->obj->func)
        return;
    Object *obj = n->obj;
    for (int i = 0; i < fw->nlits; i++)
        if (obj->func == fw->lits[i])
            return;     /* declared inside the literal */
    for (int i = 0; i < fw->ncaps; i++)
        if (fw->caps[i].obj == obj)
            return;
    if (fw->ncaps == fw->capcaps) {
        fw->capcaps = fw->capcaps ? fw->capcaps * 2 : 8;
        fw->caps = GC_REALLOC(fw->caps, fw->capcaps * sizeof(Capture));
    }
    fw->caps[fw->ncaps++] = (Capture){ .obj = obj };
}

static void free_post(AstWalk *w, Node *n)
{
    FreeWalk *fw = (FreeWalk *)w;
    if (n->kind == E_FUNCLIT)
        fw->nlits--;
}

static Closure *free_vars(FuncState *fs, Node *lit)
{
    FreeWalk fw = { { free_pre, free_post }, NULL, 0, 0, NULL, 0, 0 };
    ast_walk(&fw.w, lit);
    Closure *clo = GC_MALLOC(sizeof *clo);
    clo->caps = fw.caps;
    clo->ncaps = fw.ncaps;
    int off = 1;
    for (int i = 0; i < clo->ncaps; i++) {
        Capture *cp = &clo->caps[i];
        cp->byval = capture_byval(cp->obj);
        cp->off = off;
        cp->nwords = cp->byval ? type_words(fs, lit, cp->obj->type, NULL) : 1;
        off += cp->nwords;
    }
    clo->words = off;
    return clo;
}

/* The closure object's runtime type: word 0 the Func (not a heap
   pointer), then each capture's words (a pointer by reference). */
static struct RType *closure_rtype(FuncState *fs, Node *at, Closure *clo, const char *name)
{
    uint8_t *kinds = GC_MALLOC_ATOMIC((size_t)clo->words);
    kinds[0] = SLOT_SCALAR;
    for (int i = 0; i < clo->ncaps; i++) {
        Capture *cp = &clo->caps[i];
        if (cp->byval)
            type_words(fs, at, cp->obj->type, kinds + cp->off);
        else
            kinds[cp->off] = SLOT_PTR;
    }
    RType *rt = GC_MALLOC(sizeof *rt);
    uint8_t *bits = GC_MALLOC_ATOMIC((size_t)clo->words / 8 + 1);
    int last = -1;
    for (int i = 0; i < clo->words; i++)
        if (kinds[i] == SLOT_PTR) {
            bits[i >> 3] |= (uint8_t)(1 << (i & 7));
            last = i;
        }
    rt->td.size = (uintptr_t)clo->words * 8;
    rt->td.ptrdata = (uintptr_t)(last + 1) * 8;
    rt->td.gcdata = bits;
    rt->td.kind = kindStruct;
    rt->td.align = 8;
    rt->td.name = ast_sprintf("closure %s", name);
    return rt;
}

void closure_prologue(FuncState *fs, Closure *clo)
{
    if (clo->ncaps == 0)
        return;
    uint8_t pk = SLOT_PTR;
    int ctx = alloc_slots(fs, 1, &pk, "&closure");
    if (ctx != fs->f->hdr + 3)
        unimpl(fs, NULL, "this closure");       /* vm.h: the context slot is fp[hdr+3] */
    for (int i = 0; i < clo->ncaps; i++) {
        Capture *cp = &clo->caps[i];
        VarLoc *v = GC_MALLOC(sizeof *v);
        v->heap = true;
        v->t = cp->obj->type;
        v->nwords = type_words(fs, NULL, cp->obj->type, NULL);
        if (cp->byval) {
            v->slot = ctx;
            v->boff = cp->off * 8;
        } else {
            v->slot = alloc_slots(fs, 1, &pk, cp->obj->name);
            emitaux(fs, OP_LOADP, 1, v->slot, ctx, cp->off);
        }
        cp->saved = cp->obj->aux;
        cp->obj->aux = v;
    }
}

void closure_epilogue(Closure *clo)
{
    for (int i = 0; i < clo->ncaps; i++)
        clo->caps[i].obj->aux = clo->caps[i].saved;
}

/* Go's names: main.main.func1, main.main.func1.2 (a literal inside a
   literal), main.glob..func1 (in a package variable's initializer). */
static const char *lit_name(FuncState *fs)
{
    int n = ++fs->nlits;
    const char *parent = fs->f->name;
    if (fs->islit)
        return ast_sprintf("%s.%d", parent, n);
    if (strcmp(parent, "main.init") == 0)
        return ast_sprintf("main.glob..func%d", n);
    return ast_sprintf("%s.func%d", parent, n);
}

int cfunclit(FuncState *fs, Node *e, int dst)
{
    Compiler *c = fs->c;
    Closure *clo = free_vars(fs, e);
    const char *name = lit_name(fs);
    Func *f = new_func(c, name, e->pos.line);
    int idx = c->nfuncs - 1;
    f->closure = clo->ncaps > 0;
    int line = fs->line;
    compile_body(c, f, type_underlying(etype(e)), NULL, NULL, e->u.funclit.type, e->u.funclit.body, clo);
    fs->line = line;
    uint8_t pk = SLOT_PTR;
    int d = dst >= 0 ? dst : alloc_slots(fs, 1, &pk, NULL);
    if (clo->ncaps == 0) {
        emit(fs, OP_FUNCVAL, d, idx, 0);
        return d;
    }
    int k = addconst(fs, (Slot){ .p = closure_rtype(fs, e, clo, name) });
    if (k > 0xffff)
        unimpl(fs, e, "this many constants");
    /* built in a pointer temporary: the captured values are loaded after
       the allocation, and the collector must see the object meanwhile */
    int p = alloc_slots(fs, 1, &pk, NULL);
    if (stack_alloc(fs, e)) {
        /* a closure that does not escape: its object in the frame */
        RType *crt = closure_rtype(fs, e, clo, name);
        int nw = (int)(crt->td.size / 8);
        uint8_t *kinds = GC_MALLOC_ATOMIC((size_t)nw + 1);
        for (int i = 0; i < nw; i++)
            kinds[i] = (uintptr_t)i * 8 < crt->td.ptrdata && typeWordIsPointer(crt->td.gcdata, (uintptr_t)i)
                           ? SLOT_PTR : SLOT_SCALAR;
        int obj = frame_object(fs, nw, kinds);
        emit(fs, OP_ZERO, obj, nw, 0);
        emit_loadk(fs, OP_LOADK, obj, addconst(fs, (Slot){ .p = c->funcs[idx] }));
        emit(fs, OP_ADDR, p, obj, 0);
    } else {
        emit(fs, OP_CLOSURE, p, idx, k);
    }
    for (int i = 0; i < clo->ncaps; i++) {
        Capture *cp = &clo->caps[i];
        VarLoc *v = varloc(fs, e, cp->obj);
        int mark = fs->freereg;
        if (cp->byval) {
            int r = v->slot;
            if (v->heap || v->global) {
                uint8_t kinds[4096];
                type_words(fs, e, cp->obj->type, kinds);
                r = alloc_slots(fs, cp->nwords, kinds, NULL);
                if (v->heap)
                    emitaux(fs, OP_LOADP, v->nwords, r, v->slot, v->boff / 8);
                else
                    emit(fs, OP_GETG, r, v->slot, v->nwords);
            }
            emitaux(fs, OP_STOREP, cp->nwords, p, cp->off, r);
        } else {
            if (v->global || v->boff != 0)
                unimpl(fs, e, "capturing this variable");
            if (v->heap) {
                emitaux(fs, OP_STOREP, 1, p, cp->off, v->slot);
            } else {
                /* kept in the frame by escape analysis: its address */
                int a = alloc_slots(fs, 1, &pk, NULL);
                emit(fs, OP_ADDR, a, v->slot, 0);
                emitaux(fs, OP_STOREP, 1, p, cp->off, a);
            }
        }
        fs->freereg = mark;
    }
    emit_move(fs, d, p, 1);
    return d;
}

/* ---- method values and method expressions ---- */

enum { WRAP_FM, WRAP_DEREF };


/* A generated function that calls the method m:
 *  WRAP_FM     Go's T.M-fm, the code of the method value x.M: the receiver
 *              is the closure's word 1.., the parameters are M's.
 *  WRAP_DEREF  Go's (*T).M for a value method M: the parameters are
 *              (p *T, M's parameters); the receiver is *p (nil panics). */
static int method_wrapper(FuncState *fs, Node *at, Object *m, int kind)
{
    for (int i = 0; i < nwrappers; i++)
        if (wrappers[i].method == m && wrappers[i].kind == kind)
            return wrappers[i].index;
    Compiler *c = fs->c;
    int midx = func_index(fs, at, m);
    Type *sig = m->type;
    Type *rtype = method_recv_type(m);
    const char *mname = c->funcs[midx]->name;
    const char *name = kind == WRAP_FM ? ast_sprintf("%s-fm", mname)
                     : ast_sprintf("main.(*%s).%s", rtype->kind == TY_NAMED ? rtype->u.named.obj->name : "?", m->name);
    Func *f = new_func(c, name, m->pos.line);
    int idx = c->nfuncs - 1;
    f->closure = kind == WRAP_FM;
    f->hidden = true;       /* Go elides wrapper frames from tracebacks */
    FuncState ws;
    fs_init(&ws, c, f);
    ws.sig = sig;
    uint8_t kinds[4096];
    int nres = 0, npar = 0;
    for (int i = 0; i < sig->u.func.nresults; i++)
        nres += type_words(&ws, at, sig->u.func.results[i], NULL);
    for (int i = 0; i < sig->u.func.nparams; i++)
        npar += type_words(&ws, at, sig->u.func.params[i], NULL);
    int rw = type_words(&ws, at, rtype, NULL);
    int extra = kind == WRAP_DEREF ? 1 : 0;     /* the *T parameter */
    f->nres = (uint16_t)nres;
    f->npar = (uint16_t)(npar + extra);
    f->hdr = (uint16_t)(nres + npar + extra);
    ensure_slots(&ws, f->hdr + 3);
    int s = 0;
    for (int i = 0; i < sig->u.func.nresults; i++) {
        int n = type_words(&ws, at, sig->u.func.results[i], kinds);
        memcpy(ws.kinds + s, kinds, (size_t)n);
        s += n;
    }
    if (extra)
        ws.kinds[s++] = SLOT_PTR;
    for (int i = 0; i < sig->u.func.nparams; i++) {
        int n = type_words(&ws, at, sig->u.func.params[i], kinds);
        memcpy(ws.kinds + s, kinds, (size_t)n);
        s += n;
    }
    for (int i = f->hdr; i < f->hdr + 3; i++)
        ws.kinds[i] = SLOT_RECORD;
    ws.freereg = ws.localtop = ws.nslots = f->hdr + 3;
    ws.line = m->pos.line;
    if (kind == WRAP_FM) {
        uint8_t pk = SLOT_PTR;
        int ctx = alloc_slots(&ws, 1, &pk, "&closure");
        emitaux(&ws, OP_LOADP, rw, CALLAREA + nres, ctx, 1);
    } else {
        emitaux(&ws, OP_LOADP, rw, CALLAREA + nres, nres, 0);
    }
    if (npar)
        emit_move(&ws, CALLAREA + nres + rw, nres + extra, npar);
    use_callarea(&ws, nres + rw + npar);
    emit(&ws, OP_CALL, CALLAREA, midx, 0);
    if (nres)
        emit_move(&ws, 0, CALLAREA, nres);
    emit(&ws, OP_RET, f->hdr, 0, 0);
    fs_finish(&ws);
    if (nwrappers == capwrappers) {
        capwrappers = capwrappers ? capwrappers * 2 : 8;
        wrappers = GC_REALLOC(wrappers, capwrappers * sizeof(Wrapper));
    }
    wrappers[nwrappers++] = (Wrapper){ m, kind, idx };
    return idx;
}

int cfuncval(FuncState *fs, Node *e, int dst)
{
    while (e->kind == E_PAREN)
        e = e->u.unary.x;
    uint8_t pk = SLOT_PTR;
    Object *fobj = e->obj;
    if (e->kind == E_IDENT && fobj && fobj->kind == OBJ_FUNC) {
        int d = dst >= 0 ? dst : alloc_slots(fs, 1, &pk, NULL);
        emit(fs, OP_FUNCVAL, d, func_index(fs, e, fobj), 0);
        return d;
    }
    if (e->kind != E_SELECTOR || !fobj || fobj->kind != OBJ_FUNC)
        unimpl(fs, e, "this function value");
    if (e->u.selector.x->mode == MODE_PACKAGE) {
        /* strings.ToUpper as a value: a Func that calls the native */
        /* fmt's natives take flattened operands; their "Name..." forms
           take the []any of a spread call, which is the func value's layout */
        bool isfmt = strcmp(fobj->pkg, "fmt") == 0;
        const Native *nat = native_lookup(fobj->pkg, isfmt ? ast_sprintf("%s...", fobj->name) : fobj->name);
        if (!nat)
            unimpl(fs, e, ast_sprintf("%s.%s as a function value", fobj->pkg, fobj->name));
        int idx = native_stub(fs, e, ast_sprintf("%s.%s", fobj->pkg, fobj->name), nat, fobj->type, NULL);
        int d = dst >= 0 ? dst : alloc_slots(fs, 1, &pk, NULL);
        emit(fs, OP_FUNCVAL, d, idx, 0);
        return d;
    }
    if (fobj->pkg)
        unimpl(fs, e, ast_sprintf("the method %s of a native package as a function value", fobj->name));
    Type *rtype = method_recv_type(fobj);
    if (!rtype)
        unimpl(fs, e, "this method value");
    if (e->u.selector.x->mode == MODE_TYPEEXPR) {
        /* T.M, (*T).M: a func value taking the receiver first */
        if (e->u.selector.pathlen > 0)
            unimpl(fs, e, "method expressions of promoted methods");
        Type *xt = e->u.selector.x->type;
        bool xptr = xt && type_underlying(xt)->kind == TY_POINTER && xt->kind != TY_NAMED;
        int idx = xptr && rtype->kind != TY_POINTER ? method_wrapper(fs, e, fobj, WRAP_DEREF)
                                                    : func_index(fs, e, fobj);
        int d = dst >= 0 ? dst : alloc_slots(fs, 1, &pk, NULL);
        emit(fs, OP_FUNCVAL, d, idx, 0);
        return d;
    }
    /* x.M: the receiver is evaluated now (&x, *p, embedded fields as for
       a call; *p of a nil p panics here, as in Go) and bound */
    Node *recv = method_receiver(fs, e, fobj);
    Type *rt = etype(recv);
    int rw = type_words(fs, recv, rt, NULL);
    int r = cexpr(fs, recv, alloc_temp(fs, recv, rt));
    int widx = method_wrapper(fs, e, fobj, WRAP_FM);
    Closure clo = { NULL, 0, 1 + rw };
    uint8_t kinds[4097];
    kinds[0] = SLOT_SCALAR;
    type_words(fs, recv, rt, kinds + 1);
    RType *rty = GC_MALLOC(sizeof *rty);
    uint8_t *bits = GC_MALLOC_ATOMIC((size_t)clo.words / 8 + 1);
    int last = -1;
    for (int i = 0; i < clo.words; i++)
        if (kinds[i] == SLOT_PTR) {
            bits[i >> 3] |= (uint8_t)(1 << (i & 7));
            last = i;
        }
    rty->td.size = (uintptr_t)clo.words * 8;
    rty->td.ptrdata = (uintptr_t)(last + 1) * 8;
    rty->td.gcdata = bits;
    rty->td.kind = kindStruct;
    rty->td.align = 8;
    rty->td.name = ast_sprintf("closure %s", fs->c->funcs[widx]->name);
    int k = addconst(fs, (Slot){ .p = rty });
    if (k > 0xffff)
        unimpl(fs, e, "this many constants");
    int p = alloc_slots(fs, 1, &pk, NULL);
    fs->line = e->pos.line;
    emit(fs, OP_CLOSURE, p, widx, k);
    emitaux(fs, OP_STOREP, rw, p, 1, r);
    int d = dst >= 0 ? dst : alloc_slots(fs, 1, &pk, NULL);
    emit_move(fs, d, p, 1);
    return d;
}

/* ---- method values and expressions of interfaces ---- */


/* A generated function calling method mi of interface it through the
 * itab: Go's I.M-fm (expr false: the interface value is the closure's
 * words 1 and 2) or I.M (expr true: it is the first parameter). */
static int iface_wrapper(FuncState *fs, Node *at, Type *it, const char *mname, int mi, Type *sig, bool expr)
{
    for (int i = 0; i < niwrappers; i++)
        if (iwrappers[i].iface == it && strcmp(iwrappers[i].name, mname) == 0 && iwrappers[i].expr == expr)
            return iwrappers[i].index;
    Compiler *c = fs->c;
    const char *name = ast_sprintf("%s.%s%s", type_rtstring(it), mname, expr ? "" : "-fm");
    Func *f = new_func(c, name, at ? at->pos.line : 0);
    int idx = c->nfuncs - 1;
    f->closure = !expr;
    f->hidden = true;       /* Go elides wrapper frames from tracebacks */
    FuncState ws;
    fs_init(&ws, c, f);
    ws.sig = sig;
    uint8_t kinds[4096];
    int n = 0;
    for (int i = 0; i < sig->u.func.nresults; i++)
        n += type_words(&ws, at, sig->u.func.results[i], kinds + n);
    int nres = n;
    for (int i = 0; i < sig->u.func.nparams; i++)
        n += type_words(&ws, at, sig->u.func.params[i], kinds + n);
    int npar = n - nres;        /* with the interface when expr */
    f->nres = (uint16_t)nres;
    f->npar = (uint16_t)npar;
    f->hdr = (uint16_t)n;
    for (int i = 0; i < 3; i++)
        kinds[n + i] = SLOT_RECORD;
    alloc_slots(&ws, n + 3, kinds, NULL);
    ws.freereg = ws.localtop = ws.nslots;
    ws.line = f->line;
    int iv, rest = nres, nrest = npar;
    if (expr) {
        iv = nres;              /* the interface parameter */
        rest += 2;
        nrest -= 2;
    } else {
        uint8_t pk = SLOT_PTR;
        int ctx = alloc_slots(&ws, 1, &pk, "&closure");
        uint8_t ik[2] = { SLOT_PTR, SLOT_PTR };
        iv = alloc_slots(&ws, 2, ik, NULL);
        emitaux(&ws, OP_LOADP, 2, iv, ctx, 1);
    }
    emit(&ws, OP_MOVE, CALLAREA + nres, iv + 1, 0);     /* the receiver: the data word */
    if (nrest)
        emit_move(&ws, CALLAREA + nres + 1, rest, nrest);
    use_callarea(&ws, nres + 1 + nrest);
    emit(&ws, OP_CALLI, CALLAREA, iv, mi);
    if (nres)
        emit_move(&ws, 0, CALLAREA, nres);
    emit(&ws, OP_RET, f->hdr, 0, 0);
    fs_finish(&ws);
    if (niwrappers == capiwrappers) {
        capiwrappers = capiwrappers ? capiwrappers * 2 : 8;
        iwrappers = GC_REALLOC(iwrappers, capiwrappers * sizeof(IWrapper));
    }
    iwrappers[niwrappers++] = (IWrapper){ it, mname, expr, idx };
    return idx;
}

int cifacemethod(FuncState *fs, Node *e, int dst)
{
    Node *x = e->u.selector.x;
    bool expr = x->mode == MODE_TYPEEXPR;
    Type *it = expr ? x->type : etype(x);
    const char *mname = e->u.selector.sel->u.ident.name;
    if (e->u.selector.pathlen > 0 && !expr && e->u.selector.path && e->u.selector.pathlen > 1)
        unimpl(fs, e, "this interface method value");
    struct RType *irt = rtype_of(fs, e, it);
    int mi = -1;
    for (int i = 0; i < irt->nmethods; i++)
        if (strcmp(irt->methods[i].name, mname) == 0)
            mi = i;
    if (mi < 0)
        unimpl(fs, e, "this interface method value");
    int widx = iface_wrapper(fs, e, it, mname, mi, type_underlying(etype(e)), expr);
    uint8_t pk = SLOT_PTR;
    int d = dst >= 0 ? dst : alloc_slots(fs, 1, &pk, NULL);
    if (expr) {
        emit(fs, OP_FUNCVAL, d, widx, 0);
        return d;
    }
    /* x.M: x is evaluated and bound now; a nil x panics here, as in Go */
    int iv = cexpr(fs, x, alloc_temp(fs, x, it));
    int chk = alloc_temp(fs, x, types_basic[TY_UINTPTR]);
    fs->line = e->pos.line;
    emitaux(fs, OP_LOADP, 1, chk, iv, 0);       /* Go's nil check: a load through the itab */
    Closure clo = { NULL, 0, 3 };
    RType *rty = GC_MALLOC(sizeof *rty);
    uint8_t *bits = GC_MALLOC_ATOMIC(1);
    bits[0] = 2 | 4;            /* words 1 and 2: the interface */
    rty->td.size = 3 * 8;
    rty->td.ptrdata = 3 * 8;
    rty->td.gcdata = bits;
    rty->td.kind = kindStruct;
    rty->td.align = 8;
    rty->td.name = ast_sprintf("closure %s", fs->c->funcs[widx]->name);
    (void)clo;
    int k = addconst(fs, (Slot){ .p = rty });
    if (k > 0xffff)
        unimpl(fs, e, "this many constants");
    int p = alloc_slots(fs, 1, &pk, NULL);
    emit(fs, OP_CLOSURE, p, widx, k);
    emitaux(fs, OP_STOREP, 2, p, 1, iv);
    emit_move(fs, d, p, 1);
    return d;
}

bool is_dynamic_call(Node *fun)
{
    while (fun->kind == E_PAREN)
        fun = fun->u.unary.x;
    if (fun->mode == MODE_BUILTIN || fun->mode == MODE_TYPEEXPR)
        return false;
    if (fun->kind == E_IDENT && fun->obj && fun->obj->kind == OBJ_FUNC)
        return false;
    if (fun->kind == E_SELECTOR && fun->u.selector.x->mode == MODE_PACKAGE)
        return false;
    if (fun->kind == E_SELECTOR && fun->obj && fun->obj->kind == OBJ_FUNC &&
        fun->u.selector.x->mode != MODE_TYPEEXPR)
        return false;   /* x.M(...): a method call */
    if (fun->kind == E_SELECTOR && !fun->obj && fun->u.selector.x->mode != MODE_TYPEEXPR) {
        Type *xt = etype(fun->u.selector.x);
        if (type_is_interface(xt))
            return false;   /* an interface method call */
        Selection sel = type_lookup(xt, fun->u.selector.sel->u.ident.name);
        if (sel.kind == SEL_IFACE_METHOD || sel.kind == SEL_METHOD)
            return false;   /* promoted through an embedded interface */
    }
    return true;
}
