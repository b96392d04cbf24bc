/* compile.h — the bytecode compiler: a checked package to a Program.
 *
 * Go: cmd/compile/internal/ssagen (walk + SSA + code generation, folded
 * into one pass here), cmd/compile/internal/liveness (the stack maps, here
 * one per function because slot kinds never change).
 *
 * Input: the tree the checker annotated (checker.h's contract). Output: a
 * Program of Funcs (runtime/vm.h) whose bytecode is typed; constant
 * expressions come from the checker's values (Go's constant folding).
 *
 * The files:
 *   compile.c       driver: globals, functions, frames, slots, emission, the
 *                   entry functions (main.init, runtime.main)
 *   compile_expr.c  expressions, conditions, calls
 *   compile_stmt.c  statements
 *   disasm.c        `mini disasm`
 */
#ifndef MINI_COMPILE_H
#define MINI_COMPILE_H

#include <setjmp.h>
#include <stdio.h>

#include "checker.h"
#include "vm.h"

/* Compiles pkg (the checked main package of file). On a construct this
 * slice does not implement, prints "FILE:LINE:COL: mini VERB: <construct>
 * is not implemented yet" to stderr and returns NULL. verb is "run" or
 * "disasm". */
Program *compile_program(Package *pkg, const char *file, const char *verb);

/* ---- internal to src/compile*.c ---- */
#ifdef COMPILE_INTERNAL

#include <gc.h>
#include <string.h>
#include "parser.h"
#include "types.h"
#include "typedesc.h"

/* Where a variable lives. Object.aux points to one (the escape-analysis
   pass will choose heap for some: that is the one switch it flips). */
typedef struct VarLoc {
    bool global;
    bool heap;         /* slot holds a pointer to the variable's heap object */
    bool part;         /* a field or element of the variable (static_loc), not all of it */
    int slot;          /* frame slot or global word: the variable's first */
    int boff;          /* the location's byte offset from the variable's first byte
                          (frame, global) or from the start of its heap object */
    int nwords;
    Type *t;           /* the location's type (NULL: the expression's) */
} VarLoc;

/* The one switch the escape-analysis pass will replace: does this local
   variable live on the heap? For now every variable whose address is
   taken does, and every variable a closure captures by reference. */
bool var_on_heap(Object *obj);
/* Go 1.19's rule (escape.go flowClosure): a captured variable is captured
   by value when its address is never taken, it is never reassigned after
   its declaration and it is at most 128 bytes; else by reference. */
bool capture_byval(Object *obj);
extern bool escape_ran;     /* compile_closure.c: capture as escape analysis assumed */

/* A function literal's captured variables, in the order of their words in
   the closure object (word 0 is the Func). */
typedef struct Capture {
    Object *obj;
    bool byval;        /* the value is in the closure; else a pointer to the heap variable */
    int off;           /* word offset in the closure object */
    int nwords;        /* words in the closure */
    void *saved;       /* obj->aux of the enclosing function, while the literal compiles */
} Capture;
typedef struct Closure {
    Capture *caps; int ncaps;
    int words;         /* the closure object's size in words */
} Closure;

/* A set of pointers (nodes, objects): keys[0 .. cap) holds the members
   and NULLs; a zeroed PtrSet is empty. */
typedef struct PtrSet {
    const void **keys; size_t cap, n;
} PtrSet;
bool ps_has(const PtrSet *s, const void *p);
void ps_add(PtrSet *s, const void *p);

/* A list of jumps to patch to one target. */
typedef struct JumpList {
    int *pcs; int n, cap;
} JumpList;

/* break/continue targets of an enclosing for or switch. */
typedef struct Branch {
    struct Branch *outer;
    const char *label;       /* the statement's label, or NULL */
    bool isloop;
    JumpList breaks, continues;
} Branch;

typedef struct Compiler Compiler;

typedef struct FuncState {
    Compiler *c;
    Func *f;
    Instr *code; int ncode, capcode;
    int32_t *lines;
    Slot *consts; int nconsts, capconsts;
    uint8_t *kinds;          /* per slot: SLOT_* or KIND_UNSET */
    const char **names;
    int nslots, capslots;    /* slots used in [0, nlocals) */
    int freereg;             /* first free slot above the live locals/temps */
    int localtop;            /* freereg at statement start: temps above it die */
    int maxcall;             /* largest call area, words */
    int line;                /* current source line */
    Branch *branch;
    Type *sig;               /* TY_FUNC */
    bool hasdefer;           /* the body has defer statements: returns run DEFERRETURN */
    uint8_t *objkinds; int nobj, capobj;   /* the frame objects' slots (OBJAREA) */
    PtrSet *forceheap;        /* sites and variables kept on the heap whatever the analysis says */
    bool deferring;          /* compiling `defer call`: emit_call emits DEFER instead */
    Node *defernode;         /* that call */
    bool callarea_ok;
    bool islit;              /* compiling a function literal */
    int nlits;               /* function literals named so far (Go's func1, func2 ...) */
    /* named results moved to the heap (captured by reference, address
       taken) and their result slots */
    Object **heapres; int *heapresslot; int nheapres;        /* cexpr: the next call's scalar result may stay in the call area */
    Node **hoisted; int *hoistslot; int nhoisted, caphoisted;   /* calls already evaluated (hoist_calls) */
    Node *gocall;            /* the call of a go statement being compiled (compile_chan.c) */
} FuncState;

struct Compiler {
    Package *pkg;
    const char *file, *verb;
    Program *prog;
    jmp_buf fail;
    Func **funcs; int nfuncs, capfuncs;
    uint32_t nglobals, capglobals;
    uint8_t *gkinds;
    const char **gnames;
    const Native **natives; int nnatives, capnatives;   /* the program's CALLN table */
    Type **rtkeys; struct RType **rtvals; int nrt, caprt;   /* rtype_of's memo */
    bool escaped;            /* escape analysis ran: its decisions place allocations */
    Object **nativevars;        /* native packages' variables the program uses (native_global) */
    int nnativevars;
};

enum { KIND_UNSET = 0xff };
/* Call-area operands are emitted as CALLAREA + offset and rebased to the
   function's nlocals when it is finished (nlocals is not known before). */
enum { CALLAREA = 0xC000 };
/* Objects escape analysis keeps in the frame (a non-escaping &T{}, box,
   closure, make) get slots of their own for the whole function, after the
   locals: operands naming them are emitted as OBJAREA + offset and rebased
   when the function is finished, like the call area. */
enum { OBJAREA = 0x8000 };

/* compile.c */
_Noreturn void unimpl(FuncState *fs, Node *at, const char *what);
int emit(FuncState *fs, int op, int a, int b, int c);
int emitaux(FuncState *fs, int op, int aux, int a, int b, int c);
int emitjump(FuncState *fs, int op, int a);           /* JMP/JMPT/JMPF, target patched later */
void patchhere(FuncState *fs, JumpList *jl);
void patchto(FuncState *fs, JumpList *jl, int target);
void jl_add(JumpList *jl, int pc);
int addconst(FuncState *fs, Slot v);
int kconst(FuncState *fs, Node *at, const void *p);   /* a pointer constant whose index fits 16 bits */
void emit_loadk(FuncState *fs, int op, int dst, int k);
int type_words(FuncState *fs, Node *at, Type *t, uint8_t *kinds /* may be NULL */);
int64_t go_sizeof(Type *t);     /* Go's size; -1: a type the VM does not hold yet */
int64_t go_alignof(Type *t);
int64_t go_fieldoff(Type *st, int i);
int narrow_aux(Type *et);       /* a narrow slice element: width | 8 if signed; 0 otherwise */
/* Packed layout (compile_mem.c). A narrow scalar (bool, int8 ... int32,
   float32) inside a struct or an array, or behind a pointer, is always
   read and written at its own width (LOADPB/STOREPB), never as a word: a
   neighbour may share the word. Only a variable of its own (a frame slot,
   a global word) holds it as a normalized word. A struct or array whose
   bytes do not fill whole words from a word boundary is copied by bytes
   (MEMMOVE); every other value moves by words. */
bool is_narrow(Type *t);        /* a scalar narrower than 8 bytes */
bool word_access(Type *t, int64_t boff);    /* as a part at byte offset boff: whole words? */
int mem_load(FuncState *fs, Node *at, Type *t, int ptr, int boff, int dst);   /* *(t *)(s[ptr] + boff) */
void mem_store(FuncState *fs, Node *at, Type *t, int ptr, int boff, int src);
int scalar_temp(FuncState *fs, Node *at);   /* a scalar temporary for an address (held across no call) */
/* A variable's words holding the location v as frame operands, or -1 when
   v must be reached by load_var/store_var (global, heap, packed part). */
int frame_words(VarLoc *v);
/* s[i] of a slice of narrow elements: the slice (ptr slot) and the index
   evaluated and checked; *aux for LOADN/STOREN. */
bool narrow_ref(FuncState *fs, Node *l, int *ptr, int *idx, int *aux);
int typedesc_kind(FuncState *fs, Node *at, Type *t);
/* The runtime type of t (Boehm memory: keep it in a constant pool). */
struct RType *rtype_of(FuncState *fs, Node *at, Type *t);
int alloc_slots(FuncState *fs, int n, const uint8_t *kinds, const char *name);
int alloc_temp(FuncState *fs, Node *at, Type *t);
VarLoc *varloc(FuncState *fs, Node *at, Object *obj);
VarLoc *declare_local(FuncState *fs, Node *at, Object *obj);
int func_index(FuncState *fs, Node *at, Object *fnobj);
Type *method_recv_type(Object *fnobj);
int native_index(FuncState *fs, const Native *nat);
void emit_load_const(FuncState *fs, Node *at, ConstVal *cv, Type *t, int dst);
void use_callarea(FuncState *fs, int words);

Func *new_func(Compiler *c, const char *name, int line);
void fs_init(FuncState *fs, Compiler *c, Func *f);
void fs_finish(FuncState *fs);     /* rebases call-area operands, builds the stack map */

/* compile_stack.c: where escape analysis lets the VM allocate. */
/* Does the allocation site (&T{}, new, make, a literal, a closure, a box)
   stay in the frame? */
bool stack_alloc(FuncState *fs, Node *site);
/* Frame slots for an object of nwords words with these kinds, for the
   whole function; returns OBJAREA + offset. */
int frame_object(FuncState *fs, int nwords, const uint8_t *kinds);
/* A zeroed frame object of type t, its address in dst. */
void emit_stack_new(FuncState *fs, Node *at, Type *t, int dst);
/* The sites escape analysis calls non-escaping that the VM still puts on
   the heap: func values handed to natives, which may hold them across a
   callback that moves the stack. */
void stack_prepass(FuncState *fs, Node *body);
bool stack_array(FuncState *fs, Node *site, Type *et, int64_t n, int dst);
bool stack_forced_var(Object *obj);     /* referred to by a forced-heap closure */

/* compile_conv.c: Go's implicit conversions to interfaces made explicit */
void insert_iface_convs(Package *pkg);

/* compile_iface.c */
bool is_empty_iface(Type *t);
void rtype_methods(FuncState *fs, Node *at, Type *t, struct RType *rt);
void need_runtime_types(FuncState *fs, const char *pkg);
int native_stub(FuncState *outer, Node *at, const char *name, const Native *nat, Type *sig, Type *recv);
int cconv_iface(FuncState *fs, Node *e, int dst);      /* I(x), e the conversion node */
void cconv_value(FuncState *fs, Node *at, Type *from, Type *to, int r, int d);
int cassert(FuncState *fs, Node *e, int dst, bool commaok);
void ctypeswitch(FuncState *fs, Node *s, const char *label);
void ensure_slots(FuncState *fs, int n);
/* Compiles a function body into f: a declared function or method (recv,
   rtype), or a function literal (clo: its captured variables). */
void compile_body(Compiler *c, Func *f, Type *sig, NodeList *recv, Type *rtype, Node *ftype, Node *body,
                  Closure *clo);

/* RET, after copying the named results that live on the heap back to
   the result slots (Go: the function's epilogue). */
void emit_return(FuncState *fs);

/* compile_closure.c */
void closures_init(Compiler *c);
/* A closure's prologue: the context slot, the captured variables bound to
   the closure object; the epilogue restores the enclosing bindings. */
void closure_prologue(FuncState *fs, Closure *clo);
void closure_epilogue(Closure *clo);
int cfunclit(FuncState *fs, Node *e, int dst);
/* A func value: a declared function, a method value x.M, a method
   expression T.M / (*T).M. */
int cfuncval(FuncState *fs, Node *e, int dst);
/* x.M of an interface value x (Go's I.M-fm closure over x), I.M: the
   method through the itab as a func value. */
int cifacemethod(FuncState *fs, Node *e, int dst);
/* Does calling fun go through a func value (CALLF)? */
bool is_dynamic_call(Node *fun);

/* The call op (CALL, CALLN, CALLF, CALLI) ending a call whose call area
   holds nwords; fnslot: the func value (CALLF) or itab (CALLI) slot. Under
   `defer` (fs->deferring) it emits DEFER instead. */
void emit_call(FuncState *fs, int op, int b, int c, int nwords, int fnslot);
void ccall_native_stub(FuncState *fs, Node *call);

/* compile_expr.c */
/* Compiles e; returns the first slot of its value. dst >= 0 asks for the
   value at dst (then dst is returned). May return a variable's own slot. */
int cexpr(FuncState *fs, Node *e, int dst);
/* Emits code that jumps to jl when e's truth equals jumpif, else falls through. */
void ccond(FuncState *fs, Node *e, bool jumpif, JumpList *jl);
/* Compiles a call; its results are left in the call area (CALLAREA + 0 ..). */
void ccall(FuncState *fs, Node *call);
/* Go's order of evaluation (gc's order pass): every call in e (but not in
   the right operand of && or ||) is evaluated first, left to right, into a
   temporary; the variable reads of e happen after, so they see the calls'
   side effects. cexpr then finds each call's value in its temporary. */
void hoist_calls(FuncState *fs, Node *e);
void hoist_now(FuncState *fs, Node *e);    /* unconditionally */
void hoist_list(FuncState *fs, NodeList *l);
/* May evaluating e call or allocate? (A hoisted call counts as pure.) */
bool is_pure(FuncState *fs, Node *e);
Type *etype(Node *e);
void store_var(FuncState *fs, Node *at, VarLoc *v, int src);
void emit_move(FuncState *fs, int dst, int src, int nwords);
int load_var(FuncState *fs, Node *at, VarLoc *v, int dst);   /* a variable's words (its own slots when dst < 0 and it is a frame variable) */
/* New heap memory for one value of type t into slot dst (mallocgc). */
void emit_new(FuncState *fs, Node *at, Type *t, int dst);
bool static_loc(FuncState *fs, Node *e, VarLoc *out);
/* An element at a run-time index of an array variable (or, for reads, of
   any array value), possibly inside fields and other arrays: a[i].f[j]. */
typedef struct ElemRef {
    Node *l;
    VarLoc arr;        /* the variable holding it */
    int base;          /* its first slot (frame; -1 for a global) */
    int off;           /* temporary: the element's word offset from base (bytes when bytes) */
    int nwords;
    bool bytes;        /* packed: off counts bytes, the element moves by mem_load/mem_store */
} ElemRef;
/* Is l such an element? Then its indexes are evaluated and checked. */
bool elem_path(FuncState *fs, Node *l, ElemRef *er, bool lvalue);
int elem_load(FuncState *fs, ElemRef *er, int dst);
/* Is e reached through a pointer (*p, p.f, p.f[2].g)? Then the pointer is
   evaluated into a temporary *ptr and the byte offset set. */
bool ptr_path(FuncState *fs, Node *e, int *ptr, int *boff);
void elem_store(FuncState *fs, ElemRef *er, int src);

/* x.M(...) and x.M: the receiver as an expression (embedded fields walked,
   Go's automatic &x or *p applied). */
Node *method_receiver(FuncState *fs, Node *fun, Object *fobj);

/* compile_stmt.c */
void cstmt(FuncState *fs, Node *s);
void cblock(FuncState *fs, NodeList *stmts);
bool is_blank(Node *e);
VarLoc *new_local(FuncState *fs, Node *id);
VarLoc *lhs_var(FuncState *fs, Node *lhs);
void push_branch(FuncState *fs, Branch *b, const char *label, bool isloop);
int cbinary_slots(FuncState *fs, Node *at, int op, Type *t, Type *yt, int rx, int ry, int dst);

/* compile_map.c */
bool is_mapindex(Node *e);                  /* m[k] on a map (parentheses allowed) */
void map_check_type(FuncState *fs, Node *at, Type *u);     /* unimpl for what maps do not hold yet */
size_t map_rtype_size(void);                /* rtype_of allocates a maptype for a map type */
void map_rtype_fill(FuncState *fs, Node *at, struct RType *rt, Type *u);
int cmapindex(FuncState *fs, Node *e, int dst);            /* m[k] */
int cmapindex2(FuncState *fs, Node *e);     /* v, ok := m[k]: the run [v][ok] */
int cmaplen(FuncState *fs, Node *x, int dst);
int cmapref_lhs(FuncState *fs, Node *l);    /* m and k of a left side: the run [m][k] */
void cmapstore(FuncState *fs, Node *l, int base, int src);
void cmapassign(FuncState *fs, Node *l, Node *rhs);
void cmapopassign(FuncState *fs, Node *s, Node *l, int op, Node *rhs);   /* rhs NULL: ++/-- */
void cmapdelete(FuncState *fs, Node *call);
int cmakemap(FuncState *fs, Node *e, int dst);
int cmaplit(FuncState *fs, Node *e, int dst);
void crange_map(FuncState *fs, Node *s, const char *label);

/* compile_chan.c: go statements, channels, select */
void cgo(FuncState *fs, Node *s);
int go_op(FuncState *fs, Node *call, int op);   /* GO/GOF/GOI for a go statement's call op */
int cmakechan(FuncState *fs, Node *e, int dst);
int cchanlen(FuncState *fs, Node *x, int dst, bool cap);
void cclose(FuncState *fs, Node *call);
void csend(FuncState *fs, Node *s);
int crecv(FuncState *fs, Node *e, int dst);     /* <-ch */
int crecv2(FuncState *fs, Node *e);             /* v, ok := <-ch: the run [v][ok] */
bool is_recv(Node *e);
void crange_chan(FuncState *fs, Node *s, const char *label);
void cselect(FuncState *fs, Node *s, const char *label);

#endif /* COMPILE_INTERNAL */

#endif
