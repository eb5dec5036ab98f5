package dev.givinghooks.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.givinghooks.Reason;
import dev.givinghooks.TestSupport;
import dev.givinghooks.WebhookRejectedException;
import dev.givinghooks.WebhookVerifier;
import dev.givinghooks.chuffed.Chuffed;
import dev.givinghooks.chuffed.ChuffedEvent;
import dev.givinghooks.givingblock.GivingBlock;
import dev.givinghooks.givingblock.GivingBlockEvent;
import dev.givinghooks.givingblock.GivingBlockKey;
import dev.givinghooks.sirgiving.SirGiving;
import dev.givinghooks.sirgiving.SirGivingEvent;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes every event mapping with authentic deliveries whose JSON is shaped like each provider's
 * events, field values drawn by the fuzzer: an authentic delivery maps to a typed event or to
 * Unrecognized, or is refused as MALFORMED_PAYLOAD (or for its time) with the body kept, and
 * nothing else.
 */
class EventMappingFuzzTest {
    private static final long NOW = 1_746_876_000L;
    private static final String SECRET = "fuzz-mapping-secret-0123456789";
    private static final GivingBlockKey KEY = GivingBlockKey.of("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
            "ffeeddccbbaa99887766554433221100");
    private static final WebhookVerifier<SirGivingEvent> SIR = SirGiving.verifierBuilder().secrets(SECRET)
            .clock(TestSupport.fixedAt(NOW)).build();
    private static final WebhookVerifier<ChuffedEvent> CHUFFED = Chuffed.verifierBuilder().secrets(SECRET).build();
    private static final WebhookVerifier<GivingBlockEvent> TGB = GivingBlock.decryptorBuilder().keys(KEY)
            .clock(TestSupport.fixedAt(NOW)).build();
    private static final String[] SIR_TYPES = {"action.completed", "action.failed", "transaction.completed", "other"};
    private static final String[] TGB_TYPES = {"DEPOSIT_TRANSACTION", "TRANSACTION_CONVERTED", "MERCHANT_STATUS_EVENT", "OTHER"};

    /**
     * A JSON value the fuzzer picks: a number, a string, a boolean, null, an array or an object.
     * Always valid JSON: The Giving Block's decryptor refuses a plaintext that is not JSON as
     * UNDECRYPTABLE_PAYLOAD by design (it cannot be told from a wrong key), which is not what this
     * target examines (the first long run found the generator's own control characters that way).
     */
    private static String value(FuzzedDataProvider data, int depth) {
        return switch (depth > 2 ? data.consumeInt(0, 3) : data.consumeInt(0, 5)) {
            case 0 -> Long.toString(data.consumeLong());
            case 1 -> "\"" + text(data, 30) + "\"";
            case 2 -> data.consumeBoolean() ? "true" : "false";
            case 3 -> data.consumeBoolean() ? "null" : Double.toString(data.consumeDouble()).replace("Infinity", "1e999").replace("NaN", "0");
            case 4 -> "[" + value(data, depth + 1) + "," + value(data, depth + 1) + "]";
            default -> "{\"" + text(data, 12) + "\":" + value(data, depth + 1) + "}";
        };
    }

    /** Printable ASCII without quote or backslash: the inside of a JSON string as it stands. */
    private static String text(FuzzedDataProvider data, int length) {
        StringBuilder text = new StringBuilder();
        for (char c : data.consumeAsciiString(length).toCharArray()) {
            text.append(c < 0x20 || c == 0x7f || c == '"' || c == '\\' ? 'x' : c);
        }
        return text.toString();
    }

    private static void authentic(Runnable verify) {
        WebhookRejectedException rejected = FuzzAssertions.onlyRejections(verify);
        if (rejected == null) {
            return;
        }
        Reason reason = rejected.reason();
        if (reason != Reason.MALFORMED_PAYLOAD && reason != Reason.TIMESTAMP_TOO_OLD && reason != Reason.TIMESTAMP_IN_FUTURE
                && reason != Reason.MALFORMED_TIMESTAMP && reason != Reason.MISSING_TIMESTAMP && reason != Reason.BODY_TOO_LARGE) {
            throw new AssertionError("an authentic delivery was refused as " + reason);
        }
        if (reason == Reason.MALFORMED_PAYLOAD && rejected.authenticBody().isEmpty()) {
            throw new AssertionError("an authentic malformed body was not kept");
        }
    }

    @FuzzTest
    void sirGivingEvents(FuzzedDataProvider data) {
        String body = "{\"id\":" + (data.consumeBoolean() ? "\"evt_" + text(data, 12) + "\"" : value(data, 0))
                + ",\"type\":\"" + data.pickValue(SIR_TYPES) + "\",\"createdAt\":" + (data.consumeBoolean() ? "\"2025-05-10T11:20:00Z\"" : value(data, 0))
                + ",\"data\":{\"actionId\":" + value(data, 0) + ",\"tokensDistributed\":" + value(data, 0) + ",\"idempotencyKey\":" + value(data, 0)
                + ",\"status\":" + value(data, 0) + ",\"transactionIds\":" + value(data, 0) + ",\"error\":" + value(data, 0) + "}}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(NOW);
        authentic(() -> SIR.verify(TestSupport.request(bytes, SirGiving.TIMESTAMP_HEADER, timestamp, SirGiving.SIGNATURE_HEADER,
                SirGiving.sign(SECRET, timestamp, bytes))));
    }

    @FuzzTest
    void chuffedEvents(FuzzedDataProvider data) {
        String body = "{\"data\":{\"id\":" + value(data, 0) + ",\"created_at\":" + value(data, 0) + ",\"donation\":{\"amount\":" + value(data, 1)
                + ",\"currency\":" + value(data, 1) + "},\"total\":" + value(data, 0) + ",\"recurring\":" + value(data, 0) + ",\"perk\":"
                + value(data, 0) + ",\"identity\":" + value(data, 0) + ",\"campaign\":" + value(data, 0) + "}}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        authentic(() -> CHUFFED.verify(TestSupport.request(bytes, Chuffed.SIGNATURE_HEADER, Chuffed.sign(SECRET, bytes))));
    }

    @FuzzTest
    void givingBlockEvents(FuzzedDataProvider data) {
        String type = data.pickValue(TGB_TYPES);
        String payload = "{\"eventType\":\"" + type + "\",\"eventTimestamp\":" + (data.consumeBoolean() ? Long.toString(NOW * 1000) : value(data, 0))
                + ",\"timestamp\":" + value(data, 0) + ",\"status\":" + value(data, 0) + ",\"netValueAmount\":" + value(data, 0)
                + ",\"convertedAt\":" + value(data, 0) + ",\"mid\":" + value(data, 0) + ",\"pledgeId\":" + value(data, 0) + "}";
        byte[] envelope = GivingBlock.envelope(type, KEY, payload.getBytes(StandardCharsets.UTF_8));
        authentic(() -> TGB.verify(TestSupport.request(envelope)));
    }
}
