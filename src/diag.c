/* diag.c — collecting and printing diagnostics, gc style.
 *
 * Go: cmd/compile/internal/base/print.go (ErrorfAt drops same-line repeats
 * and stops at the 10th error; FlushErrors sorts by position).
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
    if (d->full)
        return;
    char buf[4096];
    vsnprintf(buf, sizeof buf, fmt, ap);
    if (syntax) {
        if (d->nsyntax > 0 && d->last_syntax.line == pos.line)
            return;
        d->last_syntax = pos;
    } else {
        if (d->last_msg && d->last_other.line == pos.line && strcmp(d->last_msg, buf) == 0)
            return;
        d->last_other = pos;
    }
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
    if (!syntax)
        d->last_msg = msg;
    d->items[d->len++] = (Diag){ pos, msg, syntax };
    if (syntax)
        d->nsyntax++;
    if (d->len == DIAG_MAX)
        d->full = true;
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
    Pos limit = d->full ? d->items[d->len - 1].pos : (Pos){0, 0};
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
    for (int i = 0; i < d->len; i++)
        fprintf(out, "%s:%d:%d: %s\n", d->filename, d->items[i].pos.line,
                d->items[i].pos.col, d->items[i].msg);
    if (d->full)
        fprintf(out, "%s:%d:%d: too many errors\n", d->filename, limit.line, limit.col);
}
