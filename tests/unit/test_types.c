/* test_types.c — unit tests for types.c, typestring.c, lookup.c, scope.c and
 * universe.c.
 *
 * Every expected string was printed by go 1.19 (go build error messages for
 * type_string and the reasons, fmt.Printf("%T") for type_rtstring) for the
 * Go declarations quoted next to each fixture.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include <gc.h>

#include "types.h"

static const Pos P0 = {1, 1};

/* ---------------- fixture builders ---------------- */

static Type *basic(TypeKind k) { return types_basic[k]; }

static Type *named_in(const char *pkg, const char *name, Type *u)
{
    Object *o = object_new(OBJ_TYPE, name, P0, NULL);
    o->pkg = pkg;
    Type *t = type_new_named(o, u);
    o->type = t;
    return t;
}

static Type *named(const char *name, Type *u) { return named_in(NULL, name, u); }

static Type *sig0(void) { return type_new_func(NULL, NULL, 0, NULL, NULL, 0, false); }

static Type *sig_r(Type *r) { return type_new_func(NULL, NULL, 0, &r, NULL, 1, false); }

static Type *sig_p(const char *pname, Type *p)
{
    const char *names[] = {pname};
    return type_new_func(&p, pname ? names : NULL, 1, NULL, NULL, 0, false);
}

static void add_method(Type *t, const char *name, Type *sig, bool ptr)
{
    Method m = {0};
    m.name = name;
    m.sig = sig;
    m.ptr_recv = ptr;
    m.obj = object_new(OBJ_FUNC, name, P0, sig);
    ck_assert_ptr_null(type_add_method(t, m));
}

static Type *iface1(const char *name, Type *sig)
{
    Method m = {0};
    m.name = name;
    m.sig = sig;
    return type_new_interface(&m, 1, NULL, 0);
}

static Field field(const char *name, Type *t)
{
    Field f = {0};
    f.name = name;
    f.type = t;
    return f;
}

static Field embed(Type *t)
{
    Field f = {0};
    Type *n = t->kind == TY_POINTER ? t->u.pointer.elem : t;
    f.name = n->u.named.obj->name;
    f.type = t;
    f.embedded = true;
    return f;
}

static Type *struct1(Field a) { return type_new_struct(&a, 1); }
static Type *struct2(Field a, Field b) { return type_new_struct((Field[]){a, b}, 2); }
static Type *empty_struct(void) { return type_new_struct(NULL, 0); }

static Type *stringer;   /* fmt.Stringer */

static void setup(void)
{
    universe_init();
    Type *str = basic(TY_STRING);
    stringer = named_in("fmt", "Stringer", iface1("String", sig_r(str)));
}

/* ---------------- type_string ---------------- */

START_TEST(test_string_basic)
{
    ck_assert_str_eq(type_string(basic(TY_INT)), "int");
    ck_assert_str_eq(type_string(types_byte), "byte");
    ck_assert_str_eq(type_string(types_rune), "rune");
    ck_assert_str_eq(type_string(basic(TY_UINT8)), "uint8");
    ck_assert_str_eq(type_string(basic(TY_UNTYPED_INT)), "untyped int");
    ck_assert_str_eq(type_string(basic(TY_UNTYPED_FLOAT)), "untyped float");
    ck_assert_str_eq(type_string(basic(TY_UNTYPED_NIL)), "untyped nil");
    ck_assert_str_eq(type_string(types_invalid), "invalid type");
    ck_assert_str_eq(type_string(types_error), "error");
    ck_assert_str_eq(type_string(type_underlying(types_error)), "interface{Error() string}");
    /* `any` prints as any; an interface{} literal as interface{} */
    ck_assert_str_eq(type_string(types_any), "any");
    ck_assert_str_eq(type_string(type_new_interface(NULL, 0, NULL, 0)), "interface{}");
}
END_TEST

START_TEST(test_string_composite)
{
    Type *ti = basic(TY_INT), *ts = basic(TY_STRING);
    Type *T = named("T", empty_struct());
    ck_assert_str_eq(type_string(type_new_slice(type_new_pointer(T))), "[]*T");
    ck_assert_str_eq(type_string(type_new_map(ts, type_new_slice(ti))), "map[string][]int");
    ck_assert_str_eq(type_string(type_new_chan(CHAN_SEND, ti)), "chan<- int");
    ck_assert_str_eq(type_string(type_new_chan(CHAN_RECV, ti)), "<-chan int");
    ck_assert_str_eq(type_string(type_new_chan(CHAN_BOTH, type_new_chan(CHAN_RECV, ti))), "chan (<-chan int)");
    ck_assert_str_eq(type_string(type_new_chan(CHAN_SEND, type_new_chan(CHAN_BOTH, ti))), "chan<- chan int");
    ck_assert_str_eq(type_string(type_new_chan(CHAN_RECV, type_new_chan(CHAN_RECV, ti))), "<-chan <-chan int");
    ck_assert_str_eq(type_string(type_new_array(types_byte, 3)), "[3]byte");
    Type *grid = type_new_slice(type_new_array(type_new_map(ti, type_new_chan(CHAN_BOTH, basic(TY_BOOL))), 2));
    ck_assert_str_eq(type_string(grid), "[][2]map[int]chan bool");
    ck_assert_str_eq(type_string(type_new_pointer(type_new_interface(NULL, 0, NULL, 0))), "*interface{}");
    ck_assert_str_eq(type_string(type_new_tuple((Type *[]){ti, ts}, 2)), "(int, string)");
}
END_TEST

START_TEST(test_string_func)
{
    Type *ti = basic(TY_INT), *ts = basic(TY_STRING);
    /* func(int) (int, error) */
    Type *f = type_new_func(&ti, NULL, 1, (Type *[]){ti, types_error}, NULL, 2, false);
    ck_assert_str_eq(type_string(f), "func(int) (int, error)");
    ck_assert_str_eq(type_rtstring(f), "func(int) (int, error)");
    /* func f(a int, s ...string) (n int, err error) */
    Type *g = type_new_func((Type *[]){ti, type_new_slice(ts)}, (const char *[]){"a", "s"}, 2,
                            (Type *[]){ti, types_error}, (const char *[]){"n", "err"}, 2, true);
    ck_assert_str_eq(type_string(g), "func(a int, s ...string) (n int, err error)");
    ck_assert_str_eq(type_rtstring(g), "func(int, ...string) (int, error)");
    /* func g(_ int, _ string) (_ int) */
    Type *h = type_new_func((Type *[]){ti, ts}, (const char *[]){"_", "_"}, 2,
                            &ti, (const char *[]){"_"}, 1, false);
    ck_assert_str_eq(type_string(h), "func(_ int, _ string) (_ int)");
    /* func(a, b int) (x int) */
    Type *k = type_new_func((Type *[]){ti, ti}, (const char *[]){"a", "b"}, 2, &ti, (const char *[]){"x"}, 1, false);
    ck_assert_str_eq(type_string(k), "func(a int, b int) (x int)");
    ck_assert_str_eq(type_rtstring(type_new_slice(k)), "[]func(int, int) int");
    ck_assert_str_eq(type_string(sig0()), "func()");
    ck_assert_str_eq(type_string(sig_r(ti)), "func() int");
    ck_assert_str_eq(type_string(sig_r(sig_r(ti))), "func() func() int");
    Type *v = type_new_func((Type *[]){type_new_slice(ti)}, NULL, 1, NULL, NULL, 0, true);
    ck_assert_str_eq(type_string(v), "func(...int)");
    /* fmt.Println */
    Type *println = type_new_func((Type *[]){type_new_slice(types_any)}, (const char *[]){"a"}, 1,
                                  (Type *[]){ti, types_error}, (const char *[]){"n", "err"}, 2, true);
    ck_assert_str_eq(type_string(println), "func(a ...any) (n int, err error)");
    Type *two = type_new_func(NULL, NULL, 0, (Type *[]){sig_r(ti), ti}, NULL, 2, false);
    ck_assert_str_eq(type_string(two), "func() (func() int, int)");
    Type *va = type_new_func((Type *[]){ti, type_new_slice(type_new_interface(NULL, 0, NULL, 0))}, NULL, 2,
                             NULL, NULL, 0, true);
    ck_assert_str_eq(type_string(va), "func(int, ...interface{})");
}
END_TEST

START_TEST(test_string_struct_iface)
{
    Type *ti = basic(TY_INT), *ts = basic(TY_STRING);
    Type *T = named("T", empty_struct());
    Type *P = named("P", empty_struct());
    ck_assert_str_eq(type_string(struct2(field("a", ti), field("B", ts))), "struct{a int; B string}");
    ck_assert_str_eq(type_string(struct2(embed(T), embed(type_new_pointer(P)))), "struct{T; *P}");
    ck_assert_str_eq(type_string(empty_struct()), "struct{}");
    Field c = field("c", type_new_slice(ts));
    c.tag = "tag";
    Type *tagged = type_new_struct((Field[]){field("a", ti), field("b", ti), c}, 3);
    ck_assert_str_eq(type_string(tagged), "struct{a int; b int; c []string \"tag\"}");

    /* interface{ N(); M() } prints sorted */
    Method ms[2] = {{.name = "N", .sig = sig0()}, {.name = "M", .sig = sig0()}};
    ck_assert_str_eq(type_string(type_new_interface(ms, 2, NULL, 0)), "interface{M(); N()}");
    Method mn[2] = {{.name = "M", .sig = sig0()},
                    {.name = "N", .sig = type_new_func(&ti, (const char *[]){"x"}, 1, &ts, NULL, 1, false)}};
    ck_assert_str_eq(type_string(type_new_interface(mn, 2, NULL, 0)), "interface{M(); N(x int) string}");
    ck_assert_str_eq(type_rtstring(type_new_slice(type_new_interface(mn, 2, NULL, 0))),
                     "[]interface { M(); N(int) string }");
    /* interface{ I; N() }: own methods first, then embeds */
    Type *I = named("I", iface1("M", sig0()));
    Method n = {.name = "N", .sig = sig0()};
    Type *in = type_new_interface(&n, 1, &I, 1);
    ck_assert_str_eq(type_string(in), "interface{N(); I}");
    ck_assert_int_eq(in->u.iface.nmethods, 2);
    /* interface{ fmt.Stringer; error } */
    Type *se = type_new_interface(NULL, 0, (Type *[]){stringer, types_error}, 2);
    ck_assert_str_eq(type_string(se), "interface{fmt.Stringer; error}");
    ck_assert_str_eq(type_rtstring(type_new_slice(se)), "[]interface { Error() string; String() string }");
    /* interface{ any } */
    ck_assert_str_eq(type_string(type_new_interface(NULL, 0, &types_any, 1)), "interface{any}");
    /* interface{ m(); N() } at run time qualifies m */
    Method mm[2] = {{.name = "m", .sig = sig0()}, {.name = "N", .sig = sig0()}};
    ck_assert_str_eq(type_rtstring(type_new_slice(type_new_interface(mm, 2, NULL, 0))),
                     "[]interface { N(); main.m() }");
    ck_assert_str_eq(type_string(type_new_interface(mm, 2, NULL, 0)), "interface{N(); m()}");
}
END_TEST

START_TEST(test_string_named)
{
    Type *dur = named_in("time", "Duration", basic(TY_INT64));
    Type *builder = named_in("strings", "Builder", empty_struct());
    Type *i32 = named_in("sync/atomic", "Int32", empty_struct());
    ck_assert_str_eq(type_string(dur), "time.Duration");
    ck_assert_str_eq(type_string(type_new_pointer(builder)), "*strings.Builder");
    ck_assert_str_eq(type_string(i32), "atomic.Int32");
    ck_assert_str_eq(type_rtstring(i32), "atomic.Int32");
    ck_assert_str_eq(type_rtstring(dur), "time.Duration");
    ck_assert_str_eq(type_rtstring(type_new_pointer(builder)), "*strings.Builder");
    ck_assert_str_eq(type_string(stringer), "fmt.Stringer");
}
END_TEST

START_TEST(test_rtstring)
{
    Type *ti = basic(TY_INT), *ts = basic(TY_STRING);
    Type *T = named("T", struct1(field("a", ti)));
    Type *L = named("L", struct1(field("x", ti)));
    Type *I = named("I", iface1("M", sig0()));
    Field c = field("c", type_new_slice(ts));
    c.tag = "tag";
    Type *s = type_new_struct((Field[]){field("a", ti), field("b", ti), c, embed(T), embed(type_new_pointer(L))}, 5);
    ck_assert_str_eq(type_rtstring(s), "struct { a int; b int; c []string \"tag\"; main.T; *main.L }");
    ck_assert_str_eq(type_rtstring(type_new_slice(type_new_interface(NULL, 0, NULL, 0))), "[]interface {}");
    ck_assert_str_eq(type_rtstring(type_new_slice(types_any)), "[]interface {}");
    ck_assert_str_eq(type_rtstring(type_new_slice(I)), "[]main.I");
    ck_assert_str_eq(type_rtstring(type_new_slice(types_error)), "[]error");
    ck_assert_str_eq(type_rtstring(L), "main.L");
    ck_assert_str_eq(type_rtstring(type_new_pointer(T)), "*main.T");
    ck_assert_str_eq(type_rtstring(type_new_chan(CHAN_BOTH, type_new_chan(CHAN_RECV, ti))), "chan (<-chan int)");
    ck_assert_str_eq(type_rtstring(type_new_chan(CHAN_SEND, type_new_chan(CHAN_BOTH, ti))), "chan<- chan int");
    ck_assert_str_eq(type_rtstring(type_new_array(types_byte, 3)), "[3]uint8");
    ck_assert_str_eq(type_rtstring(type_new_slice(types_rune)), "[]int32");
    ck_assert_str_eq(type_rtstring(empty_struct()), "struct {}");
    ck_assert_str_eq(type_rtstring(sig0()), "func()");
    ck_assert_str_eq(type_rtstring(sig_r(sig_r(ti))), "func() func() int");
    Type *v = type_new_func((Type *[]){type_new_slice(ti)}, NULL, 1, &ti, NULL, 1, true);
    ck_assert_str_eq(type_rtstring(v), "func(...int) int");
    ck_assert_str_eq(type_rtstring(type_new_map(ts, type_new_slice(type_new_pointer(T)))), "map[string][]*main.T");
    ck_assert_str_eq(type_rtstring(basic(TY_UINTPTR)), "uintptr");
    ck_assert_str_eq(type_rtstring(types_error), "error");
    Type *fs = named_in("fmt", "Stringer", iface1("String", sig_r(ts)));
    ck_assert_str_eq(type_rtstring(type_new_map(types_any, type_new_interface(NULL, 0, &fs, 1))),
                     "map[interface {}]interface { String() string }");
}
END_TEST

/* ---------------- identity ---------------- */

START_TEST(test_identical)
{
    Type *ti = basic(TY_INT), *ts = basic(TY_STRING);
    ck_assert(types_identical(types_byte, basic(TY_UINT8)));
    ck_assert(types_identical(types_rune, basic(TY_INT32)));
    ck_assert(!types_identical(ti, basic(TY_INT64)));
    ck_assert(types_identical(type_new_slice(ti), type_new_slice(ti)));
    ck_assert(!types_identical(type_new_slice(ti), type_new_array(ti, 3)));
    ck_assert(!types_identical(type_new_array(ti, 3), type_new_array(ti, 4)));
    ck_assert(types_identical(type_new_map(ts, ti), type_new_map(ts, ti)));
    ck_assert(!types_identical(type_new_chan(CHAN_SEND, ti), type_new_chan(CHAN_BOTH, ti)));

    Type *A = named("A", ti), *B = named("B", ti);
    ck_assert(types_identical(A, A));
    ck_assert(!types_identical(A, B));
    ck_assert(!types_identical(A, ti));

    /* struct identity: names, types, embedding, tags */
    ck_assert(types_identical(struct1(field("a", ti)), struct1(field("a", ti))));
    ck_assert(!types_identical(struct1(field("a", ti)), struct1(field("b", ti))));
    Field tagged = field("a", ti);
    tagged.tag = "json";
    ck_assert(!types_identical(struct1(field("a", ti)), struct1(tagged)));
    ck_assert(!types_identical(struct1(embed(A)), struct1(field("A", A))));

    /* signatures: names don't matter, variadic does */
    Type *f1 = type_new_func(&ti, (const char *[]){"x"}, 1, &ts, NULL, 1, false);
    Type *f2 = type_new_func(&ti, NULL, 1, &ts, (const char *[]){"r"}, 1, false);
    ck_assert(types_identical(f1, f2));
    Type *sl = type_new_slice(ti);
    ck_assert(!types_identical(type_new_func(&sl, NULL, 1, NULL, NULL, 0, true),
                               type_new_func(&sl, NULL, 1, NULL, NULL, 0, false)));

    /* interfaces by method set: interface{ I; N() } == interface{ N(); M() } */
    Type *I = named("I", iface1("M", sig0()));
    Method n = {.name = "N", .sig = sig0()};
    Method mn[2] = {{.name = "N", .sig = sig0()}, {.name = "M", .sig = sig0()}};
    ck_assert(types_identical(type_new_interface(&n, 1, &I, 1), type_new_interface(mn, 2, NULL, 0)));
    ck_assert(!types_identical(type_new_interface(&n, 1, NULL, 0), type_new_interface(mn, 2, NULL, 0)));
    ck_assert(types_identical(types_any, type_new_interface(NULL, 0, NULL, 0)));
}
END_TEST

START_TEST(test_interface_embedding)
{
    Type *ti = basic(TY_INT);
    /* Go 1.14: the same method through two embeds is fine */
    Type *I = named("I", iface1("M", sig0()));
    Type *J = named("J", iface1("M", sig0()));
    const char *dup = "x";
    Type *ij = type_new_interface(NULL, 0, (Type *[]){I, J}, 2);
    ck_assert(type_complete_interface(ij, &dup));
    ck_assert_ptr_null(dup);
    ck_assert_int_eq(ij->u.iface.nmethods, 1);
    /* different signatures clash */
    Type *K = named("K", iface1("M", sig_r(ti)));
    Type *ik = type_new_interface(NULL, 0, (Type *[]){I, K}, 2);
    ik->u.iface.complete = false;
    ck_assert(type_complete_interface(ik, &dup));
    ck_assert_str_eq(dup, "M");
    /* an embed resolved later */
    Object *o = object_new(OBJ_TYPE, "Later", P0, NULL);
    Type *later = type_new_named(o, NULL);
    Type *il = type_new_interface(NULL, 0, &later, 1);
    ck_assert(!il->u.iface.complete);
    ck_assert(!type_complete_interface(il, NULL));
    type_set_underlying(later, iface1("Z", sig0()));
    ck_assert(type_complete_interface(il, NULL));
    ck_assert_int_eq(il->u.iface.nmethods, 1);
    ck_assert_str_eq(il->u.iface.methods[0].name, "Z");
    /* exported before unexported */
    Method ms[3] = {{.name = "b", .sig = sig0()}, {.name = "a", .sig = sig0()}, {.name = "Z", .sig = sig0()}};
    Type *s = type_new_interface(ms, 3, NULL, 0);
    ck_assert_str_eq(s->u.iface.methods[0].name, "Z");
    ck_assert_str_eq(s->u.iface.methods[1].name, "a");
    ck_assert_str_eq(s->u.iface.methods[2].name, "b");
}
END_TEST

/* ---------------- assignability ---------------- */

/* The declarations of go test programs whose messages are checked below:
 *
 *   type I interface{ M() }
 *   type J interface{ M(); N() }
 *   type T struct{};  func (T) m() {}
 *   type F struct{ M int }
 *   type P struct{};  func (*P) M(x int) {}
 *   type E struct{ P };  type EP struct{ *P }
 *   type V struct{};  func (V) M() {}
 *   type Q struct{ V };  type R struct{ *V }
 *   type PR struct{}; func (*PR) M() {}
 *   type W struct{};  func (W) M() int { return 0 }
 *   type JS interface{ M() string }
 *   type MyInt int
 *   type Str string;  func (s Str) String() string
 */
typedef struct Fix {
    Type *I, *J, *T, *F, *P, *E, *EP, *V, *Q, *R, *PR, *W, *JS, *MyInt, *Str;
} Fix;

static Fix fix(void)
{
    Fix f;
    Type *ti = basic(TY_INT), *ts = basic(TY_STRING);
    f.I = named("I", iface1("M", sig0()));
    Method mn[2] = {{.name = "M", .sig = sig0()}, {.name = "N", .sig = sig0()}};
    f.J = named("J", type_new_interface(mn, 2, NULL, 0));
    f.T = named("T", empty_struct());
    add_method(f.T, "m", sig0(), false);
    f.F = named("F", struct1(field("M", ti)));
    f.P = named("P", empty_struct());
    add_method(f.P, "M", sig_p("x", ti), true);
    f.E = named("E", struct1(embed(f.P)));
    f.EP = named("EP", struct1(embed(type_new_pointer(f.P))));
    f.V = named("V", empty_struct());
    add_method(f.V, "M", sig0(), false);
    f.Q = named("Q", struct1(embed(f.V)));
    f.R = named("R", struct1(embed(type_new_pointer(f.V))));
    f.PR = named("PR", empty_struct());
    add_method(f.PR, "M", sig0(), true);
    f.W = named("W", empty_struct());
    add_method(f.W, "M", sig_r(ti), false);
    f.JS = named("JS", iface1("M", sig_r(ts)));
    f.MyInt = named("MyInt", ti);
    f.Str = named("Str", ts);
    add_method(f.Str, "String", sig_r(ts), false);
    return f;
}

static void assert_reason(Type *v, Type *t, const char *want)
{
    const char *why = "unset";
    ck_assert(!type_assignable(v, t, &why));
    if (want == NULL)
        ck_assert_ptr_null(why);
    else
        ck_assert_str_eq(why, want);
}

START_TEST(test_assign_reasons)
{
    Fix f = fix();
    assert_reason(f.T, f.I, "T does not implement I (missing M method)\n\t\thave m()\n\t\twant M()");
    assert_reason(type_new_pointer(f.I), f.I,
                  "*I does not implement I (type *I is pointer to interface, not interface)");
    assert_reason(f.F, f.I, "F does not implement I (missing M method)");
    assert_reason(f.P, f.I, "P does not implement I (wrong type for M method)\n\t\thave M(x int)\n\t\twant M()");
    assert_reason(type_new_pointer(f.P), f.I,
                  "*P does not implement I (wrong type for M method)\n\t\thave M(x int)\n\t\twant M()");
    assert_reason(f.I, f.J, "I does not implement J (missing N method)");
    assert_reason(f.V, type_new_pointer(f.I),
                  "V does not implement *I (type *I is pointer to interface, not interface)");
    assert_reason(f.E, f.I, "E does not implement I (wrong type for M method)\n\t\thave M(x int)\n\t\twant M()");
    assert_reason(f.EP, f.I, "EP does not implement I (wrong type for M method)\n\t\thave M(x int)\n\t\twant M()");
    assert_reason(f.PR, f.I, "PR does not implement I (M method has pointer receiver)");
    assert_reason(f.W, f.JS, "W does not implement JS (wrong type for M method)\n\t\thave M() int\n\t\twant M() string");
    Type *im = iface1("m", sig0());
    assert_reason(f.V, im, "V does not implement interface{m()} (missing m method)\n\t\thave M()\n\t\twant m()");
    assert_reason(basic(TY_UNTYPED_INT), stringer, "int does not implement fmt.Stringer (missing String method)");
    assert_reason(f.Str, types_error, "Str does not implement error (missing Error method)");
    assert_reason(f.MyInt, basic(TY_INT), NULL);
    assert_reason(type_new_chan(CHAN_SEND, basic(TY_INT)), type_new_chan(CHAN_BOTH, basic(TY_INT)), NULL);
    assert_reason(type_new_slice(f.MyInt), type_new_slice(basic(TY_INT)), NULL);
    /* interface to concrete: a hint only when the concrete type implements it */
    assert_reason(type_new_interface(NULL, 0, NULL, 0), basic(TY_INT), "need type assertion");
    assert_reason(types_any, basic(TY_INT), "need type assertion");
    assert_reason(type_new_interface(NULL, 0, (Type *[]){stringer, types_error}, 2), basic(TY_INT), NULL);
    assert_reason(basic(TY_UNTYPED_NIL), basic(TY_INT), NULL);
    assert_reason(basic(TY_UNTYPED_STRING), basic(TY_INT), NULL);
    assert_reason(basic(TY_UNTYPED_INT), basic(TY_STRING), NULL);
    assert_reason(basic(TY_UNTYPED_RUNE), basic(TY_STRING), NULL);
}
END_TEST

START_TEST(test_assign_ok)
{
    Fix f = fix();
    Type *ti = basic(TY_INT);
    ck_assert(type_assignable(f.V, f.I, NULL));
    ck_assert(type_assignable(type_new_pointer(f.V), f.I, NULL));
    ck_assert(type_assignable(f.Q, f.I, NULL));
    ck_assert(type_assignable(type_new_pointer(f.R), f.I, NULL));
    ck_assert(type_assignable(f.R, f.I, NULL));
    ck_assert(type_assignable(type_new_pointer(f.PR), f.I, NULL));
    ck_assert(type_assignable(f.J, f.I, NULL));
    ck_assert(type_assignable(f.Str, stringer, NULL));
    ck_assert(type_assignable(ti, types_any, NULL));
    ck_assert(type_assignable(f.T, type_new_interface(NULL, 0, NULL, 0), NULL));
    /* identical underlying types, one side unnamed */
    Type *S = named("S", struct1(field("a", ti)));
    ck_assert(type_assignable(S, struct1(field("a", ti)), NULL));
    ck_assert(type_assignable(struct1(field("a", ti)), S, NULL));
    ck_assert(!type_assignable(S, named("S2", struct1(field("a", ti))), NULL));
    ck_assert(type_assignable(types_byte, basic(TY_UINT8), NULL));
    ck_assert(!type_assignable(f.MyInt, ti, NULL));
    /* channels */
    Type *C = named("C", type_new_chan(CHAN_BOTH, ti));
    Type *D = named("D", type_new_chan(CHAN_SEND, ti));
    ck_assert(type_assignable(type_new_chan(CHAN_BOTH, ti), type_new_chan(CHAN_SEND, ti), NULL));
    ck_assert(type_assignable(type_new_chan(CHAN_BOTH, ti), type_new_chan(CHAN_RECV, ti), NULL));
    ck_assert(type_assignable(C, type_new_chan(CHAN_RECV, ti), NULL));
    ck_assert(!type_assignable(C, D, NULL));
    ck_assert(!type_assignable(type_new_chan(CHAN_RECV, ti), type_new_chan(CHAN_BOTH, ti), NULL));
    /* nil */
    Type *nil = basic(TY_UNTYPED_NIL);
    ck_assert(type_assignable(nil, type_new_pointer(ti), NULL));
    ck_assert(type_assignable(nil, type_new_slice(ti), NULL));
    ck_assert(type_assignable(nil, type_new_map(ti, ti), NULL));
    ck_assert(type_assignable(nil, type_new_chan(CHAN_BOTH, ti), NULL));
    ck_assert(type_assignable(nil, sig0(), NULL));
    ck_assert(type_assignable(nil, f.I, NULL));
    ck_assert(type_assignable(nil, types_error, NULL));
    ck_assert(!type_assignable(nil, basic(TY_STRING), NULL));
    ck_assert(!type_assignable(nil, S, NULL));
    /* untyped constants: kinds only; representability is cv_represent's */
    ck_assert(type_assignable(basic(TY_UNTYPED_FLOAT), ti, NULL));
    ck_assert(type_assignable(basic(TY_UNTYPED_INT), basic(TY_FLOAT32), NULL));
    ck_assert(type_assignable(basic(TY_UNTYPED_RUNE), f.MyInt, NULL));
    ck_assert(type_assignable(basic(TY_UNTYPED_STRING), f.Str, NULL));
    ck_assert(type_assignable(basic(TY_UNTYPED_BOOL), named("B", basic(TY_BOOL)), NULL));
    ck_assert(!type_assignable(basic(TY_UNTYPED_BOOL), ti, NULL));
    ck_assert(type_assignable(basic(TY_UNTYPED_INT), types_any, NULL));
    /* invalid operands never cascade */
    ck_assert(type_assignable(types_invalid, ti, NULL));
}
END_TEST

START_TEST(test_implements)
{
    Fix f = fix();
    const char *missing;
    bool wrong_ptr;
    ck_assert(!type_implements(f.PR, f.I, &missing, &wrong_ptr));
    ck_assert_str_eq(missing, "M");
    ck_assert(wrong_ptr);
    ck_assert(type_implements(type_new_pointer(f.PR), f.I, &missing, &wrong_ptr));
    ck_assert_ptr_null(missing);
    ck_assert(!type_implements(f.F, f.I, &missing, &wrong_ptr));
    ck_assert_str_eq(missing, "M");
    ck_assert(!wrong_ptr);
    ck_assert(!type_implements(f.I, f.J, &missing, &wrong_ptr));
    ck_assert_str_eq(missing, "N");
    ck_assert(type_implements(f.J, f.I, NULL, NULL));
    ck_assert(type_implements(basic(TY_INT), types_any, NULL, NULL));
    ck_assert_ptr_null(type_implements_reason(f.V, f.I));
    ck_assert_str_eq(type_implements_reason(f.PR, f.I), "PR does not implement I (M method has pointer receiver)");
}
END_TEST

/* ---------------- conversions ---------------- */

START_TEST(test_convertible)
{
    Fix f = fix();
    Type *ti = basic(TY_INT), *ts = basic(TY_STRING), *tf = basic(TY_FLOAT64);
    Type *bytes = type_new_slice(types_byte), *runes = type_new_slice(types_rune);
    ck_assert(type_convertible(ti, tf));
    ck_assert(type_convertible(tf, basic(TY_UINT8)));
    ck_assert(type_convertible(ti, ts));
    ck_assert(type_convertible(f.MyInt, ts));
    ck_assert(type_convertible(bytes, ts));
    ck_assert(type_convertible(runes, ts));
    ck_assert(type_convertible(ts, bytes));
    ck_assert(type_convertible(f.Str, runes));
    ck_assert(type_convertible(ts, type_new_slice(named("MyByte", basic(TY_UINT8)))));
    ck_assert(!type_convertible(tf, ts));
    ck_assert(!type_convertible(ts, ti));
    ck_assert(!type_convertible(basic(TY_BOOL), ti));
    ck_assert(!type_convertible(type_new_slice(ti), ts));
    ck_assert(type_convertible(ti, f.MyInt));
    ck_assert(type_convertible(f.MyInt, ti));
    /* struct tags are ignored */
    Field tagged = field("a", ti);
    tagged.tag = "json:\"a\"";
    Type *S = named("S", struct1(field("a", ti)));
    ck_assert(type_convertible(struct1(tagged), S));
    ck_assert(!type_assignable(struct1(tagged), S, NULL));
    ck_assert(type_convertible(type_new_pointer(S), type_new_pointer(struct1(tagged))));
    /* slice to array pointer (Go 1.17) */
    ck_assert(type_convertible(type_new_slice(ti), type_new_pointer(type_new_array(ti, 3))));
    ck_assert(!type_convertible(type_new_slice(ti), type_new_pointer(type_new_array(ts, 3))));
    /* interfaces */
    ck_assert(type_convertible(f.Str, stringer));
    ck_assert(!type_convertible(ti, stringer));
    ck_assert(!type_convertible(f.I, ti));
    /* untyped constants */
    ck_assert(type_convertible(basic(TY_UNTYPED_INT), ts));
    ck_assert(type_convertible(basic(TY_UNTYPED_RUNE), ts));
    ck_assert(!type_convertible(basic(TY_UNTYPED_FLOAT), ts));
    ck_assert(type_convertible(basic(TY_UNTYPED_FLOAT), ti));
    ck_assert(type_convertible(basic(TY_UNTYPED_STRING), bytes));
    ck_assert(!type_convertible(basic(TY_UNTYPED_BOOL), ti));
    ck_assert(type_convertible(basic(TY_UNTYPED_NIL), type_new_pointer(ti)));
    ck_assert(!type_convertible(basic(TY_UNTYPED_NIL), ti));
}
END_TEST

/* ---------------- predicates ---------------- */

START_TEST(test_predicates)
{
    Type *ti = basic(TY_INT);
    Type *MyInt = named("MyInt", ti);
    ck_assert(type_is_integer(MyInt));
    ck_assert(type_is_integer(basic(TY_UNTYPED_RUNE)));
    ck_assert(!type_is_integer(basic(TY_UNTYPED_FLOAT)));
    ck_assert(type_is_unsigned(types_byte));
    ck_assert(type_is_float(basic(TY_FLOAT32)));
    ck_assert(type_is_numeric(basic(TY_UNTYPED_FLOAT)));
    ck_assert(type_is_string(named("S", basic(TY_STRING))));
    ck_assert(type_is_boolean(basic(TY_UNTYPED_BOOL)));
    ck_assert(type_is_interface(types_error));
    ck_assert(type_is_ordered(basic(TY_STRING)));
    ck_assert(!type_is_ordered(basic(TY_BOOL)));
    ck_assert(type_is_named(ti));
    ck_assert(type_is_named(MyInt));
    ck_assert(!type_is_named(type_new_slice(ti)));
    ck_assert(type_is_untyped(basic(TY_UNTYPED_NIL)));
    ck_assert(!type_is_untyped(ti));
    ck_assert(type_is_comparable(struct1(field("a", ti))));
    ck_assert(!type_is_comparable(struct1(field("a", type_new_slice(ti)))));
    ck_assert(!type_is_comparable(type_new_array(sig0(), 2)));
    ck_assert(type_is_comparable(types_any));
    ck_assert(type_is_comparable(type_new_chan(CHAN_BOTH, ti)));
    ck_assert(!type_is_comparable(type_new_map(ti, ti)));
    ck_assert(type_has_nil(named("Fn", sig0())));
    ck_assert(!type_has_nil(basic(TY_STRING)));
    ck_assert_ptr_eq(type_default(basic(TY_UNTYPED_INT)), ti);
    ck_assert_ptr_eq(type_default(basic(TY_UNTYPED_RUNE)), types_rune);
    ck_assert_ptr_eq(type_default(basic(TY_UNTYPED_FLOAT)), basic(TY_FLOAT64));
    ck_assert_ptr_eq(type_default(basic(TY_UNTYPED_BOOL)), basic(TY_BOOL));
    ck_assert_ptr_eq(type_default(basic(TY_UNTYPED_STRING)), basic(TY_STRING));
    ck_assert_ptr_eq(type_default(MyInt), MyInt);
    ck_assert_str_eq(type_string(type_default(basic(TY_UNTYPED_RUNE))), "rune");
}
END_TEST

/* ---------------- lookup ---------------- */

/*   type Inner struct{ X int };  func (*Inner) PM();  func (Inner) VM()
 *   type Outer struct{ Inner; Y int }
 *   type A struct{ X int };  type B struct{ X int }
 *   type AB struct{ A; B }            // AB.X is ambiguous
 *   type Deep struct{ AB; X string }  // Deep.X is the depth-0 field
 *   type Cyc struct{ *Cyc; Z int }
 *   type X1 struct{ A };  type X2 struct{ A };  type Both struct{ X1; X2 }
 *   type HasI struct{ I }
 *   type PO *Outer
 */
START_TEST(test_lookup)
{
    Type *ti = basic(TY_INT), *ts = basic(TY_STRING);
    Type *Inner = named("Inner", struct1(field("X", ti)));
    add_method(Inner, "PM", sig0(), true);
    add_method(Inner, "VM", sig0(), false);
    Type *Outer = named("Outer", struct2(embed(Inner), field("Y", ti)));

    Selection s = type_lookup(Outer, "X");
    ck_assert_int_eq(s.kind, SEL_FIELD);
    ck_assert_ptr_eq(s.type, ti);
    ck_assert_int_eq(s.pathlen, 2);
    ck_assert_int_eq(s.path[0], 0);
    ck_assert_int_eq(s.path[1], 0);
    ck_assert(!s.indirect);

    s = type_lookup(Outer, "Y");
    ck_assert_int_eq(s.kind, SEL_FIELD);
    ck_assert_int_eq(s.pathlen, 1);
    ck_assert_int_eq(s.path[0], 1);

    s = type_lookup(Outer, "PM");
    ck_assert_int_eq(s.kind, SEL_METHOD);
    ck_assert(s.ptr_recv);
    ck_assert(!s.indirect);
    ck_assert_int_eq(s.pathlen, 1);
    ck_assert_str_eq(s.obj->name, "PM");

    s = type_lookup(type_new_pointer(Outer), "PM");
    ck_assert_int_eq(s.kind, SEL_METHOD);
    ck_assert(s.indirect);

    s = type_lookup(Outer, "VM");
    ck_assert_int_eq(s.kind, SEL_METHOD);
    ck_assert(!s.ptr_recv);

    s = type_lookup(Outer, "Inner");
    ck_assert_int_eq(s.kind, SEL_FIELD);
    ck_assert_ptr_eq(s.type, Inner);

    s = type_lookup(Outer, "Z");
    ck_assert_int_eq(s.kind, SEL_NONE);
    ck_assert(!s.ambiguous);

    Type *A = named("A", struct1(field("X", ti)));
    Type *B = named("B", struct1(field("X", ti)));
    Type *AB = named("AB", struct2(embed(A), embed(B)));
    s = type_lookup(AB, "X");
    ck_assert_int_eq(s.kind, SEL_NONE);
    ck_assert(s.ambiguous);

    Type *Deep = named("Deep", struct2(embed(AB), field("X", ts)));
    s = type_lookup(Deep, "X");
    ck_assert_int_eq(s.kind, SEL_FIELD);
    ck_assert_ptr_eq(s.type, ts);
    ck_assert_int_eq(s.pathlen, 1);
    ck_assert_int_eq(s.path[0], 1);

    Object *co = object_new(OBJ_TYPE, "Cyc", P0, NULL);
    Type *Cyc = type_new_named(co, NULL);
    co->type = Cyc;
    type_set_underlying(Cyc, struct2(embed(type_new_pointer(Cyc)), field("Z", ti)));
    s = type_lookup(Cyc, "nope");
    ck_assert_int_eq(s.kind, SEL_NONE);
    s = type_lookup(Cyc, "Z");
    ck_assert_int_eq(s.kind, SEL_FIELD);
    ck_assert_int_eq(s.pathlen, 1);

    Type *X1 = named("X1", struct1(embed(A)));
    Type *X2 = named("X2", struct1(embed(A)));
    Type *Both = named("Both", struct2(embed(X1), embed(X2)));
    s = type_lookup(Both, "X");
    ck_assert(s.ambiguous);

    Type *I = named("I", iface1("M", sig0()));
    Type *HasI = named("HasI", struct1(embed(I)));
    s = type_lookup(HasI, "M");
    ck_assert_int_eq(s.kind, SEL_IFACE_METHOD);
    ck_assert_int_eq(s.pathlen, 1);
    ck_assert(type_assignable(HasI, I, NULL));
    s = type_lookup(I, "M");
    ck_assert_int_eq(s.kind, SEL_IFACE_METHOD);
    ck_assert_int_eq(s.pathlen, 0);
    s = type_lookup(type_new_pointer(I), "M");
    ck_assert_int_eq(s.kind, SEL_NONE);

    /* through a named pointer type: fields yes, methods no */
    Type *PO = named("PO", type_new_pointer(Outer));
    s = type_lookup(PO, "X");
    ck_assert_int_eq(s.kind, SEL_FIELD);
    ck_assert(s.indirect);
    s = type_lookup(PO, "VM");
    ck_assert_int_eq(s.kind, SEL_NONE);

    /* unexported names of another package are invisible */
    Type *builder = named_in("strings", "Builder", struct1(field("buf", type_new_slice(types_byte))));
    add_method(builder, "String", sig_r(ts), true);
    add_method(builder, "grow", sig0(), true);
    ck_assert_int_eq(type_lookup(builder, "buf").kind, SEL_NONE);
    ck_assert_int_eq(type_lookup(builder, "grow").kind, SEL_NONE);
    ck_assert_int_eq(type_lookup(type_new_pointer(builder), "String").kind, SEL_METHOD);
    Type *wrap = named("Wrap", struct1(embed(builder)));
    ck_assert_int_eq(type_lookup(wrap, "buf").kind, SEL_NONE);
    ck_assert_int_eq(type_lookup(wrap, "String").kind, SEL_METHOD);
}
END_TEST

START_TEST(test_named_methods)
{
    Type *T = named("T", empty_struct());
    add_method(T, "A", sig0(), false);
    Method again = {.name = "A", .sig = sig0()};
    Method *old = type_add_method(T, again);
    ck_assert_ptr_nonnull(old);
    ck_assert_int_eq(T->u.named.nmethods, 1);
    ck_assert_ptr_eq(type_named_method(T, "A"), old);
    ck_assert_ptr_null(type_named_method(T, "B"));
    /* type U T: the underlying is T's underlying, never a named type */
    Type *U = named("U", T);
    ck_assert_ptr_eq(U->u.named.underlying, T->u.named.underlying);
    ck_assert_int_eq(U->u.named.nmethods, 0);
}
END_TEST

/* ---------------- scopes and universe ---------------- */

START_TEST(test_universe)
{
    Object *o = scope_lookup(universe, "byte");
    ck_assert_ptr_nonnull(o);
    ck_assert_int_eq(o->kind, OBJ_TYPE);
    ck_assert_ptr_eq(o->type, types_byte);
    ck_assert_ptr_eq(scope_lookup(universe, "error")->type, types_error);
    ck_assert_ptr_eq(scope_lookup(universe, "any")->type, types_any);
    ck_assert_ptr_eq(scope_lookup(universe, "float64")->type, basic(TY_FLOAT64));
    Object *t = scope_lookup(universe, "true");
    ck_assert_int_eq(t->kind, OBJ_CONST);
    ck_assert(t->cv->b);
    ck_assert_int_eq(t->type->kind, TY_UNTYPED_BOOL);
    ck_assert_int_eq(scope_lookup(universe, "iota")->kind, OBJ_CONST);
    ck_assert_int_eq(scope_lookup(universe, "nil")->kind, OBJ_NIL);
    ck_assert_int_eq(scope_lookup(universe, "append")->builtin, BI_APPEND);
    ck_assert_int_eq(scope_lookup(universe, "recover")->builtin, BI_RECOVER);
    ck_assert_int_eq(scope_lookup(universe, "complex")->builtin, BI_COMPLEX);
    ck_assert_ptr_null(scope_lookup(universe, "complex128"));
    ck_assert_ptr_null(scope_lookup(universe, "unsafe"));
    ck_assert_ptr_eq(scope_lookup(universe, "error")->scope, universe);
}
END_TEST

START_TEST(test_scope)
{
    Scope *pkg = scope_new(universe, SCOPE_PACKAGE);
    Scope *blk = scope_new(pkg, SCOPE_BLOCK);
    Object *x = object_new(OBJ_VAR, "x", P0, basic(TY_INT));
    ck_assert_ptr_null(scope_insert(pkg, x));
    ck_assert_ptr_eq(x->scope, pkg);
    Object *x2 = object_new(OBJ_VAR, "x", P0, basic(TY_STRING));
    ck_assert_ptr_eq(scope_insert(pkg, x2), x);
    ck_assert_ptr_null(scope_insert(blk, x2));   /* shadowing in an inner block */
    ck_assert_ptr_eq(scope_lookup(blk, "x"), x2);
    ck_assert_ptr_eq(scope_lookup(pkg, "x"), x);
    ck_assert_ptr_null(scope_lookup_local(blk, "int"));
    ck_assert_ptr_nonnull(scope_lookup(blk, "int"));
    /* a large scope stays consistent once indexed */
    char name[16];
    for (int i = 0; i < 500; i++) {
        snprintf(name, sizeof name, "v%d", i);
        ck_assert_ptr_null(scope_insert(pkg, object_new(OBJ_VAR, ast_strdup(name), P0, NULL)));
    }
    for (int i = 0; i < 500; i++) {
        snprintf(name, sizeof name, "v%d", i);
        Object *o = scope_lookup_local(pkg, name);
        ck_assert_ptr_nonnull(o);
        ck_assert_str_eq(o->name, name);
        ck_assert_ptr_eq(pkg->objs[i + 1], o);   /* declaration order kept */
    }
    ck_assert_ptr_eq(scope_lookup_local(pkg, "x"), x);
    ck_assert_ptr_null(scope_lookup_local(pkg, "v500"));
    ck_assert_int_eq(pkg->nobjs, 501);
}
END_TEST

static Suite *types_suite(void)
{
    Suite *s = suite_create("types");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, test_string_basic);
    tcase_add_test(tc, test_string_composite);
    tcase_add_test(tc, test_string_func);
    tcase_add_test(tc, test_string_struct_iface);
    tcase_add_test(tc, test_string_named);
    tcase_add_test(tc, test_rtstring);
    tcase_add_test(tc, test_identical);
    tcase_add_test(tc, test_interface_embedding);
    tcase_add_test(tc, test_assign_reasons);
    tcase_add_test(tc, test_assign_ok);
    tcase_add_test(tc, test_implements);
    tcase_add_test(tc, test_convertible);
    tcase_add_test(tc, test_predicates);
    tcase_add_test(tc, test_lookup);
    tcase_add_test(tc, test_named_methods);
    tcase_add_test(tc, test_universe);
    tcase_add_test(tc, test_scope);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    GC_INIT();
    SRunner *sr = srunner_create(types_suite());
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
