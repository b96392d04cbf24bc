/* os.c — the natives of package os.
 *
 * Go: os/proc.go (Args, Exit), runtime/runtime1.go (goargs), os/file.go
 * (Stdin, Stdout, Stderr, File.Write, File.WriteString).
 * The package's variables get global words when the program uses them,
 * and runtime.main fills them with the "var.NAME" natives before
 * main.init runs, as Go's goargs and package os's init run before any
 * init of main's.
 *
 * Stdin, Stdout and Stderr point to Files in static memory, outside mini's
 * heap (the collector ignores such pointers), so they need no root. Writes
 * to fd 1 go through C's buffered stdout; every other write flushes
 * stdout first, so the output interleaves as Go's unbuffered writes do.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
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

/* Go: os.File (File in os.mini: one word, the descriptor). */
typedef struct File {
    int64_t fd;
} File;

static File stdinFile = { 0 }, stdoutFile = { 1 }, stderrFile = { 2 };

static void var_Stdin(G *gp, Slot *a, int n) { a[0].p = &stdinFile; }
static void var_Stdout(G *gp, Slot *a, int n) { a[0].p = &stdoutFile; }
static void var_Stderr(G *gp, Slot *a, int n) { a[0].p = &stderrFile; }

void os_file_write(G *gp, void *file, const void *p, int64_t len, Slot *res)
{
    const File *f = file;
    res[0].i = 0;
    res[1].p = res[2].p = NULL;
    if (f == NULL) {
        os_errInvalid(res + 1);     /* Go: File.Write on nil: (0, ErrInvalid) */
        return;
    }
    if (len <= 0)
        return;
    if (f->fd == 1) {
        res[0].i = (int64_t)fwrite(p, 1, (size_t)len, stdout);
        return;
    }
    fflush(stdout);
    if (f->fd == 2) {
        res[0].i = (int64_t)fwrite(p, 1, (size_t)len, stderr);
        return;
    }
    ssize_t w = write((int)f->fd, p, (size_t)len);
    res[0].i = w < 0 ? 0 : w;
}

/* (f *File) Write(b []byte) (n int, err error): [n][err 2][f][b 3];
   WriteString the same with s 2 words. */
static void File_Write(G *gp, Slot *a, int n) { os_file_write(gp, a[3].p, a[4].p, a[5].i, a); }

const Native os_natives[] = {
    { "os", "var.Stdin", var_Stdin },
    { "os", "var.Stdout", var_Stdout },
    { "os", "var.Stderr", var_Stderr },
    { "os", "File.Write", File_Write },
    { "os", "File.WriteString", File_Write },
    { "os", "(*File).Write", File_Write },
    { "os", "(*File).WriteString", File_Write },
    { "os", "Getenv", os_Getenv },
    { "os", "Exit", os_Exit },
    { "os", "var.Args", os_runtime_args },
};
const int nos_natives = sizeof os_natives / sizeof os_natives[0];
