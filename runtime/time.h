/* time.h — the runtime's timers and clock (runtime/time.c), and what
 * package context (runtime/context.c) and the scheduler (proc.c) use of them.
 *
 * Go: runtime/time.go (timer, addtimer, deltimer, modtimer, runtimer,
 * siftupTimer, siftdownTimer, checkTimers), runtime/timestub.go and
 * time/time.go (runtimeNano, Now), runtime/proc.go (the faketime parts of
 * checkdead).
 */
#ifndef MINI_TIME_H
#define MINI_TIME_H

#include <stdbool.h>
#include <stdint.h>

#include "vm.h"

/* What runs when a timer fires (Go: timer.f). */
enum {
    timerNone,              /* a zero Timer: Stop and Reset panic */
    timerSendTime,          /* Timer, Ticker, After, Tick: arg is the chan Time (Go: sendTime) */
    timerGoFunc,            /* AfterFunc: arg is the func() to run in a new goroutine */
    timerGoroutineReady,    /* Sleep: arg is the sleeping G (Go: goroutineReady) */
    timerCtxCancel,         /* context.WithDeadline: arg is the *timerCtx */
};

/* Go: runtime.timer, with the layout of time.runtimeTimer
 * (src/packages/time.mini): a Timer or Ticker object in mini's heap holds
 * one after its C word; a sleeping G has one in C memory (g.timer).
 * arg is an `any`'s two words {type, data}: data is the heap object the
 * timer keeps alive (its type word is not used). */
typedef struct timer {
    uintptr_t pp;           /* index + 1 in the timer heap; 0: not in it */
    int64_t when;           /* runtimeNano() at which it fires */
    int64_t period;         /* > 0: fires again every period ns (Ticker) */
    uintptr_t f;            /* timer* above */
    void *argtype, *arg;
    uintptr_t seq;
    int64_t nextwhen;
    uint32_t status;
} timer;

/* Go: runtimeNano: the monotonic clock in ns, or the fake clock under
   --faketime (which starts at Go's playground time, 2009-11-10 23:00:00 UTC). */
int64_t runtimeNano(void);
/* The wall clock: ns since 1970 (the fake clock under --faketime). */
int64_t walltimeNano(void);

/* Go: addtimer / deltimer / modtimer over the one timer heap (a 4-ary
   min-heap on when, as Go's per-p heap). deltimer and modtimer return
   whether t was pending. */
void addtimer(timer *t);
bool deltimer(timer *t);
bool modtimer(timer *t, int64_t when, int64_t period);
int32_t ntimers(void);
timer *timerheap_at(int32_t i);     /* the unit tests' view: heap[i] */

/* Go: checkTimers: runs every timer whose when has passed (now: the
   clock). Cheap when the heap is empty. */
void checkTimers(void);
/* Nothing is runnable: sleeps until the first timer (or, under
   --faketime, moves the clock to it) and runs it. false: no timers, so
   nothing will ever wake anyone (checkdead's deadlock). */
bool timeSleepUntil(void);
/* The collector's roots: each pending timer's object and arg. */
void scantimers(void);

/* Go: time.when(d): the clock d from now (now for d <= 0). */
int64_t whenAfter(int64_t d);
/* A new *time.Timer or *time.Ticker (type names the RType) in res[0],
   pending at when: its channel is a new chan Time when f is sendTime. */
timer *newTimer(G *gp, Slot *res, const char *type, int64_t when, int64_t period,
                uintptr_t f, void *arg);

/* time.Time values as three words {wall, ext, loc} (for context.c). */
void time_now(Slot *tw);
void time_add(Slot *tw, int64_t d);
bool time_before(const Slot *tw, const Slot *uw);
int64_t time_until(const Slot *tw);
/* Go: Time.String, Duration.String (the text ends at buf + 32). */
int time_string(char *buf, size_t size, const Slot *tw);
int durationString(char buf[32], int64_t d);

#endif
