package dev.givinghooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The pool hands each instance to one holder at a time, makes one when it has none, and drops the surplus. */
class InstancePoolTest {
    @Test
    void anInstanceIsNeverHeldTwiceWhileThreadsTakeAndGiveAtOnce() throws InterruptedException {
        AtomicInteger made = new AtomicInteger();
        InstancePool<AtomicBoolean> pool = new InstancePool<>(() -> {
            made.incrementAndGet();
            return new AtomicBoolean();
        });
        AtomicInteger doubleHeld = new AtomicInteger();
        int threads = 8; // more than the 4 slots of a 2-core machine's pool
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 200_000; i++) {
                    AtomicBoolean held = pool.take();
                    if (!held.compareAndSet(false, true)) {
                        doubleHeld.incrementAndGet();
                    }
                    held.set(false);
                    pool.give(held);
                }
            });
            thread.start();
            all.add(thread);
        }
        start.countDown();
        for (Thread thread : all) {
            thread.join();
        }
        assertThat(doubleHeld).hasValue(0);
        // Reuse: on 2 cores, 7 to 14 instances made for 1.6 million takes. A give that overwrote a
        // slot filled meanwhile would lose instances, and takes made 1,100 to 14,000 then.
        assertThat(made.get()).isBetween(1, 1000);
    }

    @Test
    void anEmptyPoolMakesAnInstanceAndAFullOneDropsWhatIsGivenBack() {
        AtomicInteger made = new AtomicInteger();
        InstancePool<Object> pool = new InstancePool<>(() -> {
            made.incrementAndGet();
            return new Object();
        });
        assertThat(made).hasValue(1); // one made up front
        List<Object> held = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            held.add(pool.take());
        }
        assertThat(made).hasValue(200);
        held.forEach(pool::give); // at most 64 slots: the rest are dropped
        List<Object> again = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            again.add(pool.take());
        }
        assertThat(made.get()).isGreaterThan(200).isLessThan(400);
        assertThat(again).doesNotHaveDuplicates();
    }
}
