/* parse_util.h — helpers the grammar's actions call to build the AST.
 *
 * Go: cmd/compile/internal/syntax/parser.go does these checks inline
 * (paramList's named/unnamed rule, header(), the const iota bookkeeping).
 */
#ifndef MINI_PARSE_UTIL_H
#define MINI_PARSE_UTIL_H

#include "ast.h"
#include "lexer.h"

/* A syntax error: type checking will not run. */
void pu_error_at(Lexer *lx, Pos pos, const char *msg);
/* An error gc's parser reports but that lets type checking go on. */
void pu_error(Lexer *lx, Pos pos, const char *msg);
/* Appends a top-level declaration, flattening groups. */
void pu_push_decl(NodeList *decls, Node *d);
Node *pu_group(int tok, Pos pos, NodeList *specs);
Node *pu_valuespec(NodeKind kind, NodeList *names, Node *type, NodeList *values);
/* Numbers const specs (iota) and copies the previous values into implicit ones. */
NodeList *pu_const_list(Lexer *lx, NodeList *specs);
Node *pu_funcdecl(Lexer *lx, Pos pos, NodeList *recv, Node *name, Pos lparen,
                  NodeList *params, NodeList *results, Node *body);
/* Decides which bare entries of a parameter list are names (a, b int). */
NodeList *pu_params(Lexer *lx, NodeList *fields);
/* After a composite or func literal: re-arms LBODY if the literal took it. */
void pu_fixlbrace(Lexer *lx, int lbrace);
/* The condition of an if/for header: must be an expression statement. */
Node *pu_cond(Lexer *lx, Node *stmt, const char *what);
Node *pu_range(Lexer *lx, NodeList *lhs, int op, Node *x, Pos rangepos);
Node *pu_switch(Lexer *lx, Pos pos, Node *header, NodeList *clauses, Pos rbrace);
Node *pu_select(Lexer *lx, Pos pos, NodeList *clauses, Pos rbrace);
Node *pu_binary(int op, Pos pos, Node *x, Node *y);
Node *pu_unary(int op, Pos pos, Node *x);
/* go/defer x: reports (as gc's parser, without stopping type checking) an
   x that is parenthesized or not a call, and repairs it into the call x(). */
Node *pu_callstmt(Lexer *lx, NodeKind kind, Pos pos, Node *x);
/* An expression statement; x <- y becomes a send statement. */
Node *pu_exprstmt(Node *x);
/* Token descriptions for messages: "newline", "name x" style as gc. */
const char *pu_describe(int tok, const char *text);
const char *pu_symname_text(const char *symname);
/* Post-parse checks that need the whole tree (sends used as values). */
void pu_validate(Lexer *lx, Node *file);

#endif
