/*
 * Go: runtime/type.go (_type), runtime/typekind.go.
 *
 * A TypeDesc is what the collector must know about a value in the heap:
 * how big it is and which of its 8-byte words hold pointers. The compiler
 * emits one per type that is ever allocated on the heap (and for globals
 * and frames it emits bare bitmaps in the same format); mallocgc records
 * it for every object, and scanobject reads it back.
 *
 *   size     bytes of one value (any size; a []byte's element is 1).
 *   ptrdata  bytes of the prefix that can hold pointers: the offset just
 *            past the last pointer word, a multiple of 8. 0 means the type
 *            holds no pointers and its objects are never scanned ("noscan").
 *   gcdata   the pointer bitmap: one bit per 8-byte word over ptrdata/8
 *            words, least significant bit first (word i is bit i%8 of byte
 *            i/8). A set bit says the word is a pointer *slot*: it holds nil,
 *            a heap address (any interior address of an object), or an
 *            address outside the heap (a stack, a string literal, an itab),
 *            which the collector ignores. A clear bit is never followed,
 *            whatever its value -- that is what makes the collector precise.
 *   kind     Go's kind numbering (kindBool .. kindUnsafePointer).
 *   align    Go's alignment of the type (1, 2, 4 or 8); the heap itself
 *            aligns every object to at least 8.
 *   name     as %T prints it ("main.Node", "[]int", "*int").
 *
 * Values have Go's layout (docs/design/vm.md), so a type with pointers has
 * a size that is a multiple of 8 and its pointers sit on 8-byte words.
 * Which words are pointers: a pointer, map, chan and
 * func are one pointer word; a string is (ptr, len) -> bits 1,0; a slice
 * (ptr, len, cap) -> 1,0,0; an interface (itab/type, data) -> 1,1; structs and
 * arrays concatenate their fields' bits.
 *
 * Arrays: mallocgc(n * t->size, t, ...) allocates n consecutive values of
 * t; the object's size must be a multiple of t->size, and the collector
 * applies t's bitmap to each of them.
 *
 * Lifetime: the heap keeps TypeDesc pointers in malloc'd span metadata, which
 * Boehm does not scan. A TypeDesc (and its gcdata and name) must therefore be
 * static, or Boehm-allocated and kept reachable from a Boehm root by the
 * compiled program, for as long as the heap is alive. The compiler may
 * embed a TypeDesc as the first member of a richer runtime type -- element
 * and field descriptors, methods, hash/equal -- as Go's structtype embeds
 * _type.
 */
#ifndef MINI_TYPEDESC_H
#define MINI_TYPEDESC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
    kindBool = 1, kindInt, kindInt8, kindInt16, kindInt32, kindInt64,
    kindUint, kindUint8, kindUint16, kindUint32, kindUint64, kindUintptr,
    kindFloat32, kindFloat64, kindComplex64, kindComplex128,
    kindArray, kindChan, kindFunc, kindInterface, kindMap, kindPtr,
    kindSlice, kindString, kindStruct, kindUnsafePointer,
};

typedef struct TypeDesc {
    uintptr_t size;
    uintptr_t ptrdata;
    const uint8_t *gcdata;
    uint8_t kind;
    uint8_t align;
    const char *name;
} TypeDesc;

/* A runtime type: what fmt (and later reflection-like natives, itabs,
 * hash/equal) needs beyond the collector's TypeDesc, which it embeds first
 * (Go: structtype, arraytype embed _type). Struct and array values have
 * Go's layout: field i at fields[i].offset bytes, element i at
 * i * elem->td.size. Same lifetime rule as TypeDesc. */
typedef struct RField {
    const char *name;
    uintptr_t offset;
    const struct RType *typ;
} RField;

/* A method of a type's method set, or of an interface (Go: method,
 * imethod). name and sig (the signature without the receiver, as Go
 * spells it: "func() string") identify it: getitab matches both. ifn is
 * the function an itab calls: its receiver is one word, the data word of
 * an interface holding the type (the method itself for pointer receivers
 * and pointer-shaped types, else the `(*T).M` wrapper that loads the
 * value); NULL in an interface's list. */
typedef struct RMethod {
    const char *name;
    const char *sig;
    struct Func *ifn;
} RMethod;

typedef struct RType {
    TypeDesc td;
    const struct RType *elem;   /* kindArray */
    int64_t len;                /* kindArray */
    int nfields;                /* kindStruct */
    const RField *fields;
    /* kindInterface: its methods; other kinds: the method set (the methods
       callable through an interface holding the type). Sorted by name. */
    int nmethods;
    const RMethod *methods;
    /* Go's kindDirectIface: an interface holding the type stores the value
       itself in its data word (pointers, maps, chans, funcs), not a
       pointer to a boxed copy. */
    bool direct;
} RType;

/* typeHasPointers: Go's t.ptrdata != 0. A NULL type is raw, pointer-free
 * memory (Go's mallocgc(size, nil, ...)). */
static inline bool typeHasPointers(const TypeDesc *t)
{
    return t != NULL && t->ptrdata != 0;
}

/* typeWordIsPointer: bit w of a pointer bitmap (also used for frame and
 * global bitmaps, which have the same format). */
static inline bool typeWordIsPointer(const uint8_t *gcdata, uintptr_t w)
{
    return (gcdata[w >> 3] >> (w & 7)) & 1;
}

#endif
