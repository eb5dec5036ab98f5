package dev.givinghooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.givinghooks.Reason;
import dev.givinghooks.TestSupport;
import dev.givinghooks.WebhookRejectedException;
import dev.givinghooks.chuffed.Chuffed;
import dev.givinghooks.givingblock.GivingBlock;
import dev.givinghooks.givingblock.GivingBlockKey;
import dev.givinghooks.sirgiving.SirGiving;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.core.JacksonException;

/**
 * Regressions for JSON numbers a sender (or anyone holding a Giving Block key) controls, found by
 * {@code GivingBlockFuzzTest}: an exponent beyond {@code int} made Jackson throw a bare
 * {@link NumberFormatException}, which escaped every verifier instead of becoming a rejection.
 */
class JsonNumberRegressionTest {
    // The fuzzer's finding: an eventTimestamp whose exponent does not fit in an int.
    static final String EXPONENT_OVERFLOW = "{\"eventTimestamp\":1641e10000000778972000}";

    @Test
    void exponentOverflowIsAJsonParseFailure() {
        assertThatThrownBy(() -> Json.parse(EXPONENT_OVERFLOW.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(JacksonException.class);
    }

    @Test
    void exponentOverflowInAnAuthenticSirBodyIsMalformedPayload() {
        byte[] body = ("{\"id\":\"evt_1\",\"type\":\"t\",\"n\":1e99999999999}").getBytes(StandardCharsets.UTF_8);
        String secret = "whsec_00112233445566778899aabbccddeeff";
        assertThatThrownBy(() -> SirGiving.verifierBuilder().secrets(secret).clock(TestSupport.fixedAt(1_746_876_000L)).build()
                .verify(TestSupport.request(body, SirGiving.TIMESTAMP_HEADER, "1746876000",
                        SirGiving.SIGNATURE_HEADER, SirGiving.sign(secret, "1746876000", body))))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_PAYLOAD));
    }

    @Test
    void exponentOverflowInAGivingBlockPlaintextIsUndecryptable() {
        GivingBlockKey key = GivingBlockKey.of("00".repeat(32), "11".repeat(16));
        byte[] body = GivingBlock.envelope("DEPOSIT_TRANSACTION", key, EXPONENT_OVERFLOW.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> GivingBlock.decryptorBuilder().keys(key).build().verify(TestSupport.request(body)))
                .isInstanceOfSatisfying(WebhookRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNDECRYPTABLE_PAYLOAD));
    }

    @Test
    void exponentOverflowInAChuffedBodyIsMalformedPayload() {
        String secret = "a customer-chosen chuffed secret";
        byte[] body = "{\"data\":{\"id\":1e99999999999}}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Chuffed.verifier(secret).verify(TestSupport.request(body, Chuffed.SIGNATURE_HEADER, Chuffed.sign(secret, body))))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_PAYLOAD));
    }

    /**
     * A number with a huge exponent read as a string (a Chuffed donation id) rendered all its
     * digits with {@code toPlainString}: a billion characters from a 30-byte body.
     */
    @Test
    @Timeout(5)
    void hugeExponentReadAsAStringIsAMisfitNotABillionDigits() {
        var node = Json.parse("{\"id\":1e999999999,\"integer\":1000,\"fraction\":1.35}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> Json.text(node, "id")).isInstanceOf(Misfit.class);
        assertThat(Json.text(node, "integer")).isEqualTo("1000");
        // Identifiers are text or integers: a fraction or exponent is never rendered as digits.
        assertThatThrownBy(() -> Json.text(node, "fraction")).isInstanceOf(Misfit.class);
        assertThatThrownBy(() -> Json.decimal(node, "id")).isInstanceOf(Misfit.class);
    }

    @Test
    @Timeout(5)
    void chuffedDonationIdWithAHugeExponentIsKeyedByDigest() {
        String secret = "a customer-chosen chuffed secret";
        byte[] body = "{\"data\":{\"id\":1e999999999}}".getBytes(StandardCharsets.UTF_8);
        String key = Chuffed.verifier(secret).verify(TestSupport.request(body, Chuffed.SIGNATURE_HEADER, Chuffed.sign(secret, body)))
                .idempotencyKey();
        assertThat(key).startsWith("chuffed:sha256:");
    }
}
