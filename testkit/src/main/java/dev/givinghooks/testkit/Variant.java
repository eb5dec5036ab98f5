package dev.givinghooks.testkit;

import dev.givinghooks.Provider;
import java.util.List;
import java.util.Objects;

/**
 * One catalogue entry: a named delivery (or sequence of deliveries) of one provider and the
 * outcome its last delivery must produce. Every delivery before the last is a positive that must
 * be verified and processed first (a duplicate variant sends the same delivery twice).
 *
 * <p>Immutable.
 *
 * @param name a short kebab-case name, unique within the provider, such as {@code tampered-byte}
 * @param provider the provider
 * @param deliveries the deliveries in the order they are sent, at least one
 * @param expected the outcome of the last delivery
 */
public record Variant(String name, Provider provider, List<Fixture> deliveries, Expected expected) {

    /**
     * Checks and copies.
     *
     * @param name the name
     * @param provider the provider
     * @param deliveries the deliveries
     * @param expected the expected outcome
     */
    public Variant {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(expected, "expected");
        deliveries = List.copyOf(deliveries);
        if (deliveries.isEmpty()) {
            throw new IllegalArgumentException("a variant needs a delivery");
        }
    }

    /**
     * Returns a variant of a single delivery.
     *
     * @param name the name
     * @param fixture the delivery
     * @param expected its outcome
     * @return the variant
     */
    public static Variant of(String name, Fixture fixture, Expected expected) {
        return new Variant(name, fixture.provider(), List.of(fixture), expected);
    }

    /**
     * Returns the last delivery, the one the expectation is about.
     *
     * @return the fixture
     */
    public Fixture fixture() {
        return deliveries.get(deliveries.size() - 1);
    }

    /**
     * Returns whether the last delivery must be verified (first time or as a duplicate).
     *
     * @return {@code true} unless rejected
     */
    public boolean positive() {
        return expected.outcome() != Expected.Outcome.REJECTED;
    }

    /** Reads as {@code sir-giving/tampered-byte -> rejected(SIGNATURE_MISMATCH)}. */
    @Override
    public String toString() {
        return provider.id() + "/" + name + " -> " + expected;
    }
}
