/* escape_fmt.c — gc's spelling of expressions and statements in -m output.
 *
 * Go: cmd/compile/internal/ir/fmt.go (exprFmt, stmtFmt, OpPrec). The
 * report must read exactly as gc's: `&T{...}`, `[]int{...}`, `T{}` (no
 * elements), `make([]int, n)`, `new(int)`, `string(b)`, `([]byte)(s)` (an
 * unnamed type is parenthesized), `func literal`, `... argument` (the
 * implicit slice of a variadic call, also inside a call's spelling),
 * `x + 1` (binary operators spaced), an implicit conversion as its operand.
 */
#include <gc.h>
#include <string.h>

#include "escape_int.h"
#include "parser.h"

typedef struct Buf {
    char *s; size_t n, cap;
} Buf;

static void put(Buf *b, const char *s)
{
    size_t l = strlen(s);
    if (b->n + l + 1 > b->cap) {
        size_t nc = (b->n + l + 1) * 2;
        char *ns = GC_MALLOC_ATOMIC(nc);
        if (b->n)
            memcpy(ns, b->s, b->n);
        b->s = ns;
        b->cap = nc;
    }
    memcpy(b->s + b->n, s, l + 1);
    b->n += l;
}

/* gc's OpPrec */
static int binprec(int op)
{
    switch (op) {
    case '*': case '/': case '%': case SHL: case SHR: case '&': case AND_NOT: return 6;
    case '+': case '-': case '|': case '^': return 5;
    case EQL: case NEQ: case '<': case LEQ: case '>': case GEQ: return 4;
    case LAND: return 3;
    case LOR: return 2;
    default: return 5;
    }
}

static bool implicit_conv(Node *n)
{
    if (!n || n->kind != E_CALL || !n->u.call.conv)
        return false;
    Node *f = n->u.call.fun;
    return f->kind == E_IDENT && !f->obj && f->pos.line == n->pos.line && f->pos.col == n->pos.col;
}

static int prec_of(Node *n)
{
    switch (n->kind) {
    case E_BINARY: return binprec(n->u.binary.op);
    case E_UNARY: case E_STAR: return 7;
    default: return 8;
    }
}

static void fmt(Buf *b, Node *n, int prec);

static bool type_named(Type *t)
{
    if (!t)
        return false;
    if (t == types_any)
        return true;
    return type_is_named(t);
}

static const char *tstr(Type *t)
{
    if (!t)
        return "?";
    const char *s = type_string(t);
    /* gc spells the empty interface "interface {}" */
    if (!strcmp(s, "interface{}"))
        return "interface {}";
    return s;
}

static void args(Buf *b, NodeList *l, int from)
{
    for (int i = from; l && i < l->len; i++) {
        if (i > from)
            put(b, ", ");
        fmt(b, l->items[i], 0);
    }
}

/* The packed variadic arguments read "... argument" in a call's spelling. */
static bool variadic_packed(Node *c, int *fixed)
{
    Node *f = c->u.call.fun;
    while (f && f->kind == E_PAREN)
        f = f->u.unary.x;
    Type *t = f && f->type ? type_underlying(f->type) : NULL;
    if (!t || t->kind != TY_FUNC || !t->u.func.variadic || c->u.call.ellipsis)
        return false;
    *fixed = t->u.func.nparams - 1;
    if (f->kind == E_SELECTOR && f->u.selector.x->mode == MODE_TYPEEXPR)
        (*fixed)++;
    return true;
}

static void fmt(Buf *b, Node *n, int prec)
{
    while (implicit_conv(n))
        n = n->u.call.args->items[0];
    while (n && n->kind == E_PAREN)
        n = n->u.unary.x;
    if (!n) {
        put(b, "<nil>");
        return;
    }
    int np = prec_of(n);
    if (prec > np) {
        put(b, "(");
        fmt(b, n, 0);
        put(b, ")");
        return;
    }
    switch (n->kind) {
    case E_IDENT:
        put(b, n->u.ident.name);
        return;
    case E_INTLIT: case E_FLOATLIT: case E_IMAGLIT: case E_RUNELIT: case E_STRINGLIT:
        put(b, n->u.lit.raw ? n->u.lit.raw : "?");
        return;
    case E_COMPOSITE: {
        Type *t = n->type;
        bool any = n->u.composite.elts && n->u.composite.elts->len > 0;
        if (t && type_underlying(t)->kind == TY_POINTER && !n->u.composite.type) {
            put(b, "&");
            t = type_underlying(t)->u.pointer.elem;
        }
        put(b, tstr(t));
        put(b, any ? "{...}" : "{}");
        return;
    }
    case E_FUNCLIT:
        put(b, "func literal");
        return;
    case E_SELECTOR:
        fmt(b, n->u.selector.x, 8);
        put(b, ".");
        put(b, n->u.selector.sel->u.ident.name);
        return;
    case E_INDEX:
        fmt(b, n->u.index.x, 8);
        put(b, "[");
        fmt(b, n->u.index.index, 0);
        put(b, "]");
        return;
    case E_SLICE:
        fmt(b, n->u.slice.x, 8);
        put(b, "[");
        if (n->u.slice.lo)
            fmt(b, n->u.slice.lo, 0);
        put(b, ":");
        if (n->u.slice.hi)
            fmt(b, n->u.slice.hi, 0);
        if (n->u.slice.three) {
            put(b, ":");
            if (n->u.slice.max)
                fmt(b, n->u.slice.max, 0);
        }
        put(b, "]");
        return;
    case E_TYPEASSERT:
        fmt(b, n->u.typeassert.x, 8);
        put(b, ".(");
        put(b, n->u.typeassert.type ? tstr(n->u.typeassert.type->type) : "type");
        put(b, ")");
        return;
    case E_CALL: {
        Node *f = n->u.call.fun;
        NodeList *a = n->u.call.args;
        if (n->u.call.conv) {
            Type *t = n->type;
            if (f->kind == E_IDENT && f->obj && f->obj->kind == OBJ_TYPE && !strcmp(f->u.ident.name, "any"))
                put(b, "any");
            else if (type_named(t))
                put(b, tstr(t));
            else {
                put(b, "(");
                put(b, tstr(t));
                put(b, ")");
            }
            put(b, "(");
            args(b, a, 0);
            put(b, ")");
            return;
        }
        if (f->mode == MODE_BUILTIN && f->obj) {
            put(b, f->obj->name);
            put(b, "(");
            if ((f->obj->builtin == BI_MAKE || f->obj->builtin == BI_NEW) && a && a->len) {
                put(b, tstr(a->items[0]->type));
                for (int i = 1; i < a->len; i++) {
                    put(b, ", ");
                    fmt(b, a->items[i], 0);
                }
            } else {
                args(b, a, 0);
                if (n->u.call.ellipsis)
                    put(b, "...");
            }
            put(b, ")");
            return;
        }
        fmt(b, f, 8);
        put(b, "(");
        int fixed;
        if (variadic_packed(n, &fixed)) {
            int na = a ? a->len : 0;
            int shown = fixed < na ? fixed : na;
            for (int i = 0; i < shown; i++) {
                if (i)
                    put(b, ", ");
                fmt(b, a->items[i], 0);
            }
            if (shown)
                put(b, ", ");
            put(b, na > fixed ? "... argument..." : "nil...");
            put(b, ")");
            return;
        }
        args(b, a, 0);
        if (n->u.call.ellipsis)
            put(b, "...");
        put(b, ")");
        return;
    }
    case E_STAR:
        put(b, "*");
        fmt(b, n->u.unary.x, 8);
        return;
    case E_UNARY: {
        put(b, ast_op_string(n->u.unary.op));
        Node *x = n->u.unary.x;
        if (x && x->kind == E_UNARY && x->u.unary.op == n->u.unary.op)
            put(b, " ");
        fmt(b, x, np + 1);
        return;
    }
    case E_BINARY:
        fmt(b, n->u.binary.x, np);
        put(b, " ");
        put(b, ast_op_string(n->u.binary.op));
        put(b, " ");
        fmt(b, n->u.binary.y, np + 1);
        return;
    case E_KEYVALUE:
        fmt(b, n->u.binary.x, 0);
        put(b, ":");
        fmt(b, n->u.binary.y, 0);
        return;
    default:
        put(b, ast_expr_string(n));
        return;
    }
}

const char *esc_expr_string(Node *n)
{
    Buf b = { 0 };
    if (n && (n->kind == S_GO || n->kind == S_DEFER)) {
        put(&b, "func literal");
        return b.s;
    }
    fmt(&b, n, 0);
    return b.s ? b.s : "";
}

static void list(Buf *b, NodeList *l)
{
    for (int i = 0; l && i < l->len; i++) {
        if (i)
            put(b, ", ");
        fmt(b, l->items[i], 0);
    }
}

const char *esc_stmt_string(Node *n)
{
    Buf b = { 0 };
    if (!n)
        return "<nil>";
    switch (n->kind) {
    case S_ASSIGN:
        list(&b, n->u.assign.lhs);
        put(&b, " ");
        put(&b, ast_op_string(n->u.assign.op));
        put(&b, " ");
        list(&b, n->u.assign.rhs);
        break;
    case D_VAR:
        put(&b, "var ");
        list(&b, n->u.valuespec.names);
        if (n->u.valuespec.values) {
            put(&b, " = ");
            list(&b, n->u.valuespec.values);
        }
        break;
    case S_RETURN:
        put(&b, "return");
        if (n->u.ret.results && n->u.ret.results->len) {
            put(&b, " ");
            list(&b, n->u.ret.results);
        }
        break;
    case S_SEND:
        fmt(&b, n->u.binary.x, 0);
        put(&b, " <- ");
        fmt(&b, n->u.binary.y, 0);
        break;
    case S_INCDEC:
        fmt(&b, n->u.incdec.x, 0);
        put(&b, ast_op_string(n->u.incdec.op));
        break;
    case S_GO: case S_DEFER:
        put(&b, n->kind == S_GO ? "go " : "defer ");
        fmt(&b, n->u.gostmt.call, 0);
        break;
    case S_RANGE:
        put(&b, "for ");
        if (n->u.rangestmt.key) {
            fmt(&b, n->u.rangestmt.key, 0);
            if (n->u.rangestmt.value) {
                put(&b, ", ");
                fmt(&b, n->u.rangestmt.value, 0);
            }
            put(&b, n->u.rangestmt.op == DEFINE ? " := " : " = ");
        }
        put(&b, "range ");
        fmt(&b, n->u.rangestmt.x, 0);
        break;
    case S_CASE:
        put(&b, "case");
        break;
    default:
        if (n->kind < T_ARRAY)
            fmt(&b, n, 0);
        else
            put(&b, ast_kind_name(n->kind));
        break;
    }
    return b.s ? b.s : "";
}
