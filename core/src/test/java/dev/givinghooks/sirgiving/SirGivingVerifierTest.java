package dev.givinghooks.sirgiving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.givinghooks.Provider;
import dev.givinghooks.Reason;
import dev.givinghooks.TestSupport;
import dev.givinghooks.Verified;
import dev.givinghooks.WebhookRejectedException;
import dev.givinghooks.WebhookRequest;
import dev.givinghooks.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SIR Giving verification: one test per security rule (DESIGN §2.2) and per reason it produces. */
class SirGivingVerifierTest {
    static final String SECRET = "whsec_00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    static final String OLD_SECRET = "whsec_ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";
    static final long NOW = 1_746_876_000L;
    static final byte[] BODY = "{\"id\":\"evt_42\",\"type\":\"action.completed\",\"createdAt\":\"2026-05-10T09:12:00Z\",\"data\":{\"actionId\":\"act_1\",\"tokensDistributed\":50}}"
            .getBytes(StandardCharsets.UTF_8);

    static WebhookVerifier<SirGivingEvent> verifier() {
        return SirGiving.verifierBuilder().secrets(SECRET).clock(TestSupport.fixedAt(NOW)).build();
    }

    static WebhookRequest signed(byte[] body, long timestamp) {
        String ts = Long.toString(timestamp);
        return TestSupport.request(body, SirGiving.TIMESTAMP_HEADER, ts, SirGiving.SIGNATURE_HEADER, SirGiving.sign(SECRET, ts, body));
    }

    static WebhookRejectedException rejection(ThrowingCallable call, Reason reason) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).isInstanceOf(WebhookRejectedException.class);
        WebhookRejectedException e = (WebhookRejectedException) thrown;
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
        assertThat(e.provider()).isEqualTo(Provider.SIR_GIVING);
        return e;
    }

    @Test
    void acceptsAValidDelivery() {
        Verified<SirGivingEvent> verified = verifier().verify(signed(BODY, NOW));
        assertThat(verified.keyIndex()).isZero();
        assertThat(verified.idempotencyKey()).isEqualTo("sir-giving:evt_42");
        assertThat(verified.event().type()).isEqualTo("action.completed");
        assertThat(verified.provider()).isEqualTo(Provider.SIR_GIVING);
    }

    @Test
    void headerNamesAreCaseInsensitive() {
        String ts = Long.toString(NOW);
        WebhookRequest request = WebhookRequest.of(Map.of("x-sir-timestamp", List.of(ts), "X-SIR-SIGNATURE",
                List.of(SirGiving.sign(SECRET, ts, BODY))), BODY);
        assertThat(verifier().verify(request).idempotencyKey()).isEqualTo("sir-giving:evt_42");
    }

    // Rule 1: missing, duplicated, wrong-prefix, wrong-length and non-hex signatures are refused before comparing.

    @Test
    void missingSignature() {
        rejection(() -> verifier().verify(TestSupport.request(BODY, SirGiving.TIMESTAMP_HEADER, Long.toString(NOW))),
                Reason.MISSING_SIGNATURE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "d481f80e828d7cef978fa644472381de39fc082f0f2b7408e63014c67ade4b8f",          // no prefix
            "sha1=d481f80e828d7cef978fa644472381de39fc082f0f2b7408e63014c67ade4b8f",     // wrong prefix
            "SHA256=d481f80e828d7cef978fa644472381de39fc082f0f2b7408e63014c67ade4b8f",   // prefix in the wrong case
            "v1,d481f80e828d7cef978fa644472381de39fc082f0f2b7408e63014c67ade4b8f",      // another scheme's shape
            "sha256=d481f80e828d7cef978fa644472381de39fc082f0f2b7408e63014c67ade4b8",    // one digit short
            "sha256=d481f80e828d7cef978fa644472381de39fc082f0f2b7408e63014c67ade4b8f0",  // one digit long
            "sha256=",                                                                   // empty
            "sha256=zz81f80e828d7cef978fa644472381de39fc082f0f2b7408e63014c67ade4b8f",   // not hex
            "sha256=d481f80e828d7cef978fa644472381de39fc082f0f2b7408e63014c67ade4b8\u00e9", // non-ASCII
            "sha256=d481f80e828d7cef978fa644472381de39fc082f0f2b7408e63014c67ade 4b8",   // inner space
            "",
    })
    void malformedSignature(String signature) {
        rejection(() -> verifier().verify(TestSupport.request(BODY, SirGiving.TIMESTAMP_HEADER, Long.toString(NOW),
                SirGiving.SIGNATURE_HEADER, signature)), Reason.MALFORMED_SIGNATURE);
    }

    @Test
    void duplicatedSignatureHeaderIsMalformedEvenWhenBothAreValid() {
        String ts = Long.toString(NOW);
        String good = SirGiving.sign(SECRET, ts, BODY);
        rejection(() -> verifier().verify(TestSupport.request(BODY, SirGiving.TIMESTAMP_HEADER, ts,
                SirGiving.SIGNATURE_HEADER, good, SirGiving.SIGNATURE_HEADER, good)), Reason.MALFORMED_SIGNATURE);
        // Two spellings of the name are the same header sent twice.
        rejection(() -> verifier().verify(WebhookRequest.of(Map.of(SirGiving.TIMESTAMP_HEADER, List.of(ts),
                "x-sir-signature", List.of(good), "X-SIR-Signature", List.of(good)), BODY)), Reason.MALFORMED_SIGNATURE);
    }

    @Test
    void overlongSignatureHeaderIsMalformed() {
        String overlong = "sha256=" + "a".repeat(2000);
        WebhookRejectedException e = rejection(() -> verifier().verify(TestSupport.request(BODY,
                SirGiving.TIMESTAMP_HEADER, Long.toString(NOW), SirGiving.SIGNATURE_HEADER, overlong)), Reason.MALFORMED_SIGNATURE);
        assertThat(e.getMessage()).hasSizeLessThan(200);
    }

    @Test
    void surroundingWhitespaceOfTheSignatureIsTolerated() {
        String ts = Long.toString(NOW);
        String signature = SirGiving.sign(SECRET, ts, BODY);
        // ASCII spaces and controls, and white space beyond ASCII (an em space, U+2003): whatever strip() takes.
        for (String space : new String[] {" ", "\t", " \u001f", "\u2003", "\u2003 \t"}) {
            assertThat(verifier().verify(TestSupport.request(BODY, SirGiving.TIMESTAMP_HEADER, ts,
                    SirGiving.SIGNATURE_HEADER, space + signature + space)).keyIndex()).as("%s", space.codePoints().toArray()).isZero();
        }
        // Non-breaking spaces are not white space to strip(): the value is then malformed, not trimmed.
        rejection(() -> verifier().verify(TestSupport.request(BODY, SirGiving.TIMESTAMP_HEADER, ts,
                SirGiving.SIGNATURE_HEADER, "\u00a0" + signature)), Reason.MALFORMED_SIGNATURE);
    }

    @Test
    void wrongSignatureIsAMismatch() {
        String ts = Long.toString(NOW);
        rejection(() -> verifier().verify(TestSupport.request(BODY, SirGiving.TIMESTAMP_HEADER, ts,
                SirGiving.SIGNATURE_HEADER, SirGiving.sign(OLD_SECRET, ts, BODY))), Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void signatureOverAnotherTimestampIsAMismatch() {
        String signature = SirGiving.sign(SECRET, Long.toString(NOW), BODY);
        rejection(() -> verifier().verify(TestSupport.request(BODY, SirGiving.TIMESTAMP_HEADER, Long.toString(NOW + 1),
                SirGiving.SIGNATURE_HEADER, signature)), Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void timestampIsSignedAsReceivedSoLeadingZerosChangeTheMessage() {
        String signature = SirGiving.sign(SECRET, Long.toString(NOW), BODY);
        rejection(() -> verifier().verify(TestSupport.request(BODY, SirGiving.TIMESTAMP_HEADER, "0" + NOW,
                SirGiving.SIGNATURE_HEADER, signature)), Reason.SIGNATURE_MISMATCH);
        String padded = "0" + NOW;
        assertThat(verifier().verify(TestSupport.request(BODY, SirGiving.TIMESTAMP_HEADER, padded,
                SirGiving.SIGNATURE_HEADER, SirGiving.sign(SECRET, padded, BODY))).keyIndex()).isZero();
    }

    // Timestamps: missing, duplicated, signs, spaces, non-digits, too many digits.

    @Test
    void missingTimestamp() {
        rejection(() -> verifier().verify(TestSupport.request(BODY, SirGiving.SIGNATURE_HEADER, SirGiving.sign(SECRET, "", BODY))),
                Reason.MISSING_TIMESTAMP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "+1746876000", "-1746876000", " 1746876000", "1746876000 ", "17468 76000",
            "1746876000.5", "1e9", "0x68200000", "abc", "１７４６８７６０００", "1234567890123", "99999999999999999999999"})
    void malformedTimestamp(String timestamp) {
        rejection(() -> verifier().verify(TestSupport.request(BODY, SirGiving.TIMESTAMP_HEADER, timestamp,
                SirGiving.SIGNATURE_HEADER, SirGiving.sign(SECRET, timestamp, BODY))), Reason.MALFORMED_TIMESTAMP);
    }

    @Test
    void duplicatedTimestampIsMalformed() {
        String ts = Long.toString(NOW);
        rejection(() -> verifier().verify(TestSupport.request(BODY, SirGiving.TIMESTAMP_HEADER, ts, SirGiving.TIMESTAMP_HEADER, ts,
                SirGiving.SIGNATURE_HEADER, SirGiving.sign(SECRET, ts, BODY))), Reason.MALFORMED_TIMESTAMP);
    }

    @Test
    void overlongTimestampHeaderIsMalformed() {
        String ts = "1".repeat(5000);
        rejection(() -> verifier().verify(TestSupport.request(BODY, SirGiving.TIMESTAMP_HEADER, ts,
                SirGiving.SIGNATURE_HEADER, SirGiving.sign(SECRET, ts, BODY))), Reason.MALFORMED_TIMESTAMP);
    }

    @Test
    void twelveDigitsAreTheLongestTimestampAndAreMerelyInTheFuture() {
        String ts = "999999999999";
        rejection(() -> verifier().verify(TestSupport.request(BODY, SirGiving.TIMESTAMP_HEADER, ts,
                SirGiving.SIGNATURE_HEADER, SirGiving.sign(SECRET, ts, BODY))), Reason.TIMESTAMP_IN_FUTURE);
    }

    // Rule 2: the window is checked in both directions; both edges are inclusive.

    @Test
    void windowEdgesAreAcceptedAndOneSecondBeyondIsRejected() {
        long tolerance = SirGiving.DEFAULT_TOLERANCE.toSeconds();
        assertThat(tolerance).isEqualTo(300);
        assertThat(verifier().verify(signed(BODY, NOW - tolerance)).keyIndex()).isZero();
        assertThat(verifier().verify(signed(BODY, NOW + tolerance)).keyIndex()).isZero();
        rejection(() -> verifier().verify(signed(BODY, NOW - tolerance - 1)), Reason.TIMESTAMP_TOO_OLD);
        rejection(() -> verifier().verify(signed(BODY, NOW + tolerance + 1)), Reason.TIMESTAMP_IN_FUTURE);
    }

    @Test
    void configuredToleranceMovesBothEdges() {
        WebhookVerifier<SirGivingEvent> verifier = SirGiving.verifierBuilder().secrets(SECRET).tolerance(Duration.ofSeconds(30))
                .clock(TestSupport.fixedAt(NOW)).build();
        assertThat(verifier.verify(signed(BODY, NOW - 30)).keyIndex()).isZero();
        assertThat(verifier.verify(signed(BODY, NOW + 30)).keyIndex()).isZero();
        rejection(() -> verifier.verify(signed(BODY, NOW - 31)), Reason.TIMESTAMP_TOO_OLD);
        rejection(() -> verifier.verify(signed(BODY, NOW + 31)), Reason.TIMESTAMP_IN_FUTURE);
    }

    /** Regression: a tolerance near the range of long seconds overflowed the window: it saturates. */
    @Test
    void aHugeToleranceSaturatesAtBothEnds() {
        for (Duration tolerance : new Duration[] {Duration.ofSeconds(Long.MAX_VALUE), Duration.ofSeconds(Long.MAX_VALUE, 999_999_999),
                Duration.ofHours(2562047788015215L)}) {
            WebhookVerifier<SirGivingEvent> verifier = SirGiving.verifierBuilder().secrets(SECRET).tolerance(tolerance)
                    .clock(TestSupport.fixedAt(java.time.Instant.ofEpochSecond(NOW, 500_000_000))).build();
            assertThat(verifier.verify(signed(BODY, 0)).keyIndex()).as(tolerance.toString()).isZero();
            assertThat(verifier.verify(signed(BODY, 999_999_999_999L)).keyIndex()).as(tolerance.toString()).isZero();
        }
    }

    @Test
    void clockWithSubSecondPrecisionKeepsTheEdgeInclusive() {
        // At NOW + 0.5 s, a timestamp exactly 300 s before NOW is 300.5 s old: outside the window.
        WebhookVerifier<SirGivingEvent> verifier = SirGiving.verifierBuilder().secrets(SECRET)
                .clock(TestSupport.fixedAt(java.time.Instant.ofEpochSecond(NOW, 500_000_000))).build();
        assertThat(verifier.verify(signed(BODY, NOW - 299)).keyIndex()).isZero();
        rejection(() -> verifier.verify(signed(BODY, NOW - 300 - 1)), Reason.TIMESTAMP_TOO_OLD);
    }

    @Test
    void windowIsCheckedOnlyForAuthenticDeliveries() {
        // A forged delivery learns nothing about the clock: it fails on the signature first.
        String ts = Long.toString(NOW - 100_000);
        rejection(() -> verifier().verify(TestSupport.request(BODY, SirGiving.TIMESTAMP_HEADER, ts,
                SirGiving.SIGNATURE_HEADER, SirGiving.sign(OLD_SECRET, ts, BODY))), Reason.SIGNATURE_MISMATCH);
    }

    // Rule 5: body size and JSON bounds.

    @Test
    void bodyOverTheLimitIsRefusedBeforeAnythingElse() {
        WebhookVerifier<SirGivingEvent> verifier = SirGiving.verifierBuilder().secrets(SECRET).maxBodyBytes(BODY.length)
                .clock(TestSupport.fixedAt(NOW)).build();
        assertThat(verifier.verify(signed(BODY, NOW)).keyIndex()).isZero();
        byte[] larger = java.util.Arrays.copyOf(BODY, BODY.length + 1);
        rejection(() -> verifier.verify(TestSupport.request(larger)), Reason.BODY_TOO_LARGE);
        assertThat(Reason.BODY_TOO_LARGE.httpStatus()).isEqualTo(413);
    }

    @Test
    void defaultBodyLimitIsOneMebibyte() {
        byte[] big = new byte[SirGiving.DEFAULT_MAX_BODY_BYTES + 1];
        rejection(() -> verifier().verify(signed(big, NOW)), Reason.BODY_TOO_LARGE);
    }

    @Test
    void tooDeeplyNestedAuthenticJsonIsMalformedPayload() {
        byte[] deep = ("{\"id\":\"evt_1\",\"type\":\"t\",\"data\":" + "[".repeat(40) + "]".repeat(40) + "}").getBytes(StandardCharsets.UTF_8);
        WebhookRejectedException e = rejection(() -> verifier().verify(signed(deep, NOW)), Reason.MALFORMED_PAYLOAD);
        assertThat(e.authenticBody()).hasValueSatisfying(b -> assertThat(b).isEqualTo(deep));
    }

    @Test
    void overlongJsonStringIsMalformedPayload() {
        byte[] longString = ("{\"id\":\"evt_1\",\"type\":\"t\",\"data\":\"" + "x".repeat(2 * 1024 * 1024 + 1) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        WebhookVerifier<SirGivingEvent> verifier = SirGiving.verifierBuilder().secrets(SECRET).maxBodyBytes(3 * 1024 * 1024)
                .clock(TestSupport.fixedAt(NOW)).build();
        rejection(() -> verifier.verify(signed(longString, NOW)), Reason.MALFORMED_PAYLOAD);
    }

    @Test
    void duplicateJsonKeysAreMalformedPayload() {
        byte[] duplicate = "{\"id\":\"evt_1\",\"id\":\"evt_2\",\"type\":\"t\"}".getBytes(StandardCharsets.UTF_8);
        rejection(() -> verifier().verify(signed(duplicate, NOW)), Reason.MALFORMED_PAYLOAD);
    }

    // MALFORMED_PAYLOAD: authentic, but not a JSON object with a string id and type; the body is kept.

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[1,2]", "\"evt\"", "42", "null", "{\"id\":\"evt_1\"", "{\"type\":\"t\"}",
            "{\"id\":7,\"type\":\"t\"}", "{\"id\":\"\",\"type\":\"t\"}", "{\"id\":\"evt_1\"}", "{\"id\":\"evt_1\",\"type\":null}",
            "{\"id\":\"evt_1\",\"type\":\"t\"} trailing", ""})
    void authenticButMalformedPayloadKeepsTheBody(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        WebhookRejectedException e = rejection(() -> verifier().verify(signed(body, NOW)), Reason.MALFORMED_PAYLOAD);
        assertThat(e.authenticBody()).hasValueSatisfying(b -> assertThat(b).isEqualTo(body));
        assertThat(e.reason().httpStatus()).isEqualTo(400);
    }

    @Test
    void invalidUtf8AuthenticBodyIsMalformedPayload() {
        byte[] body = {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        rejection(() -> verifier().verify(signed(body, NOW)), Reason.MALFORMED_PAYLOAD);
    }

    @Test
    void unknownEventTypeIsDeliveredNotRejected() {
        byte[] body = "{\"id\":\"evt_7\",\"type\":\"pool.low\",\"data\":{\"remaining\":3}}".getBytes(StandardCharsets.UTF_8);
        Verified<SirGivingEvent> verified = verifier().verify(signed(body, NOW));
        assertThat(verified.event()).isInstanceOf(SirGivingEvent.Unrecognized.class);
        assertThat(verified.event().type()).isEqualTo("pool.low");
    }

    // Rotation and per-request secrets.

    @Test
    void rotationReportsWhichSecretMatched() {
        WebhookVerifier<SirGivingEvent> verifier = SirGiving.verifierBuilder().secrets(OLD_SECRET, SECRET)
                .clock(TestSupport.fixedAt(NOW)).build();
        assertThat(verifier.verify(signed(BODY, NOW)).keyIndex()).isEqualTo(1);
        String ts = Long.toString(NOW);
        assertThat(verifier.verify(TestSupport.request(BODY, SirGiving.TIMESTAMP_HEADER, ts,
                SirGiving.SIGNATURE_HEADER, SirGiving.sign(OLD_SECRET, ts, BODY))).keyIndex()).isZero();
    }

    @Test
    void secretSupplierSelectsSecretsByPath() {
        Map<String, List<String>> tenants = Map.of("/hooks/a", List.of(SECRET), "/hooks/b", List.of(OLD_SECRET));
        WebhookVerifier<SirGivingEvent> verifier = SirGiving.verifierBuilder()
                .secrets(request -> tenants.get(request.path().orElse("")))
                .clock(TestSupport.fixedAt(NOW)).build();

        assertThat(verifier.verify(signed(BODY, NOW).withPath("/hooks/a")).keyIndex()).isZero();
        rejection(() -> verifier.verify(signed(BODY, NOW).withPath("/hooks/b")), Reason.SIGNATURE_MISMATCH);
        // A supplier with nothing for the request is the application's configuration fault, not a rejection.
        assertThatThrownBy(() -> verifier.verify(signed(BODY, NOW).withPath("/hooks/c"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void secretSupplierIsConsultedPerRequestSoSecretsRotateWithoutRestart() {
        java.util.concurrent.atomic.AtomicReference<List<String>> current = new java.util.concurrent.atomic.AtomicReference<>(List.of(OLD_SECRET));
        WebhookVerifier<SirGivingEvent> verifier = SirGiving.verifierBuilder().secrets(request -> current.get())
                .clock(TestSupport.fixedAt(NOW)).build();
        rejection(() -> verifier.verify(signed(BODY, NOW)), Reason.SIGNATURE_MISMATCH);
        current.set(List.of(OLD_SECRET, SECRET));
        assertThat(verifier.verify(signed(BODY, NOW)).keyIndex()).isEqualTo(1);
    }

    @Test
    void secretSupplierReturningAShortSecretIsAConfigurationFault() {
        WebhookVerifier<SirGivingEvent> verifier = SirGiving.verifierBuilder().secrets(request -> List.of("short"))
                .clock(TestSupport.fixedAt(NOW)).build();
        assertThatThrownBy(() -> verifier.verify(signed(BODY, NOW))).isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("short\"").hasMessageContaining("16 bytes");
    }

    // Rule 6: the idempotency key comes from the signed envelope only.

    @Test
    void idempotencyKeyIgnoresUnsignedHeaders() {
        String ts = Long.toString(NOW);
        WebhookRequest request = TestSupport.request(BODY, SirGiving.TIMESTAMP_HEADER, ts, SirGiving.SIGNATURE_HEADER,
                SirGiving.sign(SECRET, ts, BODY), "X-SIR-Event-Id", "evt_forged", "Idempotency-Key", "forged");
        assertThat(verifier().verify(request).idempotencyKey()).isEqualTo("sir-giving:evt_42");
    }

    @Test
    void verifierToStringSaysHowNotWhat() {
        assertThat(verifier().toString()).contains("1 fixed keys").doesNotContain(SECRET).doesNotContain(SECRET.substring(6));
    }
}
