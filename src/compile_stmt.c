/* compile_stmt.c — statements.
 *
 * Go: cmd/compile/internal/walk/stmt.go, walk/assign.go (parallel
 * assignment evaluates every right-hand side before storing), walk/switch.go
 * (cases tested in source order, default last), ssagen/ssa.go stmt (for
 * loops: init; cond; body; post, with break/continue targets).
 *
 * Slot lifetimes: a block's locals are released when it ends; the
 * temporaries of a statement when it ends (fs->localtop marks the locals).
 */
#define COMPILE_INTERNAL
#include "compile.h"

void cblock(FuncState *fs, NodeList *stmts)
{
    int savetop = fs->localtop, savefree = fs->freereg;
    for (int i = 0; stmts && i < stmts->len; i++) {
        cstmt(fs, stmts->items[i]);
        fs->freereg = fs->localtop;
    }
    fs->localtop = savetop;
    fs->freereg = savefree;
}

bool is_blank(Node *e)
{
    return e->kind == E_IDENT && strcmp(e->u.ident.name, "_") == 0;
}

VarLoc *new_local(FuncState *fs, Node *id)
{
    VarLoc *v = declare_local(fs, id, id->obj);
    fs->localtop = fs->freereg;
    return v;
}

/* The variable an assignment's left side names (locals and globals only). */
VarLoc *lhs_var(FuncState *fs, Node *lhs)
{
    while (lhs->kind == E_PAREN)
        lhs = lhs->u.unary.x;
    VarLoc loc;
    if ((lhs->kind == E_SELECTOR || lhs->kind == E_INDEX) && static_loc(fs, lhs, &loc)) {
        VarLoc *v = GC_MALLOC(sizeof *v);
        *v = loc;
        return v;
    }
    if (lhs->kind != E_IDENT || !lhs->obj || lhs->obj->kind != OBJ_VAR) {
        const char *what = lhs->kind == E_INDEX ? "assignment to an element"
                         : lhs->kind == E_SELECTOR ? "assignment to a field"
                         : lhs->kind == E_STAR ? "pointers" : "this assignment";
        unimpl(fs, lhs, what);
    }
    return varloc(fs, lhs, lhs->obj);
}

/* Evaluates rhs straight into the variable lhs. */
static void assign1(FuncState *fs, Node *lhs, Node *rhs, bool define)
{
    if (is_blank(lhs)) {
        cexpr(fs, rhs, -1);
        return;
    }
    VarLoc *v;
    ElemRef er;
    if (is_mapindex(lhs)) {
        cmapassign(fs, lhs, rhs);
        return;
    }
    if (elem_path(fs, lhs, &er, true)) {
        /* a[i] = v: the index first (gc's order), then v, then the check */
        int rv = cexpr(fs, rhs, -1);
        elem_store(fs, &er, rv);
        return;
    }
    int p, off, naux;
    if (!define && narrow_ref(fs, lhs, &p, &off, &naux)) {
        /* b[i] = v on a []byte, []rune ... */
        int rv = cexpr(fs, rhs, -1);
        emitaux(fs, OP_STOREN, naux, p, off, rv);
        return;
    }
    if (!define && ptr_path(fs, lhs, &p, &off)) {
        /* *p = v, p.f = v: p first, then v, then the store (and nil check) */
        int rv = cexpr(fs, rhs, -1);
        fs->line = lhs->pos.line;
        mem_store(fs, lhs, etype(lhs), p, off, rv);
        return;
    }
    if (define && lhs->obj && !lhs->obj->aux)
        v = new_local(fs, lhs);
    else
        v = lhs_var(fs, lhs);
    int fw = frame_words(v);
    if (fw < 0) {
        int r = cexpr(fs, rhs, -1);
        store_var(fs, rhs, v, r);
    } else {
        cexpr(fs, rhs, fw);
    }
}

/* a, b = f(): the results sit in the call area. */
static void assign_tuple(FuncState *fs, NodeList *lhs, Node *rhs, bool define)
{
    Type *tt = rhs->type;
    if (rhs->mode == MODE_MAPINDEX && is_mapindex(rhs)) {
        /* v, ok = m[k] */
        int r = cmapindex2(fs, rhs);
        Type *vt = tt->u.tuple.types[0];
        int vw = type_words(fs, rhs, vt, NULL);
        for (int i = 0; i < 2; i++) {
            Node *l = lhs->items[i];
            if (is_blank(l))
                continue;
            if (!define && is_mapindex(l)) {
                int base = cmapref_lhs(fs, l);
                cmapstore(fs, l, base, i ? r + vw : r);
                continue;
            }
            VarLoc *v = define && l->obj && !l->obj->aux ? new_local(fs, l) : lhs_var(fs, l);
            store_var(fs, l, v, i ? r + vw : r);
        }
        return;
    }
    int base = CALLAREA;
    Node *r0 = rhs;
    while (r0->kind == E_PAREN)
        r0 = r0->u.unary.x;
    if (r0->kind == E_TYPEASSERT) {
        /* v, ok := x.(T): the value and ok in consecutive temporaries */
        base = cassert(fs, r0, -1, true);
    } else if (is_recv(r0)) {
        /* v, ok := <-ch */
        base = crecv2(fs, r0);
    } else if (rhs->kind != E_CALL || rhs->mode == MODE_MAPINDEX || rhs->mode == MODE_COMMAOK) {
        unimpl(fs, rhs, rhs->kind == E_INDEX ? "maps" : "channels");
    } else {
        ccall(fs, rhs);
    }
    int off = 0;
    /* Copy out of the call area before anything else can run. */
    for (int i = 0; i < lhs->len; i++) {
        Node *l = lhs->items[i];
        int n = type_words(fs, rhs, tt->u.tuple.types[i], NULL);
        if (!is_blank(l)) {
            VarLoc *v = define && l->obj && !l->obj->aux ? new_local(fs, l) : lhs_var(fs, l);
            store_var(fs, l, v, base + off);
        }
        off += n;
    }
}

static void cassign(FuncState *fs, Node *s)
{
    NodeList *lhs = s->u.assign.lhs, *rhs = s->u.assign.rhs;
    int op = s->u.assign.op;
    bool define = op == DEFINE;
    if (op != '=' && op != DEFINE) {
        /* x op= y */
        int base = ast_assign_base_op(op);
        Node *l = lhs->items[0];
        Type *t = etype(l);
        ElemRef er;
        if (is_mapindex(l)) {
            cmapopassign(fs, s, l, base, rhs->items[0]);
            return;
        }
        if (elem_path(fs, l, &er, true)) {
            hoist_now(fs, rhs->items[0]);
            int rx = elem_load(fs, &er, -1);
            int ry = cexpr(fs, rhs->items[0], -1);
            cbinary_slots(fs, s, base, t, etype(rhs->items[0]), rx, ry, rx);
            elem_store(fs, &er, rx);
            return;
        }
        int p, off, naux;
        if (narrow_ref(fs, l, &p, &off, &naux)) {
            hoist_now(fs, rhs->items[0]);
            int rx = alloc_temp(fs, l, t);
            emitaux(fs, OP_LOADN, naux, rx, p, off);
            int ry = cexpr(fs, rhs->items[0], -1);
            cbinary_slots(fs, s, base, t, etype(rhs->items[0]), rx, ry, rx);
            emitaux(fs, OP_STOREN, naux, p, off, rx);
            return;
        }
        if (ptr_path(fs, l, &p, &off)) {
            hoist_now(fs, rhs->items[0]);
            int rx = alloc_temp(fs, l, t);
            fs->line = l->pos.line;
            mem_load(fs, l, t, p, off, rx);
            int ry = cexpr(fs, rhs->items[0], -1);
            cbinary_slots(fs, s, base, t, etype(rhs->items[0]), rx, ry, rx);
            mem_store(fs, l, t, p, off, rx);
            return;
        }
        VarLoc *v = lhs_var(fs, l);
        bool mem = frame_words(v) < 0;
        if (mem)
            hoist_now(fs, rhs->items[0]);   /* g += f(): f runs before g is read */
        int rx;
        if (mem) {
            rx = alloc_temp(fs, l, t);
            load_var(fs, l, v, rx);
        } else {
            rx = frame_words(v);
        }
        int ry = cexpr(fs, rhs->items[0], -1);
        cbinary_slots(fs, s, base, t, etype(rhs->items[0]), rx, ry, rx);
        if (mem)
            store_var(fs, s, v, rx);
        return;
    }
    if (lhs->len > 1 && rhs->len == 1) {
        assign_tuple(fs, lhs, rhs->items[0], define);
        return;
    }
    if (lhs->len == 1) {
        assign1(fs, lhs->items[0], rhs->items[0], define);
        return;
    }
    /* Parallel assignment: the left sides' indexes, then every right side
       into fresh temporaries, then the stores. */
    ElemRef *ers = GC_MALLOC(lhs->len * sizeof(ElemRef));
    bool *iselem = GC_MALLOC_ATOMIC(lhs->len * sizeof(bool));
    int *pp = GC_MALLOC_ATOMIC(lhs->len * 3 * sizeof(int));
    int *mapref = GC_MALLOC_ATOMIC(lhs->len * sizeof(int));
    for (int i = 0; i < lhs->len; i++) {
        pp[3 * i] = -1;
        pp[3 * i + 2] = 0;
        iselem[i] = false;
        mapref[i] = -1;
        if (define)
            continue;
        if (is_mapindex(lhs->items[i])) {
            mapref[i] = cmapref_lhs(fs, lhs->items[i]);
            continue;
        }
        if (narrow_ref(fs, lhs->items[i], &pp[3 * i], &pp[3 * i + 1], &pp[3 * i + 2]))
            continue;
        iselem[i] = elem_path(fs, lhs->items[i], &ers[i], true);
        if (!iselem[i] && !ptr_path(fs, lhs->items[i], &pp[3 * i], &pp[3 * i + 1]))
            pp[3 * i] = -1;
    }
    hoist_list(fs, rhs);
    int *tmp = GC_MALLOC_ATOMIC(rhs->len * sizeof(int));
    for (int i = 0; i < rhs->len; i++) {
        Node *r = rhs->items[i];
        Node *l = lhs->items[i];
        Type *t = is_blank(l) ? etype(r) : (l->obj ? l->obj->type : etype(r));
        int t0 = alloc_temp(fs, r, t);
        tmp[i] = cexpr(fs, r, t0);
    }
    for (int i = 0; i < lhs->len; i++) {
        Node *l = lhs->items[i];
        if (is_blank(l))
            continue;
        if (mapref[i] >= 0) {
            cmapstore(fs, l, mapref[i], tmp[i]);
            continue;
        }
        if (iselem[i]) {
            elem_store(fs, &ers[i], tmp[i]);
            continue;
        }
        if (pp[3 * i] >= 0 && pp[3 * i + 2]) {
            emitaux(fs, OP_STOREN, pp[3 * i + 2], pp[3 * i], pp[3 * i + 1], tmp[i]);
            continue;
        }
        if (pp[3 * i] >= 0) {
            fs->line = l->pos.line;
            mem_store(fs, l, etype(l), pp[3 * i], pp[3 * i + 1], tmp[i]);
            continue;
        }
        VarLoc *v = define && l->obj && !l->obj->aux ? new_local(fs, l) : lhs_var(fs, l);
        store_var(fs, l, v, tmp[i]);
    }
}

static void cincdec(FuncState *fs, Node *s)
{
    Node *l = s->u.incdec.x;
    Type *t = etype(l);
    int k = type_underlying(t)->kind;
    int r;
    ElemRef er;
    if (is_mapindex(l)) {
        cmapopassign(fs, s, l, s->u.incdec.op == INC ? '+' : '-', NULL);
        return;
    }
    int p = -1, off = 0, naux = 0;
    bool narrow = narrow_ref(fs, l, &p, &off, &naux);
    bool elem = !narrow && elem_path(fs, l, &er, true);
    bool viap = !narrow && !elem && ptr_path(fs, l, &p, &off);
    VarLoc *v = narrow || elem || viap ? NULL : lhs_var(fs, l);
    if (narrow) {
        r = alloc_temp(fs, l, t);
        emitaux(fs, OP_LOADN, naux, r, p, off);
    } else if (elem) {
        r = elem_load(fs, &er, -1);
    } else if (viap) {
        r = alloc_temp(fs, l, t);
        fs->line = l->pos.line;
        mem_load(fs, l, t, p, off, r);
    } else if (frame_words(v) < 0) {
        r = alloc_temp(fs, l, t);
        load_var(fs, l, v, r);
    } else {
        r = frame_words(v);
    }
    bool inc = s->u.incdec.op == INC;
    if (k == TY_FLOAT64 || k == TY_FLOAT32) {
        int one = alloc_temp(fs, l, t);
        emit_load_const(fs, l, cv_int(1), t, one);
        cbinary_slots(fs, s, inc ? '+' : '-', t, t, r, one, r);
    } else {
        emit(fs, OP_ADDK, r, r, inc ? 1 : 0xffff);
        int op = -1;
        switch (k) {
        case TY_INT8: op = OP_EXT8S; break;
        case TY_INT16: op = OP_EXT16S; break;
        case TY_INT32: op = OP_EXT32S; break;
        case TY_UINT8: op = OP_EXT8U; break;
        case TY_UINT16: op = OP_EXT16U; break;
        case TY_UINT32: op = OP_EXT32U; break;
        }
        if (op >= 0)
            emit(fs, op, r, r, 0);
    }
    if (narrow)
        emitaux(fs, OP_STOREN, naux, p, off, r);
    else if (elem)
        elem_store(fs, &er, r);
    else if (viap)
        mem_store(fs, l, t, p, off, r);
    else if (frame_words(v) < 0)
        store_var(fs, s, v, r);
}

static void cvarspec(FuncState *fs, Node *spec)
{
    NodeList *names = spec->u.valuespec.names, *values = spec->u.valuespec.values;
    int nv = values ? values->len : 0;
    if (nv == 0) {
        for (int i = 0; i < names->len; i++) {
            Node *id = names->items[i];
            if (is_blank(id))
                continue;
            VarLoc *v = new_local(fs, id);
            if (!v->heap)       /* a heap variable's memory comes zeroed */
                emit(fs, OP_ZERO, v->slot, v->nwords, 0);
        }
        return;
    }
    if (nv == 1 && names->len > 1) {
        assign_tuple(fs, names, values->items[0], true);
        return;
    }
    if (names->len == 1) {
        assign1(fs, names->items[0], values->items[0], true);
        return;
    }
    /* var a, b = x, y: the new variables are not in scope on the right. */
    hoist_list(fs, values);
    int *tmp = GC_MALLOC_ATOMIC(nv * sizeof(int));
    for (int i = 0; i < nv; i++) {
        Node *id = names->items[i];
        Type *t = id->obj ? id->obj->type : etype(values->items[i]);
        tmp[i] = cexpr(fs, values->items[i], alloc_temp(fs, values->items[i], t));
    }
    for (int i = 0; i < names->len; i++) {
        Node *id = names->items[i];
        if (is_blank(id))
            continue;
        VarLoc *v = new_local(fs, id);
        store_var(fs, id, v, tmp[i]);
    }
}

static void cdecl(FuncState *fs, Node *d)
{
    if (d->kind == D_GROUP) {
        for (int i = 0; i < d->u.group.specs->len; i++)
            cdecl(fs, d->u.group.specs->items[i]);
        return;
    }
    if (d->kind == D_VAR)
        cvarspec(fs, d);
    /* constants are folded; local types need no code */
}

void push_branch(FuncState *fs, Branch *b, const char *label, bool isloop)
{
    memset(b, 0, sizeof *b);
    b->outer = fs->branch;
    b->label = label;
    b->isloop = isloop;
    fs->branch = b;
}

static void cif(FuncState *fs, Node *s)
{
    int savetop = fs->localtop, savefree = fs->freereg;
    if (s->u.ifstmt.init) {
        cstmt(fs, s->u.ifstmt.init);
        fs->freereg = fs->localtop;
    }
    JumpList els = { 0 };
    ccond(fs, s->u.ifstmt.cond, false, &els);
    fs->freereg = fs->localtop;
    cblock(fs, s->u.ifstmt.then->u.block.stmts);
    if (s->u.ifstmt.els) {
        JumpList end = { 0 };
        fs->line = s->u.ifstmt.then->u.block.rbrace.line;
        jl_add(&end, emitjump(fs, OP_JMP, 0));
        patchhere(fs, &els);
        cstmt(fs, s->u.ifstmt.els);
        patchhere(fs, &end);
    } else {
        patchhere(fs, &els);
    }
    fs->localtop = savetop;
    fs->freereg = savefree;
}

static void cfor(FuncState *fs, Node *s, const char *label)
{
    int savetop = fs->localtop, savefree = fs->freereg;
    Branch b;
    if (s->u.forstmt.init) {
        cstmt(fs, s->u.forstmt.init);
        fs->freereg = fs->localtop;
    }
    push_branch(fs, &b, label, true);
    JumpList tocond = { 0 };
    if (s->u.forstmt.cond)
        jl_add(&tocond, emitjump(fs, OP_JMP, 0));
    int top = fs->ncode;
    cblock(fs, s->u.forstmt.body->u.block.stmts);
    patchhere(fs, &b.continues);
    if (s->u.forstmt.post) {
        cstmt(fs, s->u.forstmt.post);
        fs->freereg = fs->localtop;
    }
    patchhere(fs, &tocond);
    if (s->u.forstmt.cond) {
        JumpList back = { 0 };
        ccond(fs, s->u.forstmt.cond, true, &back);
        patchto(fs, &back, top);
    } else {
        JumpList back = { 0 };
        jl_add(&back, emitjump(fs, OP_JMP, 0));
        patchto(fs, &back, top);
    }
    patchhere(fs, &b.breaks);
    fs->branch = b.outer;
    fs->localtop = savetop;
    fs->freereg = savefree;
}

/* for k, v := range s over a string: s is evaluated once; k is the byte
   offset, v the rune (Go 1.19: one k and one v for the whole loop). */
/* for i, v := range a over an array: a copied once (when v is used), then
   i from 0 to len(a). */
static void crange_array(FuncState *fs, Node *s, const char *label)
{
    Node *x = s->u.rangestmt.x;
    Type *xt = type_underlying(etype(x));
    int savetop = fs->localtop, savefree = fs->freereg;
    Type *tint = types_basic[TY_INT];
    Node *key = s->u.rangestmt.key, *val = s->u.rangestmt.value;
    bool define = s->u.rangestmt.op == DEFINE;
    bool useval = val && !is_blank(val);
    bool slice = xt->kind == TY_SLICE;
    Type *et = slice ? xt->u.slice.elem : xt->u.array.elem;
    int ew = type_words(fs, x, et, NULL);
    /* an array of packed elements: toff counts bytes */
    bool packed = !word_access(et, 0) && !(slice && narrow_aux(et));
    if (packed)
        ew = (int)go_sizeof(et);
    if ((!slice && xt->u.array.len > 0x7fff) || (!packed && ew > 255) || ew > 32767)
        unimpl(fs, x, "for range over arrays this long");
    int ta = -1;
    if (useval || slice)
        ta = cexpr(fs, x, alloc_temp(fs, x, etype(x)));
    else if (!is_pure(fs, x))
        cexpr(fs, x, -1);       /* len(f()) is not constant: f runs */
    int ti = alloc_temp(fs, x, tint);
    int toff = alloc_temp(fs, x, tint);
    fs->localtop = fs->freereg;
    emit(fs, OP_LOADI, ti, 0, 0);
    emit(fs, OP_LOADI, toff, 0, 0);
    VarLoc *kv = NULL, *vv = NULL;
    if (key && !is_blank(key))
        kv = define ? new_local(fs, key) : lhs_var(fs, key);
    if (useval)
        vv = define ? new_local(fs, val) : lhs_var(fs, val);
    Branch b;
    push_branch(fs, &b, label, true);
    JumpList tocond = { 0 };
    jl_add(&tocond, emitjump(fs, OP_JMP, 0));
    int top = fs->ncode;
    if (kv)
        store_var(fs, key, kv, ti);
    if (vv && packed) {
        int tp = scalar_temp(fs, val);
        if (slice) {
            emit(fs, OP_PTRADDB, tp, ta, toff);
        } else {
            emit(fs, OP_ADDR, tp, ta, 0);
            emit(fs, OP_PTRADDB, tp, tp, toff);
        }
        int fw = frame_words(vv);
        int r = mem_load(fs, val, et, tp, 0, fw);
        if (fw < 0)
            store_var(fs, val, vv, r);
    } else if (vv) {
        int naux = slice ? narrow_aux(et) : 0;
        int op = naux ? OP_LOADN : slice ? OP_LOADXP : OP_LOADX;
        int a = naux ? naux : ew, c = naux ? ti : toff;
        if (frame_words(vv) < 0) {
            int tv = alloc_temp(fs, val, et);
            emitaux(fs, op, a, tv, ta, c);
            store_var(fs, val, vv, tv);
        } else {
            emitaux(fs, op, a, vv->slot, ta, c);
        }
    }
    cblock(fs, s->u.rangestmt.body->u.block.stmts);
    patchhere(fs, &b.continues);
    emit(fs, OP_ADDK, ti, ti, 1);
    emit(fs, OP_ADDK, toff, toff, ew);
    patchhere(fs, &tocond);
    JumpList back = { 0 };
    if (slice)
        jl_add(&back, emit(fs, OP_JLT, ti, ta + 1, 0));
    else
        jl_add(&back, emit(fs, OP_JLTK, ti, (int)xt->u.array.len, 0));
    patchto(fs, &back, top);
    patchhere(fs, &b.breaks);
    fs->branch = b.outer;
    fs->localtop = savetop;
    fs->freereg = savefree;
}

static void crange(FuncState *fs, Node *s, const char *label)
{
    Node *x = s->u.rangestmt.x;
    Type *xt = type_underlying(etype(x));
    if (xt->kind == TY_ARRAY || xt->kind == TY_SLICE) {
        crange_array(fs, s, label);
        return;
    }
    if (xt->kind == TY_MAP) {
        crange_map(fs, s, label);
        return;
    }
    if (xt->kind == TY_CHAN) {
        crange_chan(fs, s, label);
        return;
    }
    if (xt->kind != TY_STRING) {
        const char *what = xt->kind == TY_MAP ? "maps" : xt->kind == TY_SLICE ? "slices"
                         : xt->kind == TY_ARRAY ? "arrays" : xt->kind == TY_CHAN ? "channels"
                         : xt->kind == TY_POINTER ? "pointers" : "for range over this type";
        unimpl(fs, x, what);
    }
    int savetop = fs->localtop, savefree = fs->freereg;
    Type *tint = types_basic[TY_INT];
    int ts = alloc_temp(fs, x, types_basic[TY_STRING]);
    cexpr(fs, x, ts);
    int ti = alloc_temp(fs, x, tint);
    uint8_t kk[2] = { SLOT_SCALAR, SLOT_SCALAR };
    int tr = alloc_slots(fs, 2, kk, NULL);
    fs->localtop = fs->freereg;
    emit(fs, OP_LOADI, ti, 0, 0);
    Node *key = s->u.rangestmt.key, *val = s->u.rangestmt.value;
    bool define = s->u.rangestmt.op == DEFINE;
    VarLoc *kv = NULL, *vv = NULL;
    if (key && !is_blank(key))
        kv = define ? new_local(fs, key) : lhs_var(fs, key);
    if (val && !is_blank(val))
        vv = define ? new_local(fs, val) : lhs_var(fs, val);
    Branch b;
    push_branch(fs, &b, label, true);
    JumpList tocond = { 0 };
    jl_add(&tocond, emitjump(fs, OP_JMP, 0));
    int top = fs->ncode;
    emit(fs, OP_RUNEAT, tr, ts, ti);
    if (kv)
        store_var(fs, key, kv, ti);
    if (vv)
        store_var(fs, val, vv, tr);
    cblock(fs, s->u.rangestmt.body->u.block.stmts);
    patchhere(fs, &b.continues);
    emit(fs, OP_ADD, ti, ti, tr + 1);
    patchhere(fs, &tocond);
    JumpList back = { 0 };
    jl_add(&back, emit(fs, OP_JLT, ti, ts + 1, 0));
    patchto(fs, &back, top);
    patchhere(fs, &b.breaks);
    fs->branch = b.outer;
    fs->localtop = savetop;
    fs->freereg = savefree;
}

/* if tag == e goto jl, for the switch tag in slot rt of type t. */
static void ccase_match(FuncState *fs, Node *e, int rt, Type *t, JumpList *jl)
{
    int mark = fs->freereg;
    int k = type_underlying(type_default(t))->kind;
    int re = cexpr(fs, e, -1);
    if ((k >= TY_INT && k <= TY_UINTPTR) || k == TY_BOOL) {
        jl_add(jl, emit(fs, OP_JEQ, rt, re, 0));
    } else {
        int b = alloc_temp(fs, e, types_basic[TY_BOOL]);
        if (k == TY_STRING) emit(fs, OP_EQSTR, b, rt, re);
        else if (k == TY_FLOAT64) emit(fs, OP_EQF, b, rt, re);
        else if (k == TY_FLOAT32) emit(fs, OP_EQF32, b, rt, re);
        else if (k == TY_INTERFACE) emitaux(fs, OP_EQIFACE, is_empty_iface(t) ? 0 : 1, b, rt, re);
        else unimpl(fs, e, ast_sprintf("switching on values of type %s", type_string(t)));
        jl_add(jl, emitjump(fs, OP_JMPT, b));
    }
    fs->freereg = mark;
}

static void ctypeswitch_stmt(FuncState *fs, Node *s, const char *label)
{
    int savetop = fs->localtop, savefree = fs->freereg;
    if (s->u.switchstmt.init) {
        cstmt(fs, s->u.switchstmt.init);
        fs->freereg = fs->localtop;
    }
    ctypeswitch(fs, s, label);
    fs->localtop = savetop;
    fs->freereg = savefree;
}

static void cswitch(FuncState *fs, Node *s, const char *label)
{
    int savetop = fs->localtop, savefree = fs->freereg;
    if (s->u.switchstmt.init) {
        cstmt(fs, s->u.switchstmt.init);
        fs->freereg = fs->localtop;
    }
    Node *tag = s->u.switchstmt.tag;
    int rt = -1;
    Type *tt = NULL;
    if (tag) {
        tt = etype(tag);
        rt = cexpr(fs, tag, alloc_temp(fs, tag, tt));
        fs->localtop = fs->freereg;    /* the tag lives through the switch */
    }
    NodeList *clauses = s->u.switchstmt.body->u.block.stmts;
    int n = clauses ? clauses->len : 0;
    JumpList *bodies = GC_MALLOC((n + 1) * sizeof(JumpList));
    int dflt = -1;
    for (int i = 0; i < n; i++) {
        Node *cl = clauses->items[i];
        NodeList *list = cl->u.caseclause.list;
        if (!list) {
            dflt = i;
            continue;
        }
        for (int j = 0; j < list->len; j++) {
            Node *e = list->items[j];
            fs->line = e->pos.line;
            if (tag)
                ccase_match(fs, e, rt, tt, &bodies[i]);
            else
                ccond(fs, e, true, &bodies[i]);
        }
    }
    JumpList end = { 0 };
    if (dflt >= 0)
        jl_add(&bodies[dflt], emitjump(fs, OP_JMP, 0));
    else
        jl_add(&end, emitjump(fs, OP_JMP, 0));
    Branch b;
    push_branch(fs, &b, label, false);
    for (int i = 0; i < n; i++) {
        Node *cl = clauses->items[i];
        patchhere(fs, &bodies[i]);
        NodeList *body = cl->u.caseclause.body;
        cblock(fs, body);
        bool falls = body && body->len > 0 &&
                     body->items[body->len - 1]->kind == S_BRANCH &&
                     body->items[body->len - 1]->u.branch.op == FALLTHROUGH;
        if (!falls && i + 1 < n)
            jl_add(&end, emitjump(fs, OP_JMP, 0));
    }
    patchhere(fs, &end);
    patchhere(fs, &b.breaks);
    fs->branch = b.outer;
    fs->localtop = savetop;
    fs->freereg = savefree;
}

static void cbranch(FuncState *fs, Node *s)
{
    int op = s->u.branch.op;
    const char *label = s->u.branch.label ? s->u.branch.label->u.ident.name : NULL;
    if (op == FALLTHROUGH)
        return;    /* the switch lays the next body out right after */
    if (op == GOTO)
        unimpl(fs, s, "goto");
    Branch *b = fs->branch;
    for (; b; b = b->outer) {
        if (label ? (b->label && strcmp(b->label, label) == 0) : (op == BREAK || b->isloop))
            break;
    }
    if (!b)
        unimpl(fs, s, "this branch statement");
    int pc = emitjump(fs, OP_JMP, 0);
    jl_add(op == BREAK ? &b->breaks : &b->continues, pc);
}

static void creturn(FuncState *fs, Node *s)
{
    NodeList *res = s->u.ret.results;
    Func *f = fs->f;
    int n = res ? res->len : 0;
    Type *sig = fs->sig;
    if (n == 1 && sig->u.func.nresults > 1) {
        /* return f(): the results are already laid out as ours */
        ccall(fs, res->items[0]);
        emit_move(fs, 0, CALLAREA, f->nres);
    } else if (n == 1) {
        cexpr(fs, res->items[0], 0);
    } else if (n > 1) {
        /* every result into a temporary first: `return b, a` */
        hoist_list(fs, res);
        int *tmp = GC_MALLOC_ATOMIC(n * sizeof(int));
        for (int i = 0; i < n; i++)
            tmp[i] = cexpr(fs, res->items[i], alloc_temp(fs, res->items[i], sig->u.func.results[i]));
        int o = 0;
        for (int i = 0; i < n; i++) {
            int w = type_words(fs, res->items[i], sig->u.func.results[i], NULL);
            emit_move(fs, o, tmp[i], w);
            o += w;
        }
    }
    fs->line = s->pos.line;
    if (n > 0 && fs->nheapres) {
        /* return v assigns v to the results first (Go's semantics; the
           epilogue copies them back) */
        for (int i = 0; i < fs->nheapres; i++) {
            VarLoc *v = fs->heapres[i]->aux;
            emitaux(fs, OP_STOREP, v->nwords, v->slot, 0, fs->heapresslot[i]);
        }
    }
    emit_return(fs);
}

void cstmt(FuncState *fs, Node *s)
{
    fs->line = s->pos.line;
    fs->nhoisted = 0;     /* hoisted calls live for one expression statement */
    switch (s->kind) {
    case S_EMPTY:
        return;
    case S_BLOCK:
        cblock(fs, s->u.block.stmts);
        return;
    case S_EXPR: {
        Node *x = s->u.exprstmt.x;
        if (x->kind == E_CALL && !x->u.call.conv) {
            Node *fun = x->u.call.fun;
            if (fun->mode == MODE_BUILTIN && fun->obj && fun->obj->builtin == BI_COPY) {
                cexpr(fs, x, -1);
                return;
            }
            if (fun->mode == MODE_BUILTIN && fun->obj && fun->obj->builtin == BI_DELETE) {
                cmapdelete(fs, x);
                return;
            }
            if (fun->mode == MODE_BUILTIN && fun->obj && fun->obj->builtin == BI_CLOSE) {
                cclose(fs, x);
                return;
            }
            if (fun->mode == MODE_BUILTIN && fun->obj &&
                fun->obj->builtin != BI_PRINT && fun->obj->builtin != BI_PRINTLN &&
                fun->obj->builtin != BI_PANIC)
                unimpl(fs, x, ast_sprintf("the builtin %s", fun->obj->name));
            ccall(fs, x);
        } else {
            cexpr(fs, x, -1);
        }
        return;
    }
    case S_DECL:
        cdecl(fs, s->u.decl.decl);
        return;
    case S_ASSIGN:
        cassign(fs, s);
        return;
    case S_INCDEC:
        cincdec(fs, s);
        return;
    case S_IF:
        cif(fs, s);
        return;
    case S_FOR:
        cfor(fs, s, NULL);
        return;
    case S_SWITCH:
        cswitch(fs, s, NULL);
        return;
    case S_LABELED: {
        Node *st = s->u.labeled.stmt;
        const char *label = s->u.labeled.label->u.ident.name;
        if (st && st->kind == S_FOR)
            cfor(fs, st, label);
        else if (st && st->kind == S_SWITCH)
            cswitch(fs, st, label);
        else if (st && st->kind == S_RANGE)
            crange(fs, st, label);
        else if (st && st->kind == S_TYPESWITCH)
            ctypeswitch_stmt(fs, st, label);
        else if (st && st->kind == S_SELECT)
            cselect(fs, st, label);
        else if (st)
            cstmt(fs, st);
        return;
    }
    case S_BRANCH:
        cbranch(fs, s);
        return;
    case S_RETURN:
        creturn(fs, s);
        return;
    case S_RANGE:
        crange(fs, s, NULL);
        return;
    case S_GO:
        cgo(fs, s);
        return;
    case S_DEFER: {
        /* Go: the function value and the arguments are evaluated now and
           saved in a _defer record; DEFERRETURN calls it at return. */
        Node *call = s->u.gostmt.call;
        while (call->kind == E_PAREN)
            call = call->u.unary.x;
        if (call->kind != E_CALL || call->u.call.conv)
            unimpl(fs, s, "defer of this expression");
        fs->deferring = true;
        fs->defernode = call;
        ccall(fs, call);
        fs->defernode = NULL;
        if (fs->deferring) {
            fs->deferring = false;
            unimpl(fs, s, "defer of this call");
        }
        break;
    }
    case S_SEND:
        csend(fs, s);
        return;
    case S_SELECT:
        cselect(fs, s, NULL);
        return;
    case S_TYPESWITCH:
        ctypeswitch_stmt(fs, s, NULL);
        break;
    default: unimpl(fs, s, "this statement");
    }
}
