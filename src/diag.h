/* diag.h — compile-time diagnostics in gc's form, FILE:LINE:COL: message.
 *
 * Invariants:
 *  - As in gc (base.ErrorfAt): a syntax error on the same line as the
 *    previous syntax error is dropped, and so is an error repeating the
 *    previous one's line and message. The DIAG_MAX-th error recorded ends
 *    the collection; printing sorts what was recorded by position (stable)
 *    and, if the limit was hit, adds "too many errors" at that error's place.
 *  - A message may hold continuation lines ("\n\thave (int)"); they print as is.
 */
#ifndef MINI_DIAG_H
#define MINI_DIAG_H

#include <stdbool.h>
#include <stdio.h>
#include "ast.h"

enum { DIAG_MAX = 10 };

typedef struct Diag {
    Pos pos;
    char *msg;
    bool syntax;
} Diag;

typedef struct Diags {
    const char *filename;
    Diag *items;
    int len, cap;
    int nsyntax;
    bool full;          /* DIAG_MAX reached: later errors are ignored */
    Pos last_syntax;    /* the previous syntax error's position */
    Pos last_other;     /* the previous other error's position ... */
    const char *last_msg; /* ... and message */
} Diags;

Diags *diag_new(const char *filename);
void diag_error(Diags *d, Pos pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A syntax error (type checking will not run). */
void diag_syntax(Diags *d, Pos pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int diag_count(const Diags *d);
/* Sorts by position and prints up to DIAG_MAX diagnostics. */
void diag_print(Diags *d, FILE *out);

#endif
