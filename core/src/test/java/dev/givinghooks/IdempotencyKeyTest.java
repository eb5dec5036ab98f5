package dev.givinghooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.givinghooks.chuffed.Chuffed;
import dev.givinghooks.givingblock.GivingBlock;
import dev.givinghooks.givingblock.GivingBlockKey;
import dev.givinghooks.sirgiving.SirGiving;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Idempotency keys come from authenticated material only (DESIGN §2.1, §2.2 rule 6). */
class IdempotencyKeyTest {
    static final Instant NOW = Instant.parse("2026-05-10T09:12:00Z");

    @Test
    void sirGivingKeyIsTheEnvelopeId() {
        String secret = "whsec_00112233445566778899aabbccddeeff";
        String ts = Long.toString(NOW.getEpochSecond());
        byte[] body = "{\"id\":\"evt_Zx9\",\"type\":\"action.failed\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);
        Verified<?> verified = SirGiving.verifierBuilder().secrets(secret).clock(TestSupport.fixedAt(NOW)).build()
                .verify(TestSupport.request(body, SirGiving.TIMESTAMP_HEADER, ts, SirGiving.SIGNATURE_HEADER, SirGiving.sign(secret, ts, body)));
        assertThat(verified.idempotencyKey()).isEqualTo("sir-giving:evt_Zx9");
    }

    @Test
    void sirGivingRedeliveryAtAnotherTimeHasTheSameKey() {
        String secret = "whsec_00112233445566778899aabbccddeeff";
        byte[] body = "{\"id\":\"evt_1\",\"type\":\"action.completed\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);
        var verifier = SirGiving.verifierBuilder().secrets(secret).clock(TestSupport.fixedAt(NOW)).build();
        String first = Long.toString(NOW.getEpochSecond() - 60);
        String retry = Long.toString(NOW.getEpochSecond());
        assertThat(verifier.verify(TestSupport.request(body, SirGiving.TIMESTAMP_HEADER, first, SirGiving.SIGNATURE_HEADER,
                SirGiving.sign(secret, first, body))).idempotencyKey())
                .isEqualTo(verifier.verify(TestSupport.request(body, SirGiving.TIMESTAMP_HEADER, retry, SirGiving.SIGNATURE_HEADER,
                        SirGiving.sign(secret, retry, body))).idempotencyKey());
    }

    @Test
    void givingBlockPayloadReplayedUnderAnotherEnvelopeTypeHasTheSameKey() {
        GivingBlockKey key = GivingBlockKey.of("11".repeat(32), "22".repeat(16));
        byte[] plaintext = ("{\"id\":\"d-1\",\"eventTimestamp\":" + NOW.toEpochMilli() + "}").getBytes(StandardCharsets.UTF_8);
        var decryptor = GivingBlock.decryptorBuilder().keys(key).clock(TestSupport.fixedAt(NOW)).build();

        Verified<?> deposit = decryptor.verify(TestSupport.request(GivingBlock.envelope("DEPOSIT_TRANSACTION", key, plaintext)));
        Verified<?> replayed = decryptor.verify(TestSupport.request(GivingBlock.envelope("TRANSACTION_CONVERTED", key, plaintext)));

        assertThat(replayed.event().type()).isEqualTo("TRANSACTION_CONVERTED");
        assertThat(replayed.idempotencyKey()).isEqualTo(deposit.idempotencyKey()).startsWith("giving-block:");
    }

    @Test
    void givingBlockDifferentPayloadsHaveDifferentKeys() {
        GivingBlockKey key = GivingBlockKey.of("11".repeat(32), "22".repeat(16));
        var decryptor = GivingBlock.decryptorBuilder().keys(key).clock(TestSupport.fixedAt(NOW)).build();
        byte[] a = ("{\"id\":\"d-1\",\"eventTimestamp\":" + NOW.toEpochMilli() + "}").getBytes(StandardCharsets.UTF_8);
        byte[] b = ("{\"id\":\"d-2\",\"eventTimestamp\":" + NOW.toEpochMilli() + "}").getBytes(StandardCharsets.UTF_8);
        assertThat(decryptor.verify(TestSupport.request(GivingBlock.envelope("DEPOSIT_TRANSACTION", key, a))).idempotencyKey())
                .isNotEqualTo(decryptor.verify(TestSupport.request(GivingBlock.envelope("DEPOSIT_TRANSACTION", key, b))).idempotencyKey());
    }

    @Test
    void chuffedRecurringIterationsHaveDifferentKeys() {
        String secret = "a customer-chosen chuffed secret";
        var verifier = Chuffed.verifier(secret);
        byte[] second = "{\"data\":{\"id\":777,\"recurring\":true,\"recurring_iteration\":2}}".getBytes(StandardCharsets.UTF_8);
        byte[] third = "{\"data\":{\"id\":777,\"recurring\":true,\"recurring_iteration\":3}}".getBytes(StandardCharsets.UTF_8);
        String secondKey = verifier.verify(TestSupport.request(second, Chuffed.SIGNATURE_HEADER, Chuffed.sign(secret, second))).idempotencyKey();
        String thirdKey = verifier.verify(TestSupport.request(third, Chuffed.SIGNATURE_HEADER, Chuffed.sign(secret, third))).idempotencyKey();
        assertThat(secondKey).isEqualTo("chuffed:777:2");
        assertThat(thirdKey).isEqualTo("chuffed:777:3");
    }

    @Test
    void chuffedKeyIgnoresUnsignedHeadersAndFieldOrder() {
        String secret = "a customer-chosen chuffed secret";
        var verifier = Chuffed.verifier(secret);
        byte[] a = "{\"data\":{\"id\":5,\"recurring_iteration\":1}}".getBytes(StandardCharsets.UTF_8);
        byte[] b = "{\"data\":{\"recurring_iteration\":\"1\",\"id\":\"5\"}}".getBytes(StandardCharsets.UTF_8);
        assertThat(verifier.verify(TestSupport.request(a, Chuffed.SIGNATURE_HEADER, Chuffed.sign(secret, a), "Idempotency-Key", "forged"))
                .idempotencyKey()).isEqualTo("chuffed:5:1");
        assertThat(verifier.verify(TestSupport.request(b, Chuffed.SIGNATURE_HEADER, Chuffed.sign(secret, b))).idempotencyKey())
                .isEqualTo("chuffed:5:1");
    }
}
