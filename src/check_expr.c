/* check_expr.c — expressions: identifiers, literals, composite literals,
 * function literals, selectors, index and slice expressions, type
 * assertions, unary and binary operators, comparisons, shifts, untyped
 * constants and their implicit conversion.
 *
 * Go: cmd/compile/internal/types2 expr.go, operand.go, index.go, typexpr.go
 * (ident), call.go (selector), lookup.go (missing method reasons).
 *
 * Invariants:
 *  - check_raw_expr records (mode, type, cv) on the node before returning;
 *    MODE_INVALID means an error was reported (here or earlier).
 *  - An untyped operand's type is rewritten on its node (and, for
 *    non-constant operations, on its operands) by update_expr_type once the
 *    context decides the final type (types2 updateExprType).
 */
#include <stdlib.h>
#include "check_int.h"

/* ---------------------------------------------------------------- strings */

const char *expr_string(Node *e) {
    if (!e) return "";
    return ast_expr_string(e);
}

static const char *mode_string(ExprMode m) {
    switch (m) {
    case MODE_INVALID: return "invalid operand";
    case MODE_NOVALUE: return "no value";
    case MODE_BUILTIN: return "built-in";
    case MODE_TYPEEXPR: return "type";
    case MODE_CONST: return "constant";
    case MODE_VAR: return "variable";
    case MODE_MAPINDEX: return "map index expression";
    case MODE_VALUE: return "value";
    case MODE_COMMAOK: return "comma, ok expression";
    case MODE_PACKAGE: return "package";
    }
    return "value";
}

/* types2's nilvalue mode: the predeclared nil, typed or not. */
static bool is_nil(Operand *x) {
    if (x->type && x->type->kind == TY_UNTYPED_NIL) return true;
    Node *e = unparen(x->expr);
    return x->mode == MODE_VALUE && e && e->kind == E_IDENT && e->obj && e->obj->kind == OBJ_NIL;
}

static const char *builtin_name(Builtin id) {
    static const char *names[] = {
        [BI_NONE] = "", [BI_APPEND] = "append", [BI_CAP] = "cap", [BI_CLOSE] = "close",
        [BI_COPY] = "copy", [BI_DELETE] = "delete", [BI_LEN] = "len", [BI_MAKE] = "make",
        [BI_NEW] = "new", [BI_PANIC] = "panic", [BI_PRINT] = "print", [BI_PRINTLN] = "println",
        [BI_RECOVER] = "recover", [BI_COMPLEX] = "complex", [BI_REAL] = "real", [BI_IMAG] = "imag",
    };
    return (unsigned)id < sizeof names / sizeof names[0] ? names[id] : "";
}

/* types2 operandString. */
const char *operand_string(Operand *x) {
    if (is_nil(x)) {
        if (!x->type || x->type == types_invalid) return "nil (with invalid type)";
        if (x->type->kind == TY_UNTYPED_NIL) return "nil";
        return strbuf_printf("nil (of type %s)", type_string(x->type));
    }
    const char *expr = "";
    if (x->expr) expr = expr_string(x->expr);
    else if (x->mode == MODE_BUILTIN) expr = builtin_name(x->id);
    else if (x->mode == MODE_TYPEEXPR) expr = type_string(x->type);
    else if (x->mode == MODE_CONST && x->val) expr = cv_format(x->val);
    char *buf = "";
    if (expr[0]) buf = strbuf_printf("%s (", expr);
    bool has_type = false;
    switch (x->mode) {
    case MODE_INVALID: case MODE_NOVALUE: case MODE_BUILTIN: case MODE_TYPEEXPR:
        break;
    default:
        if (x->type) {
            if (type_is_untyped(x->type)) {
                buf = strbuf_printf("%s%s ", buf, x->type->u.basic.name);
                break;
            }
            has_type = true;
        }
    }
    buf = strbuf_printf("%s%s", buf, mode_string(x->mode));
    if (x->mode == MODE_CONST && x->val) {
        const char *s = cv_format(x->val);
        if (strcmp(s, expr) != 0) buf = strbuf_printf("%s %s", buf, s);
    }
    if (has_type) {
        if (x->type != types_invalid && x->type->kind != TY_INVALID)
            buf = strbuf_printf("%s of type %s", buf, type_string(x->type));
        else
            buf = strbuf_printf("%s with invalid type", buf);
    }
    if (expr[0]) buf = strbuf_printf("%s)", buf);
    return buf;
}

/* typesSummary for have/want lines. */
const char *types_summary(Type **list, int n, bool variadic) {
    const char *s = "(";
    for (int i = 0; i < n; i++) {
        Type *t = list[i];
        const char *ts;
        if (!t || t == types_invalid || t->kind == TY_INVALID) ts = "<T>";
        else if (type_is_untyped(t)) {
            if (type_is_numeric(t)) ts = "number";
            else {
                const char *nm = t->u.basic.name;
                ts = strncmp(nm, "untyped ", 8) == 0 ? nm + 8 : nm;
            }
        } else if (variadic && i == n - 1 && t->kind == TY_SLICE)
            ts = strbuf_printf("...%s", type_string(t->u.slice.elem));
        else ts = type_string(t);
        s = strbuf_printf("%s%s%s", s, i ? ", " : "", ts);
    }
    return strbuf_printf("%s)", s);
}

/* ---------------------------------------------------------------- record */

void record(Node *e, Operand *x) {
    if (!e) return;
    e->mode = x->mode;
    e->type = x->type;
    e->cv = x->mode == MODE_CONST ? x->val : NULL;
}

Node *unparen(Node *e) {
    for (int guard = 0; e && e->kind == E_PAREN && guard < 100000; guard++) e = e->u.unary.x;
    return e;
}

static bool is_comparison(int op) {
    return op == EQL || op == NEQ || op == '<' || op == LEQ || op == '>' || op == GEQ;
}

static bool is_shift(int op) { return op == SHL || op == SHR; }

/* ---------------------------------------------------------------- constants */

/* types2 representation: 0 ok, 1 truncated, 2 overflows, 3 invalid const. */
static int representation(Operand *x, Type *t, ConstVal **out) {
    const char *why = NULL;
    Type *u = type_underlying(t);
    ConstVal *v = cv_represent(x->val, u, &why);
    if (v) { *out = v; return 0; }
    if (type_is_numeric(x->type) && type_is_numeric(u)) {
        if (!type_is_integer(x->type) && type_is_integer(u)) return 1;
        return 2;
    }
    return 3;
}

static void invalid_conversion(Checker *c, int code, Operand *x, Type *target) {
    const char *xs = operand_string(x);
    Pos p = start_pos(x->expr);
    if (code == 1) check_errorf(c, p, "%s truncated to %s", xs, type_string(target));
    else if (code == 2) check_errorf(c, p, "%s overflows %s", xs, type_string(target));
    else check_errorf(c, p, "cannot convert %s to %s", xs, type_string(target));
}

void representable(Checker *c, Operand *x, Type *t) {
    ConstVal *v = NULL;
    int code = representation(x, t, &v);
    if (code) {
        invalid_conversion(c, code, x, t);
        x->mode = MODE_INVALID;
        return;
    }
    x->val = v;
}

/* implicitTypeAndValue: codes 1 truncated, 2 overflow, 3 invalid const,
   4 invalid untyped conversion. */
bool implicit_type_and_value(Checker *c, Operand *x, Type *target, Type **newt, ConstVal **val, int *code) {
    (void)c;
    *newt = x->type; *val = NULL; *code = 0;
    if (x->mode == MODE_INVALID || !type_is_untyped(x->type) || target == types_invalid || !target) return true;
    if (type_is_untyped(target)) {
        TypeKind xk = x->type->kind, tk = target->kind;
        if (type_is_numeric(x->type) && type_is_numeric(target)) {
            if (xk < tk) { *newt = target; return true; }
        } else if (xk != tk) { *code = 4; return false; }
        return true;
    }
    if (is_nil(x)) {
        if (type_has_nil(target)) { *newt = target; return true; }
        *code = 4; return false;
    }
    Type *u = type_underlying(target);
    if (!u) { *code = 4; return false; }
    if (u->kind < TY_BASIC_COUNT) {
        if (x->mode == MODE_CONST) {
            ConstVal *v = NULL;
            int cd = representation(x, u, &v);
            if (cd) { *code = cd; return false; }
            *newt = target; *val = v;
            return true;
        }
        switch (x->type->kind) {
        case TY_UNTYPED_BOOL: if (!type_is_boolean(target)) { *code = 4; return false; } break;
        case TY_UNTYPED_INT: case TY_UNTYPED_RUNE: case TY_UNTYPED_FLOAT:
            if (!type_is_numeric(target)) { *code = 4; return false; } break;
        case TY_UNTYPED_STRING: if (!type_is_string(target)) { *code = 4; return false; } break;
        default: *code = 4; return false;
        }
        *newt = target;
        return true;
    }
    if (u->kind == TY_INTERFACE) {
        if (u->u.iface.nmethods > 0) { *code = 4; return false; }
        *newt = type_default(x->type);
        return true;
    }
    *code = 4;
    return false;
}

static void update_expr_type0(Checker *c, Node *parent, Node *x, Type *t, bool final, int depth) {
    if (!x || !x->type || !type_is_untyped(x->type) || depth > MAX_DEPTH) return;
    switch (x->kind) {
    case E_PAREN:
        update_expr_type0(c, x, x->u.unary.x, t, final, depth + 1);
        break;
    case E_UNARY:
        if (x->mode == MODE_CONST) break;
        update_expr_type0(c, x, x->u.unary.x, t, final, depth + 1);
        break;
    case E_BINARY:
        if (x->mode == MODE_CONST) break;
        if (is_comparison(x->u.binary.op)) {
            /* result type is independent of operand types */
        } else if (is_shift(x->u.binary.op)) {
            update_expr_type0(c, x, x->u.binary.x, t, final, depth + 1);
        } else {
            update_expr_type0(c, x, x->u.binary.x, t, final, depth + 1);
            update_expr_type0(c, x, x->u.binary.y, t, final, depth + 1);
        }
        break;
    case E_IDENT: case E_INTLIT: case E_FLOATLIT: case E_RUNELIT: case E_STRINGLIT:
    case E_SELECTOR: case E_CALL:
        break;
    default:
        return;
    }
    if (!final && type_is_untyped(t)) {
        x->type = type_underlying(t);
        return;
    }
    /* the lhs of a non-constant shift must become an integer */
    if (parent && parent->kind == E_BINARY && is_shift(parent->u.binary.op) &&
        parent->u.binary.x == x && parent->mode != MODE_CONST) {
        if (!type_is_integer(t)) {
            check_errorf(c, start_pos(x), "invalid operation: %s (shift of type %s)",
                         expr_string(parent), type_string(t));
            return;
        }
    }
    if (x->mode == MODE_CONST && x->cv) {
        /* convertUntyped without recursing into update_expr_type */
        Operand o = { x->mode, x, x->type, x->cv, 0 };
        Type *nt; ConstVal *val; int code;
        if (!implicit_type_and_value(c, &o, t, &nt, &val, &code)) {
            Type *u = type_underlying(t);
            invalid_conversion(c, code, &o, u && u->kind < TY_BASIC_COUNT ? u : t);
            return;
        }
        if (val) x->cv = val;
        if (nt && !type_is_untyped(nt)) t = nt;
    }
    x->type = t;
}

void update_expr_type(Checker *c, Node *e, Type *t, bool final) {
    update_expr_type0(c, NULL, e, t, final, 0);
}

void convert_untyped(Checker *c, Operand *x, Type *target) {
    Type *nt; ConstVal *val; int code;
    if (!implicit_type_and_value(c, x, target, &nt, &val, &code)) {
        Type *t = type_underlying(target);
        if (!t) t = target;
        /* gc names the target's underlying basic type only for basic targets */
        invalid_conversion(c, code, x, type_is_untyped(target) ? target : t);   /* safeUnderlying */
        x->mode = MODE_INVALID;
        return;
    }
    if (val) { x->val = val; if (x->expr && x->expr->mode == MODE_CONST) x->expr->cv = val; }
    if (nt != x->type) {
        x->type = nt;
        update_expr_type(c, x->expr, nt, false);
    }
}

static void const_overflow_error(Checker *c, Node *e);

/* types2 overflow: typed constants must be representable in their type;
   untyped integers must not grow past CV_PREC bits. */
bool check_overflow(Checker *c, Operand *x, Pos opos) {
    (void)opos;
    if (x->mode != MODE_CONST || !x->val) return true;
    if (!type_is_untyped(x->type)) {
        representable(c, x, type_underlying(x->type));
        return x->mode != MODE_INVALID;
    }
    if (x->val->kind == CV_INT && cv_bitlen(x->val) > CV_PREC) {
        const_overflow_error(c, x->expr);
        x->mode = MODE_INVALID;
        return false;
    }
    return true;
}

static const char *op_name(Node *e) {
    if (!e) return "";
    if (e->kind == E_UNARY && e->u.unary.op == '^') return "bitwise complement";
    if (e->kind == E_BINARY) {
        switch (e->u.binary.op) {
        case '+': return "addition";
        case '-': return "subtraction";
        case '^': return "bitwise XOR";
        case '*': return "multiplication";
        case SHL: return "shift";
        }
    }
    return "";
}

/* gc 1.19 formats "constant %s overflow" even when opName is empty:
   -x, x / y and x >> s give "constant  overflow", with two spaces. */
static void const_overflow_error(Checker *c, Node *e) {
    check_errorf(c, op_pos(e), "constant %s overflow", op_name(e));
}

/* ---------------------------------------------------------------- idents */

Object *lookup_ident(Checker *c, const char *name) {
    return scope_lookup(c->scope, name);
}

static void ident(Checker *c, Operand *x, Node *e, bool want_type) {
    x->mode = MODE_INVALID;
    x->type = types_invalid;
    x->expr = e;
    const char *name = e->u.ident.name;
    if (strcmp(name, "_") == 0) {
        check_errorf(c, e->pos, "cannot use _ as value or type");
        return;
    }
    Object *obj = lookup_ident(c, name);
    if (!obj) {
        if (strcmp(name, "complex64") == 0 || strcmp(name, "complex128") == 0)
            check_errorf(c, e->pos, "complex numbers are not supported by mini");
        else
            check_errorf(c, e->pos, "undefined: %s", name);
        return;
    }
    e->obj = obj;
    if (!obj->type || (obj->kind == OBJ_TYPE && want_type)) obj_decl(c, obj);
    Type *typ = obj->type ? obj->type : types_invalid;
    switch (obj->kind) {
    case OBJ_PKG:
        check_errorf(c, e->pos, "use of package %s not in selector", obj->name);
        return;
    case OBJ_CONST:
        add_decl_dep(c, obj);
        if (typ == types_invalid) return;
        if (obj->pos.line == 0 && strcmp(name, "iota") == 0) {
            if (!c->iota) {
                check_errorf(c, e->pos, "cannot use iota outside constant declaration");
                return;
            }
            x->val = c->iota;
        } else {
            x->val = obj->cv;
        }
        if (!x->val) return;   /* constant with an erroneous initializer */
        x->mode = MODE_CONST;
        break;
    case OBJ_TYPE:
        x->mode = MODE_TYPEEXPR;
        break;
    case OBJ_VAR:
        if (!obj->pkg || (c->pkgpath && obj->pkg && strcmp(obj->pkg, c->pkgpath) == 0)) obj->used = true;
        add_decl_dep(c, obj);
        if (!obj->is_global && obj->func && c->func && obj->func != c->func) obj->captured = true;
        if (typ == types_invalid) return;
        x->mode = MODE_VAR;
        break;
    case OBJ_FUNC:
        add_decl_dep(c, obj);
        x->mode = MODE_VALUE;
        break;
    case OBJ_BUILTIN:
        x->mode = MODE_BUILTIN;
        x->id = obj->builtin;
        typ = types_invalid;
        break;
    case OBJ_NIL:
        x->mode = MODE_VALUE;
        typ = types_basic[TY_UNTYPED_NIL];
        break;
    default:
        return;
    }
    x->type = typ;
}

/* ---------------------------------------------------------------- use */

void use_expr(Checker *c, Node *e) {
    if (!e) return;
    if (e->kind == E_IDENT && strcmp(e->u.ident.name, "_") == 0) return;
    Operand x;
    check_raw_expr(c, &x, e, NULL, false);
}

void use_exprs(Checker *c, NodeList *l) {
    if (!l) return;
    for (int i = 0; i < l->len; i++) use_expr(c, l->items[i]);
}

/* ---------------------------------------------------------------- addr */

/* Marks the variable whose storage e denotes as address-taken: x, x.f (x a
   struct value), x[i] (x an array), through parens. */
void mark_addr_taken(Node *e) {
    for (int guard = 0; e && guard < 100000; guard++) {
        switch (e->kind) {
        case E_PAREN: e = e->u.unary.x; continue;
        case E_SELECTOR:
            if (e->u.selector.indirect) return;
            if (e->u.selector.x && e->u.selector.x->mode == MODE_PACKAGE) {
                if (e->obj) e->obj->addr_taken = true;
                return;
            }
            e = e->u.selector.x;
            continue;
        case E_INDEX: {
            Type *t = e->u.index.x ? type_underlying(e->u.index.x->type) : NULL;
            if (!t || t->kind != TY_ARRAY) return;
            e = e->u.index.x;
            continue;
        }
        case E_IDENT:
            if (e->obj && e->obj->kind == OBJ_VAR) e->obj->addr_taken = true;
            return;
        default:
            return;
        }
    }
}

/* ---------------------------------------------------------------- unary */

static void unary(Checker *c, Operand *x, Node *e) {
    check_expr(c, x, e->u.unary.x);
    if (x->mode == MODE_INVALID) return;
    int op = e->u.unary.op;
    switch (op) {
    case '&': {
        Node *inner = unparen(e->u.unary.x);
        if ((!inner || inner->kind != E_COMPOSITE) && x->mode != MODE_VAR) {
            x->expr = inner;   /* gc's parser drops the parentheses of &(x) */
            check_errorf(c, start_pos(x->expr), "invalid operation: cannot take address of %s", operand_string(x));
            x->mode = MODE_INVALID;
            return;
        }
        mark_addr_taken(e->u.unary.x);
        x->mode = MODE_VALUE;
        x->type = type_new_pointer(x->type);
        return;
    }
    case ARROW: {
        Type *u = type_underlying(x->type);
        if (!u || u->kind != TY_CHAN) {
            check_errorf(c, start_pos(x->expr), "invalid operation: cannot receive from non-channel %s", operand_string(x));
            x->mode = MODE_INVALID;
            return;
        }
        if (u->u.chan.dir == CHAN_SEND) {
            check_errorf(c, start_pos(x->expr), "invalid operation: cannot receive from send-only channel %s", operand_string(x));
            x->mode = MODE_INVALID;
            return;
        }
        x->mode = MODE_COMMAOK;
        x->type = u->u.chan.elem;
        return;
    }
    }
    bool ok;
    switch (op) {
    case '+': case '-': ok = type_is_numeric(x->type); break;
    case '^': ok = type_is_integer(x->type); break;
    case '!': ok = type_is_boolean(x->type); break;
    default: ok = false;
    }
    if (!ok) {
        check_errorf(c, start_pos(x->expr), "invalid operation: operator %s not defined on %s", ast_op_string(op), operand_string(x));
        x->mode = MODE_INVALID;
        return;
    }
    if (x->mode == MODE_CONST) {
        if (!x->val) { x->mode = MODE_INVALID; return; }
        const char *err = NULL;
        Type *ut = type_underlying(x->type);
        ConstVal *v = cv_unary(op, x->val, ut, &err);
        if (!v) {
            const_overflow_error(c, e);
            x->mode = MODE_INVALID;
            return;
        }
        x->val = v;
        x->expr = e;
        check_overflow(c, x, e->pos);
        return;
    }
    x->mode = MODE_VALUE;
}

/* ---------------------------------------------------------------- binary */

static const char *kind_string(Type *t) {
    Type *u = type_underlying(t);
    if (!u) return type_string(t);
    switch (u->kind) {
    case TY_ARRAY: return "array";
    case TY_SLICE: return "slice";
    case TY_STRUCT: return "struct";
    case TY_POINTER: return "pointer";
    case TY_FUNC: return "func";
    case TY_INTERFACE: return "interface";
    case TY_MAP: return "map";
    case TY_CHAN: return "chan";
    default: return type_string(t);
    }
}

static const char *incomparable_cause(Type *t) {
    Type *u = type_underlying(t);
    if (!u) return "";
    switch (u->kind) {
    case TY_SLICE: case TY_FUNC: case TY_MAP:
        return strbuf_printf("%s can only be compared to nil", kind_string(t));
    case TY_STRUCT:
        for (int i = 0; i < u->u.strct.nfields; i++)
            if (!type_is_comparable(u->u.strct.fields[i].type))
                return strbuf_printf("struct containing %s cannot be compared", type_string(u->u.strct.fields[i].type));
        return "";
    case TY_ARRAY:
        return strbuf_printf("%s cannot be compared", type_string(t));
    default:
        return "";
    }
}

void check_comparison(Checker *c, Operand *x, Operand *y, int op, bool switchcase) {
    if (switchcase) op = EQL;
    Operand *errop = x;
    const char *cause = "";
    bool ok = assignable_to(c, x, y->type, NULL) || assignable_to(c, y, x->type, NULL);
    if (!ok) {
        errop = y;
        cause = strbuf_printf("mismatched types %s and %s", type_string(x->type), type_string(y->type));
        goto error;
    }
    if (op == EQL || op == NEQ) {
        if (is_nil(x) || is_nil(y)) {
            Type *t = is_nil(x) ? y->type : x->type;
            if (!type_has_nil(t)) { errop = y; goto error; }
        } else if (!type_is_comparable(x->type)) {
            errop = x; cause = incomparable_cause(x->type); goto error;
        } else if (!type_is_comparable(y->type)) {
            errop = y; cause = incomparable_cause(y->type); goto error;
        }
    } else {
        if (!type_is_ordered(x->type)) { errop = x; goto error; }
        if (!type_is_ordered(y->type)) { errop = y; goto error; }
    }
    if (x->mode == MODE_CONST && y->mode == MODE_CONST && x->val && y->val) {
        ConstVal *a = x->val, *b = y->val;
        if (a->kind != b->kind) {
            if (a->kind == CV_FLOAT || b->kind == CV_FLOAT) { a = cv_to_float(a); b = cv_to_float(b); }
        }
        x->val = cv_bool(cv_compare(op, a, b));
    } else {
        x->mode = MODE_VALUE;
        x->val = NULL;
        update_expr_type(c, x->expr, type_default(x->type), true);
        update_expr_type(c, y->expr, type_default(y->type), true);
    }
    x->type = types_basic[TY_UNTYPED_BOOL];
    return;
error:
    if (!cause[0])
        cause = strbuf_printf("operator %s not defined on %s", ast_op_string(op), kind_string(errop->type));
    if (switchcase)
        check_errorf(c, start_pos(x->expr), "invalid case %s in switch on %s (%s)", expr_string(x->expr), expr_string(y->expr), cause);
    else
        check_errorf(c, start_pos(errop->expr), "invalid operation: %s %s %s (%s)", expr_string(x->expr),
                     ast_op_string(op), expr_string(y->expr), cause);
    x->mode = MODE_INVALID;
}

static void shift(Checker *c, Operand *x, Operand *y, Node *e, int op) {
    ConstVal *xval = NULL;
    if (x->mode == MODE_CONST && x->val) xval = cv_to_int(x->val);
    if (type_is_integer(x->type) || (type_is_untyped(x->type) && xval && xval->kind == CV_INT)) {
        /* ok */
    } else {
        check_errorf(c, start_pos(x->expr), "invalid operation: shifted operand %s must be integer", operand_string(x));
        x->mode = MODE_INVALID;
        return;
    }
    if (y->mode == MODE_CONST && y->val) {
        ConstVal *yv = cv_to_int(y->val);
        if (yv && yv->kind == CV_INT && cv_sign(yv) < 0) {
            check_errorf(c, start_pos(y->expr), "invalid operation: negative shift count %s", operand_string(y));
            x->mode = MODE_INVALID;
            return;
        }
        if (type_is_untyped(y->type)) {
            representable(c, y, types_basic[TY_UINT]);
            if (y->mode == MODE_INVALID) { x->mode = MODE_INVALID; return; }
        }
    } else {
        if (type_is_integer(y->type)) {
            /* types2 leaves an untyped non-constant count (1 << (1 << n))
               untyped; give it uint so that no untyped value reaches the
               compiler */
            if (type_is_untyped(y->type)) update_expr_type(c, y->expr, types_basic[TY_UINT], true);
        } else if (type_is_untyped(y->type)) {
            convert_untyped(c, y, types_basic[TY_UINT]);
            if (y->mode == MODE_INVALID) { x->mode = MODE_INVALID; return; }
        } else {
            check_errorf(c, start_pos(y->expr), "invalid operation: shift count %s must be integer", operand_string(y));
            x->mode = MODE_INVALID;
            return;
        }
    }
    if (x->mode == MODE_CONST) {
        if (y->mode == MODE_CONST && y->val) {
            ConstVal *yv = cv_to_int(y->val);
            const int shift_bound = 1023 - 1 + 52;
            if (!yv || yv->kind != CV_INT || cv_compare('>', yv, cv_int(shift_bound))) {
                check_errorf(c, start_pos(y->expr), "invalid operation: invalid shift count %s", operand_string(y));
                x->mode = MODE_INVALID;
                return;
            }
            if (!type_is_integer(x->type)) x->type = types_basic[TY_UNTYPED_INT];
            const char *err = NULL;
            ConstVal *v = cv_shift(op, xval, cv_uint64(yv), &err);
            x->expr = e;
            if (!v) {
                const_overflow_error(c, e);
                x->mode = MODE_INVALID;
                return;
            }
            x->val = v;
            check_overflow(c, x, e->pos);
            return;
        }
        if (type_is_untyped(x->type)) {
            /* non-constant shift of an untyped constant: the type comes from
               the context (update_expr_type checks it is an integer) */
            x->mode = MODE_VALUE;
            x->val = NULL;
            return;
        }
    }
    if (!type_is_integer(x->type)) {
        check_errorf(c, start_pos(x->expr), "invalid operation: shifted operand %s must be integer", operand_string(x));
        x->mode = MODE_INVALID;
        return;
    }
    x->mode = MODE_VALUE;
    x->val = NULL;
}

static bool op_allowed(int op, Type *t) {
    switch (op) {
    case '+': return type_is_numeric(t) || type_is_string(t);
    case '-': case '*': case '/': return type_is_numeric(t);
    case '%': case '&': case '|': case '^': case AND_NOT: return type_is_integer(t);
    case LAND: case LOR: return type_is_boolean(t);
    default: return false;
    }
}

static bool cv_is_zero(ConstVal *v) {
    if (!v) return false;
    return (v->kind == CV_INT || v->kind == CV_FLOAT) && cv_sign(v) == 0;
}

/* x op y; e is the binary expression, or NULL for an assignment x op= y
   (then lhs/rhs name the operands for the message). */
void check_binary(Checker *c, Operand *x, Node *e, Node *lhs, Node *rhs, int op, Pos oppos) {
    (void)oppos;
    Operand y;
    check_expr(c, x, lhs);
    check_expr(c, &y, rhs);
    if (x->mode == MODE_INVALID) return;
    if (y.mode == MODE_INVALID) { x->mode = MODE_INVALID; x->expr = y.expr; return; }
    if (is_shift(op)) { shift(c, x, &y, e, op); return; }

    /* canMix */
    bool can_mix = true;
    if (type_is_interface(x->type) || type_is_interface(y.type)) can_mix = true;
    else if (type_is_boolean(x->type) != type_is_boolean(y.type)) can_mix = false;
    else if (type_is_string(x->type) != type_is_string(y.type)) can_mix = false;
    else if (is_nil(x) && !type_has_nil(y.type)) can_mix = false;
    else if (is_nil(&y) && !type_has_nil(x->type)) can_mix = false;
    if (can_mix) {
        convert_untyped(c, x, y.type);
        if (x->mode == MODE_INVALID) return;
        convert_untyped(c, &y, x->type);
        if (y.mode == MODE_INVALID) { x->mode = MODE_INVALID; return; }
    }
    if (is_comparison(op)) { check_comparison(c, x, &y, op, false); if (e) x->expr = e; return; }

    if (!types_identical(x->type, y.type)) {
        if (x->type != types_invalid && y.type != types_invalid) {
            if (e)
                check_errorf(c, start_pos(x->expr), "invalid operation: %s (mismatched types %s and %s)",
                             expr_string(e), type_string(x->type), type_string(y.type));
            else
                check_errorf(c, start_pos(x->expr), "invalid operation: %s %s= %s (mismatched types %s and %s)",
                             expr_string(lhs), ast_op_string(op), expr_string(rhs), type_string(x->type), type_string(y.type));
        }
        x->mode = MODE_INVALID;
        return;
    }
    if (!op_allowed(op, x->type)) {
        check_errorf(c, start_pos(x->expr), "invalid operation: operator %s not defined on %s", ast_op_string(op), operand_string(x));
        x->mode = MODE_INVALID;
        return;
    }
    if (op == '/' || op == '%') {
        if ((x->mode == MODE_CONST || type_is_integer(x->type)) && y.mode == MODE_CONST && cv_is_zero(y.val)) {
            check_errorf(c, start_pos(y.expr), "invalid operation: division by zero");
            x->mode = MODE_INVALID;
            return;
        }
    }
    if (x->mode == MODE_CONST && y.mode == MODE_CONST) {
        if (!x->val || !y.val) { x->mode = MODE_INVALID; return; }
        ConstVal *a = x->val, *b = y.val;
        if (a->kind == CV_FLOAT || b->kind == CV_FLOAT) {
            if (a->kind == CV_INT) a = cv_to_float(a);
            if (b->kind == CV_INT) b = cv_to_float(b);
        }
        bool intdiv = type_is_integer(x->type);
        const char *err = NULL;
        ConstVal *v = cv_binary(op, a, b, intdiv, &err);
        x->expr = e ? e : x->expr;
        if (!v) {
            if (err && strstr(err, "division by zero"))
                check_errorf(c, start_pos(y.expr), "invalid operation: division by zero");
            else if (err && strcmp(err, "constant result is not representable") == 0)
                check_errorf(c, op_pos(x->expr), "%s", err);
            else
                const_overflow_error(c, e);
            x->mode = MODE_INVALID;
            return;
        }
        /* an untyped integer division of integers stays integral */
        x->val = v;
        check_overflow(c, x, e ? e->pos : x->expr->pos);
        return;
    }
    x->mode = MODE_VALUE;
    x->val = NULL;
}

/* ---------------------------------------------------------------- index */

/* types2 index / isValidIndex. Returns false on error; *val is the constant
   index or -1. */
bool check_index(Checker *c, Node *index, int64_t max, bool allow_negative, const char *what, int64_t *val) {
    *val = -1;
    Operand x;
    check_expr(c, &x, index);
    if (x.mode == MODE_INVALID) return false;
    convert_untyped(c, &x, types_basic[TY_INT]);
    if (x.mode == MODE_INVALID) return false;
    if (!type_is_integer(x.type)) {
        check_errorf(c, start_pos(index), "invalid argument: %s %s must be integer", what, operand_string(&x));
        return false;
    }
    if (x.mode == MODE_CONST && x.val) {
        if (!allow_negative && cv_sign(x.val) < 0) {
            check_errorf(c, start_pos(index), "invalid argument: %s %s must not be negative", what, operand_string(&x));
            return false;
        }
        const char *why;
        if (!cv_represent(x.val, types_basic[TY_INT], &why)) {
            check_errorf(c, start_pos(index), "invalid argument: %s %s overflows int", what, operand_string(&x));
            return false;
        }
        int64_t v = cv_int64(x.val);
        if (max >= 0 && v >= max) {
            check_errorf(c, start_pos(index), "invalid argument: index %s out of bounds [0:%lld]", cv_format(x.val), (long long)max);
            return false;
        }
        *val = v;
    }
    return true;
}

static void index_expr(Checker *c, Operand *x, Node *e) {
    check_expr_or_type(c, x, e->u.index.x);
    if (x->mode == MODE_INVALID) { use_expr(c, e->u.index.index); return; }
    if (x->mode == MODE_TYPEEXPR) {
        check_errorf(c, start_pos(e), "%s is not a generic type", type_string(x->type));
        x->mode = MODE_INVALID;
        return;
    }
    bool valid = false;
    int64_t length = -1;
    Type *u = type_underlying(x->type);
    if (u) switch (u->kind) {
    case TY_STRING: case TY_UNTYPED_STRING:
        valid = true;
        if (x->mode == MODE_CONST && x->val) length = (int64_t)x->val->slen;
        x->mode = MODE_VALUE;
        x->type = types_byte;
        break;
    case TY_ARRAY:
        valid = true;
        length = u->u.array.len;
        if (x->mode != MODE_VAR) x->mode = MODE_VALUE;
        x->type = u->u.array.elem;
        break;
    case TY_POINTER: {
        Type *a = type_underlying(u->u.pointer.elem);
        if (a && a->kind == TY_ARRAY) {
            valid = true;
            length = a->u.array.len;
            x->mode = MODE_VAR;
            x->type = a->u.array.elem;
        }
        break;
    }
    case TY_SLICE:
        valid = true;
        x->mode = MODE_VAR;
        x->type = u->u.slice.elem;
        break;
    case TY_MAP: {
        Operand key;
        check_expr_with_hint(c, &key, e->u.index.index, u->u.map.key);
        assignment(c, &key, u->u.map.key, "map index");
        x->mode = MODE_MAPINDEX;
        x->type = u->u.map.elem;
        x->expr = e;
        return;
    }
    default:
        break;
    }
    if (!valid) {
        check_errorf(c, e->pos, "invalid operation: cannot index %s", operand_string(x));
        x->mode = MODE_INVALID;
        use_expr(c, e->u.index.index);
        return;
    }
    int64_t v;
    check_index(c, e->u.index.index, length, false, "index", &v);
}

static void slice_expr(Checker *c, Operand *x, Node *e) {
    check_expr(c, x, e->u.slice.x);
    if (x->mode == MODE_INVALID) {
        use_expr(c, e->u.slice.lo); use_expr(c, e->u.slice.hi); use_expr(c, e->u.slice.max);
        return;
    }
    bool valid = false;
    int64_t length = -1;
    Type *u = type_underlying(x->type);
    if (u) switch (u->kind) {
    case TY_STRING: case TY_UNTYPED_STRING:
        if (e->u.slice.three) {
            Node *at = e->u.slice.max ? e->u.slice.max : e;
            check_errorf(c, start_pos(at), "invalid operation: 3-index slice of string");
            x->mode = MODE_INVALID;
            return;
        }
        valid = true;
        if (x->mode == MODE_CONST && x->val) length = (int64_t)x->val->slen;
        if (type_is_untyped(x->type)) x->type = types_basic[TY_STRING];
        break;
    case TY_ARRAY:
        valid = true;
        length = u->u.array.len;
        if (x->mode != MODE_VAR) {
            check_errorf(c, start_pos(x->expr), "invalid operation: %s (slice of unaddressable value)", operand_string(x));
            x->mode = MODE_INVALID;
            return;
        }
        mark_addr_taken(e->u.slice.x);
        x->type = type_new_slice(u->u.array.elem);
        break;
    case TY_POINTER: {
        Type *a = type_underlying(u->u.pointer.elem);
        if (a && a->kind == TY_ARRAY) {
            valid = true;
            length = a->u.array.len;
            x->type = type_new_slice(a->u.array.elem);
        }
        break;
    }
    case TY_SLICE:
        valid = true;
        break;
    default:
        break;
    }
    if (!valid) {
        check_errorf(c, start_pos(x->expr), "invalid operation: cannot slice %s", operand_string(x));
        x->mode = MODE_INVALID;
        return;
    }
    x->mode = MODE_VALUE;
    x->val = NULL;
    Node *idx[3] = { e->u.slice.lo, e->u.slice.hi, e->u.slice.max };
    int64_t ind[3];
    int nidx = e->u.slice.three ? 3 : 2;
    for (int i = 0; i < nidx; i++) {
        int64_t v = -1;
        if (idx[i]) {
            int64_t max = length >= 0 ? length + 1 : -1;
            int64_t cv;
            if (check_index(c, idx[i], max, false, "index", &cv) && cv >= 0) v = cv;
        } else if (i == 0) v = 0;
        else if (length >= 0) v = length;
        ind[i] = v;
    }
    for (int i = 0; i < nidx - 1; i++) {
        int64_t a = ind[i];
        if (a > 0) {
            for (int j = i + 1; j < nidx; j++) {
                if (ind[j] >= 0 && ind[j] < a) {
                    check_errorf(c, start_pos(idx[j]), "invalid slice indices: %lld < %lld", (long long)ind[j], (long long)a);
                    return;
                }
            }
        }
    }
}

/* ---------------------------------------------------------------- composite */

static bool same_key(ConstVal *a, ConstVal *b) {
    if (!a || !b) return false;
    if (a->kind == CV_STRING && b->kind == CV_STRING)
        return a->slen == b->slen && memcmp(a->s, b->s, a->slen) == 0;
    if (a->kind == CV_BOOL && b->kind == CV_BOOL) return a->b == b->b;
    if ((a->kind == CV_INT || a->kind == CV_FLOAT) && (b->kind == CV_INT || b->kind == CV_FLOAT)) {
        if (a->kind == CV_INT && b->kind == CV_INT) return cv_compare(EQL, a, b);
        return cv_float64(a) == cv_float64(b);
    }
    return false;
}

static int64_t indexed_elts(Checker *c, NodeList *elts, Type *elem, int64_t length) {
    int64_t index = 0, max = 0;
    int64_t *visited = NULL; int nv = 0, capv = 0;
    if (!elts) return 0;
    for (int k = 0; k < elts->len; k++) {
        Node *e = elts->items[k];
        bool valid_index = false;
        Node *eval = e;
        if (e->kind == E_KEYVALUE) {
            int64_t i;
            Operand kx;
            (void)kx;
            if (check_index(c, e->u.binary.x, length, false, "index", &i)) {
                if (i >= 0) { index = i; valid_index = true; }
                else check_errorf(c, start_pos(e), "index %s must be integer constant", expr_string(e->u.binary.x));
            }
            eval = e->u.binary.y;
        } else if (length >= 0 && index >= length) {
            check_errorf(c, start_pos(e), "index %lld is out of bounds (>= %lld)", (long long)index, (long long)length);
        } else {
            valid_index = true;
        }
        if (valid_index) {
            for (int j = 0; j < nv; j++)
                if (visited[j] == index) {
                    check_errorf(c, start_pos(e), "duplicate index %lld in array or slice literal", (long long)index);
                    break;
                }
            PUSH(visited, nv, capv, index);
        }
        index++;
        if (index > max) max = index;
        Operand x;
        check_expr_with_hint(c, &x, eval, elem);
        assignment(c, &x, elem, "array or slice literal");
    }
    return max;
}

static bool is_exported(const char *name) {
    return name && name[0] >= 'A' && name[0] <= 'Z';
}

static void composite_lit(Checker *c, Operand *x, Node *e, Type *hint) {
    Type *typ = NULL, *base = NULL;
    Node *te = e->u.composite.type;
    NodeList *elts = e->u.composite.elts;
    int nelts = elts ? elts->len : 0;
    if (te) {
        if (te->kind == T_ARRAY && te->u.arraytype.len && te->u.arraytype.len->kind == E_ELLIPSIS) {
            Type *elem = check_typexpr(c, te->u.arraytype.elem);
            typ = type_new_array(elem, -1);
            te->u.arraytype.len->mode = MODE_TYPEEXPR;
        } else {
            typ = check_typexpr(c, te);
        }
        base = typ;
    } else if (hint) {
        typ = hint;
        base = typ;
        Type *u = type_underlying(typ);
        if (u && u->kind == TY_POINTER) base = u->u.pointer.elem;   /* *T implies &T{} */
    } else {
        check_errorf(c, e->pos, "missing type in composite literal");
        goto error;
    }
    Type *u = under_raw(base);
    if (!u) {
        check_errorf(c, e->pos, "illegal cycle in type declaration");
        goto error;
    }
    switch (u->kind) {
    case TY_STRUCT: {
        if (nelts == 0) break;
        int nf = u->u.strct.nfields;
        Field *fields = u->u.strct.fields;
        if (elts->items[0]->kind == E_KEYVALUE) {
            bool *visited = GC_MALLOC_ATOMIC((size_t)nf + 1);
            memset(visited, 0, (size_t)nf + 1);
            for (int k = 0; k < nelts; k++) {
                Node *kv = elts->items[k];
                if (kv->kind != E_KEYVALUE) {
                    check_errorf(c, start_pos(kv), "mixture of field:value and value elements in struct literal");
                    use_expr(c, kv);
                    continue;
                }
                Node *key = kv->u.binary.x;
                Operand v;
                int i = -1;
                bool foreign = base->kind == TY_NAMED && base->u.named.pkg &&
                               !(c->pkgpath && strcmp(c->pkgpath, base->u.named.pkg) == 0);
                if (key && key->kind == E_IDENT && !(foreign && !is_exported(key->u.ident.name)))
                    for (int j = 0; j < nf; j++)
                        if (strcmp(fields[j].name, key->u.ident.name) == 0) { i = j; break; }
                Type *ft = i >= 0 ? fields[i].type : NULL;
                check_expr(c, &v, kv->u.binary.y);   /* no hint: field values need their type */
                if (!key || key->kind != E_IDENT) {
                    check_errorf(c, start_pos(kv), "invalid field name %s in struct literal", expr_string(key));
                    continue;
                }
                if (i < 0) {
                    check_errorf(c, key->pos, "unknown field '%s' in struct literal of type %s", key->u.ident.name, type_string(base));
                    continue;
                }
                key->mode = MODE_VAR;
                key->type = ft;
                assignment(c, &v, ft, "struct literal");
                if (visited[i]) {
                    check_errorf(c, start_pos(kv), "duplicate field name %s in struct literal", key->u.ident.name);
                    continue;
                }
                visited[i] = true;
            }
        } else {
            for (int k = 0; k < nelts; k++) {
                Node *el = elts->items[k];
                if (el->kind == E_KEYVALUE) {
                    check_errorf(c, start_pos(el), "mixture of field:value and value elements in struct literal");
                    use_expr(c, el->u.binary.y);
                    continue;
                }
                Operand v;
                check_expr(c, &v, el);
                if (k >= nf) {
                    check_errorf(c, start_pos(el), "too many values in %s{…}", type_string(base));
                    break;
                }
                Type *bt = base;
                if (bt->kind == TY_NAMED && bt->u.named.pkg && !is_exported(fields[k].name) &&
                    !(c->pkgpath && strcmp(c->pkgpath, bt->u.named.pkg) == 0)) {
                    check_errorf(c, start_pos(el), "implicit assignment to unexported field %s in %s literal",
                                 fields[k].name, type_string(typ));
                    continue;
                }
                assignment(c, &v, fields[k].type, "struct literal");
            }
            if (nelts < nf)
                check_errorf(c, e->u.composite.rbrace, "too few values in %s{…}", type_string(base));
        }
        break;
    }
    case TY_ARRAY: {
        int64_t n = indexed_elts(c, elts, u->u.array.elem, u->u.array.len);
        if (u->u.array.len < 0) {
            u->u.array.len = n;
            if (te) { te->type = u; te->mode = MODE_TYPEEXPR; }
        }
        break;
    }
    case TY_SLICE:
        indexed_elts(c, elts, u->u.slice.elem, -1);
        break;
    case TY_MAP: {
        ConstVal **keys = NULL; Type **ktypes = NULL; int nk = 0, capk = 0, capkt = 0;
        bool key_iface = type_is_interface(u->u.map.key);
        for (int k = 0; k < nelts; k++) {
            Node *kv = elts->items[k];
            if (kv->kind != E_KEYVALUE) {
                check_errorf(c, start_pos(kv), "missing key in map literal");
                use_expr(c, kv);
                continue;
            }
            Operand kx;
            check_expr_with_hint(c, &kx, kv->u.binary.x, u->u.map.key);
            assignment(c, &kx, u->u.map.key, "map literal");
            if (kx.mode == MODE_INVALID) continue;   /* types2 skips the value too */
            if (kx.mode == MODE_CONST && kx.val) {
                bool dup = false;
                for (int j = 0; j < nk; j++)
                    if (same_key(keys[j], kx.val) && (!key_iface || types_identical(ktypes[j], kx.type))) dup = true;
                if (dup) {
                    check_errorf(c, start_pos(kx.expr), "duplicate key %s in map literal", cv_format(kx.val));
                    continue;
                }
                int nkt = nk;
                PUSH(ktypes, nkt, capkt, kx.type);
                PUSH(keys, nk, capk, kx.val);
            }
            Operand vx;
            check_expr_with_hint(c, &vx, kv->u.binary.y, u->u.map.elem);
            assignment(c, &vx, u->u.map.elem, "map literal");
        }
        break;
    }
    default:
        for (int k = 0; k < nelts; k++) {
            Node *el = elts->items[k];
            use_expr(c, el->kind == E_KEYVALUE ? el->u.binary.y : el);
        }
        if (u != types_invalid && u->kind != TY_INVALID) {
            check_errorf(c, start_pos(e), "invalid composite literal type %s", type_string(typ));
            goto error;
        }
        goto error;
    }
    x->mode = MODE_VALUE;
    x->type = typ;
    x->expr = e;
    return;
error:
    x->mode = MODE_INVALID;
    x->type = types_invalid;
    x->expr = e;
}

/* ---------------------------------------------------------------- funclit */

void check_funclit(Checker *c, Operand *x, Node *e) {
    Scope *fscope = scope_new(c->scope, SCOPE_FUNC);
    fscope->func = e;
    e->scope = fscope;
    Scope *outer = c->scope;
    Node *ofunc = c->func;
    c->scope = fscope;
    c->func = e;   /* params belong to the literal */
    Type *sig = check_functype(c, NULL, e->u.funclit.type, fscope, e, NULL, NULL);
    c->func = ofunc;
    c->scope = outer;
    if (e->u.funclit.body) {
        ConstVal *iota = c->iota;
        func_body(c, e, sig, e->u.funclit.body, fscope);
        c->iota = iota;
    }
    x->mode = MODE_VALUE;
    x->type = sig;
    x->expr = e;
}

/* ---------------------------------------------------------------- assertions */

/* x.(T) or a type switch case: T must implement x's interface when T is
   not an interface. */
bool type_assertion_check(Checker *c, Node *e, Operand *x, Type *xt, Type *T, bool typeswitch) {
    if (type_is_interface(T)) return true;
    const char *missing = NULL; bool wrong_ptr = false;
    if (type_implements(T, xt, &missing, &wrong_ptr)) return true;
    if (!missing) missing = "";
    const char *cause = missing_method_reason(T, xt, missing, wrong_ptr);
    if (typeswitch)
        check_errorf(c, start_pos(e), "impossible type switch case: %s\n\t%s cannot have dynamic type %s %s",
                     expr_string(e), operand_string(x), type_string(T), cause);
    else
        check_errorf(c, start_pos(e), "impossible type assertion: %s\n\t%s does not implement %s %s",
                     expr_string(e), type_string(T), type_string(xt), cause);
    return false;
}

/* ---------------------------------------------------------------- selector */

void check_selector(Checker *c, Operand *x, Node *e) {
    Node *xe = e->u.selector.x;
    Node *sele = e->u.selector.sel;
    const char *sel = sele ? sele->u.ident.name : "";
    x->expr = e;
    if (xe && xe->kind == E_IDENT) {
        Object *obj = lookup_ident(c, xe->u.ident.name);
        if (obj && obj->kind == OBJ_PKG) {
            xe->obj = obj;
            xe->mode = MODE_PACKAGE;
            xe->type = NULL;
            obj->used = true;
            if (!obj->pkgscope) goto error;   /* unsupported package: reported at the import */
            Object *exp = obj->pkgscope ? scope_lookup_local(obj->pkgscope, sel) : NULL;
            /* gc imports export data: unexported names are simply absent */
            if (!exp || !is_exported(sel)) {
                check_errorf(c, sele->pos, "undefined: %s.%s", obj->name, sel);
                goto error;
            }
            e->obj = exp;
            sele->obj = exp;
            switch (exp->kind) {
            case OBJ_CONST: x->mode = MODE_CONST; x->type = exp->type; x->val = exp->cv; break;
            case OBJ_TYPE: x->mode = MODE_TYPEEXPR; x->type = exp->type; break;
            case OBJ_VAR: x->mode = MODE_VAR; x->type = exp->type; break;
            case OBJ_FUNC: x->mode = MODE_VALUE; x->type = exp->type; break;
            default: goto error;
            }
            if (!x->type) goto error;
            if (x->mode == MODE_CONST && !x->val) goto error;
            return;
        }
    }
    check_expr_or_type(c, x, xe);
    switch (x->mode) {
    case MODE_INVALID: goto error;
    case MODE_BUILTIN:
        check_errorf(c, e->pos, "cannot select on %s", operand_string(x));
        goto error;
    default: break;
    }
    if (!x->type || x->type == types_invalid || type_underlying(x->type) == types_invalid) goto error;
    Selection s = type_lookup(x->type, sel);
    if (s.kind != SEL_NONE && !is_exported(sel)) {
        /* another package's unexported field or method is not visible */
        const char *owner = NULL;
        if (s.obj && s.obj->pkg) owner = s.obj->pkg;
        else {
            Type *t = x->type;
            if (t && t->kind == TY_POINTER) t = t->u.pointer.elem;
            if (t && t->kind == TY_NAMED) owner = t->u.named.pkg;
        }
        if (owner && !(c->pkgpath && strcmp(owner, c->pkgpath) == 0)) s.kind = SEL_NONE;
    }
    if (s.kind == SEL_NONE || s.ambiguous) {
        if (s.ambiguous) {
            check_errorf(c, sele->pos, "ambiguous selector %s.%s", expr_string(xe), sel);
            goto error;
        }
        const char *why;
        Type *u = type_underlying(x->type);
        if (u && u->kind == TY_POINTER && type_is_interface(u->u.pointer.elem))
            why = strbuf_printf("type %s is pointer to interface, not interface", type_string(x->type));
        else {
            why = strbuf_printf("type %s has no field or method %s", type_string(x->type), sel);
            if (sel[0]) {
                char *alt = strbuf_printf("%s", sel);
                if (alt[0] >= 'A' && alt[0] <= 'Z') alt[0] = (char)(alt[0] - 'A' + 'a');
                else if (alt[0] >= 'a' && alt[0] <= 'z') alt[0] = (char)(alt[0] - 'a' + 'A');
                Selection s2 = type_lookup(x->type, alt);
                if (s2.kind != SEL_NONE && !s2.ambiguous)
                    why = strbuf_printf("%s, but does have %s", why, alt);
            }
        }
        check_errorf(c, sele->pos, "%s.%s undefined (%s)", expr_string(xe), sel, why);
        goto error;
    }
    /* a pointer method needs an addressable or pointer receiver */
    if (s.kind == SEL_METHOD && s.ptr_recv && !s.indirect && x->mode != MODE_VAR) {
        Type *u = type_underlying(x->type);
        if (!(u && u->kind == TY_POINTER)) {
            check_errorf(c, sele->pos, "cannot call pointer method %s on %s", sel, type_string(x->type));
            goto error;
        }
    }
    if (s.kind == SEL_METHOD && s.obj && !s.obj->type) obj_decl(c, s.obj);
    Type *mtype = s.type;
    if ((s.kind == SEL_METHOD) && s.obj && s.obj->type) mtype = s.obj->type;
    e->obj = s.obj;
    sele->obj = s.obj;
    e->u.selector.path = s.path;
    e->u.selector.pathlen = s.pathlen;
    e->u.selector.indirect = s.indirect;
    if (x->mode == MODE_TYPEEXPR) {
        if (s.kind == SEL_FIELD) {
            check_errorf(c, sele->pos, "%s.%s undefined (type %s has no method %s)", expr_string(xe), sel,
                         type_string(x->type), sel);
            goto error;
        }
        /* method expression T.m: func(recv T, params...) results */
        if (!mtype || mtype->kind != TY_FUNC) goto error;
        int np = mtype->u.func.nparams + 1;
        Type **params = GC_MALLOC(sizeof(Type *) * (size_t)np);
        const char **pn = GC_MALLOC(sizeof(char *) * (size_t)np);
        params[0] = x->type;
        pn[0] = "";
        for (int i = 1; i < np; i++) {
            params[i] = mtype->u.func.params[i - 1];
            pn[i] = mtype->u.func.pnames ? mtype->u.func.pnames[i - 1] : "";
        }
        x->mode = MODE_VALUE;
        x->type = type_new_func(params, pn, np, mtype->u.func.results, mtype->u.func.rnames,
                                mtype->u.func.nresults, mtype->u.func.variadic);
        add_decl_dep(c, s.obj);
        return;
    }
    if (s.kind == SEL_FIELD) {
        x->mode = (x->mode == MODE_VAR || s.indirect) ? MODE_VAR : MODE_VALUE;
        x->type = s.type;
        return;
    }
    /* method value */
    if (s.kind == SEL_METHOD && s.ptr_recv && !s.indirect) {
        Type *u = type_underlying(x->type);
        if (!(u && u->kind == TY_POINTER)) mark_addr_taken(xe);
    }
    x->mode = MODE_VALUE;
    x->type = mtype;
    add_decl_dep(c, s.obj);
    return;
error:
    x->mode = MODE_INVALID;
    x->type = types_invalid;
    x->expr = e;
}

/* ---------------------------------------------------------------- exprInternal */

static void basic_lit(Checker *c, Operand *x, Node *e) {
    if (e->u.lit.bad)
        return;   /* the scanner reported it; types2 skips a BasicLit marked Bad */
    switch (e->kind) {
    case E_INTLIT: case E_FLOATLIT: {
        if (e->u.lit.raw && strlen(e->u.lit.raw) > 10000) {
            check_errorf(c, e->pos, "excessively long constant: %.10s... (%zu chars)", e->u.lit.raw, strlen(e->u.lit.raw));
            return;
        }
        ConstVal *v = cv_from_literal(e);
        if (!v) {
            check_errorf(c, e->pos, "malformed constant: %s", e->u.lit.raw ? e->u.lit.raw : "");
            return;
        }
        /* go 1.19 accepts integer literals past CV_PREC bits here (the
           check came with go.dev/issue/54280); operations on them and
           conversions report the overflow */
        x->mode = MODE_CONST;
        x->val = v;
        x->type = types_basic[e->kind == E_INTLIT ? TY_UNTYPED_INT : TY_UNTYPED_FLOAT];
        return;
    }
    case E_IMAGLIT:
        check_errorf(c, e->pos, "complex numbers are not supported by mini");
        return;
    case E_RUNELIT:
        x->mode = MODE_CONST;
        x->val = cv_int(e->u.lit.rune);
        x->type = types_basic[TY_UNTYPED_RUNE];
        return;
    case E_STRINGLIT:
        x->mode = MODE_CONST;
        x->val = cv_string(e->u.lit.str ? e->u.lit.str : "", e->u.lit.len);
        x->type = types_basic[TY_UNTYPED_STRING];
        return;
    default:
        return;
    }
}

static void expr_internal(Checker *c, Operand *x, Node *e, Type *hint) {
    x->mode = MODE_INVALID;
    x->type = types_invalid;
    x->val = NULL;
    x->expr = e;
    switch (e->kind) {
    case E_IDENT:
        ident(c, x, e, false);
        break;
    case E_ELLIPSIS:
        check_errorf(c, e->pos, "invalid use of '...'");
        goto error;
    case E_INTLIT: case E_FLOATLIT: case E_IMAGLIT: case E_RUNELIT: case E_STRINGLIT:
        basic_lit(c, x, e);
        break;
    case E_FUNCLIT:
        check_funclit(c, x, e);
        break;
    case E_COMPOSITE:
        composite_lit(c, x, e, hint);
        break;
    case E_PAREN:
        check_raw_expr(c, x, e->u.unary.x, NULL, false);
        x->expr = e;
        return;
    case E_SELECTOR:
        check_selector(c, x, e);
        break;
    case E_INDEX:
        index_expr(c, x, e);
        break;
    case E_SLICE:
        slice_expr(c, x, e);
        break;
    case E_TYPEASSERT: {
        check_expr(c, x, e->u.typeassert.x);
        if (x->mode == MODE_INVALID) goto error;
        if (!type_is_interface(x->type)) {
            check_errorf(c, start_pos(x->expr), "invalid operation: %s is not an interface", operand_string(x));
            goto error;
        }
        if (!e->u.typeassert.type) {
            check_errorf(c, start_pos(e), "invalid AST: use of .(type) outside type switch");
            goto error;
        }
        Type *T = check_typexpr(c, e->u.typeassert.type);
        if (T == types_invalid) goto error;
        type_assertion_check(c, e, x, x->type, T, false);
        x->mode = MODE_COMMAOK;
        x->type = T;
        break;
    }
    case E_CALL:
        check_call(c, x, e);
        x->expr = e;
        return;
    case E_STAR: {
        check_expr_or_type(c, x, e->u.unary.x);
        switch (x->mode) {
        case MODE_INVALID: goto error;
        case MODE_TYPEEXPR:
            x->type = type_new_pointer(x->type);
            break;
        default: {
            Type *u = type_underlying(x->type);
            if (!u || u->kind != TY_POINTER) {
                check_errorf(c, start_pos(x->expr), "invalid operation: cannot indirect %s", operand_string(x));
                goto error;
            }
            x->mode = MODE_VAR;
            x->type = u->u.pointer.elem;
        }
        }
        break;
    }
    case E_UNARY:
        unary(c, x, e);
        if (x->mode == MODE_INVALID) goto error;
        break;
    case E_BINARY:
        check_binary(c, x, e, e->u.binary.x, e->u.binary.y, e->u.binary.op, e->pos);
        if (x->mode == MODE_INVALID) goto error;
        break;
    case E_KEYVALUE:
        check_errorf(c, e->pos, "invalid AST: no key:value expected");
        goto error;
    case T_ARRAY: case T_MAP: case T_CHAN: case T_FUNC: case T_STRUCT: case T_INTERFACE:
        x->mode = MODE_TYPEEXPR;
        x->type = check_typexpr(c, e);
        if (x->type == types_invalid) goto error;
        break;
    default:
        check_errorf(c, e->pos, "invalid expression");
        goto error;
    }
    x->expr = e;
    return;
error:
    x->mode = MODE_INVALID;
    x->type = types_invalid;
    x->expr = e;
}

void check_raw_expr(Checker *c, Operand *x, Node *e, Type *hint, bool allow_generic) {
    (void)allow_generic;
    memset(x, 0, sizeof *x);
    x->type = types_invalid;
    if (!e) return;
    if (!enter(c, e->pos)) { x->expr = e; return; }
    expr_internal(c, x, e, hint);
    leave(c);
    if (!x->type) x->type = types_invalid;
    record(e, x);
}

static void exclude(Checker *c, Operand *x, unsigned modeset) {
    if (modeset & (1u << x->mode)) {
        const char *msg;
        switch (x->mode) {
        case MODE_NOVALUE:
            msg = (modeset & (1u << MODE_TYPEEXPR)) ? "%s used as value" : "%s used as value or type";
            break;
        case MODE_BUILTIN: msg = "%s must be called"; break;
        case MODE_TYPEEXPR: msg = "%s is not an expression"; break;
        default: msg = "%s is not an expression"; break;
        }
        check_errorf(c, start_pos(x->expr), msg, operand_string(x));
        x->mode = MODE_INVALID;
    }
}

void single_value(Checker *c, Operand *x) {
    if (x->mode == MODE_VALUE && x->type && x->type->kind == TY_TUPLE) {
        check_errorf(c, start_pos(x->expr), "multiple-value %s in single-value context", operand_string(x));
        x->mode = MODE_INVALID;
    }
}

void check_expr(Checker *c, Operand *x, Node *e) {
    check_raw_expr(c, x, e, NULL, false);
    exclude(c, x, 1u << MODE_NOVALUE | 1u << MODE_BUILTIN | 1u << MODE_TYPEEXPR);
    single_value(c, x);
    if (x->mode == MODE_PACKAGE) x->mode = MODE_INVALID;
}

void check_multi_expr(Checker *c, Operand *x, Node *e) {
    check_raw_expr(c, x, e, NULL, false);
    exclude(c, x, 1u << MODE_NOVALUE | 1u << MODE_BUILTIN | 1u << MODE_TYPEEXPR);
}

void check_expr_with_hint(Checker *c, Operand *x, Node *e, Type *hint) {
    check_raw_expr(c, x, e, hint, false);
    exclude(c, x, 1u << MODE_NOVALUE | 1u << MODE_BUILTIN | 1u << MODE_TYPEEXPR);
    single_value(c, x);
}

void check_expr_or_type(Checker *c, Operand *x, Node *e) {
    if (e && e->kind == E_IDENT) {
        /* ident with want_type so that type cycles are detected */
        memset(x, 0, sizeof *x);
        ident(c, x, e, true);
        if (!x->type) x->type = types_invalid;
        record(e, x);
    } else {
        check_raw_expr(c, x, e, NULL, false);
    }
    exclude(c, x, 1u << MODE_NOVALUE);
    single_value(c, x);
}
