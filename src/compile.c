/* compile.c — the compiler's driver: functions, frames, slots, emission.
 *
 * Go: cmd/compile/internal/ssagen/pgen.go (frame layout: AllocFrame),
 * cmd/compile/internal/pkginit (main.init: package variables in
 * initialization order, then the init functions), runtime/proc.go
 * (runtime.main, which the entry function mirrors).
 *
 * Slots. A frame's slots are handed out like registers in Lua's code
 * generator: freereg is the first free slot; locals stay allocated until
 * their block ends, temporaries until their statement ends. Each slot gets
 * one kind (scalar or pointer) the first time it is used and keeps it for
 * the whole function, so one stack map per function is exact: when the
 * next free slot has the wrong kind, the allocator skips it.
 *
 * Invariants:
 *  - kinds[i] is fixed once set; stackmap bit i == (kinds[i] == SLOT_PTR).
 *  - Every slot operand >= CALLAREA is rebased to nlocals + offset when the
 *    function is finished; nothing else may use values >= CALLAREA.
 *  - All compiler data is Boehm-allocated; the finished Program is kept
 *    alive by a static root (compiled_program) because the VM's own memory
 *    (its stacks, mini's heap) is not scanned by Boehm.
 */
#define COMPILE_INTERNAL
#include "compile.h"
#include "escape.h"

#include <stdlib.h>

static Program *compiled_program;   /* Boehm root for the running program */

_Noreturn void unimpl(FuncState *fs, Node *at, const char *what)
{
    Compiler *c = fs->c;
    Pos p = at ? ast_start_pos(at) : (Pos){ fs->line, 1 };
    fflush(stdout);
    fprintf(stderr, "%s:%d:%d: mini %s: %s is not implemented yet\n",
            c->file, p.line, p.col, c->verb, what);
    longjmp(c->fail, 1);
}

/* ---- emission ---- */

int emitaux(FuncState *fs, int op, int aux, int a, int b, int c)
{
    if (fs->ncode == fs->capcode) {
        fs->capcode = fs->capcode ? fs->capcode * 2 : 64;
        fs->code = GC_REALLOC(fs->code, fs->capcode * sizeof(Instr));
        fs->lines = GC_REALLOC(fs->lines, fs->capcode * sizeof(int32_t));
    }
    if (a < 0 || a > 0xffff || b < 0 || b > 0xffff || c < 0 || c > 0xffff)
        unimpl(fs, NULL, "a function this large");
    fs->code[fs->ncode] = (Instr){ (uint8_t)op, (uint8_t)aux, (uint16_t)a, (uint16_t)b, (uint16_t)c };
    fs->lines[fs->ncode] = fs->line;
    return fs->ncode++;
}

int emit(FuncState *fs, int op, int a, int b, int c)
{
    return emitaux(fs, op, 0, a, b, c);
}

int emitjump(FuncState *fs, int op, int a)
{
    return emit(fs, op, a, 0, 0);
}

void jl_add(JumpList *jl, int pc)
{
    if (jl->n == jl->cap) {
        jl->cap = jl->cap ? jl->cap * 2 : 4;
        jl->pcs = GC_REALLOC(jl->pcs, jl->cap * sizeof(int));
    }
    jl->pcs[jl->n++] = pc;
}

static bool is_fused_jump(int op)
{
    return op >= OP_JEQ && op <= OP_JGEK;
}

/* Points the jump at pc to target: absolute for JMP/JMPT/JMPF, a 16-bit
   offset from the next instruction for the fused compare-and-branch ops. */
static void patch1(FuncState *fs, int pc, int target)
{
    Instr *in = &fs->code[pc];
    if (is_fused_jump(in->op)) {
        int off = target - (pc + 1);
        if (off < -32768 || off > 32767)
            unimpl(fs, NULL, "a jump this long");
        in->c = (uint16_t)(int16_t)off;
    } else {
        in->b = (uint16_t)(target & 0xffff);
        in->c = (uint16_t)((uint32_t)target >> 16);
    }
}

void patchto(FuncState *fs, JumpList *jl, int target)
{
    for (int i = 0; i < jl->n; i++)
        patch1(fs, jl->pcs[i], target);
    jl->n = 0;
}

void patchhere(FuncState *fs, JumpList *jl)
{
    patchto(fs, jl, fs->ncode);
}

/* ---- a set of pointers (open addressing; NULL marks a free key) ---- */

bool ps_has(const PtrSet *s, const void *p)
{
    if (!s->cap)
        return false;
    for (size_t i = ((uintptr_t)p >> 4) & (s->cap - 1);; i = (i + 1) & (s->cap - 1)) {
        if (s->keys[i] == p)
            return true;
        if (!s->keys[i])
            return false;
    }
}

void ps_add(PtrSet *s, const void *p)
{
    if (ps_has(s, p))
        return;
    if (2 * (s->n + 1) > s->cap) {
        PtrSet t = { GC_MALLOC((s->cap ? s->cap * 2 : 64) * sizeof(void *)), s->cap ? s->cap * 2 : 64, 0 };
        for (size_t i = 0; i < s->cap; i++)
            if (s->keys[i])
                ps_add(&t, s->keys[i]);
        *s = t;
    }
    size_t i = ((uintptr_t)p >> 4) & (s->cap - 1);
    while (s->keys[i])
        i = (i + 1) & (s->cap - 1);
    s->keys[i] = p;
    s->n++;
}

/* LOADK/LOADK2 of constant k (the index spans b and c). */
void emit_loadk(FuncState *fs, int op, int dst, int k)
{
    emit(fs, op, dst, k & 0xffff, (int)((unsigned)k >> 16));
}

/* A pointer constant for an operand that holds 16 bits (K[c]). */
int kconst(FuncState *fs, Node *at, const void *p)
{
    int k = addconst(fs, (Slot){ .p = (void *)p });
    if (k > 0xffff)
        unimpl(fs, at, "a function with this many constants");
    return k;
}

int addconst(FuncState *fs, Slot v)
{
    if (fs->nconsts == fs->capconsts) {
        fs->capconsts = fs->capconsts ? fs->capconsts * 2 : 8;
        fs->consts = GC_REALLOC(fs->consts, fs->capconsts * sizeof(Slot));
    }
    fs->consts[fs->nconsts] = v;
    return fs->nconsts++;
}

/* ---- types and slots ---- */

/* Go's size and alignment of t (cmd/compile/internal/types/size.go) for
   the types the VM holds so far; -1 for the others. */
int64_t go_sizeof(Type *t)
{
    Type *u = type_underlying(type_default(t));
    switch (u->kind) {
    case TY_BOOL: case TY_INT8: case TY_UINT8: return 1;
    case TY_INT16: case TY_UINT16: return 2;
    case TY_INT32: case TY_UINT32: case TY_FLOAT32: return 4;
    case TY_INT: case TY_INT64: case TY_UINT: case TY_UINT64: case TY_UINTPTR:
    case TY_FLOAT64: return 8;
    case TY_STRING: return 16;
    case TY_POINTER: case TY_FUNC: case TY_MAP: case TY_CHAN: return 8;
    case TY_SLICE: return 24;
    case TY_INTERFACE: return 16;
    case TY_ARRAY: {
        int64_t e = go_sizeof(u->u.array.elem);
        return e < 0 ? -1 : e * u->u.array.len;
    }
    case TY_STRUCT: {
        int64_t off = 0, al = go_alignof(u);
        for (int i = 0; i < u->u.strct.nfields; i++) {
            Type *ft = u->u.strct.fields[i].type;
            int64_t fs_ = go_sizeof(ft), fa = go_alignof(ft);
            if (fs_ < 0)
                return -1;
            off = (off + fa - 1) / fa * fa + fs_;
        }
        /* a trailing zero-size field gets a byte of padding in gc */
        if (u->u.strct.nfields > 0 && go_sizeof(u->u.strct.fields[u->u.strct.nfields - 1].type) == 0 && off > 0)
            off++;
        return (off + al - 1) / al * al;
    }
    default: return -1;
    }
}

int64_t go_alignof(Type *t)
{
    Type *u = type_underlying(type_default(t));
    switch (u->kind) {
    case TY_ARRAY: return go_alignof(u->u.array.elem);
    case TY_STRUCT: {
        int64_t a = 1;
        for (int i = 0; i < u->u.strct.nfields; i++) {
            int64_t fa = go_alignof(u->u.strct.fields[i].type);
            if (fa > a) a = fa;
        }
        return a;
    }
    case TY_STRING: case TY_SLICE: case TY_INTERFACE: return 8;
    default: {
        int64_t s = go_sizeof(u);
        return s <= 0 ? 1 : s;
    }
    }
}

/* Go's byte offset of field i of struct type st. */
int64_t go_fieldoff(Type *st, int i)
{
    Type *u = type_underlying(st);
    int64_t off = 0;
    for (int j = 0; j <= i; j++) {
        Type *ft = u->u.strct.fields[j].type;
        int64_t fa = go_alignof(ft);
        off = (off + fa - 1) / fa * fa;
        if (j < i)
            off += go_sizeof(ft);
    }
    return off;
}

/* A slice element narrower than a word (byte, rune, bool, int16,
   float32 ...): LOADN/STOREN's aux, its width in bytes | 8 when signed;
   0 for other types. */
int narrow_aux(Type *et)
{
    Type *u = type_underlying(type_default(et));
    switch (u->kind) {
    case TY_BOOL: case TY_UINT8: return 1;
    case TY_INT8: return 1 | 8;
    case TY_UINT16: return 2;
    case TY_INT16: return 2 | 8;
    case TY_UINT32: case TY_FLOAT32: return 4;
    case TY_INT32: return 4 | 8;
    default: return 0;
    }
}

/* The words of a value of type t in Go's layout, with their kinds. */
int type_words(FuncState *fs, Node *at, Type *t, uint8_t *kinds)
{
    Type *u = type_underlying(type_default(t));
    switch (u->kind) {
    case TY_BOOL: case TY_INT: case TY_INT8: case TY_INT16: case TY_INT32: case TY_INT64:
    case TY_UINT: case TY_UINT8: case TY_UINT16: case TY_UINT32: case TY_UINT64: case TY_UINTPTR:
    case TY_FLOAT32: case TY_FLOAT64:
        if (kinds) kinds[0] = SLOT_SCALAR;
        return 1;
    case TY_STRING:
        if (kinds) { kinds[0] = SLOT_PTR; kinds[1] = SLOT_SCALAR; }
        return 2;
    case TY_ARRAY: {
        Type *et = u->u.array.elem;
        int64_t n = u->u.array.len;
        int64_t es = go_sizeof(et);
        if (es < 0)
            (void)type_words(fs, at, et, NULL);   /* names the type the VM does not hold */
        if (es % 8 != 0) {
            /* packed elements: narrower than 8 bytes, so no pointers */
            int64_t w = (es * n + 7) / 8;
            if (w > 4096)
                unimpl(fs, at, "arrays larger than 4096 words");
            if (n > 0)
                (void)type_words(fs, at, et, NULL);
            if (kinds)
                memset(kinds, SLOT_SCALAR, (size_t)w);
            return (int)w;
        }
        int ew = n > 0 ? type_words(fs, at, et, kinds) : 0;
        if (n * ew > 4096)
            unimpl(fs, at, "arrays larger than 4096 words");
        if (kinds)
            for (int64_t i = 1; i < n; i++)
                memcpy(kinds + i * ew, kinds, (size_t)ew);
        return (int)(n * ew);
    }
    case TY_SLICE: {
        Type *et = u->u.slice.elem;
        int64_t es = go_sizeof(et);
        if (es < 0)
            (void)type_words(fs, at, et, NULL);
        if (es % 8 != 0 && !narrow_aux(et) && es > 127)
            unimpl(fs, at, ast_sprintf("slices of %s (packed elements this large)", type_string(et)));
        if (kinds) { kinds[0] = SLOT_PTR; kinds[1] = SLOT_SCALAR; kinds[2] = SLOT_SCALAR; }
        return 3;
    }
    case TY_STRUCT: {
        if (go_sizeof(u) < 0)
            for (int i = 0; i < u->u.strct.nfields; i++)
                (void)type_words(fs, at, u->u.strct.fields[i].type, NULL);
        int w = (int)((go_sizeof(u) + 7) / 8);
        if (kinds)
            memset(kinds, SLOT_SCALAR, (size_t)w);
        for (int i = 0; i < u->u.strct.nfields; i++) {
            Type *ft = u->u.strct.fields[i].type;
            int o = (int)(go_fieldoff(u, i) / 8);
            type_words(fs, at, ft, kinds ? kinds + o : NULL);
        }
        if (w > 4096)
            unimpl(fs, at, "structs larger than 4096 words");
        return w;
    }
    case TY_POINTER:
        if (kinds) kinds[0] = SLOT_PTR;
        return 1;
    case TY_FUNC:       /* a pointer to a closure object (Go's funcval) */
        if (kinds) kinds[0] = SLOT_PTR;
        return 1;
    case TY_INTERFACE:      /* {type or itab, data}: both pointer slots (runtime/iface.h) */
        if (kinds) { kinds[0] = SLOT_PTR; kinds[1] = SLOT_PTR; }
        return 2;
    case TY_MAP:
        map_check_type(fs, at, u);
        if (kinds) kinds[0] = SLOT_PTR;
        return 1;
    case TY_CHAN:       /* an *hchan (runtime/runtime2.h) */
        if (kinds) kinds[0] = SLOT_PTR;
        return 1;
    default: unimpl(fs, at, "this type");
    }
}

struct RType *rtype_of(FuncState *fs, Node *at, Type *t)
{
    Compiler *c = fs->c;
    /* One RType per type (runtime/iface.h: type identity is pointer
       identity), though the checker may build identical types twice. */
    for (int i = 0; i < c->nrt; i++)
        if (c->rtkeys[i] == t)
            return c->rtvals[i];
    for (int i = 0; i < c->nrt; i++)
        if (types_identical(c->rtkeys[i], t) && strcmp(c->rtvals[i]->td.name, type_rtstring(t)) == 0)
            return c->rtvals[i];
    Type *u = type_underlying(type_default(t));
    RType *rt = GC_MALLOC(u->kind == TY_MAP ? map_rtype_size() : sizeof *rt);
    int kind = typedesc_kind(fs, at, t);
    static uint8_t kinds[4096];
    int nw = type_words(fs, at, t, kinds);
    uint8_t *bits = GC_MALLOC_ATOMIC((size_t)nw / 8 + 1);
    int last = -1;
    for (int i = 0; i < nw; i++)
        if (kinds[i] == SLOT_PTR) {
            bits[i >> 3] |= (uint8_t)(1 << (i & 7));
            last = i;
        }
    rt->td.size = (uintptr_t)go_sizeof(t);
    rt->td.ptrdata = (uintptr_t)(last + 1) * 8;
    rt->td.gcdata = bits;
    rt->td.kind = (uint8_t)kind;
    rt->td.align = (uint8_t)go_alignof(t);
    rt->td.name = type_rtstring(t);
    if (c->nrt == c->caprt) {
        c->caprt = c->caprt ? c->caprt * 2 : 16;
        c->rtkeys = GC_REALLOC(c->rtkeys, c->caprt * sizeof(Type *));
        c->rtvals = GC_REALLOC(c->rtvals, c->caprt * sizeof(RType *));
    }
    c->rtkeys[c->nrt] = t;
    c->rtvals[c->nrt++] = rt;
    rt->direct = u->kind == TY_POINTER || u->kind == TY_MAP || u->kind == TY_CHAN || u->kind == TY_FUNC;
    if (u->kind == TY_POINTER || u->kind == TY_SLICE) {
        rt->elem = rtype_of(fs, at, u->kind == TY_POINTER ? u->u.pointer.elem : u->u.slice.elem);
    } else if (u->kind == TY_ARRAY) {
        rt->elem = rtype_of(fs, at, u->u.array.elem);
        rt->len = u->u.array.len;
    } else if (u->kind == TY_STRUCT) {
        RField *fl = GC_MALLOC((size_t)(u->u.strct.nfields + 1) * sizeof(RField));
        for (int i = 0; i < u->u.strct.nfields; i++) {
            fl[i].name = u->u.strct.fields[i].name;
            fl[i].offset = (uintptr_t)go_fieldoff(u, i);
            fl[i].typ = rtype_of(fs, at, u->u.strct.fields[i].type);
        }
        rt->nfields = u->u.strct.nfields;
        rt->fields = fl;
    } else if (u->kind == TY_MAP) {
        map_rtype_fill(fs, at, rt, u);
    } else if (u->kind == TY_CHAN) {
        rt->elem = rtype_of(fs, at, u->u.chan.elem);
    }
    rtype_methods(fs, at, t, rt);
    return rt;
}

void ensure_slots(FuncState *fs, int n)
{
    if (n <= fs->capslots)
        return;
    int cap = fs->capslots ? fs->capslots : 16;
    while (cap < n)
        cap *= 2;
    fs->kinds = GC_REALLOC(fs->kinds, cap);
    fs->names = GC_REALLOC(fs->names, cap * sizeof(char *));
    for (int i = fs->capslots; i < cap; i++) {
        fs->kinds[i] = KIND_UNSET;
        fs->names[i] = NULL;
    }
    fs->capslots = cap;
}

/* n consecutive slots at or above freereg whose kinds match; freereg moves
   past them. A slot of the wrong kind is skipped (kinds never change). */
int alloc_slots(FuncState *fs, int n, const uint8_t *kinds, const char *name)
{
    int base = fs->freereg;
    for (;;) {
        ensure_slots(fs, base + n);
        int bad = -1;
        for (int i = 0; i < n; i++)
            if (fs->kinds[base + i] != KIND_UNSET && fs->kinds[base + i] != kinds[i])
                bad = i;
        if (bad < 0)
            break;
        base += bad + 1;
    }
    if (base + n >= CALLAREA)
        unimpl(fs, NULL, "a frame this large");
    for (int i = 0; i < n; i++) {
        fs->kinds[base + i] = kinds[i];
        if (name)
            fs->names[base + i] = name;
    }
    fs->freereg = base + n;
    if (fs->freereg > fs->nslots)
        fs->nslots = fs->freereg;
    return base;
}

int alloc_temp(FuncState *fs, Node *at, Type *t)
{
    uint8_t kinds[4096];
    int n = type_words(fs, at, t, kinds);
    return alloc_slots(fs, n, kinds, NULL);
}

void use_callarea(FuncState *fs, int words)
{
    if (words > fs->maxcall)
        fs->maxcall = words;
    if (words >= 0xffff - CALLAREA)
        unimpl(fs, NULL, "a call with this many arguments");
}

VarLoc *declare_local(FuncState *fs, Node *at, Object *obj)
{
    uint8_t kinds[4096];
    int n = type_words(fs, at, obj->type, kinds);
    VarLoc *v = GC_MALLOC(sizeof *v);
    v->global = false;
    v->nwords = n;
    v->t = obj->type;
    if (var_on_heap(obj)) {
        /* moved to the heap: the frame holds the pointer, new zeroed
           memory at each execution of the declaration */
        uint8_t pk = SLOT_PTR;
        v->heap = true;
        v->slot = alloc_slots(fs, 1, &pk, obj->name);
        emit_new(fs, at, obj->type, v->slot);
    } else {
        v->slot = alloc_slots(fs, n, kinds, obj->name);
    }
    obj->aux = v;
    return v;
}

/* Set by compile_program once escape analysis has run. */
static bool escape_decides;

bool var_on_heap(Object *obj)
{
    if (!(obj->addr_taken || (obj->captured && !capture_byval(obj))))
        return false;
    if (!escape_decides)
        return true;
    /* a narrow scalar keeps the heap: in a frame slot it is a normalized
       word, which a store of its own width through a pointer would break */
    Type *u = type_underlying(type_default(obj->type));
    if (u->kind < TY_BASIC_COUNT && go_sizeof(u) < 8)
        return true;
    return escape_moved_to_heap(obj) || stack_forced_var(obj);
}

void emit_new(FuncState *fs, Node *at, Type *t, int dst)
{
    if (stack_alloc(fs, at)) {
        emit_stack_new(fs, at, t, dst);
        return;
    }
    Slot rt = { .p = rtype_of(fs, at, t) };
    int k = addconst(fs, rt);
    emit(fs, OP_NEW, dst, k & 0xffff, (int)((unsigned)k >> 16));
}

static VarLoc *native_global(FuncState *fs, Node *at, Object *obj);

VarLoc *varloc(FuncState *fs, Node *at, Object *obj)
{
    if (!obj->aux && obj->pkg && native_global(fs, at, obj))
        return obj->aux;
    if (!obj->aux) {
        if (obj->pkg)
            unimpl(fs, at, ast_sprintf("the package variable %s.%s", obj->pkg, obj->name));
        unimpl(fs, at, "this variable");
    }
    return obj->aux;
}

/* ---- functions ---- */

typedef struct FuncRef {
    int index;
} FuncRef;

Func *new_func(Compiler *c, const char *name, int line)
{
    Func *f = GC_MALLOC(sizeof *f);
    f->name = name;
    f->file = c->file;
    f->line = line;
    if (c->nfuncs == c->capfuncs) {
        c->capfuncs = c->capfuncs ? c->capfuncs * 2 : 16;
        c->funcs = GC_REALLOC(c->funcs, c->capfuncs * sizeof(Func *));
    }
    c->funcs[c->nfuncs++] = f;
    return f;
}

int func_index(FuncState *fs, Node *at, Object *fnobj)
{
    FuncRef *r = fnobj->aux;
    if (!r)
        unimpl(fs, at, "calling this function");
    return r->index;
}

/* The program's CALLN table index of nat, added on first use. */
int native_index(FuncState *fs, const Native *nat)
{
    Compiler *c = fs->c;
    for (int i = 0; i < c->nnatives; i++)
        if (c->natives[i] == nat)
            return i;
    if (c->nnatives == c->capnatives) {
        c->capnatives = c->capnatives ? c->capnatives * 2 : 8;
        c->natives = GC_REALLOC(c->natives, c->capnatives * sizeof(Native *));
    }
    c->natives[c->nnatives] = nat;
    int k = c->nnatives++;
    need_runtime_types(fs, nat->pkg);
    return k;
}

void fs_init(FuncState *fs, Compiler *c, Func *f)
{
    memset(fs, 0, sizeof *fs);
    fs->c = c;
    fs->f = f;
    fs->line = f->line;
}

/* Rebases call-area operands, builds the stack map, fills f. */
void fs_finish(FuncState *fs)
{
    Func *f = fs->f;
    int nlocals = fs->nslots;
    if (nlocals < f->hdr + 3)
        nlocals = f->hdr + 3;
    /* the frame objects go after the locals (OBJAREA operands) */
    int objbase = nlocals;
    if (fs->nobj) {
        nlocals += fs->nobj;
        ensure_slots(fs, nlocals);
        for (int i = 0; i < fs->nobj; i++) {
            fs->kinds[objbase + i] = fs->objkinds[i];
            fs->names[objbase + i] = NULL;
        }
    }
    ensure_slots(fs, nlocals);
    for (int i = f->hdr; i < f->hdr + 3; i++)
        fs->kinds[i] = SLOT_RECORD;
    for (int i = 0; i < nlocals; i++)
        if (fs->kinds[i] == KIND_UNSET)
            fs->kinds[i] = SLOT_SCALAR;
    if (nlocals + fs->maxcall > 0xffff)
        unimpl(fs, NULL, "a frame this large");
    static uint8_t slotmask[OP_COUNT];
    static bool masks_ready;
    if (!masks_ready) {
        /* Which operands are slots: the words "a", "b", "c" in opcodes.h. */
        for (int op = 0; op < OP_COUNT; op++) {
            const char *s = opcode_operands[op];
            for (const char *p = s; *p; p++)
                if ((p == s || p[-1] == ' ') && (p[1] == ' ' || p[1] == 0) &&
                    (*p == 'a' || *p == 'b' || *p == 'c'))
                    slotmask[op] |= 1 << (*p - 'a');
        }
        masks_ready = true;
    }
    for (int pc = 0; pc < fs->ncode; pc++) {
        Instr *in = &fs->code[pc];
        uint8_t m = slotmask[in->op];
        if ((m & 1) && in->a >= CALLAREA) in->a = (uint16_t)(in->a - CALLAREA + nlocals);
        else if ((m & 1) && in->a >= OBJAREA) in->a = (uint16_t)(in->a - OBJAREA + objbase);
        if ((m & 2) && in->b >= CALLAREA) in->b = (uint16_t)(in->b - CALLAREA + nlocals);
        else if ((m & 2) && in->b >= OBJAREA) in->b = (uint16_t)(in->b - OBJAREA + objbase);
        if ((m & 4) && in->c >= CALLAREA) in->c = (uint16_t)(in->c - CALLAREA + nlocals);
        else if ((m & 4) && in->c >= OBJAREA) in->c = (uint16_t)(in->c - OBJAREA + objbase);
    }
    f->code = fs->code;
    f->ncode = fs->ncode;
    f->lines = fs->lines;
    f->consts = fs->consts;
    f->nconsts = fs->nconsts;
    f->nlocals = (uint32_t)nlocals;
    f->framesize = (uint32_t)(nlocals + fs->maxcall);
    f->stackmap = GC_MALLOC_ATOMIC((size_t)nlocals / 8 + 1);
    memset(f->stackmap, 0, (size_t)nlocals / 8 + 1);
    f->slotkind = GC_MALLOC_ATOMIC((size_t)nlocals + 1);
    f->slotname = GC_MALLOC(((size_t)nlocals + 1) * sizeof(char *));
    f->zerolo = f->zerohi = 0;
    for (int i = f->hdr + 3; i < nlocals; i++)
        if (fs->kinds[i] == SLOT_PTR) {
            if (f->zerohi == 0)
                f->zerolo = (uint32_t)i;
            f->zerohi = (uint32_t)i + 1;
        }
    for (int i = 0; i < f->nres; i++)
        if (fs->kinds[i] == SLOT_PTR)
            f->zerores = true;
    for (int i = 0; i < nlocals; i++) {
        f->slotkind[i] = fs->kinds[i];
        f->slotname[i] = fs->names[i];
        if (fs->kinds[i] == SLOT_PTR)
            f->stackmap[i >> 3] |= (uint8_t)(1 << (i & 7));
    }
}

static int tuple_words(FuncState *fs, Node *at, Type **types, int n, uint8_t *kinds)
{
    int w = 0;
    for (int i = 0; i < n; i++)
        w += type_words(fs, at, types[i], kinds ? kinds + w : NULL);
    return w;
}

/* Binds the named parameters (or results) of a parameter list to their
   slots, walking the signature's types in parallel (types[*ti]). */
static void bind_params(FuncState *fs, NodeList *fields, Type **types, int *ti, int *slot, bool results)
{
    if (!fields)
        return;
    for (int i = 0; i < fields->len; i++) {
        Node *fld = fields->items[i];
        NodeList *names = fld->u.field.names;
        int count = names && names->len ? names->len : 1;
        for (int j = 0; j < count; j++) {
            Type *t = types[(*ti)++];
            uint8_t kinds[4096];
            int n = type_words(fs, fld, t, kinds);
            Object *obj = names && names->len ? names->items[j]->obj : NULL;
            for (int k = 0; k < n; k++) {
                fs->kinds[*slot + k] = kinds[k];
                fs->names[*slot + k] = obj ? obj->name : (results ? "~r" : "_");
            }
            if (obj) {
                VarLoc *v = GC_MALLOC(sizeof *v);
                v->slot = *slot;
                v->nwords = n;
                v->t = t;
                obj->aux = v;
            }
            *slot += n;
        }
    }
}

/* A method's receiver type (T or *T), NULL for a plain function. */
Type *method_recv_type(Object *fnobj)
{
    Node *d = fnobj->decl;
    if (!d || d->kind != D_FUNC || !d->u.funcdecl.recv || d->u.funcdecl.recv->len == 0)
        return NULL;
    Node *rf = d->u.funcdecl.recv->items[0];
    return rf && rf->u.field.type ? rf->u.field.type->type : NULL;
}

/* Go moves a parameter that escapes (its address is taken, or a closure
   captures it by reference) to the heap in the function's prologue: new
   memory, the argument copied in, and the variable is the heap copy. */
static void heap_params(FuncState *fs, NodeList *fields, bool results)
{
    for (int i = 0; fields && i < fields->len; i++) {
        NodeList *names = fields->items[i]->u.field.names;
        for (int j = 0; names && j < names->len; j++) {
            Object *obj = names->items[j]->obj;
            if (!obj || !obj->aux || !var_on_heap(obj))
                continue;
            VarLoc *old = obj->aux, *v = GC_MALLOC(sizeof *v);
            uint8_t pk = SLOT_PTR;
            v->heap = true;
            v->nwords = old->nwords;
            v->t = obj->type;
            v->slot = alloc_slots(fs, 1, &pk, obj->name);
            emit_new(fs, names->items[j], obj->type, v->slot);
            obj->aux = v;
            if (results) {
                /* copied to its result slot on return (emit_return) */
                fs->heapres = GC_REALLOC(fs->heapres, (fs->nheapres + 1) * sizeof(Object *));
                fs->heapresslot = GC_REALLOC(fs->heapresslot, (fs->nheapres + 1) * sizeof(int));
                fs->heapres[fs->nheapres] = obj;
                fs->heapresslot[fs->nheapres++] = old->slot;
                continue;
            }
            store_var(fs, names->items[j], v, old->slot);
        }
    }
}

void emit_return(FuncState *fs)
{
    if (fs->hasdefer) {
        /* Go: deferreturn, before the named results are read back */
        use_callarea(fs, 0);
        emit(fs, OP_DEFERRETURN, CALLAREA, 0, 0);
    }
    for (int i = 0; i < fs->nheapres; i++) {
        VarLoc *v = fs->heapres[i]->aux;
        emitaux(fs, OP_LOADP, v->nwords, fs->heapresslot[i], v->slot, 0);
    }
    emit(fs, OP_RET, fs->f->hdr, 0, 0);
}

/* Does the function body (not its function literals) hold a defer? */
static bool has_defer_list(NodeList *l);
static bool has_defer(Node *n)
{
    if (!n)
        return false;
    switch (n->kind) {
    case S_DEFER: return true;
    case S_BLOCK: return has_defer_list(n->u.block.stmts);
    case S_LABELED: return has_defer(n->u.labeled.stmt);
    case S_IF: return has_defer(n->u.ifstmt.then) || has_defer(n->u.ifstmt.els);
    case S_FOR: return has_defer(n->u.forstmt.body);
    case S_RANGE: return has_defer(n->u.rangestmt.body);
    case S_SWITCH: case S_TYPESWITCH: return has_defer(n->u.switchstmt.body);
    case S_SELECT: return has_defer(n->u.selectstmt.body);
    case S_CASE: return has_defer_list(n->u.caseclause.body);
    case S_COMM: return has_defer_list(n->u.commclause.body);
    default: return false;
    }
}

static bool has_defer_list(NodeList *l)
{
    for (int i = 0; l && i < l->len; i++)
        if (has_defer(l->items[i]))
            return true;
    return false;
}

void compile_body(Compiler *c, Func *f, Type *sig, NodeList *recv, Type *rtype, Node *ftype, Node *body,
                  Closure *clo)
{
    FuncState fs;
    fs_init(&fs, c, f);
    fs.sig = sig;
    fs.islit = clo != NULL;
    Node *decl = ftype;
    int nres = tuple_words(&fs, decl, sig->u.func.results, sig->u.func.nresults, NULL);
    int npar = tuple_words(&fs, decl, sig->u.func.params, sig->u.func.nparams, NULL);
    if (rtype)
        npar += type_words(&fs, decl, rtype, NULL);
    f->nres = (uint16_t)nres;
    f->npar = (uint16_t)npar;
    f->hdr = (uint16_t)(nres + npar);
    ensure_slots(&fs, f->hdr + 3);
    int slot = 0, ti = 0;
    bind_params(&fs, ftype->u.functype.results, sig->u.func.results, &ti, &slot, true);
    for (int i = 0; i < nres; i++)
        if (fs.names[i] && strcmp(fs.names[i], "~r") != 0)
            f->zerores = true;      /* named results start at zero */
    if (rtype) {
        /* the receiver is the first parameter (Go's ABI) */
        ti = 0;
        bind_params(&fs, recv, &rtype, &ti, &slot, false);
    }
    ti = 0;
    bind_params(&fs, ftype->u.functype.params, sig->u.func.params, &ti, &slot, false);
    for (int i = f->hdr; i < f->hdr + 3; i++) {
        fs.kinds[i] = SLOT_RECORD;
        fs.names[i] = NULL;
    }
    fs.freereg = fs.localtop = fs.nslots = f->hdr + 3;
    if (clo)
        closure_prologue(&fs, clo);
    heap_params(&fs, recv, false);
    heap_params(&fs, ftype->u.functype.params, false);
    heap_params(&fs, ftype->u.functype.results, true);
    fs.localtop = fs.freereg;
    fs.hasdefer = has_defer(body);
    stack_prepass(&fs, body);
    cblock(&fs, body->u.block.stmts);
    fs.line = body->u.block.rbrace.line;
    f->deferpc = (uint32_t)fs.ncode;    /* recovery resumes here (defer.c) */
    emit_return(&fs);
    fs_finish(&fs);
    if (clo)
        closure_epilogue(clo);
}

static void compile_func(Compiler *c, Object *fnobj)
{
    Node *decl = fnobj->decl;
    Func *f = c->funcs[((FuncRef *)fnobj->aux)->index];
    compile_body(c, f, fnobj->type, decl->u.funcdecl.recv, method_recv_type(fnobj),
                 decl->u.funcdecl.type, decl->u.funcdecl.body, NULL);
}

/* ---- globals and the entry functions ---- */

/* Gives obj (a package variable) its words among the globals. */
static VarLoc *new_global(Compiler *c, FuncState *fs, Object *obj, Node *at)
{
    uint8_t kinds[4096];
    int n = type_words(fs, at, obj->type, kinds);
    VarLoc *v = GC_MALLOC(sizeof *v);
    v->global = true;
    v->slot = (int)c->nglobals;
    v->nwords = n;
    v->t = obj->type;
    obj->aux = v;
    if (c->nglobals + n > c->capglobals) {
        while (c->nglobals + n > c->capglobals)
            c->capglobals = c->capglobals ? c->capglobals * 2 : 16;
        c->gkinds = GC_REALLOC(c->gkinds, c->capglobals);
        c->gnames = GC_REALLOC(c->gnames, c->capglobals * sizeof(char *));
    }
    for (int k = 0; k < n; k++) {
        c->gkinds[c->nglobals + k] = kinds[k];
        c->gnames[c->nglobals + k] = obj->name;
    }
    c->nglobals += n;
    if (c->nglobals >= 0xffff)
        unimpl(fs, at, "this many package variables");
    return v;
}

static void declare_globals(Compiler *c, FuncState *fs)
{
    Package *pkg = c->pkg;
    for (int i = 0; i < pkg->nglobals; i++) {
        Object *obj = pkg->globals[i];
        if (!obj || strcmp(obj->name, "_") == 0)
            continue;
        new_global(c, fs, obj, obj->decl);
    }
}

/* A native package's variable (os.Args, os.Stdout, strconv.ErrSyntax)
   gets its globals on first use; runtime.main initializes it before
   main.init (compile_entry) with the package's native "var.NAME", which
   returns the value. Without such a native it is not implemented. */
static VarLoc *native_global(FuncState *fs, Node *at, Object *obj)
{
    if (!native_lookup(obj->pkg, ast_sprintf("var.%s", obj->name)))
        return NULL;
    Compiler *c = fs->c;
    c->nativevars = GC_REALLOC(c->nativevars, (size_t)(c->nnativevars + 1) * sizeof(Object *));
    c->nativevars[c->nnativevars++] = obj;
    return new_global(c, fs, obj, at);
}

/* Go: pkginit: package variables in initialization order, then the init
   functions in source order. */
static Func *compile_main_init(Compiler *c)
{
    Package *pkg = c->pkg;
    Func *f = new_func(c, "main.init", 1);
    FuncState fs;
    fs_init(&fs, c, f);
    declare_globals(c, &fs);
    ensure_slots(&fs, 3);
    fs.freereg = fs.localtop = fs.nslots = 3;
    for (int i = 0; i < pkg->ninits; i++) {
        Initializer *in = &pkg->inits[i];
        fs.line = ast_start_pos(in->rhs).line;
        if (in->nlhs == 1) {
            Object *obj = in->lhs[0];
            int r = cexpr(&fs, in->rhs, -1);
            if (obj && obj->aux)
                store_var(&fs, in->rhs, obj->aux, r);
        } else {
            ccall(&fs, in->rhs);
            Type *tt = in->rhs->type;
            int off = 0;
            for (int k = 0; k < in->nlhs; k++) {
                int n = type_words(&fs, in->rhs, tt->u.tuple.types[k], NULL);
                Object *obj = in->lhs[k];
                if (obj && obj->aux)
                    store_var(&fs, in->rhs, obj->aux, CALLAREA + off);
                off += n;
            }
        }
        fs.freereg = fs.localtop;
    }
    for (int i = 0; i < pkg->ninit_funcs; i++) {
        Object *o = pkg->init_funcs[i];
        fs.line = o->pos.line;
        emit(&fs, OP_CALL, CALLAREA, ((FuncRef *)o->aux)->index, 0);
        use_callarea(&fs, 0);
    }
    emit(&fs, OP_RET, 0, 0, 0);
    fs_finish(&fs);
    return f;
}

/* Go: proc.go runtime.main: main.init, then main.main, then exit. */
static Func *compile_entry(Compiler *c, Func *init, Object *mainobj)
{
    Func *f = new_func(c, "runtime.main", 0);
    f->hidden = true;
    FuncState fs;
    fs_init(&fs, c, f);
    ensure_slots(&fs, 3);
    fs.freereg = fs.localtop = fs.nslots = 3;
    int initidx = -1;
    for (int i = 0; i < c->nfuncs; i++)
        if (c->funcs[i] == init)
            initidx = i;
    /* Go: goargs and the native packages' own initialization, before any
       init of main's */
    for (int i = 0; i < c->nnativevars; i++) {
        Object *v = c->nativevars[i];
        const Native *nat = native_lookup(v->pkg, ast_sprintf("var.%s", v->name));
        int n = type_words(&fs, mainobj->decl, v->type, NULL);
        emit(&fs, OP_CALLN, CALLAREA, native_index(&fs, nat), n);
        use_callarea(&fs, n);
        store_var(&fs, mainobj->decl, v->aux, CALLAREA);
    }
    emit(&fs, OP_CALL, CALLAREA, initidx, 0);
    fs.line = mainobj->pos.line;
    emit(&fs, OP_CALL, CALLAREA, ((FuncRef *)mainobj->aux)->index, 0);
    emit(&fs, OP_RET, 0, 0, 0);
    fs_finish(&fs);
    return f;
}

Program *compile_program(Package *pkg, const char *file, const char *verb)
{
    Compiler *c = GC_MALLOC(sizeof *c);
    c->pkg = pkg;
    c->file = file;
    c->verb = verb;
    if (setjmp(c->fail))
        return NULL;
    FuncState fs0;
    Func dummy = { .name = "main", .file = file, .line = 1 };
    fs_init(&fs0, c, &dummy);
    if (!pkg->main_func)
        unimpl(&fs0, NULL, "a program without func main");
    /* Every function gets its Func first, so calls can refer forward. */
    for (int i = 0; i < pkg->nfuncs; i++) {
        Object *o = pkg->funcs[i];
        Node *d = o->decl;
        if (!d || d->kind != D_FUNC || !d->u.funcdecl.body)
            continue;
        const char *name;
        if (strcmp(o->name, "init") == 0 && !d->u.funcdecl.recv) {
            int k = 0;
            for (int j = 0; j < pkg->ninit_funcs; j++)
                if (pkg->init_funcs[j] == o)
                    k = j;
            name = ast_sprintf("main.init.%d", k);
        } else if (d->u.funcdecl.recv) {
            /* Go's symbol names: main.T.M, main.(*T).M */
            Type *rt = method_recv_type(o);
            if (!rt)
                unimpl(&fs0, d, "this method");
            if (rt->kind == TY_POINTER)
                name = ast_sprintf("main.(*%s).%s", rt->u.pointer.elem->kind == TY_NAMED ?
                                   rt->u.pointer.elem->u.named.obj->name : "?", o->name);
            else
                name = ast_sprintf("main.%s.%s", rt->kind == TY_NAMED ? rt->u.named.obj->name : "?", o->name);
        } else {
            name = ast_sprintf("main.%s", o->name);
        }
        FuncRef *r = GC_MALLOC(sizeof *r);
        r->index = c->nfuncs;
        new_func(c, name, o->pos.line);
        o->aux = r;
    }
    insert_iface_convs(pkg);
    escape_analyze(pkg);        /* its decisions place the allocations (compile_stack.c) */
    c->escaped = true;
    escape_decides = true;
    escape_ran = true;
    closures_init(c);
    Func *init = compile_main_init(c);
    for (int i = 0; i < pkg->nfuncs; i++) {
        Object *o = pkg->funcs[i];
        Node *d = o->decl;
        if (!d || d->kind != D_FUNC || !d->u.funcdecl.body)
            continue;
        compile_func(c, o);
    }
    Func *entry = compile_entry(c, init, pkg->main_func);
    Program *p = GC_MALLOC(sizeof *p);
    p->file = file;
    p->funcs = c->funcs;
    p->nfuncs = c->nfuncs;
    p->entry = entry;
    p->natives = c->natives;
    p->nnatives = c->nnatives;
    p->rtypes = (const struct RType **)c->rtvals;
    p->nrtypes = c->nrt;
    p->nglobals = c->nglobals;
    p->globalmap = GC_MALLOC_ATOMIC(c->nglobals / 8 + 1);
    memset(p->globalmap, 0, c->nglobals / 8 + 1);
    p->globalkind = c->gkinds;
    p->globalname = c->gnames;
    for (uint32_t i = 0; i < c->nglobals; i++)
        if (c->gkinds[i] == SLOT_PTR)
            p->globalmap[i >> 3] |= (uint8_t)(1 << (i & 7));
    compiled_program = p;
    return p;
}
