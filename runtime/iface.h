/* iface.h — interface values: itabs, boxing, assertions, comparison.
 *
 * Go: runtime/runtime2.go (iface, eface, itab), runtime/iface.go (getitab,
 * convT*, assertE2I), runtime/alg.go (efaceeq, ifaceeq), runtime/error.go
 * (TypeAssertionError).
 *
 * An interface value is two words, both pointer slots for the collector:
 *   empty interface (any):   {const RType *type, void *data}   Go's eface
 *   other interfaces:        {const Itab *tab,   void *data}   Go's iface
 * A nil interface is {0, 0}. data is the value itself when the dynamic type
 * is pointer-shaped (RType.direct), else a pointer to a boxed copy that is
 * never written again (so copies of the interface may share it).
 * Type identity is pointer identity: the compiler makes one RType per type
 * and getitab one Itab per (interface, type) pair, so comparing dynamic
 * types is comparing words.
 */
#ifndef MINI_IFACE_H
#define MINI_IFACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "typedesc.h"

struct Func;
struct G;

typedef struct Itab {
    const RType *inter;
    const RType *type;
    uint32_t hash;
    struct Func *fun[];     /* inter->methods[i] of type: receiver = the data word */
} Itab;

/* What ASSERT/ASSERTI need beyond their operands: the type asserted, and
 * for the panic message the interface's static type. want is the word the
 * first interface word must equal for a concrete target (an RType* for an
 * eface source, the Itab* for an iface source). */
typedef struct AssertDesc {
    const void *want;
    const RType *target;
    const RType *src;       /* the static interface type of x in x.(T) */
} AssertDesc;

/* getitab: the itab of (inter, typ); NULL when typ lacks a method (then
 * *missing names it, if missing is not NULL). Memoized. */
const Itab *getitab(const RType *inter, const RType *typ, const char **missing);

/* The dynamic type of an interface value's first word. */
static inline const RType *iface_type(const void *w0, bool isiface)
{
    if (!w0)
        return NULL;
    return isiface ? ((const Itab *)w0)->type : (const RType *)w0;
}

/* Go: convT: the data word for a value of type t whose words are at src. */
void *convT(const RType *t, const void *src);
/* The value of type t out of an interface data word into dst (the frame's
 * form: narrow integers extended, the last word's tail zeroed). */
void unboxT(const RType *t, void *data, void *dst);

/* Go: t.equal != nil: may values of t be compared (and hashed)? */
bool type_comparable(const RType *t);

/* Go: efaceeq: are the values x and y (data words of interfaces holding
 * the same type t) equal? Panics for an uncomparable t, as Go does. */
bool efaceeq(struct G *gp, const RType *t, void *x, void *y);
/* Equality of two values of type t stored at x and y (memory form). */
bool valueeq(struct G *gp, const RType *t, const void *x, const void *y);

/* Go: TypeAssertionError. src is the interface's static type, have the
 * dynamic type (NULL: nil), want the asserted type, missing the method
 * have lacks (NULL when the target is concrete). */
_Noreturn void panicdottype(struct G *gp, const RType *src, const RType *have, const RType *want,
                            const char *missing);

/* The method named name with no arguments and one string result in t's
 * method set (fmt's Error and String), or NULL. */
struct Func *find_string_method(const RType *t, const char *name);

#endif
