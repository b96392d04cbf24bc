/* parse_util.c — AST building helpers for parser.y's actions.
 *
 * Go: cmd/compile/internal/syntax/parser.go (paramList, header, constDecl).
 */
#include <string.h>

#include "parse_util.h"
#include "parser.h"

void pu_error(Lexer *lx, Pos pos, const char *msg)
{
    diag_error(lx->diags, pos, "%s", msg);
}

void pu_error_at(Lexer *lx, Pos pos, const char *msg)
{
    diag_syntax(lx->diags, pos, "%s", msg);
    lx->errline = pos.line;
}

void pu_push_decl(NodeList *decls, Node *d)
{
    if (!d)
        return;
    if (d->kind == D_GROUP) {
        for (int i = 0; i < d->u.group.specs->len; i++)
            ast_list_push(decls, d->u.group.specs->items[i]);
        return;
    }
    ast_list_push(decls, d);
}

Node *pu_group(int tok, Pos pos, NodeList *specs)
{
    Node *g = ast_new(D_GROUP, pos);
    g->u.group.tok = tok;
    g->u.group.specs = specs;
    return g;
}

Node *pu_valuespec(NodeKind kind, NodeList *names, Node *type, NodeList *values)
{
    Node *s = ast_new(kind, names->items[0]->pos);
    s->u.valuespec.names = names;
    s->u.valuespec.type = type;
    s->u.valuespec.values = values;
    return s;
}

NodeList *pu_const_list(Lexer *lx, NodeList *specs)
{
    Node *prev = NULL;
    for (int i = 0; i < specs->len; i++) {
        Node *s = specs->items[i];
        s->u.valuespec.iota = i;
        if (s->u.valuespec.values) {
            prev = s;
            continue;
        }
        if (s->u.valuespec.type || !prev) {
            /* the checker reports gc's "missing init expr for x" */
            continue;
        }
        /* Implicit repetition: a deep copy, so that each spec's expressions
           carry their own checker annotations (iota differs). */
        s->u.valuespec.implicit = true;
        s->u.valuespec.type = prev->u.valuespec.type ? ast_clone(prev->u.valuespec.type) : NULL;
        NodeList *vals = ast_list_new();
        for (int j = 0; j < prev->u.valuespec.values->len; j++)
            ast_list_push(vals, ast_clone(prev->u.valuespec.values->items[j]));
        s->u.valuespec.values = vals;
    }
    return specs;
}

NodeList *pu_params(Lexer *lx, NodeList *fields)
{
    if (!fields)
        return ast_list_new();
    bool named = false;
    for (int i = 0; i < fields->len; i++)
        if (fields->items[i]->u.field.names)
            named = true;
    if (!named)
        return fields;
    /* Every bare entry must be a name; it takes the type of the next named entry. */
    NodeList *out = ast_list_new();
    NodeList *pending = NULL;
    for (int i = 0; i < fields->len; i++) {
        Node *f = fields->items[i];
        if (!f->u.field.names) {
            if (f->u.field.type->kind != E_IDENT) {
                pu_error_at(lx, f->pos, "syntax error: mixed named and unnamed parameters");
                return fields;
            }
            pending = ast_list_append(pending, f->u.field.type);
            continue;
        }
        if (pending) {
            ast_list_push(pending, f->u.field.names->items[0]);
            Node *g = ast_new(N_FIELD, pending->items[0]->pos);
            g->u.field.names = pending;
            g->u.field.type = f->u.field.type;
            ast_list_push(out, g);
            pending = NULL;
        } else {
            ast_list_push(out, f);
        }
    }
    if (pending) {
        Node *last = fields->items[fields->len - 1];
        pu_error_at(lx, last->pos, "syntax error: mixed named and unnamed parameters");
        return fields;
    }
    return out;
}

Node *pu_funcdecl(Lexer *lx, Pos pos, NodeList *recv, Node *name, Pos lparen,
                  NodeList *params, NodeList *results, Node *body)
{
    (void)lparen;
    Node *d = ast_new(D_FUNC, pos);
    Node *ft = ast_new(T_FUNC, pos);
    ft->u.functype.params = pu_params(lx, params);
    ft->u.functype.results = pu_params(lx, results);
    /* gc's parser reports these without stopping type checking, which
       then sees a plain function or the first receiver only. */
    if (recv) {
        recv = pu_params(lx, recv);
        int n = 0;
        for (int i = 0; i < recv->len; i++) {
            NodeList *names = recv->items[i]->u.field.names;
            n += names ? names->len : 1;
        }
        if (n == 0) {
            pu_error(lx, name->pos, "method has no receiver");
            recv = NULL;
        } else if (n > 1) {
            pu_error(lx, name->pos, "method has multiple receivers");
            Node *first = recv->items[0];
            if (first->u.field.names && first->u.field.names->len > 1) {
                Node *one = ast_new(N_FIELD, first->pos);
                one->u.field.names = ast_list_append(NULL, first->u.field.names->items[0]);
                one->u.field.type = first->u.field.type;
                first = one;
            }
            recv = ast_list_append(NULL, first);
        }
    }
    d->u.funcdecl.recv = recv;
    d->u.funcdecl.name = name;
    d->u.funcdecl.type = ft;
    d->u.funcdecl.body = body;
    return d;
}

void pu_fixlbrace(Lexer *lx, int lbrace)
{
    if (lbrace == LBODY)
        lx->loophack = 1;
}

static const char *stmt_string(Node *s)
{
    if (s->kind == S_ASSIGN) {
        const char *l = "", *r = "";
        for (int i = 0; i < s->u.assign.lhs->len; i++)
            l = ast_sprintf("%s%s%s", l, i ? ", " : "", ast_expr_string(s->u.assign.lhs->items[i]));
        for (int i = 0; i < s->u.assign.rhs->len; i++)
            r = ast_sprintf("%s%s%s", r, i ? ", " : "", ast_expr_string(s->u.assign.rhs->items[i]));
        return ast_sprintf("%s %s %s", l, ast_op_string(s->u.assign.op), r);
    }
    if (s->kind == S_INCDEC)
        return ast_sprintf("%s%s", ast_expr_string(s->u.incdec.x), s->u.incdec.op == INC ? "++" : "--");
    if (s->kind == S_SEND)
        return ast_sprintf("%s <- %s", ast_expr_string(s->u.binary.x), ast_expr_string(s->u.binary.y));
    return "statement";
}

Node *pu_cond(Lexer *lx, Node *stmt, const char *what)
{
    (void)what;
    if (!stmt)
        return NULL;
    if (stmt->kind == S_EXPR)
        return stmt->u.exprstmt.x;
    pu_error_at(lx, stmt->pos, ast_sprintf("syntax error: cannot use %s as value", stmt_string(stmt)));
    return NULL;
}

Node *pu_range(Lexer *lx, NodeList *lhs, int op, Node *x, Pos rangepos)
{
    Node *r = ast_new(S_RANGE, rangepos);
    r->u.rangestmt.op = op;
    r->u.rangestmt.x = x;
    if (lhs) {
        if (lhs->len > 2)
            pu_error(lx, lhs->items[2]->pos, "range clause permits at most two iteration variables");
        r->u.rangestmt.key = lhs->items[0];
        if (lhs->len > 1)
            r->u.rangestmt.value = lhs->items[1];
    }
    return r;
}

static bool is_typeswitch_guard(Node *x)
{
    return x && x->kind == E_TYPEASSERT && x->u.typeassert.type == NULL;
}

Node *pu_switch(Lexer *lx, Pos pos, Node *header, NodeList *clauses, Pos rbrace)
{
    Node *raw = header->u.ifstmt.then;
    Node *sw = ast_new(S_SWITCH, pos);
    sw->u.switchstmt.init = header->u.ifstmt.init;
    if (raw && raw->kind == S_EXPR && is_typeswitch_guard(raw->u.exprstmt.x)) {
        sw->kind = S_TYPESWITCH;
        sw->u.switchstmt.assign = raw;
    } else if (raw && raw->kind == S_ASSIGN && raw->u.assign.op == DEFINE &&
               raw->u.assign.rhs->len == 1 && is_typeswitch_guard(raw->u.assign.rhs->items[0])) {
        sw->kind = S_TYPESWITCH;
        sw->u.switchstmt.assign = raw;
        if (raw->u.assign.lhs->len != 1)
            pu_error_at(lx, raw->pos, "syntax error: invalid variable name in type switch");
    } else {
        sw->u.switchstmt.tag = pu_cond(lx, raw, "switch");
    }
    Node *body = ast_new(S_BLOCK, pos);
    body->u.block.stmts = clauses;
    body->u.block.rbrace = rbrace;
    sw->u.switchstmt.body = body;
    for (int i = 0; i < clauses->len; i++) {
        Node *c = clauses->items[i];
        if (c->kind == S_COMM) {
            pu_error_at(lx, c->u.commclause.comm->pos,
                        ast_sprintf("syntax error: unexpected %s, expecting :",
                                    c->u.commclause.comm->u.assign.op == DEFINE ? ":=" : "="));
            c->kind = S_CASE;
            c->u.caseclause.list = ast_list_new();
            c->u.caseclause.body = ast_list_new();
        }
    }
    return sw;
}

static bool is_recv(Node *x)
{
    while (x && x->kind == E_PAREN)
        x = x->u.unary.x;
    return x && x->kind == E_UNARY && x->u.unary.op == ARROW;
}

Node *pu_select(Lexer *lx, Pos pos, NodeList *clauses, Pos rbrace)
{
    Node *sel = ast_new(S_SELECT, pos);
    for (int i = 0; i < clauses->len; i++) {
        Node *c = clauses->items[i];
        if (c->kind == S_CASE) {
            NodeList *body = c->u.caseclause.body;
            Pos colon = c->u.caseclause.colon;
            Node *comm = NULL;
            if (c->u.caseclause.list) {
                NodeList *l = c->u.caseclause.list;
                Node *x = l->items[0];
                if (l->len == 1 && x->kind == E_BINARY && x->u.binary.op == ARROW) {
                    comm = pu_exprstmt(x);
                } else if (l->len == 1 && is_recv(x)) {
                    comm = ast_new(S_EXPR, x->pos);
                    comm->u.exprstmt.x = x;
                } else {
                    pu_error(lx, x->pos, "select case must be send or receive (possibly with assignment)");
                    comm = NULL;
                }
            }
            c->kind = S_COMM;
            c->u.commclause.comm = comm;
            c->u.commclause.body = body;
            c->u.commclause.colon = colon;
        } else {
            Node *a = c->u.commclause.comm;
            Node *rhs = a->u.assign.rhs->items[0];
            if (!is_recv(rhs))
                pu_error(lx, rhs->pos, "select case must be send or receive (possibly with assignment)");
            else if (a->u.assign.lhs->len > 2)
                pu_error(lx, a->pos, "select case must be send or receive (possibly with assignment)");
        }
    }
    Node *body = ast_new(S_BLOCK, pos);
    body->u.block.stmts = clauses;
    body->u.block.rbrace = rbrace;
    sel->u.selectstmt.body = body;
    return sel;
}

Node *pu_binary(int op, Pos pos, Node *x, Node *y)
{
    Node *n = ast_new(E_BINARY, pos);
    n->u.binary.op = op;
    n->u.binary.x = x;
    n->u.binary.y = y;
    return n;
}

Node *pu_unary(int op, Pos pos, Node *x)
{
    Node *n = ast_new(E_UNARY, pos);
    n->u.unary.op = op;
    n->u.unary.x = x;
    return n;
}

Node *pu_callstmt(Lexer *lx, NodeKind kind, Pos pos, Node *x)
{
    const char *kw = kind == S_GO ? "go" : "defer";
    Node *s = ast_new(kind, pos);
    if (x->kind == E_PAREN) {
        pu_error(lx, x->pos, ast_sprintf("expression in %s must not be parenthesized", kw));
        s->u.gostmt.bad = true;
        while (x->kind == E_PAREN)
            x = x->u.unary.x;
    }
    if (x->kind != E_CALL) {
        pu_error(lx, x->pos, ast_sprintf("expression in %s must be function call", kw));
        s->u.gostmt.bad = true;
        /* gc assumes the common mistake of a missing () */
        Node *call = ast_new(E_CALL, x->pos);
        call->u.call.fun = x;
        call->u.call.args = ast_list_new();
        call->u.call.rparen = x->pos;
        x = call;
    }
    s->u.gostmt.call = x;
    return s;
}

Node *pu_exprstmt(Node *x)
{
    if (x->kind == E_BINARY && x->u.binary.op == ARROW) {
        Node *s = ast_new(S_SEND, x->pos);
        s->u.binary.op = ARROW;
        s->u.binary.x = x->u.binary.x;
        s->u.binary.y = x->u.binary.y;
        return s;
    }
    Node *s = ast_new(S_EXPR, x->pos);
    s->u.exprstmt.x = x;
    return s;
}

const char *pu_describe(int tok, const char *text)
{
    switch (tok) {
    case 0: return "EOF";
    case ';':
        if (text && (strcmp(text, "newline") == 0 || strcmp(text, "EOF") == 0))
            return text;
        return "semicolon";
    case ',': return "comma";
    case IDENT: return text;
    case INT: case FLOAT: case IMAG: case CHAR: case STRING:
        return ast_sprintf("literal %s", text ? text : "");
    case LBODY: return "{";
    default:
        return text && *text ? text : "token";
    }
}

const char *pu_symname_text(const char *n)
{
    static const struct { const char *sym, *text; } tab[] = {
        {"SHL", "<<"}, {"SHR", ">>"}, {"AND_NOT", "&^"}, {"ADD_ASSIGN", "+="},
        {"SUB_ASSIGN", "-="}, {"MUL_ASSIGN", "*="}, {"QUO_ASSIGN", "/="},
        {"REM_ASSIGN", "%="}, {"AND_ASSIGN", "&="}, {"OR_ASSIGN", "|="},
        {"XOR_ASSIGN", "^="}, {"SHL_ASSIGN", "<<="}, {"SHR_ASSIGN", ">>="},
        {"AND_NOT_ASSIGN", "&^="}, {"LAND", "&&"}, {"LOR", "||"}, {"ARROW", "<-"},
        {"INC", "++"}, {"DEC", "--"}, {"EQL", "=="}, {"NEQ", "!="}, {"LEQ", "<="},
        {"GEQ", ">="}, {"DEFINE", ":="}, {"ELLIPSIS", "..."}, {"INT", "literal"},
        {"FLOAT", "literal"}, {"IMAG", "literal"}, {"CHAR", "literal"}, {"STRING", "literal"},
        {"\"end of file\"", "EOF"},
    };
    for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
        if (strcmp(tab[i].sym, n) == 0)
            return tab[i].text;
    /* keywords: the lower-case spelling */
    char *s = ast_strdup(n);
    for (char *p = s; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    return s;
}

/* ---- post-parse validation ---- */

static void validate_expr(Lexer *lx, Node *n);

static void validate_list(Lexer *lx, NodeList *l)
{
    if (!l)
        return;
    for (int i = 0; i < l->len; i++)
        validate_expr(lx, l->items[i]);
}

/* A send x <- y is an expression only in the grammar; anywhere but statement
   level it is the error gc reports. Walks every node reachable from n. */
static void validate_expr(Lexer *lx, Node *n)
{
    if (!n)
        return;
    switch (n->kind) {
    case E_BINARY:
        if (n->u.binary.op == ARROW)
            pu_error_at(lx, n->pos, "syntax error: unexpected <-, expecting expression");
        validate_expr(lx, n->u.binary.x);
        validate_expr(lx, n->u.binary.y);
        break;
    case E_KEYVALUE: case S_SEND:
        validate_expr(lx, n->u.binary.x);
        validate_expr(lx, n->u.binary.y);
        break;
    case E_PAREN: case E_STAR: case E_UNARY: case E_ELLIPSIS:
        validate_expr(lx, n->u.unary.x);
        break;
    case E_COMPOSITE:
        validate_expr(lx, n->u.composite.type);
        validate_list(lx, n->u.composite.elts);
        break;
    case E_FUNCLIT:
        validate_expr(lx, n->u.funclit.type);
        validate_expr(lx, n->u.funclit.body);
        break;
    case E_SELECTOR: validate_expr(lx, n->u.selector.x); break;
    case E_INDEX:
        validate_expr(lx, n->u.index.x);
        validate_expr(lx, n->u.index.index);
        break;
    case E_SLICE:
        validate_expr(lx, n->u.slice.x);
        validate_expr(lx, n->u.slice.lo);
        validate_expr(lx, n->u.slice.hi);
        validate_expr(lx, n->u.slice.max);
        break;
    case E_TYPEASSERT:
        validate_expr(lx, n->u.typeassert.x);
        validate_expr(lx, n->u.typeassert.type);
        break;
    case E_CALL:
        validate_expr(lx, n->u.call.fun);
        validate_list(lx, n->u.call.args);
        break;
    case T_ARRAY:
        validate_expr(lx, n->u.arraytype.len);
        validate_expr(lx, n->u.arraytype.elem);
        break;
    case T_MAP:
        validate_expr(lx, n->u.maptype.key);
        validate_expr(lx, n->u.maptype.elem);
        break;
    case T_CHAN: validate_expr(lx, n->u.chantype.elem); break;
    case T_FUNC:
        validate_list(lx, n->u.functype.params);
        validate_list(lx, n->u.functype.results);
        break;
    case T_STRUCT: case T_INTERFACE: validate_list(lx, n->u.structtype.fields); break;
    case N_FIELD: validate_expr(lx, n->u.field.type); break;
    case S_DECL: validate_expr(lx, n->u.decl.decl); break;
    case S_LABELED: validate_expr(lx, n->u.labeled.stmt); break;
    case S_EXPR: validate_expr(lx, n->u.exprstmt.x); break;
    case S_INCDEC: validate_expr(lx, n->u.incdec.x); break;
    case S_ASSIGN:
        validate_list(lx, n->u.assign.lhs);
        validate_list(lx, n->u.assign.rhs);
        break;
    case S_GO: case S_DEFER: validate_expr(lx, n->u.gostmt.call); break;
    case S_RETURN: validate_list(lx, n->u.ret.results); break;
    case S_BLOCK: validate_list(lx, n->u.block.stmts); break;
    case S_IF:
        validate_expr(lx, n->u.ifstmt.init);
        validate_expr(lx, n->u.ifstmt.cond);
        validate_expr(lx, n->u.ifstmt.then);
        validate_expr(lx, n->u.ifstmt.els);
        break;
    case S_CASE:
        validate_list(lx, n->u.caseclause.list);
        validate_list(lx, n->u.caseclause.body);
        break;
    case S_COMM:
        validate_expr(lx, n->u.commclause.comm);
        validate_list(lx, n->u.commclause.body);
        break;
    case S_SWITCH: case S_TYPESWITCH:
        validate_expr(lx, n->u.switchstmt.init);
        validate_expr(lx, n->u.switchstmt.tag);
        validate_expr(lx, n->u.switchstmt.assign);
        validate_expr(lx, n->u.switchstmt.body);
        break;
    case S_SELECT: validate_expr(lx, n->u.selectstmt.body); break;
    case S_FOR:
        validate_expr(lx, n->u.forstmt.init);
        validate_expr(lx, n->u.forstmt.cond);
        validate_expr(lx, n->u.forstmt.post);
        validate_expr(lx, n->u.forstmt.body);
        break;
    case S_RANGE:
        validate_expr(lx, n->u.rangestmt.key);
        validate_expr(lx, n->u.rangestmt.value);
        validate_expr(lx, n->u.rangestmt.x);
        validate_expr(lx, n->u.rangestmt.body);
        break;
    case D_VAR: case D_CONST:
        validate_expr(lx, n->u.valuespec.type);
        validate_list(lx, n->u.valuespec.values);
        break;
    case D_TYPE: validate_expr(lx, n->u.typespec.type); break;
    case D_FUNC:
        validate_list(lx, n->u.funcdecl.recv);
        validate_expr(lx, n->u.funcdecl.type);
        validate_expr(lx, n->u.funcdecl.body);
        break;
    case D_GROUP: validate_list(lx, n->u.group.specs); break;
    case N_FILE: validate_list(lx, n->u.file.decls); break;
    default:
        break;
    }
}

void pu_validate(Lexer *lx, Node *file)
{
    if (lx->diags->nsyntax == 0)
        validate_expr(lx, file);
}
