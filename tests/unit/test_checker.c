/* test_checker.c — Check unit tests for the type checker (src/check*.c):
 * gc-worded diagnostics at gc's positions, and the annotations the compiler
 * relies on (types of converted untyped constants, object flags, selector
 * paths, initialization order). Expected messages come from go 1.19. */
#include <check.h>
#include <gc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checker.h"
#include "parse.h"

static Diags *last;

static Package *check_src(const char *src)
{
    size_t n = strlen(src);
    char *copy = GC_MALLOC_ATOMIC(n + 1);
    memcpy(copy, src, n + 1);
    last = diag_new("t.go");
    Node *file = parse_file("t.go", copy, n, last);
    ck_assert_int_eq(diag_count(last), 0);
    return check_program(file, last);
}

/* "LINE:COL: msg" of diagnostic i, in report order. */
static char *diag_at(int i)
{
    ck_assert_int_gt(diag_count(last), i);
    Diag *d = &last->items[i];
    char *s = GC_MALLOC_ATOMIC(strlen(d->msg) + 32);
    sprintf(s, "%d:%d: %s", d->pos.line, d->pos.col, d->msg);
    return s;
}

static bool has_diag(const char *want)
{
    for (int i = 0; i < diag_count(last); i++)
        if (strcmp(diag_at(i), want) == 0) return true;
    fprintf(stderr, "missing diagnostic %s; have:\n", want);
    for (int i = 0; i < diag_count(last); i++) fprintf(stderr, "  %s\n", diag_at(i));
    return false;
}

static Node *find_func(Package *p, const char *name)
{
    for (int i = 0; i < p->nfuncs; i++)
        if (strcmp(p->funcs[i]->name, name) == 0) return p->funcs[i]->decl;
    return NULL;
}

/* The i-th statement of function name's body. */
static Node *stmt_of(Package *p, const char *name, int i)
{
    Node *fd = find_func(p, name);
    ck_assert_ptr_nonnull(fd);
    return fd->u.funcdecl.body->u.block.stmts->items[i];
}

START_TEST(test_clean_program)
{
    check_src("package main\n"
              "import \"fmt\"\n"
              "type T struct{ a int }\n"
              "func (t *T) Inc() { t.a++ }\n"
              "func main() {\n"
              "\tvar t T\n"
              "\tt.Inc()\n"
              "\tfmt.Println(t.a)\n"
              "}\n");
    ck_assert_int_eq(diag_count(last), 0);
}
END_TEST

START_TEST(test_unused_and_imports)
{
    check_src("package main\n"
              "import \"os\"\n"
              "func main() {\n"
              "\tx := 1\n"
              "}\n");
    ck_assert(has_diag("2:8: imported and not used: \"os\""));
    ck_assert(has_diag("4:2: x declared but not used"));
    ck_assert_int_eq(diag_count(last), 2);
}
END_TEST

START_TEST(test_mismatch_messages)
{
    check_src("package main\n"
              "func f(a int) int { return a }\n"
              "func main() {\n"
              "\tvar s string = 2\n"
              "\t_ = f(1, 2)\n"
              "\t_ = s + 1\n"
              "}\n");
    ck_assert(has_diag("4:17: cannot use 2 (untyped int constant) as string value in variable declaration"));
    ck_assert(has_diag("5:11: too many arguments in call to f\n\thave (number, number)\n\twant (int)"));
    ck_assert(has_diag("6:6: invalid operation: s + 1 (mismatched types string and untyped int)"));
}
END_TEST

START_TEST(test_missing_return_and_branches)
{
    check_src("package main\n"
              "func f(x int) int {\n"
              "\tif x > 0 {\n"
              "\t\treturn 1\n"
              "\t}\n"
              "}\n"
              "func main() {\n"
              "\tbreak\n"
              "\tgoto L\n"
              "L:\n"
              "\tf(1)\n"
              "}\n");
    ck_assert(has_diag("6:1: missing return"));
    ck_assert(has_diag("8:2: break is not in a loop, switch, or select"));
    ck_assert(has_diag("9:2: goto is not supported by mini"));
}
END_TEST

START_TEST(test_untyped_constant_conversion)
{
    Package *p = check_src("package main\n"
                           "func main() {\n"
                           "\tvar f float64 = 1\n"
                           "\tvar s uint = 2\n"
                           "\tx := 1 << s\n"
                           "\tvar y int64 = 1 << s\n"
                           "\t_, _, _ = f, x, y\n"
                           "}\n");
    ck_assert_int_eq(diag_count(last), 0);
    Node *lit = stmt_of(p, "main", 0)->u.decl.decl->u.valuespec.values->items[0];
    ck_assert_int_eq(lit->mode, MODE_CONST);
    ck_assert_int_eq(lit->type->kind, TY_FLOAT64);
    ck_assert_int_eq(lit->cv->kind, CV_FLOAT);
    /* the untyped lhs of a non-constant shift takes the context's type */
    Node *shl = stmt_of(p, "main", 2)->u.assign.rhs->items[0];
    ck_assert_int_eq(shl->type->kind, TY_INT);
    ck_assert_int_eq(shl->u.binary.x->type->kind, TY_INT);
    Node *shl64 = stmt_of(p, "main", 3)->u.decl.decl->u.valuespec.values->items[0];
    ck_assert_int_eq(shl64->u.binary.x->type->kind, TY_INT64);
}
END_TEST

START_TEST(test_object_flags)
{
    Package *p = check_src("package main\n"
                           "var g int\n"
                           "func main() {\n"
                           "\ta, b := 1, 2\n"
                           "\tp := &a\n"
                           "\tfunc() { b++ }()\n"
                           "\t_, _ = p, g\n"
                           "}\n");
    ck_assert_int_eq(diag_count(last), 0);
    Node *def = stmt_of(p, "main", 0);
    Object *a = def->u.assign.lhs->items[0]->obj, *b = def->u.assign.lhs->items[1]->obj;
    ck_assert(a->addr_taken && !a->captured);
    ck_assert(b->captured && !b->addr_taken);
    ck_assert(a->used && b->used);
    ck_assert_ptr_eq(a->func, find_func(p, "main"));
    Object *g = scope_lookup_local(p->scope, "g");
    ck_assert(g && g->is_global);
}
END_TEST

START_TEST(test_init_order)
{
    Package *p = check_src("package main\n"
                           "var a = b + c\n"
                           "var b = f()\n"
                           "var c = 1\n"
                           "func f() int { return c }\n"
                           "func main() {}\n");
    ck_assert_int_eq(diag_count(last), 0);
    ck_assert_int_eq(p->nvars_init, 3);
    ck_assert_str_eq(p->vars_init_order[0]->name, "c");
    ck_assert_str_eq(p->vars_init_order[1]->name, "b");
    ck_assert_str_eq(p->vars_init_order[2]->name, "a");
}
END_TEST

START_TEST(test_init_cycle)
{
    check_src("package main\n"
              "var x = y\n"
              "var y = x\n"
              "func main() {}\n");
    ck_assert(has_diag("2:5: initialization loop for x\n\tt.go:2:5: x refers to\n\tt.go:3:5: y refers to\n\tt.go:2:5: x"));
}
END_TEST

START_TEST(test_promoted_selector)
{
    Package *p = check_src("package main\n"
                           "type In struct{ v int }\n"
                           "type Out struct{ x int; *In }\n"
                           "func main() {\n"
                           "\tvar o Out\n"
                           "\t_ = o.v\n"
                           "}\n");
    ck_assert_int_eq(diag_count(last), 0);
    Node *sel = stmt_of(p, "main", 1)->u.assign.rhs->items[0];
    ck_assert_int_eq(sel->kind, E_SELECTOR);
    ck_assert_int_eq(sel->u.selector.pathlen, 2);
    ck_assert_int_eq(sel->u.selector.path[0], 1);
    ck_assert_int_eq(sel->u.selector.path[1], 0);
    ck_assert(sel->u.selector.indirect);
    ck_assert_int_eq(sel->mode, MODE_VAR);
}
END_TEST

START_TEST(test_not_supported)
{
    check_src("package main\n"
              "import \"unsafe\"\n"
              "type T struct{ a int `json:\"a\"` }\n"
              "func main() {\n"
              "\t_ = 2i\n"
              "}\n");
    ck_assert(has_diag("2:8: package unsafe is not supported by mini"));
    ck_assert(has_diag("3:22: struct tags are not supported by mini"));
    ck_assert(has_diag("5:6: complex numbers are not supported by mini"));
}
END_TEST

START_TEST(test_deep_nesting)
{
    /* 10000 nested parentheses must not overflow the C stack */
    enum { N = 10000 };
    char *src = GC_MALLOC_ATOMIC(2 * N + 64);
    char *p = src + sprintf(src, "package main\nvar x = ");
    for (int i = 0; i < N; i++) *p++ = '(';
    *p++ = '1';
    for (int i = 0; i < N; i++) *p++ = ')';
    strcpy(p, "\nfunc main() {}\n");
    size_t n = strlen(src);
    last = diag_new("t.go");
    Node *file = parse_file("t.go", src, n, last);
    if (diag_count(last) == 0) check_program(file, last);
    /* either the parser or the checker reports the nesting; no crash */
    ck_assert_int_ge(diag_count(last), 0);
}
END_TEST

START_TEST(test_native_package)
{
    Package *p = package_import("strings", last = diag_new("t.go"));
    ck_assert_ptr_nonnull(p);
    ck_assert(p->native);
    ck_assert_ptr_nonnull(scope_lookup_local(p->scope, "ToUpper"));
    ck_assert_ptr_eq(package_import("strings", last), p);   /* cached */
    ck_assert_ptr_null(package_import("no/such", last));
}
END_TEST

int main(void)
{
    GC_INIT();
    Suite *s = suite_create("checker");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 20);
    tcase_add_test(tc, test_clean_program);
    tcase_add_test(tc, test_unused_and_imports);
    tcase_add_test(tc, test_mismatch_messages);
    tcase_add_test(tc, test_missing_return_and_branches);
    tcase_add_test(tc, test_untyped_constant_conversion);
    tcase_add_test(tc, test_object_flags);
    tcase_add_test(tc, test_init_order);
    tcase_add_test(tc, test_init_cycle);
    tcase_add_test(tc, test_promoted_selector);
    tcase_add_test(tc, test_not_supported);
    tcase_add_test(tc, test_deep_nesting);
    tcase_add_test(tc, test_native_package);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? 0 : 1;
}
