/* check_assign.c — assignability, initialization and assignment: var and
 * const initializers, `=`, `:=`, return values, and the reasons gc prints
 * when a value does not fit.
 *
 * Go: cmd/compile/internal/types2 assignments.go (assignment, initConst,
 * initVar, assignVar, initVars, assignVars, shortVarDecl), operand.go
 * (assignableTo), lookup.go (missingMethodReason).
 *
 * Invariants:
 *  - After assignment() succeeds, x's type is typed (untyped constants have
 *    been converted and their nodes updated), except for untyped nil assigned
 *    to a blank identifier, which is an error.
 *  - A variable whose initialization failed is marked used, so that no
 *    follow-on "declared but not used" is reported (as types2 does).
 */
#include "check_int.h"

/* "m(int) string": a method's name and signature for have/want lines. */
static const char *func_string(const char *name, Type *sig) {
    const char *s = type_string(sig);
    if (strncmp(s, "func", 4) == 0) s += 4;
    return strbuf_printf("%s%s", name, s);
}

/* Why V does not implement interface T, gc's compiler wording, or NULL. */
const char *missing_method_reason(Type *V, Type *T, const char *missing, bool wrong_ptr) {
    Type *tu = type_underlying(T);
    Type *want = NULL;
    if (tu && tu->kind == TY_INTERFACE)
        for (int i = 0; i < tu->u.iface.nmethods; i++)
            if (strcmp(tu->u.iface.methods[i].name, missing) == 0) want = tu->u.iface.methods[i].sig;
    if (wrong_ptr) return strbuf_printf("(%s method has pointer receiver)", missing);
    Selection s = type_lookup(V, missing);
    if ((s.kind == SEL_METHOD || s.kind == SEL_IFACE_METHOD) && want) {
        Type *have = s.obj && s.obj->type ? s.obj->type : s.type;
        return strbuf_printf("(wrong type for %s method)\n\t\thave %s\n\t\twant %s", missing,
                             func_string(missing, have), func_string(missing, want));
    }
    if (missing[0]) {
        char *alt = strbuf_printf("%s", missing);
        if (alt[0] >= 'A' && alt[0] <= 'Z') alt[0] = (char)(alt[0] - 'A' + 'a');
        else if (alt[0] >= 'a' && alt[0] <= 'z') alt[0] = (char)(alt[0] - 'a' + 'A');
        Selection s2 = type_lookup(V, alt);
        if ((s2.kind == SEL_METHOD || s2.kind == SEL_IFACE_METHOD) && want) {
            Type *have = s2.obj && s2.obj->type ? s2.obj->type : s2.type;
            return strbuf_printf("(missing %s method)\n\t\thave %s\n\t\twant %s", missing,
                                 func_string(alt, have), func_string(missing, want));
        }
    }
    Type *vu = type_underlying(V);
    if (vu && vu->kind == TY_POINTER && type_is_interface(vu->u.pointer.elem))
        return strbuf_printf("(type %s is pointer to interface, not interface)", type_string(V));
    return strbuf_printf("(missing %s method)", missing);
}

static bool has_name(Type *t) {
    return t && (t->kind == TY_NAMED || (t->kind > TY_INVALID && t->kind < TY_BASIC_COUNT));
}

/* types2 operand.assignableTo, with gc's reason text. */
bool assignable_to(Checker *c, Operand *x, Type *T, const char **reason) {
    if (reason) *reason = NULL;
    if (x->mode == MODE_INVALID || !T || T == types_invalid || T->kind == TY_INVALID) return true;
    Type *V = x->type;
    if (!V || V == types_invalid) return true;
    if (types_identical(V, T)) return true;
    Type *Vu = type_underlying(V), *Tu = type_underlying(T);
    if (!Vu || !Tu) return false;
    if (Vu == types_invalid || Tu == types_invalid) return true;   /* reported before */
    if (type_is_untyped(Vu)) {
        Type *nt; ConstVal *val; int code;
        return implicit_type_and_value(c, x, T, &nt, &val, &code);
    }
    if (types_identical(Vu, Tu) && (!has_name(V) || !has_name(T))) return true;
    if (Tu->kind == TY_INTERFACE) {
        const char *missing = NULL; bool wrong_ptr = false;
        if (!type_implements(V, T, &missing, &wrong_ptr)) {
            if (reason)
                *reason = strbuf_printf("%s does not implement %s %s", type_string(V), type_string(T),
                                        missing_method_reason(V, T, missing ? missing : "", wrong_ptr));
            return false;
        }
        return true;
    }
    if (Tu->kind == TY_POINTER && type_is_interface(Tu->u.pointer.elem)) {
        if (reason)
            *reason = strbuf_printf("%s does not implement %s (type %s is pointer to interface, not interface)",
                                    type_string(V), type_string(T), type_string(T));
        return false;
    }
    if (Vu->kind == TY_INTERFACE) {
        const char *missing = NULL; bool wrong_ptr = false;
        if (type_implements(T, V, &missing, &wrong_ptr)) {
            if (reason) *reason = "need type assertion";
            return false;
        }
    }
    if (Vu->kind == TY_CHAN && Vu->u.chan.dir == CHAN_BOTH && Tu->kind == TY_CHAN &&
        types_identical(Vu->u.chan.elem, Tu->u.chan.elem))
        return !has_name(V) || !has_name(T);
    return false;
}

/* ---------------------------------------------------------------- assignment */

void assignment(Checker *c, Operand *x, Type *T, const char *context) {
    single_value(c, x);
    switch (x->mode) {
    case MODE_INVALID: return;
    case MODE_CONST: case MODE_VAR: case MODE_MAPINDEX: case MODE_VALUE: case MODE_COMMAOK: break;
    default:
        check_errorf(c, start_pos(x->expr), "cannot assign %s to %s in %s", operand_string(x),
                     T ? type_string(T) : "_", context);
        x->mode = MODE_INVALID;
        return;
    }
    if (type_is_untyped(x->type)) {
        Type *target = T;
        if (x->type->kind == TY_UNTYPED_NIL) {
            if (!T) {
                check_errorf(c, start_pos(x->expr), "use of untyped nil in %s", context);
                x->mode = MODE_INVALID;
                return;
            }
        } else if (!T || type_is_interface(T)) {
            target = type_default(x->type);
        }
        Type *nt; ConstVal *val; int code;
        if (!implicit_type_and_value(c, x, target, &nt, &val, &code)) {
            const char *msg = strbuf_printf("cannot use %s as %s value in %s", operand_string(x), type_string(target), context);
            if (code == 1) msg = strbuf_printf("%s (truncated)", msg);
            else if (code == 2) msg = strbuf_printf("%s (overflows)", msg);
            check_errorf(c, start_pos(x->expr), "%s", msg);
            x->mode = MODE_INVALID;
            return;
        }
        if (val) {
            x->val = val;
            if (x->expr && x->expr->mode == MODE_CONST) x->expr->cv = val;
        }
        if (nt != x->type) {
            x->type = nt;
            update_expr_type(c, x->expr, nt, false);
        }
    }
    if (!T) return;
    const char *reason = NULL;
    if (!assignable_to(c, x, T, &reason)) {
        if (reason)
            check_errorf(c, start_pos(x->expr), "cannot use %s as type %s in %s:\n\t%s", operand_string(x),
                         type_string(T), context, reason);
        else
            check_errorf(c, start_pos(x->expr), "cannot use %s as type %s in %s", operand_string(x),
                         type_string(T), context);
        x->mode = MODE_INVALID;
    }
}

void init_const(Checker *c, Object *lhs, Operand *x) {
    if (x->mode == MODE_INVALID || !x->type || x->type == types_invalid || lhs->type == types_invalid) {
        if (!lhs->type) lhs->type = types_invalid;
        return;
    }
    if (x->mode != MODE_CONST) {
        check_errorf(c, start_pos(x->expr), "%s is not constant", operand_string(x));
        if (!lhs->type) lhs->type = types_invalid;
        return;
    }
    if (!lhs->type) lhs->type = x->type;
    assignment(c, x, lhs->type, "constant declaration");
    if (x->mode == MODE_INVALID) return;
    lhs->cv = x->val;
}

Type *init_var(Checker *c, Object *lhs, Operand *x, const char *context) {
    if (x->mode == MODE_INVALID || !x->type || x->type == types_invalid || lhs->type == types_invalid) {
        if (!lhs->type) lhs->type = types_invalid;
        lhs->used = true;
        return NULL;
    }
    if (!lhs->type) {
        Type *t = x->type;
        if (type_is_untyped(t)) {
            if (t->kind == TY_UNTYPED_NIL) {
                check_errorf(c, start_pos(x->expr), "use of untyped nil in %s", context);
                lhs->type = types_invalid;
                return NULL;
            }
            t = type_default(t);
        }
        lhs->type = t;
    }
    assignment(c, x, lhs->type, context);
    if (x->mode == MODE_INVALID) {
        lhs->used = true;
        return NULL;
    }
    return x->type;
}

void assign_error(Checker *c, NodeList *rhs, int nvars, int nvals) {
    const char *vars = strbuf_printf("%d variable%s", nvars, nvars != 1 ? "s" : "");
    const char *vals = strbuf_printf("%d value%s", nvals, nvals != 1 ? "s" : "");
    Node *rhs0 = rhs->items[0];
    if (rhs->len == 1) {
        Node *call = unparen(rhs0);
        if (call && call->kind == E_CALL) {
            check_errorf(c, start_pos(rhs0), "assignment mismatch: %s but %s returns %s", vars,
                         expr_string(call->u.call.fun), vals);
            return;
        }
    }
    check_errorf(c, start_pos(rhs0), "assignment mismatch: %s but %s", vars, vals);
}

static void record_commaok(Node *rhs0, Type *a, Type *b) {
    /* The comma-ok expression's node gets a 2-tuple type (value, bool), as
       types2 recordCommaOkTypes; mode stays MODE_COMMAOK/MODE_MAPINDEX. */
    Node *e = rhs0;
    Type **ts = GC_MALLOC(sizeof(Type *) * 2);
    ts[0] = a ? a : types_invalid;
    ts[1] = b ? b : types_basic[TY_BOOL];
    for (int guard = 0; e && guard < 10000; guard++) {
        e->type = type_new_tuple(ts, 2);
        if (e->kind != E_PAREN) break;
        e = e->u.unary.x;
    }
}

void init_vars(Checker *c, Object **lhs, int nlhs, NodeList *orig_rhs, Node *return_stmt) {
    int nrhs = 0; bool commaok = false;
    Operand *rhs = check_expr_list(c, orig_rhs, nlhs == 2 && !return_stmt, &nrhs, &commaok);
    if (nlhs != nrhs) {
        for (int i = 0; i < nlhs; i++) {
            lhs[i]->used = true;
            if (!lhs[i]->type) lhs[i]->type = types_invalid;
        }
        for (int i = 0; i < nrhs; i++)
            if (rhs[i].mode == MODE_INVALID) return;
        if (return_stmt) {
            Pos at = return_stmt->pos;
            const char *q = "not enough";
            if (nrhs > nlhs) { at = start_pos(rhs[nlhs].expr); q = "too many"; }
            else if (nrhs > 0) at = start_pos(rhs[nrhs - 1].expr);
            Type **rt = GC_MALLOC(sizeof(Type *) * (size_t)(nrhs + 1));
            for (int i = 0; i < nrhs; i++) rt[i] = rhs[i].type;
            Type **lt = GC_MALLOC(sizeof(Type *) * (size_t)(nlhs + 1));
            for (int i = 0; i < nlhs; i++) lt[i] = lhs[i]->type;
            check_errorf(c, at, "%s return values\n\thave %s\n\twant %s", q, types_summary(rt, nrhs, false),
                         types_summary(lt, nlhs, false));
            return;
        }
        assign_error(c, orig_rhs, nlhs, nrhs);
        return;
    }
    const char *context = return_stmt ? "return statement" : "assignment";
    if (commaok) {
        Type *a = init_var(c, lhs[0], &rhs[0], context);
        Type *b = init_var(c, lhs[1], &rhs[1], context);
        record_commaok(orig_rhs->items[0], a, b);
        return;
    }
    bool ok = true;
    for (int i = 0; i < nlhs; i++)
        if (!init_var(c, lhs[i], &rhs[i], context)) ok = false;
    if (!ok)
        for (int i = 0; i < nlhs; i++) lhs[i]->used = true;
}

Type *assign_var(Checker *c, Node *lhs, Operand *x) {
    if (x->mode == MODE_INVALID || !x->type || x->type == types_invalid) {
        use_expr(c, lhs);
        return NULL;
    }
    Node *id = unparen(lhs);
    if (id && id->kind == E_IDENT && strcmp(id->u.ident.name, "_") == 0) {
        id->obj = NULL;
        assignment(c, x, NULL, "assignment to _ identifier");
        lhs->mode = MODE_VAR;
        lhs->type = x->mode == MODE_INVALID ? types_invalid : x->type;
        if (id != lhs) { id->mode = lhs->mode; id->type = lhs->type; }
        return x->mode == MODE_INVALID ? NULL : x->type;
    }
    /* assigning to v is not a use of v */
    Object *v = NULL; bool v_used = false;
    if (id && id->kind == E_IDENT) {
        Object *o = lookup_ident(c, id->u.ident.name);
        if (o && o->kind == OBJ_VAR) { v = o; v_used = o->used; }
    }
    Operand z;
    check_expr(c, &z, lhs);
    if (v) v->used = v_used;
    if (z.mode == MODE_INVALID || z.type == types_invalid) return NULL;
    switch (z.mode) {
    case MODE_VAR: case MODE_MAPINDEX: break;
    default: {
        Node *sel = unparen(z.expr);
        if (sel && sel->kind == E_SELECTOR && sel->u.selector.x && sel->u.selector.x->mode == MODE_MAPINDEX) {
            check_errorf(c, start_pos(z.expr), "cannot assign to struct field %s in map", expr_string(z.expr));
            return NULL;
        }
        check_errorf(c, start_pos(z.expr), "cannot assign to %s", operand_string(&z));
        return NULL;
    }
    }
    assignment(c, x, z.type, "assignment");
    if (x->mode == MODE_INVALID) return NULL;
    return x->type;
}

void assign_vars(Checker *c, NodeList *lhs, NodeList *orig_rhs) {
    int nlhs = lhs ? lhs->len : 0;
    int nrhs = 0; bool commaok = false;
    Operand *rhs = check_expr_list(c, orig_rhs, nlhs == 2, &nrhs, &commaok);
    if (nlhs != nrhs) {
        for (int i = 0; i < nlhs; i++) {
            Node *l = lhs->items[i];
            Node *id = unparen(l);
            if (id && id->kind == E_IDENT) {
                /* check.use on an lhs ident marks it used, like types2 */
                if (strcmp(id->u.ident.name, "_") != 0) use_expr(c, l);
            } else {
                use_expr(c, l);
            }
        }
        for (int i = 0; i < nrhs; i++)
            if (rhs[i].mode == MODE_INVALID) return;
        assign_error(c, orig_rhs, nlhs, nrhs);
        return;
    }
    if (commaok) {
        Type *a = assign_var(c, lhs->items[0], &rhs[0]);
        Type *b = assign_var(c, lhs->items[1], &rhs[1]);
        record_commaok(orig_rhs->items[0], a, b);
        return;
    }
    bool ok = true;
    for (int i = 0; i < nlhs; i++)
        if (!assign_var(c, lhs->items[i], &rhs[i])) ok = false;
    if (!ok) {
        for (int i = 0; i < nlhs; i++) {
            Node *id = unparen(lhs->items[i]);
            if (id && id->kind == E_IDENT) {
                Object *o = lookup_ident(c, id->u.ident.name);
                if (o && o->kind == OBJ_VAR) o->used = true;
            }
        }
    }
}

void short_var_decl(Checker *c, Node *s) {
    NodeList *lhs = s->u.assign.lhs, *rhs = s->u.assign.rhs;
    Scope *scope = c->scope;
    int n = lhs ? lhs->len : 0;
    Object **lhs_vars = GC_MALLOC(sizeof(Object *) * (size_t)(n ? n : 1));
    Object **new_vars = GC_MALLOC(sizeof(Object *) * (size_t)(n ? n : 1));
    Node **new_ids = GC_MALLOC(sizeof(Node *) * (size_t)(n ? n : 1));
    int nnew = 0;
    bool has_err = false;
    for (int i = 0; i < n; i++) {
        Node *l = lhs->items[i];
        if (!l || l->kind != E_IDENT) {
            use_expr(c, l);
            check_errorf(c, start_pos(l), "non-name %s on left side of :=", expr_string(l));
            has_err = true;
            continue;
        }
        const char *name = l->u.ident.name;
        if (strcmp(name, "_") != 0) {
            bool seen = false;
            for (int j = 0; j < i; j++) {
                Node *p = lhs->items[j];
                if (p && p->kind == E_IDENT && strcmp(p->u.ident.name, name) == 0) seen = true;
            }
            if (seen) {
                check_errorf(c, l->pos, "%s repeated on left side of :=", name);
                has_err = true;
                continue;
            }
        }
        Object *alt = scope_lookup_local(scope, name);
        if (alt) {
            l->obj = alt;
            if (alt->kind == OBJ_VAR) lhs_vars[i] = alt;
            else {
                check_errorf(c, l->pos, "cannot assign to %s", expr_string(l));
                has_err = true;
            }
            continue;
        }
        Object *obj = object_new(OBJ_VAR, name, l->pos, NULL);
        obj->decl = s;
        obj->func = c->func;
        lhs_vars[i] = obj;
        l->obj = obj;
        if (strcmp(name, "_") != 0) { new_vars[nnew] = obj; new_ids[nnew] = l; nnew++; }
    }
    for (int i = 0; i < n; i++)
        if (!lhs_vars[i]) {
            Node *l = lhs->items[i];
            lhs_vars[i] = object_new(OBJ_VAR, "_", l ? l->pos : s->pos, NULL);
        }
    init_vars(c, lhs_vars, n, rhs, NULL);
    for (int i = 0; i < n; i++) {
        lhs_vars[i]->color = 2;
        Node *l = lhs->items[i];
        if (l && l->kind == E_IDENT) {
            l->mode = MODE_VAR;
            l->type = lhs_vars[i]->type;
            if (strcmp(l->u.ident.name, "_") == 0) l->obj = NULL;
        }
    }
    if (nnew == 0 && !has_err) {
        check_soft_errorf(c, s->pos, "no new variables on left side of :=");
        return;
    }
    for (int i = 0; i < nnew; i++) declare_local_var(c, scope, new_ids[i], new_vars[i]);
}
