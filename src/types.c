/* types.c — constructing Go types; predicates, identity, assignability and
 * convertibility.
 *
 * Go: cmd/compile/internal/types2 type constructors (NewSlice, NewNamed ...),
 * predicates.go (Identical, hasName, Comparable, Default), operand.go
 * (assignableTo) and conversions.go (convertibleTo). The spelling of types is
 * in typestring.c; selectors and method sets in lookup.c.
 *
 * Invariants:
 *  - Every Type is Boehm-allocated, zeroed, and never freed or mutated after
 *    the checker has finished resolving it (named types get their underlying
 *    type and methods late; interfaces get their flattened method set late).
 *  - An interface's explicit and full method lists are sorted by method_less:
 *    exported names first, then by name (types2's object.less), so identity
 *    compares them pairwise and printing is deterministic.
 *  - A complete interface's full method set holds each name once: embedding the
 *    same method twice with identical signatures is allowed (Go 1.14+).
 *
 * Untyped values: type_assignable decides the *kind* question (an untyped
 * numeric value may go to any numeric type, an untyped string to a string
 * type ...); whether a constant's value is representable in the target is the
 * caller's question, answered by cv_represent (constant.c).
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <gc.h>

#include "types.h"

Type *types_basic[TY_BASIC_COUNT];
Type *types_byte, *types_rune;
Type *types_error;
Type *types_any;
Type *types_invalid;

static Type *new_type(TypeKind kind)
{
    Type *t = GC_MALLOC(sizeof *t);
    t->kind = kind;
    return t;
}

/* ------------------------------------------------------------------ */
/* Constructors                                                        */
/* ------------------------------------------------------------------ */

Type *type_new_array(Type *elem, int64_t len)
{
    Type *t = new_type(TY_ARRAY);
    t->u.array.elem = elem;
    t->u.array.len = len;
    return t;
}

Type *type_new_slice(Type *elem)
{
    Type *t = new_type(TY_SLICE);
    t->u.slice.elem = elem;
    return t;
}

Type *type_new_pointer(Type *elem)
{
    Type *t = new_type(TY_POINTER);
    t->u.pointer.elem = elem;
    return t;
}

Type *type_new_map(Type *key, Type *elem)
{
    Type *t = new_type(TY_MAP);
    t->u.map.key = key;
    t->u.map.elem = elem;
    return t;
}

Type *type_new_chan(int dir, Type *elem)
{
    Type *t = new_type(TY_CHAN);
    t->u.chan.dir = dir;
    t->u.chan.elem = elem;
    return t;
}

Type *type_new_struct(Field *fields, int n)
{
    Type *t = new_type(TY_STRUCT);
    if (n > 0) {
        t->u.strct.fields = GC_MALLOC(sizeof(Field) * (size_t)n);
        memcpy(t->u.strct.fields, fields, sizeof(Field) * (size_t)n);
    }
    t->u.strct.nfields = n;
    return t;
}

static void *copy_array(const void *src, size_t elemsize, int n)
{
    if (n <= 0 || src == NULL)
        return NULL;
    void *p = GC_MALLOC(elemsize * (size_t)n);
    memcpy(p, src, elemsize * (size_t)n);
    return p;
}

Type *type_new_func(Type **params, const char **pnames, int np,
                    Type **results, const char **rnames, int nr, bool variadic)
{
    Type *t = new_type(TY_FUNC);
    t->u.func.params = copy_array(params, sizeof(Type *), np);
    t->u.func.pnames = copy_array(pnames, sizeof(char *), np);
    t->u.func.nparams = np;
    t->u.func.results = copy_array(results, sizeof(Type *), nr);
    t->u.func.rnames = copy_array(rnames, sizeof(char *), nr);
    t->u.func.nresults = nr;
    t->u.func.variadic = variadic;
    return t;
}

static bool is_exported(const char *name)
{
    return name[0] >= 'A' && name[0] <= 'Z';
}

/* types2 object.less: exported before unexported, then by name. */
static int method_less(const void *a, const void *b)
{
    const Method *x = a, *y = b;
    bool ex = is_exported(x->name), ey = is_exported(y->name);
    if (ex != ey)
        return ex ? -1 : 1;
    return strcmp(x->name, y->name);
}

Type *type_new_interface(Method *methods, int n, Type **embeds, int nembeds)
{
    Type *t = new_type(TY_INTERFACE);
    t->u.iface.explicit = copy_array(methods, sizeof(Method), n);
    t->u.iface.nexplicit = n;
    if (n > 1)
        qsort(t->u.iface.explicit, (size_t)n, sizeof(Method), method_less);
    t->u.iface.embeds = copy_array(embeds, sizeof(Type *), nembeds);
    t->u.iface.nembeds = nembeds;
    type_complete_interface(t, NULL);
    return t;
}

Type *type_new_named(Object *obj, Type *underlying)
{
    Type *t = new_type(TY_NAMED);
    t->u.named.obj = obj;
    if (obj != NULL)
        t->u.named.pkg = obj->pkg;
    if (underlying != NULL)
        type_set_underlying(t, underlying);
    return t;
}

Type *type_new_tuple(Type **types, int n)
{
    Type *t = new_type(TY_TUPLE);
    t->u.tuple.types = copy_array(types, sizeof(Type *), n);
    t->u.tuple.n = n;
    return t;
}

void type_set_underlying(Type *named, Type *u)
{
    if (u != NULL && u->kind == TY_NAMED)
        u = u->u.named.underlying != NULL ? u->u.named.underlying : types_invalid;
    assert(u == NULL || u->kind != TY_NAMED);
    named->u.named.underlying = u;
}

Method *type_named_method(Type *named, const char *name)
{
    if (named == NULL || named->kind != TY_NAMED)
        return NULL;
    for (int i = 0; i < named->u.named.nmethods; i++)
        if (strcmp(named->u.named.methods[i].name, name) == 0)
            return &named->u.named.methods[i];
    return NULL;
}

Method *type_add_method(Type *named, Method m)
{
    Method *old = type_named_method(named, m.name);
    if (old != NULL)
        return old;
    int n = named->u.named.nmethods;
    Method *ms = GC_MALLOC(sizeof(Method) * (size_t)(n + 1));
    if (n > 0)
        memcpy(ms, named->u.named.methods, sizeof(Method) * (size_t)n);
    ms[n] = m;
    named->u.named.methods = ms;
    named->u.named.nmethods = n + 1;
    return NULL;
}

/* Depth guard for `type I interface{ J }; type J interface{ I }`: the checker
   reports such cycles; here they must only not recurse forever. */
static int completing;

bool type_complete_interface(Type *t, const char **dup)
{
    if (dup != NULL)
        *dup = NULL;
    if (t == NULL || t->kind != TY_INTERFACE)
        return false;
    if (t->u.iface.complete)
        return true;
    if (completing > 64)
        return false;

    int total = t->u.iface.nexplicit;
    for (int i = 0; i < t->u.iface.nembeds; i++) {
        Type *e = t->u.iface.embeds[i];
        if (e == NULL || (e->kind == TY_NAMED && e->u.named.underlying == NULL))
            return false;
        Type *eu = type_underlying(e);
        if (eu->kind != TY_INTERFACE)
            continue;   /* not an interface: the checker reports it */
        completing++;
        bool ok = type_complete_interface(eu, NULL);
        completing--;
        if (!ok)
            return false;
        total += eu->u.iface.nmethods;
    }

    Method *all = total > 0 ? GC_MALLOC(sizeof(Method) * (size_t)total) : NULL;
    int n = 0;
    for (int i = 0; i < t->u.iface.nexplicit; i++)
        all[n++] = t->u.iface.explicit[i];
    for (int i = 0; i < t->u.iface.nembeds; i++) {
        Type *eu = type_underlying(t->u.iface.embeds[i]);
        if (eu->kind != TY_INTERFACE)
            continue;
        for (int j = 0; j < eu->u.iface.nmethods; j++)
            all[n++] = eu->u.iface.methods[j];
    }
    if (n > 1)
        qsort(all, (size_t)n, sizeof(Method), method_less);

    /* Equal names are now adjacent; keep the first of each. */
    int k = 0;
    for (int i = 0; i < n; i++) {
        if (k > 0 && strcmp(all[k - 1].name, all[i].name) == 0) {
            if (!types_identical(all[k - 1].sig, all[i].sig) && dup != NULL && *dup == NULL)
                *dup = all[i].name;
            continue;
        }
        all[k++] = all[i];
    }
    for (int i = 1; i < k; i++)
        assert(method_less(&all[i - 1], &all[i]) < 0);
    t->u.iface.methods = all;
    t->u.iface.nmethods = k;
    t->u.iface.complete = true;
    return true;
}

/* ------------------------------------------------------------------ */
/* Predicates                                                          */
/* ------------------------------------------------------------------ */

Type *type_underlying(Type *t)
{
    if (t == NULL)
        return types_invalid;
    if (t->kind == TY_NAMED)
        return t->u.named.underlying != NULL ? t->u.named.underlying : types_invalid;
    return t;
}

static TypeKind ukind(Type *t)
{
    return type_underlying(t)->kind;
}

bool type_is_named(Type *t)
{
    return t != NULL && (t->kind == TY_NAMED || (t->kind >= TY_BOOL && t->kind <= TY_STRING));
}

bool type_is_untyped(Type *t)
{
    return t != NULL && t->kind >= TY_UNTYPED_BOOL && t->kind <= TY_UNTYPED_NIL;
}

bool type_is_integer(Type *t)
{
    TypeKind k = ukind(t);
    return (k >= TY_INT && k <= TY_UINTPTR) || k == TY_UNTYPED_INT || k == TY_UNTYPED_RUNE;
}

bool type_is_unsigned(Type *t)
{
    TypeKind k = ukind(t);
    return k >= TY_UINT && k <= TY_UINTPTR;
}

bool type_is_float(Type *t)
{
    TypeKind k = ukind(t);
    return k == TY_FLOAT32 || k == TY_FLOAT64 || k == TY_UNTYPED_FLOAT;
}

bool type_is_numeric(Type *t)
{
    return type_is_integer(t) || type_is_float(t);
}

bool type_is_string(Type *t)
{
    TypeKind k = ukind(t);
    return k == TY_STRING || k == TY_UNTYPED_STRING;
}

bool type_is_boolean(Type *t)
{
    TypeKind k = ukind(t);
    return k == TY_BOOL || k == TY_UNTYPED_BOOL;
}

bool type_is_interface(Type *t)
{
    return ukind(t) == TY_INTERFACE;
}

bool type_is_ordered(Type *t)
{
    return type_is_integer(t) || type_is_float(t) || type_is_string(t);
}

bool type_is_comparable(Type *t)
{
    Type *u = type_underlying(t);
    switch (u->kind) {
    case TY_INVALID:
    case TY_UNTYPED_NIL:
    case TY_SLICE:
    case TY_MAP:
    case TY_FUNC:
    case TY_TUPLE:
        return false;
    case TY_STRUCT:
        for (int i = 0; i < u->u.strct.nfields; i++)
            if (!type_is_comparable(u->u.strct.fields[i].type))
                return false;
        return true;
    case TY_ARRAY:
        return type_is_comparable(u->u.array.elem);
    default:
        return true;   /* basic, pointer, chan, interface */
    }
}

bool type_has_nil(Type *t)
{
    switch (ukind(t)) {
    case TY_POINTER: case TY_SLICE: case TY_MAP: case TY_CHAN: case TY_FUNC: case TY_INTERFACE:
        return true;
    default:
        return false;
    }
}

Type *type_default(Type *t)
{
    if (t == NULL)
        return t;
    switch (t->kind) {
    case TY_UNTYPED_BOOL:   return types_basic[TY_BOOL];
    case TY_UNTYPED_INT:    return types_basic[TY_INT];
    case TY_UNTYPED_RUNE:   return types_rune;    /* prints as "rune", like types2 */
    case TY_UNTYPED_FLOAT:  return types_basic[TY_FLOAT64];
    case TY_UNTYPED_STRING: return types_basic[TY_STRING];
    default:                return t;
    }
}

/* ------------------------------------------------------------------ */
/* Identity (spec "Type identity")                                     */
/* ------------------------------------------------------------------ */

static bool same_name(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        return (a == NULL || a[0] == '\0') && (b == NULL || b[0] == '\0');
    return strcmp(a, b) == 0;
}

static bool identical(Type *a, Type *b, bool cmptags)
{
    if (a == b)
        return true;
    if (a == NULL || b == NULL)
        return false;
    if (a->kind < TY_BASIC_COUNT && b->kind < TY_BASIC_COUNT)
        return a->kind == b->kind;   /* byte == uint8, rune == int32 */
    if (a->kind != b->kind)
        return false;

    switch (a->kind) {
    case TY_ARRAY:
        return a->u.array.len == b->u.array.len && identical(a->u.array.elem, b->u.array.elem, cmptags);
    case TY_SLICE:
        return identical(a->u.slice.elem, b->u.slice.elem, cmptags);
    case TY_POINTER:
        return identical(a->u.pointer.elem, b->u.pointer.elem, cmptags);
    case TY_MAP:
        return identical(a->u.map.key, b->u.map.key, cmptags) &&
               identical(a->u.map.elem, b->u.map.elem, cmptags);
    case TY_CHAN:
        return a->u.chan.dir == b->u.chan.dir && identical(a->u.chan.elem, b->u.chan.elem, cmptags);
    case TY_STRUCT:
        if (a->u.strct.nfields != b->u.strct.nfields)
            return false;
        for (int i = 0; i < a->u.strct.nfields; i++) {
            Field *f = &a->u.strct.fields[i], *g = &b->u.strct.fields[i];
            if (f->embedded != g->embedded || !same_name(f->name, g->name))
                return false;
            if (cmptags && !same_name(f->tag, g->tag))
                return false;
            if (!identical(f->type, g->type, cmptags))
                return false;
        }
        return true;
    case TY_FUNC:
        /* Parameter and result names are not part of a signature's identity. */
        if (a->u.func.nparams != b->u.func.nparams || a->u.func.nresults != b->u.func.nresults ||
            a->u.func.variadic != b->u.func.variadic)
            return false;
        for (int i = 0; i < a->u.func.nparams; i++)
            if (!identical(a->u.func.params[i], b->u.func.params[i], cmptags))
                return false;
        for (int i = 0; i < a->u.func.nresults; i++)
            if (!identical(a->u.func.results[i], b->u.func.results[i], cmptags))
                return false;
        return true;
    case TY_INTERFACE:
        type_complete_interface(a, NULL);
        type_complete_interface(b, NULL);
        if (a->u.iface.nmethods != b->u.iface.nmethods)
            return false;
        for (int i = 0; i < a->u.iface.nmethods; i++) {
            Method *m = &a->u.iface.methods[i], *n = &b->u.iface.methods[i];
            if (strcmp(m->name, n->name) != 0 || !identical(m->sig, n->sig, cmptags))
                return false;
        }
        return true;
    case TY_NAMED:
        /* A defined type is identical only to itself (one object, one type). */
        return a->u.named.obj != NULL && a->u.named.obj == b->u.named.obj;
    case TY_TUPLE:
        if (a->u.tuple.n != b->u.tuple.n)
            return false;
        for (int i = 0; i < a->u.tuple.n; i++)
            if (!identical(a->u.tuple.types[i], b->u.tuple.types[i], cmptags))
                return false;
        return true;
    default:
        return false;
    }
}

bool types_identical(Type *a, Type *b)
{
    return identical(a, b, true);
}

/* ------------------------------------------------------------------ */
/* Assignability (spec "Assignability", types2 operand.assignableTo)    */
/* ------------------------------------------------------------------ */

static bool is_interface_ptr(Type *t)
{
    Type *u = type_underlying(t);
    return u->kind == TY_POINTER && type_is_interface(u->u.pointer.elem);
}

/* An untyped value of type v to t, ignoring representability of constants. */
static bool untyped_assignable(Type *v, Type *t, const char **reason)
{
    Type *tu = type_underlying(t);
    if (v->kind == TY_UNTYPED_NIL)
        return type_has_nil(t);
    if (tu->kind == TY_INTERFACE) {
        /* spec: the constant is first converted to its default type. */
        const char *why = type_implements_reason(type_default(v), t);
        if (why != NULL && reason != NULL)
            *reason = why;
        return why == NULL;
    }
    switch (v->kind) {
    case TY_UNTYPED_BOOL:
        return tu->kind == TY_BOOL || tu->kind == TY_UNTYPED_BOOL;
    case TY_UNTYPED_INT:
    case TY_UNTYPED_RUNE:
    case TY_UNTYPED_FLOAT:
        return type_is_numeric(tu);
    case TY_UNTYPED_STRING:
        return tu->kind == TY_STRING || tu->kind == TY_UNTYPED_STRING;
    default:
        return false;
    }
}

bool type_assignable(Type *v, Type *t, const char **reason)
{
    if (reason != NULL)
        *reason = NULL;
    /* Invalid operands were reported already: accept to avoid cascades. */
    if (v == NULL || t == NULL || v->kind == TY_INVALID || t->kind == TY_INVALID)
        return true;
    if (types_identical(v, t))
        return true;
    if (type_is_untyped(v))
        return untyped_assignable(v, t, reason);

    Type *vu = type_underlying(v), *tu = type_underlying(t);
    if (types_identical(vu, tu) && (!type_is_named(v) || !type_is_named(t)))
        return true;

    if (tu->kind == TY_INTERFACE || is_interface_ptr(tu)) {
        const char *why = type_implements_reason(v, t);
        if (why != NULL && reason != NULL)
            *reason = why;
        return why == NULL;
    }

    if (vu->kind == TY_INTERFACE && type_implements_reason(t, v) == NULL) {
        if (reason != NULL)
            *reason = "need type assertion";
        return false;
    }

    if (vu->kind == TY_CHAN && vu->u.chan.dir == CHAN_BOTH && tu->kind == TY_CHAN &&
        types_identical(vu->u.chan.elem, tu->u.chan.elem))
        return !type_is_named(v) || !type_is_named(t);

    return false;
}

/* ------------------------------------------------------------------ */
/* Conversions (spec "Conversions", types2 convertibleTo)              */
/* ------------------------------------------------------------------ */

/* []byte or []rune up to names: the slice's element has underlying uint8/int32. */
static bool is_bytes_or_runes(Type *t)
{
    Type *u = type_underlying(t);
    if (u->kind != TY_SLICE)
        return false;
    TypeKind k = ukind(u->u.slice.elem);
    return k == TY_UINT8 || k == TY_INT32;
}

bool type_convertible(Type *from, Type *to)
{
    if (type_assignable(from, to, NULL))
        return true;
    Type *vu = type_underlying(from), *tu = type_underlying(to);

    if (type_is_untyped(from)) {
        /* Constant conversions; representability is checked by the caller. */
        switch (from->kind) {
        case TY_UNTYPED_BOOL:   return type_is_boolean(tu);
        case TY_UNTYPED_INT:
        case TY_UNTYPED_RUNE:   return type_is_numeric(tu) || type_is_string(tu);
        case TY_UNTYPED_FLOAT:  return type_is_numeric(tu);
        case TY_UNTYPED_STRING: return type_is_string(tu) || is_bytes_or_runes(tu);
        default:                return false;
        }
    }

    /* Struct tags are ignored when converting. */
    if (identical(vu, tu, false))
        return true;
    if (from->kind == TY_POINTER && to->kind == TY_POINTER &&
        identical(type_underlying(from->u.pointer.elem), type_underlying(to->u.pointer.elem), false))
        return true;
    if (type_is_numeric(vu) && type_is_numeric(tu))
        return true;
    if ((type_is_integer(vu) || is_bytes_or_runes(vu)) && type_is_string(tu))
        return true;
    if (type_is_string(vu) && is_bytes_or_runes(tu))
        return true;
    /* Go 1.17: slice to array pointer. */
    if (vu->kind == TY_SLICE && tu->kind == TY_POINTER) {
        Type *a = type_underlying(tu->u.pointer.elem);
        if (a->kind == TY_ARRAY && types_identical(vu->u.slice.elem, a->u.array.elem))
            return true;
    }
    return false;
}
