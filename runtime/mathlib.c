/* mathlib.c — Go's math algorithms, ported line by line, so that mini's
 * math functions return the very bits go 1.19 returns on amd64.
 *
 * Go: math/exp_amd64.s (Exp), log_amd64.s (Log), hypot_amd64.s (Hypot) —
 * the assembly amd64 uses — and the pure Go pow.go, exp.go (exp2,
 * expmulti), sin.go, tan.go, trig_reduce.go, atan.go, asin.go, atan2.go,
 * sinh.go, tanh.go, log1p.go, expm1.go, cbrt.go, remainder.go, mod.go,
 * modf.go, frexp.go, ldexp.go, log10.go.
 *
 * Why not libm: glibc's exp, log, pow, sin ... are correctly rounded or
 * nearly so; Go's are not always, and a program printing math.Pow(2, 0.5)
 * with %v shows the last bit.
 *
 * Rules that keep the bits equal:
 *  - Constants that Go folds exactly (Pi/2, 3*Pi/4, 4/Pi, 1/Ln10 ...) are
 *    written as the hex literals Go's folding gives, never as C
 *    arithmetic on rounded doubles.
 *  - No contraction of a*b+c into an FMA (the file is compiled with
 *    -ffp-contract=off; gc for GOAMD64=v1 never fuses), except where
 *    exp_amd64.s itself uses VFMADD: there Exp follows Go's useFMA
 *    (the CPU has AVX and FMA) and calls fma().
 *  - Go's NaN() is 0x7FF8000000000001.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "mathlib.h"

#define PI 0x1.921fb54442d18p+01            /* Pi */
#define PI2 0x1.921fb54442d18p+00           /* Pi/2 */
#define PI4 0x1.921fb54442d18p-01           /* Pi/4 */
#define PI3_4 0x1.2d97c7f3321d2p+01         /* 3*Pi/4 */
#define FOUR_PI 0x1.45f306dc9c883p+00       /* 4/Pi */
#define INV_LN10 0x1.bcb7b1526e50ep-02      /* 1/Ln10 */
#define INV_LN2 0x1.71547652b82fep+00       /* 1/Ln2 */
#define HALF_MAX 0x1.fffffffffffffp+1022    /* MaxFloat64/2 */

enum { mask = 0x7FF, shift = 64 - 11 - 1, bias = 1023 };

uint64_t go_Float64bits(double f) { uint64_t b; memcpy(&b, &f, 8); return b; }
double go_Float64frombits(uint64_t b) { double f; memcpy(&f, &b, 8); return f; }

double go_NaN(void) { return go_Float64frombits(0x7FF8000000000001ULL); }
static double Inf(int sign) { return sign >= 0 ? INFINITY : -INFINITY; }
static bool IsInf(double f, int sign) { return (sign >= 0 && f > 0x1.fffffffffffffp+1023) || (sign <= 0 && f < -0x1.fffffffffffffp+1023); }
static double Abs(double x) { return go_Float64frombits(go_Float64bits(x) & ~(1ULL << 63)); }

double go_Copysign(double f, double sign)
{
    const uint64_t signBit = 1ULL << 63;
    return go_Float64frombits((go_Float64bits(f) & ~signBit) | (go_Float64bits(sign) & signBit));
}

/* Go: bits.go normalize: a subnormal x as a normal number and exponent. */
static double normalize(double x, int *exp)
{
    const double SmallestNormal = 2.2250738585072014e-308;
    if (Abs(x) < SmallestNormal) {
        *exp = -52;
        return x * (double)(1ULL << 52);
    }
    *exp = 0;
    return x;
}

double go_Frexp(double f, int *exp)
{
    *exp = 0;
    if (f == 0 || isinf(f) || isnan(f))
        return f;
    int e;
    f = normalize(f, &e);
    uint64_t x = go_Float64bits(f);
    *exp = e + (int)((x >> shift) & mask) - bias + 1;
    x &= ~((uint64_t)mask << shift);
    x |= (uint64_t)(-1 + bias) << shift;
    return go_Float64frombits(x);
}

double go_Ldexp(double frac, int64_t exp)
{
    if (frac == 0 || isinf(frac) || isnan(frac))
        return frac;
    int e;
    frac = normalize(frac, &e);
    exp += e;
    uint64_t x = go_Float64bits(frac);
    exp += (int64_t)((x >> shift) & mask) - bias;
    if (exp < -1075)
        return go_Copysign(0, frac);
    if (exp > 1023)
        return frac < 0 ? Inf(-1) : Inf(1);
    double m = 1;
    if (exp < -1022) {
        exp += 53;
        m = 1.0 / (double)(1ULL << 53);
    }
    x &= ~((uint64_t)mask << shift);
    x |= (uint64_t)(exp + bias) << shift;
    return m * go_Float64frombits(x);
}

double go_Modf(double f, double *frac)
{
    if (f < 1) {
        if (f < 0) {
            double fr, in = go_Modf(-f, &fr);
            *frac = -fr;
            return -in;
        }
        if (f == 0) {
            *frac = f;
            return f;
        }
        *frac = f;
        return 0;
    }
    uint64_t x = go_Float64bits(f);
    unsigned e = (unsigned)((x >> shift) & mask) - bias;
    if (e < 64 - 12)
        x &= ~((1ULL << (64 - 12 - e)) - 1);
    double in = go_Float64frombits(x);
    *frac = f - in;
    return in;
}

/* ---- exp_amd64.s, log_amd64.s, hypot_amd64.s ---- */

static bool useFMA(void)
{
    static int v = -1;
    if (v < 0) {
        __builtin_cpu_init();
        v = __builtin_cpu_supports("avx") && __builtin_cpu_supports("fma");
    }
    return v;
}

/* CVTSD2SL: round to nearest even; out of range or NaN is 0x80000000. */
static int32_t cvtsd2sl(double x)
{
    double r = nearbyint(x);
    if (!(r >= -2147483648.0 && r <= 2147483647.0))
        return INT32_MIN;
    return (int32_t)r;
}

double go_Exp(double x)
{
    static const double e[9] = {
        0.5, 1.0, 2.0, 1.6666666666666666667e-1, 4.1666666666666666667e-2,
        8.3333333333333333333e-3, 1.3888888888888888889e-3, 1.9841269841269841270e-4,
        2.4801587301587301587e-5,
    };
    const double LOG2E = 1.4426950408889634073599246810018920;
    const double LN2U = 0.69314718055966295651160180568695068359375;
    const double LN2L = 0.28235290563031577122588448175013436025525412068e-12;
    const double Overflow = 7.09782712893384e+02;
    uint64_t bx = go_Float64bits(x);
    if ((bx & ~(1ULL << 63)) >= 0x7FF0000000000000ULL)     /* not finite */
        return bx == 0xFFF0000000000000ULL ? 0 : x;
    if (x > Overflow)
        return INFINITY;
    int32_t k = cvtsd2sl(LOG2E * x);
    double fk = (double)k, x0 = x, x1;
    if (useFMA()) {
        x0 = fma(-fk, LN2U, x0);
        x0 = fma(-fk, LN2L, x0);
        x0 *= 0.0625;
        x1 = e[8];
        x1 = fma(x1, x0, e[7]);
        x1 = fma(x1, x0, e[6]);
        x1 = fma(x1, x0, e[5]);
        x1 = fma(x1, x0, e[4]);
        x1 = fma(x1, x0, e[3]);
        x1 = fma(x1, x0, e[0]);
        x1 = fma(x1, x0, e[1]);
        x0 *= x1;
        for (int i = 0; i < 3; i++) {
            x1 = x0 + e[2];
            x0 *= x1;
        }
        x1 = x0 + e[2];
        x0 = fma(x0, x1, e[1]);
    } else {
        x0 -= LN2U * fk;
        x0 -= LN2L * fk;
        x0 *= 0.0625;
        x1 = e[8] * x0;
        x1 += e[7]; x1 *= x0;
        x1 += e[6]; x1 *= x0;
        x1 += e[5]; x1 *= x0;
        x1 += e[4]; x1 *= x0;
        x1 += e[3]; x1 *= x0;
        x1 += e[0]; x1 *= x0;
        x1 += e[1];
        x0 *= x1;
        for (int i = 0; i < 4; i++) {
            x1 = e[2] + x0;
            x0 *= x1;
        }
        x0 += e[1];
    }
    /* ldexp: fr * 2**k */
    int32_t b = k + 0x3FF;
    if (b <= 0) {       /* denormal */
        if (b < -52)
            return 0;
        b += 0x3FE;
        x0 *= go_Float64frombits((uint64_t)b << 52);
        b = 1;
    } else if (b >= 0x7FF) {
        return INFINITY;
    }
    return x0 * go_Float64frombits((uint64_t)b << 52);
}

double go_Log(double x)
{
    const double HSqrt2 = 7.07106781186547524401e-01;
    const double Ln2Hi = 6.93147180369123816490e-01, Ln2Lo = 1.90821492927058770002e-10;
    const double L1 = 6.666666666666735130e-01, L2 = 3.999999999940941908e-01,
                 L3 = 2.857142874366239149e-01, L4 = 2.222219843214978396e-01,
                 L5 = 1.818357216161805012e-01, L6 = 1.531383769920937332e-01,
                 L7 = 1.479819860511658591e-01;
    uint64_t bx = go_Float64bits(x);
    if ((bx & ~(1ULL << 63)) == 0)
        return -INFINITY;
    if ((int64_t)bx < 0)
        return go_NaN();
    if (bx >= 0x7FF0000000000000ULL)
        return x;
    /* frexp without the subnormal case, as the assembly */
    double f1 = go_Float64frombits((bx & 0x000FFFFFFFFFFFFFULL) | 0x3FE0000000000000ULL);
    double k = (double)(int32_t)(((bx >> 52) & 0x7FF) - 0x3FE);
    if (!(HSqrt2 < f1)) {
        k -= 1;
        f1 *= 2;
    }
    double f = f1 - 1;
    double s = f / (2 + f);
    double s2 = s * s;
    double s4 = s2 * s2;
    double t1 = s2 * (((L7 * s4 + L5) * s4 + L3) * s4 + L1);
    double t2 = s4 * ((L6 * s4 + L4) * s4 + L2);
    double R = t1 + t2;
    double hfsq = 0.5 * f * f;
    return k * Ln2Hi - ((hfsq - (s * (hfsq + R) + k * Ln2Lo)) - f);
}

double go_Hypot(double p, double q)
{
    uint64_t bp = go_Float64bits(p) & ~(1ULL << 63), bq = go_Float64bits(q) & ~(1ULL << 63);
    const uint64_t PosInf = 0x7FF0000000000000ULL;
    if (bp >= PosInf || bq >= PosInf) {
        if (bp == PosInf || bq == PosInf)
            return INFINITY;
        return go_NaN();
    }
    if ((bp | bq) == 0)
        return 0;
    double x0 = go_Float64frombits(bp), x1 = go_Float64frombits(bq);
    double mx = x0 > x1 ? x0 : x1, mn = x0 < x1 ? x0 : x1;
    mn /= mx;
    mn *= mn;
    mn += 1.0;
    return mx * sqrt(mn);
}

/* ---- pure Go ---- */

double go_Log10(double x) { return go_Log(x) * INV_LN10; }

double go_Log2(double x)
{
    int exp;
    double frac = go_Frexp(x, &exp);
    if (frac == 0.5)
        return (double)(exp - 1);
    return go_Log(frac) * INV_LN2 + (double)exp;
}

static double expmulti(double hi, double lo, int64_t k)
{
    const double P1 = 1.66666666666666657415e-01, P2 = -2.77777777770155933842e-03,
                 P3 = 6.61375632143793436117e-05, P4 = -1.65339022054652515390e-06,
                 P5 = 4.13813679705723846039e-08;
    double r = hi - lo;
    double t = r * r;
    double c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
    double y = 1 - ((lo - (r * c) / (2 - c)) - hi);
    return go_Ldexp(y, k);
}

double go_Exp2(double x)
{
    const double Ln2Hi = 6.93147180369123816490e-01, Ln2Lo = 1.90821492927058770002e-10;
    const double Overflow = 1.0239999999999999e+03, Underflow = -1.0740e+03;
    if (isnan(x) || IsInf(x, 1))
        return x;
    if (IsInf(x, -1))
        return 0;
    if (x > Overflow)
        return INFINITY;
    if (x < Underflow)
        return 0;
    int64_t k = 0;
    if (x > 0)
        k = (int64_t)(x + 0.5);
    else if (x < 0)
        k = (int64_t)(x - 0.5);
    double t = x - (double)k;
    double hi = t * Ln2Hi;
    double lo = -t * Ln2Lo;
    return expmulti(hi, lo, k);
}

static bool isOddInt(double x)
{
    double xf, xi = go_Modf(x, &xf);
    return xf == 0 && ((int64_t)xi & 1) == 1;
}

/* int64(xi) for the float64 -> int64 conversion on amd64 (CVTTSD2SQ). */
static int64_t f2i(double f)
{
    if (!(f > -9223372036854775808.0 && f < 9223372036854775808.0))
        return INT64_MIN;
    return (int64_t)f;
}

double go_Pow(double x, double y)
{
    if (y == 0 || x == 1)
        return 1;
    if (y == 1)
        return x;
    if (isnan(x) || isnan(y))
        return go_NaN();
    if (x == 0) {
        if (y < 0)
            return isOddInt(y) ? go_Copysign(INFINITY, x) : INFINITY;
        if (y > 0)
            return isOddInt(y) ? x : 0;
    } else if (IsInf(y, 0)) {
        if (x == -1)
            return 1;
        if ((Abs(x) < 1) == IsInf(y, 1))
            return 0;
        return INFINITY;
    } else if (IsInf(x, 0)) {
        if (IsInf(x, -1))
            return go_Pow(1 / x, -y);
        if (y < 0)
            return 0;
        if (y > 0)
            return INFINITY;
    } else if (y == 0.5) {
        return sqrt(x);
    } else if (y == -0.5) {
        return 1 / sqrt(x);
    }
    double yf, yi = go_Modf(Abs(y), &yf);
    if (yf != 0 && x < 0)
        return go_NaN();
    if (yi >= 0x1p63) {
        if (x == -1)
            return 1;
        if ((Abs(x) < 1) == (y > 0))
            return 0;
        return INFINITY;
    }
    double a1 = 1.0;
    int64_t ae = 0;
    if (yf != 0) {
        if (yf > 0.5) {
            yf--;
            yi++;
        }
        a1 = go_Exp(yf * go_Log(x));
    }
    int xe32;
    double x1 = go_Frexp(x, &xe32);
    int64_t xe = xe32;
    for (int64_t i = f2i(yi); i != 0; i >>= 1) {
        if (xe < -(1 << 12) || (1 << 12) < xe) {
            ae += xe;
            break;
        }
        if ((i & 1) == 1) {
            a1 *= x1;
            ae += xe;
        }
        x1 *= x1;
        xe *= 2;    /* Go: xe <<= 1, on a possibly negative int */
        if (x1 < .5) {
            x1 += x1;
            xe--;
        }
    }
    if (y < 0) {
        a1 = 1 / a1;
        ae = -ae;
    }
    return go_Ldexp(a1, ae);
}

/* ---- trigonometry ---- */

static const double _sin[] = {
    1.58962301576546568060e-10, -2.50507477628578072866e-8, 2.75573136213857245213e-6,
    -1.98412698295895385996e-4, 8.33333333332211858878e-3, -1.66666666666666307295e-1,
};
static const double _cos[] = {
    -1.13585365213876817300e-11, 2.08757008419747316778e-9, -2.75573141792967388112e-7,
    2.48015872888517045348e-5, -1.38888888888730564116e-3, 4.16666666666665929218e-2,
};
static const double PI4A = 7.85398125648498535156e-1, PI4B = 3.77489470793079817668e-8,
                    PI4C = 2.69515142907905952645e-15;
#define reduceThreshold ((double)(1 << 29))

static const uint64_t mPi4[] = {
    0x0000000000000001ULL, 0x45f306dc9c882a53ULL, 0xf84eafa3ea69bb81ULL, 0xb6c52b3278872083ULL,
    0xfca2c757bd778ac3ULL, 0x6e48dc74849ba5c0ULL, 0x0c925dd413a32439ULL, 0xfc3bd63962534e7dULL,
    0xd1046bea5d768909ULL, 0xd338e04d68befc82ULL, 0x7323ac7306a673e9ULL, 0x3908bf177bf25076ULL,
    0x3ff12fffbc0b301fULL, 0xde5e2316b414da3eULL, 0xda6cfd9e4f96136eULL, 0x9e8c7ecd3cbfd45aULL,
    0xea4f758fd7cbe2f6ULL, 0x7a0e73ef14a525d4ULL, 0xd7f6bf623f1aba10ULL, 0xac06608df8f6d757ULL,
};

/* Go: trig_reduce.go trigReduce (Payne-Hanek), x >= reduceThreshold. */
static double trigReduce(double x, uint64_t *jout)
{
    if (x < PI4) {
        *jout = 0;
        return x;
    }
    uint64_t ix = go_Float64bits(x);
    int exp = (int)((ix >> shift) & mask) - bias - shift;
    ix &= ~((uint64_t)mask << shift);
    ix |= 1ULL << shift;
    unsigned digit = (unsigned)(exp + 61) / 64, bitshift = (unsigned)(exp + 61) % 64;
    /* Go's shifts by 64 give 0; C's are undefined */
#define SHR(v, n) ((n) >= 64 ? 0 : (v) >> (n))
    uint64_t z0 = (mPi4[digit] << bitshift) | SHR(mPi4[digit + 1], 64 - bitshift);
    uint64_t z1 = (mPi4[digit + 1] << bitshift) | SHR(mPi4[digit + 2], 64 - bitshift);
    uint64_t z2 = (mPi4[digit + 2] << bitshift) | SHR(mPi4[digit + 3], 64 - bitshift);
    unsigned __int128 p2 = (unsigned __int128)z2 * ix, p1 = (unsigned __int128)z1 * ix;
    uint64_t z2hi = (uint64_t)(p2 >> 64);
    uint64_t z1hi = (uint64_t)(p1 >> 64), z1lo = (uint64_t)p1;
    uint64_t z0lo = z0 * ix;
    uint64_t lo = z1lo + z2hi, c = lo < z1lo;
    uint64_t hi = z0lo + z1hi + c;
    uint64_t j = hi >> 61;
    hi = hi << 3 | lo >> 61;
    unsigned lz = hi ? (unsigned)__builtin_clzll(hi) : 64;
    uint64_t e = (uint64_t)(bias - (lz + 1));
    hi = (lz + 1 >= 64 ? 0 : hi << (lz + 1)) | SHR(lo, 64 - (lz + 1));
    hi >>= 64 - shift;
#undef SHR
    hi |= e << shift;
    double z = go_Float64frombits(hi);
    if ((j & 1) == 1) {
        j++;
        j &= 7;
        z--;
    }
    *jout = j;
    return z * PI4;
}

static double sinpoly(double z, double zz)
{
    return z + z * zz * ((((((_sin[0] * zz) + _sin[1]) * zz + _sin[2]) * zz + _sin[3]) * zz + _sin[4]) * zz + _sin[5]);
}

static double cospoly(double zz)
{
    return 1.0 - 0.5 * zz + zz * zz * ((((((_cos[0] * zz) + _cos[1]) * zz + _cos[2]) * zz + _cos[3]) * zz + _cos[4]) * zz + _cos[5]);
}

/* The octant j and the reduced argument z of x >= 0 (sin.go, cos.go). */
static double reduce(double x, uint64_t *jout, bool mod8)
{
    uint64_t j;
    double z;
    if (x >= reduceThreshold) {
        z = trigReduce(x, &j);
    } else {
        j = (uint64_t)(x * FOUR_PI);
        double y = (double)j;
        if ((j & 1) == 1) {
            j++;
            y++;
        }
        if (mod8)
            j &= 7;
        z = ((x - y * PI4A) - y * PI4B) - y * PI4C;
    }
    *jout = j;
    return z;
}

double go_Cos(double x)
{
    if (isnan(x) || isinf(x))
        return go_NaN();
    bool sign = false;
    x = Abs(x);
    uint64_t j;
    double z = reduce(x, &j, true), y;
    if (j > 3) {
        j -= 4;
        sign = !sign;
    }
    if (j > 1)
        sign = !sign;
    double zz = z * z;
    if (j == 1 || j == 2)
        y = sinpoly(z, zz);
    else
        y = cospoly(zz);
    return sign ? -y : y;
}

double go_Sin(double x)
{
    if (x == 0 || isnan(x))
        return x;
    if (isinf(x))
        return go_NaN();
    bool sign = false;
    if (x < 0) {
        x = -x;
        sign = true;
    }
    uint64_t j;
    double z = reduce(x, &j, true), y;
    if (j > 3) {
        sign = !sign;
        j -= 4;
    }
    double zz = z * z;
    if (j == 1 || j == 2)
        y = cospoly(zz);
    else
        y = sinpoly(z, zz);
    return sign ? -y : y;
}

double go_Tan(double x)
{
    static const double _tanP[] = {
        -1.30936939181383777646e4, 1.15351664838587416140e6, -1.79565251976484877988e7,
    };
    static const double _tanQ[] = {
        1.00000000000000000000e0, 1.36812963470692954678e4, -1.32089234440210967447e6,
        2.50083801823357915839e7, -5.38695755929454629881e7,
    };
    if (x == 0 || isnan(x))
        return x;
    if (isinf(x))
        return go_NaN();
    bool sign = false;
    if (x < 0) {
        x = -x;
        sign = true;
    }
    uint64_t j;
    double z = reduce(x, &j, false), y;
    double zz = z * z;
    if (zz > 1e-14)
        y = z + z * (zz * (((_tanP[0] * zz) + _tanP[1]) * zz + _tanP[2]) /
                     ((((zz + _tanQ[1]) * zz + _tanQ[2]) * zz + _tanQ[3]) * zz + _tanQ[4]));
    else
        y = z;
    if ((j & 2) == 2)
        y = -1 / y;
    return sign ? -y : y;
}

static double xatan(double x)
{
    const double P0 = -8.750608600031904122785e-01, P1 = -1.615753718733365076637e+01,
                 P2 = -7.500855792314704667340e+01, P3 = -1.228866684490136173410e+02,
                 P4 = -6.485021904942025371773e+01, Q0 = +2.485846490142306297962e+01,
                 Q1 = +1.650270098316988542046e+02, Q2 = +4.328810604912902668951e+02,
                 Q3 = +4.853903996359136964868e+02, Q4 = +1.945506571482613964425e+02;
    double z = x * x;
    z = z * ((((P0 * z + P1) * z + P2) * z + P3) * z + P4) / (((((z + Q0) * z + Q1) * z + Q2) * z + Q3) * z + Q4);
    z = x * z + x;
    return z;
}

static double satan(double x)
{
    const double Morebits = 6.123233995736765886130e-17, Tan3pio8 = 2.41421356237309504880;
    const double HalfMorebits = 0x1.1a62633145c07p-55;     /* 0.5*Morebits */
    if (x <= 0.66)
        return xatan(x);
    if (x > Tan3pio8)
        return PI2 - xatan(1 / x) + Morebits;
    return PI4 + xatan((x - 1) / (x + 1)) + HalfMorebits;
}

double go_Atan(double x)
{
    if (x == 0)
        return x;
    if (x > 0)
        return satan(x);
    return -satan(-x);
}

double go_Asin(double x)
{
    if (x == 0)
        return x;
    bool sign = false;
    if (x < 0) {
        x = -x;
        sign = true;
    }
    if (x > 1)
        return go_NaN();
    double temp = sqrt(1 - x * x);
    if (x > 0.7)
        temp = PI2 - satan(temp / x);
    else
        temp = satan(x / temp);
    return sign ? -temp : temp;
}

double go_Acos(double x) { return PI2 - go_Asin(x); }

double go_Atan2(double y, double x)
{
    if (isnan(y) || isnan(x))
        return go_NaN();
    if (y == 0) {
        if (x >= 0 && !signbit(x))
            return go_Copysign(0, y);
        return go_Copysign(PI, y);
    }
    if (x == 0)
        return go_Copysign(PI2, y);
    if (isinf(x)) {
        if (IsInf(x, 1))
            return isinf(y) ? go_Copysign(PI4, y) : go_Copysign(0, y);
        return isinf(y) ? go_Copysign(PI3_4, y) : go_Copysign(PI, y);
    }
    if (isinf(y))
        return go_Copysign(PI2, y);
    double q = go_Atan(y / x);
    if (x < 0) {
        if (q <= 0)
            return q + PI;
        return q - PI;
    }
    return q;
}

/* ---- hyperbolic functions ---- */

double go_Sinh(double x)
{
    const double P0 = -0.6307673640497716991184787251e+6, P1 = -0.8991272022039509355398013511e+5,
                 P2 = -0.2894211355989563807284660366e+4, P3 = -0.2630563213397497062819489e+2,
                 Q0 = -0.6307673640497716991212077277e+6, Q1 = 0.1521517378790019070696485176e+5,
                 Q2 = -0.173678953558233699533450911e+3;
    bool sign = false;
    if (x < 0) {
        x = -x;
        sign = true;
    }
    double temp;
    if (x > 21) {
        temp = go_Exp(x) * 0.5;
    } else if (x > 0.5) {
        double ex = go_Exp(x);
        temp = (ex - 1 / ex) * 0.5;
    } else {
        double sq = x * x;
        temp = (((P3 * sq + P2) * sq + P1) * sq + P0) * x;
        temp = temp / (((sq + Q2) * sq + Q1) * sq + Q0);
    }
    return sign ? -temp : temp;
}

double go_Cosh(double x)
{
    x = Abs(x);
    if (x > 21)
        return go_Exp(x) * 0.5;
    double ex = go_Exp(x);
    return (ex + 1 / ex) * 0.5;
}

double go_Tanh(double x)
{
    static const double tanhP[] = { -9.64399179425052238628e-1, -9.92877231001918586564e1, -1.61468768441708447952e3 };
    static const double tanhQ[] = { 1.12811678491632931402e2, 2.23548839060100448583e3, 4.84406305325125486048e3 };
    const double MAXLOG = 8.8029691931113054295988e+01;
    double z = Abs(x);
    if (z > 0.5 * MAXLOG) {
        return x < 0 ? -1 : 1;
    } else if (z >= 0.625) {
        double s = go_Exp(2 * z);
        z = 1 - 2 / (s + 1);
        if (x < 0)
            z = -z;
    } else {
        if (x == 0)
            return x;
        double s = x * x;
        z = x + x * s * ((tanhP[0] * s + tanhP[1]) * s + tanhP[2]) / (((s + tanhQ[0]) * s + tanhQ[1]) * s + tanhQ[2]);
    }
    return z;
}

/* ---- log1p, expm1, cbrt, remainder, mod ---- */

double go_Log1p(double x)
{
    const double Sqrt2M1 = 4.142135623730950488017e-01, Sqrt2HalfM1 = -2.928932188134524755992e-01,
                 Small = 1.0 / (1 << 29), Tiny = 1.0 / (double)(1ULL << 54),
                 Two53 = (double)(1ULL << 53), Ln2Hi = 6.93147180369123816490e-01,
                 Ln2Lo = 1.90821492927058770002e-10, Lp1 = 6.666666666666735130e-01,
                 Lp2 = 3.999999999940941908e-01, Lp3 = 2.857142874366239149e-01,
                 Lp4 = 2.222219843214978396e-01, Lp5 = 1.818357216161805012e-01,
                 Lp6 = 1.531383769920937332e-01, Lp7 = 1.479819860511658591e-01;
    if (x < -1 || isnan(x))
        return go_NaN();
    if (x == -1)
        return -INFINITY;
    if (IsInf(x, 1))
        return INFINITY;
    double absx = Abs(x), f = 0;
    uint64_t iu = 0;
    int64_t k = 1;
    if (absx < Sqrt2M1) {
        if (absx < Small) {
            if (absx < Tiny)
                return x;
            return x - x * x * 0.5;
        }
        if (x > Sqrt2HalfM1) {
            k = 0;
            f = x;
            iu = 1;
        }
    }
    double c = 0;
    if (k != 0) {
        double u;
        if (absx < Two53) {
            u = 1.0 + x;
            iu = go_Float64bits(u);
            k = (int64_t)((iu >> 52) - 1023);
            if (k > 0)
                c = 1.0 - (u - x);
            else
                c = x - (u - 1.0);
            c /= u;
        } else {
            u = x;
            iu = go_Float64bits(u);
            k = (int64_t)((iu >> 52) - 1023);
            c = 0;
        }
        iu &= 0x000fffffffffffffULL;
        if (iu < 0x0006a09e667f3bcdULL) {
            u = go_Float64frombits(iu | 0x3ff0000000000000ULL);
        } else {
            k++;
            u = go_Float64frombits(iu | 0x3fe0000000000000ULL);
            iu = (0x0010000000000000ULL - iu) >> 2;
        }
        f = u - 1.0;
    }
    double hfsq = 0.5 * f * f;
    double s, R, z;
    if (iu == 0) {
        if (f == 0) {
            if (k == 0)
                return 0;
            c += (double)k * Ln2Lo;
            return (double)k * Ln2Hi + c;
        }
        R = hfsq * (1.0 - 0.66666666666666666 * f);
        if (k == 0)
            return f - R;
        return (double)k * Ln2Hi - ((R - ((double)k * Ln2Lo + c)) - f);
    }
    s = f / (2.0 + f);
    z = s * s;
    R = z * (Lp1 + z * (Lp2 + z * (Lp3 + z * (Lp4 + z * (Lp5 + z * (Lp6 + z * Lp7))))));
    if (k == 0)
        return f - (hfsq - s * (hfsq + R));
    return (double)k * Ln2Hi - ((hfsq - (s * (hfsq + R) + ((double)k * Ln2Lo + c))) - f);
}

double go_Expm1(double x)
{
    const double Othreshold = 7.09782712893383973096e+02, Ln2X56 = 3.88162421113569373274e+01,
                 Ln2HalfX3 = 1.03972077083991796413e+00, Ln2Half = 3.46573590279972654709e-01,
                 Ln2Hi = 6.93147180369123816490e-01, Ln2Lo = 1.90821492927058770002e-10,
                 InvLn2 = 1.44269504088896338700e+00, Tiny = 1.0 / (double)(1ULL << 54),
                 Q1 = -3.33333333333331316428e-02, Q2 = 1.58730158725481460165e-03,
                 Q3 = -7.93650757867487942473e-05, Q4 = 4.00821782732936239552e-06,
                 Q5 = -2.01099218183624371326e-07;
    if (IsInf(x, 1) || isnan(x))
        return x;
    if (IsInf(x, -1))
        return -1;
    double absx = x;
    bool sign = false;
    if (x < 0) {
        absx = -absx;
        sign = true;
    }
    if (absx >= Ln2X56) {
        if (sign)
            return -1;
        if (absx >= Othreshold)
            return INFINITY;
    }
    double c = 0;
    int64_t k = 0;
    if (absx > Ln2Half) {
        double hi, lo;
        if (absx < Ln2HalfX3) {
            if (!sign) {
                hi = x - Ln2Hi;
                lo = Ln2Lo;
                k = 1;
            } else {
                hi = x + Ln2Hi;
                lo = -Ln2Lo;
                k = -1;
            }
        } else {
            if (!sign)
                k = (int64_t)(InvLn2 * x + 0.5);
            else
                k = (int64_t)(InvLn2 * x - 0.5);
            double t = (double)k;
            hi = x - t * Ln2Hi;
            lo = t * Ln2Lo;
        }
        x = hi - lo;
        c = (hi - x) - lo;
    } else if (absx < Tiny) {
        return x;
    } else {
        k = 0;
    }
    double hfx = 0.5 * x;
    double hxs = x * hfx;
    double r1 = 1 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
    double t = 3 - r1 * hfx;
    double e = hxs * ((r1 - t) / (6.0 - x * t));
    if (k == 0)
        return x - (x * e - hxs);
    e = (x * (e - c) - c);
    e -= hxs;
    if (k == -1)
        return 0.5 * (x - e) - 0.5;
    if (k == 1) {
        if (x < -0.25)
            return -2 * (e - (x + 0.5));
        return 1 + 2 * (x - e);
    }
    if (k <= -2 || k > 56) {
        double y = 1 - (e - x);
        y = go_Float64frombits(go_Float64bits(y) + ((uint64_t)k << 52));
        return y - 1;
    }
    if (k < 20) {
        double tt = go_Float64frombits(0x3ff0000000000000ULL - (0x20000000000000ULL >> (unsigned)k));
        double y = tt - (e - x);
        y = go_Float64frombits(go_Float64bits(y) + ((uint64_t)k << 52));
        return y;
    }
    t = go_Float64frombits((uint64_t)(0x3ff - k) << 52);
    double y = x - (e + t);
    y++;
    y = go_Float64frombits(go_Float64bits(y) + ((uint64_t)k << 52));
    return y;
}

double go_Cbrt(double x)
{
    const uint64_t B1 = 715094163, B2 = 696219795;
    const double C = 5.42857142857142815906e-01, D = -7.05306122448979611050e-01,
                 E = 1.41428571428571436819e+00, F = 1.60714285714285720630e+00,
                 G = 3.57142857142857150787e-01, SmallestNormal = 2.22507385850720138309e-308;
    if (x == 0 || isnan(x) || isinf(x))
        return x;
    bool sign = false;
    if (x < 0) {
        x = -x;
        sign = true;
    }
    double t = go_Float64frombits(go_Float64bits(x) / 3 + (B1 << 32));
    if (x < SmallestNormal) {
        t = (double)(1ULL << 54);
        t *= x;
        t = go_Float64frombits(go_Float64bits(t) / 3 + (B2 << 32));
    }
    double r = t * t / x;
    double s = C + r * t;
    t *= G + F / (s + E + D / s);
    t = go_Float64frombits((go_Float64bits(t) & (0xFFFFFFFFCULL << 28)) + (1ULL << 30));
    s = t * t;
    r = x / s;
    double w = t + t;
    r = (r - t) / (w + r);
    t = t + t * r;
    return sign ? -t : t;
}

double go_Mod(double x, double y)
{
    if (y == 0 || isinf(x) || isnan(x) || isnan(y))
        return go_NaN();
    y = Abs(y);
    int yexp, rexp;
    double yfr = go_Frexp(y, &yexp);
    double r = x;
    if (x < 0)
        r = -x;
    while (r >= y) {
        double rfr = go_Frexp(r, &rexp);
        if (rfr < yfr)
            rexp = rexp - 1;
        r = r - go_Ldexp(y, rexp - yexp);
    }
    if (x < 0)
        r = -r;
    return r;
}

double go_Remainder(double x, double y)
{
    const double Tiny = 4.45014771701440276618e-308;
    if (isnan(x) || isnan(y) || isinf(x) || y == 0)
        return go_NaN();
    if (isinf(y))
        return x;
    bool sign = false;
    if (x < 0) {
        x = -x;
        sign = true;
    }
    if (y < 0)
        y = -y;
    if (x == y)
        return sign ? -0.0 : 0.0;
    if (y <= HALF_MAX)
        x = go_Mod(x, y + y);
    if (y < Tiny) {
        if (x + x > y) {
            x -= y;
            if (x + x >= y)
                x -= y;
        }
    } else {
        double yHalf = 0.5 * y;
        if (x > yHalf) {
            x -= y;
            if (x >= yHalf)
                x -= y;
        }
    }
    return sign ? -x : x;
}
