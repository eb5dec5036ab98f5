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
        if (timestamp.isBefore(now.minus(maxAge))) {
            throw new WebhookRejectedException(provider, Reason.TIMESTAMP_TOO_OLD,
                    "timestamp is " + Duration.between(timestamp, now).toSeconds() + " s old; at most "
                            + maxAge.toSeconds() + " s allowed");
        }
        if (timestamp.isAfter(now.plus(maxFuture))) {
            throw new WebhookRejectedException(provider, Reason.TIMESTAMP_IN_FUTURE,
                    "timestamp is " + Duration.between(now, timestamp).toSeconds() + " s ahead; at most "
                            + maxFuture.toSeconds() + " s allowed");
        }
    }

    /** Validates a configured window length. */
    public static Duration positive(String name, Duration duration) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration");
        }
        return duration;
    }
}
