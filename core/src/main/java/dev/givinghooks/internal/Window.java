package dev.givinghooks.internal;

import dev.givinghooks.Provider;
import dev.givinghooks.Reason;
import dev.givinghooks.WebhookRejectedException;
import java.time.Duration;
import java.time.Instant;

/** Replay windows, checked in both directions; both edges are inclusive. */
public final class Window {
    private Window() {
    }

    /**
     * Checks that {@code timestamp} lies within [{@code now - maxAge}, {@code now + maxFuture}].
     *
     * @throws WebhookRejectedException with {@link Reason#TIMESTAMP_TOO_OLD} or
     *         {@link Reason#TIMESTAMP_IN_FUTURE}
     */
    public static void check(Provider provider, Instant timestamp, Instant now, Duration maxAge, Duration maxFuture) {
        check(provider, timestamp.getEpochSecond(), timestamp.getNano(), now, maxAge, maxFuture);
    }

    /**
     * Checks, as {@link #check(Provider, Instant, Instant, Duration, Duration)} does, a timestamp
     * given as epoch seconds and nanoseconds, which may lie beyond the range of {@code Instant}.
     */
    static void check(Provider provider, long epochSecond, int nano, Instant now, Duration maxAge, Duration maxFuture) {
        check(provider, epochSecond, nano, now.getEpochSecond(), now.getNano(), maxAge, maxFuture);
    }

    /**
     * Checks a timestamp of whole epoch seconds against a clock read in milliseconds
     * ({@link java.time.Clock#millis}), which costs a third less than reading an {@code Instant}.
     * Against whole seconds, a clock without its sub-millisecond part moves the window's edges by
     * under a millisecond.
     */
    public static void check(Provider provider, long epochSecond, long nowMillis, Duration maxAge, Duration maxFuture) {
        check(provider, epochSecond, 0, Math.floorDiv(nowMillis, 1000), Math.floorMod(nowMillis, 1000) * 1_000_000, maxAge, maxFuture);
    }

    private static void check(Provider provider, long epochSecond, int nano, long nowSecond, int nowNano, Duration maxAge, Duration maxFuture) {
        // now - maxAge and now + maxFuture, normalised to whole seconds and 0..999,999,999 nanos;
        // a window beyond the range of long seconds saturates: it reaches back (or ahead) forever.
        long oldestSecond = saturated(nowSecond, -maxAge.getSeconds());
        int oldestNano = nowNano - maxAge.getNano();
        if (oldestNano < 0) {
            oldestNano += 1_000_000_000;
            oldestSecond = saturated(oldestSecond, -1);
        }
        long newestSecond = saturated(nowSecond, maxFuture.getSeconds());
        int newestNano = nowNano + maxFuture.getNano();
        if (newestNano >= 1_000_000_000) {
            newestNano -= 1_000_000_000;
            newestSecond = saturated(newestSecond, 1);
        }
        boolean tooOld = epochSecond < oldestSecond || epochSecond == oldestSecond && nano < oldestNano;
        boolean inFuture = epochSecond > newestSecond || epochSecond == newestSecond && nano > newestNano;
        if (tooOld) {
            throw new WebhookRejectedException(provider, Reason.TIMESTAMP_TOO_OLD,
                    "timestamp is " + difference(nowSecond, epochSecond) + " s old; at most " + maxAge.toSeconds() + " s allowed");
        }
        if (inFuture) {
            throw new WebhookRejectedException(provider, Reason.TIMESTAMP_IN_FUTURE,
                    "timestamp is " + difference(epochSecond, nowSecond) + " s ahead; at most " + maxFuture.toSeconds() + " s allowed");
        }
    }

    /** Returns {@code a + b}, or the nearest end of the range of long where that overflows. */
    private static long saturated(long a, long b) {
        long sum = a + b;
        if (((a ^ sum) & (b ^ sum)) < 0) { // overflow: both operands differ in sign from the result
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return sum;
    }

    /** Returns {@code a - b}, or the nearest end of the range of long where that overflows ({@code -b} may itself overflow). */
    private static long difference(long a, long b) {
        long difference = a - b;
        if (((a ^ b) & (a ^ difference)) < 0) { // overflow: the operands differ in sign, and the result's sign is b's
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return difference;
    }

    /** Validates a configured window length. */
    public static Duration positive(String name, Duration duration) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration");
        }
        return duration;
    }
}
