/* diag.h — compile-time diagnostics in gc's form, FILE:LINE:COL: message.
 *
 * Invariants:
 *  - Diagnostics are kept in report order and printed sorted by position
 *    (stable), at most DIAG_MAX of them, then gc's "too many errors" line.
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
} Diags;

Diags *diag_new(const char *filename);
void diag_error(Diags *d, Pos pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A syntax error. Like gc, only the first syntax error on a line is kept. */
void diag_syntax(Diags *d, Pos pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int diag_count(const Diags *d);
/* Sorts by position and prints up to DIAG_MAX diagnostics. */
void diag_print(Diags *d, FILE *out);

#endif
