/* test_constant.c — unit tests for constant.c: literals, arithmetic,
 * overflow, division by zero, representability and gc's formatting.
 *
 * Expected words and spellings come from go 1.19: `go build` messages such
 * as "cannot use 1e100 (untyped float constant 1e+100) as int value in
 * variable declaration (truncated)", and go/constant's Value.String (which
 * gc prints after "constant"). Big values were computed with go/constant
 * itself (MakeFromLiteral, BinaryOp, Shift, Float64Val, String).
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

static void assert_int(ConstVal *x, long long want)
{
    ck_assert_ptr_nonnull(x);
    ck_assert_int_eq(x->kind, CV_INT);
    ck_assert_msg(cv_compare(EQL, x, cv_int(want)), "got %s, want %lld", cv_format(x), want);
}

/* x is an integer spelled want (decimal, as gc prints it). */
static void assert_big(ConstVal *x, const char *want)
{
    ck_assert_ptr_nonnull(x);
    ck_assert_int_eq(x->kind, CV_INT);
    ck_assert_str_eq(cv_format(x), want);
}

/* x is a float whose exact value is the long double want. */
static void assert_flt(ConstVal *x, long double want)
{
    ck_assert_ptr_nonnull(x);
    ck_assert_int_eq(x->kind, CV_FLOAT);
    ck_assert_msg(cv_compare(EQL, x, cv_float(want)), "got %s, want %Lg", cv_format(x), want);
}

static void assert_not_rep(ConstVal *x, Type *t, const char *why)
{
    const char *w = "unset";
    ck_assert_ptr_null(cv_represent(x, t, &w));
    if (why == NULL)
        ck_assert_ptr_null(w);
    else
        ck_assert_str_eq(w, why);
}

static ConstVal *shl(ConstVal *x, uint64_t s)
{
    const char *err;
    return cv_shift(SHL, x, s, &err);
}

static ConstVal *bin(int op, ConstVal *x, ConstVal *y)
{
    const char *err;
    return cv_binary(op, x, y, x->kind == CV_INT && y->kind == CV_INT, &err);
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
    ck_assert(cv_compare(EQL, u64, cv_uint(UINT64_MAX)));
    assert_big(ilit("170141183460469231731687303715884105728"), "170141183460469231731687303715884105728");
    assert_big(ilit("0x1_0000_0000_0000_0000_0000_0000_0000_0000"), "340282366920938463463374607431768211456");
    /* any size: the checker rejects untyped integers past CV_PREC bits */
    ConstVal *huge = ilit("0b1" "0000000000000000000000000000000000000000000000000000000000000000"
                          "0000000000000000000000000000000000000000000000000000000000000000");
    ck_assert_int_eq(cv_bitlen(huge), 129);
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
        {"0x_1p4", 16.0L}, {"0.", 0.0L}, {"08.5", 8.5L}, {"0x1p-1074", 0x1p-1074L},
        {"0x1.fffffffffffffp1023", 0x1.fffffffffffffp1023L},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ConstVal *x = flit(cases[i].raw);
        ck_assert_msg(x != NULL, "literal %s", cases[i].raw);
        ck_assert_int_eq(x->kind, CV_FLOAT);
        ck_assert_msg(cv_float64(x) == (double)cases[i].want, "literal %s", cases[i].raw);
    }
    /* decimal literals are exact fractions: 0.1 is 1/10, not a binary float */
    ck_assert(!cv_compare(EQL, flit("0.1"), cv_float(0.1)));
    ck_assert(cv_compare(EQL, flit("0.1"), bin('/', cv_int(1), cv_to_float(cv_int(10)))));
    ck_assert(cv_compare(EQL, flit("1e400"), bin('*', flit("1e200"), flit("1e200"))));
    ck_assert_ptr_null(flit("1e"));
    ck_assert_ptr_null(flit("1e+"));
    ck_assert_ptr_null(flit("1.5x"));
    /* big.Float's exponent range is about ±2^31 binary places */
    ck_assert_str_eq(cv_format(flit("1e99999")), "1e+99999");
    ck_assert_str_eq(cv_format(flit("1e500000000")), "1e+500000000");
    ck_assert_ptr_null(flit("1e1000000000"));                  /* gc: malformed constant */
    ck_assert_ptr_null(flit("1e99999999999999999999"));
    ck_assert_int_eq(cv_sign(flit("1e-1000000000")), 0);       /* underflows to 0 */
    ck_assert_int_eq(cv_sign(flit("0e99999999999")), 0);
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
    assert_flt(q, 3.5L);
    assert_flt(cv_binary('/', cv_int(7), cv_float(2), true, &err), 3.5L);
}
END_TEST

/* Values from go/constant: BinaryOp(x, token.QUO_ASSIGN / REM / AND ..., y). */
START_TEST(test_big_int_arith)
{
    const char *err;
    ConstVal *one = cv_int(1);
    /* (10^40 + 7) / 10^20 */
    ConstVal *a = bin('+', ilit("10000000000000000000000000000000000000000"), cv_int(7));
    assert_big(bin('/', a, ilit("100000000000000000000")), "100000000000000000000");
    assert_big(bin('%', a, ilit("100000000000000000000")), "7");
    /* neg = -(2^200 + 5): truncated quotient, remainder with the dividend's sign */
    ConstVal *neg = cv_unary('-', bin('+', shl(one, 200), cv_int(5)), NULL, &err);
    assert_big(bin('/', neg, shl(one, 100)), "-1267650600228229401496703205376");
    assert_int(bin('%', neg, shl(one, 100)), -5);
    assert_int(bin('%', neg, cv_int(-7)), -2);
    assert_big(bin('/', shl(one, 200), shl(one, 200)), "1");
    assert_int(bin('/', shl(one, 100), shl(one, 200)), 0);
    /* a multi-limb divisor whose quotient digit needs Knuth's correction */
    ConstVal *d = bin('-', shl(one, 128), cv_int(1));
    ConstVal *n = bin('*', d, bin('+', shl(one, 64), cv_int(3)));
    assert_big(bin('/', bin('+', n, cv_int(5)), d), "18446744073709551619");
    assert_int(bin('%', bin('+', n, cv_int(5)), d), 5);
    /* two's complement bit operations */
    assert_big(bin('&', neg, bin('-', shl(one, 201), one)), "1606938044258990275541962092341162602522202993782792835301371");
    assert_big(bin('|', neg, shl(one, 64)), "-1606938044258990275541962092341162602522202993782792835301381");
    assert_big(bin('^', neg, cv_int(-1)), "1606938044258990275541962092341162602522202993782792835301380");
    assert_int(bin(AND_NOT, shl(one, 130), neg), 0);
    assert_big(bin('*', shl(one, 300), bin('-', shl(one, 211), one)),
               "6703903964971298549787012499102923063739682910296196688861780719823846038702287402132491460674073552793547535427306774790736492051591985209880118319644672");
    ck_assert_ptr_null(err);
}
END_TEST

START_TEST(test_big_shift)
{
    const char *err;
    ConstVal *one = cv_int(1);
    /* const C = 1 << 500 is fine in Go */
    ConstVal *c = shl(one, 500);
    assert_big(c, "3273390607896141870013189696827599152216642046043064789483291368096133796404674554883270092325904157150886684127560071009217256545885393053328527589376");
    ck_assert(cv_bitlen(c) <= CV_PREC);
    /* C << 600 and 1 << 600 exceed gc's 512 bits: exact here, rejected by the checker */
    ck_assert_int_eq(cv_bitlen(shl(c, 600)), 1101);
    ck_assert_int_eq(cv_bitlen(shl(one, 600)), 601);
    /* the largest untyped integer: 2^512 - 1; -2^512 needs 513 bits */
    ConstVal *max = bin('+', bin('-', shl(one, 511), one), shl(one, 511));
    ck_assert_int_eq(cv_bitlen(max), 512);
    ck_assert_int_eq(cv_bitlen(cv_unary('^', max, NULL, &err)), 513);   /* constant bitwise complement overflow */
    ck_assert_int_eq(cv_bitlen(bin('^', max, cv_int(-1))), 513);      /* constant bitwise XOR overflow */
    ck_assert_int_eq(cv_bitlen(bin('*', shl(one, 511), cv_int(2))), 513);
    ck_assert_int_eq(cv_bitlen(bin('*', cv_unary('-', shl(one, 511), NULL, &err), cv_int(2))), 513);
    /* right shifts floor */
    ConstVal *neg = cv_unary('-', bin('+', shl(one, 200), cv_int(5)), NULL, &err);
    assert_big(cv_shift(SHR, neg, 100, &err), "-1267650600228229401496703205377");
    assert_int(cv_shift(SHR, neg, 1000, &err), -1);
    assert_int(cv_shift(SHR, shl(one, 400), 399, &err), 2);
    assert_int(cv_shift(SHR, cv_unary('-', shl(one, 300), NULL, &err), 300, &err), -1);
    assert_int(cv_shift(SHR, shl(one, 300), UINT64_MAX, &err), 0);
    ck_assert_ptr_null(err);
    /* mini's internal ceiling, far past anything the checker lets through */
    ck_assert_ptr_null(cv_shift(SHL, one, 100000, &err));
    ck_assert_str_eq(err, "constant shift overflow");
    ck_assert_ptr_null(cv_shift(SHL, one, UINT64_MAX, &err));
    ck_assert_str_eq(err, "constant shift overflow");
    ConstVal *h = shl(one, 5000);
    ck_assert_ptr_null(cv_binary('*', h, h, true, &err));
    ck_assert_str_eq(err, "constant multiplication overflow");
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

    ck_assert_ptr_null(cv_binary('%', shl(cv_int(1), 300), cv_int(0), true, &err));
    ck_assert_str_eq(err, "division by zero");

    ConstVal *big = shl(cv_int(1), 8191);
    ck_assert_ptr_null(cv_binary('+', big, big, true, &err));
    ck_assert_str_eq(err, "constant addition overflow");
    ck_assert_ptr_null(cv_binary('-', cv_unary('-', big, NULL, &err), big, true, &err));
    ck_assert_str_eq(err, "constant subtraction overflow");
    /* const B = 1e500000000 * 1e500000000: past big.Float's exponent range */
    ConstVal *f = flit("1e500000000");
    ck_assert_ptr_null(cv_binary('*', f, f, false, &err));
    ck_assert_str_eq(err, "constant result is not representable");
    /* no limits short of that: 1e4000 * 1e4000 is fine, 1e-3000 squared is no 0 */
    ck_assert_str_eq(cv_format(cv_binary('*', cv_float(1e4000L), cv_float(1e4000L), false, &err)), "1e+8000");
    ConstVal *tiny = cv_binary('*', flit("1e-3000"), flit("1e-3000"), false, &err);
    ck_assert_str_eq(cv_format(tiny), "1e-6000");
    ck_assert_str_eq(cv_format(cv_binary('*', tiny, flit("1e6000"), false, &err)), "1");
}
END_TEST

START_TEST(test_shift_unary)
{
    const char *err;
    assert_int(cv_shift(SHL, cv_int(1), 10, &err), 1024);
    assert_big(cv_shift(SHL, cv_int(1), 126, &err), "85070591730234615865843651857942052864");
    assert_big(cv_shift(SHL, cv_int(1), 64, &err), "18446744073709551616");
    assert_int(cv_shift(SHL, cv_int(0), 1000, &err), 0);
    assert_int(cv_shift(SHL, cv_int(-1), 3, &err), -8);
    assert_int(cv_shift(SHR, cv_int(-7), 1, &err), -4);
    assert_int(cv_shift(SHR, cv_int(1024), 3, &err), 128);
    assert_int(cv_shift(SHR, cv_int(5), 500, &err), 0);
    assert_int(cv_shift(SHR, cv_int(-5), 500, &err), -1);
    assert_int(cv_shift(SHL, cv_float(2.0), 2, &err), 8);      /* 2.0 << 2: integral float */
    ck_assert_ptr_null(cv_shift(SHL, cv_float(2.5), 2, &err));

    assert_int(cv_unary('-', cv_int(5), NULL, &err), -5);
    assert_flt(cv_unary('-', cv_float(1.5), NULL, &err), -1.5L);
    assert_int(cv_unary('+', cv_int(5), NULL, &err), 5);
    ck_assert(cv_unary('!', cv_bool(true), NULL, &err)->b == false);
    /* ^0 is -1 untyped or signed, 255 as uint8, MaxUint64 as uint */
    assert_int(cv_unary('^', cv_int(0), NULL, &err), -1);
    assert_int(cv_unary('^', cv_int(0), basic(TY_INT8), &err), -1);
    assert_int(cv_unary('^', cv_int(0), types_byte, &err), 255);
    assert_int(cv_unary('^', cv_int(1), basic(TY_UINT16), &err), 65534);
    ck_assert(cv_compare(EQL, cv_unary('^', cv_int(0), basic(TY_UINT), &err), cv_uint(UINT64_MAX)));
    assert_int(cv_unary('^', cv_int(-1), basic(TY_UINT32), &err), 0);
    /* float -0 does not exist among constants */
    ConstVal *z = cv_unary('-', cv_float(0), NULL, &err);
    ck_assert_int_eq(cv_sign(z), 0);
    ck_assert(!signbit(cv_float64(z)));
    ck_assert_str_eq(cv_format(z), "0");
}
END_TEST

START_TEST(test_float_bool_string)
{
    const char *err;
    assert_flt(cv_binary('*', cv_float(1.5), cv_int(2), false, &err), 3.0L);
    ck_assert(cv_binary(LAND, cv_bool(true), cv_bool(false), false, &err)->b == false);
    ck_assert(cv_binary(LOR, cv_bool(true), cv_bool(false), false, &err)->b == true);
    ConstVal *s = cv_binary('+', cv_string("ab", 2), cv_string("c\0", 2), false, &err);
    ck_assert_int_eq(s->slen, 4);
    ck_assert(memcmp(s->s, "abc\0", 4) == 0);
    ck_assert(cv_binary(EQL, cv_int(1), cv_float(1.0), false, &err)->b);
}
END_TEST

/* const c = 0.1 + 0.2; c == 0.3 and 1.0/3*3 == 1 are true in Go. */
START_TEST(test_exact_floats)
{
    const char *err;
    ConstVal *c = cv_binary('+', flit("0.1"), flit("0.2"), false, &err);
    ck_assert(cv_compare(EQL, c, flit("0.3")));
    ck_assert(cv_float64(c) == 0.3);   /* fmt.Println(c) prints 0.3 ... */
    volatile double a = 0.1, b = 0.2;
    ck_assert(cv_float64(c) != a + b);  /* ... the run-time sum 0.30000000000000004 */
    ck_assert_str_eq(cv_format(c), "0.3");
    ConstVal *third = cv_binary('/', flit("1.0"), cv_to_float(cv_int(3)), false, &err);
    ck_assert(cv_compare(EQL, cv_binary('*', third, cv_to_float(cv_int(3)), false, &err), cv_to_float(cv_int(1))));
    ck_assert_ptr_nonnull(cv_to_int(cv_binary('*', third, cv_to_float(cv_int(3)), false, &err)));
    ck_assert(cv_float64(third) == 1.0 / 3.0);
    ck_assert_ptr_null(cv_to_int(third));
    /* 1e4000 - 1e4000 is exactly 0; 1e5000 + 1e-5000 - 1e5000 is 0 in 512 bits */
    ck_assert_int_eq(cv_sign(cv_binary('-', flit("1e4000"), flit("1e4000"), false, &err)), 0);
    ConstVal *bigf = cv_binary('+', flit("1e5000"), flit("1e-5000"), false, &err);
    ck_assert_str_eq(cv_format(bigf), "1e+5000");
    ck_assert_int_eq(cv_sign(cv_binary('-', bigf, flit("1e5000"), false, &err)), 0);
    /* 1e5000 / 1e4999 is 10 up to rounding, which go/constant's ToInt forgives */
    ConstVal *q = cv_binary('/', flit("1e5000"), flit("1e4999"), false, &err);
    ck_assert_str_eq(cv_format(q), "10");
    assert_int(cv_to_int(q), 10);
    ck_assert_ptr_null(cv_to_int(cv_binary('/', flit("1e5000"), flit("3e4999"), false, &err)));
    /* fractions whose parts grow past 4096 bits become 512-bit floats */
    ConstVal *ch = flit("1.0");
    for (int i = 0; i < 200; i++)
        ch = cv_binary('+', cv_binary('/', ch, flit("7.0"), false, &err), flit("0.3"), false, &err);
    ck_assert_str_eq(cv_format(ch), "0.35");
    ck_assert(cv_float64(ch) == 0.35);
}
END_TEST

/* go/constant Float64Val/Float32Val: one rounding, to nearest even. */
START_TEST(test_float_rounding)
{
    struct { const char *lit; double want; } cases[] = {
        {"0.1", 0.1}, {"1e23", 1e23},
        {"9007199254740993", 9007199254740992.0},         /* 2^53+1: tie, to even */
        {"9007199254740995", 9007199254740996.0},         /* 2^53+3: tie, to even */
        {"9007199254740993.0000000000000000001", 9007199254740994.0},
        {"2.4703282292062327e-324", 0},                   /* just below half the smallest denormal */
        {"2.4703282292062328e-324", 0x1p-1074},           /* just above */
        {"4.9406564584124654e-324", 0x1p-1074},
        {"7.4109846876186982e-324", 0x1p-1073},           /* 1.5 denormals: tie, to even */
        {"1.7976931348623158e308", DBL_MAX},
        {"3.14159265358979323846264338327950288419716939937510582097494459", 0x1.921fb54442d18p+1},
        {"1e-400", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ConstVal *x = cv_to_float(cv_from_literal(lit(strchr(cases[i].lit, '.') || strchr(cases[i].lit, 'e')
                                                      ? E_FLOATLIT : E_INTLIT, cases[i].lit)));
        ck_assert_msg(cv_float64(x) == cases[i].want, "%s: got %a", cases[i].lit, cv_float64(x));
    }
    ck_assert(isinf(cv_float64(flit("1.7976931348623159e308"))));
    /* a fraction rounded to float64: 1/3, 2/3, 1/10 */
    const char *err;
    ConstVal *three = cv_to_float(cv_int(3));
    ck_assert(cv_float64(cv_binary('/', cv_to_float(cv_int(2)), three, false, &err)) == 2.0 / 3.0);
    /* representability keeps the rounded value exactly */
    const char *why;
    ConstVal *r = cv_represent(flit("9007199254740993.0"), basic(TY_FLOAT64), &why);
    assert_flt(r, 9007199254740992.0L);
    ConstVal *r32 = cv_represent(flit("3.14159265358979323846264338327950288419716939937510582097494459"),
                                 basic(TY_FLOAT32), &why);
    assert_flt(r32, (long double)0x1.921fb6p+1f);
    /* float32: MaxFloat32 + half an ulp ties to even: overflows; one less is MaxFloat32 */
    assert_not_rep(flit("3.40282356779733661637539395458142568448e38"), basic(TY_FLOAT32), "overflows");
    assert_flt(cv_represent(flit("3.40282356779733661637539395458142568447e38"), basic(TY_FLOAT32), &why),
               (long double)FLT_MAX);
    assert_not_rep(flit("1e39"), basic(TY_FLOAT32), "overflows");
    assert_not_rep(flit("1e5000"), basic(TY_FLOAT32), "overflows");
    assert_not_rep(flit("1e5000"), basic(TY_FLOAT64), "overflows");
    assert_not_rep(shl(cv_int(1), 1024), basic(TY_FLOAT64), "overflows");
    /* MaxFloat64 is 2^1024 - 2^971: half an ulp more ties to even (up), a bit less rounds down */
    ConstVal *halfway = bin('-', shl(cv_int(1), 1024), shl(cv_int(1), 970));
    assert_not_rep(halfway, basic(TY_FLOAT64), "overflows");
    assert_flt(cv_represent(bin('-', halfway, cv_int(1)), basic(TY_FLOAT64), &why), (long double)DBL_MAX);
    /* c float64 = 1e-400 is fine: it underflows to 0 */
    ConstVal *u = cv_represent(flit("1e-400"), basic(TY_FLOAT64), &why);
    ck_assert_ptr_nonnull(u);
    ck_assert_int_eq(cv_sign(u), 0);
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
    const char *err;
    assert_int(cv_to_int(cv_float(3.0)), 3);
    assert_int(cv_to_int(cv_float(-1e18)), -1000000000000000000LL);
    ck_assert_ptr_null(cv_to_int(cv_float(3.5)));
    ck_assert_ptr_null(cv_to_int(flit("1e5000")));   /* past smallFloat: not converted */
    assert_big(cv_to_int(flit("1e100")),
               "10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000");
    assert_big(cv_to_int(cv_float(1e100)),   /* the float64 nearest 1e100 */
               "10000000000000000159028911097599180468360808563945281389781327557747838772170381060813469985856815104");
    ck_assert_ptr_null(cv_to_int(cv_string("1", 1)));
    assert_flt(cv_to_float(cv_int(3)), 3.0L);
    ck_assert_int_eq(cv_int64(cv_int(-5)), -5);
    ck_assert(cv_uint64(cv_uint(UINT64_MAX)) == UINT64_MAX);
    ck_assert(cv_uint64(cv_int(-1)) == UINT64_MAX);                       /* wraps */
    ck_assert_int_eq(cv_int64(shl(cv_int(1), 64)), 0);
    ck_assert_int_eq(cv_int64(cv_unary('-', flit("2.9"), NULL, &err)), -2);                        /* truncates */
    ck_assert_int_eq(cv_int64(flit("1e100")), INT64_MAX);                  /* saturates */
    ck_assert_int_eq(cv_int64(cv_unary('-', flit("1e5000"), NULL, &err)), INT64_MIN);
    ck_assert(cv_uint64(flit("1.8446744073709551615e19")) == UINT64_MAX);
    ck_assert(cv_float64(cv_int(7)) == 7.0);
    ck_assert(cv_float64(flit("0.1")) == 0.1);
}
END_TEST

/* ---------------- representability ---------------- */


START_TEST(test_represent)
{
    const char *why;
    /* var b byte = 256 / var h int8 = 200 / var o uint = -1: (overflows) */
    assert_not_rep(cv_int(256), types_byte, "overflows");
    assert_not_rep(cv_int(200), basic(TY_INT8), "overflows");
    assert_not_rep(cv_int(-1), basic(TY_UINT), "overflows");
    assert_not_rep(shl(cv_int(1), 63), basic(TY_INT64), "overflows");
    assert_not_rep(shl(cv_int(1), 100), basic(TY_INT8), "overflows");
    assert_not_rep(shl(cv_int(1), 64), basic(TY_UINT64), "overflows");
    assert_not_rep(cv_unary('-', shl(cv_int(1), 63), NULL, &why), basic(TY_UINT), "overflows");
    assert_not_rep(bin('-', cv_unary('-', shl(cv_int(1), 63), NULL, &why), cv_int(1)), basic(TY_INT64), "overflows");
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
    ck_assert_ptr_nonnull(cv_represent(cv_uint(UINT64_MAX), basic(TY_UINT64), &why));
    ck_assert_ptr_nonnull(cv_represent(cv_unary('-', shl(cv_int(1), 63), NULL, &why), basic(TY_INT64), &why));
    ck_assert_ptr_nonnull(cv_represent(flit("1.8446744073709551615e19"), basic(TY_UINT64), &why));
    assert_not_rep(flit("1.8446744073709551616e19"), basic(TY_UINT64), "truncated");
    ck_assert_ptr_nonnull(cv_represent(cv_uint(UINT64_MAX), basic(TY_UINTPTR), &why));
    assert_int(cv_represent(flit("2.5e10"), basic(TY_INT), &why), 25000000000LL);   /* var z int = 2.5e10 */
    assert_int(cv_represent(flit("3.0"), basic(TY_UNTYPED_RUNE), &why), 3);
    ConstVal *f = cv_represent(cv_int(3), basic(TY_FLOAT64), &why);
    ck_assert_int_eq(f->kind, CV_FLOAT);
    assert_flt(f, 3.0L);
    ck_assert_int_eq(cv_represent(cv_int(3), basic(TY_UNTYPED_FLOAT), &why)->kind, CV_FLOAT);
    ck_assert_ptr_null(why);
    /* rounding to the target precision */
    ConstVal *r32 = cv_represent(flit("0.1"), basic(TY_FLOAT32), &why);
    assert_flt(r32, (long double)0.1f);
    ConstVal *r64 = cv_represent(flit("0.1"), basic(TY_FLOAT64), &why);
    assert_flt(r64, (long double)0.1);
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
    const char *err;
    ck_assert_str_eq(cv_format(cv_int(300)), "300");
    ck_assert_str_eq(cv_format(cv_int(-1)), "-1");
    ck_assert_str_eq(cv_format(cv_int(0)), "0");
    ck_assert_str_eq(cv_format(shl(cv_int(1), 100)), "1267650600228229401496703205376");
    ck_assert_str_eq(cv_format(cv_unary('-', shl(cv_int(1), 127), NULL, &err)), "-170141183460469231731687303715884105728");
    ck_assert_str_eq(cv_format(cv_int(INT64_MIN)), "-9223372036854775808");
    ck_assert_str_eq(cv_format(cv_uint(10000000000000000000ULL)), "10000000000000000000");
    ck_assert_str_eq(cv_format(ilit("100000000000000000000000000000000000000")), "100000000000000000000000000000000000000");
    ck_assert_str_eq(cv_format(cv_unary('-', shl(cv_int(1), 511), NULL, &err)),
                     "-6703903964971298549787012499102923063739682910296196688861780721860882015036773488400937149083451713845015929093243025426876941405973284973216824503042048");
    ck_assert_str_eq(cv_format(bin('+', bin('-', shl(cv_int(1), 511), cv_int(1)), shl(cv_int(1), 511))),
                     "13407807929942597099574024998205846127479365820592393377723561443721764030073546976801874298166903427690031858186486050853753882811946569946433649006084095");
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
    tcase_add_test(tc, test_big_int_arith);
    tcase_add_test(tc, test_big_shift);
    tcase_add_test(tc, test_errors);
    tcase_add_test(tc, test_shift_unary);
    tcase_add_test(tc, test_float_bool_string);
    tcase_add_test(tc, test_exact_floats);
    tcase_add_test(tc, test_float_rounding);
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
