/* compile_iface.c — interfaces in the code generator: method sets and
 * itabs of runtime types, the wrappers itabs call, conversions to
 * interfaces, type assertions, type switches, interface method calls and
 * comparisons.
 *
 * Go: cmd/compile/internal/reflectdata (method sets, itabs, the
 * `(*T).M` wrappers: methodWrapper), walk/convert.go (OCONVIFACE:
 * convT, direct ifaces), walk/expr.go (ODOTTYPE), walk/switch.go (type
 * switches), walk/compare.go (interface ==). The values' layout is
 * runtime/iface.h's.
 */
#define COMPILE_INTERNAL
#include "compile.h"

#include <stdlib.h>

#include "iface.h"

static int kconst(FuncState *fs, const void *p)
{
    Slot s = { .p = (void *)p };
    int k = addconst(fs, s);
    if (k > 0xffff)
        unimpl(fs, NULL, "a function with this many constants");
    return k;
}

static void emit_loadp(FuncState *fs, int dst, const void *p)
{
    int k = addconst(fs, (Slot){ .p = (void *)p });
    emit(fs, OP_LOADK, dst, k & 0xffff, (int)((unsigned)k >> 16));
}

bool is_empty_iface(Type *t)
{
    Type *u = type_underlying(t);
    return u->kind == TY_INTERFACE && u->u.iface.nmethods == 0;
}

/* A method's signature without parameter names, the identity getitab
   compares: "func(string) (int, error)". */
static const char *sig_string(Type *sig)
{
    char *out = ast_sprintf("func(");
    for (int i = 0; i < sig->u.func.nparams; i++) {
        Type *pt = sig->u.func.params[i];
        bool last = i == sig->u.func.nparams - 1;
        const char *ps = last && sig->u.func.variadic
                             ? ast_sprintf("...%s", type_string(type_underlying(pt)->u.slice.elem))
                             : type_string(pt);
        out = ast_sprintf("%s%s%s", out, i ? ", " : "", ps);
    }
    out = ast_sprintf("%s)", out);
    int nr = sig->u.func.nresults;
    if (nr == 1)
        return ast_sprintf("%s %s", out, type_string(sig->u.func.results[0]));
    if (nr > 1) {
        out = ast_sprintf("%s (", out);
        for (int i = 0; i < nr; i++)
            out = ast_sprintf("%s%s%s", out, i ? ", " : "", type_string(sig->u.func.results[i]));
        out = ast_sprintf("%s)", out);
    }
    return out;
}

static int cmp_method(const void *a, const void *b)
{
    return strcmp(((const RMethod *)a)->name, ((const RMethod *)b)->name);
}

/* ---- method wrappers ---- */

static Type *deref(Type *t)
{
    Type *u = type_underlying(t);
    return u->kind == TY_POINTER ? u->u.pointer.elem : t;
}

/* Go's ext op for a narrow scalar loaded as a whole word, or -1. */
static int narrow_ext(Type *t)
{
    switch (type_underlying(t)->kind) {
    case TY_BOOL: case TY_UINT8: return OP_EXT8U;
    case TY_INT8: return OP_EXT8S;
    case TY_UINT16: return OP_EXT16U;
    case TY_INT16: return OP_EXT16S;
    case TY_UINT32: return OP_EXT32U;
    case TY_INT32: return OP_EXT32S;
    case TY_FLOAT32: return OP_EXT32U;
    default: return -1;
    }
}

static Type *sig_of(Selection s)
{
    return s.type;
}

/* A native as a Func (so itabs and func values can call it): CALLN on its
 * own frame, whose layout [results][receiver][params] is the native's
 * argument layout. recv: the receiver type, or NULL for a function.
 * Returns its index in the program's funcs. */
int native_stub(FuncState *outer, Node *at, const char *name, const Native *nat, Type *sig, Type *recv)
{
    static Compiler *memoc;
    static const Native **memon;
    static int *memoi, nmemo, capmemo;
    Compiler *c = outer->c;
    if (memoc != c) {
        memoc = c;
        nmemo = 0;
    }
    for (int i = 0; i < nmemo; i++)
        if (memon[i] == nat)
            return memoi[i];
    int idx = c->nfuncs;
    Func *f = new_func(c, name, 0);
    f->hidden = true;
    FuncState fs;
    fs_init(&fs, c, f);
    uint8_t kinds[4096];
    int n = 0;
    for (int i = 0; i < sig->u.func.nresults; i++)
        n += type_words(&fs, at, sig->u.func.results[i], kinds + n);
    int nres = n;
    if (recv)
        n += type_words(&fs, at, recv, kinds + n);
    for (int i = 0; i < sig->u.func.nparams; i++)
        n += type_words(&fs, at, sig->u.func.params[i], kinds + n);
    f->nres = (uint16_t)nres;
    f->npar = (uint16_t)(n - nres);
    f->hdr = (uint16_t)n;
    for (int i = 0; i < 3; i++)
        kinds[n + i] = SLOT_RECORD;
    alloc_slots(&fs, n + 3, kinds, NULL);
    fs.freereg = fs.localtop = fs.nslots;
    emit(&fs, OP_CALLN, 0, native_index(&fs, nat), n);
    emit(&fs, OP_RET, f->hdr, 0, 0);
    fs_finish(&fs);
    if (nmemo == capmemo) {
        capmemo = capmemo ? capmemo * 2 : 16;
        memon = realloc(memon, (size_t)capmemo * sizeof *memon);
        memoi = realloc(memoi, (size_t)capmemo * sizeof *memoi);
    }
    memon[nmemo] = nat;
    memoi[nmemo++] = idx;
    return idx;
}

/* A native method of a package type (errors.(*errorString).Error) for an
 * itab. NULL when mini has no such native. Natives are bound by "(*T).M"
 * or "T.M". */
static Func *native_method_func(FuncState *outer, Node *at, Type *t, Object *m, Type *sig, bool direct)
{
    Type *base = deref(t);
    bool ptr = type_underlying(t)->kind == TY_POINTER;
    bool boxed = !ptr && !direct;
    if (boxed) {
        /* A value method of a boxed type (sort.IntSlice) gets the box's
           address, as Go's autogenerated (*T).M: its native is "(*T).M". */
        t = type_new_pointer(t);
        ptr = true;
    }
    if (base->kind != TY_NAMED || !base->u.named.pkg)
        return NULL;
    const char *pkg = base->u.named.pkg;
    const char *tn = base->u.named.obj->name;
    const char *nm = ptr ? ast_sprintf("(*%s).%s", tn, m->name) : ast_sprintf("%s.%s", tn, m->name);
    const Native *nat = native_lookup(pkg, nm);
    if (!nat && !boxed)     /* "T.M" of a pointer method takes the pointer too */
        nat = native_lookup(pkg, ast_sprintf("%s.%s", tn, m->name));
    if (!nat)
        return NULL;
    int idx = native_stub(outer, at, ast_sprintf("%s.%s", pkg, nm), nat, sig, t);
    return outer->c->funcs[idx];
}

/* The code of context's CancelFunc closures {this Func, ctx}: calls the
   native context.cancelFunc with the closure (its context slot). */
static void context_cancel_func(FuncState *outer)
{
    Compiler *c = outer->c;
    Func *f = new_func(c, "context.cancelCtx.cancel-fm", 0);
    f->hidden = true;
    f->closure = true;
    FuncState fs;
    fs_init(&fs, c, f);
    uint8_t kinds[4] = { SLOT_RECORD, SLOT_RECORD, SLOT_RECORD, SLOT_PTR };
    alloc_slots(&fs, 4, kinds, NULL);
    fs.freereg = fs.localtop = fs.nslots;
    emit(&fs, OP_CALLN, 3, native_index(&fs, native_lookup("context", "cancelFunc")), 1);
    emit(&fs, OP_RET, 0, 0, 0);
    fs_finish(&fs);
}

/* Package context's types (runtime/context.c finds them by name), the
   time types its timers use, and the CancelFunc code: once per program. */
static void context_runtime_types(FuncState *fs)
{
    static Compiler *done;
    if (done == fs->c)
        return;
    done = fs->c;
    need_runtime_types(fs, "time");
    Package *p = package_import("context", NULL);
    static const char *const ptrs[] = { "emptyCtx", "cancelCtx", "timerCtx", "valueCtx" };
    for (size_t i = 0; p && i < sizeof ptrs / sizeof ptrs[0]; i++) {
        Object *o = scope_lookup_local(p->scope, ptrs[i]);
        if (o && o->kind == OBJ_TYPE)
            rtype_of(fs, NULL, type_new_pointer(o->type));
    }
    static const char *const vals[] = { "Context", "deadlineExceededError" };
    for (size_t i = 0; p && i < sizeof vals / sizeof vals[0]; i++) {
        Object *o = scope_lookup_local(p->scope, vals[i]);
        if (o && o->kind == OBJ_TYPE)
            rtype_of(fs, NULL, o->type);
    }
    rtype_of(fs, NULL, types_error);
    Package *e = package_import("errors", NULL);
    Object *o = e ? scope_lookup_local(e->scope, "errorString") : NULL;
    if (o)
        rtype_of(fs, NULL, type_new_pointer(o->type));
    context_cancel_func(fs);
}

/* The runtime types natives create values of (errors.New's
   *errors.errorString ...), built when a program uses such a native, so
   that the natives find them by name (rtype_named) and their itabs. */
void need_runtime_types(FuncState *fs, const char *pkg)
{
    if (strcmp(pkg, "context") == 0)
        context_runtime_types(fs);
    static const struct { const char *pkg, *type; } need[] = {
        { "errors", "errorString" }, { "fmt", "wrapError" }, { "fmt", "errorString" },
        { "strconv", "NumError" }, { "sort", "reverse" }, { "os", "File" },
        { "time", "Timer" }, { "time", "Ticker" },
    };
    bool any = false;
    for (size_t i = 0; i < sizeof need / sizeof need[0]; i++) {
        if (strcmp(need[i].pkg, pkg) != 0)
            continue;
        Package *p = package_import(pkg, NULL);
        Object *o = p ? scope_lookup_local(p->scope, need[i].type) : NULL;
        if (!o || o->kind != OBJ_TYPE)
            continue;
        rtype_of(fs, NULL, type_new_pointer(o->type));
        any = true;
    }
    if (strcmp(pkg, "time") == 0) {     /* the timers' channels carry Times */
        Package *p = package_import(pkg, NULL);
        Object *o = p ? scope_lookup_local(p->scope, "Time") : NULL;
        if (o && o->kind == OBJ_TYPE)
            rtype_of(fs, NULL, o->type);
    }
    if (strcmp(pkg, "sort") == 0) {     /* sort.Reverse makes an Interface */
        Package *p = package_import(pkg, NULL);
        Object *o = p ? scope_lookup_local(p->scope, "Interface") : NULL;
        if (o && o->kind == OBJ_TYPE)
            rtype_of(fs, NULL, o->type);
    }
    if (any) {
        rtype_of(fs, NULL, types_error);
        Package *e = package_import("errors", NULL);
        Object *o = e ? scope_lookup_local(e->scope, "errorString") : NULL;
        if (o)
            rtype_of(fs, NULL, type_new_pointer(o->type));
    }
}

/* The function an itab calls for method name of type t (selection s):
 * receiver = one word, the interface's data word. The method itself when
 * that word is already its receiver; otherwise a wrapper (Go's
 * autogenerated `(*T).M`, hidden in tracebacks as Go hides wrappers) that
 * follows the embedding path and loads a value receiver. */
static Func *itab_func(FuncState *outer, Node *at, Type *t, Selection s, bool direct)
{
    Compiler *c = outer->c;
    Object *m = s.obj;
    bool tptr = type_underlying(t)->kind == TY_POINTER;
    if (s.kind == SEL_METHOD && s.pathlen == 0 && m && m->aux) {
        if ((tptr && s.ptr_recv) || (direct && !s.ptr_recv && !tptr))
            return c->funcs[func_index(outer, at, m)];
    }
    if (s.kind == SEL_METHOD && m && !m->aux && s.pathlen == 0 && tptr == s.ptr_recv)
        return native_method_func(outer, at, t, m, sig_of(s), direct);
    if (s.kind == SEL_METHOD && (!m || !m->aux))
        return NULL;    /* a promoted native method: not callable through an itab yet */
    Type *sig = s.type;
    Func *f = new_func(c, s.kind == SEL_METHOD ? c->funcs[func_index(outer, at, m)]->name : "wrapper", at ? at->pos.line : 0);
    f->hidden = true;
    FuncState fs;
    fs_init(&fs, c, f);
    int nres = 0, npar = 0;
    uint8_t kinds[4096];
    for (int i = 0; i < sig->u.func.nresults; i++)
        nres += type_words(&fs, at, sig->u.func.results[i], kinds + nres);
    uint8_t pkinds[4096];
    for (int i = 0; i < sig->u.func.nparams; i++)
        npar += type_words(&fs, at, sig->u.func.params[i], pkinds + npar);
    f->nres = (uint16_t)nres;
    f->npar = (uint16_t)(npar + 1);
    f->hdr = (uint16_t)(nres + npar + 1);
    f->zerores = true;
    uint8_t hk[4096];
    memcpy(hk, kinds, (size_t)nres);
    hk[nres] = SLOT_PTR;
    memcpy(hk + nres + 1, pkinds, (size_t)npar);
    for (int i = 0; i < 3; i++)
        hk[f->hdr + i] = SLOT_RECORD;
    alloc_slots(&fs, f->hdr + 3, hk, NULL);
    fs.freereg = fs.localtop = fs.nslots;
    int recv = nres;
    int p = alloc_slots(&fs, 1, (uint8_t[]){ SLOT_PTR }, NULL);
    emit(&fs, OP_MOVE, p, recv, 0);
    /* follow the embedding path: p points to the current struct */
    Type *cur = deref(t);
    for (int i = 0; i < s.pathlen; i++) {
        Type *su = type_underlying(cur);
        int fi = s.path[i];
        Type *ft = su->u.strct.fields[fi].type;
        int off = (int)(go_fieldoff(su, fi) / 8);
        if (type_underlying(ft)->kind == TY_POINTER) {
            emitaux(&fs, OP_LOADP, 1, p, p, off);
            cur = type_underlying(ft)->u.pointer.elem;
        } else {
            if (off) {
                int o = alloc_temp(&fs, at, types_basic[TY_INT]);
                emit(&fs, OP_LOADI, o, off & 0xffff, (int)((unsigned)off >> 16));
                emit(&fs, OP_PTRADD, p, p, o);
            }
            cur = ft;
        }
    }
    int calloff;
    if (s.kind == SEL_IFACE_METHOD) {
        int iv = alloc_temp(&fs, at, cur);
        emitaux(&fs, OP_LOADP, 2, iv, p, 0);
        Type *iu = type_underlying(cur);
        int mi = 0;
        for (int i = 0; i < iu->u.iface.nmethods; i++)
            if (sig == iu->u.iface.methods[i].sig || strcmp(iu->u.iface.methods[i].name, m ? m->name : "") == 0)
                mi = i;
        emit(&fs, OP_MOVE, CALLAREA + nres, iv + 1, 0);
        emit_move(&fs, CALLAREA + nres + 1, nres + 1, npar);
        use_callarea(&fs, nres + 1 + npar);
        emit(&fs, OP_CALLI, CALLAREA, iv, mi);
        calloff = 0;
    } else {
        int rw;
        if (s.ptr_recv) {
            emit(&fs, OP_MOVE, CALLAREA + nres, p, 0);
            rw = 1;
        } else {
            rw = type_words(&fs, at, cur, NULL);
            int tmp = alloc_temp(&fs, at, cur);
            emitaux(&fs, OP_LOADP, rw, tmp, p, 0);
            int ext = narrow_ext(cur);
            if (ext >= 0)
                emit(&fs, ext, tmp, tmp, 0);
            emit_move(&fs, CALLAREA + nres, tmp, rw);
        }
        emit_move(&fs, CALLAREA + nres + rw, nres + 1, npar);
        use_callarea(&fs, nres + rw + npar);
        emit(&fs, OP_CALL, CALLAREA, func_index(&fs, at, m), 0);
        calloff = 0;
    }
    emit_move(&fs, 0, CALLAREA + calloff, nres);
    emit(&fs, OP_RET, f->hdr, 0, 0);
    fs_finish(&fs);
    return f;
}

/* Method names reachable from t (declared, promoted, from embedded interfaces). */
static void collect_names(Type *t, const char ***names, int *n, int *cap, int depth)
{
    if (!t || depth > 8)
        return;
    t = deref(t);
    if (t->kind == TY_NAMED)
        for (int i = 0; i < t->u.named.nmethods; i++) {
            if (*n == *cap) {
                *cap = *cap ? *cap * 2 : 16;
                *names = GC_REALLOC(*names, (size_t)*cap * sizeof(char *));
            }
            (*names)[(*n)++] = t->u.named.methods[i].name;
        }
    Type *u = type_underlying(t);
    if (u->kind == TY_STRUCT) {
        for (int i = 0; i < u->u.strct.nfields; i++)
            if (u->u.strct.fields[i].embedded)
                collect_names(u->u.strct.fields[i].type, names, n, cap, depth + 1);
    } else if (u->kind == TY_INTERFACE && depth > 0) {
        for (int i = 0; i < u->u.iface.nmethods; i++) {
            if (*n == *cap) {
                *cap = *cap ? *cap * 2 : 16;
                *names = GC_REALLOC(*names, (size_t)*cap * sizeof(char *));
            }
            (*names)[(*n)++] = u->u.iface.methods[i].name;
        }
    }
}

/* Fills rt's methods: an interface's method list, or t's method set. */
void rtype_methods(FuncState *fs, Node *at, Type *t, RType *rt)
{
    Type *u = type_underlying(t);
    if (u->kind == TY_INTERFACE) {
        RMethod *ms = GC_MALLOC((size_t)(u->u.iface.nmethods + 1) * sizeof *ms);
        for (int i = 0; i < u->u.iface.nmethods; i++) {
            ms[i].name = u->u.iface.methods[i].name;
            ms[i].sig = sig_string(u->u.iface.methods[i].sig);
        }
        qsort(ms, (size_t)u->u.iface.nmethods, sizeof *ms, cmp_method);
        rt->methods = ms;
        rt->nmethods = u->u.iface.nmethods;
        return;
    }
    const char **names = NULL;
    int n = 0, cap = 0;
    collect_names(t, &names, &n, &cap, 0);
    if (n == 0)
        return;
    RMethod *ms = GC_MALLOC((size_t)(n + 1) * sizeof *ms);
    int k = 0;
    for (int i = 0; i < n; i++) {
        bool dup = false;
        for (int j = 0; j < k; j++)
            if (strcmp(ms[j].name, names[i]) == 0)
                dup = true;
        if (dup)
            continue;
        Selection s = type_lookup(t, names[i]);
        if (s.ambiguous || (s.kind != SEL_METHOD && s.kind != SEL_IFACE_METHOD))
            continue;
        if (s.kind == SEL_METHOD && s.ptr_recv && !s.indirect && type_underlying(t)->kind != TY_POINTER)
            continue;   /* not in T's method set */
        ms[k].name = names[i];
        ms[k].sig = sig_string(s.type);
        ms[k].ifn = NULL;
        k++;
        ms[k - 1].ifn = itab_func(fs, at, t, s, rt->direct);
        if (!ms[k - 1].ifn)
            k--;
    }
    qsort(ms, (size_t)k, sizeof *ms, cmp_method);
    rt->methods = ms;
    rt->nmethods = k;
}

/* ---- conversions ---- */

/* The value of type from in slots r (a frame slot, not the call area) as
   interface type to, into slots d. */
void cconv_value(FuncState *fs, Node *at, Type *from, Type *to, int r, int d)
{
    bool toE = is_empty_iface(to);
    if (type_is_interface(from)) {
        if (is_empty_iface(from)) {
            if (!toE)
                unimpl(fs, at, "converting any to a non-empty interface without an assertion");
            emit_move(fs, d, r, 2);
        } else if (toE) {
            emit(fs, OP_I2E, d, r, 0);
        } else {
            emit(fs, OP_I2I, d, r, kconst(fs, rtype_of(fs, at, to)));
        }
        return;
    }
    RType *rt = rtype_of(fs, at, from);
    const void *w0 = rt;
    if (!toE) {
        const char *missing = NULL;
        w0 = getitab(rtype_of(fs, at, to), rt, &missing);
        if (!w0)
            unimpl(fs, at, ast_sprintf("%s as %s (missing method %s)", type_string(from), type_string(to),
                                       missing ? missing : "?"));
    }
    if (rt->direct) {
        int v = r;
        if (d == r) {
            v = alloc_temp(fs, at, from);
            emit(fs, OP_MOVE, v, r, 0);
        }
        emit_loadp(fs, d, w0);
        emit(fs, OP_MOVE, d + 1, v, 0);
    } else if (rt->td.size > 0 && stack_alloc(fs, at)) {
        /* a box escape analysis keeps in the frame: the value's words in
           a frame object, the data word its address */
        static uint8_t kinds[4096];
        int nw = type_words(fs, at, from, kinds);
        int box = frame_object(fs, nw, kinds);
        emit_move(fs, box, r, nw);
        emit_loadp(fs, d, w0);
        emit(fs, OP_ADDR, d + 1, box, 0);
    } else {
        fs->line = at->pos.line;
        emit(fs, toE ? OP_CONVE : OP_CONVI, d, r, kconst(fs, w0));
    }
}

/* I(x): e is the conversion node (compile_conv.c inserts them). */
int cconv_iface(FuncState *fs, Node *e, int dst)
{
    Node *x = e->u.call.args->items[0];
    Type *to = e->type, *from = etype(x);
    int d = dst >= 0 ? dst : alloc_temp(fs, e, to);
    if (!from || from->kind == TY_UNTYPED_NIL) {
        emit(fs, OP_ZERO, d, 2, 0);
        return d;
    }
    from = type_default(from);
    int r = cexpr(fs, x, -1);
    if (r >= CALLAREA || (r == d && !type_is_interface(from) && !rtype_of(fs, x, from)->direct)) {
        int t = alloc_temp(fs, x, from);
        emit_move(fs, t, r, type_words(fs, x, from, NULL));
        r = t;
    }
    cconv_value(fs, e, from, to, r, d);
    return d;
}

/* ---- assertions ---- */

/* x.(T) into dst: T's words, then (commaok) the ok word. */
int cassert(FuncState *fs, Node *e, int dst, bool commaok)
{
    Node *x = e->u.typeassert.x;
    Type *xt = etype(x), *T = e->type;
    if (e->mode == MODE_COMMAOK && e->type && e->type->kind == TY_TUPLE)
        T = e->type->u.tuple.types[0];
    if (e->u.typeassert.type && e->u.typeassert.type->type)
        T = e->u.typeassert.type->type;
    int tw = type_words(fs, e, T, NULL);
    int d = dst;
    if (d < 0) {
        uint8_t kinds[4100];
        type_words(fs, e, T, kinds);
        kinds[tw] = SLOT_SCALAR;
        d = alloc_slots(fs, tw + (commaok ? 1 : 0), kinds, NULL);
    }
    int r = cexpr(fs, x, -1);
    bool srcI = !is_empty_iface(xt);
    AssertDesc *ad = GC_MALLOC(sizeof *ad);
    ad->src = rtype_of(fs, x, xt);
    ad->target = rtype_of(fs, e, T);
    int aux = (commaok ? 1 : 0) | (srcI ? 2 : 0);
    fs->line = e->pos.line;
    if (type_is_interface(T)) {
        emitaux(fs, OP_ASSERTI, aux, d, r, kconst(fs, ad));
        return d;
    }
    if (srcI) {
        const Itab *tab = getitab(ad->src, ad->target, NULL);
        if (!tab)
            unimpl(fs, e, "an impossible type assertion");
        ad->want = tab;
    } else {
        ad->want = ad->target;
    }
    if (d == r) {
        int t = alloc_temp(fs, x, xt);
        emit_move(fs, t, r, 2);
        r = t;
    }
    emitaux(fs, OP_ASSERT, aux, d, r, kconst(fs, ad));
    return d;
}

/* ---- type switches ---- */

/* switch v := x.(type) { case T1, T2: ... } */
void ctypeswitch(FuncState *fs, Node *s, const char *label)
{
    Node *asg = s->u.switchstmt.assign;
    Node *ta;
    Node *bind = NULL;
    if (asg->kind == S_ASSIGN) {
        ta = asg->u.assign.rhs->items[0];
        bind = asg->u.assign.lhs->items[0];
    } else {
        ta = asg->u.exprstmt.x;
    }
    Node *x = ta->u.typeassert.x;
    Type *xt = etype(x);
    bool srcI = !is_empty_iface(xt);
    int mark = fs->freereg;
    int xv = alloc_temp(fs, x, xt);
    cexpr(fs, x, xv);
    NodeList *clauses = s->u.switchstmt.body->u.block.stmts;
    int n = clauses ? clauses->len : 0;
    JumpList *bodies = GC_MALLOC((size_t)(n + 1) * sizeof(JumpList));
    int deflt = -1;
    int flag = alloc_temp(fs, x, types_basic[TY_BOOL]);
    for (int i = 0; i < n; i++) {
        Node *cc = clauses->items[i];
        NodeList *list = cc->u.caseclause.list;
        if (!list) {
            deflt = i;
            continue;
        }
        for (int k = 0; k < list->len; k++) {
            Node *te = list->items[k];
            fs->line = te->pos.line;
            if (te->type == NULL || te->type->kind == TY_UNTYPED_NIL) {
                /* case nil */
                jl_add(&bodies[i], emitjump(fs, OP_JMPF, xv));
                continue;
            }
            Type *T = te->type;
            RType *rt = rtype_of(fs, te, T);
            if (type_is_interface(T)) {
                AssertDesc *ad = GC_MALLOC(sizeof *ad);
                ad->src = rtype_of(fs, x, xt);
                ad->target = rt;
                int tmp = alloc_slots(fs, 3, (uint8_t[]){ SLOT_PTR, SLOT_PTR, SLOT_SCALAR }, NULL);
                emitaux(fs, OP_ASSERTI, 1 | (srcI ? 2 : 0), tmp, xv, kconst(fs, ad));
                jl_add(&bodies[i], emitjump(fs, OP_JMPT, tmp + 2));
            } else {
                emitaux(fs, OP_ISTYPE, srcI ? 1 : 0, flag, xv, kconst(fs, rt));
                jl_add(&bodies[i], emitjump(fs, OP_JMPT, flag));
            }
        }
    }
    JumpList tobreak = {0};
    JumpList todefault = {0};
    jl_add(&todefault, emitjump(fs, OP_JMP, 0));
    Branch br = {0};
    br.outer = fs->branch;
    br.label = label;
    br.isloop = false;
    fs->branch = &br;
    for (int i = 0; i < n; i++) {
        Node *cc = clauses->items[i];
        if (i == deflt)
            patchhere(fs, &todefault);
        patchhere(fs, &bodies[i]);
        int cmark = fs->freereg;
        if (bind) {
            /* the clause's own variable (the checker's implicit object) */
            Object *obj = cc->obj;
            if (obj && obj->used) {
                VarLoc *v = declare_local(fs, bind, obj);
                NodeList *list = cc->u.caseclause.list;
                Type *T = obj->type;
                bool single = list && list->len == 1 && list->items[0]->type &&
                              list->items[0]->type->kind != TY_UNTYPED_NIL;
                int src;
                if (single && !type_is_interface(T)) {
                    AssertDesc *ad = GC_MALLOC(sizeof *ad);
                    ad->src = rtype_of(fs, x, xt);
                    ad->target = rtype_of(fs, bind, T);
                    ad->want = srcI ? (const void *)getitab(ad->src, ad->target, NULL) : (const void *)ad->target;
                    src = alloc_temp(fs, bind, T);
                    emitaux(fs, OP_ASSERT, srcI ? 2 : 0, src, xv, kconst(fs, ad));
                } else if (single) {
                    AssertDesc *ad = GC_MALLOC(sizeof *ad);
                    ad->src = rtype_of(fs, x, xt);
                    ad->target = rtype_of(fs, bind, T);
                    src = alloc_temp(fs, bind, T);
                    emitaux(fs, OP_ASSERTI, srcI ? 2 : 0, src, xv, kconst(fs, ad));
                } else {
                    src = xv;   /* the variable has x's type */
                }
                store_var(fs, bind, v, src);
            }
        }
        cblock(fs, cc->u.caseclause.body);
        fs->freereg = cmark > fs->freereg ? cmark : fs->freereg;
        jl_add(&tobreak, emitjump(fs, OP_JMP, 0));
    }
    if (deflt < 0)
        patchhere(fs, &todefault);
    patchhere(fs, &tobreak);
    patchhere(fs, &br.breaks);
    fs->branch = br.outer;
    fs->freereg = mark > fs->freereg ? mark : fs->freereg;
}

