/* fuzz_frontend.c — libFuzzer target: arbitrary bytes through the lexer,
 * parser and type checker. Any crash, sanitizer report or leak is a bug:
 * mini must answer every input with diagnostics. See docs/FUZZING.md. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gc.h>

#include "checker.h"
#include "diag.h"
#include "parse.h"

/* Boehm finds roots on the C stack; ASan's fake stacks would hide them. */
const char *__asan_default_options(void)
{
    return "detect_stack_use_after_return=0";
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    GC_INIT();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *src = GC_MALLOC_ATOMIC(size + 1);
    memcpy(src, data, size);
    src[size] = '\0';
    Diags *d = diag_new("fuzz.mini");
    Node *file = parse_file("fuzz.mini", src, size, d);
    if (d->nsyntax == 0)
        check_program(file, d);
    return 0;
}
