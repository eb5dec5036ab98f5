package dev.givinghooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.givinghooks.chuffed.Chuffed;
import dev.givinghooks.givingblock.GivingBlock;
import dev.givinghooks.givingblock.GivingBlockKey;
import dev.givinghooks.sirgiving.SirGiving;
import java.nio.charset.StandardCharsets;
import java.security.Security;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Configuration is validated at build time with a message that names the problem and never the
 * value (DESIGN §2.1), and an optional crypto provider is really used (§2.2 rule 7).
 */
class BuilderValidationTest {

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n", "   \u2003 "})
    void emptyOrBlankSecretsAreRejected(String secret) {
        assertThatThrownBy(() -> SirGiving.verifier(secret)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
        assertThatThrownBy(() -> Chuffed.verifier(secret)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
        assertThatThrownBy(() -> Chuffed.verifierBuilder().secrets(secret).allowInsecureShortSecrets().build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
    }

    @Test
    void shortSecretsAreRejectedWithoutEchoingThem() {
        String shortSecret = "tiny-secret-15b";
        assertThat(shortSecret.getBytes(StandardCharsets.UTF_8)).hasSize(15);
        assertThatThrownBy(() -> SirGiving.verifier(shortSecret)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shorter than 16 bytes").hasMessageNotContaining(shortSecret);
        assertThatThrownBy(() -> Chuffed.verifier(shortSecret)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shorter than 16 bytes").hasMessageNotContaining(shortSecret);
        // Sixteen bytes is enough.
        assertThat(Chuffed.verifier(shortSecret + "x")).isNotNull();
    }

    @Test
    void theRotatedSecretsPositionIsNamed() {
        assertThatThrownBy(() -> SirGiving.verifierBuilder().secrets("whsec_0123456789abcdef0123", "short").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("key 1:").hasMessageNotContaining("short\"");
    }

    @Test
    void allowInsecureShortSecretsAcceptsThem() {
        byte[] body = "{\"data\":{\"id\":1}}".getBytes(StandardCharsets.UTF_8);
        var chuffed = Chuffed.verifierBuilder().secrets("abc").allowInsecureShortSecrets().build();
        assertThat(chuffed.verify(TestSupport.request(body, Chuffed.SIGNATURE_HEADER, Chuffed.sign("abc", body))).keyIndex()).isZero();

        var sir = SirGiving.verifierBuilder().secrets("whsec_ab").allowInsecureShortSecrets().clock(TestSupport.fixedAt(1000)).build();
        byte[] sirBody = "{\"id\":\"evt_1\",\"type\":\"t\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(sir.verify(TestSupport.request(sirBody, SirGiving.TIMESTAMP_HEADER, "1000", SirGiving.SIGNATURE_HEADER,
                SirGiving.sign("whsec_ab", "1000", sirBody))).keyIndex()).isZero();
    }

    @Test
    void keyModesNeedTheirSecretShape() {
        assertThatThrownBy(() -> SirGiving.verifierBuilder().secrets("0123456789abcdef0123456789abcdef").keyMode(SirGiving.KeyMode.HEX_SUFFIX).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whsec_").hasMessageNotContaining("0123456789abcdef");
        assertThatThrownBy(() -> SirGiving.verifierBuilder().secrets("whsec_0123456789abcdef0123456789abcdeX").keyMode(SirGiving.KeyMode.HEX_SUFFIX).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hex").hasMessageNotContaining("0123456789abcdef");
        // whsec_ + 16 hex digits decodes to 8 bytes: too short.
        assertThatThrownBy(() -> SirGiving.verifierBuilder().secrets("whsec_0123456789abcdef").keyMode(SirGiving.KeyMode.HEX_SUFFIX).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shorter than 16 bytes");
        assertThatThrownBy(() -> SirGiving.verifierBuilder().secrets("whsec_").keyMode(SirGiving.KeyMode.UTF8_SUFFIX).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty key");
    }

    @Test
    void noSecretsAtAllAreRejected() {
        assertThatThrownBy(() -> SirGiving.verifierBuilder().build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no secrets");
        assertThatThrownBy(() -> SirGiving.verifierBuilder().secrets(List.of()).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> Chuffed.verifierBuilder().build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no secrets");
        assertThatThrownBy(() -> GivingBlock.decryptorBuilder().build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no keys");
        assertThatThrownBy(() -> GivingBlock.decryptorBuilder().keys(List.of()).build()).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "00", "0g0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e", // 31 bytes
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20", // 33 bytes
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1", // odd
            "000102030405060708090a0b0c0d0e0f"}) // AES-128 length
    void badHexKeyLengthsAreRejected(String keyHex) {
        assertThatThrownBy(() -> GivingBlockKey.of(keyHex, "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("encryption key is not 64 hex digits");
        assertThatThrownBy(() -> GivingBlock.decryptor(keyHex, "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("encryption key is not 64 hex digits");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a0a1a2a3a4a5a6a7a8a9aaabacadae", "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0", "a0a1a2a3a4a5a6a7a8a9aaabacadaexx",
            "a0a1a2a3a4a5a6a7a8a9aaabacadaea"})
    void badHexIvLengthsAreRejected(String ivHex) {
        assertThatThrownBy(() -> GivingBlockKey.of("00".repeat(32), ivHex)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("iv is not 32 hex digits");
    }

    @Test
    void keyAndIvMayBeUpperCaseAndSurroundedBySpace() {
        assertThat(GivingBlockKey.of(" " + "AB".repeat(32) + "\n", "CD".repeat(16))).isEqualTo(GivingBlockKey.of("ab".repeat(32), "cd".repeat(16)));
    }

    @Test
    void windowsAndLimitsMustBePositive() {
        String secret = "whsec_0123456789abcdef0123";
        assertThatThrownBy(() -> SirGiving.verifierBuilder().secrets(secret).tolerance(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tolerance");
        assertThatThrownBy(() -> SirGiving.verifierBuilder().secrets(secret).tolerance(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tolerance");
        assertThatThrownBy(() -> SirGiving.verifierBuilder().secrets(secret).tolerance(null).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tolerance");
        assertThatThrownBy(() -> SirGiving.verifierBuilder().secrets(secret).maxBodyBytes(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBodyBytes");
        assertThatThrownBy(() -> Chuffed.verifierBuilder().secrets(secret).maxAge(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAge");
        assertThatThrownBy(() -> Chuffed.verifierBuilder().secrets(secret).maxBodyBytes(-5).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBodyBytes");
        GivingBlockKey key = GivingBlockKey.of("00".repeat(32), "11".repeat(16));
        assertThatThrownBy(() -> GivingBlock.decryptorBuilder().keys(key).maxAge(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAge");
        assertThatThrownBy(() -> GivingBlock.decryptorBuilder().keys(key).futureSkew(Duration.ofMillis(-1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("futureSkew");
        assertThatThrownBy(() -> GivingBlock.decryptorBuilder().keys(key).maxBodyBytes(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBodyBytes");
    }

    @Test
    void builderProductsAreSnapshots() {
        var builder = Chuffed.verifierBuilder().secrets("a customer-chosen chuffed secret");
        var first = builder.build();
        builder.secrets("another chuffed secret, rotated");
        byte[] body = "{\"data\":{\"id\":1}}".getBytes(StandardCharsets.UTF_8);
        assertThat(first.verify(TestSupport.request(body, "Signature", Chuffed.sign("a customer-chosen chuffed secret", body))).keyIndex()).isZero();
    }

    // Rule 7: the configured crypto provider is the one used: a provider without the algorithm fails at build time.

    @Test
    void configuredCryptoProviderIsUsed() {
        java.security.Provider sun = Security.getProvider("SUN"); // digests only: no HMAC, no AES
        assertThat(sun).isNotNull();
        assertThatThrownBy(() -> SirGiving.verifierBuilder().secrets("whsec_0123456789abcdef0123").cryptoProvider(sun).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("crypto provider");
        assertThatThrownBy(() -> Chuffed.verifierBuilder().secrets("a customer-chosen chuffed secret").cryptoProvider(sun).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("crypto provider");
        assertThatThrownBy(() -> GivingBlock.decryptorBuilder().keys(GivingBlockKey.of("00".repeat(32), "11".repeat(16)))
                .cryptoProvider(sun).build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("crypto provider");
    }
}
