/* math.c — the natives of package math.
 *
 * Go: the math package (math/sqrt.go, floor.go, dim.go, mod.go, bits.go).
 * Only functions whose result is exact (so libm and Go must agree to the
 * bit) are bound here: Sqrt (correctly rounded in both), Abs, Floor, Ceil,
 * Trunc, Round, Mod, Max, Min and the Inf/NaN helpers. Pow, Exp, Log, Sin
 * ... are not: Go computes them with its own algorithms (pow.go, and
 * assembly exp/log on amd64) that differ from glibc in the last bit, so
 * they wait for ports of Go's code. Where Go's special cases differ from
 * C's (Max, Min with NaN and signed zeros) they are spelled out as in Go.
 *
 * Slot convention (natives.c): results first, then parameters.
 */
#include <math.h>

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
F2(Mod, fmod(x, y))

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
static void math_NaN(G *gp, Slot *a, int n) { a[0].f = NAN; }
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
    { "math", "IsInf", math_IsInf },
};
const int nmath_natives = sizeof math_natives / sizeof math_natives[0];
