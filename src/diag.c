/* diag.c — collecting and printing diagnostics, gc style.
 *
 * Go: cmd/compile/internal/base/print.go (FlushErrors sorts by position,
 * stops after 10 errors with "too many errors").
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <gc.h>

#include "diag.h"

Diags *diag_new(const char *filename)
{
    Diags *d = GC_MALLOC(sizeof *d);
    d->filename = filename;
    return d;
}

static void add(Diags *d, Pos pos, bool syntax, const char *fmt, va_list ap)
{
    char buf[1024];
    vsnprintf(buf, sizeof buf, fmt, ap);
    if (d->len == d->cap) {
        int cap = d->cap ? d->cap * 2 : 16;
        Diag *items = GC_MALLOC(sizeof(Diag) * (size_t)cap);
        if (d->len)
            memcpy(items, d->items, sizeof(Diag) * (size_t)d->len);
        d->items = items;
        d->cap = cap;
    }
    size_t n = strlen(buf);
    char *msg = GC_MALLOC_ATOMIC(n + 1);
    memcpy(msg, buf, n + 1);
    d->items[d->len++] = (Diag){ pos, msg, syntax };
    if (syntax)
        d->nsyntax++;
}

void diag_error(Diags *d, Pos pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(d, pos, false, fmt, ap);
    va_end(ap);
}

void diag_syntax(Diags *d, Pos pos, const char *fmt, ...)
{
    /* gc's parser reports one syntax error per line; later ones on the same
       line are usually consequences of the first. */
    for (int i = d->len - 1; i >= 0; i--)
        if (d->items[i].syntax && d->items[i].pos.line == pos.line)
            return;
    va_list ap;
    va_start(ap, fmt);
    add(d, pos, true, fmt, ap);
    va_end(ap);
}

int diag_count(const Diags *d)
{
    return d->len;
}

static int cmp_pos(const void *a, const void *b)
{
    const Diag *x = a, *y = b;
    if (x->pos.line != y->pos.line)
        return x->pos.line < y->pos.line ? -1 : 1;
    if (x->pos.col != y->pos.col)
        return x->pos.col < y->pos.col ? -1 : 1;
    return 0;
}

void diag_print(Diags *d, FILE *out)
{
    /* insertion sort keeps equal positions in report order (qsort is not stable) */
    for (int i = 1; i < d->len; i++) {
        Diag x = d->items[i];
        int j = i - 1;
        while (j >= 0 && cmp_pos(&d->items[j], &x) > 0) {
            d->items[j + 1] = d->items[j];
            j--;
        }
        d->items[j + 1] = x;
    }
    int printed = 0;
    for (int i = 0; i < d->len; i++) {
        /* gc drops an exact duplicate (same line and message) */
        if (i > 0 && d->items[i].pos.line == d->items[i - 1].pos.line &&
            strcmp(d->items[i].msg, d->items[i - 1].msg) == 0)
            continue;
        if (printed == DIAG_MAX) {
            fprintf(out, "%s:%d:%d: too many errors\n", d->filename,
                    d->items[i].pos.line, d->items[i].pos.col);
            break;
        }
        fprintf(out, "%s:%d:%d: %s\n", d->filename, d->items[i].pos.line,
                d->items[i].pos.col, d->items[i].msg);
        printed++;
    }
}
