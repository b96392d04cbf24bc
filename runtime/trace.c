/* trace.c — --schedtrace, --chantrace and --trace=FILE.json.
 *
 * Go: runtime/proc.go schedtrace (the SCHED line, Go's format and field
 * names), runtime/trace.go (the execution tracer: goroutine create, start,
 * stop, block, unblock events; mini writes them in the Chrome trace-event
 * format, which ui.perfetto.dev and chrome://tracing open).
 *
 * For a classroom:
 *  - schedtrace prints, every N ms of the clock (the fake clock under
 *    --faketime), Go's SCHED line: the global run queue and each p's local
 *    queue; with scheddetail=1 each p's and each g's state, with the wait
 *    reason. mini has one thread (one m): threads=1.
 *  - chantrace prints one line per channel operation to stderr: who did
 *    what on which channel (numbered in creation order: ch1, ch2 ...), what
 *    happened (a handoff to a parked goroutine, the buffer, parking), and
 *    the hchan fields before -> after.
 *  - the JSON timeline has a track per p (which g ran when) and a track
 *    per goroutine (running, runnable, blocked on what).
 */
#include "trace.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "proc.h"
#include "throw.h"
#include "time.h"

int64_t schedtrace_ms;
static bool scheddetail;
bool tracing;
static FILE *tracefile;
static int64_t tracestart;

static int64_t monotime(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void tracefini(void);

/* GODEBUG=schedtrace=N,scheddetail=1 (the flags win). */
static void godebug(void)
{
    const char *s = getenv("GODEBUG");
    while (s && *s) {
        if (strncmp(s, "schedtrace=", 11) == 0 && !vmconfig.schedtrace)
            vmconfig.schedtrace = strtol(s + 11, NULL, 10);
        else if (strncmp(s, "scheddetail=", 12) == 0 && strtol(s + 12, NULL, 10) > 0)
            vmconfig.scheddetail = true;
        s = strchr(s, ',');
        if (s)
            s++;
    }
}

void traceinit(void)
{
    godebug();
    schedtrace_ms = vmconfig.schedtrace > 0 ? vmconfig.schedtrace : 0;
    scheddetail = vmconfig.scheddetail;
    if (vmconfig.tracefile) {
        tracefile = fopen(vmconfig.tracefile, "w");
        if (!tracefile) {
            fprintf(stderr, "mini: cannot write the trace %s\n", vmconfig.tracefile);
            exit(2);
        }
        tracing = true;
        tracestart = monotime();
        fputs("[\n", tracefile);
        fprintf(tracefile, "{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":0,\"args\":{\"name\":\"Ps\"}},\n"
                           "{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":1,\"args\":{\"name\":\"goroutines\"}}");
        for (int32_t i = 0; i < gomaxprocs; i++)
            fprintf(tracefile, ",\n{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":0,\"tid\":%d,\"args\":{\"name\":\"P%d\"}}",
                    i, i);
        atexit(tracefini);
    }
}

/* ---- schedtrace ---- */

static int64_t lasttrace = -1;

/* Go's status numbers (runtime2.go: _Grunnable 1, _Grunning 2, _Gwaiting 4, _Gdead 6). */
static int gostatus(Gstatus s)
{
    switch (s) {
    case Gidle: return 0;
    case Grunnable: return 1;
    case Grunning: return 2;
    case Gwaiting: return 4;
    case Gdead: return 6;
    case Gcopystack: return 8;
    }
    return 0;
}

static bool pidle(const p *pp)
{
    return pp != curp && runqlen(pp) == 0 && pp->runnext == NULL;
}

void schedtrace_tick(void)
{
    int64_t now = runtimeNano();
    static int64_t start;
    if (lasttrace < 0) {
        start = now;
        lasttrace = now - schedtrace_ms * 1000000;
    }
    if (now - lasttrace < schedtrace_ms * 1000000)
        return;
    lasttrace = now;
    fflush(stdout);
    int32_t npidle = 0;
    for (int32_t i = 0; i < gomaxprocs; i++)
        npidle += pidle(allp[i]);
    fprintf(stderr, "SCHED %" PRId64 "ms: gomaxprocs=%d idleprocs=%d threads=1 spinningthreads=0 "
            "idlethreads=0 runqueue=%d", (now - start) / 1000000, gomaxprocs, npidle, sched.runqsize);
    if (scheddetail)
        fprintf(stderr, " gcwaiting=false nmidlelocked=0 stopwait=0 sysmonwait=false\n");
    for (int32_t i = 0; i < gomaxprocs; i++) {
        p *pp = allp[i];
        uint32_t n = runqlen(pp) + (pp->runnext != NULL);
        if (scheddetail) {
            fprintf(stderr, "  P%d: status=%d schedtick=%u syscalltick=0 m=%d runqsize=%u gfreecnt=0 "
                    "timerslen=%d", i, pidle(pp) ? 0 : 1, pp->schedtick, pp == curp ? 0 : -1, n,
                    i == 0 ? ntimers() : 0);
            /* mini: the queue itself, runnext first */
            fprintf(stderr, " runq=[");
            bool first = true;
            if (pp->runnext) {
                fprintf(stderr, "G%" PRId64 "(runnext)", pp->runnext->goid);
                first = false;
            }
            for (uint32_t k = pp->runqhead; k != pp->runqtail; k++) {
                fprintf(stderr, "%sG%" PRId64, first ? "" : " ", pp->runq[k % RunqSize]->goid);
                first = false;
            }
            fprintf(stderr, "]\n");
        } else {
            fprintf(stderr, " %s%u%s", i == 0 ? "[" : "", n, i == gomaxprocs - 1 ? "]\n" : "");
        }
    }
    if (!scheddetail)
        return;
    fprintf(stderr, "  M0: p=%d curg=-1 mallocing=0 throwing=0 preemptoff= locks=0 dying=0 "
            "spinningthreads=0 blocked=false lockedg=-1\n", curp ? curp->id : -1);
    for (int32_t i = 0; i < allglen; i++) {
        G *gp = allgs[i];
        fprintf(stderr, "  G%" PRId64 ": status=%d(%s) m=-1 lockedm=-1", gp->goid,
                gostatus(gp->atomicstatus), gp->atomicstatus == Gwaiting && gp->waitreason ? gp->waitreason : "");
        if (gp->fn && gp->atomicstatus != Gdead)
            fprintf(stderr, " at %s", gp->fn->name);     /* mini: where it is */
        fputc('\n', stderr);
    }
}

/* ---- the JSON timeline ---- */

/* Each goroutine's current state on its track: since when, and what. */
typedef struct gstate {
    int64_t since;
    const char *what;
    int32_t onp;            /* the p running it, -1 */
    int64_t runstart;
} gstate;
static gstate *gstates;
static int64_t ngstates;

static gstate *gst(G *gp)
{
    if (gp->goid >= ngstates) {
        int64_t n = ngstates ? ngstates : 64;
        while (n <= gp->goid)
            n *= 2;
        gstates = realloc(gstates, (size_t)n * sizeof *gstates);
        if (!gstates)
            throw("out of memory in the tracer");
        memset(gstates + ngstates, 0, (size_t)(n - ngstates) * sizeof *gstates);
        ngstates = n;
    }
    return &gstates[gp->goid];
}

static double us(int64_t t)
{
    return (double)(t - tracestart) / 1000.0;
}

static void jsonstr(const char *s)
{
    fputc('"', tracefile);
    for (; s && *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', tracefile);
        fputc(*s, tracefile);
    }
    fputc('"', tracefile);
}

static void span(int pid, int64_t tid, const char *name, int64_t from, int64_t to, const char *argk, const char *argv)
{
    fprintf(tracefile, ",\n{\"ph\":\"X\",\"pid\":%d,\"tid\":%" PRId64 ",\"ts\":%.3f,\"dur\":%.3f,\"name\":",
            pid, tid, us(from), (double)(to - from) / 1000.0);
    jsonstr(name);
    if (argk) {
        fprintf(tracefile, ",\"args\":{");
        jsonstr(argk);
        fputc(':', tracefile);
        jsonstr(argv);
        fputc('}', tracefile);
    }
    fputc('}', tracefile);
}

/* Ends gp's current state on its track and starts what. */
static void gstate_set(G *gp, const char *what, int64_t now)
{
    gstate *s = gst(gp);
    if (s->what)
        span(1, gp->goid, s->what, s->since, now, NULL, NULL);
    s->what = what;
    s->since = now;
}

void traceGoCreate(G *gp)
{
    int64_t now = monotime();
    gstate *s = gst(gp);
    s->what = NULL;
    fprintf(tracefile, ",\n{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":%" PRId64 ",\"args\":{\"name\":",
            gp->goid);
    char name[256];
    snprintf(name, sizeof name, "G%" PRId64 " %s", gp->goid, gp->fn ? gp->fn->name : "runtime.main");
    jsonstr(name);
    fputs("}}", tracefile);
    gstate_set(gp, "runnable", now);
}

void traceGoStart(G *gp, int32_t pid)
{
    int64_t now = monotime();
    gstate *s = gst(gp);
    s->onp = pid;
    s->runstart = now;
    gstate_set(gp, "running", now);
}

void traceGoStop(G *gp, int32_t pid)
{
    int64_t now = monotime();
    gstate *s = gst(gp);
    const char *why;
    static char buf[128];
    switch (gp->atomicstatus) {
    case Grunnable: why = "runnable"; break;
    case Gwaiting:
        snprintf(buf, sizeof buf, "blocked: %s", gp->waitreason ? gp->waitreason : "waiting");
        why = buf;
        break;
    default: why = NULL; break;     /* it ended */
    }
    char name[32];
    snprintf(name, sizeof name, "G%" PRId64, gp->goid);
    span(0, pid, name, s->runstart, now, "then", why ? why : "ended");
    if (why) {
        /* the state strings must outlive the next stop: intern the reason */
        gstate_set(gp, gp->atomicstatus == Grunnable ? "runnable" : gp->waitreason ? gp->waitreason : "waiting", now);
    } else {
        gstate_set(gp, NULL, now);
    }
}

void traceGoUnpark(G *gp)
{
    gstate_set(gp, "runnable", monotime());
}

static void tracefini(void)
{
    if (!tracefile)
        return;
    int64_t now = monotime();
    for (int32_t i = 0; i < allglen; i++) {
        G *gp = allgs[i];
        if (gp->goid < ngstates && gstates[gp->goid].what)
            span(1, gp->goid, gstates[gp->goid].what, gstates[gp->goid].since, now, NULL, NULL);
    }
    fputs("\n]\n", tracefile);
    fclose(tracefile);
    tracefile = NULL;
}

/* ---- chantrace ---- */

static bool letthrough;
static int64_t readied[16];
static int nreadied;

bool chantrace_enter(void)
{
    if (letthrough) {
        letthrough = false;
        return false;
    }
    return true;
}

void chantrace_readied(G *gp)
{
    if (nreadied < 16)
        readied[nreadied++] = gp->goid;
}

/* Channel numbers in creation order (an address reused by a new channel
   gets the new number). */
static struct { const hchan *c; uint32_t id; } *chanids;
static uint32_t nchanids, capchanids, lastid;

static uint32_t chanid(const hchan *c)
{
    for (uint32_t i = 0; i < nchanids; i++)
        if (chanids[i].c == c)
            return chanids[i].id;
    return 0;
}

void chantrace_make(G *gp, hchan *c)
{
    uint32_t id = ++lastid;
    bool found = false;
    for (uint32_t i = 0; i < nchanids; i++)
        if (chanids[i].c == c) {
            chanids[i].id = id;
            found = true;
        }
    if (!found) {
        if (nchanids == capchanids) {
            capchanids = capchanids ? capchanids * 2 : 64;
            chanids = realloc(chanids, capchanids * sizeof *chanids);
            if (!chanids)
                throw("out of memory in the tracer");
        }
        chanids[nchanids].c = c;
        chanids[nchanids++].id = id;
    }
    fflush(stdout);
    fprintf(stderr, "[chan] G%" PRId64 " make(chan %s, %" PRIu64 ") = ch%u\n", gp ? gp->goid : 0,
            c->elemtype->td.name, c->dataqsiz, id);
}

typedef struct snap {
    uint64_t qcount, sendx, recvx;
    int recvq, sendq;
    uint32_t closed;
} snap;

static int qlen(const waitq *q)
{
    int n = 0;
    for (const sudog *sg = q->first; sg; sg = sg->next)
        n++;
    return n;
}

static snap take(const hchan *c)
{
    return (snap){ c->qcount, c->sendx, c->recvx, qlen(&c->recvq), qlen(&c->sendq), c->closed };
}

static void field(const char *name, uint64_t a, uint64_t b)
{
    if (a == b)
        fprintf(stderr, " %s=%" PRIu64, name, a);
    else
        fprintf(stderr, " %s=%" PRIu64 "->%" PRIu64, name, a, b);
}

static void fields(const snap *a, const snap *b)
{
    fprintf(stderr, "   |");
    field("qcount", a->qcount, b->qcount);
    field("sendx", a->sendx, b->sendx);
    field("recvx", a->recvx, b->recvx);
    field("recvq", (uint64_t)a->recvq, (uint64_t)b->recvq);
    field("sendq", (uint64_t)a->sendq, (uint64_t)b->sendq);
    if (b->closed)
        fprintf(stderr, " closed");
    fputc('\n', stderr);
}

/* A value in frame-slot form, briefly. */
static void value(const hchan *c, const Slot *ep, char *buf, size_t n)
{
    const TypeDesc *t = &c->elemtype->td;
    switch (t->kind) {
    case kindInt: case kindInt8: case kindInt16: case kindInt32: case kindInt64:
        snprintf(buf, n, "%" PRId64, ep[0].i);
        return;
    case kindUint: case kindUint8: case kindUint16: case kindUint32: case kindUint64: case kindUintptr:
        snprintf(buf, n, "%" PRIu64, ep[0].u);
        return;
    case kindBool:
        snprintf(buf, n, "%s", ep[0].u ? "true" : "false");
        return;
    case kindFloat64:
        snprintf(buf, n, "%g", ep[0].f);
        return;
    case kindString: {
        int len = (int)(ep[1].i > 24 ? 24 : ep[1].i);
        snprintf(buf, n, "\"%.*s\"%s", len, ep[0].s ? ep[0].s : "", ep[1].i > 24 ? "..." : "");
        return;
    }
    default:
        snprintf(buf, n, t->size == 0 ? "{}" : "(a %s)", t->name);
        return;
    }
}

static void who(G *gp, const char *op, const hchan *c, const char *val)
{
    fflush(stdout);
    fprintf(stderr, "[chan] G%" PRId64 " %s%s%s on ch%u (cap %" PRIu64 "):", gp ? gp->goid : 0, op,
            val ? " " : "", val ? val : "", chanid(c), c->dataqsiz);
}

static void readiedlist(const char *what)
{
    for (int i = 0; i < nreadied; i++)
        fprintf(stderr, "%s G%" PRId64, i ? "," : what, readied[i]);
    if (nreadied)
        fprintf(stderr, " (readied)");
}

bool chantrace_send(G *gp, hchan *c, const Slot *ep, bool block)
{
    if (!c) {
        letthrough = true;
        return chansend(gp, c, ep, block);
    }
    char val[64];
    value(c, ep, val, sizeof val);
    snap a = take(c);
    if (c->closed) {
        who(gp, "send", c, val);
        fprintf(stderr, " the channel is closed: panic\n");
    }
    nreadied = 0;
    letthrough = true;
    bool ok = chansend(gp, c, ep, block);
    if (!ok)
        return ok;      /* a non-blocking send that could not happen: nothing changed */
    snap b = take(c);
    who(gp, "send", c, val);
    if (gp && gp->atomicstatus == Gwaiting)
        fprintf(stderr, " no receiver, no room: G%" PRId64 " parks on sendq", gp->goid);
    else if (nreadied)
        readiedlist(" handed straight to parked receiver");
    else
        fprintf(stderr, " stored in the buffer");
    fields(&a, &b);
    nreadied = 0;
    return ok;
}

void chantrace_send_resume(G *gp)
{
    sudog *sg = gp->waiting;
    hchan *c = sg ? sg->c : NULL;
    bool closed = sg && !sg->success;
    if (c) {
        who(gp, "send", c, NULL);
        fprintf(stderr, " resumes: %s\n", closed ? "the channel was closed: panic" : "a receiver took the value");
    }
    letthrough = true;
    chansend_resume(gp);
}

bool chantrace_recv(G *gp, hchan *c, Slot *ep, bool block, bool *received)
{
    if (!c) {
        letthrough = true;
        return chanrecv(gp, c, ep, block, received);
    }
    snap a = take(c);
    nreadied = 0;
    letthrough = true;
    bool ok = chanrecv(gp, c, ep, block, received);
    if (!ok)
        return ok;
    snap b = take(c);
    who(gp, "recv", c, NULL);
    char val[64];
    if (gp && gp->atomicstatus == Gwaiting) {
        fprintf(stderr, " nothing to receive: G%" PRId64 " parks on recvq", gp->goid);
    } else if (!*received) {
        fprintf(stderr, " closed and empty: the zero value, ok=false");
    } else {
        value(c, ep, val, sizeof val);
        if (nreadied && c->dataqsiz == 0) {
            fprintf(stderr, " got %s straight from parked sender", val);
            readiedlist("");
        } else if (nreadied) {
            fprintf(stderr, " got %s from the buffer; the parked sender's value moves in:", val);
            readiedlist("");
        } else {
            fprintf(stderr, " got %s from the buffer", val);
        }
    }
    fields(&a, &b);
    nreadied = 0;
    return ok;
}

bool chantrace_recv_resume(G *gp)
{
    sudog *sg = gp->waiting;
    hchan *c = sg ? sg->c : NULL;
    Slot *ep = sg ? sg->elem : NULL;
    (void)ep;
    letthrough = true;
    bool ok = chanrecv_resume(gp);
    if (c) {
        who(gp, "recv", c, NULL);
        fprintf(stderr, " resumes: %s\n", ok ? "a sender handed it a value" : "the channel was closed (ok=false)");
    }
    return ok;
}

void chantrace_close(G *gp, hchan *c)
{
    if (!c || c->closed) {
        letthrough = true;
        closechan(gp, c);
        return;
    }
    snap a = take(c);
    nreadied = 0;
    letthrough = true;
    closechan(gp, c);
    snap b = take(c);
    who(gp, "close", c, NULL);
    if (nreadied)
        readiedlist(" wakes every waiter:");
    else
        fprintf(stderr, " nobody was waiting");
    fields(&a, &b);
    nreadied = 0;
}

int chantrace_select(G *gp, Slot *fp, const SelectDesc *d, bool block, bool *recvOK)
{
    letthrough = true;
    int casi = selectgo(gp, fp, d, block, recvOK);
    if (casi >= 0)
        return casi;        /* a ready case: its send or receive printed itself */
    fflush(stdout);
    fprintf(stderr, "[chan] G%" PRId64 " select:", gp->goid);
    if (!block) {
        fprintf(stderr, " no case ready: default\n");
        return casi;
    }
    if (d->ncases == 0) {
        fprintf(stderr, " no cases: parks forever\n");
        return casi;
    }
    fprintf(stderr, " no case ready: parks on");
    for (sudog *sg = gp->waiting; sg; sg = sg->waitlink)
        fprintf(stderr, " ch%u(%s)", chanid(sg->c), d->cases[sg->casi].send ? "send" : "recv");
    fputc('\n', stderr);
    return casi;
}

int chantrace_select_resume(G *gp, const SelectDesc *d, bool *recvOK)
{
    sudog *w = gp->param;
    hchan *c = w ? w->c : NULL;
    letthrough = true;
    int casi = selectgo_resume(gp, d, recvOK);
    fflush(stdout);
    fprintf(stderr, "[chan] G%" PRId64 " select resumes: case %d (%s ch%u) won\n", gp->goid, casi,
            d->cases[casi].send ? "send on" : "recv from", c ? chanid(c) : 0);
    return casi;
}
