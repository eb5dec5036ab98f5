package dev.givinghooks.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.givinghooks.Provider;
import dev.givinghooks.Reason;
import dev.givinghooks.Verified;
import dev.givinghooks.WebhookEvent;
import dev.givinghooks.WebhookVerifier;
import dev.givinghooks.spi.IdempotencyStore;
import dev.givinghooks.testkit.Credentials;
import dev.givinghooks.testkit.Expected;
import dev.givinghooks.testkit.Fixture;
import dev.givinghooks.testkit.HostileRequest;
import dev.givinghooks.testkit.Testkit;
import dev.givinghooks.testkit.Variant;
import dev.givinghooks.testkit.WebhookSender;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The adapter contract suite: every provider × every catalogue variant over real HTTP, plus the
 * idempotency scenarios. Subclass it in an adapter module and start the adapter on a real server.
 *
 * <pre>{@code
 * class WebhookFilterContractTest extends AdapterContractTest {
 *     @Override
 *     protected RunningAdapter start(AdapterSetup setup) throws Exception {
 *         // start a server whose adapter uses setup's verifiers, store, body limit and application
 *     }
 * }
 * }</pre>
 *
 * <p>What an adapter must do: answer a verified delivery with the application's status (the
 * suite's application answers 200), once per idempotency key; refuse every negative variant with
 * its {@link Reason#httpStatus()} and an {@code application/problem+json} body whose
 * {@code reason} member is the reason's name, without calling the application and without any
 * secret, key or signature in the body; acknowledge a delivery processed before with 200 and no
 * second call; keep a delivery whose application call failed (exception or non-2xx status)
 * retryable, answering a 5xx status for an exception; refuse a concurrent duplicate with 409
 * {@code DUPLICATE_IN_PROGRESS}; refuse a body over the limit with 413, and a {@code Content-Length}
 * over the limit before the body has been sent.
 *
 * <p>One adapter is started for the whole class and the tests run one at a time. The verifiers
 * in the setup run on the testkit's fixed clock, so the fixtures' timestamps are current.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Execution(ExecutionMode.SAME_THREAD)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class AdapterContractTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern LONG_HEX = Pattern.compile("[0-9a-fA-F]{32,}");

    private Testkit kit;
    private final WebhookSender sender = WebhookSender.create();
    private final ScriptedApplication application = new ScriptedApplication();
    private AdapterSetup setup;
    private RunningAdapter adapter;

    /**
     * Creates the suite.
     */
    protected AdapterContractTest() {
    }

    /**
     * Starts the adapter under test on a real server, configured from the setup, and returns it
     * running. Called once before the suite's tests.
     *
     * @param setup the verifiers, store, body limit and application to use
     * @return the running adapter
     * @throws Exception when it cannot be started
     */
    protected abstract RunningAdapter start(AdapterSetup setup) throws Exception;

    /**
     * Returns the testkit whose fixtures the suite sends; override to change clock, seed or limit.
     *
     * @return the testkit
     */
    protected Testkit testkit() {
        return Testkit.create();
    }

    /**
     * Starts the adapter.
     *
     * @throws Exception when it cannot be started
     */
    @BeforeAll
    public final void startAdapter() throws Exception {
        kit = testkit(); // here, not in a field initialiser: a subclass's override may read its own fields
        setup = new AdapterSetup(kit.sirGivingVerifier(), kit.givingBlockDecryptor(), kit.chuffedVerifier(),
                IdempotencyStore.inMemory(), kit.maxBodyBytes(), application);
        adapter = start(setup);
        assertNotNull(adapter, "start(setup) returned null");
    }

    /**
     * Stops the adapter.
     *
     * @throws Exception when it cannot be stopped
     */
    @AfterAll
    public final void stopAdapter() throws Exception {
        if (adapter != null) {
            adapter.close();
        }
    }

    /**
     * Sends every catalogue variant of every provider and checks the outcome it is tagged with.
     *
     * @return one test per variant
     */
    @TestFactory
    public final Stream<DynamicTest> catalogue() {
        return kit.catalogue().stream().map(variant -> DynamicTest.dynamicTest(variant.toString(), () -> check(variant)));
    }

    /**
     * Sends every request of the {@linkplain HostileRequest#catalogue hostile catalogue} over a raw
     * socket: each is refused with a 4xx status (the reason's status and a problem naming it when
     * the request reaches the adapter), none reaches the application, none is answered 5xx; and
     * after them all the server still serves a valid delivery.
     *
     * @return one test per hostile request, then the valid delivery
     */
    @TestFactory
    public final Stream<DynamicTest> hostileRequests() {
        Stream<DynamicTest> each = HostileRequest.catalogue(kit).stream()
                .map(request -> DynamicTest.dynamicTest(request.toString(), () -> checkHostile(request)));
        DynamicTest serving = DynamicTest.dynamicTest("a valid delivery after the catalogue", () -> {
            for (Provider provider : Provider.values()) {
                assertEquals(200, send(freshPositive(provider)).status(), provider + " still served");
            }
        });
        return Stream.concat(each, Stream.of(serving));
    }

    /**
     * Returns whether the server answers every request whose framing is broken (a
     * {@code Content-Length} whose bytes never arrive before the client half-closes, a malformed
     * chunk) with a 4xx status. Servlet containers and Spring do. Netty, under Vert.x, closes a
     * connection whose client half-closed before the declared length, and the JDK's
     * {@code HttpServer} (the testkit's reference adapter) closes on both: no answer can be sent
     * on a closed connection. Override to return {@code false} for such a server only; nothing
     * may be processed either way.
     *
     * @return {@code true} unless the server may close such connections without an answer
     */
    protected boolean answersBrokenFraming() {
        return true;
    }

    private void checkHostile(HostileRequest request) throws Exception {
        int before = application.total();
        RawHttp.Answer answer;
        try {
            answer = RawHttp.send(request, adapter.endpoint(request.provider()));
        } catch (java.io.IOException closed) {
            boolean brokenFraming = request.framing() == HostileRequest.Framing.DECLARED_LENGTH
                    || request.framing() == HostileRequest.Framing.MALFORMED_CHUNKED;
            if (request.transport() && brokenFraming && !answersBrokenFraming()) {
                assertEquals(before, application.total(), "the application must not be called for a hostile request");
                return;
            }
            throw closed;
        }
        assertTrue(answer.status() >= 400 && answer.status() < 500, "a hostile request is answered 4xx, was " + answer);
        if (!request.transport()) {
            assertEquals(request.reason().httpStatus(), answer.status(), "status: " + answer);
            assertTrue(answer.body().contains("\"reason\":\"" + request.reason().name() + "\""), "a problem naming " + request.reason() + ": " + answer);
        }
        assertEquals(before, application.total(), "the application must not be called for a hostile request");
    }

    /**
     * A delivery processed successfully is acknowledged with 200 when it comes again, without a
     * second application call.
     *
     * @param provider the provider
     * @throws Exception on failure
     */
    @ParameterizedTest
    @EnumSource(Provider.class)
    public final void duplicateAfterSuccessIsAcknowledgedWithoutSecondCall(Provider provider) throws Exception {
        Fixture fixture = freshPositive(provider);
        String key = verifyDirectly(fixture).idempotencyKey();
        assertEquals(200, send(fixture).status());
        assertEquals(200, send(fixture).status(), "duplicate after success");
        assertEquals(200, send(fixture).status(), "third delivery");
        assertEquals(1, application.calls(key).size(), "application calls");
    }

    /**
     * When the application throws, the delivery is answered with a 5xx status and stays
     * retryable: the provider's retry is processed.
     *
     * @param provider the provider
     * @throws Exception on failure
     */
    @ParameterizedTest
    @EnumSource(Provider.class)
    public final void retryAfterApplicationExceptionIsProcessed(Provider provider) throws Exception {
        Fixture fixture = freshPositive(provider);
        String key = verifyDirectly(fixture).idempotencyKey();
        application.script(key, v -> {
            throw new IllegalStateException("application failure scripted by the contract suite");
        });
        int failed = send(fixture).status();
        assertTrue(failed >= 500 && failed <= 599, "an application exception must be answered with 5xx, was " + failed);
        assertEquals(200, send(fixture).status(), "retry after an application exception");
        assertEquals(2, application.calls(key).size(), "application calls");
        assertEquals(200, send(fixture).status(), "duplicate after the successful retry");
        assertEquals(2, application.calls(key).size(), "application calls after the duplicate");
    }

    /**
     * When the application answers 500, the adapter answers 500 and the retry is processed.
     *
     * @param provider the provider
     * @throws Exception on failure
     */
    @ParameterizedTest
    @EnumSource(Provider.class)
    public final void retryAfterApplicationErrorStatusIsProcessed(Provider provider) throws Exception {
        Fixture fixture = freshPositive(provider);
        String key = verifyDirectly(fixture).idempotencyKey();
        application.script(key, v -> 500);
        assertEquals(500, send(fixture).status(), "the application's status");
        assertEquals(200, send(fixture).status(), "retry after the application answered 500");
        assertEquals(2, application.calls(key).size(), "application calls");
    }

    /**
     * While a delivery is being processed, the same delivery is refused with 409; once the first
     * completes, a further duplicate is acknowledged without a call.
     *
     * @param provider the provider
     * @throws Exception on failure
     */
    @ParameterizedTest
    @EnumSource(Provider.class)
    public final void concurrentDuplicateIsRefusedWith409(Provider provider) throws Exception {
        Fixture fixture = freshPositive(provider);
        String key = verifyDirectly(fixture).idempotencyKey();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        application.script(key, v -> {
            entered.countDown();
            if (!release.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the contract suite never released the first delivery");
            }
            return 200;
        });
        CompletableFuture<WebhookSender.Response> first = sender.sendAsync(fixture, adapter.endpoint(provider));
        try {
            assertTrue(entered.await(10, TimeUnit.SECONDS), "the first delivery never reached the application");
            WebhookSender.Response duplicate = send(fixture);
            assertRejected(duplicate, Reason.DUPLICATE_IN_PROGRESS);
        } finally {
            release.countDown();
        }
        assertEquals(200, first.get(20, TimeUnit.SECONDS).status(), "the first delivery");
        assertEquals(200, send(fixture).status(), "duplicate after completion");
        assertEquals(1, application.calls(key).size(), "application calls");
    }

    /**
     * A body one byte over the limit is refused with 413 and never reaches the application.
     *
     * @param provider the provider
     * @throws Exception on failure
     */
    @ParameterizedTest
    @EnumSource(Provider.class)
    public final void bodyOverLimitIsRefusedWith413(Provider provider) throws Exception {
        Fixture oversized = kit.catalogue(provider).stream().filter(v -> v.name().equals("oversized-body"))
                .findFirst().orElseThrow().fixture();
        assertTrue(oversized.body().length > kit.maxBodyBytes());
        int before = application.total();
        assertRejected(send(oversized), Reason.BODY_TOO_LARGE);
        assertEquals(before, application.total(), "application calls");
    }

    /**
     * A {@code Content-Length} far over the limit is refused with 413 before the body is sent:
     * the suite sends the headers and 1 KiB, then waits for the answer.
     *
     * @param provider the provider
     * @throws Exception on failure
     */
    @ParameterizedTest
    @EnumSource(Provider.class)
    public final void contentLengthFarOverLimitIsRefusedBeforeTheBodyArrives(Provider provider) throws Exception {
        Fixture fixture = freshPositive(provider);
        URI endpoint = adapter.endpoint(provider);
        long declared = 100L * kit.maxBodyBytes();
        StringBuilder head = new StringBuilder();
        head.append("POST ").append(endpoint.getRawPath()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(endpoint.getHost()).append(':').append(endpoint.getPort()).append("\r\n")
                .append("Content-Length: ").append(declared).append("\r\n");
        for (Fixture.Header header : fixture.headers()) {
            head.append(header.name()).append(": ").append(header.value()).append("\r\n");
        }
        head.append("\r\n");
        byte[] start = new byte[1024];
        Arrays.fill(start, (byte) ' ');
        byte[] body = fixture.body();
        System.arraycopy(body, 0, start, 0, Math.min(body.length, start.length));
        int before = application.total();
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(start);
            out.flush();
            String statusLine = readLine(socket.getInputStream());
            assertTrue(statusLine.startsWith("HTTP/1.1 413 ") || statusLine.equals("HTTP/1.1 413"),
                    "expected 413 before the body was sent, got: " + statusLine);
        }
        assertEquals(before, application.total(), "application calls");
    }

    private void check(Variant variant) throws Exception {
        List<Fixture> deliveries = variant.deliveries();
        for (int i = 0; i < deliveries.size() - 1; i++) {
            WebhookSender.Response earlier = send(deliveries.get(i));
            assertEquals(200, earlier.status(), "delivery " + (i + 1) + " before the last: " + earlier);
        }
        Fixture last = variant.fixture();
        Expected expected = variant.expected();
        int before = application.total();
        WebhookSender.Response response = send(last);
        switch (expected.outcome()) {
            case VERIFIED -> {
                Verified<? extends WebhookEvent> direct = verifyDirectly(last);
                assertEquals(ScriptedApplication.DEFAULT_STATUS, response.status(), "status of a verified delivery: " + response);
                List<Verified<?>> calls = application.calls(direct.idempotencyKey());
                assertEquals(1, calls.size(), "application calls for " + direct.idempotencyKey());
                Verified<?> received = calls.get(0);
                assertEquals(expected.keyIndex(), received.keyIndex(), "key index");
                assertEquals(direct.event(), received.event(), "event handed to the application");
                assertArrayEquals(direct.body(), received.body(), "authenticated body handed to the application");
            }
            case DUPLICATE -> {
                Verified<? extends WebhookEvent> direct = verifyDirectly(last);
                assertEquals(200, response.status(), "status of a duplicate: " + response);
                assertEquals(1, application.calls(direct.idempotencyKey()).size(), "application calls");
            }
            case REJECTED -> {
                assertRejected(response, expected.reason());
                assertEquals(before, application.total(), "the application must not be called for a rejection");
            }
        }
    }

    private void assertRejected(WebhookSender.Response response, Reason reason) {
        assertEquals(reason.httpStatus(), response.status(), "status for " + reason + ": " + response);
        String contentType = response.header("Content-Type").orElse("");
        assertTrue(contentType.toLowerCase(Locale.ROOT).startsWith("application/problem+json"),
                "problem responses are application/problem+json, was '" + contentType + "'");
        JsonNode problem = JSON.readTree(response.body());
        assertTrue(problem.isObject(), "problem body is a JSON object");
        JsonNode reasonMember = problem.get("reason");
        assertNotNull(reasonMember, "problem has a reason member: " + response);
        assertEquals(reason.name(), reasonMember.asString(), "problem reason");
        JsonNode status = problem.get("status");
        if (status != null) {
            assertEquals(reason.httpStatus(), status.asInt(), "problem status member");
        }
        String text = response.bodyText();
        for (String secret : secrets()) {
            assertFalse(text.contains(secret), "a secret or key appears in the problem response");
        }
        assertFalse(LONG_HEX.matcher(text).find(), "a long hex string (signature or key) appears in the problem response: " + text);
    }

    private List<String> secrets() {
        Credentials c = kit.credentials();
        List<String> secrets = new ArrayList<>(c.sirGivingSecrets());
        secrets.addAll(c.chuffedSecrets());
        for (Credentials.KeyPair pair : c.givingBlockKeys()) {
            secrets.add(pair.keyHex());
            secrets.add(pair.ivHex());
        }
        return secrets;
    }

    private Fixture freshPositive(Provider provider) {
        return switch (provider) {
            case SIR_GIVING -> kit.sirGiving().actionCompleted().signed();
            case GIVING_BLOCK -> kit.givingBlock().deposit().encrypted();
            case CHUFFED -> kit.chuffed().paymentConfirmed().signed();
        };
    }

    private Verified<? extends WebhookEvent> verifyDirectly(Fixture fixture) {
        WebhookVerifier<? extends WebhookEvent> verifier = switch (fixture.provider()) {
            case SIR_GIVING -> setup.sirGiving();
            case GIVING_BLOCK -> setup.givingBlock();
            case CHUFFED -> setup.chuffed();
        };
        return verifier.verify(fixture.toWebhookRequest());
    }

    private WebhookSender.Response send(Fixture fixture) throws Exception {
        return sender.send(fixture, adapter.endpoint(fixture.provider()));
    }

    private static String readLine(InputStream in) throws java.io.IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
            if (line.size() > 1024) {
                fail("status line longer than 1 KiB");
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
