/* types.h — Go types, objects, scopes and constant values, as the checker sees them.
 *
 * Go: go/types (cmd/compile/internal/types2): Basic, Named, Struct, Pointer,
 * Signature, Interface, Map, Chan, Tuple; Object kinds Const/TypeName/Var/Func/
 * PkgName/Builtin/Nil; Scope. Names follow types2 so a student can compare.
 *
 * Invariants:
 *  - Types, objects and scopes are Boehm-allocated and never freed.
 *  - Basic types are singletons (types_basic[kind]); byte and rune are distinct
 *    Type objects (for messages) whose kind is TY_UINT8 / TY_INT32, so they are
 *    identical to uint8 / int32: compare basic types by kind, never by pointer.
 *  - Composite types are NOT interned: use types_identical() to compare.
 *  - A TY_NAMED type's underlying is never TY_NAMED once resolved.
 *  - Untyped kinds appear only on constant expressions and nil.
 */
#ifndef MINI_TYPES_H
#define MINI_TYPES_H

#include "ast.h"

typedef enum TypeKind {
    TY_INVALID = 0,
    /* basic, typed */
    TY_BOOL,
    TY_INT, TY_INT8, TY_INT16, TY_INT32, TY_INT64,
    TY_UINT, TY_UINT8, TY_UINT16, TY_UINT32, TY_UINT64, TY_UINTPTR,
    TY_FLOAT32, TY_FLOAT64,
    TY_STRING,
    /* basic, untyped */
    TY_UNTYPED_BOOL, TY_UNTYPED_INT, TY_UNTYPED_RUNE, TY_UNTYPED_FLOAT,
    TY_UNTYPED_STRING, TY_UNTYPED_NIL,
    TY_BASIC_COUNT,
    /* composite */
    TY_ARRAY = TY_BASIC_COUNT, TY_SLICE, TY_STRUCT, TY_POINTER, TY_FUNC,
    TY_INTERFACE, TY_MAP, TY_CHAN,
    TY_NAMED,
    TY_TUPLE  /* results of a multi-value call; never a variable's type */
} TypeKind;

typedef struct Field {
    const char *name;   /* embedded field: the type's name */
    Type *type;
    bool embedded;
    Pos pos;
    const char *tag;    /* decoded tag bytes, NULL when none (part of identity) */
    Object *obj;        /* the field's OBJ_VAR (is_field), if the checker made one */
} Field;

typedef struct Method {   /* an interface method, or a named type's method */
    const char *name;
    Type *sig;          /* TY_FUNC, without the receiver */
    Object *obj;        /* OBJ_FUNC for declared methods; NULL for interface methods */
    bool ptr_recv;      /* declared with a pointer receiver */
    Pos pos;
} Method;

struct Type {
    TypeKind kind;
    union {
        struct { const char *name; } basic;            /* "int", "byte", "untyped int" ... */
        struct { int64_t len; Type *elem; } array;     /* len < 0 while unresolved */
        struct { Type *elem; } slice;
        struct { Type *elem; } pointer;
        struct { Type *key, *elem; } map;
        struct { int dir; Type *elem; } chan;           /* CHAN_BOTH / CHAN_SEND / CHAN_RECV */
        struct { Field *fields; int nfields; } strct;
        struct {
            Type **params; const char **pnames; int nparams;
            Type **results; const char **rnames; int nresults;
            bool variadic;   /* last param is ...T; its type is []T */
        } func;
        struct {
            Method *methods; int nmethods;   /* full method set, sorted by name, embeds flattened */
            Type **embeds; int nembeds;      /* as written, for printing */
            bool complete;
            Method *explicit; int nexplicit; /* declared in the literal, sorted, for printing */
        } iface;
        struct {
            Object *obj;        /* the OBJ_TYPE naming it */
            Type *underlying;   /* NULL while being resolved */
            Method *methods; int nmethods;  /* declared methods, in declaration order */
            const char *pkg;    /* NULL for main and the universe; "time", "strings" ... */
        } named;
        struct { Type **types; int n; } tuple;
    } u;
};

extern Type *types_basic[TY_BASIC_COUNT];
extern Type *types_byte, *types_rune;   /* aliases, printed by their own names */
extern Type *types_error;               /* the predeclared error interface (TY_NAMED) */
extern Type *types_any;                 /* interface{} */
extern Type *types_invalid;

void types_init(void);   /* creates the basic types, error, any; idempotent */

Type *type_new_array(Type *elem, int64_t len);
Type *type_new_slice(Type *elem);
Type *type_new_pointer(Type *elem);
Type *type_new_map(Type *key, Type *elem);
Type *type_new_chan(int dir, Type *elem);
Type *type_new_struct(Field *fields, int n);
Type *type_new_func(Type **params, const char **pnames, int np,
                    Type **results, const char **rnames, int nr, bool variadic);
Type *type_new_interface(Method *methods, int n, Type **embeds, int nembeds);
Type *type_new_named(Object *obj, Type *underlying);   /* underlying may be NULL (set later) */
Type *type_new_tuple(Type **types, int n);

Type *type_underlying(Type *t);      /* identity for non-named types */
bool type_is_named(Type *t);         /* TY_NAMED or a typed basic type (Go's "defined type") */
bool type_is_untyped(Type *t);
bool type_is_integer(Type *t);       /* on the underlying type; includes untyped int/rune */
bool type_is_unsigned(Type *t);
bool type_is_float(Type *t);
bool type_is_numeric(Type *t);
bool type_is_string(Type *t);
bool type_is_boolean(Type *t);
bool type_is_interface(Type *t);
bool type_is_ordered(Type *t);       /* < <= > >= */
bool type_is_comparable(Type *t);    /* == != (spec's comparability) */
bool type_has_nil(Type *t);          /* pointer, slice, map, chan, func, interface */
Type *type_default(Type *t);         /* untyped → default type (int, rune→int32, float64 ...) */

bool types_identical(Type *a, Type *b);
/* Spec's assignability of a value of type v (with constant value cv, or NULL)
   to type t. On failure *reason (may be NULL) gets gc's explanation line such as
   "T does not implement I (missing M method)" or NULL when there is none. */
bool type_assignable(Type *v, Type *t, const char **reason);
bool type_convertible(Type *from, Type *to);

/* gc's spelling for messages: "int", "[]string", "map[string]int", "*T",
   "func(int) (int, error)", "struct{a int}", "interface{M()}", "chan<- int".
   Types of package main are unqualified ("T"), others qualified ("time.Duration"). */
const char *type_string(Type *t);
/* The runtime's spelling for %T and panics: "main.T", "uint8" for byte,
   "interface {}", "struct { a int }", "func(int) (int, error)". */
const char *type_rtstring(Type *t);

/* Field and method lookup through embedding (spec "Selectors").
   Finds name in t (or in *t when t is a pointer). On success kind says what was
   found, obj is the field's OBJ_VAR (Field.obj) or the method's OBJ_FUNC (NULL for
   interface methods), path/pathlen the field indices walked (for a field including
   its own index; for a method the embedding path to its receiver), indirect whether
   a pointer was followed, type the field type or method signature. kind is
   SEL_NONE when not found; ambiguous is then set when two candidates at the same
   depth clash ("ambiguous selector"). Unexported names of other packages are never
   found. A method with ptr_recv && !indirect needs an addressable operand: the
   caller decides. */
typedef struct Selection {
    enum { SEL_NONE, SEL_FIELD, SEL_METHOD, SEL_IFACE_METHOD } kind;
    Type *type;         /* field type, or the method signature (no receiver) */
    Object *obj;
    int *path; int pathlen;
    bool indirect;
    bool ptr_recv;      /* SEL_METHOD: the method has a pointer receiver */
    bool ambiguous;
} Selection;
Selection type_lookup(Type *t, const char *name);

/* Does t implement interface iface? On failure *missing gets the missing method
   name and *wrong_ptr is set when it exists only with a pointer receiver. */
bool type_implements(Type *t, Type *iface, const char **missing, bool *wrong_ptr);
/* NULL when v implements the interface t; else gc's explanation line, e.g.
   "T does not implement I (missing M method)",
   "*T does not implement I (M method has pointer receiver)",
   "T does not implement I (wrong type for M method)\n\t\thave M() int\n\t\twant M() string",
   "T does not implement *I (type *I is pointer to interface, not interface)". */
const char *type_implements_reason(Type *v, Type *t);

/* Building named types and interfaces (the checker resolves in any order). */
/* Sets named's underlying; when u is itself named its underlying is used, so
   the invariant above holds. u must be resolved (or be types_invalid). */
void type_set_underlying(Type *named, Type *u);
/* Appends a declared method (m.sig without receiver). Returns NULL, or the
   already declared method of that name (nothing appended). */
Method *type_add_method(Type *named, Method m);
Method *type_named_method(Type *named, const char *name);   /* declared methods only */
/* type_new_interface takes the methods declared in the literal; it flattens the
   embedded interfaces' methods into u.iface.methods as soon as every embed is
   resolved. Call this after resolving embeds: returns false while some embed's
   underlying is still NULL. *dup (may be NULL) gets the name of a method that two
   sources declare with different signatures (gc: "duplicate method M"), else NULL.
   Every function here completes interfaces lazily too. */
bool type_complete_interface(Type *t, const char **dup);

/* ---------------- objects and scopes ---------------- */

typedef enum ObjKind {
    OBJ_BAD, OBJ_CONST, OBJ_TYPE, OBJ_VAR, OBJ_FUNC, OBJ_PKG, OBJ_BUILTIN, OBJ_NIL, OBJ_LABEL
} ObjKind;

typedef enum Builtin {
    BI_NONE, BI_APPEND, BI_CAP, BI_CLOSE, BI_COPY, BI_DELETE, BI_LEN, BI_MAKE,
    BI_NEW, BI_PANIC, BI_PRINT, BI_PRINTLN, BI_RECOVER,
    BI_COMPLEX, BI_REAL, BI_IMAG   /* declared so they report "not supported by mini" */
} Builtin;

struct Object {
    ObjKind kind;
    const char *name;
    Pos pos;            /* declaring identifier; {0,0} for predeclared */
    Type *type;
    ConstVal *cv;       /* OBJ_CONST */
    Node *decl;         /* declaring node (spec, funcdecl, field ...) */
    Scope *scope;       /* the scope it was declared in */
    const char *pkg;    /* NULL for main and universe, else the package path */
    Scope *pkgscope;    /* OBJ_PKG: the package's exported scope */
    Builtin builtin;    /* OBJ_BUILTIN */
    int color;          /* checker: 0 white, 1 grey (resolving), 2 black (for cycles) */
    bool used;
    bool is_global, is_param, is_result, is_field, is_method;
    bool addr_taken;    /* &x, or a method call with pointer receiver on x */
    bool captured;      /* referenced from a closure other than its declaring func */
    Node *func;         /* OBJ_VAR: the D_FUNC/E_FUNCLIT that declares it (NULL for globals) */
    void *aux;          /* free for later passes (escape analysis, compiler) */
};

typedef enum ScopeKind { SCOPE_UNIVERSE, SCOPE_PACKAGE, SCOPE_FILE, SCOPE_FUNC, SCOPE_BLOCK } ScopeKind;

struct Scope {
    ScopeKind kind;
    Scope *parent;
    Object **objs; int nobjs, cap;  /* in declaration order */
    Node *func;                      /* enclosing D_FUNC/E_FUNCLIT, NULL outside functions */
    Object **index; int indexcap;    /* scope.c's hash of objs once the scope grows; private */
};

Scope *scope_new(Scope *parent, ScopeKind kind);
Object *scope_lookup_local(Scope *s, const char *name);
Object *scope_lookup(Scope *s, const char *name);   /* walks parents */
/* Inserts obj; returns the existing object of that name (no insert) if any. */
Object *scope_insert(Scope *s, Object *obj);
Object *object_new(ObjKind kind, const char *name, Pos pos, Type *type);

extern Scope *universe;   /* bool int ... error any true false iota nil append ... */
void universe_init(void);

/* ---------------- constant values ---------------- */
/* Exact like go/constant (constant.c explains the representation): integers
   of any size, fractions num/den while both parts stay below 2^4096, and
   512-bit-mantissa binary floats beyond that. */

typedef enum CVKind { CV_BOOL, CV_STRING, CV_INT, CV_FLOAT } CVKind;
typedef struct Big Big;   /* bigint.h */

/* types2: an untyped integer constant wider than this many bits is a
   "constant ... overflow" (checked by the checker, with cv_bitlen). */
enum { CV_PREC = 512 };

struct ConstVal {
    CVKind kind;
    bool b;                       /* CV_BOOL */
    const char *s; size_t slen;   /* CV_STRING */
    const Big *i;                 /* CV_INT */
    /* CV_FLOAT: exactly num/den when den != NULL (den > 0, lowest terms),
       else num * 2^exp with |num| < 2^512. */
    const Big *num, *den;
    int64_t exp;
};

ConstVal *cv_bool(bool b);
ConstVal *cv_string(const char *s, size_t len);
ConstVal *cv_int(int64_t i);
ConstVal *cv_uint(uint64_t u);
ConstVal *cv_float(long double f);   /* its exact value */
/* From a literal's source text (E_INTLIT/E_FLOATLIT), exactly; NULL if
   malformed or, for floats, beyond big.Float's exponent range. */
ConstVal *cv_from_literal(const Node *lit);

/* op is a parser token code. x and y have been converted to a common kind by
   the caller (int+float → float). integer_div: true when both operands are
   integer-typed (untyped int / typed integer), making '/' truncate.
   Returns NULL and sets *err to gc's message on failure: "division by zero";
   "constant result is not representable" when a float leaves big.Float's
   exponent range; "constant addition overflow" ... past constant.c's
   internal integer limit, which checked operands never reach. Integer
   results are exact and may exceed CV_PREC bits: that is the caller's check
   (types2 overflow). */
ConstVal *cv_binary(int op, ConstVal *x, ConstVal *y, bool integer_div, const char **err);
ConstVal *cv_unary(int op, ConstVal *x, Type *t /* for ^ on unsigned */, const char **err);
ConstVal *cv_shift(int op, ConstVal *x, uint64_t s, const char **err);
bool cv_compare(int op, ConstVal *x, ConstVal *y);
ConstVal *cv_to_float(ConstVal *x);
/* x converted to an integer when it is integral (1.0 → 1), else NULL. */
ConstVal *cv_to_int(ConstVal *x);

/* Can x be represented in basic type t? If so returns the rounded value
   (float32/float64 rounding, int exactness). Otherwise returns NULL and sets
   *why to "overflows" or "truncated" (gc's words). */
ConstVal *cv_represent(ConstVal *x, Type *t, const char **why);
/* gc's spelling of a constant in messages: 300, 1.5, "hello", true, 'a' stays 97. */
const char *cv_format(ConstVal *x);
/* Go's strconv.Quote of s[0:len]: "a\tb", "\xff", "\u00ad"; printable UTF-8 kept. */
const char *cv_quote(const char *s, size_t len);
/* -1, 0 or +1 for a numeric x; 0 otherwise. */
int cv_sign(ConstVal *x);
/* Bit length of |x| for CV_INT (go/constant BitLen); 0 otherwise. */
int64_t cv_bitlen(ConstVal *x);
/* Integers wrap modulo 2^64; floats truncate toward zero and saturate. */
int64_t cv_int64(ConstVal *x);
uint64_t cv_uint64(ConstVal *x);
/* The nearest float64 (ties to even, gradual underflow, ±Inf past the range). */
double cv_float64(ConstVal *x);

#endif
