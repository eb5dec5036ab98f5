package dev.givinghooks.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.givinghooks.TestSupport;
import dev.givinghooks.WebhookRejectedException;
import dev.givinghooks.sirgiving.PartnerApiSigner;
import dev.givinghooks.sirgiving.PartnerApiVerifier;
import java.util.Map;

/** Fuzzes the partner-API verifier with arbitrary calls, and with correctly signed calls of arbitrary method, path and body. */
class PartnerApiFuzzTest {
    private static final long NOW = 1_746_876_000L;
    private static final String KEY = "sk_live_fuzz_partner";
    private static final String SECRET = "fuzz-hmac-secret-0123456789abcdef";
    private static final PartnerApiVerifier VERIFIER = PartnerApiVerifier.of(KEY, SECRET, TestSupport.fixedAt(NOW));
    private static final PartnerApiSigner SIGNER = PartnerApiSigner.of(KEY, SECRET, TestSupport.fixedAt(NOW));

    @FuzzTest
    void anyCall(FuzzedDataProvider data) {
        String method = data.consumeString(10);
        String path = data.consumeString(200);
        String key = data.consumeString(40);
        String timestamp = data.consumeString(20);
        String signature = data.consumeString(100);
        byte[] body = data.consumeRemainingAsBytes();
        FuzzAssertions.onlyRejections(() -> VERIFIER.verify(method, path, TestSupport.request(body,
                PartnerApiSigner.PARTNER_KEY_HEADER, key, PartnerApiSigner.TIMESTAMP_HEADER, timestamp, PartnerApiSigner.SIGNATURE_HEADER, signature)));
    }

    @FuzzTest
    void signedCall(FuzzedDataProvider data) {
        String method = data.consumeAsciiString(10);
        String path = data.consumeString(200);
        byte[] body = data.consumeRemainingAsBytes();
        Map<String, String> headers = SIGNER.headers(method, path, body);
        String[] namesAndValues = headers.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue())).toArray(String[]::new);
        WebhookRejectedException rejected = FuzzAssertions.onlyRejections(() -> VERIFIER.verify(method, path, TestSupport.request(body, namesAndValues)));
        if (rejected != null) {
            throw new AssertionError("a call signed with the credentials, now, was refused as " + rejected.reason());
        }
    }
}
