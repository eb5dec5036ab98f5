package dev.givinghooks.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.givinghooks.Reason;
import dev.givinghooks.TestSupport;
import dev.givinghooks.WebhookRejectedException;
import dev.givinghooks.WebhookVerifier;
import dev.givinghooks.givingblock.GivingBlock;
import dev.givinghooks.givingblock.GivingBlockEvent;
import dev.givinghooks.givingblock.GivingBlockKey;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/** Fuzzes The Giving Block decryption: arbitrary envelopes, and arbitrary plaintexts under the right key. */
class GivingBlockFuzzTest {
    private static final GivingBlockKey KEY = GivingBlockKey.of(
            "ae97bfa25b4abcbb7d8722fc5c60747bf7687ec22d1463174f0176ad6daa96ec", "9663f5821170b172c51ecdd86677132f");
    private static final WebhookVerifier<GivingBlockEvent> DECRYPTOR = GivingBlock.decryptorBuilder().keys(KEY)
            .clock(TestSupport.fixedAt(Instant.parse("2021-12-29T11:56:12Z"))).maxBodyBytes(64 * 1024).build();
    private static final Set<Reason> AFTER_DECRYPTION = EnumSet.of(Reason.UNDECRYPTABLE_PAYLOAD, Reason.MALFORMED_PAYLOAD,
            Reason.MISSING_TIMESTAMP, Reason.MALFORMED_TIMESTAMP, Reason.TIMESTAMP_TOO_OLD, Reason.TIMESTAMP_IN_FUTURE,
            Reason.BODY_TOO_LARGE);

    @FuzzTest
    void anyEnvelope(FuzzedDataProvider data) {
        byte[] body = data.consumeRemainingAsBytes();
        WebhookRejectedException rejected = FuzzAssertions.onlyRejections(() -> DECRYPTOR.verify(TestSupport.request(body)));
        if (rejected != null && rejected.reason() == Reason.UNDECRYPTABLE_PAYLOAD
                && !rejected.detail().equals("payload could not be decrypted")) {
            throw new AssertionError("decryption failures must share one message");
        }
    }

    @FuzzTest
    void encryptedPlaintext(FuzzedDataProvider data) {
        String eventType = data.consumeBoolean() ? "MERCHANT_STATUS_EVENT" : data.consumeString(30);
        byte[] plaintext = data.consumeRemainingAsBytes();
        byte[] body = GivingBlock.envelope(eventType, KEY, plaintext);
        WebhookRejectedException rejected = FuzzAssertions.onlyRejections(() -> DECRYPTOR.verify(TestSupport.request(body)));
        if (rejected != null && !AFTER_DECRYPTION.contains(rejected.reason())) {
            throw new AssertionError("unexpected reason " + rejected.reason());
        }
    }
}
