/* os.c — the natives of package os.
 *
 * Go: os/proc.go (Args, Exit), runtime/runtime1.go (goargs).
 * os.Args is a package variable: the compiler gives it global words when
 * the program uses it, and runtime.main fills them with runtime_args
 * before main.init runs, as Go's goargs runs before any init.
 */
#include <stdlib.h>
#include <string.h>

#include "natives.h"
#include "throw.h"

#pragma GCC diagnostic ignored "-Wunused-parameter"

/* Go: os.Exit: deferred functions do not run. */
static void os_Exit(G *gp, Slot *a, int n)
{
    vm_exit((int)(a[0].i & 0xff));
}

/* Go: goargs: the []string of the command line (vmconfig: the program's
   path, then its arguments), len == cap. The result slice is rooted while
   each string is made. */
static void os_runtime_args(G *gp, Slot *a, int n)
{
    int argc = vmconfig.argc;
    native_newslice(a, &native_string_td, argc, argc);
    gc_push_root(&a[0].p);
    for (int i = 0; i < argc; i++) {
        Slot s[2];
        native_newstring(s, vmconfig.argv[i], strlen(vmconfig.argv[i]));
        Slot *elems = a[0].p;
        elems[2 * i] = s[0];
        elems[2 * i + 1] = s[1];
    }
    gc_pop_roots(1);
}

/* Go: os.Getenv: [string][key] (an unset variable is ""). */
static void os_Getenv(G *gp, Slot *a, int n)
{
    GoStr key = arg_str(a + 2);
    const char *v = NULL;
    if (key.n > 0 && !memchr(key.p, 0, (size_t)key.n)) {
        char *name = malloc((size_t)key.n + 1);
        if (!name)
            throw("out of memory");
        memcpy(name, key.p, (size_t)key.n);
        name[key.n] = 0;
        v = getenv(name);
        free(name);
    }
    if (v)
        native_newstring(a, v, strlen(v));
    else
        set_str(a, NULL, 0);
}

const Native os_natives[] = {
    { "os", "Getenv", os_Getenv },
    { "os", "Exit", os_Exit },
    { "os", "runtime_args", os_runtime_args },
};
const int nos_natives = sizeof os_natives / sizeof os_natives[0];
