/* rand.c — the run-wide random source (wyrand).
 *
 * Go: runtime/stubs.go fastrand (go1.19 on 64-bit: wyrand,
 * https://github.com/wangyi-fudan/wyhash). The state is one word that
 * advances by a constant; each output mixes it with a 64x64->128 multiply.
 */
#include "rand.h"

#include <time.h>
#include <unistd.h>

static uint64_t fastrand_state = 0x9e3779b97f4a7c15u;

void fastrand_seed(uint64_t seed)
{
    fastrand_state = seed;
}

uint64_t fastrand_timeseed(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (uint64_t)ts.tv_sec * 1000000007u ^ (uint64_t)ts.tv_nsec ^ (uint64_t)getpid() << 32;
}

/* Go: math.Mul64's hi ^ lo, the wyhash mix. */
static inline uint64_t mix(uint64_t a, uint64_t b)
{
    unsigned __int128 r = (unsigned __int128)a * b;
    return (uint64_t)(r >> 64) ^ (uint64_t)r;
}

uint64_t fastrand64(void)
{
    fastrand_state += 0xa0761d6478bd642fu;
    return mix(fastrand_state, fastrand_state ^ 0xe7037ed1a0b428dbu);
}

uint32_t fastrand(void)
{
    return (uint32_t)fastrand64();
}
