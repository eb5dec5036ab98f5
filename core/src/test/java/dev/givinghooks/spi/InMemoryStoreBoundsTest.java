package dev.givinghooks.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.givinghooks.TestSupport.MutableClock;
import dev.givinghooks.spi.IdempotencyStore.Claim;
import dev.givinghooks.spi.IdempotencyStore.Status;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The in-memory store's bounds, looked at from inside: keys held and the acquisition queue, under churn. */
class InMemoryStoreBoundsTest {
    private static final Duration LONG = Duration.ofHours(1);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-10T09:00:00Z"));
    private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore(16, clock);

    @Test
    void theQueueStaysWithinTwiceTheBoundUnderChurnAndLiveClaimsSurviveIt() {
        Claim[] live = new Claim[6];
        for (int i = 0; i < live.length; i++) {
            live[i] = store.claim("live-" + i, LONG);
        }
        for (int i = 0; i < 5; i++) {
            assertThat(store.complete(store.claim("done-" + i, LONG), LONG)).isTrue();
        }
        for (int i = 0; i < 2_000; i++) {
            Claim churn = store.claim("churn-" + i, LONG);
            assertThat(store.release(churn)).isTrue();
            assertThat(store.queued()).as("queue after %d claims", i).isLessThanOrEqualTo(2 * 16 + 1);
        }
        for (int i = 0; i < live.length; i++) {
            assertThat(store.claim("live-" + i, LONG).status()).isEqualTo(Status.IN_PROGRESS);
        }
        // The done keys' acquisitions must still be queued: they are what makes room for new keys.
        for (int i = 0; i < 10; i++) {
            assertThat(store.complete(store.claim("later-" + i, LONG), LONG)).isTrue();
            assertThat(store.size()).isLessThanOrEqualTo(16);
        }
        for (int i = 0; i < live.length; i++) {
            assertThat(store.claim("live-" + i, LONG).status()).as("live claims are never forgotten").isEqualTo(Status.IN_PROGRESS);
        }
        assertThat(store.claim("later-9", LONG).status()).as("the newest done key is kept").isEqualTo(Status.DONE);
        assertThat(store.claim("done-0", LONG).acquired()).as("the oldest done key, queued before the churn, was forgotten first").isTrue();
        assertThat(store.queued()).as("the live claims' acquisitions are still queued").isGreaterThanOrEqualTo(live.length);
    }

    @Test
    void expiredKeysMakeRoomAndTheBoundHolds() {
        for (int i = 0; i < 16; i++) {
            store.claim("short-" + i, Duration.ofSeconds(1));
        }
        assertThatThrownBy(() -> store.claim("one-too-many", LONG)).isInstanceOf(StoreUnavailableException.class);
        assertThat(store.size()).isEqualTo(16);
        clock.advance(Duration.ofSeconds(2));
        for (int i = 0; i < 16; i++) {
            assertThat(store.claim("fresh-" + i, LONG).acquired()).isTrue();
            assertThat(store.size()).isLessThanOrEqualTo(16);
        }
        assertThatThrownBy(() -> store.claim("short-3", LONG)).as("now full of live claims again").isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void theOldestDoneKeyIsForgottenFirst() {
        for (int i = 0; i < 16; i++) {
            assertThat(store.complete(store.claim("k" + i, LONG), LONG)).isTrue();
        }
        assertThat(store.claim("k16", LONG).acquired()).isTrue();
        assertThat(store.size()).isEqualTo(16);
        assertThat(store.claim("k15", LONG).status()).as("the newest done key is kept").isEqualTo(Status.DONE);
        assertThat(store.claim("k0", LONG).acquired()).as("the oldest was forgotten: claimable again").isTrue();
    }

    @Test
    void aFullStoreOfKeysWithinTheirRetentionIsNeverScanned() {
        for (int i = 0; i < 500; i++) {
            assertThat(store.complete(store.claim("done-" + i, LONG), Duration.ofHours(72))).isTrue();
            assertThat(store.size()).isLessThanOrEqualTo(16);
        }
        assertThat(store.sweeps()).as("nothing had expired: a sweep would have found nothing").isZero();
        assertThat(store.claim("done-499", LONG).status()).isEqualTo(Status.DONE);
    }

    @Test
    void aSweepRunsOnceTheEarliestExpiryHasPassedAndFindsTheExpiredKeys() {
        for (int i = 0; i < 8; i++) {
            assertThat(store.complete(store.claim("brief-" + i, LONG), Duration.ofSeconds(1))).isTrue();
        }
        for (int i = 0; i < 8; i++) {
            store.claim("live-" + i, LONG);
        }
        clock.advance(Duration.ofSeconds(2));
        for (int i = 0; i < 8; i++) {
            assertThat(store.claim("new-" + i, LONG).acquired()).isTrue();
        }
        assertThat(store.sweeps()).as("the retentions, shorter than the leases, had ended").isPositive();
        for (int i = 0; i < 8; i++) {
            assertThat(store.claim("live-" + i, LONG).status()).as("live claims survive the sweep").isEqualTo(Status.IN_PROGRESS);
        }
        assertThat(store.size()).isEqualTo(16);
    }

    @Test
    void afterASweepTheNextWaitsForTheEarliestExpiryOfWhatIsLeft() {
        for (int i = 0; i < 16; i++) {
            assertThat(store.complete(store.claim("first-" + i, LONG), Duration.ofSeconds(1))).isTrue();
        }
        clock.advance(Duration.ofSeconds(2));
        assertThat(store.complete(store.claim("second-0", LONG), Duration.ofMinutes(10))).isTrue();
        int afterFirst = store.sweeps();
        assertThat(afterFirst).isPositive();
        for (int i = 1; i < 100; i++) {
            assertThat(store.complete(store.claim("second-" + i, LONG), Duration.ofMinutes(10))).isTrue();
        }
        assertThat(store.sweeps()).as("nothing left expires within ten minutes").isEqualTo(afterFirst);
        clock.advance(Duration.ofMinutes(11));
        for (int i = 0; i < 16; i++) {
            assertThat(store.complete(store.claim("third-" + i, LONG), LONG)).isTrue();
        }
        assertThat(store.sweeps()).as("the ten minutes have passed").isGreaterThan(afterFirst);
    }
}
