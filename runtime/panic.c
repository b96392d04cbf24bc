/* panic.c — runtime panics and the goroutine traceback.
 *
 * Go: runtime/panic.go (gopanic, panicdivide, panicIndex, panicshift,
 * printpanics), runtime/error.go (boundsError's messages),
 * runtime/traceback.go (traceback1, the "goroutine 1 [running]:" dump).
 *
 * In this slice a panic cannot be recovered yet: gopanic prints Go's
 * "panic: ..." line, a blank line and the traceback, flushes stdout and
 * exits 2. defer/recover will plug in here: gopanic will walk the frames
 * running deferred calls before it gets to printpanics.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "strconv.h"
#include "throw.h"
#include "iface.h"
#include "typedesc.h"
#include <string.h>
#include "vm.h"
#include "mgc.h"
#include "proc.h"

_Noreturn void vm_exit(int code)
{
    fflush(stdout);
    if (vmconfig.memstats)
        gc_print_memstats(stderr);
    fflush(stderr);
    exit(code);
}

static int funcline(const Func *fn, const Instr *ip)
{
    ptrdiff_t pc = ip - fn->code;
    if (pc < 0 || pc >= fn->ncode)
        return fn->line;
    return fn->lines[pc];
}

/* Go: traceback.go. gp->ip is the faulting (or calling) instruction of the
   top frame; each caller's saved ip is the instruction after its CALL. */
void traceback(G *gp, FILE *out)
{
    gtraceback(gp, "running", out);
}

/* Go: traceback.go goroutineheader + traceback1 + printcreatedby. */
void gtraceback(G *gp, const char *status, FILE *out)
{
    fprintf(out, "goroutine %" PRId64 " [%s]:\n", gp->goid, status);
    Slot *fp = gp->fp;
    Func *fn = gp->fn;
    const Instr *ip = gp->ip;
    int n = 0;
    while (fn) {
        if (!fn->hidden) {
            if (n == 100) {
                fprintf(out, "...additional frames elided...\n");
                break;
            }
            /* Go prints the argument words in hex; mini elides them */
            fprintf(out, "%s(%s)\n\t%s:%d\n", fn->name, fn->npar ? "..." : "", fn->file,
                    funcline(fn, ip));
            n++;
        }
        Slot *rec = fp + fn->hdr;
        fn = rec[2].p;
        if (fn)     /* the caller's CALL is the instruction before the return ip */
            ip = (const Instr *)(rec[0].u & ~(uintptr_t)1) - 1;
        fp -= rec[1].u;
    }
    if (gp->gopcfn)
        fprintf(out, "created by %s\n\t%s:%d\n", gp->gopcfn->name, gp->gopcfn->file,
                funcline(gp->gopcfn, gp->gopc));
}

static void print_traceback(void)
{
    if (vm_curg && vm_curg->fn)
        traceback(vm_curg, stderr);
}

/* Go: gopanic + fatalpanic for an unrecovered runtime error. */
_Noreturn void panicmsg(G *gp, const char *msg)
{
    gopanicmsg(gp, msg, false);
}

_Noreturn void panicdivide(G *gp)
{
    panicmsg(gp, "runtime error: integer divide by zero");
}

/* Go: panicmem, raised from the SIGSEGV handler: the signal line comes
   between the panic and the traceback. The pc is Go's; mini prints the
   bytecode index of the faulting instruction. */
_Noreturn void panicmem(G *gp)
{
    gopanicmsg(gp, "runtime error: invalid memory address or nil pointer dereference", true);
}

_Noreturn void panicshift(G *gp)
{
    panicmsg(gp, "runtime error: negative shift amount");
}

/* Go: error.go boundsError: "index out of range [%x] with length %y", or
   "index out of range [%x]" when x is negative (signed). */
_Noreturn void panicIndex(G *gp, int64_t x, int64_t len, bool unsignedx)
{
    char buf[128];
    if (unsignedx)
        snprintf(buf, sizeof buf, "runtime error: index out of range [%" PRIu64 "] with length %" PRId64,
                 (uint64_t)x, len);
    else if (x < 0)
        snprintf(buf, sizeof buf, "runtime error: index out of range [%" PRId64 "]", x);
    else
        snprintf(buf, sizeof buf, "runtime error: index out of range [%" PRId64 "] with length %" PRId64,
                 x, len);
    panicmsg(gp, buf);
}

_Noreturn void panicSlice(G *gp, int which, int64_t x, int64_t y)
{
    static const char *const fmts[] = {
        "slice bounds out of range [:%lld] with length %lld",
        "slice bounds out of range [:%lld] with capacity %lld",
        "slice bounds out of range [%lld:%lld]",
        "slice bounds out of range [::%lld] with length %lld",
        "slice bounds out of range [::%lld] with capacity %lld",
        "slice bounds out of range [:%lld:%lld]",
        "slice bounds out of range [%lld:%lld:]",
    };
    static const char *const negfmts[] = {
        "slice bounds out of range [:%lld]",
        "slice bounds out of range [:%lld]",
        "slice bounds out of range [%lld:]",
        "slice bounds out of range [::%lld]",
        "slice bounds out of range [::%lld]",
        "slice bounds out of range [:%lld:]",
        "slice bounds out of range [%lld::]",
    };
    char buf[160] = "runtime error: ";
    size_t n = strlen(buf);
    snprintf(buf + n, sizeof buf - n, x < 0 ? negfmts[which] : fmts[which], (long long)x, (long long)y);
    panicmsg(gp, buf);
}

/* Installed by vm_run so that fatal errors (stack overflow) dump the
   goroutine as Go does. */
void (*vm_throw_traceback)(void) = print_traceback;

/* Go: error.go printpanicval / printanycustomtype: a basic value prints as
 * print() would; a value of a named type as main.Code(3) or
 * main.Name("bob"). */
void printpanicval(StrBuf *b, int kind, Slot w0, Slot w1, const char *name, size_t namelen)
{
    char buf[STRCONV_INTBUF > PRINTFLOAT_BUF ? STRCONV_INTBUF : PRINTFLOAT_BUF];
    if (namelen) {
        strbuf_write(b, name, namelen);
        strbuf_puts(b, kind == kindString ? "(\"" : "(");
    }
    switch (kind) {
    case kindBool:
        strbuf_puts(b, w0.u ? "true" : "false");
        break;
    case kindFloat64: case kindFloat32:
        runtime_printfloat(buf, kind == kindFloat32 ? (double)w0.f32 : w0.f);
        strbuf_puts(b, buf);
        break;
    case kindString:
        strbuf_write(b, w0.s, (size_t)w1.u);
        break;
    case kindInt: case kindInt8: case kindInt16: case kindInt32: case kindInt64:
        strbuf_puts(b, formatBits(buf, w0.u, 10, w0.i < 0));
        break;
    default:
        strbuf_puts(b, formatBits(buf, w0.u, 10, false));
        break;
    }
    if (namelen)
        strbuf_puts(b, kind == kindString ? "\")" : ")");
}

/* builtin panic(v), v an `any`: Go's gopanic (defer.c). */
void builtin_panic(G *gp, Slot *args, int nargs)
{
    (void)nargs;
    Slot v[2] = { args[0], args[1] };
    gopanic(gp, v, false);
}
