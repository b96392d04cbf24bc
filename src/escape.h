/* escape.h — escape analysis: which variables and allocations may live in
 * the goroutine's stack frame, and the report that explains why not.
 *
 * Go: cmd/compile/internal/escape (Go 1.19). The pass reads the checked
 * tree (checker.h's contract, after compile_conv.c made the implicit
 * interface conversions explicit) and builds gc's graph of locations;
 * escape.c explains the algorithm.
 *
 * The report is a data structure: one EscDecision per line gc's -m prints,
 * in gc's order (gc flushes each diagnostic as it is made: function batches
 * bottom-up over the call graph, in each batch the parameters' tags first,
 * then every location in creation order). escape_print renders it as
 * `go build -gcflags='-m -l'` does (level 1) or with the reasons and flow
 * paths (level 2).
 */
#ifndef MINI_ESCAPE_H
#define MINI_ESCAPE_H

#include <stdbool.h>
#include <stdio.h>

#include "ast.h"
#include "checker.h"

typedef enum EscKind {
    ESC_MOVED,          /* moved to heap: x */
    ESC_ESCAPES,        /* EXPR escapes to heap */
    ESC_NOESCAPE,       /* EXPR does not escape (an allocation) */
    ESC_PARAM_NOESCAPE, /* p does not escape */
    ESC_LEAK_PARAM,     /* leaking param: p */
    ESC_LEAK_CONTENT,   /* leaking param content: p */
    ESC_LEAK_RESULT,    /* leaking param: p to result ~r0 level=0 */
    ESC_INFO            /* devirtualizing i.M to T; F ignoring self-assignment in S */
} EscKind;

typedef struct EscDecision {
    Pos pos;
    EscKind kind;
    const char *msg;      /* gc's text after "FILE:LINE:COL: " */
    const char *reason;   /* -m=2: why, in a student's words (NULL: none) */
    const char **flow;    /* -m=2: the flow path that proves it, one line each */
    int nflow;
} EscDecision;

typedef struct EscReport {
    EscDecision *items;
    int n, cap;
} EscReport;

/* Runs the analysis over the checked main package. Never fails: a
   construct the pass does not model is treated conservatively (it escapes). */
EscReport *escape_analyze(Package *pkg);

/* Prints the report: level 1 is gc's -m, level 2 adds the reasons and the
   flow paths. file is the name printed before each position. */
void escape_print(const EscReport *r, const char *file, int level, FILE *out);

/* The queries the compiler will use once the VM allocates on the stack
   (valid after escape_analyze). A variable the pass never saw (a global)
   is on the heap. */
bool escape_moved_to_heap(Object *obj);
/* An allocation site: &T{}, new(T), make([]T, n), make(map...), a slice or
   map literal, a func literal, a method value, an interface conversion
   (compile_conv.c's node), string(b) / []byte(s) / []rune(s) / string(r),
   a string concatenation; the implicit slice of a variadic call is keyed
   by its E_CALL. A node the pass never saw is on the heap. */
bool escape_alloc_on_heap(Node *n);
/* Does a closure capture obj by value (1) or by reference (0), as gc's
   capturevars decides? -1: the pass did not see obj. The compiler must
   capture exactly as the analysis assumed. */
int escape_capture_byval(Object *obj);
/* Go 1.19's capture rule as gc applies it (escape.go flowClosure): a
   captured variable never reassigned after its first capture, never
   addressed, at most 128 bytes is copied into the closure. True only for
   variables some literal captures, every one of them by value. */
bool escape_captured_by_value(Object *obj);

#endif
