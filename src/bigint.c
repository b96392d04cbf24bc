/* bigint.c — immutable arbitrary-precision integers (see bigint.h).
 *
 * Go: math/big. The magnitude routines mirror nat.go (add, sub, mul, shl,
 * shr, cmp) and natdiv.go (divLarge: Knuth's Algorithm D, TAOCP vol. 2
 * §4.3.1, with 64-bit limbs and unsigned __int128 for the 128/64-bit
 * steps); the signed layer mirrors int.go (QuoRem truncates, Rsh floors,
 * And/Or/Xor/AndNot/Not act on infinite two's complement).
 *
 * Multiplication is schoolbook: constants are at most a few thousand bits
 * (constant.c), where quadratic methods are fine. gcd is Lehmer's, as in
 * int.go, because fractions from 10000-digit literals reach 66000 bits and
 * plain Euclid then takes tens of thousands of long divisions.
 *
 * Invariants (bigint.h): results are normalized — no high zero limbs,
 * zero has n == 0 and is never negative — and never modified afterwards.
 * Scratch arrays are local to one call.
 */
#include <assert.h>
#include <string.h>
#include <gc.h>

#include "bigint.h"

typedef unsigned __int128 u128;

/* Hard ceiling on one value: 2^26 limbs (2^32 bits), far beyond what
   constant.c lets through; a guard against size arithmetic overflowing. */
enum { MAXLIMBS = 1 << 26 };

static Big *alloc(uint64_t n)
{
    assert(n <= MAXLIMBS);
    Big *x = GC_MALLOC_ATOMIC(sizeof(Big) + n * sizeof(uint64_t));
    assert(x != NULL);
    memset(x->d, 0, n * sizeof(uint64_t));
    x->neg = false;
    x->n = (uint32_t)n;
    return x;
}

static uint64_t *scratch(uint64_t n)
{
    assert(n <= MAXLIMBS + 2);
    uint64_t *p = GC_MALLOC_ATOMIC((n ? n : 1) * sizeof(uint64_t));
    assert(p != NULL);
    memset(p, 0, (n ? n : 1) * sizeof(uint64_t));
    return p;
}

/* Drops high zero limbs; zero is nonnegative. */
static const Big *norm(Big *x)
{
    while (x->n > 0 && x->d[x->n - 1] == 0)
        x->n--;
    if (x->n == 0)
        x->neg = false;
    return x;
}

static const Big *from_mag(const uint64_t *d, uint64_t n, bool neg)
{
    while (n > 0 && d[n - 1] == 0)
        n--;
    Big *x = alloc(n);
    if (n)
        memcpy(x->d, d, n * sizeof(uint64_t));
    x->neg = neg && n > 0;
    return x;
}

/* ------------------------------------------------------------------ */
/* Magnitudes (nat.go)                                                 */
/* ------------------------------------------------------------------ */

static int mag_cmp(const uint64_t *a, uint32_t an, const uint64_t *b, uint32_t bn)
{
    if (an != bn)
        return an < bn ? -1 : 1;
    for (uint32_t i = an; i-- > 0;)
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    return 0;
}

/* r[0..an] = a + b, an >= bn; r has an+1 limbs. */
static void mag_add(uint64_t *r, const uint64_t *a, uint32_t an, const uint64_t *b, uint32_t bn)
{
    uint64_t carry = 0;
    for (uint32_t i = 0; i < an; i++) {
        u128 s = (u128)a[i] + (i < bn ? b[i] : 0) + carry;
        r[i] = (uint64_t)s;
        carry = (uint64_t)(s >> 64);
    }
    r[an] = carry;
}

/* r[0..an-1] = a - b, requires a >= b. */
static void mag_sub(uint64_t *r, const uint64_t *a, uint32_t an, const uint64_t *b, uint32_t bn)
{
    uint64_t borrow = 0;
    for (uint32_t i = 0; i < an; i++) {
        uint64_t y = i < bn ? b[i] : 0;
        uint64_t t = a[i] - y;
        uint64_t b1 = a[i] < y;
        r[i] = t - borrow;
        borrow = b1 | (t < borrow);
    }
    assert(borrow == 0);
}

/* r[0..an+bn-1] = a * b (r zeroed, not aliased). */
static void mag_mul(uint64_t *r, const uint64_t *a, uint32_t an, const uint64_t *b, uint32_t bn)
{
    for (uint32_t i = 0; i < an; i++) {
        uint64_t carry = 0;
        for (uint32_t j = 0; j < bn; j++) {
            u128 t = (u128)a[i] * b[j] + r[i + j] + carry;
            r[i + j] = (uint64_t)t;
            carry = (uint64_t)(t >> 64);
        }
        r[i + bn] = carry;
    }
}

/* Knuth's Algorithm D: q[0..m-n] = u / v, r[0..n-1] = u % v for
   u[0..m-1], v[0..n-1], m >= n >= 1, v[n-1] != 0. q, r zeroed; r may be
   NULL. */
static void mag_divmod(uint64_t *q, uint64_t *r, const uint64_t *u, uint32_t m, const uint64_t *v, uint32_t n)
{
    assert(n >= 1 && m >= n && v[n - 1] != 0);
    if (n == 1) {
        uint64_t rem = 0;
        for (uint32_t j = m; j-- > 0;) {
            u128 cur = ((u128)rem << 64) | u[j];
            q[j] = (uint64_t)(cur / v[0]);
            rem = (uint64_t)(cur % v[0]);
        }
        if (r)
            r[0] = rem;
        return;
    }
    /* D1: normalize so that the top bit of v is set. */
    int s = __builtin_clzll(v[n - 1]);
    uint64_t *vn = scratch(n), *un = scratch((uint64_t)m + 1);
    for (uint32_t i = n - 1; i > 0; i--)
        vn[i] = (v[i] << s) | (s ? v[i - 1] >> (64 - s) : 0);
    vn[0] = v[0] << s;
    un[m] = s ? u[m - 1] >> (64 - s) : 0;
    for (uint32_t i = m - 1; i > 0; i--)
        un[i] = (u[i] << s) | (s ? u[i - 1] >> (64 - s) : 0);
    un[0] = u[0] << s;

    for (uint32_t j = m - n + 1; j-- > 0;) {
        /* D3: estimate qhat from the top two limbs; at most 2 too big. */
        u128 num = ((u128)un[j + n] << 64) | un[j + n - 1];
        u128 qhat = num / vn[n - 1];
        u128 rhat = num - qhat * vn[n - 1];
        while ((qhat >> 64) != 0 || qhat * vn[n - 2] > ((rhat << 64) | un[j + n - 2])) {
            qhat--;
            rhat += vn[n - 1];
            if ((rhat >> 64) != 0)
                break;
        }
        /* D4: un[j..j+n] -= qhat * vn. */
        uint64_t carry = 0, borrow = 0;
        for (uint32_t i = 0; i < n; i++) {
            u128 p = qhat * vn[i] + carry;
            carry = (uint64_t)(p >> 64);
            uint64_t lo = (uint64_t)p;
            uint64_t t = un[i + j] - lo;
            uint64_t b1 = un[i + j] < lo;
            un[i + j] = t - borrow;
            borrow = b1 | (t < borrow);
        }
        uint64_t top = un[j + n];
        uint64_t t = top - carry;
        uint64_t b1 = top < carry;
        un[j + n] = t - borrow;
        borrow = b1 | (t < borrow);
        q[j] = (uint64_t)qhat;
        if (borrow) {
            /* D6: qhat was one too big; add v back. */
            q[j]--;
            uint64_t c = 0;
            for (uint32_t i = 0; i < n; i++) {
                u128 sum = (u128)un[i + j] + vn[i] + c;
                un[i + j] = (uint64_t)sum;
                c = (uint64_t)(sum >> 64);
            }
            un[j + n] += c;
        }
    }
    /* D8: unnormalize the remainder. */
    if (r)
        for (uint32_t i = 0; i < n; i++)
            r[i] = (un[i] >> s) | (s ? un[i + 1] << (64 - s) : 0);
}

/* ------------------------------------------------------------------ */
/* Construction and inspection                                         */
/* ------------------------------------------------------------------ */

const Big *big_uint64(uint64_t v)
{
    Big *x = alloc(1);
    x->d[0] = v;
    return norm(x);
}

const Big *big_int64(int64_t v)
{
    Big *x = alloc(1);
    x->d[0] = v < 0 ? -(uint64_t)v : (uint64_t)v;
    x->neg = v < 0;
    return norm(x);
}

static int digit_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return 99;
}

const Big *big_parse(const char *digits, int base)
{
    assert(base >= 2 && base <= 16);
    size_t len = strlen(digits);
    if (len == 0 || len > (size_t)MAXLIMBS)
        return NULL;
    uint64_t cap = len / 16 + 2;   /* >= 4 bits per digit: 16 digits per limb */
    uint64_t *d = scratch(cap);
    uint32_t n = 0;
    /* d = d * base^k + chunk, for chunks of k digits with base^k < 2^64 */
    for (size_t k = 0; k < len;) {
        uint64_t chunk = 0, mul = 1;
        for (; k < len && mul <= UINT64_MAX / 16 / (unsigned)base; k++) {
            int dv = digit_value(digits[k]);
            if (dv >= base)
                return NULL;
            chunk = chunk * (unsigned)base + (unsigned)dv;
            mul *= (unsigned)base;
        }
        uint64_t carry = chunk;
        for (uint32_t i = 0; i < n; i++) {
            u128 t = (u128)d[i] * mul + carry;
            d[i] = (uint64_t)t;
            carry = (uint64_t)(t >> 64);
        }
        if (carry) {
            assert(n < cap);
            d[n++] = carry;
        }
    }
    return from_mag(d, n, false);
}

const char *big_string(const Big *x)
{
    /* Peel off 19 decimal digits at a time (10^19 < 2^64). */
    const uint64_t chunk = 10000000000000000000ULL;
    uint64_t n = x->n;
    size_t cap = (size_t)n * 20 + 3;
    char *buf = GC_MALLOC_ATOMIC(cap), *p = buf + cap;
    *--p = '\0';
    uint64_t *t = scratch(n);
    if (n)
        memcpy(t, x->d, n * sizeof(uint64_t));
    do {
        uint64_t rem = 0;
        for (uint64_t j = n; j-- > 0;) {
            u128 cur = ((u128)rem << 64) | t[j];
            t[j] = (uint64_t)(cur / chunk);
            rem = (uint64_t)(cur % chunk);
        }
        while (n > 0 && t[n - 1] == 0)
            n--;
        for (int k = 0; k < 19 && (n > 0 || rem != 0 || k == 0); k++) {
            *--p = (char)('0' + rem % 10);
            rem /= 10;
        }
    } while (n > 0);
    if (x->neg)
        *--p = '-';
    return p;
}

int big_sign(const Big *x)
{
    return x->n == 0 ? 0 : x->neg ? -1 : 1;
}

int64_t big_bitlen(const Big *x)
{
    if (x->n == 0)
        return 0;
    return (int64_t)x->n * 64 - __builtin_clzll(x->d[x->n - 1]);
}

int64_t big_trailing_zeros(const Big *x)
{
    assert(x->n > 0);
    uint32_t i = 0;
    while (x->d[i] == 0)
        i++;
    return (int64_t)i * 64 + __builtin_ctzll(x->d[i]);
}

int big_cmpabs(const Big *x, const Big *y)
{
    return mag_cmp(x->d, x->n, y->d, y->n);
}

int big_cmp(const Big *x, const Big *y)
{
    if (x->neg != y->neg)
        return x->neg ? -1 : 1;
    int c = big_cmpabs(x, y);
    return x->neg ? -c : c;
}

bool big_is_int64(const Big *x)
{
    if (x->n == 0)
        return true;
    if (x->n > 1)
        return false;
    return x->neg ? x->d[0] <= (uint64_t)1 << 63 : x->d[0] < (uint64_t)1 << 63;
}

uint64_t big_low64(const Big *x)
{
    uint64_t lo = x->n ? x->d[0] : 0;
    return x->neg ? -lo : lo;
}

/* ------------------------------------------------------------------ */
/* Arithmetic (int.go)                                                 */
/* ------------------------------------------------------------------ */

const Big *big_neg(const Big *x)
{
    Big *r = alloc(x->n);
    if (x->n)
        memcpy(r->d, x->d, x->n * sizeof(uint64_t));
    r->neg = !x->neg;
    return norm(r);
}

const Big *big_abs(const Big *x)
{
    return x->neg ? big_neg(x) : x;
}

/* |x| + |y| with sign neg. */
static const Big *add_mag(const Big *x, const Big *y, bool neg)
{
    if (x->n < y->n) {
        const Big *t = x;
        x = y;
        y = t;
    }
    Big *r = alloc((uint64_t)x->n + 1);
    mag_add(r->d, x->d, x->n, y->d, y->n);
    r->neg = neg;
    return norm(r);
}

/* |x| - |y| with sign neg, flipped when |y| > |x|. */
static const Big *sub_mag(const Big *x, const Big *y, bool neg)
{
    int c = big_cmpabs(x, y);
    if (c == 0)
        return alloc(0);
    if (c < 0) {
        const Big *t = x;
        x = y;
        y = t;
        neg = !neg;
    }
    Big *r = alloc(x->n);
    mag_sub(r->d, x->d, x->n, y->d, y->n);
    r->neg = neg;
    return norm(r);
}

const Big *big_add(const Big *x, const Big *y)
{
    return x->neg == y->neg ? add_mag(x, y, x->neg) : sub_mag(x, y, x->neg);
}

const Big *big_sub(const Big *x, const Big *y)
{
    return x->neg != y->neg ? add_mag(x, y, x->neg) : sub_mag(x, y, x->neg);
}

const Big *big_mul(const Big *x, const Big *y)
{
    if (x->n == 0 || y->n == 0)
        return alloc(0);
    Big *r = alloc((uint64_t)x->n + y->n);
    mag_mul(r->d, x->d, x->n, y->d, y->n);
    r->neg = x->neg != y->neg;
    return norm(r);
}

void big_quorem(const Big *x, const Big *y, const Big **q, const Big **r)
{
    assert(y->n > 0);
    if (big_cmpabs(x, y) < 0) {
        if (q)
            *q = alloc(0);
        if (r)
            *r = x;
        return;
    }
    Big *qq = alloc((uint64_t)x->n - y->n + 1), *rr = alloc(y->n);
    mag_divmod(qq->d, rr->d, x->d, x->n, y->d, y->n);
    qq->neg = x->neg != y->neg;
    rr->neg = x->neg;
    if (q)
        *q = norm(qq);
    if (r)
        *r = norm(rr);
}

const Big *big_shl(const Big *x, uint64_t s)
{
    if (x->n == 0)
        return x;
    uint64_t limbs = s / 64;
    unsigned bits = (unsigned)(s % 64);
    assert(limbs <= MAXLIMBS);
    Big *r = alloc(x->n + limbs + 1);
    for (uint32_t i = 0; i < x->n; i++) {
        r->d[i + limbs] |= x->d[i] << bits;
        if (bits)
            r->d[i + limbs + 1] = x->d[i] >> (64 - bits);
    }
    r->neg = x->neg;
    return norm(r);
}

/* floor(|x| / 2^s) as a magnitude; *lost is set when nonzero bits fall off. */
static const Big *shr_mag(const Big *x, uint64_t s, bool *lost)
{
    uint64_t limbs = s / 64;
    unsigned bits = (unsigned)(s % 64);
    *lost = false;
    if (limbs >= x->n) {
        *lost = x->n > 0;
        return alloc(0);
    }
    for (uint64_t i = 0; i < limbs; i++)
        if (x->d[i])
            *lost = true;
    if (bits && (x->d[limbs] & (((uint64_t)1 << bits) - 1)))
        *lost = true;
    Big *r = alloc(x->n - limbs);
    for (uint64_t i = 0; i < r->n; i++) {
        r->d[i] = x->d[i + limbs] >> bits;
        if (bits && i + limbs + 1 < x->n)
            r->d[i] |= x->d[i + limbs + 1] << (64 - bits);
    }
    return norm(r);
}

const Big *big_shr(const Big *x, uint64_t s)
{
    bool lost;
    const Big *m = shr_mag(x, s, &lost);
    if (!x->neg)
        return m;
    /* floor for negatives: -(|x| >> s) - 1 when bits were lost */
    m = big_neg(m);
    return lost ? big_sub(m, big_int64(1)) : m;
}

/* ------------------------------------------------------------------ */
/* Two's-complement bit operations                                     */
/* ------------------------------------------------------------------ */

/* x as n limbs of two's complement (n > x->n, so the sign fits). */
static uint64_t *to_twos(const Big *x, uint32_t n)
{
    uint64_t *t = scratch(n);
    memcpy(t, x->d, x->n * sizeof(uint64_t));
    if (x->neg) {
        uint64_t carry = 1;
        for (uint32_t i = 0; i < n; i++) {
            t[i] = ~t[i] + carry;
            carry = carry && t[i] == 0;
        }
    }
    return t;
}

static const Big *from_twos(uint64_t *t, uint32_t n)
{
    bool neg = (t[n - 1] >> 63) != 0;
    if (neg) {
        uint64_t carry = 1;
        for (uint32_t i = 0; i < n; i++) {
            t[i] = ~t[i] + carry;
            carry = carry && t[i] == 0;
        }
    }
    return from_mag(t, n, neg);
}

static const Big *bitop(int op, const Big *x, const Big *y)
{
    uint32_t n = (x->n > y->n ? x->n : y->n) + 1;
    uint64_t *a = to_twos(x, n), *b = to_twos(y, n);
    for (uint32_t i = 0; i < n; i++) {
        switch (op) {
        case '&': a[i] &= b[i]; break;
        case '|': a[i] |= b[i]; break;
        case '^': a[i] ^= b[i]; break;
        default:  a[i] &= ~b[i]; break;
        }
    }
    return from_twos(a, n);
}

const Big *big_and(const Big *x, const Big *y) { return bitop('&', x, y); }
const Big *big_or(const Big *x, const Big *y) { return bitop('|', x, y); }
const Big *big_xor(const Big *x, const Big *y) { return bitop('^', x, y); }
const Big *big_andnot(const Big *x, const Big *y) { return bitop('~', x, y); }

const Big *big_not(const Big *x)
{
    return big_sub(big_neg(x), big_int64(1));
}

/* ------------------------------------------------------------------ */
/* GCD: Lehmer's algorithm (int.go lehmerGCD)                           */
/* ------------------------------------------------------------------ */

/* int.go lehmerSimulate: runs Euclid on the leading 64 bits of A and B
   (A >= B, B->n >= 2) with Collins' stopping condition and returns the
   cosequence words; even gives their signs (even: u0, v1 >= 0 and
   u1, v0 <= 0; odd: the reverse). */
static void lehmer_simulate(const Big *A, const Big *B, uint64_t *u0, uint64_t *u1, uint64_t *v0,
                            uint64_t *v1, bool *even)
{
    uint32_t m = B->n, n = A->n;
    int h = __builtin_clzll(A->d[n - 1]);
    uint64_t a1 = A->d[n - 1] << h | (h ? A->d[n - 2] >> (64 - h) : 0), a2;
    if (n == m)
        a2 = B->d[n - 1] << h | (h ? B->d[n - 2] >> (64 - h) : 0);
    else if (n == m + 1)
        a2 = h ? B->d[n - 2] >> (64 - h) : 0;
    else
        a2 = 0;
    uint64_t U0 = 0, U1 = 1, U2 = 0, V0 = 0, V1 = 0, V2 = 1;
    bool ev = false;
    while (a2 >= V2 && a1 - a2 >= V1 + V2) {
        uint64_t q = a1 / a2, r = a1 % a2, t;
        a1 = a2;
        a2 = r;
        t = U1 + q * U2; U0 = U1; U1 = U2; U2 = t;
        t = V1 + q * V2; V0 = V1; V1 = V2; V2 = t;
        ev = !ev;
    }
    *u0 = U0; *u1 = U1; *v0 = V0; *v1 = V1; *even = ev;
}

/* wx*X - wy*Y for magnitudes X, Y, in one pass; the caller knows the
   result is not negative (lehmerUpdate's cosequence signs). */
static const Big *mul_sub_words(uint64_t wx, const Big *X, uint64_t wy, const Big *Y)
{
    uint32_t n = (X->n > Y->n ? X->n : Y->n) + 1;
    Big *r = alloc(n);
    uint64_t cx = 0, cy = 0, borrow = 0;
    for (uint32_t i = 0; i < n; i++) {
        u128 px = (u128)wx * (i < X->n ? X->d[i] : 0) + cx;
        u128 py = (u128)wy * (i < Y->n ? Y->d[i] : 0) + cy;
        cx = (uint64_t)(px >> 64);
        cy = (uint64_t)(py >> 64);
        uint64_t lx = (uint64_t)px, ly = (uint64_t)py;
        uint64_t t = lx - ly;
        uint64_t b1 = lx < ly;
        r->d[i] = t - borrow;
        borrow = b1 | (t < borrow);
    }
    assert(borrow == 0 && cx == 0 && cy == 0);
    return norm(r);
}

const Big *big_gcd(const Big *x, const Big *y)
{
    const Big *A = big_abs(x), *B = big_abs(y), *r;
    if (big_cmpabs(A, B) < 0) {
        const Big *t = A;
        A = B;
        B = t;
    }
    /* invariant: A >= B >= 0 */
    while (B->n > 1) {
        uint64_t u0, u1, v0, v1;
        bool even;
        lehmer_simulate(A, B, &u0, &u1, &v0, &v1, &even);
        if (v0 != 0) {
            /* A, B = u0*A + v0*B, u1*A + v1*B with the signs of even */
            const Big *na = even ? mul_sub_words(u0, A, v0, B) : mul_sub_words(v0, B, u0, A);
            const Big *nb = even ? mul_sub_words(v1, B, u1, A) : mul_sub_words(u1, A, v1, B);
            A = na;
            B = nb;
        } else {
            big_quorem(A, B, NULL, &r);
            A = B;
            B = r;
        }
        assert(big_sign(A) >= 0 && big_sign(B) >= 0 && big_cmpabs(A, B) >= 0);
    }
    if (B->n == 0)
        return A;
    if (A->n > 1) {
        big_quorem(A, B, NULL, &r);
        A = B;
        B = r;
    }
    uint64_t a = A->n ? A->d[0] : 0, b = B->n ? B->d[0] : 0;
    while (b != 0) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return big_uint64(a);
}
