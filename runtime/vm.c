/* vm.c — the interpreter loop.
 *
 * Go: there is no interpreter in Go; the loop plays the part of the CPU
 * running compiled code, and of runtime/proc.go's runtime.main (vm_run).
 *
 * Design (docs/design/vm.md):
 *  - Stackless: CALL pushes a frame on the goroutine's word stack and the
 *    loop continues with the callee; RET pops it. A mini call never recurses
 *    on the C stack, so switching goroutines will be switching one G.
 *  - Hot state in locals: ip, fp (the frame), K (the constants). SAVE()
 *    stores ip/fp/fn into the G before anything that can grow the stack,
 *    allocate (so collect), panic or, later, park; LOAD() reloads fp after
 *    it, because the stack may have moved (Lua's Protect, Wren's
 *    STORE_FRAME/LOAD_FRAME).
 *  - Dispatch by computed goto when the compiler has it (GCC, clang),
 *    a switch otherwise (or with -DMINI_NO_COMPUTED_GOTO); both share the
 *    case bodies (Lua's vmdispatch/vmcase/vmbreak).
 *
 * Invariant: no type is inspected at run time; every op is typed.
 */
#include "vm.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chan.h"
#include "iface.h"
#include "malloc.h"
#include "map.h"
#include "sizeclasses.h"
#include "mgc.h"
#include "proc.h"
#include "rand.h"
#include "strconv.h"
#include "throw.h"
#include "time.h"

const char *const opcode_names[OP_COUNT] = {
#define OP(name, operands, meaning) #name,
#include "opcodes.h"
#undef OP
};
const char *const opcode_operands[OP_COUNT] = {
#define OP(name, operands, meaning) operands,
#include "opcodes.h"
#undef OP
};

VMConfig vmconfig = { .maxstacksize = 1000000000 };
Program *vm_prog;
Slot *vm_globals;
G *vm_curg;




/* A backing array of n elements of type t (Go: mallocgc(n*size, t, true)). */
void *vm_newarray(const TypeDesc *t, uintptr_t n)
{
    if (n == 0 || t->size == 0)
        return (void *)&zerobase;
    return mallocgc(n * t->size, t, true);
}

void *vm_alloc(size_t size, bool hasptr)
{
    /* Only pointer-free objects (string bytes) exist in this slice; typed
       objects will pass their TypeDesc. */
    (void)hasptr;
    return mallocgc(size, NULL, false);
}

/* Go: float64 -> int64 on amd64 (CVTTSD2SQ): out-of-range and NaN give
   0x8000000000000000. C leaves it undefined, so spell it out. */
static inline int64_t f2i(double f)
{
    if (!(f > -9223372036854775808.0 && f < 9223372036854775808.0))
        return INT64_MIN;
    return (int64_t)f;
}

/* Go's float64 -> uint64 on amd64: below 2^63 a signed conversion, above it
   subtract 2^63 first and set the top bit back (cmd/compile's Cvt64Fto64U). */
static inline uint64_t f2u(double f)
{
    if (f < 9223372036854775808.0)
        return (uint64_t)f2i(f);
    if (!(f < 18446744073709551616.0))   /* too big or NaN */
        return f != f ? (uint64_t)INT64_MIN : (uint64_t)INT64_MIN;
    return (uint64_t)f2i(f - 9223372036854775808.0) ^ ((uint64_t)1 << 63);
}

static inline uint64_t f32bits(float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    return u;
}

static inline int cmpstr(const Slot *x, const Slot *y)
{
    size_t n = x[1].u < y[1].u ? x[1].u : y[1].u;
    int c = n ? memcmp(x[0].s, y[0].s, n) : 0;
    if (c)
        return c;
    return x[1].u < y[1].u ? -1 : x[1].u > y[1].u;
}

/* A narrow value of 1, 2 or 4 bytes at p as a normalized word: aux is
   the width, | 8 when it is sign-extended (LOADN, LOADPB). */
static inline Slot loadnarrow(const char *p, int aux)
{
    Slot r;
    switch (aux) {
    case 1: r.u = *(const uint8_t *)p; break;
    case 9: r.i = *(const int8_t *)p; break;
    case 2: { uint16_t v; memcpy(&v, p, 2); r.u = v; break; }
    case 10: { int16_t v; memcpy(&v, p, 2); r.i = v; break; }
    case 4: { uint32_t v; memcpy(&v, p, 4); r.u = v; break; }
    default: { int32_t v; memcpy(&v, p, 4); r.i = v; break; }
    }
    return r;
}

/* The interpreter loop proper. Kept out of vm_execute so that no setjmp
   shares its function: GCC keeps a function's locals in memory across a
   setjmp, and ip/fp must live in registers (fib ran 60% slower). */
static void vm_loop(G *gp) __attribute__((noinline));

/* Runs gp from gp->ip until its entry frame returns. This loop's level
   (vm.h VMLevel) is where a recovered panic longjmps to resume the
   recovering frame, with gp->ip/fp/fn set: the loop simply starts again. */
void vm_execute(G *gp)
{
    VMLevel lv;
    lv.prev = gp->level;
    lv.depth = lv.prev ? lv.prev->depth + 1 : 0;
    lv.entryoff = (uintptr_t)((char *)gp->fp - (char *)gp->stack.lo);
    gp->level = &lv;
    setjmp(lv.jb);
    vm_loop(gp);
    gp->level = lv.prev;
}

static void vm_loop(G *gp)
{
    const Instr *ip = gp->ip;
    Slot *fp = gp->fp;
    Func *fn = gp->fn;
    const Slot *K = fn->consts;
    Program *prog = vm_prog;
    uintptr_t stackguard = gp->stackguard0;
    const Instr *in;
    Func *callee;      /* CALL, CALLI: the function being called */
    Slot *clo;         /* CALLF, DEFERRETURN: the func value called through */
    /* The time slice left (proc.h): one tick per call and per backward
       branch; at zero the g is preempted (Go: sysmon's retake). */
    int32_t slice = sched_slice;

#define S(x) (fp[(x)])
#define A (S(in->a))
#define B (S(in->b))
#define C (S(in->c))
#define TARGET ((uint32_t)in->b | (uint32_t)in->c << 16)
#define SAVE() (gp->ip = in, gp->fp = fp, gp->fn = fn)
#define LOAD() (fp = gp->fp, stackguard = gp->stackguard0)
#define JUMPOFF() do { int16_t off_ = (int16_t)in->c; ip += off_; if (off_ < 0) PREEMPT_TICK(); } while (0)
#define PREEMPT_TICK() do { if (__builtin_expect(--slice < 0, 0)) goto preempt; } while (0)
#define BACKJUMP() do { if (ip <= in) PREEMPT_TICK(); } while (0)

/* Build with -DMINI_TRACE_EXECUTION to print every instruction as it runs
   (clox's DEBUG_TRACE_EXECUTION). */
#ifdef MINI_TRACE_EXECUTION
#define TRACE() fprintf(stderr, "%-16s %4d  %-9s a=%u b=%u c=%u\n", fn->name, \
                        (int)(ip - fn->code), opcode_names[ip->op], ip->a, ip->b, ip->c)
#else
#define TRACE() ((void)0)
#endif

#if defined(__GNUC__) && !defined(MINI_NO_COMPUTED_GOTO)
    static const void *const dispatch[OP_COUNT] = {
#define OP(name, operands, meaning) &&L_##name,
#include "opcodes.h"
#undef OP
    };
#define VMCASE(name) L_##name:
#define VMNEXT() do { TRACE(); in = ip++; goto *dispatch[in->op]; } while (0)
#define VMDISPATCH() VMNEXT();
#define VMEND()
#else
#define VMCASE(name) case OP_##name:
#define VMNEXT() goto next
#define VMDISPATCH() next: TRACE(); in = ip++; switch (in->op) {
#define VMEND() default: throw("bad opcode"); }
#endif

    VMDISPATCH()

    VMCASE(NOP) VMNEXT();
    VMCASE(MOVE) A = B; VMNEXT();
    VMCASE(MOVE2) { Slot x = B, y = S(in->b + 1); A = x; S(in->a + 1) = y; } VMNEXT();
    VMCASE(MOVEN) memmove(&A, &B, (size_t)in->c * sizeof(Slot)); VMNEXT();
    VMCASE(LOADK) A = K[TARGET]; VMNEXT();
    VMCASE(LOADK2) A = K[TARGET]; S(in->a + 1) = K[TARGET + 1]; VMNEXT();
    VMCASE(LOADI) A.i = (int32_t)TARGET; VMNEXT();
    VMCASE(ZERO) memset(&A, 0, (size_t)in->b * sizeof(Slot)); VMNEXT();
    VMCASE(GETG) memcpy(&A, &vm_globals[in->b], (size_t)in->c * sizeof(Slot)); VMNEXT();
    VMCASE(SETG) memcpy(&vm_globals[in->a], &B, (size_t)in->c * sizeof(Slot)); VMNEXT();

    VMCASE(ADD) A.u = B.u + C.u; VMNEXT();
    VMCASE(SUB) A.u = B.u - C.u; VMNEXT();
    VMCASE(MUL) A.u = B.u * C.u; VMNEXT();
    VMCASE(DIV) {
        int64_t y = C.i;
        if (y == 0) goto divzero;
        A.i = y == -1 ? (int64_t)(0 - B.u) : B.i / y;
        VMNEXT();
    }
    VMCASE(DIVU) { uint64_t y = C.u; if (y == 0) goto divzero; A.u = B.u / y; VMNEXT(); }
    VMCASE(MOD) {
        int64_t y = C.i;
        if (y == 0) goto divzero;
        A.i = y == -1 ? 0 : B.i % y;
        VMNEXT();
    }
    VMCASE(MODU) { uint64_t y = C.u; if (y == 0) goto divzero; A.u = B.u % y; VMNEXT(); }
    VMCASE(AND) A.u = B.u & C.u; VMNEXT();
    VMCASE(OR) A.u = B.u | C.u; VMNEXT();
    VMCASE(XOR) A.u = B.u ^ C.u; VMNEXT();
    VMCASE(ANDNOT) A.u = B.u & ~C.u; VMNEXT();
    VMCASE(SHL) {
        uint64_t n = C.u;
        if (in->aux && C.i < 0) goto negshift;
        A.u = n >= 64 ? 0 : B.u << n;
        VMNEXT();
    }
    VMCASE(SHR) {
        uint64_t n = C.u;
        if (in->aux && C.i < 0) goto negshift;
        A.i = B.i >> (n >= 64 ? 63 : n);
        VMNEXT();
    }
    VMCASE(SHRU) {
        uint64_t n = C.u;
        if (in->aux && C.i < 0) goto negshift;
        A.u = n >= 64 ? 0 : B.u >> n;
        VMNEXT();
    }
    VMCASE(NEG) A.u = 0 - B.u; VMNEXT();
    VMCASE(COM) A.u = ~B.u; VMNEXT();
    VMCASE(ADDK) A.u = B.u + (uint64_t)(int64_t)(int16_t)in->c; VMNEXT();
    VMCASE(EXT8S) A.i = (int8_t)B.u; VMNEXT();
    VMCASE(EXT8U) A.u = (uint8_t)B.u; VMNEXT();
    VMCASE(EXT16S) A.i = (int16_t)B.u; VMNEXT();
    VMCASE(EXT16U) A.u = (uint16_t)B.u; VMNEXT();
    VMCASE(EXT32S) A.i = (int32_t)B.u; VMNEXT();
    VMCASE(EXT32U) A.u = (uint32_t)B.u; VMNEXT();
    VMCASE(EQ) A.u = B.u == C.u; VMNEXT();
    VMCASE(NE) A.u = B.u != C.u; VMNEXT();
    VMCASE(LT) A.u = B.i < C.i; VMNEXT();
    VMCASE(LE) A.u = B.i <= C.i; VMNEXT();
    VMCASE(LTU) A.u = B.u < C.u; VMNEXT();
    VMCASE(LEU) A.u = B.u <= C.u; VMNEXT();
    VMCASE(NOT) A.u = !B.u; VMNEXT();

    VMCASE(ADDF) A.f = B.f + C.f; VMNEXT();
    VMCASE(SUBF) A.f = B.f - C.f; VMNEXT();
    VMCASE(MULF) A.f = B.f * C.f; VMNEXT();
    VMCASE(DIVF) A.f = B.f / C.f; VMNEXT();
    VMCASE(NEGF) A.f = -B.f; VMNEXT();
    VMCASE(EQF) A.u = B.f == C.f; VMNEXT();
    VMCASE(NEF) A.u = B.f != C.f; VMNEXT();
    VMCASE(LTF) A.u = B.f < C.f; VMNEXT();
    VMCASE(LEF) A.u = B.f <= C.f; VMNEXT();
    VMCASE(ADDF32) A.u = f32bits(B.f32 + C.f32); VMNEXT();
    VMCASE(SUBF32) A.u = f32bits(B.f32 - C.f32); VMNEXT();
    VMCASE(MULF32) A.u = f32bits(B.f32 * C.f32); VMNEXT();
    VMCASE(DIVF32) A.u = f32bits(B.f32 / C.f32); VMNEXT();
    VMCASE(NEGF32) A.u = f32bits(-B.f32); VMNEXT();
    VMCASE(EQF32) A.u = B.f32 == C.f32; VMNEXT();
    VMCASE(NEF32) A.u = B.f32 != C.f32; VMNEXT();
    VMCASE(LTF32) A.u = B.f32 < C.f32; VMNEXT();
    VMCASE(LEF32) A.u = B.f32 <= C.f32; VMNEXT();

    VMCASE(I2F) A.f = (double)B.i; VMNEXT();
    VMCASE(U2F) A.f = (double)B.u; VMNEXT();
    VMCASE(I2F32) A.u = f32bits((float)B.i); VMNEXT();
    VMCASE(U2F32) A.u = f32bits((float)B.u); VMNEXT();
    VMCASE(F2I) A.i = f2i(B.f); VMNEXT();
    VMCASE(F2U) A.u = f2u(B.f); VMNEXT();
    VMCASE(F2I32) A.i = (B.f > -2147483649.0 && B.f < 2147483648.0) ? (int64_t)(int32_t)B.f : INT32_MIN; VMNEXT();
    VMCASE(F2F32) A.u = f32bits((float)B.f); VMNEXT();
    VMCASE(F322F) A.f = (double)B.f32; VMNEXT();

    VMCASE(CONCAT) {
        uint64_t n1 = S(in->b + 1).u, n2 = S(in->c + 1).u;
        if (n2 == 0) { Slot p = B; A = p; S(in->a + 1).u = n1; VMNEXT(); }
        if (n1 == 0) { Slot p = C; A = p; S(in->a + 1).u = n2; VMNEXT(); }
        SAVE();
        char *p = vm_alloc(n1 + n2, false);   /* may collect: roots are saved */
        LOAD();
        memcpy(p, B.s, n1);
        memcpy(p + n1, C.s, n2);
        A.p = p;
        S(in->a + 1).u = n1 + n2;
        VMNEXT();
    }
    VMCASE(EQSTR) {
        Slot *x = &B, *y = &C;
        A.u = x[1].u == y[1].u && (x[0].s == y[0].s || memcmp(x[0].s, y[0].s, x[1].u) == 0);
        VMNEXT();
    }
    VMCASE(LTSTR) A.u = cmpstr(&B, &C) < 0; VMNEXT();
    VMCASE(LESTR) A.u = cmpstr(&B, &C) <= 0; VMNEXT();
    VMCASE(INDEXSTR) {
        uint64_t i = C.u, n = S(in->b + 1).u;
        if (i >= n) {
            SAVE();
            panicIndex(gp, C.i, (int64_t)n, in->aux);
        }
        A.u = (uint8_t)B.s[i];
        VMNEXT();
    }
    VMCASE(ADDR) A.p = &B; VMNEXT();
    VMCASE(ADDRG) A.p = &vm_globals[in->b]; VMNEXT();
    VMCASE(NEW) {
        const RType *t = K[in->b | (uint32_t)in->c << 16].p;
        uintptr_t size = (t->td.size + 7) & ~(uintptr_t)7;
        SAVE();
        void *p = mallocgc(size ? size : 8, &t->td, true);   /* may collect */
        LOAD();
        A.p = p;
        VMNEXT();
    }
    VMCASE(CONVE) {
        const RType *t = K[in->c].p;
        SAVE();
        void *d = convT(t, &B);     /* may collect */
        LOAD();
        A.p = (void *)t;
        S(in->a + 1).p = d;
        VMNEXT();
    }
    VMCASE(CONVI) {
        const Itab *tab = K[in->c].p;
        SAVE();
        void *d = convT(tab->type, &B);
        LOAD();
        A.p = (void *)tab;
        S(in->a + 1).p = d;
        VMNEXT();
    }
    VMCASE(I2E) {
        const Itab *tab = B.p;
        S(in->a + 1) = S(in->b + 1);
        A.p = tab ? (void *)tab->type : NULL;
        VMNEXT();
    }
    VMCASE(I2I) {
        const RType *t = iface_type(B.p, in->aux == 0);
        S(in->a + 1) = S(in->b + 1);
        A.p = t ? (void *)getitab(K[in->c].p, t, NULL) : NULL;
        VMNEXT();
    }
    VMCASE(ASSERT) {
        const AssertDesc *d = K[in->c].p;
        if (B.p == d->want) {
            void *data = S(in->b + 1).p;
            unboxT(d->target, data, &A);
            if (in->aux & 1)
                S(in->a + (d->target->td.size + 7) / 8).u = 1;
        } else if (in->aux & 1) {
            uintptr_t w = (d->target->td.size + 7) / 8;
            memset(&A, 0, w * sizeof(Slot));
            S(in->a + w).u = 0;
        } else {
            SAVE();
            panicdottype(gp, d->src, iface_type(B.p, in->aux & 2), d->target, NULL);
        }
        VMNEXT();
    }
    VMCASE(ASSERTI) {
        const AssertDesc *d = K[in->c].p;
        const RType *t = iface_type(B.p, in->aux & 2);
        const char *missing = NULL;
        const void *w0 = NULL;
        if (t)
            w0 = d->target->nmethods ? (const void *)getitab(d->target, t, &missing) : (const void *)t;
        if (w0) {
            S(in->a + 1) = S(in->b + 1);
            A.p = (void *)w0;
            if (in->aux & 1)
                S(in->a + 2).u = 1;
        } else if (in->aux & 1) {
            A.p = NULL;
            S(in->a + 1).p = NULL;
            S(in->a + 2).u = 0;
        } else {
            SAVE();
            panicdottype(gp, d->src, t, d->target, missing);
        }
        VMNEXT();
    }
    VMCASE(EQIFACE) {
        const RType *tx = iface_type(B.p, in->aux), *ty = iface_type(C.p, in->aux);
        bool eq = tx == ty;
        if (eq && tx) {
            SAVE();
            eq = efaceeq(gp, tx, S(in->b + 1).p, S(in->c + 1).p);
        }
        A.u = eq;
        VMNEXT();
    }
    VMCASE(ISTYPE) {
        A.u = iface_type(B.p, in->aux) == K[in->c].p;
        VMNEXT();
    }
    VMCASE(LOADP) {
        Slot *p = B.p;
        if (p == NULL) {
            SAVE();
            panicmem(gp);
        }
        memmove(&A, p + in->c, (size_t)in->aux * sizeof(Slot));
        VMNEXT();
    }
    VMCASE(STOREP) {
        Slot *p = A.p;
        if (p == NULL) {
            SAVE();
            panicmem(gp);
        }
        memmove(p + in->b, &C, (size_t)in->aux * sizeof(Slot));
        VMNEXT();
    }
    VMCASE(LOADXP) {
        Slot *p = B.p;
        if (p == NULL) {
            SAVE();
            panicmem(gp);
        }
        memmove(&A, p + C.u, (size_t)in->aux * sizeof(Slot));
        VMNEXT();
    }
    VMCASE(STOREXP) {
        Slot *p = A.p;
        if (p == NULL) {
            SAVE();
            panicmem(gp);
        }
        memmove(p + B.u, &C, (size_t)in->aux * sizeof(Slot));
        VMNEXT();
    }
    VMCASE(MAKESLICE) {
        const RType *t = K[in->b | (uint32_t)in->c << 16].p;
        Slot *sl = &A;
        int64_t len = sl[1].i, cap = sl[2].i;
        uintptr_t es = t->td.size;
        uintptr_t maxn = es ? ((uintptr_t)1 << 40) / es : ((uintptr_t)1 << 40);
        if (len < 0 || (uint64_t)len > maxn) {
            SAVE();
            panicmsg(gp, "runtime error: makeslice: len out of range");
        }
        if (cap < len || (uint64_t)cap > maxn) {
            SAVE();
            panicmsg(gp, "runtime error: makeslice: cap out of range");
        }
        SAVE();
        void *p = vm_newarray(&t->td, (uintptr_t)cap);
        LOAD();
        A.p = p;
        VMNEXT();
    }
    VMCASE(PTRADD) {
        Slot *p = B.p;
        if (p == NULL) {
            SAVE();
            panicmem(gp);
        }
        A.p = p + C.u;
        VMNEXT();
    }
    VMCASE(SLICE) {
        Slot *x = &B;
        int64_t cap = x[2].i, lo = x[3].i, hi = x[4].i, max = x[5].i;
        bool str = in->aux & 2;
        if (in->aux & 1) {
            if ((uint64_t)max > (uint64_t)cap) { SAVE(); panicSlice(gp, 4, max, cap); }
            if ((uint64_t)hi > (uint64_t)max) { SAVE(); panicSlice(gp, 5, hi, max); }
            if ((uint64_t)lo > (uint64_t)hi) { SAVE(); panicSlice(gp, 6, lo, hi); }
        } else {
            if ((uint64_t)hi > (uint64_t)cap) { SAVE(); panicSlice(gp, str ? 0 : 1, hi, cap); }
            if ((uint64_t)lo > (uint64_t)hi) { SAVE(); panicSlice(gp, 2, lo, hi); }
        }
        int64_t ncap = max - lo;
        char *p = x[0].p;
        if ((str ? hi - lo : ncap) != 0)
            p += lo * (int64_t)in->c;   /* Go never points past the end */
        Slot *d = &A;
        d[0].p = p;
        d[1].i = hi - lo;
        if (!str)
            d[2].i = ncap;
        VMNEXT();
    }
    VMCASE(COPYSL) {
        Slot *d = &B, *x = &C;
        int64_t n = d[1].i < x[1].i ? d[1].i : x[1].i;
        size_t es = in->aux & 0x80 ? (size_t)(in->aux & 0x7f) : (size_t)in->aux * sizeof(Slot);
        if (n > 0 && d[0].p != x[0].p)
            memmove(d[0].p, x[0].p, (size_t)n * es);
        A.i = n;
        VMNEXT();
    }
    VMCASE(CHKLEN) {
        if (A.u >= B.u) {
            SAVE();
            panicIndex(gp, A.i, B.i, in->aux);
        }
        VMNEXT();
    }
    VMCASE(GROWSLICE) {
        const RType *t = K[in->b | (uint32_t)in->c << 16].p;
        Slot *sl = &A;
        int64_t newlen = sl[1].i + in->aux;
        if (newlen > sl[2].i) {
            uintptr_t es = t->td.size;
            intptr_t newcap = growslice_newcap(sl[2].i, newlen, es);
            SAVE();
            char *p = vm_newarray(&t->td, (uintptr_t)newcap);
            LOAD();
            sl = &A;
            if (sl[1].i)
                memcpy(p, sl[0].p, (size_t)sl[1].i * es);
            sl[0].p = p;
            sl[2].i = newcap;
        }
        sl[1].i = newlen;
        VMNEXT();
    }
    VMCASE(APPENDSL) {
        const RType *t = K[in->c].p;
        Slot *sl = &A;
        int64_t n = S(in->b + 1).i;
        int64_t oldlen = sl[1].i, newlen = oldlen + n;
        uintptr_t es = t->td.size;
        if (newlen > sl[2].i) {
            intptr_t newcap = growslice_newcap(sl[2].i, newlen, es);
            SAVE();
            char *p = vm_newarray(&t->td, (uintptr_t)newcap);
            LOAD();
            sl = &A;
            if (oldlen)
                memcpy(p, sl[0].p, (size_t)oldlen * es);
            sl[0].p = p;
            sl[2].i = newcap;
        }
        if (n)
            memmove((char *)sl[0].p + oldlen * es, S(in->b).p, (size_t)n * es);
        sl[1].i = newlen;
        VMNEXT();
    }
    VMCASE(LOADN) {
        const char *p = (const char *)B.p + C.u * (in->aux & 7);
        A = loadnarrow(p, in->aux);
        VMNEXT();
    }
    VMCASE(STOREN) memcpy((char *)A.p + B.u * (in->aux & 7), &C, in->aux & 7); VMNEXT();
    VMCASE(STORETAILN) {
        Slot *sl = &A;
        size_t w = in->c;
        char *p = (char *)sl[0].p + ((size_t)sl[1].i - in->aux) * w;
        for (int i = 0; i < in->aux; i++)
            memcpy(p + (size_t)i * w, &S(in->b + i), w);
        VMNEXT();
    }
    VMCASE(STR2BYTES) {
        uint64_t n = S(in->b + 1).u;
        SAVE();
        char *p = n ? mallocgc(n, NULL, false) : (void *)&zerobase;
        LOAD();
        if (n)
            memcpy(p, B.s, n);
        Slot *d = &A;
        d[0].p = p;
        d[1].u = n;
        d[2].u = n ? roundupsize(n) : 0;
        VMNEXT();
    }
    VMCASE(BYTES2STR) {
        uint64_t n = S(in->b + 1).u;
        char *p = NULL;
        if (n) {
            SAVE();
            p = mallocgc(n, NULL, false);
            LOAD();
            memcpy(p, B.p, n);
        }
        Slot *d = &A;
        d[0].p = p;
        d[1].u = n;
        VMNEXT();
    }
    VMCASE(STR2RUNES) {
        const char *str = B.s;
        uint64_t n = S(in->b + 1).u, cnt = 0;
        for (uint64_t i = 0; i < n; cnt++) {
            int w;
            strconv_decoderune(str + i, (size_t)(n - i), &w);
            i += (uint64_t)w;
        }
        SAVE();
        int32_t *p = cnt ? mallocgc(cnt * 4, NULL, true) : (void *)&zerobase;
        LOAD();
        str = B.s;
        uint64_t k = 0;
        for (uint64_t i = 0; i < n; k++) {
            int w;
            p[k] = strconv_decoderune(str + i, (size_t)(n - i), &w);
            i += (uint64_t)w;
        }
        Slot *d = &A;
        d[0].p = p;
        d[1].u = cnt;
        d[2].u = cnt ? roundupsize(cnt * 4) / 4 : 0;
        VMNEXT();
    }
    VMCASE(RUNES2STR) {
        const int32_t *r = B.p;
        uint64_t cnt = S(in->b + 1).u, n = 0;
        char tmp[4];
        for (uint64_t i = 0; i < cnt; i++)
            n += (uint64_t)strconv_encoderune(tmp, r[i]);
        char *p = NULL;
        if (n) {
            SAVE();
            p = mallocgc(n, NULL, false);
            LOAD();
            r = B.p;
            uint64_t o = 0;
            for (uint64_t i = 0; i < cnt; i++)
                o += (uint64_t)strconv_encoderune(p + o, r[i]);
        }
        Slot *d = &A;
        d[0].p = p;
        d[1].u = n;
        VMNEXT();
    }
    VMCASE(STORETAIL) {
        Slot *sl = &A;
        size_t words = (size_t)in->aux * in->c;
        memmove((Slot *)sl[0].p + (size_t)sl[1].i * in->c - words, &B, words * sizeof(Slot));
        VMNEXT();
    }
    VMCASE(CHKIDX) {
        uint64_t n = (uint64_t)in->b | (uint64_t)in->c << 16;
        if (A.u >= n) {
            SAVE();
            panicIndex(gp, A.i, (int64_t)n, in->aux);
        }
        VMNEXT();
    }
    VMCASE(LOADX) memmove(&A, &B + C.u, (size_t)in->aux * sizeof(Slot)); VMNEXT();
    VMCASE(STOREX) memmove(&A + B.u, &C, (size_t)in->aux * sizeof(Slot)); VMNEXT();
    VMCASE(LOADXG) memmove(&A, &vm_globals[in->b + C.u], (size_t)in->aux * sizeof(Slot)); VMNEXT();
    VMCASE(STOREXG) memmove(&vm_globals[in->a + B.u], &C, (size_t)in->aux * sizeof(Slot)); VMNEXT();
    VMCASE(RUNEAT) {
        /* Go: the for-range loop's ASCII fast path, else decoderune */
        const char *str = B.s;
        uint64_t i = C.u, n = S(in->b + 1).u;
        uint8_t c0 = (uint8_t)str[i];
        if (c0 < 0x80) {
            A.u = c0;
            S(in->a + 1).u = 1;
        } else {
            int w;
            A.i = strconv_decoderune(str + i, (size_t)(n - i), &w);
            S(in->a + 1).u = (uint64_t)w;
        }
        VMNEXT();
    }
    VMCASE(RUNESTR) {
        int64_t r = B.i;
        char buf[4];
        int n = strconv_encoderune(buf, r != (int32_t)r ? 0xFFFD : (int32_t)r);
        SAVE();
        char *p = vm_alloc((size_t)n, false);
        LOAD();
        memcpy(p, buf, (size_t)n);
        A.p = p;
        S(in->a + 1).u = (uint64_t)n;
        VMNEXT();
    }

    VMCASE(JMP) ip = fn->code + TARGET; BACKJUMP(); VMNEXT();
    VMCASE(JMPT) if (A.u) { ip = fn->code + TARGET; BACKJUMP(); } VMNEXT();
    VMCASE(JMPF) if (!A.u) { ip = fn->code + TARGET; BACKJUMP(); } VMNEXT();
    VMCASE(JEQ) if (A.u == B.u) JUMPOFF(); VMNEXT();
    VMCASE(JNE) if (A.u != B.u) JUMPOFF(); VMNEXT();
    VMCASE(JLT) if (A.i < B.i) JUMPOFF(); VMNEXT();
    VMCASE(JLE) if (A.i <= B.i) JUMPOFF(); VMNEXT();
    VMCASE(JLTU) if (A.u < B.u) JUMPOFF(); VMNEXT();
    VMCASE(JLEU) if (A.u <= B.u) JUMPOFF(); VMNEXT();
    VMCASE(JEQK) if (A.i == (int16_t)in->b) JUMPOFF(); VMNEXT();
    VMCASE(JNEK) if (A.i != (int16_t)in->b) JUMPOFF(); VMNEXT();
    VMCASE(JLTK) if (A.i < (int16_t)in->b) JUMPOFF(); VMNEXT();
    VMCASE(JLEK) if (A.i <= (int16_t)in->b) JUMPOFF(); VMNEXT();
    VMCASE(JGTK) if (A.i > (int16_t)in->b) JUMPOFF(); VMNEXT();
    VMCASE(JGEK) if (A.i >= (int16_t)in->b) JUMPOFF(); VMNEXT();

    VMCASE(CALL) {
        callee = prog->funcs[in->b];
        goto call;
    }
    VMCASE(CALLI) {
        const Itab *tab = B.p;
        if (__builtin_expect(tab == NULL, 0)) {
            SAVE();
            panicmem(gp);
        }
        callee = tab->fun[in->c];
        goto call;
    }
    call: {
        Slot *nfp = fp + in->a;
        if (__builtin_expect((uintptr_t)(nfp + callee->framesize) > stackguard, 0)) {
            /* Go: morestack -> newstack. The caller's frame is saved; the
               callee's arguments are part of it (its call area). */
            SAVE();
            newstack(gp, ((size_t)in->a + callee->framesize) * sizeof(Slot));
            LOAD();
            nfp = fp + in->a;
        }
        uint16_t hdr = callee->hdr;
        nfp[hdr].p = (void *)ip;
        nfp[hdr + 1].u = in->a;
        nfp[hdr + 2].p = fn;
        /* Zero what the stack map or the program could read before it is
           written (vm.h): pointer slots and named results. */
        if (callee->zerores)
            for (uint32_t i = 0; i < callee->nres; i++)
                nfp[i].u = 0;
        for (uint32_t i = callee->zerolo; i < callee->zerohi; i++)
            nfp[i].u = 0;
        fp = nfp;
        fn = callee;
        K = fn->consts;
        ip = fn->code;
        PREEMPT_TICK();
        VMNEXT();
    }
    VMCASE(CALLN) {
        /* Natives run on the C stack; they may allocate, so the frame is
           saved for the collector. One that blocks (sync) parks the g:
           the CALLN runs again when it resumes (proc.h). */
        SAVE();
        prog->natives[in->b]->fn(gp, fp + in->a, in->c);
        if (__builtin_expect(gp->atomicstatus != Grunning, 0))
            goto parked;
        LOAD();
        VMNEXT();
    }
    VMCASE(RET) {
        Slot *rec = fp + in->a;
        if (rec[0].u & 1)       /* an entry frame (vm.h): back to C */
            goto halt;
        ip = rec[0].p;
        fp -= rec[1].u;
        fn = rec[2].p;
        K = fn->consts;
        VMNEXT();
    }
    VMCASE(HALT) goto halt;
    VMCASE(DEFER) {
        SAVE();
        deferproc(gp, K[in->c].p, fp, fn, &A, &B);     /* may panic (a nil func) */
        VMNEXT();
    }
    VMCASE(DEFERRETURN) {
        /* Go: deferreturn: run this frame's deferred calls, newest first;
           each returns to this instruction, which runs the next */
        _defer *d = deferpop(gp, fp);
        if (!d)
            VMNEXT();
        Slot *args = fp + in->a;
        memcpy(args, d->args, (size_t)d->nwords * sizeof(Slot));
        if (d->op == OP_CALLN) {
            const Native *nat = d->nat;
            int nw = d->nwords;
            free(d);
            SAVE();
            nat->fn(gp, args, nw);
            LOAD();
            ip = in;
            VMNEXT();
        }
        clo = d->closure;
        callee = d->fn;
        free(d);
        ip = in;
        if (clo)
            goto callclosure;
        goto call;
    }
    VMCASE(RECOVER) {
        Slot v[2];
        gorecover(gp, fp, v);
        A = v[0];
        S(in->a + 1) = v[1];
        VMNEXT();
    }
    /* Packed values: a narrow field or element at a byte offset, read
       and written at its own width, never as a whole word (a neighbour
       may share the word). */
    VMCASE(LOADPB) {
        const char *p = B.p;
        if (p == NULL)
            goto nilmem;
        p += in->c;
        A = loadnarrow(p, in->aux);
        VMNEXT();
    }
    VMCASE(STOREPB) {
        char *p = A.p;
        if (p == NULL)
            goto nilmem;
        memcpy(p + in->b, &C, in->aux & 7);
        VMNEXT();
    }
    VMCASE(PTRADDB) {
        char *p = B.p;
        if (p == NULL)
            goto nilmem;
        A.p = p + C.u;
        VMNEXT();
    }
    VMCASE(MEMMOVE) {
        if (A.p == NULL || B.p == NULL)
            goto nilmem;
        memmove(A.p, B.p, in->c);
        VMNEXT();
    }
    VMCASE(CALLF) {
        /* Go: CALL through a funcval: the code pointer is the closure's
           word 0 and the closure itself goes to the callee (DX). */
        clo = B.p;
        if (clo == NULL) {
            SAVE();
            panicmem(gp);
        }
        callee = clo[0].p;
        goto callclosure;
    }
    /* call: above without the closure: a plain CALL (fib's) pays for no
       context-slot test, which is why the frame setup is written twice */
    callclosure: {
        Slot *nfp = fp + in->a;
        if (__builtin_expect((uintptr_t)(nfp + callee->framesize) > stackguard, 0)) {
            /* a closure escape analysis kept in a frame moves with the stack */
            uintptr_t lo = gp->stack.lo;
            bool onstack = (uintptr_t)clo >= lo && (uintptr_t)clo < gp->stack.hi;
            SAVE();
            newstack(gp, ((size_t)in->a + callee->framesize) * sizeof(Slot));
            LOAD();
            nfp = fp + in->a;
            if (onstack)
                clo = (Slot *)((uintptr_t)clo - lo + gp->stack.lo);
        }
        uint16_t hdr = callee->hdr;
        nfp[hdr].p = (void *)ip;
        nfp[hdr + 1].u = in->a;
        nfp[hdr + 2].p = fn;
        if (callee->zerores)
            for (uint32_t i = 0; i < callee->nres; i++)
                nfp[i].u = 0;
        for (uint32_t i = callee->zerolo; i < callee->zerohi; i++)
            nfp[i].u = 0;
        if (callee->closure)
            nfp[hdr + 3].p = clo;   /* heap objects do not move: no reload needed */
        fp = nfp;
        fn = callee;
        K = fn->consts;
        ip = fn->code;
        PREEMPT_TICK();
        VMNEXT();
    }
    VMCASE(FUNCVAL) A.p = &prog->funcs[in->b]; VMNEXT();   /* a word holding the Func: a funcval */
    VMCASE(CLOSURE) {
        const RType *t = K[in->c].p;
        SAVE();
        Slot *p = mallocgc(t->td.size, &t->td, true);   /* may collect */
        LOAD();
        p[0].p = prog->funcs[in->b];
        A.p = p;
        VMNEXT();
    }

    VMCASE(MAKEMAP) {
        const maptype *t = K[in->c].p;
        int64_t hint = B.i;
        SAVE();
        hmap *h = makemap(t, hint);     /* may collect: roots are saved */
        LOAD();
        A.p = h;
        VMNEXT();
    }
    VMCASE(MAPACCESS1) {
        const maptype *t = K[in->c].p;
        Slot *mk = &B;
        memmove(&A, mapaccess1(t, mk[0].p, &mk[1]), t->elemsize);
        VMNEXT();
    }
    VMCASE(MAPACCESS2) {
        const maptype *t = K[in->c].p;
        Slot *mk = &B;
        bool ok;
        memmove(&A, mapaccess2(t, mk[0].p, &mk[1], &ok), t->elemsize);
        S(in->a + t->elemsize / 8).u = ok;
        VMNEXT();
    }
    VMCASE(MAPASSIGN) {
        const maptype *t = K[in->c].p;
        SAVE();
        if (A.p == NULL)
            panicplain(gp, "assignment to entry in nil map");
        void *e = mapassign(t, A.p, &S(in->a + 1));   /* may collect; the stack does not move */
        LOAD();
        memmove(e, &B, t->elemsize);
        VMNEXT();
    }
    VMCASE(MAPDELETE) mapdelete(K[in->c].p, A.p, &S(in->a + 1)); VMNEXT();
    VMCASE(LENMAP) A.i = maplen(B.p); VMNEXT();
    VMCASE(MAPITERINIT) {
        hiter *it = (hiter *)&A;
        memset(it, 0, sizeof *it);
        mapiterinit(K[in->c].p, B.p, it);
        VMNEXT();
    }
    VMCASE(MAPITERNEXT) mapiternext((hiter *)&A); VMNEXT();

    VMCASE(GO) {
        SAVE();
        newproc(gp, prog->funcs[in->b], &A, NULL);
        VMNEXT();
    }
    VMCASE(GOF) {
        Slot *clo = B.p;
        SAVE();
        if (clo == NULL)
            throw("go of nil func value");
        newproc(gp, clo[0].p, &A, clo);
        VMNEXT();
    }
    VMCASE(GOI) {
        const Itab *tab = B.p;
        SAVE();
        if (tab == NULL)
            panicmem(gp);
        newproc(gp, tab->fun[in->c], &A, NULL);
        VMNEXT();
    }
    VMCASE(MAKECHAN) {
        SAVE();
        hchan *c = makechan(gp, K[in->c].p, B.i);     /* may collect */
        LOAD();
        A.p = c;
        VMNEXT();
    }
    VMCASE(CHANSEND) {
        SAVE();
        if (gp->waiting)
            chansend_resume(gp);
        else
            chansend(gp, A.p, &B, true);
        if (gp->atomicstatus != Grunning)
            goto parked;
        VMNEXT();
    }
    VMCASE(CHANRECV) {
        bool ok;
        SAVE();
        if (gp->waiting)
            ok = chanrecv_resume(gp);
        else
            chanrecv(gp, B.p, &A, true, &ok);
        if (gp->atomicstatus != Grunning)
            goto parked;
        if (in->aux)
            S(in->a + in->c).u = ok;
        VMNEXT();
    }
    VMCASE(CLOSECHAN) SAVE(); closechan(gp, A.p); VMNEXT();
    VMCASE(LENCHAN) A.i = in->aux ? chancap(B.p) : chanlen(B.p); VMNEXT();
    VMCASE(SELECT) {
        const SelectDesc *d = K[in->c].p;
        bool recvOK;
        int casi;
        SAVE();
        if (gp->waiting)
            casi = selectgo_resume(gp, d, &recvOK);
        else
            casi = selectgo(gp, fp, d, !in->aux, &recvOK);
        if (gp->atomicstatus != Grunning)
            goto parked;
        A.i = casi;
        S(in->a + 1).u = recvOK;
        VMNEXT();
    }

    VMEND()

divzero:
    SAVE();
    panicdivide(gp);
negshift:
    SAVE();
    panicshift(gp);
nilmem:
    SAVE();
    panicmem(gp);
halt:
    gp->ip = ip;
    gp->fp = fp;
    gp->fn = fn;
    sched_slice = slice;
    return;
parked:
    /* SAVE() left gp->ip at this instruction: a parked g (Gwaiting) runs
       it again when it resumes; one that yielded or ended goes on after
       it. */
    if (gp->atomicstatus != Gwaiting)
        gp->ip = ip;
    sched_slice = slice;
    return;
preempt:
    /* ip is the next instruction (a branch target or a callee's first) */
    gp->ip = ip;
    gp->fp = fp;
    gp->fn = fn;
    if (gp->level && gp->level->depth > 0) {
        slice = SchedSlice;     /* a nested loop cannot give up its thread */
        VMNEXT();
    }
    gp->atomicstatus = Grunnable;
    sched_slice = slice;
    return;

#undef S
#undef A
#undef B
#undef C
#undef TARGET
#undef SAVE
#undef LOAD
#undef JUMPOFF
#undef PREEMPT_TICK
#undef BACKJUMP
#undef VMCASE
#undef VMNEXT
#undef VMDISPATCH
#undef VMEND
#undef TRACE
}

/* ---- runtime.main ---- */

/* Go: proc.go runtime.main: run main.init (package variables, then the
 * init functions), then main.main, then exit(0). Here the compiler's
 * entry function does all three; this sets up goroutine 1 and its stack. */
int vm_run(Program *prog)
{
    vm_prog = prog;
    fastrand_seed(vmconfig.seedset ? vmconfig.seed : fastrand_timeseed());
    mallocinit();
    if (vmconfig.gcstress)
        gcdebug.gcstress = true;
    if (vmconfig.gcverify)
        gcdebug.gcverify = true;
    if (vmconfig.gctrace)
        gcdebug.gctrace = 1;
    vm_globals = calloc(prog->nglobals ? prog->nglobals : 1, sizeof(Slot));
    if (!vm_globals)
        throw("out of memory allocating globals");
    gc_set_root_scanner(vm_scanroots, NULL);
    extern void (*vm_throw_traceback)(void);
    throw_traceback = vm_throw_traceback;
    static char outbuf[1 << 16];
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);

    schedinit();
    gcdebug.procs = gomaxprocs;
    G *gp = malg(StackMin);
    Func *entry = prog->entry;
    size_t need = (size_t)entry->framesize * sizeof(Slot);
    if ((uintptr_t)gp->stack.lo + need > gp->stack.hi) {
        gp->fp = (Slot *)gp->stack.lo;
        gp->fn = NULL;
        newstack(gp, need);
    }
    Slot *fp = (Slot *)gp->stack.lo;
    memset(fp, 0, (size_t)entry->nlocals * sizeof(Slot));
    fp[entry->hdr].u = 1;            /* an entry frame: RET ends the goroutine */
    fp[entry->hdr + 2].p = NULL;     /* no caller */
    gp->fp = fp;
    gp->fn = entry;
    gp->ip = entry->code;
    schedmain(gp);      /* returns when goroutine 1 returns */
    fflush(stdout);
    if (vmconfig.memstats)
        gc_print_memstats(stderr);
    return 0;
}

/* Go: scanstack: each frame of gp by its function's stack map. */
static void scanstack(G *gp)
{
    Slot *fp = gp->fp;
    Func *fn = gp->fn;
    bool calledback = false;
    scandefers(gp);
    /* The running frame's call area may hold a native's arguments (and
       arguments being built for a call) that no stack map describes. */
    if (fn->framesize > fn->nlocals)
        gc_scan_conservative(fp + fn->nlocals, fn->framesize - fn->nlocals);
    while (fn) {
        if (fn != gp->fn && calledback) {
            /* this frame called a native that called back into mini: the
               native's arguments sit in its call area */
            gc_scan_conservative(fp + fn->nlocals, fn->framesize - fn->nlocals);
        }
        RT_ASSERT((uintptr_t)fp >= gp->stack.lo &&
                  (uintptr_t)(fp + fn->nlocals) <= gp->stack.hi, "scanstack: frame outside its stack");
        if (fn->nlocals)
            gc_scan_stack(fp, fn->nlocals, fn->stackmap);
        Slot *rec = fp + fn->hdr;
        Func *caller = rec[2].p;
        calledback = rec[0].u & 1;
        fp -= rec[1].u;
        fn = caller;
    }
}

/* The collector's roots: the globals by their map, then every live
 * goroutine's stack (Go: markroot -> scanstack over allgs) and what its
 * sudogs hold: the channel it waits on (a select's other channels may be
 * reachable from nowhere else) and a semaphore's word. */
void vm_scanroots(void *ctx)
{
    (void)ctx;
    Program *prog = vm_prog;
    if (prog && vm_globals && prog->nglobals)
        gc_scan_globals(vm_globals, prog->nglobals, prog->globalmap);
    for (int32_t i = 0; i < allglen; i++) {
        G *gp = allgs[i];
        if (gp->atomicstatus == Gdead || gp->atomicstatus == Gidle || !gp->fn)
            continue;
        scanstack(gp);
        for (sudog *sg = gp->waiting; sg; sg = sg->waitlink) {
            gc_shade(sg->c);
            gc_shade(sg->elem);
        }
    }
    scantimers();
}

const RType *rtype_named(const char *name)
{
    for (int i = 0; vm_prog && i < vm_prog->nrtypes; i++)
        if (strcmp(vm_prog->rtypes[i]->td.name, name) == 0)
            return vm_prog->rtypes[i];
    return NULL;
}

/* Runs fn on gp's stack on behalf of a native that gp is running (fmt
 * calling String, sort.Slice calling less): a nested interpreter loop, the
 * one place where mini recurses on the C stack. args (nargs words: fn's
 * results, then its parameters) are copied in and the results copied back
 * to res. The new frame goes above the native's caller's frame, its record
 * tagged as an entry frame whose caller is that frame, so tracebacks, the
 * collector and copystack walk through it. The stack may move: a native
 * must recompute pointers into it (its args) from gp->fp afterwards. */
void vm_callback(G *gp, Func *fn, const Slot *args, int nargs, Slot *res, int nres)
{
    vm_callfunc(gp, fn, NULL, args, nargs, res, nres);
}

/* Go: a call through a funcval (sort.Slice's less, strings.Map's mapping):
   as CALLF, a nil func value panics, and a closure's code gets the func
   value in its context slot. */
void vm_callfv(G *gp, void *fv, const Slot *args, int nargs, Slot *res, int nres)
{
    if (fv == NULL)
        panicmem(gp);
    vm_callfunc(gp, *(Func **)fv, fv, args, nargs, res, nres);
}

void vm_callfunc(G *gp, Func *fn, void *closure, const Slot *args, int nargs, Slot *res, int nres)
{
    const Instr *sip = gp->ip;
    Func *sfn = gp->fn;
    size_t dist = sfn->framesize;
    if ((uintptr_t)(gp->fp + dist + fn->framesize) > gp->stackguard0) {
        uintptr_t lo = gp->stack.lo;
        bool onstack = (uintptr_t)closure >= lo && (uintptr_t)closure < gp->stack.hi;
        newstack(gp, (dist + fn->framesize) * sizeof(Slot));
        if (onstack)
            closure = (void *)((uintptr_t)closure - lo + gp->stack.lo);
    }
    Slot *caller = gp->fp;
    Slot *nfp = caller + dist;
    if (nargs)
        memcpy(nfp, args, (size_t)nargs * sizeof(Slot));
    uint16_t hdr = fn->hdr;
    nfp[hdr].u = (uintptr_t)(sip + 1) | 1;
    nfp[hdr + 1].u = dist;
    nfp[hdr + 2].p = sfn;
    for (uint32_t i = fn->zerolo; i < fn->zerohi; i++)
        nfp[i].u = 0;
    if (fn->closure)
        nfp[hdr + 3].p = closure;
    gp->fp = nfp;
    gp->fn = fn;
    gp->ip = fn->code;
    vm_execute(gp);     /* a nested loop: it must not park (proc.c: gopark) */
    nfp = gp->fp;
    if (nres)
        memcpy(res, nfp, (size_t)nres * sizeof(Slot));
    gp->fp = nfp - dist;
    gp->fn = sfn;
    gp->ip = sip;
}


