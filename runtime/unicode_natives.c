/* unicode_natives.c — the natives of package unicode.
 *
 * Go: unicode/graphic.go, letter.go, digit.go. The functions and tables
 * are in unicode.c (shared with the lexer); this file binds them.
 * Slot convention (natives.h): a[0] the result, a[1] the rune.
 */
#include "natives.h"
#include "unicode.h"

#define PRED(name) \
    static void unicode_n##name(G *gp, Slot *a, int n) { (void)gp; (void)n; a[0].u = unicode_##name((int32_t)a[1].i); }
#define MAP(name) \
    static void unicode_n##name(G *gp, Slot *a, int n) { (void)gp; (void)n; a[0].i = unicode_##name((int32_t)a[1].i); }

PRED(IsLetter) PRED(IsDigit) PRED(IsSpace) PRED(IsUpper) PRED(IsLower) PRED(IsPunct)
PRED(IsNumber) PRED(IsControl) PRED(IsPrint) PRED(IsGraphic) PRED(IsSymbol) PRED(IsMark)
PRED(IsTitle)
MAP(ToUpper) MAP(ToLower) MAP(ToTitle)

#define ENTRY(name) { "unicode", #name, unicode_n##name }
const Native unicode_natives[] = {
    ENTRY(IsLetter), ENTRY(IsDigit), ENTRY(IsSpace), ENTRY(IsUpper), ENTRY(IsLower),
    ENTRY(IsPunct), ENTRY(IsNumber), ENTRY(IsControl), ENTRY(IsPrint), ENTRY(IsGraphic),
    ENTRY(IsSymbol), ENTRY(IsMark), ENTRY(IsTitle), ENTRY(ToUpper), ENTRY(ToLower),
    ENTRY(ToTitle),
};
const int nunicode_natives = sizeof unicode_natives / sizeof unicode_natives[0];
