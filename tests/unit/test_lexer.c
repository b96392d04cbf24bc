/* test_lexer.c — Check unit tests for grammar/lexer.re: every token kind,
 * semicolon insertion, literal edge cases and gc's lexical error messages. */
#include <check.h>
#include <gc.h>
#include <stdlib.h>
#include <string.h>

#include "lexer.h"
#include "parser.h"

/* Lexes src and renders the tokens as "kind(text) ..." for comparison. */
static const char *lex_all(const char *src, Diags **out_diags)
{
    static char buf[4096];
    Lexer lx;
    Diags *d = diag_new("t.go");
    lexer_init(&lx, "t.go", src, strlen(src), d);
    buf[0] = 0;
    for (int i = 0; i < 200; i++) {
        YYSTYPE v;
        YYLTYPE l;
        int t = yylex(&v, &l, &lx);
        if (t == 0)
            break;
        char one[256];
        switch (t) {
        case IDENT: snprintf(one, sizeof one, "ID(%s)", v.node->u.ident.name); break;
        case INT: snprintf(one, sizeof one, "INT(%s)", v.node->u.lit.raw); break;
        case FLOAT: snprintf(one, sizeof one, "FLOAT(%s)", v.node->u.lit.raw); break;
        case IMAG: snprintf(one, sizeof one, "IMAG(%s)", v.node->u.lit.raw); break;
        case CHAR: snprintf(one, sizeof one, "CHAR(%d)", v.node->u.lit.rune); break;
        case STRING: snprintf(one, sizeof one, "STR(%s)", v.node->u.lit.str); break;
        case ';': snprintf(one, sizeof one, ";(%s)", lx.lasttext); break;
        case LBODY: snprintf(one, sizeof one, "LBODY"); break;
        default: snprintf(one, sizeof one, "%s", lx.lasttext); break;
        }
        if (buf[0])
            strcat(buf, " ");
        strncat(buf, one, sizeof buf - strlen(buf) - 1);
    }
    if (out_diags)
        *out_diags = d;
    return buf;
}

static const char *first_error(const char *src)
{
    Diags *d;
    lex_all(src, &d);
    if (d->len == 0)
        return "";
    static char buf[512];
    snprintf(buf, sizeof buf, "%d:%d: %s", d->items[0].pos.line, d->items[0].pos.col, d->items[0].msg);
    return buf;
}

START_TEST(test_operators)
{
    ck_assert_str_eq(lex_all("+ - * / % & | ^ << >> &^ += -= *= /= %= &= |= ^= <<= >>= &^=", NULL),
                     "+ - * / % & | ^ << >> &^ += -= *= /= %= &= |= ^= <<= >>= &^=");
    ck_assert_str_eq(lex_all("&& || <- ++ -- == < > = ! != <= >= := ... ( [ ] ) , ; . :", NULL),
                     "&& || <- ++ -- == < > = ! != <= >= := ... ( [ ] ) , ;(;) . :");
}
END_TEST

START_TEST(test_keywords)
{
    ck_assert_str_eq(lex_all("break case chan const continue default defer else fallthrough for", NULL),
                     "break case chan const continue default defer else fallthrough for");
    ck_assert_str_eq(lex_all("func go goto if import interface map package range return select struct switch type var", NULL),
                     "func go goto if import interface map package range return select struct switch type var");
    ck_assert_str_eq(lex_all("format iffy _x x_1", NULL), "ID(format) ID(iffy) ID(_x) ID(x_1) ;(EOF)");
}
END_TEST

START_TEST(test_semicolons)
{
    /* after an identifier, literal, keyword break/continue/fallthrough/return, ++ -- ) ] } */
    ck_assert_str_eq(lex_all("x\n1\n'a'\n\"s\"\nbreak\nreturn\ni++\n)\n]\n}\n", NULL),
                     "ID(x) ;(newline) INT(1) ;(newline) CHAR(97) ;(newline) STR(s) ;(newline) "
                     "break ;(newline) return ;(newline) ID(i) ++ ;(newline) ) ;(newline) ] ;(newline) } ;(newline)");
    /* not after operators or other keywords */
    ck_assert_str_eq(lex_all("x +\ny\nfunc\n(", NULL), "ID(x) + ID(y) ;(newline) func (");
    /* a block comment holding a newline counts as one; a line comment does not hide the newline */
    ck_assert_str_eq(lex_all("x /* a\nb */ y // c\nz", NULL), "ID(x) ;(newline) ID(y) ;(newline) ID(z) ;(EOF)");
    ck_assert_str_eq(lex_all("x /* same line */ y", NULL), "ID(x) ID(y) ;(EOF)");
}
END_TEST

START_TEST(test_numbers)
{
    ck_assert_str_eq(lex_all("0 42 1_000 0x1F 0XaB 0o17 0O7 017 0b101 0B1_1", NULL),
                     "INT(0) INT(42) INT(1_000) INT(0x1F) INT(0XaB) INT(0o17) INT(0O7) INT(017) INT(0b101) INT(0B1_1) ;(EOF)");
    ck_assert_str_eq(lex_all("1.5 .5 1. 1e10 1E-3 0x1p4 0x1.8p-2 089.5 1_0.2_5", NULL),
                     "FLOAT(1.5) FLOAT(.5) FLOAT(1.) FLOAT(1e10) FLOAT(1E-3) FLOAT(0x1p4) FLOAT(0x1.8p-2) FLOAT(089.5) FLOAT(1_0.2_5) ;(EOF)");
    ck_assert_str_eq(lex_all("2i 1.5i", NULL), "IMAG(2i) IMAG(1.5i) ;(EOF)");
    ck_assert_str_eq(lex_all("x.y 1..2", NULL), "ID(x) . ID(y) FLOAT(1.) FLOAT(.2) ;(EOF)");
}
END_TEST

START_TEST(test_number_errors)
{
    ck_assert_str_eq(first_error("z := 08"), "1:7: invalid digit '8' in octal literal");
    ck_assert_str_eq(first_error("x := 0x"), "1:8: hexadecimal literal has no digits");
    ck_assert_str_eq(first_error("x := 0o"), "1:8: octal literal has no digits");
    ck_assert_str_eq(first_error("x := 0b12"), "1:9: invalid digit '2' in binary literal");
    ck_assert_str_eq(first_error("y := 1_"), "1:7: '_' must separate successive digits");
    ck_assert_str_eq(first_error("s := 1__2"), "1:8: '_' must separate successive digits");
    ck_assert_str_eq(first_error("w := 1e"), "1:8: exponent has no digits");
    ck_assert_str_eq(first_error("t := 0x1p"), "1:10: exponent has no digits");
    ck_assert_str_eq(first_error("t := 0x1.5"), "1:11: hexadecimal mantissa requires a 'p' exponent");
}
END_TEST

START_TEST(test_strings)
{
    ck_assert_str_eq(lex_all("\"a\\tb\" `raw\\n` \"\\x41\\u00e9\\101\"", NULL),
                     "STR(a\tb) STR(raw\\n) STR(Aé\101) ;(EOF)");
    ck_assert_str_eq(lex_all("\"\\U0001F600\" \"\\\\\\\"\"", NULL), "STR(\xF0\x9F\x98\x80) STR(\\\") ;(EOF)");
    ck_assert_str_eq(lex_all("`a\nb`", NULL), "STR(a\nb) ;(EOF)");
    ck_assert_str_eq(lex_all("`a\r\nb`", NULL), "STR(a\nb) ;(EOF)");
    ck_assert_str_eq(lex_all("'a' '\\n' '\\'' '\\x41' '\\u00e9' '\\377' 'é'", NULL),
                     "CHAR(97) CHAR(10) CHAR(39) CHAR(65) CHAR(233) CHAR(255) CHAR(233) ;(EOF)");
}
END_TEST

START_TEST(test_string_errors)
{
    ck_assert_str_eq(first_error("y := \"abc\n"), "1:10: newline in string");
    ck_assert_str_eq(first_error("y := \"abc"), "1:6: string not terminated");
    ck_assert_str_eq(first_error("y := `abc"), "1:6: string not terminated");
    ck_assert_str_eq(first_error("z := \"\\q\""), "1:8: unknown escape");
    ck_assert_str_eq(first_error("x := \"a\\400\""), "1:12: octal escape value 256 > 255");
    ck_assert_str_eq(first_error("y := \"\\uD800\""), "1:13: escape is invalid Unicode code point U+D800");
    ck_assert_str_eq(first_error("x := 'ab'"), "1:6: more than one character in rune literal");
    ck_assert_str_eq(first_error("z := ''"), "1:7: empty rune literal or unescaped ' in rune literal");
    ck_assert_str_eq(first_error("x := 'a\n"), "1:8: newline in rune literal");
    ck_assert_str_eq(first_error("/* abc"), "1:1: comment not terminated");
    ck_assert_str_eq(first_error("x @"), "1:3: invalid character U+0040 '@'");
}
END_TEST

START_TEST(test_lbody)
{
    /* the first { after if/for/switch/select at bracket depth 0 opens the body */
    ck_assert_str_eq(lex_all("if x { }", NULL), "if ID(x) LBODY } ;(EOF)");
    ck_assert_str_eq(lex_all("for f(T{}) { }", NULL), "for ID(f) ( ID(T) { } ) LBODY } ;(EOF)");
    ck_assert_str_eq(lex_all("switch a[T{}[0]] {", NULL), "switch ID(a) [ ID(T) { } [ INT(0) ] ] LBODY");
    ck_assert_str_eq(lex_all("x := T{}", NULL), "ID(x) := ID(T) { } ;(EOF)");
}
END_TEST

START_TEST(test_identifiers_unicode)
{
    ck_assert_str_eq(lex_all("größe 変数", NULL), "ID(größe) ID(変数) ;(EOF)");
    ck_assert_str_eq(first_error("x := a·b"), "1:7: invalid character U+00B7 '·' in identifier");
    /* letters per unicode.IsLetter; unicode digits may continue an identifier */
    ck_assert_str_eq(lex_all("x٠ π ǅ", NULL), "ID(x٠) ID(π) ID(ǅ) ;(EOF)");
    ck_assert_str_eq(first_error("٠x := 1"), "1:1: identifier cannot begin with digit U+0660 '٠'");
    ck_assert_str_eq(first_error("\"\xc0\x80\" \xc0\x80"), "1:2: invalid UTF-8 encoding");
    ck_assert_str_eq(first_error("`ok é \xff`"), "1:8: invalid UTF-8 encoding");
}
END_TEST

int main(void)
{
    GC_INIT();
    Suite *s = suite_create("lexer");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_operators);
    tcase_add_test(tc, test_keywords);
    tcase_add_test(tc, test_semicolons);
    tcase_add_test(tc, test_numbers);
    tcase_add_test(tc, test_number_errors);
    tcase_add_test(tc, test_strings);
    tcase_add_test(tc, test_string_errors);
    tcase_add_test(tc, test_lbody);
    tcase_add_test(tc, test_identifiers_unicode);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
