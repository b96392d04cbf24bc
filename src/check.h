/* check.h — the resolver and type checker: from a parsed file to an annotated
 * tree plus the package-level facts the compiler needs.
 *
 * Go: cmd/compile/internal/types2 (Checker, Package, Initializer).
 *
 * What the checker leaves in the tree (the compiler's contract):
 *  - Every expression node: type, mode (ExprMode), cv when mode == MODE_CONST.
 *    Untyped constant expressions are converted to the type the context gives
 *    them (Go's implicit conversion): `var x float64 = 1` leaves the literal
 *    with type float64 and a float cv. A constant can keep an untyped type only
 *    where Go leaves one (operands of a constant comparison, shift counts, the
 *    tag-less switch cases ...): use type_default() there. Untyped nil stays
 *    TY_UNTYPED_NIL when the target is an interface/pointer... it is converted
 *    to the target type whenever one exists (n->type is the target type).
 *  - E_IDENT: obj (declaring or denoted object; NULL for "_" on the lhs).
 *  - E_SELECTOR: obj is the field's OBJ_VAR, the method's OBJ_FUNC (NULL for an
 *    interface method; then type_lookup on x's type finds it), or the package
 *    member; selector.path/pathlen the embedding path (see types.h); indirect.
 *    For a package-qualified name (pkg.Name) x has mode MODE_PACKAGE.
 *    A method value x.M has mode MODE_VALUE and a func type; a method
 *    expression T.M / (*T).M has x in MODE_TYPEEXPR and a func type whose first
 *    parameter is the receiver.
 *  - E_CALL: call.conv for conversions T(x) (fun has MODE_TYPEEXPR); a builtin
 *    call has fun in MODE_BUILTIN with fun->obj the OBJ_BUILTIN; an f(g())
 *    forwarding call has one argument whose type is a TY_TUPLE.
 *  - E_COMPOSITE: type is the literal's type (also for elided inner types).
 *  - S_BLOCK, D_FUNC, E_FUNCLIT, S_IF/S_FOR/S_SWITCH/S_TYPESWITCH/S_RANGE,
 *    S_CASE, S_COMM: scope.
 *  - S_TYPESWITCH with `v := x.(type)`: each S_CASE's scope holds one
 *    OBJ_VAR v with the case's type (the single case type, else x's type).
 *  - Objects: used, addr_taken (&x, &x.f, &x[i] on an array, x[:] on an array,
 *    x.M() with a pointer-receiver method on an addressable value),
 *    captured (referenced from a closure nested in its declaring function),
 *    func (declaring D_FUNC/E_FUNCLIT), is_param/is_result/is_global.
 */
#ifndef MINI_CHECK_H
#define MINI_CHECK_H

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
