package dev.givinghooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.givinghooks.Provider;
import dev.givinghooks.Reason;
import dev.givinghooks.WebhookRejectedException;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The replay window against a reference written with Instant arithmetic, at and around both edges, to the nanosecond. */
class WindowTest {
    private static final Instant T = Instant.parse("2026-05-10T09:12:00Z");

    /** What the window must answer: null when inside (edges included), else the reason. */
    private static Reason reference(Instant timestamp, Instant now, Duration maxAge, Duration maxFuture) {
        if (timestamp.isBefore(now.minus(maxAge))) {
            return Reason.TIMESTAMP_TOO_OLD;
        }
        if (timestamp.isAfter(now.plus(maxFuture))) {
            return Reason.TIMESTAMP_IN_FUTURE;
        }
        return null;
    }

    private static Reason actual(Instant timestamp, Instant now, Duration maxAge, Duration maxFuture) {
        return reasonOf(() -> Window.check(Provider.SIR_GIVING, timestamp, now, maxAge, maxFuture));
    }

    private static Reason actual(long epochSecond, long nowMillis, Duration maxAge, Duration maxFuture) {
        return reasonOf(() -> Window.check(Provider.SIR_GIVING, epochSecond, nowMillis, maxAge, maxFuture));
    }

    private static Reason reasonOf(Runnable check) {
        try {
            check.run();
            return null;
        } catch (WebhookRejectedException e) {
            return e.reason();
        }
    }

    @Test
    void agreesWithTheReferenceAtEveryEdgeToTheNanosecond() {
        SplittableRandom random = new SplittableRandom(20261129);
        for (int i = 0; i < 20_000; i++) {
            Instant now = T.plusSeconds(random.nextLong(-1_000_000, 1_000_000)).plusNanos(random.nextInt(1_000_000_000));
            Duration maxAge = Duration.ofSeconds(random.nextLong(0, 4000), random.nextInt(1_000_000_000)).plusNanos(1);
            Duration maxFuture = Duration.ofSeconds(random.nextLong(0, 4000), random.nextInt(1_000_000_000)).plusNanos(1);
            Instant edge = random.nextBoolean() ? now.minus(maxAge) : now.plus(maxFuture);
            for (long offset : new long[] {-1_000_000_001L, -1_000_000_000L, -999_999_999L, -1, 0, 1, 999_999_999L, 1_000_000_000L, 1_000_000_001L}) {
                Instant timestamp = edge.plusNanos(offset);
                assertThat(actual(timestamp, now, maxAge, maxFuture)).as("%s in [%s - %s, + %s]", timestamp, now, maxAge, maxFuture)
                        .isEqualTo(reference(timestamp, now, maxAge, maxFuture));
            }
        }
    }

    @Test
    void wholeSecondsAgainstAMillisecondClockAgreeWithTheReferenceAtThatMillisecond() {
        SplittableRandom random = new SplittableRandom(20261130);
        for (int i = 0; i < 20_000; i++) {
            // Both sides of the epoch: the clock's milliseconds split into seconds by floor, not truncation.
            long nowMillis = random.nextLong(-4_000_000_000_000L, 4_000_000_000_000L);
            Instant now = Instant.ofEpochMilli(nowMillis);
            Duration maxAge = Duration.ofSeconds(random.nextLong(0, 4000), random.nextInt(1_000_000_000)).plusNanos(1);
            Duration maxFuture = Duration.ofSeconds(random.nextLong(0, 4000), random.nextInt(1_000_000_000)).plusNanos(1);
            long edge = (random.nextBoolean() ? now.minus(maxAge) : now.plus(maxFuture)).getEpochSecond();
            for (long second = edge - 2; second <= edge + 2; second++) {
                Instant timestamp = Instant.ofEpochSecond(second);
                assertThat(actual(second, nowMillis, maxAge, maxFuture)).as("%s in [%s - %s, + %s]", timestamp, now, maxAge, maxFuture)
                        .isEqualTo(reference(timestamp, now, maxAge, maxFuture));
            }
        }
    }

    @Test
    void nanosecondsCarryAndBorrowExactlyAtTheSecond() {
        // now .7 s minus .7 s: no borrow; now .3 s plus .7 s: a carry to the next whole second.
        Instant now = T.plusMillis(700);
        Duration age = Duration.ofSeconds(300, 700_000_000);
        assertThat(actual(T.minusSeconds(300), now, age, age)).isNull();
        assertThat(actual(T.minusSeconds(300).minusNanos(1), now, age, age)).isEqualTo(Reason.TIMESTAMP_TOO_OLD);
        Instant later = T.plusMillis(300);
        Duration ahead = Duration.ofMillis(700);
        assertThat(actual(T.plusSeconds(1), later, ahead, ahead)).isNull();
        assertThat(actual(T.plusSeconds(1).plusNanos(1), later, ahead, ahead)).isEqualTo(Reason.TIMESTAMP_IN_FUTURE);
    }

    @Test
    void aWindowUnderASecondIsStillAWindow() {
        Duration tiny = Duration.ofNanos(500);
        assertThatCode(() -> Window.check(Provider.CHUFFED, T, T, tiny, tiny)).doesNotThrowAnyException();
        assertThat(actual(T.minusNanos(501), T, tiny, tiny)).isEqualTo(Reason.TIMESTAMP_TOO_OLD);
        assertThat(actual(T.plusNanos(501), T, tiny, tiny)).isEqualTo(Reason.TIMESTAMP_IN_FUTURE);
    }

    @Test
    void anEnormousWindowSaturatesInsteadOfWrappingAround() {
        Duration forever = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);
        assertThatCode(() -> Window.check(Provider.SIR_GIVING, -1_000_000_000_000_000L, 0, T, forever, forever)).doesNotThrowAnyException();
        assertThatCode(() -> Window.check(Provider.SIR_GIVING, Long.MAX_VALUE, 999_999_999, T, forever, forever)).doesNotThrowAnyException();
        // now - (2^63 - 1) s is still after the oldest long second: that one is older, by more seconds than a long holds.
        assertThatThrownBy(() -> Window.check(Provider.SIR_GIVING, Long.MIN_VALUE, 0, T, forever, forever))
                .hasMessageEndingWith("timestamp is 9223372036854775807 s old; at most 9223372036854775807 s allowed");
        assertThatThrownBy(() -> Window.check(Provider.SIR_GIVING, Long.MAX_VALUE, 0, T.minusSeconds(T.getEpochSecond() * 2), forever, Duration.ofDays(1)))
                .hasMessageEndingWith("timestamp is 9223372036854775807 s ahead; at most 86400 s allowed");
    }

    @Test
    void theMessagesSayHowFarOutsideInWholeSeconds() {
        Duration five = Duration.ofMinutes(5);
        assertThatThrownBy(() -> Window.check(Provider.SIR_GIVING, T.minusSeconds(301), T, five, five))
                .hasMessageEndingWith(": timestamp is 301 s old; at most 300 s allowed");
        assertThatThrownBy(() -> Window.check(Provider.SIR_GIVING, T.plusSeconds(361), T, five, Duration.ofMinutes(6)))
                .hasMessageEndingWith(": timestamp is 361 s ahead; at most 360 s allowed");
    }

    @Test
    void theAgeIsExactEvenAcrossTheEpochAndForLessThanASecond() {
        assertThatThrownBy(() -> Window.check(Provider.SIR_GIVING, T.plusNanos(400), T.plusNanos(1000), Duration.ofNanos(500), Duration.ofNanos(500)))
                .hasMessageEndingWith(": timestamp is 0 s old; at most 0 s allowed");
        assertThatThrownBy(() -> Window.check(Provider.SIR_GIVING, Instant.ofEpochSecond(-100), T, Duration.ofMinutes(5), Duration.ofMinutes(5)))
                .hasMessageEndingWith(": timestamp is " + (T.getEpochSecond() + 100) + " s old; at most 300 s allowed");
    }

    @Test
    void aConfiguredWindowMustBePositive() {
        assertThat(Window.positive("tolerance", Duration.ofNanos(1))).isEqualTo(Duration.ofNanos(1));
        for (Duration bad : new Duration[] {null, Duration.ZERO, Duration.ofNanos(-1)}) {
            assertThatThrownBy(() -> Window.positive("tolerance", bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("tolerance must be a positive duration");
        }
    }
}
