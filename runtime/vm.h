/* vm.h — compiled functions, goroutines and the interpreter loop.
 *
 * Go: runtime/runtime2.go (g, stack, gobuf), runtime/stack.go (the stack
 * words), runtime/symtab.go (_func: name, file, line table, stack map).
 *
 * The frame (docs/design/vm.md, "Compiler and VM" in ARCHITECTURE.md).
 * A function's frame is a run of 8-byte slots on its goroutine's stack,
 * starting at fp:
 *
 *   fp[0 .. nres)              results (named results are variables here)
 *   fp[nres .. hdr)            parameters (hdr = nres + npar)
 *   fp[hdr .. hdr+3)           the frame record: return ip, the caller's
 *                              frame distance (fp - caller fp, in slots),
 *                              the caller's Func. An entry frame (a
 *                              goroutine's first, or a native's callback)
 *                              has the low bit of the return ip set: its
 *                              RET leaves the interpreter loop; the caller
 *                              is NULL for a goroutine's first frame, the
 *                              native's caller for a callback
 *   fp[hdr+3]                  a closure's context slot (Func.closure): the func
 *                              value it was called through
 *   fp[hdr+3 .. nlocals)       locals and temporaries, each of one fixed
 *                              kind (scalar or pointer) for the whole function
 *   fp[nlocals .. framesize)   the outgoing call area: a call puts the
 *                              callee's results and parameters at
 *                              fp[nlocals ..], which is the callee's fp
 *
 * Invariants:
 *  - stackmap has one bit per slot over [0, nlocals): set = pointer slot.
 *    The call area is never covered by the caller's map (the callee's map
 *    covers it while the call runs), so slot kinds never conflict; the
 *    compiler copies results out of the call area before anything can
 *    allocate.
 *  - On entry the callee zeroes its pointer slots ([zerolo, zerohi) covers
 *    every pointer slot of [hdr+3, nlocals)) and, when zerores, its results
 *    (named results start at their zero value; a pointer result must not
 *    hold a stale word), so a collection never reads a stale word as a
 *    pointer. Scalar temporaries are always written before they are read.
 *  - Frame records hold distances, not addresses, and the saved ip points
 *    into bytecode: copystack only adjusts pointer slots.
 *  - fp + fn->framesize <= stack.hi for the running frame (checked at each
 *    CALL against the callee's framesize: Go's morestack check).
 */
#ifndef MINI_VM_H
#define MINI_VM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef enum Opcode {
#define OP(name, operands, meaning) OP_##name,
#include "opcodes.h"
#undef OP
    OP_COUNT
} Opcode;

extern const char *const opcode_names[OP_COUNT];
extern const char *const opcode_operands[OP_COUNT];

/* One instruction: 8 bytes. */
typedef struct Instr {
    uint8_t op, aux;
    uint16_t a, b, c;
} Instr;

/* One 8-byte word of a frame, a global or a constant. */
typedef union Slot {
    int64_t i;
    uint64_t u;
    double f;
    float f32;          /* the low 4 bytes (little-endian) */
    void *p;
    const char *s;
} Slot;

/* Slot kinds, for the stack map and `mini disasm`. */
enum { SLOT_SCALAR = 0, SLOT_PTR = 1, SLOT_RECORD = 2 };

typedef struct Func {
    const char *name;           /* Go's symbol name: "main.fib", "main.init.0" */
    const char *file;
    int line;                   /* of the declaration */
    Instr *code; int ncode;
    int32_t *lines;             /* source line of each instruction */
    Slot *consts; int nconsts;
    uint16_t nres, npar, hdr;   /* words; hdr = nres + npar */
    uint32_t nlocals;           /* slots the stack map covers; the call area starts here */
    uint32_t framesize;         /* nlocals + the largest call area */
    uint8_t *stackmap;          /* bit per slot over [0, nlocals) */
    uint32_t zerolo, zerohi;    /* locals zeroed on entry (the pointer slots) */
    bool zerores;               /* results zeroed on entry */
    uint8_t *slotkind;          /* SLOT_* per slot over [0, nlocals), for disasm */
    const char **slotname;      /* variable name per slot (NULL: temporary) */
    bool hidden;                /* runtime frame: not shown in tracebacks */
    uint32_t deferpc;           /* has defers: its deferreturn-and-return sequence (recovery) */
    /* A closure's code: CALLF stores the func value it was called through
       in fp[hdr+3] (the context slot, a pointer slot: Go's closure context
       register DX); captured variables are read through it. */
    bool closure;
} Func;

struct G;
/* A native function: reads its arguments from args[0..] and writes its
   results there too (the same slot convention as mini functions). */
typedef void (*NativeFn)(struct G *gp, Slot *args, int nargs);

typedef struct Native {
    const char *pkg, *name;     /* "fmt", "Println" */
    NativeFn fn;
} Native;

/* Looks up a native by package path and name in every package's table
   (runtime/natives.c); NULL when mini has no such native. */
const Native *native_lookup(const char *pkg, const char *name);

typedef struct Program {
    const char *file;
    Func **funcs; int nfuncs;   /* CALL's b indexes this */
    Func *entry;                /* runtime.main: main.init, then main.main */
    const Native **natives; int nnatives;   /* CALLN's b indexes this */
    const struct RType **rtypes; int nrtypes;   /* every runtime type the compiler made */
    uint32_t nglobals;          /* words */
    uint8_t *globalmap;         /* bit per global word: pointer */
    uint8_t *globalkind;
    const char **globalname;
} Program;

/* Go: runtime2.go stack. [lo, hi) in bytes; mini's stacks are malloc'd
   words, outside mini's heap. */
typedef struct stack {
    uintptr_t lo, hi;
} stack;

typedef enum { Gidle, Grunnable, Grunning, Gwaiting, Gcopystack, Gdead } Gstatus;

/* Go: runtime2.go g. The interpreter keeps ip/fp/fn in locals while it runs
 * and stores them here (Go's gobuf: sched.pc, sched.sp) before anything that
 * may grow the stack, collect, park or unwind; it reloads fp afterwards. */
/* defer.c: a deferred call (Go: _defer). The deferring frame is known by
   its byte offset from stack.lo (stacks move). args: the call's words, laid
   out as a call area ([results][params]). */
typedef struct _defer {
    struct _defer *link;
    uintptr_t fpoff;
    Func *frame;                /* the deferring function: recovery resumes it at deferpc */
    uint8_t op;                 /* OP_CALL (fn), OP_CALLN (nat), OP_CALLF (fn + closure) */
    Func *fn;
    const struct Native *nat;
    void *closure;
    int nwords;
    Slot args[];
} _defer;

/* defer.c: an active panic (Go: _panic). */
typedef struct _panic {
    struct _panic *link;        /* the panic this one began during */
    Slot arg[2];                /* the value, an `any` */
    uintptr_t deferfpoff;       /* the frame of the deferred call being run (recover's test) */
    _defer *running;
    int depth;                  /* the interpreter loop it began in (VMLevel.depth) */
    bool recovered, sigmem;
} _panic;

/* One running interpreter loop of a goroutine (the first, and one per
   native callback): recovery longjmps to the loop that runs the
   recovering frame. */
#include <setjmp.h>
typedef struct VMLevel {
    jmp_buf jb;
    uintptr_t entryoff;         /* its entry frame's offset from stack.lo */
    int depth;
    struct VMLevel *prev;
} VMLevel;

/* defer.c: a native's callback whose panics the native catches (fmt's
   catchPanic around String and Error methods). */
typedef struct CatchPoint {
    jmp_buf jb;
    uintptr_t boundary;         /* the callback frame's offset: deferred calls below it are not run */
    uintptr_t fpoff;            /* the native's caller's frame, to resume */
    Func *fn;
    const Instr *ip;
    VMLevel *level;
    Slot val[2];                /* the caught panic's value */
    struct CatchPoint *prev;
} CatchPoint;

typedef struct G {
    stack stack;
    /* Go: stackguard0. CALL grows the stack when the callee's frame would
       end above it: normally stack.hi; 0 forces every CALL through
       newstack (--stack-stress now; preemption requests later, as Go's
       stackPreempt). */
    uintptr_t stackguard0;
    const Instr *ip;            /* saved pc: the instruction being executed */
    Slot *fp;                   /* saved frame pointer */
    Func *fn;                   /* the running frame's function */
    int64_t goid;
    Gstatus atomicstatus;
    _defer *_defer;             /* newest first */
    _panic *_panic;
    VMLevel *level;             /* the innermost running interpreter loop */
    CatchPoint *catchp;         /* the innermost catching callback */
    /* The scheduler's (runtime/proc.c, runtime2.h). A parked g resumes by
       executing again the instruction that parked it (gp->ip): that
       instruction sees waiting (or parkstage) set and finishes what Go
       does after gopark returns. */
    struct G *schedlink;        /* next in the global run queue or the free list */
    struct sudog *waiting;      /* sudogs this g is parked on (Go: g.waiting) */
    struct sudog *param;        /* Go: g.param: the sudog whose operation woke it */
    const char *waitreason;     /* while Gwaiting: "chan receive" ... */
    uint32_t selectDone;        /* Go: g.selectDone: a select case has won */
    int parkstage;              /* a native's resume point after it parked (0: a fresh call) */
    int ncallback;              /* vm_callback loops running on this g: it must not park */
    struct timer *timer;        /* time.Sleep's timer, C memory (Go: g.timer) */
    Func *gopcfn;               /* "created by": the go statement's function and */
    const Instr *gopc;          /* instruction (NULL for goroutine 1) */
} G;

/* VM settings (the CLI's run flags). */
typedef struct VMConfig {
    uint64_t maxstacksize;      /* --max-stack, bytes (Go: maxstacksize, 1 GB) */
    int argc; char **argv;      /* os.Args */
    bool gcstress, gcverify, gctrace;   /* --gc-stress, --gc-verify, --gctrace */
    bool memstats;              /* --memstats: the heap's statistics at exit */
    bool stackstress;           /* --stack-stress: move the stack at every call */
    bool seedset;               /* --seed given: */
    uint64_t seed;              /* the random source's seed (rand.h); else the clock */
    int gomaxprocs;             /* --gomaxprocs; 0: $GOMAXPROCS, else the CPU count */
    bool faketime;              /* --faketime: the clock jumps to the next timer (time.c) */
    int schedtrace;             /* --schedtrace=N: the SCHED line every N ms (trace.c) */
    bool scheddetail;           /* --scheddetail: with each p and g */
    bool chantrace;             /* --chantrace: every channel operation */
    const char *tracefile;      /* --trace=FILE.json: the goroutine timeline */
} VMConfig;

extern VMConfig vmconfig;
extern Program *vm_prog;        /* the program being run */
extern Slot *vm_globals;

enum { StackMin = 2048 };       /* Go: _StackMin */

/* Runs prog to completion: runtime.main. Returns the exit status (0), or
 * does not return (os.Exit, an unrecovered panic, a fatal error). */
int vm_run(Program *prog);

/* The interpreter loop: runs gp from gp->ip until its entry frame returns. */
void vm_execute(G *gp);

/* The program's runtime type named name ("*errors.errorString"), or NULL. */
const struct RType *rtype_named(const char *name);

/* Runs fn for a native (fmt's String calls): args holds fn's results
   and parameters (nargs words); its results are copied to res. The stack
   may move: recompute pointers into it from gp->fp afterwards. */
void vm_callback(G *gp, Func *fn, const Slot *args, int nargs, Slot *res, int nres);
/* The same for a func value fv (a pointer to a funcval: word 0 the Func,
   a closure's captured words after it): a nil fv panics as CALLF does. */
void vm_callfv(G *gp, void *fv, const Slot *args, int nargs, Slot *res, int nres);

/* stack.c */
G *malg(size_t stacksize);                 /* a g with a stack of stacksize bytes */
void stackfree(G *gp);
/* newstack: makes room for need more bytes above the running frame by
   doubling gp's stack (copystack). gp->fp/fn are saved. Past
   vmconfig.maxstacksize: Go's "stack overflow" fatal error. Under
   --stack-stress a stack that is big enough is still moved (to a new block
   of the same size), so every frame runs on a moved stack. */
void newstack(G *gp, size_t need);

/* defer.c */
typedef struct DeferSite {
    uint8_t op;                 /* the call it defers: OP_CALL, OP_CALLN, OP_CALLF, OP_CALLI */
    int b, c;                   /* that op's b and c (funcs index, native index, method index) */
    int nwords;                 /* the call area's words */
} DeferSite;
void deferproc(G *gp, const DeferSite *site, Slot *fp, Func *frame, const Slot *args, const Slot *fnw);
_defer *deferpop(G *gp, const Slot *fp);
_Noreturn void gopanic(G *gp, const Slot arg[2], bool sigmem);
_Noreturn void gopanicmsg(G *gp, const char *msg, bool sigmem);
/* A panic whose value is a runtime.plainError (Go: the nil-map write and
   the channel misuses): a runtime.Error with no "runtime error: " prefix. */
_Noreturn void panicplain(G *gp, const char *msg);
void gorecover(G *gp, const Slot *fp, Slot out[2]);
void scandefers(G *gp);
void deferGoexit(G *gp);       /* runtime.Goexit: run every deferred call */
/* vm_callback, but a panic that unwinds out of fn is caught: returns true
   with its value in caught[0..2) (Go: fmt's catchPanic). */
bool vm_callback_catch(G *gp, Func *fn, const Slot *args, int nargs, Slot *res, int nres, Slot caught[2]);
struct StrBuf;
void printpanicval(struct StrBuf *b, int kind, Slot w0, Slot w1, const char *name, size_t namelen);
/* Calls fn (with closure in its context slot when it is a closure's code)
   like vm_callback. */
void vm_callfunc(G *gp, Func *fn, void *closure, const Slot *args, int nargs, Slot *res, int nres);

/* panic.c */
/* gopanic for runtime errors: prints "panic: runtime error: MSG", the
   traceback, exits 2 (recover comes later: this is where it plugs in). */
_Noreturn void panicmsg(G *gp, const char *msg);
_Noreturn void panicdivide(G *gp);
_Noreturn void panicIndex(G *gp, int64_t x, int64_t len, bool unsignedx);
_Noreturn void panicshift(G *gp);
_Noreturn void panicmem(G *gp);         /* nil pointer dereference */
/* Go: boundsError for slice expressions; which: 0 SliceAlen, 1 SliceAcap,
   2 SliceB, 3 Slice3Alen, 4 Slice3Acap, 5 Slice3B, 6 Slice3C. */
_Noreturn void panicSlice(G *gp, int which, int64_t x, int64_t y);
void traceback(G *gp, FILE *out);
extern G *vm_curg;              /* the running goroutine (Go: getg().m.curg) */
_Noreturn void vm_exit(int code);       /* flush stdout, exit */

/* Heap allocation for the VM: one wrapper so every VM allocation goes
   through one place (mallocgc; pointer-free for now). */
void *vm_alloc(size_t size, bool hasptr);
struct TypeDesc;
void *vm_newarray(const struct TypeDesc *t, uintptr_t n);   /* n zeroed values of t; n == 0: zerobase */
void vm_scanroots(void *ctx);   /* the collector's root scanner */

/* Disassembly (src/disasm.c). */
void disasm_func(const Func *f, FILE *out);
void disasm_program(const Program *p, FILE *out);

#endif
