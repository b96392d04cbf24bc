/* trace.h — seeing the scheduler and the channels work (runtime/trace.c):
 * --schedtrace / GODEBUG=schedtrace=N,scheddetail=1, --chantrace, and
 * --trace=FILE.json.
 *
 * Go: runtime/proc.go (schedtrace), runtime/trace.go (the execution
 * tracer, whose goroutine states the JSON timeline shows). --chantrace
 * has no Go counterpart: it prints the hchan fields around every
 * channel operation.
 *
 * Every hook is a single well-predicted test of a flag when tracing is
 * off.
 */
#ifndef MINI_TRACE_H
#define MINI_TRACE_H

#include <stdbool.h>
#include <stdint.h>

#include "chan.h"

/* Reads the flags (vmconfig) and $GODEBUG; opens the trace file. */
void traceinit(void);

/* --schedtrace: the SCHED line (and with scheddetail each p and g) once
   every schedtrace ms, checked at each schedule. */
extern int64_t schedtrace_ms;
void schedtrace_tick(void);

/* --trace: goroutine state changes (proc.c). */
extern bool tracing;
void traceGoCreate(G *gp);
void traceGoStart(G *gp, int32_t pid);
void traceGoStop(G *gp, int32_t pid);   /* after vm_execute: gp's new status says why */
void traceGoUnpark(G *gp);

/* --chantrace: chan.c and select.c call these wrappers when
   vmconfig.chantrace is set; each calls the real operation (chantrace_enter
   lets it through) and prints what it did. */
bool chantrace_enter(void);
void chantrace_readied(G *gp);          /* goready, while an operation runs */
bool chantrace_send(G *gp, hchan *c, const Slot *ep, bool block);
void chantrace_send_resume(G *gp);
bool chantrace_recv(G *gp, hchan *c, Slot *ep, bool block, bool *received);
bool chantrace_recv_resume(G *gp);
void chantrace_close(G *gp, hchan *c);
int chantrace_select(G *gp, Slot *fp, const SelectDesc *d, bool block, bool *recvOK);
int chantrace_select_resume(G *gp, const SelectDesc *d, bool *recvOK);
void chantrace_make(G *gp, hchan *c);

#endif
