/* escape_prep.c — what gc does to a function before escape analysis sees
 * it, recorded beside mini's tree (which the compiler reads and must not
 * change): static values of variables assigned once, devirtualized
 * interface calls, the early temporaries gc's noder makes (.autotmp_N in
 * the report) and the branches the deadcode pass drops.
 *
 * Go: cmd/compile/internal/ir (StaticValue, Reassigned), devirtualize,
 * typecheck (TempAt, RewriteMultiValueCall), deadcode.
 */
#include <gc.h>
#include <string.h>

#include "escape_int.h"
#include "parser.h"

/* ---- single definitions (StaticValue) ---- */

/* gc's ir.StaticValue: the value a local assigned once holds. */

bool esc_only_defined(Object *o, Node **rhs);

Node *esc_static_value(Node *f, int depth)
{
    f = esc_unparen(f);
    if (!f || depth > 8)
        return f;
    if (f->kind == E_IDENT && f->obj && f->obj->kind == OBJ_VAR && !f->obj->is_global && !f->obj->is_param) {
        Node *rhs;
        if (esc_only_defined(f->obj, &rhs) && rhs)
            return esc_static_value(rhs, depth + 1);
    }
    return f;
}


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
            Node *l = esc_unparen(lhs->items[i]);
            if (l && l->kind == E_IDENT && l->obj == s->o) {
                if (n->u.assign.op == DEFINE && esc_declares(n, s->o) && lhs->len == n->u.assign.rhs->len) {
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
        if (x && esc_unparen(x)->kind == E_IDENT && esc_unparen(x)->obj == s->o)
            s->other = true;
        if (n->kind == S_RANGE) {
            Node *k = n->u.rangestmt.key, *v = n->u.rangestmt.value;
            if ((k && k->obj == s->o) || (v && v->obj == s->o))
                s->other = true;
        }
    } else if (n->kind == E_FUNCLIT) {
        esc_children(n->u.funclit.body, scan_defs, ctx);
        return;
    }
    esc_children(n, scan_defs, ctx);
}

bool esc_only_defined(Object *o, Node **rhs)
{
    *rhs = NULL;
    if (o->addr_taken || !o->func)
        return false;
    Node *body = o->func->kind == D_FUNC ? o->func->u.funcdecl.body : o->func->u.funclit.body;
    DefScan s = { o, NULL, 0, false };
    esc_children(body, scan_defs, &s);
    if (s.defs != 1 || s.other)
        return false;
    *rhs = s.rhs;
    return true;
}

/* ---- devirtualization (devirtualize.go) ---- */

static PtrList devirt_calls;

static void devirt_visit(Node *n, void *ctx)
{
    if (n->kind == E_FUNCLIT)
        return;
    esc_children(n, devirt_visit, ctx);
    if (n->kind != E_CALL || n->u.call.conv)
        return;
    Node *f = esc_unparen(n->u.call.fun);
    if (!f || f->kind != E_SELECTOR || f->u.selector.x->mode == MODE_PACKAGE ||
        f->u.selector.x->mode == MODE_TYPEEXPR)
        return;
    Node *x = esc_unparen(f->u.selector.x);
    if (!type_is_interface(x->type))
        return;
    Node *sv = esc_static_value(x, 0);
    if (!sv || sv == x || sv->kind != E_CALL || !sv->u.call.conv || !type_is_interface(sv->type))
        return;
    Type *t = esc_conv_arg(sv)->type;
    if (!t || type_is_interface(t) || type_is_untyped(t))
        return;
    Selection s = type_lookup(t, f->u.selector.sel->u.ident.name);
    if (s.kind != SEL_METHOD)
        return;
    esc_info(n->pos, ast_sprintf("devirtualizing %s to %s", esc_expr_string(f), type_string(t)));
    esc_pl_add(&devirt_calls, n, t);
}

void esc_devirtualize(EFunc *fn)
{
    Node *body = fn->decl->kind == D_FUNC ? fn->decl->u.funcdecl.body : fn->decl->u.funclit.body;
    esc_children(body, devirt_visit, NULL);
}


Type *esc_devirtualized(Node *call)
{
    return esc_pl_get(&devirt_calls, call);
}

/* ---- gc's early temporaries (.autotmp_N) ---- */

static PtrList temps;   /* Node* -> (void *)(intptr_t)(N + 1) */

int esc_temp_of(Node *n)
{
    void *v = n ? esc_pl_get(&temps, n) : NULL;
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
    n = esc_unparen(n);
    return n && n->kind == E_CALL && !n->u.call.conv && !(esc_unparen(n->u.call.fun)->mode == MODE_BUILTIN);
}

static void number_visit(Node *n, void *ctx)
{
    TempCtx *c = ctx;
    if (n->kind == E_FUNCLIT)
        return;
    esc_children(n, number_visit, ctx);
    if (n->kind == E_CALL && !n->u.call.conv) {
        Node *f = esc_unparen(n->u.call.fun);
        if (f->mode == MODE_BUILTIN)
            return;
        if (plain_call(f))
            esc_pl_add(&temps, f, (void *)(intptr_t)(new_temp(c->fn, n->pos) + 1));
        if (f->kind == E_SELECTOR && plain_call(f->u.selector.x) && f->u.selector.x->mode != MODE_TYPEEXPR) {
            Selection s = type_lookup(f->u.selector.x->type, f->u.selector.sel->u.ident.name);
            if (s.kind == SEL_METHOD || s.kind == SEL_IFACE_METHOD)
                esc_pl_add(&temps, esc_unparen(f->u.selector.x), (void *)(intptr_t)(new_temp(c->fn, n->pos) + 1));
        }
        NodeList *a = n->u.call.args;
        if (a && a->len == 1 && a->items[0]->type && a->items[0]->type->kind == TY_TUPLE) {
            int nt = a->items[0]->type->u.tuple.n;
            int first = new_temp(c->fn, n->pos);
            for (int i = 1; i < nt; i++)
                new_temp(c->fn, n->pos);
            esc_pl_add(&temps, a->items[0], (void *)(intptr_t)(first + 1));
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
    esc_children(body, number_visit, &c);
}

/* ---- dead code (deadcode.go): branches gc drops before escape analysis ---- */

static PtrList deadset;

bool esc_is_dead(Node *n)
{
    return n && esc_pl_get(&deadset, n) != NULL;
}

static void mark_dead(Node *n)
{
    if (n && !esc_is_dead(n))
        esc_pl_add(&deadset, n, n);
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
        Node *x = esc_unparen(last->u.exprstmt.x);
        Node *f = x && x->kind == E_CALL ? esc_unparen(x->u.call.fun) : NULL;
        return f && f->mode == MODE_BUILTIN && f->obj && f->obj->builtin == BI_PANIC;
    }
    return false;
}

static void dead_switch(Node *n)
{
    Node *tag = n->u.switchstmt.tag;
    ConstVal *x;
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

void esc_walk_reset(void)
{
    devirt_calls = (PtrList){ 0 };
    temps = (PtrList){ 0 };
    deadset = (PtrList){ 0 };
}
