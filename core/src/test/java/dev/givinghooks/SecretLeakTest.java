package dev.givinghooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.givinghooks.chuffed.Chuffed;
import dev.givinghooks.givingblock.GivingBlock;
import dev.givinghooks.givingblock.GivingBlockKey;
import dev.givinghooks.internal.Hex;
import dev.givinghooks.sirgiving.SirGiving;
import java.nio.charset.StandardCharsets;
import java.security.Security;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §2.2 rule 4: no exception message or {@code toString()} shows a configured secret, key
 * or IV (as text or hex, in either case) or the expected signature; of a received signature at
 * most the first four characters appear.
 */
class SecretLeakTest {
    static final String SIR_SECRET = "whsec_5ec2e75ec2e75ec2e75ec2e75ec2e75ec2e75ec2e75ec2e75ec2e75ec2e7a1";
    static final String CHUFFED_SECRET = "Chuffed-Secret-Never-Shown";
    static final String KEY_HEX = "9a8b7c6d5e4f30211203f4e5d6c7b8a99a8b7c6d5e4f30211203f4e5d6c7b8a9";
    static final String IV_HEX = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    static final long NOW = 1_746_876_000L;
    static final byte[] BODY = "{\"id\":\"evt_1\",\"type\":\"action.completed\"}".getBytes(StandardCharsets.UTF_8);

    /** Every form in which a configured secret could leak. */
    static List<String> forbidden() {
        List<String> forbidden = new ArrayList<>();
        for (String secret : List.of(SIR_SECRET, SIR_SECRET.substring(6), CHUFFED_SECRET, KEY_HEX, IV_HEX)) {
            forbidden.add(secret.toLowerCase(Locale.ROOT));
            forbidden.add(Hex.encode(secret.getBytes(StandardCharsets.UTF_8)));
            // A run of 8 characters of a secret is already too much.
            for (int i = 0; i + 8 <= secret.length(); i += 8) {
                forbidden.add(secret.substring(i, i + 8).toLowerCase(Locale.ROOT));
            }
        }
        for (String expected : expectedSignatures()) {
            forbidden.add(expected.toLowerCase(Locale.ROOT));
            forbidden.add(expected.substring(expected.length() - 16).toLowerCase(Locale.ROOT));
        }
        return forbidden;
    }

    static List<String> expectedSignatures() {
        String ts = Long.toString(NOW);
        return List.of(SirGiving.sign(SIR_SECRET, ts, BODY).substring(7), Chuffed.sign(CHUFFED_SECRET, BODY));
    }

    static void assertClean(String what, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String secret : forbidden()) {
            assertThat(lower).as("%s leaks a secret: %s", what, text).doesNotContain(secret);
        }
    }

    static void assertCleanFailure(String what, Runnable action) {
        Throwable thrown = catchThrowable(action::run);
        assertThat(thrown).as(what).isNotNull();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            assertClean(what, String.valueOf(t.getMessage()));
            assertClean(what, t.toString());
        }
    }

    @Test
    void configurationErrorsNameTheProblemNotTheValue() {
        assertCleanFailure("SIR hex mode", () -> SirGiving.verifierBuilder().secrets(SIR_SECRET.replace('a', 'x'))
                .keyMode(SirGiving.KeyMode.HEX_SUFFIX).build());
        assertCleanFailure("SIR short", () -> SirGiving.verifierBuilder().secrets(SIR_SECRET.substring(0, 15)).build());
        assertCleanFailure("Chuffed short", () -> Chuffed.verifier(CHUFFED_SECRET.substring(0, 15)));
        assertCleanFailure("TGB key", () -> GivingBlockKey.of(KEY_HEX + "0", IV_HEX));
        assertCleanFailure("TGB iv", () -> GivingBlockKey.of(KEY_HEX, IV_HEX + "0"));
        assertCleanFailure("TGB bad provider", () -> GivingBlock.decryptorBuilder().keys(GivingBlockKey.of(KEY_HEX, IV_HEX))
                .cryptoProvider(Security.getProvider("SUN")).build());
        assertCleanFailure("supplied short secret", () -> Chuffed.verifierBuilder().secrets(r -> List.of(CHUFFED_SECRET.substring(0, 10)))
                .build().verify(TestSupport.request(BODY, "Signature", "00".repeat(32))));
    }

    @Test
    void toStringsShowNoSecret() {
        GivingBlockKey key = GivingBlockKey.of(KEY_HEX, IV_HEX);
        List<Supplier<Object>> values = List.of(
                () -> SirGiving.verifier(SIR_SECRET),
                () -> SirGiving.verifierBuilder().secrets(SIR_SECRET, SIR_SECRET + "x").build(),
                () -> SirGiving.verifierBuilder().secrets(r -> List.of(SIR_SECRET)).build(),
                () -> Chuffed.verifier(CHUFFED_SECRET),
                () -> GivingBlock.decryptor(KEY_HEX, IV_HEX),
                () -> key,
                () -> SirGiving.verifierBuilder(),
                () -> TestSupport.request(BODY, SirGiving.SIGNATURE_HEADER, SirGiving.sign(SIR_SECRET, "1", BODY)),
                () -> verifiedSir(),
                () -> new WebhookRejectedException(Provider.CHUFFED, Reason.MALFORMED_PAYLOAD, "x", BODY));
        for (Supplier<Object> value : values) {
            Object object = value.get();
            assertClean(object.getClass().getName(), object.toString());
        }
    }

    static Verified<?> verifiedSir() {
        String ts = Long.toString(NOW);
        return SirGiving.verifierBuilder().secrets(SIR_SECRET).clock(TestSupport.fixedAt(NOW)).build()
                .verify(TestSupport.request(BODY, SirGiving.TIMESTAMP_HEADER, ts, SirGiving.SIGNATURE_HEADER, SirGiving.sign(SIR_SECRET, ts, BODY)));
    }

    @Test
    void rejectionsShowNoSecretNorExpectedSignature() {
        var sir = SirGiving.verifierBuilder().secrets(SIR_SECRET).clock(TestSupport.fixedAt(NOW)).build();
        var chuffed = Chuffed.verifier(CHUFFED_SECRET);
        var tgb = GivingBlock.decryptorBuilder().keys(GivingBlockKey.of(KEY_HEX, IV_HEX)).clock(TestSupport.fixedAt(Instant.ofEpochSecond(NOW))).build();
        String ts = Long.toString(NOW);
        String good = SirGiving.sign(SIR_SECRET, ts, BODY);
        String tampered = good.substring(0, good.length() - 1) + (good.endsWith("0") ? "1" : "0");

        assertCleanFailure("SIR mismatch", () -> sir.verify(TestSupport.request(BODY, SirGiving.TIMESTAMP_HEADER, ts, SirGiving.SIGNATURE_HEADER, tampered)));
        assertCleanFailure("SIR stale", () -> sir.verify(TestSupport.request(BODY, SirGiving.TIMESTAMP_HEADER, "1000",
                SirGiving.SIGNATURE_HEADER, SirGiving.sign(SIR_SECRET, "1000", BODY))));
        assertCleanFailure("SIR malformed", () -> sir.verify(TestSupport.request(BODY, SirGiving.TIMESTAMP_HEADER, ts, SirGiving.SIGNATURE_HEADER, good + "0")));
        assertCleanFailure("Chuffed mismatch", () -> chuffed.verify(TestSupport.request(BODY, "Signature", Chuffed.sign(CHUFFED_SECRET, BODY).replace('a', 'b')
                .replace('0', '1'))));
        assertCleanFailure("TGB wrong key", () -> tgb.verify(TestSupport.request(GivingBlock.envelope("X", GivingBlockKey.of("00".repeat(32), IV_HEX), BODY))));
        assertCleanFailure("TGB stale", () -> tgb.verify(TestSupport.request(GivingBlock.envelope("X", GivingBlockKey.of(KEY_HEX, IV_HEX),
                "{\"eventTimestamp\":1}".getBytes(StandardCharsets.UTF_8)))));
    }

    @Test
    void receivedSignaturesShowAtMostFourCharacters() {
        var sir = SirGiving.verifierBuilder().secrets(SIR_SECRET).clock(TestSupport.fixedAt(NOW)).build();
        var chuffed = Chuffed.verifier(CHUFFED_SECRET);
        String ts = Long.toString(NOW);
        String received = "sha257=abcdef0123456789";
        Throwable sirError = catchThrowable(() -> sir.verify(TestSupport.request(BODY, SirGiving.TIMESTAMP_HEADER, ts, SirGiving.SIGNATURE_HEADER, received)));
        assertThat(sirError.getMessage()).contains("'sha2…'").doesNotContain("sha257").doesNotContain("abcdef");

        String wrongLength = "0123456789abcdef0123456789abcdef";
        Throwable chuffedError = catchThrowable(() -> chuffed.verify(TestSupport.request(BODY, "Signature", wrongLength)));
        assertThat(chuffedError.getMessage()).contains("'0123…'").doesNotContain("01234");

        String nonHex = "zz" + "0".repeat(62);
        Throwable nonHexError = catchThrowable(() -> chuffed.verify(TestSupport.request(BODY, "Signature", nonHex)));
        assertThat(nonHexError.getMessage()).contains("'zz00…'").doesNotContain("zz000");

        // Control characters in what is shown are masked, so a header cannot forge log lines.
        Throwable controlError = catchThrowable(() -> chuffed.verify(TestSupport.request(BODY, "Signature", "\n\r\u0000x-forged")));
        assertThat(controlError.getMessage()).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u0000");
    }
}
