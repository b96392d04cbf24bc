/* check_decl.c — constant, variable, type and function declarations, at
 * package level (via obj_decl) and inside functions (decl_stmt); function
 * bodies and the "declared but not used" check.
 *
 * Go: cmd/compile/internal/types2 decl.go (constDecl, varDecl, typeDecl,
 * funcDecl, declStmt), stmt.go (funcBody, usage), signature.go (receiver
 * validation).
 *
 * Invariants:
 *  - A declared object has a non-NULL type when its declaration finishes
 *    (types_invalid after an error).
 *  - Local variables are collected in c->fvars for the function being checked;
 *    usage() reports the unused ones, sorted by position, once per function
 *    body (function literals report their own).
 */
#include <stdlib.h>
#include "check_int.h"

/* ---------------------------------------------------------------- consts */

bool is_const_type(Type *t) {
    Type *u = type_underlying(t);
    return u && u->kind > TY_INVALID && u->kind < TY_BASIC_COUNT && u->kind != TY_UNTYPED_NIL;
}

void const_decl(Checker *c, Object *obj, Node *typ, Node *init, bool inherited) {
    ConstVal *iota = c->iota;
    bool has_errpos = c->has_errpos; Pos errpos = c->errpos;
    c->iota = obj->cv ? obj->cv : cv_int(0);
    c->has_errpos = false;
    obj->cv = NULL;
    if (typ) {
        Type *t = check_typexpr(c, typ);
        if (!is_const_type(t)) {
            if (type_underlying(t) != types_invalid && t != types_invalid)
                check_errorf(c, start_pos(typ), "invalid constant type %s", type_string(t));
            obj->type = types_invalid;
            goto out;
        }
        obj->type = t;
    }
    Operand x;
    memset(&x, 0, sizeof x);
    if (init) {
        if (inherited) { c->has_errpos = true; c->errpos = obj->pos; }
        check_expr(c, &x, init);
    }
    init_const(c, obj, &x);
out:
    if (!obj->type) obj->type = types_invalid;
    c->iota = iota;
    c->has_errpos = has_errpos; c->errpos = errpos;
}

/* ---------------------------------------------------------------- vars */

void var_decl(Checker *c, Object *obj, Object **lhs, int nlhs, Node *typ, Node *init) {
    if (typ) obj->type = check_typexpr(c, typ);
    if (!init) {
        if (!typ) obj->type = types_invalid;
        goto out;
    }
    if (!lhs || nlhs == 1) {
        Operand x;
        check_expr_with_hint(c, &x, init, obj->type);
        init_var(c, obj, &x, "variable declaration");
        goto out;
    }
    if (typ)
        for (int i = 0; i < nlhs; i++) lhs[i]->type = obj->type;
    NodeList one = { 1, 1, &init };
    init_vars(c, lhs, nlhs, &one, NULL);
out:
    if (!obj->type) obj->type = types_invalid;
    if (obj->type == types_invalid) obj->used = true;
    for (int i = 0; lhs && i < nlhs; i++) {
        if (!lhs[i]->type) lhs[i]->type = types_invalid;
        if (lhs[i]->type == types_invalid) lhs[i]->used = true;
        lhs[i]->color = 2;
    }
}

/* ---------------------------------------------------------------- types */

void type_decl(Checker *c, Object *obj, Node *spec, Type *def) {
    (void)def;
    Node *rhs = spec ? spec->u.typespec.type : NULL;
    if (spec && spec->u.typespec.alias) {
        obj->type = types_invalid;   /* broken until resolved */
        Type *t = check_typexpr(c, rhs);
        obj->type = t;
        return;
    }
    Type *named = type_new_named(obj, NULL);
    named->u.named.pkg = c->pkgpath;
    obj->type = named;
    Type *t = check_typexpr(c, rhs);
    Type *u = under_raw(t);
    if (t->kind == TY_NAMED && !u) {
        /* The rhs is a named type still being resolved. Only a chain of
           declarations of the form `type A B` is a cycle (type A B; type B A);
           otherwise (type T1 struct{ *T2 }; type T2 T1) the underlying type is
           known once T1 is done (types2 resolves Named.under lazily). */
        if (name_chain_cycle(c, t)) {
            report_type_cycle(c, t);
            u = types_invalid;
        } else {
            PUSH(c->pending, c->npending, c->cappending, named);
            PUSH(c->pending_src, c->npending_src, c->cappending_src, t);
            check_valid_type(c, obj);
            return;
        }
    }
    if (!named->u.named.underlying)
        named->u.named.underlying = u ? u : types_invalid;
    /* propagate to types defined as this one while it was being resolved */
    for (bool changed = true; changed; ) {
        changed = false;
        for (int i = 0; i < c->npending; i++) {
            Type *src = c->pending_src[i];
            if (!c->pending[i] || !under_raw(src)) continue;
            if (!c->pending[i]->u.named.underlying) c->pending[i]->u.named.underlying = under_raw(src);
            c->pending[i] = NULL;
            changed = true;
        }
    }
    check_valid_type(c, obj);
}

/* ---------------------------------------------------------------- funcs */

static void validate_receiver(Checker *c, Object *recv, Node *rtypeexpr) {
    if (!recv || !recv->type || recv->type == types_invalid) return;
    Type *rt = recv->type;
    if (rt->kind == TY_POINTER) rt = rt->u.pointer.elem;
    if (rt == types_invalid || rt->kind == TY_INVALID) return;
    Pos pos = recv->pos;
    if (rtypeexpr && (!recv->name || !recv->name[0] || recv->pos.line == 0)) pos = start_pos(rtypeexpr);
    if (rt->kind == TY_NAMED) {
        if (rt->u.named.pkg != c->pkgpath && !(rt->u.named.pkg && c->pkgpath && strcmp(rt->u.named.pkg, c->pkgpath) == 0)) {
            check_errorf(c, pos, "cannot define new methods on non-local type %s", type_string(rt));
            return;
        }
        Type *u = type_underlying(rt);
        if (u && (u->kind == TY_POINTER || u->kind == TY_INTERFACE))
            check_errorf(c, pos, "invalid receiver type %s (pointer or interface type)", type_string(rt));
        return;
    }
    if (rt->kind < TY_BASIC_COUNT)
        check_errorf(c, pos, "cannot define new methods on non-local type %s", type_string(rt));
    else
        check_errorf(c, pos, "invalid receiver type %s", type_string(recv->type));
}

void func_decl(Checker *c, Object *obj, Node *fd) {
    obj->type = type_new_func(NULL, NULL, 0, NULL, NULL, 0, false);   /* guard against cycles */
    Scope *fscope = scope_new(c->scope, SCOPE_FUNC);
    fscope->func = fd;
    fd->scope = fscope;
    int saved = obj->color;
    obj->color = 2;
    Object **params = NULL; int nparams = 0;
    Scope *outer = c->scope;
    c->scope = fscope;
    Type *sig = check_functype(c, fd->u.funcdecl.recv, fd->u.funcdecl.type, fscope, fd, &params, &nparams);
    c->scope = outer;
    obj->color = saved;
    obj->type = sig;
    if (fd->u.funcdecl.recv && fd->u.funcdecl.recv->len > 0) {
        Object *recv = nparams > 0 ? params[0] : NULL;
        Node *rf = fd->u.funcdecl.recv->items[0];
        if (recv && rf && rf->u.field.names && rf->u.field.names->len > 0) {
            validate_receiver(c, recv, rf->u.field.type);
        } else if (rf && rf->u.field.type && rf->u.field.type->type) {
            Object tmp = { .type = rf->u.field.type->type, .pos = start_pos(rf->u.field.type) };
            validate_receiver(c, &tmp, rf->u.field.type);
        }
        /* keep the named type's Method.sig in sync */
        Type *rt = rf && rf->u.field.type ? rf->u.field.type->type : NULL;
        if (rt && rt->kind == TY_POINTER) rt = rt->u.pointer.elem;
        if (rt && rt->kind == TY_NAMED)
            for (int i = 0; i < rt->u.named.nmethods; i++)
                if (rt->u.named.methods[i].obj == obj) rt->u.named.methods[i].sig = sig;
    }
}

/* ---------------------------------------------------------------- bodies */

void declare_local_var(Checker *c, Scope *s, Node *ident, Object *obj) {
    obj->func = c->func;
    if (declare(c, s, ident, obj))
        PUSH(c->fvars, c->nfvars, c->capfvars, obj);
}

static int pos_cmp(const void *a, const void *b) {
    const Object *x = *(Object *const *)a, *y = *(Object *const *)b;
    if (x->pos.line != y->pos.line) return x->pos.line < y->pos.line ? -1 : 1;
    if (x->pos.col != y->pos.col) return x->pos.col < y->pos.col ? -1 : 1;
    return 0;
}

void usage(Checker *c) {
    Object **un = NULL; int n = 0, cap = 0;
    for (int i = 0; i < c->nfvars; i++) {
        Object *v = c->fvars[i];
        if (v->kind == OBJ_VAR && !v->used) PUSH(un, n, cap, v);
    }
    if (n > 1) qsort(un, (size_t)n, sizeof(Object *), pos_cmp);
    for (int i = 0; i < n; i++)
        check_soft_errorf(c, un[i]->pos, "%s declared but not used", un[i]->name);
}

void func_body(Checker *c, Node *func, Type *sig, Node *body, Scope *fscope) {
    if (!body || !sig || sig->kind != TY_FUNC) return;
    Scope *scope = c->scope; Node *f = c->func; Type *s = c->sig;
    Object **fvars = c->fvars; int nfvars = c->nfvars, capfvars = c->capfvars;
    bool has_label = c->has_label;
    bool body_syntax_err = c->body_syntax_err;
    c->body_syntax_err = false;
    ConstVal *iota = c->iota;
    c->fvars = NULL; c->nfvars = 0; c->capfvars = 0;
    c->has_label = false;
    c->scope = fscope;
    c->func = func;
    c->sig = sig;
    c->iota = NULL;
    body->scope = fscope;

    check_stmt_list(c, 0, body->u.block.stmts);
    /* gc's parser checks break/continue/fallthrough placement and labels,
       only for bodies without syntax errors */
    if (!c->body_syntax_err) check_labels(c, body);
    if (sig->u.func.nresults > 0 && !is_terminating(body, NULL))
        check_errorf(c, body->u.block.rbrace, "missing return");
    usage(c);

    c->fvars = fvars; c->nfvars = nfvars; c->capfvars = capfvars;
    c->has_label = has_label;
    c->body_syntax_err = body_syntax_err;
    c->scope = scope; c->func = f; c->sig = s; c->iota = iota;
}

/* ---------------------------------------------------------------- declStmt */

static void local_const_spec(Checker *c, Node *s) {
    NodeList *names = s->u.valuespec.names;
    NodeList *values = s->u.valuespec.values;
    int nn = names ? names->len : 0, nv = values ? values->len : 0;
    Object **lhs = GC_MALLOC(sizeof(Object *) * (size_t)(nn ? nn : 1));
    for (int i = 0; i < nn; i++) {
        Node *id = names->items[i];
        Object *obj = object_new(OBJ_CONST, id->u.ident.name, id->pos, NULL);
        obj->decl = s;
        obj->cv = cv_int(s->u.valuespec.iota);
        lhs[i] = obj;
        const_decl(c, obj, s->u.valuespec.type, i < nv ? values->items[i] : NULL, s->u.valuespec.implicit);
        obj->color = 2;
    }
    /* arity */
    if (nn < nv) {
        Node *n = values->items[nn];
        if (s->u.valuespec.implicit)
            check_errorf(c, s->pos, "extra init expr at %s", pos_string(c, n->pos));
        else
            check_errorf(c, start_pos(n), "extra init expr %s", expr_string(n));
    } else if (nn > nv) {
        check_errorf(c, names->items[nv]->pos, "missing init expr for %s", names->items[nv]->u.ident.name);
    }
    for (int i = 0; i < nn; i++) declare(c, c->scope, names->items[i], lhs[i]);
}

static void local_var_spec(Checker *c, Node *s) {
    NodeList *names = s->u.valuespec.names;
    NodeList *values = s->u.valuespec.values;
    int nn = names ? names->len : 0, nv = values ? values->len : 0;
    Object **lhs0 = GC_MALLOC(sizeof(Object *) * (size_t)(nn ? nn : 1));
    for (int i = 0; i < nn; i++) {
        Node *id = names->items[i];
        lhs0[i] = object_new(OBJ_VAR, id->u.ident.name, id->pos, NULL);
        lhs0[i]->decl = s;
        lhs0[i]->func = c->func;
    }
    for (int i = 0; i < nn; i++) {
        Object **lhs = NULL; int nlhs = 0;
        Node *init = NULL;
        if (nv == nn) init = values->items[i];
        else if (nv == 1) { lhs = lhs0; nlhs = nn; init = values->items[0]; }
        else if (i < nv) init = values->items[i];
        var_decl(c, lhs0[i], lhs, nlhs, s->u.valuespec.type, init);
        if (nv == 1) break;
    }
    for (int i = 0; i < nn; i++) {
        if (!lhs0[i]->type) lhs0[i]->type = types_invalid;
        lhs0[i]->color = 2;
    }
    if (!s->u.valuespec.type || values) {
        if (nn < nv) {
            Node *n = values->items[nn];
            check_errorf(c, start_pos(n), "extra init expr %s", expr_string(n));
        } else if (nn > nv && nv != 1) {
            check_errorf(c, names->items[nv]->pos, "missing init expr for %s", names->items[nv]->u.ident.name);
        }
    }
    for (int i = 0; i < nn; i++) declare_local_var(c, c->scope, names->items[i], lhs0[i]);
}

void decl_stmt(Checker *c, Node *decl) {
    if (!decl) return;
    switch (decl->kind) {
    case D_GROUP:
        if (decl->u.group.specs)
            for (int i = 0; i < decl->u.group.specs->len; i++) decl_stmt(c, decl->u.group.specs->items[i]);
        break;
    case D_CONST: local_const_spec(c, decl); break;
    case D_VAR: local_var_spec(c, decl); break;
    case D_TYPE: {
        Node *nm = decl->u.typespec.name;
        if (!nm) break;
        Object *obj = object_new(OBJ_TYPE, nm->u.ident.name, nm->pos, NULL);
        obj->decl = decl;
        declare(c, c->scope, nm, obj);
        obj->color = 1;
        path_push(obj);
        type_decl(c, obj, decl, NULL);
        path_pop();
        obj->color = 2;
        break;
    }
    default:
        break;
    }
}
