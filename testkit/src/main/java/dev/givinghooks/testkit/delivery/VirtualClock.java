package dev.givinghooks.testkit.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when told: the {@link DeliverySimulator} advances it to each attempt's
 * time, so a provider's two-day retry schedule runs in milliseconds. Hand the same clock to the
 * verifiers and the store under test, and they see the time the provider's retries would arrive
 * at. Thread-safe; it never goes back.
 */
public final class VirtualClock extends Clock {
    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    private VirtualClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /**
     * Returns a clock standing at an instant, in UTC.
     *
     * @param start the time it shows until advanced
     * @return the clock
     */
    public static VirtualClock at(Instant start) {
        return new VirtualClock(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
    }

    /**
     * Moves the clock forward.
     *
     * @param duration how far, not negative
     * @return the new time
     */
    public Instant advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a virtual clock never goes back");
        }
        return now.updateAndGet(current -> current.plus(duration));
    }

    /**
     * Moves the clock to an instant, if that is later than now.
     *
     * @param instant the time to reach
     * @return the new time: the later of the two
     */
    public Instant advanceTo(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        return now.updateAndGet(current -> instant.isAfter(current) ? instant : current);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** Returns a view in another zone that moves with this clock. */
    @Override
    public Clock withZone(ZoneId otherZone) {
        return new VirtualClock(now, Objects.requireNonNull(otherZone, "zone"));
    }

    @Override
    public String toString() {
        return "VirtualClock[" + now.get() + ", " + zone + "]";
    }
}
