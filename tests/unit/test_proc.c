/* test_proc.c — unit tests for runtime/proc.c's run queues and
 * runtime/chan.c's ring buffer.
 *
 * Run queues: runqput/runqget order with runnext (the newest goroutine
 * runs first), the ring overflowing half into the global queue
 * (runqputslow), runqsteal taking half, globrunqget's batch, and
 * findrunnable's every-61st-tick look at the global queue. The channel
 * ring: values go in and out in FIFO order across many wraps, narrow
 * values are normalized on the way out, and the invariants of hchan hold.
 * select: the first pass picks among ready cases at random (pollorder),
 * skips nil channels, reports closed ones, and defaults when nothing is
 * ready.
 * Nothing here runs the interpreter: gs are bare structs.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>

#include "chan.h"
#include "malloc.h"
#include "mgc.h"
#include "proc.h"
#include "rand.h"

static G gs[1024];

static void setup(void)
{
    fastrand_seed(1);
    memset(gs, 0, sizeof gs);
    for (int i = 0; i < 1024; i++)
        gs[i].goid = i;
    memset(&sched, 0, sizeof sched);
    vmconfig.gomaxprocs = 2;
    schedinit();
    for (int i = 0; i < gomaxprocs; i++) {
        allp[i]->runqhead = allp[i]->runqtail = 0;
        allp[i]->runnext = NULL;
        allp[i]->schedtick = 0;
    }
}

START_TEST(test_runnext_first)
{
    p *pp = allp[0];
    bool inherit;
    runqput(pp, &gs[1], true);
    runqput(pp, &gs[2], true);      /* gs[1] moves to the ring */
    runqput(pp, &gs[3], true);
    ck_assert_uint_eq(runqlen(pp), 2);
    ck_assert_ptr_eq(runqget(pp, &inherit), &gs[3]);
    ck_assert(inherit);
    ck_assert_ptr_eq(runqget(pp, &inherit), &gs[1]);
    ck_assert(!inherit);
    ck_assert_ptr_eq(runqget(pp, &inherit), &gs[2]);
    ck_assert_ptr_null(runqget(pp, &inherit));
}
END_TEST

START_TEST(test_ring_overflow)
{
    p *pp = allp[0];
    for (int i = 0; i < RunqSize; i++)
        runqput(pp, &gs[i], false);
    ck_assert_uint_eq(runqlen(pp), RunqSize);
    ck_assert_int_eq(sched.runqsize, 0);
    runqput(pp, &gs[RunqSize], false);     /* full: half + gs[256] go global */
    ck_assert_uint_eq(runqlen(pp), RunqSize / 2);
    ck_assert_int_eq(sched.runqsize, RunqSize / 2 + 1);
    bool inherit;
    ck_assert_ptr_eq(runqget(pp, &inherit), &gs[RunqSize / 2]);
    /* the global queue keeps their order, gs[256] last */
    G *gp = sched.runqhead;
    for (int i = 0; i < RunqSize / 2; i++, gp = gp->schedlink)
        ck_assert_ptr_eq(gp, &gs[i]);
    ck_assert_ptr_eq(gp, &gs[RunqSize]);
    ck_assert_ptr_eq(sched.runqtail, &gs[RunqSize]);
}
END_TEST

START_TEST(test_steal_half)
{
    p *p0 = allp[0], *p1 = allp[1];
    for (int i = 0; i < 10; i++)
        runqput(p1, &gs[i], false);
    G *gp = runqsteal(p0, p1, false);
    ck_assert_ptr_eq(gp, &gs[4]);       /* five taken: four queued, the fifth to run */
    ck_assert_uint_eq(runqlen(p0), 4);
    ck_assert_uint_eq(runqlen(p1), 5);
    bool inherit;
    ck_assert_ptr_eq(runqget(p1, &inherit), &gs[5]);
    ck_assert_ptr_eq(runqget(p0, &inherit), &gs[0]);
    /* runnext is stolen only when asked and the ring is empty */
    p *p2 = allp[1];
    while (runqget(p2, &inherit))
        ;
    runqput(p2, &gs[20], true);
    ck_assert_ptr_null(runqsteal(p0, p2, false));
    ck_assert_ptr_eq(runqsteal(p0, p2, true), &gs[20]);
    ck_assert_ptr_null(p2->runnext);
}
END_TEST

START_TEST(test_globrunqget_batch)
{
    p *pp = allp[0];
    for (int i = 0; i < 9; i++)
        globrunqput(&gs[i]);
    /* min(9/2+1, ...) = 5: one to run, four to the local ring */
    G *gp = globrunqget(pp, 0);
    ck_assert_ptr_eq(gp, &gs[0]);
    ck_assert_uint_eq(runqlen(pp), 4);
    ck_assert_int_eq(sched.runqsize, 4);
    gp = globrunqget(pp, 1);
    ck_assert_ptr_eq(gp, &gs[5]);
    ck_assert_int_eq(sched.runqsize, 3);
}
END_TEST

START_TEST(test_61st_tick)
{
    p *pp = allp[0];
    bool inherit;
    runqput(pp, &gs[1], false);
    globrunqput(&gs[2]);
    pp->schedtick = 60;
    ck_assert_ptr_eq(findrunnable(pp, &inherit), &gs[1]);   /* local first */
    runqput(pp, &gs[1], false);
    pp->schedtick = 61;
    ck_assert_ptr_eq(findrunnable(pp, &inherit), &gs[2]);   /* fairness: global first */
    ck_assert_ptr_eq(findrunnable(pp, &inherit), &gs[1]);
    /* an idle p steals */
    runqput(allp[1], &gs[3], false);
    runqput(allp[1], &gs[4], false);
    pp->schedtick = 1;
    ck_assert_ptr_eq(findrunnable(pp, &inherit), &gs[3]);
    ck_assert_ptr_eq(findrunnable(pp, &inherit), &gs[4]);
    ck_assert_ptr_null(findrunnable(pp, &inherit));
}
END_TEST

/* ---- the channel ring ---- */

static const RType tInt = { .td = { .size = 8, .kind = kindInt, .align = 8, .name = "int" } };
static const RType tInt8 = { .td = { .size = 1, .kind = kindInt8, .align = 1, .name = "int8" } };

static void chsetup(void)
{
    setup();
    mallocinit();
}

static void chteardown(void) { mallocfini(); }

START_TEST(test_ring_fifo)
{
    G g = { 0 };
    g.atomicstatus = Grunning;
    hchan *c = makechan(&g, &tInt, 5);
    ck_assert_int_eq(chancap(c), 5);
    int64_t next = 0, want = 0;
    for (int round = 0; round < 100; round++) {
        for (int k = 0; k < 3; k++) {
            Slot v = { .i = next };
            ck_assert(chansend(&g, c, &v, false));
            next++;
        }
        ck_assert_uint_le(c->sendx, 4);
        for (int k = 0; k < 3; k++) {
            Slot v;
            bool received;
            ck_assert(chanrecv(&g, c, &v, false, &received));
            ck_assert(received);
            ck_assert_int_eq(v.i, want);
            want++;
        }
        ck_assert_int_eq(chanlen(c), 0);
        ck_assert_uint_eq(c->sendx, c->recvx);
    }
    /* full: a non-blocking send fails and nothing changes */
    for (int k = 0; k < 5; k++) {
        Slot v = { .i = k };
        ck_assert(chansend(&g, c, &v, false));
    }
    Slot v = { .i = 99 };
    ck_assert(!chansend(&g, c, &v, false));
    ck_assert_int_eq(chanlen(c), 5);
    ck_assert(g.atomicstatus == Grunning);
    /* closed: the buffer drains, then the zero value and !received */
    closechan(&g, c);
    for (int k = 0; k < 6; k++) {
        bool received;
        Slot r = { .i = -1 };
        ck_assert(chanrecv(&g, c, &r, false, &received));
        ck_assert(received == (k < 5));
        ck_assert_int_eq(r.i, k < 5 ? k : 0);
    }
}
END_TEST

/* selectgo's first pass: among ready cases the choice is random (Go's
   pollorder shuffle), each ready case is taken in turn over many selects,
   nil channels are never chosen, a received value lands in its slots, a
   closed channel gives recvOK false, and with nothing ready a non-blocking
   select returns -1 (default) without changing anything. */
START_TEST(test_select_pass1)
{
    G g = { 0 };
    g.atomicstatus = Grunning;
    Slot fp[16];
    memset(fp, 0, sizeof fp);
    SelectDesc *d = malloc(sizeof *d + 4 * sizeof(scase));
    d->ncases = 4;
    for (int i = 0; i < 4; i++)
        d->cases[i] = (scase){ (uint16_t)i, (uint16_t)(8 + i), false };
    hchan *c[3];
    for (int i = 0; i < 3; i++) {
        c[i] = makechan(&g, &tInt, 1000);
        fp[i].p = c[i];
    }
    fp[3].p = NULL;     /* a nil channel: never ready */
    for (int i = 0; i < 3; i++)
        for (int k = 0; k < 300; k++) {
            Slot v = { .i = 100 * i + k };
            ck_assert(chansend(&g, c[i], &v, false));
        }
    int chosen[4] = { 0 };
    int64_t next[3] = { 0, 100, 200 };
    for (int round = 0; round < 300; round++) {
        bool ok = false;
        int casi = selectgo(&g, fp, d, false, &ok);
        ck_assert(casi >= 0 && casi < 3);
        ck_assert(ok);
        ck_assert_int_eq(fp[8 + casi].i, next[casi]);
        next[casi]++;
        chosen[casi]++;
    }
    /* a fair shuffle takes each of 3 ready cases about 100 times in 300 */
    for (int i = 0; i < 3; i++)
        ck_assert_int_gt(chosen[i], 50);
    ck_assert_int_eq(chosen[3], 0);
    /* drain, then nothing is ready: default */
    for (int i = 0; i < 3; i++)
        while (chanlen(c[i]) > 0) {
            Slot v;
            bool received;
            ck_assert(chanrecv(&g, c[i], &v, false, &received));
        }
    bool ok = true;
    ck_assert_int_eq(selectgo(&g, fp, d, false, &ok), -1);
    ck_assert(g.atomicstatus == Grunning);
    /* a closed channel is always ready, with the zero value and !ok */
    closechan(&g, c[1]);
    fp[9].i = 42;
    ck_assert_int_eq(selectgo(&g, fp, d, false, &ok), 1);
    ck_assert(!ok);
    ck_assert_int_eq(fp[9].i, 0);
    free(d);
}
END_TEST

START_TEST(test_ring_narrow)
{
    G g = { 0 };
    g.atomicstatus = Grunning;
    hchan *c = makechan(&g, &tInt8, 3);
    ck_assert_int_eq(c->elemsize, 1);
    int8_t vals[3] = { -1, 127, -128 };
    for (int k = 0; k < 3; k++) {
        Slot v = { .i = vals[k] };
        ck_assert(chansend(&g, c, &v, false));
    }
    ck_assert_int_eq(((int8_t *)c->buf)[0], -1);
    for (int k = 0; k < 3; k++) {
        Slot r = { .u = 0xdeadbeefdeadbeefULL };
        bool received;
        ck_assert(chanrecv(&g, c, &r, false, &received));
        ck_assert_int_eq(r.i, vals[k]);     /* sign-extended, as a frame slot */
    }
    /* unbuffered: no partner, a non-blocking receive fails */
    hchan *u = makechan(&g, &tInt, 0);
    Slot r;
    bool received;
    ck_assert(!chanrecv(&g, u, &r, false, &received));
    ck_assert_ptr_null(u->buf);
}
END_TEST

static Suite *proc_suite(void)
{
    Suite *s = suite_create("proc");
    TCase *tc = tcase_create("runq");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, test_runnext_first);
    tcase_add_test(tc, test_ring_overflow);
    tcase_add_test(tc, test_steal_half);
    tcase_add_test(tc, test_globrunqget_batch);
    tcase_add_test(tc, test_61st_tick);
    suite_add_tcase(s, tc);
    TCase *tch = tcase_create("chan");
    tcase_add_checked_fixture(tch, chsetup, chteardown);
    tcase_add_test(tch, test_select_pass1);
    tcase_add_test(tch, test_ring_fifo);
    tcase_add_test(tch, test_ring_narrow);
    suite_add_tcase(s, tch);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(proc_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
