/* mathlib.h — Go's math algorithms in C (mathlib.c explains why), for the
 * natives of package math. go_X is Go's math.X on amd64, bit for bit.
 * Frexp writes the exponent to *exp; Modf returns the integer part and
 * writes the fraction to *frac.
 */
#ifndef MINI_MATHLIB_H
#define MINI_MATHLIB_H

#include <stdbool.h>
#include <stdint.h>

uint64_t go_Float64bits(double f);
double go_Float64frombits(uint64_t b);
double go_NaN(void);                    /* 0x7FF8000000000001, Go's NaN() */
double go_Copysign(double f, double sign);
double go_Frexp(double f, int *exp);
double go_Ldexp(double frac, int64_t exp);
double go_Modf(double f, double *frac);

double go_Exp(double x);                /* exp_amd64.s */
double go_Log(double x);                /* log_amd64.s */
double go_Hypot(double p, double q);    /* hypot_amd64.s */
double go_Exp2(double x);
double go_Log2(double x);
double go_Log10(double x);
double go_Log1p(double x);
double go_Expm1(double x);
double go_Pow(double x, double y);
double go_Sin(double x);
double go_Cos(double x);
double go_Tan(double x);
double go_Asin(double x);
double go_Acos(double x);
double go_Atan(double x);
double go_Atan2(double y, double x);
double go_Sinh(double x);
double go_Cosh(double x);
double go_Tanh(double x);
double go_Cbrt(double x);
double go_Mod(double x, double y);
double go_Remainder(double x, double y);

#endif
