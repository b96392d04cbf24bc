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

/* ---- types ---- */

static Type *under(Type *t) { return t ? type_underlying(t) : NULL; }

bool esc_has_pointers(Type *t)
{
    t = under(t);
    if (!t)
        return true;
    switch (t->kind) {
    case TY_STRING: case TY_POINTER: case TY_SLICE: case TY_MAP: case TY_CHAN:
    case TY_FUNC: case TY_INTERFACE: case TY_UNTYPED_STRING: case TY_UNTYPED_NIL:
        return true;
    case TY_ARRAY:
        return t->u.array.len > 0 && esc_has_pointers(t->u.array.elem);
    case TY_STRUCT:
        for (int i = 0; i < t->u.strct.nfields; i++)
            if (esc_has_pointers(t->u.strct.fields[i].type))
                return true;
        return false;
    case TY_TUPLE:
        for (int i = 0; i < t->u.tuple.n; i++)
            if (esc_has_pointers(t->u.tuple.types[i]))
                return true;
        return false;
    default:
        return false;
    }
}

/* types.IsDirectIface: stored in an interface's data word itself. */
bool esc_is_direct_iface(Type *t)
{
    t = under(t);
    if (!t)
        return false;
    switch (t->kind) {
    case TY_POINTER: case TY_CHAN: case TY_MAP: case TY_FUNC:
        return true;
    case TY_ARRAY:
        return t->u.array.len == 1 && esc_is_direct_iface(t->u.array.elem);
    case TY_STRUCT:
        return t->u.strct.nfields == 1 && esc_is_direct_iface(t->u.strct.fields[0].type);
    default:
        return false;
    }
}

static int64_t alignof_(Type *t)
{
    t = under(t);
    if (!t)
        return 8;
    switch (t->kind) {
    case TY_BOOL: case TY_INT8: case TY_UINT8: return 1;
    case TY_INT16: case TY_UINT16: return 2;
    case TY_INT32: case TY_UINT32: case TY_FLOAT32: return 4;
    case TY_ARRAY: return alignof_(t->u.array.elem);
    case TY_STRUCT: {
        int64_t a = 1;
        for (int i = 0; i < t->u.strct.nfields; i++) {
            int64_t fa = alignof_(t->u.strct.fields[i].type);
            if (fa > a)
                a = fa;
        }
        return a;
    }
    default: return 8;
    }
}

int64_t esc_sizeof(Type *t)
{
    t = under(t);
    if (!t)
        return 8;
    switch (t->kind) {
    case TY_BOOL: case TY_INT8: case TY_UINT8: return 1;
    case TY_INT16: case TY_UINT16: return 2;
    case TY_INT32: case TY_UINT32: case TY_FLOAT32: return 4;
    case TY_STRING: case TY_INTERFACE: return 16;
    case TY_SLICE: return 24;
    case TY_ARRAY: {
        int64_t e = esc_sizeof(t->u.array.elem);
        if (t->u.array.len > 0 && e > INT64_MAX / t->u.array.len)
            return INT64_MAX;
        return e * (t->u.array.len < 0 ? 0 : t->u.array.len);
    }
    case TY_STRUCT: {
        int64_t off = 0, maxa = 1;
        for (int i = 0; i < t->u.strct.nfields; i++) {
            Type *ft = t->u.strct.fields[i].type;
            int64_t a = alignof_(ft), s = esc_sizeof(ft);
            if (a > maxa)
                maxa = a;
            off = (off + a - 1) / a * a;
            if (s > INT64_MAX - off)
                return INT64_MAX;
            off += s;
        }
        /* a final zero-size field gets a byte so its address stays inside */
        int n = t->u.strct.nfields;
        if (n > 0 && off > 0 && esc_sizeof(t->u.strct.fields[n - 1].type) == 0)
            off++;
        return (off + maxa - 1) / maxa * maxa;
    }
    default: return 8;
    }
}

/* ---- small tree helpers ---- */

static Node *unparen(Node *n)
{
    while (n && n->kind == E_PAREN)
        n = n->u.unary.x;
    return n;
}

static bool is_implicit_conv(Node *n)
{
    if (!n || n->kind != E_CALL || !n->u.call.conv)
        return false;
    Node *f = n->u.call.fun;
    return f->kind == E_IDENT && !f->obj && f->pos.line == n->pos.line && f->pos.col == n->pos.col &&
           n->u.call.args && n->u.call.args->len == 1;
}

static Node *conv_arg(Node *n) { return n->u.call.args->items[0]; }

static Node *strip_implicit(Node *n)
{
    while (is_implicit_conv(n))
        n = conv_arg(n);
    return n;
}

/* ONAME in gc's IR: a variable or a function name (its position is the
   declaration's, so gc's base.Pos does not move to it). */
static bool is_oname(Node *n)
{
    n = unparen(strip_implicit(n));
    if (!n)
        return false;
    if (n->kind == E_IDENT)
        return n->obj && (n->obj->kind == OBJ_VAR || n->obj->kind == OBJ_FUNC);
    if (n->kind == E_SELECTOR && n->u.selector.x && n->u.selector.x->mode == MODE_PACKAGE)
        return n->obj && (n->obj->kind == OBJ_VAR || n->obj->kind == OBJ_FUNC);
    return false;
}

/* The position of the last expression gc's noder entered while
   translating n (base.Pos afterwards): a pre-order walk in which every
   expression but a constant moves base.Pos to itself, and a call ends at
   its own position (transformCall). */
static void enter(Node *n, Pos *p)
{
    n = strip_implicit(n);
    if (!n || n->mode == MODE_CONST || n->mode == MODE_TYPEEXPR)
        return;
    *p = n->pos;
    switch (n->kind) {
    case E_PAREN: case E_STAR: case E_UNARY:
        enter(n->u.unary.x, p);
        return;
    case E_BINARY:
        enter(n->u.binary.x, p);
        enter(n->u.binary.y, p);
        return;
    case E_SELECTOR:
        if (n->u.selector.x && n->u.selector.x->mode != MODE_PACKAGE)
            enter(n->u.selector.x, p);
        return;
    case E_INDEX:
        enter(n->u.index.x, p);
        enter(n->u.index.index, p);
        return;
    case E_SLICE:
        enter(n->u.slice.x, p);
        enter(n->u.slice.lo, p);
        enter(n->u.slice.hi, p);
        enter(n->u.slice.max, p);
        return;
    case E_TYPEASSERT:
        enter(n->u.typeassert.x, p);
        return;
    case E_COMPOSITE:
        for (int i = 0; n->u.composite.elts && i < n->u.composite.elts->len; i++) {
            Node *v = n->u.composite.elts->items[i];
            if (v->kind == E_KEYVALUE)
                v = v->u.binary.y;
            enter(v, p);
        }
        return;
    default:
        return;
    }
}

static Pos last_pos(Node *n)
{
    Pos p = n ? n->pos : (Pos){ 0, 0 };
    enter(n, &p);
    return p;
}

static Pos last_pos_from(Pos start, Node *n)
{
    Pos p = start;
    enter(n, &p);
    return p;
}

/* gc's typecheckaste: base.Pos starts at start and moves to each operand
   that has a position of its own; an implicit conversion is made there. */
static void fix_conv_positions(NodeList *l, int from, Pos start)
{
    Pos p = start;
    for (int i = from; l && i < l->len; i++) {
        Node *a = l->items[i];
        if (!is_oname(a))
            p = strip_implicit(a)->kind == E_PAREN ? unparen(strip_implicit(a))->pos : strip_implicit(a)->pos;
        if (is_implicit_conv(a))
            esc_set_pos(a, p);
    }
}

static void fix_conv_at(Node *a, Pos p)
{
    if (is_implicit_conv(a))
        esc_set_pos(a, p);
}

/* ---- collecting a function's locals, literals and captures ---- */

typedef void (*VisitFn)(Node *n, void *ctx);

static void children(Node *n, VisitFn f, void *ctx);

static void each(NodeList *l, VisitFn f, void *ctx)
{
    for (int i = 0; l && i < l->len; i++)
        f(l->items[i], ctx);
}

static void children(Node *n, VisitFn f, void *ctx)
{
    if (!n)
        return;
#define V(x) do { if (x) f((x), ctx); } while (0)
    switch (n->kind) {
    case E_PAREN: case E_STAR: case E_UNARY: case E_ELLIPSIS: V(n->u.unary.x); break;
    case E_BINARY: case E_KEYVALUE: case S_SEND: V(n->u.binary.x); V(n->u.binary.y); break;
    case E_COMPOSITE: each(n->u.composite.elts, f, ctx); break;
    case E_SELECTOR: V(n->u.selector.x); break;
    case E_INDEX: V(n->u.index.x); V(n->u.index.index); break;
    case E_SLICE: V(n->u.slice.x); V(n->u.slice.lo); V(n->u.slice.hi); V(n->u.slice.max); break;
    case E_TYPEASSERT: V(n->u.typeassert.x); break;
    case E_CALL: V(n->u.call.fun); each(n->u.call.args, f, ctx); break;
    case S_DECL: V(n->u.decl.decl); break;
    case D_GROUP: each(n->u.group.specs, f, ctx); break;
    case D_VAR: each(n->u.valuespec.names, f, ctx); each(n->u.valuespec.values, f, ctx); break;
    case S_LABELED: V(n->u.labeled.stmt); break;
    case S_EXPR: V(n->u.exprstmt.x); break;
    case S_INCDEC: V(n->u.incdec.x); break;
    case S_ASSIGN: each(n->u.assign.lhs, f, ctx); each(n->u.assign.rhs, f, ctx); break;
    case S_GO: case S_DEFER: V(n->u.gostmt.call); break;
    case S_RETURN: each(n->u.ret.results, f, ctx); break;
    case S_BLOCK: each(n->u.block.stmts, f, ctx); break;
    case S_IF: V(n->u.ifstmt.init); V(n->u.ifstmt.cond); V(n->u.ifstmt.then); V(n->u.ifstmt.els); break;
    case S_CASE: each(n->u.caseclause.list, f, ctx); each(n->u.caseclause.body, f, ctx); break;
    case S_SWITCH: case S_TYPESWITCH:
        V(n->u.switchstmt.init); V(n->u.switchstmt.tag); V(n->u.switchstmt.assign); V(n->u.switchstmt.body);
        break;
    case S_COMM: V(n->u.commclause.comm); each(n->u.commclause.body, f, ctx); break;
    case S_SELECT: V(n->u.selectstmt.body); break;
    case S_FOR: V(n->u.forstmt.init); V(n->u.forstmt.cond); V(n->u.forstmt.post); V(n->u.forstmt.body); break;
    case S_RANGE: V(n->u.rangestmt.key); V(n->u.rangestmt.value); V(n->u.rangestmt.x); V(n->u.rangestmt.body); break;
    default: break;
    }
#undef V
}

typedef struct Collect {
    EFunc *fn;
    Node *decl;
} Collect;

static void add_obj(Object ***arr, int *n, Object *o)
{
    for (int i = 0; i < *n; i++)
        if ((*arr)[i] == o)
            return;
    Object **nb = GC_MALLOC((size_t)(*n + 1) * sizeof *nb);
    if (*n)
        memcpy(nb, *arr, (size_t)*n * sizeof *nb);
    nb[*n] = o;
    *arr = nb;
    (*n)++;
}

static void collect_locals(Node *n, void *ctx)
{
    Collect *c = ctx;
    if (n->kind == E_FUNCLIT)
        return;
    if (n->kind == E_IDENT && n->obj && n->obj->kind == OBJ_VAR && !n->obj->is_global &&
        !n->obj->is_param && !n->obj->is_result && n->obj->func == c->decl &&
        n->obj->pos.line == n->pos.line && n->obj->pos.col == n->pos.col)
        add_obj(&c->fn->locals, &c->fn->nlocals, n->obj);
    if (n->kind == S_TYPESWITCH) {
        children(n, collect_locals, ctx);
        Node *body = n->u.switchstmt.body;
        for (int i = 0; body && i < body->u.block.stmts->len; i++) {
            Node *cl = body->u.block.stmts->items[i];
            Scope *s = cl->scope;
            for (int j = 0; s && j < s->nobjs; j++)
                if (s->objs[j]->kind == OBJ_VAR && s->objs[j]->func == c->decl)
                    add_obj(&c->fn->locals, &c->fn->nlocals, s->objs[j]);
        }
        return;
    }
    children(n, collect_locals, ctx);
}

/* Is obj declared in lit or in a literal nested in it? */
static bool declared_within(Object *obj, EFunc *lit)
{
    for (EFunc *f = esc_funcof(obj->func); f; f = f->outer)
        if (f == lit)
            return true;
    return false;
}

static void collect_captures(Node *n, void *ctx)
{
    Collect *c = ctx;
    if (n->kind == E_IDENT && n->obj && n->obj->kind == OBJ_VAR && !n->obj->is_global && n->obj->func &&
        !declared_within(n->obj, c->fn))
        add_obj(&c->fn->captures, &c->fn->ncaptures, n->obj);
    if (n->kind == E_FUNCLIT) {
        collect_captures(n->u.funclit.body, ctx);
        return;
    }
    children(n, collect_captures, ctx);
}

void esc_collect(EFunc *fn)
{
    Collect c = { fn, fn->decl };
    Node *body = fn->decl->kind == D_FUNC ? fn->decl->u.funcdecl.body : fn->decl->u.funclit.body;
    children(body, collect_locals, &c);
    if (fn->outer)
        children(body, collect_captures, &c);
}

/* ---- a small association list (few entries) ---- */

typedef struct PtrList {
    const void **keys; void **vals; int n, cap;
} PtrList;

static void pl_add(PtrList *l, const void *k, void *v)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        const void **nk = GC_MALLOC((size_t)l->cap * sizeof *nk);
        void **nv = GC_MALLOC((size_t)l->cap * sizeof *nv);
        if (l->n) {
            memcpy(nk, l->keys, (size_t)l->n * sizeof *nk);
            memcpy(nv, l->vals, (size_t)l->n * sizeof *nv);
        }
        l->keys = nk;
        l->vals = nv;
    }
    l->keys[l->n] = k;
    l->vals[l->n++] = v;
}

static void *pl_get(PtrList *l, const void *k)
{
    for (int i = 0; i < l->n; i++)
        if (l->keys[i] == k)
            return l->vals[i];
    return NULL;
}

static Node *static_value(Node *f, int depth);

/* ---- the walk ---- */

static void expr(Esc *e, Hole k, Node *n);
static void stmt(Esc *e, Node *n);
static void call(Esc *e, Hole *ks, int nks, Node *n);

static Hole discard_hole(Esc *e) { return hole_of(esc_blankloc(e)); }
static Hole heap_hole(Esc *e) { return hole_of(esc_heaploc(e)); }
static void discard(Esc *e, Node *n) { expr(e, discard_hole(e), n); }

static void discards(Esc *e, NodeList *l)
{
    for (int i = 0; l && i < l->len; i++)
        discard(e, l->items[i]);
}

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
        Type *u = under(t);
        ptr[i] = u && u->kind == TY_POINTER;
        if (ptr[i])
            u = under(u->u.pointer.elem);
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
        Type *u = under(t);
        ptr[i] = u && u->kind == TY_POINTER;
        if (ptr[i])
            u = under(u->u.pointer.elem);
        if (!u || u->kind != TY_STRUCT || s->path[i] >= u->u.strct.nfields) {
            len = i;
            break;
        }
        t = u->u.strct.fields[s->path[i]].type;
    }
    bool isptr = under(t) && under(t)->kind == TY_POINTER;
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
    Type *u = under(t);
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
                fix_conv_at(v->u.binary.y, v->pos);
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
                fix_conv_at(v->u.binary.y, v->pos);
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
                fix_conv_at(v->u.binary.y, v->pos);
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
            fix_conv_at(kv->u.binary.x, kv->pos);
            fix_conv_at(kv->u.binary.y, kv->pos);
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
    Node *x = conv_arg(n);
    Type *to = under(n->type), *from = under(x->type);
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
        Node *x = unparen(n->u.unary.x);
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
        Type *xt = under(n->u.index.x->type);
        if (xt && xt->kind == TY_MAP) {
            fix_conv_at(n->u.index.index, last_pos_from(last_pos(n->u.index.x), n->u.index.index));
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
        Type *xt = under(n->u.slice.x->type);
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
        discard(e, strip_implicit(n->u.binary.x));
        discard(e, strip_implicit(n->u.binary.y));
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

/* gc's ir.StaticValue for a local func variable assigned once. */
static Node *static_value(Node *f, int depth);

static bool only_defined(Object *o, Node **rhs);

static Node *static_value(Node *f, int depth)
{
    f = unparen(f);
    if (!f || depth > 8)
        return f;
    if (f->kind == E_IDENT && f->obj && f->obj->kind == OBJ_VAR && !f->obj->is_global && !f->obj->is_param) {
        Node *rhs;
        if (only_defined(f->obj, &rhs) && rhs)
            return static_value(rhs, depth + 1);
    }
    return f;
}

static Callee callee_of(Esc *e, Node *c)
{
    (void)e;
    Callee ce = { 0 };
    Node *f = unparen(c->u.call.fun);
    ce.sig = under(f->type);
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
    Node *sv = static_value(f, 0);
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

static bool wrap_skips(Node *a)
{
    a = unparen(a);
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
        if (w->n == w->cap) {
            w->cap = w->cap ? w->cap * 2 : 8;
            Loc **nb = GC_MALLOC((size_t)w->cap * sizeof *nb);
            if (w->n)
                memcpy(nb, w->tmps, (size_t)w->n * sizeof *nb);
            w->tmps = nb;
        }
        w->tmps[w->n++] = tmp;
        esc_flow(e, hole_note(k, c, "call parameter"), tmp);
        return;
    }
    expr(e, hole_note(k, c, "call parameter"), a);
}

static void builtin_call(Esc *e, Hole *ks, int nks, Node *c, Wrap *w)
{
    Node *f = unparen(c->u.call.fun);
    NodeList *args = c->u.call.args;
    int na = args ? args->len : 0;
    Hole k0 = ks && nks > 0 ? ks[0] : discard_hole(e);
    switch (f->obj->builtin) {
    case BI_APPEND: {
        if (na == 0)
            return;
        Node *s = args->items[0];
        Type *st = under(s->type);
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
                lp = last_pos_from(lp, args->items[i]);
            for (int i = 1; i < na; i++)
                fix_conv_at(args->items[i], lp);
        }
        argument(e, appendee, c, s, w);
        if (c->u.call.ellipsis) {
            Hole appended = discard_hole(e);
            if (na > 1) {
                Type *at = under(args->items[1]->type);
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
        Type *yt = under(args->items[1]->type);
        if (yt && yt->kind == TY_SLICE && esc_has_pointers(yt->u.slice.elem))
            copied = hole_deref(heap_hole(e), c, "copied slice");
        argument(e, copied, c, args->items[1], w);
        return;
    }
    case BI_PANIC:
        if (na > 0) {
            fix_conv_at(args->items[0], last_pos_from(c->pos, args->items[0]));   /* not typecheckaste */
            argument(e, heap_hole(e), c, args->items[0], w);
        }
        return;
    case BI_NEW:
        spill(e, k0, c);
        return;
    case BI_MAKE: {
        Type *t = under(c->type);
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
            p = last_pos_from(p, args->items[i]);
        for (int i = 0; i < na; i++)
            fix_conv_at(args->items[i], p);
        for (int i = 0; i < na; i++)
            argument(e, discard_hole(e), c, args->items[i], w);
        return;
    }
    }
}

static void call_common(Esc *e, Hole *ks, int nks, Node *c, Wrap *w)
{
    Node *f = unparen(c->u.call.fun);
    if (f->mode == MODE_BUILTIN && f->obj) {
        builtin_call(e, ks, nks, c, w);
        return;
    }
    Callee ce = callee_of(e, c);
    NodeList *args = c->u.call.args;
    int na = args ? args->len : 0;
    Type *sig = ce.sig;
    if (ce.fn && ce.fn->sig)
        sig = under(ce.fn->sig);
    int np = sig && sig->kind == TY_FUNC ? sig->u.func.nparams : 0;
    bool variadic = sig && sig->kind == TY_FUNC && sig->u.func.variadic;
    int recvoff = ce.method && !ce.iface ? 1 : 0;
    if (ce.methexpr) {
        /* T.M's type has the receiver first: the callee's own params follow */
        Type *ms = ce.sel.type ? under(ce.sel.type) : NULL;
        if (ms && ms->kind == TY_FUNC) {
            np = ms->u.func.nparams;
            variadic = ms->u.func.variadic;
        }
    }
    int tagnp = recvoff + np;

    /* positions of the implicit conversions of the arguments (typecheckaste) */
    fix_conv_positions(args, 0, c->pos);

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
            Node *sel = unparen(c->u.call.fun);
            if (ce.devirt) {
                expr(e, dot_type(hole_note(rk, c, "call parameter"), ce.devirt, sel, "dot"), ce.recv);
            } else if (w && !wrap_skips(ce.recv)) {
                Loc *tmp = esc_newloc(e, NULL, false);
                expr(e, receiver_hole(hole_of(tmp), sel, &ce.sel), ce.recv);
                tmp->captured = true;
                if (w->n == w->cap) {
                    w->cap = w->cap ? w->cap * 2 : 8;
                    Loc **nb = GC_MALLOC((size_t)w->cap * sizeof *nb);
                    if (w->n)
                        memcpy(nb, w->tmps, (size_t)w->n * sizeof *nb);
                    w->tmps = nb;
                }
                w->tmps[w->n++] = tmp;
                esc_flow(e, hole_note(rk, c, "call parameter"), tmp);
            } else {
                expr(e, receiver_hole(hole_note(rk, c, "call parameter"), sel, &ce.sel), ce.recv);
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
            if (variadic && i >= np - 1 && pt && under(pt)->kind == TY_SLICE)
                pt = under(pt)->u.slice.elem;
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
    Node *f = unparen(c->u.call.fun);
    bool plain = !c->u.call.conv && !(f->mode == MODE_BUILTIN);
    if (plain && f->kind == E_SELECTOR && f->u.selector.x->mode != MODE_PACKAGE &&
        f->u.selector.x->mode != MODE_TYPEEXPR) {
        Selection s = type_lookup(f->u.selector.x->type, f->u.selector.sel->u.ident.name);
        if (s.kind == SEL_METHOD || s.kind == SEL_IFACE_METHOD)
            plain = false;
    }
    Type *ft = under(f->type);
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
    n = unparen(n);
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
        Type *xt = under(n->u.index.x->type);
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

static bool declares(Node *where, Object *o)
{
    if (!o || !where)
        return false;
    if (where->kind == S_ASSIGN && where->u.assign.op == DEFINE) {
        for (int i = 0; i < where->u.assign.lhs->len; i++) {
            Node *l = where->u.assign.lhs->items[i];
            if (l->kind == E_IDENT && l->obj == o && l->pos.line == o->pos.line && l->pos.col == o->pos.col)
                return true;
        }
    }
    if (where->kind == D_VAR) {
        for (int i = 0; i < where->u.valuespec.names->len; i++)
            if (where->u.valuespec.names->items[i]->obj == o)
                return true;
    }
    return false;
}

static void reassigned(Esc *e, Hole *ks, int n, Node *where)
{
    (void)e;
    for (int i = 0; i < n; i++) {
        Loc *l = ks[i].dst;
        if (l->obj && declares(where, l->obj) && where->kind != S_RANGE)
            continue;
        l->reassigned = true;
    }
}

/* gc's isSelfAssign for the cases mini's programs meet: x.f = x.g and
   b.buf = b.buf[i:j] with b a plain name. */
static bool same_safe(Node *a, Node *b)
{
    a = unparen(a);
    b = unparen(b);
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
    n = unparen(n);
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
    dst = unparen(dst);
    src = unparen(strip_implicit(src));
    if (!dst || !src)
        return false;
    /* b.buf = b.buf[n:m] through a pointer b */
    if (src->kind == E_SLICE && dst->kind == E_SELECTOR) {
        Node *sx = unparen(src->u.slice.x);
        Type *dxt = under(dst->u.selector.x->type);
        if (sx && sx->kind == E_SELECTOR && dxt && dxt->kind == TY_POINTER &&
            unparen(dst->u.selector.x)->kind == E_IDENT && unparen(sx->u.selector.x)->kind == E_IDENT &&
            unparen(dst->u.selector.x)->obj == unparen(sx->u.selector.x)->obj) {
            Type *st = under(sx->type);
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
        Type *xt = under(dst->u.index.x->type);
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
        if (l->kind == E_IDENT && l->obj && declares(stmt_, l->obj))
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
    Pos p = last_pos(rhs->items[rhs->len - 1]);
    for (int i = 0; !decl && lhs && i < lhs->len; i++)
        p = last_pos_from(p, lhs->items[i]);
    for (int i = 0; i < rhs->len; i++)
        fix_conv_at(rhs->items[i], p);
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
        Node *l = unparen(lhs->items[i]);
        if (l && l->kind == E_INDEX) {
            Pos p = last_pos(rhs->items[rhs->len - 1]);
            for (int j = 0; j < lhs->len; j++)
                p = last_pos_from(p, lhs->items[j]);
            fix_conv_at(l->u.index.index, p);
        }
    }
    assign_conv_positions(lhs, rhs, op == DEFINE);
    if (lhs->len > 1 && rhs->len == 1) {
        Node *r = unparen(rhs->items[0]);
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
        vp = last_pos_from(vp, values->items[i]);
    for (int i = 0; i < values->len; i++)
        fix_conv_at(values->items[i], vp);
    if (names->len > 1 && values->len == 1) {
        Hole *ks = GC_MALLOC((size_t)(names->len + 1) * sizeof *ks);
        for (int i = 0; i < names->len; i++)
            ks[i] = addr(e, names->items[i]);
        Node *r = unparen(values->items[0]);
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
        call(e, ks, fn->nresults, unparen(res->items[0]));
        return;
    }
    Pos rp = n->pos;
    for (int i = 0; i < res->len; i++)
        rp = last_pos_from(rp, res->items[i]);
    fix_conv_positions(res, 0, rp);
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
    x = unparen(x);
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
        Node *x = unparen(n->u.exprstmt.x);
        if (x && x->kind == E_CALL && !x->u.call.conv)
            call(e, NULL, 0, x);
        else
            discard(e, x);
        return;
    }
    case S_SEND:
        discard(e, n->u.binary.x);
        fix_conv_at(n->u.binary.y, last_pos_from(last_pos(n->u.binary.x), n->u.binary.y));
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
        discard(e, strip_implicit(n->u.switchstmt.tag));
        Node *body = n->u.switchstmt.body;
        for (int i = 0; body && i < body->u.block.stmts->len; i++) {
            Node *cl = body->u.block.stmts->items[i];
            if (esc_is_dead(cl))
                continue;
            for (int j = 0; cl->u.caseclause.list && j < cl->u.caseclause.list->len; j++)
                discard(e, strip_implicit(cl->u.caseclause.list->items[j]));
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
        Type *xt = under(n->u.rangestmt.x->type);
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
    children(n, scan_labels, ctx);
}

void esc_walk_func(Esc *e, EFunc *fn)
{
    fn->state = EF_STARTED;
    Node *body = fn->decl->kind == D_FUNC ? fn->decl->u.funcdecl.body : fn->decl->u.funclit.body;
    LabelScan s = { NULL, 0, e };
    children(body, scan_labels, &s);
    if (body)
        block_list(e, body->u.block.stmts);
}

/* ---- single definitions (StaticValue) ---- */

typedef struct DefScan {
    Object *o;
    Node *rhs;
    int defs;
    bool other;
} DefScan;

static void scan_defs(Node *n, void *ctx)
{
    DefScan *s = ctx;
    if (n->kind == S_ASSIGN) {
        NodeList *lhs = n->u.assign.lhs;
        for (int i = 0; i < lhs->len; i++) {
            Node *l = unparen(lhs->items[i]);
            if (l && l->kind == E_IDENT && l->obj == s->o) {
                if (n->u.assign.op == DEFINE && declares(n, s->o) && lhs->len == n->u.assign.rhs->len) {
                    s->defs++;
                    s->rhs = n->u.assign.rhs->items[i];
                } else {
                    s->other = true;
                }
            }
        }
    } else if (n->kind == D_VAR) {
        NodeList *names = n->u.valuespec.names, *vals = n->u.valuespec.values;
        for (int i = 0; i < names->len; i++)
            if (names->items[i]->obj == s->o) {
                if (vals && vals->len == names->len) {
                    s->defs++;
                    s->rhs = vals->items[i];
                } else {
                    s->other = true;
                }
            }
    } else if (n->kind == S_INCDEC || n->kind == S_RANGE) {
        Node *x = n->kind == S_INCDEC ? n->u.incdec.x : NULL;
        if (x && unparen(x)->kind == E_IDENT && unparen(x)->obj == s->o)
            s->other = true;
        if (n->kind == S_RANGE) {
            Node *k = n->u.rangestmt.key, *v = n->u.rangestmt.value;
            if ((k && k->obj == s->o) || (v && v->obj == s->o))
                s->other = true;
        }
    } else if (n->kind == E_FUNCLIT) {
        children(n->u.funclit.body, scan_defs, ctx);
        return;
    }
    children(n, scan_defs, ctx);
}

static bool only_defined(Object *o, Node **rhs)
{
    *rhs = NULL;
    if (o->addr_taken || !o->func)
        return false;
    Node *body = o->func->kind == D_FUNC ? o->func->u.funcdecl.body : o->func->u.funclit.body;
    DefScan s = { o, NULL, 0, false };
    children(body, scan_defs, &s);
    if (s.defs != 1 || s.other)
        return false;
    *rhs = s.rhs;
    return true;
}

/* ---- devirtualization (devirtualize.go) ---- */

static PtrList devirt_calls;

typedef struct Devirt {
    EFunc *fn;
} Devirt;

static void devirt_visit(Node *n, void *ctx)
{
    if (n->kind == E_FUNCLIT)
        return;
    children(n, devirt_visit, ctx);
    if (n->kind != E_CALL || n->u.call.conv)
        return;
    Node *f = unparen(n->u.call.fun);
    if (!f || f->kind != E_SELECTOR || f->u.selector.x->mode == MODE_PACKAGE ||
        f->u.selector.x->mode == MODE_TYPEEXPR)
        return;
    Node *x = unparen(f->u.selector.x);
    if (!type_is_interface(x->type))
        return;
    Node *sv = static_value(x, 0);
    if (!sv || sv == x || sv->kind != E_CALL || !sv->u.call.conv || !type_is_interface(sv->type))
        return;
    Type *t = conv_arg(sv)->type;
    if (!t || type_is_interface(t) || type_is_untyped(t))
        return;
    Selection s = type_lookup(t, f->u.selector.sel->u.ident.name);
    if (s.kind != SEL_METHOD)
        return;
    esc_info(n->pos, ast_sprintf("devirtualizing %s to %s", esc_expr_string(f), type_string(t)));
    pl_add(&devirt_calls, n, t);
}

void esc_devirtualize(EFunc *fn)
{
    Devirt d = { fn };
    Node *body = fn->decl->kind == D_FUNC ? fn->decl->u.funcdecl.body : fn->decl->u.funclit.body;
    children(body, devirt_visit, &d);
}

Type *esc_devirtualized(Node *call)
{
    return pl_get(&devirt_calls, call);
}

/* ---- gc's early temporaries (.autotmp_N) ---- */

static PtrList temps;   /* Node* -> (void *)(intptr_t)(N + 1) */

int esc_temp_of(Node *n)
{
    void *v = n ? pl_get(&temps, n) : NULL;
    return v ? (int)(intptr_t)v - 1 : -1;
}

typedef struct TempCtx {
    EFunc *fn;
} TempCtx;

static bool pos_before(Pos a, Pos b)
{
    return a.line < b.line || (a.line == b.line && a.col < b.col);
}

/* N is the length of the function's Dcl list when the noder made the
   temporary: parameters, results, the locals declared so far, earlier
   temporaries. */
static int new_temp(EFunc *fn, Pos at)
{
    int n = fn->nparams + (fn->sig ? fn->sig->u.func.nresults : 0);
    for (int i = 0; i < fn->nlocals; i++)
        if (pos_before(fn->locals[i]->pos, at))
            n++;
    return n + fn->ntemps++;
}

static bool plain_call(Node *n)
{
    n = unparen(n);
    return n && n->kind == E_CALL && !n->u.call.conv && !(unparen(n->u.call.fun)->mode == MODE_BUILTIN);
}

static void number_visit(Node *n, void *ctx)
{
    TempCtx *c = ctx;
    if (n->kind == E_FUNCLIT)
        return;
    children(n, number_visit, ctx);
    if (n->kind == E_CALL && !n->u.call.conv) {
        Node *f = unparen(n->u.call.fun);
        if (f->mode == MODE_BUILTIN)
            return;
        if (plain_call(f))
            pl_add(&temps, f, (void *)(intptr_t)(new_temp(c->fn, n->pos) + 1));
        if (f->kind == E_SELECTOR && plain_call(f->u.selector.x) && f->u.selector.x->mode != MODE_TYPEEXPR) {
            Selection s = type_lookup(f->u.selector.x->type, f->u.selector.sel->u.ident.name);
            if (s.kind == SEL_METHOD || s.kind == SEL_IFACE_METHOD)
                pl_add(&temps, unparen(f->u.selector.x), (void *)(intptr_t)(new_temp(c->fn, n->pos) + 1));
        }
        NodeList *a = n->u.call.args;
        if (a && a->len == 1 && a->items[0]->type && a->items[0]->type->kind == TY_TUPLE) {
            int nt = a->items[0]->type->u.tuple.n;
            int first = new_temp(c->fn, n->pos);
            for (int i = 1; i < nt; i++)
                new_temp(c->fn, n->pos);
            pl_add(&temps, a->items[0], (void *)(intptr_t)(first + 1));
        }
    }
    if (n->kind == S_RETURN && n->u.ret.results && n->u.ret.results->len == 1 && c->fn->sig &&
        c->fn->sig->u.func.nresults > 1) {
        for (int i = 0; i < c->fn->sig->u.func.nresults; i++)
            new_temp(c->fn, n->pos);
    }
}

void esc_number_temps(EFunc *fn)
{
    TempCtx c = { fn };
    Node *body = fn->decl->kind == D_FUNC ? fn->decl->u.funcdecl.body : fn->decl->u.funclit.body;
    children(body, number_visit, &c);
}

/* ---- dead code (deadcode.go): branches gc drops before escape analysis ---- */

static PtrList deadset;

bool esc_is_dead(Node *n)
{
    return n && pl_get(&deadset, n) != NULL;
}

static void mark_dead(Node *n)
{
    if (n && !esc_is_dead(n))
        pl_add(&deadset, n, n);
}

static void dead_stmts(NodeList *l);

static void dead_stmt(Node *n)
{
    if (!n || esc_is_dead(n))
        return;
    switch (n->kind) {
    case S_BLOCK: dead_stmts(n->u.block.stmts); break;
    case S_LABELED: dead_stmt(n->u.labeled.stmt); break;
    case S_FOR: dead_stmt(n->u.forstmt.body); break;
    case S_RANGE: dead_stmt(n->u.rangestmt.body); break;
    case S_IF: dead_stmt(n->u.ifstmt.then); dead_stmt(n->u.ifstmt.els); break;
    case S_SELECT: {
        Node *b = n->u.selectstmt.body;
        for (int i = 0; b && i < b->u.block.stmts->len; i++)
            dead_stmts(b->u.block.stmts->items[i]->u.commclause.body);
        break;
    }
    case S_SWITCH: case S_TYPESWITCH: {
        Node *b = n->u.switchstmt.body;
        for (int i = 0; b && i < b->u.block.stmts->len; i++)
            dead_stmts(b->u.block.stmts->items[i]->u.caseclause.body);
        break;
    }
    default: break;
    }
}

static bool has_fallthrough(NodeList *body)
{
    for (int i = 0; body && i < body->len; i++)
        if (body->items[i]->kind == S_BRANCH && body->items[i]->u.branch.op == FALLTHROUGH)
            return true;
    return false;
}

static bool ends_terminating(Node *b)
{
    if (!b)
        return false;
    NodeList *l = b->kind == S_BLOCK ? b->u.block.stmts : NULL;
    Node *last = l && l->len ? l->items[l->len - 1] : b->kind == S_BLOCK ? NULL : b;
    if (!last)
        return false;
    if (last->kind == S_RETURN)
        return true;
    if (last->kind == S_EXPR) {
        Node *x = unparen(last->u.exprstmt.x);
        Node *f = x && x->kind == E_CALL ? unparen(x->u.call.fun) : NULL;
        return f && f->mode == MODE_BUILTIN && f->obj && f->obj->builtin == BI_PANIC;
    }
    return false;
}

static void dead_switch(Node *n)
{
    Node *tag = n->u.switchstmt.tag;
    ConstVal *x;
    if (n->u.switchstmt.init && 0)
        return;
    if (tag) {
        if (tag->mode != MODE_CONST || !tag->cv)
            return;
        x = tag->cv;
    } else {
        x = cv_bool(true);
    }
    Node *body = n->u.switchstmt.body;
    NodeList *cases = body ? body->u.block.stmts : NULL;
    Node *def = NULL;
    for (int i = 0; cases && i < cases->len; i++) {
        Node *cl = cases->items[i];
        NodeList *vals = cl->u.caseclause.list;
        if (!vals || !vals->len) {
            def = cl;
            continue;
        }
        for (int j = 0; j < vals->len; j++) {
            Node *v = vals->items[j];
            if (v->mode != MODE_CONST || !v->cv || v->cv->kind != x->kind)
                return;
            if (cv_compare(EQL, x, v->cv)) {
                if (has_fallthrough(cl->u.caseclause.body))
                    return;
                for (int k = 0; k < cases->len; k++)
                    if (cases->items[k] != cl)
                        mark_dead(cases->items[k]);
                return;
            }
        }
    }
    if (def) {
        if (has_fallthrough(def->u.caseclause.body))
            return;
        for (int k = 0; k < cases->len; k++)
            if (cases->items[k] != def)
                mark_dead(cases->items[k]);
        return;
    }
    for (int k = 0; cases && k < cases->len; k++)
        mark_dead(cases->items[k]);
}

static void dead_stmts(NodeList *l)
{
    int lastLabel = -1;
    for (int i = 0; l && i < l->len; i++)
        if (l->items[i]->kind == S_LABELED)
            lastLabel = i;
    for (int i = 0; l && i < l->len; i++) {
        Node *n = l->items[i];
        bool cut = false;
        if (n->kind == S_IF && n->u.ifstmt.cond && n->u.ifstmt.cond->mode == MODE_CONST &&
            n->u.ifstmt.cond->cv && n->u.ifstmt.cond->cv->kind == CV_BOOL) {
            Node *live;
            if (n->u.ifstmt.cond->cv->b) {
                mark_dead(n->u.ifstmt.els);
                live = n->u.ifstmt.then;
            } else {
                mark_dead(n->u.ifstmt.then);
                live = n->u.ifstmt.els;
            }
            if (ends_terminating(live) && i > lastLabel)
                cut = true;
        }
        if (n->kind == S_SWITCH)
            dead_switch(n);
        dead_stmt(n);
        if (cut) {
            for (int j = i + 1; j < l->len; j++)
                mark_dead(l->items[j]);
            break;
        }
    }
}

void esc_deadcode(EFunc *fn)
{
    Node *body = fn->decl->kind == D_FUNC ? fn->decl->u.funcdecl.body : fn->decl->u.funclit.body;
    if (body)
        dead_stmts(body->u.block.stmts);
}
