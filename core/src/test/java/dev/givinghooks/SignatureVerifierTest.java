package dev.givinghooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.givinghooks.chuffed.Chuffed;
import dev.givinghooks.sirgiving.SirGiving;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The signature-only verifiers: they accept what the full verifiers accept whatever the body
 * holds, and refuse every signature-stage fault with the same reason as the full verifiers.
 */
class SignatureVerifierTest {
    static final String SIR_SECRET = "whsec_00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    static final String SIR_OLD = "whsec_ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";
    static final String CHUFFED_SECRET = "a customer-chosen chuffed secret";
    static final String CHUFFED_OLD = "another chuffed secret, rotated";
    static final long NOW = 1_746_876_000L;
    static final String TS = Long.toString(NOW);
    static final byte[] SIR_BODY = "{\"id\":\"evt_1\",\"type\":\"partner.ping\"}".getBytes(StandardCharsets.UTF_8);
    static final byte[] CHUFFED_BODY = "{\"data\":{\"id\":7}}".getBytes(StandardCharsets.UTF_8);
    static final byte[] NOT_JSON = "not JSON at all \u00ff".getBytes(StandardCharsets.ISO_8859_1);

    static SirGiving.Builder sir() {
        return SirGiving.verifierBuilder().secrets(SIR_SECRET, SIR_OLD).clock(TestSupport.fixedAt(NOW)).maxBodyBytes(64);
    }

    static Chuffed.Builder chuffed() {
        return Chuffed.verifierBuilder().secrets(CHUFFED_SECRET, CHUFFED_OLD).maxBodyBytes(64);
    }

    static WebhookRequest sirRequest(byte[] body, String timestamp, String signature) {
        return TestSupport.request(body, SirGiving.TIMESTAMP_HEADER, timestamp, SirGiving.SIGNATURE_HEADER, signature);
    }

    @Test
    void sirAcceptsWhatItsVerifierAcceptsAndSaysWhichSecretMatched() {
        SignatureVerifier check = sir().buildSignatureVerifier();
        assertThat(check.provider()).isEqualTo(Provider.SIR_GIVING);
        assertThat(check.verifySignature(sirRequest(SIR_BODY, TS, SirGiving.sign(SIR_SECRET, TS, SIR_BODY)))).isZero();
        WebhookRequest old = sirRequest(SIR_BODY, TS, SirGiving.sign(SIR_OLD, TS, SIR_BODY));
        assertThat(check.verifySignature(old)).isEqualTo(1);
        assertThat(sir().build().verify(old).keyIndex()).isEqualTo(1);
    }

    @Test
    void theBodyIsNotRead() {
        WebhookRequest sirNotJson = sirRequest(NOT_JSON, TS, SirGiving.sign(SIR_SECRET, TS, NOT_JSON));
        assertThat(sir().buildSignatureVerifier().verifySignature(sirNotJson)).isZero();
        assertThat(reason(() -> sir().build().verify(sirNotJson))).isEqualTo(Reason.MALFORMED_PAYLOAD);

        WebhookRequest chuffedNotJson = TestSupport.request(NOT_JSON, Chuffed.SIGNATURE_HEADER, Chuffed.sign(CHUFFED_SECRET, NOT_JSON));
        assertThat(chuffed().buildSignatureVerifier().verifySignature(chuffedNotJson)).isZero();
        assertThat(reason(() -> chuffed().build().verify(chuffedNotJson))).isEqualTo(Reason.MALFORMED_PAYLOAD);
    }

    static Stream<Arguments> sirFaults() {
        String good = SirGiving.sign(SIR_SECRET, TS, SIR_BODY);
        String old = Long.toString(NOW - 301);
        String future = Long.toString(NOW + 301);
        byte[] large = new byte[65];
        Map<String, WebhookRequest> faults = new LinkedHashMap<>();
        faults.put("no signature", TestSupport.request(SIR_BODY, SirGiving.TIMESTAMP_HEADER, TS));
        faults.put("wrong prefix", sirRequest(SIR_BODY, TS, good.replace("sha256=", "sha1=")));
        faults.put("not hex", sirRequest(SIR_BODY, TS, good.substring(0, good.length() - 1) + "g"));
        faults.put("duplicated signature", TestSupport.request(SIR_BODY, SirGiving.TIMESTAMP_HEADER, TS,
                SirGiving.SIGNATURE_HEADER, good, SirGiving.SIGNATURE_HEADER, good));
        faults.put("other secret", sirRequest(SIR_BODY, TS, SirGiving.sign("whsec_not-a-configured-secret-at-all", TS, SIR_BODY)));
        faults.put("other body", sirRequest(CHUFFED_BODY, TS, good));
        faults.put("no timestamp", TestSupport.request(SIR_BODY, SirGiving.SIGNATURE_HEADER, good));
        faults.put("timestamp not digits", sirRequest(SIR_BODY, "17e8", good));
        faults.put("too old", sirRequest(SIR_BODY, old, SirGiving.sign(SIR_SECRET, old, SIR_BODY)));
        faults.put("in the future", sirRequest(SIR_BODY, future, SirGiving.sign(SIR_SECRET, future, SIR_BODY)));
        faults.put("too large", sirRequest(large, TS, SirGiving.sign(SIR_SECRET, TS, large)));
        return faults.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sirFaults")
    void sirRefusesEverySignatureStageFaultAsItsVerifierDoes(String fault, WebhookRequest request) {
        assertSameRefusal(sir().build()::verify, sir().buildSignatureVerifier(), request);
    }

    static Stream<Arguments> chuffedFaults() {
        String good = Chuffed.sign(CHUFFED_SECRET, CHUFFED_BODY);
        byte[] large = new byte[65];
        Map<String, WebhookRequest> faults = new LinkedHashMap<>();
        faults.put("no signature", TestSupport.request(CHUFFED_BODY));
        faults.put("not hex", TestSupport.request(CHUFFED_BODY, Chuffed.SIGNATURE_HEADER, good.substring(1) + "z"));
        faults.put("too short", TestSupport.request(CHUFFED_BODY, Chuffed.SIGNATURE_HEADER, good.substring(2)));
        faults.put("other secret", TestSupport.request(CHUFFED_BODY, Chuffed.SIGNATURE_HEADER,
                Chuffed.sign("a secret nobody configured", CHUFFED_BODY)));
        faults.put("other body", TestSupport.request(SIR_BODY, Chuffed.SIGNATURE_HEADER, good));
        faults.put("too large", TestSupport.request(large, Chuffed.SIGNATURE_HEADER, Chuffed.sign(CHUFFED_SECRET, large)));
        return faults.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chuffedFaults")
    void chuffedRefusesEverySignatureStageFaultAsItsVerifierDoes(String fault, WebhookRequest request) {
        assertSameRefusal(chuffed().build()::verify, chuffed().buildSignatureVerifier(), request);
    }

    @Test
    void chuffedSaysWhichSecretMatched() {
        WebhookRequest old = TestSupport.request(CHUFFED_BODY, Chuffed.SIGNATURE_HEADER, Chuffed.sign(CHUFFED_OLD, CHUFFED_BODY));
        assertThat(chuffed().buildSignatureVerifier().verifySignature(old)).isEqualTo(1);
        assertThat(chuffed().buildSignatureVerifier().provider()).isEqualTo(Provider.CHUFFED);
    }

    @Test
    void aChuffedMaximumAgeNeedsTheBodySoNoSignatureVerifierIsBuiltWithOne() {
        Chuffed.Builder withMaxAge = chuffed().maxAge(Duration.ofDays(3));
        assertThatThrownBy(withMaxAge::buildSignatureVerifier)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("maxAge")
                .hasMessageNotContaining(CHUFFED_SECRET);
        assertThat(withMaxAge.build()).isNotNull();
    }

    @Test
    void theShortFactoriesApplyTheDefaultsAndTheSecretRules() {
        WebhookRequest chuffedRequest = TestSupport.request(CHUFFED_BODY, Chuffed.SIGNATURE_HEADER, Chuffed.sign(CHUFFED_SECRET, CHUFFED_BODY));
        assertThat(Chuffed.signatureVerifier(CHUFFED_SECRET).verifySignature(chuffedRequest)).isZero();
        long now = System.currentTimeMillis() / 1000;
        String ts = Long.toString(now);
        assertThat(SirGiving.signatureVerifier(SIR_SECRET)
                .verifySignature(sirRequest(SIR_BODY, ts, SirGiving.sign(SIR_SECRET, ts, SIR_BODY)))).isZero();
        assertThatThrownBy(() -> SirGiving.signatureVerifier("whsec_short")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Chuffed.signatureVerifier(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(SirGiving.signatureVerifier(SIR_SECRET).toString()).doesNotContain(SIR_SECRET.substring(6));
        assertThat(Chuffed.signatureVerifier(CHUFFED_SECRET).toString()).doesNotContain(CHUFFED_SECRET);
    }

    private static void assertSameRefusal(Function<WebhookRequest, ?> verify, SignatureVerifier check, WebhookRequest request) {
        WebhookRejectedException full = catchThrowableOfType(WebhookRejectedException.class, () -> verify.apply(request));
        WebhookRejectedException signatureOnly = catchThrowableOfType(WebhookRejectedException.class, () -> check.verifySignature(request));
        assertThat(full).as("the full verifier refuses").isNotNull();
        assertThat(signatureOnly).as("the signature verifier refuses").isNotNull();
        assertThat(signatureOnly.reason()).isEqualTo(full.reason());
        assertThat(signatureOnly.getMessage()).isEqualTo(full.getMessage());
        assertThat(signatureOnly.authenticBody()).isEmpty();
    }

    private static Reason reason(Runnable call) {
        return catchThrowableOfType(WebhookRejectedException.class, call::run).reason();
    }
}
