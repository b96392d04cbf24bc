/* context.c — package context (stub). */
#include "time.h"
#include "throw.h"
void context_timerfired(void *ctx) { (void)ctx; throw("context: not implemented"); }
