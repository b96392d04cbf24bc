/* map.c — Go's hash map.
 *
 * Go: runtime/map.go, followed function by function (map.h describes the
 * structures and where mini departs from Go). Growth is Go's incremental
 * evacuation: hashGrow allocates the new bucket array and keeps the old
 * one in oldbuckets; every mapassign/mapdelete on a growing map evacuates
 * the old bucket it needs and one more (growWork), moving each entry to
 * bucket i (X) or i+2^oldB (Y) of the new table by the next bit of its
 * hash; lookups and iterators read an old bucket until it is evacuated.
 *
 * The collector: hmap and buckets are ordinary heap objects with precise
 * TypeDescs (hmapType, maptype.bucket). Functions that allocate (makemap,
 * mapassign through hashGrow and newoverflow, evacuate) keep every heap
 * pointer they hold reachable from the hmap, which the caller roots, or
 * push it as a root (makemap's new hmap).
 */
#include <string.h>

#include "malloc.h"
#include "map.h"
#include "mgc.h"
#include "rand.h"
#include "throw.h"

/* hmap: words 2 and 3 (buckets, oldbuckets) are pointers. */
static const uint8_t hmapBits[1] = { 0x0C };
const TypeDesc hmapType = {
    .size = sizeof(hmap), .ptrdata = 4 * 8, .gcdata = hmapBits,
    .kind = kindStruct, .align = 8, .name = "runtime.hmap",
};

/* Go: zeroVal, what mapaccess1 points to for a missing key. */
static const uint64_t zeroVal[maxElemSize / 8];

#define noCheck (~(uintptr_t)0)

static inline uintptr_t bucketShift(uint8_t b) { return (uintptr_t)1 << (b & 63); }
static inline uintptr_t bucketMask(uint8_t b) { return bucketShift(b) - 1; }

/* Go: tophash: the top byte of the hash, above the reserved marks. */
static inline uint8_t tophash(uintptr_t hash)
{
    uint8_t top = (uint8_t)(hash >> 56);
    if (top < minTopHash)
        top += minTopHash;
    return top;
}

static inline bool isEmpty(uint8_t x) { return x <= emptyOne; }

static inline bool evacuated(const bmap *b)
{
    uint8_t h = b->tophash[0];
    return h > emptyOne && h < minTopHash;
}

static inline bmap *bucketAt(const maptype *t, void *buckets, uintptr_t i)
{
    return (bmap *)((char *)buckets + i * t->bucketsize);
}

static inline void *keyAt(const maptype *t, bmap *b, uintptr_t i)
{
    return (char *)b + dataOffset + i * t->keysize;
}

static inline void *elemAt(const maptype *t, bmap *b, uintptr_t i)
{
    return (char *)b + dataOffset + bucketCnt * t->keysize + i * t->elemsize;
}

static inline bmap *overflow(const maptype *t, bmap *b)
{
    bmap *o;
    memcpy(&o, (char *)b + t->bucketsize - 8, 8);
    return o;
}

static inline void setoverflow(const maptype *t, bmap *b, bmap *ovf)
{
    memcpy((char *)b + t->bucketsize - 8, &ovf, 8);
}

static inline bool growing(const hmap *h) { return h->oldbuckets != NULL; }
static inline bool isSameSizeGrow(const hmap *h) { return h->flags & sameSizeGrow; }

/* Go: noldbuckets: the number of buckets before the current growth. */
static inline uintptr_t noldbuckets(const hmap *h)
{
    uint8_t oldB = h->B;
    if (!isSameSizeGrow(h))
        oldB--;
    return bucketShift(oldB);
}

static inline uintptr_t oldbucketmask(const hmap *h) { return noldbuckets(h) - 1; }

/* Go: overLoadFactor: would count entries in 2^B buckets exceed 6.5 each? */
static inline bool overLoadFactor(intptr_t count, uint8_t B)
{
    return count > bucketCnt && (uintptr_t)count > loadFactorNum * (bucketShift(B) / loadFactorDen);
}

/* Go: tooManyOverflowBuckets: as many overflow buckets as buckets (or
   2^15) means deletes left the table sparse: rebuild it at the same size. */
static inline bool tooManyOverflowBuckets(uint16_t noverflow, uint8_t B)
{
    if (B > 15)
        B = 15;
    return noverflow >= (uint16_t)1 << (B & 15);
}

/* Go: incrnoverflow: exact below 2^16 buckets, then a sample. */
static void incrnoverflow(hmap *h)
{
    if (h->B < 16) {
        h->noverflow++;
        return;
    }
    uint32_t mask = ((uint32_t)1 << (h->B - 15)) - 1;
    if ((fastrand() & mask) == 0)
        h->noverflow++;
}

/* ---- types ---- */

static bool hasKind(const RType *t, int kind)
{
    if (t->td.kind == kind)
        return true;
    if (t->td.kind == kindArray)
        return t->len > 0 && hasKind(t->elem, kind);
    if (t->td.kind == kindStruct)
        for (int i = 0; i < t->nfields; i++)
            if (hasKind(t->fields[i].typ, kind))
                return true;
    return false;
}

static uintptr_t hash_mem(const void *p, uintptr_t seed, const RType *t)
{
    return memhash(p, seed, (t->td.size + 7) & ~(uintptr_t)7);
}
static uintptr_t hash_mem64(const void *p, uintptr_t seed, const RType *t) { (void)t; return memhash64(p, seed); }
static uintptr_t hash_str(const void *p, uintptr_t seed, const RType *t) { (void)t; return strhash(p, seed); }
static uintptr_t hash_f32(const void *p, uintptr_t seed, const RType *t) { (void)t; return f32hash(p, seed); }
static uintptr_t hash_f64(const void *p, uintptr_t seed, const RType *t) { (void)t; return f64hash(p, seed); }
static uintptr_t hash_type(const void *p, uintptr_t seed, const RType *t) { return typehash(t, p, seed); }

static bool equal_mem(const void *p, const void *q, const RType *t)
{
    return memcmp(p, q, (t->td.size + 7) & ~(uintptr_t)7) == 0;
}
static bool equal_mem64(const void *p, const void *q, const RType *t)
{
    (void)t;
    return *(const uint64_t *)p == *(const uint64_t *)q;
}
static bool equal_type(const void *p, const void *q, const RType *t) { return typeequal(t, p, q); }

size_t maptype_bucketbits(const RType *key, const RType *elem)
{
    size_t ks = (key->td.size + 7) & ~(size_t)7, es = (elem->td.size + 7) & ~(size_t)7;
    size_t words = (dataOffset + bucketCnt * (ks + es) + 8) / 8;
    return (words + 7) / 8;
}

static void setbits(uint8_t *bits, size_t word, const TypeDesc *t)
{
    for (size_t w = 0; w < t->ptrdata / 8; w++)
        if (typeWordIsPointer(t->gcdata, w))
            bits[(word + w) >> 3] |= (uint8_t)(1 << ((word + w) & 7));
}

bool maptype_layout(maptype *t, uint8_t *bucketbits)
{
    const RType *key = t->key, *elem = t->typ.elem;
    if (key->td.size > maxKeySize || elem->td.size > maxElemSize)
        return false;
    t->keysize = (uint32_t)((key->td.size + 7) & ~(uintptr_t)7);
    t->elemsize = (uint32_t)((elem->td.size + 7) & ~(uintptr_t)7);
    t->bucketsize = (uint32_t)(dataOffset + bucketCnt * (t->keysize + t->elemsize) + 8);
    size_t nbytes = maptype_bucketbits(key, elem);
    memset(bucketbits, 0, nbytes);
    for (size_t i = 0; i < bucketCnt; i++) {
        setbits(bucketbits, (dataOffset + i * t->keysize) / 8, &key->td);
        setbits(bucketbits, (dataOffset + bucketCnt * t->keysize + i * t->elemsize) / 8, &elem->td);
    }
    size_t ovf = t->bucketsize / 8 - 1;
    bucketbits[ovf >> 3] |= (uint8_t)(1 << (ovf & 7));
    t->bucket = (TypeDesc){
        .size = t->bucketsize, .ptrdata = t->bucketsize, .gcdata = bucketbits,
        .kind = kindStruct, .align = 8, .name = "runtime.bmap",
    };
    bool ifaces = hasKind(key, kindInterface);
    bool floats = hasKind(key, kindFloat32) || hasKind(key, kindFloat64) || ifaces;
    bool strings = hasKind(key, kindString) || ifaces;
    t->reflexivekey = !floats;      /* an interface may hold a NaN (Go: isReflexive) */
    t->needkeyupdate = floats || strings;
    switch (key->td.kind) {
    case kindString: t->hasher = hash_str; t->keyequal = equal_type; break;
    case kindFloat32: t->hasher = hash_f32; t->keyequal = equal_type; break;
    case kindFloat64: t->hasher = hash_f64; t->keyequal = equal_type; break;
    default:
        if (floats || strings) {
            t->hasher = hash_type;
            t->keyequal = equal_type;
        } else if (t->keysize == 8) {
            t->hasher = hash_mem64;
            t->keyequal = equal_mem64;
        } else {
            /* bools, integers, pointers and structs/arrays of them: every
               word normalized, so memory equality is Go's == */
            t->hasher = hash_mem;
            t->keyequal = equal_mem;
        }
    }
    return true;
}

/* ---- creation ---- */

/* Go: makeBucketArray, without the preallocated overflow buckets. */
static void *makeBucketArray(const maptype *t, uint8_t b)
{
    return newarray(&t->bucket, bucketShift(b));
}

hmap *makemap(const maptype *t, int64_t hint)
{
    alginit();
    if (hint < 0)
        hint = 0;
    hmap *h = newobject(&hmapType);
    h->hash0 = fastrand();
    uint8_t B = 0;
    while (overLoadFactor((intptr_t)hint, B))
        B++;
    h->B = B;
    if (B != 0) {
        gc_push_root((void *const *)&h);
        void *buckets = makeBucketArray(t, B);
        gc_pop_roots(1);
        h->buckets = buckets;
    }
    return h;
}

/* ---- lookup ---- */

/* The bucket where key's entry is: in oldbuckets while that one is not
   evacuated yet. */
static bmap *lookupBucket(const maptype *t, hmap *h, uintptr_t hash)
{
    uintptr_t m = bucketMask(h->B);
    bmap *b = bucketAt(t, h->buckets, hash & m);
    if (h->oldbuckets) {
        if (!isSameSizeGrow(h))
            m >>= 1;        /* there used to be half as many buckets */
        bmap *oldb = bucketAt(t, h->oldbuckets, hash & m);
        if (!evacuated(oldb))
            b = oldb;
    }
    return b;
}

/* Go: mapaccessK's loop: the index of key in b's chain, *bp its bucket. */
static bool findKey(const maptype *t, bmap **bp, uintptr_t *ip, const void *key, uint8_t top)
{
    for (bmap *b = *bp; b != NULL; b = overflow(t, b)) {
        for (uintptr_t i = 0; i < bucketCnt; i++) {
            if (b->tophash[i] != top) {
                if (b->tophash[i] == emptyRest)
                    return false;
                continue;
            }
            if (t->keyequal(key, keyAt(t, b, i), t->key)) {
                *bp = b;
                *ip = i;
                return true;
            }
        }
    }
    return false;
}

void *mapaccess1(const maptype *t, hmap *h, const void *key)
{
    bool ok;
    return mapaccess2(t, h, key, &ok);
}

void *mapaccess2(const maptype *t, hmap *h, const void *key, bool *ok)
{
    *ok = false;
    if (h == NULL || h->count == 0)
        return (void *)zeroVal;
    if (h->flags & hashWriting)
        throw("concurrent map read and map write");
    uintptr_t hash = t->hasher(key, h->hash0, t->key);
    bmap *b = lookupBucket(t, h, hash);
    uintptr_t i;
    if (!findKey(t, &b, &i, key, tophash(hash)))
        return (void *)zeroVal;
    *ok = true;
    return elemAt(t, b, i);
}

/* Go: mapaccessK: the key and element slots of key, or false. */
static bool mapaccessK(const maptype *t, hmap *h, const void *key, void **kp, void **ep)
{
    if (h == NULL || h->count == 0)
        return false;
    uintptr_t hash = t->hasher(key, h->hash0, t->key);
    bmap *b = lookupBucket(t, h, hash);
    uintptr_t i;
    if (!findKey(t, &b, &i, key, tophash(hash)))
        return false;
    *kp = keyAt(t, b, i);
    *ep = elemAt(t, b, i);
    return true;
}

/* ---- growth ---- */

/* Go: newoverflow: a new bucket chained after b. Allocates; b is reachable
   from h. */
static bmap *newoverflow(const maptype *t, hmap *h, bmap *b)
{
    bmap *ovf = newobject(&t->bucket);
    incrnoverflow(h);
    setoverflow(t, b, ovf);
    return ovf;
}

/* Go: hashGrow: twice the buckets when over the load factor, else the
   same number (too many overflow buckets). The entries move later. */
static void hashGrow(const maptype *t, hmap *h)
{
    uint8_t bigger = 1;
    if (!overLoadFactor(h->count + 1, h->B)) {
        bigger = 0;
        h->flags |= sameSizeGrow;
    }
    void *newbuckets = makeBucketArray(t, (uint8_t)(h->B + bigger));   /* h->buckets still roots the old ones */
    uint8_t flags = h->flags & (uint8_t)~(iterator | oldIterator);
    if (h->flags & iterator)
        flags |= oldIterator;
    h->B += bigger;
    h->flags = flags;
    h->oldbuckets = h->buckets;
    h->buckets = newbuckets;
    h->nevacuate = 0;
    h->noverflow = 0;
}

static bool bucketEvacuated(const maptype *t, hmap *h, uintptr_t bucket)
{
    return evacuated(bucketAt(t, h->oldbuckets, bucket));
}

/* Go: advanceEvacuationMark. */
static void advanceEvacuationMark(hmap *h, const maptype *t, uintptr_t newbit)
{
    h->nevacuate++;
    /* Experiments suggest that 1024 is overkill by at least an order of
       magnitude (Go's comment); it bounds the work per call. */
    uintptr_t stop = h->nevacuate + 1024;
    if (stop > newbit)
        stop = newbit;
    while (h->nevacuate != stop && bucketEvacuated(t, h, h->nevacuate))
        h->nevacuate++;
    if (h->nevacuate == newbit) {   /* all moved: drop the old table */
        h->oldbuckets = NULL;
        h->flags &= (uint8_t)~sameSizeGrow;
    }
}

/* Go: evacDst: where evacuate is filling a new bucket. */
typedef struct evacDst {
    bmap *b;
    uintptr_t i;
    char *k, *e;
} evacDst;

/* Go: evacuate: moves old bucket oldbucket's chain to the new table. */
static void evacuate(const maptype *t, hmap *h, uintptr_t oldbucket)
{
    bmap *b = bucketAt(t, h->oldbuckets, oldbucket);
    uintptr_t newbit = noldbuckets(h);
    if (!evacuated(b)) {
        evacDst xy[2];
        memset(xy, 0, sizeof xy);
        evacDst *x = &xy[0];
        x->b = bucketAt(t, h->buckets, oldbucket);
        x->k = keyAt(t, x->b, 0);
        x->e = elemAt(t, x->b, 0);
        if (!isSameSizeGrow(h)) {
            evacDst *y = &xy[1];
            y->b = bucketAt(t, h->buckets, oldbucket + newbit);
            y->k = keyAt(t, y->b, 0);
            y->e = elemAt(t, y->b, 0);
        }
        for (; b != NULL; b = overflow(t, b)) {
            for (uintptr_t i = 0; i < bucketCnt; i++) {
                uint8_t top = b->tophash[i];
                if (isEmpty(top)) {
                    b->tophash[i] = evacuatedEmpty;
                    continue;
                }
                if (top < minTopHash)
                    throw("bad map state");
                void *k = keyAt(t, b, i), *e = elemAt(t, b, i);
                uint8_t useY = 0;
                if (!isSameSizeGrow(h)) {
                    uintptr_t hash = t->hasher(k, h->hash0, t->key);
                    if ((h->flags & iterator) && !t->reflexivekey && !t->keyequal(k, k, t->key)) {
                        /* NaN: its hash is random; an iterator needs the
                           same decision every time, so the low bit of
                           tophash decides, and a new tophash is drawn */
                        useY = top & 1;
                        top = tophash(hash);
                    } else if (hash & newbit) {
                        useY = 1;
                    }
                }
                b->tophash[i] = (uint8_t)(evacuatedX + useY);
                evacDst *dst = &xy[useY];
                if (dst->i == bucketCnt) {
                    dst->b = newoverflow(t, h, dst->b);
                    dst->i = 0;
                    dst->k = keyAt(t, dst->b, 0);
                    dst->e = elemAt(t, dst->b, 0);
                }
                dst->b->tophash[dst->i & (bucketCnt - 1)] = top;
                memcpy(dst->k, k, t->keysize);
                memcpy(dst->e, e, t->elemsize);
                dst->i++;
                dst->k += t->keysize;
                dst->e += t->elemsize;
            }
        }
        /* Unlink the overflow buckets and clear keys and elements so the
           collector frees what only the old table held -- unless an
           iterator may still walk the old table. */
        if (!(h->flags & oldIterator)) {
            bmap *ob = bucketAt(t, h->oldbuckets, oldbucket);
            memset((char *)ob + dataOffset, 0, t->bucketsize - dataOffset);
        }
    }
    if (oldbucket == h->nevacuate)
        advanceEvacuationMark(h, t, newbit);
}

/* Go: growWork: the bucket about to be used, and one more for progress. */
static void growWork(const maptype *t, hmap *h, uintptr_t bucket)
{
    evacuate(t, h, bucket & oldbucketmask(h));
    if (growing(h))
        evacuate(t, h, h->nevacuate);
}

/* ---- assignment and deletion ---- */

void *mapassign(const maptype *t, hmap *h, const void *key)
{
    RT_ASSERT(h != NULL, "mapassign: nil map");
    if (h->flags & hashWriting)
        throw("concurrent map writes");
    uintptr_t hash = t->hasher(key, h->hash0, t->key);
    h->flags ^= hashWriting;
    if (h->buckets == NULL)
        h->buckets = newobject(&t->bucket);   /* h is rooted by the caller */
again:;
    uintptr_t bucket = hash & bucketMask(h->B);
    if (growing(h))
        growWork(t, h, bucket);
    bmap *b = bucketAt(t, h->buckets, bucket);
    uint8_t top = tophash(hash);
    uint8_t *inserti = NULL;
    void *insertk = NULL, *elem = NULL;
    for (;;) {
        bool rest = false;
        for (uintptr_t i = 0; i < bucketCnt; i++) {
            if (b->tophash[i] != top) {
                if (isEmpty(b->tophash[i]) && inserti == NULL) {
                    inserti = &b->tophash[i];
                    insertk = keyAt(t, b, i);
                    elem = elemAt(t, b, i);
                }
                if (b->tophash[i] == emptyRest) {
                    rest = true;
                    break;
                }
                continue;
            }
            void *k = keyAt(t, b, i);
            if (!t->keyequal(key, k, t->key))
                continue;
            /* already have a mapping for key: update it */
            if (t->needkeyupdate)
                memcpy(k, key, t->keysize);
            elem = elemAt(t, b, i);
            goto done;
        }
        if (rest)
            break;
        bmap *ovf = overflow(t, b);
        if (ovf == NULL)
            break;
        b = ovf;
    }
    /* Not found. If we hit the max load factor or have too many overflow
       buckets, and we're not already in the middle of growing, start
       growing; growing invalidates everything found, so try again. */
    if (!growing(h) && (overLoadFactor(h->count + 1, h->B) || tooManyOverflowBuckets(h->noverflow, h->B))) {
        hashGrow(t, h);
        goto again;
    }
    if (inserti == NULL) {
        /* all current buckets are full: allocate a new one */
        bmap *newb = newoverflow(t, h, b);
        inserti = &newb->tophash[0];
        insertk = keyAt(t, newb, 0);
        elem = elemAt(t, newb, 0);
    }
    memcpy(insertk, key, t->keysize);
    *inserti = top;
    h->count++;
done:
    if (!(h->flags & hashWriting))
        throw("concurrent map writes");
    h->flags &= (uint8_t)~hashWriting;
    return elem;
}

void mapdelete(const maptype *t, hmap *h, const void *key)
{
    if (h == NULL || h->count == 0)
        return;
    if (h->flags & hashWriting)
        throw("concurrent map writes");
    uintptr_t hash = t->hasher(key, h->hash0, t->key);
    h->flags ^= hashWriting;
    uintptr_t bucket = hash & bucketMask(h->B);
    if (growing(h))
        growWork(t, h, bucket);
    bmap *b = bucketAt(t, h->buckets, bucket);
    bmap *bOrig = b;
    uint8_t top = tophash(hash);
    for (; b != NULL; b = overflow(t, b)) {
        for (uintptr_t i = 0; i < bucketCnt; i++) {
            if (b->tophash[i] != top) {
                if (b->tophash[i] == emptyRest)
                    goto out;
                continue;
            }
            void *k = keyAt(t, b, i);
            if (!t->keyequal(key, k, t->key))
                continue;
            memset(k, 0, t->keysize);
            memset(elemAt(t, b, i), 0, t->elemsize);
            b->tophash[i] = emptyOne;
            /* If the bucket now ends in a run of emptyOne cells, turn them
               into emptyRest, so lookups stop early. */
            if (i == bucketCnt - 1) {
                if (overflow(t, b) != NULL && overflow(t, b)->tophash[0] != emptyRest)
                    goto notLast;
            } else if (b->tophash[i + 1] != emptyRest) {
                goto notLast;
            }
            for (;;) {
                b->tophash[i] = emptyRest;
                if (i == 0) {
                    if (b == bOrig)
                        break;  /* beginning of the initial bucket: done */
                    /* find the previous bucket, continue at its last entry */
                    bmap *c = b;
                    for (b = bOrig; overflow(t, b) != c; b = overflow(t, b)) {
                    }
                    i = bucketCnt - 1;
                } else {
                    i--;
                }
                if (b->tophash[i] != emptyOne)
                    break;
            }
        notLast:
            h->count--;
            /* Reset the hash seed to make it more difficult for attackers
               to repeatedly trigger hash collisions (Go's comment). */
            if (h->count == 0)
                h->hash0 = fastrand();
            goto out;
        }
    }
out:
    if (!(h->flags & hashWriting))
        throw("concurrent map writes");
    h->flags &= (uint8_t)~hashWriting;
}

/* ---- iteration ---- */

void mapiterinit(const maptype *t, hmap *h, hiter *it)
{
    it->t = t;
    if (h == NULL || h->count == 0)
        return;
    it->h = h;
    /* grab a snapshot of the bucket state */
    it->B = h->B;
    it->buckets = h->buckets;
    /* decide where to start: a random bucket and a random cell in it, so
       programs cannot depend on the order */
    uintptr_t r = fastrand();
    if (h->B > 31 - bucketCntBits)
        r += (uintptr_t)fastrand() << 31;
    it->startBucket = r & bucketMask(h->B);
    it->offset = (uint8_t)(r >> h->B & (bucketCnt - 1));
    it->bucket = it->startBucket;
    h->flags |= iterator | oldIterator;
    mapiternext(it);
}

void mapiternext(hiter *it)
{
    hmap *h = it->h;
    if (h == NULL) {
        it->key = it->elem = NULL;
        return;
    }
    if (h->flags & hashWriting)
        throw("concurrent map iteration and map write");
    const maptype *t = it->t;
    uintptr_t bucket = it->bucket;
    bmap *b = it->bptr;
    uintptr_t i = it->i;
    uintptr_t checkBucket = it->checkBucket;
next:
    if (b == NULL) {
        if (bucket == it->startBucket && it->wrapped) {
            it->key = NULL;
            it->elem = NULL;
            return;
        }
        if (growing(h) && it->B == h->B) {
            /* Started in the middle of a grow that is not done: if the
               old bucket is not evacuated, walk it but only return the
               entries that will move to this bucket. */
            uintptr_t oldbucket = bucket & oldbucketmask(h);
            b = bucketAt(t, h->oldbuckets, oldbucket);
            if (!evacuated(b)) {
                checkBucket = bucket;
            } else {
                b = bucketAt(t, it->buckets, bucket);
                checkBucket = noCheck;
            }
        } else {
            b = bucketAt(t, it->buckets, bucket);
            checkBucket = noCheck;
        }
        bucket++;
        if (bucket == bucketShift(it->B)) {
            bucket = 0;
            it->wrapped = true;
        }
        i = 0;
    }
    for (; i < bucketCnt; i++) {
        uintptr_t offi = (i + it->offset) & (bucketCnt - 1);
        if (isEmpty(b->tophash[offi]) || b->tophash[offi] == evacuatedEmpty)
            continue;
        void *k = keyAt(t, b, offi), *e = elemAt(t, b, offi);
        if (checkBucket != noCheck && !isSameSizeGrow(h)) {
            /* Special case: iterating an old bucket during a doubling
               grow: skip the entries that will go to the other half. */
            if (t->reflexivekey || t->keyequal(k, k, t->key)) {
                uintptr_t hash = t->hasher(k, h->hash0, t->key);
                if ((hash & bucketMask(it->B)) != checkBucket)
                    continue;
            } else {
                /* NaN: evacuate sends it by the low bit of tophash */
                if (checkBucket >> (it->B - 1) != (uintptr_t)(b->tophash[offi] & 1))
                    continue;
            }
        }
        if ((b->tophash[offi] != evacuatedX && b->tophash[offi] != evacuatedY) ||
            !(t->reflexivekey || t->keyequal(k, k, t->key))) {
            /* the entry is here (or is a NaN, which cannot be looked up) */
            it->key = k;
            it->elem = e;
        } else {
            /* the table grew since the iterator started: the entry may have
               been updated, deleted or reinserted: look it up */
            void *rk, *re;
            if (!mapaccessK(t, h, k, &rk, &re))
                continue;   /* deleted */
            it->key = rk;
            it->elem = re;
        }
        it->bucket = bucket;
        it->bptr = b;
        it->i = (uint8_t)(i + 1);
        it->checkBucket = checkBucket;
        return;
    }
    b = overflow(t, b);
    i = 0;
    goto next;
}
