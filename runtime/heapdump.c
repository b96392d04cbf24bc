/*
 * Go: runtime/heapdump.go (writeheapdump) -- in spirit: Go writes a binary
 * dump for tools; mini writes Graphviz DOT for a classroom.
 *
 *   digraph heap {
 *     roots -> o0xc000010000;
 *     o0xc000010000 [label="main.Node\n0xc000010000\n32 B", fillcolor=grey60];
 *     o0xc000010000 -> o0xc000010020 [label="+8"];
 *   }
 *
 * One node per allocated object, filled with its mark colour (white,
 * grey = on the work list, black = scanned); one edge per pointer slot
 * holding a heap address, labelled with the slot's byte offset; a "roots"
 * node with an edge to each object a root points to. Dumped between
 * gcStart and gcMarkDone (gcDrain(n) in between), it shows the wavefront
 * of marking; dumped in GCoff, every object is white. `dot -Tsvg` draws it.
 */
#include <stdlib.h>
#include <string.h>

#include "mgc.h"
#include "throw.h"

static uintptr_t *rootEdges;
static size_t nrootEdges, caprootEdges;

static void recordRoot(uintptr_t p)
{
    uintptr_t base = findObject(p, NULL, NULL);
    if (base == 0)
        return;
    if (nrootEdges == caprootEdges) {
        caprootEdges = caprootEdges ? 2 * caprootEdges : 64;
        uintptr_t *e = realloc(rootEdges, caprootEdges * sizeof *e);
        if (e == NULL)
            throw("out of memory (heap dump)");
        rootEdges = e;
    }
    rootEdges[nrootEdges++] = base;
}

static int cmpaddr(const void *a, const void *b)
{
    uintptr_t x = *(const uintptr_t *)a, y = *(const uintptr_t *)b;
    return x < y ? -1 : x > y;
}

static int cmpspan(const void *a, const void *b)
{
    uintptr_t x = (*(mspan *const *)a)->startAddr, y = (*(mspan *const *)b)->startAddr;
    return x < y ? -1 : x > y;
}

/* DOT string: escape quotes and backslashes in a type name. */
static void putName(FILE *o, const char *s)
{
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', o);
        fputc(*s, o);
    }
}

static void dumpObject(FILE *o, mspan *s, uintptr_t i)
{
    static const char *fill[] = { [gcWhite] = "white", [gcGrey] = "grey60", [gcBlack] = "black" };
    uintptr_t obj = s->startAddr + i * s->elemsize;
    const TypeDesc *t = s->types[i];
    gcColor c = gc_color((void *)obj);
    fprintf(o, "  o%#jx [label=\"", (uintmax_t)obj);
    putName(o, t != NULL && t->name != NULL ? t->name : "noscan");
    fprintf(o, "\\n%#jx\\n%ju B\", fillcolor=%s%s];\n", (uintmax_t)obj,
            (uintmax_t)s->elemsize, fill[c], c == gcBlack ? ", fontcolor=white" : "");
    if (!typeHasPointers(t))
        return;
    for (uintptr_t off = 0; off + t->size <= s->elemsize; off += t->size)
        for (uintptr_t w = 0; w < t->ptrdata / 8; w++) {
            uintptr_t p = ((const uintptr_t *)(obj + off))[w];
            uintptr_t target;
            if (!typeWordIsPointer(t->gcdata, w) || p == 0 ||
                (target = findObject(p, NULL, NULL)) == 0)
                continue;
            fprintf(o, "  o%#jx -> o%#jx [label=\"+%ju\"];\n", (uintmax_t)obj,
                    (uintmax_t)target, (uintmax_t)(off + w * 8));
        }
}

void gc_dump_dot(FILE *out)
{
    fprintf(out, "digraph heap {\n"
                 "  node [shape=box, style=filled, fontname=\"monospace\", fontsize=10];\n"
                 "  roots [shape=ellipse, fillcolor=lightblue];\n");

    nrootEdges = 0;
    gcScanRoots(recordRoot);
    if (nrootEdges > 0)
        qsort(rootEdges, nrootEdges, sizeof *rootEdges, cmpaddr);
    for (size_t k = 0; k < nrootEdges; k++)
        if (k == 0 || rootEdges[k] != rootEdges[k - 1])
            fprintf(out, "  roots -> o%#jx;\n", (uintmax_t)rootEdges[k]);

    mspan **spans = malloc((mheap_.nallspans + 1) * sizeof *spans);
    if (spans == NULL)
        throw("out of memory (heap dump)");
    if (mheap_.nallspans > 0) {
        memcpy(spans, mheap_.allspans, mheap_.nallspans * sizeof *spans);
        qsort(spans, mheap_.nallspans, sizeof *spans, cmpspan);
    }
    for (uint32_t k = 0; k < mheap_.nallspans; k++)
        for (uintptr_t i = 0; i < spans[k]->nelems; i++)
            if (isAllocated(spans[k], i))
                dumpObject(out, spans[k], i);
    free(spans);
    fprintf(out, "}\n");
    free(rootEdges);
    rootEdges = NULL;
    nrootEdges = caprootEdges = 0;
}
