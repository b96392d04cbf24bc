/* source.c — reading a source file into memory for the lexer. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <gc.h>

#include "parse.h"

char *read_source(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = GC_MALLOC_ATOMIC(cap);
    for (;;) {
        if (n + 1 >= cap) {
            char *nb = GC_MALLOC_ATOMIC(cap * 2);
            memcpy(nb, buf, n);
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    int err = ferror(f);
    fclose(f);
    if (err) {
        errno = EIO;
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}
