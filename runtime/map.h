/* map.h — Go's hash map: hmap, bmap, maptype, hiter.
 *
 * Go: runtime/map.go (hmap, bmap, hiter, makemap, mapaccess1/2,
 * mapassign, mapdelete, mapiterinit, mapiternext, hashGrow, growWork,
 * evacuate), runtime/type.go (maptype), runtime/alg.go (the hashers).
 * Read them side by side: names, constants and control flow are Go's.
 *
 * A map value is one pointer word, an *hmap (nil for a nil map). The hmap
 * points to an array of 2^B buckets; each bucket (bmap) holds 8 entries:
 *
 *   tophash[8]        top 8 bits of each entry's hash, or an empty/evacuated mark
 *   keys[8]           8 keys, keysize bytes each
 *   elems[8]          8 elements, elemsize bytes each
 *   overflow          *bmap: the next bucket of the chain, or nil
 *
 * The low B bits of a key's hash choose the bucket; tophash finds the
 * entry inside it without comparing keys. Past a load factor of 6.5
 * entries per bucket (or too many overflow buckets) the table grows to
 * twice the buckets (or is rebuilt at the same size), incrementally: each
 * later assign or delete evacuates one or two old buckets (growWork), and
 * lookups and iteration read the old bucket while it is not yet moved.
 *
 * Where mini differs from Go, and why:
 *  - keysize/elemsize are the key's and element's size rounded up to a
 *    word: mini keeps a narrow scalar normalized in a word of its own, as
 *    in a frame slot, so a map[int8]bool bucket is 8+64+64+8 bytes where
 *    Go's is 8+8+8+8.
 *  - Keys and elements larger than 128 bytes would be stored indirectly in
 *    Go; mini's compiler reports them as not implemented.
 *  - The overflow word of a bucket is always a pointer in the bucket's
 *    TypeDesc, so buckets are always scanned and Go's hmap.extra (which
 *    keeps the overflow buckets of pointer-free maps alive) and the
 *    preallocated overflow buckets of makeBucketArray are left out.
 *  - Keys of interface type are not implemented yet.
 */
#ifndef MINI_MAP_H
#define MINI_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "typedesc.h"

enum {
    bucketCntBits = 3,
    bucketCnt = 1 << bucketCntBits,     /* entries per bucket */
    /* Maximum average load of a bucket that triggers growth: 6.5 */
    loadFactorNum = 13,
    loadFactorDen = 2,
    maxKeySize = 128,
    maxElemSize = 128,
    /* Possible tophash values; a live entry's is >= minTopHash. */
    emptyRest = 0,          /* this cell and every later one (and the overflows) are empty */
    emptyOne = 1,           /* this cell is empty */
    evacuatedX = 2,         /* the entry moved to the first half of the larger table */
    evacuatedY = 3,         /* ... to the second half */
    evacuatedEmpty = 4,     /* the cell was empty and the bucket is evacuated */
    minTopHash = 5,
    /* hmap.flags */
    iterator = 1,           /* there may be an iterator using buckets */
    oldIterator = 2,        /* there may be an iterator using oldbuckets */
    hashWriting = 4,        /* a goroutine is writing to the map */
    sameSizeGrow = 8,       /* the current growth is to a table of the same size */
};

/* Go: the offset of keys in a bmap (after tophash). */
#define dataOffset ((uintptr_t)bucketCnt)

typedef uintptr_t (*hashfn)(const void *p, uintptr_t seed, const RType *t);
typedef bool (*equalfn)(const void *p, const void *q, const RType *t);

/* Go: type.go maptype. Embeds the RType first (Go's maptype embeds _type),
 * so fmt reaches the key and element types from a map's RType. Boehm
 * memory, like every RType (typedesc.h's lifetime rule). */
typedef struct maptype {
    RType typ;                  /* kindMap; typ.elem is the element type */
    const RType *key;
    TypeDesc bucket;            /* one bmap, for mallocgc */
    hashfn hasher;
    equalfn keyequal;
    uint32_t keysize, elemsize, bucketsize;   /* bytes */
    bool reflexivekey;          /* k == k for every key (false with floats: NaN) */
    bool needkeyupdate;         /* overwrite the key on assign (+0/-0, strings) */
} maptype;

/* Go: map.go hmap. A heap object (hmapType): count and flags are read by
 * len() and the iterator; buckets and oldbuckets are the pointer words. */
typedef struct hmap {
    intptr_t count;             /* live entries: len(m); must stay first */
    uint8_t flags;
    uint8_t B;                  /* log2 of the number of buckets */
    uint16_t noverflow;         /* approximate number of overflow buckets */
    uint32_t hash0;             /* hash seed */
    void *buckets;              /* 2^B buckets; nil while count == 0 (lazy) */
    void *oldbuckets;           /* half as many while growing, else nil */
    uintptr_t nevacuate;        /* buckets below this are evacuated */
} hmap;

extern const TypeDesc hmapType;

/* Go: map.go bmap: tophash; keys, elems and the overflow pointer follow. */
typedef struct bmap {
    uint8_t tophash[bucketCnt];
} bmap;

/* Go: map.go hiter. mini keeps one in a range loop's frame slots (the
 * words hiter_ptrmask marks are pointer slots, the rest scalars), so the
 * collector sees the map and its buckets while the loop runs. key == NULL
 * once the iteration is over. */
typedef struct hiter {
    void *key;                  /* word 0: the current key, in a bucket */
    void *elem;                 /* word 1: the current element */
    const maptype *t;           /* word 2: compiler memory, not heap: a scalar word */
    hmap *h;                    /* word 3 */
    void *buckets;              /* word 4: the bucket array at mapiterinit */
    bmap *bptr;                 /* word 5: the current bucket */
    uintptr_t startBucket;      /* word 6: where the iteration started */
    uint8_t offset;             /* word 7: intra-bucket offset to start from */
    bool wrapped;               /*   the bucket index wrapped around to 0 */
    uint8_t B, i;
    uintptr_t bucket;           /* word 8 */
    uintptr_t checkBucket;      /* word 9 */
} hiter;

enum { HITER_WORDS = 10 };
_Static_assert(sizeof(hiter) == HITER_WORDS * 8, "hiter is HITER_WORDS words");
_Static_assert(sizeof(hmap) == 40, "hmap is 5 words");
/* Pointer words of a hiter: key, elem, h, buckets, bptr. */
#define HITER_PTRMASK 0x3Bu

/* Fills the derived fields of t (sizes, bucket TypeDesc, hasher, equal)
 * from t->key and t->typ.elem. bucketbits receives the bucket's pointer
 * bitmap: maptype_bucketbits(t) bytes that live as long as t. Returns
 * false when a key or element is larger than 128 bytes. */
bool maptype_layout(maptype *t, uint8_t *bucketbits);
size_t maptype_bucketbits(const RType *key, const RType *elem);

/* Go: makemap. hint < 0 is treated as 0 (Go's makemap does the same
 * through its overflow check). */
hmap *makemap(const maptype *t, int64_t hint);
/* Go: mapaccess1: a pointer to the element of key, or to zeroes when key is
 * absent (never NULL; h may be nil). The result must not be written. */
void *mapaccess1(const maptype *t, hmap *h, const void *key);
void *mapaccess2(const maptype *t, hmap *h, const void *key, bool *ok);
/* Go: mapassign: the element slot for key, inserted if absent (growing the
 * table as needed: it allocates); the caller stores the element there
 * before anything else can allocate. h must not be nil (the caller panics
 * "assignment to entry in nil map"). */
void *mapassign(const maptype *t, hmap *h, const void *key);
void mapdelete(const maptype *t, hmap *h, const void *key);
/* Go: mapiterinit: it must be zeroed; h may be nil. Leaves the first
 * entry in it->key/it->elem (NULL when the map is empty). */
void mapiterinit(const maptype *t, hmap *h, hiter *it);
void mapiternext(hiter *it);

static inline intptr_t maplen(const hmap *h)
{
    return h ? h->count : 0;
}

/* alg.c: Go's hashers (alg.go, hash64.go) and equality. */
void alginit(void);
uintptr_t memhash(const void *p, uintptr_t seed, uintptr_t s);
uintptr_t memhash64(const void *p, uintptr_t seed);
uintptr_t strhash(const void *p, uintptr_t seed);
uintptr_t f32hash(const void *p, uintptr_t seed);
uintptr_t f64hash(const void *p, uintptr_t seed);
/* Go: typehash: the hash of the value of type t at p, by its kind. */
uintptr_t typehash(const RType *t, const void *p, uintptr_t seed);
/* Go's == on the comparable value of type t at p and q. */
bool typeequal(const RType *t, const void *p, const void *q);

#endif
