package dev.givinghooks.testkit.delivery;

import dev.givinghooks.Provider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a provider delivers an event: how many attempts at most, how long it waits for each answer,
 * and the exponential back-off between attempts. An attempt fails on a non-2xx answer, on no
 * answer within the timeout, or when the endpoint cannot be reached; the delivery then waits
 * {@code firstDelay × multiplier^(n-1)} before its (n+1)th attempt.
 *
 * @param attempts the most attempts, at least 1
 * @param timeout how long an attempt waits for the answer
 * @param firstDelay the wait before the second attempt
 * @param multiplier how much each later wait grows, at least 1
 */
public record RetryPolicy(int attempts, Duration timeout, Duration firstDelay, double multiplier) {
    /*
     * Chuffed [doc]: non-2xx is retried with exponential back-off, up to 5 attempts over about two
     * days, each attempt timed out after 2 seconds. The docs give the shape, not the numbers: a
     * doubling back-off whose four waits add up to 48 hours starts at 48 h / 15 = 3 h 12 min.
     * SIR Giving retries on non-2xx or slow answers on an unpublished schedule, and The Giving
     * Block publishes none: their presets are assumptions, to be set to what an integration sees.
     */

    /**
     * Checks the policy.
     *
     * @param attempts the most attempts, at least 1
     * @param timeout how long an attempt waits, positive
     * @param firstDelay the wait before the second attempt, not negative
     * @param multiplier how much each later wait grows, at least 1
     */
    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(firstDelay, "firstDelay");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        if (firstDelay.isNegative()) {
            throw new IllegalArgumentException("firstDelay must not be negative");
        }
        if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be at least 1");
        }
    }

    /**
     * Chuffed's documented delivery: 5 attempts, 2-second timeout, exponential back-off over
     * about two days (waits of 3 h 12 min, doubling: 48 hours in all).
     *
     * @return the policy
     */
    public static RetryPolicy chuffed() {
        return new RetryPolicy(5, Duration.ofSeconds(2), Duration.ofMinutes(192), 2);
    }

    /**
     * SIR Giving: retries on non-2xx or slow answers, on an unpublished schedule; assumed here to
     * be 5 attempts, 10-second timeout, waits of 1 minute growing fourfold (1 h 25 min in all).
     *
     * @return the policy
     */
    public static RetryPolicy sirGiving() {
        return new RetryPolicy(5, Duration.ofSeconds(10), Duration.ofMinutes(1), 4);
    }

    /**
     * The Giving Block: no published schedule; assumed here to be 3 attempts, 10-second timeout,
     * waits of 5 minutes growing sixfold (35 minutes in all).
     *
     * @return the policy
     */
    public static RetryPolicy givingBlock() {
        return new RetryPolicy(3, Duration.ofSeconds(10), Duration.ofMinutes(5), 6);
    }

    /**
     * Returns a provider's preset.
     *
     * @param provider the provider
     * @return {@link #chuffed()}, {@link #sirGiving()} or {@link #givingBlock()}
     */
    public static RetryPolicy of(Provider provider) {
        return switch (provider) {
            case CHUFFED -> chuffed();
            case SIR_GIVING -> sirGiving();
            case GIVING_BLOCK -> givingBlock();
        };
    }

    /**
     * Returns this policy with another number of attempts.
     *
     * @param count the most attempts
     * @return the policy
     */
    public RetryPolicy withAttempts(int count) {
        return new RetryPolicy(count, timeout, firstDelay, multiplier);
    }

    /**
     * Returns this policy with another timeout (real time: it bounds each HTTP exchange).
     *
     * @param duration how long an attempt waits for the answer
     * @return the policy
     */
    public RetryPolicy withTimeout(Duration duration) {
        return new RetryPolicy(attempts, duration, firstDelay, multiplier);
    }

    /**
     * Returns this policy with another back-off.
     *
     * @param first the wait before the second attempt
     * @param factor how much each later wait grows
     * @return the policy
     */
    public RetryPolicy withBackoff(Duration first, double factor) {
        return new RetryPolicy(attempts, timeout, first, factor);
    }

    /**
     * Returns the wait after a failed attempt.
     *
     * @param failed the attempt that failed, from 1 to {@code attempts - 1}
     * @return the wait before the next one
     */
    public Duration delayAfter(int failed) {
        if (failed < 1 || failed >= attempts) {
            throw new IllegalArgumentException("attempt " + failed + " is not followed by another (1 to " + (attempts - 1) + ")");
        }
        return Duration.ofNanos(Math.round(firstDelay.toNanos() * Math.pow(multiplier, failed - 1)));
    }

    /**
     * Returns when each attempt starts after the first, were every attempt to fail at once.
     *
     * @return one offset per attempt, the first {@link Duration#ZERO}
     */
    public List<Duration> schedule() {
        List<Duration> offsets = new ArrayList<>();
        Duration at = Duration.ZERO;
        offsets.add(at);
        for (int failed = 1; failed < attempts; failed++) {
            at = at.plus(delayAfter(failed));
            offsets.add(at);
        }
        return List.copyOf(offsets);
    }
}
