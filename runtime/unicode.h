/* unicode.h — Go's unicode and unicode/utf8 packages, for the native
 * `unicode` and `utf8` packages and for the lexer (a Go identifier is
 * letters per unicode_IsLetter and digits per unicode_IsDigit).
 *
 * Go: unicode/letter.go, unicode/graphic.go, unicode/digit.go,
 * unicode/tables.go, unicode/utf8/utf8.go. Every function answers exactly
 * as Go 1.19's does (Unicode 13.0.0) for every int32, including negative
 * runes and runes above MaxRune: the Latin-1 fast paths and the range
 * tables are Go's own.
 *
 * The files:
 *   unicode.c          the functions, ported from Go line by line
 *   unicode_tables.c   the tables, GENERATED from Go's unicode package by
 *                          go run tools/gen_unicode/main.go > runtime/unicode_tables.c
 *                      (run from the repository root with Go 1.19; the
 *                      output is committed, so building mini needs no Go).
 *                      tests/unit/test_unicode.c checks every code point
 *                      against hashes the same generator writes (-test).
 *
 * Conventions:
 *  - Names are Go's with a unicode_ or utf8_ prefix: unicode.IsLetter is
 *    unicode_IsLetter, utf8.DecodeRune is utf8_DecodeRune, utf8.RuneError
 *    is utf8_RuneError. Go's string variants (DecodeRuneInString, …) are
 *    the same functions: byte input is always (pointer, length), and may
 *    hold NUL bytes.
 *  - Nothing allocates or keeps state; every function is thread-safe.
 */
#ifndef MINI_UNICODE_H
#define MINI_UNICODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ===================== unicode ===================== */

enum {
    unicode_MaxRune = 0x10FFFF,          /* maximum valid Unicode code point */
    unicode_ReplacementChar = 0xFFFD,    /* represents invalid code points */
    unicode_MaxASCII = 0x7F,
    unicode_MaxLatin1 = 0xFF,
};

/* Go: unicode.Range16, Range32, RangeTable. A table is a set of code points
 * as sorted, non-overlapping ranges Lo..Hi (inclusive) of every Stride-th
 * rune. R16 holds the ranges below 0x10000, R32 the rest; the first
 * LatinOffset entries of R16 have Hi <= MaxLatin1. */
typedef struct unicode_Range16 { uint16_t Lo, Hi, Stride; } unicode_Range16;
typedef struct unicode_Range32 { uint32_t Lo, Hi, Stride; } unicode_Range32;
typedef struct unicode_RangeTable {
    const unicode_Range16 *R16;
    size_t nR16;
    const unicode_Range32 *R32;
    size_t nR32;
    size_t LatinOffset;
} unicode_RangeTable;

/* The tables, named as Go's exported variables (unicode_tables.c). */
extern const unicode_RangeTable unicode_Letter;      /* L */
extern const unicode_RangeTable unicode_Upper;       /* Lu */
extern const unicode_RangeTable unicode_Lower;       /* Ll */
extern const unicode_RangeTable unicode_Title;       /* Lt */
extern const unicode_RangeTable unicode_Mark;        /* M */
extern const unicode_RangeTable unicode_Number;      /* N */
extern const unicode_RangeTable unicode_Digit;       /* Nd */
extern const unicode_RangeTable unicode_Punct;       /* P */
extern const unicode_RangeTable unicode_Symbol;      /* S */
extern const unicode_RangeTable unicode_Zs;
extern const unicode_RangeTable unicode_Cc;
extern const unicode_RangeTable unicode_White_Space;

/* unicode.Is: whether r is in tab. unicode.In: in any of the n tables. */
bool unicode_Is(const unicode_RangeTable *tab, int32_t r);
bool unicode_In(int32_t r, const unicode_RangeTable *const *tabs, size_t n);

/* The predicates (graphic.go, letter.go, digit.go). */
bool unicode_IsLetter(int32_t r);   /* L */
bool unicode_IsDigit(int32_t r);    /* Nd */
bool unicode_IsNumber(int32_t r);   /* N */
bool unicode_IsSpace(int32_t r);    /* '\t' '\n' '\v' '\f' '\r' ' ' U+0085 U+00A0, White_Space */
bool unicode_IsUpper(int32_t r);    /* Lu */
bool unicode_IsLower(int32_t r);    /* Ll */
bool unicode_IsTitle(int32_t r);    /* Lt */
bool unicode_IsPunct(int32_t r);    /* P */
bool unicode_IsControl(int32_t r);  /* C0, DEL, C1: false above U+00FF, as Go */
bool unicode_IsGraphic(int32_t r);  /* L M N P S Zs */
bool unicode_IsPrint(int32_t r);    /* L M N P S and U+0020 */
bool unicode_IsMark(int32_t r);     /* M */
bool unicode_IsSymbol(int32_t r);   /* S */

/* Go: unicode.CaseRange. Delta[UpperCase/LowerCase/TitleCase] is added to
 * a rune in Lo..Hi to map it; a delta of UpperLower means the range
 * alternates upper case, lower case, upper case, … from Lo. */
enum { unicode_UpperCase, unicode_LowerCase, unicode_TitleCase, unicode_MaxCase };
enum { unicode_UpperLower = unicode_MaxRune + 1 };
typedef struct unicode_CaseRange {
    uint32_t Lo, Hi;
    int32_t Delta[unicode_MaxCase];
} unicode_CaseRange;
extern const unicode_CaseRange unicode_CaseRanges[];
extern const size_t unicode_nCaseRanges;

/* The case mappings (letter.go). unicode_To maps r to case _case
 * (unicode_UpperCase, …); out-of-range _case gives ReplacementChar. Runes
 * without a mapping are returned unchanged. */
int32_t unicode_To(int _case, int32_t r);
int32_t unicode_ToUpper(int32_t r);
int32_t unicode_ToLower(int32_t r);
int32_t unicode_ToTitle(int32_t r);
/* The next rune after r in r's case-folding orbit (K → k → U+212A KELVIN
 * SIGN → K), or r itself if it has none; invalid runes map to themselves.
 * strings.EqualFold is built on this. */
int32_t unicode_SimpleFold(int32_t r);

/* ===================== unicode/utf8 ===================== */

enum {
    utf8_RuneError = 0xFFFD,    /* the "error" rune or "Unicode replacement character" */
    utf8_RuneSelf = 0x80,       /* below this, a rune is its own single byte */
    utf8_MaxRune = 0x10FFFF,
    utf8_UTFMax = 4,            /* maximum number of bytes of an encoded rune */
};

/* The first rune in p[0..n) and its width in bytes. Empty input gives
 * (RuneError, 0); an invalid encoding (a bad leading or continuation byte,
 * an overlong form, a surrogate, a rune above MaxRune, or a sequence cut
 * short) gives (RuneError, 1). size may not be NULL. */
int32_t utf8_DecodeRune(const uint8_t *p, size_t n, int *size);
/* The last rune in p[0..n) and its width, with the same error results. */
int32_t utf8_DecodeLastRune(const uint8_t *p, size_t n, int *size);
/* Writes the UTF-8 of r (RuneError's if r is not a valid rune) into p and
 * returns the number of bytes written, 1..4. */
int utf8_EncodeRune(uint8_t p[utf8_UTFMax], int32_t r);
/* The number of bytes EncodeRune writes for r, or -1 if r is not valid. */
int utf8_RuneLen(int32_t r);
/* The number of runes in p[0..n); each invalid byte counts as one. */
size_t utf8_RuneCount(const uint8_t *p, size_t n);
/* Whether p[0..n) is entirely valid UTF-8. */
bool utf8_Valid(const uint8_t *p, size_t n);
/* Whether p[0..n) begins with a full encoding of a rune. An invalid
 * encoding counts as a full rune: it decodes as a width-1 error rune. */
bool utf8_FullRune(const uint8_t *p, size_t n);

/* Whether r is a Unicode scalar value: 0..MaxRune minus the surrogates. */
static inline bool utf8_ValidRune(int32_t r)
{
    return (0 <= r && r < 0xD800) || (0xDFFF < r && r <= utf8_MaxRune);
}

/* Whether b can start an encoded rune (it is not a continuation byte). */
static inline bool utf8_RuneStart(uint8_t b) { return (b & 0xC0) != 0x80; }

/* ---- Internal to runtime/unicode.c and unicode_tables.c ---- */
#ifdef UNICODE_INTERNAL

enum { MaxLatin1 = unicode_MaxLatin1, MaxASCII = unicode_MaxASCII,
       MaxRune = unicode_MaxRune, UpperLower = unicode_UpperLower };

/* Go: graphic.go's bits of properties[]. A letter that is neither upper
 * nor lower case (Lo, Lm) has both pLu and pLl; pg (graphic) is pp or pZ. */
enum {
    pC = 1 << 0,        /* a control character */
    pP = 1 << 1,        /* a punctuation character */
    pN = 1 << 2,        /* a numeral */
    pS = 1 << 3,        /* a symbolic character */
    pZ = 1 << 4,        /* a spacing character */
    pLu = 1 << 5,       /* an upper-case letter */
    pLl = 1 << 6,       /* a lower-case letter */
    pp = 1 << 7,        /* a printable character according to Go's definition */
    pg = pp | pZ,       /* a graphical character according to the Unicode definition */
    pLo = pLl | pLu,    /* a letter that is neither upper nor lower case */
    pLmask = pLo,
};
extern const uint8_t unicode_properties[MaxLatin1 + 1];

/* Go: tables.go foldPair, asciiFold, caseOrbit (SimpleFold's exceptions;
 * caseOrbit is sorted by From). */
typedef struct unicode_foldPair { uint16_t From, To; } unicode_foldPair;
extern const uint16_t unicode_asciiFold[MaxASCII + 1];
extern const unicode_foldPair unicode_caseOrbit[];
extern const size_t unicode_ncaseOrbit;

#endif /* UNICODE_INTERNAL */

#endif
