/* scope.c — objects and the scopes that map names to them.
 *
 * Go: cmd/compile/internal/types2/scope.go (Scope: parent, elems, Lookup,
 * LookupParent, Insert) and object.go (the Object kinds).
 *
 * Invariants:
 *  - objs lists a scope's objects in declaration order, each name once.
 *  - Once a scope holds more than INDEX_MIN objects, index is an open-
 *    addressing hash table over the same objects with load factor <= 1/2;
 *    it is rebuilt from objs whenever it grows. Small scopes (most blocks)
 *    are searched linearly.
 *  - An inserted object's scope field names the scope holding it.
 */
#include <assert.h>
#include <string.h>
#include <gc.h>

#include "types.h"

enum { INDEX_MIN = 16 };

Scope *scope_new(Scope *parent, ScopeKind kind)
{
    Scope *s = GC_MALLOC(sizeof *s);
    s->kind = kind;
    s->parent = parent;
    if (parent != NULL)
        s->func = parent->func;
    return s;
}

Object *object_new(ObjKind kind, const char *name, Pos pos, Type *type)
{
    Object *obj = GC_MALLOC(sizeof *obj);
    obj->kind = kind;
    obj->name = name;
    obj->pos = pos;
    obj->type = type;
    return obj;
}

static unsigned hash(const char *s)
{
    unsigned h = 2166136261u;   /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static void index_put(Object **index, int cap, Object *obj)
{
    assert((cap & (cap - 1)) == 0);
    unsigned i = hash(obj->name) & (unsigned)(cap - 1);
    while (index[i] != NULL)
        i = (i + 1) & (unsigned)(cap - 1);
    index[i] = obj;
}

static void reindex(Scope *s)
{
    int cap = 64;
    while (cap < s->nobjs * 2 + 2)
        cap *= 2;
    s->index = GC_MALLOC(sizeof(Object *) * (size_t)cap);
    s->indexcap = cap;
    for (int i = 0; i < s->nobjs; i++)
        index_put(s->index, cap, s->objs[i]);
}

Object *scope_lookup_local(Scope *s, const char *name)
{
    if (s == NULL || name == NULL)
        return NULL;
    if (s->index != NULL) {
        unsigned mask = (unsigned)(s->indexcap - 1);
        for (unsigned i = hash(name) & mask; s->index[i] != NULL; i = (i + 1) & mask)
            if (strcmp(s->index[i]->name, name) == 0)
                return s->index[i];
        return NULL;
    }
    for (int i = 0; i < s->nobjs; i++)
        if (strcmp(s->objs[i]->name, name) == 0)
            return s->objs[i];
    return NULL;
}

Object *scope_lookup(Scope *s, const char *name)
{
    for (; s != NULL; s = s->parent) {
        Object *obj = scope_lookup_local(s, name);
        if (obj != NULL)
            return obj;
    }
    return NULL;
}

Object *scope_insert(Scope *s, Object *obj)
{
    Object *old = scope_lookup_local(s, obj->name);
    if (old != NULL)
        return old;
    if (s->nobjs == s->cap) {
        int cap = s->cap ? s->cap * 2 : 8;
        Object **objs = GC_MALLOC(sizeof(Object *) * (size_t)cap);
        if (s->nobjs)
            memcpy(objs, s->objs, sizeof(Object *) * (size_t)s->nobjs);
        s->objs = objs;
        s->cap = cap;
    }
    s->objs[s->nobjs++] = obj;
    if (obj->scope == NULL)
        obj->scope = s;
    if (s->index != NULL && s->nobjs * 2 <= s->indexcap)
        index_put(s->index, s->indexcap, obj);
    else if (s->nobjs > INDEX_MIN)
        reindex(s);
    assert(s->index == NULL || s->nobjs * 2 <= s->indexcap);
    return NULL;
}
