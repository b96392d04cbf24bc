/* disasm.c — `mini disasm FILE`: each function's bytecode with its source
 * lines, its slots (kind and variable) and its stack map.
 *
 * Go: cmd/objdump / `go build -gcflags=-S` (one listing per function,
 * instructions annotated with their source line).
 */
#include <inttypes.h>
#include <string.h>

#include "vm.h"

static const char *kindname(int k)
{
    switch (k) {
    case SLOT_PTR: return "ptr";
    case SLOT_RECORD: return "rec";
    default: return "scalar";
    }
}

static void operands(const Func *f, const Instr *in, FILE *out)
{
    const char *ops = opcode_operands[in->op];
    int fieldv[3] = { in->a, in->b, in->c };
    int nf = 0;
    const char *p = ops;
    while (*p) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        const char *w = p;
        while (*p && *p != ' ')
            p++;
        int len = (int)(p - w);
        fputc(' ', out);
        if (len == 1 && (*w == 'a' || *w == 'b' || *w == 'c')) {
            fprintf(out, "s%d", fieldv[*w - 'a']);
            nf = *w - 'a' + 1;
        } else if (len == 3 && w[0] == 'K') {
            uint32_t k = (uint32_t)in->b | (uint32_t)in->c << 16;
            fprintf(out, "K%" PRIu32, k);
            if (k < (uint32_t)f->nconsts && in->op == OP_LOADK)
                fprintf(out, " (%" PRId64 " / %g)", f->consts[k].i, f->consts[k].f);
            else if (k + 1 < (uint32_t)f->nconsts && in->op == OP_LOADK2)
                fprintf(out, " (%.*s)", (int)(f->consts[k + 1].u > 40 ? 40 : f->consts[k + 1].u),
                        f->consts[k].s ? f->consts[k].s : "");
            nf = 3;
        } else if (len == 2 && w[0] == 'K') {
            fprintf(out, "K%d", fieldv[w[1] - 'a']);     /* a constant index in one field */
            nf = w[1] - 'a' + 1;
        } else if (len == 5 && strncmp(w, "imm32", 5) == 0) {
            fprintf(out, "%" PRId32, (int32_t)((uint32_t)in->b | (uint32_t)in->c << 16));
            nf = 3;
        } else if (len == 5 && strncmp(w, "imm16", 5) == 0) {
            fprintf(out, "%d", (int16_t)fieldv[nf]);
            nf++;
        } else if (len == 3 && strncmp(w, "off", 3) == 0 && opcode_names[in->op][0] == 'J') {
            fprintf(out, "-> %d", (int)(in - f->code) + 1 + (int16_t)in->c);
            nf++;
        } else if (len == 3 && strncmp(w, "off", 3) == 0) {
            fprintf(out, "+%d", fieldv[nf < 3 ? nf : 2]);     /* a word offset */
            nf++;
        } else if (len == 1 && *w == 'T') {
            fprintf(out, "-> %" PRIu32, (uint32_t)in->b | (uint32_t)in->c << 16);
            nf = 3;
        } else if (len == 3 && strncmp(w, "aux", 3) == 0) {
            fprintf(out, "aux=%d", in->aux);
        } else {
            fprintf(out, "%d", fieldv[nf < 3 ? nf : 2]);
            nf++;
        }
    }
}

void disasm_func(const Func *f, FILE *out)
{
    fprintf(out, "func %s  %s:%d\n", f->name, f->file, f->line);
    fprintf(out, "  frame: %u results, %u params, record at s%u, %u slots, call area %u, framesize %u words\n",
            f->nres, f->npar, f->hdr, f->nlocals, f->framesize - f->nlocals, f->framesize);
    fprintf(out, "  slots:");
    for (uint32_t i = 0; i < f->nlocals; i++) {
        fprintf(out, " s%u:%s", i, kindname(f->slotkind[i]));
        if (f->slotname[i])
            fprintf(out, "(%s)", f->slotname[i]);
    }
    fprintf(out, "\n  stackmap:");
    bool any = false;
    for (uint32_t i = 0; i < f->nlocals; i++)
        if ((f->stackmap[i >> 3] >> (i & 7)) & 1) {
            fprintf(out, " s%u", i);
            any = true;
        }
    fprintf(out, "%s\n", any ? "" : " (no pointers)");
    int lastline = -1;
    for (int pc = 0; pc < f->ncode; pc++) {
        const Instr *in = &f->code[pc];
        if (f->lines[pc] != lastline)
            fprintf(out, "  %5d  L%-4d %-9s", pc, f->lines[pc], opcode_names[in->op]);
        else
            fprintf(out, "  %5d        %-9s", pc, opcode_names[in->op]);
        lastline = f->lines[pc];
        operands(f, in, out);
        if (in->op == OP_CALL || in->op == OP_FUNCVAL || in->op == OP_CLOSURE)
            fprintf(out, "  ; %s", vm_prog && in->b < vm_prog->nfuncs ? vm_prog->funcs[in->b]->name : "?");
        if (in->op == OP_CALLN && vm_prog && in->b < vm_prog->nnatives)
            fprintf(out, "  ; %s.%s", vm_prog->natives[in->b]->pkg, vm_prog->natives[in->b]->name);
        fputc('\n', out);
    }
    fputc('\n', out);
}

void disasm_program(const Program *p, FILE *out)
{
    vm_prog = (Program *)p;
    fprintf(out, "globals: %u words", p->nglobals);
    for (uint32_t i = 0; i < p->nglobals; i++)
        fprintf(out, " g%u:%s(%s)", i, kindname(p->globalkind[i]), p->globalname[i]);
    fprintf(out, "\n\n");
    for (int i = 0; i < p->nfuncs; i++)
        disasm_func(p->funcs[i], out);
}
