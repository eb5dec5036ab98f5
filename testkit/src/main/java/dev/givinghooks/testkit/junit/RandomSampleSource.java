package dev.givinghooks.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Feeds a {@code @ParameterizedTest} with seeded random {@link dev.givinghooks.testkit.Sample}s:
 * deliveries that must verify ({@link dev.givinghooks.testkit.Generators#sample(long)}) or, with
 * {@link #negative()}, that must be refused ({@link dev.givinghooks.testkit.Generators#mutated(long)}).
 * Each case's name carries its own seed; pass that seed to the generator to rebuild the case.
 *
 * <p>The run's base seed is {@link #seed()} when non-zero, else the system property
 * {@value RandomSampleArgumentsProvider#SEED_PROPERTY} when set, else a fresh one; the first
 * case's name shows it.
 *
 * <pre>{@code
 * @ParameterizedTest
 * @RandomSampleSource(count = 300)
 * void verifies(Sample sample) { ... }
 * }</pre>
 */
@Target({ElementType.ANNOTATION_TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ArgumentsSource(RandomSampleArgumentsProvider.class)
public @interface RandomSampleSource {
    /**
     * Returns how many cases to generate.
     *
     * @return the count, 200 by default
     */
    int count() default 200;

    /**
     * Returns the base seed; 0 means "not fixed".
     *
     * @return the seed
     */
    long seed() default 0;

    /**
     * Returns whether to generate negative (mutated) deliveries instead of positive ones.
     *
     * @return {@code false} by default
     */
    boolean negative() default false;
}
