/* checker.h — the resolver and type checker: from a parsed file to an annotated
 * tree plus the package-level facts the compiler needs.
 *
 * Go: cmd/compile/internal/types2 (Checker, Package, Initializer).
 *
 * What the checker leaves in the tree (the compiler's contract):
 *  - Every checked expression node: type, mode (ExprMode), cv when mode ==
 *    MODE_CONST. Compile a MODE_CONST node from its cv and type alone; its
 *    operands need not be looked at (they may keep untyped types).
 *  - Untyped values get the type their context gives them (Go's implicit
 *    conversion), recursively through parens, unary and non-constant binary
 *    operands: `var f float64 = 1` leaves the literal float64 with a float cv;
 *    in `var y int64 = 1 << s` the literal 1 becomes int64. What may remain
 *    untyped: constant operands of constant expressions, shift counts, and
 *    non-constant untyped bool results never assigned (an `if a == b`
 *    condition): use type_default() (untyped bool -> bool). Untyped nil gets
 *    the type it is converted to (compared or assigned to).
 *  - E_IDENT: obj (declaring or denoted object; NULL for "_").
 *  - E_SELECTOR: obj is the field's OBJ_VAR (NULL: find the field by
 *    path), the method's OBJ_FUNC (NULL for an interface method), or the
 *    package member; selector.path/pathlen/indirect as in types.h. pkg.Name:
 *    selector.x has mode MODE_PACKAGE (type NULL) and obj the OBJ_PKG. A
 *    method value x.M has mode MODE_VALUE and the method's signature; a method
 *    expression T.M / (*T).M has x in MODE_TYPEEXPR and a func type whose
 *    first parameter is the receiver.
 *  - E_CALL: call.conv for conversions T(x) (fun has MODE_TYPEEXPR; a
 *    constant conversion is MODE_CONST with its cv); a builtin call has fun in
 *    MODE_BUILTIN with fun->obj the OBJ_BUILTIN (len/cap of arrays and
 *    constant strings are MODE_CONST); f(g()) forwarding has one argument
 *    whose type is a TY_TUPLE. A call without results: MODE_NOVALUE, type an
 *    empty TY_TUPLE.
 *  - Comma-ok forms (v, ok := m[k] / x.(T) / <-ch, also with =): the rhs
 *    node's type is rewritten to a 2-tuple (T, bool-ish); its mode stays
 *    MODE_MAPINDEX/MODE_COMMAOK. In single-value use the type is just T.
 *  - E_COMPOSITE: type is the literal's type; an elided inner literal whose
 *    element type is *T has type *T and means &T{...}. [...]T literals get
 *    their array length. Keyed struct literal keys are E_IDENTs with the field
 *    type (no obj): find the field by name.
 *  - Scopes: S_BLOCK, D_FUNC, E_FUNCLIT, S_IF/S_FOR/S_SWITCH/S_TYPESWITCH/
 *    S_RANGE, S_CASE, S_COMM. A function's body block has the function's own
 *    scope (parameters and top-level locals together, as in Go).
 *  - S_TYPESWITCH with `v := x.(type)`: each S_CASE's scope holds its own
 *    OBJ_VAR v (the single case type, else x's type); the guard ident's obj
 *    is the first clause's v.
 *  - Objects: used, addr_taken (&x, &x.f, &x[i] on an array, x[:] on an
 *    array, a pointer-method value/call x.M on an addressable x), captured
 *    (referenced from a function literal nested in its declaring function),
 *    func (declaring D_FUNC/E_FUNCLIT; params too), is_param (receivers too),
 *    is_result, is_global. Labels are not objects: branch statements name
 *    their label and the compiler matches S_LABELED by name.
 *  - Constants: use Object.cv (and the MODE_CONST nodes' cv); never compile
 *    a const spec's values: implicit specs share the earlier spec's nodes,
 *    which are re-checked with each iota and keep the last annotation.
 *  - Native packages (Package.native) are checked like main; their funcs and
 *    methods may have no body (funcdecl.body NULL): bind those by
 *    obj->pkg + name (methods: receiver type name + name).
 */
#ifndef MINI_CHECKER_H
#define MINI_CHECKER_H

#include "ast.h"
#include "diag.h"
#include "types.h"

/* One package-level variable initialization, Go's types2.Initializer:
   lhs = rhs, where rhs yields nlhs values (nlhs > 1 only for `var a, b = f()`). */
typedef struct Initializer {
    Object **lhs; int nlhs;
    Node *rhs;
} Initializer;

typedef struct Package {
    const char *path;     /* "main", "strings", "time" ... */
    const char *name;
    Scope *scope;         /* package scope: every package-level object */
    Node *file;
    bool native;          /* one of mini's library packages (src/packages) */
    /* package vars in Go's initialization order (dependency order, then
       declaration order) */
    Object **vars_init_order; int nvars_init;
    Initializer *inits; int ninits;         /* the same, as assignments */
    Object **globals; int nglobals;         /* all package vars, declaration order */
    Object **funcs; int nfuncs;             /* all funcs & methods incl. init, source order */
    Object **init_funcs; int ninit_funcs;   /* the init() functions, source order */
    Object *main_func;                      /* main.main, NULL elsewhere */
    Node **funclits; int nfunclits;         /* every E_FUNCLIT, in source order */
    struct Package **imports; int nimports; /* packages this file imports */
} Package;

/* Checks the main package file. Always returns a Package (possibly partially
   annotated); errors go to d. */
Package *check_program(Node *file, Diags *d);

/* A native library package, parsed and checked on first use and cached.
   Returns NULL if path is not in mini's library. Errors in the package
   source itself (an internal bug) go to d. */
Package *package_import(const char *path, Diags *d);

/* The Go source of a native package (generated from src/packages/ *.mini files);
   NULL when there is none. */
const char *packages_source(const char *path, size_t *len);

#endif
