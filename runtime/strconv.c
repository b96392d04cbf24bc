/* strconv.c — byte buffers, NumError text, integers and the multiprecision
 * decimal.
 *
 * Go: strconv/itoa.go, atoi.go, atob.go, decimal.go. Ported line by line;
 * Go's code is BSD-licensed (Copyright The Go Authors).
 *
 * Invariants:
 *  - StrBuf: len <= cap and p[len] == '\0' whenever p != NULL.
 *  - decimal: see strconv.h; every operation ends with trim(), so digits
 *    never end in '0' and zero is nd == 0, dp == 0.
 *  - ParseUint's loop keeps n <= maxVal: the cutoff test rejects n*base
 *    overflow before the multiply, and n1 < n catches the add wrapping.
 */
#define STRCONV_INTERNAL
#include "strconv.h"

#include "throw.h"

#include <stdlib.h>
#include <string.h>

/* ===================== StrBuf ===================== */

static void outofmemory(void) { throw("runtime: out of memory"); }

void strbuf_grow(StrBuf *b, size_t n)
{
    if (b->p != NULL && b->cap - b->len >= n)
        return;
    size_t need = b->len + n + 1;       /* + NUL */
    if (need < b->len)
        outofmemory();
    size_t cap = b->cap < 32 ? 32 : b->cap;
    while (cap < need)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (p == NULL)
        outofmemory();
    b->p = p;
    b->cap = cap - 1;                   /* room for the NUL is not counted */
    b->p[b->len] = '\0';
}

void strbuf_putc(StrBuf *b, char c)
{
    strbuf_grow(b, 1);
    b->p[b->len++] = c;
    b->p[b->len] = '\0';
}

void strbuf_write(StrBuf *b, const char *s, size_t n)
{
    strbuf_grow(b, n);
    if (n > 0)
        memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void strbuf_puts(StrBuf *b, const char *s) { strbuf_write(b, s, strlen(s)); }

void strbuf_reset(StrBuf *b)
{
    b->len = 0;
    if (b->p != NULL)
        b->p[0] = '\0';
}

void strbuf_free(StrBuf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

char *strbuf_detach(StrBuf *b)
{
    strbuf_grow(b, 0);
    char *p = b->p;
    b->p = NULL;
    b->len = b->cap = 0;
    return p;
}

/* ===================== NumError ===================== */

void NumErr_text(StrBuf *out, NumErr err, int arg)
{
    char buf[STRCONV_INTBUF];
    switch (err) {
    case NUMERR_NONE:    strbuf_puts(out, "<nil>"); break;
    case NUMERR_SYNTAX:  strbuf_puts(out, "invalid syntax"); break;
    case NUMERR_RANGE:   strbuf_puts(out, "value out of range"); break;
    case NUMERR_BASE:
        strbuf_puts(out, "invalid base ");
        strbuf_puts(out, formatBits(buf, (uint64_t)(int64_t)arg, 10, arg < 0));
        break;
    case NUMERR_BITSIZE:
        strbuf_puts(out, "invalid bit size ");
        strbuf_puts(out, formatBits(buf, (uint64_t)(int64_t)arg, 10, arg < 0));
        break;
    }
}

void NumError_Error(StrBuf *out, const char *fn, const char *num, size_t n,
                    NumErr err, int arg)
{
    strbuf_puts(out, "strconv.");
    strbuf_puts(out, fn);
    strbuf_puts(out, ": parsing ");
    AppendQuote(out, num, n);
    strbuf_puts(out, ": ");
    NumErr_text(out, err, arg);
}

/* ===================== itoa.go ===================== */

const char smallsString[201] =
    "00010203040506070809"
    "10111213141516171819"
    "20212223242526272829"
    "30313233343536373839"
    "40414243444546474849"
    "50515253545556575859"
    "60616263646566676869"
    "70717273747576777879"
    "80818283848586878889"
    "90919293949596979899";

static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";

/* Go's formatBits. u is the two's-complement bits; with neg, -u is printed
   after a '-' (so INT64_MIN works). */
char *formatBits(char a[STRCONV_INTBUF], uint64_t u, int base, bool neg)
{
    if (base < 2 || base > 36)      /* Go panics; the native package checks first */
        throw("strconv: illegal AppendInt/FormatInt base");
    int i = STRCONV_INTBUF - 1;
    a[i] = '\0';
    if (neg)
        u = -u;

    if (base == 10) {
        while (u >= 100) {
            unsigned is = (unsigned)(u % 100) * 2;
            u /= 100;
            i -= 2;
            a[i + 1] = smallsString[is + 1];
            a[i + 0] = smallsString[is + 0];
        }
        unsigned is = (unsigned)u * 2;
        a[--i] = smallsString[is + 1];
        if (u >= 10)
            a[--i] = smallsString[is];
    } else if ((base & (base - 1)) == 0) {
        unsigned shift = (unsigned)__builtin_ctz((unsigned)base) & 7;
        uint64_t m = (uint64_t)base - 1;
        while (u >= (uint64_t)base) {
            a[--i] = digits[u & m];
            u >>= shift;
        }
        a[--i] = digits[u];
    } else {
        uint64_t b = (uint64_t)base;
        while (u >= b) {
            uint64_t q = u / b;
            a[--i] = digits[u - q * b];
            u = q;
        }
        a[--i] = digits[u];
    }
    if (neg)
        a[--i] = '-';
    return a + i;
}

void AppendInt(StrBuf *dst, int64_t i, int base)
{
    char buf[STRCONV_INTBUF];
    strbuf_puts(dst, formatBits(buf, (uint64_t)i, base, i < 0));
}

void AppendUint(StrBuf *dst, uint64_t i, int base)
{
    char buf[STRCONV_INTBUF];
    strbuf_puts(dst, formatBits(buf, i, base, false));
}

char *FormatInt(int64_t i, int base)
{
    StrBuf b = {0};
    AppendInt(&b, i, base);
    return strbuf_detach(&b);
}

char *FormatUint(uint64_t i, int base)
{
    StrBuf b = {0};
    AppendUint(&b, i, base);
    return strbuf_detach(&b);
}

/* ===================== atoi.go ===================== */

#define IntSize 64      /* mini's int and uint are 64 bits, as on amd64 */

/* underscoreOK reports whether the underscores in s are allowed: only
   between digits or between a base prefix and a digit. */
bool underscoreOK(const char *s, size_t n)
{
    /* saw: '^' start of number, '0' digit or base prefix, '_' underscore,
       '!' anything else. */
    char saw = '^';
    size_t i = 0;

    if (n >= 1 && (s[0] == '-' || s[0] == '+')) {
        s++;
        n--;
    }
    bool hex = false;
    if (n >= 2 && s[0] == '0' &&
        (lower(s[1]) == 'b' || lower(s[1]) == 'o' || lower(s[1]) == 'x')) {
        i = 2;
        saw = '0';      /* base prefix counts as a digit */
        hex = lower(s[1]) == 'x';
    }
    for (; i < n; i++) {
        if (('0' <= s[i] && s[i] <= '9') ||
            (hex && 'a' <= lower(s[i]) && lower(s[i]) <= 'f')) {
            saw = '0';
            continue;
        }
        if (s[i] == '_') {
            if (saw != '0')
                return false;
            saw = '_';
            continue;
        }
        if (saw == '_')
            return false;
        saw = '!';
    }
    return saw != '_';
}

uint64_t ParseUint(const char *s, size_t n, int base, int bitSize, NumErr *err)
{
    const uint64_t maxUint64 = UINT64_MAX;
    const char *s0 = s;
    size_t n0 = n;

    *err = NUMERR_NONE;
    if (n == 0) {
        *err = NUMERR_SYNTAX;
        return 0;
    }
    bool base0 = base == 0;
    if (2 <= base && base <= 36) {
        /* valid base */
    } else if (base == 0) {
        base = 10;
        if (s[0] == '0') {
            if (n >= 3 && lower(s[1]) == 'b') {
                base = 2; s += 2; n -= 2;
            } else if (n >= 3 && lower(s[1]) == 'o') {
                base = 8; s += 2; n -= 2;
            } else if (n >= 3 && lower(s[1]) == 'x') {
                base = 16; s += 2; n -= 2;
            } else {
                base = 8; s += 1; n -= 1;
            }
        }
    } else {
        *err = NUMERR_BASE;
        return 0;
    }

    if (bitSize == 0) {
        bitSize = IntSize;
    } else if (bitSize < 0 || bitSize > 64) {
        *err = NUMERR_BITSIZE;
        return 0;
    }

    /* cutoff is the smallest number such that cutoff*base > maxUint64. */
    uint64_t cutoff = maxUint64 / (uint64_t)base + 1;
    uint64_t maxVal = bitSize == 64 ? maxUint64 : ((uint64_t)1 << bitSize) - 1;

    bool underscores = false;
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        unsigned d;
        if (c == '_' && base0) {
            underscores = true;
            continue;
        } else if ('0' <= c && c <= '9') {
            d = (unsigned)(c - '0');
        } else if ('a' <= lower(c) && lower(c) <= 'z') {
            d = (unsigned)(lower(c) - 'a' + 10);
        } else {
            *err = NUMERR_SYNTAX;
            return 0;
        }
        if (d >= (unsigned)base) {
            *err = NUMERR_SYNTAX;
            return 0;
        }
        if (v >= cutoff) {          /* v*base overflows */
            *err = NUMERR_RANGE;
            return maxVal;
        }
        v *= (uint64_t)base;
        uint64_t v1 = v + d;
        if (v1 < v || v1 > maxVal) {
            *err = NUMERR_RANGE;
            return maxVal;
        }
        v = v1;
    }
    if (underscores && !underscoreOK(s0, n0)) {
        *err = NUMERR_SYNTAX;
        return 0;
    }
    return v;
}

int64_t ParseInt(const char *s, size_t n, int base, int bitSize, NumErr *err)
{
    *err = NUMERR_NONE;
    if (n == 0) {
        *err = NUMERR_SYNTAX;
        return 0;
    }
    bool neg = false;
    if (s[0] == '+') {
        s++; n--;
    } else if (s[0] == '-') {
        neg = true;
        s++; n--;
    }
    uint64_t un = ParseUint(s, n, base, bitSize, err);
    if (*err != NUMERR_NONE && *err != NUMERR_RANGE)
        return 0;
    if (bitSize == 0)
        bitSize = IntSize;
    uint64_t cutoff = (uint64_t)1 << (bitSize - 1);
    if (!neg && un >= cutoff) {
        *err = NUMERR_RANGE;
        return (int64_t)(cutoff - 1);
    }
    if (neg && un > cutoff) {
        *err = NUMERR_RANGE;
        return (int64_t)-cutoff;
    }
    /* Go: n := int64(un); if neg { n = -n }, with wraparound; and err is
       nil here even if ParseUint clamped (bitSize 1: "-2" gives -1, nil). */
    *err = NUMERR_NONE;
    return neg ? (int64_t)-un : (int64_t)un;
}

int64_t Atoi(const char *s, size_t n, NumErr *err)
{
    *err = NUMERR_NONE;
    if (0 < n && n < 19) {
        /* Fast path for small integers that fit int type. */
        const char *p = s, *end = s + n;
        if (s[0] == '-' || s[0] == '+') {
            p++;
            if (p == end) {
                *err = NUMERR_SYNTAX;
                return 0;
            }
        }
        int64_t v = 0;
        for (; p < end; p++) {
            unsigned char ch = (unsigned char)(*p - '0');
            if (ch > 9) {
                *err = NUMERR_SYNTAX;
                return 0;
            }
            v = v * 10 + ch;
        }
        return s[0] == '-' ? -v : v;
    }
    /* Slow path for invalid, big, or underscored integers. */
    return ParseInt(s, n, 10, 0, err);
}

/* ===================== atob.go ===================== */

bool ParseBool(const char *s, size_t n, NumErr *err)
{
    static const char *const yes[] = {"1", "t", "T", "true", "TRUE", "True"};
    static const char *const no[] = {"0", "f", "F", "false", "FALSE", "False"};
    *err = NUMERR_NONE;
    for (int i = 0; i < 6; i++) {
        if (strlen(yes[i]) == n && memcmp(yes[i], s, n) == 0)
            return true;
        if (strlen(no[i]) == n && memcmp(no[i], s, n) == 0)
            return false;
    }
    *err = NUMERR_SYNTAX;
    return false;
}

const char *FormatBool(bool b) { return b ? "true" : "false"; }

/* ===================== decimal.go ===================== */

/* trim trailing zeros from number. (They are meaningless; the decimal
   point is tracked independent of the number of digits.) */
static void trim(decimal *a)
{
    while (a->nd > 0 && a->d[a->nd - 1] == '0')
        a->nd--;
    if (a->nd == 0)
        a->dp = 0;
}

void decimalAssign(decimal *a, uint64_t v)
{
    char buf[24];
    int n = 0;
    /* Write reversed decimal in buf. */
    while (v > 0) {
        uint64_t v1 = v / 10;
        v -= 10 * v1;
        buf[n++] = (char)(v + '0');
        v = v1;
    }
    /* Reverse again to produce forward decimal in a->d. */
    a->nd = 0;
    for (n--; n >= 0; n--)
        a->d[a->nd++] = buf[n];
    a->dp = a->nd;
    trim(a);
}

/* Maximum shift that we can do in one pass without overflow: a 64-bit
   accumulator must hold 9<<k. */
enum { maxShift = 64 - 4 };

/* Binary shift right (/ 2) by k bits. k <= maxShift to avoid overflow. */
static void rightShift(decimal *a, unsigned k)
{
    int r = 0;  /* read index */
    int w = 0;  /* write index */
    uint64_t n = 0;

    /* Pick up enough leading digits to cover first shift. */
    for (; n >> k == 0; r++) {
        if (r >= a->nd) {
            if (n == 0) {
                /* a == 0; shouldn't get here, but handle anyway. */
                a->nd = 0;
                return;
            }
            while (n >> k == 0) {
                n = n * 10;
                r++;
            }
            break;
        }
        uint64_t c = (uint64_t)a->d[r];
        n = n * 10 + c - '0';
    }
    a->dp -= r - 1;

    uint64_t mask = ((uint64_t)1 << k) - 1;

    /* Pick up a digit, put down a digit. */
    for (; r < a->nd; r++) {
        uint64_t c = (uint64_t)a->d[r];
        uint64_t dig = n >> k;
        n &= mask;
        a->d[w++] = (char)(dig + '0');
        n = n * 10 + c - '0';
    }

    /* Put down extra digits. */
    while (n > 0) {
        uint64_t dig = n >> k;
        n &= mask;
        if (w < (int)sizeof a->d) {
            a->d[w++] = (char)(dig + '0');
        } else if (dig > 0) {
            a->trunc = true;
        }
        n = n * 10;
    }
    a->nd = w;
    trim(a);
}

/* Cheat sheet for left shift: table indexed by shift count giving number
   of new digits that will be introduced by that shift. For example,
   leftcheats[4] = {2, "625"}: shifting by 4 (multiplying by 16) adds 2
   digits when the string prefix is "625" through "999", and one fewer
   digit if the string prefix is "000" through "624". The cutoffs are the
   digits of 5^k; delta is int(log10(2)*k+1). Credit for this trick goes to
   Ken (Thompson). */
static const struct {
    int delta;
    const char *cutoff;
} leftcheats[] = {
    {0, ""},
    {1, "5"},                                           /* * 2 */
    {1, "25"},                                          /* * 4 */
    {1, "125"},                                         /* * 8 */
    {2, "625"},                                         /* * 16 */
    {2, "3125"},                                        /* * 32 */
    {2, "15625"},                                       /* * 64 */
    {3, "78125"},                                       /* * 128 */
    {3, "390625"},                                      /* * 256 */
    {3, "1953125"},                                     /* * 512 */
    {4, "9765625"},                                     /* * 1024 */
    {4, "48828125"},                                    /* * 2048 */
    {4, "244140625"},                                   /* * 4096 */
    {4, "1220703125"},                                  /* * 8192 */
    {5, "6103515625"},                                  /* * 16384 */
    {5, "30517578125"},                                 /* * 32768 */
    {5, "152587890625"},                                /* * 65536 */
    {6, "762939453125"},                                /* * 131072 */
    {6, "3814697265625"},                               /* * 262144 */
    {6, "19073486328125"},                              /* * 524288 */
    {7, "95367431640625"},                              /* * 1048576 */
    {7, "476837158203125"},                             /* * 2097152 */
    {7, "2384185791015625"},                            /* * 4194304 */
    {7, "11920928955078125"},                           /* * 8388608 */
    {8, "59604644775390625"},                           /* * 16777216 */
    {8, "298023223876953125"},                          /* * 33554432 */
    {8, "1490116119384765625"},                         /* * 67108864 */
    {9, "7450580596923828125"},                         /* * 134217728 */
    {9, "37252902984619140625"},                        /* * 268435456 */
    {9, "186264514923095703125"},                       /* * 536870912 */
    {10, "931322574615478515625"},                      /* * 1073741824 */
    {10, "4656612873077392578125"},                     /* * 2147483648 */
    {10, "23283064365386962890625"},                    /* * 4294967296 */
    {10, "116415321826934814453125"},                   /* * 8589934592 */
    {11, "582076609134674072265625"},                   /* * 17179869184 */
    {11, "2910383045673370361328125"},                  /* * 34359738368 */
    {11, "14551915228366851806640625"},                 /* * 68719476736 */
    {12, "72759576141834259033203125"},                 /* * 137438953472 */
    {12, "363797880709171295166015625"},                /* * 274877906944 */
    {12, "1818989403545856475830078125"},               /* * 549755813888 */
    {13, "9094947017729282379150390625"},               /* * 1099511627776 */
    {13, "45474735088646411895751953125"},              /* * 2199023255552 */
    {13, "227373675443232059478759765625"},             /* * 4398046511104 */
    {13, "1136868377216160297393798828125"},            /* * 8796093022208 */
    {14, "5684341886080801486968994140625"},            /* * 17592186044416 */
    {14, "28421709430404007434844970703125"},           /* * 35184372088832 */
    {14, "142108547152020037174224853515625"},          /* * 70368744177664 */
    {15, "710542735760100185871124267578125"},          /* * 140737488355328 */
    {15, "3552713678800500929355621337890625"},         /* * 281474976710656 */
    {15, "17763568394002504646778106689453125"},        /* * 562949953421312 */
    {16, "88817841970012523233890533447265625"},        /* * 1125899906842624 */
    {16, "444089209850062616169452667236328125"},       /* * 2251799813685248 */
    {16, "2220446049250313080847263336181640625"},      /* * 4503599627370496 */
    {16, "11102230246251565404236316680908203125"},     /* * 9007199254740992 */
    {17, "55511151231257827021181583404541015625"},     /* * 18014398509481984 */
    {17, "277555756156289135105907917022705078125"},    /* * 36028797018963968 */
    {17, "1387778780781445675529539585113525390625"},   /* * 72057594037927936 */
    {18, "6938893903907228377647697925567626953125"},   /* * 144115188075855872 */
    {18, "34694469519536141888238489627838134765625"},  /* * 288230376151711744 */
    {18, "173472347597680709441192448139190673828125"}, /* * 576460752303423488 */
    {19, "867361737988403547205962240695953369140625"}, /* * 1152921504606846976 */
};

/* Is the leading prefix of b[0..nb) lexicographically less than s? */
static bool prefixIsLessThan(const char *b, int nb, const char *s)
{
    for (int i = 0; s[i] != '\0'; i++) {
        if (i >= nb)
            return true;
        if (b[i] != s[i])
            return b[i] < s[i];
    }
    return false;
}

/* Binary shift left (* 2) by k bits. k <= maxShift to avoid overflow. */
static void leftShift(decimal *a, unsigned k)
{
    int delta = leftcheats[k].delta;
    if (prefixIsLessThan(a->d, a->nd, leftcheats[k].cutoff))
        delta--;

    int r = a->nd;          /* read index */
    int w = a->nd + delta;  /* write index */
    uint64_t n = 0;

    /* Pick up a digit, put down a digit. */
    for (r--; r >= 0; r--) {
        n += ((uint64_t)a->d[r] - '0') << k;
        uint64_t quo = n / 10;
        uint64_t rem = n - 10 * quo;
        w--;
        if (w < (int)sizeof a->d) {
            a->d[w] = (char)(rem + '0');
        } else if (rem != 0) {
            a->trunc = true;
        }
        n = quo;
    }

    /* Put down extra digits. */
    while (n > 0) {
        uint64_t quo = n / 10;
        uint64_t rem = n - 10 * quo;
        w--;
        if (w < (int)sizeof a->d) {
            a->d[w] = (char)(rem + '0');
        } else if (rem != 0) {
            a->trunc = true;
        }
        n = quo;
    }

    a->nd += delta;
    if (a->nd >= (int)sizeof a->d)
        a->nd = (int)sizeof a->d;
    a->dp += delta;
    trim(a);
}

void decimalShift(decimal *a, int k)
{
    if (a->nd == 0) {
        /* nothing to do: a == 0 */
    } else if (k > 0) {
        while (k > maxShift) {
            leftShift(a, maxShift);
            k -= maxShift;
        }
        leftShift(a, (unsigned)k);
    } else if (k < 0) {
        while (k < -maxShift) {
            rightShift(a, maxShift);
            k += maxShift;
        }
        rightShift(a, (unsigned)-k);
    }
}

/* If we chop a at nd digits, should we round up? */
static bool shouldRoundUp(const decimal *a, int nd)
{
    if (nd < 0 || nd >= a->nd)
        return false;
    if (a->d[nd] == '5' && nd + 1 == a->nd) {   /* exactly halfway - round to even */
        /* if we truncated, a little higher than what's recorded - always round up */
        if (a->trunc)
            return true;
        return nd > 0 && (a->d[nd - 1] - '0') % 2 != 0;
    }
    /* not halfway - digit tells all */
    return a->d[nd] >= '5';
}

/* Round a to nd digits (or fewer). If nd is zero, it means we're rounding
   just to the left of the digits, as in 0.09 -> 0.1. */
void decimalRound(decimal *a, int nd)
{
    if (nd < 0 || nd >= a->nd)
        return;
    if (shouldRoundUp(a, nd))
        decimalRoundUp(a, nd);
    else
        decimalRoundDown(a, nd);
}

void decimalRoundDown(decimal *a, int nd)
{
    if (nd < 0 || nd >= a->nd)
        return;
    a->nd = nd;
    trim(a);
}

void decimalRoundUp(decimal *a, int nd)
{
    if (nd < 0 || nd >= a->nd)
        return;
    for (int i = nd - 1; i >= 0; i--) {
        if (a->d[i] < '9') {    /* can stop after this digit */
            a->d[i]++;
            a->nd = i + 1;
            return;
        }
    }
    /* Number is all 9s. Change to single 1 with adjusted decimal point. */
    a->d[0] = '1';
    a->nd = 1;
    a->dp++;
}

/* Extract integer part, rounded appropriately. No guarantees about
   overflow. */
uint64_t decimalRoundedInteger(const decimal *a)
{
    if (a->dp > 20)
        return UINT64_MAX;
    int i;
    uint64_t n = 0;
    for (i = 0; i < a->dp && i < a->nd; i++)
        n = n * 10 + (uint64_t)(a->d[i] - '0');
    for (; i < a->dp; i++)
        n *= 10;
    if (shouldRoundUp(a, a->dp))
        n++;
    return n;
}
