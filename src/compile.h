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
    int slot;          /* frame slot or global word */
    int hoff;          /* heap: the word offset in the object (a field of it) */
    int nwords;
} VarLoc;

/* The one switch the escape-analysis pass will replace: does this local
   variable live on the heap? For now every variable whose address is
   taken does (closures' captured variables will too). */
bool var_on_heap(Object *obj);

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
    bool callarea_ok;        /* cexpr: the next call's scalar result may stay in the call area */
    Node **hoisted; int *hoistslot; int nhoisted, caphoisted;   /* calls already evaluated (hoist_calls) */
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
    Object *osargs;             /* os.Args when the program uses it (native_global) */
};

enum { KIND_UNSET = 0xff };
/* Call-area operands are emitted as CALLAREA + offset and rebased to the
   function's nlocals when it is finished (nlocals is not known before). */
enum { CALLAREA = 0xC000 };

/* compile.c */
_Noreturn void unimpl(FuncState *fs, Node *at, const char *what);
int emit(FuncState *fs, int op, int a, int b, int c);
int emitaux(FuncState *fs, int op, int aux, int a, int b, int c);
int emitjump(FuncState *fs, int op, int a);           /* JMP/JMPT/JMPF, target patched later */
void patchhere(FuncState *fs, JumpList *jl);
void patchto(FuncState *fs, JumpList *jl, int target);
void jl_add(JumpList *jl, int pc);
int addconst(FuncState *fs, Slot v);
int type_words(FuncState *fs, Node *at, Type *t, uint8_t *kinds /* may be NULL */);
int64_t go_sizeof(Type *t);     /* Go's size; -1: a type the VM does not hold yet */
int64_t go_alignof(Type *t);
int64_t go_fieldoff(Type *st, int i);
int narrow_aux(Type *et);       /* a narrow slice element: width | 8 if signed; 0 otherwise */
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
    int off;           /* temporary: the element's word offset from base */
    int nwords;
} ElemRef;
/* Is l such an element? Then its indexes are evaluated and checked. */
bool elem_path(FuncState *fs, Node *l, ElemRef *er, bool lvalue);
int elem_load(FuncState *fs, ElemRef *er, int dst);
/* Is e reached through a pointer (*p, p.f, p.f[2].g)? Then the pointer is
   evaluated into a temporary *ptr and the word offset set. */
bool ptr_path(FuncState *fs, Node *e, int *ptr, int *woff);
void elem_store(FuncState *fs, ElemRef *er, int src);

/* compile_stmt.c */
void cstmt(FuncState *fs, Node *s);
void cblock(FuncState *fs, NodeList *stmts);

#endif /* COMPILE_INTERNAL */

#endif
