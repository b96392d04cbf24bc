/* check_type.c — type expressions to Types: names, arrays, slices, maps,
 * channels, pointers, structs, interfaces, function signatures.
 *
 * Go: cmd/compile/internal/types2 typexpr.go (typInternal, arrayLength),
 * struct.go, interface.go, signature.go (funcType, collectParams),
 * validtype.go.
 *
 * Invariants:
 *  - check_typexpr never returns NULL: on error it returns types_invalid after
 *    reporting (or after an earlier report).
 *  - Every type expression node gets mode MODE_TYPEEXPR and its Type.
 *  - Interfaces carry their full method set, sorted by name, built here from
 *    explicit methods and embedded interfaces.
 */
#include <stdlib.h>
#include "check_int.h"

static Type *typ_internal(Checker *c, Node *e);

static void record_type(Node *e, Type *t) {
    if (!e) return;
    e->mode = MODE_TYPEEXPR;
    e->type = t;
}

bool is_typexpr_syntax(Node *e) {
    if (!e) return false;
    switch (e->kind) {
    case T_ARRAY: case T_MAP: case T_CHAN: case T_FUNC: case T_STRUCT: case T_INTERFACE:
        return true;
    default:
        return false;
    }
}

/* A type used for a variable, field, element ... (types2 varType). */
Type *check_typexpr(Checker *c, Node *e) {
    if (!e) return types_invalid;
    if (!enter(c, e->pos)) return types_invalid;
    Type *t = typ_internal(c, e);
    leave(c);
    if (!t) t = types_invalid;
    record_type(e, t);
    return t;
}

Type *check_definedtype(Checker *c, Node *e, Type *def) {
    (void)def;
    return check_typexpr(c, e);
}

int64_t check_array_length(Checker *c, Node *e) {
    /* a bare undeclared name gets a more specific message */
    if (e->kind == E_IDENT) {
        Object *obj = lookup_ident(c, e->u.ident.name);
        if (!obj) {
            check_errorf(c, e->pos, "undeclared name %s for array length", e->u.ident.name);
            return -1;
        }
        if (obj->kind != OBJ_CONST) {
            check_errorf(c, e->pos, "invalid array length %s", e->u.ident.name);
            return -1;
        }
    }
    Operand x;
    check_expr(c, &x, e);
    if (x.mode != MODE_CONST) {
        if (x.mode != MODE_INVALID)
            check_errorf(c, start_pos(e), "array length %s must be constant", operand_string(&x));
        return -1;
    }
    if (type_is_untyped(x.type) || type_is_integer(x.type)) {
        ConstVal *v = cv_to_int(x.val);
        const char *why;
        if (v && v->kind == CV_INT && cv_represent(v, types_basic[TY_INT], &why)) {
            if (cv_sign(v) >= 0) {
                if (type_is_untyped(x.type)) update_expr_type(c, e, types_basic[TY_INT], true);
                return cv_int64(v);
            }
            check_errorf(c, start_pos(e), "invalid array length %s", operand_string(&x));
            return -1;
        }
    }
    check_errorf(c, start_pos(e), "array length %s must be integer", operand_string(&x));
    return -1;
}

/* Reports the grey-path cycle ending at the named type t, if t is grey. */
void report_type_cycle(Checker *c, Type *t);

static Type *struct_type(Checker *c, Node *e) {
    NodeList *fl = e->u.structtype.fields;
    Field *fields = NULL; int nf = 0, cap = 0;
    if (fl) {
        for (int i = 0; i < fl->len; i++) {
            Node *f = fl->items[i];
            if (!f || f->kind != N_FIELD) continue;
            if (f->u.field.tag)
                check_errorf(c, f->u.field.tag->pos, "struct tags are not supported by mini");
            Type *t = check_typexpr(c, f->u.field.type);
            if (f->u.field.embedded || !f->u.field.names || f->u.field.names->len == 0) {
                /* embedded field: T, *T, pkg.T */
                Node *te = f->u.field.type;
                Pos pos = start_pos(te);
                Node *nm = te;
                bool ptr = false;
                if (nm && nm->kind == E_STAR) { nm = nm->u.unary.x; ptr = true; }
                if (nm && nm->kind == E_SELECTOR) nm = nm->u.selector.sel;
                if (!nm || nm->kind != E_IDENT) {
                    check_errorf(c, pos, "invalid embedded field type %s", expr_string(te));
                    continue;
                }
                Field fd = { .name = nm->u.ident.name, .type = t, .embedded = true, .pos = pos };
                for (int j = 0; j < nf; j++)
                    if (strcmp(fields[j].name, fd.name) == 0 && strcmp(fd.name, "_") != 0)
                        check_errorf(c, pos, "%s redeclared\n\t%s: other declaration of %s", fd.name,
                                     pos_string(c, fields[j].pos), fd.name);
                PUSH(fields, nf, cap, fd);
                (void)ptr;
                /* types2 delays this check until the type is complete */
                PUSH(c->embeds, c->nembeds, c->capembeds, te);
                continue;
            }
            for (int k = 0; k < f->u.field.names->len; k++) {
                Node *id = f->u.field.names->items[k];
                Object *fo = object_new(OBJ_VAR, id->u.ident.name, id->pos, t);
                fo->is_field = true;
                fo->color = 2;
                fo->decl = f;
                id->obj = fo;
                id->type = t;
                Field fd = { .name = id->u.ident.name, .type = t, .embedded = false, .pos = id->pos };
                if (strcmp(fd.name, "_") != 0)
                    for (int j = 0; j < nf; j++)
                        if (strcmp(fields[j].name, fd.name) == 0) {
                            check_errorf(c, id->pos, "%s redeclared\n\t%s: other declaration of %s", fd.name,
                                         pos_string(c, fields[j].pos), fd.name);
                            break;
                        }
                PUSH(fields, nf, cap, fd);
            }
        }
    }
    return type_new_struct(fields, nf);
}

static int method_cmp(const void *a, const void *b) {
    return strcmp(((const Method *)a)->name, ((const Method *)b)->name);
}

static Type *interface_type(Checker *c, Node *e) {
    NodeList *fl = e->u.structtype.fields;
    Method *ms = NULL; int nm = 0, capm = 0;
    Type **embeds = NULL; int ne = 0, cape = 0;
    Node **embed_nodes = NULL; int nen = 0, capen = 0;
    if (fl) {
        for (int i = 0; i < fl->len; i++) {
            Node *f = fl->items[i];
            if (!f || f->kind != N_FIELD) continue;
            if (f->u.field.names && f->u.field.names->len > 0) {
                Node *id = f->u.field.names->items[0];
                const char *name = id->u.ident.name;
                Type *sig = check_typexpr(c, f->u.field.type);
                if (strcmp(name, "_") == 0) {
                    check_errorf(c, id->pos, "methods must have a unique non-blank name");
                    continue;
                }
                bool dup = false;
                for (int j = 0; j < nm; j++)
                    if (strcmp(ms[j].name, name) == 0) {
                        check_errorf(c, id->pos, "duplicate method %s\n\t%s: other declaration of %s", name,
                                     pos_string(c, ms[j].pos), name);
                        dup = true;
                    }
                if (dup) continue;
                Object *mo = object_new(OBJ_FUNC, name, id->pos, sig);
                mo->is_method = true;
                mo->color = 2;
                id->obj = mo;
                Method m = { .name = name, .sig = sig, .obj = NULL, .ptr_recv = false, .pos = id->pos };
                PUSH(ms, nm, capm, m);
            } else {
                Type *t = check_typexpr(c, f->u.field.type);
                if (t == types_invalid) continue;
                Type *u = under_raw(t);
                if (!u) {
                    report_type_cycle(c, t);
                    continue;
                }
                if (u->kind != TY_INTERFACE) {
                    check_errorf(c, start_pos(f->u.field.type),
                                 "cannot use type %s outside a type constraint: interface contains type constraints",
                                 type_string(t));
                    continue;
                }
                PUSH(embeds, ne, cape, t);
                PUSH(embed_nodes, nen, capen, f->u.field.type);
            }
        }
    }
    if (nm > 1) qsort(ms, (size_t)nm, sizeof(Method), method_cmp);
    Type *it = type_new_interface(ms, nm, embeds, ne);
    const char *dup = NULL;
    if (!type_complete_interface(it, &dup)) {
        for (int i = 0; i < ne; i++)
            if (!under_raw(embeds[i])) report_type_cycle(c, embeds[i]);
    } else if (dup) {
        check_errorf(c, ne > 0 ? start_pos(embed_nodes[0]) : e->pos, "duplicate method %s", dup);
    }
    return it;
}

/* Declares params of one list in scope; returns their types. */
static void collect_params(Checker *c, Scope *scope, NodeList *list, bool variadic_ok, Node *func,
                           bool is_result, Type ***types, const char ***names, int *n, bool *variadic,
                           Object ***objs, int *nobjs, int *capobjs) {
    int cap = 0, capn = 0, nn = 0;
    *n = 0;
    if (!list) return;
    for (int i = 0; i < list->len; i++) {
        Node *f = list->items[i];
        if (!f || f->kind != N_FIELD) continue;
        Node *te = f->u.field.type;
        if (te && te->kind == E_ELLIPSIS) {
            if (variadic_ok && i == list->len - 1 && (!f->u.field.names || f->u.field.names->len <= 1)) {
                *variadic = true;
            } else {
                check_soft_errorf(c, te->pos, "can only use ... with final parameter in list");
            }
            Type *elem = check_typexpr(c, te->u.unary.x);
            te->mode = MODE_TYPEEXPR;
            te->type = *variadic && i == list->len - 1 ? type_new_slice(elem) : elem;
        } else {
            check_typexpr(c, te);
        }
        Type *t = te ? te->type : types_invalid;
        if (!t) t = types_invalid;
        if (f->u.field.names && f->u.field.names->len > 0) {
            for (int k = 0; k < f->u.field.names->len; k++) {
                Node *id = f->u.field.names->items[k];
                Object *p = object_new(OBJ_VAR, id->u.ident.name, id->pos, t);
                p->is_param = !is_result;
                p->is_result = is_result;
                p->func = func;
                p->color = 2;
                p->decl = f;
                if (scope) declare(c, scope, id, p);
                else id->obj = p;
                p->scope = scope;
                if (objs) PUSH(*objs, *nobjs, *capobjs, p);
                PUSH(*types, *n, cap, t);
                PUSH(*names, nn, capn, id->u.ident.name);
            }
        } else {
            PUSH(*types, *n, cap, t);
            PUSH(*names, nn, capn, (const char *)"");
        }
    }
}

/* Checks a function type; declares receiver, params and results in scope
   (when not NULL). Returns the signature (without receiver). */
Type *check_functype(Checker *c, NodeList *recv_list, Node *ftype, Scope *scope, Node *func,
                     Object ***params_out, int *nparams_out) {
    Object **objs = NULL; int nobjs = 0, capobjs = 0;
    Type **rt = NULL; const char **rn = NULL; int nr = 0; bool rv = false;
    if (recv_list) {
        collect_params(c, scope, recv_list, false, func, false, &rt, &rn, &nr, &rv, &objs, &nobjs, &capobjs);
        if (nr > 1) {
            Node *last = recv_list->items[recv_list->len - 1];
            Pos p = last->u.field.names && last->u.field.names->len ? last->u.field.names->items[last->u.field.names->len - 1]->pos : start_pos(last->u.field.type);
            check_errorf(c, p, "method must have exactly one receiver");
        }
    }
    Type **pt = NULL, **res = NULL; const char **pn = NULL, **resn = NULL;
    int np = 0, nres = 0; bool variadic = false, dummy = false;
    if (ftype && ftype->kind == T_FUNC) {
        collect_params(c, scope, ftype->u.functype.params, true, func, false, &pt, &pn, &np, &variadic, &objs, &nobjs, &capobjs);
        collect_params(c, scope, ftype->u.functype.results, false, func, true, &res, &resn, &nres, &dummy, &objs, &nobjs, &capobjs);
    }
    Type *sig = type_new_func(pt, pn, np, res, resn, nres, variadic);
    if (ftype) record_type(ftype, sig);
    if (params_out) { *params_out = objs; *nparams_out = nobjs; }
    return sig;
}

static Type *typ_internal(Checker *c, Node *e) {
    switch (e->kind) {
    case E_IDENT:
    case E_SELECTOR: {
        Operand x;
        check_expr_or_type(c, &x, e);
        switch (x.mode) {
        case MODE_TYPEEXPR:
            return x.type;
        case MODE_INVALID:
            return types_invalid;
        case MODE_NOVALUE:
            check_errorf(c, start_pos(e), "%s used as type", operand_string(&x));
            return types_invalid;
        default:
            check_errorf(c, start_pos(e), "%s is not a type", operand_string(&x));
            return types_invalid;
        }
    }
    case E_PAREN:
        return check_typexpr(c, e->u.unary.x);
    case T_ARRAY: {
        if (!e->u.arraytype.len) {
            Type *elem = check_typexpr(c, e->u.arraytype.elem);
            return type_new_slice(elem);
        }
        if (e->u.arraytype.len->kind == E_ELLIPSIS) {
            check_errorf(c, e->pos, "invalid use of [...] array (outside a composite literal)");
            check_typexpr(c, e->u.arraytype.elem);
            return types_invalid;
        }
        int64_t n = check_array_length(c, e->u.arraytype.len);
        Type *elem = check_typexpr(c, e->u.arraytype.elem);
        if (n < 0) return types_invalid;
        return type_new_array(elem, n);
    }
    case E_ELLIPSIS:
        check_errorf(c, e->pos, "invalid use of '...'");
        if (e->u.unary.x) check_typexpr(c, e->u.unary.x);
        return types_invalid;
    case T_STRUCT:
        return struct_type(c, e);
    case E_STAR: {
        Type *base = check_typexpr(c, e->u.unary.x);
        if (base == types_invalid) return types_invalid;
        return type_new_pointer(base);
    }
    case T_FUNC:
        return check_functype(c, NULL, e, NULL, NULL, NULL, NULL);
    case T_INTERFACE:
        return interface_type(c, e);
    case T_MAP: {
        Type *k = check_typexpr(c, e->u.maptype.key);
        Type *v = check_typexpr(c, e->u.maptype.elem);
        if (k != types_invalid) {
            /* types2 delays this check until the key type is complete */
            PUSH(c->mapkeys, c->nmapkeys, c->capmapkeys, e->u.maptype.key);
        }
        return type_new_map(k, v);
    }
    case T_CHAN: {
        Type *elem = check_typexpr(c, e->u.chantype.elem);
        return type_new_chan(e->u.chantype.dir, elem);
    }
    default: {
        Operand x;
        check_raw_expr(c, &x, e, NULL, false);
        if (x.mode != MODE_INVALID)
            check_errorf(c, start_pos(e), "%s is not a type", expr_string(e));
        return types_invalid;
    }
    }
}

/* An embedded field's type must not be a pointer (or a pointer to an
   interface); te is the field's type expression, already checked. */
void check_embedded(Checker *c, Node *te) {
    Type *t = te->type;
    if (!t || t == types_invalid) return;
    bool ptr = te->kind == E_STAR;
    Type *base = t;
    if (ptr && base->kind == TY_POINTER) base = base->u.pointer.elem;
    Type *u = type_underlying(base);
    if (u && u->kind == TY_POINTER)
        check_errorf(c, start_pos(te), "embedded field type cannot be a pointer");
    else if (ptr && u && u->kind == TY_INTERFACE)
        check_errorf(c, start_pos(te), "embedded field type cannot be a pointer to an interface");
}

void check_map_key(Checker *c, Node *key) {
    Type *k = key->type;
    if (!k || k == types_invalid || type_underlying(k) == types_invalid) return;
    if (!type_is_comparable(k))
        check_errorf(c, start_pos(key), "invalid map key type %s", type_string(k));
}

/* ---- validType: no struct/array containment cycles (validtype.go) ---- */

static bool valid_type0(Checker *c, Type *t, Type **stack, int n, int depth) {
    if (!t || depth > 200) return true;
    switch (t->kind) {
    case TY_ARRAY: return valid_type0(c, t->u.array.elem, stack, n, depth + 1);
    case TY_STRUCT:
        for (int i = 0; i < t->u.strct.nfields; i++)
            if (!valid_type0(c, t->u.strct.fields[i].type, stack, n, depth + 1)) return false;
        return true;
    case TY_NAMED:
        for (int i = 0; i < n; i++) {
            if (stack[i] == t) {
                if (i != 0) return true;   /* reported when checking that type */
                /* cycle stack[0..n): report from the first in source */
                Object **objs = GC_MALLOC(sizeof(Object *) * (size_t)n);
                for (int k = 0; k < n; k++) objs[k] = stack[k]->u.named.obj;
                int first = 0;
                for (int k = 1; k < n; k++) {
                    Pos a = objs[k]->pos, b = objs[first]->pos;
                    if (a.line < b.line || (a.line == b.line && a.col < b.col)) first = k;
                }
                if (first != 0) return true;   /* the first-in-source type reports it */
                const char *msg = strbuf_printf("invalid recursive type %s", objs[0]->name);
                for (int k = 0; k < n; k++)
                    msg = strbuf_printf("%s\n\t%s: %s refers to", msg, pos_string(c, objs[k]->pos), objs[k]->name);
                msg = strbuf_printf("%s\n\t%s: %s", msg, pos_string(c, objs[0]->pos), objs[0]->name);
                check_errorf(c, objs[0]->pos, "%s", msg);
                return false;
            }
        }
        if (t->u.named.pkg || n >= 64) return true;
        stack[n] = t;
        return valid_type0(c, t->u.named.underlying, stack, n + 1, depth + 1);
    default:
        return true;
    }
}

void check_valid_type(Checker *c, Object *tobj) {
    if (!tobj || !tobj->type || tobj->type->kind != TY_NAMED) return;
    Type *stack[64];
    stack[0] = tobj->type;
    if (!valid_type0(c, tobj->type->u.named.underlying, stack, 1, 0))
        tobj->type->u.named.underlying = types_invalid;
}
