/*
 * Go: runtime/panic.go (throw).
 *
 * throw reports a bug inside the runtime itself -- a broken invariant, never
 * a user error (those are Go panics, raised by the VM). As in Go it prints
 * "fatal error: MSG" on stderr, lets the VM add a goroutine traceback, and
 * exits with status 2. It cannot be recovered.
 *
 * RT_ASSERT is the one way runtime files back a stated invariant: the check
 * stays in release builds (Go's throws do too), so keep it to O(1) tests;
 * whole-heap checks sit behind --gc-verify instead.
 */
#ifndef MINI_THROW_H
#define MINI_THROW_H

#include <stdnoreturn.h>

noreturn void throw(const char *s);
noreturn void throwf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Set by the VM to print "goroutine 1 [running]:" and friends after the
 * fatal error line; NULL prints nothing more. */
extern void (*throw_traceback)(void);

#define RT_ASSERT(cond, msg) \
    do { if (__builtin_expect(!(cond), 0)) throw(msg); } while (0)

#endif
