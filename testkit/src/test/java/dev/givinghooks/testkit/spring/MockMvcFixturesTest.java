package dev.givinghooks.testkit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.givinghooks.Provider;
import dev.givinghooks.testkit.Arrival;
import dev.givinghooks.testkit.Fixture;
import dev.givinghooks.testkit.Generators;
import dev.givinghooks.testkit.Testkit;
import dev.givinghooks.testkit.Variant;
import dev.givinghooks.testkit.junit.CatalogueSource;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletContext;
import org.springframework.stereotype.Controller;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * A real MockMvc (DispatcherServlet, standalone setup) receives fixtures rendered by
 * {@link MockMvcFixtures}; its controller checks the exact lines and bytes and verifies them with core.
 */
class MockMvcFixturesTest {
    private static final Testkit KIT = Testkit.create();
    private static final Endpoint ENDPOINT = new Endpoint();
    private static MockMvc mockMvc;

    /** Records each delivery and answers with core's verdict, as an adapter would. */
    @Controller
    public static final class Endpoint {
        private final List<Arrival> arrivals = Collections.synchronizedList(new ArrayList<>());

        /**
         * Receives a delivery.
         *
         * @param request the request
         * @param response the response
         * @throws IOException never, the request is in memory
         */
        @PostMapping("/webhooks/{provider}")
        public void receive(HttpServletRequest request, HttpServletResponse response) throws IOException {
            List<Map.Entry<String, String>> lines = new ArrayList<>();
            for (String name : Collections.list(request.getHeaderNames())) {
                for (String value : Collections.list(request.getHeaders(name))) {
                    lines.add(new AbstractMap.SimpleEntry<>(name, value));
                }
            }
            Arrival arrival = Arrival.of(request.getMethod(), request.getRequestURI(), lines, request.getInputStream().readAllBytes());
            arrivals.add(arrival);
            Arrival.Answer answer = arrival.verify(KIT);
            response.setStatus(answer.status());
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write(answer.text());
        }
    }

    @BeforeAll
    static void buildMockMvc() {
        mockMvc = MockMvcBuilders.standaloneSetup(ENDPOINT).build();
    }

    @BeforeEach
    void forget() {
        ENDPOINT.arrivals.clear();
    }

    private static Arrival.Answer perform(Fixture fixture) throws Exception {
        MockHttpServletResponse response = mockMvc.perform(MockMvcFixtures.request(fixture)).andReturn().getResponse();
        Arrival arrival = ENDPOINT.arrivals.get(ENDPOINT.arrivals.size() - 1);
        arrival.assertIs(fixture);
        return new Arrival.Answer(response.getStatus(), response.getContentAsString(StandardCharsets.UTF_8));
    }

    @Test
    void readmeExample() throws Exception {
        Fixture delivery = KIT.chuffed().paymentConfirmed().signed();
        mockMvc.perform(MockMvcFixtures.request(delivery)).andExpect(status().isOk());
        assertThat(ENDPOINT.arrivals).hasSize(1);
    }

    @ParameterizedTest
    @CatalogueSource
    void everyCatalogueVariantArrivesIntactAndGetsItsTaggedOutcome(Variant variant) throws Exception {
        List<Arrival.Answer> answers = new ArrayList<>();
        for (Fixture delivery : variant.deliveries()) {
            answers.add(perform(delivery));
        }
        Arrival.assertAnswers(variant, answers);
    }

    @Test
    void repeatedLinesKeepTheirOrderAndContentTypeIsNotRewritten() throws Exception {
        Fixture fixture = KIT.sirGiving().actionCompleted().signed()
                .withHeader("X-SIR-Signature", "sha256=00")
                .withHeaderReplaced("Content-Type", "application/json;charset=utf-8");
        MockHttpServletRequest request = MockMvcFixtures.request(fixture).buildRequest(new MockServletContext());
        assertThat(Collections.list(request.getHeaders("X-SIR-Signature"))).isEqualTo(fixture.headers("X-SIR-Signature")).hasSize(2);
        assertThat(Collections.list(request.getHeaders("Content-Type"))).containsExactly("application/json;charset=utf-8");
        assertThat(request.getContentAsByteArray()).isEqualTo(fixture.body());
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getRequestURI()).isEqualTo("/webhooks/sir-giving");

        assertThat(perform(fixture)).isEqualTo(new Arrival.Answer(401, "MALFORMED_SIGNATURE"));
    }

    @Test
    void arbitraryBytesArriveUnchanged() throws Exception {
        long seed = Generators.newSeed();
        RandomGenerator random = Generators.random(seed);
        for (int i = 0; i < 50; i++) {
            byte[] body = Generators.bytes(random, 2000);
            Fixture fixture = Fixture.of(Provider.CHUFFED, List.of(new Fixture.Header("Signature", "x")), body);
            MockHttpServletRequest request = MockMvcFixtures.request(fixture).buildRequest(new MockServletContext());
            assertThat(request.getContentAsByteArray()).as("seed %sL", seed).isEqualTo(body);
            perform(fixture);
        }
    }
}
