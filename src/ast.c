/* ast.c — node construction, printing (gc's ExprString) and dumping.
 *
 * Go: cmd/compile/internal/syntax/printer.go (String: the short form of an
 * expression that types2 puts in messages, with "…" for literal bodies).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <gc.h>

#include "ast.h"
#include "parser.h"

Node *ast_new(NodeKind kind, Pos pos)
{
    Node *n = GC_MALLOC(sizeof *n);
    n->kind = kind;
    n->pos = pos;
    return n;
}

NodeList *ast_list_new(void)
{
    return GC_MALLOC(sizeof(NodeList));
}

void ast_list_push(NodeList *l, Node *n)
{
    if (l->len == l->cap) {
        int cap = l->cap ? 2 * l->cap : 4;
        Node **items = GC_MALLOC(sizeof(Node *) * (size_t)cap);
        if (l->len)
            memcpy(items, l->items, sizeof(Node *) * (size_t)l->len);
        l->items = items;
        l->cap = cap;
    }
    l->items[l->len++] = n;
}

NodeList *ast_list_append(NodeList *l, Node *n)
{
    if (!l)
        l = ast_list_new();
    ast_list_push(l, n);
    return l;
}

Node *ast_ident(Pos pos, const char *name)
{
    Node *n = ast_new(E_IDENT, pos);
    n->u.ident.name = name;
    return n;
}

char *ast_strndup(const char *s, size_t n)
{
    char *p = GC_MALLOC_ATOMIC(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *ast_strdup(const char *s)
{
    return ast_strndup(s, strlen(s));
}

char *ast_sprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *p = GC_MALLOC_ATOMIC((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

static NodeList *clone_list(const NodeList *l)
{
    if (!l)
        return NULL;
    NodeList *c = ast_list_new();
    for (int i = 0; i < l->len; i++)
        ast_list_push(c, ast_clone(l->items[i]));
    return c;
}

Node *ast_clone(const Node *n)
{
    if (!n)
        return NULL;
    Node *c = ast_new(n->kind, n->pos);
    c->u = n->u;
    switch (n->kind) {
    case E_COMPOSITE:
        c->u.composite.type = ast_clone(n->u.composite.type);
        c->u.composite.elts = clone_list(n->u.composite.elts);
        break;
    case E_FUNCLIT:
        c->u.funclit.type = ast_clone(n->u.funclit.type);
        c->u.funclit.body = ast_clone(n->u.funclit.body);
        break;
    case E_PAREN: case E_STAR: case E_UNARY: case E_ELLIPSIS:
        c->u.unary.x = ast_clone(n->u.unary.x);
        break;
    case E_BINARY: case E_KEYVALUE: case S_SEND:
        c->u.binary.x = ast_clone(n->u.binary.x);
        c->u.binary.y = ast_clone(n->u.binary.y);
        break;
    case E_SELECTOR:
        c->u.selector.x = ast_clone(n->u.selector.x);
        c->u.selector.sel = ast_clone(n->u.selector.sel);
        break;
    case E_INDEX:
        c->u.index.x = ast_clone(n->u.index.x);
        c->u.index.index = ast_clone(n->u.index.index);
        break;
    case E_SLICE:
        c->u.slice.x = ast_clone(n->u.slice.x);
        c->u.slice.lo = ast_clone(n->u.slice.lo);
        c->u.slice.hi = ast_clone(n->u.slice.hi);
        c->u.slice.max = ast_clone(n->u.slice.max);
        break;
    case E_TYPEASSERT:
        c->u.typeassert.x = ast_clone(n->u.typeassert.x);
        c->u.typeassert.type = ast_clone(n->u.typeassert.type);
        break;
    case E_CALL:
        c->u.call.fun = ast_clone(n->u.call.fun);
        c->u.call.args = clone_list(n->u.call.args);
        break;
    case T_ARRAY:
        c->u.arraytype.len = ast_clone(n->u.arraytype.len);
        c->u.arraytype.elem = ast_clone(n->u.arraytype.elem);
        break;
    case T_MAP:
        c->u.maptype.key = ast_clone(n->u.maptype.key);
        c->u.maptype.elem = ast_clone(n->u.maptype.elem);
        break;
    case T_CHAN:
        c->u.chantype.elem = ast_clone(n->u.chantype.elem);
        break;
    case T_FUNC:
        c->u.functype.params = clone_list(n->u.functype.params);
        c->u.functype.results = clone_list(n->u.functype.results);
        break;
    case T_STRUCT: case T_INTERFACE:
        c->u.structtype.fields = clone_list(n->u.structtype.fields);
        break;
    case N_FIELD:
        c->u.field.names = clone_list(n->u.field.names);
        c->u.field.type = ast_clone(n->u.field.type);
        break;
    case S_BLOCK:
        c->u.block.stmts = clone_list(n->u.block.stmts);
        break;
    case S_EXPR:
        c->u.exprstmt.x = ast_clone(n->u.exprstmt.x);
        break;
    case S_RETURN:
        c->u.ret.results = clone_list(n->u.ret.results);
        break;
    default:
        /* statements other than these never occur inside a const expression
           (a func literal there is an error the checker reports once) */
        break;
    }
    return c;
}

const char *ast_kind_name(NodeKind k)
{
    static const char *names[N_KIND_COUNT] = {
        [N_BAD] = "Bad", [E_IDENT] = "Ident", [E_INTLIT] = "IntLit", [E_FLOATLIT] = "FloatLit",
        [E_IMAGLIT] = "ImagLit", [E_RUNELIT] = "RuneLit", [E_STRINGLIT] = "StringLit",
        [E_COMPOSITE] = "CompositeLit", [E_FUNCLIT] = "FuncLit", [E_PAREN] = "Paren",
        [E_SELECTOR] = "Selector", [E_INDEX] = "Index", [E_SLICE] = "Slice",
        [E_TYPEASSERT] = "TypeAssert", [E_CALL] = "Call", [E_STAR] = "Star", [E_UNARY] = "Unary",
        [E_BINARY] = "Binary", [E_KEYVALUE] = "KeyValue", [E_ELLIPSIS] = "Ellipsis",
        [T_ARRAY] = "ArrayType", [T_MAP] = "MapType", [T_CHAN] = "ChanType", [T_FUNC] = "FuncType",
        [T_STRUCT] = "StructType", [T_INTERFACE] = "InterfaceType", [N_FIELD] = "Field",
        [S_BAD] = "BadStmt", [S_EMPTY] = "EmptyStmt", [S_DECL] = "DeclStmt", [S_LABELED] = "Labeled",
        [S_EXPR] = "ExprStmt", [S_SEND] = "Send", [S_INCDEC] = "IncDec", [S_ASSIGN] = "Assign",
        [S_GO] = "Go", [S_DEFER] = "Defer", [S_RETURN] = "Return", [S_BRANCH] = "Branch",
        [S_BLOCK] = "Block", [S_IF] = "If", [S_CASE] = "Case", [S_SWITCH] = "Switch",
        [S_TYPESWITCH] = "TypeSwitch", [S_COMM] = "Comm", [S_SELECT] = "Select", [S_FOR] = "For",
        [S_RANGE] = "Range", [D_IMPORT] = "Import", [D_VAR] = "Var", [D_CONST] = "Const",
        [D_TYPE] = "Type", [D_FUNC] = "Func", [D_GROUP] = "Group", [N_FILE] = "File",
    };
    return (k >= 0 && k < N_KIND_COUNT && names[k]) ? names[k] : "?";
}

const char *ast_op_string(int op)
{
    switch (op) {
    case SHL: return "<<";
    case SHR: return ">>";
    case AND_NOT: return "&^";
    case ADD_ASSIGN: return "+=";
    case SUB_ASSIGN: return "-=";
    case MUL_ASSIGN: return "*=";
    case QUO_ASSIGN: return "/=";
    case REM_ASSIGN: return "%=";
    case AND_ASSIGN: return "&=";
    case OR_ASSIGN: return "|=";
    case XOR_ASSIGN: return "^=";
    case SHL_ASSIGN: return "<<=";
    case SHR_ASSIGN: return ">>=";
    case AND_NOT_ASSIGN: return "&^=";
    case LAND: return "&&";
    case LOR: return "||";
    case ARROW: return "<-";
    case INC: return "++";
    case DEC: return "--";
    case EQL: return "==";
    case NEQ: return "!=";
    case LEQ: return "<=";
    case GEQ: return ">=";
    case DEFINE: return ":=";
    case ELLIPSIS: return "...";
    case BREAK: return "break";
    case CONTINUE: return "continue";
    case GOTO: return "goto";
    case FALLTHROUGH: return "fallthrough";
    default:
        if (op > 0 && op < 128) {
            static char ops[128][2];
            ops[op][0] = (char)op;
            return ops[op];
        }
        return "?";
    }
}

int ast_assign_base_op(int op)
{
    switch (op) {
    case ADD_ASSIGN: return '+';
    case SUB_ASSIGN: return '-';
    case MUL_ASSIGN: return '*';
    case QUO_ASSIGN: return '/';
    case REM_ASSIGN: return '%';
    case AND_ASSIGN: return '&';
    case OR_ASSIGN: return '|';
    case XOR_ASSIGN: return '^';
    case SHL_ASSIGN: return SHL;
    case SHR_ASSIGN: return SHR;
    case AND_NOT_ASSIGN: return AND_NOT;
    default: return 0;
    }
}

/* ---- gc's short expression strings ---- */

typedef struct Str {
    char *p;
    size_t len, cap;
} Str;

static void put(Str *s, const char *t)
{
    size_t n = strlen(t);
    if (s->len + n + 1 > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        while (cap < s->len + n + 1) cap *= 2;
        char *p = GC_MALLOC_ATOMIC(cap);
        if (s->len) memcpy(p, s->p, s->len);
        s->p = p;
        s->cap = cap;
    }
    memcpy(s->p + s->len, t, n + 1);
    s->len += n;
}

static void expr_str(Str *s, const Node *n);

static void fields_str(Str *s, const NodeList *l, const char *sep)
{
    if (!l) return;
    for (int i = 0; i < l->len; i++) {
        const Node *f = l->items[i];
        if (i) put(s, sep);
        if (f->u.field.names) {
            for (int j = 0; j < f->u.field.names->len; j++) {
                if (j) put(s, ", ");
                put(s, f->u.field.names->items[j]->u.ident.name);
            }
            put(s, " ");
        }
        expr_str(s, f->u.field.type);
    }
}

static void sig_str(Str *s, const Node *ft)
{
    put(s, "(");
    fields_str(s, ft->u.functype.params, ", ");
    put(s, ")");
    const NodeList *r = ft->u.functype.results;
    if (r && r->len > 0) {
        put(s, " ");
        if (r->len == 1 && !r->items[0]->u.field.names) {
            expr_str(s, r->items[0]->u.field.type);
        } else {
            put(s, "(");
            fields_str(s, r, ", ");
            put(s, ")");
        }
    }
}

static void expr_str(Str *s, const Node *n)
{
    if (!n) return;
    switch (n->kind) {
    case E_IDENT: put(s, n->u.ident.name); break;
    case E_INTLIT: case E_FLOATLIT: case E_IMAGLIT: case E_RUNELIT: case E_STRINGLIT:
        put(s, n->u.lit.raw);
        break;
    case E_COMPOSITE:
        expr_str(s, n->u.composite.type);
        put(s, n->u.composite.elts && n->u.composite.elts->len ? "{…}" : "{}");
        break;
    case E_FUNCLIT:
        put(s, "func");
        sig_str(s, n->u.funclit.type);
        {
            /* syntax.ShortForm: "{}" for an empty body, else "{…}" */
            Node *b = n->u.funclit.body;
            bool empty = !b || !b->u.block.stmts || b->u.block.stmts->len == 0;
            put(s, empty ? " {}" : " {…}");
        }
        break;
    case E_PAREN:
        put(s, "(");
        expr_str(s, n->u.unary.x);
        put(s, ")");
        break;
    case E_SELECTOR:
        expr_str(s, n->u.selector.x);
        put(s, ".");
        expr_str(s, n->u.selector.sel);
        break;
    case E_INDEX:
        expr_str(s, n->u.index.x);
        put(s, "[");
        expr_str(s, n->u.index.index);
        put(s, "]");
        break;
    case E_SLICE:
        expr_str(s, n->u.slice.x);
        put(s, "[");
        expr_str(s, n->u.slice.lo);
        put(s, ":");
        expr_str(s, n->u.slice.hi);
        if (n->u.slice.three) {
            put(s, ":");
            expr_str(s, n->u.slice.max);
        }
        put(s, "]");
        break;
    case E_TYPEASSERT:
        expr_str(s, n->u.typeassert.x);
        put(s, ".(");
        if (n->u.typeassert.type) expr_str(s, n->u.typeassert.type);
        else put(s, "type");
        put(s, ")");
        break;
    case E_CALL:
        expr_str(s, n->u.call.fun);
        put(s, "(");
        if (n->u.call.args)
            for (int i = 0; i < n->u.call.args->len; i++) {
                if (i) put(s, ", ");
                expr_str(s, n->u.call.args->items[i]);
            }
        if (n->u.call.ellipsis) put(s, "...");
        put(s, ")");
        break;
    case E_STAR:
        put(s, "*");
        expr_str(s, n->u.unary.x);
        break;
    case E_UNARY:
        put(s, ast_op_string(n->u.unary.op));
        expr_str(s, n->u.unary.x);
        break;
    case E_BINARY:
        expr_str(s, n->u.binary.x);
        put(s, " ");
        put(s, ast_op_string(n->u.binary.op));
        put(s, " ");
        expr_str(s, n->u.binary.y);
        break;
    case E_KEYVALUE:
        expr_str(s, n->u.binary.x);
        put(s, ": ");
        expr_str(s, n->u.binary.y);
        break;
    case E_ELLIPSIS:
        put(s, "...");
        expr_str(s, n->u.unary.x);
        break;
    case T_ARRAY:
        put(s, "[");
        expr_str(s, n->u.arraytype.len);
        put(s, "]");
        expr_str(s, n->u.arraytype.elem);
        break;
    case T_MAP:
        put(s, "map[");
        expr_str(s, n->u.maptype.key);
        put(s, "]");
        expr_str(s, n->u.maptype.elem);
        break;
    case T_CHAN:
        put(s, n->u.chantype.dir == CHAN_RECV ? "<-chan " : n->u.chantype.dir == CHAN_SEND ? "chan<- " : "chan ");
        expr_str(s, n->u.chantype.elem);
        break;
    case T_FUNC:
        put(s, "func");
        sig_str(s, n);
        break;
    case T_STRUCT:
        put(s, "struct{");
        fields_str(s, n->u.structtype.fields, "; ");
        put(s, "}");
        break;
    case T_INTERFACE: {
        put(s, "interface{");
        const NodeList *l = n->u.structtype.fields;
        for (int i = 0; l && i < l->len; i++) {
            const Node *f = l->items[i];
            if (i) put(s, "; ");
            if (f->u.field.names) {
                put(s, f->u.field.names->items[0]->u.ident.name);
                sig_str(s, f->u.field.type);
            } else {
                expr_str(s, f->u.field.type);
            }
        }
        put(s, "}");
        break;
    }
    default:
        put(s, ast_kind_name(n->kind));
        break;
    }
}

char *ast_expr_string(const Node *n)
{
    Str s = {0};
    put(&s, "");
    expr_str(&s, n);
    return s.p;
}

Pos ast_start_pos(const Node *n)
{
    while (n) {
        switch (n->kind) {
        case E_COMPOSITE:
            if (!n->u.composite.type) return n->pos;
            n = n->u.composite.type;
            break;
        case E_SELECTOR: n = n->u.selector.x; break;
        case E_INDEX: n = n->u.index.x; break;
        case E_SLICE: n = n->u.slice.x; break;
        case E_TYPEASSERT: n = n->u.typeassert.x; break;
        case E_CALL: n = n->u.call.fun; break;
        case E_BINARY: case E_KEYVALUE: n = n->u.binary.x; break;
        case S_SEND: n = n->u.binary.x; break;
        case S_ASSIGN: n = n->u.assign.lhs->items[0]; break;
        case S_INCDEC: n = n->u.incdec.x; break;
        case S_EXPR: n = n->u.exprstmt.x; break;
        default: return n->pos;
        }
    }
    return (Pos){0, 0};
}

/* ---- S-expression dump ---- */

static void dump(FILE *f, const Node *n, int depth);

static void dump_list(FILE *f, const char *label, const NodeList *l, int depth)
{
    if (!l) return;
    fprintf(f, "\n%*s:%s", depth * 2, "", label);
    for (int i = 0; i < l->len; i++)
        dump(f, l->items[i], depth + 1);
}

static void dump_child(FILE *f, const char *label, const Node *n, int depth)
{
    if (!n) return;
    fprintf(f, "\n%*s:%s", depth * 2, "", label);
    dump(f, n, depth + 1);
}

static void dump(FILE *f, const Node *n, int depth)
{
    fprintf(f, "\n%*s(", depth * 2, "");
    if (!n) {
        fprintf(f, "nil)");
        return;
    }
    fprintf(f, "%s %d:%d", ast_kind_name(n->kind), n->pos.line, n->pos.col);
    int d = depth + 1;
    switch (n->kind) {
    case E_IDENT: fprintf(f, " %s", n->u.ident.name); break;
    case E_INTLIT: case E_FLOATLIT: case E_IMAGLIT: case E_RUNELIT: case E_STRINGLIT:
        fprintf(f, " %s", n->u.lit.raw);
        break;
    case E_COMPOSITE:
        dump_child(f, "type", n->u.composite.type, d);
        dump_list(f, "elts", n->u.composite.elts, d);
        break;
    case E_FUNCLIT:
        dump_child(f, "type", n->u.funclit.type, d);
        dump_child(f, "body", n->u.funclit.body, d);
        break;
    case E_PAREN: case E_STAR: case E_ELLIPSIS:
        dump_child(f, "x", n->u.unary.x, d);
        break;
    case E_UNARY:
        fprintf(f, " %s", ast_op_string(n->u.unary.op));
        dump_child(f, "x", n->u.unary.x, d);
        break;
    case E_BINARY: case E_KEYVALUE: case S_SEND:
        if (n->kind != E_KEYVALUE) fprintf(f, " %s", ast_op_string(n->u.binary.op));
        dump_child(f, "x", n->u.binary.x, d);
        dump_child(f, "y", n->u.binary.y, d);
        break;
    case E_SELECTOR:
        dump_child(f, "x", n->u.selector.x, d);
        dump_child(f, "sel", n->u.selector.sel, d);
        break;
    case E_INDEX:
        dump_child(f, "x", n->u.index.x, d);
        dump_child(f, "index", n->u.index.index, d);
        break;
    case E_SLICE:
        dump_child(f, "x", n->u.slice.x, d);
        dump_child(f, "lo", n->u.slice.lo, d);
        dump_child(f, "hi", n->u.slice.hi, d);
        dump_child(f, "max", n->u.slice.max, d);
        break;
    case E_TYPEASSERT:
        dump_child(f, "x", n->u.typeassert.x, d);
        dump_child(f, "type", n->u.typeassert.type, d);
        break;
    case E_CALL:
        if (n->u.call.ellipsis) fprintf(f, " ...");
        dump_child(f, "fun", n->u.call.fun, d);
        dump_list(f, "args", n->u.call.args, d);
        break;
    case T_ARRAY:
        dump_child(f, "len", n->u.arraytype.len, d);
        dump_child(f, "elem", n->u.arraytype.elem, d);
        break;
    case T_MAP:
        dump_child(f, "key", n->u.maptype.key, d);
        dump_child(f, "elem", n->u.maptype.elem, d);
        break;
    case T_CHAN:
        fprintf(f, " dir=%d", n->u.chantype.dir);
        dump_child(f, "elem", n->u.chantype.elem, d);
        break;
    case T_FUNC:
        dump_list(f, "params", n->u.functype.params, d);
        dump_list(f, "results", n->u.functype.results, d);
        break;
    case T_STRUCT: case T_INTERFACE:
        dump_list(f, "fields", n->u.structtype.fields, d);
        break;
    case N_FIELD:
        if (n->u.field.embedded) fprintf(f, " embedded");
        dump_list(f, "names", n->u.field.names, d);
        dump_child(f, "type", n->u.field.type, d);
        dump_child(f, "tag", n->u.field.tag, d);
        break;
    case S_DECL: dump_child(f, "decl", n->u.decl.decl, d); break;
    case S_LABELED:
        dump_child(f, "label", n->u.labeled.label, d);
        dump_child(f, "stmt", n->u.labeled.stmt, d);
        break;
    case S_EXPR: dump_child(f, "x", n->u.exprstmt.x, d); break;
    case S_INCDEC:
        fprintf(f, " %s", ast_op_string(n->u.incdec.op));
        dump_child(f, "x", n->u.incdec.x, d);
        break;
    case S_ASSIGN:
        fprintf(f, " %s", ast_op_string(n->u.assign.op));
        dump_list(f, "lhs", n->u.assign.lhs, d);
        dump_list(f, "rhs", n->u.assign.rhs, d);
        break;
    case S_GO: case S_DEFER: dump_child(f, "call", n->u.gostmt.call, d); break;
    case S_RETURN: dump_list(f, "results", n->u.ret.results, d); break;
    case S_BRANCH:
        fprintf(f, " %s", ast_op_string(n->u.branch.op));
        dump_child(f, "label", n->u.branch.label, d);
        break;
    case S_BLOCK: dump_list(f, "stmts", n->u.block.stmts, d); break;
    case S_IF:
        dump_child(f, "init", n->u.ifstmt.init, d);
        dump_child(f, "cond", n->u.ifstmt.cond, d);
        dump_child(f, "then", n->u.ifstmt.then, d);
        dump_child(f, "else", n->u.ifstmt.els, d);
        break;
    case S_CASE:
        if (!n->u.caseclause.list) fprintf(f, " default");
        dump_list(f, "list", n->u.caseclause.list, d);
        dump_list(f, "body", n->u.caseclause.body, d);
        break;
    case S_COMM:
        if (!n->u.commclause.comm) fprintf(f, " default");
        dump_child(f, "comm", n->u.commclause.comm, d);
        dump_list(f, "body", n->u.commclause.body, d);
        break;
    case S_SWITCH: case S_TYPESWITCH:
        dump_child(f, "init", n->u.switchstmt.init, d);
        dump_child(f, "tag", n->u.switchstmt.tag, d);
        dump_child(f, "assign", n->u.switchstmt.assign, d);
        dump_child(f, "body", n->u.switchstmt.body, d);
        break;
    case S_SELECT: dump_child(f, "body", n->u.selectstmt.body, d); break;
    case S_FOR:
        dump_child(f, "init", n->u.forstmt.init, d);
        dump_child(f, "cond", n->u.forstmt.cond, d);
        dump_child(f, "post", n->u.forstmt.post, d);
        dump_child(f, "body", n->u.forstmt.body, d);
        break;
    case S_RANGE:
        if (n->u.rangestmt.op) fprintf(f, " %s", ast_op_string(n->u.rangestmt.op));
        dump_child(f, "key", n->u.rangestmt.key, d);
        dump_child(f, "value", n->u.rangestmt.value, d);
        dump_child(f, "x", n->u.rangestmt.x, d);
        dump_child(f, "body", n->u.rangestmt.body, d);
        break;
    case D_IMPORT:
        dump_child(f, "name", n->u.import.name, d);
        dump_child(f, "path", n->u.import.path, d);
        break;
    case D_VAR: case D_CONST:
        if (n->kind == D_CONST) fprintf(f, " iota=%d%s", n->u.valuespec.iota, n->u.valuespec.implicit ? " implicit" : "");
        dump_list(f, "names", n->u.valuespec.names, d);
        dump_child(f, "type", n->u.valuespec.type, d);
        dump_list(f, "values", n->u.valuespec.values, d);
        break;
    case D_TYPE:
        if (n->u.typespec.alias) fprintf(f, " alias");
        dump_child(f, "name", n->u.typespec.name, d);
        dump_child(f, "type", n->u.typespec.type, d);
        break;
    case D_FUNC:
        dump_list(f, "recv", n->u.funcdecl.recv, d);
        dump_child(f, "name", n->u.funcdecl.name, d);
        dump_child(f, "type", n->u.funcdecl.type, d);
        dump_child(f, "body", n->u.funcdecl.body, d);
        break;
    case D_GROUP: dump_list(f, "specs", n->u.group.specs, d); break;
    case N_FILE:
        dump_child(f, "package", n->u.file.package, d);
        dump_list(f, "imports", n->u.file.imports, d);
        dump_list(f, "decls", n->u.file.decls, d);
        break;
    default:
        break;
    }
    fprintf(f, ")");
}

void ast_dump(const Node *n, void *file)
{
    dump((FILE *)file, n, 0);
    fputc('\n', (FILE *)file);
}

/* ---- walking a function body ---- */

static void ast_walk_list(AstWalk *w, NodeList *l)
{
    for (int i = 0; l && i < l->len; i++)
        ast_walk(w, l->items[i]);
}

void ast_walk(AstWalk *w, Node *n)
{
    if (!n)
        return;
    if (w->pre)
        w->pre(w, n);
    switch (n->kind) {
    case E_FUNCLIT: ast_walk(w, n->u.funclit.body); break;
    case E_COMPOSITE: ast_walk_list(w, n->u.composite.elts); break;
    case E_PAREN: case E_STAR: case E_UNARY: ast_walk(w, n->u.unary.x); break;
    case E_SELECTOR: ast_walk(w, n->u.selector.x); break;
    case E_INDEX: ast_walk(w, n->u.index.x); ast_walk(w, n->u.index.index); break;
    case E_SLICE:
        ast_walk(w, n->u.slice.x); ast_walk(w, n->u.slice.lo); ast_walk(w, n->u.slice.hi); ast_walk(w, n->u.slice.max);
        break;
    case E_TYPEASSERT: ast_walk(w, n->u.typeassert.x); break;
    case E_CALL: ast_walk(w, n->u.call.fun); ast_walk_list(w, n->u.call.args); break;
    case E_KEYVALUE: ast_walk(w, n->u.binary.y); break;
    case E_BINARY: case S_SEND: ast_walk(w, n->u.binary.x); ast_walk(w, n->u.binary.y); break;
    case S_DECL: ast_walk(w, n->u.decl.decl); break;
    case S_LABELED: ast_walk(w, n->u.labeled.stmt); break;
    case S_EXPR: ast_walk(w, n->u.exprstmt.x); break;
    case S_INCDEC: ast_walk(w, n->u.incdec.x); break;
    case S_ASSIGN: ast_walk_list(w, n->u.assign.lhs); ast_walk_list(w, n->u.assign.rhs); break;
    case S_GO: case S_DEFER: ast_walk(w, n->u.gostmt.call); break;
    case S_RETURN: ast_walk_list(w, n->u.ret.results); break;
    case S_BLOCK: ast_walk_list(w, n->u.block.stmts); break;
    case S_IF:
        ast_walk(w, n->u.ifstmt.init); ast_walk(w, n->u.ifstmt.cond); ast_walk(w, n->u.ifstmt.then); ast_walk(w, n->u.ifstmt.els);
        break;
    case S_CASE: ast_walk_list(w, n->u.caseclause.list); ast_walk_list(w, n->u.caseclause.body); break;
    case S_COMM: ast_walk(w, n->u.commclause.comm); ast_walk_list(w, n->u.commclause.body); break;
    case S_SWITCH: case S_TYPESWITCH:
        ast_walk(w, n->u.switchstmt.init); ast_walk(w, n->u.switchstmt.tag);
        ast_walk(w, n->u.switchstmt.assign); ast_walk(w, n->u.switchstmt.body);
        break;
    case S_SELECT: ast_walk(w, n->u.selectstmt.body); break;
    case S_FOR:
        ast_walk(w, n->u.forstmt.init); ast_walk(w, n->u.forstmt.cond); ast_walk(w, n->u.forstmt.post); ast_walk(w, n->u.forstmt.body);
        break;
    case S_RANGE:
        ast_walk(w, n->u.rangestmt.key); ast_walk(w, n->u.rangestmt.value);
        ast_walk(w, n->u.rangestmt.x); ast_walk(w, n->u.rangestmt.body);
        break;
    case D_VAR: ast_walk_list(w, n->u.valuespec.values); break;
    case D_GROUP: ast_walk_list(w, n->u.group.specs); break;
    default: break;
    }
    if (w->post)
        w->post(w, n);
}
