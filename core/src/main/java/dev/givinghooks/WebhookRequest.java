package dev.givinghooks;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A received webhook delivery as the verifiers see it: the raw body bytes, a case-insensitive
 * header lookup and, optionally, the request path.
 *
 * <p>The body is never decoded to a {@code String} before it is verified. It is not copied
 * either: the caller must not modify the array while a verifier uses it. A path, if given, may
 * be used by a key supplier to <em>select</em> the keys to try (for example per tenant); it never
 * authenticates anything.
 *
 * <p>Instances are immutable as far as this class is concerned and safe to share between threads.
 */
public final class WebhookRequest {

    /**
     * A case-insensitive header lookup, such as a servlet request's {@code getHeaders} or a
     * Vert.x {@code MultiMap.getAll}.
     */
    @FunctionalInterface
    public interface Headers {
        /**
         * Returns every value received for the header, in order.
         *
         * @param name the header name, matched without regard to case
         * @return the values, empty (or {@code null}) when the header is absent
         */
        List<String> values(String name);
    }

    private final Headers headers;
    private final byte[] body;
    private final String path;

    private WebhookRequest(Headers headers, byte[] body, String path) {
        this.headers = headers;
        this.body = body;
        this.path = path;
    }

    /**
     * Creates a request from a header lookup and the raw body.
     *
     * @param headers a case-insensitive header lookup
     * @param body the raw body bytes exactly as received (not copied)
     * @return the request
     */
    public static WebhookRequest of(Headers headers, byte[] body) {
        return new WebhookRequest(Objects.requireNonNull(headers, "headers"), Objects.requireNonNull(body, "body"), null);
    }

    /**
     * Creates a request from a header lookup, the raw body and the request path; adapters use
     * this, so that a key supplier can select keys by path.
     *
     * @param headers a case-insensitive header lookup
     * @param body the raw body bytes exactly as received (not copied)
     * @param path the request path, such as {@code /webhooks/tenant-a}
     * @return the request
     */
    public static WebhookRequest of(Headers headers, byte[] body, String path) {
        return new WebhookRequest(Objects.requireNonNull(headers, "headers"), Objects.requireNonNull(body, "body"),
                Objects.requireNonNull(path, "path"));
    }

    /**
     * Creates a request from a header map, such as {@code java.net.http.HttpHeaders.map()}.
     * Names that differ only in case are merged, so a header sent twice under two spellings
     * counts as sent twice.
     *
     * @param headers header names to their values
     * @param body the raw body bytes exactly as received (not copied)
     * @return the request
     */
    public static WebhookRequest of(Map<String, ? extends Collection<String>> headers, byte[] body) {
        Objects.requireNonNull(headers, "headers");
        TreeMap<String, List<String>> folded = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> folded.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
        folded.replaceAll((name, values) -> List.copyOf(values));
        // A name looked up as it was spelled, the usual case, costs one hash probe; any other
        // spelling walks the case-insensitive map. Either way it finds the merged values.
        Map<String, List<String>> spelled = new HashMap<>();
        headers.keySet().forEach(name -> spelled.put(name, folded.get(name)));
        return of(name -> {
            List<String> values = spelled.get(name);
            return values != null ? values : folded.get(name);
        }, body);
    }

    /**
     * Creates a request whose body is the remaining bytes of a buffer. The buffer's position is
     * not changed; its backing array is used without copying where it holds exactly the body.
     *
     * @param headers a case-insensitive header lookup
     * @param body the raw body bytes exactly as received
     * @return the request
     */
    public static WebhookRequest of(Headers headers, ByteBuffer body) {
        ByteBuffer view = body.duplicate();
        if (view.hasArray() && view.arrayOffset() == 0 && view.position() == 0 && view.remaining() == view.array().length) {
            return of(headers, view.array());
        }
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return of(headers, bytes);
    }

    /**
     * Returns a copy of this request that carries the request path, for key suppliers that select
     * keys by path.
     *
     * @param path the request path, such as {@code /webhooks/tenant-a}
     * @return a new request
     */
    public WebhookRequest withPath(String path) {
        return new WebhookRequest(headers, body, Objects.requireNonNull(path, "path"));
    }

    /**
     * Returns every value received for a header.
     *
     * @param name the header name, matched without regard to case
     * @return the values in order, empty when the header is absent
     */
    public List<String> headers(String name) {
        List<String> values = headers.values(name);
        return values == null ? List.of() : values;
    }

    /**
     * Returns the header lookup given at creation. An adapter that passed its framework's own
     * lookup can find its request again here, for example in a {@link WebhookListener}.
     *
     * @return the lookup
     */
    public Headers headerLookup() {
        return headers;
    }

    /**
     * Returns a copy of this request with another body and the same headers and path; for
     * adapters that learn of a delivery's headers before its body.
     *
     * @param body the raw body bytes exactly as received (not copied)
     * @return a new request
     */
    public WebhookRequest withBody(byte[] body) {
        return new WebhookRequest(headers, Objects.requireNonNull(body, "body"), path);
    }

    /**
     * Returns the raw body.
     *
     * @return the array given at creation, not a copy: do not modify it
     */
    public byte[] body() {
        return body;
    }

    /**
     * Returns the request path, if one was given.
     *
     * @return the path, or empty
     */
    public Optional<String> path() {
        return Optional.ofNullable(path);
    }

    /** Describes the request by path and body length; headers are left out, as they carry signatures. */
    @Override
    public String toString() {
        return "WebhookRequest[path=" + path + ", bodyLength=" + body.length + "]";
    }
}
