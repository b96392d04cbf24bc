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

/* A small set of pointers (sites and objects forced to the heap). */
typedef struct PtrSet {
    const void **p;
    int n, cap;
} PtrSet;

static void ps_add(PtrSet *s, const void *p)
{
    for (int i = 0; i < s->n; i++)
        if (s->p[i] == p)
            return;
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 8;
        s->p = GC_REALLOC(s->p, (size_t)s->cap * sizeof *s->p);
    }
    s->p[s->n++] = p;
}

static bool ps_has(const PtrSet *s, const void *p)
{
    for (int i = 0; s && i < s->n; i++)
        if (s->p[i] == p)
            return true;
    return false;
}

bool stack_alloc(FuncState *fs, Node *site)
{
    if (!fs->c->escaped || !site)
        return false;
    if (ps_has(fs->forceheap, site))
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

static void mark_free_vars(Node *n, Node *lit);

static void mark_free_list(NodeList *l, Node *lit)
{
    for (int i = 0; l && i < l->len; i++)
        mark_free_vars(l->items[i], lit);
}

/* Every variable n names that lit does not declare (a superset of its
   captures: harmless, only captured ones are ever moved). */
static void mark_free_vars(Node *n, Node *lit)
{
    if (!n)
        return;
    switch (n->kind) {
    case E_IDENT:
        if (n->obj && n->obj->kind == OBJ_VAR && n->obj->func && n->obj->func != lit)
            ps_add(&forcedvars, n->obj);
        return;
    case E_FUNCLIT: mark_free_vars(n->u.funclit.body, lit); return;
    case E_COMPOSITE: mark_free_list(n->u.composite.elts, lit); return;
    case E_PAREN: case E_STAR: case E_UNARY: mark_free_vars(n->u.unary.x, lit); return;
    case E_SELECTOR: mark_free_vars(n->u.selector.x, lit); return;
    case E_INDEX: mark_free_vars(n->u.index.x, lit); mark_free_vars(n->u.index.index, lit); return;
    case E_SLICE:
        mark_free_vars(n->u.slice.x, lit);
        mark_free_vars(n->u.slice.lo, lit);
        mark_free_vars(n->u.slice.hi, lit);
        mark_free_vars(n->u.slice.max, lit);
        return;
    case E_TYPEASSERT: mark_free_vars(n->u.typeassert.x, lit); return;
    case E_CALL: mark_free_vars(n->u.call.fun, lit); mark_free_list(n->u.call.args, lit); return;
    case E_BINARY: case E_KEYVALUE: case S_SEND:
        mark_free_vars(n->u.binary.x, lit);
        mark_free_vars(n->u.binary.y, lit);
        return;
    case S_DECL: mark_free_vars(n->u.decl.decl, lit); return;
    case D_VAR: mark_free_list(n->u.valuespec.values, lit); return;
    case D_GROUP: mark_free_list(n->u.group.specs, lit); return;
    case S_LABELED: mark_free_vars(n->u.labeled.stmt, lit); return;
    case S_EXPR: mark_free_vars(n->u.exprstmt.x, lit); return;
    case S_INCDEC: mark_free_vars(n->u.incdec.x, lit); return;
    case S_ASSIGN: mark_free_list(n->u.assign.lhs, lit); mark_free_list(n->u.assign.rhs, lit); return;
    case S_GO: case S_DEFER: mark_free_vars(n->u.gostmt.call, lit); return;
    case S_RETURN: mark_free_list(n->u.ret.results, lit); return;
    case S_BLOCK: mark_free_list(n->u.block.stmts, lit); return;
    case S_IF:
        mark_free_vars(n->u.ifstmt.init, lit);
        mark_free_vars(n->u.ifstmt.cond, lit);
        mark_free_vars(n->u.ifstmt.then, lit);
        mark_free_vars(n->u.ifstmt.els, lit);
        return;
    case S_CASE: mark_free_list(n->u.caseclause.list, lit); mark_free_list(n->u.caseclause.body, lit); return;
    case S_COMM: mark_free_vars(n->u.commclause.comm, lit); mark_free_list(n->u.commclause.body, lit); return;
    case S_SWITCH: case S_TYPESWITCH:
        mark_free_vars(n->u.switchstmt.init, lit);
        mark_free_vars(n->u.switchstmt.tag, lit);
        mark_free_vars(n->u.switchstmt.assign, lit);
        mark_free_vars(n->u.switchstmt.body, lit);
        return;
    case S_SELECT: mark_free_vars(n->u.selectstmt.body, lit); return;
    case S_FOR:
        mark_free_vars(n->u.forstmt.init, lit);
        mark_free_vars(n->u.forstmt.cond, lit);
        mark_free_vars(n->u.forstmt.post, lit);
        mark_free_vars(n->u.forstmt.body, lit);
        return;
    case S_RANGE:
        mark_free_vars(n->u.rangestmt.x, lit);
        mark_free_vars(n->u.rangestmt.body, lit);
        return;
    default: return;
    }
}

static void prepass(FuncState *fs, Node *n, PtrSet *vars, PtrSet *sites, int pass);

static void prepass_list(FuncState *fs, NodeList *l, PtrSet *vars, PtrSet *sites, int pass)
{
    for (int i = 0; l && i < l->len; i++)
        prepass(fs, l->items[i], vars, sites, pass);
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
static void prepass(FuncState *fs, Node *n, PtrSet *vars, PtrSet *sites, int pass)
{
    if (!n)
        return;
    switch (n->kind) {
    case E_CALL:
        if (pass == 0 && is_native_call(n)) {
            NodeList *a = n->u.call.args;
            for (int i = 0; a && i < a->len; i++) {
                Node *x = a->items[i];
                while (x->kind == E_PAREN)
                    x = x->u.unary.x;
                if (x->kind == E_FUNCLIT || x->kind == E_SELECTOR)
                    ps_add(sites, x);       /* a literal, a method value */
                else if (x->kind == E_IDENT && x->obj)
                    ps_add(vars, x->obj);
            }
        }
        prepass(fs, n->u.call.fun, vars, sites, pass);
        prepass_list(fs, n->u.call.args, vars, sites, pass);
        return;
    case S_ASSIGN:
        if (pass == 1) {
            NodeList *l = n->u.assign.lhs, *r = n->u.assign.rhs;
            for (int i = 0; l && r && i < l->len && i < r->len; i++)
                if (l->items[i]->kind == E_IDENT && ps_has(vars, l->items[i]->obj))
                    ps_add(sites, r->items[i]);
        }
        prepass_list(fs, n->u.assign.lhs, vars, sites, pass);
        prepass_list(fs, n->u.assign.rhs, vars, sites, pass);
        return;
    case D_VAR:
        if (pass == 1) {
            NodeList *l = n->u.valuespec.names, *r = n->u.valuespec.values;
            for (int i = 0; l && r && i < l->len && i < r->len; i++)
                if (ps_has(vars, l->items[i]->obj))
                    ps_add(sites, r->items[i]);
        }
        prepass_list(fs, n->u.valuespec.values, vars, sites, pass);
        return;
    case D_GROUP: prepass_list(fs, n->u.group.specs, vars, sites, pass); return;
    case S_DECL: prepass(fs, n->u.decl.decl, vars, sites, pass); return;
    case E_FUNCLIT: prepass(fs, n->u.funclit.body, vars, sites, pass); return;
    case E_COMPOSITE: prepass_list(fs, n->u.composite.elts, vars, sites, pass); return;
    case E_PAREN: case E_STAR: case E_UNARY: prepass(fs, n->u.unary.x, vars, sites, pass); return;
    case E_SELECTOR: prepass(fs, n->u.selector.x, vars, sites, pass); return;
    case E_INDEX: prepass(fs, n->u.index.x, vars, sites, pass); prepass(fs, n->u.index.index, vars, sites, pass); return;
    case E_SLICE: prepass(fs, n->u.slice.x, vars, sites, pass); return;
    case E_TYPEASSERT: prepass(fs, n->u.typeassert.x, vars, sites, pass); return;
    case E_BINARY: case E_KEYVALUE: case S_SEND:
        prepass(fs, n->u.binary.x, vars, sites, pass);
        prepass(fs, n->u.binary.y, vars, sites, pass);
        return;
    case S_LABELED: prepass(fs, n->u.labeled.stmt, vars, sites, pass); return;
    case S_EXPR: prepass(fs, n->u.exprstmt.x, vars, sites, pass); return;
    case S_INCDEC: prepass(fs, n->u.incdec.x, vars, sites, pass); return;
    case S_GO: case S_DEFER: prepass(fs, n->u.gostmt.call, vars, sites, pass); return;
    case S_RETURN: prepass_list(fs, n->u.ret.results, vars, sites, pass); return;
    case S_BLOCK: prepass_list(fs, n->u.block.stmts, vars, sites, pass); return;
    case S_IF:
        prepass(fs, n->u.ifstmt.init, vars, sites, pass);
        prepass(fs, n->u.ifstmt.cond, vars, sites, pass);
        prepass(fs, n->u.ifstmt.then, vars, sites, pass);
        prepass(fs, n->u.ifstmt.els, vars, sites, pass);
        return;
    case S_CASE: prepass_list(fs, n->u.caseclause.list, vars, sites, pass); prepass_list(fs, n->u.caseclause.body, vars, sites, pass); return;
    case S_COMM: prepass(fs, n->u.commclause.comm, vars, sites, pass); prepass_list(fs, n->u.commclause.body, vars, sites, pass); return;
    case S_SWITCH: case S_TYPESWITCH:
        prepass(fs, n->u.switchstmt.init, vars, sites, pass);
        prepass(fs, n->u.switchstmt.tag, vars, sites, pass);
        prepass(fs, n->u.switchstmt.assign, vars, sites, pass);
        prepass(fs, n->u.switchstmt.body, vars, sites, pass);
        return;
    case S_SELECT: prepass(fs, n->u.selectstmt.body, vars, sites, pass); return;
    case S_FOR:
        prepass(fs, n->u.forstmt.init, vars, sites, pass);
        prepass(fs, n->u.forstmt.cond, vars, sites, pass);
        prepass(fs, n->u.forstmt.post, vars, sites, pass);
        prepass(fs, n->u.forstmt.body, vars, sites, pass);
        return;
    case S_RANGE: prepass(fs, n->u.rangestmt.x, vars, sites, pass); prepass(fs, n->u.rangestmt.body, vars, sites, pass); return;
    default: return;
    }
}

void stack_prepass(FuncState *fs, Node *body)
{
    if (!fs->c->escaped)
        return;
    if (forcedc != fs->c) {
        forcedc = fs->c;
        forcedvars.n = 0;
    }
    PtrSet *vars = GC_MALLOC(sizeof *vars), *sites = GC_MALLOC(sizeof *sites);
    prepass(fs, body, vars, sites, 0);
    if (vars->n)
        prepass(fs, body, vars, sites, 1);
    for (int i = 0; i < sites->n; i++) {
        Node *lit = (Node *)sites->p[i];
        while (lit && lit->kind == E_PAREN)
            lit = lit->u.unary.x;
        if (lit && lit->kind == E_FUNCLIT)
            mark_free_vars(lit->u.funclit.body, lit);
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
