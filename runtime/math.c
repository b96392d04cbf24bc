/* math.c — the natives of package math.
 *
 * Go: the math package. Functions whose result is exact (Sqrt, correctly
 * rounded in both; Abs, Floor, Ceil, Trunc, Round, Max, Min, the bit
 * conversions) use C; the others (Pow, Exp, Log, Sin, Cbrt, Mod ...) call
 * mathlib.c, Go's own algorithms ported, because libm differs from Go in
 * the last bit. Where Go's special cases differ from C's (Max, Min with
 * NaN and signed zeros; NaN's bits) they are spelled out as in Go.
 *
 * Slot convention (natives.c): results first, then parameters.
 */
#include <math.h>

#include "mathlib.h"
#include "vm.h"

/* The natives ignore gp and the word count: their signatures are fixed. */
#pragma GCC diagnostic ignored "-Wunused-parameter"

#define F1(name, expr) \
    static void math_##name(G *gp, Slot *a, int n) { double x = a[1].f; (void)gp; (void)n; a[0].f = (expr); }
#define F2(name, expr) \
    static void math_##name(G *gp, Slot *a, int n) { double x = a[1].f, y = a[2].f; (void)gp; (void)n; a[0].f = (expr); }

F1(Sqrt, sqrt(x))
F1(Abs, fabs(x))
F1(Floor, floor(x))
F1(Ceil, ceil(x))
F1(Trunc, trunc(x))
F1(Round, round(x))
F2(Mod, go_Mod(x, y))
F2(Pow, go_Pow(x, y))
F2(Atan2, go_Atan2(x, y))
F2(Hypot, go_Hypot(x, y))
F2(Remainder, go_Remainder(x, y))
F2(Copysign, go_Copysign(x, y))
F1(Log, go_Log(x)) F1(Log2, go_Log2(x)) F1(Log10, go_Log10(x)) F1(Log1p, go_Log1p(x))
F1(Exp, go_Exp(x)) F1(Exp2, go_Exp2(x)) F1(Expm1, go_Expm1(x))
F1(Sin, go_Sin(x)) F1(Cos, go_Cos(x)) F1(Tan, go_Tan(x))
F1(Asin, go_Asin(x)) F1(Acos, go_Acos(x)) F1(Atan, go_Atan(x))
F1(Sinh, go_Sinh(x)) F1(Cosh, go_Cosh(x)) F1(Tanh, go_Tanh(x))
F1(Cbrt, go_Cbrt(x))

/* Go: Max(x, +Inf) = +Inf, Max(x, NaN) = NaN, Max(+0, -0) = +0. */
static void math_Max(G *gp, Slot *a, int n)
{
    double x = a[1].f, y = a[2].f;
    if (isinf(x) && x > 0) a[0].f = x;
    else if (isinf(y) && y > 0) a[0].f = y;
    else if (isnan(x) || isnan(y)) a[0].f = NAN;
    else if (x == 0 && x == y) a[0].f = signbit(x) ? y : x;
    else a[0].f = x > y ? x : y;
}

/* Go: Min(x, -Inf) = -Inf, Min(x, NaN) = NaN, Min(-0, +0) = -0. */
static void math_Min(G *gp, Slot *a, int n)
{
    double x = a[1].f, y = a[2].f;
    if (isinf(x) && x < 0) a[0].f = x;
    else if (isinf(y) && y < 0) a[0].f = y;
    else if (isnan(x) || isnan(y)) a[0].f = NAN;
    else if (x == 0 && x == y) a[0].f = signbit(x) ? x : y;
    else a[0].f = x < y ? x : y;
}

static void math_Inf(G *gp, Slot *a, int n) { a[0].f = a[1].i >= 0 ? INFINITY : -INFINITY; }
static void math_NaN(G *gp, Slot *a, int n) { a[0].f = go_NaN(); }
static void math_Signbit(G *gp, Slot *a, int n) { a[0].u = go_Float64bits(a[1].f) >> 63; }
static void math_Float64bits(G *gp, Slot *a, int n) { a[0].u = a[1].u; }
static void math_Float64frombits(G *gp, Slot *a, int n) { a[0].u = a[1].u; }
/* A float32 sits in the low 4 bytes of its slot, a uint32 zero-extended. */
static void math_Float32bits(G *gp, Slot *a, int n) { a[0].u = (uint32_t)a[1].u; }
static void math_Float32frombits(G *gp, Slot *a, int n) { a[0].u = (uint32_t)a[1].u; }

/* (int float64, frac float64) */
static void math_Modf(G *gp, Slot *a, int n)
{
    double frac;
    a[0].f = go_Modf(a[2].f, &frac);
    a[1].f = frac;
}
static void math_IsNaN(G *gp, Slot *a, int n) { a[0].u = isnan(a[1].f) != 0; }

static void math_IsInf(G *gp, Slot *a, int n)
{
    double f = a[1].f;
    int64_t sign = a[2].i;
    a[0].u = (sign >= 0 && f > 1.7976931348623157e308) || (sign <= 0 && f < -1.7976931348623157e308);
}

const Native math_natives[] = {
    { "math", "Sqrt", math_Sqrt }, { "math", "Abs", math_Abs }, { "math", "Floor", math_Floor },
    { "math", "Ceil", math_Ceil }, { "math", "Trunc", math_Trunc }, { "math", "Round", math_Round },
    { "math", "Mod", math_Mod }, { "math", "Max", math_Max }, { "math", "Min", math_Min },
    { "math", "Inf", math_Inf }, { "math", "NaN", math_NaN }, { "math", "IsNaN", math_IsNaN },
    { "math", "IsInf", math_IsInf }, { "math", "Pow", math_Pow }, { "math", "Atan2", math_Atan2 },
    { "math", "Hypot", math_Hypot }, { "math", "Remainder", math_Remainder },
    { "math", "Copysign", math_Copysign }, { "math", "Log", math_Log }, { "math", "Log2", math_Log2 },
    { "math", "Log10", math_Log10 }, { "math", "Log1p", math_Log1p }, { "math", "Exp", math_Exp },
    { "math", "Exp2", math_Exp2 }, { "math", "Expm1", math_Expm1 }, { "math", "Sin", math_Sin },
    { "math", "Cos", math_Cos }, { "math", "Tan", math_Tan }, { "math", "Asin", math_Asin },
    { "math", "Acos", math_Acos }, { "math", "Atan", math_Atan }, { "math", "Sinh", math_Sinh },
    { "math", "Cosh", math_Cosh }, { "math", "Tanh", math_Tanh }, { "math", "Cbrt", math_Cbrt },
    { "math", "Signbit", math_Signbit }, { "math", "Float64bits", math_Float64bits },
    { "math", "Float64frombits", math_Float64frombits }, { "math", "Float32bits", math_Float32bits },
    { "math", "Float32frombits", math_Float32frombits }, { "math", "Modf", math_Modf },
};
const int nmath_natives = sizeof math_natives / sizeof math_natives[0];
