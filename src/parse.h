/* parse.h — the front door of the re2c lexer and Bison parser (grammar/). */
#ifndef MINI_PARSE_H
#define MINI_PARSE_H

#include <stddef.h>
#include "ast.h"
#include "diag.h"

/* Parses one source file. src must stay alive and be NUL-terminated at
   src[len]. Returns an N_FILE node (possibly partial) and appends syntax
   errors to d; the tree is only meaningful when no syntax error was reported. */
Node *parse_file(const char *filename, const char *src, size_t len, Diags *d);

/* Reads a whole file into a Boehm-allocated, NUL-terminated buffer.
   Returns NULL (errno set) on failure. */
char *read_source(const char *path, size_t *len);

#endif
