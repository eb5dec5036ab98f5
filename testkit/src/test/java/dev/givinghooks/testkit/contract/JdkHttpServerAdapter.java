package dev.givinghooks.testkit.contract;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.givinghooks.Provider;
import dev.givinghooks.Reason;
import dev.givinghooks.Verified;
import dev.givinghooks.WebhookEvent;
import dev.givinghooks.WebhookRejectedException;
import dev.givinghooks.WebhookRequest;
import dev.givinghooks.WebhookVerifier;
import dev.givinghooks.spi.IdempotencyStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A minimal reference adapter on the JDK's HttpServer, for proving the contract suite itself:
 * bounded body capture, verification, the idempotency lifecycle and problem responses.
 */
final class JdkHttpServerAdapter implements RunningAdapter {
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final Duration RETENTION = Duration.ofHours(72);

    private final HttpServer server;
    private final ExecutorService executor;
    private final AdapterSetup setup;

    JdkHttpServerAdapter(AdapterSetup setup) throws IOException {
        this.setup = setup;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor = Executors.newFixedThreadPool(8);
        server.setExecutor(executor);
        server.createContext("/webhooks/sir-giving", exchange -> handle(exchange, setup.sirGiving()));
        server.createContext("/webhooks/giving-block", exchange -> handle(exchange, setup.givingBlock()));
        server.createContext("/webhooks/chuffed", exchange -> handle(exchange, setup.chuffed()));
        server.start();
    }

    @Override
    public URI endpoint(Provider provider) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/" + provider.id());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange, WebhookVerifier<? extends WebhookEvent> verifier) throws IOException {
        try (exchange) {
            String length = exchange.getRequestHeaders().getFirst("Content-Length");
            if (length != null && Long.parseLong(length.strip()) > setup.maxBodyBytes()) {
                problem(exchange, verifier.provider(), Reason.BODY_TOO_LARGE, "body is larger than the limit");
                return;
            }
            byte[] body = readBounded(exchange.getRequestBody(), setup.maxBodyBytes() + 1);
            if (body.length > setup.maxBodyBytes()) {
                problem(exchange, verifier.provider(), Reason.BODY_TOO_LARGE, "body is larger than the limit");
                return;
            }
            Verified<? extends WebhookEvent> verified;
            try {
                verified = verifier.verify(WebhookRequest.of(exchange.getRequestHeaders(), body).withPath(exchange.getRequestURI().getPath()));
            } catch (WebhookRejectedException e) {
                problem(exchange, e.provider(), e.reason(), e.detail());
                return;
            }
            IdempotencyStore store = setup.store();
            IdempotencyStore.Claim claim = store.claim(verified.idempotencyKey(), LEASE);
            switch (claim.status()) {
                case DONE -> respond(exchange, 200, "text/plain", "already processed".getBytes(StandardCharsets.UTF_8));
                case IN_PROGRESS -> problem(exchange, verified.provider(), Reason.DUPLICATE_IN_PROGRESS, "the same event is being processed");
                case ACQUIRED -> {
                    int status;
                    try {
                        status = setup.application().handle(verified);
                    } catch (Exception e) {
                        store.release(claim);
                        respond(exchange, 500, "text/plain", "application failed".getBytes(StandardCharsets.UTF_8));
                        return;
                    }
                    if (status >= 200 && status < 300) {
                        store.complete(claim, RETENTION);
                    } else {
                        store.release(claim);
                    }
                    respond(exchange, status, "text/plain", new byte[0]);
                }
            }
        }
    }

    private static byte[] readBounded(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while (out.size() < limit && (n = in.read(buffer, 0, Math.min(buffer.length, limit - out.size()))) != -1) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static void problem(HttpExchange exchange, Provider provider, Reason reason, String detail) throws IOException {
        String json = "{\"type\":\"https://givinghooks.dev/problems/" + reason.name().toLowerCase().replace('_', '-')
                + "\",\"title\":\"Webhook rejected\",\"status\":" + reason.httpStatus() + ",\"detail\":\""
                + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"reason\":\"" + reason.name()
                + "\",\"provider\":\"" + provider.id() + "\"}";
        respond(exchange, reason.httpStatus(), "application/problem+json", json.getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        OutputStream out = exchange.getResponseBody();
        out.write(body);
        out.flush();
    }
}
