package dev.givinghooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.givinghooks.sirgiving.SirGiving;
import dev.givinghooks.spi.IdempotencyStore;
import dev.givinghooks.spi.StoreUnavailableException;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Defects found by trying the filter as a user would; each one reproduced here, on Jetty and Tomcat. */
@Timeout(60)
class FilterRegressionTest {
    private static final String PATH = "/webhooks/sir-giving";

    /** An application that records the bodies it processed and answers with a script. */
    abstract static class Recording extends HttpServlet {
        private static final long serialVersionUID = 1L;
        final transient List<byte[]> processed = new CopyOnWriteArrayList<>();
    }

    /**
     * Regression: the claim was settled after the servlet returned, but a response whose declared
     * Content-Length has been written is already sent, so a duplicate sent the moment the client
     * read the 200 got 409 DUPLICATE_IN_PROGRESS. The application here lingers after writing.
     */
    @ParameterizedTest
    @EnumSource(Container.class)
    void aDuplicateSentOnReadingThe200IsAcknowledgedNot409(Container container) throws Exception {
        Recording app = lingering(200);
        try (Container.Running server = container.start(new Container.App(app).filter(PATH, WebhookFilter.of(Deliveries.sirVerifier())))) {
            byte[] body = Deliveries.sirBody("evt_commit");
            HttpResponse<String> first = Http.send(Deliveries.sir(server.uri(PATH), body));
            HttpResponse<String> again = Http.send(Deliveries.sir(server.uri(PATH), body));

            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.body()).isEqualTo("done");
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
            assertThat(app.processed).hasSize(1);
        }
    }

    /** Regression: a retry right after the application's 500 got 409, as above. */
    @ParameterizedTest
    @EnumSource(Container.class)
    void aRetrySentOnReadingA500IsProcessedNot409(Container container) throws Exception {
        Recording app = lingering(500);
        try (Container.Running server = container.start(new Container.App(app).filter(PATH, WebhookFilter.of(Deliveries.sirVerifier())))) {
            byte[] body = Deliveries.sirBody("evt_retry");
            HttpResponse<String> first = Http.send(Deliveries.sir(server.uri(PATH), body));
            HttpResponse<String> retry = Http.send(Deliveries.sir(server.uri(PATH), body));

            assertThat(first.statusCode()).isEqualTo(500);
            assertThat(retry.statusCode()).as(retry.body()).isEqualTo(500);
            assertThat(app.processed).as("the retry reached the application").hasSize(2);
        }
    }

    /** Writes its status and a body of the declared length, then keeps the thread for a while. */
    private static Recording lingering(int status) {
        return new Recording() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                processed.add(request.getInputStream().readAllBytes());
                byte[] answer = "done".getBytes(StandardCharsets.US_ASCII);
                response.setStatus(status);
                response.setContentLength(answer.length);
                response.getOutputStream().write(answer);
                try {
                    Thread.sleep(400);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    /**
     * Regression: a client that declares a longer Content-Length than it sends, and holds the
     * socket, got Jetty's 500 after the idle timeout. It gets 400 INCOMPLETE_BODY, and nothing is
     * called. (Tomcat answers a failed read itself, whatever the filter writes: 408 after a
     * timeout, 400 after an early end; both are 4xx too.)
     */
    @ParameterizedTest
    @EnumSource(Container.class)
    void aBodyThatNeverArrivesWholeIsA400NotA500(Container container) throws Exception {
        Recording app = recordingOk();
        Container.App deployment = new Container.App(app).filter(PATH, WebhookFilter.of(Deliveries.sirVerifier()))
                .idleTimeout(Duration.ofMillis(700));
        try (Container.Running server = container.start(deployment)) {
            String answer = sendPartOfTheBody(server, false);

            assertIncomplete(container, answer, "HTTP/1.1 40[08] .*");
            assertThat(app.processed).isEmpty();
        }
    }

    /** The same when the client closes its side early: the body is incomplete, not merely unsigned. */
    @ParameterizedTest
    @EnumSource(Container.class)
    void aBodyCutShortByTheClientIsNeverVerifiedOrProcessed(Container container) throws Exception {
        Recording app = recordingOk();
        try (Container.Running server = container.start(new Container.App(app).filter(PATH, WebhookFilter.of(Deliveries.sirVerifier())))) {
            String answer = sendPartOfTheBody(server, true);

            if (!answer.isEmpty()) { // or the connection is simply closed
                assertIncomplete(container, answer, "HTTP/1.1 400 .*");
            }
            assertThat(app.processed).isEmpty();
        }
    }

    /**
     * Regression: after startAsync() and dispatch() the dispatched servlet read 0 bytes (the
     * container's own request, already consumed, was dispatched), yet the claim was completed on
     * its 200: the event was marked processed with its body lost.
     */
    @ParameterizedTest
    @EnumSource(Container.class)
    void anAsynchronousDispatchReadsTheCapturedBody(Container container) throws Exception {
        Recording app = new Recording() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                if (request.getDispatcherType() == DispatcherType.REQUEST) {
                    request.startAsync().dispatch();
                    return;
                }
                byte[] body = request.getInputStream().readAllBytes();
                processed.add(body);
                response.setStatus(body.length > 0 ? 200 : 422);
            }
        };
        try (Container.Running server = container.start(new Container.App(app).filter(PATH, WebhookFilter.of(Deliveries.sirVerifier())))) {
            byte[] body = Deliveries.sirBody("evt_dispatch");
            HttpResponse<String> first = Http.send(Deliveries.sir(server.uri(PATH), body));
            HttpResponse<String> again = Http.send(Deliveries.sir(server.uri(PATH), body));

            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(app.processed).hasSize(1);
            assertThat(app.processed.get(0)).isEqualTo(body);
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(app.processed).as("completed: the retry is a duplicate").hasSize(1);
        }
    }

    /**
     * Regression: an exception thrown after startAsync() released the claim while the
     * asynchronous work still ran, so a redelivery reached the application a second time. Both
     * containers end the cycle at once after such an exception, while the work goes on, so the
     * claim is left to its lease: redeliveries are 409 until it ends.
     */
    @ParameterizedTest
    @EnumSource(Container.class)
    void anExceptionAfterStartAsyncDoesNotReleaseWhileTheWorkRuns(Container container) throws Exception {
        CountDownLatch working = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        Recording app = new Recording() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                processed.add(request.getInputStream().readAllBytes());
                started.incrementAndGet();
                AsyncContext context = request.startAsync();
                context.setTimeout(20_000);
                context.start(() -> {
                    working.countDown();
                    try {
                        finish.await(20, TimeUnit.SECONDS);
                        ((HttpServletResponse) context.getResponse()).setStatus(200);
                        context.complete();
                    } catch (InterruptedException | IllegalStateException e) {
                        // the container ended the cycle after the exception
                    }
                });
                throw new IllegalStateException("failed after handing the work over");
            }
        };
        try (Container.Running server = container.start(new Container.App(app).filter(PATH, WebhookFilter.of(Deliveries.sirVerifier())))) {
            byte[] body = Deliveries.sirBody("evt_async_throw");
            var first = Http.CLIENT.sendAsync(Deliveries.sir(server.uri(PATH), body).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(working.await(10, TimeUnit.SECONDS)).isTrue();
            HttpResponse<String> redelivery = Http.send(Deliveries.sir(server.uri(PATH), body));

            assertThat(redelivery.statusCode()).as(redelivery.body()).isEqualTo(409);
            assertThat(started).hasValue(1);
            assertThat(first.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(500);
            HttpResponse<String> afterTheCycle = Http.send(Deliveries.sir(server.uri(PATH), body));
            assertThat(afterTheCycle.statusCode()).as("the work still runs").isEqualTo(409);
            finish.countDown();
            assertThat(started).as("the work was not run twice at once").hasValue(1);
        }
    }

    /**
     * Regression: a store that could not answer gave 500, and Jetty's error page echoed the
     * store's exception message to the sender. It is 503 with Retry-After, with no internal
     * message, and nothing is processed.
     */
    @ParameterizedTest
    @EnumSource(Container.class)
    void anUnavailableStoreIsA503WithRetryAfterAndNoInternalMessage(Container container) throws Exception {
        Recording app = recordingOk();
        IdempotencyStore down = new IdempotencyStore() {
            @Override
            public Claim claim(String key, Duration lease) {
                throw new StoreUnavailableException("redis://secret-host:6379 refused the connection");
            }

            @Override
            public boolean complete(Claim claim, Duration retention) {
                throw new StoreUnavailableException("down");
            }

            @Override
            public boolean release(Claim claim) {
                throw new StoreUnavailableException("down");
            }
        };
        WebhookFilter filter = WebhookFilter.builder(Deliveries.sirVerifier()).idempotencyStore(down).build();
        try (Container.Running server = container.start(new Container.App(app).filter(PATH, filter))) {
            HttpResponse<String> response = Http.send(Deliveries.sir(server.uri(PATH), Deliveries.sirBody("evt_down")));

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(Http.json(response).get("reason").stringValue()).isEqualTo("STORE_UNAVAILABLE");
            assertThat(response.body()).doesNotContain("secret-host").doesNotContain("refused");
            assertThat(app.processed).isEmpty();
        }
    }

    /** Regression: getReader() threw UnsupportedCharsetException, where the servlet contract says UnsupportedEncodingException. */
    @ParameterizedTest
    @EnumSource(Container.class)
    void anUnknownCharsetIsAnUnsupportedEncodingException(Container container) throws Exception {
        Recording app = new Recording() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                try {
                    request.getReader();
                    response.setStatus(200);
                } catch (UnsupportedEncodingException expected) {
                    response.setStatus(415);
                }
            }
        };
        try (Container.Running server = container.start(new Container.App(app).filter(PATH, WebhookFilter.of(Deliveries.sirVerifier())))) {
            byte[] body = Deliveries.sirBody("evt_charset");
            HttpResponse<String> response = Http.send(Deliveries.sir(server.uri(PATH), body)
                    .setHeader("Content-Type", "application/json; charset=x-no-such-charset"));

            assertThat(response.statusCode()).isEqualTo(415);
        }
    }

    /**
     * Regression: raising the filter's maxBodyBytes alone had no effect (the verifier kept its own
     * 1 MiB) while toString() showed the new limit. The receiver owns one limit: the verifier's
     * by default, never above it.
     */
    @Test
    void thereIsOneBodyLimitAndToStringTellsTheTruth() {
        assertThatThrownBy(() -> WebhookFilter.builder(Deliveries.sirVerifier()).maxBodyBytes(2 * 1024 * 1024).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("over the verifier's limit of 1048576");
        WebhookFilter roomy = WebhookFilter.of(SirGiving.verifierBuilder().secrets(Deliveries.SIR_SECRET).maxBodyBytes(2 * 1024 * 1024).build());
        assertThat(roomy.toString()).contains("maxBodyBytes=2097152").doesNotContain(Deliveries.SIR_SECRET);
        assertThat(WebhookFilter.builder(Deliveries.sirVerifier()).maxBodyBytes(1000).build().toString()).contains("maxBodyBytes=1000");
    }

    /** Declares a 100-byte body, sends 6 bytes of it, then holds the connection or closes its side; returns the answer. */
    private static String sendPartOfTheBody(Container.Running server, boolean closeOutput) throws IOException {
        try (Socket socket = new Socket(server.base().getHost(), server.base().getPort())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"id\":").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (closeOutput) {
                socket.shutdownOutput();
            }
            return readAll(socket.getInputStream());
        }
    }

    /** The status line matches; where the filter's own answer got through, it is the problem. */
    private static void assertIncomplete(Container container, String answer, String statusLine) {
        assertThat(answer.lines().findFirst().orElse("") + " ").matches(statusLine);
        if (container == Container.JETTY || answer.toLowerCase(java.util.Locale.ROOT).contains("application/problem+json")) {
            assertThat(answer).contains("\"reason\":\"INCOMPLETE_BODY\"");
        }
    }

    private static Recording recordingOk() {
        return new Recording() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                processed.add(request.getInputStream().readAllBytes());
                response.setStatus(200);
            }
        };
    }

    /** Reads until the server closes the connection or the read times out. */
    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        try {
            for (int read; (read = in.read(chunk)) >= 0; ) {
                bytes.write(chunk, 0, read);
                if (bytes.toString(StandardCharsets.ISO_8859_1).contains("}")) {
                    break; // the problem document is complete
                }
            }
        } catch (java.net.SocketException | java.net.SocketTimeoutException closed) {
            // what was read is the answer
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }
}
