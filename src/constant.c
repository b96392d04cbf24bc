/* constant.c — exact-enough values of Go constant expressions.
 *
 * Go: go/constant (value.go: MakeFromLiteral, BinaryOp, UnaryOp, Shift,
 * Compare, String) and types2/const.go (representable, roundFloat32/64).
 *
 * Go evaluates untyped constants exactly (integers up to 512 bits, floats
 * as big rationals or 512-bit-mantissa floats). mini's documented limits are
 * smaller: integers are __int128, floats are long double (64-bit mantissa).
 * An integer result outside __int128 is gc's "constant ... overflow" error;
 * a float result that overflows long double is reported the same way.
 *
 * Invariants:
 *  - A ConstVal is immutable once made; operations return fresh values.
 *  - CV_FLOAT never holds -0, NaN or ±Inf (Go constants have none of them).
 *  - The kind of a value follows the kind of its type: a float-typed constant
 *    keeps CV_FLOAT even when integral (1.0), because gc's choice between
 *    "truncated" and "overflows" depends on it (cv_represent).
 */
#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gc.h>

#include "types.h"
#include "parser.h"

#define INT128_MAX ((__int128)(((unsigned __int128)1 << 127) - 1))
#define INT128_MIN (-INT128_MAX - 1)

static ConstVal *new_cv(CVKind kind)
{
    ConstVal *x = GC_MALLOC(sizeof *x);
    x->kind = kind;
    return x;
}

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

ConstVal *cv_int(__int128 i)
{
    ConstVal *x = new_cv(CV_INT);
    x->i = i;
    return x;
}

ConstVal *cv_float(long double f)
{
    assert(isfinite(f));
    ConstVal *x = new_cv(CV_FLOAT);
    x->f = f == 0 ? 0.0L : f;   /* no -0 */
    return x;
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

/* Go int literals: 42, 0x2A, 0o52, 052 (legacy octal), 0b101010. */
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
    if (*s == '\0')
        return NULL;
    unsigned __int128 v = 0;
    for (; *s; s++) {
        int d = digit_value(*s);
        if (d >= base)
            return NULL;
        if (v > ((unsigned __int128)INT128_MAX - (unsigned)d) / (unsigned)base)
            return NULL;   /* beyond mini's 128-bit constants */
        v = v * (unsigned)base + (unsigned)d;
    }
    return cv_int((__int128)v);
}

/* Go float literals: 1.5, .5, 1e9, 1E-3, 0x1p-2, 0x1.8p1, with '_'. strtold
   reads the same decimal and hexadecimal forms (C99). */
static ConstVal *float_literal(const char *raw)
{
    const char *s = strip_underscores(raw);
    char *end;
    errno = 0;
    long double f = strtold(s, &end);
    if (end == s || *end != '\0')
        return NULL;
    if (errno == ERANGE && isinf(f))
        return NULL;
    return cv_float(f);
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

static long double as_float(const ConstVal *x)
{
    return x->kind == CV_INT ? (long double)x->i : x->f;
}

ConstVal *cv_to_float(ConstVal *x)
{
    if (x == NULL || (x->kind != CV_INT && x->kind != CV_FLOAT))
        return NULL;
    return x->kind == CV_FLOAT ? x : cv_float((long double)x->i);
}

/* 2^127 as a long double, the first float not representable in __int128. */
static const long double two127 = 170141183460469231731687303715884105728.0L;

ConstVal *cv_to_int(ConstVal *x)
{
    if (x == NULL)
        return NULL;
    if (x->kind == CV_INT)
        return x;
    if (x->kind != CV_FLOAT || !isfinite(x->f) || x->f != truncl(x->f))
        return NULL;
    if (x->f >= two127 || x->f < -two127)
        return NULL;
    return cv_int((__int128)x->f);
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

static bool is_comparison(int op)
{
    return op == EQL || op == NEQ || op == '<' || op == LEQ || op == '>' || op == GEQ;
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
    bool numeric = (x->kind == CV_INT || x->kind == CV_FLOAT) && (y->kind == CV_INT || y->kind == CV_FLOAT);
    if (!numeric)
        return NULL;

    if (x->kind == CV_INT && y->kind == CV_INT && !(op == '/' && !integer_div)) {
        __int128 a = x->i, b = y->i, r;
        switch (op) {
        case '+':
            if (__builtin_add_overflow(a, b, &r)) return fail(err, overflow_msg(op));
            return cv_int(r);
        case '-':
            if (__builtin_sub_overflow(a, b, &r)) return fail(err, overflow_msg(op));
            return cv_int(r);
        case '*':
            if (__builtin_mul_overflow(a, b, &r)) return fail(err, overflow_msg(op));
            return cv_int(r);
        case '/':
            if (b == 0) return fail(err, "division by zero");
            if (a == INT128_MIN && b == -1) return fail(err, overflow_msg(op));
            return cv_int(a / b);   /* truncates toward zero, as Go */
        case '%':
            if (b == 0) return fail(err, "division by zero");
            if (b == -1) return cv_int(0);
            return cv_int(a % b);
        case '&':     return cv_int(a & b);
        case '|':     return cv_int(a | b);
        case '^':     return cv_int(a ^ b);
        case AND_NOT: return cv_int(a & ~b);
        default:      return NULL;
        }
    }

    long double a = as_float(x), b = as_float(y), r;
    switch (op) {
    case '+': r = a + b; break;
    case '-': r = a - b; break;
    case '*': r = a * b; break;
    case '/':
        if (b == 0) return fail(err, "division by zero");
        r = a / b;
        break;
    default:
        return NULL;
    }
    if (!isfinite(r))
        return fail(err, overflow_msg(op));
    return cv_float(r);
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
        return x->kind == CV_INT || x->kind == CV_FLOAT ? x : NULL;
    case '-':
        if (x->kind == CV_INT) {
            if (x->i == INT128_MIN)
                return fail(err, "constant overflow");
            return cv_int(-x->i);
        }
        return x->kind == CV_FLOAT ? cv_float(-x->f) : NULL;
    case '!':
        return x->kind == CV_BOOL ? cv_bool(!x->b) : NULL;
    case '^':
        if (x->kind != CV_INT)
            return NULL;
        /* On an unsigned type ^x flips the type's bits; otherwise ^x = -x-1. */
        if (t != NULL && type_is_unsigned(t)) {
            int bits = type_bits(type_underlying(t)->kind);
            __int128 mask = ((__int128)1 << bits) - 1;
            return cv_int(x->i ^ mask);
        }
        return cv_int(~x->i);
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
    __int128 a = v->i;
    if (op == SHL) {
        if (a == 0)
            return cv_int(0);
        if (s >= 127)
            return fail(err, "constant shift overflow");
        __int128 r = (__int128)((unsigned __int128)a << s);
        if ((r >> s) != a)
            return fail(err, "constant shift overflow");
        return cv_int(r);
    }
    if (op == SHR) {
        if (s >= 127)
            return cv_int(a < 0 ? -1 : 0);
        return cv_int(a >> s);   /* arithmetic: rounds toward -inf, as Go */
    }
    return NULL;
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
    } else if (x->kind == CV_INT && y->kind == CV_INT) {
        c = x->i < y->i ? -1 : x->i > y->i ? 1 : 0;
    } else {
        long double a = as_float(x), b = as_float(y);
        c = a < b ? -1 : a > b ? 1 : 0;
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

static bool int_fits(__int128 v, TypeKind k)
{
    switch (k) {
    case TY_INT8:    return v >= INT8_MIN && v <= INT8_MAX;
    case TY_INT16:   return v >= INT16_MIN && v <= INT16_MAX;
    case TY_INT32:   return v >= INT32_MIN && v <= INT32_MAX;
    case TY_INT:
    case TY_INT64:   return v >= INT64_MIN && v <= INT64_MAX;
    case TY_UINT8:   return v >= 0 && v <= UINT8_MAX;
    case TY_UINT16:  return v >= 0 && v <= UINT16_MAX;
    case TY_UINT32:  return v >= 0 && v <= UINT32_MAX;
    case TY_UINT:
    case TY_UINT64:
    case TY_UINTPTR: return v >= 0 && v <= (__int128)UINT64_MAX;
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
    bool num = x->kind == CV_INT || x->kind == CV_FLOAT;

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
        if (!num)
            return NULL;
        {
            float f = (float)as_float(x);
            return isinf(f) ? why_not(why, "overflows") : cv_float(f);
        }
    case TY_FLOAT64:
        if (!num)
            return NULL;
        {
            double f = (double)as_float(x);
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

static const char *int128_string(__int128 v)
{
    char buf[48], *p = buf + sizeof buf;
    *--p = '\0';
    unsigned __int128 u = v < 0 ? -(unsigned __int128)v : (unsigned __int128)v;
    do {
        *--p = (char)('0' + (int)(u % 10));
        u /= 10;
    } while (u != 0);
    if (v < 0)
        *--p = '-';
    return ast_strdup(p);
}

/* go/constant floatVal.String: %.6g when the value is a nonzero finite
   float64, else an approximate mantissa and decimal exponent. */
static const char *float_string(long double f)
{
    char buf[64];
    double d = (double)f;
    if (f == 0)
        return "0";
    if (d != 0 && !isinf(d)) {
        snprintf(buf, sizeof buf, "%.6g", d);
        return ast_strdup(buf);
    }
    int exp;
    double m = (double)frexpl(f, &exp);          /* 0.5 <= |m| < 1 */
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
    case CV_INT:    return int128_string(x->i);
    case CV_FLOAT:  return float_string(x->f);
    }
    return "unknown";
}

/* Floats are truncated toward zero first; values outside the target range
   (which a checked program never converts) saturate instead of being UB. */
static __int128 float_to_int128(long double f)
{
    if (!(f == f))
        return 0;
    if (f >= two127)
        return INT128_MAX;
    if (f <= -two127)
        return INT128_MIN;
    return (__int128)f;
}

int64_t cv_int64(ConstVal *x)
{
    if (x == NULL)
        return 0;
    __int128 v;
    switch (x->kind) {
    case CV_INT:   v = x->i; break;
    case CV_FLOAT: v = float_to_int128(x->f); break;
    case CV_BOOL:  return x->b;
    default:       return 0;
    }
    if (x->kind == CV_FLOAT && (v > INT64_MAX || v < INT64_MIN))
        return v > 0 ? INT64_MAX : INT64_MIN;
    return (int64_t)v;   /* CV_INT: two's complement wrap, as a typed conversion does */
}

uint64_t cv_uint64(ConstVal *x)
{
    if (x == NULL)
        return 0;
    switch (x->kind) {
    case CV_INT:   return (uint64_t)x->i;
    case CV_FLOAT: return (uint64_t)float_to_int128(x->f);
    case CV_BOOL:  return x->b;
    default:       return 0;
    }
}

double cv_float64(ConstVal *x)
{
    if (x == NULL)
        return 0;
    return x->kind == CV_INT ? (double)x->i : x->kind == CV_FLOAT ? (double)x->f : 0;
}
