/* compile_stack.c — allocations that escape analysis keeps in the frame.
 *
 * Go: ssagen (a non-escaping ONEW/OPTRLIT becomes a stack slot, walk's
 * "stack-allocated" temporaries for boxes, closures and make). The
 * decisions come from src/escape.c (escape_alloc_on_heap,
 * escape_moved_to_heap); this file turns a "does not escape" into frame
 * slots:
 *
 *  - a frame object gets slots of its own for the whole function, after
 *    the locals (OBJAREA operands, rebased by fs_finish), with the kinds of
 *    its words, so the stack map covers it and copystack adjusts every
 *    pointer to it (only frame slots can point into a stack: escape
 *    analysis guarantees no heap object does);
 *  - each execution of the site zeroes the object first (`new` in a loop
 *    gets a fresh zero value; analysis has proved the old one dead).
 *
 * One exception to gc's decisions: a func value handed to a native stays
 * on the heap. The native (sort.Slice, strings.Map ...) keeps it in C
 * while it calls back into mini, and a callback may move the stack;
 * gc's "func literal does not escape" there would leave the native with a
 * stale pointer.
 */
#define COMPILE_INTERNAL
#include "compile.h"

#include "escape.h"

bool stack_alloc(FuncState *fs, Node *site)
{
    if (!fs->c->escaped || !site)
        return false;
    if (fs->forceheap && ps_has(fs->forceheap, site))
        return false;
    return !escape_alloc_on_heap(site);
}

int frame_object(FuncState *fs, int nwords, const uint8_t *kinds)
{
    if (fs->nobj + nwords > 0x3000)
        unimpl(fs, NULL, "frame objects this large");
    if (fs->nobj + nwords > fs->capobj) {
        while (fs->nobj + nwords > fs->capobj)
            fs->capobj = fs->capobj ? fs->capobj * 2 : 64;
        fs->objkinds = GC_REALLOC(fs->objkinds, (size_t)fs->capobj);
    }
    memcpy(fs->objkinds + fs->nobj, kinds, (size_t)nwords);
    int off = fs->nobj;
    fs->nobj += nwords;
    return OBJAREA + off;
}

void emit_stack_new(FuncState *fs, Node *at, Type *t, int dst)
{
    static uint8_t kinds[4096];
    int nw = type_words(fs, at, t, kinds);
    if (nw == 0) {
        /* a zero-size value: any address will do; Go uses zerobase too */
        Slot rt = { .p = rtype_of(fs, at, t) };
        int k = addconst(fs, rt);
        emit(fs, OP_NEW, dst, k & 0xffff, (int)((unsigned)k >> 16));
        return;
    }
    int obj = frame_object(fs, nw, kinds);
    emit(fs, OP_ZERO, obj, nw, 0);
    emit(fs, OP_ADDR, dst, obj, 0);
}

/* ---- func values handed to natives ---- */

/* The variables of enclosing functions that a forced-heap literal refers
   to: captured by reference, they must not stay in a frame (a heap object
   never points into a stack). Reset for each program. */
static PtrSet forcedvars;
static Compiler *forcedc;

bool stack_forced_var(Object *obj)
{
    return ps_has(&forcedvars, obj);
}

/* Every variable a forced-heap literal names that it does not declare (a
   superset of its captures: harmless, only captured ones are ever moved). */
typedef struct FreeVarsWalk {
    AstWalk w;
    Node *lit;
} FreeVarsWalk;

static void free_vars_pre(AstWalk *w, Node *n)
{
    FreeVarsWalk *fw = (FreeVarsWalk *)w;
    if (n->kind == E_IDENT && n->obj && n->obj->kind == OBJ_VAR && n->obj->func && n->obj->func != fw->lit)
        ps_add(&forcedvars, n->obj);
    else if (n->kind == E_KEYVALUE)
        ast_walk(w, n->u.binary.x);     /* a map literal's keys are expressions too */
}

static bool is_native_call(Node *call)
{
    Node *fun = call->u.call.fun;
    while (fun && fun->kind == E_PAREN)
        fun = fun->u.unary.x;
    if (!fun || call->u.call.conv)
        return false;
    if (fun->kind == E_SELECTOR && fun->u.selector.x && fun->u.selector.x->mode == MODE_PACKAGE)
        return true;
    return fun->kind == E_SELECTOR && fun->obj && fun->obj->kind == OBJ_FUNC && fun->obj->pkg;
}

/* pass 0: the func-typed variables and literals passed to natives; pass 1:
   the literals assigned to those variables. */
typedef struct PrepassWalk {
    AstWalk w;
    PtrSet *vars, *sites;
    int pass;
} PrepassWalk;

static void prepass_pre(AstWalk *w, Node *n)
{
    PrepassWalk *pw = (PrepassWalk *)w;
    if (n->kind == E_KEYVALUE) {
        ast_walk(w, n->u.binary.x);
    } else if (n->kind == E_CALL && pw->pass == 0 && is_native_call(n)) {
        NodeList *a = n->u.call.args;
        for (int i = 0; a && i < a->len; i++) {
            Node *x = a->items[i];
            while (x->kind == E_PAREN)
                x = x->u.unary.x;
            if (x->kind == E_FUNCLIT || x->kind == E_SELECTOR)
                ps_add(pw->sites, x);       /* a literal, a method value */
            else if (x->kind == E_IDENT && x->obj)
                ps_add(pw->vars, x->obj);
        }
    } else if (n->kind == S_ASSIGN && pw->pass == 1) {
        NodeList *l = n->u.assign.lhs, *r = n->u.assign.rhs;
        for (int i = 0; l && r && i < l->len && i < r->len; i++)
            if (l->items[i]->kind == E_IDENT && ps_has(pw->vars, l->items[i]->obj))
                ps_add(pw->sites, r->items[i]);
    } else if (n->kind == D_VAR && pw->pass == 1) {
        NodeList *l = n->u.valuespec.names, *r = n->u.valuespec.values;
        for (int i = 0; l && r && i < l->len && i < r->len; i++)
            if (ps_has(pw->vars, l->items[i]->obj))
                ps_add(pw->sites, r->items[i]);
    }
}

void stack_prepass(FuncState *fs, Node *body)
{
    if (!fs->c->escaped)
        return;
    if (forcedc != fs->c) {
        forcedc = fs->c;
        forcedvars = (PtrSet){ 0 };
    }
    PrepassWalk pw = { { prepass_pre, NULL }, GC_MALLOC(sizeof(PtrSet)), GC_MALLOC(sizeof(PtrSet)), 0 };
    ast_walk(&pw.w, body);
    if (pw.vars->n) {
        pw.pass = 1;
        ast_walk(&pw.w, body);
    }
    PtrSet *sites = pw.sites;
    for (size_t i = 0; i < sites->cap; i++) {
        Node *lit = (Node *)sites->keys[i];
        while (lit && lit->kind == E_PAREN)
            lit = lit->u.unary.x;
        if (lit && lit->kind == E_FUNCLIT) {
            FreeVarsWalk fw = { { free_vars_pre, NULL }, lit };
            ast_walk(&fw.w, lit->u.funclit.body);
        }
    }
    fs->forceheap = sites;
}

/* A backing array of n elements of et in the frame, for a non-escaping
   make([]T, n) with a constant n, a slice literal or a variadic call's
   "... argument" slice; its address in dst. False when the site escapes or
   the array is over gc's 64 KB limit for implicit stack allocations. */
bool stack_array(FuncState *fs, Node *site, Type *et, int64_t n, int dst)
{
    if (!stack_alloc(fs, site) || n <= 0)
        return false;
    int64_t es = go_sizeof(et);
    if (es < 0 || es * n > 65536)
        return false;
    int64_t words = (es * n + 7) / 8;
    static uint8_t kinds[8192 + 64];
    if (words > 8192)
        return false;
    memset(kinds, SLOT_SCALAR, (size_t)words);
    if (es % 8 == 0) {
        int ew = type_words(fs, site, et, kinds);
        for (int64_t i = 1; i < n; i++)
            memcpy(kinds + i * ew, kinds, (size_t)ew);
    }
    int obj = frame_object(fs, (int)words, kinds);
    emit(fs, OP_ZERO, obj, (int)words, 0);
    emit(fs, OP_ADDR, dst, obj, 0);
    return true;
}
