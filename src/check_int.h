/* check_int.h — the checker's private state, shared by src/check*.c.
 *
 * Go: cmd/compile/internal/types2 (Checker, operand, declInfo). The checker is
 * a port of types2 restricted to mini's subset; function names follow types2
 * (objDecl, exprInternal, binary, assignment, initVars, stmt ...) so that a
 * reader can put the two side by side.
 *
 * Invariants:
 *  - An Operand with mode MODE_INVALID has already been reported; callers
 *    never report anything further about it (cascade suppression).
 *  - Untyped operands only ever have constant mode or the nil type.
 *  - Every expression node visited gets (mode, type, cv) recorded via record()
 *    when its check finishes; an untyped expression's type is rewritten by
 *    update_expr_type() once its final type is known.
 */
#ifndef MINI_CHECK_INT_H
#define MINI_CHECK_INT_H

#include <gc.h>
#include <string.h>
#include "checker.h"
#include "types.h"
#include "diag.h"
#include "parser.h"

typedef struct Operand {
    ExprMode mode;
    Node *expr;        /* the expression, for messages and positions */
    Type *type;
    ConstVal *val;     /* MODE_CONST */
    Builtin id;        /* MODE_BUILTIN */
} Operand;

/* Package-level declaration information (types2 declInfo). */
typedef struct DeclInfo {
    Node *spec;        /* D_VAR/D_CONST/D_TYPE spec or D_FUNC */
    Node *typ;         /* declared type expression, or NULL */
    Node *init;        /* init expression, or NULL */
    Object **lhs; int nlhs;   /* n:1 var declarations: all lhs vars */
    Object **deps; int ndeps, capdeps;   /* package-level objects used (init order) */
    int iota;
    bool inherited;    /* const spec with values copied from an earlier spec */
} DeclInfo;

/* The label and branch context of a statement (types2 stmtContext). */
enum {
    CTX_BREAK_OK = 1 << 0,
    CTX_CONTINUE_OK = 1 << 1,
    CTX_FALLTHROUGH_OK = 1 << 2,
    CTX_FINAL_SWITCH_CASE = 1 << 3,
    CTX_IN_TYPE_SWITCH = 1 << 4,
};

typedef struct Checker {
    Diags *d;
    Package *pkg;
    const char *pkgpath;        /* NULL for main */
    Scope *pkgscope, *filescope;
    Scope *scope;               /* current scope */
    /* package-level objects in source order */
    Object **objs; int nobjs, capobjs;
    /* methods waiting for their receiver base type (types2 check.methods) */
    Object **methods; int nmethods, capmethods;
    /* function context */
    Node *func;                 /* D_FUNC or E_FUNCLIT being checked, NULL at package level */
    Type *sig;                  /* its signature */
    Object *decl;               /* package-level object whose declaration is checked (deps) */
    ConstVal *iota;             /* value of iota inside a constant declaration */
    bool has_errpos;
    Pos errpos;                 /* position to report errors of inherited const inits */
    int nerrors;                /* errors reported by this checker */
    int depth;                  /* expression/statement nesting, bounded */
    bool depth_reported;
    bool in_native;             /* checking a native package declaration file */
    /* imports */
    Object **imports; int nimports, capimports;
    Package **pkgs; int npkgs, cappkgs;
    /* funcs in source order (incl. methods and inits) */
    Object **funcs; int nfuncs, capfuncs;
    Node **funclits; int nfunclits, capfunclits;
    int capinitf, capglobals;
    /* local variables of the function body being checked (types2 usage) */
    Object **fvars; int nfvars, capfvars;
    bool has_label;
    bool body_syntax_err;   /* an error gc's parser reports was found in this body */
    Node **nobody; int nnobody, capnobody;   /* funcs without body (reported last) */
    /* map key types to verify once all package types are complete */
    Node **mapkeys; int nmapkeys, capmapkeys;
    Node **embeds; int nembeds, capembeds;   /* embedded field types, likewise */
    /* named types defined as a named type still being resolved */
    Type **pending; int npending, cappending;
    Type **pending_src; int npending_src, cappending_src;
} Checker;

enum { MAX_DEPTH = 5000 };   /* ~300 bytes of C stack per level; ASan triples it */

/* A named type's underlying type, NULL while it is being resolved
   (type_underlying reports types_invalid then). */
static inline Type *under_raw(Type *t) {
    if (!t) return NULL;
    return t->kind == TY_NAMED ? t->u.named.underlying : t;
}

/* ---- check.c ---- */
void check_errorf(Checker *c, Pos pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void check_soft_errorf(Checker *c, Pos pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
Pos start_pos(const Node *n);
Pos op_pos(const Node *n);
bool declare(Checker *c, Scope *s, Node *ident, Object *obj);
void obj_decl(Checker *c, Object *obj);
void add_decl_dep(Checker *c, Object *to);
DeclInfo *decl_info(Object *obj);
void path_push(Object *obj);
void path_pop(void);
void process_delayed(Checker *c);
bool enter(Checker *c, Pos pos);   /* depth guard; false when too deep */
void leave(Checker *c);
#define PUSH(arr, n, cap, x) do { \
        if ((n) == (cap)) { (cap) = (cap) ? 2 * (cap) : 8; \
            (arr) = GC_REALLOC((arr), sizeof(*(arr)) * (cap)); } \
        (arr)[(n)++] = (x); } while (0)
char *strbuf_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
const char *pos_string(Checker *c, Pos p);

/* ---- check_type.c ---- */
Type *check_typexpr(Checker *c, Node *e);          /* reports errors; returns types_invalid on error */
Type *check_definedtype(Checker *c, Node *e, Type *def);
Type *check_functype(Checker *c, NodeList *recv_list, Node *ftype, Scope *scope, Node *func,
                     Object ***params_out, int *nparams_out);
bool is_typexpr_syntax(Node *e);
void check_map_key(Checker *c, Node *key);
void check_embedded(Checker *c, Node *te);
int64_t check_array_length(Checker *c, Node *e);
void check_valid_type(Checker *c, Object *tobj);

/* ---- check_decl.c ---- */
void const_decl(Checker *c, Object *obj, Node *typ, Node *init, bool inherited);
void var_decl(Checker *c, Object *obj, Object **lhs, int nlhs, Node *typ, Node *init);
void type_decl(Checker *c, Object *obj, Node *spec, Type *def);
void func_decl(Checker *c, Object *obj, Node *fdecl);
void collect_methods(Checker *c, Object *tobj);
void decl_stmt(Checker *c, Node *decl);
void func_body(Checker *c, Node *func, Type *sig, Node *body, Scope *fscope);
void usage(Checker *c);
void declare_local_var(Checker *c, Scope *s, Node *ident, Object *obj);
void report_type_cycle(Checker *c, Type *t);
bool name_chain_cycle(Checker *c, Type *t);

/* ---- check_expr.c ---- */
void check_expr(Checker *c, Operand *x, Node *e);          /* single value, not a type */
void check_multi_expr(Checker *c, Operand *x, Node *e);    /* may be a tuple */
void check_expr_or_type(Checker *c, Operand *x, Node *e);
void check_raw_expr(Checker *c, Operand *x, Node *e, Type *hint, bool allow_generic);
void check_expr_with_hint(Checker *c, Operand *x, Node *e, Type *hint);
void single_value(Checker *c, Operand *x);
void record(Node *e, Operand *x);
void update_expr_type(Checker *c, Node *e, Type *t, bool final);
void convert_untyped(Checker *c, Operand *x, Type *target);
bool implicit_type_and_value(Checker *c, Operand *x, Type *target, Type **newt, ConstVal **val, int *code);
void representable(Checker *c, Operand *x, Type *t);
const char *operand_string(Operand *x);
const char *expr_string(Node *e);
void check_comparison(Checker *c, Operand *x, Operand *y, int op, bool switchcase);
void check_binary(Checker *c, Operand *x, Node *e, Node *lhs, Node *rhs, int op, Pos oppos);
bool is_const_type(Type *t);
void use_exprs(Checker *c, NodeList *l);
void use_expr(Checker *c, Node *e);
bool check_index(Checker *c, Node *index, int64_t max, bool allow_negative, const char *what, int64_t *val);
void check_selector(Checker *c, Operand *x, Node *e);
Object *lookup_ident(Checker *c, const char *name);
void mark_addr_taken(Node *e);
Node *unparen(Node *e);
void check_funclit(Checker *c, Operand *x, Node *e);
bool type_assertion_check(Checker *c, Node *e, Operand *x, Type *xt, Type *T, bool typeswitch);
const char *types_summary(Type **list, int n, bool variadic);
bool check_overflow(Checker *c, Operand *x, Pos opos);

/* ---- check_call.c ---- */
void check_call(Checker *c, Operand *x, Node *e);
void check_conversion(Checker *c, Operand *x, Type *T);
bool check_builtin(Checker *c, Operand *x, Node *call, Builtin id);
/* Evaluates a list of expressions; a single multi-value call is unpacked.
   allow_commaok: a 2-value comma-ok form is allowed for a single rhs. */
Operand *check_expr_list(Checker *c, NodeList *l, bool allow_commaok, int *n_out, bool *commaok_out);

/* ---- check_assign.c ---- */
void assignment(Checker *c, Operand *x, Type *T, const char *context);
Type *init_var(Checker *c, Object *lhs, Operand *x, const char *context);
void init_const(Checker *c, Object *lhs, Operand *x);
void init_vars(Checker *c, Object **lhs, int nlhs, NodeList *rhs, Node *return_stmt);
void assign_vars(Checker *c, NodeList *lhs, NodeList *rhs);
void short_var_decl(Checker *c, Node *s);
Type *assign_var(Checker *c, Node *lhs, Operand *x);
bool assignable_to(Checker *c, Operand *x, Type *T, const char **reason);
/* "(missing M method)", "(M method has pointer receiver)", "(wrong type for
   M method)\n\t\thave ...\n\t\twant ..." for V lacking T's method missing. */
const char *missing_method_reason(Type *V, Type *T, const char *missing, bool wrong_ptr);
void assign_error(Checker *c, NodeList *rhs, int nvars, int nvals);

/* ---- check_stmt.c ---- */
void check_stmt_list(Checker *c, int ctx, NodeList *l);
void check_stmt(Checker *c, int ctx, Node *s);
bool is_terminating(Node *s, const char *label);
void check_labels(Checker *c, Node *body);

/* ---- package.c ---- */
Package *package_check_file(Node *file, const char *path, Diags *d, bool native);

#endif
