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
    case TY_ARRAY: unimpl(fs, at, "arrays");
    case TY_SLICE: unimpl(fs, at, "slices");
    case TY_STRUCT: unimpl(fs, at, "structs");
    case TY_POINTER: unimpl(fs, at, "pointers");
    case TY_FUNC: unimpl(fs, at, "function values");
    case TY_INTERFACE: unimpl(fs, at, "interfaces");
    case TY_MAP: unimpl(fs, at, "maps");
    case TY_CHAN: unimpl(fs, at, "channels");
    default: unimpl(fs, at, "this type");
    }
}

static void ensure_slots(FuncState *fs, int n)
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
    uint8_t kinds[2];
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
    uint8_t kinds[2];
    int n = type_words(fs, at, obj->type, kinds);
    if (obj->addr_taken)
        unimpl(fs, at, "taking a variable's address");
    if (obj->captured)
        unimpl(fs, at, "closures");
    VarLoc *v = GC_MALLOC(sizeof *v);
    v->global = false;
    v->nwords = n;
    v->slot = alloc_slots(fs, n, kinds, obj->name);
    obj->aux = v;
    return v;
}

VarLoc *varloc(FuncState *fs, Node *at, Object *obj)
{
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

static Func *new_func(Compiler *c, const char *name, int line)
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
    return c->nnatives++;
}

static void fs_init(FuncState *fs, Compiler *c, Func *f)
{
    memset(fs, 0, sizeof *fs);
    fs->c = c;
    fs->f = f;
    fs->line = f->line;
}

/* Rebases call-area operands, builds the stack map, fills f. */
static void fs_finish(FuncState *fs)
{
    Func *f = fs->f;
    int nlocals = fs->nslots;
    if (nlocals < f->hdr + 3)
        nlocals = f->hdr + 3;
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
        if ((m & 2) && in->b >= CALLAREA) in->b = (uint16_t)(in->b - CALLAREA + nlocals);
        if ((m & 4) && in->c >= CALLAREA) in->c = (uint16_t)(in->c - CALLAREA + nlocals);
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
            uint8_t kinds[2];
            int n = type_words(fs, fld, t, kinds);
            Object *obj = names && names->len ? names->items[j]->obj : NULL;
            for (int k = 0; k < n; k++) {
                fs->kinds[*slot + k] = kinds[k];
                fs->names[*slot + k] = obj ? obj->name : (results ? "~r" : "_");
            }
            if (obj) {
                if (obj->addr_taken)
                    unimpl(fs, names->items[j], "taking a variable's address");
                if (obj->captured)
                    unimpl(fs, names->items[j], "closures");
                VarLoc *v = GC_MALLOC(sizeof *v);
                v->slot = *slot;
                v->nwords = n;
                obj->aux = v;
            }
            *slot += n;
        }
    }
}

static void compile_func(Compiler *c, Object *fnobj)
{
    Node *decl = fnobj->decl;
    Func *f = c->funcs[((FuncRef *)fnobj->aux)->index];
    FuncState fs;
    fs_init(&fs, c, f);
    Type *sig = fnobj->type;
    fs.sig = sig;
    if (decl->u.funcdecl.recv)
        unimpl(&fs, decl, "methods");
    int nres = tuple_words(&fs, decl, sig->u.func.results, sig->u.func.nresults, NULL);
    int npar = tuple_words(&fs, decl, sig->u.func.params, sig->u.func.nparams, NULL);
    f->nres = (uint16_t)nres;
    f->npar = (uint16_t)npar;
    f->hdr = (uint16_t)(nres + npar);
    ensure_slots(&fs, f->hdr + 3);
    int slot = 0, ti = 0;
    if (sig->u.func.variadic)
        unimpl(&fs, decl, "variadic functions");
    bind_params(&fs, decl->u.funcdecl.type->u.functype.results, sig->u.func.results, &ti, &slot, true);
    for (int i = 0; i < nres; i++)
        if (fs.names[i] && strcmp(fs.names[i], "~r") != 0)
            f->zerores = true;      /* named results start at zero */
    ti = 0;
    bind_params(&fs, decl->u.funcdecl.type->u.functype.params, sig->u.func.params, &ti, &slot, false);
    for (int i = f->hdr; i < f->hdr + 3; i++) {
        fs.kinds[i] = SLOT_RECORD;
        fs.names[i] = NULL;
    }
    fs.freereg = fs.localtop = fs.nslots = f->hdr + 3;
    cblock(&fs, decl->u.funcdecl.body->u.block.stmts);
    fs.line = decl->u.funcdecl.body->u.block.rbrace.line;
    emit(&fs, OP_RET, f->hdr, 0, 0);
    fs_finish(&fs);
}

/* ---- globals and the entry functions ---- */

static void declare_globals(Compiler *c, FuncState *fs)
{
    Package *pkg = c->pkg;
    for (int i = 0; i < pkg->nglobals; i++) {
        Object *obj = pkg->globals[i];
        if (!obj || strcmp(obj->name, "_") == 0)
            continue;
        uint8_t kinds[2];
        int n = type_words(fs, obj->decl, obj->type, kinds);
        VarLoc *v = GC_MALLOC(sizeof *v);
        v->global = true;
        v->slot = (int)c->nglobals;
        v->nwords = n;
        obj->aux = v;
        if (c->nglobals + n > c->capglobals) {
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
            unimpl(fs, obj->decl, "this many package variables");
    }
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
        } else {
            name = ast_sprintf("main.%s", o->name);
        }
        FuncRef *r = GC_MALLOC(sizeof *r);
        r->index = c->nfuncs;
        new_func(c, name, o->pos.line);
        o->aux = r;
    }
    if (pkg->nfunclits > 0)
        unimpl(&fs0, pkg->funclits[0], "function literals");
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
