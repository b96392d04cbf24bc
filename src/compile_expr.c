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

void store_var(FuncState *fs, Node *at, VarLoc *v, int src)
{
    if (v->global)
        emit(fs, OP_SETG, v->slot, src, v->nwords);
    else
        emit_move(fs, v->slot, src, v->nwords);
}

static int target(FuncState *fs, Node *at, Type *t, int dst)
{
    return dst >= 0 ? dst : alloc_temp(fs, at, t);
}

static void emit_loadk(FuncState *fs, int op, int dst, int k)
{
    emit(fs, op, dst, k & 0xffff, (int)((unsigned)k >> 16));
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
    case E_CALL:
        if (e->u.call.conv || e->u.call.fun->mode == MODE_BUILTIN)
            return e->u.call.args && e->u.call.args->len > 0 && has_call(e->u.call.args->items[0]);
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
        return e->obj && e->obj->kind == OBJ_VAR && e->obj->is_global;
    case E_PAREN: case E_UNARY:
        return reads_memory(e->u.unary.x);
    case E_BINARY:
        return reads_memory(e->u.binary.x) || reads_memory(e->u.binary.y);
    case E_INDEX:
        return reads_memory(e->u.index.x) || reads_memory(e->u.index.index);
    case E_CALL:
        if (e->u.call.conv || e->u.call.fun->mode == MODE_BUILTIN)
            return e->u.call.args && e->u.call.args->len > 0 && reads_memory(e->u.call.args->items[0]);
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
    case E_CALL:
        if (e->u.call.conv || e->u.call.fun->mode == MODE_BUILTIN) {
            hoist_now(fs, e->u.call.args->items[0]);
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
    if (is_int_kind(k) || k == TY_BOOL) {
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
    int fk = basic_kind(from), tk = basic_kind(to);
    Type *fu = type_underlying(from), *tu = type_underlying(to);
    if (tu->kind >= TY_BASIC_COUNT || fu->kind >= TY_BASIC_COUNT) {
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
        emit(fs, u64 ? OP_F2U : OP_F2I, d, r, 0);
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
} ArgItem;

/* A constant argument word: a small kind number (LOADI), or the address
   of a C string (a type name: LOADK; the constant pool keeps the Boehm
   string alive). */
static void emit_argconst(FuncState *fs, ArgItem *it)
{
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

static int typedesc_kind(FuncState *fs, Node *at, Type *t)
{
    switch (basic_kind(t)) {
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
    default:
        unimpl(fs, at, ast_sprintf("printing values of type %s", type_string(t)));
    }
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
        ccall(fs, inner);
        int m = tt->u.tuple.n, off = 0;
        int *tmp = GC_MALLOC_ATOMIC((m + 1) * sizeof(int));
        for (int i = 0; i < m; i++) {
            Type *t = tt->u.tuple.types[i];
            int w = type_words(fs, inner, t, NULL);
            tmp[i] = alloc_temp(fs, inner, t);
            emit_move(fs, tmp[i], CALLAREA + off, w);
            off += w;
        }
        if (hasfmt)
            emit_move(fs, CALLAREA + nres, tf, 2);
        for (int i = 0; i < m; i++) {
            Type *t = tt->u.tuple.types[i];
            int o = CALLAREA + base + 4 * i;
            emit(fs, OP_LOADI, o, typedesc_kind(fs, inner, t), 0);
            emit_move(fs, o + 1, tmp[i], type_words(fs, inner, t, NULL));
            Slot name = { .s = type_rtstring(t) };
            int k = addconst(fs, name);
            emit(fs, OP_LOADK, o + 3, k & 0xffff, (int)((unsigned)k >> 16));
        }
        use_callarea(fs, base + 4 * m);
        fs->line = call->pos.line;
        emit(fs, OP_CALLN, CALLAREA, nat, base + 4 * m);
        return;
    }
    int nops = n - first;
    ArgItem *items = GC_MALLOC((3 * nops + 2) * sizeof(ArgItem));
    int ni = 0;
    if (hasfmt)
        items[ni++] = (ArgItem){ args->items[0], nres, 2, 0, types_basic[TY_STRING], NULL };
    for (int i = 0; i < nops; i++) {
        Node *a = args->items[first + i];
        Type *t = etype(a);
        if (!t || t->kind == TY_UNTYPED_NIL)
            unimpl(fs, a, "printing nil");
        int kind = typedesc_kind(fs, a, t);
        int o = base + 4 * i;
        items[ni++] = (ArgItem){ NULL, o, 1, kind, NULL, NULL };
        items[ni++] = (ArgItem){ a, o + 1, type_words(fs, a, t, NULL), 0, t, NULL };
        items[ni++] = (ArgItem){ NULL, o + 3, 1, 0, NULL, type_rtstring(t) };
    }
    eval_args(fs, items, ni);
    use_callarea(fs, base + 4 * nops);
    fs->line = call->pos.line;
    emit(fs, OP_CALLN, CALLAREA, nat, base + 4 * nops);
}

/* panic(v) for a value of basic type: {kind, value words, type name as a
   Go string (empty for unnamed types)}. */
static void cpanic(FuncState *fs, Node *call)
{
    Node *a = call->u.call.args->items[0];
    Type *t = etype(a);
    if (!t || t->kind == TY_UNTYPED_NIL)
        unimpl(fs, a, "panic(nil)");
    if (type_is_interface(t))
        unimpl(fs, a, "panic with an interface value");
    int kind = typedesc_kind(fs, a, t);
    const char *name = t->kind == TY_NAMED ? type_rtstring(t) : "";
    ConstVal *cv = cv_string(name, strlen(name));
    ArgItem items[2] = {
        { NULL, 0, 1, kind, NULL, NULL },
        { a, 1, type_words(fs, a, t, NULL), 0, t, NULL },
    };
    eval_args(fs, items, 2);
    emit_load_const(fs, a, cv, types_basic[TY_STRING], CALLAREA + 3);
    use_callarea(fs, 5);
    fs->line = call->pos.line;
    emit(fs, OP_CALLN, CALLAREA, native_index(fs, native_lookup("builtin", "panic")), 5);
}

static void cargs_call(FuncState *fs, Node *call, Type *sig, int op, int idx);

void ccall(FuncState *fs, Node *call)
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
            bool hasfmt = nm[strlen(nm) - 1] == 'f';
            int nres = nm[0] == 'S' ? 2 : 0;
            cprintcall(fs, call, native_index(fs, nat), nres, hasfmt);
            return;
        }
        cargs_call(fs, call, fobj->type, OP_CALLN, native_index(fs, nat));
        return;
    }
    if (fun->kind != E_IDENT || !fobj || fobj->kind != OBJ_FUNC)
        unimpl(fs, call, fun->kind == E_SELECTOR ? "method calls" : "calls of function values");
    cargs_call(fs, call, fobj->type, OP_CALL, func_index(fs, call, fobj));
}

/* Lays out a call's results and arguments in the call area as sig says
   and emits op (CALL of function idx, or CALLN of native idx). */
static void cargs_call(FuncState *fs, Node *call, Type *sig, int op, int idx)
{
    int nres = 0, npar = 0;
    for (int i = 0; i < sig->u.func.nresults; i++)
        nres += type_words(fs, call, sig->u.func.results[i], NULL);
    for (int i = 0; i < sig->u.func.nparams; i++)
        npar += type_words(fs, call, sig->u.func.params[i], NULL);
    if (call->u.call.ellipsis || sig->u.func.variadic)
        unimpl(fs, call, "variadic calls");
    NodeList *args = call->u.call.args;
    int nargs = args ? args->len : 0;
    if (nargs == 1 && args->items[0]->type && args->items[0]->type->kind == TY_TUPLE) {
        /* f(g()): g's results become f's arguments */
        ccall(fs, args->items[0]);
        uint8_t *kinds = GC_MALLOC_ATOMIC(npar + 1);
        int w = 0;
        for (int i = 0; i < sig->u.func.nparams; i++)
            w += type_words(fs, call, sig->u.func.params[i], kinds + w);
        int t = alloc_slots(fs, npar, kinds, NULL);
        emit_move(fs, t, CALLAREA, npar);
        emit_move(fs, CALLAREA + nres, t, npar);
    } else {
        ArgItem *items = GC_MALLOC((nargs + 1) * sizeof(ArgItem));
        int off = nres;
        for (int i = 0; i < nargs; i++) {
            Type *pt = sig->u.func.params[i];
            int w = type_words(fs, args->items[i], pt, NULL);
            items[i] = (ArgItem){ args->items[i], off, w, 0, pt, NULL };
            off += w;
        }
        eval_args(fs, items, nargs);
    }
    use_callarea(fs, nres + npar);
    fs->line = call->pos.line;
    emit(fs, op, CALLAREA, idx, op == OP_CALLN ? nres + npar : 0);
}

static int ccallexpr(FuncState *fs, Node *e, int dst, bool callarea_ok)
{
    Node *fun = e->u.call.fun;
    while (fun->kind == E_PAREN)
        fun = fun->u.unary.x;
    if (fun->mode == MODE_BUILTIN && fun->obj && fun->obj->builtin == BI_LEN) {
        Node *x = e->u.call.args->items[0];
        if (!type_is_string(etype(x)))
            unimpl(fs, e, ast_sprintf("len of %s", type_string(etype(x))));
        int r = cexpr(fs, x, -1);
        if (dst < 0)
            return r + 1;
        emit(fs, OP_MOVE, dst, r + 1, 0);
        return dst;
    }
    if (!e->type || e->type->kind == TY_TUPLE)
        unimpl(fs, e, "this call in an expression");
    int mark = fs->freereg;
    ccall(fs, e);
    fs->freereg = mark;
    uint8_t kinds[2];
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
        if (obj->kind == OBJ_NIL || (e->type && e->type->kind == TY_UNTYPED_NIL))
            unimpl(fs, e, "nil");
        if (obj->kind == OBJ_FUNC)
            unimpl(fs, e, "function values");
        if (obj->kind != OBJ_VAR)
            unimpl(fs, e, "this identifier");
        VarLoc *v = varloc(fs, e, obj);
        if (v->global) {
            int d = target(fs, e, obj->type, dst);
            emit(fs, OP_GETG, d, v->slot, v->nwords);
            return d;
        }
        if (dst < 0)
            return v->slot;
        emit_move(fs, dst, v->slot, v->nwords);
        return dst;
    }
    case E_UNARY: {
        int op = e->u.unary.op;
        Type *t = etype(e);
        int k = basic_kind(t);
        if (op == '+')
            return cexpr(fs, e->u.unary.x, dst);
        if (op == '&')
            unimpl(fs, e, "pointers");
        if (op == ARROW)
            unimpl(fs, e, "channels");
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
            fs->freereg = mark;
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
        if (e->u.selector.x->mode == MODE_PACKAGE)
            unimpl(fs, e, ast_sprintf("%s.%s", e->obj && e->obj->pkg ? e->obj->pkg : "package",
                                      e->u.selector.sel->u.ident.name));
        unimpl(fs, e, e->obj && e->obj->kind == OBJ_FUNC ? "methods" : "structs");
    case E_SLICE: unimpl(fs, e, "slice expressions");
    case E_STAR: unimpl(fs, e, "pointers");
    case E_COMPOSITE: unimpl(fs, e, "composite literals");
    case E_FUNCLIT: unimpl(fs, e, "function literals");
    case E_TYPEASSERT: unimpl(fs, e, "type assertions");
    default: unimpl(fs, e, "this expression");
    }
}
