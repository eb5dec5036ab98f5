package dev.givinghooks.chuffed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.givinghooks.Provider;
import dev.givinghooks.Reason;
import dev.givinghooks.TestSupport;
import dev.givinghooks.Verified;
import dev.givinghooks.WebhookRejectedException;
import dev.givinghooks.WebhookRequest;
import dev.givinghooks.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Chuffed verification: one test per security rule (DESIGN §2.2) and per reason it produces. */
class ChuffedVerifierTest {
    static final String SECRET = "a customer-chosen chuffed secret";
    static final String OTHER = "another chuffed secret, rotated";
    static final Instant NOW = Instant.parse("2026-05-10T09:12:00Z");

    static byte[] donation(long id, Integer iteration, String createdAt) {
        return ("{\"data\":{\"id\":" + id + ",\"created_at\":\"" + createdAt + "\",\"donation\":{\"amount\":1295,\"currency\":\"AUD\"},"
                + "\"recurring\":" + (iteration != null) + (iteration == null ? "" : ",\"recurring_iteration\":" + iteration) + "}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static final byte[] BODY = donation(12345, null, "2026-05-09T10:00:00Z");

    static WebhookVerifier<ChuffedEvent> verifier() {
        return Chuffed.verifier(SECRET);
    }

    static WebhookRequest signed(byte[] body) {
        return TestSupport.request(body, Chuffed.SIGNATURE_HEADER, Chuffed.sign(SECRET, body));
    }

    static WebhookRejectedException rejection(ThrowingCallable call, Reason reason) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(WebhookRejectedException.class);
        WebhookRejectedException e = (WebhookRejectedException) thrown;
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
        assertThat(e.provider()).isEqualTo(Provider.CHUFFED);
        return e;
    }

    @Test
    void acceptsAValidDelivery() {
        Verified<ChuffedEvent> verified = verifier().verify(signed(BODY));
        assertThat(verified.keyIndex()).isZero();
        assertThat(verified.idempotencyKey()).isEqualTo("chuffed:12345:0");
        assertThat(verified.body()).isEqualTo(BODY);
        assertThat(verified.provider()).isEqualTo(Provider.CHUFFED);
    }

    @Test
    void headerNameIsCaseInsensitive() {
        WebhookRequest request = WebhookRequest.of(Map.of("signature", List.of(Chuffed.sign(SECRET, BODY))), BODY);
        assertThat(verifier().verify(request).keyIndex()).isZero();
    }

    // Rule 1.

    @Test
    void missingSignature() {
        rejection(() -> verifier().verify(TestSupport.request(BODY)), Reason.MISSING_SIGNATURE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "sha256=73e203677d09490124b4c7193f414f8094ca90adeee4ca1542b4fafa1cad77dc",  // a prefix Chuffed does not send
            "73e203677d09490124b4c7193f414f8094ca90adeee4ca1542b4fafa1cad77d",          // one digit short
            "73e203677d09490124b4c7193f414f8094ca90adeee4ca1542b4fafa1cad77dc00",       // one byte long
            "73e203677d09490124b4c7193f414f8094ca90adeee4ca1542b4fafa1cad77dg",         // not hex
            "c+IDZ30JSQEktMcZP0FPgJTKkK3u5MoVQrT6+hrXd9w=",                             // base64, not hex
            ""})
    void malformedSignature(String signature) {
        rejection(() -> verifier().verify(TestSupport.request(BODY, Chuffed.SIGNATURE_HEADER, signature)), Reason.MALFORMED_SIGNATURE);
    }

    @Test
    void duplicatedSignatureHeaderIsMalformed() {
        String good = Chuffed.sign(SECRET, BODY);
        rejection(() -> verifier().verify(TestSupport.request(BODY, Chuffed.SIGNATURE_HEADER, good, Chuffed.SIGNATURE_HEADER, good)),
                Reason.MALFORMED_SIGNATURE);
    }

    @Test
    void overlongSignatureHeaderIsMalformed() {
        rejection(() -> verifier().verify(TestSupport.request(BODY, Chuffed.SIGNATURE_HEADER, "ab".repeat(1000))), Reason.MALFORMED_SIGNATURE);
    }

    @Test
    void wrongSecretIsAMismatch() {
        rejection(() -> verifier().verify(TestSupport.request(BODY, Chuffed.SIGNATURE_HEADER, Chuffed.sign(OTHER, BODY))),
                Reason.SIGNATURE_MISMATCH);
    }

    // Rule 2: no timestamp by default; the optional maximum age on the signed created_at.

    @Test
    void withoutMaxAgeAnOldDonationIsAccepted() {
        assertThat(verifier().verify(signed(donation(1, null, "2001-01-01T00:00:00Z"))).keyIndex()).isZero();
        assertThat(verifier().verify(signed("{\"data\":{\"id\":1}}".getBytes(StandardCharsets.UTF_8))).keyIndex()).isZero();
    }

    @Test
    void maxAgeEdgesAreAcceptedAndOneSecondBeyondIsRejected() {
        WebhookVerifier<ChuffedEvent> verifier = Chuffed.verifierBuilder().secrets(SECRET).maxAge(Duration.ofDays(3))
                .clock(TestSupport.fixedAt(NOW)).build();
        Instant oldest = NOW.minus(Duration.ofDays(3));
        Instant newest = NOW.plus(Duration.ofMinutes(5));
        assertThat(verifier.verify(signed(donation(1, null, oldest.toString()))).keyIndex()).isZero();
        assertThat(verifier.verify(signed(donation(1, null, newest.toString()))).keyIndex()).isZero();
        rejection(() -> verifier.verify(signed(donation(1, null, oldest.minusSeconds(1).toString()))), Reason.TIMESTAMP_TOO_OLD);
        rejection(() -> verifier.verify(signed(donation(1, null, newest.plusSeconds(1).toString()))), Reason.TIMESTAMP_IN_FUTURE);
        // Offsets and fractions are read as the instant they denote.
        assertThat(verifier.verify(signed(donation(1, null, "2026-05-07T11:12:00.000+02:00"))).keyIndex()).isZero();
        rejection(() -> verifier.verify(signed(donation(1, null, "2026-05-07T11:11:59.999+02:00"))), Reason.TIMESTAMP_TOO_OLD);
    }

    @Test
    void withMaxAgeAMissingOrMalformedCreatedAtIsRefused() {
        WebhookVerifier<ChuffedEvent> verifier = Chuffed.verifierBuilder().secrets(SECRET).maxAge(Duration.ofDays(3))
                .clock(TestSupport.fixedAt(NOW)).build();
        rejection(() -> verifier.verify(signed("{\"data\":{\"id\":1}}".getBytes(StandardCharsets.UTF_8))), Reason.MISSING_TIMESTAMP);
        rejection(() -> verifier.verify(signed("{\"nodata\":true}".getBytes(StandardCharsets.UTF_8))), Reason.MISSING_TIMESTAMP);
        rejection(() -> verifier.verify(signed("{\"data\":{\"id\":1,\"created_at\":null}}".getBytes(StandardCharsets.UTF_8))),
                Reason.MISSING_TIMESTAMP);
        rejection(() -> verifier.verify(signed(donation(1, null, "yesterday"))), Reason.MALFORMED_TIMESTAMP);
        rejection(() -> verifier.verify(signed(donation(1, null, "2026-05-10T09:12:00"))), Reason.MALFORMED_TIMESTAMP);
        rejection(() -> verifier.verify(signed("{\"data\":{\"id\":1,\"created_at\":{}}}".getBytes(StandardCharsets.UTF_8))),
                Reason.MALFORMED_TIMESTAMP);
    }

    // Rule 5 and MALFORMED_PAYLOAD.

    @Test
    void bodyOverTheLimitIsRefused() {
        WebhookVerifier<ChuffedEvent> verifier = Chuffed.verifierBuilder().secrets(SECRET).maxBodyBytes(BODY.length).build();
        assertThat(verifier.verify(signed(BODY)).keyIndex()).isZero();
        byte[] larger = java.util.Arrays.copyOf(BODY, BODY.length + 1);
        rejection(() -> verifier.verify(signed(larger)), Reason.BODY_TOO_LARGE);
        rejection(() -> verifier().verify(signed(new byte[Chuffed.DEFAULT_MAX_BODY_BYTES + 1])), Reason.BODY_TOO_LARGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[{\"data\":{\"id\":1}}]", "\"x\"", "1", "null", "{\"data\":", "{\"a\":1,\"a\":2}", "{} {}"})
    void authenticButMalformedPayloadKeepsTheBody(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        WebhookRejectedException e = rejection(() -> verifier().verify(signed(body)), Reason.MALFORMED_PAYLOAD);
        assertThat(e.authenticBody()).hasValueSatisfying(b -> assertThat(b).isEqualTo(body));
    }

    @Test
    void tooDeeplyNestedAuthenticJsonIsMalformedPayload() {
        byte[] deep = ("{\"data\":" + "[".repeat(40) + "]".repeat(40) + "}").getBytes(StandardCharsets.UTF_8);
        rejection(() -> verifier().verify(signed(deep)), Reason.MALFORMED_PAYLOAD);
    }

    @Test
    void anAuthenticObjectOfNoKnownShapeIsDeliveredNotRejected() {
        Verified<ChuffedEvent> verified = verifier().verify(signed("{\"event\":\"something.else\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(verified.event()).isInstanceOf(ChuffedEvent.Unrecognized.class);
        assertThat(verified.idempotencyKey()).startsWith("chuffed:sha256:");
    }

    // Rotation and per-request secrets.

    @Test
    void rotationReportsWhichSecretMatched() {
        WebhookVerifier<ChuffedEvent> verifier = Chuffed.verifierBuilder().secrets(OTHER, SECRET).build();
        assertThat(verifier.verify(signed(BODY)).keyIndex()).isEqualTo(1);
        assertThat(verifier.verify(TestSupport.request(BODY, Chuffed.SIGNATURE_HEADER, Chuffed.sign(OTHER, BODY))).keyIndex()).isZero();
    }

    @Test
    void secretSupplierSelectsSecretsByPath() {
        Map<String, List<String>> tenants = Map.of("/c/a", List.of(SECRET), "/c/b", List.of(OTHER));
        WebhookVerifier<ChuffedEvent> verifier = Chuffed.verifierBuilder().secrets(request -> tenants.get(request.path().orElse(""))).build();
        assertThat(verifier.verify(signed(BODY).withPath("/c/a")).keyIndex()).isZero();
        rejection(() -> verifier.verify(signed(BODY).withPath("/c/b")), Reason.SIGNATURE_MISMATCH);
        assertThatThrownBy(() -> verifier.verify(signed(BODY).withPath("/c/z"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void verifierToStringSaysHowNotWhat() {
        assertThat(verifier().toString()).contains("1 fixed keys").doesNotContain(SECRET);
    }
}
