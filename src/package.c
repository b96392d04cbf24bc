/* package.c — mini's library packages: their Go declarations (src/packages/
 * *.mini, compiled into the binary) parsed and checked on first import.
 *
 * Go: cmd/compile/internal/importer (the role: turning an import path into a
 * checked *types2.Package), go/build's package cache.
 *
 * Invariants:
 *  - Each path is checked at most once; the cache maps it to the Package, or
 *    to NULL when mini has no such package.
 *  - A package being checked is marked in progress, so an import cycle
 *    among native packages yields NULL instead of infinite recursion.
 */
#include <stdio.h>
#include "check_int.h"
#include "parse.h"

typedef struct PkgEntry {
    const char *path;
    Package *pkg;
    bool in_progress;
    struct PkgEntry *next;
} PkgEntry;

static PkgEntry *cache;   /* static data is a Boehm root */

Package *package_import(const char *path, Diags *d) {
    (void)d;
    if (!path || !path[0]) return NULL;
    for (PkgEntry *e = cache; e; e = e->next)
        if (strcmp(e->path, path) == 0) return e->in_progress ? NULL : e->pkg;
    size_t len = 0;
    const char *src = packages_source(path, &len);
    PkgEntry *e = GC_MALLOC(sizeof *e);
    e->path = ast_strdup(path);
    e->next = cache;
    cache = e;
    if (!src) return NULL;
    e->in_progress = true;
    const char *fname = strbuf_printf("<mini>/%s.mini", path);
    Diags *pd = diag_new(fname);
    /* parse_file wants a NUL-terminated buffer that stays alive */
    char *buf = GC_MALLOC_ATOMIC(len + 1);
    memcpy(buf, src, len);
    buf[len] = 0;
    Node *file = parse_file(fname, buf, len, pd);
    Package *pkg = NULL;
    if (diag_count(pd) == 0 && file)
        pkg = package_check_file(file, e->path, pd, true);
    if (diag_count(pd) > 0) {
        fprintf(stderr, "mini: internal error in library package %s:\n", path);
        diag_print(pd, stderr);
    }
    e->pkg = pkg;
    e->in_progress = false;
    return pkg;
}
