/* main.c — the mini command line.
 *
 *   mini check FILE        parse and type-check (exit 2 on errors, like go build)
 *   mini run FILE          (the VM issue)
 *   mini disasm FILE       (the VM issue)
 *   mini escape FILE       (the escape-analysis issue)
 *   mini debug FILE        (later)
 *   mini version | help
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gc.h>

#include "ast.h"
#include "checker.h"
#include "diag.h"
#include "parse.h"
#include "types.h"

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
           "\trun FILE      run FILE (not implemented yet)\n"
           "\tdisasm FILE   print FILE's bytecode (not implemented yet)\n"
           "\tescape FILE   print the escape-analysis report (not implemented yet)\n"
           "\tdebug FILE    step through FILE (not implemented yet)\n"
           "\tversion       print mini's version\n"
           "\thelp          print this help\n\n"
           "check flags:\n"
           "\t--ast         also print the syntax tree\n");
    return 0;
}

/* Parses and checks path. Returns the exit status: 0, or 2 on errors
   (go build's status), or 1 when the file cannot be read. */
static int check_file(const char *path, bool dump_ast)
{
    size_t len;
    char *src = read_source(path, &len);
    if (!src) {
        fprintf(stderr, "mini: cannot read %s: %s\n", path, strerror(errno));
        return 1;
    }
    Diags *d = diag_new(path);
    Node *file = parse_file(path, src, len, d);
    if (dump_ast)
        ast_dump(file, stdout);
    if (d->nsyntax == 0)
        check_program(file, d);
    if (diag_count(d) > 0) {
        diag_print(d, stderr);
        return 2;
    }
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
        return check_file(path, dump_ast);
    }
    if (strcmp(cmd, "run") == 0 || strcmp(cmd, "disasm") == 0 ||
        strcmp(cmd, "escape") == 0 || strcmp(cmd, "debug") == 0) {
        fprintf(stderr, "mini %s: not implemented yet\n", cmd);
        return 2;
    }
    fprintf(stderr, "mini: unknown command \"%s\"\n", cmd);
    usage(stderr);
    return 2;
}
