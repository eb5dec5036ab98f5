package dev.givinghooks.testkit;

import java.util.Objects;

/**
 * One generated case: the seed it came from, the testkit whose credentials and clock it uses
 * (verify with {@code testkit().verifier(...)}), and the variant with its expected outcome.
 * {@link Generators#sample(long)} or {@link Generators#mutated(long)} with the same seed
 * rebuilds it byte for byte.
 *
 * <p>Immutable.
 *
 * @param seed the seed
 * @param testkit the testkit
 * @param variant the delivery and its expected outcome
 */
public record Sample(long seed, Testkit testkit, Variant variant) {
    /**
     * Checks the components.
     *
     * @param seed the seed
     * @param testkit the testkit
     * @param variant the variant
     */
    public Sample {
        Objects.requireNonNull(testkit, "testkit");
        Objects.requireNonNull(variant, "variant");
    }

    /** Reads as the variant and the seed that rebuilds it. */
    @Override
    public String toString() {
        return variant + " [seed " + seed + "L]";
    }
}
