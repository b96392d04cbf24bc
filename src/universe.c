/* universe.c — the predeclared types, constants, nil and builtins.
 *
 * Go: cmd/compile/internal/types2/universe.go (Typ, universe, defPredeclared*),
 * spec "Predeclared identifiers".
 *
 * Invariants:
 *  - types_basic[k] is the one Type of basic kind k; byte and rune are two
 *    more Type objects of kinds TY_UINT8 / TY_INT32 that differ only in the
 *    name they print with.
 *  - error is a named type whose underlying is interface{ Error() string };
 *    any is the interface{} Type object itself (an alias: typestring.c prints
 *    this very pointer as "any").
 *  - universe_init runs types_init first; both are idempotent.
 */
#include <gc.h>

#include "types.h"

Scope *universe;

static const char *basic_names[TY_BASIC_COUNT] = {
    [TY_INVALID] = "invalid type",
    [TY_BOOL] = "bool",
    [TY_INT] = "int", [TY_INT8] = "int8", [TY_INT16] = "int16", [TY_INT32] = "int32", [TY_INT64] = "int64",
    [TY_UINT] = "uint", [TY_UINT8] = "uint8", [TY_UINT16] = "uint16", [TY_UINT32] = "uint32",
    [TY_UINT64] = "uint64", [TY_UINTPTR] = "uintptr",
    [TY_FLOAT32] = "float32", [TY_FLOAT64] = "float64",
    [TY_STRING] = "string",
    [TY_UNTYPED_BOOL] = "untyped bool", [TY_UNTYPED_INT] = "untyped int",
    [TY_UNTYPED_RUNE] = "untyped rune", [TY_UNTYPED_FLOAT] = "untyped float",
    [TY_UNTYPED_STRING] = "untyped string", [TY_UNTYPED_NIL] = "untyped nil",
};

static Type *new_basic(TypeKind kind, const char *name)
{
    Type *t = GC_MALLOC(sizeof *t);
    t->kind = kind;
    t->u.basic.name = name;
    return t;
}

static const Pos nopos = {0, 0};

void types_init(void)
{
    if (types_invalid != NULL)
        return;
    for (int k = 0; k < TY_BASIC_COUNT; k++)
        types_basic[k] = new_basic((TypeKind)k, basic_names[k]);
    types_invalid = types_basic[TY_INVALID];
    types_byte = new_basic(TY_UINT8, "byte");
    types_rune = new_basic(TY_INT32, "rune");
    types_any = type_new_interface(NULL, 0, NULL, 0);

    /* type error interface { Error() string } */
    Type *str = types_basic[TY_STRING];
    Method m = {0};
    m.name = "Error";
    m.sig = type_new_func(NULL, NULL, 0, &str, NULL, 1, false);
    Object *obj = object_new(OBJ_TYPE, "error", nopos, NULL);
    types_error = type_new_named(obj, type_new_interface(&m, 1, NULL, 0));
    obj->type = types_error;
}

static void def(Object *obj)
{
    scope_insert(universe, obj);
}

void universe_init(void)
{
    if (universe != NULL)
        return;
    types_init();
    universe = scope_new(NULL, SCOPE_UNIVERSE);

    for (int k = TY_BOOL; k <= TY_STRING; k++)
        def(object_new(OBJ_TYPE, basic_names[k], nopos, types_basic[k]));
    def(object_new(OBJ_TYPE, "byte", nopos, types_byte));
    def(object_new(OBJ_TYPE, "rune", nopos, types_rune));
    def(object_new(OBJ_TYPE, "any", nopos, types_any));
    def(types_error->u.named.obj);

    Object *t = object_new(OBJ_CONST, "true", nopos, types_basic[TY_UNTYPED_BOOL]);
    t->cv = cv_bool(true);
    def(t);
    Object *f = object_new(OBJ_CONST, "false", nopos, types_basic[TY_UNTYPED_BOOL]);
    f->cv = cv_bool(false);
    def(f);
    /* iota's value depends on the spec it is used in: the checker substitutes it. */
    Object *iota = object_new(OBJ_CONST, "iota", nopos, types_basic[TY_UNTYPED_INT]);
    iota->cv = cv_int(0);
    def(iota);
    def(object_new(OBJ_NIL, "nil", nopos, types_basic[TY_UNTYPED_NIL]));

    static const struct { const char *name; Builtin id; } builtins[] = {
        {"append", BI_APPEND}, {"cap", BI_CAP}, {"close", BI_CLOSE}, {"complex", BI_COMPLEX},
        {"copy", BI_COPY}, {"delete", BI_DELETE}, {"imag", BI_IMAG}, {"len", BI_LEN},
        {"make", BI_MAKE}, {"new", BI_NEW}, {"panic", BI_PANIC}, {"print", BI_PRINT},
        {"println", BI_PRINTLN}, {"real", BI_REAL}, {"recover", BI_RECOVER},
    };
    for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++) {
        Object *b = object_new(OBJ_BUILTIN, builtins[i].name, nopos, types_invalid);
        b->builtin = builtins[i].id;
        def(b);
    }
}
