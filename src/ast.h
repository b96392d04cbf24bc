/* ast.h — the syntax tree the parser builds and the checker annotates.
 *
 * Go: go/ast (the shape) and cmd/compile/internal/syntax (the positions gc
 * reports). One tagged struct, Node, covers expressions, types, statements and
 * declarations; each kind uses the union member named after it.
 *
 * Invariants:
 *  - Every node is allocated with Boehm GC (ast_new); nothing frees it.
 *  - pos is the node's position in gc's syntax package: the operator of a
 *    binary/unary expression or assignment, '(' of a call, '[' of an index,
 *    '.' of a selector or assertion, '{' of a composite literal, the keyword
 *    of a statement. types2 reports most errors at ast_start_pos() instead
 *    (the leftmost token). Lines and columns are 1-based, columns count bytes.
 *  - Types in source are expressions: a NodeKind below T_FIRST..T_LAST, or an
 *    E_IDENT / E_SELECTOR / E_STAR / E_PAREN that the checker resolves to a type.
 *  - The checker fills the annotation fields (type, mode, cv, obj) and never
 *    changes the tree's shape, except where noted (E_CALL.conv).
 */
#ifndef MINI_AST_H
#define MINI_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct Pos {
    int line, col;
} Pos;

typedef struct Node Node;
typedef struct Type Type;
typedef struct Object Object;
typedef struct ConstVal ConstVal;
typedef struct Scope Scope;

/* A growable array of nodes, Boehm-allocated. */
typedef struct NodeList {
    int len, cap;
    Node **items;
} NodeList;

typedef enum NodeKind {
    N_BAD,
    /* ---- expressions ---- */
    E_IDENT,      /* ident.name; "_" is the blank identifier */
    E_INTLIT,     /* lit: raw text */
    E_FLOATLIT,
    E_IMAGLIT,    /* lexed so the checker can say "not supported by mini" */
    E_RUNELIT,    /* lit.rune holds the decoded code point */
    E_STRINGLIT,  /* lit.str/lit.len hold the decoded bytes */
    E_COMPOSITE,  /* composite: type (NULL when elided), elts (E_KEYVALUE or values), rbrace; pos is '{' */
    E_FUNCLIT,    /* funclit: type (T_FUNC), body (S_BLOCK) */
    E_PAREN,      /* unary.x */
    E_SELECTOR,   /* selector: x.sel; pos is the '.' (sel has its own pos) */
    E_INDEX,      /* index: x[index]; pos is '[' */
    E_SLICE,      /* slice: x[lo:hi:max], any may be NULL; pos is '[' */
    E_TYPEASSERT, /* typeassert: x.(type); type NULL means x.(type) in a type switch */
    E_CALL,       /* call: fun(args...), ellipsis set for f(s...); pos is '(' */
    E_STAR,       /* unary.x: *x, a dereference or a pointer type */
    E_UNARY,      /* unary: op x, op in + - ! ^ & <- (ARROW) */
    E_BINARY,     /* binary: x op y; pos is the operator */
    E_KEYVALUE,   /* binary: key: value inside composite literals (op unused) */
    E_ELLIPSIS,   /* unary.x: ...T in a parameter list; x NULL in [...]T */
    /* ---- type expressions ---- */
    T_ARRAY,      /* arraytype: [len]elem; len NULL for a slice, E_ELLIPSIS for [...] */
    T_MAP,        /* maptype: map[key]elem */
    T_CHAN,       /* chantype: dir, elem */
    T_FUNC,       /* functype: params, results (lists of N_FIELD) */
    T_STRUCT,     /* structtype: fields (N_FIELD) */
    T_INTERFACE,  /* structtype: fields (N_FIELD: methods have names, embeds don't) */
    N_FIELD,      /* field: names (E_IDENT list, may be empty), type, embedded, tag */
    /* ---- statements ---- */
    S_BAD,
    S_EMPTY,
    S_DECL,       /* decl: a D_VAR/D_CONST/D_TYPE group inside a function */
    S_LABELED,    /* labeled: label (E_IDENT), stmt */
    S_EXPR,       /* exprstmt.x */
    S_SEND,       /* binary: x <- y; pos is the arrow */
    S_INCDEC,     /* incdec: x, op is INC or DEC */
    S_ASSIGN,     /* assign: lhs op rhs; op is '=', DEFINE, or ADD_ASSIGN...; pos is the operator */
    S_GO,         /* gostmt.call */
    S_DEFER,      /* gostmt.call */
    S_RETURN,     /* ret.results */
    S_BRANCH,     /* branch: op is BREAK/CONTINUE/GOTO/FALLTHROUGH, label may be NULL */
    S_BLOCK,      /* block: stmts, rbrace */
    S_IF,         /* ifstmt: init, cond, then (S_BLOCK), els (S_IF, S_BLOCK or NULL) */
    S_CASE,       /* caseclause: list (NULL = default), body, colon */
    S_SWITCH,     /* switchstmt: init, tag, body (S_BLOCK of S_CASE), rbrace */
    S_TYPESWITCH, /* switchstmt: init, assign (S_EXPR or S_ASSIGN DEFINE holding E_TYPEASSERT with type NULL), body */
    S_COMM,       /* commclause: comm (S_SEND, S_EXPR with recv, S_ASSIGN with recv, or NULL = default), body */
    S_SELECT,     /* selectstmt: body (S_BLOCK of S_COMM) */
    S_FOR,        /* forstmt: init, cond, post, body */
    S_RANGE,      /* rangestmt: key, value (may be NULL), op (DEFINE, '=' or 0 when no vars), x, body */
    /* ---- declarations ---- */
    D_IMPORT,     /* import: name (E_IDENT or NULL), path (E_STRINGLIT) */
    D_VAR,        /* valuespec: names, type, values */
    D_CONST,      /* valuespec: names, type, values (inherited from the previous spec when implicit), iota */
    D_TYPE,       /* typespec: name, type, alias */
    D_FUNC,       /* funcdecl: recv (N_FIELD list or NULL), name, type (T_FUNC), body (S_BLOCK or NULL) */
    D_GROUP,      /* group: specs of one `var (...)` / `const (...)` / `type (...)` / `import (...)` */
    N_FILE,       /* file: package, imports (D_IMPORT), decls */
    N_KIND_COUNT
} NodeKind;

/* Operators and keywords are the parser's token codes (grammar/parser.y),
 * e.g. '+', '<', LAND, SHL, ARROW. Only the checker and compiler read op;
 * ast_op_string() turns one into Go's spelling. */

/* Checker's classification of an expression (Go's operand modes). */
typedef enum ExprMode {
    MODE_INVALID = 0, /* not checked yet, or erroneous */
    MODE_NOVALUE,     /* a call without results */
    MODE_BUILTIN,     /* a builtin function name, only callable */
    MODE_TYPEEXPR,    /* denotes a type */
    MODE_CONST,       /* a constant; cv holds its value */
    MODE_VAR,         /* an addressable variable */
    MODE_MAPINDEX,    /* m[k]: assignable, not addressable, comma-ok capable */
    MODE_VALUE,       /* any other value */
    MODE_COMMAOK,     /* a value that may be used as v, ok (recv, assertion, map index) */
    MODE_PACKAGE      /* a package name, only selectable */
} ExprMode;

struct Node {
    NodeKind kind;
    Pos pos;
    /* ---- annotations set by the checker ---- */
    Type *type;       /* the expression's type (for a multi-value call: a tuple) */
    ExprMode mode;
    ConstVal *cv;     /* constant value when mode == MODE_CONST */
    Object *obj;      /* E_IDENT: the object it denotes or declares; D_FUNC: the func;
                         E_SELECTOR: the field/method/package member selected */
    Scope *scope;     /* blocks, functions, clauses: the scope they open */
    union {
        struct { const char *name; } ident;
        struct {
            const char *raw;   /* source text of the literal */
            const char *str;   /* E_STRINGLIT: decoded bytes (NUL-terminated too) */
            size_t len;        /* E_STRINGLIT: decoded length (may contain NULs) */
            int32_t rune;      /* E_RUNELIT */
            bool bad;          /* the scanner reported an error in it */
        } lit;
        struct { Node *type; NodeList *elts; Pos rbrace; } composite;
        struct { Node *type; Node *body; } funclit;
        struct { int op; Node *x; } unary;
        struct { int op; Node *x, *y; } binary;
        struct {
            Node *x; Node *sel;
            /* checker: for promoted fields/methods, the embedding path.
               path[i] is the field index at depth i; pathlen includes the last step. */
            int *path; int pathlen;
            bool indirect;     /* some step dereferences a pointer */
        } selector;
        struct { Node *x, *index; } index;
        struct { Node *x, *lo, *hi, *max; bool three; } slice;
        struct { Node *x, *type; } typeassert;
        struct {
            Node *fun; NodeList *args; bool ellipsis; Pos rparen;
            bool conv;         /* checker: this "call" is a conversion T(x) */
        } call;
        struct { Node *len, *elem; } arraytype;
        struct { Node *key, *elem; } maptype;
        struct { int dir; Node *elem; } chantype;  /* dir: CHAN_BOTH/CHAN_SEND/CHAN_RECV */
        struct { NodeList *params, *results; } functype;
        struct { NodeList *fields; Pos rbrace; } structtype;
        struct {
            NodeList *names; Node *type; bool embedded; Node *tag;
        } field;
        struct { Node *decl; } decl;
        struct { Node *label; Node *stmt; } labeled;
        struct { Node *x; } exprstmt;
        struct { Node *x; int op; } incdec;
        struct { NodeList *lhs; int op; NodeList *rhs; } assign;
        struct {
            Node *call;
            bool bad;          /* the parser reported and repaired the call (gc's callStmt) */
        } gostmt;
        struct { NodeList *results; } ret;
        struct { int op; Node *label; } branch;
        struct { NodeList *stmts; Pos rbrace; } block;
        struct { Node *init, *cond, *then, *els; } ifstmt;
        struct { NodeList *list; NodeList *body; Pos colon; } caseclause;
        struct { Node *comm; NodeList *body; Pos colon; } commclause;
        struct { Node *init, *tag, *assign, *body; } switchstmt;
        struct { Node *body; } selectstmt;
        struct { Node *init, *cond, *post, *body; } forstmt;
        struct { Node *key, *value; int op; Node *x, *body; } rangestmt;
        struct { Node *name, *path; } import;
        struct {
            NodeList *names; Node *type; NodeList *values;
            int iota;          /* D_CONST: index of the spec in its group */
            bool implicit;     /* D_CONST: values were copied from an earlier spec */
        } valuespec;
        struct { Node *name; Node *type; bool alias; } typespec;
        struct { NodeList *recv; Node *name; Node *type; Node *body; } funcdecl;
        struct { int tok; NodeList *specs; } group;  /* tok: VAR/CONST/TYPE/IMPORT */
        struct {
            const char *filename;
            Node *package;     /* E_IDENT */
            NodeList *imports; /* D_IMPORT */
            NodeList *decls;   /* D_VAR/D_CONST/D_TYPE/D_FUNC (groups flattened) */
        } file;
    } u;
};

enum { CHAN_BOTH = 0, CHAN_SEND = 1, CHAN_RECV = 2 };

Node *ast_new(NodeKind kind, Pos pos);
NodeList *ast_list_new(void);
void ast_list_push(NodeList *l, Node *n);
/* Returns l, or a new list when l is NULL. */
NodeList *ast_list_append(NodeList *l, Node *n);
Node *ast_ident(Pos pos, const char *name);
const char *ast_kind_name(NodeKind k);
/* Go's spelling of an operator token, e.g. "+", "&&", "<-", "+=". */
const char *ast_op_string(int op);
/* The source-like text of an expression for messages, gc style:
   "x", "a + b", "f(x)", "T{...}", "func literal", "s[i]" ... */
char *ast_expr_string(const Node *n);
/* Dumps the tree in an S-expression form (tests and `mini check --ast`). */
void ast_dump(const Node *n, void *file /* FILE* */);

/* Visits every expression and statement under n (types, constant
   declarations and a keyed element's key aside) in source order: pre
   before a node's children, post after (either may be NULL). A walker with
   state embeds an AstWalk as its first member. */
typedef struct AstWalk AstWalk;
struct AstWalk {
    void (*pre)(AstWalk *w, Node *n);
    void (*post)(AstWalk *w, Node *n);
};
void ast_walk(AstWalk *w, Node *n);

/* A deep copy of an expression tree, without checker annotations. */
Node *ast_clone(const Node *n);
/* The leftmost position of an expression or simple statement: where types2
   reports most errors (syntax.StartPos). */
Pos ast_start_pos(const Node *n);
/* ADD_ASSIGN → '+', SHL_ASSIGN → SHL ...; 0 for other tokens. */
int ast_assign_base_op(int op);

char *ast_strdup(const char *s);
char *ast_strndup(const char *s, size_t n);
char *ast_sprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
