/* ftoa.c — binary to decimal floating point: strconv.FormatFloat, fmt's
 * float verbs and builtin println's float format.
 *
 * Go: strconv/ftoa.go, strconv/ftoaryu.go, fmt/format.go (fmtFloat, pad,
 * writePadding), fmt/print.go (pp.fmtFloat), runtime/print.go (printfloat).
 * Ported line by line; Go's code is BSD-licensed (Copyright The Go Authors).
 *
 * How a float becomes digits (the same three routes as Go, chosen the same
 * way, so the output is Go's byte for byte):
 *
 *  1. Shortest (prec < 0): Ryū (Ulf Adams, PLDI 2018) in Go's variant,
 *     ryuFtoaShortest. The interval of decimals that round back to the
 *     float is [l, u] = mant*2^e ± half an ulp; multiplying the three
 *     bounds by one 128-bit power of ten 10^q gives integers with a few
 *     extra binary digits, and ryuDigits drops decimal digits while the
 *     interval still holds more than one candidate. Exactness flags
 *     (dl0, dc0, du0) say whether the 128-bit product was exact, which
 *     decides whether an endpoint may itself be printed (IEEE round half
 *     to even makes an endpoint admissible only for an even mantissa).
 *  2. Fixed precision with at most 18 significant digits (9 for float32):
 *     ryuFtoaFixed64/32, one multiplication and a correct round half to
 *     even on the exact binary value.
 *  3. Everything else (%f, %.30e, ...): bigFtoa, exact multiprecision
 *     decimal arithmetic (strconv.c, decimal.go), then decimalRound.
 *     Without optimization (strconv_SetOptimize(false)) the shortest form
 *     also goes this way, through roundShortest; the unit test checks that
 *     both routes agree.
 *
 * Invariants:
 *  - A decimalSlice holds digits d[0..nd) with no leading or trailing '0'
 *    and value 0.d * 10^dp; nd == 0 is zero.
 *  - mult64bitPow10/mult128bitPow10 return a result with a negative binary
 *    exponent (fraction bits to strip), asserted by the callers: Go panics
 *    "not enough significant bits".
 *  - No libc float formatting anywhere: every digit is computed here.
 */
#define STRCONV_INTERNAL
#include "strconv.h"

#include "throw.h"

#include <string.h>

typedef unsigned __int128 uint128;

const floatInfo float32info = {23, 8, -127};
const floatInfo float64info = {52, 11, -1023};

typedef struct decimalSlice {
    char *d;
    int nd, dp;
} decimalSlice;

static int imin(int a, int b) { return a < b ? a : b; }
static int imax(int a, int b) { return a > b ? a : b; }

/* ===================== ftoaryu.go ===================== */

/* mulByLog2Log10 returns floor(x * log(2)/log(10)) for -1600 <= x <= 1600.
   log(2)/log(10) ≈ 0.30102999566 ≈ 78913 / 2^18. (Arithmetic shift of a
   negative int: GCC defines it as floor, like Go's >>.) */
static int mulByLog2Log10(int x) { return (x * 78913) >> 18; }

/* mulByLog10Log2 returns floor(x * log(10)/log(2)) for -500 <= x <= 500.
   log(10)/log(2) ≈ 3.32192809489 ≈ 108853 / 2^15. */
static int mulByLog10Log2(int x) { return (x * 108853) >> 15; }

static const uint64_t uint64pow10[20] = {
    1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL,
    100000000ULL, 1000000000ULL, 10000000000ULL, 100000000000ULL,
    1000000000000ULL, 10000000000000ULL, 100000000000000ULL,
    1000000000000000ULL, 10000000000000000ULL, 100000000000000000ULL,
    1000000000000000000ULL, 10000000000000000000ULL,
};

static bool divisibleByPower5(uint64_t m, int k)
{
    if (m == 0)
        return true;
    for (int i = 0; i < k; i++) {
        if (m % 5 != 0)
            return false;
        m /= 5;
    }
    return true;
}

/* mult64bitPow10 multiplies a float with a 25-bit mantissa by 10^q. The
   result mantissa is m*P >> 57 where P is the top 64 bits of 10^q; it is
   typically 31 or 32 bits wide. *exact reports that all trimmed bits were
   zero:  m*2^e2 * round(10^q) = resM * 2^resE + ε,  exact = ε == 0. */
static uint32_t mult64bitPow10(uint32_t m, int *e2, int q, bool *exact)
{
    if (q == 0) {           /* P == 1<<63 */
        *e2 -= 6;
        *exact = true;
        return m << 6;
    }
    if (q < detailedPowersOfTenMinExp10 || detailedPowersOfTenMaxExp10 < q)
        throw("mult64bitPow10: power of 10 is out of range");
    uint64_t pow = detailedPowersOfTen[q - detailedPowersOfTenMinExp10][1];
    if (q < 0)
        pow += 1;           /* Inverse powers of ten must be rounded up. */
    uint128 p = (uint128)m * pow;
    uint64_t hi = (uint64_t)(p >> 64), lo = (uint64_t)p;
    *e2 += mulByLog10Log2(q) - 63 + 57;
    *exact = lo << 7 == 0;
    return (uint32_t)(hi << 7 | lo >> 57);
}

/* mult128bitPow10: as mult64bitPow10 for a 55-bit mantissa and the full
   128-bit power: m*P >> 119, typically 63 or 64 bits wide. */
static uint64_t mult128bitPow10(uint64_t m, int *e2, int q, bool *exact)
{
    if (q == 0) {           /* P == 1<<127 */
        *e2 -= 8;
        *exact = true;
        return m << 8;
    }
    if (q < detailedPowersOfTenMinExp10 || detailedPowersOfTenMaxExp10 < q)
        throw("mult128bitPow10: power of 10 is out of range");
    uint64_t pow0 = detailedPowersOfTen[q - detailedPowersOfTenMinExp10][0];
    uint64_t pow1 = detailedPowersOfTen[q - detailedPowersOfTenMinExp10][1];
    if (q < 0)
        pow0 += 1;          /* Rounded up; wraps without carry, as in Go. */
    *e2 += mulByLog10Log2(q) - 127 + 119;

    /* long multiplication */
    uint128 l = (uint128)m * pow0, h = (uint128)m * pow1;
    uint64_t l1 = (uint64_t)(l >> 64), l0 = (uint64_t)l;
    uint64_t h1 = (uint64_t)(h >> 64), h0 = (uint64_t)h;
    uint64_t mid = l1 + h0;
    h1 += mid < l1;         /* carry */
    *exact = mid << 9 == 0 && l0 == 0;
    return h1 << 9 | mid >> 55;
}

/* formatDecimal fills d with at most prec decimal digits of mantissa m.
   trunc says whether m is truncated compared to the number formatted. */
static void formatDecimal(decimalSlice *d, uint64_t m, bool trunc, bool roundUp, int prec)
{
    uint64_t max = uint64pow10[prec];
    int trimmed = 0;
    while (m >= max) {
        uint64_t a = m / 10, b = m % 10;
        m = a;
        trimmed++;
        if (b > 5) {
            roundUp = true;
        } else if (b < 5) {
            roundUp = false;
        } else {    /* b == 5: round up if there are trailing digits, or to even */
            roundUp = trunc || (m & 1) == 1;
        }
        if (b != 0)
            trunc = true;
    }
    if (roundUp)
        m++;
    if (m >= max) {     /* happens if di was originally 99999....xx */
        m /= 10;
        trimmed++;
    }
    /* render digits (similar to formatBits) */
    int n = prec;
    d->nd = prec;
    uint64_t v = m;
    while (v >= 100) {
        uint64_t v1 = v / 100, v2 = v % 100;
        n -= 2;
        d->d[n + 1] = smallsString[2 * v2 + 1];
        d->d[n + 0] = smallsString[2 * v2 + 0];
        v = v1;
    }
    if (v > 0) {
        n--;
        d->d[n] = smallsString[2 * v + 1];
    }
    if (v >= 10) {
        n--;
        d->d[n] = smallsString[2 * v];
    }
    while (d->d[d->nd - 1] == '0') {
        d->nd--;
        trimmed++;
    }
    d->dp = d->nd + trimmed;
}

/* Shared tail of ryuFtoaFixed32/64: strip the extra fraction bits of di
   and decide the rounding. */
static void fixedRound(uint64_t *di, int dexp2, bool exact, bool *d0, bool *roundUp)
{
    if (dexp2 >= 0)
        throw("not enough significant bits after mult64bitPow10/mult128bitPow10");
    unsigned extra = (unsigned)-dexp2;
    RT_ASSERT(extra < 64, "ftoa: too many fraction bits");
    uint64_t extraMask = ((uint64_t)1 << extra) - 1;
    uint64_t dfrac = *di & extraMask;
    *di >>= extra;
    uint64_t half = (uint64_t)1 << (extra - 1);
    if (exact) {
        /* If we computed an exact product, d + 1/2 should round to d+1 if
           'd' is odd. */
        *roundUp = dfrac > half || (dfrac == half && !*d0) ||
                   (dfrac == half && *d0 && (*di & 1) == 1);
    } else {
        /* otherwise, d+1/2 always rounds up because we truncated below. */
        *roundUp = dfrac >> (extra - 1) == 1;
    }
    if (dfrac != 0)
        *d0 = false;
}

/* ryuFtoaFixed32 formats mant*(2^exp) with prec decimal digits. */
static void ryuFtoaFixed32(decimalSlice *d, uint32_t mant, int exp, int prec)
{
    if (prec < 0)
        throw("ryuFtoaFixed32 called with negative prec");
    if (prec > 9)
        throw("ryuFtoaFixed32 called with prec > 9");
    if (mant == 0) {
        d->nd = d->dp = 0;
        return;
    }
    /* Renormalize to a 25-bit mantissa. */
    int e2 = exp;
    int b = 32 - __builtin_clz(mant);
    if (b < 25) {
        mant <<= (unsigned)(25 - b);
        e2 += b - 25;
    }
    /* Choose an exponent such that rounded mant*(2^e2)*(10^q) has at least
       prec decimal digits, i.e. mant*(2^e2)*(10^q) >= 10^(prec-1). Because
       mant >= 2^24, it is enough to choose 2^(e2+24) >= 10^(-q+prec-1),
       or q = -mulByLog2Log10(e2+24) + prec - 1. */
    int q = -mulByLog2Log10(e2 + 24) + prec - 1;

    /* Only small positive powers of 10 are exact (5^28 has 66 bits). */
    bool exact = q <= 27 && q >= 0;
    bool d0;
    int dexp2 = e2;
    uint64_t di = mult64bitPow10(mant, &dexp2, q, &d0);
    /* The computation might still be exact if it amounts to an exact
       division (5^11 has 26 bits, so not beyond 10^10). */
    if (q < 0 && q >= -10 && divisibleByPower5(mant, -q)) {
        exact = true;
        d0 = true;
    }
    bool roundUp;
    fixedRound(&di, dexp2, exact, &d0, &roundUp);
    formatDecimal(d, di, !d0, roundUp, prec);
    d->dp -= q;
}

/* ryuFtoaFixed64 formats mant*(2^exp) with prec decimal digits. */
static void ryuFtoaFixed64(decimalSlice *d, uint64_t mant, int exp, int prec)
{
    if (prec > 18)
        throw("ryuFtoaFixed64 called with prec > 18");
    if (mant == 0) {
        d->nd = d->dp = 0;
        return;
    }
    /* Renormalize to a 55-bit mantissa. */
    int e2 = exp;
    int b = 64 - __builtin_clzll(mant);
    if (b < 55) {
        mant <<= (unsigned)(55 - b);
        e2 += b - 55;
    }
    /* As above with mant >= 2^54. The exponents needed lie in [-291, 342]. */
    int q = -mulByLog2Log10(e2 + 54) + prec - 1;

    /* Only small positive powers of 10 are exact (5^55 has 128 bits). */
    bool exact = q <= 55 && q >= 0;
    bool d0;
    int dexp2 = e2;
    uint64_t di = mult128bitPow10(mant, &dexp2, q, &d0);
    /* Division by 10^23 cannot be exact as 5^23 has 54 bits. */
    if (q < 0 && q >= -22 && divisibleByPower5(mant, -q)) {
        exact = true;
        d0 = true;
    }
    bool roundUp;
    fixedRound(&di, dexp2, exact, &d0, &roundUp);
    formatDecimal(d, di, !d0, roundUp, prec);
    d->dp -= q;
}

/* computeBounds returns (l, c, u)×2^e2 with 55-bit (or 26-bit) mantissas
   describing the interval represented by the float mant×2^exp. */
static void computeBounds(uint64_t mant, int exp, const floatInfo *flt,
                          uint64_t *lower, uint64_t *central, uint64_t *upper, int *e2)
{
    if (mant != (uint64_t)1 << flt->mantbits || exp == flt->bias + 1 - (int)flt->mantbits) {
        /* regular case (or denormals) */
        *lower = 2 * mant - 1;
        *central = 2 * mant;
        *upper = 2 * mant + 1;
        *e2 = exp - 1;
    } else {
        /* border of an exponent: the gap below is half the gap above */
        *lower = 4 * mant - 1;
        *central = 4 * mant;
        *upper = 4 * mant + 2;
        *e2 = exp - 2;
    }
}

/* ryuDigits32 emits decimal digits for a number less than 1e9. */
static void ryuDigits32(decimalSlice *d, uint32_t lower, uint32_t central, uint32_t upper,
                        bool c0, bool cup, int endindex)
{
    if (upper == 0) {
        d->dp = endindex + 1;
        return;
    }
    int trimmed = 0;
    /* Remember last trimmed digit to check for round-up. c0 will be used
       to remember zeroness of following digits. */
    int cNextDigit = 0;
    while (upper > 0) {
        /* Repeatedly compute l = Ceil(lower / 10^k), c = Round(central /
           10^k), u = Floor(upper / 10^k) and stop when c goes out of the
           (l, u) interval. */
        uint32_t l = (lower + 9) / 10;
        uint32_t c = central / 10, cdigit = central % 10;
        uint32_t u = upper / 10;
        if (l > u) {
            /* don't trim the last digit as it is forbidden to go below l;
               other, trim and exit now. */
            break;
        }
        /* Check that we didn't cross the lower boundary. The case where
           l < u but c == l-1 is essentially impossible, but may happen if
           lower = ..11, central = ..19, upper = ..31: central is very close
           but less than an integer ending with many zeros. */
        if (l == c + 1 && c < u) {
            c++;
            cdigit = 0;
            cup = false;
        }
        trimmed++;
        /* Remember trimmed digits of c */
        c0 = c0 && cNextDigit == 0;
        cNextDigit = (int)cdigit;
        lower = l;
        central = c;
        upper = u;
    }
    /* should we round up? */
    if (trimmed > 0) {
        cup = cNextDigit > 5 || (cNextDigit == 5 && !c0) ||
              (cNextDigit == 5 && c0 && (central & 1) == 1);
    }
    if (central < upper && cup)
        central++;
    /* We know where the number ends, fill directly */
    endindex -= trimmed;
    uint32_t v = central;
    int n = endindex;
    while (n > d->nd) {
        uint32_t v1 = v / 100, v2 = v % 100;
        d->d[n] = smallsString[2 * v2 + 1];
        d->d[n - 1] = smallsString[2 * v2 + 0];
        n -= 2;
        v = v1;
    }
    if (n == d->nd)
        d->d[n] = (char)(v + '0');
    d->nd = endindex + 1;
    d->dp = d->nd + trimmed;
}

static void ryuDigits(decimalSlice *d, uint64_t lower, uint64_t central, uint64_t upper,
                      bool c0, bool cup)
{
    uint32_t lhi = (uint32_t)(lower / 1000000000), llo = (uint32_t)(lower % 1000000000);
    uint32_t chi = (uint32_t)(central / 1000000000), clo = (uint32_t)(central % 1000000000);
    uint32_t uhi = (uint32_t)(upper / 1000000000), ulo = (uint32_t)(upper % 1000000000);
    if (uhi == 0) {
        /* only low digits (for denormals) */
        ryuDigits32(d, llo, clo, ulo, c0, cup, 8);
    } else if (lhi < uhi) {
        /* truncate 9 digits at once. */
        if (llo != 0)
            lhi++;
        c0 = c0 && clo == 0;
        cup = (clo > 500000000) || (clo == 500000000 && cup);
        ryuDigits32(d, lhi, chi, uhi, c0, cup, 8);
        d->dp += 9;
    } else {
        d->nd = 0;
        /* emit high part */
        int n = 9;
        for (uint32_t v = chi; v > 0;) {
            uint32_t v1 = v / 10, v2 = v % 10;
            v = v1;
            n--;
            d->d[n] = (char)(v2 + '0');
        }
        d->d += n;
        d->nd = 9 - n;
        /* emit low part */
        ryuDigits32(d, llo, clo, ulo, c0, cup, d->nd + 8);
    }
    /* trim trailing zeros */
    while (d->nd > 0 && d->d[d->nd - 1] == '0')
        d->nd--;
    /* trim initial zeros */
    while (d->nd > 0 && d->d[0] == '0') {
        d->nd--;
        d->dp--;
        d->d++;
    }
}

/* ryuFtoaShortest formats mant*2^exp with the fewest digits that read back
   as the same float. d->d must have room for 32 bytes. */
static void ryuFtoaShortest(decimalSlice *d, uint64_t mant, int exp, const floatInfo *flt)
{
    if (mant == 0) {
        d->nd = d->dp = 0;
        return;
    }
    /* If input is an exact integer with fewer bits than the mantissa, the
       previous and next integer are not admissible representations. */
    if (exp <= 0 && __builtin_ctzll(mant) >= -exp) {
        mant >>= (unsigned)-exp;
        ryuDigits(d, mant, mant, mant, true, false);
        return;
    }
    uint64_t ml, mc, mu;
    int e2;
    computeBounds(mant, exp, flt, &ml, &mc, &mu, &e2);
    if (e2 == 0) {
        ryuDigits(d, ml, mc, mu, true, false);
        return;
    }
    /* Find 10^q *larger* than 2^-e2 */
    int q = mulByLog2Log10(-e2) + 1;

    /* Multiply by 10^q using 128-bit arithmetic. The exponent is the same
       for all 3 numbers. */
    uint64_t dl, dc, du;
    bool dl0, dc0, du0;
    if (flt == &float32info) {
        int el = e2, ec = e2;
        dl = mult64bitPow10((uint32_t)ml, &el, q, &dl0);
        dc = mult64bitPow10((uint32_t)mc, &ec, q, &dc0);
        du = mult64bitPow10((uint32_t)mu, &e2, q, &du0);
    } else {
        int el = e2, ec = e2;
        dl = mult128bitPow10(ml, &el, q, &dl0);
        dc = mult128bitPow10(mc, &ec, q, &dc0);
        du = mult128bitPow10(mu, &e2, q, &du0);
    }
    if (e2 >= 0)
        throw("not enough significant bits after mult128bitPow10");
    /* Is it an exact computation? */
    if (q > 55) {
        /* Large positive powers of ten are not exact */
        dl0 = dc0 = du0 = false;
    }
    if (q < 0 && q >= -24) {
        /* Division by a power of ten may be exact (5^25 is a 59-bit number
           so division by 5^25 is never exact). */
        if (divisibleByPower5(ml, -q))
            dl0 = true;
        if (divisibleByPower5(mc, -q))
            dc0 = true;
        if (divisibleByPower5(mu, -q))
            du0 = true;
    }
    /* Express the results (dl, dc, du)*2^e2 as integers. Extra bits must
       be removed and rounding hints computed. */
    unsigned extra = (unsigned)-e2;
    RT_ASSERT(extra < 64, "ftoa: too many fraction bits");
    uint64_t extraMask = ((uint64_t)1 << extra) - 1;
    /* Now compute the floored, integral base 10 mantissas. */
    uint64_t fracl = dl & extraMask;
    dl >>= extra;
    uint64_t fracc = dc & extraMask;
    dc >>= extra;
    uint64_t fracu = du & extraMask;
    du >>= extra;
    /* Is it allowed to use 'du' as a result? It is always allowed when it
       is truncated, but also if it is exact and the original binary
       mantissa is even. When disallowed, we can subtract 1. */
    bool uok = !du0 || fracu > 0;
    if (du0 && fracu == 0)
        uok = (mant & 1) == 0;
    if (!uok)
        du--;
    /* Is 'dc' the correctly rounded base 10 mantissa? The correct rounding
       might be dc+1. */
    bool cup = false;
    if (dc0) {
        /* If we computed an exact product, the half integer should round to
           next (even) integer if 'dc' is odd. */
        cup = fracc > (uint64_t)1 << (extra - 1) ||
              (fracc == (uint64_t)1 << (extra - 1) && (dc & 1) == 1);
    } else {
        /* otherwise, the result is a lower truncation of the ideal result. */
        cup = fracc >> (extra - 1) == 1;
    }
    /* Is 'dl' an allowed representation? Only if it is an exact value, and
       if the original binary mantissa was even. */
    bool lok = dl0 && fracl == 0 && (mant & 1) == 0;
    if (!lok)
        dl++;
    /* We need to remember whether the trimmed digits of 'dc' are zero. */
    bool c0 = dc0 && fracc == 0;
    /* render digits */
    ryuDigits(d, dl, dc, du, c0, cup);
    d->dp -= q;
}

/* ===================== ftoa.go ===================== */

/* roundShortest rounds d (= mant * 2^exp) to the shortest number of digits
   that will let the original floating point value be precisely
   reconstructed. (The slow route; Ryū above is the fast one.) */
static void roundShortest(decimal *d, uint64_t mant, int exp, const floatInfo *flt)
{
    /* If mantissa is zero, the number is zero; stop now. */
    if (mant == 0) {
        d->nd = 0;
        return;
    }
    /* Compute upper and lower such that any decimal number between upper
       and lower (possibly inclusive) will round to the original floating
       point number.

       We may see at once that the number is already shortest. Suppose d is
       not denormal, so that 2^exp <= d < 10^dp. The closest shorter number
       is at least 10^(dp-nd) away. The lower/upper bounds computed below
       are at distance at most 2^(exp-mantbits). So the number is already
       shortest if 10^(dp-nd) > 2^(exp-mantbits), or equivalently
       log2(10)*(dp-nd) > exp-mantbits. It is true if
       332/100*(dp-nd) >= exp-mantbits (log2(10) > 3.32). */
    int minexp = flt->bias + 1;     /* minimum possible exponent */
    if (exp > minexp && 332 * (d->dp - d->nd) >= 100 * (exp - (int)flt->mantbits))
        return;     /* The number is already shortest. */

    /* d = mant << (exp - mantbits). Next highest floating point number is
       mant+1 << exp-mantbits. Our upper bound is halfway between,
       mant*2+1 << exp-mantbits-1. */
    decimal upper;
    upper.trunc = false;
    decimalAssign(&upper, mant * 2 + 1);
    decimalShift(&upper, exp - (int)flt->mantbits - 1);

    /* d = mant << (exp - mantbits). Next lowest floating point number is
       mant-1 << exp-mantbits, unless mant-1 drops the significant bit and
       exp is not the minimum exp, in which case the next lowest is
       mant*2-1 << exp-mantbits-1. Either way, call it mantlo <<
       explo-mantbits. Our lower bound is halfway between,
       mantlo*2+1 << explo-mantbits-1. */
    uint64_t mantlo;
    int explo;
    if (mant > (uint64_t)1 << flt->mantbits || exp == minexp) {
        mantlo = mant - 1;
        explo = exp;
    } else {
        mantlo = mant * 2 - 1;
        explo = exp - 1;
    }
    decimal lower;
    lower.trunc = false;
    decimalAssign(&lower, mantlo * 2 + 1);
    decimalShift(&lower, explo - (int)flt->mantbits - 1);

    /* The upper and lower bounds are possible outputs only if the original
       mantissa is even, so that IEEE round-to-even would round to the
       original mantissa and not the neighbors. */
    bool inclusive = mant % 2 == 0;

    /* As we walk the digits we want to know whether rounding up would fall
       within the upper bound. This is tracked by upperdelta:
       0: the digits of d and upper are the same so far.
       1: we saw a difference of 1 between d and upper on a previous digit
          and subsequently only 9s for d and 0s for upper. (Thus rounding
          up may fall outside the bound, if it is exclusive.)
       2: the difference is greater than 1 and we know that rounding up
          falls within the bound. */
    int upperdelta = 0;

    /* Now we can figure out the minimum number of digits required. Walk
       along until d has distinguished itself from upper and lower. */
    for (int ui = 0;; ui++) {
        /* lower, d, and upper may have the decimal points at different
           places. In this case upper is the longest, so we iterate from
           ui==0 and start li and mi at (possibly) -1. */
        int mi = ui - upper.dp + d->dp;
        if (mi >= d->nd)
            break;
        int li = ui - upper.dp + lower.dp;
        char l = '0';   /* lower digit */
        if (li >= 0 && li < lower.nd)
            l = lower.d[li];
        char m = '0';   /* middle digit */
        if (mi >= 0)
            m = d->d[mi];
        char u = '0';   /* upper digit */
        if (ui < upper.nd)
            u = upper.d[ui];

        /* Okay to round down (truncate) if lower has a different digit or
           if lower is inclusive and is exactly the result of rounding down
           (i.e., and we have reached the final digit of lower). */
        bool okdown = l != m || (inclusive && li + 1 == lower.nd);

        if (upperdelta == 0 && m + 1 < u) {
            upperdelta = 2;     /* m = 12345xxx, u = 12347xxx */
        } else if (upperdelta == 0 && m != u) {
            upperdelta = 1;     /* m = 12345xxx, u = 12346xxx */
        } else if (upperdelta == 1 && (m != '9' || u != '0')) {
            upperdelta = 2;     /* m = 1234598x, u = 1234600x */
        }
        /* Okay to round up if upper has a different digit and either upper
           is inclusive or upper is bigger than the result of rounding up. */
        bool okup = upperdelta > 0 && (inclusive || upperdelta > 1 || ui + 1 < upper.nd);

        /* If it's okay to do either, then round to the nearest one. If it's
           okay to do only one, do it. */
        if (okdown && okup) {
            decimalRound(d, mi + 1);
            return;
        } else if (okdown) {
            decimalRoundDown(d, mi + 1);
            return;
        } else if (okup) {
            decimalRoundUp(d, mi + 1);
            return;
        }
    }
}

/* %e: -d.ddddde±dd */
static void fmtE(StrBuf *dst, bool neg, decimalSlice d, int prec, char fmt)
{
    if (neg)
        strbuf_putc(dst, '-');
    /* first digit */
    char ch = '0';
    if (d.nd != 0)
        ch = d.d[0];
    strbuf_putc(dst, ch);
    /* .moredigits */
    if (prec > 0) {
        strbuf_putc(dst, '.');
        int i = 1;
        int m = imin(d.nd, prec + 1);
        if (i < m) {
            strbuf_write(dst, d.d + i, (size_t)(m - i));
            i = m;
        }
        for (; i <= prec; i++)
            strbuf_putc(dst, '0');
    }
    /* e± */
    strbuf_putc(dst, fmt);
    int exp = d.dp - 1;
    if (d.nd == 0)      /* special case: 0 has exponent 0 */
        exp = 0;
    if (exp < 0) {
        ch = '-';
        exp = -exp;
    } else {
        ch = '+';
    }
    strbuf_putc(dst, ch);
    /* dd or ddd */
    if (exp < 10) {
        strbuf_putc(dst, '0');
        strbuf_putc(dst, (char)(exp + '0'));
    } else if (exp < 100) {
        strbuf_putc(dst, (char)(exp / 10 + '0'));
        strbuf_putc(dst, (char)(exp % 10 + '0'));
    } else {
        strbuf_putc(dst, (char)(exp / 100 + '0'));
        strbuf_putc(dst, (char)(exp / 10 % 10 + '0'));
        strbuf_putc(dst, (char)(exp % 10 + '0'));
    }
}

/* %f: -ddddddd.ddddd */
static void fmtF(StrBuf *dst, bool neg, decimalSlice d, int prec)
{
    if (neg)
        strbuf_putc(dst, '-');
    /* integer, padded with zeros as needed. */
    if (d.dp > 0) {
        int m = imin(d.nd, d.dp);
        strbuf_write(dst, d.d, (size_t)m);
        for (; m < d.dp; m++)
            strbuf_putc(dst, '0');
    } else {
        strbuf_putc(dst, '0');
    }
    /* fraction */
    if (prec > 0) {
        strbuf_grow(dst, (size_t)prec + 1);
        strbuf_putc(dst, '.');
        for (int i = 0; i < prec; i++) {
            char ch = '0';
            int j = d.dp + i;
            if (0 <= j && j < d.nd)
                ch = d.d[j];
            strbuf_putc(dst, ch);
        }
    }
}

/* %b: -ddddddddp±ddd */
static void fmtB(StrBuf *dst, bool neg, uint64_t mant, int exp, const floatInfo *flt)
{
    char buf[STRCONV_INTBUF];
    if (neg)
        strbuf_putc(dst, '-');
    strbuf_puts(dst, formatBits(buf, mant, 10, false));
    strbuf_putc(dst, 'p');
    exp -= (int)flt->mantbits;
    if (exp >= 0)
        strbuf_putc(dst, '+');
    strbuf_puts(dst, formatBits(buf, (uint64_t)(int64_t)exp, 10, exp < 0));
}

/* %x: -0x1.yyyyyyyyp±ddd or -0x0p+0. (y is hex digit, d is decimal digit) */
static void fmtX(StrBuf *dst, int prec, char fmt, bool neg, uint64_t mant, int exp,
                 const floatInfo *flt)
{
    if (mant == 0)
        exp = 0;
    /* Shift digits so leading 1 (if any) is at bit 1<<60. */
    mant <<= 60 - flt->mantbits;
    while (mant != 0 && (mant & ((uint64_t)1 << 60)) == 0) {
        mant <<= 1;
        exp--;
    }
    /* Round if requested. */
    if (prec >= 0 && prec < 15) {
        unsigned shift = (unsigned)(prec * 4);
        uint64_t extra = (mant << shift) & (((uint64_t)1 << 60) - 1);
        mant >>= 60 - shift;
        if ((extra | (mant & 1)) > (uint64_t)1 << 59)
            mant++;
        mant <<= 60 - shift;
        if ((mant & ((uint64_t)1 << 61)) != 0) {
            /* Wrapped around. */
            mant >>= 1;
            exp++;
        }
    }
    const char *hex = fmt == 'X' ? upperhex : lowerhex;

    /* sign, 0x, leading digit */
    if (neg)
        strbuf_putc(dst, '-');
    strbuf_putc(dst, '0');
    strbuf_putc(dst, fmt);
    strbuf_putc(dst, (char)('0' + ((mant >> 60) & 1)));

    /* .fraction */
    mant <<= 4;     /* remove leading 0 or 1 */
    if (prec < 0 && mant != 0) {
        strbuf_putc(dst, '.');
        while (mant != 0) {
            strbuf_putc(dst, hex[(mant >> 60) & 15]);
            mant <<= 4;
        }
    } else if (prec > 0) {
        strbuf_putc(dst, '.');
        for (int i = 0; i < prec; i++) {
            strbuf_putc(dst, hex[(mant >> 60) & 15]);
            mant <<= 4;
        }
    }
    /* p± */
    strbuf_putc(dst, fmt == lower(fmt) ? 'p' : 'P');
    char ch;
    if (exp < 0) {
        ch = '-';
        exp = -exp;
    } else {
        ch = '+';
    }
    strbuf_putc(dst, ch);
    /* dd or ddd or dddd */
    if (exp < 100) {
        strbuf_putc(dst, (char)(exp / 10 + '0'));
        strbuf_putc(dst, (char)(exp % 10 + '0'));
    } else if (exp < 1000) {
        strbuf_putc(dst, (char)(exp / 100 + '0'));
        strbuf_putc(dst, (char)(exp / 10 % 10 + '0'));
        strbuf_putc(dst, (char)(exp % 10 + '0'));
    } else {
        strbuf_putc(dst, (char)(exp / 1000 + '0'));
        strbuf_putc(dst, (char)(exp / 100 % 10 + '0'));
        strbuf_putc(dst, (char)(exp / 10 % 10 + '0'));
        strbuf_putc(dst, (char)(exp % 10 + '0'));
    }
}

static void formatDigits(StrBuf *dst, bool shortest, bool neg, decimalSlice digs, int prec,
                         char fmt)
{
    switch (fmt) {
    case 'e':
    case 'E':
        fmtE(dst, neg, digs, prec, fmt);
        return;
    case 'f':
        fmtF(dst, neg, digs, prec);
        return;
    case 'g':
    case 'G': {
        /* trailing fractional zeros in 'e' form will be trimmed. */
        int eprec = prec;
        if (eprec > digs.nd && digs.nd >= digs.dp)
            eprec = digs.nd;
        /* %e is used if the exponent from the conversion is less than -4
           or greater than or equal to the precision. if precision was the
           shortest possible, use precision 6 for this decision. */
        if (shortest)
            eprec = 6;
        int exp = digs.dp - 1;
        if (exp < -4 || exp >= eprec) {
            if (prec > digs.nd)
                prec = digs.nd;
            fmtE(dst, neg, digs, prec - 1, (char)(fmt + 'e' - 'g'));
            return;
        }
        if (prec > digs.dp)
            prec = digs.nd;
        fmtF(dst, neg, digs, imax(prec - digs.dp, 0));
        return;
    }
    }
    /* unknown format */
    strbuf_putc(dst, '%');
    strbuf_putc(dst, fmt);
}

/* bigFtoa uses multiprecision computations to format a float. */
static void bigFtoa(StrBuf *dst, int prec, char fmt, bool neg, uint64_t mant, int exp,
                    const floatInfo *flt)
{
    decimal d;
    d.trunc = false;
    decimalAssign(&d, mant);
    decimalShift(&d, exp - (int)flt->mantbits);
    decimalSlice digs;
    bool shortest = prec < 0;
    if (shortest) {
        roundShortest(&d, mant, exp, flt);
        digs = (decimalSlice){d.d, d.nd, d.dp};
        /* Precision for shortest representation mode. */
        switch (fmt) {
        case 'e': case 'E': prec = digs.nd - 1; break;
        case 'f':           prec = imax(digs.nd - digs.dp, 0); break;
        case 'g': case 'G': prec = digs.nd; break;
        }
    } else {
        /* Round appropriately. */
        switch (fmt) {
        case 'e': case 'E':
            decimalRound(&d, prec + 1);
            break;
        case 'f':
            decimalRound(&d, d.dp + prec);
            break;
        case 'g': case 'G':
            if (prec == 0)
                prec = 1;
            decimalRound(&d, prec);
            break;
        }
        digs = (decimalSlice){d.d, d.nd, d.dp};
    }
    formatDigits(dst, shortest, neg, digs, prec, fmt);
}

bool strconv_optimize = true;

bool strconv_SetOptimize(bool on)
{
    bool old = strconv_optimize;
    strconv_optimize = on;
    return old;
}

void AppendFloat(StrBuf *dst, double val, char fmt, int prec, int bitSize)
{
    uint64_t bits;
    const floatInfo *flt;
    if (bitSize == 32) {
        float f32 = (float)val;
        uint32_t b32;
        memcpy(&b32, &f32, sizeof b32);
        bits = b32;
        flt = &float32info;
    } else if (bitSize == 64) {
        memcpy(&bits, &val, sizeof bits);
        flt = &float64info;
    } else {
        /* Go panics; the native strconv package checks bitSize first. */
        throw("strconv: illegal AppendFloat/FormatFloat bitSize");
    }

    bool neg = bits >> (flt->expbits + flt->mantbits) != 0;
    int exp = (int)(bits >> flt->mantbits) & ((1 << flt->expbits) - 1);
    uint64_t mant = bits & (((uint64_t)1 << flt->mantbits) - 1);

    if (exp == (1 << flt->expbits) - 1) {
        /* Inf, NaN */
        strbuf_puts(dst, mant != 0 ? "NaN" : neg ? "-Inf" : "+Inf");
        return;
    } else if (exp == 0) {
        exp++;      /* denormalized */
    } else {
        mant |= (uint64_t)1 << flt->mantbits;   /* add implicit top bit */
    }
    exp += flt->bias;

    /* Pick off easy binary, hex formats. */
    if (fmt == 'b') {
        fmtB(dst, neg, mant, exp, flt);
        return;
    }
    if (fmt == 'x' || fmt == 'X') {
        fmtX(dst, prec, fmt, neg, mant, exp, flt);
        return;
    }
    if (!strconv_optimize) {
        bigFtoa(dst, prec, fmt, neg, mant, exp, flt);
        return;
    }

    char buf[32];
    decimalSlice digs = {buf, 0, 0};
    bool ok = false;
    /* Negative precision means "only as much as needed to be exact." */
    bool shortest = prec < 0;
    if (shortest) {
        /* Use Ryu algorithm. */
        ryuFtoaShortest(&digs, mant, exp - (int)flt->mantbits, flt);
        ok = true;
        /* Precision for shortest representation mode. */
        switch (fmt) {
        case 'e': case 'E': prec = imax(digs.nd - 1, 0); break;
        case 'f':           prec = imax(digs.nd - digs.dp, 0); break;
        case 'g': case 'G': prec = digs.nd; break;
        }
    } else if (fmt != 'f') {
        /* Fixed number of digits. */
        int digits = prec;
        switch (fmt) {
        case 'e': case 'E':
            digits++;
            break;
        case 'g': case 'G':
            if (prec == 0)
                prec = 1;
            digits = prec;
            break;
        default:
            digits = 1;     /* Invalid mode. */
            break;
        }
        if (bitSize == 32 && digits <= 9) {
            ryuFtoaFixed32(&digs, (uint32_t)mant, exp - (int)flt->mantbits, digits);
            ok = true;
        } else if (digits <= 18) {
            ryuFtoaFixed64(&digs, mant, exp - (int)flt->mantbits, digits);
            ok = true;
        }
    }
    if (!ok) {
        bigFtoa(dst, prec, fmt, neg, mant, exp, flt);
        return;
    }
    formatDigits(dst, shortest, neg, digs, prec, fmt);
}

char *FormatFloat(double f, char fmt, int prec, int bitSize)
{
    StrBuf b = {0};
    AppendFloat(&b, f, fmt, prec, bitSize);
    return strbuf_detach(&b);
}

/* ===================== fmt: float verbs and padding ===================== */

void fmt_writePadding(StrBuf *out, int n, const FmtFlags *f)
{
    if (n <= 0)     /* No padding bytes needed. */
        return;
    char padByte = f != NULL && f->zero ? '0' : ' ';
    strbuf_grow(out, (size_t)n);
    memset(out->p + out->len, padByte, (size_t)n);
    out->len += (size_t)n;
    out->p[out->len] = '\0';
}

void fmt_pad(StrBuf *out, const char *s, size_t n, const FmtFlags *f)
{
    if (f == NULL || !f->widPresent || f->wid == 0) {
        strbuf_write(out, s, n);
        return;
    }
    int width = f->wid - (int)strconv_runecount(s, n);
    if (!f->minus) {
        /* left padding */
        fmt_writePadding(out, width, f);
        strbuf_write(out, s, n);
    } else {
        /* right padding */
        strbuf_write(out, s, n);
        fmt_writePadding(out, width, f);
    }
}

/* Go's fmt.fmtFloat: v formatted by strconv with a sign slot, then the
   flags applied. verb is strconv's format ('v' already became 'g'). */
static void fmtFloat(StrBuf *out, double v, int size, char verb, int prec, const FmtFlags *f)
{
    static const FmtFlags noflags;
    if (f == NULL)
        f = &noflags;
    /* Explicit precision in format specifier overrules default precision. */
    if (f->precPresent)
        prec = f->prec;
    /* Format number, reserving space for leading + sign if needed. */
    StrBuf numbuf = {0};
    strbuf_putc(&numbuf, '+');
    AppendFloat(&numbuf, v, verb, prec, size);
    char *num = numbuf.p;
    size_t len = numbuf.len;
    if (num[1] == '-' || num[1] == '+') {
        num++;
        len--;
    } else {
        num[0] = '+';
    }
    /* f->space means to add a leading space instead of a "+" sign unless
       the sign is explicitly asked for by f->plus. */
    if (f->space && num[0] == '+' && !f->plus)
        num[0] = ' ';
    /* Special handling for infinities and NaN, which don't look like a
       number so shouldn't be padded with zeros. */
    if (num[1] == 'I' || num[1] == 'N') {
        FmtFlags nozero = *f;
        nozero.zero = false;
        /* Remove sign before NaN if not asked for. */
        if (num[1] == 'N' && !f->space && !f->plus) {
            num++;
            len--;
        }
        fmt_pad(out, num, len, &nozero);
        strbuf_free(&numbuf);
        return;
    }
    /* The sharp flag forces printing a decimal point for non-binary formats
       and retains trailing zeros, which we may need to restore. */
    if (f->sharp && verb != 'b') {
        int digits = 0;
        switch (verb) {
        case 'v': case 'g': case 'G': case 'x':
            digits = prec;
            /* If no precision is set explicitly use a precision of 6. */
            if (digits == -1)
                digits = 6;
            break;
        }
        /* The exponent tail ("e+123" or "p-1023"), cut off and put back. */
        char tail[8];
        size_t ntail = 0;
        bool hasDecimalPoint = false;
        bool sawNonzeroDigit = false;
        /* Starting from i = 1 to skip sign at num[0]. */
        for (size_t i = 1; i < len; i++) {
            switch (num[i]) {
            case '.':
                hasDecimalPoint = true;
                break;
            case 'p': case 'P':
                ntail = len - i;
                RT_ASSERT(ntail < sizeof tail, "fmtFloat: exponent too long");
                memcpy(tail, num + i, ntail);
                len = i;
                break;
            case 'e': case 'E':
                if (verb != 'x' && verb != 'X') {
                    ntail = len - i;
                    RT_ASSERT(ntail < sizeof tail, "fmtFloat: exponent too long");
                    memcpy(tail, num + i, ntail);
                    len = i;
                    break;
                }
                /* fallthrough */
            default:
                if (num[i] != '0')
                    sawNonzeroDigit = true;
                /* Count significant digits after the first non-zero digit. */
                if (sawNonzeroDigit)
                    digits--;
                break;
            }
        }
        /* num may grow: rebuild it in numbuf (num points into numbuf). */
        size_t off = (size_t)(num - numbuf.p);
        numbuf.len = off + len;
        if (!hasDecimalPoint) {
            /* Leading digit 0 should contribute once to digits. */
            if (len == 2 && num[1] == '0')
                digits--;
            strbuf_putc(&numbuf, '.');
        }
        for (; digits > 0; digits--)
            strbuf_putc(&numbuf, '0');
        strbuf_write(&numbuf, tail, ntail);
        num = numbuf.p + off;
        len = numbuf.len - off;
    }
    /* We want a sign if asked for and if the sign is not positive. */
    if (f->plus || num[0] != '+') {
        /* If we're zero padding to the left we want the sign before the
           leading zeros. Achieve this by writing the sign out and then
           padding the unsigned number. */
        if (f->zero && f->widPresent && f->wid > (int)len) {
            strbuf_putc(out, num[0]);
            fmt_writePadding(out, f->wid - (int)len, f);
            strbuf_write(out, num + 1, len - 1);
        } else {
            fmt_pad(out, num, len, f);
        }
    } else {
        /* No sign to show and the number is positive; just print the
           unsigned number. */
        fmt_pad(out, num + 1, len - 1, f);
    }
    strbuf_free(&numbuf);
}

bool fmt_float(StrBuf *out, double v, int size, char verb, const FmtFlags *f)
{
    switch (verb) {
    case 'v':
        if (f != NULL && (f->plus || f->sharp)) {
            /* doPrintf moves + and # of %v into plusV and sharpV, which
               floats ignore; do it here too in case the caller did not. */
            FmtFlags vf = *f;
            vf.plusV |= vf.plus;
            vf.sharpV |= vf.sharp;
            vf.plus = vf.sharp = false;
            fmtFloat(out, v, size, 'g', -1, &vf);
            return true;
        }
        fmtFloat(out, v, size, 'g', -1, f);
        return true;
    case 'b': case 'g': case 'G': case 'x': case 'X':
        fmtFloat(out, v, size, verb, -1, f);
        return true;
    case 'f': case 'e': case 'E':
        fmtFloat(out, v, size, verb, 6, f);
        return true;
    case 'F':
        fmtFloat(out, v, size, 'f', 6, f);
        return true;
    default:
        return false;
    }
}

/* ===================== runtime/print.go printfloat ===================== */

/* Not strconv: seven digits by repeated float multiplication, rounding
   errors included, exactly as Go's runtime prints them. */
int runtime_printfloat(char buf[PRINTFLOAT_BUF], double v)
{
    if (v != v) {
        memcpy(buf, "NaN", 4);
        return 3;
    }
    if (v + v == v && v > 0) {
        memcpy(buf, "+Inf", 5);
        return 4;
    }
    if (v + v == v && v < 0) {
        memcpy(buf, "-Inf", 5);
        return 4;
    }

    enum { n = 7 };     /* digits printed */
    buf[0] = '+';
    int e = 0;          /* exp */
    if (v == 0) {
        if (1 / v < 0)
            buf[0] = '-';
    } else {
        if (v < 0) {
            v = -v;
            buf[0] = '-';
        }
        /* normalize */
        while (v >= 10) {
            e++;
            v /= 10;
        }
        while (v < 1) {
            e--;
            v *= 10;
        }
        /* round */
        double h = 5.0;
        for (int i = 0; i < n; i++)
            h /= 10;
        v += h;
        if (v >= 10) {
            e++;
            v /= 10;
        }
    }
    /* format +d.dddd+edd */
    for (int i = 0; i < n; i++) {
        int s = (int)v;
        buf[i + 2] = (char)(s + '0');
        v -= (double)s;
        v *= 10;
    }
    buf[1] = buf[2];
    buf[2] = '.';

    buf[n + 2] = 'e';
    buf[n + 3] = '+';
    if (e < 0) {
        e = -e;
        buf[n + 3] = '-';
    }
    buf[n + 4] = (char)(e / 100 + '0');
    buf[n + 5] = (char)(e / 10 % 10 + '0');
    buf[n + 6] = (char)(e % 10 + '0');
    buf[n + 7] = '\0';
    return n + 7;
}
