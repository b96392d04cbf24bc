/* main.c — the mini command line.
 *
 *   mini check FILE        parse and type-check (exit 2 on errors, like go build)
 *   mini run [flags] FILE [args]   compile to bytecode and run (exit status as go run's program)
 *   mini disasm FILE       print each function's bytecode, slots and stack map
 *   mini escape [-m=N] FILE  print the escape-analysis report (gc's -m format)
 *   mini debug FILE        (later)
 *   mini version | help
 */
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

#include <gc.h>

#include "ast.h"
#include "checker.h"
#include "compile.h"
#include "diag.h"
#include "escape.h"
#include "parse.h"
#include "types.h"
#include "vm.h"

static const char usage_line[] = "usage: mini <command> [arguments]";

static void usage(FILE *out)
{
    fprintf(out, "%s\n", usage_line);
}

static int help(void)
{
    printf("mini is a teaching interpreter for a subset of Go.\n\n");
    usage(stdout);
    printf("\nThe commands are:\n\n"
           "\tcheck FILE    parse and type-check FILE, reporting errors as go build does\n"
           "\trun FILE      run FILE (flags before FILE; arguments after it are os.Args)\n"
           "\tdisasm FILE   print FILE's bytecode, slot kinds and stack maps\n"
           "\tescape FILE   print the escape-analysis report as go build -gcflags='-m -l' does\n"
           "\tdebug FILE    step through FILE (not implemented yet)\n"
           "\tversion       print mini's version\n"
           "\thelp          print this help\n\n"
           "check flags:\n"
           "\t--ast         also print the syntax tree\n"
           "escape flags:\n"
           "\t-m=2          also print each decision's reason and flow path\n"
           "run flags:\n"
           "\t-m, -m=2      print the escape-analysis report to stderr before running\n"
           "\t--max-stack N  a goroutine stack's limit in bytes (default 1000000000, as Go)\n"
           "\t--gc-stress    collect before every allocation\n"
           "\t--gc-verify    check the collector's invariants after each phase\n"
           "\t--gctrace      print a line per collection, as GODEBUG=gctrace=1\n"
           "\t--memstats     print the heap's statistics to stderr at exit\n"
           "\t--stack-stress move the goroutine's stack at every call (tests copystack)\n"
           "\t--seed N       seed the runtime's random source (map iteration order); default: the clock\n"
           "\t--gomaxprocs N the number of Ps (default: $GOMAXPROCS, else the CPU count)\n"
           "\t--faketime     a fake clock that jumps to the next timer when every goroutine is\n"
           "\t               blocked, from 2009-11-10 23:00:00 UTC (Go's playground)\n"
           "\t--schedtrace N print Go's SCHED line every N ms (as GODEBUG=schedtrace=N)\n"
           "\t--scheddetail  with --schedtrace: each P's queue and each goroutine's state\n"
           "\t--chantrace    print every channel operation with hchan's fields before and after\n"
           "\t--trace=FILE   write a goroutine timeline (Chrome trace JSON, opens in Perfetto)\n");
    return 0;
}

/* Parses and checks path. Returns the exit status: 0, or 2 on errors
   (go build's status), or 1 when the file cannot be read. *pkgp gets the
   checked package when it is not NULL. */
static int check_file(const char *path, bool dump_ast, Package **pkgp)
{
    size_t len;
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        fprintf(stderr, "mini: cannot read %s: is a directory (mini runs one .mini file)\n", path);
        return 1;
    }
    char *src = read_source(path, &len);
    if (!src) {
        fprintf(stderr, "mini: cannot read %s: %s\n", path, strerror(errno));
        return 1;
    }
    Diags *d = diag_new(path);
    Node *file = parse_file(path, src, len, d);
    if (dump_ast)
        ast_dump(file, stdout);
    Package *pkg = NULL;
    if (d->nsyntax == 0)
        pkg = check_program(file, d);
    if (pkgp)
        *pkgp = pkg;
    if (diag_count(d) > 0) {
        diag_print(d, stderr);
        return 2;
    }
    return 0;
}

/* -m, -m=N, --m=N: the escape report's level (gc's -m flag). */
static bool parse_mflag(const char *a, int *level)
{
    if (a[0] == '-' && a[1] == '-')
        a++;
    if (strcmp(a, "-m") == 0) {
        *level = 1;
        return true;
    }
    if (strncmp(a, "-m=", 3) == 0 && a[3] >= '1' && a[3] <= '9' && !a[4]) {
        *level = a[3] - '0';
        return true;
    }
    return false;
}

/* mini escape [-m=N] FILE */
static int cmd_escape(int argc, char **argv)
{
    int level = 1;
    const char *path = NULL;
    for (int i = 0; i < argc; i++) {
        if (parse_mflag(argv[i], &level))
            continue;
        if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "mini escape: unknown flag %s\n", argv[i]);
            fprintf(stderr, "usage: mini escape [-m=2] FILE\n");
            return 2;
        }
        if (path) {
            fprintf(stderr, "usage: mini escape [-m=2] FILE\n");
            return 2;
        }
        path = argv[i];
    }
    if (!path) {
        fprintf(stderr, "usage: mini escape [-m=2] FILE\n");
        return 2;
    }
    Package *pkg;
    int rc = check_file(path, false, &pkg);
    if (rc)
        return rc;
    EscReport *r = escape_analyze(pkg);
    escape_print(r, path, level, stdout);
    return 0;
}

/* mini run [flags] FILE [args]: flags end at the first non-flag (the file),
   as `go run` does; the file and what follows are os.Args. */
static int cmd_run(int argc, char **argv)
{
    int mlevel = 0;
    int i = 0;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        const char *a = argv[i];
        const char *val = NULL;
        if (strcmp(a, "--gc-stress") == 0) {
            vmconfig.gcstress = true;
            continue;
        }
        if (strcmp(a, "--gc-verify") == 0) {
            vmconfig.gcverify = true;
            continue;
        }
        if (strcmp(a, "--stack-stress") == 0) {
            vmconfig.stackstress = true;
            continue;
        }
        if (strcmp(a, "--gctrace") == 0) {
            vmconfig.gctrace = true;
            continue;
        }
        if (strcmp(a, "--chantrace") == 0) {
            vmconfig.chantrace = true;
            continue;
        }
        if (strcmp(a, "--scheddetail") == 0) {
            vmconfig.scheddetail = true;
            continue;
        }
        if (strncmp(a, "--trace=", 8) == 0 && a[8]) {
            vmconfig.tracefile = a + 8;
            continue;
        }
        if (strncmp(a, "--schedtrace=", 13) == 0 || (strcmp(a, "--schedtrace") == 0 && i + 1 < argc)) {
            const char *sv = a[12] == '=' ? a + 13 : argv[++i];
            char *end;
            errno = 0;
            long n = strtol(sv, &end, 10);
            if (errno || *end || end == sv || n < 1 || n > 1000000) {
                fprintf(stderr, "mini run: bad --schedtrace value %s (milliseconds, 1 or more)\n", sv);
                return 2;
            }
            vmconfig.schedtrace = (int)n;
            continue;
        }
        if (strcmp(a, "--faketime") == 0) {
            vmconfig.faketime = true;
            continue;
        }
        if (strcmp(a, "--memstats") == 0) {
            vmconfig.memstats = true;
            continue;
        }
        if (parse_mflag(a, &mlevel))
            continue;
        if (strncmp(a, "--seed=", 7) == 0 || (strcmp(a, "--seed") == 0 && i + 1 < argc)) {
            const char *sv = a[6] == '=' ? a + 7 : argv[++i];
            char *end;
            errno = 0;
            unsigned long long n = strtoull(sv, &end, 0);
            if (errno || *end || end == sv || sv[0] == '-') {
                fprintf(stderr, "mini run: bad --seed value %s\n", sv);
                return 2;
            }
            vmconfig.seed = n;
            vmconfig.seedset = true;
            continue;
        }
        if (strncmp(a, "--gomaxprocs=", 13) == 0 || (strcmp(a, "--gomaxprocs") == 0 && i + 1 < argc)) {
            const char *sv = a[12] == '=' ? a + 13 : argv[++i];
            char *end;
            errno = 0;
            long n = strtol(sv, &end, 10);
            if (errno || *end || end == sv || n < 1 || n > 256) {
                fprintf(stderr, "mini run: bad --gomaxprocs value %s (1 to 256)\n", sv);
                return 2;
            }
            vmconfig.gomaxprocs = (int)n;
            continue;
        }
        if (strncmp(a, "--max-stack=", 12) == 0)
            val = a + 12;
        else if (strcmp(a, "--max-stack") == 0 && i + 1 < argc)
            val = argv[++i];
        else {
            fprintf(stderr, "mini run: unknown flag %s\n", a);
            fprintf(stderr, "usage: mini run [--max-stack N] [--seed N] [--gomaxprocs N] [--gc-stress] [--gc-verify] [--gctrace] [--memstats] [--stack-stress] FILE [args]\n");
            return 2;
        }
        char *end;
        errno = 0;
        unsigned long long n = strtoull(val, &end, 10);
        if (errno || *end || end == val || n == 0) {
            fprintf(stderr, "mini run: bad --max-stack value %s\n", val);
            return 2;
        }
        vmconfig.maxstacksize = n;
    }
    if (i >= argc) {
        fprintf(stderr, "usage: mini run [--max-stack N] FILE [args]\n");
        return 2;
    }
    const char *path = argv[i];
    vmconfig.argc = argc - i;
    vmconfig.argv = argv + i;
    Package *pkg;
    int rc = check_file(path, false, &pkg);
    if (rc)
        return rc;
    if (mlevel > 0) {
        EscReport *r = escape_analyze(pkg);
        escape_print(r, path, mlevel, stderr);
        fflush(stderr);
    }
    Program *prog = compile_program(pkg, path, "run");
    if (!prog)
        return 2;
    return vm_run(prog);
}

/* mini disasm FILE */
static int cmd_disasm(int argc, char **argv)
{
    if (argc != 1 || (argv[0][0] == '-' && argv[0][1])) {
        if (argc >= 1 && argv[0][0] == '-')
            fprintf(stderr, "mini disasm: unknown flag %s\n", argv[0]);
        fprintf(stderr, "usage: mini disasm FILE\n");
        return 2;
    }
    Package *pkg;
    int rc = check_file(argv[0], false, &pkg);
    if (rc)
        return rc;
    Program *prog = compile_program(pkg, argv[0], "disasm");
    if (!prog)
        return 2;
    disasm_program(prog, stdout);
    return 0;
}

int main(int argc, char **argv)
{
    GC_INIT();
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0)
        return help();
    if (strcmp(cmd, "version") == 0) {
        printf("mini version %s (go1.19 subset)\n", MINI_VERSION);
        return 0;
    }
    if (strcmp(cmd, "check") == 0) {
        bool dump_ast = false;
        const char *path = NULL;
        for (int i = 2; i < argc; i++) {
            if (strcmp(argv[i], "--ast") == 0) {
                dump_ast = true;
            } else if (argv[i][0] == '-' && argv[i][1]) {
                fprintf(stderr, "mini check: unknown flag %s\n", argv[i]);
                usage(stderr);
                return 2;
            } else if (!path) {
                path = argv[i];
            } else {
                fprintf(stderr, "mini check: only one file may be checked\n");
                usage(stderr);
                return 2;
            }
        }
        if (!path) {
            fprintf(stderr, "usage: mini check [--ast] FILE\n");
            return 2;
        }
        return check_file(path, dump_ast, NULL);
    }
    if (strcmp(cmd, "run") == 0)
        return cmd_run(argc - 2, argv + 2);
    if (strcmp(cmd, "disasm") == 0)
        return cmd_disasm(argc - 2, argv + 2);
    if (strcmp(cmd, "escape") == 0)
        return cmd_escape(argc - 2, argv + 2);
    if (strcmp(cmd, "debug") == 0) {
        fprintf(stderr, "mini %s: not implemented yet\n", cmd);
        return 2;
    }
    fprintf(stderr, "mini: unknown command \"%s\"\n", cmd);
    usage(stderr);
    return 2;
}
