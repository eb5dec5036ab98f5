package dev.givinghooks.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.givinghooks.chuffed.ChuffedEvent;
import dev.givinghooks.spi.IdempotencyStore;
import dev.givinghooks.testkit.Fixture;
import dev.givinghooks.testkit.Testkit;
import dev.givinghooks.testkit.WebhookSender;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The handler in a real Vert.x server: with a BodyHandler, a failing next handler, and connections that close early. */
@Timeout(60)
class WebhookHandlerTest {
    private final Testkit kit = Testkit.create(Clock.systemUTC(), 5L);
    private final List<String> processed = new CopyOnWriteArrayList<>();
    private Vertx vertx;
    private int port;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private URI serve(Router router) throws Exception {
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        port = server.actualPort();
        return URI.create("http://127.0.0.1:" + port + "/webhooks/chuffed");
    }

    @Test
    void worksBehindABodyHandlerToo() throws Exception {
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create());
        router.post("/webhooks/chuffed").handler(WebhookHandler.of(kit.chuffedVerifier())).handler(ctx -> {
            processed.add(WebhookHandler.event(ctx, ChuffedEvent.class).orElseThrow().type());
            ctx.response().setStatusCode(204).end();
        });
        URI uri = serve(router);
        Fixture donation = kit.chuffed().paymentConfirmed().signed();
        WebhookSender sender = WebhookSender.create();
        assertThat(sender.send(donation, uri).status()).isEqualTo(204);
        assertThat(sender.send(donation, uri).status()).isEqualTo(200);
        WebhookSender.Response forged = sender.send(kit.chuffed().paymentConfirmed().signedWith("a secret that is not the one"), uri);
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.header("Content-Type")).hasValue("application/problem+json");
        assertThat(forged.bodyText()).contains("\"reason\":\"SIGNATURE_MISMATCH\"");
        assertThat(processed).containsExactly("donation.payment_confirmed");
    }

    @Test
    void aChunkedBodyOverTheLimitIs413WithoutBufferingIt() throws Exception {
        Router router = Router.router(vertx);
        router.post("/webhooks/chuffed").handler(WebhookHandler.builder(kit.chuffedVerifier()).maxBodyBytes(1024).build()).handler(ctx -> {
            processed.add("called");
            ctx.response().setStatusCode(204).end();
        });
        URI uri = serve(router);
        byte[] big = new byte[256 * 1024];
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(uri)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("\"reason\":\"BODY_TOO_LARGE\"");
        assertThat(processed).isEmpty();
    }

    @Test
    void aFailingNextHandlerLeavesTheDeliveryRetryable() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Router router = Router.router(vertx);
        router.post("/webhooks/chuffed").handler(WebhookHandler.of(kit.chuffedVerifier())).handler(ctx -> {
            if (calls.incrementAndGet() == 1) {
                ctx.fail(new IllegalStateException("the ledger is down"));
            } else {
                ctx.response().setStatusCode(204).end();
            }
        });
        URI uri = serve(router);
        Fixture donation = kit.chuffed().paymentConfirmed().signed();
        WebhookSender sender = WebhookSender.create();
        assertThat(sender.send(donation, uri).status()).isEqualTo(500);
        assertThat(sender.send(donation, uri).status()).as("the retry is processed").isEqualTo(204);
        assertThat(sender.send(donation, uri).status()).as("then it is a duplicate").isEqualTo(200);
        assertThat(calls).hasValue(2);
    }

    @Test
    void aConnectionClosedMidBodyProcessesNothingAndLeavesTheDeliveryRetryable() throws Exception {
        Router router = Router.router(vertx);
        router.post("/webhooks/chuffed").handler(WebhookHandler.of(kit.chuffedVerifier())).handler(ctx -> {
            processed.add("called");
            ctx.response().setStatusCode(204).end();
        });
        URI uri = serve(router);
        Fixture donation = kit.chuffed().paymentConfirmed().signed();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            sendRaw(socket, donation, donation.body().length / 2);
        }
        Thread.sleep(200);
        assertThat(processed).isEmpty();
        assertThat(WebhookSender.create().send(donation, uri).status()).isEqualTo(204);
        assertThat(processed).containsExactly("called");
    }

    @Test
    void aConnectionClosedWhileTheApplicationWorksReleasesTheClaim() throws Exception {
        CountDownLatch working = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        Router router = Router.router(vertx);
        router.post("/webhooks/chuffed").handler(WebhookHandler.builder(kit.chuffedVerifier()).idempotencyStore(IdempotencyStore.inMemory()).build())
                .blockingHandler(ctx -> {
                    calls.incrementAndGet();
                    working.countDown();
                    try {
                        finish.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    if (!ctx.response().closed()) {
                        ctx.response().setStatusCode(204).end();
                    }
                });
        URI uri = serve(router);
        Fixture donation = kit.chuffed().paymentConfirmed().signed();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            sendRaw(socket, donation, donation.body().length);
            assertThat(working.await(10, TimeUnit.SECONDS)).isTrue();
        } // the sender gives up: the connection closes while the application works
        Thread.sleep(200);
        finish.countDown();
        assertThat(WebhookSender.create().send(donation, uri).status()).as("released: the retry is processed").isEqualTo(204);
        assertThat(calls).hasValue(2);
    }

    /** Writes the delivery's request line, headers and the first {@code bytes} bytes of its body. */
    private static void sendRaw(Socket socket, Fixture delivery, int bytes) throws java.io.IOException {
        OutputStream out = socket.getOutputStream();
        StringBuilder head = new StringBuilder("POST /webhooks/chuffed HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (Fixture.Header header : delivery.headers()) {
            head.append(header.name()).append(": ").append(header.value()).append("\r\n");
        }
        head.append("Content-Length: ").append(delivery.body().length).append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(delivery.body(), 0, bytes);
        out.flush();
    }
}
