/* constant.c — exact values of Go constant expressions.
 *
 * Go: go/constant (value.go: MakeFromLiteral, makeRat, makeFloat, ToInt,
 * ToFloat, BinaryOp, UnaryOp, Shift, Compare, Float64Val, String),
 * types2/const.go (representableConst, roundFloat32/64) and math/big
 * (Float's round-to-nearest-even and SetString, Rat.Float64). The integers
 * underneath are bigint.c.
 *
 * Representation. go/constant keeps four numeric forms; mini keeps three:
 *  - CV_INT: an exact integer (int64Val and intVal in one), any size.
 *    Untyped integers must stay within 512 bits (types2 prec): that check
 *    is the checker's (check_overflow, with CV_PREC and cv_bitlen), as in
 *    types2's overflow, so that a typed shift like int64(1) << 1000 still
 *    reports the exact value that "overflows int64".
 *  - CV_FLOAT, exact (ratVal): num/den in lowest terms. A literal is exact
 *    when its value lies within 2^±4096 (every literal up to about
 *    1e±1200); an operation's result is exact when both parts stay below
 *    2^4096 (go/constant maxExp, makeRat). So 0.1 + 0.2 == 0.3 and
 *    1.0 / 3 * 3 == 1 hold exactly, as in Go.
 *  - CV_FLOAT, approximate (floatVal): num * 2^exp, |num| < 2^512, the
 *    value of a big.Float with 512-bit mantissa, rounded to nearest even
 *    after every operation. Used past the rational limit (1e5000,
 *    1e-5000, fractions whose parts grew too big); once approximate, a
 *    value never goes back to a fraction. The binary exponent is bounded
 *    like big.Float's (MinExp/MaxExp, about ±2^31): beyond it an operation
 *    fails with gc's "constant result is not representable", a literal is
 *    malformed, and results below it underflow to 0.
 *
 * Conversions to float64 and float32 round the exact value once, to
 * nearest even with gradual underflow (Rat.Float64, Float.Float32), so
 * representability ("overflows", "truncated") and the values the compiler
 * gets are those of gc.
 *
 * Limits: an integer result beyond CV_MAXBITS bits fails at once with the
 * operation's overflow message, where gc's big.Int computes it and then
 * reports that same message (it is past 512 bits). Only a huge literal
 * (go 1.19 accepts any, up to the checker's 10000 characters) or a shift
 * of one gets there. The slowest case, + - * / of two 10000-digit
 * fractions, takes about 50 ms.
 *
 * Invariants:
 *  - A ConstVal is immutable once made; operations return fresh values.
 *  - CV_FLOAT is never -0, NaN or ±Inf (Go constants have none of them);
 *    an exact one has den > 0 and gcd(num, den) == 1; an approximate one
 *    has den == NULL and no trailing zero bits in num.
 *  - The kind of a value follows the kind of its type: a float-typed constant
 *    keeps CV_FLOAT even when integral (1.0), because gc's choice between
 *    "truncated" and "overflows" depends on it (cv_represent).
 */
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gc.h>

#include "types.h"
#include "bigint.h"
#include "parser.h"

enum {
    PREC = 512,          /* go/constant prec: floatVal mantissa bits */
    MAXEXP = 4 << 10,    /* go/constant maxExp: fraction parts below 2^MAXEXP */
    CV_MAXBITS = 8192,   /* mini: no integer result beyond this many bits */
};
#define FLT_MAXEXP ((int64_t)INT32_MAX)   /* big.MaxExp */
#define FLT_MINEXP ((int64_t)INT32_MIN)   /* big.MinExp */
#define NO_EMIN INT64_MIN

static ConstVal *new_cv(CVKind kind)
{
    ConstVal *x = GC_MALLOC(sizeof *x);
    x->kind = kind;
    return x;
}

static const Big *big_zero(void) { return big_int64(0); }
static const Big *big_one(void) { return big_int64(1); }

ConstVal *cv_bool(bool b)
{
    ConstVal *x = new_cv(CV_BOOL);
    x->b = b;
    return x;
}

ConstVal *cv_string(const char *s, size_t len)
{
    ConstVal *x = new_cv(CV_STRING);
    char *p = GC_MALLOC_ATOMIC(len + 1);
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    x->s = p;
    x->slen = len;
    return x;
}

static ConstVal *int_val(const Big *i)
{
    ConstVal *x = new_cv(CV_INT);
    x->i = i;
    return x;
}

ConstVal *cv_int(int64_t i) { return int_val(big_int64(i)); }
ConstVal *cv_uint(uint64_t u) { return int_val(big_uint64(u)); }

/* ------------------------------------------------------------------ */
/* Binary floating point (big.Float)                                   */
/* ------------------------------------------------------------------ */

/* (-1)^neg * mant * 2^exp, mant >= 0; or an infinity (big.Float's
   overflow, which makeFloat turns into an unknown value). */
typedef struct Flt {
    bool neg, inf;
    const Big *mant;
    int64_t exp;
} Flt;

enum { NEAREST_EVEN, TO_ZERO, AWAY_FROM_ZERO };

static bool is_zero_big(const Big *x) { return big_sign(x) == 0; }
static bool flt_is_zero(Flt f) { return !f.inf && is_zero_big(f.mant); }
/* big.Float.MantExp: f = m * 2^top with 0.5 <= |m| < 1. */
static int64_t flt_top(Flt f) { return big_bitlen(f.mant) + f.exp; }

/* num/den * 2^e2 (num >= 0, den > 0) rounded to prec significant bits in
   the given mode (on the magnitude). With emin != NO_EMIN the lowest
   mantissa bit weighs at least 2^emin: the gradual underflow of IEEE
   formats. The result may carry into prec+1 bits only as 2^prec, which is
   renormalized. */
static Flt round_quo(const Big *num, const Big *den, int64_t e2, int64_t prec, int mode, int64_t emin)
{
    Flt f = {false, false, big_zero(), 0};
    assert(big_sign(num) >= 0 && big_sign(den) > 0);
    if (is_zero_big(num))
        return f;
    /* q = floor(num * 2^k / den) gets prec+2 or prec+3 bits. */
    int64_t k = prec + 2 - (big_bitlen(num) - big_bitlen(den));
    const Big *n = num, *d = den, *q, *r;
    if (k > 0)
        n = big_shl(n, (uint64_t)k);
    else if (k < 0)
        d = big_shl(d, (uint64_t)-k);
    big_quorem(n, d, &q, &r);
    bool sticky = !is_zero_big(r);
    int64_t lsb = e2 - k;                /* weight of q's lowest bit */
    int64_t qb = big_bitlen(q);
    int64_t drop = qb - prec;            /* >= 2 */
    if (emin != NO_EMIN && lsb + drop < emin)
        drop = emin - lsb;

    const Big *mant;
    int c;                               /* dropped bits against one half */
    bool frac;                           /* anything dropped at all */
    if (drop > qb + 1) {
        mant = big_zero();
        c = -1;
        frac = true;
    } else {
        mant = big_shr(q, (uint64_t)drop);
        const Big *low = big_sub(q, big_shl(mant, (uint64_t)drop));
        c = big_cmp(low, big_shl(big_one(), (uint64_t)(drop - 1)));
        frac = sticky || !is_zero_big(low);
        if (c == 0 && sticky)
            c = 1;
    }
    bool up;
    switch (mode) {
    case TO_ZERO:        up = false; break;
    case AWAY_FROM_ZERO: up = frac; break;
    default:             up = c > 0 || (c == 0 && (big_low64(mant) & 1)); break;
    }
    if (up) {
        mant = big_add(mant, big_one());
        if (big_bitlen(mant) > prec) {
            mant = big_shr(mant, 1);
            drop++;
        }
    }
    f.mant = mant;
    f.exp = is_zero_big(mant) ? 0 : lsb + drop;
    return f;
}

/* A big.Float result of precision prec: rounded, then checked against the
   exponent range (overflow to Inf, underflow to 0), trailing zeros gone. */
static Flt flt_round_prec(const Big *num, const Big *den, int64_t e2, bool neg, int64_t prec)
{
    Flt f = round_quo(num, den, e2, prec, NEAREST_EVEN, NO_EMIN);
    if (is_zero_big(f.mant))
        return f;
    int64_t top = flt_top(f);
    if (top > FLT_MAXEXP) {
        f.inf = true;
    } else if (top < FLT_MINEXP) {
        f.mant = big_zero();
        f.exp = 0;
        return f;
    } else {
        int64_t tz = big_trailing_zeros(f.mant);
        f.mant = big_shr(f.mant, (uint64_t)tz);
        f.exp += tz;
    }
    f.neg = neg;
    return f;
}

static Flt flt_round(const Big *num, const Big *den, int64_t e2, bool neg)
{
    return flt_round_prec(num, den, e2, neg, PREC);
}

static Flt flt_neg(Flt f)
{
    if (!flt_is_zero(f))
        f.neg = !f.neg;
    return f;
}

static const Big *flt_signed(Flt f)
{
    return f.neg ? big_neg(f.mant) : f.mant;
}

/* big.Float.Add: the exact sum, rounded once. When one operand lies more
   than PREC+2 binary places below the other it cannot move the rounded
   result, so the larger is the answer (and no huge shift is needed). */
static Flt flt_add(Flt a, Flt b)
{
    if (flt_is_zero(a))
        return b;
    if (flt_is_zero(b))
        return a;
    int64_t ta = flt_top(a), tb = flt_top(b);
    if (ta - tb > PREC + 2)
        return a;
    if (tb - ta > PREC + 2)
        return b;
    int64_t e = a.exp < b.exp ? a.exp : b.exp;
    const Big *s = big_add(big_shl(flt_signed(a), (uint64_t)(a.exp - e)),
                           big_shl(flt_signed(b), (uint64_t)(b.exp - e)));
    return flt_round(big_abs(s), big_one(), e, big_sign(s) < 0);
}

static Flt flt_mul_prec(Flt a, Flt b, int64_t prec)
{
    bool neg = a.neg != b.neg;
    if (a.inf || b.inf) {
        Flt f = {neg, true, big_one(), 0};
        return f;
    }
    return flt_round_prec(big_mul(a.mant, b.mant), big_one(), a.exp + b.exp, neg, prec);
}

/* b != 0 */
static Flt flt_quo(Flt a, Flt b)
{
    assert(!flt_is_zero(b));
    bool neg = a.neg != b.neg;
    if (b.inf) {
        Flt f = {false, false, big_zero(), 0};
        return f;
    }
    return flt_round(a.mant, b.mant, a.exp - b.exp, neg);
}

static int flt_sign(Flt f)
{
    return flt_is_zero(f) ? 0 : f.neg ? -1 : 1;
}

/* big.Float.Cmp on finite values. */
static int flt_cmp(Flt a, Flt b)
{
    int sa = flt_sign(a), sb = flt_sign(b);
    if (sa != sb)
        return sa < sb ? -1 : 1;
    if (sa == 0)
        return 0;
    int64_t ta = flt_top(a), tb = flt_top(b);
    int c;
    if (ta != tb) {
        c = ta < tb ? -1 : 1;
    } else {
        int64_t e = a.exp < b.exp ? a.exp : b.exp;
        c = big_cmpabs(big_shl(a.mant, (uint64_t)(a.exp - e)), big_shl(b.mant, (uint64_t)(b.exp - e)));
    }
    return sa * c;
}

/* The integer value of f if it has one (big.Float.Int with Exact). */
static const Big *flt_exact_int(Flt f)
{
    if (flt_is_zero(f))
        return big_zero();
    if (f.exp < 0 && big_trailing_zeros(f.mant) < -f.exp)
        return NULL;
    const Big *m = f.exp >= 0 ? big_shl(f.mant, (uint64_t)f.exp) : big_shr(f.mant, (uint64_t)-f.exp);
    return f.neg ? big_neg(m) : m;
}

/* IEEE binary32/binary64 nearest to num/den * 2^e2 (num >= 0, den > 0):
   Rat.Float64 / Float.Float64 and their Float32 twins. */
static double round_ieee(const Big *num, const Big *den, int64_t e2, bool neg, bool single)
{
    int prec = single ? 24 : 53;
    int64_t emin = single ? -149 : -1074, emax = single ? 128 : 1024;
    Flt f = round_quo(num, den, e2, prec, NEAREST_EVEN, emin);
    double d;
    if (is_zero_big(f.mant))
        d = 0;
    else if (flt_top(f) > emax)
        d = INFINITY;
    else
        d = ldexp((double)big_low64(f.mant), (int)f.exp);   /* exact */
    return neg ? -d : d;
}

/* big.Float.pow5 on a Float of precision 576 (as SetString uses it):
   repeated squaring, rounding at every step exactly as math/big does. */
static Flt pow5(uint64_t n)
{
    static const uint64_t pow5tab[] = {
        1ULL, 5ULL, 25ULL, 125ULL, 625ULL, 3125ULL, 15625ULL, 78125ULL, 390625ULL,
        1953125ULL, 9765625ULL, 48828125ULL, 244140625ULL, 1220703125ULL, 6103515625ULL,
        30517578125ULL, 152587890625ULL, 762939453125ULL, 3814697265625ULL, 19073486328125ULL,
        95367431640625ULL, 476837158203125ULL, 2384185791015625ULL, 11920928955078125ULL,
        59604644775390625ULL, 298023223876953125ULL, 1490116119384765625ULL,
        7450580596923828125ULL,
    };
    enum { M = 27, ZPREC = PREC + 64, FPREC = ZPREC + 64 };
    Flt z = {false, false, big_uint64(pow5tab[n <= M ? n : M]), 0};
    if (n <= M)
        return z;
    n -= M;
    Flt f = {false, false, big_uint64(5), 0};
    while (n > 0) {
        if (n & 1)
            z = flt_mul_prec(z, f, ZPREC);
        f = flt_mul_prec(f, f, FPREC);
        n >>= 1;
    }
    return z;
}

/* ------------------------------------------------------------------ */
/* Numeric forms (go/constant int64Val/intVal, ratVal, floatVal)        */
/* ------------------------------------------------------------------ */

static bool is_num(const ConstVal *x) { return x->kind == CV_INT || x->kind == CV_FLOAT; }
static bool is_rat(const ConstVal *x) { return x->kind == CV_FLOAT && x->den != NULL; }
static bool is_flt(const ConstVal *x) { return x->kind == CV_FLOAT && x->den == NULL; }

/* An exact fraction, reduced (big.Rat normalizes); den != 0. */
static ConstVal *rat_val(const Big *num, const Big *den)
{
    assert(!is_zero_big(den));
    if (big_sign(den) < 0) {
        num = big_neg(num);
        den = big_neg(den);
    }
    if (is_zero_big(num)) {
        den = big_one();
    } else {
        const Big *g = big_gcd(num, den);
        if (big_cmp(g, big_one()) != 0) {
            big_quorem(num, g, &num, NULL);
            big_quorem(den, g, &den, NULL);
        }
    }
    assert(big_sign(den) > 0);
    ConstVal *x = new_cv(CV_FLOAT);
    x->num = num;
    x->den = den;
    return x;
}

/* go/constant makeFloat: NULL for an infinity ("not representable"). */
static ConstVal *make_float(Flt f)
{
    if (f.inf)
        return NULL;
    ConstVal *x = new_cv(CV_FLOAT);
    x->num = flt_is_zero(f) ? big_zero() : flt_signed(f);
    x->den = NULL;
    x->exp = flt_is_zero(f) ? 0 : f.exp;
    assert(big_bitlen(x->num) <= PREC && (flt_is_zero(f) || (big_low64(x->num) & 1)));
    return x;
}

/* go/constant makeRat: a fraction while both parts are small, else the
   nearest 512-bit float. */
static ConstVal *make_rat(const Big *num, const Big *den)
{
    ConstVal *x = rat_val(num, den);
    if (big_bitlen(x->num) < MAXEXP && big_bitlen(x->den) < MAXEXP)
        return x;
    return make_float(flt_round(big_abs(x->num), x->den, 0, big_sign(x->num) < 0));
}

/* go/constant smallFloat: exponent within ±maxExp. */
static bool small_flt(Flt f)
{
    if (f.inf)
        return false;
    if (flt_is_zero(f))
        return true;
    int64_t e = flt_top(f);
    return -MAXEXP < e && e < MAXEXP;
}

/* A long double's exact value; fractions for everything a double can hold
   (go/constant MakeFloat64). */
ConstVal *cv_float(long double f)
{
    assert(isfinite(f));
    if (f == 0)
        return rat_val(big_zero(), big_one());
    int e;
    long double m = frexpl(fabsl(f), &e);   /* 0.5 <= m < 1 */
    const Big *mant = big_zero();
    int64_t e2 = e;
    while (m != 0) {                        /* 32 mantissa bits at a time */
        m = ldexpl(m, 32);
        uint64_t d = (uint64_t)m;
        m -= (long double)d;
        mant = big_add(big_shl(mant, 32), big_uint64(d));
        e2 -= 32;
    }
    Flt v = {f < 0, false, mant, e2};
    if (!small_flt(v))
        return make_float(flt_round(mant, big_one(), e2, f < 0));
    const Big *num = f < 0 ? big_neg(mant) : mant, *den = big_one();
    if (e2 >= 0)
        num = big_shl(num, (uint64_t)e2);
    else
        den = big_shl(den, (uint64_t)-e2);
    return rat_val(num, den);
}

/* x (numeric) as a 512-bit float: itof, rtof, or itself. */
static Flt as_flt(const ConstVal *x)
{
    if (x->kind == CV_INT)
        return flt_round(big_abs(x->i), big_one(), 0, big_sign(x->i) < 0);
    if (is_rat(x))
        return flt_round(big_abs(x->num), x->den, 0, big_sign(x->num) < 0);
    Flt f = {big_sign(x->num) < 0, false, big_abs(x->num), x->exp};
    return f;
}

/* x (CV_INT or exact) as a fraction. */
static void as_rat(const ConstVal *x, const Big **num, const Big **den)
{
    if (x->kind == CV_INT) {
        *num = x->i;
        *den = big_one();
    } else {
        assert(is_rat(x));
        *num = x->num;
        *den = x->den;
    }
}

/* Nearest binary64/binary32 to x (go/constant Float64Val/Float32Val of
   ToFloat(x), as types2's roundFloat64 takes it): one rounding from the
   exact value, except from a 512-bit float. */
static double to_ieee(ConstVal *x, bool single)
{
    x = cv_to_float(x);
    if (is_rat(x))
        return round_ieee(big_abs(x->num), x->den, 0, big_sign(x->num) < 0, single);
    Flt f = as_flt(x);
    return round_ieee(f.mant, big_one(), f.exp, f.neg, single);
}

static int num_sign(const ConstVal *x)
{
    return big_sign(x->kind == CV_INT ? x->i : x->num);
}

int cv_sign(ConstVal *x)
{
    return x != NULL && is_num(x) ? num_sign(x) : 0;
}

int64_t cv_bitlen(ConstVal *x)
{
    return x != NULL && x->kind == CV_INT ? big_bitlen(x->i) : 0;
}

/* ------------------------------------------------------------------ */
/* Literals                                                            */
/* ------------------------------------------------------------------ */

/* raw without '_' separators, in a Boehm buffer. */
static char *strip_underscores(const char *raw)
{
    size_t n = strlen(raw);
    char *p = GC_MALLOC_ATOMIC(n + 1), *q = p;
    for (const char *r = raw; *r; r++)
        if (*r != '_')
            *q++ = *r;
    *q = '\0';
    return p;
}

static int digit_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return 99;
}

/* Go int literals: 42, 0x2A, 0o52, 052 (legacy octal), 0b101010. Any size:
   the checker rejects those past 512 bits (go/constant's values would
   not fit gc's 512-bit untyped integers either). */
static ConstVal *int_literal(const char *raw)
{
    const char *s = strip_underscores(raw);
    int base = 10;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s += 2;
    } else if (s[0] == '0' && (s[1] == 'o' || s[1] == 'O')) {
        base = 8;
        s += 2;
    } else if (s[0] == '0' && (s[1] == 'b' || s[1] == 'B')) {
        base = 2;
        s += 2;
    } else if (s[0] == '0' && s[1] != '\0') {
        base = 8;
        s += 1;
    }
    const Big *v = big_parse(s, base);
    return v ? int_val(v) : NULL;
}

static const Big *big_pow(uint64_t base, uint64_t n)
{
    const Big *r = big_one(), *b = big_uint64(base);
    for (; n > 0; n >>= 1) {
        if (n & 1)
            r = big_mul(r, b);
        if (n > 1)
            b = big_mul(b, b);
    }
    return r;
}

/* Go float literals: 1.5, .5, 1e9, 1E-3, 0x1p-2, 0x1.8p1, with '_'.
 *
 * As go/constant makeFloatFromLiteral: the value is first read as a
 * 512-bit big.Float (SetString: the digits times 2^exp2 times or over a
 * 576-bit 5^exp5); if that is small (smallFloat) the literal becomes the
 * exact fraction, else that float. NULL when malformed or when the
 * exponent leaves big.Float's range ("malformed constant" in gc). */
static ConstVal *float_literal(const char *raw)
{
    const char *s = strip_underscores(raw);
    bool hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
    int base = hex ? 16 : 10;
    if (hex)
        s += 2;
    char *digits = GC_MALLOC_ATOMIC(strlen(s) + 1);
    size_t nd = 0;
    int64_t fcount = 0;                  /* digits after the point */
    bool dot = false;
    for (; *s; s++) {
        if (*s == '.' && !dot) {
            dot = true;
        } else if (digit_value(*s) < base) {
            digits[nd++] = *s;
            fcount += dot;
        } else {
            break;
        }
    }
    digits[nd] = '\0';
    if (nd == 0)
        return NULL;
    int64_t e = 0;
    if (hex ? (*s == 'p' || *s == 'P') : (*s == 'e' || *s == 'E')) {
        s++;
        bool eneg = *s == '-';
        if (*s == '+' || *s == '-')
            s++;
        if (*s < '0' || *s > '9')
            return NULL;
        for (; *s >= '0' && *s <= '9'; s++) {
            if (e > (INT64_MAX - (*s - '0')) / 10)
                return NULL;             /* strconv.ParseInt fails: malformed */
            e = e * 10 + (*s - '0');
        }
        if (eneg)
            e = -e;
        /* past ±2^40 the exponent check below fails anyway; clamping
           keeps the arithmetic on it from overflowing */
        if (e > (int64_t)1 << 40)
            e = (int64_t)1 << 40;
        if (e < -((int64_t)1 << 40))
            e = -((int64_t)1 << 40);
    }
    if (*s != '\0')
        return NULL;
    const Big *m = big_parse(digits, base);
    if (m == NULL)
        return NULL;
    if (is_zero_big(m))
        return rat_val(big_zero(), big_one());

    /* value = m * 2^e2 * 5^exp5 */
    int64_t exp5 = 0, e2;
    if (hex) {
        e2 = e - 4 * fcount;
    } else {
        exp5 = e - fcount;
        e2 = exp5;
    }
    int64_t exp2 = big_bitlen(m) + e2;   /* SetString's exponent check */
    if (exp2 < FLT_MINEXP || exp2 > FLT_MAXEXP)
        return NULL;
    Flt z;
    if (exp5 == 0) {
        z = flt_round(m, big_one(), e2, false);
    } else {
        Flt p = pow5((uint64_t)(exp5 < 0 ? -exp5 : exp5));
        if (exp5 > 0 && p.inf)
            return NULL;
        if (exp5 > 0) {
            z = flt_round(big_mul(m, p.mant), big_one(), e2 + p.exp, false);
        } else if (p.inf) {
            Flt zero = {false, false, big_zero(), 0};
            z = zero;
        } else {
            z = flt_round(m, p.mant, e2 - p.exp, false);
        }
    }
    if (!small_flt(z))
        return make_float(z);
    if (flt_is_zero(z))                 /* underflowed: go/constant parses "0" */
        return rat_val(big_zero(), big_one());
    if (hex)
        return e2 >= 0 ? rat_val(big_shl(m, (uint64_t)e2), big_one())
                       : rat_val(m, big_shl(big_one(), (uint64_t)-e2));
    return exp5 >= 0 ? rat_val(big_mul(m, big_pow(10, (uint64_t)exp5)), big_one())
                     : rat_val(m, big_pow(10, (uint64_t)-exp5));
}

ConstVal *cv_from_literal(const Node *lit)
{
    if (lit == NULL)
        return NULL;
    switch (lit->kind) {
    case E_INTLIT:
        return lit->u.lit.raw ? int_literal(lit->u.lit.raw) : NULL;
    case E_FLOATLIT:
        return lit->u.lit.raw ? float_literal(lit->u.lit.raw) : NULL;
    case E_RUNELIT:
        return cv_int(lit->u.lit.rune);
    case E_STRINGLIT:
        return cv_string(lit->u.lit.str ? lit->u.lit.str : "", lit->u.lit.len);
    default:
        return NULL;
    }
}

/* ------------------------------------------------------------------ */
/* Operations                                                          */
/* ------------------------------------------------------------------ */

/* go/constant ToFloat: ints below 2^4096 become exact fractions. */
ConstVal *cv_to_float(ConstVal *x)
{
    if (x == NULL || !is_num(x))
        return NULL;
    if (x->kind == CV_FLOAT)
        return x;
    if (big_bitlen(x->i) < MAXEXP)
        return rat_val(x->i, big_one());
    return make_float(as_flt(x));
}

/* go/constant ToInt: exact integral values; a 512-bit float within
   smallFloat range that is an integer up to its last 4 bits counts as that
   integer (rounding errors of earlier operations). */
ConstVal *cv_to_int(ConstVal *x)
{
    if (x == NULL)
        return NULL;
    if (x->kind == CV_INT)
        return x;
    if (x->kind != CV_FLOAT)
        return NULL;
    if (is_rat(x))
        return big_cmp(x->den, big_one()) == 0 ? int_val(x->num) : NULL;
    Flt f = as_flt(x);
    if (!small_flt(f))
        return NULL;
    const Big *i = flt_exact_int(f);
    if (i == NULL) {
        enum { DELTA = 4 };
        Flt t = round_quo(f.mant, big_one(), f.exp, PREC - DELTA, TO_ZERO, NO_EMIN);
        t.neg = f.neg;
        i = flt_exact_int(t);
        if (i == NULL) {
            t = round_quo(f.mant, big_one(), f.exp, PREC - DELTA, AWAY_FROM_ZERO, NO_EMIN);
            t.neg = f.neg;
            i = flt_exact_int(t);
        }
    }
    return i ? int_val(i) : NULL;
}

/* gc names the operation in its overflow message (types2 opName). */
static const char *overflow_msg(int op)
{
    switch (op) {
    case '+': return "constant addition overflow";
    case '-': return "constant subtraction overflow";
    case '*': return "constant multiplication overflow";
    case '^': return "constant bitwise XOR overflow";
    case SHL: return "constant shift overflow";
    default:  return "constant overflow";
    }
}

static ConstVal *fail(const char **err, const char *msg)
{
    if (err != NULL)
        *err = msg;
    return NULL;
}

/* An integer result, unless it is past mini's CV_MAXBITS. */
static ConstVal *int_result(const Big *v, int op, const char **err)
{
    if (big_bitlen(v) > CV_MAXBITS)
        return fail(err, overflow_msg(op));
    return int_val(v);
}

static bool is_comparison(int op)
{
    return op == EQL || op == NEQ || op == '<' || op == LEQ || op == '>' || op == GEQ;
}

static ConstVal *int_binary(int op, const Big *a, const Big *b, const char **err)
{
    const Big *r;
    switch (op) {
    case '+':     return int_result(big_add(a, b), op, err);
    case '-':     return int_result(big_sub(a, b), op, err);
    case '*':
        /* the product has at least la+lb-1 bits: don't build a huge one */
        if (!is_zero_big(a) && !is_zero_big(b) && big_bitlen(a) + big_bitlen(b) - 1 > CV_MAXBITS)
            return fail(err, overflow_msg(op));
        return int_result(big_mul(a, b), op, err);
    case '/':
    case '%':
        if (is_zero_big(b))
            return fail(err, "division by zero");
        if (op == '/')
            big_quorem(a, b, &r, NULL);   /* truncates toward zero, as Go */
        else
            big_quorem(a, b, NULL, &r);   /* sign of the dividend, as Go */
        return int_val(r);
    case '&':     return int_val(big_and(a, b));
    case '|':     return int_val(big_or(a, b));
    case '^':     return int_result(big_xor(a, b), op, err);
    case AND_NOT: return int_val(big_andnot(a, b));
    default:      return NULL;
    }
}

/* + - * / on exact or 512-bit floats (ints taking part as fractions). */
static ConstVal *float_binary(int op, ConstVal *x, ConstVal *y, const char **err)
{
    if (op != '+' && op != '-' && op != '*' && op != '/')
        return NULL;
    if (op == '/' && num_sign(y) == 0)
        return fail(err, "division by zero");
    if (is_flt(x) || is_flt(y)) {
        Flt a = as_flt(x), b = as_flt(y), r;
        switch (op) {
        case '+': r = flt_add(a, b); break;
        case '-': r = flt_add(a, flt_neg(b)); break;
        case '*': r = flt_mul_prec(a, b, PREC); break;
        default:  r = flt_quo(a, b); break;
        }
        ConstVal *v = make_float(r);
        return v ? v : fail(err, "constant result is not representable");
    }
    const Big *an, *ad, *bn, *bd;
    as_rat(x, &an, &ad);
    as_rat(y, &bn, &bd);
    switch (op) {
    case '+': return make_rat(big_add(big_mul(an, bd), big_mul(bn, ad)), big_mul(ad, bd));
    case '-': return make_rat(big_sub(big_mul(an, bd), big_mul(bn, ad)), big_mul(ad, bd));
    case '*': return make_rat(big_mul(an, bn), big_mul(ad, bd));
    default:  return make_rat(big_mul(an, bd), big_mul(ad, bn));
    }
}

ConstVal *cv_binary(int op, ConstVal *x, ConstVal *y, bool integer_div, const char **err)
{
    if (err != NULL)
        *err = NULL;
    if (x == NULL || y == NULL)
        return NULL;
    if (is_comparison(op))
        return cv_bool(cv_compare(op, x, y));

    if (x->kind == CV_BOOL && y->kind == CV_BOOL) {
        if (op == LAND) return cv_bool(x->b && y->b);
        if (op == LOR)  return cv_bool(x->b || y->b);
        return NULL;
    }
    if (x->kind == CV_STRING && y->kind == CV_STRING) {
        if (op != '+')
            return NULL;
        ConstVal *r = new_cv(CV_STRING);
        char *p = GC_MALLOC_ATOMIC(x->slen + y->slen + 1);
        memcpy(p, x->s, x->slen);
        memcpy(p + x->slen, y->s, y->slen);
        p[x->slen + y->slen] = '\0';
        r->s = p;
        r->slen = x->slen + y->slen;
        return r;
    }
    if (!is_num(x) || !is_num(y))
        return NULL;
    if (x->kind == CV_INT && y->kind == CV_INT && !(op == '/' && !integer_div))
        return int_binary(op, x->i, y->i, err);
    return float_binary(op, x, y, err);
}

static int type_bits(TypeKind k)
{
    switch (k) {
    case TY_INT8: case TY_UINT8: return 8;
    case TY_INT16: case TY_UINT16: return 16;
    case TY_INT32: case TY_UINT32: return 32;
    default: return 64;
    }
}

ConstVal *cv_unary(int op, ConstVal *x, Type *t, const char **err)
{
    if (err != NULL)
        *err = NULL;
    if (x == NULL)
        return NULL;
    switch (op) {
    case '+':
        return is_num(x) ? x : NULL;
    case '-':
        if (x->kind == CV_INT)
            return int_val(big_neg(x->i));
        if (is_rat(x))   /* makeRat: a literal's big fraction becomes a float */
            return make_rat(big_neg(x->num), x->den);
        if (x->kind == CV_FLOAT) {
            ConstVal *r = new_cv(CV_FLOAT);
            *r = *x;
            r->num = big_neg(x->num);
            return r;
        }
        return NULL;
    case '!':
        return x->kind == CV_BOOL ? cv_bool(!x->b) : NULL;
    case '^': {
        if (x->kind != CV_INT)
            return NULL;
        const Big *r = big_not(x->i);
        /* On an unsigned type ^x keeps only the type's bits
           (go/constant UnaryOp with prec: z &^= -1 << prec). */
        if (t != NULL && type_is_unsigned(t)) {
            int bits = type_bits(type_underlying(t)->kind);
            r = big_andnot(r, big_shl(big_int64(-1), (uint64_t)bits));
        }
        if (big_bitlen(r) > CV_MAXBITS)
            return fail(err, "constant bitwise complement overflow");
        return int_val(r);
    }
    default:
        return NULL;
    }
}

ConstVal *cv_shift(int op, ConstVal *x, uint64_t s, const char **err)
{
    if (err != NULL)
        *err = NULL;
    ConstVal *v = cv_to_int(x);
    if (v == NULL)
        return NULL;
    if (op == SHL) {
        if (is_zero_big(v->i))
            return v;
        if (s > CV_MAXBITS || big_bitlen(v->i) + (int64_t)s > CV_MAXBITS)
            return fail(err, "constant shift overflow");
        return int_val(big_shl(v->i, s));
    }
    if (op == SHR)
        return int_val(big_shr(v->i, s));   /* floors, as Go */
    return NULL;
}

/* Compares two numeric values exactly, after go/constant's match: ints
   and fractions as fractions, anything with a 512-bit float as floats. */
static int num_cmp(ConstVal *x, ConstVal *y)
{
    if (x->kind == CV_INT && y->kind == CV_INT)
        return big_cmp(x->i, y->i);
    if (is_flt(x) || is_flt(y))
        return flt_cmp(as_flt(x), as_flt(y));
    const Big *an, *ad, *bn, *bd;
    as_rat(x, &an, &ad);
    as_rat(y, &bn, &bd);
    return big_cmp(big_mul(an, bd), big_mul(bn, ad));
}

bool cv_compare(int op, ConstVal *x, ConstVal *y)
{
    if (x == NULL || y == NULL)
        return false;
    int c;
    if (x->kind == CV_BOOL && y->kind == CV_BOOL) {
        c = x->b == y->b ? 0 : 1;
        if (op == EQL) return c == 0;
        if (op == NEQ) return c != 0;
        return false;
    } else if (x->kind == CV_STRING && y->kind == CV_STRING) {
        size_t n = x->slen < y->slen ? x->slen : y->slen;
        c = memcmp(x->s, y->s, n);
        if (c == 0)
            c = x->slen < y->slen ? -1 : x->slen > y->slen ? 1 : 0;
    } else if (is_num(x) && is_num(y)) {
        c = num_cmp(x, y);
    } else {
        return false;
    }
    switch (op) {
    case EQL: return c == 0;
    case NEQ: return c != 0;
    case '<': return c < 0;
    case LEQ: return c <= 0;
    case '>': return c > 0;
    case GEQ: return c >= 0;
    default:  return false;
    }
}

/* ------------------------------------------------------------------ */
/* Representability (types2 representableConst)                        */
/* ------------------------------------------------------------------ */

static bool int_fits(const Big *v, TypeKind k)
{
    if (!big_is_int64(v)) {
        /* only the 64-bit unsigned types hold values past int64 */
        bool u64 = k == TY_UINT || k == TY_UINT64 || k == TY_UINTPTR;
        return u64 && big_sign(v) > 0 && big_bitlen(v) <= 64;
    }
    int64_t x = (int64_t)big_low64(v);
    switch (k) {
    case TY_INT8:    return x >= INT8_MIN && x <= INT8_MAX;
    case TY_INT16:   return x >= INT16_MIN && x <= INT16_MAX;
    case TY_INT32:   return x >= INT32_MIN && x <= INT32_MAX;
    case TY_INT:
    case TY_INT64:   return true;
    case TY_UINT8:   return x >= 0 && x <= UINT8_MAX;
    case TY_UINT16:  return x >= 0 && x <= UINT16_MAX;
    case TY_UINT32:  return x >= 0 && x <= UINT32_MAX;
    case TY_UINT:
    case TY_UINT64:
    case TY_UINTPTR: return x >= 0;
    default:         return false;
    }
}

static ConstVal *why_not(const char **why, const char *w)
{
    if (why != NULL)
        *why = w;
    return NULL;
}

ConstVal *cv_represent(ConstVal *x, Type *t, const char **why)
{
    if (why != NULL)
        *why = NULL;
    if (x == NULL || t == NULL)
        return NULL;
    TypeKind k = type_underlying(t)->kind;
    bool num = is_num(x);

    switch (k) {
    case TY_BOOL:
    case TY_UNTYPED_BOOL:
        return x->kind == CV_BOOL ? x : NULL;
    case TY_STRING:
    case TY_UNTYPED_STRING:
        return x->kind == CV_STRING ? x : NULL;
    case TY_INT: case TY_INT8: case TY_INT16: case TY_INT32: case TY_INT64:
    case TY_UINT: case TY_UINT8: case TY_UINT16: case TY_UINT32: case TY_UINT64: case TY_UINTPTR:
        if (x->kind == CV_INT)
            return int_fits(x->i, k) ? x : why_not(why, "overflows");
        if (x->kind == CV_FLOAT) {
            /* gc: a float value that does not fit an integer type is
               "truncated", whether or not it is integral (1e100). */
            ConstVal *v = cv_to_int(x);
            return v != NULL && int_fits(v->i, k) ? v : why_not(why, "truncated");
        }
        return NULL;
    case TY_UNTYPED_INT:
    case TY_UNTYPED_RUNE:
        if (!num)
            return NULL;
        {
            ConstVal *v = cv_to_int(x);
            return v != NULL ? v : why_not(why, "truncated");
        }
    case TY_FLOAT32:
    case TY_FLOAT64:
        if (!num)
            return NULL;
        {
            /* roundFloat32/64: the nearest value of the type, unless that
               is an infinity; kept as its exact fraction (MakeFloat64). */
            double f = to_ieee(x, k == TY_FLOAT32);
            return isinf(f) ? why_not(why, "overflows") : cv_float(f);
        }
    case TY_UNTYPED_FLOAT:
        return num ? cv_to_float(x) : NULL;
    default:
        return NULL;
    }
}

/* ------------------------------------------------------------------ */
/* Formatting                                                          */
/* ------------------------------------------------------------------ */

/* Decodes one UTF-8 sequence; *width 1 with rune -1 for an invalid byte. */
static int32_t decode_rune(const unsigned char *s, size_t n, int *width)
{
    unsigned char c = s[0];
    *width = 1;
    if (c < 0x80)
        return c;
    int need;
    int32_t r, min;
    if (c >= 0xC2 && c <= 0xDF) { need = 1; r = c & 0x1F; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { need = 2; r = c & 0x0F; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { need = 3; r = c & 0x07; min = 0x10000; }
    else return -1;
    if ((size_t)need >= n)
        return -1;
    for (int i = 1; i <= need; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return -1;
        r = (r << 6) | (s[i] & 0x3F);
    }
    if (r < min || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF))
        return -1;
    *width = need + 1;
    return r;
}

/* An approximation of strconv.IsPrint without Unicode tables: ASCII
   graphic characters and space, and every other valid rune except the
   controls, format characters, separators, spaces other than U+0020,
   private-use areas and noncharacters Go treats as non-printable. */
static bool is_print(int32_t r)
{
    if (r < 0x80)
        return r >= 0x20 && r < 0x7F;
    if (r < 0xA1 || r == 0xAD)
        return false;
    if (r == 0x1680 || r == 0x180E || r == 0x061C || r == 0x06DD || r == 0x070F || r == 0x3000 ||
        r == 0xFEFF)
        return false;
    if ((r >= 0x0600 && r <= 0x0605) || (r >= 0x2000 && r <= 0x200F) || (r >= 0x2028 && r <= 0x202F) ||
        (r >= 0x205F && r <= 0x206F) || (r >= 0xE000 && r <= 0xF8FF) || (r >= 0xFFF9 && r <= 0xFFFB) ||
        r >= 0xF0000 || (r >= 0xE0000 && r <= 0xE007F))
        return false;
    if ((r & 0xFFFE) == 0xFFFE)
        return false;
    return true;
}

const char *cv_quote(const char *s, size_t len)
{
    size_t cap = len * 10 + 3, n = 0;   /* \U0010ffff is the longest escape per byte group */
    char *out = GC_MALLOC_ATOMIC(cap);
    const unsigned char *p = (const unsigned char *)s;
    out[n++] = '"';
    for (size_t i = 0; i < len;) {
        int w;
        int32_t r = decode_rune(p + i, len - i, &w);
        if (r < 0) {
            n += (size_t)sprintf(out + n, "\\x%02x", p[i]);
            i += 1;
            continue;
        }
        if (r == '"' || r == '\\') {
            out[n++] = '\\';
            out[n++] = (char)r;
        } else if (is_print(r)) {
            memcpy(out + n, p + i, (size_t)w);
            n += (size_t)w;
        } else {
            switch (r) {
            case '\a': memcpy(out + n, "\\a", 2); n += 2; break;
            case '\b': memcpy(out + n, "\\b", 2); n += 2; break;
            case '\f': memcpy(out + n, "\\f", 2); n += 2; break;
            case '\n': memcpy(out + n, "\\n", 2); n += 2; break;
            case '\r': memcpy(out + n, "\\r", 2); n += 2; break;
            case '\t': memcpy(out + n, "\\t", 2); n += 2; break;
            case '\v': memcpy(out + n, "\\v", 2); n += 2; break;
            default:
                if (r < ' ' || r == 0x7F)
                    n += (size_t)sprintf(out + n, "\\x%02x", (unsigned)r);
                else if (r < 0x10000)
                    n += (size_t)sprintf(out + n, "\\u%04x", (unsigned)r);
                else
                    n += (size_t)sprintf(out + n, "\\U%08x", (unsigned)r);
            }
        }
        i += (size_t)w;
    }
    out[n++] = '"';
    out[n] = '\0';
    return out;
}

/* go/constant floatVal.String (ratVal.String formats rtof(x) the same way):
   %.6g when the value is a nonzero finite float64, else an approximate
   mantissa and decimal exponent computed from MantExp. */
static const char *float_string(const ConstVal *x)
{
    char buf[64];
    Flt f = as_flt(x);
    double d = round_ieee(f.mant, big_one(), f.exp, f.neg, false);
    if (flt_is_zero(f) == (d == 0) && !isinf(d)) {
        snprintf(buf, sizeof buf, "%.6g", d);
        return ast_strdup(buf);
    }
    int64_t exp = flt_top(f);
    /* 0.5 <= |m| <= 1, rounded to float64 like mant.Float64() */
    double m = round_ieee(f.mant, big_one(), -big_bitlen(f.mant), f.neg, false);
    double dexp = (double)exp * 0.301029995663981195213738894724493027; /* Ln2/Ln10 */
    long long e = (long long)dexp;
    m *= pow(10, dexp - (double)e);
    double am = fabs(m);
    if (am < 1 - 0.5e-6) {
        m *= 10;
        e--;
    } else if (am >= 10) {
        m /= 10;
        e++;
    }
    snprintf(buf, sizeof buf, "%.6ge%+lld", m, e);
    return ast_strdup(buf);
}

/* go/constant stringVal.String: quoted, cut to 72 runes with "...". */
static const char *string_string(const char *s, size_t len)
{
    enum { MAXLEN = 72 };
    const char *q = cv_quote(s, len);
    size_t qlen = strlen(q), i = 0;
    int runes = 0;
    size_t cut = 0;
    while (i < qlen) {
        int w;
        decode_rune((const unsigned char *)q + i, qlen - i, &w);
        i += (size_t)w;
        runes++;
        if (runes == MAXLEN - 3)
            cut = i;
    }
    if (runes <= MAXLEN)
        return q;
    return ast_sprintf("%.*s...", (int)cut, q);
}

const char *cv_format(ConstVal *x)
{
    if (x == NULL)
        return "unknown";
    switch (x->kind) {
    case CV_BOOL:   return x->b ? "true" : "false";
    case CV_STRING: return string_string(x->s, x->slen);
    case CV_INT:    return big_string(x->i);
    case CV_FLOAT:  return float_string(x);
    }
    return "unknown";
}

/* ------------------------------------------------------------------ */
/* Accessors                                                           */
/* ------------------------------------------------------------------ */

/* A numeric x truncated toward zero, or NULL past 2^65 in magnitude
   (never asked by a checked program; the callers then saturate). */
static const Big *trunc_int(const ConstVal *x)
{
    if (x->kind == CV_INT)
        return x->i;
    if (is_rat(x)) {
        const Big *q;
        big_quorem(x->num, x->den, &q, NULL);
        return q;
    }
    Flt f = as_flt(x);
    if (flt_top(f) > 65)
        return NULL;
    const Big *m = f.exp >= 0 ? big_shl(f.mant, (uint64_t)f.exp) : big_shr(f.mant, (uint64_t)-f.exp);
    return f.neg ? big_neg(m) : m;
}

int64_t cv_int64(ConstVal *x)
{
    if (x == NULL)
        return 0;
    if (x->kind == CV_BOOL)
        return x->b;
    if (!is_num(x))
        return 0;
    if (x->kind == CV_INT)
        return (int64_t)big_low64(x->i);   /* two's complement wrap, as a typed conversion does */
    /* floats truncate toward zero and saturate */
    const Big *v = trunc_int(x);
    if (v != NULL && big_is_int64(v))
        return (int64_t)big_low64(v);
    return num_sign(x) > 0 ? INT64_MAX : INT64_MIN;
}

uint64_t cv_uint64(ConstVal *x)
{
    if (x == NULL)
        return 0;
    if (x->kind == CV_BOOL)
        return x->b;
    if (!is_num(x))
        return 0;
    const Big *v = trunc_int(x);
    if (v == NULL || (x->kind == CV_FLOAT && big_bitlen(v) > 64))
        return num_sign(x) > 0 ? UINT64_MAX : 0;
    return big_low64(v);   /* modulo 2^64 */
}

double cv_float64(ConstVal *x)
{
    if (x == NULL || !is_num(x))
        return 0;
    return to_ieee(x, false);
}
