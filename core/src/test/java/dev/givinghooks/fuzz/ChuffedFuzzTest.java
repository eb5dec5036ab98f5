package dev.givinghooks.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.givinghooks.Reason;
import dev.givinghooks.TestSupport;
import dev.givinghooks.WebhookRejectedException;
import dev.givinghooks.WebhookVerifier;
import dev.givinghooks.chuffed.Chuffed;
import dev.givinghooks.chuffed.ChuffedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/** Fuzzes Chuffed verification, with arbitrary headers and with validly signed arbitrary bodies. */
class ChuffedFuzzTest {
    private static final String SECRET = "a customer-chosen chuffed secret";
    private static final WebhookVerifier<ChuffedEvent> VERIFIER = Chuffed.verifierBuilder().secrets(SECRET)
            .maxBodyBytes(64 * 1024).build();
    private static final WebhookVerifier<ChuffedEvent> WITH_MAX_AGE = Chuffed.verifierBuilder().secrets(SECRET)
            .maxAge(Duration.ofDays(3)).clock(TestSupport.fixedAt(Instant.parse("2026-05-10T09:12:00Z")))
            .maxBodyBytes(64 * 1024).build();
    private static final Set<Reason> AUTHENTIC = EnumSet.of(Reason.MALFORMED_PAYLOAD, Reason.BODY_TOO_LARGE,
            Reason.MISSING_TIMESTAMP, Reason.MALFORMED_TIMESTAMP, Reason.TIMESTAMP_TOO_OLD, Reason.TIMESTAMP_IN_FUTURE);

    @FuzzTest
    void anyDelivery(FuzzedDataProvider data) {
        String signature = data.consumeString(100);
        byte[] body = data.consumeRemainingAsBytes();
        FuzzAssertions.onlyRejections(() -> VERIFIER.verify(TestSupport.request(body, Chuffed.SIGNATURE_HEADER, signature)));
    }

    @FuzzTest
    void signedBody(FuzzedDataProvider data) {
        WebhookVerifier<ChuffedEvent> verifier = data.consumeBoolean() ? WITH_MAX_AGE : VERIFIER;
        byte[] body = data.consumeRemainingAsBytes();
        String signature = Chuffed.sign(SECRET, body);
        WebhookRejectedException rejected = FuzzAssertions.onlyRejections(
                () -> verifier.verify(TestSupport.request(body, Chuffed.SIGNATURE_HEADER, signature)));
        if (rejected != null && !AUTHENTIC.contains(rejected.reason())) {
            throw new AssertionError("a correctly signed body was refused as " + rejected.reason());
        }
    }
}
