package dev.givinghooks.testkit.contract;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.givinghooks.Provider;
import dev.givinghooks.WebhookReceiver;
import dev.givinghooks.WebhookRequest;
import dev.givinghooks.WebhookVerifier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A minimal reference adapter on the JDK's HttpServer, for proving the contract suite itself: it
 * captures the body within core's limit, hands it to core's {@link WebhookReceiver} and writes what
 * the receiver answers, as every adapter does.
 */
final class JdkHttpServerAdapter implements RunningAdapter {
    private static final long DISCARD_LIMIT = 2 * 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final AdapterSetup setup;

    JdkHttpServerAdapter(AdapterSetup setup) throws IOException {
        this.setup = setup;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor = Executors.newFixedThreadPool(8);
        server.setExecutor(executor);
        server.createContext("/webhooks/sir-giving", handler(setup.sirGiving()));
        server.createContext("/webhooks/giving-block", handler(setup.givingBlock()));
        server.createContext("/webhooks/chuffed", handler(setup.chuffed()));
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

    private HttpHandler handler(WebhookVerifier<?> verifier) {
        WebhookReceiver receiver = WebhookReceiver.builder(verifier).idempotencyStore(setup.store()).maxBodyBytes(setup.maxBodyBytes()).failOpen(setup.failOpen()).build();
        return exchange -> handle(exchange, receiver);
    }

    private void handle(HttpExchange exchange, WebhookReceiver receiver) throws IOException {
        try (exchange) {
            WebhookRequest head = WebhookRequest.of(exchange.getRequestHeaders(), new byte[0]).withPath(exchange.getRequestURI().getPath());
            String length = exchange.getRequestHeaders().getFirst("Content-Length");
            long declared = length == null ? -1 : Long.parseLong(length.strip());
            Optional<WebhookReceiver.Refused> early = receiver.refuseDeclaredLength(head, declared);
            if (early.isPresent()) {
                // A body modestly over the limit is read and discarded first: closing the
                // connection while the client still sends would lose the 413 (a broken pipe).
                if (declared <= receiver.maxBodyBytes() + DISCARD_LIMIT) {
                    exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
                }
                respond(exchange, early.get());
                return;
            }
            byte[] body = readBounded(exchange.getRequestBody(), receiver.maxBodyBytes() + 1);
            if (body.length > receiver.maxBodyBytes()) {
                respond(exchange, receiver.refuseBodyTooLarge(head));
                return;
            }
            WebhookReceiver.Outcome outcome = receiver.receive(head.withBody(body));
            if (outcome instanceof WebhookReceiver.Answer answer) {
                respond(exchange, answer);
                return;
            }
            WebhookReceiver.Accepted accepted = (WebhookReceiver.Accepted) outcome;
            int status;
            try {
                status = setup.application().handle(accepted.verified());
            } catch (Exception e) {
                status = 500;
            }
            accepted.settle(status);
            exchange.sendResponseHeaders(status, -1);
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

    private static void respond(HttpExchange exchange, WebhookReceiver.Answer answer) throws IOException {
        answer.headers().forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
        OutputStream out = exchange.getResponseBody();
        out.write(answer.body());
        out.flush();
    }
}
