/* escape_walk.c — statements and expressions to edges of the location graph.
 *
 * Go: cmd/compile/internal/escape/{expr,stmt,assign,call,utils}.go. Each
 * expression is evaluated into a hole (where its value goes, with how many
 * dereferences); each statement wires its holes. mini's tree is gc's IR
 * before order/walk, with these correspondences:
 *   &T{...} (and an elided *T element)  OPTRLIT     new(T)  ONEW
 *   []T{...} / map literal               OSLICELIT / OMAPLIT (allocate)
 *   T{...} / [n]T{...}                   OSTRUCTLIT / OARRAYLIT (no storage)
 *   compile_conv.c's implicit I(x)       OCONVIFACE (boxes unless x is pointer-shaped)
 *   string(b), []byte(s), string(r)      OBYTES2STR ... (allocate)
 *   s + t (strings)                      OADDSTR (allocates; operands never escape)
 *   f(a, b...) of a variadic f           FixVariadicCall: the "... argument" slice
 *   go/defer f(args)                     a wrapper closure capturing the args
 *
 * Invariant: every subexpression is evaluated exactly once (side effects,
 * allocations inside discarded values), as gc's walk does.
 */
#include <gc.h>
#include <string.h>

#include "escape_int.h"
#include "parser.h"

/* ---- the walk ---- */

static void expr(Esc *e, Hole k, Node *n);
static void stmt(Esc *e, Node *n);
static void call(Esc *e, Hole *ks, int nks, Node *n);

static Hole discard_hole(Esc *e) { return hole_of(esc_blankloc(e)); }
static Hole heap_hole(Esc *e) { return hole_of(esc_heaploc(e)); }
static void discard(Esc *e, Node *n) { expr(e, discard_hole(e), n); }

static Hole spill(Esc *e, Hole k, Node *n)
{
    Loc *l = esc_newloc(e, n, true);
    esc_flow(e, hole_addr(k, n, "spill"), l);
    return hole_of(l);
}

static Hole tee_hole(Esc *e, Hole *ks, int n)
{
    if (n == 0)
        return discard_hole(e);
    if (n == 1)
        return ks[0];
    Loc *l = esc_newloc(e, NULL, true);
    for (int i = 0; i < n; i++)
        esc_flow(e, ks[i], l);
    return hole_of(l);
}

static Hole later(Esc *e, Hole k)
{
    Loc *l = esc_newloc(e, NULL, false);
    esc_flow(e, k, l);
    return hole_of(l);
}

static Hole dot_type(Hole k, Type *t, Node *where, const char *why)
{
    if (!type_is_interface(t) && !esc_is_direct_iface(t))
        k = hole_shift(k, 1);
    return hole_note(k, where, why);
}

static void assign_heap(Esc *e, Node *src, const char *why, Node *where)
{
    expr(e, hole_note(heap_hole(e), where, why), src);
}

/* The hole for x in x.f...: a dereference for each pointer on the path. */
static Hole selector_hole(Hole k, Node *n)
{
    Node *x = n->u.selector.x;
    Type *t = x->type;
    int len = n->u.selector.pathlen;
    bool ptr[64];
    if (len > 64)
        len = 64;
    for (int i = 0; i < len; i++) {
        Type *u = esc_under(t);
        ptr[i] = u && u->kind == TY_POINTER;
        if (ptr[i])
            u = esc_under(u->u.pointer.elem);
        if (!u || u->kind != TY_STRUCT || n->u.selector.path[i] >= u->u.strct.nfields) {
            len = i + 1;
            break;
        }
        t = u->u.strct.fields[n->u.selector.path[i]].type;
    }
    for (int i = len - 1; i >= 0; i--)
        k = ptr[i] ? hole_deref(k, n, "dot of pointer") : hole_note(k, n, "dot");
    return k;
}

/* A method's receiver expression: x through the embedding path, then the
   implicit & or * the method's receiver type asks for. */
static Hole receiver_hole(Hole k, Node *sel, Selection *s)
{
    Node *x = sel->u.selector.x;
    Type *t = x->type;
    int len = s->pathlen;
    bool ptr[64];
    if (len > 64)
        len = 64;
    for (int i = 0; i < len; i++) {
        Type *u = esc_under(t);
        ptr[i] = u && u->kind == TY_POINTER;
        if (ptr[i])
            u = esc_under(u->u.pointer.elem);
        if (!u || u->kind != TY_STRUCT || s->path[i] >= u->u.strct.nfields) {
            len = i;
            break;
        }
        t = u->u.strct.fields[s->path[i]].type;
    }
    bool isptr = esc_under(t) && esc_under(t)->kind == TY_POINTER;
    if (s->kind == SEL_METHOD) {
        if (s->ptr_recv && !isptr)
            k = hole_addr(k, sel, "address-of");
        else if (!s->ptr_recv && isptr)
            k = hole_deref(k, sel, "indirection");
    }
    for (int i = len - 1; i >= 0; i--)
        k = ptr[i] ? hole_deref(k, sel, "dot of pointer") : hole_note(k, sel, "dot");
    return k;
}

static void closure(Esc *e, Hole k, Node *n)
{
    EFunc *fn = esc_funcof(n);
    k = spill(e, k, n);
    if (!fn)
        return;
    esc_add_closure(e, k, n, fn);
    for (int i = 0; i < fn->ncaptures; i++) {
        Loc *l = esc_varloc(e, fn->captures[i]);
        if (l && !l->captured) {
            l->captured = true;
            /* reassignments in straight-line code before the first capture don't count */
            if (l->loopDepth == e->loopDepth)
                l->reassigned = false;
        }
    }
    if (fn->outer == e->curfn || (fn->outer && fn->state != EF_TAGGED)) {
        Esc inner = { e->b, fn, 1, NULL, 0 };
        esc_walk_func(&inner, fn);
    }
}

static Leaks param_leaks(Esc *e, EFunc *fn, Object *native, int i, int np, bool *known)
{
    Leaks l = { { 0 } };
    *known = true;
    if (fn) {
        if (fn->tags)
            l = fn->tags[i];
        return l;
    }
    Leaks *all = GC_MALLOC((size_t)(np + 1) * sizeof *all);
    if (native && esc_native_tags(native, np, all))
        return all[i];
    (void)e;
    *known = false;
    return l;
}

/* gc's tagHole: where an argument passed to parameter i goes. */
static Hole tag_hole(Esc *e, Hole *ks, int nks, EFunc *fn, Object *native, int i, int np)
{
    if (!fn && !native)
        return heap_hole(e);
    if (fn && esc_in_mutual_batch(e, fn))
        return hole_of(fn->paramLocs[i]);
    bool known;
    Leaks esc = param_leaks(e, fn, native, i, np, &known);
    if (!known)
        return heap_hole(e);
    Hole tks[1 + NUM_ESC_RESULTS];
    int n = 0;
    int x = leaks_get(&esc, 0);
    if (x >= 0)
        tks[n++] = hole_shift(heap_hole(e), x);
    if (ks)
        for (int r = 0; r < NUM_ESC_RESULTS && r < nks; r++) {
            int lv = leaks_get(&esc, 1 + r);
            if (lv >= 0)
                tks[n++] = hole_shift(ks[r], lv);
        }
    return tee_hole(e, tks, n);
}

static void method_value(Esc *e, Hole k, Node *n, Selection *s)
{
    Hole closureK = spill(e, k, n);
    Type *sig = n->type;
    int nr = sig && sig->kind == TY_FUNC ? sig->u.func.nresults : 0;
    Hole *ks = GC_MALLOC((size_t)(nr + 1) * sizeof *ks);
    for (int i = 0; i < nr; i++)
        ks[i] = heap_hole(e);
    EFunc *fn = s->kind == SEL_METHOD ? esc_funcobj(s->obj) : NULL;
    Object *native = s->kind == SEL_METHOD && !fn && s->obj && s->obj->pkg ? s->obj : NULL;
    int np = 1 + (s->type && s->type->kind == TY_FUNC ? s->type->u.func.nparams : 0);
    Hole paramK = tag_hole(e, ks, nr, fn, native, 0, np);
    Hole both[2] = { paramK, closureK };
    Hole tk = tee_hole(e, both, 2);
    expr(e, receiver_hole(tk, n, s), n->u.selector.x);
}

static bool is_string_add(Node *n)
{
    return n && n->kind == E_BINARY && n->u.binary.op == '+' && n->mode != MODE_CONST && n->type &&
           type_is_string(n->type);
}

static void addstr_operands(Esc *e, Node *n)
{
    if (is_string_add(n)) {
        addstr_operands(e, n->u.binary.x);
        discard(e, n->u.binary.y);
        return;
    }
    discard(e, n);
}

static void composite(Esc *e, Hole k, Node *n, Type *t)
{
    Type *u = esc_under(t);
    NodeList *elts = n->u.composite.elts;
    if (!u)
        return;
    if (u->kind == TY_POINTER) {
        /* an elided &T{...} element */
        k = spill(e, k, n);
        composite(e, k, n, u->u.pointer.elem);
        return;
    }
    switch (u->kind) {
    case TY_STRUCT:
        for (int i = 0; elts && i < elts->len; i++) {
            Node *v = elts->items[i];
            if (v->kind == E_KEYVALUE) {
                esc_fix_conv_at(v->u.binary.y, v->pos);
                v = v->u.binary.y;
            }
            expr(e, hole_note(k, n, "struct literal element"), v);
        }
        return;
    case TY_ARRAY:
        for (int i = 0; elts && i < elts->len; i++) {
            Node *v = elts->items[i];
            if (v->kind == E_KEYVALUE) {
                discard(e, v->u.binary.x);
                esc_fix_conv_at(v->u.binary.y, v->pos);
                v = v->u.binary.y;
            }
            expr(e, hole_note(k, n, "array literal element"), v);
        }
        return;
    case TY_SLICE:
        k = spill(e, k, n);
        for (int i = 0; elts && i < elts->len; i++) {
            Node *v = elts->items[i];
            if (v->kind == E_KEYVALUE) {
                discard(e, v->u.binary.x);
                esc_fix_conv_at(v->u.binary.y, v->pos);
                v = v->u.binary.y;
            }
            expr(e, hole_note(k, n, "slice-literal-element"), v);
        }
        return;
    case TY_MAP:
        spill(e, k, n);
        for (int i = 0; elts && i < elts->len; i++) {
            Node *kv = elts->items[i];
            if (kv->kind != E_KEYVALUE)
                continue;
            esc_fix_conv_at(kv->u.binary.x, kv->pos);
            esc_fix_conv_at(kv->u.binary.y, kv->pos);
            assign_heap(e, kv->u.binary.x, "map literal key", n);
            assign_heap(e, kv->u.binary.y, "map literal value", n);
        }
        return;
    default:
        return;
    }
}

static void conversion(Esc *e, Hole k, Node *n)
{
    Node *x = esc_conv_arg(n);
    Type *to = esc_under(n->type), *from = esc_under(x->type);
    if (!to || !from) {
        expr(e, k, x);
        return;
    }
    if (to->kind == TY_INTERFACE) {
        if (from->kind == TY_UNTYPED_NIL) {
            return;
        }
        if (from->kind != TY_INTERFACE && !esc_is_direct_iface(x->type))
            k = spill(e, k, n);
        expr(e, hole_note(k, n, "interface-converted"), x);
        return;
    }
    bool tostr = to->kind == TY_STRING;
    bool fromslice = from->kind == TY_SLICE;
    if ((tostr && (fromslice || type_is_integer(from))) ||
        (to->kind == TY_SLICE && (from->kind == TY_STRING || from->kind == TY_UNTYPED_STRING))) {
        spill(e, k, n);
        discard(e, x);
        return;
    }
    expr(e, k, x);
}

static void expr(Esc *e, Hole k, Node *n)
{
    if (!n)
        return;
    if (n->mode == MODE_CONST || n->mode == MODE_TYPEEXPR || n->mode == MODE_PACKAGE)
        return;
    if (k.derefs >= 0 && n->type && !type_is_untyped(n->type) && !esc_has_pointers(n->type))
        k.dst = esc_blankloc(e);
    switch (n->kind) {
    case E_IDENT: {
        if (!n->obj || n->obj->kind != OBJ_VAR)
            return;
        Loc *l = esc_varloc(e, n->obj);
        if (l)
            esc_flow(e, k, l);
        return;
    }
    case E_PAREN:
        expr(e, k, n->u.unary.x);
        return;
    case E_UNARY: {
        Node *x = esc_unparen(n->u.unary.x);
        if (n->u.unary.op == '&') {
            if (x && x->kind == E_COMPOSITE) {
                Hole kk = spill(e, k, n);
                composite(e, kk, x, x->type);
                return;
            }
            expr(e, hole_addr(k, n, "address-of"), n->u.unary.x);
            return;
        }
        discard(e, n->u.unary.x);
        return;
    }
    case E_STAR:
        expr(e, hole_deref(k, n, "indirection"), n->u.unary.x);
        return;
    case E_SELECTOR: {
        Node *x = n->u.selector.x;
        if (!x || x->mode == MODE_PACKAGE || x->mode == MODE_TYPEEXPR)
            return;   /* package members are globals; T.M is static */
        Selection s = type_lookup(x->type, n->u.selector.sel->u.ident.name);
        if (s.kind == SEL_METHOD || s.kind == SEL_IFACE_METHOD) {
            method_value(e, k, n, &s);
            return;
        }
        expr(e, selector_hole(k, n), x);
        return;
    }
    case E_INDEX: {
        Type *xt = esc_under(n->u.index.x->type);
        if (xt && xt->kind == TY_MAP) {
            esc_fix_conv_at(n->u.index.index, esc_last_pos_from(esc_last_pos(n->u.index.x), n->u.index.index));
            discard(e, n->u.index.x);
            discard(e, n->u.index.index);
            return;
        }
        if (xt && xt->kind == TY_ARRAY)
            expr(e, hole_note(k, n, "fixed-array-index-of"), n->u.index.x);
        else
            expr(e, hole_deref(k, n, "dot of pointer"), n->u.index.x);
        discard(e, n->u.index.index);
        return;
    }
    case E_SLICE: {
        Type *xt = esc_under(n->u.slice.x->type);
        if (xt && xt->kind == TY_ARRAY)
            expr(e, hole_addr(hole_note(k, n, "slice"), n, "address-of"), n->u.slice.x);
        else
            expr(e, hole_note(k, n, "slice"), n->u.slice.x);
        discard(e, n->u.slice.lo);
        discard(e, n->u.slice.hi);
        discard(e, n->u.slice.max);
        return;
    }
    case E_TYPEASSERT: {
        Type *t = n->u.typeassert.type ? n->u.typeassert.type->type : NULL;
        expr(e, t ? dot_type(k, t, n, "dot") : k, n->u.typeassert.x);
        return;
    }
    case E_CALL:
        if (n->u.call.conv) {
            conversion(e, k, n);
            return;
        }
        call(e, &k, 1, n);
        return;
    case E_BINARY:
        if (is_string_add(n)) {
            spill(e, k, n);
            addstr_operands(e, n);
            return;
        }
        /* a comparison with an interface compares the dynamic value in
           place (walk/compare.go): no box */
        discard(e, esc_strip_implicit(n->u.binary.x));
        discard(e, esc_strip_implicit(n->u.binary.y));
        return;
    case E_COMPOSITE:
        composite(e, k, n, n->type);
        return;
    case E_FUNCLIT:
        closure(e, k, n);
        return;
    default:
        return;
    }
}

/* ---- calls ---- */

typedef struct Callee {
    EFunc *fn;        /* a function of this package */
    Object *native;   /* a library function or method */
    Type *sig;        /* the callee's signature (without receiver) */
    Node *recv;       /* the receiver expression (method calls) */
    Selection sel;    /* its selection */
    bool method;      /* fn/native has a receiver parameter 0 */
    bool iface;       /* an interface method call */
    bool methexpr;    /* T.M(recv, args): the receiver is args[0] */
    Type *devirt;     /* devirtualized: recv.(T).M(args) */
} Callee;

static Callee callee_of(Esc *e, Node *c)
{
    (void)e;
    Callee ce = { 0 };
    Node *f = esc_unparen(c->u.call.fun);
    ce.sig = esc_under(f->type);
    if (f->kind == E_FUNCLIT) {
        ce.fn = esc_funcof(f);
        if (ce.fn)
            ce.fn->closureCalled = true;
        return ce;
    }
    if (f->kind == E_SELECTOR) {
        Node *x = f->u.selector.x;
        if (x->mode == MODE_PACKAGE) {
            if (f->obj && f->obj->kind == OBJ_FUNC)
                ce.native = f->obj;
            return ce;
        }
        if (x->mode == MODE_TYPEEXPR) {
            Selection s = type_lookup(x->type, f->u.selector.sel->u.ident.name);
            if (s.kind == SEL_METHOD) {
                ce.fn = esc_funcobj(s.obj);
                if (!ce.fn && s.obj && s.obj->pkg)
                    ce.native = s.obj;
                ce.method = true;
                ce.methexpr = true;
                ce.sel = s;
            }
            return ce;
        }
        Selection s = type_lookup(x->type, f->u.selector.sel->u.ident.name);
        if (s.kind == SEL_METHOD) {
            ce.fn = esc_funcobj(s.obj);
            if (!ce.fn && s.obj && s.obj->pkg)
                ce.native = s.obj;
            ce.method = true;
            ce.recv = x;
            ce.sel = s;
        } else if (s.kind == SEL_IFACE_METHOD && esc_devirtualized(c)) {
            Type *t = esc_devirtualized(c);
            Selection ds = type_lookup(t, f->u.selector.sel->u.ident.name);
            ce.fn = esc_funcobj(ds.obj);
            if (!ce.fn && ds.obj && ds.obj->pkg)
                ce.native = ds.obj;
            ce.method = true;
            ce.devirt = t;
            ce.recv = x;
            ce.sel = ds;
        } else if (s.kind == SEL_IFACE_METHOD) {
            ce.iface = true;
            ce.method = true;
            ce.recv = x;
            ce.sel = s;
        }
        return ce;
    }
    Node *sv = esc_static_value(f, 0);
    if (sv && sv->kind == E_IDENT && sv->obj && sv->obj->kind == OBJ_FUNC) {
        ce.fn = esc_funcobj(sv->obj);
        if (!ce.fn && sv->obj->pkg)
            ce.native = sv->obj;
    } else if (sv && sv->kind == E_FUNCLIT) {
        ce.fn = esc_funcof(sv);
    } else if (sv && sv->kind == E_SELECTOR && sv->u.selector.x->mode == MODE_PACKAGE && sv->obj &&
               sv->obj->kind == OBJ_FUNC) {
        ce.native = sv->obj;
    }
    return ce;
}

/* Wrapping of go/defer arguments: each is copied to a temporary the
   wrapper closure captures by value. */
typedef struct Wrap {
    Loc **tmps; int n, cap;
} Wrap;

static void wrap_add(Wrap *w, Loc *tmp)
{
    if (w->n == w->cap) {
        w->cap = w->cap ? w->cap * 2 : 8;
        Loc **nb = GC_MALLOC((size_t)w->cap * sizeof *nb);
        if (w->n)
            memcpy(nb, w->tmps, (size_t)w->n * sizeof *nb);
        w->tmps = nb;
    }
    w->tmps[w->n++] = tmp;
}

static bool wrap_skips(Node *a)
{
    a = esc_unparen(a);
    if (!a || a->mode == MODE_CONST)
        return true;
    if (a->type && a->type->kind == TY_UNTYPED_NIL)
        return true;
    if (a->kind == E_IDENT && a->obj && (a->obj->kind == OBJ_FUNC || a->obj->kind == OBJ_NIL))
        return true;
    if (a->kind == E_SELECTOR && a->u.selector.x->mode == MODE_TYPEEXPR)
        return true;
    return false;
}

static void argument(Esc *e, Hole k, Node *c, Node *a, Wrap *w)
{
    if (w && !wrap_skips(a)) {
        Loc *tmp = esc_newloc(e, NULL, false);
        expr(e, hole_of(tmp), a);
        tmp->captured = true;
        wrap_add(w, tmp);
        esc_flow(e, hole_note(k, c, "call parameter"), tmp);
        return;
    }
    expr(e, hole_note(k, c, "call parameter"), a);
}

static void builtin_call(Esc *e, Hole *ks, int nks, Node *c, Wrap *w)
{
    Node *f = esc_unparen(c->u.call.fun);
    NodeList *args = c->u.call.args;
    int na = args ? args->len : 0;
    Hole k0 = ks && nks > 0 ? ks[0] : discard_hole(e);
    switch (f->obj->builtin) {
    case BI_APPEND: {
        if (na == 0)
            return;
        Node *s = args->items[0];
        Type *st = esc_under(s->type);
        Hole appendee = k0;
        if (st && st->kind == TY_SLICE && esc_has_pointers(st->u.slice.elem)) {
            Hole two[2] = { k0, hole_deref(heap_hole(e), c, "appendee slice") };
            appendee = tee_hole(e, two, 2);
        }
        /* the appended values' implicit conversions sit where the noder was:
           after the last argument */
        if (na > 1) {
            Pos lp = c->pos;
            for (int i = 0; i < na; i++)
                lp = esc_last_pos_from(lp, args->items[i]);
            for (int i = 1; i < na; i++)
                esc_fix_conv_at(args->items[i], lp);
        }
        argument(e, appendee, c, s, w);
        if (c->u.call.ellipsis) {
            Hole appended = discard_hole(e);
            if (na > 1) {
                Type *at = esc_under(args->items[1]->type);
                if (at && at->kind == TY_SLICE && esc_has_pointers(at->u.slice.elem))
                    appended = hole_deref(heap_hole(e), c, "appended slice...");
                argument(e, appended, c, args->items[1], w);
            }
        } else {
            for (int i = 1; i < na; i++)
                argument(e, heap_hole(e), c, args->items[i], w);
        }
        return;
    }
    case BI_COPY: {
        if (na < 2)
            return;
        argument(e, discard_hole(e), c, args->items[0], w);
        Hole copied = discard_hole(e);
        Type *yt = esc_under(args->items[1]->type);
        if (yt && yt->kind == TY_SLICE && esc_has_pointers(yt->u.slice.elem))
            copied = hole_deref(heap_hole(e), c, "copied slice");
        argument(e, copied, c, args->items[1], w);
        return;
    }
    case BI_PANIC:
        if (na > 0) {
            esc_fix_conv_at(args->items[0], esc_last_pos_from(c->pos, args->items[0]));   /* not typecheckaste */
            argument(e, heap_hole(e), c, args->items[0], w);
        }
        return;
    case BI_NEW:
        spill(e, k0, c);
        return;
    case BI_MAKE: {
        Type *t = esc_under(c->type);
        if (t && t->kind == TY_SLICE)
            spill(e, k0, c);
        else if (t && t->kind == TY_MAP)
            spill(e, k0, c);
        for (int i = 1; i < na; i++)
            discard(e, args->items[i]);
        return;
    }
    default: {
        Pos p = c->pos;
        for (int i = 0; i < na; i++)
            p = esc_last_pos_from(p, args->items[i]);
        for (int i = 0; i < na; i++)
            esc_fix_conv_at(args->items[i], p);
        for (int i = 0; i < na; i++)
            argument(e, discard_hole(e), c, args->items[i], w);
        return;
    }
    }
}

static void call_common(Esc *e, Hole *ks, int nks, Node *c, Wrap *w)
{
    Node *f = esc_unparen(c->u.call.fun);
    if (f->mode == MODE_BUILTIN && f->obj) {
        builtin_call(e, ks, nks, c, w);
        return;
    }
    Callee ce = callee_of(e, c);
    NodeList *args = c->u.call.args;
    int na = args ? args->len : 0;
    Type *sig = ce.sig;
    if (ce.fn && ce.fn->sig)
        sig = esc_under(ce.fn->sig);
    int np = sig && sig->kind == TY_FUNC ? sig->u.func.nparams : 0;
    bool variadic = sig && sig->kind == TY_FUNC && sig->u.func.variadic;
    int recvoff = ce.method && !ce.iface ? 1 : 0;
    if (ce.methexpr) {
        /* T.M's type has the receiver first: the callee's own params follow */
        Type *ms = ce.sel.type ? esc_under(ce.sel.type) : NULL;
        if (ms && ms->kind == TY_FUNC) {
            np = ms->u.func.nparams;
            variadic = ms->u.func.variadic;
        }
    }
    int tagnp = recvoff + np;

    /* positions of the implicit conversions of the arguments (typecheckaste) */
    esc_fix_conv_positions(args, 0, c->pos);

    if (ks && ce.fn && esc_in_mutual_batch(e, ce.fn)) {
        for (int i = 0; i < nks && i < ce.fn->nresults; i++)
            esc_flow(e, ks[i], ce.fn->resultLocs[i]);
    }
    /* the function value itself */
    if (!ce.method)
        argument(e, discard_hole(e), c, c->u.call.fun, w);

    int ai = 0;
    if (ce.method) {
        Hole rk;
        if (ce.iface)
            rk = heap_hole(e);
        else
            rk = tag_hole(e, ks, nks, ce.fn, ce.native, 0, tagnp);
        if (ce.methexpr) {
            if (na > 0)
                argument(e, rk, c, args->items[0], w);
            ai = 1;
        } else {
            Node *sel = esc_unparen(c->u.call.fun);
            /* go/defer: the receiver is copied to a temporary the wrapper captures */
            Loc *tmp = w && !wrap_skips(ce.recv) ? esc_newloc(e, NULL, false) : NULL;
            Hole target = tmp ? hole_of(tmp) : hole_note(rk, c, "call parameter");
            if (ce.devirt)
                expr(e, dot_type(target, ce.devirt, sel, "dot"), ce.recv);
            else
                expr(e, receiver_hole(target, sel, &ce.sel), ce.recv);
            if (tmp) {
                tmp->captured = true;
                wrap_add(w, tmp);
                esc_flow(e, hole_note(rk, c, "call parameter"), tmp);
            }
        }
    }
    bool dynamic = !ce.fn && !ce.native;
    /* f(g()) with g returning several values: temporaries in between */
    if (na - ai == 1 && args->items[ai]->type && args->items[ai]->type->kind == TY_TUPLE) {
        Node *g = args->items[ai];
        int nt = args->items[ai]->type->u.tuple.n;
        Hole *tks = GC_MALLOC((size_t)(nt + 1) * sizeof *tks);
        Loc **tmps = GC_MALLOC((size_t)(nt + 1) * sizeof *tmps);
        for (int i = 0; i < nt; i++) {
            tmps[i] = esc_newloc(e, NULL, false);
            tks[i] = hole_of(tmps[i]);
        }
        call(e, tks, nt, g);
        int first = esc_temp_of(g);
        Hole slicek = { 0 };
        bool packed = false;
        for (int i = 0; i < nt; i++) {
            int pi = i < np ? i : np - 1;
            Type *pt = sig && sig->kind == TY_FUNC && pi >= 0 && pi < sig->u.func.nparams ? sig->u.func.params[pi] : NULL;
            if (variadic && i >= np - 1 && pt && esc_under(pt)->kind == TY_SLICE)
                pt = esc_under(pt)->u.slice.elem;
            Hole pk;
            if (variadic && i >= np - 1) {
                if (!packed) {
                    Hole vk = dynamic || ce.iface ? heap_hole(e) : tag_hole(e, ks, nks, ce.fn, ce.native, recvoff + np - 1, tagnp);
                    Loc *sl = esc_newloc(e, c, true);
                    sl->str = "... argument";
                    esc_flow(e, hole_addr(hole_note(vk, c, "call parameter"), c, "spill"), sl);
                    slicek = hole_note(hole_of(sl), c, "slice-literal-element");
                    packed = true;
                }
                pk = slicek;
            } else {
                pk = dynamic || ce.iface ? heap_hole(e) : tag_hole(e, ks, nks, ce.fn, ce.native, recvoff + pi, tagnp);
                pk = hole_note(pk, c, "call parameter");
            }
            Type *rt = g->type->u.tuple.types[i];
            if (pt && type_is_interface(pt) && rt && !type_is_interface(rt) && !esc_is_direct_iface(rt)) {
                /* the temporary converted to the parameter's interface type */
                Loc *box = esc_newloc(e, NULL, true);
                box->n = c;
                box->pos = c->pos;
                box->str = ast_sprintf(".autotmp_%d", first + i);
                esc_flow(e, hole_addr(pk, c, "spill"), box);
                pk = hole_note(hole_of(box), c, "interface-converted");
            }
            esc_flow(e, pk, tmps[i]);
        }
        return;
    }
    for (int i = 0; i < np; i++) {
        Hole pk = dynamic || ce.iface ? heap_hole(e) : tag_hole(e, ks, nks, ce.fn, ce.native, recvoff + i, tagnp);
        if (variadic && i == np - 1 && !c->u.call.ellipsis) {
            /* FixVariadicCall: the extra arguments become an implicit []T{...} */
            int extra = na - (ai + i);
            if (extra <= 0)
                break;
            if (w) {
                /* go/defer: the elements are copied out first, the slice
                   is built from the copies (rewriteArgument) */
                int first = w->n;
                for (int j = ai + i; j < na; j++)
                    argument(e, discard_hole(e), c, args->items[j], w);
                Loc *sl = esc_newloc(e, c, true);
                sl->str = "... argument";
                esc_flow(e, hole_addr(hole_note(pk, c, "call parameter"), c, "spill"), sl);
                for (int j = first; j < w->n; j++)
                    esc_flow(e, hole_note(hole_of(sl), c, "slice-literal-element"), w->tmps[j]);
                break;
            }
            Loc *sl = esc_newloc(e, c, true);
            sl->str = "... argument";
            Hole sk = hole_of(sl);
            esc_flow(e, hole_addr(hole_note(pk, c, "call parameter"), c, "spill"), sl);
            for (int j = ai + i; j < na; j++)
                argument(e, hole_note(sk, c, "slice-literal-element"), c, args->items[j], w);
            break;
        }
        if (ai + i < na)
            argument(e, pk, c, args->items[ai + i], w);
    }
}

static void call(Esc *e, Hole *ks, int nks, Node *n)
{
    call_common(e, ks, nks, n, NULL);
}

static void go_defer(Esc *e, Node *n)
{
    Hole k = heap_hole(e);
    if (n->kind == S_DEFER && e->loopDepth == 1)
        k = later(e, discard_hole(e));   /* lives until the function returns */
    Node *c = n->u.gostmt.call;
    if (!c || c->kind != E_CALL)
        return;
    Node *f = esc_unparen(c->u.call.fun);
    bool plain = !c->u.call.conv && !(f->mode == MODE_BUILTIN);
    if (plain && f->kind == E_SELECTOR && f->u.selector.x->mode != MODE_PACKAGE &&
        f->u.selector.x->mode != MODE_TYPEEXPR) {
        Selection s = type_lookup(f->u.selector.x->type, f->u.selector.sel->u.ident.name);
        if (s.kind == SEL_METHOD || s.kind == SEL_IFACE_METHOD)
            plain = false;
    }
    Type *ft = esc_under(f->type);
    if (plain && ft && ft->kind == TY_FUNC && ft->u.func.nparams + ft->u.func.nresults == 0 &&
        !(f->kind == E_SELECTOR && f->u.selector.x->mode == MODE_TYPEEXPR)) {
        expr(e, k, c->u.call.fun);
        return;
    }
    Wrap w = { 0 };
    call_common(e, NULL, 0, c, &w);
    Loc *wl = esc_newloc(e, n, true);
    wl->goDeferWrapper = true;
    esc_flow(e, hole_addr(k, n, "spill"), wl);
    for (int i = 0; i < w.n; i++)
        esc_flow(e, hole_note(hole_of(wl), n, "captured by a closure"), w.tmps[i]);
}

/* ---- assignments ---- */

static Hole addr(Esc *e, Node *n)
{
    n = esc_unparen(n);
    if (!n)
        return discard_hole(e);
    switch (n->kind) {
    case E_IDENT: {
        if (!n->obj || !strcmp(n->u.ident.name, "_"))
            return discard_hole(e);
        Loc *l = esc_varloc(e, n->obj);
        return l ? hole_of(l) : heap_hole(e);
    }
    case E_SELECTOR: {
        Node *x = n->u.selector.x;
        if (x->mode == MODE_PACKAGE)
            return heap_hole(e);
        Hole probe = selector_hole(hole_of(esc_blankloc(e)), n);
        if (probe.derefs > 0) {
            discard(e, n);
            return heap_hole(e);
        }
        return addr(e, x);
    }
    case E_INDEX: {
        Type *xt = esc_under(n->u.index.x->type);
        if (xt && xt->kind == TY_MAP) {
            discard(e, n->u.index.x);
            assign_heap(e, n->u.index.index, "key of map put", n);
            return heap_hole(e);
        }
        discard(e, n->u.index.index);
        if (xt && xt->kind == TY_ARRAY)
            return addr(e, n->u.index.x);
        discard(e, n->u.index.x);
        return heap_hole(e);
    }
    case E_STAR:
        discard(e, n);
        return heap_hole(e);
    default:
        discard(e, n);
        return heap_hole(e);
    }
}

static void reassigned(Esc *e, Hole *ks, int n, Node *where)
{
    (void)e;
    for (int i = 0; i < n; i++) {
        Loc *l = ks[i].dst;
        if (l->obj && esc_declares(where, l->obj) && where->kind != S_RANGE)
            continue;
        l->reassigned = true;
    }
}

/* gc's isSelfAssign for the cases mini's programs meet: x.f = x.g and
   b.buf = b.buf[i:j] with b a plain name. */
static bool same_safe(Node *a, Node *b)
{
    a = esc_unparen(a);
    b = esc_unparen(b);
    if (!a || !b || a->kind != b->kind)
        return false;
    switch (a->kind) {
    case E_IDENT: return a->obj && a->obj == b->obj;
    case E_SELECTOR:
        return !strcmp(a->u.selector.sel->u.ident.name, b->u.selector.sel->u.ident.name) &&
               same_safe(a->u.selector.x, b->u.selector.x);
    case E_STAR: return same_safe(a->u.unary.x, b->u.unary.x);
    case E_INDEX:
        return a->u.index.index->mode == MODE_CONST && b->u.index.index->mode == MODE_CONST &&
               cv_compare(EQL, a->u.index.index->cv, b->u.index.index->cv) &&
               same_safe(a->u.index.x, b->u.index.x);
    default: return false;
    }
}

static bool memory_safe(Node *n)
{
    n = esc_unparen(n);
    if (!n || n->mode == MODE_CONST)
        return true;
    switch (n->kind) {
    case E_IDENT: return true;
    case E_BINARY: return memory_safe(n->u.binary.x) && memory_safe(n->u.binary.y);
    case E_INDEX: return memory_safe(n->u.index.x) && memory_safe(n->u.index.index);
    case E_SELECTOR: return n->u.selector.x->mode == MODE_PACKAGE || memory_safe(n->u.selector.x);
    case E_STAR: return memory_safe(n->u.unary.x);
    case E_UNARY: return n->u.unary.op != '&' && n->u.unary.op != ARROW && memory_safe(n->u.unary.x);
    default: return false;
    }
}

static bool is_self_assign(Node *dst, Node *src)
{
    dst = esc_unparen(dst);
    src = esc_unparen(esc_strip_implicit(src));
    if (!dst || !src)
        return false;
    /* b.buf = b.buf[n:m] through a pointer b */
    if (src->kind == E_SLICE && dst->kind == E_SELECTOR) {
        Node *sx = esc_unparen(src->u.slice.x);
        Type *dxt = esc_under(dst->u.selector.x->type);
        if (sx && sx->kind == E_SELECTOR && dxt && dxt->kind == TY_POINTER &&
            esc_unparen(dst->u.selector.x)->kind == E_IDENT && esc_unparen(sx->u.selector.x)->kind == E_IDENT &&
            esc_unparen(dst->u.selector.x)->obj == esc_unparen(sx->u.selector.x)->obj) {
            Type *st = esc_under(sx->type);
            if (st && st->kind != TY_ARRAY)
                return true;
        }
    }
    if (dst->kind != src->kind)
        return false;
    if (dst->kind == E_SELECTOR) {
        if (dst->u.selector.x->mode == MODE_PACKAGE)
            return false;
        /* the implicit embedded fields are part of the prefix */
        int dl = dst->u.selector.pathlen, sl = src->u.selector.pathlen;
        if (dl != sl)
            return false;
        for (int i = 0; i + 1 < dl; i++)
            if (dst->u.selector.path[i] != src->u.selector.path[i])
                return false;
        return same_safe(dst->u.selector.x, src->u.selector.x);
    }
    if (dst->kind == E_INDEX) {
        Type *xt = esc_under(dst->u.index.x->type);
        if (xt && xt->kind == TY_MAP)
            return false;
        if (!memory_safe(dst->u.index.index) || !memory_safe(src->u.index.index))
            return false;
        return same_safe(dst->u.index.x, src->u.index.x);
    }
    return false;
}

static void assign_list(Esc *e, NodeList *dsts, Loc **dstlocs, int nd, NodeList *srcs, const char *why,
                        Node *where)
{
    Hole *ks = GC_MALLOC((size_t)(nd + 1) * sizeof *ks);
    for (int i = 0; i < nd; i++)
        ks[i] = dstlocs ? hole_of(dstlocs[i]) : addr(e, dsts->items[i]);
    for (int i = 0; i < nd; i++) {
        Node *src = srcs && i < srcs->len ? srcs->items[i] : NULL;
        Hole k = ks[i];
        if (dsts && src && is_self_assign(dsts->items[i], src)) {
            esc_info(where->pos, ast_sprintf("%s ignoring self-assignment in %s", esc_func_name(e->curfn),
                                             esc_stmt_string(where)));
            k = discard_hole(e);
        }
        expr(e, hole_note(k, where, why), src);
    }
    reassigned(e, ks, nd, where);
}

static void dcl(Esc *e, Object *o)
{
    Loc *l = esc_varloc(e, o);
    if (l)
        l->loopDepth = e->loopDepth;
}

static void dcl_lhs(Esc *e, NodeList *lhs, Node *stmt_)
{
    for (int i = 0; i < lhs->len; i++) {
        Node *l = lhs->items[i];
        if (l->kind == E_IDENT && l->obj && esc_declares(stmt_, l->obj))
            dcl(e, l->obj);
    }
}

/* The implicit conversions of an assignment's right-hand side sit where
   the noder was: after the last left-hand operand (x = v), or after the
   value itself (var x I = v). */
static void assign_conv_positions(NodeList *lhs, NodeList *rhs, bool decl)
{
    if (!rhs || !rhs->len)
        return;
    Pos p = esc_last_pos(rhs->items[rhs->len - 1]);
    for (int i = 0; !decl && lhs && i < lhs->len; i++)
        p = esc_last_pos_from(p, lhs->items[i]);
    for (int i = 0; i < rhs->len; i++)
        esc_fix_conv_at(rhs->items[i], p);
}

static void assign_stmt(Esc *e, Node *n)
{
    NodeList *lhs = n->u.assign.lhs, *rhs = n->u.assign.rhs;
    int op = n->u.assign.op;
    if (op == DEFINE)
        dcl_lhs(e, lhs, n);
    if (op != '=' && op != DEFINE) {
        assign_list(e, lhs, NULL, 1, rhs, "assign", n);
        return;
    }
    /* m[k] = v: the key's conversion too */
    for (int i = 0; i < lhs->len; i++) {
        Node *l = esc_unparen(lhs->items[i]);
        if (l && l->kind == E_INDEX) {
            Pos p = esc_last_pos(rhs->items[rhs->len - 1]);
            for (int j = 0; j < lhs->len; j++)
                p = esc_last_pos_from(p, lhs->items[j]);
            esc_fix_conv_at(l->u.index.index, p);
        }
    }
    assign_conv_positions(lhs, rhs, op == DEFINE);
    if (lhs->len > 1 && rhs->len == 1) {
        Node *r = esc_unparen(rhs->items[0]);
        if (r->kind == E_CALL && !r->u.call.conv && r->type && r->type->kind == TY_TUPLE &&
            !(r->mode == MODE_COMMAOK || r->mode == MODE_MAPINDEX)) {
            Hole *ks = GC_MALLOC((size_t)(lhs->len + 1) * sizeof *ks);
            for (int i = 0; i < lhs->len; i++)
                ks[i] = addr(e, lhs->items[i]);
            call(e, ks, lhs->len, r);
            reassigned(e, ks, lhs->len, n);
            return;
        }
        const char *why = r->kind == E_TYPEASSERT ? "assign-pair-dot-type"
                          : r->kind == E_INDEX ? "assign-pair-mapr" : "assign-pair-receive";
        assign_list(e, lhs, NULL, lhs->len, rhs, why, n);
        return;
    }
    assign_list(e, lhs, NULL, lhs->len, rhs, lhs->len > 1 ? "assign-pair" : "assign", n);
}

static void var_spec(Esc *e, Node *spec)
{
    NodeList *names = spec->u.valuespec.names, *values = spec->u.valuespec.values;
    for (int i = 0; i < names->len; i++)
        if (names->items[i]->obj)
            dcl(e, names->items[i]->obj);
    if (!values || !values->len)
        return;
    Pos vp = names->items[0]->pos;
    for (int i = 0; i < values->len; i++)
        vp = esc_last_pos_from(vp, values->items[i]);
    for (int i = 0; i < values->len; i++)
        esc_fix_conv_at(values->items[i], vp);
    if (names->len > 1 && values->len == 1) {
        Hole *ks = GC_MALLOC((size_t)(names->len + 1) * sizeof *ks);
        for (int i = 0; i < names->len; i++)
            ks[i] = addr(e, names->items[i]);
        Node *r = esc_unparen(values->items[0]);
        if (r->kind == E_CALL && !r->u.call.conv && r->type && r->type->kind == TY_TUPLE) {
            call(e, ks, names->len, r);
        } else {
            expr(e, hole_note(ks[0], spec, "assign-pair"), r);
        }
        reassigned(e, ks, names->len, spec);
        return;
    }
    assign_list(e, names, NULL, names->len, values, names->len > 1 ? "assign-pair" : "assign", spec);
}

/* ---- statements ---- */

static void block_list(Esc *e, NodeList *l)
{
    int old = e->loopDepth;
    for (int i = 0; l && i < l->len; i++)
        stmt(e, l->items[i]);
    e->loopDepth = old;
}

static void block(Esc *e, Node *b)
{
    if (!b || esc_is_dead(b))
        return;
    if (b->kind == S_BLOCK)
        block_list(e, b->u.block.stmts);
    else {
        int old = e->loopDepth;
        stmt(e, b);
        e->loopDepth = old;
    }
}

static bool is_looping(Esc *e, const char *label)
{
    for (int i = 0; i < e->nlooping; i++)
        if (!strcmp(e->looping[i], label))
            return true;
    return false;
}

static void return_stmt(Esc *e, Node *n)
{
    EFunc *fn = e->curfn;
    NodeList *res = n->u.ret.results;
    if (!res || !res->len)
        return;
    if (res->len == 1 && fn->nresults > 1) {
        Hole *ks = GC_MALLOC((size_t)(fn->nresults + 1) * sizeof *ks);
        for (int i = 0; i < fn->nresults; i++)
            ks[i] = hole_note(hole_of(fn->resultLocs[i]), n, "return");
        call(e, ks, fn->nresults, esc_unparen(res->items[0]));
        return;
    }
    Pos rp = n->pos;
    for (int i = 0; i < res->len; i++)
        rp = esc_last_pos_from(rp, res->items[i]);
    esc_fix_conv_positions(res, 0, rp);
    int nd = res->len < fn->nresults ? res->len : fn->nresults;
    assign_list(e, NULL, fn->resultLocs, nd, res, "return", n);
}

static void type_switch(Esc *e, Node *n)
{
    Node *g = n->u.switchstmt.assign;
    Node *x = NULL;
    bool bind = false;
    if (g && g->kind == S_EXPR)
        x = g->u.exprstmt.x;
    else if (g && g->kind == S_ASSIGN) {
        x = g->u.assign.rhs->items[0];
        bind = true;
    }
    x = esc_unparen(x);
    if (x && x->kind == E_TYPEASSERT)
        x = x->u.typeassert.x;
    Node *body = n->u.switchstmt.body;
    NodeList *cases = body ? body->u.block.stmts : NULL;
    Hole *ks = GC_MALLOC((size_t)((cases ? cases->len : 0) + 1) * sizeof *ks);
    int nk = 0;
    if (bind) {
        for (int i = 0; cases && i < cases->len; i++) {
            Node *cl = cases->items[i];
            Scope *s = cl->scope;
            Object *cv = NULL;
            for (int j = 0; s && j < s->nobjs; j++)
                if (s->objs[j]->kind == OBJ_VAR) {
                    cv = s->objs[j];
                    break;
                }
            if (!cv)
                continue;
            dcl(e, cv);
            Loc *l = esc_varloc(e, cv);
            if (l && esc_has_pointers(cv->type))
                ks[nk++] = dot_type(hole_of(l), cv->type, cl, "switch case");
        }
    }
    expr(e, tee_hole(e, ks, nk), x);
    for (int i = 0; cases && i < cases->len; i++) {
        Node *cl = cases->items[i];
        block_list(e, cl->u.caseclause.body);
    }
}

static void stmt(Esc *e, Node *n)
{
    if (!n || esc_is_dead(n))
        return;
    switch (n->kind) {
    case S_BLOCK:
        block_list(e, n->u.block.stmts);
        return;
    case S_DECL: {
        Node *d = n->u.decl.decl;
        if (d->kind == D_GROUP) {
            for (int i = 0; i < d->u.group.specs->len; i++)
                if (d->u.group.specs->items[i]->kind == D_VAR)
                    var_spec(e, d->u.group.specs->items[i]);
        } else if (d->kind == D_VAR) {
            var_spec(e, d);
        }
        return;
    }
    case S_LABELED:
        if (n->u.labeled.label && is_looping(e, n->u.labeled.label->u.ident.name))
            e->loopDepth++;
        stmt(e, n->u.labeled.stmt);
        return;
    case S_EXPR: {
        Node *x = esc_unparen(n->u.exprstmt.x);
        if (x && x->kind == E_CALL && !x->u.call.conv)
            call(e, NULL, 0, x);
        else
            discard(e, x);
        return;
    }
    case S_SEND:
        discard(e, n->u.binary.x);
        esc_fix_conv_at(n->u.binary.y, esc_last_pos_from(esc_last_pos(n->u.binary.x), n->u.binary.y));
        assign_heap(e, n->u.binary.y, "send", n);
        return;
    case S_INCDEC: {
        NodeList one = { 1, 1, &n->u.incdec.x };
        assign_list(e, &one, NULL, 1, NULL, "assign", n);
        return;
    }
    case S_ASSIGN:
        assign_stmt(e, n);
        return;
    case S_GO: case S_DEFER:
        go_defer(e, n);
        return;
    case S_RETURN:
        return_stmt(e, n);
        return;
    case S_IF:
        stmt(e, n->u.ifstmt.init);
        discard(e, n->u.ifstmt.cond);
        block(e, n->u.ifstmt.then);
        block(e, n->u.ifstmt.els);
        return;
    case S_SWITCH: {
        stmt(e, n->u.switchstmt.init);
        discard(e, esc_strip_implicit(n->u.switchstmt.tag));
        Node *body = n->u.switchstmt.body;
        for (int i = 0; body && i < body->u.block.stmts->len; i++) {
            Node *cl = body->u.block.stmts->items[i];
            if (esc_is_dead(cl))
                continue;
            for (int j = 0; cl->u.caseclause.list && j < cl->u.caseclause.list->len; j++)
                discard(e, esc_strip_implicit(cl->u.caseclause.list->items[j]));
            block_list(e, cl->u.caseclause.body);
        }
        return;
    }
    case S_TYPESWITCH:
        stmt(e, n->u.switchstmt.init);
        type_switch(e, n);
        return;
    case S_SELECT: {
        Node *body = n->u.selectstmt.body;
        for (int i = 0; body && i < body->u.block.stmts->len; i++) {
            Node *cl = body->u.block.stmts->items[i];
            stmt(e, cl->u.commclause.comm);
            block_list(e, cl->u.commclause.body);
        }
        return;
    }
    case S_FOR:
        stmt(e, n->u.forstmt.init);
        e->loopDepth++;
        discard(e, n->u.forstmt.cond);
        stmt(e, n->u.forstmt.post);
        block(e, n->u.forstmt.body);
        e->loopDepth--;
        return;
    case S_RANGE: {
        Node *key = n->u.rangestmt.key, *val = n->u.rangestmt.value;
        if (n->u.rangestmt.op == DEFINE) {
            if (key && key->obj)
                dcl(e, key->obj);
            if (val && val->obj)
                dcl(e, val->obj);
        }
        Loc *tmp = esc_newloc(e, NULL, false);
        expr(e, hole_of(tmp), n->u.rangestmt.x);
        e->loopDepth++;
        Hole ks[2] = { addr(e, key), addr(e, val) };
        Type *xt = esc_under(n->u.rangestmt.x->type);
        if (xt && xt->kind == TY_ARRAY)
            esc_flow(e, hole_note(ks[1], n, "range"), tmp);
        else
            esc_flow(e, hole_deref(ks[1], n, "range-deref"), tmp);
        reassigned(e, ks, 2, n);
        block(e, n->u.rangestmt.body);
        e->loopDepth--;
        return;
    }
    default:
        return;
    }
}

/* Labels some goto jumps back to start an unstructured loop. */
typedef struct LabelScan {
    const char **seen; int nseen;
    Esc *e;
} LabelScan;

static void scan_labels(Node *n, void *ctx)
{
    LabelScan *s = ctx;
    if (n->kind == E_FUNCLIT)
        return;
    if (n->kind == S_LABELED && n->u.labeled.label) {
        const char **nb = GC_MALLOC((size_t)(s->nseen + 1) * sizeof *nb);
        if (s->nseen)
            memcpy(nb, s->seen, (size_t)s->nseen * sizeof *nb);
        nb[s->nseen++] = n->u.labeled.label->u.ident.name;
        s->seen = nb;
    }
    if (n->kind == S_BRANCH && n->u.branch.op == GOTO && n->u.branch.label) {
        const char *l = n->u.branch.label->u.ident.name;
        for (int i = 0; i < s->nseen; i++)
            if (!strcmp(s->seen[i], l)) {
                const void **nb = GC_MALLOC((size_t)(s->e->nlooping + 1) * sizeof *nb);
                if (s->e->nlooping)
                    memcpy(nb, s->e->looping, (size_t)s->e->nlooping * sizeof *nb);
                nb[s->e->nlooping++] = l;
                s->e->looping = nb;
                break;
            }
    }
    esc_children(n, scan_labels, ctx);
}

void esc_walk_func(Esc *e, EFunc *fn)
{
    fn->state = EF_STARTED;
    Node *body = fn->decl->kind == D_FUNC ? fn->decl->u.funcdecl.body : fn->decl->u.funclit.body;
    LabelScan s = { NULL, 0, e };
    esc_children(body, scan_labels, &s);
    if (body)
        block_list(e, body->u.block.stmts);
}
