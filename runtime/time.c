/* time.c — the runtime's clock and timers, and the natives of package time.
 *
 * Go: runtime/time.go (addtimer, deltimer, modtimer, runtimer, checkTimers,
 * siftupTimer, siftdownTimer, timeSleep, goroutineReady), time/sleep.go
 * (Timer, NewTimer, Stop, Reset, After, AfterFunc, sendTime, goFunc),
 * time/tick.go (Ticker, NewTicker, Tick), time/time.go (Duration.String,
 * Time's wall/ext encoding, Now, Sub, Since, Until, Add),
 * runtime/proc.go (checkdead's faketime branch).
 *
 * One timer heap for the whole program (Go keeps one per p; with one
 * thread a single heap gives the same firing order, and the scheduler
 * checks it at every schedule, as Go's checkTimers does in findRunnable).
 * It is Go's 4-ary min-heap on when, with Go's siftupTimer and
 * siftdownTimer, so timers with equal whens fire in Go's order. Deleting
 * is eager (Go marks timerDeleted and cleans up lazily; nothing here runs
 * concurrently with the heap, so there is no reason to).
 *
 * When no goroutine is runnable, schedule calls timeSleepUntil: it sleeps
 * until the first timer, or under --faketime moves the clock to it at once
 * (Go's playground: the clock only advances when every goroutine is
 * blocked, so a program that sleeps runs in no time and its output does
 * not depend on the machine). Only with no timer left is it a deadlock.
 *
 * A timer's function runs on the scheduler, between goroutines: sendTime
 * does a non-blocking send on the Timer's buffered channel, goFunc starts
 * a goroutine (newproc), goroutineReady readies a sleeper; each readied
 * goroutine goes to the current p's runnext, as in Go.
 *
 * Invariants:
 *  - t->pp == i + 1 iff timers[i] == t (a timer is in the heap at most
 *    once); t->pp == 0 for every timer not in the heap;
 *  - timers[i]->when >= timers[(i - 1) / 4]->when (the heap order).
 */
#include "time.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "chan.h"
#include "iface.h"
#include "malloc.h"
#include "natives.h"
#include "strconv.h"
#include "proc.h"
#include "throw.h"

#pragma GCC diagnostic ignored "-Wunused-parameter"

/* ---- the clock ---- */

/* Go: runtime/time_fake.go: faketime starts at 2009-11-10 23:00:00 UTC. */
static const int64_t faketimeStart = 1257894000000000000LL;
static int64_t faketime;        /* the fake clock, when vmconfig.faketime */
static int64_t startNano;       /* Go: time.startNano = runtimeNano() - 1 */
static bool clockready;

static void clockinit(void)
{
    if (clockready)
        return;
    clockready = true;
    if (vmconfig.faketime)
        faketime = faketimeStart;
    startNano = runtimeNano() - 1;
}

int64_t runtimeNano(void)
{
    if (vmconfig.faketime)
        return faketime ? faketime : faketimeStart;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int64_t walltimeNano(void)
{
    if (vmconfig.faketime)
        return faketime ? faketime : faketimeStart;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* ---- the timer heap ---- */

static timer **timers;
static int32_t ntimer, timercap;

int32_t ntimers(void)
{
    return ntimer;
}

timer *timerheap_at(int32_t i)
{
    return i >= 0 && i < ntimer ? timers[i] : NULL;
}

static void timerset(int32_t i, timer *t)
{
    timers[i] = t;
    t->pp = (uintptr_t)i + 1;
}

/* Go: siftupTimer. */
static int32_t siftupTimer(int32_t i)
{
    timer *tmp = timers[i];
    int64_t when = tmp->when;
    while (i > 0) {
        int32_t p = (i - 1) / 4;
        if (when >= timers[p]->when)
            break;
        timerset(i, timers[p]);
        i = p;
    }
    timerset(i, tmp);
    return i;
}

/* Go: siftdownTimer: the smallest of the four children moves up. */
static void siftdownTimer(int32_t i)
{
    int32_t n = ntimer;
    timer *tmp = timers[i];
    int64_t when = tmp->when;
    for (;;) {
        int32_t c = i * 4 + 1;
        int32_t c3 = c + 2;
        if (c >= n)
            break;
        int64_t w = timers[c]->when;
        if (c + 1 < n && timers[c + 1]->when < w) {
            w = timers[c + 1]->when;
            c++;
        }
        if (c3 < n) {
            int64_t w3 = timers[c3]->when;
            if (c3 + 1 < n && timers[c3 + 1]->when < w3) {
                w3 = timers[c3 + 1]->when;
                c3++;
            }
            if (w3 < w) {
                w = w3;
                c = c3;
            }
        }
        if (w >= when)
            break;
        timerset(i, timers[c]);
        i = c;
    }
    timerset(i, tmp);
}

void addtimer(timer *t)
{
    RT_ASSERT(t->pp == 0, "addtimer: timer already in the heap");
    if (t->when < 0)
        t->when = INT64_MAX;    /* Go: maxWhen */
    if (ntimer == timercap) {
        timercap = timercap ? timercap * 2 : 16;
        timers = realloc(timers, (size_t)timercap * sizeof *timers);
        if (!timers)
            throw("out of memory allocating the timer heap");
    }
    timerset(ntimer++, t);
    siftupTimer(ntimer - 1);
}

/* Go: dodeltimer: the last timer takes t's place and is sifted. */
bool deltimer(timer *t)
{
    if (t->pp == 0)
        return false;
    int32_t i = (int32_t)t->pp - 1;
    RT_ASSERT(i < ntimer && timers[i] == t, "deltimer: timer heap corrupted");
    t->pp = 0;
    int32_t last = --ntimer;
    if (i != last) {
        timerset(i, timers[last]);
        if (i > 0 && siftupTimer(i) != i)
            return true;
        siftdownTimer(i);
    }
    timers[last] = NULL;
    return true;
}

bool modtimer(timer *t, int64_t when, int64_t period)
{
    bool pending = deltimer(t);
    t->when = when;
    t->period = period;
    addtimer(t);
    return pending;
}

/* Go: when(d): the clock d from now; a past instant for d <= 0. */
int64_t whenAfter(int64_t d)
{
    int64_t now = runtimeNano();
    if (d <= 0)
        return now;
    int64_t t = now + d;
    return t < 0 ? INT64_MAX : t;
}

/* ---- Time values ---- */

/* Go: time.go's encoding of Time{wall, ext, loc}. */
#define hasMonotonic ((uint64_t)1 << 63)
enum { nsecShift = 30 };
static const uint64_t nsecMask = ((uint64_t)1 << 30) - 1;
#define unixToInternal ((int64_t)(1969 * 365 + 1969 / 4 - 1969 / 100 + 1969 / 400) * 86400)
#define wallToInternal ((int64_t)(1884 * 365 + 1884 / 4 - 1884 / 100 + 1884 / 400) * 86400)
static const int64_t minDuration = INT64_MIN, maxDuration = INT64_MAX;

typedef struct Time {
    uint64_t wall;
    int64_t ext;
    void *loc;
} Time;

static Time timeNow(void)
{
    clockinit();
    int64_t wall = walltimeNano();
    int64_t sec = wall / 1000000000, nsec = wall % 1000000000;
    int64_t mono = runtimeNano() - startNano;
    sec += unixToInternal - wallToInternal;
    if ((uint64_t)sec >> 33 != 0)
        return (Time){ (uint64_t)nsec, sec + wallToInternal, NULL };
    return (Time){ hasMonotonic | (uint64_t)sec << nsecShift | (uint64_t)nsec, mono, NULL };
}

static int32_t tnsec(const Time *t) { return (int32_t)(t->wall & nsecMask); }

static int64_t tsec(const Time *t)
{
    if (t->wall & hasMonotonic)
        return wallToInternal + (int64_t)(t->wall << 1 >> (nsecShift + 1));
    return t->ext;
}

static void stripMono(Time *t)
{
    if (t->wall & hasMonotonic) {
        t->ext = tsec(t);
        t->wall &= nsecMask;
    }
}

static void addSec(Time *t, int64_t d)
{
    if (t->wall & hasMonotonic) {
        int64_t sec = (int64_t)(t->wall << 1 >> (nsecShift + 1));
        int64_t dsec = sec + d;
        if (0 <= dsec && dsec <= ((int64_t)1 << 33) - 1) {
            t->wall = (t->wall & nsecMask) | (uint64_t)dsec << nsecShift | hasMonotonic;
            return;
        }
        stripMono(t);
    }
    int64_t sum = (int64_t)((uint64_t)t->ext + (uint64_t)d);
    if ((sum > t->ext) == (d > 0))
        t->ext = sum;
    else
        t->ext = d > 0 ? INT64_MAX : -INT64_MAX;
}

static Time timeAdd(Time t, int64_t d)
{
    int64_t dsec = d / 1000000000;
    int32_t nsec = tnsec(&t) + (int32_t)(d % 1000000000);
    if (nsec >= 1000000000) {
        dsec++;
        nsec -= 1000000000;
    } else if (nsec < 0) {
        dsec--;
        nsec += 1000000000;
    }
    t.wall = (t.wall & ~nsecMask) | (uint64_t)nsec;
    addSec(&t, dsec);
    if (t.wall & hasMonotonic) {
        int64_t te = (int64_t)((uint64_t)t.ext + (uint64_t)d);
        if ((d < 0 && te > t.ext) || (d > 0 && te < t.ext))
            stripMono(&t);
        else
            t.ext = te;
    }
    return t;
}

static bool timeBefore(const Time *t, const Time *u)
{
    if (t->wall & u->wall & hasMonotonic)
        return t->ext < u->ext;
    int64_t ts = tsec(t), us = tsec(u);
    return ts < us || (ts == us && tnsec(t) < tnsec(u));
}

static bool timeEqual(const Time *t, const Time *u)
{
    if (t->wall & u->wall & hasMonotonic)
        return t->ext == u->ext;
    return tsec(t) == tsec(u) && tnsec(t) == tnsec(u);
}

static int64_t timeSub(const Time *t, const Time *u)
{
    if (t->wall & u->wall & hasMonotonic) {
        int64_t te = t->ext, ue = u->ext;
        int64_t d = (int64_t)((uint64_t)te - (uint64_t)ue);
        if (d < 0 && te > ue)
            return maxDuration;
        if (d > 0 && te < ue)
            return minDuration;
        return d;
    }
    int64_t d = (int64_t)((uint64_t)(tsec(t) - tsec(u)) * 1000000000u + (uint64_t)(int64_t)(tnsec(t) - tnsec(u)));
    Time back = timeAdd(*u, d);
    if (timeEqual(&back, t))
        return d;
    return timeBefore(t, u) ? minDuration : maxDuration;
}

static Time argTime(const Slot *a) { return (Time){ a[0].u, a[1].i, a[2].p }; }
static void setTime(Slot *a, Time t) { a[0].u = t.wall; a[1].i = t.ext; a[2].p = t.loc; }

static void time_Now(G *gp, Slot *a, int n) { setTime(a, timeNow()); }

/* Go 1.19's Since and Until: a Time with a monotonic reading is compared
   with the monotonic clock alone. */
static Time nowForSub(const Time *t)
{
    if (t->wall & hasMonotonic) {
        clockinit();
        return (Time){ hasMonotonic, runtimeNano() - startNano, NULL };
    }
    return timeNow();
}

static void time_Since(G *gp, Slot *a, int n)
{
    Time t = argTime(a + 1), now = nowForSub(&t);
    a[0].i = timeSub(&now, &t);
}

int64_t time_until(const Slot *tw)
{
    Time t = argTime(tw), now = nowForSub(&t);
    return timeSub(&t, &now);
}

static void time_Until(G *gp, Slot *a, int n) { a[0].i = time_until(a + 1); }

void time_now(Slot *tw) { setTime(tw, timeNow()); }
void time_add(Slot *tw, int64_t d) { setTime(tw, timeAdd(argTime(tw), d)); }

bool time_before(const Slot *tw, const Slot *uw)
{
    Time t = argTime(tw), u = argTime(uw);
    return timeBefore(&t, &u);
}

static void Time_Sub(G *gp, Slot *a, int n)
{
    Time t = argTime(a + 1), u = argTime(a + 4);
    a[0].i = timeSub(&t, &u);
}

static void Time_Add(G *gp, Slot *a, int n)
{
    setTime(a, timeAdd(argTime(a + 3), a[6].i));
}

static void Time_After(G *gp, Slot *a, int n)
{
    Time t = argTime(a + 1), u = argTime(a + 4);
    a[0].u = timeBefore(&u, &t);
}

static void Time_Before(G *gp, Slot *a, int n)
{
    Time t = argTime(a + 1), u = argTime(a + 4);
    a[0].u = timeBefore(&t, &u);
}

static void Time_Equal(G *gp, Slot *a, int n)
{
    Time t = argTime(a + 1), u = argTime(a + 4);
    a[0].u = timeEqual(&t, &u);
}

static void Time_IsZero(G *gp, Slot *a, int n)
{
    Time t = argTime(a + 1);
    a[0].u = tsec(&t) == 0 && tnsec(&t) == 0;
}

static int64_t unixSec(const Time *t) { return tsec(t) - unixToInternal; }

static void Time_Unix(G *gp, Slot *a, int n)
{
    Time t = argTime(a + 1);
    a[0].i = unixSec(&t);
}

static void Time_UnixMilli(G *gp, Slot *a, int n)
{
    Time t = argTime(a + 1);
    a[0].i = unixSec(&t) * 1000 + tnsec(&t) / 1000000;
}

static void Time_UnixNano(G *gp, Slot *a, int n)
{
    Time t = argTime(a + 1);
    a[0].i = unixSec(&t) * 1000000000 + tnsec(&t);
}

/* Go: Time.String in UTC: "2009-11-10 23:00:00 +0000 UTC m=+0.000000001"
   (the fraction without trailing zeros; m= the monotonic reading). mini
   knows no time zones: Local is UTC. */
int time_string(char *buf, size_t size, const Slot *tw)
{
    Time t = argTime(tw);
    int64_t sec = unixSec(&t);
    int64_t days = sec / 86400, rem = sec % 86400;
    if (rem < 0) {
        rem += 86400;
        days--;
    }
    /* days since 1970-01-01 to a civil date (Howard Hinnant's algorithm) */
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2)
        y++;
    size_t len = (size_t)snprintf(buf, size, "%04lld-%02lld-%02lld %02lld:%02lld:%02lld", (long long)y,
                       (long long)m, (long long)d, (long long)(rem / 3600), (long long)(rem / 60 % 60),
                       (long long)(rem % 60));
    int32_t ns = tnsec(&t);
    if (ns) {
        char frac[16];
        snprintf(frac, sizeof frac, ".%09d", ns);
        int k = 10;
        while (frac[k - 1] == '0')
            k--;
        frac[k] = 0;
        len += (size_t)snprintf(buf + len, size - len, "%s", frac);
    }
    len += (size_t)snprintf(buf + len, size - len, " +0000 UTC");
    if (t.wall & hasMonotonic) {
        uint64_t m2 = (uint64_t)t.ext;
        char sign = '+';
        if (t.ext < 0) {
            sign = '-';
            m2 = -m2;
        }
        uint64_t m1 = m2 / 1000000000, m0;
        m2 %= 1000000000;
        m0 = m1 / 1000000000;
        m1 %= 1000000000;
        if (m0)
            len += (size_t)snprintf(buf + len, size - len, " m=%c%llu%09llu.%09llu", sign,
                            (unsigned long long)m0, (unsigned long long)m1, (unsigned long long)m2);
        else
            len += (size_t)snprintf(buf + len, size - len, " m=%c%llu.%09llu", sign,
                            (unsigned long long)m1, (unsigned long long)m2);
    }
    return (int)len;
}

static void Time_String(G *gp, Slot *a, int n)
{
    char buf[128];
    int len = time_string(buf, sizeof buf, a + 2);
    native_newstring(a, buf, (size_t)len);
}

static void pTime_String(G *gp, Slot *a, int n)
{
    if (!a[2].p)
        panicmem(gp);
    char buf[128];
    int len = time_string(buf, sizeof buf, a[2].p);
    native_newstring(a, buf, (size_t)len);
}

/* ---- Duration ---- */

/* Go: fmtFrac: the fraction v/10^prec without trailing zeros, written
   backwards into buf ending at w; returns the new w, *v the integer part. */
static int fmtFrac(char *buf, int w, uint64_t *v, int prec)
{
    bool print = false;
    for (int i = 0; i < prec; i++) {
        int digit = (int)(*v % 10);
        print = print || digit != 0;
        if (print)
            buf[--w] = (char)('0' + digit);
        *v /= 10;
    }
    if (print)
        buf[--w] = '.';
    return w;
}

static int fmtInt(char *buf, int w, uint64_t v)
{
    if (v == 0) {
        buf[--w] = '0';
        return w;
    }
    for (; v > 0; v /= 10)
        buf[--w] = (char)('0' + v % 10);
    return w;
}

/* Go: Duration.String: "72h3m0.5s", "1.5s", "2ms", "1µs", "0s". Returns
   the length, the text at buf + 32 - length. */
int durationString(char buf[32], int64_t d)
{
    int w = 32;
    uint64_t u = (uint64_t)d;
    bool neg = d < 0;
    if (neg)
        u = -u;
    if (u < 1000000000u) {
        int prec;
        buf[--w] = 's';
        w--;
        if (u == 0) {
            memcpy(buf + 30, "0s", 2);
            return 2;
        } else if (u < 1000) {
            prec = 0;
            buf[w] = 'n';
        } else if (u < 1000000) {
            prec = 3;
            w--;
            memcpy(buf + w, "\xc2\xb5", 2);     /* U+00B5 'µ', as Go spells it */
        } else {
            prec = 6;
            buf[w] = 'm';
        }
        w = fmtFrac(buf, w, &u, prec);
        w = fmtInt(buf, w, u);
    } else {
        buf[--w] = 's';
        w = fmtFrac(buf, w, &u, 9);
        w = fmtInt(buf, w, u % 60);
        u /= 60;
        if (u > 0) {
            buf[--w] = 'm';
            w = fmtInt(buf, w, u % 60);
            u /= 60;
            if (u > 0) {
                buf[--w] = 'h';
                w = fmtInt(buf, w, u);
            }
        }
    }
    if (neg)
        buf[--w] = '-';
    return 32 - w;
}

static void Duration_String(G *gp, Slot *a, int n)
{
    char buf[32];
    int len = durationString(buf, a[2].i);
    native_newstring(a, buf + 32 - len, (size_t)len);
}

/* The boxed receiver (an interface holding a Duration calls (*Duration).String). */
static void pDuration_String(G *gp, Slot *a, int n)
{
    if (!a[2].p)
        panicmem(gp);
    char buf[32];
    int len = durationString(buf, *(int64_t *)a[2].p);
    native_newstring(a, buf + 32 - len, (size_t)len);
}

static void Duration_Nanoseconds(G *gp, Slot *a, int n) { a[0].i = a[1].i; }
static void Duration_Microseconds(G *gp, Slot *a, int n) { a[0].i = a[1].i / 1000; }
static void Duration_Milliseconds(G *gp, Slot *a, int n) { a[0].i = a[1].i / 1000000; }

static void Duration_Seconds(G *gp, Slot *a, int n)
{
    int64_t d = a[1].i;
    a[0].f = (double)(d / 1000000000) + (double)(d % 1000000000) / 1e9;
}

static void Duration_Minutes(G *gp, Slot *a, int n)
{
    int64_t d = a[1].i, m = 60 * (int64_t)1000000000;
    a[0].f = (double)(d / m) + (double)(d % m) / (60 * 1e9);
}

static void Duration_Hours(G *gp, Slot *a, int n)
{
    int64_t d = a[1].i, h = 3600 * (int64_t)1000000000;
    a[0].f = (double)(d / h) + (double)(d % h) / (60 * 60 * 1e9);
}

static void Duration_Truncate(G *gp, Slot *a, int n)
{
    int64_t d = a[1].i, m = a[2].i;
    a[0].i = m <= 0 ? d : d - d % m;
}

static bool lessThanHalf(int64_t x, int64_t y)
{
    return (uint64_t)x + (uint64_t)x < (uint64_t)y;
}

static void Duration_Round(G *gp, Slot *a, int n)
{
    int64_t d = a[1].i, m = a[2].i;
    if (m <= 0) {
        a[0].i = d;
        return;
    }
    int64_t r = d % m;
    if (d < 0) {
        r = -r;
        if (lessThanHalf(r, m)) {
            a[0].i = d + r;
            return;
        }
        int64_t d1 = (int64_t)((uint64_t)d - (uint64_t)m + (uint64_t)r);
        a[0].i = d1 < d ? d1 : minDuration;
        return;
    }
    if (lessThanHalf(r, m)) {
        a[0].i = d - r;
        return;
    }
    int64_t d1 = (int64_t)((uint64_t)d + (uint64_t)m - (uint64_t)r);
    a[0].i = d1 > d ? d1 : maxDuration;
}

static void Duration_Abs(G *gp, Slot *a, int n)
{
    int64_t d = a[1].i;
    a[0].i = d >= 0 ? d : d == minDuration ? maxDuration : -d;
}

/* ---- timers: what runs when one fires ---- */

/* Go: sendTime: a non-blocking send of Now() on the timer's channel (a
   Ticker whose reader is slow drops ticks). */
static void sendTime(hchan *c)
{
    Time now = timeNow();
    Slot v[3];
    setTime(v, now);
    chansend(vm_curg, c, v, false);
}

/* Go: goFunc: `go f()` for AfterFunc. */
static void goFunc(void *fv)
{
    Func *fn = *(Func **)fv;
    Slot none[1] = { { 0 } };
    newproc(NULL, fn, none, fv);
}

void context_timerfired(void *ctx);     /* context.c */

/* Go: runtimer: t is due: out of the heap (or moved to its next period),
   then its function runs. */
static void runtimer(timer *t, int64_t now)
{
    if (t->period > 0) {
        /* Go: t.when += t.period * (1 + -delta/t.period) */
        int64_t delta = t->when - now;
        int64_t w = t->when + t->period * (1 + -delta / t->period);
        if (w < 0)
            w = INT64_MAX;
        t->when = w;
        siftdownTimer((int32_t)t->pp - 1);
    } else {
        deltimer(t);
    }
    switch (t->f) {
    case timerSendTime:
        sendTime(t->arg);
        break;
    case timerGoFunc:
        goFunc(t->arg);
        break;
    case timerGoroutineReady: {
        G *gp = t->arg;
        goready(gp);
        break;
    }
    case timerCtxCancel:
        context_timerfired(t->arg);
        break;
    default:
        throw("runtimer: a timer without a function");
    }
}

void checkTimers(void)
{
    if (ntimer == 0)
        return;
    int64_t now = runtimeNano();
    while (ntimer > 0 && timers[0]->when <= now)
        runtimer(timers[0], now);
}

bool timeSleepUntil(void)
{
    if (ntimer == 0)
        return false;
    int64_t next = timers[0]->when;
    if (vmconfig.faketime) {
        /* Go: checkdead's faketime branch: jump to the next timer */
        clockinit();
        if (next > faketime)
            faketime = next;
    } else {
        int64_t now = runtimeNano();
        if (next > now) {
            fflush(stdout);
            int64_t d = next - now;
            struct timespec ts = { (time_t)(d / 1000000000), (long)(d % 1000000000) };
            while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
                ;
        }
    }
    checkTimers();
    return true;
}

void scantimers(void)
{
    for (int32_t i = 0; i < ntimer; i++) {
        timer *t = timers[i];
        gc_shade(t);        /* the Timer or Ticker holding it (C memory for g.timer: ignored) */
        if (t->f != timerGoroutineReady)
            gc_shade(t->arg);
    }
}

/* ---- Sleep ---- */

/* Go: timeSleep: the g's own timer readies it. It runs the CALLN again
   when it wakes: parkstage says the sleep is over. */
static void time_Sleep(G *gp, Slot *a, int n)
{
    if (gp->parkstage == 1 && gp->timer && gp->timer->pp == 0) {
        gp->parkstage = 0;
        return;
    }
    int64_t d = a[0].i;
    if (d <= 0)
        return;
    clockinit();
    if (!gp->timer) {
        gp->timer = calloc(1, sizeof(timer));
        if (!gp->timer)
            throw("out of memory allocating a timer");
    }
    timer *t = gp->timer;
    t->f = timerGoroutineReady;
    t->arg = gp;
    t->period = 0;
    t->when = whenAfter(d);
    addtimer(t);
    gp->parkstage = 1;
    gopark(gp, waitReasonSleep);
}

/* ---- Timer and Ticker ---- */

static const RType *need(const char *name)
{
    const RType *t = rtype_named(name);
    if (!t)
        throw("runtime type missing for a time native");
    return t;
}

/* A new *Timer (or *Ticker: the same layout) in a[0], its channel a new
   chan Time of one slot unless f is goFunc. */
timer *newTimer(G *gp, Slot *res, const char *type, int64_t when, int64_t period,
               uintptr_t f, void *arg)
{
    clockinit();
    void *c = NULL;
    gc_push_root(&arg);
    gc_push_root(&c);
    if (f == timerSendTime)
        arg = c = makechan(gp, need("time.Time"), 1);
    const RType *pt = need(type);
    Slot *obj = mallocgc(pt->elem->td.size, &pt->elem->td, true);
    gc_pop_roots(2);
    obj[0].p = c;
    timer *t = (timer *)(obj + 1);
    t->f = f;
    t->arg = arg;
    t->when = when;
    t->period = period;
    addtimer(t);
    res[0].p = obj;
    return t;
}

static void time_NewTimer(G *gp, Slot *a, int n)
{
    newTimer(gp, a, "*time.Timer", whenAfter(a[1].i), 0, timerSendTime, NULL);
}

static void time_After(G *gp, Slot *a, int n)
{
    Slot r[1];
    newTimer(gp, r, "*time.Timer", whenAfter(a[1].i), 0, timerSendTime, NULL);
    a[0].p = ((Slot *)r[0].p)[0].p;
}

static void time_AfterFunc(G *gp, Slot *a, int n)
{
    if (!a[2].p)
        panicmem(gp);       /* Go: the timer's goroutine calls a nil func */
    newTimer(gp, a, "*time.Timer", whenAfter(a[1].i), 0, timerGoFunc, a[2].p);
}

static void time_NewTicker(G *gp, Slot *a, int n)
{
    int64_t d = a[1].i;
    if (d <= 0)
        native_panic(gp, "non-positive interval for NewTicker");
    newTimer(gp, a, "*time.Ticker", whenAfter(d), d, timerSendTime, NULL);
}

static void time_Tick(G *gp, Slot *a, int n)
{
    int64_t d = a[1].i;
    if (d <= 0) {
        a[0].p = NULL;
        return;
    }
    Slot r[1];
    newTimer(gp, r, "*time.Ticker", whenAfter(d), d, timerSendTime, NULL);
    a[0].p = ((Slot *)r[0].p)[0].p;
}

static timer *recvtimer(G *gp, Slot *a, const char *uninit)
{
    if (!a->p)
        panicmem(gp);
    timer *t = (timer *)((Slot *)a->p + 1);
    if (t->f == timerNone)
        native_panic(gp, uninit);
    return t;
}

static void Timer_Stop(G *gp, Slot *a, int n)
{
    a[0].u = deltimer(recvtimer(gp, &a[1], "time: Stop called on uninitialized Timer"));
}

static void Timer_Reset(G *gp, Slot *a, int n)
{
    timer *t = recvtimer(gp, &a[1], "time: Reset called on uninitialized Timer");
    a[0].u = modtimer(t, whenAfter(a[2].i), 0);
}

static void Ticker_Stop(G *gp, Slot *a, int n)
{
    deltimer(recvtimer(gp, &a[0], "time: Stop called on uninitialized Ticker"));
}

static void Ticker_Reset(G *gp, Slot *a, int n)
{
    int64_t d = a[1].i;
    if (d <= 0)
        native_panic(gp, "non-positive interval for Ticker.Reset");
    timer *t = recvtimer(gp, &a[0], "time: Reset called on uninitialized Ticker");
    modtimer(t, whenAfter(d), d);
}

/* ---- ParseDuration (Go: time/format.go) ---- */

/* Go's time.quote: the string in double quotes, bytes that are not
   printable ASCII as \xNN. */
static void dquote(StrBuf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    strbuf_putc(b, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || c < ' ') {
            strbuf_puts(b, "\\x");
            strbuf_putc(b, hex[c >> 4]);
            strbuf_putc(b, hex[c & 15]);
        } else {
            if (c == '"' || c == '\\')
                strbuf_putc(b, '\\');
            strbuf_putc(b, (char)c);
        }
    }
    strbuf_putc(b, '"');
}

/* Go's time.quote for valid UTF-8: a multi-byte rune is escaped byte by
   byte too, so dquote suffices for the messages below. */
static void durerror(Slot *res, const char *pre, const char *s, size_t n, const char *u, size_t un)
{
    StrBuf b = { 0 };
    strbuf_puts(&b, pre);
    if (u) {
        dquote(&b, u, un);
        strbuf_puts(&b, " in duration ");
    }
    dquote(&b, s, n);
    errors_new(res, b.p, b.len);
    strbuf_free(&b);
}

static bool leadingInt(const char **s, const char *end, uint64_t *x)
{
    const char *p = *s;
    *x = 0;
    for (; p < end && *p >= '0' && *p <= '9'; p++) {
        if (*x > (UINT64_C(1) << 63) / 10)
            return false;
        *x = *x * 10 + (uint64_t)(*p - '0');
        if (*x > (UINT64_C(1) << 63))
            return false;
    }
    *s = p;
    return true;
}

static void time_ParseDuration(G *gp, Slot *a, int n)
{
    (void)gp; (void)n;
    const char *orig = a[3].s, *s = orig, *end = orig + a[4].u;
    size_t olen = (size_t)a[4].u;
    static const struct { const char *u; uint64_t v; } units[] = {
        { "ns", 1 }, { "us", 1000 }, { "\xc2\xb5s", 1000 }, { "\xce\xbcs", 1000 },
        { "ms", 1000000 }, { "s", 1000000000 }, { "m", UINT64_C(60000000000) },
        { "h", UINT64_C(3600000000000) },
    };
    a[0].i = 0;
    a[1].p = a[2].p = NULL;
    uint64_t d = 0;
    bool neg = false;
    if (s < end && (*s == '-' || *s == '+')) {
        neg = *s == '-';
        s++;
    }
    if (end - s == 1 && *s == '0')
        return;
    if (s == end)
        goto invalid;
    while (s < end) {
        uint64_t v, f = 0;
        double scale = 1;
        if (!(*s == '.' || (*s >= '0' && *s <= '9')))
            goto invalid;
        const char *p0 = s;
        if (!leadingInt(&s, end, &v))
            goto invalid;
        bool pre = s != p0, post = false;
        if (s < end && *s == '.') {
            s++;
            const char *p1 = s;
            bool overflow = false;
            for (; s < end && *s >= '0' && *s <= '9'; s++) {
                if (overflow)
                    continue;
                if (f > ((UINT64_C(1) << 63) - 1) / 10) {
                    overflow = true;
                    continue;
                }
                uint64_t y = f * 10 + (uint64_t)(*s - '0');
                if (y > (UINT64_C(1) << 63)) {
                    overflow = true;
                    continue;
                }
                f = y;
                scale *= 10;
            }
            post = s != p1;
        }
        if (!pre && !post)
            goto invalid;
        const char *u = s;
        while (s < end && !(*s == '.' || (*s >= '0' && *s <= '9')))
            s++;
        if (s == u) {
            durerror(a + 1, "time: missing unit in duration ", orig, olen, NULL, 0);
            return;
        }
        uint64_t unit = 0;
        for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
            if (strlen(units[i].u) == (size_t)(s - u) && memcmp(units[i].u, u, (size_t)(s - u)) == 0)
                unit = units[i].v;
        if (!unit) {
            durerror(a + 1, "time: unknown unit ", orig, olen, u, (size_t)(s - u));
            return;
        }
        if (v > (UINT64_C(1) << 63) / unit)
            goto invalid;
        v *= unit;
        if (f > 0) {
            v += (uint64_t)((double)f * ((double)unit / scale));
            if (v > (UINT64_C(1) << 63))
                goto invalid;
        }
        d += v;
        if (d > (UINT64_C(1) << 63))
            goto invalid;
    }
    if (neg) {
        a[0].i = -(int64_t)d;
        return;
    }
    if (d > (UINT64_C(1) << 63) - 1)
        goto invalid;
    a[0].i = (int64_t)d;
    return;
invalid:
    durerror(a + 1, "time: invalid duration ", orig, olen, NULL, 0);
}

const Native time_natives[] = {
    { "time", "ParseDuration", time_ParseDuration },
    { "time", "Now", time_Now },
    { "time", "Since", time_Since },
    { "time", "Until", time_Until },
    { "time", "Sleep", time_Sleep },
    { "time", "NewTimer", time_NewTimer },
    { "time", "NewTicker", time_NewTicker },
    { "time", "After", time_After },
    { "time", "Tick", time_Tick },
    { "time", "AfterFunc", time_AfterFunc },
    { "time", "Time.Sub", Time_Sub },
    { "time", "Time.Add", Time_Add },
    { "time", "Time.After", Time_After },
    { "time", "Time.Before", Time_Before },
    { "time", "Time.Equal", Time_Equal },
    { "time", "Time.IsZero", Time_IsZero },
    { "time", "Time.Unix", Time_Unix },
    { "time", "Time.UnixMilli", Time_UnixMilli },
    { "time", "Time.UnixNano", Time_UnixNano },
    { "time", "Time.String", Time_String },
    { "time", "(*Time).String", pTime_String },
    { "time", "Duration.String", Duration_String },
    { "time", "(*Duration).String", pDuration_String },
    { "time", "Duration.Nanoseconds", Duration_Nanoseconds },
    { "time", "Duration.Microseconds", Duration_Microseconds },
    { "time", "Duration.Milliseconds", Duration_Milliseconds },
    { "time", "Duration.Seconds", Duration_Seconds },
    { "time", "Duration.Minutes", Duration_Minutes },
    { "time", "Duration.Hours", Duration_Hours },
    { "time", "Duration.Truncate", Duration_Truncate },
    { "time", "Duration.Round", Duration_Round },
    { "time", "Duration.Abs", Duration_Abs },
    { "time", "Timer.Stop", Timer_Stop },
    { "time", "Timer.Reset", Timer_Reset },
    { "time", "Ticker.Stop", Ticker_Stop },
    { "time", "Ticker.Reset", Ticker_Reset },
};
const int ntime_natives = sizeof time_natives / sizeof time_natives[0];
