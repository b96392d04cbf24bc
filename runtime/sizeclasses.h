/*
 * Go: runtime/sizeclasses.go, runtime/msize.go, growslice in runtime/slice.go.
 *
 * Small objects (<= 32 KB) are rounded up to one of 67 size classes; each
 * class has a fixed span size (class_to_allocnpages pages of 8 KB) cut into
 * equal slots. The table is go1.19's exactly, so that roundupsize -- and with
 * it the capacity append chooses -- agrees with Go's byte for byte.
 *
 * Invariants (checked by the unit tests):
 *   - class_to_size is strictly increasing, every size a multiple of 8;
 *   - size_to_class8/128 give the smallest class whose size is >= the request;
 *   - a class's span holds at least one object, and at most MaxObjsPerSpan.
 */
#ifndef MINI_SIZECLASSES_H
#define MINI_SIZECLASSES_H

#include <stdint.h>

enum {
    MaxSmallSize   = 32768,      /* Go: _MaxSmallSize */
    SmallSizeDiv   = 8,
    SmallSizeMax   = 1024,
    LargeSizeDiv   = 128,
    NumSizeClasses = 68,         /* class 0 means "large object" */
    PageShift      = 13,
    PageSize       = 1 << PageShift,   /* 8 KB, Go's _PageSize */
    MaxObjsPerSpan = PageSize / 8,     /* 1024: class 1 (8 bytes) in one page */
};

/* Go's maxAlloc on 64-bit: no allocation may exceed the 48-bit address space. */
#define MaxAlloc ((uintptr_t)1 << 48)

extern const uint16_t class_to_size[NumSizeClasses];
extern const uint8_t  class_to_allocnpages[NumSizeClasses];
extern const uint8_t  size_to_class8[SmallSizeMax / SmallSizeDiv + 1];
extern const uint8_t  size_to_class128[(MaxSmallSize - SmallSizeMax) / LargeSizeDiv + 1];

/* sizeToClass returns the size class for 0 < size <= MaxSmallSize
 * (the lookup inlined in Go's mallocgc). */
static inline uint8_t sizeToClass(uintptr_t size)
{
    if (size <= SmallSizeMax - 8)
        return size_to_class8[(size + SmallSizeDiv - 1) / SmallSizeDiv];
    return size_to_class128[(size - SmallSizeMax + LargeSizeDiv - 1) / LargeSizeDiv];
}

/* class_to_divmagic: ^uint32(0)/size + 1, so that (offset * magic) >> 32 ==
 * offset / size for every offset inside a span of that class. */
static inline uint32_t classToDivMagic(uint8_t sizeclass)
{
    return UINT32_MAX / class_to_size[sizeclass] + 1;
}

/* roundupsize returns the size of the block mallocgc hands out for a
 * request of size bytes: the class size for small objects, whole pages for
 * large ones. */
uintptr_t roundupsize(uintptr_t size);

/* growslice_newcap returns the capacity go1.19's append gives a slice of
 * elemsize-byte elements with capacity oldcap that must hold newlen
 * elements: double below 256 elements, then grow by (newcap + 3*256)/4 until
 * it fits, then round the byte size up to a size class and divide back.
 * Returns -1 where Go panics "growslice: cap out of range" (newlen < oldcap,
 * or the result would exceed MaxAlloc). The VM allocates
 * newcap * elemsize bytes, which is then exactly roundupsize's block. */
intptr_t growslice_newcap(intptr_t oldcap, intptr_t newlen, uintptr_t elemsize);

#endif
