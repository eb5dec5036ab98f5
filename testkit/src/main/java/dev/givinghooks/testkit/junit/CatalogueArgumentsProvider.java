package dev.givinghooks.testkit.junit;

import dev.givinghooks.Provider;
import dev.givinghooks.testkit.Testkit;
import dev.givinghooks.testkit.Variant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.AnnotationConsumer;

/**
 * The arguments of {@link CatalogueSource}: the catalogue's variants, filtered by provider and
 * outcome. JUnit creates one per test method; not meant to be shared between threads.
 */
public final class CatalogueArgumentsProvider implements ArgumentsProvider, AnnotationConsumer<CatalogueSource> {
    private Set<Provider> providers = EnumSet.allOf(Provider.class);
    private boolean positives = true;
    private boolean negatives = true;

    /** Creates a provider that gives the whole catalogue until configured by its annotation. */
    public CatalogueArgumentsProvider() {
    }

    @Override
    public void accept(CatalogueSource source) {
        providers = source.providers().length == 0 ? EnumSet.allOf(Provider.class) : EnumSet.copyOf(List.of(source.providers()));
        positives = source.positives();
        negatives = source.negatives();
    }

    /**
     * Returns one argument per selected variant, named after it.
     *
     * <p>This is the one-argument form, which JUnit 5.12 (Spring Boot 3.5) calls as well as
     * newer versions, where it is deprecated in favour of a two-argument form whose default
     * delegates here.
     */
    @Override
    @SuppressWarnings("deprecation") // the one-argument form keeps JUnit 5.12 users working
    public Stream<? extends Arguments> provideArguments(ExtensionContext context) {
        return Testkit.create().catalogue().stream()
                .filter(variant -> providers.contains(variant.provider()))
                .filter(variant -> variant.positive() ? positives : negatives)
                .map(variant -> Arguments.of(Named.of(variant.toString(), variant)));
    }
}
