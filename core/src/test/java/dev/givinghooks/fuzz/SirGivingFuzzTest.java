package dev.givinghooks.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.givinghooks.Reason;
import dev.givinghooks.TestSupport;
import dev.givinghooks.WebhookRejectedException;
import dev.givinghooks.WebhookVerifier;
import dev.givinghooks.sirgiving.SirGiving;
import dev.givinghooks.sirgiving.SirGivingEvent;
import java.util.EnumSet;
import java.util.Set;

/** Fuzzes SIR Giving verification, both with arbitrary headers and with validly signed arbitrary bodies. */
class SirGivingFuzzTest {
    private static final String SECRET = "whsec_" + "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    private static final long NOW = 1_746_876_000L;
    private static final WebhookVerifier<SirGivingEvent> VERIFIER = SirGiving.verifierBuilder().secrets(SECRET)
            .clock(TestSupport.fixedAt(NOW)).maxBodyBytes(64 * 1024).build();
    /** Reasons possible for a body signed with the right secret at an arbitrary timestamp. */
    private static final Set<Reason> AUTHENTIC = EnumSet.of(Reason.MALFORMED_PAYLOAD, Reason.TIMESTAMP_TOO_OLD,
            Reason.TIMESTAMP_IN_FUTURE, Reason.MALFORMED_TIMESTAMP, Reason.BODY_TOO_LARGE);

    @FuzzTest
    void anyDelivery(FuzzedDataProvider data) {
        String timestamp = data.consumeString(20);
        String signature = data.consumeString(100);
        byte[] body = data.consumeRemainingAsBytes();
        FuzzAssertions.onlyRejections(() -> VERIFIER.verify(TestSupport.request(body,
                SirGiving.TIMESTAMP_HEADER, timestamp, SirGiving.SIGNATURE_HEADER, signature)));
    }

    @FuzzTest
    void signedBody(FuzzedDataProvider data) {
        String timestamp = data.consumeBoolean() ? Long.toString(NOW + data.consumeInt(-400, 400)) : data.consumeAsciiString(14);
        byte[] body = data.consumeRemainingAsBytes();
        String signature = SirGiving.sign(SECRET, timestamp, body);
        WebhookRejectedException rejected = FuzzAssertions.onlyRejections(() -> VERIFIER.verify(TestSupport.request(body,
                SirGiving.TIMESTAMP_HEADER, timestamp, SirGiving.SIGNATURE_HEADER, signature)));
        if (rejected != null && !AUTHENTIC.contains(rejected.reason())) {
            throw new AssertionError("a correctly signed body was refused as " + rejected.reason());
        }
        if (rejected != null && rejected.reason() == Reason.MALFORMED_PAYLOAD && rejected.authenticBody().isEmpty()) {
            throw new AssertionError("an authentic malformed body was not kept");
        }
    }
}
