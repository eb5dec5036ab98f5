package dev.givinghooks.testkit;

import dev.givinghooks.Provider;
import dev.givinghooks.Reason;
import dev.givinghooks.WebhookRejectedException;
import dev.givinghooks.WebhookRequest;
import dev.givinghooks.chuffed.Chuffed;
import dev.givinghooks.sirgiving.SirGiving;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A malformed or hostile HTTP request, as raw as the wire: header lines with any characters,
 * repeated or huge; bodies that are binary, invalid UTF-8, deeply nested or enormous; a
 * {@code Content-Length} that lies, chunked framing, a body trickled in slowly. Every one must be
 * refused with a 4xx status, never processed, never answered 5xx, and leave the server serving.
 *
 * <p>{@link #catalogue(Testkit)} lists them all. Most reach the adapter intact, and
 * {@link #reason()} is then the refusal core gives the same headers and body (header values
 * trimmed of surrounding whitespace, as HTTP defines them): the adapter must answer it, with its
 * status and a problem body naming it. Some may be refused by the HTTP server first
 * ({@link #transport()}): any 4xx is right for those. Immutable.
 */
public final class HostileRequest {
    /** How the body is framed on the wire. */
    public enum Framing {
        /** {@code Content-Length} of the body, which follows whole. */
        CONTENT_LENGTH,
        /** {@code Content-Length} of {@link #declaredLength()}, then the body, then the client's half of the connection closes. */
        DECLARED_LENGTH,
        /** {@code Transfer-Encoding: chunked}, in chunks of 8 KiB. */
        CHUNKED,
        /** {@code Transfer-Encoding: chunked} whose first chunk size is not hexadecimal. */
        MALFORMED_CHUNKED
    }

    private final String name;
    private final Provider provider;
    private final List<Fixture.Header> headers;
    private final byte[] body;
    private final Framing framing;
    private final long declaredLength;
    private final Duration trickle;
    private final Reason reason;

    private HostileRequest(String name, Provider provider, List<Fixture.Header> headers, byte[] body, Framing framing, long declaredLength,
            Duration trickle, Reason reason) {
        this.name = name;
        this.provider = provider;
        this.headers = List.copyOf(headers);
        this.body = body;
        this.framing = framing;
        this.declaredLength = declaredLength;
        this.trickle = trickle;
        this.reason = reason;
    }

    /**
     * Returns its name, such as {@code sir-giving/timestamp-with-plus-sign}.
     *
     * @return the name
     */
    public String name() {
        return provider.id() + "/" + name;
    }

    /**
     * Returns the provider whose endpoint it is sent to.
     *
     * @return the provider
     */
    public Provider provider() {
        return provider;
    }

    /**
     * Returns the header lines, repeats kept, values exactly as sent.
     *
     * @return the headers (no {@code Host}, framing or {@code Connection} header)
     */
    public List<Fixture.Header> headers() {
        return headers;
    }

    /**
     * Returns the body bytes sent.
     *
     * @return a copy of the body
     */
    public byte[] body() {
        return body.clone();
    }

    /**
     * Returns how the body is framed.
     *
     * @return the framing
     */
    public Framing framing() {
        return framing;
    }

    /**
     * Returns the {@code Content-Length} declared when it lies ({@link Framing#DECLARED_LENGTH}).
     *
     * @return the declared length, or the body's
     */
    public long declaredLength() {
        return declaredLength;
    }

    /**
     * Returns the pause between the body's pieces when it is trickled, or zero.
     *
     * @return the pause
     */
    public Duration trickle() {
        return trickle;
    }

    /**
     * Returns the refusal an adapter must answer with, or {@code null} when the HTTP server may
     * refuse the request first.
     *
     * @return the reason, or {@code null} for {@link #transport()} requests
     */
    public Reason reason() {
        return reason;
    }

    /**
     * Returns whether the HTTP server may refuse it before the adapter sees it (a malformed
     * header, framing that lies): then any 4xx is right.
     *
     * @return {@code true} when only a 4xx status is required
     */
    public boolean transport() {
        return reason == null;
    }

    /**
     * Returns whether it is about headers and body only, so that anything verifying a captured
     * delivery (the CLI's {@code verify}) must refuse it with {@link #reason()} too.
     *
     * @return {@code true} for a request whose framing is honest
     */
    public boolean aboutContent() {
        return reason != null && framing == Framing.CONTENT_LENGTH;
    }

    /**
     * Returns the request head as sent to an endpoint: request line, {@code Host}, the headers,
     * the framing header and {@code Connection: close}, ending with the blank line.
     *
     * @param endpoint the absolute URL
     * @return the bytes; header values go as UTF-8, non-ASCII and control characters included
     */
    public byte[] head(URI endpoint) {
        StringBuilder head = new StringBuilder("POST ").append(endpoint.getRawPath()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(endpoint.getHost()).append(':').append(endpoint.getPort()).append("\r\n");
        for (Fixture.Header header : headers) {
            head.append(header.name()).append(": ").append(header.value()).append("\r\n");
        }
        switch (framing) {
            case CONTENT_LENGTH -> head.append("Content-Length: ").append(body.length).append("\r\n");
            case DECLARED_LENGTH -> head.append("Content-Length: ").append(declaredLength).append("\r\n");
            case CHUNKED, MALFORMED_CHUNKED -> head.append("Transfer-Encoding: chunked\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        return head.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Returns the body as framed on the wire (chunks and their sizes, for chunked framing).
     *
     * @return the bytes after the head
     */
    public byte[] framedBody() {
        if (framing != Framing.CHUNKED && framing != Framing.MALFORMED_CHUNKED) {
            return body.clone();
        }
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        for (int offset = 0; offset < body.length; offset += 8192) {
            int size = Math.min(8192, body.length - offset);
            String line = framing == Framing.MALFORMED_CHUNKED && offset == 0 ? "zz;" + size : Integer.toHexString(size);
            framed.writeBytes((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            framed.write(body, offset, size);
            framed.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        framed.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return framed.toByteArray();
    }

    @Override
    public String toString() {
        return name() + " -> " + (reason != null ? reason + " (" + reason.httpStatus() + ")" : "any 4xx");
    }

    /**
     * Returns the catalogue: more than sixty hostile requests over the three providers, built on
     * the testkit's credentials and clock.
     *
     * @param kit the testkit whose verifiers the adapter under test uses
     * @return the requests, each name distinct
     */
    public static List<HostileRequest> catalogue(Testkit kit) {
        return new Catalogue(kit).build();
    }

    /** Builds the catalogue; each request's reason is core's answer to its headers and body. */
    private static final class Catalogue {
        private static final String SIG = SirGiving.SIGNATURE_HEADER;
        private static final String TS = SirGiving.TIMESTAMP_HEADER;
        private static final String CHUFFED_SIG = Chuffed.SIGNATURE_HEADER;

        private final Testkit kit;
        private final String sirSecret;
        private final String chuffedSecret;
        private final String now;
        private final List<HostileRequest> requests = new ArrayList<>();

        Catalogue(Testkit kit) {
            this.kit = kit;
            this.sirSecret = kit.credentials().sirGivingSecrets().get(0);
            this.chuffedSecret = kit.credentials().chuffedSecrets().get(0);
            this.now = Long.toString(kit.clock().instant().getEpochSecond());
        }

        List<HostileRequest> build() {
            sirGivingHeaders();
            sirGivingTimestamps();
            chuffedHeaders();
            bodies(Provider.SIR_GIVING);
            bodies(Provider.CHUFFED);
            givingBlockEnvelopes();
            framing();
            return List.copyOf(requests);
        }

        private void sirGivingHeaders() {
            Fixture good = kit.sirGiving().actionCompleted().signed();
            String signature = good.headers(SIG).get(0);
            String wrong = SirGiving.SIGNATURE_PREFIX + "0".repeat(64);
            content("missing-signature", good.withoutHeader(SIG));
            content("missing-timestamp", good.withoutHeader(TS));
            content("missing-both-headers", good.withoutHeader(SIG).withoutHeader(TS));
            content("empty-signature", good.withHeaderReplaced(SIG, ""));
            content("empty-timestamp", good.withHeaderReplaced(TS, ""));
            content("duplicated-signature-disagreeing", good.withHeader(SIG, wrong));
            content("duplicated-timestamp-disagreeing", good.withHeader(TS, Long.toString(Long.parseLong(now) - 1)));
            content("signature-64-kib", good.withHeaderReplaced(SIG, SirGiving.SIGNATURE_PREFIX + "a".repeat(64 * 1024)), true);
            content("timestamp-64-kib", good.withHeaderReplaced(TS, "1".repeat(64 * 1024)), true);
            content("signature-non-ascii", good.withHeaderReplaced(SIG, SirGiving.SIGNATURE_PREFIX + "é".repeat(32)), true);
            content("signature-control-character", good.withHeaderReplaced(SIG, signature.substring(0, 20) + "\u0001" + signature.substring(21)), true);
            content("timestamp-control-character", good.withHeaderReplaced(TS, now.substring(0, 4) + "\u0007" + now.substring(5)), true);
            content("signature-space-inside", good.withHeaderReplaced(SIG, SirGiving.SIGNATURE_PREFIX + " " + signature.substring(7)));
            content("wrong-signature-padded", good.withHeaderReplaced(SIG, "   " + wrong + "\t "));
            content("signature-other-scheme", good.withHeaderReplaced(SIG, "sha1=" + signature.substring(7)));
            content("signature-prefix-only", good.withHeaderReplaced(SIG, SirGiving.SIGNATURE_PREFIX));
            content("signature-one-hex-digit-short", good.withHeaderReplaced(SIG, signature.substring(0, signature.length() - 1)));
            content("signature-one-hex-digit-long", good.withHeaderReplaced(SIG, signature + "0"));
        }

        private void sirGivingTimestamps() {
            byte[] body = kit.sirGiving().actionCompleted().body();
            for (String[] timestamp : new String[][] {
                {"negative", "-" + now}, {"zero", "0"}, {"huge", "99999999999999999999"}, {"long-min", Long.toString(Long.MIN_VALUE)},
                {"long-max-plus-one", "9223372036854775808"}, {"decimal", now + ".5"}, {"plus-sign", "+" + now},
                {"hexadecimal", "0x" + Long.toHexString(Long.parseLong(now))}, {"exponent", "1.7e9"}, {"spaces-inside", now.substring(0, 5) + " " + now.substring(5)},
                {"milliseconds", now + "000"}, {"iso-8601", kit.clock().instant().toString()}, {"letters", "yesterday"},
            }) {
                // Signed over the very timestamp text: only its parsing and window can refuse it.
                content("timestamp-" + timestamp[0], SirGivingFixtures.sign(body, sirSecret, timestamp[1]));
            }
        }

        private void chuffedHeaders() {
            Fixture good = kit.chuffed().paymentConfirmed().signed();
            String signature = good.headers(CHUFFED_SIG).get(0);
            content("missing-signature", good.withoutHeader(CHUFFED_SIG));
            content("empty-signature", good.withHeaderReplaced(CHUFFED_SIG, ""));
            content("duplicated-signature-disagreeing", good.withHeader(CHUFFED_SIG, "0".repeat(64)));
            content("signature-64-kib", good.withHeaderReplaced(CHUFFED_SIG, "a".repeat(64 * 1024)), true);
            content("signature-non-ascii", good.withHeaderReplaced(CHUFFED_SIG, "ü".repeat(64)), true);
            content("signature-control-character", good.withHeaderReplaced(CHUFFED_SIG, signature.substring(0, 10) + "\u001b" + signature.substring(11)), true);
            content("signature-with-scheme-prefix", good.withHeaderReplaced(CHUFFED_SIG, "sha256=" + signature));
            content("signature-odd-length", good.withHeaderReplaced(CHUFFED_SIG, signature.substring(1)));
            content("signature-of-another-body", good.withHeaderReplaced(CHUFFED_SIG, Chuffed.sign(chuffedSecret, new byte[] {'{', '}'})));
            content("signature-base64", good.withHeaderReplaced(CHUFFED_SIG, java.util.Base64.getEncoder().encodeToString(new byte[32])));
        }

        /** Bodies signed correctly, so that nothing but the body's content can refuse them. */
        private void bodies(Provider provider) {
            byte[] nested = ("[".repeat(20_000) + "]".repeat(20_000)).getBytes(StandardCharsets.US_ASCII);
            byte[] tenMegabytes = ("{\"id\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.US_ASCII);
            Map<String, byte[]> bodies = new LinkedHashMap<>();
            bodies.put("body-empty", new byte[0]);
            bodies.put("body-binary", binary(4096));
            bodies.put("body-invalid-utf8", new byte[] {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
            bodies.put("body-deeply-nested", nested);
            bodies.put("body-10-mb-string", tenMegabytes);
            bodies.put("body-json-array", "[1,2,3]".getBytes(StandardCharsets.US_ASCII));
            bodies.put("body-json-null", "null".getBytes(StandardCharsets.US_ASCII));
            bodies.put("body-leading-nul", concat(new byte[] {0}, valid(provider)));
            bodies.put("body-trailing-garbage", concat(valid(provider), "}{".getBytes(StandardCharsets.US_ASCII)));
            if (provider == Provider.SIR_GIVING) {
                bodies.put("body-duplicate-keys", "{\"id\":\"evt_1\",\"id\":\"evt_2\",\"type\":\"action.completed\",\"createdAt\":\"2026-05-10T09:00:00Z\",\"data\":{}}"
                        .getBytes(StandardCharsets.US_ASCII));
                // A number out of range in data makes an authentic event Unrecognized (kept, not refused); as the id it is malformed.
                bodies.put("body-number-out-of-range", new String(valid(provider), StandardCharsets.UTF_8)
                        .replaceFirst("\"id\":\"[^\"]*\"", "\"id\":1e400").getBytes(StandardCharsets.UTF_8));
            } else {
                bodies.put("body-duplicate-keys", new String(valid(provider), StandardCharsets.UTF_8)
                        .replaceFirst("\\{\"data\":\\{", "{\"data\":{\"id\":1,").getBytes(StandardCharsets.UTF_8));
                // Chuffed's authentic events with out-of-range numbers are kept as Unrecognized, by design: not here.
            }
            bodies.forEach((name, body) -> content(name, provider == Provider.SIR_GIVING ? SirGivingFixtures.sign(body, sirSecret, now)
                    : ChuffedFixtures.sign(body, chuffedSecret)));
        }

        private void givingBlockEnvelopes() {
            Fixture good = kit.givingBlock().deposit().encrypted();
            String envelope = new String(good.body(), StandardCharsets.UTF_8);
            content("envelope-empty", good.withBody(new byte[0]));
            content("envelope-binary", good.withBody(binary(2048)));
            content("envelope-invalid-utf8", good.withBody(new byte[] {'{', '"', (byte) 0xFF, '"', ':', '1', '}'}));
            content("envelope-deeply-nested", good.withBody(("{\"payload\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}")
                    .getBytes(StandardCharsets.US_ASCII)));
            content("envelope-duplicate-payload", good.withBody(envelope.replaceFirst("\\{", "{\"payload\":\"00\",").getBytes(StandardCharsets.UTF_8)));
            content("envelope-payload-not-a-string", good.withBody("{\"eventType\":\"DEPOSIT_TRANSACTION\",\"payload\":12345678901234567890}"
                    .getBytes(StandardCharsets.US_ASCII)));
            content("envelope-payload-10-mb", good.withBody(("{\"eventType\":\"DEPOSIT_TRANSACTION\",\"payload\":\"" + "ab".repeat(5 * 1024 * 1024) + "\"}")
                    .getBytes(StandardCharsets.US_ASCII)));
            content("envelope-number-out-of-range", good.withBody("{\"eventType\":1e400,\"payload\":-1e400}".getBytes(StandardCharsets.US_ASCII)));
            content("envelope-payload-not-hex", good.withBody("{\"eventType\":\"DEPOSIT_TRANSACTION\",\"payload\":\"not hex at all!\"}"
                    .getBytes(StandardCharsets.US_ASCII)));
        }

        /** Framing and transport: lies about the length, chunks, content types, a trickled body. */
        private void framing() {
            Fixture chuffed = kit.chuffed().paymentConfirmed().signed();
            Fixture forged = chuffed.withHeaderReplaced(CHUFFED_SIG, "0".repeat(64));
            byte[] body = chuffed.body();
            add("content-length-smaller-than-body", chuffed, Framing.DECLARED_LENGTH, body.length / 2, Duration.ZERO,
                    expected("content-length-smaller-than-body", chuffed.withBody(Arrays.copyOf(body, body.length / 2)), false));
            add("content-length-larger-than-body", chuffed, Framing.DECLARED_LENGTH, body.length + 100, Duration.ZERO, null);
            add("content-length-far-over-limit", chuffed, Framing.DECLARED_LENGTH, 100L * kit.maxBodyBytes(), Duration.ZERO, null);
            add("chunked-over-limit", forged.withBody(binary(kit.maxBodyBytes() + 10_000)), Framing.CHUNKED, 0, Duration.ZERO, Reason.BODY_TOO_LARGE);
            add("chunked-size-not-hex", forged, Framing.MALFORMED_CHUNKED, 0, Duration.ZERO, null);
            add("chunked-forged", forged, Framing.CHUNKED, 0, Duration.ZERO, expected("chunked-forged", forged, false));
            for (String[] type : new String[][] {{"form-urlencoded", "application/x-www-form-urlencoded"},
                {"multipart", "multipart/form-data; boundary=xyz"}, {"text-plain", "text/plain; charset=x-unknown"}}) {
                Fixture typed = forged.withHeaderReplaced("Content-Type", type[1]);
                content("content-type-" + type[0], typed);
            }
            add("body-trickled", forged, Framing.CONTENT_LENGTH, 0, Duration.ofMillis(150), expected("body-trickled", forged, false));
            Fixture sir = kit.sirGiving().actionCompleted().signed().withHeaderReplaced(SIG, SirGiving.SIGNATURE_PREFIX + "0".repeat(64));
            add("body-trickled", sir, Framing.CONTENT_LENGTH, 0, Duration.ofMillis(150), expected("body-trickled", sir, false));
        }

        private void content(String name, Fixture fixture) {
            content(name, fixture, false);
        }

        private void content(String name, Fixture fixture, boolean transport) {
            add(name, fixture, Framing.CONTENT_LENGTH, 0, Duration.ZERO, expected(name, fixture, transport));
        }

        private void add(String name, Fixture fixture, Framing framing, long declared, Duration trickle, Reason reason) {
            HostileRequest request = new HostileRequest(name, fixture.provider(), fixture.headers(), fixture.body(), framing,
                    framing == Framing.DECLARED_LENGTH ? declared : fixture.body().length, trickle, reason);
            if (requests.stream().anyMatch(other -> other.name().equals(request.name()))) {
                throw new IllegalStateException("two hostile requests named " + request.name());
            }
            requests.add(request);
        }

        /**
         * Core's refusal of the headers and body, values trimmed as HTTP trims them; {@code null}
         * for a request the HTTP server may refuse first. A request core accepts is not hostile:
         * the catalogue refuses to hold it.
         */
        private Reason expected(String name, Fixture fixture, boolean transport) {
            Map<String, List<String>> trimmed = new LinkedHashMap<>();
            for (Fixture.Header header : fixture.headers()) {
                trimmed.computeIfAbsent(header.name(), k -> new ArrayList<>()).add(header.value().strip());
            }
            try {
                kit.verifier(fixture.provider()).verify(WebhookRequest.of(trimmed, fixture.body()));
            } catch (WebhookRejectedException rejected) {
                return transport ? null : rejected.reason();
            }
            throw new IllegalStateException("core accepts a request the hostile catalogue holds: " + name + ", " + fixture);
        }

        private byte[] valid(Provider provider) {
            return provider == Provider.SIR_GIVING ? kit.sirGiving().actionCompleted().body() : kit.chuffed().paymentConfirmed().body();
        }

        private byte[] binary(int length) {
            byte[] bytes = new byte[length];
            new java.util.Random(length).nextBytes(bytes);
            return bytes;
        }

        private static byte[] concat(byte[] a, byte[] b) {
            byte[] both = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, both, a.length, b.length);
            return both;
        }
    }
}
