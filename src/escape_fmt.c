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
    int argprec;     /* embedded_path: the receiver printed as an argument (0) or an operand (8) */
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
    case LAND: return 2;
    case LOR: return 1;
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
    case E_FUNCLIT: return 0;   /* OCLOSURE has no OpPrec: "(func literal)()" */
    default: return 8;
    }
}

static void fmt(Buf *b, Node *n, int prec, bool syn);

static bool type_named(Type *t)
{
    if (!t)
        return false;
    if (t == types_any)
        return true;
    return type_is_named(t);
}

static void gctype(Buf *b, Type *t);

static void gcsig(Buf *b, Type *t)
{
    put(b, "(");
    for (int i = 0; i < t->u.func.nparams; i++) {
        if (i)
            put(b, ", ");
        if (t->u.func.variadic && i == t->u.func.nparams - 1) {
            put(b, "...");
            Type *st = type_underlying(t->u.func.params[i]);
            gctype(b, st && st->kind == TY_SLICE ? st->u.slice.elem : t->u.func.params[i]);
        } else {
            gctype(b, t->u.func.params[i]);
        }
    }
    put(b, ")");
    if (t->u.func.nresults == 1) {
        put(b, " ");
        gctype(b, t->u.func.results[0]);
    } else if (t->u.func.nresults > 1) {
        put(b, " (");
        for (int i = 0; i < t->u.func.nresults; i++) {
            if (i)
                put(b, ", ");
            gctype(b, t->u.func.results[i]);
        }
        put(b, ")");
    }
}

/* cmd/compile/internal/types fmt: literal struct and interface types are
   spaced ("struct { a int }", "interface {}"), the rest as types2 prints. */
static void gctype(Buf *b, Type *t)
{
    if (!t) {
        put(b, "?");
        return;
    }
    if (t == types_any) {
        put(b, "any");
        return;
    }
    switch (t->kind) {
    case TY_SLICE: put(b, "[]"); gctype(b, t->u.slice.elem); return;
    case TY_POINTER: put(b, "*"); gctype(b, t->u.pointer.elem); return;
    case TY_ARRAY: {
        char n[32];
        snprintf(n, sizeof n, "[%lld]", (long long)t->u.array.len);
        put(b, n);
        gctype(b, t->u.array.elem);
        return;
    }
    case TY_MAP:
        put(b, "map[");
        gctype(b, t->u.map.key);
        put(b, "]");
        gctype(b, t->u.map.elem);
        return;
    case TY_CHAN:
        put(b, t->u.chan.dir == CHAN_SEND ? "chan<- " : t->u.chan.dir == CHAN_RECV ? "<-chan " : "chan ");
        gctype(b, t->u.chan.elem);
        return;
    case TY_FUNC:
        put(b, "func");
        gcsig(b, t);
        return;
    case TY_STRUCT:
        if (!t->u.strct.nfields) {
            put(b, "struct {}");
            return;
        }
        put(b, "struct { ");
        for (int i = 0; i < t->u.strct.nfields; i++) {
            Field *f = &t->u.strct.fields[i];
            if (i)
                put(b, "; ");
            if (!f->embedded) {
                put(b, f->name);
                put(b, " ");
            }
            gctype(b, f->type);
            if (f->tag) {
                put(b, " ");
                put(b, cv_quote(f->tag, strlen(f->tag)));
            }
        }
        put(b, " }");
        return;
    case TY_INTERFACE:
        if (!t->u.iface.nexplicit && !t->u.iface.nembeds) {
            put(b, "interface {}");
            return;
        }
        put(b, "interface { ");
        for (int i = 0; i < t->u.iface.nembeds; i++) {
            if (i)
                put(b, "; ");
            gctype(b, t->u.iface.embeds[i]);
        }
        for (int i = 0; i < t->u.iface.nexplicit; i++) {
            if (i || t->u.iface.nembeds)
                put(b, "; ");
            put(b, t->u.iface.explicit[i].name);
            gcsig(b, t->u.iface.explicit[i].sig);
        }
        put(b, " }");
        return;
    default:
        put(b, type_string(t));
        return;
    }
}

const char *esc_type_string(Type *t)
{
    Buf b = { 0 };
    gctype(&b, t);
    return b.s;
}

static const char *tstr(Type *t)
{
    return esc_type_string(t);
}

static void args(Buf *b, NodeList *l, int from, bool syn)
{
    for (int i = from; l && i < l->len; i++) {
        if (i > from)
            put(b, ", ");
        fmt(b, l->items[i], 0, syn);
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
    NodeList *a = c->u.call.args;
    if (a && a->len == 1 && a->items[0]->type && a->items[0]->type->kind == TY_TUPLE)
        return false;   /* f(g()): printed as written */
    *fixed = t->u.func.nparams - 1;
    if (f->kind == E_SELECTOR && f->u.selector.x->mode == MODE_TYPEEXPR)
        (*fixed)++;
    return true;
}

/* x followed by the embedded fields the path walks through (the implicit
   ODOTs gc prints): path[0..len-1] are field indices from x's type. */
static Type *embedded_path(Buf *b, Node *x, int *path, int len, bool syn)
{
    fmt(b, x, len > 0 ? 8 : b->argprec, syn);
    Type *t = x->type;
    for (int i = 0; i < len; i++) {
        Type *u = t ? type_underlying(t) : NULL;
        if (u && u->kind == TY_POINTER)
            u = type_underlying(u->u.pointer.elem);
        if (!u || u->kind != TY_STRUCT || path[i] >= u->u.strct.nfields)
            return NULL;
        put(b, ".");
        put(b, u->u.strct.fields[path[i]].name);
        t = u->u.strct.fields[path[i]].type;
    }
    return t;
}

/* The method-expression spelling gc gives a static method call after
   FixMethodCall: T.M(recv, args) or (*T).M(recv, args). */
static bool method_call(Buf *b, Node *n, bool syn)
{
    Node *f = n->u.call.fun;
    while (f && f->kind == E_PAREN)
        f = f->u.unary.x;
    if (!f || f->kind != E_SELECTOR)
        return false;
    Node *x = f->u.selector.x;
    if (!x || x->mode == MODE_PACKAGE || x->mode == MODE_TYPEEXPR || !x->type)
        return false;
    const char *name = f->u.selector.sel->u.ident.name;
    Selection s = type_lookup(x->type, name);
    Type *dv = esc_devirtualized(n);
    Buf rb = { 0 };
    Type *rt;
    if (s.kind == SEL_IFACE_METHOD && dv) {
        s = type_lookup(dv, name);
        fmt(&rb, x, 8, syn);   /* x.(T) */
        put(&rb, ".(");
        put(&rb, tstr(dv));
        put(&rb, ")");
        rt = dv;
        if (s.kind != SEL_METHOD)
            return false;
        rt = embedded_path(&(Buf){ 0 }, x, s.path, 0, syn) ? dv : dv;
    } else if (s.kind == SEL_IFACE_METHOD) {
        int tn = esc_temp_of(x);
        if (tn >= 0) {
            char tb[32];
            snprintf(tb, sizeof tb, ".autotmp_%d", tn);
            put(b, tb);
        } else {
            int ap = b->argprec;
            b->argprec = 8;
            embedded_path(b, x, s.path, s.pathlen, syn);
            b->argprec = ap;
        }
        put(b, ".");
        put(b, name);
        return false;   /* the caller prints the arguments */
    } else if (s.kind == SEL_METHOD) {
        int tn = esc_temp_of(x);
        if (tn >= 0) {
            char tb[32];
            snprintf(tb, sizeof tb, ".autotmp_%d", tn);
            put(&rb, tb);
            rt = x->type;
            Buf sink = { 0 };
            rt = embedded_path(&sink, x, s.path, s.pathlen, syn);
        } else {
            rb.argprec = 0;
            rt = embedded_path(&rb, x, s.path, s.pathlen, syn);
        }
    } else {
        return false;
    }
    if (!rt)
        return false;
    Type *u = type_underlying(rt);
    if (u && u->kind == TY_POINTER)
        rt = u->u.pointer.elem;
    if (s.ptr_recv) {
        put(b, "(*");
        put(b, tstr(rt));
        put(b, ")");
    } else {
        put(b, tstr(rt));
    }
    put(b, ".");
    put(b, name);
    put(b, "(");
    put(b, rb.s ? rb.s : "");
    NodeList *a = n->u.call.args;
    for (int i = 0; a && i < a->len; i++) {
        put(b, ", ");
        fmt(b, a->items[i], 0, syn);
    }
    if (n->u.call.ellipsis)
        put(b, "...");
    put(b, ")");
    return true;
}

static bool rune_literal_conv(Node *n)
{
    Type *t = n->type ? type_underlying(n->type) : NULL;
    if (!t || t->kind != TY_SLICE || !n->u.call.args || n->u.call.args->len != 1)
        return false;
    Type *et = type_underlying(t->u.slice.elem);
    Node *x = n->u.call.args->items[0];
    return et && et->kind == TY_INT32 && x->mode == MODE_CONST && x->type && type_is_string(x->type);
}

/* syn: inside a constant expression, which gc prints as types2's syntax
   printer does (parentheses kept, no space between repeated operators). */
static void fmt(Buf *b, Node *n, int prec, bool syn)
{
    while (implicit_conv(n))
        n = n->u.call.args->items[0];
    if (n && n->mode == MODE_CONST)
        syn = true;
    while (!syn && n && n->kind == E_PAREN)
        n = n->u.unary.x;
    if (!n) {
        put(b, "<nil>");
        return;
    }
    int np = prec_of(n);
    if (!syn && prec > np) {
        put(b, "(");
        fmt(b, n, 0, syn);
        put(b, ")");
        return;
    }
    switch (n->kind) {
    case E_PAREN:
        put(b, "(");
        fmt(b, n->u.unary.x, 0, syn);
        put(b, ")");
        return;
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
    case E_SELECTOR: {
        Node *x = n->u.selector.x;
        const char *name = n->u.selector.sel->u.ident.name;
        if (!syn && x && x->type && x->mode != MODE_PACKAGE && x->mode != MODE_TYPEEXPR) {
            Selection s = type_lookup(x->type, name);
            int ap = b->argprec;
            b->argprec = 8;
            if (s.kind == SEL_FIELD && s.pathlen > 1)
                embedded_path(b, x, s.path, s.pathlen - 1, syn);
            else if ((s.kind == SEL_METHOD || s.kind == SEL_IFACE_METHOD) && s.pathlen > 0)
                embedded_path(b, x, s.path, s.pathlen, syn);
            else
                fmt(b, x, 8, syn);
            b->argprec = ap;
        } else {
            fmt(b, x, 8, syn);
        }
        put(b, ".");
        put(b, name);
        return;
    }
    case E_INDEX:
        fmt(b, n->u.index.x, 8, syn);
        put(b, "[");
        fmt(b, n->u.index.index, 0, syn);
        put(b, "]");
        return;
    case E_SLICE:
        fmt(b, n->u.slice.x, 8, syn);
        put(b, "[");
        if (n->u.slice.lo)
            fmt(b, n->u.slice.lo, 0, syn);
        put(b, ":");
        if (n->u.slice.hi)
            fmt(b, n->u.slice.hi, 0, syn);
        if (n->u.slice.three) {
            put(b, ":");
            if (n->u.slice.max)
                fmt(b, n->u.slice.max, 0, syn);
        }
        put(b, "]");
        return;
    case E_TYPEASSERT:
        fmt(b, n->u.typeassert.x, 8, syn);
        put(b, ".(");
        put(b, n->u.typeassert.type ? tstr(n->u.typeassert.type->type) : "type");
        put(b, ")");
        return;
    case E_CALL: {
        Node *f = n->u.call.fun;
        NodeList *a = n->u.call.args;
        if (n->u.call.conv) {
            Type *t = n->type;
            if (!syn && rune_literal_conv(n)) {
                put(b, tstr(t));
                put(b, "{...}");
                return;
            }
            if (syn) {
                fmt(b, f, 8, syn);
            } else if (f->kind == E_IDENT && f->obj && f->obj->kind == OBJ_TYPE && !strcmp(f->u.ident.name, "any")) {
                put(b, "any");
            } else if (type_named(t)) {
                put(b, tstr(t));
            } else {
                put(b, "(");
                put(b, tstr(t));
                put(b, ")");
            }
            put(b, "(");
            args(b, a, 0, syn);
            put(b, ")");
            return;
        }
        if (f->mode == MODE_BUILTIN && f->obj) {
            put(b, f->obj->name);
            put(b, "(");
            if (!syn && (f->obj->builtin == BI_MAKE || f->obj->builtin == BI_NEW) && a && a->len) {
                put(b, tstr(a->items[0]->type));
                for (int i = 1; i < a->len; i++) {
                    put(b, ", ");
                    fmt(b, a->items[i], 0, syn);
                }
            } else {
                args(b, a, 0, syn);
                if (n->u.call.ellipsis)
                    put(b, "...");
            }
            put(b, ")");
            return;
        }
        if (!syn) {
            size_t mark = b->n;
            if (method_call(b, n, syn))
                return;
            if (b->n == mark) {
                Node *uf = f;
                while (uf && uf->kind == E_PAREN)
                    uf = uf->u.unary.x;
                int tn = esc_temp_of(uf);
                if (tn >= 0) {
                    char tb[32];
                    snprintf(tb, sizeof tb, ".autotmp_%d", tn);
                    put(b, tb);
                } else {
                    fmt(b, f, 8, syn);
                }
            }
        } else {
            fmt(b, f, 8, syn);
        }
        put(b, "(");
        int fixed;
        if (!syn && variadic_packed(n, &fixed)) {
            int na = a ? a->len : 0;
            int shown = fixed < na ? fixed : na;
            for (int i = 0; i < shown; i++) {
                if (i)
                    put(b, ", ");
                fmt(b, a->items[i], 0, syn);
            }
            if (shown)
                put(b, ", ");
            put(b, na > fixed ? "... argument..." : "nil...");
            put(b, ")");
            return;
        }
        args(b, a, 0, syn);
        if (n->u.call.ellipsis)
            put(b, "...");
        put(b, ")");
        return;
    }
    case E_STAR:
        put(b, "*");
        fmt(b, n->u.unary.x, 8, syn);
        return;
    case E_UNARY: {
        put(b, ast_op_string(n->u.unary.op));
        Node *x = n->u.unary.x;
        if (!syn && x && x->kind == E_UNARY && x->u.unary.op == n->u.unary.op)
            put(b, " ");
        fmt(b, x, np + 1, syn);
        return;
    }
    case E_BINARY:
        fmt(b, n->u.binary.x, np, syn);
        put(b, " ");
        put(b, ast_op_string(n->u.binary.op));
        put(b, " ");
        fmt(b, n->u.binary.y, np + 1, syn);
        return;
    case E_KEYVALUE:
        fmt(b, n->u.binary.x, 0, syn);
        put(b, ":");
        fmt(b, n->u.binary.y, 0, syn);
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
    fmt(&b, n, 0, false);
    return b.s ? b.s : "";
}

static void list(Buf *b, NodeList *l)
{
    for (int i = 0; l && i < l->len; i++) {
        if (i)
            put(b, ", ");
        fmt(b, l->items[i], 0, false);
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
        fmt(&b, n->u.binary.x, 0, false);
        put(&b, " <- ");
        fmt(&b, n->u.binary.y, 0, false);
        break;
    case S_INCDEC:
        fmt(&b, n->u.incdec.x, 0, false);
        put(&b, ast_op_string(n->u.incdec.op));
        break;
    case S_GO: case S_DEFER:
        put(&b, n->kind == S_GO ? "go " : "defer ");
        fmt(&b, n->u.gostmt.call, 0, false);
        break;
    case S_RANGE:
        put(&b, "for ");
        if (n->u.rangestmt.key) {
            fmt(&b, n->u.rangestmt.key, 0, false);
            if (n->u.rangestmt.value) {
                put(&b, ", ");
                fmt(&b, n->u.rangestmt.value, 0, false);
            }
            put(&b, n->u.rangestmt.op == DEFINE ? " := " : " = ");
        }
        put(&b, "range ");
        fmt(&b, n->u.rangestmt.x, 0, false);
        break;
    case S_CASE:
        put(&b, "case");
        break;
    default:
        if (n->kind < T_ARRAY)
            fmt(&b, n, 0, false);
        else
            put(&b, ast_kind_name(n->kind));
        break;
    }
    return b.s ? b.s : "";
}
