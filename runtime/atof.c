/* atof.c — decimal to binary floating point: strconv.ParseFloat.
 *
 * Go: strconv/atof.go, strconv/eisel_lemire.go. Ported line by line; Go's
 * code is BSD-licensed (Copyright The Go Authors).
 *
 * Three routes, tried in Go's order, each exact when it answers:
 *  1. atof64exact: at most 15 (float32: 7) digits times or divided by an
 *     exactly representable power of ten; one IEEE operation rounds right.
 *  2. Eisel-Lemire: the 19-digit mantissa times a 128-bit power of ten;
 *     gives up (ok = false) when the truncated product is too close to a
 *     halfway point to decide.
 *  3. The multiprecision decimal (decimal.go): shift by powers of two until
 *     the value is in [0.5, 1), then take the mantissa bits and round.
 * Hex mantissas ("0x1.8p3") go through atofHex, exact by construction.
 *
 * The powers of ten. Go lists detailedPowersOfTen as 696 literal rows. Here
 * they are computed once, before main, by initPowersOfTen: row i is
 * floor(10^q * 2^s) for q = i-348 and the s that puts it in [2^127, 2^128).
 * For q >= 0 that is the top 128 bits of the exact integer 10^q; for q < 0
 * it is the top 128 bits of floor(2^1312 / 10^-q), computed by dividing by
 * 10 repeatedly, which is exact because floor(floor(x/a)/b) ==
 * floor(x/(ab)). The unit test compares rows with Go's listing.
 *
 * Invariants:
 *  - readFloat consumes a prefix: ParseFloat turns a short read into a
 *    syntax error, as Go does (even when the prefix overflowed).
 *  - Float arithmetic here is plain IEEE double/float (SSE on amd64): no
 *    x87 excess precision, no contraction into FMA without -march.
 */
#define STRCONV_INTERNAL
#include "strconv.h"

#include "throw.h"

#include <math.h>
#include <string.h>

typedef unsigned __int128 uint128;

/* ===================== powers of ten ===================== */

uint64_t detailedPowersOfTen[696][2];

enum { NLIMB = 41 };    /* 41*32 = 1312 bits: 10^348 < 2^1157, + 128 + slack */

static int bitlen(const uint32_t *x)
{
    for (int i = NLIMB - 1; i >= 0; i--)
        if (x[i] != 0)
            return i * 32 + 32 - __builtin_clz(x[i]);
    return 0;
}

/* The top 128 bits of x (bits below 0 read as zero), into row. */
static void top128(const uint32_t *x, uint64_t row[2])
{
    int L = bitlen(x);
    uint128 m = 0;
    for (int b = L - 1; b >= L - 128; b--) {
        unsigned bit = b >= 0 ? (x[b / 32] >> (b % 32)) & 1 : 0;
        m = m << 1 | bit;
    }
    RT_ASSERT(m >> 127 == 1, "initPowersOfTen: row not normalized");
    row[0] = (uint64_t)m;
    row[1] = (uint64_t)(m >> 64);
}

__attribute__((constructor)) static void initPowersOfTen(void)
{
    uint32_t x[NLIMB];
    const int zero = -detailedPowersOfTenMinExp10;     /* row of 10^0 */

    /* 10^q for q = 0, 1, ..., 347: multiply by 10. */
    memset(x, 0, sizeof x);
    x[0] = 1;
    for (int q = 0; q <= detailedPowersOfTenMaxExp10; q++) {
        if (q > 0) {
            uint64_t carry = 0;
            for (int i = 0; i < NLIMB; i++) {
                uint64_t t = (uint64_t)x[i] * 10 + carry;
                x[i] = (uint32_t)t;
                carry = t >> 32;
            }
            RT_ASSERT(carry == 0, "initPowersOfTen: 10^q overflowed");
        }
        top128(x, detailedPowersOfTen[zero + q]);
    }

    /* floor(2^1311 / 10^k) for k = 1, ..., 348: divide by 10. */
    memset(x, 0, sizeof x);
    x[NLIMB - 1] = 0x80000000u;
    for (int k = 1; k <= -detailedPowersOfTenMinExp10; k++) {
        uint64_t rem = 0;
        for (int i = NLIMB - 1; i >= 0; i--) {
            uint64_t t = rem << 32 | x[i];
            x[i] = (uint32_t)(t / 10);
            rem = t % 10;
        }
        RT_ASSERT(bitlen(x) >= 128, "initPowersOfTen: 2^M/10^k too short");
        top128(x, detailedPowersOfTen[zero - k]);
    }
}

/* ===================== eisel_lemire.go ===================== */

/* The terse comments refer to the sections of
   https://nigeltao.github.io/blog/2020/eisel-lemire.html */
static bool eiselLemire64(uint64_t man, int exp10, bool neg, double *f)
{
    /* Exp10 Range. */
    if (man == 0) {
        *f = neg ? -0.0 : 0.0;
        return true;
    }
    if (exp10 < detailedPowersOfTenMinExp10 || detailedPowersOfTenMaxExp10 < exp10)
        return false;

    /* Normalization. */
    int clz = __builtin_clzll(man);
    man <<= clz;
    const int float64ExponentBias = 1023;
    uint64_t retExp2 = (uint64_t)(((217706 * exp10) >> 16) + 64 + float64ExponentBias) -
                       (uint64_t)clz;

    /* Multiplication. */
    const uint64_t *pow = detailedPowersOfTen[exp10 - detailedPowersOfTenMinExp10];
    uint128 x = (uint128)man * pow[1];
    uint64_t xHi = (uint64_t)(x >> 64), xLo = (uint64_t)x;

    /* Wider Approximation. */
    if ((xHi & 0x1FF) == 0x1FF && xLo + man < man) {
        uint128 y = (uint128)man * pow[0];
        uint64_t yHi = (uint64_t)(y >> 64), yLo = (uint64_t)y;
        uint64_t mergedHi = xHi, mergedLo = xLo + yHi;
        if (mergedLo < xLo)
            mergedHi++;
        if ((mergedHi & 0x1FF) == 0x1FF && mergedLo + 1 == 0 && yLo + man < man)
            return false;
        xHi = mergedHi;
        xLo = mergedLo;
    }

    /* Shifting to 54 Bits. */
    uint64_t msb = xHi >> 63;
    uint64_t retMantissa = xHi >> (msb + 9);
    retExp2 -= 1 ^ msb;

    /* Half-way Ambiguity. */
    if (xLo == 0 && (xHi & 0x1FF) == 0 && (retMantissa & 3) == 1)
        return false;

    /* From 54 to 53 Bits. */
    retMantissa += retMantissa & 1;
    retMantissa >>= 1;
    if (retMantissa >> 53 > 0) {
        retMantissa >>= 1;
        retExp2 += 1;
    }
    /* retExp2 is unsigned. Zero or underflow means subnormal float64
       space; 0x7FF or above means Inf/NaN space. */
    if (retExp2 - 1 >= 0x7FF - 1)
        return false;
    uint64_t retBits = retExp2 << 52 | (retMantissa & 0x000FFFFFFFFFFFFF);
    if (neg)
        retBits |= 0x8000000000000000;
    memcpy(f, &retBits, sizeof *f);
    return true;
}

/* The float32 flavor: 8 exponent bits with a -127 bias, 23 mantissa bits,
   computed in 64-bit values, shifting to 25 bits instead of 54. */
static bool eiselLemire32(uint64_t man, int exp10, bool neg, float *f)
{
    if (man == 0) {
        *f = neg ? -0.0f : 0.0f;
        return true;
    }
    if (exp10 < detailedPowersOfTenMinExp10 || detailedPowersOfTenMaxExp10 < exp10)
        return false;

    int clz = __builtin_clzll(man);
    man <<= clz;
    const int float32ExponentBias = 127;
    uint64_t retExp2 = (uint64_t)(((217706 * exp10) >> 16) + 64 + float32ExponentBias) -
                       (uint64_t)clz;

    const uint64_t *pow = detailedPowersOfTen[exp10 - detailedPowersOfTenMinExp10];
    uint128 x = (uint128)man * pow[1];
    uint64_t xHi = (uint64_t)(x >> 64), xLo = (uint64_t)x;

    if ((xHi & 0x3FFFFFFFFF) == 0x3FFFFFFFFF && xLo + man < man) {
        uint128 y = (uint128)man * pow[0];
        uint64_t yHi = (uint64_t)(y >> 64), yLo = (uint64_t)y;
        uint64_t mergedHi = xHi, mergedLo = xLo + yHi;
        if (mergedLo < xLo)
            mergedHi++;
        if ((mergedHi & 0x3FFFFFFFFF) == 0x3FFFFFFFFF && mergedLo + 1 == 0 && yLo + man < man)
            return false;
        xHi = mergedHi;
        xLo = mergedLo;
    }

    uint64_t msb = xHi >> 63;
    uint64_t retMantissa = xHi >> (msb + 38);
    retExp2 -= 1 ^ msb;

    if (xLo == 0 && (xHi & 0x3FFFFFFFFF) == 0 && (retMantissa & 3) == 1)
        return false;

    retMantissa += retMantissa & 1;
    retMantissa >>= 1;
    if (retMantissa >> 24 > 0) {
        retMantissa >>= 1;
        retExp2 += 1;
    }
    if (retExp2 - 1 >= 0xFF - 1)
        return false;
    uint64_t retBits = retExp2 << 23 | (retMantissa & 0x007FFFFF);
    if (neg)
        retBits |= 0x80000000;
    uint32_t b32 = (uint32_t)retBits;
    memcpy(f, &b32, sizeof *f);
    return true;
}

/* ===================== atof.go ===================== */

/* math.NaN(): Go's NaN has bits 0x7FF8000000000001, C's NAN ...0000; a
   program can tell them apart with math.Float64bits. */
static double goNaN(void)
{
    uint64_t b = 0x7FF8000000000001ULL;
    double f;
    memcpy(&f, &b, sizeof f);
    return f;
}

/* commonPrefixLenIgnoreCase returns the length of the common prefix of s
   and prefix, with the character case of s ignored. The prefix argument
   must be all lower-case. */
static size_t commonPrefixLenIgnoreCase(const char *s, size_t ns, const char *prefix)
{
    size_t n = strlen(prefix);
    if (n > ns)
        n = ns;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if ('A' <= c && c <= 'Z')
            c += 'a' - 'A';
        if (c != prefix[i])
            return i;
    }
    return n;
}

/* special returns the floating-point value for the special, possibly
   signed floating-point representations inf, infinity, and NaN. The result
   is ok if a prefix of s contains one of these representations and *n is
   the length of that prefix. The character case is ignored. Only inf and
   infinity take a sign: "+nan" is a syntax error, as in Go. */
static bool special(const char *s, size_t ns, double *f, size_t *n)
{
    if (ns == 0)
        return false;
    int sign = 1;
    size_t nsign = 0;
    switch (s[0]) {
    case '+':
    case '-':
        if (s[0] == '-')
            sign = -1;
        nsign = 1;
        s++;
        ns--;
        /* fallthrough */
    case 'i':
    case 'I': {
        size_t k = commonPrefixLenIgnoreCase(s, ns, "infinity");
        /* Anything longer than "inf" is ok, but if we don't have
           "infinity", only consume "inf". */
        if (3 < k && k < 8)
            k = 3;
        if (k == 3 || k == 8) {
            *f = sign * (double)INFINITY;
            *n = nsign + k;
            return true;
        }
        break;
    }
    case 'n':
    case 'N':
        if (commonPrefixLenIgnoreCase(s, ns, "nan") == 3) {
            *f = goNaN();
            *n = 3;
            return true;
        }
        break;
    }
    return false;
}

/* decimal.set: read s (already checked by readFloat) into b. */
static bool decimalSet(decimal *b, const char *s, size_t n)
{
    size_t i = 0;
    b->neg = false;
    b->trunc = false;
    b->nd = 0;
    b->dp = 0;

    /* optional sign */
    if (i >= n)
        return false;
    if (s[i] == '+') {
        i++;
    } else if (s[i] == '-') {
        b->neg = true;
        i++;
    }

    /* digits */
    bool sawdot = false;
    bool sawdigits = false;
    for (; i < n; i++) {
        if (s[i] == '_') {
            continue;   /* readFloat already checked underscores */
        } else if (s[i] == '.') {
            if (sawdot)
                return false;
            sawdot = true;
            b->dp = b->nd;
            continue;
        } else if ('0' <= s[i] && s[i] <= '9') {
            sawdigits = true;
            if (s[i] == '0' && b->nd == 0) {   /* ignore leading zeros */
                b->dp--;
                continue;
            }
            if (b->nd < (int)sizeof b->d) {
                b->d[b->nd++] = s[i];
            } else if (s[i] != '0') {
                b->trunc = true;
            }
            continue;
        }
        break;
    }
    if (!sawdigits)
        return false;
    if (!sawdot)
        b->dp = b->nd;

    /* optional exponent moves decimal point. if we read a very large, very
       long number, just be sure to move the decimal point by a lot (say,
       100000). it doesn't matter if it's not the exact number. */
    if (i < n && lower(s[i]) == 'e') {
        i++;
        if (i >= n)
            return false;
        int esign = 1;
        if (s[i] == '+') {
            i++;
        } else if (s[i] == '-') {
            i++;
            esign = -1;
        }
        if (i >= n || s[i] < '0' || s[i] > '9')
            return false;
        int e = 0;
        for (; i < n && (('0' <= s[i] && s[i] <= '9') || s[i] == '_'); i++) {
            if (s[i] == '_')
                continue;
            if (e < 10000)
                e = e * 10 + (s[i] - '0');
        }
        b->dp += e * esign;
    }
    return i == n;
}

/* readFloat reads a decimal or hexadecimal mantissa and exponent from a
   float string representation in s; the number may be followed by other
   characters. It reports the number of bytes consumed (*ip), and whether
   the number is valid. */
typedef struct floatRead {
    uint64_t mantissa;
    int exp;
    bool neg, trunc, hex;
} floatRead;

static bool readFloat(const char *s, size_t ns, floatRead *r, size_t *ip)
{
    size_t i = 0;
    bool underscores = false;
    memset(r, 0, sizeof *r);
    *ip = 0;

    /* optional sign */
    if (i >= ns)
        return false;
    if (s[i] == '+') {
        i++;
    } else if (s[i] == '-') {
        r->neg = true;
        i++;
    }

    /* digits */
    uint64_t base = 10;
    int maxMantDigits = 19;     /* 10^19 fits in uint64 */
    char expChar = 'e';
    if (i + 2 < ns && s[i] == '0' && lower(s[i + 1]) == 'x') {
        base = 16;
        maxMantDigits = 16;     /* 16^16 fits in uint64 */
        i += 2;
        expChar = 'p';
        r->hex = true;
    }
    bool sawdot = false;
    bool sawdigits = false;
    int nd = 0;
    int ndMant = 0;
    int dp = 0;
    for (; i < ns; i++) {
        char c = s[i];
        if (c == '_') {
            underscores = true;
            continue;
        } else if (c == '.') {
            if (sawdot)
                break;
            sawdot = true;
            dp = nd;
            continue;
        } else if ('0' <= c && c <= '9') {
            sawdigits = true;
            if (c == '0' && nd == 0) {  /* ignore leading zeros */
                dp--;
                continue;
            }
            nd++;
            if (ndMant < maxMantDigits) {
                r->mantissa *= base;
                r->mantissa += (uint64_t)(c - '0');
                ndMant++;
            } else if (c != '0') {
                r->trunc = true;
            }
            continue;
        } else if (base == 16 && 'a' <= lower(c) && lower(c) <= 'f') {
            sawdigits = true;
            nd++;
            if (ndMant < maxMantDigits) {
                r->mantissa *= 16;
                r->mantissa += (uint64_t)(lower(c) - 'a' + 10);
                ndMant++;
            } else {
                r->trunc = true;
            }
            continue;
        }
        break;
    }
    *ip = i;
    if (!sawdigits)
        return false;
    if (!sawdot)
        dp = nd;

    if (base == 16) {
        dp *= 4;
        ndMant *= 4;
    }

    /* optional exponent moves decimal point (see decimalSet). */
    if (i < ns && lower(s[i]) == expChar) {
        i++;
        *ip = i;
        if (i >= ns)
            return false;
        int esign = 1;
        if (s[i] == '+') {
            i++;
        } else if (s[i] == '-') {
            i++;
            esign = -1;
        }
        *ip = i;
        if (i >= ns || s[i] < '0' || s[i] > '9')
            return false;
        int e = 0;
        for (; i < ns && (('0' <= s[i] && s[i] <= '9') || s[i] == '_'); i++) {
            if (s[i] == '_') {
                underscores = true;
                continue;
            }
            if (e < 10000)
                e = e * 10 + (s[i] - '0');
        }
        *ip = i;
        dp += e * esign;
    } else if (base == 16) {
        return false;   /* Must have exponent. */
    }

    if (r->mantissa != 0)
        r->exp = dp - ndMant;

    if (underscores && !underscoreOK(s, i))
        return false;
    return true;
}

/* decimal power of ten to binary power of two. */
static const int powtab[] = {1, 3, 6, 9, 13, 16, 19, 23, 26};
enum { npowtab = sizeof powtab / sizeof powtab[0] };

/* decimal.floatBits: the bits of the float nearest d; *overflow when it is
   out of range (the bits are then ±Inf). Consumes d. */
static uint64_t floatBits(decimal *d, const floatInfo *flt, bool *overflow)
{
    int exp;
    uint64_t mant;
    *overflow = false;

    /* Zero is always a special case. */
    if (d->nd == 0) {
        mant = 0;
        exp = flt->bias;
        goto out;
    }
    /* Obvious overflow/underflow. These bounds are for 64-bit floats. */
    if (d->dp > 310)
        goto overflow;
    if (d->dp < -330) {
        /* zero */
        mant = 0;
        exp = flt->bias;
        goto out;
    }

    /* Scale by powers of two until in range [0.5, 1.0) */
    exp = 0;
    while (d->dp > 0) {
        int n = d->dp >= npowtab ? 27 : powtab[d->dp];
        decimalShift(d, -n);
        exp += n;
    }
    while (d->dp < 0 || (d->dp == 0 && d->d[0] < '5')) {
        int n = -d->dp >= npowtab ? 27 : powtab[-d->dp];
        decimalShift(d, n);
        exp -= n;
    }

    /* Our range is [0.5,1) but floating point range is [1,2). */
    exp--;

    /* Minimum representable exponent is flt->bias+1. If the exponent is
       smaller, move it up and adjust d accordingly. */
    if (exp < flt->bias + 1) {
        int n = flt->bias + 1 - exp;
        decimalShift(d, -n);
        exp += n;
    }

    if (exp - flt->bias >= (1 << flt->expbits) - 1)
        goto overflow;

    /* Extract 1+flt->mantbits bits. */
    decimalShift(d, (int)(1 + flt->mantbits));
    mant = decimalRoundedInteger(d);

    /* Rounding might have added a bit; shift down. */
    if (mant == (uint64_t)2 << flt->mantbits) {
        mant >>= 1;
        exp++;
        if (exp - flt->bias >= (1 << flt->expbits) - 1)
            goto overflow;
    }

    /* Denormalized? */
    if ((mant & ((uint64_t)1 << flt->mantbits)) == 0)
        exp = flt->bias;
    goto out;

overflow:
    /* ±Inf */
    mant = 0;
    exp = (1 << flt->expbits) - 1 + flt->bias;
    *overflow = true;

out:;
    /* Assemble bits. */
    uint64_t bits = mant & (((uint64_t)1 << flt->mantbits) - 1);
    bits |= (uint64_t)((exp - flt->bias) & ((1 << flt->expbits) - 1)) << flt->mantbits;
    if (d->neg)
        bits |= (uint64_t)1 << flt->mantbits << flt->expbits;
    return bits;
}

/* Exact powers of 10. */
static const double float64pow10[] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
    1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
    1e20, 1e21, 1e22,
};
static const float float32pow10[] = {1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f,
                                     1e6f, 1e7f, 1e8f, 1e9f, 1e10f};

/* If possible to convert decimal representation to 64-bit float f exactly,
   entirely in floating-point math, do so, avoiding the expense of
   decimalToFloatBits. Three common cases: value is exact integer, exact
   integer * exact power of ten, exact integer / exact power of ten. These
   all produce potentially inexact but correctly rounded answers. */
static bool atof64exact(uint64_t mantissa, int exp, bool neg, double *fp)
{
    if (mantissa >> float64info.mantbits != 0)
        return false;
    double f = (double)mantissa;
    if (neg)
        f = -f;
    if (exp == 0) {
        *fp = f;    /* an integer. */
        return true;
    }
    /* Exact integers are <= 10^15. Exact powers of ten are <= 10^22. */
    if (exp > 0 && exp <= 15 + 22) {   /* int * 10^k */
        /* If exponent is big but number of digits is not, can move a few
           zeros into the integer part. */
        if (exp > 22) {
            f *= float64pow10[exp - 22];
            exp = 22;
        }
        if (f > 1e15 || f < -1e15)
            return false;   /* the exponent was really too large. */
        *fp = f * float64pow10[exp];
        return true;
    }
    if (exp < 0 && exp >= -22) {       /* int / 10^k */
        *fp = f / float64pow10[-exp];
        return true;
    }
    return false;
}

/* As atof64exact for a 32-bit float, in float arithmetic. */
static bool atof32exact(uint64_t mantissa, int exp, bool neg, float *fp)
{
    if (mantissa >> float32info.mantbits != 0)
        return false;
    float f = (float)mantissa;
    if (neg)
        f = -f;
    if (exp == 0) {
        *fp = f;
        return true;
    }
    /* Exact integers are <= 10^7. Exact powers of ten are <= 10^10. */
    if (exp > 0 && exp <= 7 + 10) {    /* int * 10^k */
        if (exp > 10) {
            f *= float32pow10[exp - 10];
            exp = 10;
        }
        if (f > 1e7f || f < -1e7f)
            return false;
        *fp = f * float32pow10[exp];
        return true;
    }
    if (exp < 0 && exp >= -10) {       /* int / 10^k */
        *fp = f / float32pow10[-exp];
        return true;
    }
    return false;
}

/* atofHex converts the hex floating-point number read into r to a rounded
   float32 or float64 value (by flt) and returns it as a double. If
   r->trunc, trailing non-zero bits have been omitted from the mantissa. */
static double atofHex(const floatInfo *flt, uint64_t mantissa, int exp, bool neg, bool trunc,
                      NumErr *err)
{
    int maxExp = (1 << flt->expbits) + flt->bias - 2;
    int minExp = flt->bias + 1;
    exp += (int)flt->mantbits;  /* mantissa now implicitly divided by 2^mantbits. */

    /* Shift mantissa and exponent to bring representation into float
       range. Eventually we want a mantissa with a leading 1-bit followed by
       mantbits other bits. For rounding, we need two more, where the
       bottom bit represents whether that bit or any later bit was
       non-zero. (If the mantissa has already lost non-zero bits, trunc is
       true, and we OR in a 1 below after shifting left appropriately.) */
    while (mantissa != 0 && mantissa >> (flt->mantbits + 2) == 0) {
        mantissa <<= 1;
        exp--;
    }
    if (trunc)
        mantissa |= 1;
    while (mantissa >> (1 + flt->mantbits + 2) != 0) {
        mantissa = mantissa >> 1 | (mantissa & 1);
        exp++;
    }

    /* If exponent is too negative, denormalize in hopes of making it
       representable. (The -2 is for the rounding bits.) */
    while (mantissa > 1 && exp < minExp - 2) {
        mantissa = mantissa >> 1 | (mantissa & 1);
        exp++;
    }

    /* Round using two bottom bits. */
    uint64_t round = mantissa & 3;
    mantissa >>= 2;
    round |= mantissa & 1;  /* round to even (round up if mantissa is odd) */
    exp += 2;
    if (round == 3) {
        mantissa++;
        if (mantissa == (uint64_t)1 << (1 + flt->mantbits)) {
            mantissa >>= 1;
            exp++;
        }
    }

    if (mantissa >> flt->mantbits == 0)     /* Denormal or zero. */
        exp = flt->bias;
    *err = NUMERR_NONE;
    if (exp > maxExp) {     /* infinity and range error */
        mantissa = (uint64_t)1 << flt->mantbits;
        exp = maxExp + 1;
        *err = NUMERR_RANGE;
    }

    uint64_t bits = mantissa & (((uint64_t)1 << flt->mantbits) - 1);
    bits |= (uint64_t)((exp - flt->bias) & ((1 << flt->expbits) - 1)) << flt->mantbits;
    if (neg)
        bits |= (uint64_t)1 << flt->mantbits << flt->expbits;
    if (flt == &float32info) {
        uint32_t b32 = (uint32_t)bits;
        float f;
        memcpy(&f, &b32, sizeof f);
        return (double)f;
    }
    double f;
    memcpy(&f, &bits, sizeof f);
    return f;
}

/* atof32/atof64 merged: parse a prefix of s as a float of bitSize bits;
   *np is the length used. */
static double atofPrefix(const char *s, size_t ns, int bitSize, size_t *np, NumErr *err)
{
    const floatInfo *flt = bitSize == 32 ? &float32info : &float64info;
    double val;
    size_t n;
    *err = NUMERR_NONE;
    if (special(s, ns, &val, &n)) {
        *np = n;
        return bitSize == 32 ? (double)(float)val : val;
    }

    floatRead r;
    bool ok = readFloat(s, ns, &r, &n);
    *np = n;
    if (!ok) {
        *err = NUMERR_SYNTAX;
        return 0;
    }
    if (r.hex)
        return atofHex(flt, r.mantissa, r.exp, r.neg, r.trunc, err);

    if (strconv_optimize) {
        /* Try pure floating-point arithmetic conversion, and if that fails,
           the Eisel-Lemire algorithm. */
        if (bitSize == 32) {
            float f, fUp;
            if (!r.trunc && atof32exact(r.mantissa, r.exp, r.neg, &f))
                return f;
            if (eiselLemire32(r.mantissa, r.exp, r.neg, &f)) {
                if (!r.trunc)
                    return f;
                /* Even if the mantissa was truncated, we may have found the
                   correct result. Confirm by converting the upper mantissa
                   bound. */
                if (eiselLemire32(r.mantissa + 1, r.exp, r.neg, &fUp) && f == fUp)
                    return f;
            }
        } else {
            double f, fUp;
            if (!r.trunc && atof64exact(r.mantissa, r.exp, r.neg, &f))
                return f;
            if (eiselLemire64(r.mantissa, r.exp, r.neg, &f)) {
                if (!r.trunc)
                    return f;
                if (eiselLemire64(r.mantissa + 1, r.exp, r.neg, &fUp) && f == fUp)
                    return f;
            }
        }
    }

    /* Slow fallback. */
    decimal d;
    if (!decimalSet(&d, s, n)) {
        *err = NUMERR_SYNTAX;
        return 0;
    }
    bool ovf;
    uint64_t b = floatBits(&d, flt, &ovf);
    if (ovf)
        *err = NUMERR_RANGE;
    if (bitSize == 32) {
        uint32_t b32 = (uint32_t)b;
        float f;
        memcpy(&f, &b32, sizeof f);
        return f;
    }
    double f;
    memcpy(&f, &b, sizeof f);
    return f;
}

double ParseFloat(const char *s, size_t ns, int bitSize, NumErr *err)
{
    size_t n;
    double f = atofPrefix(s, ns, bitSize, &n, err);
    if (n != ns && *err != NUMERR_SYNTAX) {
        *err = NUMERR_SYNTAX;
        return 0;
    }
    return f;
}
