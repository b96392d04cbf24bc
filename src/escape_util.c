/* escape_util.c — what the escape-analysis files share: type facts, tree
 * helpers, the positions gc's noder gives implicit conversions, and the
 * collection of each function's locals and captured variables.
 *
 * Go: cmd/compile/internal/types (HasPointers, IsDirectIface, Size),
 * noder/transform.go (base.Pos at implicit conversions), ir.Func.Dcl and
 * ClosureVars.
 */
#include <gc.h>
#include <string.h>

#include "escape_int.h"
#include "parser.h"

/* ---- types ---- */

Type *esc_under(Type *t) { return t ? type_underlying(t) : NULL; }

bool esc_has_pointers(Type *t)
{
    t = esc_under(t);
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
    t = esc_under(t);
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
    t = esc_under(t);
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
    t = esc_under(t);
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

Node *esc_unparen(Node *n)
{
    while (n && n->kind == E_PAREN)
        n = n->u.unary.x;
    return n;
}

bool esc_is_implicit_conv(Node *n)
{
    if (!n || n->kind != E_CALL || !n->u.call.conv)
        return false;
    Node *f = n->u.call.fun;
    return f->kind == E_IDENT && !f->obj && f->pos.line == n->pos.line && f->pos.col == n->pos.col &&
           n->u.call.args && n->u.call.args->len == 1;
}

Node *esc_conv_arg(Node *n) { return n->u.call.args->items[0]; }

Node *esc_strip_implicit(Node *n)
{
    while (esc_is_implicit_conv(n))
        n = esc_conv_arg(n);
    return n;
}

/* ONAME in gc's IR: a variable or a function name (its position is the
   declaration's, so gc's base.Pos does not move to it). */
static bool is_oname(Node *n)
{
    n = esc_unparen(esc_strip_implicit(n));
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
    n = esc_strip_implicit(n);
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

Pos esc_last_pos(Node *n)
{
    Pos p = n ? n->pos : (Pos){ 0, 0 };
    enter(n, &p);
    return p;
}

Pos esc_last_pos_from(Pos start, Node *n)
{
    Pos p = start;
    enter(n, &p);
    return p;
}

/* gc's typecheckaste: base.Pos starts at start and moves to each operand
   that has a position of its own; an implicit conversion is made there. */
void esc_fix_conv_positions(NodeList *l, int from, Pos start)
{
    Pos p = start;
    for (int i = from; l && i < l->len; i++) {
        Node *a = l->items[i];
        if (!is_oname(a))
            p = esc_strip_implicit(a)->kind == E_PAREN ? esc_unparen(esc_strip_implicit(a))->pos : esc_strip_implicit(a)->pos;
        if (esc_is_implicit_conv(a))
            esc_set_pos(a, p);
    }
}

void esc_fix_conv_at(Node *a, Pos p)
{
    if (esc_is_implicit_conv(a))
        esc_set_pos(a, p);
}

/* ---- collecting a function's locals, literals and captures ---- */

static void each(NodeList *l, VisitFn f, void *ctx)
{
    for (int i = 0; l && i < l->len; i++)
        f(l->items[i], ctx);
}

void esc_children(Node *n, VisitFn f, void *ctx)
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
        esc_children(n, collect_locals, ctx);
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
    esc_children(n, collect_locals, ctx);
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
    esc_children(n, collect_captures, ctx);
}

void esc_collect(EFunc *fn)
{
    Collect c = { fn, fn->decl };
    Node *body = fn->decl->kind == D_FUNC ? fn->decl->u.funcdecl.body : fn->decl->u.funclit.body;
    esc_children(body, collect_locals, &c);
    if (fn->outer)
        esc_children(body, collect_captures, &c);
}

/* ---- a small association list (few entries) ---- */


void esc_pl_add(PtrList *l, const void *k, void *v)
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

void *esc_pl_get(PtrList *l, const void *k)
{
    for (int i = 0; i < l->n; i++)
        if (l->keys[i] == k)
            return l->vals[i];
    return NULL;
}

bool esc_declares(Node *where, Object *o)
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
