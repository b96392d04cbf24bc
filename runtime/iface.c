/* iface.c — itabs, boxing, type assertions and interface comparison.
 *
 * Go: runtime/iface.go (itabTable, getitab, itab.init, convT, convT64,
 * convTstring, assertE2I), runtime/alg.go (efaceeq, ifaceeq),
 * runtime/error.go (TypeAssertionError.Error). iface.h has the value layout.
 */
#include "iface.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "malloc.h"
#include "throw.h"
#include "vm.h"

/* ---- the itab table (Go: itabTable, an open-addressed hash set) ---- */

/* Itabs are malloc'd and never freed: interface words in mini's heap point
   to them, and that heap is not scanned by Boehm (typedesc.h, Lifetime). */
static const Itab **itabs;
static size_t nitabs, capitabs;     /* capitabs: a power of two */

static size_t itabhash(const RType *inter, const RType *typ)
{
    uintptr_t h = (uintptr_t)inter * 0x9E3779B97F4A7C15u ^ (uintptr_t)typ;
    return (size_t)(h ^ h >> 29);
}

static const Itab *itab_find(const RType *inter, const RType *typ)
{
    if (!capitabs)
        return NULL;
    for (size_t i = itabhash(inter, typ) & (capitabs - 1);; i = (i + 1) & (capitabs - 1)) {
        const Itab *m = itabs[i];
        if (!m)
            return NULL;
        if (m->inter == inter && m->type == typ)
            return m;
    }
}

static void itab_add(const Itab *m)
{
    if (2 * (nitabs + 1) > capitabs) {
        size_t ncap = capitabs ? capitabs * 2 : 64;
        const Itab **n = calloc(ncap, sizeof *n);
        if (!n)
            throw("out of memory allocating the itab table");
        for (size_t i = 0; i < capitabs; i++)
            if (itabs[i]) {
                size_t j = itabhash(itabs[i]->inter, itabs[i]->type) & (ncap - 1);
                while (n[j])
                    j = (j + 1) & (ncap - 1);
                n[j] = itabs[i];
            }
        free(itabs);
        itabs = n;
        capitabs = ncap;
    }
    size_t j = itabhash(m->inter, m->type) & (capitabs - 1);
    while (itabs[j])
        j = (j + 1) & (capitabs - 1);
    itabs[j] = m;
    nitabs++;
}

/* Go: itab.init: both method lists are sorted by name, so one merge pass
   finds each interface method in the type's method set. A failed pair is
   not cached (Go caches it; mini's failures end in a panic or an ok=false
   that the program rarely repeats in a loop). */
const Itab *getitab(const RType *inter, const RType *typ, const char **missing)
{
    const Itab *m = itab_find(inter, typ);
    if (m)
        return m;
    Itab *t = malloc(sizeof *t + (size_t)inter->nmethods * sizeof(struct Func *));
    if (!t)
        throw("out of memory allocating an itab");
    t->inter = inter;
    t->type = typ;
    t->hash = (uint32_t)itabhash(inter, typ);
    int j = 0;
    for (int i = 0; i < inter->nmethods; i++) {
        const RMethod *im = &inter->methods[i];
        while (j < typ->nmethods && strcmp(typ->methods[j].name, im->name) < 0)
            j++;
        if (j == typ->nmethods || strcmp(typ->methods[j].name, im->name) != 0 ||
            strcmp(typ->methods[j].sig, im->sig) != 0) {
            if (missing)
                *missing = im->name;
            free(t);
            return NULL;
        }
        t->fun[i] = typ->methods[j].ifn;
    }
    itab_add(t);
    return t;
}

/* ---- boxing ---- */

/* Go: runtime.staticuint64s: small integer values converted to an
   interface point here instead of allocating (convT16/32/64, and every
   one-byte value). Little-endian, so entry v read with any width is v. */
static const uint64_t staticuint64s[256] = {
#define R8(b) b, b + 1, b + 2, b + 3, b + 4, b + 5, b + 6, b + 7
#define R64(b) R8(b), R8(b + 8), R8(b + 16), R8(b + 24), R8(b + 32), R8(b + 40), R8(b + 48), R8(b + 56)
    R64(0), R64(64), R64(128), R64(192)
#undef R64
#undef R8
};

/* Go: runtime.zeroVal: the boxed zero value of a string or slice. */
static const uint64_t zeroVal[3];

void *convT(const RType *t, const void *src)
{
    if (t->direct)
        return *(void *const *)src;
    uintptr_t size = t->td.size;
    if (size == 0)
        return &zerobase;
    if (t->td.ptrdata == 0 && (size == 1 || size == 2 || size == 4 || size == 8)) {
        uint64_t v = 0;
        memcpy(&v, src, size);
        if (v < 256)
            return (void *)&staticuint64s[v];
    } else if (t->td.kind == kindString && ((const uint64_t *)src)[1] == 0) {
        return (void *)zeroVal;
    } else if (t->td.kind == kindSlice && ((void *const *)src)[0] == NULL) {
        return (void *)zeroVal;
    }
    void *p = mallocgc(size, &t->td, false);
    memcpy(p, src, size);
    return p;
}

void unboxT(const RType *t, void *data, void *dst)
{
    if (t->direct) {
        *(void **)dst = data;
        return;
    }
    uintptr_t size = t->td.size;
    uintptr_t words = (size + 7) / 8;
    if (words)
        ((uint64_t *)dst)[words - 1] = 0;
    memcpy(dst, data, size);
    int64_t *w = dst;
    switch (t->td.kind) {
    case kindInt8: *w = (int8_t)*w; break;
    case kindInt16: *w = (int16_t)*w; break;
    case kindInt32: *w = (int32_t)*w; break;
    default: break;
    }
}

/* ---- comparison ---- */

bool type_comparable(const RType *t)
{
    switch (t->td.kind) {
    case kindSlice: case kindMap: case kindFunc:
        return false;
    case kindArray:
        return type_comparable(t->elem);
    case kindStruct:
        for (int i = 0; i < t->nfields; i++)
            if (!type_comparable(t->fields[i].typ))
                return false;
        return true;
    default:
        return true;
    }
}

static _Noreturn void panic_uncomparable(struct G *gp, const RType *t)
{
    char buf[512];
    snprintf(buf, sizeof buf, "runtime error: comparing uncomparable type %s", t->td.name);
    panicmsg(gp, buf);
}

bool efaceeq(struct G *gp, const RType *t, void *x, void *y)
{
    if (!type_comparable(t))
        panic_uncomparable(gp, t);
    if (t->direct)
        return x == y;
    return valueeq(gp, t, x, y);
}

bool valueeq(struct G *gp, const RType *t, const void *x, const void *y)
{
    switch (t->td.kind) {
    case kindFloat32: {
        float a, b;
        memcpy(&a, x, 4);
        memcpy(&b, y, 4);
        return a == b;
    }
    case kindFloat64: {
        double a, b;
        memcpy(&a, x, 8);
        memcpy(&b, y, 8);
        return a == b;
    }
    case kindString: {
        const uint64_t *a = x, *b = y;
        return a[1] == b[1] && (a[1] == 0 || memcmp((const void *)a[0], (const void *)b[0], a[1]) == 0);
    }
    case kindInterface: {
        void *const *a = x, *const *b = y;
        bool isiface = t->nmethods > 0;
        const RType *ta = iface_type(a[0], isiface), *tb = iface_type(b[0], isiface);
        if (ta != tb)
            return false;
        return ta == NULL || efaceeq(gp, ta, a[1], b[1]);
    }
    case kindArray:
        for (int64_t i = 0; i < t->len; i++)
            if (!valueeq(gp, t->elem, (const char *)x + i * t->elem->td.size,
                         (const char *)y + i * t->elem->td.size))
                return false;
        return true;
    case kindStruct:
        for (int i = 0; i < t->nfields; i++) {
            const RField *f = &t->fields[i];
            if (strcmp(f->name, "_") == 0)
                continue;
            if (!valueeq(gp, f->typ, (const char *)x + f->offset, (const char *)y + f->offset))
                return false;
        }
        return true;
    case kindSlice: case kindMap: case kindFunc:
        panic_uncomparable(gp, t);
    default:
        return memcmp(x, y, t->td.size) == 0;
    }
}

/* ---- assertions ---- */

_Noreturn void panicdottype(struct G *gp, const RType *src, const RType *have, const RType *want,
                            const char *missing)
{
    const char *inter = src ? src->td.name : "interface";
    size_t n = strlen(inter) + strlen(want->td.name) + (have ? strlen(have->td.name) : 0) +
               (missing ? strlen(missing) : 0) + 96;
    char *buf = malloc(n);
    if (!buf)
        throw("out of memory");
    if (!have)
        snprintf(buf, n, "interface conversion: %s is nil, not %s", inter, want->td.name);
    else if (missing)
        snprintf(buf, n, "interface conversion: %s is not %s: missing method %s", have->td.name,
                 want->td.name, missing);
    else if (strcmp(have->td.name, want->td.name) == 0)
        snprintf(buf, n, "interface conversion: %s is %s, not %s (types from different scopes)", inter,
                 have->td.name, want->td.name);
    else
        snprintf(buf, n, "interface conversion: %s is %s, not %s", inter, have->td.name, want->td.name);
    panicmsg(gp, buf);
}

struct Func *find_string_method(const RType *t, const char *name)
{
    if (!t)
        return NULL;
    for (int i = 0; i < t->nmethods; i++)
        if (strcmp(t->methods[i].name, name) == 0)
            return strcmp(t->methods[i].sig, "func() string") == 0 ? t->methods[i].ifn : NULL;
    return NULL;
}
