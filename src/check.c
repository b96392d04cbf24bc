/* check.c — the checker's driver: package-level objects, their lazy
 * resolution with cycle detection, initialization order, unused imports.
 *
 * Go: cmd/compile/internal/types2 check.go, resolver.go (collectObjects,
 * unusedImports), decl.go (objDecl, validCycle, cycleError), initorder.go.
 *
 * Invariants:
 *  - Package-level objects are resolved lazily (obj_decl) and painted white
 *    (unresolved, type NULL), grey (on c->path, being resolved) or black. A grey
 *    object met again is a cycle, valid only if it goes through a type
 *    definition or consists only of values (the latter is reported by the
 *    initialization order instead, as types2 does).
 *  - Each package-level const/var/func has a DeclInfo in obj->aux while the
 *    package is being checked; aux is cleared again before returning.
 *  - Errors are reported in gc's words at gc's positions (start of the
 *    offending expression, types2 posFor); diag_print sorts them.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "check_int.h"

enum { WHITE = 0, GREY = 1, BLACK = 2 };

/* The object path: grey objects, outermost first (types2 objPath). */
static Object **path; static int npath, cappath;

/* ---------------------------------------------------------------- errors */

char *strbuf_printf(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char tmp[256];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0) n = 0;
    char *s = GC_MALLOC_ATOMIC((size_t)n + 1);
    if ((size_t)n < sizeof tmp) {
        memcpy(s, tmp, (size_t)n + 1);
    } else {
        va_start(ap, fmt);
        vsnprintf(s, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    return s;
}

const char *pos_string(Checker *c, Pos p) {
    return strbuf_printf("%s:%d:%d", c->d && c->d->filename ? c->d->filename : "", p.line, p.col);
}

static void verr(Checker *c, Pos pos, const char *fmt, va_list ap) {
    char tmp[512];
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    char *msg = tmp;
    if (n >= (int)sizeof tmp) {
        msg = GC_MALLOC_ATOMIC((size_t)n + 1);
        vsnprintf(msg, (size_t)n + 1, fmt, ap2);
    }
    va_end(ap2);
    /* types2's "cheap trick": follow-on errors about invalid operands or types
       are dropped once some error has been reported. */
    if (c->nerrors > 0) {
        char *p = strstr(msg, "invalid operand");
        char *q = strstr(msg, "invalid type");
        if ((p && p != msg) || (q && q != msg)) return;
    }
    if (c->has_errpos) pos = c->errpos;
    c->nerrors++;
    diag_error(c->d, pos, "%s", msg);
}

void check_errorf(Checker *c, Pos pos, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    verr(c, pos, fmt, ap);
    va_end(ap);
}

void check_soft_errorf(Checker *c, Pos pos, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    verr(c, pos, fmt, ap);
    va_end(ap);
}

bool enter(Checker *c, Pos pos) {
    if (c->depth >= MAX_DEPTH) {
        if (!c->depth_reported) {
            c->depth_reported = true;
            check_errorf(c, pos, "program too deeply nested (limit %d levels) is not supported by mini", MAX_DEPTH);
        }
        return false;
    }
    c->depth++;
    return true;
}

void leave(Checker *c) { c->depth--; }

/* syntax.StartPos: the leftmost position of an expression. */
Pos start_pos(const Node *n) {
    for (int guard = 0; n && guard < 100000; guard++) {
        switch (n->kind) {
        case T_FUNC:
            /* gc's FuncType starts at the '(' after "func" */
            return (Pos){ n->pos.line, n->pos.col + 4 };
        case E_COMPOSITE:
            if (n->u.composite.type) { n = n->u.composite.type; continue; }
            return n->pos;
        case E_SELECTOR: n = n->u.selector.x; continue;
        case E_INDEX: n = n->u.index.x; continue;
        case E_TYPEASSERT: n = n->u.typeassert.x; continue;
        case E_BINARY: n = n->u.binary.x; continue;
        case E_CALL: n = n->u.call.fun; continue;
        case S_SEND: n = n->u.binary.x; continue;
        case S_ASSIGN:
            if (n->u.assign.lhs && n->u.assign.lhs->len > 0) { n = n->u.assign.lhs->items[0]; continue; }
            return n->pos;
        default:
            return n->pos;
        }
    }
    return n ? n->pos : (Pos){0, 0};
}

/* types2 opPos: an operation's operator, else the start. */
Pos op_pos(const Node *n) {
    if (!n) return (Pos){0, 0};
    if (n->kind == E_BINARY || n->kind == E_UNARY || n->kind == E_STAR) return n->pos;
    return start_pos(n);
}

/* ---------------------------------------------------------------- scopes */

bool declare(Checker *c, Scope *s, Node *ident, Object *obj) {
    if (ident) ident->obj = obj;
    if (!obj->name || strcmp(obj->name, "_") == 0) return false;
    Object *alt = scope_insert(s, obj);
    if (alt) {
        if (alt->pos.line > 0)
            check_errorf(c, obj->pos, "%s redeclared in this block\n\t%s: other declaration of %s",
                         obj->name, pos_string(c, alt->pos), obj->name);
        else
            check_errorf(c, obj->pos, "%s redeclared in this block", obj->name);
        return false;
    }
    obj->scope = s;
    return true;
}

DeclInfo *decl_info(Object *obj) {
    return obj ? (DeclInfo *)obj->aux : NULL;
}

/* Records that the package-level declaration being checked uses `to`
   (types2 addDeclDep), for the initialization order. */
void add_decl_dep(Checker *c, Object *to) {
    if (!c->decl || !to) return;
    DeclInfo *from = decl_info(c->decl);
    if (!from || !decl_info(to)) return;   /* not a package-level object */
    if (to->kind != OBJ_CONST && to->kind != OBJ_VAR && to->kind != OBJ_FUNC) return;
    for (int i = 0; i < from->ndeps; i++)
        if (from->deps[i] == to) return;
    PUSH(from->deps, from->ndeps, from->capdeps, to);
}

/* ---------------------------------------------------------------- objDecl */

void path_push(Object *obj) { PUSH(path, npath, cappath, obj); }
void path_pop(void) { if (npath > 0) npath--; }

/* Runs the checks types2 delays until the types involved are complete. */
void process_delayed(Checker *c) {
    for (int i = 0; i < c->nmapkeys; i++) check_map_key(c, c->mapkeys[i]);
    c->nmapkeys = 0;
    for (int i = 0; i < c->nembeds; i++) check_embedded(c, c->embeds[i]);
    c->nembeds = 0;
}

static int path_index(Object *obj) {
    for (int i = npath - 1; i >= 0; i--)
        if (path[i] == obj) return i;
    return -1;
}

static void cycle_error(Checker *c, Object **cycle, int n) {
    int i = 0;
    for (int j = 1; j < n; j++) {
        Pos a = cycle[j]->pos, b = cycle[i]->pos;
        if (a.line < b.line || (a.line == b.line && a.col < b.col)) i = j;
    }
    Object *obj = cycle[i];
    const char *msg = strbuf_printf(obj->kind == OBJ_TYPE ? "invalid recursive type %s" : "illegal cycle in declaration of %s", obj->name);
    Pos first = obj->pos;
    for (int k = 0; k < n; k++) {
        msg = strbuf_printf("%s\n\t%s: %s refers to", msg, pos_string(c, obj->pos), obj->name);
        i = (i + 1) % n;
        obj = cycle[i];
    }
    msg = strbuf_printf("%s\n\t%s: %s", msg, pos_string(c, obj->pos), obj->name);
    check_errorf(c, first, "%s", msg);
}

static bool valid_cycle(Checker *c, Object *obj) {
    int start = path_index(obj);
    if (start < 0) return true;
    int n = npath - start, nval = 0, ndef = 0;
    for (int i = start; i < npath; i++) {
        Object *o = path[i];
        if (o->kind == OBJ_CONST || o->kind == OBJ_VAR) nval++;
        else if (o->kind == OBJ_TYPE) {
            DeclInfo *d = decl_info(o);
            bool alias = d && d->spec && d->spec->kind == D_TYPE && d->spec->u.typespec.alias;
            if (!d && o->type && o->type->kind != TY_NAMED) alias = true;
            if (!alias) ndef++;
        }
    }
    if (nval == n) return true;
    if (nval == 0 && ndef > 0) return true;
    cycle_error(c, path + start, n);
    return false;
}

/* Push obj as grey; returns false (and handles the cycle) when it is grey
   already or otherwise need not be resolved. */
void obj_decl(Checker *c, Object *obj) {
    if (!obj) return;
    if (obj->color == WHITE && obj->type) { obj->color = BLACK; return; }
    if (obj->color == BLACK) return;
    if (obj->color == GREY) {
        switch (obj->kind) {
        case OBJ_CONST:
        case OBJ_VAR:
            if (!valid_cycle(c, obj) || !obj->type) obj->type = types_invalid;
            break;
        case OBJ_TYPE:
            if (!valid_cycle(c, obj)) obj->type = types_invalid;
            if (!obj->type) obj->type = types_invalid;
            break;
        case OBJ_FUNC:
            valid_cycle(c, obj);
            if (!obj->type) obj->type = type_new_func(NULL, NULL, 0, NULL, NULL, 0, false);
            break;
        default:
            break;
        }
        return;
    }
    DeclInfo *d = decl_info(obj);
    if (!d) { if (!obj->type) obj->type = types_invalid; obj->color = BLACK; return; }
    if (!enter(c, obj->pos)) { if (!obj->type) obj->type = types_invalid; return; }

    obj->color = GREY;
    PUSH(path, npath, cappath, obj);

    /* save and set up the package-level environment */
    Scope *scope = c->scope; Node *func = c->func; Type *sig = c->sig;
    Object *decl = c->decl; ConstVal *iota = c->iota;
    bool has_errpos = c->has_errpos; Pos errpos = c->errpos;
    c->scope = c->filescope; c->func = NULL; c->sig = NULL;
    c->iota = NULL; c->has_errpos = false;

    switch (obj->kind) {
    case OBJ_CONST:
        c->decl = obj;
        const_decl(c, obj, d->typ, d->init, d->inherited);
        break;
    case OBJ_VAR:
        c->decl = obj;
        var_decl(c, obj, d->lhs, d->nlhs, d->typ, d->init);
        break;
    case OBJ_TYPE:
        type_decl(c, obj, d->spec, NULL);
        collect_methods(c, obj);
        break;
    case OBJ_FUNC:
        c->decl = NULL;
        func_decl(c, obj, d->spec);
        break;
    default:
        break;
    }

    c->scope = scope; c->func = func; c->sig = sig; c->decl = decl; c->iota = iota;
    c->has_errpos = has_errpos; c->errpos = errpos;
    npath--;
    obj->color = BLACK;
    leave(c);

    /* Resolve method signatures now that the receiver base type is black
       (types2 does it lazily on lookup; doing it here keeps every Method.sig
       set before anyone looks at it). */
    if (obj->kind == OBJ_TYPE && obj->type && obj->type->kind == TY_NAMED) {
        Type *t = obj->type;
        for (int i = 0; i < t->u.named.nmethods; i++) {
            Method *m = &t->u.named.methods[i];
            if (m->obj && !m->obj->type) obj_decl(c, m->obj);
            if (m->obj && m->obj->type) m->sig = m->obj->type;
            if (!m->sig) m->sig = type_new_func(NULL, NULL, 0, NULL, NULL, 0, false);
        }
        /* spec: a struct's field and method names must be distinct
           (types2 checkFieldUniqueness) */
        Type *u = t->u.named.underlying;
        if (u && u->kind == TY_STRUCT)
            for (int i = 0; i < u->u.strct.nfields; i++) {
                Field *f = &u->u.strct.fields[i];
                if (!f->name || strcmp(f->name, "_") == 0) continue;
                for (int j = 0; j < t->u.named.nmethods; j++)
                    if (strcmp(t->u.named.methods[j].name, f->name) == 0)
                        check_errorf(c, t->u.named.methods[j].pos, "field and method with the same name %s\n\t%s: other declaration of %s",
                                     f->name, pos_string(c, f->pos), f->name);
            }
    }
}

/* ---------------------------------------------------------------- collect */

static DeclInfo *new_decl(Node *spec) {
    DeclInfo *d = GC_MALLOC(sizeof *d);
    d->spec = spec;
    return d;
}

static void declare_pkg_obj(Checker *c, Node *ident, Object *obj, DeclInfo *d) {
    if (strcmp(obj->name, "init") == 0) {
        check_errorf(c, ident->pos, "cannot declare init - must be func");
        ident->obj = obj;
        return;
    }
    if (strcmp(obj->name, "main") == 0 && !c->pkgpath) {
        check_errorf(c, ident->pos, "cannot declare main - must be func");
        ident->obj = obj;
        return;
    }
    obj->is_global = true;
    obj->pkg = c->pkgpath;
    obj->aux = d;
    declare(c, c->pkgscope, ident, obj);
    PUSH(c->objs, c->nobjs, c->capobjs, obj);
}

static void arity(Checker *c, Pos pos, NodeList *names, NodeList *inits, bool const_decl, bool inherited) {
    int l = names ? names->len : 0, r = inits ? inits->len : 0;
    if (l < r) {
        Node *n = inits->items[l];
        if (inherited)
            check_errorf(c, pos, "extra init expr at %s", pos_string(c, n->pos));
        else
            check_errorf(c, start_pos(n), "extra init expr %s", expr_string(n));
    } else if (l > r && (const_decl || r != 1)) {
        Node *n = names->items[r];
        check_errorf(c, n->pos, "missing init expr for %s", n->u.ident.name);
    }
}

static const char *import_path(Node *imp) {
    Node *p = imp->u.import.path;
    if (!p || p->kind != E_STRINGLIT || !p->u.lit.str) return "";
    return p->u.lit.str;
}

static void collect_import(Checker *c, Node *imp) {
    const char *ipath = import_path(imp);
    Node *name = imp->u.import.name;
    Pos ppos = imp->u.import.path ? imp->u.import.path->pos : imp->pos;
    Package *p = NULL;
    if (strcmp(ipath, "unsafe") != 0 && strcmp(ipath, "C") != 0)
        p = package_import(ipath, c->d);
    if (!p) {
        check_errorf(c, ppos, "package %s is not supported by mini", ipath);
        /* a placeholder name (types2's "fake" package) so that uses of it
           draw no further errors */
        const char *elem = strrchr(ipath, '/');
        elem = elem ? elem + 1 : ipath;
        const char *pname = name ? name->u.ident.name : elem;
        if (!pname[0] || strcmp(pname, "_") == 0 || strcmp(pname, ".") == 0) return;
        Object *obj = object_new(OBJ_PKG, pname, name ? name->pos : ppos, types_invalid);
        obj->pkgscope = NULL;
        obj->pkg = ast_strdup(ipath);
        obj->decl = imp;
        obj->color = BLACK;
        obj->used = true;
        if (name) name->obj = obj;
        declare(c, c->filescope, name, obj);
        return;
    }
    PUSH(c->pkgs, c->npkgs, c->cappkgs, p);
    const char *pname = p->name;
    Pos pos = ppos;
    if (name) {
        pname = name->u.ident.name;
        pos = name->pos;
        if (strcmp(pname, ".") == 0) {
            check_errorf(c, name->pos, "dot imports are not supported by mini");
            return;
        }
        if (strcmp(pname, "init") == 0) {
            check_errorf(c, name->pos, "cannot import package as init - init must be a func");
            return;
        }
    }
    Object *obj = object_new(OBJ_PKG, pname, pos, types_invalid);
    obj->pkgscope = p->scope;
    obj->pkg = p->path;
    obj->decl = imp;
    obj->color = BLACK;
    if (name) name->obj = obj;
    if (strcmp(pname, "_") == 0) return;
    declare(c, c->filescope, name, obj);
    PUSH(c->imports, c->nimports, c->capimports, obj);
}

/* The receiver base type name of a method: T in (T), (*T), ((T)). */
static Node *recv_base(Node *rtype, bool *ptr) {
    *ptr = false;
    for (int guard = 0; rtype && guard < 1000; guard++) {
        if (rtype->kind == E_PAREN) rtype = rtype->u.unary.x;
        else if (rtype->kind == E_STAR && !*ptr) { *ptr = true; rtype = rtype->u.unary.x; }
        else break;
    }
    return rtype && rtype->kind == E_IDENT ? rtype : NULL;
}

static void collect_decl(Checker *c, Node *decl);

static void collect_func(Checker *c, Node *fd) {
    Node *nm = fd->u.funcdecl.name;
    if (!nm) return;
    const char *name = nm->u.ident.name;
    Object *obj = object_new(OBJ_FUNC, name, nm->pos, NULL);
    obj->decl = fd;
    obj->pkg = c->pkgpath;
    obj->is_global = true;
    obj->aux = new_decl(fd);
    fd->obj = obj;
    nm->obj = obj;
    Node *ftype = fd->u.funcdecl.type;
    if (!fd->u.funcdecl.recv) {
        bool special = strcmp(name, "init") == 0 || (strcmp(name, "main") == 0 && !c->pkgpath);
        if (special && ftype && ((ftype->u.functype.params && ftype->u.functype.params->len) ||
                                 (ftype->u.functype.results && ftype->u.functype.results->len)))
            check_soft_errorf(c, nm->pos, "func %s must have no arguments and no return values", name);
        if (strcmp(name, "init") == 0) {
            obj->scope = c->pkgscope;
            PUSH(c->pkg->init_funcs, c->pkg->ninit_funcs, c->capinitf, obj);
        } else {
            declare(c, c->pkgscope, nm, obj);
        }
        if (strcmp(name, "main") == 0 && !c->pkgpath) c->pkg->main_func = obj;
    } else {
        obj->is_method = true;
        NodeList *rl = fd->u.funcdecl.recv;
        bool ptr;
        Node *base = rl->len > 0 && rl->items[0] ? recv_base(rl->items[0]->u.field.type, &ptr) : NULL;
        if (base && strcmp(name, "_") != 0) {
            obj->aux = new_decl(fd);
            PUSH(c->methods, c->nmethods, c->capmethods, obj);
        }
    }
    if (!fd->u.funcdecl.body && !c->in_native) {
        /* types2 reports it for init only; gc's backend reports the others,
           and only when type checking succeeded */
        if (strcmp(name, "init") == 0 && !fd->u.funcdecl.recv)
            check_soft_errorf(c, nm->pos, "missing function body");
        else
            PUSH(c->nobody, c->nnobody, c->capnobody, nm);
    }
    PUSH(c->objs, c->nobjs, c->capobjs, obj);
    PUSH(c->funcs, c->nfuncs, c->capfuncs, obj);
}

static void collect_value_spec(Checker *c, Node *s, bool is_const) {
    NodeList *names = s->u.valuespec.names;
    NodeList *values = s->u.valuespec.values;
    int nn = names ? names->len : 0, nv = values ? values->len : 0;
    if (is_const) {
        for (int i = 0; i < nn; i++) {
            Node *id = names->items[i];
            Object *obj = object_new(OBJ_CONST, id->u.ident.name, id->pos, NULL);
            obj->decl = s;
            obj->cv = cv_int(s->u.valuespec.iota);
            DeclInfo *d = new_decl(s);
            d->typ = s->u.valuespec.type;
            d->init = i < nv ? values->items[i] : NULL;
            d->inherited = s->u.valuespec.implicit;
            d->iota = s->u.valuespec.iota;
            declare_pkg_obj(c, id, obj, d);
        }
        arity(c, s->pos, names, values, true, s->u.valuespec.implicit);
        return;
    }
    Object **lhs = GC_MALLOC(sizeof(Object *) * (nn ? nn : 1));
    DeclInfo *d1 = NULL;
    if (nv == 1 && nn > 1) {
        d1 = new_decl(s);
        d1->lhs = lhs; d1->nlhs = nn;
        d1->typ = s->u.valuespec.type;
        d1->init = values->items[0];
    }
    for (int i = 0; i < nn; i++) {
        Node *id = names->items[i];
        Object *obj = object_new(OBJ_VAR, id->u.ident.name, id->pos, NULL);
        obj->decl = s;
        lhs[i] = obj;
        DeclInfo *d = d1;
        if (!d) {
            d = new_decl(s);
            d->typ = s->u.valuespec.type;
            d->init = i < nv ? values->items[i] : NULL;
        }
        declare_pkg_obj(c, id, obj, d);
        PUSH(c->pkg->globals, c->pkg->nglobals, c->capglobals, obj);
    }
    if (!s->u.valuespec.type || values)
        arity(c, s->pos, names, values, false, false);
}

static void collect_decl(Checker *c, Node *decl) {
    if (!decl) return;
    switch (decl->kind) {
    case D_GROUP:
        if (decl->u.group.specs)
            for (int i = 0; i < decl->u.group.specs->len; i++) collect_decl(c, decl->u.group.specs->items[i]);
        break;
    case D_IMPORT: collect_import(c, decl); break;
    case D_CONST: collect_value_spec(c, decl, true); break;
    case D_VAR: collect_value_spec(c, decl, false); break;
    case D_TYPE: {
        Node *nm = decl->u.typespec.name;
        if (!nm) break;
        Object *obj = object_new(OBJ_TYPE, nm->u.ident.name, nm->pos, NULL);
        obj->decl = decl;
        obj->pkg = c->pkgpath;
        declare_pkg_obj(c, nm, obj, new_decl(decl));
        break;
    }
    case D_FUNC: collect_func(c, decl); break;
    default: break;
    }
}

/* Associates methods with their receiver base type names; methods on
   anything else are checked as functions and reported by func_decl. */
static Object *method_base(Checker *c, Object *m) {
    Node *fd = m->decl;
    NodeList *rl = fd->u.funcdecl.recv;
    bool ptr;
    Node *base = rl && rl->len > 0 && rl->items[0] ? recv_base(rl->items[0]->u.field.type, &ptr) : NULL;
    if (!base) return NULL;
    Object *t = scope_lookup_local(c->pkgscope, base->u.ident.name);
    if (!t || t->kind != OBJ_TYPE || !decl_info(t)) return NULL;
    DeclInfo *d = decl_info(t);
    if (d->spec && d->spec->kind == D_TYPE && d->spec->u.typespec.alias) return NULL;
    return t;
}

void collect_methods(Checker *c, Object *tobj) {
    Type *base = tobj->type;
    if (!base || base->kind != TY_NAMED) return;
    for (int i = 0; i < c->nmethods; i++) {
        Object *m = c->methods[i];
        if (!m || method_base(c, m) != tobj) continue;
        c->methods[i] = NULL;
        /* duplicate method names */
        Method *alt = NULL;
        for (int j = 0; j < base->u.named.nmethods; j++)
            if (strcmp(base->u.named.methods[j].name, m->name) == 0) alt = &base->u.named.methods[j];
        if (alt) {
            check_errorf(c, m->pos, "%s.%s redeclared in this block\n\t%s: other declaration of %s",
                         tobj->name, m->name, pos_string(c, alt->pos), m->name);
            continue;
        }
        bool ptr = false;
        NodeList *rl = m->decl->u.funcdecl.recv;
        recv_base(rl->items[0]->u.field.type, &ptr);
        Method nm = { .name = m->name, .sig = m->type, .obj = m, .ptr_recv = ptr, .pos = m->pos };
        type_add_method(base, nm);
    }
}

/* ---------------------------------------------------------------- init order */

typedef struct GNode {
    Object *obj;
    int order;
    int ndeps;
    bool isfunc;
} GNode;

static bool find_path(Object *from, Object *to, Object ***seen, int *nseen, int *capseen,
                      Object ***out, int *nout, int *capout, int depth) {
    if (depth > 10000) return false;
    for (int i = 0; i < *nseen; i++)
        if ((*seen)[i] == from) return false;
    PUSH(*seen, *nseen, *capseen, from);
    DeclInfo *d = decl_info(from);
    if (!d) return false;
    for (int i = 0; i < d->ndeps; i++) {
        Object *dep = d->deps[i];
        if (dep == to) { PUSH(*out, *nout, *capout, dep); return true; }
        if (find_path(dep, to, seen, nseen, capseen, out, nout, capout, depth + 1)) {
            PUSH(*out, *nout, *capout, dep);
            return true;
        }
    }
    return false;
}

static void report_cycle(Checker *c, Object **cycle, int n) {
    Object *obj = cycle[0];
    const char *msg = strbuf_printf("initialization loop for %s", obj->name);
    Pos first = obj->pos;
    for (int i = n - 1; i >= 0; i--) {
        msg = strbuf_printf("%s\n\t%s: %s refers to", msg, pos_string(c, obj->pos), obj->name);
        obj = cycle[i];
    }
    msg = strbuf_printf("%s\n\t%s: %s", msg, pos_string(c, obj->pos), obj->name);
    check_errorf(c, first, "%s", msg);
}

static void init_order(Checker *c) {
    /* nodes: package-level consts, vars, funcs (incl. methods) */
    int n = 0;
    for (int i = 0; i < c->nobjs; i++) {
        Object *o = c->objs[i];
        if (o && decl_info(o) && (o->kind == OBJ_CONST || o->kind == OBJ_VAR || o->kind == OBJ_FUNC)) n++;
    }
    if (n == 0) return;
    GNode *g = GC_MALLOC(sizeof(GNode) * (size_t)n);
    int k = 0;
    for (int i = 0; i < c->nobjs; i++) {
        Object *o = c->objs[i];
        if (o && decl_info(o) && (o->kind == OBJ_CONST || o->kind == OBJ_VAR || o->kind == OBJ_FUNC)) {
            g[k].obj = o; g[k].order = k; g[k].isfunc = o->kind == OBJ_FUNC;
            o->color = 1000 + k;   /* temporary: node index */
            k++;
        }
    }
    /* adjacency matrix succ[a][b]: a depends on b */
    if ((size_t)n > 20000) return;   /* absurd inputs: skip ordering */
    unsigned char *succ = GC_MALLOC_ATOMIC((size_t)n * (size_t)n);
    memset(succ, 0, (size_t)n * (size_t)n);
#define IDX(o) ((o)->color - 1000)
    for (int a = 0; a < n; a++) {
        DeclInfo *d = decl_info(g[a].obj);
        for (int j = 0; j < d->ndeps; j++) {
            Object *dep = d->deps[j];
            if (dep->color >= 1000 && dep->color < 1000 + n && g[IDX(dep)].obj == dep)
                succ[(size_t)a * n + IDX(dep)] = 1;
        }
    }
    /* eliminate functions: connect their predecessors to their successors */
    for (int f = 0; f < n; f++) {
        if (!g[f].isfunc) continue;
        for (int p = 0; p < n; p++) {
            if (p == f || !succ[(size_t)p * n + f]) continue;
            for (int s = 0; s < n; s++)
                if (s != f && succ[(size_t)f * n + s]) succ[(size_t)p * n + s] = 1;
            succ[(size_t)p * n + f] = 0;
        }
        for (int s = 0; s < n; s++) succ[(size_t)f * n + s] = 0;
    }
    for (int a = 0; a < n; a++) {
        g[a].ndeps = 0;
        for (int b = 0; b < n; b++) g[a].ndeps += succ[(size_t)a * n + b];
    }
    bool *done = GC_MALLOC_ATOMIC((size_t)n);
    memset(done, 0, (size_t)n);
    Package *pkg = c->pkg;
    int capinits = 0, capvars = 0;
    for (int step = 0; step < n; step++) {
        int best = -1;
        for (int a = 0; a < n; a++) {
            if (done[a] || g[a].isfunc) continue;
            if (best < 0 || g[a].ndeps < g[best].ndeps ||
                (g[a].ndeps == g[best].ndeps && g[a].order < g[best].order)) best = a;
        }
        if (best < 0) break;
        done[best] = true;
        Object *obj = g[best].obj;
        if (g[best].ndeps > 0) {
            Object **seen = NULL, **cyc = NULL; int ns = 0, cs = 0, nc = 0, cc = 0;
            if (find_path(obj, obj, &seen, &ns, &cs, &cyc, &nc, &cc, 0) && nc > 0)
                report_cycle(c, cyc, nc);
        }
        for (int p = 0; p < n; p++)
            if (succ[(size_t)p * n + best]) { g[p].ndeps--; succ[(size_t)p * n + best] = 0; }
        if (obj->kind != OBJ_VAR) continue;
        DeclInfo *d = decl_info(obj);
        if (!d->init) continue;
        if (d->lhs) {
            bool emitted = false;
            for (int i = 0; i < pkg->ninits; i++)
                if (pkg->inits[i].rhs == d->init) emitted = true;
            if (emitted) continue;
            Initializer in = { d->lhs, d->nlhs, d->init };
            PUSH(pkg->inits, pkg->ninits, capinits, in);
            for (int i = 0; i < d->nlhs; i++)
                PUSH(pkg->vars_init_order, pkg->nvars_init, capvars, d->lhs[i]);
        } else {
            Object **lhs = GC_MALLOC(sizeof(Object *));
            lhs[0] = obj;
            Initializer in = { lhs, 1, d->init };
            PUSH(pkg->inits, pkg->ninits, capinits, in);
            PUSH(pkg->vars_init_order, pkg->nvars_init, capvars, obj);
        }
    }
    for (int a = 0; a < n; a++) g[a].obj->color = BLACK;
#undef IDX
}

/* ---------------------------------------------------------------- driver */

static void unused_imports(Checker *c) {
    for (int i = 0; i < c->nimports; i++) {
        Object *o = c->imports[i];
        if (o->used) continue;
        const char *ipath = o->pkg ? o->pkg : "";
        const char *elem = strrchr(ipath, '/');
        elem = elem ? elem + 1 : ipath;
        if (strcmp(o->name, elem) == 0)
            check_soft_errorf(c, o->pos, "imported and not used: \"%s\"", ipath);
        else
            check_soft_errorf(c, o->pos, "imported and not used: \"%s\" as %s", ipath, o->name);
    }
}

static void collect_funclits(Package *pkg, Node *n, int depth);

Package *package_check_file(Node *file, const char *pkgpath, Diags *d, bool native) {
    types_init();
    universe_init();
    Checker cc;
    memset(&cc, 0, sizeof cc);
    Checker *c = &cc;
    c->d = d;
    c->pkgpath = native ? pkgpath : NULL;
    c->in_native = native;
    Package *pkg = GC_MALLOC(sizeof *pkg);
    c->pkg = pkg;
    pkg->path = pkgpath;
    pkg->native = native;
    pkg->file = file;
    pkg->name = (file && file->kind == N_FILE && file->u.file.package) ? file->u.file.package->u.ident.name : "main";
    pkg->scope = c->pkgscope = scope_new(universe, SCOPE_PACKAGE);
    c->filescope = scope_new(c->pkgscope, SCOPE_FILE);
    c->scope = c->filescope;
    if (!file || file->kind != N_FILE) return pkg;

    if (!native && file->u.file.package && strcmp(pkg->name, "main") != 0)
        check_errorf(c, file->u.file.package->pos, "package %s is not a main package", pkg->name);

    NodeList *imports = file->u.file.imports;
    if (imports)
        for (int i = 0; i < imports->len; i++) collect_decl(c, imports->items[i]);
    NodeList *decls = file->u.file.decls;
    if (decls)
        for (int i = 0; i < decls->len; i++) collect_decl(c, decls->items[i]);

    /* conflicts between file-scope imports and package-scope objects */
    for (int i = 0; i < c->nimports; i++) {
        Object *imp = c->imports[i];
        Object *alt = scope_lookup_local(c->pkgscope, imp->name);
        if (alt)
            check_errorf(c, alt->pos, "%s already declared through import of package %s (\"%s\")\n\t%s: other declaration of %s",
                         alt->name, imp->name, imp->pkg, pos_string(c, imp->pos), alt->name);
    }

    /* methods whose receiver base type is not a local type still get
       type-checked; report it when resolving their signature */

    /* package objects: type declarations first, then everything else */
    for (int i = 0; i < c->nobjs; i++)
        if (c->objs[i]->kind == OBJ_TYPE) obj_decl(c, c->objs[i]);
    for (int i = 0; i < c->nobjs; i++)
        if (c->objs[i]->kind != OBJ_TYPE) obj_decl(c, c->objs[i]);

    /* delayed checks (types2 check.later) */
    process_delayed(c);

    /* function bodies */
    for (int i = 0; i < c->nfuncs; i++) {
        Object *f = c->funcs[i];
        Node *fd = f->decl;
        if (fd && fd->u.funcdecl.body && f->type && f->type->kind == TY_FUNC) {
            c->decl = f;
            func_body(c, fd, f->type, fd->u.funcdecl.body, fd->scope);
            c->decl = NULL;
        }
    }

    init_order(c);
    if (!native) unused_imports(c);
    if (c->nerrors == 0 && diag_count(d) == 0)
        for (int i = 0; i < c->nnobody; i++) check_errorf(c, c->nobody[i]->pos, "missing function body");

    if (!native && !pkg->main_func && c->nerrors == 0 && diag_count(d) == 0)
        check_errorf(c, file->u.file.package ? file->u.file.package->pos : (Pos){1, 1}, "function main is undeclared in the main package");

    pkg->funcs = c->funcs;
    pkg->nfuncs = c->nfuncs;
    pkg->imports = c->pkgs;
    pkg->nimports = c->npkgs;
    collect_funclits(pkg, file, 0);
    for (int i = 0; i < c->nobjs; i++) c->objs[i]->aux = NULL;
    return pkg;
}

/* ---- gather every function literal, in source order ---- */
static int capfl;
static void collect_list(Package *pkg, NodeList *l, int depth) {
    if (!l) return;
    for (int i = 0; i < l->len; i++) collect_funclits(pkg, l->items[i], depth + 1);
}

static void collect_funclits(Package *pkg, Node *n, int depth) {
    if (!n || depth > MAX_DEPTH * 4) return;
    if (depth == 0) capfl = 0;
    switch (n->kind) {
    case E_FUNCLIT:
        PUSH(pkg->funclits, pkg->nfunclits, capfl, n);
        collect_funclits(pkg, n->u.funclit.body, depth + 1);
        return;
    case E_COMPOSITE: collect_funclits(pkg, n->u.composite.type, depth + 1); collect_list(pkg, n->u.composite.elts, depth); return;
    case E_PAREN: case E_STAR: case E_UNARY: case E_ELLIPSIS:
        collect_funclits(pkg, n->u.unary.x, depth + 1); return;
    case E_SELECTOR: collect_funclits(pkg, n->u.selector.x, depth + 1); return;
    case E_INDEX: collect_funclits(pkg, n->u.index.x, depth + 1); collect_funclits(pkg, n->u.index.index, depth + 1); return;
    case E_SLICE:
        collect_funclits(pkg, n->u.slice.x, depth + 1); collect_funclits(pkg, n->u.slice.lo, depth + 1);
        collect_funclits(pkg, n->u.slice.hi, depth + 1); collect_funclits(pkg, n->u.slice.max, depth + 1); return;
    case E_TYPEASSERT: collect_funclits(pkg, n->u.typeassert.x, depth + 1); return;
    case E_CALL: collect_funclits(pkg, n->u.call.fun, depth + 1); collect_list(pkg, n->u.call.args, depth); return;
    case E_BINARY: case E_KEYVALUE: case S_SEND:
        collect_funclits(pkg, n->u.binary.x, depth + 1); collect_funclits(pkg, n->u.binary.y, depth + 1); return;
    case T_ARRAY: collect_funclits(pkg, n->u.arraytype.len, depth + 1); return;
    case S_DECL: collect_funclits(pkg, n->u.decl.decl, depth + 1); return;
    case S_LABELED: collect_funclits(pkg, n->u.labeled.stmt, depth + 1); return;
    case S_EXPR: collect_funclits(pkg, n->u.exprstmt.x, depth + 1); return;
    case S_INCDEC: collect_funclits(pkg, n->u.incdec.x, depth + 1); return;
    case S_ASSIGN: collect_list(pkg, n->u.assign.lhs, depth); collect_list(pkg, n->u.assign.rhs, depth); return;
    case S_GO: case S_DEFER: collect_funclits(pkg, n->u.gostmt.call, depth + 1); return;
    case S_RETURN: collect_list(pkg, n->u.ret.results, depth); return;
    case S_BLOCK: collect_list(pkg, n->u.block.stmts, depth); return;
    case S_IF:
        collect_funclits(pkg, n->u.ifstmt.init, depth + 1); collect_funclits(pkg, n->u.ifstmt.cond, depth + 1);
        collect_funclits(pkg, n->u.ifstmt.then, depth + 1); collect_funclits(pkg, n->u.ifstmt.els, depth + 1); return;
    case S_CASE: collect_list(pkg, n->u.caseclause.list, depth); collect_list(pkg, n->u.caseclause.body, depth); return;
    case S_COMM: collect_funclits(pkg, n->u.commclause.comm, depth + 1); collect_list(pkg, n->u.commclause.body, depth); return;
    case S_SWITCH: case S_TYPESWITCH:
        collect_funclits(pkg, n->u.switchstmt.init, depth + 1); collect_funclits(pkg, n->u.switchstmt.tag, depth + 1);
        collect_funclits(pkg, n->u.switchstmt.assign, depth + 1); collect_funclits(pkg, n->u.switchstmt.body, depth + 1); return;
    case S_SELECT: collect_funclits(pkg, n->u.selectstmt.body, depth + 1); return;
    case S_FOR:
        collect_funclits(pkg, n->u.forstmt.init, depth + 1); collect_funclits(pkg, n->u.forstmt.cond, depth + 1);
        collect_funclits(pkg, n->u.forstmt.post, depth + 1); collect_funclits(pkg, n->u.forstmt.body, depth + 1); return;
    case S_RANGE:
        collect_funclits(pkg, n->u.rangestmt.x, depth + 1); collect_funclits(pkg, n->u.rangestmt.body, depth + 1); return;
    case D_VAR: case D_CONST: collect_list(pkg, n->u.valuespec.values, depth); return;
    case D_GROUP: collect_list(pkg, n->u.group.specs, depth); return;
    case D_FUNC: collect_funclits(pkg, n->u.funcdecl.body, depth + 1); return;
    case N_FILE: collect_list(pkg, n->u.file.decls, depth); return;
    default: return;
    }
}

Package *check_program(Node *file, Diags *d) {
    return package_check_file(file, "main", d, false);
}

/* Is the grey named type t part of a cycle of `type A B` declarations, i.e.
   does every type declaration on the object path from t on have a bare type
   name as its right-hand side? */
bool name_chain_cycle(Checker *c, Type *t) {
    (void)c;
    if (!t || t->kind != TY_NAMED || !t->u.named.obj) return false;
    int i = path_index(t->u.named.obj);
    if (i < 0) return false;
    for (int k = i; k < npath; k++) {
        Object *o = path[k];
        if (o->kind != OBJ_TYPE || !o->decl || o->decl->kind != D_TYPE) return false;
        Node *rhs = unparen(o->decl->u.typespec.type);
        if (!rhs || (rhs->kind != E_IDENT && rhs->kind != E_SELECTOR)) return false;
    }
    return true;
}

/* A named type whose underlying type is still unknown was reached while
   resolving it: report the declaration cycle on the object path. */
void report_type_cycle(Checker *c, Type *t) {
    if (!t || t->kind != TY_NAMED || !t->u.named.obj) return;
    int i = path_index(t->u.named.obj);
    if (i < 0) return;
    cycle_error(c, path + i, npath - i);
    t->u.named.underlying = types_invalid;
}
