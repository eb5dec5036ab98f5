package dev.givinghooks.testkit.junit;

import dev.givinghooks.Provider;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Feeds a {@code @ParameterizedTest} with the catalogue of {@link dev.givinghooks.testkit.Testkit#create()}:
 * one {@link dev.givinghooks.testkit.Variant} argument per entry, named after it. Verify with the
 * verifiers of {@code Testkit.create()}, which share the catalogue's clock and credentials.
 *
 * <pre>{@code
 * @ParameterizedTest
 * @CatalogueSource(providers = Provider.CHUFFED, negatives = false)
 * void acceptsEveryPositive(Variant variant) { ... }
 * }</pre>
 */
@Target({ElementType.ANNOTATION_TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ArgumentsSource(CatalogueArgumentsProvider.class)
public @interface CatalogueSource {
    /**
     * Returns the providers whose variants are given; all when empty.
     *
     * @return the providers
     */
    Provider[] providers() default {};

    /**
     * Returns whether variants expected to verify (including duplicates) are given.
     *
     * @return {@code true} by default
     */
    boolean positives() default true;

    /**
     * Returns whether variants expected to be rejected are given.
     *
     * @return {@code true} by default
     */
    boolean negatives() default true;
}
