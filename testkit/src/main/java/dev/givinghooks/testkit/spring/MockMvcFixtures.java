package dev.givinghooks.testkit.spring;

import dev.givinghooks.testkit.Fixture;
import java.net.URI;
import java.util.Objects;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Renders a {@link Fixture} as a Spring MockMvc request: the fixture's method and path, every
 * header line (repeated lines stay repeated, in order) and the exact body bytes.
 *
 * <pre>{@code
 * Fixture delivery = kit.chuffed().paymentConfirmed().signed();
 * mockMvc.perform(MockMvcFixtures.request(delivery)).andExpect(status().isOk());
 * }</pre>
 *
 * <p>Needs spring-test (Spring Framework 7) on the class path, which the testkit declares as an
 * optional dependency: nothing else in the testkit refers to this class, so the testkit works
 * without Spring. Stateless and thread-safe; each call returns a new builder.
 */
public final class MockMvcFixtures {
    /*
     * The request is built from a URI, not a URI template, so a path is taken as it is (no "{...}"
     * expansion, no second encoding). The builder adds Content-Length from the body unless the
     * fixture carries one; a Content-Type line is passed as a header like any other, so it stays
     * exactly as the provider sent it (no charset appended, no media type parsing).
     */

    private MockMvcFixtures() {
    }

    /**
     * Returns a MockMvc request builder for a fixture, to pass to {@code MockMvc.perform} (or
     * {@code MockMvcTester.perform}) and to customise further if needed.
     *
     * @param fixture the delivery
     * @return a new builder carrying the fixture's method, path, header lines and body bytes
     * @throws IllegalArgumentException when the fixture's path is not a valid URI reference
     */
    // spring-test is an automatic module, which `requires transitive` must not name: a modular
    // test suite that uses MockMvc requires spring.test itself.
    @SuppressWarnings("exports")
    public static MockHttpServletRequestBuilder request(Fixture fixture) {
        Objects.requireNonNull(fixture, "fixture");
        MockHttpServletRequestBuilder builder =
                MockMvcRequestBuilders.request(HttpMethod.valueOf(fixture.method()), URI.create(fixture.path()));
        for (Fixture.Header header : fixture.headers()) {
            builder.header(header.name(), header.value());
        }
        return builder.content(fixture.body());
    }
}
