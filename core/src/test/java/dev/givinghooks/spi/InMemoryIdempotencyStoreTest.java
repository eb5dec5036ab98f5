package dev.givinghooks.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.givinghooks.TestSupport;
import dev.givinghooks.TestSupport.MutableClock;
import dev.givinghooks.spi.IdempotencyStore.Claim;
import dev.givinghooks.spi.IdempotencyStore.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The in-memory idempotency store (DESIGN §2.4): atomic claims, owner tokens, leases, retention, bound. */
class InMemoryIdempotencyStoreTest {
    static final Duration LEASE = Duration.ofMinutes(5);
    static final Duration RETENTION = Duration.ofHours(72);
    static final Instant START = Instant.parse("2026-05-10T09:12:00Z");

    final MutableClock clock = new MutableClock(START);
    final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void firstClaimAcquiresAndOthersSeeItInProgress() {
        IdempotencyStore store = IdempotencyStore.inMemory(100, clock);
        Claim first = store.claim("k", LEASE);
        assertThat(first.status()).isEqualTo(Status.ACQUIRED);
        assertThat(first.acquired()).isTrue();
        assertThat(first.ownerToken()).isNotNull();
        Claim second = store.claim("k", LEASE);
        assertThat(second.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(second.ownerToken()).isNull();
        assertThat(store.claim("other", LEASE).acquired()).isTrue();
    }

    @Test
    @Timeout(30)
    void manyThreadsClaimingOneKeyAcquireItExactlyOnce() throws Exception {
        IdempotencyStore store = IdempotencyStore.inMemory(10_000, clock);
        int threads = 8;
        for (int round = 0; round < 200; round++) {
            String key = "key-" + round;
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Claim>> claims = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                claims.add(pool.submit(() -> {
                    start.await();
                    return store.claim(key, LEASE);
                }));
            }
            start.countDown();
            int acquired = 0;
            for (Future<Claim> claim : claims) {
                Claim c = claim.get();
                if (c.acquired()) {
                    acquired++;
                } else {
                    assertThat(c.status()).isEqualTo(Status.IN_PROGRESS);
                }
            }
            assertThat(acquired).as("round %d", round).isEqualTo(1);
        }
    }

    @Test
    void releaseMakesTheKeyClaimableAgain() {
        IdempotencyStore store = IdempotencyStore.inMemory(100, clock);
        Claim first = store.claim("k", LEASE);
        assertThat(store.release(first)).isTrue();
        Claim again = store.claim("k", LEASE);
        assertThat(again.acquired()).isTrue();
        assertThat(again.ownerToken()).isNotEqualTo(first.ownerToken());
        // Releasing twice, or completing a released claim, does nothing.
        assertThat(store.release(first)).isFalse();
        assertThat(store.complete(first, RETENTION)).isFalse();
        assertThat(store.claim("k", LEASE).status()).isEqualTo(Status.IN_PROGRESS);
    }

    @Test
    void doneSurvivesUntilRetentionEnds() {
        IdempotencyStore store = IdempotencyStore.inMemory(100, clock);
        Claim claim = store.claim("k", LEASE);
        assertThat(store.complete(claim, RETENTION)).isTrue();
        assertThat(store.claim("k", LEASE).status()).isEqualTo(Status.DONE);
        // Long past the lease, DONE stays.
        clock.advance(RETENTION.minusMillis(1));
        assertThat(store.claim("k", LEASE).status()).isEqualTo(Status.DONE);
        assertThat(store.release(claim)).isFalse();
        assertThat(store.claim("k", LEASE).status()).isEqualTo(Status.DONE);
        clock.advance(Duration.ofMillis(1));
        assertThat(store.claim("k", LEASE).status()).isEqualTo(Status.ACQUIRED);
    }

    @Test
    void completingTwiceIsRefused() {
        IdempotencyStore store = IdempotencyStore.inMemory(100, clock);
        Claim claim = store.claim("k", LEASE);
        assertThat(store.complete(claim, RETENTION)).isTrue();
        assertThat(store.complete(claim, RETENTION)).isFalse();
    }

    @Test
    void onAFixedClockALeaseNeverExpires() {
        IdempotencyStore store = IdempotencyStore.inMemory(100, Clock.fixed(START, java.time.ZoneOffset.UTC));
        assertThat(store.claim("k", Duration.ofNanos(1)).acquired()).isTrue();
        for (int i = 0; i < 10; i++) {
            assertThat(store.claim("k", LEASE).status()).isEqualTo(Status.IN_PROGRESS);
        }
    }

    @Test
    void durationsAndClocksBeyondTheNanosecondRangeAreHeldAtItsEnd() {
        Duration millennium = Duration.ofDays(365L * 1000); // past Long.MAX_VALUE nanoseconds
        IdempotencyStore store = IdempotencyStore.inMemory(100, clock);
        Claim claim = store.claim("k", millennium);
        clock.advance(Duration.ofDays(365L * 200));
        assertThat(store.claim("k", LEASE).status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(store.complete(claim, millennium)).isTrue();
        assertThat(store.claim("k", LEASE).status()).isEqualTo(Status.DONE);

        // Times count from the store's making: a clock far from 1970 works as well as one near it.
        for (Instant origin : List.of(Instant.parse("3000-01-01T00:00:00Z"), Instant.parse("1600-01-01T00:00:00Z"))) {
            MutableClock far = new MutableClock(origin);
            IdempotencyStore distant = IdempotencyStore.inMemory(100, far);
            Claim first = distant.claim("k", LEASE);
            assertThat(distant.claim("k", LEASE).status()).isEqualTo(Status.IN_PROGRESS);
            far.advance(LEASE);
            assertThat(distant.claim("k", LEASE).acquired()).isTrue();
            assertThat(distant.complete(first, RETENTION)).isFalse();
        }
        // A clock set back or forward by more than 292 years holds at the end of the range.
        MutableClock jumping = new MutableClock(START);
        IdempotencyStore jumped = IdempotencyStore.inMemory(100, jumping);
        jumping.advance(Duration.ofDays(365L * -300));
        Claim before = jumped.claim("k", LEASE);
        assertThat(jumped.claim("k", LEASE).status()).isEqualTo(Status.IN_PROGRESS);
        jumping.advance(Duration.ofDays(365L * 600));
        assertThat(jumped.claim("k", LEASE).acquired()).isTrue();
        assertThat(jumped.claim("k", LEASE).status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(jumped.complete(before, RETENTION)).isFalse();
    }

    @Test
    void instantsAreNanosecondsSinceTheOriginHeldAtTheEndsOfTheRange() {
        long origin = START.getEpochSecond();
        assertThat(InMemoryIdempotencyStore.nanosSince(origin, START)).isZero();
        assertThat(InMemoryIdempotencyStore.nanosSince(origin, START.plusNanos(1_500_000_001L))).isEqualTo(1_500_000_001L);
        assertThat(InMemoryIdempotencyStore.nanosSince(origin, START.minusNanos(1_500_000_001L))).isEqualTo(-1_500_000_001L);
        long top = Long.MAX_VALUE / 1_000_000_000L; // whole seconds that fit
        assertThat(InMemoryIdempotencyStore.nanosSince(origin, START.plusSeconds(top - 1).plusNanos(999_999_999)))
                .isEqualTo((top - 1) * 1_000_000_000L + 999_999_999);
        assertThat(InMemoryIdempotencyStore.nanosSince(origin, START.plusSeconds(top))).isEqualTo(Long.MAX_VALUE - 1);
        assertThat(InMemoryIdempotencyStore.nanosSince(origin, START.plusSeconds(top).plusNanos(999_999_999))).isEqualTo(Long.MAX_VALUE - 1);
        long bottom = Long.MIN_VALUE / 1_000_000_000L;
        assertThat(InMemoryIdempotencyStore.nanosSince(origin, START.plusSeconds(bottom))).isEqualTo(bottom * 1_000_000_000L);
        assertThat(InMemoryIdempotencyStore.nanosSince(origin, START.plusSeconds(bottom - 1))).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void aTimeAfterNowIsHeldAtTheEndOfTheRange() {
        assertThat(InMemoryIdempotencyStore.after(10, Duration.ofNanos(5))).isEqualTo(15);
        assertThat(InMemoryIdempotencyStore.after(10, Duration.ofNanos(Long.MAX_VALUE - 10))).isEqualTo(Long.MAX_VALUE);
        assertThat(InMemoryIdempotencyStore.after(11, Duration.ofNanos(Long.MAX_VALUE - 10))).isEqualTo(Long.MAX_VALUE);
        assertThat(InMemoryIdempotencyStore.after(9, Duration.ofNanos(Long.MAX_VALUE - 10))).isEqualTo(Long.MAX_VALUE - 1);
        assertThat(InMemoryIdempotencyStore.after(0, Duration.ofNanos(Long.MAX_VALUE).plusNanos(1))).isEqualTo(Long.MAX_VALUE);
        assertThat(InMemoryIdempotencyStore.after(Long.MIN_VALUE, Duration.ofSeconds(1))).isEqualTo(Long.MIN_VALUE + 1_000_000_000L);
    }

    @Test
    void leaseExpiresExactlyAtItsEnd() {
        IdempotencyStore store = IdempotencyStore.inMemory(100, clock);
        Claim crashed = store.claim("k", LEASE);
        clock.advance(LEASE.minusNanos(1));
        assertThat(store.claim("k", LEASE).status()).isEqualTo(Status.IN_PROGRESS);
        clock.advance(Duration.ofNanos(1));
        Claim next = store.claim("k", LEASE);
        assertThat(next.acquired()).isTrue();
        assertThat(next.ownerToken()).isNotEqualTo(crashed.ownerToken());
    }

    @Test
    void aLateOwnerCannotTouchTheNewClaim() {
        IdempotencyStore store = IdempotencyStore.inMemory(100, clock);
        Claim late = store.claim("k", LEASE);
        clock.advance(LEASE.plusSeconds(1));
        Claim current = store.claim("k", LEASE);
        assertThat(current.acquired()).isTrue();

        assertThat(store.complete(late, RETENTION)).isFalse();
        assertThat(store.release(late)).isFalse();
        assertThat(store.claim("k", LEASE).status()).isEqualTo(Status.IN_PROGRESS);

        assertThat(store.complete(current, RETENTION)).isTrue();
        assertThat(store.claim("k", LEASE).status()).isEqualTo(Status.DONE);
        assertThat(store.release(late)).isFalse();
        assertThat(store.claim("k", LEASE).status()).isEqualTo(Status.DONE);
    }

    @Test
    void anExpiredClaimNobodyElseTookCanStillBeCompleted() {
        // The late owner loses the key only once another delivery claims it; until then its work
        // is recorded as done, so a retry is not processed twice.
        IdempotencyStore store = IdempotencyStore.inMemory(100, clock);
        Claim slow = store.claim("k", LEASE);
        clock.advance(LEASE.plusSeconds(1));
        assertThat(store.complete(slow, RETENTION)).isTrue();
        assertThat(store.claim("k", LEASE).status()).isEqualTo(Status.DONE);
    }

    @Test
    void aClaimThatWasNotAcquiredActsOnNothing() {
        IdempotencyStore store = IdempotencyStore.inMemory(100, clock);
        Claim owner = store.claim("k", LEASE);
        Claim observer = store.claim("k", LEASE);
        assertThat(store.complete(observer, RETENTION)).isFalse();
        assertThat(store.release(observer)).isFalse();
        assertThat(store.complete(new Claim("k", Status.ACQUIRED, "forged-token"), RETENTION)).isFalse();
        assertThat(store.release(new Claim("k", Status.ACQUIRED, "forged-token"))).isFalse();
        assertThat(store.complete(owner, RETENTION)).isTrue();
    }

    @Test
    void oldestKeysAreForgottenBeyondTheBound() {
        IdempotencyStore store = IdempotencyStore.inMemory(3, clock);
        for (String key : List.of("a", "b", "c", "d")) {
            store.complete(store.claim(key, LEASE), RETENTION);
        }
        assertThat(entries(store)).isEqualTo(3);
        assertThat(store.claim("d", LEASE).status()).isEqualTo(Status.DONE);
        assertThat(store.claim("a", LEASE).status()).isEqualTo(Status.ACQUIRED);
    }

    @Test
    void expiredKeysAreForgottenBeforeLiveOnesBeyondTheBound() {
        IdempotencyStore store = IdempotencyStore.inMemory(2, clock);
        // The live claim is the oldest: forgetting by age alone would drop it.
        IdempotencyStore.Claim live = store.claim("live", LEASE);
        store.claim("expiring", Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(2));

        assertThat(store.claim("third", LEASE).status()).isEqualTo(Status.ACQUIRED);

        assertThat(entries(store)).isEqualTo(2);
        assertThat(store.claim("live", LEASE).status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(store.complete(live, RETENTION)).isTrue();
    }

    @Test
    @Timeout(60)
    void theBoundHoldsUnderConcurrentChurn() throws Exception {
        int max = 100;
        IdempotencyStore store = IdempotencyStore.inMemory(max, clock);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            workers.add(pool.submit(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < 5_000; i++) {
                    Claim claim;
                    try {
                        claim = store.claim("t" + thread + "-" + random.nextInt(2_000), LEASE);
                    } catch (StoreUnavailableException full) {
                        continue; // the bound was taken by claims in progress: refused, not evicted
                    }
                    if (claim.acquired()) {
                        switch (random.nextInt(3)) {
                            case 0 -> store.complete(claim, RETENTION);
                            case 1 -> store.release(claim);
                            default -> { } // left in progress, as a crashed delivery would
                        }
                    }
                    if (i % 500 == 0) {
                        clock.advance(Duration.ofSeconds(random.nextInt(1, 120)));
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        assertThat(entries(store)).isLessThanOrEqualTo(max);
        // The store works again once the claims left in progress have expired.
        clock.advance(LEASE);
        assertThat(store.claim("fresh", LEASE).acquired()).isTrue();
        assertThat(entries(store)).isLessThanOrEqualTo(max);
    }

    /**
     * Regression: the store once forgot the oldest keys even while their claims were live, so with
     * bound 4 and 16 threads one key in progress was acquired 4 times.
     */
    @Test
    @Timeout(60)
    void liveClaimsAreNeverForgottenWhenTheBoundIsFull() throws Exception {
        IdempotencyStore store = IdempotencyStore.inMemory(4, clock);
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<int[]>> results = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int thread = t;
                results.add(threads.submit(() -> {
                    start.await();
                    int[] counts = new int[2]; // acquisitions of "shared", refusals for a full store
                    for (int i = 0; i < 2_000; i++) {
                        String key = i % 2 == 0 ? "shared" : "t" + thread + "-" + i;
                        try {
                            Claim claim = store.claim(key, LEASE);
                            if (claim.acquired() && key.equals("shared")) {
                                counts[0]++;
                            } else if (claim.acquired()) {
                                store.complete(claim, RETENTION);
                            }
                        } catch (StoreUnavailableException full) {
                            counts[1]++;
                        }
                    }
                    return counts;
                }));
            }
            start.countDown();
            int sharedAcquisitions = 0;
            for (Future<int[]> result : results) {
                sharedAcquisitions += result.get()[0];
            }
            assertThat(sharedAcquisitions).as("a live claim is acquired once until it ends").isEqualTo(1);
            assertThat(entries(store)).isLessThanOrEqualTo(4);
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * Regression: a claim that had made room at the bound was refused as "full" when another
     * thread's claim took the store over the bound again before it looked; under HTTP load on a
     * store at its bound, one delivery in some hundred thousand got a 503.
     */
    @Test
    @Timeout(60)
    void concurrentClaimsAtTheBoundAreNeverRefusedWhileKeysCanBeForgotten() throws Exception {
        IdempotencyStore store = IdempotencyStore.inMemory(64, clock);
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> refusals = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int thread = t;
                refusals.add(threads.submit(() -> {
                    start.await();
                    int refused = 0;
                    for (int i = 0; i < 20_000; i++) {
                        try {
                            store.complete(store.claim("t" + thread + "-" + i, LEASE), RETENTION);
                        } catch (StoreUnavailableException full) {
                            refused++;
                        }
                    }
                    return refused;
                }));
            }
            start.countDown();
            int refused = 0;
            for (Future<Integer> result : refusals) {
                refused += result.get();
            }
            assertThat(refused).as("at most 16 claims are live at once, so 48 or more keys can always be forgotten").isZero();
            assertThat(entries(store)).isLessThanOrEqualTo(64);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aBoundFullOfLiveClaimsRefusesTheNextClaimAndRecoversWhenOneEnds() {
        IdempotencyStore store = IdempotencyStore.inMemory(2, clock);
        Claim a = store.claim("a", LEASE);
        store.claim("b", LEASE);
        assertThatThrownBy(() -> store.claim("c", LEASE)).isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("claims in progress");
        assertThat(entries(store)).isEqualTo(2);
        assertThat(store.claim("a", LEASE).status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(store.claim("b", LEASE).status()).isEqualTo(Status.IN_PROGRESS);

        assertThat(store.complete(a, RETENTION)).isTrue();
        assertThat(store.claim("c", LEASE).acquired()).as("a processed key may be forgotten").isTrue();
        assertThat(store.claim("b", LEASE).status()).isEqualTo(Status.IN_PROGRESS);

        clock.advance(LEASE);
        assertThat(store.claim("d", LEASE).acquired()).as("an expired claim may be forgotten").isTrue();
    }

    @Test
    void asynchronousOperationsDefaultToTheSynchronousOnesAndCarryTheirFailures() throws Exception {
        IdempotencyStore store = IdempotencyStore.inMemory(1, clock);
        Claim claim = store.claimAsync("k", LEASE).toCompletableFuture().get();
        assertThat(claim.acquired()).isTrue();
        assertThat(store.claimAsync("k", LEASE).toCompletableFuture().get().status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(store.claimAsync("full", LEASE).toCompletableFuture()).isCompletedExceptionally();
        assertThatThrownBy(() -> store.claimAsync("full", LEASE).toCompletableFuture().join())
                .hasCauseInstanceOf(StoreUnavailableException.class);
        assertThat(store.releaseAsync(claim).toCompletableFuture().get()).isTrue();
        Claim again = store.claim("k", LEASE);
        assertThat(store.completeAsync(again, RETENTION).toCompletableFuture().get()).isTrue();
        assertThat(store.completeAsync(again, RETENTION).toCompletableFuture().get()).isFalse();
        assertThat(store.releaseAsync(again).toCompletableFuture().get()).isFalse();
    }

    @Test
    void leaseAndRetentionMustBePositiveAndBoundPositive() {
        IdempotencyStore store = IdempotencyStore.inMemory(10, clock);
        assertThatThrownBy(() -> store.claim("k", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lease");
        Claim claim = store.claim("k", LEASE);
        assertThatThrownBy(() -> store.complete(claim, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retention");
        assertThatThrownBy(() -> IdempotencyStore.inMemory(0, clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Claim("k", Status.ACQUIRED, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(IdempotencyStore.inMemory()).isNotNull();
        assertThat(TestSupport.fixedAt(0)).isNotNull();
    }

    /** The number of keys held, as the store reports it. */
    static int entries(IdempotencyStore store) {
        Matcher m = Pattern.compile("entries=(\\d+)").matcher(store.toString());
        assertThat(m.find()).as(store.toString()).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
