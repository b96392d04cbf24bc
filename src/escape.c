/* escape.c — escape analysis: the graph, the solver and the report.
 *
 * Go: cmd/compile/internal/escape (escape.go, graph.go, solve.go, leaks.go),
 * ir/scc.go (VisitFuncsBottomUp).
 *
 * The algorithm (gc's): every variable and every allocation site is a
 * location; every assignment is an edge dst <- src weighted by the
 * dereferences on the way (&x -1, x 0, *x +1, never below -1). From each
 * location as the root, a Bellman-Ford walk finds the fewest dereferences
 * from every other location to it; a location whose address (derefs < 0)
 * reaches a root that outlives it — the heap, a result, a variable of an
 * outer loop or function — must be on the heap ("escapes"), and is walked
 * again as a root of its own. A parameter whose value reaches the heap or
 * a result records that in its tag (leaking param ...), which callers read
 * instead of the callee's body: functions are analyzed bottom-up over the
 * call graph, a strongly connected set of functions (with the function
 * literals inside them) as one batch whose calls are wired directly.
 *
 * Invariants:
 *  - A location is created once; its edges point at it (incoming).
 *  - The heap location escapes from the start; nothing flows out of it.
 *  - Decisions are appended in gc's emission order: per batch, the tags of
 *    each function's parameters, then every location in creation order.
 */
#include <gc.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "escape_int.h"

void insert_iface_convs(Package *pkg);   /* compile_conv.c: explicit interface conversions */

/* ---- pointer-keyed maps ---- */

typedef struct PMap {
    const void **keys; void **vals; size_t cap, n;
} PMap;

static void *pm_get(PMap *m, const void *k)
{
    if (!m->cap)
        return NULL;
    for (size_t i = ((uintptr_t)k >> 4) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (m->keys[i] == k)
            return m->vals[i];
        if (!m->keys[i])
            return NULL;
    }
}

static void pm_put(PMap *m, const void *k, void *v)
{
    if ((m->n + 1) * 2 > m->cap) {
        PMap old = *m;
        m->cap = old.cap ? old.cap * 2 : 64;
        m->keys = GC_MALLOC(m->cap * sizeof *m->keys);
        m->vals = GC_MALLOC(m->cap * sizeof *m->vals);
        m->n = 0;
        for (size_t i = 0; i < old.cap; i++)
            if (old.keys[i])
                pm_put(m, old.keys[i], old.vals[i]);
    }
    for (size_t i = ((uintptr_t)k >> 4) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (m->keys[i] == k) {
            m->vals[i] = v;
            return;
        }
        if (!m->keys[i]) {
            m->keys[i] = k;
            m->vals[i] = v;
            m->n++;
            return;
        }
    }
}

static PMap varlocs;    /* Object* -> Loc* */
static PMap alloclocs;  /* Node* -> Loc* (allocation sites) */
static PMap funcs;      /* D_FUNC/E_FUNCLIT Node* -> EFunc* */
static PMap funcobjs;   /* OBJ_FUNC Object* -> EFunc* */
static PMap convpos;    /* implicit conversion Node* -> Pos* */
static EscReport *report;
static int mlevel = 2;  /* notes are kept for -m=2 */

int esc_mflag(void) { return mlevel; }

struct Batch {
    Loc **locs; int nlocs, caplocs;
    struct { Hole k; Node *lit; EFunc *fn; } *closures; int nclosures, capclosures;
    Loc heap, blank;
    EFunc **fns; int nfns;
};

#define PUSH(arr, n, cap, v) do { \
    if ((n) == (cap)) { \
        (cap) = (cap) ? (cap) * 2 : 8; \
        void *nb_ = GC_MALLOC((size_t)(cap) * sizeof *(arr)); \
        if ((n)) memcpy(nb_, (arr), (size_t)(n) * sizeof *(arr)); \
        (arr) = nb_; \
    } \
    (arr)[(n)++] = (v); \
} while (0)

/* ---- leaks ---- */

int leaks_get(const Leaks *l, int i) { return (int)l->v[i] - 1; }

static void leaks_set(Leaks *l, int i, int derefs)
{
    int v = derefs + 1;
    if (v < 0)
        v = 0;
    if (v > 255)
        v = 255;
    l->v[i] = (uint8_t)v;
}

void leaks_add(Leaks *l, int i, int derefs)
{
    int old = leaks_get(l, i);
    if (old < 0 || derefs < old)
        leaks_set(l, i, derefs);
}

static bool leaks_empty(const Leaks *l)
{
    for (int i = 0; i < 1 + NUM_ESC_RESULTS; i++)
        if (l->v[i])
            return false;
    return true;
}

/* Removes result flows as long as or longer than the shortest heap flow. */
static void leaks_optimize(Leaks *l)
{
    int x = leaks_get(l, 0);
    if (x >= 0)
        for (int i = 0; i < NUM_ESC_RESULTS; i++)
            if (leaks_get(l, 1 + i) >= x)
                l->v[1 + i] = 0;
}

/* ---- holes and locations ---- */

Hole hole_of(Loc *l) { return (Hole){ l, 0, NULL, false }; }

Hole hole_note(Hole k, Node *where, const char *why)
{
    if (mlevel >= 2 && where && why) {
        Note *n = GC_MALLOC(sizeof *n);
        n->next = k.notes;
        n->where = where;
        n->why = why;
        k.notes = n;
    }
    return k;
}

Hole hole_shift(Hole k, int delta)
{
    k.derefs += delta;
    if (k.derefs < -1)
        k.derefs = -1;   /* &&x cannot be written; keep the walk sound anyway */
    k.addrtaken = delta < 0;
    return k;
}

Hole hole_deref(Hole k, Node *where, const char *why) { return hole_note(hole_shift(k, 1), where, why); }
Hole hole_addr(Hole k, Node *where, const char *why) { return hole_note(hole_shift(k, -1), where, why); }

static Batch *cur;

Loc *esc_heaploc(Esc *e) { return &e->b->heap; }
Loc *esc_blankloc(Esc *e) { return &e->b->blank; }

Loc *esc_newloc(Esc *e, Node *n, bool transient)
{
    Loc *l = GC_MALLOC(sizeof *l);
    l->n = n;
    l->curfn = e->curfn;
    l->loopDepth = e->loopDepth;
    l->transient = transient;
    if (n) {
        Pos p;
        l->pos = esc_get_pos(n, &p) ? p : n->pos;
        l->str = esc_expr_string(n);
        pm_put(&alloclocs, n, l);
    }
    PUSH(e->b->locs, e->b->nlocs, e->b->caplocs, l);
    return l;
}

static Loc *newvarloc(Esc *e, Object *obj, const char *name, Pos pos)
{
    Loc *l = esc_newloc(e, NULL, false);
    l->obj = obj;
    l->name = name;
    l->pos = pos;
    if (obj)
        pm_put(&varlocs, obj, l);
    return l;
}

Loc *esc_varloc(Esc *e, Object *obj)
{
    (void)e;
    if (!obj || obj->kind != OBJ_VAR || obj->is_global)
        return NULL;
    return pm_get(&varlocs, obj);
}

EFunc *esc_funcof(Node *decl) { return pm_get(&funcs, decl); }
EFunc *esc_funcobj(Object *fn) { return fn ? pm_get(&funcobjs, fn) : NULL; }

bool esc_in_mutual_batch(Esc *e, EFunc *fn)
{
    (void)e;
    return fn && fn->state < EF_TAGGED && fn->state != EF_UNKNOWN;
}

void esc_set_pos(Node *n, Pos p)
{
    Pos *pp = GC_MALLOC(sizeof *pp);
    *pp = p;
    pm_put(&convpos, n, pp);
}

bool esc_get_pos(Node *n, Pos *p)
{
    Pos *pp = pm_get(&convpos, n);
    if (pp)
        *p = *pp;
    return pp != NULL;
}

static const char *sprintf_gc(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static const char *sprintf_gc(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = GC_MALLOC_ATOMIC((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

static const char *explain_loc(Batch *b, Loc *l)
{
    if (l == &b->heap)
        return "{heap}";
    if (!l->n && !l->name)
        return "{temp}";
    if (!l->n)
        return l->name;
    return sprintf_gc("{storage for %s}", l->str);
}

static void add_expl(Loc *l, const char *line)
{
    PUSH(l->expl, l->nexpl, l->capexpl, line);
}

static bool is_iface_box(Loc *l)
{
    Node *n = l ? l->n : NULL;
    return n && n->kind == E_CALL && n->u.call.conv && n->type && type_is_interface(n->type);
}

static const char *callee_name(Node *call)
{
    if (!call || call->kind != E_CALL)
        return NULL;
    Node *f = call->u.call.fun;
    while (f && f->kind == E_PAREN)
        f = f->u.unary.x;
    if (!f)
        return NULL;
    if (f->kind == E_FUNCLIT)
        return "a function literal";
    return esc_expr_string(f);
}

/* The student's words for why l must live on the heap, from the root its
   address reached and the notes on the way (from l towards the root). */
static const char *why_of_loc(Batch *b, Loc *root, Loc *l, Note *notes)
{
    const char *call = NULL;
    bool dynamic = false, captured = false, send = false, map = false, appended = false, stored = false;
    for (Note *n = notes; n; n = n->next) {
        const char *w = n->why;
        if (!strcmp(w, "send"))
            send = true;
        else if (!strcmp(w, "captured by a closure"))
            captured = true;
        else if (!strcmp(w, "map literal key") || !strcmp(w, "map literal value") || !strcmp(w, "key of map put"))
            map = true;
        else if (!strcmp(w, "appendee slice") || !strcmp(w, "appended slice...") || !strcmp(w, "copied slice"))
            appended = true;
        else if (!strcmp(w, "call parameter") && !call) {
            call = callee_name(n->where);
            Node *f = n->where && n->where->kind == E_CALL ? n->where->u.call.fun : NULL;
            dynamic = f && !(f->obj && f->obj->kind == OBJ_FUNC) && f->kind != E_FUNCLIT && f->kind != E_SELECTOR;
        } else if (!strcmp(w, "assign") || !strcmp(w, "assign-pair"))
            stored = true;
    }
    if (l && l->heapReason) {
        if (!strcmp(l->heapReason, "non-constant size"))
            return "its size is unknown at compile time (make with a non-constant length or capacity): "
                   "only the heap can hold it";
        return "too large for the stack (gc's limits: 10 MB for a variable, 64 KB for an implicit allocation)";
    }
    if (send)
        return "sent on a channel: whoever receives it may keep it after this function returns";
    if (map)
        return "stored in a map: map keys and values always live in the heap";
    if (captured && l && !l->n)
        return "captured by reference by a function literal whose closure escapes";
    if (is_iface_box(l)) {
        if (call)
            return ast_sprintf("converted to an interface: the boxed copy is passed to %s, which keeps it "
                               "(its parameter leaks; fmt's ...any arguments do)", call);
        return "converted to an interface: the boxed copy outlives the function";
    }
    if (appended)
        return "appended to a slice whose backing array may be reallocated on the heap";
    if (root->isResult)
        return "returned from the function (directly or through a result): its address outlives the frame";
    if (call && dynamic)
        return ast_sprintf("passed to %s, a function value or interface method gc cannot see into: "
                           "it assumes the argument escapes", call);
    if (call)
        return ast_sprintf("passed to %s, whose parameter leaks to the heap (see its \"leaking param\" line)", call);
    if (root == &b->heap && stored)
        return "stored in the heap: assigned to a global variable or through a pointer";
    if (root == &b->heap)
        return "reaches the heap";
    return "its address is kept by a variable that outlives it (declared outside the loop, or in an enclosing function)";
}

static void explain_flow(Batch *b, Loc *target, Loc *dst, Loc *src, int derefs, Note *notes)
{
    char ops[16] = "&";
    if (derefs >= 0) {
        int i = 0;
        for (; i < derefs && i < 15; i++)
            ops[i] = '*';
        ops[i] = 0;
    }
    add_expl(target, sprintf_gc("  flow: %s = %s%s:", explain_loc(b, dst), ops, explain_loc(b, src)));
    for (Note *n = notes; n; n = n->next) {
        Pos p = n->where->pos;
        esc_get_pos(n->where, &p);
        add_expl(target, sprintf_gc("    from %s (%s) at \x01:%d:%d", esc_stmt_string(n->where), n->why,
                                    p.line, p.col));
    }
}

static void explain_path(Batch *b, Loc *target, Loc *root, Loc *src)
{
    int guard = 0;
    for (;;) {
        Loc *dst = src->dst;
        if (!dst || guard++ > 1000) {
            add_expl(target, "  warning: truncated explanation due to assignment cycle");
            break;
        }
        Edge *ed = &dst->edges[src->dstEdgeIdx];
        explain_flow(b, target, dst, src, ed->derefs, ed->notes);
        if (dst == root)
            break;
        src = dst;
    }
}

static Note *path_notes(Loc *root, Loc *src)
{
    Note *all = NULL;
    int guard = 0;
    while (src != root && src->dst && guard++ < 1000) {
        Edge *ed = &src->dst->edges[src->dstEdgeIdx];
        for (Note *n = ed->notes; n; n = n->next) {
            Note *c = GC_MALLOC(sizeof *c);
            *c = *n;
            c->next = all;
            all = c;
        }
        src = src->dst;
    }
    return all;
}

void esc_flow(Esc *e, Hole k, Loc *src)
{
    Batch *b = e->b;
    if (k.addrtaken)
        src->addrtaken = true;
    Loc *dst = k.dst;
    if (dst == &b->blank)
        return;
    if (dst == src && k.derefs >= 0)
        return;
    if (dst->escapes && k.derefs < 0) {
        if (!src->escapes) {
            if (mlevel >= 2) {
                explain_flow(b, src, dst, src, k.derefs, k.notes);
                src->why = why_of_loc(b, dst, src, k.notes);
            }
        }
        src->escapes = true;
        return;
    }
    PUSH(dst->edges, dst->nedges, dst->capedges, ((Edge){ src, k.derefs, k.notes }));
}

void esc_add_closure(Esc *e, Hole k, Node *lit, EFunc *fn)
{
    Batch *b = e->b;
    if (b->nclosures == b->capclosures) {
        b->capclosures = b->capclosures ? b->capclosures * 2 : 8;
        void *nb = GC_MALLOC((size_t)b->capclosures * sizeof *b->closures);
        if (b->nclosures)
            memcpy(nb, b->closures, (size_t)b->nclosures * sizeof *b->closures);
        b->closures = nb;
    }
    b->closures[b->nclosures].k = k;
    b->closures[b->nclosures].lit = lit;
    b->closures[b->nclosures].fn = fn;
    b->nclosures++;
}

/* ---- the solver ---- */

static bool contains_closure(EFunc *f, EFunc *c)
{
    if (f == c)
        return false;
    for (EFunc *p = c ? c->outer : NULL; p; p = p->outer)
        if (p == f)
            return true;
    return false;
}

/* Whether values stored in l may survive beyond other's lifetime. */
static bool outlives(Loc *l, Loc *other)
{
    if (l->escapes)
        return true;
    if (l->isResult) {
        /* directly called closures may return locations of their callers */
        if (contains_closure(other->curfn, l->curfn) && l->curfn->closureCalled)
            return false;
        return true;
    }
    if (l->curfn == other->curfn && l->loopDepth < other->loopDepth)
        return true;
    if (contains_closure(l->curfn, other->curfn))
        return true;
    return false;
}

static void leak_to(Loc *l, Loc *sink, int derefs)
{
    if (!sink->escapes && sink->isResult && sink->curfn == l->curfn) {
        int ri = sink->resultIndex - 1;
        if (ri < NUM_ESC_RESULTS) {
            leaks_add(&l->paramEsc, 1 + ri, derefs);
            return;
        }
    }
    leaks_add(&l->paramEsc, 0, derefs);
}

typedef struct LocStack {
    Loc **items; int n, cap;
} LocStack;

static void enqueue(LocStack *todo, Loc *l)
{
    if (!l->queued) {
        PUSH(todo->items, todo->n, todo->cap, l);
        l->queued = true;
    }
}

static void walk_one(Batch *b, Loc *root, uint32_t walkgen, LocStack *queue)
{
    root->walkgen = walkgen;
    root->derefs = 0;
    root->dst = NULL;
    LocStack todo = { 0 };
    PUSH(todo.items, todo.n, todo.cap, root);
    while (todo.n > 0) {
        Loc *l = todo.items[--todo.n];
        int derefs = l->derefs;
        bool addressOf = derefs < 0;
        if (addressOf) {
            /* root = &l; l = x: l's address flows to root, x's does not */
            derefs = 0;
            if (!root->transient && l->transient) {
                l->transient = false;
                enqueue(queue, l);
            }
        }
        if (outlives(root, l)) {
            if (l->isParam) {
                if (mlevel >= 2 && !l->escapes) {
                    add_expl(l, sprintf_gc("parameter %s leaks to %s with derefs=%d:", l->name,
                                           explain_loc(b, root), derefs));
                    explain_path(b, l, root, l);
                }
                leak_to(l, root, derefs);
            }
            if (addressOf && !l->escapes) {
                if (mlevel >= 2) {
                    explain_path(b, l, root, l);
                    l->why = why_of_loc(b, root, l, path_notes(root, l));
                }
                l->escapes = true;
                enqueue(queue, l);
                continue;
            }
        }
        for (int i = 0; i < l->nedges; i++) {
            Edge *ed = &l->edges[i];
            if (ed->src->escapes)
                continue;
            int d = derefs + ed->derefs;
            if (ed->src->walkgen != walkgen || ed->src->derefs > d) {
                ed->src->walkgen = walkgen;
                ed->src->derefs = d;
                ed->src->dst = l;
                ed->src->dstEdgeIdx = i;
                PUSH(todo.items, todo.n, todo.cap, ed->src);
            }
        }
    }
}

static uint32_t walkgen;

static void walk_all(Batch *b)
{
    LocStack queue = { 0 };
    for (int i = 0; i < b->nlocs; i++)
        enqueue(&queue, b->locs[i]);
    enqueue(&queue, &b->heap);
    while (queue.n > 0) {
        Loc *root = queue.items[--queue.n];
        root->queued = false;
        walkgen++;
        walk_one(b, root, walkgen, &queue);
    }
}

/* ---- the report ---- */

static void decide(Pos pos, EscKind kind, const char *msg, Loc *l)
{
    EscDecision d = { pos, kind, msg, NULL, NULL, 0 };
    if (l) {
        d.reason = l->why;
        d.flow = l->expl;
        d.nflow = l->nexpl;
    }
    PUSH(report->items, report->n, report->cap, d);
}

void esc_info(Pos pos, const char *msg)
{
    EscDecision d = { pos, ESC_INFO, msg, NULL, NULL, 0 };
    PUSH(report->items, report->n, report->cap, d);
}

const char *esc_func_name(EFunc *fn)
{
    if (!fn)
        return "?";
    if (!fn->outer && fn->decl->kind == E_FUNCLIT)
        return sprintf_gc("glob..func%d", fn->litindex);
    if (fn->outer) {
        EFunc *top = fn;
        while (top->outer)
            top = top->outer;
        return sprintf_gc("%s.func%d", esc_func_name(top), fn->litindex);
    }
    Node *d = fn->decl;
    const char *name = d->u.funcdecl.name->u.ident.name;
    if (d->u.funcdecl.recv && d->u.funcdecl.recv->len) {
        Node *t = d->u.funcdecl.recv->items[0]->u.field.type;
        bool ptr = false;
        while (t && (t->kind == E_STAR || t->kind == E_PAREN)) {
            ptr |= t->kind == E_STAR;
            t = t->u.unary.x;
        }
        const char *tn = t && t->kind == E_IDENT ? t->u.ident.name : "?";
        return ptr ? sprintf_gc("(*%s).%s", tn, name) : sprintf_gc("%s.%s", tn, name);
    }
    return name;
}

static const char *result_name(EFunc *fn, int i)
{
    Loc *r = fn->resultLocs[i];
    return r->name;
}

static void param_tag(EFunc *fn, int i)
{
    Object *p = fn->params[i];
    Type *t = fn->ptypes[i];
    fn->tags[i] = (Leaks){ { 0 } };
    if (!esc_has_pointers(t))
        return;
    if (!p || !p->name || !strcmp(p->name, "_"))
        return;   /* unnamed parameters are unused: they do not escape */
    Loc *l = fn->paramLocs[i];
    Leaks esc = l->paramEsc;
    leaks_optimize(&esc);
    fn->tags[i] = esc;
    if (l->escapes)
        return;
    if (leaks_empty(&esc)) {
        Loc tmp = *l;
        tmp.why = "it is only read, never stored where it could outlive the call";
        decide(p->pos, ESC_PARAM_NOESCAPE, sprintf_gc("%s does not escape", p->name), &tmp);
    }
    int x = leaks_get(&esc, 0);
    if (x >= 0) {
        Loc tmp = *l;
        if (x == 0) {
            tmp.why = "the pointer it holds is stored in the heap (or passed where it escapes): callers' values escape";
            decide(p->pos, ESC_LEAK_PARAM, sprintf_gc("leaking param: %s", p->name), &tmp);
        } else {
            tmp.why = "what it points to is stored in the heap (the parameter itself is not)";
            decide(p->pos, ESC_LEAK_CONTENT, sprintf_gc("leaking param content: %s", p->name), &tmp);
        }
    }
    for (int r = 0; r < NUM_ESC_RESULTS && r < fn->nresults; r++) {
        int lv = leaks_get(&esc, 1 + r);
        if (lv >= 0) {
            Loc tmp = *l;
            tmp.why = lv == 0 ? "it is returned: the result holds the same pointer"
                              : "what it points to is returned";
            decide(p->pos, ESC_LEAK_RESULT,
                   sprintf_gc("leaking param: %s to result %s level=%d", p->name, result_name(fn, r), lv), &tmp);
        }
    }
}

static void finish(Batch *b)
{
    for (int f = 0; f < b->nfns; f++) {
        EFunc *fn = b->fns[f];
        fn->state = EF_TAGGED;
        fn->tags = GC_MALLOC((size_t)(fn->nparams + 1) * sizeof *fn->tags);
        for (int i = 0; i < fn->nparams; i++)
            param_tag(fn, i);
    }
    for (int i = 0; i < b->nlocs; i++) {
        Loc *l = b->locs[i];
        if (!l->n && !l->obj)
            continue;
        if (l->escapes) {
            if (!l->n) {
                if (!l->why)
                    l->why = why_of_loc(b, &b->heap, l, NULL);
                decide(l->pos, ESC_MOVED, sprintf_gc("moved to heap: %s", l->name), l);
            } else if (!l->goDeferWrapper) {
                decide(l->pos, ESC_ESCAPES, sprintf_gc("%s escapes to heap", l->str), l);
            }
        } else if (l->n && !l->goDeferWrapper) {
            Loc tmp = *l;
            tmp.why = "its address never outlives the function: it can live in the stack frame";
            tmp.nexpl = 0;
            decide(l->pos, ESC_NOESCAPE, sprintf_gc("%s does not escape", l->str), &tmp);
        }
    }
}

/* ---- batches ---- */

static void init_func(Batch *b, EFunc *fn)
{
    Esc e = { b, fn, 1, NULL, 0 };
    fn->state = EF_PLANNED;
    fn->paramLocs = GC_MALLOC((size_t)(fn->nparams + 1) * sizeof *fn->paramLocs);
    for (int i = 0; i < fn->nparams; i++) {
        Object *p = fn->params[i];
        Loc *l = newvarloc(&e, p, p ? p->name : "_", p ? p->pos : fn->decl->pos);
        l->isParam = true;
        fn->paramLocs[i] = l;
    }
    Type *sig = fn->sig;
    int nr = sig ? sig->u.func.nresults : 0;
    fn->nresults = nr;
    fn->resultLocs = GC_MALLOC((size_t)(nr + 1) * sizeof *fn->resultLocs);
    NodeList *rl = NULL;
    if (fn->decl->kind == D_FUNC)
        rl = fn->decl->u.funcdecl.type->u.functype.results;
    else
        rl = fn->decl->u.funclit.type->u.functype.results;
    int ri = 0;
    for (int i = 0; rl && i < rl->len && ri < nr; i++) {
        Node *fld = rl->items[i];
        if (fld->u.field.names && fld->u.field.names->len) {
            for (int j = 0; j < fld->u.field.names->len && ri < nr; j++) {
                Node *id = fld->u.field.names->items[j];
                const char *nm = id->u.ident.name;
                Object *o = id->obj;
                if (!strcmp(nm, "_"))
                    nm = sprintf_gc("~b%d", ri);
                Loc *l = newvarloc(&e, o, nm, id->pos);
                l->isResult = true;
                l->resultIndex = ri + 1;
                fn->resultLocs[ri++] = l;
            }
        } else {
            Loc *l = newvarloc(&e, NULL, sprintf_gc("~r%d", ri), fld->pos);
            l->isResult = true;
            l->resultIndex = ri + 1;
            fn->resultLocs[ri++] = l;
        }
    }
    while (ri < nr) {
        Loc *l = newvarloc(&e, NULL, sprintf_gc("~r%d", ri), fn->decl->pos);
        l->isResult = true;
        l->resultIndex = ri + 1;
        fn->resultLocs[ri++] = l;
    }
    for (int i = 0; i < fn->nlocals; i++) {
        Object *o = fn->locals[i];
        if (!pm_get(&varlocs, o))
            newvarloc(&e, o, o->name, o->pos);
    }
}

static const char *heap_alloc_reason(Loc *l)
{
    if (l->isParam || l->isResult)
        return NULL;
    Node *n = l->n;
    Type *t = n ? n->type : l->obj ? l->obj->type : NULL;
    if (!t)
        return NULL;
    if (n && n->kind == E_FUNCLIT)
        return NULL;
    int64_t sz = esc_sizeof(t);
    if (sz > 10 * 1024 * 1024)
        return "too large for stack";
    if (!n)
        return NULL;
    Node *x = n;
    while (x->kind == E_PAREN)
        x = x->u.unary.x;
    /* new(T), &T{...}: the pointed-to size */
    bool isnew = x->kind == E_CALL && x->u.call.fun->mode == MODE_BUILTIN &&
                 x->u.call.fun->obj && x->u.call.fun->obj->builtin == BI_NEW;
    bool isptrlit = (x->kind == E_UNARY && x->u.unary.op == '&') ||
                    (x->kind == E_COMPOSITE && t->kind == TY_POINTER);
    if ((isnew || isptrlit) && type_underlying(t)->kind == TY_POINTER &&
        esc_sizeof(type_underlying(t)->u.pointer.elem) > 64 * 1024)
        return "too large for stack";
    bool ismake = x->kind == E_CALL && x->u.call.fun->mode == MODE_BUILTIN &&
                  x->u.call.fun->obj && x->u.call.fun->obj->builtin == BI_MAKE &&
                  type_underlying(t)->kind == TY_SLICE;
    if (ismake) {
        NodeList *a = x->u.call.args;
        Node *r = a->len > 2 ? a->items[2] : a->len > 1 ? a->items[1] : NULL;
        if (!r || r->mode != MODE_CONST || !r->cv || r->cv->kind != CV_INT || cv_bitlen(r->cv) > 62 ||
            cv_sign(r->cv) < 0)
            return "non-constant size";
        int64_t esz = esc_sizeof(type_underlying(t)->u.slice.elem);
        if (esz > 0 && cv_int64(r->cv) > 64 * 1024 / esz)
            return "too large for stack";
    }
    return NULL;
}

static void flow_closure(Batch *b, Hole k, Node *lit, EFunc *fn)
{
    Esc e = { b, fn, 1, NULL, 0 };
    for (int i = 0; i < fn->ncaptures; i++) {
        Object *cv = fn->captures[i];
        Loc *l = esc_varloc(&e, cv);
        if (!l)
            continue;
        bool byval = !l->addrtaken && !l->reassigned && esc_sizeof(cv->type) <= 128;
        l->byref |= !byval;
        Hole kk = k;
        if (!byval)
            kk = hole_addr(kk, lit, "reference");
        esc_flow(&e, hole_note(kk, lit, "captured by a closure"), l);
    }
}

static void run_batch(EFunc **fns, int nfns)
{
    Batch *b = GC_MALLOC(sizeof *b);
    cur = b;
    b->heap.escapes = true;
    b->heap.name = "{heap}";
    b->fns = fns;
    b->nfns = nfns;
    for (int i = 0; i < nfns; i++)
        init_func(b, fns[i]);
    for (int i = 0; i < nfns; i++) {
        if (fns[i]->outer)
            continue;
        Esc e = { b, fns[i], 1, NULL, 0 };
        esc_walk_func(&e, fns[i]);
    }
    for (int i = 0; i < b->nclosures; i++)
        flow_closure(b, b->closures[i].k, b->closures[i].lit, b->closures[i].fn);
    for (int i = 0; i < b->nlocs; i++) {
        Loc *l = b->locs[i];
        const char *why = heap_alloc_reason(l);
        if (why) {
            l->heapReason = why;
            Esc e = { b, l->curfn, 1, NULL, 0 };
            Node *where = l->n ? l->n : l->obj ? l->obj->decl : NULL;
            Hole k = hole_of(&b->heap);
            k = hole_shift(k, -1);
            if (where)
                k = hole_note(k, where, why);
            if (!l->escapes && mlevel >= 2)
                l->why = why_of_loc(b, &b->heap, l, k.notes);
            esc_flow(&e, k, l);
        }
    }
    walk_all(b);
    finish(b);
}

/* ---- bottom-up over the call graph (ir.VisitFuncsBottomUp) ---- */

typedef struct Visitor {
    uint32_t visitgen;
    EFunc **stack; int n, cap;
} Visitor;

static uint32_t visit(Visitor *v, EFunc *fn);

typedef struct VisitCtx {
    Visitor *v;
    uint32_t min;
} VisitCtx;

static void visit_do(VisitCtx *c, EFunc *callee)
{
    if (!callee)
        return;
    uint32_t m = visit(c->v, callee);
    if (m < c->min)
        c->min = m;
}

static void visit_refs(VisitCtx *c, Node *n);

static void visit_list(VisitCtx *c, NodeList *l)
{
    for (int i = 0; l && i < l->len; i++)
        visit_refs(c, l->items[i]);
}

/* Every function a body refers to: called, used as a value, a method
   value or expression; function literals are their own (hidden) nodes. */
static void visit_refs(VisitCtx *c, Node *n)
{
    if (!n || esc_is_dead(n))
        return;
    switch (n->kind) {
    case E_IDENT:
        if (n->obj && n->obj->kind == OBJ_FUNC)
            visit_do(c, esc_funcobj(n->obj));
        return;
    case E_SELECTOR:
        visit_refs(c, n->u.selector.x);
        if (n->obj && n->obj->kind == OBJ_FUNC)
            visit_do(c, esc_funcobj(n->obj));
        else if (n->u.selector.x && n->u.selector.x->type) {
            Selection s = type_lookup(n->u.selector.x->type, n->u.selector.sel->u.ident.name);
            if (s.kind == SEL_METHOD)
                visit_do(c, esc_funcobj(s.obj));
        }
        return;
    case E_FUNCLIT:
        visit_do(c, esc_funcof(n));
        return;
    case E_PAREN: case E_STAR: case E_UNARY: case E_ELLIPSIS:
        visit_refs(c, n->u.unary.x);
        return;
    case E_BINARY: case E_KEYVALUE: case S_SEND:
        visit_refs(c, n->u.binary.x);
        visit_refs(c, n->u.binary.y);
        return;
    case E_COMPOSITE: visit_list(c, n->u.composite.elts); return;
    case E_INDEX: visit_refs(c, n->u.index.x); visit_refs(c, n->u.index.index); return;
    case E_SLICE:
        visit_refs(c, n->u.slice.x); visit_refs(c, n->u.slice.lo);
        visit_refs(c, n->u.slice.hi); visit_refs(c, n->u.slice.max);
        return;
    case E_TYPEASSERT: visit_refs(c, n->u.typeassert.x); return;
    case E_CALL: visit_refs(c, n->u.call.fun); visit_list(c, n->u.call.args); return;
    case S_DECL: visit_refs(c, n->u.decl.decl); return;
    case D_VAR: visit_list(c, n->u.valuespec.values); return;
    case D_GROUP: visit_list(c, n->u.group.specs); return;
    case S_LABELED: visit_refs(c, n->u.labeled.stmt); return;
    case S_EXPR: visit_refs(c, n->u.exprstmt.x); return;
    case S_INCDEC: visit_refs(c, n->u.incdec.x); return;
    case S_ASSIGN: visit_list(c, n->u.assign.lhs); visit_list(c, n->u.assign.rhs); return;
    case S_GO: case S_DEFER: visit_refs(c, n->u.gostmt.call); return;
    case S_RETURN: visit_list(c, n->u.ret.results); return;
    case S_BLOCK: visit_list(c, n->u.block.stmts); return;
    case S_IF:
        visit_refs(c, n->u.ifstmt.init); visit_refs(c, n->u.ifstmt.cond);
        visit_refs(c, n->u.ifstmt.then); visit_refs(c, n->u.ifstmt.els);
        return;
    case S_CASE: visit_list(c, n->u.caseclause.list); visit_list(c, n->u.caseclause.body); return;
    case S_SWITCH: case S_TYPESWITCH:
        visit_refs(c, n->u.switchstmt.init); visit_refs(c, n->u.switchstmt.tag);
        visit_refs(c, n->u.switchstmt.assign); visit_refs(c, n->u.switchstmt.body);
        return;
    case S_COMM: visit_refs(c, n->u.commclause.comm); visit_list(c, n->u.commclause.body); return;
    case S_SELECT: visit_refs(c, n->u.selectstmt.body); return;
    case S_FOR:
        visit_refs(c, n->u.forstmt.init); visit_refs(c, n->u.forstmt.cond);
        visit_refs(c, n->u.forstmt.post); visit_refs(c, n->u.forstmt.body);
        return;
    case S_RANGE:
        visit_refs(c, n->u.rangestmt.key); visit_refs(c, n->u.rangestmt.value);
        visit_refs(c, n->u.rangestmt.x); visit_refs(c, n->u.rangestmt.body);
        return;
    default:
        return;
    }
}

static uint32_t visit(Visitor *v, EFunc *fn)
{
    if (fn->visitid > 0)
        return fn->visitid;
    v->visitgen++;
    uint32_t id = v->visitgen;
    fn->visitid = id;
    v->visitgen++;
    VisitCtx c = { v, v->visitgen };
    PUSH(v->stack, v->n, v->cap, fn);
    Node *body = fn->decl->kind == D_FUNC ? fn->decl->u.funcdecl.body : fn->decl->u.funclit.body;
    visit_refs(&c, body);
    if ((c.min == id || c.min == id + 1) && !fn->outer) {
        int i;
        for (i = v->n - 1; i >= 0; i--) {
            v->stack[i]->visitid = UINT32_MAX;
            if (v->stack[i] == fn)
                break;
        }
        int nb = v->n - i;
        EFunc **block = GC_MALLOC((size_t)nb * sizeof *block);
        memcpy(block, v->stack + i, (size_t)nb * sizeof *block);
        v->n = i;
        run_batch(block, nb);
    }
    return c.min;
}

/* ---- the driver ---- */

static void add_params(EFunc *fn, NodeList *fields, int *k)
{
    for (int i = 0; fields && i < fields->len; i++) {
        Node *fld = fields->items[i];
        NodeList *names = fld->u.field.names;
        int cnt = names && names->len ? names->len : 1;
        for (int j = 0; j < cnt; j++) {
            Object *o = names && names->len ? names->items[j]->obj : NULL;
            fn->params[*k] = o;
            fn->ptypes[*k] = o ? o->type : NULL;   /* unnamed: from the signature below */
            (*k)++;
        }
    }
}

static EFunc *new_efunc(Node *decl, Object *obj, Type *sig, EFunc *outer)
{
    EFunc *fn = GC_MALLOC(sizeof *fn);
    fn->decl = decl;
    fn->obj = obj;
    fn->sig = sig;
    fn->outer = outer;
    NodeList *recv = decl->kind == D_FUNC ? decl->u.funcdecl.recv : NULL;
    Node *ft = decl->kind == D_FUNC ? decl->u.funcdecl.type : decl->u.funclit.type;
    int np = (recv ? 1 : 0) + (sig ? sig->u.func.nparams : 0);
    fn->params = GC_MALLOC((size_t)(np + 1) * sizeof *fn->params);
    fn->ptypes = GC_MALLOC((size_t)(np + 1) * sizeof *fn->ptypes);
    fn->nparams = np;
    int k = 0;
    if (recv) {
        add_params(fn, recv, &k);
        k = 1;
        if (!fn->ptypes[0] && recv->len > 0 && recv->items[0]->u.field.type)
            fn->ptypes[0] = recv->items[0]->u.field.type->type;
    }
    int base = k;
    add_params(fn, ft->u.functype.params, &k);
    for (int i = base; i < np && sig; i++)
        if (!fn->ptypes[i])
            fn->ptypes[i] = sig->u.func.params[i - base];
    fn->nparams = np;
    pm_put(&funcs, decl, fn);
    if (obj)
        pm_put(&funcobjs, obj, fn);
    return fn;
}

static Node *scope_func(Scope *s)
{
    for (; s; s = s->parent)
        if (s->func)
            return s->func;
    return NULL;
}

/* staticinit: an initializer the linker can lay out needs no code. */
static bool static_init(Node *n)
{
    while (n && n->kind == E_PAREN)
        n = n->u.unary.x;
    if (!n || n->mode == MODE_CONST || n->mode == MODE_TYPEEXPR)
        return true;
    if (n->type && n->type->kind == TY_UNTYPED_NIL)
        return true;
    switch (n->kind) {
    case E_IDENT:
        return n->obj && (n->obj->kind == OBJ_FUNC || n->obj->kind == OBJ_NIL);
    case E_FUNCLIT:
        return true;
    case E_UNARY:
        if (n->u.unary.op != '&')
            return false;
        n = n->u.unary.x;
        while (n && n->kind == E_PAREN)
            n = n->u.unary.x;
        if (n && n->kind == E_IDENT && n->obj && n->obj->is_global)
            return true;
        return n && n->kind == E_COMPOSITE && static_init(n);
    case E_COMPOSITE: {
        Type *u = n->type ? type_underlying(n->type) : NULL;
        if (!u || u->kind == TY_MAP)
            return false;
        NodeList *el = n->u.composite.elts;
        for (int i = 0; el && i < el->len; i++) {
            Node *v = el->items[i];
            if (v->kind == E_KEYVALUE)
                v = v->u.binary.y;
            if (!static_init(v))
                return false;
        }
        return true;
    }
    default:
        return false;
    }
}

/* Package-level variables initialized by code: gc's package init
   function, analyzed after every declared function. */
static void package_init(Package *pkg)
{
    Node *body = ast_new(S_BLOCK, (Pos){ 0, 0 });
    body->u.block.stmts = ast_list_new();
    for (int i = 0; i < pkg->ninits; i++) {
        Initializer *in = &pkg->inits[i];
        if (!in->rhs || (in->nlhs == 1 && static_init(in->rhs)))
            continue;
        Node *as = ast_new(S_ASSIGN, in->rhs->pos);
        as->u.assign.op = '=';
        as->u.assign.lhs = ast_list_new();
        as->u.assign.rhs = ast_list_append(NULL, in->rhs);
        for (int j = 0; j < in->nlhs; j++) {
            Object *o = in->lhs[j];
            Node *id = ast_ident(o ? o->pos : in->rhs->pos, o ? o->name : "_");
            id->obj = o;
            id->type = o ? o->type : NULL;
            id->mode = MODE_VAR;
            ast_list_push(as->u.assign.lhs, id);
        }
        ast_list_push(body->u.block.stmts, as);
    }
    if (!body->u.block.stmts->len)
        return;
    Node *d = ast_new(D_FUNC, (Pos){ 0, 0 });
    d->u.funcdecl.name = ast_ident((Pos){ 0, 0 }, "init");
    d->u.funcdecl.type = ast_new(T_FUNC, (Pos){ 0, 0 });
    d->u.funcdecl.body = body;
    EFunc *fn = new_efunc(d, NULL, NULL, NULL);
    esc_collect(fn);
    EFunc **block = GC_MALLOC(sizeof *block);
    block[0] = fn;
    run_batch(block, 1);
}

EscReport *escape_analyze(Package *pkg)
{
    EFunc **globlits = NULL;
    int nglobal = 0, capglobal = 0, nglobs = 0;
    report = GC_MALLOC(sizeof *report);
    varlocs = (PMap){ 0 };
    alloclocs = (PMap){ 0 };
    funcs = (PMap){ 0 };
    funcobjs = (PMap){ 0 };
    convpos = (PMap){ 0 };
    esc_walk_reset();
    if (!pkg)
        return report;
    insert_iface_convs(pkg);
    for (int i = 0; i < pkg->nfuncs; i++) {
        Object *o = pkg->funcs[i];
        Node *d = o->decl;
        if (!d || d->kind != D_FUNC || !d->u.funcdecl.body)
            continue;
        new_efunc(d, o, o->type, NULL);
    }
    /* literals: outer before inner (source order puts an enclosing literal first) */
    for (int i = 0; i < pkg->nfunclits; i++) {
        Node *lit = pkg->funclits[i];
        Node *outer = lit->scope ? scope_func(lit->scope->parent) : NULL;
        EFunc *of = outer ? esc_funcof(outer) : NULL;
        if (!of) {
            /* a literal in a package-level initializer is a function of
               its own (glob..funcN), analyzed before the declared ones */
            EFunc *lf = new_efunc(lit, NULL, lit->type, NULL);
            lf->litindex = ++nglobs;
            PUSH(globlits, nglobal, capglobal, lf);
            continue;
        }
        EFunc *lf = new_efunc(lit, NULL, lit->type, of);
        EFunc *top = of;
        while (top->outer)
            top = top->outer;
        lf->litindex = ++top->nlitsall;   /* gc numbers f.func1, f.func2 ... in source order */
    }
    for (int i = 0; i < pkg->nfuncs; i++) {
        EFunc *fn = esc_funcobj(pkg->funcs[i]);
        if (fn)
            esc_collect(fn);
    }
    for (int i = 0; i < pkg->nfunclits; i++) {
        EFunc *fn = esc_funcof(pkg->funclits[i]);
        if (fn)
            esc_collect(fn);
    }
    for (int i = 0; i < pkg->nfuncs; i++) {
        EFunc *fn = esc_funcobj(pkg->funcs[i]);
        if (fn) {
            esc_number_temps(fn);
            esc_deadcode(fn);
        }
    }
    for (int i = 0; i < pkg->nfunclits; i++) {
        EFunc *fn = esc_funcof(pkg->funclits[i]);
        if (fn) {
            esc_number_temps(fn);
            esc_deadcode(fn);
        }
    }
    for (int i = 0; i < pkg->nfuncs; i++) {
        EFunc *fn = esc_funcobj(pkg->funcs[i]);
        if (fn)
            esc_devirtualize(fn);
    }
    Visitor v = { 0 };
    for (int i = 0; i < nglobal; i++)
        visit(&v, globlits[i]);
    for (int i = 0; i < pkg->nfuncs; i++) {
        EFunc *fn = esc_funcobj(pkg->funcs[i]);
        if (fn)
            visit(&v, fn);
    }
    package_init(pkg);
    return report;
}

bool escape_moved_to_heap(Object *obj)
{
    Loc *l = obj ? pm_get(&varlocs, obj) : NULL;
    return !l || l->escapes;
}

int escape_capture_byval(Object *obj)
{
    Loc *l = obj ? pm_get(&varlocs, obj) : NULL;
    if (!l || !l->captured)
        return -1;
    return !l->byref;
}

bool escape_captured_by_value(Object *obj)
{
    Loc *l = obj ? pm_get(&varlocs, obj) : NULL;
    return l && l->captured && !l->byref;
}

bool escape_alloc_on_heap(Node *n)
{
    Loc *l = n ? pm_get(&alloclocs, n) : NULL;
    return !l || l->escapes;
}

void escape_print(const EscReport *r, const char *file, int level, FILE *out)
{
    for (int i = 0; i < r->n; i++) {
        const EscDecision *d = &r->items[i];
        if (level >= 2) {
            if (d->kind == ESC_MOVED || d->kind == ESC_ESCAPES) {
                const char *what = d->kind == ESC_MOVED ? d->msg + strlen("moved to heap: ") : NULL;
                if (what)
                    fprintf(out, "%s:%d:%d: %s escapes to heap:\n", file, d->pos.line, d->pos.col, what);
                else
                    fprintf(out, "%s:%d:%d: %.*s:\n", file, d->pos.line, d->pos.col,
                            (int)strlen(d->msg), d->msg);
            }
            for (int j = 0; j < d->nflow; j++) {
                fprintf(out, "%s:%d:%d: ", file, d->pos.line, d->pos.col);
                for (const char *s = d->flow[j]; *s; s++) {
                    if (*s == '\x01')
                        fputs(file, out);
                    else
                        fputc(*s, out);
                }
                fputc('\n', out);
            }
        }
        fprintf(out, "%s:%d:%d: %s\n", file, d->pos.line, d->pos.col, d->msg);
        if (level >= 2 && d->reason)
            fprintf(out, "%s:%d:%d:   why: %s\n", file, d->pos.line, d->pos.col, d->reason);
    }
}
