/* compile_expr.c — expressions, conditions and calls.
 *
 * Go: cmd/compile/internal/walk (order of evaluation, conversions, string
 * concatenation), ssagen/ssa.go (typed ops: the choice between Add64,
 * Add32F ..., condition codes for branches).
 *
 * Typed ops over normalized words: an integer of a narrow kind is kept
 * sign- or zero-extended in its slot, so after each op that can wrap
 * (+ - * << unary - ^ and signed /) the compiler emits the EXT op of the
 * kind; comparisons and division then work on whole words.
 *
 * Order of evaluation: as gc's order pass does, the calls of an expression
 * are evaluated first, left to right, into temporaries (hoist_calls); the
 * variable reads happen after, so `g + f()` sees what f stored in g.
 *
 * Calls: arguments are evaluated left to right. An argument goes straight
 * to its place in the call area when every argument after it is pure (no
 * call, no allocation): nothing can then run a collection or another call
 * while it sits there, since the caller's stack map does not cover the call
 * area. Earlier arguments go to temporaries first and are moved in just
 * before the CALL.
 */
#define COMPILE_INTERNAL
#include "compile.h"

#include <math.h>

Type *etype(Node *e)
{
    Type *t = e->type;
    if (t && type_is_untyped(t))
        t = type_default(t);
    return t;
}

static int basic_kind(Type *t)
{
    return type_underlying(type_default(t))->kind;
}

static bool is_signed_kind(int k)
{
    return k == TY_INT || k == TY_INT8 || k == TY_INT16 || k == TY_INT32 || k == TY_INT64;
}

static bool is_int_kind(int k)
{
    return (k >= TY_INT && k <= TY_UINTPTR);
}

/* The EXT op that normalizes kind k after a wrapping op, or -1. */
static int ext_op(int k)
{
    switch (k) {
    case TY_INT8: return OP_EXT8S;
    case TY_INT16: return OP_EXT16S;
    case TY_INT32: return OP_EXT32S;
    case TY_UINT8: return OP_EXT8U;
    case TY_UINT16: return OP_EXT16U;
    case TY_UINT32: return OP_EXT32U;
    default: return -1;
    }
}

static void emit_ext(FuncState *fs, int k, int r)
{
    int op = ext_op(k);
    if (op >= 0)
        emit(fs, op, r, r, 0);
}

void emit_move(FuncState *fs, int dst, int src, int nwords)
{
    if (dst == src)
        return;
    if (nwords == 1)
        emit(fs, OP_MOVE, dst, src, 0);
    else if (nwords == 2)
        emit(fs, OP_MOVE2, dst, src, 0);
    else
        emit(fs, OP_MOVEN, dst, src, nwords);
}

static int target(FuncState *fs, Node *at, Type *t, int dst)
{
    return dst >= 0 ? dst : alloc_temp(fs, at, t);
}

/* The byte offset of the field a selector names from the first byte of
   its operand; false when it is no field or some step goes through a
   pointer. */
static bool field_path(Node *e, int *boff)
{
    if (e->obj && e->obj->kind != OBJ_VAR)
        return false;
    if (e->u.selector.indirect || e->u.selector.pathlen <= 0 || !e->u.selector.path)
        return false;
    Type *t = etype(e->u.selector.x);
    int off = 0;
    for (int i = 0; i < e->u.selector.pathlen; i++) {
        Type *u = type_underlying(t);
        if (u->kind != TY_STRUCT)
            return false;
        int idx = e->u.selector.path[i];
        off += (int)go_fieldoff(u, idx);
        t = u->u.strct.fields[idx].type;
    }
    *boff = off;
    return true;
}

static Node *embed_chain(FuncState *fs, Node *fun, int n);

/* A field promoted through an embedded pointer (pe.ID with pe.Base a
   *Base) as the explicit chain of one-step selectors (pe.Base.ID), which
   the location walks below understand; any other node unchanged. */
static Node *promoted_chain(FuncState *fs, Node *x)
{
    if (x->kind == E_SELECTOR && x->u.selector.indirect && x->u.selector.pathlen > 1 &&
        x->u.selector.path && x->u.selector.x->mode != MODE_PACKAGE &&
        (!x->obj || x->obj->kind == OBJ_VAR))
        return embed_chain(fs, x, x->u.selector.pathlen);
    return x;
}

/* The words a variable, a field of one or an element of an array variable
   at a constant index occupy: x, x.f.g, a[2].f (a frame or global range). */
bool static_loc(FuncState *fs, Node *e, VarLoc *out)
{
    switch (e->kind) {
    case E_PAREN:
        return static_loc(fs, e->u.unary.x, out);
    case E_IDENT:
        if (!e->obj || e->obj->kind != OBJ_VAR)
            return false;
        *out = *varloc(fs, e, e->obj);
        return true;
    case E_SELECTOR: {
        int off;
        if (e->u.selector.x->mode == MODE_PACKAGE && e->obj && e->obj->kind == OBJ_VAR) {
            *out = *varloc(fs, e, e->obj);  /* a native package's variable: os.Args */
            return true;
        }
        if (e->u.selector.x->mode == MODE_PACKAGE || !field_path(e, &off) ||
            !static_loc(fs, e->u.selector.x, out))
            return false;
        out->boff += off;
        out->part = true;
        out->t = etype(e);
        out->nwords = type_words(fs, e, e->type, NULL);
        return true;
    }
    case E_INDEX: {
        Node *x = e->u.index.x, *ix = e->u.index.index;
        Type *xt = type_underlying(etype(x));
        if (xt->kind != TY_ARRAY || ix->mode != MODE_CONST || !ix->cv || !static_loc(fs, x, out))
            return false;
        int64_t boff = out->boff + cv_int64(ix->cv) * go_sizeof(xt->u.array.elem);
        if (boff > 0x7fffffff)
            unimpl(fs, e, "an element this far into an array");
        out->boff = (int)boff;
        out->part = true;
        out->t = xt->u.array.elem;
        out->nwords = type_words(fs, e, xt->u.array.elem, NULL);
        return true;
    }
    default:
        return false;
    }
}

/* An element path: x.f[i].g[j] ... over an array or struct value x with
   at least one run-time index. The word offset from x's first word is
   computed into a temporary (each index checked against its length), then
   LOADX/STOREX move the words. x is a variable (static_loc) or, for reads
   only, a temporary. */
bool elem_path(FuncState *fs, Node *l, ElemRef *er, bool lvalue)
{
    Node *steps[64];
    int n = 0;
    bool dynamic = false;
    Node *x = l;
    Node *ptr = NULL;          /* the path starts at what this pointer points to */
    int64_t k = 0;
    for (;;) {
        while (x->kind == E_PAREN)
            x = x->u.unary.x;
        x = promoted_chain(fs, x);
        int off;
        Type *xt = NULL;
        if (x->kind == E_INDEX)
            xt = type_underlying(etype(x->u.index.x));
        if (x->kind == E_INDEX && (xt->kind == TY_ARRAY ||
                                   (xt->kind == TY_POINTER && type_underlying(xt->u.pointer.elem)->kind == TY_ARRAY))) {
            Node *ix = x->u.index.index;
            if (!(ix->mode == MODE_CONST && ix->cv))
                dynamic = true;
            if (xt->kind == TY_POINTER)
                ptr = x->u.index.x;
        } else if (x->kind == E_INDEX && xt->kind == TY_SLICE) {
            if (narrow_aux(xt->u.slice.elem))
                return false;   /* narrow_ref's */
            dynamic = true;     /* always checked against the slice's len */
            ptr = x->u.index.x;
        } else if (x->kind == E_STAR && x->mode != MODE_TYPEEXPR) {
            ptr = x->u.unary.x;
            break;
        } else if (x->kind == E_SELECTOR && x->u.selector.x->mode != MODE_PACKAGE &&
                   (!x->obj || x->obj->kind == OBJ_VAR) && x->u.selector.pathlen == 1 && x->u.selector.path &&
                   type_underlying(etype(x->u.selector.x))->kind == TY_POINTER) {
            Type *st = type_underlying(type_underlying(etype(x->u.selector.x))->u.pointer.elem);
            if (st->kind != TY_STRUCT)
                return false;
            k += go_fieldoff(st, x->u.selector.path[0]);
            ptr = x->u.selector.x;
            break;
        } else if (!(x->kind == E_SELECTOR && x->u.selector.x->mode != MODE_PACKAGE && field_path(x, &off))) {
            break;
        }
        if (n == 64)
            return false;
        steps[n++] = x;
        if (ptr)
            break;
        x = x->kind == E_INDEX ? x->u.index.x : x->u.selector.x;
    }
    if (!dynamic || n == 0)
        return false;
    /* Words, unless a step or the element itself is packed: then bytes. */
    bool bytes = !word_access(etype(l), 0) || k % 8 != 0;
    for (int i = 0; i < n && !bytes; i++) {
        Node *st = steps[i];
        int off;
        if (st->kind == E_SELECTOR) {
            if (field_path(st, &off) && off % 8 != 0)
                bytes = true;
            continue;
        }
        Type *xt = type_underlying(etype(st->u.index.x));
        if (xt->kind == TY_POINTER)
            xt = type_underlying(xt->u.pointer.elem);
        if (go_sizeof(xt->kind == TY_SLICE ? xt->u.slice.elem : xt->u.array.elem) % 8 != 0)
            bytes = true;
    }
    VarLoc sl;
    bool isstatic = !ptr && static_loc(fs, x, &sl);
    if (isstatic && sl.boff % 8 != 0)
        bytes = true;
    int unit = bytes ? 1 : 8;
    er->l = l;
    er->bytes = bytes;
    er->nwords = type_words(fs, l, etype(l), NULL);
    if (er->nwords > 255 && !bytes)
        unimpl(fs, l, "indexing arrays of elements this large");
    if (ptr) {
        /* through a pointer: like a heap variable whose pointer is a temporary */
        hoist_calls(fs, l);
        er->arr = (VarLoc){ 0 };
        er->arr.heap = true;
        VarLoc pv;
        if (!lvalue && static_loc(fs, ptr, &pv) && frame_words(&pv) >= 0 && !pv.part)
            /* a read through a local slice or pointer: its own slots
               (nothing before the load can change a frame variable) */
            er->arr.slot = pv.slot;
        else
            er->arr.slot = cexpr(fs, ptr, alloc_temp(fs, ptr, etype(ptr)));
        er->base = -1;
    } else if (isstatic) {
        er->arr = sl;
        er->base = er->arr.global || er->arr.heap ? -1 : er->arr.slot;
    } else {
        if (lvalue)
            return false;
        er->arr = (VarLoc){ 0 };
        er->base = cexpr(fs, x, -1);
    }
    hoist_calls(fs, l);
    /* the indexes, outermost array first, into temporaries */
    int *ri = GC_MALLOC_ATOMIC(n * sizeof(int));
    for (int i = n - 1; i >= 0; i--) {
        ri[i] = -1;
        Node *st = steps[i];
        if (st->kind == E_INDEX && type_underlying(etype(st->u.index.x))->kind == TY_SLICE &&
            st->u.index.index->mode == MODE_CONST && st->u.index.index->cv) {
            ri[i] = alloc_temp(fs, st, types_basic[TY_INT]);
            emit_load_const(fs, st, st->u.index.index->cv, types_basic[TY_INT], ri[i]);
        } else if (st->kind == E_INDEX && !(st->u.index.index->mode == MODE_CONST && st->u.index.index->cv)) {
            Node *ix = st->u.index.index;
            /* a store keeps the index as it was before the right side ran */
            ri[i] = cexpr(fs, ix, lvalue ? alloc_temp(fs, ix, etype(ix)) : -1);
        }
    }
    k += er->arr.boff;
    /* a[i] with a unit stride: the index itself is the offset */
    bool direct = false;
    if (n == 1 && steps[0]->kind == E_INDEX && ri[0] >= 0 && k == 0) {
        Type *xt = type_underlying(etype(steps[0]->u.index.x));
        if (xt->kind == TY_POINTER)
            xt = type_underlying(xt->u.pointer.elem);
        direct = go_sizeof(xt->kind == TY_SLICE ? xt->u.slice.elem : xt->u.array.elem) == unit;
    }
    if (!direct) {
        er->off = alloc_temp(fs, l, types_basic[TY_INT]);
        emit(fs, OP_LOADI, er->off, 0, 0);
    }
    for (int i = n - 1; i >= 0; i--) {
        Node *st = steps[i];
        fs->line = st->pos.line;
        if (st->kind == E_SELECTOR) {
            int off;
            field_path(st, &off);
            k += off;
            continue;
        }
        Type *xt = type_underlying(etype(st->u.index.x));
        if (xt->kind == TY_SLICE) {
            int64_t ew = go_sizeof(xt->u.slice.elem) / unit;
            emitaux(fs, OP_CHKLEN, is_signed_kind(basic_kind(etype(st->u.index.index))) ? 0 : 1, ri[i],
                    er->arr.slot + 1, 0);
            if (ew != 1) {
                int t = alloc_temp(fs, st, types_basic[TY_INT]);
                emit(fs, OP_LOADI, t, (int)(ew & 0xffff), (int)((uint64_t)ew >> 16));
                emit(fs, OP_MUL, t, t, ri[i]);
                emit(fs, OP_ADD, er->off, er->off, t);
            } else if (direct) {
                er->off = ri[i];
            } else {
                emit(fs, OP_ADD, er->off, er->off, ri[i]);
            }
            continue;
        }
        if (xt->kind == TY_POINTER)
            xt = type_underlying(xt->u.pointer.elem);
        int64_t es = go_sizeof(xt->u.array.elem);
        if (ri[i] < 0) {
            k += cv_int64(st->u.index.index->cv) * es;
            continue;
        }
        int64_t len = xt->u.array.len;
        if (len > 0x7fffffff)
            unimpl(fs, st, "arrays this long");
        emitaux(fs, OP_CHKIDX, is_signed_kind(basic_kind(etype(st->u.index.index))) ? 0 : 1, ri[i],
                (int)(len & 0xffff), (int)((uint64_t)len >> 16));
        int64_t ew = es / unit;
        if (ew != 1) {
            int t = alloc_temp(fs, st, types_basic[TY_INT]);
            emit(fs, OP_LOADI, t, (int)(ew & 0xffff), (int)((uint64_t)ew >> 16));
            emit(fs, OP_MUL, t, t, ri[i]);
            emit(fs, OP_ADD, er->off, er->off, t);
        } else if (direct) {
            er->off = ri[i];
        } else {
            emit(fs, OP_ADD, er->off, er->off, ri[i]);
        }
    }
    k /= unit;
    if (k > 32767)
        unimpl(fs, l, "an element this far into an array");
    if (k)
        emit(fs, OP_ADDK, er->off, er->off, (int)(uint16_t)(int16_t)k);
    return true;
}

/* A packed element's address: the array's first byte plus the byte
   offset, into a scalar temporary. */
static int elem_addr(FuncState *fs, ElemRef *er)
{
    int ta = scalar_temp(fs, er->l);
    if (er->arr.heap) {
        emit(fs, OP_PTRADDB, ta, er->arr.slot, er->off);
        return ta;
    }
    if (er->arr.global)
        emit(fs, OP_ADDRG, ta, er->arr.slot, 0);
    else
        emit(fs, OP_ADDR, ta, er->base, 0);
    emit(fs, OP_PTRADDB, ta, ta, er->off);
    return ta;
}

int elem_load(FuncState *fs, ElemRef *er, int dst)
{
    if (er->bytes)
        return mem_load(fs, er->l, etype(er->l), elem_addr(fs, er), 0, dst);
    int d = target(fs, er->l, etype(er->l), dst);
    if (er->arr.heap)
        emitaux(fs, OP_LOADXP, er->nwords, d, er->arr.slot, er->off);
    else if (er->arr.global)
        emitaux(fs, OP_LOADXG, er->nwords, d, er->arr.slot, er->off);
    else
        emitaux(fs, OP_LOADX, er->nwords, d, er->base, er->off);
    return d;
}

void elem_store(FuncState *fs, ElemRef *er, int src)
{
    if (er->bytes) {
        mem_store(fs, er->l, etype(er->l), elem_addr(fs, er), 0, src);
        return;
    }
    if (er->arr.heap)
        emitaux(fs, OP_STOREXP, er->nwords, er->arr.slot, er->off, src);
    else if (er->arr.global)
        emitaux(fs, OP_STOREXG, er->nwords, er->arr.slot, er->off, src);
    else
        emitaux(fs, OP_STOREX, er->nwords, er->base, er->off, src);
}

bool narrow_ref(FuncState *fs, Node *l, int *ptr, int *idx, int *aux)
{
    while (l->kind == E_PAREN)
        l = l->u.unary.x;
    if (l->kind != E_INDEX)
        return false;
    Type *xt = type_underlying(etype(l->u.index.x));
    if (xt->kind != TY_SLICE || !(*aux = narrow_aux(xt->u.slice.elem)))
        return false;
    hoist_calls(fs, l);
    int sl = cexpr(fs, l->u.index.x, alloc_temp(fs, l->u.index.x, etype(l->u.index.x)));
    Node *ix = l->u.index.index;
    int ri = alloc_temp(fs, ix, types_basic[TY_INT]);
    if (ix->mode == MODE_CONST && ix->cv)
        emit_load_const(fs, ix, ix->cv, types_basic[TY_INT], ri);
    else
        cexpr(fs, ix, ri);
    fs->line = l->pos.line;
    emitaux(fs, OP_CHKLEN, is_signed_kind(basic_kind(etype(ix))) ? 0 : 1, ri, sl + 1, 0);
    *ptr = sl;
    *idx = ri;
    return true;
}

/* A location reached through a pointer: *p, p.f, p.f.g, (*p)[2], with
   p any pointer expression (evaluated into a temporary). */
bool ptr_path(FuncState *fs, Node *e, int *ptr, int *boff)
{
    int off = 0;
    Node *x = e;
    for (;;) {
        while (x->kind == E_PAREN)
            x = x->u.unary.x;
        x = promoted_chain(fs, x);
        if (x->kind == E_STAR && x->mode != MODE_TYPEEXPR) {
            x = x->u.unary.x;
            break;
        }
        if (x->kind == E_SELECTOR && x->u.selector.x->mode != MODE_PACKAGE &&
            (!x->obj || x->obj->kind == OBJ_VAR) && x->u.selector.pathlen == 1 && x->u.selector.path &&
            type_underlying(etype(x->u.selector.x))->kind == TY_POINTER) {
            Type *st = type_underlying(type_underlying(etype(x->u.selector.x))->u.pointer.elem);
            if (st->kind != TY_STRUCT)
                return false;
            off += (int)go_fieldoff(st, x->u.selector.path[0]);
            x = x->u.selector.x;
            break;
        }
        if (x->kind == E_INDEX && type_underlying(etype(x->u.index.x))->kind == TY_POINTER &&
            x->u.index.index->mode == MODE_CONST && x->u.index.index->cv) {
            /* p[2], p a pointer to an array */
            Type *at = type_underlying(type_underlying(etype(x->u.index.x))->u.pointer.elem);
            off += (int)(cv_int64(x->u.index.index->cv) * go_sizeof(at->u.array.elem));
            x = x->u.index.x;
            break;
        }
        int o;
        if (x->kind == E_SELECTOR && x->u.selector.x->mode != MODE_PACKAGE && field_path(x, &o)) {
            off += o;
            x = x->u.selector.x;
            continue;
        }
        if (x->kind == E_INDEX && type_underlying(etype(x->u.index.x))->kind == TY_ARRAY &&
            x->u.index.index->mode == MODE_CONST && x->u.index.index->cv) {
            off += (int)(cv_int64(x->u.index.index->cv) *
                         go_sizeof(type_underlying(etype(x->u.index.x))->u.array.elem));
            x = x->u.index.x;
            continue;
        }
        return false;
    }
    if (off > 0xffff)
        unimpl(fs, e, "a field this far into a struct");
    *ptr = cexpr(fs, x, alloc_temp(fs, x, etype(x)));
    *boff = off;
    return true;
}

/* &x: a heap variable's pointer (or into it), a global's address, &T{...}. */
static int caddr(FuncState *fs, Node *e, int dst)
{
    Node *x = e->u.unary.x;
    while (x->kind == E_PAREN)
        x = x->u.unary.x;
    Type *pt = etype(e);
    if (x->kind == E_COMPOSITE) {
        Type *t = type_underlying(pt)->u.pointer.elem;
        int d = target(fs, e, pt, dst);
        int p = d == dst ? alloc_temp(fs, e, pt) : d;
        int nw = type_words(fs, x, t, NULL);
        if (x->type && type_underlying(x->type)->kind == TY_POINTER)
            x->type = t;
        int v = cexpr(fs, x, -1);   /* the elements first: they may allocate */
        emit_new(fs, e, t, p);
        (void)nw;
        mem_store(fs, e, t, p, 0, v);
        emit_move(fs, d, p, 1);
        return d;
    }
    ElemRef er;
    if (elem_path(fs, x, &er, false) && er.arr.heap) {
        /* &s[i], &p.a[i]: the element's address in the heap */
        int d = target(fs, e, pt, dst);
        emit(fs, er.bytes ? OP_PTRADDB : OP_PTRADD, d, er.arr.slot, er.off);
        return d;
    }
    if (elem_path(fs, x, &er, false) && !er.arr.global && er.base >= 0) {
        /* &a[i] of an array kept in the frame (escape analysis) */
        int d = target(fs, e, pt, dst);
        emit(fs, OP_ADDR, d, er.base, 0);
        emit(fs, er.bytes ? OP_PTRADDB : OP_PTRADD, d, d, er.off);
        return d;
    }
    int pp, poff;
    if (ptr_path(fs, x, &pp, &poff)) {
        /* &p.f: p checked, then the field's address */
        int d = target(fs, e, pt, dst);
        int t = alloc_temp(fs, e, types_basic[TY_INT]);
        emit(fs, OP_LOADI, t, poff, 0);
        emit(fs, OP_PTRADDB, d, pp, t);
        return d;
    }
    VarLoc v;
    if (static_loc(fs, x, &v)) {
        int d = target(fs, e, pt, dst);
        if (v.boff >= 32768)
            unimpl(fs, e, "taking this address");
        if (!v.global && !v.heap) {
            /* a variable escape analysis keeps in the frame: its address
               is a pointer slot, which copystack adjusts */
            emit(fs, OP_ADDR, d, v.slot, 0);
            if (v.boff)
                emit(fs, OP_ADDK, d, d, v.boff);
        } else if (v.global) {
            emit(fs, OP_ADDRG, d, v.slot, 0);
            if (v.boff)
                emit(fs, OP_ADDK, d, d, v.boff);
        } else if (v.boff == 0) {
            emit_move(fs, d, v.slot, 1);
        } else {
            emit(fs, OP_ADDK, d, v.slot, v.boff);
        }
        return d;
    }
    unimpl(fs, e, "taking this address");
}

/* Go's == on structs and arrays: field by field, element by element
   (floats as floats, strings by content); jumps to ne on a difference. */
static int ccompare_value(FuncState *fs, Node *at, int op, Type *t, int rx, int ry, int dst);
/* rx, ry: the frame words of the two values; boff: the byte offset of
   the part of type t being compared. */
static void ccompare_words(FuncState *fs, Node *at, Type *t, int rx, int ry, int boff, int tmp, JumpList *ne)
{
    Type *u = type_underlying(type_default(t));
    if (u->kind == TY_STRUCT) {
        for (int i = 0; i < u->u.strct.nfields; i++) {
            if (strcmp(u->u.strct.fields[i].name, "_") == 0)
                continue;
            ccompare_words(fs, at, u->u.strct.fields[i].type, rx, ry, boff + (int)go_fieldoff(u, i), tmp, ne);
        }
        return;
    }
    if (u->kind == TY_ARRAY) {
        int es = (int)go_sizeof(u->u.array.elem);
        for (int64_t i = 0; i < u->u.array.len; i++)
            ccompare_words(fs, at, u->u.array.elem, rx, ry, boff + (int)i * es, tmp, ne);
        return;
    }
    int mark = fs->freereg;
    VarLoc lx = { .slot = rx, .boff = boff, .part = true, .t = t, .nwords = type_words(fs, at, t, NULL) };
    VarLoc ly = lx;
    ly.slot = ry;
    int a = load_var(fs, at, &lx, -1);
    int b = load_var(fs, at, &ly, -1);
    ccompare_value(fs, at, EQL, u, a, b, tmp);
    fs->freereg = mark;
    jl_add(ne, emitjump(fs, OP_JMPF, tmp));
}

static int ccompare_composite(FuncState *fs, Node *at, int op, Type *t, int rx, int ry, int dst)
{
    /* The caller has released the operands' temporaries: the temporaries
       of the comparison go above them. */
    int nw = type_words(fs, at, t, NULL);
    if (rx < CALLAREA && rx + nw > fs->freereg)
        fs->freereg = rx + nw;
    if (ry < CALLAREA && ry + nw > fs->freereg)
        fs->freereg = ry + nw;
    int tmp = alloc_temp(fs, at, types_basic[TY_BOOL]);
    JumpList ne = { 0 };
    ccompare_words(fs, at, t, rx, ry, 0, tmp, &ne);
    emit(fs, OP_LOADI, dst, op == EQL, 0);
    int j = emitjump(fs, OP_JMP, 0);
    patchhere(fs, &ne);
    emit(fs, OP_LOADI, dst, op != EQL, 0);
    JumpList end = { 0 };
    jl_add(&end, j);
    patchhere(fs, &end);
    return dst;
}

/* []T{...}: the backing array (make), then each element stored. */
static int cslicelit(FuncState *fs, Node *e, int dst)
{
    Type *t = etype(e);
    Type *et = type_underlying(t)->u.slice.elem;
    NodeList *elts = e->u.composite.elts;
    int n = elts ? elts->len : 0;
    int64_t len = 0, idx = 0;
    for (int i = 0; i < n; i++) {
        Node *el = elts->items[i];
        if (el->kind == E_KEYVALUE)
            idx = cv_int64(el->u.binary.x->cv);
        idx++;
        if (idx > len)
            len = idx;
    }
    int ew = type_words(fs, e, et, NULL);
    if (len * ew > 0xffff || ew > 255 || len > 0x7fffffff)
        unimpl(fs, e, "slice literals this long");
    hoist_list(fs, elts);
    int d = alloc_temp(fs, e, t);
    emit(fs, OP_LOADI, d + 1, (int)len, 0);
    emit(fs, OP_LOADI, d + 2, (int)len, 0);
    if (!stack_array(fs, e, et, len, d)) {
        Slot rt = { .p = rtype_of(fs, e, et) };
        int k = addconst(fs, rt);
        emit(fs, OP_MAKESLICE, d, k & 0xffff, (int)((unsigned)k >> 16));
    }
    idx = 0;
    for (int i = 0; i < n; i++) {
        Node *val = elts->items[i];
        if (val->kind == E_KEYVALUE) {
            idx = cv_int64(val->u.binary.x->cv);
            val = val->u.binary.y;
        }
        int mark = fs->freereg;
        int r = val->mode == MODE_CONST && val->cv ? (emit_load_const(fs, val, val->cv, et, alloc_temp(fs, val, et)), fs->freereg - ew)
                                                   : cexpr(fs, val, -1);
        if (narrow_aux(et)) {
            int ti = alloc_temp(fs, val, types_basic[TY_INT]);
            emit(fs, OP_LOADI, ti, (int)(idx & 0xffff), (int)((uint64_t)idx >> 16));
            emitaux(fs, OP_STOREN, narrow_aux(et), d, ti, r);
        } else if (!word_access(et, 0)) {
            mem_store(fs, val, et, d, (int)(idx * go_sizeof(et)), r);
        } else {
            emitaux(fs, OP_STOREP, ew, d, (int)(idx * ew), r);
        }
        fs->freereg = mark;
        idx++;
    }
    if (dst < 0)
        return d;
    emit_move(fs, dst, d, 3);
    return dst;
}

/* x[lo:hi:max] of a slice, a string, an array variable (which lives on
   the heap: its address is taken) or a pointer to an array. */
static int cslice(FuncState *fs, Node *e, int dst)
{
    Node *x = e->u.slice.x;
    Type *xt = type_underlying(etype(x));
    bool str = xt->kind == TY_STRING;
    hoist_calls(fs, e);
    /* s[b..b+6): ptr, len, cap, lo, hi, max */
    uint8_t kinds[6] = { SLOT_PTR, SLOT_SCALAR, SLOT_SCALAR, SLOT_SCALAR, SLOT_SCALAR, SLOT_SCALAR };
    int b = alloc_slots(fs, 6, kinds, NULL);
    int64_t es;
    if (xt->kind == TY_SLICE) {
        cexpr(fs, x, b);
        es = go_sizeof(xt->u.slice.elem);
    } else if (str) {
        cexpr(fs, x, b);
        emit(fs, OP_MOVE, b + 2, b + 1, 0);
        es = 1;
    } else {
        Type *at = xt;
        if (xt->kind == TY_POINTER) {
            at = type_underlying(xt->u.pointer.elem);
            cexpr(fs, x, b);
        } else {
            VarLoc v;
            if (xt->kind != TY_ARRAY || !static_loc(fs, x, &v))
                unimpl(fs, e, "slicing this array");
            if (v.boff >= 32768)
                unimpl(fs, e, "slicing this array");
            if (!v.global && !v.heap) {
                /* an array escape analysis keeps in the frame */
                emit(fs, OP_ADDR, b, v.slot, 0);
                if (v.boff)
                    emit(fs, OP_ADDK, b, b, v.boff);
            } else if (v.global) {
                emit(fs, OP_ADDRG, b, v.slot, 0);
                if (v.boff)
                    emit(fs, OP_ADDK, b, b, v.boff);
            } else if (v.boff == 0) {
                emit(fs, OP_MOVE, b, v.slot, 0);
            } else {
                emit(fs, OP_ADDK, b, v.slot, v.boff);
            }
        }
        if (at->kind != TY_ARRAY || at->u.array.len > 0x7fffffff)
            unimpl(fs, e, "slicing this array");
        emit(fs, OP_LOADI, b + 1, (int)(at->u.array.len & 0xffff), (int)((uint64_t)at->u.array.len >> 16));
        emit(fs, OP_MOVE, b + 2, b + 1, 0);
        es = go_sizeof(at->u.array.elem);
    }
    if (es > 0xffff)
        unimpl(fs, e, "slicing arrays of elements this large");
    Node *lo = e->u.slice.lo, *hi = e->u.slice.hi, *max = e->u.slice.max;
    Type *tint = types_basic[TY_INT];
    if (lo) cexpr(fs, lo, b + 3); else emit(fs, OP_LOADI, b + 3, 0, 0);
    if (hi) cexpr(fs, hi, b + 4); else emit(fs, OP_MOVE, b + 4, b + 1, 0);
    if (max) cexpr(fs, max, b + 5); else emit(fs, OP_MOVE, b + 5, b + 2, 0);
    (void)tint;
    int d = target(fs, e, e->type, dst);
    fs->line = e->pos.line;
    emitaux(fs, OP_SLICE, (e->u.slice.three ? 1 : 0) | (str ? 2 : 0), d, b, (int)es);
    return d;
}

/* T{...} for a struct or array type: the zero value, then each element. */
static int ccomposite(FuncState *fs, Node *e, int dst)
{
    Type *t = etype(e);
    Type *u = type_underlying(t);
    if (u->kind == TY_POINTER) {
        /* an elided &T{...} inside a literal */
        Node *amp = ast_new(E_UNARY, e->pos);
        amp->u.unary.op = '&';
        amp->u.unary.x = e;
        amp->type = t;
        amp->mode = MODE_VALUE;
        e->type = u->u.pointer.elem;
        int r = caddr(fs, amp, dst);
        e->type = t;
        return r;
    }
    if (u->kind == TY_SLICE)
        return cslicelit(fs, e, dst);
    if (u->kind == TY_MAP)
        return cmaplit(fs, e, dst);
    if (u->kind != TY_STRUCT && u->kind != TY_ARRAY)
        unimpl(fs, e, u->kind == TY_POINTER ? "pointers" : u->kind == TY_MAP ? "maps" : "composite literals");
    int nw = type_words(fs, e, t, NULL);
    NodeList *elts = e->u.composite.elts;
    int n = elts ? elts->len : 0;
    /* built in a temporary unless dst is one: an element may read the
       variable being assigned (p = P{p.y, p.x}) */
    hoist_list(fs, elts);
    int d = alloc_temp(fs, e, t);
    emit(fs, OP_ZERO, d, nw, 0);
    int64_t idx = 0;
    for (int i = 0; i < n; i++) {
        Node *el = elts->items[i];
        Node *val = el;
        int off;
        Type *ft;
        if (u->kind == TY_STRUCT) {
            int fi = i;
            if (el->kind == E_KEYVALUE) {
                const char *name = el->u.binary.x->u.ident.name;
                for (fi = 0; fi < u->u.strct.nfields; fi++)
                    if (strcmp(u->u.strct.fields[fi].name, name) == 0)
                        break;
                val = el->u.binary.y;
            }
            ft = u->u.strct.fields[fi].type;
            off = (int)go_fieldoff(u, fi);
        } else {
            if (el->kind == E_KEYVALUE) {
                idx = cv_int64(el->u.binary.x->cv);
                val = el->u.binary.y;
            }
            ft = u->u.array.elem;
            off = (int)(idx * go_sizeof(ft));
            idx++;
        }
        if (val->kind == E_COMPOSITE && !val->type)
            val->type = ft;
        int mark = fs->freereg;
        if (word_access(ft, off)) {
            cexpr(fs, val, d + off / 8);
        } else {
            /* a packed field or element: its bytes only */
            int r = alloc_temp(fs, val, ft);
            if (val->mode == MODE_CONST && val->cv)
                emit_load_const(fs, val, val->cv, ft, r);
            else
                cexpr(fs, val, r);
            VarLoc part = { .slot = d, .boff = off, .part = true, .t = ft, .nwords = type_words(fs, val, ft, NULL) };
            store_var(fs, val, &part, r);
        }
        fs->freereg = mark;
    }
    if (dst < 0)
        return d;
    emit_move(fs, dst, d, nw);
    return dst;
}


void emit_load_const(FuncState *fs, Node *at, ConstVal *cv, Type *t, int dst)
{
    int k = basic_kind(t);
    Slot v = { 0 };
    switch (k) {
    case TY_BOOL:
        emit(fs, OP_LOADI, dst, cv->b, 0);
        return;
    case TY_FLOAT64:
        v.f = cv_float64(cv);
        emit_loadk(fs, OP_LOADK, dst, addconst(fs, v));
        return;
    case TY_FLOAT32: {
        float f = (float)cv_float64(cv);
        uint32_t u;
        memcpy(&u, &f, 4);
        v.u = u;
        emit_loadk(fs, OP_LOADK, dst, addconst(fs, v));
        return;
    }
    case TY_STRING: {
        char *p = NULL;
        if (cv->slen) {
            p = GC_MALLOC_ATOMIC(cv->slen);
            memcpy(p, cv->s, cv->slen);
        }
        Slot w0 = { .p = p }, w1 = { .u = cv->slen };
        int k0 = addconst(fs, w0);
        addconst(fs, w1);
        emit_loadk(fs, OP_LOADK2, dst, k0);
        return;
    }
    default:
        if (!is_int_kind(k))
            unimpl(fs, at, k == TY_UNTYPED_NIL ? "nil" : "constants of this type");
        if (is_signed_kind(k))
            v.i = cv_int64(cv);
        else
            v.u = cv_uint64(cv);
        if (v.i >= INT32_MIN && v.i <= INT32_MAX)
            emit(fs, OP_LOADI, dst, (int)((uint32_t)v.i & 0xffff), (int)(((uint32_t)v.i >> 16) & 0xffff));
        else
            emit_loadk(fs, OP_LOADK, dst, addconst(fs, v));
        return;
    }
}

/* ---- purity: may evaluating e call or allocate? ---- */

static int find_hoisted(FuncState *fs, Node *e)
{
    for (int i = fs->nhoisted - 1; i >= 0; i--)
        if (fs->hoisted[i] == e)
            return fs->hoistslot[i];
    return -1;
}

bool is_pure(FuncState *fs, Node *e)
{
    if (!e)
        return true;
    if (e->mode == MODE_CONST)
        return true;
    switch (e->kind) {
    case E_IDENT:
        return true;
    case E_PAREN:
        return is_pure(fs, e->u.unary.x);
    case E_UNARY:
        return e->u.unary.op != ARROW && e->u.unary.op != '&' && is_pure(fs, e->u.unary.x);
    case E_BINARY:
        if (e->u.binary.op == '+' && type_is_string(etype(e)))
            return false;
        return is_pure(fs, e->u.binary.x) && is_pure(fs, e->u.binary.y);
    case E_INDEX:
        return type_is_string(etype(e->u.index.x)) && is_pure(fs, e->u.index.x) &&
               is_pure(fs, e->u.index.index);
    case E_CALL:
        if (fs && find_hoisted(fs, e) >= 0)
            return true;
        if (e->u.call.conv && e->u.call.args && e->u.call.args->len == 1) {
            Node *x = e->u.call.args->items[0];
            if (type_is_string(etype(e)) && !type_is_string(etype(x)))
                return false;   /* string(rune) allocates */
            return is_pure(fs, x);
        }
        if (e->u.call.fun->mode == MODE_BUILTIN && e->u.call.fun->obj &&
            e->u.call.fun->obj->builtin == BI_LEN)
            return is_pure(fs, e->u.call.args->items[0]);
        return false;
    default:
        return false;
    }
}

/* Does e contain a call that hoist_calls would evaluate? */
static bool has_call(Node *e)
{
    if (!e || e->mode == MODE_CONST)
        return false;
    switch (e->kind) {
    case E_PAREN: case E_UNARY:
        return has_call(e->u.unary.x);
    case E_BINARY:
        return has_call(e->u.binary.x) ||
               (e->u.binary.op != LAND && e->u.binary.op != LOR && has_call(e->u.binary.y));
    case E_INDEX:
        return has_call(e->u.index.x) || has_call(e->u.index.index);
    case E_SELECTOR:
        return e->u.selector.x->mode != MODE_PACKAGE && has_call(e->u.selector.x);
    case E_STAR:
        return has_call(e->u.unary.x);
    case E_KEYVALUE:
        return has_call(e->u.binary.y);
    case E_COMPOSITE:
        if (e->u.composite.elts)
            for (int i = 0; i < e->u.composite.elts->len; i++)
                if (has_call(e->u.composite.elts->items[i]))
                    return true;
        return false;
    case E_CALL:
        if (e->u.call.fun->mode == MODE_BUILTIN && e->u.call.fun->obj && e->u.call.fun->obj->builtin == BI_NEW)
            return false;
        if (e->u.call.conv || e->u.call.fun->mode == MODE_BUILTIN) {
            /* a builtin or conversion calls nothing itself, but any argument may */
            if (e->u.call.args)
                for (int i = 0; i < e->u.call.args->len; i++)
                    if (has_call(e->u.call.args->items[i]))
                        return true;
            return false;
        }
        return true;
    default:
        return false;
    }
}

/* Does e read a variable a call could change (outside the arguments of its
   calls, which are read when the call is made)? In this slice only package
   variables; pointers, the heap and captured variables join them later. */
static bool reads_memory(Node *e)
{
    if (!e || e->mode == MODE_CONST)
        return false;
    switch (e->kind) {
    case E_IDENT:
        return e->obj && e->obj->kind == OBJ_VAR && (e->obj->is_global || var_on_heap(e->obj));
    case E_PAREN: case E_UNARY:
        if (e->kind == E_UNARY && e->u.unary.op == '&')
            return false;   /* &x reads no value */
        return reads_memory(e->u.unary.x);
    case E_SELECTOR:
        if (e->u.selector.x->mode == MODE_PACKAGE)
            return true;
        return e->u.selector.indirect || reads_memory(e->u.selector.x);
    case E_KEYVALUE:
        return reads_memory(e->u.binary.y);
    case E_COMPOSITE:
        if (e->u.composite.elts)
            for (int i = 0; i < e->u.composite.elts->len; i++)
                if (reads_memory(e->u.composite.elts->items[i]))
                    return true;
        return false;
    case E_BINARY:
        return reads_memory(e->u.binary.x) || reads_memory(e->u.binary.y);
    case E_INDEX:
        if (e->u.index.x->type && type_underlying(etype(e->u.index.x))->kind == TY_MAP)
            return true;    /* a map's elements are heap memory */
        return reads_memory(e->u.index.x) || reads_memory(e->u.index.index);
    case E_CALL:
        if (e->u.call.conv || e->u.call.fun->mode == MODE_BUILTIN) {
            if (e->u.call.args)
                for (int i = 0; i < e->u.call.args->len; i++)
                    if (reads_memory(e->u.call.args->items[i]))
                        return true;
            return false;
        }
        return false;
    default:
        return true;
    }
}

static void add_hoisted(FuncState *fs, Node *e, int slot)
{
    if (fs->nhoisted == fs->caphoisted) {
        fs->caphoisted = fs->caphoisted ? fs->caphoisted * 2 : 8;
        fs->hoisted = GC_REALLOC(fs->hoisted, fs->caphoisted * sizeof(Node *));
        fs->hoistslot = GC_REALLOC(fs->hoistslot, fs->caphoisted * sizeof(int));
    }
    fs->hoisted[fs->nhoisted] = e;
    fs->hoistslot[fs->nhoisted++] = slot;
}

/* Only when it matters: without a memory read in e, evaluating its calls
   first or in place cannot be told apart (and in place is faster). */
void hoist_now(FuncState *fs, Node *e);

void hoist_calls(FuncState *fs, Node *e)
{
    if (has_call(e) && reads_memory(e))
        hoist_now(fs, e);
}

void hoist_now(FuncState *fs, Node *e)
{
    if (!has_call(e))
        return;
    switch (e->kind) {
    case E_PAREN: case E_UNARY:
        hoist_now(fs, e->u.unary.x);
        return;
    case E_BINARY:
        hoist_now(fs, e->u.binary.x);
        if (e->u.binary.op != LAND && e->u.binary.op != LOR)
            hoist_now(fs, e->u.binary.y);   /* && ||: evaluated only if needed */
        return;
    case E_INDEX:
        hoist_now(fs, e->u.index.x);
        hoist_now(fs, e->u.index.index);
        return;
    case E_SELECTOR: case E_STAR:
        hoist_now(fs, e->kind == E_STAR ? e->u.unary.x : e->u.selector.x);
        return;
    case E_KEYVALUE:
        hoist_now(fs, e->u.binary.y);
        return;
    case E_COMPOSITE:
        for (int i = 0; i < e->u.composite.elts->len; i++)
            hoist_now(fs, e->u.composite.elts->items[i]);
        return;
    case E_CALL:
        if (e->u.call.conv || e->u.call.fun->mode == MODE_BUILTIN) {
            for (int i = 0; e->u.call.args && i < e->u.call.args->len; i++)
                hoist_now(fs, e->u.call.args->items[i]);
            return;
        }
        if (find_hoisted(fs, e) >= 0)
            return;
        if (!e->type || e->type->kind == TY_TUPLE || e->mode == MODE_NOVALUE)
            return;    /* f(g()) forwarding and statements: compiled where they stand */
        {
            int t = alloc_temp(fs, e, e->type);
            cexpr(fs, e, t);
            add_hoisted(fs, e, t);
        }
        return;
    default:
        return;
    }
}

/* The expressions of l are evaluated as one: their calls first when some
   of them reads memory. */
void hoist_list(FuncState *fs, NodeList *l)
{
    bool calls = false, reads = false;
    for (int i = 0; l && i < l->len; i++) {
        calls |= has_call(l->items[i]);
        reads |= reads_memory(l->items[i]);
    }
    if (calls && reads)
        for (int i = 0; i < l->len; i++)
            hoist_now(fs, l->items[i]);
}

/* ---- operators ---- */

static bool is_compare(int op)
{
    return op == EQL || op == NEQ || op == '<' || op == LEQ || op == '>' || op == GEQ;
}

/* x op y for operands of type t (already in rx, ry) into dst. */
static int cbinop(FuncState *fs, Node *at, int op, Type *t, int rx, int ry, int dst)
{
    int k = basic_kind(t);
    bool sgn = is_signed_kind(k);
    if (is_int_kind(k)) {
        int o;
        bool ext = true;
        switch (op) {
        case '+': o = OP_ADD; break;
        case '-': o = OP_SUB; break;
        case '*': o = OP_MUL; break;
        case '/': o = sgn ? OP_DIV : OP_DIVU; ext = sgn; break;
        case '%': o = sgn ? OP_MOD : OP_MODU; ext = false; break;
        case '&': o = OP_AND; ext = false; break;
        case '|': o = OP_OR; ext = false; break;
        case '^': o = OP_XOR; ext = false; break;
        case AND_NOT: o = OP_ANDNOT; ext = false; break;
        default: unimpl(fs, at, "this operator");
        }
        emit(fs, o, dst, rx, ry);
        if (ext)
            emit_ext(fs, k, dst);
        return dst;
    }
    if (k == TY_FLOAT64 || k == TY_FLOAT32) {
        bool f32 = k == TY_FLOAT32;
        int o;
        switch (op) {
        case '+': o = f32 ? OP_ADDF32 : OP_ADDF; break;
        case '-': o = f32 ? OP_SUBF32 : OP_SUBF; break;
        case '*': o = f32 ? OP_MULF32 : OP_MULF; break;
        case '/': o = f32 ? OP_DIVF32 : OP_DIVF; break;
        default: unimpl(fs, at, "this operator");
        }
        emit(fs, o, dst, rx, ry);
        return dst;
    }
    if (k == TY_STRING && op == '+') {
        emit(fs, OP_CONCAT, dst, rx, ry);
        return dst;
    }
    unimpl(fs, at, "this operator");
}

static int cshift(FuncState *fs, Node *at, int op, Type *t, Type *ct, int rx, int ry, int dst)
{
    int k = basic_kind(t);
    int aux = is_signed_kind(basic_kind(ct)) ? 1 : 0;
    if (op == SHL) {
        emitaux(fs, OP_SHL, aux, dst, rx, ry);
        emit_ext(fs, k, dst);
    } else {
        emitaux(fs, is_signed_kind(k) ? OP_SHR : OP_SHRU, aux, dst, rx, ry);
    }
    return dst;
}

/* Compiles the binary expression x op y with operands of type t in the
   slots rx, ry; shared with op-assignment (compile_stmt.c). */
int cbinary_slots(FuncState *fs, Node *at, int op, Type *t, Type *yt, int rx, int ry, int dst)
{
    if (op == SHL || op == SHR)
        return cshift(fs, at, op, t, yt, rx, ry, dst);
    return cbinop(fs, at, op, t, rx, ry, dst);
}

/* Comparison into a bool at dst. */
static int ccompare_value(FuncState *fs, Node *at, int op, Type *t, int rx, int ry, int dst)
{
    int k = basic_kind(t);
    if (op == '>' || op == GEQ) {       /* a > b is b < a */
        int tmp = rx; rx = ry; ry = tmp;
        op = op == '>' ? '<' : LEQ;
    }
    if ((k == TY_POINTER || k == TY_SLICE || k == TY_FUNC || k == TY_MAP || k == TY_CHAN) && (op == EQL || op == NEQ)) {   /* a slice only with nil: its pointer */
        emit(fs, op == EQL ? OP_EQ : OP_NE, dst, rx, ry);
    } else if (is_int_kind(k) || k == TY_BOOL) {
        bool u = !is_signed_kind(k);
        int o = op == EQL ? OP_EQ : op == NEQ ? OP_NE : op == '<' ? (u ? OP_LTU : OP_LT) : (u ? OP_LEU : OP_LE);
        emit(fs, o, dst, rx, ry);
    } else if (k == TY_FLOAT64 || k == TY_FLOAT32) {
        bool f = k == TY_FLOAT32;
        int o = op == EQL ? (f ? OP_EQF32 : OP_EQF) : op == NEQ ? (f ? OP_NEF32 : OP_NEF)
              : op == '<' ? (f ? OP_LTF32 : OP_LTF) : (f ? OP_LEF32 : OP_LEF);
        emit(fs, o, dst, rx, ry);
    } else if (k == TY_STRING) {
        if (op == EQL || op == NEQ) {
            emit(fs, OP_EQSTR, dst, rx, ry);
            if (op == NEQ)
                emit(fs, OP_NOT, dst, dst, 0);
        } else {
            emit(fs, op == '<' ? OP_LTSTR : OP_LESTR, dst, rx, ry);
        }
    } else if ((type_underlying(t)->kind == TY_STRUCT || type_underlying(t)->kind == TY_ARRAY) &&
               (op == EQL || op == NEQ)) {
        return ccompare_composite(fs, at, op, t, rx, ry, dst);
    } else if (type_is_interface(t) && (op == EQL || op == NEQ)) {
        fs->line = at->pos.line;
        emitaux(fs, OP_EQIFACE, is_empty_iface(t) ? 0 : 1, dst, rx, ry);
        if (op == NEQ)
            emit(fs, OP_NOT, dst, dst, 0);
    } else {
        unimpl(fs, at, ast_sprintf("comparing values of type %s", type_string(t)));
    }
    return dst;
}

static Type *operand_type(Node *x, Node *y)
{
    Type *t = x->type;
    if (!t || type_is_untyped(t))
        t = y->type && !type_is_untyped(y->type) ? y->type : etype(x);
    return t;
}

static bool small_const(Node *e, int *v)
{
    if (e->mode != MODE_CONST || !e->cv || e->cv->kind != CV_INT)
        return false;
    int k = basic_kind(etype(e));
    if (!is_signed_kind(k))
        return false;
    int64_t i = cv_int64(e->cv);
    if (i < -32768 || i > 32767)
        return false;
    *v = (int)i;
    return true;
}

static int negate_cmp(int op)
{
    switch (op) {
    case EQL: return NEQ;
    case NEQ: return EQL;
    case '<': return GEQ;
    case LEQ: return '>';
    case '>': return LEQ;
    default: return '<';   /* GEQ */
    }
}

static int swap_cmp(int op)
{
    switch (op) {
    case '<': return '>';
    case LEQ: return GEQ;
    case '>': return '<';
    case GEQ: return LEQ;
    default: return op;
    }
}

/* Emits "if x op y goto jl" for integer-like operands (signed or not). */
static void cjump_int(FuncState *fs, Node *x, Node *y, int op, Type *t, JumpList *jl)
{
    int v;
    bool sgn = is_signed_kind(basic_kind(t)) || basic_kind(t) == TY_BOOL;
    if (!small_const(y, &v) && small_const(x, &v) && sgn) {
        Node *tmp = x; x = y; y = tmp;
        op = swap_cmp(op);
    }
    if (small_const(y, &v) && (sgn || op == EQL || op == NEQ)) {
        int rx = cexpr(fs, x, -1);
        int o = op == EQL ? OP_JEQK : op == NEQ ? OP_JNEK : op == '<' ? OP_JLTK
              : op == LEQ ? OP_JLEK : op == '>' ? OP_JGTK : OP_JGEK;
        jl_add(jl, emit(fs, o, rx, (uint16_t)(int16_t)v, 0));
        return;
    }
    int rx = cexpr(fs, x, -1);
    int ry = cexpr(fs, y, -1);
    if (op == '>' || op == GEQ) {
        int tmp = rx; rx = ry; ry = tmp;
        op = op == '>' ? '<' : LEQ;
    }
    bool u = !sgn;
    int o = op == EQL ? OP_JEQ : op == NEQ ? OP_JNE : op == '<' ? (u ? OP_JLTU : OP_JLT) : (u ? OP_JLEU : OP_JLE);
    jl_add(jl, emit(fs, o, rx, ry, 0));
}

void ccond(FuncState *fs, Node *e, bool jumpif, JumpList *jl)
{
    fs->line = e->pos.line;
    if (e->mode == MODE_CONST && e->cv && e->cv->kind == CV_BOOL) {
        if (e->cv->b == jumpif)
            jl_add(jl, emitjump(fs, OP_JMP, 0));
        return;
    }
    if (e->kind == E_PAREN) {
        ccond(fs, e->u.unary.x, jumpif, jl);
        return;
    }
    if (e->kind == E_UNARY && e->u.unary.op == '!') {
        ccond(fs, e->u.unary.x, !jumpif, jl);
        return;
    }
    int mark = fs->freereg;
    if (e->kind == E_BINARY && (e->u.binary.op == LAND || e->u.binary.op == LOR)) {
        bool isand = e->u.binary.op == LAND;
        if (isand == jumpif) {
            /* (a && b) true -> jump: a false skips */
            JumpList skip = { 0 };
            ccond(fs, e->u.binary.x, !jumpif, &skip);
            ccond(fs, e->u.binary.y, jumpif, jl);
            patchhere(fs, &skip);
        } else {
            ccond(fs, e->u.binary.x, jumpif, jl);
            ccond(fs, e->u.binary.y, jumpif, jl);
        }
        return;
    }
    if (e->kind == E_BINARY && is_compare(e->u.binary.op)) {
        Node *x = e->u.binary.x, *y = e->u.binary.y;
        Type *t = operand_type(x, y);
        int k = basic_kind(t);
        if (is_int_kind(k) || k == TY_BOOL) {
            hoist_calls(fs, e);
            int op = jumpif ? e->u.binary.op : negate_cmp(e->u.binary.op);
            cjump_int(fs, x, y, op, t, jl);
            fs->freereg = mark;
            return;
        }
    }
    int r = cexpr(fs, e, -1);
    jl_add(jl, emitjump(fs, jumpif ? OP_JMPT : OP_JMPF, r));
    fs->freereg = mark;
}

/* ---- conversions ---- */

static int cconv(FuncState *fs, Node *e, int dst)
{
    Node *x = e->u.call.args->items[0];
    Type *from = etype(x), *to = e->type;
    if (type_is_interface(to))
        return cconv_iface(fs, e, dst);
    int fk = basic_kind(from), tk = basic_kind(to);
    Type *fu = type_underlying(from), *tu = type_underlying(to);
    if ((tu->kind == TY_SLICE && fu->kind == TY_STRING) || (tu->kind == TY_STRING && fu->kind == TY_SLICE)) {
        Type *et = type_underlying(tu->kind == TY_SLICE ? tu->u.slice.elem : fu->u.slice.elem);
        bool runes = et->kind == TY_INT32;
        if (et->kind != TY_INT32 && et->kind != TY_UINT8)
            unimpl(fs, e, ast_sprintf("conversion from %s to %s", type_string(from), type_string(to)));
        int r = cexpr(fs, x, -1);
        int d = target(fs, e, to, dst);
        int op = tu->kind == TY_SLICE ? (runes ? OP_STR2RUNES : OP_STR2BYTES) : (runes ? OP_RUNES2STR : OP_BYTES2STR);
        if (d == r) {
            int t = alloc_temp(fs, e, to);
            emit(fs, op, t, r, 0);
            emit_move(fs, d, t, type_words(fs, e, to, NULL));
        } else {
            emit(fs, op, d, r, 0);
        }
        return d;
    }
    if (tu->kind >= TY_BASIC_COUNT || fu->kind >= TY_BASIC_COUNT) {
        bool words = tu->kind == TY_STRUCT || tu->kind == TY_ARRAY || tu->kind == TY_SLICE || tu->kind == TY_POINTER ||
                     tu->kind == TY_FUNC;
        if (words && (types_identical(fu, tu) || fu->kind == TY_UNTYPED_NIL)) {
            /* the same words under another type: P(q), []int(nil) */
            if (fu->kind == TY_UNTYPED_NIL) {
                int d = target(fs, e, to, dst);
                emit(fs, OP_ZERO, d, type_words(fs, e, to, NULL), 0);
                return d;
            }
            return cexpr(fs, x, dst);
        }
        if (types_identical(fu, tu))
            unimpl(fs, e, "conversions of composite types");
        unimpl(fs, e, ast_sprintf("conversion from %s to %s", type_string(from), type_string(to)));
    }
    if (is_int_kind(fk) && is_int_kind(tk)) {
        int r = cexpr(fs, x, -1);
        if (ext_op(tk) < 0) {
            if (dst < 0)
                return r;
            emit(fs, OP_MOVE, dst, r, 0);
            return dst;
        }
        int d = target(fs, e, to, dst);
        emit(fs, ext_op(tk), d, r, 0);
        return d;
    }
    if (is_int_kind(fk) && (tk == TY_FLOAT64 || tk == TY_FLOAT32)) {
        int r = cexpr(fs, x, -1);
        int d = target(fs, e, to, dst);
        bool s = is_signed_kind(fk);
        emit(fs, tk == TY_FLOAT64 ? (s ? OP_I2F : OP_U2F) : (s ? OP_I2F32 : OP_U2F32), d, r, 0);
        return d;
    }
    if ((fk == TY_FLOAT64 || fk == TY_FLOAT32) && is_int_kind(tk)) {
        int r = cexpr(fs, x, -1);
        int d = target(fs, e, to, dst);
        if (fk == TY_FLOAT32) {
            emit(fs, OP_F322F, d, r, 0);
            r = d;
        }
        bool u64 = tk == TY_UINT64 || tk == TY_UINT || tk == TY_UINTPTR;
        /* gc on amd64: int32 and narrower (also uint8, uint16) convert with
           the 32-bit CVTTSD2SL, then truncate (ssagen's fpConvOpToSSA) */
        bool c32 = tk == TY_INT32 || tk == TY_INT16 || tk == TY_INT8 || tk == TY_UINT16 || tk == TY_UINT8;
        emit(fs, u64 ? OP_F2U : c32 ? OP_F2I32 : OP_F2I, d, r, 0);
        emit_ext(fs, tk, d);
        return d;
    }
    if ((fk == TY_FLOAT64 || fk == TY_FLOAT32) && (tk == TY_FLOAT64 || tk == TY_FLOAT32)) {
        int r = cexpr(fs, x, -1);
        if (fk == tk) {
            if (dst < 0)
                return r;
            emit(fs, OP_MOVE, dst, r, 0);
            return dst;
        }
        int d = target(fs, e, to, dst);
        emit(fs, tk == TY_FLOAT32 ? OP_F2F32 : OP_F322F, d, r, 0);
        return d;
    }
    if (fk == tk) {    /* string -> named string, bool -> named bool */
        int r = cexpr(fs, x, -1);
        if (dst < 0)
            return r;
        emit_move(fs, dst, r, tk == TY_STRING ? 2 : 1);
        return dst;
    }
    if (is_int_kind(fk) && tk == TY_STRING) {
        int r = cexpr(fs, x, -1);
        int d = target(fs, e, to, dst);
        emit(fs, OP_RUNESTR, d, r, 0);
        return d;
    }
    unimpl(fs, e, ast_sprintf("conversion from %s to %s", type_string(from), type_string(to)));
}

/* ---- calls ---- */

typedef struct ArgItem {
    Node *e;       /* NULL: a constant word, kind or str */
    int off;       /* offset in the call area */
    int words;
    int64_t kind;  /* e == NULL && str == NULL: this small number */
    Type *t;       /* e's type */
    const char *str;   /* e == NULL: the address of this C string (Boehm memory) */
    int addr;          /* e == NULL && str == NULL: > 0: the address of frame slot addr-1; < 0: of global -addr-1 */
} ArgItem;

/* A constant argument word: a small kind number (LOADI), or the address
   of a C string (a type name: LOADK; the constant pool keeps the Boehm
   string alive). */
static void emit_argconst(FuncState *fs, ArgItem *it)
{
    if (!it->str && it->addr) {
        if (it->addr > 0)
            emit(fs, OP_ADDR, CALLAREA + it->off, it->addr - 1, 0);
        else
            emit(fs, OP_ADDRG, CALLAREA + it->off, -it->addr - 1, 0);
        return;
    }
    if (!it->str) {
        emit(fs, OP_LOADI, CALLAREA + it->off, (int)(it->kind & 0xffff), 0);
        return;
    }
    Slot name = { .s = it->str };
    int k = addconst(fs, name);
    emit(fs, OP_LOADK, CALLAREA + it->off, k & 0xffff, (int)((unsigned)k >> 16));
}

/* Evaluates args into the call area (see the file comment). */
static void eval_args(FuncState *fs, ArgItem *items, int n)
{
    bool calls = false, reads = false;
    for (int i = 0; i < n; i++) {
        calls |= has_call(items[i].e);
        reads |= reads_memory(items[i].e);
    }
    if (calls && reads)
        for (int i = 0; i < n; i++)
            hoist_now(fs, items[i].e);
    int lastimpure = -1;
    for (int i = 0; i < n; i++)
        if (items[i].e && !is_pure(fs, items[i].e))
            lastimpure = i;
    int *tmp = GC_MALLOC_ATOMIC((n + 1) * sizeof(int));
    for (int i = 0; i < n; i++) {
        ArgItem *it = &items[i];
        if (!it->e) {
            if (i < lastimpure)
                tmp[i] = -1;   /* a constant: loaded late */
            else
                emit_argconst(fs, it);
            continue;
        }
        if (i < lastimpure) {
            int t = alloc_temp(fs, it->e, it->t);
            tmp[i] = cexpr(fs, it->e, t);
        } else {
            cexpr(fs, it->e, CALLAREA + it->off);
        }
    }
    for (int i = 0; i < n && i < lastimpure; i++) {
        if (!items[i].e)
            emit_argconst(fs, &items[i]);
        else
            emit_move(fs, CALLAREA + items[i].off, tmp[i], items[i].words);
    }
}

int typedesc_kind(FuncState *fs, Node *at, Type *t)
{
    switch (basic_kind(t)) {
    case TY_ARRAY: return kindArray;
    case TY_STRUCT: return kindStruct;
    case TY_POINTER: return kindPtr;
    case TY_SLICE: return kindSlice;
    case TY_FUNC: return kindFunc;
    case TY_MAP: return kindMap;
    case TY_CHAN: return kindChan;
    case TY_BOOL: return 1;     /* kindBool .. (typedesc.h) */
    case TY_INT: return 2;
    case TY_INT8: return 3;
    case TY_INT16: return 4;
    case TY_INT32: return 5;
    case TY_INT64: return 6;
    case TY_UINT: return 7;
    case TY_UINT8: return 8;
    case TY_UINT16: return 9;
    case TY_UINT32: return 10;
    case TY_UINT64: return 11;
    case TY_UINTPTR: return 12;
    case TY_FLOAT32: return 13;
    case TY_FLOAT64: return 14;
    case TY_STRING: return 24;
    case TY_INTERFACE: return kindInterface;
    default:
        unimpl(fs, at, ast_sprintf("printing values of type %s", type_string(t)));
    }
}

/* Calls inner (a call with several results) and copies its results out
   of the call area into one temporary each; returns their slots. */
static int *call_results_to_temps(FuncState *fs, Node *inner)
{
    Type *tt = inner->type;
    ccall(fs, inner);
    int m = tt->u.tuple.n, off = 0;
    int *tmp = GC_MALLOC_ATOMIC((size_t)(m + 1) * sizeof(int));
    for (int i = 0; i < m; i++) {
        Type *t = tt->u.tuple.types[i];
        int w = type_words(fs, inner, t, NULL);
        tmp[i] = alloc_temp(fs, inner, t);
        emit_move(fs, tmp[i], CALLAREA + off, w);
        off += w;
    }
    return tmp;
}

/* The print natives (fmt.Print*, Sprint*, builtin print/println): results
   (nres words), then the format string when hasfmt, then each operand as
   {kind, word0, word1, type name} (runtime/fmt.c). */
static void cprintcall(FuncState *fs, Node *call, int nat, int nres, bool hasfmt)
{
    NodeList *args = call->u.call.args;
    int n = args ? args->len : 0;
    if (call->u.call.ellipsis)
        unimpl(fs, call, "f(s...) calls");
    int first = hasfmt ? 1 : 0;
    int base = nres + (hasfmt ? 2 : 0);
    if (n == first + 1 && args->items[first]->type && args->items[first]->type->kind == TY_TUPLE) {
        /* fmt.Println(f()): f's results, copied out of the call area to
           temporaries, then laid out as operands */
        Node *inner = args->items[first];
        Type *tt = inner->type;
        int tf = -1;
        if (hasfmt)
            tf = cexpr(fs, args->items[0], alloc_temp(fs, args->items[0], types_basic[TY_STRING]));
        int m = tt->u.tuple.n;
        int *tmp = call_results_to_temps(fs, inner);
        if (hasfmt)
            emit_move(fs, CALLAREA + nres, tf, 2);
        for (int i = 0; i < m; i++) {
            Type *t = tt->u.tuple.types[i];
            int o = CALLAREA + base + 4 * i;
            int kind = typedesc_kind(fs, inner, t);
            emit(fs, OP_LOADI, o, kind, 0);
            if (kind == kindStruct || kind == kindArray || kind == kindPtr || kind == kindSlice || kind == kindMap) {
                if (kind == kindPtr || kind == kindMap)
                    emit(fs, OP_MOVE, o + 1, tmp[i], 0);
                else
                    emit(fs, OP_ADDR, o + 1, tmp[i], 0);
                Slot rt = { .p = rtype_of(fs, inner, t) };
                int k = addconst(fs, rt);
                emit(fs, OP_LOADK, o + 2, k & 0xffff, (int)((unsigned)k >> 16));
            } else {
                emit_move(fs, o + 1, tmp[i], type_words(fs, inner, t, NULL));
            }
            Slot name = { .s = type_rtstring(t) };
            int k = addconst(fs, name);
            emit(fs, OP_LOADK, o + 3, k & 0xffff, (int)((unsigned)k >> 16));
        }
        use_callarea(fs, base + 4 * m);
        fs->line = call->pos.line;
        emit_call(fs, OP_CALLN, nat, base + 4 * m, base + 4 * m, 0);
        return;
    }
    int nops = n - first;
    ArgItem *items = GC_MALLOC((4 * nops + 2) * sizeof(ArgItem));   /* up to 4 per operand */
    int ni = 0;
    if (hasfmt)
        items[ni++] = (ArgItem){ args->items[0], nres, 2, 0, types_basic[TY_STRING], NULL, 0 };
    for (int i = 0; i < nops; i++) {
        Type *t = etype(args->items[first + i]);
        int k = t ? basic_kind(t) : 0;
        if (k == TY_STRUCT || k == TY_ARRAY) {
            hoist_list(fs, args);   /* calls first: the composites are read in place */
            break;
        }
    }
    for (int i = 0; i < nops; i++) {
        Node *a = args->items[first + i];
        Type *t = etype(a);
        if (!t || t->kind == TY_UNTYPED_NIL)
            unimpl(fs, a, "printing nil");
        int kind = typedesc_kind(fs, a, t);
        int o = base + 4 * i;
        items[ni++] = (ArgItem){ NULL, o, 1, kind, NULL, NULL, 0 };
        if (kind == kindPtr || kind == kindMap) {
            items[ni++] = (ArgItem){ a, o + 1, 1, 0, t, NULL, 0 };
            items[ni++] = (ArgItem){ NULL, o + 2, 1, 0, NULL, (const char *)rtype_of(fs, a, t), 0 };
        } else if (kind == kindStruct || kind == kindArray || kind == kindSlice) {
            /* {kind, address of the value, RType, name}: the value stays
               in its variable or a temporary, its address taken last */
            VarLoc v;
            int addr;
            if (static_loc(fs, a, &v) && !v.heap && v.boff % 8 == 0) {
                addr = v.global ? -(v.slot + v.boff / 8) - 1 : v.slot + v.boff / 8 + 1;
            } else {
                addr = cexpr(fs, a, alloc_temp(fs, a, t)) + 1;
            }
            items[ni++] = (ArgItem){ NULL, o + 1, 1, 0, NULL, NULL, addr };
            items[ni++] = (ArgItem){ NULL, o + 2, 1, 0, NULL, (const char *)rtype_of(fs, a, t), 0 };
        } else {
            items[ni++] = (ArgItem){ a, o + 1, type_words(fs, a, t, NULL), 0, t, NULL, 0 };
        }
        items[ni++] = (ArgItem){ NULL, o + 3, 1, 0, NULL, type_rtstring(t), 0 };
    }
    eval_args(fs, items, ni);
    use_callarea(fs, base + 4 * nops);
    fs->line = call->pos.line;
    emit_call(fs, OP_CALLN, nat, base + 4 * nops, base + 4 * nops, 0);
}

/* fmt's natives: [results][leading arguments][one `any` per operand]
   (runtime/fmt.c); the leading arguments are the writer (Fprint*, an
   io.Writer) and the format (the *f forms), nlead of them, typed as sig's
   parameters; compile_conv.c has made each operand an `any`. With s...
   the operands are the []any s itself (3 words), passed to the native
   "NAME..." of the same function. */
static void cfmtcall(FuncState *fs, Node *call, int nat, int nres, int nlead, Type *sig)
{
    NodeList *args = call->u.call.args;
    int n = args ? args->len : 0;
    int base = nres + 2 * nlead;    /* io.Writer and string: 2 words each */
    if (n == nlead + 1 && args->items[nlead]->type && args->items[nlead]->type->kind == TY_TUPLE) {
        /* fmt.Println(f()): f's results out of the call area, each made an any */
        Node *inner = args->items[nlead];
        Type *tt = inner->type;
        int lead[2];
        for (int k = 0; k < nlead; k++)
            lead[k] = cexpr(fs, args->items[k], alloc_temp(fs, args->items[k], sig->u.func.params[k]));
        int m = tt->u.tuple.n;
        int *tmp = call_results_to_temps(fs, inner);
        int ev = alloc_temp(fs, inner, types_any);
        for (int i = 1; i < m; i++)
            alloc_temp(fs, inner, types_any);
        for (int i = 0; i < m; i++)
            cconv_value(fs, inner, tt->u.tuple.types[i], types_any, tmp[i], ev + 2 * i);
        for (int k = 0; k < nlead; k++)
            emit_move(fs, CALLAREA + nres + 2 * k, lead[k], 2);
        emit_move(fs, CALLAREA + base, ev, 2 * m);
        use_callarea(fs, base + 2 * m);
        fs->line = call->pos.line;
        emit_call(fs, OP_CALLN, nat, base + 2 * m, base + 2 * m, 0);
        return;
    }
    bool spread = call->u.call.ellipsis;
    int nops = n - nlead;
    ArgItem *items = GC_MALLOC((nops + 3) * sizeof(ArgItem));
    int ni = 0;
    for (int k = 0; k < nlead; k++)
        items[ni++] = (ArgItem){ args->items[k], nres + 2 * k, 2, 0, sig->u.func.params[k], NULL, 0 };
    if (spread) {
        Node *s = args->items[n - 1];
        items[ni++] = (ArgItem){ s, base, 3, 0, etype(s), NULL, 0 };
        nops = 0;
    }
    for (int i = 0; i < nops; i++)
        items[ni++] = (ArgItem){ args->items[nlead + i], base + 2 * i, 2, 0, types_any, NULL, 0 };
    eval_args(fs, items, ni);
    int words = base + (spread ? 3 : 2 * nops);
    use_callarea(fs, words);
    fs->line = call->pos.line;
    emit_call(fs, OP_CALLN, nat, words, words, 0);
}

/* panic(v): v is an `any` (compile_conv.c), passed to the native as is. */
static void cpanic(FuncState *fs, Node *call)
{
    Node *a = call->u.call.args->items[0];
    ArgItem items[1] = { { a, 0, 2, 0, types_any, NULL, 0 } };
    eval_args(fs, items, 1);
    use_callarea(fs, 2);
    fs->line = call->pos.line;
    emit_call(fs, OP_CALLN, native_index(fs, native_lookup("builtin", "panic")), 2, 2, 0);
}

static void cargs_call(FuncState *fs, Node *call, Type *sig, int op, int idx, Node *recv);
static int cargs_ifslot = -1;     /* cargs_call: the interface whose data word is the receiver */
static Node *embed_chain(FuncState *fs, Node *fun, int n);
static Node *promoted_iface(FuncState *fs, Node *fun);

void emit_call(FuncState *fs, int op, int b, int c, int nwords, int fnslot)
{
    if (!fs->deferring) {
        emit(fs, op, CALLAREA, b, c);
        return;
    }
    /* defer: the evaluated call is saved in a _defer record (defer.c) */
    fs->deferring = false;
    DeferSite *site = GC_MALLOC(sizeof *site);
    site->op = (uint8_t)op;
    site->b = b;
    site->c = c;
    site->nwords = nwords;
    emit(fs, OP_DEFER, CALLAREA, fnslot, kconst(fs, NULL, site));
}

static void ccall_inner(FuncState *fs, Node *call);

/* pkg.F(args) as a call of the Func that calls the native (native_stub):
   the arguments in F's own layout (a variadic F gets its []T). For `go`. */
void ccall_native_stub(FuncState *fs, Node *call)
{
    Node *fun = call->u.call.fun;
    while (fun->kind == E_PAREN)
        fun = fun->u.unary.x;
    Object *fobj = fun->obj;
    if (!fobj || fobj->kind != OBJ_FUNC)
        unimpl(fs, call, "this call");
    bool isfmt = strcmp(fobj->pkg, "fmt") == 0;
    const Native *nat = native_lookup(fobj->pkg, isfmt ? ast_sprintf("%s...", fobj->name) : fobj->name);
    if (!nat)
        unimpl(fs, call, ast_sprintf("%s.%s", fobj->pkg, fobj->name));
    int idx = native_stub(fs, call, ast_sprintf("%s.%s", fobj->pkg, fobj->name), nat, fobj->type, NULL);
    cargs_call(fs, call, fobj->type, OP_CALL, idx, NULL);
}

/* Under `defer`, only the deferred call itself (fs->defernode) becomes a
   DEFER: calls in its arguments are made now. */
void ccall(FuncState *fs, Node *call)
{
    bool outer = fs->deferring;
    bool mine = outer && call == fs->defernode;
    fs->deferring = mine;
    ccall_inner(fs, call);
    fs->deferring = mine ? fs->deferring : outer;
}

static void ccall_inner(FuncState *fs, Node *call)
{
    Node *fun = call->u.call.fun;
    while (fun->kind == E_PAREN)
        fun = fun->u.unary.x;
    fs->line = call->pos.line;
    if (fun->mode == MODE_BUILTIN) {
        Builtin b = fun->obj ? fun->obj->builtin : BI_NONE;
        if (b == BI_PRINT || b == BI_PRINTLN) {
            const Native *nat = native_lookup("builtin", b == BI_PRINT ? "print" : "println");
            cprintcall(fs, call, native_index(fs, nat), 0, false);
            return;
        }
        if (b == BI_PANIC) {
            cpanic(fs, call);
            return;
        }
        if (b == BI_CLOSE && fs->deferring) {
            /* defer close(ch): the channel now, the close at return */
            cexpr(fs, call->u.call.args->items[0], CALLAREA);
            use_callarea(fs, 1);
            emit_call(fs, OP_CALLN, native_index(fs, native_lookup("builtin", "close")), 1, 1, 0);
            return;
        }
        if (b == BI_RECOVER && !fs->deferring) {
            /* the value in the call area, as a call's result */
            use_callarea(fs, 2);
            emit(fs, OP_RECOVER, CALLAREA, 0, 0);
            return;
        }
        unimpl(fs, call, ast_sprintf("the builtin %s", fun->obj ? fun->obj->name : "function"));
    }
    Object *fobj = fun->obj;
    if (fun->kind == E_SELECTOR && fun->u.selector.x->mode == MODE_PACKAGE) {
        if (!fobj || fobj->kind != OBJ_FUNC)
            unimpl(fs, call, "this call");
        const Native *nat = native_lookup(fobj->pkg, fobj->name);
        if (!nat)
            unimpl(fs, call, ast_sprintf("%s.%s", fobj->pkg, fobj->name));
        if (strcmp(fobj->pkg, "fmt") == 0) {
            const char *nm = fobj->name;
            int nlead = (nm[strlen(nm) - 1] == 'f') + (nm[0] == 'F');   /* format, writer */
            int nres = nm[0] == 'S' || nm[0] == 'E' ? 2 : 3;   /* string or error, or (n int, err error) */
            if (call->u.call.ellipsis) {
                nat = native_lookup("fmt", ast_sprintf("%s...", nm));
                if (!nat)
                    unimpl(fs, call, ast_sprintf("fmt.%s with s...", nm));
            }
            cfmtcall(fs, call, native_index(fs, nat), nres, nlead, fobj->type);
            return;
        }
        cargs_call(fs, call, fobj->type, OP_CALLN, native_index(fs, nat), NULL);
        return;
    }
    if (fun->kind == E_SELECTOR && !fun->obj && fun->u.selector.x->mode != MODE_TYPEEXPR &&
        fun->u.selector.x->mode != MODE_PACKAGE && !type_is_interface(etype(fun->u.selector.x)) &&
        fun->u.selector.pathlen > 0 && fun->u.selector.path &&
        type_lookup(etype(fun->u.selector.x), fun->u.selector.sel->u.ident.name).kind == SEL_IFACE_METHOD) {
        /* s.M(...) with M promoted from an embedded interface: s.I.M(...) */
        Node *f2 = ast_new(E_SELECTOR, fun->pos);
        *f2 = *fun;
        f2->u.selector.x = embed_chain(fs, fun, fun->u.selector.pathlen);
        f2->u.selector.path = NULL;
        f2->u.selector.pathlen = 0;
        f2->u.selector.indirect = false;
        fun = f2;
    }
    if (fun->kind == E_SELECTOR && fun->u.selector.x->mode != MODE_TYPEEXPR &&
        type_is_interface(etype(fun->u.selector.x))) {
        /* x.M(...) through the itab: the receiver is x's data word */
        Node *x = fun->u.selector.x;
        Type *xt = etype(x);
        RType *irt = rtype_of(fs, x, xt);
        const char *name = fun->u.selector.sel->u.ident.name;
        int mi = -1;
        for (int i = 0; i < irt->nmethods; i++)
            if (strcmp(irt->methods[i].name, name) == 0)
                mi = i;
        if (mi < 0)
            unimpl(fs, call, "this interface method call");
        int iv = alloc_temp(fs, x, xt);
        cexpr(fs, x, iv);
        cargs_ifslot = iv;
        cargs_call(fs, call, etype(fun), OP_CALLI, mi, NULL);
        return;
    }
    if (is_dynamic_call(fun)) {
        /* through a func value: the value first (after the arguments'
           calls when they could change it), then the arguments */
        NodeList *args = call->u.call.args;
        bool calls = false;
        for (int i = 0; args && i < args->len; i++)
            calls |= has_call(args->items[i]);
        if (calls && reads_memory(fun))
            for (int i = 0; i < args->len; i++)
                hoist_now(fs, args->items[i]);
        uint8_t pk = SLOT_PTR;
        int fv = cexpr(fs, fun, alloc_slots(fs, 1, &pk, NULL));
        cargs_call(fs, call, type_underlying(etype(fun)), OP_CALLF, fv, NULL);
        return;
    }
    if (fun->kind == E_SELECTOR && fobj && fobj->kind == OBJ_FUNC) {
        if (fobj->pkg) {    /* a method of a native package's type: "Builder.WriteString" */
            Type *rt = method_recv_type(fobj);
            if (rt && rt->kind == TY_POINTER)
                rt = rt->u.pointer.elem;
            if (!rt || rt->kind != TY_NAMED)
                unimpl(fs, call, "this method call");
            const char *mname = ast_sprintf("%s.%s", rt->u.named.obj->name, fobj->name);
            const Native *nat = native_lookup(fobj->pkg, mname);
            if (!nat)
                unimpl(fs, call, ast_sprintf("%s.%s", fobj->pkg, mname));
            Node *recv = method_receiver(fs, fun, fobj);
            cargs_call(fs, call, fobj->type, OP_CALLN, native_index(fs, nat), recv);
            return;
        }
        Node *recv = method_receiver(fs, fun, fobj);
        cargs_call(fs, call, fobj->type, OP_CALL, func_index(fs, call, fobj), recv);
        return;
    }
    if (fun->kind != E_IDENT || !fobj || fobj->kind != OBJ_FUNC)
        unimpl(fs, call, fun->kind == E_SELECTOR ? "method calls" : "calls of function values");
    cargs_call(fs, call, fobj->type, OP_CALL, func_index(fs, call, fobj), NULL);
}

/* x.M(...): the receiver argument as an expression tree the rest of the
   compiler knows: the embedded fields of the selector's path one
   selector each (through pointers where the path has them), then Go's
   automatic &x for a pointer method on an addressable value or *p for a
   value method through a pointer (which panics on nil). */
static Node *embed_chain(FuncState *fs, Node *fun, int n)
{
    Node *r = fun->u.selector.x;
    Type *t = etype(r);
    for (int i = 0; i < n; i++) {
        int idx = fun->u.selector.path[i];
        Type *u = type_underlying(t);
        bool ind = u->kind == TY_POINTER;
        if (ind)
            u = type_underlying(u->u.pointer.elem);
        if (u->kind != TY_STRUCT || idx < 0 || idx >= u->u.strct.nfields)
            unimpl(fs, fun, "this method call");
        Field *f = &u->u.strct.fields[idx];
        Node *sel = ast_new(E_IDENT, fun->pos);
        sel->u.ident.name = f->name;
        Node *n = ast_new(E_SELECTOR, fun->pos);
        n->u.selector.x = r;
        n->u.selector.sel = sel;
        n->u.selector.path = GC_MALLOC_ATOMIC(sizeof(int));
        n->u.selector.path[0] = idx;
        n->u.selector.pathlen = 1;
        n->u.selector.indirect = ind;
        n->obj = f->obj;
        n->type = f->type;
        n->mode = ind || r->mode == MODE_VAR ? MODE_VAR : MODE_VALUE;
        r = n;
        t = f->type;
    }
    return r;
}

/* x.M where M is promoted from an interface embedded in x's struct: the
   same selector on the embedded interface value (x.I.M); NULL otherwise. */
static Node *promoted_iface(FuncState *fs, Node *fun)
{
    if (fun->kind != E_SELECTOR || fun->obj || fun->u.selector.x->mode == MODE_TYPEEXPR ||
        fun->u.selector.x->mode == MODE_PACKAGE || type_is_interface(etype(fun->u.selector.x)) ||
        fun->u.selector.pathlen <= 0 || !fun->u.selector.path)
        return NULL;
    Selection sel = type_lookup(etype(fun->u.selector.x), fun->u.selector.sel->u.ident.name);
    if (sel.kind != SEL_IFACE_METHOD)
        return NULL;
    Node *r = embed_chain(fs, fun, fun->u.selector.pathlen);
    if (!type_is_interface(etype(r)))
        return NULL;
    Node *n = ast_new(E_SELECTOR, fun->pos);
    *n = *fun;
    n->u.selector.x = r;
    n->u.selector.path = NULL;
    n->u.selector.pathlen = 0;
    n->u.selector.indirect = false;
    return n;
}

Node *method_receiver(FuncState *fs, Node *fun, Object *fobj)
{
    Node *r = embed_chain(fs, fun, fun->u.selector.pathlen);
    Type *t = etype(r);
    Type *rt = method_recv_type(fobj);
    if (!rt)
        unimpl(fs, fun, "this method call");
    bool want_ptr = rt->kind == TY_POINTER;
    bool have_ptr = type_underlying(t)->kind == TY_POINTER && t->kind != TY_NAMED;
    if (want_ptr && !have_ptr) {
        Node *n = ast_new(E_UNARY, fun->pos);
        n->u.unary.op = '&';
        n->u.unary.x = r;
        n->type = type_new_pointer(t);
        n->mode = MODE_VALUE;
        r = n;
    } else if (!want_ptr && have_ptr) {
        Node *n = ast_new(E_STAR, fun->pos);
        n->u.unary.x = r;
        n->type = type_underlying(t)->u.pointer.elem;
        n->mode = MODE_VAR;
        r = n;
    }
    return r;
}

/* A native's error result is {tab, data}, two words, before the compiler
   handles interfaces: the call compiles, and only a use of the value is
   reported as not implemented. */
static int native_result_words(FuncState *fs, Node *call, Type *t, int op)
{
    if (op == OP_CALLN && type_underlying(t)->kind == TY_INTERFACE)
        return 2;
    return type_words(fs, call, t, NULL);
}

/* Lays out a call's results and arguments in the call area as sig says
   and emits op (CALL of function idx, or CALLN of native idx). */
/* f(g()) of a variadic f: g's results past the fixed parameters are
   stored into a new []T. */
static void cvariadic_tuple(FuncState *fs, Node *call, Type *sig, int nres, int npar, int rw, Node *recv)
{
    Node *a = call->u.call.args->items[0];
    Type *tt = a->type;
    int nfixed = sig->u.func.nparams - 1;
    Type *st = sig->u.func.params[nfixed];
    Type *et = type_underlying(st)->u.slice.elem;
    if (narrow_aux(et) || tt->u.tuple.n - nfixed > 0x7fff)
        unimpl(fs, call, "this variadic call");
    int rt = -1;
    if (recv)
        rt = cexpr(fs, recv, alloc_temp(fs, recv, etype(recv)));
    ccall(fs, a);
    uint8_t kinds[4096];
    int w = 0;
    for (int i = 0; i < tt->u.tuple.n; i++)
        w += type_words(fs, a, tt->u.tuple.types[i], NULL);
    int *tk = GC_MALLOC_ATOMIC((tt->u.tuple.n + 1) * sizeof(int));
    int off = 0;
    for (int i = 0; i < tt->u.tuple.n; i++) {
        int n = type_words(fs, a, tt->u.tuple.types[i], kinds);
        tk[i] = alloc_slots(fs, n, kinds, NULL);
        emit_move(fs, tk[i], CALLAREA + off, n);
        off += n;
    }
    int ew = type_words(fs, a, et, NULL);
    int nextra = tt->u.tuple.n - nfixed;
    int d = alloc_temp(fs, call, st);
    if (nextra <= 0) {
        emit(fs, OP_ZERO, d, 3, 0);
    } else {
        emit(fs, OP_LOADI, d + 1, nextra, 0);
        emit(fs, OP_LOADI, d + 2, nextra, 0);
        if (!stack_array(fs, call, et, nextra, d)) {
            int k = addconst(fs, (Slot){ .p = rtype_of(fs, call, et) });
            emit(fs, OP_MAKESLICE, d, k & 0xffff, (int)((unsigned)k >> 16));
        }
        for (int i = 0; i < nextra; i++)
            emitaux(fs, OP_STOREP, ew, d, i * ew, tk[nfixed + i]);
    }
    off = nres;
    if (recv) {
        emit_move(fs, CALLAREA + off, rt, rw);
        off += rw;
    }
    for (int i = 0; i < nfixed; i++) {
        int n = type_words(fs, a, sig->u.func.params[i], NULL);
        emit_move(fs, CALLAREA + off, tk[i], n);
        off += n;
    }
    emit_move(fs, CALLAREA + off, d, 3);
    (void)npar;
}

static void cargs_call(FuncState *fs, Node *call, Type *sig, int op, int idx, Node *recv)
{
    int ifslot = cargs_ifslot;
    cargs_ifslot = -1;
    int nres = 0, npar = 0;
    int rw = recv ? type_words(fs, recv, etype(recv), NULL) : ifslot >= 0 ? 1 : 0;
    for (int i = 0; i < sig->u.func.nresults; i++)
        nres += native_result_words(fs, call, sig->u.func.results[i], op);
    for (int i = 0; i < sig->u.func.nparams; i++)
        npar += type_words(fs, call, sig->u.func.params[i], NULL);
    NodeList *args = call->u.call.args;
    int nargs = args ? args->len : 0;
    bool pack = sig->u.func.variadic && !call->u.call.ellipsis;   /* f(a, b, c) of f(xs ...T) */
    if (pack && nargs == 1 && args->items[0]->type && args->items[0]->type->kind == TY_TUPLE) {
        cvariadic_tuple(fs, call, sig, nres, npar, rw, recv);
    } else if (pack) {
        /* the arguments past the fixed parameters become a []T literal
           (nil when there are none), Go's walk of a variadic call */
        int nfixed = sig->u.func.nparams - 1;
        Type *st = sig->u.func.params[nfixed];
        Node *rest;
        if (nargs <= nfixed) {
            rest = ast_new(E_IDENT, call->pos);
            rest->u.ident.name = "nil";
            rest->obj = scope_lookup(universe, "nil");
        } else {
            rest = ast_new(E_COMPOSITE, args->items[nfixed]->pos);
            rest->u.composite.elts = ast_list_new();
            for (int i = nfixed; i < nargs; i++)
                ast_list_push(rest->u.composite.elts, args->items[i]);
        }
        rest->type = st;
        rest->mode = MODE_VALUE;
        ArgItem *items = GC_MALLOC((nfixed + 2) * sizeof(ArgItem));
        int off = nres, ni = 0;
        if (recv) {
            items[ni++] = (ArgItem){ recv, off, rw, 0, etype(recv), NULL, 0 };
            off += rw;
        }
        for (int i = 0; i <= nfixed; i++) {
            Type *pt = sig->u.func.params[i];
            Node *a = i < nfixed ? args->items[i] : rest;
            int w = type_words(fs, a, pt, NULL);
            items[ni++] = (ArgItem){ a, off, w, 0, pt, NULL, 0 };
            off += w;
        }
        eval_args(fs, items, ni);
    } else if (nargs == 1 && args->items[0]->type && args->items[0]->type->kind == TY_TUPLE) {
        /* f(g()): g's results become f's arguments */
        int rt = -1;
        if (recv) {
            rt = alloc_temp(fs, recv, etype(recv));
            rt = cexpr(fs, recv, rt);
        }
        ccall(fs, args->items[0]);
        uint8_t *kinds = GC_MALLOC_ATOMIC(npar + 1);
        int w = 0;
        for (int i = 0; i < sig->u.func.nparams; i++)
            w += type_words(fs, call, sig->u.func.params[i], kinds + w);
        int t = alloc_slots(fs, npar, kinds, NULL);
        emit_move(fs, t, CALLAREA, npar);
        emit_move(fs, CALLAREA + nres + rw, t, npar);
        if (recv)
            emit_move(fs, CALLAREA + nres, rt, rw);
    } else {
        ArgItem *items = GC_MALLOC((nargs + 2) * sizeof(ArgItem));
        int off = nres, ni = 0;
        if (recv) {
            items[ni++] = (ArgItem){ recv, off, rw, 0, etype(recv), NULL, 0 };
            off += rw;
        } else if (ifslot >= 0) {
            off += rw;
        }
        for (int i = 0; i < nargs; i++) {
            Type *pt = sig->u.func.params[i];
            int w = type_words(fs, args->items[i], pt, NULL);
            items[ni++] = (ArgItem){ args->items[i], off, w, 0, pt, NULL, 0 };
            off += w;
        }
        eval_args(fs, items, ni);
    }
    npar += rw;
    if (ifslot >= 0)
        emit(fs, OP_MOVE, CALLAREA + nres, ifslot + 1, 0);
    use_callarea(fs, nres + npar);
    fs->line = call->pos.line;
    if (fs->gocall == call)     /* go f(x): the call starts a goroutine */
        op = go_op(fs, call, op);
    if (op == OP_GOI)
        emit(fs, op, CALLAREA, ifslot, idx);
    else if (op == OP_GO || op == OP_GOF)
        emit(fs, op, CALLAREA, idx, 0);
    else if (op == OP_CALLI)
        emit_call(fs, OP_CALLI, ifslot, idx, nres + npar, ifslot);
    else if (op == OP_CALLF)
        emit_call(fs, OP_CALLF, idx, 0, nres + npar, idx);
    else
        emit_call(fs, op, idx, op == OP_CALLN ? nres + npar : 0, nres + npar, 0);
}

/* append(s, v1, v2 ...): s copied to a temporary, the values evaluated
   into consecutive temporaries, GROWSLICE (Go's growslice when the
   capacity is short), then STORETAIL. */
static int cappend(FuncState *fs, Node *e, int dst)
{
    NodeList *args = e->u.call.args;
    Type *t = etype(e);
    Type *et = type_underlying(t)->u.slice.elem;
    if (e->u.call.ellipsis) {
        /* append(s, t...): t's elements after s's, growing as Go does */
        /* a string source ({ptr, len}) reads as a []byte's first words */
        Type *srct = type_underlying(etype(args->items[1]));
        if (srct->kind != TY_SLICE && !type_is_string(srct))
            unimpl(fs, e, "append(s, str...)");
        hoist_list(fs, args);
        int d = alloc_temp(fs, e, t);
        cexpr(fs, args->items[0], d);
        int src = cexpr(fs, args->items[1], -1);
        Slot rt = { .p = rtype_of(fs, e, et) };
        int k = addconst(fs, rt);
        if (k > 0xffff)
            unimpl(fs, e, "this many constants");
        fs->line = e->pos.line;
        emit(fs, OP_APPENDSL, d, src, k);
        if (dst < 0)
            return d;
        emit_move(fs, dst, d, 3);
        return dst;
    }
    int n = args->len - 1;
    if (n > 255)
        unimpl(fs, e, "append of this many values");
    hoist_list(fs, args);
    int d = alloc_temp(fs, e, t);
    cexpr(fs, args->items[0], d);
    if (n == 0)
        goto out;
    int ew = type_words(fs, e, et, NULL);
    if (ew > 255)
        unimpl(fs, e, "append of values this large");
    int vb = alloc_temp(fs, e, et);
    for (int i = 1; i < n; i++)
        alloc_temp(fs, e, et);
    for (int i = 0; i < n; i++) {
        int mark = fs->freereg;
        Node *a = args->items[i + 1];
        if (a->mode == MODE_CONST || (a->type && a->type->kind == TY_UNTYPED_NIL)) {
            /* untyped constants take the element type */
            if (a->mode == MODE_CONST && a->cv)
                emit_load_const(fs, a, a->cv, et, vb + i * ew);
            else
                cexpr(fs, a, vb + i * ew);
        } else {
            cexpr(fs, a, vb + i * ew);
        }
        fs->freereg = mark;
    }
    fs->line = e->pos.line;
    Slot rt = { .p = rtype_of(fs, e, et) };
    int k = addconst(fs, rt);
    emitaux(fs, OP_GROWSLICE, n, d, k & 0xffff, (int)((unsigned)k >> 16));
    if (narrow_aux(et)) {
        emitaux(fs, OP_STORETAILN, n, d, vb, narrow_aux(et) & 7);
    } else if (!word_access(et, 0)) {
        /* packed elements: each one's bytes at data + (len-n+i)*size */
        int64_t es = go_sizeof(et);
        int to = scalar_temp(fs, e), tk = scalar_temp(fs, e), tp = scalar_temp(fs, e);
        for (int i = 0; i < n; i++) {
            emit(fs, OP_ADDK, to, d + 1, (int)(uint16_t)(int16_t)(i - n));
            emit(fs, OP_LOADI, tk, (int)(es & 0xffff), 0);
            emit(fs, OP_MUL, to, to, tk);
            emit(fs, OP_PTRADDB, tp, d, to);
            mem_store(fs, e, et, tp, 0, vb + i * ew);
        }
    } else {
        emitaux(fs, OP_STORETAIL, n, d, vb, ew);
    }
out:
    if (dst < 0)
        return d;
    emit_move(fs, dst, d, 3);
    return dst;
}

static int ccallexpr(FuncState *fs, Node *e, int dst, bool callarea_ok)
{
    Node *fun = e->u.call.fun;
    while (fun->kind == E_PAREN)
        fun = fun->u.unary.x;
    if (fun->mode == MODE_BUILTIN && fun->obj &&
        (fun->obj->builtin == BI_LEN || fun->obj->builtin == BI_CAP)) {
        Node *x = e->u.call.args->items[0];
        int xk = type_underlying(etype(x))->kind;
        if (xk == TY_MAP && fun->obj->builtin == BI_LEN)
            return cmaplen(fs, x, dst);
        if (xk == TY_CHAN)
            return cchanlen(fs, x, dst, fun->obj->builtin == BI_CAP);
        if (!(xk == TY_STRING && fun->obj->builtin == BI_LEN) && xk != TY_SLICE)
            unimpl(fs, e, ast_sprintf("%s of %s", fun->obj->name, type_string(etype(x))));
        int w = fun->obj->builtin == BI_LEN ? 1 : 2;
        int r = cexpr(fs, x, -1);
        if (dst < 0)
            return r + w;
        emit(fs, OP_MOVE, dst, r + w, 0);
        return dst;
    }
    if (fun->mode == MODE_BUILTIN && fun->obj && fun->obj->builtin == BI_MAKE) {
        Type *t = etype(e);
        if (type_underlying(t)->kind == TY_MAP)
            return cmakemap(fs, e, dst);
        if (type_underlying(t)->kind == TY_CHAN)
            return cmakechan(fs, e, dst);
        if (type_underlying(t)->kind != TY_SLICE)
            unimpl(fs, e, "make of this type");
        NodeList *args = e->u.call.args;
        hoist_list(fs, args);
        int d = alloc_temp(fs, e, t);
        cexpr(fs, args->items[1], d + 1);
        Node *capn = args->items[args->len > 2 ? 2 : 1];
        cexpr(fs, capn, d + 2);
        fs->line = e->pos.line;
        Type *et = type_underlying(t)->u.slice.elem;
        if (capn->mode == MODE_CONST && capn->cv && args->items[1]->mode == MODE_CONST &&
            cv_int64(args->items[1]->cv) <= cv_int64(capn->cv) &&
            stack_array(fs, e, et, cv_int64(capn->cv), d)) {
            /* a constant-size make that does not escape: in the frame */
        } else {
            Slot rt = { .p = rtype_of(fs, e, et) };
            int k = addconst(fs, rt);
            emit(fs, OP_MAKESLICE, d, k & 0xffff, (int)((unsigned)k >> 16));
        }
        if (dst < 0)
            return d;
        emit_move(fs, dst, d, 3);
        return dst;
    }
    if (fun->mode == MODE_BUILTIN && fun->obj && fun->obj->builtin == BI_APPEND)
        return cappend(fs, e, dst);
    if (fun->mode == MODE_BUILTIN && fun->obj && fun->obj->builtin == BI_COPY) {
        NodeList *args = e->u.call.args;
        Type *dt = type_underlying(etype(args->items[0]));
        Type *st = type_underlying(etype(args->items[1]));
        /* copy(b, s): a string's {ptr, len} reads as a slice's first words */
        if (dt->kind != TY_SLICE || (st->kind != TY_SLICE && !type_is_string(st)))
            unimpl(fs, e, "copy from a string");
        int ew = type_words(fs, e, dt->u.slice.elem, NULL);
        if (narrow_aux(dt->u.slice.elem) || !word_access(dt->u.slice.elem, 0))
            ew = 0x80 | (int)go_sizeof(dt->u.slice.elem);   /* bytes (type_words: at most 127) */
        else if (ew > 127)
            unimpl(fs, e, "copy of elements this large");
        hoist_list(fs, args);
        int rd = cexpr(fs, args->items[0], -1);
        int rs = cexpr(fs, args->items[1], -1);
        int d = target(fs, e, types_basic[TY_INT], dst);
        emitaux(fs, OP_COPYSL, ew, d, rd, rs);
        return d;
    }
    if (fun->mode == MODE_BUILTIN && fun->obj && fun->obj->builtin == BI_NEW) {
        int d = target(fs, e, e->type, dst);
        emit_new(fs, e, type_underlying(e->type)->u.pointer.elem, d);
        return d;
    }
    if (!e->type || e->type->kind == TY_TUPLE)
        unimpl(fs, e, "this call in an expression");
    int mark = fs->freereg;
    ccall(fs, e);
    fs->freereg = mark;
    uint8_t kinds[4096];
    if (dst < 0 && callarea_ok && type_words(fs, e, e->type, kinds) == 1 && kinds[0] == SLOT_SCALAR)
        return CALLAREA;
    int d = target(fs, e, e->type, dst);
    emit_move(fs, d, CALLAREA, type_words(fs, e, e->type, NULL));
    return d;
}

/* ---- expressions ---- */

int cexpr(FuncState *fs, Node *e, int dst)
{
    /* callarea_ok applies to e itself only, not to its operands */
    bool callarea_ok = fs->callarea_ok;
    fs->callarea_ok = false;
    if (e->pos.line)
        fs->line = e->pos.line;
    if (e->mode == MODE_CONST && e->cv) {
        Type *t = etype(e);
        int d = target(fs, e, t, dst);
        emit_load_const(fs, e, e->cv, t, d);
        return d;
    }
    switch (e->kind) {
    case E_PAREN:
        fs->callarea_ok = callarea_ok;
        return cexpr(fs, e->u.unary.x, dst);
    case E_IDENT: {
        Object *obj = e->obj;
        if (!obj)
            unimpl(fs, e, "this identifier");
        if (obj->kind == OBJ_NIL && e->type && (type_underlying(e->type)->kind == TY_POINTER ||
                                                type_underlying(e->type)->kind == TY_FUNC ||
                                                type_underlying(e->type)->kind == TY_MAP ||
                                                type_underlying(e->type)->kind == TY_CHAN)) {
            int d = target(fs, e, e->type, dst);
            emit(fs, OP_LOADI, d, 0, 0);
            return d;
        }
        if (obj->kind == OBJ_NIL && e->type && e->type->kind != TY_UNTYPED_NIL) {
            int d = target(fs, e, e->type, dst);
            emit(fs, OP_ZERO, d, type_words(fs, e, e->type, NULL), 0);
            return d;
        }
        if (obj->kind == OBJ_NIL || (e->type && e->type->kind == TY_UNTYPED_NIL))
            unimpl(fs, e, "nil");
        if (obj->kind == OBJ_FUNC)
            return cfuncval(fs, e, dst);
        if (obj->kind != OBJ_VAR)
            unimpl(fs, e, "this identifier");
        return load_var(fs, e, varloc(fs, e, obj), dst);
    }
    case E_UNARY: {
        int op = e->u.unary.op;
        Type *t = etype(e);
        int k = basic_kind(t);
        if (op == '+')
            return cexpr(fs, e->u.unary.x, dst);
        if (op == '&')
            return caddr(fs, e, dst);
        if (op == ARROW)
            return crecv(fs, e, dst);
        int mark = fs->freereg;
        int r = cexpr(fs, e->u.unary.x, -1);
        fs->freereg = mark;
        int d = target(fs, e, t, dst);
        if (op == '!') {
            emit(fs, OP_NOT, d, r, 0);
        } else if (op == '-') {
            if (k == TY_FLOAT64) emit(fs, OP_NEGF, d, r, 0);
            else if (k == TY_FLOAT32) emit(fs, OP_NEGF32, d, r, 0);
            else { emit(fs, OP_NEG, d, r, 0); emit_ext(fs, k, d); }
        } else if (op == '^') {
            emit(fs, OP_COM, d, r, 0);
            emit_ext(fs, k, d);
        } else {
            unimpl(fs, e, "this operator");
        }
        return d;
    }
    case E_BINARY: {
        int op = e->u.binary.op;
        Node *x = e->u.binary.x, *y = e->u.binary.y;
        if (op == LAND || op == LOR || is_compare(op)) {
            Type *ot = operand_type(x, y);
            int k = basic_kind(ot);
            if (op == LAND || op == LOR) {
                int d = target(fs, e, types_basic[TY_BOOL], dst);
                /* into a temporary first: d may be an operand */
                int t = dst >= 0 ? alloc_temp(fs, e, types_basic[TY_BOOL]) : d;
                JumpList f = { 0 };
                ccond(fs, e, false, &f);
                emit(fs, OP_LOADI, t, 1, 0);
                int j = emitjump(fs, OP_JMP, 0);
                patchhere(fs, &f);
                emit(fs, OP_LOADI, t, 0, 0);
                JumpList end = { 0 };
                jl_add(&end, j);
                patchhere(fs, &end);
                emit_move(fs, d, t, 1);
                return d;
            }
            (void)k;
            hoist_calls(fs, e);
            int mark = fs->freereg;
            int rx = cexpr(fs, x, -1);
            int ry = cexpr(fs, y, -1);
            Type *ou = type_underlying(ot);
            if (ou->kind != TY_STRUCT && ou->kind != TY_ARRAY)
                fs->freereg = mark;     /* one op reads rx, ry and writes d */
            int d = target(fs, e, types_basic[TY_BOOL], dst);
            return ccompare_value(fs, e, op, ot, rx, ry, d);
        }
        hoist_calls(fs, e);
        Type *t = etype(e);
        int mark = fs->freereg;
        int v;
        if ((op == '+' || op == '-') && is_int_kind(basic_kind(t)) && small_const(y, &v) && v != -32768) {
            /* x + k: one ADDK, no constant load */
            int rx = cexpr(fs, x, -1);
            fs->freereg = mark;
            int d = target(fs, e, t, dst);
            emit(fs, OP_ADDK, d, rx, (uint16_t)(int16_t)(op == '+' ? v : -v));
            emit_ext(fs, basic_kind(t), d);
            return d;
        }
        int rx = cexpr(fs, x, -1);
        fs->callarea_ok = true;     /* y's value is used at once */
        int ry = cexpr(fs, y, -1);
        fs->callarea_ok = false;
        fs->freereg = mark;
        int d = target(fs, e, t, dst);
        return cbinary_slots(fs, e, op, t, etype(y), rx, ry, d);
    }
    case E_CALL: {
        if (e->u.call.conv)
            return cconv(fs, e, dst);
        int h = find_hoisted(fs, e);
        if (h >= 0) {
            if (dst < 0)
                return h;
            emit_move(fs, dst, h, type_words(fs, e, e->type, NULL));
            return dst;
        }
        return ccallexpr(fs, e, dst, callarea_ok);
    }
    case E_INDEX: {
        Node *x = e->u.index.x;
        Type *xt = type_underlying(etype(x));
        int np, ni, naux;
        if (xt->kind == TY_MAP)
            return cmapindex(fs, e, dst);
        if (xt->kind == TY_SLICE && narrow_ref(fs, e, &np, &ni, &naux)) {
            int d = target(fs, e, e->type, dst);
            emitaux(fs, OP_LOADN, naux, d, np, ni);
            return d;
        }
        if (xt->kind == TY_SLICE || (xt->kind == TY_POINTER && !(e->u.index.index->mode == MODE_CONST))) {
            ElemRef er;
            if (!elem_path(fs, e, &er, false))
                unimpl(fs, e, "this index expression");
            return elem_load(fs, &er, dst);
        }
        if (xt->kind == TY_POINTER) {
            int p, off;
            if (!ptr_path(fs, e, &p, &off))
                unimpl(fs, e, "indexing through a pointer at a run-time index");
            fs->line = e->pos.line;
            return mem_load(fs, e, etype(e), p, off, dst);
        }
        if (xt->kind == TY_ARRAY) {
            VarLoc v;
            if (static_loc(fs, e, &v))
                return load_var(fs, e, &v, dst);
            ElemRef er;
            if (elem_path(fs, e, &er, false))
                return elem_load(fs, &er, dst);
            /* f()[2]: the array in a temporary */
            VarLoc part = { .slot = cexpr(fs, x, -1), .part = true, .t = xt->u.array.elem,
                            .boff = (int)(cv_int64(e->u.index.index->cv) * go_sizeof(xt->u.array.elem)),
                            .nwords = type_words(fs, e, xt->u.array.elem, NULL) };
            return load_var(fs, e, &part, dst);
        }
        if (xt->kind != TY_STRING) {
            const char *what = xt->kind == TY_MAP ? "maps" : xt->kind == TY_SLICE ? "slices"
                             : xt->kind == TY_ARRAY ? "arrays" : xt->kind == TY_POINTER ? "pointers" : "indexing";
            unimpl(fs, e, what);
        }
        hoist_calls(fs, e);
        int mark = fs->freereg;
        int rx = cexpr(fs, x, -1);
        int ri = cexpr(fs, e->u.index.index, -1);
        fs->freereg = mark;
        int d = target(fs, e, e->type, dst);
        emitaux(fs, OP_INDEXSTR, is_signed_kind(basic_kind(etype(e->u.index.index))) ? 0 : 1, d, rx, ri);
        return d;
    }
    case E_SELECTOR:
        if (e->u.selector.x->mode == MODE_PACKAGE && e->obj && e->obj->kind == OBJ_VAR)
            return load_var(fs, e, varloc(fs, e, e->obj), dst);
        if (e->u.selector.x->mode == MODE_PACKAGE && e->obj && e->obj->kind == OBJ_FUNC)
            return cfuncval(fs, e, dst);
        if (e->u.selector.x->mode == MODE_PACKAGE)
            unimpl(fs, e, ast_sprintf("%s.%s", e->obj && e->obj->pkg ? e->obj->pkg : "package",
                                      e->u.selector.sel->u.ident.name));
        {
            int off;
            if (e->obj && e->obj->kind == OBJ_FUNC)
                return cfuncval(fs, e, dst);
            if (!e->obj && type_is_interface(e->u.selector.x->mode == MODE_TYPEEXPR ? e->u.selector.x->type
                                                                                  : etype(e->u.selector.x)))
                return cifacemethod(fs, e, dst);
            Node *pf = promoted_iface(fs, e);
            if (pf)
                return cifacemethod(fs, pf, dst);
            int p, poff;
            if (e->u.selector.indirect && e->u.selector.pathlen > 1 && e->u.selector.path) {
                /* a promoted field through an embedded pointer: one
                   selector per step */
                Node *chain = embed_chain(fs, e, e->u.selector.pathlen);
                return cexpr(fs, chain, dst);
            }
            if (e->u.selector.indirect || !field_path(e, &off)) {
                if (!ptr_path(fs, e, &p, &poff))
                    unimpl(fs, e, e->u.selector.indirect ? "pointers" : "this selector");
                fs->line = e->pos.line;
                return mem_load(fs, e, etype(e), p, poff, dst);
            }
            VarLoc v;
            if (static_loc(fs, e, &v))
                return load_var(fs, e, &v, dst);
            ElemRef er;
            if (elem_path(fs, e, &er, false))
                return elem_load(fs, &er, dst);
            /* f().x: a part of a temporary */
            VarLoc part = { .slot = cexpr(fs, e->u.selector.x, -1), .boff = off, .part = true,
                            .t = etype(e), .nwords = type_words(fs, e, e->type, NULL) };
            return load_var(fs, e, &part, dst);
        }
    case E_SLICE: return cslice(fs, e, dst);
    case E_STAR: {
        int p, off;
        if (!ptr_path(fs, e, &p, &off))
            unimpl(fs, e, "pointers");
        fs->line = e->pos.line;
        return mem_load(fs, e, etype(e), p, off, dst);
    }
    case E_COMPOSITE: return ccomposite(fs, e, dst);
    case E_FUNCLIT: return cfunclit(fs, e, dst);
    case E_TYPEASSERT: return cassert(fs, e, dst, false);
    default: unimpl(fs, e, "this expression");
    }
}
