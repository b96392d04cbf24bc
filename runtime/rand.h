/* rand.h — the run-wide random source of the runtime.
 *
 * Go: runtime/stubs.go fastrand, fastrandn, fastrand64 (wyrand, go1.19),
 * seeded per M from the OS at startup (proc.go mcommoninit).
 *
 * mini has one source for the whole run, seeded by `mini run --seed N`
 * (vmconfig.seed) so a run can be repeated exactly, or from the clock when
 * no seed is given. Map iteration order and map hash seeds come from it;
 * the scheduler (steal order, select poll order) will too.
 */
#ifndef MINI_RAND_H
#define MINI_RAND_H

#include <stdint.h>

/* Seeds the source; the same seed gives the same sequence. */
void fastrand_seed(uint64_t seed);
/* A seed from the clock and the process id, for runs without --seed. */
uint64_t fastrand_timeseed(void);

uint32_t fastrand(void);
uint64_t fastrand64(void);
/* Go: fastrandn: a number in [0, n) without a division (Lemire's method). */
static inline uint32_t fastrandn(uint32_t n)
{
    return (uint32_t)(((uint64_t)fastrand() * n) >> 32);
}

#endif
