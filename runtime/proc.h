/* proc.h — goroutines and the scheduler (runtime/proc.c).
 *
 * Go: runtime/proc.go (newproc, schedule, findRunnable, execute, gopark,
 * goready, Gosched, Goexit, runqput, runqget, runqsteal, globrunqput,
 * globrunqget, checkdead).
 */
#ifndef MINI_PROC_H
#define MINI_PROC_H

#include <stdbool.h>
#include <stdint.h>

#include "runtime2.h"

enum { MaxGomaxprocs = 256 };
/* A time slice, in ticks: one per call and per backward branch (Go's
   10 ms forcePreemptNS, counted instead of timed so runs repeat). */
enum { SchedSlice = 10000 };

extern p *allp[MaxGomaxprocs];
extern int32_t gomaxprocs;
extern schedt sched;
extern p *curp;                 /* the p the thread runs now (Go: getg().m.p) */
extern int32_t sched_slice;     /* ticks left in the running g's slice (vm.c counts down) */
extern G **allgs;               /* every g ever made, dead ones too (Go: allgs) */
extern int32_t allglen;

/* Sets up GOMAXPROCS ps (vmconfig.gomaxprocs, $GOMAXPROCS, the CPU count). */
void schedinit(void);
/* Runs goroutines until main (goroutine 1, already set up and runnable)
   returns: the exit status 0. A deadlock does not return. */
int schedmain(G *main);

/* Go: newproc: a new goroutine running fn with its first hdr words (results
   and parameters) copied from args; clo is the func value when fn is a
   closure's code. It goes to the current p's runnext. */
G *newproc(G *callergp, struct Func *fn, const Slot *args, void *clo);

/* Go: gopark: gp (running) stops until goready; the VM leaves its loop
   after the instruction that parked, and runs that instruction again when
   gp resumes. Throws when gp runs a native's callback (vm_callback). */
void gopark(G *gp, const char *reason);
/* Go: goready: a parked g becomes runnable, on the current p's runnext. */
void goready(G *gp);
/* runtime.Gosched / runtime.Goexit: the running g yields to the global
   queue / ends (without running its deferred calls: defer is not yet
   part of goroutines). */
void gosched(G *gp);
void goexit(G *gp);
/* runtime.NumGoroutine, runtime.GOMAXPROCS. */
int32_t gcount(void);
int32_t procresize_gomaxprocs(int32_t n);   /* n < 1: just reports */

/* Go: runq*: the run queues, exported for the unit tests. */
void runqput(p *pp, G *gp, bool next);
G *runqget(p *pp, bool *inheritTime);
G *runqsteal(p *pp, p *p2, bool stealRunNextG);
uint32_t runqlen(const p *pp);
void globrunqput(G *gp);
G *globrunqget(p *pp, int32_t max);
G *findrunnable(p *pp, bool *inheritTime);

/* "goroutine N [reason]:" and its frames, for the deadlock dump and panics. */
void gtraceback(G *gp, const char *status, FILE *out);

#endif
