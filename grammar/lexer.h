/* lexer.h — the re2c scanner's state, shared by lexer.re and parser.y.
 *
 * Go: cmd/compile/internal/syntax/scanner.go.
 *
 * Invariants:
 *  - src[len] == '\0'; the scanner stops at the first NUL at or past lim.
 *  - nlsemi is true exactly when a newline or EOF here must become ';'
 *    (the last token was an identifier, literal, one of the keywords break
 *    continue fallthrough return, or one of ++ -- ) ] }).
 *  - loophack follows Go's old yacc lexer: an if/for/switch/select keyword
 *    arms it, ( and [ save it on a stack and disarm it, ) and ] restore it,
 *    and an armed { becomes LBODY and disarms it. The parser re-arms it when
 *    a composite literal or func literal has consumed the LBODY.
 */
#ifndef MINI_LEXER_H
#define MINI_LEXER_H

#include <stdbool.h>
#include "ast.h"
#include "diag.h"

typedef struct Lexer {
    const char *filename;
    const char *src, *cur, *lim, *tok, *mar;
    int line;
    const char *linestart;   /* first byte of the current line */
    bool nlsemi;
    int loophack;
    int *hackstack; int hacksp, hackcap;
    Diags *diags;
    /* The last token returned, for syntax error messages. */
    int lasttok;
    const char *lasttext;    /* "newline", "EOF", a name, a literal's text ... */
    Pos lastpos;
    int prevtok;             /* the token before lasttok */
    int hist[6];             /* the last six tokens, hist[5] newest: spots generics */
    Pos histpos[6];
    const char *prevtext;
    Pos nlsemi_pos;          /* where the latest newline became a ';' */
    char *braces; int nbraces, bracecap;  /* open braces: 's' struct, 'i' interface, 'b' other */
    int errline;             /* line of the latest syntax error */
    bool balanced_recovery;  /* see %destructor in parser.y */
    int skipbraces;          /* '}'s to swallow: their '{' was discarded by error recovery */
    const char *clause;      /* "if", "for", "switch" or "select": the latest header keyword */
} Lexer;


void lexer_init(Lexer *lx, const char *filename, const char *src, size_t len, Diags *d);

#endif
