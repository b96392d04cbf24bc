/* parser.y — the Bison grammar of mini's Go subset.
 *
 * Go: the LALR(1) grammar of Go's own yacc-era compiler (src/cmd/gc/go.y,
 * Go 1.4), whose tricks this file reuses, and cmd/compile/internal/syntax for
 * the AST positions and the wording of syntax errors.
 *
 * The composite-literal/block ambiguity: in `if x == T{} {` the first '{'
 * could open a literal or the body. Go's rule is that it opens the body. The
 * lexer turns the first '{' at bracket depth 0 after if/for/switch/select into
 * LBODY (see lexer.h, loophack); bodies require LBODY, a literal after a type
 * name requires '{'. Literals of explicit composite types ([]T{, map[K]V{,
 * struct{...}{) and func literals accept either; when they swallowed the
 * LBODY they re-arm the lexer so the real body's '{' is an LBODY again.
 *
 * Types inside expressions: names, *T and (T) parse as expressions (the
 * checker decides what they denote); the other type forms appear as operands
 * of conversions and literals. func() followed by '(' is a function type with
 * a parenthesized result, as the spec says (NotParen).
 */
%code top {
/* Bison grows its stacks with YYMALLOC when a program nests deeper than
   YYINITDEPTH. The value stack holds the only pointers to half-built AST
   nodes, and Boehm does not scan malloc'd memory: the stacks must live in
   Boehm's heap or those nodes are collected under the parser's feet. */
#include <gc.h>
#define YYMALLOC GC_MALLOC
#define YYFREE GC_FREE
}

%code requires {
#include "ast.h"
#include "diag.h"
typedef struct Lexer Lexer;
}

%code provides {
int yylex(YYSTYPE *lval, YYLTYPE *lloc, Lexer *lx);
}

%code {
static void yyerror(YYLTYPE *loc, Lexer *lx, Node **result, const char *msg);
#include <stdlib.h>
#include <string.h>
#include "lexer.h"
#include "parse_util.h"

#define P(loc) ((Pos){ (loc).first_line, (loc).first_column })
}

%define api.pure full
%locations
%lex-param {Lexer *lx}
%parse-param {Lexer *lx} {Node **result}
%define parse.error custom
%define parse.lac full
%define lr.type ielr
%expect 0

%union {
    Node *node;
    NodeList *list;
    int tok;
}

%token <node> IDENT INT FLOAT IMAG CHAR STRING
%token SHL SHR AND_NOT
%token ADD_ASSIGN SUB_ASSIGN MUL_ASSIGN QUO_ASSIGN REM_ASSIGN
%token AND_ASSIGN OR_ASSIGN XOR_ASSIGN SHL_ASSIGN SHR_ASSIGN AND_NOT_ASSIGN
%token LAND LOR ARROW INC DEC EQL NEQ LEQ GEQ DEFINE ELLIPSIS
%token BREAK CASE CHAN CONST CONTINUE DEFAULT DEFER ELSE FALLTHROUGH FOR FUNC GO GOTO IF IMPORT
%token INTERFACE MAP PACKAGE RANGE RETURN SELECT STRUCT SWITCH TYPE VAR
%token LBODY

%type <node> file package_clause import_spec top_decl func_decl
%type <node> common_decl var_spec const_spec type_spec
%type <list> import_decls import_decl import_spec_list top_decls
%type <list> var_spec_list const_spec_list type_spec_list
%type <node> expr uexpr pexpr pexpr_no_paren pseudocall expr_or_type non_expr_type
%type <node> oexpr literal name sym new_name complit_body bare_complitexpr complitexpr keyval
%type <list> expr_list oexpr_list expr_or_type_list keyval_list braced_keyval_list
%type <node> ntype non_recvchantype recvchantype othertype ptrtype fntype fnret_type dotname
%type <node> structtype interfacetype convtype comptype fnliteral fnlitdcl
%type <list> new_name_list structdcl_list structdcl interfacedcl_list
%type <node> interfacedcl embed oliteral
%type <list> oarg_type_list_ocomma arg_type_list fnres
%type <node> arg_type name_or_type
%type <node> stmt non_dcl_stmt simple_stmt osimple_stmt compound_stmt loop_body
%type <node> if_stmt else_opt for_stmt for_header range_stmt switch_stmt select_stmt
%type <node> case_clause labelname olabel fnbody if_header
%type <list> stmt_list case_list
%type <tok> lbrace assign_op

/* Error recovery (bison -Wno-other: this destructor makes { look valued). gc recovers from an error inside a list (a literal, an
   argument list, a header before its body) by skipping to the list's closing
   bracket, and from other errors by skipping tokens to the next ';', '}' or
   statement keyword without regard to nesting. To match its follow-on
   errors, a '{' thrown away while recovering from a list error takes its
   matching '}' with it (the lexer swallows that one); other errors throw
   braces away unbalanced, as gc does. */
%destructor { if (lx->balanced_recovery) lx->skipbraces++; } '{' LBODY

%precedence NotParen
%precedence '('

%left ARROW
%left LOR
%left LAND
%left EQL NEQ '<' LEQ '>' GEQ
%left '+' '-' '|' '^'
%left '*' '/' '%' '&' SHL SHR AND_NOT

%%

file:
    package_clause import_decls top_decls
    {
        $$ = ast_new(N_FILE, P(@1));
        $$->u.file.filename = lx->filename;
        $$->u.file.package = $1;
        $$->u.file.imports = $2;
        $$->u.file.decls = $3;
        *result = $$;
    }
;

package_clause:
    PACKAGE sym ';'   { $$ = $2; }
  | error ';'         { $$ = NULL; }
;

import_decls:
    %empty                          { $$ = ast_list_new(); }
  | import_decls import_decl ';'    { $$ = $1; for (int i = 0; i < $2->len; i++) ast_list_push($$, $2->items[i]); }
;

import_decl:
    IMPORT import_spec                           { $$ = ast_list_append(NULL, $2); }
  | IMPORT '(' import_spec_list osemi ')'        { $$ = $3; }
  | IMPORT '(' ')'                               { $$ = ast_list_new(); }
;

import_spec_list:
    import_spec                          { $$ = ast_list_append(NULL, $1); }
  | import_spec_list ';' import_spec     { $$ = ast_list_append($1, $3); }
;

import_spec:
    STRING           { $$ = ast_new(D_IMPORT, P(@1)); $$->u.import.path = $1; }
  | sym STRING       { $$ = ast_new(D_IMPORT, P(@1)); $$->u.import.name = $1; $$->u.import.path = $2; }
  | '.' STRING       { $$ = ast_new(D_IMPORT, P(@1)); $$->u.import.name = ast_ident(P(@1), "."); $$->u.import.path = $2; }
;

top_decls:
    %empty                   { $$ = ast_list_new(); }
  | top_decls top_decl ';'   { $$ = $1; pu_push_decl($$, $2); }
  | top_decls error ';'      { $$ = $1; }
;

top_decl:
    common_decl   { $$ = $1; }
  | func_decl     { $$ = $1; }
;

/* ---------------- declarations ---------------- */

common_decl:
    VAR var_spec                                  { $$ = $2; }
  | VAR '(' var_spec_list osemi ')'              { $$ = pu_group(VAR, P(@1), $3); }
  | VAR '(' ')'                                   { $$ = pu_group(VAR, P(@1), ast_list_new()); }
  | CONST const_spec                              { $$ = pu_group(CONST, P(@1), pu_const_list(lx, ast_list_append(NULL, $2))); }
  | CONST '(' const_spec_list osemi ')'          { $$ = pu_group(CONST, P(@1), pu_const_list(lx, $3)); }
  | CONST '(' ')'                                 { $$ = pu_group(CONST, P(@1), ast_list_new()); }
  | TYPE type_spec                                { $$ = $2; }
  | TYPE '(' type_spec_list osemi ')'            { $$ = pu_group(TYPE, P(@1), $3); }
  | TYPE '(' ')'                                  { $$ = pu_group(TYPE, P(@1), ast_list_new()); }
;

var_spec_list:
    var_spec                       { $$ = ast_list_append(NULL, $1); }
  | var_spec_list ';' var_spec     { $$ = ast_list_append($1, $3); }
;

const_spec_list:
    const_spec                       { $$ = ast_list_append(NULL, $1); }
  | const_spec_list ';' const_spec   { $$ = ast_list_append($1, $3); }
;

type_spec_list:
    type_spec                      { $$ = ast_list_append(NULL, $1); }
  | type_spec_list ';' type_spec   { $$ = ast_list_append($1, $3); }
;

var_spec:
    new_name_list ntype                    { $$ = pu_valuespec(D_VAR, $1, $2, NULL); }
  | new_name_list ntype '=' expr_list      { $$ = pu_valuespec(D_VAR, $1, $2, $4); }
  | new_name_list '=' expr_list            { $$ = pu_valuespec(D_VAR, $1, NULL, $3); }
;

const_spec:
    new_name_list                          { $$ = pu_valuespec(D_CONST, $1, NULL, NULL); }
  | new_name_list ntype                    { $$ = pu_valuespec(D_CONST, $1, $2, NULL); }
  | new_name_list ntype '=' expr_list      { $$ = pu_valuespec(D_CONST, $1, $2, $4); }
  | new_name_list '=' expr_list            { $$ = pu_valuespec(D_CONST, $1, NULL, $3); }
;

type_spec:
    new_name ntype        { $$ = ast_new(D_TYPE, $1->pos); $$->u.typespec.name = $1; $$->u.typespec.type = $2; }
  | new_name '=' ntype    { $$ = ast_new(D_TYPE, $1->pos); $$->u.typespec.name = $1; $$->u.typespec.type = $3; $$->u.typespec.alias = true; }
;

func_decl:
    FUNC new_name '(' oarg_type_list_ocomma ')' fnres fnbody
    {
        $$ = pu_funcdecl(lx, P(@1), NULL, $2, P(@3), $4, $6, $7);
    }
  | FUNC '(' oarg_type_list_ocomma ')' new_name '(' oarg_type_list_ocomma ')' fnres fnbody
    {
        $$ = pu_funcdecl(lx, P(@1), $3 ? $3 : ast_list_new(), $5, P(@6), $7, $9, $10);
    }
;

fnbody:
    %empty                  { $$ = NULL; }
  | '{' stmt_list '}'
    {
        $$ = ast_new(S_BLOCK, P(@1));
        $$->u.block.stmts = $2;
        $$->u.block.rbrace = P(@3);
    }
;

/* ---------------- types ---------------- */

ntype:
    recvchantype    { $$ = $1; }
  | fntype          { $$ = $1; }
  | othertype       { $$ = $1; }
  | ptrtype         { $$ = $1; }
  | dotname         { $$ = $1; }
  | '(' ntype ')'   { $$ = ast_new(E_PAREN, P(@1)); $$->u.unary.x = $2; }
;

non_expr_type:
    recvchantype          { $$ = $1; }
  | fntype                { $$ = $1; }
  | othertype             { $$ = $1; }
  | '*' non_expr_type     { $$ = ast_new(E_STAR, P(@1)); $$->u.unary.x = $2; }
;

non_recvchantype:
    fntype          { $$ = $1; }
  | othertype       { $$ = $1; }
  | ptrtype         { $$ = $1; }
  | dotname         { $$ = $1; }
  | '(' ntype ')'   { $$ = ast_new(E_PAREN, P(@1)); $$->u.unary.x = $2; }
;

convtype:
    fntype      { $$ = $1; }
  | othertype   { $$ = $1; }
;

comptype:
    othertype   { $$ = $1; }
;

fnret_type:
    recvchantype   { $$ = $1; }
  | fntype         { $$ = $1; }
  | othertype      { $$ = $1; }
  | ptrtype        { $$ = $1; }
  | dotname        { $$ = $1; }
;

dotname:
    name              { $$ = $1; }
  | name '.' sym
    {
        $$ = ast_new(E_SELECTOR, P(@2));
        $$->u.selector.x = $1;
        $$->u.selector.sel = $3;
    }
;

othertype:
    '[' oexpr ']' ntype
    {
        $$ = ast_new(T_ARRAY, P(@1));
        $$->u.arraytype.len = $2;
        $$->u.arraytype.elem = $4;
    }
  | '[' ELLIPSIS ']' ntype
    {
        $$ = ast_new(T_ARRAY, P(@1));
        $$->u.arraytype.len = ast_new(E_ELLIPSIS, P(@2));
        $$->u.arraytype.elem = $4;
    }
  | CHAN non_recvchantype
    {
        $$ = ast_new(T_CHAN, P(@1));
        $$->u.chantype.dir = CHAN_BOTH;
        $$->u.chantype.elem = $2;
    }
  | CHAN ARROW ntype
    {
        $$ = ast_new(T_CHAN, P(@1));
        $$->u.chantype.dir = CHAN_SEND;
        $$->u.chantype.elem = $3;
    }
  | MAP '[' ntype ']' ntype
    {
        $$ = ast_new(T_MAP, P(@1));
        $$->u.maptype.key = $3;
        $$->u.maptype.elem = $5;
    }
  | structtype      { $$ = $1; }
  | interfacetype   { $$ = $1; }
;

ptrtype:
    '*' ntype   { $$ = ast_new(E_STAR, P(@1)); $$->u.unary.x = $2; }
;

recvchantype:
    ARROW CHAN ntype
    {
        $$ = ast_new(T_CHAN, P(@1));
        $$->u.chantype.dir = CHAN_RECV;
        $$->u.chantype.elem = $3;
    }
;

structtype:
    STRUCT lbrace structdcl_list osemi '}'
    {
        $$ = ast_new(T_STRUCT, P(@1));
        $$->u.structtype.fields = $3;
        $$->u.structtype.rbrace = P(@5);
        pu_fixlbrace(lx, $2);
    }
  | STRUCT lbrace '}'
    {
        $$ = ast_new(T_STRUCT, P(@1));
        $$->u.structtype.fields = ast_list_new();
        $$->u.structtype.rbrace = P(@3);
        pu_fixlbrace(lx, $2);
    }
;

interfacetype:
    INTERFACE lbrace interfacedcl_list osemi '}'
    {
        $$ = ast_new(T_INTERFACE, P(@1));
        $$->u.structtype.fields = $3;
        $$->u.structtype.rbrace = P(@5);
        pu_fixlbrace(lx, $2);
    }
  | INTERFACE lbrace '}'
    {
        $$ = ast_new(T_INTERFACE, P(@1));
        $$->u.structtype.fields = ast_list_new();
        $$->u.structtype.rbrace = P(@3);
        pu_fixlbrace(lx, $2);
    }
;

structdcl_list:
    structdcl                       { $$ = $1; }
  | structdcl_list ';' structdcl    { $$ = $1; for (int i = 0; i < $3->len; i++) ast_list_push($$, $3->items[i]); }
;

structdcl:
    new_name_list ntype oliteral
    {
        Node *f = ast_new(N_FIELD, $1->items[0]->pos);
        f->u.field.names = $1;
        f->u.field.type = $2;
        f->u.field.tag = $3;
        $$ = ast_list_append(NULL, f);
    }
  | embed oliteral
    {
        Node *f = ast_new(N_FIELD, $1->pos);
        f->u.field.type = $1;
        f->u.field.embedded = true;
        f->u.field.tag = $2;
        $$ = ast_list_append(NULL, f);
    }
  | '*' embed oliteral
    {
        Node *f = ast_new(N_FIELD, P(@1));
        Node *star = ast_new(E_STAR, P(@1));
        star->u.unary.x = $2;
        f->u.field.type = star;
        f->u.field.embedded = true;
        f->u.field.tag = $3;
        $$ = ast_list_append(NULL, f);
    }
;

embed:
    dotname   { $$ = $1; }
;

oliteral:
    %empty    { $$ = NULL; }
  | STRING    { $$ = $1; }
;

interfacedcl_list:
    interfacedcl                         { $$ = ast_list_append(NULL, $1); }
  | interfacedcl_list ';' interfacedcl   { $$ = ast_list_append($1, $3); }
;

interfacedcl:
    new_name '(' oarg_type_list_ocomma ')' fnres
    {
        $$ = ast_new(N_FIELD, $1->pos);
        $$->u.field.names = ast_list_append(NULL, $1);
        Node *ft = ast_new(T_FUNC, P(@2));
        ft->u.functype.params = pu_params(lx, $3);
        ft->u.functype.results = pu_params(lx, $5);
        $$->u.field.type = ft;
    }
  | dotname
    {
        $$ = ast_new(N_FIELD, $1->pos);
        $$->u.field.type = $1;
        $$->u.field.embedded = true;
    }
;

fntype:
    FUNC '(' oarg_type_list_ocomma ')' fnres
    {
        $$ = ast_new(T_FUNC, P(@1));
        $$->u.functype.params = pu_params(lx, $3);
        $$->u.functype.results = pu_params(lx, $5);
    }
;

fnres:
    %empty %prec NotParen                    { $$ = NULL; }
  | fnret_type
    {
        Node *f = ast_new(N_FIELD, $1->pos);
        f->u.field.type = $1;
        $$ = ast_list_append(NULL, f);
    }
  | '(' oarg_type_list_ocomma ')'            { $$ = $2 ? $2 : ast_list_new(); }
;

oarg_type_list_ocomma:
    %empty                    { $$ = NULL; }
  | arg_type_list ocomma      { $$ = $1; }
;

arg_type_list:
    arg_type                      { $$ = ast_list_append(NULL, $1); }
  | arg_type_list ',' arg_type    { $$ = ast_list_append($1, $3); }
;

/* A parameter: [name] Type or [name] ...Type. Which bare entries are names
   and which are types is decided over the whole list in pu_params. */
arg_type:
    name_or_type
    {
        $$ = ast_new(N_FIELD, $1->pos);
        $$->u.field.type = $1;
    }
  | sym name_or_type
    {
        $$ = ast_new(N_FIELD, $1->pos);
        $$->u.field.names = ast_list_append(NULL, $1);
        $$->u.field.type = $2;
    }
  | sym ELLIPSIS ntype
    {
        $$ = ast_new(N_FIELD, $1->pos);
        $$->u.field.names = ast_list_append(NULL, $1);
        Node *e = ast_new(E_ELLIPSIS, P(@2));
        e->u.unary.x = $3;
        $$->u.field.type = e;
    }
  | ELLIPSIS ntype
    {
        $$ = ast_new(N_FIELD, P(@1));
        Node *e = ast_new(E_ELLIPSIS, P(@1));
        e->u.unary.x = $2;
        $$->u.field.type = e;
    }
;

name_or_type:
    ntype   { $$ = $1; }
;

/* ---------------- statements ---------------- */

stmt_list:
    stmt                   { $$ = ast_list_new(); if ($1) ast_list_push($$, $1); }
  | stmt_list ';' stmt     { $$ = $1; if ($3) ast_list_push($$, $3); }
;

stmt:
    %empty          { $$ = NULL; }
  | compound_stmt   { $$ = $1; }
  | common_decl     { $$ = ast_new(S_DECL, $1 ? $1->pos : P(@1)); $$->u.decl.decl = $1; }
  | non_dcl_stmt    { $$ = $1; }
  | error           { $$ = NULL; }
;

compound_stmt:
    '{' stmt_list '}'
    {
        $$ = ast_new(S_BLOCK, P(@1));
        $$->u.block.stmts = $2;
        $$->u.block.rbrace = P(@3);
    }
;

loop_body:
    LBODY stmt_list '}'
    {
        $$ = ast_new(S_BLOCK, P(@1));
        $$->u.block.stmts = $2;
        $$->u.block.rbrace = P(@3);
    }
;

non_dcl_stmt:
    simple_stmt    { $$ = $1; }
  | for_stmt       { $$ = $1; }
  | switch_stmt    { $$ = $1; }
  | select_stmt    { $$ = $1; }
  | if_stmt        { $$ = $1; }
  | labelname ':' stmt
    {
        $$ = ast_new(S_LABELED, $1->pos);
        $$->u.labeled.label = $1;
        $$->u.labeled.stmt = $3;
    }
  | FALLTHROUGH    { $$ = ast_new(S_BRANCH, P(@1)); $$->u.branch.op = FALLTHROUGH; }
  | BREAK olabel   { $$ = ast_new(S_BRANCH, P(@1)); $$->u.branch.op = BREAK; $$->u.branch.label = $2; }
  | CONTINUE olabel { $$ = ast_new(S_BRANCH, P(@1)); $$->u.branch.op = CONTINUE; $$->u.branch.label = $2; }
  | GOTO sym       { $$ = ast_new(S_BRANCH, P(@1)); $$->u.branch.op = GOTO; $$->u.branch.label = $2; }
  | GO expr        { $$ = pu_callstmt(lx, S_GO, P(@1), $2); }
  | DEFER expr     { $$ = pu_callstmt(lx, S_DEFER, P(@1), $2); }
  | RETURN oexpr_list
    {
        $$ = ast_new(S_RETURN, P(@1));
        $$->u.ret.results = $2 ? $2 : ast_list_new();
    }
;


labelname:
    new_name   { $$ = $1; }
;

olabel:
    %empty   { $$ = NULL; }
  | sym      { $$ = $1; }
;

simple_stmt:
    expr
    {
        $$ = pu_exprstmt($1);
    }
  | expr assign_op expr
    {
        $$ = ast_new(S_ASSIGN, P(@2));
        $$->u.assign.lhs = ast_list_append(NULL, $1);
        $$->u.assign.op = $2;
        $$->u.assign.rhs = ast_list_append(NULL, $3);
    }
  | expr_list '=' expr_list
    {
        $$ = ast_new(S_ASSIGN, P(@2));
        $$->u.assign.lhs = $1;
        $$->u.assign.op = '=';
        $$->u.assign.rhs = $3;
    }
  | expr_list DEFINE expr_list
    {
        $$ = ast_new(S_ASSIGN, P(@2));
        $$->u.assign.lhs = $1;
        $$->u.assign.op = DEFINE;
        $$->u.assign.rhs = $3;
    }
  | expr INC
    {
        $$ = ast_new(S_INCDEC, P(@2));
        $$->u.incdec.x = $1;
        $$->u.incdec.op = INC;
    }
  | expr DEC
    {
        $$ = ast_new(S_INCDEC, P(@2));
        $$->u.incdec.x = $1;
        $$->u.incdec.op = DEC;
    }
;

assign_op:
    ADD_ASSIGN { $$ = ADD_ASSIGN; } | SUB_ASSIGN { $$ = SUB_ASSIGN; }
  | MUL_ASSIGN { $$ = MUL_ASSIGN; } | QUO_ASSIGN { $$ = QUO_ASSIGN; }
  | REM_ASSIGN { $$ = REM_ASSIGN; } | AND_ASSIGN { $$ = AND_ASSIGN; }
  | OR_ASSIGN { $$ = OR_ASSIGN; } | XOR_ASSIGN { $$ = XOR_ASSIGN; }
  | SHL_ASSIGN { $$ = SHL_ASSIGN; } | SHR_ASSIGN { $$ = SHR_ASSIGN; }
  | AND_NOT_ASSIGN { $$ = AND_NOT_ASSIGN; }
;

osimple_stmt:
    %empty         { $$ = NULL; }
  | simple_stmt    { $$ = $1; }
;

if_header:
    osimple_stmt
    {
        $$ = ast_new(S_IF, P(@$));
        $$->u.ifstmt.then = $1;   /* the raw header statement until if_stmt/switch_stmt */
    }
  | osimple_stmt ';' osimple_stmt
    {
        $$ = ast_new(S_IF, P(@$));
        $$->u.ifstmt.init = $1;
        $$->u.ifstmt.then = $3;
        if (!$3 && @2.first_line == lx->nlsemi_pos.line && @2.first_column == lx->nlsemi_pos.col) {
            /* `if x\n{`: the newline ended the header; gc words it so */
            pu_error_at(lx, P(@2), ast_sprintf("syntax error: unexpected newline, expecting { after %s clause",
                                               lx->clause ? lx->clause : "if"));
            $$->u.ifstmt.els = $$;   /* marks "reported": if_stmt says nothing more */
        }
    }
;

if_stmt:
    IF if_header loop_body else_opt
    {
        $$ = $2;
        $$->pos = P(@1);
        $$->u.ifstmt.cond = pu_cond(lx, $2->u.ifstmt.then, "if");
        $$->u.ifstmt.then = $3;
        bool reported = $2->u.ifstmt.els == $2;
        $$->u.ifstmt.els = $4;
        if (!$$->u.ifstmt.cond && !reported)
            pu_error_at(lx, P(@3), "syntax error: missing condition in if statement");
    }
;

else_opt:
    %empty                  { $$ = NULL; }
  | ELSE if_stmt            { $$ = $2; }
  | ELSE compound_stmt      { $$ = $2; }
;

for_stmt:
    FOR for_header loop_body
    {
        $$ = $2;
        $$->pos = P(@1);
        if ($$->kind == S_RANGE) $$->u.rangestmt.body = $3;
        else $$->u.forstmt.body = $3;
    }
;

for_header:
    osimple_stmt ';' osimple_stmt ';' osimple_stmt
    {
        $$ = ast_new(S_FOR, P(@$));
        $$->u.forstmt.init = $1;
        $$->u.forstmt.cond = pu_cond(lx, $3, "for");
        $$->u.forstmt.post = $5;
        if ($5 && $5->kind == S_ASSIGN && $5->u.assign.op == DEFINE)
            pu_error_at(lx, $5->pos, "syntax error: cannot declare in post statement of for loop");
    }
  | osimple_stmt
    {
        $$ = ast_new(S_FOR, P(@$));
        $$->u.forstmt.cond = pu_cond(lx, $1, "for");
    }
  | range_stmt   { $$ = $1; }
;

range_stmt:
    expr_list '=' RANGE expr      { $$ = pu_range(lx, $1, '=', $4, P(@3)); }
  | expr_list DEFINE RANGE expr   { $$ = pu_range(lx, $1, DEFINE, $4, P(@3)); }
  | RANGE expr                    { $$ = pu_range(lx, NULL, 0, $2, P(@1)); }
;

switch_stmt:
    SWITCH if_header LBODY case_list '}'
    {
        $$ = pu_switch(lx, P(@1), $2, $4, P(@5));
    }
;

select_stmt:
    SELECT LBODY case_list '}'
    {
        $$ = pu_select(lx, P(@1), $3, P(@4));
    }
;

case_list:
    %empty                   { $$ = ast_list_new(); }
  | case_list case_clause    { $$ = ast_list_append($1, $2); }
;

/* One clause shape for switch and select; pu_switch/pu_select check which
   forms are allowed where. */
case_clause:
    CASE expr_or_type_list ':' stmt_list
    {
        $$ = ast_new(S_CASE, P(@1));
        $$->u.caseclause.list = $2;
        $$->u.caseclause.body = $4;
        $$->u.caseclause.colon = P(@3);
    }
  | CASE expr_or_type_list '=' expr ':' stmt_list
    {
        $$ = ast_new(S_COMM, P(@1));
        Node *a = ast_new(S_ASSIGN, P(@3));
        a->u.assign.lhs = $2;
        a->u.assign.op = '=';
        a->u.assign.rhs = ast_list_append(NULL, $4);
        $$->u.commclause.comm = a;
        $$->u.commclause.body = $6;
        $$->u.commclause.colon = P(@5);
    }
  | CASE expr_or_type_list DEFINE expr ':' stmt_list
    {
        $$ = ast_new(S_COMM, P(@1));
        Node *a = ast_new(S_ASSIGN, P(@3));
        a->u.assign.lhs = $2;
        a->u.assign.op = DEFINE;
        a->u.assign.rhs = ast_list_append(NULL, $4);
        $$->u.commclause.comm = a;
        $$->u.commclause.body = $6;
        $$->u.commclause.colon = P(@5);
    }
  | DEFAULT ':' stmt_list
    {
        $$ = ast_new(S_CASE, P(@1));
        $$->u.caseclause.list = NULL;
        $$->u.caseclause.body = $3;
        $$->u.caseclause.colon = P(@2);
    }
;

/* ---------------- expressions ---------------- */

expr:
    uexpr             { $$ = $1; }
  | expr ARROW expr   { $$ = pu_binary(ARROW, P(@2), $1, $3); }
  | expr LOR expr     { $$ = pu_binary(LOR, P(@2), $1, $3); }
  | expr LAND expr    { $$ = pu_binary(LAND, P(@2), $1, $3); }
  | expr EQL expr     { $$ = pu_binary(EQL, P(@2), $1, $3); }
  | expr NEQ expr     { $$ = pu_binary(NEQ, P(@2), $1, $3); }
  | expr '<' expr     { $$ = pu_binary('<', P(@2), $1, $3); }
  | expr LEQ expr     { $$ = pu_binary(LEQ, P(@2), $1, $3); }
  | expr GEQ expr     { $$ = pu_binary(GEQ, P(@2), $1, $3); }
  | expr '>' expr     { $$ = pu_binary('>', P(@2), $1, $3); }
  | expr '+' expr     { $$ = pu_binary('+', P(@2), $1, $3); }
  | expr '-' expr     { $$ = pu_binary('-', P(@2), $1, $3); }
  | expr '|' expr     { $$ = pu_binary('|', P(@2), $1, $3); }
  | expr '^' expr     { $$ = pu_binary('^', P(@2), $1, $3); }
  | expr '*' expr     { $$ = pu_binary('*', P(@2), $1, $3); }
  | expr '/' expr     { $$ = pu_binary('/', P(@2), $1, $3); }
  | expr '%' expr     { $$ = pu_binary('%', P(@2), $1, $3); }
  | expr '&' expr     { $$ = pu_binary('&', P(@2), $1, $3); }
  | expr AND_NOT expr { $$ = pu_binary(AND_NOT, P(@2), $1, $3); }
  | expr SHL expr     { $$ = pu_binary(SHL, P(@2), $1, $3); }
  | expr SHR expr     { $$ = pu_binary(SHR, P(@2), $1, $3); }
;

uexpr:
    pexpr           { $$ = $1; }
  | '*' uexpr       { $$ = ast_new(E_STAR, P(@1)); $$->u.unary.x = $2; }
  | '&' uexpr       { $$ = pu_unary('&', P(@1), $2); }
  | '+' uexpr       { $$ = pu_unary('+', P(@1), $2); }
  | '-' uexpr       { $$ = pu_unary('-', P(@1), $2); }
  | '!' uexpr       { $$ = pu_unary('!', P(@1), $2); }
  | '^' uexpr       { $$ = pu_unary('^', P(@1), $2); }
  | ARROW uexpr     { $$ = pu_unary(ARROW, P(@1), $2); }
;

pseudocall:
    pexpr '(' ')'
    {
        $$ = ast_new(E_CALL, P(@2));
        $$->u.call.fun = $1;
        $$->u.call.args = ast_list_new();
        $$->u.call.rparen = P(@3);
    }
  | pexpr '(' expr_or_type_list ocomma ')'
    {
        $$ = ast_new(E_CALL, P(@2));
        $$->u.call.fun = $1;
        $$->u.call.args = $3;
        $$->u.call.rparen = P(@5);
    }
  | pexpr '(' expr_or_type_list error ')'
    {
        $$ = ast_new(E_CALL, P(@2));
        $$->u.call.fun = $1;
        $$->u.call.args = $3;
        $$->u.call.rparen = P(@5);
    }
  | pexpr '(' expr_or_type_list ELLIPSIS ocomma ')'
    {
        $$ = ast_new(E_CALL, P(@2));
        $$->u.call.fun = $1;
        $$->u.call.args = $3;
        $$->u.call.ellipsis = true;
        $$->u.call.rparen = P(@6);
    }
;

pexpr_no_paren:
    literal     { $$ = $1; }
  | name        { $$ = $1; }
  | pexpr '.' sym
    {
        $$ = ast_new(E_SELECTOR, P(@2));
        $$->u.selector.x = $1;
        $$->u.selector.sel = $3;
    }
  | pexpr '.' '(' expr_or_type ')'
    {
        $$ = ast_new(E_TYPEASSERT, P(@2));
        $$->u.typeassert.x = $1;
        $$->u.typeassert.type = $4;
    }
  | pexpr '.' '(' TYPE ')'
    {
        $$ = ast_new(E_TYPEASSERT, P(@2));
        $$->u.typeassert.x = $1;
        $$->u.typeassert.type = NULL;
    }
  | pexpr '[' expr ']'
    {
        $$ = ast_new(E_INDEX, P(@2));
        $$->u.index.x = $1;
        $$->u.index.index = $3;
    }
  | pexpr '[' oexpr ':' oexpr ']'
    {
        $$ = ast_new(E_SLICE, P(@2));
        $$->u.slice.x = $1;
        $$->u.slice.lo = $3;
        $$->u.slice.hi = $5;
    }
  | pexpr '[' oexpr ':' oexpr ':' oexpr ']'
    {
        $$ = ast_new(E_SLICE, P(@2));
        $$->u.slice.x = $1;
        $$->u.slice.lo = $3;
        $$->u.slice.hi = $5;
        $$->u.slice.max = $7;
        $$->u.slice.three = true;
        if (!$5) pu_error(lx, P(@6), "middle index required in 3-index slice");
        if (!$7) pu_error(lx, P(@8), "final index required in 3-index slice");
    }
  | pseudocall   { $$ = $1; }
  | convtype '(' expr_or_type_list ocomma ')'
    {
        $$ = ast_new(E_CALL, P(@2));
        $$->u.call.fun = $1;
        $$->u.call.args = $3;
        $$->u.call.rparen = P(@5);
    }
  | convtype '(' ')'
    {
        $$ = ast_new(E_CALL, P(@2));
        $$->u.call.fun = $1;
        $$->u.call.args = ast_list_new();
        $$->u.call.rparen = P(@3);
    }
  | comptype lbrace complit_body '}'
    {
        $$ = $3;
        $$->pos = P(@2);
        $$->u.composite.type = $1;
        $$->u.composite.rbrace = P(@4);
        pu_fixlbrace(lx, $2);
    }
  | pexpr_no_paren '{' complit_body '}'
    {
        $$ = $3;
        $$->pos = P(@2);
        $$->u.composite.type = $1;
        $$->u.composite.rbrace = P(@4);
    }
  | '(' expr_or_type ')' '{' complit_body '}'
    {
        pu_error_at(lx, P(@1), "syntax error: cannot parenthesize type in composite literal");
        $$ = $5;
        $$->u.composite.type = $2;
    }
  | fnliteral   { $$ = $1; }
;

complit_body:
    braced_keyval_list
    {
        $$ = ast_new(E_COMPOSITE, P(@$));
        $$->u.composite.elts = $1;
    }
  | keyval_list error
    {
        $$ = ast_new(E_COMPOSITE, P(@$));
        $$->u.composite.elts = $1;
    }
;

keyval:
    complitexpr ':' complitexpr
    {
        $$ = ast_new(E_KEYVALUE, P(@2));
        $$->u.binary.x = $1;
        $$->u.binary.y = $3;
    }
;

bare_complitexpr:
    expr   { $$ = $1; }
  | '{' complit_body '}'
    {
        $$ = $2;
        $$->pos = P(@1);
        $$->u.composite.rbrace = P(@3);
    }
;

complitexpr:
    expr   { $$ = $1; }
  | '{' complit_body '}'
    {
        $$ = $2;
        $$->pos = P(@1);
        $$->u.composite.rbrace = P(@3);
    }
;

pexpr:
    pexpr_no_paren   { $$ = $1; }
  | '(' expr_or_type ')'
    {
        $$ = ast_new(E_PAREN, P(@1));
        $$->u.unary.x = $2;
    }
;

expr_or_type:
    expr                                   { $$ = $1; }
  | non_expr_type { $$ = $1; }
;


lbrace:
    LBODY   { $$ = LBODY; }
  | '{'     { $$ = '{'; }
;

fnliteral:
    fnlitdcl lbrace stmt_list '}'
    {
        $$ = ast_new(E_FUNCLIT, $1->pos);
        $$->u.funclit.type = $1;
        Node *b = ast_new(S_BLOCK, P(@2));
        b->u.block.stmts = $3;
        b->u.block.rbrace = P(@4);
        $$->u.funclit.body = b;
        pu_fixlbrace(lx, $2);
    }
;

fnlitdcl:
    fntype   { $$ = $1; }
;

literal:
    INT      { $$ = $1; }
  | FLOAT    { $$ = $1; }
  | IMAG     { $$ = $1; }
  | CHAR     { $$ = $1; }
  | STRING   { $$ = $1; }
;

sym:
    IDENT    { $$ = $1; }
;

name:
    sym %prec NotParen   { $$ = $1; }
;

new_name:
    sym      { $$ = $1; }
;

new_name_list:
    new_name                     { $$ = ast_list_append(NULL, $1); }
  | new_name_list ',' new_name   { $$ = ast_list_append($1, $3); }
;

oexpr:
    %empty   { $$ = NULL; }
  | expr     { $$ = $1; }
;

expr_list:
    expr                  { $$ = ast_list_append(NULL, $1); }
  | expr_list ',' expr    { $$ = ast_list_append($1, $3); }
;

oexpr_list:
    %empty      { $$ = NULL; }
  | expr_list   { $$ = $1; }
;

expr_or_type_list:
    expr_or_type                         { $$ = ast_list_append(NULL, $1); }
  | expr_or_type_list ',' expr_or_type   { $$ = ast_list_append($1, $3); }
;

keyval_list:
    keyval                               { $$ = ast_list_append(NULL, $1); }
  | bare_complitexpr                     { $$ = ast_list_append(NULL, $1); }
  | keyval_list ',' keyval               { $$ = ast_list_append($1, $3); }
  | keyval_list ',' bare_complitexpr     { $$ = ast_list_append($1, $3); }
;

braced_keyval_list:
    %empty                  { $$ = ast_list_new(); }
  | keyval_list ocomma      { $$ = $1; }
;

osemi:
    %empty
  | ';'
;

ocomma:
    %empty
  | ','
;

%%

/* ---------------- syntax errors in gc's words ---------------- */

static bool expects(const yysymbol_kind_t *exp, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(yysymbol_name(exp[i]), name) == 0)
            return true;
    return false;
}

/* gc's name for a token in "expecting X". */
static const char *token_name(yysymbol_kind_t sym)
{
    const char *n = yysymbol_name(sym);
    if (strcmp(n, "IDENT") == 0) return "name";
    if (strcmp(n, "';'") == 0) return "semicolon or newline";
    if (strcmp(n, "','") == 0) return "comma";
    if (strcmp(n, "LBODY") == 0) return "{";
    if (n[0] == '\'' && n[2] == '\'') {
        static char buf[2];
        buf[0] = n[1];
        buf[1] = 0;
        return ast_strdup(buf);
    }
    return pu_symname_text(n);
}

static int yyreport_syntax_error(const yypcontext_t *ctx, Lexer *lx, Node **result)
{
    (void)result;
    yysymbol_kind_t exp[YYNTOKENS];
    int n = yypcontext_expected_tokens(ctx, exp, YYNTOKENS);
    if (n < 0)
        return n;
    const YYLTYPE *loc = yypcontext_location(ctx);
    Pos pos = { loc->first_line, loc->first_column };
    const char *tok = pu_describe(lx->lasttok, lx->lasttext);

    bool comma = expects(exp, n, "','");
    bool rparen = expects(exp, n, "')'");
    bool rbrace = expects(exp, n, "'}'");
    bool semi = expects(exp, n, "';'");
    bool binop = expects(exp, n, "'/'");   /* '/' cannot start an operand, '+' can */
    bool exprstart = expects(exp, n, "INT") && expects(exp, n, "IDENT");
    bool lbody = expects(exp, n, "LBODY");
    char brace = lx->nbraces > 0 ? lx->braces[lx->nbraces - 1] : 0;
    const char *msg;
    if (pos.line == lx->errline)
        return 0;   /* gc keeps one syntax error per line; recover as for the first */
    lx->balanced_recovery = true;

    /* func F[T any] / type G[T any]: a type parameter list */
    if (lx->hist[5] == IDENT && lx->hist[4] == IDENT && lx->hist[3] == '[' && lx->hist[2] == IDENT &&
        lx->hist[1] == TYPE) {
        pu_error_at(lx, lx->histpos[3], "generic types are not supported by mini");
        return 0;
    }
    if (lx->hist[5] == '[' && lx->hist[4] == IDENT && lx->hist[3] == FUNC) {
        pu_error_at(lx, lx->histpos[5], "generic functions are not supported by mini");
        return 0;
    }
    if (lx->lasttok == '{' && lx->prevtok == ';') {
        pu_error_at(lx, pos, "syntax error: unexpected semicolon or newline before {");
        return 0;
    }
    if (lx->prevtok == ELSE) {
        pu_error_at(lx, pos, "syntax error: else must be followed by if or statement block");
        return 0;
    }
    if (lx->prevtok == FOR && lx->lasttok == VAR) {
        pu_error_at(lx, pos, "syntax error: var declaration not allowed in for initializer");
        return 0;
    }
    if (expects(exp, n, "FUNC") && expects(exp, n, "VAR") && expects(exp, n, "TYPE") &&
        !expects(exp, n, "IDENT")) {
        if (lx->lasttok != 0)
            pu_error_at(lx, pos, "syntax error: non-declaration statement outside function body");
        else
            pu_error_at(lx, pos, ast_sprintf("syntax error: unexpected %s", tok));
        return 0;
    }
    if (comma && rparen)
        msg = binop ? " in argument list; possibly missing comma or )"
                    : " in parameter list; possibly missing comma or )";
    else if (comma && rbrace && !semi)
        msg = " in composite literal; possibly missing comma or }";
    else if (lbody && (!exprstart || lx->lasttok == ';'))
        msg = (lx->lasttok == ';' || lx->lasttok == 0)
                  ? ast_sprintf(", expecting { after %s clause", lx->clause ? lx->clause : "for")
                  : ", expecting {";
    else if (semi && rbrace && (brace == 's' || brace == 'i') && !exprstart)
        msg = brace == 's' ? " in struct type; possibly missing semicolon or newline or }"
                           : " in interface type; possibly missing semicolon or newline or }";
    else if (rbrace && lx->lasttok == 0)
        msg = ", expecting }";
    else if (semi && rbrace && !exprstart)
        msg = " at end of statement";
    else if (semi && rbrace && exprstart)
        msg = ", expecting }";
    else if (semi && binop && !exprstart && !rbrace)
        msg = " after top level declaration";
    else if (exprstart && !expects(exp, n, "MAP"))
        msg = ", expecting expression";
    else if (exprstart || (expects(exp, n, "MAP") && expects(exp, n, "CHAN")))
        msg = exprstart ? ", expecting expression" : ", expecting type";
    else if (n == 1)
        msg = ast_sprintf(", expecting %s", token_name(exp[0]));
    else if (n == 2)
        msg = ast_sprintf(", expecting %s or %s", token_name(exp[0]), token_name(exp[1]));
    else
        msg = "";
    lx->balanced_recovery = strcmp(msg, " at end of statement") != 0 && strcmp(msg, ", expecting (") != 0;
    pu_error_at(lx, pos, ast_sprintf("syntax error: unexpected %s%s", tok, msg));
    return 0;
}

static void yyerror(YYLTYPE *loc, Lexer *lx, Node **result, const char *msg)
{
    (void)result;
    Pos pos = { loc->first_line, loc->first_column };
    if (strstr(msg, "exhausted"))
        pu_error_at(lx, pos, "syntax error: program too deeply nested for mini");
    else
        pu_error_at(lx, pos, ast_sprintf("syntax error: %s", msg));
}

Node *parse_file(const char *filename, const char *src, size_t len, Diags *d)
{
    Lexer lx;
    lexer_init(&lx, filename, src, len, d);
    Node *result = NULL;
    yyparse(&lx, &result);
    if (!result) {
        result = ast_new(N_FILE, (Pos){1, 1});
        result->u.file.filename = filename;
        result->u.file.imports = ast_list_new();
        result->u.file.decls = ast_list_new();
    }
    pu_validate(&lx, result);
    return result;
}
