/* check_call.c — calls: function and method calls, argument passing
 * (variadic, f(g()) forwarding), conversions T(x), and the builtins.
 *
 * Go: cmd/compile/internal/types2 call.go (callExpr, arguments, exprList),
 * conversions.go, builtins.go.
 *
 * Invariants:
 *  - A conversion leaves call.conv set and fun in MODE_TYPEEXPR; the call's
 *    type is the target type (mode MODE_CONST when the result is constant).
 *  - A call's node type is the single result type, a TY_TUPLE for several
 *    results, or an empty TY_TUPLE with MODE_NOVALUE for none.
 */
#include "check_int.h"

/* The type of a call without results: an empty tuple (never NULL). */
static Type *empty_tuple(void) {
    static Type *t;
    if (!t) t = type_new_tuple(NULL, 0);   /* static data is a Boehm root */
    return t;
}

/* ---------------------------------------------------------------- exprList */

Operand *check_expr_list(Checker *c, NodeList *l, bool allow_commaok, int *n_out, bool *commaok_out) {
    *n_out = 0;
    if (commaok_out) *commaok_out = false;
    int n = l ? l->len : 0;
    if (n == 0) return NULL;
    if (n == 1) {
        Node *e = l->items[0];
        Operand x;
        check_multi_expr(c, &x, e);
        if (x.mode != MODE_INVALID && x.type && x.type->kind == TY_TUPLE) {
            int k = x.type->u.tuple.n;
            Operand *xs = GC_MALLOC(sizeof(Operand) * (size_t)(k ? k : 1));
            for (int i = 0; i < k; i++) {
                xs[i].mode = MODE_VALUE;
                xs[i].expr = e;
                xs[i].type = x.type->u.tuple.types[i];
            }
            *n_out = k;
            return xs;
        }
        Operand *xs = GC_MALLOC(sizeof(Operand) * 2);
        xs[0] = x;
        *n_out = 1;
        if (allow_commaok && (x.mode == MODE_MAPINDEX || x.mode == MODE_COMMAOK)) {
            xs[0].mode = MODE_VALUE;
            xs[1].mode = MODE_VALUE;
            xs[1].expr = e;
            xs[1].type = types_basic[TY_UNTYPED_BOOL];
            *n_out = 2;
            if (commaok_out) *commaok_out = true;
        }
        return xs;
    }
    Operand *xs = GC_MALLOC(sizeof(Operand) * (size_t)n);
    for (int i = 0; i < n; i++) check_expr(c, &xs[i], l->items[i]);
    *n_out = n;
    return xs;
}

/* ---------------------------------------------------------------- arguments */

static void arguments(Checker *c, Node *call, Type *sig, Operand *args, int nargs) {
    for (int i = 0; i < nargs; i++) {
        if (args[i].mode == MODE_TYPEEXPR) {
            check_errorf(c, start_pos(args[i].expr), "%s used as value", operand_string(&args[i]));
            return;
        }
        if (args[i].mode == MODE_INVALID) return;
    }
    int npars = sig->u.func.nparams;
    bool ddd = call->u.call.ellipsis;
    Type **params = sig->u.func.params;
    Type **adj = params;
    Node *fun = call->u.call.fun;
    int nlist = call->u.call.args ? call->u.call.args->len : 0;
    if (sig->u.func.variadic) {
        if (ddd) {
            if (nlist == 1 && nargs > 1) {
                check_errorf(c, start_pos(call), "cannot use ... with %d-valued %s", nargs, expr_string(call->u.call.args->items[0]));
                return;
            }
        } else {
            if (nargs >= npars - 1) {
                adj = GC_MALLOC(sizeof(Type *) * (size_t)(nargs + 1));
                for (int i = 0; i < npars - 1; i++) adj[i] = params[i];
                Type *last = params[npars - 1];
                Type *elem = last && last->kind == TY_SLICE ? last->u.slice.elem : types_invalid;
                for (int i = npars - 1; i < nargs; i++) adj[i] = elem;
                npars = nargs;
            } else {
                npars--;
            }
        }
    } else if (ddd) {
        check_errorf(c, start_pos(call), "cannot use ... in call to non-variadic %s", expr_string(fun));
        return;
    }
    if (nargs != npars) {
        Pos at = start_pos(call);
        const char *q = "not enough";
        if (nargs > npars) { at = start_pos(args[npars].expr); q = "too many"; }
        else if (nargs > 0) at = start_pos(args[nargs - 1].expr);
        Type **at_types = GC_MALLOC(sizeof(Type *) * (size_t)(nargs + 1));
        for (int i = 0; i < nargs; i++) at_types[i] = args[i].type;
        check_errorf(c, at, "%s arguments in call to %s\n\thave %s\n\twant %s", q, expr_string(fun),
                     types_summary(at_types, nargs, false),
                     types_summary(sig->u.func.params, sig->u.func.nparams, sig->u.func.variadic));
        return;
    }
    if (nargs > 0) {
        const char *ctx = strbuf_printf("argument to %s", expr_string(fun));
        for (int i = 0; i < nargs; i++) assignment(c, &args[i], adj[i], ctx);
    }
}

/* ---------------------------------------------------------------- conversion */

static bool is_bytes_or_runes(Type *t) {
    Type *u = type_underlying(t);
    if (!u || u->kind != TY_SLICE) return false;
    Type *e = type_underlying(u->u.slice.elem);
    return e && (e->kind == TY_UINT8 || e->kind == TY_INT32);
}

void check_conversion(Checker *c, Operand *x, Type *T) {
    bool const_arg = x->mode == MODE_CONST;
    bool ok = false;
    Type *tu = type_underlying(T);
    if (const_arg && is_const_type(T)) {
        const char *why;
        ConstVal *v = x->val ? cv_represent(x->val, tu, &why) : NULL;
        if (v) { ok = true; x->val = v; }
        else if (x->val && type_is_integer(tu) && x->val->kind == CV_FLOAT && cv_to_int(x->val)) {
            /* representableConst stores ToInt(x) into x.val before the range
               check: gc's message shows uint8(1e6)'s value as 1000000 */
            x->val = cv_to_int(x->val);
        }
        else if (x->val && type_is_integer(x->type) && type_is_string(tu)) {
            /* string(rune) */
            uint64_t cp = 0xFFFD;
            if (x->val->kind == CV_INT && cv_sign(x->val) >= 0 && cv_compare(LEQ, x->val, cv_int(0x10FFFF))) cp = cv_uint64(x->val);
            if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;
            char buf[5]; size_t n;
            if (cp < 0x80) { buf[0] = (char)cp; n = 1; }
            else if (cp < 0x800) { buf[0] = (char)(0xC0 | (cp >> 6)); buf[1] = (char)(0x80 | (cp & 0x3F)); n = 2; }
            else if (cp < 0x10000) { buf[0] = (char)(0xE0 | (cp >> 12)); buf[1] = (char)(0x80 | ((cp >> 6) & 0x3F)); buf[2] = (char)(0x80 | (cp & 0x3F)); n = 3; }
            else { buf[0] = (char)(0xF0 | (cp >> 18)); buf[1] = (char)(0x80 | ((cp >> 12) & 0x3F)); buf[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); buf[3] = (char)(0x80 | (cp & 0x3F)); n = 4; }
            buf[n] = 0;
            char *s = GC_MALLOC_ATOMIC(n + 1);
            memcpy(s, buf, n + 1);
            x->val = cv_string(s, n);
            ok = true;
        }
    } else {
        Type *from = x->type;
        if (type_is_untyped(from)) {
            if (from->kind == TY_UNTYPED_NIL) ok = type_has_nil(T);
            else {
                /* untyped constants convert like their default type, plus
                   numeric conversions between any numeric types */
                Type *d = type_default(from);
                ok = type_assignable(d, T, NULL) || type_convertible(d, T);
                if (const_arg && type_is_numeric(from) && type_is_numeric(T)) ok = true;
                if (const_arg && type_is_string(from) && is_bytes_or_runes(T)) ok = true;
            }
        } else {
            ok = type_assignable(from, T, NULL) || type_convertible(from, T);
        }
        if (ok) { x->mode = MODE_VALUE; x->val = NULL; }
    }
    if (!ok) {
        /* types2 convertibleTo: the cause is assignableTo's reason */
        const char *reason = NULL;
        if (!type_is_untyped(x->type)) assignable_to(c, x, T, &reason);
        if (reason)
            check_errorf(c, start_pos(x->expr), "cannot convert %s to type %s:\n\t%s", operand_string(x), type_string(T), reason);
        else
            check_errorf(c, start_pos(x->expr), "cannot convert %s to type %s", operand_string(x), type_string(T));
        x->mode = MODE_INVALID;
        return;
    }
    if (type_is_untyped(x->type)) {
        Type *final = T;
        if (x->type->kind == TY_UNTYPED_NIL) {
            /* final = T */
        } else if (type_is_interface(T) || (const_arg && !is_const_type(T))) {
            final = type_default(x->type);
        } else if (x->mode == MODE_CONST && type_is_integer(x->type) && type_is_string(T)) {
            final = x->type;
        }
        update_expr_type(c, x->expr, final, true);
    }
    x->type = T;
}

/* ---------------------------------------------------------------- builtins */

static const struct { const char *name; int nargs; bool variadic; bool stmt; } bi_info[] = {
    [BI_NONE] = { "", 0, false, false },
    [BI_APPEND] = { "append", 1, true, false },
    [BI_CAP] = { "cap", 1, false, false },
    [BI_CLOSE] = { "close", 1, false, true },
    [BI_COPY] = { "copy", 2, false, true },
    [BI_DELETE] = { "delete", 2, false, true },
    [BI_LEN] = { "len", 1, false, false },
    [BI_MAKE] = { "make", 1, true, false },
    [BI_NEW] = { "new", 1, false, false },
    [BI_PANIC] = { "panic", 1, false, true },
    [BI_PRINT] = { "print", 0, true, true },
    [BI_PRINTLN] = { "println", 0, true, true },
    [BI_RECOVER] = { "recover", 0, false, true },
    [BI_COMPLEX] = { "complex", 2, false, false },
    [BI_REAL] = { "real", 1, false, false },
    [BI_IMAG] = { "imag", 1, false, false },
};

/* Does e contain a function call or channel receive (not constant len)? */
static bool has_call_or_recv(Node *e, int depth) {
    if (!e || depth > 200) return false;
    switch (e->kind) {
    case E_CALL:
        if (e->u.call.conv) return has_call_or_recv(e->u.call.args && e->u.call.args->len ? e->u.call.args->items[0] : NULL, depth + 1);
        if (e->u.call.fun && e->u.call.fun->mode == MODE_BUILTIN && e->mode == MODE_CONST) return false;
        return true;
    case E_UNARY:
        if (e->u.unary.op == ARROW) return true;
        return has_call_or_recv(e->u.unary.x, depth + 1);
    case E_PAREN: case E_STAR: return has_call_or_recv(e->u.unary.x, depth + 1);
    case E_SELECTOR: return has_call_or_recv(e->u.selector.x, depth + 1);
    case E_INDEX: return has_call_or_recv(e->u.index.x, depth + 1) || has_call_or_recv(e->u.index.index, depth + 1);
    case E_BINARY: return has_call_or_recv(e->u.binary.x, depth + 1) || has_call_or_recv(e->u.binary.y, depth + 1);
    case E_COMPOSITE:
        if (e->u.composite.elts)
            for (int i = 0; i < e->u.composite.elts->len; i++)
                if (has_call_or_recv(e->u.composite.elts->items[i], depth + 1)) return true;
        return false;
    case E_KEYVALUE: return has_call_or_recv(e->u.binary.x, depth + 1) || has_call_or_recv(e->u.binary.y, depth + 1);
    case E_SLICE: return has_call_or_recv(e->u.slice.x, depth + 1) || has_call_or_recv(e->u.slice.lo, depth + 1) ||
                         has_call_or_recv(e->u.slice.hi, depth + 1) || has_call_or_recv(e->u.slice.max, depth + 1);
    case E_TYPEASSERT: return has_call_or_recv(e->u.typeassert.x, depth + 1);
    default: return false;
    }
}

bool check_builtin(Checker *c, Operand *x, Node *call, Builtin id) {
    NodeList *al = call->u.call.args;
    int nargs = al ? al->len : 0;
    const char *bname = bi_info[id].name;
    if (id == BI_COMPLEX || id == BI_REAL || id == BI_IMAG) {
        check_errorf(c, start_pos(call), "complex numbers are not supported by mini");
        use_exprs(c, al);
        return false;
    }
    if (call->u.call.ellipsis && id != BI_APPEND) {
        check_errorf(c, start_pos(call), "invalid operation: invalid use of ... with built-in %s", bname);
        use_exprs(c, al);
        return false;
    }
    Operand *xs = NULL;
    if (id != BI_MAKE && id != BI_NEW) {
        xs = check_expr_list(c, al, false, &nargs, NULL);
        if (nargs > 0) {
            *x = xs[0];
            if (x->mode == MODE_INVALID) return false;
        }
    }
    const char *msg = NULL;
    if (nargs < bi_info[id].nargs) msg = "not enough";
    else if (!bi_info[id].variadic && nargs > bi_info[id].nargs) msg = "too many";
    if (msg) {
        check_errorf(c, start_pos(call), "invalid operation: %s arguments for %s (expected %d, found %d)", msg,
                     expr_string(call), bi_info[id].nargs, nargs);
        return false;
    }
    switch (id) {
    case BI_APPEND: {
        Type *S = x->type;
        Type *su = type_underlying(S);
        if (!su || su->kind != TY_SLICE) {
            const char *cause = x->type && x->type->kind == TY_UNTYPED_NIL ? "have untyped nil"
                                : strbuf_printf("have %s", operand_string(x));
            check_errorf(c, start_pos(x->expr), "first argument to append must be a slice; %s", cause);
            return false;
        }
        if (nargs == 2 && call->u.call.ellipsis) {
            /* append([]byte, string...) */
            Type *yt = xs[1].type;
            Type *bu = type_underlying(su->u.slice.elem);
            if (xs[1].mode != MODE_INVALID && type_is_string(yt) && bu && bu->kind == TY_UINT8) {
                if (type_is_untyped(yt)) convert_untyped(c, &xs[1], types_basic[TY_STRING]);
                x->mode = MODE_VALUE;
                x->type = S;
                break;
            }
        }
        Type **params = GC_MALLOC(sizeof(Type *) * 2);
        params[0] = S;
        params[1] = type_new_slice(su->u.slice.elem);
        Type *sig = type_new_func(params, NULL, 2, &S, NULL, 1, true);
        arguments(c, call, sig, xs, nargs);
        x->mode = MODE_VALUE;
        x->type = S;
        break;
    }
    case BI_CAP: case BI_LEN: {
        ExprMode mode = MODE_INVALID;
        ConstVal *val = NULL;
        Type *t = type_underlying(x->type);
        if (t && t->kind == TY_POINTER) {
            Type *a = type_underlying(t->u.pointer.elem);
            if (a && a->kind == TY_ARRAY) t = a;
        }
        if (t) switch (t->kind) {
        case TY_STRING: case TY_UNTYPED_STRING:
            if (id == BI_LEN) {
                if (x->mode == MODE_CONST && x->val) { mode = MODE_CONST; val = cv_int((int64_t)x->val->slen); }
                else mode = MODE_VALUE;
            }
            break;
        case TY_ARRAY:
            mode = MODE_VALUE;
            if (!has_call_or_recv(al->items[0], 0)) { mode = MODE_CONST; val = cv_int(t->u.array.len); }
            break;
        case TY_SLICE: case TY_CHAN:
            mode = MODE_VALUE;
            break;
        case TY_MAP:
            if (id == BI_LEN) mode = MODE_VALUE;
            break;
        default: break;
        }
        if (mode == MODE_INVALID) {
            if (type_underlying(x->type) != types_invalid)
                check_errorf(c, start_pos(x->expr), "invalid argument: %s for %s", operand_string(x), bname);
            return false;
        }
        if (type_is_untyped(x->type)) update_expr_type(c, x->expr, types_basic[TY_STRING], true);
        x->mode = mode;
        x->type = types_basic[TY_INT];
        x->val = val;
        break;
    }
    case BI_CLOSE: {
        Type *u = type_underlying(x->type);
        if (!u || u->kind != TY_CHAN) {
            check_errorf(c, start_pos(x->expr), "invalid operation: cannot close non-channel %s", operand_string(x));
            return false;
        }
        if (u->u.chan.dir == CHAN_RECV) {
            check_errorf(c, start_pos(x->expr), "invalid operation: cannot close receive-only channel %s", operand_string(x));
            return false;
        }
        x->mode = MODE_NOVALUE;
        x->type = empty_tuple();
        break;
    }
    case BI_COPY: {
        Type *dst = type_underlying(x->type);
        Operand *y = &xs[1];
        if (y->mode == MODE_INVALID) return false;
        Type *src = type_underlying(y->type);
        if (src && type_is_string(src)) src = type_new_slice(types_byte);
        if (!dst || dst->kind != TY_SLICE || !src || src->kind != TY_SLICE) {
            check_errorf(c, start_pos(x->expr), "invalid argument: copy expects slice arguments; found %s and %s",
                         operand_string(x), operand_string(y));
            return false;
        }
        if (!types_identical(dst->u.slice.elem, src->u.slice.elem)) {
            check_errorf(c, start_pos(x->expr), "invalid argument: arguments to copy %s and %s have different element types %s and %s",
                         operand_string(x), operand_string(y), type_string(dst->u.slice.elem), type_string(src->u.slice.elem));
            return false;
        }
        if (type_is_untyped(y->type)) update_expr_type(c, y->expr, types_basic[TY_STRING], true);
        x->mode = MODE_VALUE;
        x->type = types_basic[TY_INT];
        x->val = NULL;
        break;
    }
    case BI_DELETE: {
        Type *u = type_underlying(x->type);
        if (!u || u->kind != TY_MAP) {
            check_errorf(c, start_pos(x->expr), "invalid argument: %s is not a map", operand_string(x));
            return false;
        }
        *x = xs[1];
        if (x->mode == MODE_INVALID) return false;
        assignment(c, x, u->u.map.key, "argument to delete");
        if (x->mode == MODE_INVALID) return false;
        x->mode = MODE_NOVALUE;
        x->type = empty_tuple();
        break;
    }
    case BI_MAKE: {
        Node *arg0 = al->items[0];
        Type *T = check_typexpr(c, arg0);
        if (T == types_invalid) { for (int i = 1; i < nargs; i++) use_expr(c, al->items[i]); return false; }
        int min;
        Type *u = type_underlying(T);
        if (u && u->kind == TY_SLICE) min = 2;
        else if (u && (u->kind == TY_MAP || u->kind == TY_CHAN)) min = 1;
        else {
            check_errorf(c, start_pos(arg0), "invalid argument: cannot make %s; type must be slice, map, or channel", expr_string(arg0));
            for (int i = 1; i < nargs; i++) use_expr(c, al->items[i]);
            return false;
        }
        if (nargs < min || min + 1 < nargs) {
            check_errorf(c, start_pos(call), "invalid operation: %s expects %d or %d arguments; found %d", expr_string(call), min, min + 1, nargs);
            for (int i = 1; i < nargs; i++) use_expr(c, al->items[i]);
            return false;
        }
        int64_t sizes[2]; int ns = 0;
        for (int i = 1; i < nargs; i++) {
            int64_t v;
            if (check_index(c, al->items[i], -1, false, "index", &v) && v >= 0) sizes[ns++] = v;
        }
        if (ns == 2 && sizes[0] > sizes[1])
            check_errorf(c, start_pos(al->items[1]), "invalid argument: length and capacity swapped");
        x->mode = MODE_VALUE;
        x->type = T;
        x->val = NULL;
        break;
    }
    case BI_NEW: {
        Type *T = check_typexpr(c, al->items[0]);
        if (T == types_invalid) return false;
        x->mode = MODE_VALUE;
        x->type = type_new_pointer(T);
        x->val = NULL;
        break;
    }
    case BI_PANIC:
        assignment(c, x, types_any, "argument to panic");
        if (x->mode == MODE_INVALID) return false;
        x->mode = MODE_NOVALUE;
        x->type = empty_tuple();
        break;
    case BI_PRINT: case BI_PRINTLN:
        for (int i = 0; i < nargs; i++) {
            if (i > 0) *x = xs[i];
            if (x->mode == MODE_INVALID) return false;
            assignment(c, x, NULL, strbuf_printf("argument to %s", bname));
            if (x->mode == MODE_INVALID) return false;
        }
        x->mode = MODE_NOVALUE;
        x->type = empty_tuple();
        break;
    case BI_RECOVER:
        x->mode = MODE_VALUE;
        x->type = types_any;
        x->val = NULL;
        break;
    default:
        return false;
    }
    return true;
}

/* ---------------------------------------------------------------- callExpr */

void check_call(Checker *c, Operand *x, Node *e) {
    Node *fun = e->u.call.fun;
    NodeList *al = e->u.call.args;
    int nlist = al ? al->len : 0;
    check_expr_or_type(c, x, fun);
    switch (x->mode) {
    case MODE_INVALID:
        use_exprs(c, al);
        x->expr = e;
        x->mode = MODE_INVALID;
        return;
    case MODE_TYPEEXPR: {
        Type *T = x->type;
        e->u.call.conv = true;
        x->mode = MODE_INVALID;
        if (nlist == 0) {
            check_errorf(c, start_pos(e), "missing argument in conversion to %s", type_string(T));
        } else if (nlist == 1) {
            check_expr(c, x, al->items[0]);
            if (x->mode != MODE_INVALID) {
                if (e->u.call.ellipsis) {
                    check_errorf(c, start_pos(al->items[0]), "invalid use of ... in type conversion to %s", type_string(T));
                    x->mode = MODE_INVALID;
                } else {
                    check_conversion(c, x, T);
                }
            }
        } else {
            use_exprs(c, al);
            check_errorf(c, start_pos(al->items[nlist - 1]), "too many arguments in conversion to %s", type_string(T));
        }
        x->expr = e;
        if (x->mode == MODE_INVALID) x->type = types_invalid;
        return;
    }
    case MODE_BUILTIN: {
        Builtin id = x->id;
        if (fun && unparen(fun)->kind == E_IDENT) unparen(fun)->mode = MODE_BUILTIN;
        if (!check_builtin(c, x, e, id)) x->mode = MODE_INVALID;
        x->expr = e;
        if (x->mode == MODE_INVALID) x->type = types_invalid;
        return;
    }
    default:
        break;
    }
    Type *sig = type_underlying(x->type);
    if (!sig || sig->kind != TY_FUNC) {
        check_errorf(c, start_pos(x->expr), "invalid operation: cannot call non-function %s", operand_string(x));
        use_exprs(c, al);
        x->mode = MODE_INVALID;
        x->type = types_invalid;
        x->expr = e;
        return;
    }
    /* a method call with a pointer receiver on an addressable value takes
       its address */
    int nargs = 0;
    Operand *args = check_expr_list(c, al, false, &nargs, NULL);
    arguments(c, e, sig, args, nargs);
    switch (sig->u.func.nresults) {
    case 0:
        x->mode = MODE_NOVALUE;
        x->type = empty_tuple();
        break;
    case 1:
        x->mode = MODE_VALUE;
        x->type = sig->u.func.results[0];
        break;
    default:
        x->mode = MODE_VALUE;
        x->type = type_new_tuple(sig->u.func.results, sig->u.func.nresults);
        break;
    }
    x->val = NULL;
    x->expr = e;
}
