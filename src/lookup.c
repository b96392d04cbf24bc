/* lookup.c — selectors through embedding, method sets, and interface
 * satisfaction.
 *
 * Go: cmd/compile/internal/types2/lookup.go (LookupFieldOrMethod,
 * lookupFieldOrMethod, consolidateMultiples, missingMethod,
 * missingMethodReason) and instantiate.go (implements).
 *
 * How a selector x.f is found (spec "Selectors"): search breadth-first by
 * embedding depth. At each depth look at every type reached: a named type's
 * declared methods, then its underlying struct's fields (collecting embedded
 * fields, T or *T, for the next depth) or its interface's methods. The
 * shallowest depth with a match wins; two matches at that depth, or one match
 * reached through a type embedded twice at the same depth, make the selector
 * ambiguous. A named type is searched once (embedding cycles through pointers
 * terminate).
 *
 * Method sets: the lookup reports a method with a pointer receiver together
 * with whether a pointer was followed to reach it (indirect); the caller
 * decides whether the operand is addressable. For interface satisfaction no
 * operand is addressable: a value T has M only if M has a value receiver or M
 * is promoted through an embedded *E.
 *
 * Invariants: lookups come from package main, so an unexported name declared
 * in another package (strings.Builder's buf) is never found; selection paths
 * are fresh Boehm arrays.
 */
#include <string.h>
#include <gc.h>

#include "types.h"

typedef struct Embedded {
    Type *typ;          /* never an unnamed pointer: deref'd on collection */
    int *index; int len;
    bool indirect;      /* a pointer was followed to get here */
    bool multiples;     /* typ was reached more than once at this depth */
    const char *pkg;    /* package whose unexported names are visible here */
} Embedded;

typedef struct EmbeddedList {
    Embedded *items;
    int len, cap;
} EmbeddedList;

static void push(EmbeddedList *l, Embedded e)
{
    if (l->len == l->cap) {
        int cap = l->cap ? l->cap * 2 : 8;
        Embedded *items = GC_MALLOC(sizeof(Embedded) * (size_t)cap);
        if (l->len)
            memcpy(items, l->items, sizeof(Embedded) * (size_t)l->len);
        l->items = items;
        l->cap = cap;
    }
    l->items[l->len++] = e;
}

static int *concat(const int *index, int len, int i)
{
    int *p = GC_MALLOC_ATOMIC(sizeof(int) * (size_t)(len + 1));
    if (len)
        memcpy(p, index, sizeof(int) * (size_t)len);
    p[len] = i;
    return p;
}

static bool is_exported(const char *name)
{
    return name[0] >= 'A' && name[0] <= 'Z';
}

static bool visible(const char *name, const char *pkg)
{
    return pkg == NULL || is_exported(name);
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool name_match(const char *a, const char *b, bool fold)
{
    if (!fold)
        return strcmp(a, b) == 0;
    for (; *a && *b; a++, b++)
        if (lower(*a) != lower(*b))
            return false;
    return *a == *b;
}

static Method *iface_method(Type *iu, const char *name, bool fold)
{
    type_complete_interface(iu, NULL);
    for (int i = 0; i < iu->u.iface.nmethods; i++)
        if (name_match(iu->u.iface.methods[i].name, name, fold))
            return &iu->u.iface.methods[i];
    return NULL;
}

static Selection ambiguous(void)
{
    Selection s = {0};
    s.kind = SEL_NONE;
    s.ambiguous = true;
    return s;
}

/* types2 consolidateMultiples: one entry per distinct type, flagged when the
   type was reached along more than one path. */
static EmbeddedList consolidate(EmbeddedList next)
{
    EmbeddedList out = {0};
    for (int i = 0; i < next.len; i++) {
        int j;
        for (j = 0; j < out.len; j++)
            if (types_identical(out.items[j].typ, next.items[i].typ))
                break;
        if (j < out.len)
            out.items[j].multiples = true;
        else
            push(&out, next.items[i]);
    }
    return out;
}

static Selection lookup(Type *T, const char *name, bool fold, const char **matched)
{
    Selection sel = {0};
    sel.kind = SEL_NONE;
    if (T == NULL || name == NULL)
        return sel;

    Type *typ = T;
    bool isptr = false;
    if (T->kind == TY_POINTER) {
        typ = T->u.pointer.elem;
        isptr = true;
        if (type_is_interface(typ))
            return sel;   /* *I has no methods */
    }

    EmbeddedList current = {0};
    push(&current, (Embedded){typ, NULL, 0, isptr, false, NULL});
    Type **seen = NULL;
    int nseen = 0, capseen = 0;

    while (current.len > 0) {
        EmbeddedList next = {0};
        bool found = false;
        for (int ei = 0; ei < current.len; ei++) {
            Embedded *e = &current.items[ei];
            Type *t = e->typ;
            const char *pkg = e->pkg;
            if (t == NULL)
                continue;
            if (t->kind == TY_NAMED) {
                bool dup = false;
                for (int k = 0; k < nseen; k++)
                    if (seen[k] == t)
                        dup = true;
                if (dup)
                    continue;
                if (nseen == capseen) {
                    capseen = capseen ? capseen * 2 : 8;
                    Type **s = GC_MALLOC(sizeof(Type *) * (size_t)capseen);
                    if (nseen)
                        memcpy(s, seen, sizeof(Type *) * (size_t)nseen);
                    seen = s;
                }
                seen[nseen++] = t;
                pkg = t->u.named.pkg;

                Method *m = NULL;
                for (int k = 0; k < t->u.named.nmethods && m == NULL; k++) {
                    Method *c = &t->u.named.methods[k];
                    if (name_match(c->name, name, fold) && visible(c->name, pkg))
                        m = c;
                }
                if (m != NULL) {
                    if (found || e->multiples)
                        return ambiguous();
                    found = true;
                    *matched = m->name;
                    sel.kind = SEL_METHOD;
                    sel.type = m->sig;
                    sel.obj = m->obj;
                    sel.path = e->index;
                    sel.pathlen = e->len;
                    sel.indirect = e->indirect;
                    sel.ptr_recv = m->ptr_recv;
                    continue;   /* a named type's methods and fields never share a name */
                }
            }

            Type *u = type_underlying(t);
            if (u->kind == TY_STRUCT) {
                for (int i = 0; i < u->u.strct.nfields; i++) {
                    Field *f = &u->u.strct.fields[i];
                    if (f->name != NULL && name_match(f->name, name, fold) && visible(f->name, pkg)) {
                        if (found || e->multiples)
                            return ambiguous();
                        found = true;
                        *matched = f->name;
                        sel.kind = SEL_FIELD;
                        sel.type = f->type;
                        sel.obj = f->obj;
                        sel.path = concat(e->index, e->len, i);
                        sel.pathlen = e->len + 1;
                        sel.indirect = e->indirect;
                        sel.ptr_recv = false;
                        continue;
                    }
                    /* Deeper levels matter only until this depth has a match. */
                    if (!found && f->embedded && f->type != NULL) {
                        Type *ft = f->type;
                        bool p = false;
                        if (ft->kind == TY_POINTER) {
                            ft = ft->u.pointer.elem;
                            p = true;
                        }
                        push(&next, (Embedded){ft, concat(e->index, e->len, i), e->len + 1,
                                               e->indirect || p, e->multiples, pkg});
                    }
                }
            } else if (u->kind == TY_INTERFACE) {
                Method *m = iface_method(u, name, fold);
                if (m != NULL && visible(m->name, pkg)) {
                    if (found || e->multiples)
                        return ambiguous();
                    found = true;
                    *matched = m->name;
                    sel.kind = SEL_IFACE_METHOD;
                    sel.type = m->sig;
                    sel.obj = NULL;
                    sel.path = e->index;
                    sel.pathlen = e->len;
                    sel.indirect = e->indirect;
                    sel.ptr_recv = false;
                }
            }
        }
        if (found)
            return sel;
        current = consolidate(next);
    }
    return sel;
}

Selection type_lookup(Type *t, const char *name)
{
    const char *matched;
    /* Methods are never associated with a named pointer type (spec: a
       receiver base type is not a pointer), so through `type P *S` only
       fields are selectable. */
    if (t != NULL && t->kind == TY_NAMED) {
        Type *u = type_underlying(t);
        if (u->kind == TY_POINTER) {
            Selection s = lookup(u, name, false, &matched);
            if (s.kind == SEL_METHOD || s.kind == SEL_IFACE_METHOD) {
                Selection none = {0};
                none.kind = SEL_NONE;
                return none;
            }
            return s;
        }
    }
    return lookup(t, name, false, &matched);
}

/* ------------------------------------------------------------------ */
/* Interface satisfaction                                              */
/* ------------------------------------------------------------------ */

/* A method of V as missing_method found it. */
typedef struct Found {
    const char *name;   /* V's spelling (differs from the wanted one when case-folded) */
    Type *sig;
} Found;

static bool is_method(Selection s)
{
    return s.kind == SEL_METHOD || s.kind == SEL_IFACE_METHOD;
}

/* In V's method set: no operand is addressable. */
static bool in_method_set(Selection s)
{
    if (s.kind == SEL_IFACE_METHOD)
        return true;
    return s.kind == SEL_METHOD && (!s.ptr_recv || s.indirect);
}

/* types2 missingMethod(V, T, static=true): the first method m of interface
   iu (in sorted order) that V lacks, or NULL. *has_alt is set, with *alt,
   when V has a method of that name but with the wrong type, or only with a
   pointer receiver, or only with another capitalization. */
static Method *missing_method(Type *V, Type *iu, Found *alt, bool *has_alt)
{
    *has_alt = false;
    type_complete_interface(iu, NULL);
    Type *vu = type_underlying(V);

    if (vu->kind == TY_INTERFACE) {
        for (int i = 0; i < iu->u.iface.nmethods; i++) {
            Method *m = &iu->u.iface.methods[i];
            Method *f = iface_method(vu, m->name, false);
            if (f == NULL)
                return m;
            if (!types_identical(f->sig, m->sig)) {
                *alt = (Found){f->name, f->sig};
                *has_alt = true;
                return m;
            }
        }
        return NULL;
    }

    for (int i = 0; i < iu->u.iface.nmethods; i++) {
        Method *m = &iu->u.iface.methods[i];
        const char *matched = m->name;
        Selection s = lookup(V, m->name, false, &matched);
        bool found = in_method_set(s);
        if (!found) {
            s = lookup(type_new_pointer(V), m->name, false, &matched);
            if (!is_method(s))
                s = lookup(V, m->name, true, &matched);
        }
        if (!is_method(s))
            return m;   /* nothing, or only a field of that name */
        if (!found || !types_identical(s.type, m->sig)) {
            *alt = (Found){matched, s.type};
            *has_alt = true;
            return m;
        }
    }
    return NULL;
}

static bool is_interface_ptr(Type *t)
{
    Type *u = type_underlying(t);
    return u->kind == TY_POINTER && type_is_interface(u->u.pointer.elem);
}

/* types2 funcString: "M(x int) string". */
static const char *func_string(const char *name, Type *sig)
{
    return ast_sprintf("%s%s", name, type_string(sig) + strlen("func"));
}

/* types2 missingMethodReason, with gc's (CompilerErrorMessages) wording. */
static const char *missing_reason(Type *V, Type *T, Method *m, Found *alt, bool has_alt)
{
    if (has_alt) {
        if (strcmp(alt->name, m->name) != 0)
            return ast_sprintf("(missing %s method)\n\t\thave %s\n\t\twant %s", m->name,
                               func_string(alt->name, alt->sig), func_string(m->name, m->sig));
        if (types_identical(alt->sig, m->sig))
            return ast_sprintf("(%s method has pointer receiver)", m->name);
        return ast_sprintf("(wrong type for %s method)\n\t\thave %s\n\t\twant %s", m->name,
                           func_string(alt->name, alt->sig), func_string(m->name, m->sig));
    }
    if (is_interface_ptr(V))
        return ast_sprintf("(type %s is pointer to interface, not interface)", type_string(V));
    if (is_interface_ptr(T))
        return ast_sprintf("(type %s is pointer to interface, not interface)", type_string(T));
    return ast_sprintf("(missing %s method)", m->name);
}

const char *type_implements_reason(Type *v, Type *t)
{
    if (v == NULL || t == NULL || type_underlying(v)->kind == TY_INVALID ||
        type_underlying(t)->kind == TY_INVALID)
        return NULL;   /* avoid follow-on errors */
    Type *tu = type_underlying(t);
    if (tu->kind != TY_INTERFACE) {
        const char *cause = is_interface_ptr(tu)
            ? ast_sprintf("type %s is pointer to interface, not interface", type_string(t))
            : ast_sprintf("%s is not an interface", type_string(t));
        return ast_sprintf("%s does not implement %s (%s)", type_string(v), type_string(t), cause);
    }
    Found alt = {0};
    bool has_alt;
    Method *m = missing_method(v, tu, &alt, &has_alt);
    if (m == NULL)
        return NULL;
    return ast_sprintf("%s does not implement %s %s", type_string(v), type_string(t),
                       missing_reason(v, t, m, &alt, has_alt));
}

bool type_implements(Type *t, Type *iface, const char **missing, bool *wrong_ptr)
{
    if (missing != NULL)
        *missing = NULL;
    if (wrong_ptr != NULL)
        *wrong_ptr = false;
    Type *iu = type_underlying(iface);
    if (iu->kind != TY_INTERFACE)
        return false;
    Found alt = {0};
    bool has_alt;
    Method *m = missing_method(t, iu, &alt, &has_alt);
    if (m == NULL)
        return true;
    if (missing != NULL)
        *missing = m->name;
    if (wrong_ptr != NULL)
        *wrong_ptr = has_alt && strcmp(alt.name, m->name) == 0 && types_identical(alt.sig, m->sig);
    return false;
}
