/* compile_mem.c — loads and stores of values in Go's packed layout.
 *
 * Go: cmd/compile/internal/ssagen/ssa.go (OpLoad/OpStore of a type's own
 * width at an offset from a base address, OpMove of a type's size for
 * values that are not SSA-able).
 *
 * Go packs a struct's fields and an array's elements at their alignment:
 * struct{a, b int32; c byte} is 12 bytes, [3]byte is 3. mini keeps those
 * bytes exactly, in frames, globals and the heap, and reaches them three
 * ways:
 *  - whole words (MOVE, LOADP/STOREP, GETG/SETG) for every value that
 *    starts on a word boundary and fills its words: strings, pointers,
 *    8-byte scalars, and structs and arrays whose size is a multiple of 8;
 *  - a narrow scalar's own width (LOADPB/STOREPB), at a byte offset from an
 *    address (ADDR/ADDRG for frame and global variables);
 *  - MEMMOVE of the value's size for any other struct or array: its bytes
 *    go to or come from the start of a zeroed temporary.
 * Invariants:
 *  - A narrow scalar that is all of a variable (a frame slot, a global
 *    word) is a normalized word; one that is part of a struct or array, or
 *    behind a pointer, is only ever accessed at its width, so the other
 *    bytes of its word (a neighbour, padding) are never read as part of it.
 *    A part at a word boundary of a frame variable may be read by one EXT
 *    op, which looks at its bytes only.
 *  - An address computed here lives in a scalar temporary and is used at
 *    once: nothing that can call, allocate or move the stack runs between
 *    ADDR and the access.
 */
#define COMPILE_INTERNAL
#include "compile.h"

static bool is_aggregate(Type *t)
{
    int k = type_underlying(type_default(t))->kind;
    return k == TY_STRUCT || k == TY_ARRAY;
}

bool is_narrow(Type *t)
{
    return !is_aggregate(t) && go_sizeof(t) >= 0 && go_sizeof(t) < 8;
}

bool word_access(Type *t, int64_t boff)
{
    return !is_narrow(t) && boff % 8 == 0 && go_sizeof(t) % 8 == 0;
}

int scalar_temp(FuncState *fs, Node *at)
{
    return alloc_temp(fs, at, types_basic[TY_UINTPTR]);
}

/* The EXT op that reads a narrow scalar from the low bytes of a word. */
static int load_ext_op(Type *t)
{
    int aux = narrow_aux(t);
    switch (aux) {
    case 1: return OP_EXT8U;
    case 1 | 8: return OP_EXT8S;
    case 2: return OP_EXT16U;
    case 2 | 8: return OP_EXT16S;
    case 4: return OP_EXT32U;
    default: return OP_EXT32S;
    }
}

static void check_off(FuncState *fs, Node *at, int64_t boff, int64_t size)
{
    if (boff < 0 || boff + size > 0xffff)
        unimpl(fs, at, "a packed value this far into a struct or array");
}

/* s[ptr] + boff into a fresh temporary, nil-checked as the access is. */
static int offset_ptr(FuncState *fs, Node *at, int ptr, int boff)
{
    int tp = scalar_temp(fs, at);
    if (boff == 0) {
        emit(fs, OP_MOVE, tp, ptr, 0);
        return tp;
    }
    int to = scalar_temp(fs, at);
    emit(fs, OP_LOADI, to, boff & 0xffff, (int)((unsigned)boff >> 16));
    emit(fs, OP_PTRADDB, tp, ptr, to);
    return tp;
}

int mem_load(FuncState *fs, Node *at, Type *t, int ptr, int boff, int dst)
{
    int64_t size = go_sizeof(t);
    int nw = type_words(fs, at, t, NULL);
    int d = dst >= 0 ? dst : alloc_temp(fs, at, t);
    if (is_narrow(t)) {
        check_off(fs, at, boff, size);
        emitaux(fs, OP_LOADPB, narrow_aux(t), d, ptr, boff);
    } else if (word_access(t, boff)) {
        if (boff / 8 > 0xffff || nw > 255)
            unimpl(fs, at, "a value this large or this far into a struct");
        emitaux(fs, OP_LOADP, nw, d, ptr, boff / 8);
    } else {
        check_off(fs, at, boff, size);
        int src = offset_ptr(fs, at, ptr, boff);
        int ta = scalar_temp(fs, at);
        emit(fs, OP_ZERO, d, nw, 0);
        emit(fs, OP_ADDR, ta, d, 0);
        emit(fs, OP_MEMMOVE, ta, src, (int)size);
    }
    return d;
}

void mem_store(FuncState *fs, Node *at, Type *t, int ptr, int boff, int src)
{
    int64_t size = go_sizeof(t);
    int nw = type_words(fs, at, t, NULL);
    if (is_narrow(t)) {
        check_off(fs, at, boff, size);
        emitaux(fs, OP_STOREPB, narrow_aux(t) & 7, ptr, boff, src);
    } else if (word_access(t, boff)) {
        if (boff / 8 > 0xffff || nw > 255)
            unimpl(fs, at, "a value this large or this far into a struct");
        emitaux(fs, OP_STOREP, nw, ptr, boff / 8, src);
    } else {
        check_off(fs, at, boff, size);
        int dp = offset_ptr(fs, at, ptr, boff);
        int ta = scalar_temp(fs, at);
        emit(fs, OP_ADDR, ta, src, 0);
        emit(fs, OP_MEMMOVE, dp, ta, (int)size);
    }
}

int frame_words(VarLoc *v)
{
    if (v->global || v->heap)
        return -1;
    if (!v->part)
        return v->slot;
    if (v->t && word_access(v->t, v->boff))
        return v->slot + v->boff / 8;
    return -1;
}

/* The address of a frame or global variable's first byte. */
static int var_addr(FuncState *fs, Node *at, VarLoc *v)
{
    int ta = scalar_temp(fs, at);
    if (v->global)
        emit(fs, OP_ADDRG, ta, v->slot, 0);
    else
        emit(fs, OP_ADDR, ta, v->slot, 0);
    return ta;
}

/* Reads the words of a static location (static_loc). */
int load_var(FuncState *fs, Node *e, VarLoc *v, int dst)
{
    Type *t = v->t ? v->t : etype(e);
    if (v->heap)
        return mem_load(fs, e, t, v->slot, v->boff, dst);
    int fw = frame_words(v);
    if (fw >= 0) {
        if (dst < 0)
            return fw;
        emit_move(fs, dst, fw, v->nwords);
        return dst;
    }
    bool narrow = is_narrow(t);
    if (v->global && (!v->part || word_access(t, v->boff))) {
        int d = dst >= 0 ? dst : alloc_temp(fs, e, t);
        emit(fs, OP_GETG, d, v->slot + v->boff / 8, v->nwords);
        if (narrow)     /* a store through its address wrote only its bytes */
            emit(fs, load_ext_op(t), d, d, 0);
        return d;
    }
    if (narrow && !v->global && v->boff % 8 == 0) {
        int d = dst >= 0 ? dst : alloc_temp(fs, e, t);
        emit(fs, load_ext_op(t), d, v->slot + v->boff / 8, 0);
        return d;
    }
    return mem_load(fs, e, t, var_addr(fs, e, v), v->boff, dst);
}

void store_var(FuncState *fs, Node *at, VarLoc *v, int src)
{
    Type *t = v->t ? v->t : etype(at);
    if (v->heap) {
        mem_store(fs, at, t, v->slot, v->boff, src);
        return;
    }
    int fw = frame_words(v);
    if (fw >= 0) {
        emit_move(fs, fw, src, v->nwords);
        return;
    }
    if (v->global && (!v->part || word_access(t, v->boff))) {
        emit(fs, OP_SETG, v->slot + v->boff / 8, src, v->nwords);
        return;
    }
    mem_store(fs, at, t, var_addr(fs, at, v), v->boff, src);
}
