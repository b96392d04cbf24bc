#!/usr/bin/env python3
"""escapecheck.py — Go's errorcheck convention for escape-analysis reports.

Each tests/escape/*.mini file marks every line that must draw -m output with
    // ERROR "regexp" ["regexp" ...]
one regexp per message gc prints on that line (a message printed twice on a
line needs two). A line without ERROR must draw nothing. The oracle is
`go build -gcflags='-m -l'` (mini does not inline); mini's report comes from
`mini escape FILE`.

Usage:
    escapecheck.py --mini path/to/mini [FILE|DIR ...]   check mini's report
    escapecheck.py --go [FILE|DIR ...]                   check gc's (GO env: the go binary)
    escapecheck.py --annotate [FILE ...]                 rewrite the ERROR comments from gc's output
    escapecheck.py --compare path/to/mini [FILE|DIR ...] agreement of gc's and mini's
                                                         (line, message) pairs, per file and in total
    escapecheck.py --golden [FILE ...]                   write NAME.go-m: gc's whole output
    escapecheck.py --exact path/to/mini [FILE|DIR ...]   mini's whole output must equal NAME.go-m
                                                         (order and columns too)
Without FILEs the folder of this script is used. Exits 1 on a failure
(--compare: when the agreement is below --min, default 0).
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
LINE_RX = re.compile(r'^(?:\./main\.go|(.*?)):(\d+):(\d+): (.*)$')


def files_of(args):
    out = []
    for a in args or [HERE]:
        if os.path.isdir(a):
            out += sorted(os.path.join(a, f) for f in os.listdir(a) if f.endswith('.mini'))
        else:
            out.append(a)
    return out


def run_go(path):
    tmp = tempfile.mkdtemp(prefix='escapecheck')
    try:
        shutil.copy(path, os.path.join(tmp, 'main.go'))
        with open(os.path.join(tmp, 'go.mod'), 'w') as fh:
            fh.write('module escapecheck\n\ngo 1.19\n')
        p = subprocess.run([os.environ.get('GO', 'go'), 'build', '-o', os.devnull, '-gcflags=-m -l', '.'],
                           cwd=tmp, capture_output=True, text=True, errors='replace')
        out = p.stdout + p.stderr
        if p.returncode != 0:
            raise SystemExit('%s: go build failed:\n%s' % (path, out))
        return parse(out, './main.go')
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run_mini(mini, path):
    p = subprocess.run([mini, 'escape', path], capture_output=True, text=True, errors='replace', timeout=60)
    if p.returncode != 0:
        raise SystemExit('%s: mini escape failed (%d):\n%s' % (path, p.returncode, p.stdout + p.stderr))
    return parse(p.stdout + p.stderr, path)


def parse(out, name):
    """[(line, col, msg)] in output order."""
    res = []
    for l in out.splitlines():
        if not l.strip() or l.startswith('#'):
            continue
        if l.startswith(name + ':'):
            rest = l[len(name) + 1:]
        elif l.startswith('./main.go:'):
            rest = l[len('./main.go:'):]
        else:
            continue
        m = re.match(r'^(\d+):(\d+): (.*)$', rest)
        if m:
            res.append((int(m.group(1)), int(m.group(2)), m.group(3)))
    return res


def expectations(path):
    exp = {}
    with open(path, encoding='utf-8') as fh:
        for n, line in enumerate(fh, 1):
            i = line.find('// ERROR ')
            if i >= 0:
                exp[n] = re.findall(r'"((?:[^"\\]|\\.)*)"', line[i + len('// ERROR '):])
    return exp


def check(path, msgs):
    problems = []
    exp = expectations(path)
    act = {}
    for ln, col, msg in msgs:
        act.setdefault(ln, []).append(msg)
    for ln in sorted(set(exp) | set(act)):
        rxs = list(exp.get(ln, []))
        for msg in act.get(ln, []):
            for i, rx in enumerate(rxs):
                if re.search(rx, msg):
                    del rxs[i]
                    break
            else:
                problems.append('%s:%d: unexpected: %s' % (path, ln, msg))
        for rx in rxs:
            problems.append('%s:%d: missing: %s' % (path, ln, rx))
    return problems


def quote(msg):
    s = re.sub(r'([.*+?()\[\]{}|^$\\])', r'\\\1', msg)
    return '"' + s.replace('"', r'\x22') + '"'


def annotate(path):
    msgs = run_go(path)
    by = {}
    for ln, col, msg in msgs:
        by.setdefault(ln, []).append(msg)
    with open(path, encoding='utf-8') as fh:
        lines = fh.read().split('\n')
    for i, line in enumerate(lines):
        j = line.find(' // ERROR ')
        if j >= 0:
            line = line[:j]
        if i + 1 in by:
            line += ' // ERROR ' + ' '.join(quote(m) for m in by[i + 1])
        lines[i] = line
    with open(path, 'w', encoding='utf-8') as fh:
        fh.write('\n'.join(lines))


def multiset(msgs):
    d = {}
    for ln, col, msg in msgs:
        d[(ln, msg)] = d.get((ln, msg), 0) + 1
    return d


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__)
        return 2
    mode = args.pop(0)
    if mode == '--annotate':
        for f in files_of(args):
            annotate(f)
        return 0
    if mode == '--golden':
        for f in files_of(args):
            with open(f[:-len('.mini')] + '.go-m', 'w') as fh:
                for ln, col, msg in run_go(f):
                    fh.write('FILE:%d:%d: %s\n' % (ln, col, msg))
        return 0
    if mode == '--exact':
        mini = args.pop(0)
        fs = files_of(args)
        failed = 0
        for f in fs:
            with open(f[:-len('.mini')] + '.go-m') as fh:
                want = fh.read().splitlines()
            got = ['FILE:%d:%d: %s' % m for m in run_mini(mini, f)]
            if got != want:
                failed += 1
                print('%s: output differs from %s' % (f, os.path.basename(f[:-5]) + '.go-m'))
                import difflib
                for l in difflib.unified_diff(want, got, 'gc', 'mini', lineterm='', n=1):
                    print('    ' + l)
        print('%d passed, %d failed' % (len(fs) - failed, failed))
        return 1 if failed else 0
    if mode == '--go':
        bad = []
        fs = files_of(args)
        for f in fs:
            bad += check(f, run_go(f))
        print('\n'.join(bad)) if bad else None
        print('escapecheck (go): %d passed, %d failed' % (len(fs) - len({b.split(':')[0] for b in bad}),
                                                          len({b.split(':')[0] for b in bad})))
        return 1 if bad else 0
    if mode == '--mini':
        mini = args.pop(0)
        fs = files_of(args)
        failed = set()
        for f in fs:
            ps = check(f, run_mini(mini, f))
            if ps:
                failed.add(f)
                print('\n'.join(ps))
        print('%d passed, %d failed' % (len(fs) - len(failed), len(failed)))
        return 1 if failed else 0
    if mode == '--compare':
        mini = args.pop(0)
        minpct = 0.0
        if args and args[0].startswith('--min='):
            minpct = float(args.pop(0)[6:])
        same = total = colsame = 0
        for f in files_of(args):
            g, m = run_go(f), run_mini(mini, f)
            gs, ms = multiset(g), multiset(m)
            s = sum(min(gs.get(k, 0), ms.get(k, 0)) for k in set(gs) | set(ms))
            t = sum(max(gs.get(k, 0), ms.get(k, 0)) for k in set(gs) | set(ms))
            gc_ = {(l, c, x) for l, c, x in g}
            colsame += sum(1 for x in m if x in gc_)
            same += s
            total += t
            flag = '' if s == t else '   <-- differs'
            print('%-40s %3d/%-3d%s' % (os.path.basename(f), s, t, flag))
            if s != t:
                for k in sorted(set(gs) | set(ms)):
                    d = gs.get(k, 0) - ms.get(k, 0)
                    if d > 0:
                        print('    gc only:   %d: %s' % k)
                    elif d < 0:
                        print('    mini only: %d: %s' % k)
        pct = 100.0 * same / total if total else 100.0
        print('agreement: %d of %d (line, message) pairs = %.1f%% (columns agree on %d)' %
              (same, total, pct, colsame))
        return 1 if pct < minpct else 0
    print(__doc__)
    return 2


if __name__ == '__main__':
    sys.exit(main())
