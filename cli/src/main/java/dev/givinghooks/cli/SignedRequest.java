package dev.givinghooks.cli;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A signed (or encrypted) delivery ready to send: target URL, headers in order, exact body; and
 * its three renderings, JSON, a raw HTTP/1.1 request and a curl command.
 *
 * @param url an absolute {@code http} or {@code https} URL
 * @param headers header names to values, in the order they are written
 * @param body the exact body bytes (not copied)
 */
record SignedRequest(URI url, Map<String, String> headers, byte[] body) {

    SignedRequest {
        headers = new LinkedHashMap<>(headers);
    }

    /**
     * Parses a target URL.
     *
     * @throws UsageException if it is not an absolute http(s) URL with a host
     */
    static URI url(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new UsageException("--url is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new UsageException("--url must be an absolute http or https URL with a host, such as http://localhost:8080/webhooks");
        }
        return uri;
    }

    /** {@code {"headers":{...},"body":"<body as UTF-8>","bodyBase64":"..."}} and a newline. */
    byte[] json() {
        return JsonLines.line(json -> {
            json.writeStartObject();
            json.writeName("headers");
            json.writeStartObject();
            headers.forEach(json::writeStringProperty);
            json.writeEndObject();
            json.writeStringProperty("body", new String(body, StandardCharsets.UTF_8));
            json.writeStringProperty("bodyBase64", Base64.getEncoder().encodeToString(body));
            json.writeEndObject();
        });
    }

    /** The raw HTTP/1.1 request: request line, Host, the headers, Content-Length, CRLF, the exact body. */
    byte[] http() {
        StringBuilder head = new StringBuilder();
        head.append("POST ").append(pathAndQuery()).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(hostAndPort()).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(body.length).append("\r\n");
        head.append("Connection: close\r\n\r\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(body);
        return bytes.toByteArray();
    }

    /**
     * A curl command that sends exactly this request, every argument single-quoted for POSIX
     * shells. A body that a quoted argument cannot carry byte-exact (not UTF-8, control
     * characters other than newline, or a leading {@code @}, which curl would read as a file
     * name) is piped in through {@code base64 -d} instead.
     */
    String curl() {
        StringBuilder command = new StringBuilder();
        boolean literal = isSafeLiteral(body);
        if (!literal) {
            command.append("printf '%s' ").append(quote(Base64.getEncoder().encodeToString(body))).append(" | base64 -d | ");
        }
        command.append("curl -sS -i ").append(quote(url.toString()));
        headers.forEach((name, value) -> command.append(" \\\n  -H ").append(quote(name + ": " + value)));
        command.append(" \\\n  --data-binary ");
        command.append(literal ? quote(new String(body, StandardCharsets.UTF_8)) : "@-");
        return command.append('\n').toString();
    }

    private String pathAndQuery() {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }

    private String hostAndPort() {
        return url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort();
    }

    /** Single-quotes for POSIX shells: {@code '} becomes {@code '\''}. */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    private static boolean isSafeLiteral(byte[] body) {
        if (body.length > 0 && body[0] == '@') {
            return false;
        }
        for (byte b : body) {
            if (b >= 0 && b < 0x20 && b != '\n' || b == 0x7F) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
