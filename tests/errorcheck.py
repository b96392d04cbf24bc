#!/usr/bin/env python3
"""errorcheck.py — run Go's errorcheck convention over tests/errors/*.mini.

Each file marks every line that must draw a compile diagnostic with
    // ERROR "regexp" ["regexp" ...]
(see tests/errors/README.md). This script compiles each file with either
mini (`mini check FILE`) or real go (`go build`, the oracle) and checks that
every diagnostic matches exactly one regexp on its line, every regexp exactly
one diagnostic, and the exit status is 2.

Usage:
    errorcheck.py --mini path/to/mini [FILE ...]
    errorcheck.py --go [FILE ...]          (GO env var picks the go binary)
A directory stands for its *.mini files; without FILEs it checks
tests/errors/. Exits 1 on any failure.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def expectations(path, problems):
    expected = {}
    with open(path, encoding='utf-8', errors='surrogateescape') as fh:
        for lineno, line in enumerate(fh, 1):
            i = line.find('// ERROR ')
            if i < 0:
                continue
            rxs = re.findall(r'"([^"]*)"', line[i + len('// ERROR '):])
            if not rxs:
                problems.append('line %d: ERROR comment without a quoted regexp' % lineno)
                continue
            for rx in rxs:
                try:
                    re.compile(rx)
                except re.error as e:
                    problems.append('line %d: bad regexp %r: %s' % (lineno, rx, e))
            expected[lineno] = rxs
    return expected


def run_go(path, tmp):
    work = os.path.join(tmp, 'build')
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    shutil.copy(path, os.path.join(work, 'main.go'))
    p = subprocess.run([os.environ.get('GO', 'go'), 'build', '-o', os.devnull, 'main.go'],
                       cwd=work, capture_output=True, text=True, errors='replace')
    return p.returncode, p.stderr + p.stdout, re.compile(r'^\./main\.go:(\d+):(\d+): (.*)$')


def run_mini(mini, path):
    try:
        p = subprocess.run([mini, 'check', path], capture_output=True, text=True,
                           errors='replace', timeout=60)
    except subprocess.TimeoutExpired:
        return -1, 'timeout', None
    return p.returncode, p.stderr + p.stdout, re.compile(r'^' + re.escape(path) + r':(\d+):(\d+): (.*)$')


def check(path, rc, out, diag_rx, problems):
    actual = {}
    for l in out.splitlines():
        if not l.strip() or l.startswith('# ') or l[0] in ' \t':
            continue
        m = diag_rx.match(l) if diag_rx else None
        if not m:
            problems.append('unparsed output: %s' % l)
            continue
        ln, col, msg = int(m.group(1)), int(m.group(2)), m.group(3)
        if msg == 'too many errors':
            problems.append('line %d: "too many errors" (keep files below 10 diagnostics)' % ln)
            continue
        actual.setdefault(ln, []).append((col, msg))
    if rc != 2:
        problems.append('exit status %d, want 2' % rc)
    expected = expectations(path, problems)
    for ln in sorted(set(expected) | set(actual)):
        rxs = expected.get(ln, [])
        diags = actual.get(ln, [])
        for col, msg in diags:
            hits = [rx for rx in rxs if re.search(rx, msg)]
            if not hits:
                problems.append('line %d:%d: unexpected diagnostic: %s' % (ln, col, msg))
            elif len(hits) > 1:
                problems.append('line %d:%d: diagnostic matches %d regexps: %s' % (ln, col, len(hits), msg))
        for rx in rxs:
            hits = [msg for col, msg in diags if re.search(rx, msg)]
            if not hits:
                got = '; '.join(m for c, m in diags) or 'nothing'
                problems.append('line %d: no diagnostic matches "%s" (got: %s)' % (ln, rx, got))
            elif len(hits) > 1:
                problems.append('line %d: "%s" matches %d diagnostics' % (ln, rx, len(hits)))
    return actual


def main(argv):
    if len(argv) < 2 or argv[1] not in ('--go', '--mini'):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    mode = argv[1]
    args = argv[2:]
    mini = None
    if mode == '--mini':
        if not args:
            print('errorcheck: --mini needs the path of the mini binary', file=sys.stderr)
            return 2
        mini = args.pop(0)
    elif shutil.which(os.environ.get('GO', 'go')) is None:
        print('errorcheck: go not found (install golang-go)', file=sys.stderr)
        return 1
    if not args:
        args = [os.path.join(HERE, 'errors')]
    files = []
    for a in args:
        if os.path.isdir(a):
            files += sorted(os.path.join(a, f) for f in os.listdir(a) if f.endswith('.mini'))
        else:
            files.append(a)
    nfail = 0
    messages = set()
    with tempfile.TemporaryDirectory() as tmp:
        for f in files:
            problems = []
            if mode == '--go':
                rc, out, rx = run_go(f, tmp)
            else:
                rc, out, rx = run_mini(mini, f)
            actual = check(f, rc, out, rx, problems)
            for diags in actual.values():
                messages.update(m for c, m in diags)
            name = os.path.basename(f)
            if problems:
                nfail += 1
                print('FAIL %s' % name)
                for p in problems:
                    print('    ' + p)
            else:
                print('OK   %s (%d diagnostics)' % (name, sum(len(v) for v in actual.values())))
    print('%d files, %d failed, %d distinct messages' % (len(files), nfail, len(messages)))
    return 1 if nfail else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
