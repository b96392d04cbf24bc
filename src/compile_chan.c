/* compile_chan.c — go statements, channel operations and select.
 *
 * Go: cmd/compile/internal/walk/stmt.go (go), walk/expr.go (ORECV,
 * OSEND, OCLOSE), walk/select.go (walkSelectCases: the scase array and the
 * selectgo call, then a switch on the chosen case), walk/range.go (range
 * over a channel: `for { v, ok := <-c; if !ok { break }; ... }`).
 *
 * go f(x): the call is compiled as a call (its arguments evaluated by this
 * goroutine into the call area) and the CALL/CALLF/CALLI that would run it
 * becomes GO/GOF/GOI, which copy the call area into a new goroutine's first
 * frame (runtime/proc.c: newproc). Natives and builtins cannot start a
 * goroutine yet.
 *
 * A receive always lands in fresh temporaries: while the g is parked the
 * sender writes into them (runtime/chan.c), so they must be slots the
 * frame's stack map describes, not a variable another statement may read.
 *
 * select: every channel and every value to send is evaluated first, in
 * source order, into temporaries; a SelectDesc constant names their slots;
 * SELECT leaves the chosen case's index (-1: default) and recvOK in two
 * slots; then the bodies are a switch on the index.
 */
#define COMPILE_INTERNAL
#include "compile.h"

#include "chan.h"

static Type *chan_elem(Node *ch)
{
    return type_underlying(etype(ch))->u.chan.elem;
}


/* ---- go ---- */

void cgo(FuncState *fs, Node *s)
{
    Node *call = s->u.gostmt.call;
    while (call->kind == E_PAREN)
        call = call->u.unary.x;
    if (call->kind != E_CALL || call->u.call.conv)
        unimpl(fs, s, "this go statement");
    Node *fun = call->u.call.fun;
    while (fun->kind == E_PAREN)
        fun = fun->u.unary.x;
    if (fun->mode == MODE_BUILTIN)
        unimpl(fs, s, "go with a builtin function");
    if (fun->kind == E_SELECTOR && fun->u.selector.x->mode != MODE_PACKAGE &&
        fun->obj && fun->obj->kind == OBJ_FUNC && fun->obj->pkg)
        unimpl(fs, s, "go with a method of a native package's type");
    fs->gocall = call;      /* cargs_call turns this call's CALL into GO */
    if (fun->kind == E_SELECTOR && fun->u.selector.x->mode == MODE_PACKAGE)
        ccall_native_stub(fs, call);    /* go fmt.Println(x): through a Func that calls the native */
    else
        ccall(fs, call);
    if (fs->gocall)
        unimpl(fs, s, "this go statement");
}

/* The GO op for the call op cargs_call is about to emit (cargs_call). */
int go_op(FuncState *fs, Node *call, int op)
{
    fs->gocall = NULL;
    switch (op) {
    case OP_CALL: return OP_GO;
    case OP_CALLF: return OP_GOF;
    case OP_CALLI: return OP_GOI;
    default: unimpl(fs, call, "go with a native function");
    }
}

/* ---- make, len, cap, close ---- */

int cmakechan(FuncState *fs, Node *e, int dst)
{
    NodeList *args = e->u.call.args;
    Type *t = etype(e);
    hoist_list(fs, args);
    uint8_t pk = SLOT_PTR;
    int d = dst >= 0 ? dst : alloc_slots(fs, 1, &pk, NULL);
    int sz;
    if (args->len > 1) {
        sz = cexpr(fs, args->items[1], -1);
    } else {
        sz = scalar_temp(fs, e);
        emit(fs, OP_LOADI, sz, 0, 0);
    }
    fs->line = e->pos.line;
    int k = kconst(fs, e, rtype_of(fs, e, type_underlying(t)->u.chan.elem));
    emit(fs, OP_MAKECHAN, d, sz, k);
    return d;
}

int cchanlen(FuncState *fs, Node *x, int dst, bool cap)
{
    int r = cexpr(fs, x, -1);
    int d = dst >= 0 ? dst : scalar_temp(fs, x);
    emitaux(fs, OP_LENCHAN, cap, d, r, 0);
    return d;
}

void cclose(FuncState *fs, Node *call)
{
    int r = cexpr(fs, call->u.call.args->items[0], -1);
    fs->line = call->pos.line;
    emit(fs, OP_CLOSECHAN, r, 0, 0);
}

/* ---- send and receive ---- */

void csend(FuncState *fs, Node *s)
{
    Node *ch = s->u.binary.x, *v = s->u.binary.y;
    hoist_calls(fs, ch);
    hoist_calls(fs, v);
    uint8_t pk = SLOT_PTR;
    int rc = cexpr(fs, ch, alloc_slots(fs, 1, &pk, NULL));
    Type *et = chan_elem(ch);
    int rv = alloc_temp(fs, v, et);
    if (v->mode == MODE_CONST && v->cv)
        emit_load_const(fs, v, v->cv, et, rv);
    else
        cexpr(fs, v, rv);
    fs->line = s->pos.line;
    emit(fs, OP_CHANSEND, rc, rv, 0);
}

/* <-ch into [value][ok] temporaries; returns the value's first slot. */
static int crecv_into(FuncState *fs, Node *e, bool commaok)
{
    Node *ch = e->u.unary.x;
    Type *et = chan_elem(ch);
    uint8_t kinds[4097];
    int w = type_words(fs, e, et, kinds);
    kinds[w] = SLOT_SCALAR;
    int rc = cexpr(fs, ch, -1);
    int d = alloc_slots(fs, w + (commaok ? 1 : 0), kinds, NULL);
    fs->line = e->pos.line;
    emitaux(fs, OP_CHANRECV, commaok, d, rc, w);
    return d;
}

int crecv(FuncState *fs, Node *e, int dst)
{
    int d = crecv_into(fs, e, false);
    if (dst < 0)
        return d;
    emit_move(fs, dst, d, type_words(fs, e, chan_elem(e->u.unary.x), NULL));
    return dst;
}

int crecv2(FuncState *fs, Node *e)
{
    return crecv_into(fs, e, true);
}

bool is_recv(Node *e)
{
    while (e->kind == E_PAREN)
        e = e->u.unary.x;
    return e->kind == E_UNARY && e->u.unary.op == ARROW;
}

static Node *unparen(Node *e)
{
    while (e->kind == E_PAREN)
        e = e->u.unary.x;
    return e;
}

/* ---- range over a channel ---- */

void crange_chan(FuncState *fs, Node *s, const char *label)
{
    int savetop = fs->localtop, savefree = fs->freereg;
    Node *x = s->u.rangestmt.x, *key = s->u.rangestmt.key;
    Type *et = chan_elem(x);
    uint8_t pk = SLOT_PTR;
    int rc = cexpr(fs, x, alloc_slots(fs, 1, &pk, NULL));
    uint8_t kinds[4097];
    int w = type_words(fs, x, et, kinds);
    kinds[w] = SLOT_SCALAR;
    int tv = alloc_slots(fs, w + 1, kinds, NULL);
    fs->localtop = fs->freereg;
    VarLoc *kv = NULL;
    bool define = s->u.rangestmt.op == DEFINE;
    if (key && !is_blank(key))
        kv = define ? new_local(fs, key) : lhs_var(fs, key);
    Branch b;
    push_branch(fs, &b, label, true);
    int top = fs->ncode;
    fs->line = x->pos.line;
    emitaux(fs, OP_CHANRECV, 1, tv, rc, w);
    jl_add(&b.breaks, emitjump(fs, OP_JMPF, tv + w));
    if (kv)
        store_var(fs, key, kv, tv);
    cblock(fs, s->u.rangestmt.body->u.block.stmts);
    patchto(fs, &b.continues, top);
    JumpList back = { 0 };
    jl_add(&back, emitjump(fs, OP_JMP, 0));
    patchto(fs, &back, top);
    patchhere(fs, &b.breaks);
    fs->branch = b.outer;
    fs->localtop = savetop;
    fs->freereg = savefree;
}

/* ---- select ---- */

/* Stores the received words at src into the left side l (define: a new
   variable of the case's scope). */
static void assign_slot(FuncState *fs, Node *l, bool define, int src)
{
    l = unparen(l);
    if (is_blank(l))
        return;
    if (define) {
        store_var(fs, l, new_local(fs, l), src);
        return;
    }
    if (l->kind != E_IDENT)
        unimpl(fs, l, "assigning a select case's value to anything but a variable");
    store_var(fs, l, lhs_var(fs, l), src);
}

void cselect(FuncState *fs, Node *s, const char *label)
{
    int savetop = fs->localtop, savefree = fs->freereg;
    NodeList *clauses = s->u.selectstmt.body->u.block.stmts;
    int n = clauses ? clauses->len : 0;
    SelectDesc *d = GC_MALLOC(sizeof(SelectDesc) + (size_t)(n ? n : 1) * sizeof(scase));
    int *casei = GC_MALLOC_ATOMIC((size_t)(n ? n : 1) * sizeof(int));   /* clause -> case index */
    int ncases = 0, dflt = -1;
    /* Go's order: every channel and send value, in source order */
    for (int i = 0; i < n; i++) {
        Node *cl = clauses->items[i];
        Node *comm = cl->u.commclause.comm;
        casei[i] = -1;
        if (!comm) {
            dflt = i;
            continue;
        }
        scase *cas = &d->cases[ncases];
        uint8_t pk = SLOT_PTR;
        Node *ch, *rx = NULL;
        if (comm->kind == S_SEND) {
            ch = comm->u.binary.x;
            int rc = cexpr(fs, ch, alloc_slots(fs, 1, &pk, NULL));
            Node *v = comm->u.binary.y;
            Type *et = chan_elem(ch);
            int rv = alloc_temp(fs, v, et);
            if (v->mode == MODE_CONST && v->cv)
                emit_load_const(fs, v, v->cv, et, rv);
            else
                cexpr(fs, v, rv);
            cas->send = true;
            cas->chanslot = (uint16_t)rc;
            cas->elemslot = (uint16_t)rv;
        } else {
            if (comm->kind == S_EXPR)
                rx = comm->u.exprstmt.x;
            else if (comm->kind == S_ASSIGN)
                rx = comm->u.assign.rhs->items[0];
            if (!rx || !is_recv(rx))
                unimpl(fs, comm, "this select case");
            rx = unparen(rx);
            ch = rx->u.unary.x;
            int rc = cexpr(fs, ch, alloc_slots(fs, 1, &pk, NULL));
            int rv = alloc_temp(fs, rx, chan_elem(ch));
            cas->send = false;
            cas->chanslot = (uint16_t)rc;
            cas->elemslot = (uint16_t)rv;
        }
        casei[i] = ncases++;
    }
    d->ncases = ncases;
    uint8_t kk[2] = { SLOT_SCALAR, SLOT_SCALAR };
    int res = alloc_slots(fs, 2, kk, NULL);
    fs->localtop = fs->freereg;
    fs->line = s->pos.line;
    emitaux(fs, OP_SELECT, dflt >= 0, res, 0, kconst(fs, s, d));
    Branch b;
    push_branch(fs, &b, label, false);
    JumpList next = { 0 };
    for (int i = 0; i < n; i++) {
        Node *cl = clauses->items[i];
        Node *comm = cl->u.commclause.comm;
        int savetop2 = fs->localtop, savefree2 = fs->freereg;
        patchhere(fs, &next);
        next = (JumpList){ 0 };
        jl_add(&next, emit(fs, OP_JNEK, res, casei[i] & 0xffff, 0));
        if (comm && comm->kind == S_ASSIGN) {
            NodeList *lhs = comm->u.assign.lhs;
            bool define = comm->u.assign.op == DEFINE;
            int ev = d->cases[casei[i]].elemslot;
            assign_slot(fs, lhs->items[0], define, ev);
            if (lhs->len > 1)
                assign_slot(fs, lhs->items[1], define, res + 1);
        }
        fs->localtop = fs->freereg;
        cblock(fs, cl->u.commclause.body);
        jl_add(&b.breaks, emitjump(fs, OP_JMP, 0));
        fs->localtop = savetop2;
        fs->freereg = savefree2;
    }
    patchhere(fs, &next);
    patchhere(fs, &b.breaks);
    fs->branch = b.outer;
    fs->localtop = savetop;
    fs->freereg = savefree;
}
