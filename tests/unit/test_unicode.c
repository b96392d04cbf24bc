/* test_unicode.c — Check unit tests for runtime/unicode.h: Go's unicode
 * and unicode/utf8 packages.
 *
 * Every expectation comes from Go 1.19 itself: tools/gen_unicode/main.go
 * -test calls Go's functions and writes unicode_expect.h (see there to
 * regenerate). Exhaustive checks compare hashes: every predicate and case
 * mapping over every code point 0..MaxRune (one hash per plane), and utf8
 * over every input of up to 3 bytes plus a grid of 4-byte inputs. Spot
 * tables make failures readable. The rest are properties: the tables are
 * well formed (the invariants unicode.c states), Encode/Decode round-trip,
 * and strconv's own UTF-8 and IsPrint agree with these.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UNICODE_INTERNAL
#include "strconv.h"
#include "unicode.h"
#include "unicode_expect.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))
/* ck_assert in a loop over a million runes is slow: every passing check
   reports its line to the runner through a pipe. Check quietly instead. */
#define CHECK(cond, ...)                 \
    do {                                 \
        if (!(cond))                     \
            ck_abort_msg(__VA_ARGS__);   \
    } while (0)

static uint64_t fnv_byte(uint64_t h, uint8_t c) { return (h ^ c) * FNV_PRIME; }
static uint64_t fnv_u32(uint64_t h, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        h = fnv_byte(h, (uint8_t)(v >> (8 * i)));
    return h;
}

typedef bool (*PredFn)(int32_t);
typedef int32_t (*MapFn)(int32_t);

static const struct { const char *name; PredFn f; } preds[] = {
    {"IsLetter", unicode_IsLetter}, {"IsDigit", unicode_IsDigit},
    {"IsNumber", unicode_IsNumber}, {"IsSpace", unicode_IsSpace},
    {"IsUpper", unicode_IsUpper},   {"IsLower", unicode_IsLower},
    {"IsTitle", unicode_IsTitle},   {"IsPunct", unicode_IsPunct},
    {"IsControl", unicode_IsControl}, {"IsGraphic", unicode_IsGraphic},
    {"IsPrint", unicode_IsPrint},   {"IsMark", unicode_IsMark},
    {"IsSymbol", unicode_IsSymbol},
};
static const struct { const char *name; MapFn f; } maps[] = {
    {"ToUpper", unicode_ToUpper}, {"ToLower", unicode_ToLower},
    {"ToTitle", unicode_ToTitle}, {"SimpleFold", unicode_SimpleFold},
};

static PredFn pred_named(const char *name)
{
    for (size_t i = 0; i < LEN(preds); i++)
        if (strcmp(preds[i].name, name) == 0)
            return preds[i].f;
    return NULL;
}

static MapFn map_named(const char *name)
{
    for (size_t i = 0; i < LEN(maps); i++)
        if (strcmp(maps[i].name, name) == 0)
            return maps[i].f;
    return NULL;
}

/* ===================== unicode: every code point ===================== */

START_TEST(test_every_rune)
{
    ck_assert_uint_eq(LEN(expect_props), LEN(preds) + LEN(maps));
    for (size_t i = 0; i < LEN(expect_props); i++) {
        const ExpectProp *e = &expect_props[i];
        PredFn pf = pred_named(e->name);
        MapFn mf = map_named(e->name);
        ck_assert_msg(pf || mf, "no function for %s", e->name);
        uint32_t count = 0;
        uint64_t h = 0;
        for (int32_t r = 0; r <= unicode_MaxRune; r++) {
            if ((r & 0xFFFF) == 0)
                h = FNV_OFFSET;
            if (pf) {
                bool v = pf(r);
                h = fnv_byte(h, v);
                count += v;
            } else {
                int32_t v = mf(r);
                h = fnv_u32(h, (uint32_t)v);
                count += v != r;
            }
            if ((r & 0xFFFF) == 0xFFFF)
                ck_assert_msg(h == e->plane[r >> 16], "%s differs from Go in plane %d", e->name,
                              r >> 16);
        }
        ck_assert_msg(count == e->count, "%s: %u runes, Go %u", e->name, count, e->count);
    }
}
END_TEST

START_TEST(test_spot_runes)
{
    ck_assert_uint_eq(LEN(expect_pred_names), LEN(preds));
    for (size_t i = 0; i < LEN(expect_runes); i++) {
        const SpotRune *e = &expect_runes[i];
        for (size_t b = 0; b < LEN(expect_pred_names); b++) {
            bool want = e->bits >> b & 1;
            ck_assert_msg(pred_named(expect_pred_names[b])(e->r) == want, "%s(%#x) = %d, Go %d",
                          expect_pred_names[b], e->r, !want, want);
        }
        ck_assert_msg(unicode_ToUpper(e->r) == e->upper, "ToUpper(%#x)", e->r);
        ck_assert_msg(unicode_ToLower(e->r) == e->lower, "ToLower(%#x)", e->r);
        ck_assert_msg(unicode_ToTitle(e->r) == e->title, "ToTitle(%#x)", e->r);
        ck_assert_msg(unicode_SimpleFold(e->r) == e->fold, "SimpleFold(%#x)", e->r);
    }
}
END_TEST

/* Beyond 0..MaxRune: the runes Go's unexported paths treat specially. */
START_TEST(test_out_of_range)
{
    static const int32_t bad[] = {-1, -0x80, -0xFF, -0x10000, INT32_MIN, unicode_MaxRune + 1,
                                  0x1FFFFF, INT32_MAX};
    for (size_t i = 0; i < LEN(bad); i++) {
        int32_t r = bad[i];
        for (size_t j = 0; j < LEN(preds); j++)
            ck_assert_msg(!preds[j].f(r), "%s(%d)", preds[j].name, r);
        for (size_t j = 0; j < LEN(maps); j++)
            ck_assert_msg(maps[j].f(r) == r, "%s(%d)", maps[j].name, r);
    }
    ck_assert_int_eq(unicode_To(-1, 'a'), unicode_ReplacementChar);
    ck_assert_int_eq(unicode_To(unicode_MaxCase, 'a'), unicode_ReplacementChar);
    ck_assert_int_eq(unicode_To(unicode_LowerCase, 0x1C5), 0x1C6);
    ck_assert_int_eq(unicode_To(unicode_TitleCase, 0x1C6), 0x1C5);
}
END_TEST

/* SimpleFold walks each orbit back to its start. */
START_TEST(test_fold_orbits)
{
    for (int32_t r = 0; r <= unicode_MaxRune; r++) {
        int32_t f = r;
        int steps = 0;
        do {
            f = unicode_SimpleFold(f);
            steps++;
        } while (f != r && steps < 5);
        CHECK(f == r, "SimpleFold orbit of %#x does not close", r);
    }
    /* K → k → U+212A → K; S → s → U+017F → S. */
    ck_assert_int_eq(unicode_SimpleFold('K'), 'k');
    ck_assert_int_eq(unicode_SimpleFold('k'), 0x212A);
    ck_assert_int_eq(unicode_SimpleFold(0x212A), 'K');
    ck_assert_int_eq(unicode_SimpleFold('1'), '1');
}
END_TEST

/* ===================== unicode: the tables ===================== */

static void check_table(const char *name, const unicode_RangeTable *t)
{
    for (size_t i = 0; i < t->nR16; i++) {
        const unicode_Range16 *r = &t->R16[i];
        ck_assert_msg(r->Lo <= r->Hi && r->Stride >= 1, "%s R16[%zu]", name, i);
        ck_assert_msg(i == 0 || t->R16[i - 1].Hi < r->Lo, "%s R16[%zu] unsorted", name, i);
        ck_assert_msg((i < t->LatinOffset) == (r->Hi <= unicode_MaxLatin1),
                      "%s LatinOffset %zu at R16[%zu]", name, t->LatinOffset, i);
    }
    for (size_t i = 0; i < t->nR32; i++) {
        const unicode_Range32 *r = &t->R32[i];
        ck_assert_msg(r->Lo <= r->Hi && r->Stride >= 1 && r->Hi <= unicode_MaxRune, "%s R32[%zu]",
                      name, i);
        ck_assert_msg(r->Lo > 0xFFFF, "%s R32[%zu] in the BMP", name, i);
        ck_assert_msg(i == 0 || t->R32[i - 1].Hi < r->Lo, "%s R32[%zu] unsorted", name, i);
    }
}

START_TEST(test_tables)
{
    static const struct { const char *name; const unicode_RangeTable *t; PredFn f; } tabs[] = {
        {"Letter", &unicode_Letter, unicode_IsLetter}, {"Upper", &unicode_Upper, unicode_IsUpper},
        {"Lower", &unicode_Lower, unicode_IsLower},    {"Title", &unicode_Title, unicode_IsTitle},
        {"Mark", &unicode_Mark, unicode_IsMark},
        {"Number", &unicode_Number, unicode_IsNumber},
        {"Digit", &unicode_Digit, unicode_IsDigit},    {"Punct", &unicode_Punct, unicode_IsPunct},
        {"Symbol", &unicode_Symbol, unicode_IsSymbol}, {"Zs", &unicode_Zs, NULL},
        {"Cc", &unicode_Cc, unicode_IsControl},
        {"White_Space", &unicode_White_Space, unicode_IsSpace},
    };
    for (size_t i = 0; i < LEN(tabs); i++) {
        check_table(tabs[i].name, tabs[i].t);
        /* The Latin-1 fast paths agree with the tables. */
        if (tabs[i].f)
            for (int32_t r = 0; r <= unicode_MaxRune; r++)
                CHECK(unicode_Is(tabs[i].t, r) == tabs[i].f(r), "Is(%s, %#x)",
                              tabs[i].name, r);
    }
    for (size_t i = 1; i < unicode_nCaseRanges; i++)
        ck_assert(unicode_CaseRanges[i - 1].Hi < unicode_CaseRanges[i].Lo);
    for (size_t i = 1; i < unicode_ncaseOrbit; i++)
        ck_assert(unicode_caseOrbit[i - 1].From < unicode_caseOrbit[i].From);
    ck_assert(!unicode_Is(&unicode_Letter, -1) && !unicode_Is(&unicode_Letter, INT32_MIN));
    ck_assert(!unicode_Is(&unicode_Letter, INT32_MAX));
    const unicode_RangeTable *const lm[] = {&unicode_Letter, &unicode_Mark};
    ck_assert(unicode_In(0x300, lm, 2) && unicode_In('x', lm, 2) && !unicode_In('1', lm, 2));
}
END_TEST

/* ===================== utf8 ===================== */

START_TEST(test_utf8_spot)
{
    for (size_t i = 0; i < LEN(expect_utf8); i++) {
        const SpotUTF8 *e = &expect_utf8[i];
        const uint8_t *p = (const uint8_t *)e->s;
        int size = -1;
        ck_assert_msg(utf8_DecodeRune(p, e->n, &size) == e->r && size == e->size,
                      "DecodeRune case %zu (%zu bytes)", i, e->n);
        ck_assert_msg(utf8_DecodeLastRune(p, e->n, &size) == e->lastr && size == e->lastsize,
                      "DecodeLastRune case %zu", i);
        ck_assert_msg(utf8_FullRune(p, e->n) == e->full, "FullRune case %zu", i);
        ck_assert_msg(utf8_Valid(p, e->n) == e->valid, "Valid case %zu", i);
        ck_assert_msg(utf8_RuneCount(p, e->n) == (size_t)e->count, "RuneCount case %zu", i);
    }
}
END_TEST

static void feed(uint64_t h[5], const uint8_t *p, size_t n)
{
    int size;
    int32_t r = utf8_DecodeRune(p, n, &size);
    h[0] = fnv_byte(fnv_u32(h[0], (uint32_t)r), (uint8_t)size);
    r = utf8_DecodeLastRune(p, n, &size);
    h[1] = fnv_byte(fnv_u32(h[1], (uint32_t)r), (uint8_t)size);
    h[2] = fnv_byte(h[2], utf8_FullRune(p, n));
    h[3] = fnv_byte(h[3], utf8_Valid(p, n));
    h[4] = fnv_byte(h[4], (uint8_t)utf8_RuneCount(p, n));
}

static void check_hashes(int len, const uint64_t h[5])
{
    static const char *const fn[5] = {"DecodeRune", "DecodeLastRune", "FullRune", "Valid",
                                      "RuneCount"};
    for (int f = 0; f < 5; f++)
        ck_assert_msg(h[f] == expect_utf8_hash[len][f], "%s differs from Go on %d-byte inputs",
                      fn[f], len);
}

START_TEST(test_utf8_every_input)
{
    uint64_t h[5];
    /* Each input is copied to an exact-size buffer so ASan sees any read
       past its end. */
    uint8_t *buf = malloc(4);
    for (int f = 0; f < 5; f++)
        h[f] = FNV_OFFSET;
    feed(h, NULL, 0);
    check_hashes(0, h);
    for (int len = 1; len <= 3; len++) {
        uint8_t *p = malloc((size_t)len);
        for (int f = 0; f < 5; f++)
            h[f] = FNV_OFFSET;
        for (uint32_t x = 0; x < 1u << (8 * len); x++) {
            for (int i = 0; i < len; i++)
                p[i] = (uint8_t)(x >> (8 * (len - 1 - i)));
            feed(h, p, (size_t)len);
        }
        check_hashes(len, h);
        free(p);
    }
    for (int f = 0; f < 5; f++)
        h[f] = FNV_OFFSET;
    for (int x = 0; x < 256; x++)
        for (size_t a = 0; a < LEN(expect_grid); a++)
            for (size_t c = 0; c < LEN(expect_grid); c++)
                for (size_t d = 0; d < LEN(expect_grid); d++) {
                    buf[0] = (uint8_t)x;
                    buf[1] = expect_grid[a];
                    buf[2] = expect_grid[c];
                    buf[3] = expect_grid[d];
                    feed(h, buf, 4);
                }
    check_hashes(4, h);
    free(buf);
}
END_TEST

static uint64_t encode_hash(uint64_t h, int32_t r)
{
    uint8_t p[utf8_UTFMax];
    int n = utf8_EncodeRune(p, r);
    h = fnv_byte(h, (uint8_t)n);
    for (int i = 0; i < n; i++)
        h = fnv_byte(h, p[i]);
    h = fnv_u32(h, (uint32_t)utf8_RuneLen(r));
    return fnv_byte(h, utf8_ValidRune(r));
}

START_TEST(test_utf8_encode)
{
    uint64_t h = FNV_OFFSET;
    for (int32_t r = expect_rune_lo; r <= expect_rune_hi; r++)
        h = encode_hash(h, r);
    for (size_t i = 0; i < LEN(expect_rune_extra); i++)
        h = encode_hash(h, expect_rune_extra[i]);
    ck_assert_msg(h == expect_encode_hash, "EncodeRune/RuneLen/ValidRune differ from Go");

    /* Encode and decode are inverse on every valid rune. */
    for (int32_t r = 0; r <= utf8_MaxRune; r++) {
        uint8_t p[utf8_UTFMax];
        int n = utf8_EncodeRune(p, r), size;
        int32_t d = utf8_DecodeRune(p, (size_t)n, &size);
        if (utf8_ValidRune(r)) {
            CHECK(d == r && size == n && n == utf8_RuneLen(r), "round trip of %#x", r);
            CHECK(utf8_DecodeLastRune(p, (size_t)n, &size) == r && size == n, "last %#x", r);
            CHECK(utf8_FullRune(p, (size_t)n) && !utf8_FullRune(p, (size_t)n - 1), "full %#x", r);
        } else {
            CHECK(d == utf8_RuneError && n == 3, "invalid %#x", r);
        }
    }
}
END_TEST

/* DecodeLastRune looks back at most UTFMax bytes through continuation
   bytes, and Valid/RuneCount walk long mixed input. */
START_TEST(test_utf8_long)
{
    static const char s[] = "a\x80\x80\x80\x80\x80\xe6\x97\xa5\xf0\x9f\x98\x80z\xed\xa0\x80";
    const uint8_t *p = (const uint8_t *)s;
    size_t n = sizeof s - 1;
    int size;
    ck_assert_int_eq(utf8_DecodeLastRune(p, 6, &size), utf8_RuneError);
    ck_assert_int_eq(size, 1);
    ck_assert_int_eq(utf8_DecodeLastRune(p, 13, &size), 0x1F600);
    ck_assert_int_eq(size, 4);
    ck_assert(!utf8_Valid(p, n));
    ck_assert(utf8_Valid(p + 6, 8));
    /* a, 5 × error, U+65E5, U+1F600, z, 3 × error */
    ck_assert_uint_eq(utf8_RuneCount(p, n), 1 + 5 + 1 + 1 + 1 + 3);
    ck_assert(utf8_RuneStart('a') && utf8_RuneStart(0xE6) && !utf8_RuneStart(0x97));
}
END_TEST

/* strconv (quote.c) has its own decoder and IsPrint; they must agree. */
START_TEST(test_strconv_agrees)
{
    uint8_t p[3];
    for (size_t n = 0; n <= 3; n++)
        for (uint32_t x = 0; x < 1u << (8 * n); x++) {
            for (size_t i = 0; i < n; i++)
                p[i] = (uint8_t)(x >> (8 * (n - 1 - i)));
            int w1, w2;
            int32_t r1 = utf8_DecodeRune(p, n, &w1);
            int32_t r2 = strconv_decoderune((const char *)p, n, &w2);
            CHECK(r1 == r2 && w1 == w2, "decode %0*x", (int)(2 * n), x);
            CHECK(utf8_RuneCount(p, n) == strconv_runecount((const char *)p, n), "count %0*x",
                  (int)(2 * n), x);
        }
    for (int32_t r = -2; r <= unicode_MaxRune + 2; r++) {
        CHECK(unicode_IsPrint(r) == IsPrint(r), "IsPrint(%#x)", r);
        CHECK(unicode_IsGraphic(r) == IsGraphic(r), "IsGraphic(%#x)", r);
        uint8_t a[4];
        char b[4];
        int n = utf8_EncodeRune(a, r);
        CHECK(n == strconv_encoderune(b, r) && memcmp(a, b, (size_t)n) == 0, "encode %#x", r);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("unicode");
    TCase *tc = tcase_create("unicode");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_every_rune);
    tcase_add_test(tc, test_spot_runes);
    tcase_add_test(tc, test_out_of_range);
    tcase_add_test(tc, test_fold_orbits);
    tcase_add_test(tc, test_tables);
    tcase_add_test(tc, test_utf8_spot);
    tcase_add_test(tc, test_utf8_every_input);
    tcase_add_test(tc, test_utf8_encode);
    tcase_add_test(tc, test_utf8_long);
    tcase_add_test(tc, test_strconv_agrees);
    suite_add_tcase(s, tc);

    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? 0 : 1;
}
