package dev.givinghooks.testkit;

import dev.givinghooks.testkit.internal.Ledger;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * POSTs fixtures to a URL with the JDK's HTTP client (HTTP/1.1, exact header lines and body
 * bytes) and reports what came back.
 *
 * <pre>{@code
 * WebhookSender.Response response = WebhookSender.create().send(fixture, URI.create("http://127.0.0.1:8080/webhooks/chuffed"));
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class WebhookSender {
    private final HttpClient client;

    private WebhookSender(HttpClient client) {
        this.client = client;
    }

    /**
     * Returns a sender on a new HTTP/1.1 client with a 5-second connect timeout.
     *
     * @return the sender
     */
    public static WebhookSender create() {
        return of(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build());
    }

    /**
     * Returns a sender on a given client.
     *
     * @param client the HTTP client
     * @return the sender
     */
    public static WebhookSender of(HttpClient client) {
        return new WebhookSender(Objects.requireNonNull(client, "client"));
    }

    /**
     * Sends a fixture and waits for the response.
     *
     * @param fixture the delivery
     * @param endpoint the absolute URL to POST to
     * @return the response
     * @throws IOException when the exchange fails
     * @throws InterruptedException when interrupted while waiting
     */
    public Response send(Fixture fixture, URI endpoint) throws IOException, InterruptedException {
        return Response.of(client.send(fixture.toHttpRequest(endpoint), HttpResponse.BodyHandlers.ofByteArray()));
    }

    /**
     * Sends a fixture without waiting.
     *
     * @param fixture the delivery
     * @param endpoint the absolute URL to POST to
     * @return the response, when it arrives
     */
    public CompletableFuture<Response> sendAsync(Fixture fixture, URI endpoint) {
        return client.sendAsync(fixture.toHttpRequest(endpoint), HttpResponse.BodyHandlers.ofByteArray()).thenApply(Response::of);
    }

    /**
     * What came back from a delivery.
     *
     * @param status the HTTP status
     * @param headers the response headers (names in lower case)
     * @param body the response body bytes (not copied)
     */
    public record Response(int status, Map<String, List<String>> headers, byte[] body) {
        /**
         * Copies the headers.
         *
         * @param status the status
         * @param headers the headers
         * @param body the body
         */
        public Response {
            headers = Map.copyOf(headers);
            Objects.requireNonNull(body, "body");
        }

        static Response of(HttpResponse<byte[]> response) {
            if (Ledger.recording()) { // no copy of the body unless the build scans for secrets
                Ledger.response(response.statusCode(), response.headers().map(), new String(response.body(), StandardCharsets.UTF_8));
            }
            return new Response(response.statusCode(), response.headers().map(), response.body());
        }

        /**
         * Returns the first value of a response header.
         *
         * @param name the header name, matched without regard to case
         * @return the value, or empty
         */
        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        /**
         * Returns the body decoded as UTF-8.
         *
         * @return the text
         */
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** Shows the status and the body as text. */
        @Override
        public String toString() {
            return "Response[" + status + " " + bodyText() + "]";
        }
    }
}
