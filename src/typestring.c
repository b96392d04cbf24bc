/* typestring.c — how types are spelled: in compile errors (gc) and at run
 * time (%T, panics).
 *
 * Go: cmd/compile/internal/types2/typestring.go (typeWriter) for messages;
 * the runtime's spelling is the one reflect.Type.String returns, produced by
 * cmd/compile/internal/types/fmt.go for the type descriptors.
 *
 * The two spellings differ on purpose, and programs' output depends on it:
 *
 *   message (type_string)             runtime (type_rtstring)
 *   T, time.Duration                  main.T, time.Duration
 *   byte, rune, any                   uint8, int32, interface {}
 *   struct{a int; T}                  struct { a int; main.T }
 *   interface{M(); N(x int) string}   interface { M(); N(int) string }
 *   func(a int, s ...string) (n int)  func(int, ...string) int
 *
 * Messages print an interface literal as written: its own methods (sorted),
 * then its embedded types; the runtime prints the flattened method set, and
 * qualifies unexported method names ("main.m"). Only the universe's `any`
 * object prints as "any" in messages (types2 compares the pointer), so an
 * `interface{}` literal still prints as "interface{}".
 *
 * Invariants: the result is a fresh Boehm string; printing never recurses
 * through a named type, so recursive types print finitely.
 */
#include <stdio.h>
#include <string.h>
#include <gc.h>

#include "types.h"

typedef struct Buf {
    char *p;
    size_t len, cap;
} Buf;

static void put(Buf *b, const char *s)
{
    size_t n = strlen(s);
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = GC_MALLOC_ATOMIC(cap);
        if (b->len)
            memcpy(p, b->p, b->len);
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static const char *kind_name[TY_BASIC_COUNT] = {
    [TY_INVALID] = "invalid type",
    [TY_BOOL] = "bool",
    [TY_INT] = "int", [TY_INT8] = "int8", [TY_INT16] = "int16", [TY_INT32] = "int32", [TY_INT64] = "int64",
    [TY_UINT] = "uint", [TY_UINT8] = "uint8", [TY_UINT16] = "uint16", [TY_UINT32] = "uint32",
    [TY_UINT64] = "uint64", [TY_UINTPTR] = "uintptr",
    [TY_FLOAT32] = "float32", [TY_FLOAT64] = "float64",
    [TY_STRING] = "string",
    [TY_UNTYPED_BOOL] = "bool", [TY_UNTYPED_INT] = "int", [TY_UNTYPED_RUNE] = "int32",
    [TY_UNTYPED_FLOAT] = "float64", [TY_UNTYPED_STRING] = "string", [TY_UNTYPED_NIL] = "<nil>",
};

/* The name a package is referred to by: the last element of its path
   ("unicode/utf8" → "utf8"), as both gc and reflect print it. */
static const char *pkg_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static bool is_universe(Type *t)
{
    Object *obj = t->u.named.obj;
    return t == types_error || (obj != NULL && obj->scope != NULL && obj->scope->kind == SCOPE_UNIVERSE);
}

static void write_type(Buf *b, Type *t, bool rt);

static bool has_name(const char **names, int i)
{
    return names != NULL && names[i] != NULL && names[i][0] != '\0';
}

static void write_tuple(Buf *b, Type **types, const char **names, int n, bool variadic, bool rt)
{
    put(b, "(");
    for (int i = 0; i < n; i++) {
        if (i > 0)
            put(b, ", ");
        if (!rt && has_name(names, i)) {
            put(b, names[i]);
            put(b, " ");
        }
        Type *t = types[i];
        if (variadic && i == n - 1 && t != NULL && t->kind == TY_SLICE) {
            put(b, "...");
            t = t->u.slice.elem;
        }
        write_type(b, t, rt);
    }
    put(b, ")");
}

/* A signature without the "func" keyword: "(a int) (int, error)". */
static void write_signature(Buf *b, Type *sig, bool rt)
{
    write_tuple(b, sig->u.func.params, sig->u.func.pnames, sig->u.func.nparams, sig->u.func.variadic, rt);
    int nr = sig->u.func.nresults;
    if (nr == 0)
        return;
    put(b, " ");
    if (nr == 1 && (rt || !has_name(sig->u.func.rnames, 0))) {
        write_type(b, sig->u.func.results[0], rt);
        return;
    }
    write_tuple(b, sig->u.func.results, sig->u.func.rnames, nr, false, rt);
}

static void write_struct(Buf *b, Type *t, bool rt)
{
    int n = t->u.strct.nfields;
    if (rt)
        put(b, n == 0 ? "struct {" : "struct { ");
    else
        put(b, "struct{");
    for (int i = 0; i < n; i++) {
        Field *f = &t->u.strct.fields[i];
        if (i > 0)
            put(b, "; ");
        if (!f->embedded) {
            put(b, f->name);
            put(b, " ");
        }
        write_type(b, f->type, rt);
        if (f->tag != NULL && f->tag[0] != '\0') {
            put(b, " ");
            put(b, cv_quote(f->tag, strlen(f->tag)));
        }
    }
    put(b, rt && n > 0 ? " }" : "}");
}

static void write_method(Buf *b, Method *m, bool rt)
{
    if (rt && !(m->name[0] >= 'A' && m->name[0] <= 'Z'))
        put(b, "main.");
    put(b, m->name);
    write_signature(b, m->sig, rt);
}

static void write_interface(Buf *b, Type *t, bool rt)
{
    if (rt) {
        type_complete_interface(t, NULL);
        if (t->u.iface.nmethods == 0) {
            put(b, "interface {}");
            return;
        }
        put(b, "interface { ");
        for (int i = 0; i < t->u.iface.nmethods; i++) {
            if (i > 0)
                put(b, "; ");
            write_method(b, &t->u.iface.methods[i], rt);
        }
        put(b, " }");
        return;
    }
    if (t == types_any) {
        put(b, "any");
        return;
    }
    put(b, "interface{");
    bool first = true;
    for (int i = 0; i < t->u.iface.nexplicit; i++) {
        if (!first)
            put(b, "; ");
        first = false;
        write_method(b, &t->u.iface.explicit[i], rt);
    }
    for (int i = 0; i < t->u.iface.nembeds; i++) {
        if (!first)
            put(b, "; ");
        first = false;
        write_type(b, t->u.iface.embeds[i], rt);
    }
    put(b, "}");
}

static void write_type(Buf *b, Type *t, bool rt)
{
    if (t == NULL) {
        put(b, "invalid type");
        return;
    }
    switch (t->kind) {
    case TY_ARRAY: {
        char num[32];
        snprintf(num, sizeof num, "[%lld]", (long long)t->u.array.len);
        put(b, num);
        write_type(b, t->u.array.elem, rt);
        break;
    }
    case TY_SLICE:
        put(b, "[]");
        write_type(b, t->u.slice.elem, rt);
        break;
    case TY_POINTER:
        put(b, "*");
        write_type(b, t->u.pointer.elem, rt);
        break;
    case TY_MAP:
        put(b, "map[");
        write_type(b, t->u.map.key, rt);
        put(b, "]");
        write_type(b, t->u.map.elem, rt);
        break;
    case TY_CHAN: {
        Type *e = t->u.chan.elem;
        /* chan (<-chan T): without parentheses it would read as chan<- (chan T). */
        bool parens = t->u.chan.dir == CHAN_BOTH && e != NULL && e->kind == TY_CHAN && e->u.chan.dir == CHAN_RECV;
        put(b, t->u.chan.dir == CHAN_SEND ? "chan<- " : t->u.chan.dir == CHAN_RECV ? "<-chan " : "chan ");
        if (parens)
            put(b, "(");
        write_type(b, e, rt);
        if (parens)
            put(b, ")");
        break;
    }
    case TY_STRUCT:
        write_struct(b, t, rt);
        break;
    case TY_FUNC:
        put(b, "func");
        write_signature(b, t, rt);
        break;
    case TY_INTERFACE:
        write_interface(b, t, rt);
        break;
    case TY_NAMED: {
        Object *obj = t->u.named.obj;
        if (t->u.named.pkg != NULL) {
            put(b, pkg_name(t->u.named.pkg));
            put(b, ".");
        } else if (rt && !is_universe(t)) {
            put(b, "main.");
        }
        put(b, obj != NULL ? obj->name : "?");
        break;
    }
    case TY_TUPLE:
        write_tuple(b, t->u.tuple.types, NULL, t->u.tuple.n, false, rt);
        break;
    default:
        if (t->kind < TY_BASIC_COUNT) {
            if (rt)
                put(b, kind_name[t->kind]);
            else
                put(b, t->u.basic.name != NULL ? t->u.basic.name : kind_name[t->kind]);
        } else {
            put(b, "invalid type");
        }
        break;
    }
}

const char *type_string(Type *t)
{
    Buf b = {0};
    write_type(&b, t, false);
    return b.p;
}

const char *type_rtstring(Type *t)
{
    Buf b = {0};
    write_type(&b, t, true);
    return b.p;
}
