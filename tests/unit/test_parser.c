/* test_parser.c — Check unit tests for grammar/parser.y: the AST shape of
 * each construct, the composite-literal/body ambiguity, and gc-worded
 * syntax errors. Trees are compared in ast_dump's form with whitespace
 * collapsed, e.g. "(Binary 3:8 + :x (Ident 3:6 a) :y (Ident 3:10 b))". */
#include <check.h>
#include <gc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

static Diags *last_diags;

/* Parses "package main; func f() { BODY }" and returns the dump of the body. */
static char *dump_of(Node *n)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ast_dump(n, f);
    fclose(f);
    /* collapse runs of whitespace (newlines, indentation) into one space */
    char *out = GC_MALLOC_ATOMIC(len + 1), *o = out;
    bool space = false;
    for (char *p = buf; *p; p++) {
        if (*p == ' ' || *p == '\n') { space = true; continue; }
        if (space && o != out && *p != ')') *o++ = ' ';
        space = false;
        *o++ = *p;
    }
    *o = 0;
    free(buf);
    return out;
}

static Node *parse_src(const char *src)
{
    char *copy = GC_MALLOC_ATOMIC(strlen(src) + 1);
    strcpy(copy, src);
    last_diags = diag_new("t.go");
    return parse_file("t.go", copy, strlen(copy), last_diags);
}

static char *body(const char *stmts)
{
    char *src = ast_sprintf("package main\nfunc f() {\n%s\n}\n", stmts);
    Node *file = parse_src(src);
    ck_assert_msg(diag_count(last_diags) == 0, "unexpected error: %s", last_diags->len ? last_diags->items[0].msg : "");
    Node *fn = file->u.file.decls->items[0];
    return dump_of(fn->u.funcdecl.body);
}

static const char *error_of(const char *src)
{
    parse_src(src);
    if (diag_count(last_diags) == 0)
        return "";
    Diag *d = &last_diags->items[0];
    return ast_sprintf("%d:%d: %s", d->pos.line, d->pos.col, d->msg);
}

#define HAS(hay, needle) ck_assert_msg(strstr((hay), (needle)) != NULL, "%s\n  not in\n%s", (needle), (hay))

START_TEST(test_precedence)
{
    char *d = body("x = a + b*c == d && e || f");
    HAS(d, "(Binary 3:23 || :x (Binary 3:18 && :x (Binary 3:13 == :x (Binary 3:7 + :x (Ident 3:5 a) "
           ":y (Binary 3:10 * :x (Ident 3:9 b) :y (Ident 3:11 c))) :y (Ident 3:16 d))");
    d = body("x = -a.b[1](2)");
    HAS(d, "(Unary 3:5 - :x (Call 3:12 :fun (Index 3:9 :x (Selector 3:7 :x (Ident 3:6 a) :sel (Ident 3:8 b)) "
           ":index (IntLit 3:10 1)) :args (IntLit 3:13 2)))");
    d = body("x = *p + <-c");
    HAS(d, "(Binary 3:8 + :x (Star 3:5 :x (Ident 3:6 p)) :y (Unary 3:10 <- :x (Ident 3:12 c)))");
}
END_TEST

START_TEST(test_statements)
{
    char *d = body("x, y := 1, 2\nx += 3\ni++\nc <- v\nf()\ngo g()\ndefer h()\nreturn");
    HAS(d, "(Assign 3:6 := :lhs (Ident 3:1 x) (Ident 3:4 y) :rhs (IntLit 3:9 1) (IntLit 3:12 2))");
    HAS(d, "(Assign 4:3 += ");
    HAS(d, "(IncDec 5:2 ++ :x (Ident 5:1 i))");
    HAS(d, "(Send 6:3 <- :x (Ident 6:1 c) :y (Ident 6:6 v))");
    HAS(d, "(Go 8:1 :call (Call 8:5");
    HAS(d, "(Defer 9:1 :call (Call 9:8");
    HAS(d, "(Return 10:1 :results)");
    d = body("L: for { break L; continue L }\nfallthrough");
    HAS(d, "(Labeled 3:1 :label (Ident 3:1 L) :stmt (For 3:4 :body (Block 3:8 :stmts (Branch 3:10 break :label (Ident 3:16 L)) (Branch 3:19 continue :label (Ident 3:28 L)))))");
    HAS(d, "(Branch 4:1 fallthrough)");
}
END_TEST

START_TEST(test_control)
{
    char *d = body("if x := f(); x > 0 { } else if y { } else { }");
    HAS(d, "(If 3:1 :init (Assign 3:6 := ");
    HAS(d, ":cond (Binary 3:16 > ");
    HAS(d, ":else (If 3:29 :cond (Ident 3:32 y) :then (Block 3:34 :stmts) :else (Block 3:43 :stmts)))");
    d = body("for i := 0; i < n; i++ { }");
    HAS(d, "(For 3:1 :init (Assign 3:7 := ");
    HAS(d, ":post (IncDec 3:21 ++");
    d = body("for k, v := range m { }\nfor range c { }\nfor i = range s { }");
    HAS(d, "(Range 3:1 := :key (Ident 3:5 k) :value (Ident 3:8 v) :x (Ident 3:19 m) :body (Block 3:21 :stmts))");
    HAS(d, "(Range 4:1 :x (Ident 4:11 c)");
    HAS(d, "(Range 5:1 = :key (Ident 5:5 i) :x (Ident 5:15 s)");
    d = body("switch x := 1; x { case 1, 2: f(); fallthrough\ndefault: }");
    HAS(d, "(Switch 3:1 :init (Assign 3:10 := ");
    HAS(d, ":tag (Ident 3:16 x) :body (Block 3:1 :stmts (Case 3:20 :list (IntLit 3:25 1) (IntLit 3:28 2)");
    HAS(d, "(Case 4:1 default");
    d = body("switch v := x.(type) { case int, []string, nil: }");
    HAS(d, "(TypeSwitch 3:1 :assign (Assign 3:10 := :lhs (Ident 3:8 v) :rhs (TypeAssert 3:14 :x (Ident 3:13 x)))");
    HAS(d, ":list (Ident 3:29 int) (ArrayType 3:34 :elem (Ident 3:36 string)) (Ident 3:44 nil)");
    d = body("select { case v, ok := <-c: case c <- 1: case <-d: default: }");
    HAS(d, "(Select 3:1 :body (Block 3:1 :stmts (Comm 3:10 :comm (Assign 3:21 := ");
    HAS(d, "(Comm 3:29 :comm (Send 3:36 <- :x (Ident 3:34 c) :y (IntLit 3:39 1)) :body)");
    HAS(d, "(Comm 3:42 :comm (ExprStmt 3:47 :x (Unary 3:47 <- :x (Ident 3:49 d))) :body)");
    HAS(d, "(Comm 3:52 default :body)");
}
END_TEST

START_TEST(test_composite_ambiguity)
{
    /* T{} in an if header is not a literal: the { opens the body */
    char *d = body("if x == T { }");
    HAS(d, ":cond (Binary 3:6 == :x (Ident 3:4 x) :y (Ident 3:9 T)) :then (Block 3:11 :stmts)");
    /* explicit composite types and parenthesized names are literals */
    d = body("for _, v := range []int{1, 2} { }");
    HAS(d, ":x (CompositeLit 3:24 :type (ArrayType 3:19 :elem (Ident 3:21 int)) :elts (IntLit 3:25 1) (IntLit 3:28 2)) :body (Block 3:31 :stmts)");
    d = body("if f(T{1}) { }\nif x := (T{}); x.a { }");
    HAS(d, ":cond (Call 3:5 :fun (Ident 3:4 f) :args (CompositeLit 3:7 :type (Ident 3:6 T)");
    HAS(d, "(CompositeLit 4:11 :type (Ident 4:10 T) :elts)");
    d = body("if func() bool { return true }() { }");
    HAS(d, ":cond (Call 3:31 :fun (FuncLit 3:4");
    HAS(d, ":then (Block 3:34 :stmts)");
    ck_assert_str_eq(error_of("package main\nfunc f() {\n\tif x == T{} {\n\t}\n}\n"),
                     "3:14: syntax error: unexpected { at end of statement");
}
END_TEST

START_TEST(test_literals_and_types)
{
    char *d = body("x := map[string][]int{\"a\": {1}, \"b\": nil}");
    HAS(d, "(CompositeLit 3:22 :type (MapType 3:6 :key (Ident 3:10 string) :elem (ArrayType 3:17 :elem (Ident 3:19 int))) "
           ":elts (KeyValue 3:26 :x (StringLit 3:23 \"a\") :y (CompositeLit 3:28 :elts (IntLit 3:29 1)))");
    d = body("p := &Point{X: 1}\na := [...]int{1}\ns := struct{ a, b int }{}");
    HAS(d, "(Unary 3:6 & :x (CompositeLit 3:12 :type (Ident 3:7 Point) :elts (KeyValue 3:14");
    HAS(d, "(ArrayType 4:6 :len (Ellipsis 4:7) :elem (Ident 4:11 int))");
    HAS(d, "(StructType 5:6 :fields (Field 5:14 :names (Ident 5:14 a) (Ident 5:17 b) :type (Ident 5:19 int)))");
    d = body("var c chan<- int\nvar r <-chan int\nvar f func(int, ...string) (int, error)");
    HAS(d, "(ChanType 3:7 dir=1 :elem (Ident 3:14 int))");
    HAS(d, "(ChanType 4:7 dir=2 :elem (Ident 4:14 int))");
    HAS(d, "(FuncType 5:7 :params (Field 5:12 :type (Ident 5:12 int)) (Field 5:17 :type (Ellipsis 5:17 :x (Ident 5:20 string))) "
           ":results (Field 5:29 :type (Ident 5:29 int)) (Field 5:34 :type (Ident 5:34 error)))");
    d = body("y := []byte(s)\nz := (*T)(p)\nw := (func()(x))(f)");
    HAS(d, "(Call 3:12 :fun (ArrayType 3:6 :elem (Ident 3:8 byte)) :args (Ident 3:13 s))");
    HAS(d, "(Call 4:10 :fun (Paren 4:6 :x (Star 4:7 :x (Ident 4:8 T))) :args (Ident 4:11 p))");
    /* func()(x) is a function type with result x, as the spec says */
    HAS(d, "(FuncType 5:7 :params :results (Field 5:14 :type (Ident 5:14 x)))");
}
END_TEST

START_TEST(test_declarations)
{
    Node *f = parse_src("package main\nimport (\n\t\"fmt\"\n\tstr \"strings\"\n)\n"
                        "const (\n\tA = iota\n\tB\n)\ntype (\n\tT struct{ x int; E }\n\tI interface{ M(a int) error; fmt.Stringer }\n)\n"
                        "var v, w = 1, 2\nfunc (t *T) M(a, b int, c string) (r int) { return }\n");
    ck_assert_int_eq(diag_count(last_diags), 0);
    char *d = dump_of(f);
    HAS(d, ":imports (Import 3:2 :path (StringLit 3:2 \"fmt\")) (Import 4:2 :name (Ident 4:2 str) :path (StringLit 4:6 \"strings\"))");
    HAS(d, "(Const 7:2 iota=0 :names (Ident 7:2 A) :values (Ident 7:6 iota)) (Const 8:2 iota=1 implicit :names (Ident 8:2 B) :values (Ident 7:6 iota))");
    HAS(d, "(Field 11:19 embedded :type (Ident 11:19 E))");
    HAS(d, "(Field 12:34 embedded :type (Selector 12:34 :x (Ident 12:31 fmt) :sel (Ident 12:35 Stringer)))");
    HAS(d, "(Func 15:1 :recv (Field 15:7 :names (Ident 15:7 t) :type (Star 15:9 :x (Ident 15:10 T))) :name (Ident 15:13 M) "
           ":type (FuncType 15:1 :params (Field 15:15 :names (Ident 15:15 a) (Ident 15:18 b) :type (Ident 15:20 int)) "
           "(Field 15:25 :names (Ident 15:25 c) :type (Ident 15:27 string)) :results (Field 15:36 :names (Ident 15:36 r) :type (Ident 15:38 int)))");
}
END_TEST

START_TEST(test_syntax_errors)
{
    ck_assert_str_eq(error_of("package main\nfunc main() {\n\tf(a b)\n}\n"),
                     "3:6: syntax error: unexpected b in argument list; possibly missing comma or )");
    ck_assert_str_eq(error_of("package main\nfunc f(a int b int) {}\n"),
                     "2:14: syntax error: unexpected b in parameter list; possibly missing comma or )");
    ck_assert_str_eq(error_of("package main\nfunc main() {\n\tx := []int{1,\n\t2\n\t}\n}\n"),
                     "4:3: syntax error: unexpected newline in composite literal; possibly missing comma or }");
    ck_assert_str_eq(error_of("package main\nfunc main() {\n\tif x == 1\n\t{\n\t}\n}\n"),
                     "3:11: syntax error: unexpected newline, expecting { after if clause");
    ck_assert_str_eq(error_of("package main\nfunc main()\n{\n}\n"),
                     "3:1: syntax error: unexpected semicolon or newline before {");
    ck_assert_str_eq(error_of("package main\nx := 1\n"),
                     "2:1: syntax error: non-declaration statement outside function body");
    ck_assert_str_eq(error_of("package main\nfunc main() {\n\tx := 1 +\n}\n"),
                     "4:1: syntax error: unexpected }, expecting expression");
    ck_assert_str_eq(error_of("package main\nfunc main() {\n\tfor {\n}\n"),
                     "5:1: syntax error: unexpected EOF, expecting }");
    ck_assert_str_eq(error_of("package main\nfunc main() {\n\tif x := 1 {\n\t}\n}\n"),
                     "3:7: syntax error: cannot use x := 1 as value");
    /* several errors are reported, one per line at most */
    parse_src("package main\nfunc main() {\n\tf(a b)\n\tg(c d)\n}\n");
    ck_assert_int_eq(diag_count(last_diags), 2);
}
END_TEST

START_TEST(test_deep_nesting)
{
    /* deep nesting must end in an error, not a crashed C stack */
    size_t n = 200000;
    char *src = GC_MALLOC_ATOMIC(n * 2 + 64);
    strcpy(src, "package main\nvar x = ");
    size_t k = strlen(src);
    for (size_t i = 0; i < n; i++) src[k++] = '(';
    src[k++] = '1';
    for (size_t i = 0; i < n; i++) src[k++] = ')';
    src[k] = 0;
    last_diags = diag_new("t.go");
    parse_file("t.go", src, k, last_diags);
    ck_assert_int_gt(diag_count(last_diags), 0);
}
END_TEST

int main(void)
{
    GC_INIT();
    Suite *s = suite_create("parser");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_precedence);
    tcase_add_test(tc, test_statements);
    tcase_add_test(tc, test_control);
    tcase_add_test(tc, test_composite_ambiguity);
    tcase_add_test(tc, test_literals_and_types);
    tcase_add_test(tc, test_declarations);
    tcase_add_test(tc, test_syntax_errors);
    tcase_add_test(tc, test_deep_nesting);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
