package dev.givinghooks.testkit.junit;

import dev.givinghooks.testkit.Generators;
import dev.givinghooks.testkit.Sample;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.AnnotationConsumer;

/**
 * The arguments of {@link RandomSampleSource}: seeded random samples, each named with the seed
 * that rebuilds it. JUnit creates one per test method; not meant to be shared between threads.
 */
public final class RandomSampleArgumentsProvider implements ArgumentsProvider, AnnotationConsumer<RandomSampleSource> {
    /** The system property that fixes the base seed of runs whose annotation does not. */
    public static final String SEED_PROPERTY = "givinghooks.seed";

    private int count = 200;
    private long seed;
    private boolean negative;

    /** Creates a provider of 200 positive samples until configured by its annotation. */
    public RandomSampleArgumentsProvider() {
    }

    @Override
    public void accept(RandomSampleSource source) {
        if (source.count() <= 0) {
            throw new IllegalArgumentException("count must be positive");
        }
        count = source.count();
        seed = source.seed();
        negative = source.negative();
    }

    /**
     * Returns {@code count} samples derived from the base seed, each named with its own seed.
     * One-argument form, as JUnit 5.12 calls it (see {@link CatalogueArgumentsProvider}).
     */
    @Override
    @SuppressWarnings("deprecation") // the one-argument form keeps JUnit 5.12 users working
    public Stream<? extends Arguments> provideArguments(ExtensionContext context) {
        long base = baseSeed();
        SplittableRandom seeds = new SplittableRandom(base);
        long[] caseSeeds = LongStream.generate(seeds::nextLong).limit(count).toArray();
        return LongStream.range(0, count).mapToObj(i -> {
            long caseSeed = caseSeeds[(int) i];
            Sample sample = negative ? Generators.mutated(caseSeed) : Generators.sample(caseSeed);
            String name = "#" + (i + 1) + " " + sample + (i == 0 ? " (base seed " + base + "L)" : "");
            return Arguments.of(Named.of(name, sample));
        });
    }

    private long baseSeed() {
        if (seed != 0) {
            return seed;
        }
        String property = System.getProperty(SEED_PROPERTY);
        return property != null && !property.isBlank() ? Long.parseLong(property.strip()) : Generators.newSeed();
    }
}
