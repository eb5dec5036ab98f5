package dev.givinghooks.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.givinghooks.Provider;
import dev.givinghooks.Reason;
import dev.givinghooks.Verified;
import dev.givinghooks.WebhookEvent;
import dev.givinghooks.WebhookRejectedException;
import dev.givinghooks.WebhookRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a test endpoint received, and core's verdict on it: the receiving side of the tests of the
 * framework renderers (MockMvc, Vert.x WebClient).
 *
 * @param method the request method
 * @param path the request path, as received
 * @param headers every header line received, by name without regard to case, values in order
 * @param body the body bytes received
 */
public record Arrival(String method, String path, Map<String, List<String>> headers, byte[] body) {

    /**
     * The answer of the endpoint: 200 with the key index and idempotency key when core verifies the
     * delivery, otherwise the reason's status with the reason's name.
     *
     * @param status the HTTP status
     * @param text the response body
     */
    public record Answer(int status, String text) {
        static Answer of(Reason reason) {
            return new Answer(reason.httpStatus(), reason.name());
        }
    }

    /**
     * Collects header lines, as a server lists them, into a case-insensitive map.
     *
     * @param method the request method
     * @param path the request path
     * @param lines the header lines in order
     * @param body the body bytes
     * @return the arrival
     */
    public static Arrival of(String method, String path, Iterable<Map.Entry<String, String>> lines, byte[] body) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, String> line : lines) {
            headers.computeIfAbsent(line.getKey(), name -> new ArrayList<>()).add(line.getValue());
        }
        return new Arrival(method, path, Collections.unmodifiableMap(headers), body);
    }

    /**
     * Verifies the delivery with core, with the testkit's verifier for the provider named by the
     * last path segment.
     *
     * @param kit the testkit whose credentials and clock to verify with
     * @return the answer an adapter would give
     */
    public Answer verify(Testkit kit) {
        Provider provider = Provider.fromId(path.substring(path.lastIndexOf('/') + 1));
        try {
            Verified<? extends WebhookEvent> verified = kit.verifier(provider).verify(WebhookRequest.of(headers, body).withPath(path));
            return new Answer(200, verified.keyIndex() + " " + verified.idempotencyKey());
        } catch (WebhookRejectedException e) {
            return Answer.of(e.reason());
        }
    }

    /**
     * Asserts that the fixture arrived intact: method, path, every line of each of its headers (in
     * order, none added for those names) and the exact body bytes.
     *
     * @param fixture the fixture that was sent
     */
    public void assertIs(Fixture fixture) {
        assertThat(method).as("method of %s", fixture).isEqualTo(fixture.method());
        assertThat(path).as("path of %s", fixture).isEqualTo(fixture.path());
        for (Fixture.Header header : fixture.headers()) {
            assertThat(headers.getOrDefault(header.name(), List.of())).as("%s lines of %s", header.name(), fixture)
                    .isEqualTo(fixture.headers(header.name()));
        }
        assertThat(body).as("body of %s", fixture).isEqualTo(fixture.body());
    }

    /**
     * Asserts that the answers to a variant's deliveries are the ones its tag calls for: every
     * delivery before the last verifies; the last verifies with the tagged key index, verifies as
     * the same event as the first (a duplicate) or is refused with the tagged reason.
     *
     * @param variant the variant whose deliveries were sent, in order
     * @param answers the answers, in order
     */
    public static void assertAnswers(Variant variant, List<Answer> answers) {
        assertThat(answers).as("answers to %s", variant).hasSize(variant.deliveries().size());
        for (Answer earlier : answers.subList(0, answers.size() - 1)) {
            assertThat(earlier.status()).as("earlier delivery of %s", variant).isEqualTo(200);
        }
        Answer last = answers.get(answers.size() - 1);
        Expected expected = variant.expected();
        switch (expected.outcome()) {
            case VERIFIED -> {
                assertThat(last.status()).as("status of %s", variant).isEqualTo(200);
                assertThat(last.text()).as("key index of %s", variant).startsWith(expected.keyIndex() + " ");
            }
            case DUPLICATE -> assertThat(last).as("answer to %s", variant).isEqualTo(answers.get(0));
            case REJECTED -> assertThat(last).as("answer to %s", variant).isEqualTo(Answer.of(expected.reason()));
        }
    }
}
