/* lexer.re — the re2c scanner for mini's Go subset.
 *
 * Go: cmd/compile/internal/syntax/scanner.go (tokens, semicolon insertion,
 * literal errors in gc's wording and at gc's columns).
 *
 * re2c matches the shape of each token; numbers, strings and runes are then
 * walked by hand, because gc's messages ("invalid digit '8' in octal literal",
 * "'_' must separate successive digits", "unknown escape") point inside the
 * literal and need the exact offending position.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gc.h>

#include "lexer.h"
#include "unicode.h"
#include "parser.h"

void lexer_init(Lexer *lx, const char *filename, const char *src, size_t len, Diags *d)
{
    memset(lx, 0, sizeof *lx);
    lx->filename = filename;
    lx->src = lx->cur = src;
    lx->lim = src + len;
    lx->line = 1;
    lx->linestart = src;
    lx->diags = d;
    lx->lasttext = "";
}

static Pos pos_at(Lexer *lx, const char *p)
{
    return (Pos){ lx->line, (int)(p - lx->linestart) + 1 };
}

static void lex_error(Lexer *lx, const char *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void lex_error(Lexer *lx, const char *at, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    /* gc counts only "syntax error: ..." messages as syntax errors; a
       scanner error lets type checking run, on the token as scanned. */
    diag_error(lx->diags, pos_at(lx, at), "%s", buf);
}

static void newline(Lexer *lx, const char *nl)
{
    lx->line++;
    lx->linestart = nl + 1;
}

static void hack_push(Lexer *lx)
{
    if (lx->hacksp == lx->hackcap) {
        lx->hackcap = lx->hackcap ? 2 * lx->hackcap : 16;
        int *n = GC_MALLOC_ATOMIC(sizeof(int) * (size_t)lx->hackcap);
        if (lx->hacksp)
            memcpy(n, lx->hackstack, sizeof(int) * (size_t)lx->hacksp);
        lx->hackstack = n;
    }
    lx->hackstack[lx->hacksp++] = lx->loophack;
    lx->loophack = 0;
}

static void hack_pop(Lexer *lx)
{
    if (lx->hacksp > 0)
        lx->loophack = lx->hackstack[--lx->hacksp];
}

/* ---- UTF-8 ---- */

/* Decodes one rune at p (p < lim) with Go's rules (overlong forms and
   surrogates are invalid). Returns its length; *r = RuneError on error. */
static int utf8_decode(const unsigned char *p, const unsigned char *lim, int32_t *r)
{
    int size;
    *r = utf8_DecodeRune(p, (size_t)(lim - p), &size);
    return size;
}

/* Go's source reader decodes every byte of the file as UTF-8. Returns the
   length of the rune at p (1 for an invalid byte, which is reported). */
static int utf8_check(Lexer *lx, const char *p)
{
    if ((unsigned char)*p < 0x80)
        return 1;
    int32_t r;
    int n = utf8_decode((const unsigned char *)p, (const unsigned char *)lx->lim, &r);
    if (r == 0xFFFD && n == 1)
        lex_error(lx, p, "invalid UTF-8 encoding");
    return n;
}

/* ---- numbers ---- */

static int digitval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return 16;
}

/* Scans digits valid in base (2, 8, 10 or 16) and '_' separators. Decimal
   digits are consumed in bases 2 and 8 too, so that gc's "invalid digit"
   error can point at the first one too large (*invalid). Returns a bitmask:
   1 = saw a digit, 2 = saw a '_'. */
static int scan_digits(Lexer *lx, int base, const char **invalid)
{
    int ds = 0;
    for (;; lx->cur++) {
        unsigned char c = (unsigned char)*lx->cur;
        if (base <= 10 && c >= '0' && c <= '9') {
            if (c - '0' >= base && *invalid == NULL)
                *invalid = lx->cur;
            ds |= 1;
        } else if (base == 16 && digitval(c) < 16) {
            ds |= 1;
        } else if (c == '_') {
            ds |= 2;
        } else {
            return ds;
        }
    }
}

/* Returns the position of the first misplaced '_' in s..e, or NULL.
   Go: a '_' must separate successive digits (it may follow the base prefix). */
static const char *invalid_sep(const char *s, const char *e)
{
    char x1 = ' ';  /* prefix char, we only care if it's 'x' */
    char d = '.';   /* digit, one of '_', '0' (a digit), or '.' (anything else) */
    const char *p = s;
    if (e - s >= 2 && s[0] == '0') {
        char c = (char)(s[1] | 0x20);
        if (c == 'x' || c == 'o' || c == 'b') {
            x1 = c;
            d = '0';
            p = s + 2;
        }
    }
    for (; p < e; p++) {
        char p0 = d;
        d = *p;
        if (d == '_') {
            if (p0 != '0') return p;
        } else if ((d >= '0' && d <= '9') || (x1 == 'x' && digitval((unsigned char)d) < 16)) {
            d = '0';
        } else {
            if (p0 == '_') return p - 1;
            d = '.';
        }
    }
    if (d == '_') return e - 1;
    return NULL;
}

static int scan_number(Lexer *lx, YYSTYPE *lval, Pos pos)
{
    int nerr = lx->diags->len;
    const char *start = lx->tok;
    lx->cur = start;
    int base = 10;
    char prefix = 0;
    int digsep = 0;
    const char *invalid = NULL;
    bool isfloat = false;
    const char *kind;

    if (*lx->cur != '.') {
        if (*lx->cur == '0') {
            lx->cur++;
            switch (*lx->cur | 0x20) {
            case 'x': lx->cur++; base = 16; prefix = 'x'; break;
            case 'o': lx->cur++; base = 8; prefix = 'o'; break;
            case 'b': lx->cur++; base = 2; prefix = 'b'; break;
            default: prefix = '0'; digsep = 1; break; /* leading 0: octal, or a float */
            }
        }
        digsep |= scan_digits(lx, base, &invalid);
        if (*lx->cur == '.' && prefix != 'o' && prefix != 'b')
            goto fraction;
        if (!(digsep & 1) && prefix != '0') {
            kind = base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary";
            lex_error(lx, lx->cur, "%s literal has no digits", kind);
        }
    } else {
    fraction:
        isfloat = true;
        if (prefix == 'o' || prefix == 'b') {
            lex_error(lx, lx->cur, "invalid radix point in %s literal", prefix == 'o' ? "octal" : "binary");
        }
        lx->cur++;
        digsep |= scan_digits(lx, base, &invalid);
    }

    char e = (char)(*lx->cur | 0x20);
    if (e == 'e' || e == 'p') {
        if (e == 'e' && prefix != 0 && prefix != '0') {
            lex_error(lx, lx->cur, "'%c' exponent requires decimal mantissa", *lx->cur);
        } else if (e == 'p' && prefix != 'x') {
            lex_error(lx, lx->cur, "'%c' exponent requires hexadecimal mantissa", *lx->cur);
        }
        lx->cur++;
        isfloat = true;
        if (*lx->cur == '+' || *lx->cur == '-')
            lx->cur++;
        const char *dummy = NULL;
        int ds = scan_digits(lx, 10, &dummy);
        digsep |= ds;
        if (!(ds & 1))
            lex_error(lx, lx->cur, "exponent has no digits");
    } else if (prefix == 'x' && isfloat) {
        lex_error(lx, lx->cur, "hexadecimal mantissa requires a 'p' exponent");
    }

    int tok = isfloat ? FLOAT : INT;
    if (*lx->cur == 'i') {
        lx->cur++;
        tok = IMAG;
    }
    if (tok == INT && invalid) {
        kind = base == 8 ? "octal" : "binary";
        lex_error(lx, invalid, "invalid digit '%c' in %s literal", *invalid, kind);
    } else if (tok == INT && prefix == '0') {
        for (const char *p = start; p < lx->cur; p++)
            if (*p == '8' || *p == '9') {
                lex_error(lx, p, "invalid digit '%c' in octal literal", *p);
                break;
            }
    }
    if (digsep & 2) {
        const char *bad = invalid_sep(start, lx->cur);
        if (bad)
            lex_error(lx, bad, "'_' must separate successive digits");
    }
    Node *n = ast_new(tok == INT ? E_INTLIT : tok == FLOAT ? E_FLOATLIT : E_IMAGLIT, pos);
    n->u.lit.raw = ast_strndup(start, (size_t)(lx->cur - start));
    n->u.lit.bad = lx->diags->len > nerr;
    lval->node = n;
    return tok;
}

/* ---- strings and runes ---- */

/* Scans one escape after a backslash at lx->cur (pointing past '\').
   quote is '"' or '\''. Appends the decoded bytes to out (which has room for 4).
   Returns the number of bytes written, -1 on error (already reported). */
static int scan_escape(Lexer *lx, char quote, char *out)
{
    const char *p = lx->cur;
    int n, base;
    uint32_t max;
    switch (*p) {
    case 'a': lx->cur++; out[0] = '\a'; return 1;
    case 'b': lx->cur++; out[0] = '\b'; return 1;
    case 'f': lx->cur++; out[0] = '\f'; return 1;
    case 'n': lx->cur++; out[0] = '\n'; return 1;
    case 'r': lx->cur++; out[0] = '\r'; return 1;
    case 't': lx->cur++; out[0] = '\t'; return 1;
    case 'v': lx->cur++; out[0] = '\v'; return 1;
    case '\\': lx->cur++; out[0] = '\\'; return 1;
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
        n = 3; base = 8; max = 255;
        break;
    case 'x': lx->cur++; n = 2; base = 16; max = 255; break;
    case 'u': lx->cur++; n = 4; base = 16; max = 0x10FFFF; break;
    case 'U': lx->cur++; n = 8; base = 16; max = 0x10FFFF; break;
    default:
        if (*p == quote) {
            lx->cur++;
            out[0] = quote;
            return 1;
        }
        if (lx->cur >= lx->lim)
            return -1; /* not terminated: reported by the caller */
        lex_error(lx, p, "unknown escape");
        return -1;
    }
    uint32_t x = 0;
    for (int i = n; i > 0; i--) {
        if (lx->cur >= lx->lim)
            return -1;
        int d = digitval((unsigned char)*lx->cur);
        if (d >= base) {
            const char *what = base == 8 ? "octal" : "hexadecimal";
            if (*lx->cur == '\n')
                lex_error(lx, lx->cur, "newline in %s escape", what);
            else if (*lx->cur == quote)
                lex_error(lx, lx->cur, "invalid character %s in %s escape",
                          quote == '"' ? "'\"'" : "'\\''", what);
            else
                lex_error(lx, lx->cur, "invalid character '%c' in %s escape", *lx->cur, what);
            return -1;
        }
        x = x * (uint32_t)base + (uint32_t)d;
        lx->cur++;
    }
    if (x > max && base == 8) {
        lex_error(lx, lx->cur, "octal escape value %u > 255", x);
        return -1;
    }
    if (x > max || (x >= 0xD800 && x < 0xE000)) {
        lex_error(lx, lx->cur, "escape is invalid Unicode code point U+%04X", x);
        return -1;
    }
    if (n <= 3 && (base == 8 || n == 2)) {
        out[0] = (char)x; /* \x and octal escapes are bytes, not runes */
        return 1;
    }
    return utf8_EncodeRune((uint8_t *)out, (int32_t)x);
}

typedef struct Buf {
    char *p;
    size_t len, cap;
} Buf;

static void buf_put(Buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t nc = b->cap ? b->cap * 2 : 64;
        while (nc < b->len + n + 1) nc *= 2;
        char *np = GC_MALLOC_ATOMIC(nc);
        if (b->len) memcpy(np, b->p, b->len);
        b->p = np;
        b->cap = nc;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static int scan_string(Lexer *lx, YYSTYPE *lval, Pos pos)
{
    int nerr = lx->diags->len;
    Buf b = {0};
    buf_put(&b, "", 0);
    for (;;) {
        if (lx->cur >= lx->lim) {
            lex_error(lx, lx->tok, "string not terminated");
            break;
        }
        char c = *lx->cur;
        if (c == '"') { lx->cur++; break; }
        if (c == '\n') {
            lex_error(lx, lx->cur, "newline in string");
            break;
        }
        if (c == '\\') {
            char out[4];
            lx->cur++;
            int n = scan_escape(lx, '"', out);
            if (n > 0) buf_put(&b, out, (size_t)n);
            continue;
        }
        int len = utf8_check(lx, lx->cur);
        buf_put(&b, lx->cur, (size_t)len);
        lx->cur += len;
    }
    Node *n = ast_new(E_STRINGLIT, pos);
    n->u.lit.raw = ast_strndup(lx->tok, (size_t)(lx->cur - lx->tok));
    n->u.lit.str = b.p;
    n->u.lit.len = b.len;
    n->u.lit.bad = lx->diags->len > nerr;
    lval->node = n;
    return STRING;
}

static int scan_rawstring(Lexer *lx, YYSTYPE *lval, Pos pos)
{
    int nerr = lx->diags->len;
    Buf b = {0};
    buf_put(&b, "", 0);
    for (;;) {
        if (lx->cur >= lx->lim) {
            lex_error(lx, lx->tok, "string not terminated");
            break;
        }
        char c = *lx->cur;
        if ((unsigned char)c >= 0x80) {
            int len = utf8_check(lx, lx->cur);
            buf_put(&b, lx->cur, (size_t)len);
            lx->cur += len;
            continue;
        }
        lx->cur++;
        if (c == '`') break;
        if (c == '\n') newline(lx, lx->cur - 1);
        if (c == '\r') continue; /* Go drops carriage returns from raw strings */
        buf_put(&b, &c, 1);
    }
    Node *n = ast_new(E_STRINGLIT, pos);
    n->u.lit.raw = ast_strndup(lx->tok, (size_t)(lx->cur - lx->tok));
    n->u.lit.str = b.p;
    n->u.lit.len = b.len;
    n->u.lit.bad = lx->diags->len > nerr;
    lval->node = n;
    return STRING;
}

static int scan_rune(Lexer *lx, YYSTYPE *lval, Pos pos)
{
    int nerr = lx->diags->len;
    int count = 0;
    int32_t r = 0;
    bool ok = true;
    for (;;) {
        if (lx->cur >= lx->lim) {
            if (ok) lex_error(lx, lx->tok, "rune literal not terminated");
            ok = false;
            break;
        }
        char c = *lx->cur;
        if (c == '\'') {
            if (count == 0 && ok) {
                lex_error(lx, lx->cur, "empty rune literal or unescaped ' in rune literal");
                ok = false;
            }
            lx->cur++;
            break;
        }
        if (c == '\n') {
            if (ok) lex_error(lx, lx->cur, "newline in rune literal");
            ok = false;
            break;
        }
        if (c == '\\') {
            char out[4];
            lx->cur++;
            const char *esc = lx->cur;
            int n = scan_escape(lx, '\'', out);
            if (n < 0) { ok = false; continue; }
            if (n == 1 && (*esc == 'x' || (*esc >= '0' && *esc <= '7')))
                r = (unsigned char)out[0];
            else
                utf8_decode((const unsigned char *)out, (const unsigned char *)out + n, &r);
        } else {
            lx->cur += utf8_decode((const unsigned char *)lx->cur, (const unsigned char *)lx->lim, &r);
        }
        count++;
    }
    if (ok && count > 1)
        lex_error(lx, lx->tok, "more than one character in rune literal");
    Node *n = ast_new(E_RUNELIT, pos);
    n->u.lit.raw = ast_strndup(lx->tok, (size_t)(lx->cur - lx->tok));
    n->u.lit.rune = r;
    n->u.lit.bad = lx->diags->len > nerr;
    lval->node = n;
    return CHAR;
}

/* Skips a block comment whose "/" is at lx->tok. Returns true when it spans a newline. */
static bool skip_block_comment(Lexer *lx)
{
    bool nl = false;
    lx->cur = lx->tok + 2;
    for (;;) {
        if (lx->cur >= lx->lim) {
            lex_error(lx, lx->tok, "comment not terminated");
            return nl;
        }
        if (lx->cur[0] == '*' && lx->cur + 1 < lx->lim && lx->cur[1] == '/') {
            lx->cur += 2;
            return nl;
        }
        if (*lx->cur == '\n') {
            nl = true;
            newline(lx, lx->cur);
        }
        lx->cur += utf8_check(lx, lx->cur);   /* gc decodes comments too */
    }
}

/* ---- the scanner proper ---- */

static int finish(Lexer *lx, YYLTYPE *lloc, Pos pos, int tok, const char *text)
{
    lloc->first_line = lloc->last_line = pos.line;
    lloc->first_column = lloc->last_column = pos.col;
    lx->prevtok = lx->lasttok;
    lx->prevtext = lx->lasttext;
    memmove(lx->hist, lx->hist + 1, sizeof lx->hist - sizeof lx->hist[0]);
    memmove(lx->histpos, lx->histpos + 1, sizeof lx->histpos - sizeof lx->histpos[0]);
    lx->hist[5] = tok;
    lx->histpos[5] = pos;
    if (tok == ';' && text && strcmp(text, "newline") == 0)
        lx->nlsemi_pos = pos;
    lx->lasttok = tok;
    lx->lasttext = text;
    lx->lastpos = pos;
    switch (tok) {
    case IDENT: case INT: case FLOAT: case IMAG: case CHAR: case STRING:
    case BREAK: case CONTINUE: case FALLTHROUGH: case RETURN:
    case INC: case DEC: case ')': case ']': case '}':
        lx->nlsemi = true;
        break;
    default:
        lx->nlsemi = false;
    }
    if (tok == '{' || tok == LBODY) {
        if (lx->nbraces == lx->bracecap) {
            lx->bracecap = lx->bracecap ? 2 * lx->bracecap : 32;
            char *nb = GC_MALLOC_ATOMIC((size_t)lx->bracecap);
            if (lx->nbraces)
                memcpy(nb, lx->braces, (size_t)lx->nbraces);
            lx->braces = nb;
        }
        lx->braces[lx->nbraces++] = lx->prevtok == STRUCT ? 's' : lx->prevtok == INTERFACE ? 'i' : 'b';
    } else if (tok == '}' && lx->nbraces > 0) {
        lx->nbraces--;
    }
    switch (tok) {
    case IF: case FOR: case SWITCH: case SELECT:
        lx->loophack = 1;
        lx->clause = text;
        break;
    case '(': case '[': hack_push(lx); break;
    case ')': case ']': hack_pop(lx); break;
    default: break;
    }
    return tok;
}

#define TOK(t) return finish(lx, lloc, pos, (t), ast_strndup(lx->tok, (size_t)(lx->cur - lx->tok)))

int yylex(YYSTYPE *lval, YYLTYPE *lloc, Lexer *lx)
{
    for (;;) {
    again:
        lx->tok = lx->cur;
        Pos pos = pos_at(lx, lx->tok);
        /*!re2c
        re2c:define:YYCTYPE = "unsigned char";
        re2c:define:YYCURSOR = "lx->cur";
        re2c:define:YYMARKER = "lx->mar";
        re2c:define:YYLIMIT = "lx->lim";
        re2c:yyfill:enable = 0;
        re2c:eof = 0;

        $ {
            lx->cur = lx->lim;
            if (lx->nlsemi) {
                lx->nlsemi = false;
                return finish(lx, lloc, pos, ';', "EOF");
            }
            lloc->first_line = lloc->last_line = pos.line;
            lloc->first_column = lloc->last_column = pos.col;
            lx->lasttok = 0;
            lx->lasttext = "EOF";
            lx->lastpos = pos;
            return 0;
        }
        [ \t\r]+ { continue; }
        "\n" {
            bool semi = lx->nlsemi;
            newline(lx, lx->tok);
            if (semi) {
                lx->nlsemi = false;
                return finish(lx, lloc, pos, ';', "newline");
            }
            continue;
        }
        "//" [^\n\x00]* {
            for (const char *c = lx->tok + 2; c < lx->cur;)
                c += utf8_check(lx, c);     /* gc decodes comments too */
            continue;
        }
        "/*" {
            bool semi = lx->nlsemi;
            if (skip_block_comment(lx) && semi) {
                lx->nlsemi = false;
                return finish(lx, lloc, pos, ';', "newline");
            }
            continue;
        }

        "break"       { TOK(BREAK); }
        "case"        { TOK(CASE); }
        "chan"        { TOK(CHAN); }
        "const"       { TOK(CONST); }
        "continue"    { TOK(CONTINUE); }
        "default"     { TOK(DEFAULT); }
        "defer"       { TOK(DEFER); }
        "else"        { TOK(ELSE); }
        "fallthrough" { TOK(FALLTHROUGH); }
        "for"         { TOK(FOR); }
        "func"        { TOK(FUNC); }
        "go"          { TOK(GO); }
        "goto"        { TOK(GOTO); }
        "if"          { TOK(IF); }
        "import"      { TOK(IMPORT); }
        "interface"   { TOK(INTERFACE); }
        "map"         { TOK(MAP); }
        "package"     { TOK(PACKAGE); }
        "range"       { TOK(RANGE); }
        "return"      { TOK(RETURN); }
        "select"      { TOK(SELECT); }
        "struct"      { TOK(STRUCT); }
        "switch"      { TOK(SWITCH); }
        "type"        { TOK(TYPE); }
        "var"         { TOK(VAR); }

        [a-zA-Z_][a-zA-Z_0-9]* [\x80-\xff]? {
            if ((unsigned char)lx->cur[-1] >= 0x80) {
                lx->cur--;
                goto nonascii;
            }
            char *name = ast_strndup(lx->tok, (size_t)(lx->cur - lx->tok));
            lval->node = ast_ident(pos, name);
            return finish(lx, lloc, pos, IDENT, name);
        }
        [\x80-\xff] {
            lx->cur--;
            goto nonascii;
        }

        [0-9] | "." [0-9] { int t = scan_number(lx, lval, pos); return finish(lx, lloc, pos, t, lval->node->u.lit.raw); }

        "\"" { int t = scan_string(lx, lval, pos); return finish(lx, lloc, pos, t, lval->node->u.lit.raw); }
        "`"  { int t = scan_rawstring(lx, lval, pos); return finish(lx, lloc, pos, t, lval->node->u.lit.raw); }
        "'"  { int t = scan_rune(lx, lval, pos); return finish(lx, lloc, pos, t, lval->node->u.lit.raw); }

        "<<="  { TOK(SHL_ASSIGN); }
        ">>="  { TOK(SHR_ASSIGN); }
        "&^="  { TOK(AND_NOT_ASSIGN); }
        "..."  { TOK(ELLIPSIS); }
        "+="   { TOK(ADD_ASSIGN); }
        "-="   { TOK(SUB_ASSIGN); }
        "*="   { TOK(MUL_ASSIGN); }
        "/="   { TOK(QUO_ASSIGN); }
        "%="   { TOK(REM_ASSIGN); }
        "&="   { TOK(AND_ASSIGN); }
        "|="   { TOK(OR_ASSIGN); }
        "^="   { TOK(XOR_ASSIGN); }
        "<<"   { TOK(SHL); }
        ">>"   { TOK(SHR); }
        "&^"   { TOK(AND_NOT); }
        "&&"   { TOK(LAND); }
        "||"   { TOK(LOR); }
        "<-"   { TOK(ARROW); }
        "++"   { TOK(INC); }
        "--"   { TOK(DEC); }
        "=="   { TOK(EQL); }
        "!="   { TOK(NEQ); }
        "<="   { TOK(LEQ); }
        ">="   { TOK(GEQ); }
        ":="   { TOK(DEFINE); }
        "{" {
            if (lx->loophack == 1) {
                lx->loophack = 0;
                return finish(lx, lloc, pos, LBODY, "{");
            }
            TOK('{');
        }
        "}" {
            if (lx->skipbraces > 0) {
                lx->skipbraces--;
                if (lx->nbraces > 0)
                    lx->nbraces--;
                lx->nlsemi = true;
                continue;
            }
            TOK('}');
        }
        [-+*/%&|^<>=!()[\],;.:~] { TOK(lx->tok[0]); }

        * {
            unsigned char c = (unsigned char)lx->tok[0];
            if (c == 0)
                lex_error(lx, lx->tok, "invalid NUL character");
            else if (c < 0x20 || c == 0x7f)
                lex_error(lx, lx->tok, "invalid character %#02x", c);
            else
                lex_error(lx, lx->tok, "invalid character U+%04X '%c'", c, c);
            continue;
        }
        */
    nonascii:
        {
            /* An identifier holding non-ASCII letters. The first bad rune
               draws one error; the rest of the word is taken as part of it. */
            bool bad = false;
            while (lx->cur < lx->lim) {
                unsigned char c = (unsigned char)*lx->cur;
                if (c < 0x80) {
                    if (c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9')) {
                        lx->cur++;
                        continue;
                    }
                    break;
                }
                int32_t r;
                const char *p = lx->cur;
                int n = utf8_decode((const unsigned char *)p, (const unsigned char *)lx->lim, &r);
                if (r == 0xFEFF && p == lx->src) {
                    lx->cur += n; /* a byte order mark at the start is ignored, as by gc */
                    goto again;
                }
                /* Go: a letter starts an identifier; letters and digits continue it */
                if (!bad && !(unicode_IsLetter(r) || (p != lx->tok && unicode_IsDigit(r)))) {
                    char ch[5] = {0};
                    memcpy(ch, p, (size_t)n);
                    if (r == 0xFFFD && n == 1)
                        lex_error(lx, p, "invalid UTF-8 encoding");
                    else if (p == lx->tok && unicode_IsDigit(r))
                        lex_error(lx, p, "identifier cannot begin with digit U+%04X '%s'", (unsigned)r, ch);
                    else if (p == lx->tok)
                        lex_error(lx, p, "invalid character U+%04X '%s'", (unsigned)r, ch);
                    else
                        lex_error(lx, p, "invalid character U+%04X '%s' in identifier", (unsigned)r, ch);
                    bad = true;
                    if (p == lx->tok && !unicode_IsDigit(r)) {
                        lx->cur += n;
                        goto again;
                    }
                }
                lx->cur += n;
            }
            char *name = ast_strndup(lx->tok, (size_t)(lx->cur - lx->tok));
            lval->node = ast_ident(pos, name);
            return finish(lx, lloc, pos, IDENT, name);
        }
    }
}
