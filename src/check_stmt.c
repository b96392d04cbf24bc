/* check_stmt.c — statements: blocks and scopes, assignments, if/for/range,
 * switch, type switch, select, go/defer, return, labels and branches,
 * terminating statements.
 *
 * Go: cmd/compile/internal/types2 stmt.go, return.go; the branch and label
 * checks follow cmd/compile/internal/syntax/branches.go, because gc runs
 * types2 with IgnoreBranchErrors and reports those from the parser pass
 * (hence "break is not in a loop, switch, or select").
 *
 * Invariants:
 *  - Every statement that opens a scope records it on its node (blocks, if,
 *    for, range, switch, type switch, each case and comm clause); the
 *    function's outermost block shares the function scope with the
 *    parameters, as in Go.
 *  - c->scope is restored on every exit path of check_stmt.
 */
#include "check_int.h"

static void open_scope(Checker *c, Node *n) {
    Scope *s = scope_new(c->scope, SCOPE_BLOCK);
    s->func = c->func;
    if (n) n->scope = s;
    c->scope = s;
}

static void close_scope(Checker *c, Scope *saved) { c->scope = saved; }

static NodeList *trim_trailing_empty(NodeList *l, int *n) {
    int k = l ? l->len : 0;
    while (k > 0 && l->items[k - 1] && l->items[k - 1]->kind == S_EMPTY) k--;
    *n = k;
    return l;
}

void check_stmt_list(Checker *c, int ctx, NodeList *l) {
    bool ok = (ctx & CTX_FALLTHROUGH_OK) != 0;
    int inner = ctx & ~CTX_FALLTHROUGH_OK;
    int n;
    trim_trailing_empty(l, &n);
    for (int i = 0; i < n; i++) {
        int in = inner;
        if (ok && i + 1 == n) in |= CTX_FALLTHROUGH_OK;
        check_stmt(c, in, l->items[i]);
    }
}

/* ---------------------------------------------------------------- helpers */

enum { KIND_CONVERSION, KIND_EXPRESSION, KIND_STATEMENT };

static bool builtin_is_stmt(Builtin id) {
    switch (id) {
    case BI_CLOSE: case BI_COPY: case BI_DELETE: case BI_PANIC: case BI_PRINT: case BI_PRINTLN: case BI_RECOVER:
        return true;
    default:
        return false;
    }
}

/* The exprKind types2's rawExpr returns, from the checked expression. */
static int expr_kind(Node *e, Operand *x) {
    if (x->mode == MODE_INVALID) return KIND_STATEMENT;
    e = unparen(e);
    if (!e) return KIND_STATEMENT;
    if (e->kind == E_CALL) {
        if (e->u.call.conv) return KIND_CONVERSION;
        Node *f = e->u.call.fun;
        if (f && f->mode == MODE_BUILTIN) {
            Node *id = unparen(f);
            Object *o = id ? id->obj : NULL;
            if (o && o->kind == OBJ_BUILTIN) return builtin_is_stmt(o->builtin) ? KIND_STATEMENT : KIND_EXPRESSION;
            return KIND_EXPRESSION;
        }
        return KIND_STATEMENT;
    }
    if (e->kind == E_UNARY && e->u.unary.op == ARROW) return KIND_STATEMENT;
    return KIND_EXPRESSION;
}

static void suspended_call(Checker *c, const char *keyword, Node *call) {
    Operand x;
    check_raw_expr(c, &x, call, NULL, false);
    const char *msg;
    switch (expr_kind(call, &x)) {
    case KIND_CONVERSION: msg = "requires function call, not conversion"; break;
    case KIND_EXPRESSION: msg = "discards result of"; break;
    default: return;
    }
    check_errorf(c, start_pos(call), "%s %s %s", keyword, msg, operand_string(&x));
}

static bool is_nil_expr(Checker *c, Node *e) {
    Node *n = unparen(e);
    if (!n || n->kind != E_IDENT) return false;
    Object *o = lookup_ident(c, n->u.ident.name);
    return o && o->kind == OBJ_NIL;
}

static void multiple_defaults(Checker *c, NodeList *clauses, bool comm) {
    Node *first = NULL;
    if (!clauses) return;
    for (int i = 0; i < clauses->len; i++) {
        Node *cl = clauses->items[i];
        if (!cl) continue;
        bool is_default = comm ? cl->u.commclause.comm == NULL : cl->u.caseclause.list == NULL;
        if (!is_default) continue;
        if (first)
            check_errorf(c, cl->pos, "multiple defaults (first at %s)", pos_string(c, first->pos));
        else
            first = cl;
    }
}

/* ---------------------------------------------------------------- switch */

static void case_values(Checker *c, Operand *x, NodeList *values, Operand **seen, int *nseen, int *capseen) {
    if (!values) return;
    for (int i = 0; i < values->len; i++) {
        Node *e = values->items[i];
        Operand v;
        check_expr(c, &v, e);
        if (x->mode == MODE_INVALID || v.mode == MODE_INVALID) continue;
        convert_untyped(c, &v, x->type);
        if (v.mode == MODE_INVALID) continue;
        Operand res = v;
        check_comparison(c, &res, x, EQL, true);
        if (res.mode == MODE_INVALID) continue;
        if (v.mode != MODE_CONST || !v.val) continue;
        bool dup = false;
        for (int j = 0; j < *nseen; j++) {
            Operand *p = &(*seen)[j];
            if (!types_identical(p->type, v.type)) continue;
            ConstVal *a = p->val, *b = v.val;
            bool eq = false;
            if (a->kind == CV_STRING && b->kind == CV_STRING) eq = a->slen == b->slen && memcmp(a->s, b->s, a->slen) == 0;
            else if (a->kind == CV_INT && b->kind == CV_INT) eq = cv_compare(EQL, a, b);
            else if (a->kind == CV_FLOAT || b->kind == CV_FLOAT) eq = cv_float64(a) == cv_float64(b);
            else if (a->kind == CV_BOOL && b->kind == CV_BOOL) eq = false;   /* goVal(bool) is nil */
            if (eq) {
                check_errorf(c, start_pos(e), "duplicate case %s in expression switch\n\t%s: previous case",
                             operand_string(&v), pos_string(c, p->expr->pos));   /* operand.Pos(), not StartPos */
                dup = true;
                break;
            }
        }
        if (!dup) PUSH(*seen, *nseen, *capseen, v);
    }
}

static void switch_stmt(Checker *c, int inner, Node *s) {
    Operand x;
    memset(&x, 0, sizeof x);
    Node *body = s->u.switchstmt.body;
    NodeList *clauses = body ? body->u.block.stmts : NULL;
    if (s->u.switchstmt.tag) {
        check_expr(c, &x, s->u.switchstmt.tag);
        assignment(c, &x, NULL, "switch expression");
        if (x.mode != MODE_INVALID && !type_is_comparable(x.type) && !type_has_nil(x.type)) {
            check_errorf(c, start_pos(x.expr), "cannot switch on %s (%s is not comparable)", operand_string(&x), type_string(x.type));
            x.mode = MODE_INVALID;
        }
    } else {
        x.mode = MODE_CONST;
        x.type = types_basic[TY_BOOL];
        x.val = cv_bool(true);
        Pos pos = body ? body->u.block.rbrace : s->pos;
        if (clauses && clauses->len > 0) pos = clauses->items[0]->pos;
        x.expr = ast_ident(pos, "true");
    }
    multiple_defaults(c, clauses, false);
    Operand *seen = NULL; int nseen = 0, capseen = 0;
    int n = clauses ? clauses->len : 0;
    for (int i = 0; i < n; i++) {
        Node *cl = clauses->items[i];
        if (!cl || cl->kind != S_CASE) continue;
        int in = inner;
        if (i + 1 < n) in |= CTX_FALLTHROUGH_OK;
        else in |= CTX_FINAL_SWITCH_CASE;
        case_values(c, &x, cl->u.caseclause.list, &seen, &nseen, &capseen);
        Scope *saved = c->scope;
        open_scope(c, cl);
        check_stmt_list(c, in, cl->u.caseclause.body);
        close_scope(c, saved);
    }
}

static void type_switch_stmt(Checker *c, int inner, Node *s) {
    Node *guard = s->u.switchstmt.assign;
    Node *lhs = NULL, *ta = NULL;
    if (guard && guard->kind == S_ASSIGN) {
        if (guard->u.assign.lhs && guard->u.assign.lhs->len > 0) lhs = guard->u.assign.lhs->items[0];
        if (guard->u.assign.rhs && guard->u.assign.rhs->len > 0) ta = guard->u.assign.rhs->items[0];
    } else if (guard && guard->kind == S_EXPR) {
        ta = guard->u.exprstmt.x;
    }
    ta = unparen(ta);
    if (!ta || ta->kind != E_TYPEASSERT) return;
    if (lhs && lhs->kind == E_IDENT && strcmp(lhs->u.ident.name, "_") == 0) {
        check_soft_errorf(c, lhs->pos, "no new variable on left side of :=");
        lhs = NULL;
    }
    Operand x;
    check_expr(c, &x, ta->u.typeassert.x);
    ta->mode = x.mode;
    ta->type = x.type;
    if (x.mode == MODE_INVALID) return;
    Operand *sx = NULL;
    if (type_is_interface(x.type)) sx = &x;
    else check_errorf(c, start_pos(x.expr), "%s is not an interface", operand_string(&x));
    Node *body = s->u.switchstmt.body;
    NodeList *clauses = body ? body->u.block.stmts : NULL;
    multiple_defaults(c, clauses, false);
    Type **seen = NULL; Node **seen_at = NULL; int nseen = 0, capseen = 0, capat = 0;
    Object **lhs_vars = NULL; int nlv = 0, caplv = 0;
    int n = clauses ? clauses->len : 0;
    for (int i = 0; i < n; i++) {
        Node *cl = clauses->items[i];
        if (!cl || cl->kind != S_CASE) continue;
        NodeList *cases = cl->u.caseclause.list;
        Type *T = NULL;
        bool T_nil = false;
        int ncases = cases ? cases->len : 0;
        for (int k = 0; k < ncases; k++) {
            Node *e = cases->items[k];
            Type *t;
            bool isnil = is_nil_expr(c, e);
            if (isnil) {
                Operand d;
                check_expr(c, &d, e);
                t = NULL;
            } else {
                t = check_typexpr(c, e);
                if (t == types_invalid) { T = types_invalid; continue; }
            }
            bool dup = false;
            for (int j = 0; j < nseen; j++) {
                if ((!t && !seen[j]) || (t && seen[j] && types_identical(t, seen[j]))) {
                    check_errorf(c, start_pos(e), "duplicate case %s in type switch\n\t%s: previous case",
                                 t ? type_string(t) : "nil", pos_string(c, start_pos(seen_at[j])));
                    dup = true;
                    break;
                }
            }
            T = t; T_nil = isnil;
            if (dup) continue;
            int nat = nseen;
            PUSH(seen_at, nat, capat, e);
            PUSH(seen, nseen, capseen, t);
            if (sx && t) type_assertion_check(c, e, sx, sx->type, t, true);
        }
        Scope *saved = c->scope;
        open_scope(c, cl);
        if (lhs) {
            Type *vt = T;
            if (ncases != 1 || !T || T_nil) vt = x.type;
            Object *obj = object_new(OBJ_VAR, lhs->u.ident.name, lhs->pos, vt);
            obj->color = 2;
            obj->decl = s;
            obj->func = c->func;
            declare(c, c->scope, NULL, obj);
            cl->obj = obj;      /* the clause's implicit variable, for the compiler */
            PUSH(lhs_vars, nlv, caplv, obj);
        }
        check_stmt_list(c, inner, cl->u.caseclause.body);
        close_scope(c, saved);
    }
    if (lhs) {
        bool used = false;
        for (int i = 0; i < nlv; i++) {
            if (lhs_vars[i]->used) used = true;
            lhs_vars[i]->used = true;
        }
        /* the guard's identifier denotes no single object; point it at the
           first clause's (for tools) */
        lhs->obj = nlv > 0 ? lhs_vars[0] : NULL;
        if (!used) check_soft_errorf(c, lhs->pos, "%s declared but not used", lhs->u.ident.name);
    }
}

/* ---------------------------------------------------------------- range */

static void range_stmt(Checker *c, int inner, Node *s) {
    Node *skey = s->u.rangestmt.key, *svalue = s->u.rangestmt.value;
    Operand x;
    check_expr(c, &x, s->u.rangestmt.x);
    Type *key = NULL, *val = NULL;
    if (x.mode != MODE_INVALID) {
        const char *cause = "";
        Type *u = type_underlying(x.type);
        if (u && u->kind == TY_POINTER) {
            Type *a = type_underlying(u->u.pointer.elem);
            if (a && a->kind == TY_ARRAY) u = a;
        }
        if (u && u->kind == TY_CHAN) {
            if (svalue)
                check_soft_errorf(c, start_pos(svalue), "range over %s permits only one iteration variable", operand_string(&x));
            if (u->u.chan.dir == CHAN_SEND) cause = "receive from send-only channel";
        }
        if (u) switch (u->kind) {
        case TY_STRING: case TY_UNTYPED_STRING: key = types_basic[TY_INT]; val = types_rune; break;
        case TY_ARRAY: key = types_basic[TY_INT]; val = u->u.array.elem; break;
        case TY_SLICE: key = types_basic[TY_INT]; val = u->u.slice.elem; break;
        case TY_MAP: key = u->u.map.key; val = u->u.map.elem; break;
        case TY_CHAN: key = u->u.chan.elem; val = types_invalid; break;
        default: break;
        }
        if (!key || cause[0]) {
            if (!cause[0]) check_soft_errorf(c, start_pos(x.expr), "cannot range over %s", operand_string(&x));
            else check_soft_errorf(c, start_pos(x.expr), "cannot range over %s (%s)", operand_string(&x), cause);
        }
        if (key && x.type->kind == TY_UNTYPED_STRING) update_expr_type(c, x.expr, types_basic[TY_STRING], true);
    }
    Scope *saved = c->scope;
    open_scope(c, s);
    Node *lhs[2] = { skey, svalue };
    Type *rhs[2] = { key, val };
    if (s->u.rangestmt.op == DEFINE) {
        Object *vars[2]; Node *ids[2]; int nv = 0;
        for (int i = 0; i < 2; i++) {
            Node *l = lhs[i];
            if (!l) continue;
            Object *obj;
            if (l->kind == E_IDENT) {
                obj = object_new(OBJ_VAR, l->u.ident.name, l->pos, NULL);
                obj->decl = s;
                obj->func = c->func;
                l->obj = obj;
                if (strcmp(l->u.ident.name, "_") != 0) { vars[nv] = obj; ids[nv] = l; nv++; }
                else l->obj = NULL;
            } else {
                check_errorf(c, start_pos(l), "cannot declare %s", expr_string(l));
                obj = object_new(OBJ_VAR, "_", l->pos, NULL);
            }
            if (rhs[i]) {
                Operand v = { MODE_VALUE, l, rhs[i], NULL, 0 };
                init_var(c, obj, &v, "range clause");
            } else {
                obj->type = types_invalid;
                obj->used = true;
            }
            obj->color = 2;
            l->mode = MODE_VAR;
            l->type = obj->type;
        }
        if (nv > 0) {
            for (int i = 0; i < nv; i++) declare_local_var(c, c->scope, ids[i], vars[i]);
        } else {
            check_errorf(c, s->pos, "no new variables on left side of :=");
        }
    } else {
        for (int i = 0; i < 2; i++) {
            Node *l = lhs[i];
            if (!l) continue;
            if (rhs[i]) {
                Operand v = { MODE_VALUE, l, rhs[i], NULL, 0 };
                assign_var(c, l, &v);
            }
        }
    }
    check_stmt(c, inner, s->u.rangestmt.body);
    close_scope(c, saved);
}

/* ---------------------------------------------------------------- select */

static void select_stmt(Checker *c, int inner, Node *s) {
    Node *body = s->u.selectstmt.body;
    NodeList *clauses = body ? body->u.block.stmts : NULL;
    multiple_defaults(c, clauses, true);
    int n = clauses ? clauses->len : 0;
    for (int i = 0; i < n; i++) {
        Node *cl = clauses->items[i];
        if (!cl || cl->kind != S_COMM) continue;
        Node *comm = cl->u.commclause.comm;
        bool valid = false;
        Node *rhs = NULL;
        if (!comm || comm->kind == S_SEND) valid = true;
        else if (comm->kind == S_ASSIGN) {
            if (comm->u.assign.rhs && comm->u.assign.rhs->len == 1) rhs = comm->u.assign.rhs->items[0];
        } else if (comm->kind == S_EXPR) rhs = comm->u.exprstmt.x;
        if (rhs) {
            Node *u = unparen(rhs);
            if (u && u->kind == E_UNARY && u->u.unary.op == ARROW) valid = true;
        }
        if (!valid) {
            check_errorf(c, start_pos(comm), "select case must be send or receive (possibly with assignment)");
            continue;
        }
        Scope *saved = c->scope;
        open_scope(c, cl);
        if (comm) check_stmt(c, inner, comm);
        check_stmt_list(c, inner, cl->u.commclause.body);
        close_scope(c, saved);
    }
}

/* ---------------------------------------------------------------- return */

static void return_stmt(Checker *c, Node *s) {
    Type *sig = c->sig;
    NodeList *results = s->u.ret.results;
    int nres = sig ? sig->u.func.nresults : 0;
    int nr = results ? results->len : 0;
    if (nr == 0 && nres > 0 && sig->u.func.rnames && sig->u.func.rnames[0] && sig->u.func.rnames[0][0]) {
        /* naked return: named results must not be shadowed */
        Scope *fs = c->func ? c->func->scope : NULL;
        for (int i = 0; i < nres; i++) {
            const char *name = sig->u.func.rnames[i];
            if (!name || !name[0] || strcmp(name, "_") == 0) continue;
            Object *alt = lookup_ident(c, name);
            Object *res = fs ? scope_lookup_local(fs, name) : NULL;
            if (alt && res && alt != res)
                check_errorf(c, s->pos, "result parameter %s not in scope at return\n\t%s: inner declaration of var %s %s",
                             name, pos_string(c, alt->pos), name, type_string(alt->type ? alt->type : types_invalid));
        }
        return;
    }
    Object **lhs = GC_MALLOC(sizeof(Object *) * (size_t)(nres ? nres : 1));
    for (int i = 0; i < nres; i++) {
        lhs[i] = object_new(OBJ_VAR, "", s->pos, sig->u.func.results[i]);
        lhs[i]->color = 2;
    }
    if (nr == 0 && nres == 0) return;
    NodeList empty = { 0, 0, NULL };
    init_vars(c, lhs, nres, results ? results : &empty, s);
}

/* ---------------------------------------------------------------- stmt */

void check_stmt(Checker *c, int ctx, Node *s) {
    if (!s) return;
    if (!enter(c, s->pos)) return;
    int inner = ctx & ~(CTX_FALLTHROUGH_OK | CTX_FINAL_SWITCH_CASE | CTX_IN_TYPE_SWITCH);
    Scope *saved = c->scope;
    switch (s->kind) {
    case S_EMPTY: case S_BAD: break;
    case S_DECL:
        decl_stmt(c, s->u.decl.decl);
        break;
    case S_LABELED:
        c->has_label = true;
        check_stmt(c, ctx, s->u.labeled.stmt);
        break;
    case S_EXPR: {
        Operand x;
        Node *e = s->u.exprstmt.x;
        check_raw_expr(c, &x, e, NULL, false);
        const char *msg;
        switch (x.mode) {
        case MODE_BUILTIN: msg = "must be called"; break;
        case MODE_TYPEEXPR: msg = "is not an expression"; break;
        default:
            if (expr_kind(e, &x) == KIND_STATEMENT) goto done;
            msg = "is not used";
        }
        check_errorf(c, start_pos(e), "%s %s", operand_string(&x), msg);
        break;
    }
    case S_SEND: {
        Operand ch, val;
        check_expr(c, &ch, s->u.binary.x);
        check_expr(c, &val, s->u.binary.y);
        if (ch.mode == MODE_INVALID || val.mode == MODE_INVALID) break;
        Type *u = type_underlying(ch.type);
        if (!u || u->kind != TY_CHAN) {
            check_errorf(c, start_pos(s), "invalid operation: cannot send to non-channel %s", operand_string(&ch));
            break;
        }
        if (u->u.chan.dir == CHAN_RECV) {
            check_errorf(c, start_pos(s), "invalid operation: cannot send to receive-only channel %s", operand_string(&ch));
            break;
        }
        assignment(c, &val, u->u.chan.elem, "send");
        break;
    }
    case S_INCDEC: {
        Operand x;
        Node *l = s->u.incdec.x;
        check_expr(c, &x, l);
        if (x.mode == MODE_INVALID) break;
        if (!type_is_numeric(x.type)) {
            const char *op = s->u.incdec.op == INC ? "++" : "--";
            check_errorf(c, start_pos(l), "invalid operation: %s%s (non-numeric type %s)", expr_string(l), op, type_string(x.type));
            break;
        }
        assign_var(c, l, &x);
        break;
    }
    case S_ASSIGN: {
        NodeList *lhs = s->u.assign.lhs, *rhs = s->u.assign.rhs;
        int op = s->u.assign.op;
        if (op == '=') { assign_vars(c, lhs, rhs); break; }
        if (op == DEFINE) { short_var_decl(c, s); break; }
        if (!lhs || !rhs || lhs->len != 1 || rhs->len != 1) {
            check_errorf(c, start_pos(s), "assignment operation %s requires single-valued expressions", ast_op_string(op));
            break;
        }
        int bop;
        switch (op) {
        case ADD_ASSIGN: bop = '+'; break;
        case SUB_ASSIGN: bop = '-'; break;
        case MUL_ASSIGN: bop = '*'; break;
        case QUO_ASSIGN: bop = '/'; break;
        case REM_ASSIGN: bop = '%'; break;
        case AND_ASSIGN: bop = '&'; break;
        case OR_ASSIGN: bop = '|'; break;
        case XOR_ASSIGN: bop = '^'; break;
        case SHL_ASSIGN: bop = SHL; break;
        case SHR_ASSIGN: bop = SHR; break;
        case AND_NOT_ASSIGN: bop = AND_NOT; break;
        default: bop = '+'; break;
        }
        Operand x;
        check_binary(c, &x, NULL, lhs->items[0], rhs->items[0], bop, s->pos);
        assign_var(c, lhs->items[0], &x);
        break;
    }
    case S_GO: case S_DEFER: {
        const char *kw = s->kind == S_GO ? "go" : "defer";
        Node *call = s->u.gostmt.call;
        /* gc's parser reports a parenthesized or non-call operand (see
           pu_callstmt), which then also skips this body's branch checks */
        if (!call) break;
        if (s->u.gostmt.bad)
            c->body_syntax_err = true;
        suspended_call(c, kw, call);
        break;
    }
    case S_RETURN:
        return_stmt(c, s);
        break;
    case S_BRANCH:
        if (s->u.branch.op == GOTO) {
            check_errorf(c, s->pos, "goto is not supported by mini");
            c->has_label = true;
            break;
        }
        if (s->u.branch.label) c->has_label = true;
        /* placement is checked by check_labels (branches.go) */
        break;
    case S_BLOCK:
        open_scope(c, s);
        check_stmt_list(c, inner, s->u.block.stmts);
        break;
    case S_IF: {
        open_scope(c, s);
        if (s->u.ifstmt.init) check_stmt(c, 0, s->u.ifstmt.init);
        Operand x;
        check_expr(c, &x, s->u.ifstmt.cond);
        if (x.mode != MODE_INVALID && !type_is_boolean(x.type))
            check_errorf(c, start_pos(s->u.ifstmt.cond), "non-boolean condition in if statement");
        check_stmt(c, inner, s->u.ifstmt.then);
        if (s->u.ifstmt.els) check_stmt(c, inner, s->u.ifstmt.els);
        break;
    }
    case S_SWITCH:
        inner |= CTX_BREAK_OK;
        open_scope(c, s);
        if (s->u.switchstmt.init) check_stmt(c, 0, s->u.switchstmt.init);
        switch_stmt(c, inner, s);
        break;
    case S_TYPESWITCH:
        inner |= CTX_BREAK_OK;
        open_scope(c, s);
        if (s->u.switchstmt.init) check_stmt(c, 0, s->u.switchstmt.init);
        type_switch_stmt(c, inner | CTX_IN_TYPE_SWITCH, s);
        break;
    case S_SELECT:
        inner |= CTX_BREAK_OK;
        select_stmt(c, inner, s);
        break;
    case S_FOR: {
        inner |= CTX_BREAK_OK | CTX_CONTINUE_OK;
        open_scope(c, s);
        if (s->u.forstmt.init) check_stmt(c, 0, s->u.forstmt.init);
        if (s->u.forstmt.cond) {
            Operand x;
            check_expr(c, &x, s->u.forstmt.cond);
            if (x.mode != MODE_INVALID && !type_is_boolean(x.type))
                check_errorf(c, start_pos(s->u.forstmt.cond), "non-boolean condition in for statement");
        }
        if (s->u.forstmt.post) check_stmt(c, 0, s->u.forstmt.post);
        check_stmt(c, inner, s->u.forstmt.body);
        break;
    }
    case S_RANGE:
        inner |= CTX_BREAK_OK | CTX_CONTINUE_OK;
        range_stmt(c, inner, s);
        break;
    default:
        check_errorf(c, s->pos, "invalid statement");
        break;
    }
done:
    process_delayed(c);   /* types2 processes delayed checks after each statement */
    c->scope = saved;
    leave(c);
}

/* ---------------------------------------------------------------- terminating */

static bool has_break(Node *s, const char *label, bool implicit, int depth);

static bool has_break_list(NodeList *l, const char *label, bool implicit, int depth) {
    if (!l) return false;
    for (int i = 0; i < l->len; i++)
        if (has_break(l->items[i], label, implicit, depth + 1)) return true;
    return false;
}

static bool has_break_clauses(Node *body, const char *label, bool implicit, int depth) {
    if (!body) return false;
    NodeList *l = body->u.block.stmts;
    if (!l) return false;
    for (int i = 0; i < l->len; i++) {
        Node *cl = l->items[i];
        if (!cl) continue;
        NodeList *b = cl->kind == S_COMM ? cl->u.commclause.body : cl->u.caseclause.body;
        if (has_break_list(b, label, implicit, depth + 1)) return true;
    }
    return false;
}

static bool has_break(Node *s, const char *label, bool implicit, int depth) {
    if (!s || depth > MAX_DEPTH) return false;
    switch (s->kind) {
    case S_LABELED: return has_break(s->u.labeled.stmt, label, implicit, depth + 1);
    case S_BRANCH:
        if (s->u.branch.op == BREAK) {
            if (!s->u.branch.label) return implicit;
            if (label && strcmp(s->u.branch.label->u.ident.name, label) == 0) return true;
        }
        return false;
    case S_BLOCK: return has_break_list(s->u.block.stmts, label, implicit, depth + 1);
    case S_IF:
        return has_break(s->u.ifstmt.then, label, implicit, depth + 1) ||
               (s->u.ifstmt.els && has_break(s->u.ifstmt.els, label, implicit, depth + 1));
    case S_SWITCH: case S_TYPESWITCH:
        return label && has_break_clauses(s->u.switchstmt.body, label, false, depth + 1);
    case S_SELECT:
        return label && has_break_clauses(s->u.selectstmt.body, label, false, depth + 1);
    case S_FOR:
        return label && has_break(s->u.forstmt.body, label, false, depth + 1);
    case S_RANGE:
        return label && has_break(s->u.rangestmt.body, label, false, depth + 1);
    default:
        return false;
    }
}

static bool is_terminating_list(NodeList *l, const char *label) {
    if (!l) return false;
    for (int i = l->len - 1; i >= 0; i--)
        if (l->items[i] && l->items[i]->kind != S_EMPTY) return is_terminating(l->items[i], label);
    return false;
}

static bool is_panic_call(Node *e) {
    e = unparen(e);
    if (!e || e->kind != E_CALL) return false;
    Node *f = unparen(e->u.call.fun);
    return f && f->kind == E_IDENT && f->obj && f->obj->kind == OBJ_BUILTIN && f->obj->builtin == BI_PANIC;
}

bool is_terminating(Node *s, const char *label) {
    if (!s) return false;
    switch (s->kind) {
    case S_LABELED:
        return is_terminating(s->u.labeled.stmt, s->u.labeled.label ? s->u.labeled.label->u.ident.name : NULL);
    case S_EXPR:
        return is_panic_call(s->u.exprstmt.x);
    case S_RETURN:
        return true;
    case S_BRANCH:
        return s->u.branch.op == GOTO || s->u.branch.op == FALLTHROUGH;
    case S_BLOCK:
        return is_terminating_list(s->u.block.stmts, NULL);
    case S_IF:
        return s->u.ifstmt.els && is_terminating(s->u.ifstmt.then, NULL) && is_terminating(s->u.ifstmt.els, NULL);
    case S_SWITCH: case S_TYPESWITCH: {
        Node *body = s->u.switchstmt.body;
        NodeList *l = body ? body->u.block.stmts : NULL;
        bool has_default = false;
        for (int i = 0; l && i < l->len; i++) {
            Node *cl = l->items[i];
            if (!cl) continue;
            if (!cl->u.caseclause.list) has_default = true;
            if (!is_terminating_list(cl->u.caseclause.body, NULL) || has_break_list(cl->u.caseclause.body, label, true, 0))
                return false;
        }
        return has_default;
    }
    case S_SELECT: {
        Node *body = s->u.selectstmt.body;
        NodeList *l = body ? body->u.block.stmts : NULL;
        for (int i = 0; l && i < l->len; i++) {
            Node *cl = l->items[i];
            if (!cl) continue;
            if (!is_terminating_list(cl->u.commclause.body, NULL) || has_break_list(cl->u.commclause.body, label, true, 0))
                return false;
        }
        return true;
    }
    case S_FOR:
        return !s->u.forstmt.cond && !has_break(s->u.forstmt.body, label, true, 0);
    default:
        return false;
    }
}

/* ---------------------------------------------------------------- branches */

typedef struct LBlock { struct LBlock *parent; Node *lstmt; } LBlock;
typedef struct Label { const char *name; Node *lstmt; LBlock *parent; bool used; } Label;
typedef struct Labels { Label *items; int n, cap; Checker *c; } Labels;

typedef struct Targets {
    Node *breaks;      /* S_FOR/S_RANGE/S_SWITCH/S_TYPESWITCH/S_SELECT or NULL */
    Node *continues;   /* S_FOR/S_RANGE or NULL */
    int case_index;    /* index of the enclosing switch case, or -1 */
    int ncases;
} Targets;

static Label *find_label(Labels *ls, const char *name) {
    for (int i = 0; i < ls->n; i++)
        if (strcmp(ls->items[i].name, name) == 0) return &ls->items[i];
    return NULL;
}

/* The enclosing labeled statement named name: NULL if none is declared,
   (Node *)1 if declared but not enclosing. */
static Node *enclosing_target(Labels *ls, LBlock *b, const char *name) {
    Label *l = find_label(ls, name);
    if (!l) return NULL;
    l->used = true;
    for (; b; b = b->parent)
        if (l->lstmt == b->lstmt) return l->lstmt;
    return (Node *)1;
}

static void block_branches(Labels *ls, LBlock *parent, Targets ctx, Node *lstmt, NodeList *body, int depth);

static void inner_block(Labels *ls, LBlock *b, Targets t, Node *lstmt, NodeList *body, int depth) {
    block_branches(ls, b, t, lstmt, body, depth + 1);
}

static void block_branches(Labels *ls, LBlock *parent, Targets ctx, Node *lstmt, NodeList *body, int depth) {
    if (depth > MAX_DEPTH) return;
    LBlock *b = GC_MALLOC(sizeof *b);
    b->parent = parent;
    b->lstmt = lstmt;
    Checker *c = ls->c;
    int n;
    trim_trailing_empty(body, &n);
    for (int si = 0; si < n; si++) {
        Node *s = body->items[si];
        lstmt = NULL;
        while (s && s->kind == S_LABELED) {
            Node *lab = s->u.labeled.label;
            const char *name = lab ? lab->u.ident.name : "_";
            if (strcmp(name, "_") != 0) {
                Label *alt = find_label(ls, name);
                if (alt) {
                    check_errorf(c, lab->pos, "label %s already defined at %s", name, pos_string(c, alt->lstmt->u.labeled.label->pos));
                } else {
                    Label l = { name, s, b, false };
                    PUSH(ls->items, ls->n, ls->cap, l);
                }
                lstmt = s;
            }
            s = s->u.labeled.stmt;
        }
        if (!s) continue;
        switch (s->kind) {
        case S_BRANCH: {
            Node *lab = s->u.branch.label;
            int op = s->u.branch.op;
            if (!lab) {
                if (op == BREAK) {
                    if (!ctx.breaks) check_errorf(c, s->pos, "break is not in a loop, switch, or select");
                } else if (op == CONTINUE) {
                    if (!ctx.continues) check_errorf(c, s->pos, "continue is not in a loop");
                } else if (op == FALLTHROUGH) {
                    const char *msg = "fallthrough statement out of place";
                    Node *t = ctx.breaks;
                    if (t && (t->kind == S_SWITCH || t->kind == S_TYPESWITCH)) {
                        if (t->kind == S_TYPESWITCH) msg = "cannot fallthrough in type switch";
                        else if (ctx.case_index < 0 || si + 1 < n) { /* out of place */ }
                        else if (ctx.case_index + 1 == ctx.ncases) msg = "cannot fallthrough final case in switch";
                        else break;   /* ok */
                    }
                    check_errorf(c, s->pos, "%s", msg);
                }
                break;
            }
            const char *name = lab->u.ident.name;
            if (op == BREAK) {
                Node *t = enclosing_target(ls, b, name);
                if (t == (Node *)1) check_errorf(c, lab->pos, "invalid break label %s", name);
                else if (t) {
                    Node *ts = t->u.labeled.stmt;
                    if (!ts || !(ts->kind == S_SWITCH || ts->kind == S_TYPESWITCH || ts->kind == S_SELECT ||
                                 ts->kind == S_FOR || ts->kind == S_RANGE))
                        check_errorf(c, lab->pos, "invalid break label %s", name);
                } else check_errorf(c, lab->pos, "break label not defined: %s", name);
            } else if (op == CONTINUE) {
                Node *t = enclosing_target(ls, b, name);
                if (t == (Node *)1) check_errorf(c, lab->pos, "invalid continue label %s", name);
                else if (t) {
                    Node *ts = t->u.labeled.stmt;
                    if (!ts || !(ts->kind == S_FOR || ts->kind == S_RANGE))
                        check_errorf(c, lab->pos, "invalid continue label %s", name);
                } else check_errorf(c, lab->pos, "continue label not defined: %s", name);
            } else if (op == GOTO) {
                Label *l = find_label(ls, name);
                if (l) l->used = true;
                /* goto itself is reported as unsupported; forward targets
                   are marked in a second look below */
            }
            break;
        }
        case S_BLOCK: {
            Targets t = { ctx.breaks, ctx.continues, -1, 0 };
            inner_block(ls, b, t, lstmt, s->u.block.stmts, depth);
            break;
        }
        case S_IF: {
            Targets t = { ctx.breaks, ctx.continues, -1, 0 };
            for (Node *i = s; i; ) {
                if (i->u.ifstmt.then) inner_block(ls, b, t, lstmt, i->u.ifstmt.then->u.block.stmts, depth);
                Node *e = i->u.ifstmt.els;
                if (!e) break;
                if (e->kind == S_IF) { i = e; continue; }
                if (e->kind == S_BLOCK) inner_block(ls, b, t, lstmt, e->u.block.stmts, depth);
                break;
            }
            break;
        }
        case S_FOR: case S_RANGE: {
            Targets t = { s, s, -1, 0 };
            Node *bd = s->kind == S_FOR ? s->u.forstmt.body : s->u.rangestmt.body;
            if (bd) inner_block(ls, b, t, lstmt, bd->u.block.stmts, depth);
            break;
        }
        case S_SWITCH: case S_TYPESWITCH: {
            Node *bd = s->u.switchstmt.body;
            NodeList *cl = bd ? bd->u.block.stmts : NULL;
            int nc = cl ? cl->len : 0;
            for (int i = 0; i < nc; i++) {
                Targets t = { s, ctx.continues, i, nc };
                Node *cc = cl->items[i];
                if (cc && cc->kind == S_CASE) inner_block(ls, b, t, lstmt, cc->u.caseclause.body, depth);
            }
            break;
        }
        case S_SELECT: {
            Node *bd = s->u.selectstmt.body;
            NodeList *cl = bd ? bd->u.block.stmts : NULL;
            for (int i = 0; cl && i < cl->len; i++) {
                Targets t = { s, ctx.continues, -1, 0 };
                Node *cc = cl->items[i];
                if (cc && cc->kind == S_COMM) inner_block(ls, b, t, lstmt, cc->u.commclause.body, depth);
            }
            break;
        }
        default:
            break;
        }
    }
}

/* Marks labels targeted by (forward) gotos anywhere in the body as used. */
static void goto_uses(Labels *ls, Node *s, int depth) {
    if (!s || depth > MAX_DEPTH) return;
    switch (s->kind) {
    case S_BRANCH:
        if (s->u.branch.op == GOTO && s->u.branch.label) {
            Label *l = find_label(ls, s->u.branch.label->u.ident.name);
            if (l) l->used = true;
        }
        return;
    case S_LABELED: goto_uses(ls, s->u.labeled.stmt, depth + 1); return;
    case S_BLOCK:
        for (int i = 0; s->u.block.stmts && i < s->u.block.stmts->len; i++) goto_uses(ls, s->u.block.stmts->items[i], depth + 1);
        return;
    case S_IF: goto_uses(ls, s->u.ifstmt.then, depth + 1); goto_uses(ls, s->u.ifstmt.els, depth + 1); return;
    case S_FOR: goto_uses(ls, s->u.forstmt.body, depth + 1); return;
    case S_RANGE: goto_uses(ls, s->u.rangestmt.body, depth + 1); return;
    case S_SWITCH: case S_TYPESWITCH: goto_uses(ls, s->u.switchstmt.body, depth + 1); return;
    case S_SELECT: goto_uses(ls, s->u.selectstmt.body, depth + 1); return;
    case S_CASE:
        for (int i = 0; s->u.caseclause.body && i < s->u.caseclause.body->len; i++) goto_uses(ls, s->u.caseclause.body->items[i], depth + 1);
        return;
    case S_COMM:
        for (int i = 0; s->u.commclause.body && i < s->u.commclause.body->len; i++) goto_uses(ls, s->u.commclause.body->items[i], depth + 1);
        return;
    default: return;
    }
}

void check_labels(Checker *c, Node *body) {
    if (!body || body->kind != S_BLOCK) return;
    Labels ls = { NULL, 0, 0, c };
    Targets t = { NULL, NULL, -1, 0 };
    block_branches(&ls, NULL, t, NULL, body->u.block.stmts, 0);
    goto_uses(&ls, body, 0);
    for (int i = 0; i < ls.n; i++)
        if (!ls.items[i].used) {
            Node *lab = ls.items[i].lstmt->u.labeled.label;
            check_errorf(c, lab->pos, "label %s defined and not used", lab->u.ident.name);
        }
}
