/* alg.c — hashing and equality of map keys.
 *
 * Go: runtime/alg.go (memhash64, strhash, f32hash, f64hash, typehash,
 * alginit) and runtime/hash64.go (memhash: the wyhash-based fallback Go
 * uses on machines without AES instructions; mini always uses it).
 *
 * Values are in mini's layout: a scalar narrower than a word is kept
 * normalized in a word of its own (sign- or zero-extended; a float32 in
 * the low 4 bytes), so two equal integers, bools or pointers have equal
 * words and can be hashed as memory. Floats cannot (+0 == -0, NaN != NaN)
 * and strings hash their bytes, not their pointer.
 */
#include <string.h>

#include <stdio.h>

#include "iface.h"
#include "map.h"
#include "vm.h"
#include "rand.h"

/* Go: hashkey, filled from the random source by alginit. */
static uintptr_t hashkey[4];
static bool alginited;

void alginit(void)
{
    if (alginited)
        return;
    for (int i = 0; i < 4; i++)
        hashkey[i] = (uintptr_t)fastrand64() | 1;    /* Go: make sure these numbers are odd */
    alginited = true;
}

#define m1 0xa0761d6478bd642full
#define m2 0xe7037ed1a0b428dbull
#define m3 0x8ebc6af09c88c6e3ull
#define m4 0x589965cc75374cc3ull
#define m5 0x1d8e4e27c47d124full

static inline uint64_t mix(uint64_t a, uint64_t b)
{
    unsigned __int128 r = (unsigned __int128)a * b;
    return (uint64_t)(r >> 64) ^ (uint64_t)r;
}

static inline uint64_t r4(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

static inline uint64_t r8(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

/* Go: hash64.go memhash. */
uintptr_t memhash(const void *pv, uintptr_t seed, uintptr_t s)
{
    const uint8_t *p = pv;
    uint64_t a, b;
    seed ^= hashkey[0] ^ m1;
    if (s == 0) {
        return seed;
    } else if (s < 4) {
        a = p[0];
        a |= (uint64_t)p[s >> 1] << 8;
        a |= (uint64_t)p[s - 1] << 16;
        b = 0;
    } else if (s == 4) {
        a = r4(p);
        b = a;
    } else if (s < 8) {
        a = r4(p);
        b = r4(p + s - 4);
    } else if (s == 8) {
        a = r8(p);
        b = a;
    } else if (s <= 16) {
        a = r8(p);
        b = r8(p + s - 8);
    } else {
        uintptr_t l = s;
        if (l > 48) {
            uint64_t seed1 = seed, seed2 = seed;
            for (; l > 48; l -= 48) {
                seed = mix(r8(p) ^ m2, r8(p + 8) ^ seed);
                seed1 = mix(r8(p + 16) ^ m3, r8(p + 24) ^ seed1);
                seed2 = mix(r8(p + 32) ^ m4, r8(p + 40) ^ seed2);
                p += 48;
            }
            seed ^= seed1 ^ seed2;
        }
        for (; l > 16; l -= 16) {
            seed = mix(r8(p) ^ m2, r8(p + 8) ^ seed);
            p += 16;
        }
        a = r8(p + l - 16);
        b = r8(p + l - 8);
    }
    return mix(m5 ^ s, mix(a ^ m2, b ^ seed));
}

/* Go: hash64.go memhash64Fallback. */
uintptr_t memhash64(const void *p, uintptr_t seed)
{
    uint64_t a = r8(p);
    return mix(m5 ^ 8, mix(a ^ m2, a ^ seed ^ hashkey[0] ^ m1));
}

/* Go: alg.go strhash: the bytes of a (ptr, len) string. */
uintptr_t strhash(const void *p, uintptr_t seed)
{
    const uint64_t *w = p;
    return memhash((const void *)(uintptr_t)w[0], seed, (uintptr_t)w[1]);
}

/* Go: alg.go c0, c1 (64-bit values). */
#define c0 33054211828000289ull
#define c1 23344194077549503ull

/* Go: alg.go f32hash: +0 and -0 hash alike; each NaN hashes randomly, so
   NaN keys spread over the buckets (they can never be found anyway). */
uintptr_t f32hash(const void *p, uintptr_t h)
{
    float f;
    memcpy(&f, p, 4);
    if (f == 0)
        return (uintptr_t)(c1 * (c0 ^ h));     /* +0, -0 */
    if (f != f)
        return (uintptr_t)(c1 * (c0 ^ h ^ (uintptr_t)fastrand()));
    return memhash(p, h, 4);
}

uintptr_t f64hash(const void *p, uintptr_t h)
{
    double f;
    memcpy(&f, p, 8);
    if (f == 0)
        return (uintptr_t)(c1 * (c0 ^ h));
    if (f != f)
        return (uintptr_t)(c1 * (c0 ^ h ^ (uintptr_t)fastrand()));
    return memhash(p, h, 8);
}

static bool isBlank(const char *name)
{
    return name && name[0] == '_' && name[1] == 0;
}

/* Go: alg.go typehash, over mini's layout (a scalar is a whole word). */
uintptr_t typehash(const RType *t, const void *pv, uintptr_t h)
{
    const uint8_t *p = pv;
    switch (t->td.kind) {
    case kindFloat32: return f32hash(p, h);
    case kindFloat64: return f64hash(p, h);
    case kindString: return strhash(p, h);
    case kindArray:
        for (int64_t i = 0; i < t->len; i++)
            h = typehash(t->elem, p + (size_t)i * t->elem->td.size, h);
        return h;
    case kindStruct:
        for (int i = 0; i < t->nfields; i++) {
            if (isBlank(t->fields[i].name))
                continue;
            h = typehash(t->fields[i].typ, p + t->fields[i].offset, h);
        }
        return h;
    case kindInterface: {
        /* Go: nilinterhash / interhash: the dynamic value's hash; an
           uncomparable dynamic type panics */
        void *const *w = pv;
        const RType *dt = iface_type(w[0], t->nmethods > 0);
        if (!dt)
            return h;
        if (!type_comparable(dt)) {
            char buf[256];
            snprintf(buf, sizeof buf, "runtime error: hash of unhashable type %s", dt->td.name);
            panicmsg(vm_curg, buf);
        }
        if (dt->direct)
            return typehash(dt, &w[1], h ^ 0x9c0ffee);
        Slot tmp[32];
        if (dt->td.size > sizeof tmp)
            return typehash(dt, w[1], h ^ 0x9c0ffee);
        unboxT(dt, w[1], tmp);      /* the frame's form: narrow values extended */
        return typehash(dt, tmp, h ^ 0x9c0ffee);
    }
    default:
        return memhash64(p, h);     /* bool, integers, pointers, chans: one normalized word */
    }
}

bool typeequal(const RType *t, const void *pv, const void *qv)
{
    const uint8_t *p = pv, *q = qv;
    switch (t->td.kind) {
    case kindFloat32: {
        float x, y;
        memcpy(&x, p, 4);
        memcpy(&y, q, 4);
        return x == y;
    }
    case kindFloat64: {
        double x, y;
        memcpy(&x, p, 8);
        memcpy(&y, q, 8);
        return x == y;
    }
    case kindString: {
        const uint64_t *x = pv, *y = qv;
        return x[1] == y[1] && (x[0] == y[0] || memcmp((const void *)(uintptr_t)x[0],
                                                       (const void *)(uintptr_t)y[0], x[1]) == 0);
    }
    case kindArray:
        for (int64_t i = 0; i < t->len; i++) {
            size_t o = (size_t)i * t->elem->td.size;
            if (!typeequal(t->elem, p + o, q + o))
                return false;
        }
        return true;
    case kindStruct:
        for (int i = 0; i < t->nfields; i++) {
            if (isBlank(t->fields[i].name))
                continue;
            size_t o = t->fields[i].offset;
            if (!typeequal(t->fields[i].typ, p + o, q + o))
                return false;
        }
        return true;
    case kindInterface: {
        void *const *x = pv, *const *y = qv;
        bool isiface = t->nmethods > 0;
        const RType *tx = iface_type(x[0], isiface), *ty = iface_type(y[0], isiface);
        return tx == ty && (tx == NULL || efaceeq(vm_curg, tx, x[1], y[1]));
    }
    default:
        return r8(p) == r8(q);
    }
}
