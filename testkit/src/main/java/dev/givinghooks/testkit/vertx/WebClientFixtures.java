package dev.givinghooks.testkit.vertx;

import dev.givinghooks.testkit.Fixture;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.Objects;

/**
 * Renders a {@link Fixture} as a Vert.x 5 {@link WebClient} request: the fixture's method and path
 * to a given port and host, every header line (repeated lines stay repeated, in order), and the
 * exact body bytes as a {@link Buffer} for {@link HttpRequest#sendBuffer(Buffer)}.
 *
 * <pre>{@code
 * Fixture delivery = kit.sirGiving().actionCompleted().signed();
 * HttpResponse<Buffer> response = WebClientFixtures.send(client, delivery, port, "127.0.0.1")
 *         .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
 * // or: WebClientFixtures.request(client, delivery, port, "127.0.0.1").sendBuffer(WebClientFixtures.body(delivery))
 * }</pre>
 *
 * <p>Needs vertx-web-client (Vert.x 5) on the class path, which the testkit declares as an
 * optional dependency: nothing else in the testkit refers to this class, so the testkit works
 * without Vert.x. Stateless and thread-safe; each call returns a new request.
 */
public final class WebClientFixtures {
    /*
     * A WebClient request starts with a User-Agent line of its own (WebClientOptions): every header
     * name the fixture carries is first removed, then the fixture's lines are added in order, so
     * those headers arrive exactly as the provider sends them. Host and Content-Length are the
     * client's, as they are with any HTTP client. The body must go out with sendBuffer: the other
     * send methods re-encode it or set a Content-Type.
     */

    private WebClientFixtures() {
    }

    /**
     * Returns a WebClient request for a fixture, to send with
     * {@code sendBuffer(WebClientFixtures.body(fixture))}.
     *
     * @param client the web client
     * @param fixture the delivery
     * @param port the server port
     * @param host the server host, such as {@code 127.0.0.1}
     * @return a new request carrying the fixture's method, path and header lines
     */
    public static HttpRequest<Buffer> request(WebClient client, Fixture fixture, int port, String host) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(fixture, "fixture");
        Objects.requireNonNull(host, "host");
        HttpRequest<Buffer> request = client.request(HttpMethod.valueOf(fixture.method()), port, host, fixture.path());
        MultiMap headers = request.headers();
        for (Fixture.Header header : fixture.headers()) {
            headers.remove(header.name());
        }
        for (Fixture.Header header : fixture.headers()) {
            headers.add(header.name(), header.value());
        }
        return request;
    }

    /**
     * Returns the fixture's exact body bytes as a Vert.x buffer.
     *
     * @param fixture the delivery
     * @return a new buffer holding a copy of the body
     */
    public static Buffer body(Fixture fixture) {
        return Buffer.buffer(Objects.requireNonNull(fixture, "fixture").body());
    }

    /**
     * Sends a fixture: {@link #request} then {@code sendBuffer} with {@link #body}.
     *
     * @param client the web client
     * @param fixture the delivery
     * @param port the server port
     * @param host the server host, such as {@code 127.0.0.1}
     * @return the response, when it arrives; failed when the exchange fails
     */
    public static Future<HttpResponse<Buffer>> send(WebClient client, Fixture fixture, int port, String host) {
        return request(client, fixture, port, host).sendBuffer(body(fixture));
    }
}
