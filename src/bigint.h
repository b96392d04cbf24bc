/* bigint.h — immutable arbitrary-precision integers for constant.c.
 *
 * Go: math/big (nat.go, natdiv.go, int.go, intconv.go). Only what go/constant
 * needs for untyped constants: + - * quo/rem, shifts, two's-complement bit
 * operations, gcd, parsing and decimal printing.
 *
 * Invariants:
 *  - A Big is immutable once returned; every operation allocates its result
 *    (Boehm, pointer-free), so values can be shared freely.
 *  - Sign-magnitude: d[0..n-1] is |x|, least significant limb first, with
 *    d[n-1] != 0 (n == 0 is zero), and zero is never negative.
 *  - Sizes are not limited here; constant.c bounds them (CV_MAXBITS).
 */
#ifndef MINI_BIGINT_H
#define MINI_BIGINT_H

#include <stdbool.h>
#include <stdint.h>

typedef struct Big {
    bool neg;
    uint32_t n;
    uint64_t d[];
} Big;

const Big *big_int64(int64_t v);
const Big *big_uint64(uint64_t v);
/* digits (no sign, no prefix, no '_') in base 2..16; NULL if empty or a
   digit is out of range. */
const Big *big_parse(const char *digits, int base);
/* Decimal, with a leading '-' when negative (big.Int.String). */
const char *big_string(const Big *x);

int big_sign(const Big *x);                       /* -1, 0, +1 */
int64_t big_bitlen(const Big *x);                 /* of |x|; 0 for zero */
int64_t big_trailing_zeros(const Big *x);         /* x != 0 */
int big_cmp(const Big *x, const Big *y);
int big_cmpabs(const Big *x, const Big *y);
bool big_is_int64(const Big *x);
uint64_t big_low64(const Big *x);                 /* x mod 2^64, two's complement */

const Big *big_neg(const Big *x);
const Big *big_abs(const Big *x);
const Big *big_add(const Big *x, const Big *y);
const Big *big_sub(const Big *x, const Big *y);
const Big *big_mul(const Big *x, const Big *y);
/* Truncated division as Go's Int.QuoRem (and the / and % operators):
   q = x/y rounded toward zero, r = x - q*y has the sign of x. y != 0.
   q or r may be NULL. */
void big_quorem(const Big *x, const Big *y, const Big **q, const Big **r);
const Big *big_shl(const Big *x, uint64_t s);     /* x * 2^s */
const Big *big_shr(const Big *x, uint64_t s);     /* floor(x / 2^s), as Int.Rsh */
/* Bit operations on the infinite two's-complement forms (Int.And ...). */
const Big *big_and(const Big *x, const Big *y);
const Big *big_or(const Big *x, const Big *y);
const Big *big_xor(const Big *x, const Big *y);
const Big *big_andnot(const Big *x, const Big *y);
const Big *big_not(const Big *x);                 /* -x - 1 */
const Big *big_gcd(const Big *x, const Big *y);   /* gcd(|x|, |y|) >= 0 */

#endif
