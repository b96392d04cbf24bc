/* escape_int.h — what the files of the escape-analysis pass share.
 *
 * Go: cmd/compile/internal/escape/graph.go (location, edge, hole, note),
 * leaks.go (the parameter tags).
 *
 *   escape.c          the driver: batches bottom-up over the call graph,
 *                     the solver (walkAll/walkOne/outlives), the report
 *   escape_walk.c     statements and expressions to graph edges
 *   escape_prep.c     gc's rewrites before the analysis (static values,
 *                     devirtualization, early temporaries, dead code)
 *   escape_util.c     types, tree helpers, noder positions, locals/captures
 *   escape_fmt.c      gc's spelling of expressions and statements
 *   escape_natives.c  the summaries of mini's library functions
 */
#ifndef MINI_ESCAPE_INT_H
#define MINI_ESCAPE_INT_H

#include <stdint.h>

#include "escape.h"
#include "types.h"

enum { NUM_ESC_RESULTS = 7 };

/* A parameter's leak set: leaks[0] the heap, leaks[1+i] result i; each
   holds derefs+1, 0 for no flow (gc's encoding). */
typedef struct Leaks {
    uint8_t v[1 + NUM_ESC_RESULTS];
} Leaks;

int leaks_get(const Leaks *l, int i);
void leaks_add(Leaks *l, int i, int derefs);

typedef struct Note {
    struct Note *next;
    Node *where;
    const char *why;
} Note;

typedef struct Loc Loc;
typedef struct EFunc EFunc;

typedef struct Edge {
    Loc *src;
    int derefs;       /* >= -1 */
    Note *notes;
} Edge;

struct Loc {
    Node *n;          /* the allocation site; NULL for a variable or a temporary */
    Object *obj;      /* the variable, if any */
    const char *name; /* a variable's printed name ("~r0" for an unnamed result) */
    Pos pos;          /* where gc reports it */
    const char *str;  /* gc's spelling of the allocation */
    EFunc *curfn;
    Edge *edges; int nedges, capedges;
    int loopDepth;
    int resultIndex;  /* 1 + i for result i, else 0 */
    bool isParam, isResult;
    int derefs; uint32_t walkgen;
    Loc *dst; int dstEdgeIdx;
    bool queued, escapes, transient;
    bool captured, reassigned, addrtaken;
    bool byref;       /* some closure captures the variable by reference */
    bool goDeferWrapper;  /* the wrapper closure of go/defer f(args): never reported */
    Leaks paramEsc;
    const char *heapReason;   /* gc's HeapAllocReason */
    const char *why;          /* the student's reason, once it escapes */
    const char **expl; int nexpl, capexpl;   /* -m=2 flow lines */
};

/* A context an expression's value flows into: dst = *^derefs (value). */
typedef struct Hole {
    Loc *dst;
    int derefs;
    Note *notes;
    bool addrtaken;
} Hole;

enum { EF_UNKNOWN, EF_PLANNED, EF_STARTED, EF_TAGGED };

struct EFunc {
    Node *decl;       /* D_FUNC or E_FUNCLIT */
    Object *obj;      /* the D_FUNC's object */
    Type *sig;
    EFunc *outer;     /* the function a literal is written in */
    int state;
    bool closureCalled;
    /* the receiver (if any) then the parameters: objects may be NULL (unnamed) */
    Object **params; Type **ptypes; int nparams;
    Loc **paramLocs;
    Loc **resultLocs; int nresults;
    Leaks *tags;      /* per parameter once tagged */
    Object **captures; int ncaptures;   /* a literal's free variables */
    Object **locals; int nlocals;       /* declared in the body, declaration order */
    /* bottom-up visit */
    uint32_t visitid;
    int litindex;     /* a literal's N in gc's name outer.funcN */
    int nlitsall;     /* a top-level function's literals, numbered */
    int ntemps;       /* gc's .autotmp_N temporaries made before escape analysis */
};

/* ---- escape.c ---- */
typedef struct Batch Batch;
typedef struct Esc {
    Batch *b;
    EFunc *curfn;
    int loopDepth;
    const void **looping; int nlooping; /* labels some goto jumps back to */
} Esc;

Loc *esc_heaploc(Esc *e);
Loc *esc_blankloc(Esc *e);
Loc *esc_newloc(Esc *e, Node *n, bool transient);
Loc *esc_varloc(Esc *e, Object *obj);       /* NULL for globals and unknowns */
EFunc *esc_funcof(Node *decl);              /* a D_FUNC or E_FUNCLIT's EFunc */
EFunc *esc_funcobj(Object *fn);             /* a main-package func/method, or NULL */
bool esc_in_mutual_batch(Esc *e, EFunc *fn);
void esc_flow(Esc *e, Hole k, Loc *src);
void esc_add_closure(Esc *e, Hole k, Node *lit, EFunc *fn);
void esc_set_pos(Node *n, Pos p);           /* an implicit conversion's reported position */
bool esc_get_pos(Node *n, Pos *p);
int esc_mflag(void);
void esc_info(Pos pos, const char *msg);    /* a line gc prints while it walks */
const char *esc_func_name(EFunc *fn);       /* gc's name: f, (*T).M, T.M, f.func1 */                        /* the -m level the report is for (notes only at 2) */

Hole hole_of(Loc *l);
Hole hole_note(Hole k, Node *where, const char *why);
Hole hole_shift(Hole k, int delta);
Hole hole_deref(Hole k, Node *where, const char *why);
Hole hole_addr(Hole k, Node *where, const char *why);

/* ---- escape_walk.c ---- */
void esc_walk_func(Esc *e, EFunc *fn);

/* ---- escape_util.c ---- */
bool esc_has_pointers(Type *t);
bool esc_is_direct_iface(Type *t);   /* stored in the interface word itself */
int64_t esc_sizeof(Type *t);
Type *esc_under(Type *t);            /* NULL-safe type_underlying */
Node *esc_unparen(Node *n);
bool esc_is_implicit_conv(Node *n);  /* compile_conv.c's I(x) */
Node *esc_conv_arg(Node *n);
Node *esc_strip_implicit(Node *n);
/* base.Pos after gc's noder translated n (from start) */
Pos esc_last_pos(Node *n);
Pos esc_last_pos_from(Pos start, Node *n);
/* typecheckaste: the implicit conversions of l[from:] from start */
void esc_fix_conv_positions(NodeList *l, int from, Pos start);
void esc_fix_conv_at(Node *a, Pos p);
typedef void (*VisitFn)(Node *n, void *ctx);
void esc_children(Node *n, VisitFn f, void *ctx);   /* every direct child node */
bool esc_declares(Node *where, Object *o);          /* where (x := / var x) declares o */
void esc_collect(EFunc *fn);   /* locals, literals, captures of fn */
/* a small association list (few entries) */
typedef struct PtrList {
    const void **keys; void **vals; int n, cap;
} PtrList;
void esc_pl_add(PtrList *l, const void *k, void *v);
void *esc_pl_get(PtrList *l, const void *k);

/* ---- escape_prep.c ---- */
Node *esc_static_value(Node *f, int depth);
bool esc_only_defined(Object *o, Node **rhs);   /* defined once, never reassigned: *rhs */
/* gc's devirtualize pass: an interface method call on a local assigned
   once from a concrete value calls the concrete method. */
void esc_devirtualize(EFunc *fn);
Type *esc_devirtualized(Node *call);   /* the concrete type, or NULL */

/* ---- escape_fmt.c ---- */
const char *esc_expr_string(Node *n);
const char *esc_type_string(Type *t);       /* gc's spelling: struct { a int }, interface {} */
/* The .autotmp_N gc's noder made for n (a call used as a callee or a
   method receiver; the first of a forwarded call's results): N or -1. */
int esc_temp_of(Node *n);
void esc_number_temps(EFunc *fn);
void esc_deadcode(EFunc *fn);
void esc_walk_reset(void);       /* forgets the side tables of a previous analysis */    /* marks the branches gc's deadcode pass drops */
bool esc_is_dead(Node *n);
const char *esc_stmt_string(Node *n);

/* ---- escape_natives.c ---- */
/* The tags of a library function's receiver+parameters (nparams of them);
   false when the table does not know it. */
bool esc_native_tags(Object *fn, int nparams, Leaks *out);

#endif
