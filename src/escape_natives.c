/* escape_natives.c — the escape tags of mini's library functions.
 *
 * Go: gc reads a callee's parameter tags from its package's export data
 * (escape/call.go tagHole, leaks.go parseLeaks). mini's library functions
 * are natives without Go bodies, so their tags are gc's own for the real
 * standard library, recorded in escape_natives_table.h by
 * tools/escape-natives. A function the table does not know is treated as
 * gc treats a function without a body: every pointer parameter leaks to
 * the heap.
 */
#include <stdlib.h>
#include <string.h>

#include "escape_int.h"

typedef struct NativeTags {
    const char *name;   /* "strings.TrimSpace", "sync.WaitGroup.Add" */
    const char *tags;   /* per receiver/parameter, space-separated */
} NativeTags;

static NativeTags table[] = {   /* sorted on first use */
#include "escape_natives_table.h"
};

static int cmp(const void *a, const void *b)
{
    return strcmp(((const NativeTags *)a)->name, ((const NativeTags *)b)->name);
}

static const char *recv_type_name(Object *fn)
{
    Node *d = fn->decl;
    if (!d || d->kind != D_FUNC || !d->u.funcdecl.recv || !d->u.funcdecl.recv->len)
        return NULL;
    Node *t = d->u.funcdecl.recv->items[0]->u.field.type;
    while (t && (t->kind == E_STAR || t->kind == E_PAREN))
        t = t->u.unary.x;
    return t && t->kind == E_IDENT ? t->u.ident.name : NULL;
}

bool esc_native_tags(Object *fn, int nparams, Leaks *out)
{
    static bool sorted;
    if (!sorted) {
        qsort(table, sizeof table / sizeof table[0], sizeof table[0], cmp);
        sorted = true;
    }
    if (!fn || !fn->pkg)
        return false;
    const char *rt = recv_type_name(fn);
    char key[256];
    if (rt)
        snprintf(key, sizeof key, "%s.%s.%s", fn->pkg, rt, fn->name);
    else
        snprintf(key, sizeof key, "%s.%s", fn->pkg, fn->name);
    NativeTags k = { key, NULL };
    const NativeTags *e = bsearch(&k, table, sizeof table / sizeof table[0], sizeof table[0], cmp);
    if (!e)
        return false;
    const char *s = e->tags;
    int i = 0;
    while (*s && i < nparams) {
        out[i] = (Leaks){ { 0 } };
        while (*s && *s != ' ') {
            if (*s == 'h') {
                leaks_add(&out[i], 0, atoi(s + 1));
            } else if (*s == 'r') {
                int r = atoi(s + 1);
                const char *c = strchr(s, ':');
                if (c && r < NUM_ESC_RESULTS)
                    leaks_add(&out[i], 1 + r, atoi(c + 1));
            }
            while (*s && *s != ',' && *s != ' ')
                s++;
            if (*s == ',')
                s++;
        }
        if (*s == ' ')
            s++;
        i++;
    }
    return i == nparams && !*s;
}
