/* strconv.h — number and string conversions for the native strconv and fmt
 * packages and for builtin println.
 *
 * Go: strconv (ftoa.go, ftoaryu.go, atof.go, eisel_lemire.go, decimal.go,
 * atoi.go, itoa.go, atob.go, quote.go, isprint.go), fmt/format.go
 * (fmtFloat, pad) and runtime/print.go (printfloat). Functions mirrored from
 * Go keep Go's exported names, so one grep works in both trees.
 *
 * The files:
 *   strconv.c  StrBuf, NumError text, itoa.go, atoi.go, atob.go, decimal.go
 *   ftoa.c     ftoa.go + ftoaryu.go, then fmt's float verbs and printfloat
 *   atof.c     atof.go + eisel_lemire.go, and the table of powers of ten
 *   quote.c    quote.go + isprint.go (Go's exact Unicode print tables)
 *
 * Conventions:
 *  - Go strings may hold NUL bytes, so string inputs are (pointer, length).
 *  - Append* appends to a StrBuf, as Go's Append* appends to a []byte.
 *  - Format* and Quote* return a NUL-terminated string from malloc that the
 *    caller frees. Their output never holds a NUL byte (Quote escapes it).
 *  - Parse* report failure through a NumErr; the value returned alongside
 *    is Go's (0 for syntax errors, the clamped bound or ±Inf for range).
 *  - Nothing here depends on the C locale, allocates with the collector, or
 *    keeps state between calls (the power-of-ten table is filled once by a
 *    constructor before main), so every function is thread-safe (except the
 *    testing hook strconv_SetOptimize).
 *  - Out of memory and misuse Go would panic on (a bitSize other than 32
 *    or 64 for floats, a base outside 2..36 for AppendInt) are fatal:
 *    throw() (throw.h). The native packages check arguments first.
 */
#ifndef MINI_STRCONV_H
#define MINI_STRCONV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- StrBuf: a growable byte buffer (Go's []byte for Append*) ----
 *
 * Invariants: len <= cap; when p != NULL, p[len] == '\0' (so p can be used
 * as a C string when the bytes hold no NUL). The zero value is empty and
 * ready to use; strbuf_free releases it. Reuse one buffer (strbuf_reset)
 * to avoid an allocation per conversion. */
typedef struct StrBuf {
    char *p;
    size_t len, cap;
} StrBuf;

void strbuf_grow(StrBuf *b, size_t n);          /* room for n more bytes */
void strbuf_putc(StrBuf *b, char c);
void strbuf_write(StrBuf *b, const char *s, size_t n);
void strbuf_puts(StrBuf *b, const char *s);
void strbuf_reset(StrBuf *b);
void strbuf_free(StrBuf *b);
/* Give the bytes away as a malloc'd NUL-terminated string; b becomes empty. */
char *strbuf_detach(StrBuf *b);

/* ---- Errors (Go: atoi.go NumError, ErrSyntax, ErrRange) ---- */
typedef enum NumErr {
    NUMERR_NONE = 0,
    NUMERR_SYNTAX,      /* "invalid syntax" (ErrSyntax) */
    NUMERR_RANGE,       /* "value out of range" (ErrRange) */
    NUMERR_BASE,        /* "invalid base N": N is the base argument */
    NUMERR_BITSIZE,     /* "invalid bit size N": N is the bitSize argument */
} NumErr;

/* err's message alone, as err.Err.Error() in Go: "invalid syntax",
   "value out of range", "invalid base 1", "invalid bit size 65"; arg is the
   base or bitSize for the last two. */
void NumErr_text(StrBuf *out, NumErr err, int arg);
/* *NumError's Error(): strconv.<fn>: parsing "<quoted num>": <err text>.
   fn is "Atoi", "ParseInt", "ParseUint", "ParseFloat" or "ParseBool". */
void NumError_Error(StrBuf *out, const char *fn, const char *num, size_t n,
                    NumErr err, int arg);

/* ---- itoa.go ---- bases 2..36; anything else is an internal error. */
void AppendInt(StrBuf *dst, int64_t i, int base);
void AppendUint(StrBuf *dst, uint64_t i, int base);
char *FormatInt(int64_t i, int base);
char *FormatUint(uint64_t i, int base);
/* Allocation-free form: writes the digits (and '-') at the end of buf,
   NUL-terminated, and returns where they start. */
#define STRCONV_INTBUF 66
char *formatBits(char buf[STRCONV_INTBUF], uint64_t u, int base, bool neg);

/* ---- atoi.go ----
 * s, n: the Go string. base 0 (prefixes 0b 0o 0x 0, underscores) or 2..36;
 * bitSize 0 (int, 64 bits in mini) or 1..64. On NUMERR_RANGE the result is
 * the bound of the bitSize with s's sign, as in Go; on other errors 0. */
uint64_t ParseUint(const char *s, size_t n, int base, int bitSize, NumErr *err);
int64_t ParseInt(const char *s, size_t n, int base, int bitSize, NumErr *err);
int64_t Atoi(const char *s, size_t n, NumErr *err);       /* ParseInt(s, 10, 0) */

/* ---- atob.go ---- */
bool ParseBool(const char *s, size_t n, NumErr *err);
const char *FormatBool(bool b);                           /* static string */

/* ---- ftoa.go ----
 * fmt: 'e' 'E' 'f' 'g' 'G' 'b' 'x' 'X' (anything else gives "%c", as Go).
 * prec -1 is the shortest string that ParseFloat(…, bitSize) reads back
 * exactly. bitSize 32 rounds f to float32 first; only 32 and 64 are valid.
 * Shortest 'g' and 'e' output is at most 24 bytes
 * ("-2.2250738585072014e-308"); 'f' and explicit precisions are unbounded. */
void AppendFloat(StrBuf *dst, double f, char fmt, int prec, int bitSize);
char *FormatFloat(double f, char fmt, int prec, int bitSize);

/* ---- atof.go ----
 * Go's syntax: optional sign, decimal or 0x hex mantissa (hex needs a p
 * exponent), optional exponent, '_' between digits, "inf", "infinity",
 * "nan" in any case (a sign before inf only). Underflow gives ±0 without
 * error; overflow gives ±Inf and NUMERR_RANGE. bitSize 32 rounds to the
 * nearest float32 (returned as a double that converts to it exactly). */
double ParseFloat(const char *s, size_t n, int bitSize, NumErr *err);

/* ---- quote.go ----
 * Go's escaping: \a \b \f \n \r \t \v \\ and the quote; invalid UTF-8 bytes
 * as \xNN; runes that are not IsPrint as \xNN (< ' ' and DEL), \uNNNN or
 * \UNNNNNNNN. IsPrint/IsGraphic use Go 1.19's own tables (Unicode 13). */
char *Quote(const char *s, size_t n);
char *QuoteToASCII(const char *s, size_t n);
char *QuoteToGraphic(const char *s, size_t n);
char *QuoteRune(int32_t r);
char *QuoteRuneToASCII(int32_t r);
char *QuoteRuneToGraphic(int32_t r);
void AppendQuote(StrBuf *dst, const char *s, size_t n);
void AppendQuoteToASCII(StrBuf *dst, const char *s, size_t n);
void AppendQuoteRune(StrBuf *dst, int32_t r);
void AppendQuoteRuneToASCII(StrBuf *dst, int32_t r);
bool CanBackquote(const char *s, size_t n);
bool IsPrint(int32_t r);
bool IsGraphic(int32_t r);
/* Unquote: s is a "…", `…` or '…' literal; appends its value to out and
   returns true, or returns false (Go's ErrSyntax, "invalid syntax") with
   out unchanged. */
bool Unquote(StrBuf *out, const char *s, size_t n);
/* UnquoteChar decodes the first character of s (n > 0 needed); *tail is
   how many bytes it used. False is ErrSyntax. */
bool UnquoteChar(const char *s, size_t n, char quote, int32_t *value,
                 bool *multibyte, size_t *tail);
/* QuotedPrefix: the length of the quoted literal s starts with, or -1. */
ptrdiff_t QuotedPrefix(const char *s, size_t n);

/* utf8.DecodeRuneInString: the rune at s[0..n) and its width; an invalid
   or empty sequence gives (U+FFFD, 1) or (U+FFFD, 0) for n == 0. */
int32_t strconv_decoderune(const char *s, size_t n, int *width);
/* utf8.EncodeRune into p[4]; invalid runes encode U+FFFD. Returns width. */
int strconv_encoderune(char p[4], int32_t r);
/* utf8.RuneCount. */
size_t strconv_runecount(const char *s, size_t n);

/* ---- fmt's float verbs (Go: fmt/print.go pp.fmtFloat, format.go) ---- */

/* Go's fmt.fmtFlags plus width and precision, as parsed from a verb.
 * Parse them as doPrintf does: '-' sets minus and clears zero, '0' sets
 * zero = !minus (no zero padding on the right), and for %v the + and #
 * flags move to plusV and sharpV (fmt_float does that itself for 'v'). */
typedef struct FmtFlags {
    bool widPresent, precPresent;
    bool minus, plus, sharp, space, zero;
    bool plusV, sharpV;     /* %+v, %#v; plus/sharp are then cleared, as Go */
    int wid, prec;
} FmtFlags;

/* Append float v (of Go type float32 when size == 32, else float64) as the
 * fmt verb does (pp.fmtFloat then fmt.fmtFloat). 'v' is strconv's shortest
 * 'g': exponent form iff the decimal exponent is < -4 or >= 6, so 1e+06,
 * 123456, 1e-05, 0.0001. 'e' 'E' 'f' 'F' default to precision 6; 'g' 'G'
 * 'b' 'x' 'X' to shortest. Flags: '+' and ' ' for the sign, '#' keeps the
 * point and trailing zeros, '0' pads after the sign (never Inf/NaN), '-'
 * pads on the right. f may be NULL (no flags, no width, no precision).
 * Returns false, appending nothing, for any other verb: the caller then
 * prints Go's %!verb(float64=…). */
bool fmt_float(StrBuf *out, double v, int size, char verb, const FmtFlags *f);
/* fmt.pad: append s padded with spaces (or '0's when f->zero) to width
   f->wid, counted in runes, on the left or, with f->minus, on the right. */
void fmt_pad(StrBuf *out, const char *s, size_t n, const FmtFlags *f);
/* fmt.writePadding: n pad bytes ('0' if f->zero else ' '); n <= 0: none. */
void fmt_writePadding(StrBuf *out, int n, const FmtFlags *f);

/* ---- builtin println (Go: runtime/print.go printfloat) ----
 * Writes v as +d.dddddde±ddd ("+2.500000e+000"), "NaN", "+Inf" or "-Inf"
 * into buf, NUL-terminated, and returns the length (at most 14). float32
 * arguments are converted to double first, as Go's println does. */
#define PRINTFLOAT_BUF 15
int runtime_printfloat(char buf[PRINTFLOAT_BUF], double v);

/* ---- testing hooks (Go: export_test.go SetOptimize) ----
 * false forces the multiprecision decimal paths (no Ryu, no Eisel-Lemire,
 * no float fast path); both must give identical results. Returns the old
 * setting. Not for use while other threads convert. */
bool strconv_SetOptimize(bool on);

/* ---- Internal to runtime/{strconv,ftoa,atof,quote}.c ---- */
#ifdef STRCONV_INTERNAL

/* Go: decimal.go. A multiprecision decimal for the slow, exact paths.
 * Invariants: d[0..nd) are ASCII digits with d[0] != '0' and
 * d[nd-1] != '0' (trim), the value is 0.d[0..nd) * 10^dp, nd == 0 means
 * zero (then dp == 0 after trim), and trunc records nonzero digits dropped
 * beyond the 800 kept. */
typedef struct decimal {
    char d[800];
    int nd, dp;
    bool neg, trunc;
} decimal;

void decimalAssign(decimal *a, uint64_t v);
void decimalShift(decimal *a, int k);           /* a * 2^k */
void decimalRound(decimal *a, int nd);          /* to nd digits, half even */
void decimalRoundDown(decimal *a, int nd);
void decimalRoundUp(decimal *a, int nd);
uint64_t decimalRoundedInteger(const decimal *a);

/* Go: ftoa.go floatInfo. */
typedef struct floatInfo {
    unsigned mantbits, expbits;
    int bias;
} floatInfo;
extern const floatInfo float32info, float64info;

/* Go: eisel_lemire.go. detailedPowersOfTen[i] is 10^(i-348) normalized to a
 * 128-bit mantissa and rounded down: {low 64 bits, high 64 bits}. Filled
 * before main by atof.c (computed, not listed: see there). */
#define detailedPowersOfTenMinExp10 (-348)
#define detailedPowersOfTenMaxExp10 347
extern uint64_t detailedPowersOfTen[696][2];

/* Go: atoi.go underscoreOK, shared with atof.c. */
bool underscoreOK(const char *s, size_t n);

extern bool strconv_optimize;                   /* Go: atof.go optimize */
extern const char smallsString[201];            /* "000102…99" */
extern const char lowerhex[17], upperhex[17];

static inline char lower(char c) { return (char)(c | ('x' - 'X')); }

#endif /* STRCONV_INTERNAL */

#endif
