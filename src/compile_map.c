/* compile_map.c — maps: make, literals, m[k], v, ok := m[k], m[k] = v,
 * m[k] op= v, delete, len, for range.
 *
 * Go: cmd/compile/internal/walk/builtin.go (walkMakeMap, walkDelete),
 * walk/expr.go (walkIndexMap: m[k] -> *mapaccess1(t, m, &k)),
 * walk/assign.go (m[k] = v -> *mapassign(t, m, &k) = v), walk/range.go
 * (mapiterinit/mapiternext over a hiter), walk/complit.go (maplit),
 * order.go (m[k] op= r reads m[k] after r's calls, and a division by zero
 * panics before anything is assigned).
 *
 * Operands. A map value is one pointer slot (*hmap). The map ops take the
 * map and the key as one run of slots, [map][key words], so one operand
 * names both; the maptype is a constant (its RType: rtype_of builds a
 * runtime/map.h maptype for every map type). A range loop keeps its hiter
 * in HITER_WORDS frame slots whose kinds follow HITER_PTRMASK, so the
 * collector sees the map and the current bucket while the loop runs.
 */
#define COMPILE_INTERNAL
#include "compile.h"

#include "map.h"

static Node *unparen(Node *e)
{
    while (e->kind == E_PAREN)
        e = e->u.unary.x;
    return e;
}

bool is_mapindex(Node *e)
{
    e = unparen(e);
    return e->kind == E_INDEX && e->u.index.x->type &&
           type_underlying(etype(e->u.index.x))->kind == TY_MAP;
}

/* ---- types ---- */

void map_check_type(FuncState *fs, Node *at, Type *u)
{
    static int depth;   /* type T map[string]T: stop recursing */
    Type *k = u->u.map.key, *v = u->u.map.elem;
    if (depth > 8)
        return;
    depth++;
    (void)type_words(fs, at, k, NULL);
    (void)type_words(fs, at, v, NULL);
    depth--;
    if (go_sizeof(k) > maxKeySize)
        unimpl(fs, at, "map keys larger than 128 bytes");
    if (go_sizeof(v) > maxElemSize)
        unimpl(fs, at, "map elements larger than 128 bytes");
}

size_t map_rtype_size(void)
{
    return sizeof(maptype);
}

void map_rtype_fill(FuncState *fs, Node *at, RType *rt, Type *u)
{
    maptype *mt = (maptype *)rt;
    mt->key = rtype_of(fs, at, u->u.map.key);
    mt->typ.elem = rtype_of(fs, at, u->u.map.elem);
    uint8_t *bits = GC_MALLOC_ATOMIC(maptype_bucketbits(mt->key, mt->typ.elem));
    if (!maptype_layout(mt, bits))
        unimpl(fs, at, "map keys or elements larger than 128 bytes");
}

/* The constant index of t's maptype (MAP ops take it in a 16-bit operand). */
static int maptype_const(FuncState *fs, Node *at, Type *t)
{
    Slot rt = { .p = rtype_of(fs, at, t) };
    int k = addconst(fs, rt);
    if (k > 0xffff)
        unimpl(fs, at, "a function with this many constants");
    return k;
}

/* ---- operands ---- */

/* e converted to t (an untyped constant gets t) into dst. */
static void eval_to(FuncState *fs, Node *e, Type *t, int dst)
{
    if (e->mode == MODE_CONST && e->cv)
        emit_load_const(fs, e, e->cv, t, dst);
    else
        cexpr(fs, e, dst);
}

/* A run [map][key words] of fresh slots. */
static int alloc_mapkey(FuncState *fs, Node *at, Type *mt)
{
    uint8_t kinds[4096];
    kinds[0] = SLOT_PTR;
    int kw = type_words(fs, at, type_underlying(mt)->u.map.key, kinds + 1);
    return alloc_slots(fs, 1 + kw, kinds, NULL);
}

/* m and k of the map index l, evaluated into a fresh [map][key] run. */
static int cmapref(FuncState *fs, Node *l)
{
    l = unparen(l);
    Node *m = l->u.index.x;
    Type *mt = etype(m);
    int base = alloc_mapkey(fs, l, mt);
    cexpr(fs, m, base);
    eval_to(fs, l->u.index.index, type_underlying(mt)->u.map.key, base + 1);
    return base;
}

/* ---- reads ---- */

/* m[k]: the element, or its zero value when k is absent (m may be nil). */
int cmapindex(FuncState *fs, Node *e, int dst)
{
    e = unparen(e);
    Type *mt = etype(e->u.index.x);
    Type *vt = type_underlying(mt)->u.map.elem;
    hoist_calls(fs, e);
    int mark = fs->freereg;
    int base = cmapref(fs, e);
    int k = maptype_const(fs, e, mt);
    fs->freereg = mark;
    int d = dst >= 0 ? dst : alloc_temp(fs, e, vt);
    fs->line = e->pos.line;
    emit(fs, OP_MAPACCESS1, d, base, k);
    return d;
}

/* v, ok := m[k]: the element then the bool, in a fresh run; returns its
   first slot. */
int cmapindex2(FuncState *fs, Node *e)
{
    e = unparen(e);
    Type *mt = etype(e->u.index.x);
    Type *vt = type_underlying(mt)->u.map.elem;
    hoist_calls(fs, e);
    int base = cmapref(fs, e);
    int k = maptype_const(fs, e, mt);
    uint8_t kinds[4096];
    int vw = type_words(fs, e, vt, kinds);
    kinds[vw] = SLOT_SCALAR;
    int d = alloc_slots(fs, vw + 1, kinds, NULL);
    fs->line = e->pos.line;
    emit(fs, OP_MAPACCESS2, d, base, k);
    return d;
}

int cmaplen(FuncState *fs, Node *x, int dst)
{
    int r = cexpr(fs, x, -1);
    int d = dst >= 0 ? dst : alloc_temp(fs, x, types_basic[TY_INT]);
    emit(fs, OP_LENMAP, d, r, 0);
    return d;
}

/* ---- writes ---- */

/* The store of an assignment whose map and key are already in the run at
   base: m[k] = s[src..]. */
void cmapstore(FuncState *fs, Node *l, int base, int src)
{
    l = unparen(l);
    int k = maptype_const(fs, l, etype(l->u.index.x));
    fs->line = l->pos.line;
    emit(fs, OP_MAPASSIGN, base, src, k);
}

/* For parallel assignments: the left side's map and key, evaluated before
   the right sides. */
int cmapref_lhs(FuncState *fs, Node *l)
{
    return cmapref(fs, l);
}

/* m[k] = rhs: m and k first, then rhs, then the assignment (Go's order:
   the index operands of the left side before the right side). */
void cmapassign(FuncState *fs, Node *l, Node *rhs)
{
    l = unparen(l);
    Type *vt = type_underlying(etype(l->u.index.x))->u.map.elem;
    int base = cmapref(fs, l);
    int v = alloc_temp(fs, rhs, vt);
    eval_to(fs, rhs, vt, v);
    cmapstore(fs, l, base, v);
}

/* m[k] op= rhs and m[k]++ (rhs NULL, op '+' or '-' by one): rhs's calls
   first, then m[k] read, the op, and the assignment (order.go's rewrite to
   m[k] = m[k] op r, so that a division by zero panics before m changes). */
void cmapopassign(FuncState *fs, Node *s, Node *l, int op, Node *rhs)
{
    l = unparen(l);
    Type *mt = etype(l->u.index.x);
    Type *vt = type_underlying(mt)->u.map.elem;
    if (rhs)
        hoist_now(fs, rhs);
    int base = cmapref(fs, l);
    int k = maptype_const(fs, l, mt);
    int x = alloc_temp(fs, l, vt);
    fs->line = l->pos.line;
    emit(fs, OP_MAPACCESS1, x, base, k);
    int y;
    Type *yt;
    if (rhs) {
        y = cexpr(fs, rhs, -1);
        yt = etype(rhs);
    } else {
        y = alloc_temp(fs, l, vt);
        emit_load_const(fs, l, cv_int(1), vt, y);
        yt = vt;
    }
    cbinary_slots(fs, s, op, vt, yt, x, y, x);
    cmapstore(fs, l, base, x);
}

void cmapdelete(FuncState *fs, Node *call)
{
    NodeList *args = call->u.call.args;
    Node *m = args->items[0];
    Type *mt = etype(m);
    hoist_list(fs, args);
    int base = alloc_mapkey(fs, call, mt);
    cexpr(fs, m, base);
    eval_to(fs, args->items[1], type_underlying(mt)->u.map.key, base + 1);
    int k = maptype_const(fs, call, mt);
    fs->line = call->pos.line;
    emit(fs, OP_MAPDELETE, base, 0, k);
}

/* ---- construction ---- */

/* make(map[K]V) and make(map[K]V, hint). */
int cmakemap(FuncState *fs, Node *e, int dst)
{
    Type *t = etype(e);
    NodeList *args = e->u.call.args;
    hoist_list(fs, args);
    int d = dst >= 0 ? dst : alloc_temp(fs, e, t);
    int hint = alloc_temp(fs, e, types_basic[TY_INT]);
    if (args->len > 1)
        eval_to(fs, args->items[1], types_basic[TY_INT], hint);
    else
        emit(fs, OP_LOADI, hint, 0, 0);
    int k = maptype_const(fs, e, t);
    fs->line = e->pos.line;
    emit(fs, OP_MAKEMAP, d, hint, k);
    return d;
}

/* map[K]V{k: v, ...}: makemap with the literal's length as hint, then one
   mapassign per entry, in source order (Go: maplit). */
int cmaplit(FuncState *fs, Node *e, int dst)
{
    Type *t = etype(e);
    Type *u = type_underlying(t);
    Type *kt = u->u.map.key, *vt = u->u.map.elem;
    NodeList *elts = e->u.composite.elts;
    int n = elts ? elts->len : 0;
    hoist_list(fs, elts);
    /* the map in a temporary: an entry may read the variable assigned */
    int base = alloc_mapkey(fs, e, t);
    int hint = alloc_temp(fs, e, types_basic[TY_INT]);
    emit(fs, OP_LOADI, hint, n & 0xffff, (n >> 16) & 0xffff);
    int k = maptype_const(fs, e, t);
    fs->line = e->pos.line;
    emit(fs, OP_MAKEMAP, base, hint, k);
    for (int i = 0; i < n; i++) {
        Node *kv = elts->items[i];
        Node *key = kv->u.binary.x, *val = kv->u.binary.y;
        if (key->kind == E_COMPOSITE && !key->type)
            key->type = kt;
        if (val->kind == E_COMPOSITE && !val->type)
            val->type = vt;
        int mark = fs->freereg;
        eval_to(fs, key, kt, base + 1);
        int v = alloc_temp(fs, val, vt);
        eval_to(fs, val, vt, v);
        fs->line = kv->pos.line ? kv->pos.line : e->pos.line;
        emit(fs, OP_MAPASSIGN, base, v, k);
        fs->freereg = mark;
    }
    if (dst < 0) {
        int d = alloc_temp(fs, e, t);
        emit(fs, OP_MOVE, d, base, 0);
        return d;
    }
    emit(fs, OP_MOVE, dst, base, 0);
    return dst;
}

/* ---- for range ---- */

/* for k, v := range m: mapiterinit, then while hiter.key != nil: k, v
   copied out of the bucket, the body, mapiternext (Go: walkRange's
   OMAP case). One k and one v for the whole loop (Go 1.19). */
void crange_map(FuncState *fs, Node *s, const char *label)
{
    Node *x = s->u.rangestmt.x;
    Type *mt = etype(x);
    Type *kt = type_underlying(mt)->u.map.key, *vt = type_underlying(mt)->u.map.elem;
    int savetop = fs->localtop, savefree = fs->freereg;
    Node *key = s->u.rangestmt.key, *val = s->u.rangestmt.value;
    bool define = s->u.rangestmt.op == DEFINE;
    uint8_t hk[HITER_WORDS];
    for (int i = 0; i < HITER_WORDS; i++)
        hk[i] = (HITER_PTRMASK >> i) & 1 ? SLOT_PTR : SLOT_SCALAR;
    int it = alloc_slots(fs, HITER_WORDS, hk, NULL);
    int m = cexpr(fs, x, -1);
    int k = maptype_const(fs, x, mt);
    fs->line = s->pos.line;
    emit(fs, OP_MAPITERINIT, it, m, k);
    fs->freereg = it + HITER_WORDS;
    fs->localtop = fs->freereg;
    VarLoc *kv = NULL, *vv = NULL;
    if (key && !is_blank(key))
        kv = define ? new_local(fs, key) : lhs_var(fs, key);
    if (val && !is_blank(val))
        vv = define ? new_local(fs, val) : lhs_var(fs, val);
    int kw = type_words(fs, x, kt, NULL), vw = type_words(fs, x, vt, NULL);
    Branch b;
    push_branch(fs, &b, label, true);
    JumpList tocond = { 0 };
    jl_add(&tocond, emitjump(fs, OP_JMP, 0));
    int top = fs->ncode;
    if (kv) {
        if (kv->global || kv->heap) {
            int t = alloc_temp(fs, key, kt);
            emitaux(fs, OP_LOADP, kw, t, it, 0);
            store_var(fs, key, kv, t);
        } else {
            emitaux(fs, OP_LOADP, kw, kv->slot, it, 0);
        }
    }
    if (vv) {
        if (vv->global || vv->heap) {
            int t = alloc_temp(fs, val, vt);
            emitaux(fs, OP_LOADP, vw, t, it + 1, 0);
            store_var(fs, val, vv, t);
        } else {
            emitaux(fs, OP_LOADP, vw, vv->slot, it + 1, 0);
        }
    }
    fs->freereg = fs->localtop;
    cblock(fs, s->u.rangestmt.body->u.block.stmts);
    patchhere(fs, &b.continues);
    fs->line = s->pos.line;
    emit(fs, OP_MAPITERNEXT, it, 0, 0);
    patchhere(fs, &tocond);
    JumpList back = { 0 };
    jl_add(&back, emitjump(fs, OP_JMPT, it));
    patchto(fs, &back, top);
    patchhere(fs, &b.breaks);
    fs->branch = b.outer;
    fs->localtop = savetop;
    fs->freereg = savefree;
}
