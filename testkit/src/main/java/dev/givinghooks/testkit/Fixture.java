package dev.givinghooks.testkit;

import dev.givinghooks.Provider;
import dev.givinghooks.WebhookRequest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A webhook delivery as a provider would send it: method, path, headers in order (a header may
 * appear more than once) and the exact body bytes. It renders to a {@link HttpRequest}, a curl
 * command, JSON, or core's {@link WebhookRequest}; and, where spring-test or vertx-web-client is on
 * the class path, to a MockMvc request ({@link dev.givinghooks.testkit.spring.MockMvcFixtures}) or
 * a Vert.x WebClient request ({@link dev.givinghooks.testkit.vertx.WebClientFixtures}).
 *
 * <p>Immutable and safe to share between threads; the {@code with...} methods return new fixtures.
 * Its {@code toString()} shows header names and the body length, never a signature.
 */
public final class Fixture {
    private final Provider provider;
    private final String method;
    private final String path;
    private final List<Header> headers;
    private final byte[] body;

    /**
     * One header line.
     *
     * @param name the header name, as sent
     * @param value the header value, as sent
     */
    public record Header(String name, String value) {
        /**
         * Checks the header.
         *
         * @param name the header name
         * @param value the header value
         */
        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }

        /** Shows the name only: values carry signatures. */
        @Override
        public String toString() {
            return "Header[" + name + "]";
        }
    }

    private Fixture(Provider provider, String method, String path, List<Header> headers, byte[] body) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.method = Objects.requireNonNull(method, "method");
        this.path = Objects.requireNonNull(path, "path");
        this.headers = List.copyOf(headers);
        this.body = Objects.requireNonNull(body, "body").clone();
    }

    /**
     * Creates a {@code POST} fixture to the provider's default path, {@code /webhooks/<provider id>}.
     *
     * @param provider the provider that sends it
     * @param headers the header lines, in order
     * @param body the exact body bytes (copied)
     * @return the fixture
     */
    public static Fixture of(Provider provider, List<Header> headers, byte[] body) {
        return new Fixture(provider, "POST", defaultPath(provider), headers, body);
    }

    /**
     * Returns the path fixtures are sent to unless changed: {@code /webhooks/<provider id>}.
     *
     * @param provider the provider
     * @return the path
     */
    public static String defaultPath(Provider provider) {
        return "/webhooks/" + provider.id();
    }

    /**
     * Returns the provider that sends this delivery.
     *
     * @return the provider
     */
    public Provider provider() {
        return provider;
    }

    /**
     * Returns the HTTP method, {@code POST} for every provider.
     *
     * @return the method
     */
    public String method() {
        return method;
    }

    /**
     * Returns the request path.
     *
     * @return the path, such as {@code /webhooks/sir-giving}
     */
    public String path() {
        return path;
    }

    /**
     * Returns the header lines in order.
     *
     * @return an unmodifiable list
     */
    public List<Header> headers() {
        return headers;
    }

    /**
     * Returns every value of a header, matching its name without regard to case.
     *
     * @param name the header name
     * @return the values in order, empty when absent
     */
    public List<String> headers(String name) {
        List<String> values = new ArrayList<>();
        for (Header header : headers) {
            if (header.name().equalsIgnoreCase(name)) {
                values.add(header.value());
            }
        }
        return values;
    }

    /**
     * Returns the headers as a case-insensitive map of names to values.
     *
     * @return a new map
     */
    public Map<String, List<String>> headerMap() {
        Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Header header : headers) {
            map.computeIfAbsent(header.name(), n -> new ArrayList<>()).add(header.value());
        }
        return map;
    }

    /**
     * Returns the exact body bytes.
     *
     * @return a copy of the body
     */
    public byte[] body() {
        return body.clone();
    }

    /**
     * Returns a copy with another body; signatures are left as they are.
     *
     * @param newBody the body bytes (copied)
     * @return a new fixture
     */
    public Fixture withBody(byte[] newBody) {
        return new Fixture(provider, method, path, headers, newBody);
    }

    /**
     * Returns a copy sent to another path.
     *
     * @param newPath the path
     * @return a new fixture
     */
    public Fixture withPath(String newPath) {
        return new Fixture(provider, method, newPath, headers, body);
    }

    /**
     * Returns a copy with one more header line, after the others.
     *
     * @param name the header name
     * @param value the header value
     * @return a new fixture
     */
    public Fixture withHeader(String name, String value) {
        List<Header> more = new ArrayList<>(headers);
        more.add(new Header(name, value));
        return new Fixture(provider, method, path, more, body);
    }

    /**
     * Returns a copy where every line of a header is replaced by one line with this value, in the
     * position of the first.
     *
     * @param name the header name, matched without regard to case
     * @param value the new value
     * @return a new fixture
     */
    public Fixture withHeaderReplaced(String name, String value) {
        List<Header> replaced = new ArrayList<>();
        boolean done = false;
        for (Header header : headers) {
            if (!header.name().equalsIgnoreCase(name)) {
                replaced.add(header);
            } else if (!done) {
                replaced.add(new Header(header.name(), value));
                done = true;
            }
        }
        if (!done) {
            replaced.add(new Header(name, value));
        }
        return new Fixture(provider, method, path, replaced, body);
    }

    /**
     * Returns a copy without any line of a header.
     *
     * @param name the header name, matched without regard to case
     * @return a new fixture
     */
    public Fixture withoutHeader(String name) {
        List<Header> fewer = new ArrayList<>();
        for (Header header : headers) {
            if (!header.name().equalsIgnoreCase(name)) {
                fewer.add(header);
            }
        }
        return new Fixture(provider, method, path, fewer, body);
    }

    /**
     * Returns the delivery as core's request value, with the path, to verify it in-process.
     *
     * @return the request
     */
    public WebhookRequest toWebhookRequest() {
        return WebhookRequest.of(headerMap(), body()).withPath(path);
    }

    /**
     * Renders the delivery as a JDK HTTP client request to an endpoint: every header line as is
     * (repeated lines stay repeated) and the exact body bytes.
     *
     * @param endpoint the absolute URL to send to; it replaces this fixture's path
     * @return the request, with a 10-second timeout
     */
    public HttpRequest toHttpRequest(URI endpoint) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        for (Header header : headers) {
            builder.header(header.name(), header.value());
        }
        return builder.build();
    }

    /**
     * Renders the delivery as a shell command that sends the exact body bytes with curl:
     * {@code printf '<body>' | curl -sS -X POST '<url>' -H '...' --data-binary @-}. Bytes outside
     * printable ASCII are octal escapes in the {@code printf} format, so binary bodies, CRLF and
     * UTF-8 survive unchanged.
     *
     * @param endpoint the absolute URL to send to
     * @return a POSIX shell command line
     */
    public String toCurl(URI endpoint) {
        StringBuilder out = new StringBuilder("printf '");
        for (int i = 0; i < body.length; i++) {
            int c = body[i] & 0xFF;
            if (i == 0 && c == '-') {
                // A format starting with '-' would be read as an option of printf.
                out.append("\\055");
            } else if (c == '\'') {
                out.append("'\\''");
            } else if (c == '%') {
                out.append("%%");
            } else if (c == '\\') {
                out.append("\\\\");
            } else if (c >= 0x20 && c < 0x7F) {
                out.append((char) c);
            } else {
                out.append('\\').append(String.format("%03o", c));
            }
        }
        out.append("' | curl -sS -X ").append(method).append(' ').append(shellQuote(endpoint.toString()));
        for (Header header : headers) {
            out.append(" -H ").append(shellQuote(header.name() + ": " + header.value()));
        }
        return out.append(" --data-binary @-").toString();
    }

    private static String shellQuote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /**
     * Renders the delivery as one JSON object: {@code provider}, {@code method}, {@code path},
     * {@code headers} (an array of {@code [name, value]} pairs, in order), {@code body} (the body
     * as text when it is valid UTF-8, otherwise {@code null}) and {@code bodyBase64} (always exact).
     *
     * @return compact JSON text
     */
    public String toJson() {
        return new String(JsonText.write(toJsonMap()), StandardCharsets.UTF_8);
    }

    Map<String, Object> toJsonMap() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("provider", provider.id());
        json.put("method", method);
        json.put("path", path);
        List<List<String>> lines = new ArrayList<>();
        for (Header header : headers) {
            lines.add(List.of(header.name(), header.value()));
        }
        json.put("headers", lines);
        json.put("body", utf8OrNull(body));
        json.put("bodyBase64", Base64.getEncoder().encodeToString(body));
        return json;
    }

    private static String utf8OrNull(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Compares provider, method, path, header lines and body bytes. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Fixture that && provider == that.provider && method.equals(that.method)
                && path.equals(that.path) && headers.equals(that.headers) && java.util.Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(provider, method, path, headers, java.util.Arrays.hashCode(body));
    }

    /** Shows provider, method, path, header names and body length; never a header value. */
    @Override
    public String toString() {
        return "Fixture[" + provider.id() + " " + method + " " + path + ", headers=" + headers + ", bodyLength=" + body.length + "]";
    }
}
