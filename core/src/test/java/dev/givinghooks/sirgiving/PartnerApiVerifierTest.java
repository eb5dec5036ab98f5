package dev.givinghooks.sirgiving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.givinghooks.Reason;
import dev.givinghooks.TestSupport;
import dev.givinghooks.WebhookRejectedException;
import dev.givinghooks.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The partner-API verifier against calls signed by PartnerApiSigner: each credential, header and the window. */
class PartnerApiVerifierTest {
    private static final long NOW = 1_746_876_000L;
    private static final Clock CLOCK = TestSupport.fixedAt(NOW);
    private static final String KEY = "sk_live_partner_0001";
    private static final String SECRET = "hmac-secret-0123456789abcdef";
    private static final byte[] BODY = "{\"actionId\":\"act_1\",\"tokens\":50}".getBytes(StandardCharsets.UTF_8);
    // Built per test, not in a static initialiser, where a mutant in of() could not be told apart.
    private final PartnerApiVerifier verifierUnderTest = PartnerApiVerifier.of(KEY, SECRET, CLOCK);

    private static WebhookRequest call(Map<String, String> headers, byte[] body) {
        List<String> namesAndValues = new ArrayList<>();
        headers.forEach((name, value) -> {
            namesAndValues.add(name);
            namesAndValues.add(value);
        });
        return TestSupport.request(body, namesAndValues.toArray(String[]::new));
    }

    private static Map<String, String> signed(String key, String secret, Clock clock) {
        return PartnerApiSigner.of(key, secret, clock).headers("POST", "/v1/actions?dry=false", BODY);
    }

    private Reason refusal(String method, String path, Map<String, String> headers, byte[] body) {
        try {
            verifierUnderTest.verify(method, path, call(headers, body));
            return null;
        } catch (WebhookRejectedException e) {
            return e.reason();
        }
    }

    @Test
    void aCallSignedWithTheseCredentialsNowPasses() {
        assertThatCode(() -> verifierUnderTest.verify("POST", "/v1/actions?dry=false", call(signed(KEY, SECRET, CLOCK), BODY))).doesNotThrowAnyException();
        Clock edge = TestSupport.fixedAt(NOW - 300);
        assertThat(refusal("POST", "/v1/actions?dry=false", signed(KEY, SECRET, edge), BODY)).as("the window's edge").isNull();
    }

    @Test
    void everyOtherCredentialOrCoveredPartIsAMismatch() {
        Map<String, String> good = signed(KEY, SECRET, CLOCK);
        assertThat(refusal("POST", "/v1/actions?dry=false", signed("sk_live_partner_0002", SECRET, CLOCK), BODY))
                .as("another partner key, correctly signed with this secret").isEqualTo(Reason.SIGNATURE_MISMATCH);
        assertThat(refusal("POST", "/v1/actions?dry=false", signed(KEY, "another-secret-0123456789abcdef", CLOCK), BODY))
                .as("this key, signed with another secret").isEqualTo(Reason.SIGNATURE_MISMATCH);
        assertThat(refusal("GET", "/v1/actions?dry=false", good, BODY)).as("another method").isEqualTo(Reason.SIGNATURE_MISMATCH);
        assertThat(refusal("POST", "/v1/actions?dry=true", good, BODY)).as("another query").isEqualTo(Reason.SIGNATURE_MISMATCH);
        byte[] tampered = BODY.clone();
        tampered[5] ^= 1;
        assertThat(refusal("POST", "/v1/actions?dry=false", good, tampered)).as("a tampered body").isEqualTo(Reason.SIGNATURE_MISMATCH);
        Map<String, String> noKey = new java.util.LinkedHashMap<>(good);
        noKey.remove(PartnerApiSigner.PARTNER_KEY_HEADER);
        assertThat(refusal("POST", "/v1/actions?dry=false", noKey, BODY)).as("no partner key").isEqualTo(Reason.SIGNATURE_MISMATCH);
    }

    @Test
    void missingOrMalformedHeadersAndStaleCallsAreRefused() {
        Map<String, String> good = signed(KEY, SECRET, CLOCK);
        Map<String, String> noSignature = new java.util.LinkedHashMap<>(good);
        noSignature.remove(PartnerApiSigner.SIGNATURE_HEADER);
        assertThat(refusal("POST", "/v1/actions?dry=false", noSignature, BODY)).isEqualTo(Reason.MISSING_SIGNATURE);
        Map<String, String> noTimestamp = new java.util.LinkedHashMap<>(good);
        noTimestamp.remove(PartnerApiSigner.TIMESTAMP_HEADER);
        assertThat(refusal("POST", "/v1/actions?dry=false", noTimestamp, BODY)).isEqualTo(Reason.MISSING_TIMESTAMP);
        assertThat(refusal("POST", "/v1/actions?dry=false", signed(KEY, SECRET, TestSupport.fixedAt(NOW - 301)), BODY))
                .isEqualTo(Reason.TIMESTAMP_TOO_OLD);
        assertThat(refusal("POST", "/v1/actions?dry=false", signed(KEY, SECRET, TestSupport.fixedAt(NOW + 301)), BODY))
                .isEqualTo(Reason.TIMESTAMP_IN_FUTURE);
    }

    @Test
    void credentialsAreCheckedAndNeverShown() {
        assertThatThrownBy(() -> PartnerApiVerifier.of(" ", SECRET, CLOCK)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PartnerApiVerifier.of(KEY, "s3cr3t-x", CLOCK)).isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain("s3cr3t-x");
        assertThat(verifierUnderTest).hasToString("PartnerApiVerifier[credentials=redacted]");
        assertThat(verifierUnderTest.toString()).doesNotContain(KEY, SECRET);
    }
}
