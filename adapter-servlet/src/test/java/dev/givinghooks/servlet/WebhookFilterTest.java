package dev.givinghooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.givinghooks.Provider;
import dev.givinghooks.Reason;
import dev.givinghooks.Verified;
import dev.givinghooks.WebhookRejectedException;
import dev.givinghooks.chuffed.ChuffedEvent;
import dev.givinghooks.givingblock.GivingBlockEvent;
import dev.givinghooks.sirgiving.SirGiving;
import dev.givinghooks.sirgiving.SirGivingEvent;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/** The filter in real Jetty 12 and Tomcat 11 over real HTTP on loopback. */
class WebhookFilterTest {
    private static final String PATH = "/webhooks/sir-giving";

    @ParameterizedTest
    @EnumSource(Container.class)
    void verifiedDeliveryReachesTheServletWithEventAndReadableBody(Container container) throws Exception {
        AppServlet app = AppServlet.blocking();
        try (Container.Running server = container.start(new Container.App(app).filter(PATH, WebhookFilter.of(Deliveries.sirVerifier())))) {
            byte[] body = Deliveries.sirBody("evt_1");
            HttpResponse<String> response = Http.send(Deliveries.sir(server.uri(PATH), body));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(app.seen).hasSize(1);
            AppServlet.Seen seen = app.seen.get(0);
            assertThat(seen.verified().provider()).isEqualTo(Provider.SIR_GIVING);
            assertThat(seen.verified().idempotencyKey()).isEqualTo("sir-giving:evt_1");
            assertThat(seen.verified().keyIndex()).isZero();
            assertThat(seen.eventAttribute()).isInstanceOf(SirGivingEvent.class).isSameAs(seen.verified().event());
            assertThat(seen.streamBody()).isEqualTo(body);
            assertThat(seen.readerBody()).isEqualTo(new String(body, StandardCharsets.UTF_8));
            assertThat(seen.contentLength()).isEqualTo(body.length);
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void wrongSecretIsRefusedWithProblemAndNeverReachesTheServlet(Container container) throws Exception {
        AppServlet app = AppServlet.blocking();
        try (Container.Running server = container.start(new Container.App(app).filter(PATH, WebhookFilter.of(Deliveries.sirVerifier())))) {
            String otherSecret = "whsec_ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";
            HttpResponse<String> response = Http.send(Deliveries.sir(server.uri(PATH), Deliveries.sirBody("evt_1"), otherSecret));

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
            JsonNode problem = Http.json(response);
            assertThat(problem.get("type").stringValue()).isEqualTo("https://givinghooks.dev/problems/signature-mismatch");
            assertThat(problem.get("title").stringValue()).isEqualTo("Signature mismatch");
            assertThat(problem.get("status").intValue()).isEqualTo(401);
            assertThat(problem.get("reason").stringValue()).isEqualTo("SIGNATURE_MISMATCH");
            assertThat(problem.get("provider").stringValue()).isEqualTo("sir-giving");
            assertThat(problem.get("detail").stringValue()).isNotBlank();
            assertThat(response.body()).doesNotContain(Deliveries.SIR_SECRET).doesNotContain("0123456789abcdef").doesNotContain("ffffffff");
            assertThat(app.seen).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void missingHeadersAreAuthenticationFailuresNotServerErrors(Container container) throws Exception {
        AppServlet app = AppServlet.blocking();
        try (Container.Running server = container.start(new Container.App(app).filter(PATH, WebhookFilter.of(Deliveries.sirVerifier())))) {
            HttpResponse<String> noSignature = Http.send(HttpRequest.newBuilder(server.uri(PATH))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Deliveries.sirBody("evt_1"))));
            HttpResponse<String> get = Http.send(HttpRequest.newBuilder(server.uri(PATH)).GET());

            assertThat(noSignature.statusCode()).isEqualTo(401);
            assertThat(Http.json(noSignature).get("reason").stringValue()).isEqualTo("MISSING_SIGNATURE");
            assertThat(get.statusCode()).isEqualTo(401);
            assertThat(app.seen).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void otherPathsAreNotFiltered(Container container) throws Exception {
        AppServlet app = AppServlet.blocking();
        try (Container.Running server = container.start(new Container.App(app).filter(PATH, WebhookFilter.of(Deliveries.sirVerifier())))) {
            HttpResponse<String> response = Http.send(HttpRequest.newBuilder(server.uri("/health")).GET());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(app.seen).singleElement().satisfies(s -> assertThat(s.verified()).isNull());
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void allThreeProvidersAreTyped(Container container) throws Exception {
        AppServlet app = AppServlet.blocking();
        Container.App deployment = new Container.App(app)
                .filter("/webhooks/giving-block", WebhookFilter.of(Deliveries.givingBlockVerifier()))
                .filter("/webhooks/chuffed", WebhookFilter.of(Deliveries.chuffedVerifier()));
        try (Container.Running server = container.start(deployment)) {
            HttpResponse<String> tgb = Http.send(Deliveries.givingBlock(server.uri("/webhooks/giving-block"), Deliveries.givingBlockBody("dep-1")));
            HttpResponse<String> chuffed = Http.send(Deliveries.chuffed(server.uri("/webhooks/chuffed"), Deliveries.chuffedBody(42)));

            assertThat(tgb.statusCode()).isEqualTo(200);
            assertThat(chuffed.statusCode()).isEqualTo(200);
            assertThat(app.seen).hasSize(2);
            assertThat(app.seen.get(0).eventAttribute()).isInstanceOf(GivingBlockEvent.class);
            assertThat(app.seen.get(0).verified().idempotencyKey()).startsWith("giving-block:");
            assertThat(app.seen.get(1).eventAttribute()).isInstanceOf(ChuffedEvent.class);
            assertThat(app.seen.get(1).verified().idempotencyKey()).isEqualTo("chuffed:42:0");
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void contentLengthOverTheLimitIsRefusedWithoutReadingTheBody(Container container) throws Exception {
        AppServlet app = AppServlet.blocking();
        WebhookFilter filter = WebhookFilter.builder(Deliveries.sirVerifier()).maxBodyBytes(1024).build();
        try (Container.Running server = container.start(new Container.App(app).filter(PATH, filter));
                Socket socket = new Socket(server.base().getHost(), server.base().getPort())) {
            // Announce ten megabytes but send one byte and keep the connection open: a filter that
            // tried to read the body would wait here until the socket timeout.
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 10485760\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long started = System.nanoTime();
            String head = readHead(socket.getInputStream());

            assertThat(head).startsWith("HTTP/1.1 413");
            assertThat(head.toLowerCase()).contains("content-type: application/problem+json");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(5_000);
            assertThat(app.seen).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void chunkedBodyOverTheLimitIsRefusedAndWithinItIsVerified(Container container) throws Exception {
        AppServlet app = AppServlet.blocking();
        byte[] body = Deliveries.sirBody("evt_chunked");
        WebhookFilter filter = WebhookFilter.builder(Deliveries.sirVerifier()).maxBodyBytes(body.length).build();
        try (Container.Running server = container.start(new Container.App(app).filter(PATH, filter))) {
            HttpResponse<String> fits = Http.send(chunked(Deliveries.sir(server.uri(PATH), body), body));
            byte[] oneMore = new byte[body.length + 1];
            System.arraycopy(body, 0, oneMore, 0, body.length);
            oneMore[body.length] = ' ';
            HttpResponse<String> tooBig = Http.send(chunked(Deliveries.sir(server.uri(PATH), oneMore), oneMore));

            assertThat(fits.statusCode()).isEqualTo(200);
            assertThat(app.seen).singleElement().satisfies(s -> assertThat(s.streamBody()).isEqualTo(body));
            assertThat(tooBig.statusCode()).isEqualTo(413);
            assertThat(Http.json(tooBig).get("reason").stringValue()).isEqualTo("BODY_TOO_LARGE");
            assertThat(app.seen).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void processedDeliveryIsAcknowledgedAgainWithoutCallingTheApplication(Container container) throws Exception {
        AppServlet app = AppServlet.blocking();
        List<Verified<?>> duplicates = new CopyOnWriteArrayList<>();
        WebhookFilter filter = WebhookFilter.builder(Deliveries.sirVerifier()).listener(new WebhookFilter.Listener() {
            @Override
            public void onDuplicate(HttpServletRequest request, Verified<?> verified) {
                duplicates.add(verified);
            }
        }).build();
        try (Container.Running server = container.start(new Container.App(app).filter(PATH, filter))) {
            byte[] body = Deliveries.sirBody("evt_dup");
            HttpResponse<String> first = Http.send(Deliveries.sir(server.uri(PATH), body));
            HttpResponse<String> second = Http.send(Deliveries.sir(server.uri(PATH), body));

            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(second.statusCode()).isEqualTo(200);
            assertThat(app.calls("sir-giving:evt_dup")).isEqualTo(1);
            assertThat(duplicates).singleElement().satisfies(v -> assertThat(v.idempotencyKey()).isEqualTo("sir-giving:evt_dup"));
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void failedDeliveryIsReleasedSoTheRetryIsProcessed(Container container) throws Exception {
        int[] answers = {503, 200};
        int[] call = {0};
        AppServlet app = AppServlet.blocking().handler(request -> answers[call[0]++]);
        try (Container.Running server = container.start(new Container.App(app).filter(PATH, WebhookFilter.of(Deliveries.sirVerifier())))) {
            byte[] body = Deliveries.sirBody("evt_retry");
            assertThat(Http.send(Deliveries.sir(server.uri(PATH), body)).statusCode()).isEqualTo(503);
            assertThat(Http.send(Deliveries.sir(server.uri(PATH), body)).statusCode()).isEqualTo(200);
            assertThat(Http.send(Deliveries.sir(server.uri(PATH), body)).statusCode()).isEqualTo(200);

            assertThat(app.calls("sir-giving:evt_retry")).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void applicationExceptionIsRethrownAndTheClaimReleased(Container container) throws Exception {
        boolean[] fail = {true};
        AppServlet app = AppServlet.blocking().handler(request -> {
            if (fail[0]) {
                fail[0] = false;
                throw new IllegalStateException("database down");
            }
            return 204;
        });
        try (Container.Running server = container.start(new Container.App(app).filter(PATH, WebhookFilter.of(Deliveries.sirVerifier())))) {
            byte[] body = Deliveries.sirBody("evt_throw");
            // The container turns the propagated exception into its own 500: not swallowed.
            assertThat(Http.send(Deliveries.sir(server.uri(PATH), body)).statusCode()).isEqualTo(500);
            assertThat(Http.send(Deliveries.sir(server.uri(PATH), body)).statusCode()).isEqualTo(204);

            assertThat(app.calls("sir-giving:evt_throw")).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void duplicateWhileInProgressIsRefusedWith409(Container container) throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        AppServlet app = AppServlet.blocking().handler(request -> {
            entered.countDown();
            proceed.await(20, TimeUnit.SECONDS);
            return 200;
        });
        try (Container.Running server = container.start(new Container.App(app).filter(PATH, WebhookFilter.of(Deliveries.sirVerifier())))) {
            byte[] body = Deliveries.sirBody("evt_busy");
            CompletableFuture<HttpResponse<String>> first = Http.CLIENT.sendAsync(Deliveries.sir(server.uri(PATH), body).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            HttpResponse<String> second = Http.send(Deliveries.sir(server.uri(PATH), body));
            proceed.countDown();

            assertThat(second.statusCode()).isEqualTo(409);
            assertThat(Http.json(second).get("reason").stringValue()).isEqualTo("DUPLICATE_IN_PROGRESS");
            assertThat(first.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(Http.send(Deliveries.sir(server.uri(PATH), body)).statusCode()).isEqualTo(200);
            assertThat(app.calls("sir-giving:evt_busy")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void asynchronousRequestSettlesWhenTheAsyncWorkEndsNotWhenTheFirstThreadReturns(Container container) throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        AppServlet app = AppServlet.asynchronous().handler(request -> {
            entered.countDown();
            proceed.await(20, TimeUnit.SECONDS);
            return 202;
        });
        try (Container.Running server = container.start(new Container.App(app).filter(PATH, WebhookFilter.of(Deliveries.sirVerifier())))) {
            byte[] body = Deliveries.sirBody("evt_async");
            CompletableFuture<HttpResponse<String>> first = Http.CLIENT.sendAsync(Deliveries.sir(server.uri(PATH), body).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            // The servlet's thread has returned; the claim must still be held.
            HttpResponse<String> whileRunning = Http.send(Deliveries.sir(server.uri(PATH), body));
            proceed.countDown();

            assertThat(whileRunning.statusCode()).isEqualTo(409);
            assertThat(first.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
            assertThat(Http.send(Deliveries.sir(server.uri(PATH), body)).statusCode()).isEqualTo(200);
            assertThat(app.calls("sir-giving:evt_async")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void asynchronousFailureAndTimeoutReleaseTheClaim(Container container) throws Exception {
        int[] call = {0};
        CountDownLatch never = new CountDownLatch(1);
        AppServlet app = AppServlet.asynchronous().handler(request -> switch (call[0]++) {
            case 0 -> 500;
            case 1 -> {
                never.await(5, TimeUnit.SECONDS); // outlives the async timeout
                yield 200;
            }
            default -> 200;
        });
        app.asyncTimeoutMillis = 300;
        try (Container.Running server = container.start(new Container.App(app).filter(PATH, WebhookFilter.of(Deliveries.sirVerifier())))) {
            byte[] body = Deliveries.sirBody("evt_async_fail");
            assertThat(Http.send(Deliveries.sir(server.uri(PATH), body)).statusCode()).isEqualTo(500);
            assertThat(Http.send(Deliveries.sir(server.uri(PATH), body)).statusCode()).isGreaterThanOrEqualTo(500);
            app.asyncTimeoutMillis = 30_000;
            assertThat(Http.send(Deliveries.sir(server.uri(PATH), body)).statusCode()).isEqualTo(200);
            assertThat(Http.send(Deliveries.sir(server.uri(PATH), body)).statusCode()).isEqualTo(200);

            assertThat(app.calls("sir-giving:evt_async_fail")).isEqualTo(3);
        } finally {
            never.countDown();
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void authenticButMalformedBodyIsHandedToTheListener(Container container) throws Exception {
        AppServlet app = AppServlet.blocking();
        List<WebhookRejectedException> rejections = new CopyOnWriteArrayList<>();
        List<Verified<?>> verifications = new CopyOnWriteArrayList<>();
        WebhookFilter filter = WebhookFilter.builder(Deliveries.sirVerifier()).listener(new WebhookFilter.Listener() {
            @Override
            public void onVerified(HttpServletRequest request, Verified<?> verified) {
                verifications.add(verified);
            }

            @Override
            public void onRejected(HttpServletRequest request, WebhookRejectedException rejection) {
                rejections.add(rejection);
            }
        }).build();
        try (Container.Running server = container.start(new Container.App(app).filter(PATH, filter))) {
            byte[] notAnObject = "[1,2,3]".getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> response = Http.send(Deliveries.sir(server.uri(PATH), notAnObject));
            Http.send(Deliveries.sir(server.uri(PATH), Deliveries.sirBody("evt_ok")));

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(Http.json(response).get("reason").stringValue()).isEqualTo("MALFORMED_PAYLOAD");
            assertThat(rejections).singleElement().satisfies(r -> {
                assertThat(r.reason()).isEqualTo(Reason.MALFORMED_PAYLOAD);
                assertThat(r.authenticBody()).hasValueSatisfying(b -> assertThat(b).isEqualTo(notAnObject));
            });
            assertThat(verifications).singleElement().satisfies(v -> assertThat(v.idempotencyKey()).isEqualTo("sir-giving:evt_ok"));
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void statusMappingOverrideAndAFailingListenerDoNotBreakTheAnswer(Container container) throws Exception {
        AppServlet app = AppServlet.blocking();
        WebhookFilter filter = WebhookFilter.builder(Deliveries.sirVerifier())
                .statusMapping(reason -> reason == Reason.MALFORMED_PAYLOAD ? 200 : reason.httpStatus())
                .listener(new WebhookFilter.Listener() {
                    @Override
                    public void onRejected(HttpServletRequest request, WebhookRejectedException rejection) {
                        throw new IllegalStateException("metrics backend down");
                    }
                }).build();
        try (Container.Running server = container.start(new Container.App(app).filter(PATH, filter))) {
            HttpResponse<String> malformed = Http.send(Deliveries.sir(server.uri(PATH), "\"text\"".getBytes(StandardCharsets.UTF_8)));
            HttpResponse<String> unsigned = Http.send(HttpRequest.newBuilder(server.uri(PATH)).POST(HttpRequest.BodyPublishers.ofString("{}")));

            assertThat(malformed.statusCode()).isEqualTo(200);
            assertThat(Http.json(malformed).get("status").intValue()).isEqualTo(200);
            assertThat(unsigned.statusCode()).isEqualTo(401);
            assertThat(app.seen).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void staleTimestampIsRefused(Container container) throws Exception {
        AppServlet app = AppServlet.blocking();
        try (Container.Running server = container.start(new Container.App(app).filter(PATH, WebhookFilter.of(Deliveries.sirVerifier())))) {
            byte[] body = Deliveries.sirBody("evt_old");
            String old = Long.toString(Instant.now().minusSeconds(3600).getEpochSecond());
            HttpResponse<String> response = Http.send(HttpRequest.newBuilder(server.uri(PATH))
                    .header(SirGiving.TIMESTAMP_HEADER, old)
                    .header(SirGiving.SIGNATURE_HEADER, SirGiving.sign(Deliveries.SIR_SECRET, old, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(Http.json(response).get("reason").stringValue()).isEqualTo("TIMESTAMP_TOO_OLD");
            assertThat(app.seen).isEmpty();
        }
    }

    private static HttpRequest.Builder chunked(HttpRequest.Builder request, byte[] body) {
        // An input-stream publisher has no known length, so the client sends it chunked.
        return request.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
    }

    private static String readHead(InputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }

}
