/* unicode.c — Go's unicode and unicode/utf8 packages.
 *
 * Go: unicode/letter.go (Is, In, To, SimpleFold), unicode/graphic.go and
 * unicode/digit.go (the Is* predicates), unicode/tables.go (the data, in
 * unicode_tables.c), unicode/utf8/utf8.go. Ported line by line; Go's code
 * is BSD-licensed (Copyright The Go Authors).
 *
 * Go answers Latin-1 questions from a 256-byte table of property bits
 * (properties, graphic.go) and everything else by searching the range
 * tables, skipping their Latin-1 prefix (isExcludingLatin). mini does the
 * same, so that even where Unicode data and Go disagree in a corner (Go's
 * IsControl is false above U+00FF; IsPrint counts U+0020 but no other
 * space) the answers are Go's.
 *
 * Invariants (checked by tests/unit/test_unicode.c over every code point):
 *  - Each table's R16 and R32 ranges are sorted, disjoint, have Lo <= Hi
 *    and Stride >= 1; the first LatinOffset R16 ranges end at or below
 *    MaxLatin1, the rest end above it.
 *  - CaseRanges and caseOrbit are sorted by Lo / From.
 *  - utf8_DecodeRune returns a size of 0 only for empty input, 1 for every
 *    error, and a rune r != RuneError exactly when the bytes are the
 *    shortest encoding of r; EncodeRune and DecodeRune are inverse on
 *    every valid rune.
 */
#define UNICODE_INTERNAL
#include "unicode.h"

/* ===================== letter.go: range tables ===================== */

/* Go: linearMax. Tables this short, and Latin-1 runes, are searched
 * linearly; the answer is the same either way. */
enum { linearMax = 18 };

static bool is16(const unicode_Range16 *ranges, size_t n, uint16_t r)
{
    if (n <= linearMax || r <= MaxLatin1) {
        for (size_t i = 0; i < n; i++) {
            const unicode_Range16 *range_ = &ranges[i];
            if (r < range_->Lo)
                return false;
            if (r <= range_->Hi)
                return range_->Stride == 1 || (r - range_->Lo) % range_->Stride == 0;
        }
        return false;
    }
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t m = lo + (hi - lo) / 2;
        const unicode_Range16 *range_ = &ranges[m];
        if (range_->Lo <= r && r <= range_->Hi)
            return range_->Stride == 1 || (r - range_->Lo) % range_->Stride == 0;
        if (r < range_->Lo)
            hi = m;
        else
            lo = m + 1;
    }
    return false;
}

static bool is32(const unicode_Range32 *ranges, size_t n, uint32_t r)
{
    if (n <= linearMax) {
        for (size_t i = 0; i < n; i++) {
            const unicode_Range32 *range_ = &ranges[i];
            if (r < range_->Lo)
                return false;
            if (r <= range_->Hi)
                return range_->Stride == 1 || (r - range_->Lo) % range_->Stride == 0;
        }
        return false;
    }
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t m = lo + (hi - lo) / 2;
        const unicode_Range32 *range_ = &ranges[m];
        if (range_->Lo <= r && r <= range_->Hi)
            return range_->Stride == 1 || (r - range_->Lo) % range_->Stride == 0;
        if (r < range_->Lo)
            hi = m;
        else
            lo = m + 1;
    }
    return false;
}

bool unicode_Is(const unicode_RangeTable *rangeTab, int32_t r)
{
    size_t n16 = rangeTab->nR16;
    /* Compare as uint32 to correctly handle negative runes. */
    if (n16 > 0 && (uint32_t)r <= rangeTab->R16[n16 - 1].Hi)
        return is16(rangeTab->R16, n16, (uint16_t)r);
    if (rangeTab->nR32 > 0 && r >= (int32_t)rangeTab->R32[0].Lo)
        return is32(rangeTab->R32, rangeTab->nR32, (uint32_t)r);
    return false;
}

/* Is, for runes the caller has already answered for if they are Latin-1:
 * skips the table's Latin-1 ranges. */
static bool isExcludingLatin(const unicode_RangeTable *rangeTab, int32_t r)
{
    size_t n16 = rangeTab->nR16, off = rangeTab->LatinOffset;
    if (n16 > off && (uint32_t)r <= rangeTab->R16[n16 - 1].Hi)
        return is16(rangeTab->R16 + off, n16 - off, (uint16_t)r);
    if (rangeTab->nR32 > 0 && r >= (int32_t)rangeTab->R32[0].Lo)
        return is32(rangeTab->R32, rangeTab->nR32, (uint32_t)r);
    return false;
}

bool unicode_In(int32_t r, const unicode_RangeTable *const *ranges, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (unicode_Is(ranges[i], r))
            return true;
    return false;
}

/* ===================== graphic.go, digit.go: predicates ===================== */

/* Go: GraphicRanges and PrintRanges. */
static const unicode_RangeTable *const GraphicRanges[] = {
    &unicode_Letter, &unicode_Mark, &unicode_Number, &unicode_Punct, &unicode_Symbol, &unicode_Zs,
};
static const unicode_RangeTable *const PrintRanges[] = {
    &unicode_Letter, &unicode_Mark, &unicode_Number, &unicode_Punct, &unicode_Symbol,
};

bool unicode_IsLetter(int32_t r)
{
    if ((uint32_t)r <= MaxLatin1)
        return (unicode_properties[(uint8_t)r] & pLmask) != 0;
    return isExcludingLatin(&unicode_Letter, r);
}

bool unicode_IsDigit(int32_t r)
{
    if (r <= MaxLatin1)
        return '0' <= r && r <= '9';
    return isExcludingLatin(&unicode_Digit, r);
}

bool unicode_IsNumber(int32_t r)
{
    if ((uint32_t)r <= MaxLatin1)
        return (unicode_properties[(uint8_t)r] & pN) != 0;
    return isExcludingLatin(&unicode_Number, r);
}

bool unicode_IsSpace(int32_t r)
{
    /* This property isn't the same as Z; special-case it. */
    if ((uint32_t)r <= MaxLatin1) {
        switch (r) {
        case '\t': case '\n': case '\v': case '\f': case '\r': case ' ': case 0x85: case 0xA0:
            return true;
        }
        return false;
    }
    return isExcludingLatin(&unicode_White_Space, r);
}

bool unicode_IsUpper(int32_t r)
{
    if ((uint32_t)r <= MaxLatin1)
        return (unicode_properties[(uint8_t)r] & pLmask) == pLu;
    return isExcludingLatin(&unicode_Upper, r);
}

bool unicode_IsLower(int32_t r)
{
    if ((uint32_t)r <= MaxLatin1)
        return (unicode_properties[(uint8_t)r] & pLmask) == pLl;
    return isExcludingLatin(&unicode_Lower, r);
}

bool unicode_IsTitle(int32_t r)
{
    if (r <= MaxLatin1)
        return false;
    return isExcludingLatin(&unicode_Title, r);
}

bool unicode_IsPunct(int32_t r)
{
    if ((uint32_t)r <= MaxLatin1)
        return (unicode_properties[(uint8_t)r] & pP) != 0;
    return unicode_Is(&unicode_Punct, r);
}

bool unicode_IsControl(int32_t r)
{
    if ((uint32_t)r <= MaxLatin1)
        return (unicode_properties[(uint8_t)r] & pC) != 0;
    /* All control characters are < MaxLatin1. */
    return false;
}

bool unicode_IsGraphic(int32_t r)
{
    /* We convert to uint32 to avoid the extra test for negative, and in
       the index we convert to uint8 to avoid the range check. */
    if ((uint32_t)r <= MaxLatin1)
        return (unicode_properties[(uint8_t)r] & pg) != 0;
    return unicode_In(r, GraphicRanges, sizeof GraphicRanges / sizeof GraphicRanges[0]);
}

bool unicode_IsPrint(int32_t r)
{
    if ((uint32_t)r <= MaxLatin1)
        return (unicode_properties[(uint8_t)r] & pp) != 0;
    return unicode_In(r, PrintRanges, sizeof PrintRanges / sizeof PrintRanges[0]);
}

bool unicode_IsMark(int32_t r)
{
    /* There are no mark characters in Latin-1. */
    return isExcludingLatin(&unicode_Mark, r);
}

bool unicode_IsSymbol(int32_t r)
{
    if ((uint32_t)r <= MaxLatin1)
        return (unicode_properties[(uint8_t)r] & pS) != 0;
    return isExcludingLatin(&unicode_Symbol, r);
}

/* ===================== letter.go: case mapping ===================== */

/* Go: to. Maps r to _case through caseRange (sorted by Lo); *found says
 * whether r was in a range. */
static int32_t to(int _case, int32_t r, const unicode_CaseRange *caseRange, size_t n,
                  bool *found)
{
    *found = false;
    if (_case < 0 || unicode_MaxCase <= _case)
        return unicode_ReplacementChar;     /* as reasonable an error as any */
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t m = lo + (hi - lo) / 2;
        const unicode_CaseRange *cr = &caseRange[m];
        if ((int32_t)cr->Lo <= r && r <= (int32_t)cr->Hi) {
            int32_t delta = cr->Delta[_case];
            *found = true;
            if (delta > MaxRune) {
                /* In an Upper-Lower sequence, which always starts with an
                   UpperCase letter, the real deltas always look like
                       {0, 1, 0}    UpperCase (Lower is next)
                       {-1, 0, -1}  LowerCase (Upper, Title are previous)
                   The characters at even offsets from the beginning of the
                   sequence are upper case; the ones at odd offsets are
                   lower. The correct mapping can be done by clearing or
                   setting the low bit in the sequence offset. UpperCase and
                   TitleCase are even while LowerCase is odd, so take the
                   low bit from _case. */
                return (int32_t)cr->Lo + (((r - (int32_t)cr->Lo) & ~1) | (_case & 1));
            }
            return r + delta;
        }
        if (r < (int32_t)cr->Lo)
            hi = m;
        else
            lo = m + 1;
    }
    return r;
}

int32_t unicode_To(int _case, int32_t r)
{
    bool found;
    return to(_case, r, unicode_CaseRanges, unicode_nCaseRanges, &found);
}

int32_t unicode_ToUpper(int32_t r)
{
    if (r <= MaxASCII) {
        if ('a' <= r && r <= 'z')
            r -= 'a' - 'A';
        return r;
    }
    return unicode_To(unicode_UpperCase, r);
}

int32_t unicode_ToLower(int32_t r)
{
    if (r <= MaxASCII) {
        if ('A' <= r && r <= 'Z')
            r += 'a' - 'A';
        return r;
    }
    return unicode_To(unicode_LowerCase, r);
}

int32_t unicode_ToTitle(int32_t r)
{
    if (r <= MaxASCII) {
        if ('a' <= r && r <= 'z')     /* title case is upper case for ASCII */
            r -= 'a' - 'A';
        return r;
    }
    return unicode_To(unicode_TitleCase, r);
}

/* Go: SimpleFold. The orbit of r is asciiFold/caseOrbit where those list
 * it, else the one- or two-element class {r, ToLower(r) or ToUpper(r)}. */
int32_t unicode_SimpleFold(int32_t r)
{
    if (r < 0 || r > MaxRune)
        return r;
    if (r <= MaxASCII)
        return (int32_t)unicode_asciiFold[r];

    /* Consult caseOrbit table for special cases. */
    size_t lo = 0, hi = unicode_ncaseOrbit;
    while (lo < hi) {
        size_t m = lo + (hi - lo) / 2;
        if ((int32_t)unicode_caseOrbit[m].From < r)
            lo = m + 1;
        else
            hi = m;
    }
    if (lo < unicode_ncaseOrbit && (int32_t)unicode_caseOrbit[lo].From == r)
        return (int32_t)unicode_caseOrbit[lo].To;

    /* No folding specified. This is a one- or two-element equivalence
       class containing rune and ToLower(rune) and ToUpper(rune) if they
       are different from rune. */
    int32_t l = unicode_ToLower(r);
    if (l != r)
        return l;
    return unicode_ToUpper(r);
}

/* ===================== unicode/utf8 ===================== */

/* Go: utf8.go's encoding constants. */
enum {
    surrogateMin = 0xD800,
    surrogateMax = 0xDFFF,
    t1 = 0x00,      /* 0000 0000 */
    tx = 0x80,      /* 1000 0000 */
    t2 = 0xC0,      /* 1100 0000 */
    t3 = 0xE0,      /* 1110 0000 */
    t4 = 0xF0,      /* 1111 0000 */
    t5 = 0xF8,      /* 1111 1000 */
    maskx = 0x3F,   /* 0011 1111 */
    mask2 = 0x1F,   /* 0001 1111 */
    mask3 = 0x0F,   /* 0000 1111 */
    mask4 = 0x07,   /* 0000 0111 */
    rune1Max = (1 << 7) - 1,
    rune2Max = (1 << 11) - 1,
    rune3Max = (1 << 16) - 1,
    /* The default lowest and highest continuation byte. */
    locb = 0x80,    /* 1000 0000 */
    hicb = 0xBF,    /* 1011 1111 */
};

/* Go: first. Information about the first byte of a UTF-8 sequence: the
 * high nibble indexes acceptRanges for the second byte, the low three bits
 * are the sequence's size. xx (invalid) and as (ASCII) both have size 1. */
enum {
    xx = 0xF1,  /* invalid: size 1 */
    as = 0xF0,  /* ASCII: size 1 */
    s1 = 0x02,  /* accept 0, size 2 */
    s2 = 0x13,  /* accept 1, size 3 */
    s3 = 0x03,  /* accept 0, size 3 */
    s4 = 0x23,  /* accept 2, size 3 */
    s5 = 0x34,  /* accept 3, size 4 */
    s6 = 0x04,  /* accept 0, size 4 */
    s7 = 0x44,  /* accept 4, size 4 */
};

#define R16(x) x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x
static const uint8_t first[256] = {
    R16(as), R16(as), R16(as), R16(as), R16(as), R16(as), R16(as), R16(as), /* 0x00-0x7F */
    R16(xx), R16(xx), R16(xx), R16(xx),                                     /* 0x80-0xBF */
    xx, xx, s1, s1, s1, s1, s1, s1, s1, s1, s1, s1, s1, s1, s1, s1,        /* 0xC0-0xCF */
    R16(s1),                                                                /* 0xD0-0xDF */
    s2, s3, s3, s3, s3, s3, s3, s3, s3, s3, s3, s3, s3, s4, s3, s3,        /* 0xE0-0xEF */
    s5, s6, s6, s6, s7, xx, xx, xx, xx, xx, xx, xx, xx, xx, xx, xx,        /* 0xF0-0xFF */
};
#undef R16

/* Go: acceptRange. The valid range of the second byte: it excludes the
 * overlong forms (after E0, F0), the surrogates (after ED) and the runes
 * above MaxRune (after F4). */
typedef struct acceptRange { uint8_t lo, hi; } acceptRange;
static const acceptRange acceptRanges[16] = {
    [0] = {locb, hicb},
    [1] = {0xA0, hicb},
    [2] = {locb, 0x9F},
    [3] = {0x90, hicb},
    [4] = {locb, 0x8F},
};

bool utf8_FullRune(const uint8_t *p, size_t n)
{
    if (n == 0)
        return false;
    uint8_t x = first[p[0]];
    if (n >= (size_t)(x & 7))
        return true;        /* ASCII, invalid or valid. */
    /* Must be short or invalid. */
    acceptRange accept = acceptRanges[x >> 4];
    if (n > 1 && (p[1] < accept.lo || accept.hi < p[1]))
        return true;
    else if (n > 2 && (p[2] < locb || hicb < p[2]))
        return true;
    return false;
}

int32_t utf8_DecodeRune(const uint8_t *p, size_t n, int *size)
{
    if (n < 1) {
        *size = 0;
        return utf8_RuneError;
    }
    uint8_t p0 = p[0];
    uint8_t x = first[p0];
    if (x >= as) {
        *size = 1;
        return x == xx ? utf8_RuneError : (int32_t)p0;
    }
    size_t sz = x & 7;
    acceptRange accept = acceptRanges[x >> 4];
    *size = 1;
    if (n < sz)
        return utf8_RuneError;
    uint8_t b1 = p[1];
    if (b1 < accept.lo || accept.hi < b1)
        return utf8_RuneError;
    if (sz <= 2) {
        *size = 2;
        return (int32_t)(p0 & mask2) << 6 | (int32_t)(b1 & maskx);
    }
    uint8_t b2 = p[2];
    if (b2 < locb || hicb < b2)
        return utf8_RuneError;
    if (sz <= 3) {
        *size = 3;
        return (int32_t)(p0 & mask3) << 12 | (int32_t)(b1 & maskx) << 6 | (int32_t)(b2 & maskx);
    }
    uint8_t b3 = p[3];
    if (b3 < locb || hicb < b3)
        return utf8_RuneError;
    *size = 4;
    return (int32_t)(p0 & mask4) << 18 | (int32_t)(b1 & maskx) << 12 |
           (int32_t)(b2 & maskx) << 6 | (int32_t)(b3 & maskx);
}

int32_t utf8_DecodeLastRune(const uint8_t *p, size_t n, int *size)
{
    if (n == 0) {
        *size = 0;
        return utf8_RuneError;
    }
    size_t end = n, start = end - 1;
    int32_t r = p[start];
    if (r < utf8_RuneSelf) {
        *size = 1;
        return r;
    }
    /* Guard against O(n^2) behavior when traversing backwards through
       strings with long sequences of invalid UTF-8: look back at most
       UTFMax bytes for a start byte. */
    size_t lim = end >= utf8_UTFMax ? end - utf8_UTFMax : 0;
    while (start > lim) {
        start--;
        if (utf8_RuneStart(p[start]))
            break;
    }
    r = utf8_DecodeRune(p + start, end - start, size);
    if (start + (size_t)*size != end) {
        *size = 1;
        return utf8_RuneError;
    }
    return r;
}

int utf8_RuneLen(int32_t r)
{
    if (r < 0)
        return -1;
    if (r <= rune1Max)
        return 1;
    if (r <= rune2Max)
        return 2;
    if (surrogateMin <= r && r <= surrogateMax)
        return -1;
    if (r <= rune3Max)
        return 3;
    if (r <= MaxRune)
        return 4;
    return -1;
}

int utf8_EncodeRune(uint8_t p[utf8_UTFMax], int32_t r)
{
    /* Negative values are erroneous. Making it unsigned addresses the
       problem. */
    uint32_t i = (uint32_t)r;
    if (i <= rune1Max) {
        p[0] = (uint8_t)r;
        return 1;
    }
    if (i <= rune2Max) {
        p[0] = (uint8_t)(t2 | r >> 6);
        p[1] = (uint8_t)(tx | (r & maskx));
        return 2;
    }
    if (i > MaxRune || (surrogateMin <= i && i <= surrogateMax))
        i = utf8_RuneError;
    if (i <= rune3Max) {
        p[0] = (uint8_t)(t3 | i >> 12);
        p[1] = (uint8_t)(tx | (i >> 6 & maskx));
        p[2] = (uint8_t)(tx | (i & maskx));
        return 3;
    }
    p[0] = (uint8_t)(t4 | i >> 18);
    p[1] = (uint8_t)(tx | (i >> 12 & maskx));
    p[2] = (uint8_t)(tx | (i >> 6 & maskx));
    p[3] = (uint8_t)(tx | (i & maskx));
    return 4;
}

/* Go: RuneCount and Valid share this walk: the width of the rune at p[i],
 * or 0 if the bytes there are invalid (which RuneCount counts as one
 * rune of width 1). */
static size_t validWidth(const uint8_t *p, size_t n, size_t i)
{
    uint8_t c = p[i];
    if (c < utf8_RuneSelf)
        return 1;
    uint8_t x = first[c];
    if (x == xx)
        return 0;           /* Illegal starter byte. */
    size_t size = x & 7;
    if (i + size > n)
        return 0;           /* Short or invalid. */
    acceptRange accept = acceptRanges[x >> 4];
    if (p[i + 1] < accept.lo || accept.hi < p[i + 1])
        return 0;
    if (size > 2 && (p[i + 2] < locb || hicb < p[i + 2]))
        return 0;
    if (size > 3 && (p[i + 3] < locb || hicb < p[i + 3]))
        return 0;
    return size;
}

size_t utf8_RuneCount(const uint8_t *p, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; count++) {
        size_t w = validWidth(p, n, i);
        i += w ? w : 1;
    }
    return count;
}

bool utf8_Valid(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t w = validWidth(p, n, i);
        if (w == 0)
            return false;
        i += w;
    }
    return true;
}
