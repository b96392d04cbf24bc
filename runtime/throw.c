/*
 * Go: runtime/panic.go (throw, fatalthrow).
 */
#include "throw.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

void (*throw_traceback)(void);

noreturn void throwf(const char *fmt, ...)
{
    va_list ap;
    fflush(stdout);
    fputs("fatal error: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    if (throw_traceback) {
        fputc('\n', stderr);
        throw_traceback();
    }
    fflush(stderr);
    exit(2);
}

noreturn void throw(const char *s)
{
    throwf("%s", s);
}
