/* compile_conv.c — makes Go's implicit conversions to interface types
 * explicit before code generation.
 *
 * Go: cmd/compile/internal/typecheck (assignconv) and walk (OCONVIFACE):
 * wherever a value of one type flows into a place of an interface type —
 * assignment, variable declaration, argument, result, composite literal
 * element, map key, comparison with an interface, switch case — gc inserts
 * a conversion node. This pass does the same on the checked tree: the value
 * x becomes a conversion call I(x) (E_CALL with conv set and type I), so
 * the code generator has exactly one place that builds interface values
 * (cconv in compile_expr.c).
 *
 * Invariant after the pass: an expression of a non-interface type (or of
 * another interface type) never meets an interface-typed destination
 * except through such a conversion node; untyped nil stays untyped nil
 * (the zero interface).
 */
#define COMPILE_INTERNAL
#include "compile.h"

static bool needs_conv(Type *from, Type *to)
{
    if (!from || !to || !type_is_interface(to))
        return false;
    if (from->kind == TY_UNTYPED_NIL || from->kind == TY_TUPLE)
        return false;
    return !types_identical(from, to);
}

static void conv(Node **slot, Type *to)
{
    Node *x = *slot;
    if (x && to && type_is_interface(to) && x->type && x->type->kind == TY_UNTYPED_NIL) {
        x->type = to;       /* the zero interface */
        return;
    }
    if (!x || !needs_conv(etype(x), to))
        return;
    Node *c = ast_new(E_CALL, x->pos);
    c->u.call.conv = true;
    Node *fun = ast_new(E_IDENT, x->pos);     /* the type, as in a written T(x) */
    fun->u.ident.name = type_string(to);
    fun->mode = MODE_TYPEEXPR;
    fun->type = to;
    c->u.call.fun = fun;
    c->u.call.args = ast_list_append(NULL, x);
    c->type = to;
    c->mode = MODE_VALUE;
    *slot = c;
}

typedef struct Ctx {
    Type *sig;      /* the enclosing function's type: results for return */
} Ctx;

static void walk(Node **pn, Ctx *cx);

static void walk_list(NodeList *l, Ctx *cx)
{
    for (int i = 0; l && i < l->len; i++)
        walk(&l->items[i], cx);
}

static Type *under(Type *t)
{
    return t ? type_underlying(t) : NULL;
}

static void walk_composite(Node *e, Ctx *cx)
{
    Type *u = under(e->type);
    if (u && u->kind == TY_POINTER)     /* &T{...} elided in [] *T{{...}} */
        u = under(u->u.pointer.elem);
    NodeList *elts = e->u.composite.elts;
    for (int i = 0; elts && i < elts->len; i++) {
        Node *el = elts->items[i];
        Node **val = &elts->items[i];
        Node **key = NULL;
        if (el->kind == E_KEYVALUE) {
            key = &el->u.binary.x;
            val = &el->u.binary.y;
        }
        if (key && (!u || u->kind != TY_STRUCT))
            walk(key, cx);
        walk(val, cx);
        if (!u)
            continue;
        switch (u->kind) {
        case TY_STRUCT: {
            int fi = i;
            if (key && (*key)->kind == E_IDENT)
                for (int k = 0; k < u->u.strct.nfields; k++)
                    if (strcmp(u->u.strct.fields[k].name, (*key)->u.ident.name) == 0)
                        fi = k;
            if (fi < u->u.strct.nfields)
                conv(val, u->u.strct.fields[fi].type);
            break;
        }
        case TY_ARRAY: conv(val, u->u.array.elem); break;
        case TY_SLICE: conv(val, u->u.slice.elem); break;
        case TY_MAP:
            if (key)
                conv(key, u->u.map.key);
            conv(val, u->u.map.elem);
            break;
        default: break;
        }
    }
}

static void walk_call(Node *e, Ctx *cx)
{
    walk(&e->u.call.fun, cx);
    NodeList *args = e->u.call.args;
    walk_list(args, cx);
    if (e->u.call.conv || !args)
        return;
    Node *fun = e->u.call.fun;
    while (fun->kind == E_PAREN)
        fun = fun->u.unary.x;
    if (fun->mode == MODE_BUILTIN) {
        Builtin b = fun->obj ? fun->obj->builtin : BI_NONE;
        if (b == BI_PANIC && args->len == 1)
            conv(&args->items[0], types_any);
        if (b == BI_DELETE && args->len == 2) {
            Type *mu = under(etype(args->items[0]));
            if (mu && mu->kind == TY_MAP)
                conv(&args->items[1], mu->u.map.key);
        }
        if (b == BI_APPEND && !e->u.call.ellipsis && args->len > 1) {
            Type *su = under(etype(args->items[0]));
            if (su && su->kind == TY_SLICE)
                for (int i = 1; i < args->len; i++)
                    conv(&args->items[i], su->u.slice.elem);
        }
        return;
    }
    Type *sig = under(etype(fun));
    if (!sig || sig->kind != TY_FUNC)
        return;
    if (args->len == 1 && args->items[0]->type && args->items[0]->type->kind == TY_TUPLE)
        return;     /* f(g()): converted as the results are copied (cargs_call) */
    int np = sig->u.func.nparams;
    for (int i = 0; i < args->len; i++) {
        Type *pt;
        if (sig->u.func.variadic && i >= np - 1) {
            if (e->u.call.ellipsis)
                break;
            pt = under(sig->u.func.params[np - 1])->u.slice.elem;
        } else if (i < np) {
            pt = sig->u.func.params[i];
        } else {
            break;
        }
        conv(&args->items[i], pt);
    }
}

static void walk_assign(Node *s, Ctx *cx)
{
    NodeList *lhs = s->u.assign.lhs, *rhs = s->u.assign.rhs;
    walk_list(lhs, cx);
    walk_list(rhs, cx);
    if (s->u.assign.op != '=' && s->u.assign.op != DEFINE)
        return;
    if (!lhs || !rhs || lhs->len != rhs->len)
        return;
    for (int i = 0; i < lhs->len; i++) {
        Node *l = lhs->items[i];
        Type *lt = etype(l);
        if (l->kind == E_IDENT && strcmp(l->u.ident.name, "_") == 0)
            continue;
        conv(&rhs->items[i], lt);
    }
}

static void walk_valuespec(Node *spec, Ctx *cx)
{
    NodeList *names = spec->u.valuespec.names, *values = spec->u.valuespec.values;
    walk_list(values, cx);
    if (!names || !values || names->len != values->len)
        return;
    for (int i = 0; i < names->len; i++) {
        Object *o = names->items[i]->obj;
        if (o && o->type)
            conv(&values->items[i], o->type);
    }
}

static void walk_binary(Node *e, Ctx *cx)
{
    walk(&e->u.binary.x, cx);
    walk(&e->u.binary.y, cx);
    int op = e->u.binary.op;
    if (op != EQL && op != NEQ)
        return;
    Type *xt = etype(e->u.binary.x), *yt = etype(e->u.binary.y);
    if (xt && type_is_interface(xt))
        conv(&e->u.binary.y, xt);
    else if (yt && type_is_interface(yt))
        conv(&e->u.binary.x, yt);
}

static void walk_switch(Node *s, Ctx *cx)
{
    walk(&s->u.switchstmt.init, cx);
    walk(&s->u.switchstmt.tag, cx);
    Type *tt = s->u.switchstmt.tag ? etype(s->u.switchstmt.tag) : NULL;
    NodeList *clauses = s->u.switchstmt.body->u.block.stmts;
    for (int i = 0; clauses && i < clauses->len; i++) {
        Node *cc = clauses->items[i];
        NodeList *list = cc->u.caseclause.list;
        walk_list(list, cx);
        for (int k = 0; tt && list && k < list->len; k++)
            if (type_is_interface(tt))
                conv(&list->items[k], tt);
        walk_list(cc->u.caseclause.body, cx);
    }
}

static void walk_return(Node *s, Ctx *cx)
{
    NodeList *res = s->u.ret.results;
    walk_list(res, cx);
    Type *sig = cx->sig ? under(cx->sig) : NULL;
    if (!res || !sig || sig->kind != TY_FUNC || res->len != sig->u.func.nresults)
        return;
    for (int i = 0; i < res->len; i++)
        conv(&res->items[i], sig->u.func.results[i]);
}

static void walk(Node **pn, Ctx *cx)
{
    Node *n = *pn;
    if (!n)
        return;
    switch (n->kind) {
    case E_COMPOSITE: walk_composite(n, cx); break;
    case E_FUNCLIT: {
        Ctx inner = { n->type };
        walk(&n->u.funclit.body, &inner);
        break;
    }
    case E_PAREN: case E_STAR: case E_UNARY: walk(&n->u.unary.x, cx); break;
    case E_SELECTOR: walk(&n->u.selector.x, cx); break;
    case E_INDEX: {
        walk(&n->u.index.x, cx);
        walk(&n->u.index.index, cx);
        Type *u = under(etype(n->u.index.x));
        if (u && u->kind == TY_MAP)
            conv(&n->u.index.index, u->u.map.key);
        break;
    }
    case E_SLICE:
        walk(&n->u.slice.x, cx);
        walk(&n->u.slice.lo, cx);
        walk(&n->u.slice.hi, cx);
        walk(&n->u.slice.max, cx);
        break;
    case E_TYPEASSERT: walk(&n->u.typeassert.x, cx); break;
    case E_CALL: walk_call(n, cx); break;
    case E_BINARY: walk_binary(n, cx); break;
    case E_KEYVALUE: walk(&n->u.binary.x, cx); walk(&n->u.binary.y, cx); break;
    case S_DECL: walk(&n->u.decl.decl, cx); break;
    case D_VAR: walk_valuespec(n, cx); break;
    case D_GROUP:
        for (int i = 0; n->u.group.specs && i < n->u.group.specs->len; i++)
            walk(&n->u.group.specs->items[i], cx);
        break;
    case S_LABELED: walk(&n->u.labeled.stmt, cx); break;
    case S_EXPR: walk(&n->u.exprstmt.x, cx); break;
    case S_SEND: {
        walk(&n->u.binary.x, cx);
        walk(&n->u.binary.y, cx);
        Type *u = under(etype(n->u.binary.x));
        if (u && u->kind == TY_CHAN)
            conv(&n->u.binary.y, u->u.chan.elem);
        break;
    }
    case S_INCDEC: walk(&n->u.incdec.x, cx); break;
    case S_ASSIGN: walk_assign(n, cx); break;
    case S_GO: case S_DEFER: walk(&n->u.gostmt.call, cx); break;
    case S_RETURN: walk_return(n, cx); break;
    case S_BLOCK: walk_list(n->u.block.stmts, cx); break;
    case S_IF:
        walk(&n->u.ifstmt.init, cx);
        walk(&n->u.ifstmt.cond, cx);
        walk(&n->u.ifstmt.then, cx);
        walk(&n->u.ifstmt.els, cx);
        break;
    case S_CASE: walk_list(n->u.caseclause.list, cx); walk_list(n->u.caseclause.body, cx); break;
    case S_COMM: walk(&n->u.commclause.comm, cx); walk_list(n->u.commclause.body, cx); break;
    case S_SWITCH: walk_switch(n, cx); break;
    case S_TYPESWITCH:
        walk(&n->u.switchstmt.init, cx);
        walk(&n->u.switchstmt.assign, cx);
        walk(&n->u.switchstmt.body, cx);
        break;
    case S_SELECT: walk(&n->u.selectstmt.body, cx); break;
    case S_FOR:
        walk(&n->u.forstmt.init, cx);
        walk(&n->u.forstmt.cond, cx);
        walk(&n->u.forstmt.post, cx);
        walk(&n->u.forstmt.body, cx);
        break;
    case S_RANGE: walk(&n->u.rangestmt.x, cx); walk(&n->u.rangestmt.body, cx); break;
    default: break;
    }
}

void insert_iface_convs(Package *pkg)
{
    for (int i = 0; i < pkg->nfuncs; i++) {
        Object *o = pkg->funcs[i];
        Node *d = o->decl;
        if (!d || d->kind != D_FUNC || !d->u.funcdecl.body)
            continue;
        Ctx cx = { o->type };
        walk(&d->u.funcdecl.body, &cx);
    }
    for (int i = 0; i < pkg->ninits; i++) {
        Initializer *in = &pkg->inits[i];
        Ctx cx = { NULL };
        walk(&in->rhs, &cx);
        if (in->nlhs == 1 && in->lhs[0] && in->lhs[0]->type)
            conv(&in->rhs, in->lhs[0]->type);
    }
}
