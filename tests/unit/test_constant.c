/* test_constant.c — unit tests for constant.c: literals, arithmetic,
 * overflow, division by zero, representability and gc's formatting.
 *
 * Expected words and spellings come from go 1.19: `go build` messages such
 * as "cannot use 1e100 (untyped float constant 1e+100) as int value in
 * variable declaration (truncated)", and go/constant's Value.String (which
 * gc prints after "constant").
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include <gc.h>

#include "types.h"
#include "parser.h"

static Node *lit(NodeKind kind, const char *raw)
{
    Node *n = GC_MALLOC(sizeof *n);
    n->kind = kind;
    n->u.lit.raw = raw;
    return n;
}

static ConstVal *ilit(const char *raw) { return cv_from_literal(lit(E_INTLIT, raw)); }
static ConstVal *flit(const char *raw) { return cv_from_literal(lit(E_FLOATLIT, raw)); }

static Type *basic(TypeKind k) { return types_basic[k]; }

static void setup(void)
{
    universe_init();
}

#define I128_MAX ((__int128)(((unsigned __int128)1 << 127) - 1))

static void assert_int(ConstVal *x, long long want)
{
    ck_assert_ptr_nonnull(x);
    ck_assert_int_eq(x->kind, CV_INT);
    ck_assert(x->i == want);
}

/* ---------------- literals ---------------- */

START_TEST(test_int_literals)
{
    assert_int(ilit("0"), 0);
    assert_int(ilit("42"), 42);
    assert_int(ilit("1_000_000"), 1000000);
    assert_int(ilit("0x2A"), 42);
    assert_int(ilit("0X_2a"), 42);
    assert_int(ilit("0o52"), 42);
    assert_int(ilit("0O52"), 42);
    assert_int(ilit("052"), 42);
    assert_int(ilit("0_52"), 42);
    assert_int(ilit("0b101010"), 42);
    assert_int(ilit("0B_1010_10"), 42);
    assert_int(ilit("9223372036854775807"), 9223372036854775807LL);
    ConstVal *u64 = ilit("18446744073709551615");
    ck_assert(u64->i == (__int128)UINT64_MAX);
    ConstVal *max = ilit("170141183460469231731687303715884105727");
    ck_assert(max->i == I128_MAX);
    ck_assert_ptr_null(ilit("170141183460469231731687303715884105728"));   /* past mini's limit */
    ck_assert_ptr_null(ilit("0x"));
    ck_assert_ptr_null(ilit("09"));
    ck_assert_ptr_null(ilit("0b2"));
}
END_TEST

START_TEST(test_float_literals)
{
    struct { const char *raw; long double want; } cases[] = {
        {"1.5", 1.5L}, {".5", 0.5L}, {"1.", 1.0L}, {"1e9", 1e9L}, {"1E-3", 1e-3L},
        {"1_000.5", 1000.5L}, {"0x1p-2", 0.25L}, {"0x1.8p1", 3.0L}, {"0X1P+2", 4.0L},
        {"0x_1p4", 16.0L}, {"0.", 0.0L}, {"08.5", 8.5L}, {"1e400", 1e400L},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ConstVal *x = flit(cases[i].raw);
        ck_assert_msg(x != NULL, "literal %s", cases[i].raw);
        ck_assert_int_eq(x->kind, CV_FLOAT);
        ck_assert_msg(x->f == cases[i].want, "literal %s", cases[i].raw);
    }
    ck_assert_ptr_null(flit("1e"));
    ck_assert_ptr_null(flit("1e99999"));
}
END_TEST

START_TEST(test_other_literals)
{
    Node *r = lit(E_RUNELIT, "'a'");
    r->u.lit.rune = 'a';
    assert_int(cv_from_literal(r), 97);
    Node *s = lit(E_STRINGLIT, "\"a\\x00b\"");
    s->u.lit.str = "a\0b";
    s->u.lit.len = 3;
    ConstVal *x = cv_from_literal(s);
    ck_assert_int_eq(x->kind, CV_STRING);
    ck_assert_int_eq(x->slen, 3);
    ck_assert(memcmp(x->s, "a\0b", 3) == 0);
    ck_assert_ptr_null(cv_from_literal(lit(E_IMAGLIT, "1i")));
}
END_TEST

/* ---------------- arithmetic ---------------- */

START_TEST(test_int_arith)
{
    const char *err;
    assert_int(cv_binary('+', cv_int(2), cv_int(3), true, &err), 5);
    assert_int(cv_binary('-', cv_int(2), cv_int(3), true, &err), -1);
    assert_int(cv_binary('*', cv_int(-4), cv_int(3), true, &err), -12);
    assert_int(cv_binary('/', cv_int(7), cv_int(2), true, &err), 3);
    assert_int(cv_binary('/', cv_int(-7), cv_int(2), true, &err), -3);
    assert_int(cv_binary('%', cv_int(-7), cv_int(2), true, &err), -1);
    assert_int(cv_binary('%', cv_int(7), cv_int(-1), true, &err), 0);
    assert_int(cv_binary('&', cv_int(6), cv_int(3), true, &err), 2);
    assert_int(cv_binary('|', cv_int(6), cv_int(3), true, &err), 7);
    assert_int(cv_binary('^', cv_int(6), cv_int(3), true, &err), 5);
    assert_int(cv_binary(AND_NOT, cv_int(6), cv_int(3), true, &err), 4);
    assert_int(cv_binary('&', cv_int(-1), cv_int(255), true, &err), 255);
    ck_assert_ptr_null(err);
    /* untyped 7 / 2.0 is a float division; so is '/' on ints when not integer_div */
    ConstVal *q = cv_binary('/', cv_int(7), cv_int(2), false, &err);
    ck_assert_int_eq(q->kind, CV_FLOAT);
    ck_assert(q->f == 3.5L);
    ck_assert(cv_binary('/', cv_int(7), cv_float(2), true, &err)->f == 3.5L);
}
END_TEST

START_TEST(test_errors)
{
    const char *err;
    ck_assert_ptr_null(cv_binary('/', cv_int(1), cv_int(0), true, &err));
    ck_assert_str_eq(err, "division by zero");
    ck_assert_ptr_null(cv_binary('%', cv_int(1), cv_int(0), true, &err));
    ck_assert_str_eq(err, "division by zero");
    ck_assert_ptr_null(cv_binary('/', cv_float(1), cv_int(0), false, &err));
    ck_assert_str_eq(err, "division by zero");
    ck_assert_ptr_null(cv_binary('/', cv_float(1), cv_float(0), false, &err));
    ck_assert_str_eq(err, "division by zero");

    ConstVal *max = cv_int(I128_MAX);
    ck_assert_ptr_null(cv_binary('+', max, cv_int(1), true, &err));
    ck_assert_str_eq(err, "constant addition overflow");
    ck_assert_ptr_null(cv_binary('-', cv_int(-I128_MAX), cv_int(2), true, &err));
    ck_assert_str_eq(err, "constant subtraction overflow");
    ck_assert_ptr_null(cv_binary('*', max, cv_int(2), true, &err));
    ck_assert_str_eq(err, "constant multiplication overflow");
    ck_assert_ptr_null(cv_shift(SHL, cv_int(1), 200, &err));
    ck_assert_str_eq(err, "constant shift overflow");
    ck_assert_ptr_null(cv_shift(SHL, cv_int(3), 126, &err));
    ck_assert_str_eq(err, "constant shift overflow");
    ck_assert_ptr_null(cv_unary('-', cv_int(-I128_MAX - 1), NULL, &err));
    ck_assert_str_eq(err, "constant overflow");
    ck_assert_ptr_null(cv_binary('*', cv_float(1e4000L), cv_float(1e4000L), false, &err));
    ck_assert_str_eq(err, "constant multiplication overflow");
}
END_TEST

START_TEST(test_shift_unary)
{
    const char *err;
    assert_int(cv_shift(SHL, cv_int(1), 10, &err), 1024);
    assert_int(cv_shift(SHL, cv_int(0), 1000, &err), 0);
    assert_int(cv_shift(SHL, cv_int(-1), 3, &err), -8);
    ck_assert(cv_shift(SHL, cv_int(1), 126, &err)->i == (__int128)1 << 126);
    ck_assert(cv_shift(SHL, cv_int(1), 64, &err)->i == (__int128)UINT64_MAX + 1);
    assert_int(cv_shift(SHR, cv_int(-7), 1, &err), -4);
    assert_int(cv_shift(SHR, cv_int(1024), 3, &err), 128);
    assert_int(cv_shift(SHR, cv_int(5), 500, &err), 0);
    assert_int(cv_shift(SHR, cv_int(-5), 500, &err), -1);
    assert_int(cv_shift(SHL, cv_float(2.0), 2, &err), 8);      /* 2.0 << 2: integral float */
    ck_assert_ptr_null(cv_shift(SHL, cv_float(2.5), 2, &err));

    assert_int(cv_unary('-', cv_int(5), NULL, &err), -5);
    ck_assert(cv_unary('-', cv_float(1.5), NULL, &err)->f == -1.5L);
    assert_int(cv_unary('+', cv_int(5), NULL, &err), 5);
    ck_assert(cv_unary('!', cv_bool(true), NULL, &err)->b == false);
    /* ^0 is -1 untyped or signed, 255 as uint8, MaxUint64 as uint */
    assert_int(cv_unary('^', cv_int(0), NULL, &err), -1);
    assert_int(cv_unary('^', cv_int(0), basic(TY_INT8), &err), -1);
    assert_int(cv_unary('^', cv_int(0), types_byte, &err), 255);
    assert_int(cv_unary('^', cv_int(1), basic(TY_UINT16), &err), 65534);
    ck_assert(cv_unary('^', cv_int(0), basic(TY_UINT), &err)->i == (__int128)UINT64_MAX);
    /* float -0 does not exist among constants */
    ConstVal *z = cv_unary('-', cv_float(0), NULL, &err);
    ck_assert(!signbit(z->f));
}
END_TEST

START_TEST(test_float_bool_string)
{
    const char *err;
    ConstVal *x = cv_binary('+', flit("0.1"), flit("0.2"), false, &err);
    ck_assert(cv_float64(x) == 0.3);   /* exact enough: Go prints 0.3 too */
    ck_assert(cv_binary('*', cv_float(1.5), cv_int(2), false, &err)->f == 3.0L);
    ck_assert(cv_binary(LAND, cv_bool(true), cv_bool(false), false, &err)->b == false);
    ck_assert(cv_binary(LOR, cv_bool(true), cv_bool(false), false, &err)->b == true);
    ConstVal *s = cv_binary('+', cv_string("ab", 2), cv_string("c\0", 2), false, &err);
    ck_assert_int_eq(s->slen, 4);
    ck_assert(memcmp(s->s, "abc\0", 4) == 0);
    ck_assert(cv_binary(EQL, cv_int(1), cv_float(1.0), false, &err)->b);
}
END_TEST

START_TEST(test_compare)
{
    ck_assert(cv_compare('<', cv_int(1), cv_int(2)));
    ck_assert(!cv_compare('>', cv_int(1), cv_int(2)));
    ck_assert(cv_compare(LEQ, cv_int(2), cv_int(2)));
    ck_assert(cv_compare(GEQ, cv_float(2.5), cv_int(2)));
    ck_assert(cv_compare(EQL, cv_float(2.0), cv_int(2)));
    ck_assert(cv_compare(NEQ, cv_int(-1), cv_int(1)));
    ck_assert(cv_compare('<', cv_string("ab", 2), cv_string("abc", 3)));
    ck_assert(cv_compare('<', cv_string("ab", 2), cv_string("b", 1)));
    ck_assert(cv_compare(EQL, cv_string("a\0b", 3), cv_string("a\0b", 3)));
    ck_assert(!cv_compare(EQL, cv_string("a\0b", 3), cv_string("a\0c", 3)));
    ck_assert(cv_compare('>', cv_string("\xff", 1), cv_string("a", 1)));   /* bytewise, unsigned */
    ck_assert(cv_compare(EQL, cv_bool(true), cv_bool(true)));
    ck_assert(cv_compare(NEQ, cv_bool(true), cv_bool(false)));
}
END_TEST

START_TEST(test_conversions)
{
    assert_int(cv_to_int(cv_float(3.0)), 3);
    assert_int(cv_to_int(cv_float(-1e18)), -1000000000000000000LL);
    ck_assert_ptr_null(cv_to_int(cv_float(3.5)));
    ck_assert_ptr_null(cv_to_int(cv_float(1e100)));
    ck_assert_ptr_null(cv_to_int(cv_string("1", 1)));
    ck_assert(cv_to_float(cv_int(3))->f == 3.0L);
    ck_assert_int_eq(cv_int64(cv_int(-5)), -5);
    ck_assert(cv_uint64(cv_int((__int128)UINT64_MAX)) == UINT64_MAX);
    ck_assert(cv_float64(cv_int(7)) == 7.0);
    ck_assert(cv_float64(flit("0.1")) == 0.1);
}
END_TEST

/* ---------------- representability ---------------- */

static void assert_not_rep(ConstVal *x, Type *t, const char *why)
{
    const char *w = "unset";
    ck_assert_ptr_null(cv_represent(x, t, &w));
    if (why == NULL)
        ck_assert_ptr_null(w);
    else
        ck_assert_str_eq(w, why);
}

START_TEST(test_represent)
{
    const char *why;
    /* var b byte = 256 / var h int8 = 200 / var o uint = -1: (overflows) */
    assert_not_rep(cv_int(256), types_byte, "overflows");
    assert_not_rep(cv_int(200), basic(TY_INT8), "overflows");
    assert_not_rep(cv_int(-1), basic(TY_UINT), "overflows");
    assert_not_rep(cv_int((__int128)1 << 63), basic(TY_INT64), "overflows");
    assert_not_rep(cv_int((__int128)1 << 100), basic(TY_INT8), "overflows");
    /* var e int = 1.5 / var f int = 1e100 / var y uint8 = 300.0: (truncated) */
    assert_not_rep(flit("1.5"), basic(TY_INT), "truncated");
    assert_not_rep(flit("1e100"), basic(TY_INT), "truncated");
    assert_not_rep(flit("300.0"), basic(TY_UINT8), "truncated");
    assert_not_rep(flit("1e400"), basic(TY_INT), "truncated");
    /* var g float32 = 1e100 / var w float64 = 1e400: (overflows) */
    assert_not_rep(flit("1e100"), basic(TY_FLOAT32), "overflows");
    assert_not_rep(flit("1e400"), basic(TY_FLOAT64), "overflows");
    /* kinds that don't match: no reason (var r int = "s", var s string = 65) */
    assert_not_rep(cv_string("s", 1), basic(TY_INT), NULL);
    assert_not_rep(cv_int(65), basic(TY_STRING), NULL);
    assert_not_rep(cv_bool(true), basic(TY_INT), NULL);
    assert_not_rep(cv_int(1), basic(TY_BOOL), NULL);
    assert_not_rep(flit("1.5"), basic(TY_UNTYPED_INT), "truncated");

    /* representable ones */
    assert_int(cv_represent(cv_int(255), types_byte, &why), 255);
    assert_int(cv_represent(cv_int(-128), basic(TY_INT8), &why), -128);
    assert_int(cv_represent(cv_int(INT64_MIN), basic(TY_INT), &why), INT64_MIN);
    ck_assert_ptr_nonnull(cv_represent(cv_int((__int128)UINT64_MAX), basic(TY_UINT64), &why));
    ck_assert_ptr_nonnull(cv_represent(cv_int((__int128)UINT64_MAX), basic(TY_UINTPTR), &why));
    assert_int(cv_represent(flit("2.5e10"), basic(TY_INT), &why), 25000000000LL);   /* var z int = 2.5e10 */
    assert_int(cv_represent(flit("3.0"), basic(TY_UNTYPED_RUNE), &why), 3);
    ConstVal *f = cv_represent(cv_int(3), basic(TY_FLOAT64), &why);
    ck_assert_int_eq(f->kind, CV_FLOAT);
    ck_assert(f->f == 3.0L);
    ck_assert_int_eq(cv_represent(cv_int(3), basic(TY_UNTYPED_FLOAT), &why)->kind, CV_FLOAT);
    ck_assert_ptr_null(why);
    /* rounding to the target precision */
    ConstVal *r32 = cv_represent(flit("0.1"), basic(TY_FLOAT32), &why);
    ck_assert(r32->f == (long double)0.1f);
    ConstVal *r64 = cv_represent(flit("0.1"), basic(TY_FLOAT64), &why);
    ck_assert(r64->f == (long double)0.1);
    /* math.MaxFloat64 = 0x1p1023 * (1 + (1 - 0x1p-52)) */
    const char *err;
    ConstVal *mx = cv_binary('*', flit("0x1p1023"),
                             cv_binary('+', cv_int(1), cv_binary('-', cv_int(1), flit("0x1p-52"), false, &err),
                                       false, &err), false, &err);
    ConstVal *mx64 = cv_represent(mx, basic(TY_FLOAT64), &why);
    ck_assert_ptr_nonnull(mx64);
    ck_assert(cv_float64(mx64) == DBL_MAX);
    /* math.SmallestNonzeroFloat64 = 0x1p-1022 * 0x1p-52 is a float64 denormal */
    ConstVal *tiny = cv_binary('*', flit("0x1p-1022"), flit("0x1p-52"), false, &err);
    ck_assert(cv_float64(cv_represent(tiny, basic(TY_FLOAT64), &why)) == 4.9406564584124654e-324);
    /* named types go by their underlying type */
    Object *o = object_new(OBJ_TYPE, "Duration", (Pos){1, 1}, NULL);
    Type *dur = type_new_named(o, basic(TY_INT64));
    assert_int(cv_represent(cv_int(1000000000), dur, &why), 1000000000);
    ck_assert_ptr_null(cv_represent(cv_string("x", 1), types_any, &why));
}
END_TEST

/* ---------------- formatting ---------------- */

START_TEST(test_format)
{
    ck_assert_str_eq(cv_format(cv_int(300)), "300");
    ck_assert_str_eq(cv_format(cv_int(-1)), "-1");
    ck_assert_str_eq(cv_format(cv_int(0)), "0");
    ck_assert_str_eq(cv_format(cv_int(((__int128)1 << 100))), "1267650600228229401496703205376");
    ck_assert_str_eq(cv_format(cv_int(-I128_MAX - 1)), "-170141183460469231731687303715884105728");
    ck_assert_str_eq(cv_format(cv_bool(true)), "true");
    ck_assert_str_eq(cv_format(cv_bool(false)), "false");

    /* go/constant: MakeFromLiteral(lit, token.FLOAT, 0).String() */
    struct { const char *lit, *want; } fl[] = {
        {"1.5", "1.5"}, {"0.1", "0.1"}, {"1e-7", "1e-07"}, {"123456789.0", "1.23457e+08"},
        {"1e400", "1e+400"}, {"1.5e-400", "1.5e-400"}, {"1e6", "1e+06"}, {"1e100", "1e+100"},
        {"2.5e10", "2.5e+10"}, {"0x1p-52", "2.22045e-16"}, {"1.0", "1"}, {"100000.0", "100000"},
        {"1234567.0", "1.23457e+06"}, {"0.000012345678", "1.23457e-05"},
        {"3.14159265358979323846264338327950288419716939937510582097494459", "3.14159"},
        {"1e21", "1e+21"}, {"0x1p1023", "8.98847e+307"}, {"1.7976931348623157e308", "1.79769e+308"},
        {"4.9406564584124654e-324", "4.94066e-324"}, {"3.4028234663852886e+38", "3.40282e+38"},
        {"1e-5", "1e-05"}, {"0.0001", "0.0001"}, {"123.456e-2", "1.23456"},
        {"123456.7", "123457"}, {"1.0000001", "1"}, {"300.0", "300"}, {"0.0", "0"},
    };
    for (size_t i = 0; i < sizeof fl / sizeof fl[0]; i++)
        ck_assert_msg(strcmp(cv_format(flit(fl[i].lit)), fl[i].want) == 0, "%s: got %s, want %s",
                      fl[i].lit, cv_format(flit(fl[i].lit)), fl[i].want);
    const char *err;
    ck_assert_str_eq(cv_format(cv_binary('/', flit("1.0"), cv_int(3), false, &err)), "0.333333");

    /* strings: strconv.Quote, cut at 72 runes */
    const char s1[] = "hello\n\x00\xc3\xa9\x80\xc2\xad\xe2\x80\xa8 \t\"'\\";
    ck_assert_str_eq(cv_format(cv_string(s1, sizeof s1 - 1)),
                     "\"hello\\n\\x00\xc3\xa9\\x80\\u00ad\\u2028 \\t\\\"'\\\\\"");
    const char *lng = "long string that is longer than seventy two characters in total, really quite long";
    ck_assert_str_eq(cv_format(cv_string(lng, strlen(lng))),
                     "\"long string that is longer than seventy two characters in total, rea...");
    const char *a70 = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";   /* 70: fits */
    ck_assert_str_eq(cv_format(cv_string(a70, 70)),
                     "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"");
    const char *a71 = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";  /* 71: cut */
    ck_assert_str_eq(cv_format(cv_string(a71, 71)),
                     "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...");
    ck_assert_str_eq(cv_quote("\a\b\f\r\v\x7f\x01", 7), "\"\\a\\b\\f\\r\\v\\x7f\\x01\"");
    ck_assert_str_eq(cv_quote("\xf0\x9f\x98\x80 \xef\xbb\xbf", 8), "\"\xf0\x9f\x98\x80 \\ufeff\"");
    ck_assert_str_eq(cv_quote("\xed\xa0\x80", 3), "\"\\xed\\xa0\\x80\"");   /* surrogate: invalid */
    ck_assert_str_eq(cv_quote("", 0), "\"\"");
}
END_TEST

static Suite *constant_suite(void)
{
    Suite *s = suite_create("constant");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, test_int_literals);
    tcase_add_test(tc, test_float_literals);
    tcase_add_test(tc, test_other_literals);
    tcase_add_test(tc, test_int_arith);
    tcase_add_test(tc, test_errors);
    tcase_add_test(tc, test_shift_unary);
    tcase_add_test(tc, test_float_bool_string);
    tcase_add_test(tc, test_compare);
    tcase_add_test(tc, test_conversions);
    tcase_add_test(tc, test_represent);
    tcase_add_test(tc, test_format);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    GC_INIT();
    SRunner *sr = srunner_create(constant_suite());
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
