package dev.givinghooks.testkit.delivery;

import dev.givinghooks.Provider;
import dev.givinghooks.testkit.Fixture;
import dev.givinghooks.testkit.SirGivingEventBuilder;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

/**
 * One event as a provider delivers it, attempt after attempt: the same bytes each time (Chuffed's
 * signature covers the body alone; The Giving Block's envelope is re-sent), or signed anew at each
 * attempt's time (SIR Giving signs timestamp and body, so a retry carries a new timestamp and
 * signature over the same event). Immutable.
 */
public final class Delivery {
    private final Provider provider;
    private final String name;
    private final Function<Instant, Fixture> attempt;

    private Delivery(Provider provider, String name, Function<Instant, Fixture> attempt) {
        this.provider = provider;
        this.name = name;
        this.attempt = attempt;
    }

    /**
     * Returns a delivery whose every attempt sends this fixture, byte for byte.
     *
     * @param fixture the delivery
     * @return the delivery, named after its provider until {@linkplain #named named}
     */
    public static Delivery of(Fixture fixture) {
        Objects.requireNonNull(fixture, "fixture");
        return new Delivery(fixture.provider(), fixture.provider().id(), at -> fixture);
    }

    /**
     * Returns a SIR Giving delivery signed anew at each attempt's time: same body, new
     * {@code X-SIR-Timestamp} and signature.
     *
     * @param event the event (the builder must not change afterwards)
     * @return the delivery
     */
    public static Delivery of(SirGivingEventBuilder event) {
        Objects.requireNonNull(event, "event");
        return resigned(Provider.SIR_GIVING, event::signedAt);
    }

    /**
     * Returns a delivery built for each attempt from the attempt's time.
     *
     * @param provider the provider
     * @param attempt the fixture sent at a time
     * @return the delivery
     */
    public static Delivery resigned(Provider provider, Function<Instant, Fixture> attempt) {
        Objects.requireNonNull(provider, "provider");
        return new Delivery(provider, provider.id(), Objects.requireNonNull(attempt, "attempt"));
    }

    /**
     * Returns this delivery with a name for the report, such as the event's id.
     *
     * @param label the name
     * @return the delivery
     */
    public Delivery named(String label) {
        return new Delivery(provider, Objects.requireNonNull(label, "label"), attempt);
    }

    /**
     * Returns the provider.
     *
     * @return the provider
     */
    public Provider provider() {
        return provider;
    }

    /**
     * Returns the name the report shows.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns what an attempt at a time sends.
     *
     * @param time the attempt's time
     * @return the fixture
     */
    public Fixture at(Instant time) {
        return Objects.requireNonNull(attempt.apply(time), "the delivery built no fixture");
    }

    @Override
    public String toString() {
        return "Delivery[" + name + "]";
    }
}
